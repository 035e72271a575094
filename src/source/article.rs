//! Parsing a Chinese article (a translated interview, talk or plain essay) into a
//! structured document: title, front matter, section headings, speaker turns, body
//! paragraphs and back matter. Speakers and headings are learnt from the text itself.
//!
//! How the parts are found (no name or heading is known in advance):
//! - **Speakers.** A short line holding only a name (`Sarah Guo`, `主持人`, `张三`, optionally
//!   with a trailing colon or a parenthesised role) that recurs, at least twice followed by a
//!   paragraph, opens a turn. So does a name with a colon at the start of a paragraph
//!   (`Sarah Guo: …`, `主持人：…`) when at least two such names each recur, or the name is
//!   already known as a speaker.
//! - **Body.** With speakers, the body starts at the first turn (or at the heading just
//!   before it); everything earlier is front matter, the first line the title. Without, the
//!   first line is the title when it reads like one, and leading editor's notes, captions and
//!   a list of topics are front matter.
//! - **Headings.** A short line without sentence-final punctuation in the body that opens a
//!   section: it is followed by a speaker line (between turns), it repeats an entry of the
//!   front matter's list of topics, or (in a plain article) it stands alone between
//!   paragraphs.
//! - **Back matter.** From the end backwards: reference labels, URLs, copyright and reprint
//!   notices, keywords, editor credits, and the short lines among them.

use crate::text::is_han;
use std::collections::HashMap;
use std::ops::Range;

/// What one line (paragraph) of an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    /// Editor's note, list of topics, image captions: before the body.
    Front,
    /// A section heading in the body.
    Heading,
    /// A line holding only a speaker's name: opens a turn.
    Speaker,
    /// A paragraph of body text.
    Paragraph,
    /// Reference URL, publisher boilerplate, keywords: after the body.
    Back,
}

/// One non-empty line of the article, classified.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range of the line (trimmed) in [`Article::text`]. A paragraph opened by a
    /// speaker's name and a colon gives two blocks on one line: the name, then the rest.
    pub range: Range<usize>,
    /// 1-based line number in the file, for messages.
    pub line: usize,
    /// For paragraphs: the speaker of the current turn. For speaker lines: the name.
    pub speaker: Option<String>,
    /// The current section heading's text, if any.
    pub section: Option<String>,
}

/// A parsed article. `text` is the whole decoded file; blocks point into it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    pub text: String,
    pub blocks: Vec<Block>,
    /// Speaker names found in the text, in order of first appearance.
    pub speakers: Vec<String>,
}

impl Article {
    pub fn block_text(&self, block: &Block) -> &str {
        &self.text[block.range.clone()]
    }
}

