//! `/requests` (Manage requests): the crafters' list of requests, ten a page, filtered by
//! profession (defaulting to the crafter's own) and by status (open, claimed by me, all),
//! with a multi-select to claim up to 25 at once; "my work" with one combined shopping list
//! and the same per requester's character, what is still to collect from requesters,
//! multi-select release, "complete all for this character" and the recently cancelled; and
//! for officers, counts per profession and per crafter, and the guild's audit log (newest
//! first, ten a page, searchable by character).
//!
//! Here: the flow's state, its steps and what the tabs share; each tab renders in a file of
//! its own (`list`, `work`, `audit`, `overview`), as `flow/request/` keeps its view apart.

use crate::flow::refusal::{Refusal, Where};
use serde::{Deserialize, Serialize};

use super::custom_id::{flow_id, Action, Form, Menu, QueueTab};
use super::request::MaterialLine;
use super::step::Input;
use super::text::truncate;
use super::ui::{Button, ButtonStyle, Modal, Row, Screen, Select, SelectOption, TextInput};
use crate::domain::{RequestStatus, SessionKey, Snowflake, Timestamp};
use crate::i18n::{Msg, Texts};
use crate::{msg, t};

mod audit;
mod list;
mod overview;
#[cfg(test)]
mod tests;
mod work;

use audit::audit;
use list::list;
use overview::overview;
use work::work;

pub const PER_PAGE: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFlow {
    pub tab: QueueTab,
    /// `None`: every profession the viewer may work on.
    pub profession: Option<String>,
    pub page: u16,
    /// Audit log: only requests whose character name contains this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}

impl Default for QueueFlow {
    fn default() -> Self {
        Self {
            tab: QueueTab::Open,
            profession: None,
            page: 0,
            search: None,
        }
    }
}

/// The longest character name search accepted (names are shorter still).
pub const MAX_SEARCH_CHARS: usize = 64;

/// One request as the queue lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    pub number: u32,
    pub profession: String,
    pub item: String,
    pub quantity: u32,
    pub quantity_completed: u32,
    pub status: RequestStatus,
    pub character: String,
    pub claimed_by: Option<Snowflake>,
    /// 📦 member provides, 🔶 partly, ❔ none, 🛡️ guild craft.
    pub materials_icon: &'static str,
    pub materials: Vec<MaterialLine>,
    pub created_at: Timestamp,
    /// Why it was denied or cancelled.
    pub reason: Option<String>,
}

/// One line of the guild's audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    pub number: u32,
    pub item: String,
    pub character: String,
    pub actor: Snowflake,
    pub action: String,
    pub note: Option<String>,
    pub at: Timestamp,
}

pub struct Context<'a> {
    pub key: &'a SessionKey,
    pub viewer: Snowflake,
    /// `officer` and `professions` come from the viewer's roles as they are now (a click
    /// in a DM carries none: then the step asks for them).
    pub roles_known: bool,
    pub officer: bool,
    /// Professions the viewer crafts (all of them for officers).
    pub professions: &'a [String],
    pub requests: &'a [QueueItem],
    /// My work: requests the viewer had that were recently cancelled or denied.
    pub closed: &'a [QueueItem],
    /// Audit log: the page shown, and how many entries match in all.
    pub audit: &'a [AuditLine],
    pub audit_total: u64,
    pub now: Timestamp,
    /// The viewer's language (the queue is their own ephemeral message).
    pub texts: Texts,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Effect {
    /// Nothing besides showing the saved state (a tab, a page, a filter).
    #[default]
    None,
    /// Claim these requests (each checked and applied on its own).
    Claim(Vec<u32>),
    /// Release these requests (each checked and applied on its own).
    Release(Vec<u32>),
    /// Complete everything the viewer claimed for the character that request (by number)
    /// is for. (The menu names a character by one of its requests: names may be longer
    /// than a menu value, and a position in the list would shift as claims change.)
    FinishFor(u32),
    /// Show this request with its audit trail.
    Lookup(u32),
}

/// A queue step's decision. Its screens need the guild's requests as they are after the
/// effect, so a step that goes on answers `Reply::Refresh`.
pub type Transition = super::step::Transition<QueueFlow, Effect>;

/// Applies a click, a pick or a form. Forms open without the viewer's roles (what is typed
/// is checked when it is submitted); anything else needs them (`Reply::NeedsRoles` from a
/// DM, whose clicks carry none).
#[must_use]
pub fn step(flow: &QueueFlow, input: Input<'_>, ctx: &Context<'_>) -> Transition {
    match input {
        Input::Click(action @ Action::Modal(form @ (Form::AuditSearch | Form::FindRequest))) => {
            if form == Form::AuditSearch && ctx.roles_known && !ctx.officer {
                return Transition::refused(only_officers(msg!(
                    "queue-refusal-only-officers-audit"
                )));
            }
            return Transition::modal(ask(ctx, action, form, flow));
        }
        _ if !ctx.roles_known => return Transition::needs_roles(),
        _ if ctx.professions.is_empty() => {
            return Transition::refused(Refusal::NotAllowed(msg!(
                "queue-refusal-no-longer-crafter"
            )))
        }
        _ => {}
    }
    match decide(flow, input, ctx) {
        Ok((next, effect)) => Transition::after(next, effect),
        Err(refusal) => Transition::refused(refusal),
    }
}

