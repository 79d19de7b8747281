//! `opscheck export`: one tidy row per answer, streamed as it is read.

use serde::Serialize;

use super::source;
use super::summary::{default_paths, to_filter};
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::Result;
use crate::report::csv::safe_cell;
use crate::report::{ReadError, Report};
use crate::{Io, Outcome, msg};

/// One answer with its report's metadata; the columns of the export.
#[derive(Serialize)]
struct Row<'a> {
    date: chrono::NaiveDate,
    /// The report's file name (unique in a reports directory): one inspection.
    report: &'a str,
    subject: &'a str,
    inspector: &'a str,
    template: &'a str,
    template_version: &'a str,
    section: &'a str,
    section_title: &'a str,
    /// The section's weight in the overall percent.
    section_weight: Option<f64>,
    item: &'a str,
    text: &'a str,
    kind: &'a str,
    answer: Option<&'a str>,
    /// The answer's stable key, the same in every language: `yes`, `no` or `na`, a
    /// choice's option position (`1`, `2`, …), a scale value.
    answer_key: Option<String>,
    score: Option<f64>,
    /// The item's weight within its section.
    weight: f64,
    critical: bool,
    /// The best score an answer could get (1, or a choice's best option).
    best_score: Option<f64>,
    /// weight × score: a section's percent is 100 · Σ points / Σ weight over the rows
    /// with a score.
    points: Option<f64>,
    na: bool,
    skipped: bool,
    note: Option<&'a str>,
    action: Option<&'a str>,
    action_owner: Option<&'a str>,
    action_due: Option<chrono::NaiveDate>,
    action_priority: Option<&'static str>,
    overall_percent: Option<f64>,
    result: &'static str,
    /// The corrective action this answer raised, linked to or verified, and its state
    /// now, derived from the reports and `DIR/actions/`.
    action_id: Option<&'a str>,
    action_status: Option<&'static str>,
}

/// Where rows go: CSV through its writer, JSON Lines through a buffer.
enum Sink<'a, 'b> {
    Csv(Box<csv::Writer<&'a mut (dyn std::io::Write + 'b)>>),
    Jsonl {
        out: &'a mut (dyn std::io::Write + 'b),
        buffer: Vec<u8>,
    },
}

const COLUMNS: [&str; 30] = [
    "date",
    "report",
    "subject",
    "inspector",
    "template",
    "template_version",
    "section",
    "section_title",
    "section_weight",
    "item",
    "text",
    "kind",
    "answer",
    "answer_key",
    "score",
    "weight",
    "critical",
    "best_score",
    "points",
    "na",
    "skipped",
    "note",
    "action",
    "action_owner",
    "action_due",
    "action_priority",
    "overall_percent",
    "result",
    "action_id",
    "action_status",
];

