//! `bitext eval`: score the aligner against gold alignments.

use crate::align::eval::{self, DocCounts};
use crate::align::weights::Weights;
use crate::align::{align, ladder, AlignOptions};
use anyhow::Context;
use rayon::prelude::*;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Align every document of a gold set and score the result.
///
/// A set folder holds `zh/NNN`, `en/NNN` (one sentence per line) and `gold/NNN.align`
/// (`[zh ids]:[en ids]` per line): prints strict and lax precision, recall and F1 per
/// document and in total (counts summed over documents). A transcript benchmark folder
/// holds `zh.txt`, `en.json3` and `gold.tsv`: prints the mean word overlap. A folder of
/// transcript benchmark folders prints each and their mean.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  bitext eval ../shared/data/align/mac-dev\n  bitext eval ../shared/data/transcript"
)]
pub struct Args {
    /// The set folder (zh/, en/, gold/) or transcript benchmark folder(s).
    pub set: PathBuf,
    /// Score with the bead-score weights in this file (from `bitext train`) instead of the
    /// shipped ones.
    #[arg(long, value_name = "FILE", conflicts_with = "hand")]
    pub weights: Option<PathBuf>,
    /// Score with the hand-set weights the shipped ones were trained from, for comparison.
    #[arg(long)]
    pub hand: bool,
    /// Use the sentence weights for caption units too (by default caption units keep the
    /// hand-set weights).
    #[arg(long, hide = true)]
    pub caption_weights: bool,
}

/// The scores of one document of a set.
pub struct DocResult {
    pub name: String,
    pub counts: DocCounts,
}

/// One document of a gold set: its name, segments and gold rungs.
pub struct GoldDoc {
    pub name: String,
    pub zh: Vec<crate::segment::Segment>,
    pub en: Vec<crate::segment::Segment>,
    pub gold: Vec<ladder::Rung>,
}

/// Reads every document of a set folder (`zh/NNN`, `en/NNN`, `gold/NNN.align`), in name
/// order.
pub fn read_set(dir: &Path) -> anyhow::Result<Vec<GoldDoc>> {
    let gold_dir = dir.join("gold");
    let mut names: Vec<String> = std::fs::read_dir(&gold_dir)
        .with_context(|| format!("{}: cannot list the gold folder", gold_dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".align"))
                .map(str::to_string)
        })
        .collect();
    names.sort();
    if names.is_empty() {
        anyhow::bail!("{}: no .align files", gold_dir.display());
    }
    names
        .iter()
        .map(|name| {
            let zh_path = dir.join("zh").join(name);
            let en_path = dir.join("en").join(name);
            let zh = crate::segment::lines(&crate::text::files::read_text(&zh_path)?);
            let en = crate::segment::lines(&crate::text::files::read_text(&en_path)?);
            let gold = ladder::read(&gold_dir.join(format!("{name}.align")), zh.len(), en.len())?;
            Ok(GoldDoc {
                name: name.clone(),
                zh,
                en,
                gold,
            })
        })
        .collect()
}

/// Aligns and scores every document of a set folder, in parallel, in name order.
pub fn eval_set(dir: &Path, options: &AlignOptions) -> anyhow::Result<Vec<DocResult>> {
    Ok(read_set(dir)?
        .par_iter()
        .map(|d| DocResult {
            name: d.name.clone(),
            counts: eval::score_doc(&d.gold, &ladder::rungs(&align(&d.zh, &d.en, options))),
        })
        .collect())
}

/// Aligns one transcript benchmark folder and returns its mean word overlap.
pub fn eval_transcript(dir: &Path, options: &AlignOptions) -> anyhow::Result<f64> {
    let (text, zh) = crate::cli::align::load_zh(&dir.join("zh.txt"), false)?;
    let en = crate::cli::align::load_en(&dir.join("en.json3"), false)?;
    let gold = eval::read_gold_words(&dir.join("gold.tsv"))?;
    let beads = align(&zh, &en, options);
    Ok(eval::word_overlap(
        &gold,
        &eval::groups(&text, &zh, &en, &beads),
    ))
}

fn is_transcript_dir(dir: &Path) -> bool {
    dir.join("gold.tsv").is_file() && dir.join("zh.txt").is_file()
}

/// Runs the evaluation a folder calls for and returns the report text.
pub fn report(dir: &Path, options: &AlignOptions) -> anyhow::Result<String> {
    let mut out = String::new();
    if dir.join("gold").is_dir() {
        let docs = eval_set(dir, options)?;
        writeln!(
            out,
            "doc\tstrict_p\tstrict_r\tstrict_f1\tlax_p\tlax_r\tlax_f1"
        )?;
        let mut total = DocCounts::default();
        for d in &docs {
            total += d.counts;
            line(&mut out, &d.name, &d.counts)?;
        }
        line(&mut out, "total", &total)?;
    } else {
        let mut dirs: Vec<PathBuf> = if is_transcript_dir(dir) {
            vec![dir.to_path_buf()]
        } else {
            let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
                .with_context(|| format!("{}: cannot list the folder", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_transcript_dir(p))
                .collect();
            v.sort();
            v
        };
        dirs.dedup();
        if dirs.is_empty() {
            anyhow::bail!(
                "{}: neither a set folder (zh/, en/, gold/) nor transcript benchmark folders (zh.txt, en.json3, gold.tsv)",
                dir.display()
            );
        }
        let scores: Vec<anyhow::Result<f64>> = dirs
            .par_iter()
            .map(|d| eval_transcript(d, options))
            .collect();
        writeln!(out, "folder\tword_overlap")?;
        let mut sum = 0.0;
        for (d, s) in dirs.iter().zip(scores) {
            let s = s.with_context(|| format!("{}", d.display()))?;
            sum += s;
            let name = d.file_name().map_or_else(
                || d.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            writeln!(out, "{name}\t{s:.3}")?;
        }
        writeln!(out, "mean\t{:.3}", sum / dirs.len() as f64)?;
    }
    Ok(out)
}

/// One line of a score table: name, strict and lax precision, recall and F1.
pub fn line(out: &mut String, name: &str, c: &DocCounts) -> std::fmt::Result {
    let s = c.scores();
    writeln!(
        out,
        "{name}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}",
        s.strict_p, s.strict_r, s.strict_f, s.lax_p, s.lax_r, s.lax_f
    )
}

/// The alignment options the `--weights` / `--hand` flags ask for.
pub fn options(weights: Option<&Path>, hand: bool) -> anyhow::Result<AlignOptions> {
    let weights = match weights {
        Some(path) => Weights::load(path)?,
        None if hand => Weights::hand(),
        None => Weights::default(),
    };
    Ok(AlignOptions {
        weights,
        ..AlignOptions::default()
    })
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut options = options(args.weights.as_deref(), args.hand)?;
    if args.caption_weights {
        options.caption_weights = options.weights.clone();
    }
    let text = report(&args.set, &options)?;
    crate::cli::output::print(&text)?;
    Ok(0)
}
