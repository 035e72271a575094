//! Negations and questions on the caption path (a Chinese article against lower-case,
//! unpunctuated auto-captions), where the row-level checks of `drift::meaning` and
//! `drift::speakers` see too little: a row may carry several negations of which the Chinese
//! lost one, a question asks by word order only, and a caption cut moves a sentence's
//! negation or question into the neighbouring row.

use super::meaning::{en_content_words, en_negations, idiomatic, zh_has_negator, zh_negations};
use super::meaning::{Glosses, ZH_NEGATIVE_MEANING};
use super::speakers::{zh_question, zh_sentences};
use super::{Doc, Draft, Kind, Severity};
use std::ops::Range;

/// How many words at the start of a caption row may still belong to the previous row's
/// sentence (a caption cut lags or leads the article's sentence by a few words).
const HEAD_WORDS: usize = 8;

/// How many content words after a negator make up the negated predicate.
const SCOPE_WORDS: usize = 3;

/// How many words after a negator its head word may stand ("no *loops*", "won't be
/// *angry*"): further on, the word is seldom what the negator negates.
const HEAD_WITHIN: usize = 2;

/// How far back (in words) a verb negation turns a later one into a litotes ("i shouldn't
/// be surprised if she didn't remember" means she remembers).
const LITOTES_WORDS: usize = 8;

/// Adds the caption-path negation and question findings to `drafts`. A finding that spans a
/// caption cut (rows i−1..i) replaces a single-row finding of the same kind on one of its
/// rows: one slip, one finding. Does nothing on segmented text or captions with punctuation.
pub fn revise(doc: &Doc, drafts: &mut Vec<Draft>) {
    if !doc.has_english || doc.rows().iter().any(|r| r.en.contains(['.', '?'])) {
        return;
    }
    let mut new = negations(doc);
    new.extend(questions(doc));
    for d in new {
        let covers = |o: &Draft| o.kind == d.kind && o.row <= d.last_row && d.row <= o.last_row;
        if drafts
            .iter()
            .any(|o| covers(o) && o.last_row - o.row >= d.last_row - d.row)
        {
            continue;
        }
        drafts.retain(|o| !covers(o));
        drafts.push(d);
    }
}

/// Words of an English text with their byte ranges, lower case, apostrophes kept.
fn words(en: &str) -> Vec<(Range<usize>, String)> {
    // Kept by the text while the workbench's check runs ([`super::cache::memo`]).
    super::cache::memo("caption_meaning::words", &[en], || words_computed(en))
}

/// [`words`], computed.
fn words_computed(en: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in en.char_indices().chain(std::iter::once((en.len(), ' '))) {
        let letter = c.is_ascii_alphabetic() || c == '\'' || c == '’';
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s..i, en[s..i].to_ascii_lowercase().replace('’', "'")));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Chinese clauses: the stretches between clause and sentence punctuation and quotes.
fn zh_clauses(zh: &str) -> Vec<&str> {
    zh.split([
        '，', '。', '；', '！', '？', '：', '、', '“', '”', '「', '」', '…', '—', ',', ';', '!',
        '?', ':',
    ])
    .filter(|c| c.chars().any(crate::text::is_han))
    .collect()
}

/// True when a Chinese text says "not" in any way: a negator (also inside a word such as
/// 不如), a word that means a negation (拒, 难以, 休想), or a question, which may be a
/// rhetorical one (谁要你教了？ "I don't need you to teach me").
fn zh_negating(zh: &str) -> bool {
    !zh_negations(zh).is_empty()
        || zh_has_negator(zh)
        || ZH_NEGATIVE_MEANING.iter().any(|w| zh.contains(w))
        || zh.contains(['？', '?'])
}

/// How many times a Chinese text says "not" outright: its free negators and its questions
/// (which may be rhetorical). Words such as 是否 "whether" count for nothing here.
fn zh_not_count(zh: &str) -> usize {
    zh_negations(zh).len() + zh.matches(['？', '?']).count()
}

