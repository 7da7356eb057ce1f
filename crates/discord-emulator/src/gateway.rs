//! The gateway: HELLO → IDENTIFY → READY → `GUILD_CREATE`, heartbeats, sequence numbers, RESUME with replay,
//! shards, and dispatches (`INTERACTION_CREATE`, `CHANNEL_*`, `GUILD_MEMBER_UPDATE`, `MESSAGE_CREATE`).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::ws::{CloseFrame, Message as WsMessage, WebSocket};
use serde_json::{json, Value};
use tokio::sync::{mpsc, Notify};

use crate::emulator::Shared;
use crate::snowflake::Snowflake;

/// Gateway intents the emulator honours.
pub mod intents {
    pub const GUILDS: u64 = 1 << 0;
    pub const GUILD_MEMBERS: u64 = 1 << 1;
    pub const GUILD_MESSAGES: u64 = 1 << 9;
    pub const DIRECT_MESSAGES: u64 = 1 << 12;
}

/// Dispatches kept per session for RESUME.
const REPLAY_BUFFER: usize = 4096;

#[derive(Debug)]
enum Out {
    Text(String),
    Close(u16, &'static str),
    Drop,
}

#[derive(Debug)]
struct Session {
    shard: (u64, u64),
    intents: u64,
    seq: u64,
    buffer: VecDeque<(u64, String)>,
    conn: Option<(u64, mpsc::UnboundedSender<Out>)>,
}

impl Session {
    fn owns(&self, target: Target) -> bool {
        match target {
            Target::Guild(g) => (g >> 22) % self.shard.1.max(1) == self.shard.0,
            Target::Direct => self.shard.0 == 0,
        }
    }

