//! The corpus manifest (`corpus/NAME/bitext.toml`): what a corpus folder holds and where
//! its English source comes from.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file name of a manifest inside a corpus folder.
pub const FILE_NAME: &str = "bitext.toml";

/// A corpus folder's manifest, paths resolved against the folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// The corpus folder.
    pub dir: PathBuf,
    /// The folder's name: the corpus's name (`out/NAME/`).
    pub name: String,
    pub title: Option<String>,
    /// The YouTube video id, when the article translates a video.
    pub video: Option<String>,
    /// The Chinese article.
    pub zh: PathBuf,
    /// The English transcript (it may not exist yet: it can be fetched).
    pub en: PathBuf,
    /// Whether the manifest names the transcript (`en = …`); when it does not, `en` is the
    /// default `en.json3` and [`Manifest::find_english`] looks around the folder.
    pub en_named: bool,
    pub zh_lang: String,
    pub en_lang: String,
    pub glossary: Option<PathBuf>,
    /// Bead-score weights for the aligner (`bitext train -o FILE`), instead of the shipped.
    pub weights: Option<PathBuf>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: Option<String>,
    video: Option<String>,
    zh: Option<String>,
    en: Option<String>,
    zh_lang: Option<String>,
    en_lang: Option<String>,
    glossary: Option<String>,
    weights: Option<String>,
}

/// Why a manifest could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl Manifest {
    /// Reads `DIR/bitext.toml`.
    pub fn load(dir: &Path) -> Result<Manifest, ManifestError> {
        let path = dir.join(FILE_NAME);
        let text = crate::text::files::read_text(&path)?;
        let raw: Raw = toml::from_str(&text).map_err(|e| ManifestError::Invalid {
            path: path.clone(),
            message: e.to_string().trim().replace('\n', " "),
        })?;
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "corpus".to_string());
        let zh = confined(dir, &path, "zh", raw.zh.as_deref().unwrap_or("zh.txt"))?;
        let en = confined(dir, &path, "en", raw.en.as_deref().unwrap_or("en.json3"))?;
        let glossary = match raw.glossary.as_deref() {
            Some(g) => Some(glossary_path(dir, &path, g)?),
            None => None,
        };
        // Weights are read, never copied, but a manifest still must not point bitext at any
        // file on the machine: they live in the corpus folder like its texts.
        let weights = match raw.weights.as_deref() {
            Some(w) => Some(confined(dir, &path, "weights", w)?),
            None => None,
        };
        Ok(Manifest {
            dir: dir.to_path_buf(),
            name,
            title: raw.title,
            video: raw.video,
            zh,
            en,
            en_named: raw.en.is_some(),
            zh_lang: raw.zh_lang.unwrap_or_else(|| "zh-CN".to_string()),
            en_lang: raw.en_lang.unwrap_or_else(|| "en".to_string()),
            glossary,
            weights,
        })
    }
}

/// `DIR/value` for the manifest key `key`, refused unless it resolves (after symlinks) inside
/// the corpus folder: a manifest must not make bitext read (and copy into `out/`) any file.
fn confined(dir: &Path, manifest: &Path, key: &str, value: &str) -> Result<PathBuf, ManifestError> {
    let path = dir.join(value);
    if crate::text::confine::is_inside(&path, dir) {
        Ok(path)
    } else {
        Err(outside(manifest, key, value, "the corpus folder"))
    }
}

/// The glossary may be shared between corpora, so besides the corpus folder it may lie in a
/// folder named `glossary` beside any ancestor of it (the repository's `glossary/`, as
/// `glossary = "../../glossary/ai.csv"` in `corpus/NAME/bitext.toml`), symlinks resolved.
fn glossary_path(dir: &Path, manifest: &Path, value: &str) -> Result<PathBuf, ManifestError> {
    let path = dir.join(value);
    let real = crate::text::confine::real_path(&path);
    let real_dir = crate::text::confine::real_path(dir);
    if let (Ok(real), Ok(real_dir)) = (real, real_dir) {
        let in_glossary_folder = real_dir
            .ancestors()
            .any(|a| real.starts_with(a.join("glossary")));
        if real.starts_with(&real_dir) || in_glossary_folder {
            return Ok(path);
        }
    }
    Err(outside(
        manifest,
        "glossary",
        value,
        "the corpus folder or a `glossary` folder beside one of its parents",
    ))
}

fn outside(manifest: &Path, key: &str, value: &str, allowed: &str) -> ManifestError {
    ManifestError::Invalid {
        path: manifest.to_path_buf(),
        message: format!(
            "key `{key}` = {value:?} resolves outside {allowed} (after `..` and symbolic links); \
             put the file there"
        ),
    }
}

/// Transcript extensions in the order a corpus folder is searched for its English.
pub const TRANSCRIPT_EXTENSIONS: [&str; 13] = [
    "json3", "srv3", "srv1", "xml", "vtt", "srt", "ttml", "dfxp", "ass", "ssa", "txt", "html",
    "htm",
];

/// Where a corpus's English transcript is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnglishSource {
    /// The file the manifest names (`en = …`), or the default `en.json3`, which exists.
    Named(PathBuf),
    /// A transcript found in the corpus folder by its extension (the manifest names none).
    Found(PathBuf),
    /// The payload `bitext fetch` cached for the manifest's video.
    Cached(PathBuf),
    /// None yet.
    Missing,
}

impl EnglishSource {
    /// The file to read, unless it is missing.
    pub fn path(&self) -> Option<&Path> {
        match self {
            EnglishSource::Named(p) | EnglishSource::Found(p) | EnglishSource::Cached(p) => Some(p),
            EnglishSource::Missing => None,
        }
    }
}

