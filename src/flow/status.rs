//! `/status` (My requests): pending requests per profession with status icons, a summary,
//! the completed/cancelled history ten a page, and cancelling several open requests at once.

use super::refusal::{Refusal, Where};
use super::step::Input;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::custom_id::{flow_id, Action, Menu, StatusTab};
use super::text::{neutralise, truncate};
use super::ui::{Button, ButtonStyle, Card, Row, Screen, Select, SelectOption};
use crate::domain::{RequestStatus, RequestSummary, SessionKey};
use crate::i18n::Texts;
use crate::{msg, t};

pub const HISTORY_PER_PAGE: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StatusFlow {
    /// `None`: pending; `Some(page)`: history page.
    pub history_page: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Effect {
    #[default]
    None,
    /// Cancel these open requests of the member (by number); then show the view again.
    Cancel(Vec<u32>),
}

/// What the view is given besides its state: the member's requests, read on every click.
pub struct Context<'a> {
    pub key: &'a SessionKey,
    pub requests: &'a [RequestSummary],
    /// The texts of the member's language.
    pub texts: Texts,
}

/// A status step's decision.
pub type Transition = super::step::Transition<StatusFlow, Effect>;

/// Applies a click or a pick.
#[must_use]
pub fn step(flow: &StatusFlow, input: Input<'_>, ctx: &Context<'_>) -> Transition {
    let show = |next: StatusFlow| {
        let screen = render(&next, ctx.key, ctx.requests, ctx.texts);
        Transition::show(next, screen)
    };
    match input {
        Input::Click(Action::StatusView(StatusTab::Pending)) => {
            show(StatusFlow { history_page: None })
        }
        Input::Click(Action::StatusView(StatusTab::History(page))) => show(StatusFlow {
            history_page: Some(page),
        }),
        Input::Select(Menu::CancelRequests, values) => match to_cancel(values, ctx.requests) {
            Ok(numbers) => Transition::after(flow.clone(), Effect::Cancel(numbers)),
            Err(refusal) => Transition::refused(refusal),
        },
        _ => Transition::refused(Refusal::Stale(Where::Status)),
    }
}

/// The requests picked to cancel: each the member's, each still open.
fn to_cancel(values: &[String], requests: &[RequestSummary]) -> Result<Vec<u32>, Refusal> {
    let mut numbers = Vec::new();
    for value in values {
        let number: u32 = value.parse().map_err(|_| Refusal::Stale(Where::Status))?;
        let request = requests
            .iter()
            .find(|r| r.number == number)
            .ok_or(Refusal::Invalid(msg!("status-refusal-not-yours")))?;
        if request.status != RequestStatus::Open {
            return Err(Refusal::Changed(msg!(
                "status-refusal-not-open",
                number = number,
                status = request.status.as_str()
            )));
        }
        numbers.push(number);
    }
    if numbers.is_empty() {
        return Err(Refusal::Invalid(msg!("status-refusal-pick-one")));
    }
    Ok(numbers)
}

/// The `/status` message, in the member's language (`texts`).
#[must_use]
pub fn render(
    flow: &StatusFlow,
    key: &SessionKey,
    requests: &[RequestSummary],
    texts: Texts,
) -> Screen {
    match flow.history_page {
        None => pending(key, requests, texts),
        Some(page) => history(key, requests, page, texts),
    }
}

/// The button to the other tab (custom ids must be unique within a message).
fn tabs(key: &SessionKey, history: bool, texts: Texts) -> Row {
    Row::Buttons(vec![if history {
        Button::new(
            flow_id(key, Action::StatusView(StatusTab::Pending)),
            &t!(texts, "status-button-pending"),
            ButtonStyle::Primary,
        )
    } else {
        Button::new(
            flow_id(key, Action::StatusView(StatusTab::History(0))),
            &t!(texts, "status-button-history"),
            ButtonStyle::Secondary,
        )
    }])
}

fn line(r: &RequestSummary, texts: Texts) -> String {
    let progress = if r.quantity_completed > 0 {
        let done = t!(
            texts,
            "status-line-progress",
            done = r.quantity_completed,
            quantity = r.quantity
        );
        format!(" {done}")
    } else {
        String::new()
    };
    format!(
        "{} #{} {} ×{} — {}{}",
        r.status.icon(),
        r.number,
        neutralise(&r.item),
        r.quantity,
        neutralise(&r.character),
        progress
    )
}

