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
use crate::model::{flatten_components, Message};
use crate::snowflake::Snowflake;
use crate::state::{InteractionEvent, InteractionRecord, State};

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

/// One autocomplete choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub name: String,
    pub value: Value,
}

/// What the bot answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyKind {
    /// A new message (callback type 4).
    Message,
    /// The clicked message was updated in place (type 7).
    Update,
    /// A modal opened (type 9).
    Modal,
    /// "Thinking…" (type 5); see [`Reply::settled`].
    Deferred,
    /// Acknowledged, the message will be edited later (type 6); see [`Reply::settled`].
    DeferredUpdate,
    /// Autocomplete choices (type 8).
    Autocomplete,
    /// A followup message after the first answer.
    Followup,
    /// An edit of `@original` or of a followup after the first answer.
    Edit,
}

/// The bot's answer to one interaction, with the message it shows and how long it took.
#[derive(Debug, Clone)]
pub struct Reply {
    pub kind: ReplyKind,
    pub content: String,
    pub embeds: Vec<Value>,
    /// Action rows (for a modal: its rows of text inputs).
    pub components: Vec<Value>,
    pub ephemeral: bool,
    /// The message shown (created, updated or edited), as stored when the answer arrived.
    pub message: Option<Message>,
    /// For a modal: its title and custom id.
    pub title: Option<String>,
    pub custom_id: Option<String>,
    /// For autocomplete.
    pub choices: Vec<Choice>,
    /// From dispatch of the interaction to this answer.
    pub latency: Duration,
    pub interaction_id: Snowflake,
    user: ScriptedUser,
    /// How many of the interaction's events this reply has seen.
    seen: usize,
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
        let min = menu["min_values"].as_u64().unwrap_or(1);
        let max = menu["max_values"].as_u64().unwrap_or(1);
        let n = values.len() as u64;
        if n < min || n > max {
            return Err(Error::Invalid(format!(
                "select {select:?} takes {min} to {max} values, not {n}"
            )));
        }
        let data = json!({"custom_id": menu["custom_id"], "component_type": menu["type"], "values": values});
        let what = format!("select {values:?} in {select:?}");
        self.in_channel(message.channel_id)
            .interact(MESSAGE_COMPONENT, data, Some(&message), what)
            .await
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

