//! `/request`: opening a flow in the member's space (channel or DM), and applying each
//! click to it (load → pure step → CAS save → answer → effects, ending in a submitted
//! request on the board).

use std::time::Duration;

use serenity::all::{ChannelId, GuildId, RoleId, UserId};

use super::session::{
    current_roles, guild_or_reply, refusal_of, to_json, Actor, Hold, KIND_REQUEST,
};
use crate::discord::board;
use crate::discord::bot::{has_any_role, snowflake, Bot};
use crate::discord::guilds::GuildRuntime;
use crate::discord::request_log;
use crate::discord::respond::{Outcome, Responder};
use crate::discord::spaces::{self, SpaceError, UNKNOWN_CHANNEL};
use crate::domain::{Limit, Snowflake, Timestamp};
use crate::flow::refusal::Refusal;
use crate::flow::request::{self, Effect, Input, Next, Reply, RequestFlow};
use crate::flow::step::FlowState;
use crate::i18n::Texts;
use crate::store::{CharacterInput, NewRequest, NewSession, Session, StoreError, SubmitLimits};
use crate::{msg, t};

/// `/request` (or the panel's Create request): opens a flow in the member's space.
pub async fn start_request(
    bot: &Bot,
    responder: &Responder,
    guild: Option<GuildId>,
    actor: &Actor,
    preselected: Option<&str>,
) {
    let runtime = match guild_or_reply(bot, guild) {
        Ok(runtime) => runtime,
        Err(refusal) => return responder.refuse(&refusal).await,
    };
    let runtime = &*runtime;
    let config = &runtime.config;
    let dm_mode = config.mode == crate::config::GuildMode::Dm;
    // Closed DMs are remembered: asking again would only earn another refusal (each one
    // counts against Discord's invalid-request limit for the whole bot).
    if dm_mode && bot.closed_dms.closed(actor.user) {
        return responder.refuse(&Refusal::DmsClosed).await;
    }
    let Some(roles) = current_roles(bot, responder, config.id, actor, Hold::Message).await else {
        return;
    };
    if let Some(role) = config.register_role_id {
        if !has_any_role(&roles, &[role]) {
            return responder.refuse(&Refusal::NeedsMemberRole).await;
        }
    }
    let preselected = match preselected.map(|value| resolve_item(runtime, value)) {
        Some(None) => {
            return responder
                .refuse(&Refusal::Invalid(msg!("request-refusal-unknown-item")))
                .await
        }
        Some(Some(found)) => Some(found),
        None => None,
    };
    let user = snowflake(actor.user);
    let max_open = bot.sessions.max_open_per_user;
    // A first look, before any channel is made; the count that holds is taken with the
    // session's insert (`create_session_within`), so racing commands cannot pass it.
    match bot
        .store
        .open_sessions_for_user(config.id, user, Timestamp::now())
        .await
    {
        Ok(open) => {
            let open = open.iter().filter(|s| s.kind == KIND_REQUEST).count();
            let open = u32::try_from(open).unwrap_or(u32::MAX);
            if open >= max_open {
                let limit = Limit::OpenFlows {
                    open,
                    max: max_open,
                };
                return responder.refuse(&Refusal::Limit(limit)).await;
            }
        }
        Err(err) => return responder.refuse(&refusal_of(&err)).await,
    }
    let mut flow = RequestFlow::start(
        preselected
            .as_ref()
            .map(|(p, s, i)| (p.as_str(), s.as_str(), i.as_str())),
    );
    flow.core_hint = Some(has_any_role(&roles, &config.core_role_ids));
    let texts = responder.texts();
    let waiting_in = |channel: ChannelId| match config.mode {
        crate::config::GuildMode::Channel => {
            t!(texts, "request-waiting-in", channel = snowflake(channel))
        }
        crate::config::GuildMode::Dm => t!(texts, "request-waiting-dm"),
    };
    let known = known_space(bot, config, user).await;
    // Near Discord's invalid-request limit, no new DM is tried (it may be refused).
    if dm_mode && known.is_none() && bot.rest.near_invalid_limit() {
        return responder.refuse(&Refusal::DiscordBusy).await;
    }
    // The answer never waits on Discord (DESIGN: "The answer never waits"): the link when
    // the member's space is known, else "opening…", sent while the flow opens (a channel
    // or DM to make, its message to post: paced calls and Discord round trips). The
    // answer is edited when the space turns out new or the opening fails.
    let first = match known {
        Some(channel) => waiting_in(ChannelId::new(channel.get())),
        None => opening_text(config.mode, texts),
    };
    // The link goes in as soon as the space exists, before the flow message (which may
    // wait on the pace) is posted.
    let (space_ready, space) = tokio::sync::oneshot::channel::<ChannelId>();
    let answer_and_link = async {
        responder.ephemeral(&first).await;
        let channel = space.await.ok()?;
        if known != Some(snowflake(channel)) {
            responder.edit_original(&waiting_in(channel)).await;
        }
        Some(channel)
    };
    let (announced, opened) = tokio::join!(
        answer_and_link,
        open_flow(bot, runtime, actor.user, &flow, texts, space_ready)
    );
    match opened {
        Ok(channel) => {
            crate::metrics::flow_started(KIND_REQUEST);
            // A channel found deleted when the message was posted was replaced.
            if announced.is_some_and(|shown| shown != channel) {
                responder.edit_original(&waiting_in(channel)).await;
            }
        }
        Err(err) => opening_failed(responder, &err, max_open).await,
    }
}

