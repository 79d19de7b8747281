//! The manager's view over many reports: aggregation that streams (one report at a
//! time, merged across threads) and the rows of every view.

mod entry;
mod output;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, FixedOffset, NaiveDate};
use globset::GlobMatcher;

pub use entry::Entry;
pub use output::{Output, Table};

use crate::scoring::Verdict;

/// What to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// One row per inspection.
    Inspections,
    Area,
    Subject,
    Inspector,
    Month,
    /// The N items failed most often.
    Findings(usize),
    /// Corrective actions, overdue first.
    Actions {
        today: NaiveDate,
    },
}

/// How percents are averaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mean {
    /// The mean of the inspections' percents: every inspection counts the same.
    Inspections,
    /// Σ points / Σ maximum points: bigger inspections count more.
    Pooled,
}

/// Which reports to take.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub subject: Option<GlobMatcher>,
    pub template: Option<String>,
    pub inspector: Option<String>,
    pub result: Option<Verdict>,
}

impl Filter {
    pub fn accepts(&self, e: &Entry) -> bool {
        self.since.is_none_or(|d| e.date >= d)
            && self.until.is_none_or(|d| e.date <= d)
            && self.subject.as_ref().is_none_or(|g| g.is_match(&e.subject))
            && self.template.as_ref().is_none_or(|t| *t == e.template.id)
            && self.inspector.as_ref().is_none_or(|i| *i == e.inspector)
            && self.result.is_none_or(|r| r == e.overall.result)
    }
}

/// Running figures of a set of percents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stat {
    /// Reports seen.
    pub count: usize,
    /// Reports with a percent.
    pub scored: usize,
    pub sum: f64,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub points: f64,
    pub max_points: f64,
    pub passes: usize,
    /// Scored reports below their pass mark.
    pub below: usize,
}

impl Stat {
    fn add(
        &mut self,
        percent: Option<f64>,
        points: f64,
        max_points: f64,
        passed: bool,
        pass_mark: f64,
    ) {
        self.count += 1;
        self.passes += usize::from(passed);
        self.points += points;
        self.max_points += max_points;
        if let Some(p) = percent {
            self.scored += 1;
            self.sum += p;
            self.min = Some(self.min.map_or(p, |m| m.min(p)));
            self.max = Some(self.max.map_or(p, |m| m.max(p)));
            self.below += usize::from(p < pass_mark);
        }
    }

    fn merge(&mut self, other: &Stat) {
        self.count += other.count;
        self.scored += other.scored;
        self.sum += other.sum;
        self.points += other.points;
        self.max_points += other.max_points;
        self.passes += other.passes;
        self.below += other.below;
        self.min = match (self.min, other.min) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.max = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }

    pub fn mean(&self, mean: Mean) -> Option<f64> {
        match mean {
            Mean::Inspections => (self.scored > 0).then(|| self.sum / self.scored as f64),
            Mean::Pooled => (self.max_points > 0.0).then(|| 100.0 * self.points / self.max_points),
        }
    }

    pub fn pass_rate(&self) -> Option<f64> {
        (self.count > 0).then(|| self.passes as f64 / self.count as f64)
    }

    pub fn below_share(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.below as f64 / self.scored as f64)
    }
}

/// An inspection, as the default view lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub date: NaiveDate,
    pub finished_at: DateTime<FixedOffset>,
    pub subject: String,
    pub inspector: String,
    pub template: String,
    pub version: String,
    pub percent: Option<f64>,
    pub result: Verdict,
    pub rating: Option<String>,
    pub findings: usize,
    pub critical: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaStat {
    pub section: String,
    pub title: String,
    /// The date of the report the title was taken from: the latest wins.
    title_date: NaiveDate,
    pub stat: Stat,
}

