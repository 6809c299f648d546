//! HTML character references (`&minus;`, `&#8722;`, `&#x2212;`) in HTML and Markdown prose.
//!
//! The prose keeps every byte where it is in the file, so a reference cannot shrink to its
//! character there. Each reference is recorded as a [`CharRef`] (its byte range in the file
//! and the character it stands for); the prose gets that character at the reference's first
//! byte with the rest blanked, and the [`Reading`] is the prose with every reference replaced
//! by its character: the text the grammar and the check rules read, with a map that takes
//! every offset in it back to the file. A figure read from `&minus;8 &deg;C` is `−8 °C` to the
//! grammar and spans the file's bytes `&minus;8 &deg;C`.
//!
//! What counts as a reference is what HTML5 and CommonMark agree on: `&name;` for a name in
//! [`NAMED`] (the HTML 4 set and the typographic HTML5 names a newsroom writes), `&#digits;`
//! and `&#xhex;`, always with the semicolon. Anything else stays as written.

use crate::quantity::Span;

/// One character reference in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharRef {
    /// Byte offset of the `&`.
    pub start: usize,
    /// One past the `;`.
    pub end: usize,
    /// The character it reads as; `None` for an invisible format character (soft hyphen,
    /// zero-width space and (non-)joiner, word joiner, direction marks, byte-order mark),
    /// which reads as nothing: `kilo&shy;metres` is one word.
    pub ch: Option<char>,
}

