//! `bitext run`: the whole pipeline for one or more corpus folders, writing the canonical
//! corpus and every view to `out/NAME/`.
//!
//! A corpus folder is any folder holding a `bitext.toml` (see
//! [`Manifest`](crate::source::manifest::Manifest)). Without names, every such folder under
//! `corpus/` is run. A corpus whose English transcript is missing still gets its Chinese side
//! written (a zh-only corpus and its views), and the run says how to supply the transcript.

use crate::align::{AlignOptions, Bead};
use crate::cli::output;
use crate::corpus::{tsv, Corpus, Flag};
use crate::render::{self, Extras, Format};
use crate::source::manifest::{self, Manifest};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Run the pipeline and write all views to out/NAME/ (for every corpus under corpus/ when no
/// name is given).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Corpus names (folders under --corpus-dir) or paths to corpus folders.
    pub names: Vec<String>,
    /// The folder holding the corpus folders.
    #[arg(long, default_value = "corpus")]
    pub corpus_dir: PathBuf,
    /// Where to write: one folder per corpus inside it.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
}

/// What one corpus's run produced, for the summary.
struct Outcome {
    name: String,
    dir: PathBuf,
    rows: usize,
    zh_only: usize,
    en_only: usize,
    files: Vec<&'static str>,
    /// Set when the English side was missing: how to supply it.
    missing_en: Option<String>,
    /// Drift findings: errors and warnings.
    drift: (usize, usize),
    subtitles_skipped: usize,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let dirs = corpus_dirs(&args)?;
    let progress = progress_bar(dirs.len());
    let mut failed = 0;
    let mut report = String::new();
    for dir in &dirs {
        progress.set_message(dir.display().to_string());
        match run_one(dir, &args.out, &progress) {
            Ok(outcome) => {
                if let Some(msg) = &outcome.missing_en {
                    progress.suspend(|| eprintln!("bitext: {}: {msg}", outcome.name));
                }
                report.push_str(&summary(&outcome));
            }
            Err(err) => {
                failed += 1;
                progress.suspend(|| eprintln!("bitext: {}: {err:#}", dir.display()));
            }
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    output::print(&report)?;
    Ok(if failed > 0 { 2 } else { 0 })
}

/// The corpus folders to run, in name order.
fn corpus_dirs(args: &Args) -> anyhow::Result<Vec<PathBuf>> {
    if args.names.is_empty() {
        let entries = std::fs::read_dir(&args.corpus_dir).with_context(|| {
            format!(
                "{}: cannot list the corpus folders (run from the repository root, or pass --corpus-dir)",
                args.corpus_dir.display()
            )
        })?;
        let mut dirs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.join(manifest::FILE_NAME).is_file())
            .collect();
        dirs.sort();
        if dirs.is_empty() {
            anyhow::bail!(
                "{}: no corpus folders (folders holding a {})",
                args.corpus_dir.display(),
                manifest::FILE_NAME
            );
        }
        return Ok(dirs);
    }
    args.names
        .iter()
        .map(|name| {
            let as_path = PathBuf::from(name);
            if as_path.join(manifest::FILE_NAME).is_file() {
                return Ok(as_path);
            }
            let named = args.corpus_dir.join(name);
            if named.join(manifest::FILE_NAME).is_file() {
                return Ok(named);
            }
            anyhow::bail!(
                "no corpus {name:?}: neither {} nor {} exists",
                as_path.join(manifest::FILE_NAME).display(),
                named.join(manifest::FILE_NAME).display()
            )
        })
        .collect()
}

/// A progress bar on standard error when it is a terminal; hidden otherwise.
fn progress_bar(len: usize) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} [{pos}/{len}] {wide_msg}") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

fn step(progress: &ProgressBar, name: &str, what: &str) {
    progress.set_message(format!("{name}: {what}"));
}

