//! Scoring alignments against gold: strict and lax precision, recall and F1 over beads
//! (Vecalign's and Bertalign's scorer, after Sennrich & Volk 2011), and the word-overlap
//! score of the transcript benchmarks.

use super::ladder::Rung;
use std::collections::{BTreeMap, BTreeSet};

/// Hit and miss counts of one matching pass.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub strict_hit: usize,
    pub strict_miss: usize,
    pub lax_hit: usize,
    pub lax_miss: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.strict_hit += o.strict_hit;
        self.strict_miss += o.strict_miss;
        self.lax_hit += o.lax_hit;
        self.lax_miss += o.lax_miss;
    }
}

/// Looks the `hyp` beads up in `reference`: exact matches are strict hits; a bead sharing a
/// linked (zh, en) pair with a reference bead is a lax hit. Both lists are taken as sets and
/// beads empty on both sides are dropped.
pub fn matches(reference: &[Rung], hyp: &[Rung]) -> Counts {
    let set = |r: &[Rung]| -> BTreeSet<Rung> {
        r.iter()
            .filter(|(a, b)| !(a.is_empty() && b.is_empty()))
            .cloned()
            .collect()
    };
    let reference = set(reference);
    let hyp = set(hyp);
    let mut linked: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (s, t) in &reference {
        for &x in s {
            linked.entry(x).or_default().extend(t.iter().copied());
        }
    }
    let mut c = Counts::default();
    for bead in &hyp {
        if reference.contains(bead) {
            c.strict_hit += 1;
            c.lax_hit += 1;
            continue;
        }
        c.strict_miss += 1;
        let (s, t) = bead;
        let lax = s
            .iter()
            .filter_map(|x| linked.get(x))
            .any(|l| t.iter().any(|y| l.contains(y)));
        if lax {
            c.lax_hit += 1;
        } else {
            c.lax_miss += 1;
        }
    }
    c
}

/// The counts of one document: precision (test beads looked up in gold) and recall (gold
/// beads non-empty on both sides looked up in the test beads non-empty on both sides).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocCounts {
    pub precision: Counts,
    pub recall: Counts,
}

impl std::ops::AddAssign for DocCounts {
    fn add_assign(&mut self, o: DocCounts) {
        self.precision += o.precision;
        self.recall += o.recall;
    }
}

/// Scores one document's test beads against its gold beads.
pub fn score_doc(gold: &[Rung], test: &[Rung]) -> DocCounts {
    let both = |r: &[Rung]| -> Vec<Rung> {
        r.iter()
            .filter(|(a, b)| !a.is_empty() && !b.is_empty())
            .cloned()
            .collect()
    };
    DocCounts {
        precision: matches(gold, test),
        recall: matches(&both(test), &both(gold)),
    }
}

/// Precision, recall and F1, strict and lax.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub strict_p: f64,
    pub strict_r: f64,
    pub strict_f: f64,
    pub lax_p: f64,
    pub lax_r: f64,
    pub lax_f: f64,
}

fn ratio(a: usize, b: usize) -> f64 {
    if a + b == 0 {
        0.0
    } else {
        a as f64 / (a + b) as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl DocCounts {
    /// The scores of these (possibly summed) counts: micro-averaged over documents.
    pub fn scores(&self) -> Scores {
        let sp = ratio(self.precision.strict_hit, self.precision.strict_miss);
        let sr = ratio(self.recall.strict_hit, self.recall.strict_miss);
        let lp = ratio(self.precision.lax_hit, self.precision.lax_miss);
        let lr = ratio(self.recall.lax_hit, self.recall.lax_miss);
        Scores {
            strict_p: sp,
            strict_r: sr,
            strict_f: f1(sp, sr),
            lax_p: lp,
            lax_r: lr,
            lax_f: f1(lp, lr),
        }
    }
}

/// One English word of a transcript benchmark's gold: its times and the stretch of Chinese
/// (character offsets into the article with white space removed) its sentence translates.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldWord {
    pub start_ms: u64,
    pub end_ms: u64,
    /// `None` when the word has no Chinese counterpart.
    pub zh: Option<std::ops::Range<usize>>,
}

/// An aligned group as the word-overlap score sees it: the English time span (none for a
/// Chinese-only group) and its Chinese stretch in white-space-free character offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub time: Option<(u64, u64)>,
    pub zh: Option<std::ops::Range<usize>>,
}

