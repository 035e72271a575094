//! Keeping an article's own structure out of the sentence alignment.
//!
//! A transcript is speech: the article's title, front and back matter and the section
//! headings its editor added have no counterpart in it. Aligned with the sentences, a
//! heading gets glued to a neighbouring bead (and drags English with it). So only body
//! sentences are aligned; every other segment becomes a bead of its own, with no English,
//! in its place in the document.

use super::Bead;
use crate::segment::{Segment, SegmentKind};

/// Aligns the body segments of `zh` with `align_body`, and gives every non-body segment a
/// 1:0 bead of its own. Beads are returned in document order over the full `zh` indices.
pub fn align_body_only(
    zh: &[Segment],
    en: &[Segment],
    align_body: impl FnOnce(&[Segment], &[Segment]) -> Vec<Bead>,
) -> Vec<Bead> {
    let body = body(zh);
    if body.len() == zh.len() {
        return align_body(zh, en);
    }
    let body_segments: Vec<Segment> = body.iter().map(|&i| zh[i].clone()).collect();
    let inner = align_body(&body_segments, en);
    to_full(zh, &body, inner)
}

/// Indices of the body segments of `zh` (the ones the sentence alignment sees).
pub fn body(zh: &[Segment]) -> Vec<usize> {
    (0..zh.len())
        .filter(|&i| zh[i].kind == SegmentKind::Body)
        .collect()
}

/// The beads `inner` over the body segments `body` of `zh` ([`body`]), placed over all of
/// `zh`: every non-body segment gets a 1:0 bead of its own in its place.
pub fn to_full(zh: &[Segment], body: &[usize], inner: Vec<Bead>) -> Vec<Bead> {
    if body.len() == zh.len() {
        return inner;
    }
    let mut out = Vec::with_capacity(inner.len() + zh.len() - body.len());
    // The next Chinese index (in `zh`) not yet given to a bead.
    let mut next = 0;
    for bead in inner {
        let full_start = body.get(bead.zh.start).copied().unwrap_or(zh.len());
        let full_end = if bead.zh.is_empty() {
            full_start
        } else {
            body[bead.zh.end - 1] + 1
        };
        // Structure before this bead stands alone.
        if !bead.zh.is_empty() || full_start > next {
            push_alone(&mut out, &mut next, full_start);
        }
        if bead.zh.is_empty() {
            out.push(Bead {
                zh: next..next,
                en: bead.en,
                score: bead.score,
            });
            continue;
        }
        // A bead that straddles structure (rare: headings sit at turn boundaries, which the
        // cost model already treats as soft boundaries) is cut at it: the English stays with
        // the first stretch, the rest of the Chinese follows unaligned after the structure.
        let mut first = true;
        let mut start = full_start;
        for i in full_start..=full_end {
            let cut = i == full_end || zh.get(i).is_some_and(|s| s.kind != SegmentKind::Body);
            if !cut {
                continue;
            }
            if i > start {
                out.push(Bead {
                    zh: start..i,
                    en: if first {
                        bead.en.clone()
                    } else {
                        bead.en.end..bead.en.end
                    },
                    score: if first { bead.score } else { 0.0 },
                });
                first = false;
            }
            if i < full_end {
                out.push(Bead {
                    zh: i..i + 1,
                    en: bead.en.end..bead.en.end,
                    score: 0.0,
                });
            }
            start = i + 1;
        }
        if first {
            // Only structure inside (cannot happen: the bead holds body sentences).
            out.push(Bead {
                zh: full_end..full_end,
                en: bead.en,
                score: bead.score,
            });
        }
        next = full_end;
    }
    push_alone(&mut out, &mut next, zh.len());
    fix_empty_positions(&mut out);
    out
}

/// Pushes 1:0 beads for `zh[*next..until]` (all structure) and moves `next` on.
fn push_alone(out: &mut Vec<Bead>, next: &mut usize, until: usize) {
    let en_at = out.last().map(|b| b.en.end).unwrap_or(0);
    while *next < until {
        out.push(Bead {
            zh: *next..*next + 1,
            en: en_at..en_at,
            score: 0.0,
        });
        *next += 1;
    }
}

/// Empty ranges carry the position of their side; make them follow their neighbours so the
/// beads cover both sides in order.
fn fix_empty_positions(beads: &mut [Bead]) {
    let (mut z, mut e) = (0, 0);
    for bead in beads.iter_mut() {
        if bead.zh.is_empty() {
            bead.zh = z..z;
        }
        if bead.en.is_empty() {
            bead.en = e..e;
        }
        z = bead.zh.end;
        e = bead.en.end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(kind: SegmentKind) -> Segment {
        Segment {
            kind,
            ..Segment::default()
        }
    }

    fn covers(beads: &[Bead], n: usize, m: usize) {
        let (mut z, mut e) = (0, 0);
        for b in beads {
            assert_eq!(b.zh.start, z, "{beads:?}");
            assert_eq!(b.en.start, e, "{beads:?}");
            z = b.zh.end;
            e = b.en.end;
        }
        assert_eq!((z, m), (n, e), "{beads:?}");
    }

    #[test]
    fn headings_and_front_matter_stand_alone() {
        use SegmentKind::*;
        let zh = [
            seg(Title),
            seg(Heading),
            seg(Body),
            seg(Body),
            seg(Heading),
            seg(Body),
        ];
        let en = vec![Segment::default(); 3];
        let beads = align_body_only(&zh, &en, |z, e| {
            assert_eq!((z.len(), e.len()), (3, 3));
            (0..3)
                .map(|i| Bead {
                    zh: i..i + 1,
                    en: i..i + 1,
                    score: 1.0,
                })
                .collect()
        });
        covers(&beads, 6, 3);
        let shape: Vec<(usize, usize)> = beads.iter().map(|b| (b.zh.len(), b.en.len())).collect();
        assert_eq!(shape, [(1, 0), (1, 0), (1, 1), (1, 1), (1, 0), (1, 1)]);
        assert_eq!(beads[5].zh, 5..6);
    }

    #[test]
    fn a_bead_across_a_heading_is_cut_there() {
        use SegmentKind::*;
        let zh = [seg(Body), seg(Heading), seg(Body)];
        let en = vec![Segment::default(); 2];
        let beads = align_body_only(&zh, &en, |_, _| {
            vec![
                Bead {
                    zh: 0..2,
                    en: 0..1,
                    score: 0.9,
                },
                Bead {
                    zh: 2..2,
                    en: 1..2,
                    score: 0.1,
                },
            ]
        });
        covers(&beads, 3, 2);
        assert_eq!(beads[0].zh, 0..1);
        assert_eq!(beads[0].en, 0..1);
        assert_eq!(beads[1].zh, 1..2);
        assert!(beads[1].en.is_empty());
        assert_eq!(beads[2].zh, 2..3);
    }

    #[test]
    fn english_only_beads_keep_their_place() {
        use SegmentKind::*;
        let zh = [seg(Heading), seg(Body)];
        let en = vec![Segment::default(); 2];
        let beads = align_body_only(&zh, &en, |_, _| {
            vec![
                Bead {
                    zh: 0..0,
                    en: 0..1,
                    score: 0.0,
                },
                Bead {
                    zh: 0..1,
                    en: 1..2,
                    score: 0.8,
                },
            ]
        });
        covers(&beads, 2, 2);
        assert_eq!(beads.len(), 3);
    }
}
