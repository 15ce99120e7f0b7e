//! The stdin the server reads: the client's frames, checked one by one before
//! tower-lsp sees them. tower-lsp 0.20 stops reading for good after a body it
//! cannot decode (its framed reader ends on the first error), so one malformed
//! message would end the session. Here a frame whose body is not a JSON-RPC
//! message is logged, with what was wrong, and replaced by a notification
//! tower-lsp ignores (`$/cable/invalidMessage`); a header block without a
//! `Content-Length` is logged and skipped. Good frames pass unchanged.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// Bodies larger than this are not read into memory (a 50 MB cable fits).
const MAX_BODY: usize = 512 << 20;

/// The checked copy of `input`, to give tower-lsp as its stdin.
pub fn checked(input: impl AsyncRead + Unpin + Send + 'static) -> impl AsyncRead {
    let (theirs, ours) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        if let Err(e) = pump(input, ours).await {
            tracing::debug!("stdin: {e}");
        }
    });
    theirs
}

/// Copies frames from `input` to `output` until the end of input.
pub async fn pump(
    input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
) -> std::io::Result<()> {
    let mut r = BufReader::new(input);
    let mut line = String::new();
    loop {
        // The header block.
        let mut len: Option<usize> = None;
        let mut saw_header = false;
        loop {
            line.clear();
            if r.read_line(&mut line).await? == 0 {
                return output.shutdown().await;
            }
            let l = line.trim_end_matches(['\r', '\n']);
            if l.is_empty() {
                if saw_header {
                    break;
                }
                continue; // stray blank lines between frames
            }
            saw_header = true;
            if let Some((k, v)) = l.split_once(':') {
                if k.trim().eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse().ok();
                }
            }
        }
        let Some(n) = len else {
            tracing::warn!("a message without a valid Content-Length header was skipped; expected `Content-Length: N` then a blank line");
            continue;
        };
        if n > MAX_BODY {
            tracing::warn!("a message of {n} bytes was skipped: over the {MAX_BODY}-byte limit");
            tokio::io::copy(&mut (&mut r).take(n as u64), &mut tokio::io::sink()).await?;
            continue;
        }
        let mut body = vec![0; n];
        r.read_exact(&mut body).await?;
        let body = match problem(&body) {
            None => body,
            Some(why) => {
                tracing::warn!("a message was ignored: {why}; expected a JSON-RPC 2.0 request, notification or response");
                br#"{"jsonrpc":"2.0","method":"$/cable/invalidMessage","params":null}"#.to_vec()
            }
        };
        output
            .write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
            .await?;
        output.write_all(&body).await?;
        output.flush().await?;
    }
}

/// What is wrong with a body, if it is no JSON-RPC message tower-lsp can take.
fn problem(body: &[u8]) -> Option<String> {
    let v: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return Some(format!("its body is not JSON ({e})")),
    };
    let Some(o) = v.as_object() else {
        return Some("its body is not a JSON object".into());
    };
    if o.get("jsonrpc").and_then(|x| x.as_str()) != Some("2.0") {
        return Some("it lacks `\"jsonrpc\": \"2.0\"`".into());
    }
    match o.get("method") {
        Some(m) if !m.is_string() => Some("its `method` is not a string".into()),
        Some(_) => match o.get("id") {
            Some(id) if !(id.is_string() || id.is_i64() || id.is_u64() || id.is_null()) => {
                Some("its `id` is neither a number nor a string".into())
            }
            _ => None,
        },
        None if o.contains_key("id") && (o.contains_key("result") || o.contains_key("error")) => {
            None
        }
        None => Some("it has no `method` and is no response".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[tokio::test]
    async fn good_frames_pass_bad_ones_are_replaced_and_garbage_skipped() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input = [
            frame(good),
            frame("{not json"),
            frame(r#"{"hello":"world"}"#),
            frame(r#"{"jsonrpc":"2.0","method":7}"#),
            "X-Junk: 1\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":2,"result":null}"#),
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n".to_string()
                + &frame(good),
        ]
        .concat();
        let mut out = Vec::new();
        pump(input.as_bytes(), &mut out).await.unwrap();
        let out = String::from_utf8(out).unwrap();
        let bodies: Vec<&str> = out
            .split("Content-Length: ")
            .skip(1)
            .map(|f| f.split_once("\r\n\r\n").unwrap().1)
            .collect();
        let ignored = r#"{"jsonrpc":"2.0","method":"$/cable/invalidMessage","params":null}"#;
        assert_eq!(
            bodies,
            [
                good,
                ignored,
                ignored,
                ignored,
                r#"{"jsonrpc":"2.0","id":2,"result":null}"#,
                good
            ]
        );
    }
}
