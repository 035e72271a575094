//! bitext's own fetch, then yt-dlp: the one policy `bitext fetch` and `bitext run --fetch`
//! share. When YouTube refuses bitext's caption request for want of a proof-of-origin token
//! ([`ytdlp::is_refusal`]) and `yt-dlp` is on the PATH, the job goes to it; without it, the
//! error gives the exact command to run by hand.

use super::ytdlp::{self, YtDlpError};
use super::{FetchError, FetchOptions, Fetched, VideoId};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Why neither bitext nor yt-dlp got the transcript.
#[derive(Debug, thiserror::Error)]
pub enum FallbackError {
    /// bitext's own fetch failed for a reason yt-dlp cannot help with.
    #[error(transparent)]
    Fetch(#[from] Box<FetchError>),
    /// YouTube refused and yt-dlp is not on the PATH.
    #[error("{refusal}\nyt-dlp, which can get past this, is not on the PATH; with it installed bitext falls back to it, or run it by hand: {command}")]
    NoYtDlp {
        refusal: Box<FetchError>,
        command: String,
    },
    /// YouTube refused and yt-dlp failed too.
    #[error("{refusal}\nyt-dlp ({program}) failed too: {error}\nTo try by hand: {command}")]
    YtDlp {
        refusal: Box<FetchError>,
        program: PathBuf,
        error: Box<YtDlpError>,
        command: String,
    },
}

/// Fetches the `lang` transcript of `video` ([`super::fetch`]); on a proof-of-origin refusal
/// hands over to `yt-dlp` from the PATH, given at most `ytdlp_timeout`, after telling
/// `on_fallback` (the refusal and the program). `dest` is only for the hand-run command in
/// errors (where the user wants the file).
pub fn fetch_with_fallback(
    video: &VideoId,
    lang: &str,
    options: &FetchOptions,
    dest: Option<&Path>,
    ytdlp_timeout: Duration,
    on_fallback: &mut dyn FnMut(&FetchError, &Path),
) -> Result<Fetched, FallbackError> {
    let refusal = match super::fetch(video, lang, options) {
        Ok(fetched) => return Ok(fetched),
        Err(err) if ytdlp::is_refusal(&err) => err,
        Err(err) => return Err(Box::new(err).into()),
    };
    let command = ytdlp::command_line(video, lang, dest);
    let Some(program) = ytdlp::program() else {
        return Err(FallbackError::NoYtDlp {
            refusal: Box::new(refusal),
            command,
        });
    };
    on_fallback(&refusal, &program);
    ytdlp::fetch_within(&program, video, lang, &options.cache_dir, ytdlp_timeout).map_err(|error| {
        FallbackError::YtDlp {
            refusal: Box::new(refusal),
            program,
            error: Box::new(error),
            command,
        }
    })
}

/// How a transcript was got, for a message: `with yt-dlp`, `from the cache` or `from
/// YouTube`.
pub fn route(fetched: &Fetched) -> &'static str {
    if fetched.track.name == ytdlp::TRACK_NAME {
        "with yt-dlp"
    } else if fetched.from_cache {
        "from the cache"
    } else {
        "from YouTube"
    }
}
