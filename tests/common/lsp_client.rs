//! A minimal language-server client for tests and benchmarks: starts `figcheck lsp`, frames
//! JSON-RPC messages with `Content-Length` headers over its stdio, and reads its messages on a
//! thread so that every wait has a deadline.

#![allow(dead_code)]

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long any one wait lasts before the test fails.
pub const WAIT: Duration = Duration::from_secs(30);

/// A running server and what it has sent that nobody has taken yet.
pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages received while waiting for something else.
    pub queue: VecDeque<Value>,
    next_id: i64,
}

/// Reads one framed message; `None` at the end of the stream.
fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    /// Starts `bin lsp ARGS` in `dir`.
    pub fn start(bin: &Path, dir: &Path, args: &[&str]) -> Client {
        Client::start_with_env(bin, dir, args, &[])
    }

    /// Starts `bin lsp ARGS` in `dir` with extra environment variables.
    pub fn start_with_env(bin: &Path, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Client {
        let mut child = Command::new(bin)
            .arg("lsp")
            .args(args)
            .envs(env.iter().copied())
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start figcheck lsp");
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            while let Some(m) = read_message(&mut stdout) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming: rx,
            queue: VecDeque::new(),
            next_id: 0,
        }
    }

    /// Writes one message.
    pub fn send(&mut self, msg: &Value) {
        let body = serde_json::to_vec(msg).unwrap();
        let w = self.stdin.as_mut().expect("stdin open");
        write!(w, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        w.write_all(&body).unwrap();
        w.flush().unwrap();
    }

    /// Writes bytes as they are (a frame the test makes itself).
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let w = self.stdin.as_mut().expect("stdin open");
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request; returns its id.
    pub fn request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The next message from the server, failing the test after [`WAIT`].
    fn next(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => panic!("no message from the server in time"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// Waits for the first message (queued or new) that `pred` accepts; others are queued.
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.queue.iter().position(&pred) {
            return self.queue.remove(i).unwrap();
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let m = self.next(deadline);
            if pred(&m) {
                return m;
            }
            self.queue.push_back(m);
        }
    }

    /// The response to request `id`: its `result`, or the test fails on an error.
    pub fn response(&mut self, id: i64) -> Value {
        let m = self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none());
        assert!(m.get("error").is_none(), "error response: {m}");
        m["result"].clone()
    }

    /// Sends a request and waits for its result.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.request(method, params);
        self.response(id)
    }

    /// The next `textDocument/publishDiagnostics` for `uri` (with `version`, when given).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Value {
        self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        })["params"]
            .clone()
    }

    /// `initialize` then `initialized`; returns the server's capabilities.
    pub fn initialize(&mut self, root: &Path, options: Value) -> Value {
        let r = self.call(
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(root),
                "capabilities": {
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": false}},
                    "general": {"positionEncodings": ["utf-16"]}
                },
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        r["capabilities"].clone()
    }

    /// Opens a document.
    pub fn open(&mut self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        );
    }

    /// `shutdown`, then `exit`; returns how the server exited.
    pub fn shutdown(mut self) -> ExitStatus {
        let r = self.call("shutdown", Value::Null);
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Closes the server's input and waits for it to end (bounded by [`WAIT`]).
    pub fn wait(mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                return s;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The `file:` URI of an absolute path (spaces and other reserved bytes percent-encoded).
pub fn file_uri(p: &Path) -> String {
    let mut s = String::from("file://");
    for b in p.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}
