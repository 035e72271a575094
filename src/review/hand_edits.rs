//! Hand edits of `out/NAME/corpus.tsv`: `run` keeps a copy of what it last wrote there
//! (`out/NAME/.bitext/written.tsv`); rows of corpus.tsv whose Chinese and English differ from
//! every row of that copy were edited by hand, and become confirmed links.

use crate::align::Bead;
use crate::corpus::tsv;
use crate::pipeline::PipelineError;
use crate::review::links::{find_from, Link};
use crate::segment::Segment;
use std::collections::HashMap;
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
    let path = out_dir.join("corpus.tsv");
    let copy = written_path(out_dir);
    if !path.is_file() || !copy.is_file() {
        return Ok(HandEdits::default());
    }
    let text = crate::text::files::read_text(&path)?;
    let written_text = crate::text::files::read_text(&copy)?;
    if text == written_text {
        return Ok(HandEdits::default());
    }
    let edited = tsv::parse(&text, &path)?;
    let written = tsv::parse(&written_text, &copy)?;
    let lines = row_lines(&text);
    // What bitext wrote, as (zh, en) pairs and as whole lines, each with its count.
    let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
    let mut whole: HashMap<String, usize> = HashMap::new();
    for row in &written.rows {
        *pairs.entry((row.zh.as_str(), row.en.as_str())).or_default() += 1;
        *whole.entry(tsv::row_line(row)).or_default() += 1;
    }
    let mut out = HandEdits::default();
    let mut other_cells = Vec::new();
    let mut cursor = (0, 0);
    for (r, row) in edited.rows.iter().enumerate() {
        let line = lines.get(r).copied().unwrap_or(0);
        let is_edit = match pairs.get_mut(&(row.zh.as_str(), row.en.as_str())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        };
        if !is_edit {
            match whole.get_mut(&tsv::row_line(row)) {
                Some(n) if *n > 0 => *n -= 1,
                _ => other_cells.push(line.to_string()),
            }
        }
        let z = find_from(&row.zh, zh, false, cursor.0);
        let e = find_from(&row.en, en, true, cursor.1);
        match (z, e) {
            (Some(z), Some(e)) => {
                cursor = (z.end, e.end);
                if is_edit {
                    let bead = Bead {
                        zh: z.clone(),
                        en: e.clone(),
                        score: 0.0,
                    };
                    out.taken.push(HandEdit {
                        line,
                        link: Link::from_bead(zh, en, &bead),
                        zh: z,
                        en: e,
                    });
                }
            }
            // An unedited row the inputs no longer hold: the inputs changed since; skip it.
            _ if !is_edit => {}
            (None, _) => {
                return Err(cannot_take(
                    &path,
                    line,
                    format!(
                        "this hand-edited row's Chinese «{}» is not the article's text (whole \
                         sentences, in order, after the rows above it); to correct the Chinese, \
                         edit zh.txt or use `bitext serve`; to move sentences between rows, move \
                         whole sentences",
                        row.zh
                    ),
                ))
            }
            (_, None) => {
                return Err(cannot_take(
                    &path,
                    line,
                    format!(
                        "this hand-edited row's English «{}» is not the transcript's text (whole \
                         units, in order, after the rows above it); move whole units between rows, \
                         or use `bitext serve`",
                        row.en
                    ),
                ))
            }
        }
    }
    if !other_cells.is_empty() {
        out.notices.push(format!(
            "{}: line(s) {}: hand edits of cells other than zh and en are not kept (times, \
             speakers, sections, flags and scores come from the inputs)",
            path.display(),
            other_cells.join(", ")
        ));
    }
    Ok(out)
}

fn cannot_take(path: &Path, line: usize, message: String) -> PipelineError {
    PipelineError::HandEdit {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// The 1-based line of each row of corpus text (non-empty lines after the header).
fn row_lines(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        if !header_seen {
            header_seen = !line.starts_with('#') && !line.trim().is_empty();
            continue;
        }
        if !line.is_empty() {
            out.push(i + 1);
        }
    }
    out
}
