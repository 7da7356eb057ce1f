//! Issue 18 for the member's own flows: a member reads `/request`, `/status` and
//! `/register` in their Discord language (German here, end to end through the emulator),
//! catalog names included where the catalog translates them; a language craftdesk does
//! not ship reads English; shared texts (the request channel's topic, the board) stay in
//! the guild's language.

use std::time::Duration;

use discord_emulator::{Reply, ReplyKind, ScriptedUser};
use serde_json::json;

use crate::request_flow::{open_flow, walk_to_confirm};
use crate::support::{select_options, spawn_app, TestApp};

const WAIT: Duration = Duration::from_secs(5);

/// English texts of the request flow that must not reach a German member.
const ENGLISH: &[&str] = &[
    "New request",
    "step ",
    "Who is this request for?",
    "Which profession?",
    "Which gear slot?",
    "Which item?",
    "How many, and any notes",
    "Who provides the materials?",
    "Check your request",
    "Your request",
    "Provided by",
    "You provide",
    "submitted",
    "Follow it with",
    "Choose a",
    "Enchanting",
    "Enchant Boots - Minor Agility",
];

fn assert_german(what: &str, text: &str) {
    for english in ENGLISH {
        assert!(
            !text.contains(english),
            "{what}: English {english:?} leaks into a German member's view:\n{text}"
        );
    }
}

/// `/request` as `member`: the first answer (edited once the channel exists) and the
/// flow's first message in their request channel, which must read `first_step`.
async fn open_german_flow(
    app: &TestApp,
    member: &ScriptedUser,
) -> (Reply, discord_emulator::Message) {
    let reply = member
        .slash("request", json!([]))
        .await
        .expect("answered")
        .settled()
        .await
        .expect("settled");
    assert!(reply.ephemeral, "the command's answer is private");
    let reply = if reply.text().starts_with("Dein Anfragekanal wird geöffnet…") {
        reply.next_update().await.expect("the link follows")
    } else {
        reply
    };
    let name = format!("requests-{}", member.id());
    let channel = app
        .emu
        .channel_by_name(app.guild, &name)
        .expect("a request channel");
    assert_eq!(
        reply.text(),
        format!("Deine Anfrage wartet in <#{}>.", channel.id),
        "the answer to /request is German"
    );
    let first = app
        .emu
        .wait_for_message(channel.id, |m| m.text().contains("Schritt 1 von 7"), WAIT)
        .await
        .expect("the flow message, in German");
    (reply, first)
}

