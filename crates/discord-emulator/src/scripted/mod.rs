//! Scripted users: members who run slash commands, click, select and submit modals, then wait for the
//! bot's answer to that very interaction and return it as a [`Reply`].

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::sync::watch;

use crate::emulator::Shared;
use crate::error::Error;
use crate::gateway::Target;
use crate::model::Message;
use crate::snowflake::Snowflake;
use crate::state::{InteractionRecord, State};

mod commands;
mod payload;
mod reply;

pub use reply::{Choice, Reply, ReplyKind};

use commands::{resolved_for, resolved_for_select};
use payload::{describe_components, find_component, interaction_json};
use reply::wait_for_event;

/// Interaction types.
const APPLICATION_COMMAND: u8 = 2;
const MESSAGE_COMPONENT: u8 = 3;
const AUTOCOMPLETE: u8 = 4;
const MODAL_SUBMIT: u8 = 5;

/// A user the test drives. Cheap to clone.
#[derive(Debug, Clone)]
pub struct ScriptedUser {
    shared: Arc<Shared>,
    id: Snowflake,
    guild_id: Option<Snowflake>,
    channel_id: Option<Snowflake>,
    timeout: Duration,
}

impl ScriptedUser {
    pub(crate) fn new(shared: Arc<Shared>, id: Snowflake, guild_id: Option<Snowflake>) -> Self {
        let timeout = shared.opts.answer_timeout;
        Self {
            shared,
            id,
            guild_id,
            channel_id: None,
            timeout,
        }
    }

    #[must_use]
    pub fn id(&self) -> Snowflake {
        self.id
    }

