//! Tests: the fuzzing harness. Every reader (zh article, json3, srv3, srv1, VTT, SRT, plain
//! transcript, corpus TSV, glossary CSV, the TBX/TBX3/OmegaT/CSV importers, file decoding
//! with UTF-16 and lone surrogates) and every writer (the render formats, TBX, TBX3,
//! OmegaT, CSV, diff, the drift report) is fed mutants of the fixtures (`tests/fixtures`,
//! `corpus/demo`) and generated Unicode-heavy text: combining marks, İ/ß/ﬃ, astral
//! characters, bidi controls, full-width forms, C0 controls, caption markup.
//!
//! The normal test run does a short fixed-seed pass (`fuzz_short_fixed_seed`, ~3 s); the
//! long run is on demand (see SECURITY.md):
//!
//! ```sh
//! BITEXT_FUZZ_SECS=600 BITEXT_FUZZ_SEED=7 cargo test --release --test integration \
//!     fuzz::fuzz_long -- --ignored --nocapture
//! ```
//!
//! A panic is a failure; the input is saved under `target/fuzz-crashers/` for a regression
//! test. An input that takes over [`SLOW`] in-process counts as a hang. The CLI part runs
//! the real binary on mutants and accepts only exit codes 0, 1 and 2 (killing it at 20 s).

use crate::workdir::{repo, Workdir};
use bitext::corpus::Corpus;
use bitext::glossary::{csv_exchange, omegat, tbx, tbx3, Glossary};
use bitext::source::transcript::{self, Format};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

thread_local! {
    /// Where the last panic on this thread happened (`file:line`), recorded by [`hook`].
    static PANIC_AT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Installs (once) a panic hook that records the panic's location for the harness, then
/// reports it as usual.
fn hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Some(l) = info.location() {
                PANIC_AT.with(|p| *p.borrow_mut() = format!("{}:{}", l.file(), l.line()));
            }
            previous(info);
        }));
    });
}

/// An in-process run of one input longer than this counts as a hang.
const SLOW: Duration = Duration::from_secs(5);

/// Tricky pieces generated text is made of.
const PIECES: &[&str] = &[
    "İ",
    "ß",
    "ﬃ",
    "ﬀ",
    "ǅ",
    "ẞ",
    "Σ",
    "ς",
    "K",
    "Å",
    "e\u{301}",
    "a\u{308}\u{323}\u{332}",
    "\u{300}",
    "𝔘𝔫𝔦",
    "😀",
    "👩‍👩‍👧",
    "🇨🇳",
    "\u{202E}",
    "\u{2066}",
    "\u{200F}",
    "\u{200B}",
    "\u{FEFF}",
    "（",
    "）",
    "。",
    "，",
    "！",
    "？",
    "：",
    "；",
    "“",
    "”",
    "「",
    "」",
    "…",
    "——",
    "ＡＢＣ",
    "１２３",
    "．",
    "　",
    "人工智能",
    "大模型",
    "12亿",
    "120亿",
    "一百二十亿",
    "12,000,000",
    "3.5%",
    "1.5亿",
    "七上八下",
    "不",
    "没有",
    "Mr.",
    "Dr.",
    "U.S.",
    "e.g.",
    "6 P.M.",
    "1)",
    "2)",
    "[Music]",
    "[...]",
    "(laughter)",
    "♪",
    ">>",
    ">> ANNA:",
    "- ",
    "-->",
    "00:00:01.000",
    "00:00:01,000 --> 00:00:02,000",
    "<i>",
    "</i>",
    "<c>",
    "<v Bob>",
    "<00:00:01.500>",
    "&amp;",
    "&lt;div&gt;",
    "&#x1F600;",
    "&#0;",
    "&bogus;",
    "&",
    "<",
    ">",
    "\"",
    "'",
    ",",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u{B}",
    "\u{1B}[31m",
    "\u{7}",
    "\u{85}",
    "\u{2028}",
    "#",
    "# title: x",
    "\\",
    "\\t",
    "\\n",
    "zh\ten",
    "a",
    "the",
    "Kevin Scott",
    "Satya",
    "萨提亚·纳德拉",
    "OpenAI",
    "GPT-4",
    "2024年",
    "5月",
    "第三",
    ". ",
    "? ",
    "! ",
    "1.",
    "2.",
    "3.22",
    "1.٣",
    "é",
    "\u{10FFFF}",
    "\u{E000}",
    "<![CDATA[x]]>",
    "<!--",
    "{",
    "}",
    "[",
    "]",
    "\"events\"",
    "<text start=\"1.éé\">",
    "<p t=\"x\">",
    "WEBVTT\n\n",
];

