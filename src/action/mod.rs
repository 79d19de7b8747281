//! Corrective actions with a life: born from report findings, moved on by small
//! append-only event files, and by later inspections of the same finding.
//!
//! The state is never stored: [`Ledger::derive`] replays reports and events in one
//! total order (by date; inspections before events on the same day; then by time and
//! id), so the result is the same whatever order the files were read or copied in.

mod event;
mod id;
mod ledger;

pub use event::{EVENT_FORMAT, Event, EventKind};
pub use id::{action_id, nearest};
pub use ledger::{
    Action, ActionStatus, HistoryEntry, HistoryKind, Inspection, Ledger, Observation, Outcome,
    Warning,
};
