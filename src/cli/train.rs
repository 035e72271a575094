//! `bitext train`: learn the aligner's bead-score weights from gold alignments.

use crate::align::eval::{self, DocCounts};
use crate::align::train::{self, Doc, TrainOptions};
use crate::align::{align, ladder, AlignOptions};
use anyhow::Context;
use rayon::prelude::*;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Train the bead score on gold alignments and write the weights.
///
/// Each GOLD_SET is a set folder (zh/NNN, en/NNN one sentence a line, gold/NNN.align), a
/// transcript benchmark folder (zh.txt, en.json3, gold.tsv) or a folder of them (the
/// caption-unit path: train its weights on these alone), or a reviewed corpus folder (corpus/NAME with bitext.toml): its confirmed links (links.tsv,
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
    /// Gold set folders (zh/, en/, gold/), transcript benchmark folders (zh.txt, en.json3,
    /// gold.tsv) or folders of them, or reviewed corpus folders (bitext.toml, links.tsv).
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
    /// Scale each update by the share of the chunk's segments put in wrong beads.
    #[arg(long)]
    pub scaled: bool,
}

/// Each set's name and number of documents.
type SetSizes = Vec<(String, usize)>;

/// A transcript benchmark document's article text and word gold (scored by word overlap).
type WordGold = (String, Vec<eval::GoldWord>);

fn is_transcript_dir(dir: &Path) -> bool {
    ["zh.txt", "en.json3", "gold.tsv"]
        .iter()
        .all(|f| dir.join(f).is_file())
}

/// A transcript benchmark folder (zh.txt, en.json3, gold.tsv) as a training document: the
/// article's sentences and the caption units as `bitext align` reads them, with gold beads
/// from the word gold ([`Doc::from_words`]).
fn transcript(dir: &Path, name: &str) -> anyhow::Result<(Doc, WordGold)> {
    let (text, zh) = crate::cli::align::load_zh(&dir.join("zh.txt"), false)?;
    let en = crate::cli::align::load_en(&dir.join("en.json3"), false)?;
    let words = eval::read_gold_words(&dir.join("gold.tsv"))?;
    let doc = Doc::from_words(name, &text, zh, en, &words);
    // How faithful the beads are to the word gold: the score they would get.
    let beads: Vec<crate::align::Bead> = doc
        .gold
        .iter()
        .map(|(z, e)| crate::align::Bead {
            zh: z.clone(),
            en: e.clone(),
            score: 0.0,
        })
        .collect();
    let ceiling = eval::word_overlap(&words, &eval::groups(&text, &doc.zh, &doc.en, &beads));
    eprintln!(
        "bitext: {name}: {} gold beads over {} sentences and {} caption units (word overlap of the gold beads themselves {ceiling:.3})",
        doc.gold.len(),
        doc.zh.len(),
        doc.en.len()
    );
    Ok((doc, (text, words)))
}

