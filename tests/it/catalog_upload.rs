//! `/catalog` (issue 17 item 5): officers of a guild set up in Discord upload a
//! profession's catalog JSON as an attachment (the bot downloads it from the emulator's
//! CDN), it is validated with startup's own messages, stored, recorded in the settings
//! audit, posted to the log and offered by the very next `/request`; a malformed or
//! oversized file, a member who is not an officer and a file-managed guild change nothing;
//! download hands out the current JSON as a file; reset brings the built-in one back.

use std::time::Duration;

use discord_emulator::{permissions, Reply, ScriptedUser, Snowflake};
use serde_json::json;

use crate::support::{spawn_app_with, Options, TestApp};

const WAIT: Duration = Duration::from_secs(10);

const NEW_ITEM: &str = "Runed Moonblade";

fn id(n: Snowflake) -> craftdesk::domain::Snowflake {
    craftdesk::domain::Snowflake::new(n).expect("non-zero")
}

fn good_catalog() -> String {
    json!({
        "items": {
            "Weapon": [
                {"name": NEW_ITEM, "materials": ["Greater Eternal Essence x2", "Large Brilliant Shard"]}
            ]
        }
    })
    .to_string()
}

/// A guild set up in Discord (settings in the store) whose officer role is the test's.
async fn discord_guild() -> TestApp {
    let app = spawn_app_with(Options {
        no_guild_table: true,
        ..Options::default()
    })
    .await;
    let bot = app.bot();
    let mut settings = craftdesk::flow::setup::fresh_settings(id(app.guild));
    settings.officer_role_ids = vec![id(app.officer_role)];
    settings.log_channel_id = Some(id(app.log));
    let json = serde_json::to_string(&settings).expect("settings as JSON");
    bot.store
        .save_guild_settings(
            id(app.guild),
            0,
            json,
            Vec::new(),
            id(app.officer_role),
            craftdesk::domain::Timestamp::now(),
        )
        .await
        .expect("settings saved");
    bot.guilds
        .load_from_store(&bot.store)
        .await
        .expect("served");
    app
}

fn upload(app: &TestApp, name: &str, content_type: Option<&str>, bytes: &[u8]) -> Snowflake {
    app.emu.upload_attachment(name, content_type, bytes)
}

async fn run_upload(user: &ScriptedUser, profession: &str, file: Snowflake) -> Reply {
    user.slash(
        "catalog upload",
        json!([
            {"name": "profession", "type": 3, "value": profession},
            {"name": "file", "type": 11, "value": file.to_string()}
        ]),
    )
    .await
    .expect("answered")
    .settled()
    .await
    .expect("settled")
}

async fn offers(user: &ScriptedUser, query: &str) -> Vec<String> {
    user.autocomplete("request", "item", query)
        .await
        .expect("choices")
        .into_iter()
        .map(|c| c.name)
        .collect()
}

