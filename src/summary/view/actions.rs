//! `--actions`: the corrective actions of the reports, overdue first.

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::answer::{Action, Priority, clean};
use crate::msg;
use crate::summary::{Context, Entry, Output, Table, View};

#[derive(Debug, Clone)]
pub struct Actions {
    /// The day overdue is counted from.
    today: NaiveDate,
    rows: Vec<ActionRow>,
}

impl Actions {
    pub fn new(today: NaiveDate) -> Actions {
        Actions {
            today,
            rows: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct ActionRow {
    subject: String,
    date: NaiveDate,
    template: String,
    item: String,
    text: String,
    action: Action,
}

impl View for Actions {
    fn name(&self) -> &'static str {
        "actions"
    }

    fn add(&mut self, e: Entry) {
        for f in e.findings {
            if let Some(action) = f.action {
                self.rows.push(ActionRow {
                    subject: e.subject.clone(),
                    date: e.date,
                    template: e.template.id.clone(),
                    item: f.item,
                    text: f.text,
                    action,
                });
            }
        }
    }

    fn merge(&mut self, other: Self) {
        self.rows.extend(other.rows);
    }

    fn output(mut self, context: &Context<'_>) -> Output {
        let lang = context.lang;
        // Overdue first (most overdue on top), then by due date; no due date last.
        self.rows.sort_by(|a, b| {
            let key = |r: &ActionRow| {
                (
                    r.action.due.is_none(),
                    r.action.due,
                    std::cmp::Reverse(r.action.priority),
                )
            };
            key(a).cmp(&key(b)).then_with(|| a.subject.cmp(&b.subject))
        });
        let mut table = Table {
            headers: [
                "csv-due",
                "summary-overdue",
                "col-subject",
                "col-item",
                "md-action",
                "csv-owner",
                "csv-priority",
                "col-date",
            ]
            .map(|k| lang.text(k))
            .to_vec(),
            rows: Vec::with_capacity(self.rows.len()),
            right: vec![1],
        };
        let mut rows = Vec::with_capacity(self.rows.len());
        let mut overdue_count = 0;
        for a in self.rows {
            let due = a.action.due;
            let overdue = due.map(|d| (self.today - d).num_days()).filter(|d| *d > 0);
            overdue_count += usize::from(overdue.is_some());
            table.rows.push(vec![
                due.map(|d| d.to_string()).unwrap_or_default(),
                overdue
                    .map(|d| lang.format(&msg!("summary-days", days = d)))
                    .unwrap_or_default(),
                clean(&a.subject).into_owned(),
                clean(&a.text).into_owned(),
                clean(&a.action.text).into_owned(),
                a.action
                    .owner
                    .as_deref()
                    .map(clean)
                    .unwrap_or_default()
                    .into_owned(),
                a.action
                    .priority
                    .map(|p: Priority| lang.text(p.label_key()))
                    .unwrap_or_default(),
                a.date.to_string(),
            ]);
            rows.push(json!({
                "due": due, "overdue_days": overdue, "subject": a.subject, "date": a.date,
                "template": a.template, "item": a.item, "text": a.text, "action": a.action.text,
                "owner": a.action.owner, "priority": a.action.priority,
            }));
        }
        let notes = vec![msg!(
            "summary-overdue-total",
            overdue = overdue_count,
            count = rows.len(),
            today = self.today.to_string()
        )];
        Output {
            json: json!({ "today": self.today, "rows": Value::Array(rows) }),
            table,
            notes,
        }
    }
}
