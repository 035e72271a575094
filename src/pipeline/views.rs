//! Writing a corpus and its views into `out/NAME/`: the canonical TSV, every rendered view
//! and the drift report, each file atomically.

use super::PipelineError;
use crate::corpus::{tsv, Corpus};
use crate::drift::Report;
use crate::glossary::Glossary;
use crate::render::{self, Extras, Format};
use crate::text::files::write_atomic;
use std::path::Path;

/// The drift report's findings as the views show them (plain strings: the renderers do not
/// know the drift check's types).
pub fn view_findings(report: &Report) -> Vec<render::Finding> {
    report
        .findings
        .iter()
        .map(|f| render::Finding {
            row: f.row,
            last_row: f.last_row,
            severity: f.severity.as_str().to_string(),
            kind: f.kind.as_str().to_string(),
            id: f.id.clone(),
            message: f.message.clone(),
        })
        .collect()
}

/// What [`write_views`] wrote, and the exports it left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    /// The file names written, in order.
    pub files: Vec<&'static str>,
    /// Exports not written because the corpus has no English (they would be empty).
    pub left_out: Vec<&'static str>,
}

/// Writes `corpus.tsv`, every view (with the report's findings and marks and the glossary's
/// terms) and `drift.md` / `drift.json` into `dir`. For a corpus without English the
/// exports made of pairs (TMX, subtitles, the review sheet) are not written, any old ones
/// are removed, and the views say how to add the English (`missing_en`). A copy of
/// corpus.tsv also goes to `.bitext/written.tsv` ([`crate::review::hand_edits`]).
///
/// The files are published as a set: written into a fresh staging folder beside `dir`, which
/// then replaces `dir` in one step ([`crate::text::files::publish_dir`]), so a reader (or a run
/// killed half-way) never sees old and new views mixed. `dir` itself must not be a symlink.
pub fn write_views(
    corpus: &Corpus,
    report: &Report,
    glossary: Option<&Glossary>,
    missing_en: Option<&str>,
    dir: &Path,
) -> Result<Written, PipelineError> {
    write_views_with(corpus, report, glossary, missing_en, None, dir, &[])
}

/// [`write_views`], with the transcript's own unit and word times for the subtitles
/// ([`crate::pipeline::inputs::Inputs::en_times`]: long rows are split at them) and
/// `extra` files (name, bytes) published in the same set (the confirmed-rows TMX of the
/// review workbench, [`crate::review::export`]).
pub fn write_views_with(
    corpus: &Corpus,
    report: &Report,
    glossary: Option<&Glossary>,
    missing_en: Option<&str>,
    en_times: Option<&render::subtitles::EnTimes>,
    dir: &Path,
    extra: &[(&'static str, Vec<u8>)],
) -> Result<Written, PipelineError> {
    let staging = crate::text::files::staging_dir(dir)?;
    let result = write_set(corpus, report, glossary, missing_en, en_times, &staging)
        .and_then(|mut written| {
            for (name, bytes) in extra {
                write_atomic(&staging.join(name), bytes)?;
                written.files.push(name);
            }
            Ok(written)
        })
        .and_then(|written| Ok(crate::text::files::publish_dir(&staging, dir).map(|()| written)?));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// Writes the whole set of [`write_views`] into the (fresh) folder `dir`.
fn write_set(
    corpus: &Corpus,
    report: &Report,
    glossary: Option<&Glossary>,
    missing_en: Option<&str>,
    en_times: Option<&render::subtitles::EnTimes>,
    dir: &Path,
) -> Result<Written, PipelineError> {
    let mut highlights = report.highlights();
    if let Some(glossary) = glossary {
        highlights.extend(crate::glossary::highlights(corpus, glossary));
    }
    let findings = view_findings(report);
    let extras = Extras {
        highlights: &highlights,
        findings: &findings,
        missing_en,
        include_one_sided: false,
    };
    let has_english = render::Tally::of(corpus).has_english;
    let mut written = Written {
        files: vec!["corpus.tsv"],
        ..Written::default()
    };
    tsv::write(corpus, &dir.join("corpus.tsv"))?;
    // The copy of what was written, so the next run can tell a hand edit of corpus.tsv.
    tsv::write(corpus, &crate::review::hand_edits::written_path(dir))?;
    for format in Format::ALL {
        let path = dir.join(format.file_name());
        if format.needs_english() && !has_english {
            written.left_out.push(format.file_name());
            continue;
        }
        let bytes = match format {
            // split long rows at the transcript's own times
            Format::Srt => render::subtitles::srt_timed(corpus, en_times)
                .text
                .into_bytes(),
            Format::Vtt => render::subtitles::vtt_timed(corpus, en_times)
                .text
                .into_bytes(),
            _ => {
                render::render_bytes(corpus, format, extras).map_err(|e| PipelineError::Folder {
                    path: path.clone(),
                    message: e.to_string(),
                })?
            }
        };
        write_atomic(&path, &bytes)?;
        written.files.push(format.file_name());
    }
    write_atomic(&dir.join("drift.md"), report.to_markdown().as_bytes())?;
    write_atomic(&dir.join("drift.json"), report.to_json().as_bytes())?;
    written.files.extend(["drift.md", "drift.json"]);
    Ok(written)
}
