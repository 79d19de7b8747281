//! Reading the store for `summary`: the filters become a WHERE clause; `--by area`,
//! `--by subject` and the figures every view shares are aggregated in SQL (exact
//! `numeric` sums, so means have the bits the files give); the other views read the
//! stored report heads, in path order, one row at a time.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset, NaiveDate};
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;

use super::connection::describe;
use super::target::Target;
use crate::error::{Error, Result};
use crate::report::head::Head;
use crate::summary::exact::ExactSum;
use crate::summary::{Common, Filter, Stat};

/// A WHERE clause over `opscheck.reports r` and its parameters.
pub(crate) struct Where {
    sql: String,
    params: Vec<Box<dyn ToSql + Sync>>,
}

impl Where {
    fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.params.iter().map(|p| p.as_ref()).collect()
    }
}

fn fail(target: &Target) -> impl Fn(postgres::Error) -> Error + '_ {
    move |e| Error::Database(describe(&e, target))
}

/// The filter as SQL. A subject glob is matched here, by the same matcher as over the
/// files, against the distinct subjects stored (a few hundred), so that its meaning
/// cannot drift.
pub(crate) fn to_where(
    client: &mut postgres::Client,
    target: &Target,
    filter: &Filter,
) -> Result<Where> {
    let mut clauses: Vec<String> = Vec::new();
    let mut params: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    let mut add = |clause: &str, param: Box<dyn ToSql + Sync>| {
        params.push(param);
        clauses.push(clause.replace('?', &format!("${}", params.len())));
    };
    if let Some(since) = filter.since {
        add("r.date >= ?", Box::new(since));
    }
    if let Some(until) = filter.until {
        add("r.date <= ?", Box::new(until));
    }
    if let Some(template) = &filter.template {
        add("r.template_id = ?", Box::new(template.clone()));
    }
    if let Some(inspector) = &filter.inspector {
        add("r.inspector = ?", Box::new(inspector.clone()));
    }
    if let Some(result) = filter.result {
        add("r.result = ?", Box::new(super::push::verdict(result)));
    }
    if let Some(glob) = &filter.subject {
        let subjects: Vec<String> = client
            .query("SELECT DISTINCT subject FROM opscheck.reports", &[])
            .map_err(fail(target))?
            .iter()
            .map(|row| row.get::<_, String>(0))
            .filter(|s| glob.is_match(s))
            .collect();
        add("r.subject = ANY(?)", Box::new(subjects));
    }
    let sql = if clauses.is_empty() {
        "TRUE".to_owned()
    } else {
        clauses.join(" AND ")
    };
    Ok(Where { sql, params })
}

fn sum(text: Option<String>) -> ExactSum {
    let mut sum = ExactSum::default();
    if let Some(value) = text.and_then(|t| t.parse::<f64>().ok()) {
        sum.add(value);
    }
    sum
}

fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// The columns that make a [`Stat`], aggregated; `P` is the percent column, `X` the
/// table of the exact sums, `ONLY` a condition on the rows counted.
fn stat_columns(p: &str, only: &str) -> String {
    format!(
        "count(*) FILTER (WHERE {only}), count({p}.percent) FILTER (WHERE {only}), \
         sum({p}.percent_exact) FILTER (WHERE {only})::text, \
         min({p}.percent) FILTER (WHERE {only}), max({p}.percent) FILTER (WHERE {only}), \
         sum({p}.points_exact) FILTER (WHERE {only})::text, \
         sum({p}.max_points_exact) FILTER (WHERE {only})::text"
    )
}

/// A [`Stat`] from the seven columns of [`stat_columns`] at `at`, and passes and below.
fn stat(row: &postgres::Row, at: usize, passes: i64, below: i64) -> Stat {
    Stat {
        count: count(row.get(at)),
        scored: count(row.get(at + 1)),
        sum: sum(row.get(at + 2)),
        min: row.get(at + 3),
        max: row.get(at + 4),
        points: sum(row.get(at + 5)),
        max_points: sum(row.get(at + 6)),
        passes: count(passes),
        below: count(below),
    }
}

/// Totals, template versions and reports per template of the filtered reports.
pub(crate) fn common(client: &mut postgres::Client, target: &Target, w: &Where) -> Result<Common> {
    let sql = format!(
        "SELECT {}, count(*) FILTER (WHERE r.result = 'pass'), \
         count(*) FILTER (WHERE r.percent < r.pass_mark) \
         FROM opscheck.reports r WHERE {}",
        stat_columns("r", "TRUE"),
        w.sql
    );
    let row = client.query_one(&sql, &w.refs()).map_err(fail(target))?;
    let mut common = Common {
        totals: stat(&row, 0, row.get(7), row.get(8)),
        ..Common::default()
    };
    let sql = format!(
        "SELECT r.template_id, r.template_version, count(*) FROM opscheck.reports r \
         WHERE {} GROUP BY 1, 2",
        w.sql
    );
    for row in client.query(&sql, &w.refs()).map_err(fail(target))? {
        let id: String = row.get(0);
        common
            .versions
            .entry(id.clone())
            .or_default()
            .insert(row.get(1));
        *common.per_template.entry(id).or_default() += count(row.get(2));
    }
    Ok(common)
}

