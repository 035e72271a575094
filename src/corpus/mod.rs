//! The canonical parallel corpus: one bead per row, written as a line-oriented TSV that
//! reviews well in `git diff`, and read back (hand edits included) for every view and check.
//!
//! The file format is specified in `docs/corpus-format.md`; [`tsv`] reads and writes it.

pub mod build;
pub mod tsv;

use std::collections::BTreeMap;

/// Below this alignment score a row is "doubtful": the one threshold the HTML and Markdown
/// views, the drift report and the workbench all use (`docs/corpus-format.md` gives the
/// measurements it was chosen from).
pub const DOUBTFUL_BELOW: f32 = 0.12;

/// A flag on a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flag {
    /// The row is a section heading.
    Heading,
    /// The Chinese holds a translator's note.
    Note,
    /// Chinese with no English counterpart.
    ZhOnly,
    /// English with no Chinese counterpart.
    EnOnly,
    /// Front matter (title, editor's note) of the article.
    Front,
    /// Back matter (reference, boilerplate) of the article.
    Back,
}

impl Flag {
    pub const ALL: [Flag; 6] = [
        Flag::Heading,
        Flag::Note,
        Flag::ZhOnly,
        Flag::EnOnly,
        Flag::Front,
        Flag::Back,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Heading => "heading",
            Flag::Note => "note",
            Flag::ZhOnly => "zh-only",
            Flag::EnOnly => "en-only",
            Flag::Front => "front",
            Flag::Back => "back",
        }
    }

    pub fn parse(s: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// One bead of the corpus.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// The English group's time span in milliseconds, when the transcript has times.
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    pub speaker: String,
    pub section: String,
    /// Flags, kept sorted and unique.
    pub flags: Vec<Flag>,
    /// Alignment confidence in [0, 1]; `None` for rows not produced by the aligner.
    pub score: Option<f32>,
    /// The article's own text for the row's Chinese sentences (joined without separator).
    pub zh: String,
    /// The transcript's text for the row's English units (joined with a space).
    pub en: String,
}

impl Row {
    pub fn has(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }

    /// Whether the aligner's score marks the row as a doubtful alignment ([`DOUBTFUL_BELOW`]);
    /// rows without a score (not aligned by bitext) and one-sided rows (score 0: their flag
    /// says more) are not doubtful.
    pub fn is_doubtful(&self) -> bool {
        !self.has(Flag::ZhOnly)
            && !self.has(Flag::EnOnly)
            && self.score.is_some_and(|s| s < DOUBTFUL_BELOW)
    }

    pub fn set(&mut self, flag: Flag) {
        if let Err(at) = self.flags.binary_search(&flag) {
            self.flags.insert(at, flag);
        }
    }
}

/// A parallel corpus: metadata (`video`, `title`, `zh_lang`, `en_lang`, …) and rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Corpus {
    pub meta: BTreeMap<String, String>,
    pub rows: Vec<Row>,
}

impl Corpus {
    /// A corpus of plain rows, one per `(zh, en)` pair, with no times, speakers or flags
    /// (pairs aligned elsewhere; tests).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Corpus {
        Corpus {
            rows: pairs
                .into_iter()
                .map(|(zh, en)| Row {
                    zh: zh.to_string(),
                    en: en.to_string(),
                    ..Row::default()
                })
                .collect(),
            ..Corpus::default()
        }
    }

    /// The YouTube video id, when the corpus knows it.
    pub fn video(&self) -> Option<&str> {
        self.meta.get("video").map(String::as_str)
    }
}
