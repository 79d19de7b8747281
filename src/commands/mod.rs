//! One module per subcommand: the only code that touches files, the clock and stdin.

mod actions;
mod completions;
mod db;
mod diff;
mod drafts;
mod due;
mod explain;
mod export;
mod import;
mod list;
mod manual;
mod new;
mod push;
mod report;
mod run;
mod schema;
mod show;
mod sign;
mod summary;
mod validate;
mod verify;
mod waivers;

pub(crate) use run::run as run_inspection;

use crate::cli::Command;
use crate::{Env, Io, Outcome, Result};

pub(crate) fn execute(command: Command, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    match command {
        Command::Run(args) => run::execute(&args, env, io),
        Command::Drafts(args) => drafts::execute(&args, env, io),
        Command::Summary(args) => summary::execute(&args, env, io),
        Command::Export(args) => export::execute(&args, env, io),
        Command::Report(args) => report::execute(&args, env, io),
        Command::Diff(args) => diff::execute(&args, env, io),
        Command::Explain(args) => explain::execute(&args, env, io),
        Command::Verify(args) => verify::execute(&args, env, io),
        Command::Sign(args) => sign::execute(&args, env, io),
        Command::Validate(args) => validate::execute(&args, env, io),
        Command::Show(args) => show::execute(&args, env, io),
        Command::Import(args) => import::execute(&args, env, io),
        Command::Schema => schema::execute(io),
        Command::New(args) => new::execute(&args, env, io),
        Command::List => list::execute(env, io),
        Command::Actions(args) => actions::execute(&args, env, io),
        Command::Waivers(args) => waivers::execute(&args, env, io),
        Command::Due(args) => due::execute(&args, env, io),
        Command::Push(args) => push::execute(&args, env, io),
        Command::Db(args) => db::execute(&args, env, io),
        Command::Completions(args) => completions::completions(&args, io),
        Command::Man(args) => manual::execute(&args, io),
    }
}
