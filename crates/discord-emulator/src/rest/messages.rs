//! Channel messages: create (permissions, DM blocks, limits), edit, delete, bulk delete, list, pins.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::Extension;
use serde_json::Value;

use super::{json, no_content, snowflake, ApiResult, Ctx, ReqBody};
use crate::error::{ApiError, FieldError};
use crate::limits;
use crate::model::{permissions, Message};
use crate::snowflake::Snowflake;
use crate::state::State as World;

/// Builds a message from a create body (content, embeds, components, allowed flags).
pub(crate) fn message_from_body(
    id: Snowflake,
    channel_id: Snowflake,
    guild_id: Option<Snowflake>,
    author_id: Snowflake,
    body: &Value,
    allowed_flags: u64,
) -> Message {
    Message {
        id,
        channel_id,
        guild_id,
        author_id,
        content: body["content"].as_str().unwrap_or_default().to_owned(),
        embeds: body["embeds"].as_array().cloned().unwrap_or_default(),
        components: body["components"].as_array().cloned().unwrap_or_default(),
        flags: body["flags"].as_u64().unwrap_or(0) & allowed_flags,
        pinned: false,
        edited_timestamp: None,
        interaction_id: None,
        interaction_user: None,
        interaction_command: None,
    }
}

/// Applies an edit body: present fields replace, `null` clears.
pub(crate) fn apply_edit(m: &mut Message, body: &Value) {
    if let Some(v) = body.get("content") {
        v.as_str().unwrap_or_default().clone_into(&mut m.content);
    }
    if let Some(v) = body.get("embeds") {
        m.embeds = v.as_array().cloned().unwrap_or_default();
    }
    if let Some(v) = body.get("components") {
        m.components = v.as_array().cloned().unwrap_or_default();
    }
    if let Some(f) = body.get("flags").and_then(Value::as_u64) {
        m.flags = (m.flags & 64) | (f & 4);
    }
    m.flags &= !128;
    m.edited_timestamp = Some(crate::snowflake::now_iso8601());
}

/// Rejects a message body that breaks Discord's limits or is empty.
pub(crate) fn check_message_body(
    body: &Value,
    prefix: &str,
    require_content: bool,
) -> Result<(), ApiError> {
    let errors: Vec<FieldError> = limits::message_errors(body)
        .into_iter()
        .map(|mut e| {
            e.path = format!("{prefix}{}", e.path);
            e
        })
        .collect();
    if !errors.is_empty() {
        return Err(ApiError::invalid_form_body(&errors));
    }
    let empty = body["content"].as_str().is_none_or(str::is_empty)
        && body["embeds"].as_array().is_none_or(Vec::is_empty)
        && body["components"].as_array().is_none_or(Vec::is_empty)
        && body["sticker_ids"].as_array().is_none_or(Vec::is_empty)
        && body["attachments"].as_array().is_none_or(Vec::is_empty)
        && body["poll"].is_null();
    if require_content && empty {
        return Err(ApiError::cannot_send_empty());
    }
    Ok(())
}

/// Stores a message in its channel (or only by id when ephemeral) and returns its JSON.
pub(crate) fn store_message(state: &mut World, m: Message) -> Value {
    let v = state.message_json(&m);
    if !m.is_ephemeral() {
        if let Some(c) = state.channels.get_mut(&m.channel_id) {
            c.messages.push(m.id);
            c.last_message_id = Some(m.id);
        }
    }
    state.messages.insert(m.id, m);
    v
}

/// A non-ephemeral message of this channel, or 10008.
fn visible_message(
    state: &World,
    channel_id: Snowflake,
    message_id: Snowflake,
) -> Result<&Message, ApiError> {
    state
        .messages
        .get(&message_id)
        .filter(|m| m.channel_id == channel_id && !m.is_ephemeral())
        .ok_or_else(ApiError::unknown_message)
}

fn require_channel_permission(
    state: &World,
    channel_id: Snowflake,
    bot: Snowflake,
    perm: u64,
) -> Result<(), ApiError> {
    let c = state
        .channels
        .get(&channel_id)
        .ok_or_else(ApiError::unknown_channel)?;
    let held = state.channel_permissions(c, bot);
    if held & permissions::VIEW_CHANNEL == 0 {
        return Err(ApiError::missing_access());
    }
    if held & perm != perm {
        return Err(ApiError::missing_permissions());
    }
    Ok(())
}

