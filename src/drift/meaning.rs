//! Meaning-level warning signs a reviewer should look at: a negation on one side only, a
//! length ratio far outside the document's own, a very low alignment score.

use super::{Doc, Draft, Kind, Severity};
use crate::align::lexicon::{is_stop_word, key, stem, Lexicon};
use std::collections::HashSet;
use std::ops::Range;

/// What a Chinese text can be a translation of, word by word: the CC-CEDICT glosses of its
/// words and characters, the Latin words it carries verbatim and the pinyin of its
/// characters (single and in pairs, for names: 王 wang, 佩珍 peizhen). A check asks it
/// whether an English word is rendered in the text, to tell a closely rendered sentence
/// (where a missing negation, or a parenthesis that says what the English says, means
/// something) from a free one.
pub struct Glosses {
    keys: HashSet<u32>,
    verbatim: HashSet<String>,
}

impl Glosses {
    /// The glosses of a Chinese text.
    pub fn of(zh: &str) -> Glosses {
        let lex = Lexicon::get();
        let mut keys = HashSet::new();
        let mut verbatim = HashSet::new();
        let chars: Vec<(usize, char)> = zh.char_indices().collect();
        let mut k = 0;
        while k < chars.len() {
            let (start, c) = chars[k];
            let mut e = k;
            if crate::text::is_han(c) {
                while e < chars.len() && crate::text::is_han(chars[e].1) {
                    e += 1;
                }
                let end = chars.get(e).map_or(zh.len(), |x| x.0);
                let run = &zh[start..end];
                for w in lex.segment(run) {
                    keys.extend(lex.glosses(&run[w]));
                }
                // Words inside longer words too (理由 in 正当理由 "justification").
                let bounds: Vec<usize> = chars[k..e].iter().map(|x| x.0 - start).collect();
                for a in 0..bounds.len() {
                    for b in a + 2..=(a + 4).min(bounds.len()) {
                        let to = bounds.get(b).copied().unwrap_or(run.len());
                        keys.extend(lex.glosses(&run[bounds[a]..to]));
                    }
                }
                let mut prev: Vec<&str> = Vec::new();
                for &(_, h) in &chars[k..e] {
                    let mut b = [0u8; 4];
                    let h = h.encode_utf8(&mut b);
                    keys.extend(lex.glosses(h));
                    let now: Vec<&str> = lex.readings(h).take(3).collect();
                    for r in &now {
                        verbatim.insert((*r).to_string());
                        for p in &prev {
                            verbatim.insert(format!("{p}{r}"));
                        }
                    }
                    prev = now;
                }
            } else if c.is_ascii_alphanumeric() {
                while e < chars.len() && chars[e].1.is_ascii_alphanumeric() {
                    e += 1;
                }
                let end = chars.get(e).map_or(zh.len(), |x| x.0);
                verbatim.insert(zh[start..end].to_ascii_lowercase());
            } else {
                e += 1;
            }
            k = e.max(k + 1);
        }
        Glosses { keys, verbatim }
    }

    /// True when the English word (any case, possessive or plural) is rendered in the text.
    pub fn supports(&self, word: &str) -> bool {
        let mut w = word.to_ascii_lowercase().replace(['’', '\''], "");
        if self.verbatim.contains(&w) {
            return true;
        }
        if let Some(s) = w.strip_suffix('s') {
            if self.verbatim.contains(s) {
                return true;
            }
        }
        let k = key(stem(&mut w));
        self.keys.contains(&k)
    }
}

/// Single characters that carry grammar rather than content.
pub(crate) const ZH_FUNCTION: &str = "的地得了在是和与及而被把就也都又这那其之为对从等即如或着过个一所以于向将让使比更很最还再并且但则它他她们我你";

/// True when a parenthesis in the Chinese (`note`, a byte range of `zh`) says what the
/// row's English says, so that it is part of the translation, not a translator's note:
/// either at least two in five of its content words (lexicon words; grammar characters and
/// words glossed only by function words left out) gloss a word of the English
/// (（如泰勒主义） for "such as Taylorism"), or it renders an English word that nothing else
/// in the row renders (（罗珀组织……） carrying "the Roper Organization", （有其正当理由）
/// "with justification"). A note explains what the English leaves implicit: its words match
/// nothing, or only what the sentence says already (（即导致偏微分方程的因素） next to
/// 常微分方程).
pub fn renders_english(zh: &str, note: Range<usize>, en: &str) -> bool {
    let Some(part) = zh.get(note.clone()) else {
        return false;
    };
    // The original term quoted, then an explanation (（credit union，美国一种由会员所有的
    // 非营利金融机构）): the term is the English's own word, the explanation is the note.
    if let Some(explanation) = after_original_term(part, en) {
        return glossed_share(explanation, en) >= 0.4;
    }
    if mirrors_connective(zh, note.clone(), en) {
        return true;
    }
    let mut rest = zh.to_string();
    rest.replace_range(note, "，");
    let (inside, outside) = (Glosses::of(part), Glosses::of(&rest));
    let unique = en_content_words(en)
        .into_iter()
        .map(|r| &en[r])
        .any(|w| inside.supports(w) && !outside.supports(w));
    unique || glossed_share(part, en) >= 0.4
}

