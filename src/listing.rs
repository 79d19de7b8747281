//! What the commands that list things (summary, export, actions, due, waivers) share:
//! the reports they read by default, their filters, the count of files skipped, and the
//! writer of a table output in every format (a new file with `-o`, or stdout).

use std::path::{Path, PathBuf};

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use crate::cli::{FilterArgs, ResultFilter, SummaryFormat};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::files::{self, limits};
use crate::locale::Lang;
use crate::report::ReadError;
use crate::scoring::Verdict;
use crate::store::destination;
use crate::summary::{Filter, Output};
use crate::{Env, Io, msg};

/// One warning (an error with `--strict`) per skipped file, the first
/// [`limits::WARNINGS_LISTED`] of them unless `--verbose`, then the count of the rest.
pub(crate) fn warn_skipped(
    skipped: &[(PathBuf, ReadError)],
    strict: bool,
    env: &Env,
    stderr: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let lang = env.lang;
    let listed = if env.verbose {
        skipped.len()
    } else {
        limits::WARNINGS_LISTED
    };
    let style = if strict {
        "diagnostic-error"
    } else {
        "diagnostic-warning"
    };
    for (path, why) in skipped.iter().take(listed) {
        let line =
            msg!("summary-skipped", path = path.display().to_string()).with_detail(why.message());
        writeln!(stderr, "{}: {}", lang.text(style), lang.format(&line))?;
    }
    more_skipped(skipped.len().saturating_sub(listed), lang, stderr)
}

/// One report file's bytes: a regular file, refused beyond the report size limit.
pub(crate) fn report_bytes(path: &Path) -> std::result::Result<Vec<u8>, ReadError> {
    files::read_bytes(path, limits::REPORT_BYTES)
        .map_err(|error| ReadError::Unreadable(error.message()))
}

/// `… and N more skipped`, after the warnings listed.
pub(crate) fn more_skipped(
    count: usize,
    lang: Lang,
    stderr: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    if count > 0 {
        let line = msg!("summary-more-skipped", count = count);
        writeln!(
            stderr,
            "{}: {}",
            lang.text("diagnostic-warning"),
            lang.format(&line)
        )?;
    }
    Ok(())
}

pub(crate) fn default_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("reports")]
    } else {
        paths.to_vec()
    }
}

pub(crate) fn to_filter(args: &FilterArgs) -> Result<Filter> {
    let subject = to_filter_glob(args.subject.as_deref())?;
    Ok(Filter {
        since: args.since,
        until: args.until,
        subject,
        template: args.template.clone(),
        inspector: args.inspector.clone(),
        result: args.result.map(|r| match r {
            ResultFilter::Pass => Verdict::Pass,
            ResultFilter::Fail => Verdict::Fail,
        }),
    })
}

/// A `--subject` glob, compiled.
pub(crate) fn to_filter_glob(glob: Option<&str>) -> Result<Option<globset::GlobMatcher>> {
    glob.map(|glob| {
        globset::Glob::new(glob)
            .map(|g| g.compile_matcher())
            .map_err(|e| {
                Error::usage(msg!(
                    "summary-bad-glob",
                    glob = glob,
                    reason = e.kind().to_string()
                ))
            })
    })
    .transpose()
}

/// Writes a table output in `format` to `out` (a new file) or stdout (a workbook only
/// when stdout is not a terminal); CSV text cells formula-guarded.
pub(crate) fn write(
    output: &Output,
    format: SummaryFormat,
    excel: bool,
    out: Option<&Path>,
    lang: Lang,
    io: &mut Io<'_>,
) -> Result<()> {
    if format == SummaryFormat::Xlsx {
        destination::ensure_binary_allowed(out, io)?;
    }
    destination::write(out, &mut *io.stdout, |w| {
        write_to(output, format, excel, true, lang, w)
    })
}

/// [`write`] to any writer, with the CSV formula guard on or off (`--raw-csv`).
pub(crate) fn write_to(
    output: &Output,
    format: SummaryFormat,
    excel: bool,
    guard: bool,
    lang: Lang,
    stdout: &mut dyn std::io::Write,
) -> Result<()> {
    let table = &output.table;
    match format {
        SummaryFormat::Xlsx => {
            let bytes = crate::sheet::summary::book(output, lang)
                .and_then(crate::sheet::Book::to_bytes)
                .map_err(Error::from)?;
            stdout.write_all(&bytes).on_stdout()?;
        }
        SummaryFormat::Json => {
            crate::text::json_to_writer(&mut *stdout, &output.json, true).on_stdout()?;
            writeln!(stdout).on_stdout()?;
        }
        SummaryFormat::Csv => {
            if excel {
                stdout.write_all("\u{feff}".as_bytes()).on_stdout()?;
            }
            // A summary view's JSON rows; a list without them (`actions`, `due`,
            // `waivers`) as its table.
            let (headers, rows) = match crate::summary::to_records(&output.json) {
                (headers, rows) if !headers.is_empty() => (headers, rows),
                _ => (table.headers.clone(), table.rows.clone()),
            };
            let mut writer = csv::Writer::from_writer(&mut *stdout);
            let map = std::io::Error::from;
            writer.write_record(&headers).map_err(map).on_stdout()?;
            for row in &rows {
                writer
                    .write_record(row.iter().map(|c| crate::text::csv_cell(c, guard)))
                    .map_err(map)
                    .on_stdout()?;
            }
            writer.flush().on_stdout()?;
        }
        // Written by `execute` from the dashboard view.
        SummaryFormat::Html => {}
        SummaryFormat::Table | SummaryFormat::Markdown => {
            let mut t = Table::new();
            if format == SummaryFormat::Markdown {
                t.load_style(presets::ASCII_MARKDOWN).force_no_tty();
            } else {
                t.load_style(presets::UTF8_FULL_CONDENSED)
                    .set_content_arrangement(ContentArrangement::Dynamic);
            }
            t.set_header(table.headers.clone());
            for row in &table.rows {
                let row: Vec<String> = if format == SummaryFormat::Markdown {
                    row.iter().map(|c| c.replace('|', "\\|")).collect()
                } else {
                    row.clone()
                };
                t.add_row(row);
            }
            for &column in &table.right {
                if let Some(c) = t.column_mut(column) {
                    c.set_cell_alignment(CellAlignment::Right);
                }
            }
            writeln!(stdout, "{t}").on_stdout()?;
            for note in &output.notes {
                writeln!(stdout, "{}", lang.format(note)).on_stdout()?;
            }
        }
    }
    Ok(())
}
