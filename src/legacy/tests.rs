//! Translating one legacy request: what is required, status mapping, fallbacks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

const NOW: Timestamp = Timestamp::from_millis(1_764_000_000_000);
const NOON: i64 = 1_714_564_800_000;

fn row() -> LegacyRequest {
    LegacyRequest {
        id: 7,
        user_id: Some("111".into()),
        character: Some("Thrall".into()),
        profession: Some("enchanting".into()),
        gear_slot: Some("Boots".into()),
        request_id: Some("Enchant Boots - Minor Speed".into()),
        request_name: Some("Enchant Boots - Minor Speed".into()),
        status: Some("open".into()),
        materials_json: Some(r#"{"Dream Dust": 2}"#.into()),
        provided_materials_json: Some("{}".into()),
        provides_materials: Some(1),
        quantity_requested: Some(2),
        quantity_completed: Some(0),
        created_at: Some("2024-05-01 12:00:00".into()),
        updated_at: Some("2024-05-01T12:00:00.000Z".into()),
        ..LegacyRequest::default()
    }
}

#[test]
fn an_open_request_keeps_its_fields() {
    let got = convert_request(&row(), NOW).unwrap();
    assert_eq!(got.user.get(), 111);
    assert_eq!(got.character_name, "Thrall");
    assert_eq!(got.item, "Enchant Boots - Minor Speed");
    assert_eq!((got.quantity, got.quantity_completed), (2, 0));
    assert_eq!(got.status, RequestStatus::Open);
    assert_eq!((got.created_at, got.updated_at), (NOON, NOON));
    assert_eq!(got.material_plan, r#""MemberAll""#);
    assert!(got.adjustments.is_empty());
}

#[test]
fn statuses_map_and_denied_is_a_cancellation_with_its_reason() {
    for (legacy, ours) in [
        ("open", RequestStatus::Open),
        ("claimed", RequestStatus::Claimed),
        ("in_progress", RequestStatus::InProgress),
        ("completed", RequestStatus::Completed),
        ("complete", RequestStatus::Completed),
        ("denied", RequestStatus::Cancelled),
    ] {
        assert_eq!(status_of(legacy), Some(ours), "{legacy}");
    }
    assert_eq!(status_of("lost"), None);
    let denied = LegacyRequest {
        status: Some("denied".into()),
        deny_reason: Some("Character deleted by owner".into()),
        claimed_by: Some("222".into()),
        claimed_at: Some("2024-05-01T12:00:00.000Z".into()),
        ..row()
    };
    let got = convert_request(&denied, NOW).unwrap();
    assert_eq!(got.status, RequestStatus::Cancelled);
    assert_eq!(got.reason.as_deref(), Some("Character deleted by owner"));
    assert_eq!(got.claimed_by.map(Snowflake::get), Some(222));
    assert_eq!(got.claimed_at, Some(NOON));
}

#[test]
fn rows_that_cannot_be_imported_say_why() {
    let cases = [
        (
            LegacyRequest {
                user_id: Some("nobody".into()),
                ..row()
            },
            "user_id",
        ),
        (
            LegacyRequest {
                status: Some("lost".into()),
                ..row()
            },
            "unknown status",
        ),
        (
            LegacyRequest {
                character: Some("  ".into()),
                ..row()
            },
            "character",
        ),
        (
            LegacyRequest {
                request_name: None,
                request_id: None,
                ..row()
            },
            "item",
        ),
    ];
    for (legacy, expected) in cases {
        let err = convert_request(&legacy, NOW).unwrap_err();
        assert!(err.contains(expected), "{err}");
    }
}

#[test]
fn missing_or_odd_values_fall_back_and_are_reported() {
    let odd = LegacyRequest {
        quantity_requested: None,
        quantity_completed: Some(5),
        created_at: None,
        updated_at: Some("garbage".into()),
        materials_json: Some("{broken".into()),
        status: Some("claimed".into()),
        claimed_by: Some("Jaina".into()),
        ..row()
    };
    let got = convert_request(&odd, NOW).unwrap();
    assert_eq!((got.quantity, got.quantity_completed), (1, 1));
    assert_eq!(
        (got.created_at, got.updated_at),
        (NOW.as_millis(), NOW.as_millis())
    );
    assert_eq!((got.status, got.claimed_by), (RequestStatus::Open, None));
    assert_eq!(got.materials_json, "[]");
    let reasons: Vec<&str> = got.adjustments.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(
        reasons,
        vec![
            "claimed_by is not a Discord id",
            "claimed by no known crafter; imported as open",
            "no readable created_at; dated now",
            "materials unreadable; imported without materials",
        ]
    );

    let done = LegacyRequest {
        status: Some("complete".into()),
        claimed_by: Some("333".into()),
        quantity_requested: Some(4),
        quantity_completed: None,
        ..row()
    };
    let got = convert_request(&done, NOW).unwrap();
    assert_eq!(
        (got.status, got.quantity_completed),
        (RequestStatus::Completed, 4)
    );
    assert_eq!(got.adjustments.len(), 1);
}

#[test]
fn names_longer_than_a_catalog_name_are_cut_and_reported() {
    let long = |c: char| c.to_string().repeat(2_000);
    let got = convert_request(
        &LegacyRequest {
            character: Some(long('c')),
            request_name: Some(long('i')),
            profession: Some(long('p')),
            gear_slot: Some(long('g')),
            ..row()
        },
        NOW,
    )
    .unwrap();
    for (what, value, letter) in [
        ("character name", &got.character_name, 'c'),
        ("item", &got.item, 'i'),
        ("profession", &got.profession, 'p'),
        ("gear slot", &got.gear_slot, 'g'),
    ] {
        assert_eq!(value.chars().count(), MAX_IMPORTED_NAME_CHARS, "{what}");
        assert!(value.starts_with(letter) && value.ends_with('…'), "{what}");
        assert!(
            got.adjustments
                .iter()
                .any(|(why, detail)| why.starts_with(what) && detail == "2000 characters"),
            "{what}: {:?}",
            got.adjustments
        );
    }
}

#[test]
fn names_at_the_bound_are_kept_whole() {
    let at_bound = "n".repeat(MAX_IMPORTED_NAME_CHARS);
    let got = convert_request(
        &LegacyRequest {
            character: Some(at_bound.clone()),
            request_name: Some(at_bound.clone()),
            ..row()
        },
        NOW,
    )
    .unwrap();
    assert_eq!((&got.character_name, &got.item), (&at_bound, &at_bound));
    assert!(got.adjustments.is_empty(), "{:?}", got.adjustments);
}

#[test]
fn a_long_cancellation_reason_is_cut_to_a_typed_notes_length() {
    let got = convert_request(
        &LegacyRequest {
            status: Some("denied".into()),
            deny_reason: Some("why ".repeat(1_000)),
            ..row()
        },
        NOW,
    )
    .unwrap();
    let reason = got.reason.unwrap();
    assert_eq!(reason.chars().count(), MAX_IMPORTED_REASON_CHARS);
    assert!(got
        .adjustments
        .iter()
        .any(|(why, _)| why.starts_with("reason")));
}
