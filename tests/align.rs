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

/// A small gold set of two documents, for the training tests.
fn gold_set(wd: &Workdir) {
    wd.write(
        "set/zh/001",
        "我喜欢吃苹果。\n北京是中国的首都,也是一座很大的城市。\n他明天去上海。\n这本书很有意思。\n",
    );
    wd.write(
        "set/en/001",
        "I like eating apples.\nBeijing is the capital of China.\nIt is also a very big city.\nHe goes to Shanghai tomorrow.\nThis book is very interesting.\n",
    );
    wd.write(
        "set/gold/001.align",
        "[0]:[0]\n[1]:[1,2]\n[2]:[3]\n[3]:[4]\n",
    );
    wd.write(
        "set/zh/002",
        "你去哪儿?\n我去学校。\n今天天气很好。\n我们去公园吧!\n",
    );
    wd.write(
        "set/en/002",
        "Where are you going?\nI am going to school.\nThe weather is nice today.\nLet's go to the park!\n",
    );
    wd.write("set/gold/002.align", "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n");
}

/// The lines of a weights file that carry weights (comments dropped).
fn weight_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('#').next().unwrap().trim().to_string())
        .collect()
}

#[test]
fn training_is_deterministic_for_a_seed() {
    let wd = Workdir::new();
    gold_set(&wd);
    let args = |out: &str| {
        [
            "train", "set", "-o", out, "--epochs", "3", "--seed", "5", "--rate", "0.01",
        ]
        .map(str::to_string)
    };
    let a: Vec<String> = args("a.tsv").to_vec();
    let b: Vec<String> = args("b.tsv").to_vec();
    wd.run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    wd.run(&b.iter().map(String::as_str).collect::<Vec<_>>());
    let (a, b) = (wd.read("a.tsv"), wd.read("b.tsv"));
    assert_eq!(weight_lines(&a).len(), bitext::align::features::NF, "{a}");
    crate::workdir::assert_same(&a, &b);
    assert!(a.contains("# options: seed 5, epochs 3"), "{a}");
}

#[test]
fn a_weights_file_round_trips_and_aligns() {
    let wd = Workdir::new();
    gold_set(&wd);
    wd.run(&["train", "set", "-o", "w.tsv", "--epochs", "2"]);
    let text = wd.read("w.tsv");
    let w = bitext::align::weights::Weights::load(&wd.path().join("w.tsv")).unwrap();
    assert_eq!(weight_lines(&w.to_text("")), weight_lines(&text));
    let out = wd.stdout(&["eval", "set", "--weights", "w.tsv"]);
    assert!(out.lines().any(|l| l.starts_with("total\t")), "{out}");
}

#[test]
fn a_corrupt_weights_file_names_file_and_line() {
    let wd = Workdir::new();
    gold_set(&wd);
    let good = bitext::align::weights::Weights::hand().to_text("header");
    wd.write("bad.tsv", good.replacen("merge\t0.3", "merge\tzero", 1));
    let err = wd.fails(&["eval", "set", "--weights", "bad.tsv"], 2);
    assert!(
        err.contains("bad.tsv:4:") && err.contains("`zero`"),
        "{err}"
    );
    wd.write("short.tsv", "# nothing but a comment\nmerge 0.3\n");
    let err = wd.fails(&["eval", "set", "--weights", "short.tsv"], 2);
    assert!(
        err.contains("short.tsv") && err.contains("no weight for feature"),
        "{err}"
    );
}

#[test]
fn cross_validation_scores_each_document_held_out() {
    let wd = Workdir::new();
    gold_set(&wd);
    let out = wd.stdout(&["train", "set", "--cv", "--epochs", "2"]);
    assert!(out.starts_with("# leave-one-document-out"), "{out}");
    for name in ["set/001\t", "set/002\t", "set total\t"] {
        assert!(out.lines().any(|l| l.starts_with(name)), "{name}: {out}");
    }
    let err = wd.fails(&["train", "set"], 2);
    assert!(err.contains("nothing to do"), "{err}");
}

#[test]
fn a_reviewed_corpus_trains_on_its_confirmed_links() {
    let wd = Workdir::new();
    gold_set(&wd);
    crate::run::copy_corpus(&wd, "demo");
    // Without confirmed links there is nothing to learn from: a clear error.
    let err = wd.fails(&["train", "corpus/demo", "-o", "w.tsv"], 2);
    assert!(
        err.contains("links.tsv") && err.contains("no confirmed links"),
        "{err}"
    );
    assert!(!wd.path().join("w.tsv").exists());
    // Two confirmed rows that follow each other: the untranslated sentence on its own.
    let yes_zh = "是的，六年里在46所学校，大约3200名学生。";
    let yes_en = "Yes, about 3,200 students in 46 schools over six years.";
    let roughly = "And roughly one in five of them asked to keep going after the week was over.";
    wd.write(
        "corpus/demo/links.tsv",
        format!(
            "# bitext links v1\nzh\ten\tstart\tend\tzh_before\ten_before\n\
             {yes_zh}\t{yes_en}\t\t\t\t\n\
             \t{roughly}\t\t\t{yes_zh}\t{yes_en}\n"
        ),
    );
    let out = wd.run(&[
        "train",
        "corpus/demo",
        "set",
        "-o",
        "w.tsv",
        "--epochs",
        "2",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("gold beads"), "{stderr}");
    let text = wd.read("w.tsv");
    assert!(text.contains("corpus/demo (1 documents)"), "{text}");
    bitext::align::weights::Weights::load(&wd.path().join("w.tsv")).unwrap();
}
