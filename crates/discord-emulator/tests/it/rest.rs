//! REST: serenity's Http deserializes what the emulator returns; Discord's rules and faults answer as Discord does.

use std::time::Duration;

use discord_emulator::{Emulator, EmulatorOptions, Fault};
use serde_json::{json, Value};
use serenity::all::{
    ChannelType, CreateActionRow, CreateButton, CreateChannel, CreateMessage, EditMessage,
    GetMessages, GuildId, Http, HttpBuilder, PermissionOverwrite, PermissionOverwriteType,
    Permissions, RoleId, UserId,
};

use crate::support::{emulator, TOKEN};

fn http(emu: &Emulator) -> Http {
    HttpBuilder::new(TOKEN)
        .proxy(emu.api_base())
        .ratelimiter_disabled(true)
        .build()
}

fn discord_code(e: &serenity::Error) -> Option<isize> {
    match e {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)) => {
            Some(r.error.code)
        }
        _ => None,
    }
}

async fn raw(
    emu: &Emulator,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let client = reqwest::Client::new();
    let mut req = client
        .request(method, format!("{}/api/v10{path}", emu.api_base()))
        .header("Authorization", format!("Bot {TOKEN}"));
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp.json::<Value>().await.unwrap_or(Value::Null);
    (status, headers, body)
}

#[tokio::test]
async fn serenity_reads_back_what_it_creates() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    let category = emu.create_category(guild, "Requests").await;
    let alice = emu.add_member(guild, "alice", &[]).await;
    let http = http(&emu);

    assert_eq!(
        http.get_current_user().await.unwrap().id.get(),
        emu.bot_user_id()
    );
    assert_eq!(
        http.get_current_application_info().await.unwrap().id.get(),
        emu.application_id()
    );
    let g = http.get_guild(GuildId::new(guild)).await.unwrap();
    assert_eq!(g.name, "Demo Guild");
    assert_eq!(g.roles.len(), 2);
    assert_eq!(
        http.get_guild_roles(GuildId::new(guild))
            .await
            .unwrap()
            .len(),
        2
    );
    let member = http
        .get_member(GuildId::new(guild), UserId::new(alice.id()))
        .await
        .unwrap();
    assert_eq!(member.user.name, "alice");

    let overwrites = vec![
        PermissionOverwrite {
            allow: Permissions::empty(),
            deny: Permissions::VIEW_CHANNEL,
            kind: PermissionOverwriteType::Role(RoleId::new(guild)),
        },
        PermissionOverwrite {
            allow: Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES,
            deny: Permissions::empty(),
            kind: PermissionOverwriteType::Member(UserId::new(emu.bot_user_id())),
        },
    ];
    let builder = CreateChannel::new("Requests Alice")
        .kind(ChannelType::Text)
        .category(category)
        .permissions(overwrites);
    let channel = GuildId::new(guild)
        .create_channel(&http, builder)
        .await
        .unwrap();
    assert_eq!(channel.name, "requests-alice");
    assert_eq!(
        channel.parent_id.map(serenity::all::ChannelId::get),
        Some(category)
    );
    assert_eq!(channel.permission_overwrites.len(), 2);
    assert_eq!(
        emu.channel_by_name(guild, "requests-alice").unwrap().id,
        channel.id.get()
    );

    let button = CreateButton::new("cd1:x:confirm").label("Confirm");
    let sent = channel
        .id
        .send_message(
            &http,
            CreateMessage::new()
                .content("hello")
                .components(vec![CreateActionRow::Buttons(vec![button])]),
        )
        .await
        .unwrap();
    let edited = channel
        .id
        .edit_message(&http, sent.id, EditMessage::new().content("hello again"))
        .await
        .unwrap();
    assert_eq!(edited.content, "hello again");
    let listed = channel
        .id
        .messages(&http, GetMessages::new().limit(10))
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        emu.channel_messages(channel.id.get())[0].button_labels(),
        ["Confirm"]
    );
    channel.id.pin(&http, sent.id).await.unwrap();
    assert_eq!(channel.id.pins(&http).await.unwrap().len(), 1);
    channel.id.delete_message(&http, sent.id).await.unwrap();
    let gone = channel.id.message(&http, sent.id).await.unwrap_err();
    assert_eq!(discord_code(&gone), Some(10008));

    let dm = UserId::new(alice.id())
        .create_dm_channel(&http)
        .await
        .unwrap();
    dm.id.say(&http, "hi").await.unwrap();
    emu.set_dms_blocked(alice.id(), true);
    let blocked = dm.id.say(&http, "hi").await.unwrap_err();
    assert_eq!(discord_code(&blocked), Some(50007));
    assert_eq!(emu.dm_channel_of(alice.id()), Some(dm.id.get()));

    let deleted = channel.id.delete(&http).await.unwrap();
    assert_eq!(deleted.id(), channel.id);
    let unknown = channel.id.to_channel(&http).await.unwrap_err();
    assert_eq!(discord_code(&unknown), Some(10003));
    assert!(
        emu.log().schema_violations().is_empty(),
        "{:#?}",
        emu.log().schema_violations()
    );
}

