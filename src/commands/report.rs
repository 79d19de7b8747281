//! `opscheck report`: a saved report rendered again, in any format; from a file or,
//! with `--db`, from the team store.

use crate::cli::{ReportArgs, ReportFormat};
use crate::db::lookup::{Reference, Store};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::report;
use crate::store::{destination, source};
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &ReportArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let out = args.output.as_deref();
    if args.format == ReportFormat::Xlsx {
        destination::ensure_binary_allowed(out, io)?;
    }
    destination::ensure_free(out)?;
    let (report, signers) = match args.db.as_deref() {
        // The store keeps no signature files: a stored report is shown unsigned.
        Some(url) => {
            if args.allowed_signers.is_some() {
                return Err(Error::usage(msg!("db-no-signatures")));
            }
            let reference = Reference::parse(&args.report)?;
            (
                Store::open(url)?.find(&reference, env, io)?.report,
                Vec::new(),
            )
        }
        None => {
            let report = source::read_report(&args.report)?;
            let allowed = args
                .allowed_signers
                .as_deref()
                .map(|path| crate::store::signature_check::load_allowed(path, env.lang, io))
                .transpose()?;
            let signers = crate::store::signature_check::signers(
                &args.report,
                allowed.as_ref().map(|(_, s)| s),
            );
            (report, signers)
        }
    };
    // The report's own language, when the interface language was not chosen.
    let lang = env.document_lang(&report.template.language);
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
