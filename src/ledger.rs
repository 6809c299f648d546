//! The facts ledger: every figure of a draft, one line each, sorted by position, written beside
//! the draft (`draft.md.facts`) so that a diff of the repository shows every changed number.
//!
//! A line reads
//!
//! ```text
//! count/vehicle/towed = 38 «38 vehicles» | Wardens towed 38 vehicles from the bus lane.
//! ```
//!
//! — claim key (dimension / counted noun / role), value or interval with unit, the figure as
//! written, and the sentence around it. Positions take no part (version 1 led each line with
//! `line:col`): inserting a paragraph above a figure does not change its line, so the ledger
//! changes only when a figure, its reading or its sentence does. The text depends only on the
//! draft, so it is stable from run to run. [`diff`] compares two versions of a draft by claim
//! key and context rather than by line number; [`parse`] reads a ledger back for it.

use crate::analysis::Analysis;
use crate::{Bound, Dimension, Document, Quantity};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The first line of every ledger.
pub const HEADER: &str = "# figcheck facts v2";

/// What every version's first line starts with; a file that does not is not overwritten.
pub const HEADER_PREFIX: &str = "# figcheck facts v";

/// One figure in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// 1-based line of the figure.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// Byte offset (not printed: it shifts with every edit above).
    pub start: usize,
    /// Claim key: `dimension[/noun][/role]`.
    pub key: String,
    /// The value or interval with its unit.
    pub value: String,
    /// The figure as written.
    pub text: String,
    /// The sentence around it, whitespace-normalised.
    pub sentence: String,
    /// The sentence with this figure masked, for matching across versions.
    #[serde(skip)]
    pub context: String,
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dec(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The claim key of a figure: `count/drone/launched`, `length`, `percent/vote`.
pub fn key(q: &Quantity) -> String {
    let mut k = q.dimension.as_str().to_string();
    let noun = q.lemma.as_deref().or(q.noun.as_deref());
    if let Some(n) = noun.filter(|n| !n.is_empty()) {
        k.push('/');
        k.push_str(&n.to_lowercase().replace([' ', '/'], "-"));
    }
    if let Some(r) = q.role.as_deref().filter(|r| !r.is_empty()) {
        k.push('/');
        k.push_str(r);
    }
    k
}

/// The value column: a number, `~v [lo, hi]` for hedged figures, an interval, or a date.
pub fn value(q: &Quantity) -> String {
    let mut v = if q.dimension == Dimension::Date {
        match (q.date, q.date_end) {
            (Some(d), Some(e)) if e != d => format!("{d}..{e}"),
            (Some(d), _) => d.to_string(),
            _ => "unresolved".to_string(),
        }
    } else if let Some(f) = q.point() {
        if q.approx || q.bound != Bound::Exact {
            let lo = q.low.map(dec).unwrap_or_else(|| "-inf".into());
            let hi = q.high.map(dec).unwrap_or_else(|| "inf".into());
            format!("~{} [{lo}, {hi}]", dec(f.value))
        } else {
            dec(f.value)
        }
    } else {
        let lo = q.low.map(dec).unwrap_or_else(|| "-inf".into());
        let hi = q.high.map(dec).unwrap_or_else(|| "inf".into());
        let l = if q.bound == Bound::Gt { "(" } else { "[" };
        let r = if q.bound == Bound::Lt || q.high.is_none() {
            ")"
        } else {
            "]"
        };
        format!("{l}{lo}, {hi}{r}")
    };
    if let Some(u) = q.unit.as_deref().filter(|_| q.dimension != Dimension::Date) {
        v.push(' ');
        v.push_str(u);
    }
    v
}

/// The ledger of one document, from its extracted quantities.
pub fn entries(doc: &Document, quantities: &[Quantity]) -> Vec<Entry> {
    entries_in(&Analysis::new(doc, quantities))
}

/// [`entries`] of a document already analysed.
pub fn entries_in(an: &Analysis<'_>) -> Vec<Entry> {
    let doc = an.doc;
    let mut out: Vec<Entry> = an
        .quantities
        .iter()
        .map(|q| {
            let (line, column) = doc.line_col(q.span.start);
            let s = an.sentence_at(q.span.start).map(|k| an.sentences[k].span);
            let (sentence, context) = match s {
                Some(s) => {
                    let sent = doc.prose_of(s.start, s.end);
                    let masked = if q.span.start >= s.start {
                        format!(
                            "{} # {}",
                            doc.prose_of(s.start, q.span.start),
                            doc.prose_of(q.span.end.min(s.end), s.end)
                        )
                    } else {
                        sent.to_string()
                    };
                    (normalize(sent), normalize(&masked))
                }
                _ => (String::new(), String::new()),
            };
            Entry {
                line,
                column,
                start: q.span.start,
                key: key(q),
                value: value(q),
                text: normalize(&doc.decoded(q.span)),
                sentence,
                context,
            }
        })
        .collect();
    out.sort_by(|a, b| (a.start, &a.key).cmp(&(b.start, &b.key)));
    out
}

/// One entry as a ledger line (no newline): no position, so that edits elsewhere leave it be.
pub fn line(e: &Entry) -> String {
    format!("{} = {} «{}» | {}", e.key, e.value, e.text, e.sentence)
}

/// The sentence with the first occurrence of the figure as written masked, whitespace-
/// normalised: the context [`diff`] matches entries read back from a ledger by (the ledger
/// keeps the sentence and the figure, not where in the sentence the figure was).
pub fn context_of(sentence: &str, text: &str) -> String {
    if text.is_empty() {
        return normalize(sentence);
    }
    normalize(&sentence.replacen(text, " # ", 1))
}

/// Reads a ledger's text back into entries (version 2 lines, or version 1's with a leading
/// `line:col`), in order; `line` and `column` are 0 (a ledger keeps no positions) and `start`
/// is the entry's index. `None` when the text is not a ledger.
pub fn parse(ledger: &str) -> Option<Vec<Entry>> {
    let mut lines = ledger.lines();
    if !lines.next()?.starts_with(HEADER_PREFIX) {
        return None;
    }
    let mut out = Vec::new();
    for l in lines.filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        // Version 1: `3:21 key = ...`.
        let l = match l.split_once(' ') {
            Some((pos, rest))
                if pos.split_once(':').is_some_and(|(a, b)| {
                    !a.is_empty()
                        && !b.is_empty()
                        && a.bytes().all(|c| c.is_ascii_digit())
                        && b.bytes().all(|c| c.is_ascii_digit())
                }) =>
            {
                rest
            }
            _ => l,
        };
        let (key, rest) = l.split_once(" = ")?;
        let (value, rest) = rest.split_once(" «")?;
        let (text, sentence) = rest
            .rsplit_once("» | ")
            .or_else(|| rest.strip_suffix("» |").map(|t| (t, "")))?;
        out.push(Entry {
            line: 0,
            column: 0,
            start: out.len(),
            key: key.to_string(),
            value: value.to_string(),
            text: text.to_string(),
            sentence: sentence.to_string(),
            context: context_of(sentence, text),
        });
    }
    Some(out)
}

