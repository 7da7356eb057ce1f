//! `/setup` in Discord: guild admins (Manage Server, re-checked from the interaction at
//! every click) set craftdesk up with channel and role menus. The pages and what an edit
//! does are `flow::setup`'s; here: who may act, checking what they picked (channel types,
//! roles that still exist), saving with compare-and-swap (two admins at once: the second
//! is told and nothing of theirs is saved), serving the new settings from the next
//! interaction on, posting the change to the log channel, and moving the panel.

use serenity::all::{
    ChannelId, ChannelType, CommandInteraction, ComponentInteraction, ComponentInteractionDataKind,
    CreateChannel, GuildId, Member, ModalInteraction, PermissionOverwrite, PermissionOverwriteType,
    Permissions, RoleId, UserId,
};

use super::board;
use super::bot::{discord_code, snowflake, Bot};
use super::flows::session::{refusal_of, to_json};
use super::guilds::{GuildRuntime, GuildSource};
use super::respond::Responder;
use super::rest::{self, Lane};
use crate::config::GuildConfig;
use crate::domain::{SessionKey, Snowflake, Timestamp};
use crate::flow::refusal::{Refusal, Where};
use crate::flow::setup::{self, Edit, SetupAction, SetupFlow, View};
use crate::flow::step::FlowState;
use crate::flow::ui::Screen;
use crate::i18n::{Msg, Texts};
use crate::pace::Priority;
use crate::store::{NewSession, Session, SettingChange, StoreError, StoredSettings};
use crate::{msg, t};

pub use crate::flow::step::KIND_SETUP;

/// Discord's "Missing Permissions".
const MISSING_PERMISSIONS: isize = 50013;

/// What a setup component sent, its picks checked against the interaction's resolved data.
enum Picked {
    Click,
    Strings(Vec<String>),
    /// Channels: id and Discord channel type (`None`: not in the resolved data).
    Channels(Vec<(Snowflake, Option<u8>)>),
    /// Roles: id and whether the resolved data has it (a deleted role does not).
    Roles(Vec<(Snowflake, bool)>),
    Submit(Vec<(String, String)>),
}

fn can_manage(member: Option<&Member>) -> bool {
    member
        .and_then(|m| m.permissions)
        .is_some_and(|p| p.contains(Permissions::MANAGE_GUILD) || p.administrator())
}

/// The settings `runtime` serves, or the fresh ones of a guild not set up yet, with the
/// stored version (0: none) and whether the file manages them.
fn current(
    bot: &Bot,
    guild: Snowflake,
) -> (Option<std::sync::Arc<GuildRuntime>>, GuildConfig, i64, bool) {
    match bot.guild(guild) {
        Some(runtime) => {
            let (version, file) = match runtime.source {
                GuildSource::File => (0, true),
                GuildSource::Discord { version } => (version, false),
            };
            let config = runtime.config.clone();
            (Some(runtime), config, version, file)
        }
        None => (None, setup::fresh_settings(guild), 0, false),
    }
}

fn professions(bot: &Bot, runtime: Option<&GuildRuntime>) -> Vec<String> {
    let catalog = runtime.map_or_else(|| bot.guilds.builtin(), |r| r.catalog.clone());
    catalog
        .professions()
        .iter()
        .map(|p| p.key.clone())
        .collect()
}

/// The setup's screen, in the admin's language (`texts`).
fn screen(
    bot: &Bot,
    texts: Texts,
    flow: &SetupFlow,
    key: &SessionKey,
    guild: Snowflake,
    notice: Option<String>,
) -> Screen {
    let (runtime, settings, _, file_managed) = current(bot, guild);
    let professions = professions(bot, runtime.as_deref());
    setup::render(
        flow,
        key,
        &View {
            settings: &settings,
            file_managed,
            professions: &professions,
            notice,
            texts,
            // What shared messages read without a choice of the guild's.
            discord_locale: bot.locales.guild_texts(guild, None).locale(),
        },
    )
}

