//! TBX, the TermBase eXchange format: writing the TBX-Basic v2 `martif` layout that OmegaT
//! and older MultiTerm converters read (`martif/text/body/termEntry/langSet/tig/term`), and
//! reading both v2 and v3 (`tbx/text/body/conceptEntry/langSec/termSec/term`, see [`super::tbx3`]).
//!
//! Mapping, kept to TBX-Basic so that CAT tools read it as they should: the preferred terms
//! carry `administrativeStatus` `preferredTerm-admn-sts`, alternatives
//! `admittedTerm-admn-sts`; `partOfSpeech` is written only where the entry's type says it
//! (`properNoun` for names, organisations, products and places), never guessed. Forbidden
//! Chinese renderings are left out of the terms a tool would offer (OmegaT 3.6 ignores
//! `administrativeStatus` and would show them as translations) and said in a note on the
//! Chinese side, `Do not use: 副驾驶 | 大型语言模式`; the TBX v3 export ([`super::tbx3`]),
//! for tools that honour the status, writes them as terms marked `deprecatedTerm-admn-sts`. The entry's note is its `<note>`; the
//! glossary's own fields that differ from the defaults (type, status, latin, case,
//! inflect) travel in one more `<note>`, `bitext: type=product; latin=yes`, so a round trip
//! through TBX loses nothing. Characters XML 1.0 forbids (U+000B, Word's soft break, …) are
//! dropped. Unknown columns are not carried. Reading also accepts the `<descrip
//! type="x-bitext-…">` fields and the `deprecatedTerm-admn-sts` terms older exports wrote.

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
        .collect();
    [("en", en), ("zh-CN", zh)]
}

/// The glossary's own fields, as (name, value), for the ones that differ from the defaults.
pub(crate) fn fields(entry: &Entry) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if entry.status != Status::default() {
        out.push(("status", entry.status.as_str().to_string()));
    }
    if entry.kind != Kind::Concept {
        out.push(("type", entry.kind.as_str().to_string()));
    }
    if entry.latin {
        out.push(("latin", "yes".into()));
    }
    if entry.case_sensitive {
        out.push(("case", "yes".into()));
    }
    if !entry.inflect {
        out.push(("inflect", "no".into()));
    }
    out
}

/// The note that carries the glossary's own fields (`bitext: type=product; latin=yes`).
const FIELDS_NOTE: &str = "bitext: ";
/// The note on the Chinese side listing the forbidden renderings.
const FORBIDDEN_NOTE: &str = "Do not use: ";
/// Between two forbidden renderings in that note.
const FORBIDDEN_SEP: &str = " | ";

/// The part of speech of an entry, where its type says it (TBX-Basic wants none rather
/// than a wrong one: a concept may be a noun, a verb or a phrase).
pub(crate) fn part_of_speech(entry: &Entry) -> Option<&'static str> {
    match entry.kind {
        Kind::Name | Kind::Org | Kind::Product | Kind::Place => Some("properNoun"),
        Kind::Concept | Kind::Acronym => None,
    }
}

