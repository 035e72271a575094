//! Folding full-width forms to their half-width equivalents (ＡＢＣ１２３ → ABC123,
//! full-width space → space), for matching and comparison. Chinese punctuation such as
//! `。，“”` is left alone: it has no half-width twin that means the same.

/// Folds one character: full-width ASCII variants (U+FF01..U+FF5E) and the ideographic
/// space (U+3000) to ASCII; anything else unchanged.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Folds letters, digits and ASCII punctuation written full-width; keeps byte offsets
/// recoverable only by character count (each char maps to one char).
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_letters_and_digits() {
        assert_eq!(fold("ＧＰＴ－４ 用了１２亿"), "GPT-4 用了12亿");
        assert_eq!(fold("你好。“引号”"), "你好。“引号”");
    }
}
