//! Gateway discovery, the current user and application, and application commands (global and guild).

use axum::extract::{Path, State};
use axum::Extension;
use serde_json::{json, Value};

use super::{created, json, no_content, ApiResult, Ctx, ReqBody};
use crate::emulator::Shared;
use crate::error::{ApiError, FieldError};
use crate::model::Command;
use crate::snowflake::Snowflake;

pub(crate) async fn gateway(State(s): Ctx) -> ApiResult {
    json(json!({"url": s.gateway_url()}))
}

/// Discord recommends a shard per 1,000 guilds.
pub(crate) async fn gateway_bot(State(s): Ctx) -> ApiResult {
    let guilds = s.state().guilds.len();
    json(json!({
        "url": s.gateway_url(),
        "shards": guilds.div_ceil(1_000).max(1),
        "session_start_limit": {
            "total": 1000,
            "remaining": 999,
            "reset_after": 14_400_000,
            "max_concurrency": s.opts.max_concurrency.max(1),
        },
    }))
}

pub(crate) async fn current_user(State(s): Ctx) -> ApiResult {
    let mut user = s.state().user_json(s.bot_user_id);
    user["verified"] = json!(true);
    user["mfa_enabled"] = json!(false);
    user["email"] = Value::Null;
    user["locale"] = json!("en-US");
    json(user)
}

pub(crate) async fn user(State(s): Ctx, Path(user_id): Path<u64>) -> ApiResult {
    let state = s.state();
    if !state.users.contains_key(&user_id) {
        return Err(ApiError::unknown_user());
    }
    json(state.user_json(user_id))
}

pub(crate) async fn current_application(State(s): Ctx) -> ApiResult {
    let owner = s.state().user_json(s.bot_user_id);
    json(json!({
        "id": s.application_id.to_string(),
        "name": s.opts.bot_name,
        "icon": null,
        "description": "",
        "rpc_origins": [],
        "bot_public": true,
        "bot_require_code_grant": false,
        "bot": owner,
        "owner": owner,
        "summary": "",
        "verify_key": "0".repeat(64),
        "team": null,
        "flags": 0,
        "flags_new": "0",
        "type": null,
        "role_connections_verification_url": null,
        "approximate_user_install_count": 0,
        "approximate_user_authorization_count": 0,
        "explicit_content_filter": 0,
        "eligible_oauth2_scopes": [],
        "tags": [],
        "approximate_guild_count": s.state().guilds.len(),
        "redirect_uris": [],
        "interactions_endpoint_url": null,
    }))
}

fn check_app(s: &Shared, application_id: Snowflake) -> Result<(), ApiError> {
    if application_id == s.application_id {
        Ok(())
    } else {
        Err(ApiError::missing_access())
    }
}

/// Discord's rules for a command: name 1–32 lowercase, description 1–100 (chat input), ≤ 25 options.
fn command_errors(body: &Value, prefix: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let name = body["name"].as_str().unwrap_or_default();
    let chat_input = body["type"].as_u64().unwrap_or(1) == 1;
    let valid_name = !name.is_empty()
        && name.chars().count() <= 32
        && (!chat_input
            || name
                .chars()
                .all(|c| c == '-' || c == '_' || c.is_lowercase() || c.is_numeric()));
    if !valid_name {
        errors.push(FieldError::new(
            format!("{prefix}name"),
            "APPLICATION_COMMAND_INVALID_NAME",
            "Command name is invalid",
        ));
    }
    let desc = body["description"]
        .as_str()
        .map_or(0, |d| d.chars().count());
    if chat_input && !(1..=100).contains(&desc) {
        errors.push(FieldError::new(
            format!("{prefix}description"),
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 100 in length.",
        ));
    }
    if body["options"].as_array().is_some_and(|o| o.len() > 25) {
        errors.push(FieldError::new(
            format!("{prefix}options"),
            "BASE_TYPE_MAX_LENGTH",
            "Must be 25 or fewer in length.",
        ));
    }
    errors
}

