//! Omissions and additions inside a row: which English sentence, clause or caption stretch
//! has no lexical support in the Chinese, and which Chinese sentence none in the English.
//!
//! Support is lexical evidence that a word was translated: an English word is supported when
//! a Chinese word (or character) of the row or its neighbours glosses it in CC-CEDICT (the
//! aligner's [`Lexicon`]), when it is a name whose pinyin the Chinese spells (wu peizhen ↔
//! 吴佩珍), or when the Chinese carries it verbatim (GPU, Tinkering); a Chinese word is
//! supported when one of its glosses, or its pinyin, is in the English. A stretch with
//! several content words and almost none supported was most likely dropped (or added),
//! while the rest of the row is supported: the aligner glued an orphan sentence onto a
//! neighbour's row, or a clause went missing inside a sentence.
//!
//! The neighbouring rows count as support too (a sentence split across rows by the aligner,
//! or at a caption or quote boundary, is not an omission): a stretch that the previous or
//! the next row's other side supports ([`NEIGHBOUR_SUPPORT`]) is not reported.

use super::{Doc, Draft, Kind, Severity};
use crate::align::lexicon::{is_stop_word, key, stem, Lexicon};
use crate::text::is_han;
use std::collections::HashSet;
use std::ops::Range;

/// A stretch needs at least this many content words to be reported.
const MIN_CONTENT_EN: usize = 4;
const MIN_CONTENT_ZH: usize = 4;
/// A stretch is unsupported when at most this share of its content words is supported.
const MAX_SUPPORT: f64 = 0.2;
/// The rest of the row must be at least this well supported: a row that is unsupported
/// throughout is a misalignment or a free rendering (low-score's business), not a drop.
const MIN_REST_SUPPORT: f64 = 0.3;

/// A stretch that a neighbouring row's other side supports this well is the part of a
/// sentence the aligner (or a caption or quote boundary) put in the next row, not a drop.
const NEIGHBOUR_SUPPORT: f64 = 0.5;

/// Chinese function words and characters that carry no content of their own.
const ZH_STOP: &[&str] = &[
    "的", "了", "是", "在", "和", "也", "都", "就", "又", "还", "把", "被", "着", "过", "吗", "呢",
    "吧", "啊", "呀", "这", "那", "个", "一", "有", "不", "没", "我", "你", "他", "她", "它", "们",
    "我们", "你们", "他们", "她们", "自己", "之", "其", "与", "及", "而", "但", "却", "便", "才",
    "已", "已经", "这个", "那个", "这样", "那样", "什么", "因为", "所以", "如果", "可以", "没有",
    "一个", "就是", "还是", "只是", "但是", "而且", "说", "道", "来", "去", "上", "下", "里", "中",
    "得", "地", "给", "让", "对", "向", "从", "为", "以", "于", "将", "所", "者", "么", "哪", "些",
    "样", "很", "太", "更", "最", "要", "会", "能",
];

/// What the checks know about one row's words.
struct RowWords {
    /// English content words: byte range in `en`, stem key.
    en: Vec<(Range<usize>, u32, String)>,
    /// Chinese content words: byte range in `zh`, gloss keys, pinyin (toneless, joined).
    zh: Vec<(Range<usize>, Vec<u32>, Vec<String>)>,
}

fn en_words(en: &str) -> Vec<(Range<usize>, u32, String)> {
    let mut out = Vec::new();
    let mut start = None;
    let b = en.as_bytes();
    for i in 0..=b.len() {
        let letter = i < b.len() && (b[i].is_ascii_alphabetic() || b[i] == b'\'');
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = en[s..i].trim_matches('\'').to_ascii_lowercase();
                start = None;
                if w.len() < 3 || is_stop_word(&w) {
                    continue;
                }
                let mut buf = w.clone();
                let k = key(stem(&mut buf));
                out.push((s..i, k, w));
            }
            _ => {}
        }
    }
    out
}

/// Toneless pinyin of a Chinese word, each reading combination of its characters (at most a
/// few), joined without spaces: 佩珍 → peizhen.
fn pinyin(lex: &Lexicon, word: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in word.chars() {
        let mut buf = [0u8; 4];
        let readings: Vec<&str> = lex.readings(c.encode_utf8(&mut buf)).take(2).collect();
        if readings.is_empty() {
            return Vec::new();
        }
        out = out
            .iter()
            .flat_map(|p| readings.iter().map(move |r| format!("{p}{r}")))
            .take(8)
            .collect();
    }
    out
}

