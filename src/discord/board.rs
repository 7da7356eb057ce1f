//! The board channel: one message per request, edited in place on every change, re-created
//! if someone deleted it; and the guild's pinned panel, found again by its stored id.

use std::fmt::Write as _;
use std::sync::PoisonError;

use serenity::all::{ChannelId, MessageId};

use super::bot::{discord_code, snowflake, Bot};
use super::guilds::GuildRuntime;
use super::render;
use super::rest::{self, Lane};
use crate::domain::{RequestStatus, Snowflake};
use crate::flow::custom_id::{BoardAction, CustomId, PanelButton};
use crate::flow::limits::MAX_FIELD_VALUE;
use crate::flow::request::{MaterialLine, Plan};
use crate::flow::text::{neutralise, truncate};
use crate::flow::ui::{Button, ButtonStyle, Card, Row, Screen};
use crate::i18n::Texts;
use crate::pace::Priority;
use crate::store::StoredRequest;
use crate::t;

const UNKNOWN_MESSAGE: isize = 10_008;

/// The most of one name (item, character, profession, gear slot) a board post shows. Names
/// typed in craftdesk are far shorter; imported ones may not be. Four names, three long
/// texts of [`MAX_FIELD_VALUE`] and a lookup's history stay under Discord's 6,000
/// characters per embed.
pub const MAX_SHOWN_NAME: usize = 200;

/// A member-written name as the board shows it: defused, then cut to [`MAX_SHOWN_NAME`].
fn shown(name: &str) -> String {
    truncate(&neutralise(name), MAX_SHOWN_NAME)
}

/// The material plan as the board shows it.
fn plan_text(plan: &Plan, texts: Texts) -> String {
    let plan = match plan {
        Plan::MemberAll => "member-all",
        Plan::MemberSome { .. } => "member-some",
        Plan::MemberNone => "member-none",
        Plan::GuildCraft => "guild-craft",
    };
    t!(texts, "board-plan", plan = plan)
}

