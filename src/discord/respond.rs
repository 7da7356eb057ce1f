//! Answering one interaction: within Discord's 3 seconds, exactly once. The responder
//! also measures the time to the first answer and keeps the interaction's outcome for its
//! log span and metrics.
//!
//! It remembers whether it deferred: after "thinking…" (a deferred message) or a deferred
//! update, a later `ephemeral`, `ephemeral_screen` or `update` becomes the right webhook
//! call (an edit of `@original`, or a private followup), so code that must ask Discord
//! before it knows its answer defers first and answers the same way as code that did not.

use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use serenity::all::{
    AutocompleteChoice, Builder, CreateAutocompleteResponse, CreateInteractionResponse,
    CreateInteractionResponseMessage, Http, InteractionId,
};

use super::render;
use super::rest::{self, Lane, Rest};
use crate::flow::refusal::Refusal;
use crate::flow::ui::{Modal, Screen};
use crate::i18n::{Locale, Texts};

/// Nothing sent yet.
const FIRST_NONE: u8 = 0;
/// A message, update, modal or autocomplete answer.
const FIRST_ANSWER: u8 = 1;
/// "Thinking…", privately: the answer is an edit of `@original`.
const FIRST_DEFERRED_MESSAGE: u8 = 2;
/// A deferred update: `@original` is the clicked message.
const FIRST_DEFERRED_UPDATE: u8 = 3;

/// How an interaction ended, when it is neither plain success nor a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A flow submitted its request.
    Completed,
    /// A flow was cancelled by its member.
    Cancelled,
    /// The clicked message was behind its flow; it now shows the current step.
    Resynced,
    /// Handling it panicked (the member was still answered).
    Panicked,
}

