//! The bot's answer to a scripted action, and the follow-on actions on it (click, select, modal submit).

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::sync::watch;

use super::{ScriptedUser, MODAL_SUBMIT};
use crate::error::Error;
use crate::model::{flatten_components, Message};
use crate::snowflake::Snowflake;
use crate::state::InteractionEvent;

/// One autocomplete choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub name: String,
    pub value: Value,
}

/// What the bot answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyKind {
    /// A new message (callback type 4).
    Message,
    /// The clicked message was updated in place (type 7).
    Update,
    /// A modal opened (type 9).
    Modal,
    /// "Thinking…" (type 5); see [`Reply::settled`].
    Deferred,
    /// Acknowledged, the message will be edited later (type 6); see [`Reply::settled`].
    DeferredUpdate,
    /// Autocomplete choices (type 8).
    Autocomplete,
    /// A followup message after the first answer.
    Followup,
    /// An edit of `@original` or of a followup after the first answer.
    Edit,
}

/// The bot's answer to one interaction, with the message it shows and how long it took.
#[derive(Debug, Clone)]
pub struct Reply {
    pub kind: ReplyKind,
    pub content: String,
    pub embeds: Vec<Value>,
    /// Action rows (for a modal: its rows of text inputs).
    pub components: Vec<Value>,
    pub ephemeral: bool,
    /// The message shown (created, updated or edited), as stored when the answer arrived.
    pub message: Option<Message>,
    /// For a modal: its title and custom id.
    pub title: Option<String>,
    pub custom_id: Option<String>,
    /// For autocomplete.
    pub choices: Vec<Choice>,
    /// From dispatch of the interaction to this answer.
    pub latency: Duration,
    pub interaction_id: Snowflake,
    user: ScriptedUser,
    /// How many of the interaction's events this reply has seen.
    seen: usize,
}

/// Waits for the interaction's event number `index` (0 = the callback) and turns it into a [`Reply`].
pub(super) async fn wait_for_event(
    user: &ScriptedUser,
    interaction_id: Snowflake,
    mut rx: watch::Receiver<usize>,
    index: usize,
    deadline: Instant,
    waiting_for: &str,
) -> Result<Reply, Error> {
    // The watch's `Ref` holds its lock: it must be gone before the state is locked, since
    // `InteractionRecord::push` updates the watch with the state locked (lock order).
    let arrived = matches!(
        tokio::time::timeout_at(deadline.into(), rx.wait_for(|n| *n > index)).await,
        Ok(Ok(_))
    );
    if !arrived {
        return Err(user.timeout_error(waiting_for, interaction_id));
    }
    let state = user.shared.state();
    let rec = state
        .interactions
        .get(&interaction_id)
        .ok_or_else(|| Error::Invalid("the interaction vanished".into()))?;
    let (at, event) = rec
        .events
        .get(index)
        .cloned()
        .ok_or_else(|| Error::Invalid("the interaction has no such event".into()))?;
    let mut reply = Reply {
        kind: ReplyKind::Message,
        content: String::new(),
        embeds: Vec::new(),
        components: Vec::new(),
        ephemeral: false,
        message: None,
        title: None,
        custom_id: None,
        choices: Vec::new(),
        latency: at.saturating_duration_since(rec.dispatched_at),
        interaction_id,
        user: user.clone(),
        seen: index + 1,
    };
    let message_id = match event {
        InteractionEvent::Callback { kind, data } => {
            reply.kind = match kind {
                7 => ReplyKind::Update,
                9 => ReplyKind::Modal,
                5 => ReplyKind::Deferred,
                6 => ReplyKind::DeferredUpdate,
                8 => ReplyKind::Autocomplete,
                _ => ReplyKind::Message,
            };
            match kind {
                8 => {
                    reply.choices = data["choices"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|c| Choice {
                            name: c["name"].as_str().unwrap_or_default().to_owned(),
                            value: c["value"].clone(),
                        })
                        .collect();
                    None
                }
                9 => {
                    reply.title = data["title"].as_str().map(str::to_owned);
                    reply.custom_id = data["custom_id"].as_str().map(str::to_owned);
                    reply.components = data["components"].as_array().cloned().unwrap_or_default();
                    None
                }
                _ => rec.original_message_id,
            }
        }
        InteractionEvent::Edited(id) => {
            reply.kind = ReplyKind::Edit;
            Some(id)
        }
        InteractionEvent::Followup(id) => {
            reply.kind = ReplyKind::Followup;
            Some(id)
        }
    };
    if let Some(m) = message_id.and_then(|id| state.messages.get(&id)) {
        reply.content.clone_from(&m.content);
        reply.embeds.clone_from(&m.embeds);
        reply.components.clone_from(&m.components);
        reply.ephemeral = m.is_ephemeral();
        reply.message = Some(m.clone());
    }
    Ok(reply)
}

impl Reply {
    /// The user who got this answer.
    #[must_use]
    pub fn user(&self) -> &ScriptedUser {
        &self.user
    }

    /// Content plus embed text (titles, descriptions, fields, footers).
    #[must_use]
    pub fn text(&self) -> String {
        self.message
            .as_ref()
            .map_or_else(|| self.content.clone(), Message::text)
    }

    /// The option values of a select menu (by custom id or placeholder) in the answer.
    #[must_use]
    pub fn select_values(&self, select: &str) -> Vec<String> {
        crate::model::select_values(&self.components, select)
    }

