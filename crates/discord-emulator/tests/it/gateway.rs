//! The gateway on a raw socket: token check, `READY` and `GUILD_CREATE`, heartbeats, shards, `RESUME` replay, op 7.

use std::time::Duration;

use discord_emulator::{Emulator, EmulatorOptions};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message as Ws;

use crate::support::{emulator, TOKEN};

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(emu: &Emulator) -> Socket {
    let (mut ws, _) =
        tokio_tungstenite::connect_async(format!("{}?v=10&encoding=json", emu.gateway_url()))
            .await
            .unwrap();
    let hello = next(&mut ws).await;
    assert_eq!(hello["op"], 10);
    assert!(hello["d"]["heartbeat_interval"].as_u64().unwrap() > 0);
    ws
}

async fn next(ws: &mut Socket) -> Value {
    let msg = tokio::time::timeout(Duration::from_secs(5), ws.next())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    match msg {
        Ws::Text(t) => serde_json::from_str(&t).unwrap(),
        other => json!({"close": format!("{other:?}")}),
    }
}

async fn send(ws: &mut Socket, v: Value) {
    ws.send(Ws::Text(v.to_string().into())).await.unwrap();
}

async fn identify(ws: &mut Socket, shard: [u64; 2]) -> Value {
    send(
        ws,
        json!({"op": 2, "d": {"token": TOKEN, "intents": 1, "properties": {}, "shard": shard}}),
    )
    .await;
    let ready = next(ws).await;
    assert_eq!(ready["t"], "READY");
    assert_eq!(ready["s"], 1);
    ready
}

#[tokio::test]
async fn a_wrong_token_is_closed_with_4004() {
    let emu = emulator(EmulatorOptions::default()).await;
    let mut ws = connect(&emu).await;
    send(
        &mut ws,
        json!({"op": 2, "d": {"token": "wrong", "intents": 1, "properties": {}}}),
    )
    .await;
    let closed = next(&mut ws).await;
    assert!(
        closed["close"].as_str().unwrap().contains("4004"),
        "{closed}"
    );
}

#[tokio::test]
async fn identify_gets_ready_then_guild_creates_and_heartbeats_are_acked() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    emu.create_text_channel(guild, "board", None).await;
    let mut ws = connect(&emu).await;
    let ready = identify(&mut ws, [0, 1]).await;
    assert_eq!(ready["d"]["guilds"][0]["id"], guild.to_string());
    let create = next(&mut ws).await;
    assert_eq!(
        (create["t"].clone(), create["s"].clone()),
        (json!("GUILD_CREATE"), json!(2))
    );
    assert_eq!(create["d"]["channels"][0]["name"], "board");
    assert_eq!(create["d"]["roles"][0]["id"], guild.to_string());
    send(&mut ws, json!({"op": 1, "d": 2})).await;
    assert_eq!(next(&mut ws).await["op"], 11);
    emu.faults().gateway_reconnect();
    assert_eq!(next(&mut ws).await["op"], 7);
}

