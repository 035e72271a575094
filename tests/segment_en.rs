//! Tests: English sentence splitting (punctuated text and unpunctuated auto-captions).

use crate::workdir::{shared_data, Workdir};
use bitext::segment::en::{sentences, split};
use bitext::source::transcript::{parse, Transcript};
use proptest::prelude::*;
use std::path::Path;

/// One case of a segment JSONL file.
#[derive(serde::Deserialize)]
struct Case {
    id: String,
    text: String,
    sentences: Vec<String>,
    #[serde(default)]
    ambiguous: bool,
}

/// Runs the splitter over a JSONL file of cases; returns (passed, failing ids, failing
/// ambiguous ids, total).
fn run_cases(path: &Path) -> (usize, Vec<String>, Vec<String>, usize) {
    let text = std::fs::read_to_string(path).expect("read cases");
    let mut passed = 0;
    let mut failing = Vec::new();
    let mut ambiguous = Vec::new();
    let mut total = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Case = serde_json::from_str(line).expect("a JSON case");
        total += 1;
        let got: Vec<&str> = split(&case.text)
            .into_iter()
            .map(|r| &case.text[r])
            .collect();
        if got == case.sentences {
            passed += 1;
        } else {
            eprintln!(
                "{}: expected {:?}\n  got {:?}",
                case.id, case.sentences, got
            );
            if case.ambiguous {
                ambiguous.push(case.id);
            } else {
                failing.push(case.id);
            }
        }
    }
    (passed, failing, ambiguous, total)
}

#[test]
fn golden_rules_pass_at_least_46_of_48() {
    let Some(data) = shared_data("golden_rules_pass_at_least_46_of_48") else {
        return;
    };
    let (passed, failing, _, total) = run_cases(&data.join("segment/en.jsonl"));
    eprintln!("en.jsonl: {passed}/{total} pass; failing: {failing:?}");
    assert_eq!(total, 48);
    assert!(passed >= 46, "{passed}/48 pass; failing: {failing:?}");
}

#[test]
fn extra_cases_pass_except_ambiguous_ones() {
    let Some(data) = shared_data("extra_cases_pass_except_ambiguous_ones") else {
        return;
    };
    let (passed, failing, ambiguous, total) = run_cases(&data.join("segment/en_extra.jsonl"));
    eprintln!(
        "en_extra.jsonl: {passed}/{total} pass; failing: {failing:?}; ambiguous failing: {ambiguous:?}"
    );
    assert!(failing.is_empty(), "non-ambiguous cases fail: {failing:?}");
}

#[test]
fn abbreviations_initials_and_decimals_do_not_split() {
    let text = "Mr. J. R. R. Tolkien paid $3.50 at 5 p.m. for it. The U.S. Government agreed, e.g. Dr. Wang. Fine!";
    let got: Vec<&str> = split(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(
        got,
        [
            "Mr. J. R. R. Tolkien paid $3.50 at 5 p.m. for it.",
            "The U.S. Government agreed, e.g. Dr. Wang.",
            "Fine!"
        ]
    );
}

#[test]
fn a_blank_line_always_ends_a_sentence() {
    let text = "No full stop here\n\nNew paragraph";
    let got: Vec<&str> = split(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(got, ["No full stop here", "New paragraph"]);
}

fn fixture(name: &str) -> Transcript {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/en")
        .join(name);
    bitext::source::transcript::read(&path).expect("fixture parses")
}

#[test]
fn punctuated_sentences_get_times_by_interpolation_inside_cues() {
    let t = fixture("manual.srv1.xml");
    let segs = sentences(&t);
    let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Welcome back to the workshop.",
            "It's time for part two & more.",
            "Thanks, Anna.",
            "Really glad to be here."
        ]
    );
    assert_eq!(segs[0].start_ms, Some(320));
    assert_eq!(segs[0].end_ms, Some(3220));
    assert_eq!(segs[2].start_ms, Some(7270));
    assert!(segs[2].turn_start && !segs[1].turn_start);
    assert_eq!(segs[2].paragraph, segs[1].paragraph + 1);
}

#[test]
fn a_sentence_inside_a_cue_gets_an_interpolated_time() {
    let t = parse(
        "1\n00:00:10,000 --> 00:00:20,000\nOne two three four. Five six seven eight.\n",
        Path::new("x.srt"),
    )
    .unwrap();
    let segs = sentences(&t);
    assert_eq!(segs.len(), 2);
    assert_eq!(segs[0].start_ms, Some(10_000));
    let mid = segs[1].start_ms.unwrap();
    assert!((14_000..16_000).contains(&mid), "{mid}");
    assert_eq!(segs[1].end_ms, Some(20_000));
}