/// `/setup`: opens (or reopens) the admin's setup session and shows the first page.
pub async fn start(bot: &Bot, responder: &Responder, command: &CommandInteraction) {
    let Some(guild) = command.guild_id.map(snowflake) else {
        return responder.refuse(&Refusal::NotInServer).await;
    };
    if !can_manage(command.member.as_deref()) {
        return responder.refuse(&needs_manage_server()).await;
    }
    let (_, _, version, _) = current(bot, guild);
    let flow = SetupFlow {
        seen_version: version,
        ..SetupFlow::default()
    };
    let result = async {
        let state = FlowState::Setup(flow.clone());
        let new = NewSession::flow(snowflake(command.user.id), guild, &state, None)?;
        bot.store.open_single_session(new, Timestamp::now()).await
    }
    .await;
    match result {
        Ok(session) => {
            tracing::Span::current().record("session", tracing::field::display(&session.key));
            crate::metrics::flow_started(KIND_SETUP);
            responder
                .ephemeral_screen(&screen(
                    bot,
                    responder.texts(),
                    &flow,
                    &session.key,
                    guild,
                    None,
                ))
                .await;
        }
        Err(err) => responder.refuse(&refusal_of(&err)).await,
    }
}

/// A click, pick or form in a setup message.
pub async fn on_component(
    bot: &Bot,
    responder: &Responder,
    component: &ComponentInteraction,
    parsed: Result<(SessionKey, SetupAction), ()>,
) {
    let data = &component.data;
    let picked = match &data.kind {
        ComponentInteractionDataKind::StringSelect { values } => Picked::Strings(values.clone()),
        ComponentInteractionDataKind::ChannelSelect { values } => Picked::Channels(
            values
                .iter()
                .map(|id| {
                    let kind = data.resolved.channels.get(id).map(|c| u8::from(c.kind));
                    (snowflake(*id), kind)
                })
                .collect(),
        ),
        ComponentInteractionDataKind::RoleSelect { values } => Picked::Roles(
            values
                .iter()
                .map(|id| (snowflake(*id), data.resolved.roles.contains_key(id)))
                .collect(),
        ),
        _ => Picked::Click,
    };
    on_setup(
        bot,
        responder,
        parsed,
        picked,
        component.user.id,
        component.guild_id,
        component.member.as_ref(),
    )
    .await;
}

/// The limits form, submitted.
pub async fn on_modal(
    bot: &Bot,
    responder: &Responder,
    modal: &ModalInteraction,
    parsed: Result<(SessionKey, SetupAction), ()>,
    fields: Vec<(String, String)>,
) {
    on_setup(
        bot,
        responder,
        parsed,
        Picked::Submit(fields),
        modal.user.id,
        modal.guild_id,
        modal.member.as_ref(),
    )
    .await;
}

