//! Tests: the review workbench end to end in a real headless Chromium, driven the way a
//! reviewer works (keys, clicks, a text selection) over WebDriver (`chromedriver`, spoken as
//! JSON over HTTP on 127.0.0.1), then checked on disk, then kept by a plain `bitext run`.
//! Screenshots (wide, 420 px, dark) go to `target/serve-screenshots/`.
//!
//! Skips with a message when `chromium` or `chromedriver` is missing (.ci/run installs both).

use crate::serve::{bitext, exchange, two_sided_pair, Response, Served};
use serde_json::{json, Value};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// A chromedriver process and one browser session; both end when dropped.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.call("DELETE", &format!("/session/{}", self.session), None);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

const ENTER: &str = "\u{E007}";
const CONTROL: &str = "\u{E009}";

impl Browser {
    fn start(chromium: &Path, chromedriver: &Path) -> Browser {
        let port = {
            let l = TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::Builder::new()
            .prefix("bitext-chromium-")
            .tempdir()
            .unwrap();
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
            _profile: profile,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.display().to_string(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    "--window-size=1400,1000",
                    format!("--user-data-dir={}", browser._profile.path().display()),
                ]
            }
        }}});
        let v = browser.call("POST", "/session", Some(&caps));
        browser.session = v["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        browser
    }

    /// One WebDriver command; returns its `value`.
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let body = body.map(|b| b.to_string());
        let mut raw = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Type: application/json\r\n",
            self.port
        );
        raw.push_str(&format!(
            "Content-Length: {}\r\n\r\n",
            body.as_ref().map_or(0, |b| b.len())
        ));
        let mut bytes = raw.into_bytes();
        bytes.extend_from_slice(body.as_deref().unwrap_or("").as_bytes());
        let r: Response = exchange(self.port, &bytes);
        let v: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
        if r.status != 200 {
            panic!("WebDriver {method} {path}: {} {}", r.status, r.text());
        }
        v.get("value").cloned().unwrap_or(v)
    }

    fn s(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    fn go(&self, url: &str) {
        self.call("POST", &self.s("/url"), Some(&json!({ "url": url })));
    }

    fn js(&self, script: &str) -> Value {
        self.call(
            "POST",
            &self.s("/execute/sync"),
            Some(&json!({"script": script, "args": []})),
        )
    }

    fn wait_for(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let v = self.js(script);
            if !(v.is_null() || v == json!(false)) {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn revision(&self) -> u64 {
        self.js("return Number(document.body.dataset.revision)")
            .as_u64()
            .unwrap_or(0)
    }

    /// Presses keys (each a key value; modifiers held while the rest are pressed).
    fn keys(&self, keys: &[&str]) {
        let mut actions = Vec::new();
        for k in keys {
            actions.push(json!({"type": "keyDown", "value": k}));
        }
        for k in keys.iter().rev() {
            actions.push(json!({"type": "keyUp", "value": k}));
        }
        self.call(
            "POST",
            &self.s("/actions"),
            Some(&json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
        self.call("DELETE", &self.s("/actions"), None);
    }

    /// Presses keys and waits for the change they make to be saved (the revision moves).
    fn change(&self, what: &str, keys: &[&str]) {
        let before = self.revision();
        self.keys(keys);
        self.saved(what, before);
    }

    fn saved(&self, what: &str, before: u64) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if self.revision() > before
                && self.js("return !document.body.classList.contains('busy')") == json!(true)
            {
                break;
            }
            let banner = self.js("const b = document.getElementById('banner'); return b.hidden ? null : b.textContent");
            assert!(banner.is_null(), "{what}: the page says {banner}");
            assert!(Instant::now() < deadline, "{what}: not saved in time");
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn element(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            &self.s("/element"),
            Some(&json!({"using": "css selector", "value": css})),
        );
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(|id| id.as_str())
            .unwrap_or_else(|| panic!("no element {css}: {v}"))
            .to_string()
    }

    fn click(&self, css: &str) {
        let id = self.element(css);
        // Into the middle of the view, clear of the page's sticky bars, as a reviewer would.
        self.call(
            "POST",
            &self.s("/execute/sync"),
            Some(
                &json!({"script": "document.querySelector(arguments[0]).scrollIntoView({block: 'center'}); return true",
                         "args": [css]}),
            ),
        );
        self.call(
            "POST",
            &self.s(&format!("/element/{id}/click")),
            Some(&json!({})),
        );
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.element(css);
        self.call(
            "POST",
            &self.s(&format!("/element/{id}/clear")),
            Some(&json!({})),
        );
        self.call(
            "POST",
            &self.s(&format!("/element/{id}/value")),
            Some(&json!({ "text": text })),
        );
    }

    /// Emulates a viewport `width` px wide (a phone at 420), or the window's own when `None`.
    fn width(&self, width: Option<u32>) {
        let (cmd, params) = match width {
            Some(w) => (
                "Emulation.setDeviceMetricsOverride",
                json!({"width": w, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
            ),
            None => ("Emulation.clearDeviceMetricsOverride", json!({})),
        };
        self.call(
            "POST",
            &self.s("/goog/cdp/execute"),
            Some(&json!({"cmd": cmd, "params": params})),
        );
    }

    /// Emulates a dark (or light) colour scheme and waits until the page sees it. Changing
    /// the viewport's width clears it, so call it again after [`Self::width`].
    fn dark(&self, on: bool) {
        let value = if on { "dark" } else { "light" };
        self.call(
            "POST",
            &self.s("/goog/cdp/execute"),
            Some(&json!({"cmd": "Emulation.setEmulatedMedia", "params": {
                "features": [{"name": "prefers-color-scheme", "value": value}]}})),
        );
        self.wait_for(
            &format!("the {value} colour scheme"),
            &format!("return matchMedia('(prefers-color-scheme: dark)').matches === {on}"),
        );
    }

    fn screenshot(&self, path: &Path) {
        let v = self.call("GET", &self.s("/screenshot"), None);
        let png = base64(v.as_str().expect("a screenshot"));
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(path, png).unwrap();
    }
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text.bytes().filter(|c| !b"=\r\n".contains(c)).collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= (value(c) as u32) << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

/// Rows of a corpus TSV as (zh, en) pairs.
fn tsv_pairs(path: &Path) -> Vec<(String, String)> {
    let corpus = bitext::corpus::tsv::read(path).unwrap();
    corpus.rows.into_iter().map(|r| (r.zh, r.en)).collect()
}

fn view_pairs(view: &Value) -> Vec<(String, String)> {
    view["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["zh"].as_str().unwrap().to_string(),
                r["en"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Chromium and chromedriver, or `None` with a message saying how to install them.
fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    let (Some(chromium), Some(chromedriver)) = (
        on_path(&["chromium", "chromium-browser"]),
        on_path(&["chromedriver"]),
    ) else {
        eprintln!(
            "skipping the serve browser test: chromium or chromedriver is not installed \
             (apt-get install -y chromium chromium-driver fonts-wqy-microhei; .ci/run installs them)"
        );
        return None;
    };
    Some((chromium, chromedriver))
}

/// A file changed on disk behind the page (an editor, `git pull`): the next change is
/// refused, the page says so in its banner and offers to reload, nothing is written; after
/// the reload the same key works. The findings list shows errors and warnings, with info a
/// key (or a checkbox) away. Screenshots of the banner: wide, 420 px, dark.
#[test]
fn a_conflict_shows_the_reload_banner_and_info_findings_wait_to_be_asked_for() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/serve-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let served = Served::demo();
    let browser = Browser::start(&chromium, &chromedriver);
    browser.go(&served.url);
    browser.wait_for(
        "the rows",
        "return document.body.classList.contains('ready') && document.querySelectorAll('.row').length > 0",
    );

    // Findings: info hidden by default, counted per severity; i (or the checkbox) shows them.
    let view = served.view();
    let open = |sev: &str| {
        view["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == sev && f["accepted"].is_null())
            .count()
    };
    let (errors, infos) = (open("error"), open("info"));
    assert!(errors > 0 && infos > 0, "the demo has both: {view}");
    let listed = |sev: &str| {
        browser
            .js(&format!(
                "return document.querySelectorAll('#findings li.finding.{sev}').length"
            ))
            .as_u64()
            .unwrap() as usize
    };
    assert_eq!(listed("error"), errors);
    assert_eq!(listed("info"), 0, "info findings wait to be asked for");
    let counted = browser.js("return ['error','warning','info'].map(s => document.getElementById('n-' + s).textContent).join(' ')");
    assert_eq!(
        counted,
        json!(format!("{errors} {} {infos}", open("warning")))
    );
    browser.keys(&["i"]);
    browser.wait_for(
        "info findings listed",
        &format!(
            "return document.querySelectorAll('#findings li.finding.info').length === {infos}"
        ),
    );
    // The checkbox itself, from the keyboard: focus it, Space.
    browser.js("document.getElementById('sev-info').focus(); return true");
    browser.keys(&[" "]);
    browser.wait_for(
        "info findings hidden again",
        "return !document.getElementById('sev-info').checked && document.querySelectorAll('#findings li.finding.info').length === 0",
    );
    browser.js("document.activeElement.blur(); return true");

    // Someone changes zh.txt on disk; the page then tries to confirm a row.
    let zh = served.corpus("zh.txt");
    let mut bytes = std::fs::read(&zh).unwrap();
    bytes.extend_from_slice("\n".as_bytes());
    std::fs::write(&zh, &bytes).unwrap();
    let before = browser.revision();
    browser.click(r#".row[data-index="3"] .meta"#);
    browser.keys(&["c"]);
    let text = browser.wait_for(
        "the conflict banner",
        "const b = document.getElementById('banner'); return b.hidden ? null : b.textContent",
    );
    let text = text.as_str().unwrap();
    assert!(
        text.contains("changed on disk")
            && text.contains("zh.txt")
            && text.contains("nothing was written"),
        "{text}"
    );
    assert_eq!(
        browser.js("return getComputedStyle(document.getElementById('banner-reload')).display !== 'none' && !document.getElementById('banner-reload').hidden"),
        json!(true),
        "the banner offers to reload"
    );
    assert_eq!(browser.revision(), before, "nothing changed");
    assert!(!served.corpus("links.tsv").exists(), "nothing was written");
    assert_eq!(
        std::fs::read(&zh).unwrap(),
        bytes,
        "the file on disk is kept"
    );
    browser.screenshot(&shots.join("conflict-wide-1400.png"));
    browser.width(Some(420));
    browser.wait_for("a narrow layout", "return window.innerWidth <= 420");
    browser.screenshot(&shots.join("conflict-420.png"));
    let overflow = browser.js("return document.documentElement.scrollWidth - window.innerWidth");
    assert!(
        overflow.as_i64().unwrap() <= 0,
        "no sideways scrolling: {overflow}"
    );
    browser.dark(true);
    browser.screenshot(&shots.join("conflict-dark-420.png"));
    browser.width(None);
    browser.wait_for("a wide layout", "return window.innerWidth > 1000");
    browser.dark(true);
    browser.screenshot(&shots.join("conflict-dark-1400.png"));
    browser.dark(false);

    // Reload from disk (the banner's button), then the same key confirms the row.
    browser.click("#banner-reload");
    browser.wait_for(
        "the banner gone",
        "return document.getElementById('banner').hidden",
    );
    browser.click(r#".row[data-index="3"] .meta"#);
    let selected_confirmed = browser
        .js("return document.querySelector('.row.selected').classList.contains('confirmed')");
    assert_eq!(selected_confirmed, json!(false));
    browser.change("confirm after the reload", &["c"]);
    assert!(
        served.corpus("links.tsv").is_file(),
        "saved after the reload"
    );
    assert_eq!(
        std::fs::read(&zh).unwrap(),
        bytes,
        "zh.txt as the other program left it"
    );

    // Another tab confirms a row while this page still shows the old rows (its poll held
    // off by making the page look hidden), then this page acts: nothing is written, and the
    // page redraws the rows as they are and says so, with no reload needed.
    browser.js(
        "Object.defineProperty(document, 'hidden', {value: true, configurable: true}); return true",
    );
    let r = served.act(json!({"op": "confirm", "row": 6}));
    assert_eq!(r.status, 200, "{}", r.text());
    let now = served.revision();
    let links = std::fs::read(served.corpus("links.tsv")).unwrap();
    assert!(
        browser.revision() < now,
        "the page still shows the old rows"
    );
    browser.click(r#".row[data-index="8"] .meta"#);
    browser.keys(&["c"]);
    let text = browser.wait_for(
        "the stale-rows banner",
        "const b = document.getElementById('banner'); return b.hidden ? null : b.textContent",
    );
    let text = text.as_str().unwrap();
    assert!(
        text.contains("nothing was changed") && text.contains("now shows the rows"),
        "{text}"
    );
    assert_eq!(
        browser.js("return document.getElementById('banner-reload').hidden"),
        json!(true),
        "the rows are redrawn already: no reload offered"
    );
    assert_eq!(
        browser.revision(),
        now,
        "the page shows the rows as they are"
    );
    assert_eq!(
        browser.js(r#"return document.querySelector('.row[data-index="6"]').classList.contains('confirmed')"#),
        json!(true),
        "the other tab's confirmation is shown"
    );
    assert_eq!(
        std::fs::read(served.corpus("links.tsv")).unwrap(),
        links,
        "the stale action wrote nothing"
    );
    browser.screenshot(&shots.join("stale-rows-1400.png"));
}

#[test]
fn a_reviewer_fixes_the_demo_in_chromium_and_run_keeps_every_fix() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/serve-screenshots");
    std::fs::create_dir_all(&shots).unwrap();

    let mut served = Served::demo();
    let browser = Browser::start(&chromium, &chromedriver);
    browser.go(&served.url);
    browser.wait_for(
        "the rows",
        "return document.body.classList.contains('ready') && document.querySelectorAll('.row').length > 0",
    );
    let token_gone = browser.js("return location.hash === ''");
    assert_eq!(token_gone, json!(true), "the secret leaves the address bar");
    let rows0 = served.view()["rows"].as_array().unwrap().len();
    let count = || {
        browser
            .js("return document.querySelectorAll('.row').length")
            .as_u64()
            .unwrap() as usize
    };
    assert_eq!(count(), rows0, "one DOM row per corpus row");
    let mut latencies = Vec::new();
    let mut last_ms = |b: &Browser| {
        if let Some(ms) = b.js("return Number(document.body.dataset.lastMs)").as_u64() {
            latencies.push(ms);
        }
    };

    // Merge: click a row, press m.
    let a = two_sided_pair(&served.view(), 1);
    browser.click(&format!(r#".row[data-index="{a}"] .meta"#));
    browser.change("merge", &["m"]);
    last_ms(&browser);
    assert_eq!(count(), rows0 - 1);
    let merged = browser.js(&format!(
        "return document.querySelectorAll('.row[data-index=\"{a}\"] .zh .sent').length"
    ));
    assert_eq!(merged, json!(2));
    // Split it again: s shows the cuts (after the first sentence and unit), Enter splits.
    browser.keys(&["s"]);
    browser.wait_for(
        "the split marks",
        "return document.querySelectorAll('.row.selected .cut').length === 2",
    );
    browser.change("split", &[ENTER]);
    last_ms(&browser);
    assert_eq!(count(), rows0);

    // Move: j to the next row, [ sends its Chinese sentence up into the row before.
    browser.keys(&["j"]);
    let now = browser.js("return Number(document.querySelector('.row.selected').dataset.index)");
    assert_eq!(now, json!(a + 1), "j moves down");
    browser.keys(&["k"]);
    let now = browser.js("return Number(document.querySelector('.row.selected').dataset.index)");
    assert_eq!(now, json!(a), "k moves up");
    browser.keys(&["j"]);
    let first = browser
        .js("return document.querySelector('.row.selected .zh .sent').textContent")
        .as_str()
        .unwrap()
        .to_string();
    browser.change("move", &["["]);
    last_ms(&browser);
    let prev_zh = browser
        .js(&format!(
            "return document.querySelector('.row[data-index=\"{a}\"] .zh').textContent"
        ))
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        prev_zh.ends_with(&first),
        "{first:?} ends row {a}: {prev_zh:?}"
    );

    // Confirm the first unconfirmed row with the key (n jumps to it), the next with the
    // bottom bar's button.
    let confirmed_before = browser
        .js("return document.querySelectorAll('.row.confirmed').length")
        .as_u64()
        .unwrap();
    browser.click(r#".row[data-index="0"] .meta"#);
    if browser.js("return document.querySelector('.row.selected').classList.contains('confirmed')")
        == json!(true)
    {
        browser.keys(&["n"]);
    }
    browser.change("confirm", &["c"]);
    last_ms(&browser);
    browser.keys(&["n"]);
    let before = browser.revision();
    browser.click(r#"#row-actions button[data-key="c"]"#);
    browser.saved("confirm by button", before);
    let confirmed_now = browser
        .js("return document.querySelectorAll('.row.confirmed').length")
        .as_u64()
        .unwrap();
    assert_eq!(
        confirmed_now,
        confirmed_before + 2,
        "two more rows confirmed"
    );

    // Edit the Chinese: the demo's 12亿 slip, in the edit dialog.
    let sent = browser
        .js("const s = [...document.querySelectorAll('.row .zh .sent')].find(s => s.textContent.includes('12亿')); s.closest('.row').querySelector('.meta').click(); s.click(); return s.textContent")
        .as_str()
        .unwrap()
        .to_string();
    browser.keys(&["e"]);
    browser.wait_for(
        "the edit dialog",
        "return document.getElementById('edit-dialog').open",
    );
    let fixed = sent.replace("12亿", "120亿");
    browser.type_into("#edit-text", &fixed);
    browser.change("edit", &[CONTROL, ENTER]);
    last_ms(&browser);

    // Accept a finding from the list, with a reason.
    // The move above left "My guest today is Tom Hendricks" beside the previous row's
    // Chinese, which renders it: no omission, and Hendrix/Hendricks now sit in different
    // rows. What is left to accept may be info only, so ask for info findings (i).
    browser.keys(&["i"]);
    browser.wait_for(
        "a finding to accept",
        "return document.querySelector('#findings li.finding:not(.accepted) button.accept') !== null",
    );
    let finding = browser
        .js("return document.querySelector('#findings li.finding:not(.accepted)').dataset.id")
        .as_str()
        .unwrap()
        .to_string();
    browser.click("#findings li.finding:not(.accepted) button.accept");
    browser.wait_for(
        "the accept dialog",
        "return document.getElementById('accept-dialog').open",
    );
    browser.type_into("#accept-reason", "the editor checked it");
    let before = browser.revision();
    browser.click("#accept-form button[type=submit]");
    browser.saved("accept", before);
    last_ms(&browser);

    // Add a term by selecting a Chinese span and an English span in the rows, then t.
    let picked = browser.js(
        "function pick(side, word) {
           const el = [...document.querySelectorAll('.row ' + side + ' .sent, .row ' + side + ' .unit')]
             .find(e => e.textContent.includes(word));
           const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
           let node; while ((node = walker.nextNode()) && !node.data.includes(word)) {}
           const at = node.data.indexOf(word);
           const range = document.createRange();
           range.setStart(node, at); range.setEnd(node, at + word.length);
           const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
           return word;
         }
         return pick('.zh', '俄亥俄州');",
    );
    assert_eq!(picked, json!("俄亥俄州"));
    browser.wait_for(
        "the Chinese term",
        "return document.getElementById('term-zh').value === '俄亥俄州'",
    );
    browser.js(
        "const el = [...document.querySelectorAll('.row .en .unit')].find(e => e.textContent.includes('Ohio'));
         const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
         let node; while ((node = walker.nextNode()) && !node.data.includes('Ohio')) {}
         const at = node.data.indexOf('Ohio');
         const range = document.createRange(); range.setStart(node, at); range.setEnd(node, at + 4);
         getSelection().removeAllRanges(); getSelection().addRange(range); return true;",
    );
    browser.wait_for(
        "the English term",
        "return document.getElementById('term-en').value === 'Ohio'",
    );
    browser.js("getSelection().removeAllRanges(); return true");
    browser.change("add term", &["t"]);
    last_ms(&browser);
    browser.wait_for(
        "the term marked in the rows",
        "return document.querySelectorAll('mark.term').length > 0",
    );

    // One more confirmation, then undo it once (u): it must not survive.
    let undone_row = browser
        .js("return Number([...document.querySelectorAll('.row:not(.confirmed)')].pop().dataset.index)")
        .as_u64()
        .unwrap() as usize;
    browser.click(&format!(r#".row[data-index="{undone_row}"] .meta"#));
    browser.change("confirm to undo", &["c"]);
    let undone_pair = view_pairs(&served.view())[undone_row].clone();
    browser.change("undo", &["u"]);
    last_ms(&browser);
    let confirmed = browser.js(&format!(
        "return document.querySelector('.row[data-index=\"{undone_row}\"]').classList.contains('confirmed')"
    ));
    assert_eq!(confirmed, json!(false), "undo took the confirmation back");

    // Screenshots: wide, the help list, 420 px, dark.
    browser.click(r#".row[data-index="2"] .meta"#);
    browser.js(
        "document.querySelector('.row.selected').scrollIntoView({block: 'center'}); return true",
    );
    browser.screenshot(&shots.join("wide-1400.png"));
    browser.keys(&["?"]);
    browser.wait_for("the help", "return document.getElementById('help').open");
    browser.screenshot(&shots.join("help.png"));
    browser.js("document.getElementById('help').close(); return true");
    browser.width(Some(420));
    browser.wait_for("a narrow layout", "return window.innerWidth <= 420");
    browser.js(
        "document.querySelector('.row.selected').scrollIntoView({block: 'center'}); return true",
    );
    browser.screenshot(&shots.join("narrow-420.png"));
    let overflow = browser.js("return document.documentElement.scrollWidth - window.innerWidth");
    browser.dark(true);
    browser.screenshot(&shots.join("dark-420.png"));
    assert!(
        overflow.as_i64().unwrap() <= 0,
        "no sideways scrolling at 420 px: {overflow}"
    );
    browser.width(None);
    browser.wait_for("a wide layout", "return window.innerWidth > 1000");
    browser.dark(true);
    browser.js(
        "document.querySelector('.row.selected').scrollIntoView({block: 'center'}); return true",
    );
    browser.screenshot(&shots.join("dark-1400.png"));
    eprintln!(
        "serve browser: action round trips seen by the page (ms): {latencies:?}; screenshots in {}",
        shots.display()
    );

    // What the page shows is what is on disk, once the background worker has settled the
    // alignment after the Chinese correction (the page redraws if that moved rows).
    let deadline = Instant::now() + Duration::from_secs(60);
    while served.get("/api/c/demo/status").json()["settled"] != true {
        assert!(Instant::now() < deadline, "the alignment did not settle");
        std::thread::sleep(Duration::from_millis(50));
    }
    let shown = view_pairs(&served.view());
    let dom_rows = count();
    assert_eq!(dom_rows, shown.len());
    let wd = served.wd.path().to_path_buf();
    let zh = std::fs::read_to_string(wd.join("corpus/demo/zh.txt")).unwrap();
    assert!(
        zh.contains("120亿") && !zh.contains("12亿"),
        "the edit is in zh.txt"
    );
    let ignore = std::fs::read_to_string(wd.join("corpus/demo/drift-ignore")).unwrap();
    assert!(ignore.contains(&finding) && ignore.contains("the editor checked it"));
    let links = std::fs::read_to_string(wd.join("corpus/demo/links.tsv")).unwrap();
    drop(browser);
    served.stop();

    // A plain `bitext run` in the same folder keeps every fix: its corpus is the page's rows.
    let out = bitext(&wd, &["run", "demo"]);
    assert!(
        out.status.success(),
        "bitext run: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ran = tsv_pairs(&wd.join("out/demo/corpus.tsv"));
    assert_eq!(
        ran, shown,
        "run's corpus.tsv holds exactly the reviewed rows"
    );
    assert!(ran.iter().any(|(z, _)| z.contains("120亿")));
    assert!(
        !links.lines().any(|l| l.starts_with(&undone_pair.0)
            && !undone_pair.0.is_empty()
            && l.contains(&undone_pair.1)),
        "the undone confirmation is not in links.tsv"
    );
    let glossary_has_term = std::fs::read_dir(wd.join("corpus/demo"))
        .unwrap()
        .chain(std::fs::read_dir(&wd).unwrap())
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "csv"))
        .any(|e| {
            std::fs::read_to_string(e.path())
                .unwrap_or_default()
                .contains("俄亥俄州")
        });
    assert!(glossary_has_term, "the term is in the corpus's glossary");
    let drift = std::fs::read_to_string(wd.join("out/demo/drift.json")).unwrap();
    let report: Value = serde_json::from_str(&drift).unwrap();
    assert_eq!(
        report["suppressed"][&finding], "the editor checked it",
        "run's drift report takes the accepted finding as suppressed"
    );
    assert!(
        !report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == finding.as_str()),
        "the accepted finding is no longer reported"
    );
}
