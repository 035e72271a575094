//! Reading user files into text (with encoding detection) and writing outputs atomically.
//!
//! Every input goes through [`read_text`], so every stage gets the same promises: a clear
//! error naming the file for a missing file, a directory, an empty or binary file; a UTF-8
//! BOM and CRLF line ends accepted; UTF-16 with a BOM and GB18030/GBK decoded.
//! Every output goes through [`write_atomic`], so an interrupted run never leaves half a file;
//! every edit of a shared file through [`update_locked`], so concurrent writers lose nothing;
//! a set of files that must change together through [`publish_dir`].

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file could not be read as text or written.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: is a directory, expected a file")]
    Directory { path: PathBuf },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: looks like a binary file (NUL byte at offset {offset}), expected text")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: not valid UTF-8 (byte offset {offset}) and not GB18030 either; convert it to UTF-8")]
    Encoding { path: PathBuf, offset: usize },
    #[error("{path}: larger than the {} MiB bitext reads at most", limit / (1024 * 1024))]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The encoding a file was decoded from, for messages and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

/// The largest input bitext reads: 64 MiB. A transcript of a ten-hour talk is under 5 MiB and
/// the longest article a few hundred KiB, so anything larger is a mistake (or `/dev/zero`),
/// refused with [`FileError::TooLarge`] before it is held in memory.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a file as text: see [`decode`]. Line ends are normalised to `\n`. At most
/// [`MAX_INPUT_BYTES`] are read, even from a device or a pipe that never ends.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let bytes = read_bytes(path)?;
    decode(&bytes, path).map(|(text, _)| text)
}

/// Reads a file's bytes, refusing a folder and anything over [`MAX_INPUT_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, FileError> {
    use std::io::Read;
    if path.is_dir() {
        return Err(FileError::Directory {
            path: path.to_path_buf(),
        });
    }
    let read_err = |source| FileError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(bytes)
}

/// Decodes bytes read from `path` (named in errors): UTF-8 (BOM optional), UTF-16 with a
/// BOM, or GB18030 when the bytes are not UTF-8 but decode cleanly as GB18030.
/// CRLF and lone CR line ends become `\n`.
pub fn decode(bytes: &[u8], path: &Path) -> Result<(String, Encoding), FileError> {
    let path_buf = || path.to_path_buf();
    if bytes.is_empty() {
        return Err(FileError::Empty { path: path_buf() });
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest, path, 3)?, Encoding::Utf8)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        (text.into_owned(), Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        (text.into_owned(), Encoding::Utf16Be)
    } else {
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return Err(FileError::Binary {
                path: path_buf(),
                offset,
            });
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), Encoding::Utf8),
            Err(err) => {
                let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
                if had_errors || looks_binary(&text) {
                    return Err(FileError::Encoding {
                        path: path_buf(),
                        offset: err.valid_up_to(),
                    });
                }
                (text.into_owned(), Encoding::Gb18030)
            }
        }
    };
    if let Some(offset) = text.find('\0') {
        return Err(FileError::Binary {
            path: path_buf(),
            offset,
        });
    }
    let text = normalise_line_ends(&text);
    if text.trim().is_empty() {
        return Err(FileError::Empty { path: path_buf() });
    }
    Ok((text, encoding))
}

fn utf8(bytes: &[u8], path: &Path, base: usize) -> Result<String, FileError> {
    String::from_utf8(bytes.to_vec()).map_err(|err| FileError::Encoding {
        path: path.to_path_buf(),
        offset: base + err.utf8_error().valid_up_to(),
    })
}

/// Control characters other than tab and line ends are rare in text and common in binaries.
fn looks_binary(text: &str) -> bool {
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
        .count();
    controls * 100 > text.chars().count().max(1)
}

