//! `opscheck summary`: the manager's tables over many reports, read on every core.

use std::path::{Path, PathBuf};

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::source;
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
    if let Some(url) = &args.db {
        return super::summary_db::execute(args, url, env, io);
    }
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
    let listed = if env.verbose {
        summarized.skipped.len()
    } else {
        limits::WARNINGS_LISTED
    };
    for (path, why) in summarized.skipped.iter().take(listed) {
        let line =
            msg!("summary-skipped", path = path.display().to_string()).with_detail(why.message());
        let style = if args.strict {
            "diagnostic-error"
        } else {
            "diagnostic-warning"
        };
        writeln!(io.stderr, "{}: {}", lang.text(style), lang.format(&line))?;
    }
    let more = summarized.skipped.len().saturating_sub(listed);
    more_skipped(more, lang, io.stderr)?;
    if args.strict && !summarized.skipped.is_empty() {
        return Ok(Outcome::Problems);
    }
    if summarized.reports == 0 {
        writeln!(
            io.stderr,
            "{}",
            lang.format(&msg!("summary-empty", files = files.len()))
        )?;
        if args.format != SummaryFormat::Json {
            return Ok(Outcome::Success);
        }
    }
    let guard = !args.walk.raw_csv;
    write_guarded(&summarized.output, args.format, args.excel, guard, lang, io)?;
    Ok(Outcome::Success)
}

/// One report file's bytes: a regular file, refused beyond the report size limit.
fn read_report(path: &Path, buffer: &mut Vec<u8>) -> std::result::Result<(), ReadError> {
    *buffer = store::read_bytes(path, limits::REPORT_BYTES)
        .map_err(|error| ReadError::Unreadable(error.message()))?;
    Ok(())
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

/// Writes a table output in `format`; CSV text cells formula-guarded.
pub(crate) fn write(
    output: &Output,
    format: SummaryFormat,
    excel: bool,
    lang: Lang,
    io: &mut Io<'_>,
) -> Result<()> {
    write_guarded(output, format, excel, true, lang, io)
}

/// [`write`], with the CSV formula guard on or off (`--raw-csv`).
pub(crate) fn write_guarded(
    output: &Output,
    format: SummaryFormat,
    excel: bool,
    guard: bool,
    lang: Lang,
    io: &mut Io<'_>,
) -> Result<()> {
    let table = &output.table;
    match format {
        SummaryFormat::Json => {
            crate::text::json_to_writer(&mut *io.stdout, &output.json, true)?;
            writeln!(io.stdout)?;
        }
        SummaryFormat::Csv => {
            if excel {
                io.stdout.write_all("\u{feff}".as_bytes())?;
            }
            let mut writer = csv::Writer::from_writer(&mut *io.stdout);
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
            writeln!(io.stdout, "{t}")?;
            for note in &output.notes {
                writeln!(io.stdout, "{}", lang.format(note))?;
            }
        }
    }
    Ok(())
}
