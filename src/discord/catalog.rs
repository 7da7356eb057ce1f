//! `/catalog` in Discord (issue 17 item 5): officers upload a profession's catalog JSON,
//! anyone downloads the current one, officers reset it to the built-in one. Who may is
//! checked from the live settings and the interaction's member (officer role or Manage
//! Server) when the command arrives and again just before anything is stored; a guild the
//! file manages is refused. An upload answers first (deferred), then downloads the
//! attachment (size checked from `size` before and on the body, text only, a timeout),
//! validates it with startup's own `Catalog::from_files`, stores it, records the change in
//! the settings audit, serves the guild's rebuilt runtime from the next interaction on, and
//! posts to the log channel. The pure rules and wordings are `flow::catalog`'s.

use std::sync::Arc;

use serenity::all::{
    Attachment, AutocompleteChoice, CommandInteraction, Member, ResolvedOption, ResolvedValue,
};

use super::bot::{snowflake, Bot};
use super::guilds::GuildRuntime;
use super::respond::Responder;
use crate::catalog::{profession_key_of, Catalog};
use crate::domain::{Snowflake, Timestamp};
use crate::flow::catalog::{self as rules, Served, MAX_UPLOAD_BYTES};
use crate::flow::refusal::Refusal;
use crate::i18n::{Msg, Texts};
use crate::store::{SettingChange, StoreError, StoredCatalog};
use crate::{msg, t};

/// `/catalog upload|download|reset`.
pub async fn on_command(bot: &Bot, responder: &Responder, command: &CommandInteraction) {
    let Some(guild) = command.guild_id.map(snowflake) else {
        return responder.refuse(&Refusal::NotInServer).await;
    };
    let options = command.data.options();
    let Some(ResolvedOption {
        name: sub,
        value: ResolvedValue::SubCommand(options),
        ..
    }) = options.first()
    else {
        return responder.refuse(&Refusal::UnknownCommand).await;
    };
    let raw = options
        .iter()
        .find_map(|o| match (o.name, &o.value) {
            ("profession", ResolvedValue::String(s)) => Some(*s),
            _ => None,
        })
        .unwrap_or_default();
    let profession = match rules::profession(raw) {
        Ok(p) => p,
        Err(refusal) => return responder.refuse(&refusal).await,
    };
    let member = command.member.as_deref();
    let user = snowflake(command.user.id);
    match *sub {
        "upload" => {
            let file = options.iter().find_map(|o| match &o.value {
                ResolvedValue::Attachment(a) => Some(*a),
                _ => None,
            });
            upload(bot, responder, guild, member, user, &profession, file).await;
        }
        "download" => download(bot, responder, guild, &profession).await,
        "reset" => reset(bot, responder, guild, member, user, &profession).await,
        _ => responder.refuse(&Refusal::UnknownCommand).await,
    }
}

/// The professions to offer while the member types one: the guild's and the built-in ones.
pub fn profession_choices(
    bot: &Bot,
    runtime: &GuildRuntime,
    query: &str,
) -> Vec<AutocompleteChoice> {
    let query = query.trim().to_lowercase();
    let mut keys: Vec<String> = runtime
        .catalog
        .professions()
        .iter()
        .chain(bot.guilds.builtin().professions())
        .map(|p| p.key.clone())
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| k.contains(&query))
        .take(25)
        .map(|k| AutocompleteChoice::new(k.clone(), k))
        .collect()
}

/// The guild's runtime if this member may change its catalog now.
fn authorize(
    bot: &Bot,
    guild: Snowflake,
    member: Option<&Member>,
) -> Result<Arc<GuildRuntime>, Refusal> {
    let runtime = bot.guild(guild).ok_or(Refusal::NotSetUp)?;
    let roles: Vec<Snowflake> = member
        .map(|m| m.roles.iter().map(|r| snowflake(*r)).collect())
        .unwrap_or_default();
    let manage = member
        .and_then(|m| m.permissions)
        .is_some_and(|p| p.manage_guild() || p.administrator());
    if !rules::may_manage(&roles, &runtime.config.officer_role_ids, manage) {
        return Err(rules::not_allowed());
    }
    if runtime.is_file_managed() {
        return Err(rules::file_managed());
    }
    Ok(runtime)
}