#[test]
fn plain_text_speakers_and_paragraphs_carry_into_sentences() {
    let t = fixture("talk.txt");
    let segs = sentences(&t);
    let got: Vec<(&str, Option<&str>, usize, bool)> = segs
        .iter()
        .map(|s| {
            (
                s.text.as_str(),
                s.speaker.as_deref(),
                s.paragraph,
                s.turn_start,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Welcome back to the workshop.", Some("Anna"), 0, true),
            ("Today we talk about Rust.", Some("Anna"), 0, false),
            ("It matters a lot.", Some("Anna"), 1, false),
            ("Thanks, Anna.", Some("Ben"), 2, true),
            ("Glad to be here.", Some("Ben"), 2, false),
            ("Let's start.", Some("Anna"), 3, true),
        ]
    );
}

#[test]
fn unpunctuated_captions_become_short_timed_units_at_pauses() {
    let t = fixture("asr.json3");
    let units = sentences(&t);
    let texts: Vec<&str> = units.iter().map(|s| s.text.as_str()).collect();
    // The 2.4 s gap before "and" (music) is a pause; the words before it run together.
    assert_eq!(
        texts,
        ["so today we're talking about rust", "and why it matters"]
    );
    assert_eq!(units[0].start_ms, Some(160));
    assert_eq!(units[0].end_ms, Some(5000));
    assert_eq!(units[1].start_ms, Some(8000));
    assert_eq!(units[1].end_ms, Some(10_000));
    assert_eq!(&t.text[units[1].range.clone()], "and why it matters");
}

#[test]
fn long_unpunctuated_runs_are_cut_to_at_most_eight_words() {
    let mut segs = String::new();
    for i in 0..40 {
        let sep = if i == 0 { "" } else { "," };
        segs.push_str(&format!(
            "{sep}{{\"utf8\":\"{}w{i}\",\"tOffsetMs\":{}}}",
            if i == 0 { "" } else { " " },
            i * 300
        ));
    }
    let json =
        format!("{{\"events\":[{{\"tStartMs\":0,\"dDurationMs\":12000,\"segs\":[{segs}]}}]}}");
    let t = parse(&json, Path::new("x.json3")).unwrap();
    let units = sentences(&t);
    assert!(units.len() >= 4);
    for u in &units {
        let words = u.text.split_whitespace().count();
        assert!((1..=8).contains(&words), "{words} words: {}", u.text);
        assert!(u.start_ms.is_some() && u.end_ms >= u.start_ms);
    }
}

#[test]
fn units_never_end_on_a_word_no_sentence_ends_with() {
    // A long pause after "the" and after "of" is a speaker searching for a word, not a
    // sentence end; the pause after "river" is one.
    let words = [
        ("we", 0),
        ("walked", 300),
        ("to", 600),
        ("the", 900),
        ("edge", 2000),
        ("of", 2300),
        ("the", 3300),
        ("river", 3600),
        ("it", 5500),
        ("was", 5800),
        ("cold", 6100),
    ];
    let segs: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, (w, t))| {
            let space = if i == 0 { "" } else { " " };
            format!("{{\"utf8\":\"{space}{w}\",\"tOffsetMs\":{t}}}")
        })
        .collect();
    let json = format!(
        "{{\"events\":[{{\"tStartMs\":0,\"dDurationMs\":8000,\"segs\":[{}]}}]}}",
        segs.join(",")
    );
    let t = parse(&json, Path::new("x.json3")).unwrap();
    let texts: Vec<String> = sentences(&t).into_iter().map(|s| s.text).collect();
    assert_eq!(texts, ["we walked to the edge of the river", "it was cold"]);
}

#[test]
fn shared_auto_captions_split_into_covering_timed_units() {
    let Some(data) = shared_data("shared_auto_captions_split_into_covering_timed_units") else {
        return;
    };
    let path = data.join("transcript/mac-dev-001/en.json3");
    let t = bitext::source::transcript::read(&path).unwrap();
    let units = sentences(&t);
    assert_covers(&t.text, units.iter().map(|u| u.range.clone()).collect());
    let words: usize = units
        .iter()
        .map(|u| u.text.split_whitespace().count())
        .sum();
    eprintln!(
        "mac-dev-001: {} units, {:.1} words a unit",
        units.len(),
        words as f64 / units.len() as f64
    );
    for u in &units {
        assert!(u.text.split_whitespace().count() <= 12, "{}", u.text);
        let (s, e) = (u.start_ms.unwrap(), u.end_ms.unwrap());
        assert!(s <= e, "{s} > {e}");
    }
    assert!(units.windows(2).all(|w| w[0].start_ms <= w[1].start_ms));
}

#[test]
fn split_en_prints_units_with_times() {
    let wd = Workdir::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/en/asr.vtt");
    wd.write("talk.vtt", std::fs::read(src).unwrap());
    let out = wd.stdout(&["split", "en", "talk.vtt"]);
    let mut lines = out.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("start\tend\t"), "{header}");
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0], "00:00:00.160");
    assert_eq!(rows[1][0], "00:00:08.000");
    assert_eq!(rows[1].last(), Some(&"and why it matters"));
}

/// Asserts that ranges are in bounds, on char boundaries, ordered, non-overlapping, and
/// cover every non-white-space character of `text` exactly once.
pub fn assert_covers(text: &str, ranges: Vec<std::ops::Range<usize>>) {
    let mut at = 0;
    for r in &ranges {
        assert!(
            r.start >= at && r.start <= r.end && r.end <= text.len(),
            "{r:?} after {at}"
        );
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert!(
            text[at..r.start].chars().all(char::is_whitespace),
            "uncovered text {:?}",
            &text[at..r.start]
        );
        at = r.end;
    }
    assert!(
        text[at..].chars().all(char::is_whitespace),
        "uncovered tail"
    );
}

proptest! {
    #![proptest_config(crate::fuzz_config::fixed(300, 29))]

    #[test]
    fn split_never_panics_and_covers_its_input(text in "(\\PC|[ .?!…\"'()\\[\\]\n]|U\\.S\\.|Mr\\. |1\\. |a\\. |\\. \\. \\.){0,60}") {
        assert_covers(&text, split(&text));
    }

    #[test]
    fn sentences_cover_any_parsed_transcript(text in "(\\PC|[ .?!\n:]|Anna: |>> |\\[Music\\] |00:00:01\\.000 --> 00:00:02\\.000\n|WEBVTT\n\n){0,40}") {
        if let Ok(t) = parse(&text, Path::new("x.txt")) {
            let segs = sentences(&t);
            assert_covers(&t.text, segs.iter().map(|s| s.range.clone()).collect());
            for s in &segs {
                prop_assert_eq!(&s.text, &t.text[s.range.clone()]);
            }
        }
    }
}
