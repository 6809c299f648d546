//! The language server of `figcheck lsp` as a state machine: a [`Session`] takes one
//! JSON-RPC message (its bytes, or an `lsp_server::Message`) and returns the messages to send
//! back; the binary owns only the transport (standard input and output, the framing, the
//! clock that makes a debounced change due). Everything the protocol decides is here, where it
//! can be tested and fuzzed without a process.
//!
//! Each open document keeps its text, its line index and its last [`analysis::Analysis`].
//! Opening or saving a document analyses it at once; a change is applied to the text at once
//! and analysed when no further change has come for the debounce interval (`--debounce-ms`,
//! or `initializationOptions.debounceMs`; [`Session::next_due`], [`Session::analyse_due`]),
//! so only the changed document is read again. A hover or code action on a document with a
//! pending change analyses it first, so answers match the text the editor shows.
//!
//! Each document's `figcheck.toml` is the nearest one above it (as for the command line),
//! checked for a change (modification time and size) on every analysis and reloaded; a
//! watched-file notification about a `figcheck.toml` re-analyses every open document.
//! Positions are UTF-16 as the protocol requires, converted exactly from byte offsets
//! ([`position`]). A document over its configuration's `[limits] max_file_bytes` is not
//! analysed: its one diagnostic says so. Messages are read with [`read_frame`], which skips
//! one over the transport's limit without holding it.

pub mod analysis;
pub mod position;

use crate::config::Config;
use crate::{Format, Severity};
use analysis::{Analysis, Input};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lt;
use position::LineIndex;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant, SystemTime};

/// Where a rule's documentation is read.
pub fn rule_doc_url(code: &str) -> String {
    crate::registry::doc_url(code)
}

/// Runs work that may panic, reporting a panic (naming the document) and returning `false`
/// then; the binary passes one that catches it, a fuzz target or test one that lets it
/// through ([`let_through`]).
pub type Isolate = dyn Fn(&str, &mut dyn FnMut()) -> bool;

/// An [`Isolate`] that runs the work and lets a panic through.
pub fn let_through(_: &str, work: &mut dyn FnMut()) -> bool {
    work();
    true
}

fn isolated<T>(iso: &Isolate, name: &str, f: impl FnOnce() -> T) -> Option<T> {
    let mut f = Some(f);
    let mut out = None;
    let ok = iso(name, &mut || {
        if let Some(f) = f.take() {
            out = Some(f());
        }
    });
    if ok { out } else { None }
}

/// The session's options.
pub struct Options {
    /// A configuration used for every document instead of discovery (`--config`).
    pub config: Option<Config>,
    /// Whether each document's `figcheck.toml` is looked for above its file (off: the
    /// default configuration, for tests and fuzzing that must not read the disk).
    pub discover: bool,
    /// How long a change waits for the next before the document is analysed.
    pub debounce: Duration,
    /// How the analysis of one document is isolated.
    pub isolate: Box<Isolate>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            config: None,
            discover: false,
            debounce: Duration::from_millis(50),
            isolate: Box::new(let_through),
        }
    }
}

/// One frame read from the transport.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A message's bytes.
    Message(Vec<u8>),
    /// A message larger than the limit (its length), read past without keeping it.
    TooLarge(u64),
    /// A header that is not `Name: value` lines with a `Content-Length`; the stream cannot be
    /// followed further.
    Malformed(String),
}

/// The longest header line read.
const MAX_HEADER_LINE: u64 = 8 << 10;

