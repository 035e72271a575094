//! Finding glossary terms in text.
//!
//! English: whole words (a match may not start or end inside a word), case as the entry
//! says, simple inflection of the last word (model → models, modelled) unless the entry
//! switches it off; spaces and hyphens between words are interchangeable
//! (retrieval-augmented ≡ retrieval augmented).
//!
//! Chinese: no tokenizer. The text is width-folded ([`crate::text::width::fold`]: ＧＰＴ－４ →
//! GPT-4) and searched by substring for every accepted and forbidden form of every entry;
//! Latin letters compare without case and may not start or end inside a Latin word.
//!
//! On both sides the longest match wins: a match that overlaps a longer one is dropped, so
//! 模型 is not reported inside 大模型 when 大模型 is its own entry, and "model" is not
//! reported inside "large language model".

use super::entry::Entry;
use crate::text::width;
use std::collections::HashMap;
use std::ops::Range;

/// An English term found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnMatch {
    /// Index of the entry in the glossary.
    pub entry: usize,
    /// Byte range in the searched text.
    pub range: Range<usize>,
}

/// How a Chinese form relates to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// The entry's preferred rendering.
    Preferred,
    /// One of its accepted alternatives.
    Accepted,
    /// One of its forbidden renderings.
    Forbidden,
}

/// A Chinese form found in text, with every entry it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZhMatch {
    /// Byte range in the searched (unfolded) text.
    pub range: Range<usize>,
    /// (entry index, role) for every entry that lists this form.
    pub hits: Vec<(usize, Role)>,
}

impl ZhMatch {
    /// The role of this form for `entry`, if it is one of its forms.
    pub fn role_for(&self, entry: usize) -> Option<Role> {
        self.hits
            .iter()
            .filter(|(e, _)| *e == entry)
            .map(|(_, r)| *r)
            .min()
    }
}

struct EnPattern {
    entry: usize,
    /// Normalised (see [`normalise_en`]); lower case unless `case_sensitive`.
    text: String,
    case_sensitive: bool,
}

/// All glossary forms compiled for searching.
pub struct Matcher {
    en: Vec<EnPattern>,
    /// Folded, ASCII-lower-cased Chinese form → entries using it.
    zh: Vec<(String, Vec<(usize, Role)>)>,
}

impl Matcher {
    /// Compiles the forms of `entries` (every status: callers decide what to enforce).
    pub fn new(entries: &[Entry]) -> Matcher {
        let mut en = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let mut seen = Vec::new();
            for form in entry.en_forms() {
                for surface in surfaces(form, entry.inflect) {
                    let text = normalise_en(&surface, entry.case_sensitive);
                    if !text.trim().is_empty() && !seen.contains(&text) {
                        seen.push(text.clone());
                        en.push(EnPattern {
                            entry: i,
                            text,
                            case_sensitive: entry.case_sensitive,
                        });
                    }
                }
            }
        }
        let mut zh_index: HashMap<String, Vec<(usize, Role)>> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            let roles = std::iter::once((entry.zh.as_str(), Role::Preferred))
                .chain(entry.zh_alt.iter().map(|f| (f.as_str(), Role::Accepted)))
                .chain(
                    entry
                        .zh_forbidden
                        .iter()
                        .map(|f| (f.as_str(), Role::Forbidden)),
                );
            for (form, role) in roles {
                let key = fold_zh(form.trim());
                if key.is_empty() {
                    continue;
                }
                let hits = zh_index.entry(key).or_default();
                if !hits.contains(&(i, role)) {
                    hits.push((i, role));
                }
            }
        }
        let mut zh: Vec<_> = zh_index.into_iter().collect();
        zh.sort();
        Matcher { en, zh }
    }

    /// The English terms in `text`, longest match winning, in text order.
    pub fn find_en(&self, text: &str) -> Vec<EnMatch> {
        let exact = normalise_en(text, true);
        let lower = normalise_en(text, false);
        let mut candidates = Vec::new();
        for pattern in &self.en {
            let hay = if pattern.case_sensitive {
                &exact
            } else {
                &lower
            };
            for (start, _) in hay.match_indices(pattern.text.as_str()) {
                let end = start + pattern.text.len();
                if at_word_edges(text, start, end, |c| c.is_alphanumeric()) {
                    candidates.push((pattern.entry, start..end));
                }
            }
        }
        longest_first(candidates)
            .into_iter()
            .map(|(entry, range)| EnMatch { entry, range })
            .collect()
    }

    /// The Chinese forms in `text`, longest match winning, in text order.
    pub fn find_zh(&self, text: &str) -> Vec<ZhMatch> {
        let (folded, offsets) = fold_with_offsets(text);
        let mut candidates = Vec::new();
        for (k, (form, _)) in self.zh.iter().enumerate() {
            for (start, _) in folded.match_indices(form.as_str()) {
                let end = start + form.len();
                if at_word_edges(&folded, start, end, |c| c.is_ascii_alphanumeric()) {
                    candidates.push((k, start..end));
                }
            }
        }
        longest_first(candidates)
            .into_iter()
            .map(|(k, range)| ZhMatch {
                range: offsets[range.start]..offsets[range.end],
                hits: self.zh[k].1.clone(),
            })
            .collect()
    }
}

