//! The crash tests' cast: members of one guild walking request flows from whatever step
//! their message shows, and crafters claiming, both told by a watch when the bot process
//! that serves them is killed or back; and what they must never see (anything but the flow
//! going on, "expired", or a clear refusal), recorded as violations.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use discord_emulator::{Message, Reply, ReplyKind, ScriptedUser, Snowflake};
use serde_json::json;
use tokio::sync::watch;
use tokio::time::Instant;

use super::EXPIRED;
use crate::support::TestApp;

/// A small, seeded random number generator (splitmix64): the test needs no more.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low)
    }
}

/// Whether the bot runs, and which run it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BotState {
    pub run: u64,
    pub up: bool,
}

/// What an action came to.
enum Acted {
    Answered(Box<Reply>),
    /// The bot was killed before it answered (or the message changed meanwhile): look
    /// again.
    Down,
}

/// A bot process's state, told to everyone it serves.
pub type BotWatch = Arc<watch::Sender<BotState>>;

/// Where a scene's members work: a guild, its board, and whether its flows run in DMs.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub guild: Snowflake,
    pub board: Snowflake,
    pub dm: bool,
}

/// What members and crafters of one guild share.
pub struct Scene {
    pub app: Arc<TestApp>,
    pub place: Place,
    /// The process running the guild's shard: its commands, its board, its channels.
    pub bot: BotWatch,
    /// The process running shard 0, where Discord sends DM interactions (the same as
    /// `bot` with one process).
    pub dm_bot: BotWatch,
    /// Crafters claim requests whose number is their lane modulo this...
    pub crafters: u32,
    /// ...until each holds this many.
    pub claims_each: usize,
    /// Set after the last restart: finish the flow at hand, start no other.
    pub stopping: AtomicBool,
    pub violations: Mutex<Vec<String>>,
}

impl Scene {
    fn violation(&self, text: String) {
        self.violations.lock().expect("lock").push(text);
    }

    /// The process a click on a flow's message reaches.
    fn flow_bot(&self) -> &BotWatch {
        if self.place.dm {
            &self.dm_bot
        } else {
            &self.bot
        }
    }

    /// Waits until `bot` runs; returns its run number.
    async fn wait_up(bot: &BotWatch) -> u64 {
        let mut state = bot.subscribe();
        state
            .wait_for(|s| s.up)
            .await
            .map(|s| s.run)
            .expect("the scene outlives its members")
    }

    /// Runs one interaction against `bot`, the process it reaches. A kill meanwhile gives
    /// `Down`; no answer while the process ran throughout is a violation (and `Down`, to go
    /// on).
    async fn act(
        &self,
        bot: &BotWatch,
        what: &str,
        action: impl std::future::Future<Output = Result<Reply, discord_emulator::Error>>,
    ) -> Acted {
        let run = Self::wait_up(bot).await;
        let mut state = bot.subscribe();
        // A deferred answer (a DM click checks membership first) counts once it settles.
        let settled = async { action.await?.settled().await };
        tokio::select! {
            result = settled => match result {
                Ok(reply) => Acted::Answered(Box::new(reply)),
                Err(err @ discord_emulator::Error::Timeout { .. }) => {
                    if *bot.borrow() == (BotState { run, up: true }) {
                        self.violation(format!("{what}: no answer from a running bot: {err}"));
                    }
                    Acted::Down
                }
                // The message changed since it was read (an answer that came in as the
                // bot was killed): read it again.
                Err(discord_emulator::Error::Invalid(_)) => Acted::Down,
            },
            _ = state.wait_for(|s| s.run != run || !s.up) => Acted::Down,
        }
    }

    /// The member's request channels in the guild (more than one is a bug).
    pub fn request_channels(&self, member: Snowflake) -> Vec<Snowflake> {
        let name = format!("requests-{member}");
        self.app
            .emu
            .channels(self.place.guild)
            .into_iter()
            .filter(|c| c.name == name)
            .map(|c| c.id)
            .collect()
    }

    /// The messages of the member's flows: in their request channel, or their DMs.
    fn messages_of(&self, member: Snowflake) -> Vec<Message> {
        let spaces = if self.place.dm {
            self.app.emu.dm_channel_of(member).into_iter().collect()
        } else {
            self.request_channels(member)
        };
        spaces
            .into_iter()
            .flat_map(|c| self.app.emu.channel_messages(c))
            .collect()
    }
}

