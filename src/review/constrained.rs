//! Alignment with confirmed links as hard constraints: the fixed beads stay as confirmed; next
//! to each, a few rows are aligned on their own with [`crate::align::align`] on the
//! sub-slices, with the link as their edge; the rest comes from the document's own alignment.
//! Every row depends only on the inputs and the links: `run` and the review server agree
//! exactly, and a [`StretchCache`] keeps alignments by content so that a change re-aligns only
//! the rows around the links it touches.

use super::links::Fixed;
use crate::align::{AlignOptions, Alignment, Bead};
use crate::segment::Segment;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// Aligned stretches by content (the segments' texts and the attributes the aligner reads,
/// not their positions), so a stretch that did not change is not aligned again.
#[derive(Debug, Default, Clone)]
pub struct StretchCache {
    /// Stretches aligned alone.
    beads: HashMap<u64, Vec<Bead>>,
    /// Whole-document alignments (never taken for a stretch aligned alone).
    documents: HashMap<u64, Alignment>,
    /// Document alignments patched from an earlier text, standing in until the real one is
    /// computed ([`super::settle`]).
    stand_ins: HashMap<u64, Alignment>,
    /// Stretches aligned (cache misses) since the cache was made: for benchmarks and tests.
    pub aligned: usize,
    /// Stretches found in the cache.
    pub reused: usize,
}

impl StretchCache {
    pub fn new() -> StretchCache {
        StretchCache::default()
    }

    /// Forgets every stretch (the options changed: a glossary edit changes the anchors).
    pub fn clear(&mut self) {
        self.beads.clear();
        self.documents.clear();
        self.stand_ins.clear();
    }

    /// Whether the real document alignment with this [`document_key`] is known.
    pub fn has_document(&self, key: u64) -> bool {
        self.documents.contains_key(&key)
    }

    /// The document alignment with this key: the real one, else a stand-in.
    pub fn document(&self, key: u64) -> Option<&Alignment> {
        self.documents
            .get(&key)
            .or_else(|| self.stand_ins.get(&key))
    }

    /// Keeps a real document alignment (it replaces any stand-in).
    pub fn insert_document(&mut self, key: u64, alignment: Alignment) {
        self.stand_ins.remove(&key);
        self.documents.insert(key, alignment);
    }

    /// Keeps a stand-in for the document alignment with this key.
    pub fn insert_stand_in(&mut self, key: u64, alignment: Alignment) {
        self.stand_ins.insert(key, alignment);
    }
}

/// The key of the document alignment of `zh` × `en` with `options` in a [`StretchCache`].
pub fn document_key(zh: &[Segment], en: &[Segment], options: &AlignOptions) -> u64 {
    stretch_key(zh, en, options)
}

/// How many of the document alignment's bead boundaries, next to a link, are re-aligned
/// with the link as a hard edge: the reach of a link into the rows around it.
pub const REACH: usize = 4;

/// Aligns `zh` with `en` through the `fixed` beads (sorted, disjoint, monotone, as
/// [`super::links::Links::resolve`] gives them). Each fixed bead keeps its ranges and gets
/// its own text's score ([`crate::align::score::score`]).
///
/// Between two fixed beads, the rows come from the whole document's own alignment (the
/// aligner on all of `zh` and `en`, which depends only on the inputs), except next to a fixed
/// bead: there, the stretch from the link to the [`REACH`]-th bead boundary of the document
/// alignment inside the stretch is aligned on its own, with the link as its edge. (A stretch
/// with fewer boundaries than that is aligned on its own whole.) So every row depends only on
/// the inputs and the links: `run` and the review workbench agree exactly; and a new link
/// re-aligns only the few rows around it, which keeps a review action fast on a long corpus.
/// Without links the result is exactly [`crate::align::align`].
pub fn align_with_links(
    zh: &[Segment],
    en: &[Segment],
    fixed: &[Fixed],
    options: &AlignOptions,
) -> Vec<Bead> {
    align_with_links_cached(zh, en, fixed, options, &mut StretchCache::new())
}

/// A part of a stretch: aligned on its own, or taken from the document's alignment.
enum Part {
    Alone(Range<usize>, Range<usize>),
    Base(Range<usize>),
}

