//! Tests: glossary (lint, check, suggest, add/rm, export/import).

use crate::workdir::{repo, shared_data, Workdir};
use bitext::corpus::{Corpus, Row};
use bitext::glossary::Glossary;
use std::path::{Path, PathBuf};

fn seed_glossary() -> String {
    repo().join("glossary/ai.csv").display().to_string()
}

fn seed_fixture() -> String {
    repo()
        .join("tests/fixtures/glossary/kevin-scott.tsv")
        .display()
        .to_string()
}

/// (line, kind) of every finding printed by `glossary check`.
fn finding_lines(stdout: &str) -> Vec<(usize, String)> {
    stdout
        .lines()
        .filter(|l| !l.starts_with("  "))
        .map(|l| {
            let mut parts = l.split(": ");
            let place = parts.next().unwrap();
            let line = place.rsplit(':').next().unwrap().parse().unwrap();
            let kind = l
                .split(' ')
                .nth(2)
                .unwrap()
                .trim_end_matches(':')
                .to_string();
            (line, kind)
        })
        .collect()
}

#[test]
fn shipped_glossary_is_large_and_lint_clean() {
    let wd = Workdir::new();
    let out = wd.stdout(&["glossary", "lint", &seed_glossary()]);
    assert_eq!(out, "");
    let g = Glossary::load(&repo().join("glossary/ai.csv")).unwrap();
    assert!(g.entries.len() >= 40, "{} entries", g.entries.len());
    let tl = &g.entries[g.find("transfer learning").unwrap()];
    assert_eq!(tl.zh, "迁移学习");
    assert!(g.entries[g.find("Copilot").unwrap()].latin);
    let satya = &g.entries[g.find("Satya Nadella").unwrap()];
    assert!(satya.en_alt.contains(&"Satya".to_string()));
}

