//! The feature vector of a candidate bead: the numbers the bead cost is a weighted sum of.
//!
//! The cost of a bead is `weights · φ(bead)` ([`super::weights`]); φ is computed once per
//! candidate the search looks at, from the per-segment features of [`super::cost`] (lengths,
//! IDF-weighted glossable words, pair masks) and the marks below (numbers, Latin words,
//! `?` `!` quotes). The hand-set cost of earlier versions is these weights too: its terms
//! are the first features, and [`super::weights::Weights::hand`] gives them their old
//! values and every other feature zero. The list, with what each feature measures, is in
//! [`NAMES`] and [`ABOUT`] (and in every weights file).

use super::cost::{Features, MAX_CUT};
use super::PairCache;

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
    QuoteOpenDiff = "quote_open_diff": "ln(1 + difference between the two sides' counts of opening quotation marks: utterances)",
    BreakMiss = "break_miss": "the bead starts a paragraph or turn on one side only",
    // Null beads.
    NzLen = "null_zh_len": "1:0: ln(1 + the sentence's length in English characters)",
    NzMass = "null_zh_mass": "1:0: ln(1 + weight of its glossable words)",
    NzNum = "null_zh_num": "1:0: 1 when it holds a number",
    NeLen = "null_en_len": "0:1: ln(1 + the sentence's length)",
    NeMass = "null_en_mass": "0:1: ln(1 + weight of its glossable words)",
    NeNum = "null_en_num": "0:1: 1 when it holds a number",
    NzNbrZh = "null_zh_nbr_zh": "1:0: highest share of the sentence's word weight found in the English sentence just before or after it",
    NzNbrEn = "null_zh_nbr_en": "1:0: highest share of the word weight of the English sentence just before or after it that the sentence glosses",
    NzLone = "null_zh_lone": "1:0: numbers and Latin words of the sentence that neither neighbouring English sentence holds",
    NeNbrEn = "null_en_nbr_en": "0:1: highest share of the sentence's word weight glossed by the Chinese sentence just before or after it",
    NeNbrZh = "null_en_nbr_zh": "0:1: highest share of the word weight of the Chinese sentence just before or after it found in the sentence",
    NeLone = "null_en_lone": "0:1: numbers of the sentence that neither neighbouring Chinese sentence holds",
}

/// The features of a null bead that depend on its neighbours.
const NULL_NBR: [F; 6] = [
    F::NzNbrZh,
    F::NzNbrEn,
    F::NzLone,
    F::NeNbrEn,
    F::NeNbrZh,
    F::NeLone,
];

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
    /// Opening quotation marks: the utterances the segment starts.
    pub(super) opens: u8,
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
const ZH_OPENS: &[char] = &['“', '「', '『'];

/// English text with the straight single quotes that are quotation marks (British-style
/// dialogue: `'You're hopeless!' he jeered.`) turned into `‘` and `”` (not `’`, which is
/// an apostrophe as often as a quote), apostrophes (`don't`, `boys'`) left alone: a quote opens where `'` follows the start, a space or an opening
/// bracket and precedes a letter or digit, and closes where it follows sentence punctuation
/// (`!'`, `.'`, `,'`, `—'`).
fn curl_single_quotes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\'') {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    for (k, &c) in chars.iter().enumerate() {
        if c != '\'' {
            out.push(c);
            continue;
        }
        let before = k.checked_sub(1).map(|p| chars[p]);
        let after = chars.get(k + 1).copied();
        let opens = before.is_none_or(|b| b.is_whitespace() || "([\"“—".contains(b))
            && after.is_some_and(|a| a.is_alphanumeric() || a == '…');
        let closes = before.is_some_and(|b| ".,!?;:—–-…".contains(b))
            && after.is_none_or(|a| !a.is_alphanumeric());
        out.push(if opens {
            '‘'
        } else if closes {
            '”'
        } else {
            c
        });
    }
    std::borrow::Cow::Owned(out)
}

/// Opening quotation marks of an English text (single quotes curled first): `“`, `‘`, and a
/// straight `"` where it follows the start or a space.
fn en_opens(text: &str) -> u8 {
    let mut n = 0u8;
    let mut before: Option<char> = None;
    for c in text.chars() {
        let open = match c {
            '“' | '‘' => true,
            '"' => before.is_none_or(char::is_whitespace),
            _ => false,
        };
        n = n.saturating_add(u8::from(open));
        before = Some(c);
    }
    n
}

/// The marks of a Chinese segment (notes left out).
#[cfg(test)]
pub(super) fn zh_marks(text: &str) -> Marks {
    let numbers = super::anchors::zh_numbers(text);
    zh_marks_with(text, &numbers, &super::anchors::latin_words(text))
}

/// [`zh_marks`] given the segment's numbers and Latin words (read once with its tokens).
pub(super) fn zh_marks_with(text: &str, numbers: &[String], latin: &[String]) -> Marks {
    Marks {
        punct: punct(text, ZH_QUOTES),
        opens: text
            .chars()
            .filter(|c| ZH_OPENS.contains(c))
            .count()
            .min(255) as u8,
        numbers: numbers.iter().map(|n| super::lexicon::key(n)).collect(),
        latin: latin.iter().map(|w| super::lexicon::key(w)).collect(),
    }
}

/// The marks of an English segment; `latin` is the set of Latin-word keys the Chinese
/// side holds (sorted), so only those words are kept.
pub(super) fn en_marks(text: &str, latin: &[u32]) -> Marks {
    let numbers = super::anchors::en_numbers(text)
        .iter()
        .map(|n| super::lexicon::key(n))
        .collect();
    en_marks_with(text, latin, numbers)
}

