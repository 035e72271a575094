//! Tests: eval — scoring against gold, on hand-made sets and (when present) the shared data.
use crate::workdir::{shared_data, Workdir};

fn total(report: &str) -> (f64, f64) {
    let line = report
        .lines()
        .find(|l| l.starts_with("total"))
        .expect("a total line");
    let cells: Vec<f64> = line
        .split('\t')
        .skip(1)
        .map(|c| c.parse().unwrap())
        .collect();
    (cells[2], cells[5])
}

#[test]
fn a_perfect_alignment_scores_one() {
    let wd = Workdir::new();
    wd.write("set/zh/001", "我喜欢吃苹果。\n北京是中国的首都。\n");
    wd.write(
        "set/en/001",
        "I like eating apples.\nBeijing is the capital of China.\n",
    );
    wd.write("set/gold/001.align", "[0]:[0]\n[1]:[1]\n");
    let out = wd.stdout(&["eval", "set"]);
    assert!(out.contains("001\t1.000\t1.000\t1.000"), "{out}");
    assert_eq!(total(&out), (1.0, 1.0));
}

#[test]
fn a_wrong_gold_halves_the_score() {
    let wd = Workdir::new();
    wd.write("set/zh/001", "我喜欢吃苹果。\n北京是中国的首都。\n");
    wd.write(
        "set/en/001",
        "I like eating apples.\nBeijing is the capital of China.\n",
    );
    // Gold wrongly merges the second pair with an addition: 1 of 2 test beads strict.
    wd.write("set/gold/001.align", "[0]:[0]\n[1]:[]\n[]:[1]\n");
    let out = wd.stdout(&["eval", "set"]);
    let (strict, _) = total(&out);
    // P = 1/2; R over both-sided gold beads = 1/1: F1 = 2/3.
    assert!((strict - 0.667).abs() < 0.001, "{out}");
}

#[test]
fn gold_id_out_of_range_names_file_and_line() {
    let wd = Workdir::new();
    wd.write("set/zh/001", "我喜欢吃苹果。\n");
    wd.write("set/en/001", "I like eating apples.\n");
    wd.write("set/gold/001.align", "[0]:[0]\n[0]:[7]\n");
    let err = wd.fails(&["eval", "set"], 2);
    assert!(
        err.contains("001.align:2") && err.contains("English id 7"),
        "{err}"
    );
}

#[test]
fn a_folder_without_gold_is_an_error() {
    let wd = Workdir::new();
    wd.write("empty/readme", "x");
    let err = wd.fails(&["eval", "empty"], 2);
    assert!(err.contains("neither a set folder"), "{err}");
}

#[test]
fn mac_dev_strict_f1_floor() {
    let Some(data) = shared_data("mac_dev_strict_f1_floor") else {
        return;
    };
    let wd = Workdir::new();
    let out = wd.stdout(&["eval", data.join("align/mac-dev").to_str().unwrap()]);
    let (strict, lax) = total(&out);
    assert!(strict >= 0.84, "mac-dev strict F1 {strict} < 0.84\n{out}");
    assert!(lax >= 0.97, "mac-dev lax F1 {lax} < 0.97\n{out}");
}

#[test]
fn aca_strict_f1_floor() {
    let Some(data) = shared_data("aca_strict_f1_floor") else {
        return;
    };
    let wd = Workdir::new();
    let out = wd.stdout(&["eval", data.join("align/aca").to_str().unwrap()]);
    let (strict, _) = total(&out);
    assert!(strict >= 0.985, "aca strict F1 {strict} < 0.985\n{out}");
}

/// The transcript benchmarks' targets: a mean word overlap of 0.85, and 0.80 on each.
#[test]
fn transcript_word_overlap_meets_the_targets() {
    let Some(data) = shared_data("transcript_word_overlap_meets_the_targets") else {
        return;
    };
    let wd = Workdir::new();
    let out = wd.stdout(&["eval", data.join("transcript").to_str().unwrap()]);
    let scores: Vec<(String, f64)> = out
        .lines()
        .skip(1)
        .map(|l| {
            let (name, s) = l.split_once('\t').unwrap();
            (name.to_string(), s.parse().unwrap())
        })
        .collect();
    let mean = scores.iter().find(|(n, _)| n == "mean").unwrap().1;
    assert!(mean >= 0.85, "mean word overlap {mean} < 0.85\n{out}");
    for (name, s) in &scores {
        assert!(*s >= 0.80, "{name}: word overlap {s} < 0.80\n{out}");
    }
}
