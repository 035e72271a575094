//! The drift report: findings plus a summary per kind and per section, written as text,
//! Markdown, JSON or an HTML fragment, and handed to the views as highlights.

use super::ignore::Ignore;
use super::{Finding, Kind, Severity};
use crate::corpus::tsv::format_time;
use crate::corpus::Corpus;
use crate::render::{Highlight, Side};
use crate::text::html::escape as html_escape;
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
}

/// The findings of one run of the checks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Rows in the corpus.
    pub rows: usize,
    pub findings: Vec<Finding>,
    /// Findings silenced by the suppression file: id → reason.
    pub suppressed: BTreeMap<String, String>,
    /// Counts per kind (by name).
    pub by_kind: BTreeMap<String, Counts>,
    /// Counts per section (the empty section is `-`).
    pub by_section: BTreeMap<String, Counts>,
    /// Two-sided rows the aligner doubts ([`crate::corpus::Row::is_doubtful`], the threshold
    /// the HTML and Markdown views mark): stated, not listed as findings, because a low
    /// alignment score is a weak signal of a translation fault (docs/drift.md).
    pub doubtful_rows: usize,
}

impl Report {
    pub fn new(corpus: &Corpus, findings: Vec<Finding>) -> Report {
        let mut report = Report {
            rows: corpus.rows.len(),
            findings,
            suppressed: BTreeMap::new(),
            by_kind: BTreeMap::new(),
            by_section: BTreeMap::new(),
            doubtful_rows: corpus.rows.iter().filter(|r| r.is_doubtful()).count(),
        };
        report.recount();
        report
    }

    fn recount(&mut self) {
        self.by_kind.clear();
        self.by_section.clear();
        for f in &self.findings {
            self.by_kind
                .entry(f.kind.as_str().to_string())
                .or_default()
                .add(f.severity);
            let section = if f.section.is_empty() {
                "-"
            } else {
                f.section.as_str()
            };
            self.by_section
                .entry(section.to_string())
                .or_default()
                .add(f.severity);
        }
    }

