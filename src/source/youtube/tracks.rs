//! Choosing a caption track and building its request URL.

use super::player::CaptionTrack;
use super::{CaptionFormat, TrackKind};
use reqwest::Url;

/// The track for `lang`: a manual track before an auto-generated one; within each, the exact
/// language code before a regional or other variant of it (`en` also takes `en-GB`, and
/// `en-GB` also takes `en`). Codes compare case-insensitively.
pub(crate) fn choose<'a>(tracks: &'a [CaptionTrack], lang: &str) -> Option<&'a CaptionTrack> {
    let wanted = lang.to_ascii_lowercase();
    let primary = |code: &str| code.split(['-', '_']).next().unwrap_or("").to_string();
    let exact = |t: &CaptionTrack| t.track.language.to_ascii_lowercase() == wanted;
    let related =
        |t: &CaptionTrack| primary(&t.track.language.to_ascii_lowercase()) == primary(&wanted);
    [TrackKind::Manual, TrackKind::Auto]
        .into_iter()
        .flat_map(|kind| {
            let of_kind = move |t: &&CaptionTrack| t.track.kind == kind;
            let exact_match = tracks.iter().filter(of_kind).find(|t| exact(t));
            let related_match = tracks.iter().filter(of_kind).find(|t| related(t));
            [exact_match, related_match]
        })
        .flatten()
        .next()
}

/// Every track, for the "no transcript in your language" message: `en (manual: English)`.
pub(crate) fn describe(tracks: &[CaptionTrack]) -> Vec<String> {
    tracks
        .iter()
        .map(|t| {
            let kind = match t.track.kind {
                TrackKind::Manual => "manual",
                TrackKind::Auto => "auto-generated",
            };
            format!("{} ({kind}: {})", t.track.language, t.track.name)
        })
        .collect()
}

/// Why a track's URL cannot be requested.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum UrlProblem {
    /// `exp=xpe` (or `xpv`): the request needs a proof-of-origin token.
    PoToken,
    /// The `baseUrl` is not a URL even relative to the origin.
    Invalid,
}

/// The caption request URL: the track's `baseUrl` (joined with the origin when relative)
/// with `fmt` set to `format` through the query-pair API, and without `tlang` (no machine
/// translation) and `xosf`. Refused when it demands a proof-of-origin token.
pub(crate) fn caption_url(
    origin: &Url,
    track: &CaptionTrack,
    format: CaptionFormat,
) -> Result<Url, UrlProblem> {
    let mut url = origin
        .join(&track.base_url)
        .map_err(|_| UrlProblem::Invalid)?;
    let needs_token = url
        .query_pairs()
        .any(|(key, value)| key == "exp" && (value.contains("xpe") || value.contains("xpv")));
    if needs_token {
        return Err(UrlProblem::PoToken);
    }
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(key, _)| !matches!(key.as_ref(), "fmt" | "tlang" | "xosf"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    url.query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .append_pair("fmt", format.as_str());
    Ok(url)
}

/// Query parameters safe to show: what is asked for, never who asks or the signature.
const SHOWN: &[&str] = &["v", "lang", "kind", "fmt", "name"];

/// The URL without its signature, session and address parameters, for messages.
pub(crate) fn redact(url: &Url) -> String {
    let mut shown = url.clone();
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(key, _)| SHOWN.contains(&key.as_ref()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    shown.set_fragment(None);
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    if kept.is_empty() {
        shown.set_query(None);
    } else {
        shown.query_pairs_mut().clear().extend_pairs(kept);
    }
    shown.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::youtube::Track;

    fn track(lang: &str, kind: TrackKind) -> CaptionTrack {
        CaptionTrack {
            track: Track {
                language: lang.into(),
                name: format!("{lang} {kind:?}"),
                kind,
            },
            base_url: format!("/api/timedtext?lang={lang}"),
        }
    }

    fn chosen(tracks: &[CaptionTrack], lang: &str) -> Option<(String, TrackKind)> {
        choose(tracks, lang).map(|t| (t.track.language.clone(), t.track.kind))
    }

    #[test]
    fn manual_before_auto_and_exact_before_regional() {
        use TrackKind::*;
        let all = [
            track("de", Manual),
            track("en", Auto),
            track("en-GB", Manual),
            track("en", Manual),
        ];
        assert_eq!(chosen(&all, "en"), Some(("en".into(), Manual)));
        assert_eq!(chosen(&all, "EN-gb"), Some(("en-GB".into(), Manual)));
        assert_eq!(chosen(&all[..3], "en"), Some(("en-GB".into(), Manual)));
        assert_eq!(chosen(&all[..2], "en"), Some(("en".into(), Auto)));
        assert_eq!(
            chosen(&[track("en-US", Auto)], "en"),
            Some(("en-US".into(), Auto))
        );
        assert_eq!(chosen(&all, "fr"), None);
        assert_eq!(chosen(&[track("eng", Manual)], "en"), None);
    }

    #[test]
    fn sets_fmt_as_a_query_pair_and_drops_translation() {
        let origin = Url::parse("http://127.0.0.1:9/").unwrap();
        let mut t = track("en", TrackKind::Auto);
        t.base_url = "https://www.youtube.com/api/timedtext?v=X&caps=asr&xoaf=5&signature=AB%2BC&lang=en&fmt=srv3&tlang=de&xosf=1".into();
        let url = caption_url(&origin, &t, CaptionFormat::Json3).unwrap();
        assert_eq!(
            url.as_str(),
            "https://www.youtube.com/api/timedtext?v=X&caps=asr&xoaf=5&signature=AB%2BC&lang=en&fmt=json3"
        );
        let relative =
            caption_url(&origin, &track("en", TrackKind::Manual), CaptionFormat::Vtt).unwrap();
        assert_eq!(
            relative.as_str(),
            "http://127.0.0.1:9/api/timedtext?lang=en&fmt=vtt"
        );
    }

    #[test]
    fn a_proof_of_origin_url_is_refused() {
        let origin = Url::parse("http://127.0.0.1:9/").unwrap();
        let mut t = track("en", TrackKind::Manual);
        t.base_url = "/api/timedtext?v=X&exp=xpe&lang=en".into();
        assert_eq!(
            caption_url(&origin, &t, CaptionFormat::Json3),
            Err(UrlProblem::PoToken)
        );
    }

    #[test]
    fn redact_keeps_only_what_was_asked_for() {
        let url = Url::parse("https://www.youtube.com/api/timedtext?v=X&ei=abc&ip=1.2.3.4&expire=99&sparams=ip&signature=SECRET&key=yt8&kind=asr&lang=en&fmt=json3").unwrap();
        let shown = redact(&url);
        assert_eq!(
            shown,
            "https://www.youtube.com/api/timedtext?v=X&kind=asr&lang=en&fmt=json3"
        );
    }
}
