//! Guild channels (create with overwrites, edit, delete, permissions), the 50-per-category and
//! 500-per-guild caps, and DM channels.

use axum::extract::{Path, State};
use axum::Extension;
use serde_json::Value;

use super::{created, json, no_content, snowflake, ApiResult, Ctx, ReqBody};
use crate::error::{ApiError, FieldError};
use crate::limits;
use crate::model::{channel_type, permissions, Channel, Overwrite};
use crate::state::State as World;

fn bits(v: &Value) -> u64 {
    snowflake(v).unwrap_or(0)
}

fn parse_overwrites(v: &Value) -> Result<Vec<Overwrite>, ApiError> {
    let mut out = Vec::new();
    for (i, o) in v
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let id = snowflake(&o["id"]).ok_or_else(|| {
            ApiError::invalid_form_body(&[FieldError::new(
                format!("permission_overwrites.{i}.id"),
                "NUMBER_TYPE_COERCE",
                "Value is not snowflake.",
            )])
        })?;
        let kind = u8::try_from(o["type"].as_u64().unwrap_or(0)).unwrap_or(0);
        out.push(Overwrite {
            id,
            kind,
            allow: bits(&o["allow"]),
            deny: bits(&o["deny"]),
        });
    }
    Ok(out)
}

/// The bot must hold a permission in the guild to grant or deny it in an overwrite (unless it is an admin).
fn check_overwrite_grants(
    world: &World,
    guild_id: u64,
    overwrites: &[Overwrite],
    bot: u64,
) -> Result<(), ApiError> {
    let Some(guild) = world.guilds.get(&guild_id) else {
        return Err(ApiError::unknown_guild());
    };
    let held = world.base_permissions(guild, bot);
    if held == permissions::ALL {
        return Ok(());
    }
    if overwrites.iter().any(|o| (o.allow | o.deny) & !held != 0) {
        return Err(ApiError::missing_permissions());
    }
    Ok(())
}

fn require_guild_permission(
    world: &World,
    guild_id: u64,
    bot: u64,
    perm: u64,
) -> Result<(), ApiError> {
    let guild = world
        .guilds
        .get(&guild_id)
        .ok_or_else(ApiError::unknown_guild)?;
    if world.base_permissions(guild, bot) & perm == perm {
        Ok(())
    } else {
        Err(ApiError::missing_permissions())
    }
}

pub(crate) async fn list(State(s): Ctx, Path(guild_id): Path<u64>) -> ApiResult {
    let state = s.state();
    let guild = state
        .guilds
        .get(&guild_id)
        .ok_or_else(ApiError::unknown_guild)?;
    json(Value::Array(
        guild
            .channels
            .iter()
            .filter_map(|c| state.channels.get(c))
            .map(|c| state.channel_json(c))
            .collect(),
    ))
}

pub(crate) async fn create(
    State(s): Ctx,
    Path(guild_id): Path<u64>,
    Extension(ReqBody(body)): Extension<ReqBody>,
) -> ApiResult {
    let kind = u8::try_from(body["type"].as_u64().unwrap_or(0)).unwrap_or(u8::MAX);
    let name = limits::channel_name(kind, body["name"].as_str().unwrap_or_default())
        .map_err(|e| ApiError::invalid_form_body(&[e]))?;
    let overwrites = parse_overwrites(&body["permission_overwrites"])?;
    let parent_id = snowflake(&body["parent_id"]);
    let id = s.ids.next();
    let payload = {
        let mut state = s.state();
        require_guild_permission(
            &state,
            guild_id,
            s.bot_user_id,
            permissions::MANAGE_CHANNELS,
        )?;
        check_overwrite_grants(&state, guild_id, &overwrites, s.bot_user_id)?;
        if let Some(p) = parent_id {
            let ok = state.channels.get(&p).is_some_and(|c| {
                c.kind == channel_type::GUILD_CATEGORY && c.guild_id == Some(guild_id)
            });
            if !ok {
                return Err(ApiError::invalid_form_body(&[FieldError::new(
                    "parent_id",
                    "CHANNEL_PARENT_INVALID",
                    "Invalid parent channel",
                )]));
            }
        }
        let (in_guild, in_parent) = state.channel_counts(guild_id, parent_id);
        if in_guild >= limits::MAX_CHANNELS_PER_GUILD {
            return Err(ApiError::max_guild_channels());
        }
        if parent_id.is_some() && in_parent >= limits::MAX_CHANNELS_PER_CATEGORY {
            return Err(ApiError::invalid_form_body(&[FieldError::new(
                "parent_id",
                "CHANNEL_PARENT_MAX_CHANNELS",
                "Maximum number of channels in category reached (50)",
            )]));
        }
        let channel = Channel {
            id,
            kind,
            guild_id: Some(guild_id),
            name,
            parent_id,
            position: u32::try_from(in_guild).unwrap_or(0),
            topic: body["topic"].as_str().map(str::to_owned),
            overwrites,
            recipient: None,
            last_message_id: None,
            messages: Vec::new(),
        };
        let v = state.channel_json(&channel);
        state.channels.insert(id, channel);
        if let Some(g) = state.guilds.get_mut(&guild_id) {
            g.channels.push(id);
        }
        v
    };
    s.dispatch_channel("CHANNEL_CREATE", &payload, Some(guild_id));
    created(payload)
}

