//! Slash command data for scripted users: finding the registered command, nesting subcommand options,
//! Discord's visibility rules (`default_member_permissions`, DMs) and `resolved` objects.

use serde_json::{json, Value};

use super::ScriptedUser;
use crate::error::Error;
use crate::snowflake::Snowflake;
use crate::state::State;

impl ScriptedUser {
    pub(super) fn registered_option_type(&self, command: &str, option: &str) -> Option<u64> {
        let mut parts = command.split_whitespace();
        let name = parts.next()?;
        let state = self.shared.state();
        let cmd = find_command(&state, self.guild_id, name)?;
        let mut options = cmd.body["options"].clone();
        for sub in parts {
            options = options.as_array()?.iter().find(|o| o["name"] == sub)?["options"].clone();
        }
        options.as_array()?.iter().find(|o| o["name"] == option)?["type"].as_u64()
    }

    /// `data` for a command interaction, nesting options under subcommand names.
    pub(super) fn command_data(
        &self,
        command: &str,
        options: Value,
    ) -> Result<(Snowflake, Value), Error> {
        let mut parts: Vec<&str> = command.split_whitespace().collect();
        let name = parts
            .first()
            .copied()
            .ok_or_else(|| Error::Invalid("empty command name".into()))?;
        let state = self.shared.state();
        let cmd = find_command(&state, self.guild_id, name).ok_or_else(|| {
            let registered: Vec<String> = state
                .commands
                .iter()
                .map(|c| {
                    format!(
                        "/{}{}",
                        c.name,
                        if c.guild_id.is_some() { " (guild)" } else { "" }
                    )
                })
                .collect();
            let where_ = match self.guild_id {
                None if state.commands.iter().any(|c| c.name == name) => {
                    " globally, so it is not available in DMs"
                }
                Some(_) if state.commands.iter().any(|c| c.name == name) => " for this guild",
                _ => "",
            };
            Error::Invalid(format!(
                "/{name} is not registered{where_}; the bot registered: {registered:?}"
            ))
        })?;
        self.check_command_allowed(&state, cmd)?;
        let mut options = options;
        while parts.len() > 1 {
            let sub = parts.pop().unwrap_or_default();
            let kind = if parts.len() == 1
                && cmd.body["options"]
                    .as_array()
                    .is_some_and(|o| o.iter().any(|o| o["name"] == sub && o["type"] == 2))
            {
                2
            } else {
                1
            };
            options = json!([{"name": sub, "type": kind, "options": options}]);
        }
        let mut data = json!({"name": cmd.name, "type": cmd.body["type"].as_u64().unwrap_or(1), "options": options});
        if let Some(g) = cmd.guild_id {
            data["guild_id"] = json!(g.to_string());
        }
        Ok((cmd.id, data))
    }

    /// Discord hides commands a member may not use: `default_member_permissions`, and DM availability.
    pub(super) fn check_command_allowed(
        &self,
        state: &State,
        cmd: &crate::model::Command,
    ) -> Result<(), Error> {
        let Some(guild) = self.guild_id.and_then(|g| state.guilds.get(&g)) else {
            let no_dm = cmd.guild_id.is_some()
                || cmd.body["dm_permission"] == false
                || cmd.body["contexts"]
                    .as_array()
                    .is_some_and(|c| !c.iter().any(|x| x == 1));
            if no_dm {
                return Err(Error::Invalid(format!(
                    "/{} is not available in DMs",
                    cmd.name
                )));
            }
            return Ok(());
        };
        let Some(required) = crate::rest::snowflake(&cmd.body["default_member_permissions"]) else {
            return Ok(());
        };
        let held = state.base_permissions(guild, self.id);
        let allowed = held == crate::model::permissions::ALL
            || (required != 0 && held & required == required);
        if allowed {
            Ok(())
        } else {
            Err(Error::Invalid(format!(
                "user {} may not use /{}: it needs permissions {required} (default_member_permissions), the member has {held}",
                self.id, cmd.name
            )))
        }
    }
}

pub(super) fn find_command<'a>(
    state: &'a State,
    guild_id: Option<Snowflake>,
    name: &str,
) -> Option<&'a crate::model::Command> {
    state
        .commands
        .iter()
        .find(|c| c.name == name && c.guild_id.is_some() && c.guild_id == guild_id)
        .or_else(|| {
            state
                .commands
                .iter()
                .find(|c| c.name == name && c.guild_id.is_none())
        })
}

/// `resolved` for user, channel, role, mentionable and attachment options, as Discord adds it.
pub(super) fn resolved_for(
    state: &State,
    guild_id: Option<Snowflake>,
    options: &Value,
) -> Option<Value> {
    let mut resolved = json!({});
    let mut stack: Vec<&Value> = vec![options];
    while let Some(list) = stack.pop() {
        for o in list.as_array().into_iter().flatten() {
            let id = crate::rest::snowflake(&o["value"]);
            match (o["type"].as_u64(), id) {
                (Some(1 | 2), _) => stack.push(&o["options"]),
                (Some(6 | 9), Some(id)) if state.users.contains_key(&id) => {
                    resolved["users"][id.to_string()] = state.user_json(id);
                    let guild = guild_id.and_then(|g| state.guilds.get(&g));
                    if let Some((guild, member)) = guild.and_then(|g| g.member(id).map(|m| (g, m)))
                    {
                        let mut m = state.member_json(member);
                        m.as_object_mut().map(|m| m.remove("user"));
                        m["permissions"] = json!(state.base_permissions(guild, id).to_string());
                        resolved["members"][id.to_string()] = m;
                    }
                }
                (Some(8 | 9), Some(id)) => {
                    if let Some(role) = state.roles.get(&id) {
                        resolved["roles"][id.to_string()] = role.to_json();
                    }
                }
                (Some(11), Some(id)) => {
                    if let Some(file) = state.attachments.get(&id) {
                        resolved["attachments"][id.to_string()] = file.to_json();
                    }
                }
                (Some(7), Some(id)) => {
                    if let Some(c) = state.channels.get(&id) {
                        let mut v = state.channel_json(c);
                        v["permissions"] = json!(crate::model::permissions::ALL.to_string());
                        resolved["channels"][id.to_string()] = v;
                    }
                }
                _ => {}
            }
        }
    }
    (resolved.as_object().is_some_and(|o| !o.is_empty())).then_some(resolved)
}

/// `resolved` for a user, role, mentionable or channel select's picks (component types
/// 5 to 8), as Discord adds it: only what exists (a role deleted since is left out).
pub(super) fn resolved_for_select(
    state: &State,
    guild_id: Option<Snowflake>,
    component_type: u64,
    values: &[&str],
) -> Option<Value> {
    let kind = match component_type {
        5 => 6,
        6 => 8,
        7 => 9,
        8 => 7,
        _ => return None,
    };
    let options: Vec<Value> = values
        .iter()
        .map(|v| json!({"type": kind, "value": v}))
        .collect();
    resolved_for(state, guild_id, &Value::Array(options))
}
