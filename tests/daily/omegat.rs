//! bitext's TMX (in `tm/auto/`) and TBX (in `glossary/`) in OmegaT 3.6, Debian's `omegat`:
//! an on-demand check, skipped with a message where OmegaT (or a JDK) is not installed. It is
//! not part of `.ci/run` (OmegaT is a heavy Java install); `apt-get install omegat` and
//! `cargo test --release --test integration omegat` run it.

use crate::workdir::{repo, Workdir};
use std::path::{Path, PathBuf};
use std::process::Command;

const JAR: &str = "/usr/share/omegat/OmegaT.jar";

/// OmegaT's jar (`BITEXT_OMEGAT_JAR`, else Debian's) and `java`/`javac`, or why not.
fn omegat() -> Result<PathBuf, String> {
    let jar = std::env::var_os("BITEXT_OMEGAT_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(JAR));
    if !jar.is_file() {
        return Err(format!(
            "{} not found (apt-get install omegat)",
            jar.display()
        ));
    }
    for tool in ["java", "javac"] {
        if Command::new(tool).arg("-version").output().is_err() {
            return Err(format!("`{tool}` not on the PATH"));
        }
    }
    Ok(jar)
}

macro_rules! omegat_or_skip {
    () => {
        match omegat() {
            Ok(jar) => jar,
            Err(why) => {
                eprintln!("skipped: the OmegaT check needs OmegaT 3.6: {why}");
                return;
            }
        }
    };
}

/// An OmegaT project (English to Simplified Chinese, no sentence segmentation, so that a
/// paragraph is a segment as a TMX unit is a row) in `dir`.
fn project(wd: &Workdir, dir: &str, source: &str) -> PathBuf {
    wd.write(
        &format!("{dir}/omegat.project"),
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes/>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>EN</source_lang>
        <target_lang>ZH-CN</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"#,
    );
    wd.write(&format!("{dir}/source/talk.txt"), source);
    for sub in ["target", "tm/auto", "glossary", "omegat", "dictionary"] {
        std::fs::create_dir_all(wd.path().join(dir).join(sub)).unwrap();
    }
    wd.path().join(dir)
}

/// `omegat --mode=console-translate` on the project; the translated source file's paragraphs.
fn translate(jar: &Path, project: &Path, config: &Path) -> Vec<String> {
    let out = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .arg("--mode=console-translate")
        .arg(format!("--config-dir={}", config.display()))
        .arg("--disable-project-locking")
        .arg(project)
        .output()
        .expect("run OmegaT");
    let log =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert!(
        log.contains("Reading of TMX file complete"),
        "OmegaT read the TMX: {log}"
    );
    let target = std::fs::read_to_string(project.join("target/talk.txt")).expect(&log);
    target.split("\n\n").map(|p| p.trim().to_string()).collect()
}

const CORPUS: &str = "# bitext corpus v1
start\tend\tspeaker\tsection\tflags\tscore\tzh\ten
\t\t\t\t\t0.40\t我们开始吧。\tLet us begin.
\t\t\t\ten-only\t0.00\t\tThis sentence was never translated.
\t\t\t\tzh-only\t0.00\t这是译者加的一句话。\t
\t\t\t\t\t0.35\t谢谢大家。\tThank you all.
";

#[test]
fn omegat_takes_the_tmx_from_tm_auto_without_empty_translations() {
    let jar = omegat_or_skip!();
    let wd = Workdir::new();
    wd.write("corpus.tsv", CORPUS);
    let source = "Let us begin.\n\nThis sentence was never translated.\n\nThank you all.\n";
    let config = wd.path().join("omegat-config");
    // bitext's default TMX: two-sided rows only.
    let plain = project(&wd, "plain", source);
    wd.stdout(&[
        "render",
        "corpus.tsv",
        "--to",
        "tmx",
        "-o",
        "plain/tm/auto/corpus.tmx",
    ]);
    let target = translate(&jar, &plain, &config);
    assert_eq!(
        target[..3],
        [
            "我们开始吧。",
            "This sentence was never translated.",
            "谢谢大家。"
        ],
        "two-sided rows translated from tm/auto; the untranslated one left as its source"
    );
    // With --include-one-sided the en-only row is a unit with an empty Chinese segment, and
    // OmegaT takes it as an empty translation: why it is not the default.
    let one_sided = project(&wd, "one-sided", source);
    wd.stdout(&[
        "render",
        "corpus.tsv",
        "--to",
        "tmx",
        "--include-one-sided",
        "-o",
        "one-sided/tm/auto/corpus.tmx",
    ]);
    let target = translate(&jar, &one_sided, &config);
    assert_eq!(
        target[1], "",
        "OmegaT 3.6 inserts the empty segment: {target:?}"
    );
}

#[test]
fn omegat_reads_the_tbx_and_offers_no_forbidden_rendering() {
    let jar = omegat_or_skip!();
    let wd = Workdir::new();
    let glossary = repo().join("glossary/ai.csv");
    let dir = project(&wd, "p", "Copilot and a large language model.\n");
    wd.stdout(&[
        "glossary",
        "--glossary",
        &glossary.to_string_lossy(),
        "export",
        "--to",
        "tbx",
        "-o",
        "p/glossary/ai.tbx",
    ]);
    let java = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/omegat/TbxCheck.java");
    std::fs::copy(&java, wd.path().join("TbxCheck.java")).unwrap();
    let classpath = format!("{}:{}", jar.display(), wd.path().display());
    let javac = Command::new("javac")
        .args(["-cp", &classpath, "-d"])
        .arg(wd.path())
        .arg(wd.path().join("TbxCheck.java"))
        .output()
        .unwrap();
    assert!(
        javac.status.success(),
        "{}",
        String::from_utf8_lossy(&javac.stderr)
    );
    let out = Command::new("java")
        .args(["-cp", &classpath, "TbxCheck"])
        .arg(&dir)
        .arg(wd.path().join("omegat-config"))
        .arg(dir.join("glossary/ai.tbx"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entries: Vec<Vec<String>> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    assert!(
        entries.len() > 50,
        "OmegaT read the TBX: {} entries",
        entries.len()
    );
    let offered = |src: &str| -> Vec<&str> {
        entries
            .iter()
            .filter(|e| e[0] == src)
            .map(|e| e[1].as_str())
            .collect()
    };
    // The glossary's forbidden renderings are never offered as translations…
    for forbidden in ["副驾驶", "副驾驶员", "大型语言模式"] {
        assert!(
            entries.iter().all(|e| e[1] != forbidden),
            "{forbidden} offered: {:?}",
            entries.iter().find(|e| e[1] == forbidden)
        );
    }
    // …the approved ones are, and the forbidden ones show only as a warning in the comment.
    assert_eq!(offered("Copilot"), ["Copilot"]);
    assert!(offered("large language model").contains(&"大语言模型"));
    let copilot = entries.iter().find(|e| e[0] == "Copilot").unwrap();
    assert!(copilot[2].contains("Do not use: 副驾驶"), "{copilot:?}");
}
