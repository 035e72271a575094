//! Speakers and questions. The English rows carry the speaker from the transcript; the
//! Chinese says who speaks by label lines (`Kevin Scott`, `主持人：`) or prefixes. A row whose
//! Chinese speaker is not its English speaker is an error; a question addressed to 你/你们 in
//! the middle of a guest's long answer is, in interviews, often the host's question merged
//! into the answer; and a question rendered as a statement (or the reverse) is a warning.

use super::{Doc, Draft, Kind, Severity};
use crate::corpus::Flag;
use std::collections::BTreeMap;
use std::ops::Range;

/// Words for the host and the guest in Chinese labels.
const HOST_WORDS: &[&str] = &["主持人", "主持", "记者", "提问", "问"];
const GUEST_WORDS: &[&str] = &["嘉宾", "受访者", "答"];

/// A guest turn at least this long (rows) counts as a long answer.
const LONG_TURN_ROWS: usize = 3;

/// The speaker a label row names, when row `i` is a label line (`Kevin Scott`, `主持人：`).
pub fn label(doc: &Doc, i: usize) -> Option<String> {
    let r = &doc.rows()[i];
    if !r.en.trim().is_empty() {
        return None;
    }
    let z = r.zh.trim().trim_end_matches([':', '：']).trim();
    if z.is_empty() || z.chars().count() > 30 {
        return None;
    }
    if doc
        .rows()
        .iter()
        .any(|x| !x.speaker.is_empty() && x.speaker.eq_ignore_ascii_case(z))
        || HOST_WORDS.contains(&z)
        || GUEST_WORDS.contains(&z)
    {
        return Some(z.to_string());
    }
    // A bare Latin name: one to four capitalised words.
    let words: Vec<&str> = z.split(' ').collect();
    let name_like = (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && w.chars()
                    .all(|c| c.is_ascii_alphabetic() || c == '.' || c == '-')
        });
    name_like.then(|| z.to_string())
}

/// A `名字：` prefix on a Chinese row: the speaker and the prefix's byte length.
fn prefix(doc: &Doc, zh: &str) -> Option<(String, usize)> {
    let (head, _) = zh.split_once(['：', ':'])?;
    let h = head.trim();
    if h.is_empty() || h.chars().count() > 20 {
        return None;
    }
    let known = doc
        .rows()
        .iter()
        .any(|x| !x.speaker.is_empty() && x.speaker.eq_ignore_ascii_case(h));
    (known || HOST_WORDS.contains(&h) || GUEST_WORDS.contains(&h)).then(|| {
        (
            h.to_string(),
            head.len() + zh[head.len()..].chars().next().map_or(0, char::len_utf8),
        )
    })
}

/// Who is host and who is guest: the guest talks most.
struct Cast {
    guest: Option<String>,
    hosts: Vec<String>,
}

impl Cast {
    fn new(talk: &BTreeMap<String, usize>) -> Cast {
        let guest = talk.iter().max_by_key(|(_, n)| **n).map(|(s, _)| s.clone());
        let hosts = talk
            .keys()
            .filter(|s| Some(*s) != guest.as_ref())
            .cloned()
            .collect();
        Cast { guest, hosts }
    }

    /// The English speaker a Chinese label stands for.
    fn resolve(&self, label: &str, known: &[String]) -> Option<String> {
        if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(label)) {
            return Some(k.clone());
        }
        if GUEST_WORDS.contains(&label) {
            return self.guest.clone();
        }
        if HOST_WORDS.contains(&label) && self.hosts.len() == 1 {
            return self.hosts.first().cloned();
        }
        // A part of the name: Kevin for Kevin Scott.
        let low = label.to_lowercase();
        let hits: Vec<&String> = known
            .iter()
            .filter(|k| {
                k.to_lowercase().split(' ').any(|p| p == low) || low.contains(&k.to_lowercase())
            })
            .collect();
        (hits.len() == 1).then(|| hits[0].clone())
    }

    fn is_host(&self, s: &str) -> bool {
        self.hosts.iter().any(|h| h == s)
    }
}

