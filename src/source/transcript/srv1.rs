//! YouTube's default timedtext XML ("srv1", no `fmt` or `fmt=srv1`):
//! `<transcript><text start="0.32" dur="2.9">…</text></transcript>`.
//!
//! Follows the real layout: times in decimal seconds, `dur` sometimes missing (taken as
//! 0), empty `<text/>` elements, and text escaped twice (`It&amp;#39;s` → `It&#39;s` →
//! `It's`), with markup such as `&lt;i&gt;` inside it. The rarer srv2 layout
//! (`<timedtext><text t="320" d="2900">`, milliseconds) is read here too.

use super::builder::{Builder, RawCue};
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
    match root {
        Some("transcript" | "timedtext") => {}
        found => {
            return Err(wrong_root(
                Format::Srv1,
                path,
                found.unwrap_or("nothing"),
                "<transcript> (srv1) or <timedtext> (srv2)",
            ))
        }
    }
    let mut builder = Builder::new(Format::Srv1);
    let mut cue: Option<(RawCue, String)> = None;
    for node in nodes {
        match node {
            Node::Start {
                name, attrs, line, ..
            } if name == "text" => {
                let bad = |found: &str, expected| TranscriptError::Timestamp {
                    path: path.to_path_buf(),
                    line,
                    format: Format::Srv1,
                    found: found.to_string(),
                    expected,
                };
                let (start, end) = if let Some(start) = attr(&attrs, "start") {
                    let start_ms = super::time::seconds(start)
                        .ok_or_else(|| bad(start, "seconds such as 3.22"))?;
                    let dur = attr(&attrs, "dur").unwrap_or("0");
                    let dur_ms =
                        super::time::seconds(dur).ok_or_else(|| bad(dur, "seconds such as 2.9"))?;
                    (start_ms, start_ms.saturating_add(dur_ms))
                } else if let Some(t) = attr(&attrs, "t") {
                    let start_ms = super::time::millis(t).ok_or_else(|| bad(t, "milliseconds"))?;
                    let d = attr(&attrs, "d").unwrap_or("0");
                    let dur_ms = super::time::millis(d).ok_or_else(|| bad(d, "milliseconds"))?;
                    (start_ms, start_ms.saturating_add(dur_ms))
                } else {
                    return Err(bad("", "a start attribute"));
                };
                cue = Some((
                    RawCue::untimed_words(Some(start), Some(end), String::new(), line),
                    String::new(),
                ));
            }
            Node::Text(t) => {
                if let Some((_, body)) = cue.as_mut() {
                    body.push_str(&t);
                }
            }
            Node::End { name } if name == "text" => {
                if let Some((mut raw, body)) = cue.take() {
                    raw.pieces[0].text = decode(&strip_tags(&decode(&body)));
                    builder.push(raw);
                }
            }
            _ => {}
        }
    }
    builder.finish(path)
}
