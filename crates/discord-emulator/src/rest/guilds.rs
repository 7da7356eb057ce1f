//! Guilds, roles and members (read-only: the world is shaped by the test through the emulator handle).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use serde_json::{json, Value};

use super::{json, no_content, ApiResult, Ctx};
use crate::emulator::Shared;
use crate::error::ApiError;
use crate::gateway::{intents, Target};
use crate::model::{permissions, Role};

pub(crate) async fn get_guild(State(s): Ctx, Path(guild_id): Path<u64>) -> ApiResult {
    let state = s.state();
    let guild = state
        .guilds
        .get(&guild_id)
        .ok_or_else(ApiError::unknown_guild)?;
    let mut v = state.guild_json(guild);
    v["approximate_member_count"] = json!(guild.members.len());
    json(v)
}

pub(crate) async fn roles(State(s): Ctx, Path(guild_id): Path<u64>) -> ApiResult {
    let state = s.state();
    let guild = state
        .guilds
        .get(&guild_id)
        .ok_or_else(ApiError::unknown_guild)?;
    json(Value::Array(
        guild
            .roles
            .iter()
            .filter_map(|r| state.roles.get(r))
            .map(Role::to_json)
            .collect(),
    ))
}

pub(crate) async fn member(
    State(s): Ctx,
    Path((guild_id, user_id)): Path<(u64, u64)>,
) -> ApiResult {
    let state = s.state();
    let guild = state
        .guilds
        .get(&guild_id)
        .ok_or_else(ApiError::unknown_guild)?;
    let member = guild.member(user_id).ok_or_else(ApiError::unknown_member)?;
    json(state.member_json(member))
}

/// `?limit=1..1000&after=user_id`, ordered by user id as Discord does.
pub(crate) async fn members(
    State(s): Ctx,
    Path(guild_id): Path<u64>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let limit = q
        .get("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 1000);
    let after = q
        .get("after")
        .and_then(|a| a.parse::<u64>().ok())
        .unwrap_or(0);
    let state = s.state();
    let guild = state
        .guilds
        .get(&guild_id)
        .ok_or_else(ApiError::unknown_guild)?;
    let mut members: Vec<_> = guild.members.iter().filter(|m| m.user_id > after).collect();
    members.sort_by_key(|m| m.user_id);
    json(Value::Array(
        members
            .into_iter()
            .take(limit)
            .map(|m| state.member_json(m))
            .collect(),
    ))
}

/// Adds or removes a role: needs `MANAGE_ROLES` and a bot role above the role (dispatches `GUILD_MEMBER_UPDATE`).
fn change_member_role(
    s: &Shared,
    guild_id: u64,
    user_id: u64,
    role_id: u64,
    add: bool,
) -> ApiResult {
    let payload = {
        let mut state = s.state();
        let guild = state
            .guilds
            .get(&guild_id)
            .ok_or_else(ApiError::unknown_guild)?;
        if !guild.roles.contains(&role_id) {
            return Err(ApiError::new(
                axum::http::StatusCode::NOT_FOUND,
                10011,
                "Unknown Role",
            ));
        }
        guild.member(user_id).ok_or_else(ApiError::unknown_member)?;
        let held = state.base_permissions(guild, s.bot_user_id);
        let bot_top = guild.member(s.bot_user_id).map_or(0, |m| {
            m.roles
                .iter()
                .filter_map(|r| state.roles.get(r))
                .map(|r| r.position)
                .max()
                .unwrap_or(0)
        });
        let position = state.roles.get(&role_id).map_or(0, |r| r.position);
        if held & permissions::MANAGE_ROLES == 0
            || (held != permissions::ALL && position >= bot_top)
        {
            return Err(ApiError::missing_permissions());
        }
        let Some(member) = state
            .guilds
            .get_mut(&guild_id)
            .and_then(|g| g.member_mut(user_id))
        else {
            return Err(ApiError::unknown_member());
        };
        member.roles.retain(|r| *r != role_id);
        if add {
            member.roles.push(role_id);
        }
        let member = member.clone();
        let mut v = state.member_json(&member);
        v["guild_id"] = json!(guild_id.to_string());
        v
    };
    s.gateway.dispatch(
        Target::Guild(guild_id),
        "GUILD_MEMBER_UPDATE",
        &payload,
        Some(intents::GUILD_MEMBERS),
    );
    no_content()
}

pub(crate) async fn add_member_role(
    State(s): Ctx,
    Path((guild_id, user_id, role_id)): Path<(u64, u64, u64)>,
) -> ApiResult {
    change_member_role(&s, guild_id, user_id, role_id, true)
}

pub(crate) async fn remove_member_role(
    State(s): Ctx,
    Path((guild_id, user_id, role_id)): Path<(u64, u64, u64)>,
) -> ApiResult {
    change_member_role(&s, guild_id, user_id, role_id, false)
}
