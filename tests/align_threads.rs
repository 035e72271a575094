//! The aligner's result does not depend on how many threads it runs on: a document long
//! enough to be read in parallel blocks and searched in parallel stretches gives the same
//! beads on one thread as on two.

use bitext::align::{align, AlignOptions, Bead};
use bitext::segment::{lines, Segment};
use std::path::Path;

/// The MAC dev chapters and the academic document one after the other, `times` times over
/// (as `bitext bench --synthetic` builds its long pairs).
fn long_pair(data: &Path, times: usize) -> (Vec<Segment>, Vec<Segment>) {
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    for _ in 0..times {
        for set in ["align/mac-dev", "align/aca"] {
            let dir = data.join(set);
            let mut names: Vec<_> = std::fs::read_dir(dir.join("zh"))
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            names.sort();
            for name in names {
                let read =
                    |side: &str| std::fs::read_to_string(dir.join(side).join(&name)).unwrap();
                zh.extend(lines(&read("zh")));
                en.extend(lines(&read("en")));
            }
        }
    }
    (zh, en)
}

fn on_threads(threads: usize, zh: &[Segment], en: &[Segment]) -> Vec<Bead> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(|| align(zh, en, &AlignOptions::default()))
}

#[test]
fn one_thread_and_two_threads_give_the_same_alignment() {
    let Some(data) =
        crate::workdir::shared_data("one_thread_and_two_threads_give_the_same_alignment")
    else {
        return;
    };
    // Over 2,048 Chinese sentences: searched in stretches, read in blocks.
    let (zh, en) = long_pair(&data, 2);
    assert!(
        zh.len() > 2048 && en.len() > 2048,
        "{} x {}",
        zh.len(),
        en.len()
    );
    let one = on_threads(1, &zh, &en);
    let two = on_threads(2, &zh, &en);
    assert!(one.len() > zh.len() / 2, "{} beads", one.len());
    assert_eq!(one, two);
}
