//! Languages on the board (issue 18): the board post and the log channel are shared, so
//! they read the guild's language; a crafter's answers and forms read the crafter's own;
//! a notification reads the language the member last used.

use std::time::Duration;

use discord_emulator::{Message, ReplyKind, ScriptedUser};
use serde_json::json;

use crate::crafting::{board_request, wait_for_dm};
use crate::request_flow::{open_flow, walk_to_confirm};
use crate::support::{eventually, spawn_app, spawn_app_with, Options, TestApp};

const WAIT: Duration = Duration::from_secs(5);

/// The custom id of the button labelled `label` on `message`.
fn button_id(message: &Message, label: &str) -> String {
    message
        .all_components()
        .into_iter()
        .find(|c| c["label"] == label)
        .and_then(|c| c["custom_id"].as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("no {label:?} button: {:?}", message.button_labels()))
}

/// A modal's title and its inputs' labels, as one text.
fn modal_text(modal: &discord_emulator::Reply) -> String {
    let mut text = modal.title.clone().unwrap_or_default();
    for row in &modal.components {
        for input in row["components"].as_array().into_iter().flatten() {
            text.push('\n');
            text.push_str(input["label"].as_str().unwrap_or_default());
        }
    }
    text
}

/// The message as it is now in its channel.
fn current(app: &TestApp, message: &Message) -> Message {
    app.emu
        .message(message.id)
        .expect("the message is still there")
}

