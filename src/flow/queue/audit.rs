//! The Audit log tab (officers): every change in the guild, newest first, ten a page,
//! searchable by character.

use std::fmt::Write as _;

use super::{pager, tabs, Context, QueueFlow, PER_PAGE};
use crate::flow::custom_id::{flow_id, Action, Form};
use crate::flow::text::{neutralise, truncate};
use crate::flow::ui::{Button, ButtonStyle, Card, Row, Screen};

/// Officers: every change in the guild, newest first, ten a page, searchable by character.
pub(super) fn audit(flow: &QueueFlow, ctx: &Context<'_>) -> Screen {
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
            .map(|n| {
                format!(
                    ": {}",
                    truncate(&crate::flow::text::neutralise_note_line(n), 120)
                )
            })
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
