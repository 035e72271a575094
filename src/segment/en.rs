//! English sentence splitting, punctuated or not.
//!
//! [`split`] is the punctuated-English splitter: rules for terminators (`. ? ! …` and runs
//! of them), abbreviations (titles, `e.g.`, `U.S.`, initials), numbers, ellipses, quotes,
//! brackets and numbered or lettered lists, in the spirit of pySBD's golden rules.
//! [`sentences`] applies it to a [`Transcript`] and gives every sentence its times, speaker
//! and paragraph; auto-captions without punctuation are cut instead into short units at
//! pauses between words ([`units`]), for the aligner to regroup.

use super::Segment;
use crate::source::transcript::{Cue, Transcript};
use std::ops::Range;

/// A pause between words at least this long (estimated silence) ends an unpunctuated unit.
const PAUSE_MS: u64 = 300;
/// An unpunctuated unit holds at most this many words…
const MAX_WORDS: usize = 8;
/// …and lasts at most this long.
const MAX_UNIT_MS: u64 = 6000;

/// Splits punctuated English into sentences: byte ranges into `text`, trimmed of white
/// space, in order, not overlapping, together covering every non-space character.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut cuts = boundaries(text);
    cuts.push(text.len());
    let mut out = Vec::new();
    let mut at = 0;
    for cut in cuts {
        if cut <= at {
            continue;
        }
        let range = trim(text, at..cut);
        if !range.is_empty() {
            out.push(range);
        }
        at = cut;
    }
    out
}

/// The sentences (or, for unpunctuated captions, pause-delimited units) of a transcript.
///
/// Punctuated text is split with [`split`] inside each stretch of one speaker and one
/// paragraph; a sentence's times come from the word times where the format has them, else
/// from its cues, interpolated by character position inside a cue. Text without sentence
/// punctuation (auto-captions) is cut into [`units`] instead.
pub fn sentences(transcript: &Transcript) -> Vec<Segment> {
    if is_unpunctuated(&transcript.text) {
        return units(transcript);
    }
    let text = &transcript.text;
    let chars = CharIndex::new(text);
    let mut out = Vec::new();
    for (n, block) in blocks(transcript).into_iter().enumerate() {
        let span = transcript.cues[block.cues.start].range.start
            ..transcript.cues[block.cues.end - 1].range.end;
        for (i, range) in split(&text[span.clone()]).into_iter().enumerate() {
            let range = range.start + span.start..range.end + span.start;
            let start_ms = time_at(transcript, &chars, range.start, true);
            let end_ms = time_at(transcript, &chars, range.end, false);
            out.push(Segment {
                text: text[range.clone()].to_string(),
                range,
                speaker: block.speaker.clone(),
                paragraph: n,
                turn_start: block.turn_start && i == 0,
                start_ms,
                end_ms: end_ms.max(start_ms),
                ..Segment::default()
            });
        }
    }
    out
}

/// Whether a text lacks sentence punctuation: fewer than one sentence terminator per
/// thirty words (auto-captions without punctuation have none at all).
pub fn is_unpunctuated(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let terminators = text
        .split_whitespace()
        .filter(|w| {
            w.trim_end_matches(is_closer)
                .ends_with(['.', '?', '!', '…'])
        })
        .count();
    terminators * 30 < words
}

/// A run of cues with one speaker inside one paragraph.
struct Block {
    cues: Range<usize>,
    speaker: Option<String>,
    turn_start: bool,
}

/// The transcript's cues grouped into [`Block`]s: a block ends where a speaker changes or
/// a plain-text paragraph ends. The speaker carries over cues that do not name one.
fn blocks(transcript: &Transcript) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut speaker: Option<String> = None;
    for (i, cue) in transcript.cues.iter().enumerate() {
        let named = cue.speaker.is_some() && cue.speaker != speaker;
        if cue.speaker.is_some() {
            speaker = cue.speaker.clone();
        } else if cue.speaker_change {
            speaker = None;
        }
        let breaks = i == 0 || cue.speaker_change || named || opens_paragraph(transcript, cue);
        match out.last_mut() {
            Some(block) if !breaks => block.cues.end = i + 1,
            _ => out.push(Block {
                cues: i..i + 1,
                speaker: speaker.clone(),
                turn_start: cue.speaker_change || named,
            }),
        }
    }
    out
}

/// Whether a cue starts a new plain-text paragraph (the transcript joins those with `\n`).
fn opens_paragraph(transcript: &Transcript, cue: &Cue) -> bool {
    transcript.text[..cue.range.start].ends_with('\n')
}

