//! `opscheck due`: which sites are due, or overdue, for an inspection.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::json;

use super::register_file::{self, span_end};
use super::source;
use super::summary::write;
use crate::answer::clean;
use crate::cli::DueArgs;
use crate::error::Result;
use crate::msg;
use crate::summary::{Entry, Output, Table};
use crate::{Env, Io, Outcome};

/// The latest inspection date of each (subject, template) under `dir`.
pub(crate) fn latest(dir: &std::path::Path) -> Result<HashMap<(String, String), NaiveDate>> {
    let mut latest: HashMap<(String, String), NaiveDate> = HashMap::new();
    if !dir.exists() {
        return Ok(latest);
    }
    for path in source::report_files(&[dir.to_owned()])? {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        if let Ok(entry) = Entry::read(&bytes) {
            let day = latest
                .entry((entry.subject, entry.template.id))
                .or_insert(entry.date);
            *day = (*day).max(entry.date);
        }
    }
    Ok(latest)
}

/// One schedule of one site, with its latest inspection and next due day.
pub(crate) struct Row<'s> {
    pub(crate) site: &'s crate::site::Site,
    pub(crate) template: &'s str,
    pub(crate) cadence: String,
    pub(crate) last: Option<NaiveDate>,
    pub(crate) next: Option<NaiveDate>,
}

/// Every schedule of the sites `keep` accepts that falls due by `horizon` (all when
/// none): never inspected first, then the most overdue.
pub(crate) fn schedule<'s>(
    sites: &'s [crate::site::Site],
    latest: &HashMap<(String, String), NaiveDate>,
    horizon: Option<NaiveDate>,
    keep: impl Fn(&crate::site::Site) -> bool,
) -> Vec<Row<'s>> {
    let mut rows: Vec<Row<'_>> = Vec::new();
    for site in sites.iter().filter(|s| keep(s)) {
        for schedule in &site.schedules {
            let last = latest
                .get(&(site.subject.clone(), schedule.template.clone()))
                .copied();
            let next = last.map(|d| schedule.cadence.next_after(d));
            if let (Some(h), Some(n)) = (horizon, next)
                && n > h
            {
                continue;
            }
            rows.push(Row {
                site,
                template: &schedule.template,
                cadence: schedule.cadence.to_text(),
                last,
                next,
            });
        }
    }
    rows.sort_by(|a, b| {
        (a.next.is_some(), a.next, &a.site.subject, a.template).cmp(&(
            b.next.is_some(),
            b.next,
            &b.site.subject,
            b.template,
        ))
    });
    rows
}

/// `never`, `overdue`, `due` or `upcoming`, and the days overdue.
pub(crate) fn state(row: &Row<'_>, today: NaiveDate) -> (&'static str, Option<i64>) {
    let days = row.next.map(|n| (today - n).num_days());
    let state = match days {
        None => "never",
        Some(d) if d > 0 => "overdue",
        Some(0) => "due",
        Some(_) => "upcoming",
    };
    (state, days)
}

pub(crate) fn execute(args: &DueArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let today = args.store.today.unwrap_or_else(|| env.clock.today());
    let horizon = args
        .within
        .as_deref()
        .map(|w| span_end(today, w))
        .transpose()?;
    let snapshot = crate::db::snapshot(args.db.as_deref())?;
    let (sites_file, dir) = match &snapshot {
        Some(s) => (s.sites.clone().unwrap_or(args.sites.clone()), s.reports()),
        None => (args.sites.clone(), args.store.out.clone()),
    };
    let sites = register_file::sites(&sites_file, lang, io.stderr)?;
    let latest = latest(&dir)?;
    let rows = schedule(&sites, &latest, horizon, |site| {
        args.region.as_ref().is_none_or(|r| *r == site.region)
            && args.tag.as_ref().is_none_or(|t| site.tags.contains(t))
    });
    let t = |key: &str| lang.text(key);
    let mut table = Table {
        headers: [
            "col-subject",
            "due-name",
            "due-region",
            "col-template",
            "due-cadence",
            "due-last",
            "due-next",
            "actions-status",
        ]
        .map(&t)
        .to_vec(),
        ..Table::default()
    };
    let mut out = Vec::new();
    let mut late = 0;
    for r in &rows {
        let (state, days) = state(r, today);
        let text = match (state, days) {
            ("never", _) => msg!("due-never"),
            ("overdue", Some(d)) => msg!("due-overdue", days = d),
            ("due", _) => msg!("due-today"),
            (_, d) => msg!("due-in", days = -d.unwrap_or(0)),
        };
        late += usize::from(matches!(state, "never" | "overdue"));
        table.rows.push(vec![
            clean(&r.site.subject).into_owned(),
            clean(&r.site.name).into_owned(),
            clean(&r.site.region).into_owned(),
            r.template.to_owned(),
            r.cadence.clone(),
            r.last
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".to_owned()),
            r.next
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".to_owned()),
            lang.format(&text),
        ]);
        out.push(json!({
            "subject": r.site.subject, "name": r.site.name, "region": r.site.region,
            "manager": r.site.manager, "tags": r.site.tags, "template": r.template,
            "cadence": r.cadence, "last": r.last, "next_due": r.next,
            "days_overdue": days.filter(|d| *d > 0), "status": state,
        }));
    }
    let output = Output {
        json: json!({ "today": today, "due": out }),
        table,
        notes: vec![msg!(
            "due-total",
            late = late,
            count = rows.len(),
            today = today.to_string()
        )],
    };
    write(
        &output,
        args.format,
        false,
        args.output.as_deref(),
        lang,
        io,
    )?;
    Ok(if args.fail_if_overdue && late > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}
