//! What the improvement loop tells an inspection before it starts: the waivers in
//! force and expired for this subject, and the open actions of earlier inspections.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use super::{action_store, register_file};
use crate::answer::clean;
use crate::error::Result;
use crate::error::Stream as _;
use crate::locale::Lang;
use crate::msg;
use crate::template::Template;
use crate::waiver::{self, Applied, Waiver};

/// The waiver file of a run: `--waivers FILE`, else `checklists/waivers.toml` when it
/// exists. Read before any draft is made, so that a bad file leaves nothing behind.
pub(crate) fn load_waivers(
    given: Option<&Path>,
    lang: Lang,
    stderr: &mut dyn Write,
) -> Result<Vec<Waiver>> {
    match given {
        Some(path) => register_file::waivers(path, lang, stderr),
        None if Path::new(waiver::DEFAULT_PATH).is_file() => {
            register_file::waivers(Path::new(waiver::DEFAULT_PATH), lang, stderr)
        }
        None => Ok(Vec::new()),
    }
}

/// The loop's part of one inspection.
#[derive(Debug, Default)]
pub(crate) struct Context {
    /// Waivers in force: their items count nowhere.
    pub applied: Vec<Applied>,
    /// Waivers for this subject and template that have expired.
    pub expired: usize,
}

/// Says which waivers apply and which expired, and which actions are still open
/// for this subject and template.
pub(crate) fn announce(
    waivers: &[Waiver],
    template: &Template,
    subject: &str,
    date: NaiveDate,
    out: &Path,
    lang: Lang,
    stderr: &mut dyn Write,
) -> Result<Context> {
    let decision = waiver::decide(waivers, subject, &template.id, date);
    for w in &decision.in_force {
        let line = msg!(
            "run-waived",
            scope = w.scope.id(),
            expires = w.expires.to_string(),
            reason = clean(&w.reason).into_owned(),
            approved_by = clean(&w.approved_by).into_owned()
        );
        writeln!(stderr, "{}", lang.format(&line)).on_stderr()?;
    }
    for w in &decision.expired {
        let line = msg!(
            "run-waiver-expired",
            scope = w.scope.id(),
            expires = w.expires.to_string()
        );
        writeln!(
            stderr,
            "{}: {}",
            lang.text("diagnostic-warning"),
            lang.format(&line)
        )
        .on_stderr()?;
    }
    if out.is_dir()
        && let Ok(store) = action_store::load_subject(out, &template.id, subject)
    {
        for a in
            store.ledger.actions.iter().filter(|a| {
                a.status.is_pending() && a.subject == subject && a.template == template.id
            })
        {
            let line = msg!(
                "run-open-action",
                id = &a.id,
                opened = a.opened.to_string(),
                item = &a.item,
                text = clean(&a.text).into_owned()
            );
            writeln!(stderr, "{}", lang.format(&line)).on_stderr()?;
        }
    }
    Ok(Context {
        applied: decision
            .in_force
            .iter()
            .map(|w| w.applied(template))
            .collect(),
        expired: decision.expired.len(),
    })
}
