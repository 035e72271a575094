//! Reading and writing the canonical corpus TSV.
//!
//! ```text
//! # bitext corpus v1
//! # video: BbAnzpeGFrA
//! start⇥end⇥speaker⇥section⇥flags⇥score⇥zh⇥en
//! 00:00:01.000⇥00:00:04.200⇥Sarah Guo⇥追逐理想⇥ ⇥0.91⇥可以从你的故事开始吗?⇥Can we start with your story?
//! ```
//! (`⇥` stands for a tab.) Leading `# key: value` lines carry metadata; then the header; then one row per bead.
//! Cells never hold tabs or newlines: `\` is written `\\`, a tab `\t`, a newline `\n`.
//! Flags are comma-separated names; the score has two decimals. No column holds a running
//! number, so inserting a sentence changes only the rows around it.

use super::{Corpus, Flag, Row};
use std::path::{Path, PathBuf};

/// The columns, in order.
pub const COLUMNS: [&str; 8] = [
    "start", "end", "speaker", "section", "flags", "score", "zh", "en",
];

/// The first line of every corpus file.
pub const MAGIC: &str = "# bitext corpus v1";

/// A corpus file that cannot be read, with the line at fault.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),
    #[error("{path}:{line}: {message}")]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// Reads a corpus file.
pub fn read(path: &Path) -> Result<Corpus, CorpusError> {
    let text = crate::text::files::read_text(path)?;
    parse(&text, path)
}

/// Parses corpus text; `path` is used in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Corpus, CorpusError> {
    let err = |line: usize, message: String| CorpusError::Line {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut corpus = Corpus::default();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if !header_seen {
            if let Some(comment) = line.strip_prefix('#') {
                if let Some((key, value)) = comment.split_once(':') {
                    corpus
                        .meta
                        .insert(key.trim().to_string(), value.trim().to_string());
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            if cells != COLUMNS {
                let unknown: Vec<&str> = cells
                    .iter()
                    .copied()
                    .filter(|c| !COLUMNS.contains(c))
                    .collect();
                let known = cells.iter().filter(|c| COLUMNS.contains(c)).count();
                let message = if known == 0 {
                    format!(
                        "missing header: expected a line with the columns {} before the first row",
                        COLUMNS.join(" ")
                    )
                } else if !unknown.is_empty() {
                    format!(
                        "unknown column(s) {} in the header; expected: {}",
                        unknown.join(", "),
                        COLUMNS.join(" ")
                    )
                } else {
                    format!(
                        "missing or misordered header; expected the columns: {}",
                        COLUMNS.join(" ")
                    )
                };
                return Err(err(n, message));
            }
            header_seen = true;
            continue;
        }
        if line.is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != COLUMNS.len() {
            return Err(err(
                n,
                format!(
                    "ragged row: {} cells, expected {} ({})",
                    cells.len(),
                    COLUMNS.len(),
                    COLUMNS.join(" ")
                ),
            ));
        }
        corpus.rows.push(parse_row(&cells).map_err(|m| err(n, m))?);
    }
    if !header_seen {
        return Err(err(
            1,
            format!(
                "no header line; expected the columns: {}",
                COLUMNS.join(" ")
            ),
        ));
    }
    Ok(corpus)
}

fn parse_row(cells: &[&str]) -> Result<Row, String> {
    let time = |s: &str, col: &str| -> Result<Option<u64>, String> {
        if s.is_empty() {
            Ok(None)
        } else {
            parse_time(s)
                .map(Some)
                .ok_or_else(|| format!("bad {col} time {s:?}: expected HH:MM:SS.mmm"))
        }
    };
    let mut flags = Vec::new();
    for name in cells[4].split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let flag = Flag::parse(name).ok_or_else(|| {
            let known: Vec<&str> = Flag::ALL.iter().map(|f| f.as_str()).collect();
            format!("unknown flag {name:?}; known flags: {}", known.join(", "))
        })?;
        if !flags.contains(&flag) {
            flags.push(flag);
        }
    }
    flags.sort();
    let score = if cells[5].is_empty() {
        None
    } else {
        Some(
            cells[5]
                .parse::<f32>()
                .ok()
                .filter(|s| s.is_finite())
                .ok_or_else(|| format!("bad score {:?}: expected a number", cells[5]))?,
        )
    };
    Ok(Row {
        start_ms: time(cells[0], "start")?,
        end_ms: time(cells[1], "end")?,
        speaker: unescape(cells[2])?,
        section: unescape(cells[3])?,
        flags,
        score,
        zh: unescape(cells[6])?,
        en: unescape(cells[7])?,
    })
}

