//! Word pairs learnt from the document pair itself, for a second alignment pass.
//!
//! The dictionary does not know how a translator renders names and recurring terms
//! (韦小宝 → "Trinket", 公公 → "goong goong"), and those are the words a document repeats
//! most. After a first pass, Chinese words and English words that keep landing in the same
//! beads, and rarely apart, are taken as translations (Dice coefficient over beads, then
//! competitive linking: each word pairs with at most one partner, best pairs first).

use super::cost::{Names, Raw};
use super::lexicon::{is_stop_word, key, stem, FxMap, Lexicon};
use super::Bead;
use crate::segment::Segment;
use crate::text::han_runs;
use std::collections::BTreeSet;
use std::ops::Range;

/// Beads whose word pairs are counted together ([`learn`]).
const BAG_BLOCK: usize = 4096;

/// A pair must meet in at least this many beads…
const MIN_TOGETHER: usize = 3;
/// …with at least this Dice coefficient.
const MIN_DICE: f64 = 0.6;

/// Candidate Chinese words of a text: the lexicon's words of two characters or more, and
/// runs of two or three characters the lexicon only knows one by one (names, mostly).
fn zh_words<'t>(lex: &Lexicon, text: &'t str, out: &mut BTreeSet<&'t str>) {
    for run in han_runs(text) {
        zh_candidates(run, &lex.segment(run), out);
    }
}

/// [`zh_words`] of one run of Chinese characters, given its segmentation `words` (the
/// aligner reads each sentence once, [`Raw`], and keeps these beside its tokens).
pub(super) fn zh_candidates<'t>(run: &'t str, words: &[Range<usize>], out: &mut BTreeSet<&'t str>) {
    let single: Vec<bool> = words
        .iter()
        .map(|r| run[r.clone()].chars().count() == 1)
        .collect();
    for (k, r) in words.iter().enumerate() {
        if !single[k] {
            out.insert(&run[r.clone()]);
            continue;
        }
        for len in 2..=3 {
            if k + len <= words.len() && single[k..k + len].iter().all(|&s| s) {
                out.insert(&run[r.start..words[k + len - 1].end]);
            }
        }
    }
}

/// Candidate English words of a text: lower-case words of three letters or more that are
/// not stop words (a possessive `'s` dropped).
fn en_words(text: &str, each: impl FnMut(&str)) {
    en_words_lower(&text.to_lowercase(), each);
}

/// [`en_words`] of a text already lower-cased.
pub(super) fn en_words_lower(lower: &str, mut each: impl FnMut(&str)) {
    for w in lower.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        let w = w.trim_matches('\'');
        let w = w.strip_suffix("'s").unwrap_or(w);
        if w.chars().count() >= 3 && w.chars().all(char::is_alphabetic) && !is_stop_word(w) {
            each(w);
        }
    }
}

/// Word pairs learnt from one document pair, applied to its segments as extra evidence.
#[derive(Debug, Default, Clone)]
pub struct Learnt {
    /// `(English, Chinese)`, best first.
    pub pairs: Vec<(String, String)>,
    by_en: FxMap<String, u32>,
    /// Per Chinese segment: its learnt words with their keys.
    zh_found: Vec<Vec<(String, Vec<u32>)>>,
}

