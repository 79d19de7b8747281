//! `opscheck report`: a saved report rendered again, in any format.

use crate::cli::{ReportArgs, ReportFormat};
use crate::error::Result;
use crate::error::Stream as _;
use crate::report;
use crate::store::{destination, source};
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
        .map(|path| crate::store::signature_check::load_allowed(path, env.lang, io))
        .transpose()?;
    let signers =
        crate::store::signature_check::signers(&args.report, allowed.as_ref().map(|(_, s)| s));
    let bytes = match args.format {
        ReportFormat::Md => report::markdown::render_signed(&report, lang, &signers).into_bytes(),
        ReportFormat::Html => report::html::render_signed(&report, lang, &signers).into_bytes(),
        _ => crate::render::render(&report, args.format.into(), lang)?,
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
