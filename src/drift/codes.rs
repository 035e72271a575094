//! URLs, e-mail addresses and codes (model names and versions: GPT-4, Llama 3.1, v2.0) must be
//! copied, never translated: one that differs between the two sides is a slip (GPT-3 for
//! GPT-4, a mistyped address). Compared after the harmless differences are taken out: case,
//! full-width forms, and the hyphen or space between a name and its number (GPT-4 ↔ GPT4).

use super::{Doc, Draft, Kind, Severity};
use std::ops::Range;

/// One URL, e-mail address or code with its byte range.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    text: String,
    range: Range<usize>,
    what: What,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum What {
    Url,
    Email,
    Code,
}

impl What {
    fn as_str(self) -> &'static str {
        match self {
            What::Url => "URL",
            What::Email => "e-mail address",
            What::Code => "code",
        }
    }
}

/// Full-width ASCII forms (ＧＰＴ－４) as ASCII.
fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The comparable form: lower case, half width, no hyphen, space or trailing dot.
fn key(s: &str) -> String {
    s.chars()
        .map(half_width)
        .filter(|c| !matches!(c, '-' | ' ' | '_'))
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .trim_end_matches(['.', '/'])
        .to_string()
}

/// URLs, e-mail addresses and codes in a text. A code is a Latin word with a digit and at
/// least two letters (GPT-4, A100, v2.0 with its v), or a capitalised word and a number joined
/// by a hyphen (Llama-3) or a space when the number carries a dot (Llama 3.1); a number with
/// its unit (7cm, 3K, 10g) is a quantity, not a code.
fn tokens(text: &str) -> Vec<Token> {
    // Kept by the text while the workbench's check runs ([`super::cache::memo`]).
    super::cache::memo("codes::tokens", &[text], || tokens_computed(text))
}

/// [`tokens`], computed.
fn tokens_computed(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let norm: String = text.chars().map(half_width).collect();
    // Work on byte offsets of the original: half_width keeps every character's length only
    // for ASCII, so map by char index.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let nchars: Vec<char> = norm.chars().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |x| x.0);
    let word_char = |c: char| c.is_ascii_alphanumeric() || "-._@/:%~+=?&#".contains(c);
    let mut k = 0;
    while k < nchars.len() {
        if !word_char(nchars[k]) || "-._@/:%~+=?&#".contains(nchars[k]) {
            k += 1;
            continue;
        }
        let s = k;
        while k < nchars.len() && word_char(nchars[k]) {
            k += 1;
        }
        // "Llama 3.1": a capitalised word, one space, a dotted number.
        let mut e = k;
        if e + 1 < nchars.len() && nchars[e] == ' ' && nchars[e + 1].is_ascii_digit() {
            let mut f = e + 1;
            while f < nchars.len() && (nchars[f].is_ascii_digit() || nchars[f] == '.') {
                f += 1;
            }
            let num: String = nchars[e + 1..f].iter().collect();
            let word: String = nchars[s..e].iter().collect();
            if num.trim_end_matches('.').contains('.')
                && word.starts_with(|c: char| c.is_ascii_uppercase())
                && word.chars().all(|c| c.is_ascii_alphabetic())
            {
                e = f;
                k = f;
            }
        }
        let raw: String = nchars[s..e].iter().collect();
        let word = raw.trim_end_matches(['.', ',', ':', '?', '!', ')', '/']);
        let e = s + word.chars().count();
        let range = chars[s].0..end_of(e);
        let lower = word.to_ascii_lowercase();
        let what = if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www.") && word.len() > 6
        {
            Some(What::Url)
        } else if word.contains('@')
            && word.split('@').count() == 2
            && word.split('@').nth(1).is_some_and(|d| d.contains('.'))
        {
            Some(What::Email)
        } else {
            let letters = word.chars().filter(char::is_ascii_alphabetic).count();
            let digits = word.chars().any(|c| c.is_ascii_digit());
            let unit = measure(word);
            let spaced = word.contains(' ');
            (letters >= 2
                && digits
                && !unit
                && (spaced || !word.contains('.') || word.starts_with(['v', 'V'])))
            .then_some(What::Code)
        };
        if let Some(what) = what {
            out.push(Token {
                text: text[range.clone()].to_string(),
                range,
                what,
            });
        }
    }
    out
}

/// A number with its unit: 7cm, 3K, 10g, 2.726K, 96GHz, 1-2TeV, 5x.
fn measure(t: &str) -> bool {
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '-'));
    let starts_digit = t.len() < 8 && !t.is_empty();
    starts_digit
        && t.chars()
            .all(|c| c.is_ascii_alphabetic() || c == '/' || c == '2')
}

/// The letters of a code, for telling one code's versions apart from another code.
fn skeleton(s: &str) -> String {
    key(s).chars().filter(char::is_ascii_alphabetic).collect()
}