fn zh_words(zh: &str) -> Vec<(Range<usize>, Vec<u32>, Vec<String>)> {
    let lex = Lexicon::get();
    let mut out = Vec::new();
    let mut i = 0;
    while i < zh.len() {
        let c = zh[i..].chars().next().unwrap_or(' ');
        if !is_han(c) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        while i < zh.len() && zh[i..].chars().next().is_some_and(is_han) {
            i += zh[i..].chars().next().map_or(1, char::len_utf8);
        }
        let run = &zh[start..i];
        for r in lex.segment(run) {
            let w = &run[r.clone()];
            if ZH_STOP.contains(&w) {
                continue;
            }
            let mut glosses = lex.glosses(w);
            if w.chars().count() > 1 {
                // The characters' own glosses back the word's up (高秆 "tall stalk").
                for ch in w.chars() {
                    let mut buf = [0u8; 4];
                    glosses.extend(lex.glosses(ch.encode_utf8(&mut buf)));
                }
            }
            let mut py = pinyin(lex, w);
            if w.chars().count() > 1 {
                for ch in w.chars() {
                    let mut buf = [0u8; 4];
                    py.extend(pinyin(lex, ch.encode_utf8(&mut buf)));
                }
            }
            out.push((start + r.start..start + r.end, glosses, py));
        }
    }
    out
}

impl RowWords {
    fn new(zh: &str, en: &str) -> RowWords {
        RowWords {
            en: en_words(en),
            zh: zh_words(zh),
        }
    }
}

/// Sentences (and, inside long sentences, clauses) of an English text, as byte ranges.
fn en_stretches(en: &str) -> Vec<Range<usize>> {
    split(
        en,
        |c| matches!(c, '.' | '!' | '?' | ';' | '…'),
        |c| matches!(c, ',' | ':' | '—' | '–' | '(' | ')'),
    )
}

/// Sentences and clauses of a Chinese text, as byte ranges.
fn zh_stretches(zh: &str) -> Vec<Range<usize>> {
    split(
        zh,
        |c| matches!(c, '。' | '！' | '？' | '；' | '…' | '!' | '?' | ';'),
        |c| matches!(c, '，' | '：' | '—' | '（' | '）' | ','),
    )
}

/// Splits at sentence ends; returns the sentences and also the clauses of each sentence
/// that has more than one (a clause can be dropped on its own).
fn split(
    text: &str,
    end: impl Fn(char) -> bool,
    clause: impl Fn(char) -> bool,
) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut s = 0;
    for (i, c) in text.char_indices() {
        if end(c) {
            let e = i + c.len_utf8();
            if !text[s..e].trim().is_empty() {
                sentences.push(s..e);
            }
            s = e;
        }
    }
    if !text[s..].trim().is_empty() {
        sentences.push(s..text.len());
    }
    let mut out = sentences.clone();
    for r in sentences {
        let mut cs = r.start;
        let mut clauses = Vec::new();
        for (i, c) in text[r.clone()].char_indices() {
            if clause(c) {
                let e = r.start + i + c.len_utf8();
                clauses.push(cs..e);
                cs = e;
            }
        }
        if !clauses.is_empty() {
            clauses.push(cs..r.end);
            out.extend(
                clauses
                    .into_iter()
                    .filter(|c| !text[c.clone()].trim().is_empty()),
            );
        }
    }
    out
}

/// The evidence one row offers the other side: gloss keys and pinyin of its Chinese, stem
/// keys and words of its English.
#[derive(Default)]
struct Evidence {
    zh_keys: HashSet<u32>,
    zh_py: HashSet<String>,
    zh_lower: String,
    en_keys: HashSet<u32>,
    en_forms: HashSet<String>,
}

