//! `figcheck diff OLD NEW`: the figures added, removed and changed between two versions of a
//! draft, matched by claim key and context rather than line number. Either version may be `-`
//! (standard input); `figcheck diff REV -- FILE` compares FILE with its version at the git
//! revision REV (`git show REV:FILE`). A version read from a pipe takes its format from the
//! other's file name. Exits 0 when no figure changed, 1 when some did (like diff(1)), 2 on a
//! read error.

use crate::cli::OutputFormat;
use crate::render::style::{self, GREEN, RED, YELLOW};
use figcheck::ledger::{self, Change, Entry};
use figcheck::{Document, Format};
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// The arguments of `diff`, validated (exactly one of `new` and `file`).
#[derive(Debug)]
pub struct DiffArgs {
    /// The old version's path, `-`, or (with `file`) a git revision.
    pub old: String,
    /// The new version's path or `-`.
    pub new: Option<PathBuf>,
    /// After `--`: the file compared with its version at revision `old`.
    pub file: Option<PathBuf>,
    /// human or json.
    pub format: OutputFormat,
    /// `--date`.
    pub date: Option<Date>,
    /// `--max-size` (else the configuration's limit).
    pub max_size: Option<u64>,
    /// Whether to colour.
    pub color: bool,
}

/// The format a name gives, when its extension is one of ours (`/dev/fd/63` or `-` gives
/// none).
fn named_format(name: &str) -> Option<Format> {
    let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "md" | "markdown" | "mdx" | "html" | "htm" | "txt"
    )
    .then(|| Format::from_path(name))
}

/// One version, before it is parsed: its name for messages and its bytes.
struct Version {
    name: String,
    bytes: Vec<u8>,
}

fn read_file(p: &Path, limit: u64) -> Result<Version, String> {
    let name = p.display().to_string();
    if p.as_os_str() == "-" {
        return figcheck::source::read_bounded(std::io::stdin().lock(), limit)
            .map(|bytes| Version {
                name: "<stdin>".into(),
                bytes,
            })
            .map_err(|e| format!("<stdin>: {e}"));
    }
    // Read through the library, which refuses special files and oversized ones.
    Document::read_limited(p, limit)
        .map(|d| Version {
            name: name.clone(),
            bytes: d.text.into_bytes(),
        })
        .map_err(|e| format!("{name}: {e}"))
}

/// `git show REV:./NAME`, run in FILE's directory (so FILE may be in any repository); an
/// output larger than `limit` is refused like a file.
fn read_revision(rev: &str, file: &Path, limit: u64) -> Result<Version, String> {
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let base = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let shown = format!("{}@{rev}", file.display());
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("show")
        .arg(format!("{rev}:./{base}"))
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("{shown}: cannot run git: {e}"))?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        let why = why.lines().next().unwrap_or("git show failed").trim();
        let why = why.strip_prefix("fatal: ").unwrap_or(why);
        return Err(format!("{shown}: {why}"));
    }
    if out.stdout.len() as u64 > limit {
        return Err(format!(
            "{shown}: {}",
            figcheck::SourceError::TooLarge(limit)
        ));
    }
    Ok(Version {
        name: shown,
        bytes: out.stdout,
    })
}

/// Parses both versions, each in the format of its own name, or else of the other's (a pipe
/// or a revision has the format of the real file).
fn parse(
    old: Version,
    new: Version,
    named: (Option<Format>, Option<Format>),
    date: Option<Date>,
) -> Result<(Document, Document), Vec<String>> {
    let (fo, fnew) = named;
    let fo2 = fo.or(fnew).unwrap_or(Format::Text);
    let fn2 = fnew.or(fo).unwrap_or(Format::Text);
    let o =
        Document::from_bytes(&old.name, old.bytes, fo2).map_err(|e| format!("{}: {e}", old.name));
    let n =
        Document::from_bytes(&new.name, new.bytes, fn2).map_err(|e| format!("{}: {e}", new.name));
    match (o, n) {
        (Ok(o), Ok(n)) => Ok((o.with_date(date), n.with_date(date))),
        (a, b) => Err([a.err(), b.err()].into_iter().flatten().collect()),
    }
}

/// `line:col ` of an entry, or nothing for one read back from a ledger (no position).
fn at(e: &Entry) -> String {
    if e.line == 0 {
        String::new()
    } else {
        format!("{}:{} ", e.line, e.column)
    }
}

