//! Tests: the workbench's drift re-check keeps per-row and per-text work between checks
//! (`drift::cache`, session 11) and still gives exactly a full check's report: after every
//! step of a run of random merges, splits, moves, Chinese and English corrections and undos
//! on real documents (a segmented novel with its gold alignment, with its glossary; a talk
//! aligned against its captions), the cached report equals a fresh `drift::check`.

use bitext::corpus::Corpus;
use bitext::drift::{check, terms, DriftCache, DriftOptions};
use std::path::Path;

/// A small deterministic generator (xorshift64*): the runs are the same on every machine.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

/// A segmented document of the shared data as its gold alignment pairs it: one row per gold
/// bead, its sentences joined.
fn gold_corpus(data: &Path, doc: &str) -> Corpus {
    let dir = data.join("align/mac-dev");
    let lines = |side: &str| -> Vec<String> {
        std::fs::read_to_string(dir.join(side).join(doc))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    let (zh, en) = (lines("zh"), lines("en"));
    let ids = |s: &str| -> Vec<usize> {
        s.trim_matches(['[', ']'])
            .split(',')
            .filter(|x| !x.trim().is_empty())
            .map(|x| x.trim().parse().unwrap())
            .collect()
    };
    let rows: Vec<(String, String)> =
        std::fs::read_to_string(dir.join("gold").join(format!("{doc}.align")))
            .unwrap()
            .lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(z, e)| {
                let z: Vec<&str> = ids(z).into_iter().map(|k| zh[k].as_str()).collect();
                let e: Vec<&str> = ids(e).into_iter().map(|k| en[k].as_str()).collect();
                (z.concat(), e.join(" "))
            })
            .collect();
    Corpus::from_pairs(rows.iter().map(|(z, e)| (z.as_str(), e.as_str())))
}

/// A talk of the shared data as the workbench opens it: its article aligned against its
/// captions.
fn caption_corpus(data: &Path, set: &str) -> Corpus {
    let wd = crate::workdir::Workdir::new();
    crate::review::talk_corpus(&wd, data, set);
    let ws = bitext::review::Workspace::open(&wd.path().join("corpus/b"), &wd.path().join("out"))
        .unwrap();
    ws.corpus().clone()
}

/// Byte offsets of the character boundaries of `s` strictly inside it.
fn inner_bounds(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(k, _)| k)
        .filter(|&k| k > 0)
        .collect()
}

/// One random change to the rows, said in words: what the workbench's actions do to them
/// (merge, split, move a word across, correct the Chinese, correct the English), plus a
/// word pair planted in several rows (to change the pairs learnt from the whole document)
/// and a row's text copied into another (the same text twice).
fn step(corpus: &mut Corpus, rng: &mut Rng, words: &[String]) -> String {
    let n = corpus.rows.len();
    let i = rng.below(n - 1);
    match rng.below(7) {
        0 => {
            let next = corpus.rows.remove(i + 1);
            let row = &mut corpus.rows[i];
            row.zh.push_str(&next.zh);
            if !next.en.is_empty() {
                if !row.en.is_empty() {
                    row.en.push(' ');
                }
                row.en.push_str(&next.en);
            }
            row.end_ms = next.end_ms.or(row.end_ms);
            format!("merged rows {i} and {}", i + 1)
        }
        1 => {
            let row = corpus.rows[i].clone();
            let (zb, eb) = (inner_bounds(&row.zh), inner_bounds(&row.en));
            if zb.is_empty() || eb.is_empty() {
                return format!("left row {i} (too short to split)");
            }
            let (z, e) = (zb[rng.below(zb.len())], eb[rng.below(eb.len())]);
            let mut second = row.clone();
            corpus.rows[i].zh = row.zh[..z].to_string();
            corpus.rows[i].en = row.en[..e].trim().to_string();
            second.zh = row.zh[z..].to_string();
            second.en = row.en[e..].trim().to_string();
            corpus.rows.insert(i + 1, second);
            format!("split row {i} at {z}/{e}")
        }
        2 => {
            let en = corpus.rows[i].en.clone();
            let Some((head, last)) = en.trim_end().rsplit_once(' ') else {
                return format!("left row {i} (one English word)");
            };
            corpus.rows[i].en = head.to_string();
            let next = &mut corpus.rows[i + 1].en;
            *next = format!("{last} {next}").trim().to_string();
            format!("moved “{last}” from row {i} to the next")
        }
        3 => {
            let zh = corpus.rows[i].zh.clone();
            let bounds = inner_bounds(&zh);
            let at = bounds
                .get(rng.below(bounds.len()))
                .copied()
                .unwrap_or(zh.len());
            // Chinese traps: a number, a negator, a half-width mark, a Latin word, a particle.
            let inserted =
                ["的", "三十", "不", "12亿", ",", "GPT-4", "没有", "（注）"][rng.below(8)];
            corpus.rows[i].zh = format!("{}{inserted}{}", &zh[..at], &zh[at..]);
            format!("inserted “{inserted}” in row {i}'s Chinese")
        }
        4 => {
            let en = corpus.rows[i].en.clone();
            let parts: Vec<&str> = en.split(' ').collect();
            let k = rng.below(parts.len());
            let word = &words[rng.below(words.len())];
            let mut parts: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
            parts[k] = word.clone();
            corpus.rows[i].en = parts.join(" ");
            format!("replaced an English word of row {i} with “{word}”")
        }
        5 => {
            // A made-up name rendered the same way in five rows: a pair the document teaches.
            for k in 0..5 {
                let r = (i + k * 7) % n;
                corpus.rows[r].zh.push_str("瓦尔登");
                corpus.rows[r].en.push_str(" walden");
            }
            format!("planted 瓦尔登/walden in five rows from {i}")
        }
        _ => {
            let from = rng.below(n);
            corpus.rows[i].zh = corpus.rows[from].zh.clone();
            corpus.rows[i].en = corpus.rows[from].en.clone();
            format!("copied row {from}'s text into row {i}")
        }
    }
}

