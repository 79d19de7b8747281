//! `opscheck db`: the team store's migrations and roles.

use crate::cli::{DbArgs, DbCommand};
use crate::db::{connection, schema, target};
use crate::error::Result;
use crate::error::Stream as _;
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &DbArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    match &args.command {
        DbCommand::Roles => {
            io.stdout.write_all(schema::ROLES.as_bytes()).on_stdout()?;
        }
        DbCommand::Migrate { db, roles } => {
            let target = target::resolve(db.as_deref(), &|name| std::env::var(name).ok())?;
            let mut client = connection::connect(&target)?;
            let applied = schema::migrate(&mut client, &target, *roles)?;
            let line = if applied.is_empty() {
                msg!(
                    "db-up-to-date",
                    server = &target.server,
                    version = i64::from(schema::latest())
                )
            } else {
                let names: Vec<String> = applied
                    .iter()
                    .map(|(v, name)| format!("{v:04}_{name}"))
                    .collect();
                msg!(
                    "db-migrated",
                    server = &target.server,
                    migrations = names.join(", "),
                    version = i64::from(schema::latest())
                )
            };
            writeln!(io.stdout, "{}", lang.format(&line)).on_stdout()?;
            if *roles {
                writeln!(io.stdout, "{}", lang.format(&msg!("db-roles-created"))).on_stdout()?;
            }
        }
    }
    Ok(Outcome::Success)
}
