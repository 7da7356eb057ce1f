//! The one contract every member flow keeps (request, status, register, queue):
//! `step(state, input, ctx) -> Transition { next, reply, effect }`, and the one stored
//! form of their states, [`FlowState`].
//!
//! A step decides everything: whether the flow goes on (and in which state), what the
//! member sees, and what the adapter must do besides answering. The adapter saves `next`
//! (compare-and-swap), runs `effect`, and sends `reply`, without deciding anything again.

use serde::{Deserialize, Serialize};

use super::custom_id::{Action, Form, Menu};
use super::queue::QueueFlow;
use super::refusal::Refusal;
use super::register::RegisterFlow;
use super::request::RequestFlow;
use super::setup::SetupFlow;
use super::status::StatusFlow;
use super::ui::{Modal, Screen};

/// One interaction, as a flow sees it.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// A button (or a button that opens a form: `Click(Action::Modal(form))`).
    Click(Action),
    /// A choice in a select menu.
    Select(Menu, &'a [String]),
    /// A submitted form, with its fields (custom id, value).
    Submit(Form, &'a [(String, String)]),
}

/// Whether the flow goes on, and in which state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next<S> {
    /// Unchanged (a refusal, a form opened).
    Keep,
    /// Goes on in this state (saved, compare-and-swap on the session's version).
    Save(S),
    /// Ends: the session is deleted (or, for a submitted request, ended by the submission).
    End,
}

/// What the member sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The flow's message, updated in place.
    Update(Screen),
    /// A form.
    Modal(Modal),
    /// A private refusal; nothing changed.
    Refused(Refusal),
    /// The flow's message, shown from the saved state once the effect has run (its screen
    /// needs what the effect changed: the requests cancelled, the character added…).
    Refresh,
    /// Nothing yet: the step needs the member's roles, which a click in a DM does not
    /// carry. The adapter reads them and steps again with them in the context.
    NeedsRoles,
}

/// A step's whole decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition<S, E> {
    pub next: Next<S>,
    pub reply: Reply,
    pub effect: E,
}

impl<S, E: Default> Transition<S, E> {
    /// Nothing changes; the member is told why.
    #[must_use]
    pub fn refused(refusal: Refusal) -> Self {
        Self {
            next: Next::Keep,
            reply: Reply::Refused(refusal),
            effect: E::default(),
        }
    }

    /// Nothing changes yet; a form opens.
    #[must_use]
    pub fn modal(modal: Modal) -> Self {
        Self {
            next: Next::Keep,
            reply: Reply::Modal(modal),
            effect: E::default(),
        }
    }

    /// Goes on in `next`, showing `screen`.
    #[must_use]
    pub fn show(next: S, screen: Screen) -> Self {
        Self {
            next: Next::Save(next),
            reply: Reply::Update(screen),
            effect: E::default(),
        }
    }

    /// Goes on in `next` once `effect` has run, then shows the saved state.
    #[must_use]
    pub fn after(next: S, effect: E) -> Self {
        Self {
            next: Next::Save(next),
            reply: Reply::Refresh,
            effect,
        }
    }

    /// Nothing yet: ask again with the member's roles.
    #[must_use]
    pub fn needs_roles() -> Self {
        Self {
            next: Next::Keep,
            reply: Reply::NeedsRoles,
            effect: E::default(),
        }
    }
}

/// A session's state: which flow it is, and where that flow stands. The serde tag is the
/// flow's kind, the name the `temp_sessions.kind` column stores beside the state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "state", rename_all = "snake_case")]
pub enum FlowState {
    Request(RequestFlow),
    Status(StatusFlow),
    Register(RegisterFlow),
    Queue(QueueFlow),
    Setup(SetupFlow),
}

impl FlowState {
    /// The kind the session is stored under.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Request(_) => KIND_REQUEST,
            Self::Status(_) => KIND_STATUS,
            Self::Register(_) => KIND_REGISTER,
            Self::Queue(_) => KIND_QUEUE,
            Self::Setup(_) => KIND_SETUP,
        }
    }

    /// The stored parts: the kind, and the flow's own state as JSON.
    pub fn to_stored(&self) -> Result<(&'static str, String), serde_json::Error> {
        let mut value = serde_json::to_value(self)?;
        let state = value
            .get_mut("state")
            .map(serde_json::Value::take)
            .unwrap_or_default();
        Ok((self.kind(), serde_json::to_string(&state)?))
    }

    /// A state read back from its stored parts.
    pub fn from_stored(kind: &str, state_json: &str) -> Result<Self, serde_json::Error> {
        let state: serde_json::Value = serde_json::from_str(state_json)?;
        serde_json::from_value(serde_json::json!({ "kind": kind, "state": state }))
    }
}

pub const KIND_REQUEST: &str = "request";
pub const KIND_STATUS: &str = "status";
pub const KIND_REGISTER: &str = "register";
pub const KIND_QUEUE: &str = "queue";
pub const KIND_SETUP: &str = "setup";

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn every_state_is_stored_under_its_kind_and_read_back() {
        let states = [
            FlowState::Request(RequestFlow::default()),
            FlowState::Status(StatusFlow {
                history_page: Some(2),
            }),
            FlowState::Register(RegisterFlow {
                selected: Some(7),
                confirm_remove: true,
            }),
            FlowState::Queue(QueueFlow::default()),
            FlowState::Setup(SetupFlow::default()),
        ];
        for state in states {
            let (kind, json) = state.to_stored().unwrap();
            assert_eq!(kind, state.kind());
            assert!(
                !json.contains("\"kind\""),
                "the state alone is stored: {json}"
            );
            assert_eq!(FlowState::from_stored(kind, &json).unwrap(), state);
        }
    }

    #[test]
    fn an_unknown_kind_or_a_state_that_does_not_fit_its_kind_is_refused() {
        assert!(FlowState::from_stored("nonsense", "{}").is_err());
        assert!(FlowState::from_stored("status", r#"{"history_page":"two"}"#).is_err());
        assert!(FlowState::from_stored("register", "not json").is_err());
    }

    #[test]
    fn rows_written_before_the_enum_read_back() {
        // A status session as PR 1's adapter stored it (kind column + bare state).
        let read = FlowState::from_stored("status", r#"{"history_page":null}"#).unwrap();
        assert_eq!(read, FlowState::Status(StatusFlow { history_page: None }));
    }
}
