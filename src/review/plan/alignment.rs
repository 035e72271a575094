//! The alignment edits: confirm and unconfirm a row, merge it with the next, split it, move
//! a sentence or unit to the neighbouring row, detach a side as untranslated. Each writes
//! links.tsv: the rows it produces become confirmed links, the links they replace go.

use super::super::links::{Link, Placed};
use super::super::{Direction, ReviewError, Side, Workspace};
use super::{bead, is_empty, Plan};
use crate::align::Bead;

impl Workspace {
    pub(super) fn plan_confirm(&self, row: usize) -> Result<Plan, ReviewError> {
        let b = self.bead(row)?.clone();
        if self.confirmed[row].is_some() {
            return bad(format!("row {row} is confirmed already"));
        }
        self.relink(&[], vec![b], format!("confirmed row {row}"))
    }

    pub(super) fn plan_unconfirm(&self, row: usize) -> Result<Plan, ReviewError> {
        self.bead(row)?;
        let Some(link) = self.confirmed[row] else {
            return bad(format!("row {row} is not confirmed"));
        };
        self.relink(&[link], Vec::new(), format!("unconfirmed row {row}"))
    }

    pub(super) fn plan_merge(&self, row: usize) -> Result<Plan, ReviewError> {
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

    pub(super) fn plan_split(
        &self,
        row: usize,
        zh_at: usize,
        en_at: usize,
    ) -> Result<Plan, ReviewError> {
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

    pub(super) fn plan_unalign(&self, row: usize, side: Side) -> Result<Plan, ReviewError> {
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

    pub(super) fn plan_move(
        &self,
        row: usize,
        to: Direction,
        side: Side,
    ) -> Result<Plan, ReviewError> {
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
}

fn bad(message: String) -> Result<Plan, ReviewError> {
    Err(ReviewError::BadAction(message))
}
