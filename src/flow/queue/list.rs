//! The Open, Claimed by me and All pending tabs: ten requests a page, filtered by
//! profession, with a multi-select to claim up to 25 at once.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{age, listed, pager, requests_menu, tabs, Context, QueueFlow, QueueItem, PER_PAGE};
use crate::domain::RequestStatus;
use crate::flow::custom_id::{flow_id, Action, Form, Menu};
use crate::flow::text::{neutralise, truncate};
use crate::flow::ui::{Button, ButtonStyle, Card, Row, Screen, Select, SelectOption};
use crate::t;

#[allow(clippy::too_many_lines)] // the list, then its filter, claim menu and paging
pub(super) fn list(flow: &QueueFlow, ctx: &Context<'_>) -> Screen {
    let texts = ctx.texts;
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
        let line = t!(
            texts,
            "queue-list-line",
            icon = r.status.icon(),
            number = r.number,
            item = neutralise(&r.item),
            quantity = r.quantity,
            materials = r.materials_icon,
            character = neutralise(&r.character),
            age = age(texts, ctx.now, r.created_at),
            crafter = crafter
        );
        let _ = writeln!(text, "{line}");
    }
    if text.is_empty() {
        text.push_str(&t!(texts, "queue-list-empty"));
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
        label: t!(texts, "queue-all-my-professions"),
        value: "*".to_owned(),
        description: None,
    }];
    options.extend(ctx.professions.iter().take(24).map(|p| SelectOption {
        label: truncate(p, 100),
        value: p.clone(),
        description: Some(t!(
            texts,
            "queue-unassigned",
            count = open_counts.get(p.as_str()).copied().unwrap_or(0)
        )),
    }));
    rows.push(Row::Select(Select {
        custom_id: flow_id(ctx.key, Action::Select(Menu::QueueProfession)),
        placeholder: t!(texts, "queue-profession-placeholder"),
        options,
        min_values: 1,
        max_values: 1,
    }));
    let claimable = shown.iter().filter(|r| r.status == RequestStatus::Open);
    rows.extend(requests_menu(
        ctx.key,
        Menu::QueueClaim,
        &t!(texts, "queue-claim-placeholder"),
        claimable.map(|r| &***r),
    ));
    let mut tools = Vec::new();
    if pages > 1 {
        tools.extend(pager(ctx, page, pages));
    }
    tools.push(Button::new(
        flow_id(ctx.key, Action::Modal(Form::FindRequest)),
        &t!(texts, "queue-find-button"),
        ButtonStyle::Secondary,
    ));
    rows.push(Row::Buttons(tools));
    let scope = flow.profession.as_ref().map_or_else(
        || t!(texts, "queue-scope-all"),
        |profession| neutralise(profession),
    );
    Screen {
        content: t!(
            texts,
            "queue-list-heading",
            count = items.len(),
            scope = scope,
            page = page + 1,
            pages = pages
        ),
        card: Some(Card {
            title: t!(texts, "queue-list-title"),
            description: truncate(&text, 4_000),
            fields: Vec::new(),
            colour: 0x00e6_7e22,
        }),
        rows,
    }
}