/// [`en_marks`] given the keys of the segment's numbers (read once with its words).
pub(super) fn en_marks_with(text: &str, latin: &[u32], numbers: Vec<u32>) -> Marks {
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
    let curled = curl_single_quotes(text);
    Marks {
        punct: punct(&curled, EN_QUOTES),
        opens: en_opens(&curled),
        numbers,
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
#[cfg(test)]
fn overlap(a: &[u32], b: &[u32]) -> (usize, usize, usize) {
    let found = a.iter().filter(|k| b.contains(k)).count();
    let b_only = b.iter().filter(|k| !a.contains(k)).count();
    (found, a.len() - found, b_only)
}

/// [`overlap`] of the keys `keys` picks out of the segments `a` and of `b`, all together,
/// without collecting them (this runs for every candidate bead).
#[inline(always)]
fn overlap_marks(a: &[Marks], b: &[Marks], keys: fn(&Marks) -> &[u32]) -> (usize, usize, usize) {
    let in_side = |side: &[Marks], k: &u32| side.iter().any(|m| keys(m).contains(k));
    let total: usize = a.iter().map(|m| keys(m).len()).sum();
    let found = a
        .iter()
        .flat_map(|m| keys(m).iter())
        .filter(|k| in_side(b, k))
        .count();
    let b_only = b
        .iter()
        .flat_map(|m| keys(m).iter())
        .filter(|k| !in_side(a, k))
        .count();
    (found, total - found, b_only)
}

/// The first feature past the hand-set cost's terms and the shapes: weights that give all
/// features from here on zero need only the cheap part of φ ([`bead`]'s `extra`).
pub(super) const FIRST_EXTRA: usize = F::LenD as usize;

/// Where the features of a bead go: into a vector ([`Phi`], for training) or straight into
/// the weighted sum ([`Dot`], for the search, which never needs the vector).
pub(super) trait Sink {
    /// Feature `k` has value `v` (each feature is set at most once per bead).
    fn set(&mut self, k: F, v: f32);

    /// Feature `k` has value `ln(1 + v)` (`v` below 0 counts as 0).
    fn set_ln1(&mut self, k: F, v: f32) {
        self.set(k, ln1(v));
    }

    /// Of the values `lo` and `hi` of feature `k`, the one whose term is the smaller (the
    /// value to set for a lower bound of the cost when all that is known is that the
    /// feature lies between them).
    fn low(&self, _k: F, lo: f32, _hi: f32) -> f32 {
        lo
    }
}

impl Sink for Phi {
    fn set(&mut self, k: F, v: f32) {
        self[k as usize] = v;
    }
}

/// The running weighted sum of the features set so far.
pub(super) struct Dot<'a> {
    pub(super) w: &'a Phi,
    pub(super) sum: f32,
}

impl Sink for Dot<'_> {
    fn set(&mut self, k: F, v: f32) {
        self.sum += self.w[k as usize] * v;
    }

    fn low(&self, k: F, lo: f32, hi: f32) -> f32 {
        if self.w[k as usize] >= 0.0 {
            lo
        } else {
            hi
        }
    }
}

/// [`Dot`] with each `ln(1 + v)` feature replaced by the bound of it from a table that makes
/// its term smallest: a lower bound of the weighted sum, got without the logarithms (which
/// were a tenth of the search's time), in the same order of additions as [`Dot`], so never
/// above what [`Dot`] gives.
struct Floor<'a> {
    w: &'a Phi,
    sum: f32,
}

/// Steps per unit of [`ln1_table`], and the largest value it covers; past that, the
/// coarse table [`ln1_coarse`] (steps of 1, up to [`LN1_COARSE_TOP`]: a bead's word weight
/// often passes 64).
const LN1_STEPS: f32 = 32.0;
const LN1_TOP: usize = 64;
const LN1_COARSE_TOP: usize = 4096;

/// `ln(1 + k / LN1_STEPS)` for k up to `LN1_TOP × LN1_STEPS + 2`.
fn ln1_table() -> &'static [f32] {
    static TABLE: std::sync::OnceLock<Vec<f32>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..LN1_TOP * LN1_STEPS as usize + 3)
            .map(|k| ln1(k as f32 / LN1_STEPS))
            .collect()
    })
}

/// `ln(1 + k)` for k up to `LN1_COARSE_TOP + 2`.
fn ln1_coarse() -> &'static [f32] {
    static TABLE: std::sync::OnceLock<Vec<f32>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| (0..LN1_COARSE_TOP + 3).map(|k| ln1(k as f32)).collect())
}

impl Sink for Floor<'_> {
    fn set(&mut self, k: F, v: f32) {
        self.sum += self.w[k as usize] * v;
    }

    #[inline(always)]
    fn set_ln1(&mut self, k: F, v: f32) {
        let w = self.w[k as usize];
        self.sum += w * if w >= 0.0 { ln1_below(v) } else { ln1_above(v) };
    }
}

/// The table covering `v` and the cell of it that `v` falls in; `None` past both tables.
#[inline]
fn ln1_cell(v: f32) -> Option<(&'static [f32], usize)> {
    let v = v.max(0.0);
    let at = (v * LN1_STEPS) as usize;
    let fine = ln1_table();
    if at + 2 < fine.len() {
        return Some((fine, at));
    }
    let at = v as usize;
    let coarse = ln1_coarse();
    (at + 2 < coarse.len()).then_some((coarse, at))
}

/// A value at most `ln(1 + v)`, from a table (one step below the cell `v` falls in, so
/// that rounding of `v × steps` cannot put it on the wrong side).
fn ln1_below(v: f32) -> f32 {
    ln1_cell(v).map_or_else(|| ln1(v), |(t, at)| t[at.saturating_sub(1)])
}

/// A value at least `ln(1 + v)`, from a table.
fn ln1_above(v: f32) -> f32 {
    ln1_cell(v).map_or_else(|| ln1(v), |(t, at)| t[at + 2])
}

/// `ln(1 + n)` of a small count: the same value as [`ln1`], from a table.
fn ln1_count(n: u32) -> f32 {
    ln1_table()
        .get((n as usize).saturating_mul(LN1_STEPS as usize))
        .copied()
        .unwrap_or_else(|| ln1(n as f32))
}

