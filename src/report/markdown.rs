//! The Markdown report: reads well on GitHub and in a pager, Chinese tables aligned
//! (comfy-table pads by display width).

use std::fmt::Write as _;

use comfy_table::{Table, presets::ASCII_MARKDOWN};

use super::model::{Report, SectionResult};
use crate::answer::Action;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let o = &report.overall;
    let _ = writeln!(
        out,
        "# {} — {}\n",
        cell(&report.template.title),
        cell(&report.subject)
    );
    let result = match o.percent {
        Some(p) => format!(
            "**{}** · {} · {} (pass mark {}%)",
            o.result.as_str().to_uppercase(),
            percent(Some(p)),
            cell(o.rating.as_deref().unwrap_or("—")),
            o.pass_mark
        ),
        None => format!("**{}**", o.result.as_str().to_uppercase()),
    };
    for (key, value) in [
        ("Result", result),
        (
            "Template",
            cell(&format!(
                "{} {}",
                report.template.id, report.template.version
            )),
        ),
        ("Subject", cell(&report.subject)),
        ("Inspector", cell(&report.inspector)),
        ("Date", report.date.to_string()),
        (
            "Points",
            format!("{} of {}", number(o.points), number(o.max_points)),
        ),
    ] {
        let _ = writeln!(out, "- **{key}:** {value}");
    }
    out.push('\n');
    if !o.critical_failed.is_empty() {
        let _ = writeln!(
            out,
            "Critical items failed: {}\n",
            o.critical_failed
                .iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }

    let _ = writeln!(out, "## Areas\n");
    let mut areas = table(&["Area", "Percent", "Answered", "N/A", "Failed"]);
    for s in &report.sections {
        areas.add_row(vec![
            cell(&s.title),
            percent(s.percent),
            s.answered.to_string(),
            s.na.to_string(),
            s.failed.to_string(),
        ]);
    }
    let _ = writeln!(out, "{areas}\n");

    let _ = writeln!(out, "## Findings\n");
    if report.findings.is_empty() {
        let _ = writeln!(out, "No findings: every scored item got full marks.\n");
    }
    for (n, f) in report.findings.iter().enumerate() {
        let area = title_of(&report.sections, &f.section);
        let _ = writeln!(
            out,
            "{}. **{}** · {} · {} — answer: {} (score {})",
            n + 1,
            f.severity.as_str(),
            cell(area),
            cell(&f.text),
            cell(&f.answer),
            number(f.score)
        );
        if let Some(note) = &f.note {
            let _ = writeln!(out, "   - Note: {}", cell(note));
        }
        if let Some(action) = &f.action {
            let _ = writeln!(out, "   - Action: {}", action_text(action));
        }
    }
    if !report.findings.is_empty() {
        out.push('\n');
    }

    let _ = writeln!(out, "## Answers\n");
    for section in &report.sections {
        let _ = writeln!(out, "### {}\n", cell(&section.title));
        let mut answers = table(&["Item", "Answer", "Score", "Note"]);
        for a in report.answers.iter().filter(|a| a.section == section.id) {
            let answer = match (&a.answer, a.na, a.skipped) {
                (_, true, _) => "N/A".to_owned(),
                (_, _, true) => "skipped".to_owned(),
                (Some(text), _, _) => cell(text),
                (None, _, _) => "—".to_owned(),
            };
            answers.add_row(vec![
                cell(&a.text),
                answer,
                a.score.map_or_else(|| "—".to_owned(), number),
                cell(a.note.as_deref().unwrap_or("")),
            ]);
        }
        let _ = writeln!(out, "{answers}\n");
    }
    let _ = writeln!(
        out,
        "---\n{} · {}",
        report.format,
        report.digest.as_deref().unwrap_or("")
    );
    out
}

fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(ASCII_MARKDOWN)
        .force_no_tty()
        .set_header(header.to_vec());
    table
}

/// Markdown-safe single-line text: pipes escaped, line breaks and controls folded.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}%"))
}

fn number(v: f64) -> String {
    let text = format!("{v:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn title_of<'a>(sections: &'a [SectionResult], id: &'a str) -> &'a str {
    sections
        .iter()
        .find(|s| s.id == id)
        .map_or(id, |s| s.title.as_str())
}

fn action_text(action: &Action) -> String {
    let mut text = cell(&action.text);
    let details: Vec<String> = [
        action
            .owner
            .as_deref()
            .map(|o| format!("owner {}", cell(o))),
        action.due.map(|d| format!("due {d}")),
        action.priority.map(|p| format!("{} priority", p.as_str())),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !details.is_empty() {
        text.push_str(&format!(" ({})", details.join(", ")));
    }
    text
}
