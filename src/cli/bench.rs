//! `bitext bench`: the aligner's speed figures — lexicon loading, a whole evaluation set,
//! one `bitext align` process for a chapter-sized pair, and synthetic long documents at
//! 1×, 4×, 16× and 80× size (with peak memory; 80× is about 100,000 Chinese sentences) so
//! that the growth rate is visible.

use crate::align::{align, lexicon::Lexicon, AlignOptions};
use crate::segment::Segment;
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Measure alignment speed on the gold sets (read from DATA, default ../shared/data).
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  bitext bench --data ../shared/data")]
pub struct Args {
    /// The shared data folder holding align/mac-dev and align/aca.
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Internal: run one synthetic alignment of this many times the base size and print
    /// its time and peak memory (each size runs in its own process so peaks do not mix).
    #[arg(long, hide = true)]
    pub synthetic: Option<usize>,
    /// Time the inputs that once took quadratic time (srv1/srv3/VTT at 20k cues and one 1 MB
    /// cue, glossary lint and import at 100k entries) instead of the aligner.
    #[arg(long)]
    pub traps: bool,
    /// With --traps: the bitext binary to time (default: this one), to compare versions.
    #[arg(long, requires = "traps")]
    pub exe: Option<PathBuf>,
    /// With --traps: seconds after which a case is stopped and reported as `> LIMIT`.
    #[arg(long, default_value_t = 60, requires = "traps")]
    pub limit: u64,
}

/// Base size of the synthetic document pair, in Chinese sentences (16× is 20,000, 80×
/// 100,000).
const BASE_ZH: usize = 1250;

fn set_docs(dir: &Path) -> anyhow::Result<Vec<(Vec<Segment>, Vec<Segment>)>> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("zh"))
        .with_context(|| format!("{}: cannot list zh/", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| {
            let zh = crate::text::files::read_text(&dir.join("zh").join(n))?;
            let en = crate::text::files::read_text(&dir.join("en").join(n))?;
            Ok((crate::segment::lines(&zh), crate::segment::lines(&en)))
        })
        .collect()
}

/// Peak resident memory of this process so far, in MB (Linux `VmHWM`).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU time of this process so far, in seconds (Linux `/proc/self/stat`: user + system
/// ticks, at the usual 100 a second). On a shared machine wall time says little.
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit(')').next()?;
    let cells: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = cells.get(11)?.parse().ok()?;
    let stime: f64 = cells.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// CPU time of this process's finished children so far, in seconds (user + system), so that
/// the figures of the `eval` and `align` processes say how much work they took, which on a
/// shared machine their wall time does not.
fn children_cpu_secs() -> f64 {
    // SAFETY: getrusage only writes into the struct it is given, which is ours.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } != 0 {
        return f64::NAN;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

fn synthetic(data: &Path, scale: usize) -> anyhow::Result<String> {
    let mut docs = set_docs(&data.join("align/mac-dev"))?;
    docs.extend(set_docs(&data.join("align/aca"))?);
    let target = BASE_ZH * scale;
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    'fill: loop {
        for (z, e) in &docs {
            if zh.len() >= target {
                break 'fill;
            }
            zh.extend(z.iter().cloned());
            en.extend(e.iter().cloned());
        }
    }
    let t = Instant::now();
    let cpu = cpu_secs();
    let beads = align(&zh, &en, &AlignOptions::default());
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_secs().zip(cpu).map_or(f64::NAN, |(b, a)| b - a);
    Ok(format!(
        "synthetic {scale}x\t{} x {}\t{secs:.2} s\t({cpu:.2} s CPU)\t{} beads\tpeak {:.0} MB\n",
        zh.len(),
        en.len(),
        beads.len(),
        peak_mb().unwrap_or(f64::NAN)
    ))
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    if args.traps {
        let exe = match args.exe {
            Some(exe) => exe,
            None => std::env::current_exe().context("cannot find the bitext executable")?,
        };
        let limit = std::time::Duration::from_secs(args.limit);
        crate::cli::output::print(&crate::cli::bench_traps::run(&exe, limit)?)?;
        return Ok(0);
    }
    if let Some(scale) = args.synthetic {
        crate::cli::output::print(&synthetic(&args.data, scale)?)?;
        return Ok(0);
    }
    let mac = args.data.join("align/mac-dev");
    if !mac.is_dir() {
        anyhow::bail!("{}: no such folder (give --data)", mac.display());
    }
    let mut out = String::new();

    let t = Instant::now();
    let lex = Lexicon::get();
    out.push_str(&format!(
        "lexicon load\t{} headwords\t{:.3} s\n",
        lex.len(),
        t.elapsed().as_secs_f64()
    ));

    // All of MAC dev in a fresh process: reading, lexicon, alignment, scoring.
    let exe = std::env::current_exe().context("cannot find the bitext executable")?;
    let t = Instant::now();
    let cpu = children_cpu_secs();
    let status = Command::new(&exe)
        .arg("eval")
        .arg(&mac)
        .stdout(std::process::Stdio::null())
        .status()?;
    out.push_str(&format!(
        "eval mac-dev (process)\t{:.3} s wall\t({:.2} s CPU)\t{}\n",
        t.elapsed().as_secs_f64(),
        children_cpu_secs() - cpu,
        if status.success() { "ok" } else { "FAILED" }
    ));

    // One chapter-sized pair, as one `bitext align` process from start to exit.
    let docs = set_docs(&mac)?;
    let names: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> = std::fs::read_dir(mac.join("zh"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        v.sort();
        v
    };
    let (k, (z, e)) = docs
        .iter()
        .enumerate()
        .min_by_key(|(_, (z, e))| (z.len() as i64 - 250).abs() + (e.len() as i64 - 300).abs())
        .context("empty set")?;
    let name = names[k].file_name().context("file name")?;
    let t = Instant::now();
    let cpu = children_cpu_secs();
    let status = Command::new(&exe)
        .args(["align", "--segmented", "--emit", "ladder"])
        .arg(mac.join("zh").join(name))
        .arg(mac.join("en").join(name))
        .stdout(std::process::Stdio::null())
        .status()?;
    out.push_str(&format!(
        "align one pair (process)\t{} x {}\t{:.3} s wall\t({:.2} s CPU)\t{}\n",
        z.len(),
        e.len(),
        t.elapsed().as_secs_f64(),
        children_cpu_secs() - cpu,
        if status.success() { "ok" } else { "FAILED" }
    ));
    crate::cli::output::print(&out)?;

    for scale in [1, 4, 16, 80] {
        let o = Command::new(&exe)
            .arg("bench")
            .arg("--data")
            .arg(&args.data)
            .arg("--synthetic")
            .arg(scale.to_string())
            .output()?;
        if !o.status.success() {
            anyhow::bail!(
                "synthetic {scale}x failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        crate::cli::output::print(&String::from_utf8_lossy(&o.stdout))?;
    }
    Ok(0)
}