/// What the cheap part of φ learnt about a bead that the lexical part needs (and its lower
/// bound, [`FloorWeights`]).
pub(super) struct Sides {
    size: f32,
    en_total: f32,
    zh_total: f32,
    /// Bounds from above of `ln(1 + total)` of each side ([`ln1_above`]).
    en_ln: f32,
    zh_ln: f32,
    /// Sentences on each side with glossable words.
    en_counted: u32,
    zh_counted: u32,
}

/// What the cheap part of φ reads of one side of a bead, summed over its segments: the
/// same for every bead with that side, so the search works it out once per run of
/// segments ([`Scorer`]) instead of once per candidate.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Side {
    /// Length (Chinese: before the document's length ratio).
    len: f32,
    /// `ln(8 + len)` (Chinese: of the length scaled by the document's ratio), for the
    /// bounds of the length term ([`Scorer::cost`]).
    ln8: f32,
    /// Word weight, its [`ln1_above`], and segments with glossable words.
    total: f32,
    ln: f32,
    counted: u32,
    /// Paragraph or turn boundaries inside the run.
    cross: f32,
    /// Opening quotation marks.
    opens: u32,
    /// Punctuation marks ([`Marks::punct`] bits), of all segments.
    punct: u8,
    /// Numbers and Latin words held (with repeats; Latin words: the Chinese side's).
    numbers: u32,
    latin: u32,
    /// A boundary lies before the run's first segment.
    starts: bool,
}

/// The [`Side`] of segments `s0..s1` whose lengths and word totals `units` gives, with
/// their marks and boundaries.
fn side(
    units: impl Iterator<Item = (f32, f32)>,
    marks: &[Marks],
    breaks: &[bool],
    s0: usize,
    s1: usize,
) -> Side {
    let (mut len, mut total, mut counted) = (0.0f32, 0.0f32, 0);
    for (l, t) in units {
        len += l;
        total += t;
        counted += u32::from(t > 0.0);
    }
    let m = &marks[s0..s1];
    Side {
        len,
        ln8: 0.0,
        total,
        ln: ln1_above(total),
        counted,
        cross: breaks[s0 + 1..s1].iter().filter(|&&x| x).count() as f32,
        opens: m.iter().map(|m| u32::from(m.opens)).sum(),
        punct: m.iter().fold(0, |p, m| p | m.punct),
        numbers: m.iter().map(|m| m.numbers.len() as u32).sum(),
        latin: m.iter().map(|m| m.latin.len() as u32).sum(),
        starts: breaks[s0],
    }
}

/// The [`Side`] of Chinese segments `z0..z1`.
pub(super) fn zh_side(f: &Features, z0: usize, z1: usize) -> Side {
    let units = f.zh[z0..z1].iter().map(|u| (u.len, u.total));
    let s = side(units, &f.zh_marks, &f.zh_break, z0, z1);
    Side {
        ln8: (s.len * f.ratio + 8.0).ln(),
        ..s
    }
}

/// The [`Side`] of English segments `e0..e1`.
pub(super) fn en_side(f: &Features, e0: usize, e1: usize) -> Side {
    let units = f.en[e0..e1].iter().map(|u| (u.len, u.total));
    let s = side(units, &f.en_marks, &f.en_break, e0, e1);
    Side {
        ln8: (s.len + 8.0).ln(),
        ..s
    }
}

/// The features of the bead Chinese `z0..z1`, English `e0..e1` (both non-empty) that need
/// no pair of segments: shape, length, boundaries, numbers, Latin words, punctuation.
/// Without `extra`, only the hand-set terms and the shape (the caption path's hand-set
/// weights use no other, and it costs many candidates).
pub(super) fn cheap<S: Sink>(
    f: &Features,
    z0: usize,
    z1: usize,
    e0: usize,
    e1: usize,
    extra: bool,
    x: &mut S,
) -> Sides {
    let (zs, es) = (zh_side(f, z0, z1), en_side(f, e0, e1));
    cheap_of::<S, true>(f, &zs, &es, len_d(f, &zs, &es), z0, z1, e0, e1, extra, x)
}

/// The log ratio of the lengths of a bead's two sides, English over scaled Chinese (with
/// 8 characters added to each).
#[inline]
fn len_d(f: &Features, zs: &Side, es: &Side) -> f32 {
    ((es.len + 8.0) / (zs.len * f.ratio + 8.0)).ln()
}