/// True when a Chinese sentence is a question.
///
/// A question mark, or 吗 at the end (吗。 is a question with the wrong stop). 么 ends a
/// question only as 吗's variant, not in 什么, 怎么, 那么, 这么, 多么; 呢 ends statements as
/// often as questions (还早呢。), so it needs the question mark.
pub fn zh_question(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || "”\"’）)".contains(c));
    let t = t.trim_end_matches(['。', '.']);
    let me = t.ends_with('么')
        && !["什么", "怎么", "那么", "这么", "多么", "要么", "为什么"]
            .iter()
            .any(|w| t.ends_with(w));
    // A question broken off (你为什么——, 他到底是谁……): a wh-word and a dash or dots.
    let broken = (t.ends_with("——") || t.ends_with('…')) && zh_wh(t);
    s.trim_end_matches(|c: char| c.is_whitespace() || "”\"’）)".contains(c))
        .ends_with(['？', '?'])
        || t.ends_with('吗')
        || me
        || broken
        || s.trim_end().ends_with('呢')
}

/// Chinese question words (什么, 谁, 怎么, 哪, 为什么, 几, 多少, 如何).
fn zh_wh(s: &str) -> bool {
    [
        "什么", "谁", "怎", "哪", "为何", "几", "多少", "如何", "那里", "啥",
    ]
    .iter()
    .any(|w| s.contains(w))
}

/// A question asked by intonation alone (还剩1108小时？, 同时改变三颗卫星的数据？): no
/// question word, no 吗/呢/吧, no A-not-A, no 是否/还是. It echoes or marvels more often
/// than it asks, and translations render it as a statement.
fn intonation_only(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || "”\"’）)？?！!。.".contains(c));
    let particle = t.ends_with(['吗', '么', '呢', '吧', '嘛', '啊', '呀']);
    let a_not_a = t
        .chars()
        .collect::<Vec<_>>()
        .windows(3)
        .any(|w| (w[1] == '不' || w[1] == '没') && w[0] == w[2]);
    !particle
        && !a_not_a
        && !zh_wh(t)
        && !["是否", "能否", "可否", "有没有", "还是", "难道", "岂"]
            .iter()
            .any(|w| t.contains(w))
}

/// A rhetorical question: it asserts (难道……？ "surely not", 岂……？, 何必……？), so an
/// English statement or exclamation renders it faithfully.
pub fn zh_rhetorical(s: &str) -> bool {
    [
        "难道",
        "岂",
        "何必",
        "何尝",
        "何苦",
        "怎能",
        "怎么能",
        "怎么可能",
        "哪能",
        "谁知道",
        "何况",
        "谁说",
        "谁要",
        "有什么用",
        "那里还",
        "哪里还",
        "那里话",
        "哪里话",
        "哪能",
        "怎么敢",
    ]
    .iter()
    .any(|w| s.contains(w))
        || wh_ne(s)
        || wh_not(s)
}

/// A wh-question that negates (怎么不借给……？, 为什么没胆子？, 什么不要脸了？) reproaches
/// or asserts: rhetorical.
fn wh_not(s: &str) -> bool {
    ["什么", "怎么", "为什么", "谁", "哪", "那里"]
        .iter()
        .any(|w| s.contains(w))
        && (s.contains('不') || s.contains('没'))
}

/// A Chinese question that asks for an answer the English would have to ask too: not
/// rhetorical, not a tag or a supposition (……吧？, ……，是不是？, ……？！), not an echo of a
/// few words (“3K眼镜？”).
fn plain_question(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || "”\"’）)".contains(c));
    let han = t
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    zh_question(s)
        && !zh_rhetorical(s)
        && !intonation_only(s)
        && han >= 6
        && !t.ends_with(['！', '!'])
        && !t.trim_end_matches(['？', '?']).ends_with(['吧', '呢'])
        && !t.trim_end_matches(['？', '?']).ends_with("是不是")
        && !t.trim_end_matches(['？', '?']).ends_with("对不对")
}

/// 怎么……呢？, 什么……呢？, 哪里……呢？, 谁……呢？: a wh-question closed by 呢 that the
/// English renders as a statement is, in narrative, rhetorical (怎么叫你空回去呢? "we can't
/// let you go back empty-handed"); a real one keeps its question in the English and raises
/// nothing either way.
fn wh_ne(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || "”\"’）)？?！!。".contains(c));
    t.ends_with('呢')
        && ["怎么", "什么", "哪里", "哪儿", "谁"]
            .iter()
            .any(|w| t.contains(w))
}

