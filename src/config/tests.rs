use std::time::Duration;

use secrecy::ExposeSecret;

use super::*;

const TOKEN: &str = "MTIz.secret-token-value.xyz";

fn minimal() -> String {
    format!(
        r#"
[discord]
token = "{TOKEN}"

[[guild]]
id = "111"
request_category_id = 222
"#
    )
}

fn load(text: &str) -> Result<Config, ConfigError> {
    Config::from_sources("test.toml", text, Vec::new())
}

fn load_env(text: &str, env: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let env = env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned()));
    Config::from_sources("test.toml", text, env)
}

fn problems(result: Result<Config, ConfigError>) -> Vec<String> {
    match result {
        Ok(_) => panic!("expected the configuration to be refused"),
        Err(err) => err.problems,
    }
}

#[test]
fn a_minimal_file_gets_every_default() {
    let config = load(&minimal()).expect("minimal config is valid");
    assert_eq!(config.sessions.ttl, Duration::from_secs(86_400));
    assert_eq!(config.sessions.touch_threshold, Duration::from_secs(30));
    assert_eq!(config.sessions.max_open_per_user, 3);
    assert_eq!(config.cleanup.interval, Duration::from_secs(60));
    assert_eq!(config.cleanup.temp_channel_ttl, Duration::from_secs(1_800));
    assert_eq!(config.cleanup.max_backoff, Duration::from_secs(60));
    assert_eq!(config.discord.api_base, "https://discord.com");
    assert_eq!(config.discord.command_scope, CommandScope::Auto);
    assert!(config.discord.panel_sweep);
    // No second sends more than 45 calls, 5 below Discord's global limit of 50 (for calls
    // the network delays to arrive together); channels 5/s per guild.
    assert_eq!(
        config.discord.requests_per_second + config.discord.request_burst,
        45
    );
    assert_eq!(config.discord.channel_ops_per_second, 5);
    assert_eq!(config.telemetry.format, LogFormat::Pretty);
    let guild = &config.guilds[0];
    assert_eq!(guild.id.get(), 111);
    assert_eq!(guild.mode, GuildMode::Channel);
    assert_eq!(guild.request_category_id.map(Snowflake::get), Some(222));
    assert!(guild.notifications.claim && guild.notifications.reassign);
    assert!(guild.catalog.is_none() && guild.gear_slots.is_none());
}

#[test]
fn the_example_file_is_valid_and_documents_every_key() {
    let example = include_str!("../../config.example.toml");
    let config = load_env(example, &[("DISCORD_TOKEN", TOKEN)]).expect("example is valid");
    let rendered = config.to_redacted_toml();
    // Every key the effective configuration has appears in the example.
    for line in rendered.lines() {
        if let Some((key, _)) = line.split_once(" = ") {
            assert!(
                example.contains(&format!("{} =", key.trim())),
                "config.example.toml does not document `{}`",
                key.trim()
            );
        }
    }
}

#[test]
fn environment_overrides_the_file() {
    let config = load_env(
        &minimal(),
        &[
            ("CRAFTDESK__DATABASE__POOL_SIZE", "7"),
            ("CRAFTDESK__SESSIONS__TTL", "5s"),
            ("CRAFTDESK__DATABASE__PATH", "/tmp/x.sqlite"),
            ("CRAFTDESK__GUILD__0__MODE", "dm"),
            ("UNRELATED", "1"),
        ],
    )
    .expect("overrides are valid");
    assert_eq!(config.database.pool_size, 7);
    assert_eq!(config.sessions.ttl, Duration::from_secs(5));
    assert_eq!(config.database.path, PathBuf::from("/tmp/x.sqlite"));
    assert_eq!(config.guilds[0].mode, GuildMode::Dm);
}

#[test]
fn discord_token_env_sets_the_token_and_the_specific_variable_wins() {
    let text = "[[guild]]\nid = 1\nmode = \"dm\"\n";
    let config = load_env(text, &[("DISCORD_TOKEN", "from-env")]).expect("valid");
    let token = config.token().expect("token set");
    assert_eq!(token.expose_secret(), "from-env");

    let config = load_env(
        text,
        &[
            ("CRAFTDESK__DISCORD__TOKEN", "specific"),
            ("DISCORD_TOKEN", "generic"),
        ],
    )
    .expect("valid");
    assert_eq!(config.token().expect("token").expose_secret(), "specific");
}

