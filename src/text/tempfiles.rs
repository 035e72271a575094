//! The temporary files and folders an atomic write leaves behind while it works: named so
//! a later run can tell them from the user's files, removed on error, on SIGINT/SIGTERM, and
//! (when a run was killed outright) swept by the next write into the same folder.
//!
//! Names are `.bitext-PID-RANDOM.tmp` (a file or a staging folder) and `.bitext-PID-RANDOM.old`
//! (a folder being replaced). A sweep removes those whose process is gone, and the
//! `.bitext-*.tmp` of older versions (no PID in the name) once they are an hour old.

use std::collections::HashSet;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, Once};
use std::time::{Duration, SystemTime};

/// The prefix of every temporary name bitext creates.
pub const PREFIX: &str = ".bitext-";

/// A fresh temporary name in `dir` with the given suffix (`tmp` or `old`).
pub fn fresh_name(dir: &Path, suffix: &str) -> PathBuf {
    dir.join(format!(
        "{PREFIX}{}-{:016x}.{suffix}",
        std::process::id(),
        fastrand::u64(..)
    ))
}

/// True for a name bitext's atomic writes use for their temporary files and folders.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(PREFIX) && (name.ends_with(".tmp") || name.ends_with(".old"))
}

/// Removes the temporary files and folders that killed runs left in `dir`: those whose
/// process no longer runs, and old-style ones over an hour old. Each folder is swept at most
/// once per process; errors are ignored (a sweep is housekeeping, never a reason to fail).
pub fn sweep(dir: &Path) {
    static SWEPT: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    {
        let mut swept = SWEPT.lock().unwrap_or_else(|e| e.into_inner());
        if !swept
            .get_or_insert_with(HashSet::new)
            .insert(dir.to_path_buf())
        {
            return;
        }
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if is_temp_name(name) && is_stale(name, &entry) {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => {
                    let _ = std::fs::remove_dir_all(&path);
                }
                _ => {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
    }
}

fn is_stale(name: &str, entry: &std::fs::DirEntry) -> bool {
    let rest = &name[PREFIX.len()..];
    let pid = rest
        .split_once('-')
        .and_then(|(pid, _)| pid.parse::<i32>().ok())
        .filter(|&pid| pid > 0);
    match pid {
        Some(pid) => pid as u32 != std::process::id() && !process_alive(pid),
        None => entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age > Duration::from_secs(3600)),
    }
}

fn process_alive(pid: i32) -> bool {
    // SAFETY: kill with signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

// ---- Removal on SIGINT/SIGTERM -------------------------------------------------------
//
// A signal handler may only call async-signal-safe functions: no allocation, no locks. So
// live temporary paths sit in a fixed table of NUL-terminated buffers, each with a state the
// handler claims by compare-and-swap before reading it (so a slot is never rewritten while the
// handler reads it). The handler unlinks every registered path, then lets the signal take its
// usual course (the previous handler, or the default action: the process ends).

const SLOTS: usize = 64;
const PATH_CAP: usize = 4096;
const FREE: u8 = 0;
const FILLING: u8 = 1;
const READY: u8 = 2;
const CLAIMED: u8 = 3;

struct Slot {
    state: AtomicU8,
    path: std::cell::UnsafeCell<[u8; PATH_CAP]>,
}

// SAFETY: the buffer is written only by the thread that moved the state FREE → FILLING and
// read only by whoever moved it READY → CLAIMED; the state machine serialises the two.
unsafe impl Sync for Slot {}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY_SLOT: Slot = Slot {
    state: AtomicU8::new(FREE),
    path: std::cell::UnsafeCell::new([0; PATH_CAP]),
};
static TABLE: [Slot; SLOTS] = [EMPTY_SLOT; SLOTS];

/// A temporary path registered for removal on SIGINT/SIGTERM; unregisters when dropped.
pub struct Registration {
    slot: Option<usize>,
}

/// Registers `path` to be removed if the process is interrupted before the registration is
/// dropped. When the table is full (64 writes at once) the path is simply not registered:
/// the next sweep removes it.
pub fn register(path: &Path) -> Registration {
    install_handlers();
    let bytes = path.as_os_str().as_bytes();
    if bytes.len() >= PATH_CAP || bytes.contains(&0) {
        return Registration { slot: None };
    }
    for (i, slot) in TABLE.iter().enumerate() {
        if slot
            .state
            .compare_exchange(FREE, FILLING, Ordering::AcqRel, Ordering::Relaxed)
            .is_ok()
        {
            // SAFETY: FILLING gives this thread the buffer alone.
            let buf = unsafe { &mut *slot.path.get() };
            buf[..bytes.len()].copy_from_slice(bytes);
            buf[bytes.len()] = 0;
            slot.state.store(READY, Ordering::Release);
            return Registration { slot: Some(i) };
        }
    }
    Registration { slot: None }
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Some(i) = self.slot {
            // Fails only when the handler claimed the slot: the process is ending anyway.
            let _ =
                TABLE[i]
                    .state
                    .compare_exchange(READY, FREE, Ordering::AcqRel, Ordering::Relaxed);
        }
    }
}

static mut PREVIOUS: [Option<libc::sigaction>; 2] = [None, None];
const SIGNALS: [libc::c_int; 2] = [libc::SIGINT, libc::SIGTERM];

fn install_handlers() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for (i, &sig) in SIGNALS.iter().enumerate() {
            // SAFETY: a plain sigaction install; PREVIOUS is written here once, before the
            // handler can run, and only read by the handler afterwards.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_signal as *const () as libc::sighandler_t;
                action.sa_flags = libc::SA_RESTART;
                libc::sigemptyset(&mut action.sa_mask);
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(sig, &action, &mut old) == 0 {
                    let previous = &raw mut PREVIOUS;
                    (*previous)[i] = Some(old);
                }
            }
        }
    });
}

