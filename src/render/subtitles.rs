//! Bilingual subtitles (SRT and WebVTT): Chinese over English, timed by the English spans.
//!
//! What players need is guaranteed here rather than hoped for: cue times strictly increase
//! and never overlap (a cue running into the next is clipped), every cue lasts a moment,
//! and lines stay readable (Chinese wrapped at [`ZH_WIDTH`] characters, English at
//! [`EN_WIDTH`], never inside a Latin word, a number, a name or a 《title》, and a Chinese
//! line never inside a word of the CC-CEDICT segmentation ([`wrap`]); at most two lines per
//! language where the time allows). A longer row becomes several cues: given the
//! transcript's own times ([`EnTimes`], which `bitext run` passes), at its sentences' times
//! and, inside a long sentence, at its words' times ([`timing`]); given only the corpus (a
//! row keeps one span), in proportion to their length. Cue text holds no control characters
//! and no timing arrow. Rows without times are skipped and counted, so the caller can say so.

mod timing;
mod wrap;

pub use timing::{EnTimes, UnitTimes};
#[cfg(test)]
use wrap::width_of;
pub use wrap::{wrap, wrap_en, wrap_zh};

use crate::corpus::{Corpus, Row};
use std::fmt::Write;

/// Chinese characters per line (the usual streaming guideline: 16).
pub const ZH_WIDTH: usize = 16;
/// Characters per English line (the common guideline is 42).
pub const EN_WIDTH: usize = 42;
/// Lines per language in one cue.
const MAX_LINES: usize = 2;
/// The shortest cue kept, in milliseconds.
const MIN_CUE_MS: u64 = 200;
/// The shortest part of a long row given a cue of its own, in milliseconds.
const MIN_PART_MS: u64 = 1000;

/// A rendered subtitle file and what could not go into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Subtitles {
    pub text: String,
    pub cues: usize,
    /// Rows with text but no usable time span (no times, or times out of order).
    pub skipped: usize,
}

/// One cue before formatting.
#[derive(Debug, Clone, PartialEq)]
struct Cue {
    start: u64,
    end: u64,
    speaker: String,
    zh: Vec<String>,
    en: Vec<String>,
}

/// Renders SubRip: numbered cues, `HH:MM:SS,mmm` times, Chinese lines over English lines.
/// A long row is split in proportion to its text (see [`srt_timed`]).
pub fn srt(corpus: &Corpus) -> Subtitles {
    srt_timed(corpus, None)
}

/// [`srt`], with the transcript's own unit and word times to split long rows at.
pub fn srt_timed(corpus: &Corpus, times: Option<&EnTimes>) -> Subtitles {
    let (cues, skipped) = cues(corpus, times);
    let mut text = String::new();
    for (i, cue) in cues.iter().enumerate() {
        let _ = writeln!(
            text,
            "{}\n{} --> {}",
            i + 1,
            time(cue.start, ','),
            time(cue.end, ',')
        );
        for line in cue.zh.iter().chain(&cue.en) {
            let _ = writeln!(text, "{line}");
        }
        text.push('\n');
    }
    Subtitles {
        text,
        cues: cues.len(),
        skipped,
    }
}

/// Renders WebVTT: each cue in a voice span for its speaker, each line in a language span.
/// A long row is split in proportion to its text (see [`vtt_timed`]).
pub fn vtt(corpus: &Corpus) -> Subtitles {
    vtt_timed(corpus, None)
}

/// [`vtt`], with the transcript's own unit and word times to split long rows at.
pub fn vtt_timed(corpus: &Corpus, times: Option<&EnTimes>) -> Subtitles {
    let (cues, skipped) = cues(corpus, times);
    let zh_lang = corpus.meta.get("zh_lang").map(String::as_str);
    let en_lang = corpus.meta.get("en_lang").map(String::as_str);
    let zh_lang = escape_vtt(zh_lang.unwrap_or("zh-CN"));
    let en_lang = escape_vtt(en_lang.unwrap_or("en"));
    let mut text = String::from("WEBVTT\n\n");
    for cue in &cues {
        let _ = writeln!(text, "{} --> {}", time(cue.start, '.'), time(cue.end, '.'));
        let mut lines: Vec<String> = Vec::new();
        for line in &cue.zh {
            lines.push(format!("<lang {zh_lang}>{}</lang>", escape_vtt(line)));
        }
        for line in &cue.en {
            lines.push(format!("<lang {en_lang}>{}</lang>", escape_vtt(line)));
        }
        let voice = escape_vtt(&cue.speaker.replace(['\n', '>'], " "));
        if !voice.trim().is_empty() {
            if let Some(first) = lines.first_mut() {
                first.insert_str(0, &format!("<v {}>", voice.trim()));
            }
            if let Some(last) = lines.last_mut() {
                last.push_str("</v>");
            }
        }
        for line in lines {
            let _ = writeln!(text, "{line}");
        }
        text.push('\n');
    }
    Subtitles {
        text,
        cues: cues.len(),
        skipped,
    }
}

