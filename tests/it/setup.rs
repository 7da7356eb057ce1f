//! `/setup` (issue 17): a guild with no `[[guild]]` table is set up in Discord by an admin
//! with Manage Server, live, with channel and role menus; every change is saved (who,
//! when, before → after), posted to the log channel and served from the next click on;
//! bad input and a second admin editing at once change nothing; a file-managed guild is
//! shown read-only.

use std::time::Duration;

use discord_emulator::{permissions, Reply, ScriptedUser, Snowflake};

use crate::support::{spawn_app_with, Options, TestApp};

const WAIT: Duration = Duration::from_secs(10);

async fn unset_app() -> TestApp {
    spawn_app_with(Options {
        no_guild_table: true,
        ..Options::default()
    })
    .await
}

async fn an_admin(app: &TestApp, name: &str) -> (ScriptedUser, Snowflake) {
    let role = app
        .emu
        .create_role_with_permissions(
            app.guild,
            &format!("{name} admin"),
            permissions::EVERYONE_DEFAULT | permissions::MANAGE_GUILD,
        )
        .await;
    (app.member_with(name, &[role]).await, role)
}

fn id(n: Snowflake) -> craftdesk::domain::Snowflake {
    craftdesk::domain::Snowflake::new(n).expect("non-zero")
}

async fn settings_json(app: &TestApp) -> Option<serde_json::Value> {
    app.bot()
        .store
        .guild_settings(id(app.guild))
        .await
        .expect("reads")
        .map(|s| serde_json::from_str(&s.settings_json).expect("JSON"))
}

fn saved(reply: &Reply) {
    assert!(
        reply.text().contains("Saved"),
        "expected a saved change, got: {}",
        reply.text()
    );
}

/// The custom id of a setup menu (by placeholder) on a reply's message.
fn menu_id(reply: &Reply, placeholder: &str) -> String {
    reply
        .message
        .as_ref()
        .expect("a message")
        .components
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .find(|c| c["placeholder"] == placeholder)
        .and_then(|c| c["custom_id"].as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("no menu {placeholder:?} in {:?}", reply.components))
}

