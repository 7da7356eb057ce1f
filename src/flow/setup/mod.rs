//! `/setup`: a guild's admins set craftdesk up in Discord. Pure: the pages it shows, the
//! custom ids of its menus, and what one edit does to the settings (with the changes, as
//! admins read them, to record and post). The adapter (`discord::setup`) checks who acts
//! and what they picked (Manage Server, channel types, roles that still exist), saves with
//! compare-and-swap, and applies the new settings from the next interaction on.//!
//! Here: the state, its pages and actions, custom ids, and what an edit does; the pages
//! themselves are drawn in `view`, the permissions the bot needs in `permissions`.

mod permissions;
#[cfg(test)]
mod tests;
mod view;

pub use permissions::{bits, channel_permissions, grant_text, needed_in_channel, Overwrite};
pub use view::{changed_notice, limits_modal, log_line, problems, render, View};

use serde::{Deserialize, Serialize};

use crate::config::{GuildConfig, GuildMode, LimitsConfig, NotificationsConfig};
use crate::domain::{SessionKey, Snowflake};
use crate::flow::refusal::Refusal;

/// The custom ids of setup's components start with this.
pub const PREFIX: &str = "cds";

/// Discord channel types the pickers offer.
pub const CATEGORY: u8 = 4;
pub const TEXT: u8 = 0;
pub const ANNOUNCEMENT: u8 = 5;

/// Where an admin is in the setup: the page, and the profession whose crafter role the
/// crafters page sets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupFlow {
    pub page: Page,
    pub profession: Option<String>,
    /// The settings' version this admin last saw (0: none saved yet): an edit made from
    /// an older view is refused, so two admins never overwrite each other unseen.
    pub seen_version: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Page {
    #[default]
    Channels,
    Roles,
    Crafters,
    Options,
}

impl Page {
    const ALL: [Page; 4] = [Page::Channels, Page::Roles, Page::Crafters, Page::Options];

    fn code(self) -> &'static str {
        match self {
            Page::Channels => "c",
            Page::Roles => "r",
            Page::Crafters => "k",
            Page::Options => "o",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Page::Channels => "Channels",
            Page::Roles => "Log and roles",
            Page::Crafters => "Crafters",
            Page::Options => "Notifications and limits",
        }
    }

    fn index(self) -> usize {
        Page::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// One notification members get (a switch under `[guild.notifications]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notification {
    Claim,
    Start,
    Complete,
    Release,
    Deny,
    Cancel,
    Reassign,
}

impl Notification {
    const ALL: [Notification; 7] = [
        Notification::Claim,
        Notification::Start,
        Notification::Complete,
        Notification::Release,
        Notification::Deny,
        Notification::Cancel,
        Notification::Reassign,
    ];

    fn name(self) -> &'static str {
        match self {
            Notification::Claim => "claim",
            Notification::Start => "start",
            Notification::Complete => "complete",
            Notification::Release => "release",
            Notification::Deny => "deny",
            Notification::Cancel => "cancel",
            Notification::Reassign => "reassign",
        }
    }

    fn switch(self, n: &mut NotificationsConfig) -> &mut bool {
        match self {
            Notification::Claim => &mut n.claim,
            Notification::Start => &mut n.start,
            Notification::Complete => &mut n.complete,
            Notification::Release => &mut n.release,
            Notification::Deny => &mut n.deny,
            Notification::Cancel => &mut n.cancel,
            Notification::Reassign => &mut n.reassign,
        }
    }
}

/// What a setup component does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupAction {
    Page(Page),
    Mode(GuildMode),
    Category,
    Overflow,
    Panel,
    Board,
    Log,
    Officers,
    Core,
    Register,
    /// Which profession the crafter role menu sets.
    Profession,
    Crafter,
    Notify(Notification),
    /// Opens the limits form; `LimitsForm` is the form's own id.
    Limits,
    LimitsForm,
    /// Creates the request category and the panel, board and log channels.
    Create,
    Done,
}

