//! `figcheck serve`: a local HTTP JSON API for newsroom systems, modelled on LanguageTool's
//! `/v2/check`, on axum and tokio.
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
//! a text over the `config`'s `[limits] max_file_bytes`), `not-found` (404), `method-not-allowed`
//! (405); work past the timeout is `timeout` (503). The checks run on a pool of one thread per
//! core; the listener binds to 127.0.0.1 unless told otherwise.

use crate::cmd::gate;
use crate::lsp::analysis::{self, Input};
use crate::render;
use axum::Router;
use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::extract::rejection::BytesRejection;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use figcheck::config::Config;
use figcheck::{Diagnostic, Document, Format, suppress};
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// The server's options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// How long one request's work may take.
    pub timeout: Duration,
    /// Threads for the checks (default: one per core).
    pub threads: usize,
}

/// An error answer.
#[derive(Debug)]
struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn bad(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"code": self.code, "message": self.message}});
        let mut text = serde_json::to_string_pretty(&body).unwrap_or_default();
        text.push('\n');
        (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            text,
        )
            .into_response()
    }
}

fn json_response(body: String) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
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

impl OneIn {
    fn split(self) -> (DocIn, Option<String>) {
        (
            DocIn {
                text: self.text,
                name: self.name,
                format: self.format,
                date: self.date,
            },
            self.config,
        )
    }
}

/// The body of `/v1/reconcile`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManyIn {
    texts: Vec<DocIn>,
    #[serde(default)]
    config: Option<String>,
}

/// Parses a request body, naming what is wrong.
fn parse_body<T: serde::de::DeserializeOwned>(
    body: Result<Bytes, BytesRejection>,
) -> Result<T, ApiError> {
    let body = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                code: "body-too-large",
                message: "the request body is larger than the server accepts (--max-body)".into(),
            }
        } else {
            ApiError {
                status: r.status(),
                code: "invalid-request",
                message: r.body_text(),
            }
        }
    })?;
    serde_json::from_slice(&body).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Syntax | Category::Eof | Category::Io => {
                ApiError::bad("invalid-json", format!("the body is not valid JSON: {e}"))
            }
            Category::Data => ApiError::bad("invalid-request", e.to_string()),
        }
    })
}

fn parse_format(f: Option<&str>, name: &str) -> Result<Format, ApiError> {
    match f {
        None if name.contains('.') => Ok(Format::from_path(name)),
        None | Some("markdown" | "md") => Ok(Format::Markdown),
        Some("text" | "txt" | "plaintext") => Ok(Format::Text),
        Some("html" | "htm") => Ok(Format::Html),
        Some(other) => Err(ApiError::bad(
            "unknown-format",
            format!("unknown format {other:?}: use markdown, text or html"),
        )),
    }
}

fn parse_date(d: Option<&str>) -> Result<Option<jiff::civil::Date>, ApiError> {
    match d {
        None => Ok(None),
        Some(s) => figcheck::source::parse_date(s).map(Some).ok_or_else(|| {
            ApiError::bad(
                "bad-date",
                format!("{s:?} is not a date in the form YYYY-MM-DD"),
            )
        }),
    }
}

fn parse_config(c: Option<&str>) -> Result<Config, ApiError> {
    let Some(text) = c else {
        return Ok(Config::default());
    };
    let cfg =
        Config::parse("config", text).map_err(|e| ApiError::bad("bad-config", e.to_string()))?;
    let known = analysis::known_codes();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    cfg.check_rule_names("config", &known)
        .map_err(|e| ApiError::bad("bad-config", e.to_string()))?;
    Ok(cfg)
}

