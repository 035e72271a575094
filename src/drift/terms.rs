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
        .filter_map(|f| {
            // A person's name missing from a row is the Chinese saying 她 or nothing: on the
            // clean novels none of 60 was a real problem. It is reported only when the row
            // holds a near miss of the name (罗晓四 for 罗小四): a misspelt name.
            if f.kind == FindingKind::Missing && is_person(glossary, f.entry) {
                return misspelt_name(corpus, glossary, f.entry, f.row);
            }
            // The term's short form (东北乡 for 高密东北乡), or the term's Chinese just across
            // a caption cut: the rendering is there.
            if f.kind == FindingKind::Missing
                && (short_form(corpus, glossary, f.entry, f.row)
                    || across_caption_cut(corpus, glossary, f.entry, f.row))
            {
                return None;
            }
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
            Some(d)
        })
        .fold(Vec::new(), |mut out: Vec<Draft>, d| {
            // Two rows naming the entry around one caption row may point at the same near
            // miss there: one slip, one finding.
            if !out
                .iter()
                .any(|o| o.row == d.row && o.kind == d.kind && o.message == d.message)
            {
                out.push(d);
            }
            out
        })
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

/// True when the row's Chinese holds a short form of one of the entry's renderings: its
/// leading or trailing lexicon words, three characters or more (东北乡 for 高密东北乡, the
/// way a text names a place again), or its first or last two characters standing as a word
/// of their own ([`two_char_short_form`]: 在书房里, 皇帝的书房 for 上书房). Two characters
/// glued to another (记忆 in 群体记忆 for 集体记忆, 书房 in 御书房 for 上书房) are another word.
fn short_form(corpus: &Corpus, glossary: &Glossary, entry: usize, row: usize) -> bool {
    let (Some(e), Some(r)) = (glossary.entries.get(entry), corpus.rows.get(row)) else {
        return false;
    };
    let lex = crate::align::lexicon::Lexicon::get();
    e.zh_forms().any(|form| {
        if !form.chars().all(crate::text::is_han) {
            return false;
        }
        let words = lex.segment(form);
        words
            .iter()
            .skip(1)
            .map(|w| &form[w.start..])
            .chain(
                words
                    .iter()
                    .take(words.len().saturating_sub(1))
                    .map(|w| &form[..w.end]),
            )
            .any(|part| part.chars().count() >= 3 && r.zh.contains(part))
            || two_char_short_form(corpus, form, row)
    })
}

/// The two-character short form of a rendering of three characters or more: its first or
/// last two characters, a lexicon word (书房 of 上书房), standing alone in the row and the
/// full form written in another row of the document.
fn two_char_short_form(corpus: &Corpus, form: &str, row: usize) -> bool {
    let Some(r) = corpus.rows.get(row) else {
        return false;
    };
    let bounds: Vec<usize> = form.char_indices().map(|(b, _)| b).collect();
    if bounds.len() < 3 {
        return false;
    }
    let lex = crate::align::lexicon::Lexicon::get();
    let head = &form[..bounds[2]];
    let tail = &form[bounds[bounds.len() - 2]..];
    [(head, true), (tail, false)]
        .into_iter()
        .any(|(part, leading)| {
            lex.contains(part)
                && stands_alone(&r.zh, part, leading)
                && named_in_full(corpus, form, row)
        })
}

/// True when `part` occurs in `zh` with nothing of a longer word on the side where the full
/// form had more (`leading`: the part opens the form, so the next character is looked at;
/// else the previous one): a grammar character (的, 在), a non-Han character or the text's
/// edge.
fn stands_alone(zh: &str, part: &str, leading: bool) -> bool {
    let free = |c: Option<char>| {
        c.is_none_or(|c| !crate::text::is_han(c) || super::meaning::ZH_FUNCTION.contains(c))
    };
    zh.match_indices(part).any(|(at, _)| {
        if leading {
            free(zh[at + part.len()..].chars().next())
        } else {
            free(zh[..at].chars().next_back())
        }
    })
}

/// True when some row other than `row` holds the full rendering `form`.
fn named_in_full(corpus: &Corpus, form: &str, row: usize) -> bool {
    corpus
        .rows
        .iter()
        .enumerate()
        .any(|(i, r)| i != row && r.zh.contains(form))
}

/// Share of a caption row's length within which a term sits "at the cut".
const AT_CUT: f64 = 0.4;

/// True on captions when the term's English sits near one end of the row and its rendering
/// near the facing end of the neighbouring row: the caption cut fell between a phrase and its
/// translation ("…the glamour of the film studio" | 向王琦瑶介绍片厂的有趣……).
fn across_caption_cut(corpus: &Corpus, glossary: &Glossary, entry: usize, row: usize) -> bool {
    let (Some(e), Some(r)) = (glossary.entries.get(entry), corpus.rows.get(row)) else {
        return false;
    };
    if r.start_ms.is_none() || r.en.is_empty() {
        return false;
    }
    let en = r.en.to_lowercase();
    let share = |at: usize, len: usize| at as f64 / len.max(1) as f64;
    e.en_forms().any(|f| {
        let f = f.to_lowercase();
        en.match_indices(f.as_str()).any(|(at, _)| {
            let head = share(at + f.len(), en.len()) <= AT_CUT;
            let tail = share(at, en.len()) >= 1.0 - AT_CUT;
            let facing = |n: usize, want_tail: bool| {
                corpus.rows.get(n).is_some_and(|x| {
                    x.start_ms.is_some()
                        && e.zh_forms().any(|z| {
                            x.zh.match_indices(z).any(|(p, _)| {
                                if want_tail {
                                    share(p, x.zh.len()) >= 1.0 - AT_CUT
                                } else {
                                    share(p + z.len(), x.zh.len()) <= AT_CUT
                                }
                            })
                        })
                })
            };
            head && row > 0 && facing(row - 1, true) || tail && facing(row + 1, false)
        })
    })
}

