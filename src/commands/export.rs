//! `opscheck export`: one tidy row per answer, streamed as it is read.

use serde::Serialize;

use crate::cli::{ExportArgs, ExportFormat};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::files::limits;
use crate::listing::{default_paths, more_skipped, to_filter};
use crate::report::{ReadError, Report};
use crate::sheet::{Book, Cell, Properties, Stream};
use crate::store::{destination, source};
use crate::text;
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
    /// How many files are attached to the answer.
    evidence: usize,
    overall_percent: Option<f64>,
    result: &'static str,
    /// The corrective action this answer raised, linked to or verified, and its state
    /// now, derived from the reports and `DIR/actions/`.
    action_id: Option<&'a str>,
    action_status: Option<&'static str>,
}

/// Where rows go: CSV through its writer, JSON Lines through a buffer, a workbook
/// row by row to its temp file.
enum Sink<'a, 'b> {
    Csv(Box<csv::Writer<&'a mut (dyn std::io::Write + 'b)>>),
    Jsonl {
        out: &'a mut (dyn std::io::Write + 'b),
        buffer: Vec<u8>,
    },
    Xlsx(Box<Stream>),
}

const COLUMNS: [&str; 31] = [
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
    "evidence",
    "overall_percent",
    "result",
    "action_id",
    "action_status",
];

pub(crate) fn execute(args: &ExportArgs, env: &crate::Env, io: &mut Io<'_>) -> Result<Outcome> {
    let out = args.output.as_deref();
    if args.format == ExportFormat::Xlsx {
        destination::ensure_binary_allowed(out, io)?;
    }
    let mut temp = out.map(destination::temp_beside).transpose()?;
    let filter = to_filter(&args.filter)?;
    let snapshot = crate::db::snapshot(args.db.as_deref())?;
    let paths = match &snapshot {
        Some(snapshot) => vec![snapshot.reports()],
        None => default_paths(&args.paths),
    };
    let walk = crate::files::Walk {
        follow: args.walk.follow,
    };
    let files = source::report_files_walked(&paths, walk)?;
    // A first pass derives each action's state, for the status column.
    let store = crate::store::action_store::load_paths(&paths)?;
    crate::store::action_store::warn(&store, false, env.lang, io.stderr)?;
    let mut file_out = None;
    let stdout: &mut (dyn std::io::Write + '_) = match temp.as_mut() {
        Some(temp) => file_out.insert(std::io::BufWriter::new(temp.as_file_mut())),
        None => &mut *io.stdout,
    };
    let input = Input {
        files: &files,
        filter: &filter,
        linked: store.ledger.by_report(),
    };
    let (skipped, workbook) = stream(args, env, &input, &mut *stdout, &mut *io.stderr)?;
    if let Some(stream) = workbook {
        let book = stream.finish().map_err(Error::from)?;
        destination::write_book(None, &mut *stdout, book)?;
    }
    stdout.flush().on_stdout()?;
    drop(file_out);
    if let (Some(temp), Some(path)) = (temp, out) {
        destination::persist(temp, path)?;
    }
    Ok(if args.strict && skipped > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// What is exported: the report files, the filter, and each answer's tracked action.
struct Input<'a> {
    files: &'a [std::path::PathBuf],
    filter: &'a crate::summary::Filter,
    linked: std::collections::HashMap<(&'a str, &'a str), &'a crate::action::Action>,
}

/// Writes the rows of every accepted report; a workbook is returned to be saved.
fn stream(
    args: &ExportArgs,
    env: &crate::Env,
    input: &Input<'_>,
    stdout: &mut dyn std::io::Write,
    stderr: &mut dyn std::io::Write,
) -> Result<(usize, Option<Stream>)> {
    let lang = env.lang;
    let today = env.clock.today();
    if args.format == ExportFormat::Csv && args.excel {
        stdout.write_all("\u{feff}".as_bytes()).on_stdout()?;
    }
    let guard = !args.walk.raw_csv;
    let mut sink = match args.format {
        ExportFormat::Xlsx => {
            let book = Book::new(&Properties {
                title: lang.text("xlsx-export-title"),
                ..Properties::default()
            });
            let headers = COLUMNS.map(str::to_owned);
            let stream =
                Stream::new(book, &lang.text("md-answers"), &headers).map_err(Error::from)?;
            Sink::Xlsx(Box::new(stream))
        }
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *stdout);
            writer
                .write_record(COLUMNS)
                .map_err(std::io::Error::from)
                .on_stdout()?;
            Sink::Csv(Box::new(writer))
        }
        ExportFormat::Jsonl => Sink::Jsonl {
            out: &mut *stdout,
            buffer: Vec::with_capacity(64 * 1024),
        },
    };
    let mut skipped = 0;
    for path in input.files {
        let report = crate::files::read_bytes(path, crate::files::limits::REPORT_BYTES)
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
                    writeln!(stderr, "{}: {}", lang.text(level), lang.format(&warning))
                        .on_stderr()?;
                }
                skipped += 1;
                continue;
            }
        };
        if !accepts(input.filter, &report) {
            continue;
        }
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        for a in &report.answers {
            let action = a.action.as_ref();
            let section = report.sections.iter().find(|s| s.id == a.section);
            let tracked = input.linked.get(&(file.as_str(), a.item.as_str()));
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
                evidence: a.evidence.len(),
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
                        .map_err(std::io::Error::from)
                        .on_stdout()?;
                }
                Sink::Xlsx(stream) => {
                    let cells = xlsx_cells(&row);
                    stream.push(&cells).map_err(Error::from)?;
                }
                Sink::Jsonl { out, buffer } => {
                    crate::text::json_to_writer(&mut *buffer, &row, false).on_stdout()?;
                    buffer.push(b'\n');
                    if buffer.len() > 48 * 1024 {
                        out.write_all(buffer).on_stdout()?;
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
        )
        .on_stderr()?;
    }
    let workbook = match sink {
        Sink::Csv(mut writer) => {
            writer.flush().on_stdout()?;
            None
        }
        Sink::Jsonl { out, buffer } => {
            out.write_all(&buffer).on_stdout()?;
            None
        }
        Sink::Xlsx(book) => Some(*book),
    };
    Ok((skipped, workbook))
}

/// A row's cells in [`COLUMNS`] order, typed: dates, numbers, the overall percent as
/// a percent, flags as booleans. Read through the row's JSON, so that a column added to
/// [`Row`] arrives typed too.
fn xlsx_cells(row: &Row<'_>) -> Vec<Cell> {
    let value = serde_json::to_value(row).unwrap_or_default();
    COLUMNS
        .iter()
        .map(|column| match &value[*column] {
            serde_json::Value::Null => Cell::Empty,
            serde_json::Value::Bool(b) => Cell::Bool(*b),
            serde_json::Value::Number(n) if column.ends_with("percent") => {
                Cell::opt_percent(n.as_f64())
            }
            serde_json::Value::Number(n) => Cell::opt_number(n.as_f64()),
            serde_json::Value::String(s) if *column == "date" || column.ends_with("_due") => {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_or_else(|_| Cell::text(s), Cell::Date)
            }
            serde_json::Value::String(s) => Cell::text(s),
            other => Cell::text(other.to_string()),
        })
        .collect()
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
