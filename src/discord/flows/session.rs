//! What every flow adapter shares, and nothing else: the session kinds, reading and
//! writing a session's state, who is acting (with their roles, re-read at each click),
//! the interaction's guild, and what a store error means to the member. A leaf: it
//! imports no other flow adapter, so crafting, queue and setup can use it without a cycle.

use serenity::all::{GuildId, RoleId, UserId};

use crate::discord::bot::{snowflake, Bot};
use crate::discord::guilds::GuildRuntime;
use crate::discord::members::{fetch_standing, Standing};
use crate::discord::respond::Responder;
use crate::domain::Snowflake;
use crate::flow::custom_id::Action;
use crate::flow::refusal::{Refusal, Where};
use crate::flow::step::{Input, Reply};
use crate::store::StoreError;

pub use crate::flow::step::{KIND_QUEUE, KIND_REGISTER, KIND_REQUEST, KIND_STATUS};

/// What a store error means to the member whose click it failed. Errors the member cannot
/// act on are logged (with the interaction's span: session, action) and become "try again".
pub(crate) fn refusal_of(err: &StoreError) -> Refusal {
    match err {
        StoreError::Conflict { .. } => Refusal::AlreadyHandled,
        StoreError::NotFound => Refusal::Expired,
        StoreError::Limit(limit) => Refusal::Limit(*limit),
        err => {
            tracing::error!(%err, "a store operation failed");
            Refusal::TryAgain
        }
    }
}

/// A state (or other plain data) as the JSON the store keeps.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Who clicked, and what they hold right now (roles are re-read on every interaction).
pub struct Actor {
    pub user: UserId,
    /// `None` in DMs, where the interaction carries no member.
    pub roles: Option<Vec<RoleId>>,
}

impl Actor {
    /// The member's current roles in `guild`, fetched when the interaction didn't carry
    /// them; none when they are no longer a member (or Discord cannot be asked).
    pub async fn roles_in(&self, bot: &Bot, guild: Snowflake) -> Vec<RoleId> {
        if let Some(roles) = &self.roles {
            return roles.clone();
        }
        match fetch_standing(bot, guild, self.user).await {
            Standing::Member(roles) => roles,
            Standing::Gone | Standing::Unknown => Vec::new(),
        }
    }
}

/// How to hold the answer while Discord is asked who the member is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hold {
    /// "Thinking…", privately (the answer will be a new private message).
    Message,
    /// A deferred update (the answer will change the clicked message).
    Update,
}

/// The member's roles in `guild` at this moment: the interaction's (a guild click), or,
/// for a click in a DM, read fresh from Discord after holding the answer (`hold`), since
/// a DM says nothing of membership. `None` when they left the guild (kicked, banned) or
/// Discord could not be asked: they have been told, and nothing may be done for them.
pub(crate) async fn current_roles(
    bot: &Bot,
    responder: &Responder,
    guild: Snowflake,
    actor: &Actor,
    hold: Hold,
) -> Option<Vec<RoleId>> {
    if let Some(roles) = &actor.roles {
        return Some(roles.clone());
    }
    match hold {
        Hold::Message => responder.defer_ephemeral().await,
        Hold::Update => responder.defer_update().await,
    }
    match fetch_standing(bot, guild, actor.user).await {
        Standing::Member(roles) => Some(roles),
        Standing::Gone => {
            responder.refuse(&Refusal::NotMember).await;
            None
        }
        Standing::Unknown => {
            responder.refuse(&Refusal::TryAgain).await;
            None
        }
    }
}

/// The interaction's guild, set up for craftdesk, or why not.
pub(crate) fn guild_or_reply(
    bot: &Bot,
    guild: Option<GuildId>,
) -> Result<std::sync::Arc<GuildRuntime>, Refusal> {
    let guild = guild.ok_or(Refusal::NotInServer)?;
    bot.guild(snowflake(guild)).ok_or(Refusal::NotSetUp)
}

impl FlowInput {
    /// The flow's input: `action` with what arrived with it, or `None` when the two do
    /// not go together (a forged or garbled interaction).
    #[must_use]
    pub fn with(&self, action: Action) -> Option<Input<'_>> {
        match (action, self) {
            (Action::Select(menu), FlowInput::Select(values)) => Some(Input::Select(menu, values)),
            (Action::Modal(form), FlowInput::Submit(fields)) => Some(Input::Submit(form, fields)),
            (Action::Select(_), _) | (_, FlowInput::Select(_) | FlowInput::Submit(_)) => None,
            (action, FlowInput::Click) => Some(Input::Click(action)),
        }
    }
}

/// Answers a step that stored nothing: its form or its refusal. (Anything else kept
/// nothing by mistake: the member is sent back to `place`.)
pub(crate) async fn answer_kept(responder: &Responder, reply: &Reply, place: Where) {
    match reply {
        Reply::Modal(modal) => responder.modal(modal).await,
        Reply::Refused(refusal) => responder.refuse(refusal).await,
        _ => responder.refuse(&Refusal::Stale(place)).await,
    }
}

/// What arrived with a flow's component or modal.
pub enum FlowInput {
    Click,
    Select(Vec<String>),
    Submit(Vec<(String, String)>),
}
