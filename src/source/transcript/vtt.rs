//! WebVTT, including YouTube's auto-caption VTT.
//!
//! Follows two real layouts. Manual tracks: `WEBVTT`, header lines, then cues (an
//! optional identifier, `00:00:01.000 --> 00:00:04.000 align:start`, text lines with
//! `<i>`, `<v Name>`, `&gt;&gt;`). YouTube auto-captions (as yt-dlp saves them): every
//! cue shows two lines of a rolling window, the first repeating the line before, the
//! second new and carrying inline word times (`so<00:00:00.240><c> today</c>`), with
//! 10 ms cues in between that repeat the window as plain text. [`rolling_new_lines`]
//! de-duplicates such windows so that each spoken word is read once.

use super::builder::{Builder, Piece, RawCue};
use super::entities::{decode, strip_tags};
use super::{Format, Transcript, TranscriptError};
use std::path::Path;

/// One cue as it stands in the file: the line of its timing, its times, its text lines.
pub(crate) struct Block {
    pub line: usize,
    pub start_ms: u64,
    pub end_ms: u64,
    pub lines: Vec<String>,
}

pub(crate) fn parse(text: &str, path: &Path) -> Result<Transcript, TranscriptError> {
    let blocks = blocks(text, path, Format::Vtt)?;
    let asr = blocks
        .iter()
        .any(|b| b.lines.iter().any(|l| has_inline_time(l)));
    let new_lines = rolling_new_lines(&blocks, asr);
    let mut builder = Builder::new(Format::Vtt);
    let mut voice: Option<String> = None;
    for (block, keep) in blocks.iter().zip(new_lines) {
        let lines: Vec<&String> = block
            .lines
            .iter()
            .zip(keep)
            .filter(|p| p.1)
            .map(|p| p.0)
            .collect();
        if lines.is_empty() {
            continue;
        }
        let mut raw = RawCue {
            start_ms: Some(block.start_ms),
            end_ms: Some(block.end_ms),
            line: Some(block.line),
            ..RawCue::default()
        };
        if let Some(name) = lines.iter().find_map(|l| voice_of(l)) {
            raw.speaker_change = voice.as_deref() != Some(name.as_str());
            raw.speaker = Some(name.clone());
            voice = Some(name);
        }
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                raw.pieces.push(Piece {
                    text: "\n".into(),
                    start_ms: None,
                });
            }
            let first_time = asr.then_some(block.start_ms);
            raw.pieces.extend(timed_pieces(line, first_time));
        }
        builder.push(raw);
    }
    builder.finish(path)
}

/// Splits a cue file (VTT or SRT) into timed blocks. Header, `NOTE`, `STYLE` and `REGION`
/// blocks are skipped; a timing line that does not parse is an error naming its line.
pub(crate) fn blocks(
    text: &str,
    path: &Path,
    format: Format,
) -> Result<Vec<Block>, TranscriptError> {
    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let mut skipping =
        format == Format::Vtt && text.trim_start_matches('\u{FEFF}').starts_with("WEBVTT");
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    for (i, line) in lines.iter().enumerate() {
        let number = i + 1;
        let blank = match format {
            Format::Vtt => line.is_empty(),
            _ => line.trim().is_empty(),
        };
        if blank {
            out.extend(current.take());
            skipping = false;
            continue;
        }
        if skipping {
            continue;
        }
        if let Some(block) = current.as_mut() {
            block.lines.push(line.to_string());
            continue;
        }
        if line.contains("-->") {
            current = Some(timing(line, number, path, format)?);
        } else if matches!(
            line.split_whitespace().next(),
            Some("NOTE" | "STYLE" | "REGION")
        ) && format == Format::Vtt
        {
            skipping = true;
        } else if lines.get(i + 1).is_some_and(|next| next.contains("-->")) {
            // A cue identifier (VTT) or cue number (SRT).
        } else if let Some(last) = out.last_mut() {
            // Text after a blank line inside a cue: keep it with that cue.
            last.lines.push(line.to_string());
        } else {
            return Err(TranscriptError::Layout {
                path: path.to_path_buf(),
                line: number,
                format,
                message: format!("expected a cue timing line (`00:00:01{sep}000 --> 00:00:02{sep}000`), found `{}`", clip(line), sep = if format == Format::Srt { "," } else { "." }),
            });
        }
    }
    out.extend(current);
    Ok(out)
}

