//! Every `custom_id` craftdesk puts on a component or modal, built and parsed in one place.
//!
//! Shapes (all ≤ 100 characters, Discord's limit):
//! - `cd1:<sessionKey>:<action>` — a step of a member's flow, e.g. `cd1:req_1_1732500000000:pr`;
//! - `cd1:panel:<guildId>:<button>` — the guild's pinned panel or a member's DM home message;
//! - `cd1:board:<guildId>:<requestNumber>:<action>` — a request on the board (crafters).
//!
//! Anything else — truncated, forged, from an older version — parses to an error that the
//! adapter answers with a clear ephemeral message.

use std::fmt;

use crate::domain::{SessionKey, Snowflake};

const PREFIX: &str = "cd1";
/// Discord's limit on `custom_id`.
pub const MAX_CUSTOM_ID_LEN: usize = 100;

/// What a component or modal does, once parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomId {
    Flow {
        key: SessionKey,
        action: Action,
    },
    Panel {
        guild_id: Snowflake,
        button: PanelButton,
    },
    Board {
        guild_id: Snowflake,
        number: u32,
        action: BoardAction,
    },
}

/// One action inside a member's flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A select menu: its chosen values come with the interaction.
    Select(Menu),
    /// Go to page `n` of the list on screen.
    Page(u16),
    /// Back to the previous step.
    Back,
    /// Opens a modal (a button), or submits it (the modal's own id).
    Modal(Form),
    /// A choice of who provides the materials.
    Materials(MaterialsChoice),
    Confirm,
    Edit,
    Cancel,
    /// Start a new request from a finished one.
    Again,
    /// Remove the character picked in the register flow (asks first), or confirm that.
    RemoveCharacter,
    ConfirmRemove,
    /// Switch what /status shows.
    StatusView(StatusTab),
    /// `/requests`: switch the list (open, claimed by me, all; my work; overview).
    Queue(QueueTab),
}

