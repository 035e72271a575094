//! memoQ / Trados (MultiTerm, Glossary Converter) style CSV: a header row naming the
//! languages, one concept per row, synonyms in one cell split by `;`, the first one
//! preferred. Columns written: `English`, `Chinese`, `English_Def` (the note) and
//! `Chinese_Forbidden`. On import, columns are recognised by name: a header starting with
//! `English`/`en` holds English terms, `Chinese`/`zh` Chinese ones, `…_Def`, `Definition`
//! or `Note` the note, `…Forbidden` forbidden renderings; the delimiter (comma, tab or
//! semicolon) is taken from the header line.

use super::entry::Entry;
use super::GlossaryError;
use std::path::Path;

const COLUMNS: [&str; 4] = ["English", "Chinese", "English_Def", "Chinese_Forbidden"];

/// Writes entries as memoQ/Trados-style CSV.
pub fn write(entries: &[Entry]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let join = |forms: Vec<&str>| forms.join(";");
    // Writing into a Vec cannot fail.
    let _ = writer.write_record(COLUMNS);
    for e in entries {
        let _ = writer.write_record([
            join(e.en_forms().collect()),
            join(e.zh_forms().collect()),
            e.note.clone(),
            join(e.zh_forbidden.iter().map(String::as_str).collect()),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[derive(Clone, Copy, PartialEq)]
enum Col {
    English,
    Chinese,
    Note,
    Forbidden,
    Other,
}

fn classify(header: &str) -> Col {
    let h = header.trim().to_ascii_lowercase();
    if h.contains("forbidden") {
        Col::Forbidden
    } else if h.ends_with("_def") || h.contains("definition") || h.contains("note") {
        Col::Note
    } else if h.starts_with("english") || h == "en" || h.starts_with("en-") || h.starts_with("en_")
    {
        Col::English
    } else if h.starts_with("chinese") || h == "zh" || h.starts_with("zh-") || h.starts_with("zh_")
    {
        Col::Chinese
    } else {
        Col::Other
    }
}

/// Reads memoQ/Trados-style CSV (see the module docs).
pub fn parse(text: &str, path: &Path) -> Result<Vec<Entry>, GlossaryError> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.contains('\t') {
        b'\t'
    } else if first.contains(';') && !first.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<Col> = reader
        .headers()
        .map_err(|e| GlossaryError::Line {
            path: path.to_path_buf(),
            line: 1,
            message: format!("bad header: {e}"),
        })?
        .iter()
        .map(classify)
        .collect();
    if !header.contains(&Col::English) || !header.contains(&Col::Chinese) {
        return Err(GlossaryError::Line {
            path: path.to_path_buf(),
            line: 1,
            message:
                "the header names no English and Chinese columns (expected e.g. English,Chinese)"
                    .into(),
        });
    }
    let split = |cell: &str| -> Vec<String> {
        cell.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut entries = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| GlossaryError::Line {
            path: path.to_path_buf(),
            line: i + 2,
            message: format!("bad row: {e}"),
        })?;
        let mut entry = Entry::new("", "");
        for (col, cell) in header.iter().zip(record.iter()) {
            match col {
                Col::English => {
                    for f in split(cell) {
                        if entry.en.is_empty() {
                            entry.en = f;
                        } else {
                            entry.en_alt.push(f);
                        }
                    }
                }
                Col::Chinese => {
                    for f in split(cell) {
                        if entry.zh.is_empty() {
                            entry.zh = f;
                        } else {
                            entry.zh_alt.push(f);
                        }
                    }
                }
                Col::Note if entry.note.is_empty() => entry.note = cell.trim().to_string(),
                Col::Forbidden => entry.zh_forbidden.extend(split(cell)),
                _ => {}
            }
        }
        if !entry.en.is_empty() {
            entries.push(entry);
        }
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_synonyms_notes_and_forbidden() {
        let mut a = Entry::new("large language model", "大语言模型");
        a.en_alt = vec!["LLM".into()];
        a.zh_alt = vec!["大模型".into()];
        a.zh_forbidden = vec!["大型语言模式".into()];
        a.note = "a model, trained on text, that predicts words".into();
        let b = Entry::new("open source", "开源");
        let text = write(&[a.clone(), b.clone()]);
        assert!(text.starts_with("English,Chinese,English_Def,Chinese_Forbidden\n"));
        assert_eq!(parse(&text, Path::new("g.csv")).unwrap(), vec![a, b]);
    }

    #[test]
    fn reads_tab_delimited_memoq_export() {
        let text = "English\tEnglish_Def\tChinese (PRC)\nkernel\tcore\t内核;核心\n";
        let e = parse(text, Path::new("g.txt")).unwrap();
        assert_eq!(
            (e[0].en.as_str(), e[0].zh.as_str(), e[0].note.as_str()),
            ("kernel", "内核", "core")
        );
        assert_eq!(e[0].zh_alt, vec!["核心".to_string()]);
    }
}