/// The first answer to `/request` while the member's space is being made.
fn opening_text(mode: crate::config::GuildMode, texts: Texts) -> String {
    match mode {
        crate::config::GuildMode::Channel => t!(texts, "request-opening-channel"),
        crate::config::GuildMode::Dm => t!(texts, "request-opening-dm"),
    }
}

/// Tells the member why their flow could not open, in place of the first answer.
async fn opening_failed(responder: &Responder, err: &SpaceError, max_open: u32) {
    let refusal = match err {
        SpaceError::Store(StoreError::TooManyOpen { open }) => Refusal::Limit(Limit::OpenFlows {
            open: *open,
            max: max_open,
        }),
        err => {
            if !matches!(err, SpaceError::DmBlocked) {
                tracing::warn!(%err, "cannot open a request flow");
            }
            err.refusal()
        }
    };
    responder.refuse_in_place(&refusal).await;
}

/// The member's space as stored: their request channel, or their DM (by its home message).
async fn known_space(
    bot: &Bot,
    config: &crate::config::GuildConfig,
    user: Snowflake,
) -> Option<Snowflake> {
    match config.mode {
        crate::config::GuildMode::Channel => bot
            .store
            .member_channel(config.id, user)
            .await
            .ok()
            .flatten(),
        crate::config::GuildMode::Dm => bot
            .store
            .dm_home(config.id, user)
            .await
            .ok()
            .flatten()
            .map(|(channel, _)| channel),
    }
}

/// The catalog path of an autocomplete value `p.s.i` (indices), if it is valid.
fn resolve_item(runtime: &GuildRuntime, value: &str) -> Option<(String, String, String)> {
    let mut parts = value.split('.').map(|n| n.parse::<usize>().ok());
    let (p, s, i) = (parts.next()??, parts.next()??, parts.next()??);
    let profession = runtime.catalog.professions().get(p)?;
    let slot = profession.slots.get(s)?;
    let item = slot.items.get(i)?;
    Some((profession.key.clone(), slot.name.clone(), item.name.clone()))
}

