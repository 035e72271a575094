//! Tests: Chinese sentence splitting (the shared boundary cases, properties) and
//! `bitext split zh` on the command line (TSV, pipes, bad input, encodings).

use crate::workdir::{self, Workdir};
use bitext::segment::zh;
use proptest::prelude::*;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

fn split_texts(text: &str) -> Vec<String> {
    zh::split(text)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

/// Runs the splitter over one JSONL file of boundary cases; returns (passed, total).
/// Every non-ambiguous case must pass (failing ids are listed); ambiguous cases that split
/// differently are reported, not required.
fn check_cases(file: &str) -> Option<(usize, usize)> {
    let dir = workdir::shared_data(file)?;
    let path = dir.join("segment").join(file);
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let (mut passed, mut total) = (0, 0);
    let mut failing = Vec::new();
    for (n, line) in data
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{file}:{}: {e}", n + 1));
        let id = case["id"].as_str().unwrap_or("?").to_string();
        let text = case["text"].as_str().expect("text");
        let expected: Vec<String> = serde_json::from_value(case["sentences"].clone()).unwrap();
        let got = split_texts(text);
        total += 1;
        if got == expected {
            passed += 1;
        } else if case["ambiguous"].as_bool().unwrap_or(false) {
            eprintln!("{file}: ambiguous case {id} split as {got:?}, listed as {expected:?}");
        } else {
            failing.push(format!("{id}: got {got:?}, expected {expected:?}"));
        }
    }
    assert!(
        failing.is_empty(),
        "{file}: failing cases:\n{}",
        failing.join("\n")
    );
    eprintln!("{file}: {passed}/{total} cases split as listed");
    Some((passed, total))
}

#[test]
fn pysbd_chinese_golden_rules_pass() {
    if let Some((passed, total)) = check_cases("zh.jsonl") {
        assert_eq!(passed, total);
    }
}

#[test]
fn project_chinese_cases_pass() {
    check_cases("zh_extra.jsonl");
}

#[test]
fn pysbd_japanese_golden_rules_pass() {
    if let Some((passed, total)) = check_cases("ja.jsonl") {
        assert_eq!(passed, total);
    }
}

#[test]
fn closing_quotes_and_brackets_stay_with_their_sentence() {
    assert_eq!(
        split_texts("她问：「你去哪里？」我没有回答。（具体见附录。）然后呢?!好吧……。"),
        [
            "她问：「你去哪里？」",
            "我没有回答。",
            "（具体见附录。）",
            "然后呢?!",
            "好吧……。"
        ]
    );
    assert_eq!(
        split_texts("他大喊「救命！快来人！」，然后晕倒了。"),
        ["他大喊「救命！快来人！」，然后晕倒了。"]
    );
}

/// Chinese text with every kind of punctuation the rules care about.
fn punctuation_mix() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "你好",
        "abc",
        "。",
        "！",
        "？",
        "!",
        "?",
        "……",
        "…",
        "“",
        "”",
        "‘",
        "’",
        "「",
        "」",
        "『",
        "』",
        "（",
        "）",
        "(",
        ")",
        "《",
        "》",
        "【",
        "】",
        "\"",
        "，",
        ",",
        "；",
        ";",
        "：",
        "、",
        "3.5",
        "v1.2.3",
        "U.S.",
        " ",
        "\t",
        "\n",
        "\u{3000}",
        "http://x.y/z?a=b",
        "é",
        "𠀀",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

fn check_split(text: &str) -> Result<(), TestCaseError> {
    let ranges = zh::split(text);
    let mut last_end = 0;
    for r in &ranges {
        prop_assert!(
            r.start >= last_end,
            "in order, not overlapping: {:?}",
            ranges
        );
        prop_assert!(r.start < r.end && r.end <= text.len());
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        prop_assert_eq!(text[r.clone()].trim(), &text[r.clone()], "trimmed");
        // Between sentences there is only white space.
        prop_assert!(text[last_end..r.start].trim().is_empty());
        prop_assert!(!text[r.clone()].contains('\n'), "a newline always splits");
        last_end = r.end;
    }
    prop_assert!(text[last_end..].trim().is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(crate::fuzz_config::fixed(256, 37))]

    #[test]
    fn split_covers_any_string(text in any::<String>()) {
        check_split(&text)?;
    }

    #[test]
    fn split_covers_punctuation_mixes(text in punctuation_mix()) {
        check_split(&text)?;
    }
}

// ---- the command line ----

fn seed() -> std::path::PathBuf {
    workdir::repo().join("corpus/kevin-scott/zh.txt")
}

#[test]
fn split_zh_prints_tsv_with_a_header() {
    let out = Workdir::new().stdout(&["split", "zh", seed().to_str().unwrap()]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("start\tend\tspeaker\tsection\tkind\ttext")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 6), "six columns everywhere");
    assert_eq!(rows[0][4], "title");
    let first_body = rows.iter().find(|r| r[4] == "body").unwrap();
    assert_eq!(
        first_body[2..5],
        ["Sarah Guo", "追逐理想,人生无法复制", "body"]
    );
    assert_eq!(first_body[5], "可以从你的故事开始吗?");
    assert_eq!(rows.iter().filter(|r| r[4] == "heading").count(), 8);
    assert_eq!(rows.last().unwrap()[4], "back");
}

#[test]
fn split_zh_exits_quietly_when_the_reader_goes_away() {
    let wd = Workdir::new();
    let mut child = wd
        .command(&["split", "zh", seed().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn bitext");
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut header = String::new();
    reader.read_line(&mut header).unwrap();
    assert!(header.starts_with("start\tend"));
    drop(reader);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
}

#[test]
fn bad_input_exits_2_naming_the_file() {
    let wd = Workdir::new();
    wd.write("empty.txt", "");
    wd.write("blank.txt", " \n\n");
    wd.write("binary.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00binary");
    std::fs::create_dir(wd.path().join("folder")).unwrap();
    for (file, says) in [
        ("missing.txt", "cannot read"),
        ("folder", "directory"),
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("binary.bin", "binary"),
    ] {
        let err = wd.fails(&["split", "zh", file], 2);
        assert!(err.contains(file) && err.contains(says), "{file}: {err}");
    }
}

#[test]
fn other_encodings_split_like_utf8() {
    let wd = Workdir::new();
    let text = include_str!("fixtures/zh/plain.txt");
    wd.write("utf8.txt", text);
    let expected = wd.stdout(&["split", "zh", "utf8.txt"]);
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    wd.write("gb18030.txt", &*gb);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    wd.write("utf16.txt", utf16);
    wd.write(
        "bom-crlf.txt",
        format!("\u{feff}{}", text.replace('\n', "\r\n")),
    );
    for file in ["gb18030.txt", "utf16.txt", "bom-crlf.txt"] {
        workdir::assert_same(&expected, &wd.stdout(&["split", "zh", file]));
    }
    assert!(expected.contains("\theading\t起步\n"));
}
