//! `bitext train`: learn the aligner's bead-score weights from gold alignments.

use crate::align::eval::{self, DocCounts};
use crate::align::train::{self, Doc, TrainOptions};
use crate::align::{align, ladder, AlignOptions};
use anyhow::Context;
use rayon::prelude::*;
use std::fmt::Write;
use std::path::PathBuf;
use std::time::Instant;

/// Train the bead score on gold alignments and write the weights.
///
/// Each GOLD_SET is a set folder (zh/NNN, en/NNN one sentence a line, gold/NNN.align), or a
/// reviewed corpus folder (corpus/NAME with bitext.toml): its confirmed links (links.tsv,
/// the workbench's confirmations and hand edits) are its gold beads, as many as follow each
/// other make a training chunk; its unconfirmed rows are not trained on. The
/// weights file is text: one feature a line with its weight, and the run's options, data
/// and figures as comments. `--cv` prints leave-one-document-out cross-validation scores:
/// each document aligned with weights trained on all the others (the figure to trust; the
/// fit on the training data itself is printed too, and is optimistic).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  bitext train ../shared/data/align/mac-dev ../shared/data/align/aca --cv\n  bitext train ../shared/data/align/mac-dev ../shared/data/align/aca -o weights.tsv\n  bitext eval ../shared/data/align/mac-dev --weights weights.tsv"
)]
pub struct Args {
    /// Gold set folders (zh/, en/, gold/) or reviewed corpus folders (bitext.toml, links.tsv).
    #[arg(required = true, value_name = "GOLD_SET")]
    pub sets: Vec<PathBuf>,
    /// Write the trained weights to this file.
    #[arg(short, long, value_name = "WEIGHTS")]
    pub out: Option<PathBuf>,
    /// Print leave-one-document-out cross-validation scores (and record them in the file).
    #[arg(long)]
    pub cv: bool,
    /// Seed of the order chunks are visited in (the same seed, data and options give the
    /// same weights).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Passes over the data.
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    pub epochs: usize,
    /// Step size of a perceptron update.
    #[arg(long, default_value_t = TrainOptions::default().rate)]
    pub rate: f32,
    /// Gold beads per training chunk.
    #[arg(long, default_value_t = TrainOptions::default().chunk)]
    pub chunk: usize,
}

/// Each set's name and number of documents.
type SetSizes = Vec<(String, usize)>;

/// The documents of the sets, named `set/NNN`, and each set's name and document count.
fn load(sets: &[PathBuf]) -> anyhow::Result<(Vec<Doc>, SetSizes)> {
    let mut docs = Vec::new();
    let mut names = Vec::new();
    for dir in sets {
        let set = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        if dir.join(crate::source::manifest::FILE_NAME).is_file() {
            docs.push(reviewed(dir, &set)?);
            names.push((set, 1));
            continue;
        }
        if !dir.join("gold").is_dir() {
            anyhow::bail!(
                "{}: neither a gold set folder (zh/, en/, gold/) nor a corpus folder ({})",
                dir.display(),
                crate::source::manifest::FILE_NAME
            );
        }
        let read = crate::cli::eval::read_set(dir)?;
        names.push((set.clone(), read.len()));
        for d in read {
            docs.push(Doc::from_rungs(
                &format!("{set}/{}", d.name),
                d.zh,
                d.en,
                &d.gold,
            ));
        }
    }
    Ok((docs, names))
}

/// A reviewed corpus as a training document: its Chinese sentences and English units as
/// `bitext run` reads them, and its confirmed links placed in them as gold beads (stale
/// links are reported and left out).
fn reviewed(dir: &std::path::Path, name: &str) -> anyhow::Result<Doc> {
    let manifest = crate::source::manifest::Manifest::load(dir)?;
    let inputs = crate::pipeline::inputs::Inputs::load(manifest, &mut |_| {})?;
    let Some(en) = inputs.en else {
        anyhow::bail!(
            "{}: the corpus has no English transcript yet",
            dir.display()
        );
    };
    let resolved = inputs.links.resolve(&inputs.zh, &en);
    for stale in &resolved.stale {
        eprintln!(
            "bitext: {}: {stale} (not trained on)",
            inputs.links_path.display()
        );
    }
    if resolved.fixed.is_empty() {
        anyhow::bail!(
            "{}: no confirmed links to train on (confirm rows in `bitext serve`, or edit out/NAME/corpus.tsv and run)",
            inputs.links_path.display()
        );
    }
    Ok(Doc {
        name: name.to_string(),
        zh: inputs.zh,
        en,
        gold: resolved
            .fixed
            .iter()
            .map(|f| (f.zh.clone(), f.en.clone()))
            .collect(),
    })
}

