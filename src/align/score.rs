//! The score of a bead: how well its two sides say the same thing, judged from the bead's
//! own text alone.
//!
//! The bead cost the aligner searches with ([`super::cost`]) leans on document-wide
//! statistics (word weights, the document's length ratio, which words the other side can
//! gloss at all), so it would make a row's score move when a distant sentence is edited.
//! The reported score uses only the bead's Chinese and English and fixed constants (the
//! lexicon, glossary anchors, a typical length ratio): the same bead scores the same in any
//! document.
//!
//! `score = lexical × length`:
//! - *lexical*: the mean of two shares — of the bead's English content words (stems,
//!   numbers, glossary terms; stop words left out) that a gloss of its Chinese words
//!   translates, and of its glossable Chinese words (with Latin words, numbers and glossary
//!   terms) whose glosses occur in its English. Each share is smoothed towards 0.3 by
//!   [`PRIOR_WEIGHT`] pseudo-words, so a bead with few words is neither condemned nor
//!   praised on their evidence alone.
//! - *length*: `exp(-d²/2)` with `d` the log ratio of the English length to the Chinese
//!   length times [`RATIO`], in units of [`LEN_SIGMA`] (lengths in visible characters, 8
//!   added to each side so that short beads are not judged on a few characters).
//!
//! The aligner scores its beads from the words it extracted from each segment for the cost
//! anyway (before any document statistics touched them: `cost::Raw`); [`score`] extracts
//! them for any pair of segments.
//!
//! Measured on the MAC development set (literary translation), correct beads score 0.30 in
//! the median and one in ten below 0.12; a Chinese sentence paired with its neighbour's
//! English scores 0.05 in the median and four in five below 0.12.

use super::cost::Raw;
use crate::segment::Segment;
use std::ops::Range;

/// English visible characters per Chinese one in a typical translation (the median over
/// the correct beads of the MAC development set is 3.2; whole documents of the development
/// sets range from 2.8 to 4.1).
pub const RATIO: f32 = 3.2;

/// Spread of the log length ratio: at one spread off [`RATIO`] the length factor is 0.6.
pub const LEN_SIGMA: f32 = 0.5;

/// Pseudo-words added to each share, of which a [`PRIOR_SHARE`] is found.
pub const PRIOR_WEIGHT: f32 = 2.0;
pub const PRIOR_SHARE: f32 = 0.3;

/// The score in [0, 1] of the bead pairing the Chinese segments `zh` with the English
/// segments `en`, given the glossary anchors `(English, Chinese)` of
/// [`super::AlignOptions`]; 0 when a side is empty.
pub fn score(zh: &[Segment], en: &[Segment], anchors: &[(String, String)]) -> f32 {
    let raw = Raw::new(zh, en, anchors);
    bead(&raw, 0..zh.len(), 0..en.len())
}

/// The score of the bead Chinese `zh`, English `en` (indices into the segments `raw` was
/// made from). Reads only those segments' words and lengths.
pub(super) fn bead(raw: &Raw, zh: Range<usize>, en: Range<usize>) -> f32 {
    bead_by(raw, zh, en, |a, b| raw.names.name(a).cmp(raw.names.name(b)))
}

/// [`bead`] given the rank of every word id of `raw` in the order of the words' texts
/// ([`super::cost::Names::ranks`]): the same comparisons, without comparing strings.
pub(super) fn bead_ranked(raw: &Raw, rank: &[u32], zh: Range<usize>, en: Range<usize>) -> f32 {
    bead_by(raw, zh, en, |a, b| rank[a as usize].cmp(&rank[b as usize]))
}

