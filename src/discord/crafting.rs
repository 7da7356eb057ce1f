//! Crafters' and officers' actions on a request (from its board message): claim, start,
//! release, complete, deny, cancel, reopen, reassign (officers pick the crafter in a user
//! menu); then the board, the log channel and the notifications. Recording handed-over
//! materials is in `handover.rs`.

use std::time::Duration;

use serenity::all::{ChannelId, CreateMessage, GuildId, MessageId, UserId};

use super::board::{self, board_screen};
use super::bot::{discord_code, has_any_role, snowflake, Bot};
use super::flows::session::{refusal_of, Actor};
use super::guilds::GuildRuntime;
use super::respond::Responder;
use super::rest::{self, Lane, Rest};
use super::spaces::DM_BLOCKED;
use crate::domain::{Snowflake, Timestamp};
use crate::flow::board::{
    decide, may, may_reassign, Change, Command, Notice, Rights, Snapshot, MAX_NOTE_CHARS,
};
use crate::flow::custom_id::{BoardAction, CustomId};
use crate::flow::refusal::{Refusal, Where};
use crate::flow::text::{neutralise, truncate};
use crate::flow::ui::{Modal, Row, Screen, TextInput, UserSelect};
use crate::i18n::{Msg, Texts};
use crate::pace::Priority;
use crate::retry::{with_backoff, Backoff};
use crate::store::{StatusChange, StoreError, StoredRequest};
use crate::{msg, t};

/// What came with a board interaction.
pub enum BoardInput {
    Click,
    /// Values picked in a menu (the crafter picked for a reassignment).
    Pick(Vec<String>),
    Submit(Vec<(String, String)>),
}

/// One board interaction: which request, what was pressed, where.
pub struct BoardClick {
    pub guild: Snowflake,
    pub number: u32,
    pub action: BoardAction,
    pub input: BoardInput,
    /// The message the button was on (channel, message); `None` when it was ephemeral
    /// (then it is never taken for the board post).
    pub source: Option<(ChannelId, MessageId)>,
}

