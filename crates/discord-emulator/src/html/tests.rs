//! The page renderer on a hand-made world: escaping of hostile text, an embed, a disabled
//! button, a select menu, the ephemeral marker, message order and the limits.

use serde_json::json;

use super::{page, view, HtmlLimits};
use crate::model::{channel_type, Channel, Guild, Overwrite, User};
use crate::snowflake::Snowflake;
use crate::state::State;

const GUILD: Snowflake = 1 << 22;
const BOT: Snowflake = 2 << 22;
const ALICE: Snowflake = 3 << 22;
const CHANNEL: Snowflake = 10 << 22;

fn user(state: &mut State, id: Snowflake, name: &str, bot: bool) {
    state.users.insert(
        id,
        User {
            id,
            name: name.into(),
            bot,
            locale: "en-US".into(),
        },
    );
}

fn channel(state: &mut State, id: Snowflake, name: &str, kind: u8, recipient: Option<Snowflake>) {
    let guild_id = (kind != channel_type::DM).then_some(GUILD);
    state.channels.insert(
        id,
        Channel {
            id,
            kind,
            guild_id,
            name: name.into(),
            parent_id: None,
            position: u32::try_from(id >> 22).unwrap_or(0),
            topic: None,
            overwrites: Vec::new(),
            recipient,
            last_message_id: None,
            messages: Vec::new(),
        },
    );
    if let Some(g) = guild_id.and_then(|g| state.guilds.get_mut(&g)) {
        g.channels.push(id);
    }
}

/// Stores a message from the bot (ephemeral ones, like the REST API, only by id).
fn post(state: &mut State, id: Snowflake, channel_id: Snowflake, body: &serde_json::Value) {
    let mut m =
        crate::rest::messages::message_from_body(id, channel_id, Some(GUILD), BOT, body, 64);
    if m.is_ephemeral() {
        m.interaction_user = Some(ALICE);
        m.interaction_command = Some("request".into());
    }
    crate::rest::messages::store_message(state, m);
}

/// A guild "Test <Guild>" with the bot, alice, and `#requests` (with `<b>` in its name).
fn world() -> State {
    let mut state = State::default();
    user(&mut state, BOT, "craftdesk", true);
    user(&mut state, ALICE, "alice<script>", false);
    state.guilds.insert(
        GUILD,
        Guild {
            id: GUILD,
            name: "Test <Guild>".into(),
            owner_id: ALICE,
            roles: vec![GUILD],
            members: Vec::new(),
            channels: Vec::new(),
            bot_role: GUILD,
            locale: "en-US".into(),
        },
    );
    state.guild_order.push(GUILD);
    channel(
        &mut state,
        CHANNEL,
        "requests<b>",
        channel_type::GUILD_TEXT,
        None,
    );
    state
}

fn render(state: &State, limits: HtmlLimits) -> String {
    page::render(&view::snapshot(state, &limits))
}

#[test]
fn member_text_is_escaped_everywhere_it_appears() {
    let mut state = world();
    let hostile = "<script>alert(1)</script>";
    post(
        &mut state,
        11 << 22,
        CHANNEL,
        &json!({
            "content": format!("Notes: {hostile} {}", "x".repeat(4000)),
            "embeds": [{"title": hostile, "description": hostile, "fields": [{"name": hostile, "value": hostile}], "footer": {"text": hostile}}],
            "components": [
                {"type": 1, "components": [{"type": 2, "style": 1, "label": hostile, "custom_id": "a"}]},
                {"type": 1, "components": [{"type": 3, "custom_id": "s", "placeholder": hostile,
                    "options": [{"label": hostile, "value": "v", "description": hostile}]}]},
            ],
        }),
    );
    let html = render(&state, HtmlLimits::default());
    assert!(!html.contains("<script"), "a tag got through");
    assert!(!html.contains("<b>requests"), "channel names are escaped");
    // Content, embed title, description, field name and value, footer, button label,
    // placeholder, option label and option description.
    assert_eq!(
        html.matches("&lt;script&gt;alert(1)&lt;/script&gt;")
            .count(),
        10,
        "{html}"
    );
    assert!(html.contains("Test &lt;Guild&gt;"));
    assert!(
        html.contains(&"x".repeat(4000)),
        "long notes are kept whole"
    );
}

#[test]
fn an_embed_shows_its_colour_bar_title_description_fields_and_footer() {
    let mut state = world();
    post(
        &mut state,
        11 << 22,
        CHANNEL,
        &json!({"embeds": [{
            "title": "Request #1 · **Runed Sword**",
            "description": "Quantity 2",
            "color": 0x2e_cc71,
            "fields": [{"name": "Materials", "value": "• Iron × 2 = **4**", "inline": true}],
            "footer": {"text": "Submitted by alice"},
        }]}),
    );
    let html = render(&state, HtmlLimits::default());
    assert!(
        html.contains("class=\"embed\" style=\"border-left-color:#2ecc71\""),
        "{html}"
    );
    assert!(
        html.contains("<div class=\"embed-title\">Request #1 · <strong>Runed Sword</strong></div>")
    );
    assert!(html.contains("<div class=\"field inline\"><div class=\"field-name\">Materials</div>"));
    assert!(html.contains("• Iron × 2 = <strong>4</strong>"));
    assert!(html.contains("<div class=\"embed-footer\">Submitted by alice</div>"));
}

