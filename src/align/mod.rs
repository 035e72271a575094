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
mod caption;
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
pub mod window;

pub use window::realign;

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
    align_document(zh, en, options).beads
}

/// A document's alignment ([`align`]'s beads), with the two passes over its body sentences
/// that [`realign`] needs to align a window of a changed text again exactly as the whole
/// document's alignment would.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// The beads over all of `zh` and `en`: what [`align`] gives.
    pub beads: Vec<Bead>,
    /// Over the body sentences ([`structure::body`]): the first pass's beads (the second
    /// pass searches around them and learns word pairs from them)…
    first: Vec<Bead>,
    /// …and the final ones.
    body: Vec<Bead>,
    /// The body sentences as read ([`cost::Raw`]), so that [`realign`] reads again only the
    /// sentences a correction changed.
    reading: Reading,
}

/// What [`Alignment`] keeps of the reading of its sentences: a cache, not part of the
/// result, so two alignments with the same beads are equal whatever they keep here.
#[derive(Clone, Default)]
pub(super) struct Reading(Option<std::sync::Arc<cost::Raw>>);

impl Reading {
    fn of(raw: cost::Raw) -> Reading {
        Reading(Some(std::sync::Arc::new(raw)))
    }
}

impl PartialEq for Reading {
    fn eq(&self, _: &Reading) -> bool {
        true
    }
}

impl std::fmt::Debug for Reading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.as_ref().map_or(0, |r| r.zh_len.len());
        write!(f, "Reading({n} Chinese sentences)")
    }
}

/// [`align`], keeping what [`realign`] needs.
pub fn align_document(zh: &[Segment], en: &[Segment], options: &AlignOptions) -> Alignment {
    let body = structure::body(zh);
    let (first, inner, raw) = if body.len() == zh.len() {
        align_sentences(zh, en, options)
    } else {
        let segments: Vec<Segment> = body.iter().map(|&i| zh[i].clone()).collect();
        align_sentences(&segments, en, options)
    };
    Alignment {
        beads: structure::to_full(zh, &body, inner.clone()),
        first,
        body: inner,
        reading: raw.map(Reading::of).unwrap_or_default(),
    }
}

/// Beads giving every segment of one side a bead of its own (the other side is empty).
fn one_sided(n: usize, m: usize) -> Vec<Bead> {
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
    zh_only.chain(en_only).collect()
}

/// One bead holding both sides: the answer when the band holds no path (cannot happen with a
/// band around a full path, but never return a partial cover).
fn one_bead(n: usize, m: usize) -> Vec<Bead> {
    vec![Bead {
        zh: 0..n,
        en: 0..m,
        score: 0.0,
    }]
}

/// Aligns the sentences as given, whatever their kind: the first pass's beads, the final
/// ones, and the sentences as read (none when a side is empty).
fn align_sentences(
    zh: &[Segment],
    en: &[Segment],
    options: &AlignOptions,
) -> (Vec<Bead>, Vec<Bead>, Option<cost::Raw>) {
    let (n, m) = (zh.len(), en.len());
    if n == 0 || m == 0 {
        let beads = one_sided(n, m);
        return (beads.clone(), beads, None);
    }
    let raw = cost::Raw::new(zh, en, &options.anchors);
    let f = cost::Features::with_learnt(raw, zh, en, &learn::Learnt::default());
    let plan = Plan::new(&f, n, m, options);
    let (band, coarse) = plan.first_band(&f, n, m);
    let first = plan
        .search(&f, &band, &coarse, 0..n, 0..m)
        .unwrap_or_else(|| one_bead(n, m));
    // Second pass: with the word pairs the first pass revealed (names, recurring terms).
    let learnt = learn::pairs_read(&f.raw, &first);
    if learnt.is_empty() {
        return (first.clone(), first, Some(f.into_raw()));
    }
    let f = cost::Features::with_learnt(f.into_raw(), zh, en, &learnt);
    let band = plan.second_band(&first, n, m);
    let second = plan
        .search(&f, &band, &points(&first), 0..n, 0..m)
        .unwrap_or_else(|| one_bead(n, m));
    (first, second, Some(f.into_raw()))
}

/// How a document pair is searched: the bead shapes, the band's half-width, the weights.
/// Set by the whole document (its size and whether its English comes in caption units), the
/// same for both passes and for any window of it.
struct Plan<'a> {
    shapes: Vec<(usize, usize)>,
    max_zh: usize,
    max_en: usize,
    captions: bool,
    band: usize,
    weights: &'a weights::Weights,
}