/// `member`'s client speaks `locale` from now on, and craftdesk has seen it (languages are
/// learned from a member's interactions).
async fn speaks(app: &TestApp, member: &ScriptedUser, locale: &str) {
    app.emu.set_user_locale(member.id(), locale);
    member
        .slash("status", json!([]))
        .await
        .expect("/status answered");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // one claim, read by the board, the crafter and the requester
async fn a_french_crafter_claims_on_an_english_board_and_the_german_requester_is_told_in_german() {
    let app = spawn_app().await;
    let rita = app.member("rita").await;
    let fabien = app.member_with("fabien", &[app.crafter_role]).await;
    let post = board_request(&app, &rita, 1, "2").await;
    speaks(&app, &rita, "de").await;
    app.emu.set_user_locale(fabien.id(), "fr");
    assert_eq!(
        post.button_labels(),
        ["Claim", "Deny", "Cancel", "Assign…", "Materials received…"],
        "the board is English"
    );

    // His forms are French, on the English post.
    let deny = fabien.click_in(&post, "Deny").await.expect("deny form");
    assert_eq!(deny.kind, ReplyKind::Modal);
    let form = modal_text(&deny);
    assert!(
        form.contains("Refuser la demande #1") && form.contains("Motif (visible par le demandeur)"),
        "{form}"
    );

    // The claim updates the board post: it stays English.
    let claim = button_id(&post, "Claim");
    let claimed = fabien.click_in(&post, "Claim").await.expect("claimed");
    assert_eq!(claimed.kind, ReplyKind::Update);
    let board = current(&app, &post).text();
    for english in ["Request #1", "Status", "Claimed", "Crafter"] {
        assert!(board.contains(english), "{english:?} in {board}");
    }
    for french in ["Demande", "Statut", "Prise en charge", "Artisan"] {
        assert!(!board.contains(french), "{french:?} in {board}");
    }
    assert_eq!(
        current(&app, &post).button_labels(),
        [
            "Start",
            "Complete",
            "Release",
            "Cancel",
            "Reassign…",
            "Materials received…"
        ]
    );

    // His answers are French: a second click on the (now gone) Claim button is refused in
    // French, naming him.
    let again = fabien.forge_click(&post, &claim).await.expect("answered");
    assert!(again.ephemeral, "{}", again.text());
    assert_eq!(
        again.text(),
        format!("Déjà prise en charge par <@{}>.", fabien.id())
    );
    let complete = fabien.click_in(&post, "Complete").await.expect("form");
    let form = modal_text(&complete);
    assert!(
        form.contains("Terminer la demande #1") && form.contains("Quantité fabriquée maintenant"),
        "{form}"
    );
    let wrong = complete
        .submit_modal(&[("quantity", "5"), ("note", "")])
        .await
        .expect("answered");
    assert!(
        wrong.ephemeral && wrong.text().contains("Saisis une quantité de 1 à 2"),
        "{}",
        wrong.text()
    );

    // His queue is French.
    let queue = fabien.slash("requests", json!([])).await.expect("queue");
    assert!(queue.ephemeral);
    let tabs = queue.button_labels();
    assert!(
        tabs.contains(&"Prises par moi".to_owned()) && tabs.contains(&"Mon travail".to_owned()),
        "{tabs:?}"
    );
    assert!(
        queue.text().contains("Rien ici pour l'instant."),
        "{}",
        queue.text()
    );
    let work = queue.click_label("Mon travail").await.expect("my work");
    assert!(
        work.text().contains("Mes demandes prises en charge") && work.text().contains("#1"),
        "{}",
        work.text()
    );
    assert!(
        !work.text().contains("My claimed requests"),
        "{}",
        work.text()
    );

    // The log channel is the guild's: English.
    app.emu
        .wait_for_message(
            app.log,
            |m| {
                m.text().starts_with("Request #1 (")
                    && m.text()
                        .ends_with(&format!("was claimed by <@{}>.", fabien.id()))
            },
            WAIT,
        )
        .await
        .expect("the claim is logged in English");

    // Rita reads German: her notification is German, with the change worded in German.
    let dm = wait_for_dm(&app, &rita).await;
    let told = app
        .emu
        .wait_for_message(
            dm,
            |m| m.text().contains("Deine Anfrage wurde aktualisiert."),
            WAIT,
        )
        .await
        .expect("a German notification");
    assert!(
        told.text()
            .contains(&format!("wurde von <@{}> beansprucht", fabien.id())),
        "{}",
        told.text()
    );
    assert!(
        !told.text().contains("Your request") && !told.text().contains("was claimed"),
        "{}",
        told.text()
    );
    app.assert_schema_clean();
}

/// A guild whose shared messages follow Discord's language: when an admin changes the
/// server's language in Discord (`GUILD_UPDATE`), the panel is redrawn in it, in place.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_panel_follows_the_server_language_when_an_admin_changes_it() {
    let app = spawn_app().await;
    let panel = || {
        app.emu
            .channel_messages(app.panel)
            .into_iter()
            .find(|m| !m.components.is_empty())
    };
    crate::support::eventually_true(WAIT, "the English panel", || {
        panel().is_some_and(|m| m.button_labels().contains(&"Create request".to_owned()))
    })
    .await;
    let english = panel().expect("the panel");
    app.emu.set_guild_locale(app.guild, "fr");
    crate::support::eventually_true(WAIT, "the panel was not redrawn in French", || {
        panel().is_some_and(|m| m.button_labels().contains(&"Créer une demande".to_owned()))
    })
    .await;
    let french = panel().expect("the panel");
    assert_eq!(french.id, english.id, "edited in place, not posted again");
    assert!(
        french.text().contains("Demandes d'artisanat"),
        "{}",
        french.text()
    );
    assert_eq!(
        app.emu
            .channel_messages(app.panel)
            .iter()
            .filter(|m| !m.components.is_empty())
            .count(),
        1
    );
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_guild_gets_its_board_post_and_log_lines_in_german() {
    let app = spawn_app().await;
    app.emu.set_guild_locale(app.guild, "de");
    let uma = app.member("uma").await;
    let (_, first) = open_flow(&app, &uma).await;
    let confirm = walk_to_confirm(&uma, &first, "Mira", "2").await;
    confirm.click_label("Confirm").await.expect("submitted");
    let post = app
        .emu
        .wait_for_message(app.board, |m| m.text().contains("Anfrage #1"), WAIT)
        .await
        .expect("a German board post");
    let text = post.text();
    for german in ["Gegenstand", "Für", "Beruf", "Offen", "Materialien"] {
        assert!(text.contains(german), "{german:?} in {text}");
    }
    assert!(
        !text.contains("Request #") && !text.contains("Item"),
        "{text}"
    );
    assert_eq!(
        post.button_labels(),
        [
            "Beanspruchen",
            "Ablehnen",
            "Stornieren",
            "Zuweisen…",
            "Materialien erhalten…"
        ]
    );
    app.emu
        .wait_for_message(
            app.log,
            |m| {
                m.text().starts_with("Anfrage #1 (")
                    && m.text().ends_with(&format!(
                        "×2) wurde von <@{}> für Mira eingereicht.",
                        uma.id()
                    ))
            },
            WAIT,
        )
        .await
        .expect("the submission is logged in German");

    // A crafter whose client is English: the post and the log stay German, their own
    // answers are English.
    let cal = app.member_with("cal", &[app.crafter_role]).await;
    let claim = button_id(&post, "Beanspruchen");
    let claimed = cal.click_in(&post, "Beanspruchen").await.expect("claimed");
    assert_eq!(claimed.kind, ReplyKind::Update);
    let board = current(&app, &post).text();
    assert!(
        board.contains("Beansprucht") && board.contains("Handwerker") && !board.contains("Claimed"),
        "{board}"
    );
    app.emu
        .wait_for_message(
            app.log,
            |m| {
                m.text()
                    .ends_with(&format!("wurde von <@{}> beansprucht.", cal.id()))
            },
            WAIT,
        )
        .await
        .expect("the claim is logged in German");
    let again = cal.forge_click(&post, &claim).await.expect("answered");
    assert_eq!(again.text(), format!("Already claimed by <@{}>.", cal.id()));
    app.assert_schema_clean();
}

/// The DM home message (the panel's buttons in a member's DMs) is the member's own: their
/// language, not the guild's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dm_home_message_reads_the_members_language() {
    let app = spawn_app_with(Options {
        mode: "dm",
        ..Options::default()
    })
    .await;
    let eva = app.member("eva").await;
    app.emu.set_user_locale(eva.id(), "es-ES");
    eva.slash("request", json!([])).await.expect("answered");
    let home = eventually(WAIT, async || {
        let dm = app
            .emu
            .dm_channel_of(eva.id())
            .ok_or("no DM yet".to_owned())?;
        app.emu
            .channel_messages(dm)
            .into_iter()
            .find(|m| m.text().contains("Solicitudes de fabricación"))
            .ok_or("no DM home message yet".to_owned())
    })
    .await;
    assert_eq!(
        home.button_labels(),
        [
            "Crear solicitud",
            "Mis solicitudes",
            "Gestionar solicitudes",
            "Mis personajes"
        ]
    );
    assert!(
        !home.text().contains("Crafting requests"),
        "{}",
        home.text()
    );
    // The panel in the guild's channel stays the guild's (English).
    let panel = app
        .emu
        .channel_messages(app.panel)
        .into_iter()
        .find(|m| m.text().contains("Crafting requests"))
        .expect("the English panel");
    assert!(panel.button_labels().contains(&"Create request".to_owned()));
}
