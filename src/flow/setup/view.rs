//! The setup's pages as admins see them: the current settings, what each one does, the
//! limits form, and the lines a change posts to the log channel.

use std::fmt::Write as _;

use crate::config::{GuildConfig, GuildMode, LimitsConfig};
use crate::domain::{SessionKey, Snowflake};
use crate::flow::ui::{
    Button, ButtonStyle, Card, Modal, Picker, PickerKind, Row, Screen, Select, SelectOption,
    TextInput,
};

use super::{
    channel, channels, custom_id, limit_label, limits, mode, on_off, role, roles, Change,
    Notification, Page, SetupAction, SetupFlow, ANNOUNCEMENT, CATEGORY, TEXT,
};

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