impl Manifest {
    /// Where the English transcript is: the file the manifest names when it exists; when the
    /// manifest names none, a transcript in the corpus folder by its extension
    /// ([`TRANSCRIPT_EXTENSIONS`], `en.*` before other names); else the payload `bitext
    /// fetch` cached for the manifest's video (in the user's cache folder).
    pub fn find_english(&self) -> EnglishSource {
        self.find_english_in(&crate::source::youtube::default_cache_dir())
    }

    /// [`Manifest::find_english`] with the fetch cache at `cache_root`.
    pub fn find_english_in(&self, cache_root: &Path) -> EnglishSource {
        if self.en.is_file() {
            return EnglishSource::Named(self.en.clone());
        }
        if !self.en_named {
            if let Some(found) = self.transcript_in_folder() {
                return EnglishSource::Found(found);
            }
        }
        match self.cached_transcript(cache_root) {
            Some(cached) => EnglishSource::Cached(cached),
            None => EnglishSource::Missing,
        }
    }

    /// A transcript file in the corpus folder (not the article, not the manifest).
    fn transcript_in_folder(&self) -> Option<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .ok()?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file() && *p != self.zh && !p.ends_with(FILE_NAME))
            // a symlink in the folder must not lead the run out of it
            .filter(|p| crate::text::confine::is_inside(p, &self.dir))
            .collect();
        files.sort();
        let rank = |p: &PathBuf| -> Option<(usize, bool)> {
            let ext = p.extension()?.to_str()?.to_ascii_lowercase();
            let at = TRANSCRIPT_EXTENSIONS.iter().position(|e| *e == ext)?;
            let stem = p.file_stem()?.to_str()?.to_ascii_lowercase();
            let english = stem == "en" || stem.starts_with("en.") || stem.ends_with(".en");
            Some((at, !english))
        };
        files
            .into_iter()
            .filter_map(|p| rank(&p).map(|r| (r.1, r.0, p)))
            .min()
            .map(|(_, _, p)| p)
    }

    /// The caption payload `bitext fetch` cached for the video in the manifest's English
    /// language (a complete entry: the payload and its track file).
    fn cached_transcript(&self, cache_root: &Path) -> Option<PathBuf> {
        let video = self.video.as_deref()?;
        if video.is_empty()
            || !video
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return None;
        }
        let dir = cache_root.join("youtube").join(video);
        let lang = self.en_lang.to_ascii_lowercase();
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
                (stem == lang || stem.starts_with(&format!("{lang}-")))
                    && ["json3", "srv3", "vtt"].contains(&ext)
                    && p.with_file_name(format!("{name}.track.json")).is_file()
            })
            .collect();
        // json3 (word times) first, then srv3, then vtt.
        found.sort_by_key(|p| {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            (
                ["json3", "srv3", "vtt"].iter().position(|e| *e == ext),
                p.clone(),
            )
        });
        found.into_iter().next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_resolves_paths() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("talk");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(
            corpus.join(FILE_NAME),
            "video = \"BbAnzpeGFrA\"\nen = \"en.vtt\"\nglossary = \"../glossary/g.csv\"\nweights = \"talks.tsv\"\n",
        )
        .unwrap();
        let m = Manifest::load(&corpus).unwrap();
        assert_eq!(m.weights, Some(corpus.join("talks.tsv")));
        assert_eq!(m.name, "talk");
        assert_eq!(m.video.as_deref(), Some("BbAnzpeGFrA"));
        assert_eq!(m.zh, corpus.join("zh.txt"));
        assert_eq!(m.en, corpus.join("en.vtt"));
        assert_eq!(m.en_lang, "en");
        assert_eq!(m.glossary, Some(corpus.join("../glossary/g.csv")));
    }

    #[test]
    fn unknown_key_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "vidoe = \"x\"\n").unwrap();
        let err = Manifest::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains(FILE_NAME) && err.contains("vidoe"), "{err}");
    }

    #[test]
    fn without_en_the_english_is_found_in_the_folder_then_in_the_fetch_cache() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("talk");
        let cache = dir.path().join("cache");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(corpus.join(FILE_NAME), "video = \"BbAnzpeGFrA\"\n").unwrap();
        std::fs::write(corpus.join("zh.txt"), "中文。").unwrap();
        let m = Manifest::load(&corpus).unwrap();
        assert!(!m.en_named);
        assert_eq!(m.find_english_in(&cache), EnglishSource::Missing);
        let cached = cache.join("youtube/BbAnzpeGFrA");
        std::fs::create_dir_all(&cached).unwrap();
        std::fs::write(cached.join("en.json3"), "{}").unwrap();
        assert_eq!(
            m.find_english_in(&cache),
            EnglishSource::Missing,
            "no track file: incomplete"
        );
        std::fs::write(cached.join("en.json3.track.json"), "{}").unwrap();
        assert_eq!(
            m.find_english_in(&cache),
            EnglishSource::Cached(cached.join("en.json3"))
        );
        std::fs::write(corpus.join("notes.txt"), "x").unwrap();
        std::fs::write(corpus.join("en.vtt"), "WEBVTT").unwrap();
        assert_eq!(
            m.find_english_in(&cache),
            EnglishSource::Found(corpus.join("en.vtt"))
        );
        std::fs::write(corpus.join("talk.srt"), "1").unwrap();
        assert_eq!(
            m.find_english_in(&cache),
            EnglishSource::Found(corpus.join("en.vtt")),
            "en.* first"
        );
        std::fs::write(corpus.join("en.json3"), "{}").unwrap();
        assert_eq!(
            m.find_english_in(&cache),
            EnglishSource::Named(corpus.join("en.json3"))
        );
    }
}
