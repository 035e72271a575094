//! Chinese sentence splitting.
//!
//! [`split`] is the pure splitter: it finds the sentences of a piece of text and returns
//! their byte ranges. [`sentences`] applies it to every block of a parsed [`Article`] and
//! labels each sentence with its kind, speaker, section and translator's notes.
//!
//! The rules, as a native reader would split:
//! - `。！？` and half-width `!` `?` end a sentence; a run of them (`？！`, `?!`, `……。`)
//!   stays together. Half-width `?`/`!` between two ASCII letters or digits, or inside a
//!   URL, are not terminals (`watch?v=`, `Yahoo!Japan`).
//! - Closing quotes and brackets after a terminal stay with its sentence (`“我明天再来。”`).
//! - A terminal inside quotes or brackets does not end the sentence unless the closing quote
//!   that follows it brings the text back to the top level; even then a following comma,
//!   enumeration comma, colon or semicolon (`“快来人啊！”，他大声喊道。`) continues the
//!   sentence. Book-title brackets `《》〈〉` never end a sentence (`《等待！》吗？`).
//! - An ellipsis (`……`, or three or more `.`) alone ends a sentence only at a closing quote
//!   or at the end of the line.
//! - `；` `;` `：` `:` do not split; `.` is not a Chinese terminal, so decimals, version numbers
//!   (`GPT-4`, `2.0`, `v1.2.3`) and Latin abbreviations (`U.S.`) never split. A full-width
//!   `．` is a full stop except between digits or letters (`３．２９`).
//! - A newline always splits.
//!
//! A quoted speech of several sentences stays one unit (`他说：“……。……。”`); corpora that
//! split inside quotations (the MAC gold does) differ from this on purpose.

use super::{Segment, SegmentKind};
use crate::source::article::{Article, BlockKind};
use crate::text::is_han;
use std::ops::Range;

/// The sentences of an article, in order, with their kind, speaker and section.
///
/// Every block but speaker lines yields its sentences (a speaker's name is not text to align:
/// it is carried by the `speaker` field of the turn's sentences instead). `paragraph` is the
/// block's index in [`Article::blocks`]; `turn_start` marks the first body sentence after a
/// speaker line.
pub fn sentences(article: &Article) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut turn_pending = false;
    for (index, block) in article.blocks.iter().enumerate() {
        let kind = match block.kind {
            BlockKind::Speaker => {
                turn_pending = true;
                continue;
            }
            BlockKind::Title => SegmentKind::Title,
            BlockKind::Front => SegmentKind::Front,
            BlockKind::Heading => SegmentKind::Heading,
            BlockKind::Paragraph => SegmentKind::Body,
            BlockKind::Back => SegmentKind::Back,
        };
        let base = block.range.start;
        for range in split(article.block_text(block)) {
            let range = base + range.start..base + range.end;
            let text = &article.text[range.clone()];
            let turn_start = turn_pending && kind == SegmentKind::Body;
            if turn_start {
                turn_pending = false;
            }
            out.push(Segment {
                text: text.to_string(),
                notes: notes(text),
                range,
                kind,
                speaker: block.speaker.clone(),
                section: block.section.clone(),
                paragraph: index,
                turn_start,
                ..Segment::default()
            });
        }
    }
    out
}

/// Byte ranges of the sentences of `text`, in order, each trimmed of surrounding white
/// space. Together they cover every non-white-space character exactly once.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let mut start = 0;
        for end in line_breaks(line) {
            push_trimmed(&mut out, text, at + start..at + end);
            start = end;
        }
        push_trimmed(&mut out, text, at + start..at + line.len());
        at += line.len() + 1;
    }
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let slice = &text[range.clone()];
    let trimmed = slice.trim_start();
    let start = range.start + (slice.len() - trimmed.len());
    let end = start + trimmed.trim_end().len();
    if start < end {
        out.push(start..end);
    }
}

fn is_strong_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '!' | '?' | '｡' | '‼' | '⁇' | '⁈' | '⁉'
    )
}

fn is_ellipsis(c: char) -> bool {
    matches!(c, '…' | '⋯')
}

/// Punctuation after a closing quote that means the sentence goes on.
fn continues_sentence(c: char) -> bool {
    matches!(c, '，' | ',' | '、' | '：' | ':' | '；' | ';' | '﹐' | '﹑')
}

