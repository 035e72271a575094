//! TBX, the TermBase eXchange format: writing the TBX-Basic v2 `martif` layout that OmegaT
//! and older MultiTerm converters read (`martif/text/body/termEntry/langSet/tig/term`), and
//! reading both v2 and v3 (`tbx/text/body/conceptEntry/langSec/termSec/term`, see [`super::tbx3`]).
//!
//! Mapping: the preferred terms carry `administrativeStatus` `preferredTerm-admn-sts`,
//! alternatives `admittedTerm-admn-sts`, forbidden Chinese renderings
//! `deprecatedTerm-admn-sts`; the note is the entry's `<note>`; the glossary's own fields
//! (type, status, latin, case, inflect) travel as `<descrip type="x-bitext-…">` so a round
//! trip through TBX loses nothing. Unknown columns are not carried.

use super::entry::{Entry, Kind, Status};
use super::GlossaryError;
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use std::path::Path;

/// The TBX status of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TermStatus {
    Preferred,
    Admitted,
    Deprecated,
}

impl TermStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TermStatus::Preferred => "preferredTerm-admn-sts",
            TermStatus::Admitted => "admittedTerm-admn-sts",
            TermStatus::Deprecated => "deprecatedTerm-admn-sts",
        }
    }

    fn parse(s: &str) -> TermStatus {
        let s = s.to_ascii_lowercase();
        if s.starts_with("preferred") {
            TermStatus::Preferred
        } else if s.starts_with("deprecated")
            || s.starts_with("superseded")
            || s.starts_with("forbidden")
            || s.starts_with("obsolete")
        {
            TermStatus::Deprecated
        } else {
            TermStatus::Admitted
        }
    }
}

/// The terms of an entry by language, with their status, in writing order.
pub(crate) fn terms(entry: &Entry) -> [(&'static str, Vec<(&str, TermStatus)>); 2] {
    let en = entry
        .en_forms()
        .enumerate()
        .map(|(i, f)| {
            let status = if i == 0 {
                TermStatus::Preferred
            } else {
                TermStatus::Admitted
            };
            (f, status)
        })
        .collect();
    let zh = entry
        .zh_forms()
        .enumerate()
        .map(|(i, f)| {
            let status = if i == 0 && f == entry.zh {
                TermStatus::Preferred
            } else {
                TermStatus::Admitted
            };
            (f, status)
        })
        .chain(
            entry
                .zh_forbidden
                .iter()
                .map(|f| (f.as_str(), TermStatus::Deprecated)),
        )
        .collect();
    [("en", en), ("zh-CN", zh)]
}

/// The glossary's own fields, as (`x-bitext-…` name, value), for the non-default ones.
pub(crate) fn fields(entry: &Entry) -> Vec<(&'static str, String)> {
    let mut out = vec![("x-bitext-status", entry.status.as_str().to_string())];
    if entry.kind != Kind::Concept {
        out.push(("x-bitext-type", entry.kind.as_str().to_string()));
    }
    if entry.latin {
        out.push(("x-bitext-latin", "yes".into()));
    }
    if entry.case_sensitive {
        out.push(("x-bitext-case", "yes".into()));
    }
    if !entry.inflect {
        out.push(("x-bitext-inflect", "no".into()));
    }
    out
}

/// The part of speech TBX-Basic knows for an entry.
pub(crate) fn part_of_speech(entry: &Entry) -> &'static str {
    match entry.kind {
        Kind::Name | Kind::Org | Kind::Product | Kind::Place => "properNoun",
        Kind::Concept | Kind::Acronym => "noun",
    }
}

pub(crate) fn esc(s: &str) -> String {
    escape(s).into_owned()
}

/// The element names of one TBX layout: everything else the versions write is the same.
pub(super) struct Layout {
    /// The XML declaration, the root element's start tag and the header.
    pub head: &'static str,
    /// The root element's name, to close it.
    pub root: &'static str,
    pub entry: &'static str,
    pub lang: &'static str,
    pub term: &'static str,
}

/// TBX-Basic v2: `martif/text/body/termEntry/langSet/tig/term`.
const V2: Layout = Layout {
    head: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
           <martif type=\"TBX-Basic\" xml:lang=\"en\">\n\
           <martifHeader><fileDesc><sourceDesc><p>bitext glossary</p></sourceDesc></fileDesc></martifHeader>\n",
    root: "martif",
    entry: "termEntry",
    lang: "langSet",
    term: "tig",
};