/// Writes the corpus as text (see the module docs). The same corpus always gives the same bytes.
pub fn to_string(corpus: &Corpus) -> String {
    let mut out = String::new();
    out.push_str(MAGIC);
    out.push('\n');
    for (key, value) in &corpus.meta {
        out.push_str(&format!("# {}: {}\n", one_line(key), one_line(value)));
    }
    out.push_str(&COLUMNS.join("\t"));
    out.push('\n');
    for row in &corpus.rows {
        out.push_str(&row_line(row));
        out.push('\n');
    }
    out
}

/// One row as its TSV line (without the line end).
pub fn row_line(row: &Row) -> String {
    let flags: Vec<&str> = row.flags.iter().map(|f| f.as_str()).collect();
    let cells = [
        row.start_ms.map(format_time).unwrap_or_default(),
        row.end_ms.map(format_time).unwrap_or_default(),
        escape(&row.speaker),
        escape(&row.section),
        flags.join(","),
        row.score.map(|s| format!("{s:.2}")).unwrap_or_default(),
        escape(&row.zh),
        escape(&row.en),
    ];
    cells.join("\t")
}

/// Writes the corpus to `path` atomically.
pub fn write(corpus: &Corpus, path: &Path) -> Result<(), CorpusError> {
    crate::text::files::write_atomic(path, to_string(corpus).as_bytes())?;
    Ok(())
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}

/// Escapes a cell: `\` → `\\`, tab → `\t`, newline → `\n`, carriage return → `\r`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => out.push(c),
        }
    }
    out
}

/// Reverses [`escape`]; an unknown escape is an error.
pub fn unescape(s: &str) -> Result<String, String> {
    if !s.contains('\\') {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            other => {
                return Err(format!(
                    "bad escape \\{} in {s:?}: only \\\\, \\t, \\n and \\r are allowed",
                    other.map(String::from).unwrap_or_default()
                ))
            }
        }
    }
    Ok(out)
}

/// Formats milliseconds as `HH:MM:SS.mmm`.
pub fn format_time(ms: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// Parses `HH:MM:SS.mmm` (also `MM:SS.mmm`, and `,` for `.`) into milliseconds.
pub fn parse_time(s: &str) -> Option<u64> {
    let s = s.trim().replace(',', ".");
    let (hms, frac) = s.split_once('.').unwrap_or((&s, "0"));
    if frac.is_empty() || frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ms_frac: u64 = format!("{frac:0<3}").parse().ok()?;
    let parts: Vec<&str> = hms.split(':').collect();
    if parts.len() < 2 || parts.len() > 3 {
        return None;
    }
    let mut total = 0u64;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() || part.len() > 2 && i > 0 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let v: u64 = part.parse().ok()?;
        if i > 0 && v >= 60 {
            return None;
        }
        total = total.checked_mul(60)?.checked_add(v)?;
    }
    total.checked_mul(1000)?.checked_add(ms_frac)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Corpus {
        let mut corpus = Corpus::default();
        corpus.meta.insert("video".into(), "BbAnzpeGFrA".into());
        corpus.rows.push(Row {
            start_ms: Some(1000),
            end_ms: Some(4200),
            speaker: "Sarah Guo".into(),
            section: "追逐理想".into(),
            flags: vec![Flag::Note],
            score: Some(0.914),
            zh: "可以从你的故事开始吗?\t(注)".into(),
            en: "Can we start\nwith your story? C:\\x".into(),
        });
        corpus.rows.push(Row {
            flags: vec![Flag::ZhOnly],
            zh: "只有中文。".into(),
            ..Row::default()
        });
        corpus
    }

    #[test]
    fn round_trips_with_escapes() {
        let corpus = sample();
        let text = to_string(&corpus);
        assert!(text
            .lines()
            .all(|l| l.split('\t').count() == 8 || l.starts_with('#')));
        let mut back = parse(&text, Path::new("c.tsv")).unwrap();
        back.rows[0].score = Some(0.914);
        assert_eq!(back, corpus);
        assert_eq!(to_string(&parse(&text, Path::new("c.tsv")).unwrap()), text);
    }

    #[test]
    fn ragged_row_names_the_line() {
        let mut text = to_string(&sample());
        text.push_str("a\tb\n");
        let err = parse(&text, Path::new("c.tsv")).unwrap_err().to_string();
        assert!(err.starts_with("c.tsv:6: ragged row"), "{err}");
    }

    #[test]
    fn unknown_column_and_missing_header_are_errors() {
        let err = parse("start\tend\tfoo\n", Path::new("c.tsv"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("c.tsv:1") && err.contains("foo"), "{err}");
        let err = parse("# bitext corpus v1\n", Path::new("c.tsv"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("no header"), "{err}");
    }

    #[test]
    fn times_parse_and_format() {
        assert_eq!(format_time(3_723_004), "01:02:03.004");
        assert_eq!(parse_time("01:02:03.004"), Some(3_723_004));
        assert_eq!(parse_time("02:03,5"), Some(123_500));
        assert_eq!(parse_time("1:75:00.000"), None);
        assert_eq!(parse_time("abc"), None);
    }
}
