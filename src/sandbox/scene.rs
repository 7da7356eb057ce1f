//! The sandbox's scene, act by act: what the guild's admin, members, crafters and officers
//! do, in the order a reader follows it. [`opening`] sets the guild up; [`play`] lists the
//! acts after it; each act is one function.
//!
//! The guild has just invited craftdesk and is not set up: a member who asks for a request
//! is told an admin has to run `/setup`, and the admin does, in Discord (the opening). The
//! crowd (many members submitting at once, one abandoning a flow, one losing their channel)
//! comes next, on the channels and roles the setup gave the bot; once its requests are in,
//! the story of a few named people follows requests through their whole life (while the
//! abandoned flow expires): requesters ask and look after their requests, crafters claim,
//! work and release, an officer steps in, and the epilogue checks what everyone was told
//! (DMs, the request-channel fallback, the log channel). Every step checks its answer; a
//! failed step ends the story with an error the report lists (a failed opening ends the
//! run: nothing after it can happen). All of it is the real bot's behaviour.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{ensure, Context as _};
use discord_emulator::{Message, Reply, ReplyKind, ScriptedUser, Snowflake};
use serde::Serialize;
use serde_json::json;

use super::{option_values, reading, NewGuild, Scene, World, WAIT};
use crate::t;

/// How many requests the story's requesters submit (besides the crowd's).
pub(crate) const STORY_FLOWS: usize = 6;

/// What the story's people did, counted as they did it (and, for what the bot sent, at the
/// emulator afterwards).
#[derive(Debug, Default, Clone, Serialize)]
pub struct StoryReport {
    /// Requests the story's requesters submitted.
    pub requests_submitted: usize,
    pub characters_registered: usize,
    /// Requests claimed by crafters: on the board, and several at once in `/requests`.
    pub claims: usize,
    pub started: usize,
    /// Requests completed in full, and completions of part of a request.
    pub completions: usize,
    pub partial_completions: usize,
    pub releases: usize,
    pub materials_recorded: usize,
    pub reassignments: usize,
    pub officer_cancellations: usize,
    pub reopenings: usize,
    /// Overview, Audit log and Find request # as an officer saw them.
    pub officer_views: usize,
    /// Requests the requesters cancelled: from `/status`, and with a removed character.
    pub member_cancellations: usize,
    pub characters_removed: usize,
    /// Messages the bot sent in DMs (notifications, reassignment notices).
    pub dms_sent: usize,
    /// Notifications posted in a request channel because the member's DMs are closed.
    pub fallback_notices: usize,
    /// Lines in the log channel about requests (the setup's are counted apart), and how
    /// many of them are submitted requests.
    pub log_lines: usize,
    pub submissions_logged: usize,
}

/// How the guild's admin set it up, counted as she did it (and, for the log channel and
/// what the bot recorded, afterwards).
#[derive(Debug, Default, Clone, Serialize)]
pub struct SetupReport {
    /// Members who used `/request` before the setup and were told an admin has to run it.
    pub members_sent_to_admin: usize,
    /// The admin's `/setup` answers (each one its own private view), and her changes saved.
    pub views: usize,
    pub saves: usize,
    /// The changes the admin was told were saved (one line each), and those the bot recorded.
    pub changes_told: usize,
    pub changes_recorded: usize,
    /// Channels "Create them for me" made, and roles the admin picked in the role menus.
    pub channels_created: usize,
    pub roles_picked: usize,
    /// The setup's lines in the log channel.
    pub log_lines: usize,
}

/// The guild as the opening left it: set up, with what the rest of the scene needs.
pub(crate) struct Opening {
    pub world: World,
    pub report: SetupReport,
    /// The answers' latencies, for the report's interaction counts.
    pub latencies: Vec<Duration>,
}

/// The opening, act by act: Mia, a member, tries `/request` first and is told an admin
/// has to run `/setup`. Ava, the admin (Manage Server), runs it: she sees the empty settings
/// and picks the officer and core roles; she runs it again and presses "Create them for
/// me" (the request category and the panel, board and log channels, made in channel mode);
/// once more, she gives enchanting its crafter role. Each `/setup` is its own private view,
/// so the page shows all three. Everything goes through the bot's real `/setup`.
pub(crate) async fn opening(
    emu: &discord_emulator::Emulator,
    guild: &NewGuild,
) -> anyhow::Result<Opening> {
    let mut setup = Setup {
        report: SetupReport::default(),
        latencies: Vec::new(),
    };
    // Both speak in #general, the one channel the guild has yet.
    let mia = emu
        .add_member(guild.guild, "mia", &[])
        .await
        .in_channel(guild.general);
    let ava = emu
        .add_member(guild.guild, "ava", &[guild.admin_role])
        .await
        .in_channel(guild.general);
    member_asks_too_soon(&mut setup, &mia)
        .await
        .context("a member asks before the setup")?;
    admin_picks_roles(&mut setup, &ava, guild)
        .await
        .context("the admin picks the roles")?;
    let world = admin_creates_channels(&mut setup, emu, &ava, guild)
        .await
        .context("the admin has the channels made")?;
    admin_names_crafters(&mut setup, emu, &ava, &world)
        .await
        .context("the admin names the crafters")?;
    Ok(Opening {
        world,
        report: setup.report,
        latencies: setup.latencies,
    })
}

