//! Tests: the outputs a translator opens (issue 12): the one "doubtful" threshold measured
//! on right and wrong rows, and the views that use it.

use crate::workdir::{shared_data, Workdir};
use bitext::align::{ladder, score::score};
use bitext::corpus::DOUBTFUL_BELOW;
use bitext::segment::{lines, Segment};

/// Scores of right rows (gold beads with both sides) and of wrong ones (each Chinese side
/// paired with the next bead's English) of a gold set.
fn gold_scores(set: &std::path::Path) -> (Vec<f32>, Vec<f32>) {
    let (mut right, mut wrong) = (Vec::new(), Vec::new());
    let mut names: Vec<_> = std::fs::read_dir(set.join("gold"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for gold in names {
        let name = gold.file_stem().unwrap().to_str().unwrap().to_string();
        let zh = lines(&std::fs::read_to_string(set.join("zh").join(&name)).unwrap());
        let en = lines(&std::fs::read_to_string(set.join("en").join(&name)).unwrap());
        let rungs: Vec<_> = ladder::read(&gold, zh.len(), en.len())
            .unwrap()
            .into_iter()
            .filter(|(z, e)| !z.is_empty() && !e.is_empty())
            .collect();
        let pick = |segs: &[Segment], ids: &[usize]| -> Vec<Segment> {
            ids.iter().map(|&i| segs[i].clone()).collect()
        };
        for (i, (z, e)) in rungs.iter().enumerate() {
            right.push(score(&pick(&zh, z), &pick(&en, e), &[]));
            if let Some((_, next_en)) = rungs.get(i + 1) {
                wrong.push(score(&pick(&zh, z), &pick(&en, next_en), &[]));
            }
        }
    }
    (right, wrong)
}

fn share_below(scores: &[f32], threshold: f32) -> f64 {
    scores.iter().filter(|s| **s < threshold).count() as f64 / scores.len().max(1) as f64
}

fn median(scores: &[f32]) -> f32 {
    let mut s = scores.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    s.get(s.len() / 2).copied().unwrap_or(0.0)
}

/// The rows of the demo corpus (its translation is right row by row) and their neighbours.
fn demo_scores() -> (Vec<f32>, Vec<f32>) {
    let wd = Workdir::new();
    crate::run::copy_corpus(&wd, "demo");
    wd.stdout(&["run", "demo"]);
    let corpus = bitext::corpus::tsv::read(&wd.path().join("out/demo/corpus.tsv")).unwrap();
    let rows: Vec<_> = corpus
        .rows
        .iter()
        .filter(|r| !r.zh.is_empty() && !r.en.is_empty())
        .collect();
    let seg = |t: &str| vec![Segment::plain(t, 0..t.len(), 0)];
    let right = rows.iter().filter_map(|r| r.score).collect();
    let wrong = rows
        .windows(2)
        .map(|w| score(&seg(&w[0].zh), &seg(&w[1].en), &[]))
        .collect();
    (right, wrong)
}

/// The threshold separates: few right rows below it, most wrong rows below it. Prints the
/// figures `docs/corpus-format.md` quotes (`cargo test --release --test integration
/// doubtful -- --nocapture`).
#[test]
fn the_doubtful_threshold_separates_right_rows_from_wrong_ones() {
    let mut sets = vec![("demo transcript".to_string(), demo_scores())];
    if let Some(data) = shared_data("the_doubtful_threshold_separates_right_rows_from_wrong_ones") {
        for set in ["mac-dev", "aca"] {
            sets.push((set.to_string(), gold_scores(&data.join("align").join(set))));
        }
    }
    for (name, (right, wrong)) in &sets {
        eprintln!(
            "{name}: right rows {} (median {:.2}), wrong rows {} (median {:.2})",
            right.len(),
            median(right),
            wrong.len(),
            median(wrong)
        );
        for t in [0.05, 0.08, 0.10, 0.12, 0.15, 0.20] {
            eprintln!(
                "  below {t:.2}: right {:.1}%, wrong {:.1}%",
                100.0 * share_below(right, t),
                100.0 * share_below(wrong, t)
            );
        }
        assert!(
            share_below(right, DOUBTFUL_BELOW) <= 0.15,
            "{name}: too many right rows doubtful"
        );
        if name != "demo transcript" {
            assert!(
                share_below(wrong, DOUBTFUL_BELOW) >= 0.6,
                "{name}: too few wrong rows doubtful"
            );
        }
    }
}

/// A work directory with the demo run (and its glossary marks) into `out/demo/`.
fn demo_run() -> Workdir {
    let wd = Workdir::new();
    crate::run::copy_corpus(&wd, "demo");
    wd.stdout(&["run", "demo"]);
    wd
}

#[test]
fn markdown_is_valid_commonmark_with_one_mark_for_terms_and_another_for_findings() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let wd = demo_run();
    wd.write(
        "terms.csv",
        "en,zh,status\nRaspberry Pi,树莓派,approved\ncredit union,信用合作社,approved\n",
    );
    let md = wd.stdout(&[
        "render",
        "out/demo/corpus.tsv",
        "--to",
        "md",
        "--drift",
        "--glossary",
        "terms.csv",
    ]);
    let (mut tables, mut cells_per_row, mut html_tags) = (0, Vec::new(), Vec::new());
    let mut cells = 0;
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) => {
                assert!(
                    !t.contains("**") && !t.contains('\\'),
                    "stray markup in {t:?}"
                )
            }
            Event::InlineHtml(h) => html_tags.push(h.to_string()),
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => {
                cells_per_row.push(cells);
                cells = 0;
            }
            Event::Start(Tag::Emphasis) | Event::Start(Tag::Strong) => {}
            _ => {}
        }
    }
    assert!(tables > 3, "{md}");
    assert!(cells_per_row.iter().all(|&c| c == 4), "{cells_per_row:?}");
    assert!(html_tags.iter().any(|t| t == "<ins>"), "terms marked");
    assert!(html_tags.iter().any(|t| t == "<mark>"), "findings marked");
    assert!(md.contains("Legend: <ins>term</ins>"));
    // The correct demo rows are not called doubtful (the old 0.5 threshold marked them all).
    let doubtful = md.matches("⚠ score").count();
    let rows = md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| time"))
        .count();
    assert!(doubtful * 10 < rows, "{doubtful} of {rows} rows doubtful");
}