/// How a request looks on the board, worded in `texts` (the guild's language on the board;
/// the viewer's when `/requests` looks one up).
#[allow(clippy::too_many_lines)] // the fields, then the buttons each status offers
#[must_use]
pub fn board_screen(request: &StoredRequest, texts: Texts) -> Screen {
    let plan: Option<Plan> = serde_json::from_str(&request.material_plan).ok();
    let lines: Vec<MaterialLine> =
        serde_json::from_str(&request.materials_json).unwrap_or_default();
    let mut materials = String::new();
    for line in &lines {
        let material = neutralise(&line.name);
        let text = if line.provided_by_member > 0 {
            t!(
                texts,
                "board-needs-line-handed",
                material = material,
                needed = line.needed,
                brings = line.provided_by_member,
                handed = line.handed_over,
                still = line.still_needed()
            )
        } else {
            t!(
                texts,
                "board-needs-line",
                material = material,
                needed = line.needed,
                brings = line.provided_by_member,
                still = line.still_needed()
            )
        };
        let _ = writeln!(materials, "{text}");
    }
    let mut fields = vec![
        (
            t!(texts, "board-field-item"),
            format!("{} × {}", shown(&request.item), request.quantity),
        ),
        (
            t!(texts, "board-field-for"),
            format!(
                "{} (<@{}>)",
                shown(&request.character_name),
                request.user_id
            ),
        ),
        (
            t!(texts, "board-field-profession"),
            format!(
                "{} › {}",
                shown(&request.profession),
                shown(&request.gear_slot)
            ),
        ),
        (
            t!(texts, "board-field-status"),
            format!(
                "{} {}",
                request.status.icon(),
                request.status.label_in(texts)
            ),
        ),
    ];
    if let Some(plan) = &plan {
        fields.push((t!(texts, "board-field-materials"), plan_text(plan, texts)));
    }
    if !materials.is_empty() {
        fields.push((
            t!(texts, "board-field-needs"),
            truncate(&materials, MAX_FIELD_VALUE),
        ));
    }
    if !request.notes.is_empty() {
        fields.push((
            t!(texts, "board-field-notes"),
            truncate(&neutralise(&request.notes), MAX_FIELD_VALUE),
        ));
    }
    if let Some(crafter) = request.claimed_by {
        fields.push((t!(texts, "board-field-crafter"), format!("<@{crafter}>")));
    }
    if request.quantity_completed > 0 {
        fields.push((
            t!(texts, "board-field-done"),
            t!(
                texts,
                "board-done",
                done = request.quantity_completed,
                quantity = request.quantity
            ),
        ));
    }
    if let Some(reason) = &request.reason {
        fields.push((
            t!(texts, "board-field-reason"),
            truncate(&neutralise(reason), MAX_FIELD_VALUE),
        ));
    }
    let button = |action: BoardAction, label: String, style| {
        Button::new(
            CustomId::Board {
                guild_id: request.guild_id,
                number: request.number,
                action,
            }
            .to_string(),
            &label,
            style,
        )
    };
    let claim = || {
        button(
            BoardAction::Claim,
            t!(texts, "board-button-claim"),
            ButtonStyle::Primary,
        )
    };
    let deny = || {
        button(
            BoardAction::Deny,
            t!(texts, "board-button-deny"),
            ButtonStyle::Secondary,
        )
    };
    let cancel = || {
        button(
            BoardAction::Cancel,
            t!(texts, "board-button-cancel"),
            ButtonStyle::Danger,
        )
    };
    let start = || {
        button(
            BoardAction::Start,
            t!(texts, "board-button-start"),
            ButtonStyle::Primary,
        )
    };
    let complete = || {
        button(
            BoardAction::Complete,
            t!(texts, "board-button-complete"),
            ButtonStyle::Success,
        )
    };
    let release = || {
        button(
            BoardAction::Release,
            t!(texts, "board-button-release"),
            ButtonStyle::Secondary,
        )
    };
    let reassign = |label: String| button(BoardAction::Reassign, label, ButtonStyle::Secondary);
    let buttons = match request.status {
        RequestStatus::Open => vec![
            claim(),
            deny(),
            cancel(),
            reassign(t!(texts, "board-button-assign")),
        ],
        RequestStatus::Claimed => vec![
            start(),
            complete(),
            release(),
            cancel(),
            reassign(t!(texts, "board-button-reassign")),
        ],
        RequestStatus::InProgress => vec![
            complete(),
            release(),
            cancel(),
            reassign(t!(texts, "board-button-reassign")),
        ],
        RequestStatus::Completed | RequestStatus::Denied | RequestStatus::Cancelled => {
            vec![button(
                BoardAction::Reopen,
                t!(texts, "board-button-reopen"),
                ButtonStyle::Secondary,
            )]
        }
    };
    let mut rows = vec![Row::Buttons(buttons)];
    if request.status.is_pending() && lines.iter().any(|l| l.provided_by_member > 0) {
        rows.push(Row::Buttons(vec![button(
            BoardAction::Handover,
            t!(texts, "board-button-handover"),
            ButtonStyle::Secondary,
        )]));
    }
    Screen {
        content: String::new(),
        card: Some(Card {
            title: t!(texts, "board-title", number = request.number),
            description: String::new(),
            fields,
            colour: 0x00e6_7e22,
        }),
        rows,
    }
}

