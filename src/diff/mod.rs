//! Comparing two corpus files row by row and, inside changed rows, word by word.
//!
//! Rows are matched with a patience diff over their whole TSV lines (so an inserted or
//! deleted row shows as one, not as every later row shifting); rows replaced in place are
//! paired in order and their fields compared; Chinese is compared character by character,
//! English (and Latin words inside Chinese) word by word, with the `similar` crate.

use crate::corpus::{tsv, Corpus, Row};
use similar::{Algorithm, ChangeTag, DiffOp};
use std::fmt::Write;

/// One difference between two corpora. Row numbers are 0-based indices into `rows`.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A metadata line (`# key: value`) added, removed or changed.
    Meta {
        key: String,
        old: Option<String>,
        new: Option<String>,
    },
    Removed {
        old: usize,
    },
    Added {
        new: usize,
    },
    /// A row present in both, with different contents.
    Changed {
        old: usize,
        new: usize,
    },
}

/// The differences between `old` and `new`, metadata first, then rows in document order.
pub fn compare(old: &Corpus, new: &Corpus) -> Vec<Change> {
    let mut changes = Vec::new();
    let keys: std::collections::BTreeSet<&String> =
        old.meta.keys().chain(new.meta.keys()).collect();
    for key in keys {
        let (o, n) = (old.meta.get(key), new.meta.get(key));
        if o != n {
            changes.push(Change::Meta {
                key: key.clone(),
                old: o.cloned(),
                new: n.cloned(),
            });
        }
    }
    let old_lines: Vec<String> = old.rows.iter().map(tsv::row_line).collect();
    let new_lines: Vec<String> = new.rows.iter().map(tsv::row_line).collect();
    for op in similar::capture_diff_slices(Algorithm::Patience, &old_lines, &new_lines) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                changes.extend((old_index..old_index + old_len).map(|old| Change::Removed { old }))
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => changes.extend((new_index..new_index + new_len).map(|new| Change::Added { new })),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let paired = old_len.min(new_len);
                for k in 0..paired {
                    changes.push(Change::Changed {
                        old: old_index + k,
                        new: new_index + k,
                    });
                }
                changes.extend(
                    (old_index + paired..old_index + old_len).map(|old| Change::Removed { old }),
                );
                changes.extend(
                    (new_index + paired..new_index + new_len).map(|new| Change::Added { new }),
                );
            }
        }
    }
    changes
}

