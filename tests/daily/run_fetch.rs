//! `run --fetch`: a corpus whose manifest names a video and which has no English gets it
//! from YouTube (the loopback stand-in), or from a stand-in `yt-dlp` on the PATH when
//! YouTube refuses for want of a proof-of-origin token; without `--fetch` a run makes no
//! request at all, and a failed fetch leaves the Chinese reading view with the exact command.

use super::subtitle_times::{json3, ZH};
use crate::mock_youtube::{MockYoutube, Reply};
use crate::workdir::Workdir;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Instant;

const ID: &str = "BbAnzpeGFrA";

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/youtube")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A corpus folder `talk` naming the video, with the Chinese only.
fn corpus(wd: &Workdir) {
    wd.write(
        "corpus/talk/bitext.toml",
        format!("title = \"Talk\"\nvideo = \"{ID}\"\n"),
    );
    wd.write("corpus/talk/zh.txt", format!("{}\n", ZH.join("\n")));
}

/// YouTube's stand-in with the given player response; captions are the talk's json3.
fn youtube(player: &str) -> MockYoutube {
    let mock = MockYoutube::start();
    mock.on("/watch", vec![Reply::ok(fixture("watch_ok.html"))]);
    mock.on(
        "/youtubei/v1/player",
        vec![Reply::ok(
            fixture(player).replace("{{ORIGIN}}", mock.origin()),
        )],
    );
    mock.on("/api/timedtext", vec![Reply::ok(json3().0)]);
    mock
}

/// `bitext run talk [--fetch]` against `origin`, with the cache in the work folder and
/// `path` as the PATH. Returns (exit code, stderr, seconds taken).
fn run(wd: &Workdir, origin: &str, path: &str, fetch: bool) -> (i32, String, f64) {
    let mut args = vec!["run", "talk"];
    if fetch {
        args.push("--fetch");
    }
    let started = Instant::now();
    let out = wd
        .command(&args)
        .env("BITEXT_YOUTUBE_ORIGIN", origin)
        .env("XDG_CACHE_HOME", wd.path().join("cache"))
        .env("PATH", path)
        .output()
        .expect("run bitext");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed().as_secs_f64(),
    )
}

fn has_english(wd: &Workdir) -> bool {
    wd.path().join("out/talk/corpus.srt").is_file()
        && wd
            .read("out/talk/corpus.tsv")
            .contains("Welcome back to the show")
}

#[test]
fn without_fetch_run_makes_no_request_and_names_the_flag() {
    let wd = Workdir::new();
    corpus(&wd);
    let mock = youtube("player_ok.json");
    let (code, stderr, _) = run(&wd, mock.origin(), "/usr/bin:/bin", false);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(mock.total(), 0, "no request without --fetch");
    assert!(
        stderr.contains("`cargo run --release -- run talk --fetch`"),
        "{stderr}"
    );
    assert!(!has_english(&wd));
}

#[test]
fn run_fetch_gets_the_english_caches_it_and_the_next_run_reads_the_cache() {
    let wd = Workdir::new();
    corpus(&wd);
    let mock = youtube("player_ok.json");
    let (code, stderr, _) = run(&wd, mock.origin(), "/usr/bin:/bin", true);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("fetched the English transcript of video"),
        "{stderr}"
    );
    assert!(stderr.contains("from YouTube"), "{stderr}");
    assert!(has_english(&wd), "{stderr}");
    assert!(wd
        .path()
        .join(format!("cache/bitext/youtube/{ID}/en.json3"))
        .is_file());
    let requests = mock.total();
    // A second run, without --fetch, takes the cached transcript: no request.
    let (code, stderr, _) = run(&wd, mock.origin(), "/usr/bin:/bin", false);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(mock.total(), requests);
    assert!(
        stderr.contains("the one `fetch` cached for the video"),
        "{stderr}"
    );
    assert!(has_english(&wd));
}

#[test]
fn run_fetch_falls_back_to_ytdlp_when_youtube_wants_a_token() {
    let wd = Workdir::new();
    corpus(&wd);
    let mock = youtube("player_xpe.json");
    // A stand-in yt-dlp: records its arguments, writes the talk's json3 where -o says.
    wd.write("talk.json3", json3().0);
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{args}'\nout=''\nwhile [ $# -gt 0 ]; do\n  if [ \"$1\" = -o ]; then out=\"$2\"; shift; fi\n  shift\ndone\ncp '{payload}' \"$(dirname \"$out\")/{ID}.en.json3\"\n",
        args = wd.path().join("ytdlp-args").display(),
        payload = wd.path().join("talk.json3").display(),
    );
    let program = wd.write("bin/yt-dlp", script);
    std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:/usr/bin:/bin", wd.path().join("bin").display());
    let (code, stderr, _) = run(&wd, mock.origin(), &path, true);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("proof-of-origin"), "{stderr}");
    assert!(stderr.contains("falling back to yt-dlp"), "{stderr}");
    assert!(stderr.contains("with yt-dlp"), "{stderr}");
    let args = wd.read("ytdlp-args");
    assert!(args.lines().any(|l| l == "--write-auto-subs") && args.lines().any(|l| l == "json3"));
    assert!(
        args.lines().any(|l| l == "en"),
        "the manifest's language: {args}"
    );
    assert!(has_english(&wd), "{stderr}");
}

#[test]
fn a_refusal_without_ytdlp_keeps_the_reading_view_and_gives_the_exact_command() {
    let wd = Workdir::new();
    corpus(&wd);
    let mock = youtube("player_xpe.json");
    let (code, stderr, _) = run(&wd, mock.origin(), "/nonexistent", true);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "yt-dlp --skip-download --write-subs --write-auto-subs --sub-langs en --sub-format json3 -o '%(id)s.%(ext)s' 'https://www.youtube.com/watch?v={ID}' && mv {ID}.en.json3 corpus/talk/en.json3"
        )),
        "{stderr}"
    );
    assert!(!has_english(&wd));
    let html = wd.read("out/talk/index.html");
    assert!(html.contains(ZH[0]), "the Chinese reading view is written");
}

#[test]
fn an_unreachable_youtube_fails_fast_and_the_run_goes_on() {
    let wd = Workdir::new();
    corpus(&wd);
    // Nothing listens on port 1: connections are refused at once, as offline.
    let (code, stderr, secs) = run(&wd, "http://127.0.0.1:1", "/usr/bin:/bin", true);
    assert_eq!(code, 0, "{stderr}");
    assert!(secs < 15.0, "took {secs:.1} s");
    assert!(
        stderr.contains("could not fetch the English transcript"),
        "{stderr}"
    );
    assert!(
        stderr.contains("no English transcript. Supply one"),
        "{stderr}"
    );
    assert!(wd.path().join("out/talk/index.html").is_file());
}
