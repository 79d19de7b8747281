//! `--format html`: the manager's dashboard. It gathers the other views in one pass
//! (months, areas, subjects, most-failed items) and the mean percent of each template
//! month by month; the command adds the overdue actions (their state is derived from the
//! reports and the action events) and [`crate::summary::dashboard`] draws the page.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Area, Findings, Group, Subject, month};
use crate::summary::{Context, Entry, Output, Stat, Table, View};

/// How many of the most-failed items the dashboard lists.
const TOP_FINDINGS: usize = 10;

#[derive(Debug, Clone)]
pub struct Dashboard {
    months: Group,
    /// (template id, `YYYY-MM`) → that month's inspections of the template.
    trend: BTreeMap<(String, String), Stat>,
    area: Area,
    subject: Subject,
    findings: Findings,
}

impl Default for Dashboard {
    fn default() -> Dashboard {
        Dashboard {
            months: month(),
            trend: BTreeMap::new(),
            area: Area::default(),
            subject: Subject::default(),
            findings: Findings::new(TOP_FINDINGS),
        }
    }
}

impl View for Dashboard {
    fn name(&self) -> &'static str {
        "dashboard"
    }

    fn add(&mut self, entry: Entry) {
        self.trend
            .entry((entry.template.id.clone(), entry.month()))
            .or_default()
            .add_overall(&entry.overall);
        self.months.add(entry.clone());
        self.area.add(entry.clone());
        self.subject.add(entry.clone());
        self.findings.add(entry);
    }

    fn merge(&mut self, other: Self) {
        for (key, stat) in other.trend {
            self.trend.entry(key).or_default().merge(&stat);
        }
        self.months.merge(other.months);
        self.area.merge(other.area);
        self.subject.merge(other.subject);
        self.findings.merge(other.findings);
    }

    fn output(self, context: &Context<'_>) -> Output {
        let rows =
            |output: Output, field: &str| output.json.get(field).cloned().unwrap_or(Value::Null);
        let mut trend: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for ((template, month), stat) in &self.trend {
            trend.entry(template.clone()).or_default().push(json!({
                "month": month, "count": stat.count, "mean": stat.mean(context.mean),
            }));
        }
        let trend: Vec<Value> = trend
            .into_iter()
            .map(|(template, points)| json!({ "template": template, "points": points }))
            .collect();
        let totals = &context.common.totals;
        let json = json!({
            "totals": {
                "count": totals.count,
                "mean": totals.mean(context.mean),
                "pass_rate": totals.pass_rate(),
            },
            "months": rows(self.months.output(context), "rows"),
            "trend": trend,
            "areas": rows(self.area.output(context), "groups"),
            "subjects": rows(self.subject.output(context), "rows"),
            "findings": rows(self.findings.output(context), "rows"),
        });
        Output {
            json,
            table: Table::default(),
            notes: Vec::new(),
        }
    }
}
