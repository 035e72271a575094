//! Learning the bead score's weights from gold alignments: an averaged structured
//! perceptron over the same banded search the aligner runs.
//!
//! The gold path of each document is cut into chunks of about [`TrainOptions::chunk`]
//! beads. For a chunk, the search runs from the chunk's first gold lattice point to its
//! last, inside a band around the gold path, with the current weights; when the beads it
//! finds differ from the gold ones, the weights move by `rate × (φ(found) − φ(gold))`
//! summed over the chunk's beads (the cost of the gold beads goes down, that of the wrong
//! ones up). The weights returned are the average over all steps (averaging steadies
//! the perceptron), starting from [`TrainOptions::start`] (the hand-set weights).
//!
//! Each document is trained on twice: with the dictionary evidence of the aligner's first
//! pass, and with the word pairs its second pass learns (here learnt from the gold beads).
//! Chunks are visited in an order shuffled by [`TrainOptions::seed`]: the result depends
//! on the input and the options only.
//!
//! Training needs nothing but documents ([`Doc`]): the Chinese and English segments and the
//! gold beads over them — from a gold set in the ladder format, or from any corpus whose
//! rows a reviewer confirmed.

use super::cost::{Features, Raw, CAPTION_UNITS};
use super::features::{self, Phi, NF};
use super::ladder::Rung;
use super::weights::Weights;
use super::{dp, learn, shapes, AlignOptions, Bead, PairCache, MAX_EN, MAX_ZH};
use crate::segment::Segment;
use rayon::prelude::*;
use std::ops::Range;

/// One training document: segments and gold beads (in order; Chinese and English ranges).
#[derive(Debug, Clone)]
pub struct Doc {
    pub name: String,
    pub zh: Vec<Segment>,
    pub en: Vec<Segment>,
    pub gold: Vec<(Range<usize>, Range<usize>)>,
}

impl Doc {
    /// A document from gold rungs (lists of ids). An empty side sits where the previous bead
    /// ended; a rung whose ids are not consecutive becomes the range that spans them (the
    /// trainer skips the chunks where the beads do not then follow each other).
    pub fn from_rungs(name: &str, zh: Vec<Segment>, en: Vec<Segment>, rungs: &[Rung]) -> Doc {
        let (mut i, mut j) = (0, 0);
        let mut gold = Vec::with_capacity(rungs.len());
        for (zs, es) in rungs {
            let span = |ids: &[usize], at: usize| match (ids.iter().min(), ids.iter().max()) {
                (Some(&a), Some(&b)) => a..b + 1,
                _ => at..at,
            };
            let z = span(zs, i);
            let e = span(es, j);
            i = i.max(z.end);
            j = j.max(e.end);
            gold.push((z, e));
        }
        Doc {
            name: name.to_string(),
            zh,
            en,
            gold,
        }
    }
}

