//! HTML/XML character references and inline markup, as they appear in caption payloads.
//!
//! Caption text carries entities (`&amp;`, `&#39;`, `&gt;&gt;`; srv1 escapes them twice)
//! and styling tags (`<i>`, `<c>`, `<font …>`, VTT timestamps). Readers drop markup with
//! [`strip_tags`] first and decode with [`decode`] after, so an escaped `&lt;div&gt;` is
//! the text `<div>`, not a tag to remove.

/// Decodes character references: the XML five, the HTML names captions use, and
/// numeric `&#39;` / `&#x27;`. Unknown or malformed references are left as they are.
pub fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((decoded, len)) => {
                out.push(decoded);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `text` stands for, and its length in bytes.
fn reference(text: &str) -> Option<(char, usize)> {
    let end = text.char_indices().take(12).find(|&(_, c)| c == ';')?.0;
    let body = &text[1..end];
    let decoded = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        char::from_u32(code).filter(|&c| c != '\0')?
    } else {
        named(body)?
    };
    Some((decoded, end + 1))
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "iexcl" => '¡',
        "iquest" => '¿',
        "bull" => '•',
        "middot" => '·',
        "times" => '×',
        "shy" => '\u{AD}',
        _ => return None,
    })
}

/// Escapes `&` so that CDATA text survives the [`decode`] every XML text goes through.
pub fn encode_amp(text: &str) -> String {
    text.replace('&', "&amp;")
}

/// Removes markup: `<tag …>`, `</tag>`, VTT timestamps `<00:00:01.000>`, and SSA-style
/// positioning `{\an8}`. A `<` not followed by a letter, `/` or digit is text (`x < y`).
pub fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let Some(at) = rest.find(['<', '{']) else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match markup_len(rest) {
            Some(len) => rest = &rest[len..],
            None => {
                let c = rest.chars().next().unwrap_or('<');
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
}

/// The length of the markup at the start of `text`, if it is markup.
fn markup_len(text: &str) -> Option<usize> {
    let (open, close) = if text.starts_with('<') {
        ('<', '>')
    } else {
        ('{', '}')
    };
    let next = text[1..].chars().next()?;
    let plausible = if open == '<' {
        next.is_ascii_alphabetic() || next == '/' || next.is_ascii_digit()
    } else {
        next == '\\'
    };
    if !plausible {
        return None;
    }
    let end = text[1..]
        .char_indices()
        .take(200)
        .find(|&(_, c)| c == close || c == open || c == '\n')?;
    (end.1 == close).then_some(end.0 + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_escaped_srv1_text_needs_two_decodes() {
        let once = decode("I&amp;#39;m here &amp;amp; there");
        assert_eq!(once, "I&#39;m here &amp; there");
        assert_eq!(decode(&once), "I'm here & there");
    }

    #[test]
    fn unknown_and_broken_references_stay() {
        assert_eq!(decode("AT&T &bogus; &#xZZ; &"), "AT&T &bogus; &#xZZ; &");
        assert_eq!(decode("&#0;"), "&#0;");
    }

    #[test]
    fn tags_go_but_comparisons_stay() {
        assert_eq!(
            strip_tags("so<00:00:00.240><c> today</c> <i>we</i> x < y {\\an8}ok"),
            "so today we x < y ok"
        );
        assert_eq!(strip_tags("a <b unclosed"), "a <b unclosed");
    }
}
