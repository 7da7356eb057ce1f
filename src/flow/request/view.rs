//! What each step of the request flow shows: its message, menus and modals, in the
//! member's language (`Context::texts`); catalog names in it where the catalog has them.

use crate::flow::refusal::Refusal;
use crate::i18n::Texts;
use crate::t;
use std::fmt::Write as _;
use std::sync::LazyLock;

use super::{
    Context, Draft, MaterialLine, Plan, RequestFlow, Step, AMOUNTS_PER_PAGE, OPTIONS_PER_PAGE,
};
use crate::flow::custom_id::{flow_id, Action, Form, MaterialsChoice, Menu};
use crate::flow::input::{Quantity, MAX_NAME_CHARS, MAX_NOTES_CHARS, MAX_QUANTITY};
use crate::flow::text::{neutralise, truncate};
use crate::flow::ui::{
    Button, ButtonStyle, Card, Modal, Row, Screen, Select, SelectOption, TextInput,
};

const COLOUR: u32 = 0x005f_8dd3;
const STEPS: usize = 7;

/// The flow's message for its current step.
#[must_use]
pub fn render(flow: &RequestFlow, ctx: &Context<'_>) -> Screen {
    let texts = ctx.texts;
    let step = flow.current_step();
    let (number, question) = match step {
        Step::Character => (1, t!(texts, "request-step-character")),
        Step::Profession => (2, t!(texts, "request-step-profession")),
        Step::Slot => (3, t!(texts, "request-step-slot")),
        Step::Item => (4, t!(texts, "request-step-item")),
        Step::Quantity => (5, t!(texts, "request-step-quantity")),
        Step::Materials | Step::Amounts => (6, t!(texts, "request-step-materials")),
        Step::Confirm => (7, t!(texts, "request-step-confirm")),
    };
    let mut rows = Vec::new();
    let mut extra = String::new();
    match step {
        Step::Character => character_rows(ctx, &mut rows, &mut extra),
        Step::Profession | Step::Slot | Step::Item => {
            list_rows(flow, ctx, step, &mut rows, &mut extra);
        }
        Step::Quantity => rows.push(Row::Buttons(vec![
            Button::new(
                flow_id(ctx.key, Action::Modal(Form::Quantity)),
                &t!(texts, "request-button-quantity"),
                ButtonStyle::Primary,
            ),
            back(ctx),
            cancel(ctx),
        ])),
        Step::Materials => materials_rows(ctx, &mut rows),
        Step::Amounts => amounts_rows(flow, ctx, &mut rows, &mut extra),
        Step::Confirm => rows.push(Row::Buttons(vec![
            Button::new(
                flow_id(ctx.key, Action::Confirm),
                &t!(texts, "request-button-confirm"),
                ButtonStyle::Success,
            ),
            Button::new(
                flow_id(ctx.key, Action::Edit),
                &t!(texts, "request-button-edit"),
                ButtonStyle::Secondary,
            ),
            back(ctx),
            cancel(ctx),
        ])),
    }
    Screen {
        content: t!(
            texts,
            "request-header",
            number = number,
            steps = STEPS,
            question = question
        ) + &extra,
        card: Some(summary_card(flow, ctx, step)),
        rows,
    }
}

fn back(ctx: &Context<'_>) -> Button {
    Button::new(
        flow_id(ctx.key, Action::Back),
        &t!(ctx.texts, "request-button-back"),
        ButtonStyle::Secondary,
    )
}

fn cancel(ctx: &Context<'_>) -> Button {
    Button::new(
        flow_id(ctx.key, Action::Cancel),
        &t!(ctx.texts, "request-button-cancel"),
        ButtonStyle::Danger,
    )
}

