//! Splitting a long row into several cues at the English side's own times.
//!
//! The canonical corpus keeps one time span per row, which is all a TSV reviewed in `git
//! diff` should carry. The pipeline has more: each English unit (sentence or caption unit)
//! has its own span, and auto-captions (json3, srv3) time every word. [`EnTimes`] carries
//! those from the transcript to the subtitle writer; a row is matched to its units by its
//! English text, so a row edited by hand (whose text no longer matches) just falls back to
//! the proportional split. A long row is cut at sentence boundaries first, each cue starting
//! at its sentence's own time, then inside a sentence too long for one cue at word times;
//! only a sentence without word times is cut in proportion to its characters.

use super::wrap::{self, wrap_en, wrap_zh};
use super::{Cue, EN_WIDTH, MAX_LINES, MIN_PART_MS, ZH_WIDTH};
use crate::corpus::Row;
use std::ops::Range;

/// The times of one English unit (a sentence, or a caption unit of unpunctuated
/// auto-captions), as the aligner saw it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnitTimes {
    /// The unit's text (the `en` of a row is its units' texts joined by spaces).
    pub text: String,
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    /// The start time of each white-space-separated word of `text`, where the transcript
    /// times its words (json3 `tOffsetMs`, srv3 `<s t>`, timed VTT); `None` for a word
    /// without one. Empty when the transcript times no word of the unit.
    pub words: Vec<Option<u64>>,
}

/// The English units of a corpus's transcript with their own times, in transcript order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EnTimes {
    units: Vec<UnitTimes>,
    /// Each unit's text with white space collapsed, for matching rows.
    keys: Vec<String>,
}

/// How far past the last matched unit a row's first unit is looked for (rows of units the
/// aligner left out, or rows edited by hand, are skipped over).
const LOOK_AHEAD: usize = 64;

impl EnTimes {
    /// The units, in transcript order.
    pub fn new(units: Vec<UnitTimes>) -> EnTimes {
        let keys = units.iter().map(|u| collapse(&u.text)).collect();
        EnTimes { units, keys }
    }

    /// The units, in transcript order.
    pub fn units(&self) -> &[UnitTimes] {
        &self.units
    }

    /// The run of units whose texts, joined by spaces, are the row's English `en` (white
    /// space aside), looked for from unit `*cursor` on; `*cursor` moves past it.
    pub(super) fn units_of(&self, en: &str, cursor: &mut usize) -> Option<&[UnitTimes]> {
        let target = collapse(en);
        if target.is_empty() {
            return None;
        }
        let last = self.keys.len().min(*cursor + LOOK_AHEAD);
        for first in *cursor..last {
            let key = &self.keys[first];
            if key.is_empty() || !target.starts_with(key.as_str()) {
                continue;
            }
            let mut joined = key.clone();
            let mut end = first + 1;
            while joined.len() < target.len() && end < self.keys.len() {
                joined.push(' ');
                joined.push_str(&self.keys[end]);
                end += 1;
                if !target.starts_with(joined.as_str()) {
                    break;
                }
            }
            if joined == target {
                *cursor = end;
                return Some(&self.units[first..end]);
            }
        }
        None
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One English word of a row with where it stands.
#[derive(Debug, Clone)]
struct Token<'a> {
    text: &'a str,
    /// Its own start time (a word time, or its unit's start for the unit's first word).
    at: Option<u64>,
}

/// A run of a row's English words to become one cue, with its start time.
#[derive(Debug, Clone)]
struct Chunk {
    words: Range<usize>,
    start: u64,
}

/// The cues of a row spanning `start..end` whose English is `units`, cut at the units' and
/// words' own times; `None` when the row fits one cue or the units carry no times (the
/// caller then splits in proportion).
pub(super) fn split_timed(
    start: u64,
    end: u64,
    row: &Row,
    units: &[UnitTimes],
    speaker: &str,
) -> Option<Vec<Cue>> {
    let zh_text = super::one_line(&row.zh);
    let en_text = super::one_line(&row.en);
    let fits = |zh: &str, en: &str| {
        wrap_zh(zh, ZH_WIDTH).len() <= MAX_LINES && wrap_en(en, EN_WIDTH).len() <= MAX_LINES
    };
    if fits(&zh_text, &en_text) || units.iter().all(|u| u.start_ms.is_none()) {
        return None;
    }
    let tokens = tokens(units);
    if tokens.is_empty() {
        return None;
    }
    // English characters per cue: two lines, fewer when the Chinese is relatively long (so
    // that its share also fits two lines).
    let en_chars = en_text.chars().count().max(1);
    let zh_cols = wrap::width_of(&zh_text).div_ceil(2);
    // (Chinese lines are seldom full: breaks fall between words and after punctuation, so
    // its share is reckoned at 85% of two full lines.)
    let cap = (MAX_LINES * ZH_WIDTH * en_chars * 85 / 100)
        .checked_div(zh_cols)
        .map_or(MAX_LINES * EN_WIDTH, |c| c.min(MAX_LINES * EN_WIDTH))
        .max(EN_WIDTH / 2);
    let mut chunks = chunks(&tokens, units, cap, start, end);
    merge(&mut chunks, &tokens, cap, end);
    if chunks.len() < 2 {
        // The times say one cue (its parts would flash by): all lines in one cue.
        return Some(vec![Cue {
            start,
            end,
            speaker: speaker.to_string(),
            zh: wrap_zh(&zh_text, ZH_WIDTH),
            en: wrap_en(&en_text, EN_WIDTH),
        }]);
    }
    let en_parts: Vec<String> = chunks
        .iter()
        .map(|c| join(&tokens[c.words.clone()]))
        .collect();
    let zh_parts = share_chinese(&zh_text, &en_parts);
    let mut cues = Vec::with_capacity(chunks.len());
    for (i, chunk) in chunks.iter().enumerate() {
        let until = chunks.get(i + 1).map_or(end, |c| c.start);
        cues.push(Cue {
            start: chunk.start,
            end: until,
            speaker: speaker.to_string(),
            zh: wrap_zh(&zh_parts[i], ZH_WIDTH),
            en: wrap_en(&en_parts[i], EN_WIDTH),
        });
    }
    Some(cues)
}

/// The row's words in order, each with its own time where known.
fn tokens(units: &[UnitTimes]) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for unit in units {
        for (k, text) in unit.text.split_whitespace().enumerate() {
            let word_time = unit.words.get(k).copied().flatten();
            out.push(Token {
                text,
                at: if k == 0 {
                    unit.start_ms.or(word_time)
                } else {
                    word_time
                },
            });
        }
    }
    out
}

