//! Tests: reading a Chinese article into title, front matter, headings, turns, body and
//! back matter, and its sentences (the seed article in `corpus/`, and our own fixtures).

use crate::workdir;
use bitext::segment::{zh, Segment, SegmentKind};
use bitext::source::article::{self, Article, BlockKind};
use proptest::prelude::*;

fn seed() -> Article {
    let path = workdir::repo().join("corpus/kevin-scott/zh.txt");
    article::parse(bitext::text::files::read_text(&path).expect("read the seed article"))
}

fn count(article: &Article, kind: BlockKind) -> usize {
    article.blocks.iter().filter(|b| b.kind == kind).count()
}

fn texts_of(article: &Article, kind: BlockKind) -> Vec<&str> {
    article
        .blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| article.block_text(b))
        .collect()
}

#[test]
fn seed_has_34_turns_by_three_speakers() {
    let a = seed();
    assert_eq!(a.speakers, ["Sarah Guo", "Kevin Scott", "Elad Gil"]);
    let turns = |name: &str| {
        a.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Speaker && b.speaker.as_deref() == Some(name))
            .count()
    };
    assert_eq!(count(&a, BlockKind::Speaker), 34);
    assert_eq!(
        (turns("Kevin Scott"), turns("Elad Gil"), turns("Sarah Guo")),
        (17, 10, 7)
    );
    // Every body paragraph belongs to a turn.
    assert!(a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .all(|b| b.speaker.is_some()));
}

#[test]
fn seed_has_8_section_headings_in_the_body() {
    let a = seed();
    let headings = texts_of(&a, BlockKind::Heading);
    assert_eq!(headings.len(), 8, "{headings:?}");
    assert_eq!(headings[0], "追逐理想,人生无法复制");
    assert_eq!(headings[1], "投资OpenAI,1+1>2");
    assert_eq!(headings[7], "AI的安全性:拥抱监管,建立信赖");
    // Each section's first turn knows its section.
    let first_turn = a
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Paragraph)
        .unwrap();
    assert_eq!(first_turn.section.as_deref(), Some("追逐理想,人生无法复制"));
}

#[test]
fn seed_front_and_back_matter_are_not_body() {
    let a = seed();
    assert_eq!(texts_of(&a, BlockKind::Title).len(), 1);
    let front = texts_of(&a, BlockKind::Front).join("\n");
    for part in [
        "编者按",
        "(资料图片)",
        "本期内容分为以下话题",
        "投资OpenAI,1+1>",
    ] {
        assert!(front.contains(part), "front matter holds {part}");
    }
    let back = texts_of(&a, BlockKind::Back).join("\n");
    for part in ["Reference:", "https://www.youtube.com/", "版权", "关键词"] {
        assert!(back.contains(part), "back matter holds {part}");
    }
    let body: Vec<Segment> = zh::sentences(&a)
        .into_iter()
        .filter(|s| s.kind == SegmentKind::Body)
        .collect();
    for seg in &body {
        for part in [
            "编者按",
            "资料图片",
            "本期内容分为",
            "Reference",
            "youtube.com",
            "版权归",
            "关键词:",
            "对谈Kevin Scott",
        ] {
            assert!(
                !seg.text.contains(part),
                "body sentence with {part}: {seg:?}"
            );
        }
    }
    assert!(body.len() > 200, "{} body sentences", body.len());
    assert_eq!(body.iter().filter(|s| s.turn_start).count(), 34);
}

#[test]
fn seed_translators_notes_are_marked_inside_their_sentence() {
    let sentences = zh::sentences(&seed());
    let tinkering = sentences
        .iter()
        .find(|s| s.text.contains("Tinkering("))
        .expect("the Tinkering sentence");
    let notes: Vec<&str> = tinkering
        .notes
        .iter()
        .map(|r| &tinkering.text[r.clone()])
        .collect();
    assert_eq!(
        notes,
        [
            "(通常是一种具有试错性质的活动,通过不断地调整和实验,以解决问题或实现目标)",
            "(美国早期的一家电子零售商)"
        ]
    );
    assert!(tinkering
        .text_without_notes()
        .contains("调试和 Tinkering,那是一台 Radio Shack售卖"));
    let satya = sentences
        .iter()
        .find(|s| s.text.contains("萨提亚(Satya)"))
        .unwrap();
    assert!(satya.notes.is_empty(), "a gloss is not a note: {satya:?}");
    let string_theory = sentences
        .iter()
        .find(|s| s.text.contains("(弦理论,即String Theory"))
        .unwrap();
    assert_eq!(string_theory.notes.len(), 1);
}