/// The fixtures of each kind of input.
fn seeds() -> BTreeMap<&'static str, Vec<String>> {
    let read = |p: &str| std::fs::read_to_string(repo().join(p)).ok();
    let mut m: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut add = |kind: &'static str, paths: &[&str]| {
        m.entry(kind)
            .or_default()
            .extend(paths.iter().filter_map(|p| read(p)));
    };
    add(
        "zh",
        &[
            "corpus/demo/zh.txt",
            "tests/fixtures/zh/plain.txt",
            "tests/fixtures/zh/colon-interview.txt",
            "tests/fixtures/zh/credits-interview.txt",
            "tests/fixtures/drift/planted.zh.txt",
        ],
    );
    add(
        "json3",
        &[
            "tests/fixtures/en/asr.json3",
            "tests/fixtures/en/manual.json3",
        ],
    );
    add(
        "srv3",
        &[
            "tests/fixtures/en/asr.srv3",
            "tests/fixtures/en/manual.srv3",
        ],
    );
    add("srv1", &["tests/fixtures/en/manual.srv1.xml"]);
    add(
        "vtt",
        &[
            "tests/fixtures/en/asr.vtt",
            "tests/fixtures/en/manual.vtt",
            "corpus/demo/en.vtt",
            "tests/fixtures/drift/interview.en.vtt",
        ],
    );
    add("srt", &["tests/fixtures/en/manual.srt"]);
    add("plain", &["tests/fixtures/en/talk.txt"]);
    add(
        "tsv",
        &[
            "tests/fixtures/corpus/talk.tsv",
            "tests/fixtures/drift/planted.tsv",
            "tests/fixtures/drift/clean.tsv",
        ],
    );
    add(
        "glossary",
        &["glossary/ai.csv", "tests/fixtures/drift/glossary.csv"],
    );
    // The importers' seeds: the glossary written in each exchange format.
    let entries = m["glossary"]
        .iter()
        .filter_map(|t| Glossary::parse(t, Path::new("g.csv")).ok())
        .flat_map(|g| g.entries)
        .collect::<Vec<_>>();
    m.insert("tbx", vec![tbx::write(&entries)]);
    m.insert("tbx3", vec![tbx3::write(&entries)]);
    m.insert("omegat", vec![omegat::write(&entries)]);
    m.insert("csv_exchange", vec![csv_exchange::write(&entries)]);
    m.insert("utf16", m["vtt"].clone());
    m.insert("writers", m["tsv"].clone());
    m
}

/// Generated text: `n` random pieces, some plain words between them.
fn generated(rng: &mut fastrand::Rng, n: usize) -> String {
    let mut s = String::new();
    for _ in 0..n {
        match rng.u8(0..10) {
            0..=6 => s.push_str(PIECES[rng.usize(..PIECES.len())]),
            7 => s.push_str(" word "),
            8 => s.push(char::from_u32(rng.u32(0x20..0x3000)).unwrap_or('?')),
            _ => s.push(rng.char('\u{0}'..='\u{10FFFF}')),
        }
    }
    s
}

