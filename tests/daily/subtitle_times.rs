//! Subtitles of long rows split at the English side's own times: sentence boundaries first,
//! then word times (json3 `tOffsetMs`) inside a long sentence; in proportion only without
//! times.

use crate::workdir::Workdir;
use bitext::corpus::{Corpus, Row};
use bitext::render::subtitles::{self, EnTimes};
use std::collections::BTreeSet;
use std::path::Path;

pub(super) const SENTENCES: [&str; 3] = [
    "Welcome back to the show, everyone.",
    "Today my guest is a researcher who spent the last ten years building tools that help small newsrooms check facts quickly, and she is going to tell us how those tools work, what they get wrong, and why she thinks every reporter should learn a little programming.",
    "Let's get started.",
];

pub(super) const ZH: [&str; 3] = [
    "欢迎回到节目，各位。",
    "今天我的嘉宾是一位研究人员，她在过去十年里一直在开发帮助小型新闻编辑部快速核查事实的工具，她将告诉我们这些工具如何运作、会犯哪些错误，以及为什么她认为每位记者都应该学一点编程。",
    "我们开始吧。",
];

/// A json3 payload with one event per sentence and a time for every word: word `i` of the
/// talk starts at 1000 + 370·i ms (a pause of 900 ms before each sentence). Returns the
/// payload, every word's start time, and each sentence's start time.
pub(super) fn json3() -> (String, BTreeSet<u64>, Vec<u64>) {
    let mut events = vec![r#"{"tStartMs":0,"dDurationMs":200000,"id":1}"#.to_string()];
    let mut words = BTreeSet::new();
    let mut starts = Vec::new();
    let mut t = 1000;
    for sentence in SENTENCES {
        let start = t;
        starts.push(start);
        let mut segs = Vec::new();
        for (i, word) in sentence.split(' ').enumerate() {
            words.insert(t);
            let text = if i == 0 {
                word.to_string()
            } else {
                format!(" {word}")
            };
            let offset = if i == 0 {
                String::new()
            } else {
                format!(r#","tOffsetMs":{}"#, t - start)
            };
            segs.push(format!(
                r#"{{"utf8":{}{offset},"acAsrConf":0}}"#,
                serde_json::to_string(&text).unwrap()
            ));
            t += 370;
        }
        events.push(format!(
            r#"{{"tStartMs":{start},"dDurationMs":{},"wWinId":1,"segs":[{}]}}"#,
            t - start,
            segs.join(",")
        ));
        t += 900;
    }
    (
        format!(r#"{{"wireMagic":"pb3","events":[{}]}}"#, events.join(",\n")),
        words,
        starts,
    )
}

/// The cues of an SRT: (start ms, end ms, text lines).
fn cues(srt: &str) -> Vec<(u64, u64, Vec<String>)> {
    srt.split("\n\n")
        .filter(|b| !b.trim().is_empty())
        .map(|block| {
            let mut lines = block.lines().skip(1);
            let times: Vec<&str> = lines.next().unwrap().split(" --> ").collect();
            let ms = |s: &str| bitext::corpus::tsv::parse_time(&s.replace(',', ".")).unwrap();
            (
                ms(times[0]),
                ms(times[1]),
                lines.map(str::to_string).collect(),
            )
        })
        .collect()
}

fn times_of(payload: &str) -> (Vec<bitext::segment::Segment>, EnTimes) {
    let transcript = bitext::source::transcript::parse(payload, Path::new("en.json3")).unwrap();
    let units = bitext::segment::en::sentences(&transcript);
    let times = bitext::pipeline::inputs::en_times(&transcript, &units);
    (units, times)
}

#[test]
fn a_long_row_is_cut_at_its_sentences_then_at_word_times() {
    let (payload, words, starts) = json3();
    let (units, times) = times_of(&payload);
    assert_eq!(units.len(), 3, "{units:?}");
    assert!(
        times.units()[1].words.iter().all(Option::is_some),
        "every word timed"
    );
    // One row holding the whole talk (as a 1:3 bead would).
    let row = Row {
        start_ms: units[0].start_ms,
        end_ms: units[2].end_ms,
        zh: ZH.concat(),
        en: SENTENCES.join(" "),
        score: Some(0.4),
        ..Row::default()
    };
    let corpus = Corpus {
        rows: vec![row],
        ..Corpus::default()
    };
    let timed = cues(&subtitles::srt_timed(&corpus, Some(&times)).text);
    let starts_at: Vec<u64> = timed.iter().map(|c| c.0).collect();
    assert!(timed.len() >= 4, "{timed:#?}");
    // Every cue starts at a word's own time; the second and third sentences start cues.
    for (start, _, _) in &timed {
        assert!(
            words.contains(start),
            "{start} is no word time: {starts_at:?}"
        );
    }
    assert!(
        starts_at.contains(&starts[1]) && starts_at.contains(&starts[2]),
        "{starts_at:?}"
    );
    // The long sentence is cut inside, at word times.
    let inside: Vec<&u64> = starts_at
        .iter()
        .filter(|s| **s > starts[1] && **s < starts[2])
        .collect();
    assert!(!inside.is_empty(), "{starts_at:?}");
    // Contiguous, ending at the row's end; lines within the limits; no text lost.
    for pair in timed.windows(2) {
        assert_eq!(pair[0].1, pair[1].0);
    }
    assert_eq!(timed.last().unwrap().1, units[2].end_ms.unwrap());
    let mut en = String::new();
    let mut zh = String::new();
    for (_, _, lines) in &timed {
        let zh_lines: Vec<&String> = lines
            .iter()
            .filter(|l| l.chars().any(|c| c > '\u{2E80}'))
            .collect();
        let en_lines: Vec<&String> = lines
            .iter()
            .filter(|l| !l.chars().any(|c| c > '\u{2E80}'))
            .collect();
        assert!(en_lines.len() <= 2 && zh_lines.len() <= 2, "{lines:?}");
        assert!(
            en_lines.iter().all(|l| l.chars().count() <= 42),
            "{lines:?}"
        );
        en.push_str(
            &en_lines
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        en.push(' ');
        zh.extend(zh_lines.iter().map(|l| l.as_str()));
    }
    assert_eq!(
        en.split_whitespace().collect::<Vec<_>>(),
        SENTENCES.join(" ").split_whitespace().collect::<Vec<_>>()
    );
    assert_eq!(zh, ZH.concat());
    // The Chinese of the first cue is the first sentence's translation: cut at 。 near the share.
    assert_eq!(timed[0].2[0], ZH[0], "{timed:#?}");

    // Without the times the same row is cut in proportion: starts that are no word's time.
    let plain = cues(&subtitles::srt(&corpus).text);
    assert!(plain.len() >= 2);
    assert!(
        plain.iter().skip(1).any(|c| !words.contains(&c.0)),
        "proportional cuts fall between words: {plain:#?}"
    );
}

#[test]
fn a_row_edited_by_hand_falls_back_to_the_proportional_split() {
    let (payload, _, _) = json3();
    let (units, times) = times_of(&payload);
    let row = Row {
        start_ms: units[1].start_ms,
        end_ms: units[1].end_ms,
        zh: ZH[1].into(),
        en: SENTENCES[1].replace("ten years", "decade"),
        ..Row::default()
    };
    let corpus = Corpus {
        rows: vec![row],
        ..Corpus::default()
    };
    assert_eq!(
        subtitles::srt_timed(&corpus, Some(&times)).text,
        subtitles::srt(&corpus).text
    );
}

#[test]
fn run_splits_the_subtitles_of_a_json3_corpus_at_word_times() {
    let wd = Workdir::new();
    let (payload, words, starts) = json3();
    wd.write("corpus/talk/bitext.toml", "title = \"Timing\"\n");
    wd.write("corpus/talk/en.json3", &payload);
    wd.write("corpus/talk/zh.txt", format!("{}\n", ZH.join("\n")));
    wd.stdout(&["run", "talk"]);
    let tsv = wd.read("out/talk/corpus.tsv");
    assert_eq!(
        tsv.lines().filter(|l| l.starts_with("00:")).count(),
        3,
        "{tsv}"
    );
    let timed = cues(&wd.read("out/talk/corpus.srt"));
    assert!(timed.len() > 3, "the long row is split: {timed:#?}");
    for (start, _, _) in &timed {
        assert!(
            words.contains(start),
            "cue at {start} ms is no word time: {timed:#?}"
        );
    }
    assert!(timed.iter().any(|c| c.0 > starts[1] && c.0 < starts[2]));
    let vtt = wd.read("out/talk/corpus.vtt");
    assert_eq!(vtt.matches(" --> ").count(), timed.len());
    // corpus.tsv itself is unchanged in form: eight columns, one span per row.
    assert!(tsv.contains("start\tend\tspeaker\tsection\tflags\tscore\tzh\ten"));
}
