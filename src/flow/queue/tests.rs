//! The `/requests` flow's steps and tabs, rendered and checked against Discord's limits.

use super::*;
use crate::flow::limits::check_screen;
use crate::flow::limits::MAX_OPTION_LABEL;
use crate::flow::step::{Next, Reply};

fn line(name: &str, needed: u32, member: u32) -> MaterialLine {
    MaterialLine {
        name: name.to_owned(),
        per_unit: 1,
        needed,
        provided_by_member: member,
        provided_by_guild: 0,
        handed_over: 0,
    }
}

fn item(
    number: u32,
    character: &str,
    completed: u32,
    claimed_by: u64,
    materials: Vec<MaterialLine>,
) -> QueueItem {
    QueueItem {
        number,
        profession: "enchanting".to_owned(),
        item: format!("Item {number}"),
        quantity: 4,
        quantity_completed: completed,
        status: RequestStatus::Claimed,
        character: character.to_owned(),
        claimed_by: Some(Snowflake::from_discord(claimed_by)),
        materials_icon: "🔶",
        materials,
        created_at: Timestamp::from_millis(0),
        reason: None,
    }
}

#[test]
fn my_work_adds_up_what_is_still_needed_for_what_is_left_to_craft() {
    let key = SessionKey::new(Snowflake::from_discord(9), Timestamp::from_millis(1));
    let requests = vec![
        item(
            1,
            "Ann",
            0,
            7,
            vec![line("Dust", 8, 4), line("Shard", 4, 0)],
        ),
        // Half crafted already: only half of what is missing still counts.
        item(2, "Bob", 2, 7, vec![line("Dust", 8, 0)]),
        // Someone else's work is not on my list.
        item(3, "Cy", 0, 8, vec![line("Dust", 100, 0)]),
    ];
    let professions = vec!["enchanting".to_owned()];
    let ctx = Context {
        key: &key,
        viewer: Snowflake::from_discord(7),
        roles_known: true,
        officer: false,
        professions: &professions,
        requests: &requests,
        closed: &[],
        audit: &[],
        audit_total: 0,
        now: Timestamp::from_millis(0),
        texts: crate::i18n::Texts::ENGLISH,
    };
    let screen = render(
        &QueueFlow {
            tab: QueueTab::Work,
            ..QueueFlow::default()
        },
        &ctx,
    );
    let card = screen.card.expect("card");
    let total = &card.fields[0].1;
    assert!(
        total.contains("Dust ×8") && total.contains("Shard ×4"),
        "{total}"
    );
    assert!(
        card.fields
            .iter()
            .any(|(name, value)| name == "For Bob" && value.contains("Dust ×4")),
        "{:?}",
        card.fields
    );
    assert!(!card.description.contains("#3"));
}

fn ctx_with<'a>(
    key: &'a SessionKey,
    professions: &'a [String],
    requests: &'a [QueueItem],
    closed: &'a [QueueItem],
    audit: &'a [AuditLine],
    audit_total: u64,
) -> Context<'a> {
    Context {
        key,
        viewer: Snowflake::from_discord(7),
        roles_known: true,
        officer: true,
        professions,
        requests,
        closed,
        audit,
        audit_total,
        now: Timestamp::from_millis(0),
        texts: crate::i18n::Texts::ENGLISH,
    }
}