/// Writes entries as TBX-Basic v2 (`martif`).
pub fn write(entries: &[Entry]) -> String {
    write_layout(entries, &V2)
}

/// Writes entries in the given layout: one concept entry per glossary entry, its fields as
/// `descrip`s, its note, then a language section per language with each term and its status.
pub(super) fn write_layout(entries: &[Entry], layout: &Layout) -> String {
    let Layout {
        head,
        root,
        entry: entry_tag,
        lang: lang_tag,
        term: term_tag,
    } = layout;
    let mut out = format!("{head}<text><body>\n");
    for (i, entry) in entries.iter().enumerate() {
        out.push_str(&format!("<{entry_tag} id=\"c{}\">\n", i + 1));
        for (name, value) in fields(entry) {
            out.push_str(&format!(
                "<descrip type=\"{name}\">{}</descrip>\n",
                esc(&value)
            ));
        }
        if !entry.note.is_empty() {
            out.push_str(&format!("<note>{}</note>\n", esc(&entry.note)));
        }
        for (lang, terms) in terms(entry) {
            if terms.is_empty() {
                continue;
            }
            out.push_str(&format!("<{lang_tag} xml:lang=\"{lang}\">\n"));
            for (term, status) in terms {
                out.push_str(&format!(
                    "<{term_tag}><term>{}</term><termNote type=\"partOfSpeech\">{}</termNote><termNote type=\"administrativeStatus\">{}</termNote></{term_tag}>\n",
                    esc(term),
                    part_of_speech(entry),
                    status.as_str()
                ));
            }
            out.push_str(&format!("</{lang_tag}>\n"));
        }
        out.push_str(&format!("</{entry_tag}>\n"));
    }
    out.push_str(&format!("</body></text>\n</{root}>\n"));
    out
}

