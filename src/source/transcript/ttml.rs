//! TTML / DFXP timed text (W3C): YouTube's `fmt=ttml` and the timed-text files other sites
//! and subtitle tools write: `<tt><body><div><p begin="…" end="…">text<br/>text</p>`.
//!
//! Times are clock times (`00:00:01.480`, `00:00:01:12` with frames at `ttp:frameRate`,
//! default 30) or offsets (`1.5s`, `1500ms`, `2m`, `90f`, `1200t` in ticks of
//! `ttp:tickRate`, default 1). A `<p>` without `end` takes `dur`, else lasts until the next
//! begins. `<span>`s are text; `<br/>` is a line break; `ttm:agent` on a `<p>` names the
//! speaker when it references a `<ttm:agent>` with a `<ttm:name>` (else the id itself).

use super::builder::{Builder, RawCue};
use super::entities::decode;
use super::xml::{attr, nodes, wrong_root, Node};
use super::{Format, Transcript, TranscriptError};
use std::collections::HashMap;
use std::path::Path;

/// A `<p>` as read: begin, end (when given), text, speaker, line.
type Paragraph = (u64, Option<u64>, String, Option<String>, usize);

/// The document's time base.
struct Rates {
    frame: f64,
    tick: f64,
}

pub(crate) fn parse(text: &str, path: &Path) -> Result<Transcript, TranscriptError> {
    let nodes = nodes(text, path)?;
    let root = nodes.iter().find_map(|n| match n {
        Node::Start { name, attrs, .. } => Some((name.as_str(), attrs)),
        _ => None,
    });
    let rates = match root {
        Some(("tt", attrs)) => Rates {
            frame: rate(attr(attrs, "frameRate")).unwrap_or(30.0),
            tick: rate(attr(attrs, "tickRate")).unwrap_or(1.0),
        },
        found => {
            return Err(wrong_root(
                Format::Ttml,
                path,
                found.map_or("nothing", |f| f.0),
                "<tt> (TTML)",
            ))
        }
    };
    let agents = agents(&nodes);
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut open: Option<Paragraph> = None;
    let mut in_body = false;
    let mut in_metadata = 0usize;
    for node in nodes {
        match node {
            Node::Start { name, .. } if name == "body" => in_body = true,
            Node::Start { name, .. } if name == "metadata" || name == "agent" => in_metadata += 1,
            Node::End { name } if name == "metadata" || name == "agent" => {
                in_metadata = in_metadata.saturating_sub(1)
            }
            Node::Start {
                name, attrs, line, ..
            } if name == "p" && in_body => {
                let time = |key: &str| -> Result<Option<u64>, TranscriptError> {
                    attr(&attrs, key)
                        .map(|v| {
                            timestamp(v, &rates).ok_or_else(|| TranscriptError::Timestamp {
                                path: path.to_path_buf(),
                                line,
                                format: Format::Ttml,
                                found: v.to_string(),
                                expected: "a TTML time such as 00:00:01.480, 00:00:01:12 or 1.5s",
                            })
                        })
                        .transpose()
                };
                let begin = time("begin")?.ok_or_else(|| TranscriptError::Layout {
                    path: path.to_path_buf(),
                    line,
                    format: Format::Ttml,
                    message: "a <p> without a begin time".into(),
                })?;
                let end = match time("end")? {
                    Some(end) => Some(end),
                    None => time("dur")?.map(|d| begin.saturating_add(d)),
                };
                let speaker = attr(&attrs, "agent").map(|id| {
                    let id = id.trim_start_matches('#');
                    agents.get(id).cloned().unwrap_or_else(|| id.to_string())
                });
                open = Some((begin, end, String::new(), speaker, line));
            }
            Node::Start { name, .. } if name == "br" => {
                if let Some(p) = open.as_mut() {
                    p.2.push('\n');
                }
            }
            Node::Text(t) if in_metadata == 0 => {
                if let Some(p) = open.as_mut() {
                    p.2.push_str(&decode(&t));
                }
            }
            Node::End { name } if name == "p" => {
                if let Some(p) = open.take() {
                    paragraphs.push(p);
                }
            }
            _ => {}
        }
    }
    let mut builder = Builder::new(Format::Ttml);
    let mut current: Option<String> = None;
    for i in 0..paragraphs.len() {
        let next_begin = paragraphs.get(i + 1).map(|p| p.0);
        let (begin, end, body, speaker, line) = &paragraphs[i];
        let end = end.or(next_begin).unwrap_or(*begin).max(*begin);
        let mut cue = RawCue::untimed_words(Some(*begin), Some(end), body.clone(), *line);
        if let Some(name) = speaker {
            cue.speaker_change = current.as_deref() != Some(name.as_str());
            current = Some(name.clone());
            cue.speaker = current.clone();
        }
        builder.push(cue);
    }
    builder.finish(path)
}

