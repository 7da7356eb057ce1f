//! `/setup`: a guild's admins set craftdesk up in Discord. Pure: the pages it shows, the
//! custom ids of its menus, and what one edit does to the settings (with the changes, as
//! admins read them, to record and post). The adapter (`discord::setup`) checks who acts
//! and what they picked (Manage Server, channel types, roles that still exist), saves with
//! compare-and-swap, and applies the new settings from the next interaction on.
//!
//! Here: the state, its pages and actions, custom ids, and what an edit does; the pages
//! themselves are drawn in `view`, the permissions the bot needs in `permissions`. Texts
//! are worded in the `Texts` the adapter hands in: the admin's for the screens and
//! refusals, the guild's for the log channel's post; a change is kept as a [`Setting`] and
//! [`Value`]s, so each reader gets it in their own language (the audit in English).

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
use crate::i18n::{Locale, Texts};
use crate::{msg, t};

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

    fn title(self, texts: Texts) -> String {
        match self {
            Page::Channels => t!(texts, "setup-page-channels"),
            Page::Roles => t!(texts, "setup-page-roles"),
            Page::Crafters => t!(texts, "setup-page-crafters"),
            Page::Options => t!(texts, "setup-page-options"),
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

    /// The notification's name as admins read it ("claim"…).
    fn label(self, texts: Texts) -> String {
        match self {
            Notification::Claim => t!(texts, "setup-notify-claim"),
            Notification::Start => t!(texts, "setup-notify-start"),
            Notification::Complete => t!(texts, "setup-notify-complete"),
            Notification::Release => t!(texts, "setup-notify-release"),
            Notification::Deny => t!(texts, "setup-notify-deny"),
            Notification::Cancel => t!(texts, "setup-notify-cancel"),
            Notification::Reassign => t!(texts, "setup-notify-reassign"),
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
    /// The language of the guild's shared messages.
    Language,
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
            SetupAction::Language => "lng".into(),
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
            "lng" => SetupAction::Language,
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
    /// The language of shared messages; `None`: Discord's server language.
    Language(Option<Locale>),
    /// The channels "Create them for me" made.
    Created {
        category: Snowflake,
        panel: Snowflake,
        board: Snowflake,
        log: Snowflake,
    },
}

/// A setting, as the changes name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    Mode,
    RequestCategory,
    Overflow,
    Panel,
    Board,
    Log,
    Officers,
    Core,
    Register,
    Crafter(String),
    Notify(Notification),
    Limits,
    Language,
}

impl Setting {
    /// The setting's name in `texts`.
    #[must_use]
    pub fn name_in(&self, texts: Texts) -> String {
        match self {
            Setting::Mode => t!(texts, "setup-setting-mode"),
            Setting::RequestCategory => t!(texts, "setup-setting-request-category"),
            Setting::Overflow => t!(texts, "setup-setting-overflow"),
            Setting::Panel => t!(texts, "setup-setting-panel"),
            Setting::Board => t!(texts, "setup-setting-board"),
            Setting::Log => t!(texts, "setup-setting-log"),
            Setting::Officers => t!(texts, "setup-setting-officers"),
            Setting::Core => t!(texts, "setup-setting-core"),
            Setting::Register => t!(texts, "setup-setting-register"),
            Setting::Crafter(profession) => {
                t!(
                    texts,
                    "setup-setting-crafter",
                    profession = profession.as_str()
                )
            }
            Setting::Notify(n) => t!(texts, "setup-setting-notify", name = n.label(texts)),
            Setting::Limits => t!(texts, "setup-setting-limits"),
            Setting::Language => t!(texts, "setup-setting-language"),
        }
    }
}

/// A setting's value, as the changes show it (channels and roles as mentions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Mode(GuildMode),
    Channel(Option<Snowflake>),
    Channels(Vec<Snowflake>),
    Role(Option<Snowflake>),
    Roles(Vec<Snowflake>),
    OnOff(bool),
    Limits {
        max_open: u32,
        burst: u32,
        per_minute: u32,
    },
    /// `None`: Discord's server language.
    Language(Option<Locale>),
}

impl Value {
    fn limits(l: &LimitsConfig) -> Self {
        Value::Limits {
            max_open: l.max_open_requests,
            burst: l.submit_burst,
            per_minute: l.submits_per_minute,
        }
    }

    /// The value worded in `texts`.
    #[must_use]
    pub fn in_(&self, texts: Texts) -> String {
        match self {
            Value::Mode(m) => mode(texts, *m),
            Value::Channel(id) => channel(texts, *id),
            Value::Channels(ids) => channels(texts, ids),
            Value::Role(id) => role(texts, *id),
            Value::Roles(ids) => roles(texts, ids),
            Value::OnOff(on) => on_off(texts, *on),
            Value::Limits {
                max_open,
                burst,
                per_minute,
            } => t!(
                texts,
                "setup-limits-value",
                max_open = *max_open,
                burst = *burst,
                per_minute = *per_minute
            ),
            Value::Language(Some(locale)) => locale.native_name().to_owned(),
            Value::Language(None) => t!(texts, "setup-language-discord-short"),
        }
    }
}

/// One setting changed: worded where it is read (the admin's notice in their language,
/// the log channel's post in the guild's, the audit in English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub setting: Setting,
    pub before: Value,
    pub after: Value,
}

