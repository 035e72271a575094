//! Fetching a video's transcript from YouTube, with a cache.
//!
//! The request sequence is the one youtube-transcript-api 1.2 uses (see
//! `../shared/reference/youtube-captions.md`): `GET /watch?v=ID` with `Accept-Language: en-US`
//! (through the EU consent form if it appears) for the `INNERTUBE_API_KEY`; `POST
//! /youtubei/v1/player?key=…` as the ANDROID client for the caption tracks; then `GET` the
//! chosen track's `baseUrl` with `fmt` set. Every failure mode has its own [`FetchError`].
//!
//! The raw payload is cached per video, language and format ([`cache`]); a cached entry is
//! used without any request, and [`FetchOptions::offline`] never touches the network.
//! The origin can point elsewhere (`BITEXT_YOUTUBE_ORIGIN`), which is how the tests reach a
//! loopback mock; caption URLs from the player response are followed as given.

mod cache;
mod client;
mod cookies;
mod error;
pub mod fallback;
mod page;
mod player;
mod tracks;
mod video_id;
pub mod ytdlp;

pub use error::{BlockedBy, FetchError, Step};
pub use video_id::{InvalidVideoId, VideoId};

use crate::source::transcript::{self, Transcript};
use reqwest::Url;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The origin requests go to unless told otherwise.
pub const DEFAULT_ORIGIN: &str = "https://www.youtube.com";

/// The environment variable that overrides [`DEFAULT_ORIGIN`].
pub const ORIGIN_ENV: &str = "BITEXT_YOUTUBE_ORIGIN";

/// The caption format to request (the `fmt` query parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaptionFormat {
    /// YouTube's JSON with word times for auto-generated tracks: the best for alignment.
    #[default]
    Json3,
    /// YouTube's timed-text XML.
    Srv3,
    /// WebVTT.
    Vtt,
}

impl CaptionFormat {
    /// The `fmt` value, also the cached file's extension.
    pub fn as_str(self) -> &'static str {
        match self {
            CaptionFormat::Json3 => "json3",
            CaptionFormat::Srv3 => "srv3",
            CaptionFormat::Vtt => "vtt",
        }
    }

    /// The format a file name asks for by its extension (`en.json3`, `talk.vtt`), if any:
    /// for fetching straight into a corpus's transcript file.
    pub fn from_path(path: &Path) -> Option<CaptionFormat> {
        let extension = path.extension()?.to_str()?;
        extension.parse().ok()
    }
}

impl fmt::Display for CaptionFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for CaptionFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "json3" => Ok(CaptionFormat::Json3),
            "srv3" => Ok(CaptionFormat::Srv3),
            "vtt" => Ok(CaptionFormat::Vtt),
            _ => Err(format!(
                "{s:?} is not a caption format (json3, srv3 or vtt)"
            )),
        }
    }
}

/// Whether people wrote a track or YouTube's speech recognition made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrackKind {
    Manual,
    Auto,
}

/// A caption track: which one was chosen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Track {
    /// YouTube's language code (`en`, `en-GB`).
    pub language: String,
    /// YouTube's name for it ("English", "English (auto-generated)").
    pub name: String,
    pub kind: TrackKind,
}

impl fmt::Display for Track {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            TrackKind::Manual => "manual",
            TrackKind::Auto => "auto-generated",
        };
        write!(f, "the {kind} {} track \"{}\"", self.language, self.name)
    }
}

/// When to try a request again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries per request for network errors, timeouts and 5xx answers (3).
    pub max_tries: u32,
    /// Backoff before the second try; doubled for each further try, with full jitter (500 ms).
    pub base: Duration,
    /// The longest backoff (8 s).
    pub max: Duration,
    /// The longest `Retry-After` of a 429 that is waited for, once per fetch (60 s); a longer
    /// one, or a second 429, means blocked.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_tries: 3,
            base: Duration::from_millis(500),
            max: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// How to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// Where the watch page and player requests go ([`default_origin`]).
    pub origin: String,
    /// The cache root; payloads live in `<cache_dir>/youtube/<id>/` ([`default_cache_dir`]).
    pub cache_dir: PathBuf,
    /// Use the cache only, never the network.
    pub offline: bool,
    /// A proxy for every request (`http://host:port`, credentials allowed). Without one,
    /// proxies from the environment are ignored.
    pub proxy: Option<String>,
    /// A Netscape `cookies.txt` whose cookies are sent where their domains match.
    pub cookies: Option<PathBuf>,
    pub format: CaptionFormat,
    /// Connecting may take this long (10 s).
    pub connect_timeout: Duration,
    /// Each request, from connecting to the end of the body, may take this long (30 s).
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            origin: default_origin(),
            cache_dir: default_cache_dir(),
            offline: false,
            proxy: None,
            cookies: None,
            format: CaptionFormat::default(),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
        }
    }
}