/// Shows `request` on the guild's board: edits its message, or posts one (again, if it
/// was deleted by hand). Errors are logged; the request itself is already safe.
pub async fn publish(bot: &Bot, runtime: &GuildRuntime, request: &StoredRequest) {
    let Some(board) = runtime.config.board_channel_id else {
        return;
    };
    let channel = ChannelId::new(board.get());
    let screen = board_screen(request, bot.guild_texts(runtime.config.id));
    if let Some(message) = request.board_message_id {
        let edited = bot
            .rest
            .with_retry(rest::EDIT_MESSAGE, Lane::Global(Priority::Urgent), || {
                channel.edit_message(
                    &*bot.http,
                    MessageId::new(message.get()),
                    render::edit(&screen),
                )
            })
            .await;
        match edited {
            Ok(_) => return,
            Err(err) if discord_code(&err) == Some(UNKNOWN_MESSAGE) => tracing::info!(
                number = request.number,
                "board message was deleted; posting it again"
            ),
            Err(err) => {
                return tracing::warn!(%err, number = request.number, "cannot update the board message")
            }
        }
    }
    // A new post: with processes sharing the database, another may be posting this request
    // right now (its recovery after a crash); one post per request.
    let claim = match bot.claim(board_work(request), CLAIM_WAIT).await {
        Ok(Some(claim)) => claim,
        Ok(None) => return tracing::info!(number = request.number, "another process posts it"),
        Err(err) => {
            return tracing::warn!(%err, number = request.number, "cannot claim the board post; recovery will post it")
        }
    };
    if !posted_meanwhile(bot, request).await {
        post(bot, board, request, &screen).await;
    }
    claim.release().await;
}

/// How long a board post waits for another process posting the same request.
const CLAIM_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// The claim on posting `request` to the board.
#[must_use]
pub fn board_work(request: &StoredRequest) -> String {
    format!("board:{}", request.id)
}

/// Whether another process recorded a board post for `request` since it was read (only
/// checked when processes share the database).
pub async fn posted_meanwhile(bot: &Bot, request: &StoredRequest) -> bool {
    if !bot.shares_database() {
        return false;
    }
    match bot
        .store
        .request_by_number(request.guild_id, request.number)
        .await
    {
        Ok(Some(now)) => {
            now.board_message_id.is_some() && now.board_message_id != request.board_message_id
        }
        Ok(None) => false,
        Err(err) => {
            tracing::warn!(%err, "cannot read the request again; posting it");
            false
        }
    }
}

/// Posts `request` to `board` and records the message. The caller holds the claim.
pub async fn post(bot: &Bot, board: Snowflake, request: &StoredRequest, screen: &Screen) {
    let channel = ChannelId::new(board.get());
    let posted = bot
        .rest
        .with_retry(rest::CREATE_MESSAGE, Lane::Global(Priority::Urgent), || {
            channel.send_message(&*bot.http, render::message(screen))
        })
        .await;
    match posted {
        Ok(message) => {
            if let Err(err) = bot
                .store
                .set_board_message(request.id, board, snowflake(message.id))
                .await
            {
                tracing::error!(%err, "cannot remember the board message");
            }
        }
        Err(err) => tracing::warn!(%err, number = request.number, "cannot post to the board"),
    }
}

/// The panel: Create request · My requests · Manage requests · My characters, worded in
/// `texts` (the guild's language in the panel channel, the member's in their DM).
#[must_use]
pub fn panel_screen(runtime: &GuildRuntime, texts: Texts) -> Screen {
    let buttons = PanelButton::ALL
        .iter()
        .map(|&button| {
            let style = if button == PanelButton::CreateRequest {
                ButtonStyle::Primary
            } else {
                ButtonStyle::Secondary
            };
            Button::new(
                CustomId::Panel {
                    guild_id: runtime.config.id,
                    button,
                }
                .to_string(),
                &button.label_in(texts),
                style,
            )
        })
        .collect();
    Screen {
        content: String::new(),
        card: Some(Card {
            title: t!(texts, "panel-title"),
            description: t!(texts, "panel-description"),
            fields: Vec::new(),
            colour: 0x005f_8dd3,
        }),
        rows: vec![Row::Buttons(buttons)],
    }
}

/// Makes sure the guild's panel exists: found by its stored id, posted and pinned if
/// missing, never duplicated.
pub async fn ensure_panel(bot: &Bot, runtime: &GuildRuntime) {
    ensure_panel_at(bot, runtime, Priority::Urgent).await;
}