#[test]
fn tmx_keeps_one_sided_rows_only_when_asked() {
    let wd = demo_run();
    let tsv = "out/demo/corpus.tsv";
    let corpus = bitext::corpus::tsv::read(&wd.path().join(tsv)).unwrap();
    let two_sided = corpus
        .rows
        .iter()
        .filter(|r| !r.zh.trim().is_empty() && !r.en.trim().is_empty())
        .count();
    let tmx = wd.read("out/demo/corpus.tmx");
    assert_eq!(tmx.matches("<tu>").count(), two_sided);
    assert!(!tmx.contains("<seg></seg>") && !tmx.contains("<seg/>"));
    let all = wd.stdout(&["render", tsv, "--to", "tmx", "--include-one-sided"]);
    assert_eq!(all.matches("<tu>").count(), corpus.rows.len());
    assert!(all.contains("<tmx version=\"1.4\">"));
}

#[test]
fn xlsx_review_sheet_reads_back_with_calamine() {
    use calamine::{Data, Reader, Xlsx};
    let wd = demo_run();
    let corpus = bitext::corpus::tsv::read(&wd.path().join("out/demo/corpus.tsv")).unwrap();
    let mut book: Xlsx<_> =
        calamine::open_workbook(wd.path().join("out/demo/corpus.xlsx")).unwrap();
    let sheet = book.worksheet_range("review").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        ["row", "time", "speaker", "中文", "English", "score", "flags", "findings"]
    );
    assert_eq!(rows.len(), corpus.rows.len() + 1);
    for (i, row) in corpus.rows.iter().enumerate() {
        assert_eq!(rows[i + 1][3].to_string(), row.zh, "row {}", i + 1);
        assert_eq!(rows[i + 1][4].to_string(), row.en, "row {}", i + 1);
    }
    let findings: Vec<String> = rows.iter().map(|r| r[7].to_string()).collect();
    assert!(
        findings.iter().any(|f| f.contains("number-scale")),
        "{findings:?}"
    );
    // Frozen header and autofilter, read from the sheet's XML.
    let xml = std::process::Command::new("unzip")
        .args(["-p"])
        .arg(wd.path().join("out/demo/corpus.xlsx"))
        .arg("xl/worksheets/sheet1.xml")
        .output();
    if let Some(out) = xml.ok().filter(|o| o.status.success()) {
        let xml = String::from_utf8_lossy(&out.stdout);
        assert!(
            xml.contains("ySplit=\"1\"") && xml.contains("state=\"frozen\""),
            "frozen header"
        );
        assert!(xml.contains("<autoFilter ref=\"A1:H"), "autofilter");
        assert!(xml.contains("<cols>"), "column widths");
    }
    // The same corpus gives the same bytes.
    let again = wd.path().join("again.xlsx");
    wd.stdout(&[
        "render",
        "out/demo/corpus.tsv",
        "--to",
        "xlsx",
        "-o",
        "again.xlsx",
    ]);
    let first = wd.stdout(&[
        "render",
        "out/demo/corpus.tsv",
        "--to",
        "xlsx",
        "-o",
        "again2.xlsx",
    ]);
    assert!(first.is_empty());
    assert_eq!(
        std::fs::read(again).unwrap(),
        std::fs::read(wd.path().join("again2.xlsx")).unwrap()
    );
    wd.fails(&["render", "out/demo/corpus.tsv", "--to", "xlsx"], 2);
}