#[test]
fn the_token_never_appears_in_debug_errors_or_the_printed_config() {
    let config = load(&minimal()).expect("valid");
    assert!(!format!("{config:?}").contains(TOKEN));
    assert!(!format!("{:#?}", config.discord).contains(TOKEN));
    let printed = config.to_redacted_toml();
    assert!(!printed.contains(TOKEN));
    assert!(printed.contains("token = \"[redacted]\""));

    // A broken file that holds the token: the error must not echo it.
    let broken = format!("{}\n[database]\npool_size = \"many\"\n", minimal());
    let err = load(&broken).expect_err("invalid");
    assert!(!err.to_string().contains(TOKEN));
    assert!(!format!("{err:?}").contains(TOKEN));
    // Not even when the token itself has the wrong type.
    let err = load("[discord]\ntoken = 12345678901234\n").expect_err("invalid");
    assert!(!err.to_string().contains("12345678901234"), "{err}");
}

#[test]
fn every_problem_is_listed_with_its_key_and_line() {
    let text = r#"
[discord]
token = "t"
command_scope = "everywhere"

[database]
pool_size = "many"

[sessions]
ttl = "soon"
max_open_per_user = 0

[cleanup]
colour = "blue"

[[guild]]
id = "abc"
"#;
    let found = problems(load(text));
    let joined = found.join("\n");
    assert!(
        joined.contains("discord.command_scope (line 4)"),
        "{joined}"
    );
    assert!(joined.contains("database.pool_size (line 7)"), "{joined}");
    assert!(joined.contains("sessions.ttl (line 10)"), "{joined}");
    assert!(joined.contains("cleanup"), "{joined}");
    assert!(joined.contains("colour"), "{joined}");
    assert!(joined.contains("guild[0].id (line 17)"), "{joined}");
    assert!(found.len() >= 5, "{joined}");
}

#[test]
fn impossible_values_are_refused() {
    let text = format!(
        "{}\n[sessions]\nttl = \"0s\"\nmax_open_per_user = 0\n[database]\npool_size = 0\n[telemetry]\nlevel = \"loud[\"\n",
        minimal()
    );
    let joined = problems(load(&text)).join("\n");
    assert!(
        joined.contains("sessions.ttl must be a positive duration"),
        "{joined}"
    );
    assert!(
        joined.contains("sessions.max_open_per_user must be between 1"),
        "{joined}"
    );
    assert!(
        joined.contains("database.pool_size must be between 1"),
        "{joined}"
    );
    assert!(joined.contains("telemetry.level"), "{joined}");
}

#[test]
fn shard_ranges_need_both_keys_and_fit_the_total() {
    let with = |discord: &str| minimal().replace("[discord]\n", &format!("[discord]\n{discord}\n"));
    let config = load(&with("shards = \"2..4\"\ntotal_shards = 4")).expect("valid");
    assert_eq!(
        config.shard_range(),
        Ok(Some(ShardRange {
            first: 2,
            end: 4,
            total: 4
        }))
    );
    assert_eq!(load(&minimal()).expect("valid").shard_range(), Ok(None));
    let joined = problems(load(&with("shards = \"0..2\""))).join("\n");
    assert!(
        joined.contains("discord.shards needs discord.total_shards"),
        "{joined}"
    );
    let joined = problems(load(&with("total_shards = 2"))).join("\n");
    assert!(joined.contains("needs discord.shards"), "{joined}");
    let joined = problems(load(&with("shards = \"1..3\"\ntotal_shards = 2"))).join("\n");
    assert!(joined.contains("goes past"), "{joined}");
    let env = load_env(
        &minimal(),
        &[
            ("CRAFTDESK__DISCORD__SHARDS", "0..1"),
            ("CRAFTDESK__DISCORD__TOTAL_SHARDS", "2"),
        ],
    )
    .expect("from the environment");
    assert_eq!(env.shard_range().expect("valid").map(|r| r.end), Some(1));
}

#[test]
fn pacing_must_let_something_through() {
    let joined = problems(load_env(
        &minimal(),
        &[
            ("CRAFTDESK__DISCORD__REQUESTS_PER_SECOND", "0"),
            ("CRAFTDESK__DISCORD__CHANNEL_OP_BURST", "0"),
        ],
    ))
    .join("\n");
    assert!(
        joined.contains("discord.requests_per_second must be between 1"),
        "{joined}"
    );
    assert!(
        joined.contains("discord.channel_op_burst must be between 1"),
        "{joined}"
    );
}