/// The time at byte `pos` of the transcript text: the start of the word there (or the end
/// of the word before, for an end position), else interpolated inside its cue.
fn time_at(transcript: &Transcript, chars: &CharIndex, pos: usize, start: bool) -> Option<u64> {
    let cues = &transcript.cues;
    let probe = if start { pos } else { pos.saturating_sub(1) };
    let i = cues
        .partition_point(|c| c.range.start <= probe)
        .checked_sub(1)?;
    let cue = &cues[i];
    if !cue.words.is_empty() {
        // Words are in text order: binary searches, so a cue of many words stays linear.
        let words = &cue.words;
        return if start {
            words
                .get(words.partition_point(|w| w.range.end <= pos))
                .or(words.last())
                .map(|w| w.start_ms)
        } else {
            words
                .partition_point(|w| w.range.start < pos)
                .checked_sub(1)
                .map(|i| &words[i])
                .or(words.first())
                .map(|w| w.end_ms)
        };
    }
    let (from, to) = (cue.start_ms?, cue.end_ms.unwrap_or(cue.start_ms?));
    let pos = pos.clamp(cue.range.start, cue.range.end);
    let done = chars.between(cue.range.start, pos);
    let total = chars.between(cue.range.start, cue.range.end).max(1);
    Some(from + (to.saturating_sub(from) as f64 * done as f64 / total as f64) as u64)
}

/// Character counts between byte positions of a text without counting from the start each
/// time (which made one long cue quadratic): the count before every 4 KiB checkpoint.
struct CharIndex<'a> {
    text: &'a str,
    /// (byte position on a char boundary, characters before it), ascending.
    marks: Vec<(usize, usize)>,
}

impl<'a> CharIndex<'a> {
    const STEP: usize = 4096;