/// The opening's counts and answer times, as its acts go.
struct Setup {
    report: SetupReport,
    latencies: Vec<Duration>,
}

impl Setup {
    fn record(&mut self, reply: Reply) -> Reply {
        self.latencies.push(reply.latency);
        reply
    }

    /// `reply` says the change was saved (`what` names it otherwise): counted, with the
    /// changes it lists.
    fn saved(&mut self, reply: Reply, what: &str) -> anyhow::Result<Reply> {
        let text = reply.text();
        ensure!(text.contains("✅ Saved."), "{what}: {text}");
        self.report.saves += 1;
        self.report.changes_told += text.lines().filter(|l| l.starts_with("• **")).count();
        Ok(reply)
    }
}

/// Mia presses `/request` in #general: the guild is not set up, an admin has to run `/setup`.
async fn member_asks_too_soon(setup: &mut Setup, mia: &ScriptedUser) -> anyhow::Result<()> {
    let refused = setup.record(mia.slash("request", json!([])).await?);
    ensure!(
        refused.ephemeral && refused.text().contains("`/setup`"),
        "/request before the setup: {}",
        refused.text()
    );
    setup.report.members_sent_to_admin += 1;
    Ok(())
}

/// Ava's first `/setup`: nothing is set yet; she turns to the roles page and picks the
/// officer and core roles (so the log channel made next is open to officers).
async fn admin_picks_roles(
    setup: &mut Setup,
    ava: &ScriptedUser,
    guild: &NewGuild,
) -> anyhow::Result<()> {
    let view = setup.record(ava.slash("setup", json!([])).await?);
    ensure!(
        view.ephemeral && view.text().contains("craftdesk setup · Channels"),
        "/setup: {}",
        view.text()
    );
    ensure!(
        view.text().contains("Still to do") && view.text().contains("No board channel"),
        "/setup shows settings that are not empty: {}",
        view.text()
    );
    setup.report.views += 1;
    let view = setup.record(view.click_label("Next ▶").await?);
    ensure!(
        view.text().contains("craftdesk setup · Log and roles"),
        "the roles page: {}",
        view.text()
    );
    let officer = guild.officer_role.to_string();
    let picked = view
        .select("Officer roles (none to clear)", &[&officer])
        .await?;
    let picked = setup.record(picked);
    let view = setup.saved(picked, "picking the officer role")?;
    let core = guild.core_role.to_string();
    let picked = view.select("Core roles (none to clear)", &[&core]).await?;
    let picked = setup.record(picked);
    let view = setup.saved(picked, "picking the core role")?;
    setup.report.roles_picked += 2;
    ensure!(
        view.text().contains(&format!("<@&{officer}> · <@&{core}>")),
        "the roles page after picking: {}",
        view.text()
    );
    Ok(())
}

/// Ava's second `/setup`: "Create them for me" makes the request category and the panel,
/// board and log channels, and switches to channel mode; the panel is posted, the log
/// channel shows the change. Returns the guild as the rest of the scene knows it.
async fn admin_creates_channels(
    setup: &mut Setup,
    emu: &discord_emulator::Emulator,
    ava: &ScriptedUser,
    guild: &NewGuild,
) -> anyhow::Result<World> {
    let g = guild.guild;
    let channels_before = emu.channels(g).len();
    let view = setup.record(ava.slash("setup", json!([])).await?);
    setup.report.views += 1;
    let made = setup
        .record(view.click_label("Create them for me").await?)
        .settled()
        .await?;
    let made = setup.saved(made, "Create them for me")?;
    let created = |name: &str| {
        emu.channel_by_name(g, name)
            .map(|c| c.id)
            .with_context(|| format!("Create them for me made no {name:?} channel"))
    };
    let world = World {
        guild: g,
        core_role: guild.core_role,
        officer_role: guild.officer_role,
        enchanter_role: guild.enchanter_role,
        categories: vec![created("Requests")?],
        panel: created("requests")?,
        board: created("request-board")?,
        log: created("request-log")?,
    };
    setup.report.channels_created = emu.channels(g).len() - channels_before;
    ensure!(
        setup.report.channels_created == 4,
        "Create them for me made {} channels",
        setup.report.channels_created
    );
    for channel in [world.categories[0], world.panel, world.board, world.log] {
        ensure!(
            made.text().contains(&format!("<#{channel}>")),
            "the setup does not show <#{channel}>: {}",
            made.text()
        );
    }
    ensure!(
        made.text()
            .lines()
            .any(|l| l.starts_with("• **Mode**: DM") && l.contains("→ channel")),
        "Create them for me did not switch to channel mode: {}",
        made.text()
    );
    emu.wait_for_message(world.panel, |m| !m.components.is_empty(), WAIT)
        .await
        .context("the panel is not posted in the channel the setup made")?;
    emu.wait_for_message(
        world.log,
        |m| m.content.contains("changed the settings") && m.content.contains("Log channel: none →"),
        WAIT,
    )
    .await
    .context("the log channel does not show the channels' setup")?;
    Ok(world)
}

