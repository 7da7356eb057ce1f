//! `/register` (My characters): what the register view shows besides its state, and
//! applying each click or form to it (add, edit, remove a character).

use super::render_view;
use super::session::{answer_kept, to_json};
use crate::discord::board;
use crate::discord::bot::Bot;
use crate::discord::guilds::GuildRuntime;
use crate::discord::request_log;
use crate::discord::respond::Responder;
use crate::domain::{SessionKey, Timestamp};
use crate::flow::refusal::{Refusal, Where};
use crate::flow::register::{self, RegisterFlow};
use crate::flow::step::{Input, Next, Reply};
use crate::flow::text::neutralise;
use crate::i18n::Texts;
use crate::msg;
use crate::store::{CharacterInput, Session, StoreError};

/// What the register flow shows besides its state: the member's characters, their pending
/// requests per character, and the catalog's professions.
pub(super) struct RegisterData {
    characters: Vec<crate::domain::Character>,
    open: std::collections::HashMap<i64, u32>,
    professions: Vec<String>,
}

impl RegisterData {
    pub(super) async fn load(
        bot: &Bot,
        runtime: &GuildRuntime,
        session: &Session,
    ) -> Result<Self, StoreError> {
        Ok(Self {
            characters: bot
                .store
                .characters(session.guild_id, session.user_id)
                .await?,
            open: bot
                .store
                .pending_per_character(session.guild_id, session.user_id)
                .await?,
            professions: runtime
                .catalog
                .professions()
                .iter()
                .map(|p| p.key.clone())
                .collect(),
        })
    }

    pub(super) fn context<'a>(
        &'a self,
        key: &'a SessionKey,
        texts: Texts,
    ) -> register::Context<'a> {
        register::Context {
            key,
            characters: &self.characters,
            open_requests: &self.open,
            professions: &self.professions,
            texts,
        }
    }
}

pub(super) async fn on_register(
    bot: &Bot,
    responder: &Responder,
    runtime: &GuildRuntime,
    session: &Session,
    flow: RegisterFlow,
    input: Input<'_>,
) -> Result<(), StoreError> {
    let data = RegisterData::load(bot, runtime, session).await?;
    let ctx = data.context(&session.key, responder.texts());
    let transition = register::step(&flow, input, &ctx);
    let (next, reply) = match (transition.next, transition.reply) {
        (Next::Save(next), reply @ (Reply::Update(_) | Reply::Refresh)) => (next, reply),
        (_, reply) => {
            answer_kept(responder, &reply, Where::Register).await;
            return Ok(());
        }
    };
    let now = Timestamp::now();
    let state = to_json(&next)?;
    bot.store
        .save_session(&session.key, session.version, state.clone(), now)
        .await?;
    let to_input = |form: &register::CharacterForm| CharacterInput {
        name: form.name.as_str().to_owned(),
        main: form.main,
        professions: form.professions.clone(),
    };
    let outcome = match transition.effect {
        register::Effect::None => Ok(()),
        register::Effect::Add(form) => bot
            .store
            .add_character(session.guild_id, session.user_id, to_input(&form), now)
            .await
            .map(|_| ()),
        register::Effect::Update(id, form) => {
            bot.store
                .update_character(session.guild_id, session.user_id, id, to_input(&form))
                .await
        }
        register::Effect::Remove(id) => {
            let cancelled = bot
                .store
                .remove_character(session.guild_id, session.user_id, id, now)
                .await?;
            for number in cancelled {
                if let Ok(Some(request)) =
                    bot.store.request_by_number(session.guild_id, number).await
                {
                    board::publish(bot, runtime, &request).await;
                    request_log::log_cancelled_by_member(bot, runtime, &request).await;
                }
            }
            Ok(())
        }
    };
    if let Err(StoreError::Duplicate(name)) = outcome {
        let taken = msg!("register-refusal-taken", name = neutralise(&name));
        responder.refuse(&Refusal::Invalid(taken)).await;
        return Ok(());
    }
    outcome?;
    if let Reply::Update(screen) = reply {
        responder.update(&screen).await;
        return Ok(());
    }
    let session = Session {
        state_json: state,
        version: session.version + 1,
        ..session.clone()
    };
    responder
        .update(&render_view(bot, runtime, &session, responder.texts()).await?)
        .await;
    Ok(())
}
