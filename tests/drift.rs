//! Tests: `bitext drift`, run on the planted/clean fixture pair and on small corpora that
//! trigger (or must not trigger) each check.

use crate::workdir::{repo, Workdir};
use serde_json::Value;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/drift").join(name)
}

fn fixture_str(name: &str) -> String {
    fixture(name).to_string_lossy().into_owned()
}

/// Runs `bitext drift ARGS --format json --fail-on none` and parses the report.
fn report(wd: &Workdir, args: &[&str]) -> Value {
    let mut all: Vec<&str> = vec!["drift"];
    all.extend(args);
    all.extend(["--format", "json", "--fail-on", "none"]);
    serde_json::from_str(&wd.stdout(&all)).expect("the JSON report parses")
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings is an array")
}

/// Findings at warning or error.
fn serious(report: &Value) -> Vec<&Value> {
    findings(report)
        .iter()
        .filter(|f| f["severity"] != "info")
        .collect()
}

fn kinds(report: &Value) -> Vec<String> {
    findings(report)
        .iter()
        .map(|f| f["kind"].as_str().unwrap_or("").to_string())
        .collect()
}

/// A corpus TSV from (flags, speaker, zh, en) rows, with one-second times on English rows.
fn corpus(rows: &[(&str, &str, &str, &str)]) -> String {
    let mut out =
        String::from("# bitext corpus v1\nstart\tend\tspeaker\tsection\tflags\tscore\tzh\ten\n");
    for (i, (flags, speaker, zh, en)) in rows.iter().enumerate() {
        let (start, end) = if en.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!("00:00:{:02}.000", i * 3),
                format!("00:00:{:02}.500", i * 3 + 2),
            )
        };
        out.push_str(&format!(
            "{start}\t{end}\t{speaker}\t\t{flags}\t\t{zh}\t{en}\n"
        ));
    }
    out
}

#[test]
fn finds_the_planted_slips_and_stays_quiet_on_the_clean_translation() {
    let wd = Workdir::new();
    let glossary = fixture_str("glossary.csv");
    let planted = report(&wd, &[&fixture_str("planted.tsv"), "--glossary", &glossary]);
    let clean = report(&wd, &[&fixture_str("clean.tsv"), "--glossary", &glossary]);

    // Locate each slip's row in the planted corpus, then look for a finding of its kind there.
    let text = std::fs::read_to_string(fixture("planted.tsv")).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    let slips = std::fs::read_to_string(fixture("planted-slips.tsv")).unwrap();
    let mut found = 0;
    let mut total = 0;
    let mut missed = Vec::new();
    for line in slips.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (kind, locate) = (cells[0], cells[1]);
        total += 1;
        let row = rows
            .iter()
            .position(|r| match locate.strip_prefix("zh:") {
                Some(zh) => r[6].contains(zh),
                None => r[7].contains(locate),
            })
            .unwrap_or_else(|| panic!("slip {locate:?} locates no row"));
        let hit = findings(&planted).iter().any(|f| {
            f["kind"] == kind
                && f["row"].as_u64().unwrap() as usize <= row
                && row <= f["last_row"].as_u64().unwrap() as usize
        });
        if hit {
            found += 1;
        } else {
            missed.push(format!("{kind} at row {}: {}", row + 1, cells[2]));
        }
    }
    let false_alarms: Vec<String> = serious(&clean)
        .iter()
        .map(|f| format!("{} row {}: {}", f["kind"], f["row"], f["message"]))
        .collect();
    println!(
        "drift fixtures: found {found}/{total} planted slips; clean translation: {} findings at warning or above",
        false_alarms.len()
    );
    assert_eq!(total, 16);
    assert!(
        found >= 14,
        "found only {found}/{total}; missed:\n{}",
        missed.join("\n")
    );
    assert!(
        false_alarms.len() <= 2,
        "too many findings on the clean translation:\n{}",
        false_alarms.join("\n")
    );
}

#[test]
fn exit_code_follows_fail_on() {
    let wd = Workdir::new();
    let planted = fixture_str("planted.tsv");
    let clean = fixture_str("clean.tsv");
    wd.fails(&["drift", &planted], 1);
    wd.fails(&["drift", &planted, "--fail-on", "warning"], 1);
    wd.stdout(&["drift", &planted, "--fail-on", "none"]);
    wd.stdout(&["drift", &clean]);
    let err = wd.fails(&["drift", "missing.tsv"], 2);
    assert!(err.contains("missing.tsv"), "{err}");
    let bad = wd.write("bad.tsv", "# bitext corpus v1\nstart\tend\n");
    let err = wd.fails(&["drift", &bad.to_string_lossy()], 2);
    assert!(err.contains("bad.tsv:2"), "{err}");
}

