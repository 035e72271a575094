//! Tests: `drift::caption_meaning`, negations and questions on unpunctuated captions
//! (clause pairing, a negation or question across a caption cut, questions by word order),
//! each with fixtures that must and must not trigger.

use bitext::corpus::{Corpus, Row};
use bitext::drift::{check, DriftOptions, Finding, Kind};

/// Caption rows (lower case, no punctuation in the English), one second each.
fn captions(rows: &[(&str, &str)]) -> Corpus {
    Corpus {
        rows: rows
            .iter()
            .enumerate()
            .map(|(k, (zh, en))| Row {
                zh: (*zh).into(),
                en: (*en).into(),
                start_ms: Some(k as u64 * 1000),
                end_ms: Some(k as u64 * 1000 + 1000),
                ..Row::default()
            })
            .collect(),
        ..Corpus::default()
    }
}

fn of_kind(corpus: &Corpus, kind: Kind) -> Vec<Finding> {
    check(corpus, &DriftOptions::default())
        .findings
        .into_iter()
        .filter(|f| f.kind == kind)
        .collect()
}

const SMOKER_EN: &str = "my uncle is a careful man these days he does not drink any wine and late at night after a long day at the office he never smokes a cigarette and he runs in the park every day";

#[test]
fn a_clause_that_renders_a_negated_predicate_positively_is_flagged() {
    let slip = captions(&[(
        "叔叔如今很小心，他不喝酒，深夜下班以后也抽烟，每天都去公园跑步。",
        SMOKER_EN,
    )]);
    let f = of_kind(&slip, Kind::Negation);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message.contains("never") && f[0].message.contains("smokes"),
        "{f:?}"
    );
}

#[test]
fn a_row_whose_clauses_negate_as_the_english_does_is_not_flagged() {
    let clean = captions(&[(
        "叔叔如今很小心，他不喝酒，深夜下班以后也不抽烟，每天都去公园跑步。",
        SMOKER_EN,
    )]);
    assert!(of_kind(&clean, Kind::Negation).is_empty());
    // A litotes (two negations that make a positive) is rendered positively.
    let litotes = captions(&[(
        "她哥哥虽然升了官，只怕她还认得我们，你为什么不去看看她呢",
        "you know her brother has been promoted but i shouldn't be surprised if she didn't still remember us after all these years so why not go and see her",
    )]);
    assert!(of_kind(&litotes, Kind::Negation).is_empty());
}

#[test]
fn a_negation_at_the_head_of_the_next_caption_row_is_followed_back() {
    let rows = |first: &str| {
        captions(&[
            (first, "she looked up at the clock on the wall and said that she had come as fast as she could"),
            (
                "门开了，一个学生走了进来。",
                "and i hope the teacher won't be angry with me the door opened and a student came in",
            ),
        ])
    };
    let slip = of_kind(&rows("她说，想来老师也会很生气。"), Kind::Negation);
    assert!(
        slip.iter().any(|f| f.row == 0 && f.last_row == 1),
        "{slip:?}"
    );
    // The translation negates in the previous row: nothing to report.
    let clean = of_kind(&rows("她说，想来老师也不会生气。"), Kind::Negation);
    assert!(clean.is_empty(), "{clean:?}");
}

#[test]
fn a_wh_question_by_word_order_facing_a_statement_is_flagged() {
    let rows = |zh: &str| {
        captions(&[
            ("会议结束以后，大家都走了。", "when the meeting was over everybody went home for the night"),
            (
                zh,
                "after the meeting was over she turned to the young teacher and asked what did the headmaster say about the exam",
            ),
            ("老师笑了笑，没有回答。", "the teacher smiled and gave no answer at all"),
        ])
    };
    let slip = of_kind(
        &rows("她转身问年轻的老师：“校长这么说了考试的事。”"),
        Kind::Question,
    );
    assert!(
        slip.iter()
            .any(|f| f.row == 1 && f.message.contains("what did the headmaster")),
        "{slip:?}"
    );
    let clean = of_kind(
        &rows("她转身问年轻的老师：“校长怎么说考试的事？”"),
        Kind::Question,
    );
    assert!(clean.is_empty(), "{clean:?}");
}

