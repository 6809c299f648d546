//! HTML → prose: text between tags is prose; tags, attributes, comments, `script` and `style`
//! contents are blanked. Character references in the text are found and decoded
//! ([`super::charref`]): the prose keeps every byte at its file offset.

use super::blank;
use super::charref::{self, CharRef};

/// Returns the prose copy of `text` and the character references in it.
pub fn prose(text: &str) -> (String, Vec<CharRef>) {
    let mut buf = text.as_bytes().to_vec();
    let lower = text.to_ascii_lowercase();
    let lb = lower.as_bytes();
    let mut i = 0;
    while i < buf.len() {
        if lb[i] != b'<' {
            i += 1;
            continue;
        }
        let end = if lb[i..].starts_with(b"<!--") {
            find(lb, i + 4, b"-->").map_or(lb.len(), |k| k + 3)
        } else if lb[i..].starts_with(b"<script") || lb[i..].starts_with(b"<style") {
            let close: &[u8] = if lb[i..].starts_with(b"<script") {
                b"</script"
            } else {
                b"</style"
            };
            let k = find(lb, i + 1, close).unwrap_or(lb.len());
            find(lb, k, b">").map_or(lb.len(), |k| k + 1)
        } else {
            find(lb, i + 1, b">").map_or(lb.len(), |k| k + 1)
        };
        // Block-level tags end a sentence: leave a newline.
        let tag = &lb[i..end];
        let is_block = [
            &b"<p"[..],
            b"</p",
            b"<br",
            b"<div",
            b"</div",
            b"<h1",
            b"<h2",
            b"<h3",
            b"<h4",
            b"</h",
            b"<li",
            b"</li",
            b"<tr",
            b"<td",
            b"</td",
            b"<blockquote",
            b"</blockquote",
            b"<title",
            b"</title",
        ]
        .iter()
        .any(|p| tag.starts_with(p));
        blank(&mut buf, i, end);
        if is_block && end > i {
            buf[end - 1] = b'\n';
        }
        i = end;
    }
    super::markdown::blank_urls(&mut buf);
    // Only text is left unblanked, so every reference still in the prose is in the text.
    let mut refs = charref::find(&buf);
    charref::pad(&mut buf, text.as_bytes(), &mut refs);
    let prose = String::from_utf8(buf)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (prose, refs)
}

/// `<meta>` names and properties that give the publication date, in order of preference.
const META_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "sailthru.date",
    "parsely-pub-date",
];

/// The value of attribute `name` in one tag (lower-cased tag text `lt`, original `t`).
fn attr<'a>(t: &'a str, lt: &str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(k) = lt[from..].find(name) {
        let at = from + k;
        from = at + name.len();
        let before_ok = at > 0 && lt.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lt[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let vstart = lt.len() - rest.len() + 1;
        let r = &t[vstart..];
        let lead = r.len() - r.trim_start().len();
        let r = &r[lead..];
        return Some(match r.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let r = &r[1..];
                &r[..r.find(q).unwrap_or(r.len())]
            }
            _ => {
                let n = r
                    .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .unwrap_or(r.len());
                &r[..n]
            }
        });
    }
    None
}

/// The publication date an HTML page states in its markup: `<meta>` ([`META_KEYS`], by
/// `property`, `name` or `itemprop`), JSON-LD `datePublished`, then a `<time datetime>` that
/// is marked as the publication (`pubdate`, `itemprop="datePublished"`) or comes before the
/// first paragraph. Values that cannot be read are passed over.
pub fn published(text: &str) -> Option<jiff::civil::Date> {
    let lower = text.to_ascii_lowercase();
    let lb = lower.as_bytes();
    let mut best: Option<(usize, jiff::civil::Date)> = None;
    let mut ld: Option<jiff::civil::Date> = None;
    let mut time: Option<jiff::civil::Date> = None;
    let first_p = lower.find("<p").unwrap_or(lower.len());
    let mut i = 0;
    while let Some(k) = find(lb, i, b"<") {
        let end = find(lb, k, b">").map_or(lb.len(), |e| e + 1);
        let (t, lt) = (&text[k..end], &lower[k..end]);
        i = end.max(k + 1);
        if lt.starts_with("<meta") {
            let key = ["property", "name", "itemprop"]
                .iter()
                .find_map(|a| attr(t, lt, a))
                .map(str::to_ascii_lowercase);
            if let Some(key) = key
                && let Some(rank) = META_KEYS.iter().position(|m| *m == key)
                && best.is_none_or(|(r, _)| rank < r)
                && let Some(d) = attr(t, lt, "content").and_then(super::dated::parse_value)
            {
                best = Some((rank, d));
            }
        } else if lt.starts_with("<script") && lt.contains("ld+json") {
            let close = find(lb, end, b"</script").unwrap_or(lb.len());
            let body = &text[end..close];
            if ld.is_none()
                && let Some(p) = body.find("\"datePublished\"")
            {
                let r = body[p + 15..].trim_start();
                if let Some(r) = r.strip_prefix(':') {
                    let r = r.trim_start();
                    if let Some(r) = r.strip_prefix('"') {
                        ld = super::dated::parse_value(&r[..r.find('"').unwrap_or(r.len())]);
                    }
                }
            }
            i = close;
        } else if lt.starts_with("<time") && time.is_none() {
            let marked = lt.contains(" pubdate")
                || attr(t, lt, "itemprop").is_some_and(|v| v.eq_ignore_ascii_case("datepublished"));
            if (marked || k < first_p)
                && let Some(v) = attr(t, lt, "datetime")
            {
                time = super::dated::parse_value(v);
            }
        }
    }
    best.map(|(_, d)| d).or(ld).or(time)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|k| k + from)
}

