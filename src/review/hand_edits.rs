//! Hand edits of `out/NAME/corpus.tsv`: `run` keeps a copy of what it last wrote there
//! (`out/NAME/.bitext/written.tsv`); rows of corpus.tsv whose Chinese and English differ from
//! every row of that copy were edited by hand, and become confirmed links.

use crate::pipeline::PipelineError;
use crate::review::links::Link;
use crate::segment::Segment;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Where the copy of the last written corpus lives, inside `out/NAME/`.
pub const WRITTEN: &str = ".bitext/written.tsv";

/// The copy of the last written corpus for the output folder `out_dir`.
pub fn written_path(out_dir: &Path) -> PathBuf {
    out_dir.join(WRITTEN)
}

/// A row edited by hand, found in the current sentences and units.
#[derive(Debug, Clone, PartialEq)]
pub struct HandEdit {
    /// The row's 1-based line in corpus.tsv.
    pub line: usize,
    pub link: Link,
    pub zh: Range<usize>,
    pub en: Range<usize>,
}

/// What the hand edits of one output folder come to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HandEdits {
    /// Edited rows, each to become a confirmed link, in document order.
    pub taken: Vec<HandEdit>,
    /// Edits that cannot be kept and do not stop the run (cells other than zh and en).
    pub notices: Vec<String>,
}

/// The hand edits of `out_dir/corpus.tsv` against the copy bitext last wrote, placed in the
/// Chinese sentences `zh` and English units `en`. No copy, or no corpus.tsv: no edits. A
/// row that cannot be taken (its Chinese is not a run of the article's sentences, its
/// English not a run of the transcript's units) is an error naming corpus.tsv and the line.
pub fn detect(out_dir: &Path, zh: &[Segment], en: &[Segment]) -> Result<HandEdits, PipelineError> {
    let _ = (out_dir, zh, en);
    Err(PipelineError::Folder {
        path: out_dir.to_path_buf(),
        message: "hand edits: not yet implemented".into(),
    })
}
