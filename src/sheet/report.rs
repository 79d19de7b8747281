//! One report as a workbook: an overview, the areas, the action plan (one row per
//! finding) and every answer, each on its own sheet.

use super::{Book, Cell, Properties, Sheet, SheetResult};
use crate::locale::Lang;
use crate::report::Report;
use crate::report::display;

/// The report's workbook, in the interface language.
pub fn book(report: &Report, lang: Lang) -> SheetResult<Book> {
    let t = |key: &str| lang.text(key);
    let mut book = Book::new(&Properties {
        title: format!("{} — {}", report.template.title, report.subject),
        author: report.inspector.clone(),
        subject: report.subject.clone(),
        created: Some(report.finished_at),
    });
    let o = &report.overall;

    let mut overview = Sheet::new(
        &t("xlsx-sheet-overview"),
        &[t("xlsx-field"), t("xlsx-value")],
    )?;
    let rows = [
        ("col-template", Cell::text(&report.template.title)),
        ("xlsx-template-id", Cell::text(&report.template.id)),
        (
            "xlsx-template-version",
            Cell::text(&report.template.version),
        ),
        ("col-subject", Cell::text(&report.subject)),
        ("col-inspector", Cell::text(&report.inspector)),
        ("col-date", Cell::Date(report.date)),
        ("col-percent", Cell::opt_percent(o.percent)),
        ("md-result", Cell::text(t(o.result.label_key()))),
        ("summary-rating", Cell::opt_text(o.rating.as_deref())),
        ("xlsx-pass-mark", Cell::Percent(o.pass_mark)),
        ("md-points", Cell::Number(o.points)),
        ("xlsx-max-points", Cell::Number(o.max_points)),
        (
            "summary-critical",
            Cell::text(display::critical_failed(report).join(&t("list-separator"))),
        ),
    ];
    for (key, value) in rows {
        overview.push(&[Cell::text(t(key)), value])?;
    }
    book.add(overview)?;

    let mut areas = Sheet::new(
        &t("md-areas"),
        &[
            "col-area",
            "xlsx-section-id",
            "xlsx-weight",
            "col-percent",
            "md-points",
            "xlsx-max-points",
            "col-answered",
            "col-na",
            "col-failed",
        ]
        .map(t),
    )?;
    for s in &report.sections {
        areas.push(&[
            Cell::text(&s.title),
            Cell::text(&s.id),
            Cell::Number(s.weight),
            Cell::opt_percent(s.percent),
            Cell::Number(s.points),
            Cell::Number(s.max_points),
            Cell::Integer(count(s.answered)),
            Cell::Integer(count(s.na)),
            Cell::Integer(count(s.failed)),
        ])?;
    }
    book.add(areas)?;

    // The same columns as the CSV action plan, typed.
    let mut plan = Sheet::new(
        &t("xlsx-sheet-actions"),
        &crate::report::csv::ACTION_PLAN_COLUMNS.map(t),
    )?;
    for f in &report.findings {
        let action = f.action.as_ref();
        plan.push(&[
            Cell::text(display::area(&report.sections, &f.section)),
            Cell::text(&f.text),
            Cell::text(t(f.severity.label_key())),
            Cell::text(display::finding_answer(report, f, lang)),
            Cell::Number(f.score),
            Cell::opt_text(f.note.as_deref()),
            Cell::opt_text(action.map(|a| a.text.as_str())),
            Cell::opt_text(action.and_then(|a| a.owner.as_deref())),
            Cell::opt_date(action.and_then(|a| a.due)),
            action
                .and_then(|a| a.priority)
                .map_or(Cell::Empty, |p| Cell::text(t(p.label_key()))),
        ])?;
    }
    book.add(plan)?;

    let mut answers = Sheet::new(
        &t("md-answers"),
        &[
            "col-area",
            "xlsx-item-id",
            "col-item",
            "xlsx-kind",
            "col-answer",
            "col-score",
            "xlsx-weight",
            "md-note",
        ]
        .map(t),
    )?;
    for a in &report.answers {
        answers.push(&[
            Cell::text(display::area(&report.sections, &a.section)),
            Cell::text(&a.item),
            Cell::text(&a.text),
            Cell::text(&a.kind),
            Cell::text(display::answer(a, lang)),
            Cell::opt_number(a.score),
            Cell::Number(a.weight),
            Cell::opt_text(a.note.as_deref()),
        ])?;
    }
    book.add(answers)?;
    Ok(book)
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