/// [`cheap`] given the bead's two [`Side`]s and their length log ratio `d` ([`len_d`]).
/// Without `MARKS`, the numbers and Latin words shared by the two sides are not looked up:
/// each of their features is set to the end of its range (from the counts) that makes its
/// term smallest, for a lower bound of the cost ([`Scorer::cost`]).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn cheap_of<S: Sink, const MARKS: bool>(
    f: &Features,
    zs: &Side,
    es: &Side,
    d: f32,
    z0: usize,
    z1: usize,
    e0: usize,
    e1: usize,
    extra: bool,
    x: &mut S,
) -> Sides {
    let (en_total, zh_total) = (es.total, zs.total);
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
    x.set(F::LenSize, size * dd);
    x.set(F::Merge, (a - 1.0) + en_merge);
    if a > 1.0 && b > 1.5 {
        x.set(F::ManyMany, 1.0);
    }
    if f.en_cut[e1] != 0.0 {
        x.set(F::CutEnd, f.en_cut[e1]);
    }
    // Merging Chinese sentences does not dodge the cut cost: each sentence end inside the
    // bead must meet a sentence end inside the English too, at best its likeliest one.
    if z1 - z0 > 1 && f.en_unit > 1.0 {
        let inside = f.en_cut[e0 + 1..e1].iter().copied().fold(MAX_CUT, f32::min);
        x.set(F::CutInside, (z1 - z0 - 1) as f32 * inside);
    }
    if zs.cross > 0.0 {
        x.set(F::ZhCross, zs.cross);
    }
    if es.cross > 0.0 {
        x.set(F::EnCross, es.cross);
    }
    x.set(shape(z1 - z0, e1 - e0), 1.0);
    let sides = Sides {
        size,
        en_total,
        zh_total,
        en_ln: es.ln,
        zh_ln: zs.ln,
        en_counted: es.counted,
        zh_counted: zs.counted,
    };
    if !extra {
        return sides;
    }

    x.set(F::LenD, d);
    x.set(F::LenD2, dd);
    if en_total == 0.0 {
        x.set(F::EnNone, 1.0);
    }
    if zh_total == 0.0 {
        x.set(F::ZhNone, 1.0);
    }

    // Numbers and Latin words, and punctuation.
    if zs.numbers + es.numbers > 0 {
        if !MARKS && zs.numbers > 0 && es.numbers > 0 {
            // Not looked up: found 0 to all of the Chinese side's, missed 0 to all of both.
            let (zn, en) = (zs.numbers as f32, es.numbers as f32);
            x.set(F::NumMatch, x.low(F::NumMatch, 0.0, zn));
            x.set(F::NumMiss, x.low(F::NumMiss, 0.0, zn + en));
        } else {
            // A side without numbers: none found, all of the other side's missed.
            let (found, missed) = if zs.numbers == 0 || es.numbers == 0 {
                (0, (zs.numbers + es.numbers) as usize)
            } else {
                let (zm, em) = (&f.zh_marks[z0..z1], &f.en_marks[e0..e1]);
                let (found, zh_only, en_only) = overlap_marks(zm, em, |m| m.numbers.as_slice());
                (found, zh_only + en_only)
            };
            x.set(F::NumMatch, found as f32);
            x.set(F::NumMiss, missed as f32);
        }
    }
    if zs.latin > 0 {
        if MARKS {
            let (zm, em) = (&f.zh_marks[z0..z1], &f.en_marks[e0..e1]);
            let (found, zh_only, _) = overlap_marks(zm, em, |m| m.latin.as_slice());
            x.set(F::LatMatch, found as f32);
            x.set(F::LatMiss, zh_only as f32);
        } else {
            let n = zs.latin as f32;
            x.set(F::LatMatch, x.low(F::LatMatch, 0.0, n));
            x.set(F::LatMiss, x.low(F::LatMiss, 0.0, n));
        }
    }
    let (zp, ep) = (zs.punct, es.punct);
    if zp | ep != 0 {
        for (flag, agree, miss) in [
            (QUESTION, F::QAgree, F::QMiss),
            (EXCLAIM, F::ExAgree, F::ExMiss),
            (QUOTE, F::QuoteAgree, F::QuoteMiss),
            (DIALOGUE, F::DlgAgree, F::DlgMiss),
        ] {
            if zp & ep & flag != 0 {
                x.set(agree, 1.0);
            } else if (zp ^ ep) & flag != 0 {
                x.set(miss, 1.0);
            }
        }
    }
    let (zo, eo) = (zs.opens, es.opens);
    if zo != eo {
        x.set(F::QuoteOpenDiff, ln1_count(zo.abs_diff(eo)));
    }
    if zs.starts != es.starts {
        x.set(F::BreakMiss, 1.0);
    }
    sides
}

/// The dictionary-evidence features of the bead, overall and sentence by sentence (the
/// expensive part: every pair of its segments).
#[allow(clippy::too_many_arguments)]
pub(super) fn lexical<S: Sink>(
    f: &Features,
    pairs: &PairCache,
    z0: usize,
    z1: usize,
    e0: usize,
    e1: usize,
    extra: bool,
    sides: &Sides,
    x: &mut S,
) {
    let h = hits(f, pairs, z0, z1, e0, e1);
    lexical_of(&h, extra, sides, x);
}

/// The word weight of a bead's two sides that the other side translates, overall and per
/// sentence: what [`lexical`]'s features are made of.
#[derive(Clone, Copy)]
struct Hits {
    en_hit: f32,
    en_min: f32,
    en_max: f32,
    en_bare: usize,
    zh_hit: f32,
    zh_min: f32,
    zh_max: f32,
    zh_bare: usize,
}

/// [`Hits`] of the bead Chinese `z0..z1`, English `e0..e1`. A side whose sentences each
/// meet a single sentence of the other takes their matched weights from the cache
/// ([`super::Pair`]: the same sums); the other side's sentences sum the union of their masks.
fn hits(f: &Features, pairs: &PairCache, z0: usize, z1: usize, e0: usize, e1: usize) -> Hits {
    let (a, b) = (z1 - z0, e1 - e0);
    let (first, mut more);
    let rows: &[super::Row] = if a == 1 {
        first = pairs.row(z0);
        std::slice::from_ref(&first)
    } else {
        more = [super::Row::EMPTY; 8];
        for (slot, i) in (z0..z1).enumerate() {
            more[slot] = pairs.row(i);
        }
        &more[..a]
    };
    let mut en_hit = 0.0f32;
    let (mut en_min, mut en_max, mut en_bare) = (f32::INFINITY, f32::NEG_INFINITY, 0);
    let mut zh_masks = [0u64; 8];
    for j in e0..e1 {
        let u = &f.en[j];
        let hit = if a == 1 {
            let p = rows[0].at(j);
            zh_masks[0] |= p.mask.zh;
            p.en_hit
        } else {
            let mut mask = 0u64;
            for (slot, row) in rows.iter().enumerate() {
                let m = row.at(j).mask;
                mask |= m.en;
                zh_masks[slot] |= m.zh;
            }
            masked_sum(mask, |k| u.words[k].1)
        };
        if u.total > 0.0 {
            let s = hit / u.total;
            en_min = en_min.min(s);
            en_max = en_max.max(s);
            en_bare += usize::from(hit == 0.0);
        }
        en_hit += hit;
    }
    let mut zh_hit = 0.0f32;
    let (mut zh_min, mut zh_max, mut zh_bare) = (f32::INFINITY, f32::NEG_INFINITY, 0);
    for (slot, i) in (z0..z1).enumerate() {
        let u = &f.zh[i];
        let hit = if b == 1 {
            rows[slot].at(e0).zh_hit
        } else {
            masked_sum(zh_masks[slot], |t| u.tokens[t].weight)
        };
        if u.total > 0.0 {
            let s = hit / u.total;
            zh_min = zh_min.min(s);
            zh_max = zh_max.max(s);
            zh_bare += usize::from(hit == 0.0);
        }
        zh_hit += hit;
    }
    Hits {
        en_hit,
        en_min,
        en_max,
        en_bare,
        zh_hit,
        zh_min,
        zh_max,
        zh_bare,
    }
}

