//! Word pairs learnt from the document pair itself, for a second alignment pass.
//!
//! The dictionary does not know how a translator renders names and recurring terms
//! (韦小宝 → "Trinket", 公公 → "goong goong"), and those are the words a document repeats
//! most. After a first pass, Chinese words and English words that keep landing in the same
//! beads, and rarely apart, are taken as translations (Dice coefficient over beads, then
//! competitive linking: each word pairs with at most one partner, best pairs first).

use super::lexicon::{is_stop_word, key, stem, Lexicon};
use super::Bead;
use crate::segment::Segment;
use std::collections::{BTreeMap, BTreeSet};

/// A pair must meet in at least this many beads…
const MIN_TOGETHER: usize = 3;
/// …with at least this Dice coefficient.
const MIN_DICE: f64 = 0.6;

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Candidate Chinese words of a text: the lexicon's words of two characters or more, and
/// runs of two or three characters the lexicon only knows one by one (names, mostly).
fn zh_words(lex: &Lexicon, text: &str, out: &mut BTreeSet<String>) {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_cjk(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            runs.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        runs.push(&text[s..]);
    }
    for run in runs {
        let words = lex.segment(run);
        let single: Vec<bool> = words
            .iter()
            .map(|r| run[r.clone()].chars().count() == 1)
            .collect();
        for (k, r) in words.iter().enumerate() {
            if !single[k] {
                out.insert(run[r.clone()].to_string());
                continue;
            }
            for len in 2..=3 {
                if k + len <= words.len() && single[k..k + len].iter().all(|&s| s) {
                    out.insert(run[r.start..words[k + len - 1].end].to_string());
                }
            }
        }
    }
}

/// Candidate English words of a text: lower-case words of three letters or more that are
/// not stop words.
fn en_words(text: &str, out: &mut BTreeSet<String>) {
    for w in text
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
    {
        let w = w.trim_matches('\'');
        let w = w.strip_suffix("'s").unwrap_or(w);
        if w.chars().count() >= 3 && w.chars().all(char::is_alphabetic) && !is_stop_word(w) {
            out.insert(w.to_string());
        }
    }
}

/// Pairs `(English, Chinese)` that translate each other in this document, judged from the
/// beads of a first alignment; pairs the dictionary already links are left out.
pub fn pairs(zh: &[Segment], en: &[Segment], beads: &[Bead]) -> Vec<(String, String)> {
    let lex = Lexicon::get();
    let mut zh_count: BTreeMap<String, usize> = BTreeMap::new();
    let mut en_count: BTreeMap<String, usize> = BTreeMap::new();
    let mut both: BTreeMap<(String, String), usize> = BTreeMap::new();
    for bead in beads
        .iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty())
    {
        let mut zs = BTreeSet::new();
        for s in &zh[bead.zh.clone()] {
            zh_words(lex, &s.text_without_notes(), &mut zs);
        }
        let mut es = BTreeSet::new();
        for s in &en[bead.en.clone()] {
            en_words(&s.text, &mut es);
        }
        for z in &zs {
            *zh_count.entry(z.clone()).or_default() += 1;
        }
        for e in &es {
            *en_count.entry(e.clone()).or_default() += 1;
        }
        for z in &zs {
            for e in &es {
                *both.entry((z.clone(), e.clone())).or_default() += 1;
            }
        }
    }
    let mut scored: Vec<(f64, &String, &String)> = both
        .iter()
        .filter(|(_, &c)| c >= MIN_TOGETHER)
        .map(|((z, e), &c)| {
            let dice = 2.0 * c as f64 / (zh_count[z] + en_count[e]) as f64;
            (dice, z, e)
        })
        .filter(|(d, _, _)| *d >= MIN_DICE)
        .collect();
    // Best first; ties by the longer Chinese word, then text, so the result is stable.
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.chars().count().cmp(&a.1.chars().count()))
            .then(a.1.cmp(b.1))
            .then(a.2.cmp(b.2))
    });
    let mut used_zh: BTreeSet<&str> = BTreeSet::new();
    let mut used_en: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    for (_, z, e) in scored {
        // A part of a word already linked (or a word holding one) is the same evidence.
        let overlaps = used_zh
            .iter()
            .any(|u| u.contains(z.as_str()) || z.contains(u));
        if overlaps || used_en.contains(e.as_str()) {
            continue;
        }
        used_zh.insert(z);
        used_en.insert(e);
        let mut s = e.clone();
        let k = key(stem(&mut s));
        if lex.glosses(z).contains(&k) {
            continue;
        }
        out.push((e.clone(), z.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(lines: &[&str]) -> Vec<Segment> {
        lines
            .iter()
            .enumerate()
            .map(|(i, t)| Segment::plain(t, 0..t.len(), i))
            .collect()
    }

    #[test]
    fn a_name_the_dictionary_lacks_is_learnt_from_repeated_beads() {
        let zh = segs(&[
            "韦小宝笑了。",
            "天很冷。",
            "韦小宝跑了。",
            "我们吃饭。",
            "韦小宝睡了。",
            "他们走了。",
        ]);
        let en = segs(&[
            "Trinket laughed.",
            "It was cold.",
            "Trinket ran away.",
            "We ate.",
            "Trinket slept.",
            "They left.",
        ]);
        let beads: Vec<Bead> = (0..6)
            .map(|i| Bead {
                zh: i..i + 1,
                en: i..i + 1,
                score: 1.0,
            })
            .collect();
        let learnt = pairs(&zh, &en, &beads);
        assert!(
            learnt.iter().any(|(e, z)| e == "trinket" && z == "韦小宝"),
            "{learnt:?}"
        );
        // Words that meet once are not learnt.
        assert!(!learnt.iter().any(|(e, _)| e == "cold"), "{learnt:?}");
    }
}
