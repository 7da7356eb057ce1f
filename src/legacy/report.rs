//! What an import did: counts, and every row skipped or imported with a change, grouped by
//! reason for the summary the operator reads.

use std::fmt::Write as _;

/// How many of each group the summary lists before "… and N more".
const SHOWN_PER_GROUP: usize = 5;

/// One legacy row (or part of one) that was skipped or changed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `character`, `request`, `audit log entry`, `action log`.
    pub kind: &'static str,
    /// The same text for every row skipped for the same reason.
    pub reason: String,
    /// Which row: its legacy id and enough to find it.
    pub item: String,
}

/// The outcome of one `import-legacy` run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub characters: u32,
    pub requests: u32,
    /// Events imported, from audit logs and action logs together.
    pub events: u32,
    pub already_characters: u32,
    pub already_requests: u32,
    pub already_action_logs: u32,
    pub skipped: Vec<Finding>,
    /// Imported, but not exactly as the legacy row had it.
    pub adjusted: Vec<Finding>,
}

impl ImportReport {
    pub(crate) fn skip(
        &mut self,
        kind: &'static str,
        reason: impl Into<String>,
        item: impl Into<String>,
    ) {
        self.skipped.push(Finding {
            kind,
            reason: reason.into(),
            item: item.into(),
        });
    }

    pub(crate) fn adjust(
        &mut self,
        kind: &'static str,
        reason: impl Into<String>,
        item: impl Into<String>,
    ) {
        self.adjusted.push(Finding {
            kind,
            reason: reason.into(),
            item: item.into(),
        });
    }

    /// Whether this run wrote anything.
    #[must_use]
    pub fn imported_anything(&self) -> bool {
        self.characters + self.requests + self.events > 0
    }

    /// The summary printed by `craftdesk import-legacy`.
    #[must_use]
    pub fn render(&self, source: &str, guild: &str) -> String {
        let mut out = format!("Imported from {source} into guild {guild}:\n");
        let _ = writeln!(
            out,
            "  characters: {} imported, {} already imported",
            self.characters, self.already_characters
        );
        let _ = writeln!(
            out,
            "  requests:   {} imported, {} already imported",
            self.requests, self.already_requests
        );
        let _ = writeln!(
            out,
            "  events:     {} imported (action logs already imported: {})",
            self.events, self.already_action_logs
        );
        render_findings(&mut out, "Skipped", &self.skipped);
        render_findings(&mut out, "Imported with changes", &self.adjusted);
        if !self.imported_anything() {
            out.push_str("Nothing new to import: every importable row is already in craftdesk.\n");
        }
        out
    }
}

fn render_findings(out: &mut String, title: &str, findings: &[Finding]) {
    if findings.is_empty() {
        let _ = writeln!(out, "{title}: none");
        return;
    }
    let _ = writeln!(out, "{title}: {}", findings.len());
    let mut groups: Vec<(&str, &str, Vec<&str>)> = Vec::new();
    for finding in findings {
        match groups
            .iter_mut()
            .find(|(kind, reason, _)| *kind == finding.kind && *reason == finding.reason)
        {
            Some((_, _, items)) => items.push(&finding.item),
            None => groups.push((finding.kind, &finding.reason, vec![&finding.item])),
        }
    }
    for (kind, reason, items) in groups {
        let _ = writeln!(out, "  {} × {kind}: {reason}", items.len());
        for item in items.iter().take(SHOWN_PER_GROUP) {
            let _ = writeln!(out, "      {item}");
        }
        if items.len() > SHOWN_PER_GROUP {
            let _ = writeln!(out, "      … and {} more", items.len() - SHOWN_PER_GROUP);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn findings_are_grouped_by_reason_with_the_first_few_shown() {
        let mut report = ImportReport {
            characters: 2,
            requests: 1,
            events: 3,
            ..Default::default()
        };
        for id in 1..=7 {
            report.skip("action log", "not about a request", format!("#{id}"));
        }
        report.skip(
            "character",
            "the member already has a character of that name",
            "#3",
        );
        let text = report.render("legacy.sqlite", "900");
        assert!(
            text.contains("characters: 2 imported, 0 already imported"),
            "{text}"
        );
        assert!(
            text.contains("Skipped: 8\n  7 × action log: not about a request\n      #1\n"),
            "{text}"
        );
        assert!(text.contains("      #5\n      … and 2 more\n"), "{text}");
        assert!(!text.contains("#6"), "{text}");
        assert!(
            text.contains("1 × character: the member already has a character of that name"),
            "{text}"
        );
        assert!(text.contains("Imported with changes: none"), "{text}");
        assert!(!text.contains("Nothing new"), "{text}");
        assert!(ImportReport::default()
            .render("x", "1")
            .contains("Nothing new to import"));
    }
}
