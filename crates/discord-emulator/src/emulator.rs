//! The emulator handle: start it, shape its world (guilds, roles, channels, members), read what the bot did.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::error::Error;
use crate::faults::Faults;
use crate::gateway::{intents, Gateway, Target};
use crate::log::RequestLog;
use crate::model::{
    channel_type, permissions, Channel, Guild, Member, Message, Overwrite, Role, User,
};
use crate::scripted::ScriptedUser;
use crate::snowflake::{Snowflake, Snowflakes};
use crate::state::State;

/// How the emulator behaves. `EmulatorOptions { token: "t".into(), ..Default::default() }`.
#[derive(Debug, Clone)]
pub struct EmulatorOptions {
    /// The bot token the REST API (`Authorization: Bot <token>`) and IDENTIFY must carry.
    pub token: String,
    /// The bot user's name.
    pub bot_name: String,
    /// How long the bot has to answer an interaction (Discord: 3 s) before the callback gets 10062.
    pub interaction_deadline: Duration,
    /// How long scripted users wait for the bot's answer before failing.
    pub answer_timeout: Duration,
    /// The heartbeat interval HELLO announces.
    pub heartbeat_interval: Duration,
    /// The permissions of the bot's role in each new guild.
    pub bot_permissions: u64,
    /// Whether to check request bodies against the OpenAPI schema (violations go to the request log).
    pub validate_schema: bool,
    /// How many recent calls the request log keeps (schema violations are kept apart, up to 10,000).
    pub log_capacity: usize,
    /// Discord-like rate limits to enforce (`RateLimits::discord_like()`); `None` (default) for none.
    pub rate_limits: Option<crate::ratelimit::RateLimits>,
    /// Where to listen: `127.0.0.1:0` (an ephemeral port) unless a fixed port is wanted, e.g. for a sandbox.
    pub bind: SocketAddr,
}

impl Default for EmulatorOptions {
    fn default() -> Self {
        Self {
            token: "emulator-token".into(),
            bot_name: "craftdesk".into(),
            interaction_deadline: Duration::from_secs(3),
            answer_timeout: Duration::from_secs(5),
            heartbeat_interval: crate::gateway::DEFAULT_HEARTBEAT,
            bot_permissions: permissions::BOT_DEFAULT,
            validate_schema: true,
            log_capacity: 100_000,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            rate_limits: None,
        }
    }
}

/// What the server, the gateway and the scripted users share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub opts: EmulatorOptions,
    pub addr: SocketAddr,
    pub ids: Snowflakes,
    state: Mutex<State>,
    pub gateway: Arc<Gateway>,
    pub log: RequestLog,
    pub faults: Faults,
    pub limiter: crate::ratelimit::Limiter,
    pub bot_user_id: Snowflake,
    pub application_id: Snowflake,
    /// Bumped on every message create, edit or delete.
    pub messages_changed: watch::Sender<u64>,
}

impl Shared {
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn gateway_url(&self) -> String {
        format!("ws://{}/gateway", self.addr)
    }

    pub fn messages_changed(&self) {
        self.messages_changed
            .send_modify(|v| *v = v.wrapping_add(1));
    }

    /// Dispatches a guild channel event (`CHANNEL_CREATE` / UPDATE / DELETE).
    pub fn dispatch_channel(&self, event: &str, channel: &Value, guild_id: Option<Snowflake>) {
        let target = guild_id.map_or(Target::Direct, Target::Guild);
        self.gateway
            .dispatch(target, event, channel, Some(intents::GUILDS));
    }

    /// Dispatches `MESSAGE_CREATE` / `MESSAGE_UPDATE` to sessions with the message intents.
    pub fn dispatch_message(&self, event: &str, message: &Value, guild_id: Option<Snowflake>) {
        let (target, intent) = match guild_id {
            Some(g) => (Target::Guild(g), intents::GUILD_MESSAGES),
            None => (Target::Direct, intents::DIRECT_MESSAGES),
        };
        self.gateway.dispatch(target, event, message, Some(intent));
    }
}

/// A running emulator on 127.0.0.1. Dropping it stops the server.
#[derive(Debug)]
pub struct Emulator {
    shared: Arc<Shared>,
    server: JoinHandle<()>,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shared.gateway.drop_all();
        self.server.abort();
    }
}

