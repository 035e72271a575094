//! The suppression file (`drift-ignore`): accepted findings, one id per line with the reason
//! it was accepted. `#` starts a comment line; blank lines are skipped.
//!
//! ```text
//! # id                reason
//! 3f9a0c1d2e4b5a67    the speaker says "a dozen" loosely; 十来个 is fine
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The default file name, looked for beside the corpus.
pub const FILE_NAME: &str = "drift-ignore";

/// A suppression file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum IgnoreError {
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),
    #[error("{path}:{line}: {message}")]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// Accepted finding ids and why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ignore {
    pub reasons: BTreeMap<String, String>,
}

impl Ignore {
    /// Reads a suppression file.
    pub fn read(path: &Path) -> Result<Ignore, IgnoreError> {
        let text = crate::text::files::read_text(path)?;
        Ignore::parse(&text, path)
    }

    /// Parses suppression text; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Ignore, IgnoreError> {
        let mut reasons = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| IgnoreError::Line {
                path: path.to_path_buf(),
                line: n + 1,
                message,
            };
            let (id, reason) = line
                .split_once(char::is_whitespace)
                .map(|(a, b)| (a, b.trim()))
                .unwrap_or((line, ""));
            if id.len() != 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(err(format!("{id:?} is not a finding id (16 hex digits)")));
            }
            if reason.is_empty() {
                return Err(err(format!(
                    "no reason given for {id}: write why it is accepted after the id"
                )));
            }
            reasons.insert(id.to_ascii_lowercase(), reason.to_string());
        }
        Ok(Ignore { reasons })
    }

    pub fn contains(&self, id: &str) -> bool {
        self.reasons.contains_key(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ids_with_reasons() {
        let ig = Ignore::parse("# c\n\n0123456789abcdef  fine here\n", Path::new("d")).unwrap();
        assert!(ig.contains("0123456789abcdef"));
        assert_eq!(ig.reasons["0123456789abcdef"], "fine here");
    }

    #[test]
    fn a_missing_reason_or_bad_id_names_the_line() {
        let e = Ignore::parse("0123456789abcdef\n", Path::new("d"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("d:1:") && e.contains("reason"), "{e}");
        let e = Ignore::parse("# x\nxyz reason\n", Path::new("d"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("d:2:"), "{e}");
    }
}
