//! `/requests` (and the panel's Manage requests) on Discord: the crafters' and officers'
//! queue as an ephemeral message with tabs, run as a session of kind `queue`. Loads what
//! the tab shows (pending requests, recently closed claims, a page of the audit log),
//! applies the pure `flow::queue` step, and carries out its effects (claim, release or
//! complete several requests, look one up, ask for a number or a name).

use serenity::all::{GuildId, RoleId};

use super::bot::{has_any_role, snowflake, Bot};
use super::crafting;
use super::flows::session::{
    answer_kept, current_roles, guild_or_reply, refusal_of, to_json, Actor, Hold, KIND_QUEUE,
};
use super::guilds::GuildRuntime;
use super::respond::Responder;
use crate::domain::Timestamp;
use crate::flow::board::Command;
use crate::flow::custom_id::{Action, QueueTab};
use crate::flow::queue::{self, QueueFlow, QueueItem};
use crate::flow::refusal::{Refusal, Where};
use crate::flow::request;
use crate::flow::step::{FlowState, Input, Next, Reply};
use crate::flow::ui::Screen;
use crate::i18n::Texts;
use crate::store::{NewSession, Session, StoreError};
use crate::{msg, t};

/// The professions `roles` may work on: all for officers, else their crafter roles'.
fn workable_professions(runtime: &GuildRuntime, roles: &[RoleId]) -> (bool, Vec<String>) {
    let officer = has_any_role(roles, &runtime.config.officer_role_ids);
    let mut professions: Vec<String> = if officer {
        runtime
            .catalog
            .professions()
            .iter()
            .map(|p| p.key.clone())
            .chain(runtime.config.crafter_roles.keys().cloned())
            .collect()
    } else {
        runtime
            .config
            .crafter_roles
            .iter()
            .filter(|(_, role)| has_any_role(roles, &[**role]))
            .map(|(p, _)| p.clone())
            .collect()
    };
    professions.sort();
    professions.dedup();
    (officer, professions)
}

/// `/requests` (or the panel's Manage requests): the crafters' list.
pub async fn start_queue(bot: &Bot, responder: &Responder, guild: Option<GuildId>, actor: &Actor) {
    let runtime = match guild_or_reply(bot, guild) {
        Ok(runtime) => runtime,
        Err(refusal) => return responder.refuse(&refusal).await,
    };
    let runtime = &*runtime;
    let Some(roles) = current_roles(bot, responder, runtime.config.id, actor, Hold::Message).await
    else {
        return;
    };
    let (_, professions) = workable_professions(runtime, &roles);
    if professions.is_empty() {
        return responder
            .refuse(&Refusal::NotAllowed(msg!("queue-refusal-not-a-crafter")))
            .await;
    }
    let state = FlowState::Queue(QueueFlow::default());
    let result = async {
        let new = NewSession::flow(snowflake(actor.user), runtime.config.id, &state, None)?;
        let session = bot.store.open_single_session(new, Timestamp::now()).await?;
        tracing::Span::current().record("session", tracing::field::display(&session.key));
        let texts = responder.texts();
        render_queue(bot, runtime, &session, &QueueFlow::default(), &roles, texts).await
    }
    .await;
    match result {
        Ok(screen) => {
            crate::metrics::flow_started(KIND_QUEUE);
            responder.ephemeral_screen(&screen).await;
        }
        Err(err) => responder.refuse(&refusal_of(&err)).await,
    }
}

/// The queue's current tab, worded in `texts` (the viewer's language).
async fn render_queue(
    bot: &Bot,
    runtime: &GuildRuntime,
    session: &Session,
    flow: &QueueFlow,
    roles: &[RoleId],
    texts: Texts,
) -> Result<Screen, StoreError> {
    let (officer, professions) = workable_professions(runtime, roles);
    let now = Timestamp::now();
    let stored = bot
        .store
        .pending_requests(session.guild_id, professions.clone())
        .await?;
    let items: Vec<QueueItem> = stored.iter().map(queue_item).collect();
    let closed: Vec<QueueItem> = if flow.tab == QueueTab::Work {
        let since = now.saturating_sub(RECENTLY_CLOSED);
        bot.store
            .recently_closed_claims(session.guild_id, session.user_id, since)
            .await?
            .iter()
            .map(queue_item)
            .collect()
    } else {
        Vec::new()
    };
    let audit = if flow.tab == QueueTab::Audit && officer {
        let offset = u32::from(flow.page) * u32::try_from(queue::PER_PAGE).unwrap_or(10);
        bot.store
            .audit_log(
                session.guild_id,
                flow.search.clone(),
                offset,
                u32::try_from(queue::PER_PAGE).unwrap_or(10),
            )
            .await?
    } else {
        crate::store::AuditPage::default()
    };
    let audit_lines: Vec<queue::AuditLine> = audit
        .entries
        .into_iter()
        .map(|e| queue::AuditLine {
            number: e.number,
            item: e.item,
            character: e.character_name,
            actor: e.actor_id,
            action: e.action,
            note: e.note.map(|note| texts.stored(&note)),
            at: e.at,
        })
        .collect();
    let ctx = queue::Context {
        key: &session.key,
        viewer: session.user_id,
        roles_known: true,
        officer,
        professions: &professions,
        requests: &items,
        closed: &closed,
        audit: &audit_lines,
        audit_total: audit.total,
        now,
        texts,
    };
    Ok(queue::render(flow, &ctx))
}