fn pending(key: &SessionKey, requests: &[RequestSummary], texts: Texts) -> Screen {
    let pending: Vec<&RequestSummary> = requests.iter().filter(|r| r.status.is_pending()).collect();
    let mut by_profession: BTreeMap<&str, Vec<&RequestSummary>> = BTreeMap::new();
    for r in &pending {
        by_profession
            .entry(r.profession.as_str())
            .or_default()
            .push(r);
    }
    let mut summary = String::new();
    for status in [
        RequestStatus::Open,
        RequestStatus::Claimed,
        RequestStatus::InProgress,
    ] {
        let n = pending.iter().filter(|r| r.status == status).count();
        let _ = write!(
            summary,
            "{} {} {}   ",
            status.icon(),
            status.label_in(texts),
            n
        );
    }
    let mut fields = vec![(
        t!(texts, "status-all-professions"),
        summary.trim_end().to_owned(),
    )];
    for (profession, list) in by_profession.iter().take(20) {
        let mut text = String::new();
        for r in list {
            let _ = writeln!(text, "{}", line(r, texts));
        }
        fields.push((
            format!("{} ({})", truncate(profession, 200), list.len()),
            truncate(&text, 1_024),
        ));
    }
    let mut rows = vec![tabs(key, false, texts)];
    let open: Vec<SelectOption> = pending
        .iter()
        .filter(|r| r.status == RequestStatus::Open)
        .take(25)
        .map(|r| SelectOption::request(r.number, &r.item, r.quantity, &r.character))
        .collect();
    if !open.is_empty() {
        let max = u8::try_from(open.len()).unwrap_or(25);
        rows.push(Row::Select(Select {
            custom_id: flow_id(key, Action::Select(Menu::CancelRequests)),
            placeholder: t!(texts, "status-placeholder-cancel"),
            options: open,
            min_values: 1,
            max_values: max,
        }));
    }
    let content = if pending.is_empty() {
        t!(texts, "status-header-none")
    } else {
        t!(texts, "status-header-pending", count = pending.len())
    };
    Screen {
        content,
        card: Some(Card {
            title: t!(texts, "status-card-pending"),
            description: String::new(),
            fields,
            colour: 0x00f1_c40f,
        }),
        rows,
    }
}

fn history(key: &SessionKey, requests: &[RequestSummary], page: u16, texts: Texts) -> Screen {
    let done: Vec<&RequestSummary> = requests.iter().filter(|r| !r.status.is_pending()).collect();
    let pages = done.len().div_ceil(HISTORY_PER_PAGE).max(1);
    let page = usize::from(page).min(pages - 1);
    let mut text = String::new();
    for r in done
        .iter()
        .skip(page * HISTORY_PER_PAGE)
        .take(HISTORY_PER_PAGE)
    {
        let _ = write!(text, "{}", line(r, texts));
        if let Some(reason) = &r.reason {
            let _ = write!(
                text,
                " — _{}_",
                truncate(&neutralise(&super::text::one_line(reason)), 200)
            );
        }
        text.push('\n');
    }
    if text.is_empty() {
        text.push_str(&t!(texts, "status-history-empty"));
    }
    let to = |p: usize| u16::try_from(p).unwrap_or(u16::MAX);
    let mut rows = vec![tabs(key, true, texts)];
    if pages > 1 {
        rows.push(Row::Buttons(vec![
            Button::new(
                flow_id(
                    key,
                    Action::StatusView(StatusTab::History(to(page.saturating_sub(1)))),
                ),
                &t!(texts, "status-button-newer"),
                ButtonStyle::Secondary,
            )
            .disabled(page == 0),
            Button::new(
                flow_id(key, Action::StatusView(StatusTab::History(to(page + 1)))),
                &t!(texts, "status-button-older"),
                ButtonStyle::Secondary,
            )
            .disabled(page + 1 >= pages),
        ]));
    }
    Screen {
        content: t!(
            texts,
            "status-header-history",
            page = page + 1,
            pages = pages
        ),
        card: Some(Card {
            title: t!(texts, "status-card-history"),
            description: truncate(&text, 4_000),
            fields: Vec::new(),
            colour: 0x0095_a5a6,
        }),
        rows,
    }
}

#[cfg(test)]
mod step_tests {
    use super::*;
    use crate::domain::{Snowflake, Timestamp};
    use crate::flow::step::{Next, Reply};

    fn summary(number: u32, status: RequestStatus) -> RequestSummary {
        RequestSummary {
            number,
            character: "Mira".to_owned(),
            profession: "enchanting".to_owned(),
            item: "Enchant Boots".to_owned(),
            quantity: 1,
            quantity_completed: 0,
            status,
            reason: None,
            updated_at: Timestamp::from_millis(1),
        }
    }

    #[test]
    fn a_tab_is_shown_at_once_and_a_cancel_after_its_effect() {
        let key = SessionKey::new(Snowflake::from_discord(5), Timestamp::from_millis(1));
        let requests = [
            summary(1, RequestStatus::Open),
            summary(2, RequestStatus::Claimed),
        ];
        let ctx = Context {
            key: &key,
            requests: &requests,
            texts: Texts::ENGLISH,
        };
        let flow = StatusFlow::default();
        let history = step(
            &flow,
            Input::Click(Action::StatusView(StatusTab::History(1))),
            &ctx,
        );
        assert!(matches!(history.reply, Reply::Update(_)));
        assert_eq!(
            history.next,
            Next::Save(StatusFlow {
                history_page: Some(1)
            })
        );
        let picked = ["1".to_owned()];
        let cancel = step(&flow, Input::Select(Menu::CancelRequests, &picked), &ctx);
        assert_eq!(
            (cancel.next, cancel.reply, cancel.effect),
            (
                Next::Save(flow.clone()),
                Reply::Refresh,
                Effect::Cancel(vec![1])
            )
        );
        let claimed = ["2".to_owned()];
        let refused = step(&flow, Input::Select(Menu::CancelRequests, &claimed), &ctx);
        assert!(
            matches!(refused.reply, Reply::Refused(Refusal::Changed(_))),
            "{refused:?}"
        );
        assert_eq!((refused.next, refused.effect), (Next::Keep, Effect::None));
        let forged = step(&flow, Input::Click(Action::Back), &ctx);
        assert_eq!(forged.reply, Reply::Refused(Refusal::Stale(Where::Status)));
    }
}