/// Reads one `Content-Length`-framed message of at most `max` bytes from `r` (`None` at the
/// end of the input). A longer one is read past in pieces and is [`Frame::TooLarge`], so that
/// a hostile length never allocates more than the limit.
pub fn read_frame(r: &mut impl BufRead, max: u64) -> std::io::Result<Option<Frame>> {
    let mut size: Option<u64> = None;
    let mut any = false;
    loop {
        let mut line = Vec::new();
        let n = std::io::Read::take(&mut *r, MAX_HEADER_LINE).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(if any {
                Some(Frame::Malformed("the input ended inside a header".into()))
            } else {
                None
            });
        }
        any = true;
        let Some(l) = line.strip_suffix(b"\r\n") else {
            return Ok(Some(Frame::Malformed(format!(
                "a header line that does not end in CRLF: {:?}",
                String::from_utf8_lossy(&line[..line.len().min(80)])
            ))));
        };
        if l.is_empty() {
            break;
        }
        let l = String::from_utf8_lossy(l);
        let Some((name, value)) = l.split_once(':') else {
            return Ok(Some(Frame::Malformed(format!("not a header: {l:?}"))));
        };
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            match value.trim().parse::<u64>() {
                Ok(n) => size = Some(n),
                Err(_) => {
                    return Ok(Some(Frame::Malformed(format!(
                        "Content-Length {:?} is not a number",
                        value.trim()
                    ))));
                }
            }
        }
    }
    let Some(size) = size else {
        return Ok(Some(Frame::Malformed(
            "a message without Content-Length".into(),
        )));
    };
    if size > max {
        let skipped = std::io::copy(
            &mut std::io::Read::take(&mut *r, size),
            &mut std::io::sink(),
        )?;
        if skipped < size {
            return Ok(None);
        }
        return Ok(Some(Frame::TooLarge(size)));
    }
    let mut buf = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut *r, size), &mut buf)?;
    if (buf.len() as u64) < size {
        return Ok(Some(Frame::Malformed(
            "the input ended inside a message".into(),
        )));
    }
    Ok(Some(Frame::Message(buf)))
}

