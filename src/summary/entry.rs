//! The part of a report that `summary` needs, read without keeping the answers.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::answer::Action;
use crate::report::{FORMAT, ReadError};
use crate::scoring::{Severity, Verdict};

#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    pub format: String,
    pub template: TemplateRef,
    pub subject: String,
    pub inspector: String,
    pub date: NaiveDate,
    pub finished_at: DateTime<FixedOffset>,
    pub overall: Overall,
    pub sections: Vec<Section>,
    pub findings: Vec<Finding>,
    /// Skipped while parsing: the bulk of a report, not needed here.
    #[serde(default)]
    answers: IgnoredAny,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TemplateRef {
    pub id: String,
    pub version: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Overall {
    pub percent: Option<f64>,
    pub points: f64,
    pub max_points: f64,
    pub pass_mark: f64,
    pub result: Verdict,
    pub rating: Option<String>,
    pub critical_failed: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub percent: Option<f64>,
    #[serde(default)]
    pub points: f64,
    #[serde(default)]
    pub max_points: f64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Finding {
    pub item: String,
    pub text: String,
    pub severity: Severity,
    pub note: Option<String>,
    pub action: Option<Action>,
}

impl Entry {
    /// Reads the summary part of a report file's bytes.
    pub fn read(bytes: &[u8]) -> Result<Entry, ReadError> {
        let entry: Entry =
            serde_json::from_slice(bytes).map_err(|e| ReadError::classify(bytes, &e))?;
        let _ = &entry.answers;
        if entry.format != FORMAT {
            return Err(if entry.format.starts_with("opscheck-report/") {
                ReadError::Newer(entry.format)
            } else {
                ReadError::Foreign
            });
        }
        Ok(entry)
    }

    /// `YYYY-MM` of the inspection date.
    pub fn month(&self) -> String {
        self.date.format("%Y-%m").to_string()
    }
}
