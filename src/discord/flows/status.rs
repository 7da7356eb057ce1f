//! `/status` (My requests): applying each click to the member's status view, and
//! cancelling the requests they pick.

use super::render_view;
use super::session::{answer_kept, to_json};
use crate::discord::board;
use crate::discord::bot::Bot;
use crate::discord::guilds::GuildRuntime;
use crate::discord::request_log;
use crate::discord::respond::Responder;
use crate::domain::Timestamp;
use crate::flow::refusal::Where;
use crate::flow::status::{self, StatusFlow};
use crate::flow::step::{Input, Next, Reply};
use crate::store::{Session, StoreError};

pub(super) async fn on_status(
    bot: &Bot,
    responder: &Responder,
    runtime: &GuildRuntime,
    session: &Session,
    flow: StatusFlow,
    input: Input<'_>,
) -> Result<(), StoreError> {
    let requests = bot
        .store
        .member_requests(session.guild_id, session.user_id)
        .await?;
    let ctx = status::Context {
        key: &session.key,
        requests: &requests,
        texts: responder.texts(),
    };
    let transition = status::step(&flow, input, &ctx);
    let Next::Save(next) = transition.next else {
        answer_kept(responder, &transition.reply, Where::Status).await;
        return Ok(());
    };
    let now = Timestamp::now();
    let state = to_json(&next)?;
    bot.store
        .save_session(&session.key, session.version, state.clone(), now)
        .await?;
    if let status::Effect::Cancel(numbers) = transition.effect {
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
    if let Reply::Update(screen) = transition.reply {
        responder.update(&screen).await;
    } else {
        let saved = Session {
            state_json: state,
            ..session.clone()
        };
        responder
            .update(&render_view(bot, runtime, &saved, responder.texts()).await?)
            .await;
    }
    Ok(())
}
