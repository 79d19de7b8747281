//! `opscheck summary`: the manager's tables over many reports, read on every core.

mod actions;
mod db;
mod rollup;
use std::path::Path;

use crate::cli::{ResultFilter, SummaryArgs, SummaryFormat};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::files;
use crate::files::limits;
use crate::listing::{default_paths, to_filter, to_filter_glob, write_to};
use crate::locale::Lang;
use crate::report::ReadError;
use crate::scoring::Verdict;
use crate::store::{destination, source};
use crate::summary::{Corpus, Mean};
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &SummaryArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    if let Some(url) = &args.db {
        return db::execute(args, url, env, io);
    }
    let today = args.today.unwrap_or_else(|| env.clock.today());
    if args.format == SummaryFormat::Html
        && (args.by.is_some() || args.findings.is_some() || args.actions)
    {
        return Err(Error::usage(msg!("dash-one-page")));
    }
    let view: Box<dyn crate::summary::Summarize> = if args.format == SummaryFormat::Html {
        Box::new(crate::summary::view::Dashboard::default())
    } else if let Some(view) = args.view() {
        view
    } else {
        return if args.actions {
            actions::summary(args, env, io)
        } else {
            rollup::execute(args, env, io)
        };
    };
    let mean = if args.pooled {
        Mean::Pooled
    } else {
        Mean::Inspections
    };
    let out = args.output.as_deref();
    if args.format == SummaryFormat::Xlsx {
        destination::ensure_binary_allowed(out, io)?;
    }
    destination::ensure_free(out)?;
    let filter = to_filter(&args.filter)?;
    let walk = files::Walk {
        follow: args.walk.follow,
    };
    let mut files = source::report_files_walked(&default_paths(&args.paths), walk)?;
    crate::store::signature_check::retain_signed(&mut files, &args.signatures, lang, io)?;
    let corpus = Corpus {
        files: &files,
        filter: &filter,
        read: &read_report,
        workers: std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let summarized = view.summarize(&corpus, mean, lang);
    crate::listing::warn_skipped(&summarized.skipped, args.strict, env, io.stderr).on_stderr()?;
    if args.strict && !summarized.skipped.is_empty() {
        return Ok(Outcome::Problems);
    }
    if summarized.reports == 0 {
        writeln!(
            io.stderr,
            "{}",
            lang.format(&msg!("summary-empty", files = files.len()))
        )
        .on_stderr()?;
        if !matches!(args.format, SummaryFormat::Json | SummaryFormat::Xlsx) {
            return Ok(Outcome::Success);
        }
    }
    if args.format == SummaryFormat::Html {
        let page = crate::summary::dashboard::Page {
            lang,
            filters: stated_filters(args, lang, today),
            today: today.to_string(),
        };
        let mut json = summarized.output.json;
        json["actions"] = overdue_actions(args, today)?;
        json["due"] = due_inspections(args, today, lang, io)?;
        let html = crate::summary::dashboard::render(&json, &page);
        destination::write(out, &mut *io.stdout, |w| {
            w.write_all(html.as_bytes()).on_stdout()
        })?;
        return Ok(Outcome::Success);
    }
    let guard = !args.walk.raw_csv;
    destination::write(out, &mut *io.stdout, |w| {
        write_to(&summarized.output, args.format, args.excel, guard, lang, w)
    })?;
    Ok(Outcome::Success)
}

/// The dashboard's actions: the derived state (reports and `DIR/actions/` events, as
/// `summary --actions` shows it), so that an action marked done is not overdue; the
/// overdue ones, most overdue first, selected as `summary --actions` selects them.
fn overdue_actions(args: &SummaryArgs, today: chrono::NaiveDate) -> Result<serde_json::Value> {
    let store = crate::store::action_store::load_paths(&default_paths(&args.paths))?;
    let f = &args.filter;
    let subject = to_filter_glob(f.subject.as_deref())?;
    let mut overdue: Vec<_> = store
        .ledger
        .actions
        .iter()
        .filter(|a| a.is_overdue(today))
        .filter(|a| subject.as_ref().is_none_or(|g| g.is_match(&a.subject)))
        .filter(|a| f.template.as_ref().is_none_or(|t| *t == a.template))
        .filter(|a| f.since.is_none_or(|d| a.opened >= d) && f.until.is_none_or(|d| a.opened <= d))
        .collect();
    overdue.sort_by_key(|a| (a.due, std::cmp::Reverse(a.priority), &a.subject, &a.id));
    Ok(overdue
        .into_iter()
        .map(|a| {
            let row = a.to_json(today);
            serde_json::json!({
                "due": row["due"], "overdue_days": row["days_overdue"], "subject": row["subject"],
                "text": row["item_text"], "action": row["text"], "owner": row["owner"],
                "priority": row["priority"], "id": row["id"],
            })
        })
        .collect())
}