#[test]
fn plain_article_without_speakers_is_all_body() {
    let a = article::parse("今天天气很好。我们去公园吧。\n\n公园里人很多，大家都很开心。\n".into());
    assert!(a.speakers.is_empty());
    let sentences = zh::sentences(&a);
    assert_eq!(sentences.len(), 3);
    assert!(sentences
        .iter()
        .all(|s| s.kind == SegmentKind::Body && s.speaker.is_none() && s.section.is_none()));
    assert_eq!(
        sentences.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
        [0, 0, 1]
    );
}

#[test]
fn plain_article_with_title_headings_and_matter() {
    let a = article::parse(include_str!("fixtures/zh/plain.txt").into());
    assert!(a.speakers.is_empty());
    assert_eq!(texts_of(&a, BlockKind::Title), ["城市里的夜跑者"]);
    assert_eq!(
        texts_of(&a, BlockKind::Front),
        [
            "编者按：本文讲述了几位夜跑爱好者的故事。",
            "（图片来源：视觉中国）"
        ]
    );
    assert_eq!(texts_of(&a, BlockKind::Heading), ["起步", "坚持"]);
    assert_eq!(texts_of(&a, BlockKind::Back), ["（完）", "责任编辑：李四"]);
    let sentences = zh::sentences(&a);
    let last = sentences
        .iter()
        .rfind(|s| s.kind == SegmentKind::Body)
        .unwrap();
    assert_eq!(last.text, "但他还是会出门。");
    assert_eq!(last.section.as_deref(), Some("坚持"));
    assert!(sentences.iter().any(|s| s.text == "“跑步让我安静下来。”"));
}

#[test]
fn chinese_speakers_with_colons_open_turns() {
    let a = article::parse(include_str!("fixtures/zh/colon-interview.txt").into());
    assert_eq!(a.speakers, ["主持人", "张三"]);
    assert_eq!(count(&a, BlockKind::Speaker), 6);
    assert_eq!(texts_of(&a, BlockKind::Title), ["对话张三：做一家慢公司"]);
    assert_eq!(
        texts_of(&a, BlockKind::Front),
        ["本期嘉宾是手工家具品牌创始人张三。"]
    );
    assert_eq!(texts_of(&a, BlockKind::Heading), ["融资与增长"]);
    assert_eq!(texts_of(&a, BlockKind::Back), ["关键词：创业"]);
    let sentences = zh::sentences(&a);
    let first = &sentences
        .iter()
        .find(|s| s.kind == SegmentKind::Body)
        .unwrap();
    assert_eq!(first.text, "欢迎来到节目。");
    assert_eq!(first.speaker.as_deref(), Some("主持人"));
    assert!(first.turn_start);
    let company = sentences
        .iter()
        .find(|s| s.text.contains("现在的公司"))
        .unwrap();
    assert_eq!(company.speaker.as_deref(), Some("张三"));
    assert_eq!(company.notes.len(), 1, "{company:?}");
}

#[test]
fn interview_with_credits_name_lines_and_a_one_turn_guest() {
    let a = article::parse(include_str!("fixtures/zh/credits-interview.txt").into());
    assert_eq!(a.speakers, ["主持人", "黄仁勋", "Satya Nadella"]);
    assert_eq!(count(&a, BlockKind::Speaker), 7);
    assert_eq!(texts_of(&a, BlockKind::Heading), ["算力", "开放"]);
    assert_eq!(texts_of(&a, BlockKind::Front).len(), 5);
    assert_eq!(texts_of(&a, BlockKind::Back).len(), 2);
    let sentences = zh::sentences(&a);
    let noted = sentences
        .iter()
        .find(|s| s.text.starts_with("加速计算"))
        .unwrap();
    assert_eq!(noted.text_without_notes(), "加速计算已经走过了三十年。");
    assert_eq!(noted.speaker.as_deref(), Some("黄仁勋"));
    assert_eq!(noted.section.as_deref(), Some("算力"));
}

