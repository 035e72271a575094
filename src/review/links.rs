//! The confirmed links of a corpus (`corpus/NAME/links.tsv`): human decisions that this
//! Chinese group translates that English group, keyed by content (never by row number), and
//! [`Links::resolve`], which finds each link in the current sentences and units.
//!
//! ```text
//! # bitext links v1
//! zh⇥en⇥start⇥end⇥zh_before⇥en_before
//! 是的。⇥Yes.⇥00:00:41.000⇥00:00:41.800⇥你是在弗吉尼亚乡下长大的吗？⇥Did you grow up in rural Virginia?
//! ```
//! (`⇥` stands for a tab.) Cells are escaped as in the corpus TSV ([`crate::corpus::tsv::escape`]).
//! `zh` is the group's Chinese as the corpus row shows it (sentences joined without
//! separator; empty: English left untranslated), `en` the English (units joined with a space;
//! empty: Chinese with no English), `start`/`end` the English time span where the transcript
//! has times. `zh_before` and `en_before` are the Chinese sentence and the English unit just
//! before the group (empty at the start of the document): they tell repeated texts apart
//! (是的。/ "Yes.") and place a one-sided link on its empty side. The full rules are in
//! `docs/review-format.md`.

use crate::align::Bead;
use crate::corpus::tsv::{escape, format_time, parse_time, unescape};
use crate::segment::Segment;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The file name, in the corpus folder.
pub const FILE_NAME: &str = "links.tsv";

/// The first line of every links file.
pub const MAGIC: &str = "# bitext links v1";

/// The columns, in order.
pub const COLUMNS: [&str; 6] = ["zh", "en", "start", "end", "zh_before", "en_before"];

/// A links file that cannot be read, with the line at fault.
#[derive(Debug, thiserror::Error)]
pub enum LinksError {
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),
    #[error("{path}:{line}: {message}")]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// One confirmed link: a Chinese group and the English group it translates.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Link {
    /// The Chinese sentences' text, joined without separator; empty for English-only.
    pub zh: String,
    /// The English units' text, joined with a space; empty for Chinese-only.
    pub en: String,
    /// The English group's time span in milliseconds, where the transcript has times.
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    /// The Chinese sentence just before the group ("" at the start).
    pub zh_before: String,
    /// The English unit just before the group ("" at the start).
    pub en_before: String,
    /// The 1-based line the link was read from (0 for a link made since).
    #[serde(skip)]
    pub line: usize,
}

impl Link {
    /// The link that confirms `bead` over the segments `zh` and `en` (the whole documents).
    pub fn from_bead(zh: &[Segment], en: &[Segment], bead: &Bead) -> Link {
        let e = &en[bead.en.clone()];
        Link {
            zh: zh_text(&zh[bead.zh.clone()]),
            en: en_text(e),
            start_ms: e.iter().filter_map(|s| s.start_ms).min(),
            end_ms: e.iter().filter_map(|s| s.end_ms).max(),
            zh_before: bead
                .zh
                .start
                .checked_sub(1)
                .map(|i| zh[i].text.clone())
                .unwrap_or_default(),
            en_before: bead
                .en
                .start
                .checked_sub(1)
                .map(|j| en[j].text.clone())
                .unwrap_or_default(),
            line: 0,
        }
    }

    /// The link as one TSV line (without the line end).
    pub fn to_line(&self) -> String {
        [
            escape(&self.zh),
            escape(&self.en),
            self.start_ms.map(format_time).unwrap_or_default(),
            self.end_ms.map(format_time).unwrap_or_default(),
            escape(&self.zh_before),
            escape(&self.en_before),
        ]
        .join("\t")
    }

    /// Whether the two links confirm the same group (same texts and context).
    pub fn same_group(&self, other: &Link) -> bool {
        self.zh == other.zh
            && self.en == other.en
            && self.zh_before == other.zh_before
            && self.en_before == other.en_before
    }
}

impl fmt::Display for Link {
    /// `«zh» ↔ «en»`, with `(none)` for an empty side.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = |s: &str| {
            if s.is_empty() {
                "(none)".to_string()
            } else {
                format!("«{s}»")
            }
        };
        write!(f, "{} ↔ {}", side(&self.zh), side(&self.en))
    }
}

/// The Chinese text of a group as the corpus row shows it.
pub fn zh_text(zh: &[Segment]) -> String {
    zh.iter().map(|s| s.text.as_str()).collect()
}