/// The closing partner of an opening quote or bracket.
fn closer_of(c: char) -> Option<char> {
    Some(match c {
        '“' => '”',
        '‘' => '’',
        '「' => '」',
        '『' => '』',
        '（' => '）',
        '(' => ')',
        '【' => '】',
        '《' => '》',
        '〈' => '〉',
        '［' => '］',
        '[' => ']',
        '〔' => '〕',
        '〖' => '〗',
        '｛' => '｝',
        '﹁' => '﹂',
        '﹃' => '﹄',
        _ => return None,
    })
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’'
            | '」'
            | '』'
            | '）'
            | ')'
            | '】'
            | '》'
            | '〉'
            | '］'
            | ']'
            | '〕'
            | '〗'
            | '｝'
            | '﹂'
            | '﹄'
    )
}

/// Closers of quotations (not of brackets): the only ones after which an ellipsis ends a sentence.
fn is_quote_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '"' | '﹂' | '﹄')
}

fn is_title_closer(c: char) -> bool {
    matches!(c, '》' | '〉')
}

/// The quote and bracket structure of one line: which characters are matched closers, and
/// how many matched pairs are open before each character. Openers that are never closed
/// (and closers never opened) are ignored, so a stray quote cannot swallow a paragraph.
struct Nesting {
    /// `depth[i]`: matched pairs open just before char `i` (one extra entry for the end).
    depth: Vec<usize>,
    /// The same, counting brackets only (not quotation marks).
    bracket_depth: Vec<usize>,
    /// `closes[i]`: char `i` closes a matched pair.
    closes: Vec<bool>,
}

/// How many open quotes and brackets a closer is matched against.
const MAX_NESTING: usize = 16;

impl Nesting {
    fn of(chars: &[char]) -> Nesting {
        let n = chars.len();
        let mut opens = vec![false; n];
        let mut closes = vec![false; n];
        let mut stack: Vec<(usize, char)> = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            // ASCII `"` is its own partner: it closes when a `"` is open, else it opens.
            // Only the innermost few open pairs are searched: deeper nesting is not
            // language, and a bounded search keeps pathological input linear.
            let find = |stack: &[(usize, char)], c: char| {
                let from = stack.len().saturating_sub(MAX_NESTING);
                stack[from..]
                    .iter()
                    .rposition(|&(_, close)| close == c)
                    .map(|p| from + p)
            };
            let closing = if c == '"' {
                find(&stack, '"').is_some()
            } else {
                is_closer(c)
            };
            if closing {
                if let Some(p) = find(&stack, c) {
                    opens[stack[p].0] = true;
                    closes[i] = true;
                    stack.truncate(p);
                }
            } else if c == '"' {
                stack.push((i, '"'));
            } else if let Some(close) = closer_of(c) {
                stack.push((i, close));
            }
        }
        let mut depth = Vec::with_capacity(n + 1);
        let mut bracket_depth = Vec::with_capacity(n + 1);
        let (mut d, mut b) = (0usize, 0usize);
        for i in 0..n {
            depth.push(d);
            bracket_depth.push(b);
            let quote =
                is_quote_closer(chars[i]) || closer_of(chars[i]).is_some_and(is_quote_closer);
            if opens[i] {
                d += 1;
                b += usize::from(!quote);
            } else if closes[i] {
                d = d.saturating_sub(1);
                if !quote {
                    b = b.saturating_sub(1);
                }
            }
        }
        depth.push(d);
        bracket_depth.push(b);
        Nesting {
            depth,
            bracket_depth,
            closes,
        }
    }
}

/// Char-index spans of URLs (`http://…`, `https://…`, `www.…`): ASCII up to white space.
fn url_spans(chars: &[char]) -> Vec<Range<usize>> {
    const PREFIXES: [&[char]; 3] = [
        &['h', 't', 't', 'p', ':', '/', '/'],
        &['h', 't', 't', 'p', 's', ':', '/', '/'],
        &['w', 'w', 'w', '.'],
    ];
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_url = (i == 0 || !chars[i - 1].is_ascii_alphanumeric())
            && PREFIXES.iter().any(|p| chars[i..].starts_with(p));
        if starts_url {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_graphic() {
                i += 1;
            }
            spans.push(start..i);
        } else {
            i += 1;
        }
    }
    spans
}

/// What a character can do to end a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    /// `。！？!?`: ends a sentence.
    Strong,
    /// An ellipsis (`……`, `...`): ends a sentence only with a closing quote.
    Weak,
}

