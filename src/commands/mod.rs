//! One module per subcommand: the only code that touches files, the clock and stdin.

mod draft_store;
mod drafts;
mod report_store;
mod run;
mod schema;
mod show;
mod source;
mod validate;

use crate::cli::Command;
use crate::{Env, Io, Outcome, Result};

pub(crate) fn execute(command: Command, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    match command {
        Command::Run(args) => run::execute(&args, env, io),
        Command::Drafts(args) => drafts::execute(&args, env, io),
        Command::Validate(args) => validate::execute(&args, env, io),
        Command::Show(args) => show::execute(&args, env, io),
        Command::Schema => schema::execute(io),
    }
}