fn run_one(dir: &Path, out_root: &Path, progress: &ProgressBar) -> anyhow::Result<Outcome> {
    let manifest = Manifest::load(dir)?;
    let name = manifest.name.clone();
    step(progress, &name, "reading the Chinese article");
    let zh_text = crate::text::files::read_text(&manifest.zh)?;
    let article = crate::source::article::parse(zh_text);
    step(progress, &name, "splitting the Chinese into sentences");
    let zh = crate::segment::zh::sentences(&article);

    let glossary = match manifest.glossary.as_ref() {
        Some(path) if path.is_file() => Some(crate::glossary::Glossary::load(path)?),
        Some(path) => {
            progress.suspend(|| {
                eprintln!(
                    "bitext: {name}: the glossary {} named in its {} does not exist; running without it",
                    path.display(),
                    manifest::FILE_NAME
                )
            });
            None
        }
        None => None,
    };

    let mut missing_en = None;
    let rows = if manifest.en.is_file() {
        step(progress, &name, "reading the English transcript");
        let transcript = crate::source::transcript::read(&manifest.en)?;
        step(progress, &name, "splitting the English into sentences");
        let en = crate::segment::en::sentences(&transcript);
        step(progress, &name, "aligning");
        let options = AlignOptions {
            anchors: glossary.as_ref().map(|g| g.anchors()).unwrap_or_default(),
            ..AlignOptions::default()
        };
        let beads = crate::align::align(&zh, &en, &options);
        crate::corpus::build::from_alignment(&zh, &en, &beads)
    } else {
        missing_en = Some(how_to_supply(&manifest));
        let beads: Vec<Bead> = (0..zh.len())
            .map(|i| Bead {
                zh: i..i + 1,
                en: 0..0,
                score: 0.0,
            })
            .collect();
        crate::corpus::build::from_alignment(&zh, &[], &beads)
    };

    let mut corpus = Corpus {
        rows,
        ..Corpus::default()
    };
    if let Some(title) = &manifest.title {
        corpus.meta.insert("title".into(), title.clone());
    }
    if let Some(video) = &manifest.video {
        corpus.meta.insert("video".into(), video.clone());
    }
    corpus
        .meta
        .insert("zh_lang".into(), manifest.zh_lang.clone());
    corpus
        .meta
        .insert("en_lang".into(), manifest.en_lang.clone());

    step(progress, &name, "checking for drift");
    let report = drift_report(&manifest, &corpus)?;
    let mut highlights = report.highlights();
    if let Some(glossary) = &glossary {
        highlights.extend(crate::glossary::highlights(&corpus, glossary));
    }
    let findings = crate::cli::render::view_findings(&report);
    let extras = Extras {
        highlights: &highlights,
        findings: &findings,
        ..Extras::default()
    };

    let out_dir = out_root.join(&name);
    step(progress, &name, "writing the corpus and its views");
    let mut files = write_all(&corpus, &out_dir, extras)?;
    crate::text::files::write_atomic(&out_dir.join("drift.md"), report.to_markdown().as_bytes())?;
    crate::text::files::write_atomic(&out_dir.join("drift.json"), report.to_json().as_bytes())?;
    files.extend(["drift.md", "drift.json"]);
    let totals = report.totals();
    Ok(Outcome {
        name,
        dir: out_dir,
        rows: corpus.rows.len(),
        zh_only: corpus.rows.iter().filter(|r| r.has(Flag::ZhOnly)).count(),
        en_only: corpus.rows.iter().filter(|r| r.has(Flag::EnOnly)).count(),
        files,
        missing_en,
        drift: (totals.error, totals.warning),
        subtitles_skipped: render::subtitles::srt(&corpus).skipped,
    })
}

/// The drift report for the corpus, with the corpus's glossary (when it exists) and its
/// `drift-ignore` suppressions (when present).
fn drift_report(manifest: &Manifest, corpus: &Corpus) -> anyhow::Result<crate::drift::Report> {
    let glossary = manifest.glossary.as_deref().filter(|g| g.is_file());
    let ignore = manifest.dir.join(crate::drift::ignore::FILE_NAME);
    let ignore = ignore.is_file().then_some(ignore.as_path());
    crate::cli::drift::report(corpus, glossary, ignore)
}

/// Writes `corpus.tsv` and every view into `dir`, each file atomically.
fn write_all(corpus: &Corpus, dir: &Path, extras: Extras) -> anyhow::Result<Vec<&'static str>> {
    let mut files = vec!["corpus.tsv"];
    tsv::write(corpus, &dir.join("corpus.tsv"))?;
    for format in Format::ALL {
        let bytes = render::render_bytes(corpus, format, extras)?;
        crate::text::files::write_atomic(&dir.join(format.file_name()), &bytes)?;
        files.push(format.file_name());
    }
    Ok(files)
}

/// Exactly how to supply a missing English transcript.
fn how_to_supply(manifest: &Manifest) -> String {
    let path = manifest.en.display();
    let fetch = match &manifest.video {
        Some(video) => format!("`bitext fetch {video} -o {path}` (needs internet), or "),
        None => String::new(),
    };
    format!(
        "no English transcript at {path}. Supply one: {fetch}put a WebVTT, SRT, YouTube json3/srv3 \
         or plain-text transcript at that path, then run again. Wrote the Chinese side only."
    )
}

fn summary(o: &Outcome) -> String {
    let mut text = format!(
        "{}: {} rows ({} without English, {} without Chinese{}) → {}/ ({})\n",
        o.name,
        o.rows,
        o.zh_only,
        o.en_only,
        if o.missing_en.is_some() {
            "; Chinese side only: no transcript yet"
        } else {
            ""
        },
        o.dir.display(),
        o.files.join(", ")
    );
    if o.drift != (0, 0) {
        text.push_str(&format!(
            "{}: drift: {} error(s), {} warning(s); see {}\n",
            o.name,
            o.drift.0,
            o.drift.1,
            o.dir.join("drift.md").display()
        ));
    }
    if o.subtitles_skipped > 0 && o.missing_en.is_none() {
        text.push_str(&format!(
            "{}: {} rows without times are left out of the subtitles\n",
            o.name, o.subtitles_skipped
        ));
    }
    text
}
