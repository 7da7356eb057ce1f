//! The gateway event handler: routes each interaction to its flow, tidies up after
//! channels deleted by hand, sets up commands and panels when connected, and tracks the
//! gateway connection for `/healthz`. While the bot shuts down, new interactions get a
//! short "restarting" answer and those already running are let finish.
//!
//! Every interaction runs inside one `interaction` span carrying its kind, id, guild, user,
//! session key (when it has one), action and outcome, and ends with one "interaction
//! handled" event (debug for autocomplete, info otherwise). Member-typed text never goes
//! into these fields.

use std::sync::{Arc, OnceLock};

use serenity::all::{
    ActionRowComponent, AutocompleteChoice, ButtonKind, ChannelId, CommandInteraction,
    ComponentInteraction, ComponentInteractionDataKind, Context, EventHandler, Guild, GuildChannel,
    GuildId, Interaction, Message, MessageFlags, MessageId, ModalInteraction, PartialGuild, Ready,
    ResumedEvent, ShardStageUpdateEvent,
};
use serenity::async_trait;
use serenity::gateway::ConnectionStage;
use tracing::{field, Instrument};

use super::board;
use super::bot::{snowflake, Bot};
use super::commands;
use super::crafting::{self, BoardClick, BoardInput};
use super::flows::{self, Actor, FlowInput, KIND_REGISTER, KIND_STATUS};
use super::guilds::GuildRuntime;
use super::queue;
use super::respond::{Outcome, Responder};
use super::startup;
use crate::domain::Snowflake;
use crate::flow::custom_id::{CustomId, PanelButton};
use crate::flow::refusal::Refusal;
use crate::flow::text::truncate;
use crate::pace::Priority;

pub struct Handler {
    bot: Arc<OnceLock<Arc<Bot>>>,
}

impl Handler {
    pub fn new(bot: Arc<OnceLock<Arc<Bot>>>) -> Self {
        Self { bot }
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        let Some(bot) = self.bot.get() else { return };
        // The bot's HTTP client is not the gateway's (see `client::build_client`): serenity
        // sets the application id on its own client only.
        bot.http.set_application_id(ready.application.id);
        let _ = bot.bot_user.set(ready.user.id);
        if bot.gateway.ready() {
            crate::metrics::gateway_reconnected("ready");
        }
        tracing::info!(bot = %ready.user.name, guilds = ready.guilds.len(), "connected to the gateway");
        // Each shard sends its own `ready`: register the commands of the guilds on that shard
        // (idempotent, so a reconnect that fires `ready` again does no harm). Nothing else
        // waits here: each guild's `GUILD_CREATE` queues its reconciliation, and panels are
        // checked lazily (see `startup.rs`).
        let shard = ready.shard.map(|s| s.id.0);
        bot.joined(ready.guilds.len(), ready.shard.map_or(1, |s| s.total));
        // The shard count is READY's own: without `[discord] shards` it is Discord's
        // recommendation (see `sharding.rs`).
        let on_this_shard = |runtime: &Arc<GuildRuntime>| {
            bot.shards.owns_guild(runtime.config.id)
                && ready.shard.is_none_or(|s| {
                    (runtime.config.id.get() >> 22) % u64::from(s.total.max(1)) == u64::from(s.id.0)
                })
        };
        let guilds: Vec<Arc<GuildRuntime>> =
            bot.guilds.all().into_iter().filter(on_this_shard).collect();
        let refs: Vec<&GuildRuntime> = guilds.iter().map(|g| &**g).collect();
        commands::register(bot, &refs, shard.unwrap_or(0) == 0).await;
        // Guild-scoped commands: a guild not set up yet gets them too, so its admins can
        // run /setup (and members hear that they have to).
        let unset = ready
            .guilds
            .iter()
            .filter_map(|g| crate::domain::Snowflake::new(g.id.get()).ok())
            .filter(|id| bot.shards.owns_guild(*id) && bot.guilds.get(*id).is_none());
        for guild in unset {
            commands::register_guild(bot, guild).await;
        }
    }

    /// Under the `GUILDS` intent a guild's `GUILD_CREATE` carries all its channels: its
    /// reconciliation is queued from them (no REST call; see `startup.rs`).
    async fn guild_create(&self, _ctx: Context, guild: Guild, _is_new: Option<bool>) {
        let Some(bot) = self.bot.get() else { return };
        bot.locales
            .guild_reported(snowflake(guild.id), Some(&guild.preferred_locale));
        bot.startup.guild_seen(startup::seen(&guild));
    }

