//! The document's own date, and where it was found.
//!
//! In order: `--date`; front matter (`date`, `published`, `publishDate`, `pubDate`); HTML
//! `<meta>` (`article:published_time`, `og:…`, `date`, `dc.date`), `<time datetime>` in the
//! page's header, JSON-LD `datePublished`; a dateline at the head of the story (`MOSCOW, Jan 30
//! (Reuters) –`, `KYIV, Mar 9, 2026 (AP) —`, `June 5 (Xinhua) --`); a byline or timestamp line
//! near the top (`January 31, 2026 at 1:02 AM`, `Friday 30/January/2026 19:52`, `Published 6:40
//! AM EST, Wed May 6, 2026`). Never a photo caption, a quotation or a date in the body: a line
//! is a byline only when, past its date, times, weekdays and the words of a byline, at most a
//! few capitalised words (a name, a section) are left.
//!
//! A dateline without a year still dates the story to a month and a day
//! ([`DocDate::year`] is `None`): month-day arithmetic needs no year.

use crate::grammar::date::{self, RawDate};
use crate::grammar::text::ws0;
use crate::quantity::Span;
use jiff::civil::Date;

/// Where the document date came from (`date_source` in `extract`'s JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateSource {
    /// `--date`, or a configuration's `date.default = "today"`.
    Option,
    /// A front-matter key.
    FrontMatter,
    /// HTML `<meta>`, `<time datetime>` or JSON-LD `datePublished`.
    HtmlMeta,
    /// A dateline at the head of the story.
    Dateline,
    /// A byline or timestamp line near the top.
    Byline,
    /// None found.
    #[default]
    None,
}

impl DateSource {
    /// The name used in JSON and in the human table.
    pub fn as_str(&self) -> &'static str {
        match self {
            DateSource::Option => "option",
            DateSource::FrontMatter => "front-matter",
            DateSource::HtmlMeta => "html-meta",
            DateSource::Dateline => "dateline",
            DateSource::Byline => "byline",
            DateSource::None => "none",
        }
    }
}

/// A document date found in the text: a year (unless a dateline left it out), month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocDate {
    /// The year, when written.
    pub year: Option<i16>,
    /// Month, 1–12.
    pub month: i8,
    /// Day of the month.
    pub day: i8,
    /// Where it was found.
    pub source: DateSource,
    /// The bytes it was read from, when they are prose.
    pub span: Option<Span>,
}

impl DocDate {
    /// The full date, when the year is known.
    pub fn date(&self) -> Option<Date> {
        Date::new(self.year?, self.month, self.day).ok()
    }
}

/// The document date as the JSON contract writes it: "2026-01-30", or "--01-30" (ISO 8601's
/// month and day) for a dateline without a year; `None` when there is none.
pub fn written(doc: &super::Document) -> Option<String> {
    match (doc.date, doc.month_day) {
        (Some(d), _) => Some(d.to_string()),
        (None, Some((m, d))) => Some(format!("--{m:02}-{d:02}")),
        (None, None) => None,
    }
}

/// Lines of the head searched for a dateline, and for a byline.
const DATELINE_LINES: usize = 25;
const BYLINE_LINES: usize = 12;
/// Bytes of the head searched.
const HEAD_BYTES: usize = 6000;

/// Reads a date value as front matter or a `<meta>` tag writes it: ISO (`2026-03-10`,
/// `2026-03-10T08:00:00Z`, `2026-03-10 08:00`) or written (`March 10, 2026`, `10 March 2026`,
/// `Tue, 10 Mar 2026 08:00:00 GMT`). A numeric date other than ISO is not read: `03/10/2026`
/// could be either month.
pub fn parse_value(v: &str) -> Option<Date> {
    let v = v.trim().trim_matches(['"', '\'']).trim();
    if let Some(d) = super::parse_date(v) {
        let rest = &v[10..];
        return (rest.is_empty() || rest.starts_with(['T', 't', ' ', 'Z', '+', '-', '.']))
            .then_some(d);
    }
    // An optional weekday ("Tue, ", "Tuesday ").
    let mut s = v;
    if let Ok((r, _)) =
        date::weekday(&crate::grammar::cx::Cx::builtin(), s).or_else(|_| date::weekday_abbrev(s))
    {
        s = r.strip_prefix('.').unwrap_or(r);
        s = s.strip_prefix(',').unwrap_or(s);
        s = ws0(s).ok()?.0;
    }
    let (rest, raw) = date::date(&crate::grammar::cx::Cx::builtin(), s).ok()?;
    let d = full(raw)?;
    let rest = rest.trim_start_matches([' ', ',']);
    let ok = rest.is_empty()
        || rest.starts_with(|c: char| c.is_ascii_digit())
        || rest.starts_with("at ")
        || rest.starts_with('T');
    ok.then_some(d)
}

