//! The cleanup task's `run_once`: alone with a scripted Discord on a paused clock, and end to
//! end against the emulator; and startup reconciliation.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use craftdesk::cleanup::{backoff, run_once, CleanupDiscord, CleanupPolicy, Failure, InFlight};
use craftdesk::config::DatabaseConfig;
use craftdesk::domain::{Snowflake, Timestamp};
use craftdesk::store::{NewSession, SessionPolicy, Store};
use discord_emulator::Fault;

use crate::request_flow::open_flow;
use crate::support::spawn_app;

const T0: Timestamp = Timestamp::from_millis(1_764_000_000_000);

/// A Discord that answers from a script: per item, failures to return before succeeding.
#[derive(Default, Clone)]
struct ScriptedDiscord {
    script: Arc<Mutex<HashMap<u64, Vec<Failure>>>>,
    calls: Arc<Mutex<Vec<(&'static str, u64)>>>,
    /// As when Discord's invalid-request budget is nearly spent.
    pause: Arc<std::sync::atomic::AtomicBool>,
}

impl ScriptedDiscord {
    fn answer(&self, kind: &'static str, id: Snowflake) -> Result<(), Failure> {
        self.calls.lock().unwrap().push((kind, id.get()));
        let mut script = self.script.lock().unwrap();
        match script.get_mut(&id.get()) {
            Some(failures) if !failures.is_empty() => Err(failures.remove(0)),
            _ => Ok(()),
        }
    }

    fn calls_to(&self, id: u64) -> usize {
        self.calls
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, i)| *i == id)
            .count()
    }
}

impl CleanupDiscord for ScriptedDiscord {
    fn mark_expired(
        &self,
        _user: Snowflake,
        _channel: Snowflake,
        message: Snowflake,
    ) -> impl Future<Output = Result<(), Failure>> + Send {
        let result = self.answer("mark", message);
        async move { result }
    }

    fn delete_channel(
        &self,
        _guild: Snowflake,
        channel: Snowflake,
    ) -> impl Future<Output = Result<(), Failure>> + Send {
        let result = self.answer("delete", channel);
        async move { result }
    }

    fn delete_message(
        &self,
        _channel: Snowflake,
        message: Snowflake,
    ) -> impl Future<Output = Result<(), Failure>> + Send {
        let result = self.answer("delete-message", message);
        async move { result }
    }

    fn should_pause(&self) -> bool {
        self.pause.load(std::sync::atomic::Ordering::SeqCst)
    }
}

fn id(n: u64) -> Snowflake {
    Snowflake::new(n).unwrap()
}

fn policy() -> CleanupPolicy {
    CleanupPolicy {
        batch_size: 50,
        temp_channel_ttl: Duration::from_secs(30 * 60),
        max_backoff: Duration::from_secs(60),
    }
}

fn open_store(dir: &tempfile::TempDir) -> Store {
    let config = DatabaseConfig {
        path: dir.path().join("c.sqlite"),
        url: None,
        pool_size: 4,
        busy_timeout: Duration::from_secs(5),
    };
    Store::open(
        &config,
        SessionPolicy {
            ttl: Duration::from_secs(3_600),
            touch_threshold: Duration::from_secs(30),
        },
    )
    .unwrap()
}

#[test]
fn backoff_doubles_from_one_second_up_to_the_cap() {
    let cap = Duration::from_secs(60);
    let delays: Vec<u64> = (0..8).map(|n| backoff(n, cap).as_secs()).collect();
    assert_eq!(delays, [1, 2, 4, 8, 16, 32, 60, 60]);
}