    /// An admin changed the guild's settings; its language is the one craftdesk keeps. A
    /// guild whose shared messages follow Discord's language gets its panel redrawn in the
    /// new one (in the background, at the background pace); posts already made stay.
    async fn guild_update(&self, _ctx: Context, _old: Option<Guild>, new: PartialGuild) {
        let Some(bot) = self.bot.get() else { return };
        let guild = snowflake(new.id);
        let changed = bot
            .locales
            .guild_reported(guild, Some(&new.preferred_locale));
        let Some(runtime) = bot.guild(guild) else {
            return;
        };
        if changed && runtime.config.locale.is_none() && runtime.config.panel_channel_id.is_some() {
            let bot = bot.clone();
            tokio::spawn(async move {
                board::ensure_panel_at(&bot, &runtime, Priority::Background).await;
            });
        }
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        let Some(bot) = self.bot.get() else { return };
        bot.gateway.resumed();
        crate::metrics::gateway_reconnected("resume");
        tracing::info!("gateway session resumed");
    }

    async fn shard_stage_update(&self, _ctx: Context, event: ShardStageUpdateEvent) {
        let Some(bot) = self.bot.get() else { return };
        let connected = event.new == ConnectionStage::Connected;
        bot.gateway.stage_changed(connected);
        if !connected {
            tracing::info!(shard = event.shard_id.0, stage = ?event.new, "gateway not connected");
        }
    }

    async fn interaction_create(&self, _ctx: Context, interaction: Interaction) {
        let Some(bot) = self.bot.get() else { return };
        // `ready` may still be running: edits of the answer need the application id.
        if bot.http.application_id().is_none() {
            bot.http.set_application_id(interaction.application_id());
        }
        if let Some(guild) = interaction.guild_id() {
            // The guild's first use since the start: its panel is checked, after the answer.
            startup::first_use(bot, snowflake(guild));
        }
        let kind = interaction_kind(&interaction);
        let span = tracing::info_span!(
            "interaction",
            kind,
            id = %interaction.id(),
            guild = interaction.guild_id().map(serenity::all::GuildId::get),
            user = interaction_user(&interaction).map(serenity::all::UserId::get),
            session = field::Empty,
            action = field::Empty,
            outcome = field::Empty,
        );
        async {
            let responder = Responder::new(
                bot.http.clone(),
                bot.rest.clone(),
                interaction.id(),
                interaction.token(),
                kind,
            )
            .showing(source_custom_ids(&interaction))
            .reading(interaction_locale(&interaction).0);
            // Languages for what this member and guild read outside an answer (DMs, the
            // board, expired flows): noted here, saved in the background when changed.
            if let Some(user) = interaction_user(&interaction) {
                bot.locales
                    .member_seen(&bot.store, snowflake(user), responder.texts().locale());
            }
            if let (Some(guild), Some(code)) =
                (interaction.guild_id(), interaction_locale(&interaction).1)
            {
                bot.locales.guild_reported(snowflake(guild), Some(code));
            }
            // One member clicking in a loop would spend the bot's paced budget (and rows):
            // past their burst they are told to slow down (autocomplete costs nothing).
            let throttled = !matches!(interaction, Interaction::Autocomplete(_))
                && interaction_user(&interaction).is_some_and(|user| !bot.clicks.allow(user));
            // Boxed: the flows' futures are large, and tracking would copy them again.
            let handled = if throttled {
                responder.refuse(&Refusal::SlowDown).await;
                Some(())
            } else {
                bot.track(Box::pin(guarded(bot, &responder, &interaction)))
                    .await
            };
            if handled.is_none() {
                // Shutting down: nothing is started that might not finish.
                if matches!(interaction, Interaction::Autocomplete(_)) {
                    responder.autocomplete(Vec::new()).await;
                } else {
                    responder.refuse(&Refusal::Restarting).await;
                }
            }
            let outcome = responder.outcome();
            tracing::Span::current().record("outcome", outcome);
            crate::metrics::interaction_handled(kind, outcome);
            if matches!(interaction, Interaction::Autocomplete(_)) {
                tracing::debug!(outcome, "interaction handled");
            } else {
                tracing::info!(outcome, "interaction handled");
            }
        }
        .instrument(span)
        .await;
    }

    async fn channel_delete(
        &self,
        _ctx: Context,
        channel: GuildChannel,
        _messages: Option<Vec<Message>>,
    ) {
        if let Some(bot) = self.bot.get() {
            forget_channel(bot, channel.id).await;
        }
    }
}

