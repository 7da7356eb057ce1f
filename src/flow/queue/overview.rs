//! The Overview tab (officers): pending requests per profession and per crafter.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{tabs, Context, QueueFlow};
use crate::domain::{RequestStatus, Snowflake};
use crate::flow::custom_id::QueueTab;
use crate::flow::text::{neutralise, truncate};
use crate::flow::ui::{Card, Screen};
use crate::t;

pub(super) fn overview(ctx: &Context<'_>) -> Screen {
    let texts = ctx.texts;
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
        let line = t!(
            texts,
            "queue-overview-profession",
            profession = neutralise(p),
            open = *open,
            claimed = *claimed,
            progress = *progress
        );
        let _ = writeln!(professions, "{line}");
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
        content: t!(texts, "queue-overview-heading"),
        card: Some(Card {
            title: t!(texts, "queue-overview-title"),
            description: String::new(),
            fields: vec![
                (
                    t!(texts, "queue-overview-by-profession"),
                    truncate(
                        &if professions.is_empty() {
                            t!(texts, "queue-overview-nothing-pending")
                        } else {
                            professions
                        },
                        1_024,
                    ),
                ),
                (
                    t!(texts, "queue-overview-by-crafter"),
                    truncate(
                        &if crafters.is_empty() {
                            t!(texts, "queue-overview-nobody")
                        } else {
                            crafters
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
