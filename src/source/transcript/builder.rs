//! From raw cue text to a [`Transcript`]: the cleaning every reader shares.
//!
//! A reader hands over [`RawCue`]s (times, text pieces with their own times where the
//! format has word times). The builder removes non-speech annotations (`[Music]`,
//! `(laughter)`, `♪ … ♪`) into [`Transcript::annotations`], turns `>>` (and a line-initial
//! dialogue dash) into speaker changes, splitting a cue where the change falls inside
//! it, collapses white space, joins the cues into [`Transcript::text`] and gives every
//! word a time.

use super::{Annotation, Cue, Format, Transcript, TranscriptError, Word};
use std::ops::Range;
use std::path::Path;

/// A stretch of cue text and the time it starts at (a word, or a run of words).
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub text: String,
    pub start_ms: Option<u64>,
}

/// One cue as a reader found it, before cleaning.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawCue {
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    pub pieces: Vec<Piece>,
    pub speaker: Option<String>,
    pub speaker_change: bool,
    /// Starts a new paragraph (plain text): joined with `\n` instead of a space.
    pub new_paragraph: bool,
    pub line: Option<usize>,
}

impl RawCue {
    /// A cue whose text has no word times.
    pub fn untimed_words(
        start_ms: Option<u64>,
        end_ms: Option<u64>,
        text: String,
        line: usize,
    ) -> RawCue {
        RawCue {
            start_ms,
            end_ms,
            pieces: vec![Piece {
                text,
                start_ms: None,
            }],
            line: Some(line),
            ..RawCue::default()
        }
    }
}

/// Collects cleaned cues into a transcript.
pub(crate) struct Builder {
    format: Format,
    /// Whether a line-initial `- ` marks a new speaker (caption formats; not plain text,
    /// where it is a list item).
    dashes: bool,
    text: String,
    cues: Vec<Cue>,
    annotations: Vec<Annotation>,
}

impl Builder {
    pub fn new(format: Format) -> Builder {
        Builder {
            format,
            dashes: format != Format::Plain,
            text: String::new(),
            cues: Vec::new(),
            annotations: Vec::new(),
        }
    }

    /// Cleans a raw cue and appends what is left of it (nothing, one cue, or one cue per
    /// speaker when `>>` falls inside it).
    pub fn push(&mut self, raw: RawCue) {
        let mut joined = String::new();
        let mut piece_at = Vec::with_capacity(raw.pieces.len());
        for piece in &raw.pieces {
            piece_at.push((joined.len(), piece.start_ms));
            joined.push_str(&piece.text);
        }
        let timed = piece_at.iter().any(|(_, t)| t.is_some());
        let clock = Clock {
            raw: &joined,
            piece_at: &piece_at,
            len: joined.len(),
            start_ms: raw.start_ms,
            end_ms: raw.end_ms,
        };
        let cleaned = clean(&joined, self.dashes);
        for (label, at) in cleaned.annotations {
            self.annotations.push(Annotation {
                label,
                start_ms: clock.at(at).or(raw.start_ms),
                end_ms: raw.end_ms,
            });
        }
        let mut parts: Vec<(usize, bool, Option<String>)> =
            vec![(0, raw.speaker_change, raw.speaker.clone())];
        for turn in cleaned.turns {
            if turn.at == 0 {
                parts[0].1 = true;
                if turn.speaker.is_some() {
                    parts[0].2 = turn.speaker;
                }
            } else {
                parts.push((turn.at, true, turn.speaker));
            }
        }
        let text = &cleaned.text;
        let mut new_paragraph = raw.new_paragraph;
        for (i, (at, speaker_change, speaker)) in parts.iter().enumerate() {
            let end = parts.get(i + 1).map_or(text.len(), |p| p.0);
            let part = trim_range(text, *at..end);
            if part.is_empty() {
                continue;
            }
            let words = if timed {
                words_in(text, part.clone(), &cleaned.raw_of, &clock)
            } else {
                Vec::new()
            };
            let start_ms = if i == 0 {
                raw.start_ms
            } else {
                words
                    .first()
                    .map(|w| w.start_ms)
                    .or_else(|| clock.at(cleaned.raw_of[part.start]))
            };
            let end_ms = match parts.get(i + 1) {
                Some(next) if next.0 < text.len() => clock.at(cleaned.raw_of[next.0]),
                _ => raw.end_ms,
            };
            self.append(
                &text[part.clone()],
                part.start,
                words,
                Cue {
                    range: 0..0,
                    start_ms,
                    end_ms: end_ms.max(start_ms),
                    speaker: speaker.clone(),
                    speaker_change: *speaker_change,
                    words: Vec::new(),
                    line: raw.line,
                },
                new_paragraph,
            );
            new_paragraph = false;
        }
    }

