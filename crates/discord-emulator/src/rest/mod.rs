//! The REST API under `/api/v10`: routing, plus one layer that authenticates, injects faults, checks the
//! body against the OpenAPI schema and logs every call.

mod app;
mod channels;
mod guilds;
mod interactions;
pub(crate) mod messages;

pub(crate) use channels::open_dm_channel;

use std::sync::Arc;
use std::time::Instant;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{MatchedPath, Request, State, WebSocketUpgrade};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde_json::Value;

use crate::emulator::Shared;
use crate::error::{ApiError, ErrorCode};
use crate::log::LoggedCall;

/// The request body as JSON (`Value::Null` when there was none), parsed once by the layer.
#[derive(Debug, Clone)]
pub(crate) struct ReqBody(pub Value);

pub(crate) type ApiResult = Result<Response, ApiError>;
pub(crate) type Ctx = State<Arc<Shared>>;

#[allow(clippy::unnecessary_wraps)] // handlers return `ApiResult` uniformly
pub(crate) fn json(v: Value) -> ApiResult {
    Ok(Json(v).into_response())
}

#[allow(clippy::unnecessary_wraps)] // handlers return `ApiResult` uniformly
pub(crate) fn created(v: Value) -> ApiResult {
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

#[allow(clippy::unnecessary_wraps)] // handlers return `ApiResult` uniformly
pub(crate) fn no_content() -> ApiResult {
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// A snowflake from a JSON string or number.
pub(crate) fn snowflake(v: &Value) -> Option<u64> {
    match v {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}

#[allow(clippy::too_many_lines)] // the route table reads best as one list
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let api = Router::new()
        .route("/gateway", get(app::gateway))
        .route("/gateway/bot", get(app::gateway_bot))
        .route("/users/@me", get(app::current_user))
        .route("/users/@me/channels", post(channels::open_dm))
        .route("/users/{user_id}", get(app::user))
        .route("/oauth2/applications/@me", get(app::current_application))
        .route("/applications/@me", get(app::current_application))
        .route(
            "/applications/{application_id}/commands",
            get(app::list_global_commands)
                .put(app::overwrite_global_commands)
                .post(app::create_global_command),
        )
        .route(
            "/applications/{application_id}/commands/{command_id}",
            get(app::get_global_command)
                .patch(app::edit_global_command)
                .delete(app::delete_global_command),
        )
        .route(
            "/applications/{application_id}/guilds/{guild_id}/commands",
            get(app::list_guild_commands)
                .put(app::overwrite_guild_commands)
                .post(app::create_guild_command),
        )
        .route(
            "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}",
            get(app::get_guild_command)
                .patch(app::edit_guild_command)
                .delete(app::delete_guild_command),
        )
        .route(
            "/interactions/{interaction_id}/{interaction_token}/callback",
            post(interactions::callback),
        )
        .route(
            "/webhooks/{webhook_id}/{webhook_token}",
            post(interactions::create_followup),
        )
        .route(
            "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
            get(interactions::get_original)
                .patch(interactions::edit_original)
                .delete(interactions::delete_original),
        )
        .route(
            "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
            get(interactions::get_followup)
                .patch(interactions::edit_followup)
                .delete(interactions::delete_followup),
        )
        .route("/guilds/{guild_id}", get(guilds::get_guild))
        .route("/guilds/{guild_id}/roles", get(guilds::roles))
        .route("/guilds/{guild_id}/members", get(guilds::members))
        .route("/guilds/{guild_id}/members/{user_id}", get(guilds::member))
        .route(
            "/guilds/{guild_id}/members/{user_id}/roles/{role_id}",
            put(guilds::add_member_role).delete(guilds::remove_member_role),
        )
        .route(
            "/guilds/{guild_id}/channels",
            get(channels::list).post(channels::create),
        )
        .route(
            "/channels/{channel_id}",
            get(channels::get)
                .patch(channels::edit)
                .delete(channels::delete),
        )
        .route(
            "/channels/{channel_id}/permissions/{overwrite_id}",
            put(channels::put_overwrite).delete(channels::delete_overwrite),
        )
        .route(
            "/channels/{channel_id}/messages",
            get(messages::list).post(messages::create),
        )
        .route(
            "/channels/{channel_id}/messages/bulk-delete",
            post(messages::bulk_delete),
        )
        .route(
            "/channels/{channel_id}/messages/{message_id}",
            get(messages::get)
                .patch(messages::edit)
                .delete(messages::delete),
        )
        .route("/channels/{channel_id}/typing", post(messages::typing))
        .route("/channels/{channel_id}/pins", get(messages::pins))
        .route(
            "/channels/{channel_id}/pins/{message_id}",
            put(messages::pin).delete(messages::unpin),
        )
        .route(
            "/channels/{channel_id}/messages/pins/{message_id}",
            put(messages::pin).delete(messages::unpin),
        )
        .route_layer(middleware::from_fn_with_state(shared.clone(), observe))
        .fallback(not_found);
    Router::new()
        .nest("/api/v10", api)
        .route("/gateway", get(gateway_socket))
        .route(
            "/attachments/{owner}/{id}/{filename}",
            get(crate::attachments::serve),
        )
        .route(
            "/ephemeral-attachments/{owner}/{id}/{filename}",
            get(crate::attachments::serve),
        )
        .fallback(not_found)
        .with_state(shared)
}

async fn gateway_socket(State(shared): Ctx, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| crate::gateway::serve(shared, socket))
}

async fn not_found(State(shared): Ctx, req: Request) -> Response {
    let path = req.uri().path().trim_start_matches("/api/v10").to_owned();
    shared.log.record(LoggedCall {
        method: req.method().to_string(),
        route: format!("{} (unknown route) {path}", req.method()),
        path,
        body: None,
        status: 404,
        error_code: Some(0),
        latency: std::time::Duration::ZERO,
        at: Instant::now(),
        schema_violations: Vec::new(),
        faulted: false,
    });
    ApiError::not_found().into_response()
}

/// Reads the JSON body: plain JSON, or the `payload_json` part of a multipart body.
fn parse_body(content_type: &str, bytes: &Bytes) -> Result<Option<Value>, ApiError> {
    if bytes.is_empty() {
        return Ok(None);
    }
    if let Some(boundary) = content_type.split("boundary=").nth(1) {
        let boundary = boundary.trim_matches('"');
        return Ok(payload_json_part(bytes, boundary));
    }
    serde_json::from_slice(bytes)
        .map(Some)
        .map_err(|e| ApiError::bad_json(&e.to_string()))
}

/// The file parts of a multipart body (none for JSON).
fn multipart_files(content_type: &str, bytes: &Bytes) -> crate::attachments::ReqFiles {
    let Some(boundary) = content_type.split("boundary=").nth(1) else {
        return crate::attachments::ReqFiles::default();
    };
    let boundary = boundary
        .split(';')
        .next()
        .unwrap_or_default()
        .trim_matches('"');
    crate::attachments::ReqFiles(
        crate::attachments::parse_multipart(bytes, boundary)
            .into_iter()
            .filter(|p| p.name != "payload_json")
            .collect(),
    )
}

fn payload_json_part(bytes: &[u8], boundary: &str) -> Option<Value> {
    let text = String::from_utf8_lossy(bytes);
    let delimiter = format!("--{boundary}");
    text.split(delimiter.as_str()).find_map(|part| {
        let (headers, body) = part.split_once("\r\n\r\n")?;
        if !headers.contains("name=\"payload_json\"") {
            return None;
        }
        serde_json::from_str(body.trim_end_matches("\r\n")).ok()
    })
}

/// Authenticates, injects faults, validates against the schema and logs every matched request.
///
/// Once its body has arrived, a call is served to the end on a task of its own, whatever
/// becomes of its client: as on Discord, a bot that dies (or gives up) mid-call still has
/// the call's effect. Without it, an HTTP/2 connection that closes drops the handlers of all
/// its calls in flight wherever they were (hyper cancels a stream's future with the stream).
async fn observe(State(shared): Ctx, matched: MatchedPath, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let in_flight = InFlight::enter(&shared);
    let template = matched.as_str().trim_start_matches("/api/v10").to_owned();
    let (parts, body) = req.into_parts();
    // A body that never arrived whole is no call: nothing is served. (A client that went
    // away reads nothing; one still there most likely sent more than 64 MiB.)
    let Ok(bytes) = to_bytes(body, 64 << 20).await else {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            40005,
            "Request entity too large",
        )
        .into_response();
    };
    let call = tokio::spawn(async move {
        let response = serve_call(shared, template, parts, bytes, next, start).await;
        drop(in_flight);
        response
    });
    call.await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Counts a call in `Shared::calls_in_flight` while it lives (dropped with a cancelled
/// call too). Entered when the connection hands the call over (`tls::serve`), and again
/// here for the task that serves it to the end.
pub(crate) struct InFlight(Arc<Shared>);

impl InFlight {
    pub(crate) fn enter(shared: &Arc<Shared>) -> Self {
        shared.calls_in_flight.send_modify(|n| *n += 1);
        Self(shared.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0
            .calls_in_flight
            .send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// Serves one call whose body has arrived: see [`observe`].
async fn serve_call(
    shared: Arc<Shared>,
    template: String,
    parts: axum::http::request::Parts,
    bytes: Bytes,
    next: Next,
    start: Instant,
) -> Response {
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().trim_start_matches("/api/v10").to_owned();
    let route = format!("{method} {template}");
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let parsed = parse_body(content_type, &bytes);
    let body_for_log = parsed.as_ref().ok().cloned().flatten();
    let mut log = LoggedCall {
        method: method.clone(),
        route,
        path,
        body: body_for_log.clone(),
        status: 0,
        error_code: None,
        latency: std::time::Duration::ZERO,
        at: start,
        schema_violations: Vec::new(),
        faulted: false,
    };
    let token_free = template.starts_with("/interactions/") || template.starts_with("/webhooks/");
    let authorized = token_free
        || parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.strip_prefix("Bot ") == Some(shared.opts.token.as_str()));
    let response = if authorized {
        let decision = shared.faults.decide(&method, &template);
        if let Some(delay) = decision.delay {
            tokio::time::sleep(delay).await;
        }
        let verdict = shared.limiter.check(&method, &template, &log.path);
        if let Some(response) = decision.response {
            log.faulted = true;
            response
        } else if let crate::ratelimit::Verdict::Limited(response) = verdict {
            response
        } else {
            match parsed {
                Err(e) => e.into_response(),
                Ok(parsed) => {
                    if shared.opts.validate_schema {
                        if let Some(body) = &parsed {
                            log.schema_violations =
                                crate::schema::violations(&method, &template, body);
                        }
                    }
                    let files = multipart_files(content_type, &bytes);
                    let mut req = Request::from_parts(parts, Body::empty());
                    req.extensions_mut()
                        .insert(ReqBody(parsed.unwrap_or(Value::Null)));
                    req.extensions_mut().insert(files);
                    let mut response = next.run(req).await;
                    if let crate::ratelimit::Verdict::Allowed(Some((bucket, remaining, reset))) =
                        &verdict
                    {
                        crate::ratelimit::add_headers(&mut response, bucket, *remaining, *reset);
                    }
                    response
                }
            }
        }
    } else {
        ApiError::unauthorized().into_response()
    };
    if template.contains("/commands") && method != "GET" && response.status().is_success() {
        shared
            .commands_changed
            .send_modify(|v| *v = v.wrapping_add(1));
    }
    tracing::debug!(route = %log.route, status = response.status().as_u16(), "discord-emulator REST call");
    if !log.schema_violations.is_empty() {
        tracing::debug!(route = %log.route, violations = ?log.schema_violations, "request body breaks the OpenAPI schema");
    }
    log.status = response.status().as_u16();
    log.error_code = response.extensions().get::<ErrorCode>().map(|c| c.0);
    let mut round_trip = shared.opts.rest_latency;
    if method == "POST" && template == "/guilds/{guild_id}/channels" {
        round_trip += shared.opts.channel_create_latency;
    }
    if !round_trip.is_zero() {
        tokio::time::sleep(round_trip).await;
    }
    log.latency = start.elapsed();
    shared.log.record(log);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_bodies_yield_their_payload_json() {
        let body = "--XYZ\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\r\n\r\nhello\r\n--XYZ\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n{\"content\":\"hi\"}\r\n--XYZ--\r\n";
        let parsed = parse_body("multipart/form-data; boundary=XYZ", &Bytes::from(body))
            .ok()
            .flatten();
        assert_eq!(parsed, Some(serde_json::json!({"content": "hi"})));
    }
}