/// Creates the session and posts its message in the member's space; a request channel
/// deleted while the bot was away is noticed here and replaced. `space_ready` hears of
/// the space as soon as it exists (before the flow message is posted). The flow message is
/// the member's own: in their language (`texts`, from their `/request`).
async fn open_flow(
    bot: &Bot,
    runtime: &GuildRuntime,
    user: UserId,
    flow: &RequestFlow,
    texts: Texts,
    space_ready: tokio::sync::oneshot::Sender<ChannelId>,
) -> Result<ChannelId, SpaceError> {
    let mut space_ready = Some(space_ready);
    for _attempt in 0..2 {
        let channel = spaces::member_space(bot, runtime, user).await?;
        if runtime.config.mode == crate::config::GuildMode::Dm {
            board::ensure_dm_home(bot, runtime, user, channel).await?;
        } else {
            // Activity keeps the channel from being cleaned up as idle.
            bot.store
                .touch_member_channel(runtime.config.id, snowflake(user), Timestamp::now())
                .await?;
        }
        if let Some(ready) = space_ready.take() {
            let _ = ready.send(channel);
        }
        let state = FlowState::Request(flow.clone());
        let new = NewSession::flow(
            snowflake(user),
            runtime.config.id,
            &state,
            Some(snowflake(channel)),
        )?;
        let session = bot
            .store
            .create_session_within(new, Timestamp::now(), bot.sessions.max_open_per_user)
            .await?;
        tracing::Span::current().record("session", tracing::field::display(&session.key));
        // Until its message is recorded, the flow is this process's to finish (another's
        // recovery leaves it alone).
        let claim = bot
            .claim(
                crate::discord::recovery::flow_work(&session.key),
                Duration::ZERO,
            )
            .await?;
        let characters = bot
            .store
            .characters(runtime.config.id, snowflake(user))
            .await?;
        let ctx = request::Context {
            key: &session.key,
            catalog: &runtime.catalog,
            characters: &characters,
            can_guild_craft: false,
            roles_known: false,
            texts,
        };
        let posted = spaces::post(bot, channel, &request::render(flow, &ctx)).await;
        let recorded = match &posted {
            Ok(message) => bot
                .store
                .set_session_message(&session.key, snowflake(channel), snowflake(message.id))
                .await
                .map(|_| ()),
            Err(_) => bot
                .store
                .delete_sessions(std::slice::from_ref(&session.key))
                .await
                .map(|_| ()),
        };
        if let Some(claim) = claim {
            claim.release().await;
        }
        recorded?;
        match posted {
            Ok(_) => return Ok(channel),
            Err(SpaceError::DmBlocked) => {
                bot.closed_dms.refused(user);
                return Err(SpaceError::DmBlocked);
            }
            Err(err) => match err {
                SpaceError::Discord(ref e)
                    if crate::discord::bot::discord_code(e) == Some(UNKNOWN_CHANNEL) =>
                {
                    tracing::info!(%channel, "request channel is gone; making a new one");
                    bot.store.channel_deleted(snowflake(channel)).await?;
                }
                other => return Err(other),
            },
        }
    }
    Err(SpaceError::Full)
}

/// In DM mode, an ended flow's message is deleted by the cleanup task after a while (its
/// receipt has been seen); the home message and notifications are never tracked, so stay.
pub(super) async fn remember_ended_dm_flow(
    bot: &Bot,
    runtime: &GuildRuntime,
    session: &Session,
    now: Timestamp,
) {
    if runtime.config.mode != crate::config::GuildMode::Dm {
        return;
    }
    if let (Some(channel), Some(message)) = (session.channel_id, session.message_id) {
        if let Err(err) = bot
            .store
            .record_ended_flow_message(channel, message, now)
            .await
        {
            tracing::warn!(%err, "cannot remember an ended flow message");
        }
    }
}