/// The capabilities the server announces.
pub fn capabilities() -> lt::ServerCapabilities {
    lt::ServerCapabilities {
        position_encoding: Some(lt::PositionEncodingKind::UTF16),
        text_document_sync: Some(lt::TextDocumentSyncCapability::Options(
            lt::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lt::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lt::TextDocumentSyncSaveOptions::SaveOptions(
                    lt::SaveOptions {
                        include_text: Some(true),
                    },
                )),
                ..Default::default()
            },
        )),
        hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(lt::CodeActionProviderCapability::Options(
            lt::CodeActionOptions {
                code_action_kinds: Some(vec![lt::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

/// The configuration files seen, with what they held when last read.
#[derive(Default)]
struct ConfigCache {
    files: HashMap<PathBuf, (Stamp, Result<Config, String>)>,
}

/// What tells a file changed.
type Stamp = Option<(SystemTime, u64)>;

fn stamp(p: &Path) -> Stamp {
    let m = std::fs::metadata(p).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// Loads and validates a configuration as the command line does (rule names checked).
pub fn load_config(p: &Path) -> Result<Config, String> {
    let c = Config::load(p).map_err(|e| e.to_string())?;
    let known = analysis::known_codes();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    c.check_rule_names(&p.display().to_string(), &known)
        .map_err(|e| e.to_string())?;
    Ok(c)
}

impl ConfigCache {
    /// The configuration of a document at `path` (`None`: no file), reloaded when its file
    /// changed; an unusable file gives the default with the error.
    fn for_document(&mut self, path: Option<&Path>) -> (Config, Option<String>) {
        let Some(found) = path
            .and_then(Path::parent)
            .and_then(crate::config::discover)
        else {
            return (Config::default(), None);
        };
        let now = stamp(&found);
        let fresh = matches!(self.files.get(&found), Some((s, _)) if *s == now);
        if !fresh {
            self.files.insert(found.clone(), (now, load_config(&found)));
        }
        match &self.files[&found].1 {
            Ok(c) => (c.clone(), None),
            Err(e) => (Config::default(), Some(e.clone())),
        }
    }
}

/// One open document.
struct Open {
    text: String,
    version: i32,
    format: Format,
    /// The file it is, when it is one.
    path: Option<PathBuf>,
    /// The name findings carry.
    name: String,
    index: LineIndex,
    analysis: Option<Analysis>,
    config: Config,
    /// When a pending change is due to be analysed.
    due: Option<Instant>,
}

/// Where the session is in the protocol's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`.
    Waiting,
    /// Between `initialize` and `shutdown`.
    Running,
    /// After `shutdown`.
    ShutDown,
    /// After `exit`, with the status.
    Exited(i32),
}

/// One client's session.
pub struct Session {
    opts: Options,
    phase: Phase,
    out: Vec<Message>,
    docs: HashMap<lt::Uri, Open>,
    configs: ConfigCache,
    debounce: Duration,
    next_id: i32,
    /// The configuration error last shown, so that it is shown once.
    shown_error: Option<String>,
}

/// The path of a `file:` URI, percent-decoded.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let b = rest.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(h) = rest
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(h);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

/// The format of a document from the client's language id, else its name.
fn format_of(language: &str, name: &str) -> Format {
    match language {
        "markdown" | "mdx" => Format::Markdown,
        "html" => Format::Html,
        "plaintext" | "text" => Format::Text,
        _ => Format::from_path(name),
    }
}

fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

impl Session {
    /// A session before `initialize`.
    pub fn new(opts: Options) -> Session {
        Session {
            debounce: opts.debounce,
            opts,
            phase: Phase::Waiting,
            out: Vec::new(),
            docs: HashMap::new(),
            configs: ConfigCache::default(),
            next_id: 0,
            shown_error: None,
        }
    }

    /// The exit status once the client said `exit` (0 after `shutdown`, 1 otherwise, as the
    /// protocol says).
    pub fn exit_status(&self) -> Option<i32> {
        match self.phase {
            Phase::Exited(s) => Some(s),
            _ => None,
        }
    }

    /// The text of an open document, as the session holds it.
    pub fn text(&self, uri: &str) -> Option<&str> {
        let uri = lt::Uri::from_str(uri).ok()?;
        self.docs.get(&uri).map(|d| d.text.as_str())
    }

    /// The URIs of the open documents.
    pub fn open_uris(&self) -> Vec<String> {
        self.docs.keys().map(|u| u.as_str().to_string()).collect()
    }

    /// One message's bytes (the JSON of a framed message): the messages to send back. Bytes
    /// that are not a JSON-RPC message are answered with a log message saying why (an
    /// invalid request with an id, with an error response).
    pub fn handle_bytes(&mut self, bytes: &[u8], now: Instant) -> Vec<Message> {
        match serde_json::from_slice::<Message>(bytes) {
            Ok(m) => self.handle(m, now),
            Err(e) => {
                let id = serde_json::from_slice::<serde_json::Value>(bytes)
                    .ok()
                    .and_then(|v| serde_json::from_value::<RequestId>(v.get("id")?.clone()).ok());
                match id {
                    Some(id) => vec![Message::Response(Response::new_err(
                        id,
                        ErrorCode::InvalidRequest as i32,
                        format!("not a JSON-RPC message: {e}"),
                    ))],
                    None => vec![log(format!("figcheck lsp: not a JSON-RPC message: {e}"))],
                }
            }
        }
    }

    /// What the transport read past: a message over its size limit.
    pub fn too_large(&mut self, size: u64, limit: u64) -> Vec<Message> {
        vec![Message::Notification(Notification::new(
            "window/showMessage".into(),
            lt::ShowMessageParams {
                typ: lt::MessageType::ERROR,
                message: format!(
                    "figcheck: a message of {size} bytes is larger than the limit of {limit} \
                     bytes (figcheck lsp --max-size); it was ignored"
                ),
            },
        ))]
    }

    /// One message: the messages to send back.
    pub fn handle(&mut self, msg: Message, now: Instant) -> Vec<Message> {
        match (self.phase, msg) {
            (Phase::Exited(_), _) => {}
            (_, Message::Notification(n)) if n.method == "exit" => {
                self.phase = Phase::Exited(i32::from(self.phase != Phase::ShutDown));
            }
            (Phase::Waiting, Message::Request(req)) => {
                if req.method == "initialize" {
                    self.initialize(req);
                } else {
                    self.send(Message::Response(Response::new_err(
                        req.id,
                        ErrorCode::ServerNotInitialized as i32,
                        format!("expected initialize request, got {}", req.method),
                    )));
                }
            }
            (Phase::ShutDown, Message::Request(req)) => {
                self.send(Message::Response(Response::new_err(
                    req.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shut down: only `exit` is accepted".into(),
                )));
            }
            (Phase::Running, Message::Request(req)) => {
                if req.method == "shutdown" {
                    self.phase = Phase::ShutDown;
                    self.send(Message::Response(Response::new_ok(req.id, ())));
                } else {
                    self.request(req, now);
                }
            }
            (Phase::Running, Message::Notification(n)) => self.notification(n, now),
            _ => {}
        }
        std::mem::take(&mut self.out)
    }

    /// When the next pending change is due to be analysed.
    pub fn next_due(&self) -> Option<Instant> {
        self.docs.values().filter_map(|d| d.due).min()
    }

    /// Analyses every document whose pending change is due at `now`; the diagnostics to send.
    pub fn analyse_due(&mut self, now: Instant) -> Vec<Message> {
        let due: Vec<lt::Uri> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|t| t <= now))
            .map(|(u, _)| u.clone())
            .collect();
        for uri in due {
            self.analyse(&uri);
        }
        std::mem::take(&mut self.out)
    }

    fn initialize(&mut self, req: Request) {
        let params: lt::InitializeParams = serde_json::from_value(req.params).unwrap_or_default();
        if let Some(ms) = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("debounceMs"))
            .and_then(serde_json::Value::as_u64)
        {
            self.debounce = Duration::from_millis(ms.min(10_000));
        }
        let caps = serde_json::to_value(capabilities()).unwrap_or_default();
        self.send(Message::Response(Response::new_ok(
            req.id,
            serde_json::json!({ "capabilities": caps }),
        )));
        self.phase = Phase::Running;
        let watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        if watch {
            self.watch_configs();
        }
    }

    fn send(&mut self, m: Message) {
        self.out.push(m);
    }

    fn notify<N: lt::notification::Notification>(&mut self, params: N::Params) {
        self.send(Message::Notification(Notification::new(
            N::METHOD.to_string(),
            params,
        )));
    }

    fn watch_configs(&mut self) {
        let opts = lt::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lt::FileSystemWatcher {
                glob_pattern: lt::GlobPattern::String(format!("**/{}", crate::config::FILE_NAME)),
                kind: None,
            }],
        };
        let reg = lt::RegistrationParams {
            registrations: vec![lt::Registration {
                id: "figcheck-config".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(opts).ok(),
            }],
        };
        self.next_id += 1;
        self.send(Message::Request(Request::new(
            RequestId::from(format!("figcheck-{}", self.next_id)),
            "client/registerCapability".into(),
            reg,
        )));
    }

    /// The configuration of a document: `--config`, else discovered (when allowed), else the
    /// default.
    fn config_of(&mut self, uri: &lt::Uri) -> (Config, Option<String>) {
        if let Some(c) = &self.opts.config {
            return (c.clone(), None);
        }
        if !self.opts.discover {
            return (Config::default(), None);
        }
        let path = self.docs.get(uri).and_then(|d| d.path.clone());
        self.configs.for_document(path.as_deref())
    }

    /// Analyses a document now (configuration checked for a change) and publishes its
    /// diagnostics.
    fn analyse(&mut self, uri: &lt::Uri) {
        let (config, error) = self.config_of(uri);
        if let Some(e) = &error
            && self.shown_error.as_ref() != Some(e)
        {
            self.notify::<lt::notification::ShowMessage>(lt::ShowMessageParams {
                typ: lt::MessageType::ERROR,
                message: format!("figcheck: {e}; using the default configuration"),
            });
        }
        if error.is_some() {
            self.shown_error = error;
        }
        let Some(d) = self.docs.get_mut(uri) else {
            return;
        };
        d.due = None;
        let input = Input {
            name: &d.name,
            format: d.format,
            config: &config,
            today: today(),
            date: None,
        };
        let text = d.text.clone();
        let result = isolated(&*self.opts.isolate, &d.name, || {
            analysis::analyse(&input, text)
        });
        let diagnostics = match result {
            Some(Ok(a)) => {
                let ds = a
                    .findings
                    .iter()
                    .map(|f| to_lsp(uri, &d.text, &d.index, &d.name, f))
                    .collect();
                d.analysis = Some(a);
                ds
            }
            failed => {
                d.analysis = None;
                let message = match failed {
                    Some(Err(e)) => format!("cannot read this document: {e}"),
                    _ => "internal error: figcheck could not check this document; this is a bug \
                          in figcheck (the server's log has the details): please report it"
                        .to_string(),
                };
                vec![lt::Diagnostic {
                    range: lt::Range::default(),
                    severity: Some(lt::DiagnosticSeverity::ERROR),
                    source: Some("figcheck".into()),
                    message,
                    ..Default::default()
                }]
            }
        };
        d.config = config;
        let version = d.version;
        self.notify::<lt::notification::PublishDiagnostics>(lt::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version: Some(version),
        });
    }

    /// Makes sure the analysis of a document is of the text the editor now shows (a pending
    /// change analysed); whether the document is open.
    fn make_current(&mut self, uri: &lt::Uri) -> bool {
        let Some(d) = self.docs.get(uri) else {
            return false;
        };
        if d.due.is_some() || d.analysis.is_none() {
            self.analyse(uri);
        }
        true
    }

    fn notification(&mut self, n: Notification, now: Instant) {
        use lt::notification::{
            DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
            DidOpenTextDocument, DidSaveTextDocument, Notification as _,
        };
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = n.extract::<lt::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                else {
                    return;
                };
                let td = p.text_document;
                let path = uri_to_path(td.uri.as_str());
                let name = path
                    .as_ref()
                    .map_or_else(|| td.uri.as_str().to_string(), |p| p.display().to_string());
                let format = format_of(&td.language_id, &name);
                let open = Open {
                    index: LineIndex::new(&td.text),
                    text: td.text,
                    version: td.version,
                    format,
                    path,
                    name,
                    analysis: None,
                    config: Config::default(),
                    due: None,
                };
                self.docs.insert(td.uri.clone(), open);
                self.analyse(&td.uri);
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    n.extract::<lt::DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                else {
                    return;
                };
                let debounce = self.debounce;
                let Some(d) = self.docs.get_mut(&p.text_document.uri) else {
                    return;
                };
                for c in p.content_changes {
                    match c.range {
                        Some(r) => {
                            let start = d.index.offset(&d.text, r.start);
                            let end = d.index.offset(&d.text, r.end).max(start);
                            d.text.replace_range(start..end, &c.text);
                        }
                        None => d.text = c.text,
                    }
                    d.index = LineIndex::new(&d.text);
                }
                d.version = p.text_document.version;
                d.due = Some(now + debounce);
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = n.extract::<lt::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                if uri.as_str().ends_with(crate::config::FILE_NAME) {
                    self.reanalyse_all();
                    return;
                }
                let Some(d) = self.docs.get_mut(&uri) else {
                    return;
                };
                if let Some(t) = p.text {
                    d.index = LineIndex::new(&t);
                    d.text = t;
                }
                self.analyse(&uri);
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    n.extract::<lt::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                if self.docs.remove(&uri).is_some() {
                    self.notify::<lt::notification::PublishDiagnostics>(
                        lt::PublishDiagnosticsParams {
                            uri,
                            diagnostics: Vec::new(),
                            version: None,
                        },
                    );
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let Ok(p) =
                    n.extract::<lt::DidChangeWatchedFilesParams>(DidChangeWatchedFiles::METHOD)
                else {
                    return;
                };
                if p.changes
                    .iter()
                    .any(|c| c.uri.as_str().ends_with(crate::config::FILE_NAME))
                {
                    self.reanalyse_all();
                }
            }
            _ => {}
        }
    }

    /// After a configuration change: every open document is read again.
    fn reanalyse_all(&mut self) {
        self.configs = ConfigCache::default();
        self.shown_error = None;
        let uris: Vec<lt::Uri> = self.docs.keys().cloned().collect();
        for uri in uris {
            self.analyse(&uri);
        }
    }

    fn request(&mut self, req: Request, _now: Instant) {
        use lt::request::{CodeActionRequest, HoverRequest, Request as _};
        let id = req.id.clone();
        let result = match req.method.as_str() {
            HoverRequest::METHOD => req
                .extract::<lt::HoverParams>(HoverRequest::METHOD)
                .map_err(|e| format!("{e:?}"))
                .map(|(_, p)| serde_json::to_value(self.hover(p)).unwrap_or_default()),
            CodeActionRequest::METHOD => req
                .extract::<lt::CodeActionParams>(CodeActionRequest::METHOD)
                .map_err(|e| format!("{e:?}"))
                .map(|(_, p)| serde_json::to_value(self.code_actions(p)).unwrap_or_default()),
            _ => {
                self.send(Message::Response(Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("figcheck lsp does not handle {}", req.method),
                )));
                return;
            }
        };
        let resp = match result {
            Ok(v) => Response::new_ok(id, v),
            Err(e) => Response::new_err(id, ErrorCode::InvalidParams as i32, e),
        };
        self.send(Message::Response(resp));
    }

    fn hover(&mut self, p: lt::HoverParams) -> Option<lt::Hover> {
        let uri = p.text_document_position_params.text_document.uri;
        if !self.make_current(&uri) {
            return None;
        }
        let d = self.docs.get(&uri)?;
        let a = d.analysis.as_ref()?;
        let at = d
            .index
            .offset(&d.text, p.text_document_position_params.position);
        let (span, markdown) = isolated(&*self.opts.isolate, &d.name, || analysis::hover(a, at))??;
        Some(lt::Hover {
            contents: lt::HoverContents::Markup(lt::MarkupContent {
                kind: lt::MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(d.index.range(&d.text, span.start, span.end)),
        })
    }

    fn code_actions(&mut self, p: lt::CodeActionParams) -> Vec<lt::CodeActionOrCommand> {
        let uri = p.text_document.uri;
        if !self.make_current(&uri) {
            return Vec::new();
        }
        let Some(d) = self.docs.get(&uri) else {
            return Vec::new();
        };
        let Some(a) = d.analysis.as_ref() else {
            return Vec::new();
        };
        let start = d.index.offset(&d.text, p.range.start);
        let end = d.index.offset(&d.text, p.range.end);
        let input = Input {
            name: &d.name,
            format: d.format,
            config: &d.config,
            today: today(),
            date: None,
        };
        let mut out = Vec::new();
        for f in a
            .findings
            .iter()
            .filter(|f| f.span.start <= end && start <= f.span.end)
        {
            let diag = to_lsp(&uri, &d.text, &d.index, &d.name, f);
            let fixes = isolated(&*self.opts.isolate, &d.name, || {
                analysis::fixes(&input, a, f)
            });
            for fix in fixes.unwrap_or_default() {
                let edit = lt::TextEdit {
                    range: d.index.range(&d.text, fix.span.start, fix.span.end),
                    new_text: fix.replacement,
                };
                out.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                    title: fix.title,
                    kind: Some(lt::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diag.clone()]),
                    edit: Some(lt::WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                        ..Default::default()
                    }),
                    is_preferred: Some(fix.preferred),
                    ..Default::default()
                }));
            }
        }
        out
    }
}