pub(crate) async fn get(State(s): Ctx, Path(channel_id): Path<u64>) -> ApiResult {
    let state = s.state();
    let c = state
        .channels
        .get(&channel_id)
        .ok_or_else(ApiError::unknown_channel)?;
    json(state.channel_json(c))
}

pub(crate) async fn edit(
    State(s): Ctx,
    Path(channel_id): Path<u64>,
    Extension(ReqBody(body)): Extension<ReqBody>,
) -> ApiResult {
    let (payload, guild_id) = {
        let mut state = s.state();
        let c = state
            .channels
            .get(&channel_id)
            .ok_or_else(ApiError::unknown_channel)?;
        let guild_id = c.guild_id.ok_or_else(ApiError::missing_permissions)?;
        let kind = c.kind;
        require_guild_permission(
            &state,
            guild_id,
            s.bot_user_id,
            permissions::MANAGE_CHANNELS,
        )?;
        let name = match body["name"].as_str() {
            Some(n) => {
                Some(limits::channel_name(kind, n).map_err(|e| ApiError::invalid_form_body(&[e]))?)
            }
            None => None,
        };
        let overwrites = match body.get("permission_overwrites") {
            Some(v) if !v.is_null() => {
                let o = parse_overwrites(v)?;
                check_overwrite_grants(&state, guild_id, &o, s.bot_user_id)?;
                Some(o)
            }
            _ => None,
        };
        let Some(c) = state.channels.get_mut(&channel_id) else {
            return Err(ApiError::unknown_channel());
        };
        if let Some(n) = name {
            c.name = n;
        }
        if let Some(o) = overwrites {
            c.overwrites = o;
        }
        if body.get("topic").is_some() {
            c.topic = body["topic"].as_str().map(str::to_owned);
        }
        if body.get("parent_id").is_some() {
            c.parent_id = snowflake(&body["parent_id"]);
        }
        if let Some(p) = body["position"].as_u64() {
            c.position = u32::try_from(p).unwrap_or(0);
        }
        let c = c.clone();
        (state.channel_json(&c), Some(guild_id))
    };
    s.dispatch_channel("CHANNEL_UPDATE", &payload, guild_id);
    json(payload)
}

pub(crate) async fn delete(State(s): Ctx, Path(channel_id): Path<u64>) -> ApiResult {
    let (payload, guild_id) = {
        let mut state = s.state();
        let c = state
            .channels
            .get(&channel_id)
            .ok_or_else(ApiError::unknown_channel)?;
        if let Some(g) = c.guild_id {
            require_guild_permission(&state, g, s.bot_user_id, permissions::MANAGE_CHANNELS)?;
        }
        let Some(c) = state.remove_channel(channel_id) else {
            return Err(ApiError::unknown_channel());
        };
        (state.channel_json(&c), c.guild_id)
    };
    if guild_id.is_some() {
        s.dispatch_channel("CHANNEL_DELETE", &payload, guild_id);
    }
    s.messages_changed();
    json(payload)
}

