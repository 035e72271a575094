//! Mining candidate term pairs from aligned beads.
//!
//! Two sources, ranked together:
//! - Latin-script words in the Chinese (Copilot, GPT-4, Azure) that the English of the same
//!   bead also has: terms kept in Latin letters.
//! - English phrases (one to three content words, no stop word at either end) against the
//!   Chinese character n-grams (two to five Han characters) found in the same beads.
//!
//! Every candidate is counted in beads (presence, not occurrences) and scored by the Dice
//! coefficient `2·c(e,z) / (c(e) + c(z))`; the ranking weighs Dice by the evidence,
//! `dice · ln(1 + c(e,z))`, so a pair seen together in twenty beads outranks a chance pair
//! seen twice. Pairs are then linked competitively, best first: once a pair is taken, no
//! other pair may reuse its English phrase (or one nested in it, or around it) or a Chinese
//! string sharing a two-character stretch with it, so 陈清扬 is proposed once, not again
//! as 陈清 and 清扬.

use super::matcher::fold_zh;
use super::Glossary;
use crate::corpus::Corpus;
use crate::text::is_han;
use std::collections::{HashMap, HashSet};

/// Tuning knobs of [`suggest`].
#[derive(Debug, Clone)]
pub struct SuggestOptions {
    /// A pair must be seen together in at least this many beads.
    pub min_count: usize,
    /// At most this many suggestions.
    pub limit: usize,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            min_count: 2,
            limit: 50,
        }
    }
}

/// A candidate pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The English phrase, in its most frequent written form.
    pub en: String,
    /// The Chinese string (for a Latin term, as the Chinese writes it).
    pub zh: String,
    /// The Chinese keeps the term in Latin letters.
    pub latin: bool,
    /// Beads holding both.
    pub count: usize,
    /// Dice coefficient over beads.
    pub dice: f64,
    /// The ranking score.
    pub score: f64,
    /// A row holding both (the shortest such), as an example.
    pub example: usize,
}

/// Ranked candidate pairs from the rows of `corpus` that have both texts; terms the
/// `known` glossary already has (English or Chinese) are left out.
pub fn suggest(
    corpus: &Corpus,
    known: Option<&Glossary>,
    options: &SuggestOptions,
) -> Vec<Suggestion> {
    let beads: Vec<(usize, &str, &str)> = corpus
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.en.trim().is_empty() && !r.zh.trim().is_empty())
        .map(|(i, r)| (i, r.en.as_str(), r.zh.as_str()))
        .collect();
    let mut known_en = HashSet::new();
    let mut known_zh = HashSet::new();
    for entry in known.map(|g| g.entries.as_slice()).unwrap_or_default() {
        known_en.extend(entry.en_forms().map(|f| {
            let words = en_words(f);
            phrase_key(words.iter().map(|(w, _, _)| w.as_str()))
        }));
        known_zh.extend(entry.zh_forms().map(fold_zh));
    }
    let mut table = Table::default();
    for &(row, en, zh) in &beads {
        let phrases = en_phrases(en);
        let grams = zh_grams(zh);
        let latin = latin_pairs(en, zh);
        table.add(row, en.len() + zh.len(), phrases, grams, latin);
    }
    let n = beads.len() as f64;
    let mut candidates: Vec<Linkable> = Vec::new();
    for ((e, z), (count, example)) in table.pairs(options.min_count) {
        if known_en.contains(&table.en_keys[e]) || known_zh.contains(&table.zh_keys[z]) {
            continue;
        }
        let latin = table.latin_keys.contains(&(e, z));
        if !latin && !table.zh_keys[z].chars().any(is_han) {
            continue; // Latin script in the Chinese pairs only with the same English
        }
        let ce = table.en_count[e] as f64;
        let cz = table.zh_count[z] as f64;
        let c = count as f64;
        if c * n <= ce * cz {
            continue; // not more often together than by chance
        }
        let dice = 2.0 * c / (ce + cz);
        candidates.push(Linkable {
            words: table.en_keys[e].split(' ').map(str::to_string).collect(),
            zh: table.zh_keys[z].clone(),
            suggestion: Suggestion {
                en: table.en_surface(e),
                zh: table.zh_surface(z),
                latin,
                count,
                dice,
                score: dice * (1.0 + c).ln(),
                example,
            },
        });
    }
    // On a tie the more specific pair first: more English words, more Chinese characters.
    candidates.sort_by(|a, b| {
        b.suggestion
            .score
            .total_cmp(&a.suggestion.score)
            .then_with(|| b.words.len().cmp(&a.words.len()))
            .then_with(|| b.zh.chars().count().cmp(&a.zh.chars().count()))
            .then_with(|| a.words.cmp(&b.words))
            .then_with(|| a.zh.cmp(&b.zh))
    });
    link(candidates, options.limit)
}

