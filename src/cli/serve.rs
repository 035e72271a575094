//! `bitext serve`: the review workbench ([`crate::serve`]) for one or more corpus folders, on
//! 127.0.0.1; prints the URL to open (with this launch's secret) and serves until Ctrl-C.

use crate::pipeline;
use crate::serve::{Config, Server};
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

/// Open the review workbench: a local web page to fix a corpus's alignment, its Chinese text,
/// its drift findings and its glossary, saving every change at once to the corpus folder.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  bitext serve demo            # then open the URL it prints\n  bitext serve --open          # every corpus, a chooser first, in the browser\n  bitext serve demo --port 0   # any free port"
)]
pub struct Args {
    /// Corpus names (folders under --corpus-dir) or paths to corpus folders; all when none.
    pub names: Vec<String>,
    /// The folder holding the corpus folders.
    #[arg(long, default_value = "corpus")]
    pub corpus_dir: PathBuf,
    /// Where exports go: one folder per corpus inside it (as for `run`).
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// The port to listen on; 0 picks any free port.
    #[arg(long, default_value_t = 7420)]
    pub port: u16,
    /// Open the page in the browser (with xdg-open).
    #[arg(long)]
    pub open: bool,
    /// Listen on this address instead of 127.0.0.1. UNSAFE on a shared network: anyone who
    /// can reach it and learns the URL can change the corpus. Requests must still name this
    /// address as their Host.
    #[arg(long, value_name = "IP")]
    pub unsafe_listen: Option<IpAddr>,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let dirs = pipeline::folders::corpus_dirs(&args.corpus_dir, &args.names)?;
    let ip = args
        .unsafe_listen
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !ip.is_loopback() {
        eprintln!(
            "bitext serve: WARNING: listening on {ip}, not 127.0.0.1: anyone who can reach this \
             address and learns the printed URL can read and change the corpus"
        );
    }
    let config = Config {
        corpora: dirs,
        out_root: args.out,
        ip,
        port: args.port,
    };
    let server = Server::bind(config).map_err(|e| match e {
        crate::serve::ServeError::Bind { addr, source }
            if source.kind() == std::io::ErrorKind::AddrInUse =>
        {
            anyhow::anyhow!(
                "cannot listen on {addr}: the port is in use (pass --port 0 for any free port)"
            )
        }
        other => other.into(),
    })?;
    let url = server.url();
    // The URL alone on standard output (a script or test reads it); the rest on stderr.
    let mut out = std::io::stdout();
    writeln!(out, "{url}")?;
    out.flush()?;
    eprintln!(
        "bitext serve: the workbench is at the URL above (its secret changes at every launch); \
         Ctrl-C stops it"
    );
    if args.open {
        open_browser(&url);
    }
    server.run()?;
    Ok(0)
}

/// Opens `url` with xdg-open when there is one; says so when there is not.
fn open_browser(url: &str) {
    match std::process::Command::new("xdg-open")
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        Ok(_) => {}
        Err(e) => eprintln!("bitext serve: cannot run xdg-open ({e}); open the URL yourself"),
    }
}
