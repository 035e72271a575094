//! Why a review action, or the loading of a corpus for review, failed.

use std::path::PathBuf;

/// A failed review operation. Every variant names the file at fault, where there is one;
/// when an operation fails, nothing has been written.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// A file changed on disk since the workspace loaded it (an editor, `git pull`): nothing
    /// was written; reload and try again.
    #[error(
        "{path}: changed on disk since it was loaded; nothing was written (reload, then try again)"
    )]
    Conflict { path: PathBuf },
    /// The action does not fit the corpus as it stands (a row out of range, a split at the
    /// edge of a row, …).
    #[error("{0}")]
    BadAction(String),
    /// Nothing to undo or redo.
    #[error("{0}")]
    NoHistory(String),
    #[error(transparent)]
    Pipeline(#[from] crate::pipeline::PipelineError),
    #[error(transparent)]
    Links(#[from] super::links::LinksError),
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),
    #[error(transparent)]
    Glossary(#[from] crate::glossary::GlossaryError),
    #[error(transparent)]
    Ignore(#[from] crate::drift::ignore::IgnoreError),
    #[error(transparent)]
    Corpus(#[from] crate::corpus::tsv::CorpusError),
    /// The Chinese article cannot take the edit (the sentence is not where it was read, the
    /// new text would break the sentence or the line).
    #[error("{path}: {message}")]
    Article { path: PathBuf, message: String },
}