impl Doc {
    /// A document from a transcript benchmark's word gold ([`super::eval::GoldWord`]: for
    /// every English word, the stretch of the article its sentence group translates, in
    /// white-space-free character offsets into `zh_text`), over the article's sentences `zh`
    /// (byte ranges into `zh_text`) and the caption units `en` (with times). Each unit takes
    /// the stretch most of its words have; the stretch becomes the Chinese sentences lying
    /// mostly inside it. Units that follow each other on the same sentences make one bead,
    /// beads whose sentences overlap are merged (a unit straddling two gold groups glues
    /// them), units with no Chinese are 0:1 and sentences no unit claims 1:0.
    pub fn from_words(
        name: &str,
        zh_text: &str,
        zh: Vec<Segment>,
        en: Vec<Segment>,
        words: &[super::eval::GoldWord],
    ) -> Doc {
        let dense = super::eval::dense_offsets(zh_text);
        let to_dense = |b: usize| dense[b.min(zh_text.len())];
        let spans: Vec<Range<usize>> = zh
            .iter()
            .map(|s| to_dense(s.range.start)..to_dense(s.range.end))
            .collect();
        // The stretch of each unit: the commonest among its words (by middle time).
        let mut votes: Vec<Vec<(Option<Range<usize>>, usize)>> = vec![Vec::new(); en.len()];
        let mut j = 0;
        for w in words {
            let mid = (w.start_ms + w.end_ms) / 2;
            while j + 1 < en.len() && en[j + 1].start_ms.is_some_and(|s| s <= mid) {
                j += 1;
            }
            if en.is_empty() {
                break;
            }
            let v = &mut votes[j];
            match v.iter_mut().find(|(r, _)| *r == w.zh) {
                Some((_, n)) => *n += 1,
                None => v.push((w.zh.clone(), 1)),
            }
        }
        let sentences = |r: &Range<usize>| -> Range<usize> {
            let inside = |s: &Range<usize>| {
                let common = s.end.min(r.end).saturating_sub(s.start.max(r.start));
                2 * common > s.len()
            };
            match spans.iter().position(inside) {
                Some(a) => {
                    let b = spans.iter().rposition(inside).unwrap_or(a);
                    a..b + 1
                }
                None => 0..0,
            }
        };
        // Beads over units, Chinese sides possibly overlapping or out of order.
        let mut beads: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        for (j, v) in votes.iter().enumerate() {
            let best = v
                .iter()
                .max_by_key(|(_, n)| *n)
                .and_then(|(r, _)| r.as_ref())
                .map_or(0..0, sentences);
            if best.is_empty() {
                beads.push((0..0, j..j + 1));
                continue;
            }
            let last = beads.iter().rposition(|(z, _)| !z.is_empty());
            match last {
                Some(k) if best.start < beads[k].0.end => {
                    // The same sentences (or overlapping ones): one bead from bead k on.
                    let z = beads[k].0.start.min(best.start)..beads[k].0.end.max(best.end);
                    let e = beads[k].1.start..j + 1;
                    beads.truncate(k);
                    beads.push((z, e));
                }
                _ => beads.push((best, j..j + 1)),
            }
        }
        // Place the 0:1 beads and add 1:0 beads for sentences no unit claims.
        let mut gold = Vec::with_capacity(beads.len());
        let mut i = 0;
        for (z, e) in beads {
            if z.is_empty() {
                gold.push((i..i, e));
                continue;
            }
            while i < z.start {
                gold.push((i..i + 1, e.start..e.start));
                i += 1;
            }
            gold.push((i.max(z.start)..z.end.max(i), e));
            i = i.max(z.end);
        }
        let m = en.len();
        while i < zh.len() {
            gold.push((i..i + 1, m..m));
            i += 1;
        }
        Doc {
            name: name.to_string(),
            zh,
            en,
            gold,
        }
    }
}

/// How to train.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Seed of the order in which chunks are visited.
    pub seed: u64,
    /// Passes over all chunks.
    pub epochs: usize,
    /// Gold beads per chunk.
    pub chunk: usize,
    /// Step size of an update.
    pub rate: f32,
    /// Half-width of the band around the gold path.
    pub band: usize,
    /// The weights training starts from.
    pub start: Weights,
    /// Scale each update by how wrong the chunk's beads are ([`loss`]), so that a bead
    /// boundary one caption unit off moves the weights less than a sentence glued to the
    /// wrong neighbour.
    pub scaled: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            seed: 1,
            epochs: 16,
            chunk: 25,
            rate: 0.001,
            band: 8,
            start: Weights::hand(),
            scaled: false,
        }
    }
}

/// A document made ready: its features (one of the two passes), pair masks in the band
/// around the gold path, its chunks (ranges of gold beads) and the bead shapes the search
/// makes on it.
struct Prepared<'a> {
    f: Features,
    pairs: PairCache,
    band: dp::Band,
    gold: &'a [(Range<usize>, Range<usize>)],
    chunks: Vec<Range<usize>>,
    shapes: Vec<(usize, usize)>,
}

/// The bead shapes the aligner searches on a document of `n` Chinese and `m` English
/// segments, and the most English segments in one bead (as `align` chooses them: caption
/// units get 1:b and 2:b beads, b up to four times the units per Chinese sentence).
pub(super) fn doc_shapes(n: usize, m: usize) -> (Vec<(usize, usize)>, usize) {
    let units = (m as f32 / n.max(1) as f32).max(1.0);
    let captions = units > CAPTION_UNITS;
    let max_en = if captions {
        ((units * 4.0).ceil() as usize).clamp(4, 32)
    } else {
        MAX_EN
    };
    (shapes(MAX_ZH, max_en, captions), max_en)
}

