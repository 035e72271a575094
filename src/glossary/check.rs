//! Checking a corpus against the glossary, and marking terms for the HTML view.
//!
//! For every row whose English holds an approved term (longest match wins), the Chinese must
//! hold its preferred rendering or an accepted alternative, and none of its forbidden
//! renderings. Across the corpus, a term should keep one rendering: rows that use a less
//! common accepted form are reported as inconsistent. A Latin form in the Chinese that is
//! the English term itself (萨提亚(Satya)) is a gloss, not a rendering, and does not count.
//! Proposed and deprecated entries are not enforced, but they are highlighted.

use super::entry::{Entry, Status};
use super::matcher::{fold_zh, Matcher, Role, ZhMatch};
use super::Glossary;
use crate::corpus::Corpus;
use crate::render::{Highlight, Side};
use std::collections::BTreeMap;
use std::ops::Range;

/// What is wrong with a term in a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// The English holds the term; the Chinese holds none of its accepted renderings.
    Missing,
    /// The Chinese uses one of the term's forbidden renderings.
    Forbidden,
    /// The Chinese uses an accepted rendering other than the one most of the corpus uses.
    Inconsistent,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Missing => "missing",
            FindingKind::Forbidden => "forbidden",
            FindingKind::Inconsistent => "inconsistent",
        }
    }
}

/// One problem with one term in one row.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Index of the row in `Corpus::rows`.
    pub row: usize,
    pub kind: FindingKind,
    /// Index of the entry in `Glossary::entries`.
    pub entry: usize,
    /// The English term as the row has it (byte range in the row's `en`).
    pub en: Range<usize>,
    /// The offending Chinese (byte range in the row's `zh`); `None` for a missing rendering.
    pub zh: Option<Range<usize>>,
    pub message: String,
}

/// One accepted rendering of an entry in a row: (row, English range, Chinese range,
/// folded form).
type Use = (usize, Range<usize>, Range<usize>, String);

/// Checks every row of `corpus` against the approved entries of `glossary`.
pub fn check(corpus: &Corpus, glossary: &Glossary) -> Vec<Finding> {
    let entries = &glossary.entries;
    let matcher = Matcher::new(entries);
    let mut findings = Vec::new();
    let mut uses: BTreeMap<usize, Vec<Use>> = BTreeMap::new();
    for (r, row) in corpus.rows.iter().enumerate() {
        if row.en.trim().is_empty() {
            // No English to say which concept is meant (the user's article before its
            // transcript, a translator's addition): a forbidden rendering is still one.
            findings.extend(forbidden_alone(&matcher, entries, r, &row.zh));
            continue;
        }
        let en_matches = matcher.find_en(&row.en);
        if en_matches.is_empty() {
            continue;
        }
        let zh_matches = matcher.find_zh(&row.zh);
        let mut seen = Vec::new();
        for m in en_matches {
            let entry = &entries[m.entry];
            if entry.status != Status::Approved || entry.zh.is_empty() || seen.contains(&m.entry) {
                continue;
            }
            seen.push(m.entry);
            let with_role = |wanted: &[Role]| -> Vec<&ZhMatch> {
                zh_matches
                    .iter()
                    .filter(|z| z.role_for(m.entry).is_some_and(|r| wanted.contains(&r)))
                    .collect()
            };
            let accepted = with_role(&[Role::Preferred, Role::Accepted]);
            let forbidden = with_role(&[Role::Forbidden]);
            for z in &forbidden {
                let used = &row.zh[z.range.clone()];
                findings.push(Finding {
                    row: r,
                    kind: FindingKind::Forbidden,
                    entry: m.entry,
                    en: m.range.clone(),
                    zh: Some(z.range.clone()),
                    message: format!(
                        "“{}” is rendered {used}, a forbidden rendering; use {}",
                        &row.en[m.range.clone()],
                        accepted_list(entry)
                    ),
                });
            }
            if accepted.is_empty() && forbidden.is_empty() {
                findings.push(Finding {
                    row: r,
                    kind: FindingKind::Missing,
                    entry: m.entry,
                    en: m.range.clone(),
                    zh: None,
                    message: format!(
                        "“{}” has none of its renderings in the Chinese: expected {}",
                        &row.en[m.range.clone()],
                        accepted_list(entry)
                    ),
                });
            }
            let renderings: Vec<&ZhMatch> = accepted
                .into_iter()
                .filter(|z| !is_gloss(entry, &row.zh[z.range.clone()]))
                .collect();
            let forms: Vec<String> = renderings
                .iter()
                .map(|z| fold_zh(&row.zh[z.range.clone()]))
                .collect();
            // A row that uses two forms side by side glosses itself; it takes no side.
            if let Some(first) = renderings.first() {
                if forms.iter().all(|f| *f == forms[0]) {
                    uses.entry(m.entry).or_default().push((
                        r,
                        m.range.clone(),
                        first.range.clone(),
                        forms[0].clone(),
                    ));
                }
            }
        }
    }
    for (entry, rows) in uses {
        findings.extend(inconsistencies(corpus, &entries[entry], entry, &rows));
    }
    findings.sort_by_key(|f| (f.row, f.en.start, f.kind, f.entry));
    findings
}

