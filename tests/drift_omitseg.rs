//! Tests: omissions and additions inside the rows of segmented text (`drift::support`),
//! through the library's public `drift::check`: what wider lexical evidence (numbers,
//! WordNet derivations) and reported speech change, with rows that must and must not
//! trigger.

use bitext::corpus::Corpus;
use bitext::drift::{check, Kind};

/// Ordinary, literally translated rows that give the document its length ratio.
const PLAIN: &[(&str, &str)] = &crate::plain_pairs::PAIRS;

/// The kinds of the omission and addition findings on the plain rows with row `at`
/// replaced by `rows`, with the rows they sit on.
fn found(at: usize, rows: &[(&str, &str)]) -> Vec<(Kind, usize)> {
    let mut pairs = PLAIN[..10].to_vec();
    pairs.splice(at..at + 1, rows.iter().copied());
    let report = check(&Corpus::from_pairs(pairs), &Default::default());
    report
        .findings
        .iter()
        .filter(|f| matches!(f.kind, Kind::Omission | Kind::Addition))
        .map(|f| (f.kind, f.row))
        .collect()
}

#[test]
fn a_number_written_in_words_is_not_an_omission() {
    // "Twenty-two percent" is 22%: the clause is rendered.
    let en = "Twenty-two percent of the farmers in the village grow wheat and corn.";
    assert_eq!(found(6, &[("村里有22%的农民种小麦和玉米。", en)]), vec![]);
}

#[test]
fn a_dropped_sentence_is_still_reported() {
    let en = "He put the letter on the table and then went out the door. The enormous garden behind the palace was flooded with moonlight and silence.";
    assert_eq!(
        found(5, &[("他把信放在桌子上，然后出了门。", en)]),
        vec![(Kind::Omission, 5)]
    );
}

#[test]
fn an_added_narration_is_reported_and_a_speech_is_not() {
    let en = "He was not going to be outdone.";
    let narration = "宫里的点心向来做得十分精致，人人都爱吃。";
    assert_eq!(
        found(2, &[(narration, en), PLAIN[2]]),
        vec![(Kind::Addition, 2)]
    );
    let speech = format!("海老公道：“{narration}”");
    assert_eq!(found(2, &[(speech.as_str(), en), PLAIN[2]]), vec![]);
}
