//! The feature vector of a candidate bead: the numbers the bead cost is a weighted sum of.
//!
//! The cost of a bead is `weights · φ(bead)` ([`super::weights`]); φ is computed once per
//! candidate the search looks at, from the per-segment features of [`super::cost`] (lengths,
//! IDF-weighted glossable words, pair masks) and the marks below (numbers, Latin words,
//! `?` `!` quotes). The hand-set cost of earlier versions is these weights too: its terms
//! are the first features, and [`super::weights::Weights::hand`] gives them their old
//! values and every other feature zero. The list, with what each feature measures, is in
//! [`NAMES`] and [`ABOUT`] (and in every weights file).

use super::cost::{Features, PairMask, MAX_CUT};

macro_rules! features {
    ($($id:ident = $name:literal : $about:literal,)*) => {
        /// Feature indices.
        #[derive(Debug, Clone, Copy)]
        #[repr(usize)]
        pub(super) enum F { $($id,)* }
        /// Feature names, as the weights file spells them.
        pub const NAMES: &[&str] = &[$($name,)*];
        /// What each feature measures, one line each.
        pub const ABOUT: &[&str] = &[$($about,)*];
    };
}

features! {
    // The terms of the hand-set cost.
    LexMissSize = "lex_miss_size": "(1 - lexical agreement) x bead size (mean of the two sides' segment counts)",
    LenSize = "len_size": "length term (log ratio of English to scaled Chinese length over 0.35, squared) x bead size",
    Merge = "merge": "segments beyond the first on each side (caption units: Chinese side only)",
    ManyMany = "many_many": "1 for beads with several segments on both sides",
    CutEnd = "cut_end": "caption units: how unlikely a sentence end is where the bead ends (0-4)",
    CutInside = "cut_inside": "caption units: merged Chinese sentences x the likeliest sentence end inside the English",
    ZhCross = "zh_cross": "paragraph or turn boundaries crossed inside the Chinese side",
    EnCross = "en_cross": "paragraph or turn boundaries crossed inside the English side",
    // Shape.
    S10 = "shape_1_0": "1 for a Chinese sentence left unaligned (1:0)",
    S01 = "shape_0_1": "1 for an English sentence left unaligned (0:1; caption units: 1/units per sentence)",
    S11 = "shape_1_1": "1 for a 1:1 bead",
    S12 = "shape_1_2": "1 for a 1:2 bead",
    S13 = "shape_1_3": "1 for a 1:3 bead",
    S14 = "shape_1_4": "1 for a 1:4 bead",
    S15 = "shape_1_5": "1 for a 1:5 bead",
    S21 = "shape_2_1": "1 for a 2:1 bead",
    S31 = "shape_3_1": "1 for a 3:1 bead",
    S41 = "shape_4_1": "1 for a 4:1 bead",
    S22 = "shape_2_2": "1 for a 2:2 bead",
    S23 = "shape_2_3": "1 for a 2:3 bead",
    S32 = "shape_3_2": "1 for a 3:2 bead",
    SOther = "shape_other": "1 for any other shape (caption units: 1:b, 2:b)",
    // Length.
    LenD = "len_d": "log ratio of English to scaled Chinese length (signed: > 0, the English is long)",
    LenD2 = "len_d2": "its square, not scaled by bead size",
    // Dictionary evidence.
    LexMiss = "lex_miss": "1 - lexical agreement, not scaled by bead size",
    EnCov = "en_cov": "share of the English words' weight that the Chinese glosses",
    ZhCov = "zh_cov": "share of the Chinese words' weight found in the English",
    EnHit = "en_hit": "ln(1 + English weight covered)",
    EnUnc = "en_unc": "ln(1 + English weight not covered)",
    ZhHit = "zh_hit": "ln(1 + Chinese weight covered)",
    ZhUnc = "zh_unc": "ln(1 + Chinese weight not covered)",
    EnNone = "en_none": "1 when no English word of the bead could be glossed at all",
    ZhNone = "zh_none": "1 when no Chinese word of the bead has a gloss in the English document",
    EnCovMin = "en_cov_min": "lowest coverage of one English sentence of the bead by the Chinese",
    EnCovMax = "en_cov_max": "highest coverage of one English sentence of the bead",
    ZhCovMin = "zh_cov_min": "lowest coverage of one Chinese sentence of the bead by the English",
    ZhCovMax = "zh_cov_max": "highest coverage of one Chinese sentence of the bead",
    EnBare = "en_bare": "English sentences of the bead with glossable words none of which is covered",
    ZhBare = "zh_bare": "Chinese sentences of the bead with glossable words none of which is found",
    // Anchors.
    NumMatch = "num_match": "numbers found on both sides",
    NumMiss = "num_miss": "numbers found on one side only",
    LatMatch = "latin_match": "Latin words of the Chinese found in the English",
    LatMiss = "latin_miss": "Latin words of the Chinese not found in the English",
    // Punctuation and dialogue.
    QAgree = "question_agree": "both sides ask (? or ？)",
    QMiss = "question_miss": "one side asks, the other does not",
    ExAgree = "exclaim_agree": "both sides exclaim (! or ！)",
    ExMiss = "exclaim_miss": "one side exclaims, the other does not",
    QuoteAgree = "quote_agree": "both sides hold quotation marks",
    QuoteMiss = "quote_miss": "one side holds quotation marks, the other does not",
    DlgAgree = "dialogue_agree": "both sides have a sentence that opens or closes with a quotation mark",
    DlgMiss = "dialogue_miss": "one side has such a sentence, the other does not",
    BreakMiss = "break_miss": "the bead starts a paragraph or turn on one side only",
    // Null beads.
    NzLen = "null_zh_len": "1:0: ln(1 + the sentence's length in English characters)",
    NzMass = "null_zh_mass": "1:0: ln(1 + weight of its glossable words)",
    NzNum = "null_zh_num": "1:0: 1 when it holds a number",
    NeLen = "null_en_len": "0:1: ln(1 + the sentence's length)",
    NeMass = "null_en_mass": "0:1: ln(1 + weight of its glossable words)",
    NeNum = "null_en_num": "0:1: 1 when it holds a number",
}

