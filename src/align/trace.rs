//! The document's trace on the caption path: where its caption words are rendered in the
//! Chinese, as evidence for where a bead may end.
//!
//! The bead's own lexical features count a caption word as matched when any Chinese word of
//! the bead glosses it, spurious matches included, and say nothing about the units just
//! outside it. Across the whole document the same dictionary evidence says more: each
//! caption content word is placed at the Chinese sentences near its expected position whose
//! words render it (glosses, the pinyin of names, numbers, Latin words, glossary terms, and
//! in the second pass the learnt pairs: the keys [`super::cost`] gives both sides), and the
//! longest chain of such places that runs forward in both languages is kept (a longest
//! non-decreasing subsequence; a word placed at many sentences in its window says little and
//! is left out). A bead end between Chinese sentence `i` and caption unit `j` then costs the
//! chain points it puts on the wrong side: points with a unit before `j` but a sentence from
//! `i` on, and points with a unit from `j` on but a sentence before `i`. The chain is
//! monotone, so these are the difference of two prefix counts (see [`Trace::cost`]).

use std::collections::HashMap;

/// A word is placed only at sentences within this many of its expected position, plus a
/// twentieth of the document's sentences (the translation runs near its length diagonal).
const WINDOW: usize = 12;

/// A word found in more sentences of its window than this is left out of the chain: a
/// common rendering places it everywhere and pulls the chain off course.
const MAX_PLACES: usize = 2;

/// A bead end's cost counts at most this many misplaced chain points: beyond a few, the end
/// is wrong anyway, and one dictionary accident should not outweigh every other term.
const MAX_COST: f32 = 4.0;

/// The chain of the document, as prefix counts: `en_before[j]` chain points lie in the
/// caption units before `j`, `zh_before[i]` in the Chinese sentences before `i`.
#[derive(Debug, Clone, Default)]
pub(super) struct Trace {
    zh_before: Vec<u32>,
    en_before: Vec<u32>,
}

impl Trace {
    /// The trace of a document: `zh_keys[i]` the keys Chinese sentence `i` renders (sorted or
    /// not), `en_keys[j]` the keys of caption unit `j`'s content words, and both sides'
    /// lengths (for each unit's expected position).
    pub(super) fn new(
        zh_keys: &[&[u32]],
        zh_len: &[f32],
        en_keys: &[&[u32]],
        en_len: &[f32],
    ) -> Trace {
        let (n, m) = (zh_keys.len(), en_keys.len());
        let points = chain(&places(zh_keys, zh_len, en_keys, en_len));
        let mut zh_before = vec![0u32; n + 1];
        let mut en_before = vec![0u32; m + 1];
        for &(u, s) in &points {
            en_before[u + 1] += 1;
            zh_before[s + 1] += 1;
        }
        for k in 1..=n {
            zh_before[k] += zh_before[k - 1];
        }
        for k in 1..=m {
            en_before[k] += en_before[k - 1];
        }
        Trace {
            zh_before,
            en_before,
        }
    }

    /// The chain points a bead end after Chinese sentence `i - 1` and caption unit `j - 1`
    /// puts on the wrong side (at most [`MAX_COST`]). As the chain runs forward in both
    /// languages, the points before unit `j` are its first `en_before[j]` and those before
    /// sentence `i` its first `zh_before[i]`: those on the wrong side are the difference.
    #[inline]
    pub(super) fn cost(&self, i: usize, j: usize) -> f32 {
        let (a, b) = (self.zh_before[i], self.en_before[j]);
        (a.abs_diff(b) as f32).min(MAX_COST)
    }

    /// How many points the chain has.
    #[cfg(test)]
    fn len(&self) -> u32 {
        self.en_before.last().copied().unwrap_or(0)
    }
}

/// Each caption word that the Chinese near its expected position renders, with the
/// sentences it is found in (ascending, at most [`MAX_PLACES`]), in caption order; the words
/// of one unit ordered by their first sentence.
fn places(
    zh_keys: &[&[u32]],
    zh_len: &[f32],
    en_keys: &[&[u32]],
    en_len: &[f32],
) -> Vec<(usize, Vec<usize>)> {
    let n = zh_keys.len();
    if n == 0 || en_keys.is_empty() {
        return Vec::new();
    }
    let mut at: HashMap<u32, Vec<usize>> = HashMap::new();
    for (s, keys) in zh_keys.iter().enumerate() {
        for &k in keys.iter() {
            let v = at.entry(k).or_default();
            if v.last() != Some(&s) {
                v.push(s);
            }
        }
    }
    // The expected sentence of a unit: where the Chinese has come as far through its
    // length as the English has through its own at the unit's middle.
    let zh_ends: Vec<f32> = zh_len
        .iter()
        .scan(0.0, |t, l| {
            *t += l;
            Some(*t)
        })
        .collect();
    let (zh_total, en_total) = (
        zh_ends.last().copied().unwrap_or(0.0),
        en_len.iter().sum::<f32>(),
    );
    let window = WINDOW + n / 20;
    let mut out = Vec::new();
    let mut en_at = 0.0;
    for (u, keys) in en_keys.iter().enumerate() {
        let mid = en_at + en_len.get(u).copied().unwrap_or(0.0) / 2.0;
        en_at += en_len.get(u).copied().unwrap_or(0.0);
        let share = if en_total > 0.0 { mid / en_total } else { 0.0 };
        let expected = zh_ends
            .partition_point(|&e| e < share * zh_total)
            .min(n - 1);
        let (lo, hi) = (expected.saturating_sub(window), expected + window);
        let first = out.len();
        for k in keys.iter() {
            let Some(found) = at.get(k) else { continue };
            let a = found.partition_point(|&s| s < lo);
            let b = found.partition_point(|&s| s <= hi);
            if a < b && b - a <= MAX_PLACES {
                out.push((u, found[a..b].to_vec()));
            }
        }
        out[first..].sort_by_key(|(_, s)| s[0]);
    }
    out
}

