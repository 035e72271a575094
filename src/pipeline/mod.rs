//! The whole job for one corpus folder, as a library: read the manifest, the Chinese article
//! and the English transcript, split both, align, check for drift, and write the canonical
//! corpus with every view to `out/NAME/`. The corpus folder's confirmed links (`links.tsv`,
//! [`crate::review::links`]) are hard constraints of the alignment, and rows of
//! `out/NAME/corpus.tsv` edited by hand since the last run become confirmed links first.
//!
//! Every front end runs these same steps: `bitext run` ([`crate::cli::run`]) and the tests
//! call [`run_corpus`]; a front end that needs the steps apart (the review server) calls
//! [`inputs::Inputs::load`], [`align_inputs`], [`check::drift_report`] and
//! [`views::write_views`] itself.

pub mod check;
pub mod folders;
pub mod inputs;
pub mod views;

use crate::align::{AlignOptions, Bead};
use crate::corpus::Corpus;
use crate::review::constrained::{align_with_links_cached, StretchCache};
use crate::review::links::{Placed, Resolved};
use crate::source::manifest::Manifest;
use inputs::Inputs;
use std::path::{Path, PathBuf};

/// Why a corpus could not be run. Every variant names the file at fault.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Manifest(#[from] crate::source::manifest::ManifestError),
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),
    #[error(transparent)]
    Transcript(#[from] crate::source::transcript::TranscriptError),
    #[error(transparent)]
    Glossary(#[from] crate::glossary::GlossaryError),
    #[error(transparent)]
    Ignore(#[from] crate::drift::ignore::IgnoreError),
    #[error(transparent)]
    Corpus(#[from] crate::corpus::tsv::CorpusError),
    #[error(transparent)]
    Links(#[from] crate::review::links::LinksError),
    #[error(transparent)]
    Weights(#[from] crate::align::weights::WeightsError),
    /// A hand edit of `out/NAME/corpus.tsv` that cannot be taken as a confirmed link.
    #[error("{path}:{line}: {message}")]
    HandEdit {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Folder { path: PathBuf, message: String },
}

/// The steps of a run, reported as they start (for a progress display).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    ReadingChinese,
    ReadingEnglish,
    Aligning,
    CheckingDrift,
    Writing,
}

impl Step {
    /// What the step does, for a progress line.
    pub fn describe(self) -> &'static str {
        match self {
            Step::ReadingChinese => "reading and splitting the Chinese article",
            Step::ReadingEnglish => "reading and splitting the English transcript",
            Step::Aligning => "aligning",
            Step::CheckingDrift => "checking for drift",
            Step::Writing => "writing the corpus and its views",
        }
    }
}

/// What one corpus's run produced, for the summary.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub name: String,
    /// The folder the views went to (`out/NAME/`).
    pub dir: PathBuf,
    pub rows: usize,
    pub zh_only: usize,
    pub en_only: usize,
    /// The files written into `dir`, in writing order.
    pub files: Vec<&'static str>,
    /// Set when the English side was missing: how to supply it.
    pub missing_en: Option<String>,
    /// Warnings for the user that do not stop the run (a glossary named but absent, …).
    pub notices: Vec<String>,
    /// Drift findings: errors and warnings.
    pub drift: (usize, usize),
    /// Rows left out of the subtitles for lack of a time span.
    pub subtitles_skipped: usize,
    /// Hand edits of `out/NAME/corpus.tsv` taken as confirmed links (appended to
    /// links.tsv), one line each naming the row.
    pub taken: Vec<String>,
    /// Confirmed links that no longer fit the inputs, one line each with their text.
    pub stale: Vec<String>,
}

/// Runs the whole job for the corpus folder `dir`, writing `out_root/NAME/`. `progress` hears
/// each step as it starts.
pub fn run_corpus(
    dir: &Path,
    out_root: &Path,
    progress: &mut dyn FnMut(&str, Step),
) -> Result<Outcome, PipelineError> {
    let manifest = Manifest::load(dir)?;
    let name = manifest.name.clone();
    progress(&name, Step::ReadingChinese);
    let mut inputs = Inputs::load(manifest, &mut |step| progress(&name, step))?;
    let out_dir = out_root.join(&name);
    let (taken, mut notices) = take_hand_edits(&mut inputs, &out_dir)?;
    progress(&name, Step::Aligning);
    let aligned = align_linked(&inputs, &mut StretchCache::new());
    let corpus = aligned.corpus;
    // A transcript of another talk aligns into hundreds of rows of nonsense: stop instead.
    if let Some(why) = inputs
        .en
        .as_ref()
        .and_then(|_| crate::drift::source_mismatch(&corpus))
    {
        return Err(PipelineError::Folder {
            path: inputs.manifest.dir.clone(),
            message: format!("the Chinese article and the English transcript: {why}"),
        });
    }

    progress(&name, Step::CheckingDrift);
    let report = check::drift_report(
        &corpus,
        inputs.glossary_path(),
        inputs.ignore_path().as_deref(),
    )?;

    progress(&name, Step::Writing);
    let missing_en = inputs.en.is_none().then(|| how_to_supply(&inputs.manifest));
    let how_to_add = inputs.en.is_none().then(|| how_to_add(&inputs.manifest));
    // With confirmed rows, their TMX too, as the review workbench exports it: a run must
    // not drop the reviewer's translation memory from the set it publishes.
    let confirmed =
        crate::review::export::confirmed_rows(&corpus, &aligned.beads, &aligned.resolved);
    let extra: Vec<(&'static str, Vec<u8>)> = if confirmed.rows.is_empty() {
        Vec::new()
    } else {
        vec![(
            crate::review::export::CONFIRMED_TMX,
            crate::render::tmx::render(&confirmed, false).into_bytes(),
        )]
    };
    let written = views::write_views_with(
        &corpus,
        &report,
        inputs.glossary.as_ref(),
        how_to_add.as_deref(),
        inputs.en_times.as_ref(),
        &out_dir,
        &extra,
    )?;
    notices.extend(inputs.notices.iter().cloned());
    if !written.left_out.is_empty() {
        notices.push(format!(
            "no English, so {} not written (they would be empty)",
            written.left_out.join(", ")
        ));
    }
    let totals = report.totals();
    // The same counts as the views' headers (headings and front/back matter not counted).
    let tally = crate::render::Tally::of(&corpus);
    Ok(Outcome {
        name,
        dir: out_dir,
        rows: tally.rows,
        zh_only: tally.zh_only,
        en_only: tally.en_only,
        files: written.files,
        missing_en,
        notices,
        drift: (totals.error, totals.warning),
        subtitles_skipped: crate::render::subtitles::srt_timed(&corpus, inputs.en_times.as_ref())
            .skipped,
        taken,
        stale: stale_messages(&inputs, &aligned.resolved),
    })
}

/// Takes the hand edits of `out_dir/corpus.tsv` (rows changed since bitext wrote it) as
/// confirmed links: adds them to the inputs' links and saves links.tsv. Returns one line per
/// edit taken (and per earlier link it replaces), and notices about edits not kept.
pub fn take_hand_edits(
    inputs: &mut Inputs,
    out_dir: &Path,
) -> Result<(Vec<String>, Vec<String>), PipelineError> {
    let Some(en) = &inputs.en else {
        return Ok((Vec::new(), Vec::new()));
    };
    let edits = crate::review::hand_edits::detect(out_dir, &inputs.zh, en)?;
    if edits.taken.is_empty() {
        return Ok((Vec::new(), edits.notices));
    }
    let corpus_tsv = out_dir.join("corpus.tsv");
    let mut taken: Vec<String> = edits
        .taken
        .iter()
        .map(|e| {
            format!(
                "{}:{}: hand edit taken as a confirmed link: {}",
                corpus_tsv.display(),
                e.line,
                e.link
            )
        })
        .collect();
    let resolved = inputs.links.resolve(&inputs.zh, en);
    let placed = edits
        .taken
        .into_iter()
        .map(|e| Placed {
            link: e.link,
            zh: e.zh,
            en: e.en,
        })
        .collect();
    let (links, replaced) = inputs.links.with_changes(&resolved, &[], placed);
    for link in replaced {
        taken.push(format!(
            "the hand edits replace the confirmed link {link} (line {} of {})",
            link.line,
            inputs.links_path.display()
        ));
    }
    crate::text::files::write_atomic(&inputs.links_path, links.to_text().as_bytes())?;
    inputs.links = links;
    Ok((taken, edits.notices))
}

/// One line per stale link of `resolved`, naming links.tsv, the line and the text.
pub fn stale_messages(inputs: &Inputs, resolved: &Resolved) -> Vec<String> {
    resolved
        .stale
        .iter()
        .map(|s| {
            let link = &inputs.links.links[s.link];
            let at = if s.line > 0 {
                format!("{}:{}", inputs.links_path.display(), s.line)
            } else {
                inputs.links_path.display().to_string()
            };
            format!(
                "{at}: stale confirmed link {link}: {} (kept in the file; fix or delete the line)",
                s.reason
            )
        })
        .collect()
}

/// A corpus aligned through its confirmed links.
#[derive(Debug, Clone)]
pub struct Aligned {
    pub corpus: Corpus,
    pub beads: Vec<Bead>,
    /// Where each link fell, and the stale ones.
    pub resolved: Resolved,
}

/// The options the inputs align with: the glossary's approved terms as anchors, and the
/// weights the manifest names for sentences (caption units keep theirs, as with `bitext eval
/// --weights`).
pub fn align_options(inputs: &Inputs) -> AlignOptions {
    let defaults = AlignOptions::default();
    AlignOptions {
        anchors: inputs
            .glossary
            .as_ref()
            .map(|g| g.anchors())
            .unwrap_or_default(),
        weights: inputs.weights.clone().unwrap_or(defaults.weights),
        caption_weights: defaults.caption_weights,
        ..defaults
    }
}

/// Aligns the loaded inputs through their confirmed links ([`crate::review::align_with_links`]),
/// reusing the stretches in `cache`. Without an English side every Chinese sentence is a row
/// of its own and no link applies.
pub fn align_linked(inputs: &Inputs, cache: &mut StretchCache) -> Aligned {
    let zh = &inputs.zh;
    let (rows, beads, resolved) = match &inputs.en {
        Some(en) => {
            let resolved = inputs.links.resolve(zh, en);
            let beads =
                align_with_links_cached(zh, en, &resolved.fixed, &align_options(inputs), cache);
            (
                crate::corpus::build::from_alignment(zh, en, &beads),
                beads,
                resolved,
            )
        }
        None => {
            let beads: Vec<Bead> = (0..zh.len())
                .map(|i| Bead {
                    zh: i..i + 1,
                    en: 0..0,
                    score: 0.0,
                })
                .collect();
            (
                crate::corpus::build::from_alignment(zh, &[], &beads),
                beads,
                Resolved::default(),
            )
        }
    };
    let mut corpus = Corpus {
        rows,
        ..Corpus::default()
    };
    let manifest = &inputs.manifest;
    if let Some(title) = &manifest.title {
        corpus.meta.insert("title".into(), title.clone());
    }
    if let Some(video) = &manifest.video {
        corpus.meta.insert("video".into(), video.clone());
    }
    corpus
        .meta
        .insert("zh_lang".into(), manifest.zh_lang.clone());
    corpus
        .meta
        .insert("en_lang".into(), manifest.en_lang.clone());
    Aligned {
        corpus,
        beads,
        resolved,
    }
}

/// Aligns the loaded inputs into a corpus (with the manifest's metadata) and the beads it
/// was built from, honouring the confirmed links ([`align_linked`]). Without an English side
/// every Chinese sentence is a row of its own.
pub fn align_inputs(inputs: &Inputs) -> (Corpus, Vec<Bead>) {
    let aligned = align_linked(inputs, &mut StretchCache::new());
    (aligned.corpus, aligned.beads)
}

/// Exactly how to supply a missing English transcript, in commands that work from a fresh
/// clone of the repository.
pub fn how_to_supply(manifest: &Manifest) -> String {
    let path = manifest.en.display();
    let folder = manifest.dir.display();
    let fetch = match &manifest.video {
        Some(video) => format!(
            "`cargo run --release -- run {} --fetch` or `cargo run --release -- fetch {video} -o \
             {path}` (both need internet), or ",
            manifest.name
        ),
        None => String::new(),
    };
    let put = if manifest.en_named {
        format!(
            "{}, or in {folder} with its `en` key left out of the {}",
            where_to_put(manifest),
            crate::source::manifest::FILE_NAME
        )
    } else {
        where_to_put(manifest)
    };
    format!("no English transcript. Supply one: {fetch}{put}, then run again. Wrote the Chinese side only.")
}

/// Where to put a transcript by hand: at the manifest's `en`, or, without an `en` key, into
/// the folder named by its format (found there by its extension; "at en.json3" would read as
/// naming a VTT en.json3).
fn where_to_put(manifest: &Manifest) -> String {
    if manifest.en_named {
        format!(
            "put a transcript file (json3, srv3, srv1/xml, vtt, srt, ttml, ass, txt or a saved \
             html page) at {}",
            manifest.en.display()
        )
    } else {
        format!(
            "put a transcript file into {}, named by its format: en.json3, en.srv3, en.xml, \
             en.vtt, en.srt, en.ttml, en.ass, en.txt or a saved en.html page",
            manifest.dir.display()
        )
    }
}

/// How to add the English, as the views say it after "The English is missing, so this page
/// shows the Chinese only: ".
pub fn how_to_add(manifest: &Manifest) -> String {
    let path = manifest.en.display();
    let fetch = match &manifest.video {
        Some(video) => format!(
            "fetch it with `cargo run --release -- run {} --fetch` or `cargo run --release -- \
             fetch {video} -o {path}` (both need internet) or ",
            manifest.name
        ),
        None => String::new(),
    };
    let put = where_to_put(manifest);
    format!(
        "{fetch}{put}, then run `cargo run --release -- run {}`",
        manifest.name
    )
}
