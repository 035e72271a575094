//! n:m sentence alignment of Chinese and English segments.
//!
//! [`align`] scores candidate beads with a linear score: [`weights`] times the feature vector
//! of [`features`], built from the segment features of [`cost`] (length, CC-CEDICT
//! [`lexicon`] evidence, number and Latin-word [`anchors`], glossary terms, punctuation,
//! paragraph and turn boundaries), and finds the best sequence with the banded,
//! coarse-to-fine search in [`dp`]. [`train`] learns the weights from gold alignments. [`ladder`] reads and writes the
//! `[zh ids]:[en ids]` format of the gold files; [`eval`] scores alignments against them.
//! The score reported for each bead comes from [`score`], from the bead's own text alone.

pub mod anchors;
pub mod cost;
pub mod dp;
pub mod eval;
pub mod features;
pub mod ladder;
pub mod learn;
pub mod lexicon;
pub mod score;
pub mod structure;
pub mod train;
pub mod weights;

use crate::segment::Segment;
use std::ops::Range;

/// One aligned group: a run of Chinese segments and a run of English segments that
/// translate each other. Either side may be empty (an omission or an addition).
/// Ranges index the segment slices given to the aligner; beads are in document order
/// and together cover both sides without gaps or overlaps.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    pub zh: Range<usize>,
    pub en: Range<usize>,
    /// Confidence in [0, 1]: higher is better. From the bead's own text only ([`score`]), so
    /// it does not change when the rest of the document does.
    pub score: f32,
}

/// How to align.
#[derive(Debug, Clone)]
pub struct AlignOptions {
    /// Term pairs known to translate each other, `(English, Chinese)` (e.g. approved
    /// glossary entries): a segment pair sharing one gains evidence.
    pub anchors: Vec<(String, String)>,
    /// Most Chinese segments in one bead (0: automatic).
    pub max_zh: usize,
    /// Most English segments in one bead (0: automatic — 5 for sentences, more when the
    /// English units are much shorter than the Chinese sentences, as caption units are).
    pub max_en: usize,
    /// Half-width, in segments, of the band searched around the coarse path.
    pub band: usize,
    /// The bead score's weights for sentences (default: the shipped, trained ones).
    pub weights: weights::Weights,
    /// The weights for caption units (default: the hand-set ones, see docs/aligner.md).
    pub caption_weights: weights::Weights,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            anchors: Vec::new(),
            max_zh: 0,
            max_en: 0,
            band: 8,
            weights: weights::Weights::default(),
            caption_weights: weights::Weights::hand(),
        }
    }
}

/// The bead shapes `(zh, en)` searched: 1-0, 0-1, 1-1 … 1-`max_en`, up to `max_zh`-1,
/// 2-2, 2-3, 3-2, and for caption units 2-b beads too.
pub(super) fn shapes(max_zh: usize, max_en: usize, captions: bool) -> Vec<(usize, usize)> {
    let mut out = vec![(1, 1), (1, 0), (0, 1)];
    for b in 2..=max_en {
        out.push((1, b));
    }
    for a in 2..=max_zh {
        out.push((a, 1));
    }
    out.push((2, 2));
    if captions {
        for b in 3..=max_en {
            out.push((2, b));
        }
    } else {
        out.push((2, 3));
    }
    out.push((3, 2));
    out
}

/// Most Chinese and English sentences in one bead when aligning sentences.
pub(super) const MAX_ZH: usize = 4;
pub(super) const MAX_EN: usize = 5;

/// Aligns Chinese and English segments. The beads are monotone, cover both sides without
/// gaps or overlaps, and depend only on the input (deterministic). Chinese segments that are
/// not body text (title, front and back matter, headings) get beads of their own with no
/// English: see [`structure`].
pub fn align(zh: &[Segment], en: &[Segment], options: &AlignOptions) -> Vec<Bead> {
    structure::align_body_only(zh, en, |zh, en| align_sentences(zh, en, options))
}

/// Aligns the sentences as given, whatever their kind.
fn align_sentences(zh: &[Segment], en: &[Segment], options: &AlignOptions) -> Vec<Bead> {
    let (n, m) = (zh.len(), en.len());
    if n == 0 || m == 0 {
        let zh_only = (0..n).map(|i| Bead {
            zh: i..i + 1,
            en: 0..0,
            score: 0.0,
        });
        let en_only = (0..m).map(|j| Bead {
            zh: n..n,
            en: j..j + 1,
            score: 0.0,
        });
        return zh_only.chain(en_only).collect();
    }
    let raw = cost::Raw::new(zh, en, &options.anchors);
    let (first, raw) = align_pass(raw, zh, en, options, &learn::Learnt::default(), None);
    // Second pass: with the word pairs the first pass revealed (names, recurring terms).
    let learnt = learn::pairs(zh, en, &first);
    if learnt.is_empty() {
        return first;
    }
    // The first pass's beads are a far better guide than the coarse search: the second
    // searches the band around them.
    let mut path = vec![(0, 0)];
    path.extend(first.iter().map(|b| (b.zh.end, b.en.end)));
    align_pass(raw, zh, en, options, &learnt, Some(path)).0
}