/// The longest chain of places running forward in both languages (caption order given;
/// Chinese sentences non-decreasing), at most one place per word: `(unit, sentence)`.
fn chain(words: &[(usize, Vec<usize>)]) -> Vec<(usize, usize)> {
    // Patience search: `tails[k]` is the point ending the best chain of k + 1 points found
    // so far with the lowest sentence. A word's places are tried last to first, so that
    // two of them can never be in one chain (a later one is never at or after an earlier
    // one tried before it).
    let mut points: Vec<(usize, usize, Option<usize>)> = Vec::new();
    let mut tails: Vec<usize> = Vec::new();
    for (u, places) in words {
        for &s in places.iter().rev() {
            let k = tails.partition_point(|&t| points[t].1 <= s);
            let prev = k.checked_sub(1).map(|p| tails[p]);
            points.push((*u, s, prev));
            let id = points.len() - 1;
            if k == tails.len() {
                tails.push(id);
            } else {
                tails[k] = id;
            }
        }
    }
    let mut out = Vec::new();
    let mut at = tails.last().copied();
    while let Some(p) = at {
        out.push((points[p].0, points[p].1));
        at = points[p].2;
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trace(zh: &[&[u32]], en: &[&[u32]]) -> Trace {
        Trace::new(zh, &vec![10.0; zh.len()], en, &vec![10.0; en.len()])
    }

    #[test]
    fn the_chain_keeps_the_places_that_run_forward() {
        // Word 7 is rendered in sentence 0, word 8 in 1, word 9 in 2; a stray 9 in unit 0
        // points at sentence 2 and is outvoted by the chain 7, 8, 9.
        let words = vec![(0, vec![0]), (0, vec![2]), (1, vec![1]), (2, vec![2])];
        assert_eq!(chain(&words), vec![(0, 0), (1, 1), (2, 2)]);
    }

    #[test]
    fn one_word_takes_one_place_in_the_chain() {
        // A word found in two sentences could extend the chain at both; it takes one.
        let words = vec![(0, vec![0, 1]), (1, vec![2])];
        let c = chain(&words);
        assert_eq!(c.len(), 2);
        assert_eq!(c[1], (1, 2));
    }

    #[test]
    fn an_end_that_agrees_with_the_chain_is_free_and_one_that_splits_it_pays() {
        // Sentence 0 renders words 1 and 2 (units 0 and 1), sentence 1 word 3 (unit 2).
        let zh: [&[u32]; 2] = [&[1, 2], &[3]];
        let en: [&[u32]; 3] = [&[1], &[2], &[3]];
        let t = trace(&zh, &en);
        assert_eq!(t.len(), 3);
        // Both ends of the document are free.
        assert_eq!(t.cost(0, 0), 0.0);
        assert_eq!(t.cost(2, 3), 0.0);
        // Sentence 0 with units 0 and 1: free.
        assert_eq!(t.cost(1, 2), 0.0);
        // Sentence 0 with unit 0 only leaves word 2 on the wrong side; with all three
        // units, word 3.
        assert_eq!(t.cost(1, 1), 1.0);
        assert_eq!(t.cost(1, 3), 1.0);
        assert_eq!(t.cost(1, 0), 2.0);
    }

    #[test]
    fn a_word_rendered_everywhere_is_no_evidence() {
        // Key 5 is in every sentence: no place is kept for it.
        let zh: [&[u32]; 4] = [&[5], &[5], &[5], &[5]];
        let en: [&[u32]; 4] = [&[5], &[5], &[5], &[5]];
        assert_eq!(trace(&zh, &en).len(), 0);
    }

    #[test]
    fn a_word_is_placed_only_near_its_expected_position() {
        // Key 4 is rendered only by the first sentence, but unit 99 lies far past it.
        let zh: Vec<Vec<u32>> = (0..100)
            .map(|i| if i == 0 { vec![4] } else { vec![] })
            .collect();
        let zh: Vec<&[u32]> = zh.iter().map(|v| v.as_slice()).collect();
        let en: Vec<Vec<u32>> = (0..100)
            .map(|j| if j == 99 { vec![4] } else { vec![] })
            .collect();
        let en: Vec<&[u32]> = en.iter().map(|v| v.as_slice()).collect();
        assert_eq!(trace(&zh, &en).len(), 0);
        // The same word in unit 0 is placed.
        let mut en2 = en.clone();
        en2[0] = &[4];
        en2[99] = &[];
        assert_eq!(trace(&zh, &en2).len(), 1);
    }

    #[test]
    fn costs_are_capped() {
        let zh: Vec<Vec<u32>> = (0..10).map(|i| vec![i]).collect();
        let zh: Vec<&[u32]> = zh.iter().map(|v| v.as_slice()).collect();
        let t = trace(&zh, &zh);
        assert_eq!(t.len(), 10);
        assert_eq!(t.cost(0, 10), MAX_COST);
        assert_eq!(t.cost(5, 5), 0.0);
        assert_eq!(t.cost(5, 4), 1.0);
    }
}
