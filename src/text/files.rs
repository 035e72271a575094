//! Reading user files into text (with encoding detection) and writing outputs atomically.
//!
//! Every input goes through [`read_text`], so every stage gets the same promises: a clear
//! error naming the file for a missing file, a directory, an empty or binary file; a UTF-8
//! BOM and CRLF line ends accepted; UTF-16 with a BOM and GB18030/GBK decoded.
//! Every output goes through [`write_atomic`], so an interrupted run never leaves half a file.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file could not be read as text or written.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: is a directory, expected a file")]
    Directory { path: PathBuf },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: looks like a binary file (NUL byte at offset {offset}), expected text")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: not valid UTF-8 (byte offset {offset}) and not GB18030 either; convert it to UTF-8")]
    Encoding { path: PathBuf, offset: usize },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The encoding a file was decoded from, for messages and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

/// Reads a file as text: see [`decode`]. Line ends are normalised to `\n`.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    if path.is_dir() {
        return Err(FileError::Directory {
            path: path.to_path_buf(),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| FileError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    decode(&bytes, path).map(|(text, _)| text)
}

/// Decodes bytes read from `path` (named in errors): UTF-8 (BOM optional), UTF-16 with a
/// BOM, or GB18030 when the bytes are not UTF-8 but decode cleanly as GB18030.
/// CRLF and lone CR line ends become `\n`.
pub fn decode(bytes: &[u8], path: &Path) -> Result<(String, Encoding), FileError> {
    let path_buf = || path.to_path_buf();
    if bytes.is_empty() {
        return Err(FileError::Empty { path: path_buf() });
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest, path, 3)?, Encoding::Utf8)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        (text.into_owned(), Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        (text.into_owned(), Encoding::Utf16Be)
    } else {
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return Err(FileError::Binary {
                path: path_buf(),
                offset,
            });
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), Encoding::Utf8),
            Err(err) => {
                let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
                if had_errors || looks_binary(&text) {
                    return Err(FileError::Encoding {
                        path: path_buf(),
                        offset: err.valid_up_to(),
                    });
                }
                (text.into_owned(), Encoding::Gb18030)
            }
        }
    };
    if let Some(offset) = text.find('\0') {
        return Err(FileError::Binary {
            path: path_buf(),
            offset,
        });
    }
    let text = normalise_line_ends(&text);
    if text.trim().is_empty() {
        return Err(FileError::Empty { path: path_buf() });
    }
    Ok((text, encoding))
}

fn utf8(bytes: &[u8], path: &Path, base: usize) -> Result<String, FileError> {
    String::from_utf8(bytes.to_vec()).map_err(|err| FileError::Encoding {
        path: path.to_path_buf(),
        offset: base + err.utf8_error().valid_up_to(),
    })
}

/// Control characters other than tab and line ends are rare in text and common in binaries.
fn looks_binary(text: &str) -> bool {
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
        .count();
    controls * 100 > text.chars().count().max(1)
}

fn normalise_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Writes `contents` to `path` through a temporary file in the same folder, renamed over the
/// target only once complete: an existing file is replaced by a whole new one or left alone.
/// Missing parent folders are created.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), FileError> {
    let write_err = |source| FileError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(write_err)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".bitext-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(write_err)?;
    tmp.write_all(contents).map_err(write_err)?;
    tmp.as_file().sync_all().map_err(write_err)?;
    tmp.persist(path).map_err(|e| write_err(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.txt")
    }

    #[test]
    fn utf8_bom_and_crlf_are_accepted() {
        let (text, enc) = decode(b"\xEF\xBB\xBFa\r\nb\r\n", p()).unwrap();
        assert_eq!(text, "a\nb\n");
        assert_eq!(enc, Encoding::Utf8);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "你好".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(
            decode(&bytes, p()).unwrap(),
            ("你好".into(), Encoding::Utf16Le)
        );
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("今天天气很好。我们去公园吧。");
        let (text, enc) = decode(&bytes, p()).unwrap();
        assert_eq!(text, "今天天气很好。我们去公园吧。");
        assert_eq!(enc, Encoding::Gb18030);
    }

    #[test]
    fn binary_and_empty_are_refused_naming_the_file() {
        let err = decode(b"abc\0def", p()).unwrap_err().to_string();
        assert!(err.contains("x.txt") && err.contains("binary"), "{err}");
        let err = decode(b"", p()).unwrap_err().to_string();
        assert!(err.contains("x.txt") && err.contains("empty"), "{err}");
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub/out.txt");
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "two");
        let leftovers: Vec<_> = std::fs::read_dir(target.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
