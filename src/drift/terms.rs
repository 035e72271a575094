//! Glossary terms in the drift report. The glossary module owns glossaries and their checks;
//! this file is the small interface the drift report needs from it: [`TermRule`]s (an English
//! term, its accepted and forbidden renderings) and [`check`], which turns violations into
//! drift findings. [`load`] reads the CSV columns the drift report needs (`en`, `zh`, and
//! optionally `id`, `en_variants`, `zh_variants`, `zh_forbidden`, `status`).

use super::{Doc, Draft, Kind, Severity};
use std::path::{Path, PathBuf};

/// One glossary entry as the drift report uses it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TermRule {
    pub id: String,
    /// English forms (the term and its variants).
    pub en: Vec<String>,
    /// Accepted Chinese renderings.
    pub zh: Vec<String>,
    /// Renderings that must not appear.
    pub forbidden: Vec<String>,
}

/// A glossary that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum TermsError {
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),
    #[error("{path}:{line}: {message}")]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

fn split_cell(s: &str) -> Vec<String> {
    s.split(" | ")
        .flat_map(|p| p.split('|'))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Reads a glossary CSV (header required, with at least `en` and `zh`). Entries whose
/// `status` is `draft` or `deprecated` are skipped: only approved terms are enforced.
pub fn load(path: &Path) -> Result<Vec<TermRule>, TermsError> {
    let text = crate::text::files::read_text(path)?;
    let err = |line: usize, message: String| TermsError::Line {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| err(1, e.to_string()))?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(en), Some(zh)) = (col("en"), col("zh")) else {
        return Err(err(1, "the header needs the columns en and zh".into()));
    };
    let (id, env, zhv, forb, status) = (
        col("id"),
        col("en_variants"),
        col("zh_variants"),
        col("zh_forbidden"),
        col("status"),
    );
    let mut rules = Vec::new();
    for (n, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| err(n + 2, e.to_string()))?;
        let cell = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim().to_string();
        if matches!(cell(status).as_str(), "draft" | "deprecated") {
            continue;
        }
        let mut rule = TermRule {
            id: cell(id),
            en: split_cell(&cell(Some(en))),
            zh: split_cell(&cell(Some(zh))),
            forbidden: split_cell(&cell(forb)),
        };
        rule.en.extend(split_cell(&cell(env)));
        rule.zh.extend(split_cell(&cell(zhv)));
        if rule.en.is_empty() {
            return Err(err(n + 2, "empty en cell".into()));
        }
        if rule.id.is_empty() {
            rule.id = rule.en[0].clone();
        }
        rules.push(rule);
    }
    Ok(rules)
}

/// Case-insensitive, word-bounded search; the byte range of the first hit.
fn find_en(text: &str, term: &str) -> Option<std::ops::Range<usize>> {
    let lower = text.to_lowercase();
    let t = term.to_lowercase();
    if lower.len() != text.len() || t.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(p) = lower[from..].find(&t) {
        let at = from + p;
        let end = at + t.len();
        let ok_before = !lower[..at]
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric());
        let ok_after = !lower[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
            || lower[end..].starts_with('s');
        if ok_before && ok_after {
            return Some(at..end);
        }
        from = end;
    }
    None
}

/// Term findings: a glossary term in the English without an accepted rendering in the
/// Chinese (error), a forbidden rendering in the Chinese (error).
pub fn check(doc: &Doc, rules: &[TermRule]) -> Vec<Draft> {
    let mut out = Vec::new();
    for (i, r) in doc.bilingual() {
        let zh = doc.zh_without_notes(i);
        for rule in rules {
            for f in &rule.forbidden {
                if let Some(p) = zh.find(f.as_str()) {
                    out.push(
                        Draft::new(
                            Kind::Term,
                            Severity::Error,
                            i,
                            format!(
                                "forbidden rendering {f} (glossary {}: use {})",
                                rule.id,
                                rule.zh.join(" / ")
                            ),
                        )
                        .zh(p..p + f.len())
                        .evidence(format!("{}|{f}", rule.id)),
                    );
                }
            }
            if rule.zh.is_empty() {
                continue;
            }
            let Some(hit) = rule.en.iter().find_map(|e| find_en(&r.en, e)) else {
                continue;
            };
            let zl = zh.to_lowercase();
            if rule.zh.iter().any(|z| zl.contains(&z.to_lowercase())) {
                continue;
            }
            out.push(
                Draft::new(
                    Kind::Term,
                    Severity::Error,
                    i,
                    format!(
                        "{} should be rendered {} (glossary {})",
                        &r.en[hit.clone()],
                        rule.zh.join(" / "),
                        rule.id
                    ),
                )
                .en(hit)
                .evidence(rule.id.clone()),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Row};

    #[test]
    fn required_and_forbidden_renderings() {
        let corpus = Corpus {
            rows: vec![
                Row {
                    zh: "大语言模型改变了一切。".into(),
                    en: "Large language models changed everything.".into(),
                    ..Row::default()
                },
                Row {
                    zh: "大型语言模式很贵。".into(),
                    en: "Large language models are expensive.".into(),
                    ..Row::default()
                },
            ],
            ..Corpus::default()
        };
        let rules = [TermRule {
            id: "term.llm".into(),
            en: vec!["large language model".into()],
            zh: vec!["大语言模型".into(), "大模型".into()],
            forbidden: vec!["大型语言模式".into()],
        }];
        let found = check(&Doc::new(&corpus), &rules);
        let rows: Vec<usize> = found.iter().map(|d| d.row).collect();
        assert_eq!(rows, [1, 1], "{found:#?}");
    }
}
