//! Line breaking for subtitles: Chinese at a number of Chinese characters, English at a
//! number of characters, never inside a Chinese word (CC-CEDICT segmentation, the lexicon
//! the aligner uses), a Latin word, a number, a name or a 《title》/“quotation” that fits.

use crate::align::lexicon::Lexicon;
/// Wraps English at `width` characters (see [`wrap`]).
pub fn wrap_en(text: &str, width: usize) -> Vec<String> {
    wrap(text, width)
}

/// Wraps Chinese at `width` Chinese characters (twice as many columns of Latin text; see
/// [`wrap`]).
pub fn wrap_zh(text: &str, width: usize) -> Vec<String> {
    wrap(text, width * 2)
}

/// The columns a character takes: 2 for Chinese, Japanese, Korean and full-width forms
/// (and the curly quotes Chinese fonts set full width), 1 for the rest.
fn columns(c: char) -> usize {
    if c >= '\u{2E80}' || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—') {
        2
    } else {
        1
    }
}

pub(super) fn width_of(s: &str) -> usize {
    s.chars().map(columns).sum()
}

/// Wraps a line of text at `width` columns. The text is first cut into pieces that are never
/// broken: a Latin word or number with its inner punctuation (`12,000,000`, `U.S.`,
/// `GPT-4`), a run of capitalised words (a name such as `Maya Chen`), a title or quotation
/// in `《…》`, `“…”`, `「…」` or brackets that fits on a line, a Chinese word (CC-CEDICT
/// segmentation; a Chinese numeral and a `名·姓` name whole); closing
/// punctuation stays with the piece before it, opening punctuation with the piece after.
/// Lines are filled greedily; a break after punctuation in the second half of a line is
/// preferred. A piece wider than a line gets a line of its own (a quotation wider than a
/// line is cut into its parts). No text is lost: the lines joined give the text back, but
/// for the spaces at the breaks.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let pieces = pieces(text, width);
    let mut lines: Vec<String> = Vec::new();
    let mut line: Vec<&str> = Vec::new();
    let mut used = 0;
    for piece in &pieces {
        let w = width_of(piece);
        if *piece == " " {
            if !line.is_empty() {
                line.push(piece);
                used += 1;
            }
            continue;
        }
        if !line.is_empty() && used + w > width {
            // Prefer to break after punctuation in the second half of the line.
            let mut cut = line.len();
            let mut at = 0;
            let mut best = None;
            for (k, p) in line.iter().enumerate() {
                at += width_of(p);
                if at * 2 >= width && p.chars().last().is_some_and(is_break_after) {
                    best = Some(k + 1);
                }
            }
            if let Some(b) = best {
                if at + w > width {
                    cut = b;
                }
            }
            let rest: Vec<&str> = line.split_off(cut);
            lines.push(line.concat().trim().to_string());
            line = rest.into_iter().skip_while(|p| *p == " ").collect();
            used = line.iter().map(|p| width_of(p)).sum();
        }
        line.push(piece);
        used += w;
    }
    let last = line.concat().trim().to_string();
    if !last.is_empty() {
        lines.push(last);
    }
    lines.retain(|l| !l.is_empty());
    lines
}

/// A place a Chinese text may be cut between two cues.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct BreakPoint {
    /// Byte offset of the cut.
    pub byte: usize,
    /// Characters before the cut.
    pub chars: usize,
    /// 2 after the end of a sentence, 1 after a clause (comma, colon …), 0 between words.
    pub strength: u8,
}

/// Every place `text` (on one line) may be cut: between two of the pieces [`wrap`] never
/// breaks (so never inside a word, a number, a name or a 《title》 that fits a line).
pub(super) fn break_points(text: &str) -> Vec<BreakPoint> {
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut out = Vec::new();
    let mut chars = 0;
    for piece in pieces(text, super::ZH_WIDTH * 2) {
        chars += piece.chars().count();
        if piece == " " || chars >= byte_at.len() - 1 {
            continue;
        }
        let tail: Vec<char> = piece.chars().rev().take_while(|c| is_closing(*c)).collect();
        let strength = if tail
            .iter()
            .any(|c| matches!(c, '。' | '！' | '？' | '!' | '?' | '…'))
        {
            2
        } else if tail.iter().any(|c| is_break_after(*c)) {
            1
        } else {
            0
        };
        out.push(BreakPoint {
            byte: byte_at[chars],
            chars,
            strength,
        });
    }
    out
}