#[tokio::test]
async fn limit_violations_get_50035_with_discords_error_shape() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    let channel = emu.create_text_channel(guild, "board", None).await;
    let long_id = "x".repeat(101);
    let button = CreateButton::new(long_id).label("Go");
    let err = serenity::all::ChannelId::new(channel)
        .send_message(
            &http(&emu),
            CreateMessage::new()
                .content("x")
                .components(vec![CreateActionRow::Buttons(vec![button])]),
        )
        .await
        .unwrap_err();
    assert_eq!(discord_code(&err), Some(50035));

    let options: Vec<Value> = (0..26)
        .map(|i| json!({"label": format!("o{i}"), "value": format!("o{i}")}))
        .collect();
    let body = json!({"components": [{"type": 1, "components": [{"type": 3, "custom_id": "s", "options": options}]}]});
    let (status, _, body) = raw(
        &emu,
        reqwest::Method::POST,
        &format!("/channels/{channel}/messages"),
        Some(body),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], 50035);
    assert_eq!(body["message"], "Invalid Form Body");
    assert_eq!(
        body["errors"]["components"]["0"]["components"]["0"]["options"]["_errors"][0]["code"],
        "BASE_TYPE_BAD_LENGTH"
    );

    let (status, _, body) = raw(
        &emu,
        reqwest::Method::POST,
        &format!("/channels/{channel}/messages"),
        Some(json!({"content": "a".repeat(2001)})),
    )
    .await;
    assert_eq!((status, body["code"].clone()), (400, json!(50035)));
}

#[tokio::test]
async fn channel_caps_are_50_per_category_and_500_per_guild() {
    let emu = emulator(EmulatorOptions {
        validate_schema: false,
        ..Default::default()
    })
    .await;
    let guild = emu.create_guild("Demo Guild").await;
    let category = emu.create_category(guild, "Requests").await;
    let path = format!("/guilds/{guild}/channels");
    for i in 0..50 {
        let (status, _, _) = raw(
            &emu,
            reqwest::Method::POST,
            &path,
            Some(json!({"name": format!("r-{i}"), "parent_id": category.to_string()})),
        )
        .await;
        assert_eq!(status, 201);
    }
    let (status, _, body) = raw(
        &emu,
        reqwest::Method::POST,
        &path,
        Some(json!({"name": "r-50", "parent_id": category.to_string()})),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["errors"]["parent_id"]["_errors"][0]["code"],
        "CHANNEL_PARENT_MAX_CHANNELS"
    );
    for i in 51..500 {
        let (status, _, _) = raw(
            &emu,
            reqwest::Method::POST,
            &path,
            Some(json!({"name": format!("c-{i}")})),
        )
        .await;
        assert_eq!(status, 201, "channel {i}");
    }
    let (status, _, body) = raw(
        &emu,
        reqwest::Method::POST,
        &path,
        Some(json!({"name": "one-too-many"})),
    )
    .await;
    assert_eq!((status, body["code"].clone()), (400, json!(30013)));
    assert_eq!(
        body["message"],
        "Maximum number of guild channels reached (500)"
    );
}

