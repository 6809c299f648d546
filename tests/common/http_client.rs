//! A minimal HTTP/1.1 client over `std::net::TcpStream` for the tests and the load bench of
//! `figcheck serve`, and a helper that starts the server on a free loopback port.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A started `figcheck serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl Server {
    /// Starts `bin serve --addr 127.0.0.1:0 ARGS` and reads the address it listens on.
    pub fn start(bin: &Path, args: &[&str]) -> Server {
        Server::start_with_env(bin, args, &[])
    }

    /// As [`Server::start`], with extra environment variables.
    pub fn start_with_env(bin: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(bin)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start figcheck serve");
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        out.read_line(&mut line).expect("first line");
        let addr = line
            .trim()
            .rsplit("http://")
            .next()
            .unwrap_or_default()
            .to_string();
        assert!(addr.starts_with("127.0.0.1:"), "{line:?}");
        Server { child, addr }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: status, headers (lower-cased names) and body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// The body as JSON (the test fails if it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A kept-alive connection.
pub struct Conn {
    stream: BufReader<TcpStream>,
}

impl Conn {
    /// Connects to `addr`.
    pub fn open(addr: &str) -> Conn {
        let s = TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s.set_nodelay(true).unwrap();
        Conn {
            stream: BufReader::new(s),
        }
    }

    /// Writes raw bytes (a whole request, or a malformed one).
    pub fn write_raw(&mut self, bytes: &[u8]) {
        let s = self.stream.get_mut();
        s.write_all(bytes).expect("write");
        s.flush().unwrap();
    }

    /// Sends one request and reads its response.
    pub fn send(&mut self, method: &str, path: &str, body: &[u8]) -> Reply {
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        let mut req = head.into_bytes();
        req.extend_from_slice(body);
        self.write_raw(&req);
        self.read_reply()
    }

    /// Reads one response (with a `Content-Length` body, as the server sends them).
    pub fn read_reply(&mut self) -> Reply {
        let mut status_line = String::new();
        self.stream
            .read_line(&mut status_line)
            .expect("status line");
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            self.stream.read_line(&mut line).expect("header");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((n, v)) = line.split_once(':') {
                headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let len: usize = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; len];
        self.stream.read_exact(&mut body).expect("body");
        Reply {
            status,
            headers,
            body: String::from_utf8(body).expect("UTF-8 body"),
        }
    }
}

/// One request on a fresh connection.
pub fn request(addr: &str, method: &str, path: &str, body: &str) -> Reply {
    Conn::open(addr).send(method, path, body.as_bytes())
}
