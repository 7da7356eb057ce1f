//! The page around the messages: server rail, channel sidebar (categories, private channels,
//! DMs, what was left out), and one section per channel with Discord's message list (avatar
//! and name at the head of each group, "used /command" above an answer, "Only … can see this"
//! under an ephemeral one).

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::icons::{at, chevron, eye, hash, lock};
use super::markdown::{inline, Names};
use super::message::body;
use super::view::{ChannelView, GuildView, PageView};
use crate::model::Message;
use crate::snowflake::{timestamp_of, Snowflake};

/// The page's stylesheet. The one text maud does not escape (`PreEscaped`): it is ours, fixed
/// at compile time, and a `<style>` element's content is raw text that escaping would break
/// (its font names are quoted).
const STYLE: &str = include_str!("style.css");

/// Discord's default avatar colours.
const AVATAR_COLOURS: [&str; 6] = [
    "#5865f2", "#757e8a", "#3ba55c", "#faa61a", "#ed4245", "#eb459f",
];

/// A later message from the same author within this many milliseconds joins its group.
const GROUP_WINDOW_MS: u64 = 7 * 60 * 1000;

/// The whole page.
pub(crate) fn render(view: &PageView) -> String {
    let guilds = view
        .guilds
        .iter()
        .map(|g| g.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let bot_name = view
        .bots
        .iter()
        .find_map(|id| view.names.users.get(id))
        .map_or("The bot", String::as_str);
    let nothing = view.guilds.iter().all(|g| g.channels.is_empty()) && view.dms.is_empty();
    html! {
        (DOCTYPE) "\n"
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (if guilds.is_empty() { "Discord" } else { &guilds }) " — as members saw it" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                div.app {
                    nav.rail {
                        @for (i, g) in view.guilds.iter().enumerate() {
                            a.server href={ "#g-" (i) } title=(g.name) { (initials(&g.name)) }
                        }
                    }
                    nav.sidebar {
                        @for (i, g) in view.guilds.iter().enumerate() {
                            (sidebar(i, g))
                        }
                        (dm_list(view))
                    }
                    main {
                        @for channel in view.guilds.iter().flat_map(|g| &g.channels) {
                            (section(channel, view, bot_name))
                        }
                        @for dm in &view.dms {
                            (section(dm, view, bot_name))
                        }
                        @if nothing {
                            div.left-out { "Nothing to show: no channels." }
                        }
                    }
                }
            }
        }
        "\n"
    }
    .into_string()
}

fn sidebar(index: usize, g: &GuildView) -> Markup {
    html! {
        header.guild id={ "g-" (index) } {
            span.name { (g.name) }
            small { (g.members) " members" }
        }
        ul {
            @for group in &g.groups {
                @if let Some(category) = &group.category {
                    li.category { (chevron()) (category) }
                }
                @for (id, name, private, rendered) in &group.channels {
                    @let icon = if *private { lock() } else { hash() };
                    @if *rendered {
                        li {
                            a.chan href={ "#c-" (id) } title=(name) {
                                span.hash { (icon) }
                                (name)
                            }
                        }
                    } @else {
                        li.chan.off title="not rendered (limit)" {
                            span.hash { (icon) }
                            (name)
                        }
                    }
                }
            }
            @if g.channels_left_out > 0 {
                li.more { (g.channels_left_out) " channel(s) not rendered (limit)" }
            }
        }
    }
}

fn dm_list(view: &PageView) -> Markup {
    html! {
        @if !view.dms.is_empty() || view.dms_left_out > 0 {
            ul {
                li.category.dms { "Direct messages" }
                @for dm in &view.dms {
                    li {
                        a.chan href={ "#c-" (dm.id) } {
                            (avatar(dm.id, &dm.name, "avatar small"))
                            (dm.name)
                        }
                    }
                }
                @if view.dms_left_out > 0 {
                    li.more { (view.dms_left_out) " more DM(s) not rendered (limit)" }
                }
            }
        }
    }
}