/// Parses an article. Never fails: a text without speakers or headings is a plain article.
pub fn parse(text: String) -> Article {
    let lines = lines(&text);
    let speakers = Speakers::learn(&lines);
    let (body_start, topics) = body_start(&lines, &speakers);
    let back_start = body_start + back_start(&lines[body_start..]);
    let mut blocks = Vec::with_capacity(lines.len());
    for (i, line) in lines[..body_start].iter().enumerate() {
        let kind = if i == 0 && is_title(line.text) && lines.len() > 1 {
            BlockKind::Title
        } else {
            BlockKind::Front
        };
        blocks.push(line.block(kind, None, None));
    }
    let mut speaker: Option<String> = None;
    let mut section: Option<String> = None;
    let body = &lines[body_start..back_start];
    for (i, line) in body.iter().enumerate() {
        if let Some(name) = speakers.line_name(line.text) {
            speaker = Some(name.clone());
            blocks.push(line.block(BlockKind::Speaker, Some(name), section.clone()));
        } else if let Some((name, rest)) = speakers.colon_name(line) {
            speaker = Some(name.clone());
            let mut head = line.block(BlockKind::Speaker, Some(name), section.clone());
            head.range = line.range.start..line.range.start + rest.0;
            let mut tail = line.block(BlockKind::Paragraph, speaker.clone(), section.clone());
            tail.range = line.range.start + rest.1..line.range.end;
            blocks.push(head);
            if !tail.range.is_empty() {
                blocks.push(tail);
            }
        } else if is_caption(line.text) {
            blocks.push(line.block(BlockKind::Front, None, section.clone()));
        } else if is_heading(body, i, &speakers, &topics) {
            section = Some(line.text.to_string());
            blocks.push(line.block(BlockKind::Heading, None, section.clone()));
        } else {
            blocks.push(line.block(BlockKind::Paragraph, speaker.clone(), section.clone()));
        }
    }
    for line in &lines[back_start..] {
        blocks.push(line.block(BlockKind::Back, None, None));
    }
    let mut names: Vec<String> = Vec::new();
    for block in &blocks {
        if let (BlockKind::Speaker, Some(name)) = (block.kind, &block.speaker) {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    Article {
        blocks,
        speakers: names,
        text,
    }
}

/// A non-empty line, trimmed.
struct Line<'a> {
    text: &'a str,
    range: Range<usize>,
    number: usize,
}

impl Line<'_> {
    fn block(&self, kind: BlockKind, speaker: Option<String>, section: Option<String>) -> Block {
        Block {
            kind,
            range: self.range.clone(),
            line: self.number,
            speaker,
            section,
        }
    }
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let trimmed = raw.trim_start();
        let start = at + (raw.len() - trimmed.len());
        let trimmed = trimmed.trim_end();
        if !trimmed.is_empty() {
            out.push(Line {
                text: trimmed,
                range: start..start + trimmed.len(),
                number: i + 1,
            });
        }
        at += raw.len() + 1;
    }
    out
}

fn has_terminal(text: &str) -> bool {
    text.contains(['。', '！', '？', '!', '?', '…'])
}

fn char_count(text: &str) -> usize {
    text.chars().count()
}

fn is_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."))
        && !text.contains(char::is_whitespace)
}

/// A paragraph rather than a label: it has sentence punctuation or some length.
fn is_paragraph_like(text: &str) -> bool {
    has_terminal(text) || text.contains(['，', ',', '；', ';', '：']) || char_count(text) > 25
}

/// A short line without sentence-final punctuation that could head a section.
fn is_heading_shaped(text: &str) -> bool {
    let n = char_count(text);
    n <= 40
        && !has_terminal(text)
        && !text.ends_with(['，', ',', '、', '：', ':', '；', ';'])
        && !is_url(text)
        && text.chars().any(|c| c.is_alphanumeric())
}

/// Looser than [`is_heading_shaped`]: an entry of a list of topics may be a question
/// ("AI 会取代人类吗?"), and a body line repeating it is a heading all the same.
fn is_topic_shaped(text: &str) -> bool {
    char_count(text) <= 40
        && !text.contains('。')
        && !text.ends_with(['，', ',', '、', '：', ':', '；', ';'])
        && !is_url(text)
        && text.chars().any(|c| c.is_alphanumeric())
}

fn is_title(text: &str) -> bool {
    char_count(text) <= 80 && !text.contains('。') && !is_front_marker(text)
}

/// An image caption: a short line wholly in parentheses about a picture.
fn is_caption(text: &str) -> bool {
    let wrapped = (text.starts_with('(') || text.starts_with('（'))
        && (text.ends_with(')') || text.ends_with('）'));
    wrapped
        && char_count(text) <= 40
        && ["图", "照片", "摄影", "视频截图"]
            .iter()
            .any(|w| text.contains(w))
}

