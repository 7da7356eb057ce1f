//! What a flow shows, described without serenity: messages, buttons, menus, modals.
//!
//! The Discord adapter turns these into serenity builders; tests read them directly.

use super::text::truncate;

/// A message the flow shows (its one message, updated in place at each step).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Screen {
    pub content: String,
    pub card: Option<Card>,
    pub rows: Vec<Row>,
}

/// An embed: a title, a description and fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Card {
    pub title: String,
    pub description: String,
    pub fields: Vec<(String, String)>,
    pub colour: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Buttons(Vec<Button>),
    Select(Select),
    /// A menu of the server's members (Discord fills it in; one pick).
    Users(UserSelect),
    /// A menu of the server's channels or roles (Discord fills it in).
    Picker(Picker),
}

/// A channel or role menu: Discord lists the server's channels (of `channel_types`) or
/// roles, and sends the picks with their resolved data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub custom_id: String,
    pub placeholder: String,
    pub kind: PickerKind,
    pub min_values: u8,
    pub max_values: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerKind {
    /// Channels of these Discord channel types (0 text, 4 category, 5 announcement).
    Channels(Vec<u8>),
    Roles,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserSelect {
    pub custom_id: String,
    pub placeholder: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
    pub style: ButtonStyle,
    pub disabled: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonStyle {
    Primary,
    Secondary,
    Success,
    Danger,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Select {
    pub custom_id: String,
    pub placeholder: String,
    pub options: Vec<SelectOption>,
    pub min_values: u8,
    pub max_values: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectOption {
    pub label: String,
    pub value: String,
    pub description: Option<String>,
}

impl SelectOption {
    /// A request in a menu: "#12 Enchant Boots ×2", the character below, its number as the
    /// value.
    #[must_use]
    pub fn request(number: u32, item: &str, quantity: u32, character: &str) -> Self {
        Self {
            label: truncate(&format!("#{number} {item} ×{quantity}"), 100),
            value: number.to_string(),
            description: Some(truncate(character, 100)),
        }
    }
}

/// A modal: a title and 1–5 text inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modal {
    pub custom_id: String,
    pub title: String,
    pub inputs: Vec<TextInput>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextInput {
    pub id: String,
    pub label: String,
    pub long: bool,
    pub required: bool,
    pub min_length: Option<u16>,
    pub max_length: Option<u16>,
    pub value: Option<String>,
    pub placeholder: Option<String>,
}

impl Button {
    #[must_use]
    pub fn new(custom_id: String, label: &str, style: ButtonStyle) -> Self {
        Self {
            custom_id,
            label: label.to_owned(),
            style,
            disabled: false,
        }
    }

    #[must_use]
    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }
}

impl Screen {
    /// The same screen with every component disabled (an ended or expired flow).
    #[must_use]
    pub fn disabled(mut self) -> Self {
        for row in &mut self.rows {
            if let Row::Buttons(buttons) = row {
                for button in buttons {
                    button.disabled = true;
                }
            }
        }
        self.rows.retain(|row| matches!(row, Row::Buttons(_)));
        self
    }

    /// A screen of text only.
    #[must_use]
    pub fn text(content: impl Into<String>) -> Self {
        Self {
            content: content.into(),
            ..Self::default()
        }
    }

    /// The custom ids of its buttons and menus, in order: which step a message shows.
    #[must_use]
    pub fn custom_ids(&self) -> Vec<&str> {
        self.rows
            .iter()
            .flat_map(|row| match row {
                Row::Buttons(buttons) => buttons.iter().map(|b| b.custom_id.as_str()).collect(),
                Row::Select(select) => vec![select.custom_id.as_str()],
                Row::Users(users) => vec![users.custom_id.as_str()],
                Row::Picker(picker) => vec![picker.custom_id.as_str()],
            })
            .collect()
    }
}

impl TextInput {
    #[must_use]
    pub fn short(id: &str, label: &str) -> Self {
        Self {
            id: id.to_owned(),
            label: label.to_owned(),
            long: false,
            required: true,
            min_length: None,
            max_length: None,
            value: None,
            placeholder: None,
        }
    }
}
