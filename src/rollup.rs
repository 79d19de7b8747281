//! Rollups by region or tag over sites: each site's latest inspection counts, carried
//! forward, so that a region's figure does not jump with which sites happened to be
//! inspected in a month (Prowler's trend undercounted for lack of this).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::site::Site;

/// The figures of one inspection that a rollup needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Latest {
    pub subject: String,
    pub template: String,
    pub date: NaiveDate,
    pub finished_at: DateTime<FixedOffset>,
    pub percent: Option<f64>,
    pub points: f64,
    pub max_points: f64,
    pub passed: bool,
}

/// Group sites by their region, or by each of their tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Region,
    Tag,
}

/// One row: a group and a template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub group: String,
    /// `None` for a group none of whose sites was inspected.
    pub template: Option<String>,
    /// Sites in the group.
    pub sites: usize,
    /// Sites with an inspection of this template that counts.
    pub inspected: usize,
    /// The mean of their percents (or pooled points, when asked).
    pub mean: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub passed: usize,
    /// The date of the oldest inspection carried forward into the figure.
    pub oldest: Option<NaiveDate>,
}

/// Keeps each site's latest inspection per template, then folds them per group.
/// `inspections` are already filtered (by --since/--until and the other filters).
pub fn rollup(sites: &[Site], inspections: Vec<Latest>, by: By, pooled: bool) -> Vec<Row> {
    let mut latest: BTreeMap<(String, String), Latest> = BTreeMap::new();
    for i in inspections {
        let key = (i.subject.clone(), i.template.clone());
        match latest.get(&key) {
            Some(kept) if (kept.date, kept.finished_at) >= (i.date, i.finished_at) => {}
            _ => {
                latest.insert(key, i);
            }
        }
    }
    let mut groups: BTreeMap<String, Vec<&Site>> = BTreeMap::new();
    for site in sites {
        let names: Vec<String> = match by {
            By::Region => vec![site.region.clone()],
            By::Tag => site.tags.clone(),
        };
        for name in names {
            groups.entry(name).or_default().push(site);
        }
    }
    let mut rows = Vec::new();
    for (group, members) in groups {
        let mut per_template: BTreeMap<&str, Vec<&Latest>> = BTreeMap::new();
        for site in &members {
            for ((subject, template), i) in &latest {
                if *subject == site.subject {
                    per_template.entry(template).or_default().push(i);
                }
            }
        }
        if per_template.is_empty() {
            rows.push(Row {
                group,
                template: None,
                sites: members.len(),
                inspected: 0,
                mean: None,
                min: None,
                max: None,
                passed: 0,
                oldest: None,
            });
            continue;
        }
        for (template, found) in per_template {
            let percents: Vec<f64> = found.iter().filter_map(|i| i.percent).collect();
            let mean = if pooled {
                let max: f64 = found.iter().map(|i| i.max_points).sum();
                (max > 0.0).then(|| 100.0 * found.iter().map(|i| i.points).sum::<f64>() / max)
            } else {
                (!percents.is_empty()).then(|| percents.iter().sum::<f64>() / percents.len() as f64)
            };
            rows.push(Row {
                group: group.clone(),
                template: Some(template.to_owned()),
                sites: members.len(),
                inspected: found.len(),
                mean,
                min: percents.iter().copied().reduce(f64::min),
                max: percents.iter().copied().reduce(f64::max),
                passed: found.iter().filter(|i| i.passed).count(),
                oldest: found.iter().map(|i| i.date).min(),
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(subject: &str, region: &str, tags: &[&str]) -> Site {
        Site {
            subject: subject.into(),
            name: subject.into(),
            region: region.into(),
            manager: None,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            schedules: Vec::new(),
        }
    }

    fn inspection(subject: &str, date: &str, percent: f64) -> Latest {
        Latest {
            subject: subject.into(),
            template: "t".into(),
            date: date.parse().unwrap(),
            finished_at: format!("{date}T10:00:00+00:00").parse().unwrap(),
            percent: Some(percent),
            points: percent / 10.0,
            max_points: 10.0,
            passed: percent >= 75.0,
        }
    }

    #[test]
    fn the_latest_of_each_site_is_carried_forward() {
        let sites = [
            site("A", "East", &["mall"]),
            site("B", "East", &["mall", "new"]),
            site("C", "West", &[]),
        ];
        let reports = vec![
            inspection("A", "2026-09-01", 40.0),
            inspection("A", "2026-11-01", 80.0),
            // B was not inspected in November: its October figure still counts.
            inspection("B", "2026-10-01", 60.0),
        ];
        let rows = rollup(&sites, reports.clone(), By::Region, false);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].group.as_str(), rows[0].inspected, rows[0].mean),
            ("East", 2, Some(70.0))
        );
        assert_eq!(rows[0].oldest, Some("2026-10-01".parse().unwrap()));
        assert_eq!(
            (rows[1].group.as_str(), rows[1].sites, rows[1].mean),
            ("West", 1, None)
        );
        let tags = rollup(&sites, reports, By::Tag, false);
        let figures: Vec<_> = tags.iter().map(|r| (r.group.as_str(), r.mean)).collect();
        assert_eq!(figures, [("mall", Some(70.0)), ("new", Some(60.0))]);
    }
}
