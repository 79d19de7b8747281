//! Reading the store for `summary`: the filters become a WHERE clause; `--by area`,
//! `--by subject`, `--by inspector`, `--by month`, `--by template` and the figures every
//! view shares are aggregated in SQL (exact `numeric` sums, so means have the bits the
//! files give), from the sums per day when the filter names only dates and the template;
//! the other views read the stored report heads, in path order, one row at a time.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, mpsc};

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
    /// Whether it names only the date and the template, which `opscheck.area_days`
    /// also has (under the same names): it reads that table as `r` too.
    by_day: bool,
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
    let by_day = filter.inspector.is_none() && filter.result.is_none() && filter.subject.is_none();
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
    Ok(Where {
        sql,
        params,
        by_day,
    })
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

/// The reports' [`Stat`] columns, then passes and below.
const REPORT_FIGURES: &str = "count(*), count(r.percent), sum(r.percent_exact)::text, \
    min(r.percent), max(r.percent), sum(r.points_exact)::text, \
    sum(r.max_points_exact)::text, count(*) FILTER (WHERE r.result = 'pass'), \
    count(*) FILTER (WHERE r.percent < r.pass_mark)";

/// A [`Stat`] from seven columns at `at` (as [`REPORT_FIGURES`] has them), and passes and
/// below.
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
    let (totals, versions) = if w.by_day {
        (
            format!("SELECT {DAY_FIGURES} FROM opscheck.report_days r WHERE {{where}}"),
            VERSIONS_BY_DAY,
        )
    } else {
        (
            format!("SELECT {REPORT_FIGURES} FROM opscheck.reports r WHERE {{where}}"),
            VERSIONS,
        )
    };
    let row = client
        .query_one(&totals.replace("{where}", &w.sql), &w.refs())
        .map_err(fail(target))?;
    let mut common = Common {
        totals: stat(&row, 0, row.get(7), row.get(8)),
        ..Common::default()
    };
    for row in client
        .query(&versions.replace("{where}", &w.sql), &w.refs())
        .map_err(fail(target))?
    {
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

/// [`REPORT_FIGURES`] from the sums per day (`opscheck.report_days r`).
const DAY_FIGURES: &str = "coalesce(sum(r.reports), 0)::bigint, \
    coalesce(sum(r.scored), 0)::bigint, sum(r.percent_sum)::text, min(r.percent_min), \
    max(r.percent_max), sum(r.points_sum)::text, sum(r.max_points_sum)::text, \
    coalesce(sum(r.passes), 0)::bigint, coalesce(sum(r.below), 0)::bigint";

const VERSIONS: &str = "SELECT r.template_id, r.template_version, count(*) \
    FROM opscheck.reports r WHERE {where} GROUP BY 1, 2";

const VERSIONS_BY_DAY: &str = "SELECT r.template_id, r.template_version, \
    sum(r.reports)::bigint FROM opscheck.report_days r WHERE {where} GROUP BY 1, 2";

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

/// Language tag → (date, title) of the latest title in that language, per template and
/// area.
type Titles = HashMap<(String, String), BTreeMap<String, (NaiveDate, String)>>;

/// Each template's areas in the order they are first seen (by path, then position).
pub(crate) fn areas(
    client: &mut postgres::Client,
    target: &Target,
    w: &Where,
) -> Result<Vec<AreaFigures>> {
    if w.by_day {
        return areas_by_day(client, target, w);
    }
    let rows = client
        .query(&AREAS.replace("{where}", &w.sql), &w.refs())
        .map_err(fail(target))?;
    let mut titles_of = Titles::new();
    for row in client
        .query(&TITLES.replace("{where}", &w.sql), &w.refs())
        .map_err(fail(target))?
    {
        titles_of
            .entry((row.get(0), row.get(1)))
            .or_default()
            .insert(row.get(2), (row.get(3), row.get(4)));
    }
    Ok(rows
        .iter()
        .map(|row| {
            let (template, section): (String, String) = (row.get(0), row.get(1));
            let titles = titles_of
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

/// Each area's figures from the sections: the latest title (of several that day, the
/// first by path), the [`Stat`] columns of the scored ones, passes and below.
const AREAS: &str = "SELECT r.template_id, x.section_id, \
    (array_agg(x.title ORDER BY r.date DESC, r.path COLLATE \"C\"))[1], max(r.date), \
    count(*) FILTER (WHERE x.percent IS NOT NULL), count(x.percent), \
    sum(x.percent_exact)::text, min(x.percent), max(x.percent), \
    sum(x.points_exact) FILTER (WHERE x.percent IS NOT NULL)::text, \
    sum(x.max_points_exact) FILTER (WHERE x.percent IS NOT NULL)::text, \
    count(*) FILTER (WHERE x.percent >= r.pass_mark), \
    count(*) FILTER (WHERE x.percent < r.pass_mark) \
    FROM opscheck.sections x JOIN opscheck.reports r ON r.digest = x.digest \
    WHERE {where} GROUP BY 1, 2 \
    ORDER BY 1, min(r.path COLLATE \"C\"), min(x.position)";

/// The latest title in each language; of several on that day, the last by path (as the
/// fold keeps the last one it sees).
const TITLES: &str = "SELECT r.template_id, x.section_id, r.language, max(r.date), \
    (array_agg(x.title ORDER BY r.date DESC, r.path COLLATE \"C\" DESC))[1] \
    FROM opscheck.sections x JOIN opscheck.reports r ON r.digest = x.digest \
    WHERE {where} GROUP BY 1, 2, 3";

/// [`areas`] from the sums per day. The titles come from each area's latest day in
/// each language: its title is the first path's on the latest day of all (the first
/// path of several languages that day), its title in a language the last path's.
fn areas_by_day(
    client: &mut postgres::Client,
    target: &Target,
    w: &Where,
) -> Result<Vec<AreaFigures>> {
    let rows = client
        .query(&AREAS_BY_DAY.replace("{where}", &w.sql), &w.refs())
        .map_err(fail(target))?;
    let mut latest: HashMap<(String, String), (NaiveDate, String, String)> = HashMap::new();
    let mut titles_of = Titles::new();
    for row in client
        .query(&LATEST_DAYS.replace("{where}", &w.sql), &w.refs())
        .map_err(fail(target))?
    {
        let key: (String, String) = (row.get(0), row.get(1));
        let (date, first_path, first_title): (NaiveDate, String, String) =
            (row.get(3), row.get(4), row.get(5));
        titles_of
            .entry(key.clone())
            .or_default()
            .insert(row.get(2), (date, row.get(6)));
        let later = |(d, path, _): &(NaiveDate, String, String)| {
            date > *d || (date == *d && first_path < *path)
        };
        match latest.entry(key) {
            Entry::Occupied(mut seen) if later(seen.get()) => {
                seen.insert((date, first_path, first_title));
            }
            Entry::Occupied(_) => {}
            Entry::Vacant(none) => {
                none.insert((date, first_path, first_title));
            }
        }
    }
    Ok(rows
        .iter()
        .filter_map(|row| {
            let key: (String, String) = (row.get(0), row.get(1));
            let titles = titles_of.remove(&key).unwrap_or_default();
            let (title_date, _, title) = latest.remove(&key)?;
            Some(AreaFigures {
                template: key.0,
                section: key.1,
                title,
                title_date,
                titles,
                stat: stat(row, 2, row.get(9), row.get(10)),
            })
        })
        .collect())
}

/// Each area's figures from the sums per day, in the order of [`AREAS`].
const AREAS_BY_DAY: &str = "SELECT r.template_id, r.section_id, \
    sum(r.scored)::bigint, sum(r.scored)::bigint, sum(r.percent_sum)::text, \
    min(r.percent_min), max(r.percent_max), sum(r.points_sum)::text, \
    sum(r.max_points_sum)::text, sum(r.passes)::bigint, sum(r.below)::bigint \
    FROM opscheck.area_days r \
    WHERE {where} GROUP BY 1, 2 \
    ORDER BY 1, min(r.first_path), min(r.first_position)";

/// Each area's latest day in each language, with that day's first path and title and
/// last title.
const LATEST_DAYS: &str = "SELECT r.template_id, r.section_id, r.language, r.date, \
    r.first_path, r.first_title, r.last_title FROM opscheck.area_days r \
    WHERE (r.template_id, r.section_id, r.language, r.date) IN \
    (SELECT r.template_id, r.section_id, r.language, max(r.date) \
     FROM opscheck.area_days r WHERE {where} GROUP BY 1, 2, 3)";

/// What `--by inspector` and `--by month` group the reports by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupKey {
    Inspector,
    /// `YYYY-MM` of the inspection date.
    Month,
}

/// One group of `--by inspector` or `--by month`, aggregated.
pub(crate) struct GroupFigures {
    pub key: String,
    pub stat: Stat,
    pub latest: NaiveDate,
}

/// The groups' figures, from the sums per day when the filter allows and the key is the
/// month.
pub(crate) fn groups(
    client: &mut postgres::Client,
    target: &Target,
    w: &Where,
    key: GroupKey,
) -> Result<Vec<GroupFigures>> {
    let sql = match key {
        GroupKey::Month if w.by_day => format!(
            "SELECT to_char(r.date, 'YYYY-MM'), {DAY_FIGURES}, max(r.date) \
             FROM opscheck.report_days r WHERE {} GROUP BY 1",
            w.sql
        ),
        GroupKey::Month => format!(
            "SELECT to_char(r.date, 'YYYY-MM'), {REPORT_FIGURES}, max(r.date) \
             FROM opscheck.reports r WHERE {} GROUP BY 1",
            w.sql
        ),
        GroupKey::Inspector => format!(
            "SELECT r.inspector, {REPORT_FIGURES}, max(r.date) \
             FROM opscheck.reports r WHERE {} GROUP BY 1",
            w.sql
        ),
    };
    let rows = client.query(&sql, &w.refs()).map_err(fail(target))?;
    Ok(rows
        .iter()
        .map(|row| GroupFigures {
            key: row.get(0),
            stat: stat(row, 1, row.get(8), row.get(9)),
            latest: row.get(10),
        })
        .collect())
}

/// One template of `--by template`, aggregated.
pub(crate) struct TemplateFigures {
    pub template: String,
    pub stat: Stat,
    pub latest: NaiveDate,
    /// Findings of every severity.
    pub findings: usize,
    /// Critical items failed (the critical findings).
    pub critical: usize,
}

/// Each template's figures (from the sums per day when the filter allows) and its
/// reports' findings, counted in the findings table.
pub(crate) fn templates(
    client: &mut postgres::Client,
    target: &Target,
    w: &Where,
) -> Result<Vec<TemplateFigures>> {
    let sql = if w.by_day {
        format!(
            "SELECT r.template_id, {DAY_FIGURES}, max(r.date) \
             FROM opscheck.report_days r WHERE {} GROUP BY 1",
            w.sql
        )
    } else {
        format!(
            "SELECT r.template_id, {REPORT_FIGURES}, max(r.date) \
             FROM opscheck.reports r WHERE {} GROUP BY 1",
            w.sql
        )
    };
    let rows = client.query(&sql, &w.refs()).map_err(fail(target))?;
    let sql = format!(
        "SELECT r.template_id, count(*), \
         count(*) FILTER (WHERE f.finding->>'severity' = 'critical') \
         FROM opscheck.findings f JOIN opscheck.reports r ON r.digest = f.digest \
         WHERE {} GROUP BY 1",
        w.sql
    );
    let mut findings: HashMap<String, (usize, usize)> = HashMap::new();
    for row in client.query(&sql, &w.refs()).map_err(fail(target))? {
        findings.insert(row.get(0), (count(row.get(1)), count(row.get(2))));
    }
    Ok(rows
        .iter()
        .map(|row| {
            let template: String = row.get(0);
            let (findings, critical) = findings.get(&template).copied().unwrap_or_default();
            TemplateFigures {
                stat: stat(row, 1, row.get(8), row.get(9)),
                latest: row.get(10),
                template,
                findings,
                critical,
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
    let sql = format!(
        "SELECT r.template_id, r.subject, {REPORT_FIGURES} \
         FROM opscheck.reports r WHERE {} GROUP BY 1, 2",
        w.sql
    );
    let rows = client.query(&sql, &w.refs()).map_err(fail(target))?;
    let (templates, subjects): (Vec<String>, Vec<String>) =
        rows.iter().map(|row| (row.get(0), row.get(1))).unzip();
    let mut last_two: HashMap<(String, String), Vec<_>> = HashMap::new();
    // The latest two of each subject, found by the index on (template, subject, date,
    // finished_at) rather than by sorting every report.
    let sql = format!(
        "SELECT g.template_id, g.subject, l.date, l.finished_at, l.percent \
         FROM unnest(${}::text[], ${}::text[]) AS g(template_id, subject) \
         CROSS JOIN LATERAL (SELECT r.date, r.finished_at, r.percent \
             FROM opscheck.reports r \
             WHERE r.template_id = g.template_id AND r.subject = g.subject AND {} \
             ORDER BY r.date DESC, r.finished_at DESC LIMIT 2) l",
        w.params.len() + 1,
        w.params.len() + 2,
        w.sql
    );
    let mut params = w.refs();
    params.push(&templates);
    params.push(&subjects);
    for row in client.query(&sql, &params).map_err(fail(target))? {
        let time: DateTime<chrono::Utc> = row.get(3);
        last_two.entry((row.get(0), row.get(1))).or_default().push((
            row.get(2),
            time.fixed_offset(),
            row.get(4),
        ));
    }
    Ok(rows
        .iter()
        .map(|row| {
            let (template, subject): (String, String) = (row.get(0), row.get(1));
            let last_two = last_two
                .remove(&(template.clone(), subject.clone()))
                .unwrap_or_default();
            SubjectFigures {
                count: count(row.get(2)),
                last_two,
                stat: stat(row, 2, row.get(9), row.get(10)),
                template,
                subject,
            }
        })
        .collect())
}

/// How many reports the store holds, as "files looked at" counts the files.
pub(crate) fn stored(client: &mut postgres::Client, target: &Target) -> Result<u64> {
    let row = client
        .query_one(
            "SELECT coalesce(sum(reports), 0)::bigint FROM opscheck.report_days",
            &[],
        )
        .map_err(fail(target))?;
    Ok(u64::try_from(row.get::<_, i64>(0)).unwrap_or(0))
}

/// Calls `each` with every filtered report's head, in path order, streamed. The heads
/// are parsed on every core while this thread reads the rows; `each` sees them in order.
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
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let (work, queue) = mpsc::sync_channel::<(usize, Vec<u8>)>(16 * workers);
    let queue = Mutex::new(queue);
    let (parsed, results) = mpsc::channel::<(usize, Option<Head>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (queue, parsed) = (&queue, parsed.clone());
            scope.spawn(move || {
                loop {
                    let next = queue.lock().map(|q| q.recv());
                    let Ok(Ok((seq, bytes))) = next else { break };
                    // Stored heads were read when they were pushed; one that no longer
                    // reads would be a store written by another program: it is left out
                    // like a damaged file.
                    if parsed.send((seq, Head::read(&bytes).ok())).is_err() {
                        break;
                    }
                }
            });
        }
        drop(parsed);
        let mut ready = BTreeMap::new();
        let mut want = 0;
        let mut fold = |(seq, head): (usize, Option<Head>)| {
            ready.insert(seq, head);
            while let Some(head) = ready.remove(&want) {
                want += 1;
                if let Some(head) = head {
                    each(head);
                }
            }
        };
        let mut seq = 0;
        let read = loop {
            match rows.next() {
                Ok(Some(row)) => {
                    let bytes: &[u8] = row.get(0);
                    if work.send((seq, bytes.to_vec())).is_err() {
                        break Ok(());
                    }
                    seq += 1;
                    while let Ok(result) = results.try_recv() {
                        fold(result);
                    }
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(Error::Database(describe(&e, target))),
            }
        };
        drop(work);
        for result in results {
            fold(result);
        }
        read
    })
}