/// How far back "recently cancelled" in My work looks.
const RECENTLY_CLOSED: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3_600);

fn queue_item(r: &crate::store::StoredRequest) -> QueueItem {
    let plan: Option<request::Plan> = serde_json::from_str(&r.material_plan).ok();
    QueueItem {
        number: r.number,
        profession: r.profession.clone(),
        item: r.item.clone(),
        quantity: r.quantity,
        quantity_completed: r.quantity_completed,
        status: r.status,
        character: r.character_name.clone(),
        claimed_by: r.claimed_by,
        materials_icon: match plan {
            Some(request::Plan::MemberAll) => "📦",
            Some(request::Plan::MemberSome { .. }) => "🔶",
            Some(request::Plan::GuildCraft) => "🛡️",
            Some(request::Plan::MemberNone) | None => "❔",
        },
        materials: serde_json::from_str(&r.materials_json).unwrap_or_default(),
        created_at: r.created_at,
        reason: r.reason.clone(),
    }
}

pub(super) async fn on_queue(
    bot: &Bot,
    responder: &Responder,
    runtime: &GuildRuntime,
    session: &Session,
    flow: QueueFlow,
    input: Input<'_>,
    actor: &Actor,
) -> Result<(), StoreError> {
    let texts = responder.texts();
    let ctx_for = |roles: Option<&[RoleId]>| {
        let (officer, professions) = roles.map_or((false, Vec::new()), |roles| {
            workable_professions(runtime, roles)
        });
        (roles.is_some(), officer, professions)
    };
    let mut roles = actor.roles.clone();
    let (mut roles_known, mut officer, mut professions) = ctx_for(roles.as_deref());
    let mut transition = step_with(
        &flow,
        input,
        session,
        texts,
        (roles_known, officer),
        &professions,
    );
    if transition.reply == Reply::NeedsRoles {
        // A click in a DM carries no roles, and reading them is a paced call: answer
        // first (a deferred update, filled in below).
        responder.defer_update().await;
        let fetched = actor.roles_in(bot, session.guild_id).await;
        (roles_known, officer, professions) = ctx_for(Some(&fetched));
        roles = Some(fetched);
        transition = step_with(
            &flow,
            input,
            session,
            texts,
            (roles_known, officer),
            &professions,
        );
    }
    let roles = roles.unwrap_or_default();
    let Next::Save(next) = transition.next else {
        answer_kept(responder, &transition.reply, Where::Requests).await;
        return Ok(());
    };
    let state = to_json(&next)?;
    bot.store
        .save_session(&session.key, session.version, state, Timestamp::now())
        .await?;
    let mut screen = match transition.effect {
        queue::Effect::Lookup(number) => {
            let Some(screen) = lookup_screen(bot, session, number, next.tab, texts).await? else {
                responder.refuse(&Refusal::NotFound { number }).await;
                return Ok(());
            };
            screen
        }
        queue::Effect::None => render_queue(bot, runtime, session, &next, &roles, texts).await?,
        queue::Effect::Claim(numbers) => {
            let lines = crafting::apply_many(
                bot,
                runtime,
                texts,
                session.user_id,
                &roles,
                &numbers,
                |_| Command::Claim,
            )
            .await;
            with_outcome(
                render_queue(bot, runtime, session, &next, &roles, texts).await?,
                &lines,
            )
        }
        queue::Effect::Release(numbers) => {
            let lines = crafting::apply_many(
                bot,
                runtime,
                texts,
                session.user_id,
                &roles,
                &numbers,
                |_| Command::Release,
            )
            .await;
            with_outcome(
                render_queue(bot, runtime, session, &next, &roles, texts).await?,
                &lines,
            )
        }
        queue::Effect::FinishFor(number) => {
            let lines =
                finish_for_character(bot, runtime, session, texts, &roles, professions, number)
                    .await?;
            with_outcome(
                render_queue(bot, runtime, session, &next, &roles, texts).await?,
                &lines,
            )
        }
    };
    screen.content = crate::flow::text::truncate(&screen.content, 2_000);
    responder.update(&screen).await;
    Ok(())
}

