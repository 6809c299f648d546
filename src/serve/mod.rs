//! The local HTTP JSON API of `figcheck serve`, as a pure function: a request's method, path
//! and body in, the status and JSON body out ([`handle`]). The binary owns the transport (axum
//! on tokio, the pool, the timeout, the body limit as the bytes arrive); everything a request
//! decides is here, where it can be tested and fuzzed without a socket.
//!
//! - `POST /v1/check` `{"text", "format"?, "date"?, "config"?, "name"?}` → the findings JSON
//!   of `figcheck check --format json`;
//! - `POST /v1/extract` (same body) → the JSON of `figcheck extract --format json`;
//! - `POST /v1/reconcile` `{"texts": [{"text", "name"?, "format"?, "date"?}, …], "config"?}`
//!   → the JSON of `figcheck reconcile --format json`;
//! - `GET /v1/rules` → the JSON of `figcheck rules --format json`;
//! - `GET /healthz` → `{"status": "ok", "version": …}`.
//!
//! `format` is `markdown`, `text` or `html` (default `markdown`); `date` is `YYYY-MM-DD` and
//! overrides front matter; `config` is the text of a `figcheck.toml` (the server reads no
//! configuration file of its own). Bad input is a 4xx answer with
//! `{"error": {"code", "message"}}`: `invalid-json`, `invalid-request`, `unknown-format`,
//! `bad-date`, `bad-config`, `body-too-large` (413, over `--max-body`), `text-too-large` (413,
//! a text over the `config`'s `[limits] max_file_bytes`), `not-found` (404),
//! `method-not-allowed` (405); work past the timeout is `timeout` (503), a bug
//! `internal-error` (500).

use crate::config::Config;
use crate::lsp::Isolate;
use crate::lsp::analysis::{self, Input};
use crate::{Diagnostic, Document, Format, suppress};
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::json;

/// An answer: the HTTP status and the JSON body (always `application/json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// The JSON body, ending in a newline.
    pub body: String,
}

/// What a request is answered with besides its own bytes.
#[derive(Debug, Clone)]
pub struct Options {
    /// The largest body accepted, in bytes (`--max-body`).
    pub max_body: usize,
    /// The day the server runs, for `[date] default = "today"`.
    pub today: Date,
}

impl Reply {
    fn ok(body: String) -> Reply {
        Reply { status: 200, body }
    }

    /// An error answer `{"error": {"code", "message"}}`.
    pub fn error(status: u16, code: &str, message: impl Into<String>) -> Reply {
        let body = json!({"error": {"code": code, "message": message.into()}});
        let mut text = serde_json::to_string_pretty(&body).unwrap_or_default();
        text.push('\n');
        Reply { status, body: text }
    }

    fn bad(code: &str, message: impl Into<String>) -> Reply {
        Reply::error(400, code, message)
    }

    /// The answer to a body over `--max-body`.
    pub fn body_too_large() -> Reply {
        Reply::error(
            413,
            "body-too-large",
            "the request body is larger than the server accepts (--max-body)",
        )
    }

    /// The answer to work past the timeout.
    pub fn timeout(ms: u128) -> Reply {
        Reply::error(
            503,
            "timeout",
            format!("the work took longer than the server's timeout ({ms} ms)"),
        )
    }

    /// The answer to a bug (a panic in the work).
    pub fn internal_error() -> Reply {
        Reply::error(
            500,
            "internal-error",
            "internal error; this is a bug in figcheck: please report it",
        )
    }
}

/// One document of a request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocIn {
    text: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// The body of `/v1/check` and `/v1/extract`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OneIn {
    text: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    config: Option<String>,
}

/// The body of `/v1/reconcile`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManyIn {
    texts: Vec<DocIn>,
    #[serde(default)]
    config: Option<String>,
}

const ENDPOINTS: &str = "POST /v1/check, /v1/extract, /v1/reconcile; GET /v1/rules, /healthz";