/// [`ensure_panel`] with its calls at `priority` (the background pace when nobody waits).
pub async fn ensure_panel_at(bot: &Bot, runtime: &GuildRuntime, priority: Priority) {
    let Some(panel_channel) = runtime.config.panel_channel_id else {
        return;
    };
    let guild = runtime.config.id;
    let lock = bot.panel_lock(guild);
    let _one_at_a_time = lock.lock().await;
    let channel = ChannelId::new(panel_channel.get());
    // Worded now, under the lock: the latest language wins.
    let panel = panel_screen(runtime, bot.guild_texts(guild));
    match bot.store.panel_message(guild).await {
        Ok(Some((stored_channel, message))) if stored_channel == panel_channel => {
            let edited = bot
                .rest
                .call(
                    rest::EDIT_MESSAGE,
                    Lane::Global(priority),
                    channel.edit_message(
                        &*bot.http,
                        MessageId::new(message.get()),
                        render::edit(&panel),
                    ),
                )
                .await;
            match edited {
                Ok(_) => return,
                Err(err) if discord_code(&err) == Some(UNKNOWN_MESSAGE) => {
                    tracing::info!(%guild, "the panel was deleted; posting it again");
                }
                Err(err) => return tracing::warn!(%err, %guild, "cannot check the panel"),
            }
        }
        Ok(Some((stored_channel, message))) => {
            // The panel channel changed (a reload or /setup) and this check came first: the
            // old panel goes, whoever moves it (`setup::move_panel` does the same).
            delete_old_panel(bot, guild, stored_channel, message, priority).await;
        }
        Ok(None) => {}
        Err(err) => return tracing::error!(%err, "cannot read the stored panel"),
    }
    let posted = bot
        .rest
        .call(
            rest::CREATE_MESSAGE,
            Lane::Global(priority),
            channel.send_message(&*bot.http, render::message(&panel)),
        )
        .await;
    match posted {
        Ok(message) => {
            // Remembered before the pin, so a move or a second check finds it at once.
            if let Err(err) = bot
                .store
                .set_panel_message(guild, panel_channel, snowflake(message.id))
                .await
            {
                tracing::error!(%err, "cannot remember the panel message");
            }
            let pinned = bot
                .rest
                .call(
                    rest::PIN_MESSAGE,
                    Lane::Global(priority),
                    message.pin(&*bot.http),
                )
                .await;
            if let Err(err) = pinned {
                tracing::warn!(%err, %guild, "cannot pin the panel (Manage Messages permission?)");
            }
        }
        Err(err) => tracing::warn!(%err, %guild, "cannot post the panel"),
    }
}

/// Deletes a panel left in a channel that is no longer the guild's panel channel; one
/// already gone is fine.
pub(crate) async fn delete_old_panel(
    bot: &Bot,
    guild: Snowflake,
    channel: Snowflake,
    message: Snowflake,
    priority: Priority,
) {
    let deleted = bot
        .rest
        .call(
            rest::DELETE_MESSAGE,
            Lane::Global(priority),
            ChannelId::new(channel.get()).delete_message(&*bot.http, MessageId::new(message.get())),
        )
        .await;
    match deleted {
        Ok(()) => {}
        Err(err) if discord_code(&err) == Some(UNKNOWN_MESSAGE) => {}
        Err(err) => tracing::info!(%err, %guild, "the old panel could not be deleted"),
    }
}