/// A candidate pair with its keys (English words lower-cased, Chinese folded) for linking.
struct Linkable {
    words: Vec<String>,
    zh: String,
    suggestion: Suggestion,
}

/// Share of a pair's beads a longer pair around it must have to replace it: a fragment
/// (Qingyang → 陈清) that nearly always occurs inside a longer pair (Chen Qingyang → 陈清扬)
/// is proposed as the longer pair.
const EXTEND: f64 = 0.75;

/// Competitive linking: best first, each English phrase and Chinese string used once
/// (nested phrases and overlapping Chinese strings count as used); a pair is replaced by
/// the most specific pair around it that holds nearly all of its beads.
fn link(all: Vec<Linkable>, limit: usize) -> Vec<Suggestion> {
    let clashes = |a: &Linkable, b: &Linkable| {
        nested(&a.words, &b.words) || nested(&b.words, &a.words) || shares_bigram(&a.zh, &b.zh)
    };
    let mut taken: Vec<&Linkable> = Vec::new();
    for c in &all {
        if taken.len() >= limit {
            break;
        }
        if taken.iter().any(|t| clashes(c, t)) {
            continue;
        }
        let floor = EXTEND * c.suggestion.count as f64;
        let best = all
            .iter()
            .filter(|x| {
                nested(&c.words, &x.words)
                    && x.zh.contains(&c.zh)
                    && x.suggestion.count as f64 >= floor
                    && !taken.iter().any(|t| clashes(x, t))
            })
            .max_by(|a, b| {
                (a.words.len(), a.zh.chars().count())
                    .cmp(&(b.words.len(), b.zh.chars().count()))
                    .then_with(|| a.suggestion.score.total_cmp(&b.suggestion.score))
            })
            .unwrap_or(c);
        taken.push(best);
    }
    taken.into_iter().map(|l| l.suggestion.clone()).collect()
}

/// True when `inner` is a contiguous run of `outer`.
fn nested(inner: &[String], outer: &[String]) -> bool {
    !inner.is_empty()
        && inner.len() <= outer.len()
        && outer.windows(inner.len()).any(|w| w == inner)
}

