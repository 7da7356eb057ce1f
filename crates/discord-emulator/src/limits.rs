//! Discord's documented limits as pure functions: each returns the field errors a 50035 "Invalid Form Body" lists.

use serde_json::Value;

use crate::error::FieldError;
use crate::model::channel_type;

pub const MAX_CONTENT: usize = 2000;
pub const MAX_EMBEDS: usize = 10;
pub const MAX_EMBED_TOTAL: usize = 6000;
pub const MAX_ACTION_ROWS: usize = 5;
pub const MAX_BUTTONS_PER_ROW: usize = 5;
pub const MAX_CUSTOM_ID: usize = 100;
pub const MAX_BUTTON_LABEL: usize = 80;
pub const MAX_SELECT_OPTIONS: usize = 25;
pub const MAX_OPTION_TEXT: usize = 100;
pub const MAX_PLACEHOLDER: usize = 150;
pub const MAX_MODAL_TITLE: usize = 45;
pub const MAX_TEXT_INPUTS: usize = 5;
pub const MAX_TEXT_INPUT_LABEL: usize = 45;
pub const MAX_TEXT_INPUT_VALUE: usize = 4000;
pub const MAX_CHANNEL_NAME: usize = 100;
pub const MAX_CHANNELS_PER_CATEGORY: usize = 50;
pub const MAX_CHANNELS_PER_GUILD: usize = 500;

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

fn max_len(errors: &mut Vec<FieldError>, path: &str, v: &Value, max: usize) {
    if chars(v) > max {
        errors.push(FieldError::new(
            path,
            "BASE_TYPE_MAX_LENGTH",
            format!("Must be {max} or fewer in length."),
        ));
    }
}

fn len_between(errors: &mut Vec<FieldError>, path: &str, v: &Value, min: usize, max: usize) {
    let n = chars(v);
    if n < min || n > max {
        errors.push(FieldError::new(
            path,
            "BASE_TYPE_BAD_LENGTH",
            format!("Must be between {min} and {max} in length."),
        ));
    }
}

