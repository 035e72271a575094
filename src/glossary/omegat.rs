//! OmegaT's tab-separated glossary: `source⇥target⇥comment`, `#` comment lines, one row per
//! pair; repeated source rows are alternatives.
//!
//! Export writes the preferred pair first with the note as comment, then one row per
//! accepted Chinese alternative, then one row per English alternative with the comment
//! `variant of EN`; forbidden renderings have no place in OmegaT's format and travel in the
//! first row's comment as `do not use: …`. Import reverses this; type, status and matching
//! flags are not carried (imported entries are approved concepts).

use super::entry::Entry;
use super::GlossaryError;
use std::path::Path;

const HEADER: &str = "# Glossary in tab-separated format -*- coding: utf-8 -*-";
const VARIANT_OF: &str = "variant of ";
const DO_NOT_USE: &str = "do not use: ";

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Writes entries as an OmegaT glossary.
pub fn write(entries: &[Entry]) -> String {
    let mut out = format!("{HEADER}\n");
    for e in entries {
        let mut comment = clean(&e.note);
        if !e.zh_forbidden.is_empty() {
            let forbidden = format!("{DO_NOT_USE}{}", e.zh_forbidden.join(", "));
            comment = if comment.is_empty() {
                forbidden
            } else {
                format!("{comment}; {forbidden}")
            };
        }
        out.push_str(&format!("{}\t{}\t{comment}\n", clean(&e.en), clean(&e.zh)));
        for alt in &e.zh_alt {
            out.push_str(&format!("{}\t{}\t\n", clean(&e.en), clean(alt)));
        }
        for alt in &e.en_alt {
            out.push_str(&format!(
                "{}\t{}\t{VARIANT_OF}{}\n",
                clean(alt),
                clean(&e.zh),
                clean(&e.en)
            ));
        }
    }
    out
}

/// Reads an OmegaT glossary. Rows with fewer than two columns or an empty source are
/// skipped, as OmegaT does.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Entry>, GlossaryError> {
    let mut entries: Vec<Entry> = Vec::new();
    let find = |entries: &[Entry], en: &str| entries.iter().position(|e| e.en == en);
    for line in text.lines() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cells.len() < 2 || cells[0].is_empty() {
            continue;
        }
        let (source, target) = (cells[0], cells[1]);
        let comment = cells.get(2).copied().unwrap_or_default();
        if let Some(main) = comment.strip_prefix(VARIANT_OF) {
            if let Some(i) = find(&entries, main) {
                entries[i].en_alt.push(source.to_string());
                continue;
            }
        }
        match find(&entries, source) {
            Some(i) => {
                if !target.is_empty() && entries[i].zh != target {
                    entries[i].zh_alt.push(target.to_string());
                }
            }
            None => {
                let mut e = Entry::new(source, target);
                let (note, forbidden) = match comment.split_once(DO_NOT_USE) {
                    Some((note, f)) => (note.trim_end_matches([' ', ';']), f),
                    None => (comment, ""),
                };
                e.note = note.to_string();
                e.zh_forbidden = forbidden
                    .split(", ")
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_string)
                    .collect();
                entries.push(e);
            }
        }
    }
    if entries.is_empty() {
        return Err(GlossaryError::Format {
            path: path.to_path_buf(),
            message: "no glossary rows (expected source⇥target⇥comment lines)".into(),
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_terms_alternatives_notes_and_forbidden() {
        let mut a = Entry::new("Satya Nadella", "萨提亚·纳德拉");
        a.en_alt = vec!["Satya".into()];
        a.zh_alt = vec!["萨提亚".into()];
        a.zh_forbidden = vec!["萨蒂亚".into()];
        a.note = "CEO".into();
        let b = Entry::new("open source", "开源");
        let text = write(&[a.clone(), b.clone()]);
        assert!(text.starts_with(HEADER));
        assert!(text.contains("Satya Nadella\t萨提亚·纳德拉\tCEO; do not use: 萨蒂亚\n"));
        assert_eq!(parse(&text, Path::new("g.txt")).unwrap(), vec![a, b]);
    }

    #[test]
    fn repeated_sources_are_alternatives_and_short_rows_skipped() {
        let text = "\u{feff}model\t模型\nmodel\t模式\nlonely\n\t空\n";
        let entries = parse(text.trim_start_matches('\u{feff}'), Path::new("g.txt")).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].zh_alt, vec!["模式".to_string()]);
    }
}
