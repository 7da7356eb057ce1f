//! Discord's message and component limits as pure checks (as twilight-validate does).
//!
//! Views truncate and page so they never exceed these; the tests run every view through
//! [`check_screen`] and [`check_modal`], and the adapter logs any violation before sending.

use super::custom_id::MAX_CUSTOM_ID_LEN;
use super::ui::{Modal, Row, Screen};

pub const MAX_CONTENT: usize = 2_000;
pub const MAX_ROWS: usize = 5;
pub const MAX_BUTTONS_PER_ROW: usize = 5;
pub const MAX_SELECT_OPTIONS: usize = 25;
pub const MAX_OPTION_LABEL: usize = 100;
pub const MAX_OPTION_VALUE: usize = 100;
pub const MAX_OPTION_DESCRIPTION: usize = 100;
pub const MAX_BUTTON_LABEL: usize = 80;
pub const MAX_PLACEHOLDER: usize = 150;
pub const MAX_EMBED_TITLE: usize = 256;
pub const MAX_EMBED_DESCRIPTION: usize = 4_096;
pub const MAX_EMBED_FIELDS: usize = 25;
pub const MAX_FIELD_NAME: usize = 256;
pub const MAX_FIELD_VALUE: usize = 1_024;
pub const MAX_EMBED_TOTAL: usize = 6_000;
pub const MAX_MODAL_TITLE: usize = 45;
pub const MAX_MODAL_INPUTS: usize = 5;
pub const MAX_INPUT_LABEL: usize = 45;
pub const MAX_INPUT_VALUE: usize = 4_000;

