//! The emulator's state objects (users, guilds, roles, channels, messages, commands) and their JSON as Discord sends it.

use serde_json::{json, Value};

use crate::snowflake::{timestamp_of, Snowflake};

/// Permission bits used by the emulator's checks.
pub mod permissions {
    pub const CREATE_INSTANT_INVITE: u64 = 1 << 0;
    pub const ADMINISTRATOR: u64 = 1 << 3;
    pub const MANAGE_CHANNELS: u64 = 1 << 4;
    pub const MANAGE_GUILD: u64 = 1 << 5;
    pub const ADD_REACTIONS: u64 = 1 << 6;
    pub const VIEW_CHANNEL: u64 = 1 << 10;
    pub const SEND_MESSAGES: u64 = 1 << 11;
    pub const MANAGE_MESSAGES: u64 = 1 << 13;
    pub const EMBED_LINKS: u64 = 1 << 14;
    pub const ATTACH_FILES: u64 = 1 << 15;
    pub const READ_MESSAGE_HISTORY: u64 = 1 << 16;
    pub const MANAGE_ROLES: u64 = 1 << 28;
    pub const USE_APPLICATION_COMMANDS: u64 = 1 << 31;
    /// Every permission bit Discord defines today.
    pub const ALL: u64 = (1 << 51) - 1;
    /// What `@everyone` may do in a new guild.
    pub const EVERYONE_DEFAULT: u64 = CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | USE_APPLICATION_COMMANDS;
    /// What the bot's own role may do unless told otherwise: a typical invite, not Administrator.
    pub const BOT_DEFAULT: u64 =
        EVERYONE_DEFAULT | MANAGE_CHANNELS | MANAGE_ROLES | MANAGE_MESSAGES;
}

/// Channel types the emulator models.
pub mod channel_type {
    pub const GUILD_TEXT: u8 = 0;
    pub const DM: u8 = 1;
    pub const GUILD_CATEGORY: u8 = 4;
}

#[derive(Debug, Clone)]
pub(crate) struct User {
    pub id: Snowflake,
    pub name: String,
    pub bot: bool,
    /// The language the user's Discord client is set to (an interaction's `locale`).
    pub locale: String,
}

impl User {
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id.to_string(),
            "username": self.name,
            "discriminator": "0",
            "global_name": self.name,
            "avatar": null,
            "bot": self.bot,
            "flags": 0,
            "public_flags": 0,
            "primary_guild": null,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Role {
    pub id: Snowflake,
    pub name: String,
    pub permissions: u64,
    pub position: u32,
    pub managed: bool,
}

impl Role {
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id.to_string(),
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
            "hoist": false,
            "icon": null,
            "unicode_emoji": null,
            "position": self.position,
            "permissions": self.permissions.to_string(),
            "managed": self.managed,
            "mentionable": false,
            "flags": 0,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub user_id: Snowflake,
    pub roles: Vec<Snowflake>,
    pub joined_at: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Guild {
    pub id: Snowflake,
    pub name: String,
    pub owner_id: Snowflake,
    /// Role ids in position order; the first is `@everyone` (id == guild id).
    pub roles: Vec<Snowflake>,
    /// Members in join order.
    pub members: Vec<Member>,
    /// Channel ids in creation order.
    pub channels: Vec<Snowflake>,
    /// The role Discord gives the bot when it joins.
    pub bot_role: Snowflake,
    /// The guild's language (Server Settings → Community; `preferred_locale`).
    pub locale: String,
}

impl Guild {
    pub fn member(&self, user_id: Snowflake) -> Option<&Member> {
        self.members.iter().find(|m| m.user_id == user_id)
    }

    pub fn member_mut(&mut self, user_id: Snowflake) -> Option<&mut Member> {
        self.members.iter_mut().find(|m| m.user_id == user_id)
    }
}

/// A permission overwrite on a channel: `kind` 0 for a role, 1 for a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overwrite {
    pub id: Snowflake,
    pub kind: u8,
    pub allow: u64,
    pub deny: u64,
}

impl Overwrite {
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "id": self.id.to_string(),
            "type": self.kind,
            "allow": self.allow.to_string(),
            "deny": self.deny.to_string(),
        })
    }
}

/// A channel as the emulator keeps it (guild text, category or DM).
#[derive(Debug, Clone)]
pub struct Channel {
    pub id: Snowflake,
    /// 0 guild text, 1 DM, 4 category.
    pub kind: u8,
    pub guild_id: Option<Snowflake>,
    pub name: String,
    pub parent_id: Option<Snowflake>,
    pub position: u32,
    pub topic: Option<String>,
    pub overwrites: Vec<Overwrite>,
    /// For a DM, the user at the other end.
    pub recipient: Option<Snowflake>,
    pub last_message_id: Option<Snowflake>,
    /// Non-ephemeral messages, oldest first.
    pub(crate) messages: Vec<Snowflake>,
}

