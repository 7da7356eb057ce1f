//! Work that must happen once when several craftdesk processes share one database.
//!
//! Creating a member's request channel: two bots (as two processes would be) racing to
//! open the same members' channels make one channel each, over SQLite and PostgreSQL; and
//! a process that died between creating a channel and storing it leaves a channel the
//! next one adopts instead of making a second (with craftdesk's permission overwrites,
//! whoever made it). Recovery in a shared database leaves alone
//! what another process is doing (claimed) or may be about to claim (fresh). `processes.rs`: two processes on two shard
//! ranges under load, each killed once.

mod processes;

use std::time::Duration;

use craftdesk::app::App;
use craftdesk::discord::{
    board_work, flow_work, member_space, recover, request_channel_name, space_lease, Recovered,
};
use craftdesk::domain::{Snowflake, Timestamp};
use craftdesk::store::{NewSession, SubmitLimits};
use discord_emulator::channel_type;
use serenity::all::UserId;

use crate::support::{world, Options, TestApp};

const MEMBERS: usize = 20;

fn id(raw: u64) -> Snowflake {
    Snowflake::new(raw).expect("a snowflake")
}

/// The request channels Discord has for `member`.
fn request_channels(app: &TestApp, member: u64) -> Vec<u64> {
    let name = request_channel_name(id(member));
    app.emu
        .channels(app.guild)
        .into_iter()
        .filter(|c| c.name == name)
        .map(|c| c.id)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_racing_for_members_channels_over_sqlite_create_each_once() {
    racing_for_members_channels_creates_each_once(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_racing_for_members_channels_over_postgres_create_each_once() {
    if crate::support::runs_without("postgres") {
        return;
    }
    racing_for_members_channels_creates_each_once(true).await;
}

async fn racing_for_members_channels_creates_each_once(postgres: bool) {
    let app = world(Options {
        postgres,
        ..Options::default()
    })
    .await;
    // Two bots on one database, as two processes would be (only their REST side is used).
    let config = app.config();
    let (one, two) = (
        App::build(&config).await.expect("builds"),
        App::build(&config).await.expect("builds"),
    );
    let (one, two) = (one.bot.clone(), two.bot.clone());
    let guild = id(app.guild);
    let mut members = Vec::new();
    for n in 0..MEMBERS {
        members.push(app.member(&format!("racer{n}")).await.id());
    }
    let races = members.iter().map(|&member| {
        let (one, two) = (one.clone(), two.clone());
        async move {
            let user = UserId::new(member);
            let (one_guild, two_guild) = (
                one.guild(guild).expect("configured"),
                two.guild(guild).expect("configured"),
            );
            let (a, b) = tokio::join!(
                member_space(&one, &one_guild, user),
                member_space(&two, &two_guild, user),
            );
            (member, a.expect("opened"), b.expect("opened"))
        }
    });
    for (member, a, b) in futures::future::join_all(races).await {
        assert_eq!(a, b, "both processes use one channel for {member}");
        assert_eq!(
            request_channels(&app, member),
            [a.get()],
            "one request channel for {member}"
        );
        assert_eq!(
            one.store
                .member_channel(guild, id(member))
                .await
                .expect("read"),
            Some(id(a.get()))
        );
        assert_eq!(
            one.store
                .lease_holder(space_lease(guild, id(member)))
                .await
                .expect("read"),
            None,
            "the creation lease is given up"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channel_left_by_a_process_that_died_creating_it_is_adopted() {
    let app = world(Options::default()).await;
    let bot = App::build(&app.config()).await.expect("builds").bot.clone();
    let guild = id(app.guild);
    let member = app.member("orphaned").await.id();
    // The dead process: it took the lease, created the channel, and died before storing
    // it (its lease ran out a minute ago).
    let lease = space_lease(guild, id(member));
    let long_ago = Timestamp::now().saturating_sub(Duration::from_secs(60));
    assert!(bot
        .store
        .try_lease(
            lease.clone(),
            "pid1-dead".to_owned(),
            long_ago,
            Duration::from_secs(10)
        )
        .await
        .expect("lease"));
    let left = app
        .emu
        .create_channel_by_hand(
            app.guild,
            channel_type::GUILD_TEXT,
            &request_channel_name(id(member)),
            Some(app.category),
            Vec::new(),
        )
        .await;
    // A channel of that name outside the request categories is not ours.
    app.emu
        .create_channel_by_hand(
            app.guild,
            channel_type::GUILD_TEXT,
            &request_channel_name(id(member)),
            None,
            Vec::new(),
        )
        .await;

    let opened = member_space(
        &bot,
        &bot.guild(guild).expect("configured"),
        UserId::new(member),
    )
    .await
    .expect("opened");
    assert_eq!(opened.get(), left, "the channel left behind is adopted");
    assert_eq!(request_channels(&app, member).len(), 2, "no third channel");
    assert_eq!(
        bot.store
            .member_channel(guild, id(member))
            .await
            .expect("read"),
        Some(id(left))
    );
    assert_eq!(bot.store.lease_holder(lease).await.expect("read"), None);
}

const SEE_AND_WRITE: u64 = discord_emulator::permissions::VIEW_CHANNEL
    | discord_emulator::permissions::SEND_MESSAGES
    | discord_emulator::permissions::READ_MESSAGE_HISTORY;

/// A public `requests-<victim>` channel in the request category, with `planter` let in,
/// after a (dead) process held the victim's creation lease, so the next `/request`
/// looks for a channel to adopt.
async fn plant_public_channel(
    app: &TestApp,
    bot: &craftdesk::discord::Bot,
    victim: u64,
    planter: u64,
) -> u64 {
    use discord_emulator::{permissions, Overwrite};

    let long_ago = Timestamp::now().saturating_sub(Duration::from_secs(60));
    assert!(bot
        .store
        .try_lease(
            space_lease(id(app.guild), id(victim)),
            "pid1-dead".to_owned(),
            long_ago,
            Duration::from_secs(10)
        )
        .await
        .expect("lease"));
    app.emu
        .create_channel_by_hand(
            app.guild,
            channel_type::GUILD_TEXT,
            &request_channel_name(id(victim)),
            Some(app.category),
            vec![
                Overwrite {
                    id: app.guild,
                    kind: 0,
                    allow: permissions::VIEW_CHANNEL,
                    deny: 0,
                },
                Overwrite {
                    id: planter,
                    kind: 1,
                    allow: SEE_AND_WRITE,
                    deny: 0,
                },
            ],
        )
        .await
}

/// The review's L4: adoption goes by name, and anyone with Manage Channels can name a
/// channel. A public `requests-<victim>` channel planted in the request category, with
/// the planter let in, is adopted only once its overwrites are craftdesk's: hidden from
/// everyone, open to the member and the bot, nobody else.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planted_public_channel_of_a_members_name_gets_craftdesks_overwrites_when_adopted() {
    use discord_emulator::permissions;

    let app = world(Options::default()).await;
    let bot = App::build(&app.config()).await.expect("builds").bot.clone();
    let guild = id(app.guild);
    let victim = app.member("victim").await.id();
    let planter = app.member("planter").await.id();
    let fake = plant_public_channel(&app, &bot, victim, planter).await;

    let opened = member_space(
        &bot,
        &bot.guild(guild).expect("configured"),
        UserId::new(victim),
    )
    .await
    .expect("opened");
    let channel = app.emu.channel(opened.get()).expect("the channel");
    let overwrite = |who: u64| channel.overwrites.iter().find(|o| o.id == who).cloned();
    let everyone = overwrite(app.guild).expect("@everyone");
    assert!(
        everyone.deny & permissions::VIEW_CHANNEL != 0
            && everyone.allow & permissions::VIEW_CHANNEL == 0,
        "{everyone:?}"
    );
    assert!(overwrite(planter).is_none(), "{:?}", channel.overwrites);
    let member = overwrite(victim).expect("the member's");
    assert_eq!(member.allow & SEE_AND_WRITE, SEE_AND_WRITE);
    assert_eq!(channel.overwrites.len(), 3, "{:?}", channel.overwrites);
    assert_eq!(opened.get(), fake, "adopted once its overwrites are ours");
    assert_eq!(
        bot.store
            .member_channel(guild, id(victim))
            .await
            .expect("read"),
        Some(id(fake))
    );
}

/// When Discord refuses to reset a planted channel's overwrites, it is not used: the
/// member gets a channel of their own, made by craftdesk.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planted_channel_whose_overwrites_cannot_be_reset_is_not_used() {
    use discord_emulator::Fault;

    let app = world(Options::default()).await;
    let bot = App::build(&app.config()).await.expect("builds").bot.clone();
    let guild = id(app.guild);
    let victim = app.member("victim").await.id();
    let planter = app.member("planter").await.id();
    let fake = plant_public_channel(&app, &bot, victim, planter).await;
    app.emu
        .faults()
        .add(Fault::server_error(403).on("PATCH /channels/{channel_id}"));

    let opened = member_space(
        &bot,
        &bot.guild(guild).expect("configured"),
        UserId::new(victim),
    )
    .await
    .expect("opened");
    assert_ne!(opened.get(), fake, "the planted channel is not used");
    let ours = app.emu.channel(opened.get()).expect("the channel");
    assert!(
        !ours.overwrites.iter().any(|o| o.id == planter),
        "{:?}",
        ours.overwrites
    );
    assert_eq!(request_channels(&app, victim).len(), 2);
    assert_eq!(
        bot.store
            .member_channel(guild, id(victim))
            .await
            .expect("read"),
        Some(id(opened.get()))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // old and fresh work, claimed then free
async fn recovery_in_a_shared_database_leaves_claimed_and_fresh_work_alone() {
    let mut app = world(Options::default()).await;
    // This process runs one shard of two, the guild's: others may share its database.
    let shard = (app.guild >> 22) % 2;
    app.options.extra_discord_toml =
        format!("shards = \"{shard}..{}\"\ntotal_shards = 2", shard + 1);
    let bot = App::build(&app.config()).await.expect("builds").bot.clone();
    assert!(bot.shares_database());
    let store = &bot.store;
    let now = Timestamp::now();
    let minute_ago = now.saturating_sub(Duration::from_secs(60));
    let flow = |user: u64| NewSession {
        user_id: id(user),
        guild_id: id(app.guild),
        kind: "request".to_owned(),
        state_json: r#"{"step":"character"}"#.to_owned(),
        channel_id: Some(id(app.panel)),
    };
    let request = crate::store::recovery::sample_request(id(app.guild));
    let limits = SubmitLimits::unpaced(10);
    // A minute ago: a flow whose message was never recorded, and a request never posted.
    let old_flow = store
        .create_session(flow(1), minute_ago)
        .await
        .expect("flow");
    let submitted = store
        .create_session(flow(2), minute_ago)
        .await
        .expect("flow");
    let old_request = store
        .submit_request(
            &submitted.key,
            submitted.version,
            request.clone(),
            limits,
            minute_ago,
        )
        .await
        .expect("submitted");
    // Just now, the same: another process may be between storing them and claiming them.
    // (Stamped a minute ahead, so they stay fresh however slowly this test runs.)
    let fresh = now.saturating_add(Duration::from_secs(60));
    let fresh_flow = store.create_session(flow(3), fresh).await.expect("flow");
    let submitting = store.create_session(flow(4), fresh).await.expect("flow");
    store
        .submit_request(&submitting.key, submitting.version, request, limits, fresh)
        .await
        .expect("submitted");
    // Another process is at work on both old ones.
    let other = "pid1-other".to_owned();
    for work in [flow_work(&old_flow.key), board_work(&old_request)] {
        assert!(store
            .try_lease(work, other.clone(), now, Duration::from_secs(60))
            .await
            .expect("lease"));
    }

    let board_posts = || app.emu.channel_messages(app.board).len();
    assert_eq!(recover(&bot, Timestamp::now()).await, Recovered::default());
    assert_eq!(board_posts(), 0, "nothing posted while claimed");
    assert!(store.session(&old_flow.key).await.expect("read").is_some());

    // The other process is gone (its claims ran out, or it let them go).
    for work in [flow_work(&old_flow.key), board_work(&old_request)] {
        store
            .release_lease(work, other.clone())
            .await
            .expect("release");
    }
    let recovered = recover(&bot, Timestamp::now()).await;
    assert_eq!(
        (recovered.flows_closed, recovered.board_posts_restored),
        (1, 1),
        "{recovered:?}"
    );
    assert!(store.session(&old_flow.key).await.expect("read").is_none());
    let posts = app.emu.channel_messages(app.board);
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].embeds[0]["title"],
        format!("Request #{}", old_request.number)
    );
    assert!(
        store
            .session(&fresh_flow.key)
            .await
            .expect("read")
            .is_some(),
        "the fresh flow is left alone"
    );
    // Once is enough: nothing is left but the fresh work.
    assert_eq!(recover(&bot, Timestamp::now()).await, Recovered::default());
    assert_eq!(board_posts(), 1);
}
