//! The part of a report that `summary` needs, read without keeping the answers.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::{FORMAT, Finding, Overall, ReadError, SectionResult, TemplateRef};

/// A report as far as `summary` needs it: everything before the answers, which are
/// skipped unparsed. The types are the report's own ([`super::Report`]), so the two
/// cannot drift apart; [`head`] relies on the layout [`Report::to_json`](super::Report::to_json)
/// writes, pinned by a test below.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Head {
    pub format: String,
    pub template: TemplateRef,
    pub subject: String,
    pub inspector: String,
    pub date: NaiveDate,
    pub finished_at: DateTime<FixedOffset>,
    pub overall: Overall,
    pub sections: Vec<SectionResult>,
    pub findings: Vec<Finding>,
    /// Skipped while parsing: the bulk of a report, not needed here.
    #[serde(default)]
    answers: IgnoredAny,
}

impl Head {
    /// Reads the summary part of a report file's bytes.
    pub fn read(bytes: &[u8]) -> Result<Head, ReadError> {
        let entry = match head(bytes).and_then(|head| serde_json::from_slice::<Head>(&head).ok()) {
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
pub(crate) fn head(bytes: &[u8]) -> Option<Vec<u8>> {
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
  "template": { "id": "t", "version": "1", "title": "T", "sha256": "00", "language": "en" },
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
        let entry = Head::read(REPORT.as_bytes()).unwrap();
        assert_eq!(entry.subject, "S \"answers\": [");
        assert_eq!(entry.overall.percent, Some(50.0));
    }

    /// `head` finds the answers by the layout `Report::to_json` writes: a real report,
    /// written by it, must be cut there and read the same as when parsed whole.
    #[test]
    fn the_head_of_a_written_report_is_the_report_before_its_answers() {
        let fixture = include_str!("../../tests/fixtures/report/hostile.json");
        let report = super::super::Report::from_json(fixture).unwrap();
        let written = report.to_json();
        let cut = head(written.as_bytes()).expect("a written report has a head");
        let from_head: Head = serde_json::from_slice(&cut).unwrap();
        let whole: Head = serde_json::from_str(&written).unwrap();
        assert_eq!(from_head, whole);
        assert_eq!(from_head.findings.len(), report.findings.len());
        assert_eq!(from_head.overall, report.overall);
        assert_eq!(from_head.sections, report.sections);
    }

    #[test]
    fn a_truncated_report_is_parsed_whole_and_rejected() {
        let cut = &REPORT.as_bytes()[..REPORT.len() - 40];
        assert!(head(cut).is_none());
        assert!(matches!(Head::read(cut), Err(ReadError::Damaged(_))));
    }
}