/// Number of features.
pub const NF: usize = NAMES.len();

/// A feature vector.
pub type Phi = [f32; NF];

/// Spread of the log length ratio in the hand-set length term.
const LEN_SIGMA: f32 = 0.35;

/// Punctuation marks of a segment ([`Marks::punct`] bits).
const QUESTION: u8 = 1;
const EXCLAIM: u8 = 2;
const QUOTE: u8 = 4;
const DIALOGUE: u8 = 8;

/// What a segment holds besides words: its punctuation, numbers and (Chinese side) Latin
/// words, as keys; English segments keep the keys of their words that some Chinese segment
/// of the document writes in Latin letters.
#[derive(Debug, Clone, Default)]
pub(super) struct Marks {
    pub(super) punct: u8,
    pub(super) numbers: Vec<u32>,
    pub(super) latin: Vec<u32>,
}

fn punct(text: &str, quotes: &[char]) -> u8 {
    let mut p = 0;
    for c in text.chars() {
        match c {
            '?' | '？' => p |= QUESTION,
            '!' | '！' => p |= EXCLAIM,
            c if quotes.contains(&c) => p |= QUOTE,
            _ => {}
        }
    }
    let t = text.trim();
    let opens = t.chars().next().is_some_and(|c| quotes.contains(&c));
    let closes = t
        .trim_end_matches(|c: char| !c.is_alphanumeric() && !quotes.contains(&c))
        .chars()
        .next_back()
        .is_some_and(|c| quotes.contains(&c));
    if opens || closes {
        p |= DIALOGUE;
    }
    p
}

const ZH_QUOTES: &[char] = &['“', '”', '「', '」', '『', '』', '"'];
const EN_QUOTES: &[char] = &['"', '“', '”', '‘'];

