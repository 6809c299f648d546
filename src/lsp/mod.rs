//! `figcheck lsp`: a language server over standard input and output, on `lsp-server` and
//! `lsp-types` (rust-analyzer's crates).
//!
//! One thread reads messages; each open document keeps its text, its line index and its last
//! [`analysis::Analysis`]. Opening or saving a document analyses it at once; a change is
//! applied to the text at once and analysed when no further change has come for the debounce
//! interval (`--debounce-ms`, or `initializationOptions.debounceMs`), so only the changed
//! document is read again. A hover or code action on a document with a pending change
//! analyses it first, so answers match the text the editor shows.
//!
//! Each document's `figcheck.toml` is the nearest one above it (as for the command line),
//! checked for a change (modification time and size) on every analysis and reloaded; a
//! watched-file notification about a `figcheck.toml` re-analyses every open document.
//! Positions are UTF-16 as the protocol requires, converted exactly from byte offsets
//! ([`position`]).

pub mod analysis;
pub mod position;

use analysis::{Analysis, Input};
use figcheck::config::Config;
use figcheck::{Format, Severity};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lt;
use position::LineIndex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant, SystemTime};

/// Where a rule's documentation is read.
pub fn rule_doc_url(code: &str) -> String {
    figcheck::registry::doc_url(code)
}

/// The server's options from the command line.
#[derive(Debug, Clone)]
pub struct Options {
    /// A configuration file used for every document instead of discovery.
    pub config: Option<PathBuf>,
    /// How long a change waits for the next before the document is analysed.
    pub debounce: Duration,
}

/// Runs the server on standard input and output until `exit`; returns the exit status (0
/// after `shutdown` then `exit`, 1 otherwise, as the protocol says).
pub fn run(opts: &Options) -> i32 {
    let (connection, io_threads) = Connection::stdio();
    let status = match serve(&connection, opts) {
        Ok(clean) => i32::from(!clean),
        Err(e) => {
            eprintln!("figcheck lsp: {e}");
            1
        }
    };
    drop(connection);
    if let Err(e) = io_threads.join() {
        eprintln!("figcheck lsp: {e}");
        return 1;
    }
    status
}

/// The capabilities the server announces.
fn capabilities() -> lt::ServerCapabilities {
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

/// Runs the protocol on `connection`: `Ok(true)` after a clean shutdown.
pub fn serve(connection: &Connection, opts: &Options) -> Result<bool, String> {
    let caps = serde_json::to_value(capabilities()).map_err(|e| e.to_string())?;
    let init = connection.initialize(caps).map_err(|e| e.to_string())?;
    let params: lt::InitializeParams = serde_json::from_value(init).unwrap_or_default();
    let mut debounce = opts.debounce;
    if let Some(ms) = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("debounceMs"))
        .and_then(serde_json::Value::as_u64)
    {
        debounce = Duration::from_millis(ms.min(10_000));
    }
    let explicit = match &opts.config {
        Some(p) => match load_config(p) {
            Ok(c) => Some(c),
            Err(e) => return Err(e),
        },
        None => None,
    };
    let mut server = Server {
        out: connection.sender.clone(),
        docs: HashMap::new(),
        configs: ConfigCache::default(),
        explicit,
        debounce,
        next_id: 0,
        shown_error: None,
    };
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    if watch {
        server.watch_configs();
    }
    server.main_loop(connection)
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
fn load_config(p: &Path) -> Result<Config, String> {
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
            .and_then(figcheck::config::discover)
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

struct Server {
    out: crossbeam_channel::Sender<Message>,
    docs: HashMap<lt::Uri, Open>,
    configs: ConfigCache,
    explicit: Option<Config>,
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

impl Server {
    fn send(&self, m: Message) {
        // A closed channel means the client is gone; the loop ends on the next receive.
        let _ = self.out.send(m);
    }

    fn notify<N: lt::notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(
            N::METHOD.to_string(),
            params,
        )));
    }

    fn watch_configs(&mut self) {
        let opts = lt::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lt::FileSystemWatcher {
                glob_pattern: lt::GlobPattern::String(format!(
                    "**/{}",
                    figcheck::config::FILE_NAME
                )),
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

    fn main_loop(&mut self, connection: &Connection) -> Result<bool, String> {
        loop {
            let due = self.docs.values().filter_map(|d| d.due).min();
            let msg = match due {
                Some(at) => {
                    match connection
                        .receiver
                        .recv_timeout(at.saturating_duration_since(Instant::now()))
                    {
                        Ok(m) => Some(m),
                        Err(crossbeam_channel::RecvTimeoutError::Timeout) => None,
                        Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return Ok(false),
                    }
                }
                None => match connection.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return Ok(false),
                },
            };
            match msg {
                Some(Message::Request(req)) => {
                    if connection
                        .handle_shutdown(&req)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(true);
                    }
                    self.request(req);
                }
                Some(Message::Notification(n)) => {
                    if n.method == "exit" {
                        return Ok(false);
                    }
                    self.notification(n);
                }
                Some(Message::Response(_)) | None => {}
            }
            self.analyse_due();
        }
    }

    /// Analyses every document whose pending change is due.
    fn analyse_due(&mut self) {
        let now = Instant::now();
        let due: Vec<lt::Uri> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|t| t <= now))
            .map(|(u, _)| u.clone())
            .collect();
        for uri in due {
            self.analyse(&uri);
        }
    }

    /// Analyses a document now (configuration checked for a change) and publishes its
    /// diagnostics.
    fn analyse(&mut self, uri: &lt::Uri) {
        let (config, error) = match &self.explicit {
            Some(c) => (c.clone(), None),
            None => {
                let path = self.docs.get(uri).and_then(|d| d.path.clone());
                self.configs.for_document(path.as_deref())
            }
        };
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
        let result = crate::cmd::isolated(&d.name, || analysis::analyse(&input, text));
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

    /// The analysis of a document as the editor now shows it (a pending change analysed).
    fn current(&mut self, uri: &lt::Uri) -> Option<&Open> {
        if self.docs.get(uri)?.due.is_some() || self.docs.get(uri)?.analysis.is_none() {
            self.analyse(uri);
        }
        self.docs.get(uri)
    }

    fn notification(&mut self, n: Notification) {
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
                d.due = Some(Instant::now() + debounce);
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = n.extract::<lt::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                if uri.as_str().ends_with(figcheck::config::FILE_NAME) {
                    self.reanalyse_all();
                    return;
                }
                if let Some(d) = self.docs.get_mut(&uri)
                    && let Some(t) = p.text
                {
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
                    .any(|c| c.uri.as_str().ends_with(figcheck::config::FILE_NAME))
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

    fn request(&mut self, req: Request) {
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
        let d = self.current(&uri)?;
        let a = d.analysis.as_ref()?;
        let at = d
            .index
            .offset(&d.text, p.text_document_position_params.position);
        let (span, markdown) = crate::cmd::isolated(&d.name, || analysis::hover(a, at))??;
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
        let Some(d) = self.current(&uri) else {
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
            let fixes = crate::cmd::isolated(&d.name, || analysis::fixes(&input, a, f));
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

/// A finding as the protocol has it.
fn to_lsp(
    uri: &lt::Uri,
    text: &str,
    index: &LineIndex,
    name: &str,
    f: &figcheck::Diagnostic,
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
}
