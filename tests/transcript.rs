//! Tests: reading English transcripts in every format (json3, srv3, srv1, VTT, SRT, plain),
//! sniffing, rolling-window de-duplication, bad input.

use crate::workdir::{shared_data, Workdir};
use bitext::source::transcript::{parse, parse_as, read, Format, Transcript, TranscriptError};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/en")
        .join(name)
}

fn fixture(name: &str) -> Transcript {
    read(&fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn cue_texts(t: &Transcript) -> Vec<&str> {
    t.cues.iter().map(|c| &t.text[c.range.clone()]).collect()
}

/// (word, start) pairs.
fn words(t: &Transcript) -> Vec<(&str, u64)> {
    t.cues
        .iter()
        .flat_map(|c| c.words.iter())
        .map(|w| (&t.text[w.range.clone()], w.start_ms))
        .collect()
}

const ASR_TEXT: &str = "so today we're talking about rust and why it matters";
const ASR_WORDS: [(&str, u64); 10] = [
    ("so", 160),
    ("today", 400),
    ("we're", 720),
    ("talking", 960),
    ("about", 1400),
    ("rust", 1800),
    ("and", 8000),
    ("why", 8300),
    ("it", 8500),
    ("matters", 8700),
];

#[test]
fn json3_auto_captions_keep_word_times_and_drop_music() {
    let t = fixture("asr.json3");
    assert_eq!(t.format, Format::Json3);
    assert_eq!(t.text, ASR_TEXT);
    assert_eq!(
        cue_texts(&t),
        ["so today we're talking", "about rust", "and why it matters"]
    );
    assert_eq!(words(&t), ASR_WORDS);
    assert_eq!(t.cues[0].start_ms, Some(160));
    assert_eq!(t.cues[0].end_ms, Some(1400));
    assert_eq!(t.annotations.len(), 1);
    assert_eq!(t.annotations[0].label, "[Music]");
    assert_eq!(t.annotations[0].start_ms, Some(5000));
    // The last word of a cue ends where the cue does; inner words where the next starts.
    let rust = &t.cues[1].words[1];
    assert_eq!((rust.start_ms, rust.end_ms), (1800, 5000));
    assert_eq!(t.cues[0].words[0].end_ms, 400);
}

#[test]
fn srv3_auto_captions_read_the_same_as_json3() {
    let t = fixture("asr.srv3");
    assert_eq!(t.format, Format::Srv3);
    assert_eq!(t.text, ASR_TEXT);
    assert_eq!(words(&t), ASR_WORDS);
    assert_eq!(t.annotations.len(), 1);
}

#[test]
fn auto_vtt_rolling_windows_are_read_once_with_inline_word_times() {
    let t = fixture("asr.vtt");
    assert_eq!(t.format, Format::Vtt);
    assert_eq!(t.text, ASR_TEXT, "each spoken word once");
    assert_eq!(words(&t), ASR_WORDS);
    assert_eq!(t.annotations.len(), 1);
    assert_eq!(t.cues.len(), 3);
}

#[test]
fn rolling_srt_converted_from_auto_captions_is_deduplicated() {
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nso today we're\n\n\
               2\n00:00:02,000 --> 00:00:03,000\nso today we're\ntalking about rust\n\n\
               3\n00:00:03,000 --> 00:00:04,000\ntalking about rust\nand why it matters\n\n\
               4\n00:00:04,000 --> 00:00:05,000\nand why it matters\nfor us\n";
    let t = parse(srt, Path::new("auto.srt")).unwrap();
    assert_eq!(
        t.text,
        "so today we're talking about rust and why it matters for us"
    );
    assert_eq!(t.cues[1].start_ms, Some(2000));
}

#[test]
fn manual_srt_repeating_a_line_once_keeps_it() {
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nNo.\n\n2\n00:00:02,000 --> 00:00:03,000\nNo.\n\n\
               3\n00:00:03,000 --> 00:00:04,000\nReally?\n";
    let t = parse(srt, Path::new("a.srt")).unwrap();
    assert_eq!(t.text, "No. No. Really?");
}

#[test]
fn srv1_is_decoded_twice_and_skips_empty_cues() {
    let t = fixture("manual.srv1.xml");
    assert_eq!(t.format, Format::Srv1);
    assert_eq!(
        cue_texts(&t),
        [
            "Welcome back to the workshop.",
            "It's time for part two & more.",
            "Thanks, Anna.",
            "Really glad to be here."
        ]
    );
    assert_eq!(
        (t.cues[1].start_ms, t.cues[1].end_ms),
        (Some(3220), Some(7270))
    );
    assert_eq!(
        (t.cues[3].start_ms, t.cues[3].end_ms),
        (Some(9000), Some(9000))
    );
    assert!(t.cues[2].speaker_change && !t.cues[1].speaker_change);
    assert_eq!(t.annotations[0].label, "[Applause]");
    assert!(
        t.cues.iter().all(|c| c.words.is_empty()),
        "manual tracks have no word times"
    );
}

#[test]
fn srv3_manual_paragraphs_name_speakers_after_the_marks() {
    let t = fixture("manual.srv3");
    assert_eq!(cue_texts(&t), ["Welcome back.", "It's good to be here."]);
    assert_eq!(t.cues[1].speaker.as_deref(), Some("ANNA"));
    assert!(t.cues[1].speaker_change);
    assert_eq!(t.cues[1].line, Some(4));
}

#[test]
fn json3_manual_segments_have_line_breaks_and_speaker_marks() {
    let t = fixture("manual.json3");
    assert_eq!(
        t.text,
        "Welcome back to the workshop. It's time for part two."
    );
    assert!(t.cues[1].speaker_change);
    assert!(t.cues[0].words.is_empty());
    assert_eq!(t.cues[1].end_ms, Some(6500));
}

#[test]
fn vtt_voices_entities_notes_and_identifiers() {
    let t = fixture("manual.vtt");
    assert_eq!(
        cue_texts(&t),
        [
            "Welcome back to the workshop.",
            "It's time for part two & more.",
            "Thanks, Anna."
        ]
    );
    let speakers: Vec<(Option<&str>, bool)> = t
        .cues
        .iter()
        .map(|c| (c.speaker.as_deref(), c.speaker_change))
        .collect();
    assert_eq!(
        speakers,
        [
            (Some("Anna"), true),
            (Some("Anna"), false),
            (Some("Ben"), true)
        ]
    );
    assert_eq!(
        (t.cues[2].start_ms, t.cues[2].end_ms),
        (Some(7500), Some(9000))
    );
    assert_eq!(t.cues[0].line, Some(8));
    assert_eq!(t.annotations.len(), 1);
}

#[test]
fn srt_with_bom_crlf_markup_and_dialogue_dashes() {
    let t = fixture("manual.srt");
    assert_eq!(t.format, Format::Srt);
    assert_eq!(
        cue_texts(&t),
        [
            "Welcome back to the workshop.",
            "It's time.",
            "For part two?",
            "Yes!"
        ]
    );
    assert!(t.cues[1].speaker_change && t.cues[2].speaker_change);
    assert_eq!(t.cues[3].start_ms, Some(67_500));
    assert_eq!(t.annotations[0].label, "(LAUGHTER)");
}

#[test]
fn plain_text_speakers_and_paragraphs() {
    let t = fixture("talk.txt");
    assert_eq!(t.format, Format::Plain);
    assert_eq!(
        t.text,
        "Welcome back to the workshop. Today we talk about Rust.\nIt matters a lot.\nThanks, Anna. Glad to be here.\nLet's start."
    );
    let speakers: Vec<Option<&str>> = t.cues.iter().map(|c| c.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        [Some("Anna"), Some("Anna"), Some("Ben"), Some("Anna")]
    );
    assert_eq!(t.annotations[0].label, "(laughs)");
    assert!(t.cues.iter().all(|c| c.start_ms.is_none()));
}

#[test]
fn plain_text_copied_from_the_transcript_panel_keeps_its_times() {
    let t = parse(
        "0:00\nso today we're talking\n0:04\nabout rust and why\n1:02:03\nit matters\n",
        Path::new("a.txt"),
    )
    .unwrap();
    let times: Vec<(Option<u64>, Option<u64>)> =
        t.cues.iter().map(|c| (c.start_ms, c.end_ms)).collect();
    assert_eq!(
        times,
        [
            (Some(0), Some(4000)),
            (Some(4000), Some(3_723_000)),
            (Some(3_723_000), Some(3_723_000))
        ]
    );
    assert_eq!(
        t.text,
        "so today we're talking about rust and why it matters"
    );
}

#[test]
fn a_speaker_change_inside_a_cue_splits_it_with_interpolated_times() {
    let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n>> ALICE: Hi everyone, welcome. >> BOB: Thanks\nfor having me.\n";
    let t = parse(vtt, Path::new("x.vtt")).unwrap();
    assert_eq!(
        cue_texts(&t),
        ["Hi everyone, welcome.", "Thanks for having me."]
    );
    let (alice, bob) = (&t.cues[0], &t.cues[1]);
    assert_eq!(alice.speaker.as_deref(), Some("ALICE"));
    assert_eq!(bob.speaker.as_deref(), Some("BOB"));
    assert!(alice.speaker_change && bob.speaker_change);
    assert_eq!((alice.start_ms, bob.end_ms), (Some(1000), Some(5000)));
    let cut = bob.start_ms.unwrap();
    assert!((2000..4000).contains(&cut), "{cut}");
    assert_eq!(alice.end_ms, bob.start_ms);
}

#[test]
fn a_lone_label_is_text_not_a_speaker() {
    let t = parse(
        "Note: this talk was recorded in 2020.\n",
        Path::new("a.txt"),
    )
    .unwrap();
    assert_eq!(t.text, "Note: this talk was recorded in 2020.");
    assert_eq!(t.cues[0].speaker, None);
}

#[test]
fn sniffing_ignores_a_wrong_extension() {
    for (name, format) in [
        ("asr.json3", Format::Json3),
        ("asr.srv3", Format::Srv3),
        ("manual.srv1.xml", Format::Srv1),
        ("asr.vtt", Format::Vtt),
        ("manual.srt", Format::Srt),
    ] {
        let text = bitext::text::files::read_text(&fixture_path(name)).unwrap();
        let t = parse(&text, Path::new("captions.txt")).unwrap();
        assert_eq!(t.format, format, "{name}");
        let t = parse(&text, Path::new("captions.srt")).unwrap();
        assert_eq!(t.format, format, "{name}");
    }
}

#[test]
fn split_en_reads_a_json3_named_srt() {
    let wd = Workdir::new();
    wd.write(
        "talk.srt",
        std::fs::read(fixture_path("asr.json3")).unwrap(),
    );
    let out = wd.stdout(&["split", "en", "talk.srt"]);
    assert!(out.contains("so today we're talking about rust"), "{out}");
}

#[test]
fn shared_json3_word_counts_match_the_gold_rows() {
    let Some(data) = shared_data("shared_json3_word_counts_match_the_gold_rows") else {
        return;
    };
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(data.join("transcript"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("en.json3").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    for dir in dirs {
        let t = read(&dir.join("en.json3")).unwrap();
        let gold = std::fs::read_to_string(dir.join("gold.tsv")).unwrap();
        let rows: Vec<Vec<&str>> = gold
            .lines()
            .skip(1)
            .map(|l| l.split('\t').collect())
            .collect();
        let words: Vec<(&str, u64)> = words(&t);
        assert_eq!(words.len(), rows.len(), "{}", dir.display());
        for (w, row) in words.iter().zip(&rows) {
            assert_eq!(w.0, row[3], "{}", dir.display());
            assert_eq!(w.1.to_string(), row[1], "{}: {}", dir.display(), w.0);
        }
        assert_eq!(t.text.split_whitespace().count(), rows.len());
    }
}

// Bad input: every error names the file and where in it.

#[test]
fn malformed_vtt_timestamp_names_file_and_line() {
    let wd = Workdir::new();
    wd.write(
        "bad.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:0x.000 --> 00:00:04.000\nbad\n",
    );
    let err = wd.fails(&["split", "en", "bad.vtt"], 2);
    assert!(
        err.contains("bad.vtt:6:") && err.contains("timestamp"),
        "{err}"
    );
}

#[test]
fn malformed_srt_timestamp_names_file_and_line() {
    let wd = Workdir::new();
    wd.write(
        "bad.srt",
        "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 --> 00:61:04,000\nbad\n",
    );
    let err = wd.fails(&["split", "en", "bad.srt"], 2);
    assert!(
        err.contains("bad.srt:6:") && err.contains("00:61:04,000"),
        "{err}"
    );
}

#[test]
fn truncated_json3_names_file_line_and_column() {
    let wd = Workdir::new();
    let json = std::fs::read_to_string(fixture_path("asr.json3")).unwrap();
    wd.write("cut.json3", &json[..json.len() / 2]);
    let err = wd.fails(&["split", "en", "cut.json3"], 2);
    assert!(
        err.contains("cut.json3:1:") && err.contains("JSON"),
        "{err}"
    );
}

#[test]
fn broken_xml_names_file_line_and_offset() {
    let wd = Workdir::new();
    wd.write(
        "bad.xml",
        "<?xml version=\"1.0\"?><transcript>\n<text start=\"1\" dur=\"2\">hi</txt>\n</transcript>\n",
    );
    let err = wd.fails(&["split", "en", "bad.xml"], 2);
    assert!(
        err.contains("bad.xml:2:") && err.contains("byte offset"),
        "{err}"
    );
    wd.write(
        "cut.srv3",
        "<timedtext format=\"3\"><body><p t=\"1\" d=\"2\">hi",
    );
    let err = wd.fails(&["split", "en", "cut.srv3"], 2);
    assert!(
        err.contains("cut.srv3:1:") && err.contains("truncated"),
        "{err}"
    );
}

#[test]
fn bad_srv1_time_names_the_line() {
    let err = parse(
        "<transcript>\n<text start=\"1\">a</text>\n<text start=\"soon\">b</text>\n</transcript>",
        Path::new("x.xml"),
    )
    .unwrap_err();
    assert!(
        matches!(err, TranscriptError::Timestamp { line: 3, .. }),
        "{err}"
    );
}

#[test]
fn a_payload_without_speech_is_an_error() {
    let err = parse("{\"events\": [{\"tStartMs\": 0}]}", Path::new("x.json3")).unwrap_err();
    assert!(err.to_string().contains("no caption text"), "{err}");
    let err = parse(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n[Music]\n",
        Path::new("x.vtt"),
    )
    .unwrap_err();
    assert!(matches!(err, TranscriptError::NoCues { .. }), "{err}");
    let err = parse("{\"wireMagic\": \"pb3\"}", Path::new("x.json3")).unwrap_err();
    assert!(err.to_string().contains("x.json3:1:"), "{err}");
}

#[test]
fn empty_binary_missing_and_directory_inputs_exit_2() {
    let wd = Workdir::new();
    wd.write("empty.vtt", "");
    let err = wd.fails(&["split", "en", "empty.vtt"], 2);
    assert!(err.contains("empty.vtt") && err.contains("empty"), "{err}");
    wd.write("blob.json3", b"\x89PNG\r\n\x1a\n\0\0\0IHDR");
    let err = wd.fails(&["split", "en", "blob.json3"], 2);
    assert!(
        err.contains("blob.json3") && err.contains("binary"),
        "{err}"
    );
    let err = wd.fails(&["split", "en", "missing.vtt"], 2);
    assert!(err.contains("missing.vtt"), "{err}");
    std::fs::create_dir(wd.path().join("dir")).unwrap();
    let err = wd.fails(&["split", "en", "dir"], 2);
    assert!(err.contains("dir") && err.contains("directory"), "{err}");
}

fn fragments() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("WEBVTT\n\n".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("1\n".to_string()),
        Just("00:00:01.000 --> 00:00:02.000\n".to_string()),
        Just("00:00:01,000 --> 00:00:0".to_string()),
        Just("<00:00:01.500><c> w</c>".to_string()),
        Just(">> ".to_string()),
        Just("[Music]".to_string()),
        Just("(laughs)".to_string()),
        Just("&amp;#39;".to_string()),
        Just("<text start=\"1.5\" dur=\"2\">".to_string()),
        Just("</text>".to_string()),
        Just("<p t=\"10\" d=\"5\">".to_string()),
        Just("<s t=\"3\">".to_string()),
        Just("</s></p>".to_string()),
        Just("{\"events\":[{\"tStartMs\":1,\"segs\":[{\"utf8\":\"".to_string()),
        Just("\",\"tOffsetMs\":5}]}]}".to_string()),
        Just("Anna: ".to_string()),
        Just("- ".to_string()),
        Just("♪".to_string()),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(crate::fuzz_config::fixed(200, 31))]

    #[test]
    fn every_reader_survives_arbitrary_text(text in fragments()) {
        for format in [Format::Json3, Format::Srv3, Format::Srv1, Format::Vtt, Format::Srt, Format::Plain] {
            if let Ok(t) = parse_as(&text, Path::new("x"), format) {
                for cue in &t.cues {
                    prop_assert!(cue.range.end <= t.text.len());
                    prop_assert!(t.text.is_char_boundary(cue.range.start) && t.text.is_char_boundary(cue.range.end));
                    for w in &cue.words {
                        prop_assert!(w.range.start >= cue.range.start && w.range.end <= cue.range.end);
                        prop_assert!(w.start_ms <= w.end_ms);
                    }
                }
                let segs = bitext::segment::en::sentences(&t);
                crate::segment_en::assert_covers(&t.text, segs.iter().map(|s| s.range.clone()).collect());
            }
        }
        let _ = parse(&text, Path::new("x.vtt"));
    }

    #[test]
    fn parse_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        for format in [Format::Json3, Format::Srv3, Format::Srv1, Format::Vtt, Format::Srt, Format::Plain] {
            let _ = parse_as(&text, Path::new("x"), format);
        }
        if let Ok((text, _)) = bitext::text::files::decode(&bytes, Path::new("x")) {
            let _ = parse(&text, Path::new("x"));
        }
    }
}
