//! Lint: what is wrong with a glossary file itself, before it is used to check a corpus.
//! See [`ProblemKind`] for the kinds; every problem names the line it is on.

use super::entry::Entry;
use super::matcher::fold_zh;
use super::{file, Problem, ProblemKind};
use crate::text::is_han;
use std::collections::HashMap;

/// Reads glossary text and returns every problem, by line.
pub fn lint(text: &str) -> Vec<Problem> {
    let (glossary, mut problems) = file::parse(text);
    let entries = &glossary.entries;
    let line = |i: usize| glossary.line_of(i).unwrap_or(0);
    let mut push = |line: usize, kind: ProblemKind, message: String| {
        problems.push(Problem {
            line,
            kind,
            message,
        })
    };
    for (i, e) in entries.iter().enumerate() {
        if e.zh.is_empty() {
            push(
                line(i),
                ProblemKind::EmptyChinese,
                format!("“{}” has no Chinese rendering", e.en),
            );
        }
        for f in &e.zh_forbidden {
            if e.zh_forms().any(|a| fold_zh(a) == fold_zh(f)) {
                push(
                    line(i),
                    ProblemKind::Conflict,
                    format!("“{}”: {f} is both accepted and forbidden", e.en),
                );
            }
        }
        if e.latin && !e.zh.chars().any(|c| c.is_ascii_alphabetic()) && !e.zh.is_empty() {
            push(
                line(i),
                ProblemKind::Conflict,
                format!(
                    "“{}” is marked latin (kept in Latin letters) but its Chinese {} has none",
                    e.en, e.zh
                ),
            );
        }
    }
    // Pairs are only compared where an index says they may clash (a shared English form, the
    // same Chinese, a Chinese prefix of one matching a suffix of the other): comparing all
    // pairs took 38 s for 10,000 entries.
    for (j, candidates) in same_term_candidates(entries).into_iter().enumerate() {
        for i in candidates {
            if let Some((kind, message)) = same_term(&entries[i], &entries[j]) {
                push(line(j), kind, format!("{message} (see line {})", line(i)));
            }
        }
    }
    for (i, candidates) in overlap_candidates(entries).into_iter().enumerate() {
        let a = &entries[i];
        for j in candidates {
            let b = &entries[j];
            if a.en.eq_ignore_ascii_case(&b.en) {
                continue;
            }
            if let Some(message) = overlap(a, b) {
                push(
                    line(i),
                    ProblemKind::Overlap,
                    format!("{message} (line {})", line(j)),
                );
            }
        }
    }
    for i in 1..entries.len() {
        if entries[i].sort_key() < entries[i - 1].sort_key() {
            push(
                line(i),
                ProblemKind::Order,
                format!(
                    "“{}” is out of order (rows are sorted by English term; `bitext glossary fmt` sorts them)",
                    entries[i].en
                ),
            );
            break;
        }
    }
    problems.sort_by_key(|p| (p.line, p.kind));
    problems
}

/// For every entry `j`, the earlier entries (ascending) sharing an English form with it
/// (case ignored): the only ones [`same_term`] can report.
fn same_term_candidates(entries: &[Entry]) -> Vec<Vec<usize>> {
    let mut by_form: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let mut keys: Vec<String> = std::iter::once(e.en.as_str())
            .chain(e.en_forms())
            .map(str::to_ascii_lowercase)
            .collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            by_form.entry(key).or_default().push(i);
        }
    }
    candidates(entries.len(), by_form.into_values(), |i, j| i < j)
}

/// The longest Chinese prefix or suffix (in characters) the overlap index holds: crossings
/// longer than this (absurd in a glossary) are not looked for, so a huge cell stays cheap.
const MAX_CROSSING: usize = 64;