/// Ava's third `/setup`: on the crafters page she gives enchanting (the story's crafters'
/// profession) its role; the log channel shows it.
async fn admin_names_crafters(
    setup: &mut Setup,
    emu: &discord_emulator::Emulator,
    ava: &ScriptedUser,
    world: &World,
) -> anyhow::Result<()> {
    let view = setup.record(ava.slash("setup", json!([])).await?);
    setup.report.views += 1;
    let view = setup.record(view.click_label("Next ▶").await?);
    let view = setup.record(view.click_label("Next ▶").await?);
    ensure!(
        view.text().contains("craftdesk setup · Crafters"),
        "the crafters page: {}",
        view.text()
    );
    let view = setup.record(view.select("Pick a profession", &["enchanting"]).await?);
    let enchanter = world.enchanter_role.to_string();
    let picked = view
        .select("Crafter role for enchanting (none to clear)", &[&enchanter])
        .await?;
    let picked = setup.record(picked);
    let view = setup.saved(picked, "picking the enchanters' role")?;
    setup.report.roles_picked += 1;
    ensure!(
        view.text()
            .contains(&format!("enchanting: <@&{enchanter}>")),
        "the crafters page after picking: {}",
        view.text()
    );
    emu.wait_for_message(
        world.log,
        |m| m.content.contains("Crafter role for enchanting: none →"),
        WAIT,
    )
    .await
    .context("the log channel does not show the crafter role's setup")?;
    Ok(())
}

/// The setup's lines in the log channel.
pub(crate) fn setup_log_lines(emu: &discord_emulator::Emulator, log: Snowflake) -> usize {
    emu.channel_messages(log)
        .iter()
        .filter(|m| is_setup_line(&m.content))
        .count()
}

fn is_setup_line(content: &str) -> bool {
    content.contains("changed the settings:")
}

/// The story's people.
struct Cast {
    /// A requester with two characters (her alt is removed with a request still open).
    ada: ScriptedUser,
    /// A requester whose DMs are closed.
    bram: ScriptedUser,
    /// Crafters (enchanters).
    cora: ScriptedUser,
    dax: ScriptedUser,
    /// An officer.
    olga: ScriptedUser,
}

/// The story's requests, by number, as they are made.
#[derive(Default)]
struct Requests {
    /// Ada's for her main: completed in two parts, materials recorded.
    ada_main: u32,
    /// Ada's, cancelled by her from `/status`.
    ada_cancelled: u32,
    /// Ada's for her alt, cancelled when she removes the alt.
    ada_alt: u32,
    /// Bram's: claimed by Cora, reassigned to Dax, completed by him.
    bram_reassigned: u32,
    /// What Dax claimed at once from `/requests`; he releases the first, the officer
    /// cancels and reopens the second.
    dax_claimed: Vec<u32>,
    /// Every change the story made, as `(number, what the log line says)`.
    changes: Vec<(u32, &'static str)>,
}

/// Plays the scene: the crowd arrives; once its members' requests are in, the story plays
/// while the abandoned flow expires. Returns the errors, whether the lost channel was
/// recovered, whether the abandoned flow answered "expired", and the story's report.
pub(crate) async fn play(
    scene: &Arc<Scene>,
    users: usize,
) -> anyhow::Result<(Vec<String>, bool, bool, StoryReport)> {
    let mut crowd = Crowd::arrives(scene, users);
    let mut errors = crowd.members_done().await?;
    let (story, story_error) = Box::pin(story(scene)).await;
    errors.extend(story_error.map(|err| format!("story: {err:#}")));
    let (recovered, expired) = crowd.leaves(&mut errors).await?;
    Ok((errors, recovered, expired, story))
}

type Task = tokio::task::JoinHandle<anyhow::Result<()>>;

/// The crowd: `users` members complete request flows at once (every fifth runs two in
/// parallel, core members ask for a guild craft), one abandons a flow until it expires,
/// and one has their request channel deleted by hand mid-flow.
struct Crowd {
    members: Vec<Task>,
    abandoner: Task,
    unlucky: Task,
}

impl Crowd {
    fn arrives(scene: &Arc<Scene>, users: usize) -> Crowd {
        let members = (0..users)
            .map(|n| {
                let scene = scene.clone();
                tokio::spawn(async move { Box::pin(scene.member_completes(n)).await })
            })
            .collect();
        let abandoner = {
            let scene = scene.clone();
            tokio::spawn(async move { scene.member_abandons().await })
        };
        let unlucky = {
            let scene = scene.clone();
            tokio::spawn(async move { scene.member_loses_channel().await })
        };
        Crowd {
            members,
            abandoner,
            unlucky,
        }
    }