/// Splits the gold beads into chunks of at most `size` beads that follow each other and have
/// shapes the search can produce (`allowed`).
fn chunks(
    gold: &[(Range<usize>, Range<usize>)],
    size: usize,
    allowed: &[(usize, usize)],
) -> Vec<Range<usize>> {
    let usable = |k: usize| allowed.contains(&(gold[k].0.len(), gold[k].1.len()));
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for k in 0..gold.len() {
        if !usable(k) {
            if let Some(s) = start.take() {
                out.push(s..k);
            }
            continue;
        }
        match start {
            None => start = Some(k),
            Some(s) => {
                let follows =
                    gold[k - 1].0.end == gold[k].0.start && gold[k - 1].1.end == gold[k].1.start;
                if !follows || k - s >= size {
                    out.push(s..k);
                    start = Some(k);
                }
            }
        }
    }
    if let Some(s) = start {
        out.push(s..gold.len());
    }
    out
}

fn prepare<'a>(doc: &'a Doc, options: &TrainOptions) -> Vec<Prepared<'a>> {
    let (n, m) = (doc.zh.len(), doc.en.len());
    if n == 0 || m == 0 || doc.gold.is_empty() {
        return Vec::new();
    }
    let mut path = vec![(0, 0)];
    for (z, e) in &doc.gold {
        let &(pi, pj) = path.last().expect("non-empty");
        path.push((z.end.max(pi).min(n), e.end.max(pj).min(m)));
    }
    let (shapes, max_en) = doc_shapes(n, m);
    // Caption units: the band must hold a few of the widest beads (as in `align`).
    let width = if max_en > MAX_EN {
        options.band.max(2 * max_en)
    } else {
        options.band
    };
    let band = dp::Band::around(&path, n, m, width);
    let chunks = chunks(&doc.gold, options.chunk.max(1), &shapes);
    let beads: Vec<Bead> = doc
        .gold
        .iter()
        .map(|(z, e)| Bead {
            zh: z.clone(),
            en: e.clone(),
            score: 0.0,
        })
        .collect();
    let raw = Raw::new(&doc.zh, &doc.en, &[]);
    let first = Features::with_learnt(raw, &doc.zh, &doc.en, &learn::Learnt::default());
    let learnt = learn::pairs(&doc.zh, &doc.en, &beads);
    let mut out = Vec::new();
    let second = if learnt.is_empty() {
        None
    } else {
        // The first pass's features are rebuilt from the same words (cheaper than a copy).
        let raw = Raw::new(&doc.zh, &doc.en, &[]);
        Some(Features::with_learnt(raw, &doc.zh, &doc.en, &learnt))
    };
    for f in std::iter::once(first).chain(second) {
        let pairs = PairCache::new(&f, &band, MAX_ZH, max_en);
        out.push(Prepared {
            f,
            pairs,
            band: band.clone(),
            gold: &doc.gold,
            chunks: chunks.clone(),
            shapes: shapes.clone(),
        });
    }
    out
}

/// φ of a bead of a prepared document.
fn phi(p: &Prepared, z: &Range<usize>, e: &Range<usize>) -> Phi {
    features::phi(&p.f, &p.pairs, z.start, z.end, e.start, e.end)
}

/// The beads the search finds over one chunk with weights `w`.
fn decode(p: &Prepared, chunk: &Range<usize>, w: &Weights) -> Vec<(Range<usize>, Range<usize>)> {
    let (i0, j0) = (p.gold[chunk.start].0.start, p.gold[chunk.start].1.start);
    let last = &p.gold[chunk.end - 1];
    let (i1, j1) = (last.0.end, last.1.end);
    let (n, m) = (i1 - i0, j1 - j0);
    let mut band = dp::Band {
        lo: Vec::with_capacity(n + 1),
        hi: Vec::with_capacity(n + 1),
    };
    for i in i0..=i1 {
        let lo = p.band.lo[i].clamp(j0, j1) - j0;
        let hi = p.band.hi[i].clamp(j0, j1) - j0;
        band.lo.push(lo.min(hi));
        band.hi.push(hi);
    }
    let scorer = features::Scorer::new(&p.f, &p.pairs, w, &p.shapes);
    let mut cost = |i: usize, j: usize, a: usize, b: usize, limit: f32| -> f32 {
        scorer.cost(i0 + i, j0 + j, a, b, limit)
    };
    dp::search(n, m, &band, &p.shapes, &mut cost)
        .iter()
        .map(|s| (i0 + s.z0..i0 + s.z1, j0 + s.e0..j0 + s.e1))
        .collect()
}

