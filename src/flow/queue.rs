//! `/requests` (Manage requests): the crafters' list of requests, ten a page, filtered by
//! profession (defaulting to the crafter's own) and by status (open, claimed by me, all),
//! with a multi-select to claim up to 25 at once; "my work" with one combined shopping list
//! and the same per requester's character; and for officers, counts per profession and
//! per crafter.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::custom_id::{flow_id, Action, Form, Menu, QueueTab};
use super::request::MaterialLine;
use super::text::{neutralise, truncate};
use super::ui::{Button, ButtonStyle, Card, Row, Screen, Select, SelectOption};
use crate::domain::{RequestStatus, SessionKey, Snowflake, Timestamp};

pub const PER_PAGE: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFlow {
    pub tab: QueueTab,
    /// `None`: every profession the viewer may work on.
    pub profession: Option<String>,
    pub page: u16,
}

impl Default for QueueFlow {
    fn default() -> Self {
        Self {
            tab: QueueTab::Open,
            profession: None,
            page: 0,
        }
    }
}

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
}

pub struct Context<'a> {
    pub key: &'a SessionKey,
    pub viewer: Snowflake,
    pub officer: bool,
    /// Professions the viewer crafts (all of them for officers).
    pub professions: &'a [String],
    pub requests: &'a [QueueItem],
    pub now: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Claim these requests (each checked and applied on its own).
    Claim(Vec<u32>),
    /// Open the "find a request" modal.
    AskNumber,
    /// Show this request with its audit trail.
    Lookup(u32),
}