/// [`align_with_links`], keeping and reusing the document's alignment and the stretches
/// aligned on their own in `cache` (by content). Missing stretches are aligned in parallel.
pub fn align_with_links_cached(
    zh: &[Segment],
    en: &[Segment],
    fixed: &[Fixed],
    options: &AlignOptions,
    cache: &mut StretchCache,
) -> Vec<Bead> {
    let base_key = stretch_key(zh, en, options);
    let base: Vec<Bead> = match cache.document(base_key).map(|d| d.beads.clone()) {
        Some(beads) => {
            cache.reused += 1;
            beads
        }
        None => {
            let document = crate::align::align_document(zh, en, options);
            let beads = document.beads.clone();
            cache.aligned += 1;
            cache.documents.insert(base_key, document);
            beads
        }
    };
    if fixed.is_empty() {
        return base;
    }
    let base = &base;

    // The stretches: between the end of one fixed bead and the start of the next.
    let mut stretches = Vec::with_capacity(fixed.len() + 1);
    let mut at = (0, 0);
    for f in fixed {
        stretches.push((at.0..f.zh.start, at.1..f.en.start));
        at = (f.zh.end, f.en.end);
    }
    stretches.push((at.0..zh.len(), at.1..en.len()));
    let last = stretches.len() - 1;
    let parts: Vec<Vec<Part>> = stretches
        .iter()
        .enumerate()
        .map(|(i, (z, e))| parts(base, z, e, i > 0, i < last))
        .collect();

    let alone: Vec<(Range<usize>, Range<usize>)> = parts
        .iter()
        .flatten()
        .filter_map(|p| match p {
            Part::Alone(z, e) => Some((z.clone(), e.clone())),
            Part::Base(_) => None,
        })
        .collect();
    let keys: Vec<u64> = alone
        .iter()
        .map(|(z, e)| stretch_key(&zh[z.clone()], &en[e.clone()], options))
        .collect();
    let mut missing: Vec<usize> = (0..alone.len())
        .filter(|&i| !cache.beads.contains_key(&keys[i]))
        .collect();
    missing.dedup_by_key(|i| keys[*i]);
    let fresh: Vec<(u64, Vec<Bead>)> = {
        use rayon::prelude::*;
        missing
            .par_iter()
            .map(|&i| {
                let (z, e) = &alone[i];
                let beads = crate::align::align(&zh[z.clone()], &en[e.clone()], options);
                (keys[i], beads)
            })
            .collect()
    };
    cache.aligned += fresh.len();
    cache.reused += alone.len() - missing.len();
    cache.beads.extend(fresh);

    let mut out = Vec::new();
    let mut next_key = keys.iter();
    for (i, stretch) in parts.iter().enumerate() {
        for part in stretch {
            match part {
                Part::Base(beads) => out.extend(base[beads.clone()].iter().cloned()),
                Part::Alone(z, e) => {
                    let key = next_key.next().copied().unwrap_or_default();
                    for b in &cache.beads[&key] {
                        out.push(Bead {
                            zh: b.zh.start + z.start..b.zh.end + z.start,
                            en: b.en.start + e.start..b.en.end + e.start,
                            score: b.score,
                        });
                    }
                }
            }
        }
        if let Some(f) = fixed.get(i) {
            out.push(Bead {
                zh: f.zh.clone(),
                en: f.en.clone(),
                score: crate::align::score::score(
                    &zh[f.zh.clone()],
                    &en[f.en.clone()],
                    &options.anchors,
                ),
            });
        }
    }
    out
}

/// The parts of the stretch `z`, `e`: next to a link (`after_link` at its start,
/// `before_link` at its end), the stretch up to the [`REACH`]-th boundary of the document
/// alignment `base` inside it is aligned alone; between, `base`'s beads.
fn parts(
    base: &[Bead],
    z: &Range<usize>,
    e: &Range<usize>,
    after_link: bool,
    before_link: bool,
) -> Vec<Part> {
    if z.is_empty() && e.is_empty() {
        return Vec::new();
    }
    // Base beads wholly inside the stretch, as a run of indices with their boundaries.
    let inside = |b: &Bead| {
        b.zh.start >= z.start && b.zh.end <= z.end && b.en.start >= e.start && b.en.end <= e.end
    };
    // Boundaries: (index of the base bead starting there, point), for the base beads inside.
    let boundaries: Vec<(usize, (usize, usize))> = base
        .iter()
        .enumerate()
        .filter(|(k, b)| {
            inside(b)
                && base.get(k + 1).is_some_and(inside)
                && (b.zh.end, b.en.end) != (z.end, e.end)
        })
        .map(|(k, b)| (k + 1, (b.zh.end, b.en.end)))
        .collect();
    let n = boundaries.len();
    let need = usize::from(after_link) * REACH + usize::from(before_link) * REACH;
    let whole = || vec![Part::Alone(z.clone(), e.clone())];
    if n < need.max(1) {
        return if after_link || before_link {
            whole()
        } else {
            // The document's own edges: the base beads are the alignment there.
            base_run(base, z, e).map_or_else(whole, |r| vec![Part::Base(r)])
        };
    }
    let (first_k, first_pt) = if after_link {
        boundaries[REACH - 1]
    } else {
        match base_run(base, z, e) {
            Some(r) if base[r.start].zh.start == z.start && base[r.start].en.start == e.start => {
                (r.start, (z.start, e.start))
            }
            _ => return whole(),
        }
    };
    let (last_k, last_pt) = if before_link {
        boundaries[n - REACH]
    } else {
        match base_run(base, z, e) {
            Some(r) if base[r.end - 1].zh.end == z.end && base[r.end - 1].en.end == e.end => {
                (r.end, (z.end, e.end))
            }
            _ => return whole(),
        }
    };
    if last_k < first_k {
        return whole();
    }
    let mut out = Vec::new();
    if first_pt != (z.start, e.start) {
        out.push(Part::Alone(z.start..first_pt.0, e.start..first_pt.1));
    }
    if last_k > first_k {
        out.push(Part::Base(first_k..last_k));
    }
    if last_pt != (z.end, e.end) {
        out.push(Part::Alone(last_pt.0..z.end, last_pt.1..e.end));
    }
    out
}

