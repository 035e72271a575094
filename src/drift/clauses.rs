//! Which stretches of a punctuated English row may be a dropped clause: the units a
//! translator drops are sentences and clauses, so a stretch is a sentence, a clause none of
//! whose words the Chinese renders, or a run of unrendered words inside one clause
//! (issue 14, session 9: precision of the segmented omissions).
//!
//! On the clean translations every false in-row omission of this kind was a free or terse
//! rendering (一怔 for "stood there stunned for a few seconds", 丑态百出 for "their faces
//! twisted into hundreds of masks of lust"), and its trace is a clause the Chinese keeps an
//! anchor of (奸 for "adultery", 会 for "meeting"), or a run of unmatched words that runs
//! across a comma, through the tail of one clause and the head of the next, each rendered
//! in part. A drop leaves the whole clause unmatched.

use crate::align::lexicon::Lexicon;
use std::ops::Range;

/// English forms of "say": Chinese writes them with 说 or 道, which the support check reads
/// as function words (`support::ZH_STOP`), so without this a clause of reported speech
/// ("saying that he was going to call a meeting") counted its verb as unrendered.
const EN_SAY: &[&str] = &["say", "says", "said", "saying"];

/// Chinese words that say "say" (a whole word of the row, so 知道 "know" is not one).
const ZH_SAY: &[&str] = &[
    "说", "道", "讲", "曰", "说道", "笑道", "问道", "叫道", "喝道", "骂道",
];

/// Clause marks inside an English sentence, and sentence ends.
fn is_clause_mark(c: char) -> bool {
    matches!(
        c,
        ',' | ':' | '—' | '–' | '(' | ')' | '.' | '!' | '?' | ';' | '…'
    )
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '…')
}

/// Byte ranges of `text` cut at every mark `cut` accepts (the mark stays with the piece
/// before it); pieces of only spaces are left out.
pub(super) fn pieces(text: &str, cut: impl Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut s = 0;
    for (i, c) in text.char_indices() {
        if cut(c) {
            let e = i + c.len_utf8();
            if !text[s..e].trim().is_empty() {
                out.push(s..e);
            }
            s = e;
        }
    }
    if !text[s..].trim().is_empty() {
        out.push(s..text.len());
    }
    out
}

/// True when the Chinese `zh` has a word of saying (说, 道 …) of its own.
fn zh_says(zh: &str) -> bool {
    let lex = Lexicon::get();
    super::support::han_ranges(zh).into_iter().any(|h| {
        let run = &zh[h];
        lex.segment(run)
            .into_iter()
            .any(|r| ZH_SAY.contains(&&run[r]))
    })
}

/// `ok` (which of the English content words `words` the row's Chinese supports) with the
/// forms of "say" supported when the Chinese has a word of saying: 她还说 renders "Chen
/// Qingyang said".
pub(super) fn said_supported(
    words: &[(Range<usize>, u32, String)],
    ok: &[bool],
    zh: &str,
) -> Vec<bool> {
    let says = words.iter().any(|(_, _, w)| EN_SAY.contains(&w.as_str())) && zh_says(zh);
    words
        .iter()
        .zip(ok)
        .map(|((_, _, w), &ok)| ok || (says && EN_SAY.contains(&w.as_str())))
        .collect()
}

/// Leaves out of `stretches` (sentences and clauses of `en`) every clause that is not a
/// whole sentence and holds a content word the Chinese renders (`words`, `ok`): the
/// translator rendered that clause, tersely or freely. A whole sentence keeps the support
/// check's allowance (a quarter of its words), since a name or a number it shares with a
/// neighbouring sentence can match by accident.
pub(super) fn keep_unanchored(
    stretches: &mut Vec<Range<usize>>,
    en: &str,
    words: &[Range<usize>],
    ok: &[bool],
) {
    let sentences = pieces(en, is_sentence_end);
    stretches.retain(|s| {
        sentences.contains(s)
            || !words
                .iter()
                .zip(ok)
                .any(|(r, &ok)| ok && r.start >= s.start && r.end <= s.end)
    });
}

/// Runs of at least `min` consecutive unrendered content words of `en` (`words`, `ok`)
/// inside one clause, as byte ranges from the first word to the last: a run is cut where a
/// clause or a sentence ends.
pub(super) fn runs(en: &str, words: &[Range<usize>], ok: &[bool], min: usize) -> Vec<Range<usize>> {
    let clauses = pieces(en, is_clause_mark);
    let clause_of = |r: &Range<usize>| clauses.iter().position(|c| c.contains(&r.start));
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        if ok[k] {
            k += 1;
            continue;
        }
        let s = k;
        let c = clause_of(&words[s]);
        while k < words.len() && !ok[k] && clause_of(&words[k]) == c {
            k += 1;
        }
        if k - s >= min {
            out.push(words[s].start..words[k - 1].end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English words as the support check cuts them (`drift::support`'s `en_words`).
    fn words(en: &str) -> Vec<Range<usize>> {
        crate::drift::meaning::en_letter_runs(en)
    }

    #[test]
    fn a_run_stops_at_a_comma() {
        let en = "Mary waved happily, took heavy baskets home quickly then slept";
        let w = words(en);
        // Mary+ waved- happily- | took- heavy- baskets- home- quickly+ then+ slept+
        let ok = [
            true, false, false, false, false, false, false, true, true, true,
        ];
        assert_eq!(w.len(), ok.len());
        let found = runs(en, &w, &ok, 4);
        assert_eq!(found.len(), 1);
        assert_eq!(&en[found[0].clone()], "took heavy baskets home");
        // Without the comma the same words are one run of six.
        let en2 = en.replace(',', "");
        let w2 = words(&en2);
        let found2 = runs(&en2, &w2, &ok, 4);
        assert_eq!(
            &en2[found2[0].clone()],
            "waved happily took heavy baskets home"
        );
    }

    #[test]
    fn a_clause_with_a_rendered_word_is_no_stretch_but_a_sentence_is() {
        let en = "He came home late, tired after the long walk. The dog barked.";
        let w = words(en);
        let ok: Vec<bool> = w.iter().map(|r| &en[r.clone()] == "walk").collect();
        let clause = en.find(" tired").unwrap()..en.find(" The").unwrap();
        let sentence = 0..clause.end;
        let mut stretches = vec![0..clause.start, clause.clone(), sentence.clone()];
        keep_unanchored(&mut stretches, en, &w, &ok);
        assert_eq!(stretches, vec![0..clause.start, sentence]);
    }

    #[test]
    fn said_is_rendered_by_a_word_of_saying_but_not_by_zhidao() {
        let en = "She said the rain had stopped.";
        let w: Vec<(Range<usize>, u32, String)> = words(en)
            .into_iter()
            .map(|r| (r.clone(), 0, en[r].to_lowercase()))
            .collect();
        let none = vec![false; w.len()];
        let said = |zh: &str| said_supported(&w, &none, zh)[1];
        assert!(said("她说雨停了。"));
        assert!(said("她笑道：“雨停了。”"));
        assert!(!said("她知道雨停了。"));
        assert!(!said("雨停了。"));
    }
}
