//! Tests: hardening (issue 15): no lost write, no way out of the corpus folder, no unbounded
//! read, readers that keep what was said, a terminal that never receives raw escapes.
//! Regression tests are named after the defect they came from.

use crate::workdir::{repo, shared_data, Workdir};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn temp_litter(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(".bitext-"))
        .collect()
}

// ---- 1. Writes ----------------------------------------------------------------------

#[test]
fn eight_parallel_glossary_adds_keep_eight_entries() {
    let wd = Workdir::new();
    wd.write("glossary/ai.csv", "en,zh\n");
    let children: Vec<_> = (0..8)
        .map(|i| {
            wd.command(&["glossary", "add", &format!("term {i}"), &format!("术语{i}")])
                .spawn()
                .expect("spawn bitext")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let text = wd.read("glossary/ai.csv");
    for i in 0..8 {
        assert!(
            text.contains(&format!("term {i},术语{i}")),
            "entry {i} lost:\n{text}"
        );
    }
    assert_eq!(text.lines().count(), 9, "{text}");
    assert!(temp_litter(&wd.path().join("glossary")).is_empty());
}

#[test]
fn glossary_add_keeps_a_shared_files_mode_and_writes_through_a_symlink() {
    let wd = Workdir::new();
    let real = wd.write("shared/terms.csv", "en,zh\nmodel,模型\n");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o664)).unwrap();
    std::fs::create_dir_all(wd.path().join("glossary")).unwrap();
    std::os::unix::fs::symlink(&real, wd.path().join("glossary/ai.csv")).unwrap();
    wd.stdout(&["glossary", "add", "agent", "智能体"]);
    let link = wd.path().join("glossary/ai.csv");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .contains("agent,智能体"));
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664, "the shared file stays group-writable");
}

#[test]
fn a_new_file_gets_the_umask_mode_not_0600() {
    let wd = Workdir::new();
    let target = wd.path().join("out/new.txt");
    bitext::text::files::write_atomic(&target, b"x").unwrap();
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    // SAFETY: reading the umask by setting it and putting it back.
    let umask = unsafe {
        let m = libc::umask(0o022);
        libc::umask(m);
        m
    };
    assert_eq!(mode, 0o666 & !(umask as u32), "mode {mode:o}");
}

#[test]
fn a_failed_write_leaves_no_temporary_file() {
    let wd = Workdir::new();
    // The target is a folder: the final rename fails after the temporary file was written.
    std::fs::create_dir_all(wd.path().join("d/target/inside")).unwrap();
    let err = bitext::text::files::write_atomic(&wd.path().join("d/target"), b"data");
    assert!(err.is_err());
    assert!(temp_litter(&wd.path().join("d")).is_empty());
}

#[test]
fn stale_temporary_files_of_killed_runs_are_swept() {
    let wd = Workdir::new();
    // A pid above any pid_max: its process is surely gone.
    let litter = wd.write("glossary/.bitext-2147483646-0123456789abcdef.tmp", "half");
    wd.stdout(&["glossary", "add", "agent", "智能体"]);
    assert!(!litter.exists());
}

#[test]
fn sigterm_during_a_write_removes_the_temporary_file() {
    // A write into a FIFO's folder blocks nowhere, so stop the process while it waits for
    // the glossary lock instead: the lock is held here, the child is killed waiting, and the
    // folder must hold no litter. The write path itself is covered by the registry test
    // in text::tempfiles; this checks that SIGTERM ends the process cleanly (no hang).
    let wd = Workdir::new();
    wd.write("glossary/ai.csv", "en,zh\n");
    let lock = bitext::text::files::lock_dir(&wd.path().join("glossary")).unwrap();
    let mut child = wd.command(&["glossary", "add", "a", "甲"]).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    // SAFETY: signalling our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    drop(lock);
    assert!(!status.success());
    assert!(temp_litter(&wd.path().join("glossary")).is_empty());
    assert_eq!(wd.read("glossary/ai.csv"), "en,zh\n");
}