/// The unbreakable pieces of `text` (single spaces are pieces of their own: the places a
/// line may break besides between two pieces).
fn pieces(text: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut piece = String::new();
        if c.is_whitespace() {
            out.push(" ".to_string());
            i += 1;
            continue;
        }
        if let Some(close) = closer(c) {
            // A title or quotation that fits on a line is one piece.
            let end = chars[i + 1..]
                .iter()
                .take(width)
                .position(|&d| d == close)
                .map(|k| i + 1 + k);
            if let Some(end) = end {
                let quoted: String = chars[i..=end].iter().collect();
                if width_of(&quoted) <= width {
                    piece = quoted;
                    i = end + 1;
                }
            }
            if piece.is_empty() {
                piece.push(c);
                i += 1;
                // An opening mark stays with what follows it.
                while i < chars.len() && closer(chars[i]).is_some() {
                    piece.push(chars[i]);
                    i += 1;
                }
                if i < chars.len() && !chars[i].is_whitespace() {
                    let (word, next) = word_at(&chars, i);
                    piece.push_str(&word);
                    i = next;
                }
            }
        } else {
            let (word, next) = word_at(&chars, i);
            piece = word;
            i = next;
        }
        // Closing punctuation stays with the piece before it.
        while i < chars.len() && is_closing(chars[i]) {
            piece.push(chars[i]);
            i += 1;
        }
        out.push(piece);
    }
    join_names(out, width)
}

/// The Latin word or number starting at `i` (letters, digits and the punctuation inside
/// them), or the one character there; and the index after it.
fn word_at(chars: &[char], i: usize) -> (String, usize) {
    let latin = |c: char| c.is_alphanumeric() && columns(c) == 1;
    let currency = matches!(chars[i], '$' | '€' | '£' | '#' | '@')
        && chars.get(i + 1).is_some_and(|c| latin(*c));
    if is_han(chars[i]) {
        return han_word_at(chars, i);
    }
    if !latin(chars[i]) && !currency {
        return (chars[i].to_string(), i + 1);
    }
    let mut j = i + 1;
    while j < chars.len() {
        let c = chars[j];
        let inner = matches!(
            c,
            '.' | ',' | '\'' | '’' | '-' | ':' | '/' | '&' | '+' | '_' | '@'
        ) && chars.get(j + 1).is_some_and(|n| latin(*n));
        if latin(c) || inner || (c == '%' && latin(chars[j - 1])) {
            j += 1;
        } else {
            break;
        }
    }
    // A number keeps the Chinese units after it: `120亿`, `3.5万`.
    if chars[j - 1].is_ascii_digit() {
        while j < chars.len() && matches!(chars[j], '十' | '百' | '千' | '万' | '亿') {
            j += 1;
        }
    }
    (chars[i..j].iter().collect(), j)
}

/// Longest run of Chinese characters segmented at once when looking for the word at a
/// position (a sentence rarely has longer runs between punctuation; the cost stays small).
const HAN_WINDOW: usize = 24;

/// Whether `c` is a Chinese (CJK unified or compatibility) ideograph or `〇`.
pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '〇')
        || ('\u{20000}'..='\u{2FA1F}').contains(&c)
}

/// Characters of Chinese numerals: a run of words made only of them is one number
/// (`三百` `万`), never broken. Idioms that start with a numeral (`一心一意`) are
/// dictionary words with other characters in them, so they are not taken for numbers.
fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '两'
    )
}

