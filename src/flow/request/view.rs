//! What each step of the request flow shows: its message, menus and modals.

use crate::flow::refusal::Refusal;
use std::fmt::Write as _;

use super::{
    Context, Draft, MaterialLine, Plan, RequestFlow, Step, AMOUNTS_PER_PAGE, OPTIONS_PER_PAGE,
};
use crate::flow::custom_id::{flow_id, Action, Form, MaterialsChoice, Menu};
use crate::flow::input::{Quantity, MAX_NAME_CHARS, MAX_NOTES_CHARS};
use crate::flow::text::{neutralise, truncate};
use crate::flow::ui::{
    Button, ButtonStyle, Card, Modal, Row, Screen, Select, SelectOption, TextInput,
};

const COLOUR: u32 = 0x005f_8dd3;
const STEPS: usize = 7;

/// The flow's message for its current step.
#[must_use]
pub fn render(flow: &RequestFlow, ctx: &Context<'_>) -> Screen {
    let step = flow.current_step();
    let (number, question) = match step {
        Step::Character => (1, "Who is this request for?"),
        Step::Profession => (2, "Which profession?"),
        Step::Slot => (3, "Which gear slot?"),
        Step::Item => (4, "Which item?"),
        Step::Quantity => (5, "How many, and any notes for the crafter?"),
        Step::Materials | Step::Amounts => (6, "Who provides the materials?"),
        Step::Confirm => (7, "Check your request and confirm."),
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
                "Enter quantity & notes",
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
                "Confirm",
                ButtonStyle::Success,
            ),
            Button::new(
                flow_id(ctx.key, Action::Edit),
                "Edit",
                ButtonStyle::Secondary,
            ),
            back(ctx),
            cancel(ctx),
        ])),
    }
    Screen {
        content: format!("**New request** · step {number} of {STEPS} · {question}{extra}"),
        card: Some(summary_card(flow, ctx, step)),
        rows,
    }
}

fn back(ctx: &Context<'_>) -> Button {
    Button::new(
        flow_id(ctx.key, Action::Back),
        "Back",
        ButtonStyle::Secondary,
    )
}

fn cancel(ctx: &Context<'_>) -> Button {
    Button::new(
        flow_id(ctx.key, Action::Cancel),
        "Cancel",
        ButtonStyle::Danger,
    )
}