/// [`lexical`]'s features from the bead's [`Hits`].
fn lexical_of<S: Sink>(h: &Hits, extra: bool, sides: &Sides, x: &mut S) {
    let Hits {
        en_hit,
        en_min,
        en_max,
        en_bare,
        zh_hit,
        zh_min,
        zh_max,
        zh_bare,
    } = *h;
    let (en_total, zh_total) = (sides.en_total, sides.zh_total);
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
    x.set(F::LexMissSize, sides.size * (1.0 - lex));
    if !extra {
        return;
    }
    x.set(F::LexMiss, 1.0 - lex);
    x.set(F::EnCov, en_cov);
    x.set(F::ZhCov, zh_cov);
    x.set_ln1(F::EnHit, en_hit);
    x.set_ln1(F::EnUnc, en_total - en_hit);
    x.set_ln1(F::ZhHit, zh_hit);
    x.set_ln1(F::ZhUnc, zh_total - zh_hit);
    if en_min.is_finite() {
        x.set(F::EnCovMin, en_min);
        x.set(F::EnCovMax, en_max);
    }
    if zh_min.is_finite() {
        x.set(F::ZhCovMin, zh_min);
        x.set(F::ZhCovMax, zh_max);
    }
    x.set(F::EnBare, en_bare as f32);
    x.set(F::ZhBare, zh_bare as f32);
}

/// A lower bound of what [`lexical`] adds to the cost, from what the cheap part knows:
/// every lexical feature lies between 0 and a maximum set by the bead's word totals (a
/// share at most 1, ln(1 + hit) at most ln(1 + total), bare sentences at most the sentences
/// with words), so the bound is the sum of the negative weights times those maxima. The
/// negative weights are summed by what multiplies them once per search ([`Scorer`]): the
/// bound is then eight products, not fourteen terms in a chain.
#[derive(Clone, Copy)]
pub(super) struct FloorWeights {
    size: f32,
    one: f32,
    en: f32,
    zh: f32,
    en_ln: f32,
    zh_ln: f32,
    en_counted: f32,
    zh_counted: f32,
}

impl FloorWeights {
    fn new(w: &Phi, extra: bool) -> FloorWeights {
        let neg = |k: F| w[k as usize].min(0.0);
        let on = |v: f32| if extra { v } else { 0.0 };
        FloorWeights {
            size: neg(F::LexMissSize),
            one: on(neg(F::LexMiss)),
            en: on(neg(F::EnCov) + neg(F::EnCovMin) + neg(F::EnCovMax)),
            zh: on(neg(F::ZhCov) + neg(F::ZhCovMin) + neg(F::ZhCovMax)),
            en_ln: on(neg(F::EnHit) + neg(F::EnUnc)),
            zh_ln: on(neg(F::ZhHit) + neg(F::ZhUnc)),
            en_counted: on(neg(F::EnBare)),
            zh_counted: on(neg(F::ZhBare)),
        }
    }

    /// The bound for a bead whose cheap part gave `sides`.
    #[inline(always)]
    fn floor(&self, sides: &Sides) -> f32 {
        let en = f32::from(u8::from(sides.en_counted > 0));
        let zh = f32::from(u8::from(sides.zh_counted > 0));
        (self.size * sides.size + self.one)
            + (self.en * en + self.zh * zh)
            + (self.en_ln * sides.en_ln + self.zh_ln * sides.zh_ln)
            + (self.en_counted * sides.en_counted as f32
                + self.zh_counted * sides.zh_counted as f32)
    }
}

/// [`FloorWeights`] once the bead's matched word weights are known to be at most `en_hit`
/// on the English side and `zh_hit` on the Chinese side (the sums of its pairs' own
/// matched weights, [`Scorer::hit_bounds`]: a word matched by several segments of the
/// other side counts once in the bead, once per pair in the sum). Each lexical feature
/// lies between the values it takes at no match and at that bound, so its term is at least
/// the smaller of the two; the per-sentence features keep [`FloorWeights`]'s bounds.
fn lexical_floor_within(w: &Phi, sides: &Sides, extra: bool, en_hit: f32, zh_hit: f32) -> f32 {
    let (et, zt) = (sides.en_total, sides.zh_total);
    let (ue, uz) = (en_hit.min(et), zh_hit.min(zt));
    let en_cov = if et > 0.0 { ue / et } else { 0.0 };
    let zh_cov = if zt > 0.0 { uz / zt } else { 0.0 };
    let lex = match (et > 0.0, zt > 0.0) {
        (true, true) => 0.5 * (en_cov + zh_cov),
        (true, false) => en_cov,
        (false, true) => zh_cov,
        (false, false) => 0.3,
    };
    // The smaller of the feature's terms at its two ends.
    let term = |k: F, lo: f32, hi: f32| {
        let w = w[k as usize];
        if w >= 0.0 {
            w * lo
        } else {
            w * hi
        }
    };
    let mut floor = term(F::LexMissSize, sides.size * (1.0 - lex), sides.size);
    if !extra {
        return floor;
    }
    let neg = |k: F, hi: f32| w[k as usize].min(0.0) * hi;
    let en = f32::from(u8::from(sides.en_counted > 0));
    let zh = f32::from(u8::from(sides.zh_counted > 0));
    let (en_ln, zh_ln) = (sides.en_ln, sides.zh_ln);
    floor += term(F::LexMiss, 1.0 - lex, 1.0)
        + neg(F::EnCov, en_cov)
        + neg(F::ZhCov, zh_cov)
        + neg(F::EnHit, en_ln)
        + term(F::EnUnc, ln1_below(et - ue), en_ln)
        + neg(F::ZhHit, zh_ln)
        + term(F::ZhUnc, ln1_below(zt - uz), zh_ln)
        + neg(F::EnCovMin, en)
        + neg(F::EnCovMax, en)
        + neg(F::ZhCovMin, zh)
        + neg(F::ZhCovMax, zh)
        + neg(F::EnBare, sides.en_counted as f32)
        + neg(F::ZhBare, sides.zh_counted as f32);
    floor
}

