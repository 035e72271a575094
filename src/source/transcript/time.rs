//! Timestamps as caption formats write them.

/// A clock time `[h:]mm:ss.fff` (VTT, also SRT's `,` separator) in milliseconds.
/// Hours may have any number of digits; minutes and seconds two; the fraction one to three.
pub(crate) fn clock(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.split(':').collect();
    let (h, m, s) = match parts.as_slice() {
        [h, m, s] => (number(h, 1, 9)?, number(m, 2, 2)?, *s),
        [m, s] => (0, number(m, 2, 2)?, *s),
        _ => return None,
    };
    let (sec, frac) = s.split_once(['.', ','])?;
    let sec = number(sec, 2, 2)?;
    if m > 59 || sec > 59 || frac.is_empty() || frac.len() > 3 {
        return None;
    }
    let ms = number(frac, 1, 3)? * 10u64.pow(3 - frac.len() as u32);
    Some(((h * 60 + m) * 60 + sec) * 1000 + ms)
}

/// Decimal seconds (`3.22`, `12`) as srv1 writes them, in milliseconds.
pub(crate) fn seconds(text: &str) -> Option<u64> {
    let text = text.trim();
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let whole = number(whole, 1, 9)?;
    let ms = if frac.is_empty() {
        0
    } else {
        // All ASCII digits first, so the slice below cannot cut a character in two.
        number(frac, 1, 12)?;
        let digits = &frac[..frac.len().min(3)];
        number(digits, 1, 3)? * 10u64.pow(3 - digits.len() as u32)
    };
    Some(whole * 1000 + ms)
}

/// Milliseconds as an integer attribute (`t="2400"`).
pub(crate) fn millis(text: &str) -> Option<u64> {
    number(text.trim(), 1, 12)
}

fn number(text: &str, min: usize, max: usize) -> Option<u64> {
    if text.len() < min || text.len() > max || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times() {
        assert_eq!(clock("00:00:01.234"), Some(1234));
        assert_eq!(clock("01:02.5"), Some(62_500));
        assert_eq!(clock("1:00:00,000"), Some(3_600_000));
        assert_eq!(clock("00:61:00.000"), None);
        assert_eq!(clock("00:00:1x.000"), None);
        assert_eq!(clock("00:00:01"), None);
    }

    #[test]
    fn decimal_seconds() {
        assert_eq!(seconds("3.22"), Some(3220));
        assert_eq!(seconds("12"), Some(12_000));
        assert_eq!(seconds("0.3333"), Some(333));
        assert_eq!(seconds("-1"), None);
        assert_eq!(seconds("1e3"), None);
        // A non-ASCII fraction is refused, not sliced mid-character (it panicked).
        assert_eq!(seconds("1.2٣4"), None);
        assert_eq!(seconds("1.éé"), None);
    }
}