fn shares_bigram(a: &str, b: &str) -> bool {
    let grams = |s: &str| -> HashSet<(char, char)> {
        let chars: Vec<char> = s.chars().collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (a, b) = (grams(a), grams(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    !a.is_disjoint(&b)
}

/// Bead counts of keys and pairs, with the written forms seen.
#[derive(Default)]
struct Table {
    en_keys: Vec<String>,
    zh_keys: Vec<String>,
    en_index: HashMap<String, usize>,
    zh_index: HashMap<String, usize>,
    en_count: Vec<usize>,
    zh_count: Vec<usize>,
    /// Written forms of each English key, with counts.
    en_forms: Vec<HashMap<String, usize>>,
    zh_forms: Vec<HashMap<String, usize>>,
    /// Per bead: (row, size, English keys, Chinese keys).
    beads: Vec<(usize, usize, Vec<usize>, Vec<usize>)>,
    latin_keys: HashSet<(usize, usize)>,
}

impl Table {
    fn key(
        index: &mut HashMap<String, usize>,
        keys: &mut Vec<String>,
        counts: &mut Vec<usize>,
        forms: &mut Vec<HashMap<String, usize>>,
        key: String,
        surface: String,
    ) -> usize {
        let id = *index.entry(key.clone()).or_insert_with(|| {
            keys.push(key);
            counts.push(0);
            forms.push(HashMap::new());
            keys.len() - 1
        });
        *forms[id].entry(surface).or_default() += 1;
        id
    }

    fn add(
        &mut self,
        row: usize,
        size: usize,
        phrases: Vec<(String, String)>,
        grams: Vec<(String, String)>,
        latin: Vec<((String, String), (String, String))>,
    ) {
        let mut en_ids = Vec::new();
        let mut zh_ids = Vec::new();
        let mut add_en = |t: &mut Table, (key, surface): (String, String)| {
            let id = Table::key(
                &mut t.en_index,
                &mut t.en_keys,
                &mut t.en_count,
                &mut t.en_forms,
                key,
                surface,
            );
            if !en_ids.contains(&id) {
                en_ids.push(id);
            }
            id
        };
        for p in phrases {
            add_en(self, p);
        }
        let mut latin_ids = Vec::new();
        for (e, z) in latin {
            let e = add_en(self, e);
            latin_ids.push((e, z));
        }
        for (key, surface) in grams
            .into_iter()
            .chain(latin_ids.iter().map(|(_, z)| z.clone()))
        {
            let id = Table::key(
                &mut self.zh_index,
                &mut self.zh_keys,
                &mut self.zh_count,
                &mut self.zh_forms,
                key,
                surface,
            );
            if !zh_ids.contains(&id) {
                zh_ids.push(id);
            }
        }
        for (e, (zkey, _)) in latin_ids {
            let z = self.zh_index[&zkey];
            self.latin_keys.insert((e, z));
        }
        for &e in &en_ids {
            self.en_count[e] += 1;
        }
        for &z in &zh_ids {
            self.zh_count[z] += 1;
        }
        self.beads.push((row, size, en_ids, zh_ids));
    }

    /// Pair counts (with the row of the shortest bead holding both) for keys seen in at
    /// least `min` beads.
    fn pairs(&self, min: usize) -> HashMap<(usize, usize), (usize, usize)> {
        let mut pairs: HashMap<(usize, usize), (usize, usize, usize)> = HashMap::new();
        for (row, size, en, zh) in &self.beads {
            let en: Vec<usize> = en
                .iter()
                .copied()
                .filter(|&e| self.en_count[e] >= min)
                .collect();
            let zh: Vec<usize> = zh
                .iter()
                .copied()
                .filter(|&z| self.zh_count[z] >= min)
                .collect();
            for &e in &en {
                for &z in &zh {
                    let slot = pairs.entry((e, z)).or_insert((0, *row, usize::MAX));
                    slot.0 += 1;
                    if *size < slot.2 {
                        slot.1 = *row;
                        slot.2 = *size;
                    }
                }
            }
        }
        pairs
            .into_iter()
            .filter(|(_, (c, _, _))| *c >= min)
            .map(|(k, (c, row, _))| (k, (c, row)))
            .collect()
    }

    fn en_surface(&self, e: usize) -> String {
        most_common(&self.en_forms[e])
    }

    fn zh_surface(&self, z: usize) -> String {
        most_common(&self.zh_forms[z])
    }
}

fn most_common(forms: &HashMap<String, usize>) -> String {
    forms
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(f, _)| f.clone())
        .unwrap_or_default()
}

/// English words that never start or end a term.
const STOP: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "anyone",
    "anything",
    "are",
    "around",
    "as",
    "ask",
    "asked",
    "at",
    "away",
    "back",
    "be",
    "became",
    "because",
    "become",
    "been",
    "before",
    "behind",
    "being",
    "both",
    "but",
    "by",
    "came",
    "can",
    "could",
    "come",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "either",
    "else",
    "enough",
    "even",
    "ever",
    "every",
    "everything",
    "far",
    "few",
    "first",
    "for",
    "from",
    "get",
    "gets",
    "getting",
    "give",
    "given",
    "go",
    "goes",
    "going",
    "gone",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "kind",
    "know",
    "knew",
    "last",
    "least",
    "less",
    "let",
    "like",
    "little",
    "lot",
    "lots",
    "made",
    "make",
    "makes",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "never",
    "new",
    "next",
    "no",
    "nor",
    "not",
    "nothing",
    "now",
    "of",
    "off",
    "often",
    "oh",
    "ok",
    "okay",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "perhaps",
    "put",
    "quite",
    "rather",
    "really",
    "right",
    "said",
    "same",
    "saw",
    "say",
    "says",
    "see",
    "seem",
    "seemed",
    "seen",
    "several",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "something",
    "sort",
    "still",
    "such",
    "take",
    "taken",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "together",
    "too",
    "took",
    "toward",
    "towards",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "want",
    "wanted",
    "was",
    "way",
    "we",
    "well",
    "went",
    "were",
    "what",
    "whatever",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whole",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yeah",
    "yes",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
];

fn is_stop(word: &str) -> bool {
    static SET: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOP.iter().copied().collect())
        .contains(word)
        || word.contains('\'')
        || word.chars().all(|c| c.is_ascii_digit())
}