/// Scores documents' beads against their gold: a table with a line per document and a
/// total per set and over all.
fn table(
    docs: &[Doc],
    sets: &[(String, usize)],
    beads: &[Vec<crate::align::Bead>],
) -> anyhow::Result<(String, Vec<(String, DocCounts)>)> {
    let mut out = String::new();
    writeln!(
        out,
        "doc\tstrict_p\tstrict_r\tstrict_f1\tlax_p\tlax_r\tlax_f1"
    )?;
    let mut totals = Vec::new();
    let mut all = DocCounts::default();
    let mut k = 0;
    for (set, count) in sets {
        let mut total = DocCounts::default();
        for _ in 0..*count {
            let d = &docs[k];
            let gold: Vec<ladder::Rung> = d
                .gold
                .iter()
                .map(|(z, e)| (z.clone().collect(), e.clone().collect()))
                .collect();
            let c = eval::score_doc(&gold, &ladder::rungs(&beads[k]));
            crate::cli::eval::line(&mut out, &d.name, &c)?;
            total += c;
            k += 1;
        }
        crate::cli::eval::line(&mut out, &format!("{set} total"), &total)?;
        all += total;
        totals.push((set.clone(), total));
    }
    if sets.len() > 1 {
        crate::cli::eval::line(&mut out, "all", &all)?;
    }
    Ok((out, totals))
}

fn figures(label: &str, totals: &[(String, DocCounts)]) -> String {
    let cells: Vec<String> = totals
        .iter()
        .map(|(set, c)| {
            let s = c.scores();
            format!("{set} strict F1 {:.3} (lax {:.3})", s.strict_f, s.lax_f)
        })
        .collect();
    format!("{label}: {}", cells.join(", "))
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    if args.out.is_none() && !args.cv {
        anyhow::bail!("nothing to do: give -o WEIGHTS to write weights, or --cv to cross-validate");
    }
    if args.epochs == 0 || args.chunk == 0 || !(args.rate > 0.0 && args.rate.is_finite()) {
        anyhow::bail!("--epochs and --chunk must be at least 1 and --rate a positive number");
    }
    let (docs, sets) = load(&args.sets)?;
    let options = TrainOptions {
        seed: args.seed,
        epochs: args.epochs,
        rate: args.rate,
        chunk: args.chunk,
        ..TrainOptions::default()
    };
    let align_options = AlignOptions::default();
    let mut header = String::new();
    writeln!(
        header,
        "bitext bead-score weights (bitext train; see docs/aligner.md)"
    )?;
    writeln!(
        header,
        "options: seed {}, epochs {}, rate {}, chunk {} beads, band {}, start: hand-set weights",
        options.seed, options.epochs, options.rate, options.chunk, options.band
    )?;
    let data: Vec<String> = args
        .sets
        .iter()
        .zip(&sets)
        .map(|(p, (_, n))| format!("{} ({n} documents)", p.display()))
        .collect();
    writeln!(header, "data: {}", data.join(", "))?;

    if args.cv {
        if docs.len() < 2 {
            anyhow::bail!("cross-validation needs at least two documents");
        }
        let t = Instant::now();
        let beads = train::cross_validate(&docs, &options, &align_options);
        let (text, totals) = table(&docs, &sets, &beads)?;
        crate::cli::output::print(&format!("# leave-one-document-out\n{text}"))?;
        eprintln!(
            "bitext: cross-validation: {} folds in {:.1} s",
            docs.len(),
            t.elapsed().as_secs_f64()
        );
        writeln!(header, "{}", figures("leave-one-document-out", &totals))?;
    }

    if let Some(path) = &args.out {
        let t = Instant::now();
        let (weights, summary) = train::train(&docs, &options);
        eprintln!(
            "bitext: trained on {} chunks ({} gold beads, {} left out) in {:.1} s; wrong chunks per epoch: {:?}",
            summary.chunks,
            summary.beads,
            summary.skipped,
            t.elapsed().as_secs_f64(),
            summary.mistakes
        );
        let fit_options = AlignOptions {
            weights: weights.clone(),
            ..align_options
        };
        let beads: Vec<Vec<crate::align::Bead>> = docs
            .par_iter()
            .map(|d| align(&d.zh, &d.en, &fit_options))
            .collect();
        let (_, totals) = table(&docs, &sets, &beads)?;
        writeln!(
            header,
            "trained on {} chunks ({} gold beads; {} beads of shapes not searched left out); wrong chunks per epoch: {:?}",
            summary.chunks, summary.beads, summary.skipped, summary.mistakes
        )?;
        writeln!(header, "{}", figures("fit on the training data", &totals))?;
        writeln!(header)?;
        writeln!(
            header,
            "feature<TAB>weight<TAB># what the feature measures; a bead's cost is the sum of weight x feature"
        )?;
        crate::text::files::write_atomic(path, weights.to_text(&header).as_bytes())
            .with_context(|| format!("{}: cannot write the weights", path.display()))?;
        eprintln!("bitext: wrote {}", path.display());
    }
    Ok(0)
}
