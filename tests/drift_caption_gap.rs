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

/// Plain, literally translated sentences (one a row). The caption document tells them twice
/// (the trace measures a stretch against the document's other windows, so it needs more
/// text than one stretch's surroundings: told once, every window overlaps the stretch),
/// with a long caption sentence, whose Chinese is [`ORPHAN_ZH`], after row `ORPHAN_AFTER`.
const STORY: [(&str, &str); 20] = [
    (
        "老人每天早上去市场买菜。",
        "every morning the old man goes to the market to buy vegetables",
    ),
    (
        "他喜欢红色的苹果和新鲜的鱼。",
        "he likes red apples and fresh fish",
    ),
    (
        "市场旁边有一条小河。",
        "next to the market there is a small river",
    ),
    (
        "孩子们在河边玩水。",
        "the children play with water by the river",
    ),
    ("老人的妻子在家里做饭。", "the old man's wife cooks at home"),
    (
        "她会做很好吃的面条。",
        "she can make very delicious noodles",
    ),
    (
        "下午老人在公园里看书。",
        "in the afternoon the old man reads books in the park",
    ),
    (
        "公园里有很多高大的树。",
        "there are many tall trees in the park",
    ),
    ("鸟在树上唱歌。", "birds sing in the trees"),
    (
        "晚上他们一起吃饭。",
        "in the evening they eat dinner together",
    ),
    ("饭后他们听音乐。", "after dinner they listen to music"),
    ("老人的儿子住在北京。", "the old man's son lives in beijing"),
    (
        "儿子每个星期给父母打电话。",
        "every week the son telephones his parents",
    ),
    ("他在一家医院当医生。", "he works as a doctor in a hospital"),
    (
        "医院很大，病人很多。",
        "the hospital is big and there are many patients",
    ),
    (
        "冬天的时候，天气很冷。",
        "in winter the weather is very cold",
    ),
    (
        "老人穿着厚厚的大衣出门。",
        "the old man goes out wearing a thick coat",
    ),
    ("春天来了，花开了。", "spring came and the flowers opened"),
    (
        "老人和妻子在花园里种花。",
        "the old man and his wife plant flowers in the garden",
    ),
    ("他们的生活简单而快乐。", "their life is simple and happy"),
];
const ORPHAN_AFTER: usize = STORY.len() + 8;
const ORPHAN_ZH: &str =
    "一只黄猫安静地睡在厨房温暖的屋顶上，白狗从打开的窗户看着热闹的街道，一个小男孩骑着蓝色的自行车慢慢经过老面包店。";
const ORPHAN_EN: &str = "a yellow cat sleeps quietly on the warm roof of the kitchen while the white dog watches the busy street from the open window and a small boy rides his blue bicycle slowly past the old bakery";

/// The story as caption rows (two seconds each); `translated`: whether the orphan
/// sentence's Chinese is there (in its own row) or dropped (its English glued onto the
/// row before, as the aligner leaves it on captions).
fn story(translated: bool) -> Corpus {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (k, (zh, en)) in STORY.iter().chain(STORY.iter()).enumerate() {
        pairs.push((zh.to_string(), en.to_string()));
        if k == ORPHAN_AFTER {
            if translated {
                pairs.push((ORPHAN_ZH.to_string(), ORPHAN_EN.to_string()));
            } else {
                pairs.last_mut().expect("a row").1 += &format!(" {ORPHAN_EN}");
            }
        }
    }
    let mut corpus = Corpus::from_pairs(pairs.iter().map(|(z, e)| (z.as_str(), e.as_str())));
    for (k, r) in corpus.rows.iter_mut().enumerate() {
        r.start_ms = Some(k as u64 * 2000);
        r.end_ms = Some(k as u64 * 2000 + 2000);
    }
    corpus
}

fn omissions(corpus: &Corpus) -> Vec<drift::Finding> {
    drift::check(corpus, &DriftOptions::default())
        .findings
        .into_iter()
        .filter(|f| f.kind == Kind::Omission)
        .collect()
}

#[test]
fn a_caption_sentence_whose_chinese_was_dropped_is_found_on_the_document_trace() {
    let found = omissions(&story(false));
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!((f.row, f.last_row), (ORPHAN_AFTER, ORPHAN_AFTER), "{f:#?}");
    assert!(f.message.contains("yellow cat"), "{}", f.message);
    assert!(f.message.contains("bakery"), "{}", f.message);
    // The row's caption time span.
    assert!(f.message.contains("(56.0–58.0 s)"), "{}", f.message);
    assert_eq!(drift::Severity::Info, f.severity);
}

#[test]
fn the_same_captions_with_the_sentence_translated_give_no_omission() {
    assert!(omissions(&story(true)).is_empty());
}

#[test]
fn the_trace_runs_on_captions_only() {
    // The same drop in punctuated English is the in-row rule's business: the trace does
    // not report it (whatever the in-row rule says).
    let mut corpus = story(false);
    for r in &mut corpus.rows {
        r.en = format!("{}.", r.en);
    }
    let traced: Vec<_> = omissions(&corpus)
        .into_iter()
        .filter(|f| f.message.contains("passage's Chinese"))
        .collect();
    assert!(traced.is_empty(), "{traced:#?}");
}
