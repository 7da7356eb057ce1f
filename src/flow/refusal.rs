//! What a member can be told when craftdesk does not do what they asked: one type, one
//! wording per meaning, and the outcome each one is counted as.
//!
//! Flows, board decisions and the adapter return a [`Refusal`]; the responder turns it into
//! the member's private answer and the interaction's outcome (`Responder::refuse`), so a
//! refusal is worded and counted in exactly one place. Texts that depend on the case (which
//! request is claimed by whom, what a form got wrong) travel in the variant; the generic
//! ones (expired, try again, out of date…) are written once, here.

use std::fmt;

use crate::domain::{Limit, Snowflake};

/// Why nothing (or not everything) was done, as the member is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Another member's menu or flow.
    NotYours,
    /// Another admin's setup.
    NotYourSetup,
    /// The flow expired, or was closed since its message was shown.
    Expired,
    /// The same click was already applied (a double click, or a step another click took).
    AlreadyHandled,
    /// The flow already made this request (its answer may have been lost to a restart).
    AlreadySubmitted {
        number: u32,
        board: Option<Snowflake>,
    },
    /// A menu, button or form older than what it acts on.
    Stale(Where),
    /// What it acts on changed meanwhile; the text says how.
    Changed(String),
    /// The member may not do this; the text says who may.
    NotAllowed(String),
    /// The guild's register role is required to make requests.
    NeedsMemberRole,
    /// The member left (or was removed from) the guild.
    NotMember,
    /// A `custom_id` naming another guild than its interaction's.
    OtherGuild,
    /// Used outside a server (in a DM) where a server is needed.
    NotInServer,
    /// The guild is not set up for craftdesk (yet, or any more).
    NotSetUp,
    /// A limit the member reached.
    Limit(Limit),
    /// What was typed or picked cannot be used; the text says what to fix.
    Invalid(String),
    /// The member clicks faster than `clicks_per_second`.
    SlowDown,
    /// Discord limits what the bot may send (near its invalid-request limit).
    DiscordBusy,
    /// The member's DMs are closed to the bot.
    DmsClosed,
    /// Every request category is full.
    SpacesFull,
    /// Another process is still making the member's channel.
    SpaceBusy,
    /// The guild (in channel mode) has no request category.
    NoRequestCategory,
    /// No request has this number in the guild.
    NotFound { number: u32 },
    /// The bot failed (a database or Discord error): nothing changed.
    TryAgain,
    /// craftdesk is shutting down.
    Restarting,
    /// A command the bot no longer has.
    UnknownCommand,
    /// A `custom_id` the bot does not recognise (forged, or from a much older version).
    Unrecognised,
}

/// Where to go instead of a menu that is out of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    /// A request flow's message.
    Flow,
    Register,
    Status,
    Requests,
    MyWork,
    /// A board post's buttons and menus.
    Board,
    /// A form opened from a board button.
    BoardForm,
    Reassign,
    Setup,
}