#[test]
fn embedded_clauses_and_greetings_are_not_questions() {
    for en in [
        "he insisted on the separation between the two kinds of law the former describes what is the latter what ought to be",
        "she stood up from her chair by the window and greeted the old woman with a civil how do you do and a smile",
        "this is the old friend of the family who was the leader of the village for many years before the war",
    ] {
        let corpus = captions(&[
            ("他们在院子里坐着。", "they were sitting in the courtyard in the sun all afternoon"),
            ("她站起来，向老人问好。", en),
            ("然后大家都坐下了。", "and then everybody sat down again and the talk went on"),
        ]);
        let f = of_kind(&corpus, Kind::Question);
        assert!(f.is_empty(), "{en}: {f:?}");
    }
}

#[test]
fn a_question_opening_the_next_caption_row_belongs_to_the_previous_rows_chinese() {
    let rows = |zh: &str, before: &str| {
        captions(&[
            (zh, before),
            (
                "他低下头，一句话也没说。",
                "did you finish your homework he lowered his head and said nothing",
            ),
        ])
    };
    let en = "the teacher looked at him over the top of her glasses and said";
    let slip = of_kind(
        &rows("老师看着他，说：“你做完作业了。”", en),
        Kind::Question,
    );
    assert!(
        slip.iter().any(|f| f.row == 0 && f.last_row == 1),
        "{slip:?}"
    );
    let clean = of_kind(
        &rows("老师看着他，问：“你做完作业了吗？”", en),
        Kind::Question,
    );
    assert!(clean.is_empty(), "{clean:?}");
    // After "nor" English inverts in a statement: no question across the cut.
    let nor = of_kind(
        &rows(
            "老师看着他，说他不累，也不想睡。",
            "he said he was not tired nor",
        ),
        Kind::Question,
    );
    assert!(nor.iter().all(|f| f.last_row == f.row), "{nor:?}");
}

#[test]
fn a_subject_wh_question_facing_a_statement_is_flagged() {
    // "who could prove it" asks with no inversion: the wh-word is the subject.
    let rows = |zh: &str| {
        captions(&[
            (
                "我本可以说，那钱不是我拿的。",
                "i could have told them that i never took the money from the",
            ),
            (
                zh,
                "box who could prove i took it but i said nothing at all",
            ),
            (
                "我只是站在那里，一句话也不说。",
                "and just stood there in silence",
            ),
        ])
    };
    let slip = of_kind(&rows("有人能证明钱是我拿的。"), Kind::Question);
    assert!(
        slip.iter()
            .any(|f| f.row == 1 && f.message.contains("who could prove")),
        "{slip:?}"
    );
    // The Chinese asks, or renders the wh-word: no finding.
    for zh in ["谁能证明钱是我拿的？", "谁能证明钱是我拿的。"] {
        let clean = of_kind(&rows(zh), Kind::Question);
        assert!(clean.is_empty(), "{zh}: {clean:?}");
    }
}

#[test]
fn relative_and_embedded_who_and_what_are_not_questions() {
    for (zh, en) in [
        // A relative clause after a person.
        (
            "他说，任何能证明这件事的人都可以来找他。",
            "he said that anyone who could prove the story was welcome to come and see him",
        ),
        (
            "她嫁给了一个会好好待她的男人。",
            "she married a man who would treat her well for the rest of her life",
        ),
        // Embedded after a verb of knowing or a preposition.
        (
            "我们都知道那天晚上发生了什么事情。",
            "we all knew what happened that night in the village by the river",
        ),
        (
            "他回头看了看那天晚上发生的事。",
            "he looked back at what happened that night in the village by the river",
        ),
        // Not a wh-word at all (a dropped sentence once read as a question).
        (
            "于是我抽起烟来，一支接一支。",
            "so i started smoking one cigarette after another all night long",
        ),
    ] {
        let corpus = captions(&[
            (
                "他们在院子里坐着。",
                "they were sitting in the courtyard in the sun all afternoon",
            ),
            (zh, en),
            (
                "然后大家都坐下了。",
                "and then everybody sat down again and the talk went on",
            ),
        ]);
        let f = of_kind(&corpus, Kind::Question);
        assert!(f.is_empty(), "{en}: {f:?}");
    }
}