    fn new(text: &'a str) -> CharIndex<'a> {
        let mut marks = vec![(0, 0)];
        let mut at = 0;
        let mut count = 0;
        while at + Self::STEP < text.len() {
            let mut next = at + Self::STEP;
            while !text.is_char_boundary(next) {
                next += 1;
            }
            count += text[at..next].chars().count();
            marks.push((next, count));
            at = next;
        }
        CharIndex { text, marks }
    }

    /// Characters in `text[..pos]` (`pos` on a char boundary).
    fn before(&self, pos: usize) -> usize {
        let i = self.marks.partition_point(|&(at, _)| at <= pos) - 1;
        let (at, count) = self.marks[i];
        count + self.text[at..pos].chars().count()
    }

    /// Characters in `text[from..to]`.
    fn between(&self, from: usize, to: usize) -> usize {
        if to - from <= Self::STEP {
            return self.text[from..to].chars().count();
        }
        self.before(to) - self.before(from)
    }
}

/// One word of an unpunctuated transcript, with its (possibly estimated) times.
#[derive(Clone)]
struct Token {
    range: Range<usize>,
    start_ms: Option<u64>,
    end_ms: Option<u64>,
    /// A speaker change or paragraph break comes before this word.
    hard: bool,
    speaker: Option<String>,
    turn: bool,
}

/// Units of an unpunctuated transcript: cut at every speaker change and paragraph break,
/// at every pause between words of at least [`PAUSE_MS`], and then, while a unit has more
/// than [`MAX_WORDS`] words or lasts longer than [`MAX_UNIT_MS`], at its longest pause.
/// Never after a word no sentence ends with ([`never_last`]: "the", "of", "and" …) unless
/// there is no other place: a unit boundary is where the aligner may end a sentence.
/// Each unit keeps its start and end time and its byte range in the transcript text.
pub fn units(transcript: &Transcript) -> Vec<Segment> {
    let tokens = tokens(transcript);
    let mut groups: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for i in 1..=tokens.len() {
        if i == tokens.len()
            || tokens[i].hard
            || (pause(&tokens[i - 1], &tokens[i]) >= PAUSE_MS
                && !never_last(&transcript.text[tokens[i - 1].range.clone()]))
        {
            cut_long(&transcript.text, &tokens, start..i, &mut groups);
            start = i;
        }
    }
    let mut paragraph = 0;
    let mut out = Vec::with_capacity(groups.len());
    for (n, group) in groups.into_iter().enumerate() {
        let first = &tokens[group.start];
        let last = &tokens[group.end - 1];
        if first.hard && n > 0 {
            paragraph += 1;
        }
        let range = first.range.start..last.range.end;
        out.push(Segment {
            text: transcript.text[range.clone()].to_string(),
            range,
            speaker: first.speaker.clone(),
            paragraph,
            turn_start: first.turn,
            start_ms: first.start_ms,
            end_ms: last.end_ms.max(first.start_ms),
            pause_before_ms: (group.start > 0)
                .then(|| pause_ms(&tokens[group.start - 1], first))
                .flatten(),
            ..Segment::default()
        });
    }
    out
}

/// The words of the transcript in order: timed words where the cue has them, else the
/// cue's white-space tokens with times interpolated inside the cue.
fn tokens(transcript: &Transcript) -> Vec<Token> {
    let chars = CharIndex::new(&transcript.text);
    let mut out = Vec::new();
    let mut speaker: Option<String> = None;
    for (i, cue) in transcript.cues.iter().enumerate() {
        let named = cue.speaker.is_some() && cue.speaker != speaker;
        if cue.speaker.is_some() {
            speaker = cue.speaker.clone();
        } else if cue.speaker_change {
            speaker = None;
        }
        let hard = i > 0 && (cue.speaker_change || named || opens_paragraph(transcript, cue));
        let turn = cue.speaker_change || named;
        let words: Vec<(Range<usize>, Option<u64>, Option<u64>)> = if cue.words.is_empty() {
            word_ranges(&transcript.text, cue.range.clone())
                .into_iter()
                .map(|r| {
                    let s = time_at(transcript, &chars, r.start, true);
                    let e = time_at(transcript, &chars, r.end, false);
                    (r, s, e)
                })
                .collect()
        } else {
            cue.words
                .iter()
                .map(|w| (w.range.clone(), Some(w.start_ms), Some(w.end_ms)))
                .collect()
        };
        for (k, (range, start_ms, end_ms)) in words.into_iter().enumerate() {
            out.push(Token {
                range,
                start_ms,
                end_ms,
                hard: hard && k == 0,
                speaker: speaker.clone(),
                turn: turn && k == 0,
            });
        }
    }
    out
}

fn word_ranges(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = range.start;
    for word in text[range.clone()].split_whitespace() {
        let start = at + text[at..range.end].find(word).unwrap_or(0);
        out.push(start..start + word.len());
        at = start + word.len();
    }
    out
}

/// The estimated silence between two words: the second's start minus the first's end,
/// where a word is taken to last no longer than its letters take to say (caption formats
/// end a word where the next begins, hiding the pause).
fn pause(a: &Token, b: &Token) -> u64 {
    pause_ms(a, b).unwrap_or(0)
}

/// [`pause`], or `None` when either word has no time.
fn pause_ms(a: &Token, b: &Token) -> Option<u64> {
    let (a_start, b_start) = (a.start_ms?, b.start_ms?);
    let letters = (a.range.end - a.range.start) as u64;
    let said = a_start + 120 + 55 * letters;
    let end = a.end_ms.map_or(said, |e| e.min(said));
    Some(b_start.saturating_sub(end))
}

/// Words after which an English sentence practically never ends: articles, possessives,
/// conjunctions, subject pronouns, auxiliaries and the commonest prepositions.
pub const NEVER_LAST: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "when", "because", "as", "of", "to", "at", "from",
    "with", "in", "on", "into", "onto", "by", "for", "about", "over", "under", "through", "upon",
    "without", "towards", "toward", "between", "across", "behind", "during", "among", "my", "your",
    "his", "her", "its", "our", "their", "every", "very", "i", "he", "she", "we", "they", "which",
    "who", "whose", "would", "could", "should", "can", "will", "were", "was", "is", "are", "have",
    "has", "had", "been", "being", "than", "that's", "it's", "there's",
];

/// True when an English sentence practically never ends after `word` ([`NEVER_LAST`]).
pub fn never_last(word: &str) -> bool {
    let w = word.to_lowercase();
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    NEVER_LAST.contains(&w)
}

