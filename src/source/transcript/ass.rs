//! Advanced SubStation Alpha / SubStation Alpha (`.ass`, `.ssa`): the `[Events]` section's
//! `Dialogue:` lines, read by the section's `Format:` line (Start, End, Style, Name, Text;
//! Text is the last field and may hold commas).
//!
//! Times are `H:MM:SS.cc` (centiseconds). Override blocks `{\i1}` are removed, `\N` and
//! `\n` are line breaks, `\h` a space; a line drawn with `{\p1}` is not text. The speaker
//! is the `Name` (actor) field; else the style's name when it looks like a person's name
//! (`Sarah Guo`, not `Default`, `Top`, `Italics` or `Sign 2`). `Comment:` lines are skipped.

use super::builder::{speaker_label, Builder, RawCue};
use super::{Format, Transcript, TranscriptError};
use std::path::Path;

/// Style names subtitle tools use for placement and looks, never for people.
const NOT_NAMES: &[&str] = &[
    "default",
    "main",
    "top",
    "bottom",
    "sub",
    "subs",
    "subtitle",
    "subtitles",
    "dialogue",
    "italic",
    "italics",
    "caption",
    "captions",
    "sign",
    "signs",
    "song",
    "songs",
    "lyrics",
    "karaoke",
    "op",
    "ed",
    "note",
    "notes",
    "title",
    "titles",
    "narration",
    "narrator",
    "flashback",
    "alt",
    "overlap",
    "english",
    "chinese",
    "text",
    "credits",
    "translation",
    "speaker",
];

pub(crate) fn parse(text: &str, path: &Path) -> Result<Transcript, TranscriptError> {
    let mut fields: Vec<String> = [
        "layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text",
    ]
    .map(str::to_string)
    .to_vec();
    let mut in_events = false;
    let mut builder = Builder::new(Format::Ass);
    let mut current: Option<String> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let number = i + 1;
        let line = raw.trim_end_matches('\r').trim_start();
        if line.starts_with('[') {
            in_events = line.eq_ignore_ascii_case("[events]");
            continue;
        }
        if !in_events {
            continue;
        }
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        match key.trim().to_ascii_lowercase().as_str() {
            "format" => {
                fields = rest
                    .split(',')
                    .map(|f| f.trim().to_ascii_lowercase())
                    .collect();
                if !fields.iter().any(|f| f == "text")
                    || fields.last().map(String::as_str) != Some("text")
                {
                    return Err(layout(path, number, "the Format line must end with Text"));
                }
            }
            "dialogue" => {
                let cells: Vec<&str> = rest.splitn(fields.len(), ',').collect();
                if cells.len() < fields.len() {
                    return Err(layout(
                        path,
                        number,
                        &format!(
                            "{} fields, the Format line names {}",
                            cells.len(),
                            fields.len()
                        ),
                    ));
                }
                let cell = |name: &str| {
                    fields
                        .iter()
                        .position(|f| f == name)
                        .map(|k| cells[k].trim())
                        .unwrap_or("")
                };
                let time = |name: &str| {
                    let v = cell(name);
                    clock(v).ok_or_else(|| TranscriptError::Timestamp {
                        path: path.to_path_buf(),
                        line: number,
                        format: Format::Ass,
                        found: v.to_string(),
                        expected: "H:MM:SS.cc",
                    })
                };
                let (start, end) = (time("start")?, time("end")?);
                let body = text_of(cells[fields.len() - 1]);
                if body.trim().is_empty() {
                    continue;
                }
                let actor = cell("name");
                let style = cell("style");
                let speaker = if !actor.is_empty() {
                    Some(actor.to_string())
                } else if looks_like_a_name(style) {
                    Some(style.to_string())
                } else {
                    None
                };
                let mut cue =
                    RawCue::untimed_words(Some(start), Some(end.max(start)), body, number);
                if let Some(name) = speaker {
                    cue.speaker_change = current.as_deref() != Some(name.as_str());
                    current = Some(name);
                    cue.speaker = current.clone();
                }
                builder.push(cue);
            }
            _ => {}
        }
    }
    builder.finish(path)
}

fn layout(path: &Path, line: usize, message: &str) -> TranscriptError {
    TranscriptError::Layout {
        path: path.to_path_buf(),
        line,
        format: Format::Ass,
        message: message.to_string(),
    }
}