#[test]
fn latin_names_with_colons_open_turns() {
    let text = "Sarah Guo: 你好,欢迎。今天聊什么?\nKevin Scott：聊聊 AI。\nSarah Guo: 好的。\nKevin Scott：开始吧!\n";
    let a = article::parse(text.into());
    assert_eq!(a.speakers, ["Sarah Guo", "Kevin Scott"]);
    let body: Vec<_> = zh::sentences(&a)
        .into_iter()
        .map(|s| (s.speaker.unwrap_or_default(), s.text))
        .collect();
    assert_eq!(
        body[0],
        ("Sarah Guo".to_string(), "你好,欢迎。".to_string())
    );
    assert_eq!(
        body[2],
        ("Kevin Scott".to_string(), "聊聊 AI。".to_string())
    );
}

#[test]
fn a_heading_without_speakers_needs_paragraphs_around_it() {
    let a = article::parse("正文开始了。\n小标题\n正文继续。\n甲\n乙\n".into());
    assert_eq!(texts_of(&a, BlockKind::Heading), ["小标题"]);
}

/// Text made of Chinese, Latin, digits and every kind of punctuation the rules care about.
fn messy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "你好",
        "Kevin Scott",
        "主持人",
        "：",
        ":",
        "。",
        "！",
        "？",
        "!",
        "?",
        "……",
        "…",
        "“",
        "”",
        "「",
        "」",
        "『",
        "』",
        "（",
        "）",
        "(",
        ")",
        "《",
        "》",
        "\"",
        "'",
        "，",
        ",",
        "；",
        "、",
        "3.5",
        "U.S.",
        "GPT-4",
        " ",
        "\n",
        "\n\n",
        "\r",
        "\u{3000}",
        "https://a.b/c?d=e",
        "编者按:",
        "Reference:",
        "关键词:",
        "版权所有",
        "图片",
        "即",
        "一种很长的解释性的说明文字",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn check_sentences(text: String) -> Result<(), TestCaseError> {
    let a = article::parse(text);
    let sentences = zh::sentences(&a);
    let mut last_end = 0;
    for s in &sentences {
        prop_assert!(s.range.start >= last_end && s.range.start < s.range.end);
        prop_assert!(s.range.end <= a.text.len());
        prop_assert!(
            a.text.is_char_boundary(s.range.start) && a.text.is_char_boundary(s.range.end)
        );
        prop_assert_eq!(&a.text[s.range.clone()], s.text.as_str());
        for n in &s.notes {
            prop_assert!(n.end <= s.text.len() && s.text.is_char_boundary(n.start));
        }
        last_end = s.range.end;
    }
    // Every non-white-space character of the non-speaker blocks is in exactly one sentence.
    for block in a.blocks.iter().filter(|b| b.kind != BlockKind::Speaker) {
        for (at, c) in a.text[block.range.clone()].char_indices() {
            let at = block.range.start + at;
            let holders = sentences.iter().filter(|s| s.range.contains(&at)).count();
            if c.is_whitespace() {
                prop_assert!(holders <= 1, "char {:?} at {}", c, at);
            } else {
                prop_assert_eq!(holders, 1, "char {:?} at {}", c, at);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(crate::fuzz_config::fixed(256, 23))]

    #[test]
    fn sentences_cover_their_blocks_for_any_string(text in any::<String>()) {
        check_sentences(text)?;
    }

    #[test]
    fn sentences_cover_their_blocks_for_punctuation_mixes(text in messy_text()) {
        check_sentences(text)?;
    }

    #[test]
    fn any_bytes_decode_or_are_refused_then_split(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let path = std::path::Path::new("any.txt");
        if let Ok((text, _)) = bitext::text::files::decode(&bytes, path) {
            check_sentences(text)?;
        }
    }
}