    #[must_use]
    pub fn name(&self) -> String {
        self.shared
            .state()
            .users
            .get(&self.id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    }

    #[must_use]
    pub fn guild_id(&self) -> Option<Snowflake> {
        self.guild_id
    }

    /// The same user, issuing commands in this channel (default: the guild's first text channel).
    #[must_use]
    pub fn in_channel(&self, channel_id: Snowflake) -> Self {
        Self {
            channel_id: Some(channel_id),
            ..self.clone()
        }
    }

    /// The same user, in their DM with the bot (opened if needed); commands carry `user`, not `member`.
    #[must_use]
    pub fn in_dm(&self) -> Self {
        let channel_id = {
            let mut state = self.shared.state();
            crate::rest::open_dm_channel(&mut state, self.id, || self.shared.ids.next())
        };
        Self {
            guild_id: None,
            channel_id: Some(channel_id),
            ..self.clone()
        }
    }

    /// The same user with another answer timeout.
    #[must_use]
    pub fn with_timeout(&self, timeout: Duration) -> Self {
        Self {
            timeout,
            ..self.clone()
        }
    }

    /// Runs `/command` (`"requests claim"` for a subcommand) with options as Discord sends them,
    /// e.g. `json!([{"name": "item", "type": 3, "value": "x"}])`; returns the bot's first answer.
    pub async fn slash(&self, command: &str, options: Value) -> Result<Reply, Error> {
        self.wait_for_command(command).await;
        let (id, mut data) = self.command_data(command, options)?;
        data["id"] = json!(id.to_string());
        if let Some(resolved) = resolved_for(&self.shared.state(), self.guild_id, &data["options"])
        {
            data["resolved"] = resolved;
        }
        self.interact(APPLICATION_COMMAND, data, None, format!("/{command}"))
            .await
    }

    /// Types `partial` into option `option` of `/command` and returns the choices the bot offers.
    pub async fn autocomplete(
        &self,
        command: &str,
        option: &str,
        partial: &str,
    ) -> Result<Vec<Choice>, Error> {
        self.wait_for_command(command).await;
        let option_type = self.registered_option_type(command, option).unwrap_or(3);
        let focused =
            json!([{"name": option, "type": option_type, "value": partial, "focused": true}]);
        let (id, mut data) = self.command_data(command, focused)?;
        data["id"] = json!(id.to_string());
        let reply = self
            .interact(
                AUTOCOMPLETE,
                data,
                None,
                format!("autocomplete of /{command} {option}={partial:?}"),
            )
            .await?;
        if reply.kind != ReplyKind::Autocomplete {
            return Err(Error::Invalid(format!(
                "the bot answered autocomplete of /{command} with {:?}, not choices",
                reply.kind
            )));
        }
        Ok(reply.choices)
    }

    /// Clicks the button with this label or custom id on a message (e.g. one read from a channel).
    pub async fn click_in(
        &self,
        message: &Message,
        label_or_custom_id: &str,
    ) -> Result<Reply, Error> {
        let message = self.current(message);
        let button = find_component(&message.components, |c| {
            c["type"] == 2
                && (c["label"] == label_or_custom_id || c["custom_id"] == label_or_custom_id)
        })
        .ok_or_else(|| {
            Error::Invalid(format!(
                "no button {label_or_custom_id:?} on the message; {}",
                describe_components(&message.components)
            ))
        })?;
        if button["disabled"] == true {
            return Err(Error::Invalid(format!(
                "button {label_or_custom_id:?} is disabled"
            )));
        }
        let custom_id = button["custom_id"].as_str().ok_or_else(|| {
            Error::Invalid(format!(
                "button {label_or_custom_id:?} is a link or premium button: it has no custom_id"
            ))
        })?;
        let data = json!({"custom_id": custom_id, "component_type": 2});
        let what = format!("click {label_or_custom_id:?}");
        self.in_channel(message.channel_id)
            .interact(MESSAGE_COMPONENT, data, Some(&message), what)
            .await
    }

    /// Picks `values` in the select menu with this custom id or placeholder on a message.
    pub async fn select_in(
        &self,
        message: &Message,
        select: &str,
        values: &[&str],
    ) -> Result<Reply, Error> {
        let message = self.current(message);
        let menu = find_component(&message.components, |c| {
            matches!(c["type"].as_u64(), Some(3 | 5..=8))
                && (c["custom_id"] == select || c["placeholder"] == select)
        })
        .ok_or_else(|| {
            Error::Invalid(format!(
                "no select menu {select:?} on the message; {}",
                describe_components(&message.components)
            ))
        })?;
        if menu["type"] == 3 {
            let offered: Vec<&str> = menu["options"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|o| o["value"].as_str())
                .collect();
            if let Some(bad) = values.iter().find(|v| !offered.contains(v)) {
                return Err(Error::Invalid(format!(
                    "select {select:?} has no option {bad:?}; it offers {offered:?}"
                )));
            }
        }
        if let Some(problem) = self.check_picks(menu, values) {
            return Err(Error::Invalid(format!("select {select:?}: {problem}")));
        }
        let min = menu["min_values"].as_u64().unwrap_or(1);
        let max = menu["max_values"].as_u64().unwrap_or(1);
        let n = values.len() as u64;
        if n < min || n > max {
            return Err(Error::Invalid(format!(
                "select {select:?} takes {min} to {max} values, not {n}"
            )));
        }
        let mut data = json!({"custom_id": menu["custom_id"], "component_type": menu["type"], "values": values});
        if let Some(resolved) = resolved_for_select(
            &self.shared.state(),
            self.guild_id,
            menu["type"].as_u64().unwrap_or(3),
            values,
        ) {
            data["resolved"] = resolved;
        }
        let what = format!("select {values:?} in {select:?}");
        self.in_channel(message.channel_id)
            .interact(MESSAGE_COMPONENT, data, Some(&message), what)
            .await
    }

    /// Presses a button with any `custom_id` on a message, as a modified client or an
    /// attacker could: nothing is checked on the client side (the id need not be on the
    /// message). For testing how a bot treats forged, truncated or replayed ids.
    pub async fn forge_click(&self, message: &Message, custom_id: &str) -> Result<Reply, Error> {
        let message = self.current(message);
        let data = json!({"custom_id": custom_id, "component_type": 2});
        self.in_channel(message.channel_id)
            .interact(
                MESSAGE_COMPONENT,
                data,
                Some(&message),
                format!("forged click {custom_id:?}"),
            )
            .await
    }

    /// Picks any `values` in a select of any `component_type` (3 string, 5 user, ...) and
    /// any `custom_id` on a message, as a modified client could: nothing is checked.
    pub async fn forge_select(
        &self,
        message: &Message,
        custom_id: &str,
        component_type: u8,
        values: &[&str],
    ) -> Result<Reply, Error> {
        let message = self.current(message);
        let mut data =
            json!({"custom_id": custom_id, "component_type": component_type, "values": values});
        if let Some(resolved) = resolved_for_select(
            &self.shared.state(),
            self.guild_id,
            u64::from(component_type),
            values,
        ) {
            data["resolved"] = resolved;
        }
        self.in_channel(message.channel_id)
            .interact(
                MESSAGE_COMPONENT,
                data,
                Some(&message),
                format!("forged select {custom_id:?} of {values:?}"),
            )
            .await
    }

    /// Submits a modal with any `custom_id` and any values (no length or required checks),
    /// from a message, as a modified client could.
    pub async fn forge_modal(
        &self,
        message: &Message,
        custom_id: &str,
        fields: &[(&str, &str)],
    ) -> Result<Reply, Error> {
        let message = self.current(message);
        let rows: Vec<Value> = fields
            .iter()
            .map(|(id, value)| json!({"type": 1, "components": [{"type": 4, "custom_id": id, "value": value}]}))
            .collect();
        let data = json!({"custom_id": custom_id, "components": rows});
        self.in_channel(message.channel_id)
            .interact(
                MODAL_SUBMIT,
                data,
                Some(&message),
                format!("forged modal {custom_id:?}"),
            )
            .await
    }

    /// A bot registers its commands once it is ready, sometimes in several calls: until `/name` is
    /// registered where this user can see it, wait for it (up to the answer timeout) rather than fail.
    async fn wait_for_command(&self, command: &str) {
        let name = command.split_whitespace().next().unwrap_or_default();
        let deadline = tokio::time::Instant::now() + self.timeout;
        let mut changes = self.shared.commands_changed.subscribe();
        loop {
            let found = commands::find_command(&self.shared.state(), self.guild_id, name).is_some();
            if found
                || tokio::time::timeout_at(deadline, changes.changed())
                    .await
                    .is_err()
            {
                return;
            }
        }
    }

    /// What a Discord client would not let a member pick in a role or channel select:
    /// something that does not exist in the guild, or a channel of a type the menu's
    /// `channel_types` leaves out.
    fn check_picks(&self, menu: &Value, values: &[&str]) -> Option<String> {
        let state = self.shared.state();
        let mut ids = values
            .iter()
            .map(|v| (v, crate::rest::snowflake(&json!(v))));
        match menu["type"].as_u64() {
            Some(6) => ids
                .filter(|(_, id)| !id.is_some_and(|id| state.roles.contains_key(&id)))
                .map(|(v, _)| format!("there is no role {v}"))
                .next(),
            Some(8) => {
                let allowed: Option<Vec<u64>> = menu["channel_types"]
                    .as_array()
                    .map(|t| t.iter().filter_map(Value::as_u64).collect());
                ids.find_map(|(v, id)| {
                    let Some(channel) = id.and_then(|id| state.channels.get(&id)) else {
                        return Some(format!("there is no channel {v}"));
                    };
                    let kind = u64::from(channel.kind);
                    allowed.as_ref().filter(|a| !a.contains(&kind)).map(|a| {
                        format!("channel {v} is of type {kind}; the menu offers types {a:?}")
                    })
                })
            }
            _ => None,
        }
    }

    /// The message as it is now (it may have been edited since it was read).
    fn current(&self, message: &Message) -> Message {
        self.shared
            .state()
            .messages
            .get(&message.id)
            .cloned()
            .unwrap_or_else(|| message.clone())
    }

    fn channel_for(&self, state: &State) -> Result<Snowflake, Error> {
        if let Some(c) = self.channel_id {
            return Ok(c);
        }
        let guild = self
            .guild_id
            .and_then(|g| state.guilds.get(&g))
            .ok_or_else(|| Error::Invalid("the user has no guild or channel to act in".into()))?;
        guild
            .channels
            .iter()
            .copied()
            .find(|c| state.channels.get(c).is_some_and(|c| c.kind == crate::model::channel_type::GUILD_TEXT))
            .ok_or_else(|| Error::Invalid("the guild has no text channel to run commands in; create one or use in_channel".into()))
    }

    /// Dispatches one interaction and waits for the bot's first answer to it.
    async fn interact(
        &self,
        kind: u8,
        data: Value,
        source: Option<&Message>,
        what: String,
    ) -> Result<Reply, Error> {
        let deadline = Instant::now() + self.timeout;
        let s = &self.shared;
        let interaction_id = s.ids.next();
        let token = format!(
            "emu.{interaction_id:x}.{:x}",
            s.ids.next().wrapping_mul(0x9E37_79B9_7F4A_7C15)
        );
        let (notify, rx) = watch::channel(0);
        let (payload, target) = {
            let mut state = s.state();
            let channel_id = self.channel_for(&state)?;
            let channel = state
                .channels
                .get(&channel_id)
                .ok_or_else(|| Error::Invalid(format!("channel {channel_id} does not exist")))?;
            let guild_id = channel.guild_id;
            let payload = interaction_json(
                s,
                &state,
                kind,
                interaction_id,
                &token,
                &data,
                self.id,
                channel_id,
                source,
            )?;
            state.interactions.insert(
                interaction_id,
                InteractionRecord {
                    kind,
                    user_id: self.id,
                    command: (kind == APPLICATION_COMMAND)
                        .then(|| what.trim_start_matches('/').to_owned()),
                    guild_id,
                    channel_id,
                    source_message_id: source.map(|m| m.id),
                    dispatched_at: Instant::now(),
                    original_message_id: None,
                    events: Vec::new(),
                    rejections: Vec::new(),
                    notify,
                },
            );
            state.interaction_by_token.insert(token, interaction_id);
            if state.interactions.len().is_multiple_of(1024) {
                state.forget_expired_interactions();
            }
            (payload, guild_id.map_or(Target::Direct, Target::Guild))
        };
        if !s.gateway.wait_for_session(target, deadline).await {
            return Err(self.timeout_error(
                &format!("a bot on the gateway to send {what} to"),
                interaction_id,
            ));
        }
        let dispatched_at = Instant::now();
        if let Some(rec) = s.state().interactions.get_mut(&interaction_id) {
            rec.dispatched_at = dispatched_at;
        }
        s.gateway.dispatch_interaction(target, &payload);
        let reply = wait_for_event(
            self,
            interaction_id,
            rx,
            0,
            deadline,
            &format!("an answer to {what}"),
        )
        .await?;
        Ok(reply)
    }

    fn timeout_error(&self, waiting_for: &str, interaction_id: Snowflake) -> Error {
        let mut context = String::new();
        if let Some(rec) = self.shared.state().interactions.get(&interaction_id) {
            if !rec.rejections.is_empty() {
                let _ = write!(
                    context,
                    "the emulator refused the bot's answer(s): {}; ",
                    rec.rejections.join("; ")
                );
            }
        }
        context.push_str(&self.shared.log.describe_last(5));
        Error::Timeout {
            after: self.timeout,
            waiting_for: waiting_for.to_owned(),
            context,
        }
    }
}