/// Answers one request. `method` is the HTTP method, `path` the request target's path (no
/// query), `body` the bytes of the body. A bug in the checks is a panic, let through.
pub fn handle(method: &str, path: &str, body: &[u8], opts: &Options) -> Reply {
    handle_isolated(method, path, body, opts, &crate::lsp::let_through)
}

/// [`handle`], running each request's work (named by its document, or `reconcile`) through
/// `iso`: when that reports a panic, the answer is [`Reply::internal_error`].
pub fn handle_isolated(
    method: &str,
    path: &str,
    body: &[u8],
    opts: &Options,
    iso: &Isolate,
) -> Reply {
    let post = method == "POST";
    let get = matches!(method, "GET" | "HEAD");
    let r = match path {
        "/v1/check" | "/v1/extract" | "/v1/reconcile" if !post => Err(None),
        "/v1/rules" | "/healthz" if !get => Err(None),
        _ if body.len() > opts.max_body => return Reply::body_too_large(),
        "/v1/check" => parse_body::<OneIn>(body).map_err(Some).and_then(|req| {
            let name = req.name.clone().unwrap_or_else(|| "input".into());
            isolated(iso, &name, || check(req, name.clone(), opts))
        }),
        "/v1/extract" => parse_body::<OneIn>(body).map_err(Some).and_then(|req| {
            let name = req.name.clone().unwrap_or_else(|| "input".into());
            isolated(iso, &name, || extract(req))
        }),
        "/v1/reconcile" => parse_body::<ManyIn>(body)
            .map_err(Some)
            .and_then(|req| isolated(iso, "reconcile", || reconcile(req))),
        "/v1/rules" => Ok(rules()),
        "/healthz" => Ok(format!(
            "{{\"status\": \"ok\", \"version\": \"{}\"}}\n",
            env!("CARGO_PKG_VERSION")
        )),
        _ => {
            return Reply::error(404, "not-found", format!("no such endpoint: {ENDPOINTS}"));
        }
    };
    match r {
        Ok(body) => Reply::ok(body),
        Err(Some(e)) => e,
        Err(None) => Reply::error(
            405,
            "method-not-allowed",
            format!("wrong method for this endpoint: {ENDPOINTS}"),
        ),
    }
}

type Answer = Result<String, Option<Reply>>;

/// The work's answer, or an internal error when `iso` reports a panic in it.
fn isolated(iso: &Isolate, name: &str, f: impl FnOnce() -> Answer) -> Answer {
    let mut f = Some(f);
    let mut out = None;
    let ok = iso(name, &mut || {
        if let Some(f) = f.take() {
            out = Some(f());
        }
    });
    match out {
        Some(a) if ok => a,
        _ => Err(Some(Reply::internal_error())),
    }
}

/// Parses a request body, naming what is wrong.
fn parse_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Reply> {
    serde_json::from_slice(body).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Syntax | Category::Eof | Category::Io => {
                Reply::bad("invalid-json", format!("the body is not valid JSON: {e}"))
            }
            Category::Data => Reply::bad("invalid-request", e.to_string()),
        }
    })
}

fn parse_format(f: Option<&str>, name: &str) -> Result<Format, Reply> {
    match f {
        None if name.contains('.') => Ok(Format::from_path(name)),
        None | Some("markdown" | "md") => Ok(Format::Markdown),
        Some("text" | "txt" | "plaintext") => Ok(Format::Text),
        Some("html" | "htm") => Ok(Format::Html),
        Some(other) => Err(Reply::bad(
            "unknown-format",
            format!("unknown format {other:?}: use markdown, text or html"),
        )),
    }
}

fn parse_date(d: Option<&str>) -> Result<Option<Date>, Reply> {
    match d {
        None => Ok(None),
        Some(s) => crate::source::parse_date(s).map(Some).ok_or_else(|| {
            let why = match crate::source::impossible_date(s) {
                Some(why) => format!("{s:?} is not a date: {why}"),
                None => format!("{s:?} is not a date in the form YYYY-MM-DD"),
            };
            Reply::bad("bad-date", why)
        }),
    }
}

