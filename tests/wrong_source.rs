//! Tests: a transcript of another talk (or any English that does not translate the Chinese)
//! makes `align` and `run` stop with exit 2 and a message saying so, instead of writing a
//! corpus and a drift report of hundreds of findings.

use crate::run::copy_corpus;
use crate::workdir::Workdir;

/// Chinese sentences, one a line, and their English translations.
const PAIRS: [(&str, &str); 12] = [
    (
        "我们在山上种了很多树。",
        "We planted many trees on the mountain.",
    ),
    (
        "这条河很长，水也很清。",
        "This river is very long and its water is very clear.",
    ),
    (
        "老师每天早上骑自行车去学校。",
        "The teacher rides a bicycle to school every morning.",
    ),
    (
        "她在厨房里做饭，孩子们在院子里玩。",
        "She cooked in the kitchen while the children played in the yard.",
    ),
    (
        "冬天来了，天气越来越冷。",
        "Winter came, and the weather grew colder and colder.",
    ),
    (
        "他把信放在桌子上，然后出了门。",
        "He put the letter on the table and then went out the door.",
    ),
    (
        "村里的农民种小麦和玉米。",
        "The farmers in the village grow wheat and corn.",
    ),
    (
        "火车晚上八点到达北京。",
        "The train arrives in Beijing at eight in the evening.",
    ),
    (
        "医生说他需要多休息。",
        "The doctor said he needed more rest.",
    ),
    ("我们在湖边吃了午饭。", "We ate lunch by the lake."),
    (
        "市场上的水果又新鲜又便宜。",
        "The fruit in the market is fresh and cheap.",
    ),
    ("妈妈给我买了一本新书。", "Mother bought me a new book."),
];

/// English about something else entirely.
fn other_talk(i: usize) -> String {
    [
        "Quarterly revenue of the cloud division exceeded analyst expectations despite currency headwinds.",
        "Our compiler now emits vectorised loops for most numeric kernels on modern processors.",
        "The committee postponed the vote on the pension reform until after the election.",
        "Investors worried that rising interest rates would slow mortgage lending considerably.",
    ][i % 4]
        .to_string()
}

fn lines(side: impl Fn(usize) -> String, n: usize) -> String {
    (0..n).map(|i| side(i) + "\n").collect()
}

#[test]
fn align_stops_on_english_that_does_not_translate_the_chinese() {
    let wd = Workdir::new();
    let n = 2 * PAIRS.len();
    wd.write("zh.txt", lines(|i| PAIRS[i % PAIRS.len()].0.to_string(), n));
    wd.write("other.txt", lines(other_talk, n));
    let err = wd.fails(
        &["align", "--segmented", "zh.txt", "other.txt", "-o", "out"],
        2,
    );
    assert!(
        err.contains("zh.txt")
            && err.contains("other.txt")
            && err.contains("do not look like translations of each other"),
        "{err}"
    );
    assert!(!wd.path().join("out/corpus.tsv").exists());
}

#[test]
fn align_accepts_a_translation() {
    let wd = Workdir::new();
    let n = 2 * PAIRS.len();
    wd.write("zh.txt", lines(|i| PAIRS[i % PAIRS.len()].0.to_string(), n));
    wd.write("en.txt", lines(|i| PAIRS[i % PAIRS.len()].1.to_string(), n));
    wd.stdout(&["align", "--segmented", "zh.txt", "en.txt", "-o", "out"]);
    assert!(wd.path().join("out/corpus.tsv").is_file());
}

#[test]
fn run_stops_on_a_transcript_of_another_talk() {
    let wd = Workdir::new();
    copy_corpus(&wd, "demo");
    let mut vtt = String::from("WEBVTT\n\n");
    for i in 0..40 {
        vtt.push_str(&format!(
            "00:{:02}:{:02}.000 --> 00:{:02}:{:02}.000\n{}\n\n",
            i * 5 / 60,
            i * 5 % 60,
            (i * 5 + 5) / 60,
            (i * 5 + 5) % 60,
            other_talk(i)
        ));
    }
    wd.write("corpus/demo/en.vtt", vtt);
    let err = wd.fails(&["run", "demo"], 2);
    assert!(
        err.contains("demo") && err.contains("do not look like translations of each other"),
        "{err}"
    );
    assert!(!wd.path().join("out/demo/drift.md").exists());
    assert!(!wd.path().join("out/demo/index.html").exists());
}
