//! Tests: precision of the segmented omissions and additions (issue 14, session 9), through
//! the library's public `drift::check`, with rows of our own that must and must not trigger:
//! a one-sided row the aligner split off its neighbour, a run of unmatched words across a
//! comma, reported speech, and a whole Chinese row whose English nothing next door renders.

use bitext::corpus::Corpus;
use bitext::drift::{check, Kind};

/// Ordinary, literally translated rows that give the document its length ratio.
const PLAIN: &[(&str, &str)] = &crate::plain_pairs::PAIRS;

/// The omission and addition findings on three plain rows followed by `rows`, as (kind,
/// row).
fn found(rows: &[(&str, &str)]) -> Vec<(Kind, usize)> {
    let mut pairs = PLAIN[..3].to_vec();
    pairs.extend(rows.iter().copied());
    pairs.extend(PLAIN[3..6].iter().copied());
    let report = check(&Corpus::from_pairs(pairs), &Default::default());
    report
        .findings
        .iter()
        .filter(|f| matches!(f.kind, Kind::Omission | Kind::Addition))
        .map(|f| (f.kind, f.row))
        .collect()
}

#[test]
fn an_english_sentence_its_neighbour_renders_is_a_split_not_a_drop() {
    // 叹了口气 renders "He sighed.", which the aligner left in a row of its own: merged
    // with the row before, the pair scores no worse, so nothing is missing.
    let split = found(&[
        ("老王摇了摇头，叹了口气。", "Old Wang shook his head."),
        ("", "He sighed."),
    ]);
    assert_eq!(split, vec![]);
    // A long sentence nothing renders: merged, the pair would be far too long for its
    // Chinese. Still a drop.
    let dropped = found(&[
        ("老王摇了摇头。", "Old Wang shook his head."),
        (
            "",
            "The committee then approved a budget of four million dollars for the new hospital wing.",
        ),
    ]);
    assert_eq!(dropped, vec![(Kind::Omission, 4)]);
}

#[test]
fn a_chinese_sentence_with_no_english_is_still_added() {
    // A translator's explanation in a row of its own: merging it into its neighbour makes
    // the neighbour's pair worse, so it is an addition.
    let added = found(&[
        ("老王摇了摇头。", "Old Wang shook his head."),
        ("西湖是杭州城西的一个大湖，湖边种满了柳树。", ""),
    ]);
    assert_eq!(added, vec![(Kind::Addition, 4)]);
}

#[test]
fn an_unmatched_stretch_across_a_comma_is_not_a_dropped_clause() {
    // Each clause keeps a rendered word (farmers, wheat; walls, day); the unmatched words
    // run from the tail of one clause ("hauling heavy stones") into the head of the next
    // ("patiently mending"), which main at the session's start reported: a free rendering.
    let en = "The farmers in the village grow wheat while hauling heavy stones, patiently mending walls every day.";
    let zh = "村里的农民种小麦，每天都修墙。";
    assert_eq!(found(&[(zh, en)]), vec![]);
    // The same sentence with its second clause left out entirely is still a drop.
    let en = "The farmers in the village grow wheat, carefully hauling enormous granite boulders uphill.";
    assert_eq!(
        found(&[("村里的农民种小麦。", en)]),
        vec![(Kind::Omission, 3)]
    );
}

#[test]
fn a_reported_verb_of_saying_is_rendered_by_shuo() {
    // "said" is 说; without it the clause of reported speech would be unmatched.
    let en = "The old doctor said that the medicine would certainly help, and left quietly.";
    let zh = "老医生说这药一定有用，然后悄悄走了。";
    assert_eq!(found(&[(zh, en)]), vec![]);
}
