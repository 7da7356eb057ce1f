//! A request's life on the board: who may do what, from which status.
//!
//! open → claimed → in progress → completed (partial completions keep it going until the
//! quantity is reached); claimed/in progress → open on release; open → denied; any pending
//! → cancelled; completed/denied/cancelled → open on reopen (officers, counting from 0
//! again: the whole quantity is to be crafted); officers reassign a
//! pending request to another crafter. The claimer (or an officer) completes or releases,
//! and records the materials the requester handed over; crafters act on their professions'
//! requests; officers may do everything. Pure: the store applies the result with
//! compare-and-swap.

use crate::domain::{RequestStatus, Snowflake};
use crate::flow::refusal::{Refusal, Where};
use crate::flow::request::MaterialLine;
use crate::i18n::Msg;
use crate::msg;

pub const MAX_NOTE_CHARS: usize = 500;

/// Who is acting, from their roles right now.
#[derive(Debug, Clone, Copy)]
pub struct Rights {
    pub user: Snowflake,
    pub officer: bool,
    /// Holds the crafter role of this request's profession.
    pub crafts: bool,
}

/// The request as it is now.
#[derive(Debug, Clone, Copy)]
pub struct Snapshot {
    pub status: RequestStatus,
    pub claimed_by: Option<Snowflake>,
    pub quantity: u32,
    pub quantity_completed: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Claim,
    Start,
    Release,
    Complete {
        quantity: u32,
        note: String,
    },
    Deny {
        reason: String,
    },
    Cancel {
        reason: String,
    },
    Reopen,
    /// Give the request to `to`; `to_crafts`: they hold this profession's crafter role or
    /// are an officer (read from their roles now).
    Reassign {
        to: Snowflake,
        to_crafts: bool,
    },
}

/// Which notification a change is (each switchable in the guild's config).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Claimed,
    Started,
    Completed,
    Released,
    Denied,
    Cancelled,
    Reopened,
    /// Given to another crafter; `from` had it (and is told, like the new one).
    Reassigned {
        from: Option<Snowflake>,
    },
}

/// What to write, conditional on the snapshot still being current.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub status: RequestStatus,
    pub claimed_by: Option<Snowflake>,
    pub quantity_completed: u32,
    pub reason: Option<String>,
    /// The event's name in `request_events`.
    pub event: &'static str,
    /// The event's note: what the crafter typed (`Msg::Plain`), or craftdesk's own words
    /// (worded for each reader; stored in English).
    pub note: Option<Msg>,
    pub notice: Notice,
}

fn only_crafters() -> Refusal {
    Refusal::NotAllowed(msg!("board-refusal-only-crafters"))
}

fn only_officers() -> Refusal {
    Refusal::NotAllowed(msg!("board-refusal-only-officers"))
}

/// May `rights` start `command` (used before opening its modal)?
pub fn may(snapshot: &Snapshot, rights: &Rights, command: &Command) -> Result<(), Refusal> {
    decide(snapshot, rights, command).map(|_| ())
}