    /// Waits for the members' flows; their errors.
    async fn members_done(&mut self) -> anyhow::Result<Vec<String>> {
        let mut errors = Vec::new();
        for task in self.members.drain(..) {
            if let Err(err) = task.await? {
                errors.push(format!("{err:#}"));
            }
        }
        Ok(errors)
    }

    /// Waits for the unlucky member and the abandoner: whether the lost channel was
    /// recovered and the abandoned flow answered "expired" (else an error each).
    async fn leaves(self, errors: &mut Vec<String>) -> anyhow::Result<(bool, bool)> {
        let deleted_channel_recovered = match self.unlucky.await? {
            Ok(()) => true,
            Err(err) => {
                errors.push(format!("deleted channel: {err:#}"));
                false
            }
        };
        let expired_flow_answered = match self.abandoner.await? {
            Ok(()) => true,
            Err(err) => {
                errors.push(format!("abandoned flow: {err:#}"));
                false
            }
        };
        Ok((deleted_channel_recovered, expired_flow_answered))
    }
}

/// The story, act by act; it stops at the first act that goes wrong.
async fn story(scene: &Scene) -> (StoryReport, Option<anyhow::Error>) {
    let mut report = StoryReport::default();
    let mut requests = Requests::default();
    let outcome = async {
        let world = scene.guild_for(0)?.clone();
        let cast = cast(scene, &world).await;
        requesters_ask(scene, &world, &cast, &mut requests, &mut report)
            .await
            .context("requesters ask")?;
        requesters_look_after_theirs(scene, &cast, &mut requests, &mut report)
            .await
            .context("requesters look after their requests")?;
        crafters_claim(scene, &world, &cast, &mut requests, &mut report)
            .await
            .context("crafters claim")?;
        crafters_work(scene, &world, &cast, &mut requests, &mut report)
            .await
            .context("crafters work")?;
        officer_steps_in(scene, &world, &cast, &mut requests, &mut report)
            .await
            .context("an officer steps in")?;
        epilogue(scene, &world, &cast, &requests)
            .await
            .context("what everyone was told")
    }
    .await;
    (report, outcome.err())
}

/// The story's people join the guild; Bram's DMs are closed.
async fn cast(scene: &Scene, world: &World) -> Cast {
    let emu = &scene.emu;
    let bram = emu.add_member(world.guild, "bram", &[]).await;
    emu.set_dms_blocked(bram.id(), true);
    Cast {
        ada: emu.add_member(world.guild, "ada", &[]).await,
        bram,
        cora: emu
            .add_member(world.guild, "cora", &[world.enchanter_role])
            .await,
        dax: emu
            .add_member(world.guild, "dax", &[world.enchanter_role])
            .await,
        olga: emu
            .add_member(world.guild, "olga", &[world.officer_role])
            .await,
    }
}

/// Ada registers her main and a second character, then asks for three enchants (two for
/// her main, one for her alt); Bram, his DMs closed, asks for three with a typed name.
async fn requesters_ask(
    scene: &Scene,
    world: &World,
    cast: &Cast,
    requests: &mut Requests,
    report: &mut StoryReport,
) -> anyhow::Result<()> {
    let mut view = scene
        .record(cast.ada.slash("register", json!([])).await?)
        .await;
    for (name, kind, professions) in [("Adalyn", "main", "Enchanting"), ("Adabell", "alt", "")] {
        let form = scene
            .record(view.click_label("Add a character").await?)
            .await;
        view = scene
            .record(
                form.submit_modal(&[("name", name), ("kind", kind), ("professions", professions)])
                    .await?,
            )
            .await;
        ensure!(view.text().contains(name), "adding {name}: {}", view.text());
        report.characters_registered += 1;
    }
    ensure!(
        view.text().contains("2 registered"),
        "/register: {}",
        view.text()
    );

    requests.ada_main = submit(scene, world, &cast.ada, Character::Registered(0), 3).await?;
    requests.ada_cancelled = submit(scene, world, &cast.ada, Character::Registered(0), 1).await?;
    requests.ada_alt = submit(scene, world, &cast.ada, Character::Registered(1), 1).await?;
    requests.bram_reassigned =
        submit(scene, world, &cast.bram, Character::Typed("Bramble"), 1).await?;
    for quantity in [2, 1] {
        submit(
            scene,
            world,
            &cast.bram,
            Character::Typed("Bramble"),
            quantity,
        )
        .await?;
    }
    for number in [
        requests.ada_main,
        requests.ada_cancelled,
        requests.ada_alt,
        requests.bram_reassigned,
    ] {
        requests.changes.push((number, "was submitted by"));
    }
    report.requests_submitted = STORY_FLOWS;
    Ok(())
}

/// Ada opens `/status` in her request channel and cancels one open request, then removes
/// her alt, which still has an open request: she is warned first.
async fn requesters_look_after_theirs(
    scene: &Scene,
    cast: &Cast,
    requests: &mut Requests,
    report: &mut StoryReport,
) -> anyhow::Result<()> {
    let ada = cast
        .ada
        .in_channel(request_channel(scene, &cast.ada).context("Ada's request channel")?);
    let status = scene.record(ada.slash("status", json!([])).await?).await;
    ensure!(
        status.ephemeral && status.text().contains("3 pending"),
        "/status: {}",
        status.text()
    );
    let number = requests.ada_cancelled.to_string();
    let after = scene
        .record(status.select("Cancel open requests…", &[&number]).await?)
        .await;
    ensure!(
        after.text().contains("2 pending"),
        "after cancelling #{number}: {}",
        after.text()
    );
    report.member_cancellations += 1;
    requests
        .changes
        .push((requests.ada_cancelled, "was cancelled by"));

    // She picks her alt and presses Remove: warned, she thinks it over (that answer stays
    // as she saw it); later she does it again and confirms.
    let mut warned = None;
    for _ in 0..2 {
        let view = scene.record(ada.slash("register", json!([])).await?).await;
        let characters = select_values(&view.components, "Edit or remove a character…");
        let alt = characters.get(1).context("Ada's alt is listed")?;
        let picked = scene
            .record(view.select("Edit or remove a character…", &[alt]).await?)
            .await;
        let warning = scene.record(picked.click_label("Remove").await?).await;
        ensure!(
            warning.text().contains("cancels its 1 open request"),
            "removing the alt: {}",
            warning.text()
        );
        warned = Some(warning);
    }
    let warned = warned.context("Ada was warned")?;
    let done = scene.record(warned.click_label("Remove").await?).await;
    ensure!(
        done.text().contains("1 registered") && !done.text().contains("Adabell"),
        "after removing the alt: {}",
        done.text()
    );
    report.characters_removed += 1;
    report.member_cancellations += 1;
    requests
        .changes
        .push((requests.ada_alt, "was cancelled by"));
    Ok(())
}

/// Cora claims Ada's and Bram's requests on the board; Dax runs `/requests` in the board
/// channel, claims several open ones at once, and releases the first from My work.
async fn crafters_claim(
    scene: &Scene,
    world: &World,
    cast: &Cast,
    requests: &mut Requests,
    report: &mut StoryReport,
) -> anyhow::Result<()> {
    for number in [requests.ada_main, requests.bram_reassigned] {
        let message = board_message(scene, world, number).await?;
        let claimed = scene
            .record(cast.cora.click_in(&message, "Claim").await?)
            .await;
        ensure!(
            claimed.kind == ReplyKind::Update && claimed.text().contains("Claimed"),
            "claiming #{number}: {}",
            claimed.text()
        );
        report.claims += 1;
        requests.changes.push((number, "was claimed by"));
    }

    let dax = cast.dax.in_channel(world.board);
    let open = scene.record(dax.slash("requests", json!([])).await?).await;
    let offered = select_values(&open.components, "Claim requests…");
    let picked: Vec<&str> = offered.iter().take(3).map(String::as_str).collect();
    ensure!(
        picked.len() >= 2,
        "/requests offers {offered:?} to claim: {}",
        open.text()
    );
    let claimed = scene
        .record(open.select("Claim requests…", &picked).await?)
        .await;
    for number in &picked {
        ensure!(
            claimed.text().contains(&format!("#{number}: claimed ✅")),
            "claiming {picked:?} at once: {}",
            claimed.text()
        );
        let number: u32 = number.parse()?;
        requests.dax_claimed.push(number);
        requests.changes.push((number, "was claimed by"));
    }
    report.claims += picked.len();

    // Later, from a fresh `/requests` (the claims' answer stays as he saw it): My work.
    let again = scene.record(dax.slash("requests", json!([])).await?).await;
    let work = scene.record(again.click_label("My work").await?).await;
    ensure!(
        work.text().contains("Shopping list"),
        "My work: {}",
        work.text()
    );
    let first = requests.dax_claimed[0].to_string();
    let released = scene
        .record(work.select("Release requests…", &[&first]).await?)
        .await;
    ensure!(
        released.text().contains(&format!("#{first}: released ✅")),
        "releasing #{first}: {}",
        released.text()
    );
    report.releases += 1;
    requests
        .changes
        .push((requests.dax_claimed[0], "was released by"));
    Ok(())
}

/// Cora starts Ada's request, records the materials Ada handed over, completes one of
/// three with a note, then the rest.
async fn crafters_work(
    scene: &Scene,
    world: &World,
    cast: &Cast,
    requests: &mut Requests,
    report: &mut StoryReport,
) -> anyhow::Result<()> {
    let number = requests.ada_main;
    let message = board_message(scene, world, number).await?;
    let started = scene
        .record(cast.cora.click_in(&message, "Start").await?)
        .await;
    ensure!(
        started.text().contains("In progress"),
        "starting #{number}: {}",
        started.text()
    );
    report.started += 1;
    requests.changes.push((number, "was started by"));

    let form = scene
        .record(cast.cora.click_in(&message, "Materials received…").await?)
        .await;
    ensure!(
        form.kind == ReplyKind::Modal,
        "no materials form: {}",
        form.text()
    );
    // Everything Ada brings has arrived: each field gets the amount its label names.
    let fields: Vec<(String, String)> = form
        .components
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|input| {
            let id = input["custom_id"].as_str()?.to_owned();
            let brings = input["label"].as_str()?.rsplit("(of ").next()?;
            Some((id, brings.trim_end_matches(')').to_owned()))
        })
        .collect();
    ensure!(!fields.is_empty(), "an empty materials form");
    let typed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(id, value)| (id.as_str(), value.as_str()))
        .collect();
    let recorded = scene.record(form.submit_modal(&typed).await?).await;
    ensure!(
        recorded.ephemeral && recorded.text().contains("Recorded for request"),
        "recording materials: {}",
        recorded.text()
    );
    report.materials_recorded += 1;
    requests
        .changes
        .push((number, "recorded materials handed over"));

    let part = complete(
        scene,
        &cast.cora,
        &message,
        "1",
        "First one done, two to go",
    )
    .await?;
    ensure!(
        part.text().contains("1 of 3") && part.text().contains("In progress"),
        "completing 1 of #{number}: {}",
        part.text()
    );
    report.partial_completions += 1;
    requests.changes.push((number, "was partly completed by"));
    let done = complete(scene, &cast.cora, &message, "2", "").await?;
    ensure!(
        done.text().contains("Completed"),
        "completing #{number}: {}",
        done.text()
    );
    report.completions += 1;
    requests.changes.push((number, "was completed by"));
    Ok(())
}