#[allow(clippy::too_many_lines)] // one match over the actions, read top to bottom
async fn on_setup(
    bot: &Bot,
    responder: &Responder,
    parsed: Result<(SessionKey, SetupAction), ()>,
    picked: Picked,
    user: UserId,
    guild: Option<GuildId>,
    member: Option<&Member>,
) {
    let Ok((key, action)) = parsed else {
        return responder.refuse(&Refusal::Stale(Where::Setup)).await;
    };
    tracing::Span::current().record("session", tracing::field::display(&key));
    tracing::Span::current().record("action", tracing::field::debug(&action));
    if key.user_id() != snowflake(user) {
        return responder.refuse(&Refusal::NotYourSetup).await;
    }
    // Re-authorised at every click: an admin who lost Manage Server since `/setup` can
    // change nothing more.
    if !can_manage(member) {
        return responder.refuse(&needs_manage_server()).await;
    }
    let session = match bot.store.session(&key).await {
        Ok(Some(session)) if session.expires_at > Timestamp::now() => session,
        Ok(_) => return responder.refuse_by_update(&Refusal::Expired).await,
        Err(err) => return responder.refuse(&refusal_of(&err)).await,
    };
    if guild.map(snowflake) != Some(session.guild_id) {
        return responder.refuse(&Refusal::OtherGuild).await;
    }
    let mut flow = match session.state() {
        Ok(FlowState::Setup(flow)) => flow,
        // A setup custom id naming another kind of flow is forged.
        Ok(_) => return responder.refuse(&Refusal::Stale(Where::Setup)).await,
        Err(_) => return responder.refuse_by_update(&Refusal::Expired).await,
    };
    let g = session.guild_id;
    let (runtime, settings, version, file_managed) = current(bot, g);
    if file_managed {
        return responder
            .update(&screen(bot, responder.texts(), &flow, &key, g, None))
            .await;
    }
    let edit = match (action, picked) {
        (SetupAction::Page(page), Picked::Click) => {
            flow.page = page;
            return show(bot, responder, &session, &flow, None).await;
        }
        (SetupAction::Profession, Picked::Strings(values)) => {
            let known = professions(bot, runtime.as_deref());
            match values.first().filter(|v| known.contains(v)) {
                Some(profession) => flow.profession = Some(profession.clone()),
                None => return refuse(responder, msg!("setup-refusal-unknown-profession")).await,
            }
            return show(bot, responder, &session, &flow, None).await;
        }
        (SetupAction::Limits, Picked::Click) => {
            return responder
                .modal(&setup::limits_modal(
                    responder.texts(),
                    &key,
                    &settings.limits,
                ))
                .await;
        }
        (SetupAction::Done, Picked::Click) => {
            if let Err(err) = bot.store.delete_sessions(std::slice::from_ref(&key)).await {
                tracing::warn!(%err, "cannot end a setup session");
            }
            return responder
                .update(&Screen::text(t!(responder.texts(), "setup-closed")))
                .await;
        }
        (SetupAction::LimitsForm, Picked::Submit(fields)) => {
            match setup::parse_limits(&fields, &settings.limits) {
                Ok(limits) => Edit::Limits(limits),
                Err(refusal) => return refuse_unchanged(responder, &refusal).await,
            }
        }
        (SetupAction::Language, Picked::Strings(values)) => {
            match values.first().and_then(|v| setup::parse_language(v)) {
                Some(locale) => Edit::Language(locale),
                None => return refuse(responder, msg!("setup-refusal-unknown-language")).await,
            }
        }
        (SetupAction::Mode(mode), Picked::Click) => Edit::Mode(mode),
        (SetupAction::Notify(n), Picked::Click) => Edit::Notify(n),
        (SetupAction::Create, Picked::Click) => {
            if flow.seen_version != version {
                return conflict(bot, responder, &session, flow, version).await;
            }
            responder.defer_update().await;
            match create_channels(bot, g, &settings).await {
                Ok(edit) => edit,
                Err(refusal) => return responder.refuse(&refusal).await,
            }
        }
        (action, Picked::Channels(picks)) => match channel_edit(action, &picks) {
            Ok(edit) => {
                for (channel, _) in &picks {
                    let missing =
                        missing_bot_permissions(bot, responder.texts(), g, *channel, action).await;
                    if let Some(text) = missing {
                        // Already worded in the admin's language.
                        return refuse(responder, Msg::Plain(text)).await;
                    }
                }
                edit
            }
            Err(refusal) => return responder.refuse(&refusal).await,
        },
        (action, Picked::Roles(picks)) => match role_edit(action, g, &flow, &picks) {
            Ok(edit) => edit,
            Err(refusal) => return responder.refuse(&refusal).await,
        },
        _ => return responder.refuse(&Refusal::Stale(Where::Setup)).await,
    };
    commit(
        bot,
        responder,
        &session,
        flow,
        runtime,
        (settings, version),
        edit,
        user,
    )
    .await;
}