/// The word an English negation negates: the first content word among the
/// [`HEAD_WITHIN`] words after it ("no loops are used" → loops; "nothing about me" → none;
/// "not … first" → none: a number word is no head).
fn head<'a>(en: &'a str, n: &Range<usize>) -> Option<&'a str> {
    let next: Vec<Range<usize>> = words(&en[n.end..])
        .into_iter()
        .take(HEAD_WITHIN)
        .map(|(r, _)| n.end + r.start..n.end + r.end)
        .collect();
    let content = en_content_words(en);
    // A number word ("not … first", "no one") orders or counts; it names nothing the Chinese
    // must render positively, so a negation whose head it is gives no evidence.
    next.into_iter()
        .find(|r| content.contains(r))
        .map(|r| &en[r])
        .filter(|w| crate::text::numbers::extract_en(w).is_empty())
}

/// True when a verb negation (not, n't, never) stands among the [`LITOTES_WORDS`] words
/// before `n`: two negations that make a positive.
fn litotes(en: &str, n: &Range<usize>) -> bool {
    let before = words(&en[..n.start]);
    before
        .iter()
        .rev()
        .take(LITOTES_WORDS)
        .any(|(_, w)| w == "not" || w == "never" || w.ends_with("n't") || w == "cannot")
}

/// The content words of the predicate a negator at `n` negates: up to [`SCOPE_WORDS`] of
/// them, stopping at the next negator.
fn scope<'a>(en: &'a str, n: &Range<usize>) -> Vec<&'a str> {
    let rest = &en[n.end..];
    let stop = en_negations(rest)
        .first()
        .map_or(rest.len(), |r| r.start)
        .min(rest.len());
    en_content_words(&rest[..stop])
        .into_iter()
        .take(SCOPE_WORDS)
        .map(|r| &rest[r])
        .collect()
}

/// True when the Chinese glosses the English word, also through its bare verb when the
/// word is a past participle the dictionary's stemmer leaves whole ("used" ↔ 使用 "to use",
/// "allowed" ↔ 允许 "to allow").
fn renders(g: &Glosses, word: &str) -> bool {
    g.supports(word)
        || word.len() >= 4
            && word
                .strip_suffix('d')
                .is_some_and(|b| b.ends_with('e') && g.supports(b))
        || word
            .strip_suffix("ed")
            .is_some_and(|b| b.len() >= 3 && g.supports(b))
}

