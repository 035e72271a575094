//! A transcript page saved from a browser (a podcast's or a conference's transcript as
//! HTML): its text is taken paragraph by paragraph and read as a plain transcript, so
//! `Name:` labels become speakers and `[00:12:44]` stamps times (see [`super::plain`]).
//!
//! Scripts, styles, navigation, headers, footers, forms and asides are left out; when the
//! page has an `<article>` or `<main>`, only that is read. Block elements (`p`, `div`,
//! `li`, headings, table rows) end a paragraph; `<br>` ends a line. Tags are stripped
//! before entities are decoded, so a literal `&lt;div&gt;` stays text.

use super::entities::decode;
use super::{Format, Transcript, TranscriptError};
use std::path::Path;

/// Elements whose content is never transcript text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "svg", "select", "head", "iframe",
];

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "dd",
    "dt",
    "pre",
    "figure",
    "hr",
    "body",
];

pub(crate) fn parse(text: &str, path: &Path) -> Result<Transcript, TranscriptError> {
    let plain = page_text(text);
    let mut transcript = super::plain::parse(&plain, path)?;
    transcript.format = Format::Html;
    // The plain reader's line numbers are the extracted text's; a page's are meaningless
    // to a reader of the file, so they are dropped rather than misleading.
    for cue in &mut transcript.cues {
        cue.line = None;
    }
    Ok(transcript)
}

/// The page's text: paragraphs separated by blank lines, white space inside collapsed.
pub(crate) fn page_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    // Only the article or main content, when the page marks it.
    let (from, to) = ["<article", "<main"]
        .iter()
        .find_map(|open| {
            let start = lower.find(open)?;
            let close = format!("</{}>", &open[1..]);
            let end = lower.rfind(&close).filter(|e| *e > start)?;
            Some((start, end))
        })
        .unwrap_or((0, html.len()));
    let html = &html[from..to];
    let lower = &lower[from..to];
    let mut out = String::with_capacity(html.len() / 2);
    let mut at = 0;
    while at < html.len() {
        let Some(lt) = html[at..].find('<').map(|k| at + k) else {
            out.push_str(&html[at..]);
            break;
        };
        out.push_str(&html[at..lt]);
        if lower[lt..].starts_with("<!--") {
            at = lower[lt..].find("-->").map_or(html.len(), |k| lt + k + 3);
            continue;
        }
        let Some(gt) = html[lt..].find('>').map(|k| lt + k) else {
            break;
        };
        let tag = &lower[lt + 1..gt];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        at = gt + 1;
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            let close = format!("</{name}");
            at = lower[at..].find(&close).map_or(html.len(), |k| {
                let end = at + k;
                lower[end..].find('>').map_or(html.len(), |g| end + g + 1)
            });
            continue;
        }
        if name == "br" {
            out.push('\n');
        } else if BLOCKS.contains(&name.as_str()) {
            out.push_str("\n\n");
        }
    }
    // Entities after the tags are gone; white space collapsed inside each line, and runs
    // of blank lines kept as one paragraph break.
    let decoded = decode(&out);
    let mut text = String::with_capacity(decoded.len());
    let mut blank = true;
    for line in decoded.split('\n') {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            if !blank {
                text.push('\n');
                blank = true;
            }
            continue;
        }
        text.push_str(&line);
        text.push('\n');
        blank = false;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Ep. 12</title><style>p{color:red}</style></head>
<body><nav><a href="/">Home</a> | Episodes</nav>
<article><h1>Episode 12 transcript</h1>
<p>[00:00:05] <strong>Sarah Guo:</strong> Welcome back &amp; thanks for joining.</p>
<p>[00:00:09] <strong>Kevin Scott:</strong> Thanks for having me.<br>It&#39;s great to be here.</p>
<p>[00:12:44] <strong>Sarah Guo:</strong> Let's talk about &lt;div&gt; soup.</p>
<script>var x = "<p>not text</p>";</script>
</article><footer>© 2024 Podcast Inc.</footer></body></html>"#;

    #[test]
    fn a_transcript_page_reads_as_a_plain_transcript() {
        let t = parse(PAGE, Path::new("episode.html")).unwrap();
        assert_eq!(t.format, Format::Html);
        assert!(
            !t.text.contains("Home") && !t.text.contains("not text") && !t.text.contains("2024")
        );
        assert!(
            t.text.contains("Welcome back & thanks for joining."),
            "{}",
            t.text
        );
        assert!(t.text.contains("about <div> soup"), "{}", t.text);
        let speakers: Vec<_> = t.cues.iter().filter_map(|c| c.speaker.as_deref()).collect();
        assert!(
            speakers.contains(&"Sarah Guo") && speakers.contains(&"Kevin Scott"),
            "{speakers:?}"
        );
        let last = t.cues.iter().rev().find(|c| c.start_ms.is_some()).unwrap();
        assert_eq!(last.start_ms, Some(764_000));
    }
}