/// Named references: name (case-sensitive) and character, sorted by name's bytes. Every
/// entry is checked against pulldown-cmark's HTML5 table in the tests.
#[rustfmt::skip]
pub const NAMED: &[(&str, char)] = &[
    ("AElig", '\u{c6}'), ("AMP", '\u{26}'), ("Aacute", '\u{c1}'), ("Acirc", '\u{c2}'),
    ("Agrave", '\u{c0}'), ("Alpha", '\u{391}'), ("Aring", '\u{c5}'), ("Atilde", '\u{c3}'),
    ("Auml", '\u{c4}'), ("Beta", '\u{392}'), ("COPY", '\u{a9}'), ("Ccedil", '\u{c7}'),
    ("Chi", '\u{3a7}'), ("Dagger", '\u{2021}'), ("Delta", '\u{394}'), ("ETH", '\u{d0}'),
    ("Eacute", '\u{c9}'), ("Ecirc", '\u{ca}'), ("Egrave", '\u{c8}'), ("Epsilon", '\u{395}'),
    ("Eta", '\u{397}'), ("Euml", '\u{cb}'), ("GT", '\u{3e}'), ("Gamma", '\u{393}'),
    ("Iacute", '\u{cd}'), ("Icirc", '\u{ce}'), ("Igrave", '\u{cc}'), ("Iota", '\u{399}'),
    ("Iuml", '\u{cf}'), ("Kappa", '\u{39a}'), ("LT", '\u{3c}'), ("Lambda", '\u{39b}'),
    ("MediumSpace", '\u{205f}'), ("Mu", '\u{39c}'), ("NoBreak", '\u{2060}'),
    ("NonBreakingSpace", '\u{a0}'), ("Ntilde", '\u{d1}'), ("Nu", '\u{39d}'), ("OElig", '\u{152}'),
    ("Oacute", '\u{d3}'), ("Ocirc", '\u{d4}'), ("Ograve", '\u{d2}'), ("Omega", '\u{3a9}'),
    ("Omicron", '\u{39f}'), ("Oslash", '\u{d8}'), ("Otilde", '\u{d5}'), ("Ouml", '\u{d6}'),
    ("Phi", '\u{3a6}'), ("Pi", '\u{3a0}'), ("Prime", '\u{2033}'), ("Psi", '\u{3a8}'),
    ("QUOT", '\u{22}'), ("REG", '\u{ae}'), ("Rho", '\u{3a1}'), ("Scaron", '\u{160}'),
    ("Sigma", '\u{3a3}'), ("THORN", '\u{de}'), ("TRADE", '\u{2122}'), ("Tau", '\u{3a4}'),
    ("Theta", '\u{398}'), ("ThinSpace", '\u{2009}'), ("Uacute", '\u{da}'), ("Ucirc", '\u{db}'),
    ("Ugrave", '\u{d9}'), ("Upsilon", '\u{3a5}'), ("Uuml", '\u{dc}'),
    ("VeryThinSpace", '\u{200a}'), ("Xi", '\u{39e}'), ("Yacute", '\u{dd}'), ("Yuml", '\u{178}'),
    ("ZeroWidthSpace", '\u{200b}'), ("Zeta", '\u{396}'), ("aacute", '\u{e1}'), ("acirc", '\u{e2}'),
    ("acute", '\u{b4}'), ("aelig", '\u{e6}'), ("agrave", '\u{e0}'), ("alefsym", '\u{2135}'),
    ("alpha", '\u{3b1}'), ("amp", '\u{26}'), ("and", '\u{2227}'), ("ang", '\u{2220}'),
    ("apos", '\u{27}'), ("approx", '\u{2248}'), ("aring", '\u{e5}'), ("ast", '\u{2a}'),
    ("asymp", '\u{2248}'), ("atilde", '\u{e3}'), ("auml", '\u{e4}'), ("bdquo", '\u{201e}'),
    ("beta", '\u{3b2}'), ("brvbar", '\u{a6}'), ("bsol", '\u{5c}'), ("bull", '\u{2022}'),
    ("bullet", '\u{2022}'), ("cap", '\u{2229}'), ("ccedil", '\u{e7}'), ("cedil", '\u{b8}'),
    ("cent", '\u{a2}'), ("centerdot", '\u{b7}'), ("check", '\u{2713}'), ("chi", '\u{3c7}'),
    ("circ", '\u{2c6}'), ("clubs", '\u{2663}'), ("colon", '\u{3a}'), ("comma", '\u{2c}'),
    ("commat", '\u{40}'), ("cong", '\u{2245}'), ("copy", '\u{a9}'), ("crarr", '\u{21b5}'),
    ("cross", '\u{2717}'), ("cup", '\u{222a}'), ("curren", '\u{a4}'), ("dArr", '\u{21d3}'),
    ("dagger", '\u{2020}'), ("darr", '\u{2193}'), ("dash", '\u{2010}'), ("deg", '\u{b0}'),
    ("delta", '\u{3b4}'), ("diams", '\u{2666}'), ("div", '\u{f7}'), ("divide", '\u{f7}'),
    ("dollar", '\u{24}'), ("eacute", '\u{e9}'), ("ecirc", '\u{ea}'), ("egrave", '\u{e8}'),
    ("empty", '\u{2205}'), ("emsp", '\u{2003}'), ("emsp13", '\u{2004}'), ("emsp14", '\u{2005}'),
    ("ensp", '\u{2002}'), ("epsilon", '\u{3b5}'), ("equals", '\u{3d}'), ("equiv", '\u{2261}'),
    ("eta", '\u{3b7}'), ("eth", '\u{f0}'), ("euml", '\u{eb}'), ("euro", '\u{20ac}'),
    ("excl", '\u{21}'), ("exist", '\u{2203}'), ("fnof", '\u{192}'), ("forall", '\u{2200}'),
    ("frac12", '\u{bd}'), ("frac13", '\u{2153}'), ("frac14", '\u{bc}'), ("frac15", '\u{2155}'),
    ("frac16", '\u{2159}'), ("frac18", '\u{215b}'), ("frac23", '\u{2154}'), ("frac25", '\u{2156}'),
    ("frac34", '\u{be}'), ("frac35", '\u{2157}'), ("frac38", '\u{215c}'), ("frac45", '\u{2158}'),
    ("frac56", '\u{215a}'), ("frac58", '\u{215d}'), ("frac78", '\u{215e}'), ("frasl", '\u{2044}'),
    ("gamma", '\u{3b3}'), ("ge", '\u{2265}'), ("grave", '\u{60}'), ("gt", '\u{3e}'),
    ("hArr", '\u{21d4}'), ("hairsp", '\u{200a}'), ("half", '\u{bd}'), ("harr", '\u{2194}'),
    ("hearts", '\u{2665}'), ("hellip", '\u{2026}'), ("horbar", '\u{2015}'), ("hyphen", '\u{2010}'),
    ("iacute", '\u{ed}'), ("icirc", '\u{ee}'), ("iexcl", '\u{a1}'), ("igrave", '\u{ec}'),
    ("image", '\u{2111}'), ("infin", '\u{221e}'), ("int", '\u{222b}'), ("iota", '\u{3b9}'),
    ("iquest", '\u{bf}'), ("isin", '\u{2208}'), ("iuml", '\u{ef}'), ("kappa", '\u{3ba}'),
    ("lArr", '\u{21d0}'), ("lambda", '\u{3bb}'), ("lang", '\u{27e8}'), ("laquo", '\u{ab}'),
    ("larr", '\u{2190}'), ("lceil", '\u{2308}'), ("lcub", '\u{7b}'), ("ldquo", '\u{201c}'),
    ("le", '\u{2264}'), ("lfloor", '\u{230a}'), ("lowast", '\u{2217}'), ("lowbar", '\u{5f}'),
    ("loz", '\u{25ca}'), ("lpar", '\u{28}'), ("lrm", '\u{200e}'), ("lsaquo", '\u{2039}'),
    ("lsqb", '\u{5b}'), ("lsquo", '\u{2018}'), ("lt", '\u{3c}'), ("macr", '\u{af}'),
    ("mdash", '\u{2014}'), ("micro", '\u{b5}'), ("middot", '\u{b7}'), ("minus", '\u{2212}'),
    ("mnplus", '\u{2213}'), ("mu", '\u{3bc}'), ("nabla", '\u{2207}'), ("nbsp", '\u{a0}'),
    ("ndash", '\u{2013}'), ("ne", '\u{2260}'), ("ni", '\u{220b}'), ("nldr", '\u{2025}'),
    ("not", '\u{ac}'), ("notin", '\u{2209}'), ("nsub", '\u{2284}'), ("ntilde", '\u{f1}'),
    ("nu", '\u{3bd}'), ("num", '\u{23}'), ("numsp", '\u{2007}'), ("oacute", '\u{f3}'),
    ("ocirc", '\u{f4}'), ("oelig", '\u{153}'), ("ograve", '\u{f2}'), ("ohm", '\u{3a9}'),
    ("oline", '\u{203e}'), ("omega", '\u{3c9}'), ("omicron", '\u{3bf}'), ("oplus", '\u{2295}'),
    ("or", '\u{2228}'), ("ordf", '\u{aa}'), ("ordm", '\u{ba}'), ("oslash", '\u{f8}'),
    ("otilde", '\u{f5}'), ("otimes", '\u{2297}'), ("ouml", '\u{f6}'), ("para", '\u{b6}'),
    ("part", '\u{2202}'), ("percnt", '\u{25}'), ("period", '\u{2e}'), ("permil", '\u{2030}'),
    ("perp", '\u{22a5}'), ("pertenk", '\u{2031}'), ("phi", '\u{3c6}'), ("pi", '\u{3c0}'),
    ("piv", '\u{3d6}'), ("plus", '\u{2b}'), ("plusmn", '\u{b1}'), ("pm", '\u{b1}'),
    ("pound", '\u{a3}'), ("prime", '\u{2032}'), ("prod", '\u{220f}'), ("prop", '\u{221d}'),
    ("psi", '\u{3c8}'), ("puncsp", '\u{2008}'), ("quest", '\u{3f}'), ("quot", '\u{22}'),
    ("rArr", '\u{21d2}'), ("radic", '\u{221a}'), ("rang", '\u{27e9}'), ("raquo", '\u{bb}'),
    ("rarr", '\u{2192}'), ("rceil", '\u{2309}'), ("rcub", '\u{7d}'), ("rdquo", '\u{201d}'),
    ("real", '\u{211c}'), ("reg", '\u{ae}'), ("rfloor", '\u{230b}'), ("rho", '\u{3c1}'),
    ("rlm", '\u{200f}'), ("rpar", '\u{29}'), ("rsaquo", '\u{203a}'), ("rsqb", '\u{5d}'),
    ("rsquo", '\u{2019}'), ("sbquo", '\u{201a}'), ("scaron", '\u{161}'), ("sdot", '\u{22c5}'),
    ("sect", '\u{a7}'), ("semi", '\u{3b}'), ("shy", '\u{ad}'), ("sigma", '\u{3c3}'),
    ("sigmaf", '\u{3c2}'), ("sim", '\u{223c}'), ("sol", '\u{2f}'), ("spades", '\u{2660}'),
    ("star", '\u{2606}'), ("starf", '\u{2605}'), ("sub", '\u{2282}'), ("sube", '\u{2286}'),
    ("sum", '\u{2211}'), ("sup", '\u{2283}'), ("sup1", '\u{b9}'), ("sup2", '\u{b2}'),
    ("sup3", '\u{b3}'), ("supe", '\u{2287}'), ("szlig", '\u{df}'), ("tau", '\u{3c4}'),
    ("there4", '\u{2234}'), ("theta", '\u{3b8}'), ("thetasym", '\u{3d1}'), ("thinsp", '\u{2009}'),
    ("thorn", '\u{fe}'), ("tilde", '\u{2dc}'), ("times", '\u{d7}'), ("trade", '\u{2122}'),
    ("uArr", '\u{21d1}'), ("uacute", '\u{fa}'), ("uarr", '\u{2191}'), ("ucirc", '\u{fb}'),
    ("ugrave", '\u{f9}'), ("uml", '\u{a8}'), ("upsih", '\u{3d2}'), ("upsilon", '\u{3c5}'),
    ("uuml", '\u{fc}'), ("verbar", '\u{7c}'), ("weierp", '\u{2118}'), ("xi", '\u{3be}'),
    ("yacute", '\u{fd}'), ("yen", '\u{a5}'), ("yuml", '\u{ff}'), ("zeta", '\u{3b6}'),
    ("zwj", '\u{200d}'), ("zwnj", '\u{200c}'),
];

