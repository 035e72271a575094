//! Tests: `bitext diff` — what changed between two corpus files.

use crate::workdir::{repo, Workdir};

/// Runs `bitext`, asserts the exit code, returns standard output.
fn stdout_code(wd: &Workdir, args: &[&str], code: i32) -> String {
    let out = wd.run(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fixture() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/corpus/talk.tsv")).unwrap()
}

#[test]
fn an_edited_translation_shows_word_by_word_and_exits_1() {
    let wd = Workdir::new();
    let old = fixture();
    wd.write("old.tsv", &old);
    wd.write("new.tsv", old.replace("花费12亿美元", "花费120亿美元"));
    let out = wd.run(&["diff", "old.tsv", "new.tsv"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("--- old.tsv\n+++ new.tsv\n"), "{text}");
    assert!(
        text.contains("~ row 6 [00:01:36.000  Priya Raman]\n  zh: 有一份报告说，学校每年在这上面花费[-12-]{+120+}亿美元。\n"),
        "{text}"
    );
    assert!(
        text.ends_with("1 row differs: 1 changed, 0 removed, 0 added\n"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "piped output has no colour");

    let coloured = stdout_code(&wd, &["diff", "--color", "always", "old.tsv", "new.tsv"], 1);
    assert!(
        coloured.contains("\x1b[32m\x1b[4m120\x1b[0m"),
        "{coloured:?}"
    );
}

#[test]
fn equal_files_exit_0_silently() {
    let wd = Workdir::new();
    wd.write("a.tsv", fixture());
    // The same corpus written differently (blank lines, no magic line) is still equal.
    let loose = fixture()
        .replacen("# bitext corpus v1\n", "", 1)
        .replace("\n00:00:04", "\n\n00:00:04");
    wd.write("b.tsv", loose);
    assert_eq!(wd.stdout(&["diff", "a.tsv", "b.tsv"]), "");
}

#[test]
fn a_moved_sentence_shows_in_both_rows() {
    let wd = Workdir::new();
    let old = fixture();
    wd.write("old.tsv", &old);
    // Move "Thanks for having me, Priya." from its row to the end of the previous one.
    let new = old
        .replace(
            "who started the Byte Bus project.",
            "who started the Byte Bus project. Thanks for having me, Priya.",
        )
        .replace(
            "\t谢谢邀请，Priya。\tThanks for having me, Priya.",
            "\t谢谢邀请，Priya。\t",
        );
    wd.write("new.tsv", &new);
    let text = stdout_code(&wd, &["diff", "old.tsv", "new.tsv"], 1);
    assert!(text.contains("{+ Thanks for having me, Priya.+}"), "{text}");
    assert!(
        text.contains("  en: [-Thanks for having me, Priya.-]\n"),
        "{text}"
    );
    assert!(
        text.ends_with("2 rows differ: 2 changed, 0 removed, 0 added\n"),
        "{text}"
    );
}

#[test]
fn an_inserted_row_is_one_addition() {
    let wd = Workdir::new();
    let old = fixture();
    wd.write("old.tsv", &old);
    let new = old.replace(
        "00:00:10.500",
        "00:00:08.200\t00:00:10.500\tPriya Raman\t缘起\t\t0.90\tTom，感谢你的到来。\tTom, thanks for joining me.\n00:00:10.500",
    );
    wd.write("new.tsv", &new);
    let text = stdout_code(&wd, &["diff", "old.tsv", "new.tsv"], 1);
    assert!(
        text.contains("+ row 5 [00:00:08.200  Priya Raman]\n  zh: Tom，感谢你的到来。\n"),
        "{text}"
    );
    assert!(
        text.ends_with("1 row differs: 0 changed, 0 removed, 1 added\n"),
        "{text}"
    );
}

#[test]
fn a_malformed_file_exits_2_naming_the_line() {
    let wd = Workdir::new();
    wd.write("a.tsv", fixture());
    wd.write("bad.tsv", fixture().replace("\t0.91\t", "\t0.91\t\t"));
    let err = wd.fails(&["diff", "a.tsv", "bad.tsv"], 2);
    assert!(err.contains("bad.tsv:9: ragged row"), "{err}");
    wd.fails(&["diff", "a.tsv", "missing.tsv"], 2);
}