fn full(raw: RawDate) -> Option<Date> {
    if raw.rel_year.is_some() {
        return None;
    }
    Date::new(raw.year?, raw.month?, raw.day?).ok()
}

/// The lines of the head of `prose`: (start offset, line) of the first non-blank lines.
fn head_lines(prose: &str, max: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in prose.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if start >= HEAD_BYTES || out.len() >= max {
            break;
        }
        let t = line.trim_end_matches(['\n', '\r']);
        let lead = t.len() - t.trim_start().len();
        let t = t.trim();
        if !t.is_empty() {
            out.push((start + lead, t));
        }
    }
    out
}

/// The dateline or byline date at the head of `prose` (the document's prose: markup, front
/// matter and tags already blanked). A yearless dateline takes its year from a byline of the
/// same month and day.
pub fn from_head(prose: &str) -> Option<DocDate> {
    let dl = head_lines(prose, DATELINE_LINES)
        .into_iter()
        .find_map(|(at, l)| dateline(l).map(|(raw, s)| (at, raw, s)));
    let by = byline_date(prose);
    if let Some((at, raw, s)) = dl {
        let (month, day) = (raw.month?, raw.day?);
        let mut year = raw.year;
        if year.is_none()
            && let Some(b) = by
            && (b.month, b.day) == (month, day)
        {
            year = b.year;
        }
        if year.is_some_and(|y| Date::new(y, month, day).is_err())
            || (year.is_none() && Date::new(2024, month, day).is_err())
        {
            return by;
        }
        return Some(DocDate {
            year,
            month,
            day,
            source: DateSource::Dateline,
            span: Some(Span::new(at + s.start, at + s.end)),
        });
    }
    by
}

/// A dash that ends a dateline: "–", "—", "--", "-", "―".
fn dash(i: &str) -> Option<&str> {
    let (r, _) = ws0(i).ok()?;
    for d in ["--", "–", "—", "―", "-", "|"] {
        if let Some(x) = r.strip_prefix(d) {
            return x.starts_with([' ', '\t', '\u{a0}']).then_some(x);
        }
    }
    None
}

/// `(Reuters)`, `(AP)`, `(Xinhua)`, `(AFP)`, `(UPI)`, `(dpa)`: one to four words, the first
/// capitalised or all lower case (dpa), no digits.
fn agency(i: &str) -> Option<&str> {
    let (r, _) = ws0(i).ok()?;
    let r = r.strip_prefix('(')?;
    let close = r.find(')')?;
    let name = &r[..close];
    let words: Vec<&str> = name.split_whitespace().collect();
    let ok = !words.is_empty()
        && words.len() <= 4
        && name.len() <= 40
        && name
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '&' | '.' | '\''))
        && (words[0].chars().next().is_some_and(char::is_uppercase) || name == "dpa");
    ok.then(|| &r[close + 1..])
}

/// A written date at the start of `i`, else a numeric one ("30/01/2026", "30.01.2026"): a
/// dateline or byline is a date's own place, so a numeric date needs no weekday beside it
/// there. One whose day and month could be either has no month ([`date::numeric`]) and dates
/// nothing.
fn written_or_numeric(i: &str) -> nom::IResult<&str, RawDate> {
    let cx = crate::grammar::cx::Cx::builtin();
    date::date(&cx, i).or_else(|_| date::numeric(&cx, i))
}

