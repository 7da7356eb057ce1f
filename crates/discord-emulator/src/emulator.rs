//! The emulator handle: options, start, the state the server shares, and access to the log and faults.
//! Shaping the world is in `world.rs`, reading it in `inspect.rs`.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::error::Error;
use crate::faults::Faults;
use crate::gateway::{intents, Gateway, Target};
use crate::log::RequestLog;
use crate::model::{permissions, User};
use crate::snowflake::{Snowflake, Snowflakes};
use crate::state::State;

/// How the emulator behaves. `EmulatorOptions { token: "t".into(), ..Default::default() }`.
#[derive(Debug, Clone)]
pub struct EmulatorOptions {
    /// The bot token the REST API (`Authorization: Bot <token>`) and IDENTIFY must carry.
    pub token: String,
    /// The bot user's name.
    pub bot_name: String,
    /// How long the bot has to answer an interaction (Discord: 3 s) before the callback gets 10062.
    pub interaction_deadline: Duration,
    /// How long scripted users wait for the bot's answer before failing.
    pub answer_timeout: Duration,
    /// The heartbeat interval HELLO announces.
    pub heartbeat_interval: Duration,
    /// The permissions of the bot's role in each new guild.
    pub bot_permissions: u64,
    /// Whether to check request bodies against the OpenAPI schema (violations go to the request log).
    pub validate_schema: bool,
    /// How many recent calls the request log keeps (schema violations are kept apart, up to 10,000).
    pub log_capacity: usize,
    /// Discord-like rate limits to enforce (`RateLimits::discord_like()`); `None` (default) for none.
    pub rate_limits: Option<crate::ratelimit::RateLimits>,
    /// Where to listen: `127.0.0.1:0` (an ephemeral port) unless a fixed port is wanted, e.g. for a sandbox.
    pub bind: SocketAddr,
    /// Discord's round trip: every REST call's response is held this long after the call is
    /// served (its effects, such as an interaction answer reaching the member, are not
    /// delayed; the bot waits as it would on Discord). Zero by default.
    pub rest_latency: Duration,
    /// On top of `rest_latency`, how long a guild channel creation takes to return (on
    /// Discord 0.5–1 s). Zero by default.
    pub channel_create_latency: Duration,
    /// `GET /gateway/bot`'s `session_start_limit.max_concurrency`: how many shards may
    /// IDENTIFY together (Discord: 1, or 16 and more for large bots). 1 by default.
    pub max_concurrency: u32,
}

impl Default for EmulatorOptions {
    fn default() -> Self {
        Self {
            token: "emulator-token".into(),
            bot_name: "craftdesk".into(),
            interaction_deadline: Duration::from_secs(3),
            answer_timeout: Duration::from_secs(5),
            heartbeat_interval: crate::gateway::DEFAULT_HEARTBEAT,
            bot_permissions: permissions::BOT_DEFAULT,
            validate_schema: true,
            log_capacity: 100_000,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            rate_limits: None,
            rest_latency: Duration::ZERO,
            channel_create_latency: Duration::ZERO,
            max_concurrency: 1,
        }
    }
}

/// What the server, the gateway and the scripted users share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub opts: EmulatorOptions,
    pub addr: SocketAddr,
    pub ids: Snowflakes,
    state: Mutex<State>,
    pub gateway: Arc<Gateway>,
    pub log: RequestLog,
    pub faults: Faults,
    pub limiter: crate::ratelimit::Limiter,
    pub tls: crate::tls::TestCertificate,
    pub bot_user_id: Snowflake,
    pub application_id: Snowflake,
    /// Bumped on every message create, edit or delete.
    pub messages_changed: watch::Sender<u64>,
    /// Bumped whenever the bot registers, edits or deletes application commands.
    pub commands_changed: watch::Sender<u64>,
    /// REST calls being served now (see [`Emulator::calls_settled`]).
    pub calls_in_flight: watch::Sender<usize>,
    /// HTTP connections being served now, gateway sockets aside (see
    /// [`Emulator::connections_closed`]).
    pub connections_open: watch::Sender<usize>,
    /// TCP connections accepted since the start (see [`Emulator::connections_accepted`]).
    pub connections_accepted: std::sync::atomic::AtomicUsize,
}

impl Shared {
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn gateway_url(&self) -> String {
        format!("ws://{}/gateway", self.addr)
    }

    pub fn messages_changed(&self) {
        self.messages_changed
            .send_modify(|v| *v = v.wrapping_add(1));
    }

    /// Dispatches a guild channel event (`CHANNEL_CREATE` / UPDATE / DELETE).
    pub fn dispatch_channel(&self, event: &str, channel: &Value, guild_id: Option<Snowflake>) {
        let target = guild_id.map_or(Target::Direct, Target::Guild);
        self.gateway
            .dispatch(target, event, channel, Some(intents::GUILDS));
    }