/// For every entry `i`, the other entries (ascending) that [`overlap`] can report with it:
/// the same folded Chinese, or a Chinese form whose Han prefix (two characters or more) is
/// a suffix of one of `i`'s forms.
fn overlap_candidates(entries: &[Entry]) -> Vec<Vec<usize>> {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    let mut prefixes: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, e) in entries.iter().enumerate() {
        if e.zh.is_empty() {
            continue;
        }
        groups.entry(fold_zh(&e.zh)).or_default().push(j);
        for y in e.zh_forms() {
            let y: Vec<char> = fold_zh(y).chars().collect();
            let han = y.iter().take_while(|&&c| is_han(c)).count();
            for k in 2..han.min(y.len() - 1).min(MAX_CROSSING) + 1 {
                prefixes.entry(y[..k].iter().collect()).or_default().push(j);
            }
        }
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for group in groups.into_values() {
        for &i in &group {
            out[i].extend(group.iter().copied().filter(|&j| j != i));
        }
    }
    for (i, e) in entries.iter().enumerate() {
        if e.zh.is_empty() {
            continue;
        }
        for x in e.zh_forms() {
            let x: Vec<char> = fold_zh(x).chars().collect();
            for k in 2..x.len().min(MAX_CROSSING + 1) {
                let suffix: String = x[x.len() - k..].iter().collect();
                if let Some(js) = prefixes.get(&suffix) {
                    out[i].extend(js.iter().copied().filter(|&j| j != i));
                }
            }
        }
    }
    for list in &mut out {
        list.sort_unstable();
        list.dedup();
    }
    out
}

/// Turns groups of entries that share a key into, for every entry, the sorted, distinct
/// others of its groups that `keep(other, entry)` accepts.
fn candidates(
    n: usize,
    groups: impl Iterator<Item = Vec<usize>>,
    keep: impl Fn(usize, usize) -> bool,
) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for group in groups {
        for &j in &group {
            out[j].extend(group.iter().copied().filter(|&i| keep(i, j)));
        }
    }
    for list in &mut out {
        list.sort_unstable();
        list.dedup();
    }
    out
}

/// Duplicates and conflicts between two entries.
fn same_term(a: &Entry, b: &Entry) -> Option<(ProblemKind, String)> {
    let zh_same = fold_zh(&a.zh) == fold_zh(&b.zh);
    if a.en.eq_ignore_ascii_case(&b.en) {
        return Some(if zh_same {
            (
                ProblemKind::Duplicate,
                format!("“{}” → {} is listed twice", b.en, b.zh),
            )
        } else {
            (
                ProblemKind::Conflict,
                format!(
                    "“{}” has two renderings in two rows: {} and {}; make one an alternative (zh_variants)",
                    b.en, a.zh, b.zh
                ),
            )
        });
    }
    let shared = b
        .en_forms()
        .find(|f| a.en_forms().any(|g| g.eq_ignore_ascii_case(f)))?;
    Some(if zh_same {
        (
            ProblemKind::Duplicate,
            format!(
                "the English form “{shared}” belongs to both “{}” and “{}”",
                a.en, b.en
            ),
        )
    } else {
        (
            ProblemKind::Conflict,
            format!(
                "the English form “{shared}” belongs to “{}” → {} and to “{}” → {}",
                a.en, a.zh, b.en, b.zh
            ),
        )
    })
}

/// When `a` and `b` overlap in a way that makes `check` wrong, the message saying so:
/// - they render the same Chinese (one concept twice?);
/// - a Chinese form of `a` ends with at least two Han characters that a form of `b` starts
///   with (人工智能 / 智能手机): in 人工智能手机 only one is found, and a row whose English has
///   both terms is told the other rendering is missing.
///
/// Nesting (模型 inside 大模型) is not a problem: the longer entry wins where it matches, by
/// design. English overlaps are not reported either: a term hidden by a longer one is only
/// left unchecked, never reported wrongly.
fn overlap(a: &Entry, b: &Entry) -> Option<String> {
    if a.zh.is_empty() || b.zh.is_empty() {
        return None;
    }
    if fold_zh(&a.zh) == fold_zh(&b.zh) {
        return (a.en < b.en).then(|| {
            format!(
                "“{}” and “{}” both render as {}: merge them (en_variants) or tell them apart",
                a.en, b.en, a.zh
            )
        });
    }
    for x in a.zh_forms() {
        for y in b.zh_forms() {
            let (xc, yc): (Vec<char>, Vec<char>) =
                (fold_zh(x).chars().collect(), fold_zh(y).chars().collect());
            if let Some(k) = crossing(&xc, &yc) {
                let shared: String = yc[..k].iter().collect();
                if k >= 2 && shared.chars().all(is_han) {
                    return Some(format!(
                        "{x} (“{}”) ends with what {y} (“{}”) starts with ({shared}): where they run together only one is found",
                        a.en, b.en
                    ));
                }
            }
        }
    }
    None
}

