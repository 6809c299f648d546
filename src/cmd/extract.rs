//! `figcheck extract`.
//!
//! Files are read and their figures found on every core ([`pipeline::ordered`]), the output
//! written in the files' order, byte for byte what one thread writes. The JSON document lists
//! every file (with its date) before any figure, so JSON takes two passes: the first reads each
//! file for its entry in that list, keeping the documents while they are small in all; the
//! second finds the figures of each (reading again the ones not kept), writes them and drops
//! the document. Memory holds a few documents at a time, however many files there are.

use crate::cli::{Common, OutputFormat};
use crate::cmd::configs::grammar_of;
use crate::cmd::plan::Plan;
use crate::cmd::{Outcome, isolated_quiet, pipeline};
use crate::render;
use crate::render::json::{DocHead, ExtractJson, quantities_chunk};
use figcheck::Document;
use figcheck::grammar::Grammar;
use std::io::Write;
use std::sync::{Mutex, PoisonError};

/// Documents kept from the first pass to the second while their texts are at most this many
/// bytes in all (past it, they are read again); a lone file or standard input is always kept.
const KEEP_BYTES: usize = 32 << 20;

/// Runs `extract`; returns the exit status.
pub fn run(common: &Common) -> Outcome {
    let (plan, mut failed) = match Plan::new(common) {
        Ok(p) => (p, false),
        Err(e) => {
            eprintln!("error: {e}");
            (Plan::empty(), true)
        }
    };
    let threads = pipeline::threads();
    match common.format {
        OutputFormat::Json => json(common, &plan, threads, failed),
        OutputFormat::Human => {
            let (mut docs, mut found_qs) = (Vec::new(), Vec::new());
            pipeline::ordered(
                &plan.items,
                threads,
                |_, item| {
                    let (doc, mut messages) = plan.read(common, item);
                    let found = doc.and_then(|d| {
                        let g = grammar_of(plan.config(item));
                        match isolated_quiet(&d.name, || g.extract(&d)) {
                            Ok(qs) => Some((d, qs)),
                            Err(line) => {
                                messages.append(line);
                                None
                            }
                        }
                    });
                    (found, messages)
                },
                |(found, messages)| {
                    messages.report();
                    match found {
                        Some((d, qs)) => {
                            docs.push(d);
                            found_qs.push(qs);
                        }
                        None => failed = true,
                    }
                    true
                },
            );
            let refs: Vec<_> = docs.iter().zip(found_qs).collect();
            crate::cmd::print(if failed { 2 } else { 0 }, &render::table::extract(&refs))
        }
        OutputFormat::Sarif
        | OutputFormat::Github
        | OutputFormat::Concise
        | OutputFormat::Ndjson
        | OutputFormat::Html => Err("extract supports --format human or json".to_string().into()),
    }
}

/// Documents up to this many bytes have their figures rendered on the worker that found them;
/// a larger one has its figures found by the output's thread and written straight into the
/// output a batch of sentences at a time ([`Grammar::extract_each`]), so that neither its
/// figures nor their JSON, several times the size of its text, are ever held whole.
const RENDER_APART_BYTES: usize = 1 << 20;

/// One document's figures, for the output's thread.
enum Found {
    /// Rendered apart ([`quantities_chunk`]).
    Chunk(Vec<u8>),
    /// A large document, whose figures the output's thread finds and writes as it goes.
    Large(Box<Document>, Grammar),
}

/// A document read in the first pass, for the second.
struct Read {
    /// Its place in the plan.
    item: usize,
    /// The document when it was kept (taken by the second pass).
    doc: Mutex<Option<Document>>,
}

/// `extract --format json`: the two passes.
fn json(common: &Common, plan: &Plan, threads: usize, mut failed: bool) -> Outcome {
    let mut heads = Vec::new();
    let mut read = Vec::new();
    let mut kept = 0usize;
    let lone = plan.items.len() == 1;
    pipeline::ordered(
        &plan.items,
        threads,
        |k, item| {
            let (doc, messages) = plan.read(common, item);
            (k, doc, messages)
        },
        |(k, doc, messages)| {
            messages.report();
            let Some(d) = doc else {
                failed = true;
                return true;
            };
            heads.push(DocHead::of(&d));
            let stdin = plan.items[k].path.as_os_str() == "-";
            let keep = lone || stdin || kept + d.text.len() <= KEEP_BYTES;
            if keep {
                kept += d.text.len();
            }
            read.push(Read {
                item: k,
                doc: Mutex::new(keep.then_some(d)),
            });
            true
        },
    );
    let stdout = std::io::stdout();
    let w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut written = ExtractJson::begin_with(w, &heads).map(|json| (json, Ok(())));
    drop(heads);
    if let Ok((json, status)) = &mut written {
        pipeline::ordered(
            &read,
            threads,
            |_, r| {
                let item = &plan.items[r.item];
                let doc = r.doc.lock().unwrap_or_else(PoisonError::into_inner).take();
                let doc = match doc {
                    Some(d) => d,
                    // Read again; its messages were printed on the first reading.
                    None => match plan.read(common, item) {
                        (Some(d), _) => d,
                        (None, messages) => return Err(messages),
                    },
                };
                let g = grammar_of(plan.config(item));
                let name = doc.name.clone();
                if doc.text.len() > RENDER_APART_BYTES {
                    return Ok(Found::Large(Box::new(doc), g));
                }
                isolated_quiet(&name, move || {
                    let qs = g.extract(&doc);
                    let mut chunk = Vec::new();
                    quantities_chunk(&mut chunk, &doc, &qs);
                    Found::Chunk(chunk)
                })
            },
            |r| match r {
                Ok(Found::Chunk(chunk)) => {
                    *status = json.chunk(&chunk);
                    status.is_ok()
                }
                Ok(Found::Large(doc, g)) => {
                    let mut line_cols = doc.line_cols();
                    let mut wrote = Ok(());
                    // A panic part-way leaves the figures written so far, each whole: the
                    // JSON stays well formed and the error names the file.
                    let found = isolated_quiet(&doc.name, || {
                        g.extract_each(&doc, |qs| {
                            if wrote.is_ok() {
                                wrote = json.document_part(&mut line_cols, &doc, qs);
                            }
                        })
                    });
                    if let Err(line) = found {
                        line.report();
                        failed = true;
                    }
                    *status = wrote;
                    status.is_ok()
                }
                Err(line) => {
                    line.report();
                    failed = true;
                    true
                }
            },
        );
    }
    let written = written.and_then(|(json, status)| {
        status?;
        let mut w = json.finish()?;
        w.flush()
    });
    crate::cmd::written(if failed { 2 } else { 0 }, written)
}