fn parse_config(c: Option<&str>) -> Result<Config, Reply> {
    let Some(text) = c else {
        return Ok(Config::default());
    };
    let cfg = Config::parse("config", text).map_err(|e| Reply::bad("bad-config", e.to_string()))?;
    let known = analysis::known_codes();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    cfg.check_rule_names("config", &known)
        .map_err(|e| Reply::bad("bad-config", e.to_string()))?;
    Ok(cfg)
}

/// A text over the request's configured limit (`[limits] max_file_bytes` of its `config`,
/// default 256 MiB; the body limit `--max-body` is usually the smaller) is refused.
fn within_limit(name: &str, text: &str, config: &Config) -> Result<(), Reply> {
    let limit = config.max_file_bytes();
    if text.len() as u64 > limit {
        return Err(Reply::error(
            413,
            "text-too-large",
            format!(
                "{name}: {} bytes is larger than the input size limit of {limit} bytes \
                 ([limits] max_file_bytes)",
                text.len()
            ),
        ));
    }
    Ok(())
}

/// A document of a request, as read.
fn read_doc(d: DocIn, default_name: &str, config: &Config) -> Result<Document, Reply> {
    let name = d.name.unwrap_or_else(|| default_name.to_string());
    within_limit(&name, &d.text, config)?;
    let format = parse_format(d.format.as_deref(), &name)?;
    let date = parse_date(d.date.as_deref())?;
    let doc = Document::from_text(&name, d.text, format)
        .map_err(|e| Reply::bad("invalid-request", format!("{name}: {e}")))?;
    Ok(doc.with_date(date))
}

fn internal(e: std::io::Error) -> Option<Reply> {
    Some(Reply::error(500, "internal-error", e.to_string()))
}

fn check(req: OneIn, name: String, opts: &Options) -> Answer {
    let config = parse_config(req.config.as_deref())?;
    within_limit(&name, &req.text, &config)?;
    let format = parse_format(req.format.as_deref(), &name)?;
    let date = parse_date(req.date.as_deref())?;
    let input = Input {
        name: &name,
        format,
        config: &config,
        today: opts.today,
        date,
    };
    let a = analysis::analyse(&input, req.text)
        .map_err(|e| Reply::bad("invalid-request", format!("{name}: {e}")))?;
    let mut out = Vec::new();
    let refs: Vec<&Diagnostic> = a.findings.iter().collect();
    crate::json::findings::render_to(&mut out, &[(&a.doc, refs)]).map_err(internal)?;
    Ok(String::from_utf8(out).unwrap_or_default())
}

fn extract(req: OneIn) -> Answer {
    let config = parse_config(req.config.as_deref())?;
    let doc = read_doc(
        DocIn {
            text: req.text,
            name: req.name,
            format: req.format,
            date: req.date,
        },
        "input",
        &config,
    )?;
    let qs = config.shared_grammar().extract(&doc);
    let mut w = crate::json::ExtractJson::begin(Vec::new(), &[&doc]).map_err(internal)?;
    w.document(&doc, &qs).map_err(internal)?;
    let out = w.finish().map_err(internal)?;
    Ok(String::from_utf8(out).unwrap_or_default())
}

fn reconcile(req: ManyIn) -> Answer {
    if req.texts.is_empty() {
        return Err(Some(Reply::bad(
            "invalid-request",
            "`texts` is empty: give at least one source",
        )));
    }
    let config = parse_config(req.config.as_deref())?;
    let grammar = config.shared_grammar();
    let mut sources: Vec<(Document, Vec<crate::Quantity>)> = Vec::with_capacity(req.texts.len());
    for (k, d) in req.texts.into_iter().enumerate() {
        let doc = read_doc(d, &format!("source-{}", k + 1), &config)?;
        if sources.iter().any(|(s, _)| s.name == doc.name) {
            return Err(Some(Reply::bad(
                "invalid-request",
                format!(
                    "two sources are named {:?}: give each its own name",
                    doc.name
                ),
            )));
        }
        let qs = grammar.extract(&doc);
        sources.push((doc, qs));
    }
    let mut r = crate::reconcile_with(&grammar, &sources);
    let docs: Vec<Document> = sources.into_iter().map(|(d, _)| d).collect();
    r.findings = gated(&docs, std::mem::take(&mut r.findings), &config);
    r.findings
        .sort_by(|a, b| (&a.file, a.span.start, &a.code).cmp(&(&b.file, b.span.start, &b.code)));
    Ok(crate::json::reconcile::json(&docs, &r))
}