#[test]
fn check_finds_the_inconsistencies_and_forbidden_renderings_in_the_seed() {
    let wd = Workdir::new();
    let out = wd.run(&[
        "glossary",
        "check",
        &seed_fixture(),
        "--glossary",
        &seed_glossary(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        finding_lines(&stdout),
        vec![
            (5, "inconsistent".to_string()),
            (7, "forbidden".to_string()),
            (13, "forbidden".to_string()),
            (15, "inconsistent".to_string()),
            (17, "forbidden".to_string()),
        ],
        "{stdout}"
    );
    // personal computer: 个人计算机 in one row, 个人电脑 in the next (the article's own drift).
    assert!(stdout.contains("00:01:12.800 inconsistent: “personal computer” is rendered 个人电脑"));
    // The article's “Lang hain” for LangChain and 多模型 for multimodal models.
    assert!(stdout.contains("“LangChain” is rendered Lang hain, a forbidden rendering"));
    assert!(stdout.contains("“multimodal models” is rendered 多模型"));
    // Each finding shows both texts.
    assert!(stdout.contains("  en: Even though we were relatively poor"));
    assert!(stdout.contains("  zh: 尽管我们相对贫穷"));
}

#[test]
fn check_passes_a_consistent_corpus_and_ignores_generic_lowercase_copilot() {
    let wd = Workdir::new();
    wd.write(
        "c.tsv",
        "# bitext corpus v1\nstart\tend\tspeaker\tsection\tflags\tscore\tzh\ten\n\
         \t\t\t\t\t\t迁移学习开始起作用了。\tTransfer learning started to work.\n\
         \t\t\t\t\t\t我可能需要一个副驾驶员。\tI probably need a copilot.\n\
         \t\t\t\t\t\t我们建造的第一件事是GitHub Copilot。\tThe first thing we built was GitHub Copilot.\n",
    );
    let out = wd.stdout(&["glossary", "check", "c.tsv", "--glossary", &seed_glossary()]);
    assert_eq!(out, "");
}

#[test]
fn check_reports_a_missing_rendering_with_row_line_and_time() {
    let wd = Workdir::new();
    wd.write(
        "c.tsv",
        "# bitext corpus v1\n# video: x\nstart\tend\tspeaker\tsection\tflags\tscore\tzh\ten\n\
         00:00:03.000\t00:00:05.000\tKevin Scott\t\t\t\t他们用了加强学习。\tThey used reinforcement learning.\n\
         00:00:05.000\t00:00:07.000\tKevin Scott\t\t\t\t这很有趣。\tReinforcement learning is fun.\n",
    );
    let out = wd.run(&["glossary", "check", "c.tsv", "--glossary", &seed_glossary()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("c.tsv:4: 00:00:03.000 forbidden:"),
        "{stdout}"
    );
    assert!(stdout.contains("c.tsv:5: 00:00:05.000 missing: “Reinforcement learning” has none of its renderings in the Chinese: expected 强化学习"), "{stdout}");
}

#[test]
fn check_bad_inputs_exit_2_naming_the_file() {
    let wd = Workdir::new();
    wd.write("bad.csv", "en,zh,status\nmodel,模型,sure\n");
    wd.write(
        "c.tsv",
        "start\tend\tspeaker\tsection\tflags\tscore\tzh\ten\n",
    );
    let err = wd.fails(&["glossary", "check", "c.tsv", "--glossary", "bad.csv"], 2);
    assert!(err.contains("bad.csv:2"), "{err}");
    let err = wd.fails(
        &[
            "glossary",
            "check",
            "nope.tsv",
            "--glossary",
            &seed_glossary(),
        ],
        2,
    );
    assert!(err.contains("nope.tsv"), "{err}");
}

#[test]
fn lint_catches_each_problem_kind() {
    let wd = Workdir::new();
    wd.write(
        "g.csv",
        "# a glossary with one problem of each kind\n\
         en,zh,zh_variants,zh_forbidden,latin,status\n\
         agent,,,,,approved\n\
         artificial intelligence,人工智能,,,,approved\n\
         Copilot,副驾驶,,副驾驶,,approved\n\
         model,模型,,,,approved\n\
         model,模型,,,,approved\n\
         Model,机型,,,,approved\n\
         smartphone,智能手机,,,,approved\n\
         open source,开源,,,,maybe\n",
    );
    let out = wd.run(&["glossary", "lint", "g.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "g.csv:3: empty-chinese:",
        "g.csv:4: overlap: 人工智能 (“artificial intelligence”) ends with what 智能手机",
        "g.csv:5: conflict: “Copilot”: 副驾驶 is both accepted and forbidden",
        "g.csv:7: duplicate: “model” → 模型 is listed twice (see line 6)",
        "g.csv:8: conflict: “Model” has two renderings",
        "g.csv:10: structure: column `status`: unknown status \"maybe\"",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    assert!(stdout.contains(": order:"), "{stdout}");
}

#[test]
fn lint_of_a_missing_file_is_an_error() {
    let wd = Workdir::new();
    let err = wd.fails(&["glossary", "lint", "nope.csv"], 2);
    assert!(err.contains("nope.csv"), "{err}");
}

const SMALL: &str = "# Team glossary\n\
en,zh,zh_variants,status,reviewer\n\
# checked with the client\n\
model,模型,,approved,lin\n\
Satya Nadella,萨提亚·纳德拉,萨提亚,approved,wu\n\
# end of file\n";

#[test]
fn add_and_rm_edit_in_place_keeping_comments_and_unknown_columns() {
    let wd = Workdir::new();
    wd.write("g.csv", SMALL);
    wd.stdout(&[
        "glossary",
        "--glossary",
        "g.csv",
        "add",
        "transfer learning",
        "迁移学习",
        "--forbid",
        "转移学习",
    ]);
    let after_add = wd.read("g.csv");
    assert_eq!(
        after_add,
        "# Team glossary\n\
en,zh,zh_variants,status,reviewer,zh_forbidden\n\
# checked with the client\n\
model,模型,,approved,lin,\n\
Satya Nadella,萨提亚·纳德拉,萨提亚,approved,wu,\n\
transfer learning,迁移学习,,approved,,转移学习\n\
# end of file\n"
    );
    let err = wd.fails(
        &["glossary", "--glossary", "g.csv", "add", "Model", "型号"],
        2,
    );
    assert!(err.contains("already there"), "{err}");
    wd.stdout(&["glossary", "--glossary", "g.csv", "rm", "transfer learning"]);
    wd.stdout(&["glossary", "--glossary", "g.csv", "rm", "MODEL"]);
    assert_eq!(
        wd.read("g.csv"),
        "# Team glossary\n\
en,zh,zh_variants,status,reviewer,zh_forbidden\n\
Satya Nadella,萨提亚·纳德拉,萨提亚,approved,wu,\n\
# end of file\n"
    );
    let err = wd.fails(&["glossary", "--glossary", "g.csv", "rm", "model"], 2);
    assert!(err.contains("no entry"), "{err}");
}

#[test]
fn add_creates_a_sorted_file_and_replace_keeps_comments() {
    let wd = Workdir::new();
    wd.stdout(&[
        "glossary",
        "--glossary",
        "new.csv",
        "add",
        "supercomputer",
        "超级计算机",
    ]);
    wd.stdout(&[
        "glossary",
        "--glossary",
        "new.csv",
        "add",
        "Azure",
        "Azure",
        "--latin",
        "--case",
        "--type",
        "product",
    ]);
    assert_eq!(
        wd.read("new.csv"),
        "en,zh,en_variants,zh_variants,zh_forbidden,latin,case,inflect,type,status,note\n\
Azure,Azure,,,,yes,yes,,product,approved,\n\
supercomputer,超级计算机,,,,,,,concept,approved,\n"
    );
    wd.write("g.csv", SMALL);
    wd.stdout(&[
        "glossary",
        "--glossary",
        "g.csv",
        "add",
        "model",
        "模型",
        "模子",
        "--replace",
    ]);
    assert!(wd
        .read("g.csv")
        .contains("# checked with the client\nmodel,模型,模子,approved,lin\n"));
}

fn entries_of(path: &Path) -> Vec<bitext::glossary::Entry> {
    let mut entries = Glossary::load(path).unwrap().entries;
    for e in &mut entries {
        e.comments.clear();
        e.extra.clear();
    }
    entries.sort_by_key(|e| e.sort_key());
    entries
}

fn round_trip(
    format: &str,
    file: &str,
) -> (
    Vec<bitext::glossary::Entry>,
    Vec<bitext::glossary::Entry>,
    String,
) {
    let wd = Workdir::new();
    wd.stdout(&[
        "glossary",
        "--glossary",
        &seed_glossary(),
        "export",
        "--to",
        format,
        "-o",
        file,
    ]);
    let exported = wd.read(file);
    let out = wd.stdout(&["glossary", "--glossary", "back.csv", "import", file]);
    assert!(out.contains("added"), "{out}");
    let original = entries_of(&repo().join("glossary/ai.csv"));
    let back = entries_of(&wd.path().join("back.csv"));
    (original, back, exported)
}

/// Element names and `xml:lang` values of a TBX file, read with quick-xml.
fn xml_elements(text: &str) -> (Vec<String>, Vec<String>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let (mut names, mut langs) = (Vec::new(), Vec::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                names.push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
                if let Some(a) = e.try_get_attribute("xml:lang").unwrap() {
                    langs.push(a.unescape_value().unwrap().into_owned());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (names, langs)
}

#[test]
fn tbx_v2_round_trips_and_uses_the_martif_layout() {
    let (original, back, text) = round_trip("tbx", "g.tbx");
    assert_eq!(back, original);
    let (names, langs) = xml_elements(&text);
    assert_eq!(names[0], "martif");
    let count = |n: &str| names.iter().filter(|x| *x == n).count();
    assert_eq!(count("termEntry"), original.len());
    assert_eq!(count("langSet"), 2 * original.len());
    assert!(count("tig") > 2 * original.len());
    assert!(langs.contains(&"zh-CN".to_string()));
}

#[test]
fn tbx_v3_round_trips_and_uses_concept_entries() {
    let (original, back, text) = round_trip("tbx3", "g3.tbx");
    assert_eq!(back, original);
    let (names, _) = xml_elements(&text);
    assert_eq!(names[0], "tbx");
    assert_eq!(
        names.iter().filter(|x| *x == "conceptEntry").count(),
        original.len()
    );
    assert!(text.contains("deprecatedTerm-admn-sts"));
}

/// The entries reduced to the fields every exchange format carries (terms, alternatives,
/// forbidden renderings, note): the others are set to their defaults.
fn core(entries: &[bitext::glossary::Entry]) -> Vec<bitext::glossary::Entry> {
    entries
        .iter()
        .map(|e| {
            let mut plain = bitext::glossary::Entry::new(&e.en, &e.zh);
            plain.en_alt = e.en_alt.clone();
            plain.zh_alt = e.zh_alt.clone();
            plain.zh_forbidden = e.zh_forbidden.clone();
            plain.note = e.note.clone();
            plain
        })
        .collect()
}

#[test]
fn omegat_round_trips_terms_alternatives_forbidden_and_notes() {
    let (original, back, text) = round_trip("omegat", "glossary.txt");
    assert!(text.starts_with("# Glossary in tab-separated format -*- coding: utf-8 -*-\n"));
    assert!(text.contains("transfer learning\t迁移学习\tdo not use: 转移学习, 传递学习\n"));
    assert_eq!(core(&back), core(&original));
}

#[test]
fn memoq_csv_round_trips_terms_alternatives_forbidden_and_notes() {
    let (original, back, text) = round_trip("csv", "memoq.csv");
    assert!(text.starts_with("English,Chinese,English_Def,Chinese_Forbidden\n"));
    assert_eq!(core(&back), core(&original));
}

#[test]
fn import_keeps_existing_entries() {
    let wd = Workdir::new();
    wd.write("g.csv", SMALL);
    wd.write("in.txt", "model\t型号\nagent\t智能体\n");
    let out = wd.stdout(&[
        "glossary",
        "--glossary",
        "g.csv",
        "import",
        "in.txt",
        "--from",
        "omegat",
    ]);
    assert_eq!(out, "g.csv: added 1 entry, kept 1 existing\n");
    let text = wd.read("g.csv");
    assert!(
        text.contains("model,模型,,approved,lin\n") && text.contains("agent,智能体"),
        "{text}"
    );
}

fn corpus_tsv(wd: &Workdir, rows: Vec<Row>) -> PathBuf {
    let corpus = Corpus {
        rows,
        ..Corpus::default()
    };
    let path = wd.path().join("corpus.tsv");
    bitext::corpus::tsv::write(&corpus, &path).unwrap();
    path
}

/// Beads of the MAC dev gold alignments, as corpus rows.
fn mac_dev_rows(data: &Path) -> Vec<Row> {
    let dir = data.join("align/mac-dev");
    let mut rows = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir.join("gold"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let doc = name.trim_end_matches(".align");
        let read = |side: &str| -> Vec<String> {
            std::fs::read_to_string(dir.join(side).join(doc))
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect()
        };
        let (zh, en) = (read("zh"), read("en"));
        let gold = std::fs::read_to_string(dir.join("gold").join(&name)).unwrap();
        for line in gold.lines().filter(|l| !l.trim().is_empty()) {
            let (z, e) = line.split_once("]:[").unwrap();
            let ids = |s: &str| -> Vec<usize> {
                s.trim_matches(|c| c == '[' || c == ']')
                    .split(',')
                    .filter(|x| !x.trim().is_empty())
                    .map(|x| x.trim().parse().unwrap())
                    .collect()
            };
            rows.push(Row {
                zh: ids(z).iter().map(|&i| zh[i].as_str()).collect::<String>(),
                en: ids(e)
                    .iter()
                    .map(|&i| en[i].as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                ..Row::default()
            });
        }
    }
    rows
}

/// Term pairs of the six MAC dev chapters, judged by hand against the texts (names of
/// characters and places, and things the chapters keep returning to). Used only to score
/// the output of `suggest`, which never sees it.
const MAC_DEV_TRUE_PAIRS: &[(&str, &str)] = &[
    ("chen qingyang", "陈清扬"),
    ("trinket", "韦小宝"),
    ("trinket", "小宝"),
    ("wang qiyao", "王琦瑶"),
    ("wu peizhen", "吴佩珍"),
    ("grannie liu", "刘老老"),
    ("xi-feng", "凤姐"),
    ("zhou rui's wife", "周瑞家的"),
    ("misty", "小玄子"),
    ("sorghum", "高粱"),
    ("bearers", "轿夫"),
    ("sha ruishan", "沙瑞山"),
    ("sha", "沙瑞山"),
    ("wang miao", "汪淼"),
    ("bao-yu", "宝玉"),
    ("aroma", "袭人"),
    ("grandma", "奶奶"),
    ("film studio", "片厂"),
    ("studio", "片厂"),
    ("cousin", "表哥"),
    ("luo xiaosi", "罗小四"),
    ("ban-er", "板儿"),
    ("patience", "平儿"),
    ("director", "导演"),
    ("team leader", "队长"),
    ("wang er", "王二"),
];

#[test]
fn suggest_ranks_true_term_pairs_on_mac_dev() {
    let Some(data) = shared_data("suggest_ranks_true_term_pairs_on_mac_dev") else {
        return;
    };
    let wd = Workdir::new();
    let corpus = corpus_tsv(&wd, mac_dev_rows(&data));
    let out = wd.stdout(&[
        "glossary",
        "--glossary",
        "none.csv",
        "suggest",
        corpus.to_str().unwrap(),
        "--limit",
        "10",
    ]);
    let rows: Vec<(String, String)> = out
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let mut cells = l.split(',');
            (
                cells.next().unwrap().to_lowercase(),
                cells.next().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(rows.len(), 10, "{out}");
    let hits: Vec<&(String, String)> = rows
        .iter()
        .filter(|(en, zh)| MAC_DEV_TRUE_PAIRS.contains(&(en.as_str(), zh.as_str())))
        .collect();
    eprintln!(
        "suggest top 10 on MAC dev: {} true pairs: {hits:?}",
        hits.len()
    );
    assert!(
        hits.len() >= 5,
        "only {} true pairs in the top 10:\n{out}",
        hits.len()
    );
    assert!(out.contains(",proposed,\"suggested: "), "{out}");
}

#[test]
fn suggest_output_is_ready_to_paste_and_skips_known_terms() {
    let wd = Workdir::new();
    let row = |en: &str, zh: &str| Row {
        en: en.into(),
        zh: zh.into(),
        ..Row::default()
    };
    let corpus = corpus_tsv(
        &wd,
        vec![
            row(
                "We use Semantic Kernel and Dolly.",
                "我们用Semantic Kernel和Dolly。",
            ),
            row("Dolly runs on one machine.", "Dolly在单机上运行。"),
            row(
                "Semantic Kernel is open source.",
                "Semantic Kernel是开源的。",
            ),
            row("The weather is nice.", "天气很好。"),
        ],
    );
    wd.write(
        "g.csv",
        "en,zh,en_variants,zh_variants,zh_forbidden,latin,case,inflect,type,status,note\n\
         semantic kernel,语义内核,,,,,,,product,approved,\n",
    );
    let out = wd.stdout(&[
        "glossary",
        "--glossary",
        "g.csv",
        "suggest",
        corpus.to_str().unwrap(),
    ]);
    let mut lines = out.lines().filter(|l| !l.starts_with('#'));
    assert_eq!(
        lines.next(),
        Some("en,zh,en_variants,zh_variants,zh_forbidden,latin,case,inflect,type,status,note")
    );
    assert_eq!(
        lines.next(),
        Some("Dolly,Dolly,,,,yes,,,concept,proposed,\"suggested: 2 beads, Dice 1.00\"")
    );
    assert!(!out.contains("Semantic Kernel,"), "{out}");
    // The rows paste into the glossary as they are.
    let mut text = wd.read("g.csv");
    text.extend(
        out.lines()
            .filter(|l| l.starts_with("Dolly"))
            .map(|l| format!("{l}\n")),
    );
    wd.write("g.csv", &text);
    // (`fmt` puts them in order.)
    wd.stdout(&["glossary", "--glossary", "g.csv", "fmt"]);
    assert_eq!(wd.stdout(&["glossary", "lint", "g.csv"]), "");
    let g = Glossary::load(&wd.path().join("g.csv")).unwrap();
    let dolly = &g.entries[g.find("Dolly").unwrap()];
    assert!(dolly.latin && dolly.status == bitext::glossary::Status::Proposed);
}

#[test]
fn highlights_mark_terms_on_both_sides_of_the_seed() {
    let corpus = bitext::corpus::tsv::read(Path::new(&seed_fixture())).unwrap();
    let glossary = Glossary::load(Path::new(&seed_glossary())).unwrap();
    let marks = bitext::glossary::highlights(&corpus, &glossary);
    let zh_marks: Vec<(&str, &str)> = marks
        .iter()
        .filter(|h| h.side == bitext::render::Side::Zh && h.row == 10)
        .map(|h| (&corpus.rows[10].zh[h.range.clone()], h.title.as_str()))
        .collect();
    assert_eq!(
        zh_marks,
        vec![(
            "检索增强生成",
            "retrieval-augmented generation → 检索增强生成"
        )]
    );
    assert!(marks.iter().all(|h| h.class == "term"));
    let en = marks
        .iter()
        .find(|h| h.side == bitext::render::Side::En && h.row == 5)
        .unwrap();
    assert_eq!(&corpus.rows[5].en[en.range.clone()], "Satya");
    assert_eq!(en.title, "Satya Nadella → 萨提亚·纳德拉 (Microsoft CEO)");
}

/// The seed article (its first question and answer, and the Turing paragraph, as published)
/// aligned by `bitext align` against an English transcript written for this test: `check`
/// finds the term rendered two ways (个人计算机 / 个人电脑) and the forbidden "Touring".
#[test]
fn check_finds_slips_in_the_seed_aligned_end_to_end() {
    let seed = std::fs::read_to_string(crate::workdir::repo().join("corpus/kevin-scott/zh.txt"))
        .expect("the seed article");
    let lines: Vec<&str> = seed.lines().collect();
    let mut zh = lines[14..19].join("\n");
    zh.push('\n');
    zh.push_str(lines[49]);
    zh.push('\n');
    let wd = Workdir::new();
    wd.write("zh.txt", zh);
    wd.write(
        "en.txt",
        "Sarah Guo: Can we start with your story? From a rural community in Virginia, your parents didn't go to college, to becoming the CTO of Microsoft, what was that like?\n\n\
         Kevin Scott: I think it's a very improbable journey, definitely not something I could have imagined, partly because I was very lucky to be born with a certain aptitude. When I was growing up, as a teenager in the 1980s, personal computers were coming along, and I happened to be fascinated by them. Even though we were relatively poor, I managed to scrape together enough money to buy a personal computer that I could tinker with all the time. It was a color computer sold by Radio Shack, it had these chiclet keys, and you could hook it up to a TV.\n\n\
         Kevin Scott: We saw this in some of the exciting work at DeepMind, where they used reinforcement learning to get transfer in some game applications, but what was really exciting was when it started working in language, with ELMo, BERT, RoBERTa and Turing, we could imagine building lots of language applications on top of them, as long as they kept getting better.\n",
    );
    wd.stdout(&["align", "zh.txt", "en.txt", "-o", "out"]);
    let glossary = crate::workdir::repo().join("glossary/ai.csv");
    let out = wd.run(&[
        "glossary",
        "--glossary",
        glossary.to_str().unwrap(),
        "check",
        "out/corpus.tsv",
    ]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "check exits 1 on findings:\n{report}"
    );
    assert!(
        report.contains("inconsistent") && report.contains("personal computer"),
        "the two renderings of personal computer are reported:\n{report}"
    );
    assert!(
        report.contains("forbidden") && report.contains("Touring"),
        "the forbidden rendering Touring is reported:\n{report}"
    );
}
