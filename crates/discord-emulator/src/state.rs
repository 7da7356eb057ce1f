//! Everything the emulator knows (guilds, members, channels, messages, commands, interactions), behind one lock.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use serde_json::{json, Value};
use tokio::sync::watch;

use crate::model::{
    channel_type, permissions, Channel, Command, Guild, Member, Message, Role, User,
};
use crate::snowflake::Snowflake;

/// What happened to an interaction after it was dispatched, in order.
#[derive(Debug, Clone)]
pub(crate) enum InteractionEvent {
    /// The bot's callback: its type and `data`.
    Callback { kind: u8, data: Value },
    /// `@original` or a followup was edited.
    Edited(Snowflake),
    /// A followup message was sent.
    Followup(Snowflake),
}

#[derive(Debug)]
pub(crate) struct InteractionRecord {
    pub kind: u8,
    /// The user who interacted.
    pub user_id: Snowflake,
    /// The slash command run (`request`, `requests claim`), for an application command.
    pub command: Option<String>,
    pub guild_id: Option<Snowflake>,
    pub channel_id: Snowflake,
    /// The message a component or modal submit came from.
    pub source_message_id: Option<Snowflake>,
    pub dispatched_at: Instant,
    /// The message `@original` refers to, once there is one.
    pub original_message_id: Option<Snowflake>,
    pub events: Vec<(Instant, InteractionEvent)>,
    /// Answers the REST API refused (e.g. 50035), for readable timeouts.
    pub rejections: Vec<String>,
    /// Carries `events.len()` to waiting scripted users.
    pub notify: watch::Sender<usize>,
}

impl InteractionRecord {
    pub fn push(&mut self, event: InteractionEvent) {
        self.events.push((Instant::now(), event));
        self.notify.send_replace(self.events.len());
    }
}

#[derive(Debug, Default)]
pub(crate) struct State {
    pub users: HashMap<Snowflake, User>,
    pub guilds: HashMap<Snowflake, Guild>,
    pub guild_order: Vec<Snowflake>,
    pub roles: HashMap<Snowflake, Role>,
    pub channels: HashMap<Snowflake, Channel>,
    pub messages: HashMap<Snowflake, Message>,
    pub dm_by_user: HashMap<Snowflake, Snowflake>,
    pub dms_blocked: HashSet<Snowflake>,
    pub commands: Vec<Command>,
    pub interactions: HashMap<Snowflake, InteractionRecord>,
    pub interaction_by_token: HashMap<String, Snowflake>,
    /// Every file uploaded by a scripted member or sent by the bot, by attachment id.
    pub attachments: HashMap<Snowflake, crate::attachments::StoredFile>,
    /// The attachment objects of messages that carry files, by message id (kept beside
    /// `Message` so the messages tests hold stay small).
    pub message_files: HashMap<Snowflake, Vec<Value>>,
}

impl State {
    pub fn user_json(&self, id: Snowflake) -> Value {
        self.users.get(&id).map_or_else(
            || json!({"id": id.to_string(), "username": "unknown", "discriminator": "0", "global_name": null, "avatar": null, "bot": false}),
            User::to_json,
        )
    }

    pub fn message_json(&self, m: &Message) -> Value {
        let mut v = m.to_json(&self.user_json(m.author_id));
        if let Some(files) = self.message_files.get(&m.id) {
            v["attachments"] = Value::Array(files.clone());
        }
        v
    }

    /// The attachment objects of a message (empty if it has no files).
    pub fn attachments_of(&self, message_id: Snowflake) -> Vec<Value> {
        self.message_files
            .get(&message_id)
            .cloned()
            .unwrap_or_default()
    }

    pub fn member_json(&self, member: &Member) -> Value {
        json!({
            "user": self.user_json(member.user_id),
            "nick": null,
            "avatar": null,
            "banner": null,
            "roles": member.roles.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "joined_at": member.joined_at,
            "premium_since": null,
            "deaf": false,
            "mute": false,
            "flags": 0,
            "pending": false,
            "communication_disabled_until": null,
        })
    }

    pub fn channel_json(&self, c: &Channel) -> Value {
        if c.kind == channel_type::DM {
            return json!({
                "id": c.id.to_string(),
                "type": 1,
                "recipients": [self.user_json(c.recipient.unwrap_or_default())],
                "last_message_id": c.last_message_id.map(|id| id.to_string()),
                "flags": 0,
            });
        }
        json!({
            "id": c.id.to_string(),
            "type": c.kind,
            "guild_id": c.guild_id.map(|id| id.to_string()),
            "position": c.position,
            "permission_overwrites": c.overwrites.iter().map(crate::model::Overwrite::to_json).collect::<Vec<_>>(),
            "name": c.name,
            "topic": c.topic,
            "nsfw": false,
            "parent_id": c.parent_id.map(|id| id.to_string()),
            "last_message_id": c.last_message_id.map(|id| id.to_string()),
            "rate_limit_per_user": 0,
            "flags": 0,
        })
    }