/// Negations the Chinese rendered positively, clause by clause or across a caption cut.
///
/// 1. **Within a row**: the English says "not" at least twice and more often than the
///    Chinese does (which negates at least once), and one English negation away from the
///    row's ends, not a litotes, has a head word (the first content word it negates: "no
///    *loops* are used") rendered by exactly one Chinese clause, which does not negate and
///    renders another word of the predicate too (通常也使用环; 不使用多重边 renders "no
///    multiple edges").
/// 2. **Across a caption cut**: a negation among the first words of a caption row ("all to
///    her | i hope she won't be angry with me") whose head word the previous row's Chinese
///    renders (嗔着我莽撞 for "angry") and this row's Chinese does not, neither row's
///    Chinese negating.
fn negations(doc: &Doc) -> Vec<Draft> {
    let rows = doc.rows();
    let mut out = Vec::new();
    let bilingual: Vec<usize> = doc.bilingual().map(|(i, _)| i).collect();
    let is_bi = |i: usize| bilingual.binary_search(&i).is_ok();
    for &i in &bilingual {
        let en = &rows[i].en;
        let zh = doc.zh_without_notes(i);
        let en_n: Vec<Range<usize>> = en_negations(en)
            .into_iter()
            .filter(|n| !idiomatic(en, n))
            .collect();
        if en_n.is_empty() {
            continue;
        }
        // 1. Within the row: a negation away from the caption cuts (its words at either end
        // of the row may belong to the neighbouring row's sentence).
        let w = words(en);
        let head_end = w.get(HEAD_WORDS).map_or(en.len(), |(r, _)| r.start);
        let tail_start = w.len().checked_sub(HEAD_WORDS).map_or(0, |k| w[k].0.start);
        let nots = zh_not_count(&zh);
        if en_n.len() >= 2 && nots >= 1 && en_n.len() > nots {
            let clauses: Vec<(Glosses, bool)> = zh_clauses(&zh)
                .into_iter()
                .map(|c| (Glosses::of(c), zh_negating(c)))
                .collect();
            let lost = en_n.iter().find_map(|n| {
                if litotes(en, n) {
                    return None;
                }
                // A negation among the first or last words of the row may be the
                // neighbouring row's sentence: it counts only when that neighbour's
                // Chinese renders less of its predicate than this row's clause does.
                let neighbour = if n.start < head_end {
                    Some(i.checked_sub(1))
                } else if n.start >= tail_start {
                    Some(Some(i + 1))
                } else {
                    None
                };
                let h = head(en, n)?;
                let by: Vec<(&Glosses, bool)> = clauses
                    .iter()
                    .filter(|(g, _)| g.supports(h))
                    .map(|(g, neg)| (g, *neg))
                    .collect();
                // One clause renders the head, positively, and with it another word of the
                // predicate ("no loops are used" ↔ 通常也使用环): a clause that renders the
                // negated statement, not a word that happens to gloss.
                let [(g, false)] = by[..] else {
                    return None;
                };
                let predicate = scope(en, n);
                let rendered = predicate.iter().filter(|w| renders(g, w)).count();
                if rendered < 2 {
                    return None;
                }
                if let Some(nb) = neighbour {
                    let there = nb
                        .filter(|&b| is_bi(b))
                        .map(|b| Glosses::of(&doc.zh_without_notes(b)));
                    // The neighbour negating may be where this negation went: not evidence.
                    let nb_negates = nb
                        .filter(|&b| is_bi(b))
                        .is_some_and(|b| zh_negating(&doc.zh_without_notes(b)));
                    let there_rendered = there
                        .as_ref()
                        .map_or(0, |t| predicate.iter().filter(|w| renders(t, w)).count());
                    if nb_negates && there_rendered > 0 || there_rendered >= rendered {
                        return None;
                    }
                }
                Some((n, h))
            });
            if let Some((n, h)) = lost {
                out.push(
                    Draft::new(
                        Kind::Negation,
                        Severity::Info,
                        i,
                        format!(
                            "the English negates ({} … {h}); the Chinese clause that renders \"{h}\" has no negation",
                            &en[n.clone()],
                        ),
                    )
                    .en(n.clone()),
                );
                continue;
            }
        }
        // 2. A negation at the head of the row, whose sentence the previous row's Chinese has.
        let Some(p) = i.checked_sub(1).filter(|&p| is_bi(p)) else {
            continue;
        };
        let Some(n) = en_n.iter().find(|n| n.start < head_end) else {
            continue;
        };
        let prev_zh = doc.zh_without_notes(p);
        if zh_negating(&zh) || zh_negating(&prev_zh) {
            continue;
        }
        let (here, there) = (Glosses::of(&zh), Glosses::of(&prev_zh));
        let Some(h) = head(en, n) else {
            continue;
        };
        // The head word, not the whole scope: on captions the words after it may already
        // be the next sentence ("won't be angry with me | the door opened").
        if here.supports(h) || !there.supports(h) {
            continue;
        }
        let mut d = Draft::new(
            Kind::Negation,
            Severity::Info,
            p,
            format!(
                "the English negates ({} … {h}, at the start of the next caption row); the Chinese has no negation",
                &en[n.clone()]
            ),
        );
        d.last_row = i;
        out.push(d);
    }
    out
}