pub(crate) async fn create(
    State(s): Ctx,
    Path(channel_id): Path<u64>,
    Extension(ReqBody(body)): Extension<ReqBody>,
    Extension(crate::attachments::ReqFiles(files)): Extension<crate::attachments::ReqFiles>,
) -> ApiResult {
    let (payload, guild_id) = {
        let mut state = s.state();
        let c = state
            .channels
            .get(&channel_id)
            .ok_or_else(ApiError::unknown_channel)?;
        if let Some(user) = c.recipient {
            if state.dms_blocked.contains(&user) {
                return Err(ApiError::cannot_dm());
            }
        }
        let guild_id = c.guild_id;
        require_channel_permission(
            &state,
            channel_id,
            s.bot_user_id,
            permissions::SEND_MESSAGES,
        )?;
        check_message_body(&body, "", true)?;
        let m = message_from_body(
            s.ids.next(),
            channel_id,
            guild_id,
            s.bot_user_id,
            &body,
            4 | 4096,
        );
        let files = crate::attachments::attachments_for(
            &mut state,
            || s.ids.next(),
            &format!("attachments/{channel_id}"),
            &body,
            &files,
            &[],
        )?;
        if let Some(files) = files {
            state.message_files.insert(m.id, files);
        }
        (store_message(&mut state, m), guild_id)
    };
    s.messages_changed();
    s.dispatch_message("MESSAGE_CREATE", &payload, guild_id);
    json(payload)
}

pub(crate) async fn get(
    State(s): Ctx,
    Path((channel_id, message_id)): Path<(u64, u64)>,
) -> ApiResult {
    let state = s.state();
    if !state.channels.contains_key(&channel_id) {
        return Err(ApiError::unknown_channel());
    }
    let m = visible_message(&state, channel_id, message_id)?;
    json(state.message_json(m))
}