/// The share of the segments of a chunk (both sides) that the found beads put in another
/// bead than the gold ones do (a segment's bead is the pair of ranges holding it).
fn loss(found: &[(Range<usize>, Range<usize>)], gold: &[(Range<usize>, Range<usize>)]) -> f64 {
    let beads_of = |beads: &[(Range<usize>, Range<usize>)]| {
        let mut zh = Vec::new();
        let mut en = Vec::new();
        for (k, (z, e)) in beads.iter().enumerate() {
            zh.extend(z.clone().map(|i| (i, k)));
            en.extend(e.clone().map(|j| (j, k)));
        }
        (zh, en)
    };
    let (fz, fe) = beads_of(found);
    let (gz, ge) = beads_of(gold);
    let same = |a: (usize, usize), b: (usize, usize)| found[a.1] == gold[b.1];
    let wrong = fz.iter().zip(&gz).filter(|(a, b)| !same(**a, **b)).count()
        + fe.iter().zip(&ge).filter(|(a, b)| !same(**a, **b)).count();
    let total = gz.len() + ge.len();
    if total == 0 {
        1.0
    } else {
        wrong as f64 / total as f64
    }
}

/// A small, fixed pseudo-random sequence (SplitMix64), so that a seed means the same order
/// on every machine and version.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for k in (1..v.len()).rev() {
            let r = (self.next() % (k as u64 + 1)) as usize;
            v.swap(k, r);
        }
    }
}

/// What a training run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Chunks trained on (per epoch) and gold beads in them.
    pub chunks: usize,
    pub beads: usize,
    /// Gold beads left out (shapes the search cannot produce, or not following on).
    pub skipped: usize,
    /// Chunks decoded wrongly, per epoch.
    pub mistakes: Vec<usize>,
}

/// Trains weights on `docs`. Deterministic: the same documents and options give the same
/// weights.
pub fn train(docs: &[Doc], options: &TrainOptions) -> (Weights, Summary) {
    let prepared: Vec<Prepared> = docs
        .par_iter()
        .map(|d| prepare(d, options))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let mut summary = Summary::default();
    let mut examples: Vec<(usize, usize)> = Vec::new();
    for (k, p) in prepared.iter().enumerate() {
        for c in 0..p.chunks.len() {
            examples.push((k, c));
        }
        let used: usize = p.chunks.iter().map(|c| c.len()).sum();
        summary.chunks += p.chunks.len();
        summary.beads += used;
        summary.skipped += p.gold.len() - used;
    }
    // Averaged perceptron (the running-sum form: avg = w − sum / t).
    let mut w: Vec<f64> = options.start.w.iter().map(|&x| f64::from(x)).collect();
    let mut sum = vec![0f64; NF];
    let mut t = 1f64;
    let mut rng = SplitMix(options.seed);
    let mut current = options.start.clone();
    for _ in 0..options.epochs {
        rng.shuffle(&mut examples);
        let mut mistakes = 0;
        for &(k, c) in &examples {
            let p = &prepared[k];
            let chunk = &p.chunks[c];
            let gold = &p.gold[chunk.clone()];
            let found = decode(p, chunk, &current);
            if found.as_slice() != gold {
                mistakes += 1;
                let mut delta = [0f64; NF];
                for (z, e) in &found {
                    for (d, x) in delta.iter_mut().zip(phi(p, z, e)) {
                        *d += f64::from(x);
                    }
                }
                for (z, e) in gold {
                    for (d, x) in delta.iter_mut().zip(phi(p, z, e)) {
                        *d -= f64::from(x);
                    }
                }
                // Lower the cost of the gold beads, raise that of the wrong ones.
                let rate = if options.scaled {
                    f64::from(options.rate) * loss(&found, gold)
                } else {
                    f64::from(options.rate)
                };
                for q in 0..NF {
                    w[q] += rate * delta[q];
                    sum[q] += t * rate * delta[q];
                    current.w[q] = w[q] as f32;
                }
            }
            t += 1.0;
        }
        summary.mistakes.push(mistakes);
    }
    let mut out = Weights { w: [0.0; NF] };
    for q in 0..NF {
        out.w[q] = (w[q] - sum[q] / t) as f32;
    }
    (out, summary)
}