fn over(problems: &mut Vec<String>, what: &str, len: usize, max: usize) {
    if len > max {
        problems.push(format!("{what} is {len} long (max {max})"));
    }
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// Every way `screen` breaks Discord's limits (empty when it is fine).
#[must_use]
#[allow(clippy::too_many_lines)] // one check per limit, in Discord's documentation order
pub fn check_screen(screen: &Screen) -> Vec<String> {
    let mut problems = Vec::new();
    over(
        &mut problems,
        "content",
        chars(&screen.content),
        MAX_CONTENT,
    );
    if let Some(card) = &screen.card {
        over(
            &mut problems,
            "embed title",
            chars(&card.title),
            MAX_EMBED_TITLE,
        );
        over(
            &mut problems,
            "embed description",
            chars(&card.description),
            MAX_EMBED_DESCRIPTION,
        );
        over(
            &mut problems,
            "embed fields",
            card.fields.len(),
            MAX_EMBED_FIELDS,
        );
        let mut total = chars(&card.title) + chars(&card.description);
        for (name, value) in &card.fields {
            over(&mut problems, "field name", chars(name), MAX_FIELD_NAME);
            over(&mut problems, "field value", chars(value), MAX_FIELD_VALUE);
            total += chars(name) + chars(value);
        }
        over(&mut problems, "embed total", total, MAX_EMBED_TOTAL);
    }
    over(&mut problems, "action rows", screen.rows.len(), MAX_ROWS);
    let mut ids = std::collections::HashSet::new();
    for row in &screen.rows {
        let row_ids: Vec<&str> = match row {
            Row::Buttons(buttons) => buttons.iter().map(|b| b.custom_id.as_str()).collect(),
            Row::Select(select) => vec![select.custom_id.as_str()],
            Row::Users(users) => vec![users.custom_id.as_str()],
            Row::Picker(picker) => vec![picker.custom_id.as_str()],
        };
        for id in row_ids {
            if !ids.insert(id) {
                problems.push(format!("custom_id {id} is used twice in one message"));
            }
        }
    }
    for row in &screen.rows {
        match row {
            Row::Buttons(buttons) => {
                over(
                    &mut problems,
                    "buttons in a row",
                    buttons.len(),
                    MAX_BUTTONS_PER_ROW,
                );
                if buttons.is_empty() {
                    problems.push("an empty row of buttons".to_owned());
                }
                for button in buttons {
                    over(
                        &mut problems,
                        "custom_id",
                        button.custom_id.len(),
                        MAX_CUSTOM_ID_LEN,
                    );
                    over(
                        &mut problems,
                        "button label",
                        chars(&button.label),
                        MAX_BUTTON_LABEL,
                    );
                }
            }
            Row::Picker(picker) => {
                over(
                    &mut problems,
                    "custom_id",
                    picker.custom_id.len(),
                    MAX_CUSTOM_ID_LEN,
                );
                over(
                    &mut problems,
                    "placeholder",
                    chars(&picker.placeholder),
                    MAX_PLACEHOLDER,
                );
                if picker.min_values > picker.max_values || picker.max_values > 25 {
                    problems.push(format!(
                        "picker {} takes {} to {} values",
                        picker.custom_id, picker.min_values, picker.max_values
                    ));
                }
            }
            Row::Users(users) => {
                over(
                    &mut problems,
                    "custom_id",
                    users.custom_id.len(),
                    MAX_CUSTOM_ID_LEN,
                );
                over(
                    &mut problems,
                    "placeholder",
                    chars(&users.placeholder),
                    MAX_PLACEHOLDER,
                );
            }
            Row::Select(select) => {
                over(
                    &mut problems,
                    "custom_id",
                    select.custom_id.len(),
                    MAX_CUSTOM_ID_LEN,
                );
                over(
                    &mut problems,
                    "placeholder",
                    chars(&select.placeholder),
                    MAX_PLACEHOLDER,
                );
                over(
                    &mut problems,
                    "select options",
                    select.options.len(),
                    MAX_SELECT_OPTIONS,
                );
                if select.options.is_empty() {
                    problems.push("a select menu without options".to_owned());
                }
                if usize::from(select.max_values) > select.options.len()
                    || select.min_values > select.max_values
                {
                    problems.push("select min/max values do not fit its options".to_owned());
                }
                for option in &select.options {
                    over(
                        &mut problems,
                        "option label",
                        chars(&option.label),
                        MAX_OPTION_LABEL,
                    );
                    over(
                        &mut problems,
                        "option value",
                        chars(&option.value),
                        MAX_OPTION_VALUE,
                    );
                    if let Some(d) = &option.description {
                        over(
                            &mut problems,
                            "option description",
                            chars(d),
                            MAX_OPTION_DESCRIPTION,
                        );
                    }
                }
            }
        }
    }
    problems
}

/// Every way `modal` breaks Discord's limits.
#[must_use]
pub fn check_modal(modal: &Modal) -> Vec<String> {
    let mut problems = Vec::new();
    over(
        &mut problems,
        "custom_id",
        modal.custom_id.len(),
        MAX_CUSTOM_ID_LEN,
    );
    over(
        &mut problems,
        "modal title",
        chars(&modal.title),
        MAX_MODAL_TITLE,
    );
    over(
        &mut problems,
        "text inputs",
        modal.inputs.len(),
        MAX_MODAL_INPUTS,
    );
    for input in &modal.inputs {
        over(
            &mut problems,
            "input label",
            chars(&input.label),
            MAX_INPUT_LABEL,
        );
        over(&mut problems, "input id", input.id.len(), MAX_CUSTOM_ID_LEN);
        if let Some(value) = &input.value {
            over(&mut problems, "input value", chars(value), MAX_INPUT_VALUE);
        }
    }
    if modal.inputs.is_empty() {
        problems.push("a modal without inputs".to_owned());
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::ui::{Button, ButtonStyle, Select, SelectOption, TextInput};

    #[test]
    fn limits_are_enforced() {
        let option = |n: usize| SelectOption {
            label: format!("o{n}"),
            value: n.to_string(),
            description: None,
        };
        let screen = Screen {
            content: "x".repeat(2_001),
            card: None,
            rows: vec![
                Row::Select(Select {
                    custom_id: "c".repeat(101),
                    placeholder: "p".to_owned(),
                    options: (0..26).map(option).collect(),
                    min_values: 1,
                    max_values: 1,
                }),
                Row::Buttons(
                    (0..6)
                        .map(|_| Button::new("b".to_owned(), &"l".repeat(81), ButtonStyle::Primary))
                        .collect(),
                ),
            ],
        };
        let problems = check_screen(&screen).join("\n");
        for what in [
            "content",
            "custom_id",
            "select options",
            "buttons in a row",
            "button label",
        ] {
            assert!(problems.contains(what), "{what} missing from {problems}");
        }
        let fine = Screen::text("hello");
        assert!(check_screen(&fine).is_empty());

        let modal = Modal {
            custom_id: "m".to_owned(),
            title: "t".repeat(46),
            inputs: (0..6)
                .map(|n| TextInput::short(&n.to_string(), "label"))
                .collect(),
        };
        let problems = check_modal(&modal).join("\n");
        assert!(problems.contains("modal title") && problems.contains("text inputs"));
    }
}