async fn upload(
    bot: &Bot,
    responder: &Responder,
    guild: Snowflake,
    member: Option<&Member>,
    user: Snowflake,
    profession: &str,
    file: Option<&Attachment>,
) {
    if let Err(refusal) = authorize(bot, guild, member) {
        return responder.refuse(&refusal).await;
    }
    let Some(file) = file else {
        return responder
            .refuse(&Refusal::Invalid(msg!("catalog-refusal-no-file")))
            .await;
    };
    let checked = rules::check_attachment(
        &file.filename,
        u64::from(file.size),
        file.content_type.as_deref(),
    );
    if let Err(refusal) = checked {
        return responder.refuse(&refusal).await;
    }
    responder.defer_ephemeral().await;
    let text = match fetch(bot, &file.url).await.and_then(rules::decode) {
        Ok(text) => text,
        Err(refusal) => return responder.refuse(&refusal).await,
    };
    let items = match rules::validate(profession, &text) {
        Ok(items) => items,
        Err(error) => {
            // Worded in the admin's language already (the problems quote their file).
            let reply = rules::problems_reply(responder.texts(), &error);
            return responder.refuse(&Refusal::Invalid(Msg::Plain(reply))).await;
        }
    };
    // Re-authorised at the moment of acting: the roles or settings may have changed
    // while the file downloaded.
    if let Err(refusal) = authorize(bot, guild, member) {
        return responder.refuse(&refusal).await;
    }
    let before = match current_description(bot, guild, profession).await {
        Ok(before) => before,
        Err(err) => return refuse_store(responder, &err).await,
    };
    let stored = StoredCatalog {
        profession: profession.to_owned(),
        catalog_json: text,
        uploaded_at: Timestamp::now(),
        uploaded_by: user,
    };
    if let Err(err) = bot.store.put_guild_catalog(guild, stored).await {
        return refuse_store(responder, &err).await;
    }
    let after = rules::describe(Some(items));
    finish(bot, guild, user, profession, before, after).await;
    tracing::info!(%guild, profession, items, "catalog uploaded");
    let texts = responder.texts();
    responder
        .ephemeral(&t!(
            texts,
            "catalog-uploaded",
            profession = profession,
            items = items,
            before = before.in_(texts),
            after = after.in_(texts)
        ))
        .await;
}

async fn reset(
    bot: &Bot,
    responder: &Responder,
    guild: Snowflake,
    member: Option<&Member>,
    user: Snowflake,
    profession: &str,
) {
    if let Err(refusal) = authorize(bot, guild, member) {
        return responder.refuse(&refusal).await;
    }
    let before = match current_description(bot, guild, profession).await {
        Ok(before) => before,
        Err(err) => return refuse_store(responder, &err).await,
    };
    match bot
        .store
        .delete_guild_catalog(guild, profession.to_owned())
        .await
    {
        Ok(true) => {}
        Ok(false) => {
            return responder
                .refuse(&Refusal::Invalid(msg!(
                    "catalog-refusal-never-uploaded",
                    profession = profession
                )))
                .await
        }
        Err(err) => return refuse_store(responder, &err).await,
    }
    let builtin = bot.guilds.builtin();
    let after = match builtin.profession(profession) {
        Some(_) => rules::describe(None),
        None => Served::Nothing,
    };
    finish(bot, guild, user, profession, before, after).await;
    tracing::info!(%guild, profession, "catalog reset");
    let texts = responder.texts();
    let served = if after == Served::Nothing {
        t!(texts, "catalog-reset-gone", profession = profession)
    } else {
        t!(texts, "catalog-reset-built-in")
    };
    responder
        .ephemeral(&t!(
            texts,
            "catalog-reset",
            profession = profession,
            before = before.in_(texts),
            after = after.in_(texts),
            served = served
        ))
        .await;
}

async fn download(bot: &Bot, responder: &Responder, guild: Snowflake, profession: &str) {
    let Some(runtime) = bot.guild(guild) else {
        return responder.refuse(&Refusal::NotSetUp).await;
    };
    match current_text(bot, &runtime, profession).await {
        Ok(Some((text, source))) => {
            responder
                .ephemeral_file(
                    &t!(
                        responder.texts(),
                        "catalog-download",
                        profession = profession,
                        source = source
                    ),
                    &rules::file_name(profession),
                    text.into_bytes(),
                )
                .await;
        }
        Ok(None) => {
            let known: Vec<String> = runtime
                .catalog
                .professions()
                .iter()
                .map(|p| format!("`{}`", p.key))
                .collect();
            responder
                .refuse(&Refusal::Invalid(msg!(
                    "catalog-refusal-unknown",
                    profession = profession,
                    professions = known.join(", ")
                )))
                .await;
        }
        Err(err) => refuse_store(responder, &err).await,
    }
}

/// The JSON a profession's catalog is served from, and where it comes from (`uploaded`,
/// `file` or `built-in`: a selector in `catalog-download`).
async fn current_text(
    bot: &Bot,
    runtime: &GuildRuntime,
    profession: &str,
) -> Result<Option<(String, &'static str)>, StoreError> {
    if !runtime.is_file_managed() {
        let uploaded = bot.store.guild_catalogs(runtime.config.id).await?;
        if let Some(found) = uploaded.into_iter().find(|c| c.profession == profession) {
            return Ok(Some((found.catalog_json, "uploaded")));
        }
    } else if let Some(dir) = &runtime.config.catalog {
        // The operator's directory: read as startup read it.
        let found = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                    && profession_key_of(&p.to_string_lossy()) == profession
            });
        return Ok(found
            .and_then(|p| std::fs::read_to_string(p).ok())
            .map(|text| (text, "file")));
    }
    Ok(Catalog::builtin_files()
        .into_iter()
        .find(|(name, _)| profession_key_of(name) == profession)
        .map(|(_, text)| (text, "built-in")))
}

