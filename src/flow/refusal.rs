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
use crate::i18n::{Msg, Texts};
use crate::t;

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
    Changed(Msg),
    /// The member may not do this; the text says who may.
    NotAllowed(Msg),
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
    Invalid(Msg),
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

    /// What the member reads, in their language.
    #[must_use]
    pub fn reply_in(&self, texts: Texts) -> String {
        match self {
            Self::NotYours => t!(texts, "refusal-not-yours"),
            Self::NotYourSetup => t!(texts, "refusal-not-your-setup"),
            Self::Expired => t!(texts, "refusal-expired"),
            Self::AlreadyHandled => t!(texts, "refusal-already-handled"),
            Self::AlreadySubmitted { number, board } => match board {
                Some(board) => t!(
                    texts,
                    "refusal-already-submitted-on-board",
                    number = *number,
                    board = *board
                ),
                None => t!(texts, "refusal-already-submitted", number = *number),
            },
            Self::Stale(place) => t!(texts, "refusal-stale", instead = place.instead(texts)),
            Self::Changed(text) | Self::NotAllowed(text) | Self::Invalid(text) => texts.msg(text),
            Self::NeedsMemberRole => t!(texts, "refusal-needs-member-role"),
            Self::NotMember => t!(texts, "refusal-not-member"),
            Self::OtherGuild => t!(texts, "refusal-other-guild"),
            Self::NotInServer => t!(texts, "refusal-not-in-server"),
            Self::NotSetUp => t!(texts, "refusal-not-set-up"),
            Self::Limit(limit) => limit_reply(limit, texts),
            Self::SlowDown => t!(texts, "refusal-slow-down"),
            Self::DiscordBusy => t!(texts, "refusal-discord-busy"),
            Self::DmsClosed => t!(texts, "refusal-dms-closed"),
            Self::SpacesFull => t!(texts, "refusal-spaces-full"),
            Self::SpaceBusy => t!(texts, "refusal-space-busy"),
            Self::NoRequestCategory => t!(texts, "refusal-no-request-category"),
            Self::NotFound { number } => t!(texts, "refusal-not-found", number = *number),
            Self::TryAgain => t!(texts, "refusal-try-again"),
            Self::Restarting => t!(texts, "refusal-restarting"),
            Self::UnknownCommand => t!(texts, "refusal-unknown-command"),
            Self::Unrecognised => t!(texts, "refusal-unrecognised"),
        }
    }

    /// What the member reads, in English (logs, tests).
    #[must_use]
    pub fn reply(&self) -> String {
        self.reply_in(Texts::ENGLISH)
    }
}

impl Where {
    fn instead(self, texts: Texts) -> String {
        match self {
            Self::Flow => t!(texts, "refusal-instead-flow"),
            Self::Register => t!(texts, "refusal-instead-register"),
            Self::Status => t!(texts, "refusal-instead-status"),
            Self::Requests => t!(texts, "refusal-instead-requests"),
            Self::MyWork => t!(texts, "refusal-instead-my-work"),
            Self::Board => t!(texts, "refusal-instead-board"),
            Self::BoardForm => t!(texts, "refusal-instead-board-form"),
            Self::Reassign => t!(texts, "refusal-instead-reassign"),
            Self::Setup => t!(texts, "refusal-instead-setup"),
        }
    }
}

fn limit_reply(limit: &Limit, texts: Texts) -> String {
    match *limit {
        Limit::OpenFlows { open, max } => {
            t!(texts, "refusal-limit-open-flows", open = open, max = max)
        }
        Limit::OpenRequests { open, max } => {
            t!(texts, "refusal-limit-open-requests", open = open, max = max)
        }
        Limit::TooSoon { seconds } => t!(texts, "refusal-limit-too-soon", seconds = seconds),
        Limit::Characters { max } => t!(texts, "refusal-limit-characters", max = max),
    }
}

/// An input parser's message (`flow::input`): what to fix in what was typed or picked.
impl From<Msg> for Refusal {
    fn from(text: Msg) -> Self {
        Self::Invalid(text)
    }
}

impl From<String> for Refusal {
    fn from(text: String) -> Self {
        Self::Invalid(text.into())
    }
}

impl From<&str> for Refusal {
    fn from(text: &str) -> Self {
        Self::Invalid(text.into())
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
            Refusal::Changed(crate::msg!("i18n-test-channel", channel = 1u64)),
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