    pub fn guild_json(&self, g: &Guild) -> Value {
        json!({
            "id": g.id.to_string(),
            "name": g.name,
            "icon": null,
            "splash": null,
            "discovery_splash": null,
            "owner_id": g.owner_id.to_string(),
            "home_header": null,
            "region": "deprecated",
            "widget_enabled": false,
            "widget_channel_id": null,
            "max_presences": null,
            "max_members": 25_000_000,
            "max_stage_video_channel_users": 50,
            "max_video_channel_users": 25,
            "safety_alerts_channel_id": null,
            "nsfw": false,
            "incidents_data": null,
            "afk_channel_id": null,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": g.roles.iter().filter_map(|r| self.roles.get(r)).map(Role::to_json).collect::<Vec<_>>(),
            "emojis": [],
            "features": [],
            "mfa_level": 0,
            "application_id": null,
            "system_channel_id": null,
            "system_channel_flags": 0,
            "rules_channel_id": null,
            "vanity_url_code": null,
            "description": null,
            "banner": null,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": g.locale,
            "public_updates_channel_id": null,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": false,
            "stickers": [],
        })
    }

    /// The guild as `GUILD_CREATE` carries it: members, channels and the rest.
    pub fn guild_create_json(&self, g: &Guild, joined_at: &str) -> Value {
        let mut v = self.guild_json(g);
        v["joined_at"] = json!(joined_at);
        v["large"] = json!(false);
        v["unavailable"] = json!(false);
        v["member_count"] = json!(g.members.len());
        v["members"] = Value::Array(g.members.iter().map(|m| self.member_json(m)).collect());
        v["channels"] = Value::Array(
            g.channels
                .iter()
                .filter_map(|c| self.channels.get(c))
                .map(|c| self.channel_json(c))
                .collect(),
        );
        for key in [
            "threads",
            "presences",
            "voice_states",
            "stage_instances",
            "guild_scheduled_events",
            "soundboard_sounds",
        ] {
            v[key] = json!([]);
        }
        v
    }

    /// A member's permissions in the guild, before channel overwrites.
    pub fn base_permissions(&self, guild: &Guild, user_id: Snowflake) -> u64 {
        if guild.owner_id == user_id {
            return permissions::ALL;
        }
        let mut perms = self.roles.get(&guild.id).map_or(0, |r| r.permissions);
        if let Some(member) = guild.member(user_id) {
            for role in &member.roles {
                perms |= self.roles.get(role).map_or(0, |r| r.permissions);
            }
        }
        if perms & permissions::ADMINISTRATOR != 0 {
            permissions::ALL
        } else {
            perms
        }
    }

    /// A member's permissions in a channel (Discord's algorithm: base, then `@everyone`, role and member overwrites).
    pub fn channel_permissions(&self, channel: &Channel, user_id: Snowflake) -> u64 {
        let Some(guild) = channel.guild_id.and_then(|g| self.guilds.get(&g)) else {
            return permissions::ALL;
        };
        let base = self.base_permissions(guild, user_id);
        if base == permissions::ALL {
            return base;
        }
        let mut perms = base;
        let member_roles = guild
            .member(user_id)
            .map(|m| m.roles.as_slice())
            .unwrap_or_default();
        if let Some(o) = channel.overwrites.iter().find(|o| o.id == guild.id) {
            perms = (perms & !o.deny) | o.allow;
        }
        let (mut allow, mut deny) = (0, 0);
        for o in channel
            .overwrites
            .iter()
            .filter(|o| o.kind == 0 && member_roles.contains(&o.id))
        {
            allow |= o.allow;
            deny |= o.deny;
        }
        perms = (perms & !deny) | allow;
        if let Some(o) = channel
            .overwrites
            .iter()
            .find(|o| o.kind == 1 && o.id == user_id)
        {
            perms = (perms & !o.deny) | o.allow;
        }
        perms
    }

    /// The guild channel count and, for a category, its children count.
    pub fn channel_counts(
        &self,
        guild_id: Snowflake,
        parent_id: Option<Snowflake>,
    ) -> (usize, usize) {
        let Some(guild) = self.guilds.get(&guild_id) else {
            return (0, 0);
        };
        let in_parent = parent_id.map_or(0, |p| {
            guild
                .channels
                .iter()
                .filter_map(|c| self.channels.get(c))
                .filter(|c| c.parent_id == Some(p))
                .count()
        });
        (guild.channels.len(), in_parent)
    }

    /// Drops interactions whose token has expired (15 minutes), so long load tests stay small.
    pub fn forget_expired_interactions(&mut self) {
        let lifetime = std::time::Duration::from_secs(15 * 60);
        self.interactions
            .retain(|_, rec| rec.dispatched_at.elapsed() < lifetime);
        let live = &self.interactions;
        self.interaction_by_token
            .retain(|_, id| live.contains_key(id));
    }

    /// Removes a channel and its messages; returns it.
    pub fn remove_channel(&mut self, channel_id: Snowflake) -> Option<Channel> {
        let channel = self.channels.remove(&channel_id)?;
        for id in &channel.messages {
            self.messages.remove(id);
        }
        if let Some(guild) = channel.guild_id.and_then(|g| self.guilds.get_mut(&g)) {
            guild.channels.retain(|c| *c != channel_id);
        }
        if let Some(user) = channel.recipient {
            self.dm_by_user.remove(&user);
        }
        Some(channel)
    }
}