    fn append(
        &mut self,
        part: &str,
        part_start: usize,
        words: Vec<Word>,
        mut cue: Cue,
        new_paragraph: bool,
    ) {
        if !self.text.is_empty() {
            self.text.push(if new_paragraph { '\n' } else { ' ' });
        }
        let base = self.text.len();
        self.text.push_str(part);
        cue.range = base..self.text.len();
        cue.words = words
            .into_iter()
            .map(|w| Word {
                range: w.range.start - part_start + base..w.range.end - part_start + base,
                ..w
            })
            .collect();
        self.cues.push(cue);
    }

    /// The transcript, or [`TranscriptError::NoCues`] when no speech was found. The last
    /// word of a cue ends no later than the next cue starts (auto-caption windows overlap).
    pub fn finish(mut self, path: &Path) -> Result<Transcript, TranscriptError> {
        if self.cues.is_empty() {
            return Err(TranscriptError::NoCues {
                path: path.to_path_buf(),
                format: self.format,
            });
        }
        let next_starts: Vec<Option<u64>> = self
            .cues
            .iter()
            .skip(1)
            .map(|c| c.words.first().map(|w| w.start_ms).or(c.start_ms))
            .chain(std::iter::once(None))
            .collect();
        for (cue, next) in self.cues.iter_mut().zip(next_starts) {
            let cue_end = cue.end_ms;
            let count = cue.words.len();
            for (i, word) in cue.words.iter_mut().enumerate() {
                if i + 1 == count {
                    let mut end = cue_end.unwrap_or(word.start_ms);
                    if let Some(next) = next {
                        if next >= word.start_ms {
                            end = end.min(next);
                        }
                    }
                    word.end_ms = end;
                }
                word.end_ms = word.end_ms.max(word.start_ms);
            }
        }
        Ok(Transcript {
            format: self.format,
            text: self.text,
            cues: self.cues,
            annotations: self.annotations,
        })
    }
}

/// Times inside one raw cue: each piece starts at its own time; a position inside a piece
/// is interpolated towards the next piece's time (or the cue's end).
struct Clock<'a> {
    raw: &'a str,
    piece_at: &'a [(usize, Option<u64>)],
    len: usize,
    start_ms: Option<u64>,
    end_ms: Option<u64>,
}

impl Clock<'_> {
    fn at(&self, raw: usize) -> Option<u64> {
        // Between the last timed piece starting at or before `raw` (else the cue's start)
        // and the next timed piece (else the cue's end).
        let i = self.piece_at.partition_point(|&(at, _)| at <= raw);
        let (from, t0) = self.piece_at[..i]
            .iter()
            .rev()
            .find_map(|&(at, t)| t.map(|t| (at, t)))
            .or_else(|| self.start_ms.map(|t| (0, t)))?;
        let (to, t1) = self.piece_at[i..]
            .iter()
            .find_map(|&(at, t)| t.map(|t| (at, Some(t))))
            .unwrap_or((self.len, self.end_ms));
        self.interpolate(from, to, Some(t0), t1, raw)
    }

    fn interpolate(
        &self,
        from: usize,
        to: usize,
        t0: Option<u64>,
        t1: Option<u64>,
        raw: usize,
    ) -> Option<u64> {
        let t0 = t0?;
        // A piece's time is the time of its first word: leading white space takes none.
        let slice = &self.raw[from.min(self.raw.len())..to.min(self.raw.len())];
        let from = from + (slice.len() - slice.trim_start().len());
        match t1 {
            Some(t1) if t1 > t0 && to > from && raw > from => {
                let frac = (raw - from).min(to - from) as f64 / (to - from) as f64;
                Some(t0 + ((t1 - t0) as f64 * frac) as u64)
            }
            _ => Some(t0),
        }
    }
}

/// The words (white-space separated tokens) of `text[part]` with their times.
fn words_in(text: &str, part: Range<usize>, raw_of: &[usize], clock: &Clock) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    for range in tokens(text, part) {
        let start = clock.at(raw_of[range.start]).unwrap_or(0);
        let start = words.last().map_or(start, |w| start.max(w.start_ms));
        if let Some(prev) = words.last_mut() {
            prev.end_ms = start;
        }
        words.push(Word {
            range,
            start_ms: start,
            end_ms: start,
        });
    }
    words
}

