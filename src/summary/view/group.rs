//! Views that group inspections by one text key: `--by inspector` and `--by month`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::answer::clean;
use crate::summary::output::{pct, share};
use crate::summary::{Context, Entry, Output, Stat, Table, View};

/// Inspections grouped by a key taken from each report.
#[derive(Debug, Clone)]
pub struct Group {
    /// The view's name, and the key's name in JSON rows.
    name: &'static str,
    /// The catalogue key of the first column's header.
    header: &'static str,
    key: fn(&Entry) -> String,
    groups: BTreeMap<String, GroupStat>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct GroupStat {
    stat: Stat,
    latest: Option<NaiveDate>,
}

/// `--by inspector`.
pub fn inspector() -> Group {
    Group {
        name: "inspector",
        header: "col-inspector",
        key: |e| e.inspector.clone(),
        groups: BTreeMap::new(),
    }
}

/// `--by month`: `YYYY-MM` of the inspection date.
pub fn month() -> Group {
    Group {
        name: "month",
        header: "summary-month",
        key: Entry::month,
        groups: BTreeMap::new(),
    }
}

impl Group {
    /// The view of figures aggregated elsewhere (in the team store): each key's [`Stat`]
    /// and latest date.
    pub fn with_figures(
        mut self,
        figures: impl IntoIterator<Item = (String, Stat, NaiveDate)>,
    ) -> Group {
        for (key, stat, latest) in figures {
            self.groups.insert(
                key,
                GroupStat {
                    stat,
                    latest: Some(latest),
                },
            );
        }
        self
    }
}

impl View for Group {
    fn name(&self) -> &'static str {
        self.name
    }

    fn add(&mut self, e: Entry) {
        let g = self.groups.entry((self.key)(&e)).or_default();
        g.stat.add_overall(&e.overall);
        g.latest = g.latest.max(Some(e.date));
    }

    fn merge(&mut self, other: Self) {
        for (key, g) in other.groups {
            let mine = self.groups.entry(key).or_default();
            mine.stat.merge(&g.stat);
            mine.latest = mine.latest.max(g.latest);
        }
    }

    fn output(self, context: &Context<'_>) -> Output {
        let mut table = Table {
            headers: [
                self.header,
                "summary-count",
                "summary-mean",
                "summary-min",
                "summary-max",
                "summary-pass-rate",
                "summary-latest-date",
            ]
            .map(|k| context.lang.text(k))
            .to_vec(),
            rows: Vec::with_capacity(self.groups.len()),
            right: vec![1, 2, 3, 4, 5],
        };
        let mut rows = Vec::with_capacity(self.groups.len());
        for (group, g) in self.groups {
            let s = &g.stat;
            let mean = s.mean(context.mean);
            table.rows.push(vec![
                clean(&group).into_owned(),
                s.count.to_string(),
                pct(mean),
                pct(s.min),
                pct(s.max),
                share(s.pass_rate()),
                g.latest.map(|d| d.to_string()).unwrap_or_default(),
            ]);
            rows.push(json!({
                self.name: group, "count": s.count, "mean": mean, "min": s.min, "max": s.max,
                "pass_rate": s.pass_rate(), "latest_date": g.latest,
            }));
        }
        Output {
            json: json!({ "rows": Value::Array(rows) }),
            table,
            notes: Vec::new(),
        }
    }
}
