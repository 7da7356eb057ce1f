//! The My work tab: what the crafter claimed and what it still needs, per character, with
//! release and "complete all for this character" menus and what was recently cancelled.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{listed, requests_menu, tabs, Context, QueueFlow};
use crate::flow::custom_id::{flow_id, Action, Menu};
use crate::flow::limits::{MAX_EMBED_TOTAL, MAX_OPTION_LABEL};
use crate::flow::request::MaterialLine;
use crate::flow::text::{neutralise, one_line, truncate};
use crate::flow::ui::{Card, Row, Screen, Select, SelectOption};
use crate::t;

/// My claimed work and what it still needs: one combined list, then per character; what
/// requesters still have to hand over; release and "complete all for a character" menus;
/// and what was recently cancelled or denied.
#[allow(clippy::too_many_lines)] // the lists, then the menus that act on them
pub(super) fn work(flow: &QueueFlow, ctx: &Context<'_>) -> Screen {
    let texts = ctx.texts;
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
        let line = t!(
            texts,
            "queue-work-line",
            icon = r.status.icon(),
            number = r.number,
            item = neutralise(&r.item),
            quantity = r.quantity,
            done = r.quantity_completed,
            materials = r.materials_icon,
            character = neutralise(&r.character)
        );
        let _ = writeln!(list, "{line}");
    }
    if list.is_empty() {
        list.push_str(&t!(texts, "queue-work-empty"));
    }
    let render_list = |m: &BTreeMap<&str, u32>| {
        m.iter()
            .map(|(name, n)| format!("• {} ×{n}", neutralise(name)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut fields = vec![(
        t!(texts, "queue-work-shopping-list"),
        truncate(
            &if total.is_empty() {
                t!(texts, "queue-work-nothing-to-gather")
            } else {
                render_list(&total)
            },
            1_024,
        ),
    )];
    if !to_collect.is_empty() {
        fields.push((
            t!(texts, "queue-work-to-collect"),
            truncate(&render_list(&to_collect), 1_024),
        ));
    }
    for (character, needs) in per_character.iter().take(18) {
        fields.push((
            t!(
                texts,
                "queue-work-for",
                character = truncate(&neutralise(character), 200)
            ),
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
        fields.push((
            t!(texts, "queue-work-recently-cancelled"),
            truncate(&closed, 1_024),
        ));
    }
    let mut rows = tabs(flow, ctx);
    if let Some(release) = requests_menu(
        ctx.key,
        Menu::QueueRelease,
        &t!(texts, "queue-release-placeholder"),
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
                description: Some(t!(texts, "queue-finish-option", count = *count)),
            })
            .collect();
        rows.push(Row::Select(Select {
            custom_id: flow_id(ctx.key, Action::Select(Menu::QueueFinish)),
            placeholder: t!(texts, "queue-finish-placeholder"),
            options,
            min_values: 1,
            max_values: 1,
        }));
    }
    let mut card = Card {
        title: t!(texts, "queue-work-title"),
        description: list,
        fields,
        colour: 0x0034_98db,
    };
    fit(&mut card);
    Screen {
        content: t!(texts, "queue-work-heading", count = items.len()),
        card: Some(card),
        rows,
    }
}

/// Keeps `card` within Discord's characters per embed (long names, wordier languages):
/// the last fields go first (recently cancelled, then the last characters' lists; the
/// combined list stays), then the list of requests is cut.
fn fit(card: &mut Card) {
    /// What the list of requests keeps at least, when fields have to go.
    const LIST_ROOM: usize = 1_000;
    let chars = |text: &str| text.chars().count();
    let fields = |card: &Card| -> usize {
        card.fields
            .iter()
            .map(|(name, value)| chars(name) + chars(value))
            .sum()
    };
    while card.fields.len() > 1 && chars(&card.title) + fields(card) + LIST_ROOM > MAX_EMBED_TOTAL {
        card.fields.pop();
    }
    let room = MAX_EMBED_TOTAL.saturating_sub(chars(&card.title) + fields(card));
    card.description = truncate(&card.description, room.min(4_000));
}
