//! What each [`Action`] writes, planned before anything is written: the alignment edits
//! ([`alignment`]: confirm, merge, split, move, unalign — each a new links.tsv), a Chinese
//! correction ([`edit_zh`]: zh.txt and the links that quote the sentence) and the decisions
//! about findings and terms ([`decisions`]: drift-ignore, the glossary).

mod alignment;
mod decisions;
mod edit_zh;

use super::{Action, ReviewError, Side, Workspace};
use crate::align::Bead;
use std::ops::Range;
use std::path::PathBuf;

/// What an action writes.
pub(super) struct Plan {
    pub writes: Vec<(PathBuf, Vec<u8>)>,
    pub message: String,
    /// The action changes the inputs (zh.txt, the glossary): read them again.
    pub reread: bool,
}

impl Workspace {
    /// What `action` writes.
    pub(super) fn plan(&self, action: Action) -> Result<Plan, ReviewError> {
        match action {
            Action::Confirm { row } => self.plan_confirm(row),
            Action::Unconfirm { row } => self.plan_unconfirm(row),
            Action::Merge { row } => self.plan_merge(row),
            Action::Split { row, zh_at, en_at } => self.plan_split(row, zh_at, en_at),
            Action::MoveZh { row, to } => self.plan_move(row, to, Side::Zh),
            Action::MoveEn { row, to } => self.plan_move(row, to, Side::En),
            Action::Unalign { row, side } => self.plan_unalign(row, side),
            Action::EditZh {
                row,
                sentence,
                text,
            } => self.plan_edit_zh(row, sentence, &text),
            Action::AcceptFinding { id, reason } => self.plan_accept(&id, &reason),
            Action::AddTerm { zh, en, note } => self.plan_term(&zh, &en, note),
        }
    }
}

fn bead(zh: Range<usize>, en: Range<usize>) -> Bead {
    Bead { zh, en, score: 0.0 }
}

fn is_empty(b: &Bead) -> bool {
    b.zh.is_empty() && b.en.is_empty()
}
