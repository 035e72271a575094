//! Reading numbers written in Chinese (十几, 12亿, 两千三) or English (twelve billion) as values.
//!
//! [`extract_zh`] and [`extract_en`] find the quantities in a text and return each with its
//! byte range, its value as an interval (`十几` is 11–19, `dozens` 24–99), its kind (cardinal,
//! percent, year, decade, ordinal, …) and its mantissa and scale, so that a checker can
//! compare values rather than digit strings and tell a scale slip (12亿 for 12 billion) from a
//! plain mismatch. Idioms built from numerals (十分 "very", 万一 "in case", 一些 "some", 一直
//! "always", …) are not numbers. Small numbers written as words (一, 两, two, first) are marked
//! [`Quantity::weak`]: they are as often an article or a figure of speech as a quantity.

use crate::text::width::fold_char;
use std::ops::Range;

/// What a quantity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NumKind {
    Cardinal,
    Percent,
    /// 个百分点, percentage points: not the same as a percent.
    PercentPoint,
    /// A calendar year (2019年, 一九八〇年).
    Year,
    /// A decade, as the interval of its years (八十年代 = 1980–1989).
    Decade,
    Ordinal,
    Fraction,
    /// A multiple (三倍, three times).
    Factor,
    /// A month of the year (3月, March).
    Month,
}

impl NumKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NumKind::Cardinal => "number",
            NumKind::Percent => "percent",
            NumKind::PercentPoint => "percentage points",
            NumKind::Year => "year",
            NumKind::Decade => "decade",
            NumKind::Ordinal => "ordinal",
            NumKind::Fraction => "fraction",
            NumKind::Factor => "multiple",
            NumKind::Month => "month",
        }
    }
}

/// A number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub kind: NumKind,
    /// The value as an interval; `lo == hi` for an exact number.
    pub lo: f64,
    pub hi: f64,
    /// Hedged (about, 约, 左右, 多) or vague (十几, dozens).
    pub approx: bool,
    /// The number before the scale word (12 in 12亿 and in 12 billion).
    pub mantissa: f64,
    /// The power of ten of the scale word (8 for 亿, 9 for billion, 0 without one).
    pub scale: i32,
    /// A small number written as a word (一, 两, two, first, a couple).
    pub weak: bool,
    /// Byte range in the text.
    pub range: Range<usize>,
}

impl Quantity {
    /// A readable rendering of the value: `1200000000`, `11–19`, `1980s`, `30%`.
    pub fn display(&self) -> String {
        let v = |x: f64| {
            if x.fract() == 0.0 && x.abs() < 1e18 {
                format!("{}", x as i64)
            } else {
                let s = format!("{x:.4}");
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            }
        };
        let body = match self.kind {
            NumKind::Decade => return format!("{}s", v(self.lo)),
            _ if self.lo == self.hi => v(self.lo),
            _ => format!("{}–{}", v(self.lo), v(self.hi)),
        };
        match self.kind {
            NumKind::Percent => format!("{body}%"),
            NumKind::PercentPoint => format!("{body} percentage points"),
            NumKind::Factor => format!("×{body}"),
            NumKind::Ordinal => format!("#{body}"),
            NumKind::Year => format!("year {body}"),
            NumKind::Month => format!("month {body}"),
            _ => body,
        }
    }

    /// True when the two can stand for the same quantity: compatible kinds and overlapping
    /// intervals, a hedged one widened by a tenth, as far as "about" stretches: "about 30"
    /// may be 32 but not 40.
    pub fn matches(&self, other: &Quantity) -> bool {
        if !compatible(self.kind, other.kind) {
            return false;
        }
        let calendar = |k| matches!(k, NumKind::Year | NumKind::Decade | NumKind::Month);
        let slack = |q: &Quantity| {
            if q.approx && !calendar(self.kind) && !calendar(other.kind) {
                0.1
            } else {
                1e-9
            }
        };
        let (alo, ahi) = widen(self.lo, self.hi, slack(self));
        let (blo, bhi) = widen(other.lo, other.hi, slack(other));
        alo <= bhi && blo <= ahi
    }
}

fn widen(lo: f64, hi: f64, slack: f64) -> (f64, f64) {
    (lo - lo.abs() * slack, hi + hi.abs() * slack)
}

/// Kinds that may render each other: a year is also a number, a year falls in its decade.
pub fn compatible(a: NumKind, b: NumKind) -> bool {
    use NumKind::*;
    let group = |k: NumKind| match k {
        Cardinal | Year | Ordinal | Factor | Fraction => 0,
        Percent | PercentPoint => 1,
        Decade => 2,
        Month => 3,
    };
    a == b || group(a) == group(b) || matches!((a, b), (Year, Decade) | (Decade, Year))
}

// ---------------------------------------------------------------------------------------
// Chinese

/// Words containing numerals that are not numbers. Each is skipped unless it is preceded by
/// a numeral (五十分 is fifty points) or followed by a character in its exception list
/// (十分钟 is ten minutes, 一点钟 one o'clock).
const ZH_IDIOMS: &[(&str, &str)] = &[
    ("十分", "钟之"),
    ("万一", ""),
    ("一些", ""),
    ("一直", ""),
    ("一样", ""),
    ("一起", ""),
    ("统一", ""),
    ("唯一", ""),
    ("一旦", ""),
    ("一点", "钟半"),
    ("万物", ""),
    ("一般", ""),
    ("一切", ""),
    ("一定", ""),
    ("一致", ""),
    ("一下", ""),
    ("一边", ""),
    ("一方面", ""),
    ("一向", ""),
    ("一再", ""),
    ("一度", ""),
    ("一同", ""),
    ("一时", ""),
    ("一路", ""),
    ("一味", ""),
    ("一贯", ""),
    ("一番", ""),
    ("一员", ""),
    ("一流", ""),
    ("一手", ""),
    ("一心一意", ""),
    ("一模一样", ""),
    ("一成不变", ""),
    ("一无所", ""),
    ("一见钟情", ""),
    ("独一无二", ""),
    ("三心二意", ""),
    ("乱七八糟", ""),
    ("七上八下", ""),
    ("十全十美", ""),
    ("五花八门", ""),
    ("四面八方", ""),
    ("千方百计", ""),
    ("千万别", ""),
    ("千万不", ""),
    ("万万", ""),
    ("万分", ""),
    ("万事", ""),
    ("十足", ""),
    ("百姓", ""),
    ("百货", ""),
    ("几乎", ""),
    ("二手", ""),
    ("三明治", ""),
    ("三星", ""),
    ("第一手", ""),
    ("专一", ""),
    ("同一", ""),
    ("之一", ""),
    ("一来", ""),
    ("一并", ""),
    ("一旁", ""),
    ("一概", ""),
    ("一律", ""),
    ("一目了然", ""),
    ("不一", ""),
    ("万众", ""),
    ("数一数二", ""),
    ("四处", ""),
    ("零售", ""),
    ("零件", ""),
    ("一元", "钱块"),
    // Sayings and figures of speech built from numerals: hyperbole, not counts.
    ("说一千道一万", ""),
    ("行百里者半九十", ""),
    ("十万八千里", ""),
    ("七零八落", ""),
    ("零零碎碎", ""),
    ("零零星星", ""),
    ("零七八碎", ""),
    ("千般", ""),
    ("万种", ""),
    ("百出", ""),
    ("千军万马", ""),
    ("九死一生", ""),
    ("三番五次", ""),
    ("三言两语", ""),
    ("七嘴八舌", ""),
    ("一清二楚", ""),
    ("百分之百", ""),
    ("万无一失", ""),
    ("一干二净", ""),
    ("一五一十", ""),
    ("接二连三", ""),
    ("颠三倒四", ""),
    ("不三不四", ""),
    ("低三下四", ""),
    ("丢三落四", ""),
    ("一万个不", ""),
    ("一百个不", ""),
    ("千千万万", ""),
    ("成千上万", ""),
    ("千辛万苦", ""),
    ("万水千山", ""),
    ("千载难逢", ""),
    ("百感交集", ""),
    ("百发百中", ""),
    ("一干人", ""),
    ("一二", "十百千万"),
];