pub(crate) async fn put_overwrite(
    State(s): Ctx,
    Path((channel_id, overwrite_id)): Path<(u64, u64)>,
    Extension(ReqBody(body)): Extension<ReqBody>,
) -> ApiResult {
    let (payload, guild_id) = {
        let mut state = s.state();
        let c = state
            .channels
            .get(&channel_id)
            .ok_or_else(ApiError::unknown_channel)?;
        let guild_id = c.guild_id.ok_or_else(ApiError::missing_permissions)?;
        let o = Overwrite {
            id: overwrite_id,
            kind: u8::try_from(body["type"].as_u64().unwrap_or(0)).unwrap_or(0),
            allow: bits(&body["allow"]),
            deny: bits(&body["deny"]),
        };
        require_guild_permission(&state, guild_id, s.bot_user_id, permissions::MANAGE_ROLES)?;
        check_overwrite_grants(&state, guild_id, std::slice::from_ref(&o), s.bot_user_id)?;
        let Some(c) = state.channels.get_mut(&channel_id) else {
            return Err(ApiError::unknown_channel());
        };
        c.overwrites.retain(|x| x.id != overwrite_id);
        c.overwrites.push(o);
        let c = c.clone();
        (state.channel_json(&c), guild_id)
    };
    s.dispatch_channel("CHANNEL_UPDATE", &payload, Some(guild_id));
    no_content()
}

pub(crate) async fn delete_overwrite(
    State(s): Ctx,
    Path((channel_id, overwrite_id)): Path<(u64, u64)>,
) -> ApiResult {
    let (payload, guild_id) = {
        let mut state = s.state();
        let c = state
            .channels
            .get(&channel_id)
            .ok_or_else(ApiError::unknown_channel)?;
        let guild_id = c.guild_id.ok_or_else(ApiError::missing_permissions)?;
        require_guild_permission(&state, guild_id, s.bot_user_id, permissions::MANAGE_ROLES)?;
        let Some(c) = state.channels.get_mut(&channel_id) else {
            return Err(ApiError::unknown_channel());
        };
        c.overwrites.retain(|x| x.id != overwrite_id);
        let c = c.clone();
        (state.channel_json(&c), guild_id)
    };
    s.dispatch_channel("CHANNEL_UPDATE", &payload, Some(guild_id));
    no_content()
}

/// `POST /users/@me/channels {recipient_id}`: opens (or returns) the DM channel with a user.
pub(crate) async fn open_dm(
    State(s): Ctx,
    Extension(ReqBody(body)): Extension<ReqBody>,
) -> ApiResult {
    let user_id = snowflake(&body["recipient_id"]).ok_or_else(|| {
        ApiError::invalid_form_body(&[FieldError::new(
            "recipient_id",
            "BASE_TYPE_REQUIRED",
            "This field is required",
        )])
    })?;
    let mut state = s.state();
    if !state.users.contains_key(&user_id) {
        return Err(ApiError::unknown_user());
    }
    let id = open_dm_channel(&mut state, user_id, || s.ids.next());
    let c = state
        .channels
        .get(&id)
        .ok_or_else(ApiError::unknown_channel)?;
    json(state.channel_json(c))
}

/// The DM channel with a user, created if needed.
pub(crate) fn open_dm_channel(
    state: &mut World,
    user_id: u64,
    new_id: impl FnOnce() -> u64,
) -> u64 {
    if let Some(id) = state.dm_by_user.get(&user_id) {
        return *id;
    }
    let id = new_id();
    state.channels.insert(
        id,
        Channel {
            id,
            kind: channel_type::DM,
            guild_id: None,
            name: String::new(),
            parent_id: None,
            position: 0,
            topic: None,
            overwrites: Vec::new(),
            recipient: Some(user_id),
            last_message_id: None,
            messages: Vec::new(),
        },
    );
    state.dm_by_user.insert(user_id, id);
    id
}
