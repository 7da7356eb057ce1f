//! Shaping the emulated world as a guild admin would: guilds, roles, channels, members, DM blocks.
//! Each change is dispatched to the bot like Discord does.

use serde_json::json;

use crate::emulator::Emulator;
use crate::gateway::{intents, Target};
use crate::model::{channel_type, permissions, Channel, Guild, Member, Overwrite, Role, User};
use crate::scripted::ScriptedUser;
use crate::snowflake::Snowflake;

impl Emulator {
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
                    locale: "en-US".into(),
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
                locale: "en-US".into(),
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

    /// Places a message from the bot in a channel directly, as if the bot had posted it
    /// before the test began (e.g. to seed thousands of flow messages for a benchmark
    /// without making the bot post them). Not logged, not dispatched. `None` if the
    /// channel does not exist.
    #[must_use]
    pub fn post_as_bot(
        &self,
        channel_id: Snowflake,
        content: &str,
        components: &[serde_json::Value],
    ) -> Option<Snowflake> {
        let s = &self.shared;
        let id = s.ids.next();
        let stored = {
            let mut state = s.state();
            let guild_id = state.channels.get(&channel_id)?.guild_id;
            let body = json!({"content": content, "components": components});
            let message = crate::rest::messages::message_from_body(
                id,
                channel_id,
                guild_id,
                s.bot_user_id,
                &body,
                0,
            );
            crate::rest::messages::store_message(&mut state, message);
            Some(id)
        };
        s.messages_changed();
        stored
    }

    /// Deletes a message as a moderator would by hand (the bot is not told, as with
    /// Discord's `MESSAGE_DELETE` for a bot without message intents). Returns whether it existed.
    #[allow(clippy::must_use_candidate)] // called for its effect; the result is a convenience
    pub fn delete_message_by_hand(&self, message_id: Snowflake) -> bool {
        let s = &self.shared;
        let removed = {
            let mut state = s.state();
            let channel = state.messages.get(&message_id).map(|m| m.channel_id);
            channel.inspect(|&channel_id| {
                crate::rest::messages::remove_messages(&mut state, channel_id, &[message_id]);
            })
        };
        if removed.is_some() {
            s.messages_changed();
        }
        removed.is_some()
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
                    locale: "en-US".into(),
                },
            );
            let member = Member {
                user_id,
                roles: roles.to_vec(),
                joined_at: crate::snowflake::now_iso8601(),
            };
            let mut json = state.member_json(&member);
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
            let mut json = state.member_json(&member);
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

    /// Sets the language of a user's Discord client: their interactions carry it as
    /// `locale` (Discord's codes: `en-US`, `de`, `fr`, `es-ES`, `pt-BR`, …).
    pub fn set_user_locale(&self, user_id: Snowflake, locale: &str) {
        if let Some(user) = self.shared.state().users.get_mut(&user_id) {
            locale.clone_into(&mut user.locale);
        }
    }

    /// The language of a user's Discord client (`en-US` unless set), or `None` for an
    /// unknown user.
    #[must_use]
    pub fn user_locale(&self, user_id: Snowflake) -> Option<String> {
        self.shared
            .state()
            .users
            .get(&user_id)
            .map(|user| user.locale.clone())
    }

    /// Sets a guild's language (`preferred_locale`, an interaction's `guild_locale`) and
    /// dispatches `GUILD_UPDATE`, as Discord does when an admin changes it.
    pub fn set_guild_locale(&self, guild_id: Snowflake, locale: &str) {
        let s = &self.shared;
        let payload = {
            let mut state = s.state();
            let Some(guild) = state.guilds.get_mut(&guild_id) else {
                return;
            };
            locale.clone_into(&mut guild.locale);
            let guild = guild.clone();
            state.guild_json(&guild)
        };
        s.gateway.dispatch(
            Target::Guild(guild_id),
            "GUILD_UPDATE",
            &payload,
            Some(intents::GUILDS),
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

    /// A file a member attaches to a command's ATTACHMENT option (type 11): stored and served
    /// at its `url`; pass its id as the option's `value` (`resolved.attachments` is added).
    #[must_use]
    pub fn upload_attachment(
        &self,
        filename: &str,
        content_type: Option<&str>,
        bytes: &[u8],
    ) -> Snowflake {
        self.upload_attachment_claiming(filename, content_type, bytes, bytes.len() as u64)
    }

    /// [`Emulator::upload_attachment`] whose `size` claims `claimed_size` bytes (a client
    /// that lies, or a file that changed after upload).
    #[must_use]
    pub fn upload_attachment_claiming(
        &self,
        filename: &str,
        content_type: Option<&str>,
        bytes: &[u8],
        claimed_size: u64,
    ) -> Snowflake {
        let id = self.shared.ids.next();
        let file = crate::attachments::StoredFile {
            id,
            folder: format!("ephemeral-attachments/{}", self.shared.application_id),
            filename: filename.to_owned(),
            content_type: content_type.map(str::to_owned),
            bytes: bytes.to_vec(),
            claimed_size,
            description: None,
            downloads: 0,
        };
        self.shared.state().attachments.insert(id, file);
        id
    }

    /// A stored file's bytes (uploaded, or sent by the bot: see `Message::attachments`).
    #[must_use]
    pub fn attachment_bytes(&self, id: Snowflake) -> Option<Vec<u8>> {
        self.shared
            .state()
            .attachments
            .get(&id)
            .map(|f| f.bytes.clone())
    }

    /// The attachment objects (id, filename, size, url…) of a message the bot sent with files.
    #[must_use]
    pub fn message_attachments(&self, message_id: Snowflake) -> Vec<serde_json::Value> {
        self.shared.state().attachments_of(message_id)
    }

    /// How many times a stored file was downloaded from its `url` or `proxy_url`.
    #[must_use]
    pub fn attachment_downloads(&self, id: Snowflake) -> usize {
        self.shared
            .state()
            .attachments
            .get(&id)
            .map_or(0, |f| f.downloads)
    }
}