/// Mean over gold words of the overlap (intersection over union, in characters) between the
/// word's gold Chinese stretch and that of the group holding the word's middle time (the
/// nearest group when none holds it). Both empty score 1, one empty 0.
pub fn word_overlap(gold: &[GoldWord], groups: &[Group]) -> f64 {
    let timed: Vec<(u64, u64, &Option<std::ops::Range<usize>>)> = groups
        .iter()
        .filter_map(|g| g.time.map(|(s, e)| (s, e, &g.zh)))
        .collect();
    if gold.is_empty() {
        return 0.0;
    }
    let mut total = 0.0;
    for w in gold {
        let mid = (w.start_ms + w.end_ms) / 2;
        let found = timed
            .iter()
            .min_by_key(|(s, e, _)| {
                if mid < *s {
                    s - mid
                } else if mid > *e {
                    mid - e
                } else {
                    0
                }
            })
            .map(|t| t.2);
        let empty = None;
        let got = found.unwrap_or(&empty);
        total += match (&w.zh, got) {
            (None, None) => 1.0,
            (Some(a), Some(b)) => {
                let inter = a.end.min(b.end).saturating_sub(a.start.max(b.start));
                let union = a.end.max(b.end) - a.start.min(b.start);
                if union == 0 {
                    1.0
                } else {
                    inter as f64 / union as f64
                }
            }
            _ => 0.0,
        };
    }
    total / gold.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &[usize], t: &[usize]) -> Rung {
        (s.to_vec(), t.to_vec())
    }

    #[test]
    fn identical_alignments_score_one() {
        let gold = vec![r(&[0], &[0]), r(&[1, 2], &[1]), r(&[3], &[])];
        let s = score_doc(&gold, &gold).scores();
        assert_eq!((s.strict_p, s.strict_r, s.strict_f), (1.0, 1.0, 1.0));
        assert_eq!((s.lax_p, s.lax_r, s.lax_f), (1.0, 1.0, 1.0));
    }

    #[test]
    fn a_split_bead_is_a_lax_but_not_a_strict_hit() {
        // Gold: [0,1]:[0]. Test: [0]:[0], [1]:[].
        let gold = vec![r(&[0, 1], &[0]), r(&[2], &[1])];
        let test = vec![r(&[0], &[0]), r(&[1], &[]), r(&[2], &[1])];
        let c = score_doc(&gold, &test);
        // Precision: [0]:[0] lax hit, [1]:[] full miss, [2]:[1] strict hit.
        assert_eq!(
            c.precision,
            Counts {
                strict_hit: 1,
                strict_miss: 2,
                lax_hit: 2,
                lax_miss: 1
            }
        );
        // Recall: gold [0,1]:[0] lax hit via [0]:[0]; [2]:[1] strict hit.
        assert_eq!(
            c.recall,
            Counts {
                strict_hit: 1,
                strict_miss: 1,
                lax_hit: 2,
                lax_miss: 0
            }
        );
        let s = c.scores();
        assert!((s.strict_p - 1.0 / 3.0).abs() < 1e-9);
        assert!((s.strict_r - 0.5).abs() < 1e-9);
        assert!((s.strict_f - 0.4).abs() < 1e-9);
        assert!((s.lax_p - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.lax_f - 0.8).abs() < 1e-9);
    }

    #[test]
    fn counts_sum_over_documents() {
        let a = score_doc(&[r(&[0], &[0])], &[r(&[0], &[0])]);
        let b = score_doc(&[r(&[0], &[0])], &[r(&[0], &[1])]);
        let mut t = a;
        t += b;
        let s = t.scores();
        assert!((s.strict_p - 0.5).abs() < 1e-9);
        assert!((s.strict_r - 0.5).abs() < 1e-9);
    }

    #[test]
    fn word_overlap_is_intersection_over_union() {
        let gold = vec![
            GoldWord {
                start_ms: 0,
                end_ms: 100,
                zh: Some(0..10),
            },
            GoldWord {
                start_ms: 200,
                end_ms: 300,
                zh: None,
            },
            GoldWord {
                start_ms: 400,
                end_ms: 500,
                zh: Some(10..20),
            },
        ];
        let groups = vec![
            Group {
                time: Some((0, 150)),
                zh: Some(0..5),
            },
            Group {
                time: Some((180, 320)),
                zh: None,
            },
            Group {
                time: None,
                zh: Some(5..10),
            },
            Group {
                time: Some((330, 600)),
                zh: Some(10..20),
            },
        ];
        let s = word_overlap(&gold, &groups);
        assert!((s - (0.5 + 1.0 + 1.0) / 3.0).abs() < 1e-9, "{s}");
    }
}

