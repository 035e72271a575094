//! The ladder format of the gold files: one bead per line, `[zh ids]:[en ids]`, 0-based
//! segment ids, e.g. `[7,8]:[7]`, `[3]:[]`; an optional third `:score` field is ignored.

use super::Bead;
use std::path::{Path, PathBuf};

/// A bead as two lists of ids (the scorer's view: ids need not be contiguous).
pub type Rung = (Vec<usize>, Vec<usize>);

/// A ladder file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum LadderError {
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),
    #[error("{path}:{line}: {message}")]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// Reads a ladder file; ids must be below `zh_len` / `en_len`.
pub fn read(path: &Path, zh_len: usize, en_len: usize) -> Result<Vec<Rung>, LadderError> {
    let text = crate::text::files::read_text(path)?;
    parse(&text, path, zh_len, en_len)
}

/// Parses ladder text; `path` names the source in errors.
pub fn parse(
    text: &str,
    path: &Path,
    zh_len: usize,
    en_len: usize,
) -> Result<Vec<Rung>, LadderError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let err = |message: String| LadderError::Line {
            path: path.to_path_buf(),
            line: i + 1,
            message,
        };
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(':').filter(|f| !f.trim().is_empty()).collect();
        if fields.len() < 2 {
            return Err(err(format!("expected `[zh ids]:[en ids]`, found `{line}`")));
        }
        let zh = ids(fields[0]).map_err(|m| err(m.to_string()))?;
        let en = ids(fields[1]).map_err(|m| err(m.to_string()))?;
        if let Some(&bad) = zh.iter().find(|&&k| k >= zh_len) {
            return Err(err(format!(
                "Chinese id {bad} out of range: the Chinese side has {zh_len} segments"
            )));
        }
        if let Some(&bad) = en.iter().find(|&&k| k >= en_len) {
            return Err(err(format!(
                "English id {bad} out of range: the English side has {en_len} segments"
            )));
        }
        out.push((zh, en));
    }
    Ok(out)
}

fn ids(field: &str) -> Result<Vec<usize>, String> {
    let f = field.trim();
    let inner = f
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .ok_or_else(|| format!("expected a bracketed id list, found `{f}`"))?;
    inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<usize>()
                .map_err(|_| format!("`{s}` is not a segment id"))
        })
        .collect()
}

/// The rungs of an alignment.
pub fn rungs(beads: &[Bead]) -> Vec<Rung> {
    beads
        .iter()
        .map(|b| (b.zh.clone().collect(), b.en.clone().collect()))
        .collect()
}

/// Writes beads as ladder lines (`[0,1]:[0]`), one per bead.
pub fn format(beads: &[Bead]) -> String {
    let mut out = String::new();
    for (zh, en) in rungs(beads) {
        let list = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
        out.push_str(&format!("[{}]:[{}]\n", list(&zh), list(&en)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let beads = vec![
            Bead {
                zh: 0..2,
                en: 0..1,
                score: 1.0,
            },
            Bead {
                zh: 2..2,
                en: 1..2,
                score: 0.0,
            },
            Bead {
                zh: 2..3,
                en: 2..2,
                score: 0.0,
            },
        ];
        let text = format(&beads);
        assert_eq!(text, "[0,1]:[0]\n[]:[1]\n[2]:[]\n");
        let back = parse(&text, Path::new("x"), 3, 3).unwrap();
        assert_eq!(back, rungs(&beads));
    }

    #[test]
    fn ids_out_of_range_name_file_and_line() {
        let err = parse("[0]:[0]\n[1]:[5]\n", Path::new("g.align"), 2, 2).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("g.align:2:"), "{msg}");
        assert!(msg.contains("English id 5"), "{msg}");
    }

    #[test]
    fn scores_in_a_third_field_are_ignored() {
        let r = parse("[0]:[0,1]:0.53\n", Path::new("x"), 1, 2).unwrap();
        assert_eq!(r, vec![(vec![0], vec![0, 1])]);
        assert!(parse("[0]-[0]\n", Path::new("x"), 1, 1).is_err());
    }
}