/// `$BITEXT_YOUTUBE_ORIGIN` when set and not empty, else `https://www.youtube.com`.
pub fn default_origin() -> String {
    std::env::var(ORIGIN_ENV)
        .ok()
        .filter(|o| !o.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_ORIGIN.to_string())
}

/// The user's cache folder for bitext: `$XDG_CACHE_HOME/bitext`, else `$HOME/.cache/bitext`,
/// else `.bitext-cache` in the current folder. A per-user cache, so a transcript fetched
/// for one corpus checkout serves every other one.
pub fn default_cache_dir() -> PathBuf {
    let absolute = |var: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if let Some(xdg) = absolute("XDG_CACHE_HOME") {
        return xdg.join("bitext");
    }
    if let Some(home) = absolute("HOME") {
        return home.join(".cache").join("bitext");
    }
    PathBuf::from(".bitext-cache")
}

/// A fetched (or cached) transcript.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub video: VideoId,
    /// The cached raw payload, exactly as YouTube sent it.
    pub path: PathBuf,
    pub format: CaptionFormat,
    /// The track it is.
    pub track: Track,
    /// The payload, read by the transcript readers.
    pub transcript: Transcript,
    /// True when no request was made.
    pub from_cache: bool,
}

impl Fetched {
    /// Copies the raw payload to `dest` atomically (for a corpus's `en.json3`).
    pub fn save_to(&self, dest: &Path) -> Result<(), FetchError> {
        let bytes =
            std::fs::read(&self.path).map_err(|source| crate::text::files::FileError::Read {
                path: self.path.clone(),
                source,
            })?;
        crate::text::files::write_atomic(dest, &bytes)?;
        Ok(())
    }
}

/// Fetches the `lang` transcript of `video`: from the cache when it is there (no request),
/// else from YouTube, caching the payload once it reads as a transcript.
///
/// Blocking: it runs its own single-threaded tokio runtime, so call it from synchronous
/// code (not from inside another tokio runtime).
pub fn fetch(video: &VideoId, lang: &str, options: &FetchOptions) -> Result<Fetched, FetchError> {
    check_language(lang)?;
    let entry = cache::entry(&options.cache_dir, video, lang, options.format);
    if let Some(track) = cache::load(&entry) {
        let text = crate::text::files::read_text(&entry.payload)?;
        let transcript = parse(video, options.format, &text, &entry.payload)?;
        return Ok(fetched(
            video,
            entry.payload,
            options.format,
            track,
            transcript,
            true,
        ));
    }
    if options.offline {
        return Err(FetchError::NotCached {
            video: video.clone(),
            lang: lang.to_string(),
            format: options.format,
            dir: cache::folder(&options.cache_dir, video),
        });
    }
    let origin = origin_url(&options.origin)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(FetchError::Runtime)?;
    let (track, body) = runtime.block_on(download(video, lang, options, &origin))?;
    let (text, _) =
        crate::text::files::decode(&body, &entry.payload).map_err(|_| FetchError::NotCaptions {
            video: video.clone(),
            what: "undecodable bytes",
            bytes: body.len(),
        })?;
    let transcript = parse(video, options.format, &text, &entry.payload)?;
    cache::store(&entry, &body, &track)?;
    Ok(fetched(
        video,
        entry.payload,
        options.format,
        track,
        transcript,
        false,
    ))
}

