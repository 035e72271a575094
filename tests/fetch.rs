//! Tests: fetch. Every scenario runs against a scripted loopback server standing in for
//! YouTube (`mock_youtube`) and asserts the exact outcome and how many requests each step
//! made: `[watch page, player, captions]`.

use crate::mock_youtube::{MockYoutube, Reply};
use crate::workdir::Workdir;
use bitext::source::youtube::{
    self, BlockedBy, CaptionFormat, FetchError, FetchOptions, Fetched, RetryPolicy, Step,
    TrackKind, VideoId,
};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ID: &str = "BbAnzpeGFrA";
const WATCH: &str = "/watch";
const PLAYER: &str = "/youtubei/v1/player";
const CAPTIONS: &str = "/api/timedtext";

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/youtube")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A player response fixture with its caption URLs pointing at `origin`.
fn player(origin: &str, name: &str) -> Reply {
    Reply::ok(fixture(name).replace("{{ORIGIN}}", origin))
}

/// A server scripted for the happy path with this player response and caption payload.
fn youtube(player_fixture: &str, captions: &str) -> MockYoutube {
    let mock = MockYoutube::start();
    mock.on(WATCH, vec![Reply::ok(fixture("watch_ok.html"))]);
    mock.on(PLAYER, vec![player(mock.origin(), player_fixture)]);
    mock.on(CAPTIONS, vec![Reply::ok(fixture(captions))]);
    mock
}

/// Options for the mock: no backoff waits, short timeouts, a fresh cache.
fn options(mock: &MockYoutube, cache: &Path) -> FetchOptions {
    FetchOptions {
        origin: mock.origin().to_string(),
        cache_dir: cache.to_path_buf(),
        request_timeout: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(2),
        retry: RetryPolicy {
            base: Duration::ZERO,
            max: Duration::ZERO,
            ..RetryPolicy::default()
        },
        ..FetchOptions::default()
    }
}

fn id() -> VideoId {
    VideoId::parse(ID).unwrap()
}

fn fetch_with(options: &FetchOptions) -> Result<Fetched, FetchError> {
    youtube::fetch(&id(), "en", options)
}

/// Fetches with a fresh cache and returns the result and the cache folder.
fn fetch(mock: &MockYoutube) -> (Result<Fetched, FetchError>, tempfile::TempDir) {
    let cache = tempfile::tempdir().unwrap();
    (fetch_with(&options(mock, cache.path())), cache)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if entry.path().is_dir() {
                stack.push(entry.path());
            } else {
                found.push(entry.path());
            }
        }
    }
    found
}

/// Asserts an error, that nothing was cached, and that no message shows a signed URL.
fn failed(result: Result<Fetched, FetchError>, cache: &Path) -> FetchError {
    let err = result.expect_err("the fetch should fail");
    assert!(
        files_under(cache).is_empty(),
        "a failed fetch cached {:?}",
        files_under(cache)
    );
    let message = err.to_string();
    assert!(
        !message.contains("SECRETSIG") && !message.contains("signature"),
        "{message}"
    );
    err
}

// ---- the happy paths ----

#[test]
fn manual_track_is_fetched_cached_and_parsed() {
    let mock = youtube("player_ok.json", "manual.json3");
    let (result, cache) = fetch(&mock);
    let fetched = result.unwrap();
    assert_eq!(mock.counts(), [1, 1, 1]);
    assert_eq!(fetched.track.kind, TrackKind::Manual);
    assert_eq!(fetched.track.language, "en");
    assert_eq!(fetched.track.name, "English");
    assert!(!fetched.from_cache);
    assert_eq!(
        fetched.path,
        cache.path().join("youtube").join(ID).join("en.json3")
    );
    assert_eq!(
        std::fs::read_to_string(&fetched.path).unwrap(),
        fixture("manual.json3")
    );
    assert!(fetched
        .transcript
        .text
        .contains("Welcome back to the workshop."));
    assert!(fetched.transcript.text.contains("Thanks, Anna."));

    let watch = &mock.requests(WATCH)[0];
    assert_eq!(watch.param("v").as_deref(), Some(ID));
    assert_eq!(watch.header("accept-language"), Some("en-US"));
    let call = &mock.requests(PLAYER)[0];
    assert_eq!(call.method, "POST");
    assert_eq!(call.param("key").as_deref(), Some("TESTKEY_123"));
    let body: serde_json::Value = serde_json::from_str(&call.body).unwrap();
    assert_eq!(body["videoId"], ID);
    assert_eq!(body["context"]["client"]["clientName"], "ANDROID");
    // The manual English track's own URL, with fmt replaced (not appended) and the
    // signature kept as it was.
    let captions = &mock.requests(CAPTIONS)[0];
    assert_eq!(captions.param("name").as_deref(), Some("English"));
    assert_eq!(captions.param("kind"), None);
    assert_eq!(
        captions.param("signature").as_deref(),
        Some("SECRETSIG.MANUAL")
    );
    let fmts: Vec<_> = captions
        .params()
        .into_iter()
        .filter(|(k, _)| k == "fmt")
        .collect();
    assert_eq!(fmts, [("fmt".to_string(), "json3".to_string())]);
}

