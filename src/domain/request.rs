//! A submitted request's status and the summary members and crafters see.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Open,
    Claimed,
    InProgress,
    Completed,
    Denied,
    Cancelled,
}

impl RequestStatus {
    pub const ALL: [Self; 6] = [
        Self::Open,
        Self::Claimed,
        Self::InProgress,
        Self::Completed,
        Self::Denied,
        Self::Cancelled,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Claimed => "claimed",
            Self::InProgress => "in_progress",
            Self::Completed => "completed",
            Self::Denied => "denied",
            Self::Cancelled => "cancelled",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    #[must_use]
    pub fn icon(self) -> &'static str {
        match self {
            Self::Open => "🟡",
            Self::Claimed => "🔵",
            Self::InProgress => "🛠️",
            Self::Completed => "✅",
            Self::Denied => "⛔",
            Self::Cancelled => "✖️",
        }
    }

    /// The status as a title ("In progress"), in `texts`' language. In a sentence, use
    /// a message that selects on [`as_str`](Self::as_str) instead (`$status -> [open] …`):
    /// languages inflect a status differently by sentence.
    #[must_use]
    pub fn label_in(self, texts: crate::i18n::Texts) -> String {
        match self {
            Self::Open => crate::t!(texts, "status-label-open"),
            Self::Claimed => crate::t!(texts, "status-label-claimed"),
            Self::InProgress => crate::t!(texts, "status-label-in-progress"),
            Self::Completed => crate::t!(texts, "status-label-completed"),
            Self::Denied => crate::t!(texts, "status-label-denied"),
            Self::Cancelled => crate::t!(texts, "status-label-cancelled"),
        }
    }

    /// The status as a title, in English (logs, tests).
    #[must_use]
    pub fn label(self) -> String {
        self.label_in(crate::i18n::Texts::ENGLISH)
    }

    /// Still waiting for a crafter (open, claimed or in progress).
    #[must_use]
    pub fn is_pending(self) -> bool {
        matches!(self, Self::Open | Self::Claimed | Self::InProgress)
    }
}

/// One request as listed to its member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestSummary {
    pub number: u32,
    pub character: String,
    pub profession: String,
    pub item: String,
    pub quantity: u32,
    pub quantity_completed: u32,
    pub status: RequestStatus,
    /// Why it was denied or cancelled.
    pub reason: Option<String>,
    pub updated_at: super::Timestamp,
}
