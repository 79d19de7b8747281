//! The report, `opscheck-report/1`: the interface for `summary` and users' own tools.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::answer::{Action, Answer, Answers};
use crate::scoring::{self, Severity, Status, Verdict};
use crate::template::{Kind, Template};

pub const FORMAT: &str = "opscheck-report/1";

/// Why a file is not a report this opscheck can read.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    /// JSON, but not an opscheck report.
    Foreign,
    /// A report of a later format.
    Newer(String),
    /// Truncated, corrupt, or not JSON at all.
    Damaged(String),
    /// Not read: not a regular file, over the report limit, or an I/O error.
    Unreadable(crate::i18n::Message),
}

impl ReadError {
    pub fn message(&self) -> crate::i18n::Message {
        match self {
            ReadError::Foreign => crate::msg!("report-foreign"),
            ReadError::Newer(format) => crate::msg!("report-newer", format = format),
            ReadError::Damaged(reason) => crate::msg!("report-damaged", reason = reason),
            ReadError::Unreadable(message) => message.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub format: String,
    pub template: TemplateRef,
    pub subject: String,
    pub inspector: String,
    pub date: NaiveDate,
    pub started_at: DateTime<FixedOffset>,
    pub finished_at: DateTime<FixedOffset>,
    pub overall: Overall,
    pub sections: Vec<SectionResult>,
    pub findings: Vec<Finding>,
    pub answers: Vec<AnswerRecord>,
    /// The waivers in force that took items out of the score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<crate::waiver::Applied>,
    /// `sha256:HEX` over the canonical report without this field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateRef {
    pub id: String,
    pub version: String,
    pub title: String,
    /// sha256 of the template file's bytes.
    pub sha256: String,
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overall {
    pub percent: Option<f64>,
    pub points: f64,
    pub max_points: f64,
    pub pass_mark: f64,
    pub result: Verdict,
    pub rating: Option<String>,
    pub critical_failed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionResult {
    pub id: String,
    pub title: String,
    pub weight: f64,
    pub percent: Option<f64>,
    /// Σ weight × score over its scored answers.
    pub points: f64,
    /// Σ weight over its scored answers.
    pub max_points: f64,
    pub answered: usize,
    pub na: usize,
    pub failed: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub item: String,
    pub section: String,
    pub text: String,
    pub severity: Severity,
    pub score: f64,
    pub weight: f64,
    pub answer: String,
    pub note: Option<String>,
    pub action: Option<Action>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerRecord {
    pub item: String,
    pub section: String,
    pub text: String,
    /// The item's kind: `yes_no`, `scale`, `choice`, `number`, `text` or `date`.
    pub kind: String,
    /// The item's weight within its section.
    pub weight: f64,
    /// The best score an answer can get: 1, or a choice's best option; `null` for text
    /// and date items.
    #[serde(default)]
    pub best_score: Option<f64>,
    /// Whether failing the item fails the inspection (absent when not).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub critical: bool,
    /// A choice answer's option by position (1, 2, …): the same in every language
    /// version of a template, where the labels differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<usize>,
    /// The answer as text; `null` when skipped or not asked.
    pub answer: Option<String>,
    /// `null` when unscored, N/A or skipped.
    pub score: Option<f64>,
    pub na: bool,
    /// An optional item left unanswered.
    pub skipped: bool,
    /// Its `when` does not hold: asked nowhere, counted nowhere. An answer given to it
    /// before (then its condition changed) is kept in `answer`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// Excused by a waiver: the answer is kept, the score is not counted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub waived: bool,
    pub note: Option<String>,
    pub action: Option<Action>,
    /// Files attached to the answer; the digest covers this list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<crate::evidence::Evidence>,
}

/// Who, what and when, besides the answers.
#[derive(Debug, Clone)]
pub struct Meta {
    pub subject: String,
    pub inspector: String,
    pub date: NaiveDate,
    pub started_at: DateTime<FixedOffset>,
    pub finished_at: DateTime<FixedOffset>,
    pub template_sha256: String,
}

impl Report {
    /// Scores the answers and builds the report, digest included.
    pub fn new(template: &Template, answers: &Answers, meta: Meta) -> Report {
        Report::with_waivers(template, answers, meta, Vec::new())
    }

    /// Scores the answers with the items of `waivers` taken out, and lists them.
    pub fn with_waivers(
        template: &Template,
        answers: &Answers,
        meta: Meta,
        waivers: Vec<crate::waiver::Applied>,
    ) -> Report {
        let waived = crate::waiver::waived_items(&waivers);
        let score = scoring::score_waived(template, answers, &waived);
        let record = |s: &scoring::ItemScore<'_>| {
            let entry = answers.get(&s.item.id);
            // A hidden item keeps the answer it was given, marked hidden, unscored.
            let answer = entry.and_then(|e| e.answer.as_ref());
            (
                answer,
                entry.and_then(|e| e.note.clone()),
                entry.and_then(|e| e.action.clone()),
            )
        };
        let answers_out = score
            .items
            .iter()
            .map(|s| {
                let (answer, note, action) = record(s);
                AnswerRecord {
                    item: s.item.id.clone(),
                    section: s.section.id.clone(),
                    text: s.item.text.clone(),
                    kind: s.item.kind.name().to_owned(),
                    weight: s.item.weight,
                    best_score: scoring::best_score(s.item),
                    critical: s.item.critical,
                    option: match (&s.item.kind, answer) {
                        (Kind::Choice { options }, Some(Answer::Choice(label))) => options
                            .iter()
                            .position(|o| o.label == *label)
                            .map(|at| at + 1),
                        _ => None,
                    },
                    answer: answer.map(|a| a.to_text()),
                    score: s.score,
                    na: s.status == Status::Na,
                    skipped: matches!(s.status, Status::Skipped | Status::Missing),
                    hidden: s.status == Status::Hidden,
                    waived: s.status == Status::Waived,
                    note,
                    action,
                    evidence: answers
                        .get(&s.item.id)
                        .map(|e| e.evidence.clone())
                        .unwrap_or_default(),
                }
            })
            .collect();
        let findings = score
            .findings()
            .into_iter()
            .map(|s| {
                let (answer, note, action) = record(s);
                Finding {
                    item: s.item.id.clone(),
                    section: s.section.id.clone(),
                    text: s.item.text.clone(),
                    severity: s.severity().unwrap_or(Severity::Minor),
                    score: s.score.unwrap_or(0.0),
                    weight: s.item.weight,
                    answer: answer.map(|a| a.to_text()).unwrap_or_default(),
                    note,
                    action,
                }
            })
            .collect();
        let sections = template
            .sections
            .iter()
            .zip(&score.sections)
            .map(|(t, s)| SectionResult {
                id: t.id.clone(),
                title: t.title.clone(),
                weight: t.weight,
                percent: s.percent,
                points: s.points,
                max_points: s.max_points,
                answered: s.answered,
                na: s.na,
                failed: s.failed,
            })
            .collect();
        let mut report = Report {
            format: FORMAT.to_owned(),
            template: TemplateRef {
                id: template.id.clone(),
                version: template.version.clone(),
                title: template.title.clone(),
                sha256: meta.template_sha256,
                language: template.language.clone(),
            },
            subject: meta.subject,
            inspector: meta.inspector,
            date: meta.date,
            started_at: meta.started_at,
            finished_at: meta.finished_at,
            overall: Overall {
                percent: score.percent,
                points: score.points,
                max_points: score.max_points,
                pass_mark: template.scoring.pass_mark,
                result: score.verdict,
                rating: score.rating.clone(),
                critical_failed: score.critical_failed.clone(),
            },
            sections,
            findings,
            answers: answers_out,
            waivers,
            digest: None,
        };
        report.digest = Some(report.compute_digest());
        report
    }

    /// `sha256:HEX` of the canonical JSON of the report without its digest.
    pub fn compute_digest(&self) -> String {
        let unsigned = Report {
            digest: None,
            ..self.clone()
        };
        let canonical = serde_json::to_vec(&unsigned).expect("a report always serializes");
        format!("sha256:{}", crate::digest::sha256_hex(&canonical))
    }

    /// Reads a report, telling a foreign or newer file from a damaged one.
    pub fn from_json(text: &str) -> Result<Report, ReadError> {
        let report = serde_json::from_str::<Report>(text)
            .map_err(|error| ReadError::classify(text.as_bytes(), &error))?;
        // A later format whose fields still parse means something this opscheck does not
        // know: it is refused as `summary` refuses it, not read as if it were this one.
        match report.format.as_str() {
            FORMAT => Ok(report),
            later if later.starts_with("opscheck-report/") => {
                Err(ReadError::Newer(later.to_owned()))
            }
            _ => Err(ReadError::Foreign),
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = crate::text::json(self);
        text.push('\n');
        text
    }
}

impl ReadError {
    /// Why `bytes` did not read as a report, given the error of reading it.
    pub fn classify(bytes: &[u8], error: &serde_json::Error) -> ReadError {
        {
            #[derive(Deserialize)]
            struct Probe {
                format: Option<serde_json::Value>,
            }
            match serde_json::from_slice::<Probe>(bytes).map(|p| p.format) {
                Ok(Some(serde_json::Value::String(f)))
                    if f.starts_with("opscheck-report/") && f != FORMAT =>
                {
                    ReadError::Newer(f)
                }
                Ok(Some(serde_json::Value::String(f))) if f == FORMAT => {
                    ReadError::Damaged(error.to_string())
                }
                Ok(_) => ReadError::Foreign,
                Err(_) => ReadError::Damaged(error.to_string()),
            }
        }
    }
}
