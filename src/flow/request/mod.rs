//! The `/request` flow: character → profession → gear slot → item → quantity and notes →
//! materials → confirm.
//!
//! The state is the answers so far; the step on screen is always the first unanswered
//! question ([`RequestFlow::current_step`]), so the fast path (`/request item:`), Back and
//! Edit need no special cases: they only set or clear answers.

mod view;

use serde::{Deserialize, Serialize};

pub use view::{plan_label, plan_label_in, receipt, render};

use super::custom_id::{Action, Form, MaterialsChoice, Menu};
use super::input::{parse_amount, parse_notes, CharacterName, Quantity};
use super::refusal::{Refusal, Where};
use super::ui::{Modal, Screen};
use crate::catalog::{Catalog, Item};
use crate::domain::{Character, SessionKey};
use crate::i18n::Texts;
use crate::{msg, t};

/// Materials shown per amounts modal (Discord allows 5 inputs a modal).
pub const AMOUNTS_PER_PAGE: usize = 5;
/// Options per select menu page (Discord allows 25).
pub const OPTIONS_PER_PAGE: usize = 25;

/// The answers of one request flow, stored as the session's `state_json`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RequestFlow {
    pub character: Option<ChosenCharacter>,
    pub profession: Option<String>,
    pub slot: Option<String>,
    pub item: Option<String>,
    pub quantity: Option<Quantity>,
    #[serde(default)]
    pub notes: String,
    pub plan: Option<Plan>,
    /// The page of the list on screen (professions, slots or items).
    #[serde(default)]
    pub page: u16,
    /// Whether the member held a core role when the flow started (known when it started
    /// in the guild). Only decides whether guild craft is *shown* later, in a DM where
    /// clicks carry no roles; choosing it is checked against the roles at that moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core_hint: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenCharacter {
    /// The registered character's id; `None` for a name typed for this request only.
    pub id: Option<i64>,
    pub name: String,
}

/// Who provides the materials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Plan {
    /// The member brings everything.
    MemberAll,
    /// The member brings part: an amount per material (`None` until entered).
    MemberSome { provided: Vec<Option<u32>> },
    /// The member brings nothing (the crafter sources it).
    MemberNone,
    /// The guild provides everything (core members only).
    GuildCraft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Character,
    Profession,
    Slot,
    Item,
    Quantity,
    Materials,
    Amounts,
    Confirm,
}

/// What the flow is given besides its state: read fresh on every click.
pub struct Context<'a> {
    pub key: &'a SessionKey,
    pub catalog: &'a Catalog,
    pub characters: &'a [Character],
    /// The member may ask for a guild craft: holds a core role (right now when
    /// `roles_known`, else as when the flow started, if it started in the guild).
    pub can_guild_craft: bool,
    /// `can_guild_craft` comes from the member's roles as they are now. A click in a DM
    /// carries no roles: the step asks for them (`Reply::NeedsRoles`) when its answer
    /// depends on them.
    pub roles_known: bool,
    /// The texts of the member's language (catalog names too, where the catalog has them).
    pub texts: Texts,
}

pub use super::step::{Input, Reply};

/// Work the adapter does besides answering.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Effect {
    #[default]
    None,
    /// Store the request, post it on the board, end the session, show the receipt.
    Submit(Draft),
    /// The member cancelled: end the session.
    Cancelled,
    /// Register this name as the member's character (then the flow goes on with it).
    RegisterCharacter(CharacterName),
}

/// What happens to the stored state.
pub type Next = super::step::Next<RequestFlow>;

/// A request step's decision.
pub type Transition = super::step::Transition<RequestFlow, Effect>;

/// A complete request, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub character: ChosenCharacter,
    pub profession: String,
    pub slot: String,
    pub item: String,
    pub quantity: u32,
    pub notes: String,
    pub plan: Plan,
    pub materials: Vec<MaterialLine>,
}

/// One material of a request: what it needs in all and who brings how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialLine {
    pub name: String,
    pub per_unit: u32,
    pub needed: u32,
    /// How much the member brings.
    pub provided_by_member: u32,
    /// How much the guild brings (guild craft).
    pub provided_by_guild: u32,
    /// How much of the member's share a crafter has recorded as handed over.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub handed_over: u32,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl MaterialLine {
    #[must_use]
    pub fn still_needed(&self) -> u32 {
        self.needed
            .saturating_sub(self.provided_by_member)
            .saturating_sub(self.provided_by_guild)
    }

    /// What the member still has to hand over of their share.
    #[must_use]
    pub fn to_collect(&self) -> u32 {
        self.provided_by_member.saturating_sub(self.handed_over)
    }
}