#[test]
fn auto_generated_track_is_taken_when_there_is_no_manual_one() {
    let mock = youtube("player_asr_only.json", "asr.json3");
    let (result, _cache) = fetch(&mock);
    let fetched = result.unwrap();
    assert_eq!(mock.counts(), [1, 1, 1]);
    assert_eq!(fetched.track.kind, TrackKind::Auto);
    assert_eq!(fetched.track.name, "English (auto-generated)");
    assert_eq!(
        mock.requests(CAPTIONS)[0].param("kind").as_deref(),
        Some("asr")
    );
    let words: Vec<&str> = fetched.transcript.text.split_whitespace().collect();
    for word in ["so", "today", "talking", "about", "rust"] {
        assert!(words.contains(&word), "{word} in {words:?}");
    }
}

#[test]
fn srv3_and_vtt_are_requested_with_their_fmt_and_cached_under_it() {
    for (format, payload) in [
        (CaptionFormat::Srv3, "manual.srv3"),
        (CaptionFormat::Vtt, "manual.vtt"),
        (CaptionFormat::Json3, "manual.json3"),
    ] {
        let mock = youtube("player_ok.json", payload);
        let cache = tempfile::tempdir().unwrap();
        let fetched = fetch_with(&FetchOptions {
            format,
            ..options(&mock, cache.path())
        })
        .unwrap();
        assert_eq!(mock.counts(), [1, 1, 1], "{format}");
        assert_eq!(
            mock.requests(CAPTIONS)[0].param("fmt").as_deref(),
            Some(format.as_str())
        );
        assert_eq!(fetched.format, format);
        assert!(fetched.path.ends_with(format!("en.{format}")));
        assert_eq!(
            std::fs::read_to_string(&fetched.path).unwrap(),
            fixture(payload)
        );
        assert!(
            fetched
                .transcript
                .text
                .contains("Welcome back to the workshop."),
            "{format}: {}",
            fetched.transcript.text
        );
    }
}

#[test]
fn auto_generated_srv3_and_vtt_read_as_the_same_words() {
    for (format, payload) in [
        (CaptionFormat::Srv3, "asr.srv3"),
        (CaptionFormat::Vtt, "asr.vtt"),
    ] {
        let mock = youtube("player_asr_only.json", payload);
        let cache = tempfile::tempdir().unwrap();
        let fetched = fetch_with(&FetchOptions {
            format,
            ..options(&mock, cache.path())
        })
        .unwrap();
        assert_eq!(mock.counts(), [1, 1, 1]);
        assert_eq!(fetched.track.kind, TrackKind::Auto);
        let words: Vec<&str> = fetched.transcript.text.split_whitespace().collect();
        assert_eq!(
            words,
            ["so", "today", "we're", "talking", "about", "rust"],
            "{format}"
        );
    }
}

#[test]
fn consent_form_then_success_with_the_consent_cookie() {
    let mock = youtube("player_ok.json", "manual.json3");
    mock.on(
        WATCH,
        vec![
            Reply::ok(fixture("watch_consent.html")),
            Reply::ok(fixture("watch_ok.html")),
        ],
    );
    let (result, _cache) = fetch(&mock);
    assert_eq!(result.unwrap().track.kind, TrackKind::Manual);
    assert_eq!(mock.counts(), [2, 1, 1]);
    let watches = mock.requests(WATCH);
    assert_eq!(watches[0].header("cookie"), None);
    assert_eq!(
        watches[1].header("cookie"),
        Some("CONSENT=YES+cb.20260301-09-p0.de+FX+123")
    );
}