/// The dashboard's due inspections: each site schedule overdue, due today or never
/// inspected (as `opscheck due` lists them), from `--sites` when that file exists; none
/// (`null`) when it does not, as a team without one has no schedule.
fn due_inspections(
    args: &SummaryArgs,
    today: chrono::NaiveDate,
    lang: Lang,
    io: &mut Io<'_>,
) -> Result<serde_json::Value> {
    if !args.sites.exists() {
        return Ok(serde_json::Value::Null);
    }
    let sites = crate::store::register_file::sites(&args.sites, lang, io.stderr)?;
    let mut latest = std::collections::HashMap::new();
    for path in default_paths(&args.paths) {
        for (key, day) in crate::store::source::latest_inspections(&path)? {
            let known = latest.entry(key).or_insert(day);
            *known = (*known).max(day);
        }
    }
    let f = &args.filter;
    let subject = to_filter_glob(f.subject.as_deref())?;
    let rows = crate::site::schedule(&sites, &latest, Some(today), |site| {
        subject.as_ref().is_none_or(|g| g.is_match(&site.subject))
    });
    Ok(rows
        .iter()
        .filter(|r| f.template.as_ref().is_none_or(|t| t == r.template))
        .map(|r| (r, crate::site::due_state(r, today)))
        .map(|(r, (status, days))| {
            serde_json::json!({
                "subject": r.site.subject, "name": r.site.name, "region": r.site.region,
                "template": r.template, "last": r.last, "next_due": r.next,
                "days_overdue": days.filter(|d| *d > 0), "status": status,
            })
        })
        .collect())
}

/// Every filter and setting of the dashboard, as its header states them.
fn stated_filters(
    args: &SummaryArgs,
    lang: Lang,
    today: chrono::NaiveDate,
) -> Vec<(String, String)> {
    let any = || lang.text("dash-filter-any");
    let or_any = |value: Option<String>| value.unwrap_or_else(any);
    let f = &args.filter;
    let paths = args.source.clone().unwrap_or_else(|| {
        default_paths(&args.paths)
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(&lang.text("list-separator"))
    });
    let result = f.result.map(|r| {
        lang.text(match r {
            ResultFilter::Pass => Verdict::Pass.label_key(),
            ResultFilter::Fail => Verdict::Fail.label_key(),
        })
    });
    let mean = if args.pooled {
        "dash-mean-pooled"
    } else {
        "dash-mean-inspections"
    };
    [
        ("dash-filter-paths", paths),
        ("dash-filter-since", or_any(f.since.map(|d| d.to_string()))),
        ("dash-filter-until", or_any(f.until.map(|d| d.to_string()))),
        ("dash-filter-subject", or_any(f.subject.clone())),
        ("dash-filter-template", or_any(f.template.clone())),
        ("dash-filter-inspector", or_any(f.inspector.clone())),
        ("dash-filter-result", or_any(result)),
        ("dash-filter-mean", lang.text(mean)),
        ("dash-filter-today", today.to_string()),
    ]
    .into_iter()
    .map(|(key, value)| (lang.text(key), crate::answer::clean(&value).into_owned()))
    .collect()
}

/// One report file's bytes: a regular file, refused beyond the report size limit.
fn read_report(path: &Path, buffer: &mut Vec<u8>) -> std::result::Result<(), ReadError> {
    *buffer = files::read_bytes(path, limits::REPORT_BYTES)
        .map_err(|error| ReadError::Unreadable(error.message()))?;
    Ok(())
}
