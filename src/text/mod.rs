//! Text utilities shared by every stage: reading and writing files safely, folding
//! character widths, telling Han characters, and reading numbers written in Chinese or
//! English.

pub mod files;
pub mod html;
pub mod numbers;
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
