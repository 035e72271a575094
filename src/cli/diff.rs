//! `bitext diff`: what changed between two corpus files, row by row and word by word.

use crate::cli::output;
use crate::corpus::tsv;
use crate::diff::{self, Style};
use std::path::PathBuf;

/// Compare two corpus TSVs. Exit 0 when equal, 1 when different, 2 on error (like diff).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  bitext diff old/corpus.tsv out/demo/corpus.tsv
  git show HEAD~1:corpus.tsv > /tmp/old.tsv && bitext diff /tmp/old.tsv corpus.tsv")]
pub struct Args {
    pub old: PathBuf,
    pub new: PathBuf,
    /// Colour the changes: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    pub color: String,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let old = tsv::read(&args.old)?;
    let new = tsv::read(&args.new)?;
    let color = match args.color.as_str() {
        "always" => true,
        "never" => false,
        _ => output::stdout_is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let changes = diff::compare(&old, &new);
    if changes.is_empty() {
        return Ok(0);
    }
    let old_name = args.old.display().to_string();
    let new_name = args.new.display().to_string();
    output::print(&diff::format(
        &old,
        &new,
        &changes,
        (&old_name, &new_name),
        Style { color },
    ))?;
    Ok(1)
}