/// Olga reassigns Bram's request from Cora to Dax, who starts and completes it; she
/// cancels one of Dax's requests with a reason and reopens it; then she looks at the
/// Overview, the Audit log and Ada's request by number.
#[allow(clippy::too_many_lines)] // one officer's round, step by step
async fn officer_steps_in(
    scene: &Scene,
    world: &World,
    cast: &Cast,
    requests: &mut Requests,
    report: &mut StoryReport,
) -> anyhow::Result<()> {
    let number = requests.bram_reassigned;
    let message = board_message(scene, world, number).await?;
    let picker = scene
        .record(cast.olga.click_in(&message, "Reassign…").await?)
        .await;
    let dax = cast.dax.id().to_string();
    let moved = scene
        .record(picker.select("Pick a crafter…", &[&dax]).await?)
        .await;
    ensure!(
        moved
            .text()
            .contains(&format!("Request #{number} is now with <@{dax}>")),
        "reassigning #{number}: {}",
        moved.text()
    );
    report.reassignments += 1;
    requests.changes.push((number, "was reassigned by"));
    // Dax's Start waits for the board to show him as the crafter.
    let message = wait_for_board(scene, world, number, &format!("<@{dax}>")).await?;
    let started = scene
        .record(cast.dax.click_in(&message, "Start").await?)
        .await;
    ensure!(
        started.text().contains("In progress"),
        "Dax starting #{number}: {}",
        started.text()
    );
    report.started += 1;
    requests.changes.push((number, "was started by"));
    let done = complete(scene, &cast.dax, &message, "1", "").await?;
    ensure!(
        done.text().contains("Completed"),
        "Dax completing #{number}: {}",
        done.text()
    );
    report.completions += 1;
    requests.changes.push((number, "was completed by"));

    let number = *requests
        .dax_claimed
        .get(1)
        .context("Dax claimed a second request")?;
    let message = board_message(scene, world, number).await?;
    let form = scene
        .record(cast.olga.click_in(&message, "Cancel").await?)
        .await;
    let cancelled = scene
        .record(
            form.submit_modal(&[("note", "Duplicate of an older request")])
                .await?,
        )
        .await;
    ensure!(
        cancelled.text().contains("Cancelled") && cancelled.text().contains("Duplicate"),
        "cancelling #{number}: {}",
        cancelled.text()
    );
    report.officer_cancellations += 1;
    requests.changes.push((number, "was cancelled by"));
    let reopened = scene
        .record(cast.olga.click_in(&message, "Reopen").await?)
        .await;
    ensure!(
        reopened.text().contains("Open") && reopened.button_labels().contains(&"Claim".to_owned()),
        "reopening #{number}: {}",
        reopened.text()
    );
    report.reopenings += 1;
    requests.changes.push((number, "was reopened by"));

    // Her views, each its own answer in the board channel (so the page shows all three).
    let olga = cast.olga.in_channel(world.board);
    let overview = scene
        .record(
            scene
                .record(olga.slash("requests", json!([])).await?)
                .await
                .click_label("Overview")
                .await?,
        )
        .await;
    ensure!(
        overview.text().contains("By profession") && overview.text().contains("By crafter"),
        "Overview: {}",
        overview.text()
    );
    let audit = scene
        .record(
            scene
                .record(olga.slash("requests", json!([])).await?)
                .await
                .click_label("Audit log")
                .await?,
        )
        .await;
    ensure!(
        audit.text().contains("Audit log") && audit.text().contains("events"),
        "Audit log: {}",
        audit.text()
    );
    let find = scene
        .record(
            scene
                .record(olga.slash("requests", json!([])).await?)
                .await
                .click_label("Find request #…")
                .await?,
        )
        .await;
    let wanted = format!("#{}", requests.ada_main);
    let found = scene
        .record(find.submit_modal(&[("number", &wanted)]).await?)
        .await;
    ensure!(
        found.text().contains(&format!("Request {wanted}"))
            && found.text().contains("History")
            && found.text().contains("First one done"),
        "Find request {wanted}: {}",
        found.text()
    );
    report.officer_views += 3;
    Ok(())
}

