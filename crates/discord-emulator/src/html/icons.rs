//! Inline SVG icons, so the page needs no icon font and no emoji font for its own chrome.

use maud::{html, Markup};

/// A padlock: a channel hidden from `@everyone`.
pub(crate) fn lock() -> Markup {
    html! {
        svg.icon viewBox="0 0 24 24" aria-label="private" {
            path fill="currentColor" d="M17 10V7A5 5 0 0 0 7 7v3H5v12h14V10h-2zM9 7a3 3 0 0 1 6 0v3H9V7z" {}
        }
    }
}

/// An eye: "Only … can see this".
pub(crate) fn eye() -> Markup {
    html! {
        svg.icon.eye viewBox="0 0 24 24" aria-hidden="true" {
            path fill="currentColor" d="M12 5C5.6 5 2 12 2 12s3.6 7 10 7 10-7 10-7-3.6-7-10-7zm0 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8z" {}
            circle cx="12" cy="12" r="2" fill="currentColor" {}
        }
    }
}

/// A chevron: a category, and a select menu that opens.
pub(crate) fn chevron() -> Markup {
    html! {
        svg.icon.chevron viewBox="0 0 24 24" aria-hidden="true" {
            path fill="none" stroke="currentColor" stroke-width="2.5" d="M6 9l6 6 6-6" {}
        }
    }
}

/// Discord's `#`: a text channel.
pub(crate) fn hash() -> Markup {
    html! {
        svg.icon viewBox="0 0 24 24" aria-label="channel" {
            path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M10 3 8 21M16 3l-2 18M4 8.5h17M3 15.5h17" {}
        }
    }
}

/// An `@`: a direct message.
pub(crate) fn at() -> Markup {
    html! {
        svg.icon viewBox="0 0 24 24" aria-label="direct message" {
            circle cx="12" cy="12" r="4" fill="none" stroke="currentColor" stroke-width="2" {}
            path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M16 8v5a3 3 0 0 0 6 0v-1a10 10 0 1 0-4 8" {}
        }
    }
}