/// Handles a board button or its modal.
#[allow(clippy::too_many_lines)] // load, authorise, decide, CAS, answer, tell: one path
pub async fn on_board(bot: &Bot, responder: &Responder, click: BoardClick, actor: &Actor) {
    let BoardClick {
        guild,
        number,
        action,
        input,
        source: source_message,
    } = click;
    let Some(runtime) = bot.guild(guild) else {
        return responder.refuse(&Refusal::NotSetUp).await;
    };
    let runtime = &*runtime;
    // The clicker reads the answers and forms; the board post reads the guild's language.
    let texts = responder.texts();
    let request = match bot.store.request_by_number(guild, number).await {
        Ok(Some(request)) => request,
        Ok(None) => return responder.refuse(&Refusal::NotFound { number }).await,
        Err(err) => return responder.refuse(&refusal_of(&err)).await,
    };
    if actor.roles.is_none() {
        // A click in a DM carries no roles, and reading them is a paced call: answer
        // first (a deferred update, filled in below), unless the click opens a form,
        // which can only be a first answer.
        let opens_form = matches!(input, BoardInput::Click)
            && (action == BoardAction::Handover
                || matches!(command_for(action, &input, &request, texts), Some(Err(_))));
        if !opens_form {
            responder.defer_update().await;
        }
    }
    let roles = actor.roles_in(bot, guild).await;
    let rights = rights_for(runtime, snowflake(actor.user), &roles, &request.profession);
    let snapshot = snapshot_of(&request);
    if action == BoardAction::Handover {
        return super::handover::on_handover(bot, responder, runtime, &request, &rights, &input)
            .await;
    }
    let command = match (action, &input) {
        (BoardAction::Reassign, BoardInput::Pick(values)) => {
            let allowed = match may_reassign(&snapshot, &rights) {
                Ok(()) => reassign_to(bot, runtime, &request, values).await,
                Err(refusal) => Err(refusal),
            };
            match allowed {
                Ok(command) => command,
                Err(refusal) => return responder.refuse(&refusal).await,
            }
        }
        (BoardAction::Reassign, _) => {
            return match may_reassign(&snapshot, &rights) {
                Ok(()) => {
                    responder
                        .ephemeral_screen(&crafter_picker(&request, texts))
                        .await;
                }
                Err(refusal) => responder.refuse(&refusal).await,
            };
        }
        (_, BoardInput::Pick(_)) => return responder.refuse(&Refusal::Stale(Where::Board)).await,
        _ => match (&input, command_for(action, &input, &request, texts)) {
            (_, Some(Ok(command))) => command,
            (_, None) => return responder.refuse(&Refusal::Stale(Where::Board)).await,
            (BoardInput::Click, Some(Err(modal))) => {
                // Check the right before asking for details.
                let probe = probe_command(action);
                return match may(&snapshot, &rights, &probe) {
                    Ok(()) => responder.modal(&modal).await,
                    Err(refusal) => responder.refuse(&refusal).await,
                };
            }
            (_, Some(Err(_))) => return responder.refuse(&Refusal::Stale(Where::BoardForm)).await,
        },
    };
    let change = match decide(&snapshot, &rights, &command) {
        Ok(change) => change,
        Err(refusal) => return responder.refuse(&refusal).await,
    };
    let stored = status_change(&snapshot, &change);
    match bot
        .store
        .change_request(guild, number, stored, rights.user, Timestamp::now())
        .await
    {
        Ok(()) => {}
        Err(StoreError::Conflict { .. }) => {
            let now = bot
                .store
                .request_by_number(guild, number)
                .await
                .ok()
                .flatten();
            let text = match now.and_then(|r| r.claimed_by.filter(|_| action == BoardAction::Claim))
            {
                Some(holder) => msg!("board-refusal-too-late", number = number, crafter = holder),
                None => msg!("board-refusal-changed-meanwhile", number = number),
            };
            return responder.refuse(&Refusal::Changed(text)).await;
        }
        Err(err) => return responder.refuse(&refusal_of(&err)).await,
    }
    let Ok(Some(updated)) = bot.store.request_by_number(guild, number).await else {
        return responder.ephemeral(&t!(texts, "board-answer-done")).await;
    };
    // A click on the board message itself updates it in place. (Its id may not be stored
    // yet when the click races the post that created it: then this is the one, remember it.)
    // (A pick in the reassign menu came from our own ephemeral message, never the board's.)
    let picked = matches!(input, BoardInput::Pick(_));
    let on_board_message = source_message.filter(|(channel, message)| {
        !picked
            && runtime.config.board_channel_id == Some(snowflake(*channel))
            && updated
                .board_message_id
                .is_none_or(|stored| stored == snowflake(*message))
    });
    if let Some((channel, message)) = on_board_message {
        responder
            .update(&board_screen(&updated, bot.guild_texts(guild)))
            .await;
        if updated.board_message_id.is_none() {
            if let Err(err) = bot
                .store
                .set_board_message(updated.id, snowflake(channel), snowflake(message))
                .await
            {
                tracing::error!(%err, "cannot remember the board message");
            }
        }
    } else {
        let text = match (change.notice, updated.claimed_by) {
            (Notice::Reassigned { .. }, Some(crafter)) => t!(
                texts,
                "board-answer-now-with",
                number = number,
                crafter = crafter
            ),
            _ => t!(
                texts,
                "board-answer-now",
                number = number,
                status = updated.status.as_str()
            ),
        };
        if picked {
            // The picker was our own ephemeral message: replace it with the outcome.
            responder.update(&Screen::text(&text)).await;
        } else {
            responder.ephemeral(&text).await;
        }
        board::publish(bot, runtime, &updated).await;
    }
    tracing::info!(%guild, number, event = change.event, "request changed");
    after_change(bot, runtime, &updated, &change, rights.user).await;
}