/// A text over the request's configured limit (`[limits] max_file_bytes` of its `config`,
/// default 256 MiB; the body limit `--max-body` is usually the smaller) is refused.
fn within_limit(name: &str, text: &str, config: &Config) -> Result<(), ApiError> {
    let limit = config.max_file_bytes();
    if text.len() as u64 > limit {
        return Err(ApiError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: "text-too-large",
            message: format!(
                "{name}: {} bytes is larger than the input size limit of {limit} bytes \
                 ([limits] max_file_bytes)",
                text.len()
            ),
        });
    }
    Ok(())
}

fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// A document of a request, as read.
fn read_doc(
    d: DocIn,
    default_name: &str,
) -> Result<(Document, Option<jiff::civil::Date>), ApiError> {
    let name = d.name.unwrap_or_else(|| default_name.to_string());
    let format = parse_format(d.format.as_deref(), &name)?;
    let date = parse_date(d.date.as_deref())?;
    let doc = Document::from_text(&name, d.text, format)
        .map_err(|e| ApiError::bad("invalid-request", format!("{name}: {e}")))?;
    Ok((doc, date))
}

/// Runs blocking work on the check pool, bounded by the timeout; a panic is a 500.
async fn work(
    state: &Shared,
    name: String,
    f: impl FnOnce() -> Result<String, ApiError> + Send + 'static,
) -> Response {
    let task = tokio::task::spawn_blocking(move || crate::cmd::isolated(&name, f));
    match tokio::time::timeout(state.timeout, task).await {
        Err(_) => ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "timeout",
            message: format!(
                "the work took longer than the server's timeout ({} ms)",
                state.timeout.as_millis()
            ),
        }
        .into_response(),
        Ok(Ok(Some(Ok(body)))) => json_response(body),
        Ok(Ok(Some(Err(e)))) => e.into_response(),
        Ok(_) => ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal-error",
            message: "internal error; this is a bug in figcheck: please report it".into(),
        }
        .into_response(),
    }
}

#[derive(Clone)]
struct Shared {
    timeout: Duration,
}

