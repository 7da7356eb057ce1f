//! The `INTERACTION_CREATE` payload a scripted action sends, and the checks that a member could act at all.

use serde_json::{json, Value};

use super::{APPLICATION_COMMAND, AUTOCOMPLETE};
use crate::emulator::Shared;
use crate::error::Error;
use crate::model::{flatten_components, Message};
use crate::snowflake::Snowflake;
use crate::state::State;

pub(super) fn find_component(rows: &[Value], pred: impl Fn(&Value) -> bool) -> Option<&Value> {
    flatten_components(rows).into_iter().find(|c| pred(c))
}

pub(super) fn describe_components(rows: &[Value]) -> String {
    let all: Vec<String> = flatten_components(rows)
        .into_iter()
        .map(|c| match c["type"].as_u64() {
            Some(2) => {
                let disabled = if c["disabled"] == true {
                    ", disabled"
                } else {
                    ""
                };
                format!("button {} ({}{disabled})", c["label"], c["custom_id"])
            }
            Some(3) => {
                let values: Vec<&str> = c["options"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|o| o["value"].as_str())
                    .collect();
                format!(
                    "select {} ({}) of {values:?}",
                    c["placeholder"], c["custom_id"]
                )
            }
            Some(5..=8) => format!("select {} ({})", c["placeholder"], c["custom_id"]),
            Some(4) => format!("text input {} ({})", c["label"], c["custom_id"]),
            _ => format!("component type {}", c["type"]),
        })
        .collect();
    if all.is_empty() {
        "it has no components".into()
    } else {
        format!("it has: {}", all.join(", "))
    }
}

/// A member can only use what they can see: the channel (`VIEW_CHANNEL`, and `USE_APPLICATION_COMMANDS`
/// for commands) and, for an ephemeral message, only if it was shown to them.
fn check_user_can_act(
    state: &State,
    channel: &crate::model::Channel,
    user_id: Snowflake,
    perms: u64,
    kind: u8,
    source: Option<&Message>,
) -> Result<(), Error> {
    use crate::model::permissions::{USE_APPLICATION_COMMANDS, VIEW_CHANNEL};
    let who = state
        .users
        .get(&user_id)
        .map_or_else(|| user_id.to_string(), |u| u.name.clone());
    if channel.guild_id.is_some() {
        if perms & VIEW_CHANNEL == 0 {
            return Err(Error::Invalid(format!(
                "{who} cannot see #{} (no VIEW_CHANNEL there), so cannot act in it",
                channel.name
            )));
        }
        if matches!(kind, APPLICATION_COMMAND | AUTOCOMPLETE)
            && perms & USE_APPLICATION_COMMANDS == 0
        {
            return Err(Error::Invalid(format!(
                "{who} may not use application commands in #{}",
                channel.name
            )));
        }
    }
    let owner = source
        .filter(|m| m.is_ephemeral())
        .and_then(|m| m.interaction_id)
        .and_then(|id| state.interactions.get(&id))
        .map(|rec| rec.user_id);
    if let Some(owner) = owner.filter(|o| *o != user_id) {
        return Err(Error::Invalid(format!(
            "the message is ephemeral: only user {owner} sees it, not {who}"
        )));
    }
    Ok(())
}

/// `INTERACTION_CREATE`'s `d`, with every field serenity 0.12 requires.
#[allow(clippy::too_many_arguments)]
pub(super) fn interaction_json(
    s: &Shared,
    state: &State,
    kind: u8,
    id: Snowflake,
    token: &str,
    data: &Value,
    user_id: Snowflake,
    channel_id: Snowflake,
    source: Option<&Message>,
) -> Result<Value, Error> {
    let channel = state
        .channels
        .get(&channel_id)
        .ok_or_else(|| Error::Invalid(format!("channel {channel_id} does not exist")))?;
    let user_perms = state.channel_permissions(channel, user_id);
    check_user_can_act(state, channel, user_id, user_perms, kind, source)?;
    let app_perms = state.channel_permissions(channel, s.bot_user_id);
    let mut channel_json = state.channel_json(channel);
    channel_json["permissions"] = json!(user_perms.to_string());
    let mut v = json!({
        "id": id.to_string(),
        "application_id": s.application_id.to_string(),
        "type": kind,
        "data": data,
        "token": token,
        "version": 1,
        "channel_id": channel_id.to_string(),
        "channel": channel_json,
        "locale": state.users.get(&user_id).map_or("en-US", |u| u.locale.as_str()),
        "app_permissions": app_perms.to_string(),
        "entitlements": [],
        "attachment_size_limit": 26_214_400,
    });
    if let Some(guild_id) = channel.guild_id {
        let guild = state
            .guilds
            .get(&guild_id)
            .ok_or_else(|| Error::Invalid(format!("guild {guild_id} does not exist")))?;
        let member = guild.member(user_id).ok_or_else(|| {
            Error::Invalid(format!(
                "user {user_id} is not a member of guild {guild_id}"
            ))
        })?;
        let mut member_json = state.member_json(member);
        member_json["permissions"] = json!(user_perms.to_string());
        v["guild_id"] = json!(guild_id.to_string());
        v["guild_locale"] = json!(guild.locale);
        v["guild"] = json!({"id": guild_id.to_string(), "locale": guild.locale, "features": []});
        v["member"] = member_json;
        v["context"] = json!(0);
        v["authorizing_integration_owners"] = json!({"0": guild_id.to_string()});
    } else {
        v["user"] = state.user_json(user_id);
        v["context"] = json!(1);
        v["authorizing_integration_owners"] = json!({"0": "0"});
    }
    if let Some(m) = source {
        let current = state.messages.get(&m.id).unwrap_or(m);
        v["message"] = state.message_json(current);
    }
    Ok(v)
}
