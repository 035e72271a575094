//! Reading the watch page: the API key, or the consent form, or the captcha that stands
//! in its way.

/// What a watch page turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum WatchPage {
    /// A normal page, with its `INNERTUBE_API_KEY`.
    Key(String),
    /// The EU cookie consent form, with the value of its hidden `v` field if it has one.
    Consent(Option<String>),
    /// A reCAPTCHA page: the address is blocked.
    Captcha,
    /// None of the above.
    Unknown,
}

const CONSENT_ACTION: &str = "action=\"https://consent.youtube.com/s\"";
const KEY_NAME: &str = "\"INNERTUBE_API_KEY\":";

/// Classifies a watch page. The page is HTML-unescaped as a whole first, as
/// youtube-transcript-api does, so escaped script data is found too.
pub(crate) fn read(html: &str) -> WatchPage {
    let html = unescape(html);
    if html.contains(CONSENT_ACTION) {
        return WatchPage::Consent(consent_value(&html));
    }
    if let Some(key) = api_key(&html) {
        return WatchPage::Key(key);
    }
    if html.contains("class=\"g-recaptcha\"") {
        return WatchPage::Captcha;
    }
    WatchPage::Unknown
}

/// `"INNERTUBE_API_KEY":\s*"([a-zA-Z0-9_-]+)"`.
fn api_key(html: &str) -> Option<String> {
    html.match_indices(KEY_NAME).find_map(|(at, _)| {
        let rest = html[at + KEY_NAME.len()..].trim_start();
        let rest = rest.strip_prefix('"')?;
        let end = rest.find('"')?;
        let key = &rest[..end];
        let ok = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        ok.then(|| key.to_string())
    })
}

/// The `value` of the form's hidden `<input name="v" value="…">`.
fn consent_value(html: &str) -> Option<String> {
    let at = html.find("name=\"v\"")?;
    // The attributes of the same tag: from its `<` to its `>`.
    let start = html[..at].rfind('<').unwrap_or(0);
    let end = at + html[at..].find('>').unwrap_or(html.len() - at);
    let tag = &html[start..end];
    let value = tag.split("value=\"").nth(1)?;
    let value = &value[..value.find('"')?];
    (!value.is_empty()).then(|| value.to_string())
}

/// Decodes the HTML character references a page uses in script data: the named five and
/// numeric ones.
pub(crate) fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
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

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_api_key_plain_or_escaped() {
        let page = r#"<script>ytcfg.set({"INNERTUBE_API_KEY": "AIza_Test-123","X":1})</script>"#;
        assert_eq!(read(page), WatchPage::Key("AIza_Test-123".into()));
        let escaped = "<div data-x=\"{&quot;INNERTUBE_API_KEY&quot;:&quot;KEY9&quot;}\">";
        assert_eq!(read(escaped), WatchPage::Key("KEY9".into()));
    }

    #[test]
    fn a_key_with_odd_characters_is_not_a_key() {
        assert_eq!(read(r#""INNERTUBE_API_KEY":"a b""#), WatchPage::Unknown);
        assert_eq!(read(r#""INNERTUBE_API_KEY":"""#), WatchPage::Unknown);
    }

    #[test]
    fn recognises_the_consent_form_and_its_value() {
        let page = r#"<form action="https://consent.youtube.com/s" method="POST">
            <input type="hidden" name="gl" value="DE"><input type="hidden" name="v" value="cb.20210328-17-p0.de+FX+410">
            </form>"#;
        assert_eq!(
            read(page),
            WatchPage::Consent(Some("cb.20210328-17-p0.de+FX+410".into()))
        );
        let no_value =
            r#"<form action="https://consent.youtube.com/s"><input name="gl" value="DE"></form>"#;
        assert_eq!(read(no_value), WatchPage::Consent(None));
    }

    #[test]
    fn recognises_the_captcha_page() {
        let page = r#"<html><form><div class="g-recaptcha" data-sitekey="x"></div></form></html>"#;
        assert_eq!(read(page), WatchPage::Captcha);
        assert_eq!(read("<html>hello</html>"), WatchPage::Unknown);
    }

    #[test]
    fn unescape_decodes_named_and_numeric_references() {
        assert_eq!(
            unescape("a &amp; b &#39;c&#x27; &lt;i&gt; &bogus; &"),
            "a & b 'c' <i> &bogus; &"
        );
    }
}