/// A dateline at the start of `line`: `[CITY[, PLACE], ] DATE [(AGENCY)] DASH`. Without an
/// agency the city is required and written in capitals (`LONDON, March 3 —`). Returns the date
/// and its span within the line.
fn dateline(line: &str) -> Option<(RawDate, Span)> {
    let whole = line.len();
    let line = line.trim_start_matches(['*', '_', '>', '#', ' ']);
    let off0 = whole - line.len();
    // Candidate starts: the line's start, and after each ", " in the first 60 bytes.
    let mut starts = vec![0];
    for (k, _) in line.match_indices(", ") {
        if k > 60 {
            break;
        }
        starts.push(k + 2);
    }
    for &s in &starts {
        let city = &line[..s];
        if s > 0 {
            let c = city.trim_end_matches([',', ' ']);
            let first = c.split([' ', ',']).next().unwrap_or("");
            // Place names: every word capitalised but short joining words ("Rio de Janeiro").
            let place = c.split([' ', ',']).filter(|w| !w.is_empty()).all(|w| {
                w.chars().next().is_some_and(char::is_uppercase) || w.chars().count() <= 3
            });
            let clean = !c.contains(['.', '!', '?', ';', ':', '"', '“', '”', '(', ')'])
                && first.chars().next().is_some_and(char::is_uppercase)
                && place
                && c.split_whitespace().count() <= 6;
            if !clean {
                continue;
            }
        }
        let rest = &line[s..];
        let Ok((r, raw)) = written_or_numeric(rest) else {
            continue;
        };
        if raw.month.is_none() || raw.day.is_none() || raw.rel_year.is_some() {
            continue;
        }
        let dlen = rest.len() - r.len();
        let after = match agency(r) {
            Some(a) => dash(a),
            None => {
                let caps = s > 0 && {
                    let first = city.split([' ', ',']).next().unwrap_or("");
                    first.chars().filter(|c| c.is_alphabetic()).count() >= 2
                        && first
                            .chars()
                            .all(|c| c.is_uppercase() || !c.is_alphabetic())
                };
                if caps { dash(r) } else { None }
            }
        };
        if after.is_some() {
            let start = off0 + s;
            return Some((raw, Span::new(start, start + dlen)));
        }
    }
    None
}

/// Words a byline or timestamp line may have beside its date and times.
const BYLINE_WORDS: &[&str] = &[
    "at",
    "by",
    "and",
    "published",
    "updated",
    "posted",
    "last",
    "first",
    "modified",
    "on",
    "|",
];

/// Words that make a capitalised line a headline or a caption, not a byline.
const NOT_BYLINE: &[&str] = &[
    "in", "for", "since", "until", "from", "to", "of", "before", "after", "during", "photo",
    "source", "file", "image", "images", "getty", "credit",
];

/// The byline or timestamp date near the top of `prose`: the first such line that is not an
/// "Updated" line, else the first "Updated" line.
fn byline_date(prose: &str) -> Option<DocDate> {
    let mut updated = None;
    for (at, l) in head_lines(prose, BYLINE_LINES) {
        if let Some((d, s, is_update)) = byline(l) {
            let dd = DocDate {
                year: Some(d.year()),
                month: d.month(),
                day: d.day(),
                source: DateSource::Byline,
                span: Some(Span::new(at + s.start, at + s.end)),
            };
            if !is_update {
                return Some(dd);
            }
            updated = updated.or(Some(dd));
        }
    }
    updated
}

/// Candidate starts of a date in a line: word starts, and a capital glued to a lower-case
/// letter ("TalmazanJanuary").
fn date_starts(line: &str) -> impl Iterator<Item = usize> + '_ {
    let mut prev: Option<char> = None;
    line.char_indices().filter_map(move |(k, c)| {
        let p = prev;
        prev = Some(c);
        let start = match p {
            None => true,
            Some(p) => !p.is_alphanumeric() || (p.is_lowercase() && c.is_uppercase()),
        };
        (start && (c.is_ascii_digit() || c.is_uppercase())).then_some(k)
    })
}

