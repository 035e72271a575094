//! Tests: the outputs a translator opens (issue 12): the one "doubtful" threshold measured
//! on right and wrong rows, and the views that use it.

use crate::workdir::{repo, shared_data, Workdir};
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
    let _ = repo();
}