/// Lines that open the front matter of Chinese web articles.
fn is_front_marker(text: &str) -> bool {
    const LABELS: [&str; 9] = [
        "编者按",
        "编者注",
        "编按",
        "导语",
        "导读",
        "摘要",
        "原标题",
        "图片来源",
        "本文来自",
    ];
    // Credits: "文｜张三", "作者：李四", "编辑 / 王五".
    const CREDITS: [&str; 24] = [
        "文", "作者", "撰文", "编辑", "责编", "编译", "翻译", "译者", "校对", "出品", "策划",
        "采访", "整理", "口述", "记者", "来源", "图", "题图", "头图", "封面", "设计", "排版",
        "视觉", "监制",
    ];
    let credit = char_count(text) <= 40
        && CREDITS.iter().any(|c| {
            text.strip_prefix(c).is_some_and(|rest| {
                rest.trim_start()
                    .starts_with(['|', '｜', '丨', '/', '／', ':', '：'])
            })
        });
    LABELS.iter().any(|m| text.starts_with(m))
        || credit
        || text.starts_with("本文来自")
        || text.starts_with(['—', '－', '-'])
        || is_caption(text)
        || is_dateline(text)
}

/// A line holding only a date or time: "2023-06-01 10:00", "2023年6月1日".
fn is_dateline(text: &str) -> bool {
    char_count(text) <= 30
        && text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || "-/:.年月日时分秒：".contains(c))
}

/// A line introducing a list: "本期内容分为以下话题:".
fn is_list_intro(text: &str) -> bool {
    text.ends_with([':', '：'])
        && [
            "话题", "目录", "内容", "要点", "以下", "提纲", "大纲", "章节",
        ]
        .iter()
        .any(|w| text.contains(w))
}

/// Lines that belong to the back matter of Chinese web articles.
fn is_back_marker(text: &str) -> bool {
    let lower = text.to_lowercase();
    const STARTS: [&str; 24] = [
        "reference",
        "source:",
        "sources:",
        "原文",
        "参考",
        "来源",
        "本文来源",
        "文章来源",
        "关键词",
        "关键字",
        "标签",
        "责任编辑",
        "责编",
        "编辑:",
        "编辑：",
        "免责声明",
        "声明:",
        "声明：",
        "版权",
        "作者:",
        "作者：",
        "end",
        "—end",
        "- end",
    ];
    (char_count(text) <= 40 && STARTS.iter().any(|m| lower.starts_with(m)))
        || is_url(text)
        || is_end_mark(text)
        || ((text.contains("http://") || text.contains("https://")) && !text.contains('。'))
        || (text.contains("授权") && ["发布", "发表", "转载"].iter().any(|w| text.contains(w)))
        || (text.contains("版权")
            && ["所有", "归", "声明", "转载"]
                .iter()
                .any(|w| text.contains(w)))
        || (text.contains("转载")
            && ["授权", "联系", "须", "禁止"]
                .iter()
                .any(|w| text.contains(w)))
}

/// "(完)", "（全文完）", "——END——", "The End".
fn is_end_mark(text: &str) -> bool {
    let core: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    char_count(text) <= 12 && ["完", "全文完", "本文完", "end", "theend"].contains(&core.as_str())
}

/// Where the back matter starts: the earliest back-matter line of the article's tail, where
/// the tail holds only back-matter lines and short labels among them (a line with sentence
/// punctuation or of some length ends the search).
fn back_start(lines: &[Line]) -> usize {
    let mut start = lines.len();
    for i in (0..lines.len()).rev() {
        let text = lines[i].text;
        if is_back_marker(text) {
            start = i;
        } else if char_count(text) > 40 || has_terminal(text) {
            break;
        }
    }
    start
}

/// A list of topics is short; a longer run of short lines is not one.
const MAX_TOPICS: usize = 40;

