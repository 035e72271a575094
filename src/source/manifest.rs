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
    pub zh_lang: String,
    pub en_lang: String,
    pub glossary: Option<PathBuf>,
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
        Ok(Manifest {
            dir: dir.to_path_buf(),
            name,
            title: raw.title,
            video: raw.video,
            zh,
            en,
            zh_lang: raw.zh_lang.unwrap_or_else(|| "zh-CN".to_string()),
            en_lang: raw.en_lang.unwrap_or_else(|| "en".to_string()),
            glossary,
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
            "video = \"BbAnzpeGFrA\"\nen = \"en.vtt\"\nglossary = \"../glossary/g.csv\"\n",
        )
        .unwrap();
        let m = Manifest::load(&corpus).unwrap();
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
}
