//! Guild settings set in Discord: compare-and-swap saves (two admins at once: one wins,
//! nothing of the other's is kept), every change recorded, and uploaded catalogs.

use std::time::Duration;

use craftdesk::domain::Timestamp;
use craftdesk::store::{SettingChange, StoreError, StoredCatalog};

use super::{id, Harness, T0};

fn at(secs: u64) -> Timestamp {
    T0.saturating_add(Duration::from_secs(secs))
}

fn change(setting: &str, before: &str, after: &str) -> Vec<SettingChange> {
    vec![SettingChange {
        setting: setting.to_owned(),
        before: before.to_owned(),
        after: after.to_owned(),
    }]
}

pub async fn settings_save_with_cas_and_every_change_is_recorded(h: Harness) {
    let (store, g, admin, other) = (&h.store, id(900), id(1), id(2));
    assert_eq!(store.guild_settings(g).await.unwrap(), None);
    let v1 = store
        .save_guild_settings(
            g,
            0,
            r#"{"a":1}"#.into(),
            change("mode", "not set", "dm"),
            admin,
            at(1),
        )
        .await
        .unwrap();
    assert_eq!(v1, 1);
    // A second first save (another admin who also saw no settings) loses.
    let lost = store
        .save_guild_settings(
            g,
            0,
            r#"{"a":2}"#.into(),
            change("mode", "not set", "channel"),
            other,
            at(2),
        )
        .await;
    assert!(matches!(lost, Err(StoreError::Conflict { .. })), "{lost:?}");
    let v2 = store
        .save_guild_settings(
            g,
            1,
            r#"{"a":3}"#.into(),
            change("log channel", "none", "#log"),
            other,
            at(3),
        )
        .await
        .unwrap();
    assert_eq!(v2, 2);
    // A save from a stale view loses and changes nothing.
    let stale = store
        .save_guild_settings(
            g,
            1,
            r#"{"a":4}"#.into(),
            change("mode", "dm", "channel"),
            admin,
            at(4),
        )
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );

    let saved = store.guild_settings(g).await.unwrap().expect("saved");
    assert_eq!(saved.settings_json, r#"{"a":3}"#);
    assert_eq!(
        (saved.version, saved.updated_by, saved.updated_at),
        (2, other, at(3))
    );
    assert_eq!(store.guild_settings(id(901)).await.unwrap(), None);
    let all = store.all_guild_settings().await.unwrap();
    assert_eq!(all.len(), 1);

    let changes = store.settings_changes(g, 10).await.unwrap();
    let summary: Vec<_> = changes
        .iter()
        .map(|c| {
            (
                c.user_id,
                c.changed_at,
                c.change.setting.as_str(),
                c.change.before.as_str(),
                c.change.after.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (other, at(3), "log channel", "none", "#log"),
            (admin, at(1), "mode", "not set", "dm"),
        ]
    );
    assert_eq!(store.settings_changes(g, 1).await.unwrap().len(), 1);
}

pub async fn concurrent_settings_saves_have_one_winner(h: Harness) {
    let (store, g) = (h.store.clone(), id(900));
    let tasks: Vec<_> = (1..=20u64)
        .map(|n| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .save_guild_settings(
                        g,
                        0,
                        format!("{{\"n\":{n}}}"),
                        change("mode", "-", &n.to_string()),
                        id(n),
                        at(n),
                    )
                    .await
            })
        })
        .collect();
    let mut won = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => won += 1,
            Err(StoreError::Conflict { .. }) => {}
            Err(err) => panic!("{err}"),
        }
    }
    assert_eq!(won, 1);
    assert_eq!(
        store.settings_changes(g, 100).await.unwrap().len(),
        1,
        "only the winner's change is recorded"
    );
}

pub async fn uploaded_catalogs_are_kept_per_guild_and_profession(h: Harness) {
    let (store, g) = (&h.store, id(900));
    let catalog = |json: &str, secs| StoredCatalog {
        profession: "enchanting".into(),
        catalog_json: json.into(),
        uploaded_at: at(secs),
        uploaded_by: id(7),
    };
    store
        .put_guild_catalog(g, catalog("{\"v\":1}", 1))
        .await
        .unwrap();
    store
        .put_guild_catalog(g, catalog("{\"v\":2}", 2))
        .await
        .unwrap();
    let kept = store.guild_catalogs(g).await.unwrap();
    assert_eq!(kept, [catalog("{\"v\":2}", 2)]);
    assert!(store.guild_catalogs(id(901)).await.unwrap().is_empty());
    assert!(store
        .delete_guild_catalog(g, "enchanting".into())
        .await
        .unwrap());
    assert!(!store
        .delete_guild_catalog(g, "enchanting".into())
        .await
        .unwrap());
    assert!(store.guild_catalogs(g).await.unwrap().is_empty());
}
