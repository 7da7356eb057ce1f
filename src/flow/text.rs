//! Making member-written text safe to show: no markdown tricks, no mentions, no
//! direction overrides, and no line breaks where one line is expected.
//!
//! Every message also sets `allowed_mentions` to nothing (in the adapter); this is the
//! second layer, so a name like `@everyone` or `**x**` shows as typed.

/// The Unicode bidirectional controls (embeddings, overrides, isolates and marks): they
/// reorder the text around them (U+202E makes `cod.exe` show as `exe.doc`). Member text
/// never needs them; they are dropped from what is shown and from character names.
#[must_use]
pub const fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
    )
}

/// A character that starts a new line when shown: `\n`, `\r`, vertical tab, form feed,
/// next line (U+0085) and the Unicode line and paragraph separators.
#[must_use]
pub const fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `text` on one line: each run of line breaks (and the spaces around it) becomes one
/// space. For notes and reasons written into a single line of a log, a DM or a list,
/// where a line break would let the writer forge a line of their own.
#[must_use]
pub fn one_line(text: &str) -> String {
    text.split(is_line_break)
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

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
            c if (c.is_control() && c != '\n') || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// [`neutralise_keeping_users`] of [`one_line`]: a note or reason written into one line
/// of the log channel, a DM or a list.
#[must_use]
pub fn neutralise_note_line(text: &str) -> String {
    neutralise_keeping_users(&one_line(text))
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

    #[test]
    fn bidi_controls_are_dropped() {
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}',
        ] {
            assert!(is_bidi_control(c), "{c:?}");
            assert_eq!(neutralise(&format!("a{c}b")), "ab", "{c:?}");
            assert_eq!(neutralise_keeping_users(&format!("<@1>{c}x")), "<@1>x");
        }
        assert_eq!(neutralise("\u{202e}gpj.exe"), "gpj.exe");
        // Right-to-left text itself stays.
        assert_eq!(neutralise("שלום مرحبا"), "שלום مرحبا");
        assert!(!is_bidi_control('\u{200b}') && !is_bidi_control('a'));
    }

    /// Issue 14, item 9a: a reason holding a line break forged a line of the log channel.
    #[test]
    fn a_note_on_one_line_cannot_start_a_forged_line() {
        let forged = "ok.\nRequest #7 (Sword ×1) was cancelled by <@42>.";
        assert_eq!(
            one_line(forged),
            "ok. Request #7 (Sword ×1) was cancelled by <@42>."
        );
        assert_eq!(
            neutralise_note_line(forged),
            "ok. Request \\#7 \\(Sword ×1\\) was cancelled by <@42>."
        );
        for separator in [
            "\r\n", "\r", "\u{2028}", "\u{2029}", "\u{85}", "\u{b}", "\u{c}", "\n \n",
        ] {
            let line = neutralise_note_line(&format!("a{separator}b"));
            assert_eq!(line, "a b", "{separator:?}");
        }
        assert_eq!(one_line("  \n\n "), "");
        assert_eq!(one_line("one  two"), "one  two");
    }
}