#[tokio::test(start_paused = true)]
async fn ten_thousand_expired_sessions_are_expired_and_marked_each_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(&dir);
    let mut creates = Vec::new();
    for user in 1..=10_000_u64 {
        let store = store.clone();
        creates.push(tokio::spawn(async move {
            let new = NewSession {
                user_id: id(user),
                guild_id: id(900),
                kind: "request".to_owned(),
                state_json: "{}".to_owned(),
                channel_id: Some(id(50_000 + user)),
            };
            let session = store.create_session(new, T0).await.unwrap();
            store
                .set_session_message(&session.key, id(50_000 + user), id(90_000 + user))
                .await
                .unwrap();
        }));
    }
    for create in creates {
        create.await.unwrap();
    }
    let live = NewSession {
        user_id: id(77_777),
        guild_id: id(900),
        kind: "request".to_owned(),
        state_json: "{}".to_owned(),
        channel_id: None,
    };
    store
        .create_session(live, T0.saturating_add(Duration::from_secs(7_200)))
        .await
        .unwrap();

    let discord = ScriptedDiscord::default();
    discord.script.lock().unwrap().insert(
        90_001,
        vec![Failure::Retry("429".into()), Failure::Retry("502".into())],
    );
    discord
        .script
        .lock()
        .unwrap()
        .insert(90_002, vec![Failure::Gone]);
    discord
        .script
        .lock()
        .unwrap()
        .insert(90_003, vec![Failure::Fatal("403".into())]);
    let started = tokio::time::Instant::now();
    let now = T0.saturating_add(Duration::from_secs(3_601));
    let tick = run_once(&store, &discord, &InFlight::default(), &policy(), now).await;

    assert_eq!(tick.sessions_expired, 10_000);
    assert_eq!(
        tick.messages_marked, 9_999,
        "the one forbidden message is the only failure"
    );
    assert_eq!(tick.errors, 1);
    assert_eq!(discord.calls_to(90_001), 3, "retried after a 429 and a 502");
    assert_eq!(discord.calls_to(90_002), 1, "gone counts as done");
    assert_eq!(discord.calls_to(90_500), 1, "no message is worked twice");
    assert!(
        started.elapsed() >= Duration::from_secs(3),
        "backed off 1 s then 2 s"
    );
    assert_eq!(
        store.count_sessions().await.unwrap(),
        1,
        "the live session stays"
    );
    // A second tick finds nothing left to do.
    let again = run_once(&store, &discord, &InFlight::default(), &policy(), now).await;
    assert_eq!((again.sessions_expired, again.messages_marked), (0, 0));
}

#[tokio::test(start_paused = true)]
async fn cleanup_pauses_while_the_invalid_request_budget_is_nearly_spent() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(&dir);
    let guild = id(900);
    store
        .set_member_channel(guild, id(1), id(101), T0)
        .await
        .unwrap();
    let expired = NewSession {
        user_id: id(2),
        guild_id: guild,
        kind: "request".to_owned(),
        state_json: "{}".to_owned(),
        channel_id: Some(id(102)),
    };
    let session = store.create_session(expired, T0).await.unwrap();
    store
        .set_session_message(&session.key, id(102), id(202))
        .await
        .unwrap();
    let discord = ScriptedDiscord::default();
    discord
        .pause
        .store(true, std::sync::atomic::Ordering::SeqCst);
    let now = T0.saturating_add(Duration::from_secs(7_200));

    let paused = run_once(&store, &discord, &InFlight::default(), &policy(), now).await;
    assert!(paused.paused);
    assert_eq!((paused.sessions_expired, paused.channels_deleted), (0, 0));
    assert!(
        discord.calls.lock().unwrap().is_empty(),
        "no call to Discord"
    );
    assert_eq!(
        store.count_sessions().await.unwrap(),
        1,
        "nothing is dropped"
    );

    // Once the budget recovers, the next tick does the work.
    discord
        .pause
        .store(false, std::sync::atomic::Ordering::SeqCst);
    let tick = run_once(&store, &discord, &InFlight::default(), &policy(), now).await;
    assert!(!tick.paused);
    assert_eq!(
        (
            tick.sessions_expired,
            tick.messages_marked,
            tick.channels_deleted
        ),
        (1, 1, 1)
    );
}

