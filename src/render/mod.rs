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

pub mod html;
pub mod jsonl;
pub mod md;
pub mod subtitles;
pub mod tmx;

use crate::corpus::Corpus;

/// The views and exports `bitext render` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Html,
    Md,
    Tmx,
    Srt,
    Vtt,
    Jsonl,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Html,
        Format::Md,
        Format::Tmx,
        Format::Srt,
        Format::Vtt,
        Format::Jsonl,
    ];

    /// The name used on the command line (`--to html`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Md => "md",
            Format::Tmx => "tmx",
            Format::Srt => "srt",
            Format::Vtt => "vtt",
            Format::Jsonl => "jsonl",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The file name `bitext run` writes this view to in `out/NAME/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Html => "index.html",
            Format::Md => "corpus.md",
            Format::Tmx => "corpus.tmx",
            Format::Srt => "corpus.srt",
            Format::Vtt => "corpus.vtt",
            Format::Jsonl => "corpus.jsonl",
        }
    }
}

/// What a renderer is given besides the corpus: marks from other stages, and (HTML only) a
/// pre-rendered drift report section.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    pub highlights: &'a [Highlight],
    /// An HTML fragment (trusted: rendered by this crate) shown as the report section.
    pub report_html: Option<&'a str>,
}

/// Renders the corpus in `format`. The same input always gives the same bytes.
pub fn render(corpus: &Corpus, format: Format, extras: Extras) -> String {
    match format {
        Format::Html => html::render(corpus, extras.highlights, extras.report_html),
        Format::Md => md::render(corpus, extras.highlights),
        Format::Tmx => tmx::render(corpus),
        Format::Srt => subtitles::srt(corpus).text,
        Format::Vtt => subtitles::vtt(corpus).text,
        Format::Jsonl => jsonl::render(corpus, extras.highlights),
    }
}

/// The highlights of one row and side, sorted, with out-of-range, split-character and
/// overlapping ones dropped (the first of two overlapping marks wins).
pub fn marks_for<'a>(
    highlights: &'a [Highlight],
    row: usize,
    side: Side,
    text: &str,
) -> Vec<&'a Highlight> {
    let mut marks: Vec<&Highlight> = highlights
        .iter()
        .filter(|h| h.row == row && h.side == side)
        .filter(|h| {
            h.range.start < h.range.end
                && h.range.end <= text.len()
                && text.is_char_boundary(h.range.start)
                && text.is_char_boundary(h.range.end)
        })
        .collect();
    marks.sort_by_key(|h| (h.range.start, std::cmp::Reverse(h.range.end)));
    let mut kept: Vec<&Highlight> = Vec::with_capacity(marks.len());
    for mark in marks {
        if kept.last().is_none_or(|k| k.range.end <= mark.range.start) {
            kept.push(mark);
        }
    }
    kept
}

/// A short clock time for display: `m:ss`, or `h:mm:ss` past the hour.
pub fn clock(ms: u64) -> String {
    let s = ms / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// The corpus's title for headings: its `title` metadata, else a generic one.
pub fn title(corpus: &Corpus) -> &str {
    corpus
        .meta
        .get("title")
        .map(String::as_str)
        .filter(|t| !t.trim().is_empty())
        .unwrap_or("Parallel corpus")
}

/// A link to the video at `ms`, when the corpus knows a well-formed YouTube video id.
pub fn video_link(corpus: &Corpus, ms: u64) -> Option<String> {
    let id = corpus.video()?;
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then(|| format!("https://www.youtube.com/watch?v={id}&t={}s", ms / 1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize) -> Highlight {
        Highlight {
            row: 0,
            side: Side::Zh,
            range: start..end,
            class: "term".into(),
            title: String::new(),
        }
    }

    #[test]
    fn marks_drop_overlaps_and_split_characters() {
        let text = "我们融了120亿美元";
        let hs = [
            mark(12, 18),
            mark(0, 6),
            mark(3, 9),
            mark(1, 3),
            mark(20, 99),
        ];
        let kept: Vec<_> = marks_for(&hs, 0, Side::Zh, text)
            .iter()
            .map(|h| h.range.clone())
            .collect();
        assert_eq!(kept, vec![0..6, 12..18]);
    }

    #[test]
    fn video_links_need_a_plain_id() {
        let mut corpus = Corpus::default();
        corpus.meta.insert("video".into(), "BbAnzpeGFrA".into());
        assert_eq!(
            video_link(&corpus, 123_900).as_deref(),
            Some("https://www.youtube.com/watch?v=BbAnzpeGFrA&t=123s")
        );
        corpus.meta.insert("video".into(), "x\"><script>".into());
        assert_eq!(video_link(&corpus, 0), None);
        assert_eq!(clock(3_723_000), "1:02:03");
        assert_eq!(clock(63_000), "1:03");
    }
}
