//! `opscheck report`: a saved report rendered again, in any format.

use super::{destination, source};
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::report::{self, Report};
use crate::{Env, Io, Outcome};

pub(crate) fn execute(args: &ReportArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let out = args.output.as_deref();
    if args.format == ReportFormat::Xlsx {
        destination::ensure_binary_allowed(out, io)?;
    }
    destination::ensure_free(out)?;
    let report = source::read_report(&args.report)?;
    // The report's own language, when the interface language was not chosen.
    let lang = env.document_lang(&report.template.language);
    let allowed = args
        .allowed_signers
        .as_deref()
        .map(|path| super::signature_check::load_allowed(path, env.lang, io))
        .transpose()?;
    let signers = super::signature_check::signers(&args.report, allowed.as_ref().map(|(_, s)| s));
    let bytes = match args.format {
        ReportFormat::Md => report::markdown::render_signed(&report, lang, &signers).into_bytes(),
        ReportFormat::Html => report::html::render_signed(&report, lang, &signers).into_bytes(),
        _ => render(&report, args.format, lang)?,
    };
    destination::write(out, &mut *io.stdout, |w| {
        if args.excel && args.format == ReportFormat::Csv {
            w.write_all("\u{feff}".as_bytes()).on_stdout()?;
        }
        w.write_all(&bytes).on_stdout()?;
        Ok(())
    })?;
    Ok(Outcome::Success)
}

/// The report in one format.
pub(crate) fn render(
    report: &Report,
    format: ReportFormat,
    lang: crate::locale::Lang,
) -> Result<Vec<u8>> {
    Ok(match format {
        ReportFormat::Md => report::markdown::render(report, lang).into_bytes(),
        ReportFormat::Html => report::html::render(report, lang).into_bytes(),
        ReportFormat::Csv => report::csv::render(report, lang).into_bytes(),
        ReportFormat::Json => report.to_json().into_bytes(),
        ReportFormat::Xlsx => crate::sheet::report::book(report, lang)
            .and_then(crate::sheet::Book::to_bytes)
            .map_err(Error::from)?,
    })
}
