//! Fixtures shared by the test modules (and, through `#[path]`, by `drift::support`'s unit
//! tests): ordinary, literally translated sentence pairs that give a document its length
//! ratio and its dictionary support, for checks that must find (or not find) what one
//! replaced row adds.

/// Chinese sentences, one a line, and their English translations.
pub const PAIRS: [(&str, &str); 12] = [
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

/// The first ten of [`PAIRS`] as auto-captions read them: lower case, no punctuation.
pub fn as_captions() -> Vec<(&'static str, String)> {
    PAIRS[..10]
        .iter()
        .map(|&(zh, en)| {
            let words: String = en
                .chars()
                .filter(|c| c.is_alphanumeric() || c.is_whitespace() || *c == '\'')
                .collect();
            (zh, words.to_lowercase())
        })
        .collect()
}
