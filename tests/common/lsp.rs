//! A minimal LSP client over the real binary's stdio (Content-Length framing).
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

pub struct Lsp {
    pub child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests seen while waiting for responses.
    pub notifications: Vec<Value>,
    /// Responses that arrived while waiting for another.
    early: std::collections::HashMap<i64, Value>,
}

pub fn frame(v: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(v).unwrap();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

impl Lsp {
    pub fn spawn() -> Lsp {
        Self::spawn_with_env(&[])
    }

    pub fn spawn_with_env(env: &[(&str, &str)]) -> Lsp {
        let mut cmd = Command::new(option_env!("CARGO_BIN_EXE_cable-lsp").unwrap_or("cable-lsp"));
        // CABLE_LSP_TEST_STDERR=FILE keeps the server's log for a failing test.
        let stderr = match std::env::var("CABLE_LSP_TEST_STDERR") {
            Ok(f) => Stdio::from(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(f)
                    .unwrap(),
            ),
            Err(_) => Stdio::null(),
        };
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .env(
                "CABLE_LSP_LOG",
                std::env::var("CABLE_LSP_LOG").unwrap_or("warn".into()),
            );
        // Each server gets a cache folder of its own unless a test names one.
        if !env.iter().any(|(k, _)| *k == "CABLE_LSP_CACHE_DIR") {
            static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("cache-{}-{n}", std::process::id()));
            cmd.env("CABLE_LSP_CACHE_DIR", dir);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn cable-lsp");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let Some(n) = len else { return };
                let mut buf = vec![0; n];
                if r.read_exact(&mut buf).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&buf).expect("server sent invalid JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Lsp {
            stdin: child.stdin.take(),
            child,
            rx,
            next_id: 1,
            notifications: vec![],
            early: Default::default(),
        }
    }

    /// Answers a request from the server the way a plain client does: `null`
    /// (or one `null` per item of `workspace/configuration`).
    fn answer_server_request(&mut self, v: &Value) {
        if let (Some(id), Some(m)) = (v.get("id"), v.get("method").and_then(Value::as_str)) {
            let result = if m == "workspace/configuration" {
                let n = v["params"]["items"].as_array().map_or(0, |a| a.len());
                Value::Array(vec![Value::Null; n])
            } else {
                Value::Null
            };
            let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
            self.send_raw(&frame(&reply));
        }
    }

    /// Waits until a notification satisfies `pred` (answering server requests
    /// meanwhile); returns it. Notifications seen earlier count too.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(v) = self.notifications.iter().find(|v| pred(v)) {
            return v.clone();
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(v) if v.get("method").is_none() => {
                    if let Some(id) = v.get("id").and_then(Value::as_i64) {
                        self.early.insert(id, v);
                    }
                }
                Ok(v) => {
                    self.answer_server_request(&v);
                    self.notifications.push(v.clone());
                    if pred(&v) {
                        return v;
                    }
                }
                Err(_) => panic!("waited 60 s for {what}; it did not come"),
            }
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let s = self.stdin.as_mut().expect("stdin closed");
        s.write_all(bytes).unwrap();
        s.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let mut m = json!({"jsonrpc": "2.0", "method": method});
        if !params.is_null() {
            m["params"] = params;
        }
        self.send_raw(&frame(&m));
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        let mut m = json!({"jsonrpc": "2.0", "id": id, "method": method});
        if !params.is_null() {
            m["params"] = params;
        }
        self.send_raw(&frame(&m));
        id
    }

    /// Waits for the response to `id` (the whole message: `result` or `error`).
    pub fn response(&mut self, id: i64) -> Value {
        if let Some(v) = self.early.remove(&id) {
            return v;
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(v)
                    if v.get("method").is_none()
                        && v.get("id").and_then(Value::as_i64).is_some() =>
                {
                    let got = v["id"].as_i64().unwrap();
                    if got == id {
                        return v;
                    }
                    self.early.insert(got, v);
                }
                Ok(v) => {
                    self.answer_server_request(&v);
                    self.notifications.push(v)
                }
                Err(RecvTimeoutError::Timeout) => panic!("no response to request {id} within 30 s"),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output before answering {id}")
                }
            }
        }
    }

    /// Sends a request and returns its `result` (panics on an error response).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let v = self.response(id);
        if let Some(e) = v.get("error") {
            panic!("{method} failed: {e}");
        }
        v["result"].clone()
    }

    pub fn initialize(&mut self, encodings: &[&str]) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": encodings}}}),
        );
        self.notify("initialized", json!({}));
        r
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "cable", "version": 1, "text": text}}));
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Waits for the process to end; its exit code, or None after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<i32> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s.code();
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Text edits in LSP terms, applied the way a client does: `(line, character)`
/// in UTF-16 code units (or UTF-8 bytes).
pub fn apply_edit(text: &mut String, start: (u32, u32), end: (u32, u32), new: &str, utf8: bool) {
    let a = offset_of(text, start, utf8);
    let b = offset_of(text, end, utf8).max(a);
    text.replace_range(a..b, new);
}

pub fn offset_of(text: &str, (line, ch): (u32, u32), utf8: bool) -> usize {
    let mut starts = vec![0usize];
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            starts.push(i + 2);
            i += 2;
        } else if b[i] == b'\n' || b[i] == b'\r' {
            starts.push(i + 1);
            i += 1;
        } else {
            i += 1;
        }
    }
    let Some(&ls) = starts.get(line as usize) else {
        return text.len();
    };
    let le = starts.get(line as usize + 1).copied().unwrap_or(text.len());
    let content = text[ls..le].trim_end_matches(['\n', '\r']);
    let mut units = 0u32;
    for (k, c) in content.char_indices() {
        if units >= ch {
            return ls + k;
        }
        units += if utf8 {
            c.len_utf8() as u32
        } else {
            c.len_utf16() as u32
        };
    }
    ls + content.len()
}

/// The (line, character) of every char boundary, for picking random positions.
pub fn positions(text: &str, utf8: bool) -> Vec<(u32, u32)> {
    let mut out = vec![];
    let (mut line, mut col) = (0u32, 0u32);
    let mut it = text.chars().peekable();
    out.push((0, 0));
    while let Some(c) = it.next() {
        if c == '\r' && it.peek() == Some(&'\n') {
            it.next();
            line += 1;
            col = 0;
        } else if c == '\n' || c == '\r' {
            line += 1;
            col = 0;
        } else {
            col += if utf8 {
                c.len_utf8() as u32
            } else {
                c.len_utf16() as u32
            };
        }
        out.push((line, col));
    }
    out
}
