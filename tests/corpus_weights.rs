//! Tests: a corpus names its bead-score weights in its manifest (`weights = "FILE"`, a file
//! `bitext train` wrote): `run` and the review workbench align with them, exactly as `bitext
//! eval --weights FILE` does; a missing or corrupt named file is an error naming it (exit 2).

use crate::run::copy_corpus;
use crate::workdir::Workdir;
use bitext::align::weights::Weights;

/// The demo's body sentences and its English sentences as `bitext split` finds them.
fn demo_sentences(wd: &Workdir) -> (Vec<String>, Vec<String>) {
    copy_corpus(wd, "demo");
    let texts = |side: &str, file: &str, body_only: bool| -> Vec<String> {
        wd.stdout(&["split", side, file])
            .lines()
            .skip(1)
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|c| !body_only || c[4] == "body")
            .map(|c| c[5].to_string())
            .collect()
    };
    (
        texts("zh", "corpus/demo/zh.txt", true),
        texts("en", "corpus/demo/en.vtt", false),
    )
}

/// A team's own weights: the shipped ones, except that merging sentences costs so much that
/// the aligner never does (it leaves sentences unaligned instead), so they surely align the
/// demo otherwise than the shipped ones, which give its extra English sentences to beads.
fn never_merge() -> Weights {
    let mut w = Weights::default();
    let merge = bitext::align::features::NAMES
        .iter()
        .position(|n| *n == "merge")
        .unwrap();
    w.w[merge] = 50.0;
    w
}

/// A corpus `lines` holding the sentences one per line (no paragraphs, as in a gold set), and
/// the [`never_merge`] weights in `hand.tsv`, named by its manifest when `named`.
fn lines_corpus(wd: &Workdir, zh: &[String], en: &[String], named: bool) {
    wd.write("corpus/lines/zh.txt", zh.join("\n") + "\n");
    wd.write("corpus/lines/en.txt", en.join("\n") + "\n");
    wd.write(
        "corpus/lines/hand.tsv",
        never_merge().to_text("The shipped weights, merges made dear."),
    );
    let weights = if named {
        "weights = \"hand.tsv\"\n"
    } else {
        ""
    };
    wd.write(
        "corpus/lines/bitext.toml",
        format!("zh = \"zh.txt\"\nen = \"en.txt\"\n{weights}"),
    );
}

/// The (zh, en) cells of out/lines/corpus.tsv.
fn rows(wd: &Workdir) -> Vec<(String, String)> {
    wd.read("out/lines/corpus.tsv")
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|c| c.len() == 8 && c[0] != "start")
        .map(|c| (c[6].to_string(), c[7].to_string()))
        .collect()
}

/// The ids of the sentences a cell holds, taken in order from `at` on.
fn take(cell: &str, sentences: &[String], at: &mut usize) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = cell.trim();
    while !rest.is_empty() {
        let s = &sentences[*at];
        assert!(
            rest.starts_with(s.as_str()),
            "{rest:?} does not start with {s:?}"
        );
        rest = rest[s.len()..].trim_start();
        ids.push(at.to_string());
        *at += 1;
    }
    ids
}

/// The rows as a gold ladder (`[zh ids]:[en ids]` lines) over the sentences.
fn ladder(rows: &[(String, String)], zh: &[String], en: &[String]) -> String {
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    for (z, e) in rows {
        let (z, e) = (take(z, zh, &mut i), take(e, en, &mut j));
        out.push_str(&format!("[{}]:[{}]\n", z.join(","), e.join(",")));
    }
    assert_eq!(
        (i, j),
        (zh.len(), en.len()),
        "the rows cover every sentence"
    );
    out
}

/// Strict F1 of the `total` line of `bitext eval`.
fn strict_f1(report: &str) -> String {
    let total = report
        .lines()
        .find(|l| l.starts_with("total\t"))
        .unwrap_or_else(|| panic!("no total: {report}"));
    total.split('\t').nth(3).unwrap().to_string()
}

