//! The drift report: where the Chinese departs from the English source.
//!
//! [`check`] runs every check over a [`Corpus`] and returns a [`Report`]: omissions and
//! additions ([`omission`]), numbers ([`numbers`]), names and Latin-script words ([`names`]),
//! glossary terms ([`terms`]), speakers and questions ([`speakers`]), and meaning-level warning
//! signs ([`meaning`]). Each [`Finding`] carries a stable id (a hash of its kind and the text
//! involved, not of its row number), so that a suppression file ([`ignore`]) keeps working when
//! rows shift. [`report`] writes the report as text, Markdown, JSON or an HTML fragment.
//! [`cache::DriftCache`] checks a corpus that changes a little at a time (the review
//! workbench) at a cost that follows what changed, with the same report.

pub mod cache;
pub mod caption_gap;
pub mod caption_meaning;
pub mod caption_trace;
mod clauses;
pub mod codes;
pub mod consistency;
pub mod ignore;
pub mod meaning;
pub mod names;
mod noise;
pub mod numbers;
pub mod omission;
pub mod related;
pub mod report;
pub mod speakers;
mod split;
pub mod support;
pub mod terms;
pub mod zhonly;

use crate::corpus::{Corpus, Flag, Row};
use serde::Serialize;
use std::ops::Range;

pub use cache::DriftCache;
pub use report::Report;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// English with no Chinese.
    Omission,
    /// Chinese with no English.
    Addition,
    /// A translator's or editor's note: expected, listed for the record.
    Note,
    /// The whole corpus has no English: said once instead of one addition per row.
    NoEnglish,
    /// A number on one side with no equal on the other.
    Number,
    /// The same mantissa with a scale off by a power of ten (12亿 for 12 billion).
    NumberScale,
    /// A Latin-script name or word missing, misspelt or re-cased.
    Name,
    /// A glossary violation.
    Term,
    /// The Chinese speaker differs from the English one.
    Speaker,
    /// A question inside another speaker's answer, or a question turned statement (or back).
    Question,
    /// A negation on one side only.
    Negation,
    /// A length ratio far outside the document's own.
    Length,
    /// A very low alignment score.
    LowScore,
    /// House style of the Chinese alone: half-width punctuation, doubled words.
    Style,
}

impl Kind {
    pub const ALL: [Kind; 14] = [
        Kind::Omission,
        Kind::Addition,
        Kind::Note,
        Kind::NoEnglish,
        Kind::Number,
        Kind::NumberScale,
        Kind::Name,
        Kind::Term,
        Kind::Speaker,
        Kind::Question,
        Kind::Negation,
        Kind::Length,
        Kind::LowScore,
        Kind::Style,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Omission => "omission",
            Kind::Addition => "addition",
            Kind::Note => "note",
            Kind::NoEnglish => "no-english",
            Kind::Number => "number",
            Kind::NumberScale => "number-scale",
            Kind::Name => "name",
            Kind::Term => "term",
            Kind::Speaker => "speaker",
            Kind::Question => "question",
            Kind::Negation => "negation",
            Kind::Length => "length",
            Kind::LowScore => "low-score",
            Kind::Style => "style",
        }
    }
}

/// One departure of the Chinese from the English.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable id: FNV-1a 64 of the kind, the texts and the evidence, in hex.
    pub id: String,
    pub kind: Kind,
    pub severity: Severity,
    /// Index of the (first) row in `Corpus::rows`.
    pub row: usize,
    /// Index of the last row, for a finding spanning a run of rows.
    pub last_row: usize,
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    pub speaker: String,
    pub section: String,
    pub zh: String,
    pub en: String,
    /// The offending parts, as byte ranges in `zh` and `en`.
    pub zh_marks: Vec<Range<usize>>,
    pub en_marks: Vec<Range<usize>>,
    /// One line saying what is wrong.
    pub message: String,
}

