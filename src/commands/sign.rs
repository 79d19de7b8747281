//! `opscheck sign`: a signature file beside each report, never the report rewritten.

use std::path::{Path, PathBuf};

use super::{report_store, signing_key, source};
use crate::cli::{SignArgs, SignRole};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::report::verification::digest_matches;
use crate::signature::Role;
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &SignArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let role = match args.role {
        SignRole::Inspector => Role::Inspector,
        SignRole::Reviewer => Role::Reviewer,
    };
    // Every report is checked before the key is touched: nothing is signed when one
    // of them cannot be.
    let mut ready = Vec::with_capacity(args.reports.len());
    for path in &args.reports {
        ready.push(prepare(path, role)?);
    }
    let mut key = signing_key::load(&args.key, env.lang, io)?;
    for (path, bytes) in &ready {
        let written = sign_bytes(path, bytes, role, &mut key)?;
        writeln!(io.stdout, "{}", written.display()).on_stdout()?;
    }
    Ok(Outcome::Success)
}

/// Signs the report just written at `path` (`run --sign`).
pub(crate) fn sign_file(
    path: &Path,
    role: Role,
    key: &mut signing_key::SigningKey,
) -> Result<PathBuf> {
    let (_, bytes) = prepare(path, role)?;
    sign_bytes(path, &bytes, role, key)
}

/// The report's bytes, once it is known to be an untampered opscheck report with no
/// signature of this role yet.
fn prepare(path: &Path, role: Role) -> Result<(PathBuf, Vec<u8>)> {
    let report = source::read_report(path)?;
    if !digest_matches(&report) {
        return Err(Error::usage(msg!(
            "sign-tampered",
            path = path.display().to_string()
        )));
    }
    let target = role.path(path);
    if std::fs::symlink_metadata(&target).is_ok() {
        return Err(Error::usage(msg!(
            "sign-exists",
            path = target.display().to_string()
        )));
    }
    // Read again as bytes: the signature covers the file exactly as it is.
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    Ok((path.to_owned(), bytes))
}

fn sign_bytes(
    path: &Path,
    bytes: &[u8],
    role: Role,
    key: &mut signing_key::SigningKey,
) -> Result<PathBuf> {
    if role == Role::Reviewer {
        let inspector = std::fs::read_to_string(Role::Inspector.path(path)).ok();
        let same = inspector
            .as_deref()
            .and_then(|pem| ssh_key::SshSig::from_pem(pem.trim()).ok())
            .is_some_and(|sig| sig.public_key() == key.public_key());
        if same {
            return Err(Error::usage(msg!(
                "sign-reviewer-is-inspector",
                path = path.display().to_string()
            )));
        }
    }
    let pem = key.sign(bytes, path)?;
    let target = role.path(path);
    report_store::write_new(&target, pem.as_bytes()).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            Error::usage(msg!("sign-exists", path = target.display().to_string()))
        } else {
            Error::Write {
                path: target.clone(),
                source,
            }
        }
    })?;
    Ok(target)
}
