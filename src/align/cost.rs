//! What a bead is made of: the features of each segment (length, glossable words with
//! IDF weights, numbers, Latin words, punctuation, paragraph and turn boundaries) and the
//! evidence between segment pairs, from which [`super::features`] computes a candidate
//! bead's feature vector (the bead cost is the weighted sum of it, [`super::weights`]).

use super::anchors;
use super::features::{self, Marks};
use super::learn::{self, Learnt};
use super::lexicon::{is_stop_word, key, stem, FxMap, Lexicon};
use super::AlignOptions;
use crate::segment::Segment;
use crate::text::han_runs;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

/// Dimension of the hashed bag-of-glosses vectors used for the coarse passes.
pub const DIM: usize = 256;

/// More English segments per Chinese one than this: the English is in caption units.
pub const CAPTION_UNITS: f32 = 2.0;

/// Up to this many words (tokens) of a segment take part in the lexical term.
const MAX_ITEMS: usize = 64;

/// A Chinese token that the lexicon (or an anchor) can gloss. Its keys (English stem ids or
/// anchor ids its glosses map to, restricted to those the English document uses) are the
/// unit's keys whose [`ZhUnit::key_tokens`] hold it.
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) weight: f32,
}

#[derive(Debug, Clone, Default)]
pub(super) struct ZhUnit {
    pub(super) len: f32,
    pub(super) tokens: Vec<Token>,
    pub(super) total: f32,
    /// Union of the tokens' keys, sorted…
    keys: Vec<u32>,
    /// …and for each, the tokens holding it (bit t = token t): a pair's token mask is the
    /// union of these over the keys the English segment holds.
    key_tokens: Vec<u64>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct EnUnit {
    pub(super) len: f32,
    /// Glossable words: (key, weight), sorted by key, one entry per key.
    pub(super) words: Vec<(u32, f32)>,
    pub(super) total: f32,
}

/// Per-pair evidence: which English words of `j` segment `i` glosses (bit k = word k) and
/// which Chinese tokens of `i` are found in `j`.
#[derive(Debug, Clone, Copy, Default)]
pub struct PairMask {
    pub en: u64,
    pub zh: u64,
}

/// Words interned as dense ids, in order of first sight: the tokens and candidate words of
/// a document are held as ids (4 bytes each) instead of strings, and counted in vectors.
#[derive(Debug, Clone, Default)]
pub(super) struct Names {
    ids: FxMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Names {
    pub(super) fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.ids.insert(s.into(), i);
        self.names.push(s.into());
        i
    }

    pub(super) fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    pub(super) fn len(&self) -> usize {
        self.names.len()
    }

    /// Each id's rank in the order of the texts (equal ranks only for equal texts, which
    /// have one id): comparing ranks compares the texts.
    pub(super) fn ranks(&self) -> Vec<u32> {
        use rayon::prelude::*;
        // Each text's first 8 bytes as a big-endian number (zeros past its end) order the
        // texts as their bytes do wherever they differ there; only texts that share them
        // are compared as strings. The texts are distinct, so the order is the one order.
        let prefix = |s: &str| {
            let mut buf = [0u8; 8];
            let k = s.len().min(8);
            buf[..k].copy_from_slice(&s.as_bytes()[..k]);
            u64::from_be_bytes(buf)
        };
        let mut order: Vec<(u64, u32)> = (0..self.names.len() as u32)
            .map(|id| (prefix(self.name(id)), id))
            .collect();
        order.par_sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| self.name(a.1).cmp(self.name(b.1)))
        });
        let mut rank = vec![0u32; order.len()];
        for (r, &(_, id)) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        rank
    }
}