/// What the admin typed or picked cannot be used: `text` says what to fix.
async fn refuse(responder: &Responder, text: Msg) {
    responder.refuse(&Refusal::Invalid(text)).await;
}

/// A refusal of the pure setup, saying that nothing changed.
async fn refuse_unchanged(responder: &Responder, refusal: &Refusal) {
    let texts = responder.texts();
    let text = t!(
        texts,
        "setup-refusal-unchanged",
        reason = refusal.reply_in(texts)
    );
    // Worded in the admin's language already.
    responder.refuse(&Refusal::Invalid(Msg::Plain(text))).await;
}

fn needs_manage_server() -> Refusal {
    Refusal::NotAllowed(msg!("setup-needs-manage-server"))
}

/// Saves the flow's page and shows it.
async fn show(
    bot: &Bot,
    responder: &Responder,
    session: &Session,
    flow: &SetupFlow,
    notice: Option<String>,
) {
    let saved = match to_json(flow) {
        Ok(json) => bot
            .store
            .save_session(&session.key, session.version, json, Timestamp::now())
            .await
            .map(|_| ()),
        Err(err) => Err(err),
    };
    match saved {
        Ok(()) | Err(StoreError::Conflict { .. }) => {
            responder
                .update(&screen(
                    bot,
                    responder.texts(),
                    flow,
                    &session.key,
                    session.guild_id,
                    notice,
                ))
                .await;
        }
        Err(err) => responder.refuse(&refusal_of(&err)).await,
    }
}

/// Another admin saved since this one last looked: show theirs, change nothing.
async fn conflict(
    bot: &Bot,
    responder: &Responder,
    session: &Session,
    mut flow: SetupFlow,
    version: i64,
) {
    flow.seen_version = version;
    show(bot, responder, session, &flow, None).await;
    responder
        .refuse(&Refusal::Changed(msg!("setup-conflict")))
        .await;
}

fn is_text(kind: Option<u8>) -> bool {
    matches!(kind, Some(setup::TEXT | setup::ANNOUNCEMENT))
}

/// The edit a channel menu's picks make, or why they cannot be used.
fn channel_edit(action: SetupAction, picks: &[(Snowflake, Option<u8>)]) -> Result<Edit, Refusal> {
    let not_a_category = || Refusal::Invalid(msg!("setup-refusal-not-a-category"));
    let not_text = || Refusal::Invalid(msg!("setup-refusal-not-text"));
    if picks.iter().any(|(_, kind)| kind.is_none()) {
        return Err(Refusal::Invalid(msg!("setup-refusal-channel-gone")));
    }
    let one = picks.first().map(|(id, _)| *id);
    match action {
        SetupAction::Category => match picks {
            [(id, Some(setup::CATEGORY))] => Ok(Edit::Category(*id)),
            _ => Err(not_a_category()),
        },
        SetupAction::Overflow => {
            if picks.iter().all(|(_, kind)| *kind == Some(setup::CATEGORY)) {
                Ok(Edit::Overflow(picks.iter().map(|(id, _)| *id).collect()))
            } else {
                Err(not_a_category())
            }
        }
        SetupAction::Panel | SetupAction::Board | SetupAction::Log => {
            if picks.len() > 1 || !picks.iter().all(|(_, kind)| is_text(*kind)) {
                return Err(not_text());
            }
            Ok(match action {
                SetupAction::Panel => Edit::Panel(one),
                SetupAction::Board => Edit::Board(one),
                _ => Edit::Log(one),
            })
        }
        _ => Err(Refusal::Stale(Where::Setup)),
    }
}

