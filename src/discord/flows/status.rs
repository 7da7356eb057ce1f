//! `/status` (My requests): applying each click to the member's status view, and
//! cancelling the requests they pick.

use super::render_view;
use super::session::{state_of, to_json, FlowInput};
use crate::discord::board;
use crate::discord::bot::Bot;
use crate::discord::guilds::GuildRuntime;
use crate::discord::request_log;
use crate::discord::respond::Responder;
use crate::domain::Timestamp;
use crate::flow::custom_id::Action;
use crate::flow::status::{self, StatusFlow};
use crate::store::{Session, StoreError};

pub(super) async fn on_status(
    bot: &Bot,
    responder: &Responder,
    runtime: &GuildRuntime,
    session: &Session,
    action: Action,
    input: &FlowInput,
) -> Result<(), StoreError> {
    let flow: StatusFlow = state_of(session)?;
    let requests = bot
        .store
        .member_requests(session.guild_id, session.user_id)
        .await?;
    let values: &[String] = match input {
        FlowInput::Select(values) => values,
        _ => &[],
    };
    let (next, effect) = match status::step(&flow, action, values, &requests) {
        Ok(result) => result,
        Err(refusal) => {
            responder.refuse(&refusal).await;
            return Ok(());
        }
    };
    let now = Timestamp::now();
    let state = to_json(&next)?;
    bot.store
        .save_session(&session.key, session.version, state, now)
        .await?;
    if let status::Effect::Cancel(numbers) = effect {
        let cancelled = bot
            .store
            .cancel_member_requests(session.guild_id, session.user_id, numbers, now)
            .await?;
        for number in &cancelled {
            if let Ok(Some(request)) = bot.store.request_by_number(session.guild_id, *number).await
            {
                board::publish(bot, runtime, &request).await;
                request_log::log_cancelled_by_member(bot, runtime, &request).await;
            }
        }
    }
    let session = Session {
        state_json: serde_json::to_string(&next).unwrap_or_default(),
        ..session.clone()
    };
    responder
        .update(&render_view(bot, runtime, &session).await?)
        .await;
    Ok(())
}