/// [`bead`], with `order` comparing two word ids by their texts.
fn bead_by(
    raw: &Raw,
    zh: Range<usize>,
    en: Range<usize>,
    order: impl Fn(u32, u32) -> std::cmp::Ordering,
) -> f32 {
    if zh.is_empty() || en.is_empty() {
        return 0.0;
    }
    let mut en_words: Vec<u32> = raw.en_words[en.clone()].concat();
    en_words.sort_unstable();
    en_words.dedup();
    // Tokens once each by their text (the order of the sort as when tokens were strings).
    let mut tokens: Vec<&(u32, std::sync::Arc<[u32]>)> =
        raw.zh_tokens[zh.clone()].iter().flatten().collect();
    tokens.sort_unstable_by(|a, b| order(a.0, b.0));
    tokens.dedup_by(|a, b| a.0 == b.0);
    let mut zh_keys: Vec<u32> = tokens.iter().flat_map(|t| t.1.iter().copied()).collect();
    zh_keys.sort_unstable();
    zh_keys.dedup();

    let en_hit = en_words
        .iter()
        .filter(|k| zh_keys.binary_search(k).is_ok())
        .count();
    let zh_hit = tokens
        .iter()
        .filter(|t| t.1.iter().any(|k| en_words.binary_search(k).is_ok()))
        .count();
    let share = |hit: usize, total: usize| {
        (hit as f32 + PRIOR_WEIGHT * PRIOR_SHARE) / (total as f32 + PRIOR_WEIGHT)
    };
    let lexical = 0.5 * (share(en_hit, en_words.len()) + share(zh_hit, tokens.len()));
    let zh_len: f32 = raw.zh_len[zh].iter().sum();
    let en_len: f32 = raw.en_len[en].iter().sum();
    let d = ((en_len + 8.0) / (zh_len * RATIO + 8.0)).ln() / LEN_SIGMA;
    let length = (-d * d / 2.0).exp();
    (lexical * length).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::super::{align, AlignOptions, Bead};
    use super::*;

    /// One segment per text, each its own paragraph starting at `paragraph`.
    fn segs(texts: &[&str], paragraph: usize) -> Vec<Segment> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Segment::plain(t, 0..t.len(), paragraph + i))
            .collect()
    }

    fn of(zh: &str, en: &str) -> f32 {
        score(&segs(&[zh], 0), &segs(&[en], 0), &[])
    }

    #[test]
    fn a_translation_scores_above_an_unrelated_pair() {
        let good = of("北京是中国的首都。", "Beijing is the capital of China.");
        let bad = of("北京是中国的首都。", "I like eating apples.");
        assert!((0.0..=1.0).contains(&good) && (0.0..=1.0).contains(&bad));
        assert!(good > 0.5, "{good}");
        assert!(bad < 0.12, "{bad}");
        // Numbers are evidence: the right amount beats a wrong one.
        let zh = "收入达到12亿美元。";
        assert!(
            of(zh, "Revenue reached 1.2 billion dollars.")
                > of(zh, "Revenue reached 3 billion dollars.")
        );
    }

    #[test]
    fn the_same_bead_scores_the_same_in_any_document() {
        let zh_a = segs(
            &["我喜欢吃苹果。", "北京是中国的首都。", "他明天去上海。"],
            0,
        );
        let en_a = segs(
            &[
                "I like eating apples.",
                "Beijing is the capital of China.",
                "He goes to Shanghai tomorrow.",
            ],
            0,
        );
        // Another document sharing only the second pair: other neighbours, another length,
        // other paragraphs.
        let zh_b = segs(
            &[
                "我们的经费从哪里来？",
                "北京是中国的首都。",
                "这辆车已经二十二岁了。",
                "他明天去上海。",
            ],
            5,
        );
        let en_b = segs(
            &[
                "Where does our money come from?",
                "Beijing is the capital of China.",
                "This car is already twenty-two years old.",
                "He goes to Shanghai tomorrow.",
            ],
            5,
        );
        let alone = score(&zh_a[1..2], &en_a[1..2], &[]);
        let in_doc = |zh: &[Segment], en: &[Segment]| {
            let beads: Vec<Bead> = align(zh, en, &AlignOptions::default());
            let b = beads.iter().find(|b| b.zh == (1..2)).expect("a bead");
            assert_eq!(b.en, 1..2, "{beads:?}");
            b.score
        };
        assert_eq!(in_doc(&zh_a, &en_a).to_bits(), alone.to_bits());
        assert_eq!(in_doc(&zh_b, &en_b).to_bits(), alone.to_bits());
        // The document-wide cost features give the same words, hence the same score.
        let raw = Raw::new(&zh_b, &en_b, &[]);
        assert_eq!(bead(&raw, 1..2, 1..2).to_bits(), alone.to_bits());
    }

    #[test]
    fn glossary_anchors_count_as_evidence() {
        let (zh, en) = (segs(&["智能体很重要。"], 0), segs(&["Agents matter."], 0));
        let anchors = [("agents".to_string(), "智能体".to_string())];
        assert!(score(&zh, &en, &anchors) > score(&zh, &en, &[]));
    }

    #[test]
    fn one_sided_beads_score_zero() {
        assert_eq!(score(&segs(&["你好。"], 0), &[], &[]), 0.0);
        assert_eq!(score(&[], &segs(&["Hello."], 0), &[]), 0.0);
    }
}
