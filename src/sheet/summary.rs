//! A summary view as a sheet. It reads the view's stable JSON (the same rows
//! `--format json` prints), so that every view's numbers arrive typed, whatever the
//! terminal table does with them.

use serde_json::Value;

use super::{Book, Cell, Properties, Sheet, SheetResult};
use crate::answer::Priority;
use crate::locale::Lang;
use crate::scoring::Verdict;
use crate::summary::Output;

/// How a JSON field is shown.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Date,
    /// 0..=100.
    Percent,
    /// 0..=1.
    Share,
    Number,
    /// `pass`, `fail`, `no-score`, or a priority: shown in the interface language.
    Label,
    /// A state of the loop's lists (an action's status, a waiver's state, a site's
    /// due status): shown in the interface language.
    State,
}

/// (header key, JSON field, kind) for the columns of each view.
type Columns = &'static [(&'static str, &'static str, Kind)];

const INSPECTIONS: Columns = &[
    ("col-date", "date", Kind::Date),
    ("col-subject", "subject", Kind::Text),
    ("col-inspector", "inspector", Kind::Text),
    ("col-template", "template", Kind::Text),
    ("xlsx-template-version", "version", Kind::Text),
    ("col-percent", "percent", Kind::Percent),
    ("summary-result", "result", Kind::Label),
    ("summary-rating", "rating", Kind::Text),
    ("diff-findings", "findings", Kind::Number),
    ("summary-critical", "critical_failed", Kind::Number),
];

const AREAS: Columns = &[
    ("col-template", "template", Kind::Text),
    ("xlsx-section-id", "section", Kind::Text),
    ("col-area", "title", Kind::Text),
    ("summary-mean", "mean", Kind::Percent),
    ("summary-min", "min", Kind::Percent),
    ("summary-max", "max", Kind::Percent),
    ("summary-below", "below_pass_mark", Kind::Share),
    ("summary-reports", "reports", Kind::Number),
];

const SUBJECTS: Columns = &[
    ("col-template", "template", Kind::Text),
    ("col-subject", "subject", Kind::Text),
    ("summary-latest-date", "latest_date", Kind::Date),
    ("summary-latest", "latest", Kind::Percent),
    ("xlsx-previous", "previous", Kind::Percent),
    ("xlsx-change-points", "change", Kind::Number),
    ("summary-count", "count", Kind::Number),
    ("summary-mean", "mean", Kind::Percent),
];

const INSPECTORS: Columns = &[
    ("col-inspector", "inspector", Kind::Text),
    ("summary-count", "count", Kind::Number),
    ("summary-mean", "mean", Kind::Percent),
    ("summary-min", "min", Kind::Percent),
    ("summary-max", "max", Kind::Percent),
    ("summary-pass-rate", "pass_rate", Kind::Share),
    ("summary-latest-date", "latest_date", Kind::Date),
];

const MONTHS: Columns = &[
    ("summary-month", "month", Kind::Text),
    ("summary-count", "count", Kind::Number),
    ("summary-mean", "mean", Kind::Percent),
    ("summary-min", "min", Kind::Percent),
    ("summary-max", "max", Kind::Percent),
    ("summary-pass-rate", "pass_rate", Kind::Share),
    ("summary-latest-date", "latest_date", Kind::Date),
];

const FINDINGS: Columns = &[
    ("col-template", "template", Kind::Text),
    ("xlsx-item-id", "item", Kind::Text),
    ("col-item", "text", Kind::Text),
    ("summary-failed-count", "failed", Kind::Number),
    ("summary-share", "share", Kind::Share),
    ("summary-critical", "critical", Kind::Number),
    ("summary-latest-note", "latest_note", Kind::Text),
    ("xlsx-latest-note-date", "latest_note_date", Kind::Date),
];

const ACTIONS: Columns = &[
    ("csv-due", "due", Kind::Date),
    ("xlsx-overdue-days", "overdue_days", Kind::Number),
    ("col-subject", "subject", Kind::Text),
    ("col-template", "template", Kind::Text),
    ("col-item", "text", Kind::Text),
    ("md-action", "action", Kind::Text),
    ("csv-owner", "owner", Kind::Text),
    ("csv-priority", "priority", Kind::Label),
    ("col-date", "date", Kind::Date),
];