#[test]
fn consent_form_that_stays_is_consent_failed() {
    let mock = youtube("player_ok.json", "manual.json3");
    mock.on(WATCH, vec![Reply::ok(fixture("watch_consent.html"))]);
    let (result, cache) = fetch(&mock);
    let err = failed(result, cache.path());
    assert!(matches!(err, FetchError::ConsentFailed { .. }), "{err}");
    assert_eq!(mock.counts(), [2, 0, 0]);
}

// ---- blocked ----

#[test]
fn captcha_page_is_blocked_without_retrying() {
    for status in [200, 429] {
        let mock = youtube("player_ok.json", "manual.json3");
        mock.on(
            WATCH,
            vec![Reply::new(status, fixture("watch_captcha.html"))],
        );
        let (result, cache) = fetch(&mock);
        let err = failed(result, cache.path());
        let expected = if status == 200 {
            BlockedBy::Captcha
        } else {
            BlockedBy::TooManyRequests
        };
        assert!(
            matches!(&err, FetchError::Blocked { by, step: Step::WatchPage, .. } if *by == expected),
            "{err}"
        );
        assert!(err.to_string().contains("--cookies"), "{err}");
        assert_eq!(mock.counts(), [1, 0, 0], "status {status}");
    }
}

#[test]
fn bot_check_is_its_own_error() {
    let mock = youtube("player_bot.json", "manual.json3");
    let (result, cache) = fetch(&mock);
    let err = failed(result, cache.path());
    assert!(matches!(err, FetchError::BotCheck { .. }), "{err}");
    assert!(err.to_string().contains("--proxy"), "{err}");
    assert_eq!(mock.counts(), [1, 1, 0]);
}

#[test]
fn a_429_with_retry_after_is_waited_for_once() {
    let mock = youtube("player_ok.json", "manual.json3");
    mock.on(
        PLAYER,
        vec![
            Reply::new(429, "slow down").header("Retry-After", "1"),
            player(mock.origin(), "player_ok.json"),
        ],
    );
    let started = Instant::now();
    let (result, _cache) = fetch(&mock);
    assert_eq!(result.unwrap().track.kind, TrackKind::Manual);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert_eq!(mock.counts(), [1, 2, 1]);
}

