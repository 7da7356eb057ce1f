//! The limits a member can reach, as values: the store and the flows say which one was
//! reached; `flow::refusal` says it to the member.

/// A limit the member reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Starting a flow with `open` request flows already open (`max_open_per_user`).
    OpenFlows { open: u32, max: u32 },
    /// Submitting with `open` requests not yet done (`max_open_requests`).
    OpenRequests { open: u32, max: u32 },
    /// Submitting faster than the burst allowance: wait `seconds`.
    TooSoon { seconds: u64 },
    /// Registering more than `max` characters.
    Characters { max: usize },
}