/// Where the body starts, and the entries of the front matter's list of topics.
fn body_start(lines: &[Line], speakers: &Speakers) -> (usize, Vec<String>) {
    if let Some(first) = (0..lines.len()).find(|&i| speakers.opens_turn(&lines[i])) {
        // The line before the first turn is the first heading when it reads like one or
        // repeats an entry of the list of topics (never the title, line 0).
        let before = first.saturating_sub(1);
        let topics: Vec<String> = lines[..before]
            .iter()
            .skip(1)
            .skip_while(|l| !is_list_intro(l.text))
            .skip(1)
            .filter(|l| is_topic_shaped(l.text))
            .take(MAX_TOPICS)
            .map(|l| normalise(l.text))
            .collect();
        let heading_before = before > 0 && {
            let text = lines[before].text;
            is_heading_shaped(text)
                || is_topic_shaped(text) && topics.iter().any(|t| similar(t, &normalise(text)))
        };
        return (if heading_before { before } else { first }, topics);
    }
    // A plain article: the title, then editor's notes, captions and a list of topics.
    let mut i = 0;
    if lines.len() > 1 && is_title(lines[0].text) && is_heading_shaped(lines[0].text) {
        i = 1;
    }
    let mut topics: Vec<String> = Vec::new();
    while i < lines.len() {
        let text = lines[i].text;
        if is_front_marker(text) {
            i += 1;
        } else if is_list_intro(text) && i + 1 < lines.len() {
            i += 1;
            while i < lines.len() && is_topic_shaped(lines[i].text) && topics.len() < MAX_TOPICS {
                let entry = normalise(lines[i].text);
                if topics.iter().any(|t| similar(t, &entry)) {
                    break;
                }
                topics.push(entry);
                i += 1;
            }
        } else {
            break;
        }
    }
    // A lone title with nothing after it is the body.
    if i >= lines.len() {
        i = 0;
    }
    (i, topics)
}

fn is_heading(body: &[Line], i: usize, speakers: &Speakers, topics: &[String]) -> bool {
    let text = body[i].text;
    if !is_topic_shaped(text) {
        return false;
    }
    let prev = i.checked_sub(1).map(|p| &body[p]);
    let next = body.get(i + 1);
    // A turn holds at least one paragraph: a short line right after a name is its answer.
    if prev.is_some_and(|p| speakers.opens_turn(p) && speakers.colon_name(p).is_none()) {
        return false;
    }
    let Some(next) = next else { return false };
    let key = normalise(text);
    if topics.iter().any(|t| similar(t, &key)) {
        return true;
    }
    if !is_heading_shaped(text) {
        return false;
    }
    if speakers.opens_turn(next) {
        return true;
    }
    speakers.is_empty()
        && (is_numbered(text)
            || !is_heading_shaped(next.text) && prev.is_none_or(|p| !is_heading_shaped(p.text)))
}

