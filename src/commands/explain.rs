//! `opscheck explain`: why a report scored what it did, and which fixes matter most.

use super::source;
use crate::cli::ExplainArgs;
use crate::error::Stream as _;
use crate::report::console;
use crate::report::explanation::explain;
use crate::{Env, Io, Outcome, Result};

pub(crate) fn execute(args: &ExplainArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let report = source::read_report(&args.report)?;
    let explanation = explain(&report);
    console::explanation(io.stdout, &explanation, &report, args.top, env.lang).on_stdout()?;
    Ok(Outcome::Success)
}
