//! Turning the flows' pure UI descriptions into serenity builders.
//!
//! Every message sets `allowed_mentions` to nothing: text members typed can never ping.

use serenity::all::{
    ButtonStyle as SerenityButtonStyle, Colour, CreateActionRow, CreateAllowedMentions,
    CreateButton, CreateEmbed, CreateInputText, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, CreateMessage, CreateModal, CreateSelectMenu,
    CreateSelectMenuKind, CreateSelectMenuOption, EditInteractionResponse, EditMessage,
    InputTextStyle,
};

use crate::flow::limits::{check_modal, check_screen};
use crate::flow::ui::{ButtonStyle, Card, Modal, PickerKind, Row, Screen};

fn no_mentions() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
}

fn embed(card: &Card) -> CreateEmbed {
    let mut embed = CreateEmbed::new()
        .title(&card.title)
        .colour(Colour::new(card.colour));
    if !card.description.is_empty() {
        embed = embed.description(&card.description);
    }
    for (name, value) in &card.fields {
        embed = embed.field(name, value, false);
    }
    embed
}

fn rows(screen: &Screen) -> Vec<CreateActionRow> {
    screen
        .rows
        .iter()
        .map(|row| match row {
            Row::Buttons(buttons) => CreateActionRow::Buttons(
                buttons
                    .iter()
                    .map(|b| {
                        CreateButton::new(&b.custom_id)
                            .label(&b.label)
                            .style(match b.style {
                                ButtonStyle::Primary => SerenityButtonStyle::Primary,
                                ButtonStyle::Secondary => SerenityButtonStyle::Secondary,
                                ButtonStyle::Success => SerenityButtonStyle::Success,
                                ButtonStyle::Danger => SerenityButtonStyle::Danger,
                            })
                            .disabled(b.disabled)
                    })
                    .collect(),
            ),
            Row::Select(select) => {
                let options = select
                    .options
                    .iter()
                    .map(|o| {
                        let option = CreateSelectMenuOption::new(&o.label, &o.value);
                        match &o.description {
                            Some(d) if !d.is_empty() => option.description(d),
                            _ => option,
                        }
                    })
                    .collect();
                CreateActionRow::SelectMenu(
                    CreateSelectMenu::new(
                        &select.custom_id,
                        CreateSelectMenuKind::String { options },
                    )
                    .placeholder(&select.placeholder)
                    .min_values(select.min_values)
                    .max_values(select.max_values),
                )
            }
            Row::Picker(picker) => {
                let kind = match &picker.kind {
                    PickerKind::Channels(types) => CreateSelectMenuKind::Channel {
                        channel_types: Some(
                            types
                                .iter()
                                .map(|t| serenity::all::ChannelType::from(*t))
                                .collect(),
                        ),
                        default_channels: None,
                    },
                    PickerKind::Roles => CreateSelectMenuKind::Role {
                        default_roles: None,
                    },
                };
                CreateActionRow::SelectMenu(
                    CreateSelectMenu::new(&picker.custom_id, kind)
                        .placeholder(&picker.placeholder)
                        .min_values(picker.min_values)
                        .max_values(picker.max_values),
                )
            }
            Row::Users(users) => CreateActionRow::SelectMenu(
                CreateSelectMenu::new(
                    &users.custom_id,
                    CreateSelectMenuKind::User {
                        default_users: None,
                    },
                )
                .placeholder(&users.placeholder)
                .min_values(1)
                .max_values(1),
            ),
        })
        .collect()
}

fn warn_limits(screen: &Screen) {
    let problems = check_screen(screen);
    if !problems.is_empty() {
        tracing::error!(?problems, "a screen breaks Discord's limits");
    }
}

/// An interaction response message (new or update) showing `screen`.
pub fn response(screen: &Screen, ephemeral: bool) -> CreateInteractionResponseMessage {
    warn_limits(screen);
    let mut message = CreateInteractionResponseMessage::new()
        .content(&screen.content)
        .allowed_mentions(no_mentions())
        .components(rows(screen))
        .embeds(screen.card.iter().map(embed).collect());
    if ephemeral {
        message = message.ephemeral(true);
    }
    message
}

/// A new channel message showing `screen`.
pub fn message(screen: &Screen) -> CreateMessage {
    warn_limits(screen);
    CreateMessage::new()
        .content(&screen.content)
        .allowed_mentions(no_mentions())
        .components(rows(screen))
        .embeds(screen.card.iter().map(embed).collect())
}

/// An edit of a channel message to show `screen`.
pub fn edit(screen: &Screen) -> EditMessage {
    warn_limits(screen);
    EditMessage::new()
        .content(&screen.content)
        .allowed_mentions(no_mentions())
        .components(rows(screen))
        .embeds(screen.card.iter().map(embed).collect())
}

/// An edit of the interaction's original response (a deferred reply, or the clicked
/// message after a deferred update) to show `screen`.
pub fn edit_original(screen: &Screen) -> EditInteractionResponse {
    warn_limits(screen);
    EditInteractionResponse::new()
        .content(&screen.content)
        .allowed_mentions(no_mentions())
        .components(rows(screen))
        .embeds(screen.card.iter().map(embed).collect())
}

/// A private followup message showing `screen`.
pub fn followup(screen: &Screen) -> CreateInteractionResponseFollowup {
    warn_limits(screen);
    CreateInteractionResponseFollowup::new()
        .content(&screen.content)
        .allowed_mentions(no_mentions())
        .components(rows(screen))
        .embeds(screen.card.iter().map(embed).collect())
        .ephemeral(true)
}

/// A modal.
pub fn modal(modal: &Modal) -> CreateModal {
    let problems = check_modal(modal);
    if !problems.is_empty() {
        tracing::error!(?problems, "a modal breaks Discord's limits");
    }
    let inputs = modal
        .inputs
        .iter()
        .map(|input| {
            let style = if input.long {
                InputTextStyle::Paragraph
            } else {
                InputTextStyle::Short
            };
            let mut text =
                CreateInputText::new(style, &input.label, &input.id).required(input.required);
            if let Some(min) = input.min_length {
                text = text.min_length(min);
            }
            if let Some(max) = input.max_length {
                text = text.max_length(max);
            }
            if let Some(value) = &input.value {
                text = text.value(value);
            }
            if let Some(placeholder) = &input.placeholder {
                text = text.placeholder(placeholder);
            }
            CreateActionRow::InputText(text)
        })
        .collect();
    CreateModal::new(&modal.custom_id, &modal.title).components(inputs)
}
