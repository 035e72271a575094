//! The review sheet (`render --to xlsx`), like LF Aligner's: one row per bead with its time,
//! speaker, Chinese, English, score, flags and findings; a frozen, bold header, wrapped text,
//! set column widths and an autofilter, so a reviewer can sort and filter in Excel or
//! LibreOffice. Written with rust_xlsxwriter (no optional features).

use super::{strip_controls, Finding};
use crate::corpus::Corpus;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

/// The sheet's columns and their widths (in characters).
pub const COLUMNS: [(&str, f64); 8] = [
    ("row", 6.0),
    ("time", 9.0),
    ("speaker", 14.0),
    ("中文", 48.0),
    ("English", 60.0),
    ("score", 7.0),
    ("flags", 12.0),
    ("findings", 40.0),
];

/// Excel's limit on the characters of one cell.
const CELL_LIMIT: usize = 32_767;

/// Renders the review sheet as the bytes of an `.xlsx` file. The same corpus gives the same
/// bytes (the document's creation time is fixed).
pub fn render(corpus: &Corpus, findings: &[Finding]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(super::title(corpus))
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let head = Format::new().set_bold().set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let score_format = Format::new()
        .set_num_format("0.00")
        .set_align(FormatAlign::Top);
    let sheet = book.add_worksheet();
    sheet.set_name("review")?;
    for (col, (name, width)) in COLUMNS.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *name, &head)?;
        sheet.set_column_width(col, *width)?;
    }
    for (i, row) in corpus.rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_number_with_format(r, 0, (i + 1) as f64, &wrap)?;
        let time = row.start_ms.map(super::clock).unwrap_or_default();
        let notes: Vec<String> = findings
            .iter()
            .filter(|f| f.row == i)
            .map(|f| format!("{} {}: {}", f.severity, f.kind, f.message))
            .collect();
        let flags: Vec<&str> = row.flags.iter().map(|f| f.as_str()).collect();
        let mut flags = flags.join(", ");
        if row.is_doubtful() {
            flags.push_str(if flags.is_empty() {
                "doubtful"
            } else {
                ", doubtful"
            });
        }
        for (col, text) in [
            (1, time.as_str()),
            (2, row.speaker.as_str()),
            (3, row.zh.as_str()),
            (4, row.en.as_str()),
            (6, flags.as_str()),
            (7, notes.join("\n").as_str()),
        ] {
            sheet.write_string_with_format(r, col, cell(text), &wrap)?;
        }
        if let Some(score) = row.score {
            sheet.write_number_with_format(r, 5, f64::from(score), &score_format)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, corpus.rows.len() as u32, COLUMNS.len() as u16 - 1)?;
    book.save_to_buffer()
}

/// Cell text: control characters dropped (XML 1.0 cannot carry them), cut to Excel's limit.
fn cell(text: &str) -> String {
    let text = strip_controls(text);
    match text.char_indices().nth(CELL_LIMIT) {
        Some((at, _)) => text[..at].to_string(),
        None => text.into_owned(),
    }
}
