//! Tests: `bitext render` — every view and export from a corpus TSV.

use crate::workdir::{repo, Workdir};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A small corpus with a heading, two speakers, a doubtful row, an untranslated English row,
/// a translator's note holding markup, and an escaped tab.
fn fixture() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/corpus/talk.tsv")).unwrap()
}

fn rows_in(tsv: &str) -> usize {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("start\t") && !l.is_empty())
        .count()
}

/// Headless Chromium, or `None` with a message saying the test is skipped.
fn chromium(test: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .flat_map(|dir| ["chromium", "chromium-browser"].map(|n| dir.join(n)))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        eprintln!(
            "skipping {test}: chromium is not installed (apt-get install -y chromium; .ci/run installs it)"
        );
    }
    found
}

fn headless(chromium: &Path, profile: &Path) -> Command {
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

#[test]
fn html_opens_in_chromium_with_every_row_and_a_screenshot() {
    let Some(chromium) = chromium("html_opens_in_chromium_with_every_row_and_a_screenshot") else {
        return;
    };
    let wd = Workdir::new();
    let tsv = fixture();
    wd.write("talk.tsv", &tsv);
    wd.stdout(&[
        "render",
        "talk.tsv",
        "--to",
        "html",
        "-o",
        "view/index.html",
    ]);
    let html = wd.path().join("view/index.html");
    let url = format!("file://{}", html.display());

    let out = headless(&chromium, &wd.path().join("profile"))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("<main id=\"rows\">"),
        "no DOM from chromium: {dom}"
    );
    let rows = dom.matches("<div class=\"row").count();
    assert_eq!(rows, rows_in(&tsv), "one DOM row per corpus row");
    // Times link to the video at that second; unaligned rows are marked; markup stays text.
    assert!(dom.contains("href=\"https://www.youtube.com/watch?v=BbAnzpeGFrA&amp;t=96s\""));
    assert!(dom.contains("class=\"row en-only"));
    assert!(dom.contains("class=\"row note zh-only gap gap-zh marked\""));
    assert!(dom.contains("class=\"row low marked\""));
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!dom.contains("<script>alert(1)"));
    assert!(dom.contains("<h2 class=\"section\">") || dom.contains("class=\"row heading\""));

    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    for (name, size) in [("desktop", "1200,900"), ("phone", "390,844")] {
        let shot = shots.join(format!("render-html-{name}.png"));
        let _ = std::fs::remove_file(&shot);
        let status = headless(&chromium, &wd.path().join(format!("profile-{name}")))
            .arg(format!("--screenshot={}", shot.display()))
            .arg(format!("--window-size={size}"))
            .arg(&url)
            .output()
            .expect("run chromium");
        let bytes = std::fs::read(&shot).unwrap_or_else(|e| {
            panic!(
                "no screenshot at {}: {e}\n{}",
                shot.display(),
                String::from_utf8_lossy(&status.stderr)
            )
        });
        assert!(
            bytes.starts_with(b"\x89PNG"),
            "{} is not a PNG",
            shot.display()
        );
        eprintln!("screenshot: {}", shot.display());
    }
}

