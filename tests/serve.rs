//! Tests: `bitext serve` over HTTP — every endpoint, the changes it saves on disk, and the
//! refusals of "safe by default" (foreign Host/Origin, missing secret, path escapes, oversized
//! bodies, edits on disk behind its back).
//!
//! The server is the real binary on a free port of 127.0.0.1; requests are written by hand on
//! a TCP socket so a test can send what a browser never would (a foreign Host, a raw `..`).
#![allow(dead_code)]

use crate::workdir::{repo, Workdir};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `bitext serve` process on a copy of the demo corpus; killed when dropped.
pub struct Served {
    pub wd: Workdir,
    child: Child,
    pub port: u16,
    pub token: String,
    pub url: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Copies `corpus/demo` into `wd/corpus/demo` (its manifest names its glossary,
/// `glossary.csv`, where the terms the reviewer adds go).
pub fn copy_demo(wd: &Workdir) -> PathBuf {
    let from = repo().join("corpus/demo");
    let to = wd.path().join("corpus/demo");
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    to
}

impl Served {
    /// Serves the demo corpus (and any other corpus folder already under `wd/corpus` when
    /// `names` is empty).
    pub fn demo() -> Served {
        let wd = Workdir::new();
        copy_demo(&wd);
        Served::start(wd, &["demo"])
    }

    pub fn start(wd: Workdir, names: &[&str]) -> Served {
        Served::start_with(wd, names, &[])
    }

    /// [`Served::start`] with environment variables set for the server.
    pub fn start_with(wd: Workdir, names: &[&str], env: &[(&str, &str)]) -> Served {
        let mut args = vec!["serve", "--port", "0"];
        args.extend_from_slice(names);
        let mut child = wd
            .command(&args)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bitext serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("read the URL");
        let url = line.trim().to_string();
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "bitext serve printed {url:?}, not a local URL"
        );
        let rest = &url["http://127.0.0.1:".len()..];
        let port: u16 = rest[..rest.find('/').unwrap()].parse().unwrap();
        let token = url.split("#token=").nth(1).expect("a secret").to_string();
        Served {
            wd,
            child,
            port,
            token,
            url,
        }
    }

    /// Stops the server, keeping the work directory.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A request with the right Host and secret.
    pub fn get(&self, path: &str) -> Response {
        request(
            self.port,
            "GET",
            path,
            &[("Host", &self.host()), ("X-Bitext-Token", &self.token)],
            None,
        )
    }

    /// A JSON POST as the page sends it: own Host, own Origin, the secret.
    pub fn post(&self, path: &str, body: &Value) -> Response {
        request(
            self.port,
            "POST",
            path,
            &[
                ("Host", &self.host()),
                ("Origin", &self.origin()),
                ("X-Bitext-Token", &self.token),
                ("Content-Type", "application/json"),
            ],
            Some(body.to_string().as_bytes()),
        )
    }

    pub fn view(&self) -> Value {
        let r = self.get("/api/c/demo");
        assert_eq!(r.status, 200, "GET /api/c/demo: {}", r.text());
        r.json()
    }

    pub fn revision(&self) -> u64 {
        self.view()["revision"].as_u64().unwrap()
    }

    /// Applies an action at the current revision; returns the answer.
    pub fn act(&self, action: Value) -> Response {
        let revision = self.revision();
        self.post(
            "/api/c/demo/actions",
            &json!({"revision": revision, "action": action}),
        )
    }

    pub fn corpus(&self, file: &str) -> PathBuf {
        self.wd.path().join("corpus/demo").join(file)
    }
}

/// An HTTP answer.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// One HTTP/1.1 request on a fresh connection to 127.0.0.1:`port`, written byte for byte as
/// given (the path is not normalised, the headers are not added to).
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Response {
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body.unwrap_or(b""));
    exchange(port, &bytes)
}

/// Sends raw bytes and reads the answer to the end.
pub fn exchange(port: u16, bytes: &[u8]) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    // The server may answer (413) and close before reading a large body: ignore write errors.
    let _ = stream.write_all(bytes);
    // Read the head, then as much body as it announces (a server may keep the connection
    // open despite `Connection: close`, so reading to the end could wait for the timeout).
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        if let Some(head_end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
            let body = &raw[head_end + 4..];
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            let done = match length {
                Some(n) => body.len() >= n,
                None if head.contains("transfer-encoding: chunked") => body.ends_with(b"0\r\n\r\n"),
                None => false,
            };
            if done {
                break;
            }
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
        }
    }
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP answer: {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&data[..eol])
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 2 + size + 2..];
    }
    out
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