/// The English words of a clause: letters and digits with inner `'` and `-`. Returns
/// (key, surface, written): the key lower-cased and the surface without a possessive `'s`,
/// which `written` keeps (Zhou Rui's wife).
fn en_words(clause: &str) -> Vec<(String, String, String)> {
    clause
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let bare = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            (
                bare.replace('’', "'").to_lowercase(),
                bare.to_string(),
                w.to_string(),
            )
        })
        .filter(|(k, _, _)| !k.is_empty())
        .collect()
}

/// The key a phrase is counted under: its lower-case words with plural endings folded
/// (cosmic rays and cosmic ray are one phrase; the most frequent spelling is shown).
fn phrase_key<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.map(fold_plural).collect::<Vec<_>>().join(" ")
}

fn fold_plural(word: &str) -> &str {
    if word.len() <= 3 || !word.is_ascii() {
        return word;
    }
    // queries and query both fold to quer.
    if let Some(stem) = word.strip_suffix("ies").or_else(|| word.strip_suffix('y')) {
        return stem;
    }
    match word.strip_suffix('s') {
        Some(stem) if !(stem.ends_with('s') || stem.ends_with('u') || stem.ends_with('i')) => stem,
        _ => word,
    }
}

/// Candidate English phrases of a bead: runs of one to three words inside a clause, with no
/// stop word (except an inner `of`) and single words of at least three letters.
fn en_phrases(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for clause in text.split(|c: char| ",.;:!?()[]\"“”—–…".contains(c)) {
        let words = en_words(clause);
        for i in 0..words.len() {
            for n in 1..=3 {
                let Some(run) = words.get(i..i + n) else {
                    break;
                };
                let last = n - 1;
                let ok = run
                    .iter()
                    .enumerate()
                    .all(|(k, (w, _, _))| !is_stop(w) || (k > 0 && k < last && w == "of"));
                if !ok || (n == 1 && run[0].0.chars().count() < 3) {
                    continue;
                }
                let key = phrase_key(run.iter().map(|(w, _, _)| w.as_str()));
                let surface = run
                    .iter()
                    .enumerate()
                    .map(|(k, (_, bare, written))| if k == last { bare } else { written })
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push((key, surface));
            }
        }
    }
    out
}

