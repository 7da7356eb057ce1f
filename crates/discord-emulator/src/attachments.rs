//! Files: those a scripted member "uploads" (an ATTACHMENT command option, `resolved.attachments`)
//! and those the bot sends in multipart/form-data bodies (`payload_json` + `files[n]`, each named
//! by an entry of the payload's `attachments` by its index). Every file is kept, with its bytes,
//! and served on the emulator's own port at its `url` / `proxy_url` (Discord's CDN hosts, which
//! the emulator's certificate covers), so a bot's download code runs as against Discord.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::error::{ApiError, FieldError};
use crate::snowflake::Snowflake;
use crate::state::State as World;

/// Discord's CDN and media proxy hosts (in the emulator's certificate).
pub(crate) const CDN_HOST: &str = "cdn.discordapp.com";
pub(crate) const MEDIA_HOST: &str = "media.discordapp.net";

/// A stored file.
#[derive(Debug, Clone)]
pub(crate) struct StoredFile {
    pub id: Snowflake,
    /// The path segment before the id: `attachments/<channel>` or `ephemeral-attachments/<app>`.
    pub folder: String,
    pub filename: String,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
    /// What `size` says: the byte count, unless a test made it claim another.
    pub claimed_size: u64,
    pub description: Option<String>,
    /// How many times it was downloaded.
    pub downloads: usize,
}

impl StoredFile {
    /// The attachment object, as Discord's message and `resolved.attachments` carry it.
    pub(crate) fn to_json(&self) -> Value {
        let path = format!("{}/{}/{}", self.folder, self.id, self.filename);
        let mut v = json!({
            "id": self.id.to_string(),
            "filename": self.filename,
            "size": self.claimed_size,
            "url": format!("https://{CDN_HOST}/{path}"),
            "proxy_url": format!("https://{MEDIA_HOST}/{path}"),
        });
        if let Some(t) = &self.content_type {
            v["content_type"] = json!(t);
        }
        if let Some(d) = &self.description {
            v["description"] = json!(d);
        }
        if self.folder.starts_with("ephemeral-") {
            v["ephemeral"] = json!(true);
        }
        v
    }
}

/// One part of a multipart/form-data body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// The file parts of a request (empty for a JSON body), for the handlers that store messages.
#[derive(Debug, Clone, Default)]
pub(crate) struct ReqFiles(pub Vec<Part>);

/// The parts of a multipart/form-data body (RFC 7578), bytes kept as sent.
pub(crate) fn parse_multipart(bytes: &[u8], boundary: &str) -> Vec<Part> {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut rest = bytes;
    let Some(start) = find(rest, &delimiter) else {
        return parts;
    };
    rest = &rest[start + delimiter.len()..];
    loop {
        if rest.starts_with(b"--") {
            break;
        }
        let Some(rest_after_crlf) = rest.strip_prefix(b"\r\n") else {
            break;
        };
        let Some(end) = find(rest_after_crlf, &delimiter) else {
            break;
        };
        let raw = &rest_after_crlf[..end];
        let raw = raw.strip_suffix(b"\r\n").unwrap_or(raw);
        if let Some(part) = parse_part(raw) {
            parts.push(part);
        }
        rest = &rest_after_crlf[end + delimiter.len()..];
    }
    parts
}

fn parse_part(raw: &[u8]) -> Option<Part> {
    let split = find(raw, b"\r\n\r\n")?;
    let headers = String::from_utf8_lossy(&raw[..split]);
    let body = raw[split + 4..].to_vec();
    let mut name = None;
    let mut filename = None;
    let mut content_type = None;
    for line in headers.split("\r\n") {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.trim().eq_ignore_ascii_case("content-disposition") {
            name = param(value, "name");
            filename = param(value, "filename");
        } else if key.trim().eq_ignore_ascii_case("content-type") {
            content_type = Some(value.trim().to_owned());
        }
    }
    Some(Part {
        name: name?,
        filename,
        content_type,
        body,
    })
}

