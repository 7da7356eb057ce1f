//! `/register` (My characters): add, edit and remove characters — name, main or alt, and
//! professions. Names are unique per member and guild; one main per member; removing a
//! character cancels its open requests, after a confirmation that says how many.

use super::refusal::{Refusal, Where};
use super::step::Input;
use std::collections::HashMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::custom_id::{flow_id, Action, Form, Menu};
use super::input::{CharacterName, MAX_NAME_CHARS};
use super::text::{neutralise, truncate};
use super::ui::{Button, ButtonStyle, Card, Modal, Row, Screen, Select, SelectOption, TextInput};
use crate::domain::{Character, SessionKey};
use crate::i18n::Texts;
use crate::{msg, t};

pub use crate::domain::MAX_CHARACTERS;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RegisterFlow {
    pub selected: Option<i64>,
    #[serde(default)]
    pub confirm_remove: bool,
}

/// A character as typed in the modal, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharacterForm {
    pub name: CharacterName,
    pub main: bool,
    pub professions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Effect {
    #[default]
    None,
    Add(CharacterForm),
    Update(i64, CharacterForm),
    /// Remove the character and cancel its open requests.
    Remove(i64),
}

pub struct Context<'a> {
    pub key: &'a SessionKey,
    pub characters: &'a [Character],
    /// Open requests per character id.
    pub open_requests: &'a HashMap<i64, u32>,
    /// Profession keys of the catalog, for checking what is typed.
    pub professions: &'a [String],
    /// The texts of the member's language.
    pub texts: Texts,
}

/// A register step's decision.
pub type Transition = super::step::Transition<RegisterFlow, Effect>;

/// Applies a click, a pick or a form. A change to the characters (`Add`, `Update`,
/// `Remove`) is shown once stored (`Reply::Refresh`); anything else is shown at once.
#[must_use]
pub fn step(flow: &RegisterFlow, input: Input<'_>, ctx: &Context<'_>) -> Transition {
    let selected = flow
        .selected
        .and_then(|id| ctx.characters.iter().find(|c| c.id == id));
    let show = |next: RegisterFlow| {
        let screen = render(&next, ctx);
        Transition::show(next, screen)
    };
    let outcome = match input {
        Input::Click(Action::Modal(Form::RegisterCharacter)) => {
            if ctx.characters.len() >= MAX_CHARACTERS {
                return Transition::refused(Refusal::Limit(crate::domain::TOO_MANY_CHARACTERS));
            }
            return Transition::modal(modal(ctx, Form::RegisterCharacter, None));
        }
        Input::Click(Action::Modal(Form::EditCharacter)) => match selected {
            Some(character) => {
                return Transition::modal(modal(ctx, Form::EditCharacter, Some(character)))
            }
            None => Err(STALE),
        },
        Input::Submit(Form::RegisterCharacter, fields) => {
            parse_form(fields, ctx, None).and_then(|form| {
                if ctx.characters.len() >= MAX_CHARACTERS {
                    return Err(Refusal::Limit(crate::domain::TOO_MANY_CHARACTERS));
                }
                Ok(Transition::after(
                    RegisterFlow::default(),
                    Effect::Add(form),
                ))
            })
        }
        Input::Submit(Form::EditCharacter, fields) => selected.ok_or(STALE).and_then(|character| {
            let form = parse_form(fields, ctx, Some(character.id))?;
            Ok(Transition::after(
                flow.clone(),
                Effect::Update(character.id, form),
            ))
        }),
        Input::Select(Menu::ManageCharacter, [value]) => ctx
            .characters
            .iter()
            .find(|c| c.id.to_string() == *value)
            .ok_or_else(|| Refusal::Invalid(msg!("register-refusal-gone")))
            .map(|character| {
                show(RegisterFlow {
                    selected: Some(character.id),
                    confirm_remove: false,
                })
            }),
        Input::Click(Action::RemoveCharacter) if selected.is_some() => Ok(show(RegisterFlow {
            selected: flow.selected,
            confirm_remove: true,
        })),
        Input::Click(Action::ConfirmRemove) if flow.confirm_remove => {
            selected.ok_or(STALE).map(|character| {
                Transition::after(RegisterFlow::default(), Effect::Remove(character.id))
            })
        }
        Input::Click(Action::Back) => Ok(show(RegisterFlow::default())),
        _ => Err(STALE),
    };
    outcome.unwrap_or_else(Transition::refused)
}

const STALE: Refusal = Refusal::Stale(Where::Register);

fn parse_form(
    fields: &[(String, String)],
    ctx: &Context<'_>,
    editing: Option<i64>,
) -> Result<CharacterForm, Refusal> {
    let get = |id: &str| {
        fields
            .iter()
            .find(|(k, _)| k == id)
            .map_or("", |(_, v)| v.as_str())
    };
    let name = CharacterName::parse(get("name"))?;
    if ctx
        .characters
        .iter()
        .any(|c| Some(c.id) != editing && c.name.to_lowercase() == name.folded())
    {
        return Err(Refusal::Invalid(msg!(
            "register-refusal-taken",
            name = neutralise(name.as_str())
        )));
    }
    let main = match get("kind").trim().to_lowercase().as_str() {
        "main" => true,
        "alt" | "" => false,
        other => {
            return Err(Refusal::Invalid(msg!(
                "register-refusal-kind",
                typed = format!("{:?}", truncate(other, 20))
            )))
        }
    };
    let mut professions = Vec::new();
    for part in get("professions")
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let key = part.to_lowercase();
        if !ctx.professions.contains(&key) {
            return Err(Refusal::Invalid(msg!(
                "register-refusal-profession",
                typed = truncate(&neutralise(part), 40),
                known = ctx.professions.join(", ")
            )));
        }
        if !professions.contains(&key) {
            professions.push(key);
        }
    }
    Ok(CharacterForm {
        name,
        main,
        professions,
    })
}