/// Findings for the rows that render `entry` with a less common accepted form.
/// Forbidden renderings in a row without English: a form some approved entry forbids and no
/// approved entry accepts (a form one entry forbids and another accepts is ambiguous without
/// the English, so it is left alone).
fn forbidden_alone(matcher: &Matcher, entries: &[Entry], r: usize, zh: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for z in matcher.find_zh(zh) {
        let approved = |e: &usize| {
            entries
                .get(*e)
                .is_some_and(|e| e.status == Status::Approved)
        };
        let accepted_somewhere = z
            .hits
            .iter()
            .any(|(e, role)| approved(e) && *role != Role::Forbidden);
        if accepted_somewhere {
            continue;
        }
        if let Some((e, _)) = z
            .hits
            .iter()
            .find(|(e, role)| approved(e) && *role == Role::Forbidden)
        {
            let entry = &entries[*e];
            out.push(Finding {
                row: r,
                kind: FindingKind::Forbidden,
                entry: *e,
                en: 0..0,
                zh: Some(z.range.clone()),
                message: format!(
                    "{} is a forbidden rendering of “{}” (no English in this row to confirm it); use {}",
                    &zh[z.range.clone()],
                    entry.en,
                    accepted_list(entry)
                ),
            });
        }
    }
    out
}

fn inconsistencies(corpus: &Corpus, entry: &Entry, index: usize, uses: &[Use]) -> Vec<Finding> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (_, _, _, form) in uses {
        match counts.iter_mut().find(|(f, _)| f == form) {
            Some((_, n)) => *n += 1,
            None => counts.push((form.clone(), 1)),
        }
    }
    if counts.len() < 2 {
        return Vec::new();
    }
    let preferred = fold_zh(&entry.zh);
    // The majority form; on a tie the preferred rendering, then the first one used.
    let (major, major_count) = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, (f, n))| (*n, *f == preferred, std::cmp::Reverse(*i)))
        .map(|(_, (f, n))| (f.clone(), *n))
        .unwrap_or_default();
    let summary: Vec<String> = counts.iter().map(|(f, n)| format!("{f} ×{n}")).collect();
    uses.iter()
        .filter(|(_, _, _, form)| *form != major)
        .map(|(r, en, zh, _)| {
            let row = &corpus.rows[*r];
            Finding {
                row: *r,
                kind: FindingKind::Inconsistent,
                entry: index,
                en: en.clone(),
                zh: Some(zh.clone()),
                message: format!(
                    "“{}” is rendered {} here but {major} in {major_count} other row(s) (across the corpus: {})",
                    &row.en[en.clone()],
                    &row.zh[zh.clone()],
                    summary.join(", ")
                ),
            }
        })
        .collect()
}

/// True when `form` (found in the Chinese) is one of the entry's English forms, written in
/// Latin letters as a gloss beside the rendering, for an entry that is not kept in Latin.
fn is_gloss(entry: &Entry, form: &str) -> bool {
    !entry.latin
        && fold_zh(form) != fold_zh(&entry.zh)
        && entry.en_forms().any(|en| fold_zh(en) == fold_zh(form))
}

fn accepted_list(entry: &Entry) -> String {
    entry.zh_forms().collect::<Vec<_>>().join(" or ")
}

/// The terms of every row, marked for the HTML view: class `term`, title the entry
/// (`EN → ZH (note)`; for a forbidden rendering, saying so).
pub fn highlights(corpus: &Corpus, glossary: &Glossary) -> Vec<Highlight> {
    let entries = &glossary.entries;
    let matcher = Matcher::new(entries);
    let mut out = Vec::new();
    for (r, row) in corpus.rows.iter().enumerate() {
        for m in matcher.find_en(&row.en) {
            out.push(Highlight {
                row: r,
                side: Side::En,
                range: m.range,
                class: "term".into(),
                title: entry_title(&entries[m.entry]),
            });
        }
        for z in matcher.find_zh(&row.zh) {
            let titles: Vec<String> = z
                .hits
                .iter()
                .map(|(e, role)| match role {
                    Role::Forbidden => {
                        format!("forbidden rendering of {}", entry_title(&entries[*e]))
                    }
                    _ => entry_title(&entries[*e]),
                })
                .collect();
            out.push(Highlight {
                row: r,
                side: Side::Zh,
                range: z.range,
                class: "term".into(),
                title: titles.join("; "),
            });
        }
    }
    out
}