/// A transcript benchmark's `gold.tsv` that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),
    #[error("{path}:{line}: {message}")]
    Line {
        path: std::path::PathBuf,
        line: usize,
        message: String,
    },
}

/// Reads a transcript benchmark's `gold.tsv` (columns `word start_ms end_ms text zh_start
/// zh_end`, `-1 -1` for no Chinese counterpart).
pub fn read_gold_words(path: &std::path::Path) -> Result<Vec<GoldWord>, GoldError> {
    let text = crate::text::files::read_text(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: &str| GoldError::Line {
            path: path.to_path_buf(),
            line: i + 1,
            message: message.to_string(),
        };
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() < 6 {
            return Err(err("expected 6 tab-separated columns"));
        }
        let num = |s: &str| {
            s.trim()
                .parse::<i64>()
                .map_err(|_| err("expected a number"))
        };
        let (start, end, zs, ze) = (
            num(cells[1])?,
            num(cells[2])?,
            num(cells[4])?,
            num(cells[5])?,
        );
        if start < 0 || end < start {
            return Err(err("bad word times"));
        }
        let zh = if zs < 0 || ze < zs {
            None
        } else {
            Some(zs as usize..ze as usize)
        };
        out.push(GoldWord {
            start_ms: start as u64,
            end_ms: end as u64,
            zh,
        });
    }
    Ok(out)
}

/// Per byte offset of `zh_text` (and its end), the offset in characters with white space
/// removed, as the word-overlap score counts them.
pub(super) fn dense_offsets(zh_text: &str) -> Vec<usize> {
    let mut dense = vec![0usize; zh_text.len() + 1];
    let mut count = 0;
    for (at, c) in zh_text.char_indices() {
        for d in &mut dense[at..at + c.len_utf8()] {
            *d = count;
        }
        if !c.is_whitespace() {
            count += 1;
        }
    }
    dense[zh_text.len()] = count;
    dense
}

/// The groups of an alignment for [`word_overlap`]: English time spans from the segments'
/// times, Chinese stretches as character offsets into `zh_text` with white space removed
/// (segment ranges are byte ranges into `zh_text`).
pub fn groups(
    zh_text: &str,
    zh: &[crate::segment::Segment],
    en: &[crate::segment::Segment],
    beads: &[super::Bead],
) -> Vec<Group> {
    let dense = dense_offsets(zh_text);
    let to_dense = |b: usize| dense[b.min(zh_text.len())];
    beads
        .iter()
        .map(|b| {
            let time = {
                let s = en[b.en.clone()].iter().filter_map(|s| s.start_ms).min();
                let e = en[b.en.clone()].iter().filter_map(|s| s.end_ms).max();
                s.zip(e)
            };
            let zh = if b.zh.is_empty() {
                None
            } else {
                let s = to_dense(zh[b.zh.start].range.start);
                let e = to_dense(zh[b.zh.end - 1].range.end);
                (e > s).then_some(s..e)
            };
            Group { time, zh }
        })
        .collect()
}