fn join(tokens: &[Token]) -> String {
    tokens.iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

/// The characters of the words joined by single spaces.
fn chars_of(tokens: &[Token]) -> usize {
    let letters: usize = tokens.iter().map(|t| t.text.chars().count()).sum();
    letters + tokens.len().saturating_sub(1)
}

/// Cuts the row's words at every unit boundary, and a unit longer than `cap` characters
/// at word boundaries into runs of at most `cap` (preferring a cut after a comma, never
/// after "the", "of" …, never inside a name); each run starts at its first word's time,
/// interpolated by characters inside its unit only when the unit times no word.
fn chunks(tokens: &[Token], units: &[UnitTimes], cap: usize, start: u64, end: u64) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut first = 0;
    for unit in units {
        let n = unit.text.split_whitespace().count();
        if n == 0 {
            continue;
        }
        let range = first..first + n;
        first += n;
        let unit_start = unit.start_ms.unwrap_or(start).clamp(start, end);
        let unit_end = unit.end_ms.unwrap_or(end).clamp(unit_start, end);
        let total = chars_of(&tokens[range.clone()]).max(1);
        // As many runs as the cap needs, of about even length (not a full run and a scrap).
        let runs = total.div_ceil(cap);
        let limit = (total.div_ceil(runs) + cap / 10).min(cap);
        let total = total as u64;
        let mut a = range.start;
        while a < range.end {
            let mut b = a + 1;
            while b < range.end && chars_of(&tokens[a..b + 1]) <= limit {
                b += 1;
            }
            if b < range.end {
                b = best_cut(tokens, a, b, limit);
            }
            let own = if a == range.start {
                Some(unit_start)
            } else {
                tokens[a].at
            };
            let at = own.unwrap_or_else(|| {
                let before = chars_of(&tokens[range.start..a]) as u64;
                unit_start + (unit_end - unit_start) * before / total
            });
            out.push(Chunk {
                words: a..b,
                start: at,
            });
            a = b;
        }
    }
    out
}

/// Where to end a run of words starting at `a` that can hold the words `a..b` (and no
/// more): the cut with the best reasons within the second half of the run, else `b`.
fn best_cut(tokens: &[Token], a: usize, b: usize, cap: usize) -> usize {
    let mut best = (0, b);
    for j in a + 1..=b {
        if chars_of(&tokens[a..j]) * 2 < cap {
            continue;
        }
        let before = tokens[j - 1].text;
        let after = tokens[j].text;
        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let bare = !before.ends_with(|c: char| c.is_ascii_punctuation());
        if bare && capital(before) && capital(after) {
            continue; // inside a name
        }
        let score = 4 * u32::from(before.ends_with([',', ';', ':', '—', '-']))
            + 2 * u32::from(!crate::segment::en::never_last(
                before.trim_end_matches(','),
            ))
            + 2 * u32::from(tokens[j].at.is_some())
            + 1;
        if score >= best.0 {
            best = (score, j);
        }
    }
    best.1
}

