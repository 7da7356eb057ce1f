//! What the page shows, copied out of the emulator's state in one short lock: guilds with
//! their sidebar (categories and channels in Discord's order), each rendered channel's and
//! DM's messages in order with the ephemeral answers merged in, and the names mentions need.

use std::collections::{HashMap, HashSet};

use super::markdown::Names;
use super::HtmlLimits;
use crate::model::{channel_type, permissions, Channel, Message};
use crate::snowflake::Snowflake;
use crate::state::State;

/// The whole page.
#[derive(Debug, Default)]
pub(crate) struct PageView {
    pub guilds: Vec<GuildView>,
    /// DM channels with the bot, oldest first.
    pub dms: Vec<ChannelView>,
    /// DMs beyond the limit, not rendered.
    pub dms_left_out: usize,
    pub names: Names,
    /// Users that are bots (their name gets an APP tag).
    pub bots: HashSet<Snowflake>,
}

#[derive(Debug, Default)]
pub(crate) struct GuildView {
    pub name: String,
    pub members: usize,
    /// The sidebar: channels without a category first, then each category's.
    pub groups: Vec<SidebarGroup>,
    /// The rendered channels, in sidebar order.
    pub channels: Vec<ChannelView>,
    /// Text channels beyond the limit, listed in the sidebar but not rendered.
    pub channels_left_out: usize,
}

#[derive(Debug, Default)]
pub(crate) struct SidebarGroup {
    /// The category's name; `None` for channels outside any category.
    pub category: Option<String>,
    /// (id, name, private, rendered).
    pub channels: Vec<(Snowflake, String, bool, bool)>,
}

/// One channel or DM and its messages.
#[derive(Debug, Default)]
pub(crate) struct ChannelView {
    pub id: Snowflake,
    /// The channel's name, or for a DM the member's.
    pub name: String,
    pub is_dm: bool,
    /// Hidden from `@everyone` (a request channel).
    pub private: bool,
    pub topic: Option<String>,
    /// Messages oldest first, ephemeral answers included.
    pub messages: Vec<Message>,
    /// Older messages beyond the limit, not rendered.
    pub earlier_left_out: usize,
}

/// Copies what the page needs out of the state.
pub(crate) fn snapshot(state: &State, limits: &HtmlLimits) -> PageView {
    let mut ephemeral: HashMap<Snowflake, Vec<Snowflake>> = HashMap::new();
    for m in state.messages.values().filter(|m| m.is_ephemeral()) {
        ephemeral.entry(m.channel_id).or_default().push(m.id);
    }
    let mut page = PageView {
        names: names(state),
        bots: state
            .users
            .values()
            .filter(|u| u.bot)
            .map(|u| u.id)
            .collect(),
        ..PageView::default()
    };
    let mut budget = limits.channels;
    for guild in state.guild_order.iter().filter_map(|g| state.guilds.get(g)) {
        let channels: Vec<&Channel> = guild
            .channels
            .iter()
            .filter_map(|c| state.channels.get(c))
            .collect();
        let mut view = GuildView {
            name: guild.name.clone(),
            members: guild.members.len(),
            ..GuildView::default()
        };
        for group in sidebar(&channels) {
            let mut entries = Vec::new();
            for c in group.1 {
                let private = is_private(c);
                let rendered = budget > 0;
                if rendered {
                    budget -= 1;
                    view.channels
                        .push(channel_view(state, c, &ephemeral, limits, private));
                } else {
                    view.channels_left_out += 1;
                }
                entries.push((c.id, c.name.clone(), private, rendered));
            }
            view.groups.push(SidebarGroup {
                category: group.0.map(|c| c.name.clone()),
                channels: entries,
            });
        }
        page.guilds.push(view);
    }
    let mut dms: Vec<&Channel> = state
        .channels
        .values()
        .filter(|c| c.kind == channel_type::DM)
        .collect();
    dms.sort_by_key(|c| c.id);
    page.dms_left_out = dms.len().saturating_sub(limits.dms);
    for c in dms.into_iter().take(limits.dms) {
        let mut view = channel_view(state, c, &ephemeral, limits, true);
        view.is_dm = true;
        view.name = c
            .recipient
            .and_then(|u| state.users.get(&u))
            .map_or_else(|| "unknown member".to_owned(), |u| u.name.clone());
        page.dms.push(view);
    }
    page
}

/// Text channels grouped as Discord's sidebar shows them: those outside any category first,
/// then each category (by position) with its channels (by position).
fn sidebar<'a>(channels: &[&'a Channel]) -> Vec<(Option<&'a Channel>, Vec<&'a Channel>)> {
    let texts = |parent: Option<Snowflake>| {
        let mut list: Vec<&Channel> = channels
            .iter()
            .copied()
            .filter(|c| c.kind == channel_type::GUILD_TEXT && c.parent_id == parent)
            .collect();
        list.sort_by_key(|c| (c.position, c.id));
        list
    };
    let mut groups = vec![(None, texts(None))];
    let mut categories: Vec<&Channel> = channels
        .iter()
        .copied()
        .filter(|c| c.kind == channel_type::GUILD_CATEGORY)
        .collect();
    categories.sort_by_key(|c| (c.position, c.id));
    groups.extend(categories.into_iter().map(|c| (Some(c), texts(Some(c.id)))));
    groups
}

/// Whether `@everyone` is denied the channel.
fn is_private(c: &Channel) -> bool {
    c.overwrites
        .iter()
        .any(|o| Some(o.id) == c.guild_id && o.kind == 0 && o.deny & permissions::VIEW_CHANNEL != 0)
}

fn channel_view(
    state: &State,
    c: &Channel,
    ephemeral: &HashMap<Snowflake, Vec<Snowflake>>,
    limits: &HtmlLimits,
    private: bool,
) -> ChannelView {
    let mut ids: Vec<Snowflake> = c.messages.clone();
    ids.extend(ephemeral.get(&c.id).into_iter().flatten());
    ids.sort_unstable();
    let earlier_left_out = ids.len().saturating_sub(limits.messages_per_channel);
    ChannelView {
        id: c.id,
        name: c.name.clone(),
        is_dm: false,
        private,
        topic: c.topic.clone(),
        messages: ids[earlier_left_out..]
            .iter()
            .filter_map(|id| state.messages.get(id))
            .cloned()
            .collect(),
        earlier_left_out,
    }
}

fn names(state: &State) -> Names {
    Names {
        users: state
            .users
            .values()
            .map(|u| (u.id, u.name.clone()))
            .collect(),
        channels: state
            .channels
            .values()
            .map(|c| (c.id, c.name.clone()))
            .collect(),
        roles: state
            .roles
            .values()
            .map(|r| (r.id, r.name.clone()))
            .collect(),
    }
}
