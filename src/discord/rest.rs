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
