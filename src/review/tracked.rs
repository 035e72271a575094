//! The files a workspace read or wrote, with their bytes as it last saw them: before every
//! write the workspace checks that each still holds those bytes, so a file changed on disk
//! meanwhile (an editor, `git pull`) is a conflict and is never overwritten.

use super::history;
use super::ReviewError;
use std::path::{Path, PathBuf};

/// Each tracked file with its bytes then (`None`: there was no file).
#[derive(Debug, Clone, Default)]
pub struct Tracked {
    files: Vec<(PathBuf, Option<Vec<u8>>)>,
}

impl Tracked {
    /// Reads `paths` as they are now.
    pub fn read(paths: Vec<PathBuf>) -> Tracked {
        Tracked {
            files: paths
                .into_iter()
                .map(|p| {
                    let bytes = history::current(&p);
                    (p, bytes)
                })
                .collect(),
        }
    }

    /// The bytes `path` had when last read or written.
    pub fn bytes(&self, path: &Path) -> Option<Vec<u8>> {
        self.files
            .iter()
            .find(|(p, _)| p == path)
            .and_then(|(_, b)| b.clone())
    }

    /// Records that `path` now holds `bytes`.
    pub fn set(&mut self, path: &Path, bytes: Option<Vec<u8>>) {
        match self.files.iter_mut().find(|(p, _)| p == path) {
            Some(slot) => slot.1 = bytes,
            None => self.files.push((path.to_path_buf(), bytes)),
        }
    }

    /// A [`ReviewError::Conflict`] when any tracked file differs from what was recorded.
    pub fn check_disk(&self) -> Result<(), ReviewError> {
        for (path, bytes) in &self.files {
            history::expect(path, bytes.as_ref())?;
        }
        Ok(())
    }
}
