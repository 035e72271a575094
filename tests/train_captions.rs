//! Tests: train on transcript benchmark folders (caption units, word gold), as the caption
//! path's weights are trained.
use crate::workdir::Workdir;

/// Writes a transcript benchmark folder: `zh.txt` (the sentences run together), `en.json3`
/// (lower-case timed words, a cue per six words, a pause after each sentence) and
/// `gold.tsv` (each word's sentence stretch, in white-space-free characters).
fn bench(wd: &Workdir, dir: &str, pairs: &[(&str, &str)]) {
    let zh: String = pairs.iter().map(|(z, _)| *z).collect();
    let mut gold = String::from("word\tstart_ms\tend_ms\ttext\tzh_start\tzh_end\n");
    let mut words: Vec<(u64, String)> = Vec::new();
    let (mut t, mut at, mut k) = (1000u64, 0usize, 0usize);
    for (z, e) in pairs {
        let len = z.chars().count();
        // Long enough for three caption units a sentence (at most eight words a unit): the
        // caption path, not the sentence path.
        let tail = " and that is all there is to say about it";
        for w in format!("{e}{tail}").split_whitespace() {
            gold.push_str(&format!("{k}\t{t}\t{}\t{w}\t{at}\t{}\n", t + 300, at + len));
            words.push((t, w.to_string()));
            t += 400;
            k += 1;
        }
        t += 1200;
        at += len;
    }
    let mut events = vec![format!(
        "{{\"tStartMs\": 0, \"dDurationMs\": {t}, \"id\": 1, \"wpWinPosId\": 1, \"wsWinStyleId\": 1}}"
    )];
    for cue in words.chunks(6) {
        let start = cue[0].0;
        let segs: Vec<String> = cue
            .iter()
            .enumerate()
            .map(|(n, (wt, w))| {
                if n == 0 {
                    format!("{{\"utf8\": \"{w}\"}}")
                } else {
                    format!("{{\"utf8\": \" {w}\", \"tOffsetMs\": {}}}", wt - start)
                }
            })
            .collect();
        let end = cue.last().unwrap().0 + 300;
        events.push(format!(
            "{{\"tStartMs\": {start}, \"dDurationMs\": {}, \"wWinId\": 1, \"segs\": [{}]}}",
            end - start,
            segs.join(", ")
        ));
    }
    let json = format!(
        "{{\"wireMagic\": \"pb3\", \"events\": [{}]}}",
        events.join(", ")
    );
    wd.write(&format!("{dir}/zh.txt"), &zh);
    wd.write(&format!("{dir}/en.json3"), &json);
    wd.write(&format!("{dir}/gold.tsv"), &gold);
}

fn benches(wd: &Workdir) {
    bench(
        wd,
        "tb/one",
        &[
            (
                "我喜欢吃苹果。",
                "i like eating apples very much on every single day of the week",
            ),
            (
                "北京是中国的首都。",
                "beijing is the capital of china and it is a very large city indeed",
            ),
            (
                "他明天去上海。",
                "he goes to shanghai tomorrow morning on the early fast train from here",
            ),
            (
                "这本书很有意思。",
                "this book is very interesting and i read it twice in one long week",
            ),
        ],
    );
    bench(
        wd,
        "tb/two",
        &[
            (
                "你去哪儿？",
                "where are you going so early this morning my good old friend",
            ),
            (
                "我去学校。",
                "i am going to the school down the road to see my teacher",
            ),
            (
                "今天天气很好。",
                "the weather is really very nice today with sun and a clear blue sky",
            ),
            (
                "我们去公园吧！",
                "let us go to the park together this afternoon after a good lunch",
            ),
        ],
    );
}

#[test]
fn transcript_benchmarks_train_and_cross_validate_by_word_overlap() {
    let wd = Workdir::new();
    benches(&wd);
    let out = wd.stdout(&["train", "tb", "--cv", "--epochs", "1", "--chunk", "5"]);
    assert!(
        out.contains("# leave-one-document-out, word overlap"),
        "{out}"
    );
    for name in ["one\t", "two\t", "mean\t"] {
        let line = out.lines().find(|l| l.starts_with(name));
        let score: f64 = line
            .and_then(|l| l.split('\t').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{name}: {out}"));
        assert!((0.0..=1.0).contains(&score), "{name}: {out}");
    }
    let done = wd.run(&["train", "tb/one", "tb/two", "-o", "w.tsv", "--epochs", "1"]);
    let err = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{err}");
    // Every sentence its own bead, every unit placed: the beads reproduce the word gold.
    assert!(
        err.contains(
            "one: 4 gold beads over 4 sentences and 18 caption units (word overlap of the gold beads themselves 1.000)"
        ),
        "{err}"
    );
    let w = wd.read("w.tsv");
    assert!(
        w.contains("data: tb/one (1 documents), tb/two (1 documents)"),
        "{w}"
    );
    assert!(w.contains("word overlap mean"), "{w}");
    bitext::align::weights::Weights::load(&wd.path().join("w.tsv")).unwrap();
}

#[test]
fn a_folder_without_benchmarks_or_gold_is_named() {
    let wd = Workdir::new();
    wd.write("empty/readme.txt", "nothing here");
    let err = wd.fails(&["train", "empty", "--cv"], 2);
    assert!(
        err.contains("empty") && err.contains("transcript benchmark"),
        "{err}"
    );
}