/// A wh-word followed by an inverted auxiliary and subject ("what did her ladyship say",
/// "how could you", "where do the"): a question without its question mark. A relative or
/// embedded clause does not invert ("the man who was the leader", "i know what she did"), so
/// after who, which, where and when only do-support and modals count, not be or have; be
/// and have count after what, why and how before a personal pronoun only ("how are you",
/// not "describes what is the latter"). "how do you do" greets. Returns the byte offset
/// where the question starts.
pub fn wh_inverted(en: &str) -> Option<usize> {
    // Kept by the text while the workbench's check runs ([`super::cache::memo`]).
    super::cache::memo("caption_meaning::wh_inverted", &[en], || {
        wh_inverted_computed(en)
    })
}

/// [`wh_inverted`], computed.
fn wh_inverted_computed(en: &str) -> Option<usize> {
    const WH_ANY: &[&str] = &["what", "why", "how"];
    const WH_STRONG: &[&str] = &["who", "whom", "which", "where", "when"];
    const STRONG: &[&str] = &[
        "do", "does", "did", "can", "could", "will", "would", "should", "shall", "may", "might",
        "must", "don't", "doesn't", "didn't", "can't", "won't", "wouldn't", "couldn't",
    ];
    const WEAK: &[&str] = &["is", "are", "was", "were", "has", "have", "had"];
    const SUBJ: &[&str] = &[
        "i", "you", "he", "she", "it", "we", "they", "her", "his", "my", "your", "their", "our",
        "the", "this", "these", "those",
    ];
    const PERSONAL: &[&str] = &["i", "you", "he", "she", "it", "we", "they"];
    let w = words(en);
    w.windows(3)
        .enumerate()
        .find(|(k, t)| {
            let (wh, aux, subj) = (t[0].1.as_str(), t[1].1.as_str(), t[2].1.as_str());
            let greeting = wh == "how"
                && aux == "do"
                && subj == "you"
                && w.get(k + 3).is_some_and(|x| x.1 == "do");
            !greeting
                && (STRONG.contains(&aux)
                    && SUBJ.contains(&subj)
                    && (WH_ANY.contains(&wh) || WH_STRONG.contains(&wh))
                    || WEAK.contains(&aux) && PERSONAL.contains(&subj) && WH_ANY.contains(&wh))
        })
        .map(|(_, t)| t[0].0.start)
}

/// Words before a who/what that make it a relative or embedded clause, not a question:
/// prepositions (at what happened), verbs of knowing, saying and being (knew what happened,
/// said what can), people it may refer back to (anyone who could, the man who would), and
/// pronouns.
const WH_NOT_AFTER: &[&str] = &[
    "about",
    "at",
    "of",
    "from",
    "for",
    "to",
    "on",
    "in",
    "into",
    "with",
    "by",
    "over",
    "upon",
    "under",
    "through",
    "than",
    "as",
    "like",
    "after",
    "before",
    "anyone",
    "someone",
    "everyone",
    "nobody",
    "anybody",
    "somebody",
    "everybody",
    "one",
    "those",
    "people",
    "person",
    "man",
    "men",
    "woman",
    "women",
    "him",
    "her",
    "them",
    "us",
    "me",
    "you",
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "this",
    "that",
    "these",
    "young",
    "old",
    "lady",
    "girl",
    "boy",
    "child",
    "children",
    "wife",
    "husband",
    "friend",
    "cousin",
    "brother",
    "sister",
    "mother",
    "father",
    "son",
    "daughter",
    "uncle",
    "aunt",
    "king",
    "queen",
    "lord",
    "master",
    "servant",
    "maid",
    "guy",
    "know",
    "knew",
    "known",
    "ask",
    "wonder",
    "see",
    "saw",
    "seen",
    "tell",
    "told",
    "say",
    "said",
    "show",
    "explain",
    "remember",
    "forget",
    "forgot",
    "understand",
    "understood",
    "hear",
    "heard",
    "learn",
    "find",
    "found",
    "decide",
    "guess",
    "imagine",
    "believe",
    "think",
    "thought",
    "mean",
    "meant",
    "care",
    "matter",
    "mind",
    "idea",
    "sure",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "am",
    "exactly",
    "just",
    "whatever",
    "no",
    "not",
    "all",
];

