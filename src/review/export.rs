//! Export: the views of `run` regenerated from the reviewed corpus into `out/NAME/`, with a
//! TMX of the confirmed rows only (`corpus.confirmed.tmx`, for a translation memory), all
//! published as one set ([`crate::pipeline::views::write_views_with`]): a reader never sees
//! old and new views mixed. [`ExportSet`] is what to write, taken from the workspace in
//! microseconds, so the server can write it without holding the workspace.

use super::{ReviewError, Workspace};
use crate::align::Bead;
use crate::corpus::Corpus;
use crate::drift::Report;
use crate::glossary::Glossary;
use crate::review::links::Resolved;
use std::path::PathBuf;

/// The file name of the confirmed-rows TMX in `out/NAME/`.
pub const CONFIRMED_TMX: &str = "corpus.confirmed.tmx";

/// Everything an export writes, owned (a snapshot of the workspace).
#[derive(Debug, Clone)]
pub struct ExportSet {
    /// The revision of the workspace it was taken at.
    pub revision: u64,
    dir: PathBuf,
    corpus: Corpus,
    /// The report with the suppression file applied.
    report: Report,
    glossary: Option<Glossary>,
    how_to_add: Option<String>,
    /// The transcript's unit and word times, so the subtitles split as `run`'s do.
    en_times: Option<crate::render::subtitles::EnTimes>,
    confirmed: Corpus,
}

impl ExportSet {
    /// Writes the views and the confirmed-rows TMX into `out/NAME/` as one set; returns the
    /// paths written.
    pub fn write(&self) -> Result<Vec<PathBuf>, ReviewError> {
        let tmx = crate::render::tmx::render(&self.confirmed, false).into_bytes();
        let written = crate::pipeline::views::write_views_with(
            &self.corpus,
            &self.report,
            self.glossary.as_ref(),
            self.how_to_add.as_deref(),
            self.en_times.as_ref(),
            &self.dir,
            &[(CONFIRMED_TMX, tmx)],
        )?;
        Ok(written.files.iter().map(|n| self.dir.join(n)).collect())
    }
}

/// The rows of `corpus` that a confirmed link holds (`beads` are the corpus's rows' beads).
pub fn confirmed_rows(corpus: &Corpus, beads: &[Bead], resolved: &Resolved) -> Corpus {
    let fixed: std::collections::HashSet<_> = resolved
        .fixed
        .iter()
        .map(|f| (f.zh.clone(), f.en.clone()))
        .collect();
    Corpus {
        meta: corpus.meta.clone(),
        rows: corpus
            .rows
            .iter()
            .zip(beads)
            .filter(|(_, b)| fixed.contains(&(b.zh.clone(), b.en.clone())))
            .map(|(r, _)| r.clone())
            .collect(),
    }
}

impl Workspace {
    /// What an export writes now.
    pub fn export_set(&self) -> ExportSet {
        let mut report = self.report.clone();
        report.apply_ignore(&self.ignore);
        ExportSet {
            revision: self.revision,
            dir: self.out_root.join(&self.name),
            corpus: self.corpus.clone(),
            report,
            glossary: self.inputs.glossary.clone(),
            how_to_add: self
                .inputs
                .en
                .is_none()
                .then(|| crate::pipeline::how_to_add(&self.inputs.manifest)),
            en_times: self.inputs.en_times.clone(),
            confirmed: confirmed_rows(&self.corpus, &self.beads, &self.resolved),
        }
    }

    /// Settles the document alignment ([`Workspace::settle`]: the views are then exactly
    /// `run`'s), then writes the pipeline's views into `out/NAME/` with a TMX of the
    /// confirmed rows only (`corpus.confirmed.tmx`); returns the paths written.
    pub fn export(&mut self) -> Result<Vec<PathBuf>, ReviewError> {
        self.settle()?;
        self.export_set().write()
    }
}