fn boundary(s: &str, rng: &mut fastrand::Rng) -> usize {
    let mut at = rng.usize(..=s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A mutant of `seed`: a few random edits (insert, delete, duplicate, replace, truncate,
/// splice in generated text).
fn mutate(seed: &str, rng: &mut fastrand::Rng) -> String {
    let mut s = seed.to_string();
    for _ in 0..rng.usize(1..6) {
        let a = boundary(&s, rng);
        let b = boundary(&s, rng);
        let (a, b) = (a.min(b), a.max(b).min(a + 400));
        let b = (b..=s.len())
            .find(|&i| s.is_char_boundary(i))
            .unwrap_or(s.len());
        match rng.u8(0..6) {
            0 => s.insert_str(a, &{
                let n = rng.usize(1..8);
                generated(rng, n)
            }),
            1 => s.replace_range(a..b, ""),
            2 => {
                let piece = s[a..b].to_string();
                s.insert_str(b, &piece.repeat(rng.usize(1..4)));
            }
            3 => s.replace_range(a..b, &{
                let n = rng.usize(1..4);
                generated(rng, n)
            }),
            4 if b > 0 => s.truncate(b),
            4 => {}
            _ => {
                let g = {
                    let n = rng.usize(1..30);
                    generated(rng, n)
                };
                s.insert_str(a, &g);
            }
        }
        while !s.is_char_boundary(s.len()) {
            s.pop();
        }
    }
    s
}

/// UTF-16LE bytes with a BOM, with lone surrogates put in now and then.
fn utf16_with_lone_surrogates(text: &str, rng: &mut fastrand::Rng) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        if rng.u8(0..50) == 0 {
            bytes.extend_from_slice(&rng.u16(0xD800..0xE000).to_le_bytes());
        }
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

fn transcript_format(kind: &str) -> Option<Format> {
    Some(match kind {
        "json3" => Format::Json3,
        "srv3" => Format::Srv3,
        "srv1" => Format::Srv1,
        "vtt" => Format::Vtt,
        "srt" => Format::Srt,
        "plain" => Format::Plain,
        _ => return None,
    })
}

/// Feeds one input to the reader (and what consumes its output) of `kind`.
fn feed(kind: &str, input: &str, rng: &mut fastrand::Rng) {
    let path = Path::new("fuzz.input");
    if let Some(format) = transcript_format(kind) {
        if let Ok(t) = transcript::parse_as(input, path, format) {
            let _ = bitext::segment::en::sentences(&t);
        }
        let _ = transcript::parse(input, path);
        return;
    }
    match kind {
        "zh" => {
            let article = bitext::source::article::parse(input.to_string());
            let _ = bitext::segment::zh::sentences(&article);
        }
        "tsv" => {
            let _ = bitext::corpus::tsv::parse(input, path);
        }
        "glossary" => {
            let _ = Glossary::parse(input, path);
            let _ = bitext::glossary::lint(input);
        }
        "tbx" => drop(tbx::parse(input, path)),
        "tbx3" => drop(tbx3::parse(input, path)),
        "omegat" => drop(omegat::parse(input, path)),
        "csv_exchange" => drop(csv_exchange::parse(input, path)),
        "utf16" => {
            let bytes = utf16_with_lone_surrogates(input, rng);
            if let Ok((text, _)) = bitext::text::files::decode(&bytes, path) {
                let _ = transcript::parse(&text, path);
            }
        }
        "writers" => write_all(input, rng),
        other => panic!("no reader for {other}"),
    }
}

/// Every writer over a corpus: the mutated TSV when it parses, else the demo corpus with
/// generated cells; and over glossary entries made of the same text.
fn write_all(input: &str, rng: &mut fastrand::Rng) {
    let base = bitext::corpus::tsv::read(&repo().join("tests/fixtures/corpus/talk.tsv")).ok();
    let corpus = match bitext::corpus::tsv::parse(input, Path::new("w.tsv")) {
        Ok(c) => c,
        Err(_) => {
            let mut c: Corpus = base.clone().unwrap_or_default();
            for row in &mut c.rows {
                row.zh = generated(rng, 6);
                row.en = generated(rng, 6);
                row.speaker = generated(rng, 1);
            }
            c
        }
    };
    let report = bitext::drift::check(&corpus, &Default::default());
    let _ = report.to_markdown();
    let _ = report.to_json();
    let _ = bitext::drift::report::html_fragment(&report);
    let findings = bitext::pipeline::views::view_findings(&report);
    for format in bitext::render::Format::ALL {
        for include_one_sided in [false, true] {
            let extras = bitext::render::Extras {
                highlights: &[],
                findings: &findings,
                missing_en: None,
                include_one_sided,
            };
            let _ = bitext::render::render_bytes(&corpus, format, extras);
        }
    }
    if let Some(base) = &base {
        let changes = bitext::diff::compare(base, &corpus);
        for color in [false, true] {
            let _ = bitext::diff::format(
                base,
                &corpus,
                &changes,
                ("a", "b"),
                bitext::diff::Style { color },
            );
        }
    }
    let entries: Vec<_> = corpus
        .rows
        .iter()
        .take(20)
        .map(|r| bitext::glossary::Entry::new(&r.en, &r.zh))
        .collect();
    let path = Path::new("w.x");
    let _ = tbx::parse(&tbx::write(&entries), path);
    let _ = tbx3::parse(&tbx3::write(&entries), path);
    let _ = omegat::parse(&omegat::write(&entries), path);
    let _ = csv_exchange::parse(&csv_exchange::write(&entries), path);
    let _ = Glossary::from_entries(entries).to_csv();
}

/// What a run found.
#[derive(Default)]
pub struct Stats {
    pub tried: BTreeMap<String, usize>,
    pub panics: Vec<(String, PathBuf, String)>,
    pub slow: Vec<(String, PathBuf, Duration)>,
}

fn save(kind: &str, input: &str) -> PathBuf {
    let dir = repo().join("target/fuzz-crashers");
    let _ = std::fs::create_dir_all(&dir);
    let hash = bitext::drift::fnv1a64(input.as_bytes());
    let path = dir.join(format!("{kind}-{hash:016x}.txt"));
    let _ = std::fs::write(&path, input);
    path
}

/// Runs the in-process harness for `budget`, cycling through the kinds of input.
pub fn run(seed: u64, budget: Duration) -> Stats {
    let seeds = seeds();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut stats = Stats::default();
    hook();
    let start = Instant::now();
    let kinds: Vec<&str> = seeds.keys().copied().collect();
    while start.elapsed() < budget {
        for &kind in &kinds {
            let pool = &seeds[kind];
            let input = if pool.is_empty() || rng.u8(0..5) == 0 {
                {
                    let n = rng.usize(1..200);
                    generated(&mut rng, n)
                }
            } else {
                mutate(&pool[rng.usize(..pool.len())], &mut rng)
            };
            let mut inner = fastrand::Rng::with_seed(rng.u64(..));
            let t = Instant::now();
            let result = catch_unwind(AssertUnwindSafe(|| feed(kind, &input, &mut inner)));
            let took = t.elapsed();
            *stats.tried.entry(kind.to_string()).or_default() += 1;
            if let Err(e) = result {
                let message = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                let at = PANIC_AT.with(|p| p.borrow().clone());
                let message = format!("{at}: {message}");
                stats
                    .panics
                    .push((kind.to_string(), save(kind, &input), message));
            } else if took > SLOW {
                stats
                    .slow
                    .push((kind.to_string(), save(kind, &input), took));
            }
        }
    }
    stats
}

/// A CLI case: the kind of input, the file it is written to, the arguments given the file.
type CliCase = (&'static str, &'static str, fn(&str) -> Vec<String>);

/// The CLI part: `n` mutants through the real binary; returns (runs, bad exits).
pub fn run_cli(seed: u64, n: usize) -> (usize, Vec<String>) {
    let seeds = seeds();
    let mut rng = fastrand::Rng::with_seed(seed);
    let wd = Workdir::new();
    let mut bad = Vec::new();
    let cases: [CliCase; 6] = [
        ("vtt", "in.vtt", |f| {
            vec!["split".into(), "en".into(), f.into()]
        }),
        ("srt", "in.srt", |f| {
            vec!["split".into(), "en".into(), f.into()]
        }),
        ("zh", "in.txt", |f| {
            vec!["split".into(), "zh".into(), f.into()]
        }),
        ("glossary", "in.csv", |f| {
            vec!["glossary".into(), "lint".into(), f.into()]
        }),
        ("tbx", "in.tbx", |f| {
            vec![
                "glossary".into(),
                "--glossary".into(),
                "g.csv".into(),
                "import".into(),
                f.into(),
            ]
        }),
        ("tsv", "in.tsv", |f| {
            vec![
                "diff".into(),
                "--color".into(),
                "always".into(),
                f.into(),
                f.into(),
            ]
        }),
    ];
    let mut runs = 0;
    for i in 0..n {
        let (kind, file, args) = &cases[i % cases.len()];
        let pool = &seeds[kind];
        let input = mutate(&pool[rng.usize(..pool.len())], &mut rng);
        wd.write(file, &input);
        let args = args(file);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut child = wd
            .command(&args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("run bitext");
        let t = Instant::now();
        let code = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status.code();
            }
            if t.elapsed() > Duration::from_secs(20) {
                let _ = child.kill();
                let _ = child.wait();
                break Some(-1);
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        runs += 1;
        if !matches!(code, Some(0..=2)) {
            bad.push(format!(
                "{args:?} exit {code:?}: {}",
                save(kind, &input).display()
            ));
        }
    }
    (runs, bad)
}

fn report(stats: &Stats) -> String {
    let mut s = String::from("inputs tried per reader/writer:\n");
    for (k, n) in &stats.tried {
        s.push_str(&format!("  {k}: {n}\n"));
    }
    s.push_str(&format!("panics: {}\n", stats.panics.len()));
    for (k, p, m) in &stats.panics {
        s.push_str(&format!("  {k}: {} ({m})\n", p.display()));
    }
    s.push_str(&format!(
        "hangs (> {} s): {}\n",
        SLOW.as_secs(),
        stats.slow.len()
    ));
    for (k, p, d) in &stats.slow {
        s.push_str(&format!(
            "  {k}: {} ({:.1} s)\n",
            p.display(),
            d.as_secs_f64()
        ));
    }
    s
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn fuzz_short_fixed_seed() {
    let stats = run(20_261_130, Duration::from_secs(3));
    let text = report(&stats);
    eprintln!("{text}");
    assert!(stats.tried.values().all(|&n| n > 0), "{text}");
    assert!(stats.panics.is_empty() && stats.slow.is_empty(), "{text}");
    let (runs, bad) = run_cli(20_261_130, 12);
    assert!(runs == 12 && bad.is_empty(), "{bad:#?}");
}

/// The long run: `BITEXT_FUZZ_SECS` (default 60) in process, then `BITEXT_FUZZ_CLI` (default
/// 200) runs of the binary, from `BITEXT_FUZZ_SEED` (default: the clock).
#[test]
#[ignore]
fn fuzz_long() {
    let seed = env_u64(
        "BITEXT_FUZZ_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_secs()),
    );
    let secs = env_u64("BITEXT_FUZZ_SECS", 60);
    let stats = run(seed, Duration::from_secs(secs));
    let (runs, bad) = run_cli(seed, env_u64("BITEXT_FUZZ_CLI", 200) as usize);
    let text = report(&stats);
    eprintln!("seed {seed}, {secs} s\n{text}CLI runs: {runs}, exit codes outside 0/1/2: {bad:#?}");
    assert!(stats.panics.is_empty() && stats.slow.is_empty() && bad.is_empty());
}