/// A `window/logMessage` notification.
fn log(message: String) -> Message {
    Message::Notification(Notification::new(
        "window/logMessage".into(),
        lt::LogMessageParams {
            typ: lt::MessageType::WARNING,
            message,
        },
    ))
}

/// A finding as the protocol has it.
fn to_lsp(
    uri: &lt::Uri,
    text: &str,
    index: &LineIndex,
    name: &str,
    f: &crate::Diagnostic,
) -> lt::Diagnostic {
    let mut message = f.message.clone();
    if let Some(h) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    let related: Vec<lt::DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter(|r| r.file == name)
        .map(|r| lt::DiagnosticRelatedInformation {
            location: lt::Location::new(uri.clone(), index.range(text, r.span.start, r.span.end)),
            message: r.message.clone(),
        })
        .collect();
    lt::Diagnostic {
        range: index.range(text, f.span.start, f.span.end),
        severity: Some(match f.severity {
            Severity::Error => lt::DiagnosticSeverity::ERROR,
            Severity::Warning => lt::DiagnosticSeverity::WARNING,
            Severity::Note => lt::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lt::NumberOrString::String(f.code.clone())),
        code_description: lt::Uri::from_str(&rule_doc_url(&f.code))
            .ok()
            .map(|href| lt::CodeDescription { href }),
        source: Some("figcheck".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            uri_to_path("file:///home/desk/drafts/flood%20report.md"),
            Some(PathBuf::from("/home/desk/drafts/flood report.md"))
        );
        assert_eq!(
            uri_to_path("file://localhost/tmp/a%C3%A9.md"),
            Some(PathBuf::from("/tmp/aé.md"))
        );
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
    }

    #[test]
    fn formats_follow_the_language_then_the_name() {
        assert_eq!(format_of("markdown", "x.txt"), Format::Markdown);
        assert_eq!(format_of("html", "x"), Format::Html);
        assert_eq!(format_of("plaintext", "x.md"), Format::Text);
        assert_eq!(format_of("", "x.htm"), Format::Html);
    }

    #[test]
    fn frames_are_read_and_an_oversized_one_is_skipped() {
        let mut input: &[u8] =
            b"Content-Length: 2\r\n\r\n{}Content-Length: 10\r\n\r\n0123456789Content-Length: 3\r\n\r\nabc";
        assert_eq!(
            read_frame(&mut input, 5).unwrap(),
            Some(Frame::Message(b"{}".to_vec()))
        );
        assert_eq!(
            read_frame(&mut input, 5).unwrap(),
            Some(Frame::TooLarge(10))
        );
        assert_eq!(
            read_frame(&mut input, 5).unwrap(),
            Some(Frame::Message(b"abc".to_vec()))
        );
        assert_eq!(read_frame(&mut input, 5).unwrap(), None);
        // A hostile length is read past, never allocated.
        let mut input: &[u8] = b"Content-Length: 99999999999999\r\n\r\nabc";
        assert_eq!(read_frame(&mut input, 5).unwrap(), None);
        let mut input: &[u8] = b"Content-Length: x\r\n\r\n";
        assert!(matches!(
            read_frame(&mut input, 5).unwrap(),
            Some(Frame::Malformed(_))
        ));
    }

    fn session() -> Session {
        let mut s = Session::new(Options {
            debounce: Duration::ZERO,
            ..Options::default()
        });
        let init =
            br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
        let out = s.handle_bytes(init, Instant::now());
        assert!(matches!(&out[..], [Message::Response(r)] if r.response_result.is_ok()));
        s
    }

    #[test]
    fn the_session_follows_the_protocols_life() {
        let mut s = Session::new(Options::default());
        let hover = br#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{}}"#;
        let out = s.handle_bytes(hover, Instant::now());
        assert!(
            matches!(&out[..], [Message::Response(r)] if r.response_result.as_ref().is_err_and(|e| e.code == ErrorCode::ServerNotInitialized as i32))
        );
        let mut s = session();
        let out = s.handle_bytes(b"{not json", Instant::now());
        assert!(matches!(&out[..], [Message::Notification(n)] if n.method == "window/logMessage"));
        let out = s.handle_bytes(
            br#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
            Instant::now(),
        );
        assert_eq!(out.len(), 1);
        assert_eq!(s.exit_status(), None);
        s.handle_bytes(br#"{"jsonrpc":"2.0","method":"exit"}"#, Instant::now());
        assert_eq!(s.exit_status(), Some(0));
        let mut s = session();
        s.handle_bytes(br#"{"jsonrpc":"2.0","method":"exit"}"#, Instant::now());
        assert_eq!(s.exit_status(), Some(1));
    }

    #[test]
    fn a_change_is_analysed_when_due() {
        let mut s = session();
        let t0 = Instant::now();
        let open = serde_json::json!({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///d/a.txt","languageId":"plaintext","version":1,"text":"The tower is 30 metres (99 feet) high.\n"}}});
        let out = s.handle_bytes(open.to_string().as_bytes(), t0);
        assert_eq!(out.len(), 1, "{out:?}");
        let change = serde_json::json!({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///d/a.txt","version":2},"contentChanges":[{"text":"The tower is 30 metres (400 feet) high.\n"}]}});
        assert!(s.handle_bytes(change.to_string().as_bytes(), t0).is_empty());
        assert_eq!(s.next_due(), Some(t0));
        let out = s.analyse_due(t0);
        let Message::Notification(n) = &out[0] else {
            panic!("{out:?}")
        };
        assert_eq!(n.params["version"], 2);
        assert_eq!(n.params["diagnostics"][0]["code"], "conversion", "{n:?}");
        assert_eq!(s.next_due(), None);
    }
}