fn modal(ctx: &Context<'_>, form: Form, character: Option<&Character>) -> Modal {
    let texts = ctx.texts;
    Modal {
        custom_id: flow_id(ctx.key, Action::Modal(form)),
        title: if character.is_some() {
            t!(texts, "register-modal-edit")
        } else {
            t!(texts, "register-modal-add")
        },
        inputs: vec![
            TextInput {
                min_length: Some(2),
                max_length: Some(u16::try_from(MAX_NAME_CHARS).unwrap_or(32)),
                value: character.map(|c| c.name.clone()),
                ..TextInput::short("name", &t!(texts, "register-input-name"))
            },
            TextInput {
                max_length: Some(4),
                value: Some(match character {
                    Some(c) if c.main => "main".to_owned(),
                    None if ctx.characters.is_empty() => "main".to_owned(),
                    Some(_) | None => "alt".to_owned(),
                }),
                ..TextInput::short("kind", &t!(texts, "register-input-kind"))
            },
            TextInput {
                required: false,
                max_length: Some(200),
                value: character.map(|c| c.professions.join(", ")),
                placeholder: Some(truncate(&ctx.professions.join(", "), 100)),
                ..TextInput::short("professions", &t!(texts, "register-input-professions"))
            },
        ],
    }
}

/// The menu of the member's characters, to edit or remove one.
fn character_menu(ctx: &Context<'_>) -> Select {
    let texts = ctx.texts;
    Select {
        custom_id: flow_id(ctx.key, Action::Select(Menu::ManageCharacter)),
        placeholder: t!(texts, "register-placeholder-manage"),
        options: ctx
            .characters
            .iter()
            .take(25)
            .map(|c| SelectOption {
                label: truncate(&c.name, 100),
                value: c.id.to_string(),
                description: Some(if c.main {
                    t!(texts, "register-character-main")
                } else {
                    t!(texts, "register-character-alt")
                }),
            })
            .collect(),
        min_values: 1,
        max_values: 1,
    }
}

/// The `/register` message.
#[must_use]
pub fn render(flow: &RegisterFlow, ctx: &Context<'_>) -> Screen {
    let key = ctx.key;
    let texts = ctx.texts;
    let mut list = String::new();
    for c in ctx.characters {
        let professions = if c.professions.is_empty() {
            String::new()
        } else {
            format!(" · {}", c.professions.join(", "))
        };
        let _ = writeln!(
            list,
            "{} **{}**{professions}",
            if c.main { "⭐" } else { "•" },
            neutralise(&c.name)
        );
    }
    if list.is_empty() {
        list.push_str(&t!(texts, "register-empty"));
    }
    let mut rows = Vec::new();
    let selected = flow
        .selected
        .and_then(|id| ctx.characters.iter().find(|c| c.id == id));
    let content = match selected {
        Some(c) if flow.confirm_remove => {
            let open = ctx.open_requests.get(&c.id).copied().unwrap_or(0);
            rows.push(Row::Buttons(vec![
                Button::new(
                    flow_id(key, Action::ConfirmRemove),
                    &t!(texts, "register-button-remove"),
                    ButtonStyle::Danger,
                ),
                Button::new(
                    flow_id(key, Action::Back),
                    &t!(texts, "register-button-keep"),
                    ButtonStyle::Secondary,
                ),
            ]));
            t!(
                texts,
                "register-header-remove",
                name = neutralise(&c.name),
                open = open
            )
        }
        Some(c) => {
            rows.push(Row::Buttons(vec![
                Button::new(
                    flow_id(key, Action::Modal(Form::EditCharacter)),
                    &t!(texts, "register-button-edit"),
                    ButtonStyle::Primary,
                ),
                Button::new(
                    flow_id(key, Action::RemoveCharacter),
                    &t!(texts, "register-button-remove"),
                    ButtonStyle::Danger,
                ),
                Button::new(
                    flow_id(key, Action::Back),
                    &t!(texts, "register-button-back"),
                    ButtonStyle::Secondary,
                ),
            ]));
            t!(
                texts,
                "register-header-selected",
                name = neutralise(&c.name)
            )
        }
        None => {
            if !ctx.characters.is_empty() {
                rows.push(Row::Select(character_menu(ctx)));
            }
            rows.push(Row::Buttons(vec![Button::new(
                flow_id(key, Action::Modal(Form::RegisterCharacter)),
                &t!(texts, "register-button-add"),
                ButtonStyle::Success,
            )
            .disabled(ctx.characters.len() >= MAX_CHARACTERS)]));
            t!(texts, "register-header-count", count = ctx.characters.len())
        }
    };
    Screen {
        content,
        card: Some(Card {
            title: t!(texts, "register-card-title"),
            description: truncate(&list, 4_000),
            fields: Vec::new(),
            colour: 0x009b_59b6,
        }),
        rows,
    }
}
