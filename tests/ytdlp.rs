//! Tests: the yt-dlp fallback of `bitext fetch`, against the loopback YouTube stand-in
//! (`mock_youtube`) refusing with a proof-of-origin track, and a stand-in `yt-dlp` script on
//! the PATH.

use crate::mock_youtube::{MockYoutube, Reply};
use crate::workdir::Workdir;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

const ID: &str = "BbAnzpeGFrA";

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/youtube")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A YouTube stand-in whose only English track needs a proof-of-origin token.
fn refusing_youtube() -> MockYoutube {
    let mock = MockYoutube::start();
    mock.on("/watch", vec![Reply::ok(fixture("watch_ok.html"))]);
    mock.on(
        "/youtubei/v1/player",
        vec![Reply::ok(
            fixture("player_xpe.json").replace("{{ORIGIN}}", mock.origin()),
        )],
    );
    mock
}

/// A stand-in `yt-dlp` in `bin/`: it records its arguments and writes the auto-caption
/// fixture where its `-o` template says.
fn stand_in_ytdlp(wd: &Workdir) -> std::path::PathBuf {
    let bin = wd.path().join("bin");
    let payload = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/youtube/asr.json3");
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{args}'\nout=''\nwhile [ $# -gt 0 ]; do\n  if [ \"$1\" = -o ]; then out=\"$2\"; shift; fi\n  shift\ndone\ncp '{payload}' \"$(dirname \"$out\")/{ID}.en.json3\"\n",
        args = wd.path().join("ytdlp-args").display(),
        payload = payload.display(),
    );
    let path = wd.write("bin/yt-dlp", script);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

fn fetch_cmd(wd: &Workdir, mock: &MockYoutube, path_var: &str) -> std::process::Output {
    wd.command(&[
        "fetch",
        ID,
        "--cache-dir",
        "cache",
        "-o",
        "corpus/talk/en.json3",
    ])
    .env("BITEXT_YOUTUBE_ORIGIN", mock.origin())
    .env("PATH", path_var)
    .output()
    .expect("run bitext")
}

#[test]
fn a_proof_of_origin_refusal_falls_back_to_ytdlp_on_the_path() {
    let wd = Workdir::new();
    let mock = refusing_youtube();
    let bin = stand_in_ytdlp(&wd);
    let path_var = format!("{}:/usr/bin:/bin", bin.display());
    let out = fetch_cmd(&wd, &mock, &path_var);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("falling back to yt-dlp"), "{stderr}");
    assert!(stderr.contains("with yt-dlp"), "{stderr}");
    let args = wd.read("ytdlp-args");
    for expected in [
        "--skip-download",
        "--write-auto-subs",
        "--write-subs",
        "json3",
        "en",
    ] {
        assert!(args.lines().any(|l| l == expected), "{expected} in {args}");
    }
    assert!(args.contains(&format!("watch?v={ID}")), "{args}");
    assert_eq!(
        wd.read("corpus/talk/en.json3"),
        fixture("asr.json3"),
        "the payload is saved as is"
    );
    assert!(
        wd.path()
            .join(format!("cache/youtube/{ID}/en.json3.track.json"))
            .is_file(),
        "cached like bitext's own fetch"
    );
    // The saved file reads as a transcript.
    let split = wd.stdout(&["split", "en", "corpus/talk/en.json3"]);
    assert!(split.lines().count() > 2, "{split}");
}

#[test]
fn without_ytdlp_the_error_gives_the_exact_command() {
    let wd = Workdir::new();
    let mock = refusing_youtube();
    let out = fetch_cmd(&wd, &mock, "/nonexistent");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("proof-of-origin"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "yt-dlp --skip-download --write-subs --write-auto-subs --sub-langs en --sub-format json3 -o '%(id)s.%(ext)s' 'https://www.youtube.com/watch?v={ID}' && mv {ID}.en.json3 corpus/talk/en.json3"
        )),
        "{stderr}"
    );
    assert!(!wd.path().join("corpus/talk/en.json3").exists());
}
