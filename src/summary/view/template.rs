//! `--by template`: each checklist with its versions, how often it was used, its mean
//! and pass rate, and how many findings and critical failures its inspections had.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::answer::clean;
use crate::summary::output::{pct, share};
use crate::summary::{Context, Entry, Output, Stat, Table, View};

#[derive(Debug, Clone, Default)]
pub struct Template {
    /// Template id → figures.
    templates: BTreeMap<String, TemplateStat>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct TemplateStat {
    stat: Stat,
    findings: usize,
    critical: usize,
    latest: Option<NaiveDate>,
}

impl Template {
    /// The view of figures aggregated elsewhere (in the team store): each template's
    /// [`Stat`], latest date, findings and critical items failed.
    pub fn from_figures(
        figures: impl IntoIterator<Item = (String, Stat, NaiveDate, usize, usize)>,
    ) -> Template {
        let templates = figures
            .into_iter()
            .map(|(id, stat, latest, findings, critical)| {
                let s = TemplateStat {
                    stat,
                    findings,
                    critical,
                    latest: Some(latest),
                };
                (id, s)
            })
            .collect();
        Template { templates }
    }
}

impl View for Template {
    fn name(&self) -> &'static str {
        "template"
    }

    fn add(&mut self, e: Entry) {
        let s = self.templates.entry(e.template.id).or_default();
        s.stat.add_overall(&e.overall);
        s.findings += e.findings.len();
        s.critical += e.overall.critical_failed.len();
        s.latest = s.latest.max(Some(e.date));
    }

    fn merge(&mut self, other: Self) {
        for (id, s) in other.templates {
            let mine = self.templates.entry(id).or_default();
            mine.stat.merge(&s.stat);
            mine.findings += s.findings;
            mine.critical += s.critical;
            mine.latest = mine.latest.max(s.latest);
        }
    }

    fn output(self, context: &Context<'_>) -> Output {
        let mut table = Table {
            headers: [
                "col-template",
                "list-version",
                "summary-count",
                "summary-mean",
                "summary-pass-rate",
                "diff-findings",
                "summary-critical",
                "summary-latest-date",
            ]
            .map(|k| context.lang.text(k))
            .to_vec(),
            rows: Vec::with_capacity(self.templates.len()),
            right: vec![2, 3, 4, 5, 6],
        };
        let mut rows = Vec::with_capacity(self.templates.len());
        for (id, s) in self.templates {
            let versions: Vec<&String> = context
                .common
                .versions
                .get(&id)
                .map(|v| v.iter().collect())
                .unwrap_or_default();
            let mean = s.stat.mean(context.mean);
            table.rows.push(vec![
                id.clone(),
                clean(
                    &versions
                        .iter()
                        .map(|v| v.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
                .into_owned(),
                s.stat.count.to_string(),
                pct(mean),
                share(s.stat.pass_rate()),
                s.findings.to_string(),
                s.critical.to_string(),
                s.latest.map(|d| d.to_string()).unwrap_or_default(),
            ]);
            rows.push(json!({
                "template": id, "versions": versions, "count": s.stat.count, "mean": mean,
                "pass_rate": s.stat.pass_rate(), "findings": s.findings,
                "critical_failed": s.critical, "latest_date": s.latest,
            }));
        }
        Output {
            json: json!({ "rows": Value::Array(rows) }),
            table,
            notes: Vec::new(),
        }
    }
}