impl Evidence {
    fn new(w: &RowWords, zh: &str) -> Evidence {
        let mut e = Evidence {
            zh_lower: zh.to_lowercase(),
            ..Evidence::default()
        };
        for (_, g, p) in &w.zh {
            e.zh_keys.extend(g.iter().copied());
            e.zh_py.extend(p.iter().cloned());
        }
        for (_, k, word) in &w.en {
            e.en_keys.insert(*k);
            e.en_forms.insert(word.clone());
        }
        e
    }

    /// Which of `w`'s English words this row's Chinese supports.
    fn en_ok(&self, w: &RowWords) -> Vec<bool> {
        w.en.iter()
            .map(|(_, k, word)| {
                self.zh_keys.contains(k)
                    || self.zh_py.contains(word)
                    || self.zh_lower.contains(word.as_str())
            })
            .collect()
    }

    /// Which of `w`'s Chinese words this row's English supports.
    fn zh_ok(&self, w: &RowWords) -> Vec<bool> {
        w.zh.iter()
            .map(|(_, g, p)| {
                g.iter().any(|k| self.en_keys.contains(k))
                    || p.iter().any(|p| self.en_forms.contains(p))
            })
            .collect()
    }
}

fn share(ok: &[bool]) -> f64 {
    if ok.is_empty() {
        return 1.0;
    }
    ok.iter().filter(|b| **b).count() as f64 / ok.len() as f64
}

/// Omission and addition findings inside the bilingual rows.
pub fn check(doc: &Doc) -> Vec<Draft> {
    let rows = doc.rows();
    let bilingual: Vec<usize> = doc.bilingual().map(|(i, _)| i).collect();
    let words: Vec<RowWords> = (0..rows.len())
        .map(|i| RowWords::new(&doc.zh_without_notes(i), &rows[i].en))
        .collect();
    let evidence: Vec<Evidence> = (0..rows.len())
        .map(|i| Evidence::new(&words[i], &rows[i].zh))
        .collect();
    let neighbours = |i: usize| {
        [i.wrapping_sub(1), i + 1]
            .into_iter()
            .filter(|&n| n < rows.len())
    };
    let mut out = Vec::new();
    for &i in &bilingual {
        let w = &words[i];
        let row = &rows[i];
        let en_ok = evidence[i].en_ok(w);
        let zh_ok = evidence[i].zh_ok(w);
        let span = match (row.start_ms, row.end_ms) {
            (Some(a), Some(b)) => format!(" ({:.1}–{:.1} s)", a as f64 / 1000.0, b as f64 / 1000.0),
            _ => String::new(),
        };
        // A whole side that has no support here but plenty in a neighbour's other side: the
        // aligner paired an orphan sentence with its neighbour's translation.
        let misplaced_en = w.en.len() >= MIN_CONTENT_EN
            && share(&en_ok) <= MAX_SUPPORT
            && neighbours(i).any(|n| share(&evidence[n].zh_ok(w)) >= MIN_REST_SUPPORT);
        let misplaced_zh = w.zh.len() >= MIN_CONTENT_ZH
            && share(&zh_ok) <= MAX_SUPPORT
            && neighbours(i).any(|n| share(&evidence[n].en_ok(w)) >= MIN_REST_SUPPORT);
        let en_words: Vec<Range<usize>> = w.en.iter().map(|x| x.0.clone()).collect();
        let mut stretches = en_stretches(&row.en);
        stretches.extend(unsupported_runs(&en_words, &en_ok));
        let dropped = if misplaced_zh && !misplaced_en {
            // The English here translates the next row's Chinese; this Chinese is the orphan.
            None
        } else if misplaced_en {
            Some(0..row.en.len())
        } else {
            let beside: Vec<Vec<bool>> = neighbours(i).map(|n| evidence[n].en_ok(w)).collect();
            worst(&stretches, &en_words, &en_ok, &beside, MIN_CONTENT_EN)
        };
        if let Some(d) = dropped {
            let text = row.en[d.clone()].trim();
            out.push(
                Draft::new(
                    Kind::Omission,
                    Severity::Info,
                    i,
                    format!("this English has no support in the Chinese, dropped?{span}: “{text}”"),
                )
                .en(d.clone())
                .evidence(text.to_string()),
            );
        }
        let zh = doc.zh_without_notes(i);
        let zh_words: Vec<Range<usize>> = w.zh.iter().map(|x| x.0.clone()).collect();
        let added = if misplaced_en && !misplaced_zh {
            None
        } else if misplaced_zh {
            Some(0..row.zh.len())
        } else {
            let beside: Vec<Vec<bool>> = neighbours(i).map(|n| evidence[n].zh_ok(w)).collect();
            worst(
                &zh_stretches(&zh),
                &zh_words,
                &zh_ok,
                &beside,
                MIN_CONTENT_ZH,
            )
        };
        if let Some(d) = added {
            let text = row.zh[d.clone()].trim();
            out.push(
                Draft::new(
                    Kind::Addition,
                    Severity::Info,
                    i,
                    format!("this Chinese has no support in the English, added?: “{text}”"),
                )
                .zh(d.clone())
                .evidence(text.to_string()),
            );
        }
    }
    out
}