    /// Removes the findings the suppression file accepts.
    pub fn apply_ignore(&mut self, ignore: &Ignore) {
        let (kept, silenced): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut self.findings)
            .into_iter()
            .partition(|f| !ignore.contains(&f.id));
        for f in silenced {
            self.suppressed
                .insert(f.id.clone(), ignore.reasons[&f.id].clone());
        }
        self.findings = kept;
        self.recount();
    }

    /// How many findings are at or above a severity.
    pub fn count_at_least(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity >= severity)
            .count()
    }

    /// Totals over all findings.
    pub fn totals(&self) -> Counts {
        let mut c = Counts::default();
        for f in &self.findings {
            c.add(f.severity);
        }
        c
    }

    /// The offending parts as highlights for the views (`drift-error`, `drift-warning`).
    pub fn highlights(&self) -> Vec<Highlight> {
        let mut out = Vec::new();
        for f in self
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
        {
            let class = format!("drift-{}", f.severity.as_str());
            let title = format!("{} ({}): {}", f.kind.as_str(), f.id, f.message);
            for (side, marks) in [(Side::Zh, &f.zh_marks), (Side::En, &f.en_marks)] {
                for r in marks {
                    out.push(Highlight {
                        row: f.row,
                        side,
                        range: r.clone(),
                        class: class.clone(),
                        title: title.clone(),
                    });
                }
            }
        }
        out
    }

    /// Plain text: one block per finding, then the summary.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            out.push_str(&format!(
                "{} {} {} {}: {}\n",
                f.severity.as_str(),
                f.kind.as_str(),
                f.id,
                place(f),
                f.message
            ));
            if !f.zh.is_empty() {
                out.push_str(&format!("    zh: {}\n", mark(&f.zh, &f.zh_marks, "⟦", "⟧")));
            }
            if !f.en.is_empty() {
                out.push_str(&format!("    en: {}\n", mark(&f.en, &f.en_marks, "⟦", "⟧")));
            }
        }
        out.push_str(&self.summary_text());
        out
    }

    fn summary_text(&self) -> String {
        let t = self.totals();
        let mut out = format!(
            "{} findings in {} rows: {} errors, {} warnings, {} info",
            t.total(),
            self.rows,
            t.error,
            t.warning,
            t.info
        );
        if !self.suppressed.is_empty() {
            out.push_str(&format!(" ({} suppressed)", self.suppressed.len()));
        }
        out.push('\n');
        if self.doubtful_rows > 0 {
            out.push_str(&format!("{}\n", self.doubtful_line()));
        }
        for (k, c) in &self.by_kind {
            out.push_str(&format!(
                "  {k:<14} {:>3} error {:>3} warning {:>3} info\n",
                c.error, c.warning, c.info
            ));
        }
        if self.by_section.len() > 1 || !self.by_section.contains_key("-") {
            out.push_str("by section:\n");
            for (s, c) in &self.by_section {
                out.push_str(&format!(
                    "  {s}: {} error {} warning {} info\n",
                    c.error, c.warning, c.info
                ));
            }
        }
        out
    }

    /// The sentence about the doubtful rows, the same in every format.
    pub fn doubtful_line(&self) -> String {
        format!(
            "{} rows the aligner doubts (score below {}, marked in the HTML and Markdown views): not listed here",
            self.doubtful_rows,
            crate::corpus::DOUBTFUL_BELOW
        )
    }

    /// Markdown: a summary table per kind and per section, then findings grouped by kind.
    pub fn to_markdown(&self) -> String {
        let t = self.totals();
        let mut out = format!(
            "# Drift report\n\n{} findings in {} rows: {} errors, {} warnings, {} info.\n\n",
            t.total(),
            self.rows,
            t.error,
            t.warning,
            t.info
        );
        if self.doubtful_rows > 0 {
            out.push_str(&format!("{}.\n\n", self.doubtful_line()));
        }
        out.push_str("| kind | errors | warnings | info |\n|---|---:|---:|---:|\n");
        for (k, c) in &self.by_kind {
            out.push_str(&format!(
                "| {k} | {} | {} | {} |\n",
                c.error, c.warning, c.info
            ));
        }
        out.push_str("\n| section | errors | warnings | info |\n|---|---:|---:|---:|\n");
        for (s, c) in &self.by_section {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                md_cell(s),
                c.error,
                c.warning,
                c.info
            ));
        }
        for kind in Kind::ALL {
            let fs: Vec<&Finding> = self.findings.iter().filter(|f| f.kind == kind).collect();
            if fs.is_empty() {
                continue;
            }
            out.push_str(&format!("\n## {} ({})\n\n", kind.as_str(), fs.len()));
            for f in fs {
                out.push_str(&format!(
                    "- **{}** `{}` {}: {}\n",
                    f.severity.as_str(),
                    f.id,
                    md_cell(&place(f)),
                    md_cell(&f.message)
                ));
                if !f.zh.is_empty() {
                    out.push_str(&format!(
                        "  - zh: {}\n",
                        md_cell(&mark(&f.zh, &f.zh_marks, "**", "**"))
                    ));
                }
                if !f.en.is_empty() {
                    out.push_str(&format!(
                        "  - en: {}\n",
                        md_cell(&mark(&f.en, &f.en_marks, "**", "**"))
                    ));
                }
            }
        }
        out
    }

    /// JSON: the whole report.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
            + "\n"
    }
}

