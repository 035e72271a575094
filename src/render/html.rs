//! The side-by-side HTML view: one self-contained file (styles and script inline, nothing
//! fetched), Chinese and English in two columns that stack on a phone, headings and speakers
//! shown, times linked to the video, unaligned and flagged rows marked, and a print style.

use super::{marks_for, Highlight, Side};
use crate::corpus::{Corpus, Flag, Row};
use std::fmt::Write;

/// Alignment scores below this are shown as doubtful. The aligner's bead score
/// ([`crate::align::score`]) is below it for one correct bead in ten on the literary MAC
/// development set (one in twenty-five on the transcript benchmarks) and for four in five
/// Chinese sentences paired with their neighbour's English.
const LOW_SCORE: f32 = 0.12;

const STYLE: &str = r#"
:root { --ink:#1d1d1f; --muted:#6e6e73; --line:#e3e3e8; --warn:#b45309; --warn-bg:#fff7e6;
  --miss:#b91c1c; --miss-bg:#fdecec; --note-bg:#eef4ff; --mark:#fff2a8; }
* { box-sizing:border-box; }
body { margin:0; font:16px/1.6 system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif; color:var(--ink); background:#fff; }
header, main, footer, .report { max-width:1200px; margin:0 auto; padding:0 16px; }
h1 { font-size:1.5rem; margin:24px 0 4px; }
.meta { color:var(--muted); font-size:.9rem; }
.legend, .controls { font-size:.85rem; color:var(--muted); margin:8px 0; display:flex; flex-wrap:wrap; gap:12px; align-items:center; }
.badge { display:inline-block; font-size:.75rem; line-height:1.4; padding:0 6px; border-radius:8px; background:var(--line); color:var(--ink); margin-right:4px; white-space:nowrap; }
.badge.zh-only, .badge.en-only { background:var(--miss-bg); color:var(--miss); }
.badge.low { background:var(--warn-bg); color:var(--warn); }
h2.section { font-size:1.2rem; margin:28px 0 8px; padding-bottom:4px; border-bottom:2px solid var(--line); }
.speaker { font-weight:600; margin:16px 0 4px; color:#3a3a8c; }
.row { display:grid; grid-template-columns:5.5em 1fr 1fr; gap:4px 16px; padding:6px 8px; border-left:4px solid transparent; border-bottom:1px solid var(--line); }
.row:target { background:#fffbe0; }
.zh, .en { min-width:0; overflow-wrap:anywhere; }
.report { overflow-wrap:anywhere; }
.report table { display:block; overflow-x:auto; max-width:100%; border-collapse:collapse; }
.report pre { white-space:pre-wrap; }
.time { font-size:.8rem; color:var(--muted); font-variant-numeric:tabular-nums; padding-top:.2em; }
.time a { color:inherit; }
.zh:empty::before, .en:empty::before { content:"—"; color:var(--muted); }
.row.heading { font-weight:700; font-size:1.1rem; margin-top:16px; }
.row.note .zh, .row.front, .row.back { background:var(--note-bg); }
.row.front, .row.back { color:var(--muted); font-size:.9rem; }
.row.low { border-left-color:var(--warn); }
.row.zh-only:not(.heading):not(.front):not(.back), .row.en-only:not(.heading):not(.front):not(.back) { border-left-color:var(--miss); background:var(--miss-bg); }
.flags { grid-column:2 / 4; }
mark { background:var(--mark); padding:0 1px; border-radius:2px; }
mark.drift-error { background:var(--miss-bg); outline:1px solid var(--miss); }
mark.drift-warning { background:var(--warn-bg); outline:1px solid var(--warn); }
.report { margin-top:32px; }
footer { color:var(--muted); font-size:.8rem; margin:32px auto; }
body.only-flagged .row:not(.zh-only):not(.en-only):not(.low):not(.note):not(:has(mark)), body.only-flagged .row.heading, body.only-flagged .row.front, body.only-flagged .row.back { display:none; }
body.hide-en .en, body.hide-zh .zh { display:none; }
@media (max-width: 700px) {
  .row { grid-template-columns:1fr; gap:2px; }
  .flags { grid-column:auto; }
  .time:empty { display:none; }
  .en { color:#3c3c43; }
  h1 { font-size:1.25rem; }
}
@media print {
  .controls { display:none; }
  body { font-size:10.5pt; }
  header, main, footer, .report { max-width:none; padding:0; }
  .row { break-inside:avoid; page-break-inside:avoid; }
  h2.section, .speaker { break-after:avoid; page-break-after:avoid; }
  .time a { text-decoration:none; }
  body.only-flagged .row, body.hide-en .en, body.hide-zh .zh { display:grid; }
}
"#;

const SCRIPT: &str = r#"
(function () {
  function toggle(id, cls) {
    var box = document.getElementById(id);
    if (!box) return;
    box.addEventListener('change', function () { document.body.classList.toggle(cls, box.checked); });
  }
  toggle('only-flagged', 'only-flagged');
  toggle('hide-en', 'hide-en');
  toggle('hide-zh', 'hide-zh');
})();
"#;

/// Escapes text for HTML element content and attribute values; a line break in a cell
/// becomes `<br>`.
pub fn escape(s: &str) -> String {
    crate::text::html::escape(s).replace('\n', "<br>")
}

/// Renders the corpus as one HTML page; `report_html` (trusted, rendered by this crate) is
/// placed after the rows as the drift report section.
pub fn render(corpus: &Corpus, highlights: &[Highlight], report_html: Option<&str>) -> String {
    let title = escape(super::title(corpus));
    let zh_lang = lang(corpus, "zh_lang", "zh-CN");
    let en_lang = lang(corpus, "en_lang", "en");
    let mut out = String::with_capacity(corpus.rows.len() * 400 + STYLE.len() + 2000);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{zh_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"bitext {}\">\n<title>{title}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION")
    );
    header(&mut out, corpus, &title);
    out.push_str("<main id=\"rows\">\n");
    let mut section = "";
    let mut speaker = "";
    // A heading row already shows its section's title: no second one above its rows.
    let mut heading_row = "";
    for (i, row) in corpus.rows.iter().enumerate() {
        if row.has(Flag::Heading) {
            heading_row = &row.zh;
        }
        if row.section != section
            && !row.section.is_empty()
            && !row.has(Flag::Heading)
            && row.section != heading_row
        {
            let _ = writeln!(out, "<h2 class=\"section\">{}</h2>", escape(&row.section));
        }
        if row.section != section {
            speaker = "";
        }
        section = &row.section;
        if row.speaker != speaker && !row.speaker.is_empty() && !row.has(Flag::Heading) {
            let _ = writeln!(out, "<div class=\"speaker\">{}</div>", escape(&row.speaker));
            speaker = &row.speaker;
        }
        write_row(&mut out, corpus, i, row, highlights, &zh_lang, &en_lang);
    }
    out.push_str("</main>\n");
    if let Some(report) = report_html {
        out.push_str("<section class=\"report\" id=\"report\">\n");
        out.push_str(report);
        out.push_str("\n</section>\n");
    }
    let _ = write!(
        out,
        "<footer>Generated by bitext {} from the canonical corpus TSV.</footer>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn lang(corpus: &Corpus, key: &str, default: &str) -> String {
    let value = corpus.meta.get(key).map(String::as_str).unwrap_or(default);
    if !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        value.to_string()
    } else {
        default.to_string()
    }
}

fn header(out: &mut String, corpus: &Corpus, title: &str) {
    let rows = corpus.rows.len();
    let count = |f: Flag| {
        corpus
            .rows
            .iter()
            .filter(|r| r.has(f) && !structural(r))
            .count()
    };
    let low = corpus.rows.iter().filter(|r| doubtful(r)).count();
    let _ = writeln!(out, "<header>\n<h1>{title}</h1>");
    out.push_str("<div class=\"meta\">");
    if let Some(link) = super::video_link(corpus, 0) {
        let _ = write!(
            out,
            "Video: <a href=\"{}\">{}</a> · ",
            escape(&link),
            escape(corpus.video().unwrap_or_default())
        );
    }
    let _ = writeln!(
        out,
        "{rows} rows · {} without English · {} without Chinese · {low} doubtful</div>",
        count(Flag::ZhOnly),
        count(Flag::EnOnly)
    );
    out.push_str(
        "<div class=\"legend\"><span><span class=\"badge zh-only\">no English</span>Chinese with no English counterpart</span>\
         <span><span class=\"badge en-only\">no Chinese</span>English left untranslated</span>\
         <span><span class=\"badge low\">score</span>doubtful alignment</span>\
         <span><span class=\"badge\">note</span>translator's note</span></div>\n",
    );
    out.push_str(
        "<div class=\"controls\"><label><input type=\"checkbox\" id=\"only-flagged\"> only marked rows</label>\
         <label><input type=\"checkbox\" id=\"hide-zh\"> hide Chinese</label>\
         <label><input type=\"checkbox\" id=\"hide-en\"> hide English</label></div>\n</header>\n",
    );
}

fn write_row(
    out: &mut String,
    corpus: &Corpus,
    i: usize,
    row: &Row,
    highlights: &[Highlight],
    zh_lang: &str,
    en_lang: &str,
) {
    let mut classes = vec!["row"];
    classes.extend(row.flags.iter().map(|f| f.as_str()));
    let low = doubtful(row);
    if low {
        classes.push("low");
    }
    let _ = write!(
        out,
        "<div class=\"{}\" id=\"r{}\" data-flags=\"{}\">",
        classes.join(" "),
        i + 1,
        row.flags
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(",")
    );
    out.push_str("<div class=\"time\">");
    if let Some(ms) = row.start_ms {
        match super::video_link(corpus, ms) {
            Some(link) => {
                let _ = write!(
                    out,
                    "<a href=\"{}\">{}</a>",
                    escape(&link),
                    super::clock(ms)
                );
            }
            None => out.push_str(&super::clock(ms)),
        }
    }
    out.push_str("</div>");
    let _ = write!(
        out,
        "<div class=\"zh\" lang=\"{zh_lang}\">{}</div><div class=\"en\" lang=\"{en_lang}\">{}</div>",
        marked(&row.zh, &marks_for(highlights, i, Side::Zh, &row.zh)),
        marked(&row.en, &marks_for(highlights, i, Side::En, &row.en)),
    );
    let mut badges = String::new();
    for flag in row.flags.iter().filter(|f| !expected_gap(row, **f)) {
        let label = match flag {
            Flag::ZhOnly => "no English",
            Flag::EnOnly => "no Chinese",
            Flag::Note => "note",
            Flag::Heading => "heading",
            Flag::Front => "front matter",
            Flag::Back => "back matter",
        };
        let _ = write!(
            badges,
            "<span class=\"badge {}\">{label}</span>",
            flag.as_str()
        );
    }
    if let (true, Some(score)) = (low, row.score) {
        let _ = write!(badges, "<span class=\"badge low\">score {score:.2}</span>");
    }
    if !badges.is_empty() {
        let _ = write!(out, "<div class=\"flags\">{badges}</div>");
    }
    out.push_str("</div>\n");
}

/// Headings, front and back matter have no counterpart by nature: not worth an alarm.
fn structural(row: &Row) -> bool {
    row.has(Flag::Heading) || row.has(Flag::Front) || row.has(Flag::Back)
}

/// A missing side that is expected (a heading the speaker never said).
fn expected_gap(row: &Row, flag: Flag) -> bool {
    matches!(flag, Flag::ZhOnly | Flag::EnOnly) && structural(row)
}

/// An aligned pair the aligner doubts (one-sided rows have no pair to doubt).
fn doubtful(row: &Row) -> bool {
    !row.has(Flag::ZhOnly) && !row.has(Flag::EnOnly) && row.score.is_some_and(|s| s < LOW_SCORE)
}

/// The text escaped, with each mark wrapped in `<mark class=… title=…>`.
fn marked(text: &str, marks: &[&Highlight]) -> String {
    let mut out = String::with_capacity(text.len() + marks.len() * 40);
    let mut at = 0;
    for mark in marks {
        out.push_str(&escape(&text[at..mark.range.start]));
        let class: String = mark
            .class
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        let _ = write!(
            out,
            "<mark class=\"{class}\" title=\"{}\">{}</mark>",
            escape(&mark.title),
            escape(&text[mark.range.clone()])
        );
        at = mark.range.end;
    }
    out.push_str(&escape(&text[at..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        let mut corpus = Corpus::default();
        corpus.meta.insert("video".into(), "abc_DEF-123".into());
        corpus.meta.insert("title".into(), "A <b>talk</b>".into());
        corpus.rows.push(Row {
            start_ms: Some(125_400),
            end_ms: Some(128_000),
            speaker: "Ann & Bob".into(),
            section: "开场".into(),
            score: Some(0.9),
            zh: "我们融了120亿美元。<script>".into(),
            en: "We raised $12 billion.".into(),
            ..Row::default()
        });
        corpus.rows.push(Row {
            flags: vec![Flag::ZhOnly],
            section: "开场".into(),
            speaker: "Ann & Bob".into(),
            zh: "多出来的一句。".into(),
            ..Row::default()
        });
        corpus
    }

    #[test]
    fn every_text_is_escaped_and_times_link_to_the_video() {
        let html = render(&corpus(), &[], None);
        assert!(!html.contains("<script>\"") && !html.contains("<b>talk"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("A &lt;b&gt;talk&lt;/b&gt;"));
        assert!(html.contains("Ann &amp; Bob"));
        assert!(html.contains(
            "<a href=\"https://www.youtube.com/watch?v=abc_DEF-123&amp;t=125s\">2:05</a>"
        ));
        assert!(!html.contains("http://") && !html.contains("src=\""));
    }

    #[test]
    fn unaligned_rows_and_highlights_are_marked() {
        let hl = Highlight {
            row: 0,
            side: Side::Zh,
            range: 12..18,
            class: "drift-error".into(),
            title: "12 billion ≠ \"120亿\"?".into(),
        };
        let html = render(&corpus(), &[hl], Some("<h2>Drift</h2>"));
        assert!(html.contains("class=\"row zh-only\""));
        assert!(html.contains("<span class=\"badge zh-only\">no English</span>"));
        assert!(html.contains("我们融了<mark class=\"drift-error\" title=\"12 billion ≠ &quot;120亿&quot;?\">120亿</mark>美元"));
        assert!(html.contains("<section class=\"report\" id=\"report\">\n<h2>Drift</h2>"));
        assert_eq!(html.matches("<h2 class=\"section\">").count(), 1);
        assert_eq!(html.matches("<div class=\"speaker\">").count(), 1);
    }
}