#[test]
fn a_corpus_naming_its_weights_aligns_as_eval_weights_does() {
    let wd = Workdir::new();
    let (zh, en) = demo_sentences(&wd);
    assert!(zh.len() > 20 && en.len() > zh.len(), "{zh:?} {en:?}");
    lines_corpus(&wd, &zh, &en, true);
    wd.stdout(&["run", "lines"]);
    let named = rows(&wd);
    // The rows of `run` with the named weights, as the gold of a one-document set.
    wd.write("set/zh/001", zh.join("\n") + "\n");
    wd.write("set/en/001", en.join("\n") + "\n");
    wd.write("set/gold/001.align", ladder(&named, &zh, &en));
    let with = wd.stdout(&["eval", "set", "--weights", "corpus/lines/hand.tsv"]);
    assert_eq!(strict_f1(&with), "1.000", "{with}");
    // The shipped weights align the same sentences otherwise (they merge), in `eval` and in
    // `run` alike.
    let shipped = wd.stdout(&["eval", "set"]);
    assert_ne!(strict_f1(&shipped), "1.000", "{shipped}");
    lines_corpus(&wd, &zh, &en, false);
    wd.stdout(&["run", "lines"]);
    let plain = rows(&wd);
    assert_ne!(plain, named);
    wd.write("set/gold/001.align", ladder(&plain, &zh, &en));
    assert_eq!(strict_f1(&wd.stdout(&["eval", "set"])), "1.000");
}

#[test]
fn the_workbench_aligns_with_the_named_weights_too() {
    let wd = Workdir::new();
    let (zh, en) = demo_sentences(&wd);
    lines_corpus(&wd, &zh, &en, true);
    wd.stdout(&["run", "lines"]);
    let ws =
        bitext::review::Workspace::open(&wd.path().join("corpus/lines"), &wd.path().join("out"))
            .unwrap();
    let from_ws: Vec<(String, String)> = ws
        .rows()
        .iter()
        .map(|r| {
            let esc = bitext::corpus::tsv::escape;
            (esc(&r.row.zh), esc(&r.row.en))
        })
        .collect();
    assert_eq!(from_ws, rows(&wd));
}

#[test]
fn a_missing_or_corrupt_named_weights_file_is_exit_2_naming_it() {
    let wd = Workdir::new();
    let (zh, en) = demo_sentences(&wd);
    lines_corpus(&wd, &zh, &en, true);
    wd.write(
        "corpus/lines/bitext.toml",
        "zh = \"zh.txt\"\nen = \"en.txt\"\nweights = \"talks.tsv\"\n",
    );
    let err = wd.fails(&["run", "lines"], 2);
    assert!(err.contains("corpus/lines/talks.tsv"), "{err}");
    assert!(!wd.path().join("out/lines/corpus.tsv").exists());

    lines_corpus(&wd, &zh, &en, true);
    let hand = wd.read("corpus/lines/hand.tsv");
    let corrupt: String = hand
        .lines()
        .map(|l| match l.strip_prefix("merge\t") {
            Some(rest) => format!("merge\tabc\t{}\n", rest.split_once('\t').unwrap().1),
            None => format!("{l}\n"),
        })
        .collect();
    assert_ne!(hand, corrupt);
    wd.write("corpus/lines/hand.tsv", &corrupt);
    let line = corrupt
        .lines()
        .position(|l| l.starts_with("merge\t"))
        .unwrap()
        + 1;
    let err = wd.fails(&["run", "lines"], 2);
    assert!(
        err.contains(&format!("corpus/lines/hand.tsv:{line}:")),
        "{err}"
    );
    assert!(!wd.path().join("out/lines/corpus.tsv").exists());
    // The workbench will not open the corpus either, and says why.
    let opened =
        bitext::review::Workspace::open(&wd.path().join("corpus/lines"), &wd.path().join("out"));
    let Err(err) = opened else {
        panic!("a corrupt weights file is an error");
    };
    let err = err.to_string();
    assert!(err.contains(&format!("hand.tsv:{line}:")), "{err}");
}
