//! A corpus folder's inputs, read and split: the manifest, the Chinese article's sentences,
//! the English transcript's units (when there is one yet), the glossary and the confirmed
//! links.

use super::{PipelineError, Step};
use crate::glossary::Glossary;
use crate::render::subtitles::{EnTimes, UnitTimes};
use crate::review::links::Links;
use crate::segment::Segment;
use crate::source::manifest::{self, EnglishSource, Manifest};
use crate::source::transcript::Transcript;
use std::path::{Path, PathBuf};

/// What a corpus folder holds, read and split.
#[derive(Debug)]
pub struct Inputs {
    pub manifest: Manifest,
    /// The article's text as read (decoded, line ends normalised).
    pub article: String,
    /// The Chinese sentences (title, front and back matter and headings included).
    pub zh: Vec<Segment>,
    /// The English units, when the transcript exists.
    pub en: Option<Vec<Segment>>,
    /// The English units' own times and their words' times, for the subtitles (the
    /// canonical corpus keeps only a span per row).
    pub en_times: Option<EnTimes>,
    /// The corpus's glossary, when its manifest names one that exists.
    pub glossary: Option<Glossary>,
    /// The bead-score weights the manifest names (`weights = …`), read at load; `None`: the
    /// shipped ones.
    pub weights: Option<crate::align::weights::Weights>,
    /// The confirmed links of the corpus folder (`links.tsv`; none when it is absent).
    pub links: Links,
    /// Where the links are kept: `links.tsv` in the corpus folder.
    pub links_path: PathBuf,
    /// Things the user should hear that do not stop the run.
    pub notices: Vec<String>,
}

impl Inputs {
    /// Reads and splits the inputs named by `manifest`; `progress` hears each step.
    pub fn load(
        manifest: Manifest,
        progress: &mut dyn FnMut(Step),
    ) -> Result<Inputs, PipelineError> {
        progress(Step::ReadingChinese);
        let (article, zh) = read_article(&manifest)?;
        let mut notices = Vec::new();
        let glossary = match manifest.glossary.as_ref() {
            Some(path) if path.is_file() => Some(Glossary::load(path)?),
            Some(path) => {
                notices.push(format!(
                    "the glossary {} named in its {} does not exist; running without it",
                    path.display(),
                    manifest::FILE_NAME
                ));
                None
            }
            None => None,
        };
        let source = manifest.find_english();
        match &source {
            EnglishSource::Found(path) => notices.push(format!(
                "English transcript: {} (found in the folder; name it with `en = …` in its {})",
                path.display(),
                manifest::FILE_NAME
            )),
            EnglishSource::Cached(path) => notices.push(format!(
                "English transcript: {} (the one `fetch` cached for the video)",
                path.display()
            )),
            EnglishSource::Named(_) | EnglishSource::Missing => {}
        }
        let (en, en_times) = match source.path() {
            Some(path) => {
                progress(Step::ReadingEnglish);
                let transcript = crate::source::transcript::read(path)?;
                let units = crate::segment::en::sentences(&transcript);
                let times = en_times(&transcript, &units);
                (Some(units), Some(times))
            }
            None => (None, None),
        };
        let weights = read_weights(&manifest)?;
        let links_path = manifest.dir.join(crate::review::links::FILE_NAME);
        let links = Links::load(&links_path)?;
        Ok(Inputs {
            manifest,
            article,
            zh,
            en,
            en_times,
            glossary,
            weights,
            links,
            links_path,
            notices,
        })
    }

    /// These inputs after a change to the article alone (a correction the workbench wrote),
    /// as [`Inputs::load`] would read them: `None` unless `manifest` (read again) is the one
    /// these were read with and names an English transcript that exists, so that no other
    /// file can stand in for it. The caller vouches that no other file these were read from
    /// changed. Then only the article is read and split again; the English units and their
    /// times, the glossary and the notices are these inputs' own (reading the transcript
    /// again was a third of a correction's time), and the weights and links are read as
    /// [`Inputs::load`] reads them (the workbench does not track the weights file).
    pub fn with_article_reread(
        &self,
        manifest: &Manifest,
    ) -> Result<Option<Inputs>, PipelineError> {
        if *manifest != self.manifest || !manifest.en.is_file() || self.en.is_none() {
            return Ok(None);
        }
        let (article, zh) = read_article(manifest)?;
        Ok(Some(Inputs {
            manifest: manifest.clone(),
            article,
            zh,
            en: self.en.clone(),
            en_times: self.en_times.clone(),
            glossary: self.glossary.clone(),
            weights: read_weights(manifest)?,
            links: Links::load(&self.links_path)?,
            links_path: self.links_path.clone(),
            notices: self.notices.clone(),
        }))
    }

