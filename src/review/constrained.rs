//! Alignment with confirmed links as hard constraints: the fixed beads stay as confirmed, and
//! each stretch between two consecutive fixed beads is aligned on its own with
//! [`crate::align::align`] on the sub-slices. A stretch's beads so depend only on that
//! stretch's segments: `run` and the review server agree exactly, and a [`StretchCache`] can
//! keep stretches by content so that a change re-aligns only the stretch(es) it touches.

use super::links::Fixed;
use crate::align::{AlignOptions, Bead};
use crate::segment::Segment;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Aligned stretches by content (the segments' texts and the attributes the aligner reads,
/// not their positions), so a stretch that did not change is not aligned again.
#[derive(Debug, Default, Clone)]
pub struct StretchCache {
    beads: HashMap<u64, Vec<Bead>>,
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
    }
}

/// Aligns `zh` with `en` through the `fixed` beads (sorted, disjoint, monotone, as
/// [`super::links::Links::resolve`] gives them). Each fixed bead keeps its ranges and gets
/// its own text's score ([`crate::align::score::score`]); the stretches between are aligned
/// independently. The beads cover both sides, in order.
pub fn align_with_links(
    zh: &[Segment],
    en: &[Segment],
    fixed: &[Fixed],
    options: &AlignOptions,
) -> Vec<Bead> {
    align_with_links_cached(zh, en, fixed, options, &mut StretchCache::new())
}

/// [`align_with_links`], keeping and reusing stretches in `cache`. Stretches missing from
/// the cache are aligned in parallel.
pub fn align_with_links_cached(
    zh: &[Segment],
    en: &[Segment],
    fixed: &[Fixed],
    options: &AlignOptions,
    cache: &mut StretchCache,
) -> Vec<Bead> {
    // The stretches: between the end of one fixed bead and the start of the next.
    let mut stretches = Vec::with_capacity(fixed.len() + 1);
    let mut at = (0, 0);
    for f in fixed {
        stretches.push((at.0..f.zh.start, at.1..f.en.start));
        at = (f.zh.end, f.en.end);
    }
    stretches.push((at.0..zh.len(), at.1..en.len()));

    let keys: Vec<u64> = stretches
        .iter()
        .map(|(z, e)| stretch_key(&zh[z.clone()], &en[e.clone()], options))
        .collect();
    let missing: Vec<usize> = (0..stretches.len())
        .filter(|&i| !cache.beads.contains_key(&keys[i]))
        .collect();
    let fresh: Vec<(u64, Vec<Bead>)> = {
        use rayon::prelude::*;
        missing
            .par_iter()
            .map(|&i| {
                let (z, e) = &stretches[i];
                let beads = crate::align::align(&zh[z.clone()], &en[e.clone()], options);
                (keys[i], beads)
            })
            .collect()
    };
    cache.aligned += fresh.len();
    cache.reused += stretches.len() - missing.len();
    cache.beads.extend(fresh);

    let mut out = Vec::new();
    for (i, (z, e)) in stretches.iter().enumerate() {
        for b in &cache.beads[&keys[i]] {
            out.push(Bead {
                zh: b.zh.start + z.start..b.zh.end + z.start,
                en: b.en.start + e.start..b.en.end + e.start,
                score: b.score,
            });
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
    format!("{:?}", options.cost).hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(texts: &[&str]) -> Vec<Segment> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Segment::plain(t, 0..t.len(), i))
            .collect()
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
        assert_eq!(cache.aligned, 2);
        // Again: everything comes from the cache.
        let again = align_with_links_cached(&zh, &en, &fixed, &options, &mut cache);
        assert_eq!(again, beads);
        assert_eq!((cache.aligned, cache.reused), (2, 2));
    }
}
