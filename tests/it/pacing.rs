//! Pacing against the emulator: a burst of channel deletions by cleanup keeps to the
//! guild's channel pace (measured at the emulator's arrival times), a storm of 429s on
//! channel creation and deletion still gets everything done, each 429 counted against
//! Discord's invalid-request budget, two processes on half the shards each keep to one
//! bot's budget together, and a 429's `Retry-After` is waited out in full on the
//! production path (serenity's rate limiter on, the emulator reached over TLS as
//! `https://discord.com`).

use std::time::Duration;

use craftdesk::cleanup::{run_once, CleanupPolicy, InFlight};
use craftdesk::discord::DiscordCleanup;
use craftdesk::domain::{Snowflake, Timestamp};
use discord_emulator::Fault;

use crate::request_flow::open_flow;
use crate::support::{eventually, eventually_true, spawn_app, spawn_app_with, Options, TestApp};

const DELETE_CHANNEL: &str = "DELETE /channels/{channel_id}";
const CREATE_CHANNEL: &str = "POST /guilds/{guild_id}/channels";
const CREATE_MESSAGE: &str = "POST /channels/{channel_id}/messages";

fn fast_backoff() -> CleanupPolicy {
    CleanupPolicy {
        batch_size: 50,
        temp_channel_ttl: Duration::from_secs(30 * 60),
        max_backoff: Duration::from_millis(20),
    }
}

