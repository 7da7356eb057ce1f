//! `/setup`: a guild's admins set craftdesk up in Discord. Pure: the pages it shows, the
//! custom ids of its menus, and what one edit does to the settings (with the changes, as
//! admins read them, to record and post). The adapter (`discord::setup`) checks who acts
//! and what they picked (Manage Server, channel types, roles that still exist), saves with
//! compare-and-swap, and applies the new settings from the next interaction on.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::ui::{
    Button, ButtonStyle, Card, Modal, Picker, PickerKind, Row, Screen, Select, SelectOption,
    TextInput,
};
use crate::config::{GuildConfig, GuildMode, LimitsConfig, NotificationsConfig};
use crate::domain::{SessionKey, Snowflake};

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
pub fn apply(settings: &GuildConfig, edit: &Edit) -> Result<(GuildConfig, Vec<Change>), String> {
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
            return Err("Channel mode makes each member's private channel in the request category: pick a request category first (or press **Create them for me**).".to_owned());
        }
        Edit::Mode(m) => {
            record("Mode", mode(next.mode), mode(*m));
            next.mode = *m;
        }
        Edit::Category(id) => {
            if next.overflow_category_ids.contains(id) {
                return Err("That category is already an overflow category: pick another one, or take it out of the overflow list first.".to_owned());
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
                return Err("The request category itself cannot be an overflow category: pick other categories.".to_owned());
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
                return Err("Each limit must be at least 1.".to_owned());
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
) -> Result<LimitsConfig, String> {
    let mut out = current.clone();
    for (id, value) in fields {
        let parsed: u32 = value.trim().parse().map_err(|_| {
            format!(
                "{} must be a whole number, got {:?}.",
                limit_label(id),
                value.trim()
            )
        })?;
        let (min, max) = (1, 10_000);
        if !(min..=max).contains(&parsed) {
            return Err(format!(
                "{} must be between {min} and {max}, got {parsed}.",
                limit_label(id)
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

/// The limits form, filled in with the current limits.
#[must_use]
pub fn limits_modal(key: &SessionKey, current: &LimitsConfig) -> Modal {
    let input = |id: &str, value: u32| TextInput {
        value: Some(value.to_string()),
        max_length: Some(5),
        ..TextInput::short(id, limit_label(id))
    };
    Modal {
        custom_id: custom_id(key, SetupAction::LimitsForm),
        title: "Limits".to_owned(),
        inputs: vec![
            input("max_open", current.max_open_requests),
            input("burst", current.submit_burst),
            input("per_minute", current.submits_per_minute),
        ],
    }
}

/// What the setup shows besides its state.
pub struct View<'a> {
    pub settings: &'a GuildConfig,
    /// Set up in the file (`[[guild]]`): shown read-only.
    pub file_managed: bool,
    /// The catalog's professions (for crafter roles).
    pub professions: &'a [String],
    /// What the last action did, or why it was refused.
    pub notice: Option<String>,
}

/// The problems that keep members from using the settings as they are.
#[must_use]
pub fn problems(settings: &GuildConfig) -> Vec<String> {
    let mut out = Vec::new();
    if settings.mode == GuildMode::Channel && settings.request_category_id.is_none() {
        out.push("Channel mode needs a request category.".to_owned());
    }
    if settings.panel_channel_id.is_none() {
        out.push("No panel channel: members can still use `/request`.".to_owned());
    }
    if settings.board_channel_id.is_none() {
        out.push("No board channel: crafters use `/requests` to find work.".to_owned());
    }
    out
}

fn summary_fields(s: &GuildConfig) -> Vec<(String, String)> {
    let crafters = if s.crafter_roles.is_empty() {
        "none".to_owned()
    } else {
        s.crafter_roles
            .iter()
            .map(|(p, r)| format!("{p}: <@&{r}>"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let notifications = Notification::ALL
        .iter()
        .map(|n| {
            let mut copy = s.notifications.clone();
            format!("{} {}", n.name(), on_off(*n.switch(&mut copy)))
        })
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        ("Mode".to_owned(), mode(s.mode)),
        (
            "Request category · overflow".to_owned(),
            format!(
                "{} · {}",
                channel(s.request_category_id),
                channels(&s.overflow_category_ids)
            ),
        ),
        (
            "Panel · board · log".to_owned(),
            format!(
                "{} · {} · {}",
                channel(s.panel_channel_id),
                channel(s.board_channel_id),
                channel(s.log_channel_id)
            ),
        ),
        (
            "Officer · core · register roles".to_owned(),
            format!(
                "{} · {} · {}",
                roles(&s.officer_role_ids),
                roles(&s.core_role_ids),
                role(s.register_role_id)
            ),
        ),
        ("Crafter roles".to_owned(), crafters),
        ("Notifications".to_owned(), notifications),
        ("Limits".to_owned(), limits(&s.limits)),
    ]
}

fn page_help(page: Page) -> &'static str {
    match page {
        Page::Channels => "**Request category**: each member's private request channel is made there (channel mode). **Overflow**: used when it is full (50 channels). **Panel**: the Create request button is posted and pinned there; changing it moves the panel. **Board**: open requests are posted there for crafters.",
        Page::Roles => "**Log**: every request change and every settings change is posted there. **Officers** manage every request and the catalog. **Core** members may ask for guild-crafted materials. **Register role**: who may make requests (none: everyone).",
        Page::Crafters => "Pick a profession, then the role of its crafters: they see and claim its requests from the next click on.",
        Page::Options => "Switch what members are told in DMs, and set the request limits.",
    }
}

/// The setup's screen: the current settings, the page's menus, and the notice.
#[must_use]
#[allow(clippy::too_many_lines)] // one arm per page, read top to bottom
pub fn render(flow: &SetupFlow, key: &SessionKey, view: &View<'_>) -> Screen {
    let s = view.settings;
    if view.file_managed {
        return Screen {
            content: "This server is managed by the bot's configuration file (a `[[guild]]` table): its settings are shown here read-only. Ask the bot's operator to change them there.".to_owned(),
            card: Some(Card {
                title: "craftdesk settings (from the file)".to_owned(),
                description: String::new(),
                fields: summary_fields(s),
                colour: 0x0080_8080,
            }),
            rows: Vec::new(),
        };
    }
    let mut description = page_help(flow.page).to_owned();
    let problems = problems(s);
    if !problems.is_empty() {
        description.push_str("\n\n**Still to do:**");
        for p in &problems {
            let _ = write!(description, "\n• {p}");
        }
    }
    description.push_str(
        "\n\nEach change applies from the next click on and is posted to the log channel.",
    );
    let id = |action| custom_id(key, action);
    let picker = |action, placeholder: &str, kind, min_values, max_values| {
        Row::Picker(Picker {
            custom_id: id(action),
            placeholder: placeholder.to_owned(),
            kind,
            min_values,
            max_values,
        })
    };
    let text_channels = || PickerKind::Channels(vec![TEXT, ANNOUNCEMENT]);
    let button = |action, label: &str, style| Button::new(id(action), label, style);
    let back = |page: Page| {
        button(
            SetupAction::Page(Page::ALL[page.index().saturating_sub(1)]),
            "◀ Back",
            ButtonStyle::Secondary,
        )
    };
    let next = |page: Page| {
        button(
            SetupAction::Page(Page::ALL[(page.index() + 1).min(Page::ALL.len() - 1)]),
            "Next ▶",
            ButtonStyle::Primary,
        )
    };
    let done = button(SetupAction::Done, "Done", ButtonStyle::Success);
    let mut rows = Vec::new();
    match flow.page {
        Page::Channels => {
            rows.push(picker(
                SetupAction::Category,
                "Request category",
                PickerKind::Channels(vec![CATEGORY]),
                1,
                1,
            ));
            rows.push(picker(
                SetupAction::Overflow,
                "Overflow categories (none to clear)",
                PickerKind::Channels(vec![CATEGORY]),
                0,
                5,
            ));
            rows.push(picker(
                SetupAction::Panel,
                "Panel channel (none to clear)",
                text_channels(),
                0,
                1,
            ));
            rows.push(picker(
                SetupAction::Board,
                "Board channel (none to clear)",
                text_channels(),
                0,
                1,
            ));
            let toggle = match s.mode {
                GuildMode::Channel => button(
                    SetupAction::Mode(GuildMode::Dm),
                    "Switch to DM mode",
                    ButtonStyle::Secondary,
                ),
                GuildMode::Dm => button(
                    SetupAction::Mode(GuildMode::Channel),
                    "Switch to channel mode",
                    ButtonStyle::Secondary,
                ),
            };
            rows.push(Row::Buttons(vec![
                toggle,
                button(
                    SetupAction::Create,
                    "Create them for me",
                    ButtonStyle::Secondary,
                ),
                next(flow.page),
                done,
            ]));
        }
        Page::Roles => {
            rows.push(picker(
                SetupAction::Log,
                "Log channel (none to clear)",
                text_channels(),
                0,
                1,
            ));
            rows.push(picker(
                SetupAction::Officers,
                "Officer roles (none to clear)",
                PickerKind::Roles,
                0,
                10,
            ));
            rows.push(picker(
                SetupAction::Core,
                "Core roles (none to clear)",
                PickerKind::Roles,
                0,
                10,
            ));
            rows.push(picker(
                SetupAction::Register,
                "Register role (none: everyone)",
                PickerKind::Roles,
                0,
                1,
            ));
            rows.push(Row::Buttons(vec![back(flow.page), next(flow.page), done]));
        }
        Page::Crafters => {
            let options: Vec<SelectOption> = view
                .professions
                .iter()
                .take(25)
                .map(|p| SelectOption {
                    label: p.clone(),
                    value: p.clone(),
                    description: Some(
                        role(s.crafter_roles.get(p).copied())
                            .replace("<@&", "role ")
                            .replace('>', ""),
                    ),
                })
                .collect();
            if !options.is_empty() {
                rows.push(Row::Select(Select {
                    custom_id: id(SetupAction::Profession),
                    placeholder: flow.profession.as_ref().map_or_else(
                        || "Pick a profession".to_owned(),
                        |p| format!("Profession: {p}"),
                    ),
                    options,
                    min_values: 1,
                    max_values: 1,
                }));
            }
            if let Some(profession) = &flow.profession {
                rows.push(picker(
                    SetupAction::Crafter,
                    &format!("Crafter role for {profession} (none to clear)"),
                    PickerKind::Roles,
                    0,
                    1,
                ));
            }
            rows.push(Row::Buttons(vec![back(flow.page), next(flow.page), done]));
        }
        Page::Options => {
            let toggles: Vec<Button> = Notification::ALL
                .iter()
                .map(|n| {
                    let mut copy = s.notifications.clone();
                    let on = *n.switch(&mut copy);
                    button(
                        SetupAction::Notify(*n),
                        &format!("{}: {}", n.name(), on_off(on)),
                        if on {
                            ButtonStyle::Success
                        } else {
                            ButtonStyle::Secondary
                        },
                    )
                })
                .collect();
            let (first, second) = toggles.split_at(4);
            rows.push(Row::Buttons(first.to_vec()));
            rows.push(Row::Buttons(second.to_vec()));
            rows.push(Row::Buttons(vec![
                back(flow.page),
                button(SetupAction::Limits, "Limits…", ButtonStyle::Primary),
                done,
            ]));
        }
    }
    Screen {
        content: view.notice.clone().unwrap_or_default(),
        card: Some(Card {
            title: format!(
                "craftdesk setup · {} ({}/{})",
                flow.page.title(),
                flow.page.index() + 1,
                Page::ALL.len()
            ),
            description,
            fields: summary_fields(s),
            colour: 0x005f_8dd3,
        }),
        rows,
    }
}

/// Discord permission bits setup checks the bot has.
pub mod bits {
    pub const ADMINISTRATOR: u64 = 1 << 3;
    pub const MANAGE_CHANNELS: u64 = 1 << 4;
    pub const VIEW_CHANNEL: u64 = 1 << 10;
    pub const SEND_MESSAGES: u64 = 1 << 11;
    pub const EMBED_LINKS: u64 = 1 << 14;
    pub const READ_MESSAGE_HISTORY: u64 = 1 << 16;
    pub const MANAGE_ROLES: u64 = 1 << 28;
}

/// One permission overwrite of a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overwrite {
    pub id: Snowflake,
    pub is_role: bool,
    pub allow: u64,
    pub deny: u64,
}

/// A member's permissions in a channel, as Discord computes them: `@everyone`'s and the
/// member's roles' permissions (everything with Administrator), then the channel's
/// overwrites: `@everyone`'s, the roles' together, the member's own.
#[must_use]
pub fn channel_permissions(
    guild: Snowflake,
    role_permissions: &[(Snowflake, u64)],
    member: Snowflake,
    member_roles: &[Snowflake],
    overwrites: &[Overwrite],
) -> u64 {
    let holds = |role: &Snowflake| *role == guild || member_roles.contains(role);
    let mut perms = role_permissions
        .iter()
        .filter(|(role, _)| holds(role))
        .fold(0, |acc, (_, p)| acc | p);
    if perms & bits::ADMINISTRATOR != 0 {
        return u64::MAX;
    }
    if let Some(o) = overwrites.iter().find(|o| o.is_role && o.id == guild) {
        perms = (perms & !o.deny) | o.allow;
    }
    let (mut allow, mut deny) = (0, 0);
    for o in overwrites
        .iter()
        .filter(|o| o.is_role && o.id != guild && member_roles.contains(&o.id))
    {
        allow |= o.allow;
        deny |= o.deny;
    }
    perms = (perms & !deny) | allow;
    if let Some(o) = overwrites.iter().find(|o| !o.is_role && o.id == member) {
        perms = (perms & !o.deny) | o.allow;
    }
    perms
}

/// What the bot needs in a channel picked for `action`.
#[must_use]
pub fn needed_in_channel(action: SetupAction) -> u64 {
    let post =
        bits::VIEW_CHANNEL | bits::SEND_MESSAGES | bits::EMBED_LINKS | bits::READ_MESSAGE_HISTORY;
    match action {
        SetupAction::Category | SetupAction::Overflow => {
            post | bits::MANAGE_CHANNELS | bits::MANAGE_ROLES
        }
        _ => post,
    }
}

/// What an admin is told when the bot lacks `missing` in `channel`: exactly what to grant.
#[must_use]
pub fn grant_text(channel: Snowflake, missing: u64) -> String {
    let names: Vec<&str> = [
        (bits::VIEW_CHANNEL, "View Channel"),
        (bits::SEND_MESSAGES, "Send Messages"),
        (bits::EMBED_LINKS, "Embed Links"),
        (bits::READ_MESSAGE_HISTORY, "Read Message History"),
        (bits::MANAGE_CHANNELS, "Manage Channels"),
        (bits::MANAGE_ROLES, "Manage Permissions"),
    ]
    .iter()
    .filter(|(bit, _)| missing & bit != 0)
    .map(|(_, name)| *name)
    .collect();
    format!(
        "I can't use <#{channel}> yet, so nothing changed: give craftdesk **{}** there (Edit Channel → Permissions → add craftdesk's role), then pick it again.",
        names.join("**, **")
    )
}

/// The notice after a change: what changed, and from when.
#[must_use]
pub fn changed_notice(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "Nothing changed: that is already the setting.".to_owned();
    }
    let mut out = String::from("✅ Saved. From the next click on:");
    for c in changes {
        let _ = write!(out, "\n• **{}**: {} → {}", c.setting, c.before, c.after);
    }
    out
}

/// The log channel's line for a change by `user`.
#[must_use]
pub fn log_line(user: Snowflake, changes: &[Change]) -> String {
    let mut out = format!("⚙️ <@{user}> changed the settings:");
    for c in changes {
        let _ = write!(out, "\n• {}: {} → {}", c.setting, c.before, c.after);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::flow::limits::check_screen;

    fn id(n: u64) -> Snowflake {
        Snowflake::new(n).unwrap()
    }

    fn key() -> SessionKey {
        SessionKey::parse("req_123456789012345678_1764000000000").unwrap()
    }

    #[test]
    fn custom_ids_round_trip_and_fit() {
        let key = key();
        for action in [
            SetupAction::Page(Page::Options),
            SetupAction::Mode(GuildMode::Channel),
            SetupAction::Notify(Notification::Reassign),
            SetupAction::LimitsForm,
            SetupAction::Create,
        ] {
            let id = custom_id(&key, action);
            assert!(id.len() <= 100);
            assert_eq!(parse_custom_id(&id), Some(Ok((key.clone(), action))));
        }
        assert_eq!(parse_custom_id("cd1:whatever"), None);
        assert_eq!(parse_custom_id("cds:req_1_2:nope"), Some(Err(())));
    }

    #[test]
    fn every_page_keeps_discords_limits() {
        let settings = fresh_settings(id(9));
        let professions = vec!["enchanting".to_owned(), "tailoring".to_owned()];
        for page in Page::ALL {
            let flow = SetupFlow {
                page,
                profession: Some("enchanting".into()),
                seen_version: 0,
            };
            let view = View {
                settings: &settings,
                file_managed: false,
                professions: &professions,
                notice: None,
            };
            let screen = render(&flow, &key(), &view);
            assert_eq!(check_screen(&screen), Vec::<String>::new(), "{page:?}");
        }
    }

    #[test]
    fn a_file_managed_guild_is_shown_read_only() {
        let settings = fresh_settings(id(9));
        let view = View {
            settings: &settings,
            file_managed: true,
            professions: &[],
            notice: None,
        };
        let screen = render(&SetupFlow::default(), &key(), &view);
        assert!(screen.rows.is_empty());
        assert!(screen.content.contains("configuration file"));
    }

    #[test]
    fn channel_mode_needs_a_category_and_changes_are_described() {
        let settings = fresh_settings(id(9));
        assert!(apply(&settings, &Edit::Mode(GuildMode::Channel)).is_err());
        let (with_category, changes) = apply(&settings, &Edit::Category(id(40))).unwrap();
        assert_eq!(
            changes,
            [Change {
                setting: "Request category".into(),
                before: "none".into(),
                after: "<#40>".into()
            }]
        );
        let (channel_mode, _) = apply(&with_category, &Edit::Mode(GuildMode::Channel)).unwrap();
        assert_eq!(channel_mode.mode, GuildMode::Channel);
        assert!(apply(&with_category, &Edit::Overflow(vec![id(40)])).is_err());
        let (same, none) = apply(&with_category, &Edit::Category(id(40))).unwrap();
        assert!(none.is_empty());
        assert_eq!(same.request_category_id, Some(id(40)));
    }

    #[test]
    fn crafter_roles_and_notifications_toggle() {
        let settings = fresh_settings(id(9));
        let (s, c) = apply(&settings, &Edit::Crafter("enchanting".into(), Some(id(7)))).unwrap();
        assert_eq!(s.crafter_roles.get("enchanting"), Some(&id(7)));
        assert_eq!(c[0].after, "<@&7>");
        let (s, _) = apply(&s, &Edit::Crafter("enchanting".into(), None)).unwrap();
        assert!(s.crafter_roles.is_empty());
        let before = settings.notifications.claim;
        let (s, c) = apply(&settings, &Edit::Notify(Notification::Claim)).unwrap();
        assert_eq!(s.notifications.claim, !before);
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn permissions_follow_discords_order_and_name_what_to_grant() {
        let (guild, bot, role) = (id(1), id(2), id(3));
        let roles = [(guild, bits::VIEW_CHANNEL), (role, bits::SEND_MESSAGES)];
        let open = channel_permissions(guild, &roles, bot, &[role], &[]);
        assert_eq!(open, bits::VIEW_CHANNEL | bits::SEND_MESSAGES);
        let hidden = [Overwrite {
            id: guild,
            is_role: true,
            allow: 0,
            deny: bits::VIEW_CHANNEL,
        }];
        assert_eq!(
            channel_permissions(guild, &roles, bot, &[role], &hidden),
            bits::SEND_MESSAGES
        );
        let member = [
            hidden[0],
            Overwrite {
                id: bot,
                is_role: false,
                allow: bits::VIEW_CHANNEL,
                deny: 0,
            },
        ];
        assert_eq!(
            channel_permissions(guild, &roles, bot, &[role], &member),
            open
        );
        let admin = [(guild, bits::ADMINISTRATOR)];
        assert_eq!(
            channel_permissions(guild, &admin, bot, &[], &hidden),
            u64::MAX
        );
        let text = grant_text(id(9), bits::EMBED_LINKS | bits::VIEW_CHANNEL);
        assert!(text.contains("**View Channel**, **Embed Links**"), "{text}");
    }

    #[test]
    fn limits_are_read_and_checked() {
        let current = LimitsConfig::default();
        let ok = parse_limits(
            &[
                ("max_open".into(), " 5 ".into()),
                ("burst".into(), "2".into()),
                ("per_minute".into(), "9".into()),
            ],
            &current,
        )
        .unwrap();
        assert_eq!(
            (ok.max_open_requests, ok.submit_burst, ok.submits_per_minute),
            (5, 2, 9)
        );
        let bad = parse_limits(&[("max_open".into(), "lots".into())], &current).unwrap_err();
        assert!(bad.contains("whole number"), "{bad}");
        let zero = parse_limits(&[("burst".into(), "0".into())], &current).unwrap_err();
        assert!(zero.contains("between 1"), "{zero}");
    }
}
