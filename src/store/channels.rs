//! `member_channels`, `dm_homes`, `ended_flow_messages` and `guild_state`: where each
//! member's flows run, and the panel.

use super::{on_backend, Store, StoreError};
use crate::domain::{SessionKey, Snowflake, Timestamp};
use crate::i18n::Locale;

impl Store {
    /// The member's request channel in a guild, if one is recorded.
    pub async fn member_channel(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Option<Snowflake>, StoreError> {
        on_backend!(self, db => db.member_channel(guild, user))
    }

    /// Records the member's request channel.
    pub async fn set_member_channel(
        &self,
        guild: Snowflake,
        user: Snowflake,
        channel: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_backend!(self, db => db.set_member_channel(guild, user, channel, now))
    }

    /// Marks activity in the member's request channel (a flow started or ended there).
    pub async fn touch_member_channel(
        &self,
        guild: Snowflake,
        user: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_backend!(self, db => db.touch_member_channel(guild, user, now))
    }

    /// Request channels idle since before `cutoff` with no flow still live at `now` in them
    /// (expired ones may remain: they go with the channel), oldest first: (guild, channel).
    pub async fn idle_member_channels(
        &self,
        cutoff: Timestamp,
        now: Timestamp,
        limit: usize,
    ) -> Result<Vec<(Snowflake, Snowflake)>, StoreError> {
        on_backend!(self, db => db.idle_member_channels(cutoff, now, limit))
    }

    /// Whether `channel` is still an idle request channel (as [`Store::idle_member_channels`]
    /// lists them): checked just before deleting it, in case its member came back.
    pub async fn channel_still_idle(
        &self,
        channel: Snowflake,
        cutoff: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        on_backend!(self, db => db.channel_still_idle(channel, cutoff, now))
    }

    /// Every recorded request channel of these guilds (for reconciliation at startup).
    pub async fn all_member_channels(
        &self,
        guilds: Vec<Snowflake>,
    ) -> Result<Vec<Snowflake>, StoreError> {
        self.injected.take("all_member_channels")?;
        on_backend!(self, db => db.all_member_channels(guilds))
    }

    /// Channels that sessions of these guilds point at (for reconciliation at startup).
    pub async fn session_channels(
        &self,
        guilds: Vec<Snowflake>,
    ) -> Result<Vec<Snowflake>, StoreError> {
        on_backend!(self, db => db.session_channels(guilds))
    }

    /// A channel is gone (deleted by hand): forget it and end the flows that ran in it.
    /// Returns the ended sessions' keys.
    pub async fn channel_deleted(&self, channel: Snowflake) -> Result<Vec<SessionKey>, StoreError> {
        on_backend!(self, db => db.channel_deleted(channel))
    }

    /// Remembers an ended flow's message in a DM, for the cleanup task to delete later.
    pub async fn record_ended_flow_message(
        &self,
        channel: Snowflake,
        message: Snowflake,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_backend!(self, db => db.record_ended_flow_message(channel, message, now))
    }

    /// Ended flow messages older than `cutoff`: (channel, message), oldest first.
    pub async fn ended_flow_messages(
        &self,
        cutoff: Timestamp,
        limit: usize,
    ) -> Result<Vec<(Snowflake, Snowflake)>, StoreError> {
        on_backend!(self, db => db.ended_flow_messages(cutoff, limit))
    }

    /// Forgets an ended flow message once it is deleted (or already gone).
    pub async fn forget_ended_flow_message(&self, message: Snowflake) -> Result<(), StoreError> {
        on_backend!(self, db => db.forget_ended_flow_message(message))
    }

    /// The member's DM home message in a DM-mode guild: (channel, message).
    pub async fn dm_home(
        &self,
        guild: Snowflake,
        user: Snowflake,
    ) -> Result<Option<(Snowflake, Snowflake)>, StoreError> {
        on_backend!(self, db => db.dm_home(guild, user))
    }

    /// Remembers the member's DM home message.
    pub async fn set_dm_home(
        &self,
        guild: Snowflake,
        user: Snowflake,
        channel: Snowflake,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        on_backend!(self, db => db.set_dm_home(guild, user, channel, message))
    }

    /// The stored panel message of a guild: (channel, message).
    pub async fn panel_message(
        &self,
        guild: Snowflake,
    ) -> Result<Option<(Snowflake, Snowflake)>, StoreError> {
        on_backend!(self, db => db.panel_message(guild))
    }

    /// Remembers the panel message of a guild.
    pub async fn set_panel_message(
        &self,
        guild: Snowflake,
        channel: Snowflake,
        message: Snowflake,
    ) -> Result<(), StoreError> {
        on_backend!(self, db => db.set_panel_message(guild, channel, message))
    }

    /// A member's last known language (see `discord::locales`).
    pub async fn member_locale(&self, user: Snowflake) -> Result<Option<Locale>, StoreError> {
        on_backend!(self, db => db.member_locale(user))
    }

    /// Remembers a member's language.
    pub async fn save_member_locale(
        &self,
        user: Snowflake,
        locale: Locale,
    ) -> Result<(), StoreError> {
        let now = Timestamp::now();
        on_backend!(self, db => db.save_member_locale(user, locale, now))
    }
}
