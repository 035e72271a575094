//! Text utilities shared by every stage: reading and writing files safely, folding
//! character widths, telling Han characters, and reading numbers written in Chinese or
//! English.

pub mod confine;
pub mod files;
#[cfg(test)]
pub mod fuzz_config;
pub mod html;
pub mod numbers;
pub mod tempfiles;
pub mod width;

/// True for a Han (Chinese) character: the unified ideographs with extensions A–F and the
/// compatibility ideographs, and 〇.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '〇')
}

/// The maximal runs of Han characters in `text`, in order.
pub fn han_runs(text: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_han(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            runs.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        runs.push(&text[s..]);
    }
    runs
}

#[cfg(test)]
mod tests {
    #[test]
    fn han_runs_skip_latin_digits_and_punctuation() {
        assert_eq!(
            super::han_runs("用GPT-4写了12篇，很快。"),
            ["用", "写了", "篇", "很快"]
        );
        assert!(super::han_runs("no Chinese here").is_empty());
    }
}
