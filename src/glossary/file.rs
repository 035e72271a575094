//! The glossary CSV file (see `docs/glossary-format.md`): read leniently into entries plus
//! the structural problems found, and written back sorted with unknown columns and comment
//! lines kept, so an edit by `bitext glossary add` changes only the lines it must.

use super::entry::{Entry, Kind, Status};
use super::{Glossary, Problem};

/// The columns this program knows, in the order a new file gets them.
pub const COLUMNS: [&str; 11] = [
    "en",
    "zh",
    "en_variants",
    "zh_variants",
    "zh_forbidden",
    "latin",
    "case",
    "inflect",
    "type",
    "status",
    "note",
];

/// The separator between the forms in a multi-valued cell (`大模型 | 大语言模型`).
pub const SEPARATOR: char = '|';

/// Parses glossary text. Never fails: what cannot be read becomes a [`Problem`]
/// (structure), and the rows that could be read are kept.
pub fn parse(text: &str) -> (Glossary, Vec<Problem>) {
    let mut glossary = Glossary::default();
    let mut problems = Vec::new();
    let mut pending_comments: Vec<String> = Vec::new();
    let mut header: Option<Vec<String>> = None;
    for (line, record) in records(text) {
        let Record::Cells(cells) = record else {
            if let Record::Comment(c) = record {
                if header.is_none() {
                    glossary.preamble.push(c);
                } else {
                    pending_comments.push(c);
                }
            }
            continue;
        };
        let Some(columns) = &header else {
            let columns: Vec<String> = cells.iter().map(|c| c.trim().to_lowercase()).collect();
            for required in ["en", "zh"] {
                if !columns.iter().any(|c| c == required) {
                    problems.push(Problem::structure(
                        line,
                        format!(
                            "the header has no `{required}` column (the header is the first non-comment line; known columns: {})",
                            COLUMNS.join(",")
                        ),
                    ));
                }
            }
            if !columns.iter().any(|c| c == "en") {
                // Without an English column no row can be read.
                break;
            }
            header = Some(columns);
            continue;
        };
        if cells.len() > columns.len() {
            problems.push(Problem::structure(
                line,
                format!(
                    "ragged row: {} cells but the header has {} columns",
                    cells.len(),
                    columns.len()
                ),
            ));
        }
        let mut entry = Entry::new("", "");
        entry.comments = std::mem::take(&mut pending_comments);
        for (column, cell) in columns.iter().zip(&cells) {
            if let Err(message) = set_cell(&mut entry, column, cell) {
                problems.push(Problem::structure(line, message));
            }
        }
        if entry.en.is_empty() {
            problems.push(Problem::structure(line, "the English term is empty".into()));
            continue;
        }
        glossary.entries.push(entry);
        glossary.lines.push(line);
    }
    glossary.trailer = pending_comments;
    match header {
        Some(columns) => glossary.columns = columns,
        None if !problems.is_empty() => {}
        None => problems.push(Problem::structure(
            1,
            format!(
                "no header line; expected a CSV header such as: {}",
                COLUMNS.join(",")
            ),
        )),
    }
    (glossary, problems)
}

