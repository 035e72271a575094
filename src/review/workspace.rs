//! One corpus open for review: its inputs, confirmed links, alignment, rows and findings,
//! with every [`Action`] saved at once to the corpus folder's files (links.tsv, zh.txt,
//! drift-ignore, the glossary), undo and redo, and conflict detection against edits made on
//! disk meanwhile.

use super::article_edit;
use super::history::{self, Change, FileChange, History};
use super::links::{Link, Links, Placed, Resolved};
use super::{Action, Applied, Direction, ReviewError, Side, StretchCache};
use crate::align::Bead;
use crate::corpus::Corpus;
use crate::drift::ignore::Ignore;
use crate::drift::Report;
use crate::glossary::{Entry, Glossary, Status};
use crate::pipeline::{self, inputs::Inputs, PipelineError};
use crate::segment::Segment;
use crate::source::manifest::Manifest;
use crate::text::files::write_atomic;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One corpus row as the review page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewRow {
    /// The row's index in [`Workspace::rows`].
    pub index: usize,
    /// The corpus row (times, speaker, section, flags, score, zh, en).
    #[serde(serialize_with = "serialize_row")]
    pub row: crate::corpus::Row,
    /// The row's Chinese sentences, one by one.
    pub zh_sentences: Vec<String>,
    /// The row's English units, one by one.
    pub en_units: Vec<String>,
    /// The sentences' and units' indices in the whole documents.
    pub zh_range: Range<usize>,
    pub en_range: Range<usize>,
    /// A confirmed link holds the row as it is.
    pub confirmed: bool,
    /// The score marks the row as doubtful ([`crate::corpus::DOUBTFUL_BELOW`]).
    pub doubtful: bool,
    /// Ids of the drift findings on this row.
    pub findings: Vec<String>,
}

/// One drift or glossary finding, with the row it is on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewFinding {
    pub id: String,
    pub kind: String,
    pub severity: String,
    pub message: String,
    pub row: Option<usize>,
    /// The reason it was accepted, when the suppression file accepts it.
    pub accepted: Option<String>,
}

/// One corpus open for review. Every mutation saves at once.
#[derive(Debug)]
pub struct Workspace {
    name: String,
    corpus_dir: PathBuf,
    out_root: PathBuf,
    inputs: Inputs,
    /// The English units (empty without a transcript).
    en: Vec<Segment>,
    resolved: Resolved,
    beads: Vec<Bead>,
    corpus: Corpus,
    /// The drift report without the suppression file (accepted findings are marked from it).
    report: Report,
    ignore: Ignore,
    /// Per row: the index of the link that confirms it.
    confirmed: Vec<Option<usize>>,
    /// The files the workspace read or wrote, with their bytes then (`None`: no file).
    loaded: Vec<(PathBuf, Option<Vec<u8>>)>,
    history: History,
    revision: u64,
    cache: StretchCache,
    /// What opening the workspace did with hand edits of out/NAME/corpus.tsv.
    pub opening_notices: Vec<String>,
}

/// What an action writes.
struct Plan {
    writes: Vec<(PathBuf, Vec<u8>)>,
    message: String,
    /// The action changes the inputs (zh.txt, the glossary): read them again.
    reread: bool,
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
            loaded: Vec::new(),
            history: History::default(),
            revision: 0,
            cache: StretchCache::new(),
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

    /// Bumps on every applied change, undo, redo and reload.
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

    /// The corpus rows, in order.
    pub fn rows(&self) -> Vec<ReviewRow> {
        let mut findings: Vec<Vec<String>> = vec![Vec::new(); self.corpus.rows.len()];
        for f in &self.report.findings {
            for ids in findings
                .iter_mut()
                .take(f.last_row.max(f.row) + 1)
                .skip(f.row)
            {
                ids.push(f.id.clone());
            }
        }
        self.corpus
            .rows
            .iter()
            .zip(&self.beads)
            .zip(findings)
            .enumerate()
            .map(|(index, ((row, bead), findings))| ReviewRow {
                index,
                row: row.clone(),
                zh_sentences: self.inputs.zh[bead.zh.clone()]
                    .iter()
                    .map(|s| s.text.clone())
                    .collect(),
                en_units: self.en[bead.en.clone()]
                    .iter()
                    .map(|s| s.text.clone())
                    .collect(),
                zh_range: bead.zh.clone(),
                en_range: bead.en.clone(),
                confirmed: self.confirmed[index].is_some(),
                doubtful: row.is_doubtful(),
                findings,
            })
            .collect()
    }