/// The marks of a Chinese segment (notes left out).
pub(super) fn zh_marks(text: &str) -> Marks {
    Marks {
        punct: punct(text, ZH_QUOTES),
        numbers: super::anchors::zh_numbers(text)
            .iter()
            .map(|n| super::lexicon::key(n))
            .collect(),
        latin: super::anchors::latin_words(text)
            .iter()
            .map(|w| super::lexicon::key(w))
            .collect(),
    }
}

/// The marks of an English segment; `latin` is the set of Latin-word keys the Chinese
/// side holds (sorted), so only those words are kept.
pub(super) fn en_marks(text: &str, latin: &[u32]) -> Marks {
    let kept = if latin.is_empty() {
        Vec::new()
    } else {
        text.to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .map(super::lexicon::key)
            .filter(|k| latin.binary_search(k).is_ok())
            .collect()
    };
    Marks {
        punct: punct(text, EN_QUOTES),
        numbers: super::anchors::en_numbers(text)
            .iter()
            .map(|n| super::lexicon::key(n))
            .collect(),
        latin: kept,
    }
}

fn shape(a: usize, b: usize) -> F {
    match (a, b) {
        (1, 1) => F::S11,
        (1, 2) => F::S12,
        (1, 3) => F::S13,
        (1, 4) => F::S14,
        (1, 5) => F::S15,
        (2, 1) => F::S21,
        (3, 1) => F::S31,
        (4, 1) => F::S41,
        (2, 2) => F::S22,
        (2, 3) => F::S23,
        (3, 2) => F::S32,
        _ => F::SOther,
    }
}

fn ln1(x: f32) -> f32 {
    x.max(0.0).ln_1p()
}

/// Counts of keys of `a` found in `b` and not found, and of keys of `b` not in `a`.
fn overlap(a: &[u32], b: &[u32]) -> (usize, usize, usize) {
    let found = a.iter().filter(|k| b.contains(k)).count();
    let b_only = b.iter().filter(|k| !a.contains(k)).count();
    (found, a.len() - found, b_only)
}

/// The first feature past the hand-set cost's terms and the shapes: weights that give all
/// features from here on zero need only the cheap part of φ ([`bead`]'s `extra`).
pub(super) const FIRST_EXTRA: usize = F::LenD as usize;

