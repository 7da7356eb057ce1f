//! Interaction callbacks (types 4–9; 3-second deadline → 10062; a second answer → 40060), the
//! `@original` response and followups (webhook routes, valid 15 minutes).

use std::time::Duration;

use axum::extract::{Path, State};
use axum::Extension;
use serde_json::Value;

use super::messages::{apply_edit, check_message_body, message_from_body, store_message};
use super::{json, no_content, ApiResult, Ctx, ReqBody};
use crate::attachments::{attachments_for, ReqFiles};
use crate::emulator::Shared;
use crate::error::{ApiError, FieldError};
use crate::limits;
use crate::snowflake::Snowflake;
use crate::state::{InteractionEvent, State as World};

const TOKEN_LIFETIME: Duration = Duration::from_secs(15 * 60);

fn invalid_type(kind: u64) -> ApiError {
    ApiError::invalid_form_body(&[FieldError::new(
        "type",
        "INTERACTION_RESPONSE_TYPE_INVALID",
        format!("Interaction response type {kind} is not valid for this interaction"),
    )])
}

/// Notes a refused answer on the interaction, so a waiting scripted user can say why nothing arrived.
fn note_rejection(s: &Shared, interaction_id: Snowflake, what: &str, err: &ApiError) {
    if let Some(rec) = s.state().interactions.get_mut(&interaction_id) {
        let detail = err
            .errors
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        rec.rejections
            .push(format!("{what} → {} {} {detail}", err.code, err.message));
    }
}

pub(crate) async fn callback(
    State(s): Ctx,
    Path((interaction_id, token)): Path<(u64, String)>,
    Extension(ReqBody(body)): Extension<ReqBody>,
    Extension(ReqFiles(files)): Extension<ReqFiles>,
) -> ApiResult {
    let result = answer(&s, interaction_id, &token, &body, &files);
    if let Err(e) = &result {
        note_rejection(
            &s,
            interaction_id,
            &format!("callback type {}", body["type"]),
            e,
        );
    }
    result
}