/// Connectives that open a parenthesis, with the English words that say the same: an example
/// (（如反质子） ↔ "such as antiprotons"), a means (（通过调研） ↔ "obtained through surveys"), an
/// apposition (（即常微分方程） ↔ "that is, one employing ordinary differential equations").
const CONNECTIVES: &[(&[&str], &[&str])] = &[
    (
        &["例如", "比如", "譬如", "诸如", "如"],
        &[
            "such as",
            "e.g.",
            "for example",
            "for instance",
            "including",
        ],
    ),
    (
        &["通过", "经由", "借助"],
        &["through", "via", "by means of"],
    ),
    (
        &["也就是", "亦即", "也即", "即"],
        &["that is", "i.e.", "namely", "in other words"],
    ),
];

/// Han characters after the connective up to which a parenthesis is a short phrase (an
/// example, a means), not an explanation.
const CONNECTIVE_PHRASE_CHARS: usize = 6;

/// True when the parenthesis opens with a connective (如, 通过, 即) and holds a short phrase,
/// and the English says the same connective at least as many times as the row's Chinese
/// opens parentheses with it up to this one: the parenthesis is the English's own example,
/// means or apposition, translated (the dictionary may miss its words: 调研 "surveys"). A
/// second 即-parenthesis against one "that is" is the translator's (（即导致偏微分方程的因素）).
fn mirrors_connective(zh: &str, note: Range<usize>, en: &str) -> bool {
    let Some((k, rest)) = zh.get(note.clone()).and_then(connective_open) else {
        return false;
    };
    if rest.chars().filter(|c| crate::text::is_han(*c)).count() > CONNECTIVE_PHRASE_CHARS {
        return false;
    }
    let low = format!(" {} ", en.to_ascii_lowercase());
    let said: usize = CONNECTIVES[k]
        .1
        .iter()
        .map(|w| {
            low.match_indices(w)
                .filter(|(at, _)| {
                    // whole words only ("via" is not in "trivial")
                    let before = low[..*at].chars().next_back();
                    let after = low[at + w.len()..].chars().next();
                    !before.is_some_and(|c| c.is_ascii_alphabetic())
                        && !after.is_some_and(|c| c.is_ascii_alphabetic())
                })
                .count()
        })
        .sum();
    // This parenthesis's place among the row's parentheses that open with the same connective.
    let mut nth = 0;
    let mut from = 0;
    while let Some(at) = zh[from..].find(['（', '(']).map(|a| a + from) {
        if at > note.start {
            break;
        }
        let close = zh[at..]
            .char_indices()
            .find(|&(_, c)| matches!(c, '）' | ')'))
            .map_or(zh.len(), |(c, ch)| at + c + ch.len_utf8());
        if connective_open(&zh[at..close]).is_some_and(|(j, _)| j == k) {
            nth += 1;
        }
        from = at + zh[at..].chars().next().map_or(1, char::len_utf8);
    }
    nth >= 1 && nth <= said
}

/// The connective (its index in [`CONNECTIVES`]) a parenthesis opens with, and what follows it.
fn connective_open(p: &str) -> Option<(usize, &str)> {
    let inner = p.trim_start_matches(['（', '(']);
    CONNECTIVES
        .iter()
        .enumerate()
        .find_map(|(k, (zh_words, _))| {
            zh_words
                .iter()
                .find_map(|w| inner.strip_prefix(w))
                .map(|rest| (k, rest))
        })
}

/// The explanation in a parenthesis that opens with the English's own term in Latin and
/// goes on, after a comma or colon, in Chinese: 信用合作社（credit union，美国一种……机构）.
/// `None` when the parenthesis is not of that shape.
fn after_original_term<'a>(part: &'a str, en: &str) -> Option<&'a str> {
    let inner = part
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let cut = inner.find(['，', ',', '：', ':', '；', ';'])?;
    let term = inner[..cut].trim();
    let sep = inner[cut..].chars().next()?;
    let explanation = inner[cut + sep.len_utf8()..].trim();
    let latin = !term.is_empty()
        && term.chars().any(|c| c.is_ascii_alphabetic())
        && term
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | '\''));
    (latin
        && explanation.chars().any(crate::text::is_han)
        && en.to_lowercase().contains(&term.to_lowercase()))
    .then_some(explanation)
}

/// Latin prefixes that Chinese renders as a word of their own (反 anti-, 超 super-, 微 micro-).
const EN_PREFIXES: &[&str] = &[
    "anti", "counter", "hyper", "inter", "micro", "macro", "multi", "non", "post", "pre", "semi",
    "sub", "super", "trans", "ultra",
];