fn character_rows(ctx: &Context<'_>, rows: &mut Vec<Row>, extra: &mut String) {
    if ctx.characters.is_empty() {
        extra.push_str(
            "\nYou have no registered character yet. Register one (it is remembered next time), or type a name for this request only.",
        );
        rows.push(Row::Buttons(vec![
            Button::new(
                flow_id(ctx.key, Action::Modal(Form::RegisterCharacter)),
                "Register a character",
                ButtonStyle::Primary,
            ),
            Button::new(
                flow_id(ctx.key, Action::Modal(Form::CharacterName)),
                "Type a name",
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
                "Main".to_owned()
            } else {
                "Alt".to_owned()
            }),
        })
        .collect();
    rows.push(Row::Select(Select {
        custom_id: flow_id(ctx.key, Action::Select(Menu::Character)),
        placeholder: "Choose a character".to_owned(),
        options,
        min_values: 1,
        max_values: 1,
    }));
    rows.push(Row::Buttons(vec![
        Button::new(
            flow_id(ctx.key, Action::Modal(Form::CharacterName)),
            "Another name",
            ButtonStyle::Secondary,
        ),
        cancel(ctx),
    ]));
}

/// The options of the list on screen at `step`, before paging.
fn list_options(flow: &RequestFlow, ctx: &Context<'_>, step: Step) -> Vec<SelectOption> {
    let option = |label: &str, description: String| SelectOption {
        label: truncate(label, 100),
        value: label.to_owned(),
        description: Some(truncate(&description, 100)),
    };
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
                label: truncate(&p.name, 100),
                value: p.key.clone(),
                description: Some(format!(
                    "{} items",
                    p.slots.iter().map(|s| s.items.len()).sum::<usize>()
                )),
            })
            .collect(),
        Step::Slot => profession
            .map(|p| {
                p.slots
                    .iter()
                    .map(|s| option(&s.name, format!("{} items", s.items.len())))
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
                        option(&i.name, materials.join(", "))
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
    if pages > 1 {
        let _ = write!(
            extra,
            "\nPage {} of {pages}: use ◀ ▶ to see more.",
            page + 1
        );
    }
    let (menu, placeholder) = match step {
        Step::Profession => (Menu::Profession, "Choose a profession"),
        Step::Slot => (Menu::Slot, "Choose a gear slot"),
        _ => (Menu::Item, "Choose an item"),
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
        placeholder: placeholder.to_owned(),
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
                "◀ Previous",
                ButtonStyle::Secondary,
            )
            .disabled(page == 0),
        );
        buttons.push(
            Button::new(
                flow_id(ctx.key, Action::Page(to(page + 1))),
                "Next ▶",
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
    let choice = |c: MaterialsChoice, label: &str, style| {
        Button::new(flow_id(ctx.key, Action::Materials(c)), label, style)
    };
    let mut buttons = vec![
        choice(
            MaterialsChoice::All,
            "📦 I provide all",
            ButtonStyle::Primary,
        ),
        choice(
            MaterialsChoice::Some,
            "🔶 I provide some",
            ButtonStyle::Secondary,
        ),
        choice(
            MaterialsChoice::None,
            "❔ I provide none",
            ButtonStyle::Secondary,
        ),
    ];
    if ctx.can_guild_craft {
        buttons.push(choice(
            MaterialsChoice::GuildCraft,
            "🛡️ Guild craft",
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
    extra.push_str(
        "\nSay how much of each material you bring (press each button; leave 0 for none).",
    );
    let buttons = (0..pages.min(4))
        .map(|page| {
            let start = page * AMOUNTS_PER_PAGE;
            let end = (start + AMOUNTS_PER_PAGE).min(lines.len());
            let done = provided[start..end.min(provided.len())]
                .iter()
                .all(Option::is_some);
            let label = format!(
                "{}Materials {}–{}",
                if done { "✅ " } else { "" },
                start + 1,
                end
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
    let stale = || Refusal::Stale(crate::flow::refusal::Where::Flow);
    let name_input = || TextInput {
        min_length: Some(2),
        max_length: Some(u16::try_from(MAX_NAME_CHARS).unwrap_or(32)),
        placeholder: Some("e.g. Thrallina".to_owned()),
        ..TextInput::short("name", "Character name")
    };
    let id = flow_id(ctx.key, Action::Modal(form));
    Ok(match form {
        Form::CharacterName if step == Step::Character => Modal {
            custom_id: id,
            title: "Character for this request".to_owned(),
            inputs: vec![name_input()],
        },
        Form::RegisterCharacter if step == Step::Character => Modal {
            custom_id: id,
            title: "Register a character".to_owned(),
            inputs: vec![name_input()],
        },
        Form::Quantity if step >= Step::Quantity => Modal {
            custom_id: id,
            title: "Quantity and notes".to_owned(),
            inputs: vec![
                TextInput {
                    max_length: Some(5),
                    value: Some(
                        flow.quantity
                            .map_or_else(|| "1".to_owned(), |q| q.get().to_string()),
                    ),
                    placeholder: Some("1 to 1000".to_owned()),
                    ..TextInput::short("quantity", "Quantity (1–1000)")
                },
                TextInput {
                    long: true,
                    required: false,
                    max_length: Some(u16::try_from(MAX_NOTES_CHARS).unwrap_or(1_000)),
                    value: (!flow.notes.is_empty()).then(|| flow.notes.clone()),
                    placeholder: Some("Anything the crafter should know (optional)".to_owned()),
                    ..TextInput::short("notes", "Notes")
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
                    placeholder: Some(format!("0 to {}", line.needed)),
                    ..TextInput::short(
                        &format!("m{index}"),
                        &truncate(&format!("{} (need {})", line.name, line.needed), 45),
                    )
                })
                .collect();
            Modal {
                custom_id: id,
                title: "Materials you provide".to_owned(),
                inputs,
            }
        }
        _ => return Err(stale()),
    })
}

fn summary_card(flow: &RequestFlow, ctx: &Context<'_>, step: Step) -> Card {
    let mut fields = Vec::new();
    if let Some(c) = &flow.character {
        fields.push(("Character".to_owned(), neutralise(&c.name)));
    }
    let mut what = Vec::new();
    if let Some(p) = flow
        .profession
        .as_deref()
        .and_then(|p| ctx.catalog.profession(p))
    {
        what.push(p.name.clone());
    }
    what.extend(flow.slot.iter().cloned());
    what.extend(flow.item.iter().cloned());
    if !what.is_empty() {
        fields.push(("Item".to_owned(), neutralise(&what.join(" › "))));
    }
    if let Some(q) = flow.quantity {
        fields.push(("Quantity".to_owned(), q.get().to_string()));
    }
    if !flow.notes.is_empty() {
        fields.push((
            "Notes".to_owned(),
            truncate(&neutralise(&flow.notes), 1_000),
        ));
    }
    if step >= Step::Quantity {
        let lines = flow.material_lines(ctx.catalog);
        if !lines.is_empty() {
            fields.push((
                "Materials".to_owned(),
                material_table(
                    &lines,
                    flow.quantity.map_or(1, Quantity::get),
                    flow.plan.is_some(),
                ),
            ));
        }
    }
    if let Some(plan) = &flow.plan {
        fields.push(("Provided by".to_owned(), plan_label(plan).to_owned()));
    }
    Card {
        title: "Your request".to_owned(),
        description: String::new(),
        fields,
        colour: COLOUR,
    }
}

/// `per unit × quantity = total`, and who brings it once a plan is chosen.
fn material_table(lines: &[MaterialLine], quantity: u32, with_plan: bool) -> String {
    let mut out = String::new();
    for line in lines {
        let _ = write!(
            out,
            "• {} — {} × {quantity} = **{}**",
            neutralise(&line.name),
            line.per_unit,
            line.needed
        );
        if with_plan {
            let _ = write!(
                out,
                " (you: {}, guild: {}, still needed: {})",
                line.provided_by_member,
                line.provided_by_guild,
                line.still_needed()
            );
        }
        out.push('\n');
    }
    truncate(&out, 1_024)
}

#[must_use]
pub fn plan_label(plan: &Plan) -> &'static str {
    match plan {
        Plan::MemberAll => "📦 You provide all materials",
        Plan::MemberSome { .. } => "🔶 You provide some materials",
        Plan::MemberNone => "❔ You provide no materials",
        Plan::GuildCraft => "🛡️ Guild craft: the guild provides the materials",
    }
}

/// What the member sees once the request is stored.
#[must_use]
pub fn receipt(draft: &Draft, number: u32, link: Option<&str>) -> Screen {
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
    let mut fields = vec![
        ("Character".to_owned(), neutralise(&draft.character.name)),
        (
            "Item".to_owned(),
            format!("{} × {}", neutralise(&draft.item), draft.quantity),
        ),
        ("Provided by".to_owned(), plan_label(&draft.plan).to_owned()),
    ];
    if draft.plan == Plan::GuildCraft {
        fields.push((
            "The guild provides".to_owned(),
            "Everything listed".to_owned(),
        ));
    }
    fields.push((
        "You're providing".to_owned(),
        truncate(
            if providing.is_empty() {
                "Nothing"
            } else {
                &providing
            },
            1_024,
        ),
    ));
    fields.push((
        "Still needed".to_owned(),
        truncate(
            if needed.is_empty() {
                "Nothing"
            } else {
                &needed
            },
            1_024,
        ),
    ));
    let content = match link {
        Some(link) => format!("✅ **Request #{number} submitted.** It is on the board: {link}\nFollow it with `/status`."),
        None => format!("✅ **Request #{number} submitted.** Follow it with `/status`."),
    };
    Screen {
        content,
        card: Some(Card {
            title: format!("Request #{number}"),
            description: String::new(),
            fields,
            colour: 0x002e_cc71,
        }),
        rows: Vec::new(),
    }
}
