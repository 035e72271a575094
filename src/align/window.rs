//! Aligning a window of a document again after a change, as the whole document's alignment
//! would.
//!
//! A bead's cost depends on more than its own sentences: the features read document-wide
//! statistics (word weights from document frequencies, which words the other side can gloss
//! at all, the English-to-Chinese length ratio, the Latin words the Chinese uses, paragraph
//! boundaries, caption cut costs, the word pairs the first pass learnt, and the band the
//! search stays in). Aligned alone, a window recomputes all of these from its own few
//! sentences and can come out different from the same rows of the whole document's
//! alignment. [`realign`] instead computes them from the whole new document and searches
//! only the window with them, for both passes: wherever the whole document's path passes
//! through the window's corners, the window's beads are exactly the whole document's.

use super::{cost, learn, structure, AlignOptions, Alignment, Bead, Plan, Segment};
use std::borrow::Cow;
use std::ops::Range;

/// The alignment of `zh` × `en` from `old`, the alignment of `old_zh` × `old_en`, aligning
/// again only the beads around what changed: the English must be the same, the Chinese may
/// differ in one run of sentences (a correction, or a sentence split or joined by it). In
/// each pass, the beads touching the change and `reach` beads either side are searched again
/// with the whole new document's statistics; the rest is kept (shifted past the change).
/// This is exactly [`super::align_document`]'s result whenever the new whole-document alignment
/// passes through the same bead boundaries at the window's edges and learns the same word
/// pairs (nearly always: a correction moves the costs of its own rows); when it does not,
/// the far rows may differ from it. `None` when the English differs or the window would
/// reach the whole document (align it whole then).
pub fn realign(
    old: &Alignment,
    old_zh: &[Segment],
    old_en: &[Segment],
    zh: &[Segment],
    en: &[Segment],
    options: &AlignOptions,
    reach: usize,
) -> Option<Alignment> {
    if old_en.len() != en.len() || old_en.iter().zip(en).any(|(a, b)| !same(a, b)) {
        return None;
    }
    let (old_body, body) = (structure::body(old_zh), structure::body(zh));
    let old_segments = body_segments(old_zh, &old_body);
    let segments = body_segments(zh, &body);
    let (n, m) = (segments.len(), en.len());
    if n == 0 || m == 0 {
        return None;
    }
    let prefix = old_segments
        .iter()
        .zip(segments.iter())
        .take_while(|(a, b)| same(a, b))
        .count();
    if prefix == old_segments.len() && prefix == n {
        // Only structure changed (or nothing): the sentences align as before.
        return Some(Alignment {
            beads: structure::to_full(zh, &body, old.body.clone()),
            first: old.first.clone(),
            body: old.body.clone(),
            reading: old.reading.clone(),
        });
    }
    let suffix = old_segments[prefix..]
        .iter()
        .rev()
        .zip(segments[prefix..].iter().rev())
        .take_while(|(a, b)| same(a, b))
        .count();
    let changed = prefix..old_segments.len() - suffix;
    let shift = n as isize - old_segments.len() as isize;

    // The first pass over the window, with the whole new document's features and band.
    let w1 = Window::around(&old.first, &changed, reach, shift)?;
    // Only the changed sentences are read again when the old alignment kept its reading.
    let raw = match &old.reading.0 {
        Some(r) if r.anchors == options.anchors && r.zh_len.len() == old_segments.len() => {
            r.respliced(changed.clone(), &segments, prefix..n - suffix, en)
        }
        _ => cost::Raw::new(&segments, en, &options.anchors),
    };
    let f = cost::Features::with_learnt(raw, &segments, en, &learn::Learnt::default());
    let plan = Plan::new(&f, n, m, options);
    let (band, coarse) = plan.first_band(&f, n, m);
    let inner = plan.search(&f, &band, &coarse, w1.zh.clone(), w1.en.clone())?;
    let first = w1.splice(&old.first, inner, shift);
    // The second pass, with the word pairs learnt from the whole new first pass.
    let learnt = learn::pairs_read(&f.raw, &first);
    let (inner, raw) = if learnt.is_empty() {
        (first.clone(), f.into_raw())
    } else {
        let w2 = Window::around(&old.body, &changed, reach, shift)?;
        let f = cost::Features::with_learnt(f.into_raw(), &segments, en, &learnt);
        let band = plan.second_band(&first, n, m);
        let guide = super::points(&first);
        let beads = plan.search(&f, &band, &guide, w2.zh.clone(), w2.en.clone())?;
        (w2.splice(&old.body, beads, shift), f.into_raw())
    };
    Some(Alignment {
        beads: structure::to_full(zh, &body, inner.clone()),
        first,
        body: inner,
        reading: super::Reading::of(raw),
    })
}

/// The same sentence as far as the aligner can tell (its position aside).
fn same(a: &Segment, b: &Segment) -> bool {
    a.text == b.text
        && a.kind == b.kind
        && a.paragraph == b.paragraph
        && a.turn_start == b.turn_start
        && a.notes == b.notes
        && a.pause_before_ms == b.pause_before_ms
}

fn body_segments<'a>(zh: &'a [Segment], body: &[usize]) -> Cow<'a, [Segment]> {
    if body.len() == zh.len() {
        Cow::Borrowed(zh)
    } else {
        Cow::Owned(body.iter().map(|&i| zh[i].clone()).collect())
    }
}