/// Each segment's own words, before any document-wide statistics: they depend only on the
/// segment's text, the lexicon and the glossary anchors. Each text is read once (one
/// segmentation per Chinese sentence, its numbers extracted once): the bead score
/// ([`super::score`]) reads these, the cost features are derived from them, and the second
/// pass learns its word pairs from the candidate words kept here ([`super::learn`]).
pub(super) struct Raw {
    /// English keys of each English segment (content-word stems, numbers, anchors), with
    /// repeats, in text order.
    pub(super) en_words: Vec<Vec<u32>>,
    /// Visible characters of each English segment.
    pub(super) en_len: Vec<f32>,
    /// The candidate words for learnt pairs of each English segment, in text order, with
    /// repeats ([`super::learn::en_words`]), as ids in `names`.
    pub(super) en_cands: Vec<Vec<u32>>,
    /// Glossable tokens of each Chinese segment (notes left out): token (its text's id in
    /// `names`) and the keys of all its glosses.
    pub(super) zh_tokens: Vec<Vec<(u32, Arc<[u32]>)>>,
    /// The candidate words for learnt pairs of each Chinese segment, ordered by their text,
    /// each once ([`super::learn::zh_candidates`]).
    pub(super) zh_cands: Vec<Vec<u32>>,
    /// Visible characters of each Chinese segment, notes left out.
    pub(super) zh_len: Vec<f32>,
    /// Punctuation, numbers and Latin words of each segment.
    pub(super) zh_marks: Vec<Marks>,
    pub(super) en_marks: Vec<Marks>,
    /// The texts of tokens and candidate words.
    pub(super) names: Names,
    /// The glossary anchors the segments were read with.
    pub(super) anchors: Vec<(String, String)>,
    /// The keys of the numbers of each English segment, read with its words and kept
    /// until its marks take them ([`en_marks`]; empty after).
    en_numbers: Vec<Vec<u32>>,
}

/// Segments read together, in parallel with the other blocks ([`Raw::new`]).
const READ_BLOCK: usize = 1024;

impl Raw {
    /// Reads the segments. Long texts are read in blocks of [`READ_BLOCK`] segments in
    /// parallel, each block with its own word ids, which are then renumbered block by block
    /// in order: the ids are those of one sequential reading (first sight, English first).
    pub(super) fn new(zh: &[Segment], en: &[Segment], anchors: &[(String, String)]) -> Raw {
        use rayon::prelude::*;
        if zh.len() <= READ_BLOCK && en.len() <= READ_BLOCK {
            let mut raw = Raw::empty(anchors);
            let mut keys = Keys::new();
            for s in en {
                raw.push_en(&mut keys, s);
            }
            for s in zh {
                raw.push_zh(&mut keys, s);
            }
            let numbers = std::mem::take(&mut raw.en_numbers);
            raw.en_marks = en_marks(&raw.zh_marks, en, Some(numbers));
            return raw;
        }
        let read = |zh: &[Segment], en: &[Segment]| {
            let mut raw = Raw::empty(anchors);
            let mut keys = Keys::new();
            en.iter().for_each(|s| raw.push_en(&mut keys, s));
            zh.iter().for_each(|s| raw.push_zh(&mut keys, s));
            raw
        };
        let (en_parts, zh_parts): (Vec<Raw>, Vec<Raw>) = rayon::join(
            || en.par_chunks(READ_BLOCK).map(|c| read(&[], c)).collect(),
            || zh.par_chunks(READ_BLOCK).map(|c| read(c, &[])).collect(),
        );
        let mut raw = Raw::empty(anchors);
        raw.en_words.reserve(en.len());
        raw.zh_tokens.reserve(zh.len());
        for part in en_parts.into_iter().chain(zh_parts) {
            raw.append(part);
        }
        let numbers = std::mem::take(&mut raw.en_numbers);
        raw.en_marks = en_marks(&raw.zh_marks, en, Some(numbers));
        raw
    }

    fn empty(anchors: &[(String, String)]) -> Raw {
        Raw {
            en_words: Vec::new(),
            en_len: Vec::new(),
            en_cands: Vec::new(),
            zh_tokens: Vec::new(),
            zh_cands: Vec::new(),
            zh_len: Vec::new(),
            zh_marks: Vec::new(),
            en_marks: Vec::new(),
            names: Names::default(),
            anchors: anchors.to_vec(),
            en_numbers: Vec::new(),
        }
    }