/// A numbered heading: "一、背景", "第三章 结语", "2. 方法", "Part 2".
fn is_numbered(text: &str) -> bool {
    const HAN_DIGITS: &str = "一二三四五六七八九十百零〇";
    let lead: String = text
        .chars()
        .take_while(|&c| HAN_DIGITS.contains(c))
        .collect();
    if !lead.is_empty() && text[lead.len()..].starts_with(['、', '.', '．']) {
        return true;
    }
    if let Some(rest) = text.strip_prefix('第') {
        let n = rest
            .chars()
            .take_while(|&c| HAN_DIGITS.contains(c) || c.is_ascii_digit())
            .map(char::len_utf8)
            .sum::<usize>();
        if n > 0 && rest[n..].starts_with(['章', '节', '部', '篇', '讲', '回']) {
            return true;
        }
    }
    // "2、", "2．", "2. 方法", "1.1 起源"
    let number = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .count();
    let rest = &text[number..];
    let numbered = text.starts_with(|c: char| c.is_ascii_digit())
        && !text[..number].contains("..")
        && (rest.starts_with(['、', '．']) || rest.starts_with(char::is_whitespace))
        && !rest[rest.chars().next().map_or(0, char::len_utf8)..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
    numbered || text.to_lowercase().starts_with("part ")
}

/// Letters, digits and Han characters only, lower-cased: for comparing headings.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Two normalised headings are the same when they share at least 80% of their characters
/// in order (the list of topics and the body often differ by a character or two).
fn similar(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let mut row = vec![0usize; b.len() + 1];
    for &x in &a {
        let mut diag = 0;
        for (j, &y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    let lcs = row[b.len()];
    lcs * 10 >= (a.len() + b.len()) * 4
}

/// The speakers learnt from an article.
#[derive(Default)]
struct Speakers {
    /// Names that stand alone on a line.
    line_names: Vec<String>,
    /// Names that open a paragraph followed by a colon.
    colon_names: Vec<String>,
}

impl Speakers {
    fn learn(lines: &[Line]) -> Speakers {
        // Name-shaped lines that recur are candidates; a candidate is a speaker when at
        // least twice it is followed by something other than a candidate (its turn's text),
        // and at least once by a real paragraph.
        let mut shaped = Counts::default();
        for line in lines {
            if let Some(name) = name_of_line(line.text) {
                shaped.bump(&name);
            }
        }
        let candidate = |text: &str| name_of_line(text).is_some_and(|name| shaped.get(&name) >= 2);
        let mut opened = Counts::default();
        let mut opened_paragraph = Counts::default();
        for pair in lines.windows(2) {
            if !candidate(pair[0].text) || candidate(pair[1].text) {
                continue;
            }
            let Some(name) = name_of_line(pair[0].text) else {
                continue;
            };
            if is_paragraph_like(pair[1].text) {
                opened_paragraph.bump(&name);
            }
            opened.bump(&name);
        }
        let mut line_names: Vec<String> = opened
            .at_least(2)
            .filter(|name| opened_paragraph.get(name) > 0)
            .collect();
        // Once turns are known to open with a name line, a full Latin name standing between
        // two paragraphs opens a turn even if that speaker talks only once.
        if !line_names.is_empty() {
            for w in lines.windows(3) {
                let Some(name) = name_of_line(w[1].text) else {
                    continue;
                };
                let between = is_paragraph_like(w[0].text) && is_paragraph_like(w[2].text);
                if between && is_latin_full_name(&name) && !line_names.contains(&name) {
                    line_names.push(name);
                }
            }
        }
        let mut colon_counts = Counts::default();
        for line in lines {
            if let Some((name, _)) = colon_prefix(line.text) {
                colon_counts.bump(name);
            }
        }
        let recurring: Vec<String> = colon_counts.at_least(2).collect();
        let colon_names = if recurring.len() >= 2 {
            recurring
        } else {
            recurring
                .into_iter()
                .filter(|name| line_names.contains(name))
                .collect()
        };
        Speakers {
            line_names,
            colon_names,
        }
    }

    fn is_empty(&self) -> bool {
        self.line_names.is_empty() && self.colon_names.is_empty()
    }

    /// The speaker named by a line holding only a name.
    fn line_name(&self, text: &str) -> Option<String> {
        name_of_line(text).filter(|name| self.line_names.contains(name))
    }

    /// For a paragraph opened by a known name and a colon: the name, and the byte offsets
    /// (in the line) where the name ends and the rest of the paragraph starts.
    fn colon_name(&self, line: &Line) -> Option<(String, (usize, usize))> {
        let (name, rest) = colon_prefix(line.text)?;
        if !self.colon_names.iter().any(|n| n == name) {
            return None;
        }
        let name_end = line.text.find(name)? + name.len();
        Some((name.to_string(), (name_end, rest)))
    }

    fn opens_turn(&self, line: &Line) -> bool {
        self.line_name(line.text).is_some() || self.colon_name(line).is_some()
    }
}

/// Occurrence counts that remember the order in which names were first seen.
#[derive(Default)]
struct Counts {
    order: Vec<String>,
    count: HashMap<String, usize>,
}

impl Counts {
    fn bump(&mut self, name: &str) {
        let n = self.count.entry(name.to_string()).or_insert(0);
        if *n == 0 {
            self.order.push(name.to_string());
        }
        *n += 1;
    }

    fn get(&self, name: &str) -> usize {
        self.count.get(name).copied().unwrap_or(0)
    }

    /// Names seen at least `n` times, in order of first appearance.
    fn at_least(&self, n: usize) -> impl Iterator<Item = String> + '_ {
        self.order
            .iter()
            .filter(move |name| self.get(name) >= n)
            .cloned()
    }
}

/// Two to four capitalised Latin words: "Satya Nadella", "Jensen Huang".
fn is_latin_full_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && w.chars()
                    .all(|c| c.is_ascii_alphabetic() || matches!(c, '.' | '-' | '\''))
        })
}

