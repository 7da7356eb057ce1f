//! Languages on the admins' side (issue 18): `/setup` follows the admin's Discord language,
//! its log-channel posts follow the guild's; a guild picks the language of its shared
//! messages in `/setup` ("Language of shared messages"), and a member's own answers stay in
//! the member's language; the registered slash commands carry name and description
//! localizations for every shipped locale (interactions still carry the English names).

use std::time::Duration;

use discord_emulator::{permissions, ScriptedUser};
use serde_json::{json, Value};

use crate::support::{spawn_app_with, Options, TestApp};

const WAIT: Duration = Duration::from_secs(10);

async fn unset_app() -> TestApp {
    spawn_app_with(Options {
        no_guild_table: true,
        ..Options::default()
    })
    .await
}

async fn an_admin(app: &TestApp, name: &str) -> ScriptedUser {
    let role = app
        .emu
        .create_role_with_permissions(
            app.guild,
            &format!("{name} admin"),
            permissions::EVERYONE_DEFAULT | permissions::MANAGE_GUILD,
        )
        .await;
    app.member_with(name, &[role]).await
}

fn assert_no_english(text: &str, english: &[&str]) {
    for phrase in english {
        assert!(
            !text.contains(phrase),
            "English {phrase:?} leaks into: {text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_admin_sets_up_the_guild_in_german_while_the_log_reads_the_guilds_language() {
    let app = unset_app().await;
    let admin = an_admin(&app, "Greta").await;
    app.emu.set_user_locale(admin.id(), "de");

    let setup = admin.slash("setup", json!([])).await.unwrap();
    assert!(setup.ephemeral);
    let text = setup.text();
    assert!(
        text.contains("craftdesk-Einrichtung · Kanäle (1/4)"),
        "{text}"
    );
    assert!(text.contains("**Noch zu tun:**"), "{text}");
    assert!(text.contains("Modus"), "{text}");
    assert_no_english(
        &text,
        &["Channels", "Still to do", "Each change applies", "Mode"],
    );
    let labels = setup.button_labels();
    assert!(
        labels.contains(&"Weiter ▶".to_owned())
            && labels.contains(&"Für mich erstellen".to_owned()),
        "{labels:?}"
    );

    let category = app.category.to_string();
    let reply = setup
        .select("Anfragekategorie", &[&category])
        .await
        .unwrap();
    let text = reply.text();
    assert!(
        text.contains(&format!(
            "✅ Gespeichert. Ab dem nächsten Klick:\n• **Anfragekategorie**: keine → <#{category}>"
        )),
        "{text}"
    );
    assert_no_english(&text, &["Saved", "none"]);

    // The log channel is shared: the guild's language (English, Discord reports none).
    let reply = reply.click_label("Weiter ▶").await.unwrap();
    assert!(reply.text().contains("Log und Rollen"), "{}", reply.text());
    let reply = reply
        .select("Log-Kanal (keiner zum Leeren)", &[&app.log.to_string()])
        .await
        .unwrap();
    assert!(reply.text().contains("Gespeichert"), "{}", reply.text());
    let logged = app
        .emu
        .wait_for_message(
            app.log,
            |m| m.content.contains("changed the settings"),
            WAIT,
        )
        .await
        .expect("the change is posted to the log channel in the guild's language");
    assert!(
        logged.content.contains("Log channel: none →"),
        "{}",
        logged.content
    );
    // The audit is operator-facing: English, whoever made the change.
    let changes = app
        .bot()
        .store
        .settings_changes(craftdesk::domain::Snowflake::new(app.guild).unwrap(), 10)
        .await
        .unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c.change.setting == "Request category"),
        "{changes:#?}"
    );

    // Refusals follow the admin too.
    let page = reply.click_label("Weiter ▶").await.unwrap();
    let page = page.click_label("Weiter ▶").await.unwrap();
    assert!(
        page.text().contains("Benachrichtigungen und Limits")
            && page.text().contains("Sprache geteilter Nachrichten"),
        "{}",
        page.text()
    );
    let form = page.click_label("Limits…").await.unwrap();
    let refused = form
        .submit_modal(&[("max_open", "viele"), ("burst", "3"), ("per_minute", "6")])
        .await
        .unwrap();
    assert!(refused.ephemeral);
    assert_eq!(
        refused.text(),
        "Offene Anfragen pro Mitglied muss eine ganze Zahl sein, erhalten: \"viele\". Nichts hat sich geändert."
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // one admin's and one member's story, step by step
async fn a_guild_picks_french_for_shared_messages_and_members_keep_their_own_language() {
    let app = unset_app().await;
    let admin = an_admin(&app, "Ada").await;
    // Discord reports the guild as Spanish: the menu says so until the guild picks one.
    app.emu.set_guild_locale(app.guild, "es-ES");
    let guild = craftdesk::domain::Snowflake::new(app.guild).unwrap();
    crate::support::eventually_true(WAIT, "the bot hears Discord's guild language", || {
        app.bot().guild_texts(guild).locale() == craftdesk::i18n::Locale::Spanish
    })
    .await;
    let setup = admin.slash("setup", json!([])).await.unwrap();
    let setup = setup.click_label("Next ▶").await.unwrap();
    let setup = setup
        .select("Log channel (none to clear)", &[&app.log.to_string()])
        .await
        .unwrap();
    assert!(setup.text().contains("Saved"), "{}", setup.text());
    app.emu
        .wait_for_message(
            app.log,
            |m| m.content.contains("cambiado los ajustes"),
            WAIT,
        )
        .await
        .expect("before a choice, shared messages read Discord's server language");
    let options = setup.click_label("Next ▶").await.unwrap();
    let options = options.click_label("Next ▶").await.unwrap();
    let choices = options.select_values("Language of shared messages");
    assert_eq!(
        choices,
        ["discord", "en-US", "de", "fr", "es-ES", "ru", "pt-BR"],
        "Discord's language, then every shipped one"
    );
    assert!(
        options
            .text()
            .contains("Discord's server language (now: Español)"),
        "{}",
        options.text()
    );

    let picked = options
        .select("Language of shared messages", &["fr"])
        .await
        .unwrap();
    let text = picked.text();
    // The admin's own answer stays English.
    assert!(
        text.contains(
            "✅ Saved. From the next click on:\n• **Language of shared messages**: Discord's server language → Français"
        ),
        "{text}"
    );
    // The log channel's post of that change is French.
    let logged = app
        .emu
        .wait_for_message(
            app.log,
            |m| m.content.contains("a modifié les paramètres"),
            WAIT,
        )
        .await
        .expect("the change is posted in the guild's new language");
    assert!(
        logged.content.contains(&format!(
            "⚙️ <@{}> a modifié les paramètres :\n• Langue des messages partagés : Langue du serveur Discord → Français",
            admin.id()
        )),
        "{}",
        logged.content
    );
    let stored = app
        .bot()
        .store
        .guild_settings(craftdesk::domain::Snowflake::new(app.guild).unwrap())
        .await
        .unwrap()
        .expect("saved");
    let json: Value = serde_json::from_str(&stored.settings_json).unwrap();
    assert_eq!(json["locale"], "fr");
    assert_eq!(
        app.bot()
            .guild_texts(craftdesk::domain::Snowflake::new(app.guild).unwrap())
            .locale(),
        craftdesk::i18n::Locale::French,
        "the guild's choice wins over Discord's"
    );

    // The next shared message is French: another setting change, by the same admin.
    let notified = picked.click_label("claim: on").await.unwrap();
    assert!(
        notified.text().contains("Notification on claim"),
        "{}",
        notified.text()
    );
    app.emu
        .wait_for_message(
            app.log,
            |m| {
                m.content
                    .contains("Notification de prise en charge : activé → désactivé")
            },
            WAIT,
        )
        .await
        .expect("the next log post is French");

    // A member's own answer follows the member (German), not the guild (French).
    let member = app.member("Mia").await;
    app.emu.set_user_locale(member.id(), "de");
    let answer = member
        .slash(
            "catalog download",
            json!([{"name": "profession", "type": 3, "value": "alchemy"}]),
        )
        .await
        .unwrap();
    assert!(answer.ephemeral);
    assert!(
        answer
            .text()
            .starts_with("Der aktuelle Katalog **alchemy** (eingebaut). Bearbeite ihn"),
        "{}",
        answer.text()
    );

    // Back to Discord's language: saved as no choice.
    let back = notified
        .select("Language of shared messages", &["discord"])
        .await
        .unwrap();
    assert!(
        back.text().contains("Français → Discord's server language"),
        "{}",
        back.text()
    );
    let stored = app
        .bot()
        .store
        .guild_settings(craftdesk::domain::Snowflake::new(app.guild).unwrap())
        .await
        .unwrap()
        .expect("saved");
    let json: Value = serde_json::from_str(&stored.settings_json).unwrap();
    assert!(json.get("locale").is_none(), "{json}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_language_is_refused_and_changes_nothing() {
    let app = unset_app().await;
    let admin = an_admin(&app, "Ada").await;
    let setup = admin.slash("setup", json!([])).await.unwrap();
    let page = setup.click_label("Next ▶").await.unwrap();
    let page = page.click_label("Next ▶").await.unwrap();
    let page = page.click_label("Next ▶").await.unwrap();
    let message = page.message.clone().expect("a message");
    let menu = message
        .components
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .find(|c| c["placeholder"] == "Language of shared messages")
        .and_then(|c| c["custom_id"].as_str().map(str::to_owned))
        .expect("the language menu");
    let refused = admin
        .forge_select(&message, &menu, 3, &["tlh"])
        .await
        .unwrap();
    assert!(
        refused.text().contains("doesn't ship that language"),
        "{}",
        refused.text()
    );
    let stored = app
        .bot()
        .store
        .guild_settings(craftdesk::domain::Snowflake::new(app.guild).unwrap())
        .await
        .unwrap();
    assert!(stored.is_none(), "nothing was saved");
}

/// Every command, option and choice, with its path.
fn entries<'a>(entry: &'a Value, path: &str, out: &mut Vec<(String, &'a Value)>) {
    let path = format!("{path}/{}", entry["name"].as_str().unwrap_or_default());
    for option in entry["options"].as_array().into_iter().flatten() {
        entries(option, &path, out);
    }
    for choice in entry["choices"].as_array().into_iter().flatten() {
        out.push((format!("{path}:{}", choice["name"]), choice));
    }
    out.push((path, entry));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_registered_commands_carry_every_shipped_languages_names_and_descriptions() {
    let app = unset_app().await;
    let commands: Vec<Value> = app.emu.commands(None);
    let names: Vec<&str> = commands.iter().filter_map(|c| c["name"].as_str()).collect();
    for name in [
        "request", "status", "register", "requests", "catalog", "setup",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    let mut all = Vec::new();
    for command in &commands {
        entries(command, "", &mut all);
    }
    assert!(all.len() > 10, "commands and their options: {}", all.len());
    for (path, entry) in &all {
        for code in ["de", "fr", "es-ES", "ru", "pt-BR"] {
            let name = entry["name_localizations"][code].as_str();
            assert!(
                name.is_some_and(|n| !n.is_empty()
                    && n.chars().count() <= 32
                    && n.to_lowercase() == n),
                "{path}: {code} name {name:?}"
            );
            if !path.contains(':') {
                let description = entry["description_localizations"][code].as_str();
                assert!(
                    description.is_some_and(|d| !d.is_empty() && d.chars().count() <= 100),
                    "{path}: {code} description {description:?}"
                );
            }
        }
    }
    let request = commands
        .iter()
        .find(|c| c["name"] == "request")
        .expect("/request");
    assert_eq!(request["name_localizations"]["de"], "anfrage");
    assert_eq!(request["name_localizations"]["fr"], "demande");
    assert_eq!(request["name_localizations"]["ru"], "заявка");
    assert_eq!(
        request["description_localizations"]["de"],
        "Bitte die Handwerker der Gilde um einen Gegenstand"
    );
    assert_eq!(
        request["description"],
        "Ask the guild's crafters for an item"
    );

    // A German member's client sends the command's default name: dispatch is unchanged.
    let member = app.member("Mia").await;
    app.emu.set_user_locale(member.id(), "de");
    let answer = member.slash("request", json!([])).await.unwrap();
    // The command is named as her client lists it: /einrichten, not /setup.
    assert!(
        answer.text().contains("`/einrichten`")
            && answer
                .text()
                .contains("noch nicht für craftdesk eingerichtet"),
        "{}",
        answer.text()
    );
}
