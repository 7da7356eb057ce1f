//! The page around the messages: server rail, channel sidebar (categories, private channels,
//! DMs, what was left out), and one section per channel with Discord's message list (avatar
//! and name at the head of each group, "used /command" above an answer, "Only … can see this"
//! under an ephemeral one).

use std::fmt::Write as _;

use super::icons::{AT, EYE, HASH, LOCK};
use super::markdown::{escape, inline, Names};
use super::message::body;
use super::view::{ChannelView, GuildView, PageView};
use crate::model::Message;
use crate::snowflake::{timestamp_of, Snowflake};

const STYLE: &str = include_str!("style.css");

/// Discord's default avatar colours.
const AVATAR_COLOURS: [&str; 6] = [
    "#5865f2", "#757e8a", "#3ba55c", "#faa61a", "#ed4245", "#eb459f",
];

/// A later message from the same author within this many milliseconds joins its group.
const GROUP_WINDOW_MS: u64 = 7 * 60 * 1000;

/// The whole page.
pub(crate) fn render(view: &PageView) -> String {
    let title = view
        .guilds
        .iter()
        .map(|g| g.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} — as members saw it</title><style>{STYLE}</style></head>\
         <body><div class=\"app\"><nav class=\"rail\">",
        escape(if title.is_empty() { "Discord" } else { &title })
    );
    for (i, g) in view.guilds.iter().enumerate() {
        let _ = write!(
            out,
            "<a class=\"server\" href=\"#g-{i}\" title=\"{}\">{}</a>",
            escape(&g.name),
            escape(&initials(&g.name))
        );
    }
    out.push_str("</nav><nav class=\"sidebar\">");
    for (i, g) in view.guilds.iter().enumerate() {
        sidebar(&mut out, i, g);
    }
    dm_list(&mut out, view);
    out.push_str("</nav><main>");
    let bot_name = view
        .bots
        .iter()
        .find_map(|id| view.names.users.get(id))
        .map_or("The bot", String::as_str);
    for channel in view.guilds.iter().flat_map(|g| &g.channels) {
        section(&mut out, channel, view, bot_name);
    }
    for dm in &view.dms {
        section(&mut out, dm, view, bot_name);
    }
    if view.guilds.iter().all(|g| g.channels.is_empty()) && view.dms.is_empty() {
        out.push_str("<div class=\"left-out\">Nothing to show: no channels.</div>");
    }
    out.push_str("</main></div></body></html>\n");
    out
}

fn sidebar(out: &mut String, index: usize, g: &GuildView) {
    let _ = write!(
        out,
        "<header class=\"guild\" id=\"g-{index}\"><span class=\"name\">{}</span><small>{} members</small></header><ul>",
        escape(&g.name),
        g.members
    );
    for group in &g.groups {
        if let Some(category) = &group.category {
            let _ = write!(
                out,
                "<li class=\"category\">{}{}</li>",
                super::icons::CHEVRON,
                escape(category)
            );
        }
        for (id, name, private, rendered) in &group.channels {
            let icon = if *private { LOCK } else { HASH };
            if *rendered {
                let _ = write!(
                    out,
                    "<li><a class=\"chan\" href=\"#c-{id}\" title=\"{name}\"><span class=\"hash\">{icon}</span>{name}</a></li>",
                    name = escape(name)
                );
            } else {
                let _ = write!(
                    out,
                    "<li class=\"chan off\" title=\"not rendered (limit)\"><span class=\"hash\">{icon}</span>{}</li>",
                    escape(name)
                );
            }
        }
    }
    if g.channels_left_out > 0 {
        let _ = write!(
            out,
            "<li class=\"more\">{} channel(s) not rendered (limit)</li>",
            g.channels_left_out
        );
    }
    out.push_str("</ul>");
}

fn dm_list(out: &mut String, view: &PageView) {
    if view.dms.is_empty() && view.dms_left_out == 0 {
        return;
    }
    out.push_str("<ul><li class=\"category dms\">Direct messages</li>");
    for dm in &view.dms {
        let _ = write!(
            out,
            "<li><a class=\"chan\" href=\"#c-{}\">{}{}</a></li>",
            dm.id,
            avatar(dm.id, &dm.name, "avatar small"),
            escape(&dm.name)
        );
    }
    if view.dms_left_out > 0 {
        let _ = write!(
            out,
            "<li class=\"more\">{} more DM(s) not rendered (limit)</li>",
            view.dms_left_out
        );
    }
    out.push_str("</ul>");
}

