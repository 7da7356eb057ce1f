//! Discord's message markdown, the subset bots use, turned into HTML with maud.
//!
//! A line is first parsed into [`Span`]s (`**bold**`, `*italic*`, `__underline__`,
//! `~~strike~~`, `||spoiler||`, `` `code` ``, `\` escapes, mentions `<@id>`, `<@&id>`, `<#id>`),
//! then rendered by maud, which escapes every text it is given; per line `# `, `## `, `### `,
//! `-# ` and `> ` choose the line's class. No markup is built from strings here, so
//! member-written text can never inject tags.

use std::collections::HashMap;

use maud::{html, Markup, Render};

use crate::snowflake::Snowflake;

/// Names to show for mentions.
#[derive(Debug, Default, Clone)]
pub(crate) struct Names {
    pub users: HashMap<Snowflake, String>,
    pub channels: HashMap<Snowflake, String>,
    pub roles: HashMap<Snowflake, String>,
}

/// A block of markdown (an embed description or field value), line by line.
pub(crate) fn block(text: &str, names: &Names) -> Markup {
    block_ending(text, names, None)
}

/// A block of markdown with `tail` inside its last line (a message's "(edited)", where
/// Discord shows it). Trailing blank lines are dropped, as Discord trims them.
pub(crate) fn block_ending(text: &str, names: &Names, tail: Option<&Markup>) -> Markup {
    let lines: Vec<&str> = text.trim_end_matches(['\n', ' ']).split('\n').collect();
    let last = lines.len() - 1;
    html! {
        @for (i, line) in lines.iter().enumerate() {
            @let (class, rest) = line_class(line);
            div class=(class) {
                @if rest.is_empty() {
                    br;
                } @else {
                    (inline(rest, names))
                }
                @if i == last {
                    @if let Some(tail) = tail {
                        (tail)
                    }
                }
            }
        }
    }
}

/// A line's class by its prefix, and the rest of the line.
fn line_class(line: &str) -> (&'static str, &str) {
    const PREFIXES: [(&str, &str); 5] = [
        ("-# ", "md-sub"),
        ("### ", "md-h3"),
        ("## ", "md-h2"),
        ("# ", "md-h1"),
        ("> ", "md-quote"),
    ];
    PREFIXES
        .iter()
        .find_map(|(prefix, class)| line.strip_prefix(prefix).map(|rest| (*class, rest)))
        .unwrap_or(("md-line", line))
}

/// One line of inline markdown.
pub(crate) fn inline(text: &str, names: &Names) -> Markup {
    html! {
        @for span in spans(text, names) {
            (span)
        }
    }
}

/// A piece of a line of inline markdown.
#[derive(Debug)]
enum Span<'a> {
    /// Text shown as typed (its `\` escapes resolved).
    Text(String),
    /// `` `code` ``.
    Code(&'a str),
    /// A mention pill: `@` or `#` and the name.
    Mention(&'static str, String),
    /// A span between two marks, and what is inside it.
    Styled(Style, Vec<Span<'a>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Strong,
    Underline,
    Strike,
    Spoiler,
    Emphasis,
}

/// The marks of styled spans, longest first so that `**` is not read as two `*`.
const MARKS: [(&str, Style); 5] = [
    ("**", Style::Strong),
    ("__", Style::Underline),
    ("~~", Style::Strike),
    ("||", Style::Spoiler),
    ("*", Style::Emphasis),
];

impl Render for Span<'_> {
    fn render(&self) -> Markup {
        html! {
            @match self {
                Span::Text(text) => (text),
                Span::Code(code) => code { (code) },
                Span::Mention(prefix, name) => span.mention { (prefix) (name) },
                Span::Styled(style, inner) => {
                    @let inner = html! { @for span in inner { (span) } };
                    @match style {
                        Style::Strong => strong { (inner) },
                        Style::Underline => u { (inner) },
                        Style::Strike => s { (inner) },
                        Style::Spoiler => span.spoiler { (inner) },
                        Style::Emphasis => em { (inner) },
                    }
                }
            }
        }
    }
}

/// Parses one line into spans; what is not markup this module recognises is text.
fn spans<'a>(text: &'a str, names: &Names) -> Vec<Span<'a>> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let push = |span: Span<'a>, plain: &mut String, out: &mut Vec<Span<'a>>| {
        if !plain.is_empty() {
            out.push(Span::Text(std::mem::take(plain)));
        }
        out.push(span);
    };
    let mut rest = text;
    'outer: while let Some(c) = rest.chars().next() {
        if c == '\\' {
            if let Some(next) = rest[1..].chars().next().filter(char::is_ascii_punctuation) {
                plain.push(next);
                rest = &rest[1 + next.len_utf8()..];
                continue;
            }
        }
        if c == '`' {
            if let Some(end) = rest[1..].find('`').filter(|&end| end > 0) {
                push(Span::Code(&rest[1..=end]), &mut plain, &mut out);
                rest = &rest[end + 2..];
                continue;
            }
        }
        if c == '<' {
            if let Some((span, used)) = mention(rest, names) {
                push(span, &mut plain, &mut out);
                rest = &rest[used..];
                continue;
            }
        }
        for (mark, style) in MARKS {
            if let Some(inner) = rest.strip_prefix(mark) {
                if let Some(end) = closing(inner, mark) {
                    let span = Span::Styled(style, spans(&inner[..end], names));
                    push(span, &mut plain, &mut out);
                    rest = &inner[end + mark.len()..];
                    continue 'outer;
                }
            }
        }
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !plain.is_empty() {
        out.push(Span::Text(plain));
    }
    out
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