/// The terminal marks of a line. Nothing inside a URL is a terminal; a full-width `．`
/// is a full stop except between digits or letters (`３．２９`); three or more `.` are
/// an ellipsis.
fn terminal_marks(chars: &[char]) -> Vec<Mark> {
    let n = chars.len();
    let mut marks = vec![Mark::None; n];
    for (i, &c) in chars.iter().enumerate() {
        let glued = |i: usize| {
            let word = |c: &char| c.is_alphanumeric() && !is_han(*c);
            i > 0 && chars.get(i - 1).is_some_and(word) && chars.get(i + 1).is_some_and(word)
        };
        marks[i] = if is_strong_terminal(c) || (c == '．' && !glued(i)) {
            Mark::Strong
        } else if is_ellipsis(c) {
            Mark::Weak
        } else {
            Mark::None
        };
    }
    let mut i = 0;
    while i < n {
        let dots = chars[i..].iter().take_while(|&&c| c == '.').count();
        if dots >= 3 {
            marks[i..i + dots].fill(Mark::Weak);
        }
        i += dots.max(1);
    }
    for span in url_spans(chars) {
        marks[span].fill(Mark::None);
    }
    marks
}

/// True when the quotation open at char `j` is part of a longer sentence: right after it
/// closes comes punctuation that carries the sentence on (`「救命！快来人！」，然后…`).
fn quote_goes_on(nesting: &Nesting, chars: &[char], j: usize) -> bool {
    let open = nesting.depth[j];
    let Some(close) = (j..chars.len()).find(|&k| nesting.depth[k + 1] < open) else {
        return false;
    };
    let mut k = close + 1;
    while k < chars.len() && nesting.closes[k] {
        k += 1;
    }
    chars.get(k).is_some_and(|&c| continues_sentence(c))
}

/// Byte offsets inside `line` (no newlines) where a sentence ends.
fn line_breaks(line: &str) -> Vec<usize> {
    let offsets: Vec<usize> = line.char_indices().map(|(o, _)| o).collect();
    let chars: Vec<char> = line.chars().collect();
    let n = chars.len();
    let nesting = Nesting::of(&chars);
    let marks = terminal_marks(&chars);
    let mut breaks = Vec::new();
    let mut i = 0;
    while i < n {
        if marks[i] == Mark::None {
            i += 1;
            continue;
        }
        let run_start = i;
        let mut strong = false;
        let mut quote_closed = false;
        let mut title_closed = false;
        let mut j = i;
        loop {
            let k = j;
            while j < n && marks[j] != Mark::None {
                strong |= marks[j] == Mark::Strong;
                j += 1;
            }
            while j < n && (nesting.closes[j] || (is_closer(chars[j]) && chars[j] != '"')) {
                quote_closed |= is_quote_closer(chars[j]);
                title_closed |= is_title_closer(chars[j]);
                j += 1;
            }
            if j == k {
                break;
            }
        }
        i = j;
        if j >= n {
            break;
        }
        let ascii_only = chars[run_start..j].iter().all(|c| c.is_ascii());
        let latin_glued = ascii_only
            && run_start > 0
            && chars[run_start - 1].is_ascii_alphanumeric()
            && chars[j].is_ascii_alphanumeric();
        // A quotation of several sentences is split into them (a translation has them as
        // sentences too); brackets — notes, titles — are never split.
        let ends = nesting.bracket_depth[j] == 0
            && (nesting.depth[j] == 0 || (strong && !quote_goes_on(&nesting, &chars, j)))
            && !title_closed
            && (strong || quote_closed)
            && !latin_glued
            && !continues_sentence(chars[j]);
        if ends {
            breaks.push(offsets[j]);
        }
    }
    breaks
}

