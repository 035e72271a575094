//! The bilingual lexicon the aligner scores translation evidence with: Chinese words to
//! sets of English stems, from CC-CEDICT.
//!
//! Why a generated text file and not the `chinese_dictionary` crate at run time: the crate
//! deserialises 24 MB of bincode (every entry with pinyin, measure words, HSK levels) on
//! first use, which alone costs more than the whole budget of one `bitext align` run, and
//! it offers no way to list its entries. `src/align/lexicon/gen_lexicon.py` reads the crate's data once
//! and writes `src/align/lexicon/cedict-glosses.txt` (headword, tab, definition words; 4 MB), which is
//! compiled into the binary and indexed lazily on first use (a few ms, see `bitext bench`).
//! Stemming and stop words are applied here, by the same function that treats the English text.
//!
//! Chinese is segmented against the lexicon's own headwords (fewest-words maximum matching),
//! not with jieba: jieba's default dictionary must be decompressed and indexed on every
//! start (a few hundred ms), and only the words the lexicon can gloss matter for scoring.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

static GLOSSES: &str = include_str!("lexicon/cedict-glosses.txt");

/// Longest headword considered when segmenting, in characters.
const MAX_WORD_CHARS: usize = 8;

/// A small, fast, deterministic hasher for short keys (FxHash).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(buf))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
pub type FxMap<K, V> = HashMap<K, V, FxBuild>;

/// The key of an English stem or an anchor string: a 32-bit hash, so that both sides and
/// every document agree on keys without a shared table (collisions among the few thousand
/// keys of a document are negligible).
pub fn key(s: &str) -> u32 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.write_u64(s.len() as u64);
    let v = h.finish();
    (v >> 32) as u32 ^ v as u32
}

/// Chinese headwords and their English definition words.
///
/// Loading only cuts the text into (headword, definitions) slices — the file is sorted by
/// headword, so lookups are binary searches — and definitions are stemmed when a word is
/// looked up. That keeps start-up to a few milliseconds.
pub struct Lexicon {
    entries: Vec<(&'static str, &'static str)>,
}

impl Lexicon {
    /// The lexicon, loaded on first use and shared afterwards.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse(GLOSSES))
    }

    /// Reads the `headword<TAB>word word …` format (lines starting with `#` are comments).
    pub fn parse(text: &'static str) -> Lexicon {
        let mut entries: Vec<(&'static str, &'static str)> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect();
        if !entries.windows(2).all(|w| w[0].0 < w[1].0) {
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            entries.dedup_by(|a, b| a.0 == b.0);
        }
        Lexicon { entries }
    }

    /// Number of headwords.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn find(&self, word: &str) -> Option<&'static str> {
        self.entries
            .binary_search_by(|e| e.0.cmp(word))
            .ok()
            .map(|i| self.entries[i].1)
    }

    /// The keys of the English stems glossing a Chinese word (sorted, unique; stop words
    /// left out), empty when the word is unknown.
    pub fn glosses(&self, word: &str) -> Vec<u32> {
        let Some(defs) = self.find(word) else {
            return Vec::new();
        };
        let mut buf = String::new();
        let mut out: Vec<u32> = defs
            .split(' ')
            .filter(|w| !w.is_empty() && !is_stop_word(w))
            .map(|w| {
                buf.clear();
                buf.push_str(w);
                key(stem(&mut buf))
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    pub fn contains(&self, word: &str) -> bool {
        self.find(word).is_some()
    }

    /// Segments a run of Chinese characters into the fewest lexicon words (single
    /// characters where nothing longer matches). Returns byte ranges into `run`.
    pub fn segment(&self, run: &str) -> Vec<std::ops::Range<usize>> {
        let bounds: Vec<usize> = run
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(run.len()))
            .collect();
        let n = bounds.len() - 1;
        // best[k] = (words, back) for the prefix of k characters; ties prefer longer last words.
        let mut best = vec![(u32::MAX, 0usize); n + 1];
        best[0] = (0, 0);
        for k in 1..=n {
            for len in (1..=MAX_WORD_CHARS.min(k)).rev() {
                let from = k - len;
                if best[from].0 == u32::MAX {
                    continue;
                }
                let piece = &run[bounds[from]..bounds[k]];
                if len > 1 && !self.contains(piece) {
                    continue;
                }
                let words = best[from].0 + 1;
                if words < best[k].0 {
                    best[k] = (words, from);
                }
            }
        }
        let mut out = Vec::new();
        let mut k = n;
        while k > 0 {
            let from = best[k].1;
            out.push(bounds[from]..bounds[k]);
            k = from;
        }
        out.reverse();
        out
    }
}

/// A crude English stemmer (plural, -ed, -ing, -ly, final e), applied alike to the text
/// and to the lexicon's glosses so that "developing", "develops" and "development"'s
/// gloss "develop" meet. Expects lower-case ASCII; returns a prefix of `w` or `w` itself
/// rewritten in place.
pub fn stem(w: &mut String) -> &str {
    if let Some(s) = w.strip_suffix("'s") {
        let n = s.len();
        w.truncate(n);
    }
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        w.truncate(n - 3);
        w.push('y');
    } else if n > 4 && w.ends_with("sses") {
        w.truncate(n - 2);
    } else if n > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.truncate(n - 1);
    }
    let n = w.len();
    if n > 5 && w.ends_with("ing") {
        w.truncate(n - 3);
        undouble(w);
    } else if n > 4 && w.ends_with("ied") {
        w.truncate(n - 3);
        w.push('y');
    } else if n > 4 && w.ends_with("ed") && !w.ends_with("eed") {
        w.truncate(n - 2);
        undouble(w);
    } else if n > 5 && w.ends_with("ly") {
        w.truncate(n - 2);
    }
    let n = w.len();
    if n > 5 && w.ends_with("ment") {
        w.truncate(n - 4);
    } else if n > 6 && (w.ends_with("tion") || w.ends_with("sion")) {
        w.truncate(n - 3);
    }
    let n = w.len();
    if n > 3 && (w.ends_with('e') || w.ends_with('y')) {
        w.truncate(n - 1);
    }
    w.as_str()
}