/// The whole ledger text for a draft named `name` (the file name only, so moving the
/// repository does not change it).
pub fn render(name: &str, entries: &[Entry]) -> String {
    let mut s = format!("{HEADER}: {name}\n# key = value «as written» | sentence\n");
    for e in entries {
        s.push_str(&line(e));
        s.push('\n');
    }
    s
}

/// What a ledger write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The file did not exist.
    Created,
    /// The content changed.
    Updated,
    /// Same content: not touched.
    Unchanged,
}

/// Writes `content` to `path` atomically (a temporary file in the same directory, then a
/// rename), only when it differs from what is there. Refuses to write over `draft`, or over an
/// existing file that is not a ledger.
pub fn write(path: &Path, content: &str, draft: &Path) -> std::io::Result<Written> {
    use std::io::{Error, ErrorKind};
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    };
    if same(path, draft) {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "the ledger path is the draft itself; not writing",
        ));
    }
    let existing = match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(old) = &existing {
        if old == content.as_bytes() {
            return Ok(Written::Unchanged);
        }
        if !old.starts_with(HEADER_PREFIX.as_bytes()) {
            return Err(Error::new(
                ErrorKind::AlreadyExists,
                "exists and is not a figcheck ledger; not overwriting",
            ));
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ledger".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(content.as_bytes())?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(if existing.is_some() {
        Written::Updated
    } else {
        Written::Created
    })
}

/// A difference between two versions of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
pub enum Change {
    /// A figure only in the new version.
    Added {
        /// The new figure.
        new: Entry,
    },
    /// A figure only in the old version.
    Removed {
        /// The old figure.
        old: Entry,
    },
    /// The same claim with another value or wording.
    Changed {
        /// Before.
        old: Entry,
        /// After.
        new: Entry,
    },
}

fn words(s: &str) -> std::collections::HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn similarity(a: &str, b: &str) -> f64 {
    let (wa, wb) = (words(a), words(b));
    let union = wa.union(&wb).count();
    if union == 0 {
        return 1.0;
    }
    wa.intersection(&wb).count() as f64 / union as f64
}

/// Candidates of one group, in order; `cursor` skips those already paired at the front, so
/// each lookup costs at most a window's worth of comparisons.
#[derive(Default)]
struct Queue {
    items: Vec<usize>,
    cursor: usize,
}