#[test]
fn a_corpus_without_english_is_a_reading_view_and_writes_no_empty_exports() {
    let wd = Workdir::new();
    crate::run::copy_corpus(&wd, "kevin-scott");
    let out = wd.run(&["run", "kevin-scott"]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("no TMX, subtitles or review sheet"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("corpus.tmx, corpus.srt, corpus.vtt, corpus.xlsx not written"),
        "{stderr}"
    );
    let html = wd.read("out/kevin-scott/index.html");
    assert!(html.contains("<body class=\"reading\">"));
    assert!(html.contains("<strong>The English is missing</strong>"));
    assert!(html.contains(
        "<code>cargo run --release -- fetch BbAnzpeGFrA -o corpus/kevin-scott/en.json3</code>"
    ));
    assert!(!html.contains("no English</span>"), "no row of errors");
    assert!(html.contains("<details class=\"toc\""), "sections listed");
    assert!(html.contains("<div class=\"speaker\">Kevin Scott</div>"));
    let md = wd.read("out/kevin-scott/corpus.md");
    assert!(md.contains("**The English is missing**"));
    assert!(!md.contains("| time |"));
}

#[test]
fn without_en_in_the_manifest_a_transcript_in_the_folder_is_used() {
    let wd = Workdir::new();
    crate::run::copy_corpus(&wd, "demo");
    let manifest = wd.read("corpus/demo/bitext.toml");
    wd.write(
        "corpus/demo/bitext.toml",
        manifest.replace("en = \"en.vtt\"\n", ""),
    );
    let out = wd.run(&["run", "demo"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("en.vtt (found in the folder"), "{stderr}");
    let corpus = bitext::corpus::tsv::read(&wd.path().join("out/demo/corpus.tsv")).unwrap();
    assert!(corpus.rows.iter().filter(|r| !r.en.is_empty()).count() > 20);
}

#[test]
fn html_counts_agree_with_the_command_line() {
    let wd = Workdir::new();
    crate::run::copy_corpus(&wd, "demo");
    let stdout = wd.stdout(&["run", "demo"]);
    let html = wd.read("out/demo/index.html");
    let tally = bitext::render::Tally::of(
        &bitext::corpus::tsv::read(&wd.path().join("out/demo/corpus.tsv")).unwrap(),
    );
    assert!(
        stdout.contains(&format!(
            "demo: {} rows ({} without English, {} without Chinese",
            tally.rows, tally.zh_only, tally.en_only
        )),
        "{stdout}"
    );
    for (filter, n) in [
        ("row", tally.rows),
        ("gap-zh", tally.zh_only),
        ("gap-en", tally.en_only),
        ("low", tally.doubtful),
    ] {
        assert!(
            html.contains(&format!(
                "data-filter=\"{filter}\"><span class=\"n\">{n}</span>"
            )),
            "{filter} {n}"
        );
    }
    // "1 error" / "2 errors", "1 warning" / "0 warnings": each count agrees with its noun.
    let drift = stdout
        .lines()
        .find_map(|l| l.split_once("drift: ").map(|(_, rest)| rest.to_string()))
        .unwrap_or_else(|| panic!("no drift line: {stdout}"));
    for (count, noun) in drift
        .split(';')
        .next()
        .unwrap()
        .split(", ")
        .map(|part| part.split_once(' ').unwrap())
    {
        let one = count == "1";
        assert!(
            noun == ["errors", "error"][one as usize]
                || noun == ["warnings", "warning"][one as usize],
            "plurals: {stdout}"
        );
    }
}

#[test]
fn new_transcript_formats_are_read_and_bad_ones_name_the_line() {
    let wd = Workdir::new();
    wd.write(
        "talk.ass",
        "[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,Welcome back to the show.\nDialogue: 0,0:00:03.00,0:00:05.00,Tom Hendricks,,0,0,0,,Thanks, Priya.\n",
    );
    let tsv = wd.stdout(&["split", "en", "talk.ass"]);
    assert!(
        tsv.contains("Welcome back to the show.") && tsv.contains("Tom Hendricks"),
        "{tsv}"
    );
    assert!(!tsv.contains("Dialogue"), "{tsv}");
    wd.write(
        "talk.ttml",
        "<?xml version=\"1.0\"?>\n<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><div>\n<p begin=\"00:00:01.000\" end=\"00:00:02.500\">Hello there.</p>\n</div></body></tt>\n",
    );
    let tsv = wd.stdout(&["split", "en", "talk.ttml"]);
    assert!(tsv.contains("Hello there."), "{tsv}");
    wd.write(
        "page.html",
        "<!DOCTYPE html><html><body><nav>Menu</nav><article><p>[00:00:05] <b>Sarah Guo:</b> Welcome.</p><p>[00:00:09] <b>Kevin Scott:</b> Thanks.</p></article></body></html>",
    );
    let tsv = wd.stdout(&["split", "en", "page.html"]);
    assert!(
        tsv.contains("Kevin Scott") && !tsv.contains("Menu"),
        "{tsv}"
    );
    wd.write(
        "bad.ttml",
        "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><div>\n\n<p begin=\"later\">x</p></div></body></tt>",
    );
    let err = wd.fails(&["split", "en", "bad.ttml"], 2);
    assert!(err.contains("bad.ttml:3:"), "{err}");
}

/// Headless Chromium at /usr/bin/chromium (or on the PATH), or `None` with a message.
fn chromium() -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .flat_map(|dir| ["chromium", "chromium-browser"].map(|n| dir.join(n)))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        eprintln!("skipping the Chromium screenshots: chromium is not installed (apt-get install -y chromium fonts-wqy-microhei)");
    }
    found
}

