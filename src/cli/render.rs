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
        _ => render::render(&corpus, format, Extras::default()),
    };
    match &args.output {
        Some(path) => crate::text::files::write_atomic(path, text.as_bytes())?,
        None => output::print(&text)?,
    }
    Ok(0)
}
