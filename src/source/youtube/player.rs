//! Reading the player response: is the video playable, is the answer for this video, and
//! which caption tracks it has. Read leniently through `serde_json::Value`: YouTube adds
//! and drops fields often, and only a handful matter here.

use super::error::FetchError;
use super::{Track, TrackKind, VideoId};
use serde_json::Value;

/// The request body of the player call: the ANDROID client, as youtube-transcript-api 1.2
/// sends it (its caption URLs come without the web client's proof-of-origin demands).
pub(crate) fn request_body(video: &VideoId) -> Value {
    serde_json::json!({
        "context": {"client": {"clientName": "ANDROID", "clientVersion": "20.10.38", "hl": "en"}},
        "videoId": video.as_str(),
    })
}

/// A caption track as the player response lists it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CaptionTrack {
    pub track: Track,
    /// The signed, expiring URL: never printed, never cached.
    pub base_url: String,
}

/// Checks the player response and returns its caption tracks (never empty).
pub(crate) fn caption_tracks(
    video: &VideoId,
    body: &[u8],
) -> Result<Vec<CaptionTrack>, FetchError> {
    let response: Value =
        serde_json::from_slice(body).map_err(|e| FetchError::PlayerUnparsable {
            video: video.clone(),
            detail: if body.iter().all(u8::is_ascii_whitespace) {
                "the body is empty".to_string()
            } else {
                e.to_string()
            },
        })?;
    check_playability(video, &response)?;
    let got = response
        .pointer("/videoDetails/videoId")
        .and_then(Value::as_str);
    if got != Some(video.as_str()) {
        return Err(FetchError::WrongVideo {
            video: video.clone(),
            got: got.map_or_else(|| "no video at all".to_string(), |g| format!("video {g}")),
        });
    }
    let tracks: Vec<CaptionTrack> = response
        .pointer("/captions/playerCaptionsTracklistRenderer/captionTracks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(caption_track)
        .collect();
    if tracks.is_empty() {
        return Err(FetchError::TranscriptsDisabled {
            video: video.clone(),
        });
    }
    Ok(tracks)
}

fn check_playability(video: &VideoId, response: &Value) -> Result<(), FetchError> {
    let status = response
        .pointer("/playabilityStatus/status")
        .and_then(Value::as_str)
        .unwrap_or("OK");
    let reason = response
        .pointer("/playabilityStatus/reason")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    // Reasons are compared in English, which `Accept-Language: en-US` and `hl: en` ask for.
    let lower = reason.to_lowercase().replace('\u{2019}', "'");
    let video = video.clone();
    match status {
        "OK" => Ok(()),
        "LOGIN_REQUIRED" if lower.contains("not a bot") => Err(FetchError::BotCheck { video }),
        "LOGIN_REQUIRED" if lower.contains("inappropriate") || lower.contains(" age") => {
            Err(FetchError::AgeRestricted { video })
        }
        "AGE_CHECK_REQUIRED" | "AGE_VERIFICATION_REQUIRED" => {
            Err(FetchError::AgeRestricted { video })
        }
        "ERROR" if lower.contains("unavailable") || reason.is_empty() => {
            Err(FetchError::Unavailable {
                video,
                reason: if reason.is_empty() {
                    "no reason given".to_string()
                } else {
                    reason
                },
            })
        }
        _ => Err(FetchError::Unplayable {
            video,
            status: status.to_string(),
            reason,
            subreasons: subreasons(response),
        }),
    }
}

/// `errorScreen.playerErrorMessageRenderer.subreason`, as `runs[].text` or `simpleText`.
fn subreasons(response: &Value) -> Vec<String> {
    let Some(subreason) =
        response.pointer("/playabilityStatus/errorScreen/playerErrorMessageRenderer/subreason")
    else {
        return Vec::new();
    };
    text_of(subreason)
        .map(|text| vec![text])
        .unwrap_or_default()
}

/// A YouTube text object: `{"simpleText": …}` or `{"runs": [{"text": …}, …]}`.
fn text_of(value: &Value) -> Option<String> {
    if let Some(text) = value.get("simpleText").and_then(Value::as_str) {
        return Some(text.to_string());
    }
    let runs = value.get("runs")?.as_array()?;
    let text: String = runs
        .iter()
        .filter_map(|run| run.get("text").and_then(Value::as_str))
        .collect();
    (!text.is_empty()).then_some(text)
}

fn caption_track(value: &Value) -> Option<CaptionTrack> {
    let base_url = value.get("baseUrl")?.as_str()?.to_string();
    let language = value.get("languageCode")?.as_str()?.to_string();
    let auto = value.get("kind").and_then(Value::as_str) == Some("asr")
        || value
            .get("vssId")
            .and_then(Value::as_str)
            .is_some_and(|v| v.starts_with("a."));
    let name = value
        .get("name")
        .and_then(text_of)
        .unwrap_or_else(|| language.clone());
    Some(CaptionTrack {
        track: Track {
            language,
            name,
            kind: if auto {
                TrackKind::Auto
            } else {
                TrackKind::Manual
            },
        },
        base_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> VideoId {
        VideoId::parse("BbAnzpeGFrA").unwrap()
    }

    fn tracks(json: serde_json::Value) -> Result<Vec<CaptionTrack>, FetchError> {
        caption_tracks(&id(), json.to_string().as_bytes())
    }

    fn ok_with(captions: serde_json::Value) -> serde_json::Value {
        serde_json::json!({
            "playabilityStatus": {"status": "OK"},
            "videoDetails": {"videoId": "BbAnzpeGFrA"},
            "captions": captions,
        })
    }

    #[test]
    fn reads_names_in_both_layouts_and_the_asr_kind() {
        let got = tracks(ok_with(serde_json::json!({"playerCaptionsTracklistRenderer": {"captionTracks": [
            {"baseUrl": "https://x/a", "languageCode": "en", "name": {"runs": [{"text": "English"}]}, "vssId": ".en"},
            {"baseUrl": "https://x/b", "languageCode": "en", "kind": "asr", "name": {"simpleText": "English (auto-generated)"}},
            {"baseUrl": "https://x/c", "languageCode": "de", "vssId": "a.de"},
            {"languageCode": "fr"}
        ]}})))
        .unwrap();
        let summary: Vec<_> = got
            .iter()
            .map(|t| {
                (
                    t.track.language.as_str(),
                    t.track.name.as_str(),
                    t.track.kind,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("en", "English", TrackKind::Manual),
                ("en", "English (auto-generated)", TrackKind::Auto),
                ("de", "de", TrackKind::Auto),
            ]
        );
    }

    #[test]
    fn playability_statuses_map_to_their_errors() {
        let with = |status: &str, reason: &str| {
            tracks(serde_json::json!({"playabilityStatus": {"status": status, "reason": reason,
                "errorScreen": {"playerErrorMessageRenderer": {"subreason": {"runs": [{"text": "Sub one."}, {"text": " Sub two."}]}}}}}))
            .unwrap_err()
        };
        assert!(matches!(
            with(
                "LOGIN_REQUIRED",
                "Sign in to confirm you\u{2019}re not a bot"
            ),
            FetchError::BotCheck { .. }
        ));
        assert!(matches!(
            with(
                "LOGIN_REQUIRED",
                "This video may be inappropriate for some users."
            ),
            FetchError::AgeRestricted { .. }
        ));
        assert!(matches!(
            with("ERROR", "This video is unavailable"),
            FetchError::Unavailable { .. }
        ));
        let err = with("UNPLAYABLE", "Custom reason");
        assert!(matches!(err, FetchError::Unplayable { .. }));
        assert!(
            err.to_string()
                .contains("Custom reason — Sub one. Sub two."),
            "{err}"
        );
    }

    #[test]
    fn no_captions_means_disabled_and_another_id_means_wrong_video() {
        assert!(matches!(
            tracks(ok_with(serde_json::json!(null))).unwrap_err(),
            FetchError::TranscriptsDisabled { .. }
        ));
        assert!(matches!(
            tracks(ok_with(
                serde_json::json!({"playerCaptionsTracklistRenderer": {}})
            ))
            .unwrap_err(),
            FetchError::TranscriptsDisabled { .. }
        ));
        let other = serde_json::json!({"playabilityStatus": {"status": "OK"}, "videoDetails": {"videoId": "zzzzzzzzzzz"}});
        let err = tracks(other).unwrap_err();
        assert!(matches!(err, FetchError::WrongVideo { .. }));
        assert!(err.to_string().contains("zzzzzzzzzzz"), "{err}");
    }

    #[test]
    fn a_body_that_is_not_json_is_unparsable() {
        let err = caption_tracks(&id(), b"<html>oops</html>").unwrap_err();
        assert!(matches!(err, FetchError::PlayerUnparsable { .. }));
    }
}