const TEMPLATES: Columns = &[
    ("col-template", "template", Kind::Text),
    ("list-version", "versions", Kind::Text),
    ("summary-count", "count", Kind::Number),
    ("summary-mean", "mean", Kind::Percent),
    ("summary-pass-rate", "pass_rate", Kind::Share),
    ("diff-findings", "findings", Kind::Number),
    ("summary-critical", "critical_failed", Kind::Number),
    ("summary-latest-date", "latest_date", Kind::Date),
];

/// `opscheck actions`: one row per action.
const ACTION_LIST: Columns = &[
    ("actions-id", "id", Kind::Text),
    ("actions-status", "status", Kind::State),
    ("col-subject", "subject", Kind::Text),
    ("col-template", "template", Kind::Text),
    ("xlsx-item-id", "item", Kind::Text),
    ("col-item", "item_text", Kind::Text),
    ("actions-action", "text", Kind::Text),
    ("actions-owner", "owner", Kind::Text),
    ("csv-priority", "priority", Kind::Label),
    ("actions-due", "due", Kind::Date),
    ("xlsx-overdue-days", "days_overdue", Kind::Number),
    ("actions-opened", "opened", Kind::Date),
    ("actions-last-failed", "last_failed", Kind::Date),
];

/// `opscheck due`: one row per site and schedule.
const DUE: Columns = &[
    ("col-subject", "subject", Kind::Text),
    ("due-name", "name", Kind::Text),
    ("due-region", "region", Kind::Text),
    ("col-template", "template", Kind::Text),
    ("due-cadence", "cadence", Kind::Text),
    ("due-last", "last", Kind::Date),
    ("due-next", "next_due", Kind::Date),
    ("xlsx-overdue-days", "days_overdue", Kind::Number),
    ("actions-status", "status", Kind::State),
];

/// `opscheck waivers`: one row per waiver.
const WAIVERS: Columns = &[
    ("actions-status", "state", Kind::State),
    ("col-subject", "subject", Kind::Text),
    ("col-template", "template", Kind::Text),
    ("xlsx-item-id", "item", Kind::Text),
    ("xlsx-section-id", "section", Kind::Text),
    ("waivers-reason", "reason", Kind::Text),
    ("waivers-approved-by", "approved_by", Kind::Text),
    ("waivers-from", "from", Kind::Date),
    ("waivers-expires", "expires", Kind::Date),
    ("xlsx-days-left", "days_left", Kind::Number),
];

/// The catalogue key of a loop state, if it is one.
fn state_key(state: &str) -> Option<&'static str> {
    Some(match state {
        "open" => "action-status-open",
        "overdue" => "action-status-overdue",
        "reopened" => "action-status-reopened",
        "done" => "action-status-done",
        "verified" => "action-status-verified",
        "active" => "waiver-state-active",
        "expiring" => "waiver-state-expiring",
        "expired" => "waiver-state-expired",
        "pending" => "waiver-state-pending",
        "never" => "due-never",
        "due" => "due-today",
        "upcoming" => "xlsx-due-upcoming",
        _ => return None,
    })
}

/// The loop's lists have no `view`: their one list names them.
fn list_columns(json: &Value) -> Option<(&'static str, &'static str, Columns)> {
    [
        ("actions", "xlsx-sheet-action-list", ACTION_LIST),
        ("due", "xlsx-sheet-due", DUE),
        ("waivers", "xlsx-sheet-waivers", WAIVERS),
    ]
    .into_iter()
    .find(|(field, ..)| json[*field].is_array())
}

/// The view's sheet name key and columns, from its JSON `view`.
fn columns(view: &str) -> Option<(&'static str, Columns)> {
    Some(match view {
        "inspections" => ("xlsx-sheet-inspections", INSPECTIONS),
        "area" => ("md-areas", AREAS),
        "subject" => ("xlsx-sheet-subjects", SUBJECTS),
        "inspector" => ("xlsx-sheet-inspectors", INSPECTORS),
        "month" => ("xlsx-sheet-months", MONTHS),
        "findings" => ("md-findings", FINDINGS),
        "actions" => ("xlsx-sheet-actions", ACTIONS),
        "template" => ("xlsx-sheet-templates", TEMPLATES),
        _ => return None,
    })
}

/// The rows of a view's JSON; the area view's groups are flattened, each row carrying
/// its template.
fn rows(json: &Value) -> Vec<Value> {
    if let Some(groups) = json["groups"].as_array() {
        let mut out = Vec::new();
        for group in groups {
            for area in group["areas"].as_array().into_iter().flatten() {
                let mut row = area.clone();
                row["template"] = group["template"].clone();
                out.push(row);
            }
        }
        return out;
    }
    if let Some((field, ..)) = list_columns(json) {
        return json[field].as_array().cloned().unwrap_or_default();
    }
    json["rows"].as_array().cloned().unwrap_or_default()
}