impl Refusal {
    /// The interaction's outcome, as logs and metrics count it.
    #[must_use]
    pub fn outcome(&self) -> &'static str {
        match self {
            Self::NotYours | Self::NotYourSetup => "not_yours",
            Self::Expired => "expired",
            Self::AlreadyHandled | Self::Changed(_) => "conflict",
            Self::AlreadySubmitted { .. } => "already_submitted",
            Self::Stale(_) | Self::Unrecognised => "unrecognised",
            Self::NotAllowed(_) | Self::NeedsMemberRole => "not_allowed",
            Self::NotMember => "not_member",
            Self::OtherGuild => "other_guild",
            Self::NotInServer | Self::NotSetUp | Self::NoRequestCategory => "not_set_up",
            Self::Limit(_) => "limit",
            Self::Invalid(_) => "refused",
            Self::SlowDown | Self::DiscordBusy => "slow_down",
            Self::DmsClosed => "dms_closed",
            Self::SpacesFull => "full",
            Self::SpaceBusy => "busy",
            Self::NotFound { .. } => "not_found",
            Self::TryAgain => "error",
            Self::Restarting => "restarting",
            Self::UnknownCommand => "unknown_command",
        }
    }

    /// What the member reads.
    #[must_use]
    pub fn reply(&self) -> String {
        match self {
            Self::NotYours => "This menu belongs to someone else. Start your own with `/request`.".to_owned(),
            Self::NotYourSetup => "This setup belongs to another admin, so nothing changed. Run `/setup` to open your own.".to_owned(),
            Self::Expired => EXPIRED.to_owned(),
            Self::AlreadyHandled => "That was already handled (a double click?). Use the latest message.".to_owned(),
            Self::AlreadySubmitted { number, board } => {
                let board = board.map(|b| format!(" It is on the board: <#{b}>.")).unwrap_or_default();
                format!("✅ Request #{number} was already submitted.{board} Follow it with `/status`.")
            }
            Self::Stale(place) => format!("That menu is out of date, so nothing changed. {}", place.instead()),
            Self::Changed(text) | Self::NotAllowed(text) | Self::Invalid(text) => text.clone(),
            Self::NeedsMemberRole => "You need the member role to make requests. Ask an officer for it.".to_owned(),
            Self::NotMember => "You're no longer a member of that server, so you can't use its requests any more.".to_owned(),
            Self::OtherGuild => "That button belongs to another server, so nothing changed. Use this server's board or panel, or run `/requests` here.".to_owned(),
            Self::NotInServer => "Use this in your guild's server (it doesn't work in DMs).".to_owned(),
            Self::NotSetUp => "This server isn't set up for craftdesk yet. A server admin (someone with the Manage Server permission) has to run `/setup` first; then try again.".to_owned(),
            Self::Limit(limit) => limit_reply(limit),
            Self::SlowDown => "You're clicking faster than I can keep up. Wait a few seconds, then try again.".to_owned(),
            Self::DiscordBusy => "Discord is limiting what I can send right now. Please try again in a few minutes.".to_owned(),
            Self::DmsClosed => "I can't send you DMs. Turn on *Allow direct messages from server members* for this server (Server menu → Privacy Settings), then try again.".to_owned(),
            Self::SpacesFull => "All request channels are in use right now. Please try again later, or ask an officer to add an overflow category.".to_owned(),
            Self::SpaceBusy => "Your request channel is still being set up. Please try again in a moment.".to_owned(),
            Self::NoRequestCategory => "This server has no request category yet, so I can't open your request channel. Ask a server admin to pick one with `/setup`.".to_owned(),
            Self::NotFound { number } => format!("There is no request #{number} in this server."),
            Self::TryAgain => TRY_AGAIN.to_owned(),
            Self::Restarting => RESTARTING.to_owned(),
            Self::UnknownCommand => "I don't know that command any more. Try `/request`, `/status`, `/register` or `/requests`.".to_owned(),
            Self::Unrecognised => "I don't recognise that button (it may be from an older message). Start again with `/request`.".to_owned(),
        }
    }
}

/// A flow's message once it has expired (the brief's wording).
pub const EXPIRED: &str = "Session expired. Please start over.";

/// The one wording of "the bot failed": nothing changed, nothing was lost.
pub const TRY_AGAIN: &str = "Something went wrong on my side. Nothing changed; please try again.";

/// The answer to an interaction that arrives while craftdesk shuts down.
pub const RESTARTING: &str = "craftdesk is restarting, try again in a moment.";

impl Where {
    fn instead(self) -> &'static str {
        match self {
            Self::Flow => "Use the buttons on the latest message.",
            Self::Register => "Run `/register` again.",
            Self::Status => "Run `/status` again.",
            Self::Requests => "Run `/requests` again.",
            Self::MyWork => "Open My work again.",
            Self::Board => "Use the board's buttons.",
            Self::BoardForm => "Press the button again.",
            Self::Reassign => "Press Reassign again.",
            Self::Setup => "Use the latest setup message, or run `/setup` again.",
        }
    }
}