/// The officer's menu of who should get request `request` (Discord lists the members).
fn crafter_picker(request: &StoredRequest, texts: Texts) -> Screen {
    Screen {
        content: truncate(
            &t!(
                texts,
                "board-picker",
                number = request.number,
                item = neutralise(&request.item),
                quantity = request.quantity,
                profession = neutralise(&request.profession)
            ),
            2_000,
        ),
        card: None,
        rows: vec![Row::Users(UserSelect {
            custom_id: CustomId::Board {
                guild_id: request.guild_id,
                number: request.number,
                action: BoardAction::Reassign,
            }
            .to_string(),
            placeholder: t!(texts, "board-picker-placeholder"),
        })],
    }
}

/// The reassignment to the member picked in the menu, with whether they may craft this
/// request (from their roles now).
async fn reassign_to(
    bot: &Bot,
    runtime: &GuildRuntime,
    request: &StoredRequest,
    values: &[String],
) -> Result<Command, Refusal> {
    let [value] = values else {
        return Err(Refusal::Invalid(msg!("board-refusal-pick-one-member")));
    };
    let to = value
        .parse::<Snowflake>()
        .map_err(|_| Refusal::Stale(Where::Reassign))?;
    let member = bot
        .rest
        .call(
            rest::GET_MEMBER,
            Lane::Global(Priority::Urgent),
            GuildId::new(request.guild_id.get()).member(&*bot.http, UserId::new(to.get())),
        )
        .await;
    let roles = match member {
        Ok(member) if member.user.bot => {
            return Err(Refusal::Invalid(msg!("board-refusal-picked-a-bot")));
        }
        Ok(member) => member.roles,
        Err(err) if discord_code(&err) == Some(UNKNOWN_MEMBER) => {
            return Err(Refusal::Invalid(msg!(
                "board-refusal-picked-left",
                member = to
            )));
        }
        Err(err) => {
            tracing::warn!(%err, "cannot read the picked member's roles");
            return Err(Refusal::TryAgain);
        }
    };
    let rights = rights_for(runtime, to, &roles, &request.profession);
    Ok(Command::Reassign {
        to,
        to_crafts: rights.crafts || rights.officer,
    })
}

const UNKNOWN_MEMBER: isize = 10_007;

/// The command a click or a submitted modal means; `Err(modal)` (worded in `texts`, the
/// clicker's language) when details are needed; `None` for the actions that are not a
/// plain command (reassign, handover).
fn command_for(
    action: BoardAction,
    input: &BoardInput,
    request: &StoredRequest,
    texts: Texts,
) -> Option<Result<Command, Modal>> {
    let id = CustomId::Board {
        guild_id: request.guild_id,
        number: request.number,
        action,
    }
    .to_string();
    let field = |name: &str| match input {
        BoardInput::Submit(fields) => fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone()),
        BoardInput::Click | BoardInput::Pick(_) => None,
    };
    let note_input = |label: String, required: bool| TextInput {
        long: true,
        required,
        max_length: Some(u16::try_from(MAX_NOTE_CHARS).unwrap_or(500)),
        ..TextInput::short("note", &truncate(&label, 45))
    };
    Some(match action {
        BoardAction::Reassign | BoardAction::Handover => return None,
        BoardAction::Claim => Ok(Command::Claim),
        BoardAction::Start => Ok(Command::Start),
        BoardAction::Release => Ok(Command::Release),
        BoardAction::Reopen => Ok(Command::Reopen),
        BoardAction::Complete => {
            let remaining = request.quantity.saturating_sub(request.quantity_completed);
            match field("quantity") {
                Some(quantity) => Ok(Command::Complete {
                    quantity: quantity.trim().parse().unwrap_or(0),
                    note: field("note").unwrap_or_default(),
                }),
                None => Err(Modal {
                    custom_id: id,
                    title: truncate(
                        &t!(texts, "board-form-complete-title", number = request.number),
                        45,
                    ),
                    inputs: vec![
                        TextInput {
                            value: Some(remaining.to_string()),
                            max_length: Some(5),
                            ..TextInput::short(
                                "quantity",
                                &truncate(&t!(texts, "board-form-quantity"), 45),
                            )
                        },
                        note_input(t!(texts, "board-form-note"), false),
                    ],
                }),
            }
        }
        BoardAction::Deny | BoardAction::Cancel => match field("note") {
            Some(reason) if action == BoardAction::Deny => Ok(Command::Deny { reason }),
            Some(reason) => Ok(Command::Cancel { reason }),
            None => Err(Modal {
                custom_id: id,
                title: truncate(
                    &if action == BoardAction::Deny {
                        t!(texts, "board-form-deny-title", number = request.number)
                    } else {
                        t!(texts, "board-form-cancel-title", number = request.number)
                    },
                    45,
                ),
                inputs: vec![note_input(t!(texts, "board-form-reason"), true)],
            }),
        },
    })
}

