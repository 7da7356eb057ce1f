//! One message's body as Discord draws it: the content (markdown), embeds (colour bar, author,
//! title, description, fields, footer) and components (action rows of buttons in their style
//! colours, select menus that open on click to show their options). maud escapes all text.

use maud::{html, Markup};
use serde_json::Value;

use super::icons::chevron;
use super::markdown::{block, block_ending, inline, Names};
use crate::model::Message;

/// Flag 128: a deferred answer the bot has not filled in yet.
const LOADING: u64 = 128;

/// Content, embeds and components of `m`; `bot_name` is who "is thinking…" when deferred.
pub(crate) fn body(m: &Message, bot_name: &str, names: &Names) -> Markup {
    let thinking = m.flags & LOADING != 0 && m.content.is_empty() && m.embeds.is_empty();
    // Inside the last line, as Discord shows it.
    let edited = m
        .edited_timestamp
        .is_some()
        .then(|| html! { span.edited { "(edited)" } });
    html! {
        @if thinking {
            div.content.thinking { (bot_name) " is thinking…" }
        } @else if !m.content.is_empty() {
            div.content { (block_ending(&m.content, names, edited.as_ref())) }
        }
        @for e in &m.embeds {
            (embed(e, names))
        }
        @for row in &m.components {
            (component_row(row))
        }
    }
}

/// An embed: a card with a colour bar on the left.
pub(crate) fn embed(e: &Value, names: &Names) -> Markup {
    let colour = e["color"].as_u64().map_or_else(
        || "#1e1f22".to_owned(),
        |c| format!("#{:06x}", c & 0xff_ffff),
    );
    let fields = e["fields"].as_array().map_or(&[][..], Vec::as_slice);
    html! {
        div.embed style={ "border-left-color:" (colour) } {
            @if let Some(author) = e["author"]["name"].as_str() {
                div.embed-author { (author) }
            }
            @if let Some(title) = e["title"].as_str() {
                div.embed-title { (inline(title, names)) }
            }
            @if let Some(description) = e["description"].as_str() {
                div.embed-description { (block(description, names)) }
            }
            @if !fields.is_empty() {
                div.embed-fields {
                    @for f in fields {
                        div.field.inline[f["inline"].as_bool().unwrap_or(false)] {
                            div.field-name { (inline(f["name"].as_str().unwrap_or_default(), names)) }
                            div.field-value { (block(f["value"].as_str().unwrap_or_default(), names)) }
                        }
                    }
                }
            }
            @if let Some(footer) = e["footer"]["text"].as_str() {
                div.embed-footer { (footer) }
            }
        }
    }
}

/// An action row (or a lone component, drawn in a row of its own).
pub(crate) fn component_row(row: &Value) -> Markup {
    let children = row["components"]
        .as_array()
        .map_or_else(|| vec![row], |c| c.iter().collect());
    html! {
        div.row {
            @for c in children {
                @match c["type"].as_u64() {
                    Some(2) => (button(c)),
                    Some(3 | 5..=8) => (select(c)),
                    Some(other) => span.unknown { "[component type " (other) "]" },
                    None => span.unknown { "[component type ?]" },
                }
            }
        }
    }
}

fn button(b: &Value) -> Markup {
    let style = match b["style"].as_u64() {
        Some(1) => "primary",
        Some(3) => "success",
        Some(4) => "danger",
        Some(5) => "link",
        Some(6) => "premium",
        _ => "secondary",
    };
    let disabled = b["disabled"].as_bool().unwrap_or(false);
    html! {
        span.button.(style).disabled[disabled]
            role="button"
            aria-disabled=[disabled.then_some("true")]
            title=[b["url"].as_str()]
        {
            @if let Some(emoji) = b["emoji"]["name"].as_str() {
                span.emoji { (emoji) }
            }
            @if let Some(label) = b["label"].as_str() {
                span.label { (label) }
            }
            @if style == "link" {
                span.external { "↗" }
            }
        }
    }
}

/// A select menu: closed it shows its placeholder (or its default options), and a click
/// opens the options, as on Discord, with no script (`<details>`).
fn select(s: &Value) -> Markup {
    let options = s["options"].as_array().map_or(&[][..], Vec::as_slice);
    let defaults: Vec<&str> = options
        .iter()
        .filter(|o| o["default"].as_bool().unwrap_or(false))
        .filter_map(|o| o["label"].as_str())
        .collect();
    let disabled = s["disabled"].as_bool().unwrap_or(false);
    html! {
        details.select.disabled[disabled] {
            summary {
                @if defaults.is_empty() {
                    span.placeholder { (s["placeholder"].as_str().unwrap_or("Make a selection")) }
                } @else {
                    (defaults.join(", "))
                }
                (chevron())
            }
            @if !options.is_empty() {
                ul.options {
                    @for o in options {
                        li {
                            span.option-label {
                                @if let Some(emoji) = o["emoji"]["name"].as_str() {
                                    (emoji) " "
                                }
                                (o["label"].as_str().unwrap_or_default())
                            }
                            @if let Some(d) = o["description"].as_str() {
                                span.option-description { (d) }
                            }
                        }
                    }
                }
            }
        }
    }
}