/// A mention at the start of `text`: its pill and how many bytes it used.
fn mention<'a>(text: &str, names: &Names) -> Option<(Span<'a>, usize)> {
    let end = text.find('>')?;
    let inner = &text[1..end];
    let (prefix, lookup): (&str, &HashMap<Snowflake, String>) =
        if let Some(id) = inner.strip_prefix("@&") {
            return Some((Span::Mention("@", role_or_id(id, names)?), end + 1));
        } else if inner.starts_with('@') {
            ("@", &names.users)
        } else if inner.starts_with('#') {
            ("#", &names.channels)
        } else {
            return None;
        };
    let id: Snowflake = inner[1..].trim_start_matches('!').parse().ok()?;
    let name = lookup.get(&id).cloned().unwrap_or_else(|| "unknown".into());
    Some((Span::Mention(prefix, name), end + 1))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        let mut names = Names::default();
        names.users.insert(7, "alice<b>".into());
        names.channels.insert(9, "requests-7".into());
        inline(text, &names).into_string()
    }

    #[test]
    fn tags_and_quotes_in_text_are_escaped() {
        // maud escapes `&`, `<`, `>` and `"`; a `'` is harmless in element content and in
        // maud's attributes, which are always double-quoted.
        assert_eq!(
            md("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(md("<img src=x onerror=1>"), "&lt;img src=x onerror=1&gt;");
        assert_eq!(
            md("**<i>** ||<u>|| `</code>`"),
            "<strong>&lt;i&gt;</strong> <span class=\"spoiler\">&lt;u&gt;</span> \
             <code>&lt;/code&gt;</code>",
            "text inside markup is escaped too"
        );
    }

    #[test]
    fn bold_italic_code_and_escapes_render_like_discord() {
        assert_eq!(
            md("✅ **Request #1 submitted.** Follow it with `/status`."),
            "✅ <strong>Request #1 submitted.</strong> Follow it with <code>/status</code>."
        );
        assert_eq!(
            md("*a* ~~b~~ ||c|| __d__"),
            "<em>a</em> <s>b</s> <span class=\"spoiler\">c</span> <u>d</u>"
        );
        assert_eq!(
            md("**bold *and italic* too**"),
            "<strong>bold <em>and italic</em> too</strong>",
            "spans nest"
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
            md("<@&5>"),
            "<span class=\"mention\">@role 5</span>",
            "an unknown role shows its id"
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
            html.into_string(),
            "<div class=\"md-h1\">Title</div><div class=\"md-sub\">small</div>\
             <div class=\"md-quote\">quoted</div><div class=\"md-line\"><br></div>\
             <div class=\"md-line\">plain</div>"
        );
    }

    #[test]
    fn a_tail_goes_inside_the_last_line_even_an_empty_one() {
        let tail = html! { span.edited { "(edited)" } };
        let names = Names::default();
        assert_eq!(
            block_ending("one\ntwo\n\n", &names, Some(&tail)).into_string(),
            "<div class=\"md-line\">one</div>\
             <div class=\"md-line\">two<span class=\"edited\">(edited)</span></div>"
        );
        assert_eq!(
            block_ending("a\n ", &names, Some(&tail)).into_string(),
            "<div class=\"md-line\">a<span class=\"edited\">(edited)</span></div>"
        );
        assert_eq!(
            block_ending("", &names, Some(&tail)).into_string(),
            "<div class=\"md-line\"><br><span class=\"edited\">(edited)</span></div>"
        );
    }
}