/// Findings for every row with both languages.
pub fn check(doc: &Doc) -> Vec<Draft> {
    let mut out = Vec::new();
    for (i, row) in doc.bilingual() {
        let zh_text = doc.zh_without_notes(i);
        let en = tokens(&row.en);
        let zh = tokens(&zh_text);
        if en.is_empty() && zh.is_empty() {
            continue;
        }
        let neighbours: Vec<String> = [i.wrapping_sub(1), i + 1]
            .into_iter()
            .filter_map(|j| doc.rows().get(j))
            .flat_map(|r| [key(&r.en), key(&r.zh)])
            .collect();
        let zh_key = key(&zh_text);
        for e in &en {
            let k = key(&e.text);
            if zh_key.contains(&k) || zh.iter().any(|z| key(&z.text) == k) {
                continue;
            }
            // The same kind of token on the other side with the same letters (GPT-3 for GPT-4)
            // or, for addresses, a near spelling: the copy went wrong.
            let other = zh.iter().find(|z| {
                z.what == e.what
                    && match e.what {
                        What::Code => skeleton(&z.text) == skeleton(&e.text),
                        What::Url | What::Email => super::names::distance(&key(&z.text), &k) <= 3,
                    }
            });
            if let Some(z) = other {
                out.push(
                    Draft::new(
                        Kind::Name,
                        Severity::Error,
                        i,
                        format!(
                            "{} differs: {} in the English, {} in the Chinese",
                            e.what.as_str(),
                            e.text,
                            z.text
                        ),
                    )
                    .en(e.range.clone())
                    .zh(z.range.clone())
                    .evidence(format!("{}|{}", e.text, z.text)),
                );
            } else if e.what != What::Code && !neighbours.iter().any(|n| n.contains(&k)) {
                // An address is never translated: one the Chinese lacks is lost. (A code
                // may be rendered in words, 第四代模型: not reported.)
                out.push(
                    Draft::new(
                        Kind::Name,
                        Severity::Warning,
                        i,
                        format!(
                            "{} {} is in the English but not in the Chinese",
                            e.what.as_str(),
                            e.text
                        ),
                    )
                    .en(e.range.clone())
                    .evidence(e.text.clone()),
                );
            }
        }
        // Addresses only the Chinese has (codes only the Chinese has are the name check's).
        let en_key = key(&row.en);
        for z in zh.iter().filter(|z| z.what != What::Code) {
            let k = key(&z.text);
            let paired = en
                .iter()
                .any(|e| e.what == z.what && super::names::distance(&key(&e.text), &k) <= 3);
            if en_key.contains(&k) || paired || neighbours.iter().any(|n| n.contains(&k)) {
                continue;
            }
            out.push(
                Draft::new(
                    Kind::Name,
                    Severity::Warning,
                    i,
                    format!(
                        "{} {} is in the Chinese but not in the English",
                        z.what.as_str(),
                        z.text
                    ),
                )
                .zh(z.range.clone())
                .evidence(z.text.clone()),
            );
        }
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
    fn tokens_are_found() {
        let t: Vec<String> =
            tokens("See https://example.com/a, mail bo@x.org; GPT-4 and Llama 3.1, 7cm.")
                .into_iter()
                .map(|t| t.text)
                .collect();
        assert_eq!(
            t,
            ["https://example.com/a", "bo@x.org", "GPT-4", "Llama 3.1"]
        );
    }

    #[test]
    fn a_changed_code_or_address_is_found() {
        let found = run(&[
            ("我们用GPT-3做了测试。", "We tested it with GPT-4."),
            (
                "详见https://exampel.com/docs。",
                "See https://example.com/docs for details.",
            ),
            ("请写信到 bob@acme.org。", "Write to bob@acme.com."),
            ("请访问我们的网站。", "Visit https://acme.org today."),
        ]);
        let got: Vec<(usize, Severity)> = found.iter().map(|d| (d.row, d.severity)).collect();
        assert_eq!(
            got,
            [
                (0, Severity::Error),
                (1, Severity::Error),
                (2, Severity::Error),
                (3, Severity::Warning)
            ],
            "{found:#?}"
        );
        assert!(found[0].message.contains("GPT-4") && found[0].message.contains("GPT-3"));
    }

    #[test]
    fn the_same_code_in_another_form_passes() {
        let found = run(&[
            ("我们用ＧＰＴ－４做了测试。", "We tested it with GPT-4."),
            ("我们用GPT4做了测试。", "We tested it with GPT-4."),
            ("波长是7cm，温度3K。", "It is 7 cm long at 3K."),
            ("第四代模型很强。", "The GPT-4 model is strong."),
            ("见https://example.com。", "See https://example.com."),
        ]);
        assert!(found.is_empty(), "{found:#?}");
    }
}