/// The English text of a group as the corpus row shows it.
pub fn en_text(en: &[Segment]) -> String {
    en.iter()
        .map(|s| s.text.as_str())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The confirmed links of a corpus, in file order (which writers keep as document order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Links {
    pub links: Vec<Link>,
}

/// A link placed in the current documents: its segment ranges.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fixed {
    pub zh: Range<usize>,
    pub en: Range<usize>,
    /// Index of the link in [`Links::links`].
    pub link: usize,
}

/// A link whose text no longer exists where it could be: kept in the file, reported.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StaleLink {
    /// Index of the link in [`Links::links`].
    pub link: usize,
    /// The 1-based line in the links file (0 for a link not yet written).
    pub line: usize,
    pub zh: String,
    pub en: String,
    /// Why it cannot be placed.
    pub reason: String,
}

impl fmt::Display for StaleLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let link = Link {
            zh: self.zh.clone(),
            en: self.en.clone(),
            ..Link::default()
        };
        if self.line > 0 {
            write!(f, "{}:{}: ", FILE_NAME, self.line)?;
        }
        write!(f, "stale confirmed link {link}: {}", self.reason)
    }
}

/// The links placed in the documents (monotone, disjoint, in document order) and the stale ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    pub fixed: Vec<Fixed>,
    pub stale: Vec<StaleLink>,
}

impl Resolved {
    /// The fixed ranges as beads (score 0: the caller scores them), for tests and callers
    /// that want beads.
    pub fn beads(&self) -> Vec<Bead> {
        self.fixed
            .iter()
            .map(|f| Bead {
                zh: f.zh.clone(),
                en: f.en.clone(),
                score: 0.0,
            })
            .collect()
    }
}

impl Links {
    /// Reads the links file at `path`; a missing file is no links.
    pub fn load(path: &Path) -> Result<Links, LinksError> {
        if !path.exists() {
            return Ok(Links::default());
        }
        let text = crate::text::files::read_text(path)?;
        Links::parse(&text, path)
    }

    /// Parses links text; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Links, LinksError> {
        let err = |line: usize, message: String| LinksError::Line {
            path: path.to_path_buf(),
            line,
            message,
        };
        let mut links = Vec::new();
        let mut header_seen = false;
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            if line.trim().is_empty() || (!header_seen && line.starts_with('#')) {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            if !header_seen {
                if cells != COLUMNS {
                    return Err(err(
                        n,
                        format!("expected the header line: {}", COLUMNS.join(" ")),
                    ));
                }
                header_seen = true;
                continue;
            }
            if cells.len() != COLUMNS.len() {
                return Err(err(
                    n,
                    format!(
                        "ragged line: {} cells, expected {} ({})",
                        cells.len(),
                        COLUMNS.len(),
                        COLUMNS.join(" ")
                    ),
                ));
            }
            let time = |s: &str, col: &str| -> Result<Option<u64>, LinksError> {
                if s.is_empty() {
                    return Ok(None);
                }
                parse_time(s)
                    .map(Some)
                    .ok_or_else(|| err(n, format!("bad {col} time {s:?}: expected HH:MM:SS.mmm")))
            };
            let text = |s: &str| unescape(s).map_err(|m| err(n, m));
            let link = Link {
                zh: text(cells[0])?,
                en: text(cells[1])?,
                start_ms: time(cells[2], "start")?,
                end_ms: time(cells[3], "end")?,
                zh_before: text(cells[4])?,
                en_before: text(cells[5])?,
                line: n,
            };
            if link.zh.is_empty() && link.en.is_empty() {
                return Err(err(n, "a link needs Chinese or English text".into()));
            }
            links.push(link);
        }
        if !header_seen && !links.is_empty() {
            return Err(err(1, "no header line".into()));
        }
        Ok(Links { links })
    }

    /// The file text: magic line, header, one link per line.
    pub fn to_text(&self) -> String {
        let mut out = format!("{MAGIC}\n{}\n", COLUMNS.join("\t"));
        for link in &self.links {
            out.push_str(&link.to_line());
            out.push('\n');
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    /// Places every link in the current Chinese sentences `zh` and English units `en`.
    ///
    /// Links are taken in file order, each after the one before (monotone). A side with
    /// text is found where consecutive segments' texts give exactly that text; an empty side
    /// is placed right after its `*_before` segment. Among several places, the one whose
    /// context (`zh_before`, `en_before`) and time span match best wins, then the one whose
    /// two sides lie closest in relative position, then the earliest. A link with no place
    /// is stale: reported with its text, kept in the file.
    pub fn resolve(&self, zh: &[Segment], en: &[Segment]) -> Resolved {
        let mut out = Resolved::default();
        let mut cursor = (0usize, 0usize);
        for (index, link) in self.links.iter().enumerate() {
            match place(link, zh, en, cursor) {
                Ok((z, e)) => {
                    cursor = (z.end, e.end);
                    out.fixed.push(Fixed {
                        zh: z,
                        en: e,
                        link: index,
                    });
                }
                Err(reason) => out.stale.push(StaleLink {
                    link: index,
                    line: link.line,
                    zh: link.zh.clone(),
                    en: link.en.clone(),
                    reason,
                }),
            }
        }
        out
    }
}

/// A new link with the ranges it confirms in the current documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub link: Link,
    pub zh: Range<usize>,
    pub en: Range<usize>,
}

