//! `--by subject`: each site or team per template, its latest percent and the change
//! from the inspection before.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::{Value, json};

use crate::answer::clean;
use crate::summary::output::{change, pct};
use crate::summary::{Context, Entry, Output, Stat, Table, View};

#[derive(Debug, Clone, Default)]
pub struct Subject {
    /// (template id, subject) → figures.
    subjects: HashMap<(String, String), SubjectStat>,
}

/// One inspection's place in a subject's history.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    date: NaiveDate,
    finished_at: DateTime<FixedOffset>,
    percent: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct SubjectStat {
    count: usize,
    /// The latest inspection first, then the one before.
    last_two: Vec<Point>,
    stat: Stat,
}

/// Keeps the two latest points, latest first.
fn push_point(points: &mut Vec<Point>, point: Point) {
    points.push(point);
    points.sort_by_key(|p| std::cmp::Reverse((p.date, p.finished_at)));
    points.truncate(2);
}

/// (date, finished at, percent) of one inspection.
type Inspection = (NaiveDate, DateTime<FixedOffset>, Option<f64>);

impl Subject {
    /// Subjects aggregated elsewhere (the team store's SQL): (template, subject, count,
    /// the latest two inspections, figures).
    pub fn from_figures(
        figures: impl IntoIterator<Item = (String, String, usize, Vec<Inspection>, Stat)>,
    ) -> Subject {
        let mut view = Subject::default();
        for (template, subject, count, points, stat) in figures {
            let mut last_two = Vec::new();
            for (date, finished_at, percent) in points {
                push_point(
                    &mut last_two,
                    Point {
                        date,
                        finished_at,
                        percent,
                    },
                );
            }
            view.subjects.insert(
                (template, subject),
                SubjectStat {
                    count,
                    last_two,
                    stat,
                },
            );
        }
        view
    }
}

impl View for Subject {
    fn name(&self) -> &'static str {
        "subject"
    }

    fn add(&mut self, e: Entry) {
        let s = self.subjects.entry((e.template.id, e.subject)).or_default();
        s.count += 1;
        s.stat.add_overall(&e.overall);
        push_point(
            &mut s.last_two,
            Point {
                date: e.date,
                finished_at: e.finished_at,
                percent: e.overall.percent,
            },
        );
    }

    fn merge(&mut self, other: Self) {
        for (key, s) in other.subjects {
            let mine = self.subjects.entry(key).or_default();
            mine.count += s.count;
            mine.stat.merge(&s.stat);
            for point in s.last_two {
                push_point(&mut mine.last_two, point);
            }
        }
    }

    fn output(self, context: &Context<'_>) -> Output {
        let mut list: Vec<_> = self.subjects.into_iter().collect();
        list.sort_by(|a, b| a.0.cmp(&b.0));
        let mut table = Table {
            headers: [
                "col-template",
                "col-subject",
                "summary-latest-date",
                "summary-latest",
                "diff-change",
                "summary-count",
                "summary-mean",
            ]
            .map(|k| context.lang.text(k))
            .to_vec(),
            rows: Vec::with_capacity(list.len()),
            right: vec![3, 4, 5, 6],
        };
        let mut rows = Vec::with_capacity(list.len());
        for ((template, subject), s) in list {
            let latest = s.last_two.first().copied();
            let previous = s.last_two.get(1).copied();
            let delta = latest
                .and_then(|l| l.percent)
                .zip(previous.and_then(|p| p.percent))
                .map(|(a, b)| a - b);
            let mean = s.stat.mean(context.mean);
            table.rows.push(vec![
                template.clone(),
                clean(&subject).into_owned(),
                latest.map(|l| l.date.to_string()).unwrap_or_default(),
                pct(latest.and_then(|l| l.percent)),
                change(delta),
                s.count.to_string(),
                pct(mean),
            ]);
            rows.push(json!({
                "template": template, "subject": subject, "count": s.count,
                "latest_date": latest.map(|l| l.date), "latest": latest.and_then(|l| l.percent),
                "previous": previous.and_then(|p| p.percent), "change": delta, "mean": mean,
            }));
        }
        Output {
            json: json!({ "rows": Value::Array(rows) }),
            table,
            notes: Vec::new(),
        }
    }
}
