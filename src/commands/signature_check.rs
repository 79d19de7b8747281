//! The signature half of `verify`: each role's signature file beside a report, checked
//! against `allowed_signers`, each failure with its own reason.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::source;
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::locale::Lang;
use crate::report::Report;
use crate::report::verification::digest_matches;
use crate::signature::{self, AllowedSigners, Check, Role};
use crate::{Io, msg};

/// How many sibling files are tried to name the report a swapped signature belongs to.
const MAX_SIBLINGS: usize = 2000;

/// Reads an allowed signers file; every bad line is named, and none is skipped.
pub(crate) fn load_allowed(
    path: &Path,
    lang: Lang,
    io: &mut Io<'_>,
) -> Result<(PathBuf, AllowedSigners)> {
    let text = source::read_utf8(path)?;
    match AllowedSigners::parse(&text) {
        Ok(signers) => Ok((path.to_owned(), signers)),
        Err(errors) => {
            for error in &errors {
                writeln!(
                    io.stderr,
                    "{}: {}:{}: {}",
                    lang.text("diagnostic-error"),
                    path.display(),
                    error.line,
                    lang.format(&error.reason)
                )
                .on_stderr()?;
            }
            Err(Error::usage(msg!(
                "signers-invalid",
                path = path.display().to_string(),
                count = errors.len()
            )))
        }
    }
}

pub(crate) struct Context<'a> {
    pub signers: &'a AllowedSigners,
    pub signers_path: &'a Path,
    /// Every report named on the command line: a swapped signature may be theirs.
    pub reports: &'a [PathBuf],
    pub require: bool,
}

/// Prints one line per signature of `path`; `false` on a bad signature, or a missing
/// inspector signature when one is required.
pub(crate) fn report(
    path: &Path,
    report: &Report,
    context: &Context<'_>,
    lang: Lang,
    io: &mut Io<'_>,
) -> Result<bool> {
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut ok = true;
    let mut keys = Vec::new();
    for role in Role::ALL {
        let sig_path = role.path(path);
        let sig_display = sig_path.display().to_string();
        let pem = match read_signature(&sig_path) {
            Ok(Some(pem)) => pem,
            Ok(None) => {
                if role == Role::Inspector {
                    let line = msg!("verify-unsigned", path = &display, sig = &sig_display);
                    writeln!(io.stdout, "{}", lang.format(&line)).on_stdout()?;
                    ok &= !context.require;
                }
                continue;
            }
            Err(reason) => {
                bad(io, lang, &display, reason)?;
                ok = false;
                continue;
            }
        };
        let check = signature::check(&pem, &bytes, Some(context.signers), Utc::now());
        let signers = context.signers_path.display().to_string();
        let reason = match check {
            Check::Signed {
                principals,
                fingerprint,
            } => {
                let line = msg!(
                    "verify-signed",
                    path = &display,
                    role = role.as_str(),
                    principal = &principals,
                    fingerprint = &fingerprint
                );
                writeln!(io.stdout, "{}", lang.format(&line)).on_stdout()?;
                if role == Role::Inspector && !names(&principals, &report.inspector) {
                    warn(
                        io,
                        lang,
                        msg!(
                            "verify-principal-differs",
                            path = &display,
                            principal = &principals,
                            inspector = &report.inspector
                        ),
                    )?;
                }
                if keys.contains(&fingerprint) {
                    warn(
                        io,
                        lang,
                        msg!("verify-reviewer-is-inspector", path = &display),
                    )?;
                }
                keys.push(fingerprint);
                continue;
            }
            Check::UnknownKey { fingerprint } => msg!(
                "verify-sig-unknown-key",
                sig = &sig_display,
                fingerprint = fingerprint,
                signers = &signers
            ),
            Check::OtherNamespace {
                principals,
                fingerprint,
            } => msg!(
                "verify-sig-other-namespace",
                principal = principals,
                fingerprint = fingerprint,
                signers = &signers
            ),
            Check::NotValidNow {
                principals,
                fingerprint,
            } => msg!(
                "verify-sig-not-valid-now",
                principal = principals,
                fingerprint = fingerprint,
                signers = &signers
            ),
            Check::Damaged(reason) => {
                msg!("verify-sig-damaged", sig = &sig_display, reason = reason)
            }
            Check::WrongNamespace(namespace) => msg!(
                "verify-sig-wrong-namespace",
                sig = &sig_display,
                namespace = namespace
            ),
            Check::Mismatch { .. } => mismatch(path, report, &pem, &sig_display, context),
        };
        bad(io, lang, &display, reason)?;
        ok = false;
    }
    Ok(ok)
}