/// The share of a Chinese text's content words that gloss a word of the English.
fn glossed_share(zh_part: &str, en: &str) -> f64 {
    let lex = Lexicon::get();
    // English stems, and the stems of their prefixes of five letters or more, so that a
    // gloss meets its derivations (justified ↔ justification, compete ↔ competitor).
    let mut en_keys: HashSet<u32> = HashSet::new();
    for w in en
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = w.to_ascii_lowercase();
        for n in (5..w.len()).chain(std::iter::once(w.len())) {
            let mut p = w[..n].to_string();
            en_keys.insert(key(stem(&mut p)));
        }
        // A prefixed word is its prefix and its stem, as Chinese writes it in two words
        // (antiprotons ↔ 反质子: 反 "anti", 质子 "proton").
        if let Some((prefix, base)) = EN_PREFIXES
            .iter()
            .find_map(|p| w.strip_prefix(p).map(|b| (*p, b)))
            .filter(|(_, b)| b.len() >= 4)
        {
            en_keys.insert(key(stem(&mut prefix.to_string())));
            en_keys.insert(key(stem(&mut base.to_string())));
        }
    }
    let en_low = en.to_ascii_lowercase();
    let (mut content, mut rendered) = (0usize, 0usize);
    let chars: Vec<(usize, char)> = zh_part.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        let mut e = k + 1;
        if crate::text::is_han(c) {
            while e < chars.len() && crate::text::is_han(chars[e].1) {
                e += 1;
            }
            let end = chars.get(e).map_or(zh_part.len(), |x| x.0);
            let run = &zh_part[start..end];
            // Consecutive single characters outside the lexicon's words are most often one
            // name (罗珀): one content word.
            let mut loose = false;
            for w in lex.segment(run) {
                let word = &run[w];
                let single = word.chars().count() == 1;
                let glosses = lex.glosses(word);
                let grammar = single && ZH_FUNCTION.contains(word)
                    || glosses.is_empty() && lex.contains(word);
                if grammar {
                    loose = false;
                    continue;
                }
                let glossed = glosses.iter().any(|g| en_keys.contains(g));
                if single && loose && !glossed {
                    continue;
                }
                loose = single && !glossed;
                content += 1;
                if glossed {
                    rendered += 1;
                }
            }
        } else if c.is_ascii_alphanumeric() {
            while e < chars.len() && chars[e].1.is_ascii_alphanumeric() {
                e += 1;
            }
            let end = chars.get(e).map_or(zh_part.len(), |x| x.0);
            content += 1;
            if en_low.contains(&zh_part[start..end].to_ascii_lowercase()) {
                rendered += 1;
            }
        }
        k = e;
    }
    if content == 0 {
        0.0
    } else {
        rendered as f64 / content as f64
    }
}

/// English content words of a text (three letters or more, not a stop word, not a negator),
/// as byte ranges.
pub fn en_content_words(en: &str) -> Vec<Range<usize>> {
    en_letter_runs(en)
        .into_iter()
        .filter(|r| {
            let w = en[r.clone()].trim_matches('\'').to_ascii_lowercase();
            w.len() >= 3
                && !is_stop_word(&w)
                && !EN_NEGATORS.contains(&w.as_str())
                && !w.ends_with("n't")
                && !w.ends_with("'ve")
                && !w.ends_with("'re")
                && !w.ends_with("'ll")
                && !w.ends_with("'d")
        })
        .collect()
}

/// The runs of ASCII letters and apostrophes in an English text, as byte ranges: its words
/// as the English-side checks read them ("don't" is one word, "GPT-4" gives "GPT").
pub fn en_letter_runs(en: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes = en.as_bytes();
    for i in 0..=bytes.len() {
        let letter = i < bytes.len() && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'\'');
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// How many content words after an English negation are looked at for its predicate.
const PREDICATE_WORDS: usize = 3;

/// True when the words an English negation negates (the next content words of its clause,
/// names left out) are not rendered in the Chinese at all: the sentence is said another way
/// ("never leaving the object at his belt" ↔ 始终按着腰里的家伙; "we shan't have a chance to
/// speak to her" ↔ 就难说了), and a Chinese without a negator proves nothing. A negation
/// dropped from a close rendering leaves its predicate translated positively (didn't come to
/// see me ↔ 去看了我). A single content word counts too ("because the world is not yet lost to
/// them" ↔ 他们认为世界运作是有定律的: nothing renders "lost"): a slip keeps it rendered
/// (don't know me ↔ 认得我, not a malfunction ↔ 是故障).
fn predicate_paraphrased(glosses: &Glosses, en: &str, from: usize, captions: bool) -> bool {
    let rest = &en[from..];
    let end = rest
        .find([
            '.', ';', ':', '!', '?', ',', '—', '–', '"', '“', '”', '(', ')',
        ])
        .into_iter()
        .chain(rest.find(" - "))
        .min()
        .unwrap_or(rest.len());
    let clause = &rest[..end];
    let words: Vec<&str> = en_content_words(clause)
        .into_iter()
        .map(|r| &clause[r])
        // A capitalised word inside a sentence is a name (captions are all lower case).
        .filter(|w| captions || !w.starts_with(|c: char| c.is_ascii_uppercase()))
        .take(PREDICATE_WORDS)
        .collect();
    !words.is_empty() && !words.iter().any(|w| glosses.supports(w))
}

/// English words that, negated, say "the same" ("nothing new in this", "no different from").
const EN_DIFFERENCE: &[&str] = &[
    "new",
    "different",
    "differ",
    "differs",
    "unlike",
    "changed",
    "change",
    "unusual",
    "novel",
];

/// Chinese that says "the same as", "as before": the positive way to say "nothing new".
const ZH_SAMENESS: &[&str] = &[
    "一样",
    "相同",
    "同样",
    "依旧",
    "照旧",
    "如故",
    "一如",
    "依然",
    "如常",
    "无异",
    "没什么两样",
];

/// True when the English negation's next content word says "new" or "different" and the
/// Chinese says "the same": a litotes rendered positively (There is nothing new in this ↔
/// 今日的空间观与以往一样). A slip (it is not the same ↔ 是一样的) negates sameness, not difference.
fn sameness_litotes(en: &str, negation: &Range<usize>, zh: &str) -> bool {
    let next = en_content_words(&en[negation.end..])
        .into_iter()
        .next()
        .map(|r| en[negation.end..][r].to_ascii_lowercase());
    next.is_some_and(|w| EN_DIFFERENCE.contains(&w.as_str()))
        && ZH_SAMENESS.iter().any(|w| zh.contains(w))
}

const EN_NEGATORS: &[&str] = &[
    "not", "never", "no", "none", "nobody", "nothing", "neither", "nor", "cannot", "without",
    "nowhere",
];

/// Chinese words with a negator character that are not clause negations: those of
/// [`ZH_NEGATES_NOTHING`] (不仅 "not only", 非常 "very", 无论 "no matter") and these, which
/// say "not" inside a word or whose English rarely carries a negator (不同 "different", 无数
/// "countless", 不得不 "have to", 不如 "not as … as", 忍不住 "couldn't help").
const ZH_NEGATION_IN_A_WORD: &[&str] = &[
    "不断",
    "不得不",
    "不错",
    "不久",
    "不少",
    "不同",
    "不如",
    "无数",
    "无限",
    "莫名",
    "不停",
    "无疑",
    "并非不",
    "没错",
    "不可思议",
    "忍不住",
    "不禁",
    "不知不觉",
    "不一定",
    "未必",
];

/// Is one of the words of [`ZH_NEGATES_NOTHING`] or [`ZH_NEGATION_IN_A_WORD`] at the start of
/// `text`? (No word of either list is a prefix of another, so at most one is.)
fn not_a_negation_at(text: &str) -> Option<&'static str> {
    ZH_NEGATES_NOTHING
        .iter()
        .chain(ZH_NEGATION_IN_A_WORD)
        .find(|w| text.starts_with(**w))
        .copied()
}