fn normalise_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Writes `contents` to `path` through a temporary file in the same folder, renamed over the
/// target only once complete: an existing file is replaced by a whole new one or left alone.
/// Missing parent folders are created.
///
/// - A symlink is written through: its target gets the new contents, the link stays a link.
/// - An existing file keeps its permission bits (and, when bitext may, its owner); a new file
///   gets the mode the umask leaves of 0666, as any other program's new file would.
/// - The temporary file is removed on error and on SIGINT/SIGTERM; litter of killed runs is
///   swept (see [`crate::text::tempfiles`]).
///
/// Outputs that must stay inside a folder go through [`crate::text::confine::write_within`].
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), FileError> {
    let target = resolve_link(path).map_err(|source| FileError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    write_atomic_at(&target, contents).map_err(|source| FileError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// The file a write to `path` lands in: `path` itself, or the end of its chain of symlinks
/// (which may not exist yet). More than 40 links is an error, as for the kernel.
pub fn resolve_link(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// The atomic write proper, to `target` (not a symlink).
fn write_atomic_at(target: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
    let dir = parent_dir(target);
    std::fs::create_dir_all(dir)?;
    crate::text::tempfiles::sweep(dir);
    let existing = std::fs::metadata(target).ok().filter(|m| m.is_file());
    let tmp = TempFile::new(crate::text::tempfiles::fresh_name(dir, "tmp"));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o666)
        .open(&tmp.path)?;
    file.write_all(contents)?;
    if let Some(meta) = &existing {
        let _ = std::os::unix::fs::fchown(&file, Some(meta.uid()), Some(meta.gid()));
        file.set_permissions(std::fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    }
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp.path, target)?;
    tmp.persisted();
    Ok(())
}

/// A temporary file removed when dropped, unless persisted (renamed into place).
struct TempFile {
    path: PathBuf,
    registration: Option<crate::text::tempfiles::Registration>,
}

impl TempFile {
    fn new(path: PathBuf) -> TempFile {
        let registration = Some(crate::text::tempfiles::register(&path));
        TempFile { path, registration }
    }

    fn persisted(mut self) {
        self.registration.take();
        self.path = PathBuf::new();
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
        self.registration.take();
    }
}

/// An advisory lock (flock) on a folder, held until dropped. Every read-modify-write of a
/// shared file takes the lock of the folder the file lives in, so writers queue instead of
/// overwriting each other; readers need no lock (writes are atomic renames).
pub struct DirLock {
    _file: std::fs::File,
}

/// Takes the exclusive lock of `dir` (creating the folder if needed), waiting for it.
pub fn lock_dir(dir: &Path) -> std::io::Result<DirLock> {
    use std::os::fd::AsRawFd;
    std::fs::create_dir_all(dir)?;
    let file = std::fs::File::open(dir)?;
    loop {
        // SAFETY: flock on a descriptor we own; the lock goes with it when it is closed.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == 0 {
            return Ok(DirLock { _file: file });
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

/// Read-modify-write of a shared file under an advisory lock: takes the lock of the file's
/// folder (through symlinks, the real file's), reads the file afresh under it (`None` when it
/// does not exist), and writes what `edit` returns atomically (`None`: leave it as it is).
/// Concurrent `update_locked` calls on one file (from any process) therefore lose nothing.
///
/// ```no_run
/// # fn main() -> Result<(), bitext::text::files::FileError> {
/// bitext::text::files::update_locked("notes.txt".as_ref(), |old| {
///     Ok::<_, bitext::text::files::FileError>(Some(format!("{}line\n", old.unwrap_or_default())))
/// })?;
/// # Ok(()) }
/// ```
pub fn update_locked<E, F>(path: &Path, edit: F) -> Result<(), E>
where
    E: From<FileError>,
    F: FnOnce(Option<String>) -> Result<Option<String>, E>,
{
    let write_err = |source| FileError::Write {
        path: path.to_path_buf(),
        source,
    };
    let target = resolve_link(path).map_err(write_err)?;
    let _lock = lock_dir(parent_dir(&target)).map_err(write_err)?;
    let old = if target.exists() {
        Some(read_text(path)?)
    } else {
        None
    };
    if let Some(new) = edit(old)? {
        write_atomic_at(&target, new.as_bytes()).map_err(write_err)?;
    }
    Ok(())
}

/// Replaces the folder `target` by the folder `staging` as one step, so a reader sees either
/// the old set of files or the new one, never a mix. `staging` must sit in the same parent
/// folder as `target`; make it with [`staging_dir`]. On Linux the two are swapped with
/// `renameat2(RENAME_EXCHANGE)` and the old set is then removed; elsewhere (or on a file
/// system without it) the old folder is renamed aside first. A `target` that is a symlink is
/// refused: publishing never follows a link out of the output folder.
///
/// ```no_run
/// # fn main() -> Result<(), bitext::text::files::FileError> {
/// use bitext::text::files::{publish_dir, staging_dir, write_atomic};
/// let target = std::path::Path::new("out/kevin-scott");
/// let staging = staging_dir(target)?;            // out/.bitext-PID-RAND.tmp/
/// write_atomic(&staging.join("corpus.tsv"), b"...")?;
/// // ... every other view ...
/// publish_dir(&staging, target)?;                // out/kevin-scott is now the new set
/// # Ok(()) }
/// ```
/// If the run fails before `publish_dir`, remove the staging folder (or leave it: the next
/// write into `out/` sweeps it once its process is gone).
pub fn publish_dir(staging: &Path, target: &Path) -> Result<(), FileError> {
    let write_err = |source| FileError::Write {
        path: target.to_path_buf(),
        source,
    };
    match std::fs::symlink_metadata(target) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(write_err(std::io::Error::other(
                "is a symbolic link; refusing to publish through it (remove the link)",
            )))
        }
        Ok(meta) if !meta.is_dir() => {
            return Err(write_err(std::io::Error::other(
                "exists and is not a folder",
            )))
        }
        Ok(_) => {}
        Err(_) => {
            return std::fs::rename(staging, target).map_err(write_err);
        }
    }
    if exchange(staging, target).is_ok() {
        // `staging` now holds the old set.
        let _ = std::fs::remove_dir_all(staging);
        return Ok(());
    }
    let old = crate::text::tempfiles::fresh_name(parent_dir(target), "old");
    std::fs::rename(target, &old).map_err(write_err)?;
    if let Err(e) = std::fs::rename(staging, target) {
        let _ = std::fs::rename(&old, target);
        return Err(write_err(e));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// A fresh, empty staging folder beside `target` for [`publish_dir`].
pub fn staging_dir(target: &Path) -> Result<PathBuf, FileError> {
    let parent = parent_dir(target);
    let write_err = |source| FileError::Write {
        path: target.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(parent).map_err(write_err)?;
    crate::text::tempfiles::sweep(parent);
    let staging = crate::text::tempfiles::fresh_name(parent, "tmp");
    std::fs::create_dir(&staging).map_err(write_err)?;
    Ok(staging)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: two valid NUL-terminated paths relative to the current folder.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.txt")
    }

    #[test]
    fn utf8_bom_and_crlf_are_accepted() {
        let (text, enc) = decode(b"\xEF\xBB\xBFa\r\nb\r\n", p()).unwrap();
        assert_eq!(text, "a\nb\n");
        assert_eq!(enc, Encoding::Utf8);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "你好".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(
            decode(&bytes, p()).unwrap(),
            ("你好".into(), Encoding::Utf16Le)
        );
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("今天天气很好。我们去公园吧。");
        let (text, enc) = decode(&bytes, p()).unwrap();
        assert_eq!(text, "今天天气很好。我们去公园吧。");
        assert_eq!(enc, Encoding::Gb18030);
    }

    #[test]
    fn binary_and_empty_are_refused_naming_the_file() {
        let err = decode(b"abc\0def", p()).unwrap_err().to_string();
        assert!(err.contains("x.txt") && err.contains("binary"), "{err}");
        let err = decode(b"", p()).unwrap_err().to_string();
        assert!(err.contains("x.txt") && err.contains("empty"), "{err}");
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub/out.txt");
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "two");
        let leftovers: Vec<_> = std::fs::read_dir(target.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