/// English words that make a caption stretch a question even without its question mark
/// (auto-captions have none): a wh-word or an auxiliary before a pronoun (or a wh-word
/// before an auxiliary).
fn en_question_form(en: &str) -> bool {
    let words: Vec<String> = en
        .split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    const WH: &[&str] = &[
        "what", "why", "how", "who", "whom", "whose", "where", "when", "which", "whether",
    ];
    const AUX: &[&str] = &[
        "do", "does", "did", "is", "are", "was", "were", "can", "could", "will", "would", "shall",
        "should", "have", "has", "had", "may", "might", "must", "isn't", "aren't", "wasn't",
        "don't", "doesn't", "didn't", "can't", "won't", "wouldn't", "couldn't",
    ];
    const PRON: &[&str] = &[
        "i", "you", "he", "she", "it", "we", "they", "there", "this", "that",
    ];
    // A wh-word counts with an auxiliary or pronoun after it ("what do", "why he"): a lone
    // "what" at a caption's edge may begin the next sentence as well as this one.
    words.windows(2).any(|p| {
        (WH.contains(&p[0].as_str())
            && (AUX.contains(&p[1].as_str()) || PRON.contains(&p[1].as_str())))
            || (AUX.contains(&p[0].as_str()) && PRON.contains(&p[1].as_str()))
    }) || en.contains('?')
}

/// True when a Chinese question is addressed to the listener (你, 你们, 您), not a "you know".
fn addressed(s: &str) -> bool {
    let mut rest = s;
    while let Some(p) = rest.find(['你', '您']) {
        let after = &rest[p + '你'.len_utf8()..];
        // Generic "you": 你知道 (you know), 你看, 你可以想象 (you can imagine), 你就 (then you).
        let generic = ["知道", "看", "想想", "可以想象", "就", "们知道"];
        if !generic.iter().any(|g| after.starts_with(g)) {
            return true;
        }
        rest = after;
    }
    false
}

/// The sentences of a Chinese text, as byte ranges ending after 。！？ (or at the end).
pub fn zh_sentences(zh: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in zh.char_indices() {
        if "。！？!?".contains(c) && i >= start {
            let mut end = i + c.len_utf8();
            // ？！ and ！？ end one sentence, as do the closing quotes after it.
            while zh[end..].starts_with(['”', '’', '）', ')', '！', '？', '!', '?']) {
                end += zh[end..].chars().next().map_or(1, char::len_utf8);
            }
            if end > start && !zh[start..end].trim().is_empty() {
                out.push(start..end);
            }
            start = end;
        }
    }
    if start < zh.len() && !zh[start..].trim().is_empty() {
        out.push(start..zh.len());
    }
    out
}