/// Where a finding is: rows, time span, speaker, section.
fn place(f: &Finding) -> String {
    let mut s = if f.last_row > f.row {
        format!("rows {}–{}", f.row + 1, f.last_row + 1)
    } else {
        format!("row {}", f.row + 1)
    };
    if let Some(a) = f.start_ms {
        s.push_str(&format!(" {}", format_time(a)));
        if let Some(b) = f.end_ms {
            s.push_str(&format!("–{}", format_time(b)));
        }
    }
    if !f.speaker.is_empty() {
        s.push_str(&format!(" [{}]", f.speaker));
    }
    if !f.section.is_empty() {
        s.push_str(&format!(" §{}", f.section));
    }
    s
}

/// The marks that can be shown: non-empty, inside the text, on character boundaries, in
/// order, and not overlapping an earlier one (which wins).
fn usable_marks(text: &str, marks: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut ms: Vec<Range<usize>> = marks
        .iter()
        .filter(|r| {
            r.start < r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        })
        .cloned()
        .collect();
    ms.sort_by_key(|r| r.start);
    let mut at = 0;
    ms.retain(|r| {
        let keep = r.start >= at;
        if keep {
            at = r.end;
        }
        keep
    });
    ms
}

/// The text with each usable mark wrapped in `open`/`close`; a mark over the whole text is
/// left out (it would point at nothing in particular).
fn mark(text: &str, marks: &[Range<usize>], open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in usable_marks(text, marks) {
        if r.start == 0 && r.end == text.len() {
            return text.to_string();
        }
        out.push_str(&text[at..r.start]);
        out.push_str(open);
        out.push_str(&text[r.clone()]);
        out.push_str(close);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn html_marked(text: &str, marks: &[Range<usize>], class: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in usable_marks(text, marks) {
        out.push_str(&html_escape(&text[at..r.start]));
        out.push_str(&format!(
            "<mark class=\"{class}\">{}</mark>",
            html_escape(&text[r.clone()])
        ));
        at = r.end;
    }
    out.push_str(&html_escape(&text[at..]));
    out
}

/// The report as an HTML fragment (a `<section>`), for the HTML view to embed.
pub fn html_fragment(report: &Report) -> String {
    let t = report.totals();
    let mut out = String::from("<section class=\"drift-report\">\n<h2>Drift report</h2>\n");
    out.push_str(&format!(
        "<p>{} findings in {} rows: {} errors, {} warnings, {} info.</p>\n",
        t.total(),
        report.rows,
        t.error,
        t.warning,
        t.info
    ));
    out.push_str("<table class=\"drift-summary\"><thead><tr><th>kind</th><th>errors</th><th>warnings</th><th>info</th></tr></thead><tbody>\n");
    for (k, c) in &report.by_kind {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            html_escape(k),
            c.error,
            c.warning,
            c.info
        ));
    }
    out.push_str("</tbody></table>\n<table class=\"drift-findings\"><thead><tr><th>severity</th><th>kind</th><th>where</th><th>what</th><th>zh</th><th>en</th><th>id</th></tr></thead><tbody>\n");
    for f in &report.findings {
        let class = format!("drift-{}", f.severity.as_str());
        out.push_str(&format!(
            "<tr class=\"{class}\" id=\"drift-{id}\" data-row=\"{row}\"><td>{sev}</td><td>{kind}</td><td>{place}</td><td>{msg}</td><td lang=\"zh\">{zh}</td><td lang=\"en\">{en}</td><td><code>{id}</code></td></tr>\n",
            id = f.id,
            row = f.row,
            sev = f.severity.as_str(),
            kind = f.kind.as_str(),
            place = html_escape(&place(f)),
            msg = html_escape(&f.message),
            zh = html_marked(&f.zh, &f.zh_marks, &class),
            en = html_marked(&f.en, &f.en_marks, &class),
        ));
    }
    out.push_str("</tbody></table>\n</section>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::single_range_in_vec_init)]
    fn marks_wrap_ranges() {
        assert_eq!(mark("abc def", &[4..7], "[", "]"), "abc [def]");
        assert_eq!(
            html_marked("a<b", &[2..3], "x"),
            "a&lt;<mark class=\"x\">b</mark>"
        );
    }
}
