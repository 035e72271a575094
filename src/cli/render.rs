//! `bitext render`: a view or export of a corpus TSV.

use crate::cli::output;
use crate::corpus::tsv;
use crate::render::{self, Extras, Format};
use anyhow::Context;
use std::path::PathBuf;

/// Render a corpus TSV as a side-by-side view (html, md) or an export (tmx, srt, vtt, jsonl).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The corpus TSV (as written by `bitext align` or `bitext run`, hand edits welcome).
    pub corpus: PathBuf,
    /// The output format.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(["html", "md", "tmx", "srt", "vtt", "jsonl"]))]
    pub to: String,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// A glossary CSV: its terms are marked in html, md and jsonl (and checked with --drift).
    #[arg(long)]
    pub glossary: Option<PathBuf>,
    /// Run the drift check and show its findings: marks in html, md and jsonl, and the report
    /// section in html (suppressions from `drift-ignore` beside the corpus, as `bitext drift`).
    #[arg(long)]
    pub drift: bool,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let format =
        Format::parse(&args.to).with_context(|| format!("unknown format {:?}", args.to))?;
    let corpus = tsv::read(&args.corpus)?;
    let text = match format {
        Format::Srt | Format::Vtt => {
            let subs = if format == Format::Srt {
                render::subtitles::srt(&corpus)
            } else {
                render::subtitles::vtt(&corpus)
            };
            if subs.skipped > 0 {
                eprintln!(
                    "bitext: {} row(s) of {} have no usable time span and are left out of the subtitles",
                    subs.skipped,
                    args.corpus.display()
                );
            }
            subs.text
        }
        _ => {
            let glossary = match &args.glossary {
                Some(path) => Some(crate::glossary::Glossary::load(path)?),
                None => None,
            };
            let mut highlights = Vec::new();
            let mut report_html = None;
            if args.drift {
                let ignore = crate::pipeline::check::ignore_beside(&args.corpus);
                let report = crate::pipeline::check::drift_report(
                    &corpus,
                    args.glossary.as_deref(),
                    ignore.as_deref(),
                )?;
                highlights.extend(report.highlights());
                report_html = Some(crate::drift::report::html_fragment(&report));
            }
            if let Some(g) = &glossary {
                highlights.extend(crate::glossary::highlights(&corpus, g));
            }
            let extras = Extras {
                highlights: &highlights,
                report_html: report_html.as_deref(),
            };
            render::render(&corpus, format, extras)
        }
    };
    match &args.output {
        Some(path) => crate::text::files::write_atomic(path, text.as_bytes())?,
        None => output::print(&text)?,
    }
    Ok(0)
}