/// One alignment pass over non-empty sides.
fn align_pass(
    raw: cost::Raw,
    zh: &[Segment],
    en: &[Segment],
    options: &AlignOptions,
    learnt: &learn::Learnt,
    guide: Option<Vec<(usize, usize)>>,
) -> (Vec<Bead>, cost::Raw) {
    let (n, m) = (zh.len(), en.len());
    let f = cost::Features::with_learnt(raw, zh, en, learnt);
    let units = (m as f32 / n as f32).max(1.0);
    let captions = units > cost::CAPTION_UNITS;
    let max_en = if options.max_en > 0 {
        options.max_en
    } else if captions {
        ((units * 4.0).ceil() as usize).clamp(4, 32)
    } else {
        MAX_EN
    };
    let max_zh = if options.max_zh > 0 {
        options.max_zh
    } else {
        MAX_ZH
    };
    let shapes = shapes(max_zh.min(8), max_en.min(64), captions);
    let w = if f.en_unit > 1.0 {
        &options.caption_weights
    } else {
        &options.weights
    };

    let guided = guide.is_some();
    let (path, en_scale) = match guide {
        Some(path) => (path, 1),
        None => coarse(&f, n, m),
    };
    // Caption units: the band must hold a few of the widest beads.
    let width = if captions {
        options.band.max(max_zh).max(2 * max_en).max(2 * en_scale)
    } else if guided {
        // The first pass's beads are close to right: the second pass moves them a little.
        (options.band / 2).max(max_zh).max(max_en)
    } else {
        options.band.max(max_zh).max(max_en)
    };
    let band = dp::Band::around(&path, n, m, width);

    let pairs = PairCache::new(&f, &band, max_zh, max_en);
    let scorer = features::Scorer::new(&f, &pairs, w);
    let mut cost = |i: usize, j: usize, a: usize, b: usize, limit: f32| -> f32 {
        scorer.cost(i, j, a, b, limit)
    };
    let steps = dp::search(n, m, &band, &shapes, &mut cost);
    // The reported score is the bead's own (see [`score`]), not its cost: the cost depends
    // on the whole document, the score on the bead's text only.
    let mut beads: Vec<Bead> = steps
        .iter()
        .map(|s| Bead {
            zh: s.z0..s.z1,
            en: s.e0..s.e1,
            score: score::bead(&f.raw, s.z0..s.z1, s.e0..s.e1),
        })
        .collect();
    if beads.is_empty() {
        // The band held no path (cannot happen with a band around a full path, but never
        // return a partial cover): fall back to one bead per side.
        beads = vec![Bead {
            zh: 0..n,
            en: 0..m,
            score: 0.0,
        }];
    }
    (beads, f.into_raw())
}

/// The coarse path the bead search refines (lattice points from (0,0) to (n,m)), and the
/// number of English units its steps stand for.
fn coarse(f: &cost::Features, n: usize, m: usize) -> (Vec<(usize, usize)>, usize) {
    // Long documents of sentences (the common long case): start one level above full
    // resolution straight away, as below, without ever holding the full-resolution vectors.
    let long = |n_en: usize| (n + 1) * (n_en + 1) > dp::FULL_CELLS && n >= 4 && n_en >= 4;
    if m <= 2 * n.max(1) && long(m) {
        let (hz, he) = f.vectors_halved();
        let (zl, el) = f.lengths();
        let half = |l: &[f32]| -> Vec<f32> { l.chunks(2).map(|c| c.iter().sum()).collect() };
        let path = dp::coarse_path(hz, he, &half(&zl), &half(&el), 0.8)
            .into_iter()
            .map(|(i, j)| ((2 * i).min(n), (2 * j).min(m)))
            .collect();
        return (path, 1);
    }
    let (zv, mut ev) = f.vectors();
    let (zl, mut el) = f.lengths();
    // Caption units: the coarse search works on English runs of 2^k units, so that both
    // sides have segments of about the same size (its beads are at most 1-2 and 2-1).
    let mut en_scale = 1;
    while ev.len() > 2 * n.max(1) && ev.len() >= 4 {
        (ev, el) = dp::halve(&ev, &el);
        en_scale *= 2;
    }
    let n_en = ev.len();
    // Long documents: the vector search stops one level above full resolution (the bead
    // search below refines within its band anyway), which halves the cost of the vectors.
    let path: Vec<(usize, usize)> = if (n + 1) * (n_en + 1) > dp::FULL_CELLS && n >= 4 && n_en >= 4
    {
        let (hz, hzl) = dp::halve(&zv, &zl);
        let (he, hel) = dp::halve(&ev, &el);
        // The full-resolution vectors are not needed any more: free them before the search.
        drop((zv, ev));
        dp::coarse_path(hz, he, &hzl, &hel, 0.8)
            .into_iter()
            .map(|(i, j)| ((2 * i).min(n), (2 * j).min(n_en)))
            .collect()
    } else {
        dp::coarse_path(zv, ev, &zl, &el, 0.8)
    };
    let path = path
        .into_iter()
        .map(|(i, j)| (i, (j * en_scale).min(m)))
        .collect::<Vec<_>>();
    (path, en_scale)
}

