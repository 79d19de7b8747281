//! `opscheck actions`: corrective actions tracked to closure.

use chrono::NaiveDate;
use serde_json::json;

use crate::action::{Action, ActionStatus, Event, EventKind, nearest};
use crate::answer::clean;
use crate::cli::{
    ActionEventArgs, ActionShowArgs, ActionStatusFilter, ActionsArgs, ActionsCommand,
    ActionsListArgs,
};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::listing::{to_filter_glob, write};
use crate::locale::Lang;
use crate::store::action_store::{self, Store};
use crate::summary::{Output, Table};
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &ActionsArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    match &args.command {
        None => list(&args.list, env, io),
        Some(ActionsCommand::Done(a)) => record(a, EventKind::Done, env, io),
        Some(ActionsCommand::Reopen(a)) => record(a, EventKind::Reopen, env, io),
        Some(ActionsCommand::Show(a)) => show(a, env, io),
    }
}

fn today(given: Option<NaiveDate>, env: &Env) -> NaiveDate {
    given.unwrap_or_else(|| env.clock.today())
}

fn list(args: &ActionsListArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let today = today(args.store.today, env);
    let subject = to_filter_glob(args.subject.as_deref())?;
    let snapshot = crate::db::snapshot(args.db.as_deref())?;
    let dir = snapshot
        .as_ref()
        .map_or(args.store.out.clone(), |s| s.reports());
    let store = action_store::load(&dir)?;
    action_store::warn(&store, true, lang, io.stderr)?;
    let status = if args.overdue {
        Some(ActionStatusFilter::Overdue)
    } else {
        args.status
    };
    let mut actions: Vec<&Action> = store
        .ledger
        .actions
        .iter()
        .filter(|a| subject.as_ref().is_none_or(|g| g.is_match(&a.subject)))
        .filter(|a| {
            args.owner
                .as_ref()
                .is_none_or(|o| a.owner.as_ref() == Some(o))
        })
        .filter(|a| args.template.as_ref().is_none_or(|t| *t == a.template))
        .filter(|a| {
            args.due_before
                .is_none_or(|d| a.due.is_some_and(|due| due < d))
        })
        .filter(|a| status.is_none_or(|s| matches_status(a, s, today)))
        .collect();
    actions.sort_by_key(|a| {
        (
            a.rank(today),
            a.due.unwrap_or(NaiveDate::MAX),
            a.opened,
            &a.id,
        )
    });
    let output = listing(&actions, today, lang);
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

fn matches_status(action: &Action, filter: ActionStatusFilter, today: NaiveDate) -> bool {
    match filter {
        ActionStatusFilter::Overdue => action.is_overdue(today),
        ActionStatusFilter::Open => action.status == ActionStatus::Open,
        ActionStatusFilter::Reopened => action.status == ActionStatus::Reopened,
        ActionStatusFilter::Done => action.status == ActionStatus::Done,
        ActionStatusFilter::Verified => action.status == ActionStatus::Verified,
    }
}

/// The status as shown, in the interface language.
fn status_text(action: &Action, today: NaiveDate, lang: Lang) -> String {
    lang.text(action.status_key(today))
}

fn listing(actions: &[&Action], today: NaiveDate, lang: Lang) -> Output {
    let t = |key: &str| lang.text(key);
    let mut table = Table {
        headers: [
            "actions-id",
            "actions-status",
            "col-subject",
            "col-item",
            "actions-action",
            "actions-owner",
            "actions-due",
            "actions-opened",
            "actions-last-failed",
        ]
        .map(&t)
        .to_vec(),
        ..Table::default()
    };
    for a in actions {
        table.rows.push(vec![
            a.id.clone(),
            status_text(a, today, lang),
            clean(&a.subject).into_owned(),
            a.item.clone(),
            clean(&a.text).into_owned(),
            a.owner
                .as_deref()
                .map(clean)
                .unwrap_or_default()
                .into_owned(),
            a.due.map(|d| d.to_string()).unwrap_or_default(),
            a.opened.to_string(),
            a.last_seen().to_string(),
        ]);
    }
    let overdue = actions.iter().filter(|a| a.is_overdue(today)).count();
    Output {
        json: json!({
            "today": today,
            "actions": actions.iter().map(|a| a.to_json(today)).collect::<Vec<_>>(),
        }),
        table,
        notes: vec![msg!(
            "summary-overdue-total",
            overdue = overdue,
            count = actions.len(),
            today = today.to_string()
        )],
    }
}

/// The action a typed id means, or an error naming the nearest one.
fn resolve<'s>(store: &'s Store, typed: &str) -> Result<&'s Action> {
    store.ledger.resolve(typed).ok_or_else(|| {
        let ids = store.ledger.actions.iter().map(|a| a.id.as_str());
        Error::usage(match nearest(typed, ids) {
            Some(best) => msg!(
                "actions-unknown-id-nearest",
                id = clean(typed).into_owned(),
                nearest = best
            ),
            None => msg!("actions-unknown-id", id = clean(typed).into_owned()),
        })
    })
}