/// Keeps the member's DM home message (the panel's buttons) in their DM: found by its
/// stored id, posted again if it was deleted. A member cannot delete the bot's messages in
/// a DM, so once found in place during this run it is trusted: one GET per member per
/// process, none per flow. A member whose DMs are closed is `DmBlocked` (and remembered
/// as such); other errors are logged and the flow goes on.
pub async fn ensure_dm_home(
    bot: &Bot,
    runtime: &GuildRuntime,
    user: serenity::all::UserId,
    dm: ChannelId,
) -> Result<(), super::spaces::SpaceError> {
    let guild = runtime.config.id;
    let member = snowflake(user);
    match bot.store.dm_home(guild, member).await {
        Ok(Some((channel, message))) if channel == snowflake(dm) => {
            if home_checked(bot, guild, member) {
                return Ok(());
            }
            let found = bot
                .rest
                .call(
                    rest::GET_MESSAGE,
                    Lane::Global(Priority::Urgent),
                    dm.message(&*bot.http, MessageId::new(message.get())),
                )
                .await;
            match found {
                Ok(_) => {
                    remember_home_checked(bot, guild, member);
                    return Ok(());
                }
                Err(err) if discord_code(&err) == Some(UNKNOWN_MESSAGE) => {
                    tracing::info!(%guild, "a DM home message was deleted; posting it again");
                }
                Err(err) => {
                    tracing::warn!(%err, "cannot check the DM home message");
                    return Ok(());
                }
            }
        }
        Ok(_) => {}
        Err(err) => {
            tracing::error!(%err, "cannot read the DM home message");
            return Ok(());
        }
    }
    // The DM home is the member's own: their language, not the guild's.
    let home = panel_screen(runtime, bot.member_texts(member).await);
    let posted = bot
        .rest
        .call(
            rest::CREATE_MESSAGE,
            Lane::Global(Priority::Urgent),
            dm.send_message(&*bot.http, render::message(&home)),
        )
        .await;
    match posted {
        Ok(message) => {
            bot.closed_dms.delivered(user);
            match bot
                .store
                .set_dm_home(guild, member, snowflake(dm), snowflake(message.id))
                .await
            {
                Ok(()) => remember_home_checked(bot, guild, member),
                Err(err) => tracing::error!(%err, "cannot remember the DM home message"),
            }
        }
        Err(err) if discord_code(&err) == Some(super::spaces::DM_BLOCKED) => {
            bot.closed_dms.refused(user);
            return Err(super::spaces::SpaceError::DmBlocked);
        }
        Err(err) => tracing::warn!(%err, "cannot post the DM home message"),
    }
    Ok(())
}

fn home_checked(bot: &Bot, guild: Snowflake, member: Snowflake) -> bool {
    bot.homes_checked
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .contains(&(guild, member))
}

