//! `bitext drift`: check a corpus for translation drift and report it.

use crate::drift::{report, Severity};
use crate::pipeline::check;
use anyhow::Context;
use std::path::PathBuf;

/// Check a corpus TSV for drift: omissions, additions, numbers, names, terms, speakers,
/// questions and meaning-level warning signs. Exits 1 when findings reach --fail-on.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  bitext drift out/demo/corpus.tsv
  bitext drift out/demo/corpus.tsv --glossary glossary/ai.csv --format md
  bitext drift out/demo/corpus.tsv --fail-on error   (exit 1 on errors: a CI gate)")]
pub struct Args {
    /// The corpus TSV (bitext corpus v1).
    pub corpus: PathBuf,
    /// A glossary CSV (docs/glossary-format.md): its approved terms are checked too.
    #[arg(long)]
    pub glossary: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit 1 when there are findings at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// A suppression file: one finding id per line, then the reason it is accepted.
    /// Default: `drift-ignore` beside the corpus, when it exists.
    #[arg(long)]
    pub ignore: Option<PathBuf>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Md,
    Json,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    None,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let corpus = crate::corpus::tsv::read(&args.corpus)?;
    let ignore = args
        .ignore
        .clone()
        .or_else(|| check::ignore_beside(&args.corpus));
    let report = check::drift_report(&corpus, args.glossary.as_deref(), ignore.as_deref())?;
    let text = match args.format {
        Format::Text => report.to_text(),
        Format::Md => report.to_markdown(),
        Format::Json => report.to_json(),
        Format::Html => report::html_fragment(&report),
    };
    match &args.output {
        Some(path) => crate::text::files::write_atomic(path, text.as_bytes())
            .with_context(|| format!("writing the report to {}", path.display()))?,
        None => crate::cli::output::print(&text)?,
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::None => None,
    };
    Ok(match threshold {
        Some(s) if report.count_at_least(s) > 0 => 1,
        _ => 0,
    })
}
