//! Keeping a Chinese correction fast on a long corpus. The rows come from the document's own
//! alignment (the aligner on all of `zh` and `en`, [`super::constrained`]), which depends on
//! every sentence: after a correction it would have to be redone whole, seconds on a
//! 45-minute interview. Instead the workspace answers at once with a stand-in: the previous
//! document alignment, with only the rows around the corrected sentences aligned again
//! ([`crate::align::realign`]: [`REACH`] beads either side, searched with the statistics of
//! the whole new document, so the window's rows are the ones the whole document's alignment
//! gives them). The real document alignment of the new text is then computed off the request path — by the
//! server's background worker ([`Workspace::unsettled`] → [`DocumentJob::run`] →
//! [`Workspace::install`]), or at once by [`Workspace::settle`] — and replaces the stand-in.
//! Once settled, every row is again exactly what `bitext run` gives for the same files.
//! Settling changes rows only where the whole-document alignment of the new text differs from
//! the patched one (rare: when its path leaves the old one at the window's edges, or the
//! correction changes the word pairs the aligner learns from the whole document); when it
//! does, the revision bumps so the page redraws.

use super::constrained::{document_key, REACH};
use super::{ReviewError, Workspace};
use crate::align::{AlignOptions, Alignment};
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
    alignment: Alignment,
}

impl DocumentJob {
    /// Aligns the whole document (seconds on a long corpus: run it off the request path).
    pub fn run(self) -> DocumentDone {
        DocumentDone {
            key: self.key,
            alignment: crate::align::align_document(&self.zh, &self.en, &self.options),
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
        self.cache.insert_document(done.key, done.alignment);
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
        let Some(old) = self.cache.document(old_key) else {
            return;
        };
        // The window is aligned with the whole new document's statistics, so the stand-in
        // is what settling gives whenever the change stays local (see `realign`).
        if let Some(patched) = crate::align::realign(
            old,
            &previous.zh,
            &previous.en,
            &self.inputs.zh,
            en,
            &options,
            REACH,
        ) {
            self.cache.aligned += 1;
            self.cache.insert_stand_in(key, patched);
        }
    }
}
