//! Which format a transcript is in, judged from its content; the file's extension only
//! breaks ties (timed cues without a `WEBVTT` header, text that could be anything).

use super::Format;
use std::path::Path;

/// The format of `text`, read from its first bytes and lines. Falls back to the extension
/// of `path` when the content does not decide, and to plain text at the end.
pub fn sniff(text: &str, path: &Path) -> Format {
    let head = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\n', '\r']);
    let start = &head[..floor(head, 4096)];
    if start.starts_with('{') && start.contains("\"events\"") {
        return Format::Json3;
    }
    if start.starts_with('<') {
        let lower = start.to_ascii_lowercase();
        if lower.contains("<tt ")
            || lower.contains("<tt>")
            || lower.contains("http://www.w3.org/ns/ttml")
        {
            return Format::Ttml;
        }
        if start.contains("<timedtext") && start.contains("format=\"3\"") {
            return Format::Srv3;
        }
        if start.contains("<transcript") || start.contains("<timedtext") {
            return Format::Srv1;
        }
        if lower.starts_with("<!doctype html") || lower.contains("<html") || lower.contains("<body")
        {
            return Format::Html;
        }
        if start.starts_with("<?xml") && extension(path) != Some(Format::Srv3) {
            // Some other XML: the srv1 reader names the root it did not expect.
            return Format::Srv1;
        }
    }
    if head.starts_with("WEBVTT") {
        return Format::Vtt;
    }
    if start.starts_with("[Script Info]")
        || start
            .lines()
            .take(200)
            .any(|l| l.starts_with("Dialogue:") || l.eq_ignore_ascii_case("[events]"))
    {
        return Format::Ass;
    }
    let by_extension = extension(path);
    // A timing line that does not parse still makes a cue file: its reader then names the
    // bad line (read as plain text, a subtitle file with broken times passed silently).
    // So does a `.srt`/`.vtt` name: such a file with no valid time is an error, not prose.
    if has_cue_timing(start)
        || looks_like_cue_timing(start)
        || matches!(by_extension, Some(Format::Srt | Format::Vtt))
    {
        return match by_extension {
            Some(Format::Vtt) => Format::Vtt,
            _ => Format::Srt,
        };
    }
    match by_extension {
        Some(Format::Json3) if start.starts_with('{') => Format::Json3,
        Some(format @ (Format::Srv3 | Format::Srv1 | Format::Ttml | Format::Html))
            if start.starts_with('<') =>
        {
            format
        }
        _ => Format::Plain,
    }
}

/// The format an extension names (`.json3`, `.srv3`, `.srv1`/`.xml`, `.vtt`, `.srt`).
fn extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "json3" | "json" => Format::Json3,
        "srv3" | "ytt" => Format::Srv3,
        "srv1" | "srv2" | "xml" => Format::Srv1,
        "vtt" | "webvtt" => Format::Vtt,
        "srt" => Format::Srt,
        "txt" | "text" | "md" => Format::Plain,
        "ttml" | "dfxp" => Format::Ttml,
        "ass" | "ssa" => Format::Ass,
        "html" | "htm" => Format::Html,
        _ => return None,
    })
}

/// Whether one of the first lines is a cue timing line (`00:00:01,000 --> 00:00:02,000`).
fn has_cue_timing(text: &str) -> bool {
    text.lines().take(30).any(|line| {
        line.split_once("-->").is_some_and(|(a, b)| {
            let b = b.split_whitespace().next().unwrap_or("");
            super::time::clock(a.trim()).is_some() && super::time::clock(b).is_some()
        })
    })
}

/// Whether one of the first lines looks meant as a cue timing (`-->` between two things with
/// digits and `:`), valid or not.
fn looks_like_cue_timing(text: &str) -> bool {
    let timeish = |s: &str| {
        let s = s.trim();
        s.contains(':') && s.bytes().any(|b| b.is_ascii_digit())
    };
    text.lines().take(30).any(|line| {
        line.split_once("-->")
            .is_some_and(|(a, b)| timeish(a) && timeish(b.split_whitespace().next().unwrap_or("")))
    })
}

/// The largest char boundary of `text` not above `at`.
fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_beats_extension() {
        let p = Path::new("captions.srt");
        assert_eq!(sniff("{\"events\": []}", p), Format::Json3);
        assert_eq!(sniff("WEBVTT\n\n", p), Format::Vtt);
        assert_eq!(
            sniff("<transcript><text start=\"1\">a</text>", p),
            Format::Srv1
        );
        assert_eq!(sniff("<timedtext format=\"3\"><body>", p), Format::Srv3);
        assert_eq!(sniff("Anna: hello", Path::new("a.txt")), Format::Plain);
        // Named .srt but no timing at all: read as SRT, so the reader names line 1.
        assert_eq!(sniff("Anna: hello", p), Format::Srt);
        assert_eq!(
            sniff(
                "<?xml version=\"1.0\"?>\n<tt xmlns=\"http://www.w3.org/ns/ttml\">",
                p
            ),
            Format::Ttml
        );
        assert_eq!(sniff("[Script Info]\nTitle: x\n", p), Format::Ass);
        assert_eq!(sniff("<!DOCTYPE html><html><body><p>Hi", p), Format::Html);
    }

    #[test]
    fn extension_breaks_ties() {
        let cues = "1\n00:00:01.000 --> 00:00:02.000\nhi\n";
        assert_eq!(sniff(cues, Path::new("a.vtt")), Format::Vtt);
        assert_eq!(sniff(cues, Path::new("a.txt")), Format::Srt);
        assert_eq!(sniff("{\"wireMagic\"", Path::new("a.json3")), Format::Json3);
        assert_eq!(sniff("{not json", Path::new("a.txt")), Format::Plain);
    }

    #[test]
    fn broken_timings_still_make_a_cue_file() {
        let bad = "1\n00:00:1,000 --> 00:00:02,000\nhi\n";
        assert_eq!(sniff(bad, Path::new("a.txt")), Format::Srt);
        assert_eq!(sniff("hello there\n", Path::new("a.srt")), Format::Srt);
        assert_eq!(
            sniff("A --> B is a rule\n", Path::new("a.txt")),
            Format::Plain
        );
    }
}
