//! The CSV action plan: one row per finding, ready for a spreadsheet.

use super::display::{self, number};
use super::model::Report;
use crate::locale::Lang;

/// The catalogue keys of the action plan's columns (CSV and xlsx).
pub(crate) const ACTION_PLAN_COLUMNS: [&str; 10] = [
    "col-area",
    "col-item",
    "csv-severity",
    "col-answer",
    "col-score",
    "md-note",
    "md-action",
    "csv-owner",
    "csv-due",
    "csv-priority",
];

/// Renders the findings as CSV (RFC 4180, UTF-8). Cells that a spreadsheet would run as
/// a formula are neutralised.
pub fn render(report: &Report, lang: Lang) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let header = ACTION_PLAN_COLUMNS.map(|key| lang.text(key));
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(&header);
    for f in &report.findings {
        let action = f.action.as_ref();
        let row = [
            display::area(&report.sections, &f.section).to_owned(),
            f.text.clone(),
            lang.text(f.severity.label_key()),
            display::finding_answer(report, f, lang),
            number(f.score),
            f.note.clone().unwrap_or_default(),
            action.map(|a| a.text.clone()).unwrap_or_default(),
            action.and_then(|a| a.owner.clone()).unwrap_or_default(),
            action
                .and_then(|a| a.due)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            action
                .and_then(|a| a.priority)
                .map(|p| lang.text(p.label_key()))
                .unwrap_or_default(),
        ]
        .map(|cell| safe_cell(&cell));
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A cell for a spreadsheet: one line, and a text cell that a spreadsheet would run
/// as a formula made text with a leading `'` (the rule: [`crate::text::is_formula`]).
pub fn safe_cell(cell: &str) -> String {
    crate::text::csv_cell(cell, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_stay_numbers() {
        for (cell, expected) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1 refill", "'+1 refill"),
            ("-2", "-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", " x"),
            ("fine = ok", "fine = ok"),
            ("整改", "整改"),
        ] {
            assert_eq!(safe_cell(cell), expected);
        }
    }
}