extern "C" fn on_signal(sig: libc::c_int) {
    for slot in TABLE.iter() {
        if slot
            .state
            .compare_exchange(READY, CLAIMED, Ordering::AcqRel, Ordering::Relaxed)
            .is_ok()
        {
            // SAFETY: CLAIMED gives the handler the buffer; unlink is async-signal-safe.
            unsafe {
                libc::unlink((*slot.path.get()).as_ptr() as *const libc::c_char);
            }
        }
    }
    let i = SIGNALS.iter().position(|&s| s == sig).unwrap_or(0);
    // SAFETY: restore what was there before and re-raise, so the signal ends the process (or
    // reaches the handler someone else installed) as if bitext had never hooked it.
    unsafe {
        let previous = &raw const PREVIOUS;
        match (*previous)[i] {
            Some(old) if old.sa_sigaction != libc::SIG_DFL && old.sa_sigaction != libc::SIG_IGN => {
                let f: extern "C" fn(libc::c_int) = std::mem::transmute(old.sa_sigaction);
                f(sig);
            }
            Some(old) if old.sa_sigaction == libc::SIG_IGN => {}
            _ => {
                libc::signal(sig, libc::SIG_DFL);
                libc::raise(sig);
            }
        }
    }
}

/// The registered paths, for tests that check the table.
#[cfg(test)]
fn registered() -> Vec<std::ffi::CString> {
    TABLE
        .iter()
        .filter(|s| s.state.load(Ordering::Acquire) == READY)
        .map(|s| {
            let buf = unsafe { &*s.path.get() };
            let end = buf.iter().position(|&b| b == 0).unwrap_or(0);
            std::ffi::CString::new(&buf[..end]).unwrap()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_lasts_until_dropped() {
        let path = Path::new("/tmp/.bitext-registration-test.tmp");
        let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
        let reg = register(path);
        assert!(registered().contains(&c));
        drop(reg);
        assert!(!registered().contains(&c));
    }

    #[test]
    fn sweep_removes_litter_of_dead_processes_only() {
        let dir = tempfile::tempdir().unwrap();
        // PID 0x7ffffffe is above any pid_max, so no such process runs.
        let dead = dir.path().join(".bitext-2147483646-00ff.tmp");
        let mine = fresh_name(dir.path(), "tmp");
        let user = dir.path().join("notes.tmp");
        let staging = dir.path().join(".bitext-2147483646-0abc.old");
        for f in [&dead, &mine, &user] {
            std::fs::write(f, "x").unwrap();
        }
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("a"), "x").unwrap();
        sweep(dir.path());
        assert!(!dead.exists() && !staging.exists());
        assert!(mine.exists() && user.exists());
    }
}