/// Byte ranges (relative to `sentence`) of its translator's notes.
///
/// A parenthetical — `( )` or `（ ）` — is a translator's note when it explains rather than
/// glosses: it says so (`译注`, `译者注`, `编者注`, `注：`), or it holds a Chinese clause of
/// at least 8 Han characters, or at least 3 Han characters with a defining word (`即`,
/// `是一种`, `指的是`, `意思是`, …). Short glosses that belong to the translation itself —
/// the original term (`萨提亚(Satya)`, `(retrieval-augmented generation)`) or a short
/// Chinese rendering (`(下称“微软”)`) — are not notes. A parenthetical that is the whole
/// sentence is an aside, not a note inside a sentence, unless it is marked as a note.
pub fn notes(sentence: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Half- and full-width parentheses pair with each other: mixed pairs are common.
    let mut open: Vec<usize> = Vec::new();
    for (at, c) in sentence.char_indices() {
        match c {
            '(' | '（' => open.push(at),
            ')' | '）' => {
                if let Some(start) = open.pop() {
                    // Only outermost parentheticals are judged.
                    if open.is_empty() {
                        let range = start..at + c.len_utf8();
                        if is_note(sentence, &range) {
                            out.push(range);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn is_note(sentence: &str, range: &Range<usize>) -> bool {
    let whole = &sentence[range.clone()];
    let inner = whole
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）'])
        .trim();
    let marked = ["译注", "译者注", "编者注"]
        .iter()
        .any(|m| inner.contains(m))
        || inner.starts_with("注：")
        || inner.starts_with("注:");
    if marked {
        return true;
    }
    if range.start == 0 && range.end == sentence.trim_end().len() {
        return false;
    }
    let han = inner.chars().filter(|&c| is_han(c)).count();
    let defines = [
        "即",
        "是一种",
        "是一个",
        "是一家",
        "指的是",
        "意思是",
        "意为",
        "也就是",
        "相当于",
    ]
    .iter()
    .any(|w| inner.contains(w));
    han >= 8 || (han >= 3 && defines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn half_width_question_marks_split() {
        assert_eq!(
            texts("可以从你的故事开始吗?从弗吉尼亚农村社区开始。"),
            ["可以从你的故事开始吗?", "从弗吉尼亚农村社区开始。"]
        );
    }

    #[test]
    fn urls_and_latin_glued_marks_do_not_split() {
        assert_eq!(
            texts("见 https://www.youtube.com/watch?v=BbAnzpeGFrA 。Yahoo!Japan 很大。"),
            [
                "见 https://www.youtube.com/watch?v=BbAnzpeGFrA 。",
                "Yahoo!Japan 很大。"
            ]
        );
    }

    #[test]
    fn versions_and_decimals_do_not_split() {
        assert_eq!(
            texts("GPT-4 和 v1.2.3 都比 2.0 好。U.S. 也是。"),
            ["GPT-4 和 v1.2.3 都比 2.0 好。", "U.S. 也是。"]
        );
    }

    #[test]
    fn semicolons_do_not_split_and_newlines_do() {
        assert_eq!(
            texts("投资OpenAI两个原因;关于企业AI堆栈\n  AI的变与不变!"),
            ["投资OpenAI两个原因;关于企业AI堆栈", "AI的变与不变!"]
        );
    }

    #[test]
    fn unclosed_quote_does_not_swallow_the_paragraph() {
        assert_eq!(
            texts("他说“好的。然后走了。"),
            ["他说“好的。", "然后走了。"]
        );
    }

    #[test]
    fn a_quotation_of_several_sentences_is_split_into_them() {
        assert_eq!(
            texts("他道：“我叫小玄子。你是哪个公公手下的？”韦小宝道：“我跟海老公。”"),
            [
                "他道：“我叫小玄子。",
                "你是哪个公公手下的？”",
                "韦小宝道：“我跟海老公。”"
            ]
        );
        // …unless the sentence goes on after the quotation, or the marks are in brackets.
        assert_eq!(
            texts("他喊「救命！快来人！」，然后晕倒了。书名《一。二》很长。"),
            [
                "他喊「救命！快来人！」，然后晕倒了。",
                "书名《一。二》很长。"
            ]
        );
    }

    #[test]
    fn ellipsis_splits_at_a_quote_end_only() {
        assert_eq!(
            texts("苹果……都很好吃。他说：“我不知道……”屋里很静。"),
            ["苹果……都很好吃。", "他说：“我不知道……”", "屋里很静。"]
        );
    }

    #[test]
    fn full_width_stops_and_ascii_ellipses() {
        assert_eq!(
            texts("增长了３．２９％．明年再议。他说：“我不知道...”然后走了。"),
            [
                "增长了３．２９％．",
                "明年再议。",
                "他说：“我不知道...”",
                "然后走了。"
            ]
        );
        assert_eq!(texts("我本来想说...算了。"), ["我本来想说...算了。"]);
    }

    #[test]
    fn explanations_are_notes_glosses_are_not() {
        let s = "调试和 Tinkering(通常是一种具有试错性质的活动,通过不断地调整),萨提亚(Satya)说。";
        let found: Vec<&str> = notes(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(found, ["(通常是一种具有试错性质的活动,通过不断地调整)"]);
        assert!(notes("像“检索增强生成”(retrieval-augmented generation)这样").is_empty());
        assert_eq!(notes("Egghead（美国早期的一家电子零售商）工作").len(), 1);
        assert!(notes("（具体方法见附录，共三个步骤。）").is_empty());
        assert_eq!(notes("（译注：原文如此）").len(), 1);
    }
}