async fn check(
    axum::extract::State(state): axum::extract::State<Arc<Shared>>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let req: OneIn = match parse_body(body) {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    let name = req.name.clone().unwrap_or_else(|| "input".into());
    let (doc, config) = req.split();
    work(&state, name.clone(), move || {
        let config = parse_config(config.as_deref())?;
        within_limit(&name, &doc.text, &config)?;
        let format = parse_format(doc.format.as_deref(), &name)?;
        let date = parse_date(doc.date.as_deref())?;
        let input = Input {
            name: &name,
            format,
            config: &config,
            today: today(),
            date,
        };
        let a = analysis::analyse(&input, doc.text)
            .map_err(|e| ApiError::bad("invalid-request", format!("{name}: {e}")))?;
        let mut out = Vec::new();
        let refs: Vec<&Diagnostic> = a.findings.iter().collect();
        render::findings::render_to(&mut out, &[(&a.doc, refs)])
            .map_err(|e| ApiError::bad("internal-error", e.to_string()))?;
        Ok(String::from_utf8(out).unwrap_or_default())
    })
    .await
}

async fn extract(
    axum::extract::State(state): axum::extract::State<Arc<Shared>>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let req: OneIn = match parse_body(body) {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    let name = req.name.clone().unwrap_or_else(|| "input".into());
    let (doc, config) = req.split();
    work(&state, name, move || {
        let config = parse_config(config.as_deref())?;
        within_limit(doc.name.as_deref().unwrap_or("input"), &doc.text, &config)?;
        let (doc, date) = read_doc(doc, "input")?;
        let doc = doc.with_date(date);
        let qs = gate::grammar_of(&config).extract(&doc);
        let mut w = render::json::ExtractJson::begin(Vec::new(), &[&doc])
            .map_err(|e| ApiError::bad("internal-error", e.to_string()))?;
        w.document(&doc, &qs)
            .map_err(|e| ApiError::bad("internal-error", e.to_string()))?;
        let out = w
            .finish()
            .map_err(|e| ApiError::bad("internal-error", e.to_string()))?;
        Ok(String::from_utf8(out).unwrap_or_default())
    })
    .await
}

async fn reconcile(
    axum::extract::State(state): axum::extract::State<Arc<Shared>>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let req: ManyIn = match parse_body(body) {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    if req.texts.is_empty() {
        return ApiError::bad(
            "invalid-request",
            "`texts` is empty: give at least one source",
        )
        .into_response();
    }
    work(&state, "reconcile".into(), move || {
        let config = parse_config(req.config.as_deref())?;
        let grammar = gate::grammar_of(&config);
        let mut sources = Vec::with_capacity(req.texts.len());
        for (k, d) in req.texts.into_iter().enumerate() {
            let default_name = format!("source-{}", k + 1);
            within_limit(d.name.as_deref().unwrap_or(&default_name), &d.text, &config)?;
            let (doc, date) = read_doc(d, &default_name)?;
            let doc = doc.with_date(date);
            if sources
                .iter()
                .any(|(s, _): &(Document, _)| s.name == doc.name)
            {
                return Err(ApiError::bad(
                    "invalid-request",
                    format!(
                        "two sources are named {:?}: give each its own name",
                        doc.name
                    ),
                ));
            }
            let qs = grammar.extract(&doc);
            sources.push((doc, qs));
        }
        let mut r = figcheck::reconcile_with(&grammar, &sources);
        let docs: Vec<Document> = sources.into_iter().map(|(d, _)| d).collect();
        r.findings = gated(&docs, std::mem::take(&mut r.findings), &config);
        r.findings.sort_by(|a, b| {
            (&a.file, a.span.start, &a.code).cmp(&(&b.file, b.span.start, &b.code))
        });
        Ok(render::reconcile::json(&docs, &r))
    })
    .await
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

async fn rules() -> Response {
    let rs: Vec<_> = figcheck::registry::ALL
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
    json_response(s)
}

async fn healthz() -> Response {
    json_response(format!(
        "{{\"status\": \"ok\", \"version\": \"{}\"}}\n",
        env!("CARGO_PKG_VERSION")
    ))
}

async fn not_found() -> Response {
    ApiError {
        status: StatusCode::NOT_FOUND,
        code: "not-found",
        message:
            "no such endpoint: POST /v1/check, /v1/extract, /v1/reconcile; GET /v1/rules, /healthz"
                .into(),
    }
    .into_response()
}

async fn method_not_allowed() -> Response {
    ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        code: "method-not-allowed",
        message: "wrong method for this endpoint: POST /v1/check, /v1/extract, /v1/reconcile; GET /v1/rules, /healthz".into(),
    }
    .into_response()
}

/// The routes.
fn app(opts: &Options) -> Router {
    let state = Arc::new(Shared {
        timeout: opts.timeout,
    });
    Router::new()
        .route("/v1/check", post(check))
        .route("/v1/extract", post(extract))
        .route("/v1/reconcile", post(reconcile))
        .route("/v1/rules", get(rules))
        .route("/healthz", get(healthz))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(opts.max_body))
        .with_state(state)
}

/// Serves until the process is stopped; returns the exit status (2 when it cannot listen).
pub fn run(opts: &Options) -> i32 {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(opts.threads.max(1))
        .max_blocking_threads(opts.threads.max(1))
        .enable_io()
        .enable_time()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the server: {e}");
            return 2;
        }
    };
    rt.block_on(async {
        let listener = match tokio::net::TcpListener::bind(opts.addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen on {}: {e}", opts.addr);
                return 2;
            }
        };
        let addr = listener.local_addr().unwrap_or(opts.addr);
        // The first line on stdout names the address (a port of 0 is chosen by the system).
        println!("figcheck serve: listening on http://{addr}");
        use std::io::Write;
        let _ = std::io::stdout().flush();
        match axum::serve(listener, app(opts)).await {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: the server stopped: {e}");
                2
            }
        }
    })
}
