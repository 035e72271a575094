//! The drift check of a corpus that changes a little at a time (the review workbench: one
//! action merges two rows, moves a unit, corrects a sentence), at a cost that follows what
//! changed, with exactly the report a fresh [`super::check`] gives.
//!
//! Two things are kept between checks:
//!
//! - the last few reports, each with the corpus and options it was made from: a check of a
//!   corpus and options equal to one of them (a confirmation that moved no row, an undo, a
//!   redo, an accepted finding) returns that report;
//! - each row's analysis for the in-row support check ([`super::support`], the costly one:
//!   its words, their glosses and pinyin, the evidence the row offers), keyed by the row's
//!   Chinese and English, which are all it depends on; and which of a row's words its own
//!   and each neighbour's other side supports, keyed by the two rows' text, for as long as
//!   the word pairs learnt from the whole document stay the same (they are learnt afresh on
//!   every check and compared: when they differ, every support result is recomputed).
//!
//! Every kept value is a pure function of its key, so the report is the full check's by
//! construction; `tests/review.rs` checks it against a fresh [`super::check`] after a run of
//! workbench actions on real talks. The rest of the checks run whole on every check: they
//! cost a few milliseconds each on a 250-row talk.

use super::support::{Analysed, Learnt};
use super::{Doc, DriftOptions, Report};
use crate::corpus::Corpus;
use std::collections::HashMap;
use std::sync::Arc;

/// How many recent reports are kept (an undo goes back one, a redo forward one).
const REPORTS: usize = 8;

/// What the drift check keeps between runs over a changing corpus (see the module comment).
#[derive(Default)]
pub struct DriftCache {
    support: SupportMemo,
    /// Recent reports, most recent last, with the corpus and options they were made from.
    reports: Vec<(Corpus, DriftOptions, Report)>,
    /// Checks answered from a kept report, and checks run (for benchmarks and tests).
    reused: usize,
    run: usize,
}

impl std::fmt::Debug for DriftCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DriftCache")
            .field("rows", &self.support.rows.len())
            .field("reports", &self.reports.len())
            .field("reused", &self.reused)
            .field("run", &self.run)
            .finish()
    }
}

impl DriftCache {
    pub fn new() -> DriftCache {
        DriftCache::default()
    }

    /// The drift report of `corpus`: exactly [`super::check`]'s.
    pub fn check(&mut self, corpus: &Corpus, options: &DriftOptions) -> Report {
        if let Some(k) = self
            .reports
            .iter()
            .position(|(c, o, _)| c == corpus && o == options)
        {
            let kept = self.reports.remove(k);
            let report = kept.2.clone();
            self.reports.push(kept);
            self.reused += 1;
            return report;
        }
        let report = super::check_with(corpus, options, &mut self.support);
        if self.reports.len() == REPORTS {
            self.reports.remove(0);
        }
        self.reports
            .push((corpus.clone(), options.clone(), report.clone()));
        self.run += 1;
        report
    }

    /// (checks answered from a kept report, checks run), since the cache was made.
    pub fn counts(&self) -> (usize, usize) {
        (self.reused, self.run)
    }

    /// (rows analysed afresh, rows whose analysis was kept) in the last check run.
    pub fn last_rows(&self) -> (usize, usize) {
        (self.support.fresh, self.support.kept)
    }
}

/// The in-row support check's memo: each row's [`Analysed`] by its text, and which words of
/// a row another row supports, by the two rows' analyses and the learnt pairs.
#[derive(Default)]
pub(super) struct SupportMemo {
    /// Row (Chinese, English) → its analysis and a serial number that names it (never
    /// reused, so a support result keyed by serial numbers cannot outlive its rows).
    rows: HashMap<(String, String), (u64, Arc<Analysed>)>,
    next: u64,
    /// The learnt pairs the support results below were computed with.
    learnt: Option<Learnt>,
    /// (supporting row, supported row) → which of the supported row's English words the
    /// supporting row's Chinese supports.
    en_ok: HashMap<(u64, u64), Vec<bool>>,
    /// For each of the supported row's Chinese words, how many words of the supporting
    /// row's English can account for it (`Evidence::zh_caps`).
    zh_caps: HashMap<(u64, u64), Vec<usize>>,
    /// Serial numbers of the current rows, by row index.
    ids: Vec<u64>,
    fresh: usize,
    kept: usize,
}

impl SupportMemo {
    /// Each row's analysis, taken from the memo or made; rows no longer in the corpus are
    /// forgotten, and so are all support results when the learnt pairs changed.
    pub(super) fn rows(&mut self, doc: &Doc, learnt: &Learnt) -> Vec<Arc<Analysed>> {
        let mut old = std::mem::take(&mut self.rows);
        let (mut fresh, mut kept) = (0, 0);
        let mut ids = Vec::with_capacity(doc.rows().len());
        let analysed = doc
            .rows()
            .iter()
            .enumerate()
            .map(|(i, row)| {
                // Inline notes are a function of the row's Chinese and English
                // ([`super::omission::inline_notes`]): the text is the whole key.
                let key = (row.zh.clone(), row.en.clone());
                let entry = match old.remove(&key) {
                    Some(e) => {
                        kept += 1;
                        e
                    }
                    None => match self.rows.get(&key) {
                        // The same text twice in the corpus ("是的。" / "Yes.").
                        Some(e) => e.clone(),
                        None => {
                            fresh += 1;
                            self.next += 1;
                            (self.next, Arc::new(Analysed::of(doc, i)))
                        }
                    },
                };
                ids.push(entry.0);
                let a = entry.1.clone();
                self.rows.insert(key, entry);
                a
            })
            .collect();
        if self.learnt.as_ref() != Some(learnt) {
            self.en_ok.clear();
            self.zh_caps.clear();
            self.learnt = Some(learnt.clone());
        } else {
            let live: std::collections::HashSet<u64> = ids.iter().copied().collect();
            let alive = |k: &(u64, u64)| live.contains(&k.0) && live.contains(&k.1);
            self.en_ok.retain(|k, _| alive(k));
            self.zh_caps.retain(|k, _| alive(k));
        }
        self.ids = ids;
        (self.fresh, self.kept) = (fresh, kept);
        analysed
    }

    /// Which of row `i`'s English words row `n`'s Chinese supports.
    pub(super) fn en_ok(
        &mut self,
        rows: &[Arc<Analysed>],
        n: usize,
        i: usize,
        learnt: &Learnt,
    ) -> Vec<bool> {
        self.en_ok
            .entry((self.ids[n], self.ids[i]))
            .or_insert_with(|| rows[n].evidence.en_ok(&rows[i].words, learnt))
            .clone()
    }

    /// For each of row `i`'s Chinese words, how many words of row `n`'s English can
    /// account for it (0: unsupported).
    pub(super) fn zh_caps(
        &mut self,
        rows: &[Arc<Analysed>],
        n: usize,
        i: usize,
        learnt: &Learnt,
    ) -> Vec<usize> {
        self.zh_caps
            .entry((self.ids[n], self.ids[i]))
            .or_insert_with(|| rows[n].evidence.zh_caps(&rows[i].words, learnt))
            .clone()
    }
}
