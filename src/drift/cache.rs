//! The drift check of a corpus that changes a little at a time (the review workbench: one
//! action merges two rows, moves a unit, corrects a sentence), at a cost that follows what
//! changed, with exactly the report a fresh [`super::check`] gives.
//!
//! Three things are kept between checks:
//!
//! - the last few reports, each with the corpus and options it was made from: a check of a
//!   corpus and options equal to one of them (a confirmation that moved no row, an undo, a
//!   redo, an accepted finding) returns that report;
//! - each row's analysis for the in-row support check ([`super::support`], the costly one:
//!   its words, their glosses and pinyin, the evidence the row offers), keyed by the row's
//!   Chinese and English, which are all it depends on; and which of a row's words its own
//!   and each neighbour's other side supports, keyed by the two rows' text and valid for the
//!   word pairs learnt from the whole document it was computed with. The pairs are learnt
//!   afresh on every check (from each row's candidate words, kept by text below) and
//!   compared; when they differ, only the support results that read a changed pair are
//!   dropped: the ones for a row with an English word whose pairs changed, or with a Chinese
//!   word a changed pair's Chinese holds or is part of (all [`Evidence::en_ok`] and
//!   [`Evidence::zh_caps`] read of the pairs);
//! - the per-text work of the other checks ([`memo`]): a row's words, numbers, negations,
//!   codes, n-grams, wh-questions, learnt-pair candidates, each a pure function of the text
//!   it reads (and, for the caption trace's anchors, of the learnt pairs of the row's
//!   English words, which are part of the key). It is kept only while a [`DriftCache`]
//!   check runs on the thread: [`super::check`] alone keeps nothing. The checks' cross-row
//!   work (the length model, term counts, neighbour matching, the caption trace's chain)
//!   runs whole on every check.
//!
//! Every kept value is a pure function of its key, so the report is the full check's by
//! construction; `tests/review.rs` checks it against a fresh [`super::check`] after a run of
//! workbench actions on real talks, `tests/review_speed11.rs` after each of a run of random
//! edits on real documents, and the unit test below the support kept across a change of the
//! learnt pairs.
//!
//! [`Evidence::en_ok`]: super::support::Evidence::en_ok
//! [`Evidence::zh_caps`]: super::support::Evidence::zh_caps

use super::support::{Analysed, Learnt};
use super::{Doc, DriftOptions, Report};
use crate::align::lexicon::FxMap;
use crate::corpus::Corpus;
use std::any::Any;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// How many recent reports are kept (an undo goes back one, a redo forward one).
const REPORTS: usize = 8;

/// What the drift check keeps between runs over a changing corpus (see the module comment).
#[derive(Default)]
pub struct DriftCache {
    support: SupportMemo,
    /// The checks' per-text work ([`memo`]), lent to the thread while a check runs.
    texts: TextMemo,
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
            .field("texts", &self.texts.entries.len())
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
        let report = {
            let _lent = Lent::new(&mut self.texts);
            super::check_with(corpus, options, &mut self.support)
        };
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

    /// (per-text results computed, per-text results kept) in the last check run ([`memo`]).
    pub fn last_texts(&self) -> (usize, usize) {
        (self.texts.fresh, self.texts.kept)
    }
}

/// How many checks a per-text result outlives its last use by (an undo brings back the
/// rows of a few actions ago).
const TEXT_CHECKS: u64 = 8;

/// The checks' per-text results, by what computed them and the texts it read.
#[derive(Default)]
struct TextMemo {
    /// Key ([`memo`]) → the check it was last used in and the result. (FxHash: the keys
    /// are whole row texts, which SipHash made the memo's main cost.)
    entries: FxMap<Vec<u8>, (u64, Box<dyn Any + Send>)>,
    /// The check running (counts up).
    check: u64,
    fresh: usize,
    kept: usize,
}

thread_local! {
    /// The memo of the [`DriftCache`] check running on this thread, if any.
    static ACTIVE: RefCell<Option<TextMemo>> = const { RefCell::new(None) };
}

/// A [`TextMemo`] lent to the thread for one check, and given back (with what the check
/// added, and without what no recent check used) when dropped, even on a panic.
struct Lent<'a> {
    home: &'a mut TextMemo,
}

impl<'a> Lent<'a> {
    fn new(home: &'a mut TextMemo) -> Lent<'a> {
        let mut memo = std::mem::take(home);
        memo.check += 1;
        (memo.fresh, memo.kept) = (0, 0);
        ACTIVE.with(|a| *a.borrow_mut() = Some(memo));
        Lent { home }
    }
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        if let Some(mut memo) = ACTIVE.with(|a| a.borrow_mut().take()) {
            let now = memo.check;
            memo.entries
                .retain(|_, (used, _)| *used + TEXT_CHECKS > now);
            *self.home = memo;
        }
    }
}

/// Whether a [`DriftCache`] check is running on this thread (so [`memo`] keeps results).
pub(crate) fn memo_active() -> bool {
    ACTIVE.with(|a| a.borrow().is_some())
}