/// What the bot lacks in `channel` to serve it for `action`, worded as what to grant; `None`
/// when it has all it needs, or Discord cannot be asked (the pick is then taken: the bot
/// logs what fails later).
async fn missing_bot_permissions(
    bot: &Bot,
    texts: Texts,
    guild: Snowflake,
    channel: Snowflake,
    action: SetupAction,
) -> Option<String> {
    let me = *bot.bot_user.get()?;
    let guild_id = GuildId::new(guild.get());
    let lane = || Lane::Global(Priority::Urgent);
    let roles = bot
        .rest
        .call(
            "GET /guilds/{guild_id}/roles",
            lane(),
            bot.http.get_guild_roles(guild_id),
        )
        .await;
    let member = bot
        .rest
        .call(rest::GET_MEMBER, lane(), bot.http.get_member(guild_id, me))
        .await;
    let found = bot
        .rest
        .call(
            "GET /channels/{channel_id}",
            lane(),
            bot.http.get_channel(ChannelId::new(channel.get())),
        )
        .await;
    let (Ok(roles), Ok(member), Ok(serenity::all::Channel::Guild(found))) = (roles, member, found)
    else {
        tracing::info!(%guild, %channel, "cannot read the bot's permissions in a channel picked in setup");
        return None;
    };
    let role_permissions: Vec<(Snowflake, u64)> = roles
        .iter()
        .map(|r| (snowflake(r.id), r.permissions.bits()))
        .collect();
    let member_roles: Vec<Snowflake> = member.roles.iter().map(|r| snowflake(*r)).collect();
    let overwrites: Vec<setup::Overwrite> = found
        .permission_overwrites
        .iter()
        .map(|o| {
            let (id, is_role) = match o.kind {
                PermissionOverwriteType::Role(r) => (snowflake(r), true),
                PermissionOverwriteType::Member(u) => (snowflake(u), false),
                _ => (Snowflake::from_discord(0), false),
            };
            setup::Overwrite {
                id,
                is_role,
                allow: o.allow.bits(),
                deny: o.deny.bits(),
            }
        })
        .collect();
    let held = setup::channel_permissions(
        guild,
        &role_permissions,
        snowflake(me),
        &member_roles,
        &overwrites,
    );
    let missing = setup::needed_in_channel(action) & !held;
    (missing != 0).then(|| setup::grant_text(texts, channel, missing))
}

/// The edit a role menu's picks make, or why they cannot be used.
fn role_edit(
    action: SetupAction,
    guild: Snowflake,
    flow: &SetupFlow,
    picks: &[(Snowflake, bool)],
) -> Result<Edit, Refusal> {
    if picks.iter().any(|(_, exists)| !exists) {
        return Err(Refusal::Invalid(msg!("setup-refusal-role-gone")));
    }
    if picks.iter().any(|(id, _)| *id == guild) {
        return Err(Refusal::Invalid(msg!("setup-refusal-everyone")));
    }
    let ids: Vec<Snowflake> = picks.iter().map(|(id, _)| *id).collect();
    let one = ids.first().copied();
    match action {
        SetupAction::Officers => Ok(Edit::Officers(ids)),
        SetupAction::Core => Ok(Edit::Core(ids)),
        SetupAction::Register if ids.len() <= 1 => Ok(Edit::Register(one)),
        SetupAction::Crafter if ids.len() <= 1 => match &flow.profession {
            Some(profession) => Ok(Edit::Crafter(profession.clone(), one)),
            None => Err(Refusal::Invalid(msg!("setup-refusal-profession-first"))),
        },
        _ => Err(Refusal::Stale(Where::Setup)),
    }
}

