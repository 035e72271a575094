//! Numbers: every quantity on one side should have an equal on the other. Values are
//! compared, not digit strings (see [`crate::text::numbers`]): 120亿 is 12 billion, 十几岁
//! overlaps "in my teens". A value off by a power of ten is a scale slip, an error of its own.
//!
//! Severity follows what the clean translations showed (docs/drift.md): a scale slip is an
//! error; any other difference is info: on the clean set none of 9 differing pairs was a
//! real problem (equation numbers 2-1/2.1, decimals the captions drop), and a number with
//! nothing facing it is info too, because translators drop and add figures of speech
//! ("a thousand tender charms" for 千般的温存) and section numbers far more often than they
//! lose a real figure.

use super::{Doc, Draft, Kind, Severity};
use crate::text::numbers::{compatible, extract_en, extract_zh, Quantity};

/// How far a row's leftover numbers may look for their equal (a number split across rows
/// by the alignment is not a drift).
const NEIGHBOURS: usize = 1;

/// The text with what is not a quantity made plain, byte for byte the same length (so the
/// marks stay in place): a dotted section number (2.2.4, 10.1.1) is an identifier, masked;
/// a range's dash or tilde between two numbers (5—10, 1748–1832, 8~12, 5-10) becomes a
/// separator, so both sides read the same two numbers (the English reader otherwise keeps
/// the range whole, the Chinese one reads its end only).
fn plain(text: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        // A run of digits and dots with two dots or more, each between digits.
        if c.is_ascii_digit() && (k == 0 || !chars[k - 1].1.is_ascii_digit()) {
            let mut e = k;
            let mut dots = 0;
            while e < chars.len() && (chars[e].1.is_ascii_digit() || chars[e].1 == '.') {
                if chars[e].1 == '.' {
                    if !chars.get(e + 1).is_some_and(|x| x.1.is_ascii_digit()) {
                        break;
                    }
                    dots += 1;
                }
                e += 1;
            }
            if dots >= 2 {
                out.extend(std::iter::repeat_n(';', e - k));
                k = e;
                continue;
            }
        }
        let between = k > 0
            && chars[k - 1].1.is_ascii_digit()
            && chars.get(k + 1).is_some_and(|x| x.1.is_ascii_digit());
        // 2020-01-02 and 010-1234 are not ranges: a hyphen only between two short numbers
        // with no other hyphen in the run.
        let lone_hyphen = c == '-' && {
            let left = chars[..k]
                .iter()
                .rev()
                .take_while(|x| x.1.is_ascii_digit())
                .count();
            let right = chars[k + 1..]
                .iter()
                .take_while(|x| x.1.is_ascii_digit())
                .count();
            let before = k.checked_sub(left + 1).map(|j| chars[j].1);
            let after = chars.get(k + 1 + right).map(|x| x.1);
            left <= 4 && right <= 4 && before != Some('-') && after != Some('-')
        };
        if between && (matches!(c, '—' | '–' | '～' | '~' | '－') || lone_hyphen) {
            out.push_str(if c.len_utf8() == 3 { " ; " } else { ";" });
        } else {
            out.push(c);
        }
        k += 1;
    }
    debug_assert_eq!(out.len(), text.len());
    out
}

/// Number findings for every row with both languages.
pub fn check(doc: &Doc) -> Vec<Draft> {
    let rows: Vec<usize> = doc.bilingual().map(|(i, _)| i).collect();
    // Per bilingual row: the numbers left unmatched within the row.
    let mut left: Vec<(usize, Vec<Quantity>, Vec<Quantity>)> = rows
        .iter()
        .map(|&i| {
            let zh = extract_zh(&plain(&doc.zh_without_notes(i)));
            let en = extract_en(&plain(&doc.rows()[i].en));
            let (en, zh) = unmatched(en, zh);
            (i, en, zh)
        })
        .collect();
    // Second chance across neighbouring rows.
    for a in 0..left.len() {
        for b in a + 1..left.len().min(a + 1 + NEIGHBOURS) {
            if left[b].0 - left[a].0 > NEIGHBOURS {
                continue;
            }
            let (x, y) = left.split_at_mut(b);
            cross(&mut x[a].1, &mut y[0].2);
            cross(&mut y[0].1, &mut x[a].2);
        }
    }
    let mut out = Vec::new();
    for (i, en, zh) in left {
        out.extend(report_row(doc, i, en, zh));
    }
    out
}

