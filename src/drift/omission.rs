//! Omissions (English with no Chinese), additions (Chinese with no English) and
//! translator's notes, which are additions on purpose and listed as such.

use super::{speakers, split, support, Doc, Draft, Kind, Severity};
use crate::corpus::Flag;
use crate::text::is_han;
use std::ops::Range;

/// Words that carry no content on their own: a row of only these is not worth translating.
const FILLERS: &[&str] = &[
    "um",
    "uh",
    "uhm",
    "er",
    "ah",
    "oh",
    "yeah",
    "yes",
    "yep",
    "right",
    "okay",
    "ok",
    "so",
    "well",
    "you",
    "know",
    "i",
    "mean",
    "like",
    "mm",
    "hmm",
    "mhm",
    "sure",
    "totally",
    "great",
    "cool",
    "thanks",
    "thank",
    "wow",
    "exactly",
    "absolutely",
    "and",
];

/// A run longer than this (milliseconds) is an error even when it is one sentence.
const LONG_RUN_MS: u64 = 4000;

/// Omissions and additions, each run of consecutive rows as one finding.
pub fn check(doc: &Doc) -> Vec<Draft> {
    let rows = doc.rows();
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let r = &rows[i];
        if is_omitted(r) {
            let start = i;
            while i + 1 < rows.len() && is_omitted(&rows[i + 1]) {
                i += 1;
            }
            let run = &rows[start..=i];
            let words: usize = run.iter().map(|r| r.en.split_whitespace().count()).sum();
            // One sentence the neighbouring Chinese renders is a sentence the aligner split
            // off its row, not a drop (on the clean set, 2 of the 2 English-only rows so
            // reported were; a dropped sentence has no support next door).
            if run.len() == 1
                && (is_filler(&r.en)
                    || support::carried_next_door(doc, i, true)
                    || split::merges_with_neighbour(doc, i))
            {
                i += 1;
                continue;
            }
            let ms = match (run[0].start_ms, run[run.len() - 1].end_ms) {
                (Some(a), Some(b)) if b >= a => Some(b - a),
                _ => None,
            };
            let long = run.len() > 1 || ms.is_some_and(|ms| ms > LONG_RUN_MS) || words > 20;
            let span = ms
                .map(|ms| format!(", {:.1} s", ms as f64 / 1000.0))
                .unwrap_or_default();
            let mut d = Draft::new(
                Kind::Omission,
                if long {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                start,
                format!(
                    "{} English sentence{} ({words} words{span}) with no Chinese",
                    run.len(),
                    if run.len() == 1 { "" } else { "s" }
                ),
            );
            d.last_row = i;
            if run.len() == 1 {
                d = d.en(0..r.en.len());
            }
            out.push(d);
        } else if is_added(doc, i) {
            let start = i;
            while i + 1 < rows.len() && is_added(doc, i + 1) {
                i += 1;
            }
            let n = i - start + 1;
            // The same for a Chinese sentence the neighbouring English says.
            if n == 1
                && (support::carried_next_door(doc, start, false)
                    || split::merges_with_neighbour(doc, start))
            {
                i += 1;
                continue;
            }
            let mut d = Draft::new(
                Kind::Addition,
                Severity::Warning,
                start,
                format!(
                    "{n} Chinese sentence{} with no English source",
                    if n == 1 { "" } else { "s" }
                ),
            );
            d.last_row = i;
            if n == 1 {
                d = d.zh(0..rows[start].zh.len());
            }
            out.push(d);
        }
        i += 1;
    }
    out
}

fn is_omitted(r: &crate::corpus::Row) -> bool {
    !r.en.trim().is_empty() && (r.has(Flag::EnOnly) || r.zh.trim().is_empty())
}

fn is_added(doc: &Doc, i: usize) -> bool {
    let r = &doc.rows()[i];
    !r.zh.trim().is_empty()
        && (r.has(Flag::ZhOnly) || r.en.trim().is_empty())
        && !r.has(Flag::Heading)
        && !r.has(Flag::Front)
        && !r.has(Flag::Back)
        && !is_note_row(r)
        && speakers::label(doc, i).is_none()
}

/// True when the English is only fillers ("Yeah, you know.").
pub fn is_filler(en: &str) -> bool {
    en.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .all(|w| FILLERS.contains(&w.to_lowercase().as_str()))
}