/// Cuts `group` at its longest pauses until every piece is small enough.
fn cut_long(text: &str, tokens: &[Token], group: Range<usize>, out: &mut Vec<Range<usize>>) {
    let len = group.end - group.start;
    let span = match (tokens[group.start].start_ms, tokens[group.end - 1].end_ms) {
        (Some(s), Some(e)) => e.saturating_sub(s),
        _ => 0,
    };
    if len <= 1 || (len <= MAX_WORDS && span <= MAX_UNIT_MS) {
        out.push(group);
        return;
    }
    // The longest pause, pieces of at least two words where possible; ties go to the
    // cut nearest the middle.
    let min_piece = if len >= 4 { 2 } else { 1 };
    let middle = group.start + len / 2;
    let cut = (group.start + min_piece..=group.end - min_piece)
        .max_by_key(|&i| {
            (
                !never_last(&text[tokens[i - 1].range.clone()]),
                pause(&tokens[i - 1], &tokens[i]),
                std::cmp::Reverse(i.abs_diff(middle)),
            )
        })
        .unwrap_or(middle);
    cut_long(text, tokens, group.start..cut, out);
    cut_long(text, tokens, cut..group.end, out);
}

/// Where sentences end: byte offsets (after a terminator and its closing quotes, before a
/// list item or bullet, at a blank line). Unsorted offsets are fine; [`split`] orders them.
fn boundaries(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let inside = bracketed(&chars);
    let (mut cuts, marker_dots) = list_items(text, &chars);
    for (k, &(at, c)) in chars.iter().enumerate() {
        if c == '\n' && chars.get(k + 1).is_some_and(|&(_, n)| n == '\n') {
            cuts.push(at);
        }
        if is_bullet(c) && k > 0 && chars[k - 1].1.is_whitespace() {
            cuts.push(at);
        }
    }
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        if !is_terminal(c) || inside[k] || marker_dots.contains(&at) {
            k += 1;
            continue;
        }
        let run_end = terminal_run(&chars, k);
        let mut end = run_end;
        while end < chars.len() && is_closer(chars[end].1) {
            end += 1;
        }
        if let Some(cut) = decide(text, &chars, k, run_end, end) {
            cuts.push(cut);
        }
        k = run_end.max(k + 1);
    }
    cuts.sort_unstable();
    cuts
}

/// The end (char index) of the run of terminators starting at `k`, spaced dots included
/// (`. . .`).
fn terminal_run(chars: &[(usize, char)], k: usize) -> usize {
    let mut j = k;
    loop {
        match chars.get(j) {
            Some(&(_, c)) if is_terminal(c) => j += 1,
            Some(&(_, ' ')) if chars.get(j + 1).is_some_and(|&(_, c)| c == '.') && j > k => j += 2,
            _ => return j,
        }
    }
}

/// Whether the terminator run `chars[k..run_end]` (closers up to `end`) ends a sentence,
/// and where the cut falls.
fn decide(
    text: &str,
    chars: &[(usize, char)],
    k: usize,
    run_end: usize,
    end: usize,
) -> Option<usize> {
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    if end >= chars.len() {
        return None; // the end of the text ends the sentence anyway
    }
    if !chars[end].1.is_whitespace() {
        return None; // 3.14, U.S.A, example.com, mean...see, Jr.'s
    }
    let next = next_word(text, offset(end));
    let first = next.chars().find(|c| c.is_alphanumeric());
    if first.is_some_and(char::is_lowercase) {
        return None; // co. at, Yahoo! in, 'This is great.' she said
    }
    let run: String = chars[k..run_end].iter().map(|&(_, c)| c).collect();
    let dots = run.chars().filter(|&c| c == '.').count() + 3 * run.matches('…').count();
    let attached = k > 0 && !chars[k - 1].1.is_whitespace();
    if run.contains(['?', '!']) {
        return Some(offset(end));
    }
    if dots >= 2 {
        // Ellipses: attached ones (`that....`, `slow…`) end a sentence before a capital;
        // spaced ones end it only with a fourth dot (`period . . . .`). A period followed
        // by a spaced ellipsis (`compounds. . . . The`) ends at the period, and the
        // ellipsis opens the next sentence.
        if attached && run.starts_with(". .") {
            return (dots == 4).then(|| offset(k + 1));
        }
        return (attached || dots >= 4).then(|| offset(end));
    }
    if period_ends_sentence(text, chars, k, &next, first) {
        Some(offset(end))
    } else {
        None
    }
}

