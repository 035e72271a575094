//! Tests: `bitext run` — the whole pipeline for the corpus folders, offline.

use crate::workdir::{repo, Workdir};
use std::path::Path;

/// Copies the repository's corpus folder `name` into the work directory's `corpus/`.
pub fn copy_corpus(wd: &Workdir, name: &str) {
    let from = repo().join("corpus").join(name);
    for entry in std::fs::read_dir(&from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            wd.write(&format!("corpus/{name}/{file}"), bytes);
        }
    }
}

pub const VIEWS: [&str; 10] = [
    "corpus.tsv",
    "index.html",
    "corpus.md",
    "corpus.tmx",
    "corpus.srt",
    "corpus.vtt",
    "corpus.jsonl",
    "corpus.xlsx",
    "drift.md",
    "drift.json",
];

/// The exports made of pairs, not written for a corpus without English.
pub const NEED_ENGLISH: [&str; 4] = ["corpus.tmx", "corpus.srt", "corpus.vtt", "corpus.xlsx"];

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn run_writes_every_view_of_the_demo_offline() {
    let wd = Workdir::new();
    copy_corpus(&wd, "demo");
    let out = wd.run(&["run"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("demo: ") && stdout.contains("out/demo"),
        "{stdout}"
    );
    // Piped: no progress bar drawn.
    assert!(
        !stderr.contains('\r') && !stderr.contains("\x1b["),
        "{stderr:?}"
    );
    let mut expected: Vec<String> = VIEWS.iter().map(|s| s.to_string()).collect();
    // The copy of the corpus run wrote, to tell hand edits (docs/review-format.md).
    expected.push(".bitext".into());
    expected.sort();
    assert_eq!(
        files_in(&wd.path().join("out/demo")),
        expected,
        "and no temporary files left"
    );
    let corpus = bitext::corpus::tsv::read(&wd.path().join("out/demo/corpus.tsv")).unwrap();
    let both = corpus
        .rows
        .iter()
        .filter(|r| !r.zh.is_empty() && !r.en.is_empty() && r.start_ms.is_some())
        .count();
    assert!(
        both * 2 > corpus.rows.len(),
        "most rows aligned with times: {both} of {}",
        corpus.rows.len()
    );
    assert_eq!(
        corpus.meta.get("title").map(String::as_str),
        Some("Open Circuit: Tom Hendricks on the Byte Bus (demo)")
    );
    // The demo's planted slip is found and marked in the HTML view.
    let drift = wd.read("out/demo/drift.md");
    assert!(drift.contains("12亿"), "{drift}");
    let html = wd.read("out/demo/index.html");
    assert!(
        html.contains("<mark class=\"drift-"),
        "drift findings are highlighted"
    );
    assert!(html.contains("<section class=\"findings\" id=\"findings\">"));
}

#[test]
fn a_corpus_without_transcript_says_how_to_fetch_it_and_writes_the_chinese_side() {
    let wd = Workdir::new();
    copy_corpus(&wd, "kevin-scott");
    let out = wd.run(&["run", "kevin-scott"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr
            .contains("`cargo run --release -- fetch BbAnzpeGFrA -o corpus/kevin-scott/en.json3`"),
        "{stderr}"
    );
    // Its manifest names no `en`: a transcript is found by its extension, so the hint says
    // so (not "at en.json3", which reads as naming a VTT en.json3).
    assert!(
        stderr.contains(
            "put a transcript file into corpus/kevin-scott, named by its format: en.json3"
        ) && stderr.contains("en.vtt, en.srt"),
        "{stderr}"
    );
    for view in VIEWS {
        assert_eq!(
            wd.path().join("out/kevin-scott").join(view).is_file(),
            !NEED_ENGLISH.contains(&view),
            "{view}: empty exports are not written"
        );
    }
    let corpus = bitext::corpus::tsv::read(&wd.path().join("out/kevin-scott/corpus.tsv")).unwrap();
    assert!(corpus.rows.len() > 100);
    assert!(corpus
        .rows
        .iter()
        .all(|r| r.en.is_empty() && r.has(bitext::corpus::Flag::ZhOnly)));
    assert_eq!(corpus.video(), Some("BbAnzpeGFrA"));
}

#[test]
fn without_names_every_corpus_folder_is_run() {
    let wd = Workdir::new();
    copy_corpus(&wd, "demo");
    copy_corpus(&wd, "kevin-scott");
    wd.write("corpus/notes/README.txt", "not a corpus: no bitext.toml");
    let stdout = wd.stdout(&["run"]);
    assert!(
        stdout.contains("demo: ") && stdout.contains("kevin-scott: "),
        "{stdout}"
    );
    assert!(!wd.path().join("out/notes").exists());
}

#[test]
fn a_bad_corpus_is_an_error_naming_it_while_the_others_are_written() {
    let wd = Workdir::new();
    copy_corpus(&wd, "demo");
    wd.write("corpus/broken/bitext.toml", "vidoe = \"x\"\n");
    wd.write("corpus/broken/zh.txt", "你好。\n");
    let err = wd.fails(&["run"], 2);
    assert!(
        err.contains("bitext.toml") && err.contains("vidoe"),
        "{err}"
    );
    assert!(wd.path().join("out/demo/index.html").is_file());
    let err = wd.fails(&["run", "nosuch"], 2);
    assert!(err.contains("nosuch"), "{err}");
}