impl RequestFlow {
    /// A new flow; with `item` (the `/request item:` fast path) the catalog part is filled.
    #[must_use]
    pub fn start(preselected: Option<(&str, &str, &str)>) -> Self {
        let mut flow = Self::default();
        if let Some((profession, slot, item)) = preselected {
            flow.profession = Some(profession.to_owned());
            flow.slot = Some(slot.to_owned());
            flow.item = Some(item.to_owned());
        }
        flow
    }

    /// The first unanswered question.
    #[must_use]
    pub fn current_step(&self) -> Step {
        match self {
            Self {
                character: None, ..
            } => Step::Character,
            Self {
                profession: None, ..
            } => Step::Profession,
            Self { slot: None, .. } => Step::Slot,
            Self { item: None, .. } => Step::Item,
            Self { quantity: None, .. } => Step::Quantity,
            Self { plan: None, .. } => Step::Materials,
            Self {
                plan: Some(Plan::MemberSome { provided }),
                ..
            } if provided.iter().any(Option::is_none) => Step::Amounts,
            _ => Step::Confirm,
        }
    }

    /// The catalog item chosen, if it (still) exists.
    #[must_use]
    pub fn chosen_item<'c>(&self, catalog: &'c Catalog) -> Option<&'c Item> {
        let (p, s, i) = (
            self.profession.as_ref()?,
            self.slot.as_ref()?,
            self.item.as_ref()?,
        );
        catalog.item(p, s, i).map(|found| found.item)
    }

    /// Materials for the chosen item × quantity under the chosen plan.
    #[must_use]
    pub fn material_lines(&self, catalog: &Catalog) -> Vec<MaterialLine> {
        let Some(item) = self.chosen_item(catalog) else {
            return Vec::new();
        };
        let quantity = self.quantity.map_or(1, Quantity::get);
        item.materials
            .iter()
            .enumerate()
            .map(|(index, material)| {
                let needed = material.quantity.saturating_mul(quantity);
                let (member, guild) = match &self.plan {
                    Some(Plan::MemberAll) => (needed, 0),
                    Some(Plan::GuildCraft) => (0, needed),
                    Some(Plan::MemberSome { provided }) => (
                        provided
                            .get(index)
                            .copied()
                            .flatten()
                            .unwrap_or(0)
                            .min(needed),
                        0,
                    ),
                    Some(Plan::MemberNone) | None => (0, 0),
                };
                MaterialLine {
                    name: material.name.clone(),
                    per_unit: material.quantity,
                    needed,
                    provided_by_member: member,
                    provided_by_guild: guild,
                    handed_over: 0,
                }
            })
            .collect()
    }
}

/// Applies one interaction to the flow.
#[must_use]
pub fn step(flow: &RequestFlow, input: Input<'_>, ctx: &Context<'_>) -> Transition {
    // Choosing a guild craft is always checked against the roles as they are now.
    if !ctx.roles_known
        && matches!(
            input,
            Input::Click(Action::Materials(MaterialsChoice::GuildCraft))
        )
    {
        return Transition::needs_roles();
    }
    let mut next = flow.clone();
    let outcome = apply(&mut next, input, ctx);
    // The materials screen offers a guild craft to core members: without their roles (a
    // flow started from the DM menu), it cannot be drawn yet.
    let shows_materials =
        matches!(outcome, Ok(Applied::Moved(_))) && next.current_step() == Step::Materials;
    if shows_materials && !ctx.roles_known && flow.core_hint.is_none() {
        return Transition::needs_roles();
    }
    match outcome {
        Err(refusal) => Transition {
            next: Next::Keep,
            reply: Reply::Refused(refusal),
            effect: Effect::None,
        },
        Ok(Applied::Modal(modal)) => Transition {
            next: Next::Keep,
            reply: Reply::Modal(modal),
            effect: Effect::None,
        },
        Ok(Applied::Cancelled) => Transition {
            next: Next::End,
            reply: Reply::Update(Screen::text(t!(ctx.texts, "request-cancelled"))),
            effect: Effect::Cancelled,
        },
        Ok(Applied::Submit(draft)) => Transition {
            next: Next::End,
            reply: Reply::Update(Screen::text(t!(ctx.texts, "request-submitting"))),
            effect: Effect::Submit(draft),
        },
        Ok(Applied::Moved(effect)) => {
            // A character registered on the spot is shown once it is stored.
            let reply = match effect {
                Effect::RegisterCharacter(_) => Reply::Refresh,
                _ => Reply::Update(render(&next, ctx)),
            };
            Transition {
                next: Next::Save(next),
                reply,
                effect,
            }
        }
    }
}