/// The panel is posted in `to` and the old one (`old`) is deleted. The delete may still be
/// on its way: a panel check in the background (the guild's lazy one since serve-first)
/// can post the panel in its new channel first.
async fn panel_moved(app: &TestApp, old: Snowflake, to: Snowflake) {
    app.emu
        .wait_for_message(to, |m| !m.components.is_empty(), WAIT)
        .await
        .expect("the panel is posted in its new channel");
    crate::support::eventually_true(WAIT, "the old panel is deleted", || {
        app.emu.message(old).is_none()
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // one admin's story, page by page
async fn an_admin_sets_up_a_guild_in_discord_and_it_applies_at_once() {
    let app = unset_app().await;
    assert!(
        !app.emu.commands(None).is_empty(),
        "global commands serve any guild"
    );
    let member = app.member("Mia").await;
    let before = member
        .slash("request", serde_json::json!([]))
        .await
        .unwrap();
    assert!(before.ephemeral);
    assert!(
        before.text().contains("`/setup`") && before.text().contains("isn't set up"),
        "{}",
        before.text()
    );

    let (admin, _) = an_admin(&app, "Ada").await;
    let setup = admin.slash("setup", serde_json::json!([])).await.unwrap();
    assert!(setup.ephemeral);
    assert!(setup.text().contains("Channels"), "{}", setup.text());
    assert_eq!(
        settings_json(&app).await,
        None,
        "opening setup changes nothing"
    );

    let category = app.category.to_string();
    let reply = setup
        .select("Request category", &[&category])
        .await
        .unwrap();
    saved(&reply);
    assert!(reply.text().contains(&format!("<#{category}>")));
    let reply = reply
        .select("Board channel (none to clear)", &[&app.board.to_string()])
        .await
        .unwrap();
    saved(&reply);
    let reply = reply.click_label("Switch to channel mode").await.unwrap();
    saved(&reply);
    let reply = reply
        .select("Panel channel (none to clear)", &[&app.panel.to_string()])
        .await
        .unwrap();
    saved(&reply);
    let panel = app
        .emu
        .wait_for_message(app.panel, |m| !m.components.is_empty(), WAIT)
        .await
        .expect("the panel is posted where it was set");

    // Roles and log: the change is posted to the new log channel.
    let reply = reply.click_label("Next ▶").await.unwrap();
    assert!(reply.text().contains("Log and roles"), "{}", reply.text());
    let reply = reply
        .select("Log channel (none to clear)", &[&app.log.to_string()])
        .await
        .unwrap();
    saved(&reply);
    let logged = app
        .emu
        .wait_for_message(
            app.log,
            |m| m.content.contains("changed the settings"),
            WAIT,
        )
        .await
        .expect("the change is posted to the log channel");
    assert!(logged.content.contains(&format!("<@{}>", admin.id())));
    assert!(logged.content.contains("Log channel: none →"));
    let reply = reply
        .select(
            "Officer roles (none to clear)",
            &[&app.officer_role.to_string()],
        )
        .await
        .unwrap();
    saved(&reply);

    // A crafter role per profession.
    let reply = reply.click_label("Next ▶").await.unwrap();
    let reply = reply
        .select("Pick a profession", &["enchanting"])
        .await
        .unwrap();
    let reply = reply
        .select(
            "Crafter role for enchanting (none to clear)",
            &[&app.crafter_role.to_string()],
        )
        .await
        .unwrap();
    saved(&reply);

    let stored = settings_json(&app).await.expect("saved");
    assert_eq!(stored["mode"], "channel");
    assert_eq!(stored["request_category_id"], app.category.to_string());
    assert_eq!(
        stored["crafter_roles"]["enchanting"],
        app.crafter_role.to_string()
    );
    let changes = app
        .bot()
        .store
        .settings_changes(id(app.guild), 50)
        .await
        .unwrap();
    assert_eq!(changes.len(), 7, "{changes:#?}");
    assert!(changes.iter().all(|c| c.user_id == id(admin.id())));
    assert_eq!(changes.last().unwrap().change.setting, "Request category");

    // Members use it from the next interaction on, without a restart.
    let opened = crate::support::opened_answer(
        member
            .slash("request", serde_json::json!([]))
            .await
            .unwrap(),
    )
    .await;
    assert!(!opened.text().contains("isn't set up"), "{}", opened.text());
    assert!(
        app.emu
            .channel_by_name(app.guild, &format!("requests-{}", member.id()))
            .is_some_and(|c| c.parent_id == Some(app.category)),
        "the member's request channel is made in the category picked"
    );

    // The panel moves when its channel changes.
    let elsewhere = app
        .emu
        .create_text_channel(app.guild, "craft-here", None)
        .await;
    let reply = reply.click_label("◀ Back").await.unwrap();
    let reply = reply.click_label("◀ Back").await.unwrap();
    let reply = reply
        .select("Panel channel (none to clear)", &[&elsewhere.to_string()])
        .await
        .unwrap();
    saved(&reply);
    panel_moved(&app, panel.id, elsewhere).await;

    // Settings survive a restart, and Done closes the setup.
    let mut app = app;
    app.restart().await;
    let served = app
        .bot()
        .guild(id(app.guild))
        .expect("served after a restart");
    assert_eq!(served.config.panel_channel_id, Some(id(elsewhere)));
    assert!(!served.is_file_managed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_a_clear_answer_and_changes_nothing() {
    let app = unset_app().await;
    // Without Manage Server, Discord hides the command (default_member_permissions).
    let member = app.member("Mo").await;
    assert!(member.slash("setup", serde_json::json!([])).await.is_err());

    let (admin, admin_role) = an_admin(&app, "Ada").await;
    let setup = admin.slash("setup", serde_json::json!([])).await.unwrap();
    let message = setup.message.clone().expect("a message");

    // A channel of the wrong type (a forged pick: Discord's menu offers categories only).
    let category_menu = menu_id(&setup, "Request category");
    let wrong = admin
        .forge_select(&message, &category_menu, 8, &[&app.board.to_string()])
        .await
        .unwrap();
    assert!(wrong.ephemeral);
    assert!(wrong.text().contains("not a category"), "{}", wrong.text());

    // A role deleted since the menu was shown is not in the resolved data.
    let next = setup.click_label("Next ▶").await.unwrap();
    let officers = menu_id(&next, "Officer roles (none to clear)");
    let gone = admin
        .forge_select(&message, &officers, 6, &["999999999999"])
        .await
        .unwrap();
    assert!(gone.text().contains("no longer exists"), "{}", gone.text());

    // Malformed limits.
    let page = next.click_label("Next ▶").await.unwrap();
    let page = page.click_label("Next ▶").await.unwrap();
    let form = page.click_label("Limits…").await.unwrap();
    let refused = form
        .submit_modal(&[("max_open", "lots"), ("burst", "3"), ("per_minute", "6")])
        .await
        .unwrap();
    assert!(
        refused.text().contains("whole number"),
        "{}",
        refused.text()
    );
    assert_eq!(settings_json(&app).await, None, "nothing was saved");

    // Manage Server is checked again at every click.
    app.emu.set_member_roles(app.guild, admin.id(), &[]).await;
    let denied = page.click_label("Limits…").await.unwrap();
    assert!(denied.text().contains("Manage Server"), "{}", denied.text());
    app.emu
        .set_member_roles(app.guild, admin.id(), &[admin_role])
        .await;

    // Two admins at once: the second one's change, made on a stale view, is refused.
    let (other, _) = an_admin(&app, "Bea").await;
    let mine = admin.slash("setup", serde_json::json!([])).await.unwrap();
    let theirs = other.slash("setup", serde_json::json!([])).await.unwrap();
    saved(
        &mine
            .select("Request category", &[&app.category.to_string()])
            .await
            .unwrap(),
    );
    let stale = theirs
        .select("Board channel (none to clear)", &[&app.board.to_string()])
        .await
        .unwrap();
    let told = stale.next_update().await.unwrap();
    assert!(told.ephemeral);
    assert!(told.text().contains("Another admin"), "{}", told.text());
    let stored = settings_json(&app).await.expect("the first admin's change");
    assert_eq!(stored["board_channel_id"], serde_json::Value::Null);
    // Their view now shows the first admin's settings; trying again works.
    let again = theirs
        .select("Board channel (none to clear)", &[&app.board.to_string()])
        .await
        .unwrap();
    saved(&again);
    assert_eq!(
        settings_json(&app).await.unwrap()["board_channel_id"],
        app.board.to_string()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_them_for_me_says_what_to_grant_then_makes_the_channels() {
    let app = unset_app().await;
    let (admin, _) = an_admin(&app, "Ada").await;
    app.emu.set_bot_permissions(
        app.guild,
        permissions::VIEW_CHANNEL | permissions::SEND_MESSAGES | permissions::EMBED_LINKS,
    );
    let setup = admin.slash("setup", serde_json::json!([])).await.unwrap();
    let channels_before = app.emu.channels(app.guild).len();
    let refused = setup
        .click_label("Create them for me")
        .await
        .unwrap()
        .settled()
        .await
        .unwrap();
    assert!(
        refused.text().contains("Manage Channels") && refused.text().contains("Manage Roles"),
        "{}",
        refused.text()
    );
    assert_eq!(settings_json(&app).await, None);
    assert_eq!(
        app.emu.channels(app.guild).len(),
        channels_before,
        "no channel is left half made"
    );

    app.emu.set_bot_permissions(app.guild, permissions::ALL);
    let made = setup
        .click_label("Create them for me")
        .await
        .unwrap()
        .settled()
        .await
        .unwrap();
    saved(&made);
    let stored = settings_json(&app).await.expect("saved");
    assert_eq!(stored["mode"], "channel");
    let made_named = |name: &str| {
        app.emu
            .channels(app.guild)
            .into_iter()
            .find(|c| {
                c.name == name && ![app.board, app.log, app.panel, app.category].contains(&c.id)
            })
            .unwrap_or_else(|| panic!("no new {name} channel"))
    };
    assert_eq!(app.emu.channels(app.guild).len(), channels_before + 4);
    let board = made_named("request-board");
    assert_eq!(stored["board_channel_id"], board.id.to_string());
    let category = app
        .emu
        .channels(app.guild)
        .into_iter()
        .find(|c| c.name == "Requests" && c.id != app.category)
        .expect("a new request category");
    assert_eq!(stored["request_category_id"], category.id.to_string());
    let panel = app
        .emu
        .channel_by_name(app.guild, "requests")
        .expect("panel");
    let _ = panel;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_managed_guild_is_shown_read_only() {
    let app = crate::support::spawn_app().await;
    let (admin, _) = an_admin(&app, "Ada").await;
    let setup = admin.slash("setup", serde_json::json!([])).await.unwrap();
    assert!(
        setup.text().contains("configuration file"),
        "{}",
        setup.text()
    );
    assert!(setup.components.is_empty(), "nothing to change");
    assert!(setup.text().contains(&format!("<#{}>", app.board)));
    assert_eq!(settings_json(&app).await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_applies_the_files_guilds_and_a_bad_file_is_refused_whole() {
    let app = crate::support::spawn_app().await;
    let bot = app.bot();
    let running = app.config();
    let path = app.db_dir.path().join("config.toml");
    let moved = app
        .emu
        .create_text_channel(app.guild, "new-board", None)
        .await;
    let text = app.config_toml().replace(
        &format!("board_channel_id = \"{}\"", app.board),
        &format!("board_channel_id = \"{moved}\""),
    );
    std::fs::write(&path, &text).unwrap();
    let (next, changes) = craftdesk::discord::reload_file(&bot, &running, &path)
        .await
        .expect("a good file is applied");
    assert_eq!(
        changes,
        [format!("guild {}: changed board_channel_id", app.guild)]
    );
    let served = bot.guild(id(app.guild)).unwrap();
    assert_eq!(served.config.board_channel_id, Some(id(moved)));
    assert!(served.is_file_managed());

    // Two problems: both are listed, and nothing changes.
    let bad = text
        .replace("mode = \"channel\"", "mode = \"sideways\"")
        .replace("ttl = \"24h\"", "ttl = \"0s\"");
    std::fs::write(&path, bad).unwrap();
    let refused = craftdesk::discord::reload_file(&bot, &next, &path)
        .await
        .expect_err("a bad file is refused");
    assert_eq!(refused.problems.len(), 2, "{refused}");
    assert!(refused.to_string().contains("sideways"), "{refused}");
    assert!(refused.to_string().contains("sessions.ttl"), "{refused}");
    assert_eq!(
        bot.guild(id(app.guild)).unwrap().config.board_channel_id,
        Some(id(moved)),
        "the running settings are kept"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channel_the_bot_cannot_post_in_is_refused_with_what_to_grant() {
    let app = unset_app().await;
    let (admin, _) = an_admin(&app, "Ada").await;
    let setup = admin.slash("setup", serde_json::json!([])).await.unwrap();
    // Links are denied to everyone in this channel: the bot could not post its cards.
    let no_links = app
        .emu
        .create_channel_by_hand(
            app.guild,
            0,
            "no-links",
            None,
            vec![discord_emulator::Overwrite {
                id: app.guild,
                kind: 0,
                allow: 0,
                deny: permissions::EMBED_LINKS,
            }],
        )
        .await;
    let refused = setup
        .select("Board channel (none to clear)", &[&no_links.to_string()])
        .await
        .unwrap();
    assert!(refused.ephemeral);
    assert!(
        refused.text().contains("**Embed Links**")
            && refused.text().contains(&format!("<#{no_links}>")),
        "{}",
        refused.text()
    );
    assert_eq!(settings_json(&app).await, None, "nothing changed");
    saved(
        &setup
            .select("Board channel (none to clear)", &[&app.board.to_string()])
            .await
            .unwrap(),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guild_scoped_commands_reach_a_guild_not_set_up_and_serve_it_once_set_up() {
    let app = spawn_app_with(Options {
        no_guild_table: true,
        extra_discord_toml: "command_scope = \"guild\"".to_owned(),
        ..Options::default()
    })
    .await;
    assert!(app.emu.commands(None).is_empty(), "no global commands");
    let names = |app: &TestApp| -> Vec<String> {
        app.emu
            .commands(Some(app.guild))
            .iter()
            .filter_map(|c| c["name"].as_str().map(str::to_owned))
            .collect()
    };
    crate::support::eventually_true(WAIT, "the guild's commands", || {
        names(&app).contains(&"setup".to_owned())
    })
    .await;
    let member = app.member("Mia").await;
    let before = member
        .slash("request", serde_json::json!([]))
        .await
        .unwrap();
    assert!(before.text().contains("`/setup`"), "{}", before.text());

    let (admin, _) = an_admin(&app, "Ada").await;
    let setup = admin.slash("setup", serde_json::json!([])).await.unwrap();
    let made = setup
        .click_label("Create them for me")
        .await
        .unwrap()
        .settled()
        .await
        .unwrap();
    saved(&made);
    assert!(
        names(&app).contains(&"request".to_owned()),
        "the set-up guild keeps its commands"
    );
    let after = member
        .slash("request", serde_json::json!([]))
        .await
        .unwrap();
    assert!(
        !after.text().contains("isn't set up"),
        "served at once: {}",
        after.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_that_moves_the_panel_channel_moves_the_panel() {
    let app = crate::support::spawn_app().await;
    let bot = app.bot();
    let old = app
        .emu
        .wait_for_message(app.panel, |m| !m.components.is_empty(), WAIT)
        .await
        .expect("the panel at start");
    // Panels are posted lazily, in the background: the move needs the posted one known.
    crate::support::eventually(WAIT, async || {
        match bot.store.panel_message(id(app.guild)).await {
            Ok(Some((_, message))) if message == id(old.id) => Ok(()),
            other => Err(format!("the panel is not stored yet: {other:?}")),
        }
    })
    .await;
    let moved = app
        .emu
        .create_text_channel(app.guild, "new-panel", None)
        .await;
    let path = app.db_dir.path().join("config.toml");
    let text = app.config_toml().replace(
        &format!("panel_channel_id = \"{}\"", app.panel),
        &format!("panel_channel_id = \"{moved}\""),
    );
    std::fs::write(&path, &text).unwrap();
    let (_, changes) = craftdesk::discord::reload_file(&bot, &app.config(), &path)
        .await
        .expect("a good file is applied");
    assert_eq!(
        changes,
        [format!("guild {}: changed panel_channel_id", app.guild)]
    );
    panel_moved(&app, old.id, moved).await;
}

/// SIGHUP end to end (issue 17 item 4): a `craftdesk run` child, its config.toml changed,
/// serves the new crafter role from the next click after SIGHUP and logs what changed;
/// then a file with two problems is refused whole at the next SIGHUP, both problems are
/// logged, and the running settings are kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_reloads_a_running_bot_and_a_bad_file_keeps_the_running_settings() {
    use crate::support::child::{write_config, BotProcess};

    let app = crate::support::world(Options::default()).await;
    let config = write_config(&app, app.db_dir.path());
    let log = app.db_dir.path().join("bot.log");
    let bot =
        BotProcess::start_logging(&app, &config, &log, "warn,craftdesk::discord::reload=info")
            .await;
    let read_log = || std::fs::read_to_string(&log).unwrap_or_default();
    let role = app.emu.create_role(app.guild, "Enchanters II").await;
    let nell = app.member_with("Nell", &[role]).await;
    let requests = async || {
        nell.slash("requests", serde_json::json!([]))
            .await
            .map(|r| r.text())
            .map_err(|err| format!("/requests: {err}"))
    };
    let refused = requests().await.unwrap();
    assert!(refused.contains("Only crafters and officers"), "{refused}");

    // A good change: enchanting's crafters are the new role.
    let good = app.config_toml().replace(
        &format!("enchanting = \"{}\"", app.crafter_role),
        &format!("enchanting = \"{role}\""),
    );
    assert_ne!(good, app.config_toml());
    std::fs::write(&config, &good).unwrap();
    bot.hangup().await;
    let served = crate::support::eventually(WAIT, async || {
        let text = requests().await?;
        if text.contains("Only crafters and officers") {
            Err(format!("the new crafter role is not served yet: {text}"))
        } else {
            Ok(text)
        }
    })
    .await;
    assert!(
        served.contains("listed for all your professions"),
        "the crafter's view: {served}"
    );
    let changed = format!(
        "config reloaded: guild {}: changed crafter_roles",
        app.guild
    );
    crate::support::eventually_true(WAIT, "the reload is logged", || {
        read_log().contains(&changed)
    })
    .await;

    // A bad file: two problems, both logged; nothing changes.
    let bad = good
        .replace("mode = \"channel\"", "mode = \"sideways\"")
        .replace("ttl = \"24h\"", "ttl = \"0s\"");
    std::fs::write(&config, &bad).unwrap();
    bot.hangup().await;
    crate::support::eventually_true(WAIT, "the refusal is logged", || {
        read_log().contains("config.toml refused; the running settings are kept")
    })
    .await;
    let logged = read_log();
    let refusal = logged
        .lines()
        .find(|l| l.contains("config.toml refused"))
        .unwrap_or_default();
    assert!(
        refusal.contains("sideways") && refusal.contains("sessions.ttl"),
        "every problem is logged: {refusal}"
    );
    let kept = requests().await.unwrap();
    assert!(
        !kept.contains("Only crafters and officers")
            && kept.contains("listed for all your professions"),
        "the running settings are kept: {kept}"
    );
    let old_crafter = app.member_with("Olaf", &[app.crafter_role]).await;
    let old = old_crafter
        .slash("requests", serde_json::json!([]))
        .await
        .unwrap()
        .text();
    assert!(
        old.contains("Only crafters and officers"),
        "the old role stays replaced: {old}"
    );
    drop(bot);
}
