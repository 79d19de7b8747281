//! `opscheck report`: a saved report rendered again, in any format.

use super::source;
use crate::cli::{ReportArgs, ReportFormat};
use crate::report::{self, Report};
use crate::{Env, Io, Outcome, Result};

pub(crate) fn execute(args: &ReportArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let report = source::read_report(&args.report)?;
    let text = render(
        &report,
        args.format,
        env.document_lang(&report.template.language),
    );
    if args.excel && args.format == ReportFormat::Csv {
        io.stdout.write_all("\u{feff}".as_bytes())?;
    }
    io.stdout.write_all(text.as_bytes())?;
    Ok(Outcome::Success)
}

/// The report in one format.
pub(crate) fn render(report: &Report, format: ReportFormat, lang: crate::locale::Lang) -> String {
    match format {
        ReportFormat::Md => report::markdown::render(report, lang),
        ReportFormat::Html => report::html::render(report, lang),
        ReportFormat::Csv => report::csv::render(report, lang),
        ReportFormat::Json => report.to_json(),
    }
}
