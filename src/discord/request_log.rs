//! The log channel's lines for the changes members make themselves: a submitted request
//! (a request's first line), and requests they cancel from `/status` or by removing their
//! character. Crafters' and officers' changes are logged by `crafting::after_change`.
//! The log channel is shared: its lines read the guild's language.

use super::bot::Bot;
use super::crafting::post_to_log;
use super::guilds::GuildRuntime;
use crate::flow::text::{neutralise, neutralise_note_line, truncate};
use crate::i18n::Texts;
use crate::store::StoredRequest;
use crate::t;

/// "Request #4 (Enchant Boots ×2) was submitted by <@member> for Mira."
pub(super) fn submitted_line(texts: Texts, request: &StoredRequest) -> String {
    t!(
        texts,
        "log-submitted",
        number = request.number,
        item = neutralise(&request.item),
        quantity = request.quantity,
        member = request.user_id,
        character = neutralise(&request.character_name)
    )
}

/// "Request #4 (Enchant Boots ×2) was cancelled by <@member>: Cancelled by the requester."
pub(super) fn cancelled_by_member_line(texts: Texts, request: &StoredRequest) -> String {
    let note = request
        .reason
        .as_ref()
        .map(|reason| {
            t!(
                texts,
                "log-note",
                note = truncate(&neutralise_note_line(reason), 500)
            )
        })
        .unwrap_or_default();
    t!(
        texts,
        "log-cancelled-by-member",
        number = request.number,
        item = neutralise(&request.item),
        quantity = request.quantity,
        member = request.user_id,
        note = note
    )
}

/// Posts the submitted request's first line in the log channel.
pub(super) async fn log_submitted(bot: &Bot, runtime: &GuildRuntime, request: &StoredRequest) {
    let line = submitted_line(bot.guild_texts(runtime.config.id), request);
    post_to_log(bot, runtime, &line).await;
}

/// Posts that the member cancelled `request` themselves (from `/status`, or with its character).
pub(super) async fn log_cancelled_by_member(
    bot: &Bot,
    runtime: &GuildRuntime,
    request: &StoredRequest,
) {
    let line = cancelled_by_member_line(bot.guild_texts(runtime.config.id), request);
    post_to_log(bot, runtime, &line).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{RequestStatus, Snowflake, Timestamp};

    fn request() -> StoredRequest {
        StoredRequest {
            id: 1,
            number: 4,
            guild_id: Snowflake::new(1).expect("id"),
            user_id: Snowflake::new(42).expect("id"),
            character_name: "Mi*ra*".to_owned(),
            profession: "enchanting".to_owned(),
            gear_slot: "Boots".to_owned(),
            item: "Enchant Boots".to_owned(),
            quantity: 2,
            quantity_completed: 0,
            notes: String::new(),
            material_plan: String::new(),
            materials_json: String::new(),
            status: RequestStatus::Cancelled,
            claimed_by: None,
            reason: Some("Cancelled by\nthe requester".to_owned()),
            board_message_id: None,
            created_at: Timestamp::from_millis(0),
        }
    }

    #[test]
    fn a_submitted_request_s_line_names_its_number_item_member_and_character() {
        assert_eq!(
            submitted_line(Texts::ENGLISH, &request()),
            "Request #4 (Enchant Boots ×2) was submitted by <@42> for Mi\\*ra\\*."
        );
    }

    #[test]
    fn the_log_channel_reads_the_guilds_language() {
        let german = crate::i18n::Locale::German.texts();
        assert_eq!(
            submitted_line(german, &request()),
            "Anfrage #4 (Enchant Boots ×2) wurde von <@42> für Mi\\*ra\\* eingereicht."
        );
        assert_eq!(
            cancelled_by_member_line(german, &request()),
            "Anfrage #4 (Enchant Boots ×2) wurde von <@42> storniert: Cancelled by the requester."
        );
    }

    #[test]
    fn a_member_s_cancellation_is_one_line_with_its_reason() {
        let line = cancelled_by_member_line(Texts::ENGLISH, &request());
        assert_eq!(
            line,
            "Request #4 (Enchant Boots ×2) was cancelled by <@42>: Cancelled by the requester."
        );
    }
}