/// Why a signature does not match: the report was edited (its digest shows it), the
/// signature is another report's (one of them verifies with it), or either.
fn mismatch(path: &Path, report: &Report, pem: &str, sig: &str, context: &Context<'_>) -> Message {
    if !digest_matches(report) {
        return msg!("verify-sig-edited", sig = sig);
    }
    if let Some(other) = owner(path, pem, context.reports) {
        return msg!(
            "verify-sig-swapped",
            sig = sig,
            other = other.display().to_string()
        );
    }
    msg!("verify-sig-mismatch", sig = sig)
}

/// The report among those named and those beside `path` whose bytes the signature
/// `pem` is valid over.
fn owner(path: &Path, pem: &str, named: &[PathBuf]) -> Option<PathBuf> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let siblings = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .take(MAX_SIBLINGS);
    named
        .iter()
        .cloned()
        .chain(siblings)
        .filter(|candidate| !same_file(candidate, path))
        .find(|candidate| {
            let small = std::fs::metadata(candidate)
                .is_ok_and(|m| m.is_file() && m.len() <= crate::store::limits::REPORT_BYTES);
            small && std::fs::read(candidate).is_ok_and(|bytes| signature::matches(pem, &bytes))
        })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The signature file's text; `None` when there is none. A symlink is refused: the
/// signature must sit beside the report, not be borrowed from elsewhere.
fn read_signature(path: &Path) -> std::result::Result<Option<String>, Message> {
    let display = path.display().to_string();
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(msg!(
                "verify-sig-unreadable",
                sig = &display,
                reason = e.to_string()
            ));
        }
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(msg!("verify-sig-symlink", sig = &display));
        }
        Ok(meta) if meta.len() > 64 << 10 => {
            return Err(msg!(
                "verify-sig-damaged",
                sig = &display,
                reason = "larger than 64 KiB"
            ));
        }
        Ok(_) => {}
    }
    std::fs::read_to_string(path).map(Some).map_err(|e| {
        msg!(
            "verify-sig-unreadable",
            sig = &display,
            reason = e.to_string()
        )
    })
}

/// Whether one of the comma-separated principals is the inspector's name.
fn names(principals: &str, inspector: &str) -> bool {
    principals
        .split(',')
        .any(|p| p.trim().eq_ignore_ascii_case(inspector.trim()))
}

fn bad(io: &mut Io<'_>, lang: Lang, path: &str, reason: Message) -> Result<()> {
    let line = msg!("verify-bad-signature", path = path);
    writeln!(io.stdout, "{}", lang.format(&line.with_detail(reason))).on_stdout()?;
    Ok(())
}

fn warn(io: &mut Io<'_>, lang: Lang, message: Message) -> Result<()> {
    writeln!(
        io.stderr,
        "{}: {}",
        lang.text("diagnostic-warning"),
        lang.format(&message)
    )
    .on_stderr()?;
    Ok(())
}

/// Whether `report` has a valid signature of `role` (by a key `signers` allows, when
/// given): `summary --signed` and `--reviewed`.
pub(crate) fn is_signed(report: &Path, role: Role, signers: Option<&AllowedSigners>) -> bool {
    let Ok(Some(pem)) = read_signature(&role.path(report)) else {
        return false;
    };
    let small =
        std::fs::metadata(report).is_ok_and(|m| m.len() <= crate::store::limits::REPORT_BYTES);
    small
        && std::fs::read(report)
            .is_ok_and(|bytes| signature::check(&pem, &bytes, signers, Utc::now()).is_signed())
}

/// Keeps the reports `--signed`/`--reviewed` ask for.
pub(crate) fn retain_signed(
    files: &mut Vec<PathBuf>,
    args: &crate::cli::SummarySignatureArgs,
    lang: Lang,
    io: &mut Io<'_>,
) -> Result<()> {
    if !args.signed && !args.reviewed {
        return Ok(());
    }
    let signers = args
        .allowed_signers
        .as_deref()
        .map(|path| load_allowed(path, lang, io))
        .transpose()?;
    let signers = signers.as_ref().map(|(_, s)| s);
    files.retain(|path| {
        (!args.signed || is_signed(path, Role::Inspector, signers))
            && (!args.reviewed || is_signed(path, Role::Reviewer, signers))
    });
    Ok(())
}

/// The valid signatures beside `report`, each named by its principal (with `signers`)
/// or its key's fingerprint.
pub(crate) fn signers(report: &Path, signers: Option<&AllowedSigners>) -> Vec<signature::Signer> {
    let Ok(bytes) = std::fs::read(report) else {
        return Vec::new();
    };
    Role::ALL
        .into_iter()
        .filter_map(|role| {
            let pem = read_signature(&role.path(report)).ok().flatten()?;
            match signature::check(&pem, &bytes, signers, Utc::now()) {
                Check::Signed { principals, .. } => Some(signature::Signer {
                    role,
                    name: principals,
                }),
                _ => None,
            }
        })
        .collect()
}