/// What the crafters' `/requests` view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum QueueTab {
    Open,
    Mine,
    All,
    /// My claimed work and its shopping list.
    Work,
    /// Officers: counts per profession and per crafter.
    Overview,
    /// Officers: every change in the guild, newest first, searchable by character.
    Audit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    Character,
    Profession,
    Slot,
    Item,
    /// /status: requests to cancel (multi-select).
    CancelRequests,
    /// /register: the character to edit or remove.
    ManageCharacter,
    /// /requests: which profession to list.
    QueueProfession,
    /// /requests: requests to claim (multi-select).
    QueueClaim,
    /// /requests → My work: claimed requests to release (multi-select).
    QueueRelease,
    /// /requests → My work: complete everything claimed for one character.
    QueueFinish,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A character name typed for this request only.
    CharacterName,
    /// Register a character (name, main or alt, professions).
    RegisterCharacter,
    /// Rename / change the character picked in the register flow.
    EditCharacter,
    /// Quantity and notes.
    Quantity,
    /// How much of each material the member provides, page `n` (5 materials a page).
    Amounts(u8),
    /// `/requests`: look a request up by its number.
    FindRequest,
    /// `/requests` → Audit log: the character name to search for (empty: everyone).
    AuditSearch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaterialsChoice {
    All,
    Some,
    None,
    GuildCraft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusTab {
    Pending,
    History(u16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelButton {
    CreateRequest,
    MyRequests,
    ManageRequests,
    MyCharacters,
}

/// What crafters and officers do to a request on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardAction {
    Claim,
    Start,
    Release,
    /// Opens the completion modal (quantity done, note), or submits it.
    Complete,
    /// Opens the reason modal, or submits it.
    Deny,
    /// Officers: cancel with a reason (modal).
    Cancel,
    /// Officers: back to open.
    Reopen,
    /// Officers: give the request to another crafter (a user select), or submit the pick.
    Reassign,
    /// The claimer or an officer records materials the requester handed over (modal).
    Handover,
}

impl BoardAction {
    pub const ALL: [Self; 9] = [
        Self::Claim,
        Self::Start,
        Self::Release,
        Self::Complete,
        Self::Deny,
        Self::Cancel,
        Self::Reopen,
        Self::Reassign,
        Self::Handover,
    ];

    fn token(self) -> &'static str {
        match self {
            Self::Claim => "claim",
            Self::Start => "start",
            Self::Release => "release",
            Self::Complete => "complete",
            Self::Deny => "deny",
            Self::Cancel => "cancel",
            Self::Reopen => "reopen",
            Self::Reassign => "reassign",
            Self::Handover => "mats",
        }
    }
}

/// Why a `custom_id` was refused (shown to nobody; the adapter words the reply).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unrecognised custom_id ({reason})")]
pub struct CustomIdError {
    pub reason: &'static str,
}

fn refuse(reason: &'static str) -> CustomIdError {
    CustomIdError { reason }
}

impl CustomId {
    /// Parses any `custom_id` craftdesk may have made.
    pub fn parse(text: &str) -> Result<Self, CustomIdError> {
        if text.len() > MAX_CUSTOM_ID_LEN {
            return Err(refuse("too long"));
        }
        let mut parts = text.split(':');
        if parts.next() != Some(PREFIX) {
            return Err(refuse("not one of craftdesk's"));
        }
        let kind = parts.next().ok_or(refuse("truncated"))?;
        let rest: Vec<&str> = parts.collect();
        match kind {
            "panel" => {
                let [guild, button] = rest[..] else {
                    return Err(refuse("malformed panel id"));
                };
                Ok(Self::Panel {
                    guild_id: guild.parse().map_err(|_| refuse("bad guild id"))?,
                    button: PanelButton::parse(button)?,
                })
            }
            "board" => {
                let [guild, number, action] = rest[..] else {
                    return Err(refuse("malformed board id"));
                };
                Ok(Self::Board {
                    guild_id: guild.parse().map_err(|_| refuse("bad guild id"))?,
                    number: number.parse().map_err(|_| refuse("bad request number"))?,
                    action: BoardAction::ALL
                        .into_iter()
                        .find(|a| a.token() == action)
                        .ok_or(refuse("unknown board action"))?,
                })
            }
            key => {
                let key = SessionKey::parse(key).map_err(|_| refuse("bad session key"))?;
                let action = Action::parse(&rest)?;
                Ok(Self::Flow { key, action })
            }
        }
    }
}

/// Every action without a number, with its token after the session key: the one table that
/// parsing, `Display` and the tests all read. The numbered actions (`pg:N`, `fa:N`,
/// `st:h:N`) are the only ones spelt in code.
pub const FIXED_ACTIONS: [(Action, &str); 34] = [
    (Action::Select(Menu::Character), "ch"),
    (Action::Select(Menu::Profession), "pr"),
    (Action::Select(Menu::Slot), "sl"),
    (Action::Select(Menu::Item), "it"),
    (Action::Select(Menu::CancelRequests), "cr"),
    (Action::Select(Menu::ManageCharacter), "mc"),
    (Action::Select(Menu::QueueProfession), "qs"),
    (Action::Select(Menu::QueueClaim), "qc"),
    (Action::Select(Menu::QueueRelease), "qr"),
    (Action::Select(Menu::QueueFinish), "qf"),
    (Action::Back, "bk"),
    (Action::Modal(Form::CharacterName), "fn"),
    (Action::Modal(Form::RegisterCharacter), "fr"),
    (Action::Modal(Form::EditCharacter), "fe"),
    (Action::Modal(Form::Quantity), "fq"),
    (Action::Modal(Form::FindRequest), "ff"),
    (Action::Modal(Form::AuditSearch), "fs"),
    (Action::Materials(MaterialsChoice::All), "m:all"),
    (Action::Materials(MaterialsChoice::Some), "m:some"),
    (Action::Materials(MaterialsChoice::None), "m:none"),
    (Action::Materials(MaterialsChoice::GuildCraft), "m:guild"),
    (Action::Confirm, "ok"),
    (Action::Edit, "ed"),
    (Action::Cancel, "cx"),
    (Action::Again, "again"),
    (Action::RemoveCharacter, "rm"),
    (Action::ConfirmRemove, "rmok"),
    (Action::StatusView(StatusTab::Pending), "st:pending"),
    (Action::Queue(QueueTab::Open), "q:open"),
    (Action::Queue(QueueTab::Mine), "q:mine"),
    (Action::Queue(QueueTab::All), "q:all"),
    (Action::Queue(QueueTab::Work), "q:work"),
    (Action::Queue(QueueTab::Overview), "q:overview"),
    (Action::Queue(QueueTab::Audit), "q:audit"),
];

impl Action {
    fn parse(parts: &[&str]) -> Result<Self, CustomIdError> {
        let number = |text: &str| text.parse::<u16>().map_err(|_| refuse("bad number"));
        Ok(match parts {
            ["pg", n] => Self::Page(number(n)?),
            ["fa", n] => Self::Modal(Form::Amounts(
                u8::try_from(number(n)?).map_err(|_| refuse("bad page"))?,
            )),
            ["st", "h", n] => Self::StatusView(StatusTab::History(number(n)?)),
            _ => {
                let token = parts.join(":");
                FIXED_ACTIONS
                    .iter()
                    .find(|(_, t)| *t == token)
                    .map(|(action, _)| *action)
                    .ok_or(refuse("unknown action"))?
            }
        })
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Page(n) => write!(f, "pg:{n}"),
            Self::Modal(Form::Amounts(n)) => write!(f, "fa:{n}"),
            Self::StatusView(StatusTab::History(n)) => write!(f, "st:h:{n}"),
            fixed => {
                // Every other action is in the table: one missing fails `to_string` in any
                // test that renders it.
                let (_, token) = FIXED_ACTIONS
                    .iter()
                    .find(|(action, _)| action == fixed)
                    .ok_or(fmt::Error)?;
                f.write_str(token)
            }
        }
    }
}