/// The finding for a glossary name written one character off in the row (罗晓四 for 罗小四,
/// 马克·布洛克 for 马克·布洛赫, 吴佩贞 for 吴佩珍), if there is one. In a name of two or
/// three characters the changed character must sound the same (a homophone, the usual slip
/// of an input method): 周锐 for 周瑞 is one, 周围 is not.
///
/// On captions the English name may sit one row off its Chinese (the caption cut fell
/// between them: "…at the sight of it ban er set | up a clamour" against 班儿一见就吵着…):
/// the near miss is then looked for in the neighbouring rows too, when their English does
/// not name the entry itself, and reported on the row that holds it.
fn misspelt_name(corpus: &Corpus, glossary: &Glossary, entry: usize, row: usize) -> Option<Draft> {
    let e = glossary.entries.get(entry)?;
    let here = corpus.rows.get(row)?;
    let mut rows = vec![row];
    if here.start_ms.is_some() {
        let en_forms: Vec<String> = e.en_forms().map(str::to_lowercase).collect();
        for n in [row.wrapping_sub(1), row + 1] {
            let Some(r) = corpus.rows.get(n) else {
                continue;
            };
            let en = r.en.to_lowercase();
            if r.start_ms.is_some()
                && !en_forms.iter().any(|f| en.contains(f.as_str()))
                && !e.zh_forms().any(|z| r.zh.contains(z))
            {
                rows.push(n);
            }
        }
    }
    rows.into_iter().find_map(|r| misspelt_in_row(corpus, e, r))
}

/// The misspelt-name finding of [`misspelt_name`] for one row's Chinese.
fn misspelt_in_row(
    corpus: &Corpus,
    e: &crate::glossary::entry::Entry,
    row: usize,
) -> Option<Draft> {
    let zh = &corpus.rows.get(row)?.zh;
    let chars: Vec<(usize, char)> = zh.char_indices().collect();
    let lex = crate::align::lexicon::Lexicon::get();
    let sounds = |a: char, b: char| {
        let (mut x, mut y) = ([0u8; 4], [0u8; 4]);
        let ra: Vec<&str> = lex.readings(a.encode_utf8(&mut x)).collect();
        lex.readings(b.encode_utf8(&mut y)).any(|r| ra.contains(&r))
    };
    for form in e.zh_forms().filter(|f| f.chars().count() >= 2) {
        let f: Vec<char> = form.chars().collect();
        for w in 0..chars.len().saturating_sub(f.len() - 1) {
            let window: Vec<char> = chars[w..w + f.len()].iter().map(|x| x.1).collect();
            let diff: Vec<usize> = (0..f.len()).filter(|&k| window[k] != f[k]).collect();
            let [k] = diff[..] else { continue };
            // The first character of a short name is the surname: 周瑞 and 吴瑞 are two people.
            // A pet name in 儿 (板儿, 狗儿, 青儿) has no surname: its first character is the
            // name, and a homophone there (班儿) is the slip.
            let pet = f.len() == 2 && f[1] == '儿';
            let ok = if f.len() >= 4 {
                true
            } else {
                (k > 0 || pet) && sounds(window[k], f[k]) && crate::text::is_han(window[k])
            };
            if !ok {
                continue;
            }
            let start = chars[w].0;
            let end = chars.get(w + f.len()).map_or(zh.len(), |x| x.0);
            let written = &zh[start..end];
            return Some(
                Draft::new(
                    Kind::Name,
                    Severity::Error,
                    row,
                    format!(
                        "misspelt: {written} in the Chinese for {form} (glossary: {})",
                        e.en
                    ),
                )
                .zh(start..end)
                .evidence(format!("{written}|{form}")),
            );
        }
    }
    None
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

    #[test]
    fn a_short_form_is_the_term_but_a_changed_word_is_not() {
        let rows = |zh: &str, en: &str| Corpus {
            rows: vec![Row {
                zh: zh.into(),
                en: en.into(),
                ..Row::default()
            }],
            ..Corpus::default()
        };
        let g = Glossary::from_entries(vec![
            Entry::new("Northeast Gaomi Township", "高密东北乡"),
            Entry::new("collective memory", "集体记忆"),
        ]);
        let short = rows(
            "东北乡地势低洼，往往秋水泛滥。",
            "Northeast Gaomi Township is largely swampy land.",
        );
        assert!(from_glossary(&short, &g).is_empty());
        let changed = rows(
            "有些群体记忆存在时间非常长。",
            "Some collective memories are very long-lived.",
        );
        let found = from_glossary(&changed, &g);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].severity, Severity::Error);
    }
}