/// `H:MM:SS.cc` in milliseconds.
fn clock(v: &str) -> Option<u64> {
    let (hms, cs) = v.split_once('.')?;
    let parts: Vec<&str> = hms.split(':').collect();
    let [h, m, s] = parts.as_slice() else {
        return None;
    };
    let digits = |t: &str, max: usize| {
        (!t.is_empty() && t.len() <= max && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u64>().ok())
            .flatten()
    };
    let (h, m, s) = (digits(h, 3)?, digits(m, 2)?, digits(s, 2)?);
    let frac = digits(cs, 3)?;
    let ms = match cs.len() {
        1 => frac * 100,
        2 => frac * 10,
        _ => frac,
    };
    (m < 60 && s < 60).then_some(((h * 60 + m) * 60 + s) * 1000 + ms)
}

/// The dialogue text without override blocks and drawings, with `\N` as a line break.
fn text_of(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut drawing = false;
    let mut rest = raw;
    while !rest.is_empty() {
        if let Some(block) = rest.strip_prefix('{') {
            let end = block.find('}').map_or(block.len(), |e| e + 1);
            let tags = &block[..end];
            if let Some(at) = tags.find("\\p") {
                drawing = tags[at + 2..].starts_with(|c: char| c.is_ascii_digit() && c != '0');
            }
            rest = &block[end..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if c == '\\' {
            match rest.as_bytes().get(1) {
                Some(b'N' | b'n') => {
                    out.push('\n');
                    rest = &rest[2..];
                    continue;
                }
                Some(b'h') => {
                    out.push(' ');
                    rest = &rest[2..];
                    continue;
                }
                _ => {}
            }
        }
        if !drawing {
            out.push(c);
        }
        rest = &rest[len..];
    }
    out
}

/// Whether a style name reads as a person's name: one to three capitalised words of
/// letters, not one of the placement and look names subtitle tools use.
fn looks_like_a_name(style: &str) -> bool {
    let words: Vec<&str> = style.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && !NOT_NAMES.contains(&style.to_ascii_lowercase().as_str())
        && words.iter().all(|w| {
            !NOT_NAMES.contains(&w.to_ascii_lowercase().as_str())
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '.' || c == '-' || c == '\'')
        })
        && speaker_label(&format!("{style}: x")).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ASS: &str = "[Script Info]\nTitle: talk\nScriptType: v4.00+\n\n[V4+ Styles]\nFormat: Name, Fontname\nStyle: Default,Arial\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.50,0:00:03.00,Default,,0,0,0,,{\\i1}Welcome back{\\i0},\\Nthe show, about builders.\nComment: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,not spoken\nDialogue: 0,0:00:03.00,0:00:05.20,Kevin Scott,,0,0,0,,Thanks for having me.\nDialogue: 0,0:00:05.20,0:00:07.00,Default,Sarah,0,0,0,,Sure.\nDialogue: 0,0:00:07.00,0:00:08.00,Default,,0,0,0,,{\\p1}m 0 0 l 100 0{\\p0}\n";

    #[test]
    fn dialogue_lines_times_and_speakers() {
        let t = parse(ASS, Path::new("talk.ass")).unwrap();
        assert_eq!(t.format, Format::Ass);
        assert_eq!(
            t.text,
            "Welcome back, the show, about builders. Thanks for having me. Sure."
        );
        assert_eq!(
            (t.cues[0].start_ms, t.cues[0].end_ms),
            (Some(1500), Some(3000))
        );
        assert_eq!(t.cues[0].speaker, None, "Default is not a name");
        assert_eq!(t.cues[1].speaker.as_deref(), Some("Kevin Scott"));
        assert_eq!(t.cues[2].speaker.as_deref(), Some("Sarah"));
        assert_eq!(t.cues[1].line, Some(13));
    }

    #[test]
    fn a_bad_time_names_the_line() {
        let bad = ASS.replace("0:00:03.00,0:00:05.20", "0:00:3,0:00:05.20");
        let err = parse(&bad, Path::new("talk.ass")).unwrap_err().to_string();
        assert!(
            err.starts_with("talk.ass:13: malformed ass timestamp `0:00:3`"),
            "{err}"
        );
    }

    #[test]
    fn style_names_are_speakers_only_when_they_are_names() {
        assert!(looks_like_a_name("Sarah Guo"));
        assert!(!looks_like_a_name("Default"));
        assert!(!looks_like_a_name("Sign 2"));
        assert!(!looks_like_a_name("Top"));
        assert!(!looks_like_a_name("italics"));
    }
}
