//! Tests: the canonical corpus — deterministic, diff-friendly, read back after hand edits.

use crate::run::{copy_corpus, VIEWS};
use crate::workdir::{repo, Workdir};
use bitext::corpus::tsv;

#[test]
fn running_twice_gives_byte_identical_files() {
    let wd = Workdir::new();
    copy_corpus(&wd, "demo");
    wd.stdout(&["run", "demo"]);
    let first: Vec<Vec<u8>> = VIEWS
        .iter()
        .map(|v| std::fs::read(wd.path().join("out/demo").join(v)).unwrap())
        .collect();
    wd.stdout(&["run", "demo"]);
    for (view, bytes) in VIEWS.iter().zip(&first) {
        let again = std::fs::read(wd.path().join("out/demo").join(view)).unwrap();
        assert!(again == *bytes, "{view} differs between two runs");
    }
}

#[test]
fn changing_one_chinese_sentence_changes_at_most_the_two_rows_around_it() {
    let edits = [
        ("每年在这上面花费12亿美元。", "每年在这上面花掉120亿美元。"),
        (
            "他们不再把电脑看成一个属于别人的盒子。",
            "他们不再觉得电脑是别人家的东西。",
        ),
        ("经费从哪里来？", "钱是怎么来的？"),
        (
            "这辆车不会永远开下去，它已经22岁了。",
            "这辆车不可能一直开下去，它已经有22年车龄了。",
        ),
    ];
    for (old, new) in edits {
        let wd = Workdir::new();
        copy_corpus(&wd, "demo");
        wd.stdout(&["run", "demo"]);
        let before = tsv::read(&wd.path().join("out/demo/corpus.tsv")).unwrap();
        let zh = wd.read("corpus/demo/zh.txt");
        assert!(zh.contains(old), "the demo article has {old}");
        wd.write("corpus/demo/zh.txt", zh.replace(old, new));
        wd.stdout(&["run", "demo"]);
        let after = tsv::read(&wd.path().join("out/demo/corpus.tsv")).unwrap();
        // Whole rows as written, score included: the score is the bead's own, so rows the
        // edit does not touch are byte-identical.
        let changes = bitext::diff::compare(&before, &after);
        let rows: usize = changes
            .iter()
            .filter(|c| !matches!(c, bitext::diff::Change::Meta { .. }))
            .count();
        assert!(
            (1..=2).contains(&rows),
            "editing {old:?} changed {rows} rows: {changes:?}"
        );
    }
}

/// Moves the Chinese sentence of `row` (a 1-based row number) to the start of the next row.
fn move_sentence_down(text: &str, row: usize) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let header = lines.iter().position(|l| l.starts_with("start\t")).unwrap();
    let (a, b) = (header + row, header + row + 1);
    let mut cells_a: Vec<String> = lines[a].split('\t').map(String::from).collect();
    let mut cells_b: Vec<String> = lines[b].split('\t').map(String::from).collect();
    let zh = cells_a[6].clone();
    cells_a[6] = String::new();
    cells_b[6] = format!("{zh}{}", cells_b[6]);
    lines[a] = cells_a.join("\t");
    lines[b] = cells_b.join("\t");
    lines.join("\n") + "\n"
}

#[test]
fn a_hand_edited_corpus_loads_and_every_view_and_check_works() {
    let wd = Workdir::new();
    let original = std::fs::read_to_string(repo().join("tests/fixtures/corpus/talk.tsv")).unwrap();
    let edited = move_sentence_down(&original, 3);
    assert_ne!(edited, original);
    wd.write("edited.tsv", &edited);
    for format in ["html", "md", "tmx", "srt", "vtt", "jsonl"] {
        let out = wd.stdout(&["render", "edited.tsv", "--to", format]);
        assert!(!out.is_empty(), "{format}");
    }
    let drift = wd.run(&["drift", "edited.tsv"]);
    assert!(
        matches!(drift.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&drift.stderr)
    );
    let corpus = tsv::read(&wd.path().join("edited.tsv")).unwrap();
    assert_eq!(corpus.rows[2].zh, "");
    assert!(
        corpus.rows[3].zh.starts_with("欢迎回到《Open Circuit》"),
        "{:?}",
        corpus.rows[3]
    );
    // Written back, the hand edit is kept as it is.
    assert_eq!(tsv::to_string(&corpus), edited);
}

#[test]
fn malformed_edits_error_with_the_line_number() {
    let original = std::fs::read_to_string(repo().join("tests/fixtures/corpus/talk.tsv")).unwrap();
    let cases: [(&str, String, &str); 6] = [
        (
            "ragged",
            original.replace("\t0.91\t", "\t0.91\t\t"),
            "ragged.tsv:9: ragged row",
        ),
        (
            "column",
            original.replace("speaker\tsection", "speker\tsection"),
            "column.tsv:4: unknown column(s) speker",
        ),
        (
            "header",
            original
                .lines()
                .filter(|l| !l.starts_with("start\t"))
                .collect::<Vec<_>>()
                .join("\n"),
            "header.tsv:4: missing header",
        ),
        (
            "flag",
            original.replace("note,zh-only", "note,zh_only"),
            "flag.tsv:12: unknown flag \"zh_only\"",
        ),
        (
            "time",
            original.replace("00:01:36.000\t", "1h36m\t"),
            "time.tsv:10: bad start time \"1h36m\"",
        ),
        (
            "escape",
            original.replace("\\t这次", "\\q这次"),
            "escape.tsv:13: bad escape \\q",
        ),
    ];
    let wd = Workdir::new();
    for (name, text, expected) in cases {
        let file = format!("{name}.tsv");
        wd.write(&file, text);
        let err = wd.fails(&["render", &file, "--to", "html"], 2);
        assert!(
            err.contains(expected),
            "{name}: expected {expected:?} in {err}"
        );
    }
}

#[test]
fn the_format_doc_names_the_columns_in_order() {
    let doc = std::fs::read_to_string(repo().join("docs/corpus-format.md")).unwrap();
    assert!(
        doc.contains(&format!("`{}`", tsv::COLUMNS.join(" "))),
        "docs/corpus-format.md lists the columns"
    );
    assert!(doc.contains(tsv::MAGIC));
    for flag in bitext::corpus::Flag::ALL {
        assert!(
            doc.contains(&format!("`{}`", flag.as_str())),
            "{flag:?} documented"
        );
    }
}
