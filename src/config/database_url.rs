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
        check_shape(text)?;
        Ok(Self(SecretString::from(text.to_owned())))
    }

    /// The whole URL, password included: for connecting, never for printing.
    #[must_use]
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// The same server, user and options, on the database `name` (a scratch database of a
    /// loadtest or a test). The URL is split as the driver reads it (credentials to the first
    /// `@`, the database between the host's `/` and the `?`), and `tokio_postgres::Config`
    /// then confirms it reads `name` as the database. The error never quotes the URL.
    pub fn with_database(&self, name: &str) -> Result<Self, String> {
        let url = self.expose();
        let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
        let (credentials, after) = match rest.split_once('@') {
            Some((credentials, after)) => (format!("{credentials}@"), after),
            None => (String::new(), rest),
        };
        let (host, tail) = after.split_at(after.find(['/', '?']).unwrap_or(after.len()));
        let query = tail
            .split_once('?')
            .map(|(_, query)| format!("?{query}"))
            .unwrap_or_default();
        let renamed = Self::parse(&format!("{scheme}://{credentials}{host}/{name}{query}"))?;
        let read = tokio_postgres::Config::from_str(renamed.expose())
            .map_err(|err| format!("is not a PostgreSQL URL the client can read ({err})"))?;
        if read.get_dbname() != Some(name) {
            return Err(format!(
                "names its database in its options: {name} would not be used"
            ));
        }
        Ok(renamed)
    }

    /// The URL with any password replaced by `[redacted]`, fit for logs and messages.
    #[must_use]
    pub fn redacted(&self) -> String {
        redact(self.expose())
    }
}

/// Replaces the password of a URL's user info (`user:PASSWORD@`) and any `password=`
/// query parameter with `[redacted]`.
///
/// The URL is split by the rule tokio-postgres reads it with (its `UrlParser`): the
/// credentials run to the *first* `@` anywhere after `://`, so a password may hold
/// unencoded `/`, `?` or `:`; the host then runs to the first `/` or `?`, the database name
/// to the first `?`. Whatever the driver would take as the password is what is hidden.
fn redact(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let (credentials, after) = match rest.split_once('@') {
        Some((credentials, after)) => (Some(credentials), after),
        None => (None, rest),
    };
    let credentials = match credentials.map(|text| match text.split_once(':') {
        Some((user, password)) => (user, Some(password)),
        None => (text, None),
    }) {
        // A user name holding `/` or `?` means the `@` was past the host, in a database
        // name or a query that may hold a password: hide everything.
        Some((user, _)) if user.contains(['/', '?']) => return format!("{scheme}://[redacted]"),
        Some((user, None)) => format!("{user}@"),
        Some((user, Some(_))) => format!("{user}:[redacted]@"),
        None => String::new(),
    };
    let (host, tail) = match after.find(['/', '?']) {
        Some(at) => after.split_at(at),
        None => (after, ""),
    };
    // An unencoded `@` in the password leaves its end in the driver's host: hide that too.
    let host = match host.rsplit_once('@') {
        Some((_, host)) => format!("[redacted]@{host}"),
        None => host.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if percent_decoded(key).eq_ignore_ascii_case("password") => {
                        format!("{key}=[redacted]")
                    }
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{credentials}{host}{tail}")
}

/// Checks the URL's shape where the driver's reading would differ from a reader's: the
/// credentials end at the first `@`, so an unencoded `@` in the password puts the rest of
/// it into the host, and a URL without user info but with an `@` in its path or query gets
/// a "user name" holding the path. Both are refused, naming the fix, never the text.
fn check_shape(url: &str) -> Result<(), String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let Some((credentials, after)) = rest.split_once('@') else {
        return Ok(());
    };
    let user = credentials
        .split_once(':')
        .map_or(credentials, |(user, _)| user);
    if user.contains(['/', '?']) {
        return Err(
            "holds an `@` after the host: write it as %40 (the client reads everything before \
             the first `@` as user and password)"
                .to_owned(),
        );
    }
    let host = after.find(['/', '?']).map_or(after, |at| &after[..at]);
    if host.contains('@') {
        return Err(
            "holds more than one `@` before the host: write an `@` in the user name or \
             password as %40"
                .to_owned(),
        );
    }
    Ok(())
}