#[test]
fn complete_all_names_a_character_longer_than_a_menu_value_by_its_first_request() {
    let key = SessionKey::new(Snowflake::from_discord(9), Timestamp::from_millis(1));
    let long = "x".repeat(2_000);
    let requests = vec![
        item(5, &long, 0, 7, Vec::new()),
        item(2, &long, 0, 7, Vec::new()),
    ];
    let professions = vec!["enchanting".to_owned()];
    let ctx = ctx_with(&key, &professions, &requests, &[], &[], 0);
    let flow = QueueFlow {
        tab: QueueTab::Work,
        ..QueueFlow::default()
    };
    let screen = render(&flow, &ctx);
    assert_eq!(check_screen(&screen), Vec::<String>::new());
    let finish = screen
        .rows
        .iter()
        .find_map(|r| match r {
            Row::Select(s) if s.placeholder.starts_with("Complete all") => Some(s),
            _ => None,
        })
        .expect("the menu");
    let [option] = finish.options.as_slice() else {
        panic!("one character: {:?}", finish.options);
    };
    assert_eq!(option.value, "2");
    assert_eq!(option.label.chars().count(), MAX_OPTION_LABEL);
    let (_, effect) = decided(
        &flow,
        Action::Select(Menu::QueueFinish),
        &["2".to_owned()],
        None,
        &ctx,
    )
    .expect("finish");
    assert_eq!(effect, Effect::FinishFor(2));
}

#[test]
fn my_work_offers_release_and_complete_for_a_character_and_shows_what_to_collect() {
    let key = SessionKey::new(Snowflake::from_discord(9), Timestamp::from_millis(1));
    let mut dust = line("Dust", 8, 6);
    dust.handed_over = 2;
    let requests = vec![
        item(1, "Ann", 0, 7, vec![dust]),
        item(2, "Ann", 0, 7, Vec::new()),
        item(3, "Bob", 0, 7, Vec::new()),
    ];
    let mut gone = item(4, "Cy", 0, 7, Vec::new());
    gone.status = RequestStatus::Cancelled;
    gone.reason = Some("changed my mind".to_owned());
    let professions = vec!["enchanting".to_owned()];
    let closed = [gone];
    let ctx = ctx_with(&key, &professions, &requests, &closed, &[], 0);
    let flow = QueueFlow {
        tab: QueueTab::Work,
        ..QueueFlow::default()
    };
    let screen = render(&flow, &ctx);
    assert!(
        check_screen(&screen).is_empty(),
        "{:?}",
        check_screen(&screen)
    );
    let card = screen.card.as_ref().expect("card");
    let field = |name: &str| {
        card.fields
            .iter()
            .find(|(n, _)| n.contains(name))
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert!(field("collect").contains("Dust ×4"), "{:?}", card.fields);
    assert!(
        field("Recently cancelled").contains("#4")
            && field("Recently cancelled").contains("changed my mind")
    );
    let selects: Vec<&Select> = screen
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Select(s) => Some(s),
            _ => None,
        })
        .collect();
    assert_eq!(selects[0].options.len(), 3, "release any of my three");
    let characters: Vec<(&str, &str)> = selects[1]
        .options
        .iter()
        .map(|o| (o.label.as_str(), o.value.as_str()))
        .collect();
    assert_eq!(
        characters,
        vec![("Ann", "1"), ("Bob", "3")],
        "each character by its first request"
    );
    let (_, effect) = decided(
        &flow,
        Action::Select(Menu::QueueFinish),
        &["1".to_owned()],
        None,
        &ctx,
    )
    .expect("finish");
    assert_eq!(effect, Effect::FinishFor(1));
    assert!(decided(
        &flow,
        Action::Select(Menu::QueueFinish),
        &["Ann".to_owned()],
        None,
        &ctx
    )
    .is_err());
    let (_, effect) = decided(
        &flow,
        Action::Select(Menu::QueueRelease),
        &["1".to_owned(), "3".to_owned()],
        None,
        &ctx,
    )
    .expect("release");
    assert_eq!(effect, Effect::Release(vec![1, 3]));
    assert!(decided(
        &flow,
        Action::Select(Menu::QueueRelease),
        &["x".to_owned()],
        None,
        &ctx
    )
    .is_err());
}