/// Whether a single period at char `k`, followed by white space and `next` (which does not
/// start in lower case), ends a sentence: the abbreviation rules.
fn period_ends_sentence(
    text: &str,
    chars: &[(usize, char)],
    k: usize,
    next: &str,
    first: Option<char>,
) -> bool {
    let word_start = chars[..k]
        .iter()
        .rposition(|&(_, c)| c.is_whitespace())
        .map_or(0, |i| i + 1);
    let word: String = chars[word_start..k]
        .iter()
        .map(|&(_, c)| c)
        .skip_while(|&c| is_opener(c))
        .collect();
    let lower = word.to_lowercase();
    let starter = is_starter(next);
    if NEVER_FINAL.contains(&lower.as_str()) {
        return false;
    }
    if first.is_some_and(|c| c.is_ascii_digit()) && NUMBER_PREFIX.contains(&lower.as_str()) {
        return false;
    }
    let letters: Vec<char> = word.chars().collect();
    if letters.len() == 1 && letters[0].is_alphabetic() {
        let before = previous_word(text, chars[word_start].0);
        let before_capital = before
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase);
        if letters[0].is_lowercase() {
            return true;
        }
        if is_initial(next) {
            return false; // J. R. R. Tolkien
        }
        if letters[0] == 'I' {
            return !before_capital || starter; // you and I. Did | Albert I. Jones
        }
        return !before_capital && starter; // vitamin C. It | Jonas E. Smith
    }
    if is_dotted_abbreviation(&word) {
        return starter; // the U.S. How | the U.S. Government
    }
    true
}

/// Abbreviations that do not end a sentence even before a capital.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "st", "mt", "ft", "gen", "gov", "sen", "rep", "rev",
    "capt", "lt", "col", "sgt", "cmdr", "adm", "maj", "hon", "pres", "supt", "mme", "mlle", "fr",
    "e.g", "i.e", "eg", "cf", "viz", "vs", "v",
];

/// Abbreviations that do not end a sentence before a number (`p. 55`, `No. 5`, `Fig. 3`).
const NUMBER_PREFIX: &[&str] = &[
    "no", "nos", "nr", "n°", "num", "fig", "figs", "p", "pp", "vol", "vols", "ch", "chap", "sec",
    "sect", "eq", "eqs", "art", "para", "ref", "refs", "tab", "ex", "pt", "pts", "op", "ca",
    "approx", "ver", "ed", "rev", "vs", "v", "ps",
];

/// Words that commonly open a sentence: after an abbreviation that may or may not end a
/// sentence (`U.S.`, an initial), one of these says it did.
const STARTERS: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "it's",
    "its",
    "i",
    "i'm",
    "i've",
    "i'll",
    "i'd",
    "we",
    "we're",
    "you",
    "you're",
    "he",
    "he's",
    "she",
    "she's",
    "they",
    "they're",
    "there",
    "there's",
    "here",
    "what",
    "what's",
    "when",
    "where",
    "why",
    "how",
    "who",
    "which",
    "but",
    "and",
    "so",
    "or",
    "if",
    "as",
    "in",
    "on",
    "at",
    "for",
    "with",
    "after",
    "before",
    "then",
    "now",
    "however",
    "also",
    "yes",
    "no",
    "not",
    "do",
    "does",
    "did",
    "don't",
    "is",
    "are",
    "was",
    "were",
    "can",
    "could",
    "will",
    "would",
    "should",
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "let",
    "let's",
    "one",
    "some",
    "many",
    "most",
    "all",
    "every",
    "each",
    "because",
    "since",
    "while",
    "although",
    "though",
    "once",
    "today",
    "yesterday",
    "please",
    "thanks",
    "thank",
    "well",
    "oh",
    "ok",
    "okay",
    "there's",
    "that's",
];

fn is_starter(word: &str) -> bool {
    let word: String = word
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .replace('’', "'")
        .to_lowercase();
    STARTERS.contains(&word.as_str())
}

/// `J.` or `R.` as the next word: one capital and a period.
fn is_initial(word: &str) -> bool {
    let mut cs = word.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// `U.S`, `a.m`, `U.S.A` (the final period already cut off): letters joined by periods.
fn is_dotted_abbreviation(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// The white-space delimited word starting at or after byte `at`.
fn next_word(text: &str, at: usize) -> String {
    text[at..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string()
}

/// The word before the one starting at byte `at`.
fn previous_word(text: &str, at: usize) -> &str {
    text[..at].split_whitespace().next_back().unwrap_or("")
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '‽')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '‹')
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '◦' | '▪' | '‣' | '⁃' | '●')
}

/// For every char, whether it lies inside a matched `( )` or `[ ]` pair within one
/// paragraph: a terminator there does not end the sentence around it.
fn bracketed(chars: &[(usize, char)]) -> Vec<bool> {
    let mut inside = vec![false; chars.len()];
    let mut stack: Vec<(usize, char)> = Vec::new();
    for (k, &(_, c)) in chars.iter().enumerate() {
        match c {
            '(' | '[' => stack.push((k, c)),
            ')' | ']' => {
                let open = if c == ')' { '(' } else { '[' };
                if let Some(pos) = stack.iter().rposition(|&(_, o)| o == open) {
                    let (start, _) = stack[pos];
                    stack.truncate(pos);
                    inside[start + 1..k].iter_mut().for_each(|x| *x = true);
                }
            }
            '\n' if chars.get(k + 1).is_some_and(|&(_, n)| n == '\n') => stack.clear(),
            _ => {}
        }
    }
    inside
}

