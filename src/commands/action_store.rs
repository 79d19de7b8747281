//! The action store on the reports directory: reports are read as they are, action
//! events are one small file each under `DIR/actions/`, written atomically and never
//! over another, so that folders merge by copying.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{report_store, source};
use crate::action::{Event, Inspection, Ledger, Warning};
use crate::error::Result;
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
    /// Files that are neither a report nor an event, with why.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Reads every report under `dir` and every event under `dir/actions/`.
pub(crate) fn load(dir: &Path) -> Result<Store> {
    let mut skipped = Vec::new();
    let mut inspections = Vec::new();
    for path in source::report_files(&[dir.to_owned()])? {
        match source::read_report(&path) {
            Ok(report) => {
                let file = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                inspections.push(Inspection::from_report(&report, &file));
            }
            Err(error) => skipped.push((path, error.to_string())),
        }
    }
    let mut events = Vec::new();
    let mut files = Vec::new();
    let events_dir = events_dir(dir);
    if events_dir.is_dir() {
        source::walk(&events_dir, "json", &mut files)?;
    }
    files.sort();
    for path in files {
        let read = source::read_utf8(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| Event::from_json(&text));
        match read {
            Ok(event) => events.push(event),
            Err(why) => skipped.push((path, why)),
        }
    }
    Ok(Store {
        ledger: Ledger::derive(&inspections, &events),
        skipped,
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
        &[("json", event.to_json())],
    )?;
    Ok(written.into_iter().next().unwrap_or_default())
}

/// Says on stderr what was skipped and which events were not applied.
pub(crate) fn warn(store: &Store, lang: Lang, stderr: &mut dyn Write) -> Result<()> {
    let warning = lang.text("diagnostic-warning");
    for (path, why) in &store.skipped {
        let line = msg!(
            "actions-skipped",
            path = path.display().to_string(),
            reason = why
        );
        writeln!(stderr, "{warning}: {}", lang.format(&line))?;
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
        writeln!(stderr, "{warning}: {}", lang.format(&line))?;
    }
    Ok(())
}