/// Speaker and question findings.
pub fn check(doc: &Doc) -> Vec<Draft> {
    let rows = doc.rows();
    let mut known: Vec<String> = Vec::new();
    for r in rows {
        if !r.speaker.is_empty() && !known.contains(&r.speaker) {
            known.push(r.speaker.clone());
        }
    }
    // The Chinese speaker of each row, from labels and prefixes.
    let mut zh_speaker: Vec<Option<String>> = Vec::with_capacity(rows.len());
    let mut current: Option<String> = None;
    let mut is_label = vec![false; rows.len()];
    for (i, r) in rows.iter().enumerate() {
        if let Some(l) = label(doc, i) {
            current = Some(l);
            is_label[i] = true;
        } else if let Some((p, _)) = prefix(doc, &r.zh) {
            current = Some(p);
        } else if r.has(Flag::Heading) {
            current = None;
        }
        // Without English, a row's speaker can only have come from the Chinese article.
        if !doc.has_english && !r.speaker.is_empty() && !is_label[i] {
            zh_speaker.push(Some(r.speaker.clone()));
            continue;
        }
        zh_speaker.push(current.clone());
    }
    // How much each speaker says: English speakers when known, else Chinese labels.
    let mut talk: BTreeMap<String, usize> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        let who = if !r.speaker.is_empty() {
            Some(r.speaker.clone())
        } else {
            zh_speaker[i].clone().filter(|_| !is_label[i])
        };
        if let Some(w) = who {
            *talk.entry(w).or_default() += r.en.len().max(r.zh.len());
        }
    }
    let cast = Cast::new(&talk);
    let names: Vec<String> = if known.is_empty() {
        talk.keys().cloned().collect()
    } else {
        known.clone()
    };
    let resolved: Vec<Option<String>> = zh_speaker
        .iter()
        .map(|s| s.as_deref().and_then(|l| cast.resolve(l, &names)))
        .collect();

    let mut out = Vec::new();
    let mut mismatched = vec![false; rows.len()];
    // 1. The Chinese speaker differs from the English one.
    for (i, r) in rows.iter().enumerate() {
        if is_label[i] || r.speaker.is_empty() || r.en.trim().is_empty() || r.zh.trim().is_empty() {
            continue;
        }
        let Some(zs) = &resolved[i] else { continue };
        if *zs == r.speaker {
            continue;
        }
        mismatched[i] = true;
        let question = zh_question(&r.zh);
        let message = if question && cast.is_host(&r.speaker) {
            format!(
                "{}'s question is merged into {}'s answer in the Chinese",
                r.speaker, zs
            )
        } else {
            format!(
                "spoken by {} in the English, by {} in the Chinese",
                r.speaker, zs
            )
        };
        out.push(
            Draft::new(Kind::Speaker, Severity::Error, i, message)
                .zh(0..r.zh.len())
                .evidence(format!("{}|{}", r.speaker, zs)),
        );
    }
    // 2. A question addressed to the listener inside a guest's long answer (Chinese turns).
    let mut i = 0;
    while i < rows.len() {
        let who = resolved[i].clone().or_else(|| zh_speaker[i].clone());
        let start = i;
        while i + 1 < rows.len()
            && !is_label[i + 1]
            && resolved[i + 1]
                .clone()
                .or_else(|| zh_speaker[i + 1].clone())
                == who
        {
            i += 1;
        }
        let turn: Vec<usize> = (start..=i)
            .filter(|&k| !is_label[k] && !rows[k].zh.trim().is_empty())
            .collect();
        i += 1;
        let Some(who) = who else { continue };
        let guest =
            cast.guest.as_deref() == Some(who.as_str()) || GUEST_WORDS.contains(&who.as_str());
        if !guest || turn.len() < LONG_TURN_ROWS {
            continue;
        }
        for &k in &turn {
            let r = &rows[k];
            if mismatched[k] || (!r.speaker.is_empty() && r.en.contains('?')) {
                // Either already a speaker finding, or the English has the guest ask it too.
                continue;
            }
            let zh = doc.zh_without_notes(k);
            for s in zh_sentences(&zh) {
                let sent = &zh[s.clone()];
                if zh_question(sent) && addressed(sent) {
                    out.push(
                        Draft::new(
                            Kind::Question,
                            Severity::Warning,
                            k,
                            format!(
                                "a question to 你/你们 inside {who}'s long answer: often the host's question merged into the answer"
                            ),
                        )
                        .zh(s.clone())
                        .evidence(sent.to_string()),
                    );
                }
            }
        }
    }
    // 3. A question turned statement, or the reverse. Reported only where nothing nearby
    // answers it: a question the alignment put one row off, or the other side's question in
    // a neighbouring row, is the same question (on the clean set these were most of the
    // false alarms; docs/drift.md).
    out.extend(question_turned(doc, &mismatched));
    // 4. A reply that crossed a speaker turn.
    out.extend(reply_crossing(doc));
    out
}

/// English replies that open a turn on their own ("Yes.", "Of course.").
const EN_REPLIES: &[&str] = &[
    "yes",
    "yeah",
    "yep",
    "no",
    "nope",
    "right",
    "sure",
    "exactly",
    "absolutely",
    "definitely",
    "of course",
    "okay",
    "ok",
    "correct",
    "true",
    "indeed",
    "totally",
    "mm-hmm",
    "uh-huh",
];

/// Their Chinese (是的。, 对。, 没错。, 当然。).
const ZH_REPLIES: &[&str] = &[
    "是的",
    "是啊",
    "是",
    "对",
    "对的",
    "对啊",
    "没错",
    "当然",
    "当然了",
    "好的",
    "好",
    "嗯",
    "不是",
    "不",
    "没有",
    "确实",
    "绝对",
    "没问题",
    "可以",
    "正是",
    "对对",
    "是是",
];