/// Joins runs that fit together in one cue (short sentences share a cue), and runs that
/// would flash by in less than [`MIN_PART_MS`] with a neighbour; makes start times
/// increase.
fn merge(chunks: &mut Vec<Chunk>, tokens: &[Token], cap: usize, end: u64) {
    // Times must increase: a run whose own time is not after its predecessor's joins it.
    let mut i = 1;
    while i < chunks.len() {
        if chunks[i].start <= chunks[i - 1].start || chunks[i].start >= end {
            let gone = chunks.remove(i);
            chunks[i - 1].words.end = gone.words.end;
        } else {
            i += 1;
        }
    }
    let mut i = 1;
    while i < chunks.len() {
        let together = chars_of(&tokens[chunks[i - 1].words.start..chunks[i].words.end]);
        if together <= cap {
            let gone = chunks.remove(i);
            chunks[i - 1].words.end = gone.words.end;
        } else {
            i += 1;
        }
    }
    let mut i = 0;
    while chunks.len() > 1 && i < chunks.len() {
        let until = chunks.get(i + 1).map_or(end, |c| c.start);
        if until - chunks[i].start < MIN_PART_MS {
            if i + 1 < chunks.len() {
                // the next run starts where this one did
                let gone = chunks.remove(i + 1);
                chunks[i].words.end = gone.words.end;
            } else {
                let gone = chunks.remove(i);
                chunks[i - 1].words.end = gone.words.end;
            }
        } else {
            i += 1;
        }
    }
}

/// The Chinese cut into as many parts as there are English runs, each in proportion to
/// its run's length, at the nearest good break: the end of a sentence or clause if one is
/// near, else between two words ([`wrap::break_points`]: never inside a word, a number, a
/// name or a title).
fn share_chinese(zh: &str, en_parts: &[String]) -> Vec<String> {
    let n = en_parts.len();
    if zh.is_empty() {
        return vec![String::new(); n];
    }
    let points = wrap::break_points(zh);
    let total_zh = zh.chars().count();
    let en_len: Vec<usize> = en_parts.iter().map(|p| p.chars().count() + 1).collect();
    let total_en: usize = en_len.iter().sum::<usize>().max(1);
    let part = (total_zh / n).max(1) as f64;
    let mut cuts: Vec<usize> = Vec::with_capacity(n - 1);
    let mut acc = 0;
    let mut last_chars = 0;
    for len in &en_len[..n - 1] {
        acc += len;
        let target = (total_zh * acc) as f64 / total_en as f64;
        let best = points
            .iter()
            .filter(|p| p.chars > last_chars && p.chars < total_zh)
            .map(|p| {
                let bonus = match p.strength {
                    2 => 0.45,
                    1 => 0.25,
                    _ => 0.0,
                } * part;
                ((p.chars as f64 - target).abs() - bonus, p)
            })
            .min_by(|x, y| x.0.total_cmp(&y.0));
        match best {
            Some((_, p)) => {
                cuts.push(p.byte);
                last_chars = p.chars;
            }
            None => cuts.push(zh.len()),
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut at = 0;
    for cut in cuts {
        let cut = cut.max(at);
        out.push(zh[at..cut].trim().to_string());
        at = cut;
    }
    out.push(zh[at..].trim().to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(text: &str, start: u64, end: u64, words: Vec<Option<u64>>) -> UnitTimes {
        UnitTimes {
            text: text.into(),
            start_ms: Some(start),
            end_ms: Some(end),
            words,
        }
    }

    #[test]
    fn rows_find_their_units_by_text_and_skip_what_does_not_match() {
        let times = EnTimes::new(vec![
            unit("One.", 0, 1000, vec![]),
            unit("Two  words.", 1000, 2000, vec![]),
            unit("Three.", 2000, 3000, vec![]),
            unit("Four.", 3000, 4000, vec![]),
        ]);
        let mut cursor = 0;
        assert_eq!(
            times
                .units_of("One. Two words.", &mut cursor)
                .unwrap()
                .len(),
            2
        );
        assert_eq!(cursor, 2);
        assert!(times.units_of("Edited by hand.", &mut cursor).is_none());
        assert_eq!(cursor, 2);
        assert_eq!(
            times.units_of("Four.", &mut cursor).unwrap()[0].start_ms,
            Some(3000)
        );
        assert!(
            times.units_of("Four. Five.", &mut 0).is_none(),
            "no partial match"
        );
    }

    #[test]
    fn a_sentence_without_word_times_is_cut_evenly_and_the_chinese_at_its_comma() {
        let en = "My guest today is Tom Hendricks, who started the Byte Bus project in rural Ohio.";
        let row = Row {
            start_ms: Some(4000),
            end_ms: Some(8200),
            zh: "今天的嘉宾是Tom Hendrix，他在俄亥俄州乡村发起了Byte Bus项目。".into(),
            en: en.into(),
            ..Row::default()
        };
        let units = [unit(en, 4000, 8200, vec![])];
        let cues = split_timed(4000, 8200, &row, &units, "").unwrap();
        assert_eq!(cues.len(), 2, "{cues:#?}");
        assert_eq!(cues[0].en, ["My guest today is Tom Hendricks,"]);
        assert_eq!(cues[0].zh, ["今天的嘉宾是Tom Hendrix，"]);
        assert!(
            cues.iter().all(|c| c.end - c.start >= MIN_PART_MS),
            "{cues:#?}"
        );
        // Too short to split at all: one cue with every line, not a scrap of a cue.
        let cues = split_timed(4000, 5500, &row, &units, "").unwrap();
        assert_eq!(cues.len(), 1, "{cues:#?}");
        assert_eq!((cues[0].start, cues[0].end), (4000, 5500));
    }
}
