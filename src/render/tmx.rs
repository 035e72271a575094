//! TMX 1.4 export: one translation unit per two-sided bead, English as the source language,
//! speaker, section, time, flags and score as `x-` properties; written with quick-xml, which
//! escapes every text and attribute, after the characters XML 1.0 forbids are dropped.
//!
//! One-sided rows are left out by default: loaded into a CAT tool's memory (OmegaT's
//! `tm/auto/`, memoQ, Trados) a unit with an empty segment becomes an empty translation.

use crate::corpus::{tsv, Corpus, Row};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::io;

/// Renders the corpus as a TMX 1.4 document (UTF-8, indented): the rows with both sides,
/// or every row with `include_one_sided`.
pub fn render(corpus: &Corpus, include_one_sided: bool) -> String {
    // Writing into memory cannot fail; an empty string would only hide a quick-xml bug.
    let bytes = write(corpus, include_one_sided).unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Whether the row becomes a translation unit.
pub fn exported(row: &Row, include_one_sided: bool) -> bool {
    include_one_sided || (!row.zh.trim().is_empty() && !row.en.trim().is_empty())
}

fn write(corpus: &Corpus, include_one_sided: bool) -> io::Result<Vec<u8>> {
    let en_lang = lang(corpus, "en_lang", "en");
    let zh_lang = lang(corpus, "zh_lang", "zh-CN");
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("tmx")
        .with_attribute(("version", "1.4"))
        .write_inner_content(|w| {
            w.create_element("header")
                .with_attributes([
                    ("creationtool", "bitext"),
                    ("creationtoolversion", env!("CARGO_PKG_VERSION")),
                    ("segtype", "sentence"),
                    ("o-tmf", "bitext-corpus-tsv"),
                    ("adminlang", "en"),
                    ("srclang", en_lang.as_str()),
                    ("datatype", "plaintext"),
                    ("o-encoding", "UTF-8"),
                ])
                .write_inner_content(|w| {
                    for (key, value) in &corpus.meta {
                        prop(w, &format!("x-{}", clean(key)), value)?;
                    }
                    Ok(())
                })?;
            w.create_element("body").write_inner_content(|w| {
                for row in corpus
                    .rows
                    .iter()
                    .filter(|r| exported(r, include_one_sided))
                {
                    tu(w, row, &en_lang, &zh_lang)?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn tu(w: &mut Writer<Vec<u8>>, row: &Row, en_lang: &str, zh_lang: &str) -> io::Result<()> {
    w.create_element("tu").write_inner_content(|w| {
        if !row.speaker.is_empty() {
            prop(w, "x-speaker", &row.speaker)?;
        }
        if !row.section.is_empty() {
            prop(w, "x-section", &row.section)?;
        }
        if let Some(start) = row.start_ms {
            let end = row.end_ms.map(tsv::format_time).unwrap_or_default();
            prop(w, "x-time", &format!("{}-{end}", tsv::format_time(start)))?;
        }
        if !row.flags.is_empty() {
            let flags: Vec<&str> = row.flags.iter().map(|f| f.as_str()).collect();
            prop(w, "x-flags", &flags.join(","))?;
        }
        if let Some(score) = row.score {
            prop(w, "x-score", &format!("{score:.2}"))?;
        }
        tuv(w, en_lang, &row.en)?;
        tuv(w, zh_lang, &row.zh)?;
        Ok(())
    })?;
    Ok(())
}

fn tuv(w: &mut Writer<Vec<u8>>, lang: &str, text: &str) -> io::Result<()> {
    w.create_element("tuv")
        .with_attribute(("xml:lang", lang))
        .write_inner_content(|w| {
            w.create_element("seg")
                .write_text_content(BytesText::new(&clean(text)))?;
            Ok(())
        })?;
    Ok(())
}

fn prop(w: &mut Writer<Vec<u8>>, kind: &str, value: &str) -> io::Result<()> {
    w.create_element("prop")
        .with_attribute(("type", kind))
        .write_text_content(BytesText::new(&clean(value)))?;
    Ok(())
}

/// Drops the characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF).
fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            !(c < ' ' && !matches!(c, '\t' | '\n' | '\r')
                || c == '\u{FFFE}'
                || c == '\u{FFFF}'
                || ('\u{7f}'..='\u{84}').contains(&c)
                || ('\u{86}'..='\u{9f}').contains(&c))
        })
        .collect()
}

fn lang(corpus: &Corpus, key: &str, default: &str) -> String {
    corpus
        .meta
        .get(key)
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .cloned()
        .unwrap_or_else(|| default.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Flag;
    use quick_xml::events::Event;
    use quick_xml::Reader;

    /// (lang, seg text) pairs in document order, read back with a real XML parser.
    fn segs(xml: &str) -> Vec<(String, String)> {
        let mut reader = Reader::from_str(xml);
        let mut out = Vec::new();
        let mut lang = String::new();
        let mut in_seg = false;
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) if e.name().as_ref() == b"tuv" => {
                    let attr = e.try_get_attribute("xml:lang").unwrap().unwrap();
                    lang = attr.unescape_value().unwrap().into_owned();
                }
                Event::Start(e) if e.name().as_ref() == b"seg" => {
                    in_seg = true;
                    out.push((lang.clone(), String::new()));
                }
                Event::Text(t) if in_seg => {
                    out.last_mut().unwrap().1 += &t.unescape().unwrap();
                }
                Event::End(e) if e.name().as_ref() == b"seg" => in_seg = false,
                Event::Eof => break,
                _ => {}
            }
        }
        out
    }

    #[test]
    fn texts_round_trip_through_an_xml_parser() {
        let mut corpus = Corpus::default();
        corpus.meta.insert("video".into(), "v".into());
        corpus.rows.push(Row {
            start_ms: Some(1000),
            end_ms: Some(2500),
            speaker: "A & B".into(),
            flags: vec![Flag::Note],
            score: Some(0.8),
            zh: "<我们>融了\"120亿\"美元 & 更多\u{1}".into(),
            en: "We raised $12 billion </seg>".into(),
            ..Row::default()
        });
        corpus.rows.push(Row {
            flags: vec![Flag::ZhOnly],
            zh: "只有中文。".into(),
            ..Row::default()
        });
        assert_eq!(render(&corpus, true).matches("<tu>").count(), 2);
        let xml = render(&corpus, false);
        assert_eq!(xml.matches("<tu>").count(), 1, "one-sided rows left out");
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(xml.contains("<tmx version=\"1.4\">"));
        assert!(xml.contains("srclang=\"en\""));
        assert!(xml.contains("<prop type=\"x-time\">00:00:01.000-00:00:02.500</prop>"));
        assert_eq!(
            segs(&xml),
            vec![
                ("en".into(), "We raised $12 billion </seg>".into()),
                ("zh-CN".into(), "<我们>融了\"120亿\"美元 & 更多".into()),
            ]
        );
    }
}