/// `f()`, which must be a pure function of the texts `parts` (and of nothing else that can
/// change between checks: the lexicons are fixed), named by `what` (one name per function,
/// and so per result type). While a [`DriftCache`] check runs on this thread the result is
/// kept by `what` and `parts` and given again; otherwise `f` just runs.
pub(crate) fn memo<T: Clone + Send + 'static>(
    what: &'static str,
    parts: &[&str],
    f: impl FnOnce() -> T,
) -> T {
    if !memo_active() {
        return f();
    }
    // Each part with its length before it: no two lists of parts give the same key.
    let mut key = Vec::with_capacity(what.len() + parts.iter().map(|p| p.len() + 8).sum::<usize>());
    key.extend_from_slice(what.as_bytes());
    for p in parts {
        key.extend_from_slice(&(p.len() as u64).to_le_bytes());
        key.extend_from_slice(p.as_bytes());
    }
    let kept = ACTIVE.with(|a| {
        let mut a = a.borrow_mut();
        let memo = a.as_mut()?;
        let now = memo.check;
        let (used, value) = memo.entries.get_mut(&key)?;
        let value = value.downcast_ref::<T>()?.clone();
        *used = now;
        memo.kept += 1;
        Some(value)
    });
    if let Some(v) = kept {
        return v;
    }
    // Computed with the memo released: `f` may use it too.
    let v = f();
    ACTIVE.with(|a| {
        if let Some(memo) = a.borrow_mut().as_mut() {
            memo.fresh += 1;
            memo.entries.insert(
                key,
                (memo.check, Box::new(v.clone()) as Box<dyn Any + Send>),
            );
        }
    });
    v
}

/// The in-row support check's memo: each row's [`Analysed`] by its text, and which words of
/// a row another row supports, by the two rows' analyses and the learnt pairs.
#[derive(Default)]
pub(super) struct SupportMemo {
    /// Row (Chinese, English) → its analysis and a serial number that names it (never
    /// reused, so a support result keyed by serial numbers cannot outlive its rows).
    rows: FxMap<(String, String), (u64, Arc<Analysed>)>,
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
        let live: HashSet<u64> = ids.iter().copied().collect();
        let alive = |k: &(u64, u64)| live.contains(&k.0) && live.contains(&k.1);
        self.en_ok.retain(|k, _| alive(k));
        self.zh_caps.retain(|k, _| alive(k));
        match &self.learnt {
            Some(old) if old == learnt => {}
            Some(old) => {
                // Only the results that read a changed pair go (see the module comment).
                let changed = old.changed(learnt);
                let by_id: HashMap<u64, &Analysed> =
                    self.rows.values().map(|(id, a)| (*id, &**a)).collect();
                let en_reads = |i: &u64| by_id.get(i).is_none_or(|a| changed.en_read_by(a));
                let zh_reads = |i: &u64| by_id.get(i).is_none_or(|a| changed.zh_read_by(a));
                self.en_ok.retain(|(_, i), _| !en_reads(i));
                self.zh_caps.retain(|(_, i), _| !zh_reads(i));
                self.learnt = Some(learnt.clone());
            }
            None => {
                self.en_ok.clear();
                self.zh_caps.clear();
                self.learnt = Some(learnt.clone());
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::support::Learnt;

    /// A made-up name, 瓦尔登 for "Walden", in three rows: the document teaches the pair.
    const NAMED: [(&str, &str); 6] = [
        ("瓦尔登走进了房间。", "Walden walked into the room."),
        (
            "他看了看窗外的雨。",
            "He looked at the rain outside the window.",
        ),
        ("瓦尔登坐了下来。", "Walden sat down."),
        ("桌上有一封信。", "There was a letter on the table."),
        ("瓦尔登打开了信。", "Walden opened the letter."),
        ("信是他母亲写的。", "The letter was from his mother."),
    ];

    /// The support results the memo gives after the learnt pairs changed (a correction
    /// takes the name out of one row, so the pair is no longer learnt; an undo puts it
    /// back) are the ones computed afresh, for every row and neighbour, the unchanged rows
    /// that read the pair included.
    #[test]
    fn support_kept_across_a_change_of_learnt_pairs_is_computed_support() {
        let mut corrected = NAMED;
        corrected[4] = ("他打开了信。", "He opened the letter.");
        let (named, corrected) = (Corpus::from_pairs(NAMED), Corpus::from_pairs(corrected));
        let learnt = |c: &Corpus| Learnt::from_doc(&Doc::new(c));
        assert!(
            learnt(&named) != learnt(&corrected),
            "the correction changes the learnt pairs"
        );
        // Row 0 is the same in both: its support of "Walden" is the pair's.
        let fresh = |c: &Corpus| {
            let doc = Doc::new(c);
            let a = Analysed::of(&doc, 0);
            a.evidence.en_ok(&a.words, &learnt(c))
        };
        assert_ne!(
            fresh(&named),
            fresh(&corrected),
            "row 0's support reads the learnt pair"
        );
        let mut memo = SupportMemo::default();
        for (step, corpus) in [&named, &corrected, &named, &corrected]
            .into_iter()
            .enumerate()
        {
            let doc = Doc::new(corpus);
            let learnt = learnt(corpus);
            let rows = memo.rows(&doc, &learnt);
            for i in 0..rows.len() {
                for n in i.saturating_sub(1)..=(i + 1).min(rows.len() - 1) {
                    assert_eq!(
                        memo.en_ok(&rows, n, i, &learnt),
                        rows[n].evidence.en_ok(&rows[i].words, &learnt),
                        "step {step}: row {n} supporting row {i}'s English"
                    );
                    assert_eq!(
                        memo.zh_caps(&rows, n, i, &learnt),
                        rows[n].evidence.zh_caps(&rows[i].words, &learnt),
                        "step {step}: row {n}'s English for row {i}'s Chinese"
                    );
                }
            }
            if step > 0 {
                assert_eq!(memo.kept, NAMED.len() - 1, "step {step}: one row changed");
            }
        }
    }
}
