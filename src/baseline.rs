//! Baselines: accept today's findings, report only new ones.
//!
//! A finding's fingerprint is a hash of its rule code, the text of the figure it points at and
//! the whitespace-normalised text of the sentence around it, plus an occurrence index among
//! findings with the same hash in the same file. Line numbers and offsets are not part of it,
//! so edits elsewhere in the file (a new paragraph above, a fixed typo in another sentence) keep
//! old findings matched, while rewriting the sentence itself makes it new again.

use crate::analysis::Analysis;
use crate::{Diagnostic, Document};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The file name as given when the baseline was made.
    pub file: String,
    /// The rule code.
    pub code: String,
    /// The fingerprint (16 hex digits).
    pub fingerprint: String,
    /// The message at the time, for people reading the file.
    pub message: String,
}

/// A baseline file: `{"version":1,"findings":[...]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version (1).
    pub version: u32,
    /// The accepted findings.
    pub findings: Vec<Entry>,
}

/// FNV-1a, 64 bits: stable across platforms and Rust versions (unlike `DefaultHasher`).
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in p.as_bytes().iter().chain(std::iter::once(&0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sentence (from the prose) containing byte `at`, whitespace-normalised.
fn sentence_at(an: &Analysis<'_>, at: usize) -> String {
    match an.sentence_at(at) {
        Some(k) => {
            let s = an.sentences[k].span;
            normalize(an.doc.prose_of(s.start, s.end))
        }
        None => String::new(),
    }
}

/// The fingerprints of `diagnostics` (in order). Findings for files other than `doc` get
/// fingerprints from their code and message only.
pub fn fingerprints(doc: &Document, diagnostics: &[Diagnostic]) -> Vec<String> {
    fingerprints_in(&Analysis::new(doc, &[]), diagnostics)
}

/// [`fingerprints`] with the document's analysis.
pub fn fingerprints_in(an: &Analysis<'_>, diagnostics: &[Diagnostic]) -> Vec<String> {
    let doc = an.doc;
    let mut seen: HashMap<(String, u64), usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let base = if d.file == doc.name {
                let figure = normalize(&doc.decoded(d.span));
                let sentence = sentence_at(an, d.span.start);
                fnv(&[&d.code, &figure, &sentence])
            } else {
                fnv(&[&d.code, &d.message])
            };
            let n = seen.entry((d.file.clone(), base)).or_insert(0);
            let fp = fnv(&[&format!("{base:016x}"), &n.to_string()]);
            *n += 1;
            format!("{fp:016x}")
        })
        .collect()
}

impl Baseline {
    /// Records `findings`, given with the document each belongs to.
    pub fn record(findings: &[(&Document, Vec<Diagnostic>)]) -> Baseline {
        let mut out = Vec::new();
        for (doc, ds) in findings {
            for (d, fp) in ds.iter().zip(fingerprints(doc, ds)) {
                out.push(Entry {
                    file: d.file.clone(),
                    code: d.code.clone(),
                    fingerprint: fp,
                    message: d.message.clone(),
                });
            }
        }
        out.sort_by(|a, b| (&a.file, &a.fingerprint).cmp(&(&b.file, &b.fingerprint)));
        Baseline {
            version: 1,
            findings: out,
        }
    }

    /// Parses a baseline file's text; the error names what is wrong.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if b.version != 1 {
            return Err(format!("unsupported baseline version {}", b.version));
        }
        Ok(b)
    }

    /// As pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Keeps only the findings of `doc` not in the baseline. Returns (new findings, how many
    /// were in the baseline).
    pub fn filter(&self, doc: &Document, diagnostics: Vec<Diagnostic>) -> (Vec<Diagnostic>, usize) {
        let known: HashSet<(&str, &str)> = self
            .findings
            .iter()
            .map(|e| (e.file.as_str(), e.fingerprint.as_str()))
            .collect();
        let fps = fingerprints(doc, &diagnostics);
        let mut kept = Vec::new();
        let mut matched = 0;
        for (d, fp) in diagnostics.into_iter().zip(fps) {
            if known.contains(&(d.file.as_str(), fp.as_str())) {
                matched += 1;
            } else {
                kept.push(d);
            }
        }
        (kept, matched)
    }

    /// Keeps only the findings of `doc` not in the baseline, matching entries to the document
    /// by path whatever its spelling: `doc_path` is where the document is (absolute, as
    /// [`resolve`] gives), and an entry's file matches when it names that file relative to any
    /// folder above it (recorded from the repository root, from a subfolder, or absolute).
    /// Returns the new findings and the indices (into `findings`) of the entries that
    /// accepted one.
    pub fn filter_at(
        &self,
        doc: &Document,
        doc_path: &std::path::Path,
        diagnostics: Vec<Diagnostic>,
    ) -> (Vec<Diagnostic>, Vec<usize>) {
        let mut known: HashMap<&str, Vec<usize>> = HashMap::new();
        for k in self.entries_for(doc_path) {
            known
                .entry(self.findings[k].fingerprint.as_str())
                .or_default()
                .push(k);
        }
        let fps = fingerprints(doc, &diagnostics);
        let mut kept = Vec::new();
        let mut used = Vec::new();
        for (d, fp) in diagnostics.into_iter().zip(fps) {
            let hit = if d.file == doc.name {
                known.get_mut(fp.as_str()).and_then(Vec::pop)
            } else {
                None
            };
            match hit {
                Some(k) => used.push(k),
                None => kept.push(d),
            }
        }
        used.sort_unstable();
        (kept, used)
    }

    /// The indices of the entries whose file is the file at `doc_path` (see
    /// [`Baseline::filter_at`]).
    pub fn entries_for(&self, doc_path: &std::path::Path) -> Vec<usize> {
        self.findings
            .iter()
            .enumerate()
            .filter(|(_, e)| names_file(&e.file, doc_path))
            .map(|(k, _)| k)
            .collect()
    }

    /// How many entries each file has (for summaries).
    pub fn counts(&self) -> BTreeMap<&str, usize> {
        let mut m = BTreeMap::new();
        for e in &self.findings {
            *m.entry(e.file.as_str()).or_insert(0) += 1;
        }
        m
    }
}

