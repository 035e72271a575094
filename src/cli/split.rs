//! `bitext split zh|en FILE`: print the sentences (units) of an article or transcript as TSV.

use crate::corpus::tsv::{escape, format_time};
use crate::segment::Segment;
use std::path::PathBuf;

/// Split an article (zh) or a transcript (en) into sentences and print them as TSV
/// (columns: start, end, speaker, section, kind, text).
///
/// Example: bitext split zh corpus/kevin-scott/zh.txt | head
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  bitext split zh corpus/kevin-scott/zh.txt | head\n  bitext split en talk.en.vtt"
)]
pub struct Args {
    /// Which side: `zh` for a Chinese article, `en` for an English transcript
    /// (json3, srv3, srv1, VTT, SRT or plain text; the format is sniffed from the content).
    #[arg(value_enum)]
    pub side: Side,
    /// The file to split.
    pub file: PathBuf,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Side {
    Zh,
    En,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let segments = match args.side {
        Side::Zh => {
            let text = crate::text::files::read_text(&args.file)?;
            let article = crate::source::article::parse(text);
            crate::segment::zh::sentences(&article)
        }
        Side::En => {
            let transcript = crate::source::transcript::read(&args.file)?;
            crate::segment::en::sentences(&transcript)
        }
    };
    crate::cli::output::print(&to_tsv(&segments))?;
    Ok(0)
}

/// The TSV `split` prints: a header, then one segment per line.
pub fn to_tsv(segments: &[Segment]) -> String {
    let mut out = String::from("start\tend\tspeaker\tsection\tkind\ttext\n");
    for seg in segments {
        let cells = [
            seg.start_ms.map(format_time).unwrap_or_default(),
            seg.end_ms.map(format_time).unwrap_or_default(),
            escape(seg.speaker.as_deref().unwrap_or("")),
            escape(seg.section.as_deref().unwrap_or("")),
            seg.kind.as_str().to_string(),
            escape(&seg.text),
        ];
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}
