//! Which corpus folders a run covers: the ones named, or every folder under the corpus
//! directory that holds a manifest.

use super::PipelineError;
use crate::source::manifest;
use std::path::{Path, PathBuf};

/// The corpus folders to run, in name order: each of `names` (a folder path, or a name under
/// `corpus_dir`), or, when `names` is empty, every folder of `corpus_dir` holding a manifest.
pub fn corpus_dirs(corpus_dir: &Path, names: &[String]) -> Result<Vec<PathBuf>, PipelineError> {
    if names.is_empty() {
        let entries = std::fs::read_dir(corpus_dir).map_err(|e| PipelineError::Folder {
            path: corpus_dir.to_path_buf(),
            message: format!(
                "cannot list the corpus folders ({e}); run from the repository root, or pass --corpus-dir"
            ),
        })?;
        let mut dirs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.join(manifest::FILE_NAME).is_file())
            .collect();
        dirs.sort();
        if dirs.is_empty() {
            return Err(PipelineError::Folder {
                path: corpus_dir.to_path_buf(),
                message: format!(
                    "no corpus folders (folders holding a {})",
                    manifest::FILE_NAME
                ),
            });
        }
        return Ok(dirs);
    }
    names
        .iter()
        .map(|name| {
            let as_path = PathBuf::from(name);
            if as_path.join(manifest::FILE_NAME).is_file() {
                return Ok(as_path);
            }
            let named = corpus_dir.join(name);
            if named.join(manifest::FILE_NAME).is_file() {
                return Ok(named);
            }
            Err(PipelineError::Folder {
                path: named.join(manifest::FILE_NAME),
                message: format!(
                    "no corpus {name:?}: neither this nor {} exists",
                    as_path.join(manifest::FILE_NAME).display()
                ),
            })
        })
        .collect()
}

/// The folders of `corpus_dir` that hold no manifest (so a run over all of `corpus_dir`
/// leaves them out, and says so), in name order. Hidden folders are not listed.
pub fn without_manifest(corpus_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(corpus_dir) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.join(manifest::FILE_NAME).is_file())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    dirs.sort();
    dirs
}