/// The change `command` makes, or why it may not.
#[allow(clippy::too_many_lines)] // the whole status table in one match
pub fn decide(snapshot: &Snapshot, rights: &Rights, command: &Command) -> Result<Change, Refusal> {
    use RequestStatus::{Cancelled, Claimed, Completed, Denied, InProgress, Open};
    let crafter = rights.crafts || rights.officer;
    let claimer = snapshot.claimed_by == Some(rights.user) || rights.officer;
    let base = Change {
        status: snapshot.status,
        claimed_by: snapshot.claimed_by,
        quantity_completed: snapshot.quantity_completed,
        reason: None,
        event: "",
        note: None,
        notice: Notice::Claimed,
    };
    if !crafter {
        return Err(only_crafters());
    }
    match (command, snapshot.status) {
        (Command::Claim, Open) => Ok(Change {
            status: Claimed,
            claimed_by: Some(rights.user),
            event: "claimed",
            notice: Notice::Claimed,
            ..base
        }),
        (Command::Claim, Claimed | InProgress) => {
            Err(Refusal::Changed(match snapshot.claimed_by {
                Some(crafter) => msg!("board-refusal-already-claimed", crafter = crafter),
                None => msg!("board-refusal-already-claimed-someone"),
            }))
        }
        (Command::Start, Claimed) if claimer => Ok(Change {
            status: InProgress,
            event: "started",
            notice: Notice::Started,
            ..base
        }),
        (Command::Release, Claimed | InProgress) if claimer => Ok(Change {
            status: Open,
            claimed_by: None,
            event: "released",
            notice: Notice::Released,
            ..base
        }),
        (Command::Complete { quantity, note }, Claimed | InProgress) if claimer => {
            let remaining = snapshot
                .quantity
                .saturating_sub(snapshot.quantity_completed);
            if *quantity == 0 || *quantity > remaining {
                return Err(Refusal::Invalid(msg!(
                    "board-refusal-complete-quantity",
                    remaining = remaining
                )));
            }
            let done = snapshot.quantity_completed + quantity;
            let finished = done >= snapshot.quantity;
            Ok(Change {
                status: if finished { Completed } else { snapshot.status },
                quantity_completed: done,
                event: if finished {
                    "completed"
                } else {
                    "partially_completed"
                },
                note: typed_note(note)?,
                notice: Notice::Completed,
                ..base
            })
        }
        (Command::Deny { reason }, Open) => Ok(Change {
            status: Denied,
            reason: Some(required(reason)?),
            event: "denied",
            notice: Notice::Denied,
            ..base
        }),
        (Command::Cancel { reason }, Open | Claimed | InProgress) if rights.officer => Ok(Change {
            status: Cancelled,
            reason: Some(required(reason)?),
            event: "cancelled",
            notice: Notice::Cancelled,
            ..base
        }),
        // A reopened request is crafted again from the start: the count of what was done
        // goes back to 0 (kept, a completed request could never be completed again), and
        // the log line says so when there was progress to forget.
        (Command::Reopen, Completed | Denied | Cancelled) if rights.officer => Ok(Change {
            status: Open,
            claimed_by: None,
            quantity_completed: 0,
            reason: None,
            event: "reopened",
            note: (snapshot.quantity_completed > 0).then(|| {
                msg!(
                    "board-note-reopened",
                    quantity = snapshot.quantity,
                    done = snapshot.quantity_completed
                )
            }),
            notice: Notice::Reopened,
        }),
        (Command::Cancel { .. } | Command::Reopen | Command::Reassign { .. }, _)
            if !rights.officer =>
        {
            Err(only_officers())
        }
        (Command::Reassign { to, .. }, Open | Claimed | InProgress)
            if snapshot.claimed_by == Some(*to) =>
        {
            Err(Refusal::Invalid(msg!(
                "board-refusal-reassign-same",
                crafter = *to
            )))
        }
        (
            Command::Reassign {
                to,
                to_crafts: false,
            },
            Open | Claimed | InProgress,
        ) => Err(Refusal::Invalid(msg!(
            "board-refusal-reassign-not-crafter",
            crafter = *to
        ))),
        (Command::Reassign { to, .. }, Open | Claimed | InProgress) => Ok(Change {
            status: if snapshot.status == Open {
                Claimed
            } else {
                snapshot.status
            },
            claimed_by: Some(*to),
            event: "reassigned",
            note: Some(match snapshot.claimed_by {
                Some(from) => msg!("board-note-reassigned-from", from = from, to = *to),
                None => msg!("board-note-reassigned", to = *to),
            }),
            notice: Notice::Reassigned {
                from: snapshot.claimed_by,
            },
            ..base
        }),
        (Command::Start | Command::Release | Command::Complete { .. }, Claimed | InProgress) => {
            Err(Refusal::NotAllowed(match snapshot.claimed_by {
                Some(crafter) => msg!("board-refusal-claimed-by-other", crafter = crafter),
                None => msg!("board-refusal-claimed-by-someone"),
            }))
        }
        (_, status) => Err(Refusal::Changed(msg!(
            "board-refusal-status-now",
            status = status.as_str()
        ))),
    }
}