fn section(c: &ChannelView, view: &PageView, bot_name: &str) -> Markup {
    let icon = match (c.is_dm, c.private) {
        (true, _) => at(),
        (false, true) => lock(),
        (false, false) => hash(),
    };
    html! {
        section.channel id={ "c-" (c.id) } {
            header.topbar {
                span.hash { (icon) }
                h2 { (c.name) }
                @if c.is_dm {
                    span.topic { "Direct message with the bot" }
                } @else if let Some(topic) = &c.topic {
                    span.topic { (inline(topic, &view.names)) }
                }
            }
            div.messages {
                @if c.earlier_left_out > 0 {
                    div.left-out { (c.earlier_left_out) " earlier message(s) not rendered (limit)" }
                } @else if c.is_dm {
                    div.welcome {
                        (avatar(c.id, &c.name, "avatar big"))
                        h3 { (c.name) }
                        p { "This is the beginning of your direct message history with " b { (bot_name) } "." }
                    }
                } @else {
                    div.welcome {
                        div.avatar.big.hash-icon { (hash()) }
                        h3 { "Welcome to #" (c.name) "!" }
                        p { "This is the start of the #" (c.name) " channel." }
                    }
                }
                @for (i, m) in c.messages.iter().enumerate() {
                    @let previous = i.checked_sub(1).and_then(|p| c.messages.get(p));
                    (message(m, previous, view, bot_name))
                }
            }
        }
    }
}

fn message(m: &Message, previous: Option<&Message>, view: &PageView, bot_name: &str) -> Markup {
    let names = &view.names;
    let author = user_name(names, m.author_id);
    let used = m
        .interaction_command
        .as_deref()
        .zip(m.interaction_user)
        .map(|(command, user)| (command, user, user_name(names, user)));
    let continues = used.is_none()
        && previous.is_some_and(|p| {
            p.author_id == m.author_id
                && p.is_ephemeral() == m.is_ephemeral()
                && p.interaction_user == m.interaction_user
                && (m.id >> 22).saturating_sub(p.id >> 22) < GROUP_WINDOW_MS
        });
    let iso = timestamp_of(m.id);
    let short = iso.get(..16).unwrap_or(&iso).replacen('T', " ", 1);
    html! {
        article.message.ephemeral[m.is_ephemeral()].head[!continues] id={ "m-" (m.id) } {
            @if let Some((command, user_id, user)) = &used {
                div.used {
                    (avatar(*user_id, user, "avatar tiny"))
                    b { (user) }
                    " used "
                    span.command { "/" (command) }
                }
            }
            @if continues {
                time.hover-time datetime=(iso) { (short.get(11..).unwrap_or_default()) }
            } @else {
                (avatar(m.author_id, &author, "avatar"))
                div.meta {
                    span.author { (author) }
                    @if view.bots.contains(&m.author_id) {
                        span.tag { "APP" }
                    }
                    time datetime=(iso) { (short) }
                }
            }
            div.body {
                (body(m, bot_name, names))
                @if m.is_ephemeral() {
                    @let viewer = m
                        .interaction_user
                        .map_or_else(|| "one member".to_owned(), |u| user_name(names, u));
                    div.ephemeral-note { (eye()) " Only " b { (viewer) } " can see this · ephemeral" }
                }
            }
        }
    }
}

fn user_name(names: &Names, id: Snowflake) -> String {
    names
        .users
        .get(&id)
        .cloned()
        .unwrap_or_else(|| format!("user {id}"))
}

/// A round avatar: the name's initial on one of Discord's default colours.
fn avatar(id: Snowflake, name: &str, class: &str) -> Markup {
    let colour = AVATAR_COLOURS[usize::try_from((id ^ (id >> 22)) % 6).unwrap_or(0)];
    let letter: String = name
        .chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    html! {
        span class=(class) style={ "background:" (colour) } { (letter) }
    }
}

/// A server icon's text: the first letter of each word, at most three.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(3)
        .collect()
}