/// What everyone was told: Ada's DMs (claimed, started, partly completed with the note,
/// completed), Bram's notices in his request channel (his DMs are closed), the crafters'
/// reassignment DMs, and the log channel's line for each change, each request's first
/// line being its submission.
async fn epilogue(
    scene: &Scene,
    world: &World,
    cast: &Cast,
    requests: &Requests,
) -> anyhow::Result<()> {
    let emu = &scene.emu;
    let ada_dm = wait_for(|| emu.dm_channel_of(cast.ada.id()))
        .await
        .context("Ada got no DM")?;
    let number = requests.ada_main;
    for told in [
        "was claimed by",
        "was started by",
        "was partly completed by",
        "First one done, two to go",
        "was completed by",
    ] {
        emu.wait_for_message(
            ada_dm,
            |m| m.content.contains(&format!("Request #{number} (")) && m.content.contains(told),
            WAIT,
        )
        .await
        .with_context(|| format!("Ada was not told {told:?} of #{number}"))?;
    }
    let bram_channel = request_channel(scene, &cast.bram).context("Bram's request channel")?;
    let number = requests.bram_reassigned;
    for told in ["was claimed by", "was reassigned by", "was completed by"] {
        emu.wait_for_message(
            bram_channel,
            |m| m.content.contains(&format!("Request #{number} (")) && m.content.contains(told),
            WAIT,
        )
        .await
        .with_context(|| format!("Bram's channel was not told {told:?} of #{number}"))?;
    }
    ensure!(
        emu.dm_channel_of(cast.bram.id())
            .is_none_or(|dm| emu.channel_messages(dm).is_empty()),
        "a DM reached Bram, whose DMs are closed"
    );
    for (crafter, told) in [
        (&cast.dax, "You were given a request"),
        (&cast.cora, "given to someone else"),
    ] {
        let dm = wait_for(|| emu.dm_channel_of(crafter.id()))
            .await
            .with_context(|| format!("{} got no DM", crafter.name()))?;
        emu.wait_for_message(dm, |m| m.content.contains(told), WAIT)
            .await
            .with_context(|| format!("{} was not told {told:?}", crafter.name()))?;
    }

    for &(number, change) in &requests.changes {
        emu.wait_for_message(
            world.log,
            |m| m.content.starts_with(&format!("Request #{number} ")) && m.content.contains(change),
            WAIT,
        )
        .await
        .with_context(|| format!("the log channel has no line of #{number} {change:?}"))?;
    }
    let lines = emu.channel_messages(world.log);
    for number in [
        requests.ada_main,
        requests.ada_cancelled,
        requests.ada_alt,
        requests.bram_reassigned,
    ] {
        let first = lines
            .iter()
            .find(|m| m.content.starts_with(&format!("Request #{number} ")))
            .map(|m| m.content.clone())
            .unwrap_or_default();
        ensure!(
            first.contains("was submitted by"),
            "the log's first line of #{number} is {first:?}"
        );
    }
    Ok(())
}