/// The Chinese of a reply sentence, without its punctuation and quotes.
fn bare(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || "。！？!?.,，、“”\"'‘’：:…—".contains(c))
}

/// A short reply at the start of the next speaker's English ("Yes. We tried it") whose
/// Chinese (是的。) ends the previous speaker's row instead: the alignment moved the answer
/// into the question's turn, and the reader of the Chinese sees the host answer himself.
fn reply_crossing(doc: &Doc) -> Vec<Draft> {
    let rows = doc.rows();
    let mut out = Vec::new();
    for i in 0..rows.len().saturating_sub(1) {
        let (a, b) = (&rows[i], &rows[i + 1]);
        if a.speaker.is_empty() || b.speaker.is_empty() || a.speaker == b.speaker {
            continue;
        }
        let opening =
            b.en.split(['.', '!', '?', ','])
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
        if !EN_REPLIES.contains(&opening.as_str()) {
            continue;
        }
        let zh_a = doc.zh_without_notes(i);
        let Some(last) = zh_sentences(&zh_a).last().cloned() else {
            continue;
        };
        // The last sentence, or its last comma-separated part (……吗？是的。 is two sentences;
        // ……吧，是的。 one).
        let tail = &zh_a[last.clone()];
        let tail_bare = bare(tail.rsplit(['，', ',']).next().unwrap_or(tail));
        let zh_b = doc.zh_without_notes(i + 1);
        let head = bare(
            zh_b.split(['。', '！', '？', '，', ',', '!', '?'])
                .next()
                .unwrap_or(""),
        );
        if !ZH_REPLIES.contains(&tail_bare) || ZH_REPLIES.iter().any(|r| head.starts_with(r)) {
            continue;
        }
        let at = zh_a.rfind(tail_bare).unwrap_or(last.start);
        out.push(
            Draft::new(
                Kind::Speaker,
                Severity::Warning,
                i,
                format!(
                    "the reply “{tail_bare}” ends {}'s row in the Chinese, but it is {}'s answer (“{}” opens the next turn)",
                    a.speaker,
                    b.speaker,
                    b.en.split(['.', '!', '?', ',']).next().unwrap_or("").trim()
                ),
            )
            .zh(at..at + tail_bare.len())
            .evidence(format!("{}|{}|{tail_bare}", a.speaker, b.speaker)),
        );
    }
    out
}

/// Questions per row: (Chinese question sentences, of which not rhetorical, English `?`).
fn question_counts(doc: &Doc) -> Vec<(usize, usize, usize)> {
    (0..doc.rows().len())
        .map(|i| {
            let zh = doc.zh_without_notes(i);
            let qs: Vec<&str> = zh_sentences(&zh)
                .into_iter()
                .map(|s| &zh[s])
                .filter(|s| zh_question(s))
                .collect();
            let real = qs.iter().filter(|s| plain_question(s)).count();
            // 吗 inside a sentence (说你好了吗，带这些东西上哪儿。) asks too.
            let inner = zh.matches("吗，").count() + zh.matches("吗,").count();
            (
                qs.len() + inner,
                real,
                doc.rows()[i].en.matches('?').count(),
            )
        })
        .collect()
}

/// A clause-initial auxiliary before a pronoun or determiner (were these, was it, did you):
/// the question form of captions, which carry no question mark. Clause-initial means at the
/// row's start or after a coordinator (or then again was it …); inside a clause "that was
/// it" is a statement.
fn caption_question(en: &str) -> bool {
    // Kept by the text while the workbench's check runs ([`super::cache::memo`]).
    super::cache::memo("speakers::caption_question", &[en], || {
        caption_question_computed(en)
    })
}

/// [`caption_question`], computed.
fn caption_question_computed(en: &str) -> bool {
    let words: Vec<String> = en
        .split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    const AUX: &[&str] = &[
        "do", "does", "did", "is", "are", "was", "were", "can", "could", "will", "would", "should",
        "have", "has", "had", "isn't", "aren't", "wasn't", "don't", "doesn't", "didn't", "can't",
        "won't", "wouldn't", "couldn't",
    ];
    const SUBJ: &[&str] = &[
        "i", "you", "he", "she", "it", "we", "they", "these", "those", "this", "there",
    ];
    const OPEN: &[&str] = &["or", "again", "then", "so", "but", "and", "well"];
    (0..words.len().saturating_sub(1)).any(|k| {
        AUX.contains(&words[k].as_str())
            && SUBJ.contains(&words[k + 1].as_str())
            && (k == 0 || OPEN.contains(&words[k - 1].as_str()))
    })
}