/// "Request #12 submitted" → 12.
pub fn number_after(text: &str, marker: &str) -> Option<u32> {
    let rest = &text[text.find(marker)? + marker.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn has_select(message: &Message, placeholder: &str) -> bool {
    message
        .all_components()
        .iter()
        .any(|c| c["placeholder"] == placeholder)
}

/// What one member saw.
#[derive(Default)]
pub struct MemberLog {
    pub submitted: Vec<u32>,
    pub flows: usize,
}

/// A member doing request flows until the scene stops, each to its end.
pub async fn member_works(scene: Arc<Scene>, member: ScriptedUser, n: usize) -> MemberLog {
    let mut log = MemberLog::default();
    while !scene.stopping.load(Ordering::Acquire) {
        let Some(first) = open(&scene, &member).await else {
            continue;
        };
        log.flows += 1;
        if let Some(number) = walk(&scene, &member, first.id, n).await {
            log.submitted.push(number);
        }
    }
    log
}

/// `/request`, then the new flow's message; `None` if the bot died before posting it.
async fn open(scene: &Scene, member: &ScriptedUser) -> Option<Message> {
    let before: HashSet<Snowflake> = scene
        .messages_of(member.id())
        .iter()
        .map(|m| m.id)
        .collect();
    let new_flow = |scene: &Scene| {
        scene
            .messages_of(member.id())
            .into_iter()
            .find(|m| !before.contains(&m.id) && m.text().contains("step 1 of 7"))
    };
    let run = Scene::wait_up(&scene.bot).await;
    if let Acted::Answered(reply) = scene
        .act(&scene.bot, "/request", member.slash("request", json!([])))
        .await
    {
        // "Opening your request channel…" is edited with the link once the channel exists.
        let opening = |text: &str| {
            text.starts_with("Opening your request channel")
                || text.starts_with("Sending you a direct message")
        };
        let reply = if opening(&reply.text()) {
            match scene
                .act(&scene.bot, "/request's link", reply.next_update())
                .await
            {
                Acted::Answered(edited) => edited,
                Acted::Down => return new_flow(scene),
            }
        } else {
            reply
        };
        let text = reply.text();
        if !text.contains("Your request is waiting in") && !text.contains("I've sent you a DM") {
            scene.violation(format!("/request answered {text:?}"));
            return None;
        }
    }
    // The message follows the answer; a kill may come in between.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut state = scene.bot.subscribe();
    loop {
        if let Some(found) = new_flow(scene) {
            return Some(found);
        }
        if *state.borrow_and_update() != (BotState { run, up: true }) {
            // Killed: whatever was posted is there now.
            return new_flow(scene);
        }
        if Instant::now() > deadline {
            scene.violation(format!(
                "no flow message for {} after /request",
                member.id()
            ));
            return None;
        }
        let _ = tokio::time::timeout(Duration::from_millis(20), state.changed()).await;
    }
}

/// Walks the flow on `message` from whatever step it shows to its end; the request's
/// number if it was submitted.
#[allow(clippy::too_many_lines)] // one step per arm, in the flow's order
async fn walk(scene: &Scene, member: &ScriptedUser, message: Snowflake, n: usize) -> Option<u32> {
    let mut fruitless = 0;
    loop {
        if fruitless > 6 {
            scene.violation(format!(
                "flow {message} of {} makes no progress",
                member.id()
            ));
            return None;
        }
        let Some(current) = scene.app.emu.message(message) else {
            scene.violation(format!("flow message {message} vanished"));
            return None;
        };
        let labels = current.button_labels();
        let has = |label: &str| labels.iter().any(|l| l == label);
        let acted = if has("Confirm") {
            scene
                .act(
                    scene.flow_bot(),
                    "Confirm",
                    member.click_in(&current, "Confirm"),
                )
                .await
        } else if has("📦 I provide all") {
            scene
                .act(
                    scene.flow_bot(),
                    "materials",
                    member.click_in(&current, "📦 I provide all"),
                )
                .await
        } else if has("Enter quantity & notes") {
            match scene
                .act(
                    scene.flow_bot(),
                    "quantity",
                    member.click_in(&current, "Enter quantity & notes"),
                )
                .await
            {
                Acted::Answered(modal) if modal.kind == ReplyKind::Modal => {
                    scene
                        .act(
                            scene.flow_bot(),
                            "quantity form",
                            modal.submit_modal(&[("quantity", "1"), ("notes", "crash test")]),
                        )
                        .await
                }
                other => other,
            }
        } else if has_select(&current, "Choose an item") {
            let item = current.select_values("Choose an item")[0].clone();
            scene
                .act(
                    scene.flow_bot(),
                    "item",
                    member.select_in(&current, "Choose an item", &[&item]),
                )
                .await
        } else if has_select(&current, "Choose a gear slot") {
            let slot = current.select_values("Choose a gear slot")[0].clone();
            scene
                .act(
                    scene.flow_bot(),
                    "slot",
                    member.select_in(&current, "Choose a gear slot", &[&slot]),
                )
                .await
        } else if has_select(&current, "Choose a profession") {
            let profession = current.select_values("Choose a profession")[0].clone();
            scene
                .act(
                    scene.flow_bot(),
                    "profession",
                    member.select_in(&current, "Choose a profession", &[&profession]),
                )
                .await
        } else if has("Type a name") {
            match scene
                .act(
                    scene.flow_bot(),
                    "name",
                    member.click_in(&current, "Type a name"),
                )
                .await
            {
                Acted::Answered(modal) if modal.kind == ReplyKind::Modal => {
                    let name = format!("Crash{n}");
                    scene
                        .act(
                            scene.flow_bot(),
                            "name form",
                            modal.submit_modal(&[("name", &name)]),
                        )
                        .await
                }
                other => other,
            }
        } else {
            // No buttons left: the receipt, or expired.
            let text = current.text();
            if let Some(number) = number_after(&text, "Request #") {
                return Some(number);
            }
            if !text.contains(EXPIRED) {
                scene.violation(format!("a flow ended showing {text:?}"));
            }
            return None;
        };
        let Acted::Answered(reply) = acted else {
            continue;
        };
        let text = reply.text();
        if matches!(reply.kind, ReplyKind::Update | ReplyKind::Modal) && !reply.ephemeral {
            if let Some(number) =
                number_after(&text, "Request #").filter(|_| text.contains("submitted"))
            {
                return Some(number);
            }
            if text.contains(EXPIRED) {
                return None;
            }
            fruitless = 0;
            continue;
        }
        if text.contains(EXPIRED) {
            return None;
        }
        if let Some(number) =
            number_after(&text, "Request #").filter(|_| text.contains("submitted"))
        {
            return Some(number);
        }
        if text.contains("already handled")
            || text.contains("out of date")
            || text.contains("press Confirm again")
        {
            // The message may be behind the stored flow: look again.
            fruitless += 1;
            continue;
        }
        scene.violation(format!("flow {message} answered {text:?}"));
        return None;
    }
}

/// A crafter claiming requests whose number ≡ `lane` (mod 4) until it holds five.
pub async fn crafter_works(scene: Arc<Scene>, crafter: ScriptedUser, lane: u32) -> Vec<u32> {
    let mut claimed: Vec<u32> = Vec::new();
    let me = format!("<@{}>", crafter.id());
    let deadline = Instant::now() + Duration::from_secs(120);
    while claimed.len() < scene.claims_each && Instant::now() < deadline {
        let candidate = scene
            .app
            .emu
            .channel_messages(scene.place.board)
            .into_iter()
            .find_map(|m| {
                let number = number_after(m.embeds.first()?["title"].as_str()?, "Request #")?;
                (number % scene.crafters == lane
                    && !claimed.contains(&number)
                    && m.button_labels().iter().any(|l| l == "Claim"))
                .then_some((number, m))
            });
        let Some((number, message)) = candidate else {
            let run = Scene::wait_up(&scene.bot).await;
            let mut state = scene.bot.subscribe();
            let _ =
                tokio::time::timeout(Duration::from_millis(50), state.wait_for(|s| s.run != run))
                    .await;
            continue;
        };
        let Acted::Answered(reply) = scene
            .act(&scene.bot, "Claim", crafter.click_in(&message, "Claim"))
            .await
        else {
            continue;
        };
        let text = reply.text();
        let mine = (reply.kind == ReplyKind::Update && text.contains(&me))
            || text.contains(&format!("Already claimed by {me}"))
            || text.contains(&format!("claimed by {me}."));
        if mine {
            claimed.push(number);
        } else {
            scene.violation(format!("claim of #{number} answered {text:?}"));
            claimed.push(number);
        }
    }
    claimed
}