/// The Chinese word starting at `i` (the first word of the CC-CEDICT segmentation of the
/// run of Chinese characters there, [`Lexicon::segment`], the aligner's lexicon), with a
/// run of numeral words taken whole and a transliterated name's `·` joining the words on
/// both sides (`凯文·斯科特`); and the index after it.
fn han_word_at(chars: &[char], i: usize) -> (String, usize) {
    let words = han_words(chars, i);
    let mut j = i + words[0];
    let numeral = |from: usize, len: usize| chars[from..from + len].iter().all(|&c| is_numeral(c));
    if numeral(i, words[0]) {
        let mut at = j;
        for &len in &words[1..] {
            // a long run of numerals is a list of digits, not one number
            if !numeral(at, len) || at + len - i > 8 {
                break;
            }
            at += len;
        }
        j = at;
    }
    // A name written `名·姓`: the word before the dot, the dot and the word after it.
    while j + 1 < chars.len() && matches!(chars[j], '·' | '•' | '‧') && is_han(chars[j + 1]) {
        j += 1 + han_words(chars, j + 1)[0];
    }
    (chars[i..j].iter().collect(), j)
}

/// The lengths in characters of the dictionary words of the Chinese run starting at `i`
/// (at most [`HAN_WINDOW`] characters of it); never empty.
///
/// The fewest CC-CEDICT words (the lexicon the aligner uses, [`Lexicon::contains`]), ties
/// broken by the fewest single characters that rarely stand alone: `一个项目的` is
/// `一个/项目/的`, not `一个/项/目的` (both three words, but `的` stands alone and `项` does
/// not). [`Lexicon::segment`] breaks such ties by the longer last word, which suits the
/// aligner's glosses but would put a line break inside `项目`.
fn han_words(chars: &[char], i: usize) -> Vec<usize> {
    let end = (i..chars.len().min(i + HAN_WINDOW))
        .find(|&k| !is_han(chars[k]))
        .unwrap_or(chars.len().min(i + HAN_WINDOW));
    let run = &chars[i..end];
    let n = run.len();
    if n == 0 {
        return vec![1];
    }
    let lexicon = Lexicon::get();
    // best[k] = ((words, odd single characters), back) for the first k characters
    let mut best = vec![((u32::MAX, u32::MAX), 0usize); n + 1];
    best[0] = ((0, 0), 0);
    for from in 0..n {
        let (words, odd) = best[from].0;
        if words == u32::MAX {
            continue;
        }
        let mut piece = String::new();
        for k in from + 1..=(from + MAX_WORD_CHARS).min(n) {
            piece.push(run[k - 1]);
            let single = k == from + 1;
            if !single && !lexicon.contains(&piece) {
                continue;
            }
            let cost = (
                words + 1,
                odd + u32::from(single && !STANDS_ALONE.contains(run[from])),
            );
            if cost < best[k].0 {
                best[k] = (cost, from);
            }
        }
    }
    let mut lengths = Vec::new();
    let mut k = n;
    while k > 0 {
        let from = best[k].1;
        lengths.push(k - from);
        k = from;
    }
    lengths.reverse();
    lengths
}

/// The longest CC-CEDICT headword tried, in characters.
const MAX_WORD_CHARS: usize = 8;

/// Characters that commonly stand alone as words (particles, pronouns, prepositions,
/// measure words, common verbs): a segmentation that leaves one of them single is likelier
/// than one that strands a character of a two-character word.
const STANDS_ALONE: &str =
    "的了着过是在有和与及或而但也都就才又再还很太最更不没别我你他她它您们这那哪谁啥\
     把被给对向从到为以于由让使叫将上下中里外前后内个些位种件次年月日天说要会能可想去来看做用\
     吗呢吧啊呀嘛哦么之其所等该每各某";

/// Runs of capitalised Latin words (names: `Maya Chen`, `Kevin Scott`) joined into one piece
/// when they fit on a line; a word ending a sentence does not start a name with the next.
fn join_names(pieces: Vec<String>, width: usize) -> Vec<String> {
    let word_char = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’');
    let capital = |p: &str| {
        p.split(' ').all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() && columns(c) == 1)
                && w.chars().all(word_char)
        })
    };
    let mut out: Vec<String> = Vec::with_capacity(pieces.len());
    for p in pieces {
        let n = out.len();
        let joins = n >= 2
            && out[n - 1] == " "
            && capital(&out[n - 2])
            && !out[n - 2].ends_with(['.', '!', '?'])
            && capital(p.trim_end_matches(|c: char| !c.is_alphanumeric()))
            && width_of(&out[n - 2]) + 1 + width_of(&p) <= width;
        if joins {
            out.pop();
            let name = out.pop().unwrap_or_default();
            out.push(format!("{name} {p}"));
        } else {
            out.push(p);
        }
    }
    out
}