fn remember_home_checked(bot: &Bot, guild: Snowflake, member: Snowflake) {
    bot.homes_checked
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert((guild, member));
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::domain::Timestamp;
    use crate::flow::limits::{check_screen, MAX_EMBED_TOTAL, MAX_FIELD_NAME};

    fn id(n: u64) -> Snowflake {
        Snowflake::new(n).unwrap()
    }

    /// A request as an import of the old bot could leave it: every text 2,000 characters
    /// of markdown (which neutralising doubles), claimed, partly done, with a reason.
    fn huge_request() -> StoredRequest {
        let long = |c: char| c.to_string().repeat(2_000);
        let line = MaterialLine {
            name: long('_'),
            per_unit: 1,
            needed: 2,
            provided_by_member: 1,
            provided_by_guild: 0,
            handed_over: 0,
        };
        StoredRequest {
            id: 1,
            number: 7,
            guild_id: id(1),
            user_id: id(2),
            character_name: long('*'),
            profession: long('#'),
            gear_slot: long('>'),
            item: long('|'),
            quantity: 3,
            quantity_completed: 1,
            notes: long('`'),
            material_plan: r#""MemberAll""#.to_owned(),
            materials_json: serde_json::to_string(&vec![line; 30]).unwrap(),
            status: RequestStatus::Claimed,
            claimed_by: Some(id(3)),
            reason: Some(long('~')),
            board_message_id: None,
            created_at: Timestamp::from_millis(0),
        }
    }

    fn field<'a>(screen: &'a Screen, name: &str) -> &'a str {
        let card = screen.card.as_ref().unwrap();
        &card.fields.iter().find(|(n, _)| n == name).unwrap().1
    }

    #[test]
    fn a_board_post_of_huge_names_stays_within_discords_limits() {
        let screen = board_screen(&huge_request(), Texts::ENGLISH);
        assert_eq!(check_screen(&screen), Vec::<String>::new());
        for name in ["Item", "For", "Profession"] {
            let value = field(&screen, name);
            assert!(value.contains('…'), "{name} is cut: {value}");
            assert!(value.chars().count() < MAX_FIELD_VALUE, "{name}");
        }
        for name in ["Needs", "Notes", "Reason"] {
            assert_eq!(
                field(&screen, name).chars().count(),
                MAX_FIELD_VALUE,
                "{name}"
            );
        }
    }

    /// Issue 18: the post in every shipped language, at every status, within Discord's
    /// limits; worded in the language it is given (the guild's on the board).
    #[test]
    fn a_board_post_fits_discords_limits_in_every_language() {
        use crate::i18n::Locale;
        for locale in Locale::ALL {
            for status in [
                RequestStatus::Open,
                RequestStatus::Claimed,
                RequestStatus::InProgress,
                RequestStatus::Completed,
                RequestStatus::Denied,
                RequestStatus::Cancelled,
            ] {
                let screen = board_screen(
                    &StoredRequest {
                        status,
                        ..huge_request()
                    },
                    locale.texts(),
                );
                assert_eq!(
                    check_screen(&screen),
                    Vec::<String>::new(),
                    "{locale} {status:?}"
                );
            }
            for button in PanelButton::ALL {
                let label = button.label_in(locale.texts());
                assert!(
                    (1..=crate::flow::limits::MAX_BUTTON_LABEL).contains(&label.chars().count()),
                    "{locale}: {label}"
                );
            }
        }
        let line = MaterialLine {
            name: "Dust".to_owned(),
            per_unit: 1,
            needed: 2,
            provided_by_member: 1,
            provided_by_guild: 0,
            handed_over: 0,
        };
        let request = StoredRequest {
            character_name: "Mira".to_owned(),
            profession: "enchanting".to_owned(),
            gear_slot: "Boots".to_owned(),
            item: "Enchant Boots".to_owned(),
            notes: "For the raid".to_owned(),
            materials_json: serde_json::to_string(&vec![line]).unwrap(),
            reason: Some("Out of dust".to_owned()),
            ..huge_request()
        };
        let german = board_screen(&request, Locale::German.texts());
        let card = german.card.as_ref().unwrap();
        assert_eq!(card.title, "Anfrage #7");
        let names: Vec<&str> = card.fields.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Gegenstand",
                "Für",
                "Beruf",
                "Status",
                "Materialien",
                "Benötigt",
                "Notizen",
                "Handwerker",
                "Fertig",
                "Grund"
            ]
        );
        assert_eq!(field(&german, "Status"), "🔵 Beansprucht");
        assert_eq!(field(&german, "Fertig"), "1 von 3");
        let needs = field(&german, "Benötigt");
        assert!(
            needs.contains("• Dust ×2 (Mitglied bringt 1, übergeben 0, noch benötigt"),
            "{needs}"
        );
    }

    #[test]
    fn a_shown_name_is_cut_after_its_markdown_is_escaped() {
        assert_eq!(shown("Ann"), "Ann");
        let cut = shown(&"*".repeat(MAX_SHOWN_NAME));
        assert_eq!(cut.chars().count(), MAX_SHOWN_NAME);
        assert!(cut.starts_with("\\*") && cut.ends_with('…'));
    }

    #[test]
    fn a_looked_up_board_post_has_room_for_its_history() {
        // `/requests` → Find request shows the board post plus a history field.
        let mut screen = board_screen(&huge_request(), Texts::ENGLISH);
        let card = screen.card.as_mut().unwrap();
        card.fields.push((
            "History (newest first)".to_owned(),
            "h".repeat(MAX_FIELD_VALUE),
        ));
        let total: usize = card.title.chars().count()
            + card
                .fields
                .iter()
                .map(|(n, v)| {
                    assert!(n.chars().count() <= MAX_FIELD_NAME);
                    n.chars().count() + v.chars().count()
                })
                .sum::<usize>();
        assert!(total <= MAX_EMBED_TOTAL, "{total}");
        assert_eq!(check_screen(&screen), Vec::<String>::new());
    }
}