/// The member's and the guild's locale codes, as the interaction carries them.
fn interaction_locale(interaction: &Interaction) -> (&str, Option<&str>) {
    match interaction {
        Interaction::Command(c) | Interaction::Autocomplete(c) => {
            (&c.locale, c.guild_locale.as_deref())
        }
        Interaction::Component(c) => (&c.locale, c.guild_locale.as_deref()),
        Interaction::Modal(m) => (&m.locale, m.guild_locale.as_deref()),
        _ => ("", None),
    }
}

/// The custom ids on the message a component or modal came from, in order.
fn source_custom_ids(interaction: &Interaction) -> Vec<String> {
    let message = match interaction {
        Interaction::Component(component) => Some(&*component.message),
        Interaction::Modal(modal) => modal.message.as_deref(),
        _ => None,
    };
    message
        .into_iter()
        .flat_map(|m| &m.components)
        .flat_map(|row| &row.components)
        .filter_map(|component| match component {
            ActionRowComponent::Button(button) => match &button.data {
                ButtonKind::NonLink { custom_id, .. } => Some(custom_id.clone()),
                _ => None,
            },
            ActionRowComponent::SelectMenu(menu) => menu.custom_id.clone(),
            _ => None,
        })
        .collect()
}

/// Dispatches inside a panic guard: a bug in one handler still answers its member (if
/// nothing was sent yet), is counted and logged, and never takes the bot down.
async fn guarded(bot: &Bot, responder: &Responder, interaction: &Interaction) {
    let Err(panic) = catch_panic(Box::pin(dispatch(bot, responder, interaction))).await else {
        return;
    };
    tracing::error!(panic = %panic, "handling an interaction panicked");
    responder.mark(Outcome::Panicked);
    if responder.answered() {
        return;
    }
    if matches!(interaction, Interaction::Autocomplete(_)) {
        responder.autocomplete(Vec::new()).await;
    } else {
        responder.refuse(&Refusal::TryAgain).await;
    }
}

/// Runs `work`, turning a panic in it into its message.
pub(crate) async fn catch_panic<F: std::future::Future>(work: F) -> Result<F::Output, String> {
    use futures::FutureExt;
    std::panic::AssertUnwindSafe(work)
        .catch_unwind()
        .await
        .map_err(|payload| {
            payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_owned())
        })
}

/// Routes an interaction to what handles its kind.
async fn dispatch(bot: &Bot, responder: &Responder, interaction: &Interaction) {
    match interaction {
        Interaction::Command(command) => on_command(bot, responder, command).await,
        Interaction::Autocomplete(command) => on_autocomplete(bot, responder, command).await,
        Interaction::Component(component) => on_component(bot, responder, component).await,
        Interaction::Modal(modal) => on_modal(bot, responder, modal).await,
        _ => {}
    }
}

/// The metrics' and logs' name for an interaction's kind.
fn interaction_kind(interaction: &Interaction) -> &'static str {
    match interaction {
        Interaction::Command(_) => "command",
        Interaction::Autocomplete(_) => "autocomplete",
        Interaction::Component(_) => "component",
        Interaction::Modal(_) => "modal",
        _ => "other",
    }
}

fn interaction_user(interaction: &Interaction) -> Option<serenity::all::UserId> {
    match interaction {
        Interaction::Command(c) | Interaction::Autocomplete(c) => Some(c.user.id),
        Interaction::Component(c) => Some(c.user.id),
        Interaction::Modal(m) => Some(m.user.id),
        _ => None,
    }
}

/// Records what the interaction asked for on its span.
fn record_action(action: &dyn std::fmt::Debug) {
    tracing::Span::current().record("action", field::debug(action));
}

async fn forget_channel(bot: &Bot, channel: ChannelId) {
    match bot.store.channel_deleted(snowflake(channel)).await {
        Ok(ended) if !ended.is_empty() => {
            tracing::info!(%channel, flows = ended.len(), "request channel deleted; its flows ended");
        }
        Ok(_) => {}
        Err(err) => tracing::error!(%err, %channel, "cannot forget a deleted channel"),
    }
}

fn actor(user: serenity::all::UserId, member: Option<&serenity::all::Member>) -> Actor {
    Actor {
        user,
        roles: member.map(|m| m.roles.clone()),
    }
}

