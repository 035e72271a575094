//! One corpus open for review: its inputs, confirmed links, alignment, rows and findings,
//! with every [`Action`] saved at once to the corpus folder's files (links.tsv, zh.txt,
//! drift-ignore, the glossary), undo and redo, and conflict detection against edits made on
//! disk meanwhile.
//!
//! What an action writes is planned in [`super::plan`]; what the page shows is built in
//! [`super::view`]; the document alignment after a Chinese correction is settled in
//! [`super::settle`]; the views are exported by [`super::export`]; the files read and
//! written are tracked in [`super::tracked`].

use super::history::{self, Change, FileChange, History};
use super::links::{Links, Resolved};
use super::settle::Previous;
use super::tracked::Tracked;
use super::{Action, Applied, ReviewError, StretchCache};
use crate::align::Bead;
use crate::corpus::Corpus;
use crate::drift::ignore::Ignore;
use crate::drift::Report;
use crate::pipeline::{self, inputs::Inputs, PipelineError};
use crate::segment::Segment;
use crate::source::manifest::Manifest;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One corpus open for review. Every mutation saves at once.
#[derive(Debug)]
pub struct Workspace {
    pub(super) name: String,
    pub(super) corpus_dir: PathBuf,
    pub(super) out_root: PathBuf,
    pub(super) inputs: Inputs,
    /// The English units (empty without a transcript).
    pub(super) en: Vec<Segment>,
    pub(super) resolved: Resolved,
    pub(super) beads: Vec<Bead>,
    pub(super) corpus: Corpus,
    /// The drift report without the suppression file (accepted findings are marked from it).
    pub(super) report: Report,
    pub(super) ignore: Ignore,
    /// Per row: the index of the link that confirms it.
    pub(super) confirmed: Vec<Option<usize>>,
    /// The files the workspace read or wrote, with their bytes then.
    pub(super) tracked: Tracked,
    pub(super) history: History,
    pub(super) revision: u64,
    pub(super) cache: StretchCache,
    /// The drift check, keeping its per-row work between actions (an action re-checks only
    /// the rows it changed; the report is the full check's).
    pub(super) checker: pipeline::check::Checker,
    /// The sentences and units before the last re-read, whose document alignment stands in
    /// for the new one until it is settled ([`super::settle`]).
    pub(super) previous: Option<Previous>,
    /// What opening the workspace did with hand edits of out/NAME/corpus.tsv.
    pub opening_notices: Vec<String>,
}

impl Workspace {
    /// Opens the corpus folder `corpus_dir` (holding a `bitext.toml`), with views going to
    /// `out_root/NAME/`. Hand edits of `out_root/NAME/corpus.tsv` are taken as `run` takes them.
    pub fn open(corpus_dir: &Path, out_root: &Path) -> Result<Workspace, ReviewError> {
        let manifest = Manifest::load(corpus_dir).map_err(PipelineError::from)?;
        let name = manifest.name.clone();
        let mut inputs = Inputs::load(manifest, &mut |_| {})?;
        let (taken, notices) = pipeline::take_hand_edits(&mut inputs, &out_root.join(&name))?;
        let mut ws = Workspace {
            name,
            corpus_dir: corpus_dir.to_path_buf(),
            out_root: out_root.to_path_buf(),
            en: inputs.en.clone().unwrap_or_default(),
            inputs,
            resolved: Resolved::default(),
            beads: Vec::new(),
            corpus: Corpus::default(),
            report: Report::new(&Corpus::default(), Vec::new()),
            ignore: Ignore::default(),
            confirmed: Vec::new(),
            tracked: Tracked::default(),
            history: History::default(),
            revision: 0,
            cache: StretchCache::new(),
            checker: pipeline::check::Checker::new(),
            previous: None,
            opening_notices: taken.into_iter().chain(notices).collect(),
        };
        ws.snapshot();
        ws.recompute()?;
        Ok(ws)
    }

    /// The corpus's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Bumps on every applied change, undo, redo and reload, and when settling the document
    /// alignment changed rows ([`Workspace::install`]).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The corpus folder.
    pub fn corpus_dir(&self) -> &Path {
        &self.corpus_dir
    }

    /// The corpus as aligned now (rows in order).
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The confirmed links that no longer fit the inputs, one message each.
    pub fn stale(&self) -> Vec<String> {
        pipeline::stale_messages(&self.inputs, &self.resolved)
    }

    /// Stretch alignments done and reused since the workspace opened (for benchmarks).
    pub fn cache_counts(&self) -> (usize, usize) {
        (self.cache.aligned, self.cache.reused)
    }

    /// The drift report of the rows as they stand (without the suppression file).
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The drift check's cache (for benchmarks and tests: how much of the last check was
    /// kept).
    pub fn drift_cache(&self) -> &crate::drift::DriftCache {
        self.checker.cache()
    }

    /// Applies an action and saves it; nothing is written when it fails (a file changed on
    /// disk since it was loaded is a [`ReviewError::Conflict`]).
    pub fn apply(&mut self, action: Action) -> Result<Applied, ReviewError> {
        self.tracked.check_disk()?;
        let plan = self.plan(action)?;
        let mut change = Change {
            message: plan.message.clone(),
            files: Vec::new(),
        };
        for (path, after) in plan.writes {
            let before = self.tracked.bytes(&path);
            if before.as_ref() == Some(&after) {
                continue;
            }
            history::replace(&path, before.as_deref(), Some(&after))?;
            self.tracked.set(&path, Some(after.clone()));
            change.files.push(FileChange {
                path,
                before,
                after,
            });
        }
        let changed_files: Vec<PathBuf> = change.files.iter().map(|f| f.path.clone()).collect();
        self.history.record(change);
        if plan.reread {
            // A Chinese correction writes the article alone; every other tracked file was
            // found as read by `check_disk` above.
            let article_only = changed_files.iter().all(|p| *p == self.inputs.manifest.zh);
            self.reread_after(article_only)?;
        } else {
            self.inputs.links = Links::load(&self.inputs.links_path)?;
        }
        self.recompute()?;
        self.revision += 1;
        Ok(Applied {
            revision: self.revision,
            changed_files,
            stale: self.stale(),
            message: plan.message,
        })
    }

