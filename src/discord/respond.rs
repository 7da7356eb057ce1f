//! Answering one interaction: within Discord's 3 seconds, exactly once.

use std::sync::Arc;

use serenity::all::{
    AutocompleteChoice, Builder, CreateAutocompleteResponse, CreateInteractionResponse,
    CreateInteractionResponseMessage, Http, InteractionId,
};

use super::render;
use crate::flow::ui::{Modal, Screen};

pub struct Responder {
    http: Arc<Http>,
    id: InteractionId,
    token: String,
}

impl Responder {
    pub fn new(http: Arc<Http>, id: InteractionId, token: &str) -> Self {
        Self {
            http,
            id,
            token: token.to_owned(),
        }
    }

    async fn send(&self, response: CreateInteractionResponse) {
        if let Err(err) = response.execute(&*self.http, (self.id, &self.token)).await {
            tracing::warn!(%err, "answering the interaction failed");
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
        if let Err(err) = render::edit_original(text)
            .execute(&*self.http, &self.token)
            .await
        {
            tracing::warn!(%err, "editing the interaction response failed");
        }
    }
}