fn only_officers(which: Msg) -> Refusal {
    Refusal::NotAllowed(which)
}

fn decide(
    flow: &QueueFlow,
    input: Input<'_>,
    ctx: &Context<'_>,
) -> Result<(QueueFlow, Effect), Refusal> {
    let numbers = |values: &[String]| -> Result<Vec<u32>, Refusal> {
        let numbers: Result<Vec<u32>, _> = values.iter().map(|v| v.parse::<u32>()).collect();
        let numbers = numbers.map_err(|_| Refusal::Stale(Where::Requests))?;
        if numbers.is_empty() || numbers.len() > 25 {
            return Err(Refusal::Invalid(msg!("queue-refusal-pick-requests")));
        }
        Ok(numbers)
    };
    let typed = |fields: &[(String, String)]| {
        fields
            .first()
            .map_or(String::new(), |(_, v)| v.trim().to_owned())
    };
    match input {
        Input::Click(Action::Queue(QueueTab::Overview)) if !ctx.officer => {
            Err(only_officers(msg!("queue-refusal-only-officers-overview")))
        }
        Input::Click(Action::Queue(QueueTab::Audit)) | Input::Submit(Form::AuditSearch, _)
            if !ctx.officer =>
        {
            Err(only_officers(msg!("queue-refusal-only-officers-audit")))
        }
        Input::Click(Action::Queue(tab)) => Ok((
            QueueFlow {
                tab,
                page: 0,
                ..flow.clone()
            },
            Effect::None,
        )),
        Input::Click(Action::Page(page)) => Ok((
            QueueFlow {
                page,
                ..flow.clone()
            },
            Effect::None,
        )),
        Input::Select(Menu::QueueProfession, values) => {
            let [value] = values else {
                return Err(Refusal::Invalid(msg!("queue-refusal-pick-one-profession")));
            };
            let profession = (value != "*").then(|| value.clone());
            if let Some(p) = &profession {
                if !ctx.professions.contains(p) {
                    return Err(Refusal::NotAllowed(msg!(
                        "queue-refusal-not-your-profession"
                    )));
                }
            }
            Ok((
                QueueFlow {
                    profession,
                    page: 0,
                    ..flow.clone()
                },
                Effect::None,
            ))
        }
        Input::Submit(Form::AuditSearch, fields) => {
            let text = typed(fields);
            if text.chars().count() > MAX_SEARCH_CHARS {
                return Err(Refusal::Invalid(msg!(
                    "queue-refusal-search-too-long",
                    max = MAX_SEARCH_CHARS
                )));
            }
            let search = (!text.is_empty()).then_some(text);
            Ok((
                QueueFlow {
                    tab: QueueTab::Audit,
                    page: 0,
                    search,
                    ..flow.clone()
                },
                Effect::None,
            ))
        }
        Input::Submit(Form::FindRequest, fields) => {
            let number = typed(fields)
                .trim_start_matches('#')
                .parse::<u32>()
                .map_err(|_| Refusal::Invalid(msg!("queue-refusal-request-number")))?;
            Ok((flow.clone(), Effect::Lookup(number)))
        }
        Input::Select(Menu::QueueClaim, values) => {
            Ok((flow.clone(), Effect::Claim(numbers(values)?)))
        }
        Input::Select(Menu::QueueRelease, values) => {
            Ok((flow.clone(), Effect::Release(numbers(values)?)))
        }
        Input::Select(Menu::QueueFinish, values) => match values {
            [value] => value
                .parse::<u32>()
                .map(|number| (flow.clone(), Effect::FinishFor(number)))
                .map_err(|_| Refusal::Stale(Where::Requests)),
            _ => Err(Refusal::Invalid(msg!("queue-refusal-pick-one-character"))),
        },
        _ => Err(Refusal::Stale(Where::Requests)),
    }
}

/// The form a Search or Find button opens: a character name to search the audit log for,
/// or a request number.
fn ask(ctx: &Context<'_>, action: Action, form: Form, flow: &QueueFlow) -> Modal {
    let texts = ctx.texts;
    let custom_id = flow_id(ctx.key, action);
    if form == Form::AuditSearch {
        return Modal {
            custom_id,
            title: truncate(&t!(texts, "queue-search-title"), 45),
            inputs: vec![TextInput {
                max_length: Some(u16::try_from(MAX_SEARCH_CHARS).unwrap_or(64)),
                required: false,
                value: flow.search.clone(),
                placeholder: Some(t!(texts, "queue-search-placeholder")),
                ..TextInput::short("character", &truncate(&t!(texts, "queue-search-label"), 45))
            }],
        };
    }
    Modal {
        custom_id,
        title: truncate(&t!(texts, "queue-find-title"), 45),
        inputs: vec![TextInput {
            max_length: Some(10),
            placeholder: Some(t!(texts, "queue-find-placeholder")),
            ..TextInput::short("number", &truncate(&t!(texts, "queue-find-label"), 45))
        }],
    }
}