/// `/request item:` offers the catalog's German names to a German member, who may type
/// them; an English member gets the guild's names for the same item.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_member_finds_items_by_their_german_names() {
    let app = spawn_app().await;
    let greta = app.member("greta").await;
    app.emu.set_user_locale(greta.id(), "de");
    let choices = greta
        .autocomplete("request", "item", "stiefel ausdauer")
        .await
        .expect("choices");
    let first = choices.first().expect("a choice");
    assert_eq!(
        first.name, "Stiefel - Schwache Ausdauer (Verzauberkunst › Stiefel)",
        "{choices:?}"
    );
    let ed = app.member("ed").await;
    let english = ed
        .autocomplete("request", "item", "minor stamina")
        .await
        .expect("choices");
    let same = english
        .iter()
        .find(|c| c.value == first.value)
        .expect("the same item, by its guild name");
    assert_eq!(
        same.name,
        "Enchant Boots - Minor Stamina (Enchanting › Boots)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // one member's whole flow, step by step
async fn a_german_member_completes_a_request_in_german_end_to_end() {
    let app = spawn_app().await;
    let greta = app.member("greta").await;
    app.emu.set_user_locale(greta.id(), "de");
    let (_, first) = open_german_flow(&app, &greta).await;

    // Step 1: German question, German buttons.
    let text = first.text();
    assert!(
        text.starts_with("**Neue Anfrage** · Schritt 1 von 7 · Für wen ist diese Anfrage?"),
        "{text}"
    );
    assert!(
        text.contains("Du hast noch keinen registrierten Charakter."),
        "{text}"
    );
    assert_german("step 1", &text);
    assert_eq!(
        first.button_labels(),
        ["Charakter registrieren", "Namen eingeben", "Abbrechen"]
    );
    // The channel's topic is shared (officers see it): the guild's language, English.
    let channel = app.emu.channel(first.channel_id).expect("channel");
    assert_eq!(
        channel.topic.as_deref(),
        Some(
            format!(
                "Private request channel of <@{}>. Use /request to start a request.",
                greta.id()
            )
            .as_str()
        )
    );

    // A bad name is refused privately, in German, and changes nothing.
    let modal = greta
        .click_in(&first, "Namen eingeben")
        .await
        .expect("modal");
    assert_eq!(modal.kind, ReplyKind::Modal);
    assert_eq!(modal.title.as_deref(), Some("Charakter für diese Anfrage"));
    let refused = modal
        .submit_modal(&[("name", "Böse::Name")])
        .await
        .expect("answered");
    assert!(refused.ephemeral);
    assert_eq!(
        refused.text(),
        "Ein Charaktername darf weder `:` noch Steuerzeichen enthalten."
    );
    let modal = greta
        .click_in(&first, "Namen eingeben")
        .await
        .expect("modal again");
    let r = modal
        .submit_modal(&[("name", "Gretchen")])
        .await
        .expect("name accepted");

    // Step 2: professions, by their German names where the catalog has them.
    assert!(
        r.text().contains("Schritt 2 von 7 · Welcher Beruf?"),
        "{}",
        r.text()
    );
    assert_german("step 2", &r.text());
    let professions = select_options(&r.components, "Wähle einen Beruf");
    assert!(
        professions.contains(&("Verzauberkunst".to_owned(), "enchanting".to_owned())),
        "{professions:?}"
    );
    let r = r
        .select("Wähle einen Beruf", &["enchanting"])
        .await
        .expect("profession");
    assert!(
        r.text()
            .contains("Schritt 3 von 7 · Welcher Ausrüstungsplatz?"),
        "{}",
        r.text()
    );
    assert_german("step 3", &r.text());
    let slots = select_options(&r.components, "Wähle einen Ausrüstungsplatz");
    assert_eq!(slots[0], ("Stiefel".to_owned(), "Boots".to_owned()));
    let r = r
        .select("Wähle einen Ausrüstungsplatz", &["Boots"])
        .await
        .expect("slot");
    assert!(
        r.text().contains("Schritt 4 von 7 · Welcher Gegenstand?"),
        "{}",
        r.text()
    );
    assert_german("step 4", &r.text());
    let items = select_options(&r.components, "Wähle einen Gegenstand");
    assert_eq!(
        items[0],
        (
            "Stiefel - Schwache Beweglichkeit".to_owned(),
            "Enchant Boots - Minor Agility".to_owned()
        ),
        "the German name shown, the guild's name chosen"
    );
    let r = r
        .select("Wähle einen Gegenstand", &["Enchant Boots - Minor Agility"])
        .await
        .expect("item");

    // Step 5: a bad quantity is refused in German; a good one moves on.
    assert!(
        r.text()
            .contains("Schritt 5 von 7 · Wie viele, und gibt es Hinweise für den Handwerker?"),
        "{}",
        r.text()
    );
    assert_german("step 5", &r.text());
    let modal = r
        .click_label("Menge & Hinweise eingeben")
        .await
        .expect("quantity form");
    assert_eq!(modal.title.as_deref(), Some("Menge und Hinweise"));
    let refused = modal
        .submit_modal(&[("quantity", "zwei"), ("notes", "")])
        .await
        .expect("answered");
    assert!(refused.ephemeral);
    assert_eq!(
        refused.text(),
        "Die Menge muss eine ganze Zahl von 1 bis 1000 sein."
    );
    let modal = r
        .click_label("Menge & Hinweise eingeben")
        .await
        .expect("quantity form again");
    let r = modal
        .submit_modal(&[("quantity", "2"), ("notes", "Für den Raid")])
        .await
        .expect("quantity");

    // Step 6 and 7: materials, then the summary.
    assert!(
        r.text()
            .contains("Schritt 6 von 7 · Wer stellt die Materialien?"),
        "{}",
        r.text()
    );
    assert_german("step 6", &r.text());
    assert_eq!(
        r.button_labels()[..3],
        [
            "📦 Ich stelle alles",
            "🔶 Ich stelle einen Teil",
            "❔ Ich stelle nichts"
        ]
    );
    let r = r
        .click_label("📦 Ich stelle alles")
        .await
        .expect("materials");
    let text = r.text();
    assert!(
        text.contains("Schritt 7 von 7 · Prüfe deine Anfrage und bestätige sie."),
        "{text}"
    );
    for german in [
        "Deine Anfrage",
        "Verzauberkunst › Stiefel › Stiefel",
        "Schwache Beweglichkeit",
        "Für den Raid",
        "📦 Du stellst alle Materialien",
        "(du: 12, Gilde: 0, fehlt noch: 0)",
    ] {
        assert!(text.contains(german), "{german:?} in {text}");
    }
    assert_german("step 7", &text);
    assert_eq!(
        r.button_labels(),
        ["Bestätigen", "Bearbeiten", "Zurück", "Abbrechen"]
    );

    // The receipt: German, with the board's link.
    let done = r.click_label("Bestätigen").await.expect("confirmed");
    assert_eq!(done.kind, ReplyKind::Update);
    let text = done.text();
    assert!(
        text.starts_with(&format!(
            "✅ **Anfrage #1 eingereicht.** Sie steht auf dem Board: <#{}>\nVerfolge sie mit `/status`.",
            app.board
        )),
        "{text}"
    );
    for german in ["Anfrage #1", "Du stellst", "Fehlt noch", "Nichts"] {
        assert!(text.contains(german), "{german:?} in {text}");
    }
    assert_german("receipt", &text);

    // The request exists, under the guild's item name; the board (shared) is the guild's.
    let posted = app
        .emu
        .wait_for_message(app.board, |m| m.text().contains("Request #1"), WAIT)
        .await
        .expect("on the board");
    assert!(
        posted.text().contains("Enchant Boots - Minor Agility")
            || posted.text().contains("Enchant Boots \\- Minor Agility"),
        "{}",
        posted.text()
    );
    if let Some(bot) = app.bot_in_process() {
        let id = |n| craftdesk::domain::Snowflake::new(n).expect("a snowflake");
        let stored = bot
            .store
            .request_by_number(id(app.guild), 1)
            .await
            .expect("store")
            .expect("the request is stored");
        assert_eq!(stored.item, "Enchant Boots - Minor Agility");
        assert_eq!(stored.character_name, "Gretchen");
    }

    // Her own views follow her language too.
    let status = greta.slash("status", json!([])).await.expect("status");
    assert!(status.ephemeral);
    assert!(
        status.text().contains("**Meine Anfragen** · 1 offen"),
        "{}",
        status.text()
    );
    assert!(status.text().contains("🟡 Offen 1"), "{}", status.text());
    let register = greta.slash("register", json!([])).await.expect("register");
    assert!(
        register
            .text()
            .contains("**Meine Charaktere** · 0 registriert"),
        "{}",
        register.text()
    );
    assert_eq!(register.button_labels(), ["Charakter hinzufügen"]);
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_whose_language_is_not_shipped_reads_english() {
    let app = spawn_app().await;
    let kenji = app.member("kenji").await;
    app.emu.set_user_locale(kenji.id(), "ja");
    let (reply, first) = open_flow(&app, &kenji).await;
    assert!(
        reply.text().starts_with("Your request is waiting in <#"),
        "{}",
        reply.text()
    );
    assert!(
        first
            .text()
            .starts_with("**New request** · step 1 of 7 · Who is this request for?"),
        "{}",
        first.text()
    );
    let confirm = walk_to_confirm(&kenji, &first, "Kenji", "1").await;
    assert!(
        confirm.text().contains("Check your request and confirm."),
        "{}",
        confirm.text()
    );
    let done = confirm.click_label("Confirm").await.expect("confirmed");
    assert!(
        done.text().contains("Request #1 submitted"),
        "{}",
        done.text()
    );
}