pub(crate) fn execute(args: &ExportArgs, env: &crate::Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let filter = to_filter(&args.filter)?;
    let paths = default_paths(&args.paths);
    let files = source::report_files(&paths)?;
    // A first pass derives each action's state, for the status column.
    let store = super::action_store::load_paths(&paths)?;
    super::action_store::warn(&store, false, lang, io.stderr)?;
    let linked = store.ledger.by_report();
    let today = env.clock.today();
    if args.format == ExportFormat::Csv && args.excel {
        io.stdout.write_all("\u{feff}".as_bytes())?;
    }
    let stderr = &mut *io.stderr;
    let mut sink = match args.format {
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *io.stdout);
            writer
                .write_record(COLUMNS)
                .map_err(std::io::Error::other)?;
            Sink::Csv(Box::new(writer))
        }
        ExportFormat::Jsonl => Sink::Jsonl {
            out: &mut *io.stdout,
            buffer: Vec::with_capacity(64 * 1024),
        },
    };
    let mut skipped = 0;
    for path in &files {
        let report = std::fs::read(path)
            .map_err(|e| ReadError::Damaged(e.to_string()))
            .and_then(|bytes| {
                serde_json::from_slice::<Report>(&bytes)
                    .map_err(|e| ReadError::classify(&bytes, &e))
            });
        let report = match report {
            Ok(r) if r.format == crate::report::FORMAT => Ok(r),
            Ok(r) if r.format.starts_with("opscheck-report/") => Err(ReadError::Newer(r.format)),
            Ok(_) => Err(ReadError::Foreign),
            Err(why) => Err(why),
        };
        let report = match report {
            Ok(report) => report,
            Err(why) => {
                let warning = msg!("summary-skipped", path = path.display().to_string())
                    .with_detail(why.message());
                let level = if args.strict {
                    "diagnostic-error"
                } else {
                    "diagnostic-warning"
                };
                writeln!(stderr, "{}: {}", lang.text(level), lang.format(&warning))?;
                skipped += 1;
                continue;
            }
        };
        if !accepts(&filter, &report) {
            continue;
        }
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        for a in &report.answers {
            let action = a.action.as_ref();
            let section = report.sections.iter().find(|s| s.id == a.section);
            let tracked = linked.get(&(file.as_str(), a.item.as_str()));
            let row = Row {
                report: &file,
                date: report.date,
                subject: &report.subject,
                inspector: &report.inspector,
                template: &report.template.id,
                template_version: &report.template.version,
                section: &a.section,
                section_title: section.map_or("", |s| s.title.as_str()),
                section_weight: section.map(|s| s.weight),
                item: &a.item,
                text: &a.text,
                kind: &a.kind,
                answer: a.answer.as_deref(),
                answer_key: answer_key(a),
                score: a.score,
                weight: a.weight,
                critical: a.critical,
                best_score: a.best_score,
                points: a.score.map(|s| s * a.weight),
                na: a.na,
                skipped: a.skipped,
                note: a.note.as_deref(),
                action: action.map(|x| x.text.as_str()),
                action_owner: action.and_then(|x| x.owner.as_deref()),
                action_due: action.and_then(|x| x.due),
                action_priority: action.and_then(|x| x.priority).map(|p| p.as_str()),
                overall_percent: report.overall.percent,
                result: report.overall.result.as_str(),
                action_id: tracked.map(|t| t.id.as_str()),
                action_status: tracked.map(|t| t.shown_status(today)),
            };
            match &mut sink {
                Sink::Csv(writer) => {
                    let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
                    let cells = [
                        row.date.to_string(),
                        row.report.to_owned(),
                        row.subject.to_owned(),
                        row.inspector.to_owned(),
                        row.template.to_owned(),
                        row.template_version.to_owned(),
                        row.section.to_owned(),
                        row.section_title.to_owned(),
                        number(row.section_weight),
                        row.item.to_owned(),
                        row.text.to_owned(),
                        row.kind.to_owned(),
                        row.answer.unwrap_or("").to_owned(),
                        row.answer_key.clone().unwrap_or_default(),
                        number(row.score),
                        row.weight.to_string(),
                        row.critical.to_string(),
                        number(row.best_score),
                        number(row.points),
                        row.na.to_string(),
                        row.skipped.to_string(),
                        row.note.unwrap_or("").to_owned(),
                        row.action.unwrap_or("").to_owned(),
                        row.action_owner.unwrap_or("").to_owned(),
                        row.action_due.map(|d| d.to_string()).unwrap_or_default(),
                        row.action_priority.unwrap_or("").to_owned(),
                        row.overall_percent
                            .map(|p| p.to_string())
                            .unwrap_or_default(),
                        row.result.to_owned(),
                        row.action_id.unwrap_or("").to_owned(),
                        row.action_status.unwrap_or("").to_owned(),
                    ];
                    writer
                        .write_record(cells.iter().map(|c| safe_cell(&crate::answer::clean(c))))
                        .map_err(std::io::Error::other)?;
                }
                Sink::Jsonl { out, buffer } => {
                    serde_json::to_writer(&mut *buffer, &row).map_err(std::io::Error::from)?;
                    buffer.push(b'\n');
                    if buffer.len() > 48 * 1024 {
                        out.write_all(buffer)?;
                        buffer.clear();
                    }
                }
            }
        }
    }
    match sink {
        Sink::Csv(mut writer) => writer.flush()?,
        Sink::Jsonl { out, buffer } => {
            out.write_all(&buffer)?;
            out.flush()?;
        }
    }
    Ok(if args.strict && skipped > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// An answer's key that does not depend on the template's language.
fn answer_key(a: &crate::report::AnswerRecord) -> Option<String> {
    if a.na {
        return Some("na".to_owned());
    }
    match a.kind.as_str() {
        "yes_no" | "scale" => a.answer.clone(),
        "choice" => a.option.map(|n| n.to_string()),
        _ => None,
    }
}

/// The summary filter, applied to a full report.
fn accepts(filter: &crate::summary::Filter, report: &Report) -> bool {
    filter.since.is_none_or(|d| report.date >= d)
        && filter.until.is_none_or(|d| report.date <= d)
        && filter
            .subject
            .as_ref()
            .is_none_or(|g| g.is_match(&report.subject))
        && filter
            .template
            .as_ref()
            .is_none_or(|t| *t == report.template.id)
        && filter
            .inspector
            .as_ref()
            .is_none_or(|i| *i == report.inspector)
        && filter.result.is_none_or(|r| r == report.overall.result)
}
