//! `opscheck verify`: each report's digest, its scores against its answers, and, with
//! `--allowed-signers`, its signatures; files or, with `--db`, the stored bytes of
//! reports in the team store.

use std::borrow::Cow;
use std::path::Path;

use crate::cli::VerifyArgs;
use crate::db::lookup::{Reference, Store};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::report::Report;
use crate::report::verification::{
    digest_matches, inconsistencies, non_canonical_line, unknown_fields,
};
use crate::store::{signature_check, source};
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &VerifyArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let template = args
        .template
        .as_deref()
        .map(source::load_path)
        .transpose()?;
    if args.db.is_some() && args.signatures.allowed_signers.is_some() {
        return Err(Error::usage(msg!("db-no-signatures")));
    }
    // Every reference is read before the store is asked: a typo stops nothing half-way.
    let (mut store, references) = match args.db.as_deref() {
        Some(url) => {
            let references = args
                .reports
                .iter()
                .map(|given| Reference::parse(given).map(Some))
                .collect::<Result<Vec<_>>>()?;
            (Some(Store::open(url)?), references)
        }
        None => (None, vec![None; args.reports.len()]),
    };
    let signers = args
        .signatures
        .allowed_signers
        .as_deref()
        .map(|path| signature_check::load_allowed(path, lang, io))
        .transpose()?;
    let mut bad = 0;
    let mut unreadable = 0;
    for (given, reference) in args.reports.iter().zip(references) {
        let read = match (store.as_mut(), reference) {
            (Some(store), Some(reference)) => match store.find(&reference, env, io) {
                Ok(found) => Ok((Cow::Owned(found.path), found.report, found.text)),
                // The store failing is not one report's problem: verify stops.
                Err(error @ Error::Database(_)) => return Err(error),
                Err(error) => Err(error),
            },
            _ => source::read_report_text(given)
                .map(|(report, text)| (Cow::Borrowed(given.as_path()), report, text)),
        };
        let (path, report, text) = match read {
            Ok(read) => read,
            Err(error) => {
                writeln!(io.stderr, "{}", error.render(lang)).on_stderr()?;
                unreadable += 1;
                continue;
            }
        };
        let path = path.as_ref();
        let display = path.display().to_string();
        let unknown = unknown_fields(&text);
        if !unknown.is_empty() {
            let line = msg!("verify-unknown-fields", path = &display);
            writeln!(io.stdout, "{}", lang.format(&line)).on_stdout()?;
            for field in &unknown {
                let field = msg!("verify-unknown-field", field = field);
                writeln!(io.stdout, "  · {}", lang.format(&field)).on_stdout()?;
            }
            bad += 1;
            continue;
        }
        if digest_matches(&report)
            && let Some(line) = non_canonical_line(&text, &report)
        {
            let line = msg!("verify-not-canonical", path = &display, line = line);
            writeln!(io.stdout, "{}", lang.format(&line)).on_stdout()?;
            bad += 1;
            continue;
        }
        let mut ok = content(path, &report, template.as_ref(), env, io)?;
        if store.is_some() {
            // Evidence files are not pushed: said, not counted as a problem.
            let count: usize = report.answers.iter().map(|a| a.evidence.len()).sum();
            if count > 0 {
                let line = msg!("db-verify-evidence", path = &display, count = count);
                writeln!(io.stdout, "{}", lang.format(&line)).on_stdout()?;
            }
        } else {
            ok &=
                crate::store::evidence_store::verify(path, &report, lang, io.stdout).on_stdout()?;
        }
        if let Some((file, signers)) = &signers {
            let context = signature_check::Context {
                signers,
                signers_path: file,
                reports: &args.reports,
                require: args.signatures.require_signature,
            };
            ok &= signature_check::report(path, &report, &context, lang, io)?;
        }
        if !ok {
            bad += 1;
        }
    }
    if unreadable > 0 {
        return Err(crate::Error::Unreadable { count: unreadable });
    }
    Ok(if bad > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// The digest and the scores of one report; `false` when tampered or inconsistent.
fn content(
    path: &Path,
    report: &Report,
    given: Option<&source::Loaded>,
    env: &Env,
    io: &mut Io<'_>,
) -> Result<bool> {
    let lang = env.lang;
    let display = path.display().to_string();
    if !digest_matches(report) {
        writeln!(
            io.stdout,
            "{}",
            lang.format(&msg!("verify-tampered", path = &display))
        )
        .on_stdout()?;
        return Ok(false);
    }
    let template = match given {
        Some(loaded) if loaded.sha256 == report.template.sha256 => Some(loaded.template.clone()),
        Some(_) => None,
        None => source::find_by_sha256(&report.template.sha256).map(|l| l.template),
    };
    let Some(template) = template else {
        writeln!(
            io.stdout,
            "{}",
            lang.format(&msg!(
                "verify-digest-only",
                path = &display,
                template = &report.template.id
            ))
        )
        .on_stdout()?;
        return Ok(true);
    };
    let problems = inconsistencies(report, &template);
    if problems.is_empty() {
        writeln!(
            io.stdout,
            "{}",
            lang.format(&msg!("verify-ok", path = &display))
        )
        .on_stdout()?;
        return Ok(true);
    }
    writeln!(
        io.stdout,
        "{}",
        lang.format(&msg!("verify-inconsistent", path = &display))
    )
    .on_stdout()?;
    for problem in &problems {
        writeln!(io.stdout, "  · {}", lang.format(problem)).on_stdout()?;
    }
    Ok(false)
}
