//! Glossary terms in the drift report. The glossary module owns glossaries and their checks
//! ([`crate::glossary::check`]); this file turns its findings into drift findings, so that
//! term violations sit in the same report, with the same ids, suppression and exit codes.

use super::{Draft, Kind, Severity};
use crate::corpus::Corpus;
use crate::glossary::check::FindingKind;
use crate::glossary::Glossary;

/// The glossary the drift report checks terms against (the default holds none: no term
/// checks).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermRules {
    pub glossary: Option<Glossary>,
}

/// Reads a glossary file (see `docs/glossary-format.md`) for the drift report.
pub fn load(path: &std::path::Path) -> Result<TermRules, crate::glossary::GlossaryError> {
    Ok(TermRules {
        glossary: Some(Glossary::load(path)?),
    })
}

/// Checks the corpus against the glossary and converts the findings: a forbidden rendering
/// is an error; a missing one an error, unless a neighbouring row holds a rendering its own
/// English does not claim (the alignment put the term's Chinese next door: info); an
/// inconsistent one a warning.
pub fn from_glossary(corpus: &Corpus, glossary: &Glossary) -> Vec<Draft> {
    crate::glossary::check::check(corpus, glossary)
        .into_iter()
        .filter(|f| f.row < corpus.rows.len())
        .map(|f| {
            let severity = match f.kind {
                FindingKind::Missing
                    if spilt_next_door(corpus, glossary, f.entry, f.row)
                        || is_person(glossary, f.entry)
                        || pronoun_for_name(corpus, glossary, f.entry, f.row) =>
                {
                    Severity::Info
                }
                // Without English nothing confirms the concept: worth a look.
                FindingKind::Forbidden if corpus.rows[f.row].en.trim().is_empty() => {
                    Severity::Warning
                }
                FindingKind::Missing | FindingKind::Forbidden => Severity::Error,
                FindingKind::Inconsistent => Severity::Warning,
            };
            let term = glossary
                .entries
                .get(f.entry)
                .map(|e| e.en.clone())
                .unwrap_or_default();
            let row = &corpus.rows[f.row];
            let mut d = Draft::new(Kind::Term, severity, f.row, f.message.clone())
                .evidence(format!("{}|{term}", f.kind.as_str()));
            if row.en.get(f.en.clone()).is_some() {
                d = d.en(f.en.clone());
            }
            if let Some(z) = f.zh.filter(|z| row.zh.get(z.clone()).is_some()) {
                d = d.zh(z);
            }
            d
        })
        .collect()
}

/// True when row `row - 1` or `row + 1` holds an accepted rendering of the entry while its
/// English holds none of the entry's English forms: the rendering is there, one row off.
/// (A renamed rendering leaves the window one rendering short, so a slip stays an error.)
fn spilt_next_door(corpus: &Corpus, glossary: &Glossary, entry: usize, row: usize) -> bool {
    let Some(e) = glossary.entries.get(entry) else {
        return false;
    };
    let en_forms: Vec<String> = e.en_forms().map(|f| f.to_lowercase()).collect();
    [row.wrapping_sub(1), row + 1]
        .into_iter()
        .filter_map(|n| corpus.rows.get(n))
        .any(|n| {
            let en = n.en.to_lowercase();
            e.zh_forms().any(|z| !z.is_empty() && n.zh.contains(z))
                && !en_forms
                    .iter()
                    .any(|f| !f.is_empty() && en.contains(f.as_str()))
        })
}

/// True for a person's name. On the clean novels none of 11 missing names was a real
/// problem (Chinese leaves the subject out, or says 好姐姐, 茅大哥): a missing name is info;
/// a wrong one still shows there, and as a misspelt name when it is in Latin.
fn is_person(glossary: &Glossary, entry: usize) -> bool {
    glossary
        .entries
        .get(entry)
        .is_some_and(|e| e.kind == crate::glossary::entry::Kind::Name)
}

/// Chinese personal pronouns: a translation names a person once and says 她 after, where
/// English repeats the name.
const ZH_PRONOUNS: &[char] = &['他', '她', '它', '其', '您', '你', '我'];

/// True when the entry is a person's name and the row's Chinese refers to someone by a
/// pronoun, or the English uses the name only as a possessive ("Wu Peizhen's cousin" is
/// 表哥): the usual way a translation leaves a name out, so worth a look, not an error.
fn pronoun_for_name(corpus: &Corpus, glossary: &Glossary, entry: usize, row: usize) -> bool {
    let (Some(e), Some(r)) = (glossary.entries.get(entry), corpus.rows.get(row)) else {
        return false;
    };
    if e.kind != crate::glossary::entry::Kind::Name {
        return false;
    }
    let en = r.en.to_lowercase();
    let possessive = e.en_forms().any(|f| {
        let f = f.to_lowercase();
        en.contains(&format!("{f}'s")) || en.contains(&format!("{f}’s"))
    });
    possessive || r.zh.contains(ZH_PRONOUNS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Row;
    use crate::glossary::entry::Entry;

    #[test]
    fn glossary_findings_become_term_findings() {
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
        let mut entry = Entry::new("large language model", "大语言模型");
        entry.zh_forbidden = vec!["大型语言模式".into()];
        entry.inflect = true;
        let found = from_glossary(&corpus, &Glossary::from_entries(vec![entry]));
        assert!(!found.is_empty(), "{found:#?}");
        assert!(found
            .iter()
            .all(|d| d.row == 1 && d.kind == Kind::Term && d.severity == Severity::Error));
    }
}