/// A stand-in command to check the right to open a modal.
fn probe_command(action: BoardAction) -> Command {
    match action {
        BoardAction::Complete => Command::Complete {
            quantity: 1,
            note: String::new(),
        },
        BoardAction::Deny => Command::Deny {
            reason: "?".to_owned(),
        },
        BoardAction::Cancel => Command::Cancel {
            reason: "?".to_owned(),
        },
        BoardAction::Claim => Command::Claim,
        BoardAction::Start => Command::Start,
        BoardAction::Release => Command::Release,
        // These open no modal of `command_for`'s; they are never probed.
        BoardAction::Reopen | BoardAction::Reassign | BoardAction::Handover => Command::Reopen,
    }
}

/// The log line of a committed change, worded in `texts`: "Request #4 (Enchant Boots ×2)
/// was completed by <@crafter> (2 of 2 done): a note."
fn change_line(texts: Texts, request: &StoredRequest, change: &Change, actor: Snowflake) -> String {
    let action = match change.notice {
        Notice::Claimed => "claimed",
        Notice::Started => "started",
        Notice::Completed if change.status == crate::domain::RequestStatus::Completed => {
            "completed"
        }
        Notice::Completed => "partly-completed",
        Notice::Released => "released",
        Notice::Denied => "denied",
        Notice::Cancelled => "cancelled",
        Notice::Reopened => "reopened",
        Notice::Reassigned { .. } => "reassigned",
    };
    let progress = if change.quantity_completed > 0 && change.notice == Notice::Completed {
        t!(
            texts,
            "log-progress",
            done = change.quantity_completed,
            quantity = request.quantity
        )
    } else {
        String::new()
    };
    let note = change
        .note
        .clone()
        .or_else(|| change.reason.clone().map(Msg::Plain))
        .map(|note| {
            let note = truncate(
                &crate::flow::text::neutralise_note_line(&texts.msg(&note)),
                500,
            );
            t!(texts, "log-note", note = note)
        })
        .unwrap_or_default();
    t!(
        texts,
        "log-request-changed",
        action = action,
        number = request.number,
        item = neutralise(&request.item),
        quantity = request.quantity,
        actor = actor,
        progress = progress,
        note = note
    )
}

/// After the change is committed: a line in the log channel (the guild's language), and
/// the notifications (each in its reader's language; in the background, retried; never
/// holding up the answer).
async fn after_change(
    bot: &Bot,
    runtime: &GuildRuntime,
    request: &StoredRequest,
    change: &Change,
    actor: Snowflake,
) {
    let guild = runtime.config.id;
    let logged = change_line(bot.guild_texts(guild), request, change, actor);
    post_to_log(bot, runtime, &logged).await;
    let switches = &runtime.config.notifications;
    let wanted = match change.notice {
        Notice::Claimed => switches.claim,
        Notice::Started => switches.start,
        Notice::Completed => switches.complete,
        Notice::Released => switches.release,
        Notice::Denied => switches.deny,
        Notice::Cancelled => switches.cancel,
        Notice::Reopened => false,
        Notice::Reassigned { .. } => switches.reassign,
    };
    let tell = async |user: Snowflake, notice: Notification| {
        let texts = bot.member_texts(user).await;
        let line = change_line(texts, request, change, actor);
        let text = match notice {
            Notification::Updated => t!(texts, "dm-request-updated", line = line),
            Notification::Given => t!(texts, "dm-request-given", line = line),
            Notification::Taken => t!(texts, "dm-request-taken", line = line),
        };
        tokio::spawn(notify(
            bot.http.clone(),
            bot.rest.clone(),
            bot.store.clone(),
            bot.closed_dms.clone(),
            guild,
            user,
            text,
        ));
    };
    if wanted && request.user_id != actor {
        tell(request.user_id, Notification::Updated).await;
    }
    if let (Notice::Reassigned { from }, true) = (change.notice, wanted) {
        // Both crafters hear of it (unless they did it themselves).
        if let Some(to) = request.claimed_by.filter(|to| *to != actor) {
            tell(to, Notification::Given).await;
        }
        if let Some(from) = from.filter(|from| *from != actor) {
            tell(from, Notification::Taken).await;
        }
    }
}

