//! Recording the materials a requester handed over: the claimer (or an officer) presses
//! "Materials received" on the board message, types what arrived per material in a modal
//! (at most five materials a time, those still to collect first), and the request's
//! material lines, its board message and the log channel show it.

use super::board;
use super::bot::Bot;
use super::crafting::{post_to_log, snapshot_of, BoardInput};
use super::guilds::GuildRuntime;
use super::respond::Responder;
use crate::domain::Timestamp;
use crate::flow::board::{handover, handover_form_lines, may_record_handover, Rights};
use crate::flow::custom_id::{BoardAction, CustomId};
use crate::flow::refusal::{Refusal, Where};
use crate::flow::request::MaterialLine;
use crate::flow::text::{neutralise, truncate};
use crate::flow::ui::{Modal, TextInput};
use crate::i18n::Texts;
use crate::store::{StoreError, StoredRequest};
use crate::{msg, t};

/// A click on "Materials received" (opens the form) or the form submitted (records it).
pub async fn on_handover(
    bot: &Bot,
    responder: &Responder,
    runtime: &GuildRuntime,
    request: &StoredRequest,
    rights: &Rights,
    input: &BoardInput,
) {
    let texts = responder.texts();
    let snapshot = snapshot_of(request);
    let lines: Vec<MaterialLine> =
        serde_json::from_str(&request.materials_json).unwrap_or_default();
    let fields = match input {
        BoardInput::Submit(fields) => fields,
        BoardInput::Click | BoardInput::Pick(_) => {
            return match may_record_handover(&snapshot, rights, &lines) {
                Ok(()) => {
                    responder
                        .modal(&handover_form(request, &lines, texts))
                        .await;
                }
                Err(refusal) => responder.refuse(&refusal).await,
            };
        }
    };
    // Inputs are named m<line index>; anything else is a forged or stale form.
    let amounts: Vec<(usize, String)> = fields
        .iter()
        .filter_map(|(id, value)| {
            let index = id.strip_prefix('m')?.parse::<usize>().ok()?;
            Some((index, value.clone()))
        })
        .collect();
    if amounts.is_empty() {
        return responder.refuse(&Refusal::Stale(Where::BoardForm)).await;
    }
    let updated = match handover(&snapshot, rights, &lines, &amounts) {
        Ok(updated) => updated,
        Err(refusal) => return responder.refuse(&refusal).await,
    };
    let summary = summary(&updated);
    let Ok(materials_json) = serde_json::to_string(&updated) else {
        return responder.refuse(&Refusal::TryAgain).await;
    };
    let number = request.number;
    let recorded = bot
        .store
        .record_handover(
            request.guild_id,
            number,
            request.materials_json.clone(),
            materials_json,
            rights.user,
            summary.clone(),
            Timestamp::now(),
        )
        .await;
    match recorded {
        Ok(()) => {}
        Err(StoreError::Conflict { .. }) => {
            let text = msg!("board-refusal-handover-changed", number = number);
            return responder.refuse(&Refusal::Changed(text)).await;
        }
        Err(err) => {
            return responder
                .refuse(&super::flows::session::refusal_of(&err))
                .await
        }
    }
    let left: u32 = updated.iter().map(MaterialLine::to_collect).sum();
    let answer = if left > 0 {
        t!(
            texts,
            "board-handover-recorded-left",
            number = number,
            summary = summary.as_str(),
            left = left
        )
    } else {
        t!(
            texts,
            "board-handover-recorded",
            number = number,
            summary = summary.as_str()
        )
    };
    responder.ephemeral(&truncate(&answer, 2_000)).await;
    tracing::info!(guild = %request.guild_id, number, "materials handed over");
    if let Ok(Some(fresh)) = bot.store.request_by_number(request.guild_id, number).await {
        board::publish(bot, runtime, &fresh).await;
    }
    log_handover(bot, runtime, request, rights, &summary).await;
}

