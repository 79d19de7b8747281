//! One thing done to an action (`done`, `reopen`), as one small JSON file.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const EVENT_FORMAT: &str = "opscheck-action-event/1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// Someone did what the action asks.
    Done,
    /// It is not done after all.
    Reopen,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Done => "done",
            EventKind::Reopen => "reopen",
        }
    }
}

/// An event file, `opscheck-action-event/1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub format: String,
    /// Unique across machines: a hash of the content and of when it was made.
    pub id: String,
    /// The action it applies to.
    pub action: String,
    pub kind: EventKind,
    /// The day it happened; replays order by it.
    pub date: NaiveDate,
    /// When it was recorded; orders events of the same day.
    pub at: DateTime<FixedOffset>,
    pub by: String,
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

impl Event {
    /// A new event; `nonce` makes two identical notes typed on two machines distinct.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        action: &str,
        kind: EventKind,
        date: NaiveDate,
        at: DateTime<FixedOffset>,
        by: &str,
        note: &str,
        evidence: Vec<String>,
        nonce: &str,
    ) -> Event {
        let mut hash = Sha256::new();
        for part in [action, kind.as_str(), &at.to_rfc3339(), by, note, nonce] {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
        Event {
            format: EVENT_FORMAT.to_owned(),
            id: crate::digest::to_hex(&hash.finalize())[..16].to_owned(),
            action: action.to_owned(),
            kind,
            date,
            at,
            by: by.to_owned(),
            note: note.to_owned(),
            evidence,
        }
    }

    /// The file name: sorts by date, names the action, unique by the event id.
    pub fn file_name(&self) -> String {
        format!("{}-{}-{}.json", self.date, self.action, self.id)
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("an event always serializes");
        text.push('\n');
        text
    }

    /// Reads an event file; `Err` says why it is not one.
    pub fn from_json(text: &str) -> Result<Event, String> {
        let event: Event = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if event.format != EVENT_FORMAT {
            return Err(format!("format `{}` is not {EVENT_FORMAT}", event.format));
        }
        Ok(event)
    }
}
