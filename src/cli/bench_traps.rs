//! `bitext bench --traps`: the inputs that once took quadratic time — srv1/srv3/VTT
//! transcripts of 20,000 cues and of one 1 MB cue, `glossary lint` and `glossary import` of
//! 100,000 entries — each timed as one process of a bitext binary (this one, or another
//! given with `--exe` to compare versions), with a time limit so that a regression shows
//! as `> LIMIT s` instead of hanging the benchmark.

use anyhow::Context;
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Generates the inputs in a temporary folder and times each case with `exe`.
pub fn run(exe: &Path, limit: Duration) -> anyhow::Result<String> {
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let d = dir.path();
    let mut out = String::new();
    writeln!(out, "case\tinput\tseconds\tresult")?;
    let cases: Vec<(&str, String, Vec<String>)> = vec![
        ("srv1 20k cues", "srv1-20k.xml".into(), vec![]),
        ("srv3 20k cues", "srv3-20k.xml".into(), vec![]),
        ("vtt 20k cues", "vtt-20k.vtt".into(), vec![]),
        ("srv1 1 MB cue", "srv1-1mb.xml".into(), vec![]),
        ("srv3 1 MB cue", "srv3-1mb.xml".into(), vec![]),
        ("vtt 1 MB cue", "vtt-1mb.vtt".into(), vec![]),
    ];
    let cue_text = |i: usize| format!("so this is cue number {i} and it says something &amp; more");
    let long_text = long_cue(1 << 20);
    std::fs::write(
        d.join("srv1-20k.xml"),
        srv1((0..20_000).map(|i| (i as u64 * 2000, cue_text(i)))),
    )?;
    std::fs::write(
        d.join("srv3-20k.xml"),
        srv3((0..20_000).map(|i| (i as u64 * 2000, cue_text(i)))),
    )?;
    std::fs::write(
        d.join("vtt-20k.vtt"),
        vtt((0..20_000).map(|i| (i as u64 * 2000, cue_text(i)))),
    )?;
    std::fs::write(d.join("srv1-1mb.xml"), srv1([(0, long_text.clone())]))?;
    std::fs::write(d.join("srv3-1mb.xml"), srv3([(0, long_text.clone())]))?;
    std::fs::write(d.join("vtt-1mb.vtt"), vtt([(0, long_text)]))?;
    for (name, file, _) in &cases {
        let args = vec![
            "split".to_string(),
            "en".into(),
            d.join(file).display().to_string(),
        ];
        writeln!(out, "{name}\t{file}\t{}", time(exe, &args, limit))?;
    }
    for n in [10_000, 100_000] {
        let file = d.join(format!("glossary-{n}.csv"));
        std::fs::write(&file, glossary(n))?;
        let args = vec![
            "glossary".to_string(),
            "lint".into(),
            file.display().to_string(),
        ];
        writeln!(
            out,
            "glossary lint\t{n} entries\t{}",
            time(exe, &args, limit)
        )?;
        let target = d.join(format!("imported-{n}.csv"));
        let args = vec![
            "glossary".to_string(),
            "--glossary".into(),
            target.display().to_string(),
            "import".into(),
            file.display().to_string(),
        ];
        writeln!(
            out,
            "glossary import\t{n} entries\t{}",
            time(exe, &args, limit)
        )?;
    }
    Ok(out)
}

/// Runs `exe args`, killing it at `limit`: "SECONDS\texit CODE" or "> LIMIT\ttimed out".
fn time(exe: &Path, args: &[String], limit: Duration) -> String {
    let t = Instant::now();
    let child = Command::new(exe)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return format!("-\tcannot start: {e}"),
    };
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                return format!(
                    "{:.2}\texit {}",
                    t.elapsed().as_secs_f64(),
                    status.code().map_or("signal".into(), |c| c.to_string())
                )
            }
            Ok(None) if t.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return format!("> {}\ttimed out", limit.as_secs());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return format!("-\t{e}"),
        }
    }
}

/// About `bytes` of running English with sentence ends, as one caption's text.
fn long_cue(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 64);
    let mut i = 0;
    while s.len() < bytes {
        write!(s, "and the model {i} said it would work, ").unwrap();
        if i % 7 == 6 {
            s.push_str("then it did. ");
        }
        i += 1;
    }
    s
}

fn srv1(cues: impl IntoIterator<Item = (u64, String)>) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\" ?><transcript>\n");
    for (ms, text) in cues {
        writeln!(
            s,
            "<text start=\"{}.{:03}\" dur=\"1.9\">{text}</text>",
            ms / 1000,
            ms % 1000
        )
        .unwrap();
    }
    s.push_str("</transcript>\n");
    s
}

fn srv3(cues: impl IntoIterator<Item = (u64, String)>) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<timedtext format=\"3\"><body>\n",
    );
    for (ms, text) in cues {
        writeln!(s, "<p t=\"{ms}\" d=\"1900\">{text}</p>").unwrap();
    }
    s.push_str("</body></timedtext>\n");
    s
}

fn vtt(cues: impl IntoIterator<Item = (u64, String)>) -> String {
    let clock = |ms: u64| {
        format!(
            "{:02}:{:02}:{:02}.{:03}",
            ms / 3_600_000,
            ms / 60_000 % 60,
            ms / 1000 % 60,
            ms % 1000
        )
    };
    let mut s = String::from("WEBVTT\n\n");
    for (ms, text) in cues {
        writeln!(s, "{} --> {}\n{text}\n", clock(ms), clock(ms + 1900)).unwrap();
    }
    s
}

/// A glossary of `n` distinct entries with distinct Chinese (two Han characters per digit
/// pair), in sorted order.
fn glossary(n: usize) -> String {
    const HAN: &[char] = &['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    let mut s = String::from("en,zh,zh_variants,type,status\n");
    for i in 0..n {
        let zh: String = format!("{i:06}")
            .bytes()
            .map(|b| HAN[(b - b'0') as usize])
            .collect();
        writeln!(s, "term {i:06},{zh}词,,concept,approved").unwrap();
    }
    s
}