/// Leave-one-document-out cross-validation: for each document, weights trained on all the
/// others align it (as sentence weights and as caption-unit weights). Returns the beads found for each document, in order.
pub fn cross_validate(
    docs: &[Doc],
    options: &TrainOptions,
    align_options: &AlignOptions,
) -> Vec<Vec<Bead>> {
    (0..docs.len())
        .into_par_iter()
        .map(|k| {
            let rest: Vec<Doc> = docs
                .iter()
                .enumerate()
                .filter(|&(q, _)| q != k)
                .map(|(_, d)| d.clone())
                .collect();
            let (weights, _) = train(&rest, options);
            // The trained weights serve sentences and caption units alike: a document of
            // caption units is aligned with its own kind's weights.
            let opts = AlignOptions {
                caption_weights: weights.clone(),
                weights,
                ..align_options.clone()
            };
            super::align(&docs[k].zh, &docs[k].en, &opts)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(z: Range<usize>, e: Range<usize>) -> (Range<usize>, Range<usize>) {
        (z, e)
    }

    #[test]
    fn chunks_stop_at_shapes_the_search_cannot_make() {
        let gold = vec![
            r(0..1, 0..1),
            r(1..2, 1..3),
            r(2..5, 3..6), // 3:3, not searched
            r(5..6, 6..7),
            r(6..7, 7..8),
            r(7..8, 8..9),
        ];
        let allowed = shapes(MAX_ZH, MAX_EN, false);
        assert_eq!(chunks(&gold, 25, &allowed), vec![0..2, 3..6]);
        assert_eq!(chunks(&gold, 2, &allowed), vec![0..2, 3..5, 5..6]);
    }

    #[test]
    fn rungs_become_ranges_with_nulls_in_place() {
        let zh: Vec<Segment> = (0..3).map(|i| Segment::plain("一。", 0..3, i)).collect();
        let en: Vec<Segment> = (0..2).map(|i| Segment::plain("One.", 0..4, i)).collect();
        let rungs = vec![
            (vec![0], vec![0]),
            (vec![1], vec![]),
            (vec![], vec![1]),
            (vec![2], vec![]),
        ];
        let d = Doc::from_rungs("x", zh, en, &rungs);
        assert_eq!(
            d.gold,
            vec![r(0..1, 0..1), r(1..2, 1..1), r(2..2, 1..2), r(2..3, 2..2)]
        );
    }

    #[test]
    fn word_gold_becomes_beads_over_sentences_and_caption_units() {
        // Four sentences (3 characters each, a paragraph break in the text); six units.
        let text = "一二三。四五六。\n\n七八九。十甲乙。";
        let mut zh = Vec::new();
        let mut at = 0;
        for (k, t) in ["一二三。", "四五六。", "七八九。", "十甲乙。"]
            .iter()
            .enumerate()
        {
            let s = text[at..].find(t).unwrap() + at;
            zh.push(Segment::plain(t, s..s + t.len(), k));
            at = s + t.len();
        }
        let unit = |k: u64| Segment {
            start_ms: Some(k * 1000),
            end_ms: Some(k * 1000 + 900),
            ..Segment::plain("words", 0..5, k as usize)
        };
        let en: Vec<Segment> = (0..6).map(unit).collect();
        // Three words a unit. Units 0-1 translate sentence 0; unit 2 sentences 1-2 (one gold
        // group); unit 3 has no Chinese; units 4-5 sentence 3.
        let group = |r: Option<Range<usize>>| r;
        let stretch = [
            group(Some(0..4)),
            group(Some(0..4)),
            group(Some(4..12)),
            None,
            group(Some(12..16)),
            group(Some(12..16)),
        ];
        let mut words = Vec::new();
        for (k, z) in stretch.iter().enumerate() {
            for w in 0..3u64 {
                words.push(super::super::eval::GoldWord {
                    start_ms: k as u64 * 1000 + w * 300,
                    end_ms: k as u64 * 1000 + w * 300 + 250,
                    zh: z.clone(),
                });
            }
        }
        // A stray word of unit 4 voting for sentences 1-2 is outvoted.
        words[12].zh = Some(4..12);
        let d = Doc::from_words("t", text, zh.clone(), en.clone(), &words);
        assert_eq!(
            d.gold,
            vec![r(0..1, 0..2), r(1..3, 2..3), r(3..3, 3..4), r(3..4, 4..6)]
        );
        // A sentence no unit claims is 1:0 in its place.
        let mut words2 = words.clone();
        for w in &mut words2[6..9] {
            w.zh = Some(8..12);
        }
        let d = Doc::from_words("t", text, zh, en, &words2);
        assert_eq!(
            d.gold,
            vec![
                r(0..1, 0..2),
                r(1..2, 2..2),
                r(2..3, 2..3),
                r(3..3, 3..4),
                r(3..4, 4..6)
            ]
        );
    }

    #[test]
    fn the_shuffle_is_fixed_by_the_seed() {
        let mut a: Vec<u32> = (0..20).collect();
        let mut b = a.clone();
        SplitMix(7).shuffle(&mut a);
        SplitMix(7).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..20).collect::<Vec<_>>());
    }
}