/// Characters after 千 that make it the SI prefix kilo- (千米 km, 千克 kg, 千比特 kilobit),
/// not the numeral thousand.
const KILO_UNITS: &str = "米克瓦比字赫焦卡帕伏升";

/// Characters that, after 两 following a numeral, keep 两 a numeral (一千两百); anything
/// else makes it the measure word tael (二十两银子) or a "two or three" pair (三两个).
const AFTER_LIANG_NUMERAL: &str = "十百千万亿";

/// Classifiers after which 一两 / 三两 is a pair of numbers ("one or two", "two or three"),
/// not one or three taels: 一两天, 三两个, 一两句话, 三两年. Taels weigh a noun (三两银子)
/// or stand alone (约有三两上下).
const PAIR_CLASSIFIERS: &[&str] = &[
    "个", "天", "日", "年", "次", "回", "句", "遍", "步", "声", "下", "口", "位", "人", "只", "件",
    "本", "条", "张", "家", "岁", "周", "星期", "礼拜", "月", "夜", "晚", "分钟", "小时", "钟头",
    "趟", "封", "行", "页", "点", "滴", "杯", "碗",
];

fn zh_digit(c: char) -> Option<f64> {
    Some(match c {
        '零' | '〇' => 0.0,
        '一' => 1.0,
        '二' | '两' => 2.0,
        '三' => 3.0,
        '四' => 4.0,
        '五' => 5.0,
        '六' => 6.0,
        '七' => 7.0,
        '八' => 8.0,
        '九' => 9.0,
        _ => return None,
    })
}

fn zh_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1000.0,
        _ => return None,
    })
}

fn zh_big(c: char) -> Option<i32> {
    Some(match c {
        '万' => 4,
        '亿' => 8,
        _ => return None,
    })
}

/// One piece of a number run.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    /// A digit or an Arabic number; `(lo, hi)` differ for 几.
    Digit(f64, f64, bool),
    Unit(f64),
    Big(i32),
    /// 多 / 余 / 来: "and some more".
    More,
}

/// The characters of a text, width-folded, with their byte offsets.
struct Chars {
    at: Vec<usize>,
    ch: Vec<char>,
    len: usize,
}

impl Chars {
    fn new(text: &str) -> Chars {
        let (at, ch) = text.char_indices().map(|(i, c)| (i, fold_char(c))).unzip();
        Chars {
            at,
            ch,
            len: text.len(),
        }
    }
    fn byte(&self, i: usize) -> usize {
        self.at.get(i).copied().unwrap_or(self.len)
    }
    fn get(&self, i: usize) -> Option<char> {
        self.ch.get(i).copied()
    }
    fn starts_with(&self, i: usize, s: &str) -> bool {
        (i..).zip(s.chars()).all(|(k, c)| self.get(k) == Some(c))
    }
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || zh_digit(c).is_some() || zh_unit(c).is_some() || zh_big(c).is_some()
}