/// The name on a line that holds only a name: `Sarah Guo`, `主持人：`, `Kevin Scott（微软CTO）`.
fn name_of_line(text: &str) -> Option<String> {
    let text = text.trim_end_matches([':', '：']).trim_end();
    let base = match text.find(['(', '（']) {
        Some(at) if text.ends_with([')', '）']) => text[..at].trim_end(),
        _ => text,
    };
    is_name(base).then(|| base.to_string())
}

/// A paragraph opened by a name and a colon: the name, and where the rest starts.
fn colon_prefix(text: &str) -> Option<(&str, usize)> {
    let at = text.find([':', '：'])?;
    let name = text[..at].trim();
    let colon_len = text[at..].chars().next()?.len_utf8();
    let rest = at + colon_len;
    let after = text[rest..].trim_start();
    const LABELS: [&str; 24] = [
        "编者按",
        "编者注",
        "注",
        "注意",
        "提示",
        "来源",
        "作者",
        "关键词",
        "关键字",
        "标签",
        "责任编辑",
        "责编",
        "编辑",
        "原文",
        "原标题",
        "参考",
        "参考资料",
        "图",
        "图片",
        "摄影",
        "时间",
        "地点",
        "备注",
        "声明",
    ];
    const SAYING: [&str; 8] = ["说", "道", "表示", "指出", "认为", "称", "问", "回答"];
    let is_label = LABELS.contains(&name)
        || [
            "reference",
            "references",
            "source",
            "note",
            "notes",
            "update",
            "editor's note",
        ]
        .contains(&name.to_lowercase().as_str());
    let is_saying = name.chars().count() > 1 && SAYING.iter().any(|v| name.ends_with(v));
    if after.is_empty() || !is_name(name) || is_label || is_saying {
        return None;
    }
    Some((name, rest + (text[rest..].len() - after.len())))
}

