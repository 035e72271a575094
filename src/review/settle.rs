//! Keeping a Chinese correction fast on a long corpus. The rows come from the document's own
//! alignment (the aligner on all of `zh` and `en`, [`super::constrained`]), which depends on
//! every sentence: after a correction it would have to be redone whole, seconds on a
//! 45-minute interview. Instead the workspace answers at once with a stand-in: the previous
//! document alignment, with only the rows around the corrected sentences aligned again
//! ([`patch`]: [`REACH`] bead boundaries either side, aligned alone with the new text). The
//! real document alignment of the new text is then computed off the request path — by the
//! server's background worker ([`Workspace::unsettled`] → [`DocumentJob::run`] →
//! [`Workspace::install`]), or at once by [`Workspace::settle`] — and replaces the stand-in.
//! Once settled, every row is again exactly what `bitext run` gives for the same files.
//! Settling changes rows only where the whole-document alignment of the new text differs from
//! the patched one (rare: a correction moves the costs of its own rows); when it does, the
//! revision bumps so the page redraws.

use super::constrained::{document_key, REACH};
use super::{ReviewError, Workspace};
use crate::align::{AlignOptions, Bead};
use crate::segment::Segment;

/// The sentences and units the previous document alignment was made from.
#[derive(Debug, Clone)]
pub struct Previous {
    pub zh: Vec<Segment>,
    pub en: Vec<Segment>,
}

/// The document alignment still to compute for the inputs as they stand.
#[derive(Debug, Clone)]
pub struct DocumentJob {
    key: u64,
    zh: Vec<Segment>,
    en: Vec<Segment>,
    options: AlignOptions,
}

/// A computed document alignment, for [`Workspace::install`].
#[derive(Debug, Clone)]
pub struct DocumentDone {
    key: u64,
    beads: Vec<Bead>,
}

impl DocumentJob {
    /// Aligns the whole document (seconds on a long corpus: run it off the request path).
    pub fn run(self) -> DocumentDone {
        DocumentDone {
            key: self.key,
            beads: crate::align::align(&self.zh, &self.en, &self.options),
        }
    }
}

impl Workspace {
    /// The document alignment still to compute, when the rows stand on a patched one.
    pub fn unsettled(&self) -> Option<DocumentJob> {
        let en = self.inputs.en.as_ref()?;
        let options = crate::pipeline::align_options(&self.inputs);
        let key = document_key(&self.inputs.zh, en, &options);
        (!self.cache.has_document(key)).then(|| DocumentJob {
            key,
            zh: self.inputs.zh.clone(),
            en: en.clone(),
            options,
        })
    }

    /// Whether the rows stand on the whole document's alignment (what `run` gives).
    pub fn is_settled(&self) -> bool {
        self.inputs.en.as_ref().is_none_or(|en| {
            let options = crate::pipeline::align_options(&self.inputs);
            self.cache
                .has_document(document_key(&self.inputs.zh, en, &options))
        })
    }

    /// Takes a computed document alignment; when it is the current inputs', the rows are
    /// rebuilt on it. Returns whether any row changed (then the revision bumps).
    pub fn install(&mut self, done: DocumentDone) -> Result<bool, ReviewError> {
        let current = self.unsettled().map(|job| job.key);
        self.cache.insert_document(done.key, done.beads);
        if current != Some(done.key) {
            return Ok(false);
        }
        let before = std::mem::take(&mut self.beads);
        self.recompute()?;
        let changed = before != self.beads;
        if changed {
            self.revision += 1;
        }
        Ok(changed)
    }

    /// Computes the document alignment now if the rows stand on a patched one (what `run`
    /// would give for the same files). Returns whether any row changed.
    pub fn settle(&mut self) -> Result<bool, ReviewError> {
        match self.unsettled() {
            Some(job) => self.install(job.run()),
            None => Ok(false),
        }
    }

    /// Before aligning: when the document alignment of the current inputs is not known but
    /// the previous inputs' is, patch that one around what changed and let it stand in.
    pub(super) fn stand_in(&mut self) {
        let (Some(en), Some(previous)) = (self.inputs.en.as_ref(), self.previous.as_ref()) else {
            return;
        };
        let options = crate::pipeline::align_options(&self.inputs);
        let key = document_key(&self.inputs.zh, en, &options);
        if self.cache.document(key).is_some() {
            return;
        }
        let old_key = document_key(&previous.zh, &previous.en, &options);
        let Some(old) = self.cache.document(old_key).map(<[Bead]>::to_vec) else {
            return;
        };
        if let Some(beads) = patch(
            &previous.zh,
            &previous.en,
            &old,
            &self.inputs.zh,
            en,
            &options,
        ) {
            self.cache.aligned += 1;
            self.cache.insert_stand_in(key, beads);
        }
    }
}