#[test]
fn ids_are_stable_when_rows_shift() {
    let wd = Workdir::new();
    let text = std::fs::read_to_string(fixture("planted.tsv")).unwrap();
    let before = report(&wd, &[&fixture_str("planted.tsv")]);
    // Insert an unrelated row before everything else.
    let header_end = text.find("start\t").unwrap();
    let line_end = header_end + text[header_end..].find('\n').unwrap() + 1;
    let shifted = format!(
        "{}00:00:00.000\t00:00:00.500\tMaya Chen\t早年经历\t\t1.00\t欢迎收听。\tWelcome.\n{}",
        &text[..line_end],
        &text[line_end..]
    );
    let path = wd.write("shifted.tsv", shifted);
    let after = report(&wd, &[&path.to_string_lossy()]);
    let ids = |r: &Value| {
        let mut v: Vec<String> = findings(r)
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids(&before), ids(&after));
    let rows = |r: &Value| {
        findings(r)
            .iter()
            .map(|f| f["row"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    assert!(rows(&before)
        .iter()
        .zip(rows(&after))
        .all(|(a, b)| b == a + 1));
}

#[test]
fn the_ignore_file_silences_accepted_findings() {
    let wd = Workdir::new();
    let path = wd.write(
        "c/planted.tsv",
        std::fs::read(fixture("planted.tsv")).unwrap(),
    );
    let path = path.to_string_lossy().into_owned();
    let before = report(&wd, &[&path]);
    let errors: Vec<&Value> = findings(&before)
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    // Accept every error: the default file beside the corpus is picked up.
    let ignore: String = errors
        .iter()
        .map(|f| format!("{}  accepted in review\n", f["id"].as_str().unwrap()))
        .collect();
    wd.write("c/drift-ignore", format!("# accepted\n{ignore}"));
    let after = report(&wd, &[&path]);
    assert_eq!(
        findings(&after).len(),
        findings(&before).len() - errors.len()
    );
    assert_eq!(after["suppressed"].as_object().unwrap().len(), errors.len());
    wd.stdout(&["drift", &path]); // no errors left: exit 0
                                  // An explicit file with a line lacking its reason is an error naming the line.
    let bad = wd.write("ignore.txt", "0123456789abcdef\n");
    let err = wd.fails(&["drift", &path, "--ignore", &bad.to_string_lossy()], 2);
    assert!(
        err.contains("ignore.txt:1") && err.contains("reason"),
        "{err}"
    );
}

#[test]
fn formats_carry_the_summary_and_marks() {
    let wd = Workdir::new();
    let planted = fixture_str("planted.tsv");
    let text = wd.stdout(&["drift", &planted, "--fail-on", "none"]);
    assert!(
        text.contains("⟦1.5亿⟧") && text.contains("number-scale"),
        "{text}"
    );
    assert!(
        text.contains("by section:") && text.contains("创业:"),
        "{text}"
    );
    let md = wd.stdout(&["drift", &planted, "--format", "md", "--fail-on", "none"]);
    assert!(
        md.starts_with("# Drift report") && md.contains("| number-scale | 2 |"),
        "{md}"
    );
    // The English-only run, and the clause dropped inside row 33 ("still decide what is
    // worth building", which 机器会越来越好。 does not say).
    assert!(md.contains("## omission (2)"), "{md}");
    assert!(md.contains("“still decide what is worth building”"), "{md}");
    let html = wd.stdout(&["drift", &planted, "--format", "html", "--fail-on", "none"]);
    assert!(
        html.starts_with("<section class=\"drift-report\">"),
        "{html}"
    );
    assert!(
        html.contains("<mark class=\"drift-error\">1.5亿</mark>"),
        "{html}"
    );
    let json = report(&wd, &[&planted]);
    assert!(json["by_kind"]["omission"]["error"] == 1, "{json}");
    assert!(json["by_section"]["早年经历"].is_object(), "{json}");
}

#[test]
fn omission_runs_are_one_finding_and_fillers_none() {
    let wd = Workdir::new();
    let c = corpus(&[
        ("", "A", "你好。", "Hello."),
        ("en-only", "A", "", "We spent a year on it."),
        ("en-only", "A", "", "Then we gave up."),
        ("", "A", "后来我们重新开始。", "Later we started again."),
        ("en-only", "A", "", "Yeah, you know."),
        ("", "A", "好。", "Good."),
    ]);
    let path = wd.write("c.tsv", c);
    let r = report(&wd, &[&path.to_string_lossy()]);
    let om: Vec<&Value> = findings(&r)
        .iter()
        .filter(|f| f["kind"] == "omission")
        .collect();
    assert_eq!(om.len(), 1, "{r}");
    assert_eq!(
        (om[0]["row"].as_u64(), om[0]["last_row"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(om[0]["severity"], "error");
    assert_eq!(om[0]["start_ms"].as_u64(), Some(3000));
    assert_eq!(om[0]["end_ms"].as_u64(), Some(8500));
}

#[test]
fn additions_warn_but_notes_and_labels_do_not() {
    let wd = Workdir::new();
    let c = corpus(&[
        ("zh-only", "", "Kevin Scott", ""),
        ("", "Kevin Scott", "我们做了很多。", "We did a lot."),
        ("zh-only", "", "（译注：这里指的是2019年的发布会。）", ""),
        ("zh-only,note", "", "编者按：本文经授权转载。", ""),
        ("zh-only", "", "这句是译者自己加的。", ""),
        ("heading", "", "第二部分", ""),
    ]);
    let path = wd.write("c.tsv", c);
    let r = report(&wd, &[&path.to_string_lossy()]);
    let got: Vec<(String, u64)> = findings(&r)
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["row"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("note".to_string(), 2),
            ("note".to_string(), 3),
            ("addition".to_string(), 4)
        ],
        "{r}"
    );
}

#[test]
fn a_zh_only_corpus_says_so_once_and_runs_the_chinese_checks() {
    let wd = Workdir::new();
    let c = corpus(&[
        ("zh-only", "", "（资料图片）", ""),
        ("zh-only", "", "Sarah Guo", ""),
        ("zh-only", "", "可以从你的故事开始吗？", ""),
        ("zh-only", "", "Kevin Scott", ""),
        ("zh-only", "", "我在弗吉尼亚州的农村长大。", ""),
        (
            "zh-only",
            "",
            "那是一台 Radio Shack（美国早期的一家电子零售商）售卖的电脑。",
            "",
        ),
        (
            "zh-only",
            "",
            "这真的很好。你能告诉我们更多关于你们的合作吗？",
            "",
        ),
        ("zh-only", "", "为什么这很重要？因为计算机在改变一切。", ""),
        ("zh-only", "", "我一直这样认为。", ""),
    ]);
    let path = wd.write("c.tsv", c);
    let r = report(&wd, &[&path.to_string_lossy()]);
    let k = kinds(&r);
    assert_eq!(k.iter().filter(|k| *k == "no-english").count(), 1, "{r}");
    assert!(
        !k.iter()
            .any(|k| k == "addition" || k == "number" || k == "omission"),
        "{r}"
    );
    assert_eq!(k.iter().filter(|k| *k == "note").count(), 2, "{r}");
    // The host's question merged into the guest's answer; not the guest's rhetorical question.
    let q: Vec<u64> = findings(&r)
        .iter()
        .filter(|f| f["kind"] == "question")
        .map(|f| f["row"].as_u64().unwrap())
        .collect();
    assert_eq!(q, [6], "{r}");
}

#[test]
fn the_seed_article_alone_gets_chinese_only_findings() {
    use bitext::corpus::{Corpus, Flag, Row};
    use bitext::segment::SegmentKind;
    // The seed article split into sentences, every row zh-only: the corpus before any English.
    let path = repo().join("corpus/kevin-scott/zh.txt");
    let Ok(text) = bitext::text::files::read_text(&path) else {
        eprintln!("skipping: {} is absent", path.display());
        return;
    };
    let article = bitext::source::article::parse(text);
    let rows: Vec<Row> = bitext::segment::zh::sentences(&article)
        .into_iter()
        .map(|seg| {
            let mut row = Row {
                speaker: seg.speaker.unwrap_or_default(),
                section: seg.section.unwrap_or_default(),
                zh: seg.text,
                ..Row::default()
            };
            row.set(Flag::ZhOnly);
            match seg.kind {
                SegmentKind::Title | SegmentKind::Front => row.set(Flag::Front),
                SegmentKind::Heading => row.set(Flag::Heading),
                SegmentKind::Back => row.set(Flag::Back),
                SegmentKind::Body => {}
            }
            row
        })
        .collect();
    let n = rows.len();
    let wd = Workdir::new();
    let corpus_path = wd.path().join("seed.tsv");
    bitext::corpus::tsv::write(
        &Corpus {
            rows,
            ..Corpus::default()
        },
        &corpus_path,
    )
    .unwrap();
    let r = report(&wd, &[&corpus_path.to_string_lossy()]);
    let k = kinds(&r);
    println!("seed article: {} rows, {} findings: {:?}", n, k.len(), k);
    for f in findings(&r) {
        let zh: String = f["zh"].as_str().unwrap().chars().take(50).collect();
        println!("  {} row {}: {zh}", f["kind"], f["row"]);
    }
    assert_eq!(k.iter().filter(|k| *k == "no-english").count(), 1);
    assert!(
        k.iter()
            .all(|k| matches!(k.as_str(), "no-english" | "note" | "question" | "style")),
        "{k:?}"
    );
    assert!(k.iter().filter(|k| *k == "note").count() >= 3, "{k:?}");
    // Every question finding sits in Kevin Scott's (the guest's) turn.
    let questions: Vec<&Value> = findings(&r)
        .iter()
        .filter(|f| f["kind"] == "question")
        .collect();
    for f in &questions {
        let m = f["message"].as_str().unwrap();
        assert!(m.contains("Kevin Scott"), "{m}");
    }
    // Among them, the host's question about the supercomputing work, which the article
    // prints inside Kevin Scott's answer.
    assert!(
        questions
            .iter()
            .any(|f| f["zh"].as_str().unwrap().contains("超级计算工作")),
        "{questions:?}"
    );
    assert!(
        k.len() < n / 20,
        "the report floods: {} findings for {n} rows",
        k.len()
    );
}

#[test]
fn speakers_differing_between_the_languages_are_errors() {
    let wd = Workdir::new();
    let c = corpus(&[
        ("zh-only", "", "Ann Lee", ""),
        ("", "Ann Lee", "你好吗？", "How are you?"),
        ("zh-only", "", "Bo Chen", ""),
        ("", "Ann Lee", "我很好。", "I'm fine."),
        ("", "Bo Chen", "谢谢。", "Thanks."),
    ]);
    let path = wd.write("c.tsv", c);
    let r = report(&wd, &[&path.to_string_lossy()]);
    let sp: Vec<u64> = findings(&r)
        .iter()
        .filter(|f| f["kind"] == "speaker")
        .map(|f| f["row"].as_u64().unwrap())
        .collect();
    assert_eq!(sp, [3], "{r}");
}

#[test]
fn questions_turned_statements_and_negation_flips_are_warnings() {
    let wd = Workdir::new();
    let c = corpus(&[
        ("", "A", "你去过北京。", "Have you been to Beijing?"),
        ("", "A", "你去过北京吗？", "Have you been to Beijing?"),
        ("", "A", "我去过北京。", "I haven't been to Beijing."),
        ("", "A", "我没去过北京。", "I haven't been to Beijing."),
        (
            "",
            "A",
            "这非常重要，不仅如此。",
            "This matters a lot, and more.",
        ),
    ]);
    let path = wd.write("c.tsv", c);
    let r = report(&wd, &[&path.to_string_lossy()]);
    let got: Vec<(String, u64)> = findings(&r)
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["row"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [("question".to_string(), 0), ("negation".to_string(), 2)],
        "{r}"
    );
}

#[test]
fn end_to_end_from_a_vtt_transcript_and_a_chinese_article() {
    // The same interview as a WebVTT transcript (with <v> speakers) and the two translations
    // as plain articles, aligned by `bitext align` and then checked: what the whole pipeline
    // catches. Slips the aligner merges into a neighbouring row (an omitted run, an added
    // sentence) can hide, so the floor is lower than on the hand-aligned corpus.
    let wd = Workdir::new();
    let vtt = fixture_str("interview.en.vtt");
    let glossary = fixture_str("glossary.csv");
    let mut counts = Vec::new();
    for name in ["clean", "planted"] {
        let zh = fixture_str(&format!("{name}.zh.txt"));
        wd.stdout(&["align", &zh, &vtt, "-o", name]);
        let corpus = wd.path().join(name).join("corpus.tsv");
        let r = report(&wd, &[&corpus.to_string_lossy(), "--glossary", &glossary]);
        let text = std::fs::read_to_string(&corpus).unwrap();
        let rows: Vec<Vec<String>> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("start\t"))
            .map(|l| l.split('\t').map(String::from).collect())
            .collect();
        let slips = std::fs::read_to_string(fixture("planted-slips.tsv")).unwrap();
        let found = slips
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter(|line| {
                let cells: Vec<&str> = line.split('\t').collect();
                let (kind, locate) = (cells[0], cells[1]);
                let at: Vec<usize> = (0..rows.len())
                    .filter(|&i| match locate.strip_prefix("zh:") {
                        Some(zh) => rows[i][6].contains(zh),
                        None => rows[i][7].contains(locate),
                    })
                    .collect();
                findings(&r).iter().any(|f| {
                    let (a, b) = (
                        f["row"].as_u64().unwrap() as usize,
                        f["last_row"].as_u64().unwrap() as usize,
                    );
                    f["kind"] == kind && at.iter().any(|&i| a <= i && i <= b)
                })
            })
            .count();
        counts.push((serious(&r).len(), found));
    }
    println!(
        "drift end to end (align + drift): found {}/16 planted slips; clean translation: {} findings at warning or above",
        counts[1].1, counts[0].0
    );
    assert!(counts[0].0 <= 2, "clean: {} findings", counts[0].0);
    assert!(counts[1].1 >= 10, "planted: found only {}/16", counts[1].1);
}
