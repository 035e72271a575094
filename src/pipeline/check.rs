//! The drift report of a corpus as `run`, `drift`, `render --drift` and the review server all
//! build it: the checks, the glossary's term rules, and the accepted findings of the
//! suppression file.

use super::PipelineError;
use crate::corpus::Corpus;
use crate::drift::ignore::{Ignore, FILE_NAME};
use crate::drift::terms::{self, TermRules};
use crate::drift::{DriftCache, DriftOptions, Report};
use crate::glossary::Glossary;
use crate::text::files::{decode, read_bytes};
use std::path::{Path, PathBuf};

/// The drift report of `corpus`: with the glossary's term rules when given, and the
/// suppressions of the `ignore` file when given.
pub fn drift_report(
    corpus: &Corpus,
    glossary: Option<&Path>,
    ignore: Option<&Path>,
) -> Result<Report, PipelineError> {
    let rules = glossary.map(terms::load).transpose()?;
    suppressed(crate::drift::check(corpus, &options(rules)), ignore)
}

/// The drift options with the glossary's term rules, when there is a glossary.
fn options(rules: Option<TermRules>) -> DriftOptions {
    DriftOptions {
        rules: rules.unwrap_or_default(),
        ..DriftOptions::default()
    }
}

/// `report` less the findings the suppression file `ignore` accepts, when given.
fn suppressed(mut report: Report, ignore: Option<&Path>) -> Result<Report, PipelineError> {
    if let Some(p) = ignore {
        report.apply_ignore(&Ignore::read(p)?);
    }
    Ok(report)
}

/// [`drift_report`] for a corpus checked again and again as it changes (the review
/// workbench): the glossary is parsed again only when its bytes changed, and the checks keep
/// their per-row work between reports ([`DriftCache`]). The reports are exactly
/// [`drift_report`]'s.
#[derive(Debug, Default)]
pub struct Checker {
    /// The glossary's path and bytes as last parsed, with the rules parsed from them.
    glossary: Option<(PathBuf, Vec<u8>, TermRules)>,
    drift: DriftCache,
}

impl Checker {
    pub fn new() -> Checker {
        Checker::default()
    }

    /// The drift report of `corpus`, as [`drift_report`] gives it.
    pub fn report(
        &mut self,
        corpus: &Corpus,
        glossary: Option<&Path>,
        ignore: Option<&Path>,
    ) -> Result<Report, PipelineError> {
        let rules = glossary.map(|g| self.rules(g)).transpose()?;
        let report = self.drift.check(corpus, &options(rules));
        suppressed(report, ignore)
    }

    /// The drift cache's counts (see [`DriftCache::counts`], [`DriftCache::last_rows`]).
    pub fn cache(&self) -> &DriftCache {
        &self.drift
    }

    /// The glossary's rules, parsed again only when the file's bytes changed. The rules are
    /// parsed from the very bytes kept, so a glossary rewritten between two reads (another
    /// process adding a term) cannot leave rules that do not match the bytes they are kept by.
    fn rules(&mut self, path: &Path) -> Result<TermRules, PipelineError> {
        let bytes = read_bytes(path).map_err(glossary_error)?;
        if let Some((p, b, rules)) = &self.glossary {
            if p == path && *b == bytes {
                return Ok(rules.clone());
            }
        }
        let (text, _) = decode(&bytes, path).map_err(glossary_error)?;
        let rules = TermRules {
            glossary: Some(Glossary::parse(&text, path)?),
        };
        self.glossary = Some((path.to_path_buf(), bytes, rules.clone()));
        Ok(rules)
    }
}

/// A glossary file that cannot be read, as `terms::load` reports it.
fn glossary_error(e: crate::text::files::FileError) -> PipelineError {
    crate::glossary::GlossaryError::from(e).into()
}

/// The suppression file beside the corpus file `corpus`, when there is one.
pub fn ignore_beside(corpus: &Path) -> Option<PathBuf> {
    let p = corpus
        .parent()
        .map_or_else(|| PathBuf::from(FILE_NAME), |d| d.join(FILE_NAME));
    p.is_file().then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "en,zh,en_variants,zh_variants,zh_forbidden\n";

    fn term_findings(report: &Report) -> usize {
        report
            .findings
            .iter()
            .filter(|f| f.kind == crate::drift::Kind::Term)
            .count()
    }

    #[test]
    fn the_checker_follows_a_glossary_rewritten_between_reports() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("terms.csv");
        let corpus = Corpus::from_pairs([("我们用转移学习。", "We use transfer learning.")]);
        let mut checker = Checker::new();

        std::fs::write(&path, format!("{HEADER}agent,智能体,,,\n")).unwrap();
        let first = checker.report(&corpus, Some(&path), None).unwrap();
        assert_eq!(term_findings(&first), 0);

        // Another process adds the term with its forbidden rendering: the next report has it.
        std::fs::write(
            &path,
            format!("{HEADER}agent,智能体,,,\ntransfer learning,迁移学习,,,转移学习\n"),
        )
        .unwrap();
        let second = checker.report(&corpus, Some(&path), None).unwrap();
        assert!(term_findings(&second) >= 1, "{:?}", second.findings);
        assert_eq!(second, drift_report(&corpus, Some(&path), None).unwrap());

        // A broken glossary is an error naming the file and line, and the next good one is read.
        std::fs::write(&path, format!("{HEADER}agent,智能体,,,,extra\n")).unwrap();
        let err = checker.report(&corpus, Some(&path), None).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("terms.csv:2:"), "{message}");
        std::fs::write(&path, format!("{HEADER}agent,智能体,,,\n")).unwrap();
        let again = checker.report(&corpus, Some(&path), None).unwrap();
        assert_eq!(again, first);
    }
}
