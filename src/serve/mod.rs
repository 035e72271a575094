//! `bitext serve`: the review workbench, a local web page over one or more corpus folders.
//!
//! The server owns the data and the rules; the page (plain HTML/CSS/JS embedded in the binary,
//! [`assets`]) only asks. Every page's data comes from a GET JSON endpoint, and every change
//! the page makes is one call of the review workspace ([`crate::review::Workspace`]), saved to
//! the corpus folder's files at once. One file per resource: [`rows`], [`actions`] (the
//! corrections, undo, redo, reload), [`findings`], [`glossary`], [`export`], [`assets`]; the
//! routes are listed in one place ([`router`]) and the security rules in another ([`security`]).
//!
//! Safe by default: it binds 127.0.0.1 unless told otherwise, refuses a foreign `Host` or
//! `Origin`, wants the per-launch secret on every API call, limits request bodies, and never
//! lets a path from a request reach the file system: a corpus is picked by name from the list
//! fixed at launch.

pub mod actions;
pub mod assets;
pub mod background;
pub mod export;
pub mod findings;
pub mod glossary;
pub mod router;
pub mod rows;
pub mod security;
mod state;

use crate::source::manifest::Manifest;
use state::{AppState, Slot};
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Manifest(#[from] crate::source::manifest::ManifestError),
    #[error("two corpus folders are both named {name:?}: {first} and {second}")]
    DuplicateName {
        name: String,
        first: PathBuf,
        second: PathBuf,
    },
    #[error("no corpus to serve")]
    NoCorpus,
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the secret for this launch: {0}")]
    Secret(String),
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct Config {
    /// The corpus folders (each holding a `bitext.toml`); each is served under its name.
    pub corpora: Vec<PathBuf>,
    /// Where the views go (`OUT/NAME/`), as for `bitext run`.
    pub out_root: PathBuf,
    /// The address to listen on: 127.0.0.1 unless the user asked for another.
    pub ip: IpAddr,
    /// The port; 0 picks any free one.
    pub port: u16,
}

impl Config {
    /// Serves `corpora` on 127.0.0.1 at `port`, writing views under `out_root`.
    pub fn local(corpora: Vec<PathBuf>, out_root: PathBuf, port: u16) -> Config {
        Config {
            corpora,
            out_root,
            ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port,
        }
    }
}

/// A server bound to its port, not yet serving: the URL is known before the first request.
pub struct Server {
    listener: TcpListener,
    state: Arc<AppState>,
    addr: SocketAddr,
}

impl Server {
    /// Reads each corpus's manifest (so a bad folder fails now, naming its file), makes the
    /// per-launch secret and binds the port. The corpora themselves open on first use.
    pub fn bind(config: Config) -> Result<Server, ServeError> {
        if config.corpora.is_empty() {
            return Err(ServeError::NoCorpus);
        }
        let mut corpora: BTreeMap<String, Arc<Slot>> = BTreeMap::new();
        for dir in &config.corpora {
            let manifest = Manifest::load(dir)?;
            if let Some(other) = corpora.get(&manifest.name) {
                return Err(ServeError::DuplicateName {
                    name: manifest.name.clone(),
                    first: other.dir.clone(),
                    second: dir.clone(),
                });
            }
            corpora.insert(
                manifest.name.clone(),
                Arc::new(Slot {
                    dir: dir.clone(),
                    title: manifest.title.clone(),
                    video: manifest.video.clone().filter(|v| security::is_video_id(v)),
                    workspace: Mutex::new(None),
                    background: Default::default(),
                }),
            );
        }
        let wanted = SocketAddr::new(config.ip, config.port);
        let listener = TcpListener::bind(wanted).map_err(|source| ServeError::Bind {
            addr: wanted,
            source,
        })?;
        let addr = listener.local_addr()?;
        let token = security::new_token().map_err(ServeError::Secret)?;
        let state = Arc::new(AppState {
            corpora,
            out_root: config.out_root,
            token,
            hosts: security::allowed_hosts(addr),
        });
        Ok(Server {
            listener,
            state,
            addr,
        })
    }

    /// The address the server listens on (with the port picked when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The per-launch secret the page sends with every API call.
    pub fn token(&self) -> &str {
        &self.state.token
    }

    /// The URL to open: the secret rides in the fragment, which the browser never sends to a
    /// server (so it stays out of logs and `Referer`), and the page keeps it for its calls.
    pub fn url(&self) -> String {
        format!("http://{}/#token={}", self.addr, self.state.token)
    }

    /// Serves until the process ends. Writes are atomic, so stopping it (Ctrl-C) mid-change
    /// leaves every file either as it was or as changed.
    pub fn run(self) -> Result<(), ServeError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        runtime.block_on(async move {
            self.listener.set_nonblocking(true)?;
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            let app = router::router(self.state);
            axum::serve(listener, app).await
        })?;
        Ok(())
    }
}
