//! `opscheck waivers`: which waivers are active, expiring soon, expired.

use chrono::NaiveDate;
use serde_json::json;

use super::register_file::{self, span_end};
use super::summary::write;
use crate::answer::clean;
use crate::cli::WaiversArgs;
use crate::error::Result;
use crate::summary::{Output, Table};
use crate::waiver::{Scope, Standing, Waiver};
use crate::{Env, Io, Outcome};

/// Where a waiver stands for the list: expiring is active with the end in sight.
fn state(w: &Waiver, today: NaiveDate, soon: NaiveDate) -> &'static str {
    match w.standing(today) {
        Standing::InForce if w.expires <= soon => "expiring",
        standing => standing.as_str(),
    }
}

fn rank(state: &str) -> u8 {
    match state {
        "expired" => 0,
        "expiring" => 1,
        "active" => 2,
        _ => 3,
    }
}

pub(crate) fn execute(args: &WaiversArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let today = args.today.unwrap_or_else(|| env.clock.today());
    let soon = span_end(today, &args.within)?;
    let mut waivers = register_file::waivers(&args.file, lang, io.stderr)?;
    waivers.sort_by_key(|w| (rank(state(w, today, soon)), w.expires, w.line));
    let t = |key: &str| lang.text(key);
    let mut table = Table {
        headers: [
            "actions-status",
            "col-subject",
            "col-template",
            "waivers-scope",
            "waivers-reason",
            "waivers-approved-by",
            "waivers-from",
            "waivers-expires",
        ]
        .map(&t)
        .to_vec(),
        ..Table::default()
    };
    let mut rows = Vec::new();
    for w in &waivers {
        let state = state(w, today, soon);
        let scope = match &w.scope {
            Scope::Item(id) => id.clone(),
            Scope::Section(id) => format!("{} {id}", t("waivers-section")),
        };
        table.rows.push(vec![
            t(match state {
                "expired" => "waiver-state-expired",
                "expiring" => "waiver-state-expiring",
                "active" => "waiver-state-active",
                _ => "waiver-state-pending",
            }),
            clean(&w.subject).into_owned(),
            w.template.clone(),
            scope,
            clean(&w.reason).into_owned(),
            clean(&w.approved_by).into_owned(),
            w.from.to_string(),
            w.expires.to_string(),
        ]);
        let (item, section) = match &w.scope {
            Scope::Item(id) => (Some(id), None),
            Scope::Section(id) => (None, Some(id)),
        };
        rows.push(json!({
            "state": state, "subject": w.subject, "template": w.template, "item": item,
            "section": section, "reason": w.reason, "approved_by": w.approved_by,
            "from": w.from, "expires": w.expires, "days_left": (w.expires - today).num_days(),
        }));
    }
    let output = Output {
        json: json!({ "today": today, "expiring_by": soon, "waivers": rows }),
        table,
        notes: Vec::new(),
    };
    write(
        &output,
        args.format,
        false,
        args.output.as_deref(),
        lang,
        io,
    )?;
    Ok(Outcome::Success)
}