#[allow(clippy::too_many_lines)] // one match over the callback types reads best in one place
fn answer(
    s: &Shared,
    interaction_id: Snowflake,
    token: &str,
    body: &Value,
    files: &[crate::attachments::Part],
) -> ApiResult {
    let kind = body["type"].as_u64().unwrap_or(0);
    let data = body.get("data").cloned().unwrap_or(Value::Null);
    let mut dispatch = None;
    {
        let mut guard = s.state();
        let state: &mut World = &mut guard;
        let rec = state
            .interactions
            .get(&interaction_id)
            .filter(|_| state.interaction_by_token.get(token) == Some(&interaction_id));
        let Some(rec) = rec else {
            return Err(ApiError::unknown_interaction());
        };
        if rec
            .events
            .iter()
            .any(|(_, e)| matches!(e, InteractionEvent::Callback { .. }))
        {
            return Err(ApiError::already_acknowledged());
        }
        if rec.dispatched_at.elapsed() > s.opts.interaction_deadline {
            return Err(ApiError::unknown_interaction());
        }
        let (itype, channel_id, guild_id, source) = (
            rec.kind,
            rec.channel_id,
            rec.guild_id,
            rec.source_message_id,
        );
        let (user_id, command) = (rec.user_id, rec.command.clone());
        let flags = data["flags"].as_u64().unwrap_or(0);
        let original = match kind {
            4 | 5 => {
                if itype == 4 {
                    return Err(invalid_type(kind));
                }
                let mut m = if kind == 4 {
                    check_message_body(&data, "data.", true)?;
                    message_from_body(
                        s.ids.next(),
                        channel_id,
                        guild_id,
                        s.bot_user_id,
                        &data,
                        64 | 4 | 4096,
                    )
                } else {
                    message_from_body(
                        s.ids.next(),
                        channel_id,
                        guild_id,
                        s.bot_user_id,
                        &Value::Null,
                        0,
                    )
                };
                if kind == 5 {
                    m.flags = 128 | (flags & 64);
                } else if let Some(list) = attachments_for(
                    state,
                    || s.ids.next(),
                    &format!("attachments/{channel_id}"),
                    &data,
                    files,
                    &[],
                )? {
                    state.message_files.insert(m.id, list);
                }
                m.interaction_id = Some(interaction_id);
                m.interaction_user = Some(user_id);
                m.interaction_command = command;
                let ephemeral = m.is_ephemeral();
                let id = m.id;
                let v = store_message(state, m);
                if !ephemeral {
                    dispatch = Some(("MESSAGE_CREATE", v, guild_id));
                }
                Some(id)
            }
            6 | 7 => {
                let Some(source) = source.filter(|_| itype == 3 || itype == 5) else {
                    return Err(invalid_type(kind));
                };
                if kind == 7 {
                    check_message_body(&data, "data.", false)?;
                    let kept = state.attachments_of(source);
                    let list = attachments_for(
                        state,
                        || s.ids.next(),
                        &format!("attachments/{channel_id}"),
                        &data,
                        files,
                        &kept,
                    )?;
                    if let Some(list) = list {
                        state.message_files.insert(source, list);
                    }
                    if let Some(m) = state.messages.get_mut(&source) {
                        apply_edit(m, &data);
                        let m = m.clone();
                        if !m.is_ephemeral() {
                            dispatch = Some(("MESSAGE_UPDATE", state.message_json(&m), guild_id));
                        }
                    }
                }
                Some(source)
            }
            8 => {
                if itype != 4 {
                    return Err(invalid_type(kind));
                }
                let errors = limits::autocomplete_errors(&data);
                if !errors.is_empty() {
                    return Err(ApiError::invalid_form_body(&errors));
                }
                None
            }
            9 => {
                if itype == 4 || itype == 5 {
                    return Err(invalid_type(kind));
                }
                let errors = limits::modal_errors(&data);
                if !errors.is_empty() {
                    return Err(ApiError::invalid_form_body(&errors));
                }
                None
            }
            _ => return Err(invalid_type(kind)),
        };
        if let Some(rec) = state.interactions.get_mut(&interaction_id) {
            rec.original_message_id = original;
            rec.push(InteractionEvent::Callback {
                kind: u8::try_from(kind).unwrap_or(0),
                data,
            });
        }
    }
    if original_changed(kind) {
        s.messages_changed();
    }
    if let Some((event, v, guild_id)) = dispatch {
        s.dispatch_message(event, &v, guild_id);
    }
    no_content()
}

fn original_changed(kind: u64) -> bool {
    matches!(kind, 4 | 5 | 7)
}

/// The interaction a webhook token belongs to, if the token is still valid.
fn interaction_for(
    state: &World,
    s: &Shared,
    webhook_id: Snowflake,
    token: &str,
) -> Result<Snowflake, ApiError> {
    if webhook_id != s.application_id {
        return Err(ApiError::unknown_webhook());
    }
    let id = *state
        .interaction_by_token
        .get(token)
        .ok_or_else(ApiError::unknown_webhook)?;
    let rec = state
        .interactions
        .get(&id)
        .ok_or_else(ApiError::unknown_webhook)?;
    if rec.dispatched_at.elapsed() > TOKEN_LIFETIME {
        return Err(ApiError::invalid_webhook_token());
    }
    Ok(id)
}

fn message_of(state: &World, id: Option<Snowflake>) -> Result<Value, ApiError> {
    let m = id
        .and_then(|id| state.messages.get(&id))
        .ok_or_else(ApiError::unknown_message)?;
    Ok(state.message_json(m))
}

/// The message ids a token may touch: `@original` and its followups.
fn owns_message(state: &World, interaction_id: Snowflake, message_id: Snowflake) -> bool {
    state.interactions.get(&interaction_id).is_some_and(|rec| {
        rec.original_message_id == Some(message_id)
            || rec
                .events
                .iter()
                .any(|(_, e)| matches!(e, InteractionEvent::Followup(id) if *id == message_id))
    })
}

