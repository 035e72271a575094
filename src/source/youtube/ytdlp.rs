//! The yt-dlp fallback: when YouTube refuses bitext's own caption request for want of a
//! proof-of-origin token (`exp=xpe` tracks, empty 200 bodies), `bitext fetch` hands the job
//! to `yt-dlp` if it is on the PATH (it keeps up with YouTube's tokens), reads the json3 it
//! writes and caches it like its own fetch; without it, the error gives the exact command.

use super::{cache, CaptionFormat, FetchError, Fetched, Track, TrackKind, VideoId};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Why the fallback failed.
#[derive(Debug, thiserror::Error)]
pub enum YtDlpError {
    #[error("running {program}: {source}")]
    Spawn {
        program: PathBuf,
        source: std::io::Error,
    },
    #[error("yt-dlp failed ({status}) for video {video}: {stderr}")]
    Failed {
        video: VideoId,
        status: String,
        stderr: String,
    },
    #[error("yt-dlp wrote no {lang} json3 captions for video {video} (the video may have none in that language)")]
    NoCaptions { video: VideoId, lang: String },
    #[error("yt-dlp did not finish within {} s for video {video}; it was stopped", .seconds)]
    TimedOut { video: VideoId, seconds: u64 },
    #[error("a temporary folder for yt-dlp: {0}")]
    Temp(std::io::Error),
    #[error(transparent)]
    Fetch(#[from] FetchError),
}

/// The track name of a transcript yt-dlp fetched (its own name for the track is not kept).
pub const TRACK_NAME: &str = "via yt-dlp";

/// Whether the error is YouTube's refusal that yt-dlp can get past.
pub fn is_refusal(err: &FetchError) -> bool {
    matches!(
        err,
        FetchError::PoTokenRequired { .. } | FetchError::EmptyCaptions { .. }
    )
}

/// `yt-dlp` on the PATH, if any.
pub fn program() -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join("yt-dlp"))
        .find(|p| p.is_file())
}

/// yt-dlp's arguments: manual or automatic captions in `lang`, json3, no video, written as
/// `DIR/ID.LANG.json3` (the output template).
pub fn args(video: &VideoId, lang: &str, template: &str) -> Vec<String> {
    [
        "--skip-download",
        "--write-subs",
        "--write-auto-subs",
        "--sub-langs",
        lang,
        "--sub-format",
        "json3",
        "-o",
        template,
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!(
        "https://www.youtube.com/watch?v={}",
        video.as_str()
    )])
    .collect()
}

/// The command a user runs by hand, writing `ID.LANG.json3` in the current folder, then
/// moved to `dest` when given.
pub fn command_line(video: &VideoId, lang: &str, dest: Option<&Path>) -> String {
    let mut line = format!(
        "yt-dlp {}",
        args(video, lang, "%(id)s.%(ext)s")
            .iter()
            .map(|a| if a.contains('%') || a.contains('?') {
                format!("'{a}'")
            } else {
                a.clone()
            })
            .collect::<Vec<_>>()
            .join(" ")
    );
    if let Some(dest) = dest {
        line.push_str(&format!(
            " && mv {}.{lang}.json3 {}",
            video.as_str(),
            dest.display()
        ));
    }
    line
}

/// Fetches the `lang` captions of `video` with `program` (yt-dlp), reads them and caches them
/// in `cache_dir` as bitext's own fetch would.
pub fn fetch(
    program: &Path,
    video: &VideoId,
    lang: &str,
    cache_dir: &Path,
) -> Result<Fetched, YtDlpError> {
    fetch_within(program, video, lang, cache_dir, Duration::from_secs(600))
}

/// [`fetch`], stopping yt-dlp if it has not finished within `timeout` (an offline machine,
/// a hanging network: `run --fetch` must not hang).
pub fn fetch_within(
    program: &Path,
    video: &VideoId,
    lang: &str,
    cache_dir: &Path,
    timeout: Duration,
) -> Result<Fetched, YtDlpError> {
    let temp = tempfile::tempdir().map_err(YtDlpError::Temp)?;
    let template = temp.path().join("%(id)s.%(ext)s");
    let spawn_error = |source| YtDlpError::Spawn {
        program: program.to_path_buf(),
        source,
    };
    // stdout is not read (yt-dlp reports progress there); stderr goes to a file so that a
    // full pipe can never stall it.
    let stderr_file = tempfile::tempfile().map_err(YtDlpError::Temp)?;
    let mut child = Command::new(program)
        .args(args(video, lang, &template.to_string_lossy()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr_file.try_clone().map_err(YtDlpError::Temp)?)
        .spawn()
        .map_err(spawn_error)?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(spawn_error)? {
            break status;
        }
        if started.elapsed() >= timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(YtDlpError::TimedOut {
                video: video.clone(),
                seconds: timeout.as_secs(),
            });
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    if !status.success() {
        let mut stderr = String::new();
        let mut file = stderr_file;
        let _ = file.seek(SeekFrom::Start(0));
        let _ = file.read_to_string(&mut stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
        return Err(YtDlpError::Failed {
            video: video.clone(),
            status: status.to_string(),
            stderr: tail.into_iter().rev().collect::<Vec<_>>().join(" / "),
        });
    }
    let mut written: Vec<PathBuf> = std::fs::read_dir(temp.path())
        .map_err(YtDlpError::Temp)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json3"))
        .collect();
    written.sort();
    let Some(payload) = written.first() else {
        return Err(YtDlpError::NoCaptions {
            video: video.clone(),
            lang: lang.to_string(),
        });
    };
    let body = std::fs::read(payload).map_err(YtDlpError::Temp)?;
    let text = crate::text::files::read_text(payload).map_err(FetchError::from)?;
    let entry = cache::entry(cache_dir, video, lang, CaptionFormat::Json3);
    let transcript = super::parse(video, CaptionFormat::Json3, &text, &entry.payload)?;
    // Auto-captions carry word offsets; a manual track does not.
    let kind = if text.contains("\"tOffsetMs\"") {
        TrackKind::Auto
    } else {
        TrackKind::Manual
    };
    let track = Track {
        language: lang.to_string(),
        name: TRACK_NAME.to_string(),
        kind,
    };
    cache::store(&entry, &body, &track).map_err(FetchError::from)?;
    Ok(Fetched {
        video: video.clone(),
        path: entry.payload,
        format: CaptionFormat::Json3,
        track,
        transcript,
        from_cache: false,
    })
}
