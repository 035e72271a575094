//! Splitting both sides into sentence-sized units that keep their place in the source.
//!
//! [`zh`] splits a parsed article into sentences; [`en`] splits a transcript, punctuated
//! or not. Both produce [`Segment`]s: the unit every later stage (alignment, glossary,
//! drift, corpus) works with. A segment's `range` is a byte range into the text it came
//! from (`Article::text` or `Transcript::text`), so it can always be traced back.

pub mod en;
pub mod zh;

use std::ops::Range;

/// What part of a document a segment belongs to.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// The document's title.
    Title,
    /// Matter before the body: editor's note, list of topics, image captions.
    Front,
    /// A section heading inside the body.
    Heading,
    /// Running text of the body (a turn's sentences, or a plain article's).
    #[default]
    Body,
    /// Matter after the body: reference URL, publisher boilerplate, keywords.
    Back,
}

impl SegmentKind {
    /// The lower-case name used in TSV output (`body`, `heading`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Title => "title",
            SegmentKind::Front => "front",
            SegmentKind::Heading => "heading",
            SegmentKind::Body => "body",
            SegmentKind::Back => "back",
        }
    }
}

/// One sentence (Chinese) or one sentence or caption unit (English).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Segment {
    /// Byte range of the segment in its source text.
    pub range: Range<usize>,
    /// The segment's text: the source slice with surrounding white space trimmed.
    pub text: String,
    pub kind: SegmentKind,
    /// The speaker of the turn the segment is in, when known.
    pub speaker: Option<String>,
    /// The heading of the section the segment is in, when known.
    pub section: Option<String>,
    /// Index of the paragraph (or cue group / speaker turn) the segment starts in; a change
    /// between neighbours is a soft boundary for the aligner.
    pub paragraph: usize,
    /// True for the first segment of a speaker turn.
    pub turn_start: bool,
    /// Byte ranges, relative to `text`, of translator's notes inside the segment,
    /// e.g. "(美国早期的一家电子零售商)".
    pub notes: Vec<Range<usize>>,
    /// Time span in milliseconds, where the source has times.
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    /// Estimated silence before the segment, in milliseconds, for caption units cut from
    /// timed words (a long pause often ends a sentence, a short one rarely does).
    pub pause_before_ms: Option<u64>,
}

impl Segment {
    /// A body segment with just a text and range (used for one-sentence-per-line input).
    pub fn plain(text: &str, range: Range<usize>, paragraph: usize) -> Segment {
        Segment {
            range,
            text: text.to_string(),
            paragraph,
            ..Segment::default()
        }
    }

    /// Test fixtures: one plain segment per text, each its own paragraph.
    #[cfg(test)]
    pub(crate) fn plain_each(texts: &[&str]) -> Vec<Segment> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Segment::plain(t, 0..t.len(), i))
            .collect()
    }

    /// The text with translator's notes removed: what the source actually said.
    pub fn text_without_notes(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut at = 0;
        for note in &self.notes {
            if note.start >= at && note.end <= self.text.len() {
                out.push_str(&self.text[at..note.start]);
                at = note.end;
            }
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// Reads a file holding one sentence per line (the `--segmented` input, and the gold sets'
/// `zh/NNN` and `en/NNN` files): each line is one body segment, blank lines included as
/// empty segments so that line numbers stay the ids the gold files use.
pub fn lines(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = 0;
    for (i, line) in text.split('\n').enumerate() {
        let end = at + line.len();
        if !(end == text.len() && line.is_empty()) {
            out.push(Segment::plain(line.trim(), at..end, i));
        }
        at = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_line_numbers_as_ids() {
        let segs = lines("a\n\nb\n");
        assert_eq!(segs.len(), 3);
        assert_eq!(segs[2].text, "b");
        assert_eq!(segs[2].range, 3..4);
    }

    #[test]
    fn notes_can_be_removed() {
        let text = "调试和 Tinkering(试错),那是";
        let start = text.find('(').unwrap();
        let end = text.find(')').unwrap() + 1;
        let seg = Segment {
            text: text.into(),
            notes: std::iter::once(start..end).collect(),
            ..Segment::default()
        };
        assert_eq!(seg.text_without_notes(), "调试和 Tinkering,那是");
    }
}