/// A finding as a check builds it, before it gets its id and row details.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub kind: Kind,
    pub severity: Severity,
    pub row: usize,
    pub last_row: usize,
    pub zh_marks: Vec<Range<usize>>,
    pub en_marks: Vec<Range<usize>>,
    pub message: String,
    /// What the id hashes besides the kind and texts (the number, the name).
    pub evidence: String,
}

impl Draft {
    pub fn new(kind: Kind, severity: Severity, row: usize, message: impl Into<String>) -> Draft {
        Draft {
            kind,
            severity,
            row,
            last_row: row,
            zh_marks: Vec::new(),
            en_marks: Vec::new(),
            message: message.into(),
            evidence: String::new(),
        }
    }
    pub fn zh(mut self, range: Range<usize>) -> Draft {
        self.zh_marks.push(range);
        self
    }
    pub fn en(mut self, range: Range<usize>) -> Draft {
        self.en_marks.push(range);
        self
    }
    pub fn evidence(mut self, evidence: impl Into<String>) -> Draft {
        self.evidence = evidence.into();
        self
    }
}

/// What the checks may use besides the corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DriftOptions {
    /// The glossary to check the rows against (see [`terms::load`]).
    pub rules: terms::TermRules,
    /// Term findings computed elsewhere, already in drift form.
    pub terms: Vec<Draft>,
    /// Rows whose score is below this are flagged; by default the rows
    /// [`Row::is_doubtful`] calls doubtful ([`crate::corpus::DOUBTFUL_BELOW`]), the one
    /// threshold the views and the workbench use too.
    pub low_score: Option<f32>,
}

/// Runs every check.
pub fn check(corpus: &Corpus, options: &DriftOptions) -> Report {
    check_with(corpus, options, &mut cache::SupportMemo::default())
}

/// [`check`], keeping the in-row support check's per-row work in `memo` ([`cache`]).
fn check_with(corpus: &Corpus, options: &DriftOptions, memo: &mut cache::SupportMemo) -> Report {
    let doc = Doc::new(corpus);
    let mut drafts = Vec::new();
    let glossary = options.rules.glossary.as_ref();
    if doc.has_english {
        drafts.extend(omission::check(&doc));
        drafts.extend(support::check_with(&doc, memo));
        drafts.extend(numbers::check(&doc));
        drafts.extend(names::check(&doc));
        drafts.extend(codes::check(&doc));
        drafts.extend(consistency::check(&doc, glossary));
        drafts.extend(meaning::check(&doc, options.low_score));
        drafts.extend(options.terms.iter().cloned());
    } else if !corpus.rows.is_empty() {
        drafts.push(Draft::new(
            Kind::NoEnglish,
            Severity::Info,
            0,
            format!(
                "the corpus has no English ({} rows, all Chinese): only the Chinese-only checks ran ({}{}); not run: {}",
                corpus.rows.len(),
                zhonly::CHECKS,
                if glossary.is_some() { "" } else { "; the glossary ones need a glossary" },
                zhonly::NEEDS_ENGLISH
            ),
        ));
        drafts.last_mut().expect("just pushed").last_row = corpus.rows.len() - 1;
    }
    // The glossary check works row by row: with English it checks the renderings, without it
    // still finds forbidden ones.
    if let Some(g) = glossary {
        drafts.extend(terms::from_glossary(corpus, g));
    }
    drafts.extend(zhonly::check(&doc, glossary));
    drafts.extend(omission::notes(&doc));
    drafts.extend(speakers::check(&doc));
    caption_meaning::revise(&doc, &mut drafts);
    Report::new(corpus, finish(corpus, fold(drafts)))
}