/// May `rights` reassign the request now (checked before the crafter picker is shown)?
pub fn may_reassign(snapshot: &Snapshot, rights: &Rights) -> Result<(), Refusal> {
    if !rights.officer {
        return Err(only_officers());
    }
    if !snapshot.status.is_pending() {
        return Err(Refusal::Changed(msg!(
            "board-refusal-reassign-closed",
            status = snapshot.status.as_str()
        )));
    }
    Ok(())
}

/// Records what the requester handed over: `amounts` are (line index, typed amount) for
/// the lines the form asked about. The claimer or an officer, on a pending request; each
/// amount from 0 to the member's share of that material. Returns every line, updated.
pub fn handover(
    snapshot: &Snapshot,
    rights: &Rights,
    lines: &[MaterialLine],
    amounts: &[(usize, String)],
) -> Result<Vec<MaterialLine>, Refusal> {
    may_record_handover(snapshot, rights, lines)?;
    let mut updated = lines.to_vec();
    for (index, typed) in amounts {
        let Some(line) = updated.get_mut(*index) else {
            return Err(Refusal::Stale(Where::BoardForm));
        };
        let amount = typed
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= line.provided_by_member)
            .ok_or_else(|| {
                Refusal::Invalid(msg!(
                    "board-refusal-handover-amount",
                    material = line.name.as_str(),
                    max = line.provided_by_member
                ))
            })?;
        line.handed_over = amount;
    }
    Ok(updated)
}

/// May `rights` record handed-over materials now (checked before the form opens)?
pub fn may_record_handover(
    snapshot: &Snapshot,
    rights: &Rights,
    lines: &[MaterialLine],
) -> Result<(), Refusal> {
    let claimer = snapshot.claimed_by == Some(rights.user) || rights.officer;
    if !(rights.crafts || rights.officer) {
        return Err(only_crafters());
    }
    if !snapshot.status.is_pending() {
        return Err(Refusal::Changed(msg!(
            "board-refusal-handover-closed",
            status = snapshot.status.as_str()
        )));
    }
    if !claimer {
        return Err(Refusal::NotAllowed(match snapshot.claimed_by {
            Some(holder) => msg!("board-refusal-handover-claimed-by-other", crafter = holder),
            None => msg!("board-refusal-handover-claim-first"),
        }));
    }
    if lines.iter().all(|l| l.provided_by_member == 0) {
        return Err(Refusal::Invalid(msg!("board-refusal-handover-nothing")));
    }
    Ok(())
}

/// The lines a handover form asks about (at most 5, Discord's limit on a modal's inputs):
/// those still to collect first, then the rest of what the member brings.
#[must_use]
pub fn handover_form_lines(lines: &[MaterialLine]) -> Vec<usize> {
    let brings = |l: &&(usize, &MaterialLine)| l.1.provided_by_member > 0;
    let indexed: Vec<(usize, &MaterialLine)> = lines.iter().enumerate().collect();
    indexed
        .iter()
        .filter(brings)
        .filter(|(_, l)| l.to_collect() > 0)
        .chain(
            indexed
                .iter()
                .filter(brings)
                .filter(|(_, l)| l.to_collect() == 0),
        )
        .map(|(i, _)| *i)
        .take(5)
        .collect()
}

fn bounded(note: &str) -> Result<Option<String>, Refusal> {
    let note = note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(Refusal::Invalid(msg!(
            "board-refusal-note-too-long",
            max = MAX_NOTE_CHARS
        )));
    }
    Ok((!note.is_empty()).then(|| note.to_owned()))
}