/// The characters windows-1252 puts at 0x80–0x9F, which HTML5 reads numeric references in
/// that range as (`&#150;` is an en dash); 0 where it keeps the code point.
const CP1252: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// Whether a character is an invisible format character that reads as nothing.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
    )
}

/// The reference at the start of `b` (which starts with `&`): its length in bytes and what it
/// reads as. `None` when `b` does not start with a complete, known reference.
pub fn decode(b: &[u8]) -> Option<(usize, Option<char>)> {
    if b.first() != Some(&b'&') {
        return None;
    }
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let from = if hex { 3 } else { 2 };
        let radix = if hex { 16 } else { 10 };
        let n = b[from..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if n == 0 || b.get(from + n) != Some(&b';') {
            return None;
        }
        // Saturates past the last code point: any longer number is out of range too.
        let v = b[from..from + n].iter().fold(0u32, |acc, &c| {
            let d = char::from(c).to_digit(radix).unwrap_or(0);
            acc.saturating_mul(radix).saturating_add(d).min(0x11_0000)
        });
        return Some((from + n + 1, numeric(v)));
    }
    let n = b[1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if n == 0 || b.get(1 + n) != Some(&b';') {
        return None;
    }
    let name = std::str::from_utf8(&b[1..1 + n]).ok()?;
    let k = NAMED.binary_search_by(|(m, _)| m.cmp(&name)).ok()?;
    let c = NAMED[k].1;
    Some((n + 2, (!is_invisible(c)).then_some(c)))
}

/// What a numeric reference to `v` reads as, by HTML5's rules: 0, surrogates and numbers past
/// U+10FFFF are U+FFFD, 0x80–0x9F are windows-1252, and white space controls are a space
/// (HTML collapses them; a newline in prose would end a block).
fn numeric(v: u32) -> Option<char> {
    let v = match v {
        0x80..=0x9F if CP1252[(v - 0x80) as usize] != 0 => u32::from(CP1252[(v - 0x80) as usize]),
        0x09 | 0x0A | 0x0C | 0x0D => 0x20,
        _ => v,
    };
    let c = if v == 0 {
        '\u{fffd}'
    } else {
        char::from_u32(v).unwrap_or('\u{fffd}')
    };
    (!is_invisible(c)).then_some(c)
}

/// Every reference in `b`, in order (for HTML, whose text is every byte not blanked).
pub fn find(b: &[u8]) -> Vec<CharRef> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = memchr::memchr(b'&', &b[from..]) {
        let at = from + k;
        match decode(&b[at..]) {
            Some((len, ch)) => {
                out.push(CharRef {
                    start: at,
                    end: at + len,
                    ch,
                });
                from = at + len;
            }
            None => from = at + 1,
        }
    }
    out
}

