//! Writing a corpus and its views into `out/NAME/`: the canonical TSV, every rendered view
//! and the drift report, each file atomically.

use super::PipelineError;
use crate::corpus::{tsv, Corpus};
use crate::drift::Report;
use crate::glossary::Glossary;
use crate::render::{self, Extras, Format};
use crate::text::files::write_atomic;
use std::path::Path;

/// Writes `corpus.tsv`, every view (with the report's marks and the glossary's terms) and
/// `drift.md` / `drift.json` into `dir`; returns the file names written, in order. A copy of
/// corpus.tsv also goes to `.bitext/written.tsv` ([`crate::review::hand_edits`]).
pub fn write_views(
    corpus: &Corpus,
    report: &Report,
    glossary: Option<&Glossary>,
    dir: &Path,
) -> Result<Vec<&'static str>, PipelineError> {
    let mut highlights = report.highlights();
    if let Some(glossary) = glossary {
        highlights.extend(crate::glossary::highlights(corpus, glossary));
    }
    let report_html = crate::drift::report::html_fragment(report);
    let extras = Extras {
        highlights: &highlights,
        report_html: Some(&report_html),
    };
    let mut files = vec!["corpus.tsv"];
    tsv::write(corpus, &dir.join("corpus.tsv"))?;
    // The copy of what was written, so the next run can tell a hand edit of corpus.tsv.
    tsv::write(corpus, &crate::review::hand_edits::written_path(dir))?;
    for format in Format::ALL {
        let text = render::render(corpus, format, extras);
        write_atomic(&dir.join(format.file_name()), text.as_bytes())?;
        files.push(format.file_name());
    }
    write_atomic(&dir.join("drift.md"), report.to_markdown().as_bytes())?;
    write_atomic(&dir.join("drift.json"), report.to_json().as_bytes())?;
    files.extend(["drift.md", "drift.json"]);
    Ok(files)
}