/// One area of `--by area`, aggregated.
pub(crate) struct AreaFigures {
    pub template: String,
    pub section: String,
    pub title: String,
    pub title_date: NaiveDate,
    /// Language tag → (date, title) of the latest title in that language.
    pub titles: BTreeMap<String, (NaiveDate, String)>,
    pub stat: Stat,
}

/// Each template's areas in the order they are first seen (by path, then position).
pub(crate) fn areas(
    client: &mut postgres::Client,
    target: &Target,
    w: &Where,
) -> Result<Vec<AreaFigures>> {
    let sql = format!(
        "SELECT r.template_id, x.section_id, \
         (array_agg(x.title ORDER BY r.date DESC, r.path COLLATE \"C\"))[1], max(r.date), \
         {}, count(*) FILTER (WHERE x.percent >= r.pass_mark), \
         count(*) FILTER (WHERE x.percent < r.pass_mark) \
         FROM opscheck.sections x JOIN opscheck.reports r ON r.digest = x.digest \
         WHERE {} GROUP BY 1, 2 \
         ORDER BY 1, min(r.path COLLATE \"C\"), min(x.position)",
        stat_columns("x", "x.percent IS NOT NULL"),
        w.sql
    );
    let rows = client.query(&sql, &w.refs()).map_err(fail(target))?;
    // The latest title in each language; of several on that day, the last by path (as
    // the fold keeps the last one it sees).
    let sql = format!(
        "SELECT r.template_id, x.section_id, r.language, max(r.date), \
         (array_agg(x.title ORDER BY r.date DESC, r.path COLLATE \"C\" DESC))[1] \
         FROM opscheck.sections x JOIN opscheck.reports r ON r.digest = x.digest \
         WHERE {} GROUP BY 1, 2, 3",
        w.sql
    );
    let mut titles: HashMap<(String, String), BTreeMap<String, (NaiveDate, String)>> =
        HashMap::new();
    for row in client.query(&sql, &w.refs()).map_err(fail(target))? {
        titles
            .entry((row.get(0), row.get(1)))
            .or_default()
            .insert(row.get(2), (row.get(3), row.get(4)));
    }
    Ok(rows
        .iter()
        .map(|row| {
            let (template, section): (String, String) = (row.get(0), row.get(1));
            let titles = titles
                .remove(&(template.clone(), section.clone()))
                .unwrap_or_default();
            AreaFigures {
                template,
                section,
                title: row.get(2),
                title_date: row.get(3),
                titles,
                stat: stat(row, 4, row.get(11), row.get(12)),
            }
        })
        .collect())
}

/// One subject of `--by subject`, aggregated: the latest two inspections first.
pub(crate) struct SubjectFigures {
    pub template: String,
    pub subject: String,
    pub count: usize,
    pub last_two: Vec<(NaiveDate, DateTime<FixedOffset>, Option<f64>)>,
    pub stat: Stat,
}

pub(crate) fn subjects(
    client: &mut postgres::Client,
    target: &Target,
    w: &Where,
) -> Result<Vec<SubjectFigures>> {
    let order = "ORDER BY r.date DESC, r.finished_at DESC";
    let sql = format!(
        "SELECT r.template_id, r.subject, count(*), \
         (array_agg(r.date {order}))[1:2], (array_agg(r.finished_at {order}))[1:2], \
         (array_agg(r.percent {order}))[1:2], \
         {}, count(*) FILTER (WHERE r.result = 'pass'), \
         count(*) FILTER (WHERE r.percent < r.pass_mark) \
         FROM opscheck.reports r WHERE {} GROUP BY 1, 2",
        stat_columns("r", "TRUE"),
        w.sql
    );
    let rows = client.query(&sql, &w.refs()).map_err(fail(target))?;
    Ok(rows
        .iter()
        .map(|row| {
            let dates: Vec<NaiveDate> = row.get(3);
            let times: Vec<DateTime<chrono::Utc>> = row.get(4);
            let percents: Vec<Option<f64>> = row.get(5);
            let last_two = dates
                .into_iter()
                .zip(times)
                .zip(percents)
                .map(|((d, t), p)| (d, t.fixed_offset(), p))
                .collect();
            SubjectFigures {
                template: row.get(0),
                subject: row.get(1),
                count: count(row.get(2)),
                last_two,
                stat: stat(row, 6, row.get(13), row.get(14)),
            }
        })
        .collect())
}

/// Calls `each` with every filtered report's head, in path order, streamed.
pub(crate) fn heads(
    client: &mut postgres::Client,
    target: &Target,
    w: &Where,
    each: &mut dyn FnMut(Head),
) -> Result<()> {
    let sql = format!(
        "SELECT r.head FROM opscheck.reports r WHERE {} ORDER BY r.path COLLATE \"C\", r.digest",
        w.sql
    );
    let refs = w.refs();
    let mut rows = client
        .query_raw(&sql, refs.iter().copied())
        .map_err(fail(target))?;
    while let Some(row) = rows.next().map_err(fail(target))? {
        let bytes: &[u8] = row.get(0);
        // Stored heads were read when they were pushed; one that no longer reads would
        // be a store written by another program: it is left out like a damaged file.
        if let Ok(head) = Head::read(bytes) {
            each(head);
        }
    }
    Ok(())
}