/// The length of the longest proper suffix of `x` that is a proper prefix of `y`, when
/// neither contains the other.
fn crossing<T: PartialEq>(x: &[T], y: &[T]) -> Option<usize> {
    let contains = |long: &[T], short: &[T]| {
        short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
    };
    if x.is_empty() || y.is_empty() || contains(x, y) || contains(y, x) {
        return None;
    }
    (1..x.len().min(y.len()))
        .rev()
        .find(|&k| x[x.len() - k..] == y[..k])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(usize, ProblemKind)> {
        lint(text).into_iter().map(|p| (p.line, p.kind)).collect()
    }

    const HEADER: &str = "en,zh,zh_variants,zh_forbidden,latin\n";

    #[test]
    fn a_clean_file_has_no_problems() {
        let text = format!("{HEADER}large language model,大语言模型,,,\nmodel,模型,,,\n");
        assert_eq!(kinds(&text), vec![]);
    }

    #[test]
    fn duplicates_and_conflicts() {
        let text = format!("{HEADER}model,模型,,,\nmodel,模型,,,\nModel,型号,,,\n");
        assert_eq!(
            kinds(&text),
            vec![
                (3, ProblemKind::Duplicate),
                (4, ProblemKind::Conflict),
                (4, ProblemKind::Conflict),
                (4, ProblemKind::Order)
            ]
        );
    }

    #[test]
    fn accepted_and_forbidden_and_latin_conflicts() {
        let text = format!("{HEADER}Copilot,副驾驶,,副驾驶,yes\n");
        let found = kinds(&text);
        assert_eq!(
            found,
            vec![(2, ProblemKind::Conflict), (2, ProblemKind::Conflict)]
        );
    }

    #[test]
    fn empty_chinese() {
        assert_eq!(
            kinds(&format!("{HEADER}agent,,,,\n")),
            vec![(2, ProblemKind::EmptyChinese)]
        );
    }

    #[test]
    fn overlaps_that_cross_or_render_alike() {
        let text = format!("{HEADER}artificial intelligence,人工智能,,,\nsmartphone,智能手机,,,\n");
        assert_eq!(kinds(&text), vec![(2, ProblemKind::Overlap)]);
        let text = format!("{HEADER}compute,计算,,,\ncomputing,计算,,,\n");
        assert_eq!(kinds(&text), vec![(2, ProblemKind::Overlap)]);
        // One shared character, or Latin letters (which match on word edges), are not enough.
        let text = format!("{HEADER}open source,开源,,,\nsource code,源代码,,,\nNVIDIA,NVIDIA,,,yes\nAI,AI,,,yes\n");
        assert_eq!(kinds(&text), vec![(4, ProblemKind::Order)]);
    }

    #[test]
    fn nesting_is_not_an_overlap() {
        let text = format!("{HEADER}business model,商业模式,,,\nmodel,模型,,,\nsupercomputer,超级计算机,,,\ncomputer,计算机,,,\n");
        assert_eq!(kinds(&text), vec![(5, ProblemKind::Order)]);
    }

    #[test]
    fn shared_english_form_and_crossing_found_among_many() {
        // The indexed lint must still see a clash between entries far apart in the file.
        let mut text = HEADER.to_string();
        text.push_str("artificial intelligence,人工智能,,,\n");
        for i in 0..500 {
            text.push_str(&format!("filler {i:04},填充{i}号,,,\n"));
        }
        text.push_str("smartphone,智能手机,,,\n");
        text.push_str("zzz,甲乙,,,\nzzz alt,丙丁,,,\n");
        let found = kinds(&text);
        assert!(found.contains(&(2, ProblemKind::Overlap)), "{found:?}");
        let text = format!("{HEADER}AI,人工智能,,,\nartificial intelligence,智慧,,,\n");
        let mut g = text.clone();
        g = g.replace("artificial intelligence,智慧,,,", "ai,智慧,,,");
        assert!(
            kinds(&g).contains(&(3, ProblemKind::Conflict)),
            "{:?}",
            kinds(&g)
        );
    }

    #[test]
    fn order_and_structure() {
        let text = format!("{HEADER}b,乙,,,\na,甲,,,maybe\n");
        assert_eq!(
            kinds(&text),
            vec![(3, ProblemKind::Structure), (3, ProblemKind::Order)]
        );
    }
}