/// Runs `steps` random changes on `corpus`, with an undo now and then (back to the rows of
/// a few steps before), asserting after each that the cached check's report is a fresh
/// full check's, and that the cache kept most of the per-text work.
fn random_run(mut corpus: Corpus, options: &DriftOptions, seed: u64, steps: usize) {
    let words: Vec<String> = corpus
        .rows
        .iter()
        .flat_map(|r| r.en.split(' ').map(str::to_string).collect::<Vec<_>>())
        .filter(|w| w.len() > 3)
        .collect();
    let mut rng = Rng(seed);
    let mut cache = DriftCache::new();
    let mut history = vec![corpus.clone()];
    assert_eq!(cache.check(&corpus, options), check(&corpus, options));
    let mut kept_most = 0;
    for s in 0..steps {
        let said = if s % 6 == 5 {
            let back = rng.below(history.len().min(4)) + 1;
            corpus = history[history.len() - back].clone();
            format!("went back {back} step(s)")
        } else {
            step(&mut corpus, &mut rng, &words)
        };
        history.push(corpus.clone());
        let got = cache.check(&corpus, options);
        let want = check(&corpus, options);
        if got != want {
            crate::workdir::assert_same(&want.to_text(), &got.to_text());
            assert_eq!(got.to_json(), want.to_json(), "step {s}: {said}");
            panic!(
                "step {s} ({said}): the reports differ in a field to_text and to_json leave out"
            );
        }
        let (fresh, kept) = cache.last_texts();
        if kept > fresh {
            kept_most += 1;
        }
    }
    // Every step that ran a check (not answered from a kept report) should have kept most
    // of the per-text work: a step changes a row or five.
    let (reused, run) = cache.counts();
    assert!(
        kept_most * 10 >= steps * 7,
        "only {kept_most} of {steps} checks kept most of their per-text work ({reused} answered from a kept report, {run} run)"
    );
}

/// The cached report after each of 40 random steps on a segmented novel (with its
/// glossary) and on a talk against its captions is a full check's. Skipped with a message
/// without the shared data.
#[test]
fn random_edits_keep_the_full_drift_report() {
    let Some(data) = crate::workdir::shared_data("random_edits_keep_the_full_drift_report") else {
        return;
    };
    let glossary = terms::load(&data.join("drift/glossary/mac-dev-001.csv")).unwrap();
    let novel = DriftOptions {
        rules: glossary,
        ..DriftOptions::default()
    };
    random_run(gold_corpus(&data, "001"), &novel, 11, 40);
    random_run(gold_corpus(&data, "002"), &DriftOptions::default(), 12, 40);
    random_run(
        caption_corpus(&data, "mac-dev-004"),
        &DriftOptions::default(),
        13,
        40,
    );
}

/// The pairs learnt from rows given as their candidate words are the pairs learnt from
/// the rows' texts (the drift check learns them that way, keeping each row's words).
#[test]
fn pairs_learnt_from_kept_words_are_the_pairs_learnt_from_the_text() {
    use bitext::align::learn;
    use bitext::segment::Segment;
    let Some(data) = crate::workdir::shared_data("pairs_learnt_from_kept_words") else {
        return;
    };
    let corpus = gold_corpus(&data, "003");
    let seg = |t: &str| Segment {
        text: t.to_string(),
        ..Segment::default()
    };
    let zh: Vec<Segment> = corpus.rows.iter().map(|r| seg(&r.zh)).collect();
    let en: Vec<Segment> = corpus.rows.iter().map(|r| seg(&r.en)).collect();
    let beads: Vec<bitext::align::Bead> = (0..zh.len())
        .map(|k| bitext::align::Bead {
            zh: k..k + 1,
            en: k..k + 1,
            score: 1.0,
        })
        .collect();
    let from_text = learn::pairs(&zh, &en, &beads).pairs;
    let zh_words: Vec<Vec<String>> = corpus
        .rows
        .iter()
        .map(|r| learn::zh_candidates_of(&r.zh))
        .collect();
    let en_words: Vec<Vec<String>> = corpus
        .rows
        .iter()
        .map(|r| learn::en_candidates_of(&r.en))
        .collect();
    let zh_words: Vec<&[String]> = zh_words.iter().map(Vec::as_slice).collect();
    let en_words: Vec<&[String]> = en_words.iter().map(Vec::as_slice).collect();
    let from_words = learn::pairs_of_rows(&zh_words, &en_words).pairs;
    assert!(!from_text.is_empty(), "the novel teaches some pairs");
    assert_eq!(from_words, from_text);
}