/// Byte ranges of English negators.
pub fn en_negations(en: &str) -> Vec<Range<usize>> {
    // Kept by the text while the workbench's check runs ([`super::cache::memo`]).
    super::cache::memo("meaning::en_negations", &[en], || en_negations_computed(en))
}

/// [`en_negations`], computed.
fn en_negations_computed(en: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = en_letter_runs(en)
        .into_iter()
        .filter(|r| {
            let w = en[r.clone()].to_ascii_lowercase();
            (EN_NEGATORS.contains(&w.as_str()) || w.ends_with("n't"))
                // "no one", "not only": still negations; "no doubt" is idiomatic but rare.
                && !(w == "not"
                    && en[r.end..]
                        .trim_start()
                        .to_ascii_lowercase()
                        .starts_with("only"))
        })
        .collect();
    // Curly apostrophes: "don’t".
    let mut from = 0;
    while let Some(p) = en[from..].find("n’t") {
        let at = from + p;
        let s = en[..at]
            .rfind(|c: char| !c.is_ascii_alphabetic())
            .map_or(0, |x| x + 1);
        out.push(s..at + "n’t".len());
        from = at + "n’t".len();
    }
    out
}

/// Byte ranges of English words negative by affix (unseemly, nonspecific, non-profit,
/// careless, disobedience): each is one word, which Chinese usually renders with a bound or free negator
/// (不合适, 非特异性, 无忧无虑). They are not clause negators, but a Chinese negation with one
/// of them in the English is the same meaning, not an extra negation.
pub fn en_negative_words(en: &str) -> Vec<Range<usize>> {
    // dis- negates only some stems (disobey, dislike; not discuss, distance, display), so the
    // stems are listed rather than the prefix trusted.
    const DIS: &[&str] = &[
        "disobe",
        "disagree",
        "dishonest",
        "dishonou",
        "dislik",
        "disapprov",
        "disadvantag",
        "discomfort",
        "disorder",
        "disloyal",
        "disbelie",
        "disrespect",
        "disconten",
        "disconnect",
        "disabl",
        "dissatisf",
        "disqualif",
        "disregard",
        "disinterest",
        "displeas",
        "distrust",
        "disunit",
        "disuse",
        "disappear",
        "disallow",
        "disincl",
        "disproportion",
    ];
    // im-, in-, ir-, il- likewise (impossible, imperfect, inevitable, irrelevant, illegal;
    // not important, include, iron, illustrate).
    const IM: &[&str] = &[
        "imposs",
        "imperfect",
        "impatien",
        "improb",
        "impolit",
        "improper",
        "immoral",
        "immortal",
        "immeasur",
        "imprud",
        "inabil",
        "inadequa",
        "incapab",
        "incorrect",
        "inevitab",
        "incompl",
        "inconsist",
        "inconvenien",
        "incred",
        "indifferen",
        "insufficien",
        "invisib",
        "inaccura",
        "inappropr",
        "incompat",
        "indefin",
        "inexperien",
        "insignific",
        "intoler",
        "irregular",
        "irrelevan",
        "irrespons",
        "irrevers",
        "illegal",
        "illogic",
        "illegit",
        "innumer",
    ];
    // Words that say "not" on their own: 不肯 refuse, 未能 fail, 缺乏/没有 lack, 而不是
    // instead of, 不那么 less, 不受……控制 outside the control.
    const LEXICAL_PREFIX: &[&str] = &[
        "refus", "fail", "absen", "avoid", "prevent", "forbid", "forbad", "reject", "ignor",
        "cease", "deny", "denie", "denial",
    ];
    const LEXICAL_WORD: &[&str] = &[
        "neither", "nor", "hardly", "barely", "seldom", "rarely", "instead", "except", "less",
        "outside", "lack", "lacks", "lacked", "lacking", "unable",
    ];
    const NOT_UN: &[&str] = &[
        "under", "unit", "uni", "until", "uncle", "unless", "unto", "unanim",
    ];
    let mut out = Vec::new();
    let mut start = None;
    let bytes = en.as_bytes();
    for i in 0..=bytes.len() {
        let letter = i < bytes.len() && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'-');
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = en[s..i].trim_matches('-').to_ascii_lowercase();
                let un =
                    w.len() >= 6 && w.starts_with("un") && !NOT_UN.iter().any(|p| w.starts_with(p));
                let non = w.starts_with("non") && w.len() >= 7 && !w.starts_with("nonce");
                let less = w.len() >= 7
                    && (w.ends_with("less") || w.ends_with("lessly"))
                    && !w.ends_with("unless");
                let dis = DIS.iter().any(|p| w.starts_with(p));
                let im = IM.iter().any(|p| w.starts_with(p));
                let lexical = LEXICAL_PREFIX.iter().any(|p| w.starts_with(p))
                    || LEXICAL_WORD.contains(&w.as_str());
                if un || non || less || dis || im || lexical {
                    out.push(s..i);
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Words that negate a clause when they stand alone as a word. A negator bound inside a
/// dictionary word (不确定 "uncertain", 南非 "South Africa", 无向 "undirected") is lexical: its
/// English is a word (uncertain), not a negator, so it is not counted.
const ZH_FREE_NEGATORS: &[&str] = &[
    "不",
    "没",
    "没有",
    "未",
    "无",
    "别",
    "非",
    "莫",
    "勿",
    "并非",
    "毫无",
    "不是",
    "并不",
    "从不",
    "从未",
    "从没",
    "从来不",
    "从来没有",
    "不会",
    "不能",
    "不要",
    "不用",
    "不必",
    "无法",
    "没法",
    "未能",
    "未曾",
    "绝不",
    "决不",
    "不再",
    "尚未",
    "并未",
    "并没有",
    "还没",
    "还没有",
    "不可以",
    "不该",
    "不应该",
    "不想",
    "不行",
    "不知道",
    "不喜欢",
    "不需要",
    "不相信",
    "不认为",
    "不希望",
    "不明白",
    "不清楚",
    "不愿意",
    "不肯",
    "没能",
    "不曾",
    "别再",
];

fn jieba() -> &'static jieba_rs::Jieba {
    static JIEBA: std::sync::OnceLock<jieba_rs::Jieba> = std::sync::OnceLock::new();
    JIEBA.get_or_init(jieba_rs::Jieba::new)
}

/// Byte ranges of Chinese negators: words (by jieba) that are free negators, idioms skipped.
pub fn zh_negations(zh: &str) -> Vec<Range<usize>> {
    // Kept by the text while the workbench's check runs ([`super::cache::memo`]).
    super::cache::memo("meaning::zh_negations", &[zh], || zh_negations_computed(zh))
}

/// [`zh_negations`], computed.
fn zh_negations_computed(zh: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let idioms: Vec<Range<usize>> = {
        let mut v = Vec::new();
        let mut i = 0;
        while i < zh.len() {
            if let Some(idiom) = not_a_negation_at(&zh[i..]) {
                v.push(i..i + idiom.len());
                i += idiom.len();
            } else {
                i += zh[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        v
    };
    for token in jieba().cut(zh, true) {
        let r = token.byte_start..token.byte_end;
        if idioms.iter().any(|x| x.start < r.end && r.start < x.end) {
            continue;
        }
        // A-not-A (会不会, 是不是, 来没来) asks; it does not negate.
        let neg_end = r.start + token.word.chars().next().map_or(0, char::len_utf8);
        let a_not_a = (token.word.starts_with('不') || token.word.starts_with('没'))
            && zh[..r.start]
                .chars()
                .next_back()
                .is_some_and(|a| zh[neg_end..].starts_with(a));
        if ZH_FREE_NEGATORS.contains(&token.word) && !a_not_a {
            out.push(r);
        }
    }
    out
}

/// Words whose negator character negates nothing at all (非常 "very", 别人 "others", 不过
/// "but", 未来 "future"). The words of [`ZH_NEGATION_IN_A_WORD`] are not clause negations
/// either, but do say "not" in a word: they may render an English negation.
const ZH_NEGATES_NOTHING: &[&str] = &[
    "不仅",
    "不但",
    "不过",
    "差不多",
    "要不",
    "无论",
    "不管",
    "非常",
    "非洲",
    "无人机",
    "了不起",
    "别人",
    "别的",
    "特别",
    "区别",
    "分别",
    "告别",
    "级别",
    "类别",
    "性别",
    "识别",
    "是非",
    "非凡",
    "未来",
    "无线",
    "无比",
    "不然",
];

/// True when any negator character occurs outside the words that do not negate, bound in a
/// word or free (不乐意, 见不得, 承不承认, 不如). Used to forgive an English negation: the
/// Chinese may well carry it inside a word.
pub fn zh_has_negator(zh: &str) -> bool {
    let mut i = 0;
    while i < zh.len() {
        if let Some(idiom) = ZH_NEGATES_NOTHING.iter().find(|w| zh[i..].starts_with(**w)) {
            i += idiom.len();
            continue;
        }
        let c = zh[i..].chars().next().unwrap_or(' ');
        if "不没无未别非莫勿".contains(c) {
            return true;
        }
        i += c.len_utf8();
    }
    false
}

/// Median of a slice (sorted copy).
fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

/// How many caption words at the end of a row may belong to the next row's sentence.
const TAIL_WORDS: usize = 5;

/// English negations that are idioms rather than a negated statement: "not only", "not
/// until", "nothing but", "no less", "no choice but", "whether or not", "couldn't help".
/// Their Chinese seldom negates (不仅, 直到……才, 只, 不亚于, 只好, 无论, 忍不住), so a
/// Chinese without a negator there is no evidence of anything.
pub(super) fn idiomatic(en: &str, r: &Range<usize>) -> bool {
    let word = en[r.clone()].to_ascii_lowercase().replace('’', "'");
    let after: Vec<String> = en[r.end..]
        .split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
        .take(12)
        .map(str::to_ascii_lowercase)
        .collect();
    let before = en[..r.start]
        .split(|c: char| !c.is_ascii_alphabetic())
        .rev()
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase();
    let next = after.first().map_or("", String::as_str);
    if matches!(word.as_str(), "without" | "nowhere" | "neither" | "nor") {
        return true;
    }
    if matches!(before.as_str(), "or" | "why" | "if") && word == "not" {
        return true;
    }
    // "not … but", and a restriction ("did not extend any further than", "nobody … except
    // Wu"): Chinese says it with 只/才/而是, no negator. A second negation in the clause
    // ("nobody passes without paying") makes it positive.
    let contrast = after.iter().take(6).any(|w| w == "but")
        || after.iter().take(12).any(|w| w == "than" || w == "except")
        || after
            .iter()
            .take(6)
            .any(|w| w == "without" || w == "unless");
    // "don't mind", "never mind": willingness, not a negated act (竟破个例).
    if next == "mind" {
        return true;
    }
    match word.as_str() {
        "not" => {
            matches!(
                next,
                "only"
                    | "just"
                    | "simply"
                    | "merely"
                    | "until"
                    | "till"
                    | "so"
                    | "necessarily"
                    | "least"
                    | "even"
                    | "quite"
            ) || contrast
        }
        "no" => {
            matches!(
                next,
                "less"
                    | "more"
                    | "doubt"
                    | "matter"
                    | "choice"
                    | "mere"
                    | "sooner"
                    | "other"
                    | "wonder"
                    | "further"
                    | "avail"
                    | "problem"
            ) || contrast
        }
        "nothing" | "none" => {
            matches!(next, "but" | "else" | "more" | "less" | "short" | "like") || contrast
        }
        // "never leaving", "never stopping": always (始终, 一直), not a negated act.
        "never" if next.len() > 4 && next.ends_with("ing") => true,
        // "can't we …?", "don't you?": a suggestion or a tag, not a statement negated.
        _ => {
            (word.ends_with("n't") || word == "cannot") && next == "help"
                || word.ends_with("n't")
                    && matches!(next, "i" | "you" | "we" | "he" | "she" | "it" | "they")
                || matches!(word.as_str(), "nobody" | "never" | "cannot") && contrast
                || word.ends_with("n't") && contrast
        }
    }
}

/// Chinese words that carry the meaning of an English negation without a negator character
/// (休想 "no way", 拒绝 "refuse", 难以 "hardly", 只/仅 "nothing but", 才 "not until"): with
/// one of them the Chinese has said the negation its own way.
pub(super) const ZH_NEGATIVE_MEANING: &[&str] = &[
    "休想", "拒", "禁止", "避免", "免得", "缺", "难以", "很少", "极少", "少有", "绝", "否", "罢了",
    "而已", "忘", "失去", "失败", "谁也", "哪里", "哪儿", "怎么", "何", "岂", "难道",
    // 难 + a verb is "hard to", an English "can't" or "won't": 难说 "can't tell", 难却 "could
    // not very well refuse", 难免 "can't avoid".
    "难说", "难却", "难免", "难保", "难逃", "难辨", "难分", "难当", "难耐", "难舍", "难言", "难测",
    "难料", "难挡",
];

/// True when the English row has more sentences than its Chinese: the English negation may
/// sit in a sentence whose Chinese is in a neighbouring row.
fn more_sentences(en: &str, zh: &str) -> bool {
    let en_n = en
        .split_inclusive(['.', '!', '?'])
        .filter(|s| s.chars().filter(|c| c.is_ascii_alphabetic()).count() > 3)
        .count();
    let zh_n = zh
        .split_inclusive(['。', '！', '？', '；'])
        .filter(|s| s.chars().count() > 2)
        .count();
    en_n > zh_n.max(1)
}

/// The row's Chinese/English length ratio against the document's: a row whose Chinese is
/// much shorter or longer than its English is a free rendering or an alignment seam, where
/// a negation on one side proves nothing.
fn close_rendering(ratio: Option<f64>, median: f64) -> bool {
    ratio.is_some_and(|r| (0.6..=1.7).contains(&(r / median)))
}

/// The meaning-level checks: a negation on one side only, reported where it is the row's
/// plausible difference (docs/drift.md gives the precision measured on clean translations);
/// a very low alignment score, only when the caller asks for it with its own threshold (the
/// report states the doubtful rows by the views' threshold instead of listing them).
pub fn check(doc: &Doc, low_score: Option<f32>) -> Vec<Draft> {
    let mut out = Vec::new();
    let rows: Vec<(usize, String)> = doc
        .bilingual()
        .map(|(i, _)| (i, doc.zh_without_notes(i)))
        .collect();
    // Length ratio per row (bytes, notes left out) and the document's median.
    let ratio_of = |i: usize, zh: &str| {
        let en = doc.rows()[i].en.trim().len();
        let zh = zh.bytes().filter(|b| !b.is_ascii_whitespace()).count();
        (en >= 20 && zh > 0).then(|| zh as f64 / en as f64)
    };
    let ratios: Vec<f64> = rows.iter().filter_map(|(i, z)| ratio_of(*i, z)).collect();
    let med = if ratios.len() >= 8 {
        median(&ratios)
    } else {
        // Chinese bytes (3 per character) against English bytes in ordinary prose.
        0.9
    };
    // Negation on one side only. Auto-captions (no sentence punctuation anywhere) cut
    // sentences at random: there a neighbouring row's Chinese negation may be this row's.
    let captions = !doc.rows().iter().any(|r| r.en.contains(['.', '?']));
    let timed = |i: usize| doc.rows().get(i).is_some_and(|r| r.start_ms.is_some());
    let zh_of = |i: usize| rows.iter().find(|(j, _)| *j == i).map(|(_, z)| z.as_str());
    let zh_negates =
        |i: usize| zh_of(i).is_some_and(|z| !zh_negations(z).is_empty() || zh_has_negator(z));
    // Captions cut sentences anywhere: "…had set their souls adrift no longer did it" | "seem
    // like a wedding procession". A negation among the last words of a caption row belongs to
    // the next row's sentence as much as to its own.
    let tail_negation = |i: usize| -> Option<Range<usize>> {
        let en = &doc.rows().get(i)?.en;
        // A row that ends its sentence (captions with punctuation, segmented text) hands
        // nothing on.
        if en
            .trim_end()
            .ends_with(['.', '?', '!', '…', '"', '”', '\'', '’'])
        {
            return None;
        }
        let cut = en
            .char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .map(|(b, _)| b)
            .rev()
            .nth(TAIL_WORDS - 1)
            .unwrap_or(0);
        en_negations(en)
            .into_iter()
            .find(|r| r.start >= cut && !idiomatic(en, r))
    };
    for (i, zh) in &rows {
        let i = *i;
        let r = &doc.rows()[i];
        let close = close_rendering(ratio_of(i, zh), med);
        let en_all = en_negations(&r.en);
        let en_n: Vec<Range<usize>> = en_all
            .iter()
            .filter(|n| !idiomatic(&r.en, n))
            .cloned()
            .collect();
        let zh_n = zh_negations(zh);
        let said_otherwise = ZH_NEGATIVE_MEANING.iter().any(|w| zh.contains(w));
        let split_from_prev = i > 0 && timed(i) && timed(i - 1) && tail_negation(i - 1).is_some();
        let split_to_next = timed(i)
            && timed(i + 1)
            && !en_n.is_empty()
            && en_n.iter().all(|n| Some(n) == tail_negation(i).as_ref());
        // An English negation is missing only when the Chinese has no negator at all, nor a
        // word that means it, in a row that renders its English closely. A Chinese negation
        // is extra only when no English negation or negative word stands in the row or its
        // neighbours (captions and sentence splits move it one row).
        let message = match (en_n.is_empty(), zh_n.is_empty()) {
            (false, true)
                if zh_has_negator(zh)
                    || split_to_next
                    || said_otherwise
                    || !close
                    || zh.contains(['？', '?'])
                    || more_sentences(&r.en, zh)
                    || captions
                        && [i.wrapping_sub(1), i + 1]
                            .into_iter()
                            .any(|j| zh_of(j).is_some_and(|z| !zh_negations(z).is_empty()))
                    || en_n.iter().all(|n| sameness_litotes(&r.en, n, zh))
                    || {
                        let g = Glosses::of(zh);
                        en_n.iter()
                            .all(|n| predicate_paraphrased(&g, &r.en, n.end, captions))
                    } =>
            {
                continue
            }
            (false, true) => format!(
                "the English negates ({}); the Chinese has no negation",
                &r.en[en_n[0].clone()]
            ),
            // A Chinese negation the English lacks: on the clean translations none of 78 was
            // a real problem (rather than ↔ 而非, gave up ↔ 不再等, a jerk ↔ 不是个好东西):
            // English says the same thing positively too often. Not reported.
            (true, false) => continue,
            // The previous caption row ends on a negation its own Chinese does not carry, and
            // this row's Chinese carries none either: the negation went missing here.
            (true, true)
                if split_from_prev
                    && !zh_has_negator(zh)
                    && !said_otherwise
                    && !zh_negates(i - 1)
                    && !predicate_paraphrased(&Glosses::of(zh), &r.en, 0, captions) =>
            {
                let prev = &doc.rows()[i - 1].en;
                let n = tail_negation(i - 1).unwrap_or(0..0);
                format!(
                    "the English negates ({}, at the end of the previous caption row); the Chinese has no negation",
                    prev.get(n).unwrap_or("")
                )
            }
            _ => continue,
        };
        let mut d = Draft::new(Kind::Negation, Severity::Info, i, message);
        d.en_marks = en_n;
        d.zh_marks = zh_n;
        out.push(d);
    }
    // Very low alignment score, when asked for with an explicit threshold.
    if let Some(t) = low_score {
        for (i, r) in doc.bilingual() {
            if let Some(s) = r.score.filter(|s| *s < t) {
                out.push(
                    Draft::new(
                        Kind::LowScore,
                        Severity::Info,
                        i,
                        format!(
                            "very low alignment score {s:.2}: the two sides may not say the same thing"
                        ),
                    )
                    .zh(0..r.zh.len())
                    .en(0..r.en.len()),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negators_are_found_on_both_sides() {
        assert_eq!(en_negations("I don't know, and I never did.").len(), 2);
        assert_eq!(en_negations("Not only that, it works.").len(), 0);
        assert_eq!(zh_negations("我不知道，也没有见过。").len(), 2);
        // bound in a word: not a free negator, but enough to forgive an English negation
        assert!(zh_negations("南非很大。").is_empty() && zh_has_negator("她不乐意。"));
    }

    #[test]
    fn a_not_a_questions_are_not_negations() {
        for zh in ["你会不会来？", "这是不是真的？", "他来没来过？"] {
            assert!(zh_negations(zh).is_empty(), "{zh}");
        }
        assert_eq!(zh_negations("他不会来。").len(), 1);
    }

    #[test]
    fn negative_affixes_are_the_words_they_are() {
        let words = |en: &str| -> Vec<String> {
            en_negative_words(en)
                .into_iter()
                .map(|r| en[r].to_string())
                .collect()
        };
        assert_eq!(
            words("It was unseemly, a nonspecific and careless non-profit thing."),
            ["unseemly", "nonspecific", "careless", "non-profit"]
        );
        assert!(words("Under the universe, until my uncle understood the unit.").is_empty());
        // A Chinese negation rendering an English negative word is no extra negation.
        let rows = [(
            "步伐不整齐是不体面的。",
            "it was unseemly to trample with an uneven cadence",
        )];
        let corpus = crate::corpus::Corpus::from_pairs(rows);
        let f = check(&Doc::new(&corpus), None);
        assert!(f.iter().all(|d| d.kind != Kind::Negation), "{f:?}");
    }

    #[test]
    fn a_negation_cut_off_by_a_caption_boundary_is_followed() {
        let timed = |zh: &str, en: &str, t: u64| crate::corpus::Row {
            zh: zh.into(),
            en: en.into(),
            start_ms: Some(t),
            end_ms: Some(t + 1000),
            ..crate::corpus::Row::default()
        };
        let corpus = |second: &str| crate::corpus::Corpus {
            rows: vec![
                timed(
                    "沙瑞山惊恐地盯着曲线讲。",
                    "sha stared at the waveform terrified it's not",
                    0,
                ),
                timed(second, "a malfunction wang's tone", 1000),
            ],
            ..crate::corpus::Corpus::default()
        };
        // The translation negates in the next row: nothing to report on either row.
        let clean = check(&Doc::new(&corpus("“不是故障。”")), None);
        assert!(clean.iter().all(|d| d.kind != Kind::Negation), "{clean:?}");
        // The negation dropped: reported once, on the row whose Chinese lost it.
        let slip = check(&Doc::new(&corpus("“是故障。”")), None);
        let neg: Vec<usize> = slip
            .iter()
            .filter(|d| d.kind == Kind::Negation)
            .map(|d| d.row)
            .collect();
        assert_eq!(neg, [1]);
    }

    #[test]
    fn the_original_term_with_an_explanation_is_a_note() {
        let en = "Later a local credit union gave us a grant, and parents donated old laptops.";
        let zh = "后来当地一家信用合作社（credit union，美国一种由会员所有的非营利金融机构）给了我们一笔资助。";
        let p = "（credit union，美国一种由会员所有的非营利金融机构）";
        let s = zh.find(p).unwrap();
        assert!(!renders_english(zh, s..s + p.len(), en));
        // The term alone is the rendering's gloss, not a note.
        let zh = "后来当地一家信用合作社（credit union）给了我们一笔资助。";
        let p = "（credit union）";
        let s = zh.find(p).unwrap();
        assert!(renders_english(zh, s..s + p.len(), en));
        // A term the English does not have is no original term.
        let zh = "我们用的是树莓派（Raspberry Pi，一种信用卡大小的廉价单板电脑）。";
        let p = "（Raspberry Pi，一种信用卡大小的廉价单板电脑）";
        let s = zh.find(p).unwrap();
        assert!(after_original_term(&zh[s..s + p.len()], "We used cheap boards.").is_none());
        assert!(!renders_english(
            zh,
            s..s + p.len(),
            "We used Raspberry Pis, because each one costs less than a textbook."
        ));
    }

    #[test]
    fn a_parenthesis_that_renders_the_english_is_no_note() {
        let at = |zh: &str, p: &str| {
            let s = zh.find(p).unwrap();
            s..s + p.len()
        };
        for (zh, p, en) in [
            (
                "时间管理学（如泰勒主义）推动了制造业的发展。",
                "（如泰勒主义）",
                "time-management studies, such as Taylorism, dominated manufacturing",
            ),
            (
                "盖洛普民调机构（罗珀组织的主要竞争对手）的官员感到吃惊。",
                "（罗珀组织的主要竞争对手）",
                "Officials of the Gallup polling organization Roper's main competitor were struck",
            ),
            (
                "那些曾经抱怨（有其正当理由）大屠杀被世人所忽视了的人。",
                "（有其正当理由）",
                "Those who once complained, with justification, that the Holocaust had been neglected",
            ),
        ] {
            assert!(renders_english(zh, at(zh, p), en), "{p}");
        }
        // A translator's explanation the English does not have is a note, even when its
        // words repeat what the sentence says already.
        for (zh, p, en) in [
            (
                "当采用线性集总参数数学模型（即常微分方程）时，需要忽略非线性因素和分布参数（即导致偏微分方程的因素）。",
                "（即导致偏微分方程的因素）",
                "if a linear lumped-parameter mathematical model (that is, one employing ordinary differential equations) is desired, it is necessary to ignore certain nonlinearities and distributed parameters.",
            ),
            (
                "可以一直进行 Tinkering（通常是一种具有试错性质的活动），那是一台电脑。",
                "（通常是一种具有试错性质的活动）",
                "I could tinker with it, a computer.",
            ),
        ] {
            assert!(!renders_english(zh, at(zh, p), en), "{p}");
        }
    }

    #[test]
    fn idioms_are_not_negations() {
        assert!(zh_negations("这非常重要，不仅如此，我们不得不做。").is_empty());
        assert!(zh_negations("特别是未来，差不多不同的东西。").is_empty());
    }
}