/// Whether two placed groups can both be confirmed: one lies wholly before the other on both
/// sides.
pub fn compatible(a: (&Range<usize>, &Range<usize>), b: (&Range<usize>, &Range<usize>)) -> bool {
    let before = |x: (&Range<usize>, &Range<usize>), y: (&Range<usize>, &Range<usize>)| {
        x.0.end <= y.0.start && x.1.end <= y.1.start && (x.0.end < y.0.end || x.1.end < y.1.end)
    };
    before(a, b) || before(b, a)
}

impl Links {
    /// The links with the placed links `remove` (indices into [`Links::links`]) taken out and
    /// `new` put in, in document order. A kept link that `new` overlaps or crosses is
    /// replaced (returned as the second value); stale links stay, after the link they
    /// followed in the file.
    pub fn with_changes(
        &self,
        resolved: &Resolved,
        remove: &[usize],
        new: Vec<Placed>,
    ) -> (Links, Vec<Link>) {
        let mut replaced = Vec::new();
        // (position key, order, link)
        type Key = (usize, usize, usize, usize);
        let mut keyed: Vec<(Key, usize, Link)> = Vec::new();
        let mut last_key = (0, 0, 0, 0);
        let placed: std::collections::HashMap<usize, &Fixed> =
            resolved.fixed.iter().map(|f| (f.link, f)).collect();
        for (i, link) in self.links.iter().enumerate() {
            match placed.get(&i) {
                Some(f) => {
                    if remove.contains(&i) {
                        continue;
                    }
                    if new
                        .iter()
                        .any(|p| !compatible((&f.zh, &f.en), (&p.zh, &p.en)))
                    {
                        replaced.push(link.clone());
                        continue;
                    }
                    last_key = (f.zh.start, f.en.start, f.zh.end, f.en.end);
                    keyed.push((last_key, keyed.len(), link.clone()));
                }
                None => keyed.push((last_key, keyed.len(), link.clone())),
            }
        }
        for p in new {
            let key = (p.zh.start, p.en.start, p.zh.end, p.en.end);
            keyed.push((key, keyed.len(), p.link));
        }
        keyed.sort_by_key(|k| (k.0, k.1));
        let links = keyed.into_iter().map(|(_, _, l)| l).collect();
        (Links { links }, replaced)
    }
}

/// The first range at or after `from` of `segs` whose text (joined as a row shows it) is
/// `text`; an empty text is the empty range at `from`.
pub(crate) fn find_from(
    text: &str,
    segs: &[Segment],
    english: bool,
    from: usize,
) -> Option<Range<usize>> {
    if text.is_empty() {
        return Some(from..from);
    }
    side_candidates(text, "", segs, english)
        .into_iter()
        .map(|(r, _)| r)
        .find(|r| r.start >= from)
}

/// Where `link` goes at or after `cursor`, or why it goes nowhere.
fn place(
    link: &Link,
    zh: &[Segment],
    en: &[Segment],
    cursor: (usize, usize),
) -> Result<(Range<usize>, Range<usize>), String> {
    let zh_all = side_candidates(&link.zh, &link.zh_before, zh, false);
    let en_all = side_candidates(&link.en, &link.en_before, en, true);
    if zh_all.is_empty() {
        return Err(if link.zh.is_empty() {
            format!(
                "its place in the Chinese (after «{}») no longer exists",
                link.zh_before
            )
        } else {
            "its Chinese is no longer in the article".into()
        });
    }
    if en_all.is_empty() {
        return Err(if link.en.is_empty() {
            format!(
                "its place in the English (after «{}») no longer exists",
                link.en_before
            )
        } else {
            "its English is no longer in the transcript".into()
        });
    }
    let (n, m) = (zh.len().max(1) as f64, en.len().max(1) as f64);
    type Key = (u32, u64, u64, usize, usize);
    let mut best: Option<(Key, Range<usize>, Range<usize>)> = None;
    for (z, z_ctx) in zh_all.iter().filter(|(z, _)| z.start >= cursor.0) {
        for (e, e_ctx) in en_all.iter().filter(|(e, _)| e.start >= cursor.1) {
            // A one-sided link on both... cannot happen; an empty side is a point.
            let misses = u32::from(!z_ctx) + u32::from(!e_ctx);
            let time_off = match (link.start_ms, en[e.clone()].iter().find_map(|s| s.start_ms)) {
                (Some(a), Some(b)) => a.abs_diff(b),
                _ => 0,
            };
            let skew = ((z.start as f64 / n - e.start as f64 / m).abs() * 1e6) as u64;
            let key = (misses, time_off, skew, z.start, e.start);
            if best.as_ref().is_none_or(|(k, _, _)| key < *k) {
                best = Some((key, z.clone(), e.clone()));
            }
        }
    }
    best.map(|(_, z, e)| (z, e))
        .ok_or_else(|| "its text is only found before an earlier confirmed link (the links are out of order or overlap)".into())
}