/// The pieces of text a word diff works on: each Chinese (or other non-Latin) character on
/// its own, runs of letters and digits as words, runs of white space, single punctuation.
pub fn tokens(text: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Word,
        Space,
        Single,
    }
    let class = |c: char| {
        if c.is_whitespace() {
            Class::Space
        } else if c.is_ascii_alphanumeric() || (c.is_alphanumeric() && (c as u32) < 0x2E80) {
            Class::Word
        } else {
            Class::Single
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<Class> = None;
    for (i, c) in text.char_indices() {
        let cls = class(c);
        let joins = match (prev, cls) {
            (Some(Class::Word), Class::Word) | (Some(Class::Space), Class::Space) => true,
            // An apostrophe or a decimal point inside a word stays in it: don't, 3.5.
            _ => false,
        };
        if !joins && i > start {
            out.push(&text[start..i]);
            start = i;
        }
        prev = Some(cls);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// A word diff of two texts: runs of equal, deleted and inserted text.
pub fn words(old: &str, new: &str) -> Vec<(ChangeTag, String)> {
    let (a, b) = (tokens(old), tokens(new));
    let mut out: Vec<(ChangeTag, String)> = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, &a, &b) {
        for (tag, piece) in op
            .iter_changes(&a, &b)
            .map(|c| (c.tag(), c.value().to_string()))
        {
            match out.last_mut() {
                Some((t, text)) if *t == tag => text.push_str(&piece),
                _ => out.push((tag, piece)),
            }
        }
    }
    out
}

/// How to show a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colours (for a terminal) instead of `[-…-]` / `{+…+}` markers.
    pub color: bool,
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// Formats the changes for reading: a header naming the two files, each change, and a
/// summary line. Returns an empty string when there are no changes.
pub fn format(
    old: &Corpus,
    new: &Corpus,
    changes: &[Change],
    names: (&str, &str),
    style: Style,
) -> String {
    if changes.is_empty() {
        return String::new();
    }
    // Every line but the summary carries data (file names, cells): escaped before painting.
    let paint = |code: &str, text: &str| {
        let text = visible(text);
        if style.color {
            format!("{code}{text}{RESET}")
        } else {
            text.into_owned()
        }
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", paint(BOLD, &format!("--- {}", names.0)));
    let _ = writeln!(out, "{}", paint(BOLD, &format!("+++ {}", names.1)));
    let (mut changed, mut removed, mut added) = (0, 0, 0);
    for change in changes {
        match change {
            Change::Meta { key, old, new } => {
                let _ = writeln!(out, "{}", paint(CYAN, &format!("# {key}")));
                if let Some(o) = old {
                    let _ = writeln!(out, "{}", paint(RED, &format!("-  {o}")));
                }
                if let Some(n) = new {
                    let _ = writeln!(out, "{}", paint(GREEN, &format!("+  {n}")));
                }
            }
            Change::Removed { old: i } => {
                removed += 1;
                let row = &old.rows[*i];
                let head = format!("- row {}{}", i + 1, place(row));
                let _ = writeln!(out, "{}", paint(RED, &head));
                let _ = writeln!(out, "{}", paint(RED, &format!("  zh: {}", row.zh)));
                let _ = writeln!(out, "{}", paint(RED, &format!("  en: {}", row.en)));
            }
            Change::Added { new: i } => {
                added += 1;
                let row = &new.rows[*i];
                let head = format!("+ row {}{}", i + 1, place(row));
                let _ = writeln!(out, "{}", paint(GREEN, &head));
                let _ = writeln!(out, "{}", paint(GREEN, &format!("  zh: {}", row.zh)));
                let _ = writeln!(out, "{}", paint(GREEN, &format!("  en: {}", row.en)));
            }
            Change::Changed { old: i, new: j } => {
                changed += 1;
                let (a, b) = (&old.rows[*i], &new.rows[*j]);
                let head = if i == j {
                    format!("~ row {}{}", i + 1, place(b))
                } else {
                    format!("~ row {} → {}{}", i + 1, j + 1, place(b))
                };
                let _ = writeln!(out, "{}", paint(CYAN, &head));
                row_changes(&mut out, a, b, style);
            }
        }
    }
    let rows = changed + removed + added;
    let _ = writeln!(
        out,
        "{} row{} differ{}: {changed} changed, {removed} removed, {added} added",
        rows,
        if rows == 1 { "" } else { "s" },
        if rows == 1 { "s" } else { "" },
    );
    out
}

/// Where a row is, for a change's header: its time and speaker.
fn place(row: &Row) -> String {
    let mut parts = Vec::new();
    if let Some(ms) = row.start_ms {
        parts.push(tsv::format_time(ms));
    }
    if !row.speaker.is_empty() {
        parts.push(row.speaker.clone());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" [{}]", parts.join("  "))
    }
}

fn row_changes(out: &mut String, a: &Row, b: &Row, style: Style) {
    let time = |ms: Option<u64>| ms.map(tsv::format_time).unwrap_or_default();
    let flags = |r: &Row| {
        r.flags
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    let score = |r: &Row| r.score.map(|s| format!("{s:.2}")).unwrap_or_default();
    let fields = [
        ("start", time(a.start_ms), time(b.start_ms)),
        ("end", time(a.end_ms), time(b.end_ms)),
        ("speaker", a.speaker.clone(), b.speaker.clone()),
        ("section", a.section.clone(), b.section.clone()),
        ("flags", flags(a), flags(b)),
        ("score", score(a), score(b)),
    ];
    for (name, old, new) in fields {
        if old != new {
            let _ = writeln!(out, "  {name}: {}", inline(&old, &new, style));
        }
    }
    for (name, old, new) in [("zh", &a.zh, &b.zh), ("en", &a.en, &b.en)] {
        if old != new {
            let _ = writeln!(out, "  {name}: {}", inline(old, new, style));
        }
    }
}

/// `text` safe to send to a terminal: C0 and C1 control characters (ESC, CSI, BEL, a
/// carriage return…), DEL and the bidirectional controls are shown as `\x1b`, `\u{202e}`
/// escapes instead of acting on the terminal; a backslash stays as it is.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !unsafe_char(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The word diff of two texts on one line.
fn inline(old: &str, new: &str, style: Style) -> String {
    let mut out = String::new();
    for (tag, text) in words(old, new) {
        let text = visible(&text);
        match (tag, style.color) {
            (ChangeTag::Equal, _) => out.push_str(&text),
            (ChangeTag::Delete, true) => {
                let _ = write!(out, "{RED}\x1b[9m{text}{RESET}");
            }
            (ChangeTag::Insert, true) => {
                let _ = write!(out, "{GREEN}\x1b[4m{text}{RESET}");
            }
            (ChangeTag::Delete, false) => {
                let _ = write!(out, "[-{text}-]");
            }
            (ChangeTag::Insert, false) => {
                let _ = write!(out, "{{+{text}+}}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(rows: &[(&str, &str)]) -> Corpus {
        Corpus::from_pairs(rows.iter().copied())
    }

    #[test]
    fn escape_sequences_in_cells_never_reach_the_terminal() {
        let old = corpus(&[("你好", "hello")]);
        let new = corpus(&[(
            "你好\u{1b}]0;pwned\u{7}",
            "hello \u{1b}[2J\u{9b}31m\u{202e}x",
        )]);
        let changes = compare(&old, &new);
        for color in [false, true] {
            let text = format(&old, &new, &changes, ("a\u{1b}[1m", "b"), Style { color });
            let data: String = text.replace("\x1b[", "");
            assert!(!data.contains('\u{1b}'), "{text:?}");
            assert!(
                !text.contains('\u{7}') && !text.contains('\u{9b}') && !text.contains('\u{202e}')
            );
            assert!(
                text.contains("\\x1b]0;pwned\\x07") && text.contains("\\u{9b}31m"),
                "{text}"
            );
        }
    }

    #[test]
    fn chinese_by_character_english_by_word() {
        assert_eq!(
            tokens("用Raspberry Pi做了3.5个"),
            vec![
                "用",
                "Raspberry",
                " ",
                "Pi",
                "做",
                "了",
                "3",
                ".",
                "5",
                "个"
            ]
        );
        let plain = Style { color: false };
        assert_eq!(
            inline("花费12亿美元。", "花费120亿美元。", plain),
            "花费[-12-]{+120+}亿美元。"
        );
        assert_eq!(
            inline("We raised twelve dollars.", "We raised 12 dollars.", plain),
            "We raised [-twelve-]{+12+} dollars."
        );
    }

    #[test]
    fn an_inserted_row_is_one_change() {
        let old = corpus(&[("一。", "One."), ("二。", "Two."), ("三。", "Three.")]);
        let new = corpus(&[
            ("一。", "One."),
            ("新。", "New."),
            ("二。", "Two."),
            ("三。", "Three!"),
        ]);
        let changes = compare(&old, &new);
        assert_eq!(
            changes,
            vec![Change::Added { new: 1 }, Change::Changed { old: 2, new: 3 }]
        );
        let text = format(&old, &new, &changes, ("a", "b"), Style { color: false });
        assert!(text.contains("+ row 2\n  zh: 新。"), "{text}");
        assert!(
            text.contains("~ row 3 → 4\n  en: Three[-.-]{+!+}"),
            "{text}"
        );
        assert!(text.ends_with("2 rows differ: 1 changed, 0 removed, 1 added\n"));
        assert!(!text.contains('\x1b'));
        assert!(compare(&old, &old).is_empty());
    }
}
