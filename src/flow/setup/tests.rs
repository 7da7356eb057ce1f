//! The setup flow's unit tests: custom ids, edits, pages and permissions.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::flow::limits::check_screen;
use crate::i18n::{Locale, Texts};

fn id(n: u64) -> Snowflake {
    Snowflake::new(n).unwrap()
}

fn key() -> SessionKey {
    SessionKey::parse("req_123456789012345678_1764000000000").unwrap()
}

#[test]
fn custom_ids_round_trip_and_fit() {
    let key = key();
    for action in [
        SetupAction::Page(Page::Options),
        SetupAction::Mode(GuildMode::Channel),
        SetupAction::Notify(Notification::Reassign),
        SetupAction::LimitsForm,
        SetupAction::Language,
        SetupAction::Create,
    ] {
        let id = custom_id(&key, action);
        assert!(id.len() <= 100);
        assert_eq!(parse_custom_id(&id), Some(Ok((key.clone(), action))));
    }
    assert_eq!(parse_custom_id("cd1:whatever"), None);
    assert_eq!(parse_custom_id("cds:req_1_2:nope"), Some(Err(())));
}

#[test]
fn every_page_keeps_discords_limits_in_every_language() {
    let settings = fresh_settings(id(9));
    let professions = vec!["enchanting".to_owned(), "tailoring".to_owned()];
    for locale in Locale::ALL {
        for page in Page::ALL {
            let flow = SetupFlow {
                page,
                profession: Some("enchanting".into()),
                seen_version: 0,
            };
            let view = View {
                settings: &settings,
                file_managed: false,
                professions: &professions,
                notice: None,
                texts: locale.texts(),
                discord_locale: Locale::BrazilianPortuguese,
            };
            let screen = render(&flow, &key(), &view);
            assert_eq!(
                check_screen(&screen),
                Vec::<String>::new(),
                "{locale} {page:?}"
            );
        }
        let modal = limits_modal(locale.texts(), &key(), &LimitsConfig::default());
        assert!(modal.title.chars().count() <= 45, "{locale}");
        for input in &modal.inputs {
            assert!(
                input.label.chars().count() <= 45,
                "{locale}: {}",
                input.label
            );
        }
    }
}

#[test]
fn the_language_menu_offers_discords_language_and_every_shipped_one() {
    let settings = fresh_settings(id(9));
    let view = View {
        settings: &settings,
        file_managed: false,
        professions: &[],
        notice: None,
        texts: Texts::ENGLISH,
        discord_locale: Locale::German,
    };
    let flow = SetupFlow {
        page: Page::Options,
        ..SetupFlow::default()
    };
    let screen = render(&flow, &key(), &view);
    let select = screen
        .rows
        .iter()
        .find_map(|r| match r {
            crate::flow::ui::Row::Select(s) => Some(s),
            _ => None,
        })
        .unwrap();
    assert_eq!(select.placeholder, "Language of shared messages");
    let labels: Vec<&str> = select.options.iter().map(|o| o.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Discord's server language (now: Deutsch)",
            "English",
            "Deutsch",
            "Français",
            "Español",
            "Русский",
            "Português do Brasil"
        ]
    );
    for option in &select.options {
        assert!(parse_language(&option.value).is_some(), "{}", option.value);
    }
    assert_eq!(parse_language("discord"), Some(None));
    assert_eq!(parse_language("fr"), Some(Some(Locale::French)));
    assert_eq!(parse_language("klingon"), None);
    let (s, changes) = apply(&settings, &Edit::Language(Some(Locale::French))).unwrap();
    assert_eq!(s.locale, Some(Locale::French));
    assert_eq!(
        changes[0].worded(Texts::ENGLISH),
        (
            "Language of shared messages".to_owned(),
            "Discord's server language".to_owned(),
            "Français".to_owned()
        )
    );
    let (back, _) = apply(&s, &Edit::Language(None)).unwrap();
    assert_eq!(back.locale, None);
}

#[test]
fn a_file_managed_guild_is_shown_read_only() {
    let mut settings = fresh_settings(id(9));
    settings.locale = Some(Locale::Russian);
    let view = View {
        settings: &settings,
        file_managed: true,
        professions: &[],
        notice: None,
        texts: Texts::ENGLISH,
        discord_locale: Locale::English,
    };
    let screen = render(&SetupFlow::default(), &key(), &view);
    assert!(screen.rows.is_empty());
    assert!(screen.content.contains("configuration file"));
    let fields = screen.card.unwrap().fields;
    assert!(
        fields.contains(&(
            "Language of shared messages".to_owned(),
            "Русский".to_owned()
        )),
        "the file's language is shown, not offered: {fields:?}"
    );
}

