//! The default view: one row per inspection, oldest first, with the totals.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use serde_json::{Value, json};

use crate::answer::clean;
use crate::msg;
use crate::scoring::Verdict;
use crate::summary::output::{pct, share};
use crate::summary::{Context, Entry, Output, Table, View};

#[derive(Debug, Clone, Default)]
pub struct Inspections {
    rows: Vec<Row>,
}

/// An inspection, as this view lists it.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    date: NaiveDate,
    finished_at: DateTime<FixedOffset>,
    subject: String,
    inspector: String,
    template: String,
    version: String,
    percent: Option<f64>,
    result: Verdict,
    rating: Option<String>,
    findings: usize,
    critical: usize,
}

#[derive(Serialize)]
struct Totals {
    count: usize,
    mean: Option<f64>,
    pass_rate: Option<f64>,
}

impl View for Inspections {
    fn name(&self) -> &'static str {
        "inspections"
    }

    fn add(&mut self, e: Entry) {
        let o = e.overall;
        self.rows.push(Row {
            date: e.date,
            finished_at: e.finished_at,
            percent: o.percent,
            result: o.result,
            rating: o.rating,
            findings: e.findings.len(),
            critical: o.critical_failed.len(),
            subject: e.subject,
            inspector: e.inspector,
            template: e.template.id,
            version: e.template.version,
        });
    }

    fn merge(&mut self, other: Self) {
        self.rows.extend(other.rows);
    }

    fn output(mut self, context: &Context<'_>) -> Output {
        let t = |key: &str| context.lang.text(key);
        self.rows.sort_by(|a, b| {
            (a.date, a.finished_at, &a.subject).cmp(&(b.date, b.finished_at, &b.subject))
        });
        let mut table = Table {
            headers: [
                "col-date",
                "col-subject",
                "col-inspector",
                "col-template",
                "col-percent",
                "summary-result",
                "summary-rating",
                "diff-findings",
                "summary-critical",
            ]
            .map(&t)
            .to_vec(),
            rows: Vec::with_capacity(self.rows.len()),
            right: vec![4, 7, 8],
        };
        let mut out = Vec::with_capacity(self.rows.len());
        for r in self.rows {
            table.rows.push(vec![
                r.date.to_string(),
                clean(&r.subject).into_owned(),
                clean(&r.inspector).into_owned(),
                r.template.clone(),
                pct(r.percent),
                t(r.result.label_key()),
                r.rating
                    .as_deref()
                    .map(clean)
                    .unwrap_or_default()
                    .into_owned(),
                r.findings.to_string(),
                r.critical.to_string(),
            ]);
            out.push(json!({
                "date": r.date, "subject": r.subject, "inspector": r.inspector, "template": r.template,
                "version": r.version, "percent": r.percent, "result": r.result, "rating": r.rating,
                "findings": r.findings, "critical_failed": r.critical,
            }));
        }
        let stat = &context.common.totals;
        let totals = Totals {
            count: stat.count,
            mean: stat.mean(context.mean),
            pass_rate: stat.pass_rate(),
        };
        let notes = vec![msg!(
            "summary-totals",
            count = totals.count,
            mean = pct(totals.mean),
            pass_rate = share(totals.pass_rate)
        )];
        let json = json!({
            "rows": Value::Array(out),
            "totals": serde_json::to_value(&totals).unwrap_or_default(),
        });
        Output { json, table, notes }
    }
}