#[test]
fn publish_dir_swaps_a_whole_set_of_views() {
    use bitext::text::files::{publish_dir, staging_dir, write_atomic};
    let wd = Workdir::new();
    let target = wd.path().join("out/talk");
    write_atomic(&target.join("a.txt"), b"old a").unwrap();
    write_atomic(&target.join("stale.txt"), b"old only").unwrap();
    let staging = staging_dir(&target).unwrap();
    write_atomic(&staging.join("a.txt"), b"new a").unwrap();
    write_atomic(&staging.join("b.txt"), b"new b").unwrap();
    publish_dir(&staging, &target).unwrap();
    assert_eq!(wd.read("out/talk/a.txt"), "new a");
    assert_eq!(wd.read("out/talk/b.txt"), "new b");
    assert!(!target.join("stale.txt").exists());
    assert!(temp_litter(&wd.path().join("out")).is_empty());
}

// ---- 2. Paths -----------------------------------------------------------------------

fn corpus_with(wd: &Workdir, manifest: &str) -> std::path::PathBuf {
    wd.write("corpus/talk/zh.txt", "你好。\n");
    wd.write("corpus/talk/bitext.toml", manifest)
        .parent()
        .unwrap()
        .to_path_buf()
}

#[test]
fn manifest_zh_climbing_to_etc_passwd_is_refused_naming_the_key() {
    let wd = Workdir::new();
    let dir = corpus_with(&wd, "zh = \"../../../../etc/passwd\"\n");
    let err = bitext::source::manifest::Manifest::load(&dir)
        .unwrap_err()
        .to_string();
    assert!(err.contains("bitext.toml") && err.contains("`zh`"), "{err}");
    let stderr = wd.fails(&["run", "talk"], 2);
    assert!(stderr.contains("`zh`"), "{stderr}");
    assert!(!wd.path().join("out/talk/corpus.tsv").exists());
}

#[test]
fn manifest_absolute_path_is_refused() {
    let wd = Workdir::new();
    let dir = corpus_with(&wd, "en = \"/etc/hostname\"\n");
    let err = bitext::source::manifest::Manifest::load(&dir)
        .unwrap_err()
        .to_string();
    assert!(err.contains("`en`") && err.contains("outside"), "{err}");
}

#[test]
fn a_symlink_inside_the_corpus_folder_pointing_out_is_refused() {
    let wd = Workdir::new();
    let secret = wd.write("secret.txt", "秘密。\n");
    let dir = corpus_with(&wd, "zh = \"article.txt\"\n");
    std::os::unix::fs::symlink(&secret, dir.join("article.txt")).unwrap();
    let err = bitext::source::manifest::Manifest::load(&dir)
        .unwrap_err()
        .to_string();
    assert!(err.contains("`zh`"), "{err}");
    // A symlink that stays inside is fine.
    std::fs::remove_file(dir.join("article.txt")).unwrap();
    std::os::unix::fs::symlink(dir.join("zh.txt"), dir.join("article.txt")).unwrap();
    assert!(bitext::source::manifest::Manifest::load(&dir).is_ok());
}

#[test]
fn the_shared_glossary_folder_is_allowed_and_elsewhere_is_not() {
    let wd = Workdir::new();
    let dir = corpus_with(&wd, "glossary = \"../../glossary/ai.csv\"\n");
    assert!(bitext::source::manifest::Manifest::load(&dir).is_ok());
    let m = repo().join("corpus/kevin-scott");
    assert!(bitext::source::manifest::Manifest::load(&m).is_ok());
    let dir = corpus_with(&wd, "glossary = \"../../../../etc/passwd\"\n");
    let err = bitext::source::manifest::Manifest::load(&dir)
        .unwrap_err()
        .to_string();
    assert!(err.contains("`glossary`"), "{err}");
}

