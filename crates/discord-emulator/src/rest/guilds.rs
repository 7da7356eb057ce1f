//! Guilds, roles and members (read-only: the world is shaped by the test through the emulator handle).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use serde_json::{json, Value};

use super::{json, ApiResult, Ctx};
use crate::error::ApiError;
use crate::model::Role;

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
    json(state.member_json(guild_id, member))
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
            .map(|m| state.member_json(guild_id, m))
            .collect(),
    ))
}
