//! One message's body as Discord draws it: the content (markdown), embeds (colour bar, author,
//! title, description, fields, footer) and components (action rows of buttons in their style
//! colours, select menus that open on click to show their options). All text is escaped.

use std::fmt::Write as _;

use serde_json::Value;

use super::icons::CHEVRON;
use super::markdown::{block, escape, inline, Names};
use crate::model::Message;

/// Flag 128: a deferred answer the bot has not filled in yet.
const LOADING: u64 = 128;

/// Content, embeds and components of `m`; `bot_name` is who "is thinking…" when deferred.
pub(crate) fn body(m: &Message, bot_name: &str, names: &Names) -> String {
    let mut out = String::new();
    if m.flags & LOADING != 0 && m.content.is_empty() && m.embeds.is_empty() {
        let _ = write!(
            out,
            "<div class=\"content thinking\">{} is thinking…</div>",
            escape(bot_name)
        );
    } else if !m.content.is_empty() {
        let mut content = block(&m.content, names);
        if m.edited_timestamp.is_some() {
            // Inside the last line, as Discord shows it.
            content.truncate(content.len() - "</div>".len());
            content.push_str("<span class=\"edited\">(edited)</span></div>");
        }
        let _ = write!(out, "<div class=\"content\">{content}</div>");
    }
    for embed in &m.embeds {
        out.push_str(&self::embed(embed, names));
    }
    for row in &m.components {
        out.push_str(&component_row(row));
    }
    out
}

/// An embed: a card with a colour bar on the left.
pub(crate) fn embed(e: &Value, names: &Names) -> String {
    let colour = e["color"].as_u64().map_or_else(
        || "#1e1f22".to_owned(),
        |c| format!("#{:06x}", c & 0xff_ffff),
    );
    let mut out = format!("<div class=\"embed\" style=\"border-left-color:{colour}\">");
    if let Some(author) = e["author"]["name"].as_str() {
        let _ = write!(out, "<div class=\"embed-author\">{}</div>", escape(author));
    }
    if let Some(title) = e["title"].as_str() {
        out.push_str("<div class=\"embed-title\">");
        inline(title, names, &mut out);
        out.push_str("</div>");
    }
    if let Some(description) = e["description"].as_str() {
        let _ = write!(
            out,
            "<div class=\"embed-description\">{}</div>",
            block(description, names)
        );
    }
    let fields = e["fields"].as_array().map_or(&[][..], Vec::as_slice);
    if !fields.is_empty() {
        out.push_str("<div class=\"embed-fields\">");
        for f in fields {
            let class = if f["inline"].as_bool().unwrap_or(false) {
                "field inline"
            } else {
                "field"
            };
            let mut name = String::new();
            inline(f["name"].as_str().unwrap_or_default(), names, &mut name);
            let _ = write!(
                out,
                "<div class=\"{class}\"><div class=\"field-name\">{name}</div>\
                 <div class=\"field-value\">{}</div></div>",
                block(f["value"].as_str().unwrap_or_default(), names)
            );
        }
        out.push_str("</div>");
    }
    if let Some(footer) = e["footer"]["text"].as_str() {
        let _ = write!(out, "<div class=\"embed-footer\">{}</div>", escape(footer));
    }
    out.push_str("</div>");
    out
}

/// An action row (or a lone component, drawn in a row of its own).
pub(crate) fn component_row(row: &Value) -> String {
    let children = row["components"]
        .as_array()
        .map_or_else(|| vec![row], |c| c.iter().collect());
    let mut out = String::from("<div class=\"row\">");
    for c in children {
        match c["type"].as_u64() {
            Some(2) => out.push_str(&button(c)),
            Some(3 | 5..=8) => out.push_str(&select(c)),
            other => {
                let _ = write!(
                    out,
                    "<span class=\"unknown\">[component type {}]</span>",
                    other.map_or_else(|| "?".to_owned(), |t| t.to_string())
                );
            }
        }
    }
    out.push_str("</div>");
    out
}

fn button(b: &Value) -> String {
    let style = match b["style"].as_u64() {
        Some(1) => "primary",
        Some(3) => "success",
        Some(4) => "danger",
        Some(5) => "link",
        Some(6) => "premium",
        _ => "secondary",
    };
    let disabled = b["disabled"].as_bool().unwrap_or(false);
    let mut out = format!(
        "<span class=\"button {style}{}\" role=\"button\"{}",
        if disabled { " disabled" } else { "" },
        if disabled {
            " aria-disabled=\"true\""
        } else {
            ""
        }
    );
    if let Some(url) = b["url"].as_str() {
        let _ = write!(out, " title=\"{}\"", escape(url));
    }
    out.push('>');
    if let Some(emoji) = b["emoji"]["name"].as_str() {
        let _ = write!(out, "<span class=\"emoji\">{}</span>", escape(emoji));
    }
    if let Some(label) = b["label"].as_str() {
        let _ = write!(out, "<span class=\"label\">{}</span>", escape(label));
    }
    if style == "link" {
        out.push_str("<span class=\"external\">↗</span>");
    }
    out.push_str("</span>");
    out
}

/// A select menu: closed it shows its placeholder (or its default options), and a click
/// opens the options, as on Discord, with no script (`<details>`).
fn select(s: &Value) -> String {
    let options = s["options"].as_array().map_or(&[][..], Vec::as_slice);
    let defaults: Vec<&str> = options
        .iter()
        .filter(|o| o["default"].as_bool().unwrap_or(false))
        .filter_map(|o| o["label"].as_str())
        .collect();
    let shown = if defaults.is_empty() {
        format!(
            "<span class=\"placeholder\">{}</span>",
            escape(s["placeholder"].as_str().unwrap_or("Make a selection"))
        )
    } else {
        escape(&defaults.join(", "))
    };
    let disabled = s["disabled"].as_bool().unwrap_or(false);
    let mut out = format!(
        "<details class=\"select{}\"><summary>{shown}{CHEVRON}</summary>",
        if disabled { " disabled" } else { "" }
    );
    if !options.is_empty() {
        out.push_str("<ul class=\"options\">");
        for o in options {
            let _ = write!(
                out,
                "<li><span class=\"option-label\">{}{}</span>",
                o["emoji"]["name"]
                    .as_str()
                    .map(|e| format!("{} ", escape(e)))
                    .unwrap_or_default(),
                escape(o["label"].as_str().unwrap_or_default())
            );
            if let Some(d) = o["description"].as_str() {
                let _ = write!(
                    out,
                    "<span class=\"option-description\">{}</span>",
                    escape(d)
                );
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</details>");
    out
}