/// Which notification a member gets of a change.
#[derive(Clone, Copy)]
enum Notification {
    /// The requester: their request changed.
    Updated,
    /// A crafter was given the request.
    Given,
    /// A crafter had the request, and it was given to someone else.
    Taken,
}

/// DMs the requester; if DMs are closed (known from a refusal in the last minutes, or
/// refused now), posts in their request channel; else logs it. Retries 429/5xx with
/// backoff (1 s, 2 s, 4 s).
#[allow(clippy::too_many_arguments)] // what the spawned task owns, one by one
async fn notify(
    http: std::sync::Arc<serenity::all::Http>,
    rest: std::sync::Arc<Rest>,
    store: crate::store::Store,
    closed_dms: std::sync::Arc<super::members::ClosedDms>,
    guild: Snowflake,
    user: Snowflake,
    text: String,
) {
    let message = || {
        CreateMessage::new()
            .content(&text)
            .allowed_mentions(serenity::all::CreateAllowedMentions::new())
    };
    let user_id = UserId::new(user.get());
    // Known closed, or near Discord's invalid-request limit (a refused DM counts): no
    // knocking, straight to the request channel.
    let try_dm = !closed_dms.closed(user_id) && !rest.near_invalid_limit();
    if try_dm {
        // Member-facing: paced with members' calls, not behind cleanup.
        let lane = Lane::Global(Priority::Urgent);
        let backoff = Backoff {
            first: Duration::from_secs(1),
            max: Duration::MAX,
            retries: 3,
        };
        let (rest, http, message) = (&*rest, &*http, &message);
        let dm_then_message = || async move {
            let dm = rest
                .call(rest::CREATE_DM, lane, user_id.create_dm_channel(http))
                .await?;
            rest.call(
                rest::CREATE_MESSAGE,
                lane,
                dm.id.send_message(http, message()),
            )
            .await
            .map(|_| ())
        };
        let sent = with_backoff(backoff, dm_then_message, |err, attempt| {
            let again = discord_code(err) != Some(DM_BLOCKED) && super::rest::retryable(err);
            if again {
                tracing::info!(%err, attempt, "notification failed; retrying");
            }
            again
        })
        .await;
        match sent {
            Ok(()) => return closed_dms.delivered(user_id),
            Err(err) if discord_code(&err) == Some(DM_BLOCKED) => closed_dms.refused(user_id),
            Err(err) => return tracing::warn!(%err, %user, "cannot notify the requester"),
        }
    }
    match store.member_channel(guild, user).await {
        Ok(Some(channel)) => {
            let sent = rest
                .call(
                    rest::CREATE_MESSAGE,
                    Lane::Global(Priority::Urgent),
                    ChannelId::new(channel.get()).send_message(&*http, message()),
                )
                .await;
            if let Err(err) = sent {
                tracing::warn!(%err, %user, "cannot notify the requester in their channel either");
            }
        }
        _ => {
            tracing::info!(%user, "the requester blocks DMs and has no request channel; notification only logged");
        }
    }
}

/// The viewer's rights on a profession, from their roles now.
pub fn rights_for(
    runtime: &GuildRuntime,
    user: Snowflake,
    roles: &[serenity::all::RoleId],
    profession: &str,
) -> Rights {
    Rights {
        user,
        officer: has_any_role(roles, &runtime.config.officer_role_ids),
        crafts: runtime
            .config
            .crafter_roles
            .get(profession)
            .is_some_and(|role| has_any_role(roles, &[*role])),
    }
}

