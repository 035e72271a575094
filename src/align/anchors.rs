//! Anchors: tokens that mean the same on both sides whatever the dictionary says —
//! numbers (12亿 = 1.2 billion, 150万 = 1.5 million, 3,000 = 三千) and Latin-script words
//! inside the Chinese (OpenAI, GPT-4, Kevin). The aligner turns them into shared keys.
//! Numbers are read by [`crate::text::numbers`], the same reader the drift check uses.

/// Canonical key of a number value: `#` and the value with at most 4 significant decimals.
pub fn number_key(value: f64) -> String {
    let rounded = (value * 10_000.0).round() / 10_000.0;
    if rounded.fract() == 0.0 && rounded.abs() < 1e18 {
        format!("#{}", rounded as i64)
    } else {
        format!("#{rounded}")
    }
}

/// The number keys in a Chinese text: Arabic digits with optional decimals and a scale
/// (12亿, 1.5万, 3,000), percentages, and runs of Chinese numerals of two or more
/// characters (single 一 is too common to be evidence).
pub fn zh_numbers(text: &str) -> Vec<String> {
    keys(crate::text::numbers::extract_zh(text))
}

/// The number keys in an English text: digits (with `,` groups and decimals) and number
/// words, each with following scale words (1.2 billion, twelve million, 3 thousand).
/// Bare small number words (one … ten) are left out: they are too common to be evidence.
pub fn en_numbers(text: &str) -> Vec<String> {
    keys(crate::text::numbers::extract_en(text))
}

/// The Latin-script words inside a Chinese text (OpenAI, GPT-4), lower-cased.
pub fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .map(|w| w.to_ascii_lowercase())
        .collect()
}

/// Keys of the exact numbers that are evidence: small numbers written as words (一, two) are
/// too common to tell sentences apart, and vague ones (十几, dozens) have no single value.
fn keys(quantities: Vec<crate::text::numbers::Quantity>) -> Vec<String> {
    quantities
        .into_iter()
        .filter(|q| !q.weak && q.lo == q.hi)
        .map(|q| number_key(q.lo))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_scales_meet_english_scales() {
        assert_eq!(
            zh_numbers("收入达到12亿美元"),
            en_numbers("revenue of 1.2 billion dollars")
        );
        assert_eq!(zh_numbers("150万人"), en_numbers("1.5 million people"));
        assert_eq!(zh_numbers("三千五百"), vec![number_key(3500.0)]);
        assert_eq!(zh_numbers("两万"), en_numbers("twenty thousand"));
        assert_eq!(zh_numbers("3,000个"), en_numbers("3,000 of them"));
    }

    #[test]
    fn common_small_words_are_not_numbers() {
        assert!(en_numbers("one of the things").is_empty());
        assert!(zh_numbers("一个人").is_empty());
        assert_eq!(en_numbers("in 2023."), vec!["#2023".to_string()]);
    }

    #[test]
    fn latin_words_inside_chinese() {
        assert_eq!(latin_words("我们和OpenAI的GPT-4"), vec!["openai", "gpt"]);
    }
}