/// Numbered or lettered list items (`1.` `2.`, `1)` `2)`, `1.)`, `a.` `b.`): the cuts
/// before every item but the first, and the byte offsets of the markers' own periods,
/// which end nothing. Items count only in runs of two or more consecutive numbers or
/// letters, the first at the start of the text, a line, or after `:` or a sentence end.
fn list_items(text: &str, chars: &[(usize, char)]) -> (Vec<usize>, Vec<usize>) {
    struct Marker {
        cut: usize,
        value: u32,
        letter: bool,
        style: &'static str,
        dot: Option<usize>,
        opens: bool,
    }
    let mut markers: Vec<Marker> = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let after_space = k == 0 || chars[k - 1].1.is_whitespace() || is_bullet(chars[k - 1].1);
        if !after_space || !(c.is_ascii_digit() || c.is_ascii_lowercase()) {
            continue;
        }
        let rest = &text[at..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let (value, letter, len) = if digits > 0 {
            if digits > 3 {
                continue;
            }
            (rest[..digits].parse::<u32>().unwrap_or(0), false, digits)
        } else {
            (u32::from(c) - u32::from('a') + 1, true, 1)
        };
        let after = &rest[len..];
        let style = [".)", ".", ")"].into_iter().find(|s| after.starts_with(s));
        let Some(style) = style else { continue };
        if letter && style != "." {
            continue;
        }
        if !after[style.len()..].starts_with(char::is_whitespace) {
            continue;
        }
        // Where the item begins: before any bullet and space that lead into it.
        let mut start = k;
        while start > 0 && (chars[start - 1].1 == ' ' || is_bullet(chars[start - 1].1)) {
            start -= 1;
        }
        let lead = text[..chars[start].0].trim_end();
        let opens = lead.is_empty()
            || lead.ends_with(['\n', ':', '.', '!', '?'])
            || text[..chars[k].0].trim_end().ends_with(is_bullet);
        let cut = chars[start..k]
            .iter()
            .find(|&&(_, c)| is_bullet(c))
            .map_or(at, |&(b, _)| b);
        markers.push(Marker {
            cut,
            value,
            letter,
            style,
            dot: style.starts_with('.').then_some(at + len),
            opens,
        });
    }
    let mut cuts = Vec::new();
    let mut dots = Vec::new();
    let mut i = 0;
    while i < markers.len() {
        if !markers[i].opens {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < markers.len()
            && markers[j].letter == markers[i].letter
            && markers[j].style == markers[i].style
            && markers[j].value == markers[j - 1].value + 1
        {
            j += 1;
        }
        if j - i >= 2 {
            for (n, m) in markers[i..j].iter().enumerate() {
                if n > 0 {
                    cuts.push(m.cut);
                }
                dots.extend(m.dot);
            }
        }
        i = j.max(i + 1);
    }
    (cuts, dots)
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn list_items_need_a_run_of_consecutive_markers() {
        assert_eq!(
            pieces("Steps: 1. Mix it 2. Bake it"),
            ["Steps: 1. Mix it", "2. Bake it"]
        );
        assert_eq!(
            pieces("See chapter 1. Then chapter 2. Done."),
            ["See chapter 1.", "Then chapter 2.", "Done."]
        );
    }

    #[test]
    fn brackets_hold_their_terminators() {
        assert_eq!(
            pieces("He left (it was late. Very late.) and slept. Next day came."),
            [
                "He left (it was late. Very late.) and slept.",
                "Next day came."
            ]
        );
    }

    #[test]
    fn spaced_ellipses_end_only_with_a_fourth_dot() {
        assert_eq!(pieces("Wait . . . I see."), ["Wait . . . I see."]);
        assert_eq!(pieces("Wait . . . . I see."), ["Wait . . . .", "I see."]);
    }

    #[test]
    fn punctuation_density_tells_captions_from_prose() {
        assert!(is_unpunctuated(
            "so today we are talking about rust and why it matters to us all"
        ));
        assert!(!is_unpunctuated("So today we talk. It matters."));
    }
}
