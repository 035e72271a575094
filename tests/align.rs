//! Tests: align — the `bitext align` command on small fixtures and bad input.
use crate::workdir::Workdir;

const ZH: &str = "我喜欢吃苹果。\n北京是中国的首都。\n他明天去上海。\n这本书很有意思。\n";
const EN: &str = "I like eating apples.\nBeijing is the capital of China.\nHe goes to Shanghai tomorrow.\nThis book is very interesting.\n";

#[test]
fn segmented_pair_prints_a_ladder() {
    let wd = Workdir::new();
    wd.write("zh.txt", ZH);
    wd.write("en.txt", EN);
    let out = wd.stdout(&[
        "align",
        "--segmented",
        "zh.txt",
        "en.txt",
        "--emit",
        "ladder",
    ]);
    crate::workdir::assert_same("[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n", &out);
}

#[test]
fn split_sentences_become_one_to_two_beads() {
    let wd = Workdir::new();
    wd.write(
        "zh.txt",
        "北京是中国的首都,也是一座很大的城市。\n他明天去上海。\n",
    );
    wd.write(
        "en.txt",
        "Beijing is the capital of China.\nIt is also a very big city.\nHe goes to Shanghai tomorrow.\n",
    );
    let out = wd.stdout(&[
        "align",
        "--segmented",
        "zh.txt",
        "en.txt",
        "--emit",
        "ladder",
    ]);
    crate::workdir::assert_same("[0]:[0,1]\n[1]:[2]\n", &out);
}

#[test]
fn corpus_file_has_header_and_one_row_per_bead() {
    let wd = Workdir::new();
    wd.write("zh.txt", ZH);
    wd.write("en.txt", EN);
    wd.stdout(&["align", "--segmented", "zh.txt", "en.txt", "-o", "out"]);
    let corpus = wd.read("out/corpus.tsv");
    let rows: Vec<&str> = corpus.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(rows[0].starts_with("start\tend\tspeaker"), "{corpus}");
    assert_eq!(rows.len(), 5, "{corpus}");
    assert!(rows[2].contains("北京是中国的首都。") && rows[2].contains("Beijing is the capital"));
}

#[test]
fn alignment_is_deterministic() {
    let wd = Workdir::new();
    wd.write("zh.txt", ZH.repeat(20));
    wd.write("en.txt", EN.repeat(20));
    let args = [
        "align",
        "--segmented",
        "zh.txt",
        "en.txt",
        "--emit",
        "ladder",
    ];
    assert_eq!(wd.stdout(&args), wd.stdout(&args));
}

#[test]
fn english_given_as_chinese_is_refused() {
    let wd = Workdir::new();
    wd.write("zh.txt", ZH);
    wd.write("en.txt", EN);
    let err = wd.fails(
        &[
            "align",
            "--segmented",
            "en.txt",
            "zh.txt",
            "--emit",
            "ladder",
        ],
        2,
    );
    assert!(
        err.contains("en.txt") && err.contains("does not look like Chinese"),
        "{err}"
    );
}

#[test]
fn an_empty_side_is_a_clear_error() {
    let wd = Workdir::new();
    wd.write("zh.txt", ZH);
    wd.write("en.txt", "");
    let err = wd.fails(
        &[
            "align",
            "--segmented",
            "zh.txt",
            "en.txt",
            "--emit",
            "ladder",
        ],
        2,
    );
    assert!(err.contains("en.txt") && err.contains("empty"), "{err}");
}

#[test]
fn one_side_far_longer_warns_and_still_covers_both() {
    let wd = Workdir::new();
    wd.write("zh.txt", "我喜欢吃苹果。\n");
    wd.write("en.txt", EN.repeat(30));
    let out = wd.run(&[
        "align",
        "--segmented",
        "zh.txt",
        "en.txt",
        "--emit",
        "ladder",
    ]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("differ a lot in length"), "{stderr}");
    let ladder = String::from_utf8_lossy(&out.stdout);
    let en_ids: usize = ladder
        .lines()
        .map(|l| {
            l.split(':')
                .nth(1)
                .unwrap()
                .matches(|c: char| c.is_ascii_digit())
                .count()
        })
        .sum();
    assert!(en_ids >= 120, "{ladder}");
}

#[test]
fn corpus_output_needs_a_folder() {
    let wd = Workdir::new();
    wd.write("zh.txt", ZH);
    wd.write("en.txt", EN);
    let err = wd.fails(&["align", "--segmented", "zh.txt", "en.txt"], 2);
    assert!(err.contains("-o DIR"), "{err}");
}

#[test]
fn a_missing_file_is_named() {
    let wd = Workdir::new();
    wd.write("en.txt", EN);
    let err = wd.fails(
        &[
            "align",
            "--segmented",
            "nope.txt",
            "en.txt",
            "--emit",
            "ladder",
        ],
        2,
    );
    assert!(err.contains("nope.txt"), "{err}");
}

#[test]
fn glossary_terms_anchor_the_alignment_and_a_bad_glossary_is_named() {
    let wd = Workdir::new();
    wd.write("zh.txt", "我们使用迁移学习。\n它开始起作用了。\n");
    wd.write("en.txt", "We use transfer learning.\nIt started to work.\n");
    let glossary = crate::workdir::repo().join("glossary/ai.csv");
    let glossary = glossary.to_str().unwrap();
    let ladder = wd.stdout(&[
        "align",
        "--segmented",
        "zh.txt",
        "en.txt",
        "--emit",
        "ladder",
        "--glossary",
        glossary,
    ]);
    assert_eq!(ladder, "[0]:[0]\n[1]:[1]\n");
    let err = wd.fails(
        &[
            "align",
            "--segmented",
            "zh.txt",
            "en.txt",
            "--emit",
            "ladder",
            "--glossary",
            "missing.csv",
        ],
        2,
    );
    assert!(err.contains("missing.csv"), "{err}");
}