/// Removes matched pairs; returns the leftovers (English, Chinese).
fn unmatched(mut en: Vec<Quantity>, mut zh: Vec<Quantity>) -> (Vec<Quantity>, Vec<Quantity>) {
    // Exact value matches first, so that a hedged number does not steal another's partner.
    for exact in [true, false] {
        let mut e = 0;
        while e < en.len() {
            let hit = zh.iter().position(|z| {
                if exact {
                    compatible(z.kind, en[e].kind) && z.lo == en[e].lo && z.hi == en[e].hi
                } else {
                    z.matches(&en[e])
                }
            });
            if let Some(z) = hit {
                zh.remove(z);
                en.remove(e);
            } else {
                e += 1;
            }
        }
    }
    (en, zh)
}

fn cross(en: &mut Vec<Quantity>, zh: &mut Vec<Quantity>) {
    let (e, z) = unmatched(std::mem::take(en), std::mem::take(zh));
    *en = e;
    *zh = z;
}

/// A power of ten k (1 ≤ |k| ≤ 4) with a == b·10^k, if there is one.
fn scale_slip(en: &Quantity, zh: &Quantity) -> Option<i32> {
    if !compatible(en.kind, zh.kind)
        || en.lo != en.hi
        || zh.lo != zh.hi
        || en.lo == 0.0
        || en.weak
        || zh.weak
    {
        return None;
    }
    let ratio = zh.lo / en.lo;
    let k = ratio.log10().round() as i32;
    (k != 0 && k.abs() <= 4 && (ratio / 10f64.powi(k) - 1.0).abs() < 1e-9).then_some(k)
}

/// A "more than" estimate a power of ten off an exact number (万余 for "one thousand"): the
/// low end of the estimate sits within a percent of the other number times 10^k.
fn scale_slip_estimate(en: &Quantity, zh: &Quantity) -> Option<i32> {
    if !compatible(en.kind, zh.kind)
        || en.lo <= 0.0
        || zh.lo <= 0.0
        || en.weak
        || zh.weak
        || zh.lo == zh.hi
    {
        return None;
    }
    let ratio = zh.lo / en.lo;
    let k = ratio.log10().round() as i32;
    (k != 0 && k.abs() <= 4 && (ratio / 10f64.powi(k) - 1.0).abs() < 0.01).then_some(k)
}

/// Classifiers and time units after which a small Chinese number counts things (两个月,
/// 五副, 三天) rather than standing for "a" or a figure of speech.
const ZH_COUNTERS: &[&str] = &[
    "个月", "年", "天", "岁", "小时", "周", "星期", "分钟", "副", "只", "条", "张", "本", "位",
    "名", "次", "件", "封", "辆", "座", "队",
];

/// English nouns after which a small number counts things.
const EN_COUNTED: &[&str] = &[
    "months", "years", "days", "weeks", "hours", "minutes", "pairs", "times", "people", "men",
    "women", "children", "letters", "books",
];

/// A small Chinese number (two to nine) followed by a counter: a count worth checking.
fn counted_zh(zh: &str, q: &Quantity) -> bool {
    q.lo >= 2.0 && q.lo == q.hi && ZH_COUNTERS.iter().any(|c| zh[q.range.end..].starts_with(c))
}

/// A small English number (two to nine) followed by a counted noun.
fn counted_en(en: &str, q: &Quantity) -> bool {
    let next = en[q.range.end..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_ascii_alphabetic())
        .to_ascii_lowercase();
    q.lo >= 2.0 && q.lo == q.hi && EN_COUNTED.contains(&next.as_str())
}

