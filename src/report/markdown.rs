//! The Markdown report: reads well on GitHub and in a pager, Chinese tables aligned
//! (cells padded by display width, up to [`PAD_UP_TO`] columns: a long note is not
//! padded, nor are the cells beside it padded to its width). Headings follow the
//! interface language.

use std::fmt::Write as _;

use super::display::{self, number, percent};
use super::model::Report;
use crate::locale::Lang;
use crate::msg;

pub fn render(report: &Report, lang: Lang) -> String {
    render_signed(report, lang, &[])
}

/// The report with the valid signatures found beside it (`opscheck report`).
pub fn render_signed(report: &Report, lang: Lang, signers: &[crate::signature::Signer]) -> String {
    let t = |key: &str| lang.text(key);
    let mut out = String::new();
    let o = &report.overall;
    let _ = writeln!(
        out,
        "# {} — {}\n",
        cell(&report.template.title),
        cell(&report.subject)
    );
    let verdict = t(o.result.label_key());
    let result = match o.percent {
        Some(p) => format!(
            "**{verdict}** · {} · {} ({})",
            percent(Some(p)),
            cell(o.rating.as_deref().unwrap_or("—")),
            lang.format(&msg!("term-pass-mark", mark = o.pass_mark))
        ),
        None => format!("**{verdict}**"),
    };
    let points = msg!(
        "md-points-of",
        points = number(o.points),
        max = number(o.max_points)
    );
    for (key, value) in [
        ("md-result", result),
        (
            "col-template",
            cell(&format!(
                "{} {}",
                report.template.id, report.template.version
            )),
        ),
        ("col-subject", cell(&report.subject)),
        ("col-inspector", cell(&report.inspector)),
        ("col-date", report.date.to_string()),
        ("md-points", lang.format(&points)),
    ] {
        let _ = writeln!(out, "- **{}:** {value}", t(key));
    }
    for signer in signers {
        let label = msg!("md-signed", role = signer.role.as_str());
        let _ = writeln!(out, "- **{}:** {}", lang.format(&label), cell(&signer.name));
    }
    out.push('\n');
    if !o.critical_failed.is_empty() {
        let items: Vec<String> = display::critical_failed(report)
            .iter()
            .map(|t| cell(t))
            .collect();
        let items = items.join(&lang.text("list-separator"));
        let _ = writeln!(
            out,
            "{}\n",
            lang.format(&msg!("md-critical-failed", items = items))
        );
    }

    let _ = writeln!(out, "## {}\n", t("md-areas"));
    let mut areas = table(&[
        t("col-area"),
        t("col-percent"),
        t("col-answered"),
        t("col-na"),
        t("col-failed"),
    ]);
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

    let _ = writeln!(out, "## {}\n", t("md-findings"));
    if report.findings.is_empty() {
        let _ = writeln!(out, "{}\n", t("md-no-findings"));
    }
    for (n, f) in report.findings.iter().enumerate() {
        let answer = msg!(
            "md-answer-score",
            answer = cell(&display::finding_answer(report, f, lang)),
            score = number(f.score)
        );
        let _ = writeln!(
            out,
            "{}. **{}** · {} · {} — {}",
            n + 1,
            t(f.severity.label_key()),
            cell(display::area(&report.sections, &f.section)),
            cell(&f.text),
            lang.format(&answer)
        );
        if let Some(note) = &f.note {
            let _ = writeln!(out, "   - {}: {}", t("md-note"), cell(note));
        }
        if let Some(action) = &f.action {
            let _ = writeln!(
                out,
                "   - {}: {}",
                t("md-action"),
                cell(&display::action(action, lang))
            );
        }
    }
    if !report.findings.is_empty() {
        out.push('\n');
    }

    let _ = writeln!(out, "## {}\n", t("md-answers"));
    for section in &report.sections {
        let _ = writeln!(out, "### {}\n", cell(&section.title));
        let mut answers = table(&[t("col-item"), t("col-answer"), t("col-score"), t("md-note")]);
        for a in report.answers.iter().filter(|a| a.section == section.id) {
            answers.add_row(vec![
                cell(&a.text),
                cell(&display::answer(a, lang)),
                display::score(a),
                with_evidence(cell(a.note.as_deref().unwrap_or("")), &a.evidence),
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
    crate::text::document(out)
}

/// The note followed by a link to each evidence file (relative: the report's folder
/// can be copied whole). A path that is not the file's own is shown, never linked.
fn with_evidence(note: String, evidence: &[crate::evidence::Evidence]) -> String {
    let links = evidence.iter().map(|e| {
        let name = cell(&e.name).replace('[', "\\[").replace(']', "\\]");
        if e.path_is_own() {
            format!("[{name}]({})", e.path)
        } else {
            name
        }
    });
    std::iter::once(note)
        .filter(|n| !n.is_empty())
        .chain(links)
        .collect::<Vec<_>>()
        .join(" · ")
}

fn table(header: &[String]) -> Table {
    Table {
        header: header.to_vec(),
        rows: Vec::new(),
    }
}

/// Cells at most this many display columns wide are padded to align their column;
/// wider cells are written as they are, so padding stays proportional to the content.
pub const PAD_UP_TO: usize = 40;

/// A GitHub-flavoured Markdown table.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn add_row(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let width = textwrap::core::display_width;
        let widths: Vec<usize> = (0..self.header.len())
            .map(|column| {
                std::iter::once(&self.header)
                    .chain(&self.rows)
                    .filter_map(|row| row.get(column))
                    .map(|cell| width(cell))
                    .filter(|&w| w <= PAD_UP_TO)
                    .max()
                    .unwrap_or(0)
                    .max(3)
            })
            .collect();
        let line = |f: &mut std::fmt::Formatter<'_>, row: &[String]| {
            f.write_str("|")?;
            for (cell, &w) in row.iter().zip(&widths) {
                let pad = w.saturating_sub(width(cell));
                write!(f, " {cell}{:pad$} |", "")?;
            }
            Ok::<(), std::fmt::Error>(())
        };
        line(f, &self.header)?;
        f.write_str("\n|")?;
        for &w in &widths {
            write!(f, "{:-<1$}|", "", w + 2)?;
        }
        for row in &self.rows {
            f.write_str("\n")?;
            line(f, row)?;
        }
        Ok(())
    }
}

/// Markdown-safe single-line text: see [`crate::text::markdown`].
fn cell(text: &str) -> String {
    crate::text::markdown(text)
}
