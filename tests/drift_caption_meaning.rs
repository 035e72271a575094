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
