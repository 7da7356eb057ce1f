//! The Discord permissions craftdesk needs where: what a channel picked in the setup must
//! allow the bot, the overwrites of the channels it creates, and what to tell an admin to
//! grant.

use crate::domain::Snowflake;

use super::SetupAction;
use crate::i18n::Texts;
use crate::t;

/// Discord permission bits setup checks the bot has.
pub mod bits {
    pub const ADMINISTRATOR: u64 = 1 << 3;
    pub const MANAGE_CHANNELS: u64 = 1 << 4;
    pub const VIEW_CHANNEL: u64 = 1 << 10;
    pub const SEND_MESSAGES: u64 = 1 << 11;
    pub const EMBED_LINKS: u64 = 1 << 14;
    pub const READ_MESSAGE_HISTORY: u64 = 1 << 16;
    pub const MANAGE_ROLES: u64 = 1 << 28;
}

/// One permission overwrite of a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overwrite {
    pub id: Snowflake,
    pub is_role: bool,
    pub allow: u64,
    pub deny: u64,
}

/// A member's permissions in a channel, as Discord computes them: `@everyone`'s and the
/// member's roles' permissions (everything with Administrator), then the channel's
/// overwrites: `@everyone`'s, the roles' together, the member's own.
#[must_use]
pub fn channel_permissions(
    guild: Snowflake,
    role_permissions: &[(Snowflake, u64)],
    member: Snowflake,
    member_roles: &[Snowflake],
    overwrites: &[Overwrite],
) -> u64 {
    let holds = |role: &Snowflake| *role == guild || member_roles.contains(role);
    let mut perms = role_permissions
        .iter()
        .filter(|(role, _)| holds(role))
        .fold(0, |acc, (_, p)| acc | p);
    if perms & bits::ADMINISTRATOR != 0 {
        return u64::MAX;
    }
    if let Some(o) = overwrites.iter().find(|o| o.is_role && o.id == guild) {
        perms = (perms & !o.deny) | o.allow;
    }
    let (mut allow, mut deny) = (0, 0);
    for o in overwrites
        .iter()
        .filter(|o| o.is_role && o.id != guild && member_roles.contains(&o.id))
    {
        allow |= o.allow;
        deny |= o.deny;
    }
    perms = (perms & !deny) | allow;
    if let Some(o) = overwrites.iter().find(|o| !o.is_role && o.id == member) {
        perms = (perms & !o.deny) | o.allow;
    }
    perms
}

/// What the bot needs in a channel picked for `action`.
#[must_use]
pub fn needed_in_channel(action: SetupAction) -> u64 {
    let post =
        bits::VIEW_CHANNEL | bits::SEND_MESSAGES | bits::EMBED_LINKS | bits::READ_MESSAGE_HISTORY;
    match action {
        SetupAction::Category | SetupAction::Overflow => {
            post | bits::MANAGE_CHANNELS | bits::MANAGE_ROLES
        }
        _ => post,
    }
}

/// What an admin is told when the bot lacks `missing` in `channel`: exactly what to grant
/// (the permissions as Discord names them in the admin's language).
#[must_use]
pub fn grant_text(texts: Texts, channel: Snowflake, missing: u64) -> String {
    let names: Vec<String> = [
        (bits::VIEW_CHANNEL, "view-channel"),
        (bits::SEND_MESSAGES, "send-messages"),
        (bits::EMBED_LINKS, "embed-links"),
        (bits::READ_MESSAGE_HISTORY, "read-message-history"),
        (bits::MANAGE_CHANNELS, "manage-channels"),
        (bits::MANAGE_ROLES, "manage-permissions"),
    ]
    .iter()
    .filter(|(bit, _)| missing & bit != 0)
    .map(|(_, name)| t!(texts, "setup-permission", permission = *name))
    .collect();
    t!(
        texts,
        "setup-refusal-grant",
        channel = channel,
        permissions = names.join("**, **")
    )
}