/// Writes the glossary as text: header, then entries sorted by English term (each with
/// the comment lines that stood above it), then trailing comments.
pub fn to_string(glossary: &Glossary) -> String {
    let columns = columns_for(&glossary.columns, &glossary.entries);
    let mut out = String::new();
    for line in &glossary.preamble {
        out.push_str(line);
        out.push('\n');
    }
    write_record(&mut out, columns.iter().map(String::as_str));
    let mut order: Vec<&Entry> = glossary.entries.iter().collect();
    order.sort_by_key(|e| e.sort_key());
    out.push_str(&rows(&columns, order));
    for line in &glossary.trailer {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The columns to write `entries` with: `base` (a file's header; empty for a new file,
/// which gets the standard columns), plus any known column an entry needs and any unknown
/// column an entry carries.
pub fn columns_for(base: &[String], entries: &[Entry]) -> Vec<String> {
    let mut columns: Vec<String> = if base.is_empty() {
        COLUMNS.iter().map(|c| c.to_string()).collect()
    } else {
        base.to_vec()
    };
    let blank = Entry::new("", "");
    for known in COLUMNS {
        let needed = entries
            .iter()
            .any(|e| cell(e, known) != cell(&blank, known));
        if needed && !columns.iter().any(|c| c == known) {
            columns.push(known.to_string());
        }
    }
    for entry in entries {
        for name in entry.extra.keys() {
            if !columns.contains(name) {
                columns.push(name.clone());
            }
        }
    }
    columns
}

/// Writes entries as CSV rows (no header) in the order given, each after its comment
/// lines, with cells in the order of `columns`.
pub fn rows<'a>(columns: &[String], entries: impl IntoIterator<Item = &'a Entry>) -> String {
    let mut out = String::new();
    for entry in entries {
        for line in &entry.comments {
            out.push_str(line);
            out.push('\n');
        }
        let cells: Vec<String> = columns
            .iter()
            .map(|c| {
                cell(entry, c).unwrap_or_else(|| entry.extra.get(c).cloned().unwrap_or_default())
            })
            .collect();
        write_record(&mut out, cells.iter().map(String::as_str));
    }
    out
}

/// Writes a header line for `columns`.
pub fn header(columns: &[String]) -> String {
    let mut out = String::new();
    write_record(&mut out, columns.iter().map(String::as_str));
    out
}

/// Joins forms into one cell: `a | b`, a literal `|` written `\|`.
pub fn join_forms(forms: &[String]) -> String {
    forms
        .iter()
        .map(|f| f.replace(SEPARATOR, "\\|"))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Splits a multi-valued cell on unescaped `|`, trimming each form and dropping empty ones.
pub fn split_forms(cell: &str) -> Vec<String> {
    let mut forms = Vec::new();
    let mut current = String::new();
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&SEPARATOR) {
            current.push(SEPARATOR);
            chars.next();
        } else if c == SEPARATOR {
            forms.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    forms.push(current);
    forms
        .into_iter()
        .map(|f| f.trim().to_string())
        .filter(|f| !f.is_empty())
        .collect()
}

/// The text of a known column for an entry; `None` for an unknown column.
fn cell(entry: &Entry, column: &str) -> Option<String> {
    let yes_no = |b: bool| if b { "yes" } else { "" }.to_string();
    Some(match column {
        "en" => entry.en.clone(),
        "zh" => entry.zh.clone(),
        "en_variants" => join_forms(&entry.en_alt),
        "zh_variants" => join_forms(&entry.zh_alt),
        "zh_forbidden" => join_forms(&entry.zh_forbidden),
        "latin" => yes_no(entry.latin),
        "case" => yes_no(entry.case_sensitive),
        "inflect" => if entry.inflect { "" } else { "no" }.to_string(),
        "type" => entry.kind.as_str().to_string(),
        "status" => entry.status.as_str().to_string(),
        "note" => entry.note.clone(),
        _ => return None,
    })
}

fn set_cell(entry: &mut Entry, column: &str, value: &str) -> Result<(), String> {
    let value = value.trim();
    let flag = |default: bool| -> Result<bool, String> {
        match value.to_ascii_lowercase().as_str() {
            "" => Ok(default),
            "yes" | "y" | "true" | "1" => Ok(true),
            "no" | "n" | "false" | "0" => Ok(false),
            _ => Err(format!(
                "column `{column}`: {value:?} is not yes or no (empty means {})",
                if default { "yes" } else { "no" }
            )),
        }
    };
    match column {
        "en" => entry.en = value.to_string(),
        "zh" => entry.zh = value.to_string(),
        "en_variants" | "en_alt" => entry.en_alt = split_forms(value),
        "zh_variants" | "zh_alt" => entry.zh_alt = split_forms(value),
        "zh_forbidden" => entry.zh_forbidden = split_forms(value),
        "latin" => entry.latin = flag(false)?,
        "case" => entry.case_sensitive = flag(false)?,
        "inflect" => entry.inflect = flag(true)?,
        "type" => {
            entry.kind = Kind::parse(value).ok_or_else(|| {
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                format!(
                    "column `type`: unknown type {value:?}; known: {}",
                    known.join(", ")
                )
            })?
        }
        "status" => {
            entry.status = Status::parse(value).ok_or_else(|| {
                let known: Vec<&str> = Status::ALL.iter().map(|k| k.as_str()).collect();
                format!(
                    "column `status`: unknown status {value:?}; known: {}",
                    known.join(", ")
                )
            })?
        }
        "note" => entry.note = value.to_string(),
        other => {
            entry.extra.insert(other.to_string(), value.to_string());
        }
    }
    Ok(())
}

enum Record {
    Comment(String),
    Blank,
    Cells(Vec<String>),
}

/// Splits text into CSV records (a quoted cell may span lines) and comment lines, each with
/// the 1-based line it starts on.
fn records(text: &str) -> Vec<(usize, Record)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut in_quotes = false;
    for (i, line) in text.lines().enumerate() {
        if current.is_empty() && !in_quotes {
            start = i + 1;
            if line.trim_start().starts_with('#') {
                out.push((start, Record::Comment(line.to_string())));
                continue;
            }
            if line.trim().is_empty() {
                out.push((start, Record::Blank));
                continue;
            }
        } else {
            current.push('\n');
        }
        current.push_str(line);
        in_quotes ^= line.matches('"').count() % 2 == 1;
        if !in_quotes {
            out.push((start, Record::Cells(split_record(&current))));
            current.clear();
        }
    }
    if !current.is_empty() {
        out.push((start, Record::Cells(split_record(&current))));
    }
    out
}

fn split_record(record: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(record.as_bytes());
    match reader.records().next() {
        Some(Ok(r)) => r.iter().map(str::to_string).collect(),
        _ => vec![record.to_string()],
    }
}

/// Writes one CSV record (RFC 4180 quoting where needed; a first cell starting with `#`
/// is quoted so it is not read back as a comment).
fn write_record<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let needs_quotes = cell.contains([',', '"', '\n', '\r'])
            || cell.starts_with(' ')
            || cell.ends_with(' ')
            || (i == 0 && cell.starts_with('#'));
        if needs_quotes {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::ProblemKind;

    const SAMPLE: &str = "# AI glossary\nen,zh,zh_variants,status,reviewer\n# names\nSatya Nadella,萨提亚·纳德拉,Satya,approved,lin\nCopilot,Copilot,,approved,\n\"open source\",开源,,,\"a, b\"\n# end\n";

    #[test]
    fn keeps_comments_unknown_columns_and_sorts() {
        let (g, problems) = parse(SAMPLE);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(g.entries.len(), 3);
        assert_eq!(g.entries[0].extra.get("reviewer").unwrap(), "lin");
        let text = to_string(&g);
        assert_eq!(
            text,
            "# AI glossary\nen,zh,zh_variants,status,reviewer\nCopilot,Copilot,,approved,\nopen source,开源,,approved,\"a, b\"\n# names\nSatya Nadella,萨提亚·纳德拉,Satya,approved,lin\n# end\n"
        );
        let (again, _) = parse(&text);
        assert_eq!(to_string(&again), text);
    }

    #[test]
    fn forms_split_on_unescaped_pipes() {
        assert_eq!(
            split_forms("大模型 | 大语言模型"),
            vec!["大模型", "大语言模型"]
        );
        assert_eq!(split_forms("a\\|b|c"), vec!["a|b", "c"]);
        assert_eq!(join_forms(&["a|b".into(), "c".into()]), "a\\|b | c");
        assert!(split_forms(" ").is_empty());
    }

    #[test]
    fn structural_problems_name_their_line() {
        let (g, problems) = parse("en,zh,status\nmodel,模型,maybe\n,空\nx,y,approved,extra\n");
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 3, 4]);
        assert!(problems[0].message.contains("maybe"));
        assert_eq!(g.entries.len(), 2);
        let (_, problems) = parse("term,translation\na,b\n");
        assert_eq!(problems.len(), 2);
        assert!(problems.iter().all(|p| p.kind == ProblemKind::Structure));
    }

    #[test]
    fn quoted_cells_may_span_lines_and_hash_cells_stay_cells() {
        let mut g = Glossary::default();
        let mut e = Entry::new("#hashtag", "话题标签");
        e.note = "line one\nline two".into();
        g.entries.push(e);
        let text = to_string(&g);
        let (back, problems) = parse(&text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back.entries[0].en, "#hashtag");
        assert_eq!(back.entries[0].note, "line one\nline two");
    }

    fn cell_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        "[a-z模型#,\"|\\\\ ]{0,8}".prop_map(|s| s.trim().to_string())
    }

    proptest::proptest! {
        #![proptest_config(crate::text::fuzz_config::fixed(256, 13))]
        /// Whatever the cells hold (commas, quotes, pipes, `#`, backslashes), a written
        /// glossary reads back as the same entries, sorted, and rewrites to the same bytes.
        #[test]
        fn files_round_trip(
            rows in proptest::collection::vec(
                (cell_text(), cell_text(), cell_text()),
                0..6,
            )
        ) {
            let mut g = Glossary::default();
            for (en, zh, note) in rows {
                if en.is_empty() {
                    continue;
                }
                let mut e = Entry::new(&en, &zh);
                e.note = note;
                g.push(e);
            }
            let text = to_string(&g);
            let (back, problems) = parse(&text);
            proptest::prop_assert!(problems.is_empty(), "{:?}\n{}", problems, text);
            let mut expected = g.entries.clone();
            expected.sort_by_key(|e| e.sort_key());
            proptest::prop_assert_eq!(&back.entries, &expected);
            proptest::prop_assert_eq!(to_string(&back), text);
        }

        /// Multi-valued cells split back into the forms joined, whatever they hold.
        #[test]
        fn forms_round_trip(forms in proptest::collection::vec("[a-z模|\\\\]{1,5}", 0..4)) {
            let forms: Vec<String> = forms.into_iter().filter(|f| !f.ends_with('\\')).collect();
            proptest::prop_assert_eq!(split_forms(&join_forms(&forms)), forms);
        }
    }
}