/// Keeps the longest candidates: one that overlaps a longer kept span is dropped (spans of
/// equal extent are all kept). Returns them in text order.
fn longest_first(mut candidates: Vec<(usize, Range<usize>)>) -> Vec<(usize, Range<usize>)> {
    candidates.sort_by_key(|(k, r)| (std::cmp::Reverse(r.len()), r.start, *k));
    candidates.dedup();
    let mut kept: Vec<(usize, Range<usize>)> = Vec::new();
    for (k, range) in candidates {
        let blocked = kept
            .iter()
            .any(|(_, r)| *r != range && r.start < range.end && range.start < r.end);
        if !blocked {
            kept.push((k, range));
        }
    }
    kept.sort_by_key(|(k, r)| (r.start, *k));
    kept
}

/// True when `text[start..end]` neither starts nor ends inside a word (as `is_word` defines
/// word characters): checked only on the sides where the match itself has a word character.
fn at_word_edges(text: &str, start: usize, end: usize, is_word: impl Fn(char) -> bool) -> bool {
    let inner = &text[start..end];
    let first_is_word = inner.chars().next().is_some_and(&is_word);
    let last_is_word = inner.chars().next_back().is_some_and(&is_word);
    let before_ok = !first_is_word || !text[..start].chars().next_back().is_some_and(&is_word);
    let after_ok = !last_is_word || !text[end..].chars().next().is_some_and(&is_word);
    before_ok && after_ok
}

/// Byte-for-byte normalisation of English: ASCII white space and hyphens become a space;
/// ASCII letters are lower-cased unless `case_sensitive`. Byte offsets are unchanged.
pub fn normalise_en(text: &str, case_sensitive: bool) -> String {
    text.chars()
        .map(|c| match c {
            '-' | '\t' | '\n' | '\r' => ' ',
            c if !case_sensitive => c.to_ascii_lowercase(),
            c => c,
        })
        .collect()
}

/// Folds width and ASCII case of a Chinese form, for comparing forms with each other.
pub fn fold_zh(text: &str) -> String {
    width::fold(text).to_ascii_lowercase()
}

/// Folds `text` (width, ASCII case) and returns, for every byte offset of the folded text
/// that starts a character (and its end), the corresponding offset in `text`.
fn fold_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let f = width::fold_char(c).to_ascii_lowercase();
        for _ in 0..f.len_utf8() {
            offsets.push(at);
        }
        folded.push(f);
    }
    offsets.push(text.len());
    (folded, offsets)
}

/// The surface forms of an English term: itself, collapsed to single spaces, and with
/// `inflect` the simple inflections of its last word.
fn surfaces(form: &str, inflect: bool) -> Vec<String> {
    let words: Vec<&str> = form.split_whitespace().collect();
    let base = words.join(" ");
    let mut out = vec![base.clone()];
    // The last word, or the last part of a hyphenated one (fine-tune → fine-tuning).
    let Some(last) = base.rsplit([' ', '-']).next() else {
        return out;
    };
    if !inflect || last.len() < 2 || !last.chars().all(|c| c.is_ascii_alphabetic()) {
        return out;
    }
    let stem = &base[..base.len() - last.len()];
    for word in inflections(last) {
        out.push(format!("{stem}{word}"));
    }
    out
}