/// Byte ranges of the white-space separated tokens of `text[part]`.
pub(crate) fn tokens(text: &str, part: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[part.clone()].char_indices() {
        let i = i + part.start;
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..part.end);
    }
    out
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

/// A speaker change found in cue text: where it falls in the cleaned text, and the name
/// when a label follows (`>> ANNA: hi`).
struct Turn {
    at: usize,
    speaker: Option<String>,
}

struct Cleaned {
    text: String,
    /// For every byte of `text`, the byte of the raw cue text it came from.
    raw_of: Vec<usize>,
    annotations: Vec<(String, usize)>,
    turns: Vec<Turn>,
}

/// Removes annotations and speaker marks from raw cue text and collapses white space.
fn clean(raw: &str, dashes: bool) -> Cleaned {
    let mut removed = vec![false; raw.len()];
    let mut annotations = Vec::new();
    let mut raw_turns: Vec<(usize, Option<String>)> = Vec::new();
    let whole = raw.trim();
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let at_token_start = raw[..i].chars().next_back().is_none_or(char::is_whitespace);
        let at_line_start = || {
            let before = raw[..i].trim_end_matches([' ', '\t']);
            before.is_empty() || before.ends_with('\n')
        };
        let span = match c {
            // Only a caption annotation ([Music], [APPLAUSE], [ __ ]) leaves the text: the
            // `[...]` or `[the company]` of a quotation is words the speaker said.
            '[' => closing(rest, '[', ']', 80)
                .filter(|&len| {
                    is_bracket_annotation(&rest[1..len - 1], rest[..len].trim() == whole)
                })
                .map(|len| (len, true)),
            '(' => closing(rest, '(', ')', 48)
                .filter(|&len| is_sound(&rest[1..len - 1], rest[..len].trim() == whole))
                .map(|len| (len, true)),
            '♪' => Some((
                closing(rest, '\0', '♪', 200).unwrap_or('♪'.len_utf8()),
                true,
            )),
            '>' if at_token_start && rest.starts_with(">>") => {
                let marks = rest.len() - rest.trim_start_matches('>').len();
                let after = &rest[marks..];
                let gap = after.len() - after.trim_start().len();
                match speaker_label(after.trim_start()) {
                    Some((name, len)) => {
                        raw_turns.push((i, Some(name)));
                        Some((marks + gap + len, false))
                    }
                    None => {
                        raw_turns.push((i, None));
                        Some((marks, false))
                    }
                }
            }
            '-' | '–' | '—'
                if dashes && at_line_start() && rest[c.len_utf8()..].starts_with(' ') =>
            {
                raw_turns.push((i, None));
                Some((c.len_utf8(), false))
            }
            _ => None,
        };
        match span {
            Some((len, annotation)) => {
                if annotation {
                    annotations.push((rest[..len].trim().to_string(), i));
                }
                removed[i..i + len].iter_mut().for_each(|r| *r = true);
                i += len;
            }
            None => i += c.len_utf8(),
        }
    }
    let mut text = String::with_capacity(raw.len());
    let mut raw_of = Vec::with_capacity(raw.len());
    let mut space: Option<usize> = None;
    let mut turns = Vec::new();
    let mut next_turn = raw_turns.into_iter().peekable();
    for (i, c) in raw.char_indices() {
        if removed[i] {
            continue;
        }
        if c.is_whitespace() {
            space.get_or_insert(i);
            continue;
        }
        if let Some(s) = space.take() {
            if !text.is_empty() {
                text.push(' ');
                raw_of.push(s);
            }
        }
        while let Some((_, speaker)) = next_turn.next_if(|&(at, _)| at <= i) {
            turns.push(Turn {
                at: text.len(),
                speaker,
            });
        }
        text.push(c);
        raw_of.extend(std::iter::repeat_n(i, c.len_utf8()));
    }
    Cleaned {
        text,
        raw_of,
        annotations,
        turns,
    }
}

/// The length of a bracketed span opening at the start of `text` (`open` may be `'\0'`
/// for a span whose opener is the closer itself, as in `♪ … ♪`), within `max` bytes.
fn closing(text: &str, open: char, close: char, max: usize) -> Option<usize> {
    let first = text.chars().next()?.len_utf8();
    for (i, c) in text[first..].char_indices() {
        if i + first > max || c == '\n' || (c == open && open != '\0') {
            return None;
        }
        if c == close {
            return Some(first + i + c.len_utf8());
        }
    }
    None
}

