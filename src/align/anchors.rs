//! Anchors: tokens that mean the same on both sides whatever the dictionary says —
//! numbers (12亿 = 1.2 billion, 150万 = 1.5 million, 3,000 = 三千) and Latin-script words
//! inside the Chinese (OpenAI, GPT-4, Kevin). The aligner turns them into shared keys.

/// Canonical key of a number value: `#` and the value with at most 4 significant decimals.
pub fn number_key(value: f64) -> String {
    let rounded = (value * 10_000.0).round() / 10_000.0;
    if rounded.fract() == 0.0 && rounded.abs() < 1e18 {
        format!("#{}", rounded as i64)
    } else {
        format!("#{rounded}")
    }
}

fn zh_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn zh_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1_000.0,
        '万' => 10_000.0,
        '亿' => 100_000_000.0,
        _ => return None,
    })
}

fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Reads a number written with Chinese numerals (三千五百, 十二, 两万): `None` when the
/// characters do not form one.
pub fn read_zh_numerals(chars: &[char]) -> Option<f64> {
    let mut total = 0.0; // completed 万/亿 groups
    let mut section = 0.0; // below 万
    let mut digit: Option<f64> = None;
    let mut any = false;
    for &c in chars {
        if let Some(d) = zh_digit(c) {
            digit = Some(d as f64);
            any = true;
        } else if let Some(u) = zh_unit(c) {
            any = true;
            if u >= 10_000.0 {
                section += digit.take().unwrap_or(0.0);
                if section == 0.0 {
                    section = 1.0;
                }
                total = (total + section) * u;
                section = 0.0;
            } else {
                section += digit.take().unwrap_or(1.0) * u;
            }
        } else {
            return None;
        }
    }
    any.then(|| total + section + digit.unwrap_or(0.0))
}

/// The number keys in a Chinese text: Arabic digits with optional decimals and a scale
/// (12亿, 1.5万, 3,000), percentages, and runs of Chinese numerals of two or more
/// characters (single 一 is too common to be evidence).
pub fn zh_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if ascii_digit(chars[i]).is_some() {
            let mut s = String::new();
            let mut j = i;
            while j < chars.len() {
                let c = chars[j];
                if let Some(d) = ascii_digit(c) {
                    s.push(char::from_digit(d, 10).unwrap_or('0'));
                } else if (c == '.' || c == '．')
                    && j + 1 < chars.len()
                    && ascii_digit(chars[j + 1]).is_some()
                {
                    s.push('.');
                } else if !((c == ',' || c == '，')
                    && j + 3 < chars.len()
                    && chars[j + 1..j + 4]
                        .iter()
                        .all(|&c| ascii_digit(c).is_some()))
                {
                    break;
                }
                j += 1;
            }
            let mut value: f64 = s.parse().unwrap_or(0.0);
            while j < chars.len() {
                match zh_unit(chars[j]) {
                    Some(u) if u >= 100.0 => {
                        value *= u;
                        j += 1;
                    }
                    _ => break,
                }
            }
            out.push(number_key(value));
            i = j;
        } else if zh_digit(chars[i]).is_some() || zh_unit(chars[i]).is_some() {
            let mut j = i;
            while j < chars.len() && (zh_digit(chars[j]).is_some() || zh_unit(chars[j]).is_some()) {
                j += 1;
            }
            if j - i >= 2 {
                if let Some(v) = read_zh_numerals(&chars[i..j]) {
                    out.push(number_key(v));
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn en_scale(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" | "millions" => 1e6,
        "billion" | "billions" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

fn en_small(w: &str) -> Option<f64> {
    const WORDS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = WORDS.iter().position(|&x| x == w) {
        return Some(i as f64);
    }
    TENS.iter()
        .position(|&x| x == w)
        .map(|i| (i as f64 + 2.0) * 10.0)
}

/// The number keys in an English text: digits (with `,` groups and decimals) and number
/// words, each with following scale words (1.2 billion, twelve million, 3 thousand).
/// Bare small number words (one … ten) are left out: they are too common to be evidence.
pub fn en_numbers(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == ','))
        .map(|w| w.trim_matches(|c| c == '.' || c == ','))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let digits = w.replace(',', "");
        let (mut value, spelled) = if !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
            && digits.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            match digits.parse::<f64>() {
                Ok(v) => (v, false),
                Err(_) => {
                    i += 1;
                    continue;
                }
            }
        } else if let Some(v) = en_small(w) {
            (v, true)
        } else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        let mut scaled = false;
        while j < words.len() {
            if let Some(s) = en_scale(words[j]) {
                value *= s;
                scaled = true;
                j += 1;
            } else {
                break;
            }
        }
        if !spelled || scaled || value > 10.0 {
            out.push(number_key(value));
        }
        i = j;
    }
    out
}

/// The Latin-script words inside a Chinese text (OpenAI, GPT-4), lower-cased.
pub fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .map(|w| w.to_ascii_lowercase())
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
