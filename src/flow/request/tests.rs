#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::domain::{Snowflake, Timestamp};
use crate::flow::custom_id::CustomId;
use crate::flow::limits::{check_modal, check_screen};
use crate::flow::ui::Row;
use crate::i18n::Locale;

fn catalog() -> Catalog {
    let chest: Vec<String> = (0..30)
        .map(|n| {
            format!(
                r#"{{"name": "Enchant Chest {n:02}", "materials": ["Dust x{}", "Shard x1"]}}"#,
                n + 1
            )
        })
        .collect();
    let many: Vec<String> = (0..7).map(|n| format!(r#""Mat {n} x2""#)).collect();
    let enchanting = format!(
        r#"{{"items": {{"Chest": [{}], "Boots": [{{"name": "Enchant Boots - Speed", "materials": [{}]}}]}}}}"#,
        chest.join(","),
        many.join(",")
    );
    Catalog::from_files([("enchanting.json".to_owned(), enchanting)]).expect("valid test catalog")
}

fn key() -> SessionKey {
    SessionKey::new(
        Snowflake::new(42).expect("id"),
        Timestamp::from_millis(1_700_000_000_000),
    )
}

fn characters() -> Vec<Character> {
    vec![Character {
        id: 7,
        name: "Thrallina".to_owned(),
        main: true,
        professions: Vec::new(),
    }]
}

struct Harness {
    catalog: Catalog,
    characters: Vec<Character>,
    key: SessionKey,
    core: bool,
    texts: Texts,
}

impl Harness {
    fn new() -> Self {
        Self {
            catalog: catalog(),
            characters: characters(),
            key: key(),
            core: false,
            texts: Texts::ENGLISH,
        }
    }

    fn ctx(&self) -> Context<'_> {
        Context {
            key: &self.key,
            catalog: &self.catalog,
            characters: &self.characters,
            can_guild_craft: self.core,
            roles_known: true,
            texts: self.texts,
        }
    }

    fn apply(&self, flow: &RequestFlow, input: Input<'_>) -> Transition {
        let t = step(flow, input, &self.ctx());
        match &t.reply {
            Reply::Update(screen) => assert!(
                check_screen(screen).is_empty(),
                "{:?}",
                check_screen(screen)
            ),
            Reply::Modal(modal) => {
                assert!(check_modal(modal).is_empty(), "{:?}", check_modal(modal));
            }
            Reply::Refused(_) | Reply::Refresh => {}
            Reply::NeedsRoles => panic!("these tests know the member's roles"),
        }
        t
    }

    fn moved(&self, flow: &RequestFlow, input: Input<'_>) -> RequestFlow {
        match self.apply(flow, input) {
            Transition {
                next: Next::Save(next),
                ..
            } => next,
            other => panic!("expected a move, got {other:?}"),
        }
    }
}

fn values(v: &str) -> Vec<String> {
    vec![v.to_owned()]
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn the_whole_flow_reaches_a_draft() {
    let h = Harness::new();
    let flow = RequestFlow::start(None);
    assert_eq!(flow.current_step(), Step::Character);
    let flow = h.moved(&flow, Input::Select(Menu::Character, &values("7")));
    assert_eq!(flow.character.as_ref().and_then(|c| c.id), Some(7));
    let flow = h.moved(
        &flow,
        Input::Select(Menu::Profession, &values("enchanting")),
    );
    let flow = h.moved(&flow, Input::Select(Menu::Slot, &values("Boots")));
    let flow = h.moved(
        &flow,
        Input::Select(Menu::Item, &values("Enchant Boots - Speed")),
    );
    assert_eq!(flow.current_step(), Step::Quantity);
    let flow = h.moved(
        &flow,
        Input::Submit(
            Form::Quantity,
            &fields(&[("quantity", "3"), ("notes", " soon ")]),
        ),
    );
    assert_eq!(flow.notes, "soon");
    let flow = h.moved(&flow, Input::Click(Action::Materials(MaterialsChoice::All)));
    assert_eq!(flow.current_step(), Step::Confirm);
    let t = h.apply(&flow, Input::Click(Action::Confirm));
    let Effect::Submit(draft) = t.effect else {
        panic!("expected a submit")
    };
    assert_eq!(t.next, Next::End);
    assert_eq!(draft.quantity, 3);
    assert_eq!(draft.materials.len(), 7);
    assert!(draft
        .materials
        .iter()
        .all(|m| m.per_unit == 2 && m.needed == 6 && m.still_needed() == 0));
}

#[test]
fn more_than_25_items_are_paged() {
    let h = Harness::new();
    let mut flow = RequestFlow::start(None);
    flow.character = Some(ChosenCharacter {
        id: None,
        name: "X".to_owned(),
    });
    flow.profession = Some("enchanting".to_owned());
    flow.slot = Some("Chest".to_owned());
    let screen = render(&flow, &h.ctx());
    let options = |screen: &Screen| match &screen.rows[0] {
        Row::Select(s) => s.options.len(),
        Row::Buttons(_) | Row::Users(_) | Row::Picker(_) => 0,
    };
    assert_eq!(options(&screen), 25);
    let page2 = h.moved(&flow, Input::Click(Action::Page(1)));
    assert_eq!(options(&render(&page2, &h.ctx())), 5);
    assert!(matches!(
        h.apply(&flow, Input::Click(Action::Page(2))).reply,
        Reply::Refused(_)
    ));
    let chosen = h.moved(
        &page2,
        Input::Select(Menu::Item, &values("Enchant Chest 29")),
    );
    assert_eq!(chosen.item.as_deref(), Some("Enchant Chest 29"));
}

#[test]
fn partial_materials_take_two_modals_when_an_item_has_seven() {
    let h = Harness::new();
    let flow = RequestFlow {
        character: Some(ChosenCharacter {
            id: Some(7),
            name: "T".to_owned(),
        }),
        profession: Some("enchanting".to_owned()),
        slot: Some("Boots".to_owned()),
        item: Some("Enchant Boots - Speed".to_owned()),
        quantity: Some(Quantity::parse("2").expect("valid")),
        ..RequestFlow::default()
    };
    let flow = h.moved(
        &flow,
        Input::Click(Action::Materials(MaterialsChoice::Some)),
    );
    assert_eq!(flow.current_step(), Step::Amounts);
    let Reply::Modal(first) = h
        .apply(&flow, Input::Click(Action::Modal(Form::Amounts(0))))
        .reply
    else {
        panic!("modal")
    };
    assert_eq!(first.inputs.len(), 5);
    let Reply::Modal(second) = h
        .apply(&flow, Input::Click(Action::Modal(Form::Amounts(1))))
        .reply
    else {
        panic!("modal")
    };
    assert_eq!(second.inputs.len(), 2);
    let flow = h.moved(
        &flow,
        Input::Submit(
            Form::Amounts(0),
            &fields(&[
                ("m0", "4"),
                ("m1", "1"),
                ("m2", ""),
                ("m3", "0"),
                ("m4", "2"),
            ]),
        ),
    );
    assert_eq!(
        flow.current_step(),
        Step::Amounts,
        "page 2 is still missing"
    );
    let too_many = h.apply(
        &flow,
        Input::Submit(Form::Amounts(1), &fields(&[("m5", "5"), ("m6", "0")])),
    );
    assert!(
        matches!(too_many.reply, Reply::Refused(ref e) if e.reply().contains("0 to 4")),
        "{too_many:?}"
    );
    let flow = h.moved(
        &flow,
        Input::Submit(Form::Amounts(1), &fields(&[("m5", "4"), ("m6", "0")])),
    );
    assert_eq!(flow.current_step(), Step::Confirm);
    let lines = flow.material_lines(&h.catalog);
    assert_eq!(lines[0].provided_by_member, 4);
    assert_eq!(lines[0].still_needed(), 0);
    assert_eq!(lines[1].still_needed(), 3);
}

#[test]
fn guild_craft_needs_the_core_role_checked_at_click_time() {
    let mut h = Harness::new();
    let flow = RequestFlow {
        character: Some(ChosenCharacter {
            id: Some(7),
            name: "T".to_owned(),
        }),
        profession: Some("enchanting".to_owned()),
        slot: Some("Boots".to_owned()),
        item: Some("Enchant Boots - Speed".to_owned()),
        quantity: Some(Quantity::parse("1").expect("valid")),
        ..RequestFlow::default()
    };
    let screen = render(&flow, &h.ctx());
    assert!(
        !format!("{screen:?}").contains("Guild craft"),
        "not offered to non-core members"
    );
    let refused = h.apply(
        &flow,
        Input::Click(Action::Materials(MaterialsChoice::GuildCraft)),
    );
    assert!(matches!(refused.reply, Reply::Refused(_)) && refused.next == Next::Keep);
    h.core = true;
    assert!(format!("{:?}", render(&flow, &h.ctx())).contains("Guild craft"));
    let flow = h.moved(
        &flow,
        Input::Click(Action::Materials(MaterialsChoice::GuildCraft)),
    );
    assert!(flow
        .material_lines(&h.catalog)
        .iter()
        .all(|l| l.provided_by_guild == l.needed));
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let h = Harness::new();
    let at_quantity = RequestFlow {
        character: Some(ChosenCharacter {
            id: Some(7),
            name: "T".to_owned(),
        }),
        profession: Some("enchanting".to_owned()),
        slot: Some("Boots".to_owned()),
        item: Some("Enchant Boots - Speed".to_owned()),
        ..RequestFlow::default()
    };
    let huge_notes = "🐉".repeat(4_000);
    for bad in [
        Input::Submit(Form::Quantity, &fields(&[("quantity", "0"), ("notes", "")])),
        Input::Submit(
            Form::Quantity,
            &fields(&[("quantity", "1001"), ("notes", "")]),
        ),
        Input::Submit(
            Form::Quantity,
            &fields(&[("quantity", "1"), ("notes", &huge_notes)]),
        ),
        Input::Select(Menu::Item, &values("No Such Item")),
        Input::Select(Menu::Profession, &values("enchanting")),
        Input::Click(Action::Confirm),
    ] {
        let t = h.apply(&at_quantity, bad);
        assert_eq!(t.next, Next::Keep, "{bad:?}");
        assert!(matches!(t.reply, Reply::Refused(_)), "{bad:?}");
    }
    let start = RequestFlow::start(None);
    let t = h.apply(
        &start,
        Input::Submit(
            Form::CharacterName,
            &fields(&[("name", &"x".repeat(4_000))]),
        ),
    );
    assert!(matches!(t.reply, Reply::Refused(_)));
    let t = h.apply(&start, Input::Select(Menu::Character, &values("999")));
    assert!(matches!(t.reply, Reply::Refused(_)));
}

/// Issue 14, item 9f: a replayed "register a character" form at the Character step is
/// refused once the member has the most characters there may be (the view no longer offers
/// the form then; the store refuses the insert too).
#[test]
fn registering_a_character_from_the_request_flow_stops_at_the_cap() {
    let mut h = Harness::new();
    let start = RequestFlow::start(None);
    let form = fields(&[("name", "Newcomer")]);
    let t = h.apply(&start, Input::Submit(Form::RegisterCharacter, &form));
    assert!(
        matches!(t.effect, Effect::RegisterCharacter(_)),
        "below the cap: {t:?}"
    );

    h.characters = (0..crate::domain::MAX_CHARACTERS)
        .map(|n| Character {
            id: i64::try_from(n).unwrap() + 1,
            name: format!("Alt {n}"),
            main: n == 0,
            professions: Vec::new(),
        })
        .collect();
    let t = h.apply(&start, Input::Submit(Form::RegisterCharacter, &form));
    assert_eq!(t.next, Next::Keep);
    let Reply::Refused(refusal) = &t.reply else {
        panic!("expected a refusal, got {t:?}");
    };
    let text = refusal.reply();
    assert!(
        text.contains("at most 25 characters") && text.contains("Remove one"),
        "{text}"
    );
}

#[test]
fn back_and_edit_only_clear_answers() {
    let h = Harness::new();
    let done = RequestFlow {
        character: Some(ChosenCharacter {
            id: Some(7),
            name: "T".to_owned(),
        }),
        profession: Some("enchanting".to_owned()),
        slot: Some("Boots".to_owned()),
        item: Some("Enchant Boots - Speed".to_owned()),
        quantity: Some(Quantity::parse("1").expect("valid")),
        notes: "n".to_owned(),
        plan: Some(Plan::MemberAll),
        page: 0,
        core_hint: None,
    };
    assert_eq!(
        h.moved(&done, Input::Click(Action::Back)).current_step(),
        Step::Materials
    );
    let edited = h.moved(&done, Input::Click(Action::Edit));
    assert_eq!(edited.current_step(), Step::Profession);
    assert_eq!(edited.quantity, done.quantity);
    assert_eq!(edited.notes, "n");
    let cancelled = h.apply(&done, Input::Click(Action::Cancel));
    assert_eq!(
        (cancelled.next, cancelled.effect),
        (Next::End, Effect::Cancelled)
    );
}

#[test]
fn the_fast_path_skips_the_catalog_steps() {
    let h = Harness::new();
    let flow = RequestFlow::start(Some(("enchanting", "Boots", "Enchant Boots - Speed")));
    let flow = h.moved(&flow, Input::Select(Menu::Character, &values("7")));
    assert_eq!(flow.current_step(), Step::Quantity);
}

#[test]
fn every_screen_carries_ids_of_its_own_session() {
    let h = Harness::new();
    let screen = render(&RequestFlow::start(None), &h.ctx());
    for row in &screen.rows {
        let ids: Vec<&str> = match row {
            Row::Buttons(b) => b.iter().map(|b| b.custom_id.as_str()).collect(),
            Row::Select(s) => vec![s.custom_id.as_str()],
            Row::Users(u) => vec![u.custom_id.as_str()],
            Row::Picker(p) => vec![p.custom_id.as_str()],
        };
        for id in ids {
            assert!(
                matches!(CustomId::parse(id), Ok(CustomId::Flow { ref key, .. }) if *key == h.key),
                "{id}"
            );
        }
    }
}

#[test]
fn without_the_members_roles_a_step_that_depends_on_them_asks_for_them() {
    let h = Harness::new();
    let at_materials = RequestFlow {
        character: Some(ChosenCharacter {
            id: Some(7),
            name: "T".to_owned(),
        }),
        profession: Some("enchanting".to_owned()),
        slot: Some("Boots".to_owned()),
        item: Some("Enchant Boots - Speed".to_owned()),
        quantity: Some(Quantity::parse("1").expect("valid")),
        ..RequestFlow::default()
    };
    let unknown = Context {
        roles_known: false,
        ..h.ctx()
    };
    // Choosing a guild craft is checked against the roles as they are now, hint or not.
    for hint in [None, Some(true)] {
        let flow = RequestFlow {
            core_hint: hint,
            ..at_materials.clone()
        };
        let asked = step(
            &flow,
            Input::Click(Action::Materials(MaterialsChoice::GuildCraft)),
            &unknown,
        );
        assert_eq!((asked.reply, asked.next), (Reply::NeedsRoles, Next::Keep));
    }
    // Reaching the materials screen (Back from the summary) without a hint needs them; with
    // the hint from the guild it does not, and nor does a step that shows no materials.
    let done = RequestFlow {
        plan: Some(Plan::MemberAll),
        ..at_materials.clone()
    };
    let back = step(&done, Input::Click(Action::Back), &unknown);
    assert_eq!(back.reply, Reply::NeedsRoles);
    let hinted = RequestFlow {
        core_hint: Some(false),
        ..done.clone()
    };
    let back = step(&hinted, Input::Click(Action::Back), &unknown);
    assert!(matches!(back.reply, Reply::Update(_)), "{back:?}");
    let edit = step(&done, Input::Click(Action::Edit), &unknown);
    assert!(matches!(edit.reply, Reply::Update(_)), "{edit:?}");
    // With the roles known, the same steps answer at once.
    let known = step(&done, Input::Click(Action::Back), &h.ctx());
    assert!(matches!(known.reply, Reply::Update(_)), "{known:?}");
}

/// The flow's screens and forms as a member of each language reads them: every step,
/// both modal kinds, the summary and the receipt fit Discord's limits.
#[test]
fn every_step_fits_discords_limits_in_every_language() {
    for locale in Locale::ALL {
        let h = Harness {
            texts: locale.texts(),
            core: true,
            ..Harness::new()
        };
        let no_characters = Harness {
            characters: Vec::new(),
            ..Harness {
                texts: locale.texts(),
                ..Harness::new()
            }
        };
        let start = RequestFlow::start(None);
        let screen = render(&start, &no_characters.ctx());
        assert!(
            check_screen(&screen).is_empty(),
            "{locale}: {:?}",
            check_screen(&screen)
        );
        for form in [Form::CharacterName, Form::RegisterCharacter] {
            no_characters.apply(&start, Input::Click(Action::Modal(form)));
        }
        let flow = h.moved(&start, Input::Select(Menu::Character, &values("7")));
        let flow = h.moved(
            &flow,
            Input::Select(Menu::Profession, &values("enchanting")),
        );
        let chest = h.moved(&flow, Input::Select(Menu::Slot, &values("Chest")));
        h.moved(&chest, Input::Click(Action::Page(1)));
        let flow = h.moved(&flow, Input::Select(Menu::Slot, &values("Boots")));
        let flow = h.moved(
            &flow,
            Input::Select(Menu::Item, &values("Enchant Boots - Speed")),
        );
        h.apply(&flow, Input::Click(Action::Modal(Form::Quantity)));
        let flow = h.moved(
            &flow,
            Input::Submit(
                Form::Quantity,
                &fields(&[("quantity", "1000"), ("notes", "n")]),
            ),
        );
        let some = h.moved(
            &flow,
            Input::Click(Action::Materials(MaterialsChoice::Some)),
        );
        h.apply(&some, Input::Click(Action::Modal(Form::Amounts(0))));
        h.apply(&some, Input::Click(Action::Modal(Form::Amounts(1))));
        let flow = h.moved(
            &flow,
            Input::Click(Action::Materials(MaterialsChoice::GuildCraft)),
        );
        let Effect::Submit(draft) = h.apply(&flow, Input::Click(Action::Confirm)).effect else {
            panic!("{locale}: expected a submit")
        };
        for link in [None, Some("<#123456789012345678>")] {
            let done = receipt(&draft, 99_999, link, &h.ctx());
            assert!(
                check_screen(&done).is_empty(),
                "{locale}: {:?}",
                check_screen(&done)
            );
        }
    }
}

#[test]
fn a_german_member_reads_german_steps_and_refusals() {
    let h = Harness {
        texts: Locale::German.texts(),
        ..Harness::new()
    };
    let screen = render(&RequestFlow::start(None), &h.ctx());
    assert!(
        screen
            .content
            .starts_with("**Neue Anfrage** · Schritt 1 von 7 · Für wen ist diese Anfrage?"),
        "{}",
        screen.content
    );
    let flow = h.moved(
        &RequestFlow::start(None),
        Input::Select(Menu::Character, &values("7")),
    );
    let flow = h.moved(
        &flow,
        Input::Select(Menu::Profession, &values("enchanting")),
    );
    let flow = h.moved(&flow, Input::Select(Menu::Slot, &values("Chest")));
    let Reply::Refused(refusal) = h
        .apply(&flow, Input::Select(Menu::Item, &values("Nope")))
        .reply
    else {
        panic!("refused")
    };
    assert_eq!(
        refusal.reply_in(h.texts),
        "Dieser Gegenstand ist nicht mehr im Katalog. Wähle einen anderen."
    );
    let flow = h.moved(
        &flow,
        Input::Select(Menu::Item, &values("Enchant Chest 00")),
    );
    let Reply::Refused(refusal) = h
        .apply(
            &flow,
            Input::Submit(Form::Quantity, &fields(&[("quantity", "zwei")])),
        )
        .reply
    else {
        panic!("refused")
    };
    assert_eq!(
        refusal.reply_in(h.texts),
        "Die Menge muss eine ganze Zahl von 1 bis 1000 sein."
    );
    assert_eq!(
        refusal.reply(),
        "The quantity must be a whole number from 1 to 1000.",
        "the same refusal, worded for an English reader"
    );
}

#[test]
fn catalog_names_show_in_the_members_language_and_values_stay_the_guilds() {
    let file = r#"{
      "names": {"de": "Verzauberkunst"},
      "slot_names": {"Boots": {"de": "Stiefel"}},
      "items": {"Boots": [
        {"name": "Enchant Boots - Speed", "names": {"de": "Stiefel - Tempo"}, "materials": ["Dust x2"]},
        {"name": "Enchant Boots - Stamina", "materials": ["Dust x1"]}
      ]}
    }"#;
    let catalog =
        Catalog::from_files([("enchanting.json".to_owned(), file.to_owned())]).expect("valid");
    let h = Harness {
        catalog,
        texts: Locale::German.texts(),
        ..Harness::new()
    };
    let select = |screen: &Screen| match &screen.rows[0] {
        Row::Select(s) => s
            .options
            .iter()
            .map(|o| (o.label.clone(), o.value.clone()))
            .collect::<Vec<_>>(),
        _ => panic!("a menu first"),
    };
    let flow = h.moved(
        &RequestFlow::start(None),
        Input::Select(Menu::Character, &values("7")),
    );
    let professions = select(&render(&flow, &h.ctx()));
    assert_eq!(
        professions,
        [("Verzauberkunst".to_owned(), "enchanting".to_owned())]
    );
    let flow = h.moved(
        &flow,
        Input::Select(Menu::Profession, &values("enchanting")),
    );
    assert_eq!(
        select(&render(&flow, &h.ctx())),
        [("Stiefel".to_owned(), "Boots".to_owned())]
    );
    let flow = h.moved(&flow, Input::Select(Menu::Slot, &values("Boots")));
    assert_eq!(
        select(&render(&flow, &h.ctx())),
        [
            (
                "Stiefel - Tempo".to_owned(),
                "Enchant Boots - Speed".to_owned()
            ),
            (
                "Enchant Boots - Stamina".to_owned(),
                "Enchant Boots - Stamina".to_owned()
            ),
        ],
        "a name the catalog does not translate is the guild's"
    );
    let flow = h.moved(
        &flow,
        Input::Select(Menu::Item, &values("Enchant Boots - Speed")),
    );
    assert_eq!(
        flow.item.as_deref(),
        Some("Enchant Boots - Speed"),
        "stored as the guild's"
    );
    let card = render(&flow, &h.ctx()).card.expect("summary");
    assert!(
        card.fields
            .iter()
            .any(|(k, v)| k == "Gegenstand" && v == r"Verzauberkunst › Stiefel › Stiefel \- Tempo"),
        "{:?}",
        card.fields
    );
    // An English reader of the same flow reads the guild's names.
    let english = Harness {
        texts: Texts::ENGLISH,
        ..h
    };
    let card = render(&flow, &english.ctx()).card.expect("summary");
    assert!(
        card.fields
            .iter()
            .any(|(k, v)| k == "Item" && v == r"Enchanting › Boots › Enchant Boots \- Speed"),
        "{:?}",
        card.fields
    );
}