/// Applies a click; `number` is what was typed in the find-request modal, when submitted.
pub fn step(
    flow: &QueueFlow,
    action: Action,
    values: &[String],
    number: Option<&str>,
    ctx: &Context<'_>,
) -> Result<(QueueFlow, Effect), String> {
    match action {
        Action::Queue(QueueTab::Overview) if !ctx.officer => {
            Err("Only officers see the overview.".to_owned())
        }
        Action::Queue(tab) => Ok((
            QueueFlow {
                tab,
                page: 0,
                ..flow.clone()
            },
            Effect::None,
        )),
        Action::Page(page) => Ok((
            QueueFlow {
                page,
                ..flow.clone()
            },
            Effect::None,
        )),
        Action::Select(Menu::QueueProfession) => {
            let [value] = values else {
                return Err("Pick one profession.".to_owned());
            };
            let profession = (value != "*").then(|| value.clone());
            if let Some(p) = &profession {
                if !ctx.professions.contains(p) {
                    return Err("You don't craft that profession.".to_owned());
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
        Action::Modal(Form::FindRequest) if values.is_empty() => match number {
            None => Ok((flow.clone(), Effect::AskNumber)),
            Some(text) => {
                let number = text
                    .trim()
                    .trim_start_matches('#')
                    .parse::<u32>()
                    .map_err(|_| "Enter a request number, e.g. 42.".to_owned())?;
                Ok((flow.clone(), Effect::Lookup(number)))
            }
        },
        Action::Select(Menu::QueueClaim) => {
            let numbers: Result<Vec<u32>, _> = values.iter().map(|v| v.parse::<u32>()).collect();
            let numbers = numbers
                .map_err(|_| "That menu is out of date. Run `/requests` again.".to_owned())?;
            if numbers.is_empty() || numbers.len() > 25 {
                return Err("Pick 1 to 25 requests to claim.".to_owned());
            }
            Ok((flow.clone(), Effect::Claim(numbers)))
        }
        _ => Err("That menu is out of date. Run `/requests` again.".to_owned()),
    }
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
            QueueTab::All | QueueTab::Overview => r.status.is_pending(),
        })
        .collect()
}

fn age(now: Timestamp, then: Timestamp) -> String {
    let minutes = (now.as_millis() - then.as_millis()).max(0) / 60_000;
    match minutes {
        0..=59 => format!("{minutes} min"),
        60..=2_879 => format!("{} h", minutes / 60),
        _ => format!("{} d", minutes / 1_440),
    }
}

#[must_use]
pub fn render(flow: &QueueFlow, ctx: &Context<'_>) -> Screen {
    match flow.tab {
        QueueTab::Work => work(flow, ctx),
        QueueTab::Overview => overview(ctx),
        _ => list(flow, ctx),
    }
}

fn tabs(flow: &QueueFlow, ctx: &Context<'_>) -> Row {
    let tab = |t: QueueTab, label: &str| {
        let style = if flow.tab == t {
            ButtonStyle::Primary
        } else {
            ButtonStyle::Secondary
        };
        Button::new(flow_id(ctx.key, Action::Queue(t)), label, style).disabled(flow.tab == t)
    };
    let mut buttons = vec![
        tab(QueueTab::Open, "Open"),
        tab(QueueTab::Mine, "Claimed by me"),
        tab(QueueTab::All, "All pending"),
        tab(QueueTab::Work, "My work"),
    ];
    if ctx.officer {
        buttons.push(tab(QueueTab::Overview, "Overview"));
    }
    Row::Buttons(buttons)
}

#[allow(clippy::too_many_lines)] // the list, then its filter, claim menu and paging
fn list(flow: &QueueFlow, ctx: &Context<'_>) -> Screen {
    let items = listed(flow, ctx);
    let pages = items.len().div_ceil(PER_PAGE).max(1);
    let page = usize::from(flow.page).min(pages - 1);
    let shown: Vec<&&QueueItem> = items.iter().skip(page * PER_PAGE).take(PER_PAGE).collect();
    let mut text = String::new();
    for r in &shown {
        let crafter = r
            .claimed_by
            .map(|c| format!(" · <@{c}>"))
            .unwrap_or_default();
        let _ = writeln!(
            text,
            "{} **#{}** {} ×{} {} · {} · {} ago{crafter}",
            r.status.icon(),
            r.number,
            neutralise(&r.item),
            r.quantity,
            r.materials_icon,
            neutralise(&r.character),
            age(ctx.now, r.created_at)
        );
    }
    if text.is_empty() {
        text.push_str("Nothing here right now.");
    }
    let mut rows = vec![tabs(flow, ctx)];
    // Profession filter, with the unassigned count of each.
    let mut open_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in ctx
        .requests
        .iter()
        .filter(|r| r.status == RequestStatus::Open)
    {
        *open_counts.entry(r.profession.as_str()).or_default() += 1;
    }
    let mut options = vec![SelectOption {
        label: "All my professions".to_owned(),
        value: "*".to_owned(),
        description: None,
    }];
    options.extend(ctx.professions.iter().take(24).map(|p| SelectOption {
        label: truncate(p, 100),
        value: p.clone(),
        description: Some(format!(
            "{} unassigned",
            open_counts.get(p.as_str()).copied().unwrap_or(0)
        )),
    }));
    rows.push(Row::Select(Select {
        custom_id: flow_id(ctx.key, Action::Select(Menu::QueueProfession)),
        placeholder: "Profession…".to_owned(),
        options,
        min_values: 1,
        max_values: 1,
    }));
    let claimable: Vec<SelectOption> = shown
        .iter()
        .filter(|r| r.status == RequestStatus::Open)
        .map(|r| SelectOption {
            label: truncate(&format!("#{} {} ×{}", r.number, r.item, r.quantity), 100),
            value: r.number.to_string(),
            description: Some(truncate(&r.character, 100)),
        })
        .collect();
    if !claimable.is_empty() {
        let max = u8::try_from(claimable.len()).unwrap_or(25);
        rows.push(Row::Select(Select {
            custom_id: flow_id(ctx.key, Action::Select(Menu::QueueClaim)),
            placeholder: "Claim requests…".to_owned(),
            options: claimable,
            min_values: 1,
            max_values: max,
        }));
    }
    let mut tools = Vec::new();
    if pages > 1 {
        let to = |p: usize| u16::try_from(p).unwrap_or(u16::MAX);
        tools.push(
            Button::new(
                flow_id(ctx.key, Action::Page(to(page.saturating_sub(1)))),
                "◀ Previous",
                ButtonStyle::Secondary,
            )
            .disabled(page == 0),
        );
        tools.push(
            Button::new(
                flow_id(ctx.key, Action::Page(to(page + 1))),
                "Next ▶",
                ButtonStyle::Secondary,
            )
            .disabled(page + 1 >= pages),
        );
    }
    tools.push(Button::new(
        flow_id(ctx.key, Action::Modal(Form::FindRequest)),
        "Find request #…",
        ButtonStyle::Secondary,
    ));
    rows.push(Row::Buttons(tools));
    let scope = flow
        .profession
        .clone()
        .unwrap_or_else(|| "all your professions".to_owned());
    Screen {
        content: format!(
            "**Requests** · {} listed for {} · page {} of {pages}",
            items.len(),
            neutralise(&scope),
            page + 1
        ),
        card: Some(Card {
            title: "Requests".to_owned(),
            description: truncate(&text, 4_000),
            fields: Vec::new(),
            colour: 0x00e6_7e22,
        }),
        rows,
    }
}

/// My claimed work and what it still needs: one combined list, then per character.
fn work(flow: &QueueFlow, ctx: &Context<'_>) -> Screen {
    let items = listed(flow, ctx);
    let mut total: BTreeMap<&str, u32> = BTreeMap::new();
    let mut per_character: BTreeMap<&str, BTreeMap<&str, u32>> = BTreeMap::new();
    for r in &items {
        let remaining_share = |line: &MaterialLine| {
            // Only what is still to craft counts.
            let left = r.quantity.saturating_sub(r.quantity_completed);
            line.still_needed() * left / r.quantity.max(1)
        };
        for line in &r.materials {
            let need = remaining_share(line);
            if need > 0 {
                *total.entry(line.name.as_str()).or_default() += need;
                *per_character
                    .entry(r.character.as_str())
                    .or_default()
                    .entry(line.name.as_str())
                    .or_default() += need;
            }
        }
    }
    let mut list = String::new();
    for r in &items {
        let _ = writeln!(
            list,
            "{} **#{}** {} ×{} ({} done) {} · {}",
            r.status.icon(),
            r.number,
            neutralise(&r.item),
            r.quantity,
            r.quantity_completed,
            r.materials_icon,
            neutralise(&r.character)
        );
    }
    if list.is_empty() {
        list.push_str("You have no claimed requests. Claim some from the Open tab.");
    }
    let render_list = |m: &BTreeMap<&str, u32>| {
        m.iter()
            .map(|(name, n)| format!("• {} ×{n}", neutralise(name)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut fields = vec![(
        "Shopping list (all my work)".to_owned(),
        truncate(
            &if total.is_empty() {
                "Nothing to gather.".to_owned()
            } else {
                render_list(&total)
            },
            1_024,
        ),
    )];
    for (character, needs) in per_character.iter().take(20) {
        fields.push((
            format!("For {}", truncate(&neutralise(character), 200)),
            truncate(&render_list(needs), 1_024),
        ));
    }
    Screen {
        content: format!("**My work** · {} claimed", items.len()),
        card: Some(Card {
            title: "My claimed requests".to_owned(),
            description: truncate(&list, 4_000),
            fields,
            colour: 0x0034_98db,
        }),
        rows: vec![tabs(flow, ctx)],
    }
}

fn overview(ctx: &Context<'_>) -> Screen {
    let mut per_profession: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut per_crafter: BTreeMap<Snowflake, usize> = BTreeMap::new();
    for r in ctx.requests.iter().filter(|r| r.status.is_pending()) {
        let slot = match r.status {
            RequestStatus::Open => 0,
            RequestStatus::Claimed => 1,
            _ => 2,
        };
        per_profession.entry(r.profession.as_str()).or_default()[slot] += 1;
        if let Some(c) = r.claimed_by {
            *per_crafter.entry(c).or_default() += 1;
        }
    }
    let mut professions = String::new();
    for (p, [open, claimed, progress]) in &per_profession {
        let _ = writeln!(
            professions,
            "**{}**: 🟡 {open} open · 🔵 {claimed} claimed · 🛠️ {progress} in progress",
            neutralise(p)
        );
    }
    let mut crafters = String::new();
    for (c, n) in &per_crafter {
        let _ = writeln!(crafters, "<@{c}>: {n}");
    }
    let flow = QueueFlow {
        tab: QueueTab::Overview,
        ..QueueFlow::default()
    };
    Screen {
        content: "**Overview** · pending requests".to_owned(),
        card: Some(Card {
            title: "Overview".to_owned(),
            description: String::new(),
            fields: vec![
                (
                    "By profession".to_owned(),
                    truncate(
                        if professions.is_empty() {
                            "Nothing pending."
                        } else {
                            &professions
                        },
                        1_024,
                    ),
                ),
                (
                    "By crafter".to_owned(),
                    truncate(
                        if crafters.is_empty() {
                            "Nobody has claimed anything."
                        } else {
                            &crafters
                        },
                        1_024,
                    ),
                ),
            ],
            colour: 0x0095_a5a6,
        }),
        rows: vec![tabs(&flow, ctx)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, needed: u32, member: u32) -> MaterialLine {
        MaterialLine {
            name: name.to_owned(),
            per_unit: 1,
            needed,
            provided_by_member: member,
            provided_by_guild: 0,
        }
    }

    fn item(
        number: u32,
        character: &str,
        completed: u32,
        claimed_by: u64,
        materials: Vec<MaterialLine>,
    ) -> QueueItem {
        QueueItem {
            number,
            profession: "enchanting".to_owned(),
            item: format!("Item {number}"),
            quantity: 4,
            quantity_completed: completed,
            status: RequestStatus::Claimed,
            character: character.to_owned(),
            claimed_by: Some(Snowflake::from_discord(claimed_by)),
            materials_icon: "🔶",
            materials,
            created_at: Timestamp::from_millis(0),
        }
    }

    #[test]
    fn my_work_adds_up_what_is_still_needed_for_what_is_left_to_craft() {
        let key = SessionKey::new(Snowflake::from_discord(9), Timestamp::from_millis(1));
        let requests = vec![
            item(
                1,
                "Ann",
                0,
                7,
                vec![line("Dust", 8, 4), line("Shard", 4, 0)],
            ),
            // Half crafted already: only half of what is missing still counts.
            item(2, "Bob", 2, 7, vec![line("Dust", 8, 0)]),
            // Someone else's work is not on my list.
            item(3, "Cy", 0, 8, vec![line("Dust", 100, 0)]),
        ];
        let professions = vec!["enchanting".to_owned()];
        let ctx = Context {
            key: &key,
            viewer: Snowflake::from_discord(7),
            officer: false,
            professions: &professions,
            requests: &requests,
            now: Timestamp::from_millis(0),
        };
        let screen = render(
            &QueueFlow {
                tab: QueueTab::Work,
                ..QueueFlow::default()
            },
            &ctx,
        );
        let card = screen.card.expect("card");
        let total = &card.fields[0].1;
        assert!(
            total.contains("Dust ×8") && total.contains("Shard ×4"),
            "{total}"
        );
        assert!(
            card.fields
                .iter()
                .any(|(name, value)| name == "For Bob" && value.contains("Dust ×4")),
            "{:?}",
            card.fields
        );
        assert!(!card.description.contains("#3"));
    }
}
