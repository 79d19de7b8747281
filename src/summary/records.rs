//! A view's JSON rows as flat records, for CSV: the same field names and numbers as
//! `--format json` (a percent as 87.5, a change as -12.5, overdue as whole days, a share
//! as 0.25), none of the terminal's glyphs. Text cells are made safe for spreadsheets.

use serde_json::{Map, Value};

use crate::answer::clean;
use crate::report::csv::safe_cell;

/// The header and the rows of a view's JSON: its `rows`, or each group's rows (`groups`
/// of `--by area`) with the group's own fields first. Columns in the order the view
/// writes its fields, the union over all rows.
pub fn to_records(json: &Value) -> (Vec<String>, Vec<Vec<String>>) {
    let mut flat: Vec<Map<String, Value>> = Vec::new();
    if let Some(rows) = json.get("rows").and_then(Value::as_array) {
        flat.extend(rows.iter().filter_map(Value::as_object).cloned());
    }
    for group in json
        .get("groups")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(group) = group.as_object() else {
            continue;
        };
        let own: Map<String, Value> = group
            .iter()
            .filter(|(_, v)| !is_rows(v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for rows in group.values().filter(|v| is_rows(v)) {
            for row in rows
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_object)
            {
                let mut record = own.clone();
                record.extend(row.iter().map(|(k, v)| (k.clone(), v.clone())));
                flat.push(record);
            }
        }
    }
    let mut headers: Vec<String> = Vec::new();
    for record in &flat {
        for key in record.keys() {
            if !headers.contains(key) {
                headers.push(key.clone());
            }
        }
    }
    let rows = flat
        .iter()
        .map(|record| {
            headers
                .iter()
                .map(|h| record.get(h).map(cell).unwrap_or_default())
                .collect()
        })
        .collect();
    (headers, rows)
}

/// An array of objects: rows nested in a group.
fn is_rows(value: &Value) -> bool {
    value
        .as_array()
        .is_some_and(|a| a.first().is_some_and(Value::is_object))
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        // Text that a spreadsheet would run as a formula is neutralised; numbers,
        // negative ones included, stay numbers.
        Value::String(s) => safe_cell(&clean(s)),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(", "),
        Value::Object(_) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn rows_and_groups_flatten_in_field_order() {
        let (headers, rows) = to_records(&json!({
            "view": "area",
            "groups": [
                { "template": "t", "versions": ["1", "2"], "areas": [
                    { "section": "a", "mean": 87.5, "below_pass_mark": 0.25 },
                    { "section": "b", "mean": null, "extra": -12.5 },
                ]},
            ],
        }));
        assert_eq!(
            headers,
            [
                "template",
                "versions",
                "section",
                "mean",
                "below_pass_mark",
                "extra"
            ]
        );
        assert_eq!(rows[0], ["t", "1, 2", "a", "87.5", "0.25", ""]);
        assert_eq!(rows[1], ["t", "1, 2", "b", "", "", "-12.5"]);
        let (headers, rows) =
            to_records(&json!({ "rows": [{ "overdue_days": 47, "owner": "王\u{1b}[31m芳" }] }));
        assert_eq!(headers, ["overdue_days", "owner"]);
        assert_eq!(rows[0][0], "47");
        assert!(!rows[0][1].contains('\u{1b}'));
    }
}