#[test]
fn channel_mode_needs_a_category_and_guilds_are_unique() {
    let text =
        "[discord]\ntoken = \"t\"\n[[guild]]\nid = 5\n[[guild]]\nid = \"5\"\nmode = \"dm\"\n";
    let joined = problems(load(text)).join("\n");
    assert!(joined.contains("needs request_category_id"), "{joined}");
    assert!(joined.contains("configured twice"), "{joined}");
}

#[test]
fn unknown_sections_and_a_missing_token_are_reported() {
    let joined = problems(load("[discrod]\ntoken = \"t\"\n")).join("\n");
    assert!(
        joined.contains("unknown section `discrod` (line 1)"),
        "{joined}"
    );
    assert!(joined.contains("DISCORD_TOKEN"), "{joined}");
}

#[test]
fn invalid_toml_says_where() {
    let err = load("[discord\n").expect_err("invalid");
    assert!(err.to_string().contains("line 1"), "{err}");
}

#[test]
fn guild_sub_tables_are_read() {
    let text = r#"
[discord]
token = "t"
[[guild]]
id = 1
mode = "dm"
gear_slots = ["Chest", "Boots"]
[guild.crafter_roles]
enchanting = "123"
tailoring = 456
[guild.notifications]
claim = false
[guild.limits]
max_open_requests = 4
submit_burst = 5
submits_per_minute = 12
"#;
    let config = load(text).expect("valid");
    let guild = config
        .guild(Snowflake::new(1).expect("id"))
        .expect("configured");
    assert_eq!(guild.crafter_roles["enchanting"].get(), 123);
    assert_eq!(guild.crafter_roles["tailoring"].get(), 456);
    assert!(!guild.notifications.claim && guild.notifications.complete);
    assert_eq!(guild.limits.max_open_requests, 4);
    assert_eq!(
        (guild.limits.submit_burst, guild.limits.submits_per_minute),
        (5, 12)
    );
    assert!(config.deprecations().is_empty());
    assert_eq!(
        guild.gear_slots.as_deref(),
        Some(&["Chest".to_owned(), "Boots".to_owned()][..])
    );
}

const PG_PASSWORD: &str = "pg-s3cret-Pa55";

#[test]
fn a_database_url_selects_postgres_and_the_environment_can_set_it() {
    let config = load(&minimal()).expect("valid");
    assert!(!config.database.is_postgres(), "SQLite is the default");

    let url = format!("postgres://craftdesk:{PG_PASSWORD}@127.0.0.1:5432/craftdesk");
    let text = format!("{}\n[database]\nurl = \"{url}\"\n", minimal());
    let config = load(&text).expect("valid");
    assert!(config.database.is_postgres());
    assert_eq!(config.database.url.as_ref().expect("set").expose(), url);

    let config =
        load_env(&minimal(), &[("CRAFTDESK__DATABASE__URL", url.as_str())]).expect("valid");
    assert_eq!(config.database.url.as_ref().expect("set").expose(), url);
}

#[test]
fn path_and_url_together_or_neither_usable_are_refused() {
    let url = format!("postgres://craftdesk:{PG_PASSWORD}@127.0.0.1/craftdesk");
    let both = format!(
        "{}\n[database]\npath = \"x.sqlite\"\nurl = \"{url}\"\n",
        minimal()
    );
    let joined = problems(load(&both)).join("\n");
    assert!(joined.contains("both set"), "{joined}");
    assert!(!joined.contains(PG_PASSWORD), "{joined}");

    // The file names a path, the environment a URL: still both.
    let file = format!("{}\n[database]\npath = \"x.sqlite\"\n", minimal());
    let joined = problems(load_env(&file, &[("CRAFTDESK__DATABASE__URL", &url)])).join("\n");
    assert!(joined.contains("both set"), "{joined}");

    let neither = format!("{}\n[database]\npath = \"\"\n", minimal());
    let joined = problems(load(&neither)).join("\n");
    assert!(
        joined.contains("database.path must not be empty"),
        "{joined}"
    );
    assert!(joined.contains("database.url"), "{joined}");

    let not_pg = format!(
        "{}\n[database]\nurl = \"mysql://u:{PG_PASSWORD}@db/x\"\n",
        minimal()
    );
    let joined = problems(load(&not_pg)).join("\n");
    assert!(joined.contains("database.url"), "{joined}");
    assert!(!joined.contains(PG_PASSWORD), "{joined}");
}

