//! Parsing a Chinese article (a translated interview, talk or plain essay) into a
//! structured document: title, front matter, section headings, speaker turns, body
//! paragraphs and back matter. Speakers and headings are learnt from the text itself.

use std::ops::Range;

/// What one line (paragraph) of an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    /// Editor's note, list of topics, image captions: before the body.
    Front,
    /// A section heading in the body.
    Heading,
    /// A line holding only a speaker's name: opens a turn.
    Speaker,
    /// A paragraph of body text.
    Paragraph,
    /// Reference URL, publisher boilerplate, keywords: after the body.
    Back,
}

/// One non-empty line of the article, classified.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range of the line (trimmed) in [`Article::text`].
    pub range: Range<usize>,
    /// 1-based line number in the file, for messages.
    pub line: usize,
    /// For paragraphs: the speaker of the current turn. For speaker lines: the name.
    pub speaker: Option<String>,
    /// The current section heading's text, if any.
    pub section: Option<String>,
}

/// A parsed article. `text` is the whole decoded file; blocks point into it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    pub text: String,
    pub blocks: Vec<Block>,
    /// Speaker names found in the text, in order of first appearance.
    pub speakers: Vec<String>,
}

impl Article {
    pub fn block_text(&self, block: &Block) -> &str {
        &self.text[block.range.clone()]
    }
}

/// Parses an article. Never fails: a text without speakers or headings is a plain article.
pub fn parse(text: String) -> Article {
    todo!("article parser: {}", text.len())
}