#[tokio::test]
async fn a_bot_without_access_gets_50001_or_50013() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    let hidden = emu
        .create_channel_by_hand(
            guild,
            0,
            "hidden",
            None,
            vec![discord_emulator::Overwrite {
                id: guild,
                kind: 0,
                allow: 0,
                deny: discord_emulator::permissions::VIEW_CHANNEL,
            }],
        )
        .await;
    let (status, _, body) = raw(
        &emu,
        reqwest::Method::POST,
        &format!("/channels/{hidden}/messages"),
        Some(json!({"content": "x"})),
    )
    .await;
    assert_eq!((status, body["code"].clone()), (403, json!(50001)));
    emu.set_bot_permissions(guild, discord_emulator::permissions::VIEW_CHANNEL);
    let (status, _, body) = raw(
        &emu,
        reqwest::Method::POST,
        &format!("/guilds/{guild}/channels"),
        Some(json!({"name": "x"})),
    )
    .await;
    assert_eq!((status, body["code"].clone()), (403, json!(50013)));
}

#[tokio::test]
async fn wrong_tokens_get_401_and_schema_violations_are_logged() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    let channel = emu.create_text_channel(guild, "board", None).await;
    let resp = reqwest::Client::new()
        .get(format!("{}/api/v10/users/@me", emu.api_base()))
        .header("Authorization", "Bot nope")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);

    let mark = emu.log().mark();
    let (status, _, _) = raw(
        &emu,
        reqwest::Method::POST,
        &format!("/channels/{channel}/messages"),
        Some(json!({"content": "x", "tts": "yes"})),
    )
    .await;
    assert_eq!(status, 200);
    let violations = emu.log().schema_violations();
    assert_eq!(violations.len(), 1);
    assert!(
        violations[0].schema_violations[0].contains("/tts"),
        "{violations:?}"
    );
    assert_eq!(
        emu.log()
            .counts_since(mark)
            .get("POST /channels/{channel_id}/messages"),
        Some(&1)
    );
}

#[tokio::test]
async fn faults_answer_429_with_discords_headers_then_clear() {
    let emu = emulator(EmulatorOptions::default()).await;
    emu.faults().add(
        Fault::rate_limit(Duration::from_millis(1500))
            .on("GET /users/@me")
            .times(1),
    );
    let (status, headers, body) = raw(&emu, reqwest::Method::GET, "/users/@me", None).await;
    assert_eq!(status, 429);
    assert_eq!(headers["retry-after"], "2");
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    assert_eq!(headers["x-ratelimit-reset-after"], "1.500");
    assert!(headers.contains_key("x-ratelimit-bucket"));
    assert_eq!(body["retry_after"], 1.5);
    assert_eq!(body["global"], false);
    let (status, _, _) = raw(&emu, reqwest::Method::GET, "/users/@me", None).await;
    assert_eq!(status, 200);

    emu.faults()
        .add(Fault::global_rate_limit(Duration::from_secs(1)).times(1));
    let (status, headers, body) = raw(&emu, reqwest::Method::GET, "/gateway", None).await;
    assert_eq!((status, body["global"].clone()), (429, json!(true)));
    assert_eq!(headers["x-ratelimit-global"], "true");

    emu.faults()
        .add(Fault::server_error(502).on("/users/@me").times(2));
    assert_eq!(
        raw(&emu, reqwest::Method::GET, "/users/@me", None).await.0,
        502
    );
    assert_eq!(
        raw(&emu, reqwest::Method::GET, "/users/@me", None).await.0,
        502
    );
    assert_eq!(
        raw(&emu, reqwest::Method::GET, "/users/@me", None).await.0,
        200
    );

    emu.faults().add(
        Fault::latency(Duration::from_millis(30))
            .on("GET /users/@me")
            .times(1),
    );
    raw(&emu, reqwest::Method::GET, "/users/@me", None).await;
    let last = emu.log().calls().pop().unwrap();
    assert!(last.latency >= Duration::from_millis(30));
    assert_eq!(emu.log().failures().iter().filter(|c| c.faulted).count(), 4);
    assert_eq!(
        (emu.log().count_status(429), emu.log().count_status(502)),
        (2, 2)
    );
}

