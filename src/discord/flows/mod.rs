//! Running members' flows: starting `/request`, `/status` and `/register`, and applying
//! each click to its session (load → pure step → CAS save → answer → effects).
//!
//! One module per flow, mirroring `src/flow/`: `request`, `status`, `register`; what they
//! share is in `session` (a leaf). This module opens the private views and routes a click
//! to its flow.

mod register;
mod request;
pub(crate) mod session;
mod status;

pub use request::start_request;
use session::{current_roles, guild_or_reply, refusal_of, Hold};
pub use session::{Actor, FlowInput, KIND_REGISTER, KIND_STATUS};

use serenity::all::GuildId;

use super::bot::{snowflake, Bot};
use super::guilds::GuildRuntime;
use super::respond::Responder;
use crate::domain::{SessionKey, Timestamp};
use crate::flow::custom_id::Action;
use crate::flow::refusal::{Refusal, Where};
use crate::flow::register::RegisterFlow;
use crate::flow::status::StatusFlow;
use crate::flow::step::FlowState;
use crate::flow::ui::Screen;
use crate::i18n::Texts;
use crate::store::{NewSession, Session, StoreError};

/// `/status` (My requests) and `/register` (My characters): a private message of their own.
pub async fn start_panel_view(
    bot: &Bot,
    responder: &Responder,
    guild: Option<GuildId>,
    actor: &Actor,
    kind: &'static str,
) {
    let runtime = match guild_or_reply(bot, guild) {
        Ok(runtime) => runtime,
        Err(refusal) => return responder.refuse(&refusal).await,
    };
    let runtime = &*runtime;
    if current_roles(bot, responder, runtime.config.id, actor, Hold::Message)
        .await
        .is_none()
    {
        return;
    }
    let state = match kind {
        KIND_STATUS => FlowState::Status(StatusFlow::default()),
        _ => FlowState::Register(RegisterFlow::default()),
    };
    let result = async {
        let new = NewSession::flow(snowflake(actor.user), runtime.config.id, &state, None)?;
        let session = bot.store.open_single_session(new, Timestamp::now()).await?;
        tracing::Span::current().record("session", tracing::field::display(&session.key));
        render_view(bot, runtime, &session, responder.texts()).await
    }
    .await;
    match result {
        Ok(screen) => {
            crate::metrics::flow_started(kind);
            responder.ephemeral_screen(&screen).await;
        }
        Err(err) => responder.refuse(&refusal_of(&err)).await,
    }
}

/// The current screen of a status or register session, in the member's language.
async fn render_view(
    bot: &Bot,
    runtime: &GuildRuntime,
    session: &Session,
    texts: Texts,
) -> Result<Screen, StoreError> {
    match session.state()? {
        FlowState::Status(flow) => {
            let requests = bot
                .store
                .member_requests(session.guild_id, session.user_id)
                .await?;
            Ok(crate::flow::status::render(
                &flow,
                &session.key,
                &requests,
                texts,
            ))
        }
        FlowState::Register(flow) => {
            let data = register::RegisterData::load(bot, runtime, session).await?;
            let ctx = data.context(&session.key, texts);
            Ok(crate::flow::register::render(&flow, &ctx))
        }
        other => Err(StoreError::Corrupt(format!(
            "a {} session has no view",
            other.kind()
        ))),
    }
}

/// A click on a flow that no longer exists. If it was submitted (a double click, or a
/// confirmation whose answer was lost to a restart between storing and answering), say so,
/// privately, so the member does not submit it again; otherwise it expired.
async fn answer_ended_flow(bot: &Bot, responder: &Responder, key: &SessionKey) {
    match bot.store.request_for_session(key).await {
        Ok(Some(request)) => {
            let board = bot
                .guild(request.guild_id)
                .and_then(|g| g.config.board_channel_id);
            let number = request.number;
            responder
                .refuse(&Refusal::AlreadySubmitted { number, board })
                .await;
        }
        Ok(None) => responder.refuse(&Refusal::Expired).await,
        Err(err) => {
            tracing::info!(%key, "cannot look up an ended flow");
            responder.refuse(&refusal_of(&err)).await;
        }
    }
}

/// Applies a click, a menu choice or a modal to the flow `key`.
pub async fn on_flow(
    bot: &Bot,
    responder: &Responder,
    key: &SessionKey,
    action: Action,
    input: FlowInput,
    actor: &Actor,
) {
    if key.user_id() != snowflake(actor.user) {
        return responder.refuse(&Refusal::NotYours).await;
    }
    let session = match bot.store.session(key).await {
        Ok(Some(session)) => session,
        // Gone: finished, cancelled or swept. Its message may show a receipt: leave it be.
        Ok(None) => return answer_ended_flow(bot, responder, key).await,
        Err(err) => return responder.refuse(&refusal_of(&err)).await,
    };
    if session.expires_at <= Timestamp::now() {
        crate::metrics::flows_expired(1);
        // Past its TTL but not swept yet: it is expired all the same.
        if let Err(err) = bot.store.delete_sessions(std::slice::from_ref(key)).await {
            tracing::warn!(%err, %key, "cannot delete an expired session");
        }
        // The flow's own message says so (the brief's wording), in place of its step.
        return responder.refuse_by_update(&Refusal::Expired).await;
    }
    let Some(runtime) = bot.guild(session.guild_id) else {
        return responder.refuse(&Refusal::NotSetUp).await;
    };
    let runtime = &*runtime;
    let Some(input) = input.with(action) else {
        return responder.refuse(&Refusal::Stale(Where::Flow)).await;
    };
    let state = match session.state() {
        Ok(state) => state,
        Err(err) => {
            tracing::warn!(%err, "a session's state cannot be read; ending it");
            return responder.refuse_by_update(&Refusal::Expired).await;
        }
    };
    let outcome = match state {
        FlowState::Request(flow) => {
            request::on_request(bot, responder, runtime, &session, flow, input, actor).await
        }
        FlowState::Status(flow) => {
            status::on_status(bot, responder, runtime, &session, flow, input).await
        }
        FlowState::Register(flow) => {
            register::on_register(bot, responder, runtime, &session, flow, input).await
        }
        FlowState::Queue(flow) => {
            super::queue::on_queue(bot, responder, runtime, &session, flow, input, actor).await
        }
        // Setup clicks carry their own custom ids (`flow::setup`): one here is forged.
        FlowState::Setup(_) => Err(StoreError::NotFound),
    };
    if let Err(err) = outcome {
        responder.refuse(&refusal_of(&err)).await;
    }
}