/// φ of the bead Chinese `z0..z1`, English `e0..e1` (both non-empty), given the pair masks
/// of its pairs. Without `extra`, the features from [`FIRST_EXTRA`] on are left at 0.
#[allow(clippy::too_many_arguments)]
pub(super) fn bead<S: Sink>(
    f: &Features,
    pairs: &PairCache,
    z0: usize,
    z1: usize,
    e0: usize,
    e1: usize,
    extra: bool,
    x: &mut S,
) {
    let sides = cheap(f, z0, z1, e0, e1, extra, x);
    lexical(f, pairs, z0, z1, e0, e1, extra, &sides, x);
}

/// φ of leaving Chinese segment `i` unaligned (a 1:0 bead).
pub(super) fn skip_zh<S: Sink>(f: &Features, i: usize, x: &mut S) {
    let u = &f.zh[i];
    x.set(F::S10, 1.0);
    x.set(F::NzLen, ln1(u.len * f.ratio));
    x.set(F::NzMass, ln1(u.total));
    if !f.zh_marks[i].numbers.is_empty() {
        x.set(F::NzNum, 1.0);
    }
}

/// φ of leaving English segment `j` unaligned (a 0:1 bead).
pub(super) fn skip_en<S: Sink>(f: &Features, j: usize, x: &mut S) {
    let u = &f.en[j];
    x.set(F::S01, 1.0 / f.en_unit);
    if f.en_cut[j + 1] != 0.0 {
        x.set(F::CutEnd, f.en_cut[j + 1]);
    }
    x.set(F::NeLen, ln1(u.len));
    x.set(F::NeMass, ln1(u.total));
    if !f.en_marks[j].numbers.is_empty() {
        x.set(F::NeNum, 1.0);
    }
}

/// The sum of `weight(k)` over the set bits `k` of `mask`, lowest first (a word or token
/// mask of a segment pair: the weight of what the other side matched).
#[inline]
fn masked_sum(mask: u64, weight: impl Fn(usize) -> f32) -> f32 {
    let mut sum = 0.0;
    let mut bits = mask;
    while bits != 0 {
        sum += weight(bits.trailing_zeros() as usize);
        bits &= bits - 1;
    }
    sum
}

/// The pair Chinese `i`, English `j` with masks `m` ([`Features::pair`]) and the word
/// weights they match ([`super::Pair`]).
pub(super) fn pair_of_masks(
    f: &Features,
    i: usize,
    j: usize,
    m: super::cost::PairMask,
) -> super::Pair {
    let (z, e) = (&f.zh[i], &f.en[j]);
    super::Pair {
        mask: m,
        en_hit: masked_sum(m.en, |k| e.words[k].1),
        zh_hit: masked_sum(m.zh, |t| z.tokens[t].weight),
    }
}

/// Shares of the word weight of Chinese segment `i` found in English segment `j`, and of
/// that of `j` glossed by `i`.
fn shares(f: &Features, pairs: &PairCache, i: usize, j: usize) -> (f32, f32) {
    let p = pairs
        .held_pair(i, j)
        .unwrap_or_else(|| pair_of_masks(f, i, j, f.pair(i, j)));
    let (z, e) = (&f.zh[i], &f.en[j]);
    let (zh_hit, en_hit) = (p.zh_hit, p.en_hit);
    let share = |hit: f32, total: f32| if total > 0.0 { hit / total } else { 0.0 };
    (share(zh_hit, z.total), share(en_hit, e.total))
}

/// The segments next to lattice position `at` on a side of `len` segments: the one just
/// before and the one just after.
fn around(at: usize, len: usize) -> impl Iterator<Item = usize> {
    [at.checked_sub(1), Some(at).filter(|&k| k < len)]
        .into_iter()
        .flatten()
}

/// The part of φ of leaving Chinese segment `i` unaligned at English position `j` that
/// depends on its neighbours: how much the English sentences just before and after it
/// (`j - 1`, `j`) support it, and what it holds that they lack. A sentence the neighbours
/// translate belongs in a bead with one of them; one they do not is a candidate omission.
pub(super) fn null_zh_nbr<S: Sink>(f: &Features, pairs: &PairCache, i: usize, j: usize, x: &mut S) {
    let (mut zs, mut es) = (0.0f32, 0.0f32);
    for e in around(j, f.en.len()) {
        let (a, b) = shares(f, pairs, i, e);
        zs = zs.max(a);
        es = es.max(b);
    }
    x.set(F::NzNbrZh, zs);
    x.set(F::NzNbrEn, es);
    let m = &f.zh_marks[i];
    let held = |k: &u32, pick: fn(&Marks) -> &[u32]| {
        around(j, f.en.len()).any(|e| pick(&f.en_marks[e]).contains(k))
    };
    let lone = m
        .numbers
        .iter()
        .filter(|k| !held(k, |m| &m.numbers))
        .count()
        + m.latin.iter().filter(|k| !held(k, |m| &m.latin)).count();
    if lone > 0 {
        x.set(F::NzLone, lone as f32);
    }
}

