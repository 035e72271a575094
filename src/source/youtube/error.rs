//! Why a fetch failed: one variant per failure mode, each message saying what happened and
//! what to do. No message ever contains a signed caption URL.

use super::VideoId;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// The request of the three-step sequence a failure happened in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// `GET /watch?v=ID`.
    WatchPage,
    /// `POST /youtubei/v1/player`.
    Player,
    /// `GET` of the caption track's `baseUrl`.
    Captions,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::WatchPage => "watch page",
            Step::Player => "player",
            Step::Captions => "caption",
        })
    }
}

/// What blocked the request, for [`FetchError::Blocked`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockedBy {
    /// HTTP 429 (after honouring at most one `Retry-After`).
    TooManyRequests,
    /// A reCAPTCHA page instead of the watch page.
    Captcha,
}

impl fmt::Display for BlockedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BlockedBy::TooManyRequests => "HTTP 429 Too Many Requests",
            BlockedBy::Captcha => "a captcha page",
        })
    }
}

const UNBLOCK: &str = "YouTube blocks many cloud and datacenter addresses, and any address that \
     sends too many requests. Wait a while, run from a home connection, pass --cookies FILE \
     (cookies.txt exported from a browser signed in to YouTube) or --proxy URL, or download the \
     captions yourself and use that file as the corpus's English transcript";

const LOCAL_FILE: &str = "download the captions yourself (in a browser, with yt-dlp, or from \
     YouTube Studio for your own videos) and use that file as the corpus's English transcript \
     (the `en` entry of its bitext.toml)";

/// Why a transcript could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error(transparent)]
    InvalidId(#[from] super::InvalidVideoId),

    #[error("{lang:?} is not a language code (expected something like en, en-GB or zh-Hans)")]
    InvalidLanguage { lang: String },

    #[error(
        "{origin:?} is not a usable origin URL (expected something like https://www.youtube.com)"
    )]
    InvalidOrigin { origin: String },

    #[error("--proxy {proxy:?}: {message} (expected something like http://host:port or https://user:password@host:port)")]
    InvalidProxy { proxy: String, message: String },

    #[error("{path}:{line}: not a Netscape cookies.txt line ({message}); export the cookies again with a cookies.txt browser extension")]
    Cookies {
        path: PathBuf,
        line: usize,
        message: String,
    },

    #[error("video {video} is unavailable (YouTube says: {reason}); check the id or link")]
    Unavailable { video: VideoId, reason: String },

    #[error("video {video} is age-restricted, and YouTube does not serve its captions without a signed-in, age-verified account; {LOCAL_FILE}")]
    AgeRestricted { video: VideoId },

    #[error("video {video} cannot be played ({status}: {reason}{}); {LOCAL_FILE}",
        if subreasons.is_empty() { String::new() } else { format!(" — {}", subreasons.join(" ")) })]
    Unplayable {
        video: VideoId,
        status: String,
        reason: String,
        subreasons: Vec<String>,
    },

    #[error("YouTube asked to \"confirm you're not a bot\" for video {video}: this address is blocked. {UNBLOCK}")]
    BotCheck { video: VideoId },

    #[error("YouTube blocked the {step} request for video {video} ({by}). {UNBLOCK}")]
    Blocked {
        video: VideoId,
        step: Step,
        by: BlockedBy,
    },

    #[error("YouTube kept showing its cookie consent page for video {video} even with the consent cookie set; pass --cookies FILE from a browser that has accepted it, or {LOCAL_FILE}")]
    ConsentFailed { video: VideoId },

    #[error("the watch page of video {video} has no INNERTUBE_API_KEY (YouTube changed its page, or sent an error page); try again later, or {LOCAL_FILE}")]
    NoApiKey { video: VideoId },

    #[error("the player response for video {video} is not valid JSON ({detail}); try again later, or {LOCAL_FILE}")]
    PlayerUnparsable { video: VideoId, detail: String },

    #[error("YouTube's player answered for {got} instead of video {video}: the response was probably intercepted or the request blocked; try again later, from another network, or with --cookies/--proxy")]
    WrongVideo { video: VideoId, got: String },

    #[error("video {video} has no transcripts: its owner turned captions off (or YouTube is hiding them from this address); {LOCAL_FILE}")]
    TranscriptsDisabled { video: VideoId },

    #[error("video {video} has no {lang:?} transcript; it has: {}. Pass --lang with one of these codes",
        available.join(", "))]
    NoTranscript {
        video: VideoId,
        lang: String,
        available: Vec<String>,
    },

    #[error("YouTube requires a proof-of-origin token for the {lang} captions of video {video} (the track URL carries exp=xpe), which bitext cannot produce; no caption request was made. {LOCAL_FILE}")]
    PoTokenRequired { video: VideoId, lang: String },

    #[error("YouTube answered the caption request for video {video} with HTTP {status} and an empty body: it withheld the captions (usually blocking or proof-of-origin enforcement). Try again later or from another network with --cookies/--proxy, or {LOCAL_FILE}")]
    EmptyCaptions { video: VideoId, status: u16 },

    #[error("YouTube answered the caption request for video {video} with {what} ({bytes} bytes), not captions: usually a block or consent page. Try again later or with --cookies/--proxy, or {LOCAL_FILE}")]
    NotCaptions {
        video: VideoId,
        what: &'static str,
        bytes: usize,
    },

    #[error("YouTube answered the {step} request for video {video} with HTTP {status}{}; try again later{}",
        if *step == Step::Captions { format!(" ({})", redacted) } else { String::new() },
        if *status >= 500 { " (YouTube had a server error)" } else { ", or pass --cookies/--proxy" })]
    Http {
        video: VideoId,
        step: Step,
        status: u16,
        /// The request URL with its signature and session parameters removed.
        redacted: String,
    },

    #[error("the {step} request for video {video} timed out after {} s ({tries} tries); check your connection or --proxy, and try again", timeout.as_secs_f64())]
    Timeout {
        video: VideoId,
        step: Step,
        timeout: Duration,
        tries: u32,
    },

    #[error("the {step} request for video {video} failed ({detail}, {tries} tries); check your connection or --proxy, and try again")]
    Network {
        video: VideoId,
        step: Step,
        detail: String,
        tries: u32,
    },

    #[error("no cached {lang} transcript ({format}) for video {video} in {}; --offline never uses the network: run without --offline once to fetch it", dir.display())]
    NotCached {
        video: VideoId,
        lang: String,
        format: super::CaptionFormat,
        dir: PathBuf,
    },

    #[error("the {format} captions YouTube sent for video {video} could not be read ({error}); try another --format")]
    Parse {
        video: VideoId,
        format: super::CaptionFormat,
        error: crate::source::transcript::TranscriptError,
    },

    /// Reading the cookies file, or reading or writing the cache.
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),

    #[error("cannot start the network runtime: {0}")]
    Runtime(std::io::Error),
}