impl Change {
    /// (setting, before, after), worded in `texts`.
    #[must_use]
    pub fn worded(&self, texts: Texts) -> (String, String, String) {
        (
            self.setting.name_in(texts),
            self.before.in_(texts),
            self.after.in_(texts),
        )
    }
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

fn none(texts: Texts) -> String {
    t!(texts, "setup-none")
}

fn channel(texts: Texts, id: Option<Snowflake>) -> String {
    id.map_or_else(|| none(texts), |id| format!("<#{id}>"))
}

fn channels(texts: Texts, ids: &[Snowflake]) -> String {
    if ids.is_empty() {
        return none(texts);
    }
    ids.iter()
        .map(|id| format!("<#{id}>"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn role(texts: Texts, id: Option<Snowflake>) -> String {
    id.map_or_else(|| none(texts), |id| format!("<@&{id}>"))
}

fn roles(texts: Texts, ids: &[Snowflake]) -> String {
    if ids.is_empty() {
        return none(texts);
    }
    ids.iter()
        .map(|id| format!("<@&{id}>"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn mode(texts: Texts, mode: GuildMode) -> String {
    match mode {
        GuildMode::Channel => t!(texts, "setup-mode-channel"),
        GuildMode::Dm => t!(texts, "setup-mode-dm"),
    }
}

fn on_off(texts: Texts, on: bool) -> String {
    if on {
        t!(texts, "setup-on")
    } else {
        t!(texts, "setup-off")
    }
}

/// The settings after `edit`, and what changed (empty when nothing did). `Err` is what
/// the admin is told when the edit cannot be made as it stands (nothing changes).
#[allow(clippy::too_many_lines)] // one arm per setting, read top to bottom
pub fn apply(settings: &GuildConfig, edit: &Edit) -> Result<(GuildConfig, Vec<Change>), Refusal> {
    let mut next = settings.clone();
    let mut changes = Vec::new();
    let mut record = |setting: Setting, before: Value, after: Value| {
        if before != after {
            changes.push(Change {
                setting,
                before,
                after,
            });
        }
    };
    match edit {
        Edit::Mode(GuildMode::Channel) if next.request_category_id.is_none() => {
            return Err(Refusal::Invalid(msg!("setup-refusal-mode-needs-category")));
        }
        Edit::Mode(m) => {
            record(Setting::Mode, Value::Mode(next.mode), Value::Mode(*m));
            next.mode = *m;
        }
        Edit::Category(id) => {
            if next.overflow_category_ids.contains(id) {
                return Err(Refusal::Invalid(msg!("setup-refusal-category-is-overflow")));
            }
            record(
                Setting::RequestCategory,
                Value::Channel(next.request_category_id),
                Value::Channel(Some(*id)),
            );
            next.request_category_id = Some(*id);
        }
        Edit::Overflow(ids) => {
            if next.request_category_id.is_some_and(|c| ids.contains(&c)) {
                return Err(Refusal::Invalid(msg!("setup-refusal-overflow-is-category")));
            }
            record(
                Setting::Overflow,
                Value::Channels(next.overflow_category_ids.clone()),
                Value::Channels(ids.clone()),
            );
            next.overflow_category_ids.clone_from(ids);
        }
        Edit::Panel(id) => {
            record(
                Setting::Panel,
                Value::Channel(next.panel_channel_id),
                Value::Channel(*id),
            );
            next.panel_channel_id = *id;
        }
        Edit::Board(id) => {
            record(
                Setting::Board,
                Value::Channel(next.board_channel_id),
                Value::Channel(*id),
            );
            next.board_channel_id = *id;
        }
        Edit::Log(id) => {
            record(
                Setting::Log,
                Value::Channel(next.log_channel_id),
                Value::Channel(*id),
            );
            next.log_channel_id = *id;
        }
        Edit::Officers(ids) => {
            record(
                Setting::Officers,
                Value::Roles(next.officer_role_ids.clone()),
                Value::Roles(ids.clone()),
            );
            next.officer_role_ids.clone_from(ids);
        }
        Edit::Core(ids) => {
            record(
                Setting::Core,
                Value::Roles(next.core_role_ids.clone()),
                Value::Roles(ids.clone()),
            );
            next.core_role_ids.clone_from(ids);
        }
        Edit::Register(id) => {
            record(
                Setting::Register,
                Value::Role(next.register_role_id),
                Value::Role(*id),
            );
            next.register_role_id = *id;
        }
        Edit::Crafter(profession, id) => {
            let before = next.crafter_roles.get(profession).copied();
            record(
                Setting::Crafter(profession.clone()),
                Value::Role(before),
                Value::Role(*id),
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
                Setting::Notify(*n),
                Value::OnOff(before),
                Value::OnOff(!before),
            );
        }
        Edit::Limits(l) => {
            if l.max_open_requests == 0 || l.submit_burst == 0 || l.submits_per_minute == 0 {
                return Err(Refusal::Invalid(msg!("setup-refusal-limit-zero")));
            }
            record(
                Setting::Limits,
                Value::limits(&next.limits),
                Value::limits(l),
            );
            next.limits.max_open_requests = l.max_open_requests;
            next.limits.submit_burst = l.submit_burst;
            next.limits.submits_per_minute = l.submits_per_minute;
        }
        Edit::Language(locale) => {
            record(
                Setting::Language,
                Value::Language(next.locale),
                Value::Language(*locale),
            );
            next.locale = *locale;
        }
        Edit::Created {
            category,
            panel,
            board,
            log,
        } => {
            for (setting, before, after) in [
                (Setting::RequestCategory, next.request_category_id, category),
                (Setting::Panel, next.panel_channel_id, panel),
                (Setting::Board, next.board_channel_id, board),
                (Setting::Log, next.log_channel_id, log),
            ] {
                record(
                    setting,
                    Value::Channel(before),
                    Value::Channel(Some(*after)),
                );
            }
            record(
                Setting::Mode,
                Value::Mode(next.mode),
                Value::Mode(GuildMode::Channel),
            );
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

/// The language menu's value for "Discord's server language".
pub const LANGUAGE_DISCORD: &str = "discord";

/// What the language menu's pick sets: `Some(None)` for Discord's server language,
/// `Some(Some(locale))` for a shipped locale (by its code), `None` for anything else.
#[must_use]
pub fn parse_language(value: &str) -> Option<Option<Locale>> {
    if value == LANGUAGE_DISCORD {
        return Some(None);
    }
    Locale::ALL
        .into_iter()
        .find(|l| l.code() == value)
        .map(Some)
}

/// Reads the limits form; `Err` says what is wrong.
pub fn parse_limits(
    fields: &[(String, String)],
    current: &LimitsConfig,
) -> Result<LimitsConfig, Refusal> {
    let mut out = current.clone();
    for (id, value) in fields {
        let parsed: u32 = value.trim().parse().map_err(|_| {
            Refusal::Invalid(msg!(
                "setup-refusal-limit-not-number",
                limit = limit_key(id),
                value = format!("{:?}", value.trim())
            ))
        })?;
        let (min, max) = (1_u32, 10_000_u32);
        if !(min..=max).contains(&parsed) {
            return Err(Refusal::Invalid(msg!(
                "setup-refusal-limit-range",
                limit = limit_key(id),
                min = min,
                max = max,
                value = parsed
            )));
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

/// Which limit a form field is, for a selector in the messages that name it.
fn limit_key(id: &str) -> &'static str {
    match id {
        "max_open" => "max-open",
        "burst" => "burst",
        _ => "per-minute",
    }
}

fn limit_label(texts: Texts, id: &str) -> String {
    t!(texts, "setup-limit-label", limit = limit_key(id))
}