/// A message as the emulator keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: Snowflake,
    pub channel_id: Snowflake,
    pub guild_id: Option<Snowflake>,
    pub author_id: Snowflake,
    pub content: String,
    pub embeds: Vec<Value>,
    /// Action rows as the bot sent them.
    pub components: Vec<Value>,
    /// Message flags: 64 ephemeral, 128 loading (a deferred answer not yet edited).
    pub flags: u64,
    pub pinned: bool,
    /// When it was last edited (ISO 8601), if ever.
    pub edited_timestamp: Option<String>,
    /// The interaction this message answers, if any.
    pub interaction_id: Option<Snowflake>,
    /// Who ran that interaction: for an ephemeral message, the one member who sees it. Kept
    /// here because interaction records are forgotten once their token expires.
    pub interaction_user: Option<Snowflake>,
    /// The slash command that interaction ran (`request`, `requests claim`), if it was one:
    /// what Discord shows as "alice used /request" above the answer.
    pub interaction_command: Option<String>,
}

impl Message {
    /// Whether only the interacting user sees it.
    #[must_use]
    pub fn is_ephemeral(&self) -> bool {
        self.flags & 64 != 0
    }

    /// Every component inside the action rows (buttons, selects, text inputs), in order.
    #[must_use]
    pub fn all_components(&self) -> Vec<&Value> {
        flatten_components(&self.components)
    }

    /// The labels of the buttons, in order.
    #[must_use]
    pub fn button_labels(&self) -> Vec<String> {
        self.all_components()
            .into_iter()
            .filter(|c| c["type"] == 2)
            .filter_map(|c| c["label"].as_str().map(str::to_owned))
            .collect()
    }

    /// The option values of the select menu with this custom id or placeholder, in order.
    #[must_use]
    pub fn select_values(&self, select: &str) -> Vec<String> {
        select_values(&self.components, select)
    }

    /// The message's visible text: content, then each embed's title, description, fields and footer.
    #[must_use]
    pub fn text(&self) -> String {
        let mut out = self.content.clone();
        for embed in &self.embeds {
            for key in ["title", "description"] {
                if let Some(s) = embed[key].as_str() {
                    out.push('\n');
                    out.push_str(s);
                }
            }
            for field in embed["fields"].as_array().into_iter().flatten() {
                for key in ["name", "value"] {
                    if let Some(s) = field[key].as_str() {
                        out.push('\n');
                        out.push_str(s);
                    }
                }
            }
            if let Some(s) = embed["footer"]["text"].as_str() {
                out.push('\n');
                out.push_str(s);
            }
        }
        out
    }

    pub(crate) fn to_json(&self, author: &Value) -> Value {
        let mut v = json!({
            "id": self.id.to_string(),
            "channel_id": self.channel_id.to_string(),
            "author": author,
            "content": self.content,
            "timestamp": timestamp_of(self.id),
            "edited_timestamp": self.edited_timestamp,
            "tts": false,
            "mention_everyone": false,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": self.embeds,
            "reactions": [],
            "pinned": self.pinned,
            "type": if self.interaction_id.is_some() { 20 } else { 0 },
            "flags": self.flags,
            "components": self.components,
        });
        if let Some(g) = self.guild_id {
            v["guild_id"] = Value::String(g.to_string());
        }
        if self.interaction_id.is_some() {
            v["application_id"] = author["id"].clone();
            v["webhook_id"] = author["id"].clone();
        }
        v
    }
}

/// The option values of a select menu (by custom id or placeholder) among these components.
pub(crate) fn select_values(rows: &[Value], select: &str) -> Vec<String> {
    flatten_components(rows)
        .into_iter()
        .find(|c| c["type"] == 3 && (c["custom_id"] == select || c["placeholder"] == select))
        .and_then(|c| c["options"].as_array())
        .map(|options| {
            options
                .iter()
                .filter_map(|o| o["value"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Flattens action rows (and anything nested under `components`) into their leaf components.
pub(crate) fn flatten_components(rows: &[Value]) -> Vec<&Value> {
    let mut out = Vec::new();
    for row in rows {
        match row["components"].as_array() {
            Some(children) => out.extend(flatten_components(children)),
            None => out.push(row),
        }
    }
    out
}

/// An application command the bot registered (global when `guild_id` is `None`).
#[derive(Debug, Clone)]
pub(crate) struct Command {
    pub id: Snowflake,
    pub guild_id: Option<Snowflake>,
    pub name: String,
    /// The command as the bot sent it.
    pub body: Value,
    pub version: Snowflake,
}

impl Command {
    pub fn to_json(&self, application_id: Snowflake) -> Value {
        let b = &self.body;
        let mut v = json!({
            "id": self.id.to_string(),
            "application_id": application_id.to_string(),
            "type": b.get("type").cloned().unwrap_or(json!(1)),
            "name": self.name,
            "name_localizations": b.get("name_localizations").cloned().unwrap_or(Value::Null),
            "description": b.get("description").cloned().unwrap_or(json!("")),
            "description_localizations": b.get("description_localizations").cloned().unwrap_or(Value::Null),
            "options": b.get("options").cloned().unwrap_or(json!([])),
            "default_member_permissions": b.get("default_member_permissions").cloned().unwrap_or(Value::Null),
            "dm_permission": b.get("dm_permission").cloned().unwrap_or(json!(true)),
            "nsfw": b.get("nsfw").cloned().unwrap_or(json!(false)),
            "integration_types": b.get("integration_types").cloned().unwrap_or(json!([0])),
            "contexts": b.get("contexts").cloned().unwrap_or(Value::Null),
            "version": self.version.to_string(),
        });
        if let Some(g) = self.guild_id {
            v["guild_id"] = Value::String(g.to_string());
        }
        v
    }
}
