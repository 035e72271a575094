//! The on-disk cache of raw caption payloads.
//!
//! Layout: `<root>/youtube/<video id>/<lang>.<format>` holds the exact bytes YouTube sent,
//! and `<lang>.<format>.track.json` beside it says which track they are. Both are written
//! atomically, the payload first: an entry counts only once its track file exists, so an
//! interrupted fetch leaves no entry that looks complete. Signed URLs are never stored.

use super::{CaptionFormat, Track, VideoId};
use crate::text::files::{write_atomic, FileError};
use std::path::{Path, PathBuf};

/// Where one video's transcript in one language and format is cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub payload: PathBuf,
    pub track: PathBuf,
}

/// The entry for a video, language and format under the cache root.
pub(crate) fn entry(root: &Path, video: &VideoId, lang: &str, format: CaptionFormat) -> Entry {
    let dir = folder(root, video);
    let name = format!("{}.{}", lang.to_ascii_lowercase(), format.as_str());
    Entry {
        track: dir.join(format!("{name}.track.json")),
        payload: dir.join(name),
    }
}

/// The folder holding a video's cached payloads.
pub(crate) fn folder(root: &Path, video: &VideoId) -> PathBuf {
    root.join("youtube").join(video.as_str())
}

/// The cached track, when the entry is complete (its payload and its track file exist and
/// the track file reads).
pub(crate) fn load(entry: &Entry) -> Option<Track> {
    if !entry.payload.is_file() {
        return None;
    }
    let text = std::fs::read_to_string(&entry.track).ok()?;
    serde_json::from_str(&text).ok()
}

/// Stores a payload and its track.
pub(crate) fn store(entry: &Entry, payload: &[u8], track: &Track) -> Result<(), FileError> {
    write_atomic(&entry.payload, payload)?;
    let json = serde_json::to_string_pretty(track).expect("a track serialises");
    write_atomic(&entry.track, format!("{json}\n").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::youtube::TrackKind;

    #[test]
    fn an_entry_counts_only_when_complete() {
        let dir = tempfile::tempdir().unwrap();
        let video = VideoId::parse("BbAnzpeGFrA").unwrap();
        let e = entry(dir.path(), &video, "EN", CaptionFormat::Json3);
        assert!(e.payload.ends_with("youtube/BbAnzpeGFrA/en.json3"));
        assert_eq!(load(&e), None);
        write_atomic(&e.payload, b"{}").unwrap();
        assert_eq!(
            load(&e),
            None,
            "a payload without its track file is no entry"
        );
        let track = Track {
            language: "en-GB".into(),
            name: "English (UK)".into(),
            kind: TrackKind::Auto,
        };
        store(&e, b"{\"events\":[]}", &track).unwrap();
        assert_eq!(load(&e), Some(track));
        assert_eq!(std::fs::read(&e.payload).unwrap(), b"{\"events\":[]}");
    }
}