/// `count` request channels made by hand (half under the overflow category: 50 fit in
/// one), recorded in the store as idle since two hours ago.
async fn idle_channels(app: &TestApp, count: u64) -> Vec<Snowflake> {
    let bot = app.bot();
    let two_hours_ago = Timestamp::now().saturating_sub(Duration::from_secs(7_200));
    let mut channels = Vec::new();
    for n in 0..count {
        let user = 900_000 + n;
        let parent = if n % 2 == 0 {
            app.category
        } else {
            app.overflow
        };
        let channel = app
            .emu
            .create_text_channel(app.guild, &format!("requests-{user}"), Some(parent))
            .await;
        bot.store
            .set_member_channel(
                Snowflake::new(app.guild).expect("id"),
                Snowflake::new(user).expect("id"),
                Snowflake::new(channel).expect("id"),
                two_hours_ago,
            )
            .await
            .expect("stored");
        channels.push(Snowflake::new(channel).expect("id"));
    }
    channels
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixty_channel_deletions_by_cleanup_keep_to_the_guilds_channel_pace() {
    // 20/s after a burst of 5 (the default is 5/s; faster here to keep the test short).
    let app = spawn_app_with(Options {
        extra_discord_toml: "channel_ops_per_second = 20\nchannel_op_burst = 5".to_owned(),
        ..Options::default()
    })
    .await;
    let channels = idle_channels(&app, 60).await;
    let bot = app.bot();
    let discord = DiscordCleanup::new(bot.clone());
    let mark = app.emu.log().mark();

    let tick = run_once(
        &bot.store,
        &discord,
        &InFlight::default(),
        &fast_backoff(),
        Timestamp::now(),
    )
    .await;

    assert_eq!((tick.channels_deleted, tick.errors), (60, 0), "{tick:?}");
    for channel in &channels {
        assert!(app.emu.channel(channel.get()).is_none());
    }
    let deletes: Vec<_> = app
        .emu
        .log()
        .calls_since(mark)
        .into_iter()
        .filter(|c| c.route == DELETE_CHANNEL)
        .collect();
    assert_eq!(deletes.len(), 60, "each channel deleted once");
    // Any second sees at most the burst plus a second's refill (one more for the jitter
    // between the bot's clock and arrival at the emulator).
    let busiest = app
        .emu
        .log()
        .busiest(DELETE_CHANNEL, Duration::from_secs(1));
    assert!(busiest <= 5 + 20 + 1, "{busiest} deletions in one second");
    // And it was paced, not sent at once: 55 tokens at 20/s take 2.75 s.
    let first = deletes.first().expect("deletes").at;
    let span = deletes.last().expect("deletes").at.duration_since(first);
    assert!(
        span >= Duration::from_millis(2_600),
        "all 60 within {span:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_storm_on_channel_creation_and_deletion_still_gets_everything_done() {
    let app = spawn_app_with(Options {
        extra_discord_toml: "channel_ops_per_second = 50\nchannel_op_burst = 10".to_owned(),
        ..Options::default()
    })
    .await;
    let bot = app.bot();
    let invalid_before = bot.rest.invalid_requests();

    // Five members open their first flow while channel creation answers 429 six times.
    app.emu.faults().add(
        Fault::rate_limit(Duration::from_millis(10))
            .on(CREATE_CHANNEL)
            .times(6),
    );
    let mut members = Vec::new();
    for n in 0..5 {
        // serenity's limiter waits out each 429's Retry-After before the link can follow.
        members.push(
            app.member(&format!("stormy{n}"))
                .await
                .with_timeout(Duration::from_secs(30)),
        );
    }
    let opened = futures::future::join_all(members.iter().map(|m| open_flow(&app, m))).await;
    for ((_, first), member) in opened.iter().zip(&members) {
        let channel = app
            .emu
            .channel(first.channel_id)
            .expect("the channel exists");
        assert_eq!(channel.name, format!("requests-{}", member.id()));
    }

    // Thirty idle channels are swept while deletion answers 429 thirty times.
    let channels = idle_channels(&app, 30).await;
    app.emu.faults().add(
        Fault::rate_limit(Duration::from_millis(10))
            .on(DELETE_CHANNEL)
            .times(30),
    );
    let discord = DiscordCleanup::new(bot.clone());
    let tick = run_once(
        &bot.store,
        &discord,
        &InFlight::default(),
        &fast_backoff(),
        Timestamp::now(),
    )
    .await;
    assert_eq!((tick.channels_deleted, tick.errors), (30, 0), "{tick:?}");
    for channel in &channels {
        assert!(app.emu.channel(channel.get()).is_none());
    }
    let rate_limited = app.emu.log().count_status(429);
    assert_eq!(rate_limited, 36);
    assert_eq!(
        bot.rest.invalid_requests() - invalid_before,
        36,
        "every 429 counts against Discord's invalid-request budget"
    );
    assert_eq!(app.emu.log().invalid_request_count(), 36);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_with_retry_after_1_5_s_is_retried_no_sooner_than_1_5_s_later() {
    // The harness's default is the production configuration: serenity's limiter on.
    let app = spawn_app().await;
    assert!(!app.options.limiter_off);
    let mark = app.emu.log().mark();
    app.emu.faults().add(
        Fault::rate_limit(Duration::from_millis(1_500))
            .on(CREATE_MESSAGE)
            .times(1),
    );
    // A member opens a flow: its message is posted in their new request channel, refused
    // once with Retry-After 1.5 s, and posted again.
    let ada = app
        .member("ada")
        .await
        .with_timeout(Duration::from_secs(10));
    open_flow(&app, &ada).await;

    // The refused post (the flow's message, or the panel's if the bot was still starting)
    // is sent again: wait for it, with a deadline.
    let (refused, retry) = eventually(Duration::from_secs(10), async || {
        let posts: Vec<_> = app
            .emu
            .log()
            .calls_since(mark)
            .into_iter()
            .filter(|c| c.route == CREATE_MESSAGE)
            .collect();
        let refused = posts.iter().find(|c| c.status == 429).cloned();
        let retry = refused.as_ref().and_then(|refused| {
            posts
                .iter()
                .find(|c| c.path == refused.path && c.at > refused.at)
                .cloned()
        });
        refused
            .zip(retry)
            .ok_or_else(|| format!("no post refused and sent again: {posts:#?}"))
    })
    .await;
    let waited = retry.at.duration_since(refused.at);
    assert!(
        waited >= Duration::from_millis(1_500),
        "retried after {waited:?}, before Retry-After's 1.5 s"
    );
    assert_eq!(retry.status, 200, "{}", retry.summary());
    // serenity's wait is counted as the 429 it was, once the call returns to the bot.
    eventually_true(Duration::from_secs(5), "the 429 was never counted", || {
        app.bot().rest.invalid_requests() > 0
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_half_the_shards_each_keep_to_one_bot_s_budget_together() {
    use craftdesk::config::ShardRange;
    use craftdesk::discord::{Lane, Rest};
    use craftdesk::pace::Priority;

    let app = spawn_app().await;
    let config = app.config();
    // The paces of two processes running shards 0..1 and 1..2 of 2 (default budget: 40/s
    // after a burst of 5), both calling as fast as their paces let them.
    let processes = ["0..1", "1..2"]
        .map(|range| Rest::new(&config.discord, ShardRange::parse(range, 2).expect("range")));
    let http = app.bot().http.clone();
    let mark = app.emu.log().mark();
    let calls = processes.iter().flat_map(|rest| {
        let http = http.clone();
        (0..60).map(move |_| {
            let http = http.clone();
            async move {
                rest.call(
                    "GET /channels/{channel_id}",
                    Lane::Global(Priority::Urgent),
                    http.get_channel(serenity::all::ChannelId::new(app.board)),
                )
                .await
            }
        })
    });
    for result in futures::future::join_all(calls).await {
        result.expect("answered");
    }
    let sent = app.emu.log().counts_since(mark);
    assert_eq!(
        sent.get("GET /channels/{channel_id}"),
        Some(&120),
        "{sent:?}"
    );
    // Together: at most 40 a second plus both bursts (2 each), one more for jitter; each on
    // its own at 40/s would have sent about 80 in the busiest second.
    let busiest = app
        .emu
        .log()
        .busiest("GET /channels/{channel_id}", Duration::from_secs(1));
    assert!(busiest <= 40 + 2 + 2 + 1, "{busiest} calls in one second");
}