/// A whole row that is a translator's or editor's note.
pub fn is_note_row(r: &crate::corpus::Row) -> bool {
    if !r.en.trim().is_empty() {
        // A bilingual row flagged Note holds its note inline: see `inline_notes`.
        return false;
    }
    let z = r.zh.trim();
    if r.has(Flag::Note) && !holds_inline_notes(z) {
        // The flag says the Chinese holds a note, not always that it is one: a sentence with
        // a parenthesised explanation inside (`……Tinkering（通常是一种……）……`) still needs
        // its English, and its note is reported inline. Without such a parenthesis the flag
        // (a reader's or a reviewer's) stands for the whole row.
        return true;
    }
    let bracketed = |open: char, close: char| z.starts_with(open) && z.ends_with(close);
    bracketed('（', '）')
        || bracketed('(', ')')
        || bracketed('【', '】')
        || bracketed('[', ']')
        || [
            "译注",
            "译者注",
            "编者按",
            "编者注",
            "注：",
            "注:",
            "[注]",
            "【注】",
        ]
        .iter()
        .any(|p| {
            z.starts_with(p) || z.starts_with(&format!("（{p}")) || z.starts_with(&format!("({p}"))
        })
}

/// Whether the Chinese is a sentence holding parenthesised notes: it has some, and says
/// something outside them (a Han character, letter or digit left once they are taken out).
fn holds_inline_notes(zh: &str) -> bool {
    let notes = inline_notes(zh, "");
    if notes.is_empty() {
        return false;
    }
    let mut rest = String::with_capacity(zh.len());
    let mut at = 0;
    for r in notes {
        rest.push_str(&zh[at..r.start]);
        at = r.end;
    }
    rest.push_str(&zh[at..]);
    rest.chars().any(char::is_alphanumeric)
}

/// Parenthesised explanations inside a Chinese sentence that the English does not have:
/// `Tinkering（通常是一种……的活动）`. Byte ranges, parentheses included.
pub fn inline_notes(zh: &str, en: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let en_parens = en.matches('(').count();
    let mut open: Option<usize> = None;
    let mut found = Vec::new();
    for (i, c) in zh.char_indices() {
        match c {
            '（' | '(' if open.is_none() => open = Some(i),
            '）' | ')' => {
                if let Some(s) = open.take() {
                    found.push(s..i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    // When the English has as many parentheses, the Chinese ones are most likely its own.
    if found.len() <= en_parens {
        return out;
    }
    for r in found {
        let inner = &zh[r.clone()];
        let han = inner.chars().filter(|c| is_han(*c)).count();
        let marked = ["译注", "注", "编者"].iter().any(|m| inner.contains(m));
        if han >= 4 || marked {
            out.push(r);
        }
    }
    out
}

/// Translator's notes, whole rows and inline: info findings, one each.
pub fn notes(doc: &Doc) -> Vec<Draft> {
    let mut out = Vec::new();
    for (i, r) in doc.rows().iter().enumerate() {
        if r.zh.trim().is_empty() {
            continue;
        }
        if is_note_row(r) && !r.has(Flag::Heading) {
            out.push(
                Draft::new(
                    Kind::Note,
                    Severity::Info,
                    i,
                    "a translator's or editor's note (no English expected)",
                )
                .zh(0..r.zh.len()),
            );
            continue;
        }
        for range in &doc.notes[i] {
            // A parenthesis that says what the English says is the translation, not a note.
            if super::meaning::renders_english(&r.zh, range.clone(), &r.en) {
                continue;
            }
            out.push(
                Draft::new(
                    Kind::Note,
                    Severity::Info,
                    i,
                    format!(
                        "a translator's note inside the sentence: {}",
                        &r.zh[range.clone()]
                    ),
                )
                .zh(range.clone())
                .evidence(&r.zh[range.clone()]),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fillers_are_recognised() {
        assert!(is_filler("Yeah, you know."));
        assert!(is_filler("Right."));
        assert!(!is_filler("We raised money."));
    }

    #[test]
    fn a_sentence_holding_a_note_is_not_a_note_row() {
        let row = |zh: &str| crate::corpus::Row {
            zh: zh.to_string(),
            flags: vec![Flag::Note, Flag::ZhOnly],
            ..Default::default()
        };
        // a Chinese-only sentence with a translator's explanation inside still needs English
        assert!(!is_note_row(&row(
            "我可以一直进行 Tinkering（通常是一种具有试错性质的活动），那是一台电脑。"
        )));
        // a row that is only the note is one
        assert!(is_note_row(&row("（译注：这是一种具有试错性质的活动）")));
        assert!(is_note_row(&row("（通常是一种具有试错性质的活动）。")));
        // a row flagged as a note with no parenthesis is taken at its flag
        assert!(is_note_row(&row("这一段是编辑补充的背景说明。")));
    }

    #[test]
    fn inline_notes_are_parenthesised_chinese_explanations() {
        let zh = "可以一直进行 Tinkering（通常是一种具有试错性质的活动），那是一台电脑。";
        let notes = inline_notes(zh, "I could tinker with it, a computer.");
        assert_eq!(notes.len(), 1);
        assert!(zh[notes[0].clone()].starts_with('（'));
        // parentheses the English has too are not notes
        assert!(inline_notes("他说（我觉得很对）。", "He said (and I agree).").is_empty());
        // short Latin glosses are not notes
        assert!(inline_notes("大语言模型（LLM）", "large language models").is_empty());
    }
}