    fn registered_option_type(&self, command: &str, option: &str) -> Option<u64> {
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
    fn command_data(&self, command: &str, options: Value) -> Result<(Snowflake, Value), Error> {
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
    fn check_command_allowed(
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
        s.gateway
            .dispatch(target, "INTERACTION_CREATE", &payload, None);
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

fn find_command<'a>(
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

/// `resolved` for user, channel, role and mentionable options, as Discord adds it.
fn resolved_for(state: &State, guild_id: Option<Snowflake>, options: &Value) -> Option<Value> {
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
                        let mut m = state.member_json(guild.id, member);
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

fn find_component(rows: &[Value], pred: impl Fn(&Value) -> bool) -> Option<&Value> {
    flatten_components(rows).into_iter().find(|c| pred(c))
}

fn describe_components(rows: &[Value]) -> String {
    let all: Vec<String> = flatten_components(rows)
        .into_iter()
        .map(|c| match c["type"].as_u64() {
            Some(2) => format!("button {} ({})", c["label"], c["custom_id"]),
            Some(3 | 5..=8) => format!("select {} ({})", c["placeholder"], c["custom_id"]),
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
fn interaction_json(
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
        "locale": "en-US",
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
        let mut member_json = state.member_json(guild_id, member);
        member_json["permissions"] = json!(user_perms.to_string());
        v["guild_id"] = json!(guild_id.to_string());
        v["guild_locale"] = json!("en-US");
        v["guild"] = json!({"id": guild_id.to_string(), "locale": "en-US", "features": []});
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

/// Waits for the interaction's event number `index` (0 = the callback) and turns it into a [`Reply`].
async fn wait_for_event(
    user: &ScriptedUser,
    interaction_id: Snowflake,
    mut rx: watch::Receiver<usize>,
    index: usize,
    deadline: Instant,
    waiting_for: &str,
) -> Result<Reply, Error> {
    let waited = tokio::time::timeout_at(deadline.into(), rx.wait_for(|n| *n > index)).await;
    if !matches!(waited, Ok(Ok(_))) {
        return Err(user.timeout_error(waiting_for, interaction_id));
    }
    let state = user.shared.state();
    let rec = state
        .interactions
        .get(&interaction_id)
        .ok_or_else(|| Error::Invalid("the interaction vanished".into()))?;
    let (at, event) = rec
        .events
        .get(index)
        .cloned()
        .ok_or_else(|| Error::Invalid("the interaction has no such event".into()))?;
    let mut reply = Reply {
        kind: ReplyKind::Message,
        content: String::new(),
        embeds: Vec::new(),
        components: Vec::new(),
        ephemeral: false,
        message: None,
        title: None,
        custom_id: None,
        choices: Vec::new(),
        latency: at.saturating_duration_since(rec.dispatched_at),
        interaction_id,
        user: user.clone(),
        seen: index + 1,
    };
    let message_id = match event {
        InteractionEvent::Callback { kind, data } => {
            reply.kind = match kind {
                7 => ReplyKind::Update,
                9 => ReplyKind::Modal,
                5 => ReplyKind::Deferred,
                6 => ReplyKind::DeferredUpdate,
                8 => ReplyKind::Autocomplete,
                _ => ReplyKind::Message,
            };
            match kind {
                8 => {
                    reply.choices = data["choices"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|c| Choice {
                            name: c["name"].as_str().unwrap_or_default().to_owned(),
                            value: c["value"].clone(),
                        })
                        .collect();
                    None
                }
                9 => {
                    reply.title = data["title"].as_str().map(str::to_owned);
                    reply.custom_id = data["custom_id"].as_str().map(str::to_owned);
                    reply.components = data["components"].as_array().cloned().unwrap_or_default();
                    None
                }
                _ => rec.original_message_id,
            }
        }
        InteractionEvent::Edited(id) => {
            reply.kind = ReplyKind::Edit;
            Some(id)
        }
        InteractionEvent::Followup(id) => {
            reply.kind = ReplyKind::Followup;
            Some(id)
        }
    };
    if let Some(m) = message_id.and_then(|id| state.messages.get(&id)) {
        reply.content.clone_from(&m.content);
        reply.embeds.clone_from(&m.embeds);
        reply.components.clone_from(&m.components);
        reply.ephemeral = m.is_ephemeral();
        reply.message = Some(m.clone());
    }
    Ok(reply)
}

impl Reply {
    /// The user who got this answer.
    #[must_use]
    pub fn user(&self) -> &ScriptedUser {
        &self.user
    }

    /// Content plus embed text (titles, descriptions, fields, footers).
    #[must_use]
    pub fn text(&self) -> String {
        self.message
            .as_ref()
            .map_or_else(|| self.content.clone(), Message::text)
    }

    /// Button labels of the answer, in order.
    #[must_use]
    pub fn button_labels(&self) -> Vec<String> {
        self.message
            .as_ref()
            .map(Message::button_labels)
            .unwrap_or_default()
    }

    /// Waits for the next thing the bot does with this interaction (an edit of `@original` or a followup).
    pub async fn next_update(&self) -> Result<Reply, Error> {
        let deadline = Instant::now() + self.user.timeout;
        let rx = {
            let state = self.user.shared.state();
            let rec = state
                .interactions
                .get(&self.interaction_id)
                .ok_or_else(|| Error::Invalid("the interaction vanished".into()))?;
            rec.notify.subscribe()
        };
        let what = format!("an edit or followup after the {:?} answer", self.kind);
        wait_for_event(
            &self.user,
            self.interaction_id,
            rx,
            self.seen,
            deadline,
            &what,
        )
        .await
    }

    /// After a deferred answer, waits for the real one (edit of `@original` or followup); otherwise returns itself.
    pub async fn settled(&self) -> Result<Reply, Error> {
        match self.kind {
            ReplyKind::Deferred | ReplyKind::DeferredUpdate => self.next_update().await,
            _ => Ok(self.clone()),
        }
    }

    fn shown_message(&self) -> Result<Message, Error> {
        self.message.clone().ok_or_else(|| {
            Error::Invalid(format!(
                "the answer ({:?}) shows no message to interact with",
                self.kind
            ))
        })
    }

    /// Clicks the button with this custom id on the answer's message.
    pub async fn click(&self, custom_id: &str) -> Result<Reply, Error> {
        self.user.click_in(&self.shown_message()?, custom_id).await
    }

    /// Clicks the button with this label on the answer's message.
    pub async fn click_label(&self, label: &str) -> Result<Reply, Error> {
        self.user.click_in(&self.shown_message()?, label).await
    }

    /// Picks values in a select menu (by custom id or placeholder) on the answer's message.
    pub async fn select(&self, select: &str, values: &[&str]) -> Result<Reply, Error> {
        self.user
            .select_in(&self.shown_message()?, select, values)
            .await
    }

    /// Fills and submits the modal this answer opened: `&[("qty", "2")]` by text input custom id.
    pub async fn submit_modal(&self, fields: &[(&str, &str)]) -> Result<Reply, Error> {
        if self.kind != ReplyKind::Modal {
            return Err(Error::Invalid(format!(
                "the answer is {:?}, not a modal",
                self.kind
            )));
        }
        let inputs: Vec<&Value> = flatten_components(&self.components)
            .into_iter()
            .filter(|c| c["type"] == 4)
            .collect();
        let labelled: Vec<&Value> = self
            .components
            .iter()
            .filter(|c| c["type"] == 18)
            .map(|c| &c["component"])
            .collect();
        let all: Vec<&Value> = inputs.into_iter().chain(labelled).collect();
        let ids: Vec<&str> = all.iter().filter_map(|c| c["custom_id"].as_str()).collect();
        if let Some((bad, _)) = fields.iter().find(|(id, _)| !ids.contains(id)) {
            return Err(Error::Invalid(format!(
                "the modal has no text input {bad:?}; it has {ids:?}"
            )));
        }
        let mut rows = Vec::new();
        for input in &all {
            let id = input["custom_id"].as_str().unwrap_or_default();
            let value = fields
                .iter()
                .find(|(f, _)| *f == id)
                .map_or("", |(_, v)| *v);
            let len = value.chars().count() as u64;
            if input["required"] != false && value.is_empty() {
                return Err(Error::Invalid(format!("text input {id:?} is required")));
            }
            let min = input["min_length"].as_u64().unwrap_or(0);
            let max = input["max_length"].as_u64().unwrap_or(4000);
            if !value.is_empty() && (len < min || len > max) {
                return Err(Error::Invalid(format!(
                    "text input {id:?} takes {min} to {max} characters, not {len}"
                )));
            }
            rows.push(
                json!({"type": 1, "components": [{"type": 4, "custom_id": id, "value": value}]}),
            );
        }
        let data = json!({"custom_id": self.custom_id, "components": rows});
        let (source, channel) = {
            let state = self.user.shared.state();
            let rec = state.interactions.get(&self.interaction_id);
            let source = rec
                .and_then(|r| r.source_message_id)
                .and_then(|id| state.messages.get(&id).cloned());
            (source, rec.map(|r| r.channel_id))
        };
        let user = channel.map_or_else(|| self.user.clone(), |c| self.user.in_channel(c));
        let title = self.title.clone().unwrap_or_default();
        user.interact(
            MODAL_SUBMIT,
            data,
            source.as_ref(),
            format!("submit of modal {title:?}"),
        )
        .await
    }
}