/// `name="x"` out of a Content-Disposition value.
fn param(value: &str, key: &str) -> Option<String> {
    value.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn unknown_file(index: usize, what: String) -> ApiError {
    ApiError::invalid_form_body(&[FieldError::new(
        format!("attachments.{index}.id"),
        "ATTACHMENT_NOT_FOUND",
        what,
    )])
}

/// The attachments a message body gives its message: `None` when it says nothing of them
/// (an edit keeps what the message had). Each entry of `attachments` names a new file by its
/// index (`files[n]`, stored here) or an attachment the message already has (`kept`); files
/// sent without any `attachments` entry are attached in order, as Discord does.
pub(crate) fn attachments_for(
    state: &mut World,
    next_id: impl Fn() -> Snowflake,
    folder: &str,
    body: &Value,
    files: &[Part],
    kept: &[Value],
) -> Result<Option<Vec<Value>>, ApiError> {
    let file = |n: &str| files.iter().find(|p| p.name == format!("files[{n}]"));
    let store = |state: &mut World, part: &Part, entry: &Value| {
        let id = next_id();
        let stored = StoredFile {
            id,
            folder: folder.to_owned(),
            filename: entry["filename"]
                .as_str()
                .map(str::to_owned)
                .or_else(|| part.filename.clone())
                .unwrap_or_else(|| "file".to_owned()),
            content_type: part.content_type.clone(),
            claimed_size: part.body.len() as u64,
            bytes: part.body.clone(),
            description: entry["description"].as_str().map(str::to_owned),
            downloads: 0,
        };
        let v = stored.to_json();
        state.attachments.insert(id, stored);
        v
    };
    let Some(entries) = body["attachments"].as_array() else {
        if files.is_empty() {
            return Ok(None);
        }
        let mut out = Vec::new();
        for part in files.iter().filter(|p| p.name.starts_with("files[")) {
            out.push(store(state, part, &Value::Null));
        }
        return Ok(Some(out));
    };
    let mut out = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let id = match &entry["id"] {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.clone(),
            _ => return Err(unknown_file(index, "an attachment needs an id".to_owned())),
        };
        if let Some(part) = file(&id) {
            out.push(store(state, part, entry));
        } else if let Some(existing) = kept.iter().find(|a| a["id"] == json!(id)) {
            out.push(existing.clone());
        } else {
            return Err(unknown_file(
                index,
                format!("attachment {id} is neither a files[{id}] part of this request nor one of the message's attachments"),
            ));
        }
    }
    Ok(Some(out))
}

/// `GET https://cdn.discordapp.com/<folder>/<owner>/<id>/<filename>` (and the media proxy's).
pub(crate) async fn serve(
    State(shared): crate::rest::Ctx,
    Path((_owner, id, filename)): Path<(u64, u64, String)>,
) -> Response {
    let mut state = shared.state();
    match state.attachments.get_mut(&id) {
        Some(file) if file.filename == filename => {
            file.downloads += 1;
            let content_type = file
                .content_type
                .clone()
                .unwrap_or_else(|| "application/octet-stream".to_owned());
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, content_type)],
                file.bytes.clone(),
            )
                .into_response()
        }
        _ => (StatusCode::NOT_FOUND, "404: Not Found").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_parts_keep_their_bytes_names_and_types() {
        let body = b"--B\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n--B\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"x.json\"\r\nContent-Type: application/json\r\n\r\n{\"items\":\r\n{}}\r\n--B--\r\n";
        let parts = parse_multipart(body, "B");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "payload_json");
        assert_eq!(parts[1].name, "files[0]");
        assert_eq!(parts[1].filename.as_deref(), Some("x.json"));
        assert_eq!(parts[1].content_type.as_deref(), Some("application/json"));
        assert_eq!(parts[1].body, b"{\"items\":\r\n{}}".to_vec());
    }

    #[test]
    fn an_entry_without_its_file_is_refused() {
        let mut state = World::default();
        let body = json!({"attachments": [{"id": 0, "filename": "a.json"}]});
        let err = attachments_for(&mut state, || 5, "attachments/1", &body, &[], &[]);
        assert!(err.is_err());
        let part = Part {
            name: "files[0]".into(),
            filename: Some("a.json".into()),
            content_type: None,
            body: b"{}".to_vec(),
        };
        let ok = attachments_for(&mut state, || 5, "attachments/1", &body, &[part], &[])
            .ok()
            .flatten()
            .unwrap_or_default();
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0]["size"], 2);
        assert_eq!(
            ok[0]["url"],
            "https://cdn.discordapp.com/attachments/1/5/a.json"
        );
        assert!(state.attachments.contains_key(&5));
    }
}