/// Modals that carry a subject question with no inversion ("who could prove i did").
const MODALS: &[&str] = &[
    "can",
    "could",
    "will",
    "would",
    "should",
    "shall",
    "may",
    "might",
    "must",
    "cannot",
    "can't",
    "couldn't",
    "won't",
    "wouldn't",
    "shouldn't",
];

/// A question whose wh-word is its subject, so English does not invert: who or what, a
/// modal and a verb ("who could prove i did", "what can happen"), or "what happened".
/// Unpunctuated, it reads like a relative or embedded clause ("anyone who could prove",
/// "knew what happened"), so the word before the wh-word (`before` is the previous caption
/// row's English, for a wh-word opening the row) must be none of [`WH_NOT_AFTER`], nor a
/// verb form or plural in -s, -ed, -ing, nor a person noun in -er, -or, -ist, -ian.
/// Returns the wh-word's byte offset and the verb's range.
pub fn wh_subject(en: &str, before: &str) -> Option<(usize, Range<usize>)> {
    // Kept by the text while the workbench's check runs ([`super::cache::memo`]).
    super::cache::memo("caption_meaning::wh_subject", &[en, before], || {
        wh_subject_computed(en, before)
    })
}

/// [`wh_subject`], computed.
fn wh_subject_computed(en: &str, before: &str) -> Option<(usize, Range<usize>)> {
    const SUBJ: &[&str] = &[
        "i", "you", "he", "she", "it", "we", "they", "her", "his", "my", "your", "their", "our",
        "the", "this", "these", "those", "a", "an", "not",
    ];
    let w = words(en);
    let prev_last = words(before).pop().map(|(_, x)| x);
    (0..w.len()).find_map(|k| {
        let wh = w[k].1.as_str();
        if wh != "who" && wh != "what" {
            return None;
        }
        let verb = if wh == "what" && w.get(k + 1).is_some_and(|x| x.1 == "happened") {
            w[k + 1].0.clone()
        } else {
            let modal = w.get(k + 1)?;
            let verb = w.get(k + 2)?;
            if !MODALS.contains(&modal.1.as_str()) || SUBJ.contains(&verb.1.as_str()) {
                return None;
            }
            verb.0.clone()
        };
        let prev = if k > 0 {
            Some(w[k - 1].1.clone())
        } else {
            prev_last.clone()
        };
        let blocked = prev.is_some_and(|p| {
            WH_NOT_AFTER.contains(&p.as_str())
                || p.len() > 3
                    && ["s", "ed", "ing", "er", "or", "ist", "ian"]
                        .iter()
                        .any(|x| p.ends_with(x))
        });
        (!blocked).then(|| (w[k].0.start, verb))
    })
}

/// Chinese interrogative words: a wh-question rendered with one of them still asks (or says
/// "I don't know who"), even without its question mark.
const ZH_WH: &[&str] = &["谁", "什么", "啥", "何", "哪", "怎", "为啥"];

/// An auxiliary before a subject pronoun at the very start of a caption row ("do you give
/// in", "did she"): the row opens with a question, unless the previous row ends on a word
/// after which English inverts in statements ("nor | would she have", "so | was i"), given
/// as `before`. Returns its byte offset.
fn aux_first(en: &str, before: &str) -> Option<usize> {
    const INVERTS: &[&str] = &[
        "nor", "so", "neither", "than", "as", "only", "never", "seldom",
    ];
    if words(before)
        .last()
        .is_some_and(|(_, w)| INVERTS.contains(&w.as_str()))
    {
        return None;
    }
    const AUX: &[&str] = &[
        "do", "does", "did", "is", "are", "was", "were", "can", "could", "will", "would", "have",
        "has", "had",
    ];
    const SUBJ: &[&str] = &["i", "you", "he", "she", "we", "they"];
    let w = words(en);
    (w.len() >= 2 && AUX.contains(&w[0].1.as_str()) && SUBJ.contains(&w[1].1.as_str()))
        .then(|| w[0].0.start)
}