fn list(s: &Shared, guild_id: Option<Snowflake>) -> ApiResult {
    let state = s.state();
    json(Value::Array(
        state
            .commands
            .iter()
            .filter(|c| c.guild_id == guild_id)
            .map(|c| c.to_json(s.application_id))
            .collect(),
    ))
}

fn upsert(
    s: &Shared,
    guild_id: Option<Snowflake>,
    body: &Value,
) -> Result<(Value, bool), ApiError> {
    let errors = command_errors(body, "");
    if !errors.is_empty() {
        return Err(ApiError::invalid_form_body(&errors));
    }
    let name = body["name"].as_str().unwrap_or_default().to_owned();
    let kind = body["type"].as_u64().unwrap_or(1);
    let version = s.ids.next();
    let mut state = s.state();
    if let Some(existing) = state.commands.iter_mut().find(|c| {
        c.guild_id == guild_id && c.name == name && c.body["type"].as_u64().unwrap_or(1) == kind
    }) {
        existing.body = body.clone();
        existing.version = version;
        return Ok((existing.to_json(s.application_id), false));
    }
    let command = Command {
        id: s.ids.next(),
        guild_id,
        name,
        body: body.clone(),
        version,
    };
    let out = command.to_json(s.application_id);
    state.commands.push(command);
    Ok((out, true))
}

fn overwrite(s: &Shared, guild_id: Option<Snowflake>, body: &Value) -> ApiResult {
    let Some(items) = body.as_array() else {
        return Err(ApiError::invalid_form_body(&[FieldError::new(
            "",
            "ARRAY_TYPE_CONVERT",
            "Only iterables may be used in a ListType",
        )]));
    };
    if items.len() > 100 {
        return Err(ApiError::invalid_form_body(&[FieldError::new(
            "",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 100 or fewer in length.",
        )]));
    }
    let errors: Vec<FieldError> = items
        .iter()
        .enumerate()
        .flat_map(|(i, c)| command_errors(c, &format!("{i}.")))
        .collect();
    if !errors.is_empty() {
        return Err(ApiError::invalid_form_body(&errors));
    }
    let mut state = s.state();
    let old: Vec<Command> = state
        .commands
        .iter()
        .filter(|c| c.guild_id == guild_id)
        .cloned()
        .collect();
    state.commands.retain(|c| c.guild_id != guild_id);
    let mut out = Vec::new();
    for body in items {
        let name = body["name"].as_str().unwrap_or_default().to_owned();
        let id = old
            .iter()
            .find(|c| c.name == name)
            .map_or_else(|| s.ids.next(), |c| c.id);
        let command = Command {
            id,
            guild_id,
            name,
            body: body.clone(),
            version: s.ids.next(),
        };
        out.push(command.to_json(s.application_id));
        state.commands.push(command);
    }
    json(Value::Array(out))
}

fn find(s: &Shared, guild_id: Option<Snowflake>, command_id: Snowflake) -> ApiResult {
    let state = s.state();
    let c = state
        .commands
        .iter()
        .find(|c| c.guild_id == guild_id && c.id == command_id)
        .ok_or_else(ApiError::unknown_command)?;
    json(c.to_json(s.application_id))
}

fn edit(
    s: &Shared,
    guild_id: Option<Snowflake>,
    command_id: Snowflake,
    patch: &Value,
) -> ApiResult {
    let mut state = s.state();
    let version = s.ids.next();
    let c = state
        .commands
        .iter_mut()
        .find(|c| c.guild_id == guild_id && c.id == command_id)
        .ok_or_else(ApiError::unknown_command)?;
    if let (Some(body), Some(patch)) = (c.body.as_object_mut(), patch.as_object()) {
        for (k, v) in patch {
            body.insert(k.clone(), v.clone());
        }
    }
    if let Some(name) = c.body["name"].as_str() {
        c.name = name.to_owned();
    }
    c.version = version;
    json(c.to_json(s.application_id))
}

