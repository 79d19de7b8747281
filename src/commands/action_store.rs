//! The action store on the reports directory: reports are read as they are, action
//! events are one small file each under `DIR/actions/`, written atomically and never
//! over another, so that folders merge by copying.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{report_store, source};
use crate::action::{Event, Inspection, Ledger, Warning};
use crate::error::Result;
use crate::error::Stream as _;
use crate::locale::Lang;
use crate::msg;

/// The directory of the event files.
pub(crate) fn events_dir(dir: &Path) -> PathBuf {
    dir.join(EVENTS)
}

pub(crate) const EVENTS: &str = "actions";

/// Reports and events read, and what could not be read.
pub(crate) struct Store {
    pub ledger: Ledger,
    /// Files that are not reports, with why.
    pub skipped_reports: Vec<(PathBuf, String)>,
    /// Files under `actions/` that are not events, with why.
    pub skipped_events: Vec<(PathBuf, String)>,
}

/// Reads every report under `dir` and every event under `dir/actions/`.
pub(crate) fn load(dir: &Path) -> Result<Store> {
    load_paths(&[dir.to_owned()])
}

/// Reads the reports under these paths, and the events under `actions/` of each
/// directory among them.
pub(crate) fn load_paths(paths: &[PathBuf]) -> Result<Store> {
    load_matching(paths, &|_| true)
}

/// Reads the reports of one subject and template under `dir` (by their file names,
/// as `run` writes them), and every event: what a run needs to show the open actions
/// without reading every report of every site.
pub(crate) fn load_subject(dir: &Path, template: &str, subject: &str) -> Result<Store> {
    let any_day = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let stem = crate::report::name::stem(any_day, template, subject, 1);
    let tail = stem.get(11..).unwrap_or_default();
    // `DATE-TEMPLATE-SLUG.json` or `DATE-TEMPLATE-SLUG-N.json`, after a `YYYY-MM-DD-`.
    let matches = |path: &Path| {
        path.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.get(11..))
            .and_then(|n| n.strip_prefix(tail))
            .is_some_and(|rest| {
                rest == ".json"
                    || rest
                        .strip_prefix('-')
                        .and_then(|r| r.strip_suffix(".json"))
                        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
            })
    };
    load_matching(&[dir.to_owned()], &matches)
}

fn load_matching(paths: &[PathBuf], wanted: &dyn Fn(&Path) -> bool) -> Result<Store> {
    let mut skipped_reports = Vec::new();
    let mut inspections = Vec::new();
    for path in source::report_files(paths)?
        .into_iter()
        .filter(|p| wanted(p))
    {
        match source::read_report(&path) {
            Ok(report) => {
                let file = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                inspections.push(Inspection::from_report(&report, &file));
            }
            Err(error) => skipped_reports.push((path, error.to_string())),
        }
    }
    let mut files = Vec::new();
    for dir in paths.iter().map(|p| events_dir(p)).filter(|d| d.is_dir()) {
        source::walk(&dir, "json", &mut files)?;
    }
    files.sort();
    files.dedup();
    let mut events = Vec::new();
    let mut skipped_events = Vec::new();
    for path in files {
        let read = source::read_utf8(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| Event::from_json(&text));
        match read {
            Ok(event) => events.push(event),
            Err(why) => skipped_events.push((path, why)),
        }
    }
    Ok(Store {
        ledger: Ledger::derive(&inspections, &events),
        skipped_reports,
        skipped_events,
    })
}

/// Writes one event file; never over an existing file.
pub(crate) fn append(dir: &Path, event: &Event) -> Result<PathBuf> {
    let name = event.file_name();
    let stem = name.trim_end_matches(".json").to_owned();
    let written = report_store::write(
        &events_dir(dir),
        |n| {
            if n == 1 {
                stem.clone()
            } else {
                format!("{stem}-{n}")
            }
        },
        &[("json", event.to_json().into_bytes())],
    )?;
    Ok(written.into_iter().next().unwrap_or_default())
}

/// Says on stderr what was skipped and which events were not applied; skipped
/// reports only when `reports` (a command that reads them itself says so already).
pub(crate) fn warn(store: &Store, reports: bool, lang: Lang, stderr: &mut dyn Write) -> Result<()> {
    let warning = lang.text("diagnostic-warning");
    let skipped_reports = store.skipped_reports.iter().filter(|_| reports);
    for (path, why) in skipped_reports.chain(&store.skipped_events) {
        let line = msg!(
            "actions-skipped",
            path = path.display().to_string(),
            reason = why
        );
        writeln!(stderr, "{warning}: {}", lang.format(&line)).on_stderr()?;
    }
    for w in &store.ledger.warnings {
        let line = match w {
            Warning::UnknownAction { file, action, .. } => {
                msg!("actions-unknown-event", file = file, action = action)
            }
            Warning::NotApplied {
                event,
                action,
                event_kind,
                status,
            } => msg!(
                "actions-not-applied",
                event = event,
                kind = event_kind.as_str(),
                action = action,
                status = status.as_str()
            ),
        };
        writeln!(stderr, "{warning}: {}", lang.format(&line)).on_stderr()?;
    }
    Ok(())
}