fn resolve_target(
    state: &World,
    s: &Shared,
    webhook_id: Snowflake,
    token: &str,
    message_id: Option<Snowflake>,
) -> Result<(Snowflake, Snowflake), ApiError> {
    let interaction_id = interaction_for(state, s, webhook_id, token)?;
    let target = match message_id {
        Some(id) if owns_message(state, interaction_id, id) => id,
        Some(_) => return Err(ApiError::unknown_message()),
        None => state
            .interactions
            .get(&interaction_id)
            .and_then(|r| r.original_message_id)
            .ok_or_else(ApiError::unknown_message)?,
    };
    Ok((interaction_id, target))
}

fn get_message(
    s: &Shared,
    webhook_id: Snowflake,
    token: &str,
    message_id: Option<Snowflake>,
) -> ApiResult {
    let state = s.state();
    let (_, target) = resolve_target(&state, s, webhook_id, token, message_id)?;
    json(message_of(&state, Some(target))?)
}

fn edit_message(
    s: &Shared,
    webhook_id: Snowflake,
    token: &str,
    message_id: Option<Snowflake>,
    body: &Value,
    files: &[crate::attachments::Part],
) -> ApiResult {
    let (v, guild_id, visible) = {
        let mut guard = s.state();
        let state: &mut World = &mut guard;
        let (interaction_id, target) = resolve_target(state, s, webhook_id, token, message_id)?;
        if let Err(e) = check_message_body(body, "", false) {
            drop(guard);
            note_rejection(s, interaction_id, "edit of the response", &e);
            return Err(e);
        }
        let channel_id = state
            .messages
            .get(&target)
            .map(|m| m.channel_id)
            .ok_or_else(ApiError::unknown_message)?;
        let kept = state.attachments_of(target);
        let list = match attachments_for(
            state,
            || s.ids.next(),
            &format!("attachments/{channel_id}"),
            body,
            files,
            &kept,
        ) {
            Ok(list) => list,
            Err(e) => {
                drop(guard);
                note_rejection(s, interaction_id, "edit of the response", &e);
                return Err(e);
            }
        };
        if let Some(list) = list {
            state.message_files.insert(target, list);
        }
        let m = state
            .messages
            .get_mut(&target)
            .ok_or_else(ApiError::unknown_message)?;
        apply_edit(m, body);
        let m = m.clone();
        let v = state.message_json(&m);
        if let Some(rec) = state.interactions.get_mut(&interaction_id) {
            rec.push(InteractionEvent::Edited(target));
        }
        (v, m.guild_id, !m.is_ephemeral())
    };
    s.messages_changed();
    if visible {
        s.dispatch_message("MESSAGE_UPDATE", &v, guild_id);
    }
    json(v)
}

fn delete_message(
    s: &Shared,
    webhook_id: Snowflake,
    token: &str,
    message_id: Option<Snowflake>,
) -> ApiResult {
    {
        let mut state = s.state();
        let (_, target) = resolve_target(&state, s, webhook_id, token, message_id)?;
        if let Some(m) = state.messages.remove(&target) {
            if let Some(c) = state.channels.get_mut(&m.channel_id) {
                c.messages.retain(|id| *id != target);
            }
        }
    }
    s.messages_changed();
    no_content()
}

