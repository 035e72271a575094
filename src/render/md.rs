//! The Markdown view: a side-by-side table per stretch of one section and one speaker, with
//! a heading for each section and the speaker's name above each turn.

use super::{marks_for, Extras, Finding, Highlight, Side, Tally};
use crate::corpus::{Corpus, Flag, Row};
use std::fmt::Write;

/// Escapes text for a table cell: Markdown's punctuation is backslash-escaped (`|` included,
/// which would end the cell), `<` and `&` become entities, line breaks become `<br>` and
/// control characters are dropped.
pub fn escape(s: &str) -> String {
    let s = super::strip_controls(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '>' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("<br>"),
            '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Renders the corpus as Markdown (CommonMark with GitHub's tables). Glossary terms are set
/// in `<ins>` (underlined), drift findings' offending words in `<mark>` and explained in the
/// last column; a legend says so. Inline HTML rather than `**`, whose CommonMark rules fail
/// next to Chinese punctuation and between two adjacent marks.
pub fn render(corpus: &Corpus, extras: Extras) -> String {
    let highlights = extras.highlights;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(super::title(corpus)));
    if let Some(link) = super::video_link(corpus, 0) {
        let _ = writeln!(out, "Video: <{link}>\n");
    }
    let tally = Tally::of(corpus);
    if !tally.has_english {
        return reading(corpus, extras.missing_en, out);
    }
    let _ = writeln!(
        out,
        "{} · {} without English · {} without Chinese · {} doubtful (score below {:.2})\n",
        super::plural(tally.rows, "row", "rows"),
        tally.zh_only,
        tally.en_only,
        tally.doubtful,
        crate::corpus::DOUBTFUL_BELOW
    );
    out.push_str(
        "Legend: <ins>term</ins> a glossary term · <mark>words</mark> what a drift finding is about \
         (the finding is in the last column) · ⚠ a missing side or a doubtful alignment\n\n",
    );
    let mut section: Option<&str> = None;
    let mut speaker: Option<&str> = None;
    let mut open = false;
    // A heading row is written as the heading itself, not as a table row.
    let mut heading_row = "";
    for (i, row) in corpus.rows.iter().enumerate() {
        if row.has(Flag::Heading) {
            let en = if row.en.trim().is_empty() {
                String::new()
            } else {
                format!(" / {}", escape(&row.en))
            };
            let _ = writeln!(out, "{}## {}{en}\n", gap(open), escape(&row.zh));
            open = false;
            heading_row = &row.zh;
            section = Some(&row.section);
            speaker = None;
            continue;
        }
        let new_section = section != Some(row.section.as_str());
        if new_section {
            if !row.section.is_empty() && row.section != heading_row {
                let _ = writeln!(out, "{}## {}\n", gap(open), escape(&row.section));
                open = false;
            }
            section = Some(&row.section);
            speaker = None;
        }
        if speaker != Some(row.speaker.as_str()) {
            if !row.speaker.is_empty() {
                let _ = writeln!(out, "{}<b>{}</b>\n", gap(open), escape(&row.speaker));
                open = false;
            }
            speaker = Some(&row.speaker);
        }
        if !open {
            out.push_str("| time | 中文 | English | notes |\n|---|---|---|---|\n");
            open = true;
        }
        let time = row.start_ms.map(super::clock).unwrap_or_default();
        let time = match row.start_ms.and_then(|ms| super::video_link(corpus, ms)) {
            Some(link) => format!("[{time}](<{link}>)"),
            None => time,
        };
        let findings: Vec<&Finding> = extras.findings.iter().filter(|f| f.row == i).collect();
        let _ = writeln!(
            out,
            "| {time} | {} | {} | {} |",
            cell(&row.zh, &marks_for(highlights, i, Side::Zh, &row.zh)),
            cell(&row.en, &marks_for(highlights, i, Side::En, &row.en)),
            notes(row, &findings)
        );
    }
    out
}