/// `text` with `%XX` escapes decoded (invalid escapes kept as written), as the driver
/// decodes parameter names.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let escaped = (bytes[at] == b'%')
            .then(|| bytes.get(at + 1..at + 3))
            .flatten()
            .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        if let Some(byte) = escaped {
            decoded.push(byte);
            at += 3;
        } else {
            decoded.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
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
    fn another_database_keeps_the_server_user_password_and_options() {
        for url in [
            "postgres://u:p@h:5432/craftdesk?sslmode=disable",
            "postgres://u@h",
            "postgresql://u:pw@h/",
            // An unencoded `/` or `?` in the password: the driver's split, not the first `/`.
            "postgres://u:a/b?c@h:5433/craftdesk",
        ] {
            let server = DatabaseUrl::parse(url).expect("valid");
            let scratch = server.with_database("scratch_1").expect("renamed");
            let (before, after) = [server.expose(), scratch.expose()]
                .map(|text| tokio_postgres::Config::from_str(text).expect("readable"))
                .into();
            assert_eq!(after.get_dbname(), Some("scratch_1"), "{url}");
            assert_eq!(after.get_user(), before.get_user(), "{url}");
            assert_eq!(after.get_password(), before.get_password(), "{url}");
            assert_eq!(after.get_hosts(), before.get_hosts(), "{url}");
            assert_eq!(after.get_ports(), before.get_ports(), "{url}");
            assert_eq!(after.get_ssl_mode(), before.get_ssl_mode(), "{url}");
        }
        let named_in_options = DatabaseUrl::parse("postgres://u@h/x?dbname=other").expect("valid");
        let err = named_in_options
            .with_database("scratch")
            .expect_err("refused");
        assert!(!err.contains("postgres://"), "{err}");
    }

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

    /// tokio-postgres ends the credentials at the first `@`, so `/`, `?` and `:` may stand
    /// unencoded in a password (M2 of the December security review).
    #[test]
    fn passwords_holding_url_delimiters_are_redacted_as_the_driver_reads_them() {
        for (url, shown) in [
            (
                "postgres://craftdesk:s3/cret@db:5432/craftdesk",
                "postgres://craftdesk:[redacted]@db:5432/craftdesk",
            ),
            ("postgres://u:s3?cret@db/x", "postgres://u:[redacted]@db/x"),
            ("postgres://u:s3:cr/e?t@db", "postgres://u:[redacted]@db"),
            (
                "postgres://u:s3%2Fcret@db/x",
                "postgres://u:[redacted]@db/x",
            ),
            (
                "postgres://u:s3%40cret@db/x",
                "postgres://u:[redacted]@db/x",
            ),
            (
                "postgres://u@db/x?pass%77ord=s3cret&sslmode=disable",
                "postgres://u@db/x?pass%77ord=[redacted]&sslmode=disable",
            ),
        ] {
            let parsed = DatabaseUrl::parse(url).expect("the driver reads it");
            let config: tokio_postgres::Config = url.parse().expect("valid");
            assert!(
                config.get_password().is_some(),
                "the driver sees a password in {url}"
            );
            assert_eq!(parsed.redacted(), shown);
            assert!(!format!("{parsed:?}").contains("s3"), "{parsed:?}");
        }
    }

    #[test]
    fn an_unencoded_at_sign_is_refused_without_quoting_the_url() {
        for url in [
            "postgres://u:s3@cret@db/x",
            "postgres://db/x?password=s3@cret",
        ] {
            let err = DatabaseUrl::parse(url).expect_err("ambiguous");
            assert!(err.contains("%40"), "{err}");
            assert!(!err.contains("s3") && !err.contains("cret"), "{err}");
            // Should such a URL reach `redact` all the same, nothing of the password shows.
            let shown = redact(url);
            assert!(!shown.contains("s3") && !shown.contains("cret"), "{shown}");
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