/// The human listing of `changes` between `old` and `new`, with its summary line.
pub fn human(old: &str, new: &str, changes: &[Change], color: bool) -> String {
    let p = |code: &str, s: &str| style::paint(color, code, s);
    let (mut a, mut r, mut c) = (0, 0, 0);
    let mut out = String::new();
    for ch in changes {
        match ch {
            Change::Changed { old, new } => {
                c += 1;
                out.push_str(&format!(
                    "{}  {}{}: {} → {}\n",
                    p(YELLOW, "changed"),
                    at(new),
                    new.key,
                    p(RED, &old.value),
                    p(GREEN, &new.value)
                ));
                if old.key != new.key {
                    out.push_str(&format!("         key was {}\n", old.key));
                }
                let minus = format!("- «{}» | {}", old.text, old.sentence);
                let plus = format!("+ «{}» | {}", new.text, new.sentence);
                out.push_str(&format!("         {}\n", p(RED, &minus)));
                out.push_str(&format!("         {}\n", p(GREEN, &plus)));
            }
            Change::Added { new } => {
                a += 1;
                out.push_str(&format!(
                    "{}    {}{} = {}\n",
                    p(GREEN, "added"),
                    at(new),
                    new.key,
                    new.value
                ));
                let plus = format!("+ «{}» | {}", new.text, new.sentence);
                out.push_str(&format!("         {}\n", p(GREEN, &plus)));
            }
            Change::Removed { old } => {
                r += 1;
                let was = match at(old) {
                    a if a.is_empty() => String::new(),
                    a => format!("(was {}) ", a.trim_end()),
                };
                out.push_str(&format!(
                    "{}  {was}{} = {}\n",
                    p(RED, "removed"),
                    old.key,
                    old.value
                ));
                let minus = format!("- «{}» | {}", old.text, old.sentence);
                out.push_str(&format!("         {}\n", p(RED, &minus)));
            }
        }
    }
    out.push_str(&format!(
        "{old} → {new}: {c} changed, {a} added, {r} removed\n"
    ));
    out
}

/// Runs `diff`; returns the exit status.
pub fn run(args: &DiffArgs) -> crate::cmd::Outcome {
    // Both versions are read with the configuration of the new one (the nearest
    // figcheck.toml), or of the old when the new is piped; its limit bounds both reads.
    let config_path = match (&args.new, &args.file) {
        (Some(new), _) => {
            if args.old == "-" && new.as_os_str() == "-" {
                return Err("diff reads at most one version from standard input"
                    .to_string()
                    .into());
            }
            if new.as_os_str() == "-" {
                PathBuf::from(&args.old)
            } else {
                new.clone()
            }
        }
        (None, Some(file)) => file.clone(),
        (None, None) => {
            return Err("diff needs two versions: OLD NEW, or REV -- FILE"
                .to_string()
                .into());
        }
    };
    let mut configs = crate::cmd::configs::Configs::default();
    let config = configs.for_path(&config_path)?.1;
    let limit = args.max_size.unwrap_or_else(|| config.max_file_bytes());
    let grammar = crate::cmd::configs::grammar_of(config);
    let (versions, named) = match (&args.new, &args.file) {
        (Some(new), _) => {
            let named = (
                named_format(&args.old),
                named_format(&new.display().to_string()),
            );
            let old = PathBuf::from(&args.old);
            ((read_file(&old, limit), read_file(new, limit)), named)
        }
        (_, file) => {
            let file = file.as_ref().unwrap_or(&config_path);
            let f = named_format(&file.display().to_string());
            (
                (
                    read_revision(&args.old, file, limit),
                    read_file(file, limit),
                ),
                (f, f),
            )
        }
    };
    let (o, n) = match versions {
        (Ok(o), Ok(n)) => match parse(o, n, named, args.date) {
            Ok(d) => d,
            Err(es) => {
                for e in es {
                    eprintln!("error: {e}");
                }
                return Ok(2);
            }
        },
        (a, b) => {
            for e in [a.err(), b.err()].into_iter().flatten() {
                eprintln!("error: {e}");
            }
            return Ok(2);
        }
    };
    let entries =
        |d: &Document| crate::cmd::isolated(&d.name, || ledger::entries(d, &grammar.extract(d)));
    let (Some(lo), Some(ln)) = (entries(&o), entries(&n)) else {
        return Ok(2);
    };
    let Some(changes) = crate::cmd::isolated(&n.name, || ledger::diff(&lo, &ln)) else {
        return Ok(2);
    };
    let text = match args.format {
        OutputFormat::Json => {
            let v = serde_json::json!({
                "version": 1, "old": o.name, "new": n.name, "changes": changes,
            });
            format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
        }
        // `--format` was checked after parsing: the others do not reach here.
        _ => human(&o.name, &n.name, &changes, args.color),
    };
    crate::cmd::print(if changes.is_empty() { 0 } else { 1 }, &text)
}
