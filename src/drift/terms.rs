//! Glossary terms in the drift report. The glossary module owns glossaries and their checks
//! ([`crate::glossary::check`]); this file turns its findings into drift findings, so that
//! term violations sit in the same report, with the same ids, suppression and exit codes.

use super::{Draft, Kind, Severity};
use crate::corpus::Corpus;
use crate::glossary::check::FindingKind;
use crate::glossary::Glossary;

/// The glossary the drift report checks terms against (the default holds none: no term
/// checks).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermRules {
    pub glossary: Option<Glossary>,
}

/// Reads a glossary file (see `docs/glossary-format.md`) for the drift report.
pub fn load(path: &std::path::Path) -> Result<TermRules, crate::glossary::GlossaryError> {
    Ok(TermRules {
        glossary: Some(Glossary::load(path)?),
    })
}

/// Checks the corpus against the glossary and converts the findings: a missing or
/// forbidden rendering is an error, an inconsistent one a warning.
pub fn from_glossary(corpus: &Corpus, glossary: &Glossary) -> Vec<Draft> {
    crate::glossary::check::check(corpus, glossary)
        .into_iter()
        .filter(|f| f.row < corpus.rows.len())
        .map(|f| {
            let severity = match f.kind {
                FindingKind::Missing | FindingKind::Forbidden => Severity::Error,
                FindingKind::Inconsistent => Severity::Warning,
            };
            let term = glossary
                .entries
                .get(f.entry)
                .map(|e| e.en.clone())
                .unwrap_or_default();
            let row = &corpus.rows[f.row];
            let mut d = Draft::new(Kind::Term, severity, f.row, f.message.clone())
                .evidence(format!("{}|{term}", f.kind.as_str()));
            if row.en.get(f.en.clone()).is_some() {
                d = d.en(f.en.clone());
            }
            if let Some(z) = f.zh.filter(|z| row.zh.get(z.clone()).is_some()) {
                d = d.zh(z);
            }
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Row;
    use crate::glossary::entry::Entry;

    #[test]
    fn glossary_findings_become_term_findings() {
        let corpus = Corpus {
            rows: vec![
                Row {
                    zh: "大语言模型改变了一切。".into(),
                    en: "Large language models changed everything.".into(),
                    ..Row::default()
                },
                Row {
                    zh: "大型语言模式很贵。".into(),
                    en: "Large language models are expensive.".into(),
                    ..Row::default()
                },
            ],
            ..Corpus::default()
        };
        let mut entry = Entry::new("large language model", "大语言模型");
        entry.zh_forbidden = vec!["大型语言模式".into()];
        entry.inflect = true;
        let found = from_glossary(&corpus, &Glossary::from_entries(vec![entry]));
        assert!(!found.is_empty(), "{found:#?}");
        assert!(found
            .iter()
            .all(|d| d.row == 1 && d.kind == Kind::Term && d.severity == Severity::Error));
    }
}