#[tokio::test]
async fn the_bot_can_give_roles_below_its_own_and_members_can_leave() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    let crafter = emu.create_role(guild, "Crafter").await;
    let alice = emu.add_member(guild, "alice", &[]).await;
    let path = format!("/guilds/{guild}/members/{}/roles/{crafter}", alice.id());
    emu.set_bot_permissions(guild, discord_emulator::permissions::VIEW_CHANNEL);
    let (status, _, body) = raw(&emu, reqwest::Method::PUT, &path, None).await;
    assert_eq!((status, body["code"].clone()), (403, json!(50013)));
    emu.set_bot_permissions(guild, discord_emulator::permissions::BOT_DEFAULT);
    assert_eq!(raw(&emu, reqwest::Method::PUT, &path, None).await.0, 204);
    assert_eq!(emu.member_roles(guild, alice.id()), Some(vec![crafter]));
    let user = http(&emu).get_user(UserId::new(alice.id())).await.unwrap();
    assert_eq!(user.name, "alice");
    emu.remove_member(guild, alice.id()).await;
    assert_eq!(emu.member_roles(guild, alice.id()), None);
}

#[tokio::test]
async fn the_log_keeps_a_bounded_window_with_absolute_marks() {
    let emu = emulator(EmulatorOptions {
        log_capacity: 3,
        ..Default::default()
    })
    .await;
    for _ in 0..5 {
        raw(&emu, reqwest::Method::GET, "/users/@me", None).await;
    }
    let mark = emu.log().mark();
    raw(&emu, reqwest::Method::GET, "/gateway", None).await;
    assert_eq!(emu.log().len(), 6);
    assert_eq!(emu.log().calls().len(), 3);
    assert_eq!(emu.log().calls_since(mark).len(), 1);
    assert_eq!(emu.log().counts_since(mark).get("GET /gateway"), Some(&1));
}

#[tokio::test]
async fn the_log_times_each_call_and_finds_the_busiest_window() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Paced").await;
    let channel = emu.create_text_channel(guild, "general", None).await;
    let placed = emu
        .post_as_bot(channel, "seeded", &[])
        .expect("the channel exists");
    assert_eq!(emu.message(placed).expect("placed").text(), "seeded");
    assert!(emu.log().is_empty(), "placing a message is not a REST call");
    let before = std::time::Instant::now();
    for _ in 0..4 {
        raw(&emu, reqwest::Method::GET, "/users/@me", None).await;
    }
    let calls = emu.log().calls_to("GET /users/@me");
    assert_eq!(calls.len(), 4);
    assert!(calls.iter().all(|c| c.at >= before));
    assert!(calls.windows(2).all(|w| w[0].at < w[1].at));
    // Windows measured from the logged times themselves, so the test holds however fast
    // the calls ran: a window longer than first-to-last holds all four; one exactly that
    // long leaves the last out (an arrival a whole window later starts a new window).
    let span = calls[3].at.duration_since(calls[0].at);
    let busiest = |window| emu.log().busiest("GET /users/@me", window);
    assert_eq!(busiest(span + Duration::from_nanos(1)), 4);
    assert_eq!(busiest(span), 3);
    assert_eq!(emu.log().busiest("GET /nothing", Duration::from_secs(1)), 0);
}

