//! Answering one interaction: within Discord's 3 seconds, exactly once. The responder
//! also measures the time to the first answer and keeps the interaction's outcome for its
//! log span and metrics.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use serenity::all::{
    AutocompleteChoice, Builder, CreateAutocompleteResponse, CreateInteractionResponse,
    CreateInteractionResponseMessage, Http, InteractionId,
};

use super::render;
use super::rest::{self, Lane, Rest};
use crate::flow::ui::{Modal, Screen};

pub struct Responder {
    http: Arc<Http>,
    rest: Arc<Rest>,
    id: InteractionId,
    token: String,
    /// "command", "component", "modal" or "autocomplete": the metrics' `kind` label.
    kind: &'static str,
    received: Instant,
    answered: AtomicBool,
    answer_failed: AtomicBool,
    outcome: OnceLock<&'static str>,
    /// The custom ids on the message the interaction came from (which step it shows).
    shown: Vec<String>,
}

impl Responder {
    pub fn new(
        http: Arc<Http>,
        rest: Arc<Rest>,
        id: InteractionId,
        token: &str,
        kind: &'static str,
    ) -> Self {
        Self {
            http,
            rest,
            id,
            token: token.to_owned(),
            kind,
            received: Instant::now(),
            answered: AtomicBool::new(false),
            answer_failed: AtomicBool::new(false),
            outcome: OnceLock::new(),
            shown: Vec::new(),
        }
    }

    /// Notes the custom ids on the message the interaction came from.
    #[must_use]
    pub fn showing(self, shown: Vec<String>) -> Self {
        Self { shown, ..self }
    }

    /// The custom ids on the message the interaction came from (empty if none).
    pub fn shown(&self) -> &[String] {
        &self.shown
    }

    async fn send(&self, response: CreateInteractionResponse) {
        let result = self
            .rest
            .call(
                rest::INTERACTION_CALLBACK,
                Lane::Interaction,
                response.execute(&*self.http, (self.id, &self.token)),
            )
            .await;
        if !self.answered.swap(true, Ordering::AcqRel) {
            crate::metrics::interaction_answered(self.kind, self.received.elapsed());
        }
        if let Err(err) = result {
            self.answer_failed.store(true, Ordering::Release);
            tracing::warn!(%err, "answering the interaction failed");
        }
    }

    /// Names how the interaction ended when it is not plain success ("expired",
    /// "conflict", "error", …); the first one set stands.
    pub fn set_outcome(&self, outcome: &'static str) {
        let _ = self.outcome.set(outcome);
    }

    /// How the interaction ended: `answer_failed` if Discord refused our answer, else the
    /// outcome set by the flow, else `ok` (or `unanswered` if nothing was sent).
    pub fn outcome(&self) -> &'static str {
        if self.answer_failed.load(Ordering::Acquire) {
            "answer_failed"
        } else if let Some(outcome) = self.outcome.get() {
            outcome
        } else if self.answered.load(Ordering::Acquire) {
            "ok"
        } else {
            "unanswered"
        }
    }

    /// A private reply only the member sees.
    pub async fn ephemeral(&self, text: &str) {
        self.send(CreateInteractionResponse::Message(render::response(
            &Screen::text(text),
            true,
        )))
        .await;
    }

    /// A private reply showing `screen`.
    pub async fn ephemeral_screen(&self, screen: &Screen) {
        self.send(CreateInteractionResponse::Message(render::response(
            screen, true,
        )))
        .await;
    }

    /// "Thinking…", privately: for work that may take longer than 3 s.
    pub async fn defer_ephemeral(&self) {
        self.send(CreateInteractionResponse::Defer(
            CreateInteractionResponseMessage::new().ephemeral(true),
        ))
        .await;
    }

    /// Updates the message the component is on.
    pub async fn update(&self, screen: &Screen) {
        self.send(CreateInteractionResponse::UpdateMessage(render::response(
            screen, false,
        )))
        .await;
    }

    pub async fn modal(&self, modal: &Modal) {
        self.send(CreateInteractionResponse::Modal(render::modal(modal)))
            .await;
    }

    pub async fn autocomplete(&self, choices: Vec<AutocompleteChoice>) {
        self.send(CreateInteractionResponse::Autocomplete(
            CreateAutocompleteResponse::new().set_choices(choices),
        ))
        .await;
    }

    /// Replaces the deferred reply's text.
    pub async fn edit_original(&self, text: &str) {
        let result = self
            .rest
            .call(
                rest::EDIT_ORIGINAL,
                Lane::Interaction,
                render::edit_original(text).execute(&*self.http, &self.token),
            )
            .await;
        if let Err(err) = result {
            tracing::warn!(%err, "editing the interaction response failed");
        }
    }
}
