//! The drift report of a corpus as `run`, `drift`, `render --drift` and the review server all
//! build it: the checks, the glossary's term rules, and the accepted findings of the
//! suppression file.

use super::PipelineError;
use crate::corpus::Corpus;
use crate::drift::ignore::{Ignore, FILE_NAME};
use crate::drift::{terms, DriftOptions, Report};
use std::path::{Path, PathBuf};

/// The drift report of `corpus`: with the glossary's term rules when given, and the
/// suppressions of the `ignore` file when given.
pub fn drift_report(
    corpus: &Corpus,
    glossary: Option<&Path>,
    ignore: Option<&Path>,
) -> Result<Report, PipelineError> {
    let mut options = DriftOptions::default();
    if let Some(g) = glossary {
        options.rules = terms::load(g)?;
    }
    let mut report = crate::drift::check(corpus, &options);
    if let Some(p) = ignore {
        report.apply_ignore(&Ignore::read(p)?);
    }
    Ok(report)
}

/// The suppression file beside the corpus file `corpus`, when there is one.
pub fn ignore_beside(corpus: &Path) -> Option<PathBuf> {
    let p = corpus
        .parent()
        .map_or_else(|| PathBuf::from(FILE_NAME), |d| d.join(FILE_NAME));
    p.is_file().then_some(p)
}
