//! The run's files: the arguments expanded (directories walked), each file's configuration
//! resolved once, and each file read ([`Plan::read`]) on any thread.

use crate::cli::{Common, quiet};
use crate::cmd::Messages;
use crate::cmd::configs::Configs;
use figcheck::Document;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// File extensions read when a directory is walked.
pub const DRAFT_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm"];

/// Expands the arguments: files as given, `-` as is, directories walked (honouring
/// `.gitignore`, `.ignore` and hidden files, sorted) for drafts that the applicable
/// figcheck.toml's include/exclude select. Missing paths are kept, to be reported on reading.
/// With `force_exclude`, a file named on the command line that its figcheck.toml's `exclude`
/// matches is left out too, as when a directory is walked.
pub fn expand_paths(
    paths: &[PathBuf],
    configs: &mut Configs,
    force_exclude: bool,
) -> Result<Vec<PathBuf>, figcheck::config::ConfigError> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            if force_exclude && p.as_os_str() != "-" && excluded(p, configs) {
                continue;
            }
            out.push(p.clone());
            continue;
        }
        let before = out.len();
        let walker = ignore::WalkBuilder::new(p)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker.flatten() {
            let f = entry.path();
            let is_draft = entry.file_type().is_some_and(|t| t.is_file())
                && f.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| DRAFT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
            if !is_draft {
                continue;
            }
            // A file under a bad figcheck.toml is kept, to be reported (and skipped) on reading.
            let (cfg_path, cfg) = match configs.for_path(f) {
                Ok(c) => c,
                Err(_) => {
                    out.push(f.strip_prefix(".").unwrap_or(f).to_path_buf());
                    continue;
                }
            };
            let selected = match cfg_path.and_then(Path::parent) {
                Some(base) => {
                    let abs = |x: &Path| std::path::absolute(x).unwrap_or_else(|_| x.to_path_buf());
                    let base = if base.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        base
                    };
                    let (fa, ba) = (abs(f), abs(base));
                    cfg.selects(fa.strip_prefix(&ba).unwrap_or(f))
                }
                None => cfg.selects(f),
            };
            if selected {
                // Walking "." gives "./a.md"; name it "a.md" as a person would.
                out.push(f.strip_prefix(".").unwrap_or(f).to_path_buf());
            }
        }
        if out.len() == before && !quiet() {
            eprintln!(
                "warning: {}: no drafts (.{}) found",
                p.display(),
                DRAFT_EXTENSIONS.join(", .")
            );
        }
    }
    Ok(out)
}

/// Whether the `exclude` of `file`'s configuration matches it (relative to the directory of
/// that figcheck.toml). A file under a bad configuration is not excluded: reading reports it.
fn excluded(file: &Path, configs: &mut Configs) -> bool {
    let Ok((cfg_path, cfg)) = configs.for_path(file) else {
        return false;
    };
    let abs = |x: &Path| std::path::absolute(x).unwrap_or_else(|_| x.to_path_buf());
    match cfg_path.and_then(Path::parent) {
        Some(base) => {
            let base = if base.as_os_str().is_empty() {
                Path::new(".")
            } else {
                base
            };
            let (fa, ba) = (abs(file), abs(base));
            cfg.excludes(fa.strip_prefix(&ba).unwrap_or(file))
        }
        None => cfg.excludes(file),
    }
}

fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// Reads every path (directories walked, `-` for standard input) one after another;
/// unreadable ones are reported on stderr (naming the file and the reason) and skipped. A bad
/// `--config` is returned as an error; a bad figcheck.toml skips the files under it. Applies
/// each file's `[date] default` policy. Returns the documents, whether anything failed, and the
/// configurations (loaded once, for every document read).
pub fn read_docs(
    common: &Common,
) -> Result<(Vec<Document>, bool, Configs), figcheck::config::ConfigError> {
    let plan = Plan::new(common)?;
    let mut docs = Vec::new();
    let mut failed = false;
    for item in &plan.items {
        let (doc, messages) = plan.read(common, item);
        messages.report();
        match doc {
            Some(d) => docs.push(d),
            None => failed = true,
        }
    }
    Ok((docs, failed, plan.configs))
}

/// The files to read, each with its configuration resolved: made once on the calling thread,
/// then read in any order, on any thread ([`Plan::read`]), each file's messages returned to be
/// printed in the files' order.
pub struct Plan {
    /// In the order the files are read and reported.
    pub items: Vec<Planned>,
    /// Every item's configuration, resolved.
    pub configs: Configs,
}

/// One file of a [`Plan`].
pub struct Planned {
    /// The path (`-` for standard input).
    pub path: PathBuf,
    /// The name messages and the output give it (the path as given, or the name of standard
    /// input).
    pub name: String,
    /// Its configuration file when that is not valid: it is skipped, with an error naming it
    /// (and, the first time, the configuration's own error).
    pub bad_config: Option<BadConfig>,
}