/// Who a request is for: a typed name, or the member's `n`-th registered character.
enum Character<'a> {
    Typed(&'a str),
    Registered(usize),
}

/// `member` asks for `quantity` of the first enchant for `character`, bringing all the
/// materials; returns the request's number once it is on the board.
async fn submit(
    scene: &Scene,
    world: &World,
    member: &ScriptedUser,
    character: Character<'_>,
    quantity: u32,
) -> anyhow::Result<u32> {
    let texts = scene.texts_of(member);
    let first = scene.open(member).await?;
    let r = match character {
        Character::Typed(name) => {
            let form = scene
                .record(
                    member
                        .click_in(&first, &t!(texts, "request-button-type-name"))
                        .await?,
                )
                .await;
            scene
                .record(form.submit_modal(&[("name", name)]).await?)
                .await
        }
        Character::Registered(n) => {
            let placeholder = t!(texts, "request-placeholder-character");
            let ids = select_values(&first.components, &placeholder);
            let id = ids.get(n).context("the character is offered")?;
            scene
                .record(member.select_in(&first, &placeholder, &[id]).await?)
                .await
        }
    };
    let r = scene
        .record(
            r.select(
                &t!(texts, "request-placeholder-profession"),
                &["enchanting"],
            )
            .await?,
        )
        .await;
    let slot = first_option(&r)?;
    let r = scene
        .record(
            r.select(&t!(texts, "request-placeholder-slot"), &[&slot])
                .await?,
        )
        .await;
    let item = first_option(&r)?;
    let r = scene
        .record(
            r.select(&t!(texts, "request-placeholder-item"), &[&item])
                .await?,
        )
        .await;
    let form = scene
        .record(r.click_label(&t!(texts, "request-button-quantity")).await?)
        .await;
    let r = scene
        .settle(
            form.submit_modal(&[("quantity", &quantity.to_string()), ("notes", "")])
                .await?,
        )
        .await?;
    let r = scene
        .settle(
            r.click_label(&t!(texts, "request-button-provide-all"))
                .await?,
        )
        .await?;
    // As the crowd's: the click's answer is recorded, and its result when it was deferred.
    let done = scene
        .settle(r.click_label(&t!(texts, "request-button-confirm")).await?)
        .await?;
    let number = reading::receipt_number(texts, &done.text())
        .with_context(|| format!("confirm answered {:?}", done.text()))?;
    scene.flow_done();
    board_message(scene, world, number).await?;
    Ok(number)
}