/// φ of the bead Chinese `z0..z1`, English `e0..e1` (both non-empty), given the pair masks
/// `pair(i, j)` for all its pairs. Without `extra`, the features from [`FIRST_EXTRA`] on
/// are left at 0 (the caption path's hand-set weights do not use them, and it costs many
/// candidates).
pub(super) fn bead(
    f: &Features,
    z0: usize,
    z1: usize,
    e0: usize,
    e1: usize,
    pair: &dyn Fn(usize, usize) -> PairMask,
    extra: bool,
) -> Phi {
    let mut x = [0.0f32; NF];
    let mut set = |k: F, v: f32| x[k as usize] = v;

    // Dictionary evidence, overall and sentence by sentence.
    let (mut en_hit, mut en_total) = (0.0f32, 0.0f32);
    let (mut en_min, mut en_max, mut en_bare) = (f32::INFINITY, f32::NEG_INFINITY, 0);
    let mut zh_masks = [0u64; 8];
    for j in e0..e1 {
        let mut mask = 0u64;
        for (slot, i) in (z0..z1).enumerate() {
            let m = pair(i, j);
            mask |= m.en;
            zh_masks[slot] |= m.zh;
        }
        let u = &f.en[j];
        let mut hit = 0.0;
        let mut bits = mask;
        while bits != 0 {
            let k = bits.trailing_zeros() as usize;
            hit += u.words[k].1;
            bits &= bits - 1;
        }
        if u.total > 0.0 {
            let s = hit / u.total;
            en_min = en_min.min(s);
            en_max = en_max.max(s);
            en_bare += usize::from(hit == 0.0);
        }
        en_total += u.total;
        en_hit += hit;
    }
    let (mut zh_hit, mut zh_total) = (0.0f32, 0.0f32);
    let (mut zh_min, mut zh_max, mut zh_bare) = (f32::INFINITY, f32::NEG_INFINITY, 0);
    for (slot, i) in (z0..z1).enumerate() {
        let u = &f.zh[i];
        let mut hit = 0.0;
        let mut bits = zh_masks[slot];
        while bits != 0 {
            let t = bits.trailing_zeros() as usize;
            hit += u.tokens[t].weight;
            bits &= bits - 1;
        }
        if u.total > 0.0 {
            let s = hit / u.total;
            zh_min = zh_min.min(s);
            zh_max = zh_max.max(s);
            zh_bare += usize::from(hit == 0.0);
        }
        zh_total += u.total;
        zh_hit += hit;
    }
    let en_cov = if en_total > 0.0 {
        en_hit / en_total
    } else {
        0.0
    };
    let zh_cov = if zh_total > 0.0 {
        zh_hit / zh_total
    } else {
        0.0
    };
    let lex = match (en_total > 0.0, zh_total > 0.0) {
        (true, true) => 0.5 * (en_cov + zh_cov),
        (true, false) => en_cov,
        (false, true) => zh_cov,
        (false, false) => 0.3,
    };

    // Length.
    let lz: f32 = f.zh[z0..z1].iter().map(|u| u.len).sum::<f32>() * f.ratio;
    let le: f32 = f.en[e0..e1].iter().map(|u| u.len).sum();
    let d = ((le + 8.0) / (lz + 8.0)).ln();
    let dd = (d / LEN_SIGMA) * (d / LEN_SIGMA);

    // Shape.
    let a = (z1 - z0) as f32;
    let b = (e1 - e0) as f32 / f.en_unit;
    let size = (a + b) / 2.0;
    // Caption units: a Chinese sentence normally spans several units, so only merging
    // Chinese sentences counts; spreading one over more units is left to the other terms.
    let en_merge = if f.en_unit > 1.0 {
        0.0
    } else {
        (b - 1.0).max(0.0)
    };
    set(F::LexMissSize, size * (1.0 - lex));
    set(F::LenSize, size * dd);
    set(F::Merge, (a - 1.0) + en_merge);
    set(F::ManyMany, f32::from(u8::from(a > 1.0 && b > 1.5)));
    set(F::CutEnd, f.en_cut[e1]);
    // Merging Chinese sentences does not dodge the cut cost: each sentence end inside the
    // bead must meet a sentence end inside the English too, at best its likeliest one.
    if z1 - z0 > 1 && f.en_unit > 1.0 {
        let inside = f.en_cut[e0 + 1..e1].iter().copied().fold(MAX_CUT, f32::min);
        set(F::CutInside, (z1 - z0 - 1) as f32 * inside);
    }
    let count = |v: &[bool]| v.iter().filter(|&&x| x).count() as f32;
    set(F::ZhCross, count(&f.zh_break[z0 + 1..z1]));
    set(F::EnCross, count(&f.en_break[e0 + 1..e1]));
    set(shape(z1 - z0, e1 - e0), 1.0);
    if !extra {
        return x;
    }

    set(F::LenD, d);
    set(F::LenD2, dd);
    set(F::LexMiss, 1.0 - lex);
    set(F::EnCov, en_cov);
    set(F::ZhCov, zh_cov);
    set(F::EnHit, ln1(en_hit));
    set(F::EnUnc, ln1(en_total - en_hit));
    set(F::ZhHit, ln1(zh_hit));
    set(F::ZhUnc, ln1(zh_total - zh_hit));
    set(F::EnNone, f32::from(u8::from(en_total == 0.0)));
    set(F::ZhNone, f32::from(u8::from(zh_total == 0.0)));
    if en_min.is_finite() {
        set(F::EnCovMin, en_min);
        set(F::EnCovMax, en_max);
    }
    if zh_min.is_finite() {
        set(F::ZhCovMin, zh_min);
        set(F::ZhCovMax, zh_max);
    }
    set(F::EnBare, en_bare as f32);
    set(F::ZhBare, zh_bare as f32);

    // Numbers and Latin words, and punctuation.
    let zm = &f.zh_marks[z0..z1];
    let em = &f.en_marks[e0..e1];
    let any = |m: &[super::features::Marks], g: fn(&Marks) -> bool| m.iter().any(g);
    if any(zm, |m| !m.numbers.is_empty()) || any(em, |m| !m.numbers.is_empty()) {
        let zn: Vec<u32> = zm.iter().flat_map(|m| m.numbers.iter().copied()).collect();
        let en: Vec<u32> = em.iter().flat_map(|m| m.numbers.iter().copied()).collect();
        let (found, zh_only, en_only) = overlap(&zn, &en);
        set(F::NumMatch, found as f32);
        set(F::NumMiss, (zh_only + en_only) as f32);
    }
    if any(zm, |m| !m.latin.is_empty()) {
        let zl: Vec<u32> = zm.iter().flat_map(|m| m.latin.iter().copied()).collect();
        let el: Vec<u32> = em.iter().flat_map(|m| m.latin.iter().copied()).collect();
        let (found, zh_only, _) = overlap(&zl, &el);
        set(F::LatMatch, found as f32);
        set(F::LatMiss, zh_only as f32);
    }
    let zp = zm.iter().fold(0, |p, m| p | m.punct);
    let ep = em.iter().fold(0, |p, m| p | m.punct);
    for (flag, agree, miss) in [
        (QUESTION, F::QAgree, F::QMiss),
        (EXCLAIM, F::ExAgree, F::ExMiss),
        (QUOTE, F::QuoteAgree, F::QuoteMiss),
        (DIALOGUE, F::DlgAgree, F::DlgMiss),
    ] {
        if zp & ep & flag != 0 {
            set(agree, 1.0);
        } else if (zp ^ ep) & flag != 0 {
            set(miss, 1.0);
        }
    }
    set(
        F::BreakMiss,
        f32::from(u8::from(f.zh_break[z0] != f.en_break[e0])),
    );
    x
}

