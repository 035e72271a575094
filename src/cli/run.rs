//! `bitext run`: the whole pipeline ([`crate::pipeline`]) for one or more corpus folders,
//! writing the canonical corpus and every view to `out/NAME/`, with a progress display and a
//! summary.
//!
//! A corpus folder is any folder holding a `bitext.toml` (see
//! [`Manifest`](crate::source::manifest::Manifest)). Without names, every such folder under
//! `corpus/` is run. A corpus whose English transcript is missing still gets its Chinese side
//! written (a zh-only corpus and its views), and the run says how to supply the transcript;
//! with `--fetch` it first downloads it (see [`fetch_english`]). Without `--fetch` a run never
//! uses the network, so it stays quick and predictable offline.
//! Hand edits of `out/NAME/corpus.tsv` taken as confirmed links, and confirmed links gone
//! stale, are listed on standard error.

use crate::cli::output;
use crate::pipeline::{self, Outcome};
use crate::source::manifest::{self, EnglishSource, Manifest};
use crate::source::youtube::{self, FetchOptions, RetryPolicy, VideoId};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Run the pipeline and write all views to out/NAME/ (for every corpus under corpus/ when no
/// name is given).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  cargo run --release -- run                 every corpus under corpus/, views in out/NAME/
  cargo run --release -- run demo            one corpus by name
  cargo run --release -- run kevin-scott --fetch
                                             download the missing English first (internet)
  bitext run path/to/talk --out /tmp/views   a corpus folder anywhere")]
pub struct Args {
    /// Corpus names (folders under --corpus-dir) or paths to corpus folders.
    pub names: Vec<String>,
    /// The folder holding the corpus folders.
    #[arg(long, default_value = "corpus")]
    pub corpus_dir: PathBuf,
    /// Where to write: one folder per corpus inside it.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Download the English transcript of a corpus that has none (its manifest names a
    /// video, and neither its folder nor the fetch cache holds a transcript): as `fetch`
    /// does, falling back to yt-dlp when YouTube asks for a proof-of-origin token, with
    /// short timeouts; cached where `fetch` caches. Without it, run never uses the network.
    #[arg(long)]
    pub fetch: bool,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let dirs = pipeline::folders::corpus_dirs(&args.corpus_dir, &args.names)?;
    if args.names.is_empty() {
        for dir in pipeline::folders::without_manifest(&args.corpus_dir) {
            eprintln!(
                "bitext: {}: skipped: no {} in it (a corpus folder needs one; see docs/manifest.md)",
                dir.display(),
                crate::source::manifest::FILE_NAME
            );
        }
    }
    let progress = progress_bar(dirs.len());
    let mut failed = 0;
    let mut report = String::new();
    for dir in &dirs {
        progress.set_message(dir.display().to_string());
        let mut on_step = |name: &str, step: pipeline::Step| {
            progress.set_message(format!("{name}: {}", step.describe()));
        };
        if args.fetch {
            progress.set_message(format!(
                "{}: fetching the English transcript",
                dir.display()
            ));
            for line in fetch_english(dir) {
                progress.suspend(|| eprintln!("bitext: {line}"));
            }
        }
        match pipeline::run_corpus(dir, &args.out, &mut on_step) {
            Ok(outcome) => {
                progress.suspend(|| {
                    for line in outcome.taken.iter().chain(&outcome.stale) {
                        eprintln!("bitext: {}: {line}", outcome.name);
                    }
                    for notice in &outcome.notices {
                        eprintln!("bitext: {}: {notice}", outcome.name);
                    }
                    if let Some(msg) = &outcome.missing_en {
                        eprintln!("bitext: {}: {msg}", outcome.name);
                    }
                });
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

/// For `run --fetch`: fetches the English transcript of the corpus in `dir` when it has
/// none and its manifest names a video (into the fetch cache, where the run then finds it);
/// returns what to tell the user. A manifest that cannot be read is left to the run to report.
fn fetch_english(dir: &Path) -> Vec<String> {
    let Ok(manifest) = Manifest::load(dir) else {
        return Vec::new();
    };
    let name = &manifest.name;
    let Some(video) = manifest.video.as_deref() else {
        return Vec::new();
    };
    if manifest.find_english() != EnglishSource::Missing {
        return Vec::new();
    }
    let video = match VideoId::parse(video) {
        Ok(video) => video,
        Err(err) => {
            return vec![format!(
                "{name}: `video` in its {}: {err}",
                manifest::FILE_NAME
            )]
        }
    };
    let defaults = FetchOptions::default();
    // Short timeouts: an offline machine or a dead network fails in seconds, not minutes.
    let options = FetchOptions {
        connect_timeout: Duration::from_secs(5),
        request_timeout: Duration::from_secs(20),
        retry: RetryPolicy {
            max_tries: 2,
            max_retry_after: Duration::from_secs(10),
            ..defaults.retry.clone()
        },
        ..defaults
    };
    let mut lines = Vec::new();
    let lang = manifest.en_lang.clone();
    let result = youtube::fallback::fetch_with_fallback(
        &video,
        &lang,
        &options,
        Some(&manifest.en),
        Duration::from_secs(120),
        &mut |refusal, program| {
            lines.push(format!("{name}: {refusal}"));
            lines.push(format!(
                "{name}: falling back to yt-dlp ({}) for the {lang} captions",
                program.display()
            ));
        },
    );
    match result {
        Ok(fetched) => lines.push(format!(
            "{name}: fetched the English transcript of video {video}: {} ({}, {}), cached as {}",
            fetched.track,
            fetched.format,
            youtube::fallback::route(&fetched),
            fetched.path.display()
        )),
        Err(err) => lines.push(format!(
            "{name}: could not fetch the English transcript of video {video}: {err}"
        )),
    }
    lines
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

fn summary(o: &Outcome) -> String {
    use crate::render::plural;
    let mut text = format!(
        "{}: {} ({} without English, {} without Chinese{}) → {}/ ({})\n",
        o.name,
        plural(o.rows, "row", "rows"),
        o.zh_only,
        o.en_only,
        if o.missing_en.is_some() {
            "; Chinese side only: no transcript yet, so no TMX, subtitles or review sheet"
        } else {
            ""
        },
        o.dir.display(),
        o.files.join(", ")
    );
    if o.drift != (0, 0) {
        text.push_str(&format!(
            "{}: drift: {}, {}; see {}\n",
            o.name,
            plural(o.drift.0, "error", "errors"),
            plural(o.drift.1, "warning", "warnings"),
            o.dir.join("drift.md").display()
        ));
    }
    if o.subtitles_skipped > 0 && o.missing_en.is_none() {
        text.push_str(&format!(
            "{}: {} without times left out of the subtitles\n",
            o.name,
            plural(o.subtitles_skipped, "row", "rows")
        ));
    }
    text
}
