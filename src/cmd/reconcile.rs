//! `figcheck reconcile`: drafts (`reconcile FILE...`) or claim files (`reconcile --claims
//! FILE...`, written by `figcheck claims --format ndjson`).

use crate::cli::{Common, Gate, OutputFormat};
use crate::cmd::claims::{Read, read_file};
use crate::cmd::configs::{Configs, grammar_of};
use crate::cmd::gate::finish_with;
use crate::cmd::plan::Plan;
use crate::cmd::{Outcome, isolated};
use crate::render;
use figcheck::{Diagnostic, Document};

/// Runs `reconcile` (of claim files with `--claims`); returns the exit status.
pub fn run(common: &Common, gate: &Gate, claims: bool, color: bool) -> Outcome {
    if claims {
        from_claims(common, gate, color)
    } else {
        drafts(common, gate, color)
    }
}

/// `figcheck reconcile` through the gate: the claims table and findings as `reconcile`
/// renders them (human, JSON), SARIF and GitHub from the gate; configuration, suppressions and
/// the baseline apply to its findings.
fn drafts(common: &Common, gate: &Gate, color: bool) -> Outcome {
    let (mut plan, mut failed) = match Plan::new(common) {
        Ok(p) => (p, false),
        Err(e) => {
            eprintln!("error: {e}");
            (Plan::empty(), true)
        }
    };
    // Sources are read and their figures found on every core, in the files' order; each
    // source's claims are taken as it comes and its figures dropped, so that memory holds the
    // documents (for the gate and the rendering) and the claims, not every figure. A source
    // whose reading fails is left out (one error line names it); the others are reconciled.
    // Each source is read under its own configuration; claims are compared under the one of
    // `--config`, else of the first source (units a configuration defines are known there):
    // `figcheck::reconcile_with`, one source at a time.
    // Once a source's claims are taken, only its text is read again (suppressions, line and
    // column, snippets, the HTML page), unless `--baseline` matches findings by their
    // sentences or the gate renders (SARIF, GitHub, `--statistics`): then the prose is kept.
    let shed = gate.baseline.is_none()
        && !gate.statistics
        && matches!(
            common.format,
            OutputFormat::Human | OutputFormat::Json | OutputFormat::Html
        );
    let mut docs: Vec<Document> = Vec::with_capacity(plan.items.len());
    let mut claims = Vec::new();
    let mut grammar = None;
    let mut broken = false;
    crate::cmd::pipeline::ordered(
        &plan.items,
        crate::cmd::pipeline::threads(),
        |_, item| {
            let (doc, mut messages) = plan.read(common, item);
            let g = grammar_of(plan.config(item));
            let read =
                doc.and_then(
                    |d| match crate::cmd::isolated_quiet(&d.name, || g.extract(&d)) {
                        Ok(qs) => Some((d, qs)),
                        Err(line) => {
                            messages.append(line);
                            None
                        }
                    },
                );
            (messages, read, g)
        },
        |(messages, read, g)| {
            messages.report();
            let Some((doc, qs)) = read else {
                failed = true;
                return true;
            };
            let g = grammar.get_or_insert(g);
            let s = docs.len();
            match isolated("reconcile", || {
                figcheck::claim::claims_and_unkeyed_with(g, s, &doc, &qs)
            }) {
                Some(cs) => claims.extend(cs),
                None => {
                    broken = true;
                    return false;
                }
            }
            drop(qs);
            let mut doc = doc;
            if shed {
                doc.shed_prose();
            }
            docs.push(doc);
            true
        },
    );
    if broken {
        return Ok(2);
    }
    let names = docs.iter().map(|d| d.name.clone()).collect();
    let dates = docs.iter().map(|d| d.date).collect();
    let Some(r) = isolated("reconcile", || {
        figcheck::reconcile::reconcile_claims(names, dates, claims)
    }) else {
        return Ok(2);
    };
    // The findings go through the gate; the table is rendered with the gate's findings in
    // place of reconcile's own (set in place, not on a copy of every claim).
    let (r, found) = gated(r);
    let own = |format: OutputFormat, findings: &[Diagnostic]| {
        let r = &mut *r.borrow_mut();
        set_findings(r, findings);
        match format {
            OutputFormat::Human => Some(render::reconcile::human(&docs, r, color)),
            OutputFormat::Json => Some(render::reconcile::json(&docs, r)),
            OutputFormat::Html => Some(render::html::page(&docs, r)),
            OutputFormat::Sarif
            | OutputFormat::Github
            | OutputFormat::Concise
            | OutputFormat::Ndjson => None,
        }
    };
    finish_with(
        crate::cmd::check::style(common, gate, color),
        &mut plan.configs,
        gate,
        &docs,
        found,
        failed,
        &own,
    )
}

/// `figcheck reconcile --claims FILE...`: reconciles the claims the files hold.
fn from_claims(common: &Common, gate: &Gate, color: bool) -> Outcome {
    if !matches!(common.format, OutputFormat::Human | OutputFormat::Json) {
        return Err(
            "reconcile --claims supports --format human or json (SARIF, GitHub and \
             HTML need the drafts)"
                .to_string()
                .into(),
        );
    }
    let mut read = Read::default();
    let mut failed = false;
    let mut configs = Configs::new(common.config.as_deref())?;
    for p in &common.paths {
        // The limit of the claims file's own figcheck.toml (a bad one gives the default).
        let limit = match configs.for_path(p) {
            Ok((_, c)) => common.max_size_for(c),
            Err(_) => common.max_size_for(&figcheck::config::Config::default()),
        };
        let added = read_file(p, limit).and_then(|(name, text)| read.add(&name, &text));
        if let Err(e) = added {
            eprintln!("error: {e}; file skipped");
            failed = true;
        }
    }
    // By source, then in the order the lines came: the order `reconcile` numbers claims in.
    read.claims.sort_by_key(|c| c.source);
    let Read {
        names,
        dates,
        claims,
        positions,
        ..
    } = read;
    let Some(r) = isolated("reconcile", || {
        figcheck::reconcile::reconcile_claims(names, dates, claims)
    }) else {
        return Ok(2);
    };
    let origin = render::reconcile::Origin::Claims(&positions);
    let (r, found) = gated(r);
    let own = |format: OutputFormat, findings: &[Diagnostic]| {
        let r = &mut *r.borrow_mut();
        set_findings(r, findings);
        match format {
            OutputFormat::Human => Some(render::reconcile::human_in(origin, r, color)),
            _ => Some(render::reconcile::json_in(origin, r)),
        }
    };
    let docs: [Document; 0] = [];
    finish_with(
        crate::cmd::check::style(common, gate, color),
        &mut configs,
        gate,
        &docs,
        found,
        failed,
        &own,
    )
}

/// The reconciliation without its findings (they go to the gate), ready for [`set_findings`].
fn gated(
    mut r: figcheck::reconcile::Reconciliation,
) -> (
    std::cell::RefCell<figcheck::reconcile::Reconciliation>,
    Vec<Diagnostic>,
) {
    let found = std::mem::take(&mut r.findings);
    (std::cell::RefCell::new(r), found)
}

/// Puts the findings the gate left into `r`, by file, position and code.
fn set_findings(r: &mut figcheck::reconcile::Reconciliation, findings: &[Diagnostic]) {
    r.findings = findings.to_vec();
    r.findings
        .sort_by(|a, b| (&a.file, a.span.start, &a.code).cmp(&(&b.file, b.span.start, &b.code)));
}