/// φ of leaving Chinese segment `i` unaligned (a 1:0 bead).
pub(super) fn skip_zh(f: &Features, i: usize) -> Phi {
    let mut x = [0.0f32; NF];
    let u = &f.zh[i];
    x[F::S10 as usize] = 1.0;
    x[F::NzLen as usize] = ln1(u.len * f.ratio);
    x[F::NzMass as usize] = ln1(u.total);
    x[F::NzNum as usize] = f32::from(u8::from(!f.zh_marks[i].numbers.is_empty()));
    x
}

/// φ of leaving English segment `j` unaligned (a 0:1 bead).
pub(super) fn skip_en(f: &Features, j: usize) -> Phi {
    let mut x = [0.0f32; NF];
    let u = &f.en[j];
    x[F::S01 as usize] = 1.0 / f.en_unit;
    x[F::CutEnd as usize] = f.en_cut[j + 1];
    x[F::NeLen as usize] = ln1(u.len);
    x[F::NeMass as usize] = ln1(u.total);
    x[F::NeNum as usize] = f32::from(u8::from(!f.en_marks[j].numbers.is_empty()));
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_feature_is_named_and_described_once() {
        assert_eq!(NAMES.len(), ABOUT.len());
        let mut names = NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), NF);
        assert!(NAMES
            .iter()
            .all(|n| !n.is_empty() && !n.contains(char::is_whitespace)));
    }

    #[test]
    fn punctuation_marks_questions_and_dialogue() {
        assert_eq!(
            punct("“你去哪儿？”", ZH_QUOTES),
            QUESTION | QUOTE | DIALOGUE
        );
        assert_eq!(punct("Where are you going?", EN_QUOTES), QUESTION);
        assert_eq!(
            punct("He said: \"Stop!\"", EN_QUOTES),
            EXCLAIM | QUOTE | DIALOGUE
        );
        // An apostrophe is not a quotation mark.
        assert_eq!(punct("It's late.", EN_QUOTES), 0);
    }

    #[test]
    fn number_overlap_counts_both_sides() {
        assert_eq!(overlap(&[1, 2], &[2, 3, 4]), (1, 1, 2));
        assert_eq!(overlap(&[], &[]), (0, 0, 0));
    }
}