#[tokio::test]
async fn discord_like_rate_limits_are_opt_in() {
    let opts = EmulatorOptions {
        rate_limits: Some(discord_emulator::RateLimits::discord_like()),
        ..Default::default()
    };
    let emu = emulator(opts).await;
    let guild = emu.create_guild("Demo Guild").await;
    let a = emu.create_text_channel(guild, "a", None).await;
    let b = emu.create_text_channel(guild, "b", None).await;
    let send = |c: u64| {
        let emu = &emu;
        async move {
            raw(
                emu,
                reqwest::Method::POST,
                &format!("/channels/{c}/messages"),
                Some(json!({"content": "x"})),
            )
            .await
        }
    };
    let (status, headers, _) = send(a).await;
    assert_eq!(
        (status, headers["x-ratelimit-remaining"].to_str().unwrap()),
        (200, "4")
    );
    for _ in 0..4 {
        assert_eq!(send(a).await.0, 200);
    }
    let (status, headers, body) = send(a).await;
    assert_eq!((status, body["global"].clone()), (429, json!(false)));
    assert!(headers.contains_key("retry-after"));
    assert_eq!(send(b).await.0, 200, "another channel has its own bucket");

    let strict = emulator(EmulatorOptions {
        rate_limits: Some(discord_emulator::RateLimits {
            global_per_second: 2,
            buckets: vec![],
        }),
        ..Default::default()
    })
    .await;
    assert_eq!(
        raw(&strict, reqwest::Method::GET, "/users/@me", None)
            .await
            .0,
        200
    );
    assert_eq!(
        raw(&strict, reqwest::Method::GET, "/users/@me", None)
            .await
            .0,
        200
    );
    let (status, _, body) = raw(&strict, reqwest::Method::GET, "/users/@me", None).await;
    assert_eq!((status, body["global"].clone()), (429, json!(true)));
}

