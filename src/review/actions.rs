//! What a reviewer can do to a corpus ([`Action`]) and what doing it changed ([`Applied`]):
//! serde types the review server passes through as JSON (`{"op": "merge", "row": 3}`).

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// One review action. Rows are indices into [`super::Workspace::rows`] at the revision the
/// action was made against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Action {
    /// Confirm the row as it stands.
    Confirm { row: usize },
    /// Take back the confirmation of the row (its link leaves links.tsv).
    Unconfirm { row: usize },
    /// Merge the row with the next one.
    Merge { row: usize },
    /// Split the row after its first `zh_at` sentences and first `en_at` units.
    Split {
        row: usize,
        zh_at: usize,
        en_at: usize,
    },
    /// Move a Chinese sentence: `Prev` moves the row's first sentence to the previous row,
    /// `Next` its last sentence to the next row.
    MoveZh { row: usize, to: Direction },
    /// Move an English unit the same way.
    MoveEn { row: usize, to: Direction },
    /// Detach one side of the row into one-sided rows of its own ("untranslated").
    Unalign { row: usize, side: Side },
    /// Replace the text of the row's `sentence`-th Chinese sentence, in zh.txt.
    EditZh {
        row: usize,
        sentence: usize,
        text: String,
    },
    /// Accept a drift finding, with the reason, into the suppression file.
    AcceptFinding { id: String, reason: String },
    /// Add a term to the corpus's glossary (status proposed).
    AddTerm {
        zh: String,
        en: String,
        note: Option<String>,
    },
}

/// Which neighbour a sentence moves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Prev,
    Next,
}

/// A side of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Zh,
    En,
}

/// What an applied action (or an undo, a redo) did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Applied {
    /// The workspace's revision after the change.
    pub revision: u64,
    /// The files written.
    pub changed_files: Vec<PathBuf>,
    /// Confirmed links that are now stale, as messages naming their text.
    pub stale: Vec<String>,
    /// One line saying what was done.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_read_as_the_server_sends_them() {
        let a: Action = serde_json::from_str(r#"{"op":"move_zh","row":3,"to":"prev"}"#).unwrap();
        assert_eq!(
            a,
            Action::MoveZh {
                row: 3,
                to: Direction::Prev
            }
        );
        let a: Action =
            serde_json::from_str(r#"{"op":"add_term","zh":"校车","en":"school bus"}"#).unwrap();
        assert_eq!(
            a,
            Action::AddTerm {
                zh: "校车".into(),
                en: "school bus".into(),
                note: None
            }
        );
        let a: Action = serde_json::from_str(r#"{"op":"unalign","row":0,"side":"en"}"#).unwrap();
        assert_eq!(
            a,
            Action::Unalign {
                row: 0,
                side: Side::En
            }
        );
        assert!(serde_json::from_str::<Action>(r#"{"op":"explode","row":1}"#).is_err());
    }
}
