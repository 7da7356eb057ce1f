//! The Open, Claimed by me and All pending tabs: ten requests a page, filtered by
//! profession, with a multi-select to claim up to 25 at once.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{age, listed, pager, requests_menu, tabs, Context, QueueFlow, QueueItem, PER_PAGE};
use crate::domain::RequestStatus;
use crate::flow::custom_id::{flow_id, Action, Form, Menu};
use crate::flow::text::{neutralise, truncate};
use crate::flow::ui::{Button, ButtonStyle, Card, Row, Screen, Select, SelectOption};

#[allow(clippy::too_many_lines)] // the list, then its filter, claim menu and paging
pub(super) fn list(flow: &QueueFlow, ctx: &Context<'_>) -> Screen {
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
