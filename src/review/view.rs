//! What a front end shows of an open workspace: the rows with their sentences, units,
//! confirmation and findings ([`ReviewRow`]), the findings list ([`ReviewFinding`]) and the
//! progress count.

use super::Workspace;
use serde::Serialize;
use std::ops::Range;

/// One corpus row as the review page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewRow {
    /// The row's index in [`Workspace::rows`].
    pub index: usize,
    /// The corpus row (times, speaker, section, flags, score, zh, en).
    #[serde(serialize_with = "serialize_row")]
    pub row: crate::corpus::Row,
    /// The row's Chinese sentences, one by one.
    pub zh_sentences: Vec<String>,
    /// The row's English units, one by one.
    pub en_units: Vec<String>,
    /// The sentences' and units' indices in the whole documents.
    pub zh_range: Range<usize>,
    pub en_range: Range<usize>,
    /// A confirmed link holds the row as it is.
    pub confirmed: bool,
    /// The score marks the row as doubtful ([`crate::corpus::DOUBTFUL_BELOW`]).
    pub doubtful: bool,
    /// Ids of the drift findings on this row.
    pub findings: Vec<String>,
}

/// One drift or glossary finding, with the row it is on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewFinding {
    pub id: String,
    pub kind: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    pub message: String,
    pub row: Option<usize>,
    /// The reason it was accepted, when the suppression file accepts it.
    pub accepted: Option<String>,
}

impl Workspace {
    /// The corpus rows, in order.
    pub fn rows(&self) -> Vec<ReviewRow> {
        let mut findings: Vec<Vec<String>> = vec![Vec::new(); self.corpus.rows.len()];
        for f in &self.report.findings {
            for ids in findings
                .iter_mut()
                .take(f.last_row.max(f.row) + 1)
                .skip(f.row)
            {
                ids.push(f.id.clone());
            }
        }
        self.corpus
            .rows
            .iter()
            .zip(&self.beads)
            .zip(findings)
            .enumerate()
            .map(|(index, ((row, bead), findings))| ReviewRow {
                index,
                row: row.clone(),
                zh_sentences: self.inputs.zh[bead.zh.clone()]
                    .iter()
                    .map(|s| s.text.clone())
                    .collect(),
                en_units: self.en[bead.en.clone()]
                    .iter()
                    .map(|s| s.text.clone())
                    .collect(),
                zh_range: bead.zh.clone(),
                en_range: bead.en.clone(),
                confirmed: self.confirmed[index].is_some(),
                doubtful: row.is_doubtful(),
                findings,
            })
            .collect()
    }

    /// Drift and glossary findings, each with its row.
    pub fn findings(&self) -> Vec<ReviewFinding> {
        self.report
            .findings
            .iter()
            .map(|f| ReviewFinding {
                id: f.id.clone(),
                kind: f.kind.as_str().to_string(),
                severity: f.severity.as_str().to_string(),
                message: f.message.clone(),
                row: (f.row < self.corpus.rows.len()).then_some(f.row),
                accepted: self.ignore.reasons.get(&f.id).cloned(),
            })
            .collect()
    }

    /// (confirmed rows, rows).
    pub fn progress(&self) -> (usize, usize) {
        (
            self.confirmed.iter().filter(|c| c.is_some()).count(),
            self.corpus.rows.len(),
        )
    }
}

/// A corpus row as JSON: its fields, with the flags by name.
fn serialize_row<S: serde::Serializer>(row: &crate::corpus::Row, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut st = s.serialize_struct("Row", 8)?;
    st.serialize_field("start_ms", &row.start_ms)?;
    st.serialize_field("end_ms", &row.end_ms)?;
    st.serialize_field("speaker", &row.speaker)?;
    st.serialize_field("section", &row.section)?;
    let flags: Vec<&str> = row.flags.iter().map(|f| f.as_str()).collect();
    st.serialize_field("flags", &flags)?;
    st.serialize_field("score", &row.score)?;
    st.serialize_field("zh", &row.zh)?;
    st.serialize_field("en", &row.en)?;
    st.end()
}