/// Pair masks for every (Chinese, English) segment pair a bead inside the band can touch.
pub(super) struct PairCache {
    start: Vec<usize>,
    offset: Vec<usize>,
    width: Vec<usize>,
    masks: Vec<cost::PairMask>,
}

impl PairCache {
    pub(super) fn new(
        f: &cost::Features,
        band: &dp::Band,
        max_zh: usize,
        max_en: usize,
    ) -> PairCache {
        let n = f.zh_len();
        let m = f.en_len();
        let mut cache = PairCache {
            start: Vec::with_capacity(n),
            offset: Vec::with_capacity(n),
            width: Vec::with_capacity(n),
            masks: Vec::new(),
        };
        for i in 0..n {
            // Beads holding segment i end in rows i+1 ..= i+max_zh.
            let rows = i + 1..=(i + max_zh).min(n);
            let lo = rows.clone().map(|r| band.lo[r]).min().unwrap_or(0);
            let hi = rows.map(|r| band.hi[r]).max().unwrap_or(0);
            let s = lo.saturating_sub(max_en);
            let e = hi.min(m);
            cache.start.push(s);
            cache.offset.push(cache.masks.len());
            cache.width.push(e.saturating_sub(s));
            for j in s..e {
                cache.masks.push(f.pair(i, j));
            }
        }
        cache
    }

    pub(super) fn get(&self, i: usize, j: usize) -> cost::PairMask {
        let s = self.start[i];
        if j >= s && j - s < self.width[i] {
            self.masks[self.offset[i] + j - s]
        } else {
            cost::PairMask::default()
        }
    }
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

    fn covers(beads: &[Bead], n: usize, m: usize) -> bool {
        let (mut i, mut j) = (0, 0);
        for b in beads {
            if b.zh.start != i || b.en.start != j || (b.zh.is_empty() && b.en.is_empty()) {
                return false;
            }
            i = b.zh.end;
            j = b.en.end;
        }
        i == n && j == m
    }

    #[test]
    fn aligns_a_small_translation() {
        let zh = segs(&["我喜欢吃苹果。", "北京是中国的首都。", "他明天去上海。"]);
        let en = segs(&[
            "I like eating apples.",
            "Beijing is the capital of China.",
            "He goes to Shanghai tomorrow.",
        ]);
        let beads = align(&zh, &en, &AlignOptions::default());
        let ladder: Vec<(Range<usize>, Range<usize>)> =
            beads.iter().map(|b| (b.zh.clone(), b.en.clone())).collect();
        assert_eq!(ladder, vec![(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]);
    }

    #[test]
    fn empty_sides_give_one_sided_beads() {
        let zh = segs(&["你好。"]);
        let beads = align(&zh, &[], &AlignOptions::default());
        assert!(covers(&beads, 1, 0));
        assert!(align(&[], &[], &AlignOptions::default()).is_empty());
    }

    #[test]
    fn beads_cover_both_sides_when_one_is_far_longer() {
        let zh = segs(&["你好。"]);
        let en: Vec<String> = (0..200).map(|k| format!("Sentence number {k}.")).collect();
        let en_refs: Vec<&str> = en.iter().map(String::as_str).collect();
        let en = segs(&en_refs);
        let beads = align(&zh, &en, &AlignOptions::default());
        assert!(covers(&beads, 1, 200));
    }
}