/// Says so when the two sides are not translations of each other (a transcript of another
/// talk): when most rows' English finds no lexical support in their Chinese. `None` when the
/// corpus looks like a translation or is too short to tell.
pub fn source_mismatch(corpus: &Corpus) -> Option<String> {
    let (share, n) = support::unsupported_share(corpus)?;
    (share > support::MISMATCH_SHARE).then(|| {
        format!(
            "the Chinese and the English do not look like translations of each other: {:.0}% of {n} rows have no lexical support across the two sides (the clean translations measured have at most 22%); check that the files belong together",
            share * 100.0
        )
    })
}

/// One row, one reason: a low-score or length note on a row whose omission or addition
/// finding already names the stretch that does not match says nothing the reviewer has not
/// been shown, so it is dropped (only at info; the omission or addition stays).
fn fold(drafts: Vec<Draft>) -> Vec<Draft> {
    let explained: std::collections::HashSet<usize> = drafts
        .iter()
        .filter(|d| matches!(d.kind, Kind::Omission | Kind::Addition))
        .flat_map(|d| d.row..=d.last_row.max(d.row))
        .collect();
    drafts
        .into_iter()
        .filter(|d| {
            !(matches!(d.kind, Kind::LowScore | Kind::Length)
                && d.severity == Severity::Info
                && explained.contains(&d.row))
        })
        .collect()
}

/// Gives drafts their ids and row details, in row order.
fn finish(corpus: &Corpus, mut drafts: Vec<Draft>) -> Vec<Finding> {
    drafts.sort_by_key(|d| (d.row, d.kind));
    let mut seen = std::collections::HashMap::new();
    drafts
        .into_iter()
        .map(|d| {
            let first = &corpus.rows[d.row.min(corpus.rows.len().saturating_sub(1))];
            let last = &corpus.rows[d.last_row.min(corpus.rows.len().saturating_sub(1))];
            let (zh, en) = if d.kind == Kind::NoEnglish {
                // About the whole corpus: no text to quote.
                (String::new(), String::new())
            } else if d.last_row > d.row {
                let rows = &corpus.rows[d.row..=d.last_row];
                (
                    rows.iter()
                        .map(|r| r.zh.as_str())
                        .collect::<Vec<_>>()
                        .join(""),
                    rows.iter()
                        .map(|r| r.en.as_str())
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            } else {
                (first.zh.clone(), first.en.clone())
            };
            let key = format!("{}\0{}\0{}\0{}", d.kind.as_str(), zh, en, d.evidence);
            let n = seen.entry(key.clone()).or_insert(0u32);
            *n += 1;
            let key = if *n > 1 { format!("{key}\0{n}") } else { key };
            let (zh_marks, en_marks) = if d.last_row > d.row {
                (vec![], vec![])
            } else {
                (d.zh_marks, d.en_marks)
            };
            Finding {
                id: format!("{:016x}", fnv1a64(key.as_bytes())),
                kind: d.kind,
                severity: d.severity,
                row: d.row,
                last_row: d.last_row,
                start_ms: first.start_ms,
                end_ms: last.end_ms.or(first.end_ms),
                speaker: first.speaker.clone(),
                section: first.section.clone(),
                zh,
                en,
                zh_marks,
                en_marks,
                message: d.message,
            }
        })
        .collect()
}

/// FNV-1a, 64 bits: a simple hash whose values never change between runs or builds.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The corpus as the checks see it: rows plus what is known about the whole document.
pub struct Doc<'a> {
    pub corpus: &'a Corpus,
    pub has_english: bool,
    /// Per row, the byte ranges of inline translator's notes in `zh` (（…） explanations).
    pub notes: Vec<Vec<Range<usize>>>,
}

impl<'a> Doc<'a> {
    pub fn new(corpus: &'a Corpus) -> Doc<'a> {
        let has_english = corpus.rows.iter().any(|r| !r.en.trim().is_empty());
        let notes = corpus
            .rows
            .iter()
            .map(|r| omission::inline_notes(&r.zh, &r.en))
            .collect();
        Doc {
            corpus,
            has_english,
            notes,
        }
    }

    pub fn rows(&self) -> &'a [Row] {
        &self.corpus.rows
    }

