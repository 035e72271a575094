//! `bitext render`: a view or export of a corpus TSV.

use crate::cli::output;
use crate::corpus::tsv;
use crate::render::{self, Extras, Format, Tally};
use anyhow::Context;
use std::path::PathBuf;

/// Render a corpus TSV as a side-by-side view (html, md), an export (tmx, srt, vtt, jsonl)
/// or a review sheet (xlsx).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  bitext render out/demo/corpus.tsv --to html --drift -o review.html
  bitext render out/demo/corpus.tsv --to md --glossary glossary/ai.csv
  bitext render out/demo/corpus.tsv --to xlsx -o review.xlsx
  bitext render out/demo/corpus.tsv --to tmx -o demo.tmx   (two-sided rows; --include-one-sided for all)")]
pub struct Args {
    /// The corpus TSV (as written by `bitext align` or `bitext run`, hand edits welcome).
    pub corpus: PathBuf,
    /// The output format.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(["html", "md", "tmx", "srt", "vtt", "jsonl", "xlsx"]))]
    pub to: String,
    /// Write to this file (atomically) instead of standard output (required for xlsx).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// A glossary CSV: its terms are marked in html, md and jsonl (and checked with --drift).
    #[arg(long)]
    pub glossary: Option<PathBuf>,
    /// Run the drift check and show its findings: in their rows and in a list in html, in the
    /// notes column of md and xlsx, as marks in jsonl (suppressions from `drift-ignore`
    /// beside the corpus, as `bitext drift`).
    #[arg(long)]
    pub drift: bool,
    /// TMX: keep rows with only one side as units with an empty segment (left out by
    /// default: a CAT tool would take them for empty translations).
    #[arg(long)]
    pub include_one_sided: bool,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let format =
        Format::parse(&args.to).with_context(|| format!("unknown format {:?}", args.to))?;
    if format == Format::Xlsx && args.output.is_none() {
        anyhow::bail!("--to xlsx writes a binary file: name it with -o FILE.xlsx");
    }
    let corpus = tsv::read(&args.corpus)?;
    if format.needs_english() && !Tally::of(&corpus).has_english {
        eprintln!(
            "bitext: {} has no English: the {} export holds nothing to use",
            args.corpus.display(),
            format.name()
        );
    }
    let bytes = match format {
        Format::Srt | Format::Vtt => {
            let subs = if format == Format::Srt {
                render::subtitles::srt(&corpus)
            } else {
                render::subtitles::vtt(&corpus)
            };
            if subs.skipped > 0 {
                eprintln!(
                    "bitext: {} of {} have no usable time span and are left out of the subtitles",
                    render::plural(subs.skipped, "row", "rows"),
                    args.corpus.display()
                );
            }
            subs.text.into_bytes()
        }
        _ => {
            let glossary = match &args.glossary {
                Some(path) => Some(crate::glossary::Glossary::load(path)?),
                None => None,
            };
            let mut highlights = Vec::new();
            let mut findings = Vec::new();
            if args.drift {
                let ignore = crate::pipeline::check::ignore_beside(&args.corpus);
                let report = crate::pipeline::check::drift_report(
                    &corpus,
                    args.glossary.as_deref(),
                    ignore.as_deref(),
                )?;
                highlights.extend(report.highlights());
                findings = crate::pipeline::views::view_findings(&report);
            }
            if let Some(g) = &glossary {
                highlights.extend(crate::glossary::highlights(&corpus, g));
            }
            let extras = Extras {
                highlights: &highlights,
                findings: &findings,
                include_one_sided: args.include_one_sided,
                ..Extras::default()
            };
            render::render_bytes(&corpus, format, extras)?
        }
    };
    match &args.output {
        Some(path) => crate::text::files::write_atomic(path, &bytes)?,
        None => output::print(&String::from_utf8_lossy(&bytes))?,
    }
    Ok(0)
}
