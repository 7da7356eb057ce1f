//! `[database] url`: where the PostgreSQL server is. The URL may hold a password, so it is
//! a secret like the bot token: `Debug`, `Display` and the printed configuration show it
//! with the password replaced by `[redacted]`, and only the store reads it whole.

use std::fmt;
use std::str::FromStr;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A `postgres://` URL, checked when the configuration is read.
#[derive(Clone)]
pub struct DatabaseUrl(SecretString);

impl DatabaseUrl {
    /// Checks that `text` is a PostgreSQL URL (`postgres://` or `postgresql://`) that the
    /// client can read. The error never quotes the URL.
    pub fn parse(text: &str) -> Result<Self, String> {
        if !(text.starts_with("postgres://") || text.starts_with("postgresql://")) {
            return Err(
                "must be a PostgreSQL URL such as \"postgres://craftdesk:PASSWORD@127.0.0.1:5432/craftdesk\""
                    .to_owned(),
            );
        }
        tokio_postgres::Config::from_str(text)
            .map_err(|err| format!("is not a PostgreSQL URL the client can read ({err})"))?;
        Ok(Self(SecretString::from(text.to_owned())))
    }

    /// The whole URL, password included: for connecting, never for printing.
    #[must_use]
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// The URL with any password replaced by `[redacted]`, fit for logs and messages.
    #[must_use]
    pub fn redacted(&self) -> String {
        redact(self.expose())
    }
}

/// Replaces the password of a URL's user info (`user:PASSWORD@`) and any `password=`
/// query parameter with `[redacted]`.
fn redact(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((user_info, host)) => match user_info.split_once(':') {
            Some((user, _)) => format!("{user}:[redacted]@{host}"),
            None => format!("{user_info}@{host}"),
        },
        None => authority.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => {
                        format!("{key}=[redacted]")
                    }
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({:?})", self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl<'de> Deserialize<'de> for DatabaseUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for DatabaseUrl {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted_wherever_they_are_written() {
        for (url, shown) in [
            (
                "postgres://craftdesk:s3cret@127.0.0.1:5432/craftdesk",
                "postgres://craftdesk:[redacted]@127.0.0.1:5432/craftdesk",
            ),
            (
                "postgresql://u:s3cret@db/x?sslmode=disable&password=s3cret",
                "postgresql://u:[redacted]@db/x?sslmode=disable&password=[redacted]",
            ),
            ("postgres://u@db:5433", "postgres://u@db:5433"),
            (
                "postgres://u:p%40s3cret@db/x",
                "postgres://u:[redacted]@db/x",
            ),
        ] {
            let parsed = DatabaseUrl::parse(url).expect("valid");
            assert_eq!(parsed.redacted(), shown);
            assert_eq!(parsed.to_string(), shown);
            assert!(!format!("{parsed:?}").contains("s3cret"));
            assert_eq!(parsed.expose(), url);
        }
    }

    #[test]
    fn only_postgres_urls_are_accepted_and_errors_never_quote_them() {
        assert!(DatabaseUrl::parse("mysql://u:s3cret@db/x").is_err());
        assert!(DatabaseUrl::parse("host=db password=s3cret").is_err());
        let err = DatabaseUrl::parse("postgres://u:s3cret@db:notaport/x").expect_err("bad port");
        assert!(!err.contains("s3cret"), "{err}");
    }
}