impl Queue {
    fn window<'a>(&'a mut self, used: &'a [bool], n: usize) -> impl Iterator<Item = usize> + 'a {
        while self.cursor < self.items.len() && used[self.items[self.cursor]] {
            self.cursor += 1;
        }
        let end = (self.cursor + n).min(self.items.len());
        self.items[self.cursor..end]
            .iter()
            .copied()
            .filter(move |&j| !used[j])
    }
}

/// Compares two ledgers by claim key and context, not line numbers. Pairs, in order of
/// confidence: identical figures in identical sentences (unchanged, not listed); the same key
/// in the same sentence (changed value); the same key in a similar sentence; the same sentence
/// and dimension (the key itself changed). Everything left is added or removed. Each figure is
/// compared with at most a bounded number of candidates, so the work stays linear.
pub fn diff(old: &[Entry], new: &[Entry]) -> Vec<Change> {
    const WINDOW: usize = 32;
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();

    // Pass 1 and 2: exact keys through hash maps.
    type Keyer = fn(&Entry) -> String;
    let passes: [Keyer; 3] = [
        |e| format!("{}\u{0}{}\u{0}{}\u{0}{}", e.key, e.value, e.text, e.context),
        |e| format!("{}\u{0}{}", e.key, e.context),
        |e| format!("{}\u{0}{}", e.key, e.value),
    ];
    for (pass, keyer) in passes.iter().enumerate() {
        let mut by: HashMap<String, Queue> = HashMap::new();
        for (j, e) in new.iter().enumerate() {
            if !new_used[j] {
                by.entry(keyer(e)).or_default().items.push(j);
            }
        }
        for (i, e) in old.iter().enumerate() {
            if old_used[i] {
                continue;
            }
            if let Some(q) = by.get_mut(&keyer(e)) {
                // Same key and value but a rewritten sentence only counts when the sentences
                // still look alike.
                let found = q
                    .window(&new_used, WINDOW)
                    .find(|&j| pass < 2 || similarity(&e.context, &new[j].context) >= 0.5);
                if let Some(j) = found {
                    old_used[i] = true;
                    new_used[j] = true;
                    pairs.push((i, j));
                }
            }
        }
    }

    // Pass 3 and 4: best similar candidate within a window of the same key / dimension.
    for pass in 0..2 {
        let group = |e: &Entry| -> String {
            if pass == 0 {
                e.key.clone()
            } else {
                e.key.split('/').next().unwrap_or("").to_string()
            }
        };
        let threshold = if pass == 0 { 0.5 } else { 0.8 };
        let mut by: HashMap<String, Queue> = HashMap::new();
        for (j, e) in new.iter().enumerate() {
            if !new_used[j] {
                by.entry(group(e)).or_default().items.push(j);
            }
        }
        for (i, e) in old.iter().enumerate() {
            if old_used[i] {
                continue;
            }
            let Some(q) = by.get_mut(&group(e)) else {
                continue;
            };
            let best = q
                .window(&new_used, WINDOW)
                .map(|j| (similarity(&e.context, &new[j].context), j))
                .filter(|(s, _)| *s >= threshold)
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            if let Some((_, j)) = best {
                old_used[i] = true;
                new_used[j] = true;
                pairs.push((i, j));
            }
        }
    }

    let mut out: Vec<(usize, Change)> = Vec::new();
    for (i, j) in pairs {
        let (o, n) = (&old[i], &new[j]);
        if o.value != n.value || o.key != n.key || o.text != n.text {
            out.push((
                n.start,
                Change::Changed {
                    old: o.clone(),
                    new: n.clone(),
                },
            ));
        }
    }
    for (i, o) in old.iter().enumerate() {
        if !old_used[i] {
            // Removed figures sort near where they were, by their old position.
            out.push((o.start, Change::Removed { old: o.clone() }));
        }
    }
    for (j, n) in new.iter().enumerate() {
        if !new_used[j] {
            out.push((n.start, Change::Added { new: n.clone() }));
        }
    }
    out.sort_by_key(|(at, c)| {
        (
            *at,
            match c {
                Change::Removed { .. } => 0,
                Change::Changed { .. } => 1,
                Change::Added { .. } => 2,
            },
        )
    });
    out.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;

    fn ledger(text: &str) -> Vec<Entry> {
        let d = Document::from_text("d.md", text.to_string(), Format::Markdown).unwrap();
        entries(&d, &crate::extract(&d))
    }

    #[test]
    fn one_line_per_figure_sorted_by_position() {
        let t = "Russia launched 111 drones overnight.\n\nAir defences downed 80 drones.\n";
        let l = ledger(t);
        let text = render("d.md", &l);
        let lines: Vec<_> = text.lines().skip(2).collect();
        assert_eq!(lines.len(), l.len());
        assert!(l.windows(2).all(|w| w[0].start <= w[1].start));
        assert!(text.starts_with(HEADER));
        assert!(
            lines
                .iter()
                .any(|s| s.contains("111") && s.contains("Russia launched")),
            "{text}"
        );
        // Stable: the same input renders the same text.
        assert_eq!(text, render("d.md", &ledger(t)));
    }

    #[test]
    fn diff_matches_by_context_not_line() {
        let old =
            ledger("Russia launched 111 drones overnight.\n\nAir defences downed 80 drones.\n");
        let new = ledger(
            "A new lead paragraph.\n\nRussia launched 112 drones overnight.\n\nAir defences downed 80 drones.\n\nThree people were hurt.\n",
        );
        let ch = diff(&old, &new);
        let changed: Vec<_> = ch
            .iter()
            .filter_map(|c| match c {
                Change::Changed { old, new } => Some((old.text.clone(), new.text.clone())),
                _ => None,
            })
            .collect();
        assert!(
            changed
                .iter()
                .any(|(o, n)| o.contains("111") && n.contains("112")),
            "{ch:#?}"
        );
        assert!(
            !ch.iter()
                .any(|c| matches!(c, Change::Removed { old } if old.text.contains("80"))),
            "{ch:#?}"
        );
        assert!(
            ch.iter().any(
                |c| matches!(c, Change::Added { new } if new.text.to_lowercase().contains("three"))
            ),
            "{ch:#?}"
        );
        assert!(diff(&new, &new).is_empty());
    }

    #[test]
    fn a_line_inserted_above_changes_nothing() {
        let v1 = "Wardens towed 38 vehicles from the bus lane.\n\nFines rose to £65.\n";
        let v2 = format!("A new standfirst without figures.\n\n{v1}");
        let (a, b) = (render("d.md", &ledger(v1)), render("d.md", &ledger(&v2)));
        assert_eq!(a, b);
        assert!(a.lines().nth(2).unwrap().starts_with("count/"), "{a}");
    }

    #[test]
    fn parse_reads_back_what_render_wrote() {
        let t = "Wardens towed 38 vehicles from the bus lane.\n\nAbout 1,200 fines, up 4%, were sent.\n";
        let l = ledger(t);
        assert!(l.len() >= 2);
        let back = parse(&render("d.md", &l)).unwrap();
        assert_eq!(back.len(), l.len());
        for (x, y) in l.iter().zip(&back) {
            assert_eq!(
                (&x.key, &x.value, &x.text, &x.sentence),
                (&y.key, &y.value, &y.text, &y.sentence)
            );
        }
        // Version 1 lines, with positions, read the same.
        let v1: String = render("d.md", &l)
            .lines()
            .enumerate()
            .map(|(k, line)| {
                if k < 2 {
                    format!("{line}\n")
                } else {
                    format!("{k}:7 {line}\n")
                }
            })
            .collect::<String>()
            .replacen("v2", "v1", 1);
        assert_eq!(parse(&v1).unwrap(), back);
        assert!(parse("not a ledger\n").is_none());
        // Read back, the same ledger has no changes; an edited figure is one change.
        assert!(diff(&back, &parse(&render("d.md", &l)).unwrap()).is_empty());
        let edited = parse(&render("d.md", &ledger(&t.replace("38", "39")))).unwrap();
        let ch = diff(&back, &edited);
        assert_eq!(ch.len(), 1, "{ch:#?}");
        assert!(
            matches!(&ch[0], Change::Changed { old, new } if old.value == "38" && new.value == "39")
        );
    }

    #[test]
    fn write_is_atomic_and_only_on_change() {
        let dir = std::env::temp_dir().join(format!("figcheck-ledger-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let draft = dir.join("d.md");
        std::fs::write(&draft, "x").unwrap();
        let path = dir.join("d.md.facts");
        let body = format!("{HEADER}: d.md\n");
        assert_eq!(write(&path, &body, &draft).unwrap(), Written::Created);
        assert_eq!(write(&path, &body, &draft).unwrap(), Written::Unchanged);
        assert_eq!(
            write(&path, &format!("{body}x\n"), &draft).unwrap(),
            Written::Updated
        );
        assert!(write(&draft, &body, &draft).is_err());
        assert_eq!(std::fs::read_to_string(&draft).unwrap(), "x");
        let foreign = dir.join("notes.facts");
        std::fs::write(&foreign, "mine").unwrap();
        assert!(write(&foreign, &body, &draft).is_err());
        assert_eq!(std::fs::read_to_string(&foreign).unwrap(), "mine");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