/// The first row at or after `from` that, like the row after it, has one Chinese sentence and
/// some English: a pair to merge and split back, or to move a sentence between.
pub fn two_sided_pair(view: &Value, from: usize) -> usize {
    let rows = view["rows"].as_array().unwrap();
    let ok = |r: &Value| {
        r["zh_sentences"].as_array().unwrap().len() == 1
            && !r["en_units"].as_array().unwrap().is_empty()
    };
    (from..rows.len() - 1)
        .find(|&i| ok(&rows[i]) && ok(&rows[i + 1]))
        .unwrap_or_else(|| panic!("no two-sided pair of rows from {from}"))
}

// ---- the page and the JSON twins ----

#[test]
fn serve_prints_a_loopback_url_with_a_fresh_secret() {
    let a = Served::demo();
    let b = Served::demo();
    assert_eq!(a.token.len(), 32, "{}", a.url);
    assert!(a.token.bytes().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(a.token, b.token, "each launch has its own secret");
    assert_ne!(a.port, b.port);
}

#[test]
fn page_and_assets_come_with_security_headers_and_no_html_injection() {
    let s = Served::demo();
    for path in ["/", "/c/demo"] {
        let r = s.get(path);
        assert_eq!(r.status, 200);
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        let page = r.text();
        assert!(page.contains(r#"<script src="/assets/app.js" defer></script>"#));
        assert!(!page.contains("<script>"), "no inline script");
        let csp = r.header("content-security-policy").unwrap();
        for rule in [
            "default-src 'none'",
            "script-src 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(rule), "CSP {csp:?} lacks {rule}");
        }
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(r.header("x-frame-options"), Some("DENY"));
    }
    let js = s.get("/assets/app.js");
    assert_eq!(js.status, 200);
    assert!(js
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    let js = js.text();
    // Escape by construction: corpus text goes in with textContent or text nodes only.
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
    ] {
        assert!(!js.contains(sink), "app.js uses {sink}");
    }
    assert!(js.contains("textContent"));
    let css = s.get("/assets/app.css");
    assert_eq!(css.status, 200);
    assert!(css.text().contains("prefers-color-scheme: dark"));
    // Nothing is fetched from elsewhere: no URL to another host in the assets but the video's.
    for asset in [s.get("/").text(), js, css.text()] {
        for line in asset.lines().filter(|l| l.contains("https://")) {
            assert!(line.contains("https://www.youtube.com/watch?v="), "{line}");
        }
    }
    assert_eq!(s.get("/no/such/page").status, 404);
}

#[test]
fn json_twins_give_rows_findings_terms_and_progress() {
    let s = Served::demo();
    let corpora = s.get("/api/corpora").json();
    assert_eq!(corpora[0]["name"], "demo");
    assert!(corpora[0]["title"]
        .as_str()
        .unwrap()
        .contains("Open Circuit"));

    let view = s.view();
    let rows = view["rows"].as_array().unwrap();
    assert!(rows.len() > 20, "{} rows", rows.len());
    assert_eq!(view["progress"]["total"], rows.len());
    assert_eq!(view["progress"]["reviewed"], 0);
    assert!(view["doubtful_below"].as_f64().unwrap() > 0.0);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r["index"], i);
        let zh: String = r["zh_sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(
            zh,
            r["zh"].as_str().unwrap(),
            "row {i}: sentences make the row"
        );
    }
    assert!(rows.iter().any(|r| r["speaker"] != ""), "speakers");
    assert!(rows.iter().any(|r| r["start_ms"].is_u64()), "times");
    // The demo's deliberate slips: the wrong number and the misspelt name are found, on rows.
    let findings = view["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["row"].is_u64()),
        "findings on rows: {findings:?}"
    );
    for f in findings.iter().filter(|f| f["row"].is_u64()) {
        let row = &rows[f["row"].as_u64().unwrap() as usize];
        assert!(
            row["findings"]
                .as_array()
                .unwrap()
                .contains(&f["id"].clone()),
            "finding {} listed on its row",
            f["id"]
        );
    }

    let rows_only = s.get("/api/c/demo/rows").json();
    assert_eq!(rows_only["rows"], view["rows"]);
    assert_eq!(rows_only["revision"], view["revision"]);
    let findings_only = s.get("/api/c/demo/findings").json();
    assert_eq!(findings_only["findings"], view["findings"]);
    let terms = s.get("/api/c/demo/glossary");
    assert_eq!(terms.status, 200);
    assert_eq!(terms.json(), view["terms"]);
}

#[test]
fn with_several_corpora_the_chooser_lists_them_and_each_is_reached_by_name() {
    let wd = Workdir::new();
    copy_demo(&wd);
    let other = wd.path().join("corpus/second");
    std::fs::create_dir_all(&other).unwrap();
    for f in ["bitext.toml", "zh.txt", "en.vtt"] {
        std::fs::copy(repo().join("corpus/demo").join(f), other.join(f)).unwrap();
    }
    let s = Served::start(wd, &[]);
    let names: Vec<String> = s
        .get("/api/corpora")
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["demo", "second"]);
    assert_eq!(s.get("/api/c/second/rows").status, 200);
}