/// The ranges of `segs` whose text is `text` (an empty text: the points after `before`),
/// each with whether its preceding segment is `before`.
fn side_candidates(
    text: &str,
    before: &str,
    segs: &[Segment],
    english: bool,
) -> Vec<(Range<usize>, bool)> {
    let context = |i: usize| match i.checked_sub(1) {
        Some(p) => segs[p].text == before,
        None => before.is_empty(),
    };
    if text.is_empty() {
        return (0..=segs.len())
            .filter(|&i| context(i))
            .map(|i| (i..i, true))
            .collect();
    }
    let mut out = Vec::new();
    for i in 0..segs.len() {
        if segs[i].text.is_empty() || !text.starts_with(segs[i].text.as_str()) {
            continue;
        }
        let mut acc = String::new();
        for (k, seg) in segs.iter().enumerate().skip(i) {
            let t = seg.text.as_str();
            if t.is_empty() {
                continue;
            }
            if english && !acc.is_empty() {
                acc.push(' ');
            }
            acc.push_str(t);
            if acc.len() >= text.len() {
                if acc == text {
                    out.push((i..k + 1, context(i)));
                }
                break;
            }
            if !text.starts_with(acc.as_str()) {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(texts: &[&str]) -> Vec<Segment> {
        Segment::plain_each(texts)
    }

    #[test]
    fn file_round_trips_with_escapes() {
        let links = Links {
            links: vec![Link {
                zh: "是的。".into(),
                en: "Yes.\tok \\".into(),
                start_ms: Some(41_000),
                end_ms: Some(41_800),
                zh_before: "你好吗？".into(),
                en_before: String::new(),
                line: 3,
            }],
        };
        let text = links.to_text();
        assert!(text.starts_with(MAGIC));
        assert_eq!(Links::parse(&text, Path::new("l")).unwrap(), links);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = Links::parse("# bitext links v1\nzh\ten\n", Path::new("l.tsv"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("l.tsv:2:"), "{e}");
        let text = format!("{}\n是的。\tYes.\tx\t\t\t\n", COLUMNS.join("\t"));
        let e = Links::parse(&text, Path::new("l.tsv"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("l.tsv:2:") && e.contains("start"), "{e}");
    }

    #[test]
    fn repeated_text_is_told_apart_by_context() {
        let zh = segs(&["你去过吗？", "是的。", "你喜欢吗？", "是的。"]);
        let en = segs(&["Have you been?", "Yes.", "Did you like it?", "Yes."]);
        let second = Link::from_bead(
            &zh,
            &en,
            &Bead {
                zh: 3..4,
                en: 3..4,
                score: 0.0,
            },
        );
        assert_eq!(second.zh_before, "你喜欢吗？");
        let resolved = Links {
            links: vec![second],
        }
        .resolve(&zh, &en);
        assert_eq!(resolved.fixed[0].zh, 3..4);
        assert_eq!(resolved.fixed[0].en, 3..4);
    }

    #[test]
    fn one_sided_links_are_placed_by_context_and_missing_text_is_stale() {
        let zh = segs(&["一。", "二。", "三。"]);
        let en = segs(&["One.", "Two.", "Three."]);
        let links = Links {
            links: vec![
                Link {
                    zh: "二。".into(),
                    zh_before: "一。".into(),
                    en_before: "One.".into(),
                    ..Link::default()
                },
                Link {
                    zh: "四。".into(),
                    en: "Four.".into(),
                    ..Link::default()
                },
            ],
        };
        let resolved = links.resolve(&zh, &en);
        assert_eq!(resolved.fixed.len(), 1);
        assert_eq!(
            (resolved.fixed[0].zh.clone(), resolved.fixed[0].en.clone()),
            (1..2, 1..1)
        );
        assert_eq!(resolved.stale.len(), 1);
        assert!(resolved.stale[0].to_string().contains("«四。»"));
    }

    #[test]
    fn multi_unit_groups_match_joined_text() {
        let zh = segs(&["甲。", "乙。"]);
        let en = segs(&["A and", "B.", "C."]);
        let links = Links {
            links: vec![Link {
                zh: "甲。乙。".into(),
                en: "A and B.".into(),
                ..Link::default()
            }],
        };
        let r = links.resolve(&zh, &en);
        assert_eq!((r.fixed[0].zh.clone(), r.fixed[0].en.clone()), (0..2, 0..2));
    }
}
