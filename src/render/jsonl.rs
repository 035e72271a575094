//! JSON Lines export: one object per bead, the same keys on every line, for scripts and
//! machine-learning pipelines. Highlights ride along as `marks` (byte offsets into the text).

use super::{marks_for, Highlight, Side};
use crate::corpus::{tsv, Corpus};
use serde::Serialize;

#[derive(Serialize)]
struct Bead<'a> {
    start: Option<String>,
    end: Option<String>,
    start_ms: Option<u64>,
    end_ms: Option<u64>,
    speaker: &'a str,
    section: &'a str,
    flags: Vec<&'static str>,
    score: Option<f64>,
    zh: &'a str,
    en: &'a str,
    url: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    marks: Vec<Mark<'a>>,
}

#[derive(Serialize)]
struct Mark<'a> {
    side: &'static str,
    start: usize,
    end: usize,
    class: &'a str,
    title: &'a str,
}

/// Renders one JSON object per row, each on its own line.
pub fn render(corpus: &Corpus, highlights: &[Highlight]) -> String {
    let mut out = String::new();
    for (i, row) in corpus.rows.iter().enumerate() {
        let mut marks = Vec::new();
        for (side, name, text) in [(Side::Zh, "zh", &row.zh), (Side::En, "en", &row.en)] {
            for h in marks_for(highlights, i, side, text) {
                marks.push(Mark {
                    side: name,
                    start: h.range.start,
                    end: h.range.end,
                    class: &h.class,
                    title: &h.title,
                });
            }
        }
        let bead = Bead {
            start: row.start_ms.map(tsv::format_time),
            end: row.end_ms.map(tsv::format_time),
            start_ms: row.start_ms,
            end_ms: row.end_ms,
            speaker: &row.speaker,
            section: &row.section,
            flags: row.flags.iter().map(|f| f.as_str()).collect(),
            // Two decimals, as in the TSV: 0.91, not 0.9100000262260437.
            score: row.score.map(|s| (f64::from(s) * 100.0).round() / 100.0),
            zh: &row.zh,
            en: &row.en,
            url: row.start_ms.and_then(|ms| super::video_link(corpus, ms)),
            marks,
        };
        // Serialising plain strings and numbers cannot fail.
        if let Ok(line) = serde_json::to_string(&bead) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Flag, Row};

    #[test]
    fn one_object_per_bead_with_the_same_keys() {
        let mut corpus = Corpus::default();
        corpus.rows.push(Row {
            start_ms: Some(1500),
            end_ms: Some(3000),
            score: Some(0.91),
            zh: "你好\n\"世界\"".into(),
            en: "Hello".into(),
            ..Row::default()
        });
        corpus.rows.push(Row {
            flags: vec![Flag::ZhOnly],
            zh: "多".into(),
            ..Row::default()
        });
        let text = render(&corpus, &[]);
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["zh"], "你好\n\"世界\"");
        assert_eq!(lines[0]["start"], "00:00:01.500");
        assert_eq!(lines[0]["score"], 0.91);
        assert_eq!(lines[1]["flags"][0], "zh-only");
        assert_eq!(lines[1]["start"], serde_json::Value::Null);
        let keys =
            |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&lines[0]), keys(&lines[1]));
    }
}