#[test]
fn the_audit_log_pages_and_searches_for_officers_only() {
    let key = SessionKey::new(Snowflake::from_discord(9), Timestamp::from_millis(1));
    let professions = vec!["enchanting".to_owned()];
    let lines: Vec<AuditLine> = (0..10)
        .map(|n| AuditLine {
            number: n,
            item: "<@&1> Boots".to_owned(),
            character: "Ann".to_owned(),
            actor: Snowflake::from_discord(7),
            action: "partially_completed".to_owned(),
            note: Some("x".repeat(400)),
            at: Timestamp::from_millis(1_700_000_000_000),
        })
        .collect();
    let ctx = ctx_with(&key, &professions, &[], &[], &lines, 35);
    let flow = QueueFlow::default();
    let (audit, _) = decided(&flow, Action::Queue(QueueTab::Audit), &[], None, &ctx).expect("tab");
    let (audit, _) = decided(&audit, Action::Page(3), &[], None, &ctx).expect("page");
    let screen = render(&audit, &ctx);
    assert!(
        check_screen(&screen).is_empty(),
        "{:?}",
        check_screen(&screen)
    );
    assert!(
        screen.content.contains("35 events · page 4 of 4"),
        "{}",
        screen.content
    );
    let card = screen.card.as_ref().expect("card");
    assert!(card.description.contains("partially completed by <@7>"));
    assert!(card.description.contains("<t:1700000000:f>"));
    assert!(!card.description.contains("<@&1>"), "mentions are defused");
    let ask = super::step(&audit, Input::Click(Action::Modal(Form::AuditSearch)), &ctx);
    let Reply::Modal(form) = &ask.reply else {
        panic!("the search form opens: {ask:?}");
    };
    assert_eq!(form.inputs.len(), 1);
    assert_eq!(ask.next, Next::Keep);
    let (searching, _) = decided(
        &audit,
        Action::Modal(Form::AuditSearch),
        &[],
        Some("  ann "),
        &ctx,
    )
    .expect("search");
    assert_eq!(
        (searching.search.as_deref(), searching.page),
        (Some("ann"), 0)
    );
    let (cleared, _) = decided(
        &searching,
        Action::Modal(Form::AuditSearch),
        &[],
        Some(""),
        &ctx,
    )
    .expect("clear");
    assert_eq!(cleared.search, None);
    assert!(decided(
        &audit,
        Action::Modal(Form::AuditSearch),
        &[],
        Some(&"a".repeat(65)),
        &ctx
    )
    .is_err());
    let crafter = Context {
        officer: false,
        ..ctx_with(&key, &professions, &[], &[], &lines, 35)
    };
    assert!(decided(&flow, Action::Queue(QueueTab::Audit), &[], None, &crafter).is_err());
    assert!(decided(
        &flow,
        Action::Modal(Form::AuditSearch),
        &[],
        Some("a"),
        &crafter
    )
    .is_err());
}

/// A step as these tests were first written: (action, picked values, typed text), the
/// decision as the next state and effect, or the refusal.
fn decided(
    flow: &QueueFlow,
    action: Action,
    values: &[String],
    typed: Option<&str>,
    ctx: &Context<'_>,
) -> Result<(QueueFlow, Effect), Refusal> {
    let fields = typed.map(|t| vec![("text".to_owned(), t.to_owned())]);
    let input = match (action, &fields) {
        (Action::Modal(form), Some(fields)) => Input::Submit(form, fields),
        (Action::Select(menu), _) => Input::Select(menu, values),
        (action, _) => Input::Click(action),
    };
    let t = super::step(flow, input, ctx);
    match (t.next, t.reply) {
        (_, Reply::Refused(refusal)) => Err(refusal),
        (Next::Save(next), Reply::Refresh) => Ok((next, t.effect)),
        (next, reply) => panic!("unexpected {next:?} {reply:?}"),
    }
}