#[test]
fn html_is_self_contained_and_escapes_every_text() {
    let wd = Workdir::new();
    wd.write("talk.tsv", fixture());
    let html = wd.stdout(&["render", "talk.tsv", "--to", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for remote in ["<link", "src=\"http", "@import", "url(http"] {
        assert!(!html.contains(remote), "fetches {remote}");
    }
    assert!(html.contains("<title>Demo &lt;talk&gt; &amp; &quot;quotes&quot;</title>"));
    assert!(html.contains("@media (max-width: 700px)") && html.contains("@media print"));
    assert!(html.contains("这次聊得非常愉快"));
}

#[test]
fn markdown_groups_by_section_and_speaker_and_escapes_pipes() {
    let wd = Workdir::new();
    wd.write("talk.tsv", fixture());
    let md = wd.stdout(&["render", "talk.tsv", "--to", "md"]);
    assert!(md.contains("## 缘起"));
    assert!(md.contains("<b>Priya Raman</b>") && md.contains("<b>Tom Hendricks</b>"));
    assert!(md.contains("a\\|b"));
    for line in md.lines().filter(|l| l.starts_with("| ")) {
        let cells = line.replace("\\|", "").matches('|').count();
        assert_eq!(
            cells, 5,
            "a table row with the wrong number of cells: {line}"
        );
    }
}

#[test]
fn tmx_parses_with_an_xml_parser_and_round_trips_the_texts() {
    use quick_xml::events::Event;
    let wd = Workdir::new();
    let tsv = fixture();
    wd.write("talk.tsv", &tsv);
    wd.stdout(&["render", "talk.tsv", "--to", "tmx", "-o", "talk.tmx"]);
    let xml = wd.read("talk.tmx");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut version, mut srclang) = (String::new(), String::new());
    let mut segs: Vec<(String, String)> = Vec::new();
    let mut lang = String::new();
    let mut in_seg = false;
    let mut tus = 0;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .unwrap()
                        .map(|a| a.unescape_value().unwrap().into_owned())
                        .unwrap_or_default()
                };
                match e.name().as_ref() {
                    b"tmx" => version = attr("version"),
                    b"header" => {
                        srclang = attr("srclang");
                        for required in [
                            "creationtool",
                            "creationtoolversion",
                            "segtype",
                            "o-tmf",
                            "adminlang",
                            "datatype",
                        ] {
                            assert!(!attr(required).is_empty(), "header lacks {required}");
                        }
                    }
                    b"tu" => tus += 1,
                    b"tuv" => lang = attr("xml:lang"),
                    b"seg" => {
                        in_seg = true;
                        segs.push((lang.clone(), String::new()));
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_seg => segs.last_mut().unwrap().1 += &t.unescape().unwrap(),
            Event::End(e) if e.name().as_ref() == b"seg" => in_seg = false,
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(version, "1.4");
    assert_eq!(srclang, "en");
    let corpus = bitext::corpus::tsv::parse(&tsv, Path::new("talk.tsv")).unwrap();
    let two_sided: Vec<_> = corpus
        .rows
        .iter()
        .filter(|r| !r.zh.is_empty() && !r.en.is_empty())
        .collect();
    assert!(
        two_sided.len() < corpus.rows.len(),
        "the fixture has one-sided rows"
    );
    assert_eq!(
        tus,
        two_sided.len(),
        "one-sided rows are left out by default"
    );
    let expected: Vec<(String, String)> = two_sided
        .iter()
        .flat_map(|r| {
            [
                ("en".to_string(), r.en.clone()),
                ("zh-CN".into(), r.zh.clone()),
            ]
        })
        .collect();
    assert_eq!(segs, expected);
}

#[test]
fn subtitles_are_valid_for_players_and_say_what_they_skip() {
    let wd = Workdir::new();
    wd.write("talk.tsv", fixture());
    let out = wd.run(&["render", "talk.tsv", "--to", "srt"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("3 rows of") && stderr.contains("no usable time span"),
        "{stderr}"
    );
    let srt = String::from_utf8(out.stdout).unwrap();
    let mut last_end = 0;
    for (i, block) in srt.trim_end().split("\n\n").enumerate() {
        let lines: Vec<&str> = block.lines().collect();
        assert_eq!(
            lines[0],
            (i + 1).to_string(),
            "cue numbers count up: {block}"
        );
        let (start, end) = lines[1].split_once(" --> ").unwrap();
        let start = bitext::corpus::tsv::parse_time(start).unwrap();
        let end = bitext::corpus::tsv::parse_time(end).unwrap();
        assert!(
            start >= last_end && end > start,
            "overlap or empty cue: {block}"
        );
        last_end = end;
        assert!((3..=6).contains(&lines.len()), "{block}");
        for line in &lines[2..] {
            assert!(line.chars().count() <= 43, "line too long: {line}");
        }
    }
    let vtt = wd.stdout(&["render", "talk.tsv", "--to", "vtt"]);
    assert!(vtt.starts_with("WEBVTT\n\n"));
    assert!(vtt.contains("00:00:00.500 --> 00:00:04.000\n<v Priya Raman><lang zh-CN>欢迎回到"));
}

#[test]
fn jsonl_has_one_object_per_bead() {
    let wd = Workdir::new();
    let tsv = fixture();
    wd.write("talk.tsv", &tsv);
    let text = wd.stdout(&["render", "talk.tsv", "--to", "jsonl"]);
    let objects: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(objects.len(), rows_in(&tsv));
    let last = objects.last().unwrap();
    assert_eq!(last["zh"], "Tom Hendricks，谢谢你。\t这次聊得非常愉快。");
    assert_eq!(
        last["url"],
        "https://www.youtube.com/watch?v=BbAnzpeGFrA&t=134s"
    );
}

#[test]
fn an_unknown_format_or_a_missing_corpus_is_an_error() {
    let wd = Workdir::new();
    wd.write("talk.tsv", fixture());
    wd.fails(&["render", "talk.tsv", "--to", "pdf"], 2);
    let err = wd.fails(&["render", "nope.tsv", "--to", "html"], 2);
    assert!(err.contains("nope.tsv"), "{err}");
}

#[test]
fn render_shows_drift_findings_and_glossary_terms_when_asked() {
    let wd = Workdir::new();
    crate::run::copy_corpus(&wd, "demo");
    wd.stdout(&["run", "demo"]);
    wd.write(
        "terms.csv",
        "en,zh,status\nRaspberry Pi,树莓派,approved\ncredit union,信用合作社,approved\n",
    );
    let corpus = "out/demo/corpus.tsv";
    let plain = wd.stdout(&["render", corpus, "--to", "html"]);
    assert!(!plain.contains("<section class=\"findings\""));
    let with = wd.stdout(&["render", corpus, "--to", "html", "--drift"]);
    assert!(with.contains("<section class=\"findings\" id=\"findings\">"));
    assert!(
        with.contains("scale slip"),
        "the planted 12亿 slip is reported"
    );
    let md = wd.stdout(&["render", corpus, "--to", "jsonl", "--glossary", "terms.csv"]);
    let marked: Vec<&str> = md.lines().filter(|l| l.contains("\"marks\"")).collect();
    assert!(
        marked.iter().any(|l| l.contains("树莓派"))
            && marked.iter().any(|l| l.contains("信用合作社")),
        "{marked:?}"
    );
}
