//! `--findings N`: the N items failed most often, with the latest note.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::{Value, json};

use crate::answer::clean;
use crate::scoring::Severity;
use crate::summary::output::share;
use crate::summary::{Context, Entry, Output, Table, View};

#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// How many items to list.
    top: usize,
    /// (template id, item id) → figures.
    items: HashMap<(String, String), FindingStat>,
}

impl Findings {
    pub fn new(top: usize) -> Findings {
        Findings {
            top,
            items: HashMap::new(),
        }
    }
}

/// A text and the inspection that wrote it: its date and when it finished.
type Dated = (NaiveDate, DateTime<FixedOffset>, String);

/// Keeps the latest of the texts given: of one day's, the inspection that finished last,
/// then the greater text, so that the one kept is the same whatever order the reports
/// are folded in.
fn keep_latest(slot: &mut Option<Dated>, candidate: Dated) {
    if slot.as_ref().is_none_or(|kept| candidate > *kept) {
        *slot = Some(candidate);
    }
}

#[derive(Debug, Clone, PartialEq)]
struct FindingStat {
    /// The item's text in its latest failure (a template in two languages shares its
    /// item ids).
    text: Option<Dated>,
    count: usize,
    critical: usize,
    /// The latest note.
    latest_note: Option<Dated>,
}

impl View for Findings {
    fn name(&self) -> &'static str {
        "findings"
    }

    fn add(&mut self, e: Entry) {
        for f in e.findings {
            if f.severity == Severity::Minor {
                continue;
            }
            let s = self
                .items
                .entry((e.template.id.clone(), f.item))
                .or_insert_with(|| FindingStat {
                    text: None,
                    count: 0,
                    critical: 0,
                    latest_note: None,
                });
            s.count += 1;
            s.critical += usize::from(f.severity == Severity::Critical);
            keep_latest(&mut s.text, (e.date, e.finished_at, f.text));
            if let Some(note) = f.note {
                keep_latest(&mut s.latest_note, (e.date, e.finished_at, note));
            }
        }
    }

    fn merge(&mut self, other: Self) {
        for (key, f) in other.items {
            match self.items.get_mut(&key) {
                Some(mine) => {
                    mine.count += f.count;
                    mine.critical += f.critical;
                    if let Some(text) = f.text {
                        keep_latest(&mut mine.text, text);
                    }
                    if let Some(note) = f.latest_note {
                        keep_latest(&mut mine.latest_note, note);
                    }
                }
                None => {
                    self.items.insert(key, f);
                }
            }
        }
    }

    fn output(self, context: &Context<'_>) -> Output {
        let mut list: Vec<_> = self.items.into_iter().collect();
        list.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(&b.0)));
        list.truncate(self.top);
        let mut table = Table {
            headers: [
                "col-template",
                "col-item",
                "summary-failed-count",
                "summary-share",
                "summary-critical",
                "summary-latest-note",
            ]
            .map(|k| context.lang.text(k))
            .to_vec(),
            rows: Vec::with_capacity(list.len()),
            right: vec![2, 3, 4],
        };
        let mut rows = Vec::with_capacity(list.len());
        for ((template, item), f) in list {
            let text = f.text.as_ref().map_or("", |(_, _, t)| t.as_str());
            let of = context
                .common
                .per_template
                .get(&template)
                .copied()
                .unwrap_or(0);
            let share_of = (of > 0).then(|| f.count as f64 / of as f64);
            table.rows.push(vec![
                template.clone(),
                clean(text).into_owned(),
                f.count.to_string(),
                share(share_of),
                f.critical.to_string(),
                f.latest_note
                    .as_ref()
                    .map(|(_, _, n)| clean(n).into_owned())
                    .unwrap_or_default(),
            ]);
            rows.push(json!({
                "template": template, "item": item, "text": text, "failed": f.count, "share": share_of,
                "critical": f.critical, "latest_note": f.latest_note.as_ref().map(|(_, _, n)| n),
                "latest_note_date": f.latest_note.as_ref().map(|(d, _, _)| d),
            }));
        }
        Output {
            json: json!({ "rows": Value::Array(rows) }),
            table,
            notes: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_note_and_text_are_the_same_whatever_order_the_reports_are_folded_in() {
        let at = |day: u32, hour: u32| {
            DateTime::parse_from_rfc3339(&format!("2026-12-{day:02}T{hour:02}:00:00+08:00"))
                .unwrap()
        };
        let notes = [
            (30, 23, "the day before"),
            (31, 9, "early"),
            (31, 11, "late, a"),
            (31, 11, "late, b"),
        ];
        let orders = [[0, 1, 2, 3], [3, 2, 1, 0], [2, 3, 0, 1], [1, 3, 2, 0]];
        for order in orders {
            let mut stat = FindingStat {
                text: None,
                count: 0,
                critical: 0,
                latest_note: None,
            };
            for i in order {
                let (day, hour, note) = notes[i];
                let date = NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
                keep_latest(
                    &mut stat.latest_note,
                    (date, at(day, hour), note.to_owned()),
                );
            }
            let (date, _, note) = stat.latest_note.unwrap();
            assert_eq!(
                (date.to_string(), note.as_str()),
                ("2026-12-31".to_owned(), "late, b"),
                "{order:?}"
            );
        }
    }
}
