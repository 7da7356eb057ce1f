//! The Audit log tab (officers): every change in the guild, newest first, ten a page,
//! searchable by character.

use std::fmt::Write as _;

use super::{event_words, pager, tabs, Context, QueueFlow, PER_PAGE};
use crate::flow::custom_id::{flow_id, Action, Form};
use crate::flow::text::{neutralise, truncate};
use crate::flow::ui::{Button, ButtonStyle, Card, Row, Screen};
use crate::t;

/// Officers: every change in the guild, newest first, ten a page, searchable by character.
pub(super) fn audit(flow: &QueueFlow, ctx: &Context<'_>) -> Screen {
    let texts = ctx.texts;
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
                t!(
                    texts,
                    "log-note",
                    note = truncate(&crate::flow::text::neutralise_note_line(n), 120)
                )
            })
            .unwrap_or_default();
        let entry = t!(
            texts,
            "queue-audit-line",
            at = line.at.discord_markup(),
            number = line.number,
            item = neutralise(&line.item),
            character = neutralise(&line.character),
            event = event_words(texts, &line.action),
            actor = line.actor,
            note = note
        );
        let _ = writeln!(text, "{entry}");
    }
    if text.is_empty() {
        text.push_str(&match flow.search {
            Some(_) => t!(texts, "queue-audit-no-match"),
            None => t!(texts, "queue-audit-empty"),
        });
    }
    let mut rows = tabs(flow, ctx);
    let mut tools = Vec::new();
    if pages > 1 {
        tools.extend(pager(ctx, page, pages));
    }
    tools.push(Button::new(
        flow_id(ctx.key, Action::Modal(Form::AuditSearch)),
        &if flow.search.is_some() {
            t!(texts, "queue-audit-change-search")
        } else {
            t!(texts, "queue-audit-search")
        },
        ButtonStyle::Secondary,
    ));
    rows.push(Row::Buttons(tools));
    let heading = match &flow.search {
        Some(search) => t!(
            texts,
            "queue-audit-heading-search",
            search = truncate(&neutralise(search), 64),
            count = ctx.audit_total,
            page = page + 1,
            pages = pages
        ),
        None => t!(
            texts,
            "queue-audit-heading",
            count = ctx.audit_total,
            page = page + 1,
            pages = pages
        ),
    };
    Screen {
        content: heading,
        card: Some(Card {
            title: t!(texts, "queue-audit-title"),
            description: truncate(&text, 4_000),
            fields: Vec::new(),
            colour: 0x0095_a5a6,
        }),
        rows,
    }
}