/// `?limit=1..100&before=&after=&around=`, newest first like Discord.
pub(crate) async fn list(
    State(s): Ctx,
    Path(channel_id): Path<u64>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let limit = q
        .get("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(50)
        .clamp(1, 100);
    let param = |k: &str| q.get(k).and_then(|v| v.parse::<u64>().ok());
    let state = s.state();
    let c = state
        .channels
        .get(&channel_id)
        .ok_or_else(ApiError::unknown_channel)?;
    let ids: Vec<u64> = if let Some(after) = param("after") {
        let mut ids: Vec<u64> = c
            .messages
            .iter()
            .copied()
            .filter(|id| *id > after)
            .take(limit)
            .collect();
        ids.reverse();
        ids
    } else if let Some(around) = param("around") {
        let pos = c
            .messages
            .iter()
            .position(|id| *id >= around)
            .unwrap_or(c.messages.len());
        let start = pos.saturating_sub(limit / 2);
        let mut ids: Vec<u64> = c.messages.iter().copied().skip(start).take(limit).collect();
        ids.reverse();
        ids
    } else {
        let before = param("before").unwrap_or(u64::MAX);
        c.messages
            .iter()
            .rev()
            .copied()
            .filter(|id| *id < before)
            .take(limit)
            .collect()
    };
    json(Value::Array(
        ids.iter()
            .filter_map(|id| state.messages.get(id))
            .map(|m| state.message_json(m))
            .collect(),
    ))
}

pub(crate) async fn edit(
    State(s): Ctx,
    Path((channel_id, message_id)): Path<(u64, u64)>,
    Extension(ReqBody(body)): Extension<ReqBody>,
) -> ApiResult {
    check_message_body(&body, "", false)?;
    let (payload, guild_id) = {
        let mut state = s.state();
        if !state.channels.contains_key(&channel_id) {
            return Err(ApiError::unknown_channel());
        }
        visible_message(&state, channel_id, message_id)?;
        let m = state
            .messages
            .get_mut(&message_id)
            .ok_or_else(ApiError::unknown_message)?;
        if m.author_id != s.bot_user_id {
            return Err(ApiError::new(
                axum::http::StatusCode::FORBIDDEN,
                50005,
                "Cannot edit a message authored by another user",
            ));
        }
        apply_edit(m, &body);
        let m = m.clone();
        (state.message_json(&m), m.guild_id)
    };
    s.messages_changed();
    s.dispatch_message("MESSAGE_UPDATE", &payload, guild_id);
    json(payload)
}

pub(crate) async fn delete(
    State(s): Ctx,
    Path((channel_id, message_id)): Path<(u64, u64)>,
) -> ApiResult {
    {
        let mut state = s.state();
        if !state.channels.contains_key(&channel_id) {
            return Err(ApiError::unknown_channel());
        }
        visible_message(&state, channel_id, message_id)?;
        let own = state
            .messages
            .get(&message_id)
            .is_some_and(|m| m.author_id == s.bot_user_id);
        if !own {
            require_channel_permission(
                &state,
                channel_id,
                s.bot_user_id,
                permissions::MANAGE_MESSAGES,
            )?;
        }
        remove_messages(&mut state, channel_id, &[message_id]);
    }
    s.messages_changed();
    no_content()
}

pub(crate) fn remove_messages(state: &mut World, channel_id: Snowflake, ids: &[Snowflake]) {
    if let Some(c) = state.channels.get_mut(&channel_id) {
        c.messages.retain(|m| !ids.contains(m));
    }
    for id in ids {
        state.messages.remove(id);
    }
}

/// `{messages: [2..=100 ids]}`; ids older than two weeks are refused (50034).
pub(crate) async fn bulk_delete(
    State(s): Ctx,
    Path(channel_id): Path<u64>,
    Extension(ReqBody(body)): Extension<ReqBody>,
) -> ApiResult {
    let ids: Vec<u64> = body["messages"]
        .as_array()
        .map(|a| a.iter().filter_map(snowflake).collect())
        .unwrap_or_default();
    if !(2..=100).contains(&ids.len()) {
        return Err(ApiError::invalid_form_body(&[FieldError::new(
            "messages",
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 2 and 100 in length.",
        )]));
    }
    let two_weeks_ago =
        (crate::snowflake::now_unix_ms().saturating_sub(14 * 86_400_000 + 1_420_070_400_000)) << 22;
    if ids.iter().any(|id| *id < two_weeks_ago) {
        return Err(ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            50034,
            "You can only bulk delete messages that are under 14 days old.",
        ));
    }
    {
        let mut state = s.state();
        if !state.channels.contains_key(&channel_id) {
            return Err(ApiError::unknown_channel());
        }
        require_channel_permission(
            &state,
            channel_id,
            s.bot_user_id,
            permissions::MANAGE_MESSAGES,
        )?;
        remove_messages(&mut state, channel_id, &ids);
    }
    s.messages_changed();
    no_content()
}

pub(crate) async fn typing(State(s): Ctx, Path(channel_id): Path<u64>) -> ApiResult {
    if s.state().channels.contains_key(&channel_id) {
        no_content()
    } else {
        Err(ApiError::unknown_channel())
    }
}

pub(crate) async fn pins(State(s): Ctx, Path(channel_id): Path<u64>) -> ApiResult {
    let state = s.state();
    let c = state
        .channels
        .get(&channel_id)
        .ok_or_else(ApiError::unknown_channel)?;
    let pinned: Vec<Value> = c
        .messages
        .iter()
        .rev()
        .filter_map(|id| state.messages.get(id))
        .filter(|m| m.pinned)
        .map(|m| state.message_json(m))
        .collect();
    json(Value::Array(pinned))
}

fn set_pinned(
    s: &crate::emulator::Shared,
    channel_id: u64,
    message_id: u64,
    pinned: bool,
) -> ApiResult {
    {
        let mut state = s.state();
        if !state.channels.contains_key(&channel_id) {
            return Err(ApiError::unknown_channel());
        }
        visible_message(&state, channel_id, message_id)?;
        require_channel_permission(
            &state,
            channel_id,
            s.bot_user_id,
            permissions::MANAGE_MESSAGES,
        )?;
        if let Some(m) = state.messages.get_mut(&message_id) {
            m.pinned = pinned;
        }
    }
    s.messages_changed();
    no_content()
}

pub(crate) async fn pin(
    State(s): Ctx,
    Path((channel_id, message_id)): Path<(u64, u64)>,
) -> ApiResult {
    set_pinned(&s, channel_id, message_id, true)
}

pub(crate) async fn unpin(
    State(s): Ctx,
    Path((channel_id, message_id)): Path<(u64, u64)>,
) -> ApiResult {
    set_pinned(&s, channel_id, message_id, false)
}
