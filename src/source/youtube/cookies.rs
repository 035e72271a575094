//! A small cookie jar: cookies from a Netscape `cookies.txt` file (the format browser
//! extensions and yt-dlp export) plus the consent cookie, sent as one `Cookie` header.

use super::FetchError;
use reqwest::Url;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
struct Cookie {
    /// The domain without a leading dot.
    domain: String,
    /// Also sent to subdomains of `domain`.
    subdomains: bool,
    path: String,
    secure: bool,
    /// Unix seconds; 0 for a session cookie.
    expires: u64,
    name: String,
    value: String,
}

/// The cookies to send.
#[derive(Debug, Clone, Default)]
pub(crate) struct CookieJar {
    cookies: Vec<Cookie>,
}

impl CookieJar {
    /// Reads a Netscape cookies file: one cookie a line, seven tab-separated fields
    /// (domain, include-subdomains, path, secure, expiry, name, value); `#` lines are
    /// comments except the `#HttpOnly_` prefix, which marks an HTTP-only cookie.
    pub(crate) fn load(path: &Path) -> Result<CookieJar, FetchError> {
        let text = crate::text::files::read_text(path)?;
        let mut jar = CookieJar::default();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            let line = line.strip_prefix("#HttpOnly_").unwrap_or(line);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: &str| FetchError::Cookies {
                path: path.to_path_buf(),
                line: index + 1,
                message: message.to_string(),
            };
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != 7 {
                return Err(bad(&format!(
                    "{} tab-separated fields, expected 7",
                    fields.len()
                )));
            }
            let flag = |field: &str, what: &str| match field.to_ascii_uppercase().as_str() {
                "TRUE" => Ok(true),
                "FALSE" => Ok(false),
                _ => Err(bad(&format!(
                    "the {what} field is {field:?}, not TRUE or FALSE"
                ))),
            };
            let expires = fields[4]
                .trim()
                .parse::<f64>()
                .map_err(|_| bad(&format!("the expiry {:?} is not a number", fields[4])))?;
            jar.cookies.push(Cookie {
                domain: fields[0].trim_start_matches('.').to_ascii_lowercase(),
                subdomains: flag(fields[1], "include-subdomains")? || fields[0].starts_with('.'),
                path: fields[2].to_string(),
                secure: flag(fields[3], "secure")?,
                expires: expires.max(0.0) as u64,
                name: fields[5].to_string(),
                value: fields[6].to_string(),
            });
        }
        Ok(jar)
    }

    /// Sets a session cookie for `host` and its subdomains (replacing one of the same name).
    pub(crate) fn set(&mut self, host: &str, name: &str, value: &str) {
        let domain = host.trim_start_matches('.').to_ascii_lowercase();
        self.cookies
            .retain(|c| !(c.name == name && c.domain == domain));
        self.cookies.push(Cookie {
            domain,
            subdomains: true,
            path: "/".to_string(),
            secure: false,
            expires: 0,
            name: name.to_string(),
            value: value.to_string(),
        });
    }

    /// The `Cookie` header value for a request to `url`, if any cookie applies.
    pub(crate) fn header_for(&self, url: &Url) -> Option<String> {
        let host = url.host_str()?.to_ascii_lowercase();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let pairs: Vec<String> = self
            .cookies
            .iter()
            .filter(|c| {
                let domain_ok =
                    host == c.domain || (c.subdomains && host.ends_with(&format!(".{}", c.domain)));
                domain_ok
                    && url.path().starts_with(&c.path)
                    && (!c.secure || url.scheme() == "https")
                    && (c.expires == 0 || c.expires > now)
            })
            .map(|c| format!("{}={}", c.name, c.value))
            .collect();
        (!pairs.is_empty()).then(|| pairs.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# Netscape HTTP Cookie File\n\
        # comment line\n\
        \n\
        .youtube.com\tTRUE\t/\tTRUE\t0\tSID\tabc\n\
        #HttpOnly_.youtube.com\tTRUE\t/\tTRUE\t4102444800\tHSID\tdef\n\
        .youtube.com\tTRUE\t/\tTRUE\t1000\tOLD\tgone\n\
        www.example.com\tFALSE\t/\tFALSE\t0\tOTHER\tx\n\
        www.youtube.com\tFALSE\t/api\tFALSE\t0\tAPI\ty\n";

    fn jar() -> CookieJar {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cookies.txt");
        std::fs::write(&path, FILE).unwrap();
        CookieJar::load(&path).unwrap()
    }

    fn header(jar: &CookieJar, url: &str) -> Option<String> {
        jar.header_for(&Url::parse(url).unwrap())
    }

    #[test]
    fn sends_matching_unexpired_cookies_only() {
        let jar = jar();
        assert_eq!(
            header(&jar, "https://www.youtube.com/watch?v=x").as_deref(),
            Some("SID=abc; HSID=def")
        );
        assert_eq!(
            header(&jar, "https://www.youtube.com/api/timedtext").as_deref(),
            Some("SID=abc; HSID=def; API=y")
        );
        assert_eq!(header(&jar, "http://www.youtube.com/watch"), None);
        assert_eq!(header(&jar, "https://notyoutube.com/"), None);
    }

    #[test]
    fn set_replaces_a_cookie_of_the_same_name() {
        let mut jar = CookieJar::default();
        jar.set("127.0.0.1", "CONSENT", "YES+a");
        jar.set("127.0.0.1", "CONSENT", "YES+b");
        assert_eq!(
            header(&jar, "http://127.0.0.1:8080/watch").as_deref(),
            Some("CONSENT=YES+b")
        );
    }

    #[test]
    fn a_malformed_line_is_reported_with_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cookies.txt");
        std::fs::write(&path, "# Netscape\n.youtube.com TRUE / TRUE 0 SID abc\n").unwrap();
        let err = CookieJar::load(&path).unwrap_err().to_string();
        assert!(err.contains("cookies.txt:2:") && err.contains("7"), "{err}");
    }
}
