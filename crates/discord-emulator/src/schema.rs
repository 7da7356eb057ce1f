//! Request bodies checked against Discord's official OpenAPI description (vendored in `spec/`).
//!
//! The spec is parsed once, on first use. Integer-typed fields also accept strings of digits, as Discord
//! does (serenity sends permission bits and some ids that way). `$ref`s resolve against the whole document.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{json, Map, Value};

static SPEC_JSON: &str = include_str!("../spec/openapi.json");

struct Spec {
    paths: Value,
    components: Value,
    validators: Mutex<HashMap<String, Option<Arc<jsonschema::Validator>>>>,
}

fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let mut doc: Value = serde_json::from_str(SPEC_JSON).unwrap_or_else(|_| json!({}));
        accept_digit_strings(&mut doc);
        accept_upload_indexes(&mut doc);
        Spec {
            paths: doc["paths"].take(),
            components: doc["components"].take(),
            validators: Mutex::new(HashMap::new()),
        }
    })
}

/// The bodies a bot sends on its busiest paths: answers, messages, channels, commands.
/// [`preload`] builds their validators ahead of the first call, which would otherwise
/// spend about a hundred milliseconds of the emulator's time on it, long enough to show as
/// the bot's answer time in a measurement.
const HOT_ROUTES: &[(&str, &str)] = &[
    (
        "POST",
        "/interactions/{interaction_id}/{interaction_token}/callback",
    ),
    (
        "PATCH",
        "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
    ),
    (
        "PATCH",
        "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
    ),
    ("POST", "/webhooks/{webhook_id}/{webhook_token}"),
    ("POST", "/channels/{channel_id}/messages"),
    ("PATCH", "/channels/{channel_id}/messages/{message_id}"),
    ("POST", "/guilds/{guild_id}/channels"),
    ("PATCH", "/channels/{channel_id}"),
    ("PUT", "/channels/{channel_id}/permissions/{overwrite_id}"),
    ("POST", "/users/@me/channels"),
    (
        "PUT",
        "/applications/{application_id}/guilds/{guild_id}/commands",
    ),
    ("PUT", "/applications/{application_id}/commands"),
];

/// Loads the spec and builds the validators of [`HOT_ROUTES`] now rather than on the first
/// requests. Callers arriving while another builds them wait until it is done.
pub(crate) fn preload() {
    static READY: OnceLock<()> = OnceLock::new();
    READY.get_or_init(|| {
        for (method, template) in HOT_ROUTES {
            let _ = request_validator(method, template);
        }
    });
}

/// A new file's entry in a body's `attachments` names it by its index in the multipart body
/// (`{"id": 0}` for `files[0]`), as Discord documents and serenity sends; the spec types the
/// id as a snowflake string only.
fn accept_upload_indexes(doc: &mut Value) {
    let id = &mut doc["components"]["schemas"]["MessageAttachmentRequest"]["properties"]["id"];
    if !id.is_null() {
        let snowflake = id.take();
        *id = json!({"anyOf": [snowflake, {"type": "integer", "minimum": 0}]});
    }
}

/// Rewrites every `"type": "integer"` schema to also accept a string of digits.
fn accept_digit_strings(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for child in map.values_mut() {
                accept_digit_strings(child);
            }
            let is_integer = match map.get("type") {
                Some(Value::String(t)) => t == "integer",
                Some(Value::Array(ts)) => ts.iter().any(|t| t == "integer"),
                _ => false,
            };
            if is_integer {
                let original = Value::Object(std::mem::take(map));
                map.insert(
                    "anyOf".into(),
                    json!([original, {"type": "string", "pattern": "^-?[0-9]+$"}]),
                );
            }
        }
        Value::Array(items) => items.iter_mut().for_each(accept_digit_strings),
        _ => {}
    }
}

fn validator_for(
    key: String,
    schema: impl FnOnce(&Value) -> &Value,
) -> Option<Arc<jsonschema::Validator>> {
    let spec = spec();
    if let Ok(cache) = spec.validators.lock() {
        if let Some(v) = cache.get(&key) {
            return v.clone();
        }
    }
    let built = match schema(&spec.paths) {
        Value::Object(op) => {
            let mut root: Map<String, Value> = op.clone();
            root.insert("components".into(), spec.components.clone());
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(false)
                .build(&Value::Object(root))
                .ok()
                .map(Arc::new)
        }
        _ => None,
    };
    if let Ok(mut cache) = spec.validators.lock() {
        cache.insert(key, built.clone());
    }
    built
}

fn errors_of(validator: Option<Arc<jsonschema::Validator>>, body: &Value) -> Vec<String> {
    let Some(validator) = validator else {
        return Vec::new();
    };
    validator
        .iter_errors(body)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .take(10)
        .collect()
}

/// What is wrong with `body` for `METHOD template` (e.g. `POST`, `/channels/{channel_id}/messages`);
/// empty when it is valid or the spec has no JSON body schema for that operation.
#[must_use]
pub fn violations(method: &str, template: &str, body: &Value) -> Vec<String> {
    errors_of(request_validator(method, template), body)
}

fn request_validator(method: &str, template: &str) -> Option<Arc<jsonschema::Validator>> {
    let m = method.to_ascii_lowercase();
    validator_for(format!("{method} {template}"), |paths| {
        &paths[template][&m]["requestBody"]["content"]["application/json"]["schema"]
    })
}

/// What is wrong with a response `body` (status `status`) for `METHOD template`, by the spec's response
/// schema; the emulator's own tests use it to keep the objects it returns faithful.
#[must_use]
pub fn response_violations(method: &str, template: &str, status: u16, body: &Value) -> Vec<String> {
    let m = method.to_ascii_lowercase();
    let validator = validator_for(format!("{status} {method} {template}"), |paths| {
        &paths[template][&m]["responses"][status.to_string()]["content"]["application/json"]
            ["schema"]
    });
    errors_of(validator, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_message_passes_and_a_wrong_type_is_reported() {
        assert!(violations(
            "POST",
            "/channels/{channel_id}/messages",
            &json!({"content": "hi"})
        )
        .is_empty());
        let bad = violations(
            "POST",
            "/channels/{channel_id}/messages",
            &json!({"content": 5}),
        );
        assert!(!bad.is_empty(), "{bad:?}");
    }

    #[test]
    fn new_files_are_named_by_their_index() {
        let body = json!({"type": 4, "data": {"content": "x", "attachments": [{"id": 0, "filename": "a.json", "description": null}]}});
        let found = violations(
            "POST",
            "/interactions/{interaction_id}/{interaction_token}/callback",
            &body,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn digit_strings_match_integer_fields() {
        let body = json!({"name": "requests-1", "type": 0, "permission_overwrites": [
            {"id": "1", "type": 0, "allow": "1024", "deny": "0"}
        ]});
        let v = violations("POST", "/guilds/{guild_id}/channels", &body);
        assert!(v.is_empty(), "{v:?}");
    }
}