#[allow(clippy::too_many_lines)] // one match over the step's outcomes, read top to bottom
pub(super) async fn on_request(
    bot: &Bot,
    responder: &Responder,
    runtime: &GuildRuntime,
    session: &Session,
    flow: RequestFlow,
    input: Input<'_>,
    actor: &Actor,
) -> Result<(), StoreError> {
    let characters = bot
        .store
        .characters(session.guild_id, session.user_id)
        .await?;
    // Roles come with guild interactions. In DMs they cost a fetch, made only when the
    // step says its answer depends on them (`Reply::NeedsRoles`).
    let core = |roles: &[RoleId]| has_any_role(roles, &runtime.config.core_role_ids);
    let mut ctx = request::Context {
        key: &session.key,
        catalog: &runtime.catalog,
        characters: &characters,
        can_guild_craft: actor
            .roles
            .as_deref()
            .map(core)
            .or(flow.core_hint)
            .unwrap_or(false),
        roles_known: actor.roles.is_some(),
        texts: responder.texts(),
    };
    let mut transition = request::step(&flow, input, &ctx);
    if transition.reply == Reply::NeedsRoles {
        // The roles cost a paced call: answer first (a deferred update; the answer below
        // then edits the message).
        responder.defer_update().await;
        ctx.can_guild_craft = core(&actor.roles_in(bot, session.guild_id).await);
        ctx.roles_known = true;
        transition = request::step(&flow, input, &ctx);
    }
    if matches!(
        (&transition.next, &transition.reply),
        (Next::Keep, Reply::Refused(_))
    ) {
        // A message behind the stored flow (its last answer was lost, e.g. to a restart)
        // offers steps already taken: show where the flow is instead of refusing.
        let current = request::render(&flow, &ctx);
        let shown = responder.shown();
        if !shown.is_empty() && current.custom_ids() != shown {
            tracing::info!(key = %session.key, "flow message was behind; showing the current step");
            responder.mark(Outcome::Resynced);
            responder.update(&current).await;
            return Ok(());
        }
    }
    let now = Timestamp::now();
    match (transition.next, transition.effect) {
        (Next::Save(mut next), effect) => {
            if let Effect::RegisterCharacter(name) = effect {
                let input = CharacterInput {
                    name: name.as_str().to_owned(),
                    main: characters.is_empty(),
                    professions: Vec::new(),
                };
                let character = bot
                    .store
                    .add_character(session.guild_id, session.user_id, input, now)
                    .await?;
                if let Some(chosen) = &mut next.character {
                    chosen.id = Some(character.id);
                }
            }
            let state = to_json(&next)?;
            bot.store
                .save_session(&session.key, session.version, state, now)
                .await?;
            if let Reply::Update(screen) = &transition.reply {
                responder.update(screen).await;
            } else {
                // The character just registered is in the next screen's menu.
                let characters = bot
                    .store
                    .characters(session.guild_id, session.user_id)
                    .await?;
                let ctx = request::Context {
                    characters: &characters,
                    ..ctx
                };
                responder.update(&request::render(&next, &ctx)).await;
            }
        }
        (Next::End, Effect::Submit(draft)) => {
            // Re-authorised now: still a member (a DM says nothing of it), still holding
            // the member role if the guild asks for one.
            let Some(roles) =
                current_roles(bot, responder, session.guild_id, actor, Hold::Update).await
            else {
                return Ok(());
            };
            if let Some(role) = runtime.config.register_role_id {
                if !has_any_role(&roles, &[role]) {
                    responder.refuse(&Refusal::NeedsMemberRole).await;
                    return Ok(());
                }
            }
            let request = NewRequest {
                guild_id: session.guild_id,
                user_id: session.user_id,
                character_id: draft.character.id,
                character_name: draft.character.name.clone(),
                profession: draft.profession.clone(),
                gear_slot: draft.slot.clone(),
                item: draft.item.clone(),
                quantity: draft.quantity,
                notes: draft.notes.clone(),
                material_plan: to_json(&draft.plan)?,
                materials_json: to_json(&draft.materials)?,
            };
            let limits = SubmitLimits {
                max_open_requests: runtime.config.limits.max_open_requests,
                burst: runtime.config.limits.submit_burst,
                per_minute: runtime.config.limits.submits_per_minute,
            };
            let stored = bot
                .store
                .submit_request(&session.key, session.version, request, limits, now)
                .await?;
            remember_ended_dm_flow(bot, runtime, session, now).await;
            let link = runtime
                .config
                .board_channel_id
                .map(|board| format!("<#{board}>"));
            crate::metrics::flow_completed(KIND_REQUEST);
            responder.mark(Outcome::Completed);
            responder
                .update(&request::receipt(
                    &draft,
                    stored.number,
                    link.as_deref(),
                    &ctx,
                ))
                .await;
            tracing::info!(guild = %session.guild_id, number = stored.number, "request submitted");
            bot.store
                .touch_member_channel(session.guild_id, session.user_id, now)
                .await?;
            // The request's first line in the log, before its board post (and so before
            // anyone can claim it there).
            request_log::log_submitted(bot, runtime, &stored).await;
            board::publish(bot, runtime, &stored).await;
        }
        (Next::End, _) => {
            responder.mark(Outcome::Cancelled);
            bot.store
                .delete_sessions(std::slice::from_ref(&session.key))
                .await?;
            remember_ended_dm_flow(bot, runtime, session, now).await;
            if let Reply::Update(screen) = &transition.reply {
                responder.update(screen).await;
            }
        }
        (Next::Keep, _) => {
            match &transition.reply {
                Reply::Modal(modal) => responder.modal(modal).await,
                Reply::Refused(refusal) => responder.refuse(refusal).await,
                Reply::Update(screen) => responder.update(screen).await,
                // A step kept asks for nothing else (roles were read above).
                Reply::Refresh | Reply::NeedsRoles => {
                    responder.update(&request::render(&flow, &ctx)).await;
                }
            }
            bot.store.touch_session(&session.key, now).await?;
        }
    }
    Ok(())
}