    /// Appends the segments `part` read (after this one's), renumbering its word ids.
    fn append(&mut self, part: Raw) {
        let ids: Vec<u32> = part.names.names.iter().map(|w| self.names.id(w)).collect();
        let renumber = |v: &mut Vec<u32>| v.iter_mut().for_each(|w| *w = ids[*w as usize]);
        for mut c in part.en_cands {
            renumber(&mut c);
            self.en_cands.push(c);
        }
        for mut c in part.zh_cands {
            renumber(&mut c);
            self.zh_cands.push(c);
        }
        for mut t in part.zh_tokens {
            t.iter_mut().for_each(|(w, _)| *w = ids[*w as usize]);
            self.zh_tokens.push(t);
        }
        self.en_words.extend(part.en_words);
        self.en_numbers.extend(part.en_numbers);
        self.en_len.extend(part.en_len);
        self.zh_len.extend(part.zh_len);
        self.zh_marks.extend(part.zh_marks);
    }

    /// Reads one English segment and appends it.
    fn push_en(&mut self, keys: &mut Keys, s: &Segment) {
        let lower = s.text.to_lowercase();
        let numbers: Vec<u32> = anchors::en_numbers(&s.text)
            .iter()
            .map(|n| keys.anchor(n))
            .collect();
        self.en_words
            .push(en_keys(keys, &lower, &numbers, &self.anchors));
        self.en_numbers.push(numbers);
        self.en_len.push(visible_len(&s.text));
        let mut cands = Vec::new();
        learn::en_words_lower(&lower, |w| cands.push(self.names.id(w)));
        self.en_cands.push(cands);
    }

    /// Reads one Chinese segment and appends it.
    fn push_zh(&mut self, keys: &mut Keys, s: &Segment) {
        let text = s.text_without_notes();
        let (tokens, cands, marks) = zh_tokens(keys, &mut self.names, &text, &self.anchors);
        self.zh_tokens.push(tokens);
        self.zh_cands.push(cands);
        self.zh_len.push(visible_len(&text));
        self.zh_marks.push(marks);
    }

    /// The reading of a document with the same English as this one's (`en`) and the
    /// Chinese sentences `zh`, which are this one's with the sentences `changed` replaced
    /// by `zh[new]`: only those are read, the rest are copied. The same as [`Raw::new`] of
    /// `zh` and `en` up to the numbering of `names`, which nothing depends on.
    pub(super) fn respliced(
        &self,
        changed: Range<usize>,
        zh: &[Segment],
        new: Range<usize>,
        en: &[Segment],
    ) -> Raw {
        let mut raw = Raw {
            en_words: self.en_words.clone(),
            en_len: self.en_len.clone(),
            en_cands: self.en_cands.clone(),
            zh_tokens: self.zh_tokens[..changed.start].to_vec(),
            zh_cands: self.zh_cands[..changed.start].to_vec(),
            zh_len: self.zh_len[..changed.start].to_vec(),
            zh_marks: self.zh_marks[..changed.start].to_vec(),
            en_marks: Vec::new(),
            names: self.names.clone(),
            anchors: self.anchors.clone(),
            en_numbers: Vec::new(),
        };
        let mut keys = Keys::new();
        for s in &zh[new] {
            raw.push_zh(&mut keys, s);
        }
        raw.zh_tokens
            .extend_from_slice(&self.zh_tokens[changed.end..]);
        raw.zh_cands
            .extend_from_slice(&self.zh_cands[changed.end..]);
        raw.zh_len.extend_from_slice(&self.zh_len[changed.end..]);
        raw.zh_marks
            .extend_from_slice(&self.zh_marks[changed.end..]);
        // The English marks keep the Latin words the Chinese uses: read them again only
        // when the correction changed that set.
        raw.en_marks = if latin_set(&raw.zh_marks) == latin_set(&self.zh_marks) {
            self.en_marks.clone()
        } else {
            en_marks(&raw.zh_marks, en, None)
        };
        raw
    }
}

/// The Latin-word keys the Chinese segments hold, sorted, each once.
fn latin_set(zh_marks: &[Marks]) -> Vec<u32> {
    let mut latin: Vec<u32> = zh_marks
        .iter()
        .flat_map(|m: &Marks| m.latin.iter().copied())
        .collect();
    latin.sort_unstable();
    latin.dedup();
    latin
}

