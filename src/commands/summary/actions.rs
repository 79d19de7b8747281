//! `summary --actions`: the action plan over the reports, one row per action.

use serde_json::json;

use crate::action::Action;
use crate::answer::clean;
use crate::error::Result;
use crate::error::Stream as _;
use crate::listing::{to_filter_glob, write};
use crate::store::action_store;
use crate::summary::{Output, Table};
use crate::{Env, Io, Outcome, msg};

/// `summary --actions`: one row per action, derived from the reports and events
/// under the paths, overdue first (most overdue on top). `--subject`, `--template`,
/// `--since` and `--until` select actions by subject, template and opening date.
pub(crate) fn summary(
    args: &crate::cli::SummaryArgs,
    env: &Env,
    io: &mut Io<'_>,
) -> Result<Outcome> {
    let lang = env.lang;
    let today = args.today.unwrap_or_else(|| env.clock.today());
    let paths = crate::listing::default_paths(&args.paths);
    let store = action_store::load_paths(&paths)?;
    action_store::warn(&store, true, lang, io.stderr)?;
    if args.strict && !store.skipped_reports.is_empty() {
        return Ok(Outcome::Problems);
    }
    let f = &args.filter;
    let subject = to_filter_glob(f.subject.as_deref())?;
    let mut actions: Vec<&Action> = store
        .ledger
        .actions
        .iter()
        .filter(|a| subject.as_ref().is_none_or(|g| g.is_match(&a.subject)))
        .filter(|a| f.template.as_ref().is_none_or(|t| *t == a.template))
        .filter(|a| f.since.is_none_or(|d| a.opened >= d) && f.until.is_none_or(|d| a.opened <= d))
        .collect();
    if store.ledger.inspected == 0 {
        let files = crate::store::source::report_files(&paths)?.len();
        writeln!(
            io.stderr,
            "{}",
            lang.format(&msg!("summary-empty", files = files))
        )
        .on_stderr()?;
        if args.format != crate::cli::SummaryFormat::Json {
            return Ok(Outcome::Success);
        }
    }
    actions.sort_by_key(|a| {
        (
            a.rank(today),
            a.due.is_none(),
            a.due,
            std::cmp::Reverse(a.priority),
            &a.subject,
            &a.id,
        )
    });
    let t = |key: &str| lang.text(key);
    let mut table = Table {
        headers: [
            "csv-due",
            "summary-overdue",
            "actions-status",
            "col-subject",
            "col-item",
            "md-action",
            "csv-owner",
            "csv-priority",
            "actions-id",
        ]
        .map(&t)
        .to_vec(),
        right: vec![1],
        ..Table::default()
    };
    let mut rows = Vec::with_capacity(actions.len());
    for a in &actions {
        let overdue = a
            .due
            .filter(|_| a.is_overdue(today))
            .map(|d| (today - d).num_days());
        table.rows.push(vec![
            a.due.map(|d| d.to_string()).unwrap_or_default(),
            overdue
                .map(|d| lang.format(&msg!("summary-days", days = d)))
                .unwrap_or_default(),
            lang.text(a.status_key(today)),
            clean(&a.subject).into_owned(),
            clean(&a.item_text).into_owned(),
            clean(&a.text).into_owned(),
            a.owner
                .as_deref()
                .map(clean)
                .unwrap_or_default()
                .into_owned(),
            a.priority
                .map(|p| lang.text(p.label_key()))
                .unwrap_or_default(),
            a.id.clone(),
        ]);
        rows.push(json!({
            "due": a.due, "overdue_days": overdue, "status": a.shown_status(today), "id": a.id,
            "subject": a.subject, "date": a.opened, "last_failed": a.last_seen(),
            "template": a.template, "item": a.item, "text": a.item_text, "action": a.text,
            "owner": a.owner, "priority": a.priority,
        }));
    }
    let overdue = actions.iter().filter(|a| a.is_overdue(today)).count();
    let output = Output {
        json: json!({
            "view": "actions", "today": today, "reports": store.ledger.inspected,
            "skipped": store.skipped_reports.len(), "rows": rows,
        }),
        table,
        notes: vec![msg!(
            "summary-overdue-total",
            overdue = overdue,
            count = actions.len(),
            today = today.to_string()
        )],
    };
    write(
        &output,
        args.format,
        args.excel,
        args.output.as_deref(),
        lang,
        io,
    )?;
    Ok(Outcome::Success)
}