fn record(args: &ActionEventArgs, kind: EventKind, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let store = action_store::load(&args.store.out)?;
    action_store::warn(&store, true, lang, io.stderr)?;
    let action = resolve(&store, &args.id)?;
    let refused = match (kind, action.status) {
        (EventKind::Done, ActionStatus::Verified) => Some("actions-already-verified"),
        (EventKind::Reopen, ActionStatus::Open | ActionStatus::Reopened) => {
            Some("actions-not-done")
        }
        _ => None,
    };
    if let Some(key) = refused {
        let message = match key {
            "actions-already-verified" => msg!("actions-already-verified", id = &action.id),
            _ => msg!(
                "actions-not-done",
                id = &action.id,
                status = action.status.as_str()
            ),
        };
        return Err(Error::usage(message));
    }
    let note = clean(args.note.trim()).into_owned();
    if note.is_empty() {
        return Err(Error::usage(msg!("run-flag-empty", what = "note")));
    }
    let by = args
        .by
        .as_deref()
        .map(|b| clean(b.trim()).into_owned())
        .filter(|b| !b.is_empty())
        .ok_or_else(|| Error::usage(msg!("actions-by-required")))?;
    let mut evidence = Vec::new();
    for path in &args.evidence {
        if !path.exists() {
            return Err(Error::NotFound { path: path.clone() });
        }
        evidence.push(path.display().to_string());
    }
    let now = env.clock.now();
    // Two machines recording the same note at the same (or a fixed) time still get
    // two events.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let nonce = format!("{nanos}-{}", std::process::id());
    let event = Event::new(
        &action.id,
        kind,
        today(args.store.today, env),
        now,
        &by,
        &note,
        evidence,
        &nonce,
    );
    let path = action_store::append(&args.store.out, &event)?;
    writeln!(io.stdout, "{}", path.display()).on_stdout()?;
    if !env.quiet {
        let key = match kind {
            EventKind::Done => msg!("actions-marked-done", id = &action.id, by = &by),
            EventKind::Reopen => msg!("actions-marked-reopened", id = &action.id, by = &by),
        };
        writeln!(io.stderr, "{}", lang.format(&key)).on_stderr()?;
    }
    Ok(Outcome::Success)
}

fn show(args: &ActionShowArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let today = today(args.store.today, env);
    let store = action_store::load(&args.store.out)?;
    action_store::warn(&store, true, lang, io.stderr)?;
    let a = resolve(&store, &args.id)?;
    let t = |key: &str| lang.text(key);
    let mut table = Table {
        headers: [
            "col-date",
            "actions-event",
            "actions-by",
            "actions-note",
            "actions-source",
        ]
        .map(&t)
        .to_vec(),
        ..Table::default()
    };
    for h in &a.history {
        table.rows.push(vec![
            h.date.to_string(),
            t(match h.kind.as_str() {
                "opened" => "action-history-opened",
                "recurred" => "action-history-recurred",
                "done" => "action-status-done",
                "verified" => "action-status-verified",
                _ => "action-status-reopened",
            }),
            h.by.as_deref().map(clean).unwrap_or_default().into_owned(),
            h.note
                .as_deref()
                .map(clean)
                .unwrap_or_default()
                .into_owned(),
            h.report
                .clone()
                .or_else(|| h.event.clone())
                .unwrap_or_default(),
        ]);
        if !h.evidence.is_empty() {
            let last = table.rows.last_mut().expect("just pushed");
            last[3] = format!("{} [{}]", last[3], h.evidence.join(", "));
        }
    }
    let heading = msg!(
        "actions-show-heading",
        id = &a.id,
        text = clean(&a.text).into_owned(),
        subject = clean(&a.subject).into_owned(),
        template = &a.template,
        item = &a.item,
        status = status_text(a, today, lang),
        owner = a
            .owner
            .as_deref()
            .map(clean)
            .unwrap_or_default()
            .into_owned(),
        due = a
            .due
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".to_owned())
    );
    if args.format != crate::cli::SummaryFormat::Json {
        writeln!(io.stdout, "{}", lang.format(&heading)).on_stdout()?;
    }
    let output = Output {
        json: a.to_json(today),
        table,
        notes: Vec::new(),
    };
    write(&output, args.format, false, None, lang, io)?;
    Ok(Outcome::Success)
}