/// A message body (create, edit, interaction answer, followup): content, embeds, components.
#[must_use]
pub fn message_errors(body: &Value) -> Vec<FieldError> {
    let mut errors = Vec::new();
    max_len(&mut errors, "content", &body["content"], MAX_CONTENT);
    if let Some(embeds) = body["embeds"].as_array() {
        if embeds.len() > MAX_EMBEDS {
            errors.push(FieldError::new(
                "embeds",
                "BASE_TYPE_MAX_LENGTH",
                format!("Must be {MAX_EMBEDS} or fewer in length."),
            ));
        }
        let mut total = 0;
        for (i, e) in embeds.iter().enumerate() {
            max_len(&mut errors, &format!("embeds.{i}.title"), &e["title"], 256);
            max_len(
                &mut errors,
                &format!("embeds.{i}.description"),
                &e["description"],
                4096,
            );
            total += chars(&e["title"])
                + chars(&e["description"])
                + chars(&e["footer"]["text"])
                + chars(&e["author"]["name"]);
            let fields = e["fields"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default();
            if fields.len() > 25 {
                errors.push(FieldError::new(
                    format!("embeds.{i}.fields"),
                    "BASE_TYPE_MAX_LENGTH",
                    "Must be 25 or fewer in length.",
                ));
            }
            for (j, f) in fields.iter().enumerate() {
                max_len(
                    &mut errors,
                    &format!("embeds.{i}.fields.{j}.name"),
                    &f["name"],
                    256,
                );
                max_len(
                    &mut errors,
                    &format!("embeds.{i}.fields.{j}.value"),
                    &f["value"],
                    1024,
                );
                total += chars(&f["name"]) + chars(&f["value"]);
            }
        }
        if total > MAX_EMBED_TOTAL {
            errors.push(FieldError::new(
                "embeds",
                "MAX_EMBED_SIZE_EXCEEDED",
                "Embed size exceeds maximum size of 6000",
            ));
        }
    }
    if let Some(rows) = body["components"].as_array() {
        errors.extend(action_row_errors(rows));
    }
    errors
}

/// Action rows of a message: ≤ 5 rows, ≤ 5 buttons or one select per row, and each component's own limits.
#[must_use]
pub fn action_row_errors(rows: &[Value]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if rows.len() > MAX_ACTION_ROWS {
        errors.push(FieldError::new(
            "components",
            "BASE_TYPE_MAX_LENGTH",
            format!("Must be {MAX_ACTION_ROWS} or fewer in length."),
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        let path = format!("components.{i}");
        if row["type"] != 1 {
            // Components V2 (sections, containers...) are not checked here beyond custom ids.
            for_each_custom_id(row, &path, &mut |p, v| {
                max_len(&mut errors, p, v, MAX_CUSTOM_ID);
            });
            continue;
        }
        let children = row["components"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        let selects = children.iter().filter(|c| is_select(c)).count();
        if children.is_empty() {
            errors.push(FieldError::new(
                format!("{path}.components"),
                "BASE_TYPE_MIN_LENGTH",
                "Must be 1 or more in length.",
            ));
        } else if children.len() > MAX_BUTTONS_PER_ROW {
            errors.push(FieldError::new(
                format!("{path}.components"),
                "BASE_TYPE_MAX_LENGTH",
                format!("Must be {MAX_BUTTONS_PER_ROW} or fewer in length."),
            ));
        } else if selects > 0 && children.len() > 1 {
            errors.push(FieldError::new(
                format!("{path}.components"),
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "The specified component exceeds the maximum width",
            ));
        }
        for (j, c) in children.iter().enumerate() {
            errors.extend(component_errors(c, &format!("{path}.components.{j}")));
        }
    }
    errors
}

fn is_select(c: &Value) -> bool {
    matches!(c["type"].as_u64(), Some(3 | 5 | 6 | 7 | 8))
}

fn for_each_custom_id(v: &Value, path: &str, f: &mut dyn FnMut(&str, &Value)) {
    if v.get("custom_id").is_some() {
        f(&format!("{path}.custom_id"), &v["custom_id"]);
    }
    if let Some(children) = v["components"].as_array() {
        for (i, c) in children.iter().enumerate() {
            for_each_custom_id(c, &format!("{path}.components.{i}"), f);
        }
    }
}

/// One button or select menu.
#[must_use]
pub fn component_errors(c: &Value, path: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let style = c["style"].as_u64().unwrap_or(0);
    if c.get("custom_id").is_some() || (c["type"] == 2 && style != 5 && style != 6) || is_select(c)
    {
        len_between(
            &mut errors,
            &format!("{path}.custom_id"),
            &c["custom_id"],
            1,
            MAX_CUSTOM_ID,
        );
    }
    match c["type"].as_u64() {
        Some(2) => max_len(
            &mut errors,
            &format!("{path}.label"),
            &c["label"],
            MAX_BUTTON_LABEL,
        ),
        Some(3) => {
            let options = c["options"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default();
            if options.is_empty() || options.len() > MAX_SELECT_OPTIONS {
                errors.push(FieldError::new(
                    format!("{path}.options"),
                    "BASE_TYPE_BAD_LENGTH",
                    format!("Must be between 1 and {MAX_SELECT_OPTIONS} in length."),
                ));
            }
            for (k, o) in options.iter().enumerate() {
                len_between(
                    &mut errors,
                    &format!("{path}.options.{k}.label"),
                    &o["label"],
                    1,
                    MAX_OPTION_TEXT,
                );
                len_between(
                    &mut errors,
                    &format!("{path}.options.{k}.value"),
                    &o["value"],
                    1,
                    MAX_OPTION_TEXT,
                );
                max_len(
                    &mut errors,
                    &format!("{path}.options.{k}.description"),
                    &o["description"],
                    MAX_OPTION_TEXT,
                );
            }
            max_len(
                &mut errors,
                &format!("{path}.placeholder"),
                &c["placeholder"],
                MAX_PLACEHOLDER,
            );
            if let Some(max) = c["max_values"].as_u64() {
                if usize::try_from(max).unwrap_or(usize::MAX) > options.len() {
                    errors.push(FieldError::new(
                        format!("{path}.max_values"),
                        "BASE_TYPE_MAX",
                        format!(
                            "int value should be less than or equal to {}.",
                            options.len()
                        ),
                    ));
                }
            }
        }
        Some(5..=8) => max_len(
            &mut errors,
            &format!("{path}.placeholder"),
            &c["placeholder"],
            MAX_PLACEHOLDER,
        ),
        _ => {}
    }
    errors
}

/// A modal answer (`data` of callback type 9): title, custom id, 1–5 rows of one text input each.
#[must_use]
pub fn modal_errors(data: &Value) -> Vec<FieldError> {
    let mut errors = Vec::new();
    len_between(
        &mut errors,
        "data.title",
        &data["title"],
        1,
        MAX_MODAL_TITLE,
    );
    len_between(
        &mut errors,
        "data.custom_id",
        &data["custom_id"],
        1,
        MAX_CUSTOM_ID,
    );
    let rows = data["components"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if rows.is_empty() || rows.len() > MAX_TEXT_INPUTS {
        errors.push(FieldError::new(
            "data.components",
            "BASE_TYPE_BAD_LENGTH",
            format!("Must be between 1 and {MAX_TEXT_INPUTS} in length."),
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        let inputs: Vec<&Value> = if row["type"] == 18 {
            // A label component (newer modals) wraps one input.
            vec![&row["component"]]
        } else {
            row["components"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default()
        };
        if inputs.len() != 1 {
            errors.push(FieldError::new(
                format!("data.components.{i}.components"),
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 1 in length.",
            ));
        }
        for (j, input) in inputs.iter().enumerate() {
            let path = format!("data.components.{i}.components.{j}");
            len_between(
                &mut errors,
                &format!("{path}.custom_id"),
                &input["custom_id"],
                1,
                MAX_CUSTOM_ID,
            );
            if input["type"] == 4 {
                if input.get("label").is_some() {
                    len_between(
                        &mut errors,
                        &format!("{path}.label"),
                        &input["label"],
                        1,
                        MAX_TEXT_INPUT_LABEL,
                    );
                }
                max_len(
                    &mut errors,
                    &format!("{path}.value"),
                    &input["value"],
                    MAX_TEXT_INPUT_VALUE,
                );
                max_len(
                    &mut errors,
                    &format!("{path}.placeholder"),
                    &input["placeholder"],
                    MAX_OPTION_TEXT,
                );
                for key in ["min_length", "max_length"] {
                    if input[key].as_u64().is_some_and(|n| {
                        usize::try_from(n).unwrap_or(usize::MAX) > MAX_TEXT_INPUT_VALUE
                    }) {
                        errors.push(FieldError::new(
                            format!("{path}.{key}"),
                            "BASE_TYPE_MAX",
                            format!(
                                "int value should be less than or equal to {MAX_TEXT_INPUT_VALUE}."
                            ),
                        ));
                    }
                }
            }
        }
    }
    errors
}

/// Autocomplete choices: at most 25, name and value ≤ 100.
#[must_use]
pub fn autocomplete_errors(data: &Value) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let choices = data["choices"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if choices.len() > 25 {
        errors.push(FieldError::new(
            "data.choices",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 25 or fewer in length.",
        ));
    }
    for (i, c) in choices.iter().enumerate() {
        len_between(
            &mut errors,
            &format!("data.choices.{i}.name"),
            &c["name"],
            1,
            100,
        );
        if c["value"].is_string() {
            max_len(
                &mut errors,
                &format!("data.choices.{i}.value"),
                &c["value"],
                100,
            );
        }
    }
    errors
}

/// A guild channel name as Discord stores it: text channels are lowercased with spaces turned into dashes.
/// Errors if empty or longer than 100 characters.
pub fn channel_name(kind: u8, name: &str) -> Result<String, FieldError> {
    let n = name.chars().count();
    if n == 0 || n > MAX_CHANNEL_NAME {
        return Err(FieldError::new(
            "name",
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 100 in length.",
        ));
    }
    if kind == channel_type::GUILD_TEXT {
        let normalized: String = name
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_whitespace() { '-' } else { c })
            .collect();
        Ok(normalized)
    } else {
        Ok(name.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn button(id: &str) -> Value {
        json!({"type": 2, "style": 1, "label": "Go", "custom_id": id})
    }

    #[test]
    fn a_custom_id_over_100_chars_is_refused() {
        let body = json!({"components": [{"type": 1, "components": [button(&"x".repeat(101))]}]});
        let errors = message_errors(&body);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "components.0.components.0.custom_id");
    }

    #[test]
    fn six_rows_or_six_buttons_are_refused() {
        let row = json!({"type": 1, "components": [button("a")]});
        assert!(!message_errors(&json!({"components": vec![row; 6]})).is_empty());
        let wide = json!({"type": 1, "components": vec![button("a"); 6]});
        assert!(!message_errors(&json!({"components": [wide]})).is_empty());
    }

    #[test]
    fn select_options_are_capped_at_25() {
        let options: Vec<Value> = (0..26)
            .map(|i| json!({"label": i.to_string(), "value": i.to_string()}))
            .collect();
        let select = json!({"type": 3, "custom_id": "s", "options": options});
        let errors = message_errors(&json!({"components": [{"type": 1, "components": [select]}]}));
        assert_eq!(errors[0].path, "components.0.components.0.options");
    }

    #[test]
    fn content_and_embeds_have_limits() {
        assert!(!message_errors(&json!({"content": "a".repeat(2001)})).is_empty());
        assert!(message_errors(&json!({"content": "a".repeat(2000)})).is_empty());
        let big = json!({"description": "d".repeat(4000)});
        assert!(!message_errors(&json!({"embeds": [big.clone(), big]})).is_empty());
        assert!(!message_errors(&json!({"embeds": vec![json!({"title": "t"}); 11]})).is_empty());
    }

    #[test]
    fn modals_need_a_short_title_and_one_to_five_inputs() {
        let input = json!({"type": 1, "components": [{"type": 4, "custom_id": "q", "label": "Qty", "style": 1}]});
        assert!(modal_errors(
            &json!({"title": "Quantity", "custom_id": "m", "components": [input.clone()]})
        )
        .is_empty());
        assert!(!modal_errors(
            &json!({"title": "t".repeat(46), "custom_id": "m", "components": [input.clone()]})
        )
        .is_empty());
        assert!(
            !modal_errors(&json!({"title": "t", "custom_id": "m", "components": []})).is_empty()
        );
        assert!(!modal_errors(
            &json!({"title": "t", "custom_id": "m", "components": vec![input; 6]})
        )
        .is_empty());
    }

    #[test]
    fn text_channel_names_are_normalized() {
        assert_eq!(
            channel_name(0, "Requests Alice").ok().as_deref(),
            Some("requests-alice")
        );
        assert!(channel_name(0, "").is_err());
        assert!(channel_name(0, &"a".repeat(101)).is_err());
        assert_eq!(
            channel_name(4, "Requests").ok().as_deref(),
            Some("Requests")
        );
    }
}