fn limit_reply(limit: &Limit) -> String {
    match *limit {
        Limit::OpenFlows { open, max } => format!(
            "You already have {open} requests in progress (the limit is {max}). Finish or cancel one first."
        ),
        Limit::OpenRequests { open, max } => format!(
            "You already have {open} open requests (the limit is {max}). Wait until some are done, or cancel one with `/status`."
        ),
        Limit::TooSoon { seconds } => format!(
            "You submitted several requests just now. Wait {seconds} s and press Confirm again."
        ),
        Limit::Characters { max } => format!(
            "You can register at most {max} characters. Remove one in My characters (/register), then try again."
        ),
    }
}

/// An input parser's message (`flow::input`): what to fix in what was typed or picked.
impl From<String> for Refusal {
    fn from(text: String) -> Self {
        Self::Invalid(text)
    }
}

impl From<&str> for Refusal {
    fn from(text: &str) -> Self {
        Self::Invalid(text.to_owned())
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reply())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every() -> Vec<Refusal> {
        let places = [
            Where::Flow,
            Where::Register,
            Where::Status,
            Where::Requests,
            Where::MyWork,
            Where::Board,
            Where::BoardForm,
            Where::Reassign,
            Where::Setup,
        ];
        let limits = [
            Limit::OpenFlows { open: 3, max: 3 },
            Limit::OpenRequests { open: 10, max: 10 },
            Limit::TooSoon { seconds: 7 },
            Limit::Characters { max: 10 },
        ];
        let mut all = vec![
            Refusal::NotYours,
            Refusal::NotYourSetup,
            Refusal::Expired,
            Refusal::AlreadyHandled,
            Refusal::AlreadySubmitted {
                number: 12,
                board: None,
            },
            Refusal::Changed("Already claimed by <@1>.".into()),
            Refusal::NotAllowed("Only officers can do that.".into()),
            Refusal::NeedsMemberRole,
            Refusal::NotMember,
            Refusal::OtherGuild,
            Refusal::NotInServer,
            Refusal::NotSetUp,
            Refusal::Invalid("Pick one profession.".into()),
            Refusal::SlowDown,
            Refusal::DiscordBusy,
            Refusal::DmsClosed,
            Refusal::SpacesFull,
            Refusal::SpaceBusy,
            Refusal::NoRequestCategory,
            Refusal::NotFound { number: 9 },
            Refusal::TryAgain,
            Refusal::Restarting,
            Refusal::UnknownCommand,
            Refusal::Unrecognised,
        ];
        all.extend(places.into_iter().map(Refusal::Stale));
        all.extend(limits.into_iter().map(Refusal::Limit));
        all
    }

    #[test]
    fn every_refusal_has_a_reply_that_fits_a_message_and_an_outcome() {
        for refusal in every() {
            let reply = refusal.reply();
            assert!(!reply.trim().is_empty(), "{refusal:?}");
            assert!(reply.chars().count() <= 2_000, "{refusal:?}");
            assert!(!refusal.outcome().is_empty());
            assert!(
                refusal
                    .outcome()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_'),
                "{refusal:?}: outcomes are metric label values"
            );
        }
    }

    #[test]
    fn the_generic_replies_are_each_written_once() {
        // One wording per meaning: no two refusals of different meaning read the same.
        let generic: Vec<String> = every()
            .into_iter()
            .filter(|r| {
                !matches!(
                    r,
                    Refusal::Changed(_) | Refusal::NotAllowed(_) | Refusal::Invalid(_)
                )
            })
            .map(|r| r.reply())
            .collect();
        let mut unique = generic.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), generic.len());
    }

    #[test]
    fn a_submitted_flow_names_its_request_and_board() {
        let reply = Refusal::AlreadySubmitted {
            number: 12,
            board: Some(Snowflake::from_discord(77)),
        }
        .reply();
        assert!(reply.contains("#12") && reply.contains("<#77>"), "{reply}");
        assert_eq!(
            Refusal::Limit(Limit::TooSoon { seconds: 7 }).outcome(),
            "limit"
        );
        assert!(Refusal::Limit(Limit::TooSoon { seconds: 7 })
            .reply()
            .contains("7 s"));
    }
}