/// The marks of the English segments, keeping the Latin words the Chinese ones hold;
/// `numbers`: the keys of each segment's numbers when they were read with its words
/// ([`Raw::new`]), else they are read again.
fn en_marks(zh_marks: &[Marks], en: &[Segment], numbers: Option<Vec<Vec<u32>>>) -> Vec<Marks> {
    use rayon::prelude::*;
    let latin = latin_set(zh_marks);
    match numbers {
        Some(numbers) if numbers.len() == en.len() => en
            .par_iter()
            .zip(numbers)
            .with_min_len(READ_BLOCK)
            .map(|(s, n)| features::en_marks_with(&s.text, &latin, n))
            .collect(),
        _ => en
            .par_iter()
            .with_min_len(READ_BLOCK)
            .map(|s| features::en_marks(&s.text, &latin))
            .collect(),
    }
}

/// The features of one document pair, ready for bead costs.
pub struct Features {
    /// The segments' own words, kept for the bead score.
    pub(super) raw: Raw,
    pub(super) zh: Vec<ZhUnit>,
    pub(super) en: Vec<EnUnit>,
    /// English length per Chinese length unit, estimated from the pair itself.
    pub ratio: f32,
    /// `zh_break[i]`: a paragraph or turn boundary lies before Chinese segment i.
    pub(super) zh_break: Vec<bool>,
    pub(super) en_break: Vec<bool>,
    /// English segments per Chinese sentence when the English comes in units much shorter
    /// than sentences (caption units), else 1: English counts in bead sizes, merges and
    /// skips are divided by it, so a sentence told in five caption units costs like one.
    pub en_unit: f32,
    /// `en_cut[j]`: how unlikely a sentence boundary is before English segment j, from 0 to
    /// [`MAX_CUT`] (caption units only: a short pause, the words either side of the cut;
    /// see [`super::caption::cut_costs`]). Zero at both ends and for sentences.
    pub(super) en_cut: Vec<f32>,
    /// Punctuation, numbers and Latin words of each segment (borrowed from `raw`).
    pub(super) zh_marks: Vec<Marks>,
    pub(super) en_marks: Vec<Marks>,
}

fn visible_len(text: &str) -> f32 {
    text.chars().filter(|c| !c.is_whitespace()).count() as f32
}

/// Keys of English stems and anchors (numbers, glossary terms) for one document, with the
/// glosses of the Chinese words met so far.
struct Keys<'a> {
    lex: &'a Lexicon,
    /// By word id ([`Names`]): the word's gloss keys once looked up.
    glosses: Vec<Option<Arc<[u32]>>>,
    /// A word being stemmed (one buffer for all, not a string per word).
    buf: String,
}

impl<'a> Keys<'a> {
    fn new() -> Keys<'static> {
        Keys {
            lex: Lexicon::get(),
            glosses: Vec::new(),
            buf: String::new(),
        }
    }

    fn word(&mut self, w: &str) -> u32 {
        self.buf.clear();
        self.buf.push_str(w);
        key(stem(&mut self.buf))
    }

    fn anchor(&mut self, k: &str) -> u32 {
        key(k)
    }

    /// The gloss keys of word `w`, whose id is `id`.
    fn glosses(&mut self, id: u32, w: &str) -> &Arc<[u32]> {
        let id = id as usize;
        if self.glosses.len() <= id {
            self.glosses.resize(id + 1, None);
        }
        let lex = self.lex;
        self.glosses[id].get_or_insert_with(|| lex.glosses(w).into())
    }
}

/// English keys of a segment: its text lower-cased, and the keys of its numbers.
fn en_keys(
    keys: &mut Keys,
    lower: &str,
    numbers: &[u32],
    anchors: &[(String, String)],
) -> Vec<u32> {
    let mut out = Vec::new();
    for w in lower.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'')) {
        let w = w.trim_matches('\'');
        if w.is_empty() || is_stop_word(w) || w.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        out.push(keys.word(w));
    }
    out.extend_from_slice(numbers);
    for (k, (en, _)) in anchors.iter().enumerate() {
        let en = en.to_lowercase();
        if !en.is_empty() && contains_phrase(lower, &en) {
            out.push(keys.anchor(&format!("@{k}")));
        }
    }
    out
}