    /// The glossary file, when the manifest names one that exists.
    pub fn glossary_path(&self) -> Option<&Path> {
        self.manifest.glossary.as_deref().filter(|g| g.is_file())
    }

    /// The corpus folder's suppression file (accepted drift findings), when present.
    pub fn ignore_path(&self) -> Option<PathBuf> {
        let path = self.manifest.dir.join(crate::drift::ignore::FILE_NAME);
        path.is_file().then_some(path)
    }
}

/// The article `manifest` names, as read, and its sentences.
fn read_article(manifest: &Manifest) -> Result<(String, Vec<Segment>), PipelineError> {
    let article = crate::text::files::read_text(&manifest.zh)?;
    let zh = crate::segment::zh::sentences(&crate::source::article::parse(article.clone()));
    Ok((article, zh))
}

/// The weights `manifest` names. Named weights must be there and sound: aligning without
/// them would quietly give other rows than the corpus asks for.
fn read_weights(
    manifest: &Manifest,
) -> Result<Option<crate::align::weights::Weights>, PipelineError> {
    Ok(match manifest.weights.as_deref() {
        Some(path) => Some(crate::align::weights::Weights::load(path)?),
        None => None,
    })
}

/// Each English unit's times, and the start time of each of its words where the transcript
/// times words (a word of the unit takes the time of the transcript word it overlaps).
pub fn en_times(transcript: &Transcript, units: &[Segment]) -> EnTimes {
    let mut words: Vec<(usize, usize, u64)> = transcript
        .cues
        .iter()
        .flat_map(|c| c.words.iter())
        .map(|w| (w.range.start, w.range.end, w.start_ms))
        .collect();
    words.sort_unstable();
    let units = units
        .iter()
        .map(|unit| {
            let base = unit.range.start;
            let mut timed = false;
            let times: Vec<Option<u64>> = unit
                .text
                .split_whitespace()
                .map(|token| {
                    let start = base + (token.as_ptr() as usize - unit.text.as_ptr() as usize);
                    let end = start + token.len();
                    // the last transcript word starting before the token ends
                    let k = words.partition_point(|w| w.0 < end);
                    let time = k
                        .checked_sub(1)
                        .map(|k| words[k])
                        .filter(|w| w.1 > start)
                        .map(|w| w.2);
                    timed |= time.is_some();
                    time
                })
                .collect();
            UnitTimes {
                text: unit.text.clone(),
                start_ms: unit.start_ms,
                end_ms: unit.end_ms,
                words: if timed { times } else { Vec::new() },
            }
        })
        .collect();
    EnTimes::new(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo corpus copied into a temporary folder.
    fn demo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/demo");
        for f in ["bitext.toml", "zh.txt", "en.vtt", "glossary.csv"] {
            std::fs::copy(from.join(f), dir.path().join(f)).unwrap();
        }
        dir
    }

    #[test]
    fn an_article_reread_alone_is_what_a_full_load_reads() {
        let dir = demo();
        let before = Inputs::load(Manifest::load(dir.path()).unwrap(), &mut |_| {}).unwrap();
        let zh = dir.path().join("zh.txt");
        let article = std::fs::read_to_string(&zh).unwrap();
        let changed = article.replacen("12亿", "120亿", 1);
        assert_ne!(changed, article, "the demo article holds 12亿");
        std::fs::write(&zh, &changed).unwrap();
        let manifest = Manifest::load(dir.path()).unwrap();
        let quick = before.with_article_reread(&manifest).unwrap().unwrap();
        let full = Inputs::load(manifest, &mut |_| {}).unwrap();
        assert_eq!(quick.article, changed);
        assert_eq!(quick.article, full.article);
        assert_eq!(quick.zh, full.zh);
        assert_eq!(quick.en, full.en);
        assert_eq!(quick.manifest, full.manifest);
        assert_eq!(quick.notices, full.notices);
        assert_eq!(quick.links_path, full.links_path);
    }

    #[test]
    fn an_article_reread_is_declined_when_the_manifest_changed() {
        let dir = demo();
        let before = Inputs::load(Manifest::load(dir.path()).unwrap(), &mut |_| {}).unwrap();
        let toml = dir.path().join("bitext.toml");
        let text = std::fs::read_to_string(&toml).unwrap();
        std::fs::write(&toml, text.replace("glossary = \"glossary.csv\"\n", "")).unwrap();
        let manifest = Manifest::load(dir.path()).unwrap();
        assert!(before.with_article_reread(&manifest).unwrap().is_none());
    }
}
