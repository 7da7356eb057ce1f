//! `CRAFTDESK__SECTION__KEY` (and `DISCORD_TOKEN`) variables laid over the file's table.

use super::{ENV_PREFIX, TOKEN_ENV};

/// Applies `CRAFTDESK__SECTION__KEY` (and `DISCORD_TOKEN`) variables onto the file's table.
///
/// A value is read as TOML when it parses as one (`4`, `true`, `["1", "2"]`), else as a
/// string (`5s`, `/data/craftdesk.sqlite`). `CRAFTDESK__GUILD__0__MODE` reaches into the
/// first `[[guild]]`.
pub(super) fn apply_env(
    table: &mut toml::Table,
    env: impl IntoIterator<Item = (String, String)>,
    problems: &mut Vec<String>,
) {
    let mut overrides: Vec<(Vec<String>, String)> = Vec::new();
    let mut token = None;
    for (name, value) in env {
        if name == TOKEN_ENV {
            token = Some(value);
        } else if let Some(path) = name.strip_prefix(ENV_PREFIX) {
            let path: Vec<String> = path.split("__").map(str::to_ascii_lowercase).collect();
            overrides.push((path, value));
        }
    }
    // DISCORD_TOKEN first, so an explicit CRAFTDESK__DISCORD__TOKEN wins over it.
    if let Some(token) = token {
        overrides.insert(0, (vec!["discord".to_owned(), "token".to_owned()], token));
    }
    for (path, value) in overrides {
        if let Err(problem) = set_path(table, &path, env_value(&path, &value)) {
            problems.push(format!(
                "environment variable {ENV_PREFIX}{}: {problem}",
                path.join("__").to_ascii_uppercase()
            ));
        }
    }
}

fn env_value(path: &[String], raw: &str) -> toml::Value {
    // The token is always a string, whatever it looks like.
    if path == ["discord", "token"] {
        return toml::Value::String(raw.to_owned());
    }
    format!("v = {raw}")
        .parse::<toml::Table>()
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| toml::Value::String(raw.to_owned()))
}

fn set_path(table: &mut toml::Table, path: &[String], value: toml::Value) -> Result<(), String> {
    let Some((last, parents)) = path.split_last() else {
        return Err("names no key".to_owned());
    };
    if last.is_empty() || parents.iter().any(String::is_empty) {
        return Err("has an empty part between `__`".to_owned());
    }
    let mut current = table;
    let mut iter = parents.iter().peekable();
    while let Some(part) = iter.next() {
        let entry = current
            .entry(part.clone())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        current = match entry {
            toml::Value::Table(t) => t,
            toml::Value::Array(items) => {
                let index: usize = iter
                    .next()
                    .and_then(|i| i.parse().ok())
                    .ok_or_else(|| format!("`{part}` is a list: give an index, e.g. {part}__0"))?;
                match items.get_mut(index) {
                    Some(toml::Value::Table(t)) => t,
                    _ => return Err(format!("`{part}` has no entry {index}")),
                }
            }
            _ => return Err(format!("`{part}` is not a table")),
        };
    }
    current.insert(last.clone(), value);
    Ok(())
}