/// Reconcile's findings through the configuration's levels and each source's suppression
/// comments, as the command line's gate applies them.
fn gated(docs: &[Document], findings: Vec<Diagnostic>, config: &Config) -> Vec<Diagnostic> {
    let known = analysis::known_codes();
    let mut out = Vec::new();
    let mut rest = findings;
    for doc in docs {
        let (mine, others): (Vec<_>, Vec<_>) = rest.into_iter().partition(|d| d.file == doc.name);
        rest = others;
        let o = suppress::apply_known(doc, mine, Some(&known));
        out.extend(o.kept.into_iter().chain(o.own).filter_map(
            |mut d| match config.level(&d.code) {
                Some(l) => l.severity().map(|s| {
                    d.severity = s;
                    d
                }),
                None => Some(d),
            },
        ));
    }
    out.extend(rest);
    out
}

fn rules() -> String {
    let rs: Vec<_> = crate::registry::ALL
        .iter()
        .map(|r| {
            json!({
                "code": r.code,
                "kind": r.kind.as_str(),
                "severity": r.severity.as_str(),
                "summary": r.summary,
                "doc": r.doc,
                "url": r.url(),
            })
        })
        .collect();
    let mut s =
        serde_json::to_string_pretty(&json!({"version": 1, "rules": rs})).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Options {
        Options {
            max_body: 1 << 16,
            today: jiff::civil::date(2026, 3, 2),
        }
    }

    fn code(r: &Reply) -> String {
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        v["error"]["code"].as_str().unwrap_or("").to_string()
    }

    #[test]
    fn routes_methods_and_bad_bodies_are_answered() {
        let o = opts();
        assert_eq!(handle("GET", "/healthz", b"", &o).status, 200);
        assert_eq!(handle("GET", "/v1/rules", b"", &o).status, 200);
        let r = handle("GET", "/v1/check", b"", &o);
        assert_eq!((r.status, code(&r)), (405, "method-not-allowed".into()));
        let r = handle("POST", "/nowhere", b"", &o);
        assert_eq!((r.status, code(&r)), (404, "not-found".into()));
        let r = handle("POST", "/v1/check", b"{\"text\": ", &o);
        assert_eq!((r.status, code(&r)), (400, "invalid-json".into()));
        let r = handle("POST", "/v1/check", br#"{"txt": "a"}"#, &o);
        assert_eq!((r.status, code(&r)), (400, "invalid-request".into()));
        let r = handle(
            "POST",
            "/v1/check",
            br#"{"text": "a", "format": "pdf"}"#,
            &o,
        );
        assert_eq!(code(&r), "unknown-format");
        let r = handle(
            "POST",
            "/v1/check",
            br#"{"text": "a", "date": "2026-02-30"}"#,
            &o,
        );
        assert_eq!(code(&r), "bad-date");
        assert!(r.body.contains("February"), "{}", r.body);
        let r = handle("POST", "/v1/reconcile", br#"{"texts": []}"#, &o);
        assert_eq!(code(&r), "invalid-request");
        let big = vec![b' '; o.max_body + 1];
        let r = handle("POST", "/v1/check", &big, &o);
        assert_eq!((r.status, code(&r)), (413, "body-too-large".into()));
    }

    #[test]
    fn a_check_answers_with_the_findings_contract() {
        let body = json!({"text": "The dam is 90 metres (500 feet) tall.\n", "format": "text"});
        let r = handle("POST", "/v1/check", body.to_string().as_bytes(), &opts());
        assert_eq!(r.status, 200, "{}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["findings"][0]["code"], "conversion", "{v}");
    }
}