fn fetched(
    video: &VideoId,
    path: PathBuf,
    format: CaptionFormat,
    track: Track,
    transcript: Transcript,
    from_cache: bool,
) -> Fetched {
    Fetched {
        video: video.clone(),
        path,
        format,
        track,
        transcript,
        from_cache,
    }
}

fn parse(
    video: &VideoId,
    format: CaptionFormat,
    text: &str,
    path: &Path,
) -> Result<Transcript, FetchError> {
    transcript::parse(text, path).map_err(|error| FetchError::Parse {
        video: video.clone(),
        format,
        error,
    })
}

/// Language codes are letters, digits and `-`/`_` (they name cache files).
fn check_language(lang: &str) -> Result<(), FetchError> {
    let ok = !lang.is_empty()
        && lang.len() <= 35
        && lang.starts_with(|c: char| c.is_ascii_alphabetic())
        && lang
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(FetchError::InvalidLanguage {
            lang: lang.to_string(),
        })
    }
}

/// The origin as a base URL ending in `/`, so that `watch` joins below any path it has.
fn origin_url(origin: &str) -> Result<Url, FetchError> {
    let invalid = || FetchError::InvalidOrigin {
        origin: origin.to_string(),
    };
    let mut url = Url::parse(origin.trim()).map_err(|_| invalid())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(invalid());
    }
    url.set_query(None);
    url.set_fragment(None);
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// The three requests. Returns the chosen track and the caption body, checked to be neither
/// empty nor a web page.
async fn download(
    video: &VideoId,
    lang: &str,
    options: &FetchOptions,
    origin: &Url,
) -> Result<(Track, Vec<u8>), FetchError> {
    let jar = match &options.cookies {
        Some(path) => cookies::CookieJar::load(path)?,
        None => cookies::CookieJar::default(),
    };
    let mut client = client::Client::new(options, video, jar)?;

    let mut watch = origin.join("watch").map_err(|_| invalid_origin(options))?;
    watch.query_pairs_mut().append_pair("v", video.as_str());
    let mut consent_sent = false;
    let key = loop {
        let reply = client.get(Step::WatchPage, &watch).await?;
        match page::read(&String::from_utf8_lossy(&reply.body)) {
            page::WatchPage::Key(key) => break key,
            page::WatchPage::Consent(Some(value)) if !consent_sent => {
                let host = origin.host_str().unwrap_or_default();
                client.cookies.set(host, "CONSENT", &format!("YES+{value}"));
                consent_sent = true;
            }
            page::WatchPage::Consent(_) => {
                return Err(FetchError::ConsentFailed {
                    video: video.clone(),
                })
            }
            page::WatchPage::Captcha => {
                return Err(FetchError::Blocked {
                    video: video.clone(),
                    step: Step::WatchPage,
                    by: BlockedBy::Captcha,
                })
            }
            page::WatchPage::Unknown => {
                return Err(FetchError::NoApiKey {
                    video: video.clone(),
                })
            }
        }
    };

    let mut player_url = origin
        .join("youtubei/v1/player")
        .map_err(|_| invalid_origin(options))?;
    player_url.query_pairs_mut().append_pair("key", &key);
    let reply = client
        .post_json(Step::Player, &player_url, &player::request_body(video))
        .await?;
    let tracks = player::caption_tracks(video, &reply.body)?;
    let chosen = tracks::choose(&tracks, lang).ok_or_else(|| FetchError::NoTranscript {
        video: video.clone(),
        lang: lang.to_string(),
        available: tracks::describe(&tracks),
    })?;
    let url = match tracks::caption_url(origin, chosen, options.format) {
        Ok(url) => url,
        Err(tracks::UrlProblem::PoToken) => {
            return Err(FetchError::PoTokenRequired {
                video: video.clone(),
                lang: chosen.track.language.clone(),
            })
        }
        Err(tracks::UrlProblem::Invalid) => {
            return Err(FetchError::PlayerUnparsable {
                video: video.clone(),
                detail: "a caption track's baseUrl is not a URL".to_string(),
            })
        }
    };
    let reply = client.get(Step::Captions, &url).await?;
    check_captions(video, reply.status, &reply.body)?;
    Ok((chosen.track.clone(), reply.body))
}

fn invalid_origin(options: &FetchOptions) -> FetchError {
    FetchError::InvalidOrigin {
        origin: options.origin.clone(),
    }
}