#[test]
fn a_negation_near_the_row_end_rendered_positively_is_flagged_when_the_next_row_is_another_sentence(
) {
    let rows = |zh: &str| {
        captions(&[
            (
                zh,
                "on the old bridge there are no dogs and usually no cars are allowed",
            ),
            (
                "如果汽车必须进来，司机要先问门卫。",
                "if a car must come in the driver first asks the guard",
            ),
        ])
    };
    let slip = of_kind(&rows("旧桥上没有狗，通常也允许汽车。"), Kind::Negation);
    assert!(
        slip.iter()
            .any(|f| f.row == 0 && f.message.contains("cars")),
        "{slip:?}"
    );
    let clean = of_kind(&rows("旧桥上没有狗，通常也不允许汽车。"), Kind::Negation);
    assert!(clean.is_empty(), "{clean:?}");
    // The next row's Chinese negates the predicate: the negation went there.
    let moved = captions(&[
        (
            "旧桥上没有狗，通常也允许汽车。",
            "on the old bridge there are no dogs and usually no cars are allowed",
        ),
        (
            "不过汽车不允许过桥。",
            "if a car must come in the driver first asks the guard",
        ),
    ]);
    let f = of_kind(&moved, Kind::Negation);
    assert!(f.is_empty(), "{f:?}");
}

fn with_glossary(corpus: &Corpus, en: &str, zh: &str) -> Vec<Finding> {
    let mut entry = bitext::glossary::Entry::new(en, zh);
    entry.kind = bitext::glossary::Kind::Name;
    let options = DriftOptions {
        rules: bitext::drift::terms::TermRules {
            glossary: Some(bitext::glossary::Glossary::from_entries(vec![entry])),
        },
        ..DriftOptions::default()
    };
    check(corpus, &options).findings
}

#[test]
fn a_pet_name_misspelt_one_caption_row_from_its_english_is_flagged() {
    // The caption cut put "gou er" at the end of the row before the Chinese that names him.
    let rows = |zh: &str| {
        captions(&[
            (
                "天还没亮，一家人就起来了。",
                "the family got up before dawn and when the food was ready gou er",
            ),
            (
                zh,
                "ran to the table and was scolded by his mother for his greed",
            ),
        ])
    };
    let slip = with_glossary(&rows("够儿跑到桌边，被他娘骂了一顿。"), "Gou er", "狗儿");
    assert!(
        slip.iter()
            .any(|f| f.kind == Kind::Name && f.row == 1 && f.message.contains("够儿")),
        "{slip:?}"
    );
    // The right name, or a word that does not sound like it (那儿), is no slip.
    for zh in [
        "狗儿跑到桌边，被他娘骂了一顿。",
        "他跑到那儿，被他娘骂了一顿。",
    ] {
        let f = with_glossary(&rows(zh), "Gou er", "狗儿");
        assert!(f.iter().all(|f| f.kind != Kind::Name), "{zh}: {f:?}");
    }
    // A surname stays a surname: 舟瑞 (zhou) is not a slip for 周瑞, only a misreading.
    let surname = captions(&[
        (
            "天还没亮，一家人就起来了。",
            "the family got up before dawn and zhou rui",
        ),
        ("舟瑞跑到桌边。", "ran to the table"),
    ]);
    let f = with_glossary(&surname, "Zhou Rui", "周瑞");
    assert!(f.iter().all(|f| f.kind != Kind::Name), "{f:?}");
}