#[tokio::test(start_paused = true)]
async fn flows_expired_in_a_channel_being_deleted_are_not_marked_but_go_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(&dir);
    let guild = id(900);
    store
        .set_member_channel(guild, id(1), id(101), T0)
        .await
        .unwrap();
    let mut sessions = Vec::new();
    for (user, channel) in [(1, 101), (1, 101), (1, 101), (2, 102)] {
        let new = NewSession {
            user_id: id(user),
            guild_id: guild,
            kind: "request".to_owned(),
            state_json: "{}".to_owned(),
            channel_id: Some(id(channel)),
        };
        let session = store.create_session(new, T0).await.unwrap();
        let message = 1_000 + sessions.len() as u64;
        store
            .set_session_message(&session.key, id(channel), id(message))
            .await
            .unwrap();
        sessions.push(message);
    }
    let discord = ScriptedDiscord::default();
    let now = T0.saturating_add(Duration::from_secs(7_200));
    let tick = run_once(&store, &discord, &InFlight::default(), &policy(), now).await;
    assert_eq!(
        (
            tick.sessions_expired,
            tick.messages_marked,
            tick.channels_deleted
        ),
        (4, 1, 1),
        "{tick:?}"
    );
    for message in &sessions[..3] {
        assert_eq!(
            discord.calls_to(*message),
            0,
            "no edit of a message about to go"
        );
    }
    assert_eq!(
        discord.calls_to(sessions[3]),
        1,
        "the other channel's flow is marked"
    );
    assert_eq!(discord.calls_to(101), 1, "the idle channel is deleted");
    assert_eq!(store.count_sessions().await.unwrap(), 0);
}