impl PanelButton {
    pub const ALL: [Self; 4] = [
        Self::CreateRequest,
        Self::MyRequests,
        Self::ManageRequests,
        Self::MyCharacters,
    ];

    fn parse(text: &str) -> Result<Self, CustomIdError> {
        Ok(match text {
            "create" => Self::CreateRequest,
            "mine" => Self::MyRequests,
            "manage" => Self::ManageRequests,
            "chars" => Self::MyCharacters,
            _ => return Err(refuse("unknown panel button")),
        })
    }

    fn token(self) -> &'static str {
        match self {
            Self::CreateRequest => "create",
            Self::MyRequests => "mine",
            Self::ManageRequests => "manage",
            Self::MyCharacters => "chars",
        }
    }

    /// The button's label, in the language of whoever reads the panel.
    #[must_use]
    pub fn label_in(self, texts: crate::i18n::Texts) -> String {
        match self {
            Self::CreateRequest => crate::t!(texts, "panel-button-create"),
            Self::MyRequests => crate::t!(texts, "panel-button-mine"),
            Self::ManageRequests => crate::t!(texts, "panel-button-manage"),
            Self::MyCharacters => crate::t!(texts, "panel-button-characters"),
        }
    }
}

impl fmt::Display for CustomId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Flow { key, action } => write!(f, "{PREFIX}:{key}:{action}"),
            Self::Panel { guild_id, button } => {
                write!(f, "{PREFIX}:panel:{guild_id}:{}", button.token())
            }
            Self::Board {
                guild_id,
                number,
                action,
            } => write!(f, "{PREFIX}:board:{guild_id}:{number}:{}", action.token()),
        }
    }
}