/// Applies `command_for(request)` to several requests, each on its own (checked and
/// compare-and-swapped, then the board, log and notifications as for one); returns one line
/// per request saying what happened, worded in `texts` (the clicker's language).
#[allow(clippy::too_many_arguments)] // who, where, which, what, and in which language
pub async fn apply_many(
    bot: &Bot,
    runtime: &GuildRuntime,
    texts: Texts,
    user: Snowflake,
    roles: &[serenity::all::RoleId],
    numbers: &[u32],
    command_for: impl Fn(&StoredRequest) -> Command,
) -> Vec<String> {
    let guild = runtime.config.id;
    let mut lines = Vec::new();
    for &number in numbers {
        let Ok(Some(request)) = bot.store.request_by_number(guild, number).await else {
            lines.push(t!(texts, "queue-outcome-missing", number = number));
            continue;
        };
        let rights = rights_for(runtime, user, roles, &request.profession);
        let snapshot = snapshot_of(&request);
        let change = match decide(&snapshot, &rights, &command_for(&request)) {
            Ok(change) => change,
            Err(refusal) => {
                lines.push(t!(
                    texts,
                    "queue-outcome-refused",
                    number = number,
                    reason = refusal.reply_in(texts)
                ));
                continue;
            }
        };
        match bot
            .store
            .change_request(
                guild,
                number,
                status_change(&snapshot, &change),
                user,
                Timestamp::now(),
            )
            .await
        {
            Ok(()) => {
                lines.push(t!(
                    texts,
                    "queue-outcome-done",
                    number = number,
                    event = crate::flow::queue::event_words(texts, change.event)
                ));
                if let Ok(Some(updated)) = bot.store.request_by_number(guild, number).await {
                    board::publish(bot, runtime, &updated).await;
                    after_change(bot, runtime, &updated, &change, user).await;
                }
            }
            Err(StoreError::Conflict { .. }) => {
                lines.push(t!(texts, "queue-outcome-conflict", number = number));
            }
            Err(err) => {
                tracing::error!(%err, number, "cannot change a request");
                lines.push(t!(texts, "queue-outcome-failed", number = number));
            }
        }
    }
    lines
}

/// Posts `text` in the guild's log channel, if it has one (mentions never ping).
pub(super) async fn post_to_log(bot: &Bot, runtime: &GuildRuntime, text: &str) {
    let Some(log) = runtime.config.log_channel_id else {
        return;
    };
    let message = CreateMessage::new()
        .content(text)
        .allowed_mentions(serenity::all::CreateAllowedMentions::new());
    let posted = bot
        .rest
        .call(
            rest::CREATE_MESSAGE,
            Lane::Global(Priority::Urgent),
            ChannelId::new(log.get()).send_message(&*bot.http, message),
        )
        .await;
    if let Err(err) = posted {
        tracing::warn!(%err, "cannot post to the log channel");
    }
}

pub(super) fn snapshot_of(request: &StoredRequest) -> Snapshot {
    Snapshot {
        status: request.status,
        claimed_by: request.claimed_by,
        quantity: request.quantity,
        quantity_completed: request.quantity_completed,
    }
}