enum Applied {
    Moved(Effect),
    Modal(Modal),
    Cancelled,
    Submit(Draft),
}

const STALE: Refusal = Refusal::Stale(Where::Flow);

#[allow(clippy::too_many_lines)] // one arm per input, read top to bottom
fn apply(flow: &mut RequestFlow, input: Input<'_>, ctx: &Context<'_>) -> Result<Applied, Refusal> {
    let step = flow.current_step();
    match input {
        Input::Click(Action::Cancel) => Ok(Applied::Cancelled),
        Input::Select(Menu::Character, values) if step == Step::Character => {
            let value = single(values)?;
            let character = ctx
                .characters
                .iter()
                .find(|c| c.id.to_string() == value)
                .ok_or(Refusal::Invalid(msg!("request-refusal-character-gone")))?;
            flow.character = Some(ChosenCharacter {
                id: Some(character.id),
                name: character.name.clone(),
            });
            flow.page = 0;
            Ok(Applied::Moved(Effect::None))
        }
        Input::Select(Menu::Profession, values) if step == Step::Profession => {
            let value = single(values)?;
            ctx.catalog
                .profession(value)
                .ok_or(Refusal::Invalid(msg!("request-refusal-profession-gone")))?;
            flow.profession = Some(value.to_owned());
            flow.page = 0;
            Ok(Applied::Moved(Effect::None))
        }
        Input::Select(Menu::Slot, values) if step == Step::Slot => {
            let value = single(values)?;
            let profession = flow
                .profession
                .as_deref()
                .and_then(|p| ctx.catalog.profession(p))
                .ok_or(STALE)?;
            profession
                .slots
                .iter()
                .find(|s| s.name == value)
                .ok_or(Refusal::Invalid(msg!("request-refusal-slot-gone")))?;
            flow.slot = Some(value.to_owned());
            flow.page = 0;
            Ok(Applied::Moved(Effect::None))
        }
        Input::Select(Menu::Item, values) if step == Step::Item => {
            let value = single(values)?;
            let (profession, slot) = (
                flow.profession.as_deref().unwrap_or_default(),
                flow.slot.as_deref().unwrap_or_default(),
            );
            ctx.catalog
                .item(profession, slot, value)
                .ok_or(Refusal::Invalid(msg!("request-refusal-item-gone")))?;
            flow.item = Some(value.to_owned());
            flow.page = 0;
            Ok(Applied::Moved(Effect::None))
        }
        Input::Click(Action::Page(page))
            if matches!(step, Step::Profession | Step::Slot | Step::Item) =>
        {
            let pages = view::page_count(flow, ctx);
            if usize::from(page) >= pages {
                return Err(STALE);
            }
            flow.page = page;
            Ok(Applied::Moved(Effect::None))
        }
        Input::Click(Action::Back) => {
            go_back(flow, step);
            Ok(Applied::Moved(Effect::None))
        }
        Input::Click(Action::Edit) if step == Step::Confirm => {
            flow.profession = None;
            flow.slot = None;
            flow.item = None;
            flow.plan = None;
            flow.page = 0;
            Ok(Applied::Moved(Effect::None))
        }
        Input::Click(Action::Modal(form)) => {
            Ok(Applied::Modal(view::modal(flow, form, ctx, step)?))
        }
        Input::Submit(Form::CharacterName, fields) if step == Step::Character => {
            let name = CharacterName::parse(field(fields, "name"))?;
            flow.character = Some(ChosenCharacter {
                id: None,
                name: name.as_str().to_owned(),
            });
            Ok(Applied::Moved(Effect::None))
        }
        Input::Submit(Form::RegisterCharacter, fields) if step == Step::Character => {
            // The view offers the form only below the cap; a replayed form is refused here
            // (and by the store's insert).
            if ctx.characters.len() >= crate::domain::MAX_CHARACTERS {
                return Err(Refusal::Limit(crate::domain::TOO_MANY_CHARACTERS));
            }
            let name = CharacterName::parse(field(fields, "name"))?;
            if ctx
                .characters
                .iter()
                .any(|c| c.name.to_lowercase() == name.folded())
            {
                return Err(Refusal::Invalid(msg!(
                    "request-refusal-character-taken",
                    name = super::text::neutralise(name.as_str())
                )));
            }
            flow.character = Some(ChosenCharacter {
                id: None,
                name: name.as_str().to_owned(),
            });
            Ok(Applied::Moved(Effect::RegisterCharacter(name)))
        }
        Input::Submit(Form::Quantity, fields) if step >= Step::Quantity => {
            let quantity = Quantity::parse(field(fields, "quantity"))?;
            let notes = parse_notes(field(fields, "notes"))?;
            flow.quantity = Some(quantity);
            flow.notes = notes;
            Ok(Applied::Moved(Effect::None))
        }
        Input::Click(Action::Materials(choice)) if step >= Step::Materials => {
            let count = flow.chosen_item(ctx.catalog).ok_or(STALE)?.materials.len();
            flow.plan = Some(match choice {
                MaterialsChoice::All => Plan::MemberAll,
                MaterialsChoice::None => Plan::MemberNone,
                MaterialsChoice::Some => Plan::MemberSome {
                    provided: vec![None; count],
                },
                MaterialsChoice::GuildCraft if ctx.can_guild_craft => Plan::GuildCraft,
                MaterialsChoice::GuildCraft => {
                    return Err(Refusal::NotAllowed(msg!("request-refusal-guild-craft")))
                }
            });
            Ok(Applied::Moved(Effect::None))
        }
        Input::Submit(Form::Amounts(page), fields) if step >= Step::Amounts => {
            let lines = flow.material_lines(ctx.catalog);
            let Some(Plan::MemberSome { provided }) = &mut flow.plan else {
                return Err(STALE);
            };
            let start = usize::from(page) * AMOUNTS_PER_PAGE;
            if start >= lines.len() {
                return Err(STALE);
            }
            for (index, line) in lines.iter().enumerate().skip(start).take(AMOUNTS_PER_PAGE) {
                let amount =
                    parse_amount(field(fields, &format!("m{index}")), &line.name, line.needed)?;
                if let Some(slot) = provided.get_mut(index) {
                    *slot = Some(amount);
                }
            }
            Ok(Applied::Moved(Effect::None))
        }
        Input::Click(Action::Confirm) if step == Step::Confirm => {
            let draft = draft(flow, ctx).ok_or(STALE)?;
            Ok(Applied::Submit(draft))
        }
        _ => Err(STALE),
    }
}

