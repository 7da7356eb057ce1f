//! Logging: a tracing subscriber writing pretty lines for people or JSON for machines
//! (`telemetry.format = "json"`: one JSON object a line, the event's fields flattened in,
//! with the current span and the span list, e.g. an interaction's guild, user, session,
//! action and outcome).

use tracing_subscriber::fmt::format::{Format, Json, JsonFields};
use tracing_subscriber::fmt::{MakeWriter, SubscriberBuilder};
use tracing_subscriber::EnvFilter;

use crate::config::{LogFormat, TelemetryConfig};

/// Installs the global subscriber. `RUST_LOG`, when set and valid, wins over
/// `telemetry.level`. Calling it twice is harmless (the second call keeps the first
/// subscriber).
pub fn init(config: &TelemetryConfig) {
    let filter = std::env::var(EnvFilter::DEFAULT_ENV)
        .ok()
        .and_then(|directives| log_filter(&directives).ok())
        .or_else(|| log_filter(&config.level).ok())
        .unwrap_or_else(|| EnvFilter::new("info"));
    let installed = match config.format {
        LogFormat::Pretty => tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .try_init(),
        LogFormat::Json => json_subscriber(filter, std::io::stderr).try_init(),
    };
    if installed.is_err() {
        tracing::debug!("a tracing subscriber was already installed");
    }
}

/// `directives` (`telemetry.level` or `RUST_LOG`) as a filter, or why not.
///
/// Only ASCII is accepted, checked before tracing-subscriber sees the text: its parser
/// (0.3.23) trims each directive and then slices the untrimmed text at the trimmed
/// offsets, which panics when the text starts with whitespace longer than one byte
/// (`"\u{85}[]"`, `"\u{3000}a=debug"`). Targets, spans and levels are ASCII anyway.
pub fn log_filter(directives: &str) -> Result<EnvFilter, String> {
    let refusal =
        || format!("{directives:?} is not a level or filter (try \"info\" or \"craftdesk=debug\")");
    if !directives.is_ascii() {
        return Err(format!("{} and must be plain ASCII", refusal()));
    }
    EnvFilter::try_new(directives).map_err(|_| refusal())
}

/// The JSON-lines subscriber writing to `writer`.
fn json_subscriber<W>(
    filter: EnvFilter,
    writer: W,
) -> SubscriberBuilder<JsonFields, Format<Json>, EnvFilter, W>
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .json()
        .flatten_event(true)
        .with_current_span(true)
        .with_span_list(true)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use super::*;

    /// Collects what the subscriber writes.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'a> MakeWriter<'a> for Captured {
        type Writer = Self;
        fn make_writer(&'a self) -> Self::Writer {
            self.clone()
        }
    }

    /// Issue 14, item 6: what the config fuzz test found, and what truly panicked the
    /// parser, come back as refusals.
    #[test]
    fn a_filter_that_panicked_the_parser_is_refused() {
        for directives in ["a=\u{6a4cc}<", "\u{85}[]", "\u{3000}a=debug", " é=info"] {
            let refused = log_filter(directives).expect_err("not a filter");
            assert!(refused.contains("is not a level or filter"), "{refused}");
        }
        assert!(log_filter("\u{85}[]")
            .expect_err("non-ASCII")
            .contains("ASCII"));
        for directives in [
            "info",
            "craftdesk=debug",
            "warn,craftdesk=trace",
            "",
            "x[{a=1}]",
        ] {
            assert!(log_filter(directives).is_ok(), "{directives:?}");
        }
    }

    #[test]
    fn json_format_writes_one_object_a_line_with_the_interaction_span() {
        let captured = Captured::default();
        let subscriber = json_subscriber(EnvFilter::new("info"), captured.clone()).finish();
        tracing::subscriber::with_default(subscriber, || {
            let span = tracing::info_span!(
                "interaction",
                kind = "component",
                guild = 1_u64,
                user = 2_u64,
                session = tracing::field::Empty,
                action = tracing::field::Empty,
                outcome = tracing::field::Empty,
            );
            span.in_scope(|| {
                let current = tracing::Span::current();
                current.record("session", "s-1");
                current.record("action", "Confirm");
                current.record("outcome", "completed");
                tracing::info!(outcome = "completed", "interaction handled");
                tracing::debug!("below the level: not written");
            });
        });
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1, "{text}");
        let line: serde_json::Value = serde_json::from_str(lines[0]).expect("a JSON object");
        assert_eq!(line["level"], "INFO");
        assert_eq!(line["message"], "interaction handled");
        assert_eq!(line["outcome"], "completed");
        let span = &line["span"];
        assert_eq!(span["name"], "interaction");
        assert_eq!(span["guild"], 1);
        assert_eq!(span["user"], 2);
        assert_eq!(span["session"], "s-1");
        assert_eq!(span["action"], "Confirm");
        assert_eq!(span["outcome"], "completed");
    }

    #[test]
    fn the_token_never_reaches_a_log_line() {
        let config = crate::config::Config::from_sources(
            "test",
            "[discord]\ntoken = \"Bot-very.secret.token\"\n",
            Vec::new(),
        )
        .unwrap();
        let captured = Captured::default();
        let subscriber = json_subscriber(EnvFilter::new("trace"), captured.clone()).finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(?config, "configuration");
        });
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(text.contains("discord"), "{text}");
        assert!(!text.contains("very.secret"), "{text}");
    }
}
