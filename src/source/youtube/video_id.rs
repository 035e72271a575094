//! A YouTube video id, taken from an id or any common URL form and checked before any request.

use reqwest::Url;
use std::fmt;

/// An 11-character YouTube video id (`[A-Za-z0-9_-]{11}`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VideoId(String);

/// Why the input is not a video id or a video URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{input:?} is not a YouTube video id or video URL ({why}); give the 11-character id \
     (like dQw4w9WgXcQ) or a link such as https://www.youtube.com/watch?v=dQw4w9WgXcQ, \
     https://youtu.be/dQw4w9WgXcQ, .../shorts/ID or .../embed/ID"
)]
pub struct InvalidVideoId {
    pub input: String,
    pub why: &'static str,
}

/// Hosts that serve `watch?v=`, `shorts/`, `embed/`, `live/` and `v/` paths.
const VIDEO_HOSTS: &[&str] = &[
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
];

/// Path prefixes followed by the id as the next path segment.
const ID_PATHS: &[&str] = &["shorts", "embed", "live", "v", "e"];

impl VideoId {
    /// Reads an id or a URL: `ID`, `https://www.youtube.com/watch?v=ID&t=42s`,
    /// `youtu.be/ID?si=…`, `…/shorts/ID`, `…/embed/ID`, `…/live/ID`, with or without the
    /// scheme. Anything else is refused.
    pub fn parse(input: &str) -> Result<VideoId, InvalidVideoId> {
        let trimmed = input.trim();
        let invalid = |why| InvalidVideoId {
            input: input.to_string(),
            why,
        };
        if trimmed.is_empty() {
            return Err(invalid("it is empty"));
        }
        if !trimmed.contains(['/', '.', '?', ':']) {
            return Self::bare(trimmed).ok_or_else(|| invalid(BAD_ID));
        }
        let with_scheme = if trimmed.contains("://") {
            trimmed.to_string()
        } else {
            format!("https://{trimmed}")
        };
        let url = Url::parse(&with_scheme).map_err(|_| invalid("it is not a URL"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid("only http and https links are video links"));
        }
        let host = url.host_str().unwrap_or("").to_ascii_lowercase();
        let mut segments = url
            .path_segments()
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty());
        let candidate = if host == "youtu.be" || host == "www.youtu.be" {
            segments.next().map(str::to_string)
        } else if VIDEO_HOSTS.contains(&host.as_str()) {
            match segments.next() {
                Some("watch") => url
                    .query_pairs()
                    .find(|(key, _)| key == "v")
                    .map(|(_, v)| v.into_owned()),
                Some(prefix) if ID_PATHS.contains(&prefix) => segments.next().map(str::to_string),
                _ => None,
            }
        } else {
            return Err(invalid("it is not a youtube.com or youtu.be link"));
        };
        let candidate = candidate.ok_or_else(|| invalid("the link names no video"))?;
        Self::bare(&candidate).ok_or_else(|| invalid(BAD_ID))
    }

    fn bare(id: &str) -> Option<VideoId> {
        let ok = id.len() == 11
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| VideoId(id.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

const BAD_ID: &str = "a video id is 11 letters, digits, '-' or '_'";

impl fmt::Display for VideoId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for VideoId {
    type Err = InvalidVideoId;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        VideoId::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "BbAnzpeGFrA";

    #[test]
    fn accepts_ids_and_every_common_url_form() {
        for input in [
            ID,
            " BbAnzpeGFrA\n",
            "https://www.youtube.com/watch?v=BbAnzpeGFrA",
            "https://www.youtube.com/watch?feature=share&v=BbAnzpeGFrA&t=42s",
            "http://youtube.com/watch?v=BbAnzpeGFrA#t=10",
            "www.youtube.com/watch?v=BbAnzpeGFrA",
            "youtube.com/watch?v=BbAnzpeGFrA&list=PL123",
            "https://m.youtube.com/watch?v=BbAnzpeGFrA",
            "https://music.youtube.com/watch?v=BbAnzpeGFrA",
            "https://youtu.be/BbAnzpeGFrA",
            "https://youtu.be/BbAnzpeGFrA?si=abcDEF&t=3",
            "youtu.be/BbAnzpeGFrA",
            "https://www.youtube.com/shorts/BbAnzpeGFrA",
            "https://youtube.com/shorts/BbAnzpeGFrA?feature=share",
            "https://www.youtube.com/embed/BbAnzpeGFrA?start=5",
            "https://www.youtube-nocookie.com/embed/BbAnzpeGFrA",
            "https://www.youtube.com/live/BbAnzpeGFrA",
            "https://WWW.YOUTUBE.COM/watch?v=BbAnzpeGFrA",
        ] {
            assert_eq!(
                VideoId::parse(input).map(|v| v.to_string()),
                Ok(ID.to_string()),
                "{input}"
            );
        }
    }

    #[test]
    fn refuses_everything_else() {
        for input in [
            "",
            "BbAnzpeGFr",
            "BbAnzpeGFrAx",
            "BbAnzpeGF!A",
            "https://vimeo.com/BbAnzpeGFrA",
            "https://www.youtube.com/watch?x=BbAnzpeGFrA",
            "https://www.youtube.com/watch?v=short",
            "https://www.youtube.com/playlist?list=PL1234567890",
            "https://www.youtube.com/channel/BbAnzpeGFrA",
            "https://youtu.be/",
            "ftp://youtu.be/BbAnzpeGFrA",
            "https://notyoutube.com/watch?v=BbAnzpeGFrA",
            "https://www.youtube.com/embed/",
        ] {
            let err = VideoId::parse(input).unwrap_err();
            assert_eq!(err.input, input);
            assert!(err.to_string().contains("youtu.be"), "{err}");
        }
    }
}