/// check-config prints the URL as the driver reads it: a password holding `/`, `?` or an
/// encoded `/` is hidden whole (M2 of the December security review).
#[test]
fn a_password_holding_url_delimiters_is_hidden_in_the_printed_config() {
    for password in ["pg/s3cret", "pg?s3cret", "pg%2Fs3cret", "pg:s3/c?ret"] {
        let url = format!("postgres://craftdesk:{password}@127.0.0.1:5432/craftdesk");
        let text = format!("{}\n[database]\nurl = \"{url}\"\n", minimal());
        let config = load(&text).expect("valid");
        let printed = config.to_redacted_toml();
        assert!(!printed.contains("s3"), "{printed}");
        assert!(
            printed.contains("url = \"postgres://craftdesk:[redacted]@127.0.0.1:5432/craftdesk\""),
            "{printed}"
        );
        assert!(!format!("{config:?}").contains("s3"));
    }
    let at_sign = format!(
        "{}\n[database]\nurl = \"postgres://craftdesk:pg@s3cret@db/x\"\n",
        minimal()
    );
    let joined = problems(load(&at_sign)).join("\n");
    assert!(joined.contains("%40"), "{joined}");
    assert!(!joined.contains("s3cret"), "{joined}");
}

#[test]
fn the_database_password_never_appears_in_debug_errors_or_the_printed_config() {
    let url = format!("postgres://craftdesk:{PG_PASSWORD}@127.0.0.1:5432/craftdesk");
    let text = format!("{}\n[database]\nurl = \"{url}\"\n", minimal());
    let config = load(&text).expect("valid");
    assert!(!format!("{config:?}").contains(PG_PASSWORD));
    assert!(!format!("{:#?}", config.database).contains(PG_PASSWORD));
    let printed = config.to_redacted_toml();
    assert!(!printed.contains(PG_PASSWORD), "{printed}");
    assert!(
        printed.contains("url = \"postgres://craftdesk:[redacted]@127.0.0.1:5432/craftdesk\""),
        "{printed}"
    );

    // A broken file that holds the URL: the error must not echo it.
    let broken = format!("{text}pool_size = \"many\"\n");
    let err = load(&broken).expect_err("invalid");
    assert!(!err.to_string().contains(PG_PASSWORD), "{err}");
    assert!(!format!("{err:?}").contains(PG_PASSWORD));
    let bad_port = format!(
        "{}\n[database]\nurl = \"postgres://craftdesk:{PG_PASSWORD}@db:port/x\"\n",
        minimal()
    );
    let err = load(&bad_port).expect_err("invalid");
    assert!(!err.to_string().contains(PG_PASSWORD), "{err}");
}

/// Issue 14, item 6: a filter that panicked tracing-subscriber's parser is reported like
/// every other problem, by check-config too.
#[test]
fn a_log_filter_the_parser_cannot_take_is_a_problem_not_a_panic() {
    for level in ["a=\u{6a4cc}<", "\u{85}[]", "\u{3000}a=debug"] {
        let text = format!("{}\n[telemetry]\nlevel = \"{level}\"\n", minimal());
        let joined = problems(load(&text)).join("\n");
        assert!(joined.contains("telemetry.level"), "{joined}");
        assert!(joined.contains("is not a level or filter"), "{joined}");
    }
}

#[test]
fn plain_http_api_base_is_refused_unless_it_is_this_machine() {
    let with_base = |base: &str| {
        minimal().replace(
            "[discord]\n",
            &format!("[discord]\napi_base = \"{base}\"\n"),
        )
    };
    for base in [
        "https://discord.com",
        "https://proxy.example.com:8443/",
        "http://127.0.0.1:3000",
        "http://127.8.9.10",
        "http://localhost:8080/",
        "http://[::1]:3000",
    ] {
        load(&with_base(base)).unwrap_or_else(|err| panic!("{base}: {:?}", err.problems));
    }
    for base in [
        "http://discord.com",
        "http://10.0.0.5:3000",
        "http://127.0.0.1.example.com",
        "http://127.0.0.1@example.com/",
        "http://localhost.example.com",
        "http://[::1].example.com",
        "ftp://127.0.0.1",
    ] {
        let problems = problems(load(&with_base(base)));
        assert_eq!(problems.len(), 1, "{base}: {problems:?}");
        assert!(problems[0].contains("discord.api_base"), "{problems:?}");
    }
    let problems = problems(load(&with_base("http://203.0.113.9")));
    assert!(problems[0].contains("clear text"), "{problems:?}");
}