// ---- changes, saved at once ----

#[test]
fn confirm_merge_split_move_unalign_each_save_links_and_undo_redo_walk_back() {
    let s = Served::demo();
    let links = s.corpus("links.tsv");
    let view = s.view();
    let n = view["rows"].as_array().unwrap().len();

    // Confirm: links.tsv holds the row's Chinese; the row and the progress say so.
    let r = s.act(json!({"op": "confirm", "row": 0}));
    assert_eq!(r.status, 200, "{}", r.text());
    let answer = r.json();
    let zh0 = view["rows"][0]["zh"].as_str().unwrap();
    let saved = String::from_utf8(read(&links)).unwrap();
    assert!(saved.contains(zh0), "links.tsv lacks row 0: {saved}");
    assert_eq!(answer["view"]["rows"][0]["confirmed"], true);
    assert_eq!(answer["view"]["progress"]["reviewed"], 1);
    assert!(answer["applied"]["revision"].as_u64().unwrap() > view["revision"].as_u64().unwrap());
    assert!(!answer["applied"]["changed_files"]
        .as_array()
        .unwrap()
        .is_empty());

    // Merge a row with the next: one row fewer, holding both.
    let before = s.view();
    let a = two_sided_pair(&before, 1);
    let merged_zh = format!(
        "{}{}",
        before["rows"][a]["zh"].as_str().unwrap(),
        before["rows"][a + 1]["zh"].as_str().unwrap()
    );
    let r = s.act(json!({"op": "merge", "row": a}));
    assert_eq!(r.status, 200, "{}", r.text());
    let after = r.json()["view"].clone();
    assert_eq!(after["rows"].as_array().unwrap().len(), n - 1);
    assert_eq!(after["rows"][a]["zh"], merged_zh.as_str());
    assert_eq!(after["rows"][a]["confirmed"], true);

    // Split it back after its first sentence and unit.
    let r = s.act(json!({"op": "split", "row": a, "zh_at": 1, "en_at": 1}));
    assert_eq!(r.status, 200, "{}", r.text());
    let split = r.json()["view"].clone();
    assert_eq!(split["rows"].as_array().unwrap().len(), n);
    assert_eq!(
        split["rows"][a]["zh_sentences"].as_array().unwrap().len(),
        1
    );

    // Move the Chinese sentence of the second row up into the first.
    let first = split["rows"][a + 1]["zh_sentences"][0]
        .as_str()
        .unwrap()
        .to_string();
    let r = s.act(json!({"op": "move_zh", "row": a + 1, "to": "prev"}));
    assert_eq!(r.status, 200, "{}", r.text());
    let moved = r.json()["view"].clone();
    assert!(
        moved["rows"][a]["zh"].as_str().unwrap().ends_with(&first),
        "the sentence {first:?} now ends row {a}"
    );

    // Mark the Chinese of a later row untranslated: a row with no English appears.
    let later = two_sided_pair(&moved, a + 3);
    let r = s.act(json!({"op": "unalign", "row": later, "side": "zh"}));
    assert_eq!(r.status, 200, "{}", r.text());
    let un = r.json()["view"].clone();
    assert!(un["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["en"] == "" && r["zh"] != ""));

    // Undo walks back one change at a time, on disk too; redo walks forward.
    let links_now = read(&links);
    let r = s.post(
        "/api/c/demo/undo",
        &json!({"revision": un["revision"].as_u64().unwrap()}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let undone = r.json()["view"].clone();
    assert_eq!(undone["rows"], moved["rows"], "undo restores the rows");
    assert_ne!(read(&links), links_now, "undo restores links.tsv");
    let r = s.post(
        "/api/c/demo/redo",
        &json!({"revision": undone["revision"].as_u64().unwrap()}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["view"]["rows"], un["rows"]);
    assert_eq!(read(&links), links_now, "redo writes it again");
}

#[test]
fn editing_a_chinese_sentence_changes_only_its_bytes_in_zh_txt() {
    let s = Served::demo();
    let zh_path = s.corpus("zh.txt");
    let original = String::from_utf8(read(&zh_path)).unwrap();
    let view = s.view();
    // The demo's slip: 12亿 where the English says 12 billion (120亿).
    let (row, sentence, text) = view["rows"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .find_map(|(i, r)| {
            r["zh_sentences"]
                .as_array()
                .unwrap()
                .iter()
                .position(|s| s.as_str().unwrap().contains("12亿"))
                .map(|k| (i, k, r["zh_sentences"][k].as_str().unwrap().to_string()))
        })
        .expect("the demo's 12亿 sentence");
    let fixed = text.replace("12亿", "120亿");
    let r = s.act(json!({"op": "edit_zh", "row": row, "sentence": sentence, "text": fixed}));
    assert_eq!(r.status, 200, "{}", r.text());
    let now = String::from_utf8(read(&zh_path)).unwrap();
    assert_eq!(now, original.replacen("12亿", "120亿", 1));
    assert!(r.json()["view"]["rows"][row]["zh"]
        .as_str()
        .unwrap()
        .contains("120亿"));
}

#[test]
fn accepting_a_finding_writes_drift_ignore_and_a_term_goes_to_the_glossary() {
    let s = Served::demo();
    let view = s.view();
    let finding = view["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["accepted"].is_null())
        .expect("an open finding")
        .clone();
    let id = finding["id"].as_str().unwrap();
    let r = s.post(
        "/api/c/demo/findings/accept",
        &json!({"revision": view["revision"], "id": id, "reason": "checked with the editor"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let ignore = String::from_utf8(read(&s.corpus("drift-ignore"))).unwrap();
    assert!(
        ignore.contains(id) && ignore.contains("checked with the editor"),
        "{ignore}"
    );
    let after = r.json()["view"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .cloned()
        .expect("an accepted finding stays listed");
    assert_eq!(after["accepted"], "checked with the editor");

    // An empty reason is refused before anything is written.
    let r = s.post(
        "/api/c/demo/findings/accept",
        &json!({"revision": s.revision(), "id": id, "reason": " "}),
    );
    assert_eq!(r.status, 400);

    let r = s.post(
        "/api/c/demo/glossary",
        &json!({"revision": s.revision(), "zh": "俄亥俄州", "en": "Ohio", "note": "the project"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let files = r.json()["applied"]["changed_files"].clone();
    let glossary = files
        .as_array()
        .unwrap()
        .iter()
        .map(|p| PathBuf::from(p.as_str().unwrap()))
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .unwrap_or_else(|| panic!("no glossary among {files}"));
    let glossary = if glossary.is_relative() {
        s.wd.path().join(glossary)
    } else {
        glossary
    };
    let csv = String::from_utf8(read(&glossary)).unwrap();
    assert!(
        csv.contains("俄亥俄州") && csv.contains("Ohio") && csv.contains("proposed"),
        "{csv}"
    );
    let terms = s.get("/api/c/demo/glossary").json();
    assert!(terms
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["zh"][0] == "俄亥俄州" && t["status"] == "proposed"));
}

/// Polls `/status` until the views in out/ are written from the current revision.
fn wait_exported(s: &Served) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let st = s.get("/api/c/demo/status").json();
        if st["settled"] == true
            && st["export"]["pending"] == false
            && st["export"]["exported_revision"] == st["revision"]
        {
            return st;
        }
        assert!(
            st["export"]["error"].is_null(),
            "the background export failed: {st}"
        );
        assert!(
            Instant::now() < deadline,
            "the views were not exported: {st}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every save regenerates `run`'s views from the reviewed corpus in the background: the
/// answer does not wait for it, a burst of saves makes fewer exports than saves, and what
/// lands in out/ is the whole set of the last revision (with the confirmed-rows TMX).
#[test]
fn every_save_regenerates_the_views_in_the_background_coalescing_bursts() {
    let wd = Workdir::new();
    copy_demo(&wd);
    // A longer pause before exporting than any one action takes, even on a loaded machine:
    // the burst below is then one export, whatever the load.
    let s = Served::start_with(wd, &["demo"], &[("BITEXT_SERVE_EXPORT_DELAY_MS", "1500")]);
    let view = s.view();
    let row = two_sided_pair(&view, 1);
    let t = Instant::now();
    let r = s.act(json!({"op": "merge", "row": row}));
    let answered = t.elapsed();
    assert_eq!(r.status, 200, "{}", r.text());
    // The answer went out before the export, which waits 1.5 s for more saves.
    let st = s.get("/api/c/demo/status").json();
    assert!(
        answered < Duration::from_millis(1500)
            && st["export"]["exported_revision"] != st["revision"],
        "the answer waited for the export ({answered:?}): {st}"
    );
    // A burst: four more saves while the first is still waiting.
    for _ in 0..4 {
        let v = s.view();
        let row = v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .position(|r| {
                r["confirmed"] == false
                    && r["zh"] != ""
                    && r["en"] != ""
                    && !r["flags"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|f| f == "heading")
            })
            .unwrap();
        let r = s.act(json!({"op": "confirm", "row": row}));
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let st = wait_exported(&s);
    let (saves, exports) = (
        st["export"]["saves"].as_u64().unwrap(),
        st["export"]["exports"].as_u64().unwrap(),
    );
    assert_eq!(saves, 5);
    assert!(exports < saves, "{exports} exports for {saves} saves: {st}");
    // out/ holds the views of the last revision: the merged row, the confirmed rows' TMX.
    let view = s.view();
    let tsv = bitext::corpus::tsv::read(&s.wd.path().join("out/demo/corpus.tsv")).unwrap();
    assert_eq!(tsv.rows.len(), view["rows"].as_array().unwrap().len());
    for (row, shown) in tsv.rows.iter().zip(view["rows"].as_array().unwrap()) {
        assert_eq!(row.zh, shown["zh"].as_str().unwrap());
        assert_eq!(row.en, shown["en"].as_str().unwrap());
    }
    let tmx = String::from_utf8(read(&s.wd.path().join("out/demo/corpus.confirmed.tmx"))).unwrap();
    assert_eq!(
        tmx.matches("<tu").count() - tmx.matches("<tuv").count(),
        5,
        "{tmx}"
    );
    for name in ["index.html", "corpus.tmx", "drift.json", "corpus.xlsx"] {
        assert!(s.wd.path().join("out/demo").join(name).is_file(), "{name}");
    }
    // A Chinese correction: the views follow it too (settled first: run's alignment).
    let view = s.view();
    let (row, sentence, text) = view["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|r| {
            let k = r["zh_sentences"]
                .as_array()?
                .iter()
                .position(|z| z.as_str().unwrap().contains("12亿"))?;
            let text = r["zh_sentences"][k].as_str()?.replace("12亿", "120亿");
            Some((r["index"].as_u64()?, k, text))
        })
        .unwrap();
    let r = s.act(json!({"op": "edit_zh", "row": row, "sentence": sentence, "text": text}));
    assert_eq!(r.status, 200, "{}", r.text());
    wait_exported(&s);
    let html = String::from_utf8(read(&s.wd.path().join("out/demo/corpus.tsv"))).unwrap();
    assert!(html.contains("120亿") && !html.contains("12亿"));
}

#[test]
fn export_writes_the_views_and_the_confirmed_only_tmx() {
    let s = Served::demo();
    // A row with both sides: the TMX for a translation memory leaves one-sided rows out.
    let row = two_sided_pair(&s.view(), 1);
    assert_eq!(s.act(json!({"op": "confirm", "row": row})).status, 200);
    let r = s.post("/api/c/demo/export", &json!({}));
    assert_eq!(r.status, 200, "{}", r.text());
    let files: Vec<String> = r.json()["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    assert!(files.iter().any(|f| f.ends_with("corpus.tsv")), "{files:?}");
    let tmx = s.wd.path().join("out/demo/corpus.confirmed.tmx");
    let tmx = String::from_utf8(read(&tmx)).unwrap();
    assert_eq!(
        tmx.matches("<tu").count() - tmx.matches("<tuv").count(),
        1,
        "{tmx}"
    );
    assert!(s.wd.path().join("out/demo/index.html").is_file());
}

// ---- refusals ----

#[test]
fn a_foreign_origin_is_refused_and_nothing_is_written() {
    let s = Served::demo();
    let revision = s.revision();
    let body = json!({"revision": revision, "action": {"op": "confirm", "row": 0}}).to_string();
    for (origin, fetch_site) in [
        (Some("http://evil.example"), None),
        (Some("null"), None),
        (Some("http://127.0.0.1:1"), None),
        (None, Some("cross-site")),
    ] {
        let mut headers = vec![
            ("Host", s.host()),
            ("X-Bitext-Token", s.token.clone()),
            ("Content-Type", "application/json".to_string()),
        ];
        if let Some(o) = origin {
            headers.push(("Origin", o.to_string()));
        }
        if let Some(f) = fetch_site {
            headers.push(("Sec-Fetch-Site", f.to_string()));
        }
        let h: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let r = request(
            s.port,
            "POST",
            "/api/c/demo/actions",
            &h,
            Some(body.as_bytes()),
        );
        assert_eq!(r.status, 403, "{origin:?} {fetch_site:?}: {}", r.text());
        assert_eq!(r.json()["error"], "foreign_origin");
        assert!(r.header("content-security-policy").is_some());
        let r = request(s.port, "GET", "/api/c/demo", &h, None);
        assert_eq!(r.status, 403, "GET from {origin:?}");
    }
    assert!(!s.corpus("links.tsv").exists(), "nothing written");
    // The page's own origin is accepted.
    let r = s.post(
        "/api/c/demo/actions",
        &json!({"revision": revision, "action": {"op": "confirm", "row": 0}}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn a_foreign_host_is_refused_against_dns_rebinding() {
    let s = Served::demo();
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{}", s.port),
        format!("127.0.0.1.evil.example:{}", s.port),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", s.port + 1),
    ] {
        for path in ["/", "/assets/app.js", "/api/c/demo", "/api/corpora"] {
            let r = request(
                s.port,
                "GET",
                path,
                &[("Host", &host), ("X-Bitext-Token", &s.token)],
                None,
            );
            assert_eq!(r.status, 403, "Host {host:?} {path}: {}", r.text());
            assert_eq!(r.json()["error"], "foreign_host");
        }
    }
    let r = request(
        s.port,
        "GET",
        "/api/corpora",
        &[
            ("Host", &format!("localhost:{}", s.port)),
            ("X-Bitext-Token", &s.token),
        ],
        None,
    );
    assert_eq!(r.status, 200, "localhost:PORT is this server");
}

#[test]
fn the_api_wants_this_launchs_secret() {
    let s = Served::demo();
    let other = Served::demo();
    let body = json!({"revision": 0, "action": {"op": "confirm", "row": 0}}).to_string();
    for token in [None, Some(""), Some("0123"), Some(other.token.as_str())] {
        let mut h = vec![
            ("Host", s.host()),
            ("Origin", s.origin()),
            ("Content-Type", "application/json".to_string()),
        ];
        if let Some(t) = token {
            h.push(("X-Bitext-Token", t.to_string()));
        }
        let h: Vec<(&str, &str)> = h.iter().map(|(n, v)| (*n, v.as_str())).collect();
        for (method, path, body) in [
            ("GET", "/api/c/demo", None),
            ("GET", "/api/corpora", None),
            ("POST", "/api/c/demo/actions", Some(body.as_bytes())),
            ("POST", "/api/c/demo/export", Some(&b"{}"[..])),
        ] {
            let r = request(s.port, method, path, &h, body);
            assert_eq!(
                r.status,
                401,
                "{method} {path} with {token:?}: {}",
                r.text()
            );
            assert_eq!(r.json()["error"], "secret");
        }
    }
    assert!(!s.corpus("links.tsv").exists());
    assert!(!s.wd.path().join("out/demo").exists(), "no export happened");
    // The page itself needs no secret (it holds no data); it reads it from the URL.
    assert_eq!(
        request(s.port, "GET", "/", &[("Host", &s.host())], None).status,
        200
    );
}

#[test]
fn no_request_path_reaches_the_file_system() {
    let wd = Workdir::new();
    copy_demo(&wd);
    // A corpus folder beside the served one, not named at launch, and a file outside.
    let hidden = wd.path().join("corpus/hidden");
    std::fs::create_dir_all(&hidden).unwrap();
    for f in ["bitext.toml", "zh.txt", "en.vtt"] {
        std::fs::copy(repo().join("corpus/demo").join(f), hidden.join(f)).unwrap();
    }
    wd.write("secret.txt", "top secret");
    let s = Served::start(wd, &["demo"]);
    for path in [
        "/api/c/hidden",
        "/api/c/..%2Fhidden",
        "/api/c/%2e%2e%2fsecret.txt",
        "/api/c/../../secret.txt",
        "/api/c/..",
        "/api/c/%2e%2e/rows",
        "/api/c/demo%2F..%2Fhidden/rows",
        "/api/c/corpus%2Fhidden",
        "/api/c/%2Fetc%2Fpasswd",
        "/assets/../secret.txt",
        "/assets/..%2F..%2Fsecret.txt",
        "/c/..%2F..%2Fsecret.txt",
        "/secret.txt",
        "/corpus/demo/zh.txt",
    ] {
        let r = s.get(path);
        let text = r.text();
        assert!(
            r.status == 404 || (path.starts_with("/c/") && r.status == 200),
            "{path}: {} {text}",
            r.status
        );
        assert!(!text.contains("top secret"), "{path} leaked a file");
        assert!(!text.contains("Ohio") || path.starts_with("/c/"), "{path}");
    }
    let r = s.post(
        "/api/c/..%2Fhidden/actions",
        &json!({"revision": 0, "action": {"op": "confirm", "row": 0}}),
    );
    assert_eq!(r.status, 404);
    assert!(!s.wd.path().join("corpus/hidden/links.tsv").exists());
}

#[test]
fn oversized_or_non_json_bodies_are_refused() {
    let s = Served::demo();
    let revision = s.revision();
    let big = "字".repeat(100_000); // 300 KB of UTF-8
    let body = json!({"revision": revision, "action": {"op": "edit_zh", "row": 0, "sentence": 0, "text": big}})
        .to_string();
    let r = s.post_raw(body.as_bytes(), "application/json");
    assert_eq!(r.status, 413, "{}", r.text());
    // The same without a length (chunked): refused while reading.
    let mut raw = format!(
        "POST /api/c/demo/actions HTTP/1.1\r\nHost: {}\r\nX-Bitext-Token: {}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        s.host(),
        s.token
    )
    .into_bytes();
    for chunk in body.as_bytes().chunks(16 * 1024) {
        raw.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        raw.extend_from_slice(chunk);
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    let r = exchange(s.port, &raw);
    assert_eq!(r.status, 413, "{}", r.text());
    // A form post (what a cross-site page could send) is not JSON.
    let r = s.post_raw(b"revision=0", "application/x-www-form-urlencoded");
    assert_eq!(r.status, 415);
    let r = s.post_raw(b"{\"revision\": 0, \"action\": 5}", "text/plain");
    assert_eq!(r.status, 415);
    // Malformed JSON and an unknown action: 400; an impossible row: 422.
    let r = s.post_raw(b"{not json", "application/json");
    assert_eq!(r.status, 400, "{}", r.text());
    let r = s.act(json!({"op": "format_disk"}));
    assert_eq!(r.status, 400, "{}", r.text());
    let r = s.act(json!({"op": "merge", "row": 99_999}));
    assert_eq!(r.status, 422, "{}", r.text());
    let zh = read(&s.corpus("zh.txt"));
    assert_eq!(
        zh,
        read(&repo().join("corpus/demo/zh.txt")),
        "zh.txt untouched"
    );
    assert!(!s.corpus("links.tsv").exists());
}

impl Served {
    fn post_raw(&self, body: &[u8], content_type: &str) -> Response {
        request(
            self.port,
            "POST",
            "/api/c/demo/actions",
            &[
                ("Host", &self.host()),
                ("Origin", &self.origin()),
                ("X-Bitext-Token", &self.token),
                ("Content-Type", content_type),
            ],
            Some(body),
        )
    }
}

#[test]
fn a_page_acting_on_an_old_revision_is_refused() {
    let s = Served::demo();
    let old = s.revision();
    assert_eq!(s.act(json!({"op": "confirm", "row": 0})).status, 200);
    let links = read(&s.corpus("links.tsv"));
    let r = s.post(
        "/api/c/demo/actions",
        &json!({"revision": old, "action": {"op": "merge", "row": 0}}),
    );
    assert_eq!(r.status, 409, "{}", r.text());
    assert_eq!(r.json()["error"], "stale");
    assert_eq!(read(&s.corpus("links.tsv")), links);
}

#[test]
fn a_file_changed_on_disk_is_never_overwritten_and_reload_recovers() {
    let s = Served::demo();
    assert_eq!(s.act(json!({"op": "confirm", "row": 0})).status, 200);
    // An editor (or git pull) changes links.tsv behind the server's back: it drops the link.
    let links = s.corpus("links.tsv");
    let ours = String::from_utf8(read(&links)).unwrap();
    let zh0 = s.view()["rows"][0]["zh"].as_str().unwrap().to_string();
    assert!(ours.contains(&zh0));
    let theirs: Vec<u8> = ours
        .lines()
        .filter(|l| !l.contains(&zh0))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .into_bytes();
    std::fs::write(&links, &theirs).unwrap();
    let r = s.act(json!({"op": "confirm", "row": 3}));
    assert_eq!(r.status, 409, "{}", r.text());
    let err = r.json();
    assert_eq!(err["error"], "conflict");
    assert!(
        err["message"].as_str().unwrap().contains("links.tsv"),
        "the message names the file: {err}"
    );
    assert_eq!(read(&links), theirs, "nothing overwritten");

    // The same for the article.
    let zh = s.corpus("zh.txt");
    let mut article = read(&zh);
    article.extend_from_slice("\n编辑器里加的一句。\n".as_bytes());
    std::fs::write(&zh, &article).unwrap();
    let r = s.act(json!({"op": "edit_zh", "row": 1, "sentence": 0, "text": "改。"}));
    assert_eq!(r.status, 409, "{}", r.text());
    assert_eq!(read(&zh), article, "zh.txt not overwritten");

    // Reload reads the files as they are now; changes work again and keep the editor's edit.
    let r = s.post("/api/c/demo/reload", &json!({}));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json()["rows"][0]["confirmed"],
        false,
        "the editor's removal shows"
    );
    assert_eq!(s.act(json!({"op": "confirm", "row": 3})).status, 200);
    let now = String::from_utf8(read(&links)).unwrap();
    assert!(!now.contains(&zh0), "the editor's removal is kept: {now}");
    assert!(now.contains(s.view()["rows"][3]["zh"].as_str().unwrap()));
}

#[test]
fn an_action_round_trip_is_quick() {
    let s = Served::demo();
    let mut times = Vec::new();
    for row in 0..10 {
        let t = Instant::now();
        let r = s.act(json!({"op": "confirm", "row": row}));
        assert_eq!(r.status, 200, "{}", r.text());
        times.push(t.elapsed());
    }
    for _ in 0..10 {
        let rev = s.revision();
        let t = Instant::now();
        let r = s.post("/api/c/demo/undo", &json!({"revision": rev}));
        assert_eq!(r.status, 200, "{}", r.text());
        times.push(t.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    eprintln!(
        "serve: action round trip (confirm/undo, demo corpus, incl. the new view): median {:?}, max {:?}",
        median,
        times.last().unwrap()
    );
    assert!(median < Duration::from_millis(500), "median {median:?}");
}

#[test]
fn the_unsafe_listen_flag_is_required_for_another_address_and_warns() {
    let wd = Workdir::new();
    copy_demo(&wd);
    let help = wd.stdout(&["serve", "--help"]);
    assert!(help.contains("--unsafe-listen"), "{help}");
    assert!(help.contains("127.0.0.1"));
    // A non-loopback address is only taken with the flag, and warns. 192.0.2.1 (TEST-NET-1)
    // is no interface of this machine, so nothing is exposed: the bind fails after the warning.
    let err = wd.fails(
        &[
            "serve",
            "demo",
            "--port",
            "0",
            "--unsafe-listen",
            "192.0.2.1",
        ],
        2,
    );
    assert!(
        err.contains("WARNING") && err.contains("192.0.2.1"),
        "{err}"
    );
}

/// Used by the browser test to run `bitext` itself in the workdir.
pub fn bitext(wd: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bitext"))
        .args(args)
        .current_dir(wd)
        .stdin(Stdio::null())
        .output()
        .expect("run bitext")
}