/// A byline or timestamp line: a full date (with its year) and, besides it, only clock times,
/// weekdays, time zones, byline words and at most four capitalised words. Returns the date,
/// its span in the line and whether the line is an update stamp.
fn byline(line: &str) -> Option<(Date, Span, bool)> {
    if line.len() > 120 || line.contains(['(', ')', '"', '“', '”', '?', '!', ';']) {
        return None;
    }
    let mut found: Option<(Date, Span)> = None;
    // Byte ranges covered by the date, times and weekdays.
    let mut covered: Vec<(usize, usize)> = Vec::new();
    for k in date_starts(line) {
        if covered.iter().any(|&(a, b)| k >= a && k < b) {
            continue;
        }
        let rest = &line[k..];
        if let Ok((r, raw)) = written_or_numeric(rest)
            && let Some(d) = full(raw)
        {
            let e = line.len() - r.len();
            if found.is_none() {
                found = Some((d, Span::new(k, e)));
            }
            covered.push((k, e));
            continue;
        }
        if let Ok((r, _)) = date::clock(&crate::grammar::cx::Cx::builtin(), rest) {
            covered.push((k, line.len() - r.len()));
            continue;
        }
        if let Ok((r, _)) = date::weekday(&crate::grammar::cx::Cx::builtin(), rest)
            .or_else(|_| date::weekday_abbrev(rest))
        {
            covered.push((k, line.len() - r.len()));
            continue;
        }
    }
    let (d, span) = found?;
    // What is left.
    let mut left = String::with_capacity(line.len());
    let mut last = 0;
    covered.sort_unstable();
    for &(a, b) in &covered {
        if a >= last {
            left.push_str(&line[last..a]);
            left.push(' ');
            last = b;
        }
    }
    left.push_str(&line[last..]);
    let mut is_update = false;
    let mut names = 0;
    let lower_left = left.to_lowercase();
    let stamp_on = ["published on", "posted on", "updated on"]
        .iter()
        .any(|p| lower_left.contains(p));
    for w in left.split(|c: char| c.is_whitespace() || matches!(c, ',' | '·' | '•' | '–' | '—'))
    {
        let w = w.trim_matches(|c: char| matches!(c, ':' | '-' | '/' | '.'));
        if w.is_empty() {
            continue;
        }
        let lw = w.to_lowercase();
        if NOT_BYLINE.contains(&lw.as_str()) {
            return None;
        }
        if lw == "updated" || lw == "modified" {
            is_update = true;
        }
        if BYLINE_WORDS.contains(&lw.as_str()) {
            // "on" only after a byline word: "Published on".
            if lw == "on" && !stamp_on {
                return None;
            }
            continue;
        }
        // A time zone the clock did not take ("GMT+1", "ET").
        if w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '+')
            && w.len() <= 6
        {
            names += 1;
            if names > 4 {
                return None;
            }
            continue;
        }
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        names += 1;
        if names > 4 {
            return None;
        }
    }
    // A sentence (a full stop after the date) is no byline: "… on May 9, 2025."
    if line[span.end..].trim_end().ends_with('.') && !line.trim_end().ends_with(".m.") {
        return None;
    }
    Some((d, span, is_update))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(t: &str) -> Option<(Option<i16>, i8, i8, DateSource)> {
        from_head(t).map(|d| (d.year, d.month, d.day, d.source))
    }

    #[test]
    fn values() {
        let d = |s: &str| parse_value(s).map(|d| d.to_string());
        assert_eq!(d("2026-03-10").as_deref(), Some("2026-03-10"));
        assert_eq!(d("\"2026-03-10T08:00:00Z\"").as_deref(), Some("2026-03-10"));
        assert_eq!(d("2026-03-10 08:00").as_deref(), Some("2026-03-10"));
        assert_eq!(d("March 10, 2026").as_deref(), Some("2026-03-10"));
        assert_eq!(d("'10 March 2026'").as_deref(), Some("2026-03-10"));
        assert_eq!(
            d("Tue, 10 Mar 2026 08:00:00 GMT").as_deref(),
            Some("2026-03-10")
        );
        assert_eq!(
            d("March 10, 2026 at 9:15 AM").as_deref(),
            Some("2026-03-10")
        );
        for bad in [
            "03/10/2026",
            "March 2026",
            "next Tuesday",
            "2026-02-30",
            "March 10",
            "2026-03-101",
            "soon",
            "",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
    }

    #[test]
    fn datelines_of_several_agencies() {
        let y = Some;
        assert_eq!(
            head("Headline here\nLIMA, Peru, Sept. 14 (Reuters) - Miners in the south"),
            Some((None, 9, 14, DateSource::Dateline))
        );
        assert_eq!(
            head("NAIROBI, Kenya, Mar 9, 2026 (AP) — Floods swept"),
            Some((y(2026), 3, 9, DateSource::Dateline))
        );
        assert_eq!(
            head("June 5 (Xinhua) -- The port handled"),
            Some((None, 6, 5, DateSource::Dateline))
        );
        assert_eq!(
            head("HAMBURG, 4 November (dpa) - Dock workers"),
            Some((None, 11, 4, DateSource::Dateline))
        );
        assert_eq!(
            head("OSLO, Aug. 2 — The ferry"),
            Some((None, 8, 2, DateSource::Dateline))
        );
        // A yearless dateline takes the year of a byline with its month and day.
        assert_eq!(
            head("By Ana Ruiz\nOctober 3, 2025 7:10 PM\n\nQUITO, Oct 3 (AFP) - The court"),
            Some((y(2025), 10, 3, DateSource::Dateline))
        );
        // Not datelines: a sentence, a city in mixed case without an agency, no dash.
        for t in [
            "The vote, Jan 30 (provisional) - was close",
            "Lima, Sept. 14 — Miners",
            "LIMA, Sept. 14 (Reuters) Miners",
            "He said on Sept. 14 (Reuters) - no",
        ] {
            assert_eq!(head(t), None, "{t}");
        }
    }

    #[test]
    fn bylines_and_timestamps() {
        let b = |t: &str| head(t).map(|(y, m, d, s)| (y.unwrap_or(0), m, d, s));
        assert_eq!(
            b("Title\nMarta OkaforMarch 4, 2026 at 6:15 PM\nBody."),
            Some((2026, 3, 4, DateSource::Byline))
        );
        assert_eq!(
            b("Business Tuesday 17/March/2026 08:05 AM\n"),
            Some((2026, 3, 17, DateSource::Byline))
        );
        assert_eq!(
            b("Published 6:40 AM EST, Wed May 6, 2026\n"),
            Some((2026, 5, 6, DateSource::Byline))
        );
        assert_eq!(
            b("Updated 9:00 AM GMT, May 8, 2026\nPublished May 6, 2026\n"),
            Some((2026, 5, 6, DateSource::Byline))
        );
        assert_eq!(
            b("Updated 9:00 AM GMT, May 8, 2026\n"),
            Some((2026, 5, 8, DateSource::Byline))
        );
        // Captions, headlines and sentences are not bylines.
        for t in [
            "The minister at a briefing on April 2, 2024. (Photo: Reuters)",
            "Minister Jana Novak on April 2, 2024.",
            "Talks Set For April 2, 2026",
            "The strike began on April 2, 2026, and ended a day later.",
            "Miners stopped work April 2, 2026 across the south",
        ] {
            assert_eq!(b(t), None, "{t}");
        }
    }

    #[test]
    fn numeric_dates_in_datelines_and_bylines() {
        let y = Some;
        assert_eq!(
            head("Harbour dues rise\nCARDIFF, 19/02/2026 – Port fees"),
            Some((y(2026), 2, 19, DateSource::Dateline))
        );
        assert_eq!(
            head("SEVILLE, 23.12.2026 (EFE) - The river"),
            Some((y(2026), 12, 23, DateSource::Dateline))
        );
        assert_eq!(
            head("Tide tables\nPublished 2026-03-09 06:40\nBody."),
            Some((y(2026), 3, 9, DateSource::Byline))
        );
        assert_eq!(
            head("Updated 27/10/2026 at 11:05\n"),
            Some((y(2026), 10, 27, DateSource::Byline))
        );
        // A day and a month that could be either date nothing (no `date_order` built in);
        // nor does a numeric date in a sentence.
        for t in [
            "CARDIFF, 04/05/2026 – Port fees",
            "Posted 04.05.2026 at 11:05",
            "The port raised its fees on 19/02/2026 after a vote.",
        ] {
            assert_eq!(head(t), None, "{t}");
        }
    }

    #[test]
    fn a_dateline_outranks_a_byline_and_the_body_is_never_read() {
        let t = "Bylined Writer\nFebruary 2, 2026\nROME, Feb 3 (Reuters) - The talks";
        assert_eq!(head(t), Some((None, 2, 3, DateSource::Dateline)));
        let mut far = String::from("Headline\n");
        for _ in 0..30 {
            far.push_str("A sentence of the body without any date in it.\n");
        }
        far.push_str("ROME, Feb 3 (Reuters) - Late.\nMarch 4, 2026 at 6:15 PM\n");
        assert_eq!(head(&far), None);
    }
}