impl<'a> Plan<'a> {
    fn new(f: &cost::Features, n: usize, m: usize, options: &'a AlignOptions) -> Plan<'a> {
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
        Plan {
            shapes: shapes(max_zh.min(8), max_en.min(64), captions),
            max_zh,
            max_en,
            captions,
            band: options.band,
            weights: if f.en_unit > 1.0 {
                &options.caption_weights
            } else {
                &options.weights
            },
        }
    }

    /// The first pass's band: around the coarse path of the whole document (returned too,
    /// as the guide of [`Plan::search`]).
    fn first_band(
        &self,
        f: &cost::Features,
        n: usize,
        m: usize,
    ) -> (dp::Band, Vec<(usize, usize)>) {
        let (path, en_scale) = coarse(f, n, m);
        // Caption units: the band must hold a few of the widest beads.
        let width = if self.captions {
            self.band
                .max(self.max_zh)
                .max(2 * self.max_en)
                .max(2 * en_scale)
        } else {
            self.band.max(self.max_zh).max(self.max_en)
        };
        (dp::Band::around(&path, n, m, width), path)
    }

    /// The second pass's band: around the first pass's beads, which are a far better guide
    /// than the coarse search and close to right (the second pass moves them a little).
    fn second_band(&self, first: &[Bead], n: usize, m: usize) -> dp::Band {
        let path = points(first);
        let width = if self.captions {
            self.band.max(self.max_zh).max(2 * self.max_en).max(2)
        } else {
            (self.band / 2).max(self.max_zh).max(self.max_en)
        };
        dp::Band::around(&path, n, m, width)
    }

    /// The best beads over the window Chinese `zh` × English `en` of the document whose
    /// features are `f`, inside `band` (the whole document's): the beads the search over
    /// the whole document finds there whenever its path passes through the window's two
    /// corners. `None` when the band holds no path through the window. `guide` is the path
    /// the band was built around (document lattice points, in order): long searches are cut
    /// into stretches at its points and run in parallel, with the same result
    /// ([`dp::search_stitched`]).
    fn search(
        &self,
        f: &cost::Features,
        band: &dp::Band,
        guide: &[(usize, usize)],
        zh: Range<usize>,
        en: Range<usize>,
    ) -> Option<Vec<Bead>> {
        let (z0, e0) = (zh.start, en.start);
        let (n, m) = (zh.len(), en.len());
        let whole = n == f.zh_len() && m == f.en_len();
        let local;
        let band = if whole {
            band
        } else {
            local = band.window(zh.clone(), en.clone());
            &local
        };
        let pairs = PairCache::window(f, band, z0, e0, m, self.max_zh, self.max_en);
        let scorer = features::Scorer::new(f, &pairs, self.weights, &self.shapes);
        let cost = |i: usize, j: usize, a: usize, b: usize, limit: f32| -> f32 {
            scorer.cost(i + z0, j + e0, a, b, limit)
        };
        let guide: Vec<(usize, usize)> = guide
            .iter()
            .filter(|&&(i, j)| zh.contains(&i) && en.contains(&j))
            .map(|&(i, j)| (i - z0, j - e0))
            .collect();
        let steps = dp::search_stitched(
            n,
            m,
            band,
            &self.shapes,
            &guide,
            dp::STRETCH_ROWS.max(n / 16),
            &cost,
        );
        if steps.is_empty() {
            return None;
        }
        // The reported score is the bead's own (see [`score`]), not its cost: the cost
        // depends on the whole document, the score on the bead's text only.
        use rayon::prelude::*;
        let rank = f.raw.names.ranks();
        Some(
            steps
                .par_iter()
                .with_min_len(256)
                .map(|s| {
                    let (z, e) = (s.z0 + z0..s.z1 + z0, s.e0 + e0..s.e1 + e0);
                    Bead {
                        score: score::bead_ranked(&f.raw, &rank, z.clone(), e.clone()),
                        zh: z,
                        en: e,
                    }
                })
                .collect(),
        )
    }
}

/// The lattice points a sequence of beads passes through, from (0, 0).
fn points(beads: &[Bead]) -> Vec<(usize, usize)> {
    let mut path = vec![(0, 0)];
    path.extend(beads.iter().map(|b| (b.zh.end, b.en.end)));
    path
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

/// Rows of pair masks worked out together ([`PairCache::window`]).
const PAIR_BLOCK: usize = 512;

/// Pair masks for every (Chinese, English) segment pair a bead inside the band can touch.
pub(super) struct PairCache {
    /// The first Chinese segment held (a window's top row).
    z0: usize,
    /// Per Chinese segment from `z0`: the first English segment held, where its masks start
    /// in `masks`, and how many English segments they cover.
    start: Vec<usize>,
    offset: Vec<usize>,
    width: Vec<usize>,
    pairs: Vec<Pair>,
}

/// A segment pair as the search reads it: its masks ([`cost::PairMask`]) and the word
/// weight each side's matched words carry (the masks' sums, which every bead holding the
/// pair with one segment on the other side needs: worked out once here).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Pair {
    pub(super) mask: cost::PairMask,
    /// The weight of the English segment's words the Chinese one glosses…
    pub(super) en_hit: f32,
    /// …and of the Chinese segment's tokens found in the English one.
    pub(super) zh_hit: f32,
}

/// The pairs of one Chinese segment that a [`PairCache`] holds, from English segment
/// `start` on (none outside the cache's rows).
#[derive(Clone, Copy)]
pub(super) struct Row<'a> {
    start: usize,
    cells: &'a [Pair],
}