/// A crafter's typed note, as a change carries it (their words, never translated).
fn typed_note(note: &str) -> Result<Option<Msg>, Refusal> {
    Ok(bounded(note)?.map(Msg::Plain))
}

fn required(reason: &str) -> Result<String, Refusal> {
    bounded(reason)?.ok_or_else(|| Refusal::Invalid(msg!("board-refusal-reason-required")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u64) -> Snowflake {
        Snowflake::new(n).expect("id")
    }

    fn snapshot(status: RequestStatus, claimed_by: Option<u64>) -> Snapshot {
        Snapshot {
            status,
            claimed_by: claimed_by.map(id),
            quantity: 3,
            quantity_completed: 0,
        }
    }

    const CRAFTER: Rights = Rights {
        user: Snowflake::from_discord(10),
        officer: false,
        crafts: true,
    };
    const OTHER_CRAFTER: Rights = Rights {
        user: Snowflake::from_discord(11),
        officer: false,
        crafts: true,
    };
    const OFFICER: Rights = Rights {
        user: Snowflake::from_discord(20),
        officer: true,
        crafts: false,
    };
    const MEMBER: Rights = Rights {
        user: Snowflake::from_discord(30),
        officer: false,
        crafts: false,
    };

    #[test]
    fn claim_start_complete_in_parts() {
        let open = snapshot(RequestStatus::Open, None);
        let claimed = decide(&open, &CRAFTER, &Command::Claim).expect("claim");
        assert_eq!(
            (claimed.status, claimed.claimed_by),
            (RequestStatus::Claimed, Some(id(10)))
        );
        let now = Snapshot {
            status: claimed.status,
            claimed_by: claimed.claimed_by,
            ..open
        };
        let started = decide(&now, &CRAFTER, &Command::Start).expect("start");
        let now = Snapshot {
            status: started.status,
            ..now
        };
        let part = decide(
            &now,
            &CRAFTER,
            &Command::Complete {
                quantity: 2,
                note: " half ".to_owned(),
            },
        )
        .expect("part");
        assert_eq!(
            (
                part.status,
                part.quantity_completed,
                part.note.map(|n| n.english())
            ),
            (RequestStatus::InProgress, 2, Some("half".to_owned()))
        );
        let now = Snapshot {
            quantity_completed: 2,
            ..now
        };
        assert!(
            decide(
                &now,
                &CRAFTER,
                &Command::Complete {
                    quantity: 2,
                    note: String::new()
                }
            )
            .is_err(),
            "only 1 left"
        );
        let done = decide(
            &now,
            &CRAFTER,
            &Command::Complete {
                quantity: 1,
                note: String::new(),
            },
        )
        .expect("done");
        assert_eq!(
            (done.status, done.event),
            (RequestStatus::Completed, "completed")
        );
    }

    /// Issue 14, item 9e: reopening kept `quantity_completed`, so a reopened completed
    /// request answered "Enter a quantity from 1 to 0" forever.
    #[test]
    fn a_reopened_completed_request_can_be_completed_again() {
        let completed = Snapshot {
            quantity_completed: 3,
            ..snapshot(RequestStatus::Completed, Some(10))
        };
        let reopened = decide(&completed, &OFFICER, &Command::Reopen).expect("reopen");
        assert_eq!(
            (
                reopened.status,
                reopened.claimed_by,
                reopened.quantity_completed
            ),
            (RequestStatus::Open, None, 0)
        );
        assert_eq!(
            reopened.note.as_ref().map(Msg::english).as_deref(),
            Some("all 3 to craft again (3 had been done)")
        );
        let open = Snapshot {
            status: reopened.status,
            claimed_by: reopened.claimed_by,
            quantity_completed: reopened.quantity_completed,
            ..completed
        };
        let claimed = decide(&open, &CRAFTER, &Command::Claim).expect("claim");
        let claimed = Snapshot {
            status: claimed.status,
            claimed_by: claimed.claimed_by,
            ..open
        };
        let done = decide(
            &claimed,
            &CRAFTER,
            &Command::Complete {
                quantity: 3,
                note: String::new(),
            },
        )
        .expect("the whole quantity is there to complete again");
        assert_eq!(
            (done.status, done.quantity_completed),
            (RequestStatus::Completed, 3)
        );

        // A denied request never had progress: nothing to say.
        let denied = snapshot(RequestStatus::Denied, None);
        let reopened = decide(&denied, &OFFICER, &Command::Reopen).expect("reopen");
        assert_eq!((reopened.quantity_completed, reopened.note), (0, None));
    }

    #[test]
    fn only_the_claimer_or_an_officer_completes_or_releases() {
        let claimed = snapshot(RequestStatus::Claimed, Some(10));
        let refused = decide(&claimed, &OTHER_CRAFTER, &Command::Release).expect_err("not theirs");
        assert!(refused.reply().contains("<@10>"), "{refused}");
        assert!(decide(&claimed, &OTHER_CRAFTER, &Command::Claim)
            .expect_err("taken")
            .reply()
            .contains("Already claimed by <@10>"));
        assert_eq!(
            decide(&claimed, &OFFICER, &Command::Release)
                .expect("officer")
                .status,
            RequestStatus::Open
        );
        assert_eq!(
            decide(&claimed, &CRAFTER, &Command::Release)
                .expect("claimer")
                .claimed_by,
            None
        );
    }

    #[test]
    fn members_may_do_nothing_and_officers_everything() {
        let open = snapshot(RequestStatus::Open, None);
        for command in [
            Command::Claim,
            Command::Deny {
                reason: "x".to_owned(),
            },
            Command::Reopen,
        ] {
            assert!(decide(&open, &MEMBER, &command).is_err());
        }
        assert!(decide(
            &open,
            &CRAFTER,
            &Command::Cancel {
                reason: "x".to_owned()
            }
        )
        .expect_err("officers only")
        .reply()
        .contains("officers"));
        assert_eq!(
            decide(
                &open,
                &OFFICER,
                &Command::Cancel {
                    reason: "dup".to_owned()
                }
            )
            .expect("cancel")
            .status,
            RequestStatus::Cancelled
        );
        assert!(
            decide(
                &open,
                &OFFICER,
                &Command::Cancel {
                    reason: "  ".to_owned()
                }
            )
            .is_err(),
            "a reason is required"
        );
        let cancelled = snapshot(RequestStatus::Cancelled, None);
        assert_eq!(
            decide(&cancelled, &OFFICER, &Command::Reopen)
                .expect("reopen")
                .status,
            RequestStatus::Open
        );
        assert!(decide(&cancelled, &CRAFTER, &Command::Reopen).is_err());
        assert!(
            decide(&cancelled, &CRAFTER, &Command::Claim).is_err(),
            "a cancelled request cannot be revived by a stale menu"
        );
    }

    #[test]
    fn officers_reassign_pending_requests_to_crafters_only() {
        let claimed = snapshot(RequestStatus::Claimed, Some(10));
        let to_other = Command::Reassign {
            to: id(11),
            to_crafts: true,
        };
        let change = decide(&claimed, &OFFICER, &to_other).expect("reassign");
        assert_eq!(
            (change.status, change.claimed_by, change.event),
            (RequestStatus::Claimed, Some(id(11)), "reassigned")
        );
        assert_eq!(
            change.note.as_ref().map(Msg::english).as_deref(),
            Some("from <@10> to <@11>")
        );
        assert!(decide(&claimed, &CRAFTER, &to_other)
            .expect_err("crafters may not")
            .reply()
            .contains("officers"));
        let open = decide(&snapshot(RequestStatus::Open, None), &OFFICER, &to_other)
            .expect("assign an open one");
        assert_eq!(
            (open.status, open.claimed_by),
            (RequestStatus::Claimed, Some(id(11)))
        );
        let in_progress = snapshot(RequestStatus::InProgress, Some(10));
        assert_eq!(
            decide(&in_progress, &OFFICER, &to_other)
                .expect("keeps its progress")
                .status,
            RequestStatus::InProgress
        );
        assert!(decide(
            &claimed,
            &OFFICER,
            &Command::Reassign {
                to: id(10),
                to_crafts: true
            }
        )
        .expect_err("same crafter")
        .reply()
        .contains("already has"));
        assert!(decide(
            &claimed,
            &OFFICER,
            &Command::Reassign {
                to: id(30),
                to_crafts: false
            }
        )
        .expect_err("not a crafter")
        .reply()
        .contains("not a crafter"));
        assert!(decide(
            &snapshot(RequestStatus::Completed, Some(10)),
            &OFFICER,
            &to_other
        )
        .is_err());
    }

    fn material(name: &str, member: u32) -> MaterialLine {
        MaterialLine {
            name: name.to_owned(),
            per_unit: 1,
            needed: 10,
            provided_by_member: member,
            provided_by_guild: 0,
            handed_over: 0,
        }
    }

    #[test]
    fn the_claimer_records_handed_over_materials_within_the_members_share() {
        let claimed = snapshot(RequestStatus::Claimed, Some(10));
        let lines = vec![
            material("Dust", 10),
            material("Shard", 0),
            material("Oil", 4),
        ];
        assert_eq!(handover_form_lines(&lines), vec![0, 2]);
        let updated = handover(
            &claimed,
            &CRAFTER,
            &lines,
            &[(0, " 6 ".to_owned()), (2, "4".to_owned())],
        )
        .expect("recorded");
        assert_eq!(
            updated.iter().map(|l| l.handed_over).collect::<Vec<_>>(),
            vec![6, 0, 4]
        );
        // Fully handed-over lines go last in the next form.
        assert_eq!(handover_form_lines(&updated), vec![0, 2]);
        let mut all_in = updated.clone();
        all_in[0].handed_over = 10;
        assert_eq!(handover_form_lines(&all_in), vec![0, 2]);
        assert!(
            handover(&claimed, &CRAFTER, &lines, &[(0, "11".to_owned())])
                .expect_err("more than the member brings")
                .reply()
                .contains("0 to 10")
        );
        assert!(handover(&claimed, &CRAFTER, &lines, &[(0, "-1".to_owned())]).is_err());
        assert!(handover(&claimed, &CRAFTER, &lines, &[(9, "1".to_owned())]).is_err());
        assert!(
            handover(&claimed, &OTHER_CRAFTER, &lines, &[(0, "1".to_owned())])
                .expect_err("not theirs")
                .reply()
                .contains("<@10>")
        );
        assert!(handover(&claimed, &MEMBER, &lines, &[(0, "1".to_owned())]).is_err());
        assert!(handover(&claimed, &OFFICER, &lines, &[(0, "1".to_owned())]).is_ok());
        let open = snapshot(RequestStatus::Open, None);
        assert!(may_record_handover(&open, &CRAFTER, &lines)
            .expect_err("claim first")
            .reply()
            .contains("Claim"));
        assert!(may_record_handover(&claimed, &CRAFTER, &[material("Shard", 0)]).is_err());
    }

    #[test]
    fn deny_needs_an_open_request_and_a_bounded_reason() {
        let open = snapshot(RequestStatus::Open, None);
        let denied = decide(
            &open,
            &CRAFTER,
            &Command::Deny {
                reason: "No mats".to_owned(),
            },
        )
        .expect("deny");
        assert_eq!(
            (denied.status, denied.reason.as_deref()),
            (RequestStatus::Denied, Some("No mats"))
        );
        assert!(decide(
            &open,
            &CRAFTER,
            &Command::Deny {
                reason: "x".repeat(501)
            }
        )
        .is_err());
        assert!(decide(
            &snapshot(RequestStatus::Claimed, Some(10)),
            &CRAFTER,
            &Command::Deny {
                reason: "x".to_owned()
            }
        )
        .is_err());
    }
}