impl SetupAction {
    fn code(self) -> String {
        match self {
            SetupAction::Page(p) => format!("pg.{}", p.code()),
            SetupAction::Mode(GuildMode::Channel) => "md.c".into(),
            SetupAction::Mode(GuildMode::Dm) => "md.d".into(),
            SetupAction::Category => "cat".into(),
            SetupAction::Overflow => "ovf".into(),
            SetupAction::Panel => "pan".into(),
            SetupAction::Board => "brd".into(),
            SetupAction::Log => "log".into(),
            SetupAction::Officers => "off".into(),
            SetupAction::Core => "cor".into(),
            SetupAction::Register => "reg".into(),
            SetupAction::Profession => "prf".into(),
            SetupAction::Crafter => "cra".into(),
            SetupAction::Notify(n) => format!("nt.{}", n.name()),
            SetupAction::Limits => "lim".into(),
            SetupAction::LimitsForm => "limf".into(),
            SetupAction::Create => "mk".into(),
            SetupAction::Done => "done".into(),
        }
    }

    fn parse(code: &str) -> Option<Self> {
        if let Some(page) = code.strip_prefix("pg.") {
            return Page::ALL
                .into_iter()
                .find(|p| p.code() == page)
                .map(SetupAction::Page);
        }
        if let Some(name) = code.strip_prefix("nt.") {
            return Notification::ALL
                .into_iter()
                .find(|n| n.name() == name)
                .map(SetupAction::Notify);
        }
        Some(match code {
            "md.c" => SetupAction::Mode(GuildMode::Channel),
            "md.d" => SetupAction::Mode(GuildMode::Dm),
            "cat" => SetupAction::Category,
            "ovf" => SetupAction::Overflow,
            "pan" => SetupAction::Panel,
            "brd" => SetupAction::Board,
            "log" => SetupAction::Log,
            "off" => SetupAction::Officers,
            "cor" => SetupAction::Core,
            "reg" => SetupAction::Register,
            "prf" => SetupAction::Profession,
            "cra" => SetupAction::Crafter,
            "lim" => SetupAction::Limits,
            "limf" => SetupAction::LimitsForm,
            "mk" => SetupAction::Create,
            "done" => SetupAction::Done,
            _ => return None,
        })
    }
}

/// A setup component's custom id: `cds:<session key>:<action>`.
#[must_use]
pub fn custom_id(key: &SessionKey, action: SetupAction) -> String {
    format!("{PREFIX}:{key}:{}", action.code())
}

/// The session and action a setup custom id names; `None` if it is not one of setup's
/// (`Some(Err)` when it is, but malformed).
#[must_use]
pub fn parse_custom_id(id: &str) -> Option<Result<(SessionKey, SetupAction), ()>> {
    let rest = id.strip_prefix(PREFIX)?.strip_prefix(':')?;
    let parsed = rest.split_once(':').and_then(|(key, action)| {
        Some((SessionKey::parse(key).ok()?, SetupAction::parse(action)?))
    });
    Some(parsed.ok_or(()))
}

/// One edit an admin makes, with what they picked already checked by the adapter.
#[derive(Debug, Clone)]
pub enum Edit {
    Mode(GuildMode),
    Category(Snowflake),
    Overflow(Vec<Snowflake>),
    Panel(Option<Snowflake>),
    Board(Option<Snowflake>),
    Log(Option<Snowflake>),
    Officers(Vec<Snowflake>),
    Core(Vec<Snowflake>),
    Register(Option<Snowflake>),
    Crafter(String, Option<Snowflake>),
    Notify(Notification),
    Limits(LimitsConfig),
    /// The channels "Create them for me" made.
    Created {
        category: Snowflake,
        panel: Snowflake,
        board: Snowflake,
        log: Snowflake,
    },
}

/// One setting changed, as admins read it (channels and roles as mentions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub setting: String,
    pub before: String,
    pub after: String,
}