fn report_row(doc: &Doc, i: usize, mut en: Vec<Quantity>, mut zh: Vec<Quantity>) -> Vec<Draft> {
    let row = &doc.rows()[i];
    let mut out = Vec::new();
    // Scale slips.
    let mut e = 0;
    while e < en.len() {
        if let Some((z, k)) = zh.iter().enumerate().find_map(|(z, q)| {
            scale_slip(&en[e], q)
                .or_else(|| scale_slip_estimate(&en[e], q))
                .map(|k| (z, k))
        }) {
            let (a, b) = (en.remove(e), zh.remove(z));
            out.push(
                Draft::new(
                    Kind::NumberScale,
                    Severity::Error,
                    i,
                    format!(
                        "scale slip: English {} = {}, Chinese {} = {} (off by 10^{})",
                        &row.en[a.range.clone()],
                        a.display(),
                        &row.zh[b.range.clone()],
                        b.display(),
                        k.abs()
                    ),
                )
                .en(a.range.clone())
                .zh(b.range.clone())
                .evidence(format!("{}|{}", a.display(), b.display())),
            );
        } else {
            e += 1;
        }
    }
    // Mismatches: a strong number on one side facing a number of the same kind on the other.
    let mut e = 0;
    while e < en.len() {
        // Two weak numbers (一 and three) are too often an article and a figure to pair.
        let partner = zh.iter().position(|z| {
            compatible(z.kind, en[e].kind)
                && (!z.weak || !en[e].weak || counted_zh(&row.zh, z) && counted_en(&row.en, &en[e]))
        });
        if let Some(z) = partner {
            let (a, b) = (en.remove(e), zh.remove(z));
            out.push(
                Draft::new(
                    Kind::Number,
                    Severity::Info,
                    i,
                    format!(
                        "number differs: English {} ({}), Chinese {} ({})",
                        &row.en[a.range.clone()],
                        a.display(),
                        &row.zh[b.range.clone()],
                        b.display()
                    ),
                )
                .en(a.range.clone())
                .zh(b.range.clone())
                .evidence(format!("{}|{}", a.display(), b.display())),
            );
        } else {
            e += 1;
        }
    }
    for a in en.into_iter().filter(|q| !q.weak || counted_en(&row.en, q)) {
        out.push(
            Draft::new(
                Kind::Number,
                Severity::Info,
                i,
                format!(
                    "English {} ({}) has no equal in the Chinese",
                    &row.en[a.range.clone()],
                    a.display()
                ),
            )
            .en(a.range.clone())
            .evidence(a.display()),
        );
    }
    for b in zh.into_iter().filter(|q| !q.weak || counted_zh(&row.zh, q)) {
        out.push(
            Draft::new(
                Kind::Number,
                Severity::Info,
                i,
                format!(
                    "Chinese {} ({}) has no equal in the English",
                    &row.zh[b.range.clone()],
                    b.display()
                ),
            )
            .zh(b.range.clone())
            .evidence(b.display()),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn run(pairs: &[(&str, &str)]) -> Vec<Draft> {
        let corpus = Corpus::from_pairs(pairs.iter().copied());
        check(&Doc::new(&corpus))
    }

    #[test]
    fn equal_values_in_other_forms_pass() {
        let found = run(&[
            ("我们融了120亿美元。", "We raised 12 billion dollars."),
            ("增长了百分之三十。", "It grew thirty percent."),
            (
                "上世纪八十年代，我十几岁。",
                "In the 1980s I was in my teens.",
            ),
            ("我们有１２０名员工。", "We have 120 employees."),
            ("2019年，两千三百人来了。", "In 2019, 2,300 people came."),
            (
                "这十分重要，万一出错就麻烦了。",
                "This matters a lot; if it goes wrong we're in trouble.",
            ),
        ]);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn scale_slip_is_an_error() {
        let found = run(&[("我们融了12亿美元。", "We raised 12 billion dollars.")]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].kind, Kind::NumberScale);
        assert_eq!(found[0].severity, Severity::Error);
    }

    #[test]
    fn changed_and_missing_numbers_are_found() {
        let found = run(&[
            ("有四十二个人。", "There were forty-one people."),
            ("我们在2018年成立。", "We started in 2019."),
            ("那是九十年代。", "That was the eighties."),
            ("他们有很多员工。", "They have 350 employees."),
        ]);
        let kinds: Vec<_> = found.iter().map(|d| (d.row, d.kind)).collect();
        assert_eq!(
            kinds,
            [
                (0, Kind::Number),
                (1, Kind::Number),
                (2, Kind::Number),
                (3, Kind::Number)
            ]
        );
    }

    #[test]
    fn a_number_split_across_neighbouring_rows_is_not_a_finding() {
        let found = run(&[
            ("我们融了", "We raised 12 billion dollars"),
            ("120亿美元。", "and hired people."),
        ]);
        assert!(found.is_empty(), "{found:#?}");
    }
}
