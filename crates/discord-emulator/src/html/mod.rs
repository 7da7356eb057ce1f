//! One self-contained HTML page of the emulated world as members saw it: each guild's channel
//! list, then every channel's and DM's messages in order, with embeds, buttons, select menus
//! and the ephemeral answers only one member saw, in a look close to Discord's dark theme.
//!
//! The page has inline CSS and nothing else: no scripts, fonts or images (avatars are coloured
//! initials), so it opens anywhere and can be attached to a bug report. The markup is written
//! with maud's `html!`, checked at compile time, and maud escapes every text that came from
//! the bot or a member (the stylesheet is the one text it is told not to). [`HtmlLimits`]
//! keeps big worlds (a load test's thousand DMs) to a readable size and says on the page what
//! it left out.

mod icons;
mod markdown;
mod message;
mod page;
#[cfg(test)]
mod tests;
mod view;

use crate::emulator::Emulator;

/// How much the page renders; what is beyond is counted on the page, not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HtmlLimits {
    /// Text channels rendered with their messages, over all guilds, in sidebar order.
    pub channels: usize,
    /// DM channels rendered, oldest first.
    pub dms: usize,
    /// The newest messages rendered per channel or DM (ephemeral answers included).
    pub messages_per_channel: usize,
}

impl Default for HtmlLimits {
    /// 100 channels, 100 DMs, 200 messages each: a sandbox scene in full, a load test's first
    /// members (the page stays a few MB at most).
    fn default() -> Self {
        Self {
            channels: 100,
            dms: 100,
            messages_per_channel: 200,
        }
    }
}

impl Emulator {
    /// The world as members saw it, as one HTML page (see the module docs).
    #[must_use]
    pub fn render_html(&self, limits: HtmlLimits) -> String {
        let view = view::snapshot(&self.shared.state(), &limits);
        page::render(&view)
    }
}