fn timing(
    line: &str,
    number: usize,
    path: &Path,
    format: Format,
) -> Result<Block, TranscriptError> {
    let (a, b) = line.split_once("-->").unwrap_or((line, ""));
    let b = b.split_whitespace().next().unwrap_or("");
    let parse = |s: &str| {
        super::time::clock(s.trim()).ok_or_else(|| TranscriptError::Timestamp {
            path: path.to_path_buf(),
            line: number,
            format,
            found: clip(s.trim()),
            expected: if format == Format::Srt {
                "HH:MM:SS,mmm"
            } else {
                "HH:MM:SS.mmm"
            },
        })
    };
    let start_ms = parse(a)?;
    let end_ms = parse(b)?;
    Ok(Block {
        line: number,
        start_ms,
        end_ms: end_ms.max(start_ms),
        lines: Vec::new(),
    })
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

/// For every block, which of its lines are new. In a rolling window (auto-captions, or any
/// file where cues keep opening with the previous cue's last line and going on with a new
/// one, as SRT converted from auto-captions does) a cue's leading lines
/// that repeat the end of the previous cue are dropped; lines carrying inline word times
/// are always new. Elsewhere every line is new.
pub(crate) fn rolling_new_lines(blocks: &[Block], asr: bool) -> Vec<Vec<bool>> {
    let keys: Vec<Vec<String>> = blocks
        .iter()
        .map(|b| b.lines.iter().map(|l| key(l)).collect())
        .collect();
    let rolling = asr || {
        let repeats = keys
            .windows(2)
            .filter(|w| {
                let prev: Vec<&String> = w[0].iter().filter(|k| !k.is_empty()).collect();
                let cur: Vec<&String> = w[1].iter().filter(|k| !k.is_empty()).collect();
                cur.len() >= 2 && prev.last() == cur.first()
            })
            .count();
        repeats >= 2 && repeats * 10 >= (keys.len() - 1) * 3
    };
    let mut out = Vec::with_capacity(blocks.len());
    let mut prev: Vec<&str> = Vec::new();
    for (block, keys) in blocks.iter().zip(&keys) {
        let mut keep: Vec<bool> = keys.iter().map(|k| !k.is_empty()).collect();
        let nonblank: Vec<usize> = (0..keys.len()).filter(|&i| !keys[i].is_empty()).collect();
        if rolling {
            let cur: Vec<&str> = nonblank.iter().map(|&i| keys[i].as_str()).collect();
            let overlap = (1..=cur.len().min(prev.len()))
                .rev()
                .find(|&n| prev[prev.len() - n..] == cur[..n])
                .unwrap_or(0);
            for &i in &nonblank[..overlap] {
                if !has_inline_time(&block.lines[i]) {
                    keep[i] = false;
                }
            }
            prev = cur;
        }
        out.push(keep);
    }
    out
}

/// A line as compared for repeats: markup and entities gone, white space collapsed.
fn key(line: &str) -> String {
    decode(&strip_tags(line))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a line carries inline word times (`<00:00:01.234>`).
fn has_inline_time(line: &str) -> bool {
    line.match_indices('<')
        .any(|(i, _)| inline_time(&line[i..]).is_some())
}

/// An inline timestamp at the start of `text`: its time and its length.
fn inline_time(text: &str) -> Option<(u64, usize)> {
    let end = text.get(1..16)?.find('>')? + 1;
    let time = super::time::clock(&text[1..end])?;
    Some((time, end + 1))
}

/// A line cut at its inline timestamps: the text before the first one starts at
/// `first_time`, each later run at its timestamp. Entities decoded, markup removed.
fn timed_pieces(line: &str, first_time: Option<u64>) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut time = first_time;
    let mut run = String::new();
    let mut rest = line;
    while let Some(at) = rest.find('<') {
        match inline_time(&rest[at..]) {
            Some((t, len)) => {
                run.push_str(&rest[..at]);
                pieces.push(Piece {
                    text: decode(&strip_tags(&run)),
                    start_ms: time,
                });
                run.clear();
                time = Some(t);
                rest = &rest[at + len..];
            }
            None => {
                run.push_str(&rest[..=at]);
                rest = &rest[at + 1..];
            }
        }
    }
    run.push_str(rest);
    pieces.push(Piece {
        text: decode(&strip_tags(&run)),
        start_ms: time,
    });
    pieces.retain(|p| !p.text.is_empty());
    pieces
}

/// The speaker of a `<v Name>` voice span.
fn voice_of(line: &str) -> Option<String> {
    let at = line.find("<v")?;
    let rest = &line[at + 2..];
    if !rest.starts_with([' ', '.']) {
        return None;
    }
    let close = rest.find('>')?;
    let inner = rest[..close].trim_start_matches(|c: char| c != ' ').trim();
    (!inner.is_empty()).then(|| decode(inner))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_times_cut_pieces() {
        let pieces = timed_pieces(
            "so<00:00:00.240><c> today</c><00:00:00.560><c> we're</c>",
            Some(0),
        );
        let got: Vec<(&str, Option<u64>)> = pieces
            .iter()
            .map(|p| (p.text.as_str(), p.start_ms))
            .collect();
        assert_eq!(
            got,
            [
                ("so", Some(0)),
                (" today", Some(240)),
                (" we're", Some(560))
            ]
        );
    }

    #[test]
    fn voices_name_speakers() {
        assert_eq!(
            voice_of("<v Roger Bingham>We are"),
            Some("Roger Bingham".into())
        );
        assert_eq!(voice_of("<v.loud Anna>Hi"), Some("Anna".into()));
        assert_eq!(voice_of("<i>no</i>"), None);
    }
}
