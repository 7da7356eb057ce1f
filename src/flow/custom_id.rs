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

impl Action {
    fn parse(parts: &[&str]) -> Result<Self, CustomIdError> {
        let number = |text: &str| text.parse::<u16>().map_err(|_| refuse("bad number"));
        Ok(match parts {
            ["ch"] => Self::Select(Menu::Character),
            ["pr"] => Self::Select(Menu::Profession),
            ["sl"] => Self::Select(Menu::Slot),
            ["it"] => Self::Select(Menu::Item),
            ["cr"] => Self::Select(Menu::CancelRequests),
            ["mc"] => Self::Select(Menu::ManageCharacter),
            ["pg", n] => Self::Page(number(n)?),
            ["bk"] => Self::Back,
            ["fn"] => Self::Modal(Form::CharacterName),
            ["fr"] => Self::Modal(Form::RegisterCharacter),
            ["fe"] => Self::Modal(Form::EditCharacter),
            ["fq"] => Self::Modal(Form::Quantity),
            ["ff"] => Self::Modal(Form::FindRequest),
            ["fs"] => Self::Modal(Form::AuditSearch),
            ["fa", n] => Self::Modal(Form::Amounts(
                u8::try_from(number(n)?).map_err(|_| refuse("bad page"))?,
            )),
            ["m", "all"] => Self::Materials(MaterialsChoice::All),
            ["m", "some"] => Self::Materials(MaterialsChoice::Some),
            ["m", "none"] => Self::Materials(MaterialsChoice::None),
            ["m", "guild"] => Self::Materials(MaterialsChoice::GuildCraft),
            ["ok"] => Self::Confirm,
            ["ed"] => Self::Edit,
            ["cx"] => Self::Cancel,
            ["again"] => Self::Again,
            ["rm"] => Self::RemoveCharacter,
            ["rmok"] => Self::ConfirmRemove,
            ["st", "pending"] => Self::StatusView(StatusTab::Pending),
            ["qs"] => Self::Select(Menu::QueueProfession),
            ["qc"] => Self::Select(Menu::QueueClaim),
            ["qr"] => Self::Select(Menu::QueueRelease),
            ["qf"] => Self::Select(Menu::QueueFinish),
            ["q", "open"] => Self::Queue(QueueTab::Open),
            ["q", "mine"] => Self::Queue(QueueTab::Mine),
            ["q", "all"] => Self::Queue(QueueTab::All),
            ["q", "work"] => Self::Queue(QueueTab::Work),
            ["q", "overview"] => Self::Queue(QueueTab::Overview),
            ["q", "audit"] => Self::Queue(QueueTab::Audit),
            ["st", "h", n] => Self::StatusView(StatusTab::History(number(n)?)),
            _ => return Err(refuse("unknown action")),
        })
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Select(Menu::Character) => f.write_str("ch"),
            Self::Select(Menu::Profession) => f.write_str("pr"),
            Self::Select(Menu::Slot) => f.write_str("sl"),
            Self::Select(Menu::Item) => f.write_str("it"),
            Self::Select(Menu::CancelRequests) => f.write_str("cr"),
            Self::Select(Menu::ManageCharacter) => f.write_str("mc"),
            Self::Page(n) => write!(f, "pg:{n}"),
            Self::Back => f.write_str("bk"),
            Self::Modal(Form::CharacterName) => f.write_str("fn"),
            Self::Modal(Form::RegisterCharacter) => f.write_str("fr"),
            Self::Modal(Form::EditCharacter) => f.write_str("fe"),
            Self::Modal(Form::Quantity) => f.write_str("fq"),
            Self::Modal(Form::FindRequest) => f.write_str("ff"),
            Self::Modal(Form::AuditSearch) => f.write_str("fs"),
            Self::Modal(Form::Amounts(n)) => write!(f, "fa:{n}"),
            Self::Materials(MaterialsChoice::All) => f.write_str("m:all"),
            Self::Materials(MaterialsChoice::Some) => f.write_str("m:some"),
            Self::Materials(MaterialsChoice::None) => f.write_str("m:none"),
            Self::Materials(MaterialsChoice::GuildCraft) => f.write_str("m:guild"),
            Self::Confirm => f.write_str("ok"),
            Self::Edit => f.write_str("ed"),
            Self::Cancel => f.write_str("cx"),
            Self::Again => f.write_str("again"),
            Self::RemoveCharacter => f.write_str("rm"),
            Self::ConfirmRemove => f.write_str("rmok"),
            Self::StatusView(StatusTab::Pending) => f.write_str("st:pending"),
            Self::Select(Menu::QueueProfession) => f.write_str("qs"),
            Self::Select(Menu::QueueClaim) => f.write_str("qc"),
            Self::Select(Menu::QueueRelease) => f.write_str("qr"),
            Self::Select(Menu::QueueFinish) => f.write_str("qf"),
            Self::Queue(QueueTab::Open) => f.write_str("q:open"),
            Self::Queue(QueueTab::Mine) => f.write_str("q:mine"),
            Self::Queue(QueueTab::All) => f.write_str("q:all"),
            Self::Queue(QueueTab::Work) => f.write_str("q:work"),
            Self::Queue(QueueTab::Overview) => f.write_str("q:overview"),
            Self::Queue(QueueTab::Audit) => f.write_str("q:audit"),
            Self::StatusView(StatusTab::History(n)) => write!(f, "st:h:{n}"),
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

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::CreateRequest => "Create request",
            Self::MyRequests => "My requests",
            Self::ManageRequests => "Manage requests",
            Self::MyCharacters => "My characters",
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

    fn every_action() -> Vec<Action> {
        let mut all = vec![
            Action::Back,
            Action::Confirm,
            Action::Edit,
            Action::Cancel,
            Action::Again,
            Action::RemoveCharacter,
            Action::ConfirmRemove,
            Action::Page(0),
            Action::Page(u16::MAX),
            Action::StatusView(StatusTab::Pending),
            Action::StatusView(StatusTab::History(65_535)),
        ];
        for menu in [
            Menu::Character,
            Menu::Profession,
            Menu::Slot,
            Menu::Item,
            Menu::CancelRequests,
            Menu::ManageCharacter,
            Menu::QueueProfession,
            Menu::QueueClaim,
            Menu::QueueRelease,
            Menu::QueueFinish,
        ] {
            all.push(Action::Select(menu));
        }
        for tab in [
            QueueTab::Open,
            QueueTab::Mine,
            QueueTab::All,
            QueueTab::Work,
            QueueTab::Overview,
            QueueTab::Audit,
        ] {
            all.push(Action::Queue(tab));
        }
        for form in [
            Form::CharacterName,
            Form::RegisterCharacter,
            Form::EditCharacter,
            Form::Quantity,
            Form::FindRequest,
            Form::AuditSearch,
            Form::Amounts(255),
        ] {
            all.push(Action::Modal(form));
        }
        for choice in [
            MaterialsChoice::All,
            MaterialsChoice::Some,
            MaterialsChoice::None,
            MaterialsChoice::GuildCraft,
        ] {
            all.push(Action::Materials(choice));
        }
        all
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
