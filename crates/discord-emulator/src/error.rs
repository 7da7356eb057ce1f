//! Errors: the JSON errors the REST API answers with (Discord's codes and messages), and the scripted API's own.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// One field error inside a 50035 "Invalid Form Body": where (`components.0.components.1.custom_id`), a code and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub path: String,
    pub code: &'static str,
    pub message: String,
}

impl FieldError {
    pub(crate) fn new(
        path: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            path: path.into(),
            code,
            message: message.into(),
        }
    }
}

/// A Discord API error: HTTP status plus the `{"message", "code", "errors"}` body.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub code: u32,
    pub message: String,
    pub errors: Option<Value>,
}

/// The Discord error code of a response, for the request log.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ErrorCode(pub u32);

impl ApiError {
    pub fn new(status: StatusCode, code: u32, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            errors: None,
        }
    }

    pub fn unknown_channel() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10003, "Unknown Channel")
    }
    pub fn unknown_guild() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10004, "Unknown Guild")
    }
    pub fn unknown_member() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10007, "Unknown Member")
    }
    pub fn unknown_message() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10008, "Unknown Message")
    }
    pub fn unknown_user() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10013, "Unknown User")
    }
    pub fn unknown_webhook() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10015, "Unknown Webhook")
    }
    pub fn unknown_command() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10063, "Unknown application command")
    }
    pub fn unknown_interaction() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10062, "Unknown interaction")
    }
    pub fn already_acknowledged() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            40060,
            "Interaction has already been acknowledged.",
        )
    }
    pub fn cannot_dm() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            50007,
            "Cannot send messages to this user",
        )
    }
    pub fn missing_permissions() -> Self {
        Self::new(StatusCode::FORBIDDEN, 50013, "Missing Permissions")
    }
    pub fn missing_access() -> Self {
        Self::new(StatusCode::FORBIDDEN, 50001, "Missing Access")
    }
    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized")
    }
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, 0, "404: Not Found")
    }
    pub fn invalid_webhook_token() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, 50027, "Invalid Webhook Token")
    }
    pub fn max_guild_channels() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            30013,
            "Maximum number of guild channels reached (500)",
        )
    }
    pub fn cannot_send_empty() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            50006,
            "Cannot send an empty message",
        )
    }
    pub fn bad_json(detail: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            50109,
            format!("The request body contains invalid JSON. ({detail})"),
        )
    }

    /// 50035 Invalid Form Body with Discord's nested `errors` object.
    pub fn invalid_form_body(errors: &[FieldError]) -> Self {
        let mut root = Map::new();
        for e in errors {
            let parts: Vec<&str> = e.path.split('.').filter(|p| !p.is_empty()).collect();
            insert_field_error(
                &mut root,
                &parts,
                json!({"code": e.code, "message": e.message}),
            );
        }
        Self {
            status: StatusCode::BAD_REQUEST,
            code: 50035,
            message: "Invalid Form Body".into(),
            errors: Some(Value::Object(root)),
        }
    }
}

fn insert_field_error(node: &mut Map<String, Value>, path: &[&str], error: Value) {
    match path.split_first() {
        None => {
            if let Value::Array(list) = node.entry("_errors").or_insert_with(|| json!([])) {
                list.push(error);
            }
        }
        Some((first, rest)) => {
            if let Value::Object(child) = node
                .entry((*first).to_owned())
                .or_insert_with(|| Value::Object(Map::new()))
            {
                insert_field_error(child, rest, error);
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({"message": self.message, "code": self.code});
        if let Some(errors) = self.errors {
            body["errors"] = errors;
        }
        let mut response = (self.status, axum::Json(body)).into_response();
        response.extensions_mut().insert(ErrorCode(self.code));
        response
    }
}

/// What went wrong in a scripted action, said so a test failure reads well.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The bot did not answer in time.
    #[error("timed out after {after:?} waiting for {waiting_for}; {context}")]
    Timeout {
        after: std::time::Duration,
        waiting_for: String,
        context: String,
    },
    /// The action cannot be done as asked (no such button, not a modal, ...).
    #[error("{0}")]
    Invalid(String),
}
