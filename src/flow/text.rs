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
}