    /// Dispatches `MESSAGE_CREATE` / `MESSAGE_UPDATE` to sessions with the message intents.
    pub fn dispatch_message(&self, event: &str, message: &Value, guild_id: Option<Snowflake>) {
        let (target, intent) = match guild_id {
            Some(g) => (Target::Guild(g), intents::GUILD_MESSAGES),
            None => (Target::Direct, intents::DIRECT_MESSAGES),
        };
        self.gateway.dispatch(target, event, message, Some(intent));
    }
}

/// Connections the listener queues before the server accepts them (the kernel caps it at
/// `net.core.somaxconn`, 4096 on current Linux).
const LISTEN_BACKLOG: u32 = 4096;

/// Binds `addr` with room for bursts of new connections. A bot under load opens one HTTP/1.1
/// connection per request in flight, hundreds at once, while the emulator's runtime is busy
/// with the scripted users; with the usual backlog of 128 the kernel dropped the excess
/// connection attempts, and clients retried them 1, 3 and 7 s later: answers that looked
/// seconds late (past the 3 s interaction deadline) for the emulator's sake, not the bot's.
fn listen(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    // As `TcpListener::bind` does: a restarted emulator may rebind its port at once.
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

/// A running emulator on 127.0.0.1. Dropping it stops the server.
#[derive(Debug)]
pub struct Emulator {
    pub(crate) shared: Arc<Shared>,
    server: JoinHandle<()>,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shared.gateway.drop_all();
        self.server.abort();
    }
}

impl Emulator {
    /// Binds `opts.bind` (127.0.0.1, ephemeral port, by default) and serves REST under `/api/v10` and the gateway at `/gateway`,
    /// over plain HTTP and HTTPS on the same port ([`Emulator::ca_certificate_pem`]).
    // Nothing is awaited since binding became synchronous (for its backlog), but every
    // caller awaits `start`: it stays async rather than change them all.
    #[allow(clippy::unused_async)]
    pub async fn start(opts: EmulatorOptions) -> std::io::Result<Self> {
        let listener = listen(opts.bind)?;
        let addr = listener.local_addr()?;
        let ids = Snowflakes::default();
        let bot_user_id = ids.next();
        let application_id = bot_user_id;
        let mut state = State::default();
        state.users.insert(
            bot_user_id,
            User {
                id: bot_user_id,
                name: opts.bot_name.clone(),
                bot: true,
                locale: "en-US".into(),
            },
        );
        let gateway = Arc::new(Gateway::default());
        let log = RequestLog::new(opts.log_capacity);
        let limiter = crate::ratelimit::Limiter::new(opts.rate_limits.clone());
        let tls = crate::tls::TestCertificate::generate().map_err(std::io::Error::other)?;
        let shared = Arc::new(Shared {
            faults: Faults::new(gateway.clone()),
            limiter,
            tls,
            opts,
            addr,
            ids,
            state: Mutex::new(state),
            gateway,
            log,
            bot_user_id,
            application_id,
            messages_changed: watch::channel(0).0,
            commands_changed: watch::channel(0).0,
            calls_in_flight: watch::channel(0).0,
            connections_open: watch::channel(0).0,
            connections_accepted: std::sync::atomic::AtomicUsize::new(0),
        });
        if shared.opts.validate_schema {
            tokio::task::spawn_blocking(crate::schema::preload);
        }
        let app = crate::rest::router(shared.clone());
        let server = tokio::spawn(crate::tls::serve(listener, app, shared.clone()));
        Ok(Self { shared, server })
    }

