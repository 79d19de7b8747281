//! `opscheck export`: one tidy row per answer, streamed as it is read.

use serde::Serialize;

use super::source;
use super::summary::{default_paths, more_skipped, to_filter};
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::Result;
use crate::report::{ReadError, Report};
use crate::store::limits;
use crate::text;
use crate::{Io, Outcome, msg};

/// One answer with its report's metadata; the columns of the export.
#[derive(Serialize)]
struct Row<'a> {
    date: chrono::NaiveDate,
    subject: &'a str,
    inspector: &'a str,
    template: &'a str,
    template_version: &'a str,
    section: &'a str,
    section_title: &'a str,
    item: &'a str,
    text: &'a str,
    kind: &'a str,
    answer: Option<&'a str>,
    score: Option<f64>,
    na: bool,
    skipped: bool,
    note: Option<&'a str>,
    action: Option<&'a str>,
    action_owner: Option<&'a str>,
    action_due: Option<chrono::NaiveDate>,
    action_priority: Option<&'static str>,
    /// How many files are attached to the answer.
    evidence: usize,
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

const COLUMNS: [&str; 24] = [
    "date",
    "subject",
    "inspector",
    "template",
    "template_version",
    "section",
    "section_title",
    "item",
    "text",
    "kind",
    "answer",
    "score",
    "na",
    "skipped",
    "note",
    "action",
    "action_owner",
    "action_due",
    "action_priority",
    "evidence",
    "overall_percent",
    "result",
    "action_id",
    "action_status",
];

pub(crate) fn execute(args: &ExportArgs, env: &crate::Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let filter = to_filter(&args.filter)?;
    let snapshot = crate::store::postgres::snapshot(args.db.as_deref())?;
    let paths = match &snapshot {
        Some(snapshot) => vec![snapshot.reports()],
        None => default_paths(&args.paths),
    };
    let walk = crate::store::Walk {
        follow: args.walk.follow,
    };
    let files = source::report_files_walked(&paths, walk)?;
    // A first pass derives each action's state, for the status column.
    let store = super::action_store::load_paths(&paths)?;
    super::action_store::warn(&store, false, lang, io.stderr)?;
    let linked = store.ledger.by_report();
    let today = env.clock.today();
    if args.format == ExportFormat::Csv && args.excel {
        io.stdout.write_all("\u{feff}".as_bytes())?;
    }
    let stderr = &mut *io.stderr;
    let guard = !args.walk.raw_csv;
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
        let report = crate::store::read_bytes(path, crate::store::limits::REPORT_BYTES)
            .map_err(|e| ReadError::Unreadable(e.message()))
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
                if env.verbose || skipped < limits::WARNINGS_LISTED {
                    writeln!(stderr, "{}: {}", lang.text(level), lang.format(&warning))?;
                }
                skipped += 1;
                continue;
            }
        };
        if !accepts(&filter, &report) {
            continue;
        }
        let file = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        for a in &report.answers {
            let action = a.action.as_ref();
            let tracked = linked.get(&(file.as_str(), a.item.as_str()));
            let row = Row {
                date: report.date,
                subject: &report.subject,
                inspector: &report.inspector,
                template: &report.template.id,
                template_version: &report.template.version,
                section: &a.section,
                section_title: report
                    .sections
                    .iter()
                    .find(|s| s.id == a.section)
                    .map_or("", |s| s.title.as_str()),
                item: &a.item,
                text: &a.text,
                kind: &a.kind,
                answer: a.answer.as_deref(),
                score: a.score,
                na: a.na,
                skipped: a.skipped,
                note: a.note.as_deref(),
                action: action.map(|x| x.text.as_str()),
                action_owner: action.and_then(|x| x.owner.as_deref()),
                action_due: action.and_then(|x| x.due),
                action_priority: action.and_then(|x| x.priority).map(|p| p.as_str()),
                evidence: a.evidence.len(),
                overall_percent: report.overall.percent,
                result: report.overall.result.as_str(),
                action_id: tracked.map(|t| t.id.as_str()),
                action_status: tracked.map(|t| t.shown_status(today)),
            };
            match &mut sink {
                Sink::Csv(writer) => {
                    let cells = [
                        row.date.to_string(),
                        row.subject.to_owned(),
                        row.inspector.to_owned(),
                        row.template.to_owned(),
                        row.template_version.to_owned(),
                        row.section.to_owned(),
                        row.section_title.to_owned(),
                        row.item.to_owned(),
                        row.text.to_owned(),
                        row.kind.to_owned(),
                        row.answer.unwrap_or("").to_owned(),
                        row.score.map(|s| s.to_string()).unwrap_or_default(),
                        row.na.to_string(),
                        row.skipped.to_string(),
                        row.note.unwrap_or("").to_owned(),
                        row.action.unwrap_or("").to_owned(),
                        row.action_owner.unwrap_or("").to_owned(),
                        row.action_due.map(|d| d.to_string()).unwrap_or_default(),
                        row.action_priority.unwrap_or("").to_owned(),
                        row.evidence.to_string(),
                        row.overall_percent
                            .map(|p| p.to_string())
                            .unwrap_or_default(),
                        row.result.to_owned(),
                        row.action_id.unwrap_or("").to_owned(),
                        row.action_status.unwrap_or("").to_owned(),
                    ];
                    writer
                        .write_record(cells.iter().map(|c| text::csv_cell(c, guard)))
                        .map_err(std::io::Error::other)?;
                }
                Sink::Jsonl { out, buffer } => {
                    crate::text::json_to_writer(&mut *buffer, &row, false)?;
                    buffer.push(b'\n');
                    if buffer.len() > 48 * 1024 {
                        out.write_all(buffer)?;
                        buffer.clear();
                    }
                }
            }
        }
    }
    if !env.verbose {
        more_skipped(
            skipped.saturating_sub(limits::WARNINGS_LISTED),
            lang,
            stderr,
        )?;
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