/// Reads TBX v2 (`martif`, `termEntry`/`langSet`/`tig`|`ntig`) or v3 (`tbx`,
/// `conceptEntry`/`langSec`/`termSec`). English is any `xml:lang` starting with `en`,
/// Chinese any starting with `zh`; other languages are skipped.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Entry>, GlossaryError> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let err = |offset: u64, message: String| GlossaryError::Line {
        path: path.to_path_buf(),
        line: text.as_bytes()[..(offset as usize).min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1,
        message,
    };
    let mut entries = Vec::new();
    let mut concept: Option<Concept> = None;
    let mut lang = String::new();
    let mut term: Option<(String, TermStatus)> = None;
    let mut field: Option<String> = None;
    let mut text_buf = String::new();
    let mut root_seen = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| err(reader.error_position(), format!("not well-formed XML: {e}")))?;
        match event {
            Event::Start(e) => {
                let name = local(&e);
                if !root_seen {
                    root_seen = true;
                    if name != "martif" && name != "tbx" {
                        return Err(err(
                            reader.buffer_position(),
                            format!("the root element is <{name}>, expected <martif> (TBX v2) or <tbx> (TBX v3)"),
                        ));
                    }
                }
                text_buf.clear();
                match name.as_str() {
                    "termEntry" | "conceptEntry" => concept = Some(Concept::default()),
                    "langSet" | "langSec" => lang = attr(&e, "xml:lang").unwrap_or_default(),
                    "tig" | "ntig" | "termSec" => {
                        term = Some((String::new(), TermStatus::Admitted))
                    }
                    "termNote" | "descrip" | "note" | "admin" => {
                        field = Some(attr(&e, "type").unwrap_or_else(|| name.clone()))
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                let t = t
                    .unescape()
                    .map_err(|e| err(reader.buffer_position(), format!("bad text: {e}")))?;
                text_buf.push_str(&t);
            }
            Event::CData(t) => text_buf.push_str(&String::from_utf8_lossy(&t)),
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let value = std::mem::take(&mut text_buf).trim().to_string();
                match name.as_str() {
                    "term" => {
                        if let Some(t) = term.as_mut() {
                            t.0 = value;
                        }
                    }
                    "termNote" | "descrip" | "note" | "admin" => {
                        let kind = field.take().unwrap_or_default();
                        if kind == "administrativeStatus" {
                            if let Some(t) = term.as_mut() {
                                t.1 = TermStatus::parse(&value);
                            }
                        } else if let Some(c) = concept.as_mut() {
                            c.fields.push((kind, value));
                        }
                    }
                    "tig" | "ntig" | "termSec" => {
                        if let (Some((t, status)), Some(c)) = (term.take(), concept.as_mut()) {
                            if !t.is_empty() {
                                c.terms.push((lang.to_ascii_lowercase(), t, status));
                            }
                        }
                    }
                    "termEntry" | "conceptEntry" => {
                        if let Some(c) = concept.take() {
                            if let Some(entry) = c.into_entry() {
                                entries.push(entry);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err(GlossaryError::Format {
            path: path.to_path_buf(),
            message: "no XML element found; expected TBX".into(),
        });
    }
    Ok(entries)
}

fn local(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| {
            a.key.as_ref() == name.as_bytes() || a.key.local_name().as_ref() == name.as_bytes()
        })
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

#[derive(Default)]
struct Concept {
    /// (language, term, status)
    terms: Vec<(String, String, TermStatus)>,
    /// (type, value) of entry-level descrip / note / admin elements
    fields: Vec<(String, String)>,
}

impl Concept {
    fn into_entry(self) -> Option<Entry> {
        let mut entry = Entry::new("", "");
        let lang_terms = |prefix: &str| -> Vec<(String, TermStatus)> {
            let mut terms: Vec<(String, TermStatus)> = self
                .terms
                .iter()
                .filter(|(l, _, _)| l.starts_with(prefix))
                .map(|(_, t, s)| (t.clone(), *s))
                .collect();
            // Preferred first, keeping document order otherwise.
            terms.sort_by_key(|(_, s)| *s != TermStatus::Preferred);
            terms
        };
        for (term, status) in lang_terms("en") {
            if status == TermStatus::Deprecated {
                continue;
            }
            if entry.en.is_empty() {
                entry.en = term;
            } else {
                entry.en_alt.push(term);
            }
        }
        for (term, status) in lang_terms("zh") {
            match status {
                TermStatus::Deprecated => entry.zh_forbidden.push(term),
                _ if entry.zh.is_empty() => entry.zh = term,
                _ => entry.zh_alt.push(term),
            }
        }
        for (kind, value) in self.fields {
            match kind.as_str() {
                "x-bitext-status" => entry.status = Status::parse(&value).unwrap_or_default(),
                "x-bitext-type" => entry.kind = Kind::parse(&value).unwrap_or_default(),
                "x-bitext-latin" => entry.latin = value == "yes",
                "x-bitext-case" => entry.case_sensitive = value == "yes",
                "x-bitext-inflect" => entry.inflect = value != "no",
                "note" | "definition" | "Usage note" | "usageNote" if entry.note.is_empty() => {
                    entry.note = value
                }
                _ => {}
            }
        }
        (!entry.en.is_empty()).then_some(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> Vec<Entry> {
        let mut a = Entry::new("Satya Nadella", "萨提亚·纳德拉");
        a.en_alt = vec!["Satya".into()];
        a.zh_alt = vec!["萨提亚".into()];
        a.kind = Kind::Name;
        a.case_sensitive = true;
        a.inflect = false;
        a.note = "Microsoft CEO & chairman <since 2014>".into();
        let mut b = Entry::new("large language model", "大语言模型");
        b.zh_forbidden = vec!["大型语言模式".into()];
        b.status = Status::Proposed;
        let mut c = Entry::new("Copilot", "Copilot");
        c.latin = true;
        c.kind = Kind::Product;
        vec![a, b, c]
    }

    #[test]
    fn v2_round_trips() {
        let text = write(&sample());
        assert!(text.contains("<martif type=\"TBX-Basic\""));
        assert_eq!(parse(&text, Path::new("g.tbx")).unwrap(), sample());
    }

    #[test]
    fn reads_a_plain_omegat_style_file() {
        let text = r#"<?xml version="1.0"?><martif type="TBX"><text><body>
<termEntry><langSet xml:lang="en-US"><ntig><termGrp><term>kernel</term></termGrp></ntig></langSet>
<langSet xml:lang="zh-CN"><tig><term>内核</term></tig></langSet><descrip type="definition">OS core</descrip></termEntry>
</body></text></martif>"#;
        let entries = parse(text, Path::new("g.tbx")).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(
            (
                entries[0].en.as_str(),
                entries[0].zh.as_str(),
                entries[0].note.as_str()
            ),
            ("kernel", "内核", "OS core")
        );
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let err = parse("<martif>\n<text>\n</body>", Path::new("g.tbx"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("g.tbx:3:"), "{err}");
        let err = parse("<html/>", Path::new("g.tbx"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("g.tbx"), "{err}");
    }
}