/// `crafter` completes `quantity` of the request on `message`, with `note`.
async fn complete(
    scene: &Scene,
    crafter: &ScriptedUser,
    message: &Message,
    quantity: &str,
    note: &str,
) -> anyhow::Result<Reply> {
    let form = scene
        .record(crafter.click_in(message, "Complete").await?)
        .await;
    ensure!(
        form.kind == ReplyKind::Modal,
        "no completion form: {}",
        form.text()
    );
    Ok(scene
        .record(
            form.submit_modal(&[("quantity", quantity), ("note", note)])
                .await?,
        )
        .await)
}

/// The first value of the answer's first select menu.
fn first_option(reply: &Reply) -> anyhow::Result<String> {
    option_values(&reply.components)
        .into_iter()
        .next()
        .context("a menu with no options")
}

/// The values of the select menu with this placeholder.
fn select_values(components: &[serde_json::Value], placeholder: &str) -> Vec<String> {
    components
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .find(|c| c["placeholder"] == placeholder)
        .and_then(|c| c["options"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|o| o["value"].as_str().map(str::to_owned))
        .collect()
}

/// The member's request channel, if they have one.
fn request_channel(scene: &Scene, member: &ScriptedUser) -> Option<Snowflake> {
    let guild = member.guild_id()?;
    scene
        .emu
        .channel_by_name(guild, &format!("requests-{}", member.id()))
        .map(|c| c.id)
}

/// Request `number`'s board message, once it is posted.
async fn board_message(scene: &Scene, world: &World, number: u32) -> anyhow::Result<Message> {
    wait_for_board(scene, world, number, "").await
}

/// Request `number`'s board message, once it is posted and shows `showing`.
async fn wait_for_board(
    scene: &Scene,
    world: &World,
    number: u32,
    showing: &str,
) -> anyhow::Result<Message> {
    let title = format!("Request #{number}");
    scene
        .emu
        .wait_for_message(
            world.board,
            |m| {
                let text = m.text();
                (text.contains(&format!("{title}\n")) || text.ends_with(&title))
                    && text.contains(showing)
            },
            WAIT,
        )
        .await
        .with_context(|| format!("request #{number} is not on the board showing {showing:?}"))
}

/// Polls `found` until it finds something (bounded by `WAIT`).
async fn wait_for<T>(found: impl Fn() -> Option<T>) -> Option<T> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Some(it) = found() {
            return Some(it);
        }
        if tokio::time::Instant::now() > deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// What the bot told people since `mark`, counted at the emulator: messages in DMs,
/// notifications posted in request channels instead, and the lines of the `log` channel.
pub(crate) fn count_what_was_told(
    emu: &discord_emulator::Emulator,
    mark: discord_emulator::Mark,
    log: Snowflake,
    report: &mut StoryReport,
) {
    let lines: Vec<_> = emu
        .channel_messages(log)
        .into_iter()
        .filter(|m| !is_setup_line(&m.content))
        .collect();
    report.log_lines = lines.len();
    report.submissions_logged = lines
        .iter()
        .filter(|m| m.content.contains("was submitted by"))
        .count();
    for call in emu.log().calls_since(mark) {
        if call.route != "POST /channels/{channel_id}/messages" || call.status != 200 {
            continue;
        }
        let channel = call
            .path
            .split('/')
            .nth(2)
            .and_then(|id| id.parse::<u64>().ok())
            .and_then(|id| emu.channel(id));
        let content = call
            .body
            .as_ref()
            .and_then(|b| b["content"].as_str())
            .unwrap_or_default();
        match channel {
            Some(c) if c.kind == 1 => report.dms_sent += 1,
            Some(c)
                if c.kind == 0 && content.starts_with("🔔") && c.name.starts_with("requests-") =>
            {
                report.fallback_notices += 1;
            }
            _ => {}
        }
    }
}
