//! `opscheck summary`: the manager's tables over many reports, read on every core.

use std::path::{Path, PathBuf};

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::{destination, source};
use crate::cli::{FilterArgs, ResultFilter, SummaryArgs, SummaryFormat};
use crate::error::{Error, Result};
use crate::locale::Lang;
use crate::report::ReadError;
use crate::scoring::Verdict;
use crate::store::{self, limits};
use crate::summary::{Corpus, Filter, Mean, Output};
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &SummaryArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let Some(view) = args.view() else {
        return if args.actions {
            super::actions::summary(args, env, io)
        } else {
            super::rollup::execute(args, env, io)
        };
    };
    let mean = if args.pooled {
        Mean::Pooled
    } else {
        Mean::Inspections
    };
    let out = args.output.as_deref();
    if args.format == SummaryFormat::Xlsx {
        destination::ensure_binary_allowed(out, io)?;
    }
    destination::ensure_free(out)?;
    let filter = to_filter(&args.filter)?;
    let walk = store::Walk {
        follow: args.walk.follow,
    };
    let mut files = source::report_files_walked(&default_paths(&args.paths), walk)?;
    super::signature_check::retain_signed(&mut files, &args.signatures, lang, io)?;
    let corpus = Corpus {
        files: &files,
        filter: &filter,
        read: &read_report,
        workers: std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let summarized = view.summarize(&corpus, mean, lang);
    warn_skipped(&summarized.skipped, args.strict, env, io.stderr)?;
    if args.strict && !summarized.skipped.is_empty() {
        return Ok(Outcome::Problems);
    }
    if summarized.reports == 0 {
        writeln!(
            io.stderr,
            "{}",
            lang.format(&msg!("summary-empty", files = files.len()))
        )?;
        if !matches!(args.format, SummaryFormat::Json | SummaryFormat::Xlsx) {
            return Ok(Outcome::Success);
        }
    }
    let guard = !args.walk.raw_csv;
    destination::write(out, &mut *io.stdout, |w| {
        write_to(&summarized.output, args.format, args.excel, guard, lang, w)
    })?;
    Ok(Outcome::Success)
}

/// One report file's bytes: a regular file, refused beyond the report size limit.
fn read_report(path: &Path, buffer: &mut Vec<u8>) -> std::result::Result<(), ReadError> {
    *buffer = store::read_bytes(path, limits::REPORT_BYTES)
        .map_err(|error| ReadError::Unreadable(error.message()))?;
    Ok(())
}

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

/// One report file's bytes, as [`read_report`] reads them for every view.
pub(crate) fn report_bytes(path: &Path) -> std::result::Result<Vec<u8>, ReadError> {
    let mut buffer = Vec::new();
    read_report(path, &mut buffer)?;
    Ok(buffer)
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
fn write_to(
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
                .map_err(|e| Error::Output(e.into()))?;
            stdout.write_all(&bytes)?;
        }
        SummaryFormat::Json => {
            crate::text::json_to_writer(&mut *stdout, &output.json, true)?;
            writeln!(stdout)?;
        }
        SummaryFormat::Csv => {
            if excel {
                stdout.write_all("\u{feff}".as_bytes())?;
            }
            let mut writer = csv::Writer::from_writer(&mut *stdout);
            let map = |e: csv::Error| std::io::Error::other(e.to_string());
            writer.write_record(&table.headers).map_err(map)?;
            for row in &table.rows {
                writer
                    .write_record(row.iter().map(|c| crate::text::csv_cell(c, guard)))
                    .map_err(map)?;
            }
            writer.flush()?;
        }
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
            writeln!(stdout, "{t}")?;
            for note in &output.notes {
                writeln!(stdout, "{}", lang.format(note))?;
            }
        }
    }
    Ok(())
}