/// Marks the characters that belong to idioms (see [`ZH_IDIOMS`]).
fn idiom_mask(cs: &Chars) -> Vec<bool> {
    // The idioms' first characters, sorted: most characters start none, and are passed over
    // without trying each idiom (this runs on every Chinese sentence the aligner reads).
    static FIRSTS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let firsts = FIRSTS.get_or_init(|| {
        let mut v: Vec<char> = ZH_IDIOMS
            .iter()
            .filter_map(|(i, _)| i.chars().next())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    let mut mask = vec![false; cs.ch.len()];
    for i in 0..cs.ch.len() {
        if firsts.binary_search(&cs.ch[i]).is_err() {
            continue;
        }
        for (idiom, except) in ZH_IDIOMS {
            if !cs.starts_with(i, idiom) {
                continue;
            }
            let n = idiom.chars().count();
            let first_is_numeral = idiom.chars().next().is_some_and(is_numeral);
            if first_is_numeral && i > 0 && cs.get(i - 1).is_some_and(is_numeral) {
                continue;
            }
            if cs.get(i + n).is_some_and(|c| except.contains(c)) {
                continue;
            }
            for m in &mut mask[i..i + n] {
                *m = true;
            }
        }
    }
    mask
}

/// Finds the quantities in Chinese text.
pub fn extract_zh(text: &str) -> Vec<Quantity> {
    let cs = Chars::new(text);
    // Every quantity holds a numeral or 几 (most sentences hold neither): skip the rest.
    if !cs.ch.iter().any(|&c| is_numeral(c) || c == '几') {
        return Vec::new();
    }
    let mask = idiom_mask(&cs);
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.ch.len() {
        if mask[i] {
            i += 1;
            continue;
        }
        if in_latin_token(&cs, i) {
            // GPT-4, F1, 5G: part of a name, not a quantity.
            while cs
                .get(i)
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            {
                i += 1;
            }
            continue;
        }
        if let Some(end) = bare_digit_word(&cs, &mask, i) {
            i = end;
            continue;
        }
        if let Some((q, next)) = zh_at(&cs, &mask, i) {
            out.push(q);
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

/// The end of a run of two or three Chinese digits with no unit (六六粉, 零零碎碎, 一米六零,
/// 七零八落) that is not a year (…年) nor an estimate (三四): a name, a word or a height
/// read digit by digit, which a reader does not count.
fn bare_digit_word(cs: &Chars, mask: &[bool], i: usize) -> Option<usize> {
    // 两 is never read out digit by digit (三两银子, 八九两).
    let is_d = |k: usize| {
        !mask.get(k).copied().unwrap_or(true)
            && cs
                .get(k)
                .is_some_and(|c| c != '两' && zh_digit(c).is_some())
    };
    if i > 0 && cs.get(i - 1).is_some_and(is_numeral) {
        return None;
    }
    let mut end = i;
    while is_d(end) {
        end += 1;
    }
    let n = end - i;
    let next = cs.get(end);
    let estimate = n == 2 && {
        let (a, b) = (zh_digit(cs.ch[i])?, zh_digit(cs.ch[i + 1])?);
        (a - b).abs() == 1.0 && cs.ch[i + 1] != '两'
    };
    let numeral_follows = next.is_some_and(|c| is_numeral(c) || "几多余来".contains(c));
    ((2..4).contains(&n) && next != Some('年') && !estimate && !numeral_follows).then_some(end)
}

/// True for a digit glued to Latin letters before it (`GPT-4`, `F1`, `Web3`).
fn in_latin_token(cs: &Chars, i: usize) -> bool {
    let Some(c) = cs.get(i) else { return false };
    if !c.is_ascii_digit() || i == 0 {
        return false;
    }
    let prev = cs.ch[i - 1];
    prev.is_ascii_alphabetic()
        || (prev == '-' || prev == '.') && i >= 2 && cs.ch[i - 2].is_ascii_alphabetic()
}

/// A quantity starting at character `i`, and the index after it.
fn zh_at(cs: &Chars, mask: &[bool], i: usize) -> Option<(Quantity, usize)> {
    let start = i;
    // 百分之三十 → 30%
    if cs.starts_with(i, "百分之") {
        let (mut q, end) = zh_number(cs, mask, i + 3)?;
        q.kind = NumKind::Percent;
        q.weak = false;
        return Some((finish_zh(cs, q, start, end), end));
    }
    // 第三 → ordinal 3
    if cs.get(i) == Some('第') {
        let (mut q, end) = zh_number(cs, mask, i + 1)?;
        q.kind = NumKind::Ordinal;
        return Some((finish_zh(cs, q, start, end), end));
    }
    // 上世纪八十年代
    let (century, i) = if cs.starts_with(i, "上世纪") {
        (Some(1900.0), i + 3)
    } else {
        (None, i)
    };
    let (mut q, mut end) = zh_number(cs, mask, i)?;
    // 三分之一 → 1/3
    if cs.starts_with(end, "分之") {
        // 之一 is an idiom elsewhere, but here it is the numerator.
        let unmasked = vec![false; cs.ch.len()];
        if let Some((num, e2)) = zh_number(cs, &unmasked, end + 2) {
            if q.lo > 0.0 {
                let den = q.lo;
                q.kind = NumKind::Fraction;
                q.lo = num.lo / den;
                q.hi = num.hi / den;
                q.mantissa = q.lo;
                q.scale = 0;
                q.weak = true;
                end = e2;
            }
        }
    } else if cs.starts_with(end, "年代") && q.lo == q.hi && q.scale == 0 {
        let y = q.lo;
        let base = if y >= 1000.0 {
            0.0
        } else if let Some(c) = century {
            c
        } else if y >= 30.0 {
            1900.0
        } else {
            2000.0
        };
        q.kind = NumKind::Decade;
        q.lo = base + y;
        q.hi = base + y + 9.0;
        q.mantissa = q.lo;
        q.weak = false;
        end += 2;
    } else if cs.starts_with(end, "世纪") && q.lo == q.hi && (1.0..=30.0).contains(&q.lo) {
        // 20世纪60年代 → the 1960s; 18世纪 → the 18th century.
        let decade = zh_number(cs, mask, end + 2)
            .filter(|(m, e)| cs.starts_with(*e, "年代") && m.lo == m.hi && m.lo < 100.0);
        if let Some((m, e)) = decade {
            let base = (q.lo - 1.0) * 100.0 + m.lo;
            q.kind = NumKind::Decade;
            q.lo = base;
            q.hi = base + 9.0;
            end = e + 2;
        } else {
            q.kind = NumKind::Ordinal;
            end += 2;
        }
        q.mantissa = q.lo;
        q.weak = false;
    } else if cs.get(end) == Some('年') && q.lo == q.hi && q.scale == 0 && q.digits == Some(4) {
        q.kind = NumKind::Year;
        q.weak = false;
        end += 1;
    } else if matches!(cs.get(end), Some('%')) {
        q.kind = NumKind::Percent;
        q.weak = false;
        end += 1;
    } else if cs.starts_with(end, "个百分点") {
        q.kind = NumKind::PercentPoint;
        q.weak = false;
        end += 4;
    } else if cs.get(end) == Some('成')
        && q.lo == q.hi
        && (1.0..=9.0).contains(&q.lo)
        && !cs
            .get(end + 1)
            .is_some_and(|c| "为功长立员本就果熟绩交年人千万".contains(c))
    {
        q.kind = NumKind::Percent;
        q.lo *= 10.0;
        q.hi *= 10.0;
        q.mantissa = q.lo;
        q.weak = false;
        end += 1;
    } else if cs.get(end) == Some('倍') {
        q.kind = NumKind::Factor;
        q.weak = true;
        end += 1;
    } else if cs.get(end) == Some('月') && q.lo == q.hi && (1.0..=12.0).contains(&q.lo) {
        q.kind = NumKind::Month;
        q.weak = false;
        end += 1;
    }
    Some((finish_zh(cs, q, start, end), end))
}

/// Adds the range and the hedges around a quantity (约, 近, 超过 before; 左右, 上下 after).
fn finish_zh(cs: &Chars, q: impl Into<Quantity>, start: usize, end: usize) -> Quantity {
    let mut q = q.into();
    let before: String = cs.ch[start.saturating_sub(3)..start].iter().collect();
    if [
        "约",
        "近",
        "超过",
        "多达",
        "将近",
        "大概",
        "左右",
        "差不多",
        "几乎",
    ]
    .iter()
    .any(|h| before.ends_with(h))
        || ["左右", "上下"]
            .iter()
            .any(|h| cs.starts_with(end, h) || cs.starts_with(end + 1, h))
    {
        q.approx = true;
    }
    q.range = cs.byte(start)..cs.byte(end);
    q
}

/// A number run parsed from Chinese numerals and/or Arabic digits, before its suffixes.
struct ZhNum {
    kind: NumKind,
    lo: f64,
    hi: f64,
    approx: bool,
    mantissa: f64,
    scale: i32,
    weak: bool,
    /// For a plain digit string (Arabic or 一九八〇), how many digits it has.
    digits: Option<usize>,
}

impl From<ZhNum> for Quantity {
    fn from(n: ZhNum) -> Quantity {
        Quantity {
            kind: n.kind,
            lo: n.lo,
            hi: n.hi,
            approx: n.approx,
            mantissa: n.mantissa,
            scale: n.scale,
            weak: n.weak,
            range: 0..0,
        }
    }
}

impl From<Quantity> for ZhNum {
    fn from(q: Quantity) -> ZhNum {
        ZhNum {
            kind: q.kind,
            lo: q.lo,
            hi: q.hi,
            approx: q.approx,
            mantissa: q.mantissa,
            scale: q.scale,
            weak: q.weak,
            digits: None,
        }
    }
}

/// Reads the run of numerals at `i`: tokens, then their value.
fn zh_number(cs: &Chars, mask: &[bool], i: usize) -> Option<(ZhNum, usize)> {
    let mut toks: Vec<Tok> = Vec::new();
    let mut k = i;
    let mut arabic_digits = None;
    let mut all_digits = true;
    while k < cs.ch.len() && !mask[k] {
        let c = cs.ch[k];
        if c.is_ascii_digit() {
            // An Arabic number: digits with , groups and a . decimal part.
            let mut s = String::new();
            let mut j = k;
            while let Some(c) = cs.get(j) {
                if c.is_ascii_digit() {
                    s.push(c);
                } else if c == ','
                    && (1..=3).all(|d| cs.get(j + d).is_some_and(|c| c.is_ascii_digit()))
                    && !cs.get(j + 4).is_some_and(|c| c.is_ascii_digit())
                {
                    // a thousands separator
                } else if c == '.' && cs.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
                    s.push('.');
                } else {
                    break;
                }
                j += 1;
            }
            let mut v: f64 = s.parse().ok()?;
            // 7:30, 10：00 → hours
            if cs.get(j) == Some(':')
                && (1..=2).all(|d| cs.get(j + d).is_some_and(|c| c.is_ascii_digit()))
                && !cs.get(j + 3).is_some_and(|c| c.is_ascii_digit())
            {
                let m: String = [cs.ch[j + 1], cs.ch[j + 2]].iter().collect();
                v += m.parse::<f64>().unwrap_or(0.0) / 60.0;
                j += 3;
            }
            if toks.is_empty() && !s.contains('.') {
                arabic_digits = Some(s.len());
            }
            toks.push(Tok::Digit(v, v, true));
            // 12 亿: a space before the scale word is still one number.
            if cs.get(j) == Some(' ') && cs.get(j + 1).is_some_and(|c| zh_big(c).is_some()) {
                j += 1;
            }
            k = j;
            continue;
        }
        if c == '两'
            && !toks.is_empty()
            && !cs
                .get(k + 1)
                .is_some_and(|n| AFTER_LIANG_NUMERAL.contains(n))
        {
            // 二十两 is twenty taels, 八九两 eight or nine taels; but 一两 and 三两 before a
            // classifier are a "one or two" / "two or three" pair (一两天 "a day or two",
            // 三两个, 三两句): taels take a noun (三两银子), not a classifier.
            let single = match toks.as_slice() {
                [Tok::Digit(d, _, false)] if *d == 1.0 || *d == 3.0 => Some(*d),
                _ => None,
            };
            let pair = single.filter(|_| PAIR_CLASSIFIERS.iter().any(|c| cs.starts_with(k + 1, c)));
            if let Some(d) = pair {
                toks[0] = Tok::Digit(d.min(2.0), d.max(2.0), false);
                all_digits = false;
            }
            // The measure word belongs to the quantity's text, not to the next number.
            k += 1;
            break;
        }
        if c == '千' && cs.get(k + 1).is_some_and(|n| KILO_UNITS.contains(n)) {
            // 500千米 is 500 km: kilo- belongs to the unit.
            break;
        }
        let tok = if let Some(d) = zh_digit(c) {
            Tok::Digit(d, d, false)
        } else if let Some(u) = zh_unit(c) {
            all_digits = false;
            Tok::Unit(u)
        } else if let Some(b) = zh_big(c) {
            all_digits = false;
            Tok::Big(b)
        } else if c == '几' {
            all_digits = false;
            Tok::Digit(1.0, 9.0, false)
        } else if c == '数' && cs.get(k + 1).is_some_and(|c| zh_unit(c).is_some()) {
            all_digits = false;
            Tok::Digit(2.0, 9.0, false)
        } else if c == '上'
            && toks.is_empty()
            && cs.get(k + 1).is_some_and(|c| "百千万亿".contains(c))
        {
            all_digits = false;
            Tok::Digit(1.0, 9.0, false)
        } else if "多余来".contains(c)
            && matches!(
                toks.last(),
                Some(Tok::Unit(_) | Tok::Big(_)) | Some(Tok::Digit(_, _, true))
            )
        {
            all_digits = false;
            Tok::More
        } else {
            break;
        };
        toks.push(tok);
        k += 1;
    }
    // 千余, 万多: "over a thousand", "ten thousand odd" — the scale word counts once.
    if matches!(toks.as_slice(), [Tok::Unit(_) | Tok::Big(_), Tok::More])
        && !(i > 0 && cs.get(i - 1).is_some_and(is_numeral))
    {
        toks.insert(0, Tok::Digit(1.0, 1.0, false));
    }
    // A lone scale character or a lone 多 is not a number.
    match toks.first() {
        None | Some(Tok::Big(_)) | Some(Tok::More) => return None,
        Some(Tok::Unit(u)) if *u > 10.0 => return None,
        _ => {}
    }
    let end = k;
    let n_digits = toks.len();
    // 一九八〇 → 1980; 三四 → 3–4.
    if all_digits && n_digits >= 2 && toks.iter().all(|t| matches!(t, Tok::Digit(_, _, false))) {
        let ds: Vec<f64> = toks
            .iter()
            .map(|t| match t {
                Tok::Digit(d, _, _) => *d,
                _ => 0.0,
            })
            .collect();
        if ds.len() == 2 && ds[1] == ds[0] + 1.0 {
            return Some((zh_num(ds[0], ds[1], true, 0, false, None), end));
        }
        // A bare string of Chinese digits is read out digit by digit: a year (一九八〇年) or
        // a long figure. Two or three of them (六六粉, 零零碎碎, 一米六零, 七零八落) are a
        // name, a word or a height, not a count a reader would check.
        if ds.len() < 4 && cs.get(end) != Some('年') {
            return None;
        }
        let v = ds.iter().fold(0.0, |acc, d| acc * 10.0 + d);
        return Some((zh_num(v, v, false, 0, false, Some(ds.len())), end));
    }
    // Two neighbouring digits side by side are an estimate (十七八 17–18, 二三十 20–30).
    let mut merged: Vec<Tok> = Vec::with_capacity(toks.len());
    for t in toks {
        if let (Some(Tok::Digit(a, a2, false)), Tok::Digit(b, _, false)) =
            (merged.last().copied(), t)
        {
            if a == a2 && (a - b).abs() == 1.0 {
                merged.pop();
                merged.push(Tok::Digit(a.min(b), a.max(b), false));
                continue;
            }
        }
        merged.push(t);
    }
    let toks = merged;
    let lo = eval(&toks, false);
    let hi = eval(&toks, true).max(lo);
    let approx = lo != hi;
    let scale = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Big(b) => Some(*b),
            _ => None,
        })
        .sum::<i32>();
    let weak = toks.iter().all(|t| matches!(t, Tok::Digit(_, _, false))) && hi <= 10.0
        || toks == [Tok::Unit(10.0)];
    let mut n = zh_num(
        lo,
        hi,
        approx,
        scale,
        weak,
        arabic_digits.filter(|_| toks.len() == 1),
    );
    if scale > 0 {
        n.mantissa = lo / 10f64.powi(scale);
    }
    Some((n, end))
}

fn zh_num(lo: f64, hi: f64, approx: bool, scale: i32, weak: bool, digits: Option<usize>) -> ZhNum {
    ZhNum {
        kind: NumKind::Cardinal,
        lo,
        hi,
        approx,
        mantissa: lo,
        scale,
        weak,
        digits,
    }
}

/// The value of a token run; `high` picks the top of each 几/多 interval.
fn eval(toks: &[Tok], high: bool) -> f64 {
    let mut total = 0.0; // everything above the current 万/亿 group
    let mut section = 0.0; // the current group, below 万
    let mut digit: Option<f64> = None;
    let mut last_unit: Option<f64> = None; // the unit just before a trailing digit (两千三)
    let mut after_zero = false;
    let mut max_big = 0;
    for (n, tok) in toks.iter().enumerate() {
        match *tok {
            Tok::Digit(lo, hi, _) => {
                let mut d = if high { hi } else { lo };
                // 几 before a unit means 2–9 (几十 = 20–90).
                if lo == 1.0 && hi == 9.0 && !high && matches!(toks.get(n + 1), Some(Tok::Unit(_)))
                {
                    d = 2.0;
                }
                if lo == 0.0 && hi == 0.0 {
                    after_zero = true;
                }
                digit = Some(d);
            }
            Tok::Unit(u) => {
                section += digit.take().unwrap_or(1.0) * u;
                last_unit = Some(u);
                after_zero = false;
            }
            Tok::Big(b) => {
                let group = section + digit.take().unwrap_or(0.0);
                let group = if group == 0.0 && total == 0.0 {
                    1.0
                } else {
                    group
                };
                let scale = 10f64.powi(b);
                last_unit = Some(scale);
                if b > max_big {
                    total = (total + group) * scale;
                    max_big = b;
                } else {
                    total += group * scale;
                }
                section = 0.0;
            }
            Tok::More => {
                // 十多 → 10 to 20; 三百多 → 300 to 400; 100多 → 100 to 200.
                if high {
                    let unit = last_unit.unwrap_or_else(|| {
                        let v = digit.unwrap_or(0.0);
                        10f64.powi(v.max(1.0).log10().floor() as i32)
                    });
                    section += digit.take().unwrap_or(0.0) + unit - 1.0;
                } else {
                    section += digit.take().unwrap_or(0.0) + 1.0;
                }
            }
        }
    }
    if let Some(d) = digit {
        // 两千三 = 2300: a digit right after a unit counts in the next unit down; 几十 = 20–99.
        match last_unit {
            Some(u) if !after_zero && u >= 100.0 && d != 0.0 => section += d * u / 10.0,
            _ => section += d,
        }
    } else if high && matches!(toks.last(), Some(Tok::Unit(_))) {
        if let Some(Tok::Digit(lo, hi, _)) = toks.get(toks.len().saturating_sub(2)) {
            if lo != hi {
                section += last_unit.unwrap_or(1.0) - 1.0;
            }
        }
    }
    total + section
}

// ---------------------------------------------------------------------------------------
// English

fn en_small(w: &str) -> Option<f64> {
    const WORDS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    WORDS.iter().position(|x| *x == w).map(|p| p as f64)
}

fn en_tens(w: &str) -> Option<f64> {
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    TENS.iter()
        .position(|x| *x == w)
        .map(|p| (p as f64 + 2.0) * 10.0)
}

fn en_scale(w: &str) -> Option<i32> {
    Some(match w {
        "thousand" => 3,
        "million" | "mn" => 6,
        "billion" | "bn" => 9,
        "trillion" | "tn" => 12,
        _ => return None,
    })
}

fn en_ordinal(w: &str) -> Option<f64> {
    const ORD: [&str; 20] = [
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    if let Some(p) = ORD.iter().position(|x| *x == w) {
        return Some(p as f64);
    }
    const TENS: [&str; 8] = [
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ];
    if let Some(p) = TENS.iter().position(|x| *x == w) {
        return Some((p as f64 + 2.0) * 10.0);
    }
    for suf in ["st", "nd", "rd", "th"] {
        if let Some(d) = w.strip_suffix(suf) {
            if !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) {
                return d.parse().ok();
            }
        }
    }
    None
}

fn en_decade_word(w: &str) -> Option<f64> {
    const D: [&str; 8] = [
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
    ];
    D.iter()
        .position(|x| *x == w)
        .map(|p| (p as f64 + 2.0) * 10.0)
}

/// The English month names, lower case.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A word of English text: its lowercase form, the original, and its byte range.
struct Word {
    lower: String,
    orig: String,
    range: Range<usize>,
}

fn en_words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '$' || c == '%';
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .map(|(i, c)| (i, fold_char(c)))
        .collect();
    while i < chars.len() {
        // .5mg: a decimal without its leading zero starts a word.
        let bare_decimal = chars[i].1 == '.'
            && chars.get(i + 1).is_some_and(|x| x.1.is_ascii_digit())
            && !(i > 0 && chars[i - 1].1.is_ascii_alphanumeric());
        if !is_word(chars[i].1) && !bare_decimal {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = if bare_decimal { i + 1 } else { i };
        while j < chars.len() {
            let c = chars[j].1;
            let next_digit = chars.get(j + 1).is_some_and(|x| x.1.is_ascii_digit());
            let prev_digit = j > 0 && chars[j - 1].1.is_ascii_digit();
            let number_inner = (c == ',' || c == '.' || c == ':') && prev_digit && next_digit;
            let word_inner = (c == '\'' || c == '’' || c == '-')
                && j > start
                && chars
                    .get(j + 1)
                    .is_some_and(|x| x.1.is_ascii_alphanumeric());
            if !(is_word(c) || number_inner || word_inner) {
                break;
            }
            j += 1;
        }
        let s = chars[start].0;
        let e = chars.get(j).map(|x| x.0).unwrap_or(bytes.len());
        let orig: String = chars[start..j].iter().map(|x| x.1).collect();
        words.push(Word {
            lower: orig.to_lowercase(),
            orig,
            range: s..e,
        });
        i = j;
    }
    words
}

/// Finds the quantities in English text.
pub fn extract_en(text: &str) -> Vec<Quantity> {
    join_en(text, extract_en_words(text))
}

/// Joins what a reader reads as one quantity: thousands grouped by a (thin) space
/// ("100 000" is 100000) and an estimate ("eighteen or nineteen", "5 to 6" is 18–19, 5–6).
fn join_en(text: &str, qs: Vec<Quantity>) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::with_capacity(qs.len());
    for q in qs {
        if let Some(p) = out.last_mut() {
            let gap = &text[p.range.end.min(q.range.start)..q.range.start];
            let ptext = &text[p.range.clone()];
            let qtext = &text[q.range.clone()];
            let group = matches!(gap, " " | "\u{2009}" | "\u{202f}" | "\u{a0}")
                && qtext.len() == 3
                && qtext.bytes().all(|b| b.is_ascii_digit())
                && !ptext.is_empty()
                && ptext
                    .split([' ', '\u{2009}', '\u{202f}', '\u{a0}'])
                    .all(|g| {
                        !g.is_empty() && g.len() <= 3 && g.bytes().all(|b| b.is_ascii_digit())
                    })
                && p.kind == NumKind::Cardinal;
            if group {
                let v = p.lo * 1000.0 + q.lo;
                p.lo = v;
                p.hi = v;
                p.mantissa = v;
                p.weak = false;
                p.range.end = q.range.end;
                continue;
            }
            let estimate = matches!(gap.trim(), "or" | "to" | "-" | "–")
                && p.kind == q.kind
                && p.lo == p.hi
                && q.lo == q.hi
                && q.lo > p.lo
                && q.lo <= p.lo * 2.0
                && p.scale == q.scale;
            if estimate {
                p.hi = q.hi;
                p.approx = true;
                p.weak = p.weak && q.weak;
                p.range.end = q.range.end;
                continue;
            }
        }
        out.push(q);
    }
    out
}

fn extract_en_words(text: &str) -> Vec<Quantity> {
    let words = en_words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match en_at(text, &words, i) {
            Some((mut q, next)) => {
                let before: Vec<&str> = words[i.saturating_sub(2)..i]
                    .iter()
                    .map(|w| w.lower.as_str())
                    .collect();
                let hedge = [
                    "about",
                    "around",
                    "roughly",
                    "nearly",
                    "almost",
                    "approximately",
                    "over",
                    "than",
                    "some",
                    "to",
                    "under",
                ];
                if before.last().is_some_and(|w| hedge.contains(w))
                    || words.get(next).is_some_and(|w| w.lower == "or")
                        && words.get(next + 1).is_some_and(|w| w.lower == "so")
                {
                    q.approx = true;
                }
                out.push(q);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

fn en_at(text: &str, words: &[Word], i: usize) -> Option<(Quantity, usize)> {
    let w = &words[i];
    let lw = w.lower.as_str();
    let q = |kind, lo: f64, hi: f64, weak, end: usize| Quantity {
        kind,
        lo,
        hi,
        approx: lo != hi,
        mantissa: lo,
        scale: 0,
        weak,
        range: w.range.start..words[end - 1].range.end,
    };
    // the eighties, the '80s, 1980s
    if let Some(d) = en_decade_word(lw) {
        let before: Vec<&str> = words[i.saturating_sub(2)..i]
            .iter()
            .map(|w| w.lower.as_str())
            .collect();
        let the = before.last() == Some(&"the")
            || before.len() == 2
                && before[0] == "the"
                && matches!(before[1], "early" | "mid" | "late")
            || text[..w.range.start].ends_with("the ");
        if the {
            let base = if d >= 30.0 { 1900.0 } else { 2000.0 };
            return Some((
                q(NumKind::Decade, base + d, base + d + 9.0, false, i + 1),
                i + 1,
            ));
        }
    }
    if let Some(d) = lw.strip_suffix('s').filter(|d| {
        (d.len() == 2 || d.len() == 4) && d.bytes().all(|b| b.is_ascii_digit()) && d.ends_with('0')
    }) {
        let v: f64 = d.parse().ok()?;
        let base = if v >= 1000.0 {
            0.0
        } else if v >= 30.0 {
            1900.0
        } else {
            2000.0
        };
        let mut r = q(NumKind::Decade, base + v, base + v + 9.0, false, i + 1);
        if text[..w.range.start].ends_with('\'') || text[..w.range.start].ends_with('’') {
            r.range.start -= text[..w.range.start]
                .chars()
                .last()
                .map_or(0, char::len_utf8);
        }
        return Some((r, i + 1));
    }
    // twenty-first: a tens word and an ordinal are one ordinal.
    if let Some((a, b)) = lw.split_once('-') {
        if let (Some(t), Some(o)) = (
            en_tens(a),
            en_ordinal(b).filter(|o| (1.0..10.0).contains(o)),
        ) {
            return Some((q(NumKind::Ordinal, t + o, t + o, false, i + 1), i + 1));
        }
    }
    // twenty first, as captions write twenty-first (no hyphen): one ordinal, when only
    // spaces part the two words.
    if let (Some(t), Some(next)) = (en_tens(lw), words.get(i + 1)) {
        if let Some(o) = en_ordinal(&next.lower).filter(|o| (1.0..10.0).contains(o)) {
            if text[w.range.end..next.range.start].trim().is_empty() {
                return Some((q(NumKind::Ordinal, t + o, t + o, false, i + 2), i + 2));
            }
        }
    }
    // eighteenth-century, five-year: the number is the head of the compound.
    if let Some((head, _)) = lw.split_once('-').filter(|_| hyphen_value(lw).is_none()) {
        let value = en_ordinal(head)
            .map(|v| (NumKind::Ordinal, v))
            .or_else(|| {
                en_small(head)
                    .or_else(|| en_tens(head))
                    .map(|v| (NumKind::Cardinal, v))
            })
            .or_else(|| head.parse::<f64>().ok().map(|v| (NumKind::Cardinal, v)));
        return value.map(|(kind, v)| {
            let weak = v <= 10.0 && !head.starts_with(|c: char| c.is_ascii_digit());
            (q(kind, v, v, weak, i + 1), i + 1)
        });
    }
    if lw == "teens" || lw == "teenager" || lw == "teenage" {
        return Some((q(NumKind::Cardinal, 13.0, 19.0, false, i + 1), i + 1));
    }
    if let Some(m) = MONTHS.iter().position(|m| *m == lw) {
        let capital = w.orig.starts_with(|c: char| c.is_ascii_uppercase());
        let dated = words
            .get(i + 1)
            .is_some_and(|n| n.lower.bytes().all(|b| b.is_ascii_digit()));
        if capital && (lw != "may" && lw != "march" || dated) {
            return Some((
                q(NumKind::Month, m as f64 + 1.0, m as f64 + 1.0, false, i + 1),
                i + 1,
            ));
        }
    }
    if let Some(o) = en_ordinal(lw) {
        let weak = o <= 10.0 && !lw.starts_with(|c: char| c.is_ascii_digit());
        // second as a unit of time is not an ordinal
        if lw == "second"
            && words
                .get(i.wrapping_sub(1))
                .is_some_and(|p| en_small(&p.lower).is_some() || p.lower == "a")
        {
            return None;
        }
        return Some((q(NumKind::Ordinal, o, o, weak, i + 1), i + 1));
    }
    if lw == "dozens"
        || lw == "hundreds"
        || lw == "thousands"
        || lw == "millions"
        || lw == "billions"
    {
        let (lo, hi) = match lw {
            "dozens" => (24.0, 99.0),
            "hundreds" => (200.0, 999.0),
            "thousands" => (2e3, 9999.0),
            "millions" => (2e6, 999e6),
            _ => (2e9, 999e9),
        };
        // tens of thousands
        if lw == "thousands" && i >= 2 && words[i - 1].lower == "of" && words[i - 2].lower == "tens"
        {
            let mut r = q(NumKind::Cardinal, 2e4, 99_999.0, false, i + 1);
            r.range.start = words[i - 2].range.start;
            r.approx = true;
            return Some((r, i + 1));
        }
        return Some((q(NumKind::Cardinal, lo, hi, false, i + 1), i + 1));
    }
    if lw == "twice" {
        return Some((q(NumKind::Factor, 2.0, 2.0, true, i + 1), i + 1));
    }
    if lw == "couple" && i > 0 && words[i - 1].lower == "a" {
        let mut r = q(NumKind::Cardinal, 2.0, 3.0, true, i + 1);
        r.range.start = words[i - 1].range.start;
        return Some((r, i + 1));
    }
    en_cardinal(text, words, i)
}

/// Digits or number words, with scale words, percent and the like after them.
fn en_cardinal(text: &str, words: &[Word], i: usize) -> Option<(Quantity, usize)> {
    let mut k = i;
    let mut value;
    let mut spelled = false;
    let first = words[k].lower.trim_start_matches('$');
    let mut had_digits = false;
    let digits_len;
    let zero_led;
    let first = if first.starts_with('.') {
        zero_led = format!("0{first}");
        zero_led.as_str()
    } else {
        first
    };
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        // 1,200 / 3.5 / 12bn / 30% / 3x
        let num: String = first
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .collect();
        let rest = &first[num.len()..];
        value = num.replace(',', "").parse::<f64>().ok()?;
        digits_len = if num.contains(['.', ',']) {
            0
        } else {
            num.len()
        };
        had_digits = true;
        k += 1;
        match rest {
            "" => {}
            r if r.starts_with('-') => {}
            "%" => {
                return Some((
                    en_q(words, i, k, NumKind::Percent, value, value, 0, false),
                    k,
                ))
            }
            "x" => {
                return Some((
                    en_q(words, i, k, NumKind::Factor, value, value, 0, false),
                    k,
                ))
            }
            r if r.starts_with(':') => {
                let m: f64 = r[1..].parse().ok()?;
                let v = value + m / 60.0;
                return Some((en_q(words, i, k, NumKind::Cardinal, v, v, 0, false), k));
            }
            r if en_scale(r).is_none() => {
                // 100cm, 5G, 20J: a number with a unit glued on.
                let mut q = en_q(words, i, k, NumKind::Cardinal, value, value, 0, false);
                let word = &text[words[i].range.clone()];
                let digits = word
                    .char_indices()
                    .find(|(_, c)| fold_char(*c).is_ascii_alphabetic())
                    .map(|(o, _)| o);
                q.range.end = q.range.start + digits.unwrap_or(word.len());
                return Some((q, k));
            }
            r => {
                let s = en_scale(r)?;
                return Some((
                    en_q(
                        words,
                        i,
                        k,
                        NumKind::Cardinal,
                        value * 10f64.powi(s),
                        value * 10f64.powi(s),
                        s,
                        false,
                    ),
                    k,
                ));
            }
        }
    } else {
        digits_len = 0;
        // "a hundred", "a dozen", "an eighty-year-old" does not count
        let mut j = k;
        if (first == "a" || first == "an")
            && words.get(k + 1).is_some_and(|w| {
                matches!(
                    w.lower.as_str(),
                    "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen"
                )
            })
        {
            j += 1;
        }
        let w = &words[j].lower;
        if en_small(w).is_none()
            && en_tens(w).is_none()
            && !matches!(
                w.as_str(),
                "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen"
            )
            && !hyphen_number(w)
        {
            return None;
        }
        if j > k
            && !matches!(
                w.as_str(),
                "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen"
            )
        {
            return None;
        }
        if j == k
            && matches!(
                w.as_str(),
                "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen"
            )
        {
            return None;
        }
        k = j;
        spelled = true;
        value = 0.0;
    }
    // Word numbers (and a digit followed by scale words): accumulate.
    let mut total = 0.0;
    let mut current = if had_digits { value } else { 0.0 };
    let mut scale = 0;
    let mut any = had_digits;
    let mut only_small = !had_digits;
    let mut last_end = k;
    while k < words.len() {
        let w = words[k].lower.as_str();
        // "and" inside a number: a hundred and five
        if w == "and"
            && any
            && words.get(k + 1).is_some_and(|n| {
                en_small(&n.lower).is_some()
                    || en_tens(&n.lower).is_some()
                    || hyphen_number(&n.lower)
            })
            && text[words[k - 1].range.end..words[k].range.start]
                .trim()
                .is_empty()
        {
            k += 1;
            continue;
        }
        if let Some(v) = en_small(w)
            .or_else(|| en_tens(w))
            .or_else(|| hyphen_value(w))
        {
            let last = current % 100.0;
            let fits =
                current == 0.0 || last == 0.0 || (last >= 20.0 && last % 10.0 == 0.0 && v < 10.0);
            if had_digits || !fits {
                break;
            }
            current += v;
        } else if w == "hundred" {
            current = if current == 0.0 { 1.0 } else { current } * 100.0;
            only_small = false;
        } else if w == "dozen" {
            current = if current == 0.0 { 1.0 } else { current } * 12.0;
            only_small = false;
        } else if let Some(s) = en_scale(w).filter(|_| w.len() > 2) {
            let c = if current == 0.0 { 1.0 } else { current };
            total += c * 10f64.powi(s);
            current = 0.0;
            scale = scale.max(s);
            only_small = false;
        } else {
            break;
        }
        any = true;
        k += 1;
        last_end = k;
    }
    if !any {
        return None;
    }
    value = total + current;
    let k = last_end;
    let mut kind = NumKind::Cardinal;
    let mut end = k;
    let next = words.get(k).map(|w| w.lower.as_str());
    if next == Some("percent") || next == Some("%") {
        kind = NumKind::Percent;
        end += 1;
    } else if next == Some("per") && words.get(k + 1).is_some_and(|w| w.lower == "cent") {
        kind = NumKind::Percent;
        end += 2;
    } else if next == Some("percentage")
        && words
            .get(k + 1)
            .is_some_and(|w| w.lower.starts_with("point"))
    {
        kind = NumKind::PercentPoint;
        end += 2;
    } else if next == Some("times") && scale == 0 {
        kind = NumKind::Factor;
        end += 1;
    } else if text[words[k - 1].range.end..].starts_with('%') {
        kind = NumKind::Percent;
    }
    let weak = spelled && only_small && value <= 10.0 && kind == NumKind::Cardinal
        || kind == NumKind::Factor;
    let mut q = en_q(words, i, end, kind, value, value, scale, weak);
    if kind == NumKind::Cardinal && digits_len == 4 && (1000.0..=2999.0).contains(&value) {
        q.kind = NumKind::Year;
    }
    if text[q.range.end..].starts_with('%') {
        q.range.end += 1;
        q.kind = NumKind::Percent;
    }
    Some((q, end))
}

#[allow(clippy::too_many_arguments)]
fn en_q(
    words: &[Word],
    i: usize,
    end: usize,
    kind: NumKind,
    lo: f64,
    hi: f64,
    scale: i32,
    weak: bool,
) -> Quantity {
    Quantity {
        kind,
        lo,
        hi,
        approx: lo != hi,
        mantissa: if scale > 0 {
            lo / 10f64.powi(scale)
        } else {
            lo
        },
        scale,
        weak,
        range: words[i].range.start..words[end - 1].range.end,
    }
}

fn hyphen_number(w: &str) -> bool {
    hyphen_value(w).is_some()
}

/// forty-one → 41 (the tokenizer keeps only alphanumerics, so the hyphen split happens here).
fn hyphen_value(w: &str) -> Option<f64> {
    let (a, b) = w.split_once('-')?;
    Some(en_tens(a)? + en_small(b).filter(|v| *v < 10.0 && *v > 0.0)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(text: &str) -> Vec<(f64, f64, NumKind)> {
        extract_zh(text)
            .iter()
            .map(|q| (q.lo, q.hi, q.kind))
            .collect()
    }

    fn en(text: &str) -> Vec<(f64, f64, NumKind)> {
        extract_en(text)
            .iter()
            .map(|q| (q.lo, q.hi, q.kind))
            .collect()
    }

    use NumKind::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(zh("二十个人"), [(20.0, 20.0, Cardinal)]);
        assert_eq!(zh("两千三"), [(2300.0, 2300.0, Cardinal)]);
        assert_eq!(zh("一百零五"), [(105.0, 105.0, Cardinal)]);
        assert_eq!(zh("三百五十万"), [(3_500_000.0, 3_500_000.0, Cardinal)]);
        assert_eq!(zh("四十二"), [(42.0, 42.0, Cardinal)]);
        assert_eq!(zh("十五年"), [(15.0, 15.0, Cardinal)]);
        assert_eq!(zh("一万两千"), [(12_000.0, 12_000.0, Cardinal)]);
        assert_eq!(zh("三万五"), [(35_000.0, 35_000.0, Cardinal)]);
    }

    #[test]
    fn scales_keep_mantissa() {
        let q = &extract_zh("融了12亿美元")[0];
        assert_eq!((q.lo, q.mantissa, q.scale), (1_200_000_000.0, 12.0, 8));
        assert_eq!(zh("120亿"), [(12e9, 12e9, Cardinal)]);
        assert_eq!(zh("3.5万"), [(35_000.0, 35_000.0, Cardinal)]);
        assert_eq!(zh("1.2万亿"), [(1.2e12, 1.2e12, Cardinal)]);
        let e = &extract_en("twelve billion dollars")[0];
        assert_eq!((e.lo, e.mantissa, e.scale), (12e9, 12.0, 9));
        // 12亿 is 1.2 billion, not 12 billion
        let twelve_yi = &extract_zh("12亿")[0];
        assert!(!twelve_yi.matches(e));
        assert!(twelve_yi.matches(&extract_en("1.2 billion")[0]));
        assert!(extract_zh("120亿")[0].matches(e));
    }

    #[test]
    fn idioms_are_not_numbers() {
        for text in [
            "这十分重要",
            "万一失败了",
            "一些人",
            "一直在做",
            "一样的",
            "一起工作",
            "统一市场",
            "唯一的办法",
            "一旦开始",
            "有一点难",
            "万物互联",
            "几乎没有",
        ] {
            assert!(
                extract_zh(text).is_empty(),
                "{text}: {:?}",
                extract_zh(text)
            );
        }
        assert_eq!(zh("十分钟"), [(10.0, 10.0, Cardinal)]);
        assert_eq!(zh("五十分"), [(50.0, 50.0, Cardinal)]);
    }

    #[test]
    fn vague_numbers_are_ranges() {
        assert_eq!(zh("十几岁"), [(11.0, 19.0, Cardinal)]);
        let q = &zh("几十个")[0];
        assert!(q.0 == 20.0 && q.1 >= 90.0, "{q:?}");
        let q = &zh("十多年")[0];
        assert!(q.0 > 10.0 && q.1 < 20.0, "{q:?}");
        let q = &zh("一百多人")[0];
        assert!(q.0 > 100.0 && q.1 < 200.0, "{q:?}");
        let q = &zh("三百多万")[0];
        assert!(q.0 > 3e6 && q.1 < 4e6, "{q:?}");
        assert!(extract_zh("十几岁")[0].approx);
        assert!(extract_zh("十几岁")[0].matches(&extract_en("in my teens")[0]));
    }

    #[test]
    fn percents() {
        assert_eq!(zh("百分之十"), [(10.0, 10.0, Percent)]);
        assert_eq!(zh("百分之三十五"), [(35.0, 35.0, Percent)]);
        assert_eq!(zh("增长了３０％"), [(30.0, 30.0, Percent)]);
        assert_eq!(zh("三成"), [(30.0, 30.0, Percent)]);
        assert_eq!(zh("两个百分点"), [(2.0, 2.0, PercentPoint)]);
        assert_eq!(en("thirty percent"), [(30.0, 30.0, Percent)]);
        assert_eq!(en("30% of them"), [(30.0, 30.0, Percent)]);
        assert_eq!(en("ten per cent"), [(10.0, 10.0, Percent)]);
    }

    #[test]
    fn years_and_decades() {
        assert_eq!(zh("2019年"), [(2019.0, 2019.0, Year)]);
        assert_eq!(zh("一九八〇年"), [(1980.0, 1980.0, Year)]);
        assert_eq!(zh("八十年代"), [(1980.0, 1989.0, Decade)]);
        assert_eq!(zh("上世纪八十年代"), [(1980.0, 1989.0, Decade)]);
        assert_eq!(zh("80年代"), [(1980.0, 1989.0, Decade)]);
        assert_eq!(en("in the 1980s"), [(1980.0, 1989.0, Decade)]);
        assert_eq!(en("the eighties"), [(1980.0, 1989.0, Decade)]);
        assert_eq!(en("the '80s"), [(1980.0, 1989.0, Decade)]);
        assert_eq!(en("in 2019,"), [(2019.0, 2019.0, Year)]);
        assert!(extract_zh("八十年代")[0].matches(&extract_en("the 1980s")[0]));
        assert!(!extract_zh("九十年代")[0].matches(&extract_en("the 1980s")[0]));
        assert_eq!(zh("三年"), [(3.0, 3.0, Cardinal)]);
    }

    #[test]
    fn english_number_words() {
        assert_eq!(en("twelve billion"), [(12e9, 12e9, Cardinal)]);
        assert_eq!(en("a dozen eggs"), [(12.0, 12.0, Cardinal)]);
        assert_eq!(en("a hundred and five"), [(105.0, 105.0, Cardinal)]);
        assert_eq!(en("forty-one people"), [(41.0, 41.0, Cardinal)]);
        assert_eq!(
            en("two thousand three hundred"),
            [(2300.0, 2300.0, Cardinal)]
        );
        assert_eq!(en("1,200 users"), [(1200.0, 1200.0, Cardinal)]);
        assert_eq!(en("$12 billion"), [(12e9, 12e9, Cardinal)]);
        assert_eq!(en("3.5 million"), [(3.5e6, 3.5e6, Cardinal)]);
        assert_eq!(en("millions of people")[0].2, Cardinal);
        assert!(en("millions of people")[0].0 >= 2e6);
        assert_eq!(en("the third time"), [(3.0, 3.0, Ordinal)]);
        assert_eq!(en("the 21st century"), [(21.0, 21.0, Ordinal)]);
        assert!(en("someone, anyone, no one? a lot")
            .iter()
            .all(|q| q.0 == 1.0));
    }

    #[test]
    fn ordinals_and_fractions() {
        assert_eq!(zh("第三次"), [(3.0, 3.0, Ordinal)]);
        let q = &zh("三分之一")[0];
        assert_eq!(q.2, Fraction);
        assert!((q.0 - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn small_word_numbers_are_weak() {
        assert!(extract_zh("一个人")[0].weak);
        assert!(extract_en("one of them")[0].weak);
        assert!(!extract_zh("四十二")[0].weak);
        assert!(!extract_en("3 people")[0].weak);
    }

    #[test]
    fn ranges_are_byte_offsets() {
        let text = "我们在2019年融了１２０亿美元";
        let qs = extract_zh(text);
        assert_eq!(&text[qs[0].range.clone()], "2019年");
        assert_eq!(&text[qs[1].range.clone()], "１２０亿");
        let text = "We raised twelve billion dollars in 2019.";
        let qs = extract_en(text);
        assert_eq!(&text[qs[0].range.clone()], "twelve billion");
        assert_eq!(&text[qs[1].range.clone()], "2019");
    }

    #[test]
    fn hedges_make_numbers_approximate() {
        assert!(extract_zh("大约100人")[0].approx);
        assert!(extract_zh("100人左右")[0].approx);
        assert!(extract_en("about 100 people")[0].approx);
        assert!(extract_en("about 100 people")[0].matches(&extract_zh("九十人")[0]));
        assert!(!extract_en("100 people")[0].matches(&extract_zh("九十人")[0]));
    }

    proptest::proptest! {
        #![proptest_config(crate::text::fuzz_config::fixed(256, 7))]
        /// Every quantity's range is a valid, non-empty slice of the text, and ranges do not
        /// overlap; lo never exceeds hi.
        #[test]
        fn ranges_are_valid_slices(text in "[一二两三四五六七八九十百千万亿零〇几多余来第年代月成倍分之百上数约左右%％0-9０-９.,a-z ]{0,30}") {
            for qs in [extract_zh(&text), extract_en(&text)] {
                let mut end = 0;
                for q in qs {
                    proptest::prop_assert!(text.get(q.range.clone()).is_some_and(|s| !s.is_empty()), "{:?}", q);
                    proptest::prop_assert!(q.range.start >= end, "{:?}", q);
                    proptest::prop_assert!(q.lo <= q.hi || q.lo.is_nan(), "{:?}", q);
                    end = q.range.end;
                }
            }
        }
    }

    #[test]
    fn centuries_times_and_units() {
        assert_eq!(zh("20世纪60年代"), [(1960.0, 1969.0, Decade)]);
        assert_eq!(zh("18世纪"), [(18.0, 18.0, Ordinal)]);
        assert_eq!(en("eighteenth-century writing"), [(18.0, 18.0, Ordinal)]);
        assert_eq!(en("in the early seventies"), [(1970.0, 1979.0, Decade)]);
        assert_eq!(zh("早上7：30"), [(7.5, 7.5, Cardinal)]);
        assert_eq!(en("at 7:30 a.m."), [(7.5, 7.5, Cardinal)]);
        assert_eq!(zh("面积为100cm2"), [(100.0, 100.0, Cardinal)]);
        let t = "an area of 100cm2";
        let q = &extract_en(t)[0];
        assert_eq!((q.lo, &t[q.range.clone()]), (100.0, "100"));
    }

    #[test]
    fn digits_in_names_are_not_numbers() {
        assert!(extract_zh("GPT-4 和 F1 赛车，Web3").is_empty());
        // A unit glued on after the number keeps the number, on both sides.
        assert_eq!(zh("5G 网络"), [(5.0, 5.0, Cardinal)]);
        assert_eq!(en("5G networks"), [(5.0, 5.0, Cardinal)]);
        assert_eq!(zh("Microsoft 365"), [(365.0, 365.0, Cardinal)]);
        assert_eq!(zh("12 亿参数"), [(1.2e9, 1.2e9, Cardinal)]);
        assert!(extract_en("GPT-4 and F1 cars").is_empty());
    }

    #[test]
    fn digit_by_digit_and_adjacent_digits() {
        assert_eq!(zh("二〇二〇"), [(2020.0, 2020.0, Cardinal)]);
        assert_eq!(zh("三四个"), [(3.0, 4.0, Cardinal)]);
    }
}

#[cfg(test)]
mod native_reading {
    //! The misreadings a native reader would not make (issue 14's noise examples).
    use super::*;

    fn zh(text: &str) -> Vec<(String, f64, f64)> {
        extract_zh(text)
            .into_iter()
            .map(|q| (text[q.range.clone()].to_string(), q.lo, q.hi))
            .collect()
    }

    fn en(text: &str) -> Vec<(String, f64, f64)> {
        extract_en(text)
            .into_iter()
            .map(|q| (text[q.range.clone()].to_string(), q.lo, q.hi))
            .collect()
    }

    #[test]
    fn a_measure_word_after_a_number_is_not_a_digit() {
        assert_eq!(zh("二十两银子"), [("二十两".to_string(), 20.0, 20.0)]);
        assert_eq!(zh("三两银子"), [("三两".to_string(), 3.0, 3.0)]);
        assert_eq!(zh("八九两剩下"), [("八九两".to_string(), 8.0, 9.0)]);
        assert_eq!(zh("三两个妇人"), [("三两".to_string(), 2.0, 3.0)]);
        // 一两 / 三两 before a classifier is a pair, before a noun or alone a weight.
        assert_eq!(zh("过一两天就来"), [("一两".to_string(), 1.0, 2.0)]);
        assert_eq!(zh("说了三两句话"), [("三两".to_string(), 2.0, 3.0)]);
        assert_eq!(zh("住了一两个星期"), [("一两".to_string(), 1.0, 2.0)]);
        assert_eq!(zh("一两银子"), [("一两".to_string(), 1.0, 1.0)]);
        assert_eq!(zh("约有三两上下"), [("三两".to_string(), 3.0, 3.0)]);
        assert_eq!(zh("二两酒"), [("二两".to_string(), 2.0, 2.0)]);
        // 两 before a unit stays a numeral
        assert_eq!(zh("一千两百人"), [("一千两百".to_string(), 1200.0, 1200.0)]);
    }

    #[test]
    fn idioms_and_digit_words_are_not_numbers() {
        for t in [
            "零零碎碎的东西",
            "六六粉",
            "说一千道一万",
            "行百里者半九十",
            "走了十万八千里",
            "七零八落的声响",
            "一万个不服",
        ] {
            assert!(zh(t).is_empty(), "{t}: {:?}", zh(t));
        }
        // a year read digit by digit still is one
        assert_eq!(
            zh("一九八〇年"),
            [("一九八〇年".to_string(), 1980.0, 1980.0)]
        );
    }

    #[test]
    fn kilo_units_are_not_scales() {
        assert_eq!(zh("约500千米"), [("500".to_string(), 500.0, 500.0)]);
        assert!(zh("千比特").is_empty());
    }

    #[test]
    fn a_scale_word_with_more_is_a_number() {
        assert_eq!(zh("千余个小时"), [("千余".to_string(), 1001.0, 1999.0)]);
        assert_eq!(zh("万余人").len(), 1);
        assert!(zh("千万别").is_empty());
    }

    #[test]
    fn neighbouring_digits_are_an_estimate() {
        assert_eq!(zh("十七八岁"), [("十七八".to_string(), 17.0, 18.0)]);
        assert_eq!(zh("二三十个"), [("二三十".to_string(), 20.0, 39.0)]);
        assert_eq!(
            en("eighteen or nineteen"),
            [("eighteen or nineteen".to_string(), 18.0, 19.0)]
        );
    }

    #[test]
    fn english_ordinals_decimals_and_grouped_thousands() {
        assert_eq!(
            en("my twenty-first birthday"),
            [("twenty-first".to_string(), 21.0, 21.0)]
        );
        // Captions drop the hyphen.
        assert_eq!(
            en("until my twenty first birthday"),
            [("twenty first".to_string(), 21.0, 21.0)]
        );
        assert_eq!(
            en("in the twenty first century"),
            [("twenty first".to_string(), 21.0, 21.0)]
        );
        // Two numbers with something between them stay two.
        assert_eq!(en("twenty, first of all").len(), 2);
        assert_eq!(en("twenty people").len(), 1);
        assert_eq!(en("take .5mg daily"), [(".5".to_string(), 0.5, 0.5)]);
        assert_eq!(
            en("nearly 100 000 particles"),
            [("100 000".to_string(), 1e5, 1e5)]
        );
        assert_eq!(en("nearly 100\u{2009}000 particles").len(), 1);
        assert!(en("a dollar").is_empty());
    }

    #[test]
    fn a_hedge_widens_only_as_far_as_it_means() {
        let about30 = &extract_en("about 30 percent")[0];
        let forty = &extract_zh("大约百分之四十")[0];
        let thirty_two = &extract_zh("百分之三十二")[0];
        assert!(!about30.matches(forty));
        assert!(about30.matches(thirty_two));
    }
}