    /// Rows that carry both languages and are not headings.
    pub fn bilingual(&self) -> impl Iterator<Item = (usize, &'a Row)> + '_ {
        self.corpus.rows.iter().enumerate().filter(|(_, r)| {
            !r.zh.trim().is_empty()
                && !r.en.trim().is_empty()
                && !r.has(Flag::Heading)
                && !r.has(Flag::ZhOnly)
                && !r.has(Flag::EnOnly)
        })
    }

    /// The row's Chinese with inline notes blanked out (same byte length, offsets kept).
    pub fn zh_without_notes(&self, row: usize) -> String {
        let zh = &self.corpus.rows[row].zh;
        let mut out = zh.clone();
        for r in &self.notes[row] {
            let blank: String = zh[r.clone()]
                .chars()
                .map(|c| " ".repeat(c.len_utf8()))
                .collect();
            out.replace_range(r.clone(), &blank);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corpus::Row;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::text::fuzz_config::fixed(200, 19))]
        /// Any text, in any mix of scripts, gives a report without panicking, and every
        /// mark is a valid range of its text.
        #[test]
        fn never_panics_and_marks_are_in_range(
            rows in proptest::collection::vec(
                ("[一二两三十百千万亿几多第年代分之%％0-9０-９.,不没你吗？?（）()a-zA-Z \\-]{0,24}",
                 "[a-zA-Z0-9 ,.?'%()-]{0,30}", 0u8..4),
                0..8,
            )
        ) {
            let corpus = Corpus {
                rows: rows
                    .into_iter()
                    .map(|(zh, en, f)| {
                        let mut row = Row { zh, en, ..Row::default() };
                        match f {
                            1 => row.set(Flag::ZhOnly),
                            2 => row.set(Flag::EnOnly),
                            _ => {}
                        }
                        row
                    })
                    .collect(),
                ..Corpus::default()
            };
            let report = check(&corpus, &DriftOptions::default());
            for f in &report.findings {
                for r in &f.zh_marks {
                    prop_assert!(f.zh.get(r.clone()).is_some(), "{:?} in {:?}", r, f.zh);
                }
                for r in &f.en_marks {
                    prop_assert!(f.en.get(r.clone()).is_some(), "{:?} in {:?}", r, f.en);
                }
            }
            let _ = report.to_text();
            let _ = report::html_fragment(&report);
        }
    }

    /// Found by the fuzz run above: a row whose Chinese is a lone "％" (a percent sign
    /// with no number) beside an English "0", flagged as Chinese-only.
    #[test]
    fn a_lone_percent_sign_beside_a_zero_does_not_panic() {
        for f in [None, Some(Flag::ZhOnly), Some(Flag::EnOnly)] {
            let mut row = Row {
                zh: "％".into(),
                en: "0".into(),
                ..Row::default()
            };
            if let Some(f) = f {
                row.set(f);
            }
            let corpus = Corpus {
                rows: vec![row],
                ..Corpus::default()
            };
            let _ = check(&corpus, &DriftOptions::default()).to_text();
        }
    }

    #[test]
    fn highlights_carry_the_severity_class() {
        let corpus = Corpus {
            rows: vec![Row {
                zh: "我们融了12亿美元。".into(),
                en: "We raised 12 billion dollars.".into(),
                ..Row::default()
            }],
            ..Corpus::default()
        };
        let hs = check(&corpus, &DriftOptions::default()).highlights();
        assert_eq!(hs.len(), 2);
        assert!(hs.iter().all(|h| h.class == "drift-error" && h.row == 0));
        let zh = hs
            .iter()
            .find(|h| h.side == crate::render::Side::Zh)
            .unwrap();
        assert_eq!(&corpus.rows[0].zh[zh.range.clone()], "12亿");
    }

    #[test]
    fn fnv_matches_the_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }
}
