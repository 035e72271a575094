//! Chinese sentence splitting.

use super::Segment;
use crate::source::article::Article;

/// The sentences of an article, in order, with their kind, speaker and section.
pub fn sentences(article: &Article) -> Vec<Segment> {
    todo!("zh sentences: {}", article.text.len())
}
