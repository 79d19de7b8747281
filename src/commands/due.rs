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

pub(crate) fn execute(args: &DueArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let today = args.store.today.unwrap_or_else(|| env.clock.today());
    let horizon = args
        .within
        .as_deref()
        .map(|w| span_end(today, w))
        .transpose()?;
    let snapshot = crate::store::postgres::snapshot(args.db.as_deref())?;
    let (sites_file, dir) = match &snapshot {
        Some(s) => (s.sites.clone().unwrap_or(args.sites.clone()), s.reports()),
        None => (args.sites.clone(), args.store.out.clone()),
    };
    let sites = register_file::sites(&sites_file, lang, io.stderr)?;
    let latest = latest(&dir)?;
    struct Row<'s> {
        site: &'s crate::site::Site,
        template: &'s str,
        cadence: String,
        last: Option<NaiveDate>,
        next: Option<NaiveDate>,
    }
    let mut rows: Vec<Row<'_>> = Vec::new();
    for site in &sites {
        if args.region.as_ref().is_some_and(|r| *r != site.region)
            || args.tag.as_ref().is_some_and(|t| !site.tags.contains(t))
        {
            continue;
        }
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
    // Never inspected first, then the most overdue.
    rows.sort_by(|a, b| {
        (a.next.is_some(), a.next, &a.site.subject, a.template).cmp(&(
            b.next.is_some(),
            b.next,
            &b.site.subject,
            b.template,
        ))
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
        let days = r.next.map(|n| (today - n).num_days());
        let (state, text) = match days {
            None => ("never", msg!("due-never")),
            Some(d) if d > 0 => ("overdue", msg!("due-overdue", days = d)),
            Some(0) => ("due", msg!("due-today")),
            Some(d) => ("upcoming", msg!("due-in", days = -d)),
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
    write(&output, args.format, false, lang, io)?;
    Ok(if args.fail_if_overdue && late > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}