/// One inspection's place in a subject's history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub date: NaiveDate,
    pub finished_at: DateTime<FixedOffset>,
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SubjectStat {
    pub count: usize,
    /// The latest inspection first, then the one before.
    pub last_two: Vec<Point>,
    pub stat: Stat,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupStat {
    pub stat: Stat,
    pub latest: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FindingStat {
    pub text: String,
    pub count: usize,
    pub critical: usize,
    /// The latest note and its date.
    pub latest_note: Option<(NaiveDate, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionRow {
    pub due: Option<NaiveDate>,
    pub subject: String,
    pub date: NaiveDate,
    pub template: String,
    pub item: String,
    pub text: String,
    pub action: crate::answer::Action,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Inspections(Vec<Row>),
    Area(BTreeMap<String, Vec<AreaStat>>),
    Subject(HashMap<(String, String), SubjectStat>),
    Group(BTreeMap<String, GroupStat>),
    Findings(HashMap<(String, String), FindingStat>),
    Actions(Vec<ActionRow>),
}

/// Everything a view needs, gathered report by report.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub view: View,
    pub mean: Mean,
    pub totals: Stat,
    /// Template id → versions seen.
    pub versions: BTreeMap<String, BTreeSet<String>>,
    /// Reports per template id (for the share of a finding).
    pub per_template: BTreeMap<String, usize>,
    state: State,
}

impl Summary {
    pub fn new(view: View, mean: Mean) -> Summary {
        let state = match view {
            View::Inspections => State::Inspections(Vec::new()),
            View::Area => State::Area(BTreeMap::new()),
            View::Subject => State::Subject(HashMap::new()),
            View::Inspector | View::Month => State::Group(BTreeMap::new()),
            View::Findings(_) => State::Findings(HashMap::new()),
            View::Actions { .. } => State::Actions(Vec::new()),
        };
        Summary {
            view,
            mean,
            totals: Stat::default(),
            versions: BTreeMap::new(),
            per_template: BTreeMap::new(),
            state,
        }
    }

    /// Adds one report.
    pub fn add(&mut self, e: Entry) {
        let o = &e.overall;
        let passed = o.result == Verdict::Pass;
        self.totals
            .add(o.percent, o.points, o.max_points, passed, o.pass_mark);
        if !self
            .versions
            .get(&e.template.id)
            .is_some_and(|v| v.contains(&e.template.version))
        {
            self.versions
                .entry(e.template.id.clone())
                .or_default()
                .insert(e.template.version.clone());
        }
        *self.per_template.entry(e.template.id.clone()).or_default() += 1;
        match &mut self.state {
            State::Inspections(rows) => rows.push(Row {
                date: e.date,
                finished_at: e.finished_at,
                percent: o.percent,
                result: o.result,
                rating: o.rating.clone(),
                findings: e.findings.len(),
                critical: o.critical_failed.len(),
                subject: e.subject,
                inspector: e.inspector,
                template: e.template.id,
                version: e.template.version,
            }),
            State::Area(templates) => {
                let areas = templates.entry(e.template.id.clone()).or_default();
                for s in &e.sections {
                    let at = match areas.iter().position(|a| a.section == s.id) {
                        Some(at) => at,
                        None => {
                            areas.push(AreaStat {
                                section: s.id.clone(),
                                title: s.title.clone(),
                                title_date: e.date,
                                stat: Stat::default(),
                            });
                            areas.len() - 1
                        }
                    };
                    let area = &mut areas[at];
                    if s.percent.is_some() {
                        let passed = s.percent.is_some_and(|p| p >= o.pass_mark);
                        area.stat
                            .add(s.percent, s.points, s.max_points, passed, o.pass_mark);
                    }
                    if e.date > area.title_date {
                        area.title.clone_from(&s.title);
                        area.title_date = e.date;
                    }
                }
            }
            State::Subject(subjects) => {
                let s = subjects
                    .entry((e.template.id.clone(), e.subject.clone()))
                    .or_default();
                s.count += 1;
                s.stat
                    .add(o.percent, o.points, o.max_points, passed, o.pass_mark);
                push_point(
                    &mut s.last_two,
                    Point {
                        date: e.date,
                        finished_at: e.finished_at,
                        percent: o.percent,
                    },
                );
            }
            State::Group(groups) => {
                let key = match self.view {
                    View::Month => e.month(),
                    _ => e.inspector.clone(),
                };
                let g = groups.entry(key).or_default();
                g.stat
                    .add(o.percent, o.points, o.max_points, passed, o.pass_mark);
                g.latest = g.latest.max(Some(e.date));
            }
            State::Findings(items) => {
                for f in &e.findings {
                    if f.severity == crate::scoring::Severity::Minor {
                        continue;
                    }
                    let s = items
                        .entry((e.template.id.clone(), f.item.clone()))
                        .or_insert_with(|| FindingStat {
                            text: f.text.clone(),
                            count: 0,
                            critical: 0,
                            latest_note: None,
                        });
                    s.count += 1;
                    s.critical += usize::from(f.severity == crate::scoring::Severity::Critical);
                    if let Some(note) = &f.note
                        && s.latest_note.as_ref().is_none_or(|(d, _)| e.date >= *d)
                    {
                        s.latest_note = Some((e.date, note.clone()));
                    }
                }
            }
            State::Actions(actions) => {
                for f in e.findings {
                    if let Some(action) = f.action {
                        actions.push(ActionRow {
                            due: action.due,
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
        }
    }

    /// Combines the summaries of two disjoint sets of reports.
    pub fn merge(&mut self, other: Summary) {
        self.totals.merge(&other.totals);
        for (id, versions) in other.versions {
            self.versions.entry(id).or_default().extend(versions);
        }
        for (id, n) in other.per_template {
            *self.per_template.entry(id).or_default() += n;
        }
        match (&mut self.state, other.state) {
            (State::Inspections(a), State::Inspections(b)) => a.extend(b),
            (State::Area(a), State::Area(b)) => {
                for (template, areas) in b {
                    let mine = a.entry(template).or_default();
                    for area in areas {
                        match mine.iter_mut().find(|m| m.section == area.section) {
                            Some(m) => {
                                m.stat.merge(&area.stat);
                                if area.title_date > m.title_date {
                                    m.title = area.title;
                                    m.title_date = area.title_date;
                                }
                            }
                            None => mine.push(area),
                        }
                    }
                }
            }
            (State::Subject(a), State::Subject(b)) => {
                for (key, s) in b {
                    let mine = a.entry(key).or_default();
                    mine.count += s.count;
                    mine.stat.merge(&s.stat);
                    for point in s.last_two {
                        push_point(&mut mine.last_two, point);
                    }
                }
            }
            (State::Group(a), State::Group(b)) => {
                for (key, g) in b {
                    let mine = a.entry(key).or_default();
                    mine.stat.merge(&g.stat);
                    mine.latest = mine.latest.max(g.latest);
                }
            }
            (State::Findings(a), State::Findings(b)) => {
                for (key, f) in b {
                    match a.get_mut(&key) {
                        Some(mine) => {
                            mine.count += f.count;
                            mine.critical += f.critical;
                            if let Some((date, note)) = f.latest_note
                                && mine.latest_note.as_ref().is_none_or(|(d, _)| date >= *d)
                            {
                                mine.latest_note = Some((date, note));
                            }
                        }
                        None => {
                            a.insert(key, f);
                        }
                    }
                }
            }
            (State::Actions(a), State::Actions(b)) => a.extend(b),
            _ => unreachable!("summaries of one view are merged"),
        }
    }
}

/// Keeps the two latest points, latest first.
fn push_point(points: &mut Vec<Point>, point: Point) {
    points.push(point);
    points.sort_by_key(|p| std::cmp::Reverse((p.date, p.finished_at)));
    points.truncate(2);
}