async fn on_command(bot: &Bot, responder: &Responder, command: &CommandInteraction) {
    let actor = actor(command.user.id, command.member.as_deref());
    tracing::Span::current().record("action", command.data.name.as_str());
    match command.data.name.as_str() {
        "request" => {
            let item = command
                .data
                .options
                .iter()
                .find(|o| o.name == "item")
                .and_then(|o| o.value.as_str());
            flows::start_request(bot, responder, command.guild_id, &actor, item).await;
        }
        "status" => {
            flows::start_panel_view(bot, responder, command.guild_id, &actor, KIND_STATUS).await;
        }
        "register" => {
            flows::start_panel_view(bot, responder, command.guild_id, &actor, KIND_REGISTER).await;
        }
        "requests" => queue::start_queue(bot, responder, command.guild_id, &actor).await,
        "setup" => super::setup::start(bot, responder, command).await,
        "catalog" => super::catalog::on_command(bot, responder, command).await,
        other => {
            tracing::warn!(command = other, "unknown command");
            responder.refuse(&Refusal::UnknownCommand).await;
        }
    }
}

async fn on_autocomplete(bot: &Bot, responder: &Responder, command: &CommandInteraction) {
    tracing::Span::current().record("action", command.data.name.as_str());
    let Some(runtime) = command.guild_id.and_then(|g| bot.guild(snowflake(g))) else {
        return responder.autocomplete(Vec::new()).await;
    };
    let runtime = &*runtime;
    let query = command.data.autocomplete().map_or("", |o| o.value);
    if command.data.name == "catalog" {
        return responder
            .autocomplete(super::catalog::profession_choices(bot, runtime, query))
            .await;
    }
    // In the member's language where the catalog gives names in it: what they search for
    // and what they read (the value stays the item's place in the catalog).
    let texts = responder.texts();
    let catalog = &runtime.catalog;
    let choices = catalog
        .search_in(query, 25, texts)
        .into_iter()
        .filter_map(|found| {
            let p = catalog
                .professions()
                .iter()
                .position(|p| p.key == found.profession.key)?;
            let s = found
                .profession
                .slots
                .iter()
                .position(|s| s.name == found.slot.name)?;
            let i = found
                .slot
                .items
                .iter()
                .position(|i| i.name == found.item.name)?;
            let label = truncate(
                &format!(
                    "{} ({} › {})",
                    found.item.name_in(texts),
                    found.profession.name_in(texts),
                    found.slot.name_in(texts)
                ),
                100,
            );
            Some(AutocompleteChoice::new(label, format!("{p}.{s}.{i}")))
        })
        .collect();
    responder.autocomplete(choices).await;
}

async fn on_component(bot: &Bot, responder: &Responder, component: &ComponentInteraction) {
    if let Some(parsed) = crate::flow::setup::parse_custom_id(&component.data.custom_id) {
        return super::setup::on_component(bot, responder, component, parsed).await;
    }
    let actor = actor(component.user.id, component.member.as_ref());
    match CustomId::parse(&component.data.custom_id) {
        Ok(CustomId::Flow { key, action }) => {
            tracing::Span::current().record("session", field::display(&key));
            record_action(&action);
            let input = match &component.data.kind {
                ComponentInteractionDataKind::StringSelect { values } => {
                    FlowInput::Select(values.clone())
                }
                _ => FlowInput::Click,
            };
            flows::on_flow(bot, responder, &key, action, input, &actor).await;
        }
        Ok(CustomId::Panel { guild_id, button }) => {
            record_action(&button);
            if names_another_guild(component.guild_id, guild_id) {
                return refuse_other_guild(responder).await;
            }
            let guild = Some(serenity::all::GuildId::new(guild_id.get()));
            match button {
                PanelButton::CreateRequest => {
                    flows::start_request(bot, responder, guild, &actor, None).await;
                }
                PanelButton::MyRequests => {
                    flows::start_panel_view(bot, responder, guild, &actor, KIND_STATUS).await;
                }
                PanelButton::MyCharacters => {
                    flows::start_panel_view(bot, responder, guild, &actor, KIND_REGISTER).await;
                }
                PanelButton::ManageRequests => {
                    queue::start_queue(bot, responder, guild, &actor).await;
                }
            }
        }
        Ok(CustomId::Board {
            guild_id,
            number,
            action,
        }) => {
            record_action(&action);
            if names_another_guild(component.guild_id, guild_id) {
                return refuse_other_guild(responder).await;
            }
            let source = board_post_candidate(&component.message);
            let input = match &component.data.kind {
                ComponentInteractionDataKind::UserSelect { values } => {
                    BoardInput::Pick(values.iter().map(ToString::to_string).collect())
                }
                ComponentInteractionDataKind::StringSelect { values } => {
                    BoardInput::Pick(values.clone())
                }
                _ => BoardInput::Click,
            };
            let click = BoardClick {
                guild: guild_id,
                number,
                action,
                input,
                source,
            };
            crafting::on_board(bot, responder, click, &actor).await;
        }
        Err(err) => {
            tracing::info!(%err, "unrecognised component");
            responder.refuse(&Refusal::Unrecognised).await;
        }
    }
}