fn go_back(flow: &mut RequestFlow, step: Step) {
    flow.page = 0;
    match step {
        Step::Character | Step::Profession => flow.character = None,
        Step::Slot => flow.profession = None,
        Step::Item => flow.slot = None,
        Step::Quantity => flow.item = None,
        Step::Materials => flow.quantity = None,
        Step::Amounts | Step::Confirm => flow.plan = None,
    }
}

fn draft(flow: &RequestFlow, ctx: &Context<'_>) -> Option<Draft> {
    Some(Draft {
        character: flow.character.clone()?,
        profession: flow.profession.clone()?,
        slot: flow.slot.clone()?,
        item: flow.item.clone()?,
        quantity: flow.quantity?.get(),
        notes: flow.notes.clone(),
        plan: flow.plan.clone()?,
        materials: flow.material_lines(ctx.catalog),
    })
    .filter(|_| flow.chosen_item(ctx.catalog).is_some())
}

fn single(values: &[String]) -> Result<&str, Refusal> {
    match values {
        [one] => Ok(one.as_str()),
        _ => Err(Refusal::Invalid(msg!("request-refusal-pick-one"))),
    }
}

fn field<'a>(fields: &'a [(String, String)], id: &str) -> &'a str {
    fields
        .iter()
        .find(|(name, _)| name == id)
        .map_or("", |(_, value)| value.as_str())
}

#[cfg(test)]
mod tests;