/// Whether a bracketed text is a caption annotation: a sound description (as for
/// parentheses, see [`is_sound`]), or YouTube's `[ __ ]` for a bleeped word, or notes `[♪♪]`.
fn is_bracket_annotation(inner: &str, whole_cue: bool) -> bool {
    let inner_trim = inner.trim();
    (!inner_trim.is_empty()
        && inner_trim
            .chars()
            .all(|c| matches!(c, '_' | ' ' | '♪' | '♫')))
        || is_sound(inner, whole_cue)
}

/// Whether a parenthesised text is a sound description such as `(laughter)`, `(LAUGHS)`,
/// `(audience applauds)` rather than words someone said.
fn is_sound(inner: &str, whole_cue: bool) -> bool {
    const SOUNDS: &[&str] = &[
        "laugh",
        "chuckl",
        "giggl",
        "applau",
        "cheer",
        "clap",
        "music",
        "sing",
        "sigh",
        "cough",
        "sneez",
        "gasp",
        "groan",
        "sniff",
        "inaudible",
        "indistinct",
        "unintelligible",
        "crosstalk",
        "silence",
        "pause",
        "noise",
        "static",
        "beep",
        "ring",
        "whistl",
        "scream",
        "shout",
        "sob",
        "cries",
        "crying",
        "murmur",
        "audience",
        "speaking",
        "foreign",
        "upbeat",
        "dramatic",
        "soft",
        "door",
        "phone",
        "footsteps",
        "background",
    ];
    let inner = inner.trim();
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 4
        || !inner
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'')
    {
        return false;
    }
    let lower = inner.to_lowercase();
    let all_caps = inner.chars().any(char::is_alphabetic)
        && inner
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    whole_cue
        || (all_caps && inner.chars().filter(|c| c.is_alphabetic()).count() > 1)
        || lower
            .split_whitespace()
            .any(|w| SOUNDS.iter().any(|s| w.starts_with(s)))
}

/// A speaker label at the start of `text`: one to four capitalised words and a colon
/// followed by white space (`ANNA:`, `Dr. Kevin Scott:`). Returns the name and the label's
/// length including the white space after it.
pub(crate) fn speaker_label(text: &str) -> Option<(String, usize)> {
    let colon = text.char_indices().take(41).find(|&(_, c)| c == ':')?.0;
    let name = &text[..colon];
    let after = &text[colon + 1..];
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let words: Vec<&str> = name.split(' ').collect();
    let good = !words.is_empty()
        && words.len() <= 4
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '-'))
        });
    if !good {
        return None;
    }
    let gap = after.len() - after.trim_start().len();
    Some((name.to_string(), colon + 1 + gap))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Turns = Vec<(usize, Option<String>)>;

    fn cleaned(raw: &str) -> (String, Vec<String>, Turns) {
        let c = clean(raw, true);
        (
            c.text,
            c.annotations.into_iter().map(|a| a.0).collect(),
            c.turns.into_iter().map(|t| (t.at, t.speaker)).collect(),
        )
    }

    #[test]
    fn annotations_leave_the_text() {
        let (text, notes, _) = cleaned("[Music] so (laughs) we  went ♪ la la ♪ home (Smith 55)");
        assert_eq!(text, "so we went home (Smith 55)");
        assert_eq!(notes, ["[Music]", "(laughs)", "♪ la la ♪"]);
    }

    #[test]
    fn speaker_marks_become_turns() {
        let (text, _, turns) = cleaned(">> ANNA: Hi. >> Thanks.");
        assert_eq!(text, "Hi. Thanks.");
        assert_eq!(turns, [(0, Some("ANNA".into())), (4, None)]);
        let (text, _, turns) = cleaned("- Yes.\n- No.");
        assert_eq!(text, "Yes. No.");
        assert_eq!(turns.len(), 2);
    }

    #[test]
    fn labels_need_capitals_and_a_colon() {
        assert_eq!(
            speaker_label("Kevin Scott: hi"),
            Some(("Kevin Scott".into(), 13))
        );
        assert_eq!(speaker_label("the time: 10"), None);
        assert_eq!(speaker_label("10:30 am"), None);
    }
}