/// A corpus without English: one sentence on how to add it, then the Chinese as text.
fn reading(corpus: &Corpus, missing_en: Option<&str>, mut out: String) -> String {
    // Trusted text from the pipeline, with its command in a code span: only `<` and `&`
    // need care (backslash escapes would show inside the code span).
    let how = missing_en
        .map(|h| super::strip_controls(h).replace('&', "&amp;").replace('<', "&lt;"))
        .unwrap_or_else(|| {
        "add an English transcript beside the article and run `cargo run --release -- run` again"
            .to_string()
    });
    let _ = writeln!(
        out,
        "**The English is missing**, so this file holds the Chinese only: {how}.\n"
    );
    let mut section: Option<&str> = None;
    let mut speaker: Option<&str> = None;
    for row in &corpus.rows {
        if row.has(Flag::Heading) {
            let _ = writeln!(out, "## {}\n", escape(&row.zh));
            section = Some(&row.section);
            speaker = None;
            continue;
        }
        if section != Some(row.section.as_str()) {
            if !row.section.is_empty() {
                let _ = writeln!(out, "## {}\n", escape(&row.section));
            }
            section = Some(&row.section);
            speaker = None;
        }
        if speaker != Some(row.speaker.as_str()) {
            if !row.speaker.is_empty() {
                let _ = writeln!(out, "<b>{}</b>\n", escape(&row.speaker));
            }
            speaker = Some(&row.speaker);
        }
        let _ = writeln!(out, "{}\n", escape(&row.zh));
    }
    out
}

fn gap(open: bool) -> &'static str {
    if open {
        "\n"
    } else {
        ""
    }
}

fn cell(text: &str, marks: &[&Highlight]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for mark in marks {
        out.push_str(&escape(&text[at..mark.range.start]));
        let inner = escape(&text[mark.range.clone()]);
        let tag = if mark.class == "term" { "ins" } else { "mark" };
        let _ = write!(out, "<{tag}>{inner}</{tag}>");
        at = mark.range.end;
    }
    out.push_str(&escape(&text[at..]));
    if out.trim().is_empty() {
        "—".to_string()
    } else {
        out
    }
}

fn notes(row: &Row, findings: &[&Finding]) -> String {
    let structural = super::structural(row);
    let mut notes: Vec<String> = row
        .flags
        .iter()
        .filter(|f| !(structural && matches!(f, Flag::ZhOnly | Flag::EnOnly)))
        .map(|f| match f {
            Flag::ZhOnly => "⚠ no English".to_string(),
            Flag::EnOnly => "⚠ no Chinese".to_string(),
            other => other.as_str().to_string(),
        })
        .collect();
    if let (true, Some(score)) = (row.is_doubtful(), row.score) {
        notes.push(format!("⚠ score {score:.2}"));
    }
    for f in findings {
        notes.push(format!(
            "{} {}: {}",
            f.severity,
            escape(&f.kind),
            escape(&f.message)
        ));
    }
    notes.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_and_markup_are_escaped() {
        assert_eq!(escape("a|b *c* <d>\u{7}"), "a\\|b \\*c\\* &lt;d\\>");
    }

    #[test]
    fn tables_are_grouped_by_section_and_speaker() {
        let mut corpus = Corpus::default();
        let row = |section: &str, speaker: &str, zh: &str| Row {
            section: section.into(),
            speaker: speaker.into(),
            zh: zh.into(),
            en: "x | y".into(),
            ..Row::default()
        };
        corpus.rows = vec![
            row("一", "Ann", "甲"),
            row("一", "Ann", "乙"),
            row("一", "Bob", "丙"),
            row("二", "Bob", "丁"),
        ];
        let md = render(&corpus, Extras::default());
        assert_eq!(md.matches("## ").count(), 2);
        assert_eq!(md.matches("<b>Bob</b>").count(), 2);
        assert_eq!(md.lines().filter(|l| *l == "|---|---|---|---|").count(), 3);
        assert!(md.contains("| 乙 | x \\| y |"));
        for line in md.lines().filter(|l| l.starts_with("| ")) {
            assert_eq!(line.replace("\\|", "").matches('|').count(), 5, "{line}");
        }
    }
}