    /// Undoes the last change (only where its files still hold what it wrote).
    pub fn undo(&mut self) -> Result<Applied, ReviewError> {
        let change = self.history.undo()?;
        self.after_history(change, "undid")
    }

    /// Redoes the last undone change.
    pub fn redo(&mut self) -> Result<Applied, ReviewError> {
        let change = self.history.redo()?;
        self.after_history(change, "redid")
    }

    /// Re-reads everything from disk (after a conflict, or edits made elsewhere).
    pub fn reload(&mut self) -> Result<(), ReviewError> {
        self.reread()?;
        self.recompute()?;
        self.revision += 1;
        Ok(())
    }

    fn after_history(&mut self, change: Change, verb: &str) -> Result<Applied, ReviewError> {
        for f in &change.files {
            self.tracked.set(&f.path, history::current(&f.path));
        }
        // Only the decisions changed (links, accepted findings): the inputs stand as read.
        let decisions = [self.inputs.links_path.clone(), self.ignore_path()];
        if change.files.iter().all(|f| decisions.contains(&f.path)) {
            self.inputs.links = Links::load(&self.inputs.links_path)?;
        } else {
            self.reread()?;
        }
        self.recompute()?;
        self.revision += 1;
        Ok(Applied {
            revision: self.revision,
            changed_files: change.files.iter().map(|f| f.path.clone()).collect(),
            stale: self.stale(),
            message: format!("{verb}: {}", change.message),
        })
    }

    /// Reads the inputs again (the files may have changed). The old sentences and units are
    /// kept so their document alignment can stand in for the new one ([`super::settle`]).
    fn reread(&mut self) -> Result<(), ReviewError> {
        self.reread_after(false)
    }

    /// [`Workspace::reread`]; `article_only`: only the article changed since the inputs
    /// were read, every other file the workspace tracks was just found as read
    /// ([`Tracked::check_disk`]), so the inputs may be read again around the article alone
    /// ([`Inputs::with_article_reread`]).
    fn reread_after(&mut self, article_only: bool) -> Result<(), ReviewError> {
        let manifest = Manifest::load(&self.corpus_dir).map_err(PipelineError::from)?;
        let kept = if article_only {
            self.inputs.with_article_reread(&manifest)?
        } else {
            None
        };
        let inputs = match kept {
            Some(inputs) => inputs,
            None => Inputs::load(manifest, &mut |_| {})?,
        };
        let old = std::mem::replace(&mut self.inputs, inputs);
        let old_en = std::mem::replace(&mut self.en, self.inputs.en.clone().unwrap_or_default());
        self.previous = Some(Previous {
            zh: old.zh,
            en: old_en,
        });
        self.snapshot();
        Ok(())
    }

    /// The files a workspace depends on or writes.
    fn tracked_paths(&self) -> Vec<PathBuf> {
        let m = &self.inputs.manifest;
        let mut paths = vec![
            m.dir.join(crate::source::manifest::FILE_NAME),
            m.zh.clone(),
            m.en.clone(),
            self.inputs.links_path.clone(),
            self.ignore_path(),
        ];
        paths.extend(m.glossary.clone());
        paths
    }

    pub(super) fn ignore_path(&self) -> PathBuf {
        self.inputs
            .manifest
            .dir
            .join(crate::drift::ignore::FILE_NAME)
    }

    /// Records the tracked files' bytes as loaded.
    fn snapshot(&mut self) {
        self.tracked = Tracked::read(self.tracked_paths());
    }

    /// Aligns, builds the corpus and checks it, from the inputs as they stand. After a
    /// Chinese correction the document alignment is first patched from the previous one
    /// ([`super::settle::patch`]), so only the rows around the correction are aligned again.
    pub(super) fn recompute(&mut self) -> Result<(), ReviewError> {
        self.stand_in();
        let aligned = pipeline::align_linked(&self.inputs, &mut self.cache);
        let by_ranges: HashMap<(usize, usize, usize, usize), usize> = aligned
            .resolved
            .fixed
            .iter()
            .map(|f| ((f.zh.start, f.zh.end, f.en.start, f.en.end), f.link))
            .collect();
        self.confirmed = aligned
            .beads
            .iter()
            .map(|b| {
                by_ranges
                    .get(&(b.zh.start, b.zh.end, b.en.start, b.en.end))
                    .copied()
            })
            .collect();
        self.report = self
            .checker
            .report(&aligned.corpus, self.inputs.glossary_path(), None)?;
        let ignore = self.ignore_path();
        self.ignore = if ignore.is_file() {
            Ignore::read(&ignore)?
        } else {
            Ignore::default()
        };
        self.corpus = aligned.corpus;
        self.beads = aligned.beads;
        self.resolved = aligned.resolved;
        Ok(())
    }

    pub(super) fn bead(&self, row: usize) -> Result<&Bead, ReviewError> {
        self.beads.get(row).ok_or_else(|| {
            ReviewError::BadAction(format!(
                "row {row} does not exist (the corpus has {} rows); reload",
                self.beads.len()
            ))
        })
    }
}