/// The queue's step, with the viewer's rights as far as they are known: `(roles_known,
/// officer)`.
fn step_with(
    flow: &QueueFlow,
    input: Input<'_>,
    session: &Session,
    texts: Texts,
    (roles_known, officer): (bool, bool),
    professions: &[String],
) -> queue::Transition {
    let ctx = queue::Context {
        key: &session.key,
        viewer: session.user_id,
        roles_known,
        officer,
        professions,
        requests: &[],
        closed: &[],
        audit: &[],
        audit_total: 0,
        now: Timestamp::now(),
        texts,
    };
    queue::step(flow, input, &ctx)
}

/// "Complete all for this character": every request the viewer claimed for the character
/// request `number` is for (the menu names characters by a request: see
/// `queue::Effect::FinishFor`), completed in full, each on its own.
async fn finish_for_character(
    bot: &Bot,
    runtime: &GuildRuntime,
    session: &Session,
    texts: Texts,
    roles: &[RoleId],
    professions: Vec<String>,
    number: u32,
) -> Result<Vec<String>, StoreError> {
    let Some(named) = bot
        .store
        .request_by_number(session.guild_id, number)
        .await?
    else {
        return Ok(vec![Refusal::Stale(Where::MyWork).reply_in(texts)]);
    };
    let character = named.character_name;
    let numbers: Vec<u32> = bot
        .store
        .pending_requests(session.guild_id, professions)
        .await?
        .iter()
        .filter(|r| r.claimed_by == Some(session.user_id) && r.character_name == character)
        .map(|r| r.number)
        .collect();
    if numbers.is_empty() {
        return Ok(vec![t!(
            texts,
            "queue-finish-none-left",
            character =
                crate::flow::text::truncate(&crate::flow::text::neutralise(&character), 100)
        )]);
    }
    Ok(
        crafting::apply_many(bot, runtime, texts, session.user_id, roles, &numbers, |r| {
            Command::Complete {
                quantity: r.quantity.saturating_sub(r.quantity_completed),
                note: String::new(),
            }
        })
        .await,
    )
}

/// `screen` with one line per request acted on under its heading.
fn with_outcome(mut screen: Screen, lines: &[String]) -> Screen {
    screen.content = format!("{}\n{}", screen.content, lines.join("\n"));
    screen
}

/// A request looked up by number: as on the board, with its history, and a way back.
async fn lookup_screen(
    bot: &Bot,
    session: &Session,
    number: u32,
    tab: crate::flow::custom_id::QueueTab,
    texts: Texts,
) -> Result<Option<Screen>, StoreError> {
    use std::fmt::Write as _;
    let Some(request) = bot
        .store
        .request_by_number(session.guild_id, number)
        .await?
    else {
        return Ok(None);
    };
    let events = bot
        .store
        .request_events_for(session.guild_id, number)
        .await?;
    // The viewer's own message: the board post in their language.
    let mut screen = super::board::board_screen(&request, texts);
    let now = Timestamp::now();
    let mut trail = String::new();
    for event in events.iter().rev().take(20) {
        let note = event
            .note
            .as_deref()
            .map(|n| {
                t!(
                    texts,
                    "log-note",
                    note = crate::flow::text::truncate(
                        &crate::flow::text::neutralise_note_line(&texts.stored(n)),
                        120
                    )
                )
            })
            .unwrap_or_default();
        let minutes = (now.as_millis() - event.at.as_millis()).max(0) / 60_000;
        let line = t!(
            texts,
            "queue-history-line",
            event = queue::event_words(texts, &event.action),
            actor = event.actor_id,
            minutes = minutes,
            note = note
        );
        let _ = writeln!(trail, "{line}");
    }
    if let Some(card) = &mut screen.card {
        let trail = if trail.is_empty() {
            t!(texts, "queue-history-empty")
        } else {
            trail
        };
        card.fields.push((
            t!(texts, "queue-history-title"),
            crate::flow::text::truncate(&trail, 1_024),
        ));
    }
    screen.content = t!(texts, "queue-lookup-heading", number = number);
    // The board's own buttons (they act on the request and answer privately), then the way
    // back to the list.
    screen.rows.push(crate::flow::ui::Row::Buttons(vec![
        crate::flow::ui::Button::new(
            crate::flow::custom_id::flow_id(&session.key, Action::Queue(tab)),
            &t!(texts, "queue-back-to-list"),
            crate::flow::ui::ButtonStyle::Secondary,
        ),
    ]));
    Ok(Some(screen))
}
