//! One corpus open for review: its inputs, confirmed links, alignment, rows and findings,
//! with every [`Action`] saved at once to the corpus folder's files (links.tsv, zh.txt,
//! drift-ignore, the glossary), undo and redo, and conflict detection against edits made on
//! disk meanwhile.

use super::{Action, Applied, ReviewError};
use serde::Serialize;
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
    revision: u64,
}

impl Workspace {
    /// Opens the corpus folder `corpus_dir` (holding a `bitext.toml`), with views going to
    /// `out_root/NAME/`. Hand edits of `out_root/NAME/corpus.tsv` are taken as `run` takes them.
    pub fn open(corpus_dir: &Path, out_root: &Path) -> Result<Workspace, ReviewError> {
        let manifest = crate::source::manifest::Manifest::load(corpus_dir)
            .map_err(crate::pipeline::PipelineError::from)?;
        Ok(Workspace {
            name: manifest.name,
            corpus_dir: corpus_dir.to_path_buf(),
            out_root: out_root.to_path_buf(),
            revision: 0,
        })
    }

    /// The corpus's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Bumps on every applied change, undo, redo and reload.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The corpus rows, in order.
    pub fn rows(&self) -> Vec<ReviewRow> {
        Vec::new()
    }

    /// Drift and glossary findings, each with its row.
    pub fn findings(&self) -> Vec<ReviewFinding> {
        Vec::new()
    }

    /// (confirmed rows, rows).
    pub fn progress(&self) -> (usize, usize) {
        (0, 0)
    }

    /// Applies an action and saves it; nothing is written when it fails.
    pub fn apply(&mut self, action: Action) -> Result<Applied, ReviewError> {
        Err(ReviewError::BadAction(format!(
            "{action:?}: not yet implemented"
        )))
    }

    /// Undoes the last change.
    pub fn undo(&mut self) -> Result<Applied, ReviewError> {
        Err(ReviewError::NoHistory("nothing to undo".into()))
    }

    /// Redoes the last undone change.
    pub fn redo(&mut self) -> Result<Applied, ReviewError> {
        Err(ReviewError::NoHistory("nothing to redo".into()))
    }

    /// Re-reads everything from disk.
    pub fn reload(&mut self) -> Result<(), ReviewError> {
        self.revision += 1;
        Ok(())
    }

    /// Writes the pipeline's views into `out/NAME/` and a TMX of the confirmed rows only
    /// (`corpus.confirmed.tmx`); returns the paths written.
    pub fn export(&self) -> Result<Vec<PathBuf>, ReviewError> {
        let _ = (&self.corpus_dir, &self.out_root);
        Ok(Vec::new())
    }
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