pub(crate) async fn create_followup(
    State(s): Ctx,
    Path((webhook_id, token)): Path<(u64, String)>,
    Extension(ReqBody(body)): Extension<ReqBody>,
    Extension(ReqFiles(files)): Extension<ReqFiles>,
) -> ApiResult {
    let (v, guild_id, visible) = {
        let mut guard = s.state();
        let state: &mut World = &mut guard;
        let interaction_id = interaction_for(state, &s, webhook_id, &token)?;
        let Some(rec) = state.interactions.get(&interaction_id) else {
            return Err(ApiError::unknown_webhook());
        };
        let acknowledged = rec
            .events
            .iter()
            .any(|(_, e)| matches!(e, InteractionEvent::Callback { .. }));
        let (channel_id, guild_id, original, user_id) = (
            rec.channel_id,
            rec.guild_id,
            rec.original_message_id,
            rec.user_id,
        );
        if !acknowledged {
            return Err(ApiError::unknown_webhook());
        }
        if let Err(e) = check_message_body(&body, "", true) {
            drop(guard);
            note_rejection(&s, interaction_id, "followup", &e);
            return Err(e);
        }
        // The first followup after a deferred answer replaces the "thinking…" message, as on Discord.
        let loading =
            original.filter(|id| state.messages.get(id).is_some_and(|m| m.flags & 128 != 0));
        let list = match attachments_for(
            state,
            || s.ids.next(),
            &format!("attachments/{channel_id}"),
            &body,
            &files,
            &[],
        ) {
            Ok(list) => list,
            Err(e) => {
                drop(guard);
                note_rejection(&s, interaction_id, "followup", &e);
                return Err(e);
            }
        };
        let id = if let Some(id) = loading {
            if let Some(list) = list {
                state.message_files.insert(id, list);
            }
            if let Some(m) = state.messages.get_mut(&id) {
                apply_edit(m, &body);
            }
            id
        } else {
            let mut m = message_from_body(
                s.ids.next(),
                channel_id,
                guild_id,
                s.bot_user_id,
                &body,
                64 | 4 | 4096,
            );
            m.interaction_id = Some(interaction_id);
            m.interaction_user = Some(user_id);
            if let Some(list) = list {
                state.message_files.insert(m.id, list);
            }
            let id = m.id;
            store_message(state, m);
            id
        };
        let m = state
            .messages
            .get(&id)
            .cloned()
            .ok_or_else(ApiError::unknown_message)?;
        let v = state.message_json(&m);
        if let Some(rec) = state.interactions.get_mut(&interaction_id) {
            rec.push(InteractionEvent::Followup(id));
        }
        (v, guild_id, !m.is_ephemeral() && loading.is_none())
    };
    s.messages_changed();
    if visible {
        s.dispatch_message("MESSAGE_CREATE", &v, guild_id);
    }
    json(v)
}

pub(crate) async fn get_original(
    State(s): Ctx,
    Path((webhook_id, token)): Path<(u64, String)>,
) -> ApiResult {
    get_message(&s, webhook_id, &token, None)
}

pub(crate) async fn edit_original(
    State(s): Ctx,
    Path((webhook_id, token)): Path<(u64, String)>,
    Extension(ReqBody(body)): Extension<ReqBody>,
    Extension(ReqFiles(files)): Extension<ReqFiles>,
) -> ApiResult {
    edit_message(&s, webhook_id, &token, None, &body, &files)
}

pub(crate) async fn delete_original(
    State(s): Ctx,
    Path((webhook_id, token)): Path<(u64, String)>,
) -> ApiResult {
    delete_message(&s, webhook_id, &token, None)
}

pub(crate) async fn get_followup(
    State(s): Ctx,
    Path((webhook_id, token, message_id)): Path<(u64, String, u64)>,
) -> ApiResult {
    get_message(&s, webhook_id, &token, Some(message_id))
}

pub(crate) async fn edit_followup(
    State(s): Ctx,
    Path((webhook_id, token, message_id)): Path<(u64, String, u64)>,
    Extension(ReqBody(body)): Extension<ReqBody>,
    Extension(ReqFiles(files)): Extension<ReqFiles>,
) -> ApiResult {
    edit_message(&s, webhook_id, &token, Some(message_id), &body, &files)
}

pub(crate) async fn delete_followup(
    State(s): Ctx,
    Path((webhook_id, token, message_id)): Path<(u64, String, u64)>,
) -> ApiResult {
    delete_message(&s, webhook_id, &token, Some(message_id))
}