fn escape_vtt(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn time(ms: u64, sep: char) -> String {
    format!(
        "{:02}:{:02}:{:02}{sep}{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// The cues of the corpus, valid for players, and the number of rows skipped.
fn cues(corpus: &Corpus, times: Option<&EnTimes>) -> (Vec<Cue>, usize) {
    let mut skipped = 0;
    let mut timed: Vec<(u64, u64, &Row, Option<&[UnitTimes]>)> = Vec::new();
    let mut cursor = 0;
    for row in &corpus.rows {
        if row.zh.trim().is_empty() && row.en.trim().is_empty() {
            continue;
        }
        let units = times.and_then(|t| t.units_of(&row.en, &mut cursor));
        let span = match (row.start_ms, row.end_ms) {
            (Some(start), Some(end)) if end > start => Some((start, end)),
            (Some(start), None) => Some((start, start + 2000)),
            _ => None,
        };
        match span {
            Some((start, end)) if timed.last().is_none_or(|(s, ..)| start > *s) => {
                timed.push((start, end, row, units));
            }
            _ => skipped += 1,
        }
    }
    // Clip each span at the next one's start: no overlaps.
    for i in 1..timed.len() {
        let next_start = timed[i].0;
        if timed[i - 1].1 > next_start {
            timed[i - 1].1 = next_start;
        }
    }
    let mut out = Vec::new();
    for (start, end, row, units) in timed {
        if end - start < MIN_CUE_MS {
            skipped += 1;
            continue;
        }
        let speaker = one_line(&row.speaker);
        match units.and_then(|u| timing::split_timed(start, end, row, u, &speaker)) {
            Some(cues) => out.extend(cues),
            None => out.extend(split(start, end, row)),
        }
    }
    (out, skipped)
}

/// Wraps a row's two texts and, when a side needs more than [`MAX_LINES`], splits it into
/// several cues that share the span in proportion to their length.
fn split(start: u64, end: u64, row: &Row) -> Vec<Cue> {
    let zh = wrap_zh(&one_line(&row.zh), ZH_WIDTH);
    let en = wrap_en(&one_line(&row.en), EN_WIDTH);
    // Two lines per language per cue, unless the cues would flash by: then fewer, fuller cues.
    let max_parts = ((end - start) / MIN_PART_MS).max(1) as usize;
    let parts = zh
        .len()
        .max(en.len())
        .div_ceil(MAX_LINES)
        .clamp(1, max_parts);
    let zh_parts = chunks(&zh, parts);
    let en_parts = chunks(&en, parts);
    let weight = |i: usize| -> u64 {
        let chars = |lines: &[String]| lines.iter().map(|l| l.chars().count()).sum::<usize>();
        (chars(&en_parts[i]) * 2 + chars(&zh_parts[i]) * 5).max(1) as u64
    };
    let total: u64 = (0..parts).map(weight).sum();
    let mut out = Vec::with_capacity(parts);
    let mut at = start;
    let mut acc = 0;
    for i in 0..parts {
        acc += weight(i);
        let until = if i + 1 == parts {
            end
        } else {
            start + (end - start) * acc / total
        };
        if until > at {
            out.push(Cue {
                start: at,
                end: until,
                speaker: one_line(&row.speaker),
                zh: zh_parts[i].clone(),
                en: en_parts[i].clone(),
            });
            at = until;
        } else if let Some(last) = out.last_mut() {
            last.zh.extend(zh_parts[i].iter().cloned());
            last.en.extend(en_parts[i].iter().cloned());
        }
    }
    out
}

/// `lines` cut into `parts` runs as even as possible (some may be empty).
fn chunks(lines: &[String], parts: usize) -> Vec<Vec<String>> {
    let per = lines.len().div_ceil(parts).max(1);
    (0..parts)
        .map(|i| lines.iter().skip(i * per).take(per).cloned().collect())
        .collect()
}

/// The text on one line, without control characters, and with any timing arrow (`-->`,
/// which a player would read as a cue's timing line) turned into `→`.
fn one_line(s: &str) -> String {
    let s = super::strip_controls(s).replace("-->", "→");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(start: Option<u64>, end: Option<u64>, zh: &str, en: &str) -> Row {
        Row {
            start_ms: start,
            end_ms: end,
            zh: zh.into(),
            en: en.into(),
            ..Row::default()
        }
    }

    #[test]
    fn overlaps_are_clipped_and_untimed_rows_skipped() {
        let corpus = Corpus {
            rows: vec![
                row(Some(1000), Some(5000), "一。", "One."),
                row(None, None, "没有时间。", ""),
                row(Some(4000), Some(6000), "二。", "Two."),
                row(Some(3000), Some(3500), "倒退。", "Back."),
            ],
            ..Corpus::default()
        };
        let subs = srt(&corpus);
        assert_eq!(subs.skipped, 2);
        assert_eq!(subs.cues, 2);
        assert!(subs.text.starts_with(
            "1\n00:00:01,000 --> 00:00:04,000\n一。\nOne.\n\n2\n00:00:04,000 --> 00:00:06,000\n"
        ));
    }

    #[test]
    fn long_beads_become_several_readable_cues() {
        let zh = "我认为这是一段非常不可能的旅程，绝对不是我能够想象的事情，部分原因是我非常幸运地天生具备了某种能力。当我成长的时候，也就是上世纪八十年代的十几岁时，个人计算机正在发展。";
        let en = "I think it's a very improbable journey, definitely not something I could have imagined, partly because I was very lucky to be born with a certain ability. When I was growing up, a teenager in the eighties, personal computers were developing.";
        let corpus = Corpus {
            rows: vec![row(Some(0), Some(20_000), zh, en)],
            ..Corpus::default()
        };
        let subs = vtt(&corpus);
        assert!(subs.cues >= 3, "{}", subs.text);
        let mut last_end = 0;
        for block in subs.text.split("\n\n").skip(1).filter(|b| !b.is_empty()) {
            let mut lines = block.lines();
            let times: Vec<&str> = lines.next().unwrap().split(" --> ").collect();
            let start = crate::corpus::tsv::parse_time(times[0]).unwrap();
            let end = crate::corpus::tsv::parse_time(times[1]).unwrap();
            assert!(start >= last_end && end > start, "{block}");
            last_end = end;
            let text: Vec<&str> = lines.collect();
            assert!(text.len() <= 2 * MAX_LINES, "{block}");
        }
        assert_eq!(last_end, 20_000);
        for line in wrap_zh(zh, ZH_WIDTH) {
            assert!(line.chars().count() <= ZH_WIDTH + 1, "{line}");
        }
        for line in wrap_en(en, EN_WIDTH) {
            assert!(line.chars().count() <= EN_WIDTH, "{line}");
        }
    }

    #[test]
    fn chinese_wrapping_keeps_latin_words_whole() {
        let lines = wrap_zh("我看到我的一些学术朋友都在Google工作", 15);
        assert_eq!(lines, vec!["我看到我的一些学术朋友都在", "Google工作"]);
    }

    #[test]
    fn names_numbers_and_titles_are_never_broken() {
        let lines = wrap_en(
            "Hello everyone and welcome back, I'm Maya Chen and today we talk",
            30,
        );
        assert!(lines.iter().any(|l| l.contains("Maya Chen")), "{lines:?}");
        let lines = wrap_zh(
            "公司去年一共融资了12,000,000美元，并且推出了新书《人工智能的未来》。",
            16,
        );
        assert!(lines.iter().any(|l| l.contains("12,000,000")), "{lines:?}");
        assert!(
            lines.iter().any(|l| l.contains("《人工智能的未来》")),
            "{lines:?}"
        );
        for line in &lines {
            assert!(width_of(line) <= 32, "{line}");
            assert!(!line.starts_with(['，', '。', '》']), "{line}");
        }
    }

    #[test]
    fn r15_a_19_character_line_ending_in_a_full_stop_does_not_panic() {
        for text in [
            "一二三四五六七八九十一二三四五六七八.",
            "一二三四五六七八九十一二三四五六七八九.",
            "abcdefghijklmnopqrstuvwxyz.",
        ] {
            for width in 1..24 {
                let lines = wrap_zh(text, width);
                assert_eq!(lines.concat(), text, "width {width}");
            }
        }
    }

    #[test]
    fn cue_text_has_no_timing_arrow_and_no_control_characters() {
        let corpus = Corpus {
            rows: vec![row(
                Some(0),
                Some(3000),
                "甲 --> 乙\u{1b}[2J",
                "a --> b\u{0}",
            )],
            ..Corpus::default()
        };
        for text in [srt(&corpus).text, vtt(&corpus).text] {
            assert_eq!(text.matches("-->").count(), 1, "{text}");
            assert!(!text.contains('\u{1b}') && !text.contains('\u{0}'));
        }
    }

    proptest::proptest! {
        #![proptest_config(crate::text::fuzz_config::fixed(256, 17))]
        #[test]
        fn wrapping_never_panics_and_never_loses_text(
            text in "[一-龥a-zA-Z0-9 ,.，。《》“”()！？%:'-]{0,80}",
            width in 1usize..40,
        ) {
            for lines in [wrap_zh(&text, width), wrap_en(&text, width)] {
                let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
                let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                proptest::prop_assert_eq!(joined, expected);
                proptest::prop_assert!(lines.iter().all(|l| !l.is_empty()));
            }
        }
    }
}