/// The document alignment of `zh` × `en`, patched from `old` (the alignment of `old_zh` ×
/// `old_en`): the English must be the same; the Chinese may differ in one run of sentences
/// (a correction, or a sentence split or joined by it). The beads touching the change, and
/// [`REACH`] beads either side, are aligned again alone with the new text; the rest is kept
/// (shifted past the change). `None` when the English differs or the change reaches
/// everything.
pub fn patch(
    old_zh: &[Segment],
    old_en: &[Segment],
    old: &[Bead],
    zh: &[Segment],
    en: &[Segment],
    options: &AlignOptions,
) -> Option<Vec<Bead>> {
    if old_en.len() != en.len() || old_en.iter().zip(en).any(|(a, b)| a.text != b.text) {
        return None;
    }
    let same = |a: &Segment, b: &Segment| {
        a.text == b.text && a.kind == b.kind && a.paragraph == b.paragraph
    };
    let prefix = old_zh
        .iter()
        .zip(zh)
        .take_while(|(a, b)| same(a, b))
        .count();
    if prefix == old_zh.len() && prefix == zh.len() {
        return Some(old.to_vec());
    }
    let suffix = old_zh[prefix..]
        .iter()
        .rev()
        .zip(zh[prefix..].iter().rev())
        .take_while(|(a, b)| same(a, b))
        .count();
    let old_end = old_zh.len() - suffix;
    let shift = zh.len() as isize - old_zh.len() as isize;
    // The beads touching the changed sentences [prefix, old_end) of the old text.
    let first = old.iter().position(|b| b.zh.end > prefix)?;
    let last = old
        .iter()
        .rposition(|b| b.zh.start < old_end.max(prefix + 1))?
        .max(first);
    let lo = first.saturating_sub(REACH);
    let hi = (last + 1 + REACH).min(old.len());
    if lo == 0 && hi == old.len() {
        return None;
    }
    let z = old[lo].zh.start..(old[hi - 1].zh.end as isize + shift) as usize;
    let e = old[lo].en.start..old[hi - 1].en.end;
    let window = crate::align::align(&zh[z.clone()], &en[e.clone()], options);
    let mut out = old[..lo].to_vec();
    out.extend(window.into_iter().map(|b| Bead {
        zh: b.zh.start + z.start..b.zh.end + z.start,
        en: b.en.start + e.start..b.en.end + e.start,
        score: b.score,
    }));
    out.extend(old[hi..].iter().map(|b| Bead {
        zh: (b.zh.start as isize + shift) as usize..(b.zh.end as isize + shift) as usize,
        en: b.en.clone(),
        score: b.score,
    }));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(texts: &[&str]) -> Vec<Segment> {
        Segment::plain_each(texts)
    }

    fn covers(beads: &[Bead], n: usize, m: usize) {
        let mut at = (0, 0);
        for b in beads {
            assert_eq!((b.zh.start, b.en.start), at, "{beads:?}");
            at = (b.zh.end, b.en.end);
        }
        assert_eq!(at, (n, m));
    }

    #[test]
    fn a_patch_keeps_the_far_rows_and_covers_the_new_text() {
        let zh_texts: Vec<String> = (0..30).map(|i| format!("第{i}句话说了{i}件事。")).collect();
        let en_texts: Vec<String> = (0..30)
            .map(|i| format!("Sentence {i} says {i} things."))
            .collect();
        let zh = segs(&zh_texts.iter().map(String::as_str).collect::<Vec<_>>());
        let en = segs(&en_texts.iter().map(String::as_str).collect::<Vec<_>>());
        let options = AlignOptions::default();
        let old = crate::align::align(&zh, &en, &options);
        // A correction of sentence 15, and one that splits sentence 15 in two.
        let mut fixed = zh_texts.clone();
        fixed[15] = "第15句话说了15件事情。".into();
        let fixed = segs(&fixed.iter().map(String::as_str).collect::<Vec<_>>());
        let patched = patch(&zh, &en, &old, &fixed, &en, &options).unwrap();
        covers(&patched, 30, 30);
        assert_eq!(patched[..8], old[..8]);
        assert_eq!(patched[patched.len() - 8..], old[old.len() - 8..]);
        let mut split = zh_texts.clone();
        split.splice(
            15..16,
            ["第15句话。".to_string(), "说了15件事。".to_string()],
        );
        let split = segs(&split.iter().map(String::as_str).collect::<Vec<_>>());
        let patched = patch(&zh, &en, &old, &split, &en, &options).unwrap();
        covers(&patched, 31, 30);
        assert_eq!(patched[..8], old[..8]);
        let tail = &patched[patched.len() - 8..];
        for (p, o) in tail.iter().zip(&old[old.len() - 8..]) {
            assert_eq!(
                (p.zh.start, p.zh.end, &p.en),
                (o.zh.start + 1, o.zh.end + 1, &o.en)
            );
        }
        // Another English: no patch.
        let other = segs(&["Something else entirely."]);
        assert!(patch(&zh, &en, &old, &fixed, &other, &options).is_none());
    }
}
