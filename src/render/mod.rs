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

/// A checker's finding about a row, as the views show it: in its row and in a list linking
/// to the row. Plain strings, so the renderers need not know the drift check's types.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Index of the (first) row in `Corpus::rows`.
    pub row: usize,
    /// Index of the last row, for a finding spanning a run of rows.
    pub last_row: usize,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// What the finding is about (`numbers`, `omission`, …).
    pub kind: String,
    /// The stable id (for the suppression file).
    pub id: String,
    /// One line saying what is wrong.
    pub message: String,
}

pub mod html;
pub mod jsonl;
pub mod md;
pub mod subtitles;
pub mod tmx;
pub mod xlsx;

use crate::corpus::{Corpus, Flag, Row};

/// The views and exports `bitext render` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Html,
    Md,
    Tmx,
    Srt,
    Vtt,
    Jsonl,
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Html,
        Format::Md,
        Format::Tmx,
        Format::Srt,
        Format::Vtt,
        Format::Jsonl,
        Format::Xlsx,
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
            Format::Xlsx => "xlsx",
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
            Format::Xlsx => "corpus.xlsx",
        }
    }

    /// Whether the export is pointless for a corpus without English (a translation memory,
    /// subtitles timed by the English, a review sheet of pairs): such exports are not
    /// written for it (see [`Tally::has_english`]).
    pub fn needs_english(self) -> bool {
        matches!(self, Format::Tmx | Format::Srt | Format::Vtt | Format::Xlsx)
    }
}

/// What a renderer is given besides the corpus: marks and findings from other stages, and
/// choices of the caller.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    pub highlights: &'a [Highlight],
    /// The drift check's findings (HTML, Markdown and XLSX show them with their rows).
    pub findings: &'a [Finding],
    /// For a corpus without English: how to add it, in words that work as written (HTML and
    /// Markdown say it at the top). Without it the views say it generically.
    pub missing_en: Option<&'a str>,
    /// TMX: keep one-sided rows as units with an empty segment (left out by default, as
    /// they would enter a CAT tool's memory as empty translations).
    pub include_one_sided: bool,
}

/// Why a view could not be rendered (only the XLSX writer can fail).
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("writing the XLSX sheet: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// Renders the corpus in `format` as bytes (text for all formats but XLSX). The same input
/// always gives the same bytes.
pub fn render_bytes(
    corpus: &Corpus,
    format: Format,
    extras: Extras,
) -> Result<Vec<u8>, RenderError> {
    Ok(match format {
        Format::Xlsx => xlsx::render(corpus, extras.findings)?,
        _ => render(corpus, format, extras).into_bytes(),
    })
}

/// Renders the corpus in a text `format` (XLSX, a binary format, gives an empty string:
/// use [`render_bytes`]). The same input always gives the same bytes.
pub fn render(corpus: &Corpus, format: Format, extras: Extras) -> String {
    match format {
        Format::Html => html::render(corpus, extras),
        Format::Md => md::render(corpus, extras),
        Format::Tmx => tmx::render(corpus, extras.include_one_sided),
        Format::Srt => subtitles::srt(corpus).text,
        Format::Vtt => subtitles::vtt(corpus).text,
        Format::Jsonl => jsonl::render(corpus, extras.highlights),
        Format::Xlsx => String::new(),
    }
}

/// The counts every view and the command line report, computed once so they agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub rows: usize,
    /// Chinese with no English, headings and front/back matter not counted.
    pub zh_only: usize,
    /// English with no Chinese, headings and front/back matter not counted.
    pub en_only: usize,
    /// Two-sided rows the aligner doubts ([`Row::is_doubtful`]).
    pub doubtful: usize,
    /// Whether any row has English at all.
    pub has_english: bool,
}

impl Tally {
    pub fn of(corpus: &Corpus) -> Tally {
        let gap = |r: &&Row, f: Flag| r.has(f) && !structural(r);
        Tally {
            rows: corpus.rows.len(),
            zh_only: corpus.rows.iter().filter(|r| gap(r, Flag::ZhOnly)).count(),
            en_only: corpus.rows.iter().filter(|r| gap(r, Flag::EnOnly)).count(),
            doubtful: corpus.rows.iter().filter(|r| r.is_doubtful()).count(),
            has_english: corpus.rows.iter().any(|r| !r.en.trim().is_empty()),
        }
    }

    /// Rows with only one side, headings and front/back matter not counted.
    pub fn one_sided(&self) -> usize {
        self.zh_only + self.en_only
    }
}

/// `1 error`, `2 errors`: a count with its noun.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Headings, front and back matter have no counterpart by nature: not worth an alarm.
pub fn structural(row: &Row) -> bool {
    row.has(Flag::Heading) || row.has(Flag::Front) || row.has(Flag::Back)
}

/// The text without the control characters no view should carry: C0 controls but tab and
/// line feed, DEL, C1 controls, and U+FFFE/U+FFFF (XML 1.0 forbids most of them; on a
/// terminal or in a subtitle they do harm). A carriage return becomes a line feed.
pub fn strip_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c < ' ' && c != '\t' && c != '\n')
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || c == '\u{FFFE}'
            || c == '\u{FFFF}'
    };
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    std::borrow::Cow::Owned(text.chars().filter(|c| !bad(*c)).collect())
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
    fn control_characters_are_stripped_but_tabs_and_line_breaks_kept() {
        assert_eq!(
            strip_controls("a\u{b}b\u{1b}[31mc\td\r\ne\u{0}"),
            "ab[31mc\td\ne"
        );
        assert!(matches!(
            strip_controls("干净"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(plural(1, "error", "errors"), "1 error");
        assert_eq!(plural(0, "error", "errors"), "0 errors");
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