/// The shape of a person's name or role: one to four Latin words (`Sarah Guo`, `Q`), or
/// one to eight Han characters with an optional middle dot (`主持人`, `萨姆·奥特曼`).
fn is_name(text: &str) -> bool {
    if text.is_empty() || char_count(text) > 30 {
        return false;
    }
    let latin = text.split(' ').all(|word| {
        let mut chars = word.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphabetic() || matches!(c, '.' | '-' | '\''))
    });
    let words = text.split(' ').count();
    if latin && words <= 4 {
        return true;
    }
    let han = text.chars().filter(|&c| is_han(c)).count();
    let dots = text
        .chars()
        .filter(|&c| matches!(c, '·' | '•' | '・'))
        .count();
    (1..=8).contains(&han) && han + dots == char_count(text) && !text.starts_with(['·', '•', '・'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(article: &Article) -> Vec<(BlockKind, &str)> {
        article
            .blocks
            .iter()
            .map(|b| (b.kind, article.block_text(b)))
            .collect()
    }

    #[test]
    fn a_plain_article_is_all_body() {
        let a = parse("今天天气很好。我们去公园吧。\n\n公园里人很多。\n".into());
        assert!(a.speakers.is_empty());
        assert!(a.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
        assert_eq!(a.blocks[1].line, 3);
    }

    #[test]
    fn chinese_names_with_colons_open_turns() {
        let text = "访谈录\n主持人：你好。\n张三：你好，很高兴来。\n主持人：说说你的故事？\n张三：好的。\n";
        let a = parse(text.into());
        assert_eq!(a.speakers, ["主持人", "张三"]);
        let k = kinds(&a);
        assert_eq!(k[0], (BlockKind::Title, "访谈录"));
        assert_eq!(k[1], (BlockKind::Speaker, "主持人"));
        assert_eq!(k[2], (BlockKind::Paragraph, "你好。"));
        assert_eq!(a.blocks[4].speaker.as_deref(), Some("张三"));
    }

    #[test]
    fn a_short_answer_is_not_a_heading() {
        let text = "A\n问题是什么？\nB\n没错\nA\n那好吧。\nB\n是的。\n";
        let a = parse(text.into());
        assert_eq!(kinds(&a)[3], (BlockKind::Paragraph, "没错"));
    }

    #[test]
    fn back_matter_is_found_from_the_end() {
        let text = "标题\n正文第一段。\n正文第二段。\nReference:\nhttps://example.com/a?b=c\n本文为作者授权发表,版权归原作者所有。\n关键词:\n";
        let a = parse(text.into());
        let k = kinds(&a);
        assert_eq!(k[0].0, BlockKind::Title);
        assert_eq!(k[2], (BlockKind::Paragraph, "正文第二段。"));
        assert!(
            k[3..].iter().all(|(kind, _)| *kind == BlockKind::Back),
            "{k:?}"
        );
    }

    #[test]
    fn a_guest_who_speaks_once_is_still_a_speaker() {
        let text = "A\n第一个问题？\nB\n回答一。\nSatya Nadella\n我插一句。\nA\n第二个问题？\nB\n回答二。\n";
        let a = parse(text.into());
        assert_eq!(a.speakers, ["A", "B", "Satya Nadella"]);
    }

    #[test]
    fn numbered_headings_and_end_marks() {
        let text = "2023年6月1日\n一、背景\n1.1 起源\n故事从这里开始。\n第二章 发展\n后来发生了很多事。\n——全文完——\n";
        let a = parse(text.into());
        let k = kinds(&a);
        assert_eq!(k[0], (BlockKind::Front, "2023年6月1日"));
        assert_eq!(k[1], (BlockKind::Heading, "一、背景"));
        assert_eq!(k[2], (BlockKind::Heading, "1.1 起源"));
        assert_eq!(k[4], (BlockKind::Heading, "第二章 发展"));
        assert_eq!(k[6], (BlockKind::Back, "——全文完——"));
        assert!(is_numbered("3、方法") && is_numbered("Part 2") && is_numbered("2. 方法"));
        assert!(!is_numbered("3.5亿人") && !is_numbered("2 3"));
    }

    #[test]
    fn a_question_in_the_list_of_topics_heads_a_section() {
        let text = "标题\n本期话题如下:\nAI 会取代人类吗?\n开源的未来\nAI 会取代人类吗?\nA\n你怎么看?\nB\n不会。\n开源的未来\nA\n那开源呢?\nB\n很重要。\n";
        let a = parse(text.into());
        let headings: Vec<&str> = kinds(&a)
            .into_iter()
            .filter(|(k, _)| *k == BlockKind::Heading)
            .map(|(_, t)| t)
            .collect();
        assert_eq!(headings, ["AI 会取代人类吗?", "开源的未来"]);
        assert_eq!(kinds(&a)[4], (BlockKind::Heading, "AI 会取代人类吗?"));
    }

    #[test]
    fn headings_repeat_the_list_of_topics_approximately() {
        assert!(similar(
            &normalise("投资OpenAI,1+1>"),
            &normalise("投资OpenAI,1+1>2")
        ));
        assert!(!similar(&normalise("追逐理想"), &normalise("开源闭源")));
    }
}