#[tokio::test]
async fn guilds_are_split_over_shards() {
    let emu = emulator(EmulatorOptions::default()).await;
    let a = emu.create_guild("A").await;
    let b = emu.create_guild("B").await;
    let mut shard0 = connect(&emu).await;
    let mut shard1 = connect(&emu).await;
    let r0 = identify(&mut shard0, [0, 2]).await;
    let r1 = identify(&mut shard1, [1, 2]).await;
    let ids = |r: &Value| {
        r["d"]["guilds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["id"].as_str().unwrap().parse::<u64>().unwrap())
            .collect::<Vec<_>>()
    };
    let (mut on0, mut on1) = (ids(&r0), ids(&r1));
    assert_eq!(on0.len() + on1.len(), 2);
    on0.append(&mut on1);
    on0.sort_unstable();
    assert_eq!(on0, [a, b]);
    assert_eq!(
        ids(&r0),
        [a, b]
            .into_iter()
            .filter(|g| (g >> 22) % 2 == 0)
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn resume_replays_missed_dispatches_or_invalidates() {
    let emu = emulator(EmulatorOptions::default()).await;
    let guild = emu.create_guild("Demo Guild").await;
    let mut ws = connect(&emu).await;
    let ready = identify(&mut ws, [0, 1]).await;
    let session_id = ready["d"]["session_id"].as_str().unwrap().to_owned();
    let create = next(&mut ws).await;
    let seq = create["s"].as_u64().unwrap();
    drop(ws);
    while emu.gateway_connections() > 0 {
        tokio::task::yield_now().await;
    }
    let missed = emu.create_text_channel(guild, "while-away", None).await;

    let mut ws = connect(&emu).await;
    send(
        &mut ws,
        json!({"op": 6, "d": {"token": TOKEN, "session_id": session_id, "seq": seq}}),
    )
    .await;
    let replayed = next(&mut ws).await;
    assert_eq!(replayed["t"], "CHANNEL_CREATE");
    assert_eq!(replayed["s"], seq + 1);
    assert_eq!(replayed["d"]["id"], missed.to_string());
    assert_eq!(next(&mut ws).await["t"], "RESUMED");

    let mut other = connect(&emu).await;
    send(
        &mut other,
        json!({"op": 6, "d": {"token": TOKEN, "session_id": "nope", "seq": 1}}),
    )
    .await;
    let invalid = next(&mut other).await;
    assert_eq!(
        (invalid["op"].clone(), invalid["d"].clone()),
        (json!(9), json!(false))
    );
}

#[tokio::test]
async fn interactions_are_counted_for_the_shard_they_are_sent_to() {
    let emu = emulator(EmulatorOptions::default()).await;
    // Each new guild's id is in a millisecond of its own, so guilds made one after another
    // land on both shards of 2 (usually the first two do).
    let mut by_shard: [Option<u64>; 2] = [None, None];
    for n in 0..20 {
        let guild = emu.create_guild(&format!("Guild {n}")).await;
        let slot = &mut by_shard[usize::from((guild >> 22) % 2 == 1)];
        slot.get_or_insert(guild);
        if by_shard.iter().all(Option::is_some) {
            break;
        }
    }
    let [Some(low), Some(high)] = by_shard else {
        panic!("no guild on each shard: {by_shard:?}");
    };
    let mut shard0 = connect(&emu).await;
    let mut shard1 = connect(&emu).await;
    identify(&mut shard0, [0, 2]).await;
    identify(&mut shard1, [1, 2]).await;

    // No bot answers here, so each click times out after it was sent: two in the high
    // guild, one in the low guild and one in a DM (shard 0's, as on Discord).
    let button = json!({"type": 1, "components": [
        {"type": 2, "style": 1, "label": "Go", "custom_id": "go"}
    ]});
    let click = |user: discord_emulator::ScriptedUser, channel: u64| {
        let id = emu
            .post_as_bot(channel, "panel", std::slice::from_ref(&button))
            .unwrap();
        let message = emu.message(id).unwrap();
        async move {
            let unanswered = user
                .with_timeout(Duration::from_millis(50))
                .click_in(&message, "Go")
                .await;
            assert!(unanswered.is_err(), "nobody answers here");
        }
    };
    for (guild, clicks) in [(high, 2), (low, 1)] {
        let channel = emu.create_text_channel(guild, "panel", None).await;
        let member = emu.add_member(guild, "member", &[]).await;
        for _ in 0..clicks {
            click(member.clone(), channel).await;
        }
    }
    let member = emu.add_member(high, "dm member", &[]).await.in_dm();
    let dm = emu.dm_channel_of(member.id()).unwrap();
    click(member, dm).await;

    assert_eq!(
        emu.interactions_by_shard().into_iter().collect::<Vec<_>>(),
        [((0, 2), 2), ((1, 2), 2)]
    );
    // What was counted is what the high shard's socket got.
    let mut seen = 0;
    while seen < 2 {
        if next(&mut shard1).await["t"] == "INTERACTION_CREATE" {
            seen += 1;
        }
    }
}

#[tokio::test]
async fn a_shard_over_2500_guilds_is_closed_with_4011_and_gateway_bot_recommends_shards() {
    let emu = emulator(EmulatorOptions {
        max_concurrency: 16,
        ..EmulatorOptions::default()
    })
    .await;
    let mut on_shard_one = 0;
    for n in 0..2_501 {
        let id = emu.create_guild(&format!("Guild {n}")).await;
        on_shard_one += usize::from((id >> 22) % 2 == 1);
    }
    let info: Value = reqwest::Client::new()
        .get(format!("{}/api/v10/gateway/bot", emu.api_base()))
        .header("Authorization", format!("Bot {TOKEN}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["shards"], 3, "one shard per 1,000 guilds: {info}");
    assert_eq!(info["session_start_limit"]["max_concurrency"], 16);

    let mut ws = connect(&emu).await;
    send(
        &mut ws,
        json!({"op": 2, "d": {"token": TOKEN, "intents": 1, "properties": {}, "shard": [0, 1]}}),
    )
    .await;
    let closed = next(&mut ws).await;
    assert!(
        closed["close"].as_str().unwrap().contains("4011"),
        "{closed}"
    );
    assert!(emu.identifies().is_empty(), "not identified");

    // Split in two, the smaller half (at most 1,250 guilds) is served.
    let shard = u64::from(on_shard_one * 2 > 2_501);
    let shard = 1 - shard;
    let mut ws = connect(&emu).await;
    let ready = identify(&mut ws, [shard, 2]).await;
    assert_eq!(ready["d"]["shard"], json!([shard, 2]));
    assert_eq!(emu.identifies().len(), 1);
    assert_eq!(emu.identifies()[0].0, (shard, 2));
}