async fn on_modal(bot: &Bot, responder: &Responder, modal: &ModalInteraction) {
    if let Some(parsed) = crate::flow::setup::parse_custom_id(&modal.data.custom_id) {
        return super::setup::on_modal(bot, responder, modal, parsed, modal_fields(modal)).await;
    }
    let actor = actor(modal.user.id, modal.member.as_ref());
    match CustomId::parse(&modal.data.custom_id) {
        Ok(CustomId::Flow { key, action }) => {
            tracing::Span::current().record("session", field::display(&key));
            record_action(&action);
            let fields = modal_fields(modal);
            flows::on_flow(
                bot,
                responder,
                &key,
                action,
                FlowInput::Submit(fields),
                &actor,
            )
            .await;
        }
        Ok(CustomId::Board {
            guild_id,
            number,
            action,
        }) => {
            record_action(&action);
            if names_another_guild(modal.guild_id, guild_id) {
                return refuse_other_guild(responder).await;
            }
            let source = modal.message.as_deref().and_then(board_post_candidate);
            let input = BoardInput::Submit(modal_fields(modal));
            let click = BoardClick {
                guild: guild_id,
                number,
                action,
                input,
                source,
            };
            crafting::on_board(bot, responder, click, &actor).await;
        }
        _ => {
            responder.refuse(&Refusal::Unrecognised).await;
        }
    }
}

/// Whether a board or panel `custom_id` names another guild than the one the interaction
/// comes from. (Discord only delivers ids that are on the message, but a `custom_id` is
/// trusted to name what to act on, never where: the roles that come with the interaction
/// are its guild's.) From a DM (the DM home's panel, a lookup answered there) there is
/// no guild to compare, and the flows check the member there.
fn names_another_guild(interaction: Option<GuildId>, named: Snowflake) -> bool {
    interaction.is_some_and(|guild| snowflake(guild) != named)
}

async fn refuse_other_guild(responder: &Responder) {
    tracing::warn!("a custom_id names another guild than its interaction's");
    responder.refuse(&Refusal::OtherGuild).await;
}

/// The message a board button was on, as (channel, message), if it may be a board post:
/// an ephemeral message (a request looked up with `/requests` inside the board channel)
/// never is, since nobody else sees it and it cannot be edited later.
fn board_post_candidate(message: &Message) -> Option<(ChannelId, MessageId)> {
    let ephemeral = message
        .flags
        .is_some_and(|flags| flags.contains(MessageFlags::EPHEMERAL));
    (!ephemeral).then_some((message.channel_id, message.id))
}

/// The text inputs of a submitted modal, by custom id.
fn modal_fields(modal: &ModalInteraction) -> Vec<(String, String)> {
    modal
        .data
        .components
        .iter()
        .flat_map(|row| &row.components)
        .filter_map(|component| match component {
            ActionRowComponent::InputText(input) => Some((
                input.custom_id.clone(),
                input.value.clone().unwrap_or_default(),
            )),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[tokio::test]
    async fn a_panic_in_a_handler_is_caught_with_its_message() {
        let caught = catch_panic(async { panic!("boom at step 3") }).await;
        assert_eq!(caught, Err::<(), _>("boom at step 3".to_owned()));
        let formatted = catch_panic(async { panic!("{} of {}", 2, 3) }).await;
        assert_eq!(formatted, Err::<(), _>("2 of 3".to_owned()));
        assert_eq!(catch_panic(async { 7 }).await, Ok(7));
    }

    #[test]
    fn a_custom_id_may_name_only_its_interactions_guild() {
        let named = Snowflake::new(10).unwrap();
        assert!(!names_another_guild(Some(GuildId::new(10)), named));
        assert!(names_another_guild(Some(GuildId::new(11)), named));
        assert!(!names_another_guild(None, named), "from a DM");
    }
}