/// True when `phrase` occurs in `text` at word boundaries.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(at) = text[from..].find(phrase) {
        let s = from + at;
        let e = s + phrase.len();
        let before = text[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = text[e..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = s + phrase.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Keys of the pinyin spellings of `chars` run together ("peizhen"): every combination of
/// the characters' two commonest readings.
fn pinyin_keys(keys: &mut Keys, chars: &str) -> Vec<u32> {
    // Each character's readings (one or two), then every spelling in the order of the
    // readings, the first character's varying slowest: spelt one after the other into the
    // stemming buffer rather than built as strings.
    let mut readings: Vec<[&str; 2]> = Vec::with_capacity(3);
    let mut count = 1usize;
    for c in chars.chars() {
        let mut buf = [0u8; 4];
        let mut r = keys.lex.readings(c.encode_utf8(&mut buf));
        let Some(first) = r.next() else {
            return Vec::new();
        };
        let second = r.next().unwrap_or("");
        count = count.saturating_mul(if second.is_empty() { 1 } else { 2 });
        readings.push([first, second]);
    }
    let mut out = Vec::with_capacity(count);
    for n in 0..count {
        keys.buf.clear();
        // The digits of `n`, most significant first, over the characters with two readings.
        let mut rest = n;
        let mut scale = count;
        for r in &readings {
            let pick = if r[1].is_empty() {
                0
            } else {
                scale /= 2;
                let p = rest / scale;
                rest %= scale;
                p
            };
            keys.buf.push_str(r[pick]);
        }
        out.push(key(stem(&mut keys.buf)));
    }
    out
}

/// A Chinese segment's glossable tokens (token text's id in `names` for document
/// frequency, keys), its candidate words for learnt pairs (ids, ordered by text) and its
/// marks: one segmentation and one number extraction serve all three.
#[allow(clippy::type_complexity)]
fn zh_tokens(
    keys: &mut Keys,
    names: &mut Names,
    text: &str,
    anchors: &[(String, String)],
) -> (Vec<(u32, Arc<[u32]>)>, Vec<u32>, Marks) {
    let mut out = Vec::new();
    let mut cands = BTreeSet::new();
    for run in han_runs(text) {
        let words = keys.lex.segment(run);
        for r in &words {
            let w = &run[r.clone()];
            let id = names.id(w);
            let g = keys.glosses(id, w);
            if !g.is_empty() {
                out.push((id, g.clone()));
            }
        }
        // Characters the lexicon knows only one by one are often a name, which English
        // writes in pinyin: 佩珍 → "peizhen".
        for (k, pair) in words.windows(2).enumerate() {
            let single = |r: &Range<usize>| run[r.clone()].chars().count() == 1;
            if !(single(&pair[0]) && single(&pair[1])) {
                continue;
            }
            let mut found = pinyin_keys(keys, &run[pair[0].start..pair[1].end]);
            if let Some(third) = words.get(k + 2).filter(|r| single(r)) {
                found.extend(pinyin_keys(keys, &run[pair[0].start..third.end]));
            }
            if !found.is_empty() {
                out.push((names.id(&run[pair[0].start..pair[1].end]), found.into()));
            }
        }
        learn::zh_candidates(run, &words, &mut cands);
    }
    let latin = anchors::latin_words(text);
    for w in &latin {
        if is_stop_word(w) {
            continue;
        }
        let k = keys.word(w);
        out.push((names.id(w), Arc::from([k])));
    }
    let numbers = anchors::zh_numbers(text);
    for n in &numbers {
        let k = keys.anchor(n);
        out.push((names.id(n), Arc::from([k])));
    }
    for (k, (_, zh)) in anchors.iter().enumerate() {
        if !zh.is_empty() && text.contains(zh.as_str()) {
            let name = format!("@{k}");
            let key = keys.anchor(&name);
            out.push((names.id(&name), Arc::from([key])));
        }
    }
    let cands = cands.into_iter().map(|w| names.id(w)).collect();
    (out, cands, features::zh_marks_with(text, &numbers, &latin))
}

/// Boundaries before each segment, or none when the side carries no grouping (every
/// segment its own paragraph, as in one-sentence-per-line input).
fn breaks(segs: &[Segment]) -> Vec<bool> {
    let mut out: Vec<bool> = segs
        .iter()
        .enumerate()
        .map(|(i, s)| i > 0 && (s.turn_start || s.paragraph != segs[i - 1].paragraph))
        .collect();
    let count = out.iter().filter(|&&b| b).count();
    if segs.len() > 1 && count * 10 >= (segs.len() - 1) * 9 {
        out.iter_mut().for_each(|b| *b = false);
    }
    out
}

pub(super) use super::caption::MAX_CUT;

/// The hashed bag-of-glosses slot of a key.
fn slot(k: u32) -> usize {
    (k.wrapping_mul(2_654_435_761) >> 8) as usize % DIM
}

fn zh_vector(u: &ZhUnit) -> [f32; DIM] {
    let mut v = [0f32; DIM];
    for (t, tok) in u.tokens.iter().enumerate() {
        // The token's keys, in order: the unit's keys that it holds.
        let bit = 1u64 << t;
        let count = u.key_tokens.iter().filter(|&&m| m & bit != 0).count();
        if count == 0 {
            continue;
        }
        let w = tok.weight / (count as f32).sqrt();
        for (&k, &m) in u.keys.iter().zip(&u.key_tokens) {
            if m & bit != 0 {
                v[slot(k)] += w;
            }
        }
    }
    v
}

fn en_vector(u: &EnUnit) -> [f32; DIM] {
    let mut v = [0f32; DIM];
    for &(k, w) in &u.words {
        v[slot(k)] += w;
    }
    v
}

fn idf(df: u32, n: usize) -> f32 {
    (1.0 + n as f32 / df.max(1) as f32).ln()
}

impl Features {
    /// Extracts the features of a document pair.
    pub fn new(zh: &[Segment], en: &[Segment], options: &AlignOptions) -> Features {
        let raw = Raw::new(zh, en, &options.anchors);
        Features::with_learnt(raw, zh, en, &Learnt::default())
    }

    /// Gives back the segments' own words, for another pass.
    pub(super) fn into_raw(mut self) -> Raw {
        self.raw.zh_marks = std::mem::take(&mut self.zh_marks);
        self.raw.en_marks = std::mem::take(&mut self.en_marks);
        self.raw
    }

    /// The features with word pairs learnt from the document as extra evidence (for the
    /// costs only: the segments' own words, kept for the bead score, leave them out).
    /// `raw` holds the words of `zh` and `en` ([`Raw::new`]).
    pub(super) fn with_learnt(
        mut raw: Raw,
        zh: &[Segment],
        en: &[Segment],
        learnt: &Learnt,
    ) -> Features {
        // The learnt words of each segment, beside (not copied into) its own words.
        let en_learnt: Vec<Vec<u32>> = if learnt.is_empty() {
            Vec::new()
        } else {
            raw.en_cands
                .iter()
                .map(|c| learnt.en_keys_of(c, &raw.names))
                .collect()
        };
        let zh_learnt: Vec<Vec<(u32, Arc<[u32]>)>> = if learnt.is_empty() {
            Vec::new()
        } else {
            let names = &mut raw.names;
            (0..raw.zh_tokens.len())
                .map(|i| {
                    learnt
                        .zh_tokens(i)
                        .iter()
                        .map(|(w, ks)| (names.id(w), Arc::from(ks.as_slice())))
                        .collect()
                })
                .collect()
        };
        let en_raw = |j: usize| {
            raw.en_words[j]
                .iter()
                .chain(en_learnt.get(j).into_iter().flatten())
        };
        let zh_raw = |i: usize| {
            raw.zh_tokens[i]
                .iter()
                .chain(zh_learnt.get(i).into_iter().flatten())
        };

        // English document frequencies; the set of keys the English side uses.
        let mut en_df: FxMap<u32, u32> = FxMap::default();
        let mut w = Vec::new();
        for j in 0..raw.en_words.len() {
            w.clear();
            w.extend(en_raw(j).copied());
            w.sort_unstable();
            w.dedup();
            for &k in &w {
                *en_df.entry(k).or_default() += 1;
            }
        }
        let mut zh_df = vec![0u32; raw.names.len()];
        let mut zh_keyset: FxMap<u32, ()> = FxMap::default();
        let mut seen = Vec::new();
        for i in 0..raw.zh_tokens.len() {
            seen.clear();
            seen.extend(zh_raw(i).map(|t| t.0));
            seen.sort_unstable();
            seen.dedup();
            for &t in &seen {
                zh_df[t as usize] += 1;
            }
            for (_, ks) in zh_raw(i) {
                for &k in ks.iter() {
                    zh_keyset.insert(k, ());
                }
            }
        }

        // Each segment's words with their weights, on their own: in parallel.
        use rayon::prelude::*;
        let en_units: Vec<EnUnit> = (0..raw.en_words.len())
            .into_par_iter()
            .with_min_len(READ_BLOCK)
            .map(|j| {
                let len = raw.en_len[j];
                let mut ws: Vec<(u32, f32)> = Vec::new();
                let mut sorted: Vec<u32> = en_raw(j).copied().collect();
                sorted.sort_unstable();
                sorted.dedup();
                for k in sorted {
                    // A word is evidence only if the Chinese side could gloss it.
                    if !zh_keyset.contains_key(&k) {
                        continue;
                    }
                    ws.push((k, idf(en_df[&k], en.len())));
                }
                if ws.len() > MAX_ITEMS {
                    ws.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                    ws.truncate(MAX_ITEMS);
                    ws.sort_unstable_by_key(|w| w.0);
                }
                let total = ws.iter().map(|w| w.1).sum();
                EnUnit {
                    len,
                    words: ws,
                    total,
                }
            })
            .collect();

        let zh_units: Vec<ZhUnit> = (0..raw.zh_tokens.len())
            .into_par_iter()
            .with_min_len(READ_BLOCK)
            .map(|i| {
                let len = raw.zh_len[i];
                // Each token's keys, sorted, one after the other in `flat`.
                let mut flat: Vec<u32> = Vec::new();
                let mut spans: Vec<(f32, Range<usize>)> = zh_raw(i)
                    .map(|(t, ks)| {
                        let s = flat.len();
                        flat.extend(ks.iter().copied().filter(|k| en_df.contains_key(k)));
                        flat[s..].sort_unstable();
                        let mut end = s;
                        for r in s..flat.len() {
                            if end == s || flat[r] != flat[end - 1] {
                                flat[end] = flat[r];
                                end += 1;
                            }
                        }
                        flat.truncate(end);
                        (idf(zh_df[*t as usize], zh.len()), s..end)
                    })
                    .collect();
                if spans.len() > MAX_ITEMS {
                    spans.sort_by(|a, b| b.0.total_cmp(&a.0));
                    spans.truncate(MAX_ITEMS);
                }
                let mut all: Vec<u32> = spans
                    .iter()
                    .flat_map(|(_, r)| flat[r.clone()].iter().copied())
                    .collect();
                all.sort_unstable();
                all.dedup();
                let mut key_tokens = vec![0u64; all.len()];
                for (t, (_, r)) in spans.iter().enumerate() {
                    for k in &flat[r.clone()] {
                        if let Ok(b) = all.binary_search(k) {
                            key_tokens[b] |= 1 << t;
                        }
                    }
                }
                let tokens: Vec<Token> =
                    spans.iter().map(|&(weight, _)| Token { weight }).collect();
                let total = tokens.iter().map(|t| t.weight).sum();
                ZhUnit {
                    len,
                    tokens,
                    total,
                    keys: all,
                    key_tokens,
                }
            })
            .collect();

        let zl: f32 = zh_units.iter().map(|u| u.len).sum();
        let el: f32 = en_units.iter().map(|u| u.len).sum();
        let ratio = if zl > 0.0 && el > 0.0 { el / zl } else { 3.0 };
        let units = if zh.is_empty() {
            1.0
        } else {
            en.len() as f32 / zh.len() as f32
        };
        let en_unit = if units > CAPTION_UNITS { units } else { 1.0 };
        let en_cut = if en_unit > 1.0 {
            super::caption::cut_costs(en)
        } else {
            vec![0.0; en.len() + 1]
        };
        let zh_marks = std::mem::take(&mut raw.zh_marks);
        let en_marks = std::mem::take(&mut raw.en_marks);
        Features {
            en_cut,
            zh_marks,
            en_marks,
            raw,
            zh: zh_units,
            en: en_units,
            ratio,
            zh_break: breaks(zh),
            en_break: breaks(en),
            en_unit,
        }
    }

    pub fn zh_len(&self) -> usize {
        self.zh.len()
    }

    pub fn en_len(&self) -> usize {
        self.en.len()
    }

    /// The evidence between Chinese segment `i` and English segment `j`.
    pub fn pair(&self, i: usize, j: usize) -> PairMask {
        let z = &self.zh[i];
        let e = &self.en[j];
        let mut m = PairMask::default();
        if z.keys.is_empty() || e.words.is_empty() {
            return m;
        }
        // Both key lists are sorted: one merge finds the shared keys. A token is found
        // when one of its keys is: its keys are among the segment's, so a key of it in the
        // English is a shared one.
        let (words, keys) = (&e.words, &z.keys);
        let (mut a, mut b) = (0, 0);
        while a < words.len() && b < keys.len() {
            let (x, y) = (words[a].0, keys[b]);
            if x == y {
                m.en |= 1 << a;
                m.zh |= z.key_tokens[b];
            }
            // Step past the smaller key (both when equal) without a branch on which: which
            // side moves is as good as random, and a mispredicted branch per step was
            // most of the cost of the pair masks.
            a += usize::from(x <= y);
            b += usize::from(y <= x);
        }
        m
    }

    /// Hashed bag-of-glosses vectors of every segment (not normalised), for the coarse
    /// passes.
    pub fn vectors(&self) -> (Vec<[f32; DIM]>, Vec<[f32; DIM]>) {
        (
            self.zh.iter().map(zh_vector).collect(),
            self.en.iter().map(en_vector).collect(),
        )
    }

    /// [`Features::vectors`] summed two by two (as [`super::dp::halve`] sums them), built
    /// without the full-resolution vectors: long documents start their coarse search there,
    /// and 1 KB a segment is the largest allocation of a 100,000-sentence pair.
    pub fn vectors_halved(&self) -> (Vec<[f32; DIM]>, Vec<[f32; DIM]>) {
        fn pooled<U>(units: &[U], vector: fn(&U) -> [f32; DIM]) -> Vec<[f32; DIM]> {
            units
                .chunks(2)
                .map(|c| {
                    let mut s = vector(&c[0]);
                    if let Some(x) = c.get(1) {
                        s.iter_mut().zip(vector(x)).for_each(|(a, b)| *a += b);
                    }
                    s
                })
                .collect()
        }
        (pooled(&self.zh, zh_vector), pooled(&self.en, en_vector))
    }

    /// Lengths of every segment (Chinese scaled by the ratio into English units).
    pub fn lengths(&self) -> (Vec<f32>, Vec<f32>) {
        (
            self.zh.iter().map(|u| u.len * self.ratio).collect(),
            self.en.iter().map(|u| u.len).collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(t: &str, i: usize) -> Segment {
        Segment::plain(t, 0..t.len(), i)
    }

    #[test]
    fn translation_costs_less_than_a_stranger() {
        let zh = [seg("我喜欢吃苹果。", 0), seg("北京是中国的首都。", 1)];
        let en = [
            seg("I like eating apples.", 0),
            seg("Beijing is the capital of China.", 1),
        ];
        let f = Features::new(&zh, &en, &AlignOptions::default());
        let band = super::super::dp::Band::full(2, 2);
        let pairs = super::super::PairCache::new(&f, &band, 2, 2);
        let w = super::super::weights::Weights::hand();
        let cost = |z0, z1, e0, e1| w.dot(&features::phi(&f, &pairs, z0, z1, e0, e1));
        assert!(cost(0, 1, 0, 1) < cost(0, 1, 1, 2));
        assert!(cost(1, 2, 1, 2) < cost(1, 2, 0, 1));
    }

    #[test]
    fn names_meet_their_pinyin() {
        // 琦瑶 has no dictionary entry as a word; its characters' readings spell "qiyao".
        let zh = [seg("琦瑶笑了。", 0)];
        let en = [seg("Qiyao smiled.", 0)];
        let f = Features::new(&zh, &en, &AlignOptions::default());
        let named = f.en[0].words.len();
        assert!(named >= 1 && f.pair(0, 0).en.count_ones() as usize == named);
    }

    #[test]
    fn glossary_terms_become_evidence() {
        let zh = [seg("智能体很重要", 0)];
        let en = [seg("Agents matter", 0)];
        let plain = Features::new(&zh, &en, &AlignOptions::default());
        let opts = AlignOptions {
            anchors: vec![("agents".into(), "智能体".into())],
            ..AlignOptions::default()
        };
        let with = Features::new(&zh, &en, &opts);
        assert!(with.pair(0, 0).en.count_ones() > plain.pair(0, 0).en.count_ones());
    }
}
