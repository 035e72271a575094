//! Views and exports of a corpus: side-by-side HTML and Markdown, TMX, bilingual subtitles,
//! JSONL. Renderers know only the [`Corpus`](crate::corpus::Corpus) and plain
//! [`Highlight`]s: the glossary and the drift report hand over what to mark, not their types.

use std::ops::Range;

/// Which text of a row a highlight is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Zh,
    En,
}

/// A marked stretch of one row's text: a glossary term, a drift finding's offending part.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    /// Index of the row in `Corpus::rows`.
    pub row: usize,
    pub side: Side,
    /// Byte range in that row's `zh` or `en` text.
    pub range: Range<usize>,
    /// What it is, as a CSS class name: `term`, `drift-error`, `drift-warning`, …
    pub class: String,
    /// The explanation shown on hover (the glossary entry, the finding's message).
    pub title: String,
}