/// English words that report a question rather than ask it ("asked her her business", "ask
/// him if he was all right", "I wonder"): the Chinese direct question is rendered.
fn indirect(en: &str) -> bool {
    let low = en.to_ascii_lowercase();
    [
        "ask",
        "wonder",
        "inquir",
        "whether",
        "want to know",
        "wanted to know",
    ]
    .iter()
    .any(|w| low.contains(w))
}

/// English question words, for embedded questions ("hard to say how he may prove", "you'll
/// never guess who that is").
const EN_WH: &[&str] = &[
    "what", "who", "whom", "whose", "how", "why", "where", "which", "whether", "what's", "who's",
    "whatever",
];

/// True when every plain Chinese question of row `i` asks with a question word, and the
/// English row (on captions also the end of the previous row and the start of the next,
/// where a caption cut leaves the question word) has a question word: the English carries
/// the question as an embedded one (知道他如今是怎样? ↔ "hard to say how he may prove";
/// 你打量……是谁? ↔ "You'll never guess who that is").
fn wh_rendered(doc: &Doc, i: usize, captions: bool) -> bool {
    let zh = doc.zh_without_notes(i);
    let qs: Vec<&str> = zh_sentences(&zh)
        .into_iter()
        .map(|s| &zh[s])
        .filter(|s| plain_question(s))
        .collect();
    if qs.is_empty() || !qs.iter().all(|q| zh_wh(q)) {
        return false;
    }
    let words = |en: &str| -> Vec<String> {
        en.split(|c: char| !c.is_ascii_alphabetic() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .map(|w| w.to_ascii_lowercase().replace('’', "'"))
            .collect()
    };
    let rows = doc.rows();
    let mut en = words(&rows[i].en);
    if captions {
        if let Some(p) = i.checked_sub(1).and_then(|p| rows.get(p)) {
            let w = words(&p.en);
            en.extend(w[w.len().saturating_sub(3)..].iter().cloned());
        }
        if let Some(n) = rows.get(i + 1) {
            en.extend(words(&n.en).into_iter().take(3));
        }
    }
    en.iter().any(|w| EN_WH.contains(&w.as_str()))
}

/// Whether the English questions of a row ask something a Chinese statement would lose.
/// Not: a tag ("…, do you?", "don't you?"), a polite request ("Could I trouble…?", "will you
/// keep them company?"), "I wonder …?", and a wh-question that the Chinese answers with an
/// exclamation, a negation or a rhetorical word (What's the sense…? ↔ 在家跳蹋也没用！):
/// rhetorical questions are rendered as assertions. 不知 / 不晓得 before a question word
/// (不知是那一个行当儿上的 "I wonder which trade she is in") reports the question: it is no
/// negation that could answer it. Returns how many questions ask plainly.
fn asks_plainly(en: &str, zh: &str) -> usize {
    let plain = without_wondering(zh);
    let negates = super::meaning::zh_has_negator(&plain);
    let assertive = zh.contains(['！', '!']) || negates || zh_rhetorical(&plain);
    let mut from = 0;
    let mut any = 0;
    for (q, _) in en.match_indices('?') {
        let sentence = &en[from..q];
        from = q + 1;
        // The question starts after the last sentence end or opening quote; an apostrophe
        // between letters (What's, didn't) is no quote.
        let chars: Vec<(usize, char)> = sentence.char_indices().collect();
        let start = chars
            .iter()
            .enumerate()
            .rev()
            .find(|&(n, &(_, c))| {
                let inside_word = matches!(c, '\'' | '’')
                    && n > 0
                    && chars[n - 1].1.is_alphabetic()
                    && chars.get(n + 1).is_some_and(|x| x.1.is_alphabetic());
                matches!(c, '.' | '!' | '?' | '\'' | '‘' | '"' | '“' | ':' | ';') && !inside_word
            })
            .map_or(sentence, |(_, &(k, c))| &sentence[k + c.len_utf8()..]);
        let words: Vec<String> = start
            .split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let w = |k: usize| words.get(k).map_or("", String::as_str);
        // "And yet, was Columbia …?": skip an opening conjunction.
        let k0 = usize::from(matches!(w(0), "and" | "but" | "so" | "well" | "yet"))
            + usize::from(w(1) == "yet" && w(0) == "and");
        let first = w(k0);
        let tag = sentence.rfind(',').is_some_and(|c| {
            let tail: Vec<&str> = sentence[c + 1..].split_whitespace().collect();
            tail.len() == 2
        });
        let request = matches!(first, "could" | "would" | "will" | "can" | "may")
            && matches!(w(k0 + 1), "i" | "you" | "we");
        let wonder = words.windows(2).any(|p| p[0] == "i" && p[1] == "wonder");
        let is_wh = |w: &str| {
            matches!(
                w,
                "what" | "who" | "how" | "why" | "where" | "whose" | "what's" | "who's" | "which"
            )
        };
        // The wh-word opens the question or its last clause ("Oh Grannie, how can you …?",
        // "Faced with so much, what principle should …?").
        let last_clause = start.rsplit(',').next().unwrap_or(start);
        let clause_first = last_clause
            .split(|c: char| !c.is_ascii_alphabetic() && c != '\'' && c != '’')
            .find(|w| !w.is_empty())
            .map(|w| w.to_ascii_lowercase().replace('’', "'"))
            .unwrap_or_default();
        let wh = is_wh(first) || is_wh(&clause_first);
        // An echo ("Is that right?", "Really?", "Did he?"): a reaction, often said as a
        // statement (那也不见得).
        const ECHO: &[&str] = &[
            "is", "was", "are", "were", "do", "does", "did", "has", "have", "had", "that", "it",
            "so", "right", "really", "true", "oh", "eh", "indeed", "you", "he", "she", "they",
            "we", "i", "isn't", "wasn't", "aren't", "don't", "didn't", "is't",
        ];
        let echo = words.len() <= 3 && words.iter().all(|w| ECHO.contains(&w.as_str()));
        if tag || request || wonder || echo || wh && assertive {
            continue;
        }
        any += 1;
    }
    any
}

/// The Chinese with "I wonder" (不知, 不知道, 不晓得 followed in the same clause by a
/// question word: 不知是那一个行当儿上的) taken out, so that its 不 is not read as a negation.
fn without_wondering(zh: &str) -> String {
    const WONDER: &[&str] = &["不知道", "不晓得", "不知"];
    const WH: &[&str] = &["哪", "那一", "什么", "谁", "怎", "几", "何", "是否", "多少"];
    let mut out = zh.to_string();
    for w in WONDER {
        while let Some(at) = out.find(w) {
            let rest = &out[at + w.len()..];
            let clause = rest
                .split(['，', '。', '；', '！', '？', ',', ';'])
                .next()
                .unwrap_or("");
            if !WH.iter().any(|q| clause.contains(q)) {
                break;
            }
            out.replace_range(at..at + w.len(), "");
        }
    }
    out
}

/// A question turned statement (the English asks, no Chinese question in the row or its
/// neighbours that their own English does not already claim) or the reverse (a Chinese
/// question that is not rhetorical, with no question in the English of the row or its
/// neighbours).
fn question_turned(doc: &Doc, mismatched: &[bool]) -> Vec<Draft> {
    let rows = doc.rows();
    let captions = doc.has_english && !rows.iter().any(|r| r.en.contains(['?', '.']));
    let q = question_counts(doc);
    let bilingual: Vec<bool> = (0..rows.len())
        .map(|i| !rows[i].zh.trim().is_empty() && !rows[i].en.trim().is_empty())
        .collect();
    let near = |i: usize| {
        [i.wrapping_sub(1), i + 1]
            .into_iter()
            .filter(|&j| j < rows.len())
    };
    let mut out = Vec::new();
    for (i, r) in doc.bilingual() {
        if mismatched[i] {
            continue;
        }
        let (zh_all, zh_real, en_q) = q[i];
        // Chinese questions a neighbour's English does not claim.
        let spare: usize = near(i).map(|j| q[j].0.saturating_sub(q[j].2)).sum();
        // How many questions the English asks plainly: two against one spare Chinese
        // question next door leave one the Chinese states.
        let en_asks_n = if captions {
            usize::from(caption_question(&r.en))
        } else if en_q > 0 {
            asks_plainly(&r.en, &doc.zh_without_notes(i))
        } else {
            0
        };
        let en_asks = en_asks_n > 0;
        let en_near = near(i)
            .any(|j| bilingual[j] && (q[j].2 > 0 || captions && caption_question(&rows[j].en)));
        let message = if en_asks && zh_all == 0 && spare < en_asks_n {
            "the English asks a question; the Chinese states it"
        } else if !en_asks
            && en_q == 0
            && zh_real > 0
            && !en_near
            && !indirect(&r.en)
            && !wh_rendered(doc, i, captions)
            // "Twisting my arm like that!" for 拗人手臂么？: a rhetorical question exclaimed.
            && !r.en.contains('!')
            && !(captions
                && (en_question_form(&r.en) || near(i).any(|j| en_question_form(&rows[j].en))))
        {
            "the Chinese asks a question the English does not"
        } else {
            continue;
        };
        out.push(
            Draft::new(Kind::Question, Severity::Info, i, message)
                .zh(0..r.zh.len())
                .en(0..r.en.len()),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_recognised() {
        assert!(zh_question("你是怎么想的？"));
        assert!(zh_question("你是怎么想的?"));
        assert!(zh_question("你觉得呢"));
        assert!(!zh_question("我是这样想的。"));
        assert!(zh_question("你去吗。"));
        for s in [
            "这是为什么。",
            "他就是那么。",
            "还早呢。",
            "不知道该怎么办才好，多么。",
        ] {
            assert!(!zh_question(s), "{s}");
        }
        assert!(zh_rhetorical("难道真要由一个麻风病人去消受？"));
        assert!(en_question_form("so what do you think about that"));
        assert!(en_question_form("did you see it"));
        assert!(!en_question_form("you know this is impossible"));
        assert!(!en_question_form("know that's impossible what"));
        assert!(addressed("你怎么看？"));
        assert!(!addressed("你知道，这很难？"));
    }

    fn turns(rows: &[(&str, &str, &str)]) -> crate::corpus::Corpus {
        crate::corpus::Corpus {
            rows: rows
                .iter()
                .map(|(who, zh, en)| crate::corpus::Row {
                    speaker: who.to_string(),
                    zh: zh.to_string(),
                    en: en.to_string(),
                    ..crate::corpus::Row::default()
                })
                .collect(),
            ..crate::corpus::Corpus::default()
        }
    }

    #[test]
    fn a_reply_that_crossed_a_speaker_turn_is_flagged() {
        let crossed = turns(&[
            (
                "Elad Gil",
                "你们试过开源模型吗？是的。",
                "Have you tried open models?",
            ),
            (
                "Kevin Scott",
                "我们去年就试过了。",
                "Yes. We tried them last year.",
            ),
        ]);
        let found = reply_crossing(&Doc::new(&crossed));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].row, 0);
        assert_eq!(found[0].kind, Kind::Speaker);
        // The reply where it belongs, or a row that merely ends on 对 as a word: nothing.
        for rows in [
            [
                (
                    "Elad Gil",
                    "你们试过开源模型吗？",
                    "Have you tried open models?",
                ),
                (
                    "Kevin Scott",
                    "是的。我们去年就试过了。",
                    "Yes. We tried them last year.",
                ),
            ],
            [
                ("Elad Gil", "这一点我们说对。", "We got that right."),
                (
                    "Kevin Scott",
                    "是的，我们去年就试过了。",
                    "Yes, we tried them last year.",
                ),
            ],
            [
                ("Elad Gil", "你们试过吗？是的。", "Have you tried? Yes."),
                (
                    "Elad Gil",
                    "我们去年就试过了。",
                    "Yes. We tried them last year.",
                ),
            ],
        ] {
            let found = reply_crossing(&Doc::new(&turns(&rows)));
            assert!(found.is_empty(), "{found:#?}");
        }
    }

    #[test]
    fn sentences_split_on_full_stops() {
        let zh = "第一句。第二句？“第三句！”最后";
        let s: Vec<&str> = zh_sentences(zh).into_iter().map(|r| &zh[r]).collect();
        assert_eq!(s, ["第一句。", "第二句？", "“第三句！”", "最后"]);
    }
}