/// A line in the guild's log channel, if it has one.
async fn log_handover(
    bot: &Bot,
    runtime: &GuildRuntime,
    request: &StoredRequest,
    rights: &Rights,
    summary: &str,
) {
    let text = truncate(
        &t!(
            bot.guild_texts(runtime.config.id),
            "log-handover",
            number = request.number,
            item = neutralise(&request.item),
            quantity = request.quantity,
            crafter = rights.user,
            summary = summary
        ),
        2_000,
    );
    post_to_log(bot, runtime, &text).await;
}

/// The form: one input per material the member brings (at most five), prefilled, worded
/// in `texts` (the clicker's language).
fn handover_form(request: &StoredRequest, lines: &[MaterialLine], texts: Texts) -> Modal {
    let inputs = handover_form_lines(lines)
        .into_iter()
        .filter_map(|index| {
            let line = lines.get(index)?;
            Some(TextInput {
                value: Some(line.handed_over.to_string()),
                max_length: Some(6),
                ..TextInput::short(
                    &format!("m{index}"),
                    &truncate(
                        &t!(
                            texts,
                            "board-handover-form-line",
                            material = line.name.as_str(),
                            brings = line.provided_by_member
                        ),
                        45,
                    ),
                )
            })
        })
        .collect();
    Modal {
        custom_id: CustomId::Board {
            guild_id: request.guild_id,
            number: request.number,
            action: BoardAction::Handover,
        }
        .to_string(),
        title: truncate(
            &t!(texts, "board-handover-form-title", number = request.number),
            45,
        ),
        inputs,
    }
}

/// "Dream Dust 10/10 · Shard 2/4": what has arrived of what the member brings.
fn summary(lines: &[MaterialLine]) -> String {
    lines
        .iter()
        .filter(|l| l.provided_by_member > 0)
        .map(|l| {
            format!(
                "{} {}/{}",
                neutralise(&l.name),
                l.handed_over,
                l.provided_by_member
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::domain::{RequestStatus, Snowflake};
    use crate::flow::limits::check_modal;
    use crate::i18n::Locale;

    /// Issue 18: the handover form in every shipped language, within Discord's limits
    /// (labels of long material names are cut, never the form refused).
    #[test]
    fn the_handover_form_fits_discords_limits_in_every_language() {
        let id = |n| Snowflake::new(n).unwrap();
        let lines: Vec<MaterialLine> = ["Dust", &"Shard".repeat(20)]
            .iter()
            .map(|name| MaterialLine {
                name: (*name).to_owned(),
                per_unit: 1,
                needed: 100_000,
                provided_by_member: 99_999,
                provided_by_guild: 0,
                handed_over: 3,
            })
            .collect();
        let request = StoredRequest {
            id: 1,
            number: u32::MAX,
            guild_id: id(1),
            user_id: id(2),
            character_name: "Mira".to_owned(),
            profession: "enchanting".to_owned(),
            gear_slot: "Boots".to_owned(),
            item: "Enchant Boots".to_owned(),
            quantity: 1,
            quantity_completed: 0,
            notes: String::new(),
            material_plan: String::new(),
            materials_json: serde_json::to_string(&lines).unwrap(),
            status: RequestStatus::Claimed,
            claimed_by: Some(id(3)),
            reason: None,
            board_message_id: None,
            created_at: crate::domain::Timestamp::from_millis(0),
        };
        for locale in Locale::ALL {
            let form = handover_form(&request, &lines, locale.texts());
            assert_eq!(check_modal(&form), Vec::<String>::new(), "{locale}");
            assert_eq!(form.inputs.len(), 2, "{locale}");
        }
        let spanish = handover_form(&request, &lines, Locale::Spanish.texts());
        assert_eq!(spanish.inputs[0].label, "Dust (de 99999)");
        assert_eq!(
            spanish.title,
            format!("Materiales de la solicitud #{}", u32::MAX)
        );
    }
}