    /// Button labels of the answer, in order.
    #[must_use]
    pub fn button_labels(&self) -> Vec<String> {
        self.message
            .as_ref()
            .map(Message::button_labels)
            .unwrap_or_default()
    }

    /// Waits for the next thing the bot does with this interaction (an edit of `@original` or a followup).
    pub async fn next_update(&self) -> Result<Reply, Error> {
        let deadline = Instant::now() + self.user.timeout;
        let rx = {
            let state = self.user.shared.state();
            let rec = state
                .interactions
                .get(&self.interaction_id)
                .ok_or_else(|| Error::Invalid("the interaction vanished".into()))?;
            rec.notify.subscribe()
        };
        let what = format!("an edit or followup after the {:?} answer", self.kind);
        wait_for_event(
            &self.user,
            self.interaction_id,
            rx,
            self.seen,
            deadline,
            &what,
        )
        .await
    }

    /// After a deferred answer, waits for the real one (edit of `@original` or followup); otherwise returns itself.
    pub async fn settled(&self) -> Result<Reply, Error> {
        match self.kind {
            ReplyKind::Deferred | ReplyKind::DeferredUpdate => self.next_update().await,
            _ => Ok(self.clone()),
        }
    }

    fn shown_message(&self) -> Result<Message, Error> {
        self.message.clone().ok_or_else(|| {
            Error::Invalid(format!(
                "the answer ({:?}) shows no message to interact with",
                self.kind
            ))
        })
    }

    /// Clicks the button with this custom id on the answer's message.
    pub async fn click(&self, custom_id: &str) -> Result<Reply, Error> {
        self.user.click_in(&self.shown_message()?, custom_id).await
    }

    /// Clicks the button with this label on the answer's message.
    pub async fn click_label(&self, label: &str) -> Result<Reply, Error> {
        self.user.click_in(&self.shown_message()?, label).await
    }

    /// Picks values in a select menu (by custom id or placeholder) on the answer's message.
    pub async fn select(&self, select: &str, values: &[&str]) -> Result<Reply, Error> {
        self.user
            .select_in(&self.shown_message()?, select, values)
            .await
    }

    /// Fills and submits the modal this answer opened: `&[("qty", "2")]` by text input custom id.
    pub async fn submit_modal(&self, fields: &[(&str, &str)]) -> Result<Reply, Error> {
        if self.kind != ReplyKind::Modal {
            return Err(Error::Invalid(format!(
                "the answer is {:?}, not a modal",
                self.kind
            )));
        }
        let inputs: Vec<&Value> = flatten_components(&self.components)
            .into_iter()
            .filter(|c| c["type"] == 4)
            .collect();
        let labelled: Vec<&Value> = self
            .components
            .iter()
            .filter(|c| c["type"] == 18)
            .map(|c| &c["component"])
            .collect();
        let all: Vec<&Value> = inputs.into_iter().chain(labelled).collect();
        let ids: Vec<&str> = all.iter().filter_map(|c| c["custom_id"].as_str()).collect();
        if let Some((bad, _)) = fields.iter().find(|(id, _)| !ids.contains(id)) {
            return Err(Error::Invalid(format!(
                "the modal has no text input {bad:?}; it has {ids:?}"
            )));
        }
        let mut rows = Vec::new();
        for input in &all {
            let id = input["custom_id"].as_str().unwrap_or_default();
            let value = fields
                .iter()
                .find(|(f, _)| *f == id)
                .map_or("", |(_, v)| *v);
            let len = value.chars().count() as u64;
            if input["required"] != false && value.is_empty() {
                return Err(Error::Invalid(format!("text input {id:?} is required")));
            }
            let min = input["min_length"].as_u64().unwrap_or(0);
            let max = input["max_length"].as_u64().unwrap_or(4000);
            if !value.is_empty() && (len < min || len > max) {
                return Err(Error::Invalid(format!(
                    "text input {id:?} takes {min} to {max} characters, not {len}"
                )));
            }
            rows.push(
                json!({"type": 1, "components": [{"type": 4, "custom_id": id, "value": value}]}),
            );
        }
        let data = json!({"custom_id": self.custom_id, "components": rows});
        let (source, channel) = {
            let state = self.user.shared.state();
            let rec = state.interactions.get(&self.interaction_id);
            let source = rec
                .and_then(|r| r.source_message_id)
                .and_then(|id| state.messages.get(&id).cloned());
            (source, rec.map(|r| r.channel_id))
        };
        let user = channel.map_or_else(|| self.user.clone(), |c| self.user.in_channel(c));
        let title = self.title.clone().unwrap_or_default();
        user.interact(
            MODAL_SUBMIT,
            data,
            source.as_ref(),
            format!("submit of modal {title:?}"),
        )
        .await
    }
}

impl std::fmt::Display for Reply {
    /// One line for assertion messages: kind, visibility, text and components.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let visibility = if self.ephemeral { " (ephemeral)" } else { "" };
        write!(f, "{:?}{visibility}", self.kind)?;
        if let Some(title) = &self.title {
            write!(f, " {title:?}")?;
        }
        let text = self.text();
        if !text.is_empty() {
            write!(f, ": {text:?}")?;
        }
        if !self.choices.is_empty() {
            let names: Vec<&str> = self.choices.iter().map(|c| c.name.as_str()).collect();
            write!(f, " choices {names:?}")?;
        }
        if !self.components.is_empty() {
            write!(
                f,
                "; {}",
                super::payload::describe_components(&self.components)
            )?;
        }
        Ok(())
    }
}
