//! Checks that need only the Chinese: they run on every corpus, with or without English
//! (the user's article before its transcript is fetched). Half-width punctuation inside
//! Chinese text (one style finding per document, with counts), doubled words (在在), and
//! Latin-script near misses of glossary names in rows that have no English to compare with.
//! Forbidden glossary renderings in such rows come from [`crate::glossary::check`].

use super::names::{latin_runs, latin_words, near};
use super::{Doc, Draft, Kind, Severity};
use crate::align::lexicon::Lexicon;
use crate::corpus::Flag;
use crate::glossary::entry::Status;
use crate::glossary::Glossary;
use crate::text::is_han;
use std::collections::BTreeMap;
use std::ops::Range;

/// What the Chinese-only checks are, for the report of a corpus without English.
pub const CHECKS: &str = "forbidden glossary renderings, Latin-script near misses of glossary names, half-width punctuation, doubled words, questions inside another speaker's answer";

/// What cannot run without English.
pub const NEEDS_ENGLISH: &str = "omissions and additions, numbers, names against the English, missing or inconsistent glossary renderings, negation, question ↔ statement, length and alignment score";

/// ASCII punctuation that Chinese text writes full width.
const HALF_WIDTH: &[char] = &[',', ':', ';', '?', '!', '(', ')'];

/// The Chinese-only checks.
pub fn check(doc: &Doc, glossary: Option<&Glossary>) -> Vec<Draft> {
    let mut out = Vec::new();
    out.extend(half_width(doc));
    out.extend(doubled(doc));
    if let Some(g) = glossary {
        out.extend(glossary_near_misses(doc, g));
    }
    out
}

/// Byte ranges of half-width punctuation written inside Chinese: the nearest non-space
/// character on either side is a Han character, inside for a bracket (so `ID:NewinData`,
/// `1,000` and `(OpenAI)` in an English phrase are left alone).
pub fn half_width_marks(zh: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = zh.char_indices().collect();
    let neighbour = |from: usize, step: isize| -> Option<char> {
        let mut i = from as isize + step;
        while i >= 0 && (i as usize) < chars.len() {
            let c = chars[i as usize].1;
            if !c.is_whitespace() {
                return Some(c);
            }
            i += step;
        }
        None
    };
    chars
        .iter()
        .enumerate()
        .filter(|(i, (_, c))| {
            let before = || neighbour(*i, -1).is_some_and(is_han);
            let after = || neighbour(*i, 1).is_some_and(is_han);
            // A bracket belongs to what it encloses: look inside only.
            match c {
                '(' => after(),
                ')' => before(),
                c => HALF_WIDTH.contains(c) && (before() || after()),
            }
        })
        .map(|(_, (b, c))| *b..*b + c.len_utf8())
        .collect()
}