/// The documents of the sets, named `set/NNN`, each set's name and document count, and the
/// word gold of transcript benchmark documents.
fn load(sets: &[PathBuf]) -> anyhow::Result<(Vec<Doc>, SetSizes, Vec<Option<WordGold>>)> {
    let mut docs = Vec::new();
    let mut names = Vec::new();
    let mut words = Vec::new();
    for dir in sets {
        let set = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        if dir.join(crate::source::manifest::FILE_NAME).is_file() {
            docs.push(reviewed(dir, &set)?);
            words.push(None);
            names.push((set, 1));
            continue;
        }
        // A transcript benchmark folder, or a folder of them.
        let mut bench: Vec<PathBuf> = if is_transcript_dir(dir) {
            vec![dir.clone()]
        } else if dir.join("gold").is_dir() {
            Vec::new()
        } else {
            std::fs::read_dir(dir)
                .with_context(|| format!("{}: cannot list the folder", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_transcript_dir(p))
                .collect()
        };
        if !bench.is_empty() {
            bench.sort();
            let loaded: Vec<anyhow::Result<(Doc, WordGold)>> = bench
                .par_iter()
                .map(|d| {
                    let name = d.file_name().map_or_else(
                        || d.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    transcript(d, &name).with_context(|| d.display().to_string())
                })
                .collect();
            names.push((set, loaded.len()));
            for l in loaded {
                let (doc, w) = l?;
                docs.push(doc);
                words.push(Some(w));
            }
            continue;
        }
        if !dir.join("gold").is_dir() {
            anyhow::bail!(
                "{}: neither a gold set folder (zh/, en/, gold/), transcript benchmark folders (zh.txt, en.json3, gold.tsv) nor a corpus folder ({})",
                dir.display(),
                crate::source::manifest::FILE_NAME
            );
        }
        let read = crate::cli::eval::read_set(dir)?;
        names.push((set.clone(), read.len()));
        for d in read {
            words.push(None);
            docs.push(Doc::from_rungs(
                &format!("{set}/{}", d.name),
                d.zh,
                d.en,
                &d.gold,
            ));
        }
    }
    Ok((docs, names, words))
}

/// A reviewed corpus as a training document: its Chinese sentences and English units as
/// `bitext run` reads them, and its confirmed links placed in them as gold beads (stale
/// links are reported and left out).
fn reviewed(dir: &Path, name: &str) -> anyhow::Result<Doc> {
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

/// The word overlap of the transcript benchmark documents (a line each and their mean), or
/// nothing when there are none.
fn overlap_table(
    docs: &[Doc],
    words: &[Option<WordGold>],
    beads: &[Vec<crate::align::Bead>],
) -> anyhow::Result<Option<(String, f64)>> {
    let mut out = String::new();
    let (mut sum, mut count) = (0.0, 0);
    for (k, w) in words.iter().enumerate() {
        let Some((text, gold)) = w else { continue };
        let d = &docs[k];
        let s = eval::word_overlap(gold, &eval::groups(text, &d.zh, &d.en, &beads[k]));
        if count == 0 {
            writeln!(out, "folder\tword_overlap")?;
        }
        writeln!(out, "{}\t{s:.3}", d.name)?;
        sum += s;
        count += 1;
    }
    if count == 0 {
        return Ok(None);
    }
    let mean = sum / count as f64;
    writeln!(out, "mean\t{mean:.3}")?;
    Ok(Some((out, mean)))
}

/// Bead shapes found against gold, per set: `shape found/gold` for the shapes either has.
fn shape_table(
    docs: &[Doc],
    sets: &[(String, usize)],
    beads: &[Vec<crate::align::Bead>],
) -> String {
    use std::collections::BTreeMap;
    let mut out = String::new();
    let mut k = 0;
    for (set, count) in sets {
        let mut counts: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
        for _ in 0..*count {
            for b in &beads[k] {
                counts.entry((b.zh.len(), b.en.len())).or_default().0 += 1;
            }
            for (z, e) in &docs[k].gold {
                counts.entry((z.len(), e.len())).or_default().1 += 1;
            }
            k += 1;
        }
        let cells: Vec<String> = counts
            .iter()
            .map(|((a, b), (found, gold))| format!("{a}:{b} {found}/{gold}"))
            .collect();
        let _ = writeln!(out, "{set}\t{}", cells.join(", "));
    }
    out
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
    let (docs, sets, words) = load(&args.sets)?;
    let options = TrainOptions {
        seed: args.seed,
        epochs: args.epochs,
        rate: args.rate,
        chunk: args.chunk,
        scaled: args.scaled,
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
        "options: seed {}, epochs {}, rate {}{}, chunk {} beads, band {}, start: hand-set weights",
        options.seed,
        options.epochs,
        options.rate,
        if options.scaled {
            " scaled by the chunk's share of misplaced segments"
        } else {
            ""
        },
        options.chunk,
        options.band
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
        crate::cli::output::print(&format!(
            "# leave-one-document-out, bead shapes found/gold\n{}",
            shape_table(&docs, &sets, &beads)
        ))?;
        if let Some((text, mean)) = overlap_table(&docs, &words, &beads)? {
            crate::cli::output::print(&format!("# leave-one-document-out, word overlap\n{text}"))?;
            let each: Vec<String> = text
                .lines()
                .skip(1)
                .filter_map(|l| l.split_once('\t'))
                .filter(|(n, _)| *n != "mean")
                .map(|(n, s)| format!("{n} {s}"))
                .collect();
            writeln!(
                header,
                "leave-one-document-out word overlap: mean {mean:.3} ({})",
                each.join(", ")
            )?;
        }
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
            caption_weights: weights.clone(),
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
        if let Some((_, mean)) = overlap_table(&docs, &words, &beads)? {
            writeln!(
                header,
                "fit on the training data: word overlap mean {mean:.3}"
            )?;
        }
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