/// The part of φ of leaving English segment `j` unaligned at Chinese position `i` that
/// depends on its neighbours (the Chinese sentences `i - 1` and `i`), as [`null_zh_nbr`].
pub(super) fn null_en_nbr<S: Sink>(f: &Features, pairs: &PairCache, i: usize, j: usize, x: &mut S) {
    let (mut es, mut zs) = (0.0f32, 0.0f32);
    for z in around(i, f.zh.len()) {
        let (a, b) = shares(f, pairs, z, j);
        zs = zs.max(a);
        es = es.max(b);
    }
    x.set(F::NeNbrEn, es);
    x.set(F::NeNbrZh, zs);
    let lone = f.en_marks[j]
        .numbers
        .iter()
        .filter(|k| !around(i, f.zh.len()).any(|z| f.zh_marks[z].numbers.contains(k)))
        .count();
    if lone > 0 {
        x.set(F::NeLone, lone as f32);
    }
}

/// φ of any bead (either side may be empty, not both).
pub(super) fn phi(
    f: &Features,
    pairs: &PairCache,
    z0: usize,
    z1: usize,
    e0: usize,
    e1: usize,
) -> Phi {
    let mut x = [0.0f32; NF];
    if z0 == z1 {
        skip_en(f, e0, &mut x);
        null_en_nbr(f, pairs, z0, e0, &mut x);
    } else if e0 == e1 {
        skip_zh(f, z0, &mut x);
        null_zh_nbr(f, pairs, z0, e0, &mut x);
    } else {
        bead(f, pairs, z0, z1, e0, e1, true, &mut x);
    }
    x
}

/// The bead cost the search minimises: `w · φ`, computed without the vector, with the
/// dictionary-evidence part left out when the rest plus its lower bound already reach the
/// search's limit (the best total so far minus the cost of the path up to the bead's start).
pub(super) struct Scorer<'a> {
    f: &'a Features,
    pairs: &'a PairCache,
    w: &'a Phi,
    extra: bool,
    /// The lexical part's bound for these weights.
    floor: FloorWeights,
    /// The cost of leaving each Chinese, each English segment unaligned (asked for at
    /// every cell of the search, so worked out once).
    skip_zh: Vec<f32>,
    skip_en: Vec<f32>,
    /// Lower bounds of the whole cost of leaving each segment unaligned, its neighbours'
    /// part included (each share at its best end, every number and Latin word alone).
    skip_zh_floor: Vec<f32>,
    skip_en_floor: Vec<f32>,
    /// Some neighbour feature of null beads has a weight ([`null_zh_nbr`], [`null_en_nbr`]).
    nulls: bool,
    /// The [`Side`] of every run of up to `zh_most` Chinese segments, by its end and
    /// length (`zh_sides[end * zh_most + len - 1]`), and of up to `en_most` English ones.
    zh_most: usize,
    zh_sides: Vec<Side>,
    en_most: usize,
    en_sides: Vec<Side>,
}

/// Longest runs of segments whose [`Side`] the [`Scorer`] keeps (caption beads may hold
/// more English units: theirs are worked out when asked for).
const SIDE_MOST: usize = 8;

/// The [`Side`] of every run of `1..=most` segments of a side of `len`, by its end and
/// length, from `side(start, end)`.
fn sides_table(len: usize, most: usize, side: impl Fn(usize, usize) -> Side + Sync) -> Vec<Side> {
    use rayon::prelude::*;
    (0..len + 1)
        .into_par_iter()
        .with_min_len(4096)
        .flat_map_iter(|end| {
            let side = &side;
            (1..=most).map(move |k| {
                if k <= end {
                    side(end - k, end)
                } else {
                    Side::default()
                }
            })
        })
        .collect()
}

impl<'a> Scorer<'a> {
    /// The scorer of beads of the given `shapes` (`(zh, en)` segment counts).
    pub(super) fn new(
        f: &'a Features,
        pairs: &'a PairCache,
        w: &'a super::weights::Weights,
        shapes: &[(usize, usize)],
    ) -> Self {
        let zh_most = shapes.iter().map(|s| s.0).max().unwrap_or(0).min(SIDE_MOST);
        let en_most = shapes.iter().map(|s| s.1).max().unwrap_or(0).min(SIDE_MOST);
        let cost = |each: &dyn Fn(&mut Dot)| {
            let mut x = Dot { w: &w.w, sum: 0.0 };
            each(&mut x);
            x.sum
        };
        let skip_zh: Vec<f32> = (0..f.zh.len())
            .map(|i| cost(&|x| skip_zh(f, i, x)))
            .collect();
        let skip_en: Vec<f32> = (0..f.en.len())
            .map(|j| cost(&|x| skip_en(f, j, x)))
            .collect();
        let neg = |k: F| w.w[k as usize].min(0.0);
        let skip_zh_floor = skip_zh
            .iter()
            .zip(&f.zh_marks)
            .map(|(own, m)| {
                let lone = (m.numbers.len() + m.latin.len()) as f32;
                own + neg(F::NzNbrZh) + neg(F::NzNbrEn) + neg(F::NzLone) * lone
            })
            .collect();
        let skip_en_floor = skip_en
            .iter()
            .zip(&f.en_marks)
            .map(|(own, m)| {
                let lone = m.numbers.len() as f32;
                own + neg(F::NeNbrEn) + neg(F::NeNbrZh) + neg(F::NeLone) * lone
            })
            .collect();
        Scorer {
            f,
            pairs,
            w: &w.w,
            extra: w.extra(),
            floor: FloorWeights::new(&w.w, w.extra()),
            skip_zh,
            skip_en,
            skip_zh_floor,
            skip_en_floor,
            nulls: NULL_NBR.iter().any(|&k| w.w[k as usize] != 0.0),
            zh_most,
            zh_sides: sides_table(f.zh.len(), zh_most, |s0, s1| zh_side(f, s0, s1)),
            en_most,
            en_sides: sides_table(f.en.len(), en_most, |s0, s1| en_side(f, s0, s1)),
        }
    }