/// One style finding for the whole document: how many half-width marks of each kind, in how
/// many rows, marked on the first row that has them.
fn half_width(doc: &Doc) -> Option<Draft> {
    let mut counts: BTreeMap<char, usize> = BTreeMap::new();
    let mut rows = Vec::new();
    for (i, row) in doc.rows().iter().enumerate() {
        let marks = half_width_marks(&row.zh);
        for m in &marks {
            if let Some(c) = row.zh[m.clone()].chars().next() {
                *counts.entry(c).or_default() += 1;
            }
        }
        if !marks.is_empty() {
            rows.push((i, marks));
        }
    }
    let (first, marks) = rows.first()?.clone();
    let total: usize = counts.values().sum();
    let list = counts
        .iter()
        .map(|(c, n)| format!("{c} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut d = Draft::new(
        Kind::Style,
        Severity::Info,
        first,
        format!(
            "half-width punctuation inside Chinese text: {total} marks ({list}) in {} rows; Chinese text writes them full width (，：；？！（）)",
            rows.len()
        ),
    )
    .evidence(format!("half-width|{list}"));
    for m in marks {
        d = d.zh(m);
    }
    Some(d)
}

/// Closed-class words (particles, prepositions, conjunctions, pronouns, adverbs) that never
/// reduplicate, so written twice they are a slip. Content words do reduplicate freely
/// (看看, 想想, 试试, 常常, 人人, 讨论讨论), which is why the check keeps to this class.
const FUNCTION_WORDS: &[&str] = &[
    "的", "地", "得", "了", "着", "在", "是", "和", "与", "及", "把", "被", "从", "向", "给", "到",
    "就", "也", "都", "而", "并", "将", "于", "为", "以", "之", "其", "这", "那", "我", "你", "他",
    "她", "它", "让", "由", "所", "因", "但", "或", "却", "又", "还", "很", "最", "更", "已",
    "对于", "关于", "我们", "你们", "他们", "她们", "它们", "这个", "那个", "这些", "那些", "因为",
    "所以", "但是", "如果", "虽然", "已经", "可以", "应该", "而且", "并且", "或者", "还是", "然后",
];

/// Doubled words: a closed-class word written twice in a row (在在, 的的, 我们我们). Not a
/// spoken repetition of three or more (是是是, 我我我), not where the pair belongs to a
/// longer lexicon word (不了了之), and not where the first copy ends a word (可以以, 现在在).
pub fn doubled_marks(zh: &str) -> Vec<Range<usize>> {
    // Kept by the text while the workbench's check runs ([`super::cache::memo`]).
    super::cache::memo("zhonly::doubled_marks", &[zh], || {
        doubled_marks_computed(zh)
    })
}

/// [`doubled_marks`], computed.
fn doubled_marks_computed(zh: &str) -> Vec<Range<usize>> {
    let lex = Lexicon::get();
    let chars: Vec<(usize, char)> = zh.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(zh.len(), |x| x.0);
    let piece = |from: usize, to: usize| -> &str {
        if to > chars.len() || from > to {
            ""
        } else {
            &zh[byte(from)..byte(to)]
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut hit = None;
        for n in [2usize, 1] {
            let a = piece(i, i + n);
            if a.is_empty() || !FUNCTION_WORDS.contains(&a) || piece(i + n, i + 2 * n) != a {
                continue;
            }
            let third = piece(i + 2 * n, i + 3 * n) == a || (i >= n && piece(i - n, i) == a);
            // A longer lexicon word holding the pair (不了了之): windows up to 4 characters.
            let in_word = (0..=2usize.min(i)).any(|k| {
                (0..=2usize).any(|m| {
                    let (s, e) = (i - k, i + 2 * n + m);
                    e - s > 2 * n && e - s <= 4 && lex.contains(piece(s, e))
                })
            });
            // The first copy ends a word begun before it (可以|以, 现在|在, 目的|的): the
            // second starts afresh.
            let closes_word = (1..=2usize.min(i)).any(|k| lex.contains(piece(i - k, i + n)));
            if !third && !in_word && !closes_word {
                hit = Some(n);
                break;
            }
        }
        match hit {
            Some(n) => {
                out.push(byte(i)..byte(i + 2 * n));
                i += 2 * n;
            }
            None => i += 1,
        }
    }
    out
}

fn doubled(doc: &Doc) -> Vec<Draft> {
    let mut out = Vec::new();
    for (i, row) in doc.rows().iter().enumerate() {
        if row.has(Flag::Heading) {
            continue;
        }
        for m in doubled_marks(&row.zh) {
            let w = &row.zh[m.clone()];
            out.push(
                Draft::new(
                    Kind::Style,
                    Severity::Warning,
                    i,
                    format!("doubled word: {w}, written twice?"),
                )
                .zh(m.clone())
                .evidence(format!("doubled|{w}")),
            );
        }
    }
    out
}

/// A Latin-script run in a row without English that is one or two letters from an approved
/// glossary name or term (Lang hain, Microsof) and is not itself one of the glossary's forms
/// (a listed forbidden form is the glossary check's finding).
fn glossary_near_misses(doc: &Doc, glossary: &Glossary) -> Vec<Draft> {
    let forms: Vec<(&str, String)> = glossary
        .entries
        .iter()
        .filter(|e| e.status == Status::Approved)
        .flat_map(|e| {
            e.en_forms()
                .chain(e.zh_forms())
                .filter(|f| f.chars().any(|c| c.is_ascii_alphabetic()))
                .map(move |f| (e.en.as_str(), f.to_string()))
        })
        .collect();
    let known: Vec<String> = glossary
        .entries
        .iter()
        .flat_map(|e| {
            e.en_forms()
                .chain(e.zh_forms())
                .chain(e.zh_forbidden.iter().map(String::as_str))
                .map(compact)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut out = Vec::new();
    for (i, row) in doc.rows().iter().enumerate() {
        if !row.en.trim().is_empty() {
            continue;
        }
        for run in latin_runs(&row.zh) {
            if known.contains(&compact(&run.text)) {
                continue;
            }
            let hit = forms.iter().find_map(|(title, form)| {
                let words = latin_words(form);
                near(&run.text, &words).map(|_| (*title, form.clone()))
            });
            if let Some((title, form)) = hit {
                out.push(
                    Draft::new(
                        Kind::Name,
                        Severity::Warning,
                        i,
                        format!(
                            "misspelt? {} is close to the glossary's {form} ({title})",
                            run.text
                        ),
                    )
                    .zh(run.range.clone())
                    .evidence(format!("{}|{form}", run.text)),
                );
            }
        }
    }
    out
}

fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Row};
    use crate::glossary::entry::Entry;

    fn texts(zh: &str, marks: &[Range<usize>]) -> Vec<String> {
        marks.iter().map(|m| zh[m.clone()].to_string()).collect()
    }

    #[test]
    fn half_width_marks_inside_chinese_only() {
        let zh = "对谈Kevin Scott:从小镇做题家,人生无法复制(资料图片)吗?";
        assert_eq!(texts(zh, &half_width_marks(zh)), [":", ",", "(", ")", "?"]);
        for clean in [
            "来自公众号 有新Newin(ID:NewinData)",
            "收入1,000美元",
            "他说，“好的。”",
            "GPT-4 (OpenAI) 发布",
        ] {
            assert!(half_width_marks(clean).is_empty(), "{clean}");
        }
    }

    #[test]
    fn half_width_is_one_finding_per_document() {
        let corpus = Corpus::from_pairs([("我们,他们", ""), ("你好?", ""), ("没有问题。", "")]);
        let doc = Doc::new(&corpus);
        let f = check(&doc, None);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("2 marks"), "{}", f[0].message);
        assert!(f[0].message.contains("in 2 rows"), "{}", f[0].message);
        let clean = Corpus::from_pairs([("我们，他们", ""), ("你好？", "")]);
        assert!(check(&Doc::new(&clean), None).is_empty());
    }

    #[test]
    fn doubled_words_but_not_reduplication() {
        for (zh, want) in [
            ("我在在北京工作。", "在在"),
            ("我们我们明天去。", "我们我们"),
            ("这是我们的的问题。", "的的"),
        ] {
            assert_eq!(texts(zh, &doubled_marks(zh)), [want], "{zh}");
        }
        for clean in [
            "你看看这个。",
            "他常常来。",
            "谢谢你。",
            "人人都知道。",
            "零零碎碎的东西。",
            "高高兴兴地回家。",
            "我们讨论讨论。",
            "对对对，就是这样。",
            "一一对应。",
            "三三两两的人。",
            "可以一个一个地处理。",
            "想想，试试，走走。",
            "这些弦可以以不同的方式振动。",
            "他现在在家，目的的实现。",
            "是是是，我知道。",
            "这件事不了了之。",
            "天天向上。",
            "慢慢地走。",
        ] {
            assert!(
                doubled_marks(clean).is_empty(),
                "{clean}: {:?}",
                texts(clean, &doubled_marks(clean))
            );
        }
    }

    #[test]
    fn glossary_near_misses_in_rows_without_english() {
        let g = Glossary::from_entries(vec![
            Entry::new("LangChain", "LangChain"),
            Entry::new("Microsoft", "微软"),
        ]);
        let corpus = Corpus {
            rows: vec![
                Row {
                    zh: "我们用 LangChan 和 Microsof 做。".into(),
                    ..Row::default()
                },
                Row {
                    zh: "我们用 LangChain 和 Python 做。".into(),
                    ..Row::default()
                },
            ],
            ..Corpus::default()
        };
        let f = glossary_near_misses(&Doc::new(&corpus), &g);
        let got: Vec<&str> = f.iter().map(|d| d.evidence.as_str()).collect();
        assert_eq!(got, ["LangChan|LangChain", "Microsof|Microsoft"]);
    }
}