/// What the profession's catalog is now.
async fn current_description(
    bot: &Bot,
    guild: Snowflake,
    profession: &str,
) -> Result<Served, StoreError> {
    let uploaded = bot.store.guild_catalogs(guild).await?;
    if let Some(found) = uploaded.iter().find(|c| c.profession == profession) {
        let items = rules::validate(profession, &found.catalog_json).ok();
        return Ok(Served::Uploaded(items));
    }
    Ok(match bot.guilds.builtin().profession(profession) {
        Some(_) => rules::describe(None),
        None => Served::Nothing,
    })
}

/// Records the change in the settings audit, serves the rebuilt runtime, tells the log.
async fn finish(
    bot: &Bot,
    guild: Snowflake,
    user: Snowflake,
    profession: &str,
    before: Served,
    after: Served,
) {
    // The audit is operator-facing: English.
    let change = SettingChange {
        setting: rules::setting_name(profession),
        before: before.in_(Texts::ENGLISH),
        after: after.in_(Texts::ENGLISH),
    };
    record(bot, guild, user, change).await;
    let Some(served) = rebuild(bot, guild).await else {
        return;
    };
    // The log channel is shared: the guild's language.
    let texts = bot.guild_texts(guild);
    let line = t!(
        texts,
        "catalog-log-changed",
        user = user,
        profession = profession,
        before = before.in_(texts),
        after = after.in_(texts)
    );
    super::crafting::post_to_log(bot, &served, &line).await;
}

/// The change, in the same audit `/setup` writes (the settings saved unchanged with it);
/// retried if an admin saves the settings at the same moment.
async fn record(bot: &Bot, guild: Snowflake, user: Snowflake, change: SettingChange) {
    for _ in 0..3 {
        let stored = match bot.store.guild_settings(guild).await {
            Ok(Some(stored)) => stored,
            Ok(None) => return,
            Err(err) => {
                tracing::error!(%err, %guild, "cannot record a catalog change");
                return;
            }
        };
        let saved = bot
            .store
            .save_guild_settings(
                guild,
                stored.version,
                stored.settings_json,
                vec![change.clone()],
                user,
                Timestamp::now(),
            )
            .await;
        match saved {
            Ok(_) => return,
            Err(StoreError::Conflict { .. }) => {}
            Err(err) => {
                tracing::error!(%err, %guild, "cannot record a catalog change");
                return;
            }
        }
    }
    tracing::error!(%guild, "cannot record a catalog change: the settings kept changing");
}

/// Rebuilds the guild's runtime from the store and serves it from the next interaction on.
async fn rebuild(bot: &Bot, guild: Snowflake) -> Option<Arc<GuildRuntime>> {
    let read = async {
        let stored = bot.store.guild_settings(guild).await?;
        let uploaded = bot.store.guild_catalogs(guild).await?;
        Ok::<_, StoreError>(stored.map(|s| (s, uploaded)))
    };
    let (stored, uploaded) = match read.await {
        Ok(Some(found)) => found,
        Ok(None) => return None,
        Err(err) => {
            tracing::error!(%err, %guild, "cannot rebuild the guild after a catalog change");
            return None;
        }
    };
    match bot.guilds.runtime_from_store(&stored, &uploaded) {
        Ok(runtime) => {
            bot.guilds.set(runtime);
            bot.guild(guild)
        }
        Err(err) => {
            tracing::error!(%err, %guild, "the guild's catalogs cannot be served");
            None
        }
    }
}

/// Downloads an attachment: at most [`MAX_UPLOAD_BYTES`], whatever it said its size was.
async fn fetch(bot: &Bot, url: &str) -> Result<Vec<u8>, Refusal> {
    let failed = |what: &dyn std::fmt::Display| {
        tracing::warn!(error = %what, "downloading a catalog attachment failed");
        Refusal::Invalid(msg!("catalog-refusal-download-failed"))
    };
    let too_large = rules::too_large;
    let mut response = bot
        .downloads
        .get(url)
        .send()
        .await
        .map_err(|e| failed(&e))?;
    if !response.status().is_success() {
        return Err(failed(&response.status()));
    }
    if response
        .content_length()
        .is_some_and(|n| n > MAX_UPLOAD_BYTES)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| failed(&e))? {
        body.extend_from_slice(&chunk);
        if body.len() as u64 > MAX_UPLOAD_BYTES {
            return Err(too_large());
        }
    }
    Ok(body)
}

async fn refuse_store(responder: &Responder, err: &StoreError) {
    responder
        .refuse(&super::flows::session::refusal_of(err))
        .await;
}