/// Text escaped for XML, without the characters XML 1.0 cannot carry.
pub(crate) fn esc(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| {
            !((c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}')
        })
        .collect();
    escape(&clean).into_owned()
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
    /// Forbidden renderings as terms with `deprecatedTerm-admn-sts` (for tools that honour
    /// the status), rather than only in a note (for tools that would offer them).
    pub forbidden_as_terms: bool,
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
    forbidden_as_terms: false,
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
        forbidden_as_terms,
    } = layout;
    let mut out = format!("{head}<text><body>\n");
    for (i, entry) in entries.iter().enumerate() {
        out.push_str(&format!("<{entry_tag} id=\"c{}\">\n", i + 1));
        if !entry.note.is_empty() {
            out.push_str(&format!("<note>{}</note>\n", esc(&entry.note)));
        }
        let fields = fields(entry);
        if !fields.is_empty() {
            let fields: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
            out.push_str(&format!(
                "<note>{FIELDS_NOTE}{}</note>\n",
                esc(&fields.join("; "))
            ));
        }
        let pos = part_of_speech(entry)
            .map(|p| format!("<termNote type=\"partOfSpeech\">{p}</termNote>"))
            .unwrap_or_default();
        for (lang, terms) in terms(entry) {
            if terms.is_empty() {
                continue;
            }
            out.push_str(&format!("<{lang_tag} xml:lang=\"{lang}\">\n"));
            if lang.starts_with("zh") && !entry.zh_forbidden.is_empty() && !forbidden_as_terms {
                out.push_str(&format!(
                    "<note>{FORBIDDEN_NOTE}{}</note>\n",
                    esc(&entry.zh_forbidden.join(FORBIDDEN_SEP))
                ));
            }
            for (term, status) in terms {
                out.push_str(&format!(
                    "<{term_tag}><term>{}</term>{pos}<termNote type=\"administrativeStatus\">{}</termNote></{term_tag}>\n",
                    esc(term),
                    status.as_str()
                ));
            }
            if lang.starts_with("zh") && *forbidden_as_terms {
                for term in &entry.zh_forbidden {
                    out.push_str(&format!(
                        "<{term_tag}><term>{}</term><termNote type=\"administrativeStatus\">{}</termNote></{term_tag}>\n",
                        esc(term),
                        TermStatus::Deprecated.as_str()
                    ));
                }
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

/// Sets one of the glossary's own fields from its TBX note (or older `descrip`).
trait SetField {
    fn set_field(&mut self, key: &str, value: &str);
}

impl SetField for Entry {
    fn set_field(&mut self, key: &str, value: &str) {
        match key {
            "status" => self.status = Status::parse(value).unwrap_or_default(),
            "type" => self.kind = Kind::parse(value).unwrap_or_default(),
            "latin" => self.latin = value == "yes",
            "case" => self.case_sensitive = value == "yes",
            "inflect" => self.inflect = value != "no",
            _ => {}
        }
    }
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
            if kind == "note" {
                if let Some(list) = value.strip_prefix(FORBIDDEN_NOTE) {
                    entry.zh_forbidden.extend(
                        list.split(FORBIDDEN_SEP)
                            .map(str::trim)
                            .filter(|t| !t.is_empty())
                            .map(str::to_string),
                    );
                    continue;
                }
                if let Some(list) = value.strip_prefix(FIELDS_NOTE) {
                    for (k, v) in list.split(';').filter_map(|kv| kv.split_once('=')) {
                        entry.set_field(k.trim(), v.trim());
                    }
                    continue;
                }
            }
            match kind.as_str() {
                k if k.starts_with("x-bitext-") => entry.set_field(&k["x-bitext-".len()..], &value),
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
    fn tbx_basic_forbidden_terms_are_not_offered_and_fields_are_notes() {
        let mut entries = sample();
        entries[0].note = "soft\u{b}break\u{1}".into();
        let text = write(&entries);
        assert!(!text.contains("<term>大型语言模式</term>"), "{text}");
        assert!(
            text.contains("<note>Do not use: 大型语言模式</note>"),
            "{text}"
        );
        assert!(!text.contains("descrip"), "{text}");
        assert!(
            text.contains("<note>bitext: status=proposed</note>"),
            "{text}"
        );
        assert!(
            text.contains("<note>bitext: type=product; latin=yes</note>"),
            "{text}"
        );
        assert!(
            text.contains("<note>softbreak</note>"),
            "control characters dropped"
        );
        // partOfSpeech only where the type says it: the name, the product; not the concept.
        assert_eq!(text.matches("partOfSpeech").count(), 4 + 2, "{text}");
        let mut reader = quick_xml::Reader::from_str(&text);
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("not well-formed: {e}"),
            }
        }
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