#[test]
fn channel_mode_needs_a_category_and_changes_are_described() {
    let settings = fresh_settings(id(9));
    assert!(apply(&settings, &Edit::Mode(GuildMode::Channel)).is_err());
    let (with_category, changes) = apply(&settings, &Edit::Category(id(40))).unwrap();
    assert_eq!(
        changes,
        [Change {
            setting: Setting::RequestCategory,
            before: Value::Channel(None),
            after: Value::Channel(Some(id(40)))
        }]
    );
    assert_eq!(
        changes[0].worded(Texts::ENGLISH),
        (
            "Request category".to_owned(),
            "none".to_owned(),
            "<#40>".to_owned()
        )
    );
    assert_eq!(
        changes[0].worded(Locale::German.texts()).1,
        "keine",
        "values are worded for their reader"
    );
    let (channel_mode, _) = apply(&with_category, &Edit::Mode(GuildMode::Channel)).unwrap();
    assert_eq!(channel_mode.mode, GuildMode::Channel);
    assert!(apply(&with_category, &Edit::Overflow(vec![id(40)])).is_err());
    let (same, none) = apply(&with_category, &Edit::Category(id(40))).unwrap();
    assert!(none.is_empty());
    assert_eq!(same.request_category_id, Some(id(40)));
}

#[test]
fn crafter_roles_and_notifications_toggle() {
    let settings = fresh_settings(id(9));
    let (s, c) = apply(&settings, &Edit::Crafter("enchanting".into(), Some(id(7)))).unwrap();
    assert_eq!(s.crafter_roles.get("enchanting"), Some(&id(7)));
    assert_eq!(c[0].after.in_(Texts::ENGLISH), "<@&7>");
    let (s, _) = apply(&s, &Edit::Crafter("enchanting".into(), None)).unwrap();
    assert!(s.crafter_roles.is_empty());
    let before = settings.notifications.claim;
    let (s, c) = apply(&settings, &Edit::Notify(Notification::Claim)).unwrap();
    assert_eq!(s.notifications.claim, !before);
    assert_eq!(c.len(), 1);
}

#[test]
fn permissions_follow_discords_order_and_name_what_to_grant() {
    let (guild, bot, role) = (id(1), id(2), id(3));
    let roles = [(guild, bits::VIEW_CHANNEL), (role, bits::SEND_MESSAGES)];
    let open = channel_permissions(guild, &roles, bot, &[role], &[]);
    assert_eq!(open, bits::VIEW_CHANNEL | bits::SEND_MESSAGES);
    let hidden = [Overwrite {
        id: guild,
        is_role: true,
        allow: 0,
        deny: bits::VIEW_CHANNEL,
    }];
    assert_eq!(
        channel_permissions(guild, &roles, bot, &[role], &hidden),
        bits::SEND_MESSAGES
    );
    let member = [
        hidden[0],
        Overwrite {
            id: bot,
            is_role: false,
            allow: bits::VIEW_CHANNEL,
            deny: 0,
        },
    ];
    assert_eq!(
        channel_permissions(guild, &roles, bot, &[role], &member),
        open
    );
    let admin = [(guild, bits::ADMINISTRATOR)];
    assert_eq!(
        channel_permissions(guild, &admin, bot, &[], &hidden),
        u64::MAX
    );
    let text = grant_text(
        Texts::ENGLISH,
        id(9),
        bits::EMBED_LINKS | bits::VIEW_CHANNEL,
    );
    assert!(text.contains("**View Channel**, **Embed Links**"), "{text}");
    let german = grant_text(Locale::German.texts(), id(9), bits::VIEW_CHANNEL);
    assert!(german.contains("**Kanal ansehen**"), "{german}");
}

#[test]
fn limits_are_read_and_checked() {
    let current = LimitsConfig::default();
    let ok = parse_limits(
        &[
            ("max_open".into(), " 5 ".into()),
            ("burst".into(), "2".into()),
            ("per_minute".into(), "9".into()),
        ],
        &current,
    )
    .unwrap();
    assert_eq!(
        (ok.max_open_requests, ok.submit_burst, ok.submits_per_minute),
        (5, 2, 9)
    );
    let bad = parse_limits(&[("max_open".into(), "lots".into())], &current).unwrap_err();
    assert!(bad.reply().contains("whole number"), "{bad}");
    let zero = parse_limits(&[("burst".into(), "0".into())], &current).unwrap_err();
    assert!(zero.reply().contains("between 1"), "{zero}");
}
