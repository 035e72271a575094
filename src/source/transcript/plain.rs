//! Plain-text transcripts: paragraphs separated by blank lines, optional `Name: text`
//! speaker lines, optional leading times (`[00:01:02] text`, `01:02 text`, or a time alone
//! on the line before the text, as YouTube's transcript panel copies).
//!
//! Follows the layouts people paste from transcript pages and podcast notes. A label
//! counts as a speaker when the name labels more than one line, when most paragraphs
//! open with a label, or when it is a full name in a dialogue (a guest who speaks once, `Elad
//! Gil:`); so a lone `Note:` is text, not a speaker. Every paragraph and every
//! speaker line is a cue; paragraphs are joined with `\n` in the transcript text.

use super::builder::{speaker_label, Builder, RawCue};
use super::{Format, Transcript, TranscriptError};
use std::collections::HashMap;
use std::path::Path;

pub(crate) fn parse(text: &str, path: &Path) -> Result<Transcript, TranscriptError> {
    let lines: Vec<(usize, Option<u64>, &str)> = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            let (time, rest) = leading_time(line.trim());
            (i + 1, time, rest)
        })
        .collect();
    let speakers = speakers(&lines);
    let mut cues: Vec<RawCue> = Vec::new();
    let mut current: Option<String> = None;
    let mut paragraph_open = false;
    let mut pending_time = None;
    for &(number, time, line) in &lines {
        if time.is_some() && line.is_empty() {
            // A time alone on its line (YouTube's transcript panel, copied) times the next.
            pending_time = time;
            continue;
        }
        let time = time.or(pending_time.take());
        if line.is_empty() {
            paragraph_open = false;
            continue;
        }
        let label = speaker_label(line).filter(|(name, _)| speakers.contains_key(name.as_str()));
        let body = label.as_ref().map_or(line, |(_, len)| &line[*len..]);
        if paragraph_open && label.is_none() && time.is_none() {
            if let Some(cue) = cues.last_mut() {
                cue.pieces[0].text.push('\n');
                cue.pieces[0].text.push_str(body);
                continue;
            }
        }
        let mut cue = RawCue::untimed_words(time, None, body.to_string(), number);
        cue.new_paragraph = !paragraph_open || label.is_some();
        if let Some((name, _)) = label {
            cue.speaker_change = current.as_deref() != Some(name.as_str());
            current = Some(name);
        }
        cue.speaker = current.clone();
        cues.push(cue);
        paragraph_open = true;
    }
    // A timed cue lasts until the next timed cue starts.
    let mut next_start = None;
    for cue in cues.iter_mut().rev() {
        if cue.start_ms.is_some() {
            cue.end_ms = next_start.or(cue.start_ms);
            next_start = cue.start_ms;
        }
    }
    let mut builder = Builder::new(Format::Plain);
    for cue in cues {
        builder.push(cue);
    }
    builder.finish(path)
}

/// The names that label lines as speakers (see the module docs), with their counts.
fn speakers(lines: &[(usize, Option<u64>, &str)]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut openers = 0;
    let mut labelled_openers = 0;
    let mut prev_blank = true;
    for &(_, _, line) in lines {
        let label = speaker_label(line);
        if prev_blank && !line.is_empty() {
            openers += 1;
            labelled_openers += usize::from(label.is_some());
        }
        if let Some((name, _)) = label {
            *counts.entry(name).or_default() += 1;
        }
        prev_blank = line.is_empty();
    }
    let most_labelled = openers > 0 && labelled_openers * 2 >= openers && labelled_openers >= 2;
    // In a dialogue (some name labels two lines or more), a one-off full name ("Elad Gil:")
    // is a speaker who talks once; a one-word label ("Note:") still needs the counts.
    let dialogue = counts.values().any(|n| *n >= 2);
    counts.retain(|name, n| *n >= 2 || most_labelled || (dialogue && name.contains(' ')));
    counts
}

/// A time opening a line (`[00:01:02]`, `(1:02)`, `00:01:02.5`) and the rest of the line.
fn leading_time(line: &str) -> (Option<u64>, &str) {
    let inner_end = line
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ':' | '.' | '[' | ']' | '(' | ')')))
        .unwrap_or(line.len());
    let token = &line[..inner_end];
    let bare = token.trim_matches(['[', ']', '(', ')']);
    if !bare.contains(':')
        || !line[inner_end..].starts_with(char::is_whitespace) && inner_end != line.len()
    {
        return (None, line);
    }
    let bare = if bare.contains('.') {
        bare.to_string()
    } else {
        format!("{bare}.0")
    };
    let padded = match bare.split(':').next() {
        Some(first) if first.len() == 1 => format!("0{bare}"),
        _ => bare,
    };
    match super::time::clock(&padded) {
        Some(ms) => (Some(ms), line[inner_end..].trim_start()),
        None => (None, line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_off_full_name_in_a_dialogue_is_a_speaker() {
        let text = "Sarah Guo: Welcome.\n\nKevin Scott: Thanks.\n\nSarah Guo: So?\n\nKevin Scott: Well.\n\nThe answer goes on.\n\nMore of it.\n\nAnd more.\n\nA.\n\nB.\n\nC.\n\nD.\n\nE.\n\nElad Gil: What about open source?\n\nNote: this is text.\n";
        let names = speakers(
            &text
                .lines()
                .enumerate()
                .map(|(i, l)| (i, None, l))
                .collect::<Vec<_>>(),
        );
        assert!(names.contains_key("Elad Gil"), "{names:?}");
        assert!(!names.contains_key("Note"), "{names:?}");
    }

    #[test]
    fn leading_times() {
        assert_eq!(
            leading_time("[00:01:02] Anna: hi"),
            (Some(62_000), "Anna: hi")
        );
        assert_eq!(leading_time("1:05 so"), (Some(65_000), "so"));
        assert_eq!(
            leading_time("10:30 am is late"),
            (Some(630_000), "am is late")
        );
        assert_eq!(leading_time("hello 1:00"), (None, "hello 1:00"));
        assert_eq!(leading_time("3.5 million"), (None, "3.5 million"));
    }
}