impl Learnt {
    /// The pairs, applied to Chinese segments whose candidate words ([`zh_words`]) are
    /// `words` (ids in `names`, ordered by text).
    fn new(pairs: Vec<(String, String)>, words: &[Vec<u32>], names: &Names) -> Learnt {
        let mut by_en = FxMap::default();
        let mut by_zh: FxMap<String, u32> = FxMap::default();
        for (k, (e, z)) in pairs.iter().enumerate() {
            by_en.insert(e.clone(), pair_key(k));
            by_zh.insert(z.clone(), pair_key(k));
        }
        let zh_found = if pairs.is_empty() {
            Vec::new()
        } else {
            words
                .iter()
                .map(|ws| {
                    ws.iter()
                        .map(|&w| names.name(w))
                        .filter_map(|w| by_zh.get(w).map(|&k| (w.to_string(), vec![k])))
                        .collect()
                })
                .collect()
        };
        Learnt {
            pairs,
            by_en,
            zh_found,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Keys of the learnt words in an English text.
    pub fn en_keys(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        if !self.is_empty() {
            en_words(text, |w| out.extend(self.by_en.get(w)));
        }
        out
    }

    /// [`Learnt::en_keys`] of an English segment whose candidate words ([`en_words`], in
    /// text order) are `words`.
    pub(super) fn en_keys_of(&self, words: &[u32], names: &Names) -> Vec<u32> {
        words
            .iter()
            .filter_map(|&w| self.by_en.get(names.name(w)).copied())
            .collect()
    }

    /// Learnt words in Chinese segment `i` (of the segments the pairs were learnt from),
    /// each with its key.
    pub fn zh_tokens(&self, i: usize) -> &[(String, Vec<u32>)] {
        self.zh_found.get(i).map_or(&[], Vec::as_slice)
    }
}

fn pair_key(k: usize) -> u32 {
    key(&format!("@learnt{k}"))
}

/// Word pairs that translate each other in this document, judged from the beads of a
/// first alignment; pairs the dictionary already links are left out. Time and memory grow
/// linearly with the document (words met in fewer than [`MIN_TOGETHER`] beads are never
/// paired).
pub fn pairs(zh: &[Segment], en: &[Segment], beads: &[Bead]) -> Learnt {
    let zh: Vec<Vec<String>> = zh
        .iter()
        .map(|s| zh_candidates_of(&s.text_without_notes()))
        .collect();
    let en: Vec<Vec<String>> = en.iter().map(|s| en_candidates_of(&s.text)).collect();
    let zh: Vec<&[String]> = zh.iter().map(Vec::as_slice).collect();
    let en: Vec<&[String]> = en.iter().map(Vec::as_slice).collect();
    pairs_of_words(&zh, &en, beads)
}

/// The candidate Chinese words of one text (without notes), ordered by text, each once:
/// what [`pairs`] reads of a Chinese segment, for a caller that keeps it by the text.
pub fn zh_candidates_of(text: &str) -> Vec<String> {
    let mut ws = BTreeSet::new();
    zh_words(Lexicon::get(), text, &mut ws);
    ws.into_iter().map(str::to_string).collect()
}

/// The candidate English words of one text, in text order: what [`pairs`] reads of an
/// English segment.
pub fn en_candidates_of(text: &str) -> Vec<String> {
    let mut ws = Vec::new();
    en_words(text, |w| ws.push(w.to_string()));
    ws
}

/// [`pairs`] of rows taken one bead each (row `k`: Chinese candidate words `zh[k]`, from
/// [`zh_candidates_of`], and English ones `en[k]`, from [`en_candidates_of`]): the same as
/// [`pairs`] of the rows' texts.
pub fn pairs_of_rows(zh: &[&[String]], en: &[&[String]]) -> Learnt {
    let beads: Vec<Bead> = (0..zh.len().min(en.len()))
        .map(|k| Bead {
            zh: k..k + 1,
            en: k..k + 1,
            score: 1.0,
        })
        .collect();
    pairs_of_words(zh, en, &beads)
}

/// [`pairs`] of segments given by their candidate words (Chinese numbered before English,
/// in segment order, as [`pairs`] numbers them).
fn pairs_of_words(zh: &[&[String]], en: &[&[String]], beads: &[Bead]) -> Learnt {
    let mut names = Names::default();
    let mut number = |segs: &[&[String]]| -> Vec<Vec<u32>> {
        segs.iter()
            .map(|ws| ws.iter().map(|w| names.id(w)).collect())
            .collect()
    };
    let words = number(zh);
    let en_words = number(en);
    learn(&words, &en_words, &names, beads)
}

/// [`pairs`] of the document `raw` is the reading of, from the candidate words read with
/// its tokens (no sentence is read again).
pub(super) fn pairs_read(raw: &Raw, beads: &[Bead]) -> Learnt {
    learn(&raw.zh_cands, &raw.en_cands, &raw.names, beads)
}

/// [`pairs`], given each segment's candidate words as ids in `names`: the Chinese ones
/// ordered by text, each once; the English ones in text order.
fn learn(words: &[Vec<u32>], en: &[Vec<u32>], names: &Names, beads: &[Bead]) -> Learnt {
    use rayon::prelude::*;
    let lex = Lexicon::get();
    let bags: Vec<(Vec<u32>, Vec<u32>)> = beads
        .par_iter()
        .with_min_len(BAG_BLOCK)
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty())
        .map(|bead| {
            let mut z: Vec<u32> = words[bead.zh.clone()].iter().flatten().copied().collect();
            let mut e: Vec<u32> = en[bead.en.clone()].iter().flatten().copied().collect();
            z.sort_unstable();
            z.dedup();
            e.sort_unstable();
            e.dedup();
            (z, e)
        })
        .collect();
    let mut zh_count = vec![0usize; names.len()];
    let mut en_count = vec![0usize; names.len()];
    for (z, e) in &bags {
        z.iter().for_each(|&w| zh_count[w as usize] += 1);
        e.iter().for_each(|&w| en_count[w as usize] += 1);
    }
    // How often each pair meets, counted only for pairs whose own counts allow the Dice
    // coefficient they need: meeting in c beads, a pair of words met in z and e beads has
    // 2c / (z + e) ≤ 2 min(z, e) / (z + e), below MIN_DICE (0.6) unless each count is
    // within 7/3 of the other. Blocks of beads are counted in parallel and added up (the
    // pairs are ranked by a total order below, so the order of counting is immaterial).
    let count = |bags: &[(Vec<u32>, Vec<u32>)]| {
        let mut both: FxMap<(u32, u32), usize> = FxMap::default();
        let mut es: Vec<(usize, u32)> = Vec::new();
        for (z, e) in bags {
            es.clear();
            es.extend(
                e.iter()
                    .map(|&b| (en_count[b as usize], b))
                    .filter(|&(c, _)| c >= MIN_TOGETHER),
            );
            es.sort_unstable();
            for &a in z.iter().filter(|&&a| zh_count[a as usize] >= MIN_TOGETHER) {
                let za = zh_count[a as usize];
                // A little wider than 3/7 … 7/3 of `za`, against rounding.
                let (lo, hi) = ((3 * za / 7).saturating_sub(1), 7 * za / 3 + 1);
                let from = es.partition_point(|&(c, _)| c < lo);
                for &(_, b) in es[from..].iter().take_while(|&&(c, _)| c <= hi) {
                    *both.entry((a, b)).or_default() += 1;
                }
            }
        }
        both
    };
    let both = bags
        .par_chunks(BAG_BLOCK)
        .map(count)
        .reduce(FxMap::default, |a, b| {
            let (mut a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
            for (k, c) in b {
                *a.entry(k).or_default() += c;
            }
            a
        });
    let mut scored: Vec<(f64, &str, &str)> = both
        .iter()
        .filter(|(_, &c)| c >= MIN_TOGETHER)
        .map(|(&(a, b), &c)| {
            let dice = 2.0 * c as f64 / (zh_count[a as usize] + en_count[b as usize]) as f64;
            (dice, names.name(a), names.name(b))
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
    // Competitive linking. A part of a word already linked (or a word holding one) is the
    // same evidence: `parts` holds every substring of the linked Chinese words.
    let mut parts: BTreeSet<String> = BTreeSet::new();
    let mut linked: BTreeSet<&str> = BTreeSet::new();
    let mut used_en: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    for (_, z, e) in scored {
        let subs = substrings(z);
        if parts.contains(z) || subs.iter().any(|s| linked.contains(s.as_str())) {
            continue;
        }
        if used_en.contains(e) {
            continue;
        }
        parts.extend(subs);
        linked.insert(z);
        used_en.insert(e);
        let mut s = e.to_string();
        let k = key(stem(&mut s));
        if lex.glosses(z).contains(&k) {
            continue;
        }
        out.push((e.to_string(), z.to_string()));
    }
    Learnt::new(out, words, names)
}

/// Every non-empty substring of `s`, by characters.
fn substrings(s: &str) -> Vec<String> {
    let b: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    let mut out = Vec::new();
    for i in 0..b.len() {
        for j in i + 1..b.len() {
            out.push(s[b[i]..b[j]].to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::lines;

    fn segs(texts: &[&str]) -> Vec<Segment> {
        lines(&texts.join("\n"))
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
        let learnt = pairs(&zh, &en, &beads).pairs;
        assert!(
            learnt.iter().any(|(e, z)| e == "trinket" && z == "韦小宝"),
            "{learnt:?}"
        );
        // Words that meet once are not learnt.
        assert!(!learnt.iter().any(|(e, _)| e == "cold"), "{learnt:?}");
    }

    #[test]
    fn learnt_words_are_found_in_new_text() {
        let zh = segs(&["韦小宝笑了。", "他笑了。"]);
        let mut names = Names::default();
        let words: Vec<Vec<u32>> = zh
            .iter()
            .map(|s| {
                let mut ws = BTreeSet::new();
                zh_words(Lexicon::get(), &s.text, &mut ws);
                ws.into_iter().map(|w| names.id(w)).collect()
            })
            .collect();
        let l = Learnt::new(vec![("trinket".into(), "韦小宝".into())], &words, &names);
        assert_eq!(l.en_keys("Trinket's boots").len(), 1);
        assert_eq!(l.zh_tokens(0).len(), 1);
        assert!(l.zh_tokens(1).is_empty());
    }
}