#[test]
fn an_out_name_symlink_is_never_followed() {
    let wd = Workdir::new();
    let elsewhere = wd.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::create_dir_all(wd.path().join("out")).unwrap();
    let target = wd.path().join("out/talk");
    std::os::unix::fs::symlink(&elsewhere, &target).unwrap();
    let out = wd.path().join("out");
    let err = bitext::text::confine::write_within(&out, &target.join("corpus.tsv"), b"x");
    assert!(err.is_err());
    let staging = bitext::text::files::staging_dir(&target).unwrap();
    let err = bitext::text::files::publish_dir(&staging, &target).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert!(std::fs::read_dir(&elsewhere).unwrap().next().is_none());
}

// ---- 3. Input limits ----------------------------------------------------------------

#[test]
fn dev_zero_and_dev_urandom_are_not_read_without_limit() {
    let wd = Workdir::new();
    for dev in ["/dev/zero", "/dev/urandom"] {
        let err = bitext::text::files::read_text(Path::new(dev)).unwrap_err();
        assert!(err.to_string().contains("MiB"), "{err}");
        let stderr = wd.fails(&["split", "en", dev], 2);
        assert!(stderr.contains(dev), "{stderr}");
    }
}

// ---- 4. Readers ---------------------------------------------------------------------

fn read_transcript(name: &str, text: &str) -> bitext::source::transcript::Transcript {
    bitext::source::transcript::parse(text, Path::new(name)).unwrap()
}

#[test]
fn vtt_escaped_markup_is_text_not_a_tag() {
    let t = read_transcript(
        "a.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nuse &lt;div&gt; here &amp; <i>there</i>\n",
    );
    assert_eq!(t.text, "use <div> here & there");
    let t = read_transcript(
        "a.srt",
        "1\n00:00:01,000 --> 00:00:02,000\nuse &lt;div&gt; <b>now</b>\n",
    );
    assert_eq!(t.text, "use <div> now");
}

#[test]
fn srt_with_no_valid_time_is_an_error_naming_the_first_bad_line() {
    let wd = Workdir::new();
    wd.write(
        "bad.srt",
        "1\n00:00:1,000 --> 00:00:02,000\nhello\n\n2\n0:0:3 --> x\nbye\n",
    );
    let stderr = wd.fails(&["split", "en", "bad.srt"], 2);
    assert!(stderr.contains("bad.srt:2"), "{stderr}");
    wd.write("bad.txt", "1\n00:00:1,000 --> 00:00:02,000\nhello\n");
    let stderr = wd.fails(&["split", "en", "bad.txt"], 2);
    assert!(stderr.contains("bad.txt:2"), "{stderr}");
}

#[test]
fn quotation_brackets_stay_and_caption_annotations_go() {
    let t = read_transcript(
        "a.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n[Music] He said \"we [...] will win\" [Applause] and [the company] agreed [ __ ]. [LAUGHTER]\n",
    );
    assert_eq!(
        t.text,
        "He said \"we [...] will win\" and [the company] agreed ."
    );
    let labels: Vec<&str> = t.annotations.iter().map(|a| a.label.as_str()).collect();
    assert_eq!(labels, ["[Music]", "[Applause]", "[ __ ]", "[LAUGHTER]"]);
}

#[test]
fn srv1_time_with_a_non_ascii_fraction_is_an_error_not_a_panic() {
    let wd = Workdir::new();
    wd.write(
        "a.srv1",
        "<?xml version=\"1.0\"?><transcript><text start=\"1.2éé\" dur=\"1\">hi</text></transcript>",
    );
    let stderr = wd.fails(&["split", "en", "a.srv1"], 2);
    assert!(
        stderr.contains("a.srv1:1") && stderr.contains("1.2éé"),
        "{stderr}"
    );
}

#[test]
fn english_golden_rules_at_least_47_of_48() {
    let Some(data) = shared_data("english_golden_rules_at_least_47_of_48") else {
        return;
    };
    let text = std::fs::read_to_string(data.join("segment/en.jsonl")).unwrap();
    let mut passed = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let input = case["text"].as_str().unwrap();
        let want: Vec<&str> = case["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let got: Vec<&str> = bitext::segment::en::split(input)
            .into_iter()
            .map(|r| &input[r])
            .collect();
        passed += usize::from(got == want);
    }
    assert!(passed >= 47, "{passed}/48");
}