/// `ttm:agent` ids and their `ttm:name`s, from the head.
fn agents(nodes: &[Node]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut agent: Option<String> = None;
    let mut in_name = false;
    for node in nodes {
        match node {
            Node::Start { name, attrs, .. } if name == "agent" => {
                agent = attr(attrs, "id").map(str::to_string)
            }
            Node::Start { name, .. } if name == "name" => in_name = agent.is_some(),
            Node::Text(t) if in_name => {
                if let Some(id) = &agent {
                    out.insert(id.clone(), decode(t).trim().to_string());
                }
            }
            Node::End { name } if name == "name" => in_name = false,
            Node::End { name } if name == "agent" => agent = None,
            _ => {}
        }
    }
    out
}

fn rate(value: Option<&str>) -> Option<f64> {
    value
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|r| r.is_finite() && *r > 0.0)
}

/// A TTML time expression in milliseconds.
fn timestamp(value: &str, rates: &Rates) -> Option<u64> {
    let v = value.trim();
    if v.contains(':') {
        let parts: Vec<&str> = v.split(':').collect();
        return match parts.as_slice() {
            // hh:mm:ss:frames
            [h, m, s, f] if !s.contains('.') => {
                let base = super::time::clock(&format!("{h}:{m}:{s}.000"))?;
                let frames: f64 = f
                    .parse()
                    .ok()
                    .filter(|x: &f64| x.is_finite() && *x >= 0.0)?;
                Some(base + (frames * 1000.0 / rates.frame).round() as u64)
            }
            [h, m, s] if !s.contains(['.', ',']) => super::time::clock(&format!("{h}:{m}:{s}.000")),
            _ => super::time::clock(v),
        };
    }
    let unit_at = v.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, unit) = v.split_at(unit_at);
    let n: f64 = number.parse().ok().filter(|x: &f64| x.is_finite())?;
    let ms = match unit {
        "h" => n * 3_600_000.0,
        "m" => n * 60_000.0,
        "s" => n * 1000.0,
        "ms" => n,
        "f" => n * 1000.0 / rates.frame,
        "t" => n * 1000.0 / rates.tick,
        _ => return None,
    };
    (0.0..1e15).contains(&ms).then(|| ms.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const YOUTUBE: &str = r#"<?xml version="1.0" encoding="utf-8" ?>
<tt xml:lang="en" xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling">
<head><styling><style xml:id="s1" tts:textAlign="center"/></styling></head>
<body><div>
<p begin="00:00:00.480" end="00:00:03.110" style="s1">so I&#39;m really<br />excited</p>
<p begin="00:00:03.110" end="00:00:05.000"><span>to have</span> Kevin Scott here</p>
</div></body></tt>
"#;

    #[test]
    fn reads_youtube_ttml() {
        let t = parse(YOUTUBE, Path::new("en.ttml")).unwrap();
        assert_eq!(t.format, Format::Ttml);
        assert_eq!(t.text, "so I'm really excited to have Kevin Scott here");
        assert_eq!(t.cues.len(), 2);
        assert_eq!(
            (t.cues[0].start_ms, t.cues[0].end_ms),
            (Some(480), Some(3110))
        );
        assert_eq!(t.cues[1].line, Some(6));
    }

    #[test]
    fn offsets_frames_ticks_and_agents() {
        let doc = r#"<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" ttp:tickRate="10000000" ttp:frameRate="25">
<head><metadata><ttm:agent xml:id="a1"><ttm:name>Sarah Guo</ttm:name></ttm:agent></metadata></head>
<body><div>
<p begin="15000000t" dur="1.5s" ttm:agent="a1">Welcome.</p>
<p begin="00:00:02:05" end="3s">Thanks.</p>
</div></body></tt>"#;
        let t = parse(doc, Path::new("x.ttml")).unwrap();
        assert_eq!(
            (t.cues[0].start_ms, t.cues[0].end_ms),
            (Some(1500), Some(3000))
        );
        assert_eq!(t.cues[0].speaker.as_deref(), Some("Sarah Guo"));
        assert_eq!(t.cues[1].start_ms, Some(2200));
        assert_eq!(t.text, "Welcome. Thanks.");
    }

    #[test]
    fn a_bad_time_names_the_line() {
        let doc = "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><div>\n<p begin=\"soon\">x</p></div></body></tt>";
        let err = parse(doc, Path::new("x.ttml")).unwrap_err().to_string();
        assert!(
            err.starts_with("x.ttml:2: malformed ttml timestamp `soon`"),
            "{err}"
        );
    }
}
