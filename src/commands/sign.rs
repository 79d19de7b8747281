//! `opscheck sign`: a signature file beside each report, never the report rewritten.

use crate::cli::{SignArgs, SignRole};
use crate::error::Result;
use crate::error::Stream as _;
use crate::signature::Role;
use crate::store::signing_key;
use crate::{Env, Io, Outcome};

pub(crate) fn execute(args: &SignArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let role = match args.role {
        SignRole::Inspector => Role::Inspector,
        SignRole::Reviewer => Role::Reviewer,
    };
    // Every report is checked before the key is touched: nothing is signed when one
    // of them cannot be.
    let mut ready = Vec::with_capacity(args.reports.len());
    for path in &args.reports {
        ready.push(signing_key::prepare(path, role)?);
    }
    let mut key = signing_key::load(&args.key, env.lang, io)?;
    for (path, bytes) in &ready {
        let written = signing_key::sign_bytes(path, bytes, role, &mut key)?;
        writeln!(io.stdout, "{}", written.display()).on_stdout()?;
    }
    Ok(Outcome::Success)
}