fn cell(value: &Value, kind: Kind, lang: Lang) -> Cell {
    match (value, kind) {
        (Value::Null, _) => Cell::Empty,
        (Value::String(s), Kind::Date) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_or_else(|_| Cell::text(s), Cell::Date),
        (Value::String(s), Kind::Label) => {
            let label = serde_json::from_value::<Verdict>(value.clone())
                .map(|v| v.label_key())
                .or_else(|_| {
                    serde_json::from_value::<Priority>(value.clone()).map(|p| p.label_key())
                });
            label.map_or_else(|_| Cell::text(s), |key| Cell::text(lang.text(key)))
        }
        (Value::String(s), Kind::State) => {
            Cell::text(state_key(s).map_or_else(|| s.clone(), |key| lang.text(key)))
        }
        (Value::String(s), _) => Cell::text(s),
        (Value::Number(n), Kind::Percent) => Cell::opt_percent(n.as_f64()),
        (Value::Number(n), Kind::Share) => n.as_f64().map_or(Cell::Empty, Cell::Share),
        (Value::Number(n), _) => match n.as_i64() {
            Some(i) => Cell::Integer(i),
            None => Cell::opt_number(n.as_f64()),
        },
        (Value::Bool(b), _) => Cell::Bool(*b),
        (Value::Array(list), _) => Cell::text(
            list.iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (other, _) => Cell::text(other.to_string()),
    }
}

/// A view without a column list of its own: its JSON fields in order, typed by
/// value (a field named `date` or ending in `_date` or `due` is a date).
fn generic_columns(rows: &[Value]) -> Vec<(String, Kind)> {
    let Some(Value::Object(first)) = rows.first() else {
        return Vec::new();
    };
    first
        .keys()
        .map(|key| {
            let kind = if key == "date" || key.ends_with("_date") || key.ends_with("due") {
                Kind::Date
            } else {
                Kind::Text
            };
            (key.clone(), kind)
        })
        .collect()
}

/// The view as a one-sheet workbook.
pub fn book(output: &Output, lang: Lang) -> SheetResult<Book> {
    let view = output.json["view"].as_str().unwrap_or_default();
    let rows = rows(&output.json);
    let known = columns(view).or_else(|| list_columns(&output.json).map(|(_, name, c)| (name, c)));
    let (name, headers, fields): (String, Vec<String>, Vec<(String, Kind)>) = match known {
        Some((name, columns)) => (
            lang.text(name),
            columns.iter().map(|(key, ..)| lang.text(key)).collect(),
            columns
                .iter()
                .map(|(_, field, kind)| ((*field).to_owned(), *kind))
                .collect(),
        ),
        None => {
            let fields = generic_columns(&rows);
            (
                view.to_owned(),
                fields.iter().map(|(f, _)| f.clone()).collect(),
                fields,
            )
        }
    };
    let mut book = Book::new(&Properties {
        title: lang.format(&crate::msg!("xlsx-summary-title", view = name.as_str())),
        ..Properties::default()
    });
    let mut sheet = Sheet::new(&name, &headers)?;
    for row in &rows {
        let cells: Vec<Cell> = fields
            .iter()
            .map(|(field, kind)| cell(&row[field.as_str()], *kind, lang))
            .collect();
        sheet.push(&cells)?;
    }
    book.add(sheet)?;
    Ok(book)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A view this module has no column list for still gets typed cells.
    #[test]
    fn an_unknown_view_keeps_its_fields_typed() {
        let json = serde_json::json!({
            "view": "future",
            "rows": [{ "latest_date": "2026-01-31", "count": 3, "open": true, "name": "上海" }],
        });
        let rows = rows(&json);
        let fields = generic_columns(&rows);
        let cells: Vec<Cell> = fields
            .iter()
            .map(|(f, k)| cell(&rows[0][f.as_str()], *k, Lang::En))
            .collect();
        assert!(cells.contains(&Cell::Date(
            chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()
        )));
        assert!(cells.contains(&Cell::Integer(3)));
        assert!(cells.contains(&Cell::Bool(true)));
        assert!(cells.contains(&Cell::text("上海")));
    }
}
