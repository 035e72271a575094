//! `bitext align`: align a Chinese article with an English transcript and write the corpus.

use crate::align::{align, ladder, AlignOptions};
use crate::segment::Segment;
use anyhow::Context;
use std::path::{Path, PathBuf};

/// Align a Chinese article (ZH) with its English source (EN) sentence by sentence and write
/// DIR/corpus.tsv, or print the alignment as `[zh ids]:[en ids]` lines.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  bitext align corpus/kevin-scott/zh.txt talk.en.json3 -o out/kevin-scott\n  bitext align --segmented zh.txt en.txt --emit ladder"
)]
pub struct Args {
    /// The Chinese article (with --segmented: one sentence per line).
    pub zh: PathBuf,
    /// The English transcript in any supported format (with --segmented: one sentence per line).
    pub en: PathBuf,
    /// Output folder for corpus.tsv (required unless --emit ladder).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Both inputs hold one sentence per line; line numbers are the segment ids.
    #[arg(long)]
    pub segmented: bool,
    /// What to produce: the corpus file, or the ladder on standard output.
    #[arg(long, value_enum, default_value = "corpus")]
    pub emit: Emit,
    /// Most English segments in one bead (0: automatic).
    #[arg(long, default_value_t = 0)]
    pub max_en: usize,
    /// A glossary CSV whose approved terms anchor the alignment (see docs/glossary-format.md).
    #[arg(long)]
    pub glossary: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Emit {
    Corpus,
    Ladder,
}

/// Reads the Chinese side: an article split into sentences, or one sentence per line.
pub fn load_zh(path: &Path, segmented: bool) -> anyhow::Result<(String, Vec<Segment>)> {
    let text = crate::text::files::read_text(path)?;
    if segmented {
        let segs = crate::segment::lines(&text);
        return Ok((text, segs));
    }
    let article = crate::source::article::parse(text);
    let segs = crate::segment::zh::sentences(&article);
    Ok((article.text, segs))
}

/// Reads the English side: a transcript split into sentences or caption units, or one
/// sentence per line.
pub fn load_en(path: &Path, segmented: bool) -> anyhow::Result<Vec<Segment>> {
    if segmented {
        let text = crate::text::files::read_text(path)?;
        return Ok(crate::segment::lines(&text));
    }
    let transcript = crate::source::transcript::read(path)?;
    Ok(crate::segment::en::sentences(&transcript))
}

fn cjk_share(segs: &[Segment]) -> Option<f64> {
    let (mut cjk, mut letters) = (0usize, 0usize);
    for c in segs.iter().flat_map(|s| s.text.chars()) {
        if c.is_alphabetic() {
            letters += 1;
            if ('\u{3400}'..='\u{9fff}').contains(&c) {
                cjk += 1;
            }
        }
    }
    (letters > 0).then(|| cjk as f64 / letters as f64)
}

/// Refuses inputs whose languages look swapped: a Chinese side with (almost) no Chinese
/// characters, or an English side that is mostly Chinese.
pub fn check_languages(
    zh: &[Segment],
    en: &[Segment],
    zh_path: &Path,
    en_path: &Path,
) -> anyhow::Result<()> {
    if let Some(share) = cjk_share(zh) {
        if share < 0.2 {
            anyhow::bail!(
                "{}: this does not look like Chinese ({:.0}% Chinese characters); give the Chinese file first, then the English",
                zh_path.display(),
                share * 100.0
            );
        }
    }
    if let Some(share) = cjk_share(en) {
        if share > 0.5 {
            anyhow::bail!(
                "{}: this looks like Chinese ({:.0}% Chinese characters), not English; give the Chinese file first, then the English",
                en_path.display(),
                share * 100.0
            );
        }
    }
    Ok(())
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let (_, zh) = load_zh(&args.zh, args.segmented)?;
    let en = load_en(&args.en, args.segmented)?;
    check_languages(&zh, &en, &args.zh, &args.en)?;
    if zh.is_empty() {
        eprintln!(
            "bitext: warning: {}: no Chinese sentences",
            args.zh.display()
        );
    }
    if en.is_empty() {
        eprintln!(
            "bitext: warning: {}: no English sentences",
            args.en.display()
        );
    }
    let (a, b) = (zh.len().max(1) as f64, en.len().max(1) as f64);
    if a / b > 10.0 || b / a > 10.0 {
        eprintln!(
            "bitext: warning: the sides differ a lot in length ({} Chinese, {} English segments): is one of them incomplete?",
            zh.len(),
            en.len()
        );
    }
    let anchors = match &args.glossary {
        Some(path) => crate::glossary::Glossary::load(path)?.anchors(),
        None => Vec::new(),
    };
    let options = AlignOptions {
        max_en: args.max_en,
        anchors,
        ..AlignOptions::default()
    };
    let beads = align(&zh, &en, &options);
    let corpus = crate::corpus::Corpus {
        meta: Default::default(),
        rows: crate::corpus::build::from_alignment(&zh, &en, &beads),
    };
    // A transcript of another talk aligns into hundreds of rows of nonsense: stop instead.
    if let Some(why) = crate::drift::source_mismatch(&corpus) {
        eprintln!(
            "bitext: {} and {}: {why}",
            args.zh.display(),
            args.en.display()
        );
        return Ok(2);
    }
    match args.emit {
        Emit::Ladder => crate::cli::output::print(&ladder::format(&beads))?,
        Emit::Corpus => {
            let dir = args
                .out
                .context("give an output folder with -o DIR (or use --emit ladder)")?;
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
            let path = dir.join("corpus.tsv");
            crate::corpus::tsv::write(&corpus, &path)?;
            eprintln!("wrote {} ({} rows)", path.display(), corpus.rows.len());
        }
    }
    Ok(0)
}