    /// The [`Side`] of Chinese segments `end - len..end`.
    #[inline]
    fn zh_side(&self, end: usize, len: usize) -> Side {
        if len <= self.zh_most {
            self.zh_sides[end * self.zh_most + len - 1]
        } else {
            zh_side(self.f, end - len, end)
        }
    }

    /// The [`Side`] of English segments `end - len..end`.
    #[inline]
    fn en_side(&self, end: usize, len: usize) -> Side {
        if len <= self.en_most {
            self.en_sides[end * self.en_most + len - 1]
        } else {
            en_side(self.f, end - len, end)
        }
    }

    /// Upper bounds of the word weight that Chinese `z0..z1` and English `e0..e1` match on
    /// each side: the sums of the cached pairs' matched weights (English, then Chinese).
    #[inline]
    fn hit_bounds(&self, z0: usize, z1: usize, e0: usize, e1: usize) -> (f32, f32) {
        let (mut en, mut zh) = (0.0f32, 0.0f32);
        for i in z0..z1 {
            for p in self.pairs.row(i).span(e0, e1) {
                en += p.en_hit;
                zh += p.zh_hit;
            }
        }
        (en, zh)
    }

    /// The cost of the bead ending at lattice point (`i`, `j`) with `a` Chinese and `b`
    /// English segments; or, when that cost is surely above `limit`, a lower bound of it
    /// that is above `limit` too (the search then drops the bead either way).
    pub(super) fn cost(&self, i: usize, j: usize, a: usize, b: usize, limit: f32) -> f32 {
        if a == 0 || b == 0 {
            let own = if a == 0 {
                self.skip_en[j - 1]
            } else {
                self.skip_zh[i - 1]
            };
            if !self.nulls {
                return own;
            }
            // Most unaligned segments cost far more than the bead they compete with.
            let floor = if a == 0 {
                self.skip_en_floor[j - 1]
            } else {
                self.skip_zh_floor[i - 1]
            };
            if floor > limit + 1e-4 * (1.0 + limit.abs()) {
                return floor;
            }
            let mut x = Dot {
                w: self.w,
                sum: own,
            };
            if a == 0 {
                null_en_nbr(self.f, self.pairs, i, j - 1, &mut x);
            } else {
                null_zh_nbr(self.f, self.pairs, i - 1, j, &mut x);
            }
            return x.sum;
        }
        let (z0, e0) = (i - a, j - b);
        let (zs, es) = (self.zh_side(i, a), self.en_side(j, b));
        let exact = |x: &mut Dot| {
            let d = len_d(self.f, &zs, &es);
            cheap_of::<_, true>(self.f, &zs, &es, d, z0, i, e0, j, self.extra, x)
        };
        let mut x = Dot {
            w: self.w,
            sum: 0.0,
        };
        // No limit (the first shape of a cell): the bounds could not drop the bead.
        if !limit.is_finite() {
            let sides = exact(&mut x);
            let h = hits(self.f, self.pairs, z0, i, e0, j);
            lexical_of(&h, self.extra, &sides, &mut x);
            return x.sum;
        }
        // The bounds take the length term's log ratio as the difference of the two sides'
        // logarithms, kept per run of segments, instead of the logarithm of their ratio:
        // the same number but for the rounding of three logarithms (a few millionths of
        // the cost at most, well inside the margin below); and they bound the features of
        // shared numbers and Latin words from the counts instead of looking them up. A
        // bead that passes them all is costed again in full.
        let mut y = Dot {
            w: self.w,
            sum: 0.0,
        };
        let sides = cheap_of::<_, false>(
            self.f,
            &zs,
            &es,
            es.ln8 - zs.ln8,
            z0,
            i,
            e0,
            j,
            self.extra,
            &mut y,
        );
        // A margin well above the rounding of costs, bounds and the limit: a bead dropped
        // here would have lost with its exact cost too.
        let beaten = limit + 1e-4 * (1.0 + limit.abs());
        let floor = y.sum + self.floor.floor(&sides);
        if floor > beaten {
            return floor;
        }
        // Bound the matched weights by the sums of the pairs' own before working out the
        // bead's (which unite the masks of its segments): most beads that pass the bound
        // above still lose by what their words do not match.
        let (en_hit, zh_hit) = self.hit_bounds(z0, i, e0, j);
        let floor = y.sum + lexical_floor_within(self.w, &sides, self.extra, en_hit, zh_hit);
        if floor > beaten {
            return floor;
        }
        let h = hits(self.f, self.pairs, z0, i, e0, j);
        if self.extra {
            // Now that only the logarithms are missing, bound them from a table: most
            // beads that reach here lose all the same.
            let mut floor = Floor {
                w: self.w,
                sum: y.sum,
            };
            lexical_of(&h, true, &sides, &mut floor);
            if floor.sum > beaten {
                return floor.sum;
            }
        }
        let sides = exact(&mut x);
        lexical_of(&h, self.extra, &sides, &mut x);
        x.sum
    }
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
    fn straight_single_quotes_of_dialogue_are_quotes_and_apostrophes_are_not() {
        let t = "'You're hopeless!' he jeered, 'and the boys' game is over.'";
        assert_eq!(
            curl_single_quotes(t),
            "‘You're hopeless!” he jeered, ‘and the boys' game is over.”"
        );
        assert_eq!(en_opens(&curl_single_quotes(t)), 2);
        assert_eq!(
            punct(&curl_single_quotes("'Stop!' he said."), EN_QUOTES),
            EXCLAIM | QUOTE | DIALOGUE
        );
        assert_eq!(
            curl_single_quotes("Don't, it's the Joneses' car."),
            "Don't, it's the Joneses' car."
        );
        assert_eq!(en_opens("He said \"yes\" and “no”."), 2);
        let zh = zh_marks("他说：“好。”她说：“不。”");
        assert_eq!(zh.opens, 2);
    }

    #[test]
    fn number_overlap_counts_both_sides() {
        assert_eq!(overlap(&[1, 2], &[2, 3, 4]), (1, 1, 2));
        assert_eq!(overlap(&[], &[]), (0, 0, 0));
    }
}