/// The indices of the base beads wholly inside the stretch, when they are a run.
fn base_run(base: &[Bead], z: &Range<usize>, e: &Range<usize>) -> Option<Range<usize>> {
    let inside: Vec<usize> = (0..base.len())
        .filter(|&k| {
            let b = &base[k];
            b.zh.start >= z.start && b.zh.end <= z.end && b.en.start >= e.start && b.en.end <= e.end
        })
        .collect();
    let (&a, &b) = (inside.first()?, inside.last()?);
    (b + 1 - a == inside.len()).then_some(a..b + 1)
}

/// A hash of what the aligner reads from a stretch: texts, kinds, speakers, turn and
/// paragraph boundaries (relative: the first segment's paragraph number does not matter),
/// notes, times and pauses, plus the options.
fn stretch_key(zh: &[Segment], en: &[Segment], options: &AlignOptions) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for side in [zh, en] {
        side.len().hash(&mut h);
        for (i, s) in side.iter().enumerate() {
            s.text.hash(&mut h);
            s.kind.hash(&mut h);
            s.speaker.hash(&mut h);
            s.section.hash(&mut h);
            s.turn_start.hash(&mut h);
            (i > 0 && s.paragraph != side[i - 1].paragraph).hash(&mut h);
            s.notes.hash(&mut h);
            s.start_ms.hash(&mut h);
            s.end_ms.hash(&mut h);
            s.pause_before_ms.hash(&mut h);
        }
    }
    options.anchors.hash(&mut h);
    (options.max_zh, options.max_en, options.band).hash(&mut h);
    format!("{:?}{:?}", options.weights, options.caption_weights).hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(texts: &[&str]) -> Vec<Segment> {
        Segment::plain_each(texts)
    }

    #[test]
    fn fixed_beads_stay_and_stretches_are_aligned_alone() {
        let zh = segs(&[
            "我们今天谈人工智能。",
            "是的。",
            "微软有十万名员工。",
            "谢谢你。",
        ]);
        let en = segs(&[
            "Today we talk about artificial intelligence.",
            "Yes.",
            "Microsoft has a hundred thousand employees.",
            "Thank you.",
        ]);
        // A deliberately odd confirmation: "是的。" with no English.
        let fixed = [Fixed {
            zh: 1..2,
            en: 1..1,
            link: 0,
        }];
        let options = AlignOptions::default();
        let mut cache = StretchCache::new();
        let beads = align_with_links_cached(&zh, &en, &fixed, &options, &mut cache);
        assert!(beads.iter().any(|b| b.zh == (1..2) && b.en == (1..1)));
        // Coverage, in order.
        let mut at = (0, 0);
        for b in &beads {
            assert_eq!((b.zh.start, b.en.start), at);
            at = (b.zh.end, b.en.end);
        }
        assert_eq!(at, (4, 4));
        // The first stretch is exactly the aligner's own answer on the sub-slices.
        let first = crate::align::align(&zh[..1], &en[..1], &options);
        assert_eq!(beads[..first.len()], first[..]);
        // The document's alignment and the two short stretches, each aligned alone.
        assert_eq!(cache.aligned, 3);
        // Again: everything comes from the cache.
        let again = align_with_links_cached(&zh, &en, &fixed, &options, &mut cache);
        assert_eq!(again, beads);
        assert_eq!((cache.aligned, cache.reused), (3, 3));
        // Without links: exactly the aligner's answer.
        assert_eq!(
            align_with_links(&zh, &en, &[], &options),
            crate::align::align(&zh, &en, &options)
        );
    }
}