fn undouble(w: &mut String) {
    let b = w.as_bytes();
    let n = b.len();
    if n > 3 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z' | b'e' | b'o') {
        w.truncate(n - 1);
    }
}

/// Frequent English function words carrying no translation evidence.
pub fn is_stop_word(w: &str) -> bool {
    const STOP: &[&str] = &[
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are",
        "as", "at", "be", "been", "before", "being", "both", "but", "by", "can", "could", "did",
        "do", "does", "doing", "done", "down", "each", "even", "few", "for", "from", "get", "got",
        "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i",
        "if", "in", "into", "is", "it", "its", "just", "let", "like", "me", "might", "more",
        "most", "much", "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one",
        "only", "or", "other", "our", "out", "over", "own", "same", "shall", "she", "should", "so",
        "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
        "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we",
        "well", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
        "with", "would", "yes", "yet", "you", "your", "it's", "i'm", "don't", "that's", "there's",
        "i've", "you're", "we're", "they're", "can't", "didn't", "isn't", "won't", "oh", "uh",
        "um", "yeah", "okay", "ok", "gonna", "s", "t",
    ];
    static SORTED: OnceLock<Vec<&'static str>> = OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut v = STOP.to_vec();
        v.sort_unstable();
        v
    });
    sorted.binary_search(&w).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(w: &str) -> String {
        let mut s = w.to_string();
        stem(&mut s).to_string()
    }

    #[test]
    fn stop_words_are_found() {
        for w in ["the", "a", "yeah", "you", "about"] {
            assert!(is_stop_word(w), "{w}");
        }
        assert!(!is_stop_word("china"));
    }

    #[test]
    fn stems_meet_across_inflections() {
        assert_eq!(st("developing"), st("develops"));
        assert_eq!(st("develop"), st("developed"));
        assert_eq!(st("development"), st("develop"));
        assert_eq!(st("cities"), st("city"));
        assert_eq!(st("running"), st("run"));
        assert_eq!(st("makes"), st("make"));
    }

    #[test]
    fn lexicon_glosses_common_words() {
        let lex = Lexicon::get();
        assert!(lex.len() > 100_000);
        assert!(lex.glosses("中国").contains(&key(&st("china"))));
        assert!(lex.glosses("苹果").contains(&key(&st("apples"))));
        assert!(lex.glosses("不是一个词语吧").is_empty());
    }

    #[test]
    fn segmentation_prefers_fewest_words() {
        let lex = Lexicon::get();
        let run = "中华人民共和国成立了";
        let words: Vec<&str> = lex.segment(run).into_iter().map(|r| &run[r]).collect();
        assert_eq!(words.concat(), run);
        assert!(words.len() <= 3, "{words:?}");
    }
}