#[cfg(test)]
mod tests {
    use crate::source::{Document, Format};

    fn doc(text: &str) -> Document {
        Document::from_text("d.html", text.to_string(), Format::Html).unwrap()
    }

    /// Each figure's file text, value and unit.
    fn figures(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let d = doc(text);
        crate::extract(&d)
            .iter()
            .map(|q| {
                (
                    q.text(&d.text).to_string(),
                    q.value.map(|f| f.value.to_string()),
                    q.unit.clone(),
                )
            })
            .collect()
    }

    fn fig(
        text: &str,
        value: &str,
        unit: Option<&str>,
    ) -> (String, Option<String>, Option<String>) {
        (text.into(), Some(value.into()), unit.map(Into::into))
    }

    #[test]
    fn references_in_text_are_decoded_and_spans_cover_them() {
        assert_eq!(
            figures("<p>It fell to &minus;8 &deg;C (18 &deg;F).</p>"),
            [
                fig("&minus;8 &deg;C", "-8", Some("°C")),
                fig("18 &deg;F", "18", Some("°F")),
            ]
        );
        assert_eq!(
            figures("<p>Rain reached 250&nbsp;mm (6&#160;inches), 1&#8239;000 homes.</p>"),
            [
                fig("250&nbsp;mm", "250", Some("mm")),
                fig("6&#160;inches", "6", Some("in")),
                fig("1&#8239;000", "1000", None),
            ]
        );
        assert_eq!(
            figures(
                "<p>It costs &euro;12, &pound;10 or &#x24;15; 5&thinsp;km; &frac34; of it.</p>"
            ),
            [
                fig("&euro;12", "12", Some("EUR")),
                fig("&pound;10", "10", Some("GBP")),
                fig("&#x24;15", "15", Some("USD")),
                fig("5&thinsp;km", "5", Some("km")),
                fig("&frac34;", "0.75", None),
            ]
        );
    }

    #[test]
    fn only_text_references_are_read() {
        let t = "<p title=\"&minus;5 &deg;C\">Up 5&percnt;</p>\
                 <script>t = '&minus;3 &deg;C'</script><!-- &minus;4 &deg;C -->\
                 <style>/* &minus;6 */</style> see https://x.org/?a=1&amp;b=2 &bogus; &amp;deg;";
        let d = doc(t);
        let found: Vec<&str> = d.references().iter().map(|r| &t[r.start..r.end]).collect();
        assert_eq!(found, ["&percnt;", "&amp;"]);
        assert_eq!(d.prose.len(), t.len());
        assert!(d.reading_text().contains("Up 5%"), "{:?}", d.reading_text());
        // An unknown reference and an escaped one stay as written.
        assert!(
            d.reading_text().ends_with("&bogus; &deg;"),
            "{:?}",
            d.reading_text()
        );
        let qs = crate::extract(&d);
        assert_eq!(qs.len(), 1, "{qs:#?}");
        assert_eq!(qs[0].text(t), "5&percnt;");
    }

    #[test]
    fn a_wrong_conversion_behind_a_reference_is_flagged() {
        let d = doc("<p>Rain reached 250&nbsp;mm (6&nbsp;inches) in the hills.</p>");
        let qs = crate::extract(&d);
        let found = crate::check(&d, &qs, &crate::CheckOptions::default());
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].code, "conversion");
        assert_eq!(
            &d.text[found[0].span.start..found[0].span.end],
            "6&nbsp;inches"
        );
        assert!(found[0].message.contains("250 mm"), "{}", found[0].message);
    }

    #[test]
    fn sentences_and_context_read_the_decoded_text() {
        let t = "<p>Officials said 40&nbsp;drones were downed in Kharkiv&rsquo;s region.&rdquo; \
                 Then 12 more.</p>";
        let d = doc(t);
        let ss: Vec<&str> = d.sentences().iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(ss.len(), 2, "{ss:?}");
        assert!(ss[0].ends_with("region.&rdquo;"), "{ss:?}");
        let qs = crate::extract(&d);
        assert_eq!(qs[0].noun.as_deref(), Some("drones"));
        assert_eq!(qs[0].role.as_deref(), Some("downed"));
        assert_eq!(qs[1].sentence, 1);
        // The possessive is read as one: no place "kharkiv".
        let cs = crate::claim::claims(0, &d, &qs);
        assert_eq!(cs[0].key.place, None, "{:?}", cs[0].key);
        assert_eq!(
            d.prose_of(qs[0].span.end, d.sentences()[0].end),
            "\u{a0}drones were downed in Kharkiv’s region.”"
        );
    }
}