/// Simple English inflections of one word: plural / third person, past, gerund, with the
/// usual spelling changes (y → ies, final e dropped, final consonant doubled).
pub fn inflections(word: &str) -> Vec<String> {
    if word.chars().all(|c| c.is_ascii_uppercase()) {
        // An acronym: only a plural (GPUs, LLMs).
        return vec![format!("{word}s")];
    }
    let lower = word.to_ascii_lowercase();
    let is_vowel = |c: u8| b"aeiou".contains(&c);
    let bytes = lower.as_bytes();
    let last = bytes[bytes.len() - 1];
    let before = bytes[bytes.len() - 2];
    let mut out = Vec::new();
    if last == b'y' && !is_vowel(before) {
        let stem = &word[..word.len() - 1];
        out.extend([
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{word}ing"),
        ]);
    } else if last == b'e' {
        let stem = &word[..word.len() - 1];
        out.extend([format!("{word}s"), format!("{word}d"), format!("{stem}ing")]);
    } else {
        if matches!(last, b's' | b'x' | b'z' | b'h') {
            out.push(format!("{word}es"));
        } else {
            out.push(format!("{word}s"));
        }
        out.extend([format!("{word}ed"), format!("{word}ing")]);
        if !is_vowel(last) && is_vowel(before) && !matches!(last, b'w' | b'x' | b'y') {
            let doubled = &word[word.len() - 1..];
            out.extend([format!("{word}{doubled}ed"), format!("{word}{doubled}ing")]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Vec<Entry> {
        let mut copilot = Entry::new("Copilot", "Copilot");
        copilot.case_sensitive = true;
        copilot.zh_forbidden = vec!["副驾驶".into()];
        let mut llm = Entry::new("large language model", "大模型");
        llm.en_alt = vec!["LLM".into()];
        let mut name = Entry::new("Satya Nadella", "萨提亚·纳德拉");
        name.inflect = false;
        name.en_alt = vec!["Satya".into()];
        name.zh_alt = vec!["萨提亚".into(), "Satya".into()];
        vec![
            Entry::new("model", "模型"),
            llm,
            copilot,
            Entry::new("retrieval-augmented generation", "检索增强生成"),
            name,
            Entry::new("semantic kernel", "语义内核"),
            Entry::new("AI", "AI"),
        ]
    }

    fn en(text: &str) -> Vec<(usize, &str)> {
        Matcher::new(&entries())
            .find_en(text)
            .into_iter()
            .map(|m| (m.entry, &text[m.range]))
            .collect()
    }

    fn zh(text: &str) -> Vec<(&str, Vec<(usize, Role)>)> {
        Matcher::new(&entries())
            .find_zh(text)
            .into_iter()
            .map(|m| (&text[m.range], m.hits))
            .collect()
    }

    #[test]
    fn english_matches_whole_words_with_inflection() {
        assert_eq!(
            en("Models, modelled, modelling."),
            vec![(0, "Models"), (0, "modelled"), (0, "modelling")]
        );
        assert!(en("remodel the remodels").is_empty());
        assert_eq!(en("two LLMs"), vec![(1, "LLMs")]);
        let tune = Matcher::new(&[Entry::new("fine-tune", "微调")]);
        assert_eq!(tune.find_en("fine-tuning and fine tuned").len(), 2);
    }

    #[test]
    fn english_longest_match_wins() {
        assert_eq!(
            en("a large language model"),
            vec![(1, "large language model")]
        );
        assert_eq!(
            en("Satya Nadella and Satya"),
            vec![(4, "Satya Nadella"), (4, "Satya")]
        );
    }

    #[test]
    fn english_case_follows_the_entry() {
        assert_eq!(en("GitHub Copilot helps"), vec![(2, "Copilot")]);
        assert!(en("I need a copilot").is_empty());
        assert_eq!(en("ai and AI"), vec![(6, "ai"), (6, "AI")]);
    }

    #[test]
    fn english_hyphen_and_space_are_interchangeable() {
        assert_eq!(
            en("retrieval augmented generation"),
            vec![(3, "retrieval augmented generation")]
        );
        assert_eq!(
            en("Retrieval-Augmented Generation"),
            vec![(3, "Retrieval-Augmented Generation")]
        );
    }

    #[test]
    fn inflections_follow_spelling_rules() {
        assert!(inflections("query").contains(&"queries".to_string()));
        assert!(inflections("compute").contains(&"computing".to_string()));
        assert!(inflections("model").contains(&"modelled".to_string()));
        assert!(inflections("search").contains(&"searches".to_string()));
        assert_eq!(inflections("GPU"), vec!["GPUs".to_string()]);
    }

    #[test]
    fn chinese_longest_match_wins() {
        assert_eq!(
            zh("大模型很强"),
            vec![("大模型", vec![(1, Role::Preferred)])]
        );
        assert_eq!(zh("模型很强"), vec![("模型", vec![(0, Role::Preferred)])]);
    }

    #[test]
    fn chinese_found_inside_any_sentence() {
        let found = zh("我们开发了一个名为语义内核(semantic kernel)的开源协调器");
        assert_eq!(found, vec![("语义内核", vec![(5, Role::Preferred)])]);
    }

    #[test]
    fn chinese_folds_width_and_latin_case() {
        let found = zh("我用ＣＯＰＩＬＯＴ写代码");
        assert_eq!(found, vec![("ＣＯＰＩＬＯＴ", vec![(2, Role::Preferred)])]);
        assert_eq!(zh("副驾驶员")[0].1, vec![(2, Role::Forbidden)]);
    }

    #[test]
    fn latin_forms_in_chinese_respect_word_edges() {
        assert!(zh("投资OpenAI").is_empty());
        assert_eq!(zh("AI的变与不变")[0].0, "AI");
        assert_eq!(zh("萨提亚(Satya)有一个理论").len(), 2);
    }

    proptest::proptest! {
        #![proptest_config(crate::text::fuzz_config::fixed(256, 11))]
        /// Matches are valid, non-overlapping slices of the text, in order, for any text.
        #[test]
        fn matches_are_ordered_valid_slices(text in "[a-zA-Z模型大语言内核ＡＩ·\\- ,。]{0,40}") {
            let m = Matcher::new(&entries());
            let en: Vec<Range<usize>> = m.find_en(&text).into_iter().map(|x| x.range).collect();
            let zh: Vec<Range<usize>> = m.find_zh(&text).into_iter().map(|x| x.range).collect();
            for ranges in [en, zh] {
                let mut end = 0;
                for r in ranges {
                    proptest::prop_assert!(text.get(r.clone()).is_some_and(|s| !s.is_empty()));
                    proptest::prop_assert!(r.start >= end);
                    end = r.end;
                }
            }
        }
    }
}
