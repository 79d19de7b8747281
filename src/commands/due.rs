//! `opscheck due`: which sites are due, or overdue, for an inspection.

use serde_json::json;

use crate::answer::clean;
use crate::cli::DueArgs;
use crate::error::Result;
use crate::listing::write;
use crate::msg;
use crate::store::register_file::{self, span_end};
use crate::store::source;
use crate::summary::{Output, Table};
use crate::{Env, Io, Outcome};

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
    let latest = source::latest_inspections(&dir)?;
    let rows = crate::site::schedule(&sites, &latest, horizon, |site| {
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
        let (state, days) = crate::site::due_state(r, today);
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