/// Writes each reference into the prose `buf`: its character at the reference's first byte
/// (when it fits, which it does for every reference [`decode`] reads) and spaces after.
/// A reference whose bytes were already blanked (inside a URL) is dropped from `refs`.
pub fn pad(buf: &mut [u8], text: &[u8], refs: &mut Vec<CharRef>) {
    refs.retain(|r| buf.get(r.start..r.end) == text.get(r.start..r.end));
    for r in refs.iter() {
        buf[r.start..r.end].fill(b' ');
        if let Some(c) = r.ch
            && c.len_utf8() <= r.end - r.start
        {
            c.encode_utf8(&mut buf[r.start..r.end]);
        }
    }
}

/// One reference in both coordinates: `[file_start, file_end)` in the file and prose,
/// `[start, end)` in the reading.
#[derive(Debug, Clone, Copy)]
struct Seg {
    file_start: usize,
    file_end: usize,
    start: usize,
    end: usize,
}

/// The prose with every character reference decoded: what the grammar reads. Offsets in it
/// are not file offsets; [`Reading::span_to_file`] and [`Reading::span_from_file`] map spans
/// both ways (a bound inside a reference is rounded outwards, so a span always covers whole
/// references).
#[derive(Debug, Clone)]
pub struct Reading {
    text: String,
    segs: Vec<Seg>,
}

