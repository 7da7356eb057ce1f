//! Reading what the bot did: channels, messages (with waiting on a predicate), DMs, roles, commands.

use std::time::Duration;

use serde_json::Value;

use crate::emulator::Emulator;
use crate::error::Error;
use crate::model::{Channel, Message};
use crate::snowflake::Snowflake;

impl Emulator {
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
