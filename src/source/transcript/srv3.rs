//! YouTube srv3 / "YTT" timedtext (`fmt=srv3`, what ANDROID `baseUrl`s ask for):
//! `<timedtext format="3"><body><p t="160" d="4230"><s ac="0">so</s><s t="240"> today</s></p>`.
//!
//! Follows the real layout: times in milliseconds; auto-captions put each word in an
//! `<s>` whose `t` is relative to its `<p>` (the first has none), with `<p a="1">`
//! line-break paragraphs holding only white space between them; manual tracks put the
//! text straight into `<p>` (with `<br/>` line breaks). `<head>` styles and `<w>` window
//! definitions are ignored.

use super::builder::{Builder, Piece, RawCue};
use super::entities::{decode, strip_tags};
use super::xml::{attr, nodes, wrong_root, Node};
use super::{Format, Transcript, TranscriptError};
use std::path::Path;

pub(crate) fn parse(text: &str, path: &Path) -> Result<Transcript, TranscriptError> {
    let nodes = nodes(text, path)?;
    let root = nodes.iter().find_map(|n| match n {
        Node::Start { name, .. } => Some(name.as_str()),
        _ => None,
    });
    if root != Some("timedtext") {
        return Err(wrong_root(
            Format::Srv3,
            path,
            root.unwrap_or("nothing"),
            "<timedtext format=\"3\">",
        ));
    }
    let mut builder = Builder::new(Format::Srv3);
    // The open paragraph, whether it has <s> word spans, and the open span's start.
    let mut para: Option<(RawCue, bool)> = None;
    let mut span_start: Option<u64> = None;
    for node in nodes {
        match node {
            Node::Start {
                name,
                attrs,
                line,
                empty,
            } => match name.as_str() {
                "p" => {
                    let time = |key: &str, default: Option<&str>| {
                        let value = attr(&attrs, key).or(default).unwrap_or("");
                        super::time::millis(value).ok_or_else(|| TranscriptError::Timestamp {
                            path: path.to_path_buf(),
                            line,
                            format: Format::Srv3,
                            found: value.to_string(),
                            expected: "milliseconds",
                        })
                    };
                    let start = time("t", None)?;
                    let end = start.saturating_add(time("d", Some("0"))?);
                    let mut raw =
                        RawCue::untimed_words(Some(start), Some(end), String::new(), line);
                    raw.pieces.clear();
                    if !empty {
                        para = Some((raw, false));
                    }
                }
                "s" => {
                    if let Some((raw, spans)) = para.as_mut() {
                        let offset = attr(&attrs, "t").and_then(super::time::millis).unwrap_or(0);
                        let start = raw.start_ms.unwrap_or(0).saturating_add(offset);
                        *spans = true;
                        span_start = Some(start);
                    }
                }
                "br" => {
                    if let Some((raw, _)) = para.as_mut() {
                        raw.pieces.push(Piece {
                            text: "\n".into(),
                            start_ms: None,
                        });
                    }
                }
                _ => {}
            },
            Node::Text(t) => {
                if let Some((raw, _)) = para.as_mut() {
                    raw.pieces.push(Piece {
                        text: decode(&strip_tags(&t)),
                        start_ms: span_start,
                    });
                }
            }
            Node::End { name } => match name.as_str() {
                "s" => span_start = None,
                "p" => {
                    if let Some((mut raw, spans)) = para.take() {
                        if !spans {
                            // A manual paragraph: one untimed run of text.
                            let text: String = raw.pieces.iter().map(|p| p.text.as_str()).collect();
                            raw.pieces = vec![Piece {
                                text,
                                start_ms: None,
                            }];
                        }
                        builder.push(raw);
                    }
                }
                _ => {}
            },
        }
    }
    builder.finish(path)
}
