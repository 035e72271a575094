//! The drift report of a corpus as `run`, `drift`, `render --drift` and the review server all
//! build it: the checks, the glossary's term rules, and the accepted findings of the
//! suppression file.

use super::PipelineError;
use crate::corpus::Corpus;
use crate::drift::ignore::{Ignore, FILE_NAME};
use crate::drift::terms::{self, TermRules};
use crate::drift::{DriftCache, DriftOptions, Report};
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

    /// The glossary's rules, parsed again only when the file's bytes changed.
    fn rules(&mut self, path: &Path) -> Result<TermRules, PipelineError> {
        // An unreadable file is left to `terms::load`, which names it in its error.
        let bytes = std::fs::read(path).ok();
        if let (Some(bytes), Some((p, b, rules))) = (&bytes, &self.glossary) {
            if p == path && b == bytes {
                return Ok(rules.clone());
            }
        }
        let rules = terms::load(path)?;
        self.glossary = bytes.map(|b| (path.to_path_buf(), b, rules.clone()));
        Ok(rules)
    }
}

/// The suppression file beside the corpus file `corpus`, when there is one.
pub fn ignore_beside(corpus: &Path) -> Option<PathBuf> {
    let p = corpus
        .parent()
        .map_or_else(|| PathBuf::from(FILE_NAME), |d| d.join(FILE_NAME));
    p.is_file().then_some(p)
}
