//! `bitext glossary`: keep the term glossary (lint, add, rm, fmt, import, export), check a
//! corpus against it, and mine new terms from a corpus.

use crate::cli::output::print;
use crate::glossary::{
    csv_exchange, omegat, tbx, tbx3, Entry, Glossary, Kind, Status, SuggestOptions,
};
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};

/// The glossary used when `--glossary` is not given.
pub const DEFAULT_GLOSSARY: &str = "glossary/ai.csv";

/// Keep the term glossary and check a corpus against it.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  bitext glossary lint
  bitext glossary check out/demo/corpus.tsv
  bitext glossary add \"large language model\" 大语言模型 --glossary glossary/ai.csv
  bitext glossary export --to tbx -o ai.tbx   (TBX-Basic for OmegaT, memoQ, Trados)")]
pub struct Args {
    /// The glossary file (CSV, see docs/glossary-format.md).
    #[arg(long, global = true, default_value = DEFAULT_GLOSSARY)]
    pub glossary: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Report structural problems, duplicates, conflicts, overlaps, empty Chinese; exit 1 when any.
    Lint {
        /// The glossary to lint (default: --glossary).
        file: Option<PathBuf>,
    },
    /// Check a corpus TSV: missing and forbidden renderings, inconsistent renderings; exit 1 when any.
    Check {
        /// The corpus TSV.
        corpus: PathBuf,
    },
    /// Mine candidate term pairs from a corpus TSV, printed as glossary rows with status proposed.
    Suggest {
        /// The corpus TSV.
        corpus: PathBuf,
        /// Minimum number of beads a pair must share.
        #[arg(long, default_value_t = 2)]
        min: usize,
        /// Maximum number of suggestions.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Add an entry (the file is rewritten atomically, sorted, comments and unknown columns kept).
    Add {
        /// The English term.
        en: String,
        /// The preferred Chinese rendering.
        zh: String,
        /// Other accepted Chinese renderings.
        zh_alt: Vec<String>,
        /// Another English form (repeatable).
        #[arg(long = "en-alt")]
        en_alt: Vec<String>,
        /// A forbidden Chinese rendering (repeatable).
        #[arg(long)]
        forbid: Vec<String>,
        /// concept, name, org, product, acronym or place.
        #[arg(long = "type", default_value = "concept")]
        kind: String,
        /// approved, proposed or deprecated.
        #[arg(long, default_value = "approved")]
        status: String,
        #[arg(long, default_value = "")]
        note: String,
        /// The term stays in Latin letters in Chinese.
        #[arg(long)]
        latin: bool,
        /// Match the English case exactly.
        #[arg(long = "case")]
        case_sensitive: bool,
        /// Do not match inflected English forms.
        #[arg(long)]
        no_inflect: bool,
        /// Replace an existing entry for the same English term.
        #[arg(long)]
        replace: bool,
    },
    /// Remove the entry for an English term.
    Rm {
        /// The English term (case ignored).
        en: String,
    },
    /// Rewrite the glossary in canonical form (sorted rows).
    Fmt,
    /// Export the glossary for other tools.
    Export {
        /// tbx (TBX-Basic v2, martif), tbx3 (TBX v3), omegat (tab-separated) or csv (memoQ/Trados).
        #[arg(long)]
        to: Format,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Import a glossary from another tool into --glossary (existing entries are kept).
    Import {
        file: PathBuf,
        /// The file's format (default: from its extension and content).
        #[arg(long)]
        from: Option<Format>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Tbx,
    Tbx3,
    Omegat,
    Csv,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let path = args.glossary;
    match args.command {
        Command::Lint { file } => lint(file.as_deref().unwrap_or(&path)),
        Command::Check { corpus } => check(&corpus, &path),
        Command::Suggest { corpus, min, limit } => suggest(&corpus, &path, min, limit),
        Command::Add {
            en,
            zh,
            zh_alt,
            en_alt,
            forbid,
            kind,
            status,
            note,
            latin,
            case_sensitive,
            no_inflect,
            replace,
        } => {
            let mut entry = Entry::new(&en, &zh);
            entry.zh_alt = zh_alt;
            entry.en_alt = en_alt;
            entry.zh_forbidden = forbid;
            entry.kind = Kind::parse(&kind).with_context(|| format!("unknown --type {kind:?}"))?;
            entry.status =
                Status::parse(&status).with_context(|| format!("unknown --status {status:?}"))?;
            entry.note = note;
            entry.latin = latin;
            entry.case_sensitive = case_sensitive;
            entry.inflect = !no_inflect;
            add(&path, entry, replace)
        }
        Command::Rm { en } => {
            edit(&path, true, |glossary| {
                if glossary.remove(&en).is_empty() {
                    bail!("{}: no entry for “{en}”", path.display());
                }
                Ok(())
            })?;
            Ok(0)
        }
        Command::Fmt => {
            edit(&path, true, |_| Ok(()))?;
            Ok(0)
        }
        Command::Export { to, output } => {
            let glossary = Glossary::load(&path)?;
            let text = match to {
                Format::Tbx => tbx::write(&glossary.entries),
                Format::Tbx3 => tbx3::write(&glossary.entries),
                Format::Omegat => omegat::write(&glossary.entries),
                Format::Csv => csv_exchange::write(&glossary.entries),
            };
            match output {
                Some(out) => crate::text::files::write_atomic(&out, text.as_bytes())?,
                None => print(&text)?,
            }
            Ok(0)
        }
        Command::Import { file, from } => import(&path, &file, from),
    }
}

fn lint(path: &Path) -> anyhow::Result<i32> {
    let text = crate::text::files::read_text(path)?;
    let problems = crate::glossary::lint(&text);
    let mut out = String::new();
    for p in &problems {
        out.push_str(&format!(
            "{}:{}: {}: {}\n",
            path.display(),
            p.line,
            p.kind.as_str(),
            p.message
        ));
    }
    print(&out)?;
    if problems.is_empty() {
        Ok(0)
    } else {
        eprintln!("{}: {} problem(s)", path.display(), problems.len());
        Ok(1)
    }
}

fn check(corpus_path: &Path, path: &Path) -> anyhow::Result<i32> {
    let glossary = Glossary::load(path)?;
    let text = crate::text::files::read_text(corpus_path)?;
    let corpus = crate::corpus::tsv::parse(&text, corpus_path)?;
    let lines = row_lines(&text);
    let findings = crate::glossary::check(&corpus, &glossary);
    let mut out = String::new();
    for f in &findings {
        let row = &corpus.rows[f.row];
        let time = row
            .start_ms
            .map(crate::corpus::tsv::format_time)
            .unwrap_or_else(|| "-".into());
        out.push_str(&format!(
            "{}:{}: {} {}: {}\n  en: {}\n  zh: {}\n",
            corpus_path.display(),
            lines.get(f.row).copied().unwrap_or(0),
            time,
            f.kind.as_str(),
            f.message,
            row.en,
            row.zh
        ));
    }
    print(&out)?;
    if findings.is_empty() {
        Ok(0)
    } else {
        eprintln!("{}: {} finding(s)", corpus_path.display(), findings.len());
        Ok(1)
    }
}

/// The 1-based line of every row of a corpus TSV (as `corpus::tsv::parse` reads it: comment
/// and blank lines before the header skipped, then one row per non-empty line).
fn row_lines(text: &str) -> Vec<usize> {
    let mut header_seen = false;
    let mut lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if !header_seen {
            header_seen = !(line.starts_with('#') || line.trim().is_empty());
        } else if !line.is_empty() {
            lines.push(i + 1);
        }
    }
    lines
}

fn suggest(corpus_path: &Path, path: &Path, min: usize, limit: usize) -> anyhow::Result<i32> {
    let corpus = crate::corpus::tsv::read(corpus_path)?;
    // Terms the glossary already has are not suggested again.
    let known = if path.exists() {
        Some(Glossary::load(path)?)
    } else {
        None
    };
    let options = SuggestOptions {
        min_count: min.max(1),
        limit,
    };
    let suggestions = crate::glossary::suggest(&corpus, known.as_ref(), &options);
    let entries: Vec<Entry> = suggestions
        .iter()
        .map(|s| {
            let row = &corpus.rows[s.example];
            let mut e = Entry::new(&s.en, &s.zh);
            e.latin = s.latin;
            e.status = Status::Proposed;
            e.note = format!("suggested: {} beads, Dice {:.2}", s.count, s.dice);
            e.comments = vec![format!(
                "# e.g. row {}: {} ⇥ {}",
                s.example + 1,
                one_line(&row.en, 120),
                one_line(&row.zh, 80)
            )];
            e
        })
        .collect();
    let base = known.as_ref().map(Glossary::columns).unwrap_or_default();
    let columns = crate::glossary::file::columns_for(&base, &entries);
    let mut out = format!(
        "# {} suggestion(s) from {}, best first; paste the rows into the glossary\n",
        entries.len(),
        corpus_path.display()
    );
    out.push_str(&crate::glossary::file::header(&columns));
    out.push_str(&crate::glossary::file::rows(&columns, &entries));
    print(&out)?;
    Ok(0)
}

fn one_line(s: &str, max_chars: usize) -> String {
    let s = s.replace(['\n', '\t', '\r'], " ");
    if s.chars().count() > max_chars {
        format!("{}…", s.chars().take(max_chars).collect::<String>())
    } else {
        s
    }
}

/// Edits the glossary file under its lock, re-read afresh (see
/// [`crate::text::files::update_locked`]): concurrent `add`, `rm`, `fmt` and `import` runs
/// queue instead of overwriting each other. A missing file is an error when `must_exist`,
/// else an empty glossary.
fn edit(
    path: &Path,
    must_exist: bool,
    change: impl FnOnce(&mut Glossary) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    crate::text::files::update_locked(path, |old| {
        let mut glossary = match old {
            Some(text) => Glossary::parse(&text, path)?,
            None if must_exist => {
                return Err(crate::text::files::FileError::Read {
                    path: path.to_path_buf(),
                    source: std::io::ErrorKind::NotFound.into(),
                }
                .into())
            }
            None => Glossary::default(),
        };
        change(&mut glossary)?;
        Ok(Some(glossary.to_csv()))
    })
}

fn add(path: &Path, entry: Entry, replace: bool) -> anyhow::Result<i32> {
    edit(path, false, |glossary| {
        add_to(glossary, path, entry, replace)
    })?;
    Ok(0)
}

fn add_to(glossary: &mut Glossary, path: &Path, entry: Entry, replace: bool) -> anyhow::Result<()> {
    if glossary.find(&entry.en).is_some() {
        if !replace {
            bail!(
                "{}: “{}” is already there (use --replace to overwrite it)",
                path.display(),
                entry.en
            );
        }
        let old = glossary.remove(&entry.en);
        let mut entry = entry;
        // Keep what the command line cannot say: comments and unknown columns.
        if let Some(first) = old.into_iter().next() {
            entry.comments = first.comments;
            entry.extra = first.extra;
        }
        glossary.push(entry);
    } else {
        glossary.push(entry);
    }
    Ok(())
}

fn import(path: &Path, file: &Path, from: Option<Format>) -> anyhow::Result<i32> {
    let text = crate::text::files::read_text(file)?;
    let format = match from {
        Some(f) => f,
        None => guess_format(file, &text)?,
    };
    let entries = match format {
        Format::Tbx | Format::Tbx3 => tbx::parse(&text, file)?,
        Format::Omegat => omegat::parse(&text, file)?,
        Format::Csv => {
            if looks_native(&text) {
                Glossary::parse(&text, file)?.entries
            } else {
                csv_exchange::parse(&text, file)?
            }
        }
    };
    let (mut added, mut kept) = (0, 0);
    edit(path, false, |glossary| {
        // One hash lookup per imported entry (a scan each was quadratic: 100k entries, 25 s).
        let mut known: std::collections::HashSet<String> = glossary
            .entries
            .iter()
            .map(|e| e.en.trim().to_ascii_lowercase())
            .collect();
        for mut entry in entries {
            if !known.insert(entry.en.trim().to_ascii_lowercase()) {
                kept += 1;
                continue;
            }
            entry.comments.clear();
            glossary.push(entry);
            added += 1;
        }
        Ok(())
    })?;
    print(&format!(
        "{}: added {added} entr{}, kept {kept} existing\n",
        path.display(),
        if added == 1 { "y" } else { "ies" }
    ))?;
    Ok(0)
}

/// A bitext glossary CSV (its header has `en` and `zh` columns).
fn looks_native(text: &str) -> bool {
    let header = text
        .lines()
        .find(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .unwrap_or_default();
    let cells: Vec<String> = header.split(',').map(|c| c.trim().to_lowercase()).collect();
    cells.iter().any(|c| c == "en") && cells.iter().any(|c| c == "zh")
}

fn guess_format(file: &Path, text: &str) -> anyhow::Result<Format> {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    Ok(match ext.as_str() {
        "tbx" | "xml" => Format::Tbx,
        "csv" => Format::Csv,
        "txt" | "tsv" | "tab" | "utf8" => {
            let first = text
                .lines()
                .find(|l| !l.starts_with('#'))
                .unwrap_or_default();
            if first.to_ascii_lowercase().starts_with("english") {
                Format::Csv
            } else {
                Format::Omegat
            }
        }
        _ if text.trim_start().starts_with('<') => Format::Tbx,
        _ => bail!(
            "{}: cannot tell the glossary format from the name; pass --from tbx|tbx3|omegat|csv",
            file.display()
        ),
    })
}
