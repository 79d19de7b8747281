//! Command-line arguments of the team store: `push`, `db migrate`, `db roles`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

pub const PUSH_HELP: &str = "\
push uploads reports, action events (actions/*.json) and waivers.toml / sites.toml files
to the team store. Each report is verified first (its digest, and its scores when its
template is at hand); one that fails is named and refused, the rest go on. A report is
known by its digest: pushing the same folder twice, or from several machines at once,
stores each report once. Each batch is one transaction: an interrupted push leaves no
half-stored report, and pushing again completes it.

The store is named by --db URL, else OPSCHECK_DATABASE_URL, else libpq's PGHOST, PGPORT,
PGUSER, PGDATABASE; the password comes from the URL, PGPASSWORD or ~/.pgpass and is never
shown. TLS: add sslmode=require, or sslmode=verify-full&sslrootcert=CA.pem, to the URL.

Examples:
  opscheck push reports --db postgresql://ann@db.example/opscheck?sslmode=require
  OPSCHECK_DATABASE_URL=postgresql:///opscheck opscheck push

Exit codes:
  0    everything pushed or already there
  1    some reports were refused (named on stderr); the others were pushed
  2    the store could not be reached or refused the push; push again";

pub const DB_HELP: &str = "\
Examples:
  opscheck db migrate --db postgresql://admin@db.example/opscheck
  opscheck db migrate --roles                  also create opscheck_inspector and opscheck_manager
  opscheck db roles | psql                     the roles' SQL, to read or run yourself

Exit codes:
  0    done
  2    the store could not be reached, or its schema is newer than this opscheck";

#[derive(Debug, Args)]
pub struct PushArgs {
    /// Report files or directories (searched recursively; .drafts/ ignored) [default: reports/]
    pub paths: Vec<PathBuf>,

    /// The team store: a postgresql:// URL or libpq key=value string [default:
    /// OPSCHECK_DATABASE_URL, then PGHOST, PGUSER, ...]
    #[arg(long, value_name = "URL")]
    pub db: Option<String>,

    /// Reports per transaction (fewer when they reach 32 MiB)
    #[arg(long, value_name = "N", default_value = "500", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch: u32,

    /// Follow symlinks inside directories (each file is still read once)
    #[arg(long)]
    pub follow: bool,

    /// Waiver file to push [default: checklists/waivers.toml, when it exists]
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,

    /// Sites file to push [default: checklists/sites.toml, when it exists]
    #[arg(long, value_name = "FILE")]
    pub sites: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DbArgs {
    #[command(subcommand)]
    pub command: DbCommand,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Create or upgrade the store's tables (migrations built into opscheck)
    #[command(after_long_help = DB_HELP)]
    Migrate {
        /// The team store [default: OPSCHECK_DATABASE_URL, then PGHOST, PGUSER, ...]
        #[arg(long, value_name = "URL")]
        db: Option<String>,

        /// Also create the roles opscheck_inspector (push only) and opscheck_manager (read only)
        #[arg(long)]
        roles: bool,
    },
    /// Print the SQL that creates the two roles and their grants
    #[command(after_long_help = DB_HELP)]
    Roles,
}