/// An empty body, or one that is plainly not a caption payload (a web page), is refused
/// before the transcript readers see it: the readers would find no cues in it and no error.
fn check_captions(video: &VideoId, status: u16, body: &[u8]) -> Result<(), FetchError> {
    let start = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = &start[start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(start.len())..];
    if start.is_empty() {
        return Err(FetchError::EmptyCaptions {
            video: video.clone(),
            status,
        });
    }
    let head: Vec<u8> = start.iter().take(16).map(u8::to_ascii_lowercase).collect();
    let what = if [&b"<!doctype html"[..], b"<html", b"<head", b"<body"]
        .iter()
        .any(|tag| head.starts_with(tag))
    {
        Some("an HTML page")
    } else if !(head.starts_with(b"{") || head.starts_with(b"<") || head.starts_with(b"webvtt")) {
        Some("something that is not a caption format")
    } else {
        None
    };
    match what {
        Some(what) => Err(FetchError::NotCaptions {
            video: video.clone(),
            what,
            bytes: body.len(),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> VideoId {
        VideoId::parse("BbAnzpeGFrA").unwrap()
    }

    #[test]
    fn empty_and_html_bodies_are_not_captions() {
        assert!(matches!(
            check_captions(&id(), 200, b""),
            Err(FetchError::EmptyCaptions { status: 200, .. })
        ));
        assert!(matches!(
            check_captions(&id(), 200, b" \r\n "),
            Err(FetchError::EmptyCaptions { .. })
        ));
        for html in [
            &b"<!DOCTYPE html><html>"[..],
            b"\n<HTML lang=en>",
            b"<head><title>",
        ] {
            assert!(matches!(
                check_captions(&id(), 200, html),
                Err(FetchError::NotCaptions {
                    what: "an HTML page",
                    ..
                })
            ));
        }
        assert!(matches!(
            check_captions(&id(), 200, b"Service unavailable"),
            Err(FetchError::NotCaptions { .. })
        ));
        for ok in [
            &b"{\"events\":[]}"[..],
            b"<?xml version",
            b"\xEF\xBB\xBFWEBVTT\n",
        ] {
            assert!(check_captions(&id(), 200, ok).is_ok());
        }
    }

    #[test]
    fn origins_become_base_urls() {
        assert_eq!(
            origin_url("http://127.0.0.1:8080").unwrap().as_str(),
            "http://127.0.0.1:8080/"
        );
        assert_eq!(
            origin_url("https://mirror.example/yt?x=1")
                .unwrap()
                .join("watch")
                .unwrap()
                .as_str(),
            "https://mirror.example/yt/watch"
        );
        assert!(origin_url("ftp://x").is_err());
        assert!(origin_url("youtube.com").is_err());
    }

    #[test]
    fn formats_follow_file_extensions() {
        assert_eq!(
            CaptionFormat::from_path(Path::new("corpus/x/en.json3")),
            Some(CaptionFormat::Json3)
        );
        assert_eq!(
            CaptionFormat::from_path(Path::new("en.VTT")),
            Some(CaptionFormat::Vtt)
        );
        assert_eq!(
            CaptionFormat::from_path(Path::new("en.srv3")),
            Some(CaptionFormat::Srv3)
        );
        assert_eq!(CaptionFormat::from_path(Path::new("en.srt")), None);
        assert_eq!(CaptionFormat::from_path(Path::new("en")), None);
    }

    #[test]
    fn language_codes_are_checked() {
        for ok in ["en", "en-GB", "zh-Hans", "pt_BR"] {
            assert!(check_language(ok).is_ok(), "{ok}");
        }
        for bad in ["", "../en", "e n", "-en"] {
            assert!(check_language(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn offline_without_cache_names_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let options = FetchOptions {
            offline: true,
            cache_dir: dir.path().to_path_buf(),
            origin: "http://127.0.0.1:1".into(),
            ..FetchOptions::default()
        };
        let err = fetch(&id(), "en", &options).unwrap_err();
        assert!(matches!(err, FetchError::NotCached { .. }));
        assert!(err.to_string().contains("--offline"), "{err}");
    }
}