impl Reading {
    /// The reading of `prose` (a same-length copy of the file) with `refs` (sorted, disjoint,
    /// on char boundaries) decoded.
    pub fn new(prose: &str, refs: &[CharRef]) -> Reading {
        let mut text = String::with_capacity(prose.len());
        let mut segs = Vec::with_capacity(refs.len());
        let mut at = 0;
        for r in refs {
            text.push_str(&prose[at..r.start]);
            let start = text.len();
            if let Some(c) = r.ch {
                text.push(c);
            }
            segs.push(Seg {
                file_start: r.start,
                file_end: r.end,
                start,
                end: text.len(),
            });
            at = r.end;
        }
        text.push_str(&prose[at..]);
        Reading { text, segs }
    }

    /// The decoded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file offset where a span starting at reading offset `r` starts: the start of the
    /// reference whose character is at `r`, after any references that read as nothing.
    pub fn file_start(&self, r: usize) -> usize {
        // The first reference that ends after r: r is in it or in the plain run before it.
        let k = self.segs.partition_point(|s| s.end <= r);
        match self.segs.get(k) {
            Some(s) if s.start <= r => s.file_start,
            _ => self.after_seg(k, r),
        }
    }

    /// The file offset where a span ending at reading offset `r` ends: the end of the
    /// reference whose character ends at `r`, before any references that read as nothing.
    pub fn file_end(&self, r: usize) -> usize {
        // The last reference that starts before r: r is in it or in the plain run after it.
        let k = self.segs.partition_point(|s| s.start < r);
        match k.checked_sub(1).map(|j| self.segs[j]) {
            Some(s) if s.end >= r => s.file_end,
            _ => self.after_seg(k, r),
        }
    }

    /// The file offset of reading offset `r` in the plain run after the first `k` references.
    fn after_seg(&self, k: usize, r: usize) -> usize {
        match k.checked_sub(1).map(|j| self.segs[j]) {
            Some(s) => s.file_end + (r - s.end),
            None => r,
        }
    }