/// The settings a guild starts from when its admin first runs `/setup`: DM mode, which
/// works without any channel, and every default.
#[must_use]
pub fn fresh_settings(guild: Snowflake) -> GuildConfig {
    GuildConfig {
        id: guild,
        mode: GuildMode::Dm,
        request_category_id: None,
        overflow_category_ids: Vec::new(),
        panel_channel_id: None,
        board_channel_id: None,
        log_channel_id: None,
        officer_role_ids: Vec::new(),
        register_role_id: None,
        core_role_ids: Vec::new(),
        catalog: None,
        gear_slots: None,
        crafter_roles: std::collections::BTreeMap::new(),
        notifications: NotificationsConfig::default(),
        limits: LimitsConfig::default(),
        locale: None,
    }
}

fn channel(id: Option<Snowflake>) -> String {
    id.map_or_else(|| "none".to_owned(), |id| format!("<#{id}>"))
}

fn channels(ids: &[Snowflake]) -> String {
    if ids.is_empty() {
        return "none".to_owned();
    }
    ids.iter()
        .map(|id| format!("<#{id}>"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn role(id: Option<Snowflake>) -> String {
    id.map_or_else(|| "none".to_owned(), |id| format!("<@&{id}>"))
}

fn roles(ids: &[Snowflake]) -> String {
    if ids.is_empty() {
        return "none".to_owned();
    }
    ids.iter()
        .map(|id| format!("<@&{id}>"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn mode(mode: GuildMode) -> String {
    match mode {
        GuildMode::Channel => "channel (a private channel per member)".to_owned(),
        GuildMode::Dm => "DM (flows run in direct messages)".to_owned(),
    }
}

fn on_off(on: bool) -> String {
    if on { "on" } else { "off" }.to_owned()
}

fn limits(l: &LimitsConfig) -> String {
    format!(
        "{} open requests per member, {} submissions at once, then {} a minute",
        l.max_open_requests, l.submit_burst, l.submits_per_minute
    )
}

/// The settings after `edit`, and what changed (empty when nothing did). `Err` is what
/// the admin is told when the edit cannot be made as it stands (nothing changes).
#[allow(clippy::too_many_lines)] // one arm per setting, read top to bottom
pub fn apply(settings: &GuildConfig, edit: &Edit) -> Result<(GuildConfig, Vec<Change>), Refusal> {
    let mut next = settings.clone();
    let mut changes = Vec::new();
    let mut record = |setting: &str, before: String, after: String| {
        if before != after {
            changes.push(Change {
                setting: setting.to_owned(),
                before,
                after,
            });
        }
    };
    match edit {
        Edit::Mode(GuildMode::Channel) if next.request_category_id.is_none() => {
            return Err(Refusal::Invalid("Channel mode makes each member's private channel in the request category: pick a request category first (or press **Create them for me**).".to_owned().into()));
        }
        Edit::Mode(m) => {
            record("Mode", mode(next.mode), mode(*m));
            next.mode = *m;
        }
        Edit::Category(id) => {
            if next.overflow_category_ids.contains(id) {
                return Err(Refusal::Invalid("That category is already an overflow category: pick another one, or take it out of the overflow list first.".to_owned().into()));
            }
            record(
                "Request category",
                channel(next.request_category_id),
                channel(Some(*id)),
            );
            next.request_category_id = Some(*id);
        }
        Edit::Overflow(ids) => {
            if next.request_category_id.is_some_and(|c| ids.contains(&c)) {
                return Err(Refusal::Invalid("The request category itself cannot be an overflow category: pick other categories.".to_owned().into()));
            }
            record(
                "Overflow categories",
                channels(&next.overflow_category_ids),
                channels(ids),
            );
            next.overflow_category_ids.clone_from(ids);
        }
        Edit::Panel(id) => {
            record(
                "Panel channel",
                channel(next.panel_channel_id),
                channel(*id),
            );
            next.panel_channel_id = *id;
        }
        Edit::Board(id) => {
            record(
                "Board channel",
                channel(next.board_channel_id),
                channel(*id),
            );
            next.board_channel_id = *id;
        }
        Edit::Log(id) => {
            record("Log channel", channel(next.log_channel_id), channel(*id));
            next.log_channel_id = *id;
        }
        Edit::Officers(ids) => {
            record("Officer roles", roles(&next.officer_role_ids), roles(ids));
            next.officer_role_ids.clone_from(ids);
        }
        Edit::Core(ids) => {
            record("Core roles", roles(&next.core_role_ids), roles(ids));
            next.core_role_ids.clone_from(ids);
        }
        Edit::Register(id) => {
            record("Register role", role(next.register_role_id), role(*id));
            next.register_role_id = *id;
        }
        Edit::Crafter(profession, id) => {
            let before = next.crafter_roles.get(profession).copied();
            record(
                &format!("Crafter role for {profession}"),
                role(before),
                role(*id),
            );
            match id {
                Some(id) => {
                    next.crafter_roles.insert(profession.clone(), *id);
                }
                None => {
                    next.crafter_roles.remove(profession);
                }
            }
        }
        Edit::Notify(n) => {
            let switch = n.switch(&mut next.notifications);
            let before = *switch;
            *switch = !before;
            record(
                &format!("Notification on {}", n.name()),
                on_off(before),
                on_off(!before),
            );
        }
        Edit::Limits(l) => {
            if l.max_open_requests == 0 || l.submit_burst == 0 || l.submits_per_minute == 0 {
                return Err(Refusal::Invalid(
                    "Each limit must be at least 1.".to_owned().into(),
                ));
            }
            record("Limits", limits(&next.limits), limits(l));
            next.limits.max_open_requests = l.max_open_requests;
            next.limits.submit_burst = l.submit_burst;
            next.limits.submits_per_minute = l.submits_per_minute;
        }
        Edit::Created {
            category,
            panel,
            board,
            log,
        } => {
            record(
                "Request category",
                channel(next.request_category_id),
                channel(Some(*category)),
            );
            record(
                "Panel channel",
                channel(next.panel_channel_id),
                channel(Some(*panel)),
            );
            record(
                "Board channel",
                channel(next.board_channel_id),
                channel(Some(*board)),
            );
            record(
                "Log channel",
                channel(next.log_channel_id),
                channel(Some(*log)),
            );
            record("Mode", mode(next.mode), mode(GuildMode::Channel));
            next.request_category_id = Some(*category);
            next.overflow_category_ids.retain(|c| c != category);
            next.panel_channel_id = Some(*panel);
            next.board_channel_id = Some(*board);
            next.log_channel_id = Some(*log);
            next.mode = GuildMode::Channel;
        }
    }
    Ok((next, changes))
}

/// Reads the limits form; `Err` says what is wrong.
pub fn parse_limits(
    fields: &[(String, String)],
    current: &LimitsConfig,
) -> Result<LimitsConfig, Refusal> {
    let mut out = current.clone();
    for (id, value) in fields {
        let parsed: u32 = value.trim().parse().map_err(|_| {
            Refusal::Invalid(
                format!(
                    "{} must be a whole number, got {:?}.",
                    limit_label(id),
                    value.trim()
                )
                .into(),
            )
        })?;
        let (min, max) = (1, 10_000);
        if !(min..=max).contains(&parsed) {
            return Err(Refusal::Invalid(
                format!(
                    "{} must be between {min} and {max}, got {parsed}.",
                    limit_label(id)
                )
                .into(),
            ));
        }
        match id.as_str() {
            "max_open" => out.max_open_requests = parsed,
            "burst" => out.submit_burst = parsed,
            "per_minute" => out.submits_per_minute = parsed,
            _ => {}
        }
    }
    Ok(out)
}

fn limit_label(id: &str) -> &'static str {
    match id {
        "max_open" => "Open requests per member",
        "burst" => "Submissions at once",
        _ => "Submissions a minute",
    }
}