#[tokio::test]
async fn responses_match_discords_response_schemas() {
    use reqwest::Method;
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    let category = emu.create_category(guild, "Requests").await;
    let alice = emu.add_member(guild, "alice", &[]).await;
    let app = emu.application_id();
    let channel_body = json!({"name": "requests-1", "parent_id": category.to_string(), "permission_overwrites": [
        {"id": guild.to_string(), "type": 0, "allow": "0", "deny": "1024"}
    ]});
    let (_, _, channel) = raw(
        &emu,
        Method::POST,
        &format!("/guilds/{guild}/channels"),
        Some(channel_body.clone()),
    )
    .await;
    let c = channel["id"].as_str().unwrap().to_owned();
    let message_body = json!({"content": "hi", "components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "Go", "custom_id": "go"}]}]});
    let checks: Vec<(Method, &str, String, Option<Value>)> = vec![
        (Method::GET, "/users/@me", "/users/@me".into(), None),
        (
            Method::GET,
            "/oauth2/applications/@me",
            "/oauth2/applications/@me".into(),
            None,
        ),
        (
            Method::GET,
            "/guilds/{guild_id}",
            format!("/guilds/{guild}"),
            None,
        ),
        (
            Method::GET,
            "/guilds/{guild_id}/roles",
            format!("/guilds/{guild}/roles"),
            None,
        ),
        (
            Method::GET,
            "/guilds/{guild_id}/members/{user_id}",
            format!("/guilds/{guild}/members/{}", alice.id()),
            None,
        ),
        (
            Method::GET,
            "/guilds/{guild_id}/channels",
            format!("/guilds/{guild}/channels"),
            None,
        ),
        (
            Method::GET,
            "/channels/{channel_id}",
            format!("/channels/{c}"),
            None,
        ),
        (
            Method::POST,
            "/channels/{channel_id}/messages",
            format!("/channels/{c}/messages"),
            Some(message_body),
        ),
        (
            Method::GET,
            "/channels/{channel_id}/messages",
            format!("/channels/{c}/messages"),
            None,
        ),
        (
            Method::POST,
            "/users/@me/channels",
            "/users/@me/channels".into(),
            Some(json!({"recipient_id": alice.id().to_string()})),
        ),
        (
            Method::PUT,
            "/applications/{application_id}/guilds/{guild_id}/commands",
            format!("/applications/{app}/guilds/{guild}/commands"),
            Some(
                json!([{"name": "request", "description": "Start a request", "options": [{"type": 3, "name": "item", "description": "What", "required": true}]}]),
            ),
        ),
    ];
    let mut problems = Vec::new();
    for (method, template, path, body) in checks {
        let (status, _, response) = raw(&emu, method.clone(), &path, body).await;
        let v = discord_emulator::response_violations(method.as_str(), template, status, &response);
        if !v.is_empty() {
            problems.push(format!("{method} {template} ({status}): {v:#?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A bot under load opens hundreds of connections at once while the emulator's runtime is
/// busy: the listener queues them all (with a backlog of 128, the kernel dropped the rest
/// and clients retried seconds later).
#[tokio::test(flavor = "current_thread")]
async fn a_burst_of_connections_waits_in_the_queue_while_the_server_is_busy() {
    let emu = emulator(EmulatorOptions::default()).await;
    let addr: std::net::SocketAddr = emu
        .api_base()
        .trim_start_matches("http://")
        .parse()
        .unwrap();
    // The server runs on this thread, which the loop below never yields: each connection
    // completes only if the listener's queue has room for it.
    let mut connections = Vec::new();
    for n in 0..300 {
        let connection = std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(500))
            .unwrap_or_else(|err| panic!("connection {n} was not queued: {err}"));
        connections.push(connection);
    }
}

/// A client that reaches the emulator as `https://discord.com`, trusting its CA alone (it
/// offers HTTP/2 as well as HTTP/1.1).
fn discord_com_client(emu: &Emulator) -> reqwest::Client {
    let ca = reqwest::Certificate::from_pem(emu.ca_certificate_pem().as_bytes()).unwrap();
    reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(ca)
        .resolve("discord.com", emu.addr())
        .build()
        .unwrap()
}

/// serenity with its rate limiter on (the production path) reaches the emulator over TLS as
/// `https://discord.com`, and waits out a 429's `Retry-After` before sending the call again.
#[tokio::test]
async fn serenity_with_its_rate_limiter_on_reaches_the_emulator_over_tls() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    let general = emu.create_text_channel(guild, "general", None).await;
    let client = discord_com_client(&emu);
    let http = HttpBuilder::new(TOKEN).client(client).build();
    assert!(http.ratelimiter.is_some(), "the limiter is on");

    emu.faults().add(
        Fault::rate_limit(Duration::from_millis(1_200))
            .on("POST /channels/{channel_id}/messages")
            .times(1),
    );
    let sent = serenity::all::ChannelId::new(general)
        .send_message(&http, CreateMessage::new().content("hello"))
        .await
        .expect("sent after the 429");
    assert_eq!(sent.content, "hello");
    let posts = emu.log().calls_to("POST /channels/{channel_id}/messages");
    let [refused, accepted] = &posts[..] else {
        panic!("one refusal, one success: {posts:#?}");
    };
    assert_eq!((refused.status, accepted.status), (429, 200));
    assert!(
        accepted.at.duration_since(refused.at) >= Duration::from_millis(1_200),
        "sent again after {:?}",
        accepted.at.duration_since(refused.at)
    );
    // A global 429 (X-RateLimit-Global) is waited out just the same.
    let mark = emu.log().mark();
    emu.faults()
        .add(Fault::global_rate_limit(Duration::from_secs(1)).times(1));
    serenity::all::ChannelId::new(general)
        .send_message(&http, CreateMessage::new().content("again"))
        .await
        .expect("sent after the global 429");
    let calls = emu.log().calls_since(mark);
    let [refused, accepted] = &calls[..] else {
        panic!("one refusal, one success: {calls:#?}");
    };
    assert_eq!((refused.status, accepted.status), (429, 200));
    assert!(accepted.at.duration_since(refused.at) >= Duration::from_secs(1));
    // Plain HTTP still works on the same port.
    let (status, _, _) = raw(&emu, reqwest::Method::GET, "/users/@me", None).await;
    assert_eq!(status, 200);
}

/// Polls `done` until it holds, for at most `timeout` (the emulator offers no event for it).
async fn until(what: &str, timeout: Duration, done: impl Fn() -> bool) {
    let waited = tokio::time::timeout(timeout, async {
        while !done() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
    assert!(waited.is_ok(), "still waiting after {timeout:?} for {what}");
}

/// A bot killed mid-call (or giving up on it) still has the call's effect, as on Discord:
/// the emulator serves a call whose body arrived to the end. Over HTTP/2 a stream the
/// client resets (or a connection that closes) used to drop the call's handler wherever it
/// was, so the message was never posted.
#[tokio::test]
async fn a_call_whose_client_goes_away_mid_call_still_takes_effect() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    let general = emu.create_text_channel(guild, "general", None).await;
    let client = discord_com_client(&emu);
    let me = client
        .get("https://discord.com/api/v10/users/@me")
        .header("Authorization", format!("Bot {TOKEN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        me.version(),
        reqwest::Version::HTTP_2,
        "the emulator offers HTTP/2 (ALPN h2), as Discord does"
    );

    // The call is held in the emulator (before it is served) long enough to go away.
    emu.faults().add(
        Fault::latency(Duration::from_secs(1))
            .on("POST /channels/{channel_id}/messages")
            .times(1),
    );
    let post = client
        .post(format!(
            "https://discord.com/api/v10/channels/{general}/messages"
        ))
        .header("Authorization", format!("Bot {TOKEN}"))
        .json(&json!({"content": "sent by a bot that died"}))
        .send();
    let in_flight = tokio::spawn(post);
    until(
        "the call to reach the emulator",
        Duration::from_secs(10),
        || emu.faults().in_force().is_empty(),
    )
    .await;
    // The client gives up on the call and goes away (its stream is reset, its connection closed).
    in_flight.abort();
    assert!(in_flight.await.unwrap_err().is_cancelled());
    drop(client);

    // Served to the end all the same: the message is posted, and the call logged.
    tokio::time::timeout(Duration::from_secs(10), emu.calls_settled())
        .await
        .expect("the call is served to the end");
    assert_eq!(emu.calls_in_flight(), 0);
    let texts: Vec<String> = emu
        .channel_messages(general)
        .iter()
        .map(discord_emulator::Message::text)
        .collect();
    assert_eq!(texts, ["sent by a bot that died"]);
    let posts = emu.log().calls_to("POST /channels/{channel_id}/messages");
    assert_eq!(
        posts.iter().map(|call| call.status).collect::<Vec<_>>(),
        [200],
        "{posts:#?}"
    );
}

/// `connections_closed` waits for the client's connection to end, not only for the calls
/// already started: a call still unread there (a killed bot's last) would land after it.
#[tokio::test]
async fn connections_closed_waits_for_the_clients_connections_to_end() {
    let emu = emulator(EmulatorOptions::default()).await;
    let client = discord_com_client(&emu);
    let me = client
        .get("https://discord.com/api/v10/users/@me")
        .header("Authorization", format!("Bot {TOKEN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    assert_eq!(me.version(), reqwest::Version::HTTP_2);
    drop(me);
    // Served, but the connection stays open (pooled): calls are settled, not connections.
    tokio::time::timeout(Duration::from_secs(10), emu.calls_settled())
        .await
        .expect("the call is served");
    assert!(
        tokio::time::timeout(Duration::from_millis(200), emu.connections_closed())
            .await
            .is_err(),
        "a client still holds its connection"
    );
    drop(client);
    tokio::time::timeout(Duration::from_secs(10), emu.connections_closed())
        .await
        .expect("the connection is closed once its client is gone");
}