async fn uploaded(app: &TestApp) -> Vec<craftdesk::store::StoredCatalog> {
    app.bot()
        .store
        .guild_catalogs(id(app.guild))
        .await
        .expect("reads")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_uploads_a_catalog_and_the_next_request_offers_it() {
    let app = discord_guild().await;
    let officer = app.member_with("Olga", &[app.officer_role]).await;
    assert!(offers(&officer, "Moonblade")
        .await
        .iter()
        .all(|c| !c.contains(NEW_ITEM)));

    let file = upload(
        &app,
        "enchanting.json",
        Some("application/json"),
        good_catalog().as_bytes(),
    );
    let reply = run_upload(&officer, "Enchanting", file).await;
    assert!(reply.ephemeral);
    assert!(
        reply.text().contains("✅") && reply.text().contains("1 items"),
        "{}",
        reply.text()
    );
    assert_eq!(
        app.emu.attachment_downloads(file),
        1,
        "the bot downloaded it"
    );

    let choices = offers(&officer, "Moonblade").await;
    assert!(choices.iter().any(|c| c.contains(NEW_ITEM)), "{choices:?}");
    let stored = uploaded(&app).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].profession, "enchanting");
    assert_eq!(stored[0].catalog_json, good_catalog());

    let changes = app
        .bot()
        .store
        .settings_changes(id(app.guild), 5)
        .await
        .expect("audit");
    let change = &changes[0].change;
    assert_eq!(change.setting, "catalog enchanting");
    assert_eq!(
        (change.before.as_str(), change.after.as_str()),
        ("built-in", "uploaded (1 items)")
    );
    assert_eq!(changes[0].user_id, id(officer.id()));
    let logged = app
        .emu
        .wait_for_message(app.log, |m| m.content.contains("catalog"), WAIT)
        .await
        .expect("posted to the log channel");
    assert!(
        logged.content.contains(&format!("<@{}>", officer.id())),
        "{}",
        logged.content
    );
    app.assert_schema_clean();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_catalog_gets_the_startup_messages_and_changes_nothing() {
    let app = discord_guild().await;
    let officer = app.member_with("Olga", &[app.officer_role]).await;
    let cases = [
        "{\"items\": {\"Weapon\": [".to_owned(),
        json!({"items": {"Weapon": [{"name": "Bare Sword"}], "Boots": [{"name": "", "materials": ["Dust"]}]}}).to_string(),
        json!({"items": "Weapon"}).to_string(),
    ];
    for text in cases {
        let startup =
            craftdesk::catalog::Catalog::from_files([("enchanting.json".to_owned(), text.clone())])
                .expect_err("malformed at startup too");
        let file = upload(
            &app,
            "enchanting.json",
            Some("application/json"),
            text.as_bytes(),
        );
        let reply = run_upload(&officer, "enchanting", file).await;
        assert!(reply.ephemeral);
        assert!(reply.text().contains("was not changed"), "{}", reply.text());
        for problem in &startup.problems {
            assert!(
                reply.text().contains(problem.as_str()),
                "{problem:?} not in {}",
                reply.text()
            );
        }
        assert!(reply.text().chars().count() <= 2000);
    }
    assert!(uploaded(&app).await.is_empty(), "nothing stored");
    let changes = app
        .bot()
        .store
        .settings_changes(id(app.guild), 5)
        .await
        .expect("audit");
    assert!(changes.is_empty(), "nothing recorded: {changes:?}");

    let binary = upload(
        &app,
        "enchanting.json",
        Some("application/json"),
        &[0xff, 0xfe, 0x00],
    );
    let reply = run_upload(&officer, "enchanting", binary).await;
    assert!(reply.text().contains("UTF-8"), "{}", reply.text());
    let image = upload(&app, "enchanting.png", Some("image/png"), b"\x89PNG");
    let reply = run_upload(&officer, "enchanting", image).await;
    assert!(reply.text().contains("not a JSON file"), "{}", reply.text());
    assert_eq!(app.emu.attachment_downloads(image), 0);
    assert!(uploaded(&app).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_attachment_is_refused_before_it_is_downloaded() {
    let app = discord_guild().await;
    let officer = app.member_with("Olga", &[app.officer_role]).await;
    let big = vec![b' '; 300 * 1024];
    let file = upload(&app, "enchanting.json", Some("application/json"), &big);
    let reply = run_upload(&officer, "enchanting", file).await;
    assert!(reply.text().contains("at most 256 KiB"), "{}", reply.text());
    assert_eq!(
        app.emu.attachment_downloads(file),
        0,
        "refused from its size alone"
    );

    // One whose `size` lies is cut off on its body.
    let liar =
        app.emu
            .upload_attachment_claiming("enchanting.json", Some("application/json"), &big, 100);
    let reply = run_upload(&officer, "enchanting", liar).await;
    assert!(
        reply.text().contains("larger than 256 KiB"),
        "{}",
        reply.text()
    );
    assert!(uploaded(&app).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_who_are_not_officers_are_refused() {
    let app = discord_guild().await;
    let member = app.member("Max").await;
    let file = upload(
        &app,
        "enchanting.json",
        Some("application/json"),
        good_catalog().as_bytes(),
    );
    let reply = run_upload(&member, "enchanting", file).await;
    assert!(reply.ephemeral);
    assert!(reply.text().contains("Only officers"), "{}", reply.text());
    assert_eq!(app.emu.attachment_downloads(file), 0);
    let reply = member
        .slash(
            "catalog reset",
            json!([{"name": "profession", "type": 3, "value": "enchanting"}]),
        )
        .await
        .unwrap();
    assert!(reply.text().contains("Only officers"), "{}", reply.text());
    assert!(uploaded(&app).await.is_empty());

    // Manage Server is enough without the officer role.
    let role = app
        .emu
        .create_role_with_permissions(
            app.guild,
            "Admins",
            permissions::EVERYONE_DEFAULT | permissions::MANAGE_GUILD,
        )
        .await;
    let admin = app.member_with("Ada", &[role]).await;
    let reply = run_upload(&admin, "enchanting", file).await;
    assert!(reply.text().contains("✅"), "{}", reply.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_managed_guild_is_refused() {
    let app = spawn_app_with(Options::default()).await;
    let officer = app.member_with("Olga", &[app.officer_role]).await;
    let file = upload(
        &app,
        "enchanting.json",
        Some("application/json"),
        good_catalog().as_bytes(),
    );
    let reply = run_upload(&officer, "enchanting", file).await;
    assert!(reply.text().contains("operator's file"), "{}", reply.text());
    assert_eq!(app.emu.attachment_downloads(file), 0);
    assert!(offers(&officer, "Moonblade")
        .await
        .iter()
        .all(|c| !c.contains(NEW_ITEM)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guild_not_set_up_is_told_to_run_setup() {
    let app = spawn_app_with(Options {
        no_guild_table: true,
        ..Options::default()
    })
    .await;
    let officer = app.member_with("Olga", &[app.officer_role]).await;
    let file = upload(
        &app,
        "enchanting.json",
        Some("application/json"),
        good_catalog().as_bytes(),
    );
    let reply = run_upload(&officer, "enchanting", file).await;
    assert!(reply.text().contains("`/setup`"), "{}", reply.text());
}

async fn downloaded(app: &TestApp, user: &ScriptedUser, profession: &str) -> String {
    let reply = user
        .slash(
            "catalog download",
            json!([{"name": "profession", "type": 3, "value": profession}]),
        )
        .await
        .expect("answered");
    assert!(reply.ephemeral);
    let message = reply.message.expect("a message");
    let attachments = app.emu.message_attachments(message.id);
    assert_eq!(attachments.len(), 1, "{attachments:?}");
    let attachment = &attachments[0];
    assert_eq!(attachment["filename"], format!("{profession}.json"));
    let file: Snowflake = attachment["id"]
        .as_str()
        .expect("id")
        .parse()
        .expect("snowflake");
    String::from_utf8(app.emu.attachment_bytes(file).expect("stored")).expect("UTF-8")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn download_gives_the_current_json_and_reset_restores_the_built_in_one() {
    let app = discord_guild().await;
    let officer = app.member_with("Olga", &[app.officer_role]).await;
    let builtin = craftdesk::catalog::Catalog::builtin_files()
        .into_iter()
        .find(|(name, _)| name == "enchanting.json")
        .expect("a built-in enchanting catalog")
        .1;
    assert_eq!(downloaded(&app, &officer, "enchanting").await, builtin);

    let file = upload(&app, "enchanting.json", None, good_catalog().as_bytes());
    let reply = run_upload(&officer, "enchanting", file).await;
    assert!(reply.text().contains("✅"), "{}", reply.text());
    let member = app.member("Max").await;
    assert_eq!(
        downloaded(&app, &member, "enchanting").await,
        good_catalog()
    );

    let reply = officer
        .slash(
            "catalog reset",
            json!([{"name": "profession", "type": 3, "value": "enchanting"}]),
        )
        .await
        .unwrap();
    assert!(reply.text().contains("reset"), "{}", reply.text());
    assert!(uploaded(&app).await.is_empty());
    assert_eq!(downloaded(&app, &officer, "enchanting").await, builtin);
    assert!(offers(&officer, "Moonblade")
        .await
        .iter()
        .all(|c| !c.contains(NEW_ITEM)));
    let again = officer
        .slash(
            "catalog reset",
            json!([{"name": "profession", "type": 3, "value": "enchanting"}]),
        )
        .await
        .unwrap();
    assert!(
        again.text().contains("already the built-in"),
        "{}",
        again.text()
    );
    let choices = officer
        .autocomplete("catalog download", "profession", "ench")
        .await
        .unwrap();
    assert!(
        choices.iter().any(|c| c.value == "enchanting"),
        "{choices:?}"
    );
    app.assert_schema_clean();
}