/// Chinese character n-grams (2–5 Han characters, a middle dot allowed inside names).
fn zh_grams(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut Vec<(String, String)>| {
        for i in 0..run.len() {
            if !is_han(run[i]) {
                continue;
            }
            let mut hans = 0;
            for j in i..run.len() {
                if is_han(run[j]) {
                    hans += 1;
                }
                if hans > 5 {
                    break;
                }
                if hans >= 2 && is_han(run[j]) {
                    let gram: String = run[i..=j].iter().collect();
                    out.push((gram.clone(), gram));
                }
            }
        }
        run.clear();
    };
    for c in text.chars() {
        if is_han(c) || (matches!(c, '·' | '・') && run.last().is_some_and(|&p| is_han(p))) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Latin words in the Chinese that the English also has, as ((English key, English
/// surface), (Chinese key, Chinese surface)); runs of Latin words are kept together when
/// the English has them together (Github Copilot, Kevin Scott).
fn latin_pairs(en: &str, zh: &str) -> Vec<((String, String), (String, String))> {
    let folded = crate::text::width::fold(zh);
    let en_norm = format!(" {} ", words_line(en));
    let mut out = Vec::new();
    for run in latin_runs(&folded) {
        let tokens: Vec<&str> = run.split(' ').filter(|t| !t.is_empty()).collect();
        let mut i = 0;
        while i < tokens.len() {
            let mut taken = 0;
            for j in (i + 1..=tokens.len()).rev() {
                let phrase = tokens[i..j].join(" ");
                let key = words_line(&phrase);
                if key.is_empty() || !en_norm.contains(&format!(" {key} ")) {
                    continue;
                }
                let single = j == i + 1;
                let meaningful = key.chars().filter(|c| c.is_alphanumeric()).count() >= 2
                    && (!single
                        || phrase
                            .chars()
                            .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                        || (phrase.len() >= 3 && !is_stop(&key)));
                if meaningful {
                    let surface = en_surface(en, &key).unwrap_or_else(|| phrase.clone());
                    out.push(((key.clone(), surface), (fold_zh(&phrase), phrase)));
                }
                taken = j - i;
                break;
            }
            i += taken.max(1);
        }
    }
    out
}

/// Text as lower-case words separated by single spaces (hyphens kept inside words).
fn words_line(text: &str) -> String {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.' || c == '+'))
        .map(|w| w.trim_matches(|c: char| c == '.' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The English text's own spelling of the words of `key`.
fn en_surface(en: &str, key: &str) -> Option<String> {
    let words: Vec<&str> = en
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.' || c == '+'))
        .map(|w| w.trim_matches(|c: char| c == '.' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let n = key.split(' ').count();
    words
        .windows(n)
        .find(|w| w.join(" ").to_lowercase() == key)
        .map(|w| w.join(" "))
}

/// Maximal runs of Latin words (letters, digits, `. + - #`) separated by single spaces.
fn latin_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current = String::new();
    let is_latin = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '#');
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if is_latin(c) {
            current.push(c);
        } else if c == ' '
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(|&n| n.is_ascii_alphanumeric())
        {
            current.push(' ');
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs.into_iter()
        .map(|r| {
            r.trim_matches(|c: char| !c.is_ascii_alphanumeric())
                .to_string()
        })
        .filter(|r| r.chars().any(|c| c.is_ascii_alphabetic()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Row;

    #[test]
    fn english_phrases_skip_stop_words_at_the_edges() {
        let keys: Vec<String> = en_phrases("the great friendship of Chen Qingyang")
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert!(keys.contains(&"great friendship".to_string()));
        assert!(keys.contains(&"chen qingyang".to_string()));
        assert!(keys.contains(&"friendship of chen".to_string()));
        assert!(!keys.iter().any(|k| k.starts_with("the")));
    }

    #[test]
    fn chinese_grams_are_han_only() {
        let grams: Vec<String> = zh_grams("用GPT-4做陈清扬")
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert!(grams.contains(&"陈清扬".to_string()));
        assert!(!grams.iter().any(|g| g.contains('G')));
        assert!(zh_grams("萨提亚·纳德拉").iter().any(|(k, _)| k == "亚·纳"));
    }

    #[test]
    fn latin_words_pair_with_the_english() {
        let pairs = latin_pairs(
            "We built GitHub Copilot on GPT-4.",
            "我们在GPT-4上构建了Github Copilot,or",
        );
        let found: Vec<(&str, &str)> = pairs
            .iter()
            .map(|((_, e), (_, z))| (e.as_str(), z.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![("GPT-4", "GPT-4"), ("GitHub Copilot", "Github Copilot")]
        );
    }

    #[test]
    fn names_are_mined_from_co_occurrence() {
        let rows = [
            ("Chen Qingyang caught me.", "陈清扬把我拽住。"),
            ("I told Chen Qingyang the truth.", "我对陈清扬说了实话。"),
            (
                "Chen Qingyang laughed at the mountain.",
                "陈清扬在山上笑了。",
            ),
            ("The mountain was cold.", "山上很冷。"),
            ("I went to the village.", "我去了村里。"),
        ];
        let corpus = Corpus {
            rows: rows
                .iter()
                .map(|(en, zh)| Row {
                    en: en.to_string(),
                    zh: zh.to_string(),
                    ..Row::default()
                })
                .collect(),
            ..Corpus::default()
        };
        let found = suggest(&corpus, None, &SuggestOptions::default());
        assert_eq!(
            (found[0].en.as_str(), found[0].zh.as_str(), found[0].count),
            ("Chen Qingyang", "陈清扬", 3)
        );
        assert_eq!(found.iter().filter(|s| s.zh.contains("清")).count(), 1);
    }
}
