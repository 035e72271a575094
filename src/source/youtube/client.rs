//! The HTTP layer: one reqwest client with the timeouts, proxy and cookies of the options,
//! and the retry rules. Network errors and 5xx answers are retried with jittered backoff;
//! one `Retry-After` on a 429 is honoured, then a 429 means blocked. Every other answer is
//! final: retrying a block only makes it last longer.

use super::cookies::CookieJar;
use super::error::{BlockedBy, FetchError, Step};
use super::{tracks, FetchOptions, RetryPolicy, VideoId};
use reqwest::header::{HeaderMap, ACCEPT_LANGUAGE, CONTENT_TYPE, COOKIE, RETRY_AFTER};
use reqwest::{RequestBuilder, Url};
use std::time::Duration;

/// A successful (2xx) answer, read whole.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

pub(crate) struct Client {
    http: reqwest::Client,
    video: VideoId,
    retry: RetryPolicy,
    timeout: Duration,
    pub cookies: CookieJar,
    /// A fetch honours one `Retry-After`, whichever request it came on.
    retry_after_used: bool,
}

enum Attempt {
    Answer {
        status: u16,
        headers: HeaderMap,
        body: Vec<u8>,
    },
    Failed(reqwest::Error),
    /// The body grew past [`MAX_BODY_BYTES`]; reading stopped there.
    TooLarge,
}

/// The largest response body read: 32 MiB. A watch page is about 1 MB and a caption track
/// a few; an endless or huge body is cut off while streaming instead of filling memory.
pub(crate) const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

impl Client {
    pub(crate) fn new(
        options: &FetchOptions,
        video: &VideoId,
        cookies: CookieJar,
    ) -> Result<Client, FetchError> {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, "en-US".parse().expect("a valid header"));
        let mut builder = reqwest::Client::builder()
            .user_agent(concat!("bitext/", env!("CARGO_PKG_VERSION")))
            .default_headers(headers)
            .connect_timeout(options.connect_timeout)
            .timeout(options.request_timeout);
        builder = match &options.proxy {
            Some(proxy) => {
                let invalid = |e: reqwest::Error| FetchError::InvalidProxy {
                    proxy: proxy.clone(),
                    message: e.without_url().to_string(),
                };
                builder.proxy(reqwest::Proxy::all(proxy.as_str()).map_err(invalid)?)
            }
            // Proxies from the environment are ignored: a fetch goes where it is told,
            // which also keeps loopback tests off a CI proxy.
            None => builder.no_proxy(),
        };
        let http = builder.build().map_err(|e| FetchError::Network {
            video: video.clone(),
            step: Step::WatchPage,
            detail: chain(&e.without_url()),
            tries: 0,
        })?;
        Ok(Client {
            http,
            video: video.clone(),
            retry: options.retry.clone(),
            timeout: options.request_timeout,
            cookies,
            retry_after_used: false,
        })
    }

    pub(crate) async fn get(&mut self, step: Step, url: &Url) -> Result<Reply, FetchError> {
        let (http, cookie, target) = (self.http.clone(), self.cookies.header_for(url), url.clone());
        let request = move || with_cookie(http.get(target.clone()), &cookie);
        self.send(step, url, request).await
    }

    pub(crate) async fn post_json(
        &mut self,
        step: Step,
        url: &Url,
        body: &serde_json::Value,
    ) -> Result<Reply, FetchError> {
        let (http, cookie, target) = (self.http.clone(), self.cookies.header_for(url), url.clone());
        let body = body.to_string();
        let request = move || {
            with_cookie(http.post(target.clone()), &cookie)
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone())
        };
        self.send(step, url, request).await
    }

    async fn send(
        &mut self,
        step: Step,
        url: &Url,
        request: impl Fn() -> RequestBuilder,
    ) -> Result<Reply, FetchError> {
        let mut tries = 0;
        loop {
            tries += 1;
            match attempt(request()).await {
                Attempt::Answer { status, body, .. } if (200..300).contains(&status) => {
                    return Ok(Reply { status, body });
                }
                Attempt::Answer { status, .. } if status >= 500 && tries < self.retry.max_tries => {
                    self.backoff(tries).await;
                }
                Attempt::Answer {
                    status: 429,
                    headers,
                    ..
                } => match retry_after(&headers, self.retry.max_retry_after) {
                    Some(wait) if !self.retry_after_used => {
                        self.retry_after_used = true;
                        tokio::time::sleep(wait).await;
                    }
                    _ => {
                        return Err(FetchError::Blocked {
                            video: self.video.clone(),
                            step,
                            by: BlockedBy::TooManyRequests,
                        })
                    }
                },
                Attempt::Answer { status, .. } => {
                    return Err(FetchError::Http {
                        video: self.video.clone(),
                        step,
                        status,
                        redacted: tracks::redact(url),
                    })
                }
                Attempt::Failed(err) if transient(&err) && tries < self.retry.max_tries => {
                    self.backoff(tries).await;
                }
                Attempt::Failed(err) if err.is_timeout() => {
                    return Err(FetchError::Timeout {
                        video: self.video.clone(),
                        step,
                        timeout: self.timeout,
                        tries,
                    })
                }
                Attempt::Failed(err) => {
                    return Err(FetchError::Network {
                        video: self.video.clone(),
                        step,
                        detail: chain(&err.without_url()),
                        tries,
                    })
                }
                Attempt::TooLarge => {
                    return Err(FetchError::Network {
                        video: self.video.clone(),
                        step,
                        detail: format!(
                            "the response is larger than {} MiB, the most bitext reads",
                            MAX_BODY_BYTES >> 20
                        ),
                        tries,
                    })
                }
            }
        }
    }

    /// Full-jitter exponential backoff before try number `tries + 1`.
    async fn backoff(&self, tries: u32) {
        let cap = self
            .retry
            .base
            .saturating_mul(1 << (tries - 1).min(16))
            .min(self.retry.max);
        let millis = cap.as_millis() as u64;
        if millis > 0 {
            tokio::time::sleep(Duration::from_millis(fastrand::u64(0..=millis))).await;
        }
    }
}

