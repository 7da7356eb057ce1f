//! The `craftdesk` binary's commands: check-config and migrate.

use std::process::Command;

const TOKEN: &str = "Nzk5.super-secret-token.abc";

pub(crate) fn craftdesk() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_craftdesk"));
    command.env_remove("DISCORD_TOKEN").env_remove("RUST_LOG");
    command
}

pub(crate) fn write_config(dir: &tempfile::TempDir, extra: &str) -> std::path::PathBuf {
    let path = dir.path().join("config.toml");
    let db = dir.path().join("data/craftdesk.sqlite");
    std::fs::write(
        &path,
        format!(
            "[discord]\ntoken = \"{TOKEN}\"\n[database]\npath = \"{}\"\n{extra}\n[[guild]]\nid = 1\nmode = \"dm\"\n",
            db.display()
        ),
    )
    .unwrap();
    path
}

#[test]
fn check_config_prints_the_effective_config_with_the_token_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(&dir, "");
    let out = craftdesk()
        .arg("check-config")
        .arg("--config")
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("token = \"[redacted]\""), "{stdout}");
    assert!(
        stdout.contains("ttl = \"1day\""),
        "defaults are shown: {stdout}"
    );
    assert!(!stdout.contains(TOKEN) && !stderr.contains(TOKEN));
}

#[test]
fn check_config_exits_1_listing_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(
        &dir,
        "[sessions]\nttl = \"never\"\nmax_open_per_user = 0\n[cleanup]\nbatch = 3\n",
    );
    let out = craftdesk()
        .arg("check-config")
        .arg("--config")
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("sessions.ttl"), "{stderr}");
    assert!(stderr.contains("cleanup"), "{stderr}");
    assert!(stderr.contains("batch"), "{stderr}");
    assert!(!stderr.contains(TOKEN));
}

#[test]
fn a_missing_config_file_is_explained() {
    let out = craftdesk()
        .args(["check-config", "--config", "/nonexistent/craftdesk.toml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("cannot read the configuration file"),
        "{stderr}"
    );
}

#[test]
fn migrate_creates_the_database_and_prints_the_schema_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_config(&dir, "");
    for _ in 0..2 {
        let out = craftdesk()
            .arg("migrate")
            .arg("--config")
            .arg(&path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let latest = craftdesk::store::latest_version();
        assert!(
            stdout.contains(&format!("schema version {latest}")),
            "{stdout}"
        );
    }
    assert!(dir.path().join("data/craftdesk.sqlite").exists());
}