/// The store's compare-and-swap for `change`, made from `snapshot`.
fn status_change(snapshot: &Snapshot, change: &Change) -> StatusChange {
    StatusChange {
        expected_status: snapshot.status,
        expected_claimed_by: snapshot.claimed_by,
        expected_completed: snapshot.quantity_completed,
        status: change.status,
        claimed_by: change.claimed_by,
        quantity_completed: change.quantity_completed,
        reason: change.reason.clone(),
        event: change.event,
        // Stored as history: the crafter's words, or craftdesk's as a message worded when
        // read, in the reader's language.
        note: change.note.as_ref().map(Msg::stored),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::domain::RequestStatus;
    use crate::flow::limits::{check_modal, check_screen};
    use crate::i18n::Locale;

    fn id(n: u64) -> Snowflake {
        Snowflake::new(n).unwrap()
    }

    fn request(number: u32) -> StoredRequest {
        StoredRequest {
            id: 1,
            number,
            guild_id: id(1),
            user_id: id(42),
            character_name: "Mira".to_owned(),
            profession: "enchanting".repeat(30),
            gear_slot: "Boots".to_owned(),
            item: "Enchant Boots".to_owned(),
            quantity: 2,
            quantity_completed: 1,
            notes: String::new(),
            material_plan: String::new(),
            materials_json: String::new(),
            status: RequestStatus::InProgress,
            claimed_by: Some(id(9)),
            reason: None,
            board_message_id: None,
            created_at: Timestamp::from_millis(0),
        }
    }

    /// Issue 18: the forms a board button opens and the officer's crafter picker, in every
    /// shipped language, within Discord's limits (a request number as long as they come).
    #[test]
    fn the_board_forms_fit_discords_limits_in_every_language() {
        let request = request(u32::MAX);
        for locale in Locale::ALL {
            let texts = locale.texts();
            for action in [
                BoardAction::Complete,
                BoardAction::Deny,
                BoardAction::Cancel,
            ] {
                let Some(Err(modal)) = command_for(action, &BoardInput::Click, &request, texts)
                else {
                    panic!("{locale}: {action:?} opens a form");
                };
                assert_eq!(
                    check_modal(&modal),
                    Vec::<String>::new(),
                    "{locale} {action:?}"
                );
                assert!(!modal.title.ends_with('…'), "{locale}: {}", modal.title);
            }
            let picker = crafter_picker(&request, texts);
            assert_eq!(check_screen(&picker), Vec::<String>::new(), "{locale}");
        }
        let Some(Err(french)) = command_for(
            BoardAction::Complete,
            &BoardInput::Click,
            &request,
            Locale::French.texts(),
        ) else {
            panic!("the form opens");
        };
        assert_eq!(french.title, format!("Terminer la demande #{}", u32::MAX));
        assert_eq!(french.inputs[0].label, "Quantité fabriquée maintenant");
    }

    /// A change's line, for the log channel and each notification: English as it always
    /// was, and each reader's language with the same facts.
    #[test]
    fn a_change_is_worded_in_each_readers_language() {
        let request = request(4);
        let change = Change {
            status: RequestStatus::InProgress,
            claimed_by: Some(id(9)),
            quantity_completed: 1,
            reason: None,
            event: "partially_completed",
            note: Some(Msg::Plain("half\nof it".to_owned())),
            notice: Notice::Completed,
        };
        assert_eq!(
            change_line(Texts::ENGLISH, &request, &change, id(9)),
            "Request #4 (Enchant Boots ×2) was partly completed by <@9> (1 of 2 done): half of it."
        );
        assert_eq!(
            change_line(Locale::German.texts(), &request, &change, id(9)),
            "Anfrage #4 (Enchant Boots ×2) wurde von <@9> teilweise abgeschlossen (1 von 2 fertig): half of it."
        );
        let reopened = Change {
            status: RequestStatus::Open,
            claimed_by: None,
            quantity_completed: 0,
            event: "reopened",
            note: Some(crate::msg!(
                "board-note-reopened",
                quantity = 2_u32,
                done = 2_u32
            )),
            notice: Notice::Reopened,
            ..change
        };
        assert_eq!(
            change_line(Texts::ENGLISH, &request, &reopened, id(20)),
            "Request #4 (Enchant Boots ×2) was reopened by <@20>: all 2 to craft again \\(2 had been done\\)."
        );
        assert_eq!(
            change_line(Locale::French.texts(), &request, &reopened, id(20)),
            "La demande #4 (Enchant Boots ×2) a été rouverte par <@20> : les 2 à refabriquer \\(2 étaient déjà faits\\)."
        );
        for locale in Locale::ALL {
            let line = change_line(locale.texts(), &request, &reopened, id(20));
            assert!(
                line.contains("#4") && line.contains("<@20>") && line.contains('2'),
                "{locale}: {line}"
            );
        }
    }
}