/// Runs of consecutive unsupported content words (captions have no punctuation to cut
/// sentences at), as byte ranges from the first word to the last.
fn unsupported_runs(words: &[Range<usize>], ok: &[bool]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        if ok[k] {
            k += 1;
            continue;
        }
        let s = k;
        while k < words.len() && !ok[k] {
            k += 1;
        }
        if k - s >= MIN_CONTENT_EN {
            out.push(words[s].start..words[k - 1].end);
        }
    }
    out
}

/// The stretch with the least support, when it is unsupported enough, the rest of the
/// row is supported, and no neighbouring row (`beside`: which of the words each neighbour's
/// other side supports) carries it.
fn worst(
    stretches: &[Range<usize>],
    words: &[Range<usize>],
    ok: &[bool],
    beside: &[Vec<bool>],
    min_content: usize,
) -> Option<Range<usize>> {
    let total = words.len();
    let total_ok = ok.iter().filter(|b| **b).count();
    let mut best: Option<(f64, Range<usize>)> = None;
    for s in stretches {
        let inside: Vec<usize> = (0..total)
            .filter(|&k| words[k].start >= s.start && words[k].end <= s.end)
            .collect();
        let n = inside.len();
        if n < min_content || n == total {
            continue;
        }
        let sup = inside.iter().filter(|&&k| ok[k]).count();
        let share = sup as f64 / n as f64;
        // A short rest ("'Yes, Goong-goong!'") says little either way.
        let rest = if total - n >= 3 {
            (total_ok - sup) as f64 / (total - n) as f64
        } else {
            1.0
        };
        if std::env::var_os("SUPPORT_DEBUG").is_some() {
            eprintln!("DBG {:?} n={n} share={share:.2} rest={rest:.2}", s);
        }
        let elsewhere = beside.iter().any(|b| {
            inside.iter().filter(|&&k| b[k]).count() as f64 / n as f64 >= NEIGHBOUR_SUPPORT
        });
        if share <= MAX_SUPPORT
            && rest >= MIN_REST_SUPPORT
            && !elsewhere
            && best.as_ref().is_none_or(|b| share < b.0)
        {
            best = Some((share, s.clone()));
        }
    }
    best.map(|b| b.1)
}

/// Share of the bilingual rows whose English is unsupported by their Chinese (at most
/// [`MAX_SUPPORT`] of the content words glossed), over rows with enough content words; `None`
/// when fewer than [`MISMATCH_MIN_ROWS`] rows qualify.
pub fn unsupported_share(corpus: &crate::corpus::Corpus) -> Option<(f64, usize)> {
    let doc = Doc::new(corpus);
    let mut n = 0usize;
    let mut bad = 0usize;
    for (i, row) in doc.bilingual() {
        let w = RowWords::new(&doc.zh_without_notes(i), &row.en);
        if w.en.len() < MIN_CONTENT_EN || w.zh.len() < MIN_CONTENT_ZH {
            continue;
        }
        n += 1;
        if share(&Evidence::new(&w, &row.zh).en_ok(&w)) <= MAX_SUPPORT {
            bad += 1;
        }
    }
    (n >= MISMATCH_MIN_ROWS).then(|| (bad as f64 / n as f64, n))
}

/// A document needs this many rows with content for a wrong-source verdict.
pub const MISMATCH_MIN_ROWS: usize = 20;

/// Above this share of unsupported rows the two files are not translations of each other.
pub const MISMATCH_SHARE: f64 = 0.6;
