//! A work-directory helper: a unique temporary folder per test, fixture files written into
#![allow(dead_code)]
//! it, and the real `bitext` binary run inside it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::Builder::new()
                .prefix("bitext-test-")
                .tempdir()
                .expect("create a temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a fixture file (parent folders created) and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create fixture folder");
        }
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    pub fn read(&self, name: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// A `bitext` command run inside the work directory.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_bitext"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .env_remove("BITEXT_YOUTUBE_ORIGIN");
        cmd
    }

    /// Runs `bitext` with the arguments and returns its output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run bitext")
    }

    /// Runs `bitext`, asserts exit code 0, and returns standard output.
    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "bitext {args:?} failed with {:?}\n--- stderr\n{}\n--- stdout\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Runs `bitext`, asserts the exit code, and returns standard error.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(code),
            "bitext {args:?}: expected exit {code}\n--- stderr\n{stderr}\n--- stdout\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(
            !stderr.contains("panicked"),
            "bitext {args:?} panicked:\n{stderr}"
        );
        stderr
    }
}

/// The project's shared evaluation data (`../shared/data`), or `None` with a message saying
/// the test is skipped.
pub fn shared_data(test: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping {test}: {} is absent (third-party evaluation data is read from there at run time)",
            dir.display()
        );
        None
    }
}

/// The repository root (for `corpus/`, `glossary/`).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Panics with a readable line diff when `expected` and `actual` differ.
pub fn assert_same(expected: &str, actual: &str) {
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected, actual);
        panic!(
            "output differs (- expected, + actual):\n{}",
            diff.unified_diff().context_radius(2)
        );
    }
}
