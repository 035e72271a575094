//! The review model: human decisions about a corpus, kept beside its inputs in plain,
//! hand-editable files, and the workspace a front end (the `serve` web page, tests) edits
//! them through.
//!
//! - [`links`]: confirmed links (`corpus/NAME/links.tsv`), keyed by content, and where they
//!   fall in the current sentences ([`links::Links::resolve`]).
//! - [`constrained`]: alignment with the links as hard constraints
//!   ([`align_with_links`]): only the stretches between links are aligned, each on its own.
//! - [`hand_edits`]: rows of `out/NAME/corpus.tsv` edited by hand since bitext wrote it,
//!   taken as confirmed links by `run`.
//! - [`article_edit`]: a corrected Chinese sentence written back into `zh.txt`, every other
//!   byte unchanged.
//! - [`workspace`]: one corpus open for review ([`Workspace`]): [`Action`]s saved at once,
//!   undo and redo ([`history`]), conflicts with edits on disk ([`tracked`]); what each action
//!   writes ([`plan`]); what the page shows ([`view`]); the document alignment after a Chinese
//!   correction ([`settle`]); the views and the confirmed-rows TMX ([`export`]).
//!
//! The formats are specified in `docs/review-format.md`.

pub mod actions;
pub mod article_edit;
pub mod constrained;
pub mod error;
pub mod export;
pub mod hand_edits;
pub mod history;
pub mod links;
mod plan;
pub mod settle;
pub mod tracked;
pub mod view;
pub mod workspace;

pub use actions::{Action, Applied, Direction, Side};
pub use constrained::{align_with_links, align_with_links_cached, StretchCache};
pub use error::ReviewError;
pub use export::{ExportSet, CONFIRMED_TMX};
pub use links::{Link, Links, Resolved, StaleLink};
pub use settle::{DocumentDone, DocumentJob};
pub use view::{ReviewFinding, ReviewRow};
pub use workspace::Workspace;