/// Applies `edit` to the settings the admin saw (refused if another admin saved since),
/// saves it with its changes, serves it, tells the log channel, and moves the panel.
#[allow(clippy::too_many_arguments)]
async fn commit(
    bot: &Bot,
    responder: &Responder,
    session: &Session,
    mut flow: SetupFlow,
    runtime: Option<std::sync::Arc<GuildRuntime>>,
    (settings, version): (GuildConfig, i64),
    edit: Edit,
    user: UserId,
) {
    if flow.seen_version != version {
        return conflict(bot, responder, session, flow, version).await;
    }
    let (next, changes) = match setup::apply(&settings, &edit) {
        Ok(applied) => applied,
        Err(refusal) => return refuse_unchanged(responder, &refusal).await,
    };
    if changes.is_empty() {
        return show(
            bot,
            responder,
            session,
            &flow,
            Some(setup::changed_notice(responder.texts(), &changes)),
        )
        .await;
    }
    let guild = session.guild_id;
    let json = match serde_json::to_string(&next) {
        Ok(json) => json,
        Err(err) => {
            tracing::error!(%err, "cannot write settings as JSON");
            return responder.refuse(&Refusal::TryAgain).await;
        }
    };
    let now = Timestamp::now();
    // The audit is operator-facing: English.
    let recorded = changes
        .iter()
        .map(|c| {
            let (setting, before, after) = c.worded(Texts::ENGLISH);
            SettingChange {
                setting,
                before,
                after,
            }
        })
        .collect();
    let saved = bot
        .store
        .save_guild_settings(guild, version, json.clone(), recorded, snowflake(user), now)
        .await;
    let new_version = match saved {
        Ok(v) => v,
        Err(StoreError::Conflict { .. }) => {
            let (_, _, current, _) = current(bot, guild);
            return conflict(bot, responder, session, flow, current).await;
        }
        Err(err) => return responder.refuse(&refusal_of(&err)).await,
    };
    let stored = StoredSettings {
        guild_id: guild,
        settings_json: json,
        version: new_version,
        updated_at: now,
        updated_by: snowflake(user),
    };
    let uploaded = bot.store.guild_catalogs(guild).await.unwrap_or_default();
    let fresh = match bot.guilds.runtime_from_store(&stored, &uploaded) {
        Ok(fresh) => fresh,
        Err(err) => {
            tracing::error!(%err, %guild, "saved settings cannot be served");
            GuildRuntime {
                config: next.clone(),
                catalog: runtime
                    .as_ref()
                    .map_or_else(|| bot.guilds.builtin(), |r| r.catalog.clone()),
                source: GuildSource::Discord {
                    version: new_version,
                },
            }
        }
    };
    let newly_set_up = bot.guilds.set(fresh).is_none();
    if newly_set_up {
        // Idempotent, and a no-op with global commands: the guild's commands are there
        // from now on even if they were never registered for it.
        super::commands::register_guild(bot, guild).await;
    }
    tracing::info!(%guild, user = user.get(), changes = changes.len(), version = new_version, "guild settings changed");
    flow.seen_version = new_version;
    show(
        bot,
        responder,
        session,
        &flow,
        Some(setup::changed_notice(responder.texts(), &changes)),
    )
    .await;
    let Some(served) = bot.guild(guild) else {
        return;
    };
    let line = setup::log_line(bot.guild_texts(guild), snowflake(user), &changes);
    super::crafting::post_to_log(bot, &served, &line).await;
    // A new language re-words the panel in place (shared: the guild's language).
    if settings.panel_channel_id != next.panel_channel_id || settings.locale != next.locale {
        move_panel(bot, &served).await;
    }
}

/// Deletes the panel from its old channel and posts it in the new one (if any).
pub(crate) async fn move_panel(bot: &Bot, runtime: &GuildRuntime) {
    let guild = runtime.config.id;
    if let Ok(Some((channel, message))) = bot.store.panel_message(guild).await {
        if Some(channel) != runtime.config.panel_channel_id {
            board::delete_old_panel(bot, guild, channel, message, Priority::Urgent).await;
        }
    }
    board::ensure_panel(bot, runtime).await;
}