/// True when a Chinese text asks: a question sentence, a question mark, 吗.
fn zh_asks(zh: &str) -> bool {
    zh_sentences(zh).into_iter().any(|s| zh_question(&zh[s])) || zh.contains(['？', '?', '吗'])
}

/// True when a Chinese text exclaims or says "not": a wh-question is often rendered as an
/// assertion (What's the sense…? ↔ 也没用！), a yes/no question seldom is.
fn zh_asserts(zh: &str) -> bool {
    zh.contains(['！', '!']) || zh_negating(zh)
}

/// English questions by word order whose Chinese states: a wh-question with inversion in a
/// row whose Chinese neither asks nor exclaims nor negates (nor its neighbours' Chinese
/// asks); and a row opening with an auxiliary and a pronoun ("do you give in") whose
/// question the previous row's Chinese holds, across the caption cut (reported on both rows
/// when neither, nor their neighbours, asks). A wh-question at the head of a row spans the
/// cut too.
fn questions(doc: &Doc) -> Vec<Draft> {
    let rows = doc.rows();
    let bilingual: Vec<usize> = doc.bilingual().map(|(i, _)| i).collect();
    let zh = |i: usize| -> Option<String> {
        bilingual
            .binary_search(&i)
            .is_ok()
            .then(|| doc.zh_without_notes(i))
    };
    let asks = |i: usize| zh(i).is_some_and(|z| zh_asks(&z));
    let asserts = |i: usize| zh(i).is_some_and(|z| zh_asserts(&z));
    let mut out = Vec::new();
    for &i in &bilingual {
        let en = &rows[i].en;
        let head_end = words(en).get(HEAD_WORDS).map_or(en.len(), |(r, _)| r.start);
        let before = if i > 0 { rows[i - 1].en.as_str() } else { "" };
        let subject = || {
            // The row's own Chinese must render the question's verb and no wh-word: then it
            // is this row's Chinese that states the question.
            let (at, verb) = wh_subject(en, before)?;
            let z = zh(i)?;
            (Glosses::of(&z).supports(&en[verb]) && !ZH_WH.iter().any(|w| z.contains(w)))
                .then_some(at)
        };
        let (at, span, wh) = if let Some(at) = wh_inverted(en) {
            let prev = at < head_end && i > 0;
            (at, if prev { (i - 1, i) } else { (i, i) }, true)
        } else if let Some(at) = subject() {
            (at, (i, i), true)
        } else if let Some(at) = aux_first(en, &rows[i.saturating_sub(1)].en).filter(|_| i > 0) {
            (at, (i - 1, i), false)
        } else {
            continue;
        };
        if zh(span.0).is_none()
            || (span.0.saturating_sub(1)..=span.1 + 1).any(asks)
            || wh && (span.0..=span.1).any(asserts)
        {
            continue;
        }
        let mut d = Draft::new(
            Kind::Question,
            Severity::Info,
            span.0,
            format!(
                "the English asks a question by its word order (\"{}\"); the Chinese states it",
                en[at..]
                    .split_whitespace()
                    .take(5)
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        );
        d.last_row = span.1;
        if span.0 == span.1 {
            d = d.zh(0..rows[i].zh.len()).en(0..en.len());
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head_after(en: &str, negator: &str) -> Option<String> {
        let at = en.find(negator).unwrap();
        head(en, &(at..at + negator.len())).map(str::to_string)
    }

    #[test]
    fn a_negation_heads_its_first_content_word_but_never_a_number_word() {
        assert_eq!(
            head_after("and usually no loops are used", "no").as_deref(),
            Some("loops")
        );
        assert_eq!(head_after("it was not first on the list", "not"), None);
        assert_eq!(head_after("there was no one there", "no"), None);
    }
}
