//! How fast is the emulator? A bounded measurement on loopback (run with `--release`):
//! 1. REST: concurrent clients send `POST /channels/{id}/messages` (schema validation on), then report req/s.
//! 2. Scripted users: 1,000 members at once run `/request` and click "Confirm" against a real serenity bot.
//!
//! `cargo run --release -p discord-emulator --example throughput [-- REQUESTS USERS]`
#![allow(
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]

use std::time::{Duration, Instant};

use discord_emulator::{Emulator, EmulatorOptions, ReplyKind};
use serde_json::json;
use serenity::all::{
    Client, ClientBuilder, ComponentInteraction, Context, CreateActionRow, CreateButton,
    CreateCommand, CreateInteractionResponse, CreateInteractionResponseMessage, EventHandler,
    GatewayIntents, HttpBuilder, Interaction, Ready,
};

const TOKEN: &str = "bench-token";
const CLIENTS: usize = 32;

struct Bot;

#[serenity::async_trait]
impl EventHandler for Bot {
    async fn ready(&self, ctx: Context, ready: Ready) {
        for g in &ready.guilds {
            g.id.set_commands(
                &ctx.http,
                vec![CreateCommand::new("request").description("Start a request")],
            )
            .await
            .unwrap();
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let response = match &interaction {
            Interaction::Command(_) => CreateInteractionResponse::Message(
                CreateInteractionResponseMessage::new()
                    .content("Confirm your request")
                    .ephemeral(true)
                    .components(vec![CreateActionRow::Buttons(vec![CreateButton::new(
                        "confirm",
                    )
                    .label("Confirm")])]),
            ),
            Interaction::Component(_) => CreateInteractionResponse::UpdateMessage(
                CreateInteractionResponseMessage::new()
                    .content("Submitted")
                    .components(vec![]),
            ),
            _ => return,
        };
        let result = match &interaction {
            Interaction::Command(c) => c.create_response(&ctx.http, response).await,
            Interaction::Component(c) => {
                ComponentInteraction::create_response(c, &ctx.http, response).await
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            eprintln!("bot answer failed: {e}");
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

async fn rest_throughput(emu: &Emulator, channel: u64, total: usize) {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap();
    let url = format!("{}/api/v10/channels/{channel}/messages", emu.api_base());
    let start = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..CLIENTS {
        let (client, url) = (client.clone(), url.clone());
        let n = total / CLIENTS;
        tasks.push(tokio::spawn(async move {
            let mut failed = 0;
            for i in 0..n {
                let body = json!({"content": format!("message {worker}-{i}"), "components": [{"type": 1, "components": [
                    {"type": 2, "style": 1, "label": "Claim", "custom_id": format!("cd1:req_{worker}_{i}:claim")}
                ]}]});
                let resp = client.post(&url).header("Authorization", format!("Bot {TOKEN}")).json(&body).send().await;
                if !resp.is_ok_and(|r| r.status().is_success()) {
                    failed += 1;
                }
            }
            failed
        }));
    }
    let mut failed = 0;
    for t in tasks {
        failed += t.await.unwrap();
    }
    let elapsed = start.elapsed();
    let sent = total / CLIENTS * CLIENTS;
    println!(
        "REST: {sent} POST /channels/{{id}}/messages from {CLIENTS} concurrent clients in {:.2?}: {:.0} req/s, {failed} failed, {} schema violations",
        elapsed,
        sent as f64 / elapsed.as_secs_f64(),
        emu.log().schema_violations().len()
    );
}

async fn scripted_users(emu: &Emulator, guild: u64, users: usize) {
    let http = HttpBuilder::new(TOKEN)
        .proxy(emu.api_base())
        .ratelimiter_disabled(true)
        .build();
    let mut client: Client = ClientBuilder::new_with_http(http, GatewayIntents::GUILDS)
        .event_handler(Bot)
        .await
        .unwrap();
    tokio::spawn(async move {
        let _ = client.start().await;
    });
    emu.wait_for_bot(Duration::from_secs(10)).await.unwrap();
    let mut members = Vec::new();
    for i in 0..users {
        members.push(
            emu.add_member(guild, &format!("user{i}"), &[])
                .await
                .with_timeout(Duration::from_secs(30)),
        );
    }
    let start = Instant::now();
    let tasks: Vec<_> = members
        .into_iter()
        .map(|m| {
            tokio::spawn(async move {
                let first = m.slash("request", json!([])).await?;
                let done = first.click_label("Confirm").await?;
                assert_eq!(done.kind, ReplyKind::Update);
                Ok::<_, discord_emulator::Error>((first.latency, done.latency))
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            Ok((a, b)) => latencies.extend([a, b]),
            Err(e) => errors.push(e.to_string()),
        }
    }
    let elapsed = start.elapsed();
    latencies.sort();
    println!(
        "Scripted users: {users} concurrent users × (slash + click) in {:.2?}: {:.0} interactions/s, answer latency p50 {:.1?} p99 {:.1?} max {:.1?}, {} failed",
        elapsed,
        latencies.len() as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies.last().copied().unwrap_or_default(),
        errors.len()
    );
    if let Some(e) = errors.first() {
        println!("first error: {e}");
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let requests = args.first().copied().unwrap_or(50_000);
    let users = args.get(1).copied().unwrap_or(1_000);
    let emu = Emulator::start(EmulatorOptions {
        token: TOKEN.into(),
        ..Default::default()
    })
    .await
    .unwrap();
    let guild = emu.create_guild("Bench Guild").await;
    let channel = emu.create_text_channel(guild, "general", None).await;
    rest_throughput(&emu, channel, requests).await;
    scripted_users(&emu, guild, users).await;
}