fn delete(s: &Shared, guild_id: Option<Snowflake>, command_id: Snowflake) -> ApiResult {
    let mut state = s.state();
    let before = state.commands.len();
    state
        .commands
        .retain(|c| !(c.guild_id == guild_id && c.id == command_id));
    if state.commands.len() == before {
        return Err(ApiError::unknown_command());
    }
    no_content()
}

pub(crate) async fn list_global_commands(State(s): Ctx, Path(app): Path<u64>) -> ApiResult {
    check_app(&s, app)?;
    list(&s, None)
}

pub(crate) async fn overwrite_global_commands(
    State(s): Ctx,
    Path(app): Path<u64>,
    Extension(ReqBody(body)): Extension<ReqBody>,
) -> ApiResult {
    check_app(&s, app)?;
    overwrite(&s, None, &body)
}

pub(crate) async fn create_global_command(
    State(s): Ctx,
    Path(app): Path<u64>,
    Extension(ReqBody(body)): Extension<ReqBody>,
) -> ApiResult {
    check_app(&s, app)?;
    let (v, new) = upsert(&s, None, &body)?;
    if new {
        created(v)
    } else {
        json(v)
    }
}

pub(crate) async fn get_global_command(
    State(s): Ctx,
    Path((app, id)): Path<(u64, u64)>,
) -> ApiResult {
    check_app(&s, app)?;
    find(&s, None, id)
}

pub(crate) async fn edit_global_command(
    State(s): Ctx,
    Path((app, id)): Path<(u64, u64)>,
    Extension(ReqBody(body)): Extension<ReqBody>,
) -> ApiResult {
    check_app(&s, app)?;
    edit(&s, None, id, &body)
}

pub(crate) async fn delete_global_command(
    State(s): Ctx,
    Path((app, id)): Path<(u64, u64)>,
) -> ApiResult {
    check_app(&s, app)?;
    delete(&s, None, id)
}

fn check_guild(s: &Shared, app: Snowflake, guild_id: Snowflake) -> Result<(), ApiError> {
    check_app(s, app)?;
    if s.state().guilds.contains_key(&guild_id) {
        Ok(())
    } else {
        Err(ApiError::unknown_guild())
    }
}

pub(crate) async fn list_guild_commands(
    State(s): Ctx,
    Path((app, g)): Path<(u64, u64)>,
) -> ApiResult {
    check_guild(&s, app, g)?;
    list(&s, Some(g))
}

pub(crate) async fn overwrite_guild_commands(
    State(s): Ctx,
    Path((app, g)): Path<(u64, u64)>,
    Extension(ReqBody(body)): Extension<ReqBody>,
) -> ApiResult {
    check_guild(&s, app, g)?;
    overwrite(&s, Some(g), &body)
}

pub(crate) async fn create_guild_command(
    State(s): Ctx,
    Path((app, g)): Path<(u64, u64)>,
    Extension(ReqBody(body)): Extension<ReqBody>,
) -> ApiResult {
    check_guild(&s, app, g)?;
    let (v, new) = upsert(&s, Some(g), &body)?;
    if new {
        created(v)
    } else {
        json(v)
    }
}

pub(crate) async fn get_guild_command(
    State(s): Ctx,
    Path((app, g, id)): Path<(u64, u64, u64)>,
) -> ApiResult {
    check_guild(&s, app, g)?;
    find(&s, Some(g), id)
}

pub(crate) async fn edit_guild_command(
    State(s): Ctx,
    Path((app, g, id)): Path<(u64, u64, u64)>,
    Extension(ReqBody(body)): Extension<ReqBody>,
) -> ApiResult {
    check_guild(&s, app, g)?;
    edit(&s, Some(g), id, &body)
}

pub(crate) async fn delete_guild_command(
    State(s): Ctx,
    Path((app, g, id)): Path<(u64, u64, u64)>,
) -> ApiResult {
    check_guild(&s, app, g)?;
    delete(&s, Some(g), id)
}
