//! The small XML layer the timedtext readers (srv1, srv3) share: a quick-xml walk that
//! reports errors with the file, line and byte offset, and attribute / text access that
//! leaves entity decoding to [`super::entities`] (caption payloads use HTML entities
//! quick-xml does not know).

use super::{line_at, Format, TranscriptError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::path::Path;

/// What the timedtext readers see: element starts (with their attributes and the 1-based
/// line where they begin), element ends, and text.
pub(crate) enum Node {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        line: usize,
        empty: bool,
    },
    End {
        name: String,
    },
    Text(String),
}

/// Walks the whole document. Text is returned raw (entities not decoded); attribute
/// values are decoded once.
pub(crate) fn nodes(text: &str, path: &Path) -> Result<Vec<Node>, TranscriptError> {
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    let mut open: Vec<String> = Vec::new();
    // Lines counted as the walk goes (counting from byte 0 for every element was quadratic).
    let (mut line, mut counted) = (1, 0);
    loop {
        let offset = (reader.buffer_position() as usize).min(text.len());
        line += text.as_bytes()[counted.min(offset)..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = counted.max(offset);
        let event = reader.read_event().map_err(|e| {
            let at = (reader.error_position() as usize).min(text.len());
            error(text, path, at, e.to_string())
        })?;
        match event {
            Event::Start(e) => {
                let (name, attrs) = element(&e);
                open.push(name.clone());
                out.push(Node::Start {
                    name,
                    attrs,
                    line,
                    empty: false,
                });
            }
            Event::Empty(e) => {
                let (name, attrs) = element(&e);
                out.push(Node::Start {
                    name: name.clone(),
                    attrs,
                    line,
                    empty: true,
                });
                out.push(Node::End { name });
            }
            Event::End(e) => {
                open.pop();
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                out.push(Node::End { name });
            }
            Event::Text(t) => out.push(Node::Text(String::from_utf8_lossy(&t).into_owned())),
            Event::CData(t) => out.push(Node::Text(super::entities::encode_amp(
                &String::from_utf8_lossy(&t),
            ))),
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(name) = open.last() {
        return Err(error(
            text,
            path,
            text.len(),
            format!("the document ends inside <{name}> (truncated?)"),
        ));
    }
    Ok(out)
}

fn element(e: &BytesStart) -> (String, Vec<(String, String)>) {
    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let attrs = e
        .attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .map(|a| {
            (
                String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned(),
                super::entities::decode(&String::from_utf8_lossy(&a.value)),
            )
        })
        .collect();
    (name, attrs)
}

/// An attribute's value.
pub(crate) fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

pub(crate) fn error(text: &str, path: &Path, offset: usize, message: String) -> TranscriptError {
    TranscriptError::Xml {
        path: path.to_path_buf(),
        line: line_at(text, offset),
        offset,
        message,
    }
}

/// A timedtext payload whose root is not the one the format has.
pub(crate) fn wrong_root(
    format: Format,
    path: &Path,
    found: &str,
    expected: &str,
) -> TranscriptError {
    TranscriptError::Layout {
        path: path.to_path_buf(),
        line: 1,
        format,
        message: format!("the root element is <{found}>, expected {expected}"),
    }
}
