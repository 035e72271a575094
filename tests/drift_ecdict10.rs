//! Tests: the support check reads ECDICT's common English words as well as CC-CEDICT's
//! glosses (issue 14, session 10), through the library's public `drift::check`, with rows of
//! our own: a terse rendering whose only dictionary link is an ECDICT word is not a drop, the
//! same English without its Chinese still is, and an added Chinese sentence is still added.

use bitext::corpus::Corpus;
use bitext::drift::{check, Kind};

/// Ordinary, literally translated rows: twelve of them give the document its own length
/// ratio (below eight the check falls back on a prior).
const PLAIN: &[(&str, &str)] = &crate::plain_pairs::PAIRS;

/// The omission and addition findings on six plain rows, `row`, and six more, as (kind,
/// row, message).
fn found(row: (&str, &str)) -> Vec<(Kind, usize, String)> {
    let mut pairs = PLAIN[..6].to_vec();
    pairs.push(row);
    pairs.extend(PLAIN[6..].iter().copied());
    let report = check(&Corpus::from_pairs(pairs), &Default::default());
    report
        .findings
        .iter()
        .filter(|f| matches!(f.kind, Kind::Omission | Kind::Addition))
        .map(|f| (f.kind, f.row, f.message.clone()))
        .collect()
}

const ORATION: &str =
    "This river is very long and its water is very clear. The mayor delivered a rousing oration beside it.";

#[test]
fn a_terse_rendering_linked_by_ecdict_is_not_a_dropped_sentence() {
    // 他发表了演说 renders the second sentence tersely (the mayor is 他; "rousing" and
    // "beside it" left out). CC-CEDICT links one of its five content words (delivered ↔ 发表),
    // which reads as unrendered; ECDICT's 演说 ↔ "oration" makes two.
    let terse = found(("这条河很长，水也很清。他发表了演说。", ORATION));
    assert_eq!(terse, vec![]);
}

#[test]
fn the_same_sentence_without_its_chinese_is_still_dropped() {
    let dropped = found(("这条河很长，水也很清。", ORATION));
    assert_eq!(dropped.len(), 1, "{dropped:?}");
    assert_eq!((dropped[0].0, dropped[0].1), (Kind::Omission, 6));
    assert!(dropped[0]
        .2
        .contains("“The mayor delivered a rousing oration beside it.”"));
}

#[test]
fn an_added_sentence_ecdict_cannot_link_is_still_added() {
    // 耳语 is "whisper" in ECDICT, but the English says nothing of it.
    let added = found((
        "火车晚上八点到达北京。乘客们在站台上低声耳语。",
        "The train arrives in Beijing at eight in the evening.",
    ));
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!((added[0].0, added[0].1), (Kind::Addition, 6));
    assert!(added[0].2.contains("“乘客们在站台上低声耳语。”"));
}