fn character_rows(ctx: &Context<'_>, rows: &mut Vec<Row>, extra: &mut String) {
    let texts = ctx.texts;
    if ctx.characters.is_empty() {
        extra.push('\n');
        extra.push_str(&t!(texts, "request-no-characters"));
        rows.push(Row::Buttons(vec![
            Button::new(
                flow_id(ctx.key, Action::Modal(Form::RegisterCharacter)),
                &t!(texts, "request-button-register"),
                ButtonStyle::Primary,
            ),
            Button::new(
                flow_id(ctx.key, Action::Modal(Form::CharacterName)),
                &t!(texts, "request-button-type-name"),
                ButtonStyle::Secondary,
            ),
            cancel(ctx),
        ]));
        return;
    }
    let options = ctx
        .characters
        .iter()
        .take(OPTIONS_PER_PAGE)
        .map(|c| SelectOption {
            label: truncate(&c.name, 100),
            value: c.id.to_string(),
            description: Some(if c.main {
                t!(texts, "request-character-main")
            } else {
                t!(texts, "request-character-alt")
            }),
        })
        .collect();
    rows.push(Row::Select(Select {
        custom_id: flow_id(ctx.key, Action::Select(Menu::Character)),
        placeholder: t!(texts, "request-placeholder-character"),
        options,
        min_values: 1,
        max_values: 1,
    }));
    rows.push(Row::Buttons(vec![
        Button::new(
            flow_id(ctx.key, Action::Modal(Form::CharacterName)),
            &t!(texts, "request-button-another-name"),
            ButtonStyle::Secondary,
        ),
        cancel(ctx),
    ]));
}