#[test]
fn buttons_show_their_style_and_a_disabled_one_looks_disabled() {
    let mut state = world();
    post(
        &mut state,
        11 << 22,
        CHANNEL,
        &json!({"components": [{"type": 1, "components": [
            {"type": 2, "style": 3, "label": "Confirm", "custom_id": "c"},
            {"type": 2, "style": 4, "label": "Cancel", "custom_id": "x", "disabled": true},
        ]}]}),
    );
    let html = render(&state, HtmlLimits::default());
    assert!(
        html.contains(
            "<span class=\"button success\" role=\"button\"><span class=\"label\">Confirm</span>"
        ),
        "{html}"
    );
    assert!(html.contains(
        "<span class=\"button danger disabled\" role=\"button\" aria-disabled=\"true\"><span class=\"label\">Cancel</span>"
    ));
}

#[test]
fn a_select_menu_shows_its_placeholder_and_opens_on_its_options() {
    let mut state = world();
    post(
        &mut state,
        11 << 22,
        CHANNEL,
        &json!({"components": [{"type": 1, "components": [{"type": 3, "custom_id": "p",
            "placeholder": "Choose a profession",
            "options": [{"label": "Enchanting", "value": "e", "description": "12 items"}, {"label": "Smithing", "value": "s"}]}]}]}),
    );
    let html = render(&state, HtmlLimits::default());
    assert!(
        html.contains("<summary><span class=\"placeholder\">Choose a profession</span>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"option-label\">Enchanting</span><span class=\"option-description\">12 items</span>"));
    assert!(html.contains("<span class=\"option-label\">Smithing</span>"));
}

#[test]
fn an_ephemeral_answer_is_shown_in_order_and_marked_with_who_saw_it() {
    let mut state = world();
    post(
        &mut state,
        11 << 22,
        CHANNEL,
        &json!({"content": "first, public"}),
    );
    post(
        &mut state,
        12 << 22,
        CHANNEL,
        &json!({"content": "Your request is waiting", "flags": 64}),
    );
    post(
        &mut state,
        13 << 22,
        CHANNEL,
        &json!({"content": "third, public"}),
    );
    let html = render(&state, HtmlLimits::default());
    let first = html.find("first, public").expect("first");
    let ephemeral = html
        .find("Your request is waiting")
        .expect("ephemeral shown");
    let third = html.find("third, public").expect("third");
    assert!(first < ephemeral && ephemeral < third, "in id order");
    let article = &html[html[..ephemeral].rfind("<article").expect("article")..third];
    assert!(
        article.contains("class=\"message ephemeral head\""),
        "{article}"
    );
    assert!(
        article.contains("Only <b>alice&lt;script&gt;</b> can see this"),
        "{article}"
    );
    assert!(
        article.contains("<b>alice&lt;script&gt;</b> used <span class=\"command\">/request</span>"),
        "{article}"
    );
    assert_eq!(
        html.matches("can see this").count(),
        1,
        "public messages are not marked"
    );
}

#[test]
fn limits_leave_out_channels_dms_and_old_messages_and_say_so() {
    let mut state = world();
    let hidden = 20 << 22;
    channel(&mut state, hidden, "second", channel_type::GUILD_TEXT, None);
    if let Some(c) = state.channels.get_mut(&hidden) {
        c.overwrites.push(Overwrite {
            id: GUILD,
            kind: 0,
            allow: 0,
            deny: crate::permissions::VIEW_CHANNEL,
        });
    }
    for n in 0..5 {
        post(
            &mut state,
            (30 + n) << 22,
            CHANNEL,
            &json!({"content": format!("message {n}")}),
        );
    }
    for n in 0..3 {
        let (dm, member) = ((40 + n) << 22, (50 + n) << 22);
        user(&mut state, member, &format!("member{n}"), false);
        channel(&mut state, dm, "", channel_type::DM, Some(member));
    }
    let limits = HtmlLimits {
        channels: 1,
        dms: 2,
        messages_per_channel: 2,
    };
    let page = view::snapshot(&state, &limits);
    assert_eq!(page.guilds[0].channels.len(), 1);
    assert_eq!(page.guilds[0].channels_left_out, 1);
    assert_eq!(page.guilds[0].channels[0].earlier_left_out, 3);
    assert_eq!(page.dms.len(), 2);
    assert_eq!(page.dms_left_out, 1);
    assert_eq!(
        page.dms[0].name, "member0",
        "a DM is labelled with the member's name"
    );
    let html = page::render(&page);
    assert!(html.contains("3 earlier message(s) not rendered (limit)"));
    assert!(
        html.contains("message 4") && !html.contains("message 2"),
        "the newest are kept"
    );
    assert!(html.contains("1 channel(s) not rendered (limit)"));
    assert!(html.contains("1 more DM(s) not rendered (limit)"));
    assert!(
        html.contains("<li class=\"chan off\""),
        "the channel left out is still listed"
    );
    assert!(
        html.contains("aria-label=\"private\""),
        "a private channel shows a lock"
    );
}