/// Issue 18: every tab and form of the queue, in every shipped language, within Discord's
/// limits; and worded in the viewer's language (nothing English left in German).
#[test]
#[allow(clippy::too_many_lines)] // the data, then every tab and form in every language
fn every_tab_and_form_fits_discords_limits_in_every_language() {
    use crate::flow::limits::check_modal;
    use crate::i18n::Locale;
    let key = SessionKey::new(Snowflake::from_discord(9), Timestamp::from_millis(1));
    let professions = vec!["enchanting".to_owned()];
    let requests: Vec<QueueItem> = (1..=30)
        .map(|n| {
            // Five characters, each with a long name and a long material.
            let character = format!("{}{}", "Ann".repeat(40), n % 5);
            let mut r = item(n, &character, 1, 7, vec![line(&"Dust".repeat(60), 8, 4)]);
            r.item = "Boots".repeat(60);
            r.status = if n % 2 == 0 {
                RequestStatus::Open
            } else {
                RequestStatus::Claimed
            };
            r
        })
        .collect();
    let mut closed = requests[..3].to_vec();
    for r in &mut closed {
        r.status = RequestStatus::Cancelled;
        r.reason = Some("why ".repeat(100));
    }
    let audit: Vec<AuditLine> = (0..10)
        .map(|n| AuditLine {
            number: n,
            item: "Boots".repeat(60),
            character: "Ann".repeat(40),
            actor: Snowflake::from_discord(7),
            action: if n % 2 == 0 {
                "partially_completed"
            } else {
                "some_future_event"
            }
            .to_owned(),
            note: Some("x".repeat(400)),
            at: Timestamp::from_millis(1_700_000_000_000),
        })
        .collect();
    for locale in Locale::ALL {
        let ctx = Context {
            texts: locale.texts(),
            now: Timestamp::from_millis(3 * 86_400_000),
            ..ctx_with(&key, &professions, &requests, &closed, &audit, 35)
        };
        for tab in [
            QueueTab::Open,
            QueueTab::Mine,
            QueueTab::All,
            QueueTab::Work,
            QueueTab::Overview,
            QueueTab::Audit,
        ] {
            let flow = QueueFlow {
                tab,
                search: Some("Ann".to_owned()),
                ..QueueFlow::default()
            };
            let screen = render(&flow, &ctx);
            assert_eq!(
                check_screen(&screen),
                Vec::<String>::new(),
                "{locale} {tab:?}"
            );
            if locale == Locale::German && tab == QueueTab::Open {
                assert!(
                    screen
                        .content
                        .starts_with("**Anfragen** · 15 für alle deine Berufe"),
                    "{}",
                    screen.content
                );
                let labels: Vec<&str> = screen
                    .rows
                    .iter()
                    .filter_map(|row| match row {
                        Row::Buttons(buttons) => Some(buttons),
                        _ => None,
                    })
                    .flatten()
                    .map(|b| b.label.as_str())
                    .collect();
                assert_eq!(
                    labels[..6],
                    [
                        "Offen",
                        "Von mir beansprucht",
                        "Alle ausstehenden",
                        "Meine Arbeit",
                        "Übersicht",
                        "Protokoll"
                    ]
                );
                let card = screen.card.as_ref().expect("card");
                assert!(
                    card.description.contains("vor 3 Tagen"),
                    "{}",
                    card.description
                );
            }
            if locale == Locale::German && tab == QueueTab::Audit {
                let card = screen.card.as_ref().expect("card");
                assert!(
                    card.description
                        .contains("teilweise abgeschlossen von <@7>")
                        && card.description.contains("some future event von <@7>"),
                    "{}",
                    card.description
                );
            }
        }
        for form in [Form::AuditSearch, Form::FindRequest] {
            let asked = super::step(
                &QueueFlow::default(),
                Input::Click(Action::Modal(form)),
                &ctx,
            );
            let Reply::Modal(modal) = &asked.reply else {
                panic!("{locale}: {form:?} opens a form: {asked:?}");
            };
            assert_eq!(
                check_modal(modal),
                Vec::<String>::new(),
                "{locale} {form:?}"
            );
        }
    }
}