#[test]
fn a_second_429_is_blocked() {
    let mock = youtube("player_ok.json", "manual.json3");
    mock.on(
        PLAYER,
        vec![Reply::new(429, "slow down").header("Retry-After", "0")],
    );
    let (result, cache) = fetch(&mock);
    let err = failed(result, cache.path());
    assert!(
        matches!(
            err,
            FetchError::Blocked {
                by: BlockedBy::TooManyRequests,
                step: Step::Player,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(mock.counts(), [1, 2, 0]);
}

#[test]
fn a_429_without_retry_after_or_asking_too_long_is_blocked_at_once() {
    for retry_after in [None, Some("3600")] {
        let mock = youtube("player_ok.json", "manual.json3");
        let reply = Reply::new(429, "");
        let reply = match retry_after {
            Some(value) => reply.header("Retry-After", value),
            None => reply,
        };
        mock.on(CAPTIONS, vec![reply]);
        let (result, cache) = fetch(&mock);
        let err = failed(result, cache.path());
        assert!(
            matches!(
                err,
                FetchError::Blocked {
                    step: Step::Captions,
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(mock.counts(), [1, 1, 1], "{retry_after:?}");
    }
}

// ---- server errors, timeouts, network ----

#[test]
fn server_errors_are_retried_then_succeed() {
    let mock = youtube("player_ok.json", "manual.json3");
    mock.on(
        PLAYER,
        vec![
            Reply::new(503, "unavailable"),
            Reply::new(500, "oops"),
            player(mock.origin(), "player_ok.json"),
        ],
    );
    let (result, _cache) = fetch(&mock);
    assert_eq!(result.unwrap().track.language, "en");
    assert_eq!(mock.counts(), [1, 3, 1]);
}

#[test]
fn server_errors_give_up_after_three_tries() {
    let mock = youtube("player_ok.json", "manual.json3");
    mock.on(CAPTIONS, vec![Reply::new(502, "bad gateway")]);
    let (result, cache) = fetch(&mock);
    let err = failed(result, cache.path());
    assert!(
        matches!(
            err,
            FetchError::Http {
                status: 502,
                step: Step::Captions,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(mock.counts(), [1, 1, 3]);
}

#[test]
fn a_client_error_is_not_retried_and_the_signed_url_is_not_shown() {
    let mock = youtube("player_ok.json", "manual.json3");
    mock.on(CAPTIONS, vec![Reply::new(403, "forbidden")]);
    let (result, cache) = fetch(&mock);
    let err = failed(result, cache.path());
    assert!(matches!(err, FetchError::Http { status: 403, .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("/api/timedtext?v=BbAnzpeGFrA"),
        "{message}"
    );
    assert!(
        !message.contains("ei=") && !message.contains("expire"),
        "{message}"
    );
    assert_eq!(mock.counts(), [1, 1, 1]);
}

#[test]
fn a_slow_server_times_out_after_its_tries() {
    let mock = youtube("player_ok.json", "manual.json3");
    mock.on(
        WATCH,
        vec![Reply::ok(fixture("watch_ok.html")).delay(Duration::from_secs(10))],
    );
    let cache = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let result = fetch_with(&FetchOptions {
        request_timeout: Duration::from_millis(300),
        ..options(&mock, cache.path())
    });
    let err = failed(result, cache.path());
    assert!(
        matches!(
            err,
            FetchError::Timeout {
                step: Step::WatchPage,
                tries: 3,
                ..
            }
        ),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(mock.counts(), [3, 0, 0]);
}

#[test]
fn a_refused_connection_is_a_network_error_after_its_tries() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let cache = tempfile::tempdir().unwrap();
    let mock = MockYoutube::start();
    let result = fetch_with(&FetchOptions {
        origin: format!("http://127.0.0.1:{port}"),
        ..options(&mock, cache.path())
    });
    let err = failed(result, cache.path());
    assert!(
        matches!(
            err,
            FetchError::Network {
                step: Step::WatchPage,
                tries: 3,
                ..
            }
        ),
        "{err}"
    );
}

// ---- what the player says ----

#[test]
fn proof_of_origin_track_is_never_requested() {
    let mock = youtube("player_xpe.json", "manual.json3");
    let (result, cache) = fetch(&mock);
    let err = failed(result, cache.path());
    assert!(matches!(err, FetchError::PoTokenRequired { .. }), "{err}");
    assert_eq!(mock.counts(), [1, 1, 0]);
}

#[test]
fn playability_answers_have_their_own_errors() {
    type Check = fn(&FetchError) -> bool;
    let cases: [(&str, Check, &str); 5] = [
        (
            "player_unavailable.json",
            |e| matches!(e, FetchError::Unavailable { .. }),
            "check the id",
        ),
        (
            "player_age.json",
            |e| matches!(e, FetchError::AgeRestricted { .. }),
            "age-restricted",
        ),
        (
            "player_unplayable.json",
            |e| matches!(e, FetchError::Unplayable { .. }),
            "Video unavailable in DE. Try a VPN? No.",
        ),
        (
            "player_no_captions.json",
            |e| matches!(e, FetchError::TranscriptsDisabled { .. }),
            "captions off",
        ),
        (
            "player_wrong_id.json",
            |e| matches!(e, FetchError::WrongVideo { .. }),
            "aqz-KE-bpKQ",
        ),
    ];
    for (fixture_name, check, words) in cases {
        let mock = youtube(fixture_name, "manual.json3");
        let (result, cache) = fetch(&mock);
        let err = failed(result, cache.path());
        assert!(check(&err), "{fixture_name}: {err}");
        assert!(err.to_string().contains(words), "{fixture_name}: {err}");
        assert_eq!(mock.counts(), [1, 1, 0], "{fixture_name}");
    }
}

#[test]
fn no_track_in_the_language_lists_the_languages_there_are() {
    let mock = youtube("player_other_languages.json", "manual.json3");
    let (result, cache) = fetch(&mock);
    let err = failed(result, cache.path());
    match &err {
        FetchError::NoTranscript {
            lang, available, ..
        } => {
            assert_eq!(lang, "en");
            assert_eq!(
                available,
                &[
                    "de (manual: German)".to_string(),
                    "fr (auto-generated: French (auto-generated))".to_string()
                ]
            );
        }
        other => panic!("expected NoTranscript, got {other}"),
    }
    assert!(err.to_string().contains("--lang"), "{err}");
    assert_eq!(mock.counts(), [1, 1, 0]);
}

#[test]
fn a_watch_page_without_api_key_is_reported() {
    let mock = youtube("player_ok.json", "manual.json3");
    mock.on(
        WATCH,
        vec![Reply::ok("<html><body>Something else</body></html>")],
    );
    let (result, cache) = fetch(&mock);
    let err = failed(result, cache.path());
    assert!(matches!(err, FetchError::NoApiKey { .. }), "{err}");
    assert_eq!(mock.counts(), [1, 0, 0]);
}

#[test]
fn a_player_answer_that_is_not_json_is_reported() {
    let mock = youtube("player_ok.json", "manual.json3");
    mock.on(PLAYER, vec![Reply::ok("<html>error</html>")]);
    let (result, cache) = fetch(&mock);
    let err = failed(result, cache.path());
    assert!(matches!(err, FetchError::PlayerUnparsable { .. }), "{err}");
    assert_eq!(mock.counts(), [1, 1, 0]);
}

// ---- what the caption request returns ----

#[test]
fn an_empty_caption_body_is_its_own_error_and_not_retried() {
    let mock = youtube("player_ok.json", "manual.json3");
    mock.on(
        CAPTIONS,
        vec![Reply::ok("").header("content-type", "text/html")],
    );
    let (result, cache) = fetch(&mock);
    let err = failed(result, cache.path());
    assert!(
        matches!(err, FetchError::EmptyCaptions { status: 200, .. }),
        "{err}"
    );
    assert_eq!(mock.counts(), [1, 1, 1]);
}

#[test]
fn an_html_page_where_captions_were_expected_is_refused() {
    let mock = youtube("player_ok.json", "manual.json3");
    mock.on(CAPTIONS, vec![Reply::ok(fixture("watch_captcha.html"))]);
    let (result, cache) = fetch(&mock);
    let err = failed(result, cache.path());
    assert!(
        matches!(
            err,
            FetchError::NotCaptions {
                what: "an HTML page",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(mock.counts(), [1, 1, 1]);
}

// ---- the cache ----

#[test]
fn the_second_fetch_uses_the_cache_without_a_request() {
    let mock = youtube("player_asr_only.json", "asr.json3");
    let cache = tempfile::tempdir().unwrap();
    let first = fetch_with(&options(&mock, cache.path())).unwrap();
    assert_eq!(mock.total(), 3);
    let second = fetch_with(&options(&mock, cache.path())).unwrap();
    assert_eq!(mock.total(), 3, "no request for a cached transcript");
    assert!(second.from_cache);
    assert_eq!(second.path, first.path);
    assert_eq!(second.track, first.track);
    assert_eq!(second.transcript, first.transcript);
    // Another format is another entry.
    mock.on(CAPTIONS, vec![Reply::ok(fixture("asr.srv3"))]);
    let srv3 = youtube::fetch(
        &id(),
        "en",
        &FetchOptions {
            format: CaptionFormat::Srv3,
            ..options(&mock, cache.path())
        },
    )
    .unwrap();
    assert!(!srv3.from_cache);
    assert_ne!(srv3.path, first.path);
    assert_eq!(mock.total(), 6);
}

#[test]
fn offline_uses_the_cache_and_never_the_network() {
    let mock = youtube("player_ok.json", "manual.json3");
    let cache = tempfile::tempdir().unwrap();
    let online = fetch_with(&options(&mock, cache.path())).unwrap();
    assert_eq!(mock.total(), 3);
    let offline = fetch_with(&FetchOptions {
        offline: true,
        ..options(&mock, cache.path())
    })
    .unwrap();
    assert!(offline.from_cache);
    assert_eq!(offline.track, online.track);
    assert_eq!(mock.total(), 3);
}

#[test]
fn offline_without_a_cache_says_so_without_a_request() {
    let mock = youtube("player_ok.json", "manual.json3");
    let cache = tempfile::tempdir().unwrap();
    let err = fetch_with(&FetchOptions {
        offline: true,
        ..options(&mock, cache.path())
    })
    .unwrap_err();
    assert!(matches!(err, FetchError::NotCached { .. }), "{err}");
    assert!(err.to_string().contains("without --offline"), "{err}");
    assert_eq!(mock.total(), 0);
}

#[test]
fn a_failed_caption_read_caches_nothing_and_the_next_run_asks_again() {
    let mock = youtube("player_ok.json", "manual.json3");
    mock.on(
        CAPTIONS,
        vec![Reply::ok(""), Reply::ok(fixture("manual.json3"))],
    );
    let cache = tempfile::tempdir().unwrap();
    let err = fetch_with(&options(&mock, cache.path())).unwrap_err();
    assert!(matches!(err, FetchError::EmptyCaptions { .. }), "{err}");
    let fetched = fetch_with(&options(&mock, cache.path())).unwrap();
    assert!(!fetched.from_cache);
    assert_eq!(mock.counts(), [2, 2, 2]);
}

// ---- ids, cookies, proxies ----

#[test]
fn invalid_ids_and_links_are_refused_before_any_request() {
    let mock = MockYoutube::start();
    let dir = Workdir::new();
    for input in [
        "BbAnzpeGFr",
        "https://vimeo.com/123456",
        "https://www.youtube.com/playlist?list=PL0123456789",
        "https://youtu.be/",
        "not a video",
    ] {
        assert!(VideoId::parse(input).is_err(), "{input}");
        let stderr = dir.fails(&["fetch", input, "--origin", mock.origin()], 2);
        assert!(stderr.contains("is not a YouTube video id"), "{stderr}");
    }
    let stderr = dir.fails(
        &["fetch", ID, "--lang", "../en", "--origin", mock.origin()],
        2,
    );
    assert!(stderr.contains("is not a language code"), "{stderr}");
    assert_eq!(mock.total(), 0);
}

#[test]
fn url_forms_fetch_the_same_video() {
    let mock = youtube("player_ok.json", "manual.json3");
    let cache = tempfile::tempdir().unwrap();
    for input in [
        "https://www.youtube.com/watch?v=BbAnzpeGFrA&t=42s&list=PL1",
        "https://youtu.be/BbAnzpeGFrA?si=x",
        "https://www.youtube.com/shorts/BbAnzpeGFrA",
        "https://www.youtube.com/embed/BbAnzpeGFrA?start=3",
    ] {
        let video = VideoId::parse(input).unwrap();
        let fetched = youtube::fetch(&video, "en", &options(&mock, cache.path())).unwrap();
        assert_eq!(fetched.video.as_str(), ID, "{input}");
    }
    assert_eq!(mock.counts(), [1, 1, 1], "one fetch, then the cache");
}

#[test]
fn cookies_from_a_cookies_file_are_sent_where_they_belong() {
    let mock = youtube("player_ok.json", "manual.json3");
    let dir = tempfile::tempdir().unwrap();
    let cookies = dir.path().join("cookies.txt");
    std::fs::write(
        &cookies,
        "# Netscape HTTP Cookie File\n\
         127.0.0.1\tFALSE\t/\tFALSE\t0\tSID\tsecret-session\n\
         .youtube.com\tTRUE\t/\tTRUE\t0\tOTHER\tnot-for-here\n",
    )
    .unwrap();
    let fetched = fetch_with(&FetchOptions {
        cookies: Some(cookies),
        ..options(&mock, &dir.path().join("cache"))
    });
    assert!(fetched.is_ok());
    for path in [WATCH, PLAYER, CAPTIONS] {
        assert_eq!(
            mock.requests(path)[0].header("cookie"),
            Some("SID=secret-session"),
            "{path}"
        );
    }
}

#[test]
fn every_request_goes_through_the_proxy_when_one_is_given() {
    // The mock serves as the proxy; the origin's host does not even resolve.
    let mock = MockYoutube::start();
    let origin = "http://youtube.invalid";
    mock.on(WATCH, vec![Reply::ok(fixture("watch_ok.html"))]);
    mock.on(PLAYER, vec![player(origin, "player_ok.json")]);
    mock.on(CAPTIONS, vec![Reply::ok(fixture("manual.json3"))]);
    let cache = tempfile::tempdir().unwrap();
    let fetched = fetch_with(&FetchOptions {
        origin: origin.to_string(),
        proxy: Some(mock.origin().to_string()),
        ..options(&mock, cache.path())
    });
    assert!(fetched.is_ok(), "{:?}", fetched.err());
    assert_eq!(mock.counts(), [1, 1, 1]);
    for path in [WATCH, PLAYER, CAPTIONS] {
        assert!(mock.requests(path)[0].proxied, "{path}");
    }
}

#[test]
fn a_bad_proxy_is_reported_before_any_request() {
    let mock = youtube("player_ok.json", "manual.json3");
    let cache = tempfile::tempdir().unwrap();
    let err = fetch_with(&FetchOptions {
        proxy: Some("::not a proxy".to_string()),
        ..options(&mock, cache.path())
    })
    .unwrap_err();
    assert!(matches!(err, FetchError::InvalidProxy { .. }), "{err}");
    assert_eq!(mock.total(), 0);
}

#[test]
fn a_bad_cookies_file_is_reported_before_any_request() {
    let mock = youtube("player_ok.json", "manual.json3");
    let dir = tempfile::tempdir().unwrap();
    let cookies = dir.path().join("cookies.txt");
    std::fs::write(&cookies, "SID=abc; HSID=def\n").unwrap();
    let err = fetch_with(&FetchOptions {
        cookies: Some(cookies),
        ..options(&mock, &dir.path().join("cache"))
    })
    .unwrap_err();
    assert!(matches!(err, FetchError::Cookies { line: 1, .. }), "{err}");
    assert_eq!(mock.total(), 0);
}

// ---- the binary ----

#[test]
fn binary_prints_the_cached_path_and_says_which_track() {
    let mock = youtube("player_ok.json", "manual.json3");
    let dir = Workdir::new();
    let out = dir.run(&[
        "fetch",
        "https://youtu.be/BbAnzpeGFrA",
        "--origin",
        mock.origin(),
        "--cache-dir",
        "cache",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let printed = Path::new(stdout.trim_end());
    assert!(
        printed.ends_with("cache/youtube/BbAnzpeGFrA/en.json3"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(printed)).unwrap(),
        fixture("manual.json3")
    );
    assert!(
        stderr.contains("the manual en track \"English\"") && stderr.contains("from YouTube"),
        "{stderr}"
    );
    assert_eq!(mock.counts(), [1, 1, 1]);

    // The second run: from the cache, no request.
    let out = dir.run(&[
        "fetch",
        ID,
        "--origin",
        mock.origin(),
        "--cache-dir",
        "cache",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("from the cache"));
    assert_eq!(mock.total(), 3);
}

#[test]
fn binary_writes_the_transcript_with_dash_o() {
    let mock = youtube("player_asr_only.json", "asr.vtt");
    let dir = Workdir::new();
    let out = dir
        .command(&[
            "fetch",
            ID,
            "--format",
            "vtt",
            "-o",
            "corpus/en.vtt",
            "--cache-dir",
            "cache",
        ])
        .env("BITEXT_YOUTUBE_ORIGIN", mock.origin())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(dir.read("corpus/en.vtt"), fixture("asr.vtt"));
    assert!(stderr.contains("auto-generated en track"), "{stderr}");
    assert_eq!(
        mock.requests(CAPTIONS)[0].param("fmt").as_deref(),
        Some("vtt")
    );
}

#[test]
fn binary_ignores_proxies_from_the_environment() {
    let mock = youtube("player_ok.json", "manual.json3");
    let dir = Workdir::new();
    let out = dir
        .command(&[
            "fetch",
            ID,
            "--origin",
            mock.origin(),
            "--cache-dir",
            "cache",
        ])
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .env("http_proxy", "http://127.0.0.1:9")
        .env("ALL_PROXY", "http://127.0.0.1:9")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mock.counts(), [1, 1, 1]);
}

#[test]
fn binary_errors_exit_2_with_the_precise_message() {
    let mock = youtube("player_bot.json", "manual.json3");
    let dir = Workdir::new();
    let stderr = dir.fails(
        &[
            "fetch",
            ID,
            "--origin",
            mock.origin(),
            "--cache-dir",
            "cache",
        ],
        2,
    );
    assert!(stderr.contains("confirm you're not a bot"), "{stderr}");
    assert!(stderr.contains("--cookies"), "{stderr}");
    assert_eq!(mock.counts(), [1, 1, 0]);

    let stderr = dir.fails(
        &[
            "fetch",
            ID,
            "--offline",
            "--lang",
            "de",
            "--cache-dir",
            "cache",
        ],
        2,
    );
    assert!(stderr.contains("no cached de transcript"), "{stderr}");
    assert_eq!(mock.total(), 2);
}