    /// Drift and glossary findings, each with its row.
    pub fn findings(&self) -> Vec<ReviewFinding> {
        self.report
            .findings
            .iter()
            .map(|f| ReviewFinding {
                id: f.id.clone(),
                kind: f.kind.as_str().to_string(),
                severity: f.severity.as_str().to_string(),
                message: f.message.clone(),
                row: (f.row < self.corpus.rows.len()).then_some(f.row),
                accepted: self.ignore.reasons.get(&f.id).cloned(),
            })
            .collect()
    }

    /// (confirmed rows, rows).
    pub fn progress(&self) -> (usize, usize) {
        (
            self.confirmed.iter().filter(|c| c.is_some()).count(),
            self.corpus.rows.len(),
        )
    }

    /// Applies an action and saves it; nothing is written when it fails (a file changed on
    /// disk since it was loaded is a [`ReviewError::Conflict`]).
    pub fn apply(&mut self, action: Action) -> Result<Applied, ReviewError> {
        self.check_disk()?;
        let plan = self.plan(action)?;
        let mut change = Change {
            message: plan.message.clone(),
            files: Vec::new(),
        };
        for (path, after) in plan.writes {
            let before = self.loaded_bytes(&path);
            if before.as_ref() == Some(&after) {
                continue;
            }
            history::replace(&path, before.as_deref(), Some(&after))?;
            self.set_loaded(&path, Some(after.clone()));
            change.files.push(FileChange {
                path,
                before,
                after,
            });
        }
        let changed_files = change.files.iter().map(|f| f.path.clone()).collect();
        self.history.record(change);
        if plan.reread {
            self.reread()?;
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

    /// Writes the pipeline's views into `out/NAME/` and a TMX of the confirmed rows only
    /// (`corpus.confirmed.tmx`); returns the paths written.
    pub fn export(&self) -> Result<Vec<PathBuf>, ReviewError> {
        let dir = self.out_root.join(&self.name);
        let mut report = self.report.clone();
        report.apply_ignore(&self.ignore);
        let how_to_add = self
            .inputs
            .en
            .is_none()
            .then(|| pipeline::how_to_add(&self.inputs.manifest));
        let written = pipeline::views::write_views(
            &self.corpus,
            &report,
            self.inputs.glossary.as_ref(),
            how_to_add.as_deref(),
            &dir,
        )?;
        let mut paths: Vec<PathBuf> = written.files.iter().map(|n| dir.join(n)).collect();
        let confirmed = Corpus {
            meta: self.corpus.meta.clone(),
            rows: self
                .corpus
                .rows
                .iter()
                .zip(&self.confirmed)
                .filter(|(_, c)| c.is_some())
                .map(|(r, _)| r.clone())
                .collect(),
        };
        let tmx = dir.join(CONFIRMED_TMX);
        write_atomic(
            &tmx,
            crate::render::tmx::render(&confirmed, false).as_bytes(),
        )?;
        paths.push(tmx);
        Ok(paths)
    }

    fn after_history(&mut self, change: Change, verb: &str) -> Result<Applied, ReviewError> {
        for f in &change.files {
            self.set_loaded(&f.path, history::current(&f.path));
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

    /// Reads the inputs again (the files may have changed).
    fn reread(&mut self) -> Result<(), ReviewError> {
        let manifest = Manifest::load(&self.corpus_dir).map_err(PipelineError::from)?;
        self.inputs = Inputs::load(manifest, &mut |_| {})?;
        self.en = self.inputs.en.clone().unwrap_or_default();
        self.snapshot();
        Ok(())
    }

    /// The files a workspace depends on or writes.
    fn tracked(&self) -> Vec<PathBuf> {
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

    fn ignore_path(&self) -> PathBuf {
        self.inputs
            .manifest
            .dir
            .join(crate::drift::ignore::FILE_NAME)
    }

    /// Records the tracked files' bytes as loaded.
    fn snapshot(&mut self) {
        self.loaded = self
            .tracked()
            .into_iter()
            .map(|p| {
                let bytes = history::current(&p);
                (p, bytes)
            })
            .collect();
    }

    fn loaded_bytes(&self, path: &Path) -> Option<Vec<u8>> {
        self.loaded
            .iter()
            .find(|(p, _)| p == path)
            .and_then(|(_, b)| b.clone())
    }

    fn set_loaded(&mut self, path: &Path, bytes: Option<Vec<u8>>) {
        match self.loaded.iter_mut().find(|(p, _)| p == path) {
            Some(slot) => slot.1 = bytes,
            None => self.loaded.push((path.to_path_buf(), bytes)),
        }
    }

    /// A conflict when any tracked file differs from what was loaded.
    fn check_disk(&self) -> Result<(), ReviewError> {
        for (path, bytes) in &self.loaded {
            history::expect(path, bytes.as_ref())?;
        }
        Ok(())
    }

    /// Aligns, builds the corpus and checks it, from the inputs as they stand.
    fn recompute(&mut self) -> Result<(), ReviewError> {
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
        self.report =
            pipeline::check::drift_report(&aligned.corpus, self.inputs.glossary_path(), None)?;
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

    fn bead(&self, row: usize) -> Result<&Bead, ReviewError> {
        self.beads.get(row).ok_or_else(|| {
            ReviewError::BadAction(format!(
                "row {row} does not exist (the corpus has {} rows); reload",
                self.beads.len()
            ))
        })
    }

    /// What `action` writes.
    fn plan(&self, action: Action) -> Result<Plan, ReviewError> {
        let bad = |m: String| Err(ReviewError::BadAction(m));
        match action {
            Action::Confirm { row } => {
                let b = self.bead(row)?.clone();
                if self.confirmed[row].is_some() {
                    return bad(format!("row {row} is confirmed already"));
                }
                self.relink(&[], vec![b], format!("confirmed row {row}"))
            }
            Action::Unconfirm { row } => {
                self.bead(row)?;
                let Some(link) = self.confirmed[row] else {
                    return bad(format!("row {row} is not confirmed"));
                };
                self.relink(&[link], Vec::new(), format!("unconfirmed row {row}"))
            }
            Action::Merge { row } => {
                let a = self.bead(row)?.clone();
                let Some(b) = self.beads.get(row + 1) else {
                    return bad(format!(
                        "row {row} is the last row: nothing to merge it with"
                    ));
                };
                let merged = bead(a.zh.start..b.zh.end, a.en.start..b.en.end);
                let old = self.links_of(&[row, row + 1]);
                self.relink(
                    &old,
                    vec![merged],
                    format!("merged rows {row} and {}", row + 1),
                )
            }
            Action::Split { row, zh_at, en_at } => {
                let b = self.bead(row)?.clone();
                if zh_at > b.zh.len() || en_at > b.en.len() {
                    return bad(format!(
                        "row {row} has {} sentence(s) and {} unit(s): cannot split after {zh_at} and {en_at}",
                        b.zh.len(),
                        b.en.len()
                    ));
                }
                let first = bead(
                    b.zh.start..b.zh.start + zh_at,
                    b.en.start..b.en.start + en_at,
                );
                let second = bead(first.zh.end..b.zh.end, first.en.end..b.en.end);
                if is_empty(&first) || is_empty(&second) {
                    return bad(format!("splitting row {row} there leaves an empty row"));
                }
                let old = self.links_of(&[row]);
                self.relink(&old, vec![first, second], format!("split row {row}"))
            }
            Action::MoveZh { row, to } => self.plan_move(row, to, Side::Zh),
            Action::MoveEn { row, to } => self.plan_move(row, to, Side::En),
            Action::Unalign { row, side } => {
                let b = self.bead(row)?.clone();
                if b.zh.is_empty() || b.en.is_empty() {
                    return bad(format!("row {row} is one-sided already"));
                }
                let zh_only = |at: usize| bead(b.zh.clone(), at..at);
                let en_only = |at: usize| bead(at..at, b.en.clone());
                let parts = match side {
                    Side::Zh => vec![zh_only(b.en.start), en_only(b.zh.end)],
                    Side::En => vec![en_only(b.zh.start), zh_only(b.en.end)],
                };
                let old = self.links_of(&[row]);
                self.relink(&old, parts, format!("unaligned row {row}"))
            }
            Action::EditZh {
                row,
                sentence,
                text,
            } => self.plan_edit_zh(row, sentence, &text),
            Action::AcceptFinding { id, reason } => self.plan_accept(&id, &reason),
            Action::AddTerm { zh, en, note } => self.plan_term(&zh, &en, note),
        }
    }

    /// The links confirming any of `rows`.
    fn links_of(&self, rows: &[usize]) -> Vec<usize> {
        rows.iter()
            .filter_map(|&r| self.confirmed.get(r).copied().flatten())
            .collect()
    }

    /// Writes links.tsv without the links `remove` and with a confirmed link for each bead of `new`.
    fn relink(
        &self,
        remove: &[usize],
        new: Vec<Bead>,
        message: String,
    ) -> Result<Plan, ReviewError> {
        let placed = new
            .into_iter()
            .map(|b| Placed {
                link: Link::from_bead(&self.inputs.zh, &self.en, &b),
                zh: b.zh,
                en: b.en,
            })
            .collect();
        let (links, _) = self
            .inputs
            .links
            .with_changes(&self.resolved, remove, placed);
        Ok(Plan {
            writes: vec![(self.inputs.links_path.clone(), links.to_text().into_bytes())],
            message,
            reread: false,
        })
    }

    fn plan_move(&self, row: usize, to: Direction, side: Side) -> Result<Plan, ReviewError> {
        let b = self.bead(row)?.clone();
        let (other_row, word) = match to {
            Direction::Prev if row > 0 => (row - 1, "previous"),
            Direction::Next if row + 1 < self.beads.len() => (row + 1, "next"),
            _ => {
                return Err(ReviewError::BadAction(format!(
                    "row {row} has no {} row",
                    if to == Direction::Prev {
                        "previous"
                    } else {
                        "next"
                    }
                )))
            }
        };
        let o = self.beads[other_row].clone();
        let range = |x: &Bead| {
            if side == Side::Zh {
                x.zh.clone()
            } else {
                x.en.clone()
            }
        };
        if range(&b).is_empty() {
            return Err(ReviewError::BadAction(format!(
                "row {row} has no {} to move",
                if side == Side::Zh {
                    "Chinese"
                } else {
                    "English"
                }
            )));
        }
        let (mut b2, mut o2) = (b.clone(), o.clone());
        {
            let (rb, ro) = match side {
                Side::Zh => (&mut b2.zh, &mut o2.zh),
                Side::En => (&mut b2.en, &mut o2.en),
            };
            match to {
                Direction::Prev => {
                    rb.start += 1;
                    ro.end += 1;
                }
                Direction::Next => {
                    rb.end -= 1;
                    ro.start -= 1;
                }
            }
        }
        let mut parts = if to == Direction::Prev {
            vec![o2, b2]
        } else {
            vec![b2, o2]
        };
        parts.retain(|p| !is_empty(p));
        let old = self.links_of(&[row, other_row]);
        let what = if side == Side::Zh {
            "sentence"
        } else {
            "English unit"
        };
        self.relink(
            &old,
            parts,
            format!("moved a {what} of row {row} to the {word} row"),
        )
    }

    fn plan_edit_zh(&self, row: usize, sentence: usize, text: &str) -> Result<Plan, ReviewError> {
        let b = self.bead(row)?.clone();
        if sentence >= b.zh.len() {
            return Err(ReviewError::BadAction(format!(
                "row {row} has {} Chinese sentence(s): no sentence {sentence}",
                b.zh.len()
            )));
        }
        let index = b.zh.start + sentence;
        let seg = &self.inputs.zh[index];
        let text = text.trim();
        if text == seg.text {
            return Err(ReviewError::BadAction("the text is unchanged".into()));
        }
        let path = self.inputs.manifest.zh.clone();
        let article = &self.inputs.article;
        let at = article
            .get(seg.range.clone())
            .and_then(|slice| slice.find(seg.text.as_str()))
            .map(|o| seg.range.start + o)
            .ok_or_else(|| ReviewError::Article {
                path: path.clone(),
                message: format!(
                    "the sentence «{}» cannot be found in the file; reload",
                    seg.text
                ),
            })?;
        let raw = self.loaded_bytes(&path).unwrap_or_default();
        let bytes = article_edit::replace(&raw, &path, at..at + seg.text.len(), &seg.text, text)?;
        let mut writes = vec![(path, bytes)];
        // Links that hold the sentence, or name it as their context, follow the edit.
        let mut links = self.inputs.links.clone();
        let mut changed = false;
        for f in &self.resolved.fixed {
            let link = &mut links.links[f.link];
            if f.zh.contains(&index) {
                link.zh = self.inputs.zh[f.zh.clone()]
                    .iter()
                    .enumerate()
                    .map(|(k, s)| {
                        if f.zh.start + k == index {
                            text
                        } else {
                            s.text.as_str()
                        }
                    })
                    .collect();
                changed = true;
            }
            if f.zh.start == index + 1 && link.zh_before == seg.text {
                link.zh_before = text.to_string();
                changed = true;
            }
        }
        if changed {
            writes.push((self.inputs.links_path.clone(), links.to_text().into_bytes()));
        }
        Ok(Plan {
            writes,
            message: format!("corrected «{}» to «{text}»", seg.text),
            reread: true,
        })
    }

    fn plan_accept(&self, id: &str, reason: &str) -> Result<Plan, ReviewError> {
        let reason = reason.trim();
        if !self.report.findings.iter().any(|f| f.id == id) {
            return Err(ReviewError::BadAction(format!("no finding {id:?}; reload")));
        }
        if reason.is_empty() || reason.contains(['\n', '\r']) {
            return Err(ReviewError::BadAction(
                "give the reason for accepting the finding, on one line".into(),
            ));
        }
        if self.ignore.contains(id) {
            return Err(ReviewError::BadAction(format!(
                "finding {id} is accepted already"
            )));
        }
        let path = self.ignore_path();
        let mut bytes = self.loaded_bytes(&path).unwrap_or_else(|| {
            b"# Accepted drift findings: the finding id, then why it is accepted.\n".to_vec()
        });
        if !bytes.is_empty() && !bytes.ends_with(b"\n") {
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(format!("{id}  {reason}\n").as_bytes());
        Ok(Plan {
            writes: vec![(path, bytes)],
            message: format!("accepted finding {id}: {reason}"),
            reread: false,
        })
    }

    fn plan_term(&self, zh: &str, en: &str, note: Option<String>) -> Result<Plan, ReviewError> {
        let Some(path) = self.inputs.manifest.glossary.clone() else {
            return Err(ReviewError::BadAction(format!(
                "{} names no glossary: add a line glossary = \"…\" to it first",
                self.inputs
                    .manifest
                    .dir
                    .join(crate::source::manifest::FILE_NAME)
                    .display()
            )));
        };
        let (zh, en) = (zh.trim(), en.trim());
        if zh.is_empty() || en.is_empty() {
            return Err(ReviewError::BadAction(
                "a term needs both its Chinese and its English".into(),
            ));
        }
        let mut glossary = match self.loaded_bytes(&path) {
            Some(bytes) => {
                let (text, _) = crate::text::files::decode(&bytes, &path)?;
                Glossary::parse(&text, &path)?
            }
            None => Glossary::default(),
        };
        if glossary.find(en).is_some() {
            return Err(ReviewError::BadAction(format!(
                "{}: “{en}” is already in the glossary",
                path.display()
            )));
        }
        let mut entry = Entry::new(en, zh);
        entry.status = Status::Proposed;
        entry.note = note.unwrap_or_default();
        glossary.push(entry);
        Ok(Plan {
            writes: vec![(path, glossary.to_csv().into_bytes())],
            message: format!("added the term {en} = {zh} (proposed)"),
            reread: true,
        })
    }
}

/// The file name of the confirmed-rows TMX in `out/NAME/`.
pub const CONFIRMED_TMX: &str = "corpus.confirmed.tmx";

fn bead(zh: Range<usize>, en: Range<usize>) -> Bead {
    Bead { zh, en, score: 0.0 }
}

fn is_empty(b: &Bead) -> bool {
    b.zh.is_empty() && b.en.is_empty()
}

/// A corpus row as JSON: its fields, with the flags by name.
fn serialize_row<S: serde::Serializer>(row: &crate::corpus::Row, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut st = s.serialize_struct("Row", 8)?;
    st.serialize_field("start_ms", &row.start_ms)?;
    st.serialize_field("end_ms", &row.end_ms)?;
    st.serialize_field("speaker", &row.speaker)?;
    st.serialize_field("section", &row.section)?;
    let flags: Vec<&str> = row.flags.iter().map(|f| f.as_str()).collect();
    st.serialize_field("flags", &flags)?;
    st.serialize_field("score", &row.score)?;
    st.serialize_field("zh", &row.zh)?;
    st.serialize_field("en", &row.en)?;
    st.end()
}
