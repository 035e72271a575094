//! Tests: a transcript of another talk (or any English that does not translate the Chinese)
//! makes `align` and `run` stop with exit 2 and a message saying so, instead of writing a
//! corpus and a drift report of hundreds of findings.

use crate::run::copy_corpus;
use crate::workdir::Workdir;

use crate::plain_pairs::PAIRS;

/// English about something else entirely.
fn other_talk(i: usize) -> String {
    [
        "Quarterly revenue of the cloud division exceeded analyst expectations despite currency headwinds.",
        "Our compiler now emits vectorised loops for most numeric kernels on modern processors.",
        "The committee postponed the vote on the pension reform until after the election.",
        "Investors worried that rising interest rates would slow mortgage lending considerably.",
    ][i % 4]
        .to_string()
}

fn lines(side: impl Fn(usize) -> String, n: usize) -> String {
    (0..n).map(|i| side(i) + "\n").collect()
}

#[test]
fn align_stops_on_english_that_does_not_translate_the_chinese() {
    let wd = Workdir::new();
    let n = 2 * PAIRS.len();
    wd.write("zh.txt", lines(|i| PAIRS[i % PAIRS.len()].0.to_string(), n));
    wd.write("other.txt", lines(other_talk, n));
    let err = wd.fails(
        &["align", "--segmented", "zh.txt", "other.txt", "-o", "out"],
        2,
    );
    assert!(
        err.contains("zh.txt")
            && err.contains("other.txt")
            && err.contains("do not look like translations of each other"),
        "{err}"
    );
    assert!(!wd.path().join("out/corpus.tsv").exists());
}

#[test]
fn align_accepts_a_translation() {
    let wd = Workdir::new();
    let n = 2 * PAIRS.len();
    wd.write("zh.txt", lines(|i| PAIRS[i % PAIRS.len()].0.to_string(), n));
    wd.write("en.txt", lines(|i| PAIRS[i % PAIRS.len()].1.to_string(), n));
    wd.stdout(&["align", "--segmented", "zh.txt", "en.txt", "-o", "out"]);
    assert!(wd.path().join("out/corpus.tsv").is_file());
}

#[test]
fn run_stops_on_a_transcript_of_another_talk() {
    let wd = Workdir::new();
    copy_corpus(&wd, "demo");
    let mut vtt = String::from("WEBVTT\n\n");
    for i in 0..40 {
        vtt.push_str(&format!(
            "00:{:02}:{:02}.000 --> 00:{:02}:{:02}.000\n{}\n\n",
            i * 5 / 60,
            i * 5 % 60,
            (i * 5 + 5) / 60,
            (i * 5 + 5) % 60,
            other_talk(i)
        ));
    }
    wd.write("corpus/demo/en.vtt", vtt);
    let err = wd.fails(&["run", "demo"], 2);
    assert!(
        err.contains("demo") && err.contains("do not look like translations of each other"),
        "{err}"
    );
    assert!(!wd.path().join("out/demo/drift.md").exists());
    assert!(!wd.path().join("out/demo/index.html").exists());
}