/// "Create them for me": a private `Requests` category, a `requests` panel channel members
/// read but don't write in, a `request-board` and a `request-log` channel only the bot
/// writes in (the log visible to officers only). Made with the bot allowed what it needs.
#[allow(clippy::too_many_lines)] // the four channels planned, made, and undone on failure
async fn create_channels(
    bot: &Bot,
    guild: Snowflake,
    settings: &GuildConfig,
) -> Result<Edit, Refusal> {
    let guild_id = GuildId::new(guild.get());
    let bot_user = match bot.bot_user.get() {
        Some(id) => *id,
        None => return Err(Refusal::TryAgain),
    };
    // Channel names are shared: the guild's language.
    let names = bot.guild_texts(guild);
    let everyone = PermissionOverwriteType::Role(RoleId::new(guild.get()));
    let bot_allow = Permissions::VIEW_CHANNEL
        | Permissions::SEND_MESSAGES
        | Permissions::READ_MESSAGE_HISTORY
        | Permissions::EMBED_LINKS
        | Permissions::MANAGE_CHANNELS
        | Permissions::MANAGE_MESSAGES;
    let bot_overwrite = PermissionOverwrite {
        allow: bot_allow,
        deny: Permissions::empty(),
        kind: PermissionOverwriteType::Member(bot_user),
    };
    let hidden = PermissionOverwrite {
        allow: Permissions::empty(),
        deny: Permissions::VIEW_CHANNEL,
        kind: everyone,
    };
    let read_only = PermissionOverwrite {
        allow: Permissions::empty(),
        deny: Permissions::SEND_MESSAGES,
        kind: everyone,
    };
    let officers: Vec<PermissionOverwrite> = settings
        .officer_role_ids
        .iter()
        .map(|r| PermissionOverwrite {
            allow: Permissions::VIEW_CHANNEL | Permissions::READ_MESSAGE_HISTORY,
            deny: Permissions::empty(),
            kind: PermissionOverwriteType::Role(RoleId::new(r.get())),
        })
        .collect();
    let plan: [(String, ChannelType, Vec<PermissionOverwrite>); 4] = [
        (
            t!(names, "setup-channel-category"),
            ChannelType::Category,
            vec![hidden.clone(), bot_overwrite.clone()],
        ),
        (
            t!(names, "setup-channel-panel"),
            ChannelType::Text,
            vec![read_only.clone(), bot_overwrite.clone()],
        ),
        (
            t!(names, "setup-channel-board"),
            ChannelType::Text,
            vec![read_only, bot_overwrite.clone()],
        ),
        (
            t!(names, "setup-channel-log"),
            ChannelType::Text,
            [hidden, bot_overwrite]
                .into_iter()
                .chain(officers)
                .collect(),
        ),
    ];
    let mut made: Vec<ChannelId> = Vec::new();
    for (name, kind, overwrites) in plan {
        let builder = CreateChannel::new(name).kind(kind).permissions(overwrites);
        let created = bot
            .rest
            .call(
                rest::CREATE_CHANNEL,
                Lane::ChannelOp(guild, Priority::Urgent),
                guild_id.create_channel(&*bot.http, builder),
            )
            .await;
        match created {
            Ok(channel) => made.push(channel.id),
            Err(err) => {
                let missing = discord_code(&err) == Some(MISSING_PERMISSIONS);
                tracing::warn!(%err, %guild, "setup cannot create a channel");
                // Nothing half made stays behind.
                for channel in made {
                    let _ = bot
                        .rest
                        .call(
                            rest::DELETE_CHANNEL,
                            Lane::ChannelOp(guild, Priority::Urgent),
                            channel.delete(&*bot.http),
                        )
                        .await;
                }
                return Err(Refusal::Invalid(if missing {
                    msg!("setup-refusal-grant-channels")
                } else {
                    msg!(
                        "setup-refusal-create-failed",
                        error = crate::flow::text::truncate(&err.to_string(), 200)
                    )
                }));
            }
        }
    }
    let [category, panel, board, log] = made[..] else {
        return Err(Refusal::TryAgain);
    };
    Ok(Edit::Created {
        category: snowflake(category),
        panel: snowflake(panel),
        board: snowflake(board),
        log: snowflake(log),
    })
}