/// The `custom_id` of `action` in the flow `key`.
#[must_use]
pub fn flow_id(key: &SessionKey, action: Action) -> String {
    CustomId::Flow {
        key: key.clone(),
        action,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Timestamp;

    fn key() -> SessionKey {
        SessionKey::new(
            Snowflake::new(u64::try_from(i64::MAX).expect("fits")).expect("id"),
            Timestamp::from_millis(9_999_999_999_999),
        )
    }

    /// Every action: the table's, and the numbered ones at their extremes.
    fn every_action() -> Vec<Action> {
        let mut all: Vec<Action> = FIXED_ACTIONS.iter().map(|(action, _)| *action).collect();
        all.extend([
            Action::Page(0),
            Action::Page(u16::MAX),
            Action::Modal(Form::Amounts(255)),
            Action::StatusView(StatusTab::History(65_535)),
        ]);
        all
    }

    /// Names each variant once, so a new one does not compile until it is listed here; a
    /// variant without a number must then also be in `FIXED_ACTIONS` (checked below).
    fn numbered(action: Action) -> bool {
        match action {
            Action::Page(_)
            | Action::Modal(Form::Amounts(_))
            | Action::StatusView(StatusTab::History(_)) => true,
            Action::Select(
                Menu::Character
                | Menu::Profession
                | Menu::Slot
                | Menu::Item
                | Menu::CancelRequests
                | Menu::ManageCharacter
                | Menu::QueueProfession
                | Menu::QueueClaim
                | Menu::QueueRelease
                | Menu::QueueFinish,
            )
            | Action::Back
            | Action::Modal(
                Form::CharacterName
                | Form::RegisterCharacter
                | Form::EditCharacter
                | Form::Quantity
                | Form::FindRequest
                | Form::AuditSearch,
            )
            | Action::Materials(
                MaterialsChoice::All
                | MaterialsChoice::Some
                | MaterialsChoice::None
                | MaterialsChoice::GuildCraft,
            )
            | Action::Confirm
            | Action::Edit
            | Action::Cancel
            | Action::Again
            | Action::RemoveCharacter
            | Action::ConfirmRemove
            | Action::StatusView(StatusTab::Pending)
            | Action::Queue(
                QueueTab::Open
                | QueueTab::Mine
                | QueueTab::All
                | QueueTab::Work
                | QueueTab::Overview
                | QueueTab::Audit,
            ) => false,
        }
    }

    #[test]
    fn the_table_holds_every_action_without_a_number_once_with_a_token_of_its_own() {
        let fixed = FIXED_ACTIONS.map(|(action, _)| action);
        let tokens = FIXED_ACTIONS.map(|(_, token)| token);
        for (at, (action, token)) in FIXED_ACTIONS.iter().enumerate() {
            assert!(
                !numbered(*action),
                "{action:?} has a number: not in the table"
            );
            assert!(!fixed[..at].contains(action), "{action:?} is listed twice");
            assert!(!tokens[..at].contains(token), "{token} is used twice");
        }
    }

    #[test]
    fn every_id_round_trips_and_fits_discords_limit() {
        let guild = Snowflake::new(u64::try_from(i64::MAX).expect("fits")).expect("id");
        let mut ids: Vec<CustomId> = every_action()
            .into_iter()
            .map(|action| CustomId::Flow { key: key(), action })
            .collect();
        ids.extend(PanelButton::ALL.map(|button| CustomId::Panel {
            guild_id: guild,
            button,
        }));
        ids.extend(BoardAction::ALL.map(|action| CustomId::Board {
            guild_id: guild,
            number: u32::MAX,
            action,
        }));
        for id in ids {
            let text = id.to_string();
            assert!(text.len() <= MAX_CUSTOM_ID_LEN, "{text} is too long");
            assert_eq!(CustomId::parse(&text), Ok(id), "{text}");
        }
    }

    #[test]
    fn forged_truncated_and_foreign_ids_are_refused() {
        let good = flow_id(&key(), Action::Confirm);
        for bad in [
            "",
            "cd1",
            "cd1:",
            "cd2:req_1_2:ok",
            "other-bot:button",
            "cd1:req_1_2",
            "cd1:req_1_2:",
            "cd1:req_1_2:nope",
            "cd1:req_x_2:ok",
            "cd1:req_1_2:pg:-1",
            "cd1:req_1_2:pg:99999",
            "cd1:req_1_2:fa:300",
            "cd1:req_1_2:ok:extra",
            "cd1:panel:1",
            "cd1:panel:0:create",
            "cd1:panel:1:explode",
            "cd1:board:1:x:claim",
            "cd1:board:1:2:steal",
            &good[..good.len() - 1],
            &format!("{good}{}", "x".repeat(100)),
        ] {
            assert!(CustomId::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
