//! Writing a corrected Chinese sentence back into the article file: only that sentence's
//! bytes change. The file's encoding (UTF-8 with or without a BOM, UTF-16 with a BOM,
//! GB18030) and its line ends (LF, CRLF, CR) are kept, because the new bytes are spliced into
//! the raw file rather than the whole text re-encoded.

use super::ReviewError;
use crate::text::files::Encoding;
use std::ops::Range;
use std::path::Path;

/// The article's raw bytes with the text at `range` (a byte range in the decoded text with
/// `\n` line ends, as [`crate::text::files::read_text`] gives it) replaced by `new_text`.
/// `old_text` must be what the range holds now. `path` names the file in errors.
pub fn replace(
    raw: &[u8],
    path: &Path,
    range: Range<usize>,
    old_text: &str,
    new_text: &str,
) -> Result<Vec<u8>, ReviewError> {
    let err = |message: String| ReviewError::Article {
        path: path.to_path_buf(),
        message,
    };
    if new_text.contains(['\n', '\r']) {
        return Err(err(
            "a sentence cannot hold a line break; to change the paragraphs, edit the file itself"
                .into(),
        ));
    }
    if new_text.trim().is_empty() {
        return Err(err(
            "the new text is empty; to remove a sentence, edit the file itself".into(),
        ));
    }
    let (normalised, encoding) = crate::text::files::decode(raw, path)?;
    if normalised.get(range.clone()) != Some(old_text) {
        return Err(err(format!(
            "the sentence «{old_text}» is no longer where it was read; reload"
        )));
    }
    let (bom, full) = undecoded_line_ends(raw, encoding);
    let start = raw_offset(raw, bom, &full, full_offset(&full, range.start), encoding);
    let end = raw_offset(raw, bom, &full, full_offset(&full, range.end), encoding);
    let mut out = Vec::with_capacity(raw.len() + new_text.len());
    out.extend_from_slice(&raw[..start]);
    out.extend_from_slice(&encode(new_text, encoding));
    out.extend_from_slice(&raw[end..]);
    Ok(out)
}

/// The BOM length and the decoded text with its line ends as they are in the file.
fn undecoded_line_ends(raw: &[u8], encoding: Encoding) -> (usize, String) {
    match encoding {
        Encoding::Utf8 => {
            let bom = if raw.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            };
            (bom, String::from_utf8_lossy(&raw[bom..]).into_owned())
        }
        Encoding::Utf16Le => (
            2,
            encoding_rs::UTF_16LE
                .decode_without_bom_handling(&raw[2..])
                .0
                .into_owned(),
        ),
        Encoding::Utf16Be => (
            2,
            encoding_rs::UTF_16BE
                .decode_without_bom_handling(&raw[2..])
                .0
                .into_owned(),
        ),
        Encoding::Gb18030 => (
            0,
            encoding_rs::GB18030
                .decode_without_bom_handling(raw)
                .0
                .into_owned(),
        ),
    }
}

/// The byte offset in `full` (line ends as in the file) of byte `at` of the normalised text.
fn full_offset(full: &str, at: usize) -> usize {
    let bytes = full.as_bytes();
    let (mut f, mut n) = (0, 0);
    while n < at && f < bytes.len() {
        if bytes[f] == b'\r' {
            f += if bytes.get(f + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            n += 1;
        } else {
            let len = full[f..].chars().next().map_or(1, char::len_utf8);
            f += len;
            n += len;
        }
    }
    f
}

/// The raw byte offset of byte `at` of `full`.
fn raw_offset(raw: &[u8], bom: usize, full: &str, at: usize, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => bom + at,
        Encoding::Utf16Le | Encoding::Utf16Be => {
            bom + full[..at].chars().map(|c| 2 * c.len_utf16()).sum::<usize>()
        }
        Encoding::Gb18030 => {
            // One GB18030 sequence per decoded character (the file decoded without errors).
            let mut pos = 0;
            for _ in full[..at].chars() {
                pos += gb18030_len(&raw[pos..]);
            }
            pos
        }
    }
}

/// The length of the GB18030 sequence at the start of `bytes`.
fn gb18030_len(bytes: &[u8]) -> usize {
    match bytes {
        [b, ..] if *b < 0x80 => 1,
        [0x81..=0xFE, 0x30..=0x39, ..] => 4,
        [0x81..=0xFE, _, ..] => 2,
        _ => 1,
    }
}

fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Encoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        Encoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(raw: &[u8], old: &str, new: &str) -> Vec<u8> {
        let (text, _) = crate::text::files::decode(raw, Path::new("zh.txt")).unwrap();
        let at = text.find(old).unwrap();
        replace(raw, Path::new("zh.txt"), at..at + old.len(), old, new).unwrap()
    }

    #[test]
    fn utf8_with_bom_and_crlf_keeps_every_other_byte() {
        let raw = "\u{feff}标题\r\n\r\n他说12亿。我们同意。\r\n最后一句。\r\n".as_bytes();
        let out = edit(raw, "他说12亿。", "他说120亿。");
        assert_eq!(
            out,
            "\u{feff}标题\r\n\r\n他说120亿。我们同意。\r\n最后一句。\r\n".as_bytes()
        );
    }

    #[test]
    fn gb18030_and_utf16_stay_in_their_encoding() {
        let text = "第一句。\r\n第二句有错字。\r\n";
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let out = edit(&gb, "第二句有错字。", "第二句没有错字。");
        let (want, _, _) = encoding_rs::GB18030.encode("第一句。\r\n第二句没有错字。\r\n");
        assert_eq!(out, want.into_owned());

        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let out = edit(&le, "第一句。", "第1句。");
        let mut want = vec![0xFF, 0xFE];
        want.extend(
            "第1句。\r\n第二句有错字。\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert_eq!(out, want);
    }

    #[test]
    fn line_breaks_and_moved_text_are_refused() {
        let raw = "一句。\n".as_bytes();
        let e = replace(raw, Path::new("zh.txt"), 0..9, "一句。", "一\n句。").unwrap_err();
        assert!(e.to_string().contains("line break"), "{e}");
        let e = replace(raw, Path::new("zh.txt"), 0..9, "两句。", "一句话。").unwrap_err();
        assert!(e.to_string().starts_with("zh.txt:"), "{e}");
    }
}