/// A planned file's configuration that is not valid.
pub struct BadConfig {
    /// The configuration's error line, for the first file under it.
    first: Option<String>,
    /// The configuration file.
    file: String,
}

impl Plan {
    /// No files (after an error that stops every file from being read).
    pub fn empty() -> Plan {
        Plan {
            items: Vec::new(),
            configs: Configs::default(),
        }
    }

    /// Walks the arguments and resolves every file's configuration. A bad `--config` is an
    /// error; a bad figcheck.toml only skips the files under it, and is named once.
    pub fn new(common: &Common) -> Result<Plan, figcheck::config::ConfigError> {
        let mut configs = Configs::new(common.config.as_deref())?;
        let paths = expand_paths(&common.paths, &mut configs, common.force_exclude)?;
        let mut bad_configs = std::collections::HashSet::new();
        let mut items = Vec::with_capacity(paths.len());
        for path in paths {
            let stdin = path.as_os_str() == "-";
            let name = if stdin {
                common
                    .stdin_filename
                    .clone()
                    .unwrap_or_else(|| "<stdin>".to_string())
            } else {
                path.display().to_string()
            };
            // Standard input's configuration is the one of its name.
            let bad_config = configs.for_path(Path::new(&name)).err().map(|e| BadConfig {
                first: bad_configs
                    .insert(e.file.clone())
                    .then(|| format!("error: {e}")),
                file: e.file,
            });
            items.push(Planned {
                path,
                name,
                bad_config,
            });
        }
        Ok(Plan { items, configs })
    }

    /// The configuration of a planned file (the default one if it was skipped).
    pub fn config(&self, item: &Planned) -> &figcheck::config::Config {
        self.configs.resolved(Path::new(&item.name))
    }

    /// Reads one planned file, applying its `[date] default` policy and `--date`. Returns the
    /// document (`None` when it could not be read or was skipped) and the lines to print on
    /// stderr for it (errors naming the file and the reason, warnings, notes).
    pub fn read(&self, common: &Common, item: &Planned) -> (Option<Document>, Messages) {
        use figcheck::config::DatePolicy;
        let mut messages = Messages::default();
        let stdin = item.path.as_os_str() == "-";
        let skip = |messages: &mut Messages, bad: &BadConfig| {
            if let Some(first) = &bad.first {
                messages.line(first.clone());
            }
            messages.file_error(
                &item.name,
                format!("skipped: its configuration {} is not valid", bad.file),
            );
        };
        // A file under a bad configuration is not read (standard input is, being read once).
        if let Some(bad) = &item.bad_config
            && !stdin
        {
            skip(&mut messages, bad);
            return (None, messages);
        }
        let limit = common.max_size_for(self.config(item));
        let doc = if stdin {
            figcheck::source::read_bounded(std::io::stdin().lock(), limit).and_then(|bytes| {
                Document::from_bytes(&item.name, bytes, figcheck::Format::from_path(&item.name))
            })
        } else {
            Document::read_limited(&item.path, limit)
        };
        let mut d = match doc {
            Ok(d) => d,
            Err(e) => {
                messages.file_error(&item.name, e);
                return (None, messages);
            }
        };
        if let Some(bad) = &item.bad_config {
            skip(&mut messages, bad);
            return (None, messages);
        }
        let cfg = self.config(item);
        match cfg.date.default {
            DatePolicy::FrontMatter => {}
            DatePolicy::None => d.set_date(None, figcheck::source::dated::DateSource::None),
            DatePolicy::Today => {
                if d.date.is_none() {
                    d.set_date(Some(today()), figcheck::source::dated::DateSource::Option);
                }
            }
        }
        if !quiet() {
            note_too_large(&d, &mut messages);
        }
        if !quiet()
            && d.format == figcheck::Format::Markdown
            && figcheck::source::unterminated_front_matter(&d.text)
        {
            messages.line(format!(
                "warning: {}:1:1: front matter opened with `---` is never closed; the file is \
                 read as prose (close it with a `---` line)",
                d.name
            ));
        }
        (Some(d.with_date(common.date)), messages)
    }
}

/// Notes on stderr for the numbers of a document too large to read exactly (more than 28
/// digits, or past about 7.9 × 10^28 with their scale): they are not extracted, and say so.
fn note_too_large(d: &Document, messages: &mut Messages) {
    let spans = figcheck::grammar::too_large_numbers(&d.prose);
    let mut lc = d.line_cols();
    for (start, end) in spans {
        let (line, col) = lc.line_col(start);
        let text = d.text.get(start..end).unwrap_or("");
        let shown = match text.char_indices().nth(40) {
            Some((k, _)) => format!("{}…", &text[..k]),
            None => text.to_string(),
        };
        messages.line(format!(
            "note: {}:{line}:{col}: {shown:?} is too large to read exactly (at most {} digits \
             and about 7.9 × 10^28); not extracted",
            d.name,
            figcheck::grammar::MAX_DIGITS
        ));
    }
}