impl Row<'_> {
    pub(super) const EMPTY: Row<'static> = Row {
        start: 0,
        cells: &[],
    };

    /// The pairs held with English segments `e0..e1` (document indices): those not held
    /// have empty masks and match nothing.
    #[inline]
    pub(super) fn span(&self, e0: usize, e1: usize) -> &[Pair] {
        let s = e0.saturating_sub(self.start).min(self.cells.len());
        let e = e1.saturating_sub(self.start).min(self.cells.len());
        &self.cells[s..e.max(s)]
    }

    /// The pair with English segment `j` (document index); empty masks when not held.
    #[inline]
    pub(super) fn at(&self, j: usize) -> Pair {
        j.checked_sub(self.start)
            .and_then(|k| self.cells.get(k))
            .copied()
            .unwrap_or_default()
    }
}

impl PairCache {
    pub(super) fn new(
        f: &cost::Features,
        band: &dp::Band,
        max_zh: usize,
        max_en: usize,
    ) -> PairCache {
        PairCache::window(f, band, 0, 0, f.en_len(), max_zh, max_en)
    }

    /// The pair masks for a window whose top-left corner is Chinese `z0`, English `e0`, `m`
    /// English segments wide, with `band` in the window's coordinates ([`dp::Band::window`]);
    /// [`PairCache::get`] still takes the document's indices.
    pub(super) fn window(
        f: &cost::Features,
        band: &dp::Band,
        z0: usize,
        e0: usize,
        m: usize,
        max_zh: usize,
        max_en: usize,
    ) -> PairCache {
        let n = band.lo.len() - 1;
        let mut cache = PairCache {
            z0,
            start: Vec::with_capacity(n),
            offset: Vec::with_capacity(n),
            width: Vec::with_capacity(n),
            pairs: Vec::new(),
        };
        let mut total = 0;
        for i in 0..n {
            // Beads holding segment i end in rows i+1 ..= i+max_zh.
            let rows = i + 1..=(i + max_zh).min(n);
            let lo = rows.clone().map(|r| band.lo[r]).min().unwrap_or(0);
            let hi = rows.map(|r| band.hi[r]).max().unwrap_or(0);
            let s = lo.saturating_sub(max_en);
            let e = hi.min(m);
            cache.start.push(s + e0);
            cache.offset.push(total);
            cache.width.push(e.saturating_sub(s));
            total += e.saturating_sub(s);
        }
        // Every pair's masks on their own: blocks of rows in parallel, each writing its
        // own part of the vector.
        use rayon::prelude::*;
        cache.pairs = vec![Pair::default(); total];
        let mut blocks = Vec::new();
        let mut rest: &mut [Pair] = &mut cache.pairs;
        for rows in (0..n)
            .step_by(PAIR_BLOCK)
            .map(|r| r..(r + PAIR_BLOCK).min(n))
        {
            let len: usize = cache.width[rows.clone()].iter().sum();
            let (block, tail) = std::mem::take(&mut rest).split_at_mut(len);
            rest = tail;
            blocks.push((rows, block));
        }
        let (start, width) = (&cache.start, &cache.width);
        blocks.into_par_iter().for_each(|(rows, block)| {
            let mut k = 0;
            for i in rows {
                for j in start[i]..start[i] + width[i] {
                    block[k] = features::pair_of_masks(f, i + z0, j, f.pair(i + z0, j));
                    k += 1;
                }
            }
        });
        cache
    }

    /// The pair when the cache holds it (document indices); `None` outside the window's
    /// rows or the band.
    pub(super) fn held_pair(&self, i: usize, j: usize) -> Option<Pair> {
        let i = i.checked_sub(self.z0)?;
        let s = *self.start.get(i)?;
        (j >= s && j - s < self.width[i]).then(|| self.pairs[self.offset[i] + j - s])
    }

    /// The pairs held of Chinese segment `i` (document index): one lookup of the row for
    /// all the pairs of a bead's segment.
    #[inline]
    pub(super) fn row(&self, i: usize) -> Row<'_> {
        let Some(r) = i.checked_sub(self.z0).filter(|&r| r < self.start.len()) else {
            return Row::EMPTY;
        };
        let o = self.offset[r];
        Row {
            start: self.start[r],
            cells: &self.pairs[o..o + self.width[r]],
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
