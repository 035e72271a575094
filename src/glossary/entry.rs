//! One glossary row: a concept with its English and Chinese forms and how to match them.

use std::collections::BTreeMap;

/// What kind of thing an entry names; names and products usually keep one fixed form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Kind {
    /// A general concept or technical term (the default).
    #[default]
    Concept,
    /// A person's name.
    Name,
    /// A company, lab or other organisation.
    Org,
    /// A product, model or piece of software.
    Product,
    /// An acronym or abbreviation.
    Acronym,
    /// A place.
    Place,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Concept,
        Kind::Name,
        Kind::Org,
        Kind::Product,
        Kind::Acronym,
        Kind::Place,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Concept => "concept",
            Kind::Name => "name",
            Kind::Org => "org",
            Kind::Product => "product",
            Kind::Acronym => "acronym",
            Kind::Place => "place",
        }
    }

    /// Parses a cell; empty means [`Kind::Concept`].
    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.trim();
        if s.is_empty() {
            return Some(Kind::Concept);
        }
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
    }
}

/// Whether an entry is enforced by `check` (only `approved` ones are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Status {
    /// Agreed: `check` enforces it and the aligner may use it as an anchor.
    #[default]
    Approved,
    /// Suggested (by `suggest` or a colleague), not enforced yet.
    Proposed,
    /// Kept for the record, no longer enforced.
    Deprecated,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Approved, Status::Proposed, Status::Deprecated];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Approved => "approved",
            Status::Proposed => "proposed",
            Status::Deprecated => "deprecated",
        }
    }

    /// Parses a cell; empty means [`Status::Approved`].
    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim();
        if s.is_empty() {
            return Some(Status::Approved);
        }
        if s.eq_ignore_ascii_case("draft") {
            return Some(Status::Proposed);
        }
        Status::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
    }
}

/// One concept of the glossary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// The canonical English term.
    pub en: String,
    /// The preferred Chinese rendering (for a `latin` entry, the Latin form itself).
    pub zh: String,
    /// Other English surface forms that name the same concept (abbreviations, spellings).
    pub en_alt: Vec<String>,
    /// Other accepted Chinese renderings.
    pub zh_alt: Vec<String>,
    /// Chinese renderings that must not be used.
    pub zh_forbidden: Vec<String>,
    /// The term stays in Latin letters in Chinese text (Copilot, GPT-4).
    pub latin: bool,
    /// English matching respects case (names, products); otherwise case is ignored.
    pub case_sensitive: bool,
    /// English matching accepts simple inflections of the last word (models, modelled).
    pub inflect: bool,
    pub kind: Kind,
    pub status: Status,
    pub note: String,
    /// Cells of columns this program does not know, by column name, kept on rewrite.
    pub extra: BTreeMap<String, String>,
    /// Comment lines (`# …`) that stood directly above the row; they move with it.
    pub comments: Vec<String>,
}

impl Entry {
    /// A new approved concept entry with inflection on.
    pub fn new(en: &str, zh: &str) -> Entry {
        Entry {
            en: en.trim().to_string(),
            zh: zh.trim().to_string(),
            inflect: true,
            ..Entry::default()
        }
    }

    /// All English forms: the term, then its alternatives.
    pub fn en_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.en.as_str())
            .chain(self.en_alt.iter().map(String::as_str))
            .filter(|s| !s.is_empty())
    }

    /// All accepted Chinese forms: the preferred rendering, then its alternatives.
    pub fn zh_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.zh.as_str())
            .chain(self.zh_alt.iter().map(String::as_str))
            .filter(|s| !s.is_empty())
    }

    /// `EN → ZH (note)`, the entry as shown on hover and in messages.
    pub fn title(&self) -> String {
        let zh = if self.zh.is_empty() { "?" } else { &self.zh };
        let mut title = format!("{} → {}", self.en, zh);
        if !self.note.is_empty() {
            title.push_str(&format!(" ({})", self.note));
        }
        title
    }

    /// The key rows are sorted by: the English term ignoring case, then as written.
    pub fn sort_key(&self) -> (String, String) {
        (self.en.to_lowercase(), self.en.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_and_status_parse_with_defaults() {
        assert_eq!(Kind::parse(""), Some(Kind::Concept));
        assert_eq!(Kind::parse("Name"), Some(Kind::Name));
        assert_eq!(Kind::parse("verb"), None);
        assert_eq!(Status::parse(""), Some(Status::Approved));
        assert_eq!(Status::parse("proposed"), Some(Status::Proposed));
        assert_eq!(Status::parse("draft"), Some(Status::Proposed));
        assert_eq!(Status::parse("maybe"), None);
    }

    #[test]
    fn title_shows_entry_and_note() {
        let mut e = Entry::new("transfer learning", "迁移学习");
        assert_eq!(e.title(), "transfer learning → 迁移学习");
        e.note = "ML".into();
        assert_eq!(e.title(), "transfer learning → 迁移学习 (ML)");
    }
}