fn with_cookie(request: RequestBuilder, cookie: &Option<String>) -> RequestBuilder {
    match cookie {
        Some(cookie) => request.header(COOKIE, cookie),
        None => request,
    }
}

async fn attempt(request: RequestBuilder) -> Attempt {
    let response = match request.send().await {
        Ok(response) => response,
        Err(err) => return Attempt::Failed(err),
    };
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    if response
        .content_length()
        .is_some_and(|n| n > MAX_BODY_BYTES as u64)
    {
        return Attempt::TooLarge;
    }
    // Read chunk by chunk so that the cap holds while streaming (the length header can be
    // absent or lie).
    let mut response = response;
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > MAX_BODY_BYTES {
                    return Attempt::TooLarge;
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(err) => return Attempt::Failed(err),
        }
    }
    Attempt::Answer {
        status,
        headers,
        body,
    }
}

/// Connection failures, timeouts and broken transfers are worth another try.
fn transient(err: &reqwest::Error) -> bool {
    err.is_timeout() || err.is_connect() || err.is_request() || err.is_body() || err.is_decode()
}

/// The error and its causes, without any URL.
fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let message = cause.to_string();
        if !text.contains(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        source = cause.source();
    }
    text
}

/// The wait a `Retry-After` header asks for (seconds or an HTTP date), when it is at most
/// `limit`.
fn retry_after(headers: &HeaderMap, limit: Duration) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let wait = match value.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => {
            let at = http_date(value)?;
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?
                .as_secs();
            Duration::from_secs(at.saturating_sub(now))
        }
    };
    (wait <= limit).then_some(wait)
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) to Unix seconds.
fn http_date(value: &str) -> Option<u64> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let day: u64 = day.parse().ok()?;
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)? as u64
        + 1;
    let year: u64 = year.parse().ok()?;
    let hms: Vec<u64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else {
        return None;
    };
    // Days from 1970-01-01 to the date (Howard Hinnant's days_from_civil).
    let (y, mo) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_body_is_cut_off_at_the_cap() {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut buf = [0u8; 4096];
            let _ = conn.read(&mut buf);
            // No length, no end: zeros until the client hangs up.
            let _ = conn.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            let chunk = vec![0u8; 1 << 16];
            while conn.write_all(&chunk).is_ok() {}
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let http = reqwest::Client::new();
        let result = runtime.block_on(attempt(http.get(format!("http://{addr}/"))));
        assert!(matches!(result, Attempt::TooLarge));
    }

    #[test]
    fn http_dates_are_read() {
        assert_eq!(
            http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(http_date("yesterday"), None);
    }

    #[test]
    fn retry_after_takes_seconds_and_dates_within_the_limit() {
        let mut headers = HeaderMap::new();
        let limit = Duration::from_secs(60);
        assert_eq!(retry_after(&headers, limit), None);
        headers.insert(RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&headers, limit), Some(Duration::from_secs(7)));
        headers.insert(RETRY_AFTER, "3600".parse().unwrap());
        assert_eq!(retry_after(&headers, limit), None);
        headers.insert(
            RETRY_AFTER,
            "Thu, 01 Jan 1970 00:00:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers, limit), Some(Duration::ZERO));
    }
}
