//! Tests: the in-row support check on the caption path (`drift::caption_gap`): an added
//! Chinese sentence none of whose words the captions support is reported on a weaker length
//! trace than elsewhere; one that shares a word with them, or whose row is not long for its
//! English, or whose English is punctuated, is held to the general rule.

use crate::plain_pairs;
use bitext::corpus::Corpus;
use bitext::drift::{self, DriftOptions, Kind};

/// The row's Chinese: a sentence the captions render, then one they do not (a translator's
/// remark about the postman), in a row that the captions' cut made only a little long.
const WITH_REMARK: &str = "他把信放在桌子上，然后出了门，走到路上。邮差老王是个热心人。";

/// The additions the drift report gives when row 5 of the plain caption rows
/// ([`plain_pairs::as_captions`]) is replaced by (zh, en).
fn additions(zh: &str, en: &str) -> Vec<drift::Finding> {
    let plain = plain_pairs::as_captions();
    let mut pairs: Vec<(&str, &str)> = plain.iter().map(|(z, e)| (*z, e.as_str())).collect();
    pairs[5] = (zh, en);
    let corpus = Corpus::from_pairs(pairs);
    drift::check(&corpus, &DriftOptions::default())
        .findings
        .into_iter()
        .filter(|f| f.kind == Kind::Addition)
        .collect()
}

#[test]
fn an_unsupported_sentence_on_captions_is_added_on_a_weaker_length_trace() {
    let found = additions(
        WITH_REMARK,
        "he put the letter on the table and then went out the door and walked slowly to the gate",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].row, 5);
    assert!(
        found[0].message.contains("“邮差老王是个热心人。”"),
        "{}",
        found[0].message
    );
}

#[test]
fn the_same_row_with_punctuated_english_needs_the_full_length_trace() {
    // The length evidence is the same (punctuation is not counted); off captions it is
    // below the general rule's 1.0.
    let found = additions(
        WITH_REMARK,
        "He put the letter on the table, and then went out the door and walked slowly to the gate.",
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_sentence_sharing_a_word_with_the_captions_is_held_to_the_general_rule() {
    // "old postman" renders 邮差 and 老 (as long as the gate above: the same length
    // evidence): the sentence is not wholly unsupported.
    let found = additions(
        WITH_REMARK,
        "he put the letter on the table and then went out the door and walked to the old postman",
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_row_that_is_not_long_for_its_captions_adds_nothing() {
    // More caption text in the row: the Chinese is no longer long for it.
    let found = additions(
        WITH_REMARK,
        "he put the letter on the table and then went out the door and walked slowly along the quiet road to the corner",
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_plain_caption_rows_add_nothing() {
    let plain = plain_pairs::as_captions();
    assert!(additions(plain[5].0, &plain[5].1).is_empty());
}
