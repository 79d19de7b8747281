//! `opscheck explain`: why a report scored what it did, and which fixes matter most.

use crate::cli::ExplainArgs;
use crate::db::lookup::{Reference, Store};
use crate::error::Stream as _;
use crate::report::console;
use crate::report::explanation::explain;
use crate::store::source;
use crate::{Env, Io, Outcome, Result};

pub(crate) fn execute(args: &ExplainArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let report = match args.db.as_deref() {
        Some(url) => {
            let reference = Reference::parse(&args.report)?;
            Store::open(url)?.find(&reference, env, io)?.report
        }
        None => source::read_report(&args.report)?,
    };
    let explanation = explain(&report);
    console::explanation(io.stdout, &explanation, &report, args.top, env.lang).on_stdout()?;
    Ok(Outcome::Success)
}
