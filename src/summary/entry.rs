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
    /// The template's language tag (`en`, `zh-CN`).
    #[serde(default)]
    pub language: String,
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
        let entry = match head(bytes).and_then(|head| serde_json::from_slice::<Entry>(&head).ok()) {
            Some(entry) => entry,
            None => serde_json::from_slice(bytes).map_err(|e| ReadError::classify(bytes, &e))?,
        };
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

/// The part of a complete report as `opscheck run` writes it that comes before its
/// answers (the bulk of the file), closed as a JSON object. Summary needs nothing
/// after it, so most of each file is only read, not parsed. `None` for anything else
/// (another layout, or a file that does not end with the digest, which is written last):
/// such files are parsed whole.
fn head(bytes: &[u8]) -> Option<Vec<u8>> {
    const ANSWERS: &[u8] = b"\n  \"answers\": [";
    const DIGEST: &[u8] = b"\n  \"digest\": \"sha256:";
    let end = bytes.trim_ascii_end();
    let tail = &end[end.len().saturating_sub(120)..];
    if !end.ends_with(b"\"\n}") || memchr::memmem::find(tail, DIGEST).is_none() {
        return None;
    }
    // In pretty JSON a top-level key is the only thing at two spaces of indentation,
    // and a newline inside a string is always escaped.
    let at = memchr::memmem::find(bytes, ANSWERS)?;
    let before = bytes[..at].trim_ascii_end().strip_suffix(b",")?;
    let mut head = Vec::with_capacity(before.len() + 2);
    head.extend_from_slice(before);
    head.extend_from_slice(b"\n}");
    Some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = r#"{
  "format": "opscheck-report/1",
  "template": { "id": "t", "version": "1" },
  "subject": "S \"answers\": [",
  "inspector": "I",
  "date": "2026-11-29",
  "finished_at": "2026-11-29T10:00:00+08:00",
  "overall": { "percent": 50.0, "points": 1.0, "max_points": 2.0, "pass_mark": 75.0, "result": "fail", "rating": null, "critical_failed": [] },
  "sections": [],
  "findings": [],
  "answers": [
    { "item": "x" }
  ],
  "digest": "sha256:00"
}
"#;

    #[test]
    fn reads_the_head_of_a_complete_report() {
        let head = head(REPORT.as_bytes()).expect("a complete report has a head");
        assert!(!String::from_utf8_lossy(&head).contains("\"item\""));
        let entry = Entry::read(REPORT.as_bytes()).unwrap();
        assert_eq!(entry.subject, "S \"answers\": [");
        assert_eq!(entry.overall.percent, Some(50.0));
    }

    #[test]
    fn a_truncated_report_is_parsed_whole_and_rejected() {
        let cut = &REPORT.as_bytes()[..REPORT.len() - 40];
        assert!(head(cut).is_none());
        assert!(matches!(Entry::read(cut), Err(ReadError::Damaged(_))));
    }
}