/// The options of the list on screen at `step`, before paging.
fn list_options(flow: &RequestFlow, ctx: &Context<'_>, step: Step) -> Vec<SelectOption> {
    let texts = ctx.texts;
    // The label in the member's language; the value stays the guild's name.
    let option = |label: &str, value: &str, description: String| SelectOption {
        label: truncate(label, 100),
        value: value.to_owned(),
        description: Some(truncate(&description, 100)),
    };
    let items = |count: usize| t!(texts, "request-option-items", count = count);
    let profession = flow
        .profession
        .as_deref()
        .and_then(|p| ctx.catalog.profession(p));
    match step {
        Step::Profession => ctx
            .catalog
            .professions()
            .iter()
            .map(|p| SelectOption {
                label: truncate(p.name_in(texts), 100),
                value: p.key.clone(),
                description: Some(items(p.slots.iter().map(|s| s.items.len()).sum())),
            })
            .collect(),
        Step::Slot => profession
            .map(|p| {
                p.slots
                    .iter()
                    .map(|s| option(s.name_in(texts), &s.name, items(s.items.len())))
                    .collect()
            })
            .unwrap_or_default(),
        Step::Item => profession
            .and_then(|p| p.slots.iter().find(|s| Some(&s.name) == flow.slot.as_ref()))
            .map(|slot| {
                slot.items
                    .iter()
                    .map(|i| {
                        let materials: Vec<String> = i
                            .materials
                            .iter()
                            .map(|m| format!("{} ×{}", m.name, m.quantity))
                            .collect();
                        option(i.name_in(texts), &i.name, materials.join(", "))
                    })
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

pub(super) fn page_count(flow: &RequestFlow, ctx: &Context<'_>) -> usize {
    list_options(flow, ctx, flow.current_step())
        .len()
        .div_ceil(OPTIONS_PER_PAGE)
        .max(1)
}

fn list_rows(
    flow: &RequestFlow,
    ctx: &Context<'_>,
    step: Step,
    rows: &mut Vec<Row>,
    extra: &mut String,
) {
    let options = list_options(flow, ctx, step);
    let pages = options.len().div_ceil(OPTIONS_PER_PAGE).max(1);
    let page = usize::from(flow.page).min(pages - 1);
    let texts = ctx.texts;
    if pages > 1 {
        extra.push('\n');
        extra.push_str(&t!(texts, "request-page", page = page + 1, pages = pages));
    }
    let (menu, placeholder) = match step {
        Step::Profession => (
            Menu::Profession,
            t!(texts, "request-placeholder-profession"),
        ),
        Step::Slot => (Menu::Slot, t!(texts, "request-placeholder-slot")),
        _ => (Menu::Item, t!(texts, "request-placeholder-item")),
    };
    let shown: Vec<SelectOption> = options
        .into_iter()
        .skip(page * OPTIONS_PER_PAGE)
        .take(OPTIONS_PER_PAGE)
        .collect();
    if shown.is_empty() {
        rows.push(Row::Buttons(vec![back(ctx), cancel(ctx)]));
        return;
    }
    rows.push(Row::Select(Select {
        custom_id: flow_id(ctx.key, Action::Select(menu)),
        placeholder,
        options: shown,
        min_values: 1,
        max_values: 1,
    }));
    let mut buttons = Vec::new();
    if pages > 1 {
        let to = |p: usize| u16::try_from(p).unwrap_or(u16::MAX);
        buttons.push(
            Button::new(
                flow_id(ctx.key, Action::Page(to(page.saturating_sub(1)))),
                &t!(texts, "request-button-previous"),
                ButtonStyle::Secondary,
            )
            .disabled(page == 0),
        );
        buttons.push(
            Button::new(
                flow_id(ctx.key, Action::Page(to(page + 1))),
                &t!(texts, "request-button-next"),
                ButtonStyle::Secondary,
            )
            .disabled(page + 1 >= pages),
        );
    }
    buttons.push(back(ctx));
    buttons.push(cancel(ctx));
    rows.push(Row::Buttons(buttons));
}

fn materials_rows(ctx: &Context<'_>, rows: &mut Vec<Row>) {
    let texts = ctx.texts;
    let choice = |c: MaterialsChoice, label: String, style| {
        Button::new(flow_id(ctx.key, Action::Materials(c)), &label, style)
    };
    let mut buttons = vec![
        choice(
            MaterialsChoice::All,
            t!(texts, "request-button-provide-all"),
            ButtonStyle::Primary,
        ),
        choice(
            MaterialsChoice::Some,
            t!(texts, "request-button-provide-some"),
            ButtonStyle::Secondary,
        ),
        choice(
            MaterialsChoice::None,
            t!(texts, "request-button-provide-none"),
            ButtonStyle::Secondary,
        ),
    ];
    if ctx.can_guild_craft {
        buttons.push(choice(
            MaterialsChoice::GuildCraft,
            t!(texts, "request-button-guild-craft"),
            ButtonStyle::Success,
        ));
    }
    rows.push(Row::Buttons(buttons));
    rows.push(Row::Buttons(vec![back(ctx), cancel(ctx)]));
}

fn amounts_rows(flow: &RequestFlow, ctx: &Context<'_>, rows: &mut Vec<Row>, extra: &mut String) {
    let lines = flow.material_lines(ctx.catalog);
    let Some(Plan::MemberSome { provided }) = &flow.plan else {
        return;
    };
    let pages = lines.len().div_ceil(AMOUNTS_PER_PAGE);
    extra.push('\n');
    extra.push_str(&t!(ctx.texts, "request-amounts-hint"));
    let buttons = (0..pages.min(4))
        .map(|page| {
            let start = page * AMOUNTS_PER_PAGE;
            let end = (start + AMOUNTS_PER_PAGE).min(lines.len());
            let done = provided[start..end.min(provided.len())]
                .iter()
                .all(Option::is_some);
            let label = format!(
                "{}{}",
                if done { "✅ " } else { "" },
                t!(
                    ctx.texts,
                    "request-button-amounts",
                    from = start + 1,
                    to = end
                )
            );
            let page = u8::try_from(page).unwrap_or(u8::MAX);
            Button::new(
                flow_id(ctx.key, Action::Modal(Form::Amounts(page))),
                &label,
                if done {
                    ButtonStyle::Secondary
                } else {
                    ButtonStyle::Primary
                },
            )
        })
        .collect();
    rows.push(Row::Buttons(buttons));
    rows.push(Row::Buttons(vec![back(ctx), cancel(ctx)]));
}

/// The modal a button opens.
pub(super) fn modal(
    flow: &RequestFlow,
    form: Form,
    ctx: &Context<'_>,
    step: Step,
) -> Result<Modal, Refusal> {
    let texts = ctx.texts;
    let stale = || Refusal::Stale(crate::flow::refusal::Where::Flow);
    let name_input = || TextInput {
        min_length: Some(2),
        max_length: Some(u16::try_from(MAX_NAME_CHARS).unwrap_or(32)),
        placeholder: Some(t!(texts, "request-input-name-placeholder")),
        ..TextInput::short("name", &t!(texts, "request-input-name"))
    };
    let id = flow_id(ctx.key, Action::Modal(form));
    Ok(match form {
        Form::CharacterName if step == Step::Character => Modal {
            custom_id: id,
            title: t!(texts, "request-modal-character"),
            inputs: vec![name_input()],
        },
        Form::RegisterCharacter if step == Step::Character => Modal {
            custom_id: id,
            title: t!(texts, "request-modal-register"),
            inputs: vec![name_input()],
        },
        Form::Quantity if step >= Step::Quantity => Modal {
            custom_id: id,
            title: t!(texts, "request-modal-quantity"),
            inputs: vec![
                TextInput {
                    max_length: Some(5),
                    value: Some(
                        flow.quantity
                            .map_or_else(|| "1".to_owned(), |q| q.get().to_string()),
                    ),
                    placeholder: Some(t!(
                        texts,
                        "request-input-quantity-placeholder",
                        max = MAX_QUANTITY
                    )),
                    ..TextInput::short(
                        "quantity",
                        &t!(texts, "request-input-quantity", max = MAX_QUANTITY),
                    )
                },
                TextInput {
                    long: true,
                    required: false,
                    max_length: Some(u16::try_from(MAX_NOTES_CHARS).unwrap_or(1_000)),
                    value: (!flow.notes.is_empty()).then(|| flow.notes.clone()),
                    placeholder: Some(t!(texts, "request-input-notes-placeholder")),
                    ..TextInput::short("notes", &t!(texts, "request-input-notes"))
                },
            ],
        },
        Form::Amounts(page) if step >= Step::Amounts => {
            let lines = flow.material_lines(ctx.catalog);
            let Some(Plan::MemberSome { provided }) = &flow.plan else {
                return Err(stale());
            };
            let start = usize::from(page) * AMOUNTS_PER_PAGE;
            if start >= lines.len() {
                return Err(stale());
            }
            let inputs = lines
                .iter()
                .enumerate()
                .skip(start)
                .take(AMOUNTS_PER_PAGE)
                .map(|(index, line)| TextInput {
                    required: false,
                    max_length: Some(6),
                    value: provided
                        .get(index)
                        .copied()
                        .flatten()
                        .map(|v| v.to_string()),
                    placeholder: Some(t!(
                        texts,
                        "request-input-amount-placeholder",
                        needed = line.needed
                    )),
                    ..TextInput::short(
                        &format!("m{index}"),
                        &truncate(
                            &t!(
                                texts,
                                "request-input-amount",
                                material = line.name.as_str(),
                                needed = line.needed
                            ),
                            45,
                        ),
                    )
                })
                .collect();
            Modal {
                custom_id: id,
                title: t!(texts, "request-modal-amounts"),
                inputs,
            }
        }
        _ => return Err(stale()),
    })
}

fn summary_card(flow: &RequestFlow, ctx: &Context<'_>, step: Step) -> Card {
    let texts = ctx.texts;
    let mut fields = Vec::new();
    if let Some(c) = &flow.character {
        fields.push((t!(texts, "request-field-character"), neutralise(&c.name)));
    }
    let mut what = Vec::new();
    let profession = flow
        .profession
        .as_deref()
        .and_then(|p| ctx.catalog.profession(p));
    if let Some(p) = profession {
        what.push(p.name_in(texts).to_owned());
    }
    // Each name in the member's language where the catalog has it.
    let slot =
        profession.and_then(|p| p.slots.iter().find(|s| Some(&s.name) == flow.slot.as_ref()));
    what.extend(
        flow.slot
            .iter()
            .map(|name| slot.map_or(name.as_str(), |s| s.name_in(texts)).to_owned()),
    );
    let item = flow.chosen_item(ctx.catalog);
    what.extend(
        flow.item
            .iter()
            .map(|name| item.map_or(name.as_str(), |i| i.name_in(texts)).to_owned()),
    );
    if !what.is_empty() {
        fields.push((
            t!(texts, "request-field-item"),
            neutralise(&what.join(" › ")),
        ));
    }
    if let Some(q) = flow.quantity {
        fields.push((t!(texts, "request-field-quantity"), q.get().to_string()));
    }
    if !flow.notes.is_empty() {
        fields.push((
            t!(texts, "request-field-notes"),
            truncate(&neutralise(&flow.notes), 1_000),
        ));
    }
    if step >= Step::Quantity {
        let lines = flow.material_lines(ctx.catalog);
        if !lines.is_empty() {
            fields.push((
                t!(texts, "request-field-materials"),
                material_table(
                    &lines,
                    flow.quantity.map_or(1, Quantity::get),
                    flow.plan.is_some(),
                    texts,
                ),
            ));
        }
    }
    if let Some(plan) = &flow.plan {
        fields.push((
            t!(texts, "request-field-provided-by"),
            plan_label_in(plan, texts),
        ));
    }
    Card {
        title: t!(texts, "request-card-title"),
        description: String::new(),
        fields,
        colour: COLOUR,
    }
}

/// `per unit × quantity = total`, and who brings it once a plan is chosen.
fn material_table(lines: &[MaterialLine], quantity: u32, with_plan: bool, texts: Texts) -> String {
    let mut out = String::new();
    for line in lines {
        out.push_str(&t!(
            texts,
            "request-material-line",
            material = neutralise(&line.name),
            per_unit = line.per_unit,
            quantity = quantity,
            needed = line.needed
        ));
        if with_plan {
            out.push(' ');
            out.push_str(&t!(
                texts,
                "request-material-shares",
                member = line.provided_by_member,
                guild = line.provided_by_guild,
                missing = line.still_needed()
            ));
        }
        out.push('\n');
    }
    truncate(&out, 1_024)
}

/// Who provides the materials, in English (for text not worded per reader; see
/// [`plan_label_in`]).
#[must_use]
pub fn plan_label(plan: &Plan) -> &'static str {
    static ENGLISH: LazyLock<[String; 4]> = LazyLock::new(|| {
        [
            Plan::MemberAll,
            Plan::MemberSome {
                provided: Vec::new(),
            },
            Plan::MemberNone,
            Plan::GuildCraft,
        ]
        .map(|plan| plan_label_in(&plan, Texts::ENGLISH))
    });
    let index = match plan {
        Plan::MemberAll => 0,
        Plan::MemberSome { .. } => 1,
        Plan::MemberNone => 2,
        Plan::GuildCraft => 3,
    };
    &ENGLISH[index]
}

/// Who provides the materials, as a reader of `texts` reads it.
#[must_use]
pub fn plan_label_in(plan: &Plan, texts: Texts) -> String {
    match plan {
        Plan::MemberAll => t!(texts, "request-plan-all"),
        Plan::MemberSome { .. } => t!(texts, "request-plan-some"),
        Plan::MemberNone => t!(texts, "request-plan-none"),
        Plan::GuildCraft => t!(texts, "request-plan-guild"),
    }
}

/// What the member sees once the request is stored: in their language, the item by its
/// name in it where the catalog has one.
#[must_use]
pub fn receipt(draft: &Draft, number: u32, link: Option<&str>, ctx: &Context<'_>) -> Screen {
    let texts = ctx.texts;
    let mut providing = String::new();
    let mut needed = String::new();
    for line in &draft.materials {
        if line.provided_by_member > 0 {
            let _ = writeln!(
                providing,
                "• {} ×{}",
                neutralise(&line.name),
                line.provided_by_member
            );
        }
        if line.still_needed() > 0 {
            let _ = writeln!(
                needed,
                "• {} ×{}",
                neutralise(&line.name),
                line.still_needed()
            );
        }
    }
    let item = ctx
        .catalog
        .item(&draft.profession, &draft.slot, &draft.item)
        .map_or(draft.item.as_str(), |found| found.item.name_in(texts));
    let mut fields = vec![
        (
            t!(texts, "request-field-character"),
            neutralise(&draft.character.name),
        ),
        (
            t!(texts, "request-field-item"),
            format!("{} × {}", neutralise(item), draft.quantity),
        ),
        (
            t!(texts, "request-field-provided-by"),
            plan_label_in(&draft.plan, texts),
        ),
    ];
    if draft.plan == Plan::GuildCraft {
        fields.push((
            t!(texts, "request-receipt-guild-provides"),
            t!(texts, "request-receipt-everything"),
        ));
    }
    let nothing = t!(texts, "request-receipt-nothing");
    fields.push((
        t!(texts, "request-receipt-providing"),
        truncate(
            if providing.is_empty() {
                &nothing
            } else {
                &providing
            },
            1_024,
        ),
    ));
    fields.push((
        t!(texts, "request-receipt-still-needed"),
        truncate(if needed.is_empty() { &nothing } else { &needed }, 1_024),
    ));
    let content = match link {
        Some(link) => t!(
            texts,
            "request-receipt-on-board",
            number = number,
            link = link
        ),
        None => t!(texts, "request-receipt", number = number),
    };
    Screen {
        content,
        card: Some(Card {
            title: t!(texts, "request-receipt-title", number = number),
            description: String::new(),
            fields,
            colour: 0x002e_cc71,
        }),
        rows: Vec::new(),
    }
}