// ---- 5. Linear time -----------------------------------------------------------------

#[test]
fn srv1_of_20k_cues_and_a_1mb_cue_read_in_linear_time() {
    let mut s = String::from("<?xml version=\"1.0\"?><transcript>\n");
    for i in 0..20_000 {
        s.push_str(&format!(
            "<text start=\"{i}.5\" dur=\"1\">cue {i} says a thing.</text>\n"
        ));
    }
    s.push_str("</transcript>\n");
    let t = std::time::Instant::now();
    let tr = read_transcript("a.srv1", &s);
    let _ = bitext::segment::en::sentences(&tr);
    assert!(t.elapsed().as_secs_f64() < 10.0, "{:?}", t.elapsed());
    let long = "and the model said it would work, then it did. ".repeat(20_000);
    let s = format!("WEBVTT\n\n00:00:00.000 --> 00:10:00.000\n{long}\n");
    let t = std::time::Instant::now();
    let tr = read_transcript("a.vtt", &s);
    let _ = bitext::segment::en::sentences(&tr);
    assert!(t.elapsed().as_secs_f64() < 10.0, "{:?}", t.elapsed());
}

#[test]
fn glossary_lint_of_20k_entries_is_not_quadratic() {
    let mut s = String::from("en,zh\n");
    for i in 0..20_000 {
        let zh: String = format!("{i:05}")
            .bytes()
            .map(|b| {
                ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'][(b - b'0') as usize]
            })
            .collect();
        // Distinct entries that do not cross (a shared last character): the work must grow
        // with the entries, not with their pairs.
        s.push_str(&format!("term {i:05},{zh}词\n"));
    }
    let t = std::time::Instant::now();
    let problems = bitext::glossary::lint(&s);
    assert!(t.elapsed().as_secs_f64() < 10.0, "{:?}", t.elapsed());
    assert!(
        problems.is_empty(),
        "{:?}",
        &problems[..problems.len().min(3)]
    );
}

// ---- 6. Terminal --------------------------------------------------------------------

#[test]
fn diff_never_sends_raw_escapes_from_cells_to_the_terminal() {
    let wd = Workdir::new();
    let header = "start\tend\tspeaker\tsection\tflags\tscore\tzh\ten\n";
    wd.write("a.tsv", format!("{header}\t\t\t\t\t\t你好\thello\n"));
    wd.write(
        "b.tsv",
        format!("{header}\t\t\t\t\t\t你好\u{1b}]0;owned\u{7}\thello \u{1b}[2J\u{9b}1m\n"),
    );
    let out = wd.run(&["diff", "--color", "never", "a.tsv", "b.tsv"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{7}') && !stdout.contains('\u{9b}'));
    assert!(stdout.contains("\\x1b]0;owned\\x07"), "{stdout}");
}

// ---- Crashers the fuzzer found in files other engineers own ---------------------------
// Ignored here because the fix belongs to another branch; run with `--ignored` after merge.

/// Owner: the outputs engineer (src/render/subtitles.rs). A Chinese line one character over
/// the width that ends in closing punctuation makes the wrapper index past the end.
#[test]
fn r_fuzz_wrap_zh_line_one_over_width_ending_in_a_period() {
    let text = "一二三四五六七八九十一二三四五六七八.";
    let lines = bitext::render::subtitles::wrap_zh(text, 18);
    assert_eq!(lines.concat(), text);
}

/// Owner: the drift engineer (src/drift/names.rs). An offset found in `to_lowercase()` text
/// slices the original, and İ lowercases to three bytes instead of two.
#[test]
fn r_fuzz_drift_name_check_with_dotted_capital_i() {
    let mut corpus = bitext::corpus::Corpus::default();
    corpus.rows.push(bitext::corpus::Row {
        zh: "我们用abc了。".into(),
        en: "İİ ABC.".into(),
        ..Default::default()
    });
    let _ = bitext::drift::check(&corpus, &Default::default());
}
