//! Making member-written text safe to show: no markdown tricks, no mentions.
//!
//! Every message also sets `allowed_mentions` to nothing (in the adapter); this is the
//! second layer, so a name like `@everyone` or `**x**` shows as typed.

/// Escapes Discord markdown and defuses mentions in `text`.
#[must_use]
pub fn neutralise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']' | '(' | ')' | '-' => {
                out.push('\\');
                out.push(c);
            }
            // A zero-width space after @ and before channel/role markers breaks mentions.
            '@' => out.push_str("@\u{200b}"),
            '<' => out.push_str("<\u{200b}"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// Like [`neutralise`], but user mentions (`<@123>`) stay mentions: for notes that name
/// people, such as a reassignment's "from <@1> to <@2>". They show as names and never
/// ping (messages allow no mentions); role, channel and `@everyone` mentions stay defused.
#[must_use]
pub fn neutralise_keeping_users(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(start) = rest.find("<@") {
        let after = &rest[start + 2..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let is_user = digits > 0 && after[digits..].starts_with('>');
        let end = if is_user {
            start + 2 + digits + 1
        } else {
            start + 2
        };
        out.push_str(&neutralise(&rest[..start]));
        if is_user {
            out.push_str(&rest[start..end]);
        } else {
            out.push_str(&neutralise(&rest[start..end]));
        }
        rest = &rest[end..];
    }
    out.push_str(&neutralise(rest));
    out
}

/// Cuts `text` to at most `max` characters, ending with `…` when it was cut
/// (a limit of 0 leaves nothing, not even the `…`).
#[must_use]
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_and_markdown_are_defused() {
        let out = neutralise("@everyone **bold** <@123> `code` ||spoiler||");
        assert!(!out.contains("@everyone"));
        assert!(!out.contains("<@123>"));
        assert!(!out.contains("**"));
        assert!(out.contains("\\*\\*bold\\*\\*"));
        assert_eq!(neutralise("Zoë 🐉"), "Zoë 🐉");
        assert_eq!(neutralise("a\u{0}b\u{7}c"), "abc");
    }

    #[test]
    fn truncation_counts_characters_not_bytes() {
        assert_eq!(truncate("héllo", 10), "héllo");
        assert_eq!(truncate("🐉🐉🐉🐉", 3), "🐉🐉…");
        assert_eq!(truncate("abcdef", 4).chars().count(), 4);
    }

    #[test]
    fn truncation_to_zero_leaves_nothing() {
        // Found by tests/it/fuzz.rs: this used to return "…", one character over the limit.
        assert_eq!(truncate("¡", 0), "");
        assert_eq!(truncate("", 0), "");
        assert_eq!(truncate("ab", 1), "…");
    }

    #[test]
    fn user_mentions_survive_in_notes_that_name_people_and_nothing_else_does() {
        assert_eq!(
            neutralise_keeping_users("from <@12> to <@34>."),
            "from <@12> to <@34>."
        );
        let defused = neutralise_keeping_users("<@&5> <#6> @everyone <@x> <@7");
        assert!(
            !defused.contains("<@&") && !defused.contains("<#"),
            "{defused}"
        );
        assert!(
            !defused.contains("@everyone") && !defused.contains("<@x"),
            "{defused}"
        );
    }
}
