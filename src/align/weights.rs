//! The weights of the bead score: one number per feature of [`super::features`], kept in a
//! small text file (`name<TAB>weight`, `#` comments). The shipped weights
//! (`src/align/weights.tsv`, compiled in) were trained by `bitext train` on the gold sets;
//! its comments record the run. [`Weights::hand`] is the hand-set cost they started from.

use super::features::{Phi, ABOUT, NAMES, NF};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One weight per feature; the cost of a bead is [`Weights::dot`] of them with its φ.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    pub w: [f32; NF],
}

/// A weights file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum WeightsError {
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),
    #[error("{path}:{line}: {message}")]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: no weight for feature `{name}` (a weights file names every feature)")]
    Missing { path: PathBuf, name: String },
}

/// The shipped weights file.
const SHIPPED: &str = include_str!("weights.tsv");

impl Weights {
    /// The hand-set cost of earlier versions: lexical and length terms, merges, boundary
    /// crossings and caption cuts as measured by hand on the development sets, unaligned
    /// sentences at 1; every other feature 0.
    pub fn hand() -> Weights {
        let mut w = [0.0; NF];
        for (name, v) in [
            ("lex_miss_size", 1.0),
            ("len_size", 0.05),
            ("merge", 0.3),
            ("many_many", 0.2),
            ("cut_end", 0.05),
            ("cut_inside", 0.05),
            ("zh_cross", 0.3),
            ("en_cross", 0.3),
            ("shape_1_0", 1.0),
            ("shape_0_1", 1.0),
        ] {
            w[index(name).expect("a feature name")] = v;
        }
        Weights { w }
    }

    /// The shipped weights (`src/align/weights.tsv`).
    pub fn shipped() -> &'static Weights {
        static W: OnceLock<Weights> = OnceLock::new();
        W.get_or_init(|| {
            Weights::parse(SHIPPED, Path::new("src/align/weights.tsv"))
                .expect("the shipped weights file parses (a unit test checks it)")
        })
    }

    /// The cost of a candidate with features `phi` (lower is better; may be negative).
    pub fn dot(&self, phi: &Phi) -> f32 {
        self.w.iter().zip(phi).map(|(w, x)| w * x).sum()
    }

    /// True when some feature past the hand-set terms and the shapes has a weight (the
    /// search then computes all of φ).
    pub fn extra(&self) -> bool {
        self.w[super::features::FIRST_EXTRA..]
            .iter()
            .any(|&w| w != 0.0)
    }

    /// Reads a weights file.
    pub fn load(path: &Path) -> Result<Weights, WeightsError> {
        let text = crate::text::files::read_text(path)?;
        Weights::parse(&text, path)
    }

    /// Parses weights text (`name<white space>weight` per line, `#` starts a comment, every
    /// feature exactly once); `path` names the source in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Weights, WeightsError> {
        let mut w = [0.0; NF];
        let mut seen = [false; NF];
        for (i, line) in text.lines().enumerate() {
            let err = |message: String| WeightsError::Line {
                path: path.to_path_buf(),
                line: i + 1,
                message,
            };
            let body = line.split('#').next().unwrap_or("").trim();
            if body.is_empty() {
                continue;
            }
            let mut cells = body.split_whitespace();
            let (Some(name), Some(value), None) = (cells.next(), cells.next(), cells.next()) else {
                return Err(err(format!(
                    "expected `feature<TAB>weight`, found `{body}`"
                )));
            };
            let k = index(name).ok_or_else(|| err(format!("unknown feature `{name}`")))?;
            if seen[k] {
                return Err(err(format!("feature `{name}` given twice")));
            }
            let v: f32 = value
                .parse()
                .ok()
                .filter(|v: &f32| v.is_finite())
                .ok_or_else(|| err(format!("`{value}` is not a finite number")))?;
            w[k] = v;
            seen[k] = true;
        }
        if let Some(k) = seen.iter().position(|s| !s) {
            return Err(WeightsError::Missing {
                path: path.to_path_buf(),
                name: NAMES[k].to_string(),
            });
        }
        Ok(Weights { w })
    }

    /// The weights as file text: `header` (each line made a `#` comment), then one feature a
    /// line with what it measures. Weights are written so that they read back exactly.
    pub fn to_text(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str(if line.is_empty() { "#" } else { "# " });
            out.push_str(line);
            out.push('\n');
        }
        for k in 0..NF {
            out.push_str(&format!("{}\t{}\t# {}\n", NAMES[k], self.w[k], ABOUT[k]));
        }
        out
    }
}

impl Default for Weights {
    fn default() -> Self {
        Weights::shipped().clone()
    }
}

fn index(name: &str) -> Option<usize> {
    NAMES.iter().position(|n| *n == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_parse() {
        let w = Weights::shipped();
        assert!(w.w.iter().all(|x| x.is_finite()));
    }

    #[test]
    fn weights_round_trip_through_text() {
        let mut w = Weights::hand();
        w.w[3] = -0.123_456_79;
        w.w[NF - 1] = 1e-7;
        let text = w.to_text("trained by a test\n\nseed 1");
        assert!(text.starts_with("# trained by a test\n#\n# seed 1\n"));
        assert_eq!(Weights::parse(&text, Path::new("w.tsv")).unwrap(), w);
    }

    #[test]
    fn bad_lines_name_the_line() {
        let good = Weights::hand().to_text("");
        let bad = good.replacen("merge\t0.3", "merge\tlots", 1);
        let e = Weights::parse(&bad, Path::new("w.tsv")).unwrap_err();
        assert!(e.to_string().starts_with("w.tsv:3: "), "{e}");
        let unknown = format!("{good}nonsense 1\n");
        let e = Weights::parse(&unknown, Path::new("w.tsv")).unwrap_err();
        assert!(e.to_string().contains("unknown feature `nonsense`"), "{e}");
        let short: String = good.lines().skip(1).map(|l| format!("{l}\n")).collect();
        let e = Weights::parse(&short, Path::new("w.tsv")).unwrap_err();
        assert!(e.to_string().contains("lex_miss_size"), "{e}");
    }
}