#[cfg(test)]
mod document_tests {
    use crate::source::{Document, Format, dated::DateSource};

    fn dated(name: &str, text: &str) -> (Option<String>, Option<(i8, i8)>, DateSource) {
        let d = Document::from_text(name, text.to_string(), Format::from_path(name)).unwrap();
        (d.date.map(|d| d.to_string()), d.month_day, d.date_source)
    }

    #[test]
    fn every_source_in_order() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            dated(
                "a.md",
                "---\npublished: March 10, 2026\n---\nOSLO, Aug. 2 — The ferry.\n"
            ),
            (s("2026-03-10"), Some((3, 10)), DateSource::FrontMatter)
        );
        assert_eq!(
            dated(
                "a.md",
                "---\npubDate: 2026-03-11T07:00:00Z\ndate: 2026-03-12\n---\nText.\n"
            ),
            (s("2026-03-12"), Some((3, 12)), DateSource::FrontMatter)
        );
        assert_eq!(
            dated(
                "a.md",
                "# Ferry sinks\n\nBy Ola Berg\nAugust 2, 2025\n\nOSLO, Aug. 2 (NTB) - The ferry.\n"
            ),
            (s("2025-08-02"), Some((8, 2)), DateSource::Dateline)
        );
        assert_eq!(
            dated(
                "a.txt",
                "Ferry sinks\nOSLO, Aug. 2 (NTB) - The ferry sank.\n"
            ),
            (None, Some((8, 2)), DateSource::Dateline)
        );
        assert_eq!(
            dated("a.txt", "Ferry sinks\nNo date here at all.\n"),
            (None, None, DateSource::None)
        );
        let html = "<html><head><meta property=\"article:published_time\" content=\"2025-08-03T10:00:00+02:00\">\
                    </head><body><p>OSLO, Aug. 2 (NTB) - The ferry.</p></body></html>";
        assert_eq!(
            dated("a.html", html),
            (s("2025-08-03"), Some((8, 3)), DateSource::HtmlMeta)
        );
        let ld = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\": \"2025-08-04\"}</script><p>Text.</p>";
        assert_eq!(
            dated("a.html", ld),
            (s("2025-08-04"), Some((8, 4)), DateSource::HtmlMeta)
        );
        let time = "<header><time datetime=\"2025-08-05\">Aug 5</time></header><p>On <time datetime=\"2025-09-01\">Sept. 1</time> it sank.</p>";
        assert_eq!(
            dated("a.html", time),
            (s("2025-08-05"), Some((8, 5)), DateSource::HtmlMeta)
        );
        // A <time> in the body is a body date, not the page's.
        let body = "<p>On <time datetime=\"2025-09-01\">Sept. 1</time> it sank.</p>";
        assert_eq!(dated("a.html", body), (None, None, DateSource::None));
        // `--date` outranks them all.
        let d = Document::from_text("a.html", html.to_string(), Format::Html)
            .unwrap()
            .with_date(jiff::civil::Date::new(2024, 1, 2).ok());
        assert_eq!(
            (d.date_source, d.month_day),
            (DateSource::Option, Some((1, 2)))
        );
    }

    #[test]
    fn an_unreadable_front_matter_date_names_its_key() {
        let e = Document::from_text(
            "a.md",
            "---\npublishDate: next Tuesday\n---\nText.\n".into(),
            Format::Markdown,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("publishDate: next Tuesday"), "{e}");
    }
}
