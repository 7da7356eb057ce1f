//! Discord's message markdown, the subset bots use, turned into escaped HTML.
//!
//! Every character of the source reaches the page through [`escape`] unless it is markup this
//! module recognises (`**bold**`, `*italic*`, `__underline__`, `~~strike~~`, `||spoiler||`,
//! `` `code` ``, `\` escapes, mentions `<@id>`, `<@&id>`, `<#id>`, and per line `# `, `## `,
//! `### `, `-# ` and `> `), so member-written text can never inject tags.

use std::collections::HashMap;

use crate::snowflake::Snowflake;

/// Names to show for mentions.
#[derive(Debug, Default, Clone)]
pub(crate) struct Names {
    pub users: HashMap<Snowflake, String>,
    pub channels: HashMap<Snowflake, String>,
    pub roles: HashMap<Snowflake, String>,
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_escaped(c, &mut out);
    }
    out
}

fn push_escaped(c: char, out: &mut String) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
}

/// A block of markdown (content, an embed description or field value), line by line.
/// Trailing blank lines are dropped, as Discord trims them.
pub(crate) fn block(text: &str, names: &Names) -> String {
    let mut out = String::new();
    for line in text.trim_end_matches(['\n', ' ']).split('\n') {
        let (class, rest) = if let Some(rest) = line.strip_prefix("-# ") {
            ("md-sub", rest)
        } else if let Some(rest) = line.strip_prefix("### ") {
            ("md-h3", rest)
        } else if let Some(rest) = line.strip_prefix("## ") {
            ("md-h2", rest)
        } else if let Some(rest) = line.strip_prefix("# ") {
            ("md-h1", rest)
        } else if let Some(rest) = line.strip_prefix("> ") {
            ("md-quote", rest)
        } else {
            ("md-line", line)
        };
        out.push_str("<div class=\"");
        out.push_str(class);
        out.push_str("\">");
        if rest.is_empty() {
            out.push_str("<br>");
        } else {
            inline(rest, names, &mut out);
        }
        out.push_str("</div>");
    }
    out
}

/// One line of inline markdown.
pub(crate) fn inline(text: &str, names: &Names, out: &mut String) {
    const PAIRS: [(&str, &str, &str); 5] = [
        ("**", "<strong>", "</strong>"),
        ("__", "<u>", "</u>"),
        ("~~", "<s>", "</s>"),
        ("||", "<span class=\"spoiler\">", "</span>"),
        ("*", "<em>", "</em>"),
    ];
    let mut rest = text;
    'outer: while let Some(c) = rest.chars().next() {
        if c == '\\' {
            if let Some(next) = rest[1..].chars().next().filter(char::is_ascii_punctuation) {
                push_escaped(next, out);
                rest = &rest[1 + next.len_utf8()..];
                continue;
            }
        }
        if c == '`' {
            if let Some(end) = rest[1..].find('`').filter(|&end| end > 0) {
                out.push_str("<code>");
                out.push_str(&escape(&rest[1..=end]));
                out.push_str("</code>");
                rest = &rest[end + 2..];
                continue;
            }
        }
        if c == '<' {
            if let Some((html, used)) = mention(rest, names) {
                out.push_str(&html);
                rest = &rest[used..];
                continue;
            }
        }
        for (mark, open, close) in PAIRS {
            if let Some(inner) = rest.strip_prefix(mark) {
                if let Some(end) = closing(inner, mark) {
                    out.push_str(open);
                    inline(&inner[..end], names, out);
                    out.push_str(close);
                    rest = &inner[end + mark.len()..];
                    continue 'outer;
                }
            }
        }
        push_escaped(c, out);
        rest = &rest[c.len_utf8()..];
    }
}

