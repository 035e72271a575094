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
    s.trim_end_matches(|c: char| c.is_whitespace() || "”\"’）)".contains(c))
        .ends_with(['？', '?'])
        || t.ends_with('吗')
        || me
        || s.trim_end().ends_with('呢')
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
    ]
    .iter()
    .any(|w| s.contains(w))
        || wh_ne(s)
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
        if "。！？!?".contains(c) {
            let mut end = i + c.len_utf8();
            while zh[end..].starts_with(['”', '’', '）', ')']) {
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
    // 3. A question turned statement, or the reverse.
    let captions = doc.has_english && !doc.rows().iter().any(|r| r.en.contains(['?', '.']));
    for (i, r) in doc.bilingual() {
        if mismatched[i] {
            continue;
        }
        let zh = doc.zh_without_notes(i);
        let en_q = r.en.matches('?').count();
        // Rhetorical questions assert: an English statement renders them well.
        // ... but a rhetorical question still answers an English question.
        let questions: Vec<&str> = zh_sentences(&zh)
            .iter()
            .map(|s| &zh[s.clone()])
            .filter(|s| zh_question(s))
            .collect();
        let zh_any = !questions.is_empty();
        let zh_q = questions.iter().filter(|s| !zh_rhetorical(s)).count();
        // Captions carry no question marks: a Chinese question is unmatched only when the
        // English has no question form at all (no wh-word, no auxiliary before a pronoun).
        if en_q == 0 && zh_q > 0 && captions && en_question_form(&r.en) {
            continue;
        }
        let message = if en_q > 0 && !zh_any {
            "the English asks a question; the Chinese states it"
        } else if en_q == 0 && zh_q > 0 {
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

    #[test]
    fn sentences_split_on_full_stops() {
        let zh = "第一句。第二句？“第三句！”最后";
        let s: Vec<&str> = zh_sentences(zh).into_iter().map(|r| &zh[r]).collect();
        assert_eq!(s, ["第一句。", "第二句？", "“第三句！”", "最后"]);
    }
}
