//! `figcheck snapshot PATH...`: writes each draft's facts ledger beside it (or under
//! `[snapshot] dir` of its figcheck.toml). `--check` writes nothing and exits 1 when a ledger
//! is missing or stale, printing a unified diff of the figures.

use crate::cli::Common;
use crate::cmd::Outcome;
use crate::cmd::configs::{Configs, grammar_of};
use figcheck::ledger::{self, Written};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the ledger of `draft` goes.
pub fn ledger_path(draft: &Path, configs: &mut Configs) -> Result<PathBuf, String> {
    let (cfg_path, cfg) = configs.for_path(draft).map_err(|e| e.to_string())?;
    let name = format!(
        "{}.facts",
        draft
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    match (&cfg.snapshot.dir, cfg_path.and_then(Path::parent)) {
        (Some(dir), Some(base)) => {
            let base = if base.as_os_str().is_empty() {
                Path::new(".")
            } else {
                base
            };
            let abs = |x: &Path| std::path::absolute(x).unwrap_or_else(|_| x.to_path_buf());
            let rel = abs(draft)
                .strip_prefix(abs(base))
                .map(Path::to_path_buf)
                .map_err(|_| {
                    format!(
                        "{}: outside the directory of its figcheck.toml",
                        draft.display()
                    )
                })?;
            let parent = rel.parent().unwrap_or(Path::new(""));
            Ok(base.join(dir).join(parent).join(name))
        }
        _ => Ok(draft.with_file_name(name)),
    }
}

/// Runs `snapshot`; returns the exit status.
pub fn run(common: &Common, check: bool, color: bool) -> Outcome {
    if common.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(
            "snapshot needs files: a ledger is written beside each draft, so `-` cannot be used"
                .to_string()
                .into(),
        );
    }
    let (docs, mut failed, mut configs) = crate::cmd::plan::read_docs(common)?;
    let mut stale = 0;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // The first write error (a closed pipe stops the writing, not the ledgers).
    let mut written = Ok(());
    let mut emit = |text: &str| {
        if written.is_ok() {
            written = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        }
    };
    for doc in &docs {
        let draft = PathBuf::from(&doc.name);
        let path = match ledger_path(&draft, &mut configs) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
                continue;
            }
        };
        let grammar = match configs.for_path(&draft) {
            Ok((_, cfg)) => grammar_of(cfg),
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
                continue;
            }
        };
        let Some(entries) =
            crate::cmd::isolated(&doc.name, || ledger::entries(doc, &grammar.extract(doc)))
        else {
            failed = true;
            continue;
        };
        let name = draft
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let content = ledger::render(&name, &entries);
        if check {
            let old = std::fs::read_to_string(&path).unwrap_or_default();
            if old != content {
                stale += 1;
                let shown = path.display().to_string();
                let what = if old.is_empty() { "missing" } else { "stale" };
                let older = !old.is_empty() && !old.starts_with(ledger::HEADER);
                let what = if older {
                    "recorded by an older figcheck (positions in each line)"
                } else {
                    what
                };
                emit(&format!(
                    "{shown}: {what}; run `figcheck snapshot {}`\n",
                    doc.name
                ));
                // The figures that changed, as `figcheck diff` shows them; the ledger's own
                // unified diff when no figure did (a missing ledger, a format change).
                let changes = match (ledger::parse(&old), ledger::parse(&content)) {
                    (Some(before), Some(mut now)) => {
                        for (n, e) in now.iter_mut().zip(&entries) {
                            (n.line, n.column) = (e.line, e.column);
                        }
                        ledger::diff(&before, &now)
                    }
                    _ => Vec::new(),
                };
                if changes.is_empty() || old.is_empty() {
                    let diff = similar::TextDiff::from_lines(&old, &content);
                    let text = diff
                        .unified_diff()
                        .context_radius(1)
                        .header(
                            &format!("{shown} (recorded)"),
                            &format!("{shown} (draft now)"),
                        )
                        .to_string();
                    emit(&crate::render::style::unified(color, &text));
                } else {
                    emit(&crate::cmd::diff::human(
                        &format!("{shown} (recorded)"),
                        &doc.name,
                        &changes,
                        color,
                    ));
                }
            }
            continue;
        }
        match ledger::write(&path, &content, &draft) {
            Ok(w) => {
                let verb = match w {
                    Written::Created => "created",
                    Written::Updated => "updated",
                    Written::Unchanged => "unchanged",
                };
                if !crate::cli::quiet() {
                    emit(&format!(
                        "{verb} {} ({} figures)\n",
                        path.display(),
                        entries.len()
                    ));
                }
            }
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                failed = true;
            }
        }
    }
    let status = if failed {
        2
    } else if stale > 0 {
        1
    } else {
        0
    };
    crate::cmd::written(status, written)
}