/// Where `mark` closes a span that starts at `text` (skipping `\` escapes), if it does: the span
/// is not empty and neither starts nor ends with a space.
fn closing(text: &str, mark: &str) -> Option<usize> {
    if text.starts_with(char::is_whitespace) || text.starts_with(mark) {
        return None;
    }
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            chars.next();
        } else if i > 0 && text[i..].starts_with(mark) && !text[..i].ends_with(char::is_whitespace)
        {
            return Some(i);
        }
    }
    None
}

/// A mention at the start of `text`: its HTML and how many bytes it used.
fn mention(text: &str, names: &Names) -> Option<(String, usize)> {
    let end = text.find('>')?;
    let inner = &text[1..end];
    let (prefix, lookup): (&str, &HashMap<Snowflake, String>) =
        if let Some(id) = inner.strip_prefix("@&") {
            return Some((pill("@", &role_or_id(id, names)?), end + 1));
        } else if inner.starts_with('@') {
            ("@", &names.users)
        } else if inner.starts_with('#') {
            ("#", &names.channels)
        } else {
            return None;
        };
    let id: Snowflake = inner[1..].trim_start_matches('!').parse().ok()?;
    let name = lookup.get(&id).cloned().unwrap_or_else(|| "unknown".into());
    Some((pill(prefix, &name), end + 1))
}

fn role_or_id(id: &str, names: &Names) -> Option<String> {
    let id: Snowflake = id.parse().ok()?;
    Some(
        names
            .roles
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("role {id}")),
    )
}

fn pill(prefix: &str, name: &str) -> String {
    format!("<span class=\"mention\">{prefix}{}</span>", escape(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        let mut names = Names::default();
        names.users.insert(7, "alice<b>".into());
        names.channels.insert(9, "requests-7".into());
        let mut out = String::new();
        inline(text, &names, &mut out);
        out
    }

    #[test]
    fn tags_and_quotes_in_text_are_escaped() {
        assert_eq!(
            md("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(
            escape("<img src=x onerror=1>"),
            "&lt;img src=x onerror=1&gt;"
        );
    }

    #[test]
    fn bold_italic_code_and_escapes_render_like_discord() {
        assert_eq!(
            md("✅ **Request #1 submitted.** Follow it with `/status`."),
            "✅ <strong>Request #1 submitted.</strong> Follow it with <code>/status</code>."
        );
        assert_eq!(
            md("*a* ~~b~~ ||c||"),
            "<em>a</em> <s>b</s> <span class=\"spoiler\">c</span>"
        );
        // What `neutralise` makes of member text shows as typed, not as markup.
        assert_eq!(md(r"\*\*x\*\* \<b\>"), "**x** &lt;b&gt;");
        assert_eq!(md("`<b>`"), "<code>&lt;b&gt;</code>");
        assert_eq!(
            md("2 * 3 * 4"),
            "2 * 3 * 4",
            "a lone star with spaces is text"
        );
        assert_eq!(md("a *b * c"), "a *b * c");
        assert_eq!(md("snake_case_name"), "snake_case_name");
        assert_eq!(md("**unclosed"), "**unclosed");
    }

    #[test]
    fn mentions_show_names_escaped_and_unknown_ids_say_so() {
        assert_eq!(md("<@7>"), "<span class=\"mention\">@alice&lt;b&gt;</span>");
        assert_eq!(md("<#9>"), "<span class=\"mention\">#requests-7</span>");
        assert_eq!(
            md("<@8>"),
            "<span class=\"mention\">@unknown</span>",
            "as Discord shows it"
        );
        assert_eq!(
            md("<@\u{200b}8>"),
            "&lt;@\u{200b}8&gt;",
            "a defused mention is text"
        );
    }

    #[test]
    fn line_prefixes_become_blocks() {
        let html = block("# Title\n-# small\n> quoted\n\nplain", &Names::default());
        assert_eq!(
            html,
            "<div class=\"md-h1\">Title</div><div class=\"md-sub\">small</div>\
             <div class=\"md-quote\">quoted</div><div class=\"md-line\"><br></div>\
             <div class=\"md-line\">plain</div>"
        );
    }
}
