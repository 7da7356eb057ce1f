//! The operations endpoint end to end: `/metrics` after a real flow, and `/healthz` as the
//! gateway comes and goes.

use std::net::SocketAddr;
use std::time::Duration;

use discord_emulator::Fault;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::request_flow::{open_flow, walk_to_confirm};
use crate::support::{eventually, spawn_app_with, Options, TestApp};

async fn app_with_metrics() -> TestApp {
    spawn_app_with(Options {
        metrics_addr: Some("127.0.0.1:0"),
        ..Options::default()
    })
    .await
}

/// A plain HTTP/1.1 GET: the status code and the body.
async fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr)
        .await
        .expect("the endpoint accepts");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("sent");
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.expect("read");
    let (head, body) = raw.split_once("\r\n\r\n").expect("an HTTP response");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    (status, body.to_owned())
}

/// The value of the sample `name` (with its labels exactly as rendered), if present.
fn sample(text: &str, name: &str) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
}

/// The sum of every sample of `name` (whatever its labels).
fn total(text: &str, name: &str) -> f64 {
    text.lines()
        .filter(|l| l.starts_with(name) && l[name.len()..].starts_with(['{', ' ']))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

/// Scrapes `/metrics` until `ready` holds for the text (the bot may still be finishing the
/// last interaction after its answer reached the member), or fails with the last text.
async fn scrape_until(addr: SocketAddr, what: &str, ready: impl Fn(&str) -> bool) -> String {
    eventually(Duration::from_secs(5), async || {
        let (status, text) = get(addr, "/metrics").await;
        assert_eq!(status, 200, "{text}");
        if ready(&text) {
            Ok(text)
        } else {
            Err(format!("{what}: not seen in /metrics\n{text}"))
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_move_after_a_flow() {
    let app = app_with_metrics().await;
    let addr = app.metrics_addr().expect("the metrics endpoint is bound");
    let alice = app.member("alice").await;
    let (_, first) = open_flow(&app, &alice).await;
    let confirm = walk_to_confirm(&alice, &first, "Thrallina", "2").await;
    let receipt = confirm.click_label("Confirm").await.expect("submitted");
    assert!(receipt.text().contains("#1"), "{}", receipt.text());

    // Counters are process-wide (other tests' apps may add to them): at least ours.
    let text = scrape_until(addr, "the confirm click counted as completed", |text| {
        sample(
            text,
            r#"craftdesk_interactions_total{kind="component",outcome="completed"}"#,
        ) >= Some(1.0)
    })
    .await;
    let completed = sample(&text, r#"craftdesk_flows_completed_total{kind="request"}"#);
    assert!(
        completed >= Some(1.0),
        "flows completed: {completed:?}\n{text}"
    );
    let started = sample(&text, r#"craftdesk_flows_started_total{kind="request"}"#);
    assert!(started >= Some(1.0), "flows started: {started:?}\n{text}");
    let answered = sample(
        &text,
        r#"craftdesk_interaction_answer_seconds_count{kind="component"}"#,
    );
    assert!(answered > Some(0.0), "answer latency: {answered:?}\n{text}");
    assert!(
        text.contains(
            r#"craftdesk_interaction_answer_seconds_bucket{kind="component",le="0.025"}"#
        ),
        "latency is a histogram with buckets\n{text}"
    );
    // Gauges come from this app's store at scrape time: exact.
    assert_eq!(
        sample(&text, r#"craftdesk_requests{status="open"}"#),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, r#"craftdesk_requests{status="completed"}"#),
        Some(0.0),
        "{text}"
    );
    assert!(
        sample(&text, "craftdesk_open_sessions").is_some(),
        "open sessions gauge\n{text}"
    );
    let callbacks = sample(
        &text,
        r#"craftdesk_discord_rest_calls_total{route="POST /interactions/{interaction_id}/{interaction_token}/callback",status="2xx"}"#,
    );
    assert!(
        callbacks >= Some(9.0),
        "interaction callbacks: {callbacks:?}\n{text}"
    );
    assert!(
        total(&text, "craftdesk_db_pool_wait_seconds_count") > 0.0,
        "pool waits\n{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_follows_the_gateway() {
    let mut app = app_with_metrics().await;
    let addr = app.metrics_addr().expect("the metrics endpoint is bound");
    assert_eq!(get(addr, "/healthz").await, (200, "ok\n".to_owned()));

    // A dropped socket: serenity resumes at once, counted as a reconnect; still healthy.
    let (_, before) = get(addr, "/metrics").await;
    let before = total(&before, "craftdesk_gateway_reconnects_total");
    app.emu.faults().gateway_drop();
    scrape_until(addr, "a gateway reconnect", |text| {
        total(text, "craftdesk_gateway_reconnects_total") > before
    })
    .await;
    assert_eq!(get(addr, "/healthz").await.0, 200);

    // The emulator goes away: the bot cannot reconnect, and /healthz says so.
    app.stop_emulator().await;
    let reason = eventually(Duration::from_secs(5), async || {
        let (status, body) = get(addr, "/healthz").await;
        if status == 503 {
            Ok(body)
        } else {
            Err(format!(
                "/healthz stayed {status} after the emulator stopped"
            ))
        }
    })
    .await;
    assert_eq!(reason.trim(), "gateway disconnected");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_from_discord_is_counted_by_route() {
    let app = app_with_metrics().await;
    let addr = app.metrics_addr().expect("the metrics endpoint is bound");
    let route = r#"route="POST /channels/{channel_id}/messages""#;
    let (_, before) = get(addr, "/metrics").await;
    let before = sample(
        &before,
        &format!("craftdesk_discord_rate_limited_total{{{route}}}"),
    )
    .unwrap_or(0.0);
    app.emu.faults().add(
        Fault::rate_limit(Duration::from_millis(10))
            .on("POST /channels/{channel_id}/messages")
            .times(1),
    );
    // The next message the bot posts (the panel, if it is still starting, or the flow's)
    // is refused once; either way the member gets an answer.
    let alice = app.member("alice").await;
    let reply = alice
        .slash("request", serde_json::json!([]))
        .await
        .expect("answered")
        .settled()
        .await
        .expect("settled");
    assert!(reply.ephemeral, "{reply}");
    scrape_until(addr, "the 429 counted", |text| {
        sample(
            text,
            &format!("craftdesk_discord_rate_limited_total{{{route}}}"),
        ) > Some(before)
            && sample(
                text,
                &format!(r#"craftdesk_discord_rest_calls_total{{{route},status="429"}}"#),
            ) >= Some(1.0)
    })
    .await;
}

#[test]
fn json_logs_are_one_object_a_line_without_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let config = crate::cli::write_config(
        &dir,
        &format!(
            "[telemetry]\nformat = \"json\"\nlevel = \"info\"\n[backup]\ndir = \"{}\"\n",
            dir.path().join("backups").display()
        ),
    );
    let run = |subcommand: &str| {
        crate::cli::craftdesk()
            .arg(subcommand)
            .arg("--config")
            .arg(&config)
            .output()
            .unwrap()
    };
    assert!(run("migrate").status.success());
    let out = run("backup");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let written = lines
        .iter()
        .find(|l| l["message"] == "backup written")
        .unwrap_or_else(|| panic!("no backup line in {stderr}"));
    assert_eq!(written["level"], "INFO");
    assert!(written["path"]
        .as_str()
        .is_some_and(|p| p.contains("backups")));
    assert!(!stderr.contains("super-secret"), "{stderr}");
}