fn section(out: &mut String, c: &ChannelView, view: &PageView, bot_name: &str) {
    let name = escape(&c.name);
    let icon = match (c.is_dm, c.private) {
        (true, _) => AT,
        (false, true) => LOCK,
        (false, false) => HASH,
    };
    let _ = write!(
        out,
        "<section class=\"channel\" id=\"c-{}\"><header class=\"topbar\"><span class=\"hash\">{icon}</span><h2>{name}</h2>",
        c.id
    );
    if c.is_dm {
        out.push_str("<span class=\"topic\">Direct message with the bot</span>");
    } else if let Some(topic) = &c.topic {
        out.push_str("<span class=\"topic\">");
        inline(topic, &view.names, out);
        out.push_str("</span>");
    }
    out.push_str("</header><div class=\"messages\">");
    if c.earlier_left_out > 0 {
        let _ = write!(
            out,
            "<div class=\"left-out\">{} earlier message(s) not rendered (limit)</div>",
            c.earlier_left_out
        );
    } else if c.is_dm {
        let _ = write!(
            out,
            "<div class=\"welcome\">{}<h3>{name}</h3><p>This is the beginning of your direct message history with <b>{}</b>.</p></div>",
            avatar(c.id, &c.name, "avatar big"),
            escape(bot_name)
        );
    } else {
        let _ = write!(
            out,
            "<div class=\"welcome\"><div class=\"avatar big hash-icon\">{HASH}</div><h3>Welcome to #{name}!</h3><p>This is the start of the #{name} channel.</p></div>"
        );
    }
    let mut previous: Option<&Message> = None;
    for m in &c.messages {
        message(out, m, previous, view, bot_name);
        previous = Some(m);
    }
    out.push_str("</div></section>");
}

fn message(
    out: &mut String,
    m: &Message,
    previous: Option<&Message>,
    view: &PageView,
    bot_name: &str,
) {
    let names = &view.names;
    let author = user_name(names, m.author_id);
    let used = m
        .interaction_command
        .as_deref()
        .zip(m.interaction_user)
        .map(|(command, user)| (command, user_name(names, user)));
    let continues = used.is_none()
        && previous.is_some_and(|p| {
            p.author_id == m.author_id
                && p.is_ephemeral() == m.is_ephemeral()
                && p.interaction_user == m.interaction_user
                && (m.id >> 22).saturating_sub(p.id >> 22) < GROUP_WINDOW_MS
        });
    let class = match (m.is_ephemeral(), continues) {
        (true, true) => "message ephemeral",
        (true, false) => "message ephemeral head",
        (false, true) => "message",
        (false, false) => "message head",
    };
    let _ = write!(out, "<article class=\"{class}\" id=\"m-{}\">", m.id);
    if let Some((command, user)) = &used {
        let _ = write!(
            out,
            "<div class=\"used\">{}<b>{}</b> used <span class=\"command\">/{}</span></div>",
            avatar(m.interaction_user.unwrap_or_default(), user, "avatar tiny"),
            escape(user),
            escape(command)
        );
    }
    let iso = timestamp_of(m.id);
    let short = iso.get(..16).unwrap_or(&iso).replacen('T', " ", 1);
    if continues {
        let _ = write!(
            out,
            "<time class=\"hover-time\" datetime=\"{iso}\">{}</time>",
            short.get(11..).unwrap_or_default()
        );
    } else {
        out.push_str(&avatar(m.author_id, &author, "avatar"));
        let tag = if view.bots.contains(&m.author_id) {
            "<span class=\"tag\">APP</span>"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<div class=\"meta\"><span class=\"author\">{}</span>{tag}<time datetime=\"{iso}\">{short}</time></div>",
            escape(&author)
        );
    }
    out.push_str("<div class=\"body\">");
    out.push_str(&body(m, bot_name, names));
    if m.is_ephemeral() {
        let viewer = m
            .interaction_user
            .map_or_else(|| "one member".to_owned(), |u| user_name(names, u));
        let _ = write!(
            out,
            "<div class=\"ephemeral-note\">{EYE} Only <b>{}</b> can see this · ephemeral</div>",
            escape(&viewer)
        );
    }
    out.push_str("</div></article>");
}

fn user_name(names: &Names, id: Snowflake) -> String {
    names
        .users
        .get(&id)
        .cloned()
        .unwrap_or_else(|| format!("user {id}"))
}

/// A round avatar: the name's initial on one of Discord's default colours.
fn avatar(id: Snowflake, name: &str, class: &str) -> String {
    let colour = AVATAR_COLOURS[usize::try_from((id ^ (id >> 22)) % 6).unwrap_or(0)];
    let letter: String = name
        .chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    format!(
        "<span class=\"{class}\" style=\"background:{colour}\">{}</span>",
        escape(&letter)
    )
}

/// A server icon's text: the first letter of each word, at most three.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(3)
        .collect()
}
