//! Writing to standard output safely: locked and buffered, and quiet when the reader
//! goes away (`bitext split zh a.txt | head` exits 0 without a message).

use std::io::Write;

/// Writes `text` to standard output in one go.
pub fn print(text: &str) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// True when the error (anywhere in its chain) is a broken pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// True when standard output is a terminal (for colour and progress bars).
pub fn stdout_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}