/// The beads `lo..hi` of an old alignment to search again, and the sentences they cover in
/// the new text.
struct Window {
    lo: usize,
    hi: usize,
    zh: Range<usize>,
    en: Range<usize>,
}

impl Window {
    /// The beads of `old` touching the `changed` old sentences, and `reach` beads either
    /// side; `None` when that is every bead.
    fn around(old: &[Bead], changed: &Range<usize>, reach: usize, shift: isize) -> Option<Window> {
        let first = old.iter().position(|b| b.zh.end > changed.start)?;
        let last = old
            .iter()
            .rposition(|b| b.zh.start < changed.end.max(changed.start + 1))?
            .max(first);
        let lo = first.saturating_sub(reach);
        let hi = (last + 1 + reach).min(old.len());
        if lo == 0 && hi == old.len() {
            return None;
        }
        let end = old[hi - 1].zh.end as isize + shift;
        Some(Window {
            lo,
            hi,
            zh: old[lo].zh.start..usize::try_from(end).ok()?,
            en: old[lo].en.start..old[hi - 1].en.end,
        })
    }

    /// `old` with the window's beads replaced by `new`, and the beads after it shifted.
    fn splice(&self, old: &[Bead], new: Vec<Bead>, shift: isize) -> Vec<Bead> {
        let moved = |r: &Range<usize>| {
            (r.start as isize + shift) as usize..(r.end as isize + shift) as usize
        };
        let mut out = old[..self.lo].to_vec();
        out.extend(new);
        out.extend(old[self.hi..].iter().map(|b| Bead {
            zh: moved(&b.zh),
            en: b.en.clone(),
            score: b.score,
        }));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::align_document;
    use super::*;

    fn segs(texts: &[String]) -> Vec<Segment> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Segment::plain(t, 0..t.len(), i))
            .collect()
    }

    fn covers(beads: &[Bead], n: usize, m: usize) {
        let mut at = (0, 0);
        for b in beads {
            assert_eq!((b.zh.start, b.en.start), at, "{beads:?}");
            at = (b.zh.end, b.en.end);
        }
        assert_eq!(at, (n, m));
    }

    /// A document whose statistics a window alone gets wrong: most of it is long sentences
    /// (the length ratio), and a name recurs far from the window (learnt pairs).
    fn document() -> (Vec<String>, Vec<String>) {
        let mut zh = Vec::new();
        let mut en = Vec::new();
        for i in 0..40 {
            zh.push(format!(
                "韦小宝在第{i}天去了城里，买了很多东西，然后回家吃饭。"
            ));
            en.push(format!(
                "On day {i} Trinket went to town, bought a lot of things and then went home to eat."
            ));
            if i == 20 {
                // An English sentence the Chinese leaves out.
                en.push("Nobody in the village had ever seen anything like it before.".into());
            }
        }
        (zh, en)
    }

    #[test]
    fn a_realigned_window_is_what_the_whole_document_gives() {
        let (zh_texts, en_texts) = document();
        let (zh, en) = (segs(&zh_texts), segs(&en_texts));
        let options = AlignOptions::default();
        let old = align_document(&zh, &en, &options);
        // A correction of sentence 21, next to the omission; then one that splits it.
        let mut fixed = zh_texts.clone();
        fixed[21] = "韦小宝在第21天去了城里，买了好多东西，然后回家吃饭。".into();
        let fixed = segs(&fixed);
        let new = realign(&old, &zh, &en, &fixed, &en, &options, 4).unwrap();
        covers(&new.beads, 40, 41);
        assert_eq!(new, align_document(&fixed, &en, &options));
        let mut split = zh_texts.clone();
        split.splice(
            21..22,
            [
                "韦小宝在第21天去了城里。".to_string(),
                "他买了很多东西，然后回家吃饭。".to_string(),
            ],
        );
        let split = segs(&split);
        let new = realign(&old, &zh, &en, &split, &en, &options, 4).unwrap();
        covers(&new.beads, 41, 41);
        assert_eq!(new, align_document(&split, &en, &options));
        // The far beads are kept, shifted past the split.
        let (k, l) = (new.beads.len() - 8, old.beads.len() - 8);
        for (p, o) in new.beads[k..].iter().zip(&old.beads[l..]) {
            assert_eq!((p.zh.start, &p.en), (o.zh.start + 1, &o.en));
        }
    }

    #[test]
    fn another_english_or_a_change_everywhere_is_no_window() {
        let (zh_texts, en_texts) = document();
        let (zh, en) = (segs(&zh_texts), segs(&en_texts));
        let options = AlignOptions::default();
        let old = align_document(&zh, &en, &options);
        let other = segs(&["Something else entirely.".to_string()]);
        assert!(realign(&old, &zh, &en, &zh, &other, &options, 4).is_none());
        let mut both_ends = zh_texts.clone();
        both_ends[0] = "开头改了。".into();
        both_ends[39] = "结尾也改了。".into();
        let both_ends = segs(&both_ends);
        assert!(realign(&old, &zh, &en, &both_ends, &en, &options, 4).is_none());
        // Nothing changed: the same alignment.
        assert_eq!(realign(&old, &zh, &en, &zh, &en, &options, 4).unwrap(), old);
    }
}