#[test]
fn the_emulator_endpoint_must_be_loopback_and_alone() {
    let with = |table: &str| format!("{}\n[discord.emulator]\n{table}\n", minimal());
    let config = load(&with(
        "address = \"127.0.0.1:4443\"\nca_certificate = \"/tmp/ca.pem\"",
    ))
    .expect("loopback is fine");
    let emulator = config.discord.emulator.expect("set");
    assert_eq!(emulator.address.port(), 4443);
    load(&with(
        "address = \"[::1]:4443\"\nca_certificate = \"ca.pem\"",
    ))
    .expect("IPv6 loopback");

    let far = problems(load(&with(
        "address = \"192.0.2.7:443\"\nca_certificate = \"ca.pem\"",
    )));
    assert!(
        far.len() == 1 && far[0].contains("discord.emulator.address"),
        "{far:?}"
    );
    let both = minimal().replace(
        "[discord]\n",
        "[discord]\napi_base = \"http://127.0.0.1:9\"\n",
    ) + "\n[discord.emulator]\naddress = \"127.0.0.1:1\"\nca_certificate = \"ca.pem\"\n";
    let two_ways = problems(load(&both));
    assert!(
        two_ways.len() == 1 && two_ways[0].contains("api_base"),
        "{two_ways:?}"
    );
    // Both keys are needed.
    assert!(!problems_of(&with("address = \"127.0.0.1:1\"")).is_empty());
}

fn problems_of(text: &str) -> Vec<String> {
    load(text).err().map(|err| err.problems).unwrap_or_default()
}

#[test]
fn an_old_submit_cooldown_still_loads_and_is_named_as_replaced() {
    let text = r#"
[discord]
token = "t"
[[guild]]
id = "1"
mode = "dm"
[guild.limits]
submit_cooldown = "10s"
"#;
    let config = load(text).expect("an old file still loads");
    let guild = config
        .guild(Snowflake::new(1).expect("id"))
        .expect("configured");
    assert_eq!(
        (guild.limits.submit_burst, guild.limits.submits_per_minute),
        (3, 6),
        "the defaults apply, not the old cooldown"
    );
    let notes = config.deprecations();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("submit_burst") && notes[0].contains("submits_per_minute"));
    assert!(!config.to_redacted_toml().contains("submit_cooldown"));
}

#[test]
fn a_zero_submit_pace_is_refused() {
    let text = r#"
[discord]
token = "t"
[[guild]]
id = "1"
mode = "dm"
[guild.limits]
submit_burst = 0
submits_per_minute = 0
"#;
    let err = load(text).expect_err("zero is no pace").to_string();
    assert!(
        err.contains("limits.submit_burst must be at least 1"),
        "{err}"
    );
    assert!(
        err.contains("limits.submits_per_minute must be at least 1"),
        "{err}"
    );
}

#[test]
fn command_scope_auto_is_global_above_25_guilds_only() {
    assert!(!CommandScope::Auto.is_global(1));
    assert!(!CommandScope::Auto.is_global(25));
    assert!(CommandScope::Auto.is_global(26));
    assert!(CommandScope::Auto.is_global(10_000));
    assert!(CommandScope::Global.is_global(1));
    assert!(!CommandScope::Guild.is_global(10_000));
    let text = "[discord]\ntoken = \"t\"\ncommand_scope = \"auto\"\n[[guild]]\nid = \"1\"\nmode = \"dm\"\n";
    assert_eq!(
        load(text).expect("auto is valid").discord.command_scope,
        CommandScope::Auto
    );
}

#[test]
fn a_guilds_language_is_a_shipped_discord_code() {
    let with = |code: &str| format!("{}locale = \"{code}\"\n", minimal());
    for (code, locale) in [
        ("de", crate::i18n::Locale::German),
        ("fr", crate::i18n::Locale::French),
        ("es-ES", crate::i18n::Locale::Spanish),
        ("pt-BR", crate::i18n::Locale::BrazilianPortuguese),
        ("ru", crate::i18n::Locale::Russian),
        ("en-US", crate::i18n::Locale::English),
    ] {
        let config = load(&with(code)).expect("a shipped code");
        assert_eq!(config.guilds[0].locale, Some(locale), "{code}");
    }
    assert_eq!(load(&minimal()).expect("valid").guilds[0].locale, None);
    let joined = problems(load(&with("klingon"))).join("\n");
    assert!(
        joined.contains("locale") && joined.contains("\"klingon\""),
        "names the key and the value: {joined}"
    );
    assert!(
        joined.contains("de, fr, es-ES, ru, pt-BR"),
        "says which codes are shipped: {joined}"
    );
}
