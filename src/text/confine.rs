//! Keeping paths inside a folder: a manifest's inputs inside its corpus folder, outputs
//! inside `out/`, with symlinks resolved before the check, so neither `../../etc/passwd`, an
//! absolute path nor a symlink pointing out gets through.

use std::path::{Component, Path, PathBuf};

/// Why a path was refused.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfineError {
    pub path: PathBuf,
    pub message: String,
}

/// Where `path` really is: the longest existing ancestor with its symlinks resolved, plus the
/// rest (which does not exist yet), with `.` dropped and `..` applied.
pub fn real_path(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut rest: Vec<Component> = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        match existing.canonicalize() {
            Ok(real) => {
                let mut out = real;
                for c in rest.iter().rev() {
                    match c {
                        Component::ParentDir => {
                            out.pop();
                        }
                        Component::CurDir => {}
                        other => out.push(other.as_os_str()),
                    }
                }
                return Ok(out);
            }
            Err(err) => {
                let (Some(parent), Some(last)) =
                    (existing.parent(), existing.components().next_back())
                else {
                    return Err(err);
                };
                rest.push(last);
                existing = parent;
            }
        }
    }
}

/// True when `path` (resolved with [`real_path`]) lies inside `root` (resolved too).
pub fn is_inside(path: &Path, root: &Path) -> bool {
    match (real_path(path), real_path(root)) {
        (Ok(p), Ok(r)) => p.starts_with(&r),
        _ => false,
    }
}

/// Checks that writing `path` stays inside `root`: no component of it (the file itself
/// included) is a symlink leading out of `root`. Returns `path` for chaining.
pub fn output_inside<'a>(root: &Path, path: &'a Path) -> Result<&'a Path, ConfineError> {
    if is_inside(path, root) {
        Ok(path)
    } else {
        Err(ConfineError {
            path: path.to_path_buf(),
            message: format!(
                "resolves outside {} (through a symbolic link or `..`); refusing to write there",
                root.display()
            ),
        })
    }
}

/// [`crate::text::files::write_atomic`] for an output that must stay inside `root` (e.g.
/// `out/`): refused when the path, or any folder on the way, is a symlink leading out.
pub fn write_within(
    root: &Path,
    path: &Path,
    contents: &[u8],
) -> Result<(), crate::text::files::FileError> {
    output_inside(root, path).map_err(|e| crate::text::files::FileError::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.message),
    })?;
    crate::text::files::write_atomic(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_path_of_a_missing_file_resolves_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        assert_eq!(
            real_path(&dir.path().join("a/../b/c.txt")).unwrap(),
            real.join("b/c.txt")
        );
    }

    #[test]
    fn symlinked_output_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("talk")).unwrap();
        let err = write_within(&out, &out.join("talk/corpus.tsv"), b"x").unwrap_err();
        assert!(err.to_string().contains("outside"), "{err}");
        assert!(!elsewhere.join("corpus.tsv").exists());
        write_within(&out, &out.join("demo/corpus.tsv"), b"x").unwrap();
    }
}