fn entry_title(entry: &Entry) -> String {
    match entry.status {
        Status::Approved => entry.title(),
        status => format!("{} [{}]", entry.title(), status.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A corpus from `(en, zh)` pairs (English first, as the glossary reads).
    fn corpus(rows: &[(&str, &str)]) -> Corpus {
        Corpus::from_pairs(rows.iter().map(|&(en, zh)| (zh, en)))
    }

    fn glossary() -> Glossary {
        let mut tl = Entry::new("transfer learning", "迁移学习");
        tl.zh_forbidden = vec!["转移学习".into()];
        let mut pc = Entry::new("personal computer", "个人计算机");
        pc.zh_alt = vec!["个人电脑".into()];
        let mut satya = Entry::new("Satya Nadella", "萨提亚·纳德拉");
        satya.en_alt = vec!["Satya".into()];
        satya.zh_alt = vec!["萨提亚".into(), "Satya".into()];
        let mut draft = Entry::new("agent", "智能体");
        draft.status = Status::Proposed;
        Glossary::from_entries(vec![tl, pc, satya, draft])
    }

    fn kinds(findings: &[Finding]) -> Vec<(usize, FindingKind)> {
        findings.iter().map(|f| (f.row, f.kind)).collect()
    }

    #[test]
    fn a_forbidden_rendering_is_found_without_english() {
        let mut c = corpus(&[
            ("", "我们用转移学习和个人电脑。"),
            ("", "迁移学习很好。"),
            ("Transfer learning", "迁移学习"),
        ]);
        c.rows[0].set(crate::corpus::Flag::ZhOnly);
        let f = check(&c, &glossary());
        assert_eq!(kinds(&f), vec![(0, FindingKind::Forbidden)]);
        assert_eq!(&c.rows[0].zh[f[0].zh.clone().unwrap()], "转移学习");
        assert!(f[0].message.contains("迁移学习"), "{}", f[0].message);
        // A form one approved entry forbids and another accepts says nothing alone.
        let mut g = glossary();
        let mut other = Entry::new("transfer study", "转移学习");
        other.status = Status::Approved;
        g = Glossary::from_entries(g.entries.into_iter().chain([other]).collect());
        assert!(check(&c, &g).is_empty());
    }

    #[test]
    fn missing_and_forbidden_renderings_are_found() {
        let c = corpus(&[
            (
                "Transfer learning started to work.",
                "迁移学习开始起作用了。",
            ),
            ("With transfer learning you can", "随着转移学习的实际应用"),
            ("transfer learning again", "这种方法"),
        ]);
        let f = check(&c, &glossary());
        assert_eq!(
            kinds(&f),
            vec![(1, FindingKind::Forbidden), (2, FindingKind::Missing)]
        );
        assert_eq!(&c.rows[1].zh[f[0].zh.clone().unwrap()], "转移学习");
        assert_eq!(&c.rows[1].en[f[0].en.clone()], "transfer learning");
    }

    #[test]
    fn a_minority_rendering_is_inconsistent() {
        let c = corpus(&[
            ("personal computers were happening", "个人计算机正在发展"),
            ("buy a personal computer", "购买了一台个人电脑"),
            ("personal computer", "个人计算机"),
        ]);
        let f = check(&c, &glossary());
        assert_eq!(kinds(&f), vec![(1, FindingKind::Inconsistent)]);
        assert!(f[0].message.contains("个人计算机 ×2"), "{}", f[0].message);
    }

    #[test]
    fn latin_gloss_beside_a_rendering_is_not_a_second_rendering() {
        let c = corpus(&[
            ("Satya has a theory", "萨提亚(Satya)有一个理论"),
            ("Satya Nadella said", "萨提亚说"),
        ]);
        assert!(check(&c, &glossary()).is_empty());
    }

    #[test]
    fn proposed_entries_are_not_enforced_but_highlighted() {
        let c = corpus(&[("an agent", "一个代理")]);
        let g = glossary();
        assert!(check(&c, &g).is_empty());
        let h = highlights(&c, &g);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].title, "agent → 智能体 [proposed]");
        assert_eq!(h[0].class, "term");
    }

    #[test]
    fn highlights_mark_both_sides_with_the_entry() {
        let c = corpus(&[("transfer learning", "转移学习和迁移学习")]);
        let h = highlights(&c, &glossary());
        let titles: Vec<(&str, &str)> = h
            .iter()
            .map(|h| {
                let text = if h.side == Side::En {
                    &c.rows[0].en
                } else {
                    &c.rows[0].zh
                };
                (&text[h.range.clone()], h.title.as_str())
            })
            .collect();
        assert_eq!(
            titles,
            vec![
                ("transfer learning", "transfer learning → 迁移学习"),
                (
                    "转移学习",
                    "forbidden rendering of transfer learning → 迁移学习"
                ),
                ("迁移学习", "transfer learning → 迁移学习"),
            ]
        );
    }
}