    fn push(&mut self, event: &str, d: &str) {
        self.seq += 1;
        let frame = format!(r#"{{"op":0,"t":"{event}","s":{},"d":{d}}}"#, self.seq);
        if let Some((_, tx)) = &self.conn {
            let _ = tx.send(Out::Text(frame.clone()));
        }
        if self.buffer.len() == REPLAY_BUFFER {
            self.buffer.pop_front();
        }
        self.buffer.push_back((self.seq, frame));
    }
}

/// Where a dispatch goes: the shard of a guild, or shard 0 for DMs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Guild(Snowflake),
    Direct,
}

/// All gateway sessions (one per IDENTIFY), connected or waiting for a RESUME.
#[derive(Debug, Default)]
pub(crate) struct Gateway {
    sessions: Mutex<HashMap<String, Session>>,
    next_conn: AtomicU64,
    changed: Notify,
    /// `INTERACTION_CREATE`s sent per shard (id, count), kept across sessions: with one bot
    /// process per shard, this is the work each process was given.
    interactions: Mutex<BTreeMap<(u64, u64), u64>>,
    /// Every IDENTIFY accepted: the shard (id, count) and when.
    identifies: Mutex<Vec<((u64, u64), std::time::Instant)>>,
}

/// Discord closes a shard identifying with more guilds than this with 4011 (Sharding
/// required).
pub const MAX_GUILDS_PER_SHARD: usize = 2_500;

impl Gateway {
    fn sessions(&self) -> MutexGuard<'_, HashMap<String, Session>> {
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every IDENTIFY accepted so far: the shard (id, count) and when, in order.
    pub fn identifies(&self) -> Vec<((u64, u64), std::time::Instant)> {
        self.identifies
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Sends an event to every session that owns `target` and asked for `intent` (if any).
    /// Returns how many sessions got it.
    pub fn dispatch(&self, target: Target, event: &str, d: &Value, intent: Option<u64>) -> usize {
        self.send(target, event, d, intent).len()
    }

    /// Sends an `INTERACTION_CREATE` as [`Gateway::dispatch`] does, and counts it for each
    /// shard that got it.
    pub fn dispatch_interaction(&self, target: Target, d: &Value) -> usize {
        let shards = self.send(target, "INTERACTION_CREATE", d, None);
        let mut counts = self
            .interactions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        for shard in &shards {
            *counts.entry(*shard).or_default() += 1;
        }
        shards.len()
    }

    /// The shards (id, count) that have been sent interactions, and how many each.
    pub fn interactions_by_shard(&self) -> BTreeMap<(u64, u64), u64> {
        self.interactions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Sends the event; returns the shards of the sessions that got it.
    fn send(&self, target: Target, event: &str, d: &Value, intent: Option<u64>) -> Vec<(u64, u64)> {
        let d = d.to_string();
        let mut shards = Vec::new();
        for s in self.sessions().values_mut() {
            if s.owns(target) && intent.is_none_or(|i| s.intents & i != 0) {
                s.push(event, &d);
                shards.push(s.shard);
            }
        }
        shards
    }

    /// Waits until some session owns `target`, up to `deadline`.
    pub async fn wait_for_session(&self, target: Target, deadline: Instant) -> bool {
        loop {
            let changed = self.changed.notified();
            if self.sessions().values().any(|s| s.owns(target)) {
                return true;
            }
            if tokio::time::timeout_at(deadline.into(), changed)
                .await
                .is_err()
            {
                return false;
            }
        }
    }

    /// How many sessions are connected right now.
    pub fn connected(&self) -> usize {
        self.sessions()
            .values()
            .filter(|s| s.conn.is_some())
            .count()
    }

    pub fn reconnect_all(&self) {
        for s in self.sessions().values() {
            if let Some((_, tx)) = &s.conn {
                let _ = tx.send(Out::Text(r#"{"op":7,"d":null}"#.to_owned()));
            }
        }
    }

    pub fn drop_all(&self) {
        for s in self.sessions().values_mut() {
            if let Some((_, tx)) = s.conn.take() {
                let _ = tx.send(Out::Drop);
            }
        }
    }

    /// Drops the sockets of shard `shard` (of any shard count); returns how many.
    pub fn drop_shard(&self, shard: u64) -> usize {
        let mut dropped = 0;
        for s in self.sessions().values_mut().filter(|s| s.shard.0 == shard) {
            if let Some((_, tx)) = s.conn.take() {
                let _ = tx.send(Out::Drop);
                dropped += 1;
            }
        }
        dropped
    }

    /// The shards (id, count) with a live connection, sorted.
    pub fn connected_shards(&self) -> Vec<(u64, u64)> {
        let mut shards: Vec<(u64, u64)> = self
            .sessions()
            .values()
            .filter(|s| s.conn.is_some())
            .map(|s| s.shard)
            .collect();
        shards.sort_unstable();
        shards
    }

    /// Forgets every session and drops its connection, so the client's RESUME gets op 9.
    pub fn invalidate_all(&self) {
        for (_, s) in self.sessions().drain() {
            if let Some((_, tx)) = s.conn {
                let _ = tx.send(Out::Drop);
            }
        }
    }

    fn detach(&self, session_id: &str, conn_id: u64) {
        if let Some(s) = self.sessions().get_mut(session_id) {
            if s.conn.as_ref().is_some_and(|(id, _)| *id == conn_id) {
                s.conn = None;
            }
        }
    }
}

/// Serves one gateway connection until it closes.
pub(crate) async fn serve(shared: Arc<Shared>, mut socket: WebSocket) {
    let gateway = &shared.gateway;
    let conn_id = gateway.next_conn.fetch_add(1, Ordering::Relaxed);
    let (tx, mut rx) = mpsc::unbounded_channel();
    let hello =
        json!({"op": 10, "d": {"heartbeat_interval": shared.opts.heartbeat_interval.as_millis()}});
    if socket
        .send(WsMessage::Text(hello.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    let mut session_id: Option<String> = None;
    let mut sent_by_client: VecDeque<Instant> = VecDeque::new();
    loop {
        tokio::select! {
            out = rx.recv() => match out {
                Some(Out::Text(text)) => {
                    if socket.send(WsMessage::Text(text.into())).await.is_err() {
                        break;
                    }
                }
                Some(Out::Close(code, reason)) => {
                    let frame = CloseFrame { code, reason: reason.into() };
                    let _ = socket.send(WsMessage::Close(Some(frame))).await;
                    break;
                }
                Some(Out::Drop) | None => break,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(WsMessage::Text(text))) => {
                    if over_send_limit(&mut sent_by_client) {
                        let _ = tx.send(Out::Close(4008, "Rate limited."));
                        continue;
                    }
                    let Ok(frame) = serde_json::from_str::<Value>(&text) else {
                        let _ = tx.send(Out::Close(4002, "Error while decoding payload."));
                        continue;
                    };
                    match frame["op"].as_u64() {
                        Some(1) => {
                            let _ = tx.send(Out::Text(r#"{"op":11,"d":null}"#.to_owned()));
                        }
                        Some(2) => session_id = identify(&shared, &frame["d"], conn_id, &tx),
                        Some(6) => session_id = resume(&shared, &frame["d"], conn_id, &tx),
                        Some(3 | 4 | 8) => {}
                        _ => {
                            let _ = tx.send(Out::Close(4001, "Unknown opcode."));
                        }
                    }
                }
                Some(Ok(WsMessage::Close(_)) | Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
        }
    }
    if let Some(id) = session_id {
        gateway.detach(&id, conn_id);
    }
}

/// Discord allows a client 120 gateway payloads per 60 seconds.
fn over_send_limit(sent: &mut VecDeque<Instant>) -> bool {
    let now = Instant::now();
    while sent
        .front()
        .is_some_and(|t| now.duration_since(*t) > Duration::from_secs(60))
    {
        sent.pop_front();
    }
    sent.push_back(now);
    sent.len() > 120
}

fn token_ok(shared: &Shared, d: &Value) -> bool {
    let token = d["token"].as_str().unwrap_or_default();
    token.trim_start_matches("Bot ") == shared.opts.token
}

fn identify(
    shared: &Shared,
    d: &Value,
    conn_id: u64,
    tx: &mpsc::UnboundedSender<Out>,
) -> Option<String> {
    if !token_ok(shared, d) {
        let _ = tx.send(Out::Close(4004, "Authentication failed."));
        return None;
    }
    let shard_id = d["shard"][0].as_u64().unwrap_or(0);
    let shard_count = d["shard"][1].as_u64().unwrap_or(1).max(1);
    if shard_id >= shard_count {
        let _ = tx.send(Out::Close(4010, "Invalid shard."));
        return None;
    }
    let intents = d["intents"].as_u64().unwrap_or(0);
    let session_id = format!(
        "{:032x}",
        u128::from(shared.ids.next()).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835)
    );
    let owns = |g: Snowflake| (g >> 22) % shard_count == shard_id;
    let (ready, guild_creates) = {
        let state = shared.state();
        let joined_at = crate::snowflake::now_iso8601();
        let guilds: Vec<&crate::model::Guild> = state
            .guild_order
            .iter()
            .filter(|g| owns(**g))
            .filter_map(|g| state.guilds.get(g))
            .collect();
        if guilds.len() > MAX_GUILDS_PER_SHARD {
            let _ = tx.send(Out::Close(4011, "Sharding required."));
            return None;
        }
        let ready = json!({
            "v": 10,
            "user": state.user_json(shared.bot_user_id),
            "guilds": guilds.iter().map(|g| json!({"id": g.id.to_string(), "unavailable": true})).collect::<Vec<_>>(),
            "session_id": session_id,
            "resume_gateway_url": shared.gateway_url(),
            "shard": [shard_id, shard_count],
            "application": {"id": shared.application_id.to_string(), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "user_settings": {},
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "session_type": "normal",
            "auth_session_id_hash": "",
            "_trace": ["discord-emulator"],
        });
        let creates: Vec<Value> = if intents & intents::GUILDS != 0 {
            guilds
                .iter()
                .map(|g| state.guild_create_json(g, &joined_at))
                .collect()
        } else {
            Vec::new()
        };
        (ready, creates)
    };
    let mut sessions = shared.gateway.sessions();
    // A new IDENTIFY for a shard replaces its old session; its connection, if any, is dropped.
    sessions.retain(|_, s| {
        let same_shard = s.shard == (shard_id, shard_count);
        if same_shard {
            if let Some((_, old)) = s.conn.take().filter(|(id, _)| *id != conn_id) {
                let _ = old.send(Out::Drop);
            }
        }
        !same_shard
    });
    let mut session = Session {
        shard: (shard_id, shard_count),
        intents,
        seq: 0,
        buffer: VecDeque::new(),
        conn: Some((conn_id, tx.clone())),
    };
    session.push("READY", &ready.to_string());
    for g in guild_creates {
        session.push("GUILD_CREATE", &g.to_string());
    }
    sessions.insert(session_id.clone(), session);
    drop(sessions);
    shared
        .gateway
        .identifies
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(((shard_id, shard_count), std::time::Instant::now()));
    shared.gateway.changed.notify_waiters();
    Some(session_id)
}

fn resume(
    shared: &Shared,
    d: &Value,
    conn_id: u64,
    tx: &mpsc::UnboundedSender<Out>,
) -> Option<String> {
    if !token_ok(shared, d) {
        let _ = tx.send(Out::Close(4004, "Authentication failed."));
        return None;
    }
    let session_id = d["session_id"].as_str().unwrap_or_default().to_owned();
    let since = d["seq"].as_u64().unwrap_or(0);
    let mut sessions = shared.gateway.sessions();
    let resumable = sessions.get(&session_id).is_some_and(|s| {
        s.buffer
            .front()
            .is_none_or(|(first, _)| *first <= since + 1)
    });
    let Some(session) = sessions.get_mut(&session_id).filter(|_| resumable) else {
        drop(sessions);
        let _ = tx.send(Out::Text(r#"{"op":9,"d":false}"#.to_owned()));
        return None;
    };
    if let Some((_, old)) = session.conn.replace((conn_id, tx.clone())) {
        let _ = old.send(Out::Drop);
    }
    for (_, frame) in session.buffer.iter().filter(|(s, _)| *s > since) {
        let _ = tx.send(Out::Text(frame.clone()));
    }
    session.push("RESUMED", r#"{"_trace":["discord-emulator"]}"#);
    drop(sessions);
    shared.gateway.changed.notify_waiters();
    Some(session_id)
}

/// How long the emulator tells clients to wait between heartbeats by default.
pub(crate) const DEFAULT_HEARTBEAT: Duration = Duration::from_millis(41_250);