impl Emulator {
    /// Binds `opts.bind` (127.0.0.1, ephemeral port, by default) and serves REST under `/api/v10` and the gateway at `/gateway`.
    pub async fn start(opts: EmulatorOptions) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(opts.bind).await?;
        let addr = listener.local_addr()?;
        let ids = Snowflakes::default();
        let bot_user_id = ids.next();
        let application_id = bot_user_id;
        let mut state = State::default();
        state.users.insert(
            bot_user_id,
            User {
                id: bot_user_id,
                name: opts.bot_name.clone(),
                bot: true,
            },
        );
        let gateway = Arc::new(Gateway::default());
        let log = RequestLog::new(opts.log_capacity);
        let limiter = crate::ratelimit::Limiter::new(opts.rate_limits.clone());
        let shared = Arc::new(Shared {
            faults: Faults::new(gateway.clone()),
            limiter,
            opts,
            addr,
            ids,
            state: Mutex::new(state),
            gateway,
            log,
            bot_user_id,
            application_id,
            messages_changed: watch::channel(0).0,
        });
        if shared.opts.validate_schema {
            tokio::task::spawn_blocking(crate::schema::preload);
        }
        let app = crate::rest::router(shared.clone());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self { shared, server })
    }

    /// `http://127.0.0.1:PORT`: what serenity's `HttpBuilder::proxy` takes.
    #[must_use]
    pub fn api_base(&self) -> String {
        format!("http://{}", self.shared.addr)
    }

    /// `ws://127.0.0.1:PORT/gateway`.
    #[must_use]
    pub fn gateway_url(&self) -> String {
        self.shared.gateway_url()
    }

    #[must_use]
    pub fn token(&self) -> &str {
        &self.shared.opts.token
    }

    #[must_use]
    pub fn application_id(&self) -> Snowflake {
        self.shared.application_id
    }

    #[must_use]
    pub fn bot_user_id(&self) -> Snowflake {
        self.shared.bot_user_id
    }

    /// Every REST call so far.
    #[must_use]
    pub fn log(&self) -> &RequestLog {
        &self.shared.log
    }

    /// Fault injection (REST and gateway).
    #[must_use]
    pub fn faults(&self) -> &Faults {
        &self.shared.faults
    }

    /// Gateway connections currently open and identified.
    #[must_use]
    pub fn gateway_connections(&self) -> usize {
        self.shared.gateway.connected()
    }

    /// Waits until every guild (or, with none, at least one shard) has a gateway session.
    pub async fn wait_for_bot(&self, timeout: Duration) -> Result<(), Error> {
        let deadline = Instant::now() + timeout;
        let guilds = self.shared.state().guild_order.clone();
        let targets: Vec<Target> = if guilds.is_empty() {
            vec![Target::Direct]
        } else {
            guilds.into_iter().map(Target::Guild).collect()
        };
        for target in targets {
            if !self.shared.gateway.wait_for_session(target, deadline).await {
                return Err(Error::Timeout {
                    after: timeout,
                    waiting_for: "the bot to identify on the gateway".into(),
                    context: self.shared.log.describe_last(5),
                });
            }
        }
        Ok(())
    }

    /// A new guild with `@everyone` (id == guild id), an owner, and the bot as a member with its own role.
    #[allow(clippy::unused_async)] // async so it can await gateway delivery later without breaking callers
    pub async fn create_guild(&self, name: &str) -> Snowflake {
        let s = &self.shared;
        let guild_id = s.ids.next_in_new_millisecond();
        let owner_id = s.ids.next();
        let bot_role = s.ids.next();
        let joined_at = crate::snowflake::now_iso8601();
        let payload = {
            let mut state = s.state();
            state.users.insert(
                owner_id,
                User {
                    id: owner_id,
                    name: format!("{name} owner"),
                    bot: false,
                },
            );
            state.roles.insert(
                guild_id,
                Role {
                    id: guild_id,
                    name: "@everyone".into(),
                    permissions: permissions::EVERYONE_DEFAULT,
                    position: 0,
                    managed: false,
                },
            );
            state.roles.insert(
                bot_role,
                Role {
                    id: bot_role,
                    name: s.opts.bot_name.clone(),
                    permissions: s.opts.bot_permissions,
                    position: 1,
                    managed: true,
                },
            );
            let guild = Guild {
                id: guild_id,
                name: name.to_owned(),
                owner_id,
                roles: vec![guild_id, bot_role],
                members: vec![
                    Member {
                        user_id: owner_id,
                        roles: vec![],
                        joined_at: joined_at.clone(),
                    },
                    Member {
                        user_id: s.bot_user_id,
                        roles: vec![bot_role],
                        joined_at: joined_at.clone(),
                    },
                ],
                channels: vec![],
                bot_role,
            };
            let payload = state.guild_create_json(&guild, &joined_at);
            state.guilds.insert(guild_id, guild);
            state.guild_order.push(guild_id);
            payload
        };
        s.gateway.dispatch(
            Target::Guild(guild_id),
            "GUILD_CREATE",
            &payload,
            Some(intents::GUILDS),
        );
        guild_id
    }

    /// A role with `@everyone`'s default permissions.
    pub async fn create_role(&self, guild_id: Snowflake, name: &str) -> Snowflake {
        self.create_role_with_permissions(guild_id, name, 0).await
    }

    /// A role with the given permission bits (see [`crate::permissions`]).
    #[allow(clippy::unused_async)]
    pub async fn create_role_with_permissions(
        &self,
        guild_id: Snowflake,
        name: &str,
        perms: u64,
    ) -> Snowflake {
        let s = &self.shared;
        let id = s.ids.next();
        let payload = {
            let mut state = s.state();
            // New roles go below the bot's role, which stays on top (as after inviting the bot).
            let (position, bot_role) = state
                .guilds
                .get(&guild_id)
                .map_or((1, 0), |g| (g.roles.len() - 1, g.bot_role));
            let position = u32::try_from(position).unwrap_or(1);
            if let Some(bot) = state.roles.get_mut(&bot_role) {
                bot.position = position + 1;
            }
            let role = Role {
                id,
                name: name.to_owned(),
                permissions: perms,
                position,
                managed: false,
            };
            let json = role.to_json();
            state.roles.insert(id, role);
            if let Some(g) = state.guilds.get_mut(&guild_id) {
                g.roles.push(id);
            }
            json!({"guild_id": guild_id.to_string(), "role": json})
        };
        s.gateway.dispatch(
            Target::Guild(guild_id),
            "GUILD_ROLE_CREATE",
            &payload,
            Some(intents::GUILDS),
        );
        id
    }

    /// Changes the bot role's permissions in a guild.
    pub fn set_bot_permissions(&self, guild_id: Snowflake, perms: u64) {
        let mut state = self.shared.state();
        let bot_role = state.guilds.get(&guild_id).map(|g| g.bot_role);
        if let Some(role) = bot_role.and_then(|r| state.roles.get_mut(&r)) {
            role.permissions = perms;
        }
    }

    /// A category channel.
    pub async fn create_category(&self, guild_id: Snowflake, name: &str) -> Snowflake {
        self.create_channel_by_hand(
            guild_id,
            channel_type::GUILD_CATEGORY,
            name,
            None,
            Vec::new(),
        )
        .await
    }

    /// A text channel, optionally under a category.
    pub async fn create_text_channel(
        &self,
        guild_id: Snowflake,
        name: &str,
        parent_id: Option<Snowflake>,
    ) -> Snowflake {
        self.create_channel_by_hand(
            guild_id,
            channel_type::GUILD_TEXT,
            name,
            parent_id,
            Vec::new(),
        )
        .await
    }

    /// Any guild channel, with overwrites, as a guild admin would make it (dispatches `CHANNEL_CREATE`).
    #[allow(clippy::unused_async)]
    pub async fn create_channel_by_hand(
        &self,
        guild_id: Snowflake,
        kind: u8,
        name: &str,
        parent_id: Option<Snowflake>,
        overwrites: Vec<Overwrite>,
    ) -> Snowflake {
        let s = &self.shared;
        let id = s.ids.next();
        let payload = {
            let mut state = s.state();
            let position = state.guilds.get(&guild_id).map_or(0, |g| g.channels.len());
            let channel = Channel {
                id,
                kind,
                guild_id: Some(guild_id),
                name: crate::limits::channel_name(kind, name).unwrap_or_else(|_| name.to_owned()),
                parent_id,
                position: u32::try_from(position).unwrap_or(0),
                topic: None,
                overwrites,
                recipient: None,
                last_message_id: None,
                messages: Vec::new(),
            };
            let json = state.channel_json(&channel);
            state.channels.insert(id, channel);
            if let Some(g) = state.guilds.get_mut(&guild_id) {
                g.channels.push(id);
            }
            json
        };
        s.dispatch_channel("CHANNEL_CREATE", &payload, Some(guild_id));
        id
    }

    /// Deletes a channel as a guild admin would (dispatches `CHANNEL_DELETE`). Returns whether it existed.
    #[allow(clippy::unused_async)]
    pub async fn delete_channel_by_hand(&self, channel_id: Snowflake) -> bool {
        let s = &self.shared;
        let removed = {
            let mut state = s.state();
            state
                .remove_channel(channel_id)
                .map(|c| (state.channel_json(&c), c.guild_id))
        };
        match removed {
            Some((json, guild_id)) => {
                s.dispatch_channel("CHANNEL_DELETE", &json, guild_id);
                s.messages_changed();
                true
            }
            None => false,
        }
    }

    /// A new member with these roles (dispatches `GUILD_MEMBER_ADD`), as a scripted user.
    #[allow(clippy::unused_async)]
    pub async fn add_member(
        &self,
        guild_id: Snowflake,
        name: &str,
        roles: &[Snowflake],
    ) -> ScriptedUser {
        let s = &self.shared;
        let user_id = s.ids.next();
        let payload = {
            let mut state = s.state();
            state.users.insert(
                user_id,
                User {
                    id: user_id,
                    name: name.to_owned(),
                    bot: false,
                },
            );
            let member = Member {
                user_id,
                roles: roles.to_vec(),
                joined_at: crate::snowflake::now_iso8601(),
            };
            let mut json = state.member_json(guild_id, &member);
            json["guild_id"] = json!(guild_id.to_string());
            if let Some(g) = state.guilds.get_mut(&guild_id) {
                g.members.push(member);
            }
            json
        };
        s.gateway.dispatch(
            Target::Guild(guild_id),
            "GUILD_MEMBER_ADD",
            &payload,
            Some(intents::GUILD_MEMBERS),
        );
        self.user(user_id, Some(guild_id))
    }

    /// The member called `name` in the guild, added (without roles) if there is none.
    pub async fn member(&self, guild_id: Snowflake, name: &str) -> ScriptedUser {
        let existing = {
            let state = self.shared.state();
            state.guilds.get(&guild_id).and_then(|g| {
                g.members
                    .iter()
                    .map(|m| m.user_id)
                    .find(|u| state.users.get(u).is_some_and(|u| u.name == name))
            })
        };
        match existing {
            Some(user_id) => self.user(user_id, Some(guild_id)),
            None => self.add_member(guild_id, name, &[]).await,
        }
    }

    /// A scripted handle for an existing user; acts in `guild_id` (or in DMs with `None`).
    #[must_use]
    pub fn user(&self, user_id: Snowflake, guild_id: Option<Snowflake>) -> ScriptedUser {
        ScriptedUser::new(self.shared.clone(), user_id, guild_id)
    }

    /// Replaces a member's roles (dispatches `GUILD_MEMBER_UPDATE`, which needs the `GUILD_MEMBERS` intent).
    #[allow(clippy::unused_async)]
    pub async fn set_member_roles(
        &self,
        guild_id: Snowflake,
        user_id: Snowflake,
        roles: &[Snowflake],
    ) {
        let s = &self.shared;
        let payload = {
            let mut state = s.state();
            let Some(member) = state
                .guilds
                .get_mut(&guild_id)
                .and_then(|g| g.member_mut(user_id))
            else {
                return;
            };
            member.roles = roles.to_vec();
            let member = member.clone();
            let mut json = state.member_json(guild_id, &member);
            json["guild_id"] = json!(guild_id.to_string());
            json
        };
        s.gateway.dispatch(
            Target::Guild(guild_id),
            "GUILD_MEMBER_UPDATE",
            &payload,
            Some(intents::GUILD_MEMBERS),
        );
    }

    /// Removes a member from the guild (dispatches `GUILD_MEMBER_REMOVE`, which needs the `GUILD_MEMBERS` intent).
    #[allow(clippy::unused_async)]
    pub async fn remove_member(&self, guild_id: Snowflake, user_id: Snowflake) {
        let s = &self.shared;
        let payload = {
            let mut state = s.state();
            let Some(guild) = state.guilds.get_mut(&guild_id) else {
                return;
            };
            guild.members.retain(|m| m.user_id != user_id);
            json!({"guild_id": guild_id.to_string(), "user": state.user_json(user_id)})
        };
        s.gateway.dispatch(
            Target::Guild(guild_id),
            "GUILD_MEMBER_REMOVE",
            &payload,
            Some(intents::GUILD_MEMBERS),
        );
    }

    /// Makes DMs to this user fail with 50007 (or work again).
    pub fn set_dms_blocked(&self, user_id: Snowflake, blocked: bool) {
        let mut state = self.shared.state();
        if blocked {
            state.dms_blocked.insert(user_id);
        } else {
            state.dms_blocked.remove(&user_id);
        }
    }

    /// The guild's channels, in creation order.
    #[must_use]
    pub fn channels(&self, guild_id: Snowflake) -> Vec<Channel> {
        let state = self.shared.state();
        state
            .guilds
            .get(&guild_id)
            .map(|g| {
                g.channels
                    .iter()
                    .filter_map(|c| state.channels.get(c))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// One channel (guild or DM).
    #[must_use]
    pub fn channel(&self, channel_id: Snowflake) -> Option<Channel> {
        self.shared.state().channels.get(&channel_id).cloned()
    }

    /// The guild channel with this name.
    #[must_use]
    pub fn channel_by_name(&self, guild_id: Snowflake, name: &str) -> Option<Channel> {
        self.channels(guild_id).into_iter().find(|c| c.name == name)
    }

    /// The bot's DM channel with this user, if one was opened.
    #[must_use]
    pub fn dm_channel_of(&self, user_id: Snowflake) -> Option<Snowflake> {
        self.shared.state().dm_by_user.get(&user_id).copied()
    }

    /// A member's role ids.
    #[must_use]
    pub fn member_roles(&self, guild_id: Snowflake, user_id: Snowflake) -> Option<Vec<Snowflake>> {
        self.shared
            .state()
            .guilds
            .get(&guild_id)
            .and_then(|g| g.member(user_id))
            .map(|m| m.roles.clone())
    }

    /// The channel's visible (non-ephemeral) messages, oldest first.
    #[must_use]
    pub fn channel_messages(&self, channel_id: Snowflake) -> Vec<Message> {
        let state = self.shared.state();
        state
            .channels
            .get(&channel_id)
            .map(|c| {
                c.messages
                    .iter()
                    .filter_map(|m| state.messages.get(m))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// One message (ephemeral ones included), as it is now.
    #[must_use]
    pub fn message(&self, message_id: Snowflake) -> Option<Message> {
        self.shared.state().messages.get(&message_id).cloned()
    }

    /// The application commands the bot registered: global ones with `None`, a guild's with `Some`.
    #[must_use]
    pub fn commands(&self, guild_id: Option<Snowflake>) -> Vec<Value> {
        let app = self.shared.application_id;
        self.shared
            .state()
            .commands
            .iter()
            .filter(|c| c.guild_id == guild_id)
            .map(|c| c.to_json(app))
            .collect()
    }

    /// Waits until a message in the channel matches `pred`; returns the first match (oldest first).
    pub async fn wait_for_message(
        &self,
        channel_id: Snowflake,
        pred: impl Fn(&Message) -> bool,
        timeout: Duration,
    ) -> Result<Message, Error> {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut changes = self.shared.messages_changed.subscribe();
        loop {
            let messages = self.channel_messages(channel_id);
            if let Some(m) = messages.iter().find(|m| pred(m)) {
                return Ok(m.clone());
            }
            if tokio::time::timeout_at(deadline, changes.changed())
                .await
                .is_err()
            {
                let seen: Vec<String> = messages
                    .iter()
                    .rev()
                    .take(3)
                    .map(|m| format!("{:?}", m.text()))
                    .collect();
                return Err(Error::Timeout {
                    after: timeout,
                    waiting_for: format!("a matching message in channel {channel_id}"),
                    context: format!(
                        "the channel has {} message(s){}; {}",
                        messages.len(),
                        if seen.is_empty() {
                            String::new()
                        } else {
                            format!(", the last: {}", seen.join(", "))
                        },
                        self.shared.log.describe_last(5)
                    ),
                });
            }
        }
    }
}