/// The closing mark of an opening one.
fn closer(c: char) -> Option<char> {
    Some(match c {
        '《' => '》',
        '“' => '”',
        '「' => '」',
        '『' => '』',
        '（' => '）',
        '(' => ')',
        '【' => '】',
        '〈' => '〉',
        '‘' => '’',
        _ => return None,
    })
}

/// Punctuation a line may end with (and another should not start with).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '；'
            | '：'
            | '？'
            | '！'
            | '、'
            | '）'
            | '”'
            | '’'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〉'
            | '…'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | '%'
    )
}

/// Punctuation after which a line break reads well.
fn is_break_after(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '：' | '？' | '！' | '、' | ',' | '.' | ';' | ':' | '?' | '!'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every break of `lines` lies between two whole `words` (the lines joined give the
    /// words joined).
    fn breaks_between(lines: &[String], words: &[&str]) -> bool {
        let mut ends = std::collections::BTreeSet::new();
        let mut at = 0;
        for w in words {
            at += w.chars().count();
            ends.insert(at);
        }
        let mut at = 0;
        lines.iter().all(|l| {
            at += l.chars().count();
            ends.contains(&at)
        })
    }

    #[test]
    fn chinese_lines_never_break_inside_a_dictionary_word() {
        // At 16 characters a character-by-character wrap cuts 项/目 (the example).
        let text = "这是我们去年在西雅图启动的一个项目的第一阶段";
        let lines = wrap_zh(text, 16);
        assert_eq!(lines.concat(), text);
        assert!(lines.iter().all(|l| !l.ends_with('项')), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("项目")), "{lines:?}");
        for (text, width, words) in [
            (
                "微软首席技术官凯文认为人工智能正在改变软件开发",
                10,
                &[
                    "微软",
                    "首席",
                    "技术",
                    "官",
                    "凯文",
                    "认为",
                    "人工智能",
                    "正在",
                    "改变",
                    "软件",
                    "开发",
                ][..],
            ),
            (
                "我们的研究人员发现这个模型非常有效",
                7,
                &[
                    "我们",
                    "的",
                    "研究人员",
                    "发现",
                    "这个",
                    "模型",
                    "非常",
                    "有效",
                ][..],
            ),
        ] {
            let lines = wrap_zh(text, width);
            assert_eq!(lines.concat(), text);
            assert!(breaks_between(&lines, words), "{lines:?}");
        }
    }

    #[test]
    fn numbers_names_and_titles_stay_whole_but_lines_do_break() {
        for (text, whole) in [
            (
                "他们说这家公司的估值已经达到了三百五十万美元左右",
                "三百五十万",
            ),
            ("这家公司去年一共融资了大约120亿美元的资金", "120亿"),
            ("这个故事要从我们认识凯文·斯科特那年说起", "凯文·斯科特"),
            (
                "他后来写了一本书叫《人工智能的未来》并且很畅销",
                "《人工智能的未来》",
            ),
            (
                "我们今天邀请到的嘉宾是来自微软的Kevin Scott先生",
                "Kevin Scott",
            ),
        ] {
            let lines = wrap_zh(text, 12);
            assert!(lines.len() >= 2, "{text} must break: {lines:?}");
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
            assert!(
                lines.iter().any(|l| l.contains(whole)),
                "{whole}: {lines:?}"
            );
            for line in &lines {
                assert!(width_of(line) <= 24, "{line} in {lines:?}");
            }
        }
        // An idiom that starts with a numeral is a word, not a number, and a list of
        // digits is not one unbreakable number.
        let lines = wrap_zh("他做事总是一心一意从不三心二意所以大家都信任他", 8);
        assert!(lines.iter().any(|l| l.contains("一心一意")), "{lines:?}");
        let digits = "一二三四五六七八九十一二三四五六七八";
        let lines = wrap_zh(digits, 16);
        assert!(
            lines.len() >= 2 && lines.iter().all(|l| width_of(l) <= 32),
            "{lines:?}"
        );
    }
}