    /// TCP connections accepted since the emulator started (REST, TLS or not, and gateway
    /// sockets): how many connections clients opened, e.g. one per answer in flight over
    /// HTTP/1.1, a few over HTTP/2.
    #[must_use]
    pub fn connections_accepted(&self) -> usize {
        self.shared
            .connections_accepted
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// REST calls the emulator is serving now: from the moment it has read one's head until
    /// it has answered (a call whose client went away is still served to the end).
    #[must_use]
    pub fn calls_in_flight(&self) -> usize {
        *self.shared.calls_in_flight.borrow()
    }

    /// Returns once no REST call is being served: after a bot is killed, every call of its
    /// that reached the emulator has then had its effect (as on Discord, they are served to
    /// the end), so what a test reads is all the bot will ever have done.
    ///
    /// It does not wait for what the emulator has not read yet: a call a killed bot sent just
    /// before it died may still be in the socket, or (HTTP/2) read but its stream not yet
    /// started, and land a moment later. [`Emulator::connections_closed`] waits for those too.
    pub async fn calls_settled(&self) {
        let mut in_flight = self.shared.calls_in_flight.subscribe();
        let _ = in_flight.wait_for(|n| *n == 0).await;
    }

    /// Returns once no HTTP connection is open (gateway sockets aside) and no REST call is
    /// being served. After every bot process is killed, its connections are read to their end
    /// (the kernel closed them when it died), so everything it sent before it died has then
    /// had its effect; with a bot still running, this waits for it to close its connections.
    pub async fn connections_closed(&self) {
        let mut open = self.shared.connections_open.subscribe();
        let mut in_flight = self.shared.calls_in_flight.subscribe();
        loop {
            let _ = open.wait_for(|n| *n == 0).await;
            // A call is counted from the moment its connection hands it over, so none read
            // from a connection now closed is missed.
            let _ = in_flight.wait_for(|n| *n == 0).await;
            if *open.borrow() == 0 {
                return;
            }
        }
    }

    /// Returns once the request-body validators of the routes bots use most are built
    /// (started in the background by [`Emulator::start`]): a measurement waits for it, so
    /// that the emulator's one-off work does not show as the bot's answer time.
    pub async fn schemas_ready(&self) {
        if self.shared.opts.validate_schema {
            let _ = tokio::task::spawn_blocking(crate::schema::preload).await;
        }
    }

    /// Stops as an outage would, and returns once it has: the listener is closed (new
    /// connections are refused) before every gateway socket is dropped, so a bot cannot
    /// reconnect to it. Dropping the emulator does the same without waiting.
    pub async fn shutdown(mut self) {
        self.server.abort();
        let _ = (&mut self.server).await;
        self.shared.gateway.drop_all();
    }

    /// `http://127.0.0.1:PORT`: what serenity's `HttpBuilder::proxy` takes.
    #[must_use]
    pub fn api_base(&self) -> String {
        format!("http://{}", self.shared.addr)
    }

    /// `127.0.0.1:PORT`: where it listens, for plain HTTP and HTTPS alike.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.shared.addr
    }

    /// The PEM certificate of this emulator's own test CA, which signed its certificate for
    /// `discord.com` (and `localhost`, `127.0.0.1`). A client that trusts it and resolves
    /// `discord.com` to [`Emulator::addr`] reaches the emulator at `https://discord.com`,
    /// as serenity's rate limiter (which ignores a proxy) does.
    #[must_use]
    pub fn ca_certificate_pem(&self) -> &str {
        &self.shared.tls.ca_pem
    }

    /// `ws://127.0.0.1:PORT/gateway`.
    #[must_use]
    pub fn gateway_url(&self) -> String {
        self.shared.gateway_url()
    }

    #[must_use]
    pub fn token(&self) -> &str {
        &self.shared.opts.token
    }

    #[must_use]
    pub fn application_id(&self) -> Snowflake {
        self.shared.application_id
    }

    #[must_use]
    pub fn bot_user_id(&self) -> Snowflake {
        self.shared.bot_user_id
    }

    /// Every REST call so far.
    #[must_use]
    pub fn log(&self) -> &RequestLog {
        &self.shared.log
    }

    /// Fault injection (REST and gateway).
    #[must_use]
    pub fn faults(&self) -> &Faults {
        &self.shared.faults
    }

    /// Every IDENTIFY the gateway accepted: the shard (id, count) and when, in order (how
    /// long shard starts were apart).
    #[must_use]
    pub fn identifies(&self) -> Vec<((u64, u64), std::time::Instant)> {
        self.shared.gateway.identifies()
    }

    /// Gateway connections currently open and identified.
    #[must_use]
    pub fn gateway_connections(&self) -> usize {
        self.shared.gateway.connected()
    }

    /// The shards (id, count) that have a live gateway connection, sorted.
    #[must_use]
    pub fn connected_shards(&self) -> Vec<(u64, u64)> {
        self.shared.gateway.connected_shards()
    }

    /// How many interactions each shard (id, count) has been sent so far: which of several
    /// bot processes, one per shard, was given the work. DMs' go to shard 0, a guild's to
    /// `(guild_id >> 22) % count`.
    #[must_use]
    pub fn interactions_by_shard(&self) -> BTreeMap<(u64, u64), u64> {
        self.shared.gateway.interactions_by_shard()
    }

    /// Waits until every guild (or, with none, at least one shard) has a gateway session.
    pub async fn wait_for_bot(&self, timeout: Duration) -> Result<(), Error> {
        let deadline = Instant::now() + timeout;
        let guilds = self.shared.state().guild_order.clone();
        let targets: Vec<Target> = if guilds.is_empty() {
            vec![Target::Direct]
        } else {
            guilds.into_iter().map(Target::Guild).collect()
        };
        for target in targets {
            if !self.shared.gateway.wait_for_session(target, deadline).await {
                return Err(Error::Timeout {
                    after: timeout,
                    waiting_for: "the bot to identify on the gateway".into(),
                    context: self.shared.log.describe_last(5),
                });
            }
        }
        Ok(())
    }
}