/// An event of a request's history (`request_events.action`) in words: "claimed",
/// "partially completed"… An event this version does not know reads as it is stored.
#[must_use]
pub fn event_words(texts: Texts, event: &str) -> String {
    t!(
        texts,
        "queue-event",
        event = event,
        other = event.replace('_', " ")
    )
}

/// The requests the current tab lists, newest last.
fn listed<'a>(flow: &QueueFlow, ctx: &'a Context<'_>) -> Vec<&'a QueueItem> {
    ctx.requests
        .iter()
        .filter(|r| flow.profession.as_ref().is_none_or(|p| &r.profession == p))
        .filter(|r| ctx.professions.contains(&r.profession))
        .filter(|r| match flow.tab {
            QueueTab::Open => r.status == RequestStatus::Open,
            QueueTab::Mine | QueueTab::Work => {
                r.status.is_pending() && r.claimed_by == Some(ctx.viewer)
            }
            QueueTab::All | QueueTab::Overview | QueueTab::Audit => r.status.is_pending(),
        })
        .collect()
}

/// How long ago `then` was, roughly: "5 min", "3 h", "2 d".
fn age(texts: Texts, now: Timestamp, then: Timestamp) -> String {
    let minutes = (now.as_millis() - then.as_millis()).max(0) / 60_000;
    match minutes {
        0..=59 => t!(texts, "queue-age-minutes", n = minutes),
        60..=2_879 => t!(texts, "queue-age-hours", n = minutes / 60),
        _ => t!(texts, "queue-age-days", n = minutes / 1_440),
    }
}

#[must_use]
pub fn render(flow: &QueueFlow, ctx: &Context<'_>) -> Screen {
    match flow.tab {
        QueueTab::Work => work(flow, ctx),
        QueueTab::Overview => overview(ctx),
        QueueTab::Audit => audit(flow, ctx),
        _ => list(flow, ctx),
    }
}

/// The tab buttons: one row, and a second one with the officers' views.
fn tabs(flow: &QueueFlow, ctx: &Context<'_>) -> Vec<Row> {
    let texts = ctx.texts;
    let tab = |tab: QueueTab, label: String| {
        let style = if flow.tab == tab {
            ButtonStyle::Primary
        } else {
            ButtonStyle::Secondary
        };
        Button::new(flow_id(ctx.key, Action::Queue(tab)), &label, style).disabled(flow.tab == tab)
    };
    let mut rows = vec![Row::Buttons(vec![
        tab(QueueTab::Open, t!(texts, "queue-tab-open")),
        tab(QueueTab::Mine, t!(texts, "queue-tab-mine")),
        tab(QueueTab::All, t!(texts, "queue-tab-all")),
        tab(QueueTab::Work, t!(texts, "queue-tab-work")),
    ])];
    if ctx.officer {
        rows.push(Row::Buttons(vec![
            tab(QueueTab::Overview, t!(texts, "queue-tab-overview")),
            tab(QueueTab::Audit, t!(texts, "queue-tab-audit")),
        ]));
    }
    rows
}

/// Previous / Next buttons for `pages` pages, on page `page` (0-based).
fn pager(ctx: &Context<'_>, page: usize, pages: usize) -> Vec<Button> {
    let (key, texts) = (ctx.key, ctx.texts);
    let to = |p: usize| u16::try_from(p).unwrap_or(u16::MAX);
    vec![
        Button::new(
            flow_id(key, Action::Page(to(page.saturating_sub(1)))),
            &t!(texts, "queue-previous"),
            ButtonStyle::Secondary,
        )
        .disabled(page == 0),
        Button::new(
            flow_id(key, Action::Page(to(page + 1))),
            &t!(texts, "queue-next"),
            ButtonStyle::Secondary,
        )
        .disabled(page + 1 >= pages),
    ]
}

/// A multi-select of up to 25 of `requests` (by number), or nothing when there are none.
fn requests_menu<'a>(
    key: &SessionKey,
    menu: Menu,
    placeholder: &str,
    requests: impl Iterator<Item = &'a QueueItem>,
) -> Option<Row> {
    let options: Vec<SelectOption> = requests
        .take(25)
        .map(|r| SelectOption::request(r.number, &r.item, r.quantity, &r.character))
        .collect();
    let max = u8::try_from(options.len()).ok().filter(|n| *n > 0)?;
    Some(Row::Select(Select {
        custom_id: flow_id(key, Action::Select(menu)),
        placeholder: placeholder.to_owned(),
        options,
        min_values: 1,
        max_values: max,
    }))
}
