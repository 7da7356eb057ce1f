//! `/requests` (Manage requests): the crafters' list of requests, ten a page, filtered by
//! profession (defaulting to the crafter's own) and by status (open, claimed by me, all),
//! with a multi-select to claim up to 25 at once; "my work" with one combined shopping list
//! and the same per requester's character, what is still to collect from requesters,
//! multi-select release, "complete all for this character" and the recently cancelled; and
//! for officers, counts per profession and per crafter, and the guild's audit log (newest
//! first, ten a page, searchable by character).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::custom_id::{flow_id, Action, Form, Menu, QueueTab};
use super::limits::MAX_OPTION_LABEL;
use super::request::MaterialLine;
use super::text::{neutralise, one_line, truncate};
use super::ui::{Button, ButtonStyle, Card, Row, Screen, Select, SelectOption};
use crate::domain::{RequestStatus, SessionKey, Snowflake, Timestamp};

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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Claim these requests (each checked and applied on its own).
    Claim(Vec<u32>),
    /// Release these requests (each checked and applied on its own).
    Release(Vec<u32>),
    /// Complete everything the viewer claimed for the character that request (by number)
    /// is for. (The menu names a character by one of its requests: names may be longer
    /// than a menu value, and a position in the list would shift as claims change.)
    FinishFor(u32),
    /// Open the "search the audit log" modal.
    AskSearch,
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
    typed: Option<&str>,
    ctx: &Context<'_>,
) -> Result<(QueueFlow, Effect), String> {
    let numbers = || -> Result<Vec<u32>, String> {
        let numbers: Result<Vec<u32>, _> = values.iter().map(|v| v.parse::<u32>()).collect();
        let numbers =
            numbers.map_err(|_| "That menu is out of date. Run `/requests` again.".to_owned())?;
        if numbers.is_empty() || numbers.len() > 25 {
            return Err("Pick 1 to 25 requests.".to_owned());
        }
        Ok(numbers)
    };
    match action {
        Action::Queue(QueueTab::Overview) if !ctx.officer => {
            Err("Only officers see the overview.".to_owned())
        }
        Action::Queue(QueueTab::Audit) | Action::Modal(Form::AuditSearch) if !ctx.officer => {
            Err("Only officers see the audit log.".to_owned())
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
        Action::Modal(Form::AuditSearch) => match typed {
            None => Ok((flow.clone(), Effect::AskSearch)),
            Some(text) => {
                let text = text.trim();
                if text.chars().count() > MAX_SEARCH_CHARS {
                    return Err(format!(
                        "Search for at most {MAX_SEARCH_CHARS} characters of a name."
                    ));
                }
                Ok((
                    QueueFlow {
                        tab: QueueTab::Audit,
                        page: 0,
                        search: (!text.is_empty()).then(|| text.to_owned()),
                        ..flow.clone()
                    },
                    Effect::None,
                ))
            }
        },
        Action::Modal(Form::FindRequest) if values.is_empty() => match typed {
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
        Action::Select(Menu::QueueClaim) => Ok((flow.clone(), Effect::Claim(numbers()?))),
        Action::Select(Menu::QueueRelease) => Ok((flow.clone(), Effect::Release(numbers()?))),
        Action::Select(Menu::QueueFinish) => match values {
            [value] => value.parse::<u32>().map_or_else(
                |_| Err("That menu is out of date. Run `/requests` again.".to_owned()),
                |number| Ok((flow.clone(), Effect::FinishFor(number))),
            ),
            _ => Err("Pick one character.".to_owned()),
        },
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
            QueueTab::All | QueueTab::Overview | QueueTab::Audit => r.status.is_pending(),
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
        QueueTab::Audit => audit(flow, ctx),
        _ => list(flow, ctx),
    }
}

/// The tab buttons: one row, and a second one with the officers' views.
fn tabs(flow: &QueueFlow, ctx: &Context<'_>) -> Vec<Row> {
    let tab = |t: QueueTab, label: &str| {
        let style = if flow.tab == t {
            ButtonStyle::Primary
        } else {
            ButtonStyle::Secondary
        };
        Button::new(flow_id(ctx.key, Action::Queue(t)), label, style).disabled(flow.tab == t)
    };
    let mut rows = vec![Row::Buttons(vec![
        tab(QueueTab::Open, "Open"),
        tab(QueueTab::Mine, "Claimed by me"),
        tab(QueueTab::All, "All pending"),
        tab(QueueTab::Work, "My work"),
    ])];
    if ctx.officer {
        rows.push(Row::Buttons(vec![
            tab(QueueTab::Overview, "Overview"),
            tab(QueueTab::Audit, "Audit log"),
        ]));
    }
    rows
}

/// Previous / Next buttons for `pages` pages, on page `page` (0-based).
fn pager(key: &SessionKey, page: usize, pages: usize) -> Vec<Button> {
    let to = |p: usize| u16::try_from(p).unwrap_or(u16::MAX);
    vec![
        Button::new(
            flow_id(key, Action::Page(to(page.saturating_sub(1)))),
            "◀ Previous",
            ButtonStyle::Secondary,
        )
        .disabled(page == 0),
        Button::new(
            flow_id(key, Action::Page(to(page + 1))),
            "Next ▶",
            ButtonStyle::Secondary,
        )
        .disabled(page + 1 >= pages),
    ]
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
    let mut rows = tabs(flow, ctx);
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
    let claimable = shown.iter().filter(|r| r.status == RequestStatus::Open);
    rows.extend(requests_menu(
        ctx.key,
        Menu::QueueClaim,
        "Claim requests…",
        claimable.map(|r| &***r),
    ));
    let mut tools = Vec::new();
    if pages > 1 {
        tools.extend(pager(ctx.key, page, pages));
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

/// My claimed work and what it still needs: one combined list, then per character; what
/// requesters still have to hand over; release and "complete all for a character" menus;
/// and what was recently cancelled or denied.
#[allow(clippy::too_many_lines)] // the lists, then the menus that act on them
fn work(flow: &QueueFlow, ctx: &Context<'_>) -> Screen {
    let items = listed(flow, ctx);
    let mut total: BTreeMap<&str, u32> = BTreeMap::new();
    let mut per_character: BTreeMap<&str, BTreeMap<&str, u32>> = BTreeMap::new();
    let mut to_collect: BTreeMap<&str, u32> = BTreeMap::new();
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
            if line.to_collect() > 0 {
                *to_collect.entry(line.name.as_str()).or_default() += line.to_collect();
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
    if !to_collect.is_empty() {
        fields.push((
            "📥 Still to collect from requesters".to_owned(),
            truncate(&render_list(&to_collect), 1_024),
        ));
    }
    for (character, needs) in per_character.iter().take(18) {
        fields.push((
            format!("For {}", truncate(&neutralise(character), 200)),
            truncate(&render_list(needs), 1_024),
        ));
    }
    if !ctx.closed.is_empty() {
        let mut closed = String::new();
        for r in ctx.closed {
            let reason = r
                .reason
                .as_deref()
                .map(|why| format!(": {}", truncate(&neutralise(&one_line(why)), 100)))
                .unwrap_or_default();
            let _ = writeln!(
                closed,
                "{} **#{}** {} ×{} · {}{reason}",
                r.status.icon(),
                r.number,
                neutralise(&r.item),
                r.quantity,
                neutralise(&r.character)
            );
        }
        fields.push(("Recently cancelled".to_owned(), truncate(&closed, 1_024)));
    }
    let mut rows = tabs(flow, ctx);
    if let Some(release) = requests_menu(
        ctx.key,
        Menu::QueueRelease,
        "Release requests…",
        items.iter().copied(),
    ) {
        rows.push(release);
        // Each character once, by name, named in the menu's value by its first request.
        let mut characters: BTreeMap<&str, (u32, usize)> = BTreeMap::new();
        for r in &items {
            let (first, count) = characters
                .entry(r.character.as_str())
                .or_insert((r.number, 0));
            *first = (*first).min(r.number);
            *count += 1;
        }
        let options: Vec<SelectOption> = characters
            .iter()
            .take(25)
            .map(|(character, (first, count))| SelectOption {
                label: truncate(character, MAX_OPTION_LABEL),
                value: first.to_string(),
                description: Some(format!("completes {count} request(s) in full")),
            })
            .collect();
        rows.push(Row::Select(Select {
            custom_id: flow_id(ctx.key, Action::Select(Menu::QueueFinish)),
            placeholder: "Complete all for a character…".to_owned(),
            options,
            min_values: 1,
            max_values: 1,
        }));
    }
    Screen {
        content: format!("**My work** · {} claimed", items.len()),
        card: Some(Card {
            title: "My claimed requests".to_owned(),
            description: truncate(&list, 4_000),
            fields,
            colour: 0x0034_98db,
        }),
        rows,
    }
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

/// Officers: every change in the guild, newest first, ten a page, searchable by character.
fn audit(flow: &QueueFlow, ctx: &Context<'_>) -> Screen {
    let pages = usize::try_from(ctx.audit_total)
        .unwrap_or(usize::MAX)
        .div_ceil(PER_PAGE)
        .max(1);
    let page = usize::from(flow.page).min(pages - 1);
    let mut text = String::new();
    for line in ctx.audit {
        let note = line
            .note
            .as_deref()
            .map(|n| format!(": {}", truncate(&super::text::neutralise_note_line(n), 120)))
            .unwrap_or_default();
        let _ = writeln!(
            text,
            "{} **#{}** {} ({}) — {} by <@{}>{note}",
            line.at.discord_markup(),
            line.number,
            neutralise(&line.item),
            neutralise(&line.character),
            line.action.replace('_', " "),
            line.actor
        );
    }
    if text.is_empty() {
        text.push_str(match flow.search {
            Some(_) => "No events for that character name.",
            None => "Nothing has happened yet.",
        });
    }
    let mut rows = tabs(flow, ctx);
    let mut tools = Vec::new();
    if pages > 1 {
        tools.extend(pager(ctx.key, page, pages));
    }
    tools.push(Button::new(
        flow_id(ctx.key, Action::Modal(Form::AuditSearch)),
        if flow.search.is_some() {
            "Change search…"
        } else {
            "Search character…"
        },
        ButtonStyle::Secondary,
    ));
    rows.push(Row::Buttons(tools));
    let scope = flow.search.as_ref().map_or_else(String::new, |s| {
        format!(" · characters matching “{}”", truncate(&neutralise(s), 64))
    });
    Screen {
        content: format!(
            "**Audit log**{scope} · {} events · page {} of {pages}",
            ctx.audit_total,
            page + 1
        ),
        card: Some(Card {
            title: "Audit log (newest first)".to_owned(),
            description: truncate(&text, 4_000),
            fields: Vec::new(),
            colour: 0x0095_a5a6,
        }),
        rows,
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
        rows: tabs(&flow, ctx),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::limits::check_screen;

    fn line(name: &str, needed: u32, member: u32) -> MaterialLine {
        MaterialLine {
            name: name.to_owned(),
            per_unit: 1,
            needed,
            provided_by_member: member,
            provided_by_guild: 0,
            handed_over: 0,
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
            reason: None,
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
            closed: &[],
            audit: &[],
            audit_total: 0,
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

    fn ctx_with<'a>(
        key: &'a SessionKey,
        professions: &'a [String],
        requests: &'a [QueueItem],
        closed: &'a [QueueItem],
        audit: &'a [AuditLine],
        audit_total: u64,
    ) -> Context<'a> {
        Context {
            key,
            viewer: Snowflake::from_discord(7),
            officer: true,
            professions,
            requests,
            closed,
            audit,
            audit_total,
            now: Timestamp::from_millis(0),
        }
    }

    #[test]
    fn complete_all_names_a_character_longer_than_a_menu_value_by_its_first_request() {
        let key = SessionKey::new(Snowflake::from_discord(9), Timestamp::from_millis(1));
        let long = "x".repeat(2_000);
        let requests = vec![
            item(5, &long, 0, 7, Vec::new()),
            item(2, &long, 0, 7, Vec::new()),
        ];
        let professions = vec!["enchanting".to_owned()];
        let ctx = ctx_with(&key, &professions, &requests, &[], &[], 0);
        let flow = QueueFlow {
            tab: QueueTab::Work,
            ..QueueFlow::default()
        };
        let screen = render(&flow, &ctx);
        assert_eq!(check_screen(&screen), Vec::<String>::new());
        let finish = screen
            .rows
            .iter()
            .find_map(|r| match r {
                Row::Select(s) if s.placeholder.starts_with("Complete all") => Some(s),
                _ => None,
            })
            .expect("the menu");
        let [option] = finish.options.as_slice() else {
            panic!("one character: {:?}", finish.options);
        };
        assert_eq!(option.value, "2");
        assert_eq!(option.label.chars().count(), MAX_OPTION_LABEL);
        let (_, effect) = step(
            &flow,
            Action::Select(Menu::QueueFinish),
            &["2".to_owned()],
            None,
            &ctx,
        )
        .expect("finish");
        assert_eq!(effect, Effect::FinishFor(2));
    }

    #[test]
    fn my_work_offers_release_and_complete_for_a_character_and_shows_what_to_collect() {
        let key = SessionKey::new(Snowflake::from_discord(9), Timestamp::from_millis(1));
        let mut dust = line("Dust", 8, 6);
        dust.handed_over = 2;
        let requests = vec![
            item(1, "Ann", 0, 7, vec![dust]),
            item(2, "Ann", 0, 7, Vec::new()),
            item(3, "Bob", 0, 7, Vec::new()),
        ];
        let mut gone = item(4, "Cy", 0, 7, Vec::new());
        gone.status = RequestStatus::Cancelled;
        gone.reason = Some("changed my mind".to_owned());
        let professions = vec!["enchanting".to_owned()];
        let closed = [gone];
        let ctx = ctx_with(&key, &professions, &requests, &closed, &[], 0);
        let flow = QueueFlow {
            tab: QueueTab::Work,
            ..QueueFlow::default()
        };
        let screen = render(&flow, &ctx);
        assert!(
            check_screen(&screen).is_empty(),
            "{:?}",
            check_screen(&screen)
        );
        let card = screen.card.as_ref().expect("card");
        let field = |name: &str| {
            card.fields
                .iter()
                .find(|(n, _)| n.contains(name))
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert!(field("collect").contains("Dust ×4"), "{:?}", card.fields);
        assert!(
            field("Recently cancelled").contains("#4")
                && field("Recently cancelled").contains("changed my mind")
        );
        let selects: Vec<&Select> = screen
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Select(s) => Some(s),
                _ => None,
            })
            .collect();
        assert_eq!(selects[0].options.len(), 3, "release any of my three");
        let characters: Vec<(&str, &str)> = selects[1]
            .options
            .iter()
            .map(|o| (o.label.as_str(), o.value.as_str()))
            .collect();
        assert_eq!(
            characters,
            vec![("Ann", "1"), ("Bob", "3")],
            "each character by its first request"
        );
        let (_, effect) = step(
            &flow,
            Action::Select(Menu::QueueFinish),
            &["1".to_owned()],
            None,
            &ctx,
        )
        .expect("finish");
        assert_eq!(effect, Effect::FinishFor(1));
        assert!(step(
            &flow,
            Action::Select(Menu::QueueFinish),
            &["Ann".to_owned()],
            None,
            &ctx
        )
        .is_err());
        let (_, effect) = step(
            &flow,
            Action::Select(Menu::QueueRelease),
            &["1".to_owned(), "3".to_owned()],
            None,
            &ctx,
        )
        .expect("release");
        assert_eq!(effect, Effect::Release(vec![1, 3]));
        assert!(step(
            &flow,
            Action::Select(Menu::QueueRelease),
            &["x".to_owned()],
            None,
            &ctx
        )
        .is_err());
    }

    #[test]
    fn the_audit_log_pages_and_searches_for_officers_only() {
        let key = SessionKey::new(Snowflake::from_discord(9), Timestamp::from_millis(1));
        let professions = vec!["enchanting".to_owned()];
        let lines: Vec<AuditLine> = (0..10)
            .map(|n| AuditLine {
                number: n,
                item: "<@&1> Boots".to_owned(),
                character: "Ann".to_owned(),
                actor: Snowflake::from_discord(7),
                action: "partially_completed".to_owned(),
                note: Some("x".repeat(400)),
                at: Timestamp::from_millis(1_700_000_000_000),
            })
            .collect();
        let ctx = ctx_with(&key, &professions, &[], &[], &lines, 35);
        let flow = QueueFlow::default();
        let (audit, _) = step(&flow, Action::Queue(QueueTab::Audit), &[], None, &ctx).expect("tab");
        let (audit, _) = step(&audit, Action::Page(3), &[], None, &ctx).expect("page");
        let screen = render(&audit, &ctx);
        assert!(
            check_screen(&screen).is_empty(),
            "{:?}",
            check_screen(&screen)
        );
        assert!(
            screen.content.contains("35 events · page 4 of 4"),
            "{}",
            screen.content
        );
        let card = screen.card.as_ref().expect("card");
        assert!(card.description.contains("partially completed by <@7>"));
        assert!(card.description.contains("<t:1700000000:f>"));
        assert!(!card.description.contains("<@&1>"), "mentions are defused");
        let (_, effect) =
            step(&audit, Action::Modal(Form::AuditSearch), &[], None, &ctx).expect("ask");
        assert_eq!(effect, Effect::AskSearch);
        let (searching, _) = step(
            &audit,
            Action::Modal(Form::AuditSearch),
            &[],
            Some("  ann "),
            &ctx,
        )
        .expect("search");
        assert_eq!(
            (searching.search.as_deref(), searching.page),
            (Some("ann"), 0)
        );
        let (cleared, _) = step(
            &searching,
            Action::Modal(Form::AuditSearch),
            &[],
            Some(""),
            &ctx,
        )
        .expect("clear");
        assert_eq!(cleared.search, None);
        assert!(step(
            &audit,
            Action::Modal(Form::AuditSearch),
            &[],
            Some(&"a".repeat(65)),
            &ctx
        )
        .is_err());
        let crafter = Context {
            officer: false,
            ..ctx_with(&key, &professions, &[], &[], &lines, 35)
        };
        assert!(step(&flow, Action::Queue(QueueTab::Audit), &[], None, &crafter).is_err());
        assert!(step(
            &flow,
            Action::Modal(Form::AuditSearch),
            &[],
            Some("a"),
            &crafter
        )
        .is_err());
    }
}