pub struct Responder {
    http: Arc<Http>,
    rest: Arc<Rest>,
    id: InteractionId,
    token: String,
    /// "command", "component", "modal" or "autocomplete": the metrics' `kind` label.
    kind: &'static str,
    received: Instant,
    answered: AtomicBool,
    /// What the first answer was: one of the `FIRST_*` values.
    first: AtomicU8,
    answer_failed: AtomicBool,
    outcome: OnceLock<&'static str>,
    /// The custom ids on the message the interaction came from (which step it shows).
    shown: Vec<String>,
    /// The member's language (the interaction's `locale`): what they read. Shared
    /// messages read the guild's (`Bot::guild_texts`).
    texts: Texts,
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
            first: AtomicU8::new(FIRST_NONE),
            answer_failed: AtomicBool::new(false),
            outcome: OnceLock::new(),
            shown: Vec::new(),
            texts: Texts::ENGLISH,
        }
    }

    /// Notes the member's language, as the interaction carries it (a Discord code; one
    /// craftdesk does not ship reads English).
    #[must_use]
    pub fn reading(self, locale: &str) -> Self {
        Self {
            texts: Locale::or_english(locale).texts(),
            ..self
        }
    }

    /// The texts of the member's language: everything they read in this interaction's
    /// answers and their own flow message.
    pub fn texts(&self) -> Texts {
        self.texts
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
        let first = match &response {
            CreateInteractionResponse::Defer(_) => FIRST_DEFERRED_MESSAGE,
            CreateInteractionResponse::Acknowledge => FIRST_DEFERRED_UPDATE,
            _ => FIRST_ANSWER,
        };
        let _ = self
            .first
            .compare_exchange(FIRST_NONE, first, Ordering::AcqRel, Ordering::Acquire);
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

    /// Names how the interaction ended when it is neither plain success nor a refusal;
    /// the first outcome noted stands.
    pub fn mark(&self, outcome: Outcome) {
        self.note(match outcome {
            Outcome::Completed => "completed",
            Outcome::Cancelled => "cancelled",
            Outcome::Resynced => "resynced",
            Outcome::Panicked => "panicked",
        });
    }

    fn note(&self, outcome: &'static str) {
        let _ = self.outcome.set(outcome);
    }

    /// Tells the member why nothing (or not everything) was done, privately, and counts
    /// the interaction as that refusal: the one place a [`Refusal`] becomes an answer.
    pub async fn refuse(&self, refusal: &Refusal) {
        self.note(refusal.outcome());
        self.ephemeral(&refusal.reply_in(self.texts)).await;
    }

    /// The same, replacing the first answer (an "Opening…" sent before the work failed).
    pub async fn refuse_in_place(&self, refusal: &Refusal) {
        self.note(refusal.outcome());
        self.edit_original(&refusal.reply_in(self.texts)).await;
    }

    /// The same, in place of the clicked message (a flow whose message must say it ended).
    pub async fn refuse_by_update(&self, refusal: &Refusal) {
        self.note(refusal.outcome());
        self.update(&Screen::text(refusal.reply_in(self.texts)))
            .await;
    }

    /// Whether anything was sent yet.
    pub fn answered(&self) -> bool {
        self.first() != FIRST_NONE
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

    /// What was sent first, if anything.
    fn first(&self) -> u8 {
        self.first.load(Ordering::Acquire)
    }

    /// A private reply only the member sees.
    pub async fn ephemeral(&self, text: &str) {
        self.ephemeral_screen(&Screen::text(text)).await;
    }

    /// A private reply showing `screen`: the answer itself, the deferred reply's content,
    /// or (after a deferred update or another answer) a private followup.
    pub async fn ephemeral_screen(&self, screen: &Screen) {
        match self.first() {
            FIRST_NONE => {
                self.send(CreateInteractionResponse::Message(render::response(
                    screen, true,
                )))
                .await;
            }
            FIRST_DEFERRED_MESSAGE => self.edit_original_screen(screen).await,
            _ => self.followup(screen).await,
        }
    }

    /// "Thinking…", privately: for work that must ask Discord before it can answer. The
    /// answer that follows (`ephemeral`, `ephemeral_screen`, `update`) fills it in. Does
    /// nothing once something was sent.
    pub async fn defer_ephemeral(&self) {
        if self.first() == FIRST_NONE {
            self.send(CreateInteractionResponse::Defer(
                CreateInteractionResponseMessage::new().ephemeral(true),
            ))
            .await;
        }
    }

    /// Acknowledges a click without changing its message yet; a later `update` edits it,
    /// a later `ephemeral` is a private followup. Does nothing once something was sent.
    pub async fn defer_update(&self) {
        if self.first() == FIRST_NONE {
            self.send(CreateInteractionResponse::Acknowledge).await;
        }
    }

    /// Updates the message the component is on (or, after a deferral, `@original`).
    pub async fn update(&self, screen: &Screen) {
        match self.first() {
            FIRST_NONE => {
                self.send(CreateInteractionResponse::UpdateMessage(render::response(
                    screen, false,
                )))
                .await;
            }
            _ => self.edit_original_screen(screen).await,
        }
    }

    /// Opens a form. Only a first answer can: after a deferral the member is asked to
    /// click again (a bug if it ever shows; logged as one).
    pub async fn modal(&self, modal: &Modal) {
        if self.first() == FIRST_NONE {
            self.send(CreateInteractionResponse::Modal(render::modal(modal)))
                .await;
        } else {
            tracing::error!("a form was asked for after the interaction was answered");
            self.followup(&Screen::text("Please click that button again."))
                .await;
        }
    }

    pub async fn autocomplete(&self, choices: Vec<AutocompleteChoice>) {
        self.send(CreateInteractionResponse::Autocomplete(
            CreateAutocompleteResponse::new().set_choices(choices),
        ))
        .await;
    }

    /// A private reply carrying a file: the answer itself, the deferred reply's content, or
    /// a private followup.
    pub async fn ephemeral_file(&self, text: &str, filename: &str, bytes: Vec<u8>) {
        let file = serenity::all::CreateAttachment::bytes(bytes, filename);
        match self.first() {
            FIRST_NONE => {
                self.send(CreateInteractionResponse::Message(
                    CreateInteractionResponseMessage::new()
                        .content(text)
                        .ephemeral(true)
                        .add_file(file),
                ))
                .await;
            }
            FIRST_DEFERRED_MESSAGE => {
                let result = self
                    .rest
                    .call(
                        rest::EDIT_ORIGINAL,
                        Lane::Interaction,
                        serenity::all::EditInteractionResponse::new()
                            .content(text)
                            .new_attachment(file)
                            .execute(&*self.http, &self.token),
                    )
                    .await;
                if let Err(err) = result {
                    self.answer_failed.store(true, Ordering::Release);
                    tracing::warn!(%err, "editing the interaction response failed");
                }
            }
            _ => {
                let result = self
                    .rest
                    .call(
                        rest::FOLLOWUP,
                        Lane::Interaction,
                        serenity::all::CreateInteractionResponseFollowup::new()
                            .content(text)
                            .ephemeral(true)
                            .add_file(file)
                            .execute(&*self.http, (None, &self.token)),
                    )
                    .await;
                if let Err(err) = result {
                    self.answer_failed.store(true, Ordering::Release);
                    tracing::warn!(%err, "a followup to the interaction failed");
                }
            }
        }
    }

    /// Replaces the deferred reply's text.
    pub async fn edit_original(&self, text: &str) {
        self.edit_original_screen(&Screen::text(text)).await;
    }

    /// Replaces the original response (the deferred reply, or the clicked message after a
    /// deferred update) with `screen`.
    async fn edit_original_screen(&self, screen: &Screen) {
        let result = self
            .rest
            .call(
                rest::EDIT_ORIGINAL,
                Lane::Interaction,
                render::edit_original(screen).execute(&*self.http, &self.token),
            )
            .await;
        if let Err(err) = result {
            self.answer_failed.store(true, Ordering::Release);
            tracing::warn!(%err, "editing the interaction response failed");
        }
    }

    /// A private message after the first answer.
    async fn followup(&self, screen: &Screen) {
        let result = self
            .rest
            .call(
                rest::FOLLOWUP,
                Lane::Interaction,
                render::followup(screen).execute(&*self.http, (None, &self.token)),
            )
            .await;
        if let Err(err) = result {
            self.answer_failed.store(true, Ordering::Release);
            tracing::warn!(%err, "a followup to the interaction failed");
        }
    }
}