    /// The reading offset of file offset `f`; inside a reference, its start (`end` false) or
    /// its end (`end` true).
    pub fn from_file(&self, f: usize, end: bool) -> usize {
        // The first reference that ends after f: f is in it or in the plain run before it.
        let k = self.segs.partition_point(|s| s.file_end <= f);
        match self.segs.get(k) {
            Some(s) if s.file_start == f => s.start,
            Some(s) if s.file_start < f => {
                if end {
                    s.end
                } else {
                    s.start
                }
            }
            _ => match k.checked_sub(1).map(|j| self.segs[j]) {
                Some(s) => s.end + (f - s.file_end),
                None => f,
            },
        }
    }

    /// A span of the reading as a span of the file (covering whole references).
    pub fn span_to_file(&self, s: Span) -> Span {
        let start = self.file_start(s.start);
        Span::new(start, self.file_end(s.end).max(start))
    }

    /// A span of the file as a span of the reading (covering whole references).
    pub fn span_from_file(&self, s: Span) -> Span {
        let start = self.from_file(s.start, false);
        Span::new(start, self.from_file(s.end, true).max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<CharRef> {
        find(text.as_bytes())
    }

    fn reading(text: &str) -> Reading {
        let mut buf = text.as_bytes().to_vec();
        let mut rs = refs(text);
        pad(&mut buf, text.as_bytes(), &mut rs);
        Reading::new(std::str::from_utf8(&buf).unwrap(), &rs)
    }

    #[test]
    fn the_table_is_sorted_and_agrees_with_html5() {
        assert!(
            NAMED
                .windows(2)
                .all(|w| w[0].0.as_bytes() < w[1].0.as_bytes())
        );
        for &(name, c) in NAMED {
            // pulldown-cmark carries the full HTML5 table: a paragraph of just the reference.
            let src = format!("&{name};");
            let got: String = pulldown_cmark::Parser::new(&src)
                .filter_map(|e| match e {
                    pulldown_cmark::Event::Text(t) => Some(t.into_string()),
                    _ => None,
                })
                .collect();
            assert_eq!(got, c.to_string(), "&{name};");
            // No named reference is shorter in the file than its character in UTF-8.
            assert!(c.len_utf8() <= name.len() + 2, "&{name};");
        }
        for name in [
            "nbsp", "ensp", "emsp", "thinsp", "minus", "ndash", "mdash", "deg", "euro", "pound",
            "yen", "cent", "frac12", "frac14", "frac34", "times", "divide", "plusmn", "micro",
            "sup2", "sup3", "percnt", "amp", "lt", "gt", "quot", "apos", "rsquo", "lsquo", "ldquo",
            "rdquo", "hellip", "shy", "zwj", "zwnj",
        ] {
            assert!(NAMED.iter().any(|(n, _)| *n == name), "{name} missing");
        }
    }

    #[test]
    fn decodes_named_and_numeric_references() {
        let d = |s: &str| decode(s.as_bytes());
        assert_eq!(d("&minus;8"), Some((7, Some('−'))));
        assert_eq!(d("&deg;C"), Some((5, Some('°'))));
        assert_eq!(d("&lt;"), Some((4, Some('<'))));
        assert_eq!(d("&#8239;"), Some((7, Some('\u{202f}'))));
        assert_eq!(d("&#x2212;"), Some((8, Some('−'))));
        assert_eq!(d("&#X2212;"), Some((8, Some('−'))));
        assert_eq!(d("&#0000038;"), Some((10, Some('&'))));
        // HTML5: windows-1252 for 0x80–0x9F, U+FFFD for nothing, surrogates and overflow.
        assert_eq!(d("&#150;"), Some((6, Some('–'))));
        assert_eq!(d("&#x97;"), Some((6, Some('—'))));
        assert_eq!(d("&#x81;"), Some((6, Some('\u{81}'))));
        assert_eq!(d("&#0;"), Some((4, Some('\u{fffd}'))));
        assert_eq!(d("&#xD800;"), Some((8, Some('\u{fffd}'))));
        assert_eq!(d("&#99999999999999999999;"), Some((23, Some('\u{fffd}'))));
        assert_eq!(d("&#10;"), Some((5, Some(' '))));
        // Invisible format characters read as nothing.
        assert_eq!(d("&shy;"), Some((5, None)));
        assert_eq!(d("&zwj;"), Some((5, None)));
        assert_eq!(d("&#8203;"), Some((7, None)));
        // Not references: no semicolon, unknown names, no digits, case matters.
        for s in [
            "&nbsp", "&nbsp ", "&bogus;", "&#;", "&#x;", "&#12a;", "&;", "& amp;", "&NBSP;",
            "&#x12g;", "&",
        ] {
            assert_eq!(d(s), None, "{s}");
        }
    }

    #[test]
    fn finds_references_and_skips_what_is_not_one() {
        let t = "AT&amp;T &amp;minus; &bogus; &#8722;5 & 6 &deg;";
        let rs = refs(t);
        let found: Vec<&str> = rs.iter().map(|r| &t[r.start..r.end]).collect();
        assert_eq!(found, ["&amp;", "&amp;", "&#8722;", "&deg;"]);
        // The escaped reference reads as its own text, not decoded twice.
        assert_eq!(reading(t).text(), "AT&T &minus; &bogus; −5 & 6 °");
    }

    #[test]
    fn the_prose_keeps_offsets_and_the_reading_decodes() {
        let t = "&minus;8 &deg;C (18&nbsp;&deg;F), 200&nbsp;mm, kilo&shy;metres";
        let mut buf = t.as_bytes().to_vec();
        let mut rs = refs(t);
        pad(&mut buf, t.as_bytes(), &mut rs);
        let prose = String::from_utf8(buf).unwrap();
        assert_eq!(prose.len(), t.len());
        assert!(
            prose.starts_with("−    8 °   C (18\u{a0}    °   F)"),
            "{prose:?}"
        );
        let r = Reading::new(&prose, &rs);
        assert_eq!(r.text(), "−8 °C (18\u{a0}°F), 200\u{a0}mm, kilometres");
        // Spans map back to whole references.
        let at = |s: &str| {
            let k = r.text().find(s).unwrap();
            let f = r.span_to_file(Span::new(k, k + s.len()));
            &t[f.start..f.end]
        };
        assert_eq!(at("−8 °C"), "&minus;8 &deg;C");
        assert_eq!(at("18\u{a0}°F"), "18&nbsp;&deg;F");
        assert_eq!(at("200\u{a0}mm"), "200&nbsp;mm");
        assert_eq!(at("kilometres"), "kilo&shy;metres");
        // Invisible references at a span's edge stay outside it.
        assert_eq!(at("kilo"), "kilo");
        assert_eq!(at("metres"), "metres");
        assert_eq!(at(")"), ")");
        // And back: a file span inside a reference covers the whole reference.
        let k = t.find("&deg;C").unwrap();
        let s = r.span_from_file(Span::new(k + 1, k + 6));
        assert_eq!(&r.text()[s.start..s.end], "°C");
        for f in 0..=t.len() {
            let a = r.from_file(f, false);
            let b = r.from_file(f, true);
            assert!(a <= b && r.text().is_char_boundary(a) && r.text().is_char_boundary(b));
        }
    }

    #[test]
    fn maps_are_monotone_and_round_trip_at_char_boundaries() {
        let t = "&shy;&minus;&shy;5&#8239;000&zwj;&amp;&lt;x&gt;&shy;";
        let r = reading(t);
        assert_eq!(r.text(), "−5\u{202f}000&<x>");
        let mut last = (0, 0);
        for (k, _) in r.text().char_indices().chain([(r.text().len(), ' ')]) {
            let (a, b) = (r.file_start(k), r.file_end(k));
            assert!(a >= last.0 && b >= last.1 && b <= a, "{k}: {a} {b}");
            assert!(t.is_char_boundary(a) && t.is_char_boundary(b));
            assert_eq!(r.from_file(a, false), k);
            assert_eq!(r.from_file(b, true), k);
            last = (a, b);
        }
        assert_eq!(
            r.file_start(0),
            5,
            "a leading invisible reference is not the start"
        );
        assert_eq!(r.file_end(r.text().len()), t.len() - 5);
    }
}
