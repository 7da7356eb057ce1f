//! Counting our Discord REST calls by route and status for the metrics. serenity has no
//! hook for every call, so the calls that matter (interaction answers, flow and board
//! messages, request channels, cleanup) pass their result through [`observe`].

pub const INTERACTION_CALLBACK: &str =
    "POST /interactions/{interaction_id}/{interaction_token}/callback";
pub const EDIT_ORIGINAL: &str =
    "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original";
pub const CREATE_MESSAGE: &str = "POST /channels/{channel_id}/messages";
pub const EDIT_MESSAGE: &str = "PATCH /channels/{channel_id}/messages/{message_id}";
pub const CREATE_CHANNEL: &str = "POST /guilds/{guild_id}/channels";
pub const DELETE_CHANNEL: &str = "DELETE /channels/{channel_id}";

/// Records one call's result under `route` (Discord's route template, as above).
pub fn observe<T>(route: &'static str, result: &serenity::Result<T>) {
    crate::metrics::rest_call(route, &status_label(result));
}

/// "2xx", the HTTP status of a refused call ("404", "429"), or "error" (no answer).
fn status_label<T>(result: &serenity::Result<T>) -> String {
    match result {
        Ok(_) => "2xx".to_owned(),
        Err(serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response))) => {
            response.status_code.as_u16().to_string()
        }
        Err(_) => "error".to_owned(),
    }
}

/// Whether a failed call is worth repeating: rate limited (429) or a server error (5xx).
pub fn retryable(err: &serenity::Error) -> bool {
    match err {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response)) => {
            response.status_code.as_u16() == 429 || response.status_code.is_server_error()
        }
        _ => false,
    }
}

/// Runs `call` (observed under `route`), repeating it after a 429 or 5xx with a backoff of
/// 0.5 s, 1 s, 2 s. serenity's limiter is off against the emulator (and its error does not
/// carry `Retry-After`), so the bot must not give up on the first 429 itself.
pub async fn with_retry<T, F, Fut>(route: &'static str, mut call: F) -> serenity::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = serenity::Result<T>>,
{
    let mut delay = std::time::Duration::from_millis(500);
    let mut attempt = 0;
    loop {
        let result = call().await;
        observe(route, &result);
        match result {
            Err(err) if attempt < 3 && retryable(&err) => {
                tracing::info!(%err, route, attempt, "Discord asked us to slow down; retrying");
                tokio::time::sleep(delay).await;
                delay *= 2;
                attempt += 1;
            }
            other => return other,
        }
    }
}
