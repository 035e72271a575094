//! Term glossaries: the CSV file translators keep ([`file`], documented in
//! `docs/glossary-format.md`), matching that understands Chinese ([`matcher`]), checks of a
//! corpus against it ([`check()`]), structural lint ([`lint()`]), mining new terms from aligned
//! beads ([`suggest()`]) and the exchange formats of translation tools ([`tbx`], [`tbx3`],
//! [`omegat`], [`csv_exchange`]).
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use bitext::glossary::Glossary;
//! let glossary = Glossary::load("glossary/ai.csv".as_ref())?;
//! let corpus = bitext::corpus::tsv::read("out/kevin-scott/corpus.tsv".as_ref())?;
//! for finding in bitext::glossary::check(&corpus, &glossary) {
//!     println!("row {}: {}", finding.row, finding.message);
//! }
//! # Ok(()) }
//! ```

pub mod check;
pub mod csv_exchange;
pub mod entry;
pub mod file;
pub mod lint;
pub mod matcher;
pub mod omegat;
pub mod suggest;
pub mod tbx;
pub mod tbx3;

pub use check::{check, highlights, Finding, FindingKind};
pub use entry::{Entry, Kind, Status};
pub use lint::lint;
pub use suggest::{suggest, SuggestOptions, Suggestion};

use std::path::{Path, PathBuf};

/// Why a glossary (or an exchange file) could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum GlossaryError {
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),
    #[error("{path}:{line}: {message}")]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
}

/// What kind of problem `lint` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemKind {
    /// The file cannot be read as a glossary: header, ragged row, bad cell value.
    Structure,
    /// Two rows for the same English term (or an English form listed by two entries).
    Duplicate,
    /// Contradictions: the same English with different Chinese; a form both accepted and
    /// forbidden; `latin` with no Latin letters.
    Conflict,
    /// An entry whose Chinese is empty.
    EmptyChinese,
    /// One entry's form sits inside another's on one side but not on the other, so the
    /// longest match hides the shorter entry where the other side still expects it.
    Overlap,
    /// Rows not in sorted order (any `add`, `rm` or `fmt` rewrites the file sorted).
    Order,
}

impl ProblemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Structure => "structure",
            ProblemKind::Duplicate => "duplicate",
            ProblemKind::Conflict => "conflict",
            ProblemKind::EmptyChinese => "empty-chinese",
            ProblemKind::Overlap => "overlap",
            ProblemKind::Order => "order",
        }
    }
}

/// A problem in a glossary file, at a line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub kind: ProblemKind,
    pub message: String,
}

impl Problem {
    pub fn structure(line: usize, message: String) -> Problem {
        Problem {
            line,
            kind: ProblemKind::Structure,
            message,
        }
    }
}

/// A glossary: its entries (one concept each) plus what a rewrite must keep (column
/// order, unknown columns, comment lines).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    /// The 1-based line each entry was read from (0 for entries added since).
    lines: Vec<usize>,
    /// Header columns as read (lower case), unknown ones included.
    columns: Vec<String>,
    /// Comment lines before the header.
    preamble: Vec<String>,
    /// Comment lines after the last row.
    trailer: Vec<String>,
}

impl Glossary {
    /// Builds a glossary from entries (for imports and tests).
    pub fn from_entries(entries: Vec<Entry>) -> Glossary {
        Glossary {
            lines: vec![0; entries.len()],
            entries,
            ..Glossary::default()
        }
    }

    /// Reads a glossary file; the first structural problem is an error naming file and line.
    pub fn load(path: &Path) -> Result<Glossary, GlossaryError> {
        let text = crate::text::files::read_text(path)?;
        Glossary::parse(&text, path)
    }

    /// Parses glossary text; `path` is used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Glossary, GlossaryError> {
        let (glossary, problems) = file::parse(text);
        match problems.into_iter().next() {
            Some(p) => Err(GlossaryError::Line {
                path: path.to_path_buf(),
                line: p.line,
                message: p.message,
            }),
            None => Ok(glossary),
        }
    }

    /// Writes the glossary to `path` atomically, rows sorted (see [`file::to_string`]).
    pub fn save(&self, path: &Path) -> Result<(), GlossaryError> {
        crate::text::files::write_atomic(path, self.to_csv().as_bytes())?;
        Ok(())
    }

    /// The file text, rows sorted, unknown columns and comments kept.
    pub fn to_csv(&self) -> String {
        file::to_string(self)
    }

    /// The header columns a rewrite uses: the file's, or the standard ones for a new file.
    pub fn columns(&self) -> Vec<String> {
        if self.columns.is_empty() {
            file::COLUMNS.iter().map(|c| c.to_string()).collect()
        } else {
            self.columns.clone()
        }
    }

    /// The line entry `i` was read from, when it came from a file.
    pub fn line_of(&self, i: usize) -> Option<usize> {
        self.lines.get(i).copied().filter(|&l| l > 0)
    }

    /// Adds an entry (written in sorted position on save).
    pub fn push(&mut self, entry: Entry) {
        self.entries.push(entry);
        self.lines.push(0);
    }

    /// Removes and returns the entries whose English term is `en` (ignoring case).
    pub fn remove(&mut self, en: &str) -> Vec<Entry> {
        let mut removed = Vec::new();
        let mut i = 0;
        while i < self.entries.len() {
            if self.entries[i].en.eq_ignore_ascii_case(en.trim()) {
                removed.push(self.entries.remove(i));
                self.lines.remove(i);
            } else {
                i += 1;
            }
        }
        removed
    }

    /// The index of the entry whose English term is `en` (ignoring case).
    pub fn find(&self, en: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.en.eq_ignore_ascii_case(en.trim()))
    }

    /// Approved (English, Chinese) pairs for the aligner to anchor on: every English form of
    /// an approved entry with every accepted Chinese form, preferred forms first.
    pub fn anchors(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for entry in self.entries.iter().filter(|e| e.status == Status::Approved) {
            for en in entry.en_forms() {
                for zh in entry.zh_forms() {
                    let pair = (en.to_string(), zh.to_string());
                    if !out.contains(&pair) {
                        out.push(pair);
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_error_names_file_and_line() {
        let err = Glossary::parse("en,zh,status\na,b,\nc,d,sure\n", Path::new("g.csv"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("g.csv:3: column `status`"), "{err}");
    }

    #[test]
    fn anchors_are_approved_forms_only() {
        let mut a = Entry::new("Satya Nadella", "萨提亚·纳德拉");
        a.en_alt = vec!["Satya".into()];
        let mut b = Entry::new("agent", "智能体");
        b.status = Status::Proposed;
        let g = Glossary::from_entries(vec![a, b]);
        assert_eq!(
            g.anchors(),
            vec![
                ("Satya Nadella".to_string(), "萨提亚·纳德拉".to_string()),
                ("Satya".to_string(), "萨提亚·纳德拉".to_string())
            ]
        );
    }

    #[test]
    fn remove_and_push_keep_lines_in_step() {
        let mut g = Glossary::parse("en,zh\nb,乙\na,甲\n", Path::new("g.csv")).unwrap();
        assert_eq!(g.line_of(1), Some(3));
        g.remove("B");
        assert_eq!(g.line_of(0), Some(3));
        g.push(Entry::new("c", "丙"));
        assert_eq!(g.line_of(1), None);
        assert_eq!(g.to_csv(), "en,zh\na,甲\nc,丙\n");
    }
}