#[tokio::test(start_paused = true)]
async fn idle_request_channels_without_live_flows_are_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(&dir);
    let guild = id(900);
    store
        .set_member_channel(guild, id(1), id(101), T0)
        .await
        .unwrap();
    store
        .set_member_channel(guild, id(2), id(102), T0)
        .await
        .unwrap();
    store
        .set_member_channel(
            guild,
            id(3),
            id(103),
            T0.saturating_add(Duration::from_secs(3_000)),
        )
        .await
        .unwrap();
    // Member 2 still has a flow in their channel.
    let new = NewSession {
        user_id: id(2),
        guild_id: guild,
        kind: "request".to_owned(),
        state_json: "{}".to_owned(),
        channel_id: Some(id(102)),
    };
    store
        .create_session(new, T0.saturating_add(Duration::from_secs(3_500)))
        .await
        .unwrap();

    let discord = ScriptedDiscord::default();
    discord
        .script
        .lock()
        .unwrap()
        .insert(101, vec![Failure::Retry("429".into())]);
    let now = T0.saturating_add(Duration::from_secs(3_600));
    let tick = run_once(&store, &discord, &InFlight::default(), &policy(), now).await;
    assert_eq!(tick.channels_deleted, 1);
    assert_eq!(discord.calls_to(101), 2);
    assert_eq!(discord.calls_to(102), 0, "a channel with a live flow stays");
    assert_eq!(discord.calls_to(103), 0, "a recently active channel stays");
    assert_eq!(store.member_channel(guild, id(1)).await.unwrap(), None);
    assert_eq!(
        store.member_channel(guild, id(2)).await.unwrap(),
        Some(id(102))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn against_the_emulator_expired_flows_are_marked_and_idle_channels_deleted_despite_429s() {
    let app = spawn_app().await;
    let ada = app.member("ada").await;
    let (_, first) = open_flow(&app, &ada).await;
    let bot = app.bot();
    let discord = craftdesk::discord::DiscordCleanup::new(bot.clone());
    let keep_channels = CleanupPolicy {
        max_backoff: Duration::from_millis(20),
        temp_channel_ttl: Duration::from_secs(48 * 3_600),
        ..policy()
    };
    app.emu.faults().add(
        Fault::rate_limit(Duration::from_millis(10))
            .on("PATCH /channels/{channel_id}/messages/{message_id}")
            .times(1),
    );

    let in_a_day = Timestamp::now().saturating_add(Duration::from_secs(25 * 3_600));
    let tick = run_once(
        &bot.store,
        &discord,
        &InFlight::default(),
        &keep_channels,
        in_a_day,
    )
    .await;
    assert_eq!(
        (tick.sessions_expired, tick.messages_marked, tick.errors),
        (1, 1, 0),
        "{tick:?}"
    );
    assert_eq!(tick.channels_deleted, 0);
    let marked = app.emu.message(first.id).expect("flow message");
    assert!(
        marked
            .text()
            .contains("Session expired. Please start over."),
        "{}",
        marked.text()
    );
    assert!(marked.components.is_empty());
    // The channel was idle for a day with no flow left: with the usual 30 min it goes too.
    let fast = CleanupPolicy {
        max_backoff: Duration::from_millis(20),
        ..policy()
    };
    app.emu.faults().add(
        Fault::rate_limit(Duration::from_millis(10))
            .on("DELETE /channels/{channel_id}")
            .times(1),
    );
    let tick = run_once(&bot.store, &discord, &InFlight::default(), &fast, in_a_day).await;
    assert_eq!((tick.channels_deleted, tick.errors), (1, 0), "{tick:?}");
    let rate_limited = app.emu.log().count_status(429);
    assert_eq!(
        rate_limited, 2,
        "both calls were rate limited once and retried"
    );
    assert!(app.emu.channel(first.channel_id).is_none());
    // The next /request makes a new channel.
    let (_, again) = open_flow(&app, &ada).await;
    assert_ne!(again.channel_id, first.channel_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn startup_reconciliation_removes_orphans_and_forgets_vanished_channels() {
    const LIST_CHANNELS: &str = "GET /guilds/{guild_id}/channels";
    let mut app = spawn_app().await;
    let bo = app.member("bo").await;
    let (_, first) = open_flow(&app, &bo).await;
    // While the bot is down: an orphan request channel appears, and bo's channel vanishes.
    let orphan = app
        .emu
        .create_text_channel(app.guild, "requests-123456789", Some(app.category))
        .await;
    let unrelated = app
        .emu
        .create_text_channel(app.guild, "general-chat", Some(app.category))
        .await;
    let mark = app.emu.log().mark();
    app.restart().await;
    // From the guild's GUILD_CREATE, in the background: no channel list over REST.
    crate::support::eventually_true(
        Duration::from_secs(10),
        "the orphan was never removed",
        || app.emu.channel(orphan).is_none(),
    )
    .await;
    assert!(
        app.emu.channel(unrelated).is_some(),
        "other channels are left alone"
    );
    assert!(
        app.emu.channel(first.channel_id).is_some(),
        "a known channel stays"
    );
    // Delete bo's channel without the bot hearing of it, then restart: the flow is closed.
    let bot = app.bot();
    drop(bot);
    assert!(app.emu.delete_channel_by_hand(first.channel_id).await);
    app.restart().await;
    let bot = app.bot();
    crate::support::eventually_true(
        Duration::from_secs(10),
        "the guild was never reconciled",
        || {
            let (queued, reconciled) = bot.startup.progress();
            queued > 0 && queued == reconciled
        },
    )
    .await;
    assert!(
        app.emu
            .log()
            .calls_since(mark)
            .iter()
            .all(|c| c.route != LIST_CHANNELS),
        "reconciliation lists no channel over REST"
    );
    let reply = bo
        .slash("status", serde_json::json!([]))
        .await
        .expect("status");
    assert!(reply.ephemeral);
    let (_, again) = open_flow(&app, &bo).await;
    assert_ne!(again.channel_id, first.channel_id);
}

/// With thousands of guilds a guild may wait in the reconciliation queue for a while after
/// its `GUILD_CREATE`; a member's request channel made meanwhile is missing from that
/// snapshot. The pass must not take it for a channel deleted while the bot was away: it
/// would close the member's flow, and at the next start remove the channel as an orphan
/// (seen in the 10,000-guild startup run: a DELETE and a new channel at the restart).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channel_made_while_its_guild_waited_to_be_reconciled_is_not_forgotten() {
    let app = spawn_app().await;
    let bot = app.bot();
    let snapshot_at = Timestamp::now();
    let snapshot: Vec<craftdesk::discord::SeenChannel> = app
        .emu
        .channels(app.guild)
        .iter()
        .map(|c| craftdesk::discord::SeenChannel {
            id: Snowflake::from_discord(c.id),
            name: c.name.clone(),
            parent: c.parent_id.map(Snowflake::from_discord),
        })
        .collect();
    let bo = app.member("bo").await;
    let (_, first) = open_flow(&app, &bo).await;
    assert!(!snapshot
        .iter()
        .any(|c| c.id == Snowflake::from_discord(first.channel_id)));

    let runtime = bot
        .guilds
        .get(Snowflake::from_discord(app.guild))
        .expect("the guild is served");
    let done = craftdesk::discord::reconcile_guild(&bot, &runtime, &snapshot, snapshot_at)
        .await
        .expect("reconciled");
    assert_eq!(
        (
            done.forgotten_channels,
            done.sessions_closed,
            done.orphan_channels_removed
        ),
        (0, 0, 0),
        "{done:?}"
    );
    // bo's flow goes on in the channel the bot still knows.
    let form = bo
        .click_in(&first, "Type a name")
        .await
        .expect("the flow answers");
    assert!(
        matches!(form.kind, discord_emulator::ReplyKind::Modal),
        "{}",
        form.text()
    );
    let (_, again) = open_flow(&app, &bo).await;
    assert_eq!(again.channel_id, first.channel_id);

    // A channel older than the snapshot and missing from it was deleted while the bot was
    // away: that one is forgotten, as before.
    let later = Timestamp::now().saturating_add(craftdesk::discord::CLOCK_MARGIN * 2);
    let done = craftdesk::discord::reconcile_guild(&bot, &runtime, &snapshot, later)
        .await
        .expect("reconciled");
    assert_eq!(done.forgotten_channels, 1, "{done:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_dm_mode_ended_flow_messages_are_deleted_later_and_the_home_message_stays() {
    let app = crate::support::spawn_app_with(crate::support::Options {
        mode: "dm",
        ..crate::support::Options::default()
    })
    .await;
    let cy = app.member("cy").await;
    let (_, first) = open_flow(&app, &cy).await;
    let confirm = crate::request_flow::walk_to_confirm(&cy, &first, "Cy", "1").await;
    assert!(confirm
        .click_label("Confirm")
        .await
        .expect("confirmed")
        .settled()
        .await
        .expect("settled")
        .text()
        .contains("submitted"));
    let dm = first.channel_id;
    let bot = app.bot();
    let discord = craftdesk::discord::DiscordCleanup::new(bot.clone());

    // Too early: the receipt stays.
    let soon = run_once(
        &bot.store,
        &discord,
        &InFlight::default(),
        &policy(),
        Timestamp::now(),
    )
    .await;
    assert_eq!(soon.messages_deleted, 0);
    assert!(app.emu.message(first.id).is_some());

    let later = Timestamp::now().saturating_add(Duration::from_secs(31 * 60));
    let tick = run_once(&bot.store, &discord, &InFlight::default(), &policy(), later).await;
    assert_eq!((tick.messages_deleted, tick.errors), (1, 0), "{tick:?}");
    assert!(
        app.emu.message(first.id).is_none(),
        "the ended flow's message is gone"
    );
    let left: Vec<_> = app.emu.channel_messages(dm);
    assert_eq!(left.len(), 1, "only the home message stays");
    assert!(left[0].button_labels().contains(&"My requests".to_owned()));
}