/// Screenshots of the demo and of the zh-only corpus at 1400 px, 420 px and in dark mode,
/// saved under the target folder for a person to look at; the DOM is checked too.
#[test]
fn html_screenshots_at_1400_and_420_px_and_in_dark_mode() {
    let Some(chromium) = chromium() else {
        return;
    };
    let wd = Workdir::new();
    crate::run::copy_corpus(&wd, "demo");
    crate::run::copy_corpus(&wd, "kevin-scott");
    wd.write(
        "corpus/kevin-scott/bitext.toml",
        wd.read("corpus/kevin-scott/bitext.toml")
            .replace("glossary = \"../../glossary/ai.csv\"", ""),
    );
    wd.stdout(&["run"]);
    let shots = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for corpus in ["demo", "kevin-scott"] {
        let url = format!(
            "file://{}",
            wd.path()
                .join("out")
                .join(corpus)
                .join("index.html")
                .display()
        );
        let dom = std::process::Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--dump-dom",
            ])
            .arg(format!(
                "--user-data-dir={}",
                wd.path().join("profile-dom").display()
            ))
            .arg(&url)
            .output()
            .expect("run chromium");
        let dom = String::from_utf8_lossy(&dom.stdout);
        assert!(
            dom.contains("<nav class=\"summary\""),
            "{corpus}: no summary in {dom}"
        );
        assert!(dom.contains("id=\"search\""), "{corpus}: no search box");
        for (name, size, dark) in [
            ("1400", "1400,1000", false),
            ("420", "420,900", false),
            ("dark", "1400,1000", true),
        ] {
            let shot = shots.join(format!("{corpus}-{name}.png"));
            let _ = std::fs::remove_file(&shot);
            let mut cmd = std::process::Command::new(&chromium);
            cmd.args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
            ])
            .arg(format!(
                "--user-data-dir={}",
                wd.path().join(format!("profile-{corpus}-{name}")).display()
            ))
            .arg(format!("--window-size={size}"))
            .arg(format!("--screenshot={}", shot.display()));
            if dark {
                cmd.args([
                    "--force-dark-mode",
                    "--blink-settings=preferredColorScheme=0",
                ]);
            }
            let out = cmd.arg(&url).output().expect("run chromium");
            let bytes = std::fs::read(&shot).unwrap_or_else(|e| {
                panic!(
                    "no screenshot {}: {e}\n{}",
                    shot.display(),
                    String::from_utf8_lossy(&out.stderr)
                )
            });
            assert!(bytes.starts_with(b"\x89PNG"));
            eprintln!("screenshot: {}", shot.display());
        }
    }
}
