//! The setup's pages as admins see them: the current settings, what each one does, the
//! limits form, and the lines a change posts to the log channel.

use std::fmt::Write as _;

use crate::config::{GuildConfig, GuildMode, LimitsConfig};
use crate::domain::{SessionKey, Snowflake};
use crate::flow::ui::{
    Button, ButtonStyle, Card, Modal, Picker, PickerKind, Row, Screen, Select, SelectOption,
    TextInput,
};
use crate::i18n::{Locale, Texts};
use crate::t;

use super::{
    channel, channels, custom_id, limit_label, mode, on_off, role, roles, Change, Notification,
    Page, SetupAction, SetupFlow, Value, ANNOUNCEMENT, CATEGORY, LANGUAGE_DISCORD, TEXT,
};

/// The limits form, filled in with the current limits.
#[must_use]
pub fn limits_modal(texts: Texts, key: &SessionKey, current: &LimitsConfig) -> Modal {
    let input = |id: &str, value: u32| TextInput {
        value: Some(value.to_string()),
        max_length: Some(5),
        ..TextInput::short(id, &limit_label(texts, id))
    };
    Modal {
        custom_id: custom_id(key, SetupAction::LimitsForm),
        title: t!(texts, "setup-limits-title"),
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
    /// The admin's language: the setup's screens are theirs.
    pub texts: Texts,
    /// The guild's language as Discord reports it (English when it reports none craftdesk
    /// ships): what shared messages read when the guild picks none.
    pub discord_locale: Locale,
}

/// The problems that keep members from using the settings as they are.
#[must_use]
pub fn problems(texts: Texts, settings: &GuildConfig) -> Vec<String> {
    let mut out = Vec::new();
    if settings.mode == GuildMode::Channel && settings.request_category_id.is_none() {
        out.push(t!(texts, "setup-problem-no-category"));
    }
    if settings.panel_channel_id.is_none() {
        out.push(t!(texts, "setup-problem-no-panel"));
    }
    if settings.board_channel_id.is_none() {
        out.push(t!(texts, "setup-problem-no-board"));
    }
    out
}

/// "Discord's server language (now: X)".
fn discord_language(texts: Texts, discord: Locale) -> String {
    t!(
        texts,
        "setup-language-discord",
        language = discord.native_name()
    )
}

/// The current settings; with `language`, the language of shared messages too (the
/// options page, where its menu is, and the read-only view: kept off the other pages so
/// their cards stay as short as they were).
fn summary_fields(
    texts: Texts,
    s: &GuildConfig,
    discord: Locale,
    language: bool,
) -> Vec<(String, String)> {
    let crafters = if s.crafter_roles.is_empty() {
        t!(texts, "setup-none")
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
            format!("{} {}", n.label(texts), on_off(texts, *n.switch(&mut copy)))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut fields = vec![
        (t!(texts, "setup-field-mode"), mode(texts, s.mode)),
        (
            t!(texts, "setup-field-categories"),
            format!(
                "{} · {}",
                channel(texts, s.request_category_id),
                channels(texts, &s.overflow_category_ids)
            ),
        ),
        (
            t!(texts, "setup-field-channels"),
            format!(
                "{} · {} · {}",
                channel(texts, s.panel_channel_id),
                channel(texts, s.board_channel_id),
                channel(texts, s.log_channel_id)
            ),
        ),
        (
            t!(texts, "setup-field-roles"),
            format!(
                "{} · {} · {}",
                roles(texts, &s.officer_role_ids),
                roles(texts, &s.core_role_ids),
                role(texts, s.register_role_id)
            ),
        ),
        (t!(texts, "setup-field-crafters"), crafters),
        (t!(texts, "setup-field-notifications"), notifications),
        (
            t!(texts, "setup-field-limits"),
            Value::limits(&s.limits).in_(texts),
        ),
    ];
    if language {
        let value = match s.locale {
            Some(locale) => locale.native_name().to_owned(),
            None => discord_language(texts, discord),
        };
        fields.push((t!(texts, "setup-field-language"), value));
    }
    fields
}

fn page_help(texts: Texts, page: Page) -> String {
    match page {
        Page::Channels => t!(texts, "setup-help-channels"),
        Page::Roles => t!(texts, "setup-help-roles"),
        Page::Crafters => t!(texts, "setup-help-crafters"),
        Page::Options => t!(texts, "setup-help-options"),
    }
}

/// The setup's screen: the current settings, the page's menus, and the notice.
#[must_use]
#[allow(clippy::too_many_lines)] // one arm per page, read top to bottom
pub fn render(flow: &SetupFlow, key: &SessionKey, view: &View<'_>) -> Screen {
    let s = view.settings;
    let texts = view.texts;
    if view.file_managed {
        return Screen {
            content: t!(texts, "setup-file-managed"),
            card: Some(Card {
                title: t!(texts, "setup-file-managed-title"),
                description: String::new(),
                fields: summary_fields(texts, s, view.discord_locale, true),
                colour: 0x0080_8080,
            }),
            rows: Vec::new(),
        };
    }
    let mut description = page_help(texts, flow.page);
    let problems = problems(texts, s);
    if !problems.is_empty() {
        description.push_str("\n\n");
        description.push_str(&t!(texts, "setup-still-to-do"));
        for p in &problems {
            let _ = write!(description, "\n• {p}");
        }
    }
    description.push_str("\n\n");
    description.push_str(&t!(texts, "setup-applies-next-click"));
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
            &t!(texts, "setup-back"),
            ButtonStyle::Secondary,
        )
    };
    let next = |page: Page| {
        button(
            SetupAction::Page(Page::ALL[(page.index() + 1).min(Page::ALL.len() - 1)]),
            &t!(texts, "setup-next"),
            ButtonStyle::Primary,
        )
    };
    let done = button(
        SetupAction::Done,
        &t!(texts, "setup-done"),
        ButtonStyle::Success,
    );
    let mut rows = Vec::new();
    match flow.page {
        Page::Channels => {
            rows.push(picker(
                SetupAction::Category,
                &t!(texts, "setup-pick-category"),
                PickerKind::Channels(vec![CATEGORY]),
                1,
                1,
            ));
            rows.push(picker(
                SetupAction::Overflow,
                &t!(texts, "setup-pick-overflow"),
                PickerKind::Channels(vec![CATEGORY]),
                0,
                5,
            ));
            rows.push(picker(
                SetupAction::Panel,
                &t!(texts, "setup-pick-panel"),
                text_channels(),
                0,
                1,
            ));
            rows.push(picker(
                SetupAction::Board,
                &t!(texts, "setup-pick-board"),
                text_channels(),
                0,
                1,
            ));
            let toggle = match s.mode {
                GuildMode::Channel => button(
                    SetupAction::Mode(GuildMode::Dm),
                    &t!(texts, "setup-switch-to-dm"),
                    ButtonStyle::Secondary,
                ),
                GuildMode::Dm => button(
                    SetupAction::Mode(GuildMode::Channel),
                    &t!(texts, "setup-switch-to-channel"),
                    ButtonStyle::Secondary,
                ),
            };
            rows.push(Row::Buttons(vec![
                toggle,
                button(
                    SetupAction::Create,
                    &t!(texts, "setup-create"),
                    ButtonStyle::Secondary,
                ),
                next(flow.page),
                done,
            ]));
        }
        Page::Roles => {
            rows.push(picker(
                SetupAction::Log,
                &t!(texts, "setup-pick-log"),
                text_channels(),
                0,
                1,
            ));
            rows.push(picker(
                SetupAction::Officers,
                &t!(texts, "setup-pick-officers"),
                PickerKind::Roles,
                0,
                10,
            ));
            rows.push(picker(
                SetupAction::Core,
                &t!(texts, "setup-pick-core"),
                PickerKind::Roles,
                0,
                10,
            ));
            rows.push(picker(
                SetupAction::Register,
                &t!(texts, "setup-pick-register"),
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
                    description: Some(match s.crafter_roles.get(p) {
                        Some(r) => t!(texts, "setup-profession-role", role = *r),
                        None => t!(texts, "setup-none"),
                    }),
                })
                .collect();
            if !options.is_empty() {
                rows.push(Row::Select(Select {
                    custom_id: id(SetupAction::Profession),
                    placeholder: flow.profession.as_ref().map_or_else(
                        || t!(texts, "setup-pick-profession"),
                        |p| t!(texts, "setup-profession", profession = p.as_str()),
                    ),
                    options,
                    min_values: 1,
                    max_values: 1,
                }));
            }
            if let Some(profession) = &flow.profession {
                rows.push(picker(
                    SetupAction::Crafter,
                    &t!(
                        texts,
                        "setup-pick-crafter",
                        profession = profession.as_str()
                    ),
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
                        &t!(
                            texts,
                            "setup-notify-button",
                            name = n.label(texts),
                            state = on_off(texts, on)
                        ),
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
            rows.push(Row::Select(language_select(
                texts,
                id(SetupAction::Language),
                view.discord_locale,
            )));
            rows.push(Row::Buttons(vec![
                back(flow.page),
                button(
                    SetupAction::Limits,
                    &t!(texts, "setup-limits-button"),
                    ButtonStyle::Primary,
                ),
                done,
            ]));
        }
    }
    Screen {
        content: view.notice.clone().unwrap_or_default(),
        card: Some(Card {
            title: t!(
                texts,
                "setup-title",
                page = flow.page.title(texts),
                number = flow.page.index() + 1,
                pages = Page::ALL.len()
            ),
            description,
            fields: summary_fields(texts, s, view.discord_locale, flow.page == Page::Options),
            colour: 0x005f_8dd3,
        }),
        rows,
    }
}

/// The language menu: Discord's server language, then each shipped locale by its own name.
fn language_select(texts: Texts, custom_id: String, discord: Locale) -> Select {
    let mut options = vec![SelectOption {
        label: discord_language(texts, discord),
        value: LANGUAGE_DISCORD.to_owned(),
        description: None,
    }];
    options.extend(Locale::ALL.iter().map(|l| SelectOption {
        label: l.native_name().to_owned(),
        value: l.code().to_owned(),
        description: None,
    }));
    Select {
        custom_id,
        placeholder: t!(texts, "setup-pick-language"),
        options,
        min_values: 1,
        max_values: 1,
    }
}

/// The notice after a change: what changed, and from when (in the admin's language).
#[must_use]
pub fn changed_notice(texts: Texts, changes: &[Change]) -> String {
    if changes.is_empty() {
        return t!(texts, "setup-unchanged");
    }
    let mut out = t!(texts, "setup-saved");
    for c in changes {
        let (setting, before, after) = c.worded(texts);
        let line = t!(
            texts,
            "setup-saved-line",
            setting = setting,
            before = before,
            after = after
        );
        let _ = write!(out, "\n{line}");
    }
    out
}

/// The log channel's line for a change by `user` (in the guild's language).
#[must_use]
pub fn log_line(texts: Texts, user: Snowflake, changes: &[Change]) -> String {
    let mut out = t!(texts, "setup-log-changed", user = user);
    for c in changes {
        let (setting, before, after) = c.worded(texts);
        let line = t!(
            texts,
            "setup-log-line",
            setting = setting,
            before = before,
            after = after
        );
        let _ = write!(out, "\n{line}");
    }
    out
}