/// Where a document named `name` is: canonical when the file exists, else absolute with `.`
/// and `..` resolved by name.
pub fn resolve(name: &str) -> std::path::PathBuf {
    let p = std::path::Path::new(name);
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    lexical(&abs)
}

/// `.` and `..` resolved by name.
fn lexical(p: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Whether `recorded` (an entry's file as it was named) names the file at `path` (absolute):
/// an absolute name must resolve to it; a relative one must be a tail of it, component by
/// component, once leading `./` and `../` are dropped (`sub/a.md` names `/repo/sub/a.md`, and
/// so does `a.md`; `b/a.md` does not).
pub fn names_file(recorded: &str, path: &std::path::Path) -> bool {
    use std::path::Component;
    let r = std::path::Path::new(recorded);
    if r.is_absolute() {
        return resolve(recorded) == path || lexical(r) == path;
    }
    let tail: Vec<_> = r
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .collect();
    // `../a.md` with its `..` dropped is only a tail if nothing but `..` and `.` preceded it.
    let plain = r
        .components()
        .skip_while(|c| matches!(c, Component::CurDir | Component::ParentDir))
        .all(|c| matches!(c, Component::Normal(_)));
    if tail.is_empty() || !plain {
        return false;
    }
    let whole: Vec<_> = path.components().collect();
    whole.len() >= tail.len() && whole[whole.len() - tail.len()..] == tail[..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, Severity, Span};

    fn doc(text: &str) -> Document {
        Document::from_text("d.md", text.to_string(), Format::Markdown).unwrap()
    }

    fn diag(text: &str, needle: &str) -> Diagnostic {
        let s = text.find(needle).unwrap();
        Diagnostic::new(
            "conversion",
            Severity::Error,
            "d.md",
            Span::new(s, s + needle.len()),
            "m",
        )
    }

    #[test]
    fn survives_edits_elsewhere_but_not_in_its_sentence() {
        let v1 = "It was 100 km (60 miles) long.\n\nOther text.\n";
        let v2 =
            "A new first paragraph.\n\nIt was 100 km (60 miles) long.\n\nOther text, edited.\n";
        let v3 = "It was 100 km (60 miles) wide.\n\nOther text.\n";
        let d1 = doc(v1);
        let b = Baseline::record(&[(&d1, vec![diag(v1, "60 miles")])]);
        let b = Baseline::parse(&b.to_json()).unwrap();
        let (kept, matched) = b.filter(&doc(v2), vec![diag(v2, "60 miles")]);
        assert!(kept.is_empty());
        assert_eq!(matched, 1);
        let (kept, _) = b.filter(&doc(v3), vec![diag(v3, "60 miles")]);
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn a_second_identical_finding_is_new() {
        let v1 = "It was 5 km (5 miles).\n";
        let v2 = "It was 5 km (5 miles).\n\nIt was 5 km (5 miles).\n";
        let b = Baseline::record(&[(&doc(v1), vec![diag(v1, "5 miles")])]);
        let s = v2.rfind("5 miles").unwrap();
        let second = Diagnostic::new(
            "conversion",
            Severity::Error,
            "d.md",
            Span::new(s, s + 7),
            "m",
        );
        let (kept, matched) = b.filter(&doc(v2), vec![diag(v2, "5 miles"), second.clone()]);
        assert_eq!((kept, matched), (vec![second], 1));
    }

    #[test]
    fn entries_match_whatever_the_path_spelling() {
        let at = std::path::Path::new("/repo/desk/a.md");
        for name in [
            "a.md",
            "desk/a.md",
            "./desk/a.md",
            "../desk/a.md",
            "/repo/desk/a.md",
            "/repo/x/../desk/a.md",
        ] {
            assert!(names_file(name, at), "{name}");
        }
        for name in [
            "b.md",
            "other/a.md",
            "sk/a.md",
            "/elsewhere/desk/a.md",
            "desk/../a.md",
            "",
        ] {
            assert!(!names_file(name, at), "{name}");
        }
        let v1 = "It was 100 km (60 miles) long.\n";
        let b = Baseline::record(&[(&doc(v1), vec![diag(v1, "60 miles")])]);
        // Recorded as "d.md"; checked again as a file elsewhere named the same: matched.
        let (kept, used) = b.filter_at(
            &doc(v1),
            std::path::Path::new("/r/s/d.md"),
            vec![diag(v1, "60 miles")],
        );
        assert!(kept.is_empty());
        assert_eq!(used, vec![0]);
        let (kept, used) = b.filter_at(
            &doc(v1),
            std::path::Path::new("/r/s/e.md"),
            vec![diag(v1, "60 miles")],
        );
        assert_eq!((kept.len(), used.len()), (1, 0));
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(Baseline::parse("{}").is_err());
        assert!(Baseline::parse("{\"version\":2,\"findings\":[]}").is_err());
        assert!(Baseline::parse("not json").is_err());
    }
}
