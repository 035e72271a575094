//! Undo and redo as file history: each applied change is the list of files it wrote, with
//! their bytes before and after. Undo puts "before" back only where the file still holds
//! "after" (anything else changed it since: a conflict, nothing written).

use super::ReviewError;
use std::path::{Path, PathBuf};

/// One file written by a change. `before` is `None` when the change created the file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileChange {
    pub path: PathBuf,
    pub before: Option<Vec<u8>>,
    pub after: Vec<u8>,
}

/// One applied change: what it said it did and the files it wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub message: String,
    pub files: Vec<FileChange>,
}

/// The undo and redo stacks.
#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<Change>,
    undone: Vec<Change>,
}

impl History {
    /// Records a change just applied; the redo stack is dropped.
    pub fn record(&mut self, change: Change) {
        if !change.files.is_empty() {
            self.done.push(change);
            self.undone.clear();
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// Undoes the last change: every file must still hold what the change wrote.
    pub fn undo(&mut self) -> Result<Change, ReviewError> {
        let change = self
            .done
            .last()
            .cloned()
            .ok_or_else(|| ReviewError::NoHistory("nothing to undo".into()))?;
        for f in &change.files {
            expect(&f.path, Some(&f.after))?;
        }
        for f in change.files.iter().rev() {
            replace(&f.path, Some(&f.after), f.before.as_deref())?;
        }
        self.done.pop();
        self.undone.push(change.clone());
        Ok(change)
    }

    /// Redoes the last undone change: every file must still hold what it held before it.
    pub fn redo(&mut self) -> Result<Change, ReviewError> {
        let change = self
            .undone
            .last()
            .cloned()
            .ok_or_else(|| ReviewError::NoHistory("nothing to redo".into()))?;
        for f in &change.files {
            expect(&f.path, f.before.as_ref())?;
        }
        for f in &change.files {
            replace(&f.path, f.before.as_deref(), Some(&f.after))?;
        }
        self.undone.pop();
        self.done.push(change.clone());
        Ok(change)
    }
}

/// The file's bytes now (`None`: no file).
pub fn current(path: &Path) -> Option<Vec<u8>> {
    std::fs::read(path).ok()
}

/// A conflict unless `path` holds exactly `bytes` (`None`: no file).
pub fn expect(path: &Path, bytes: Option<&Vec<u8>>) -> Result<(), ReviewError> {
    if current(path).as_ref() == bytes {
        Ok(())
    } else {
        Err(ReviewError::Conflict {
            path: path.to_path_buf(),
        })
    }
}

/// Replaces `before` by `after` in `path` under the lock of the file's folder (the lock every
/// `update_locked` writer of a shared file takes, `glossary add` among them): the file must
/// still hold `before` (`None`: no file) once the lock is held, else nothing is written and
/// the answer is a [`ReviewError::Conflict`]. So a writer in another process is never lost.
pub fn replace(
    path: &Path,
    before: Option<&[u8]>,
    after: Option<&[u8]>,
) -> Result<(), ReviewError> {
    let file_err = |source| crate::text::files::FileError::Write {
        path: path.to_path_buf(),
        source,
    };
    let real = crate::text::files::resolve_link(path).map_err(file_err)?;
    let folder = real
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let _lock = crate::text::files::lock_dir(folder).map_err(file_err)?;
    if current(path).as_deref() != before {
        return Err(ReviewError::Conflict {
            path: path.to_path_buf(),
        });
    }
    put(path, after)
}

/// Writes `bytes` atomically to `path`, or removes the file for `None`.
pub fn put(path: &Path, bytes: Option<&[u8]>) -> Result<(), ReviewError> {
    match bytes {
        Some(b) => crate::text::files::write_atomic(path, b)?,
        None => {
            if path.exists() {
                std::fs::remove_file(path).map_err(|source| {
                    crate::text::files::FileError::Write {
                        path: path.to_path_buf(),
                        source,
                    }
                })?;
            }
        }
    }
    Ok(())
}
