//! The store's schema: versioned migrations built into the binary, applied in order by
//! `opscheck db migrate` and checked by every command that opens the store.

use postgres::error::SqlState;

use super::connection::describe;
use super::target::Target;
use crate::error::{Error, Result};
use crate::msg;

/// Every migration, in order: (version, name, SQL).
const MIGRATIONS: &[(i32, &str, &str)] = &[
    (1, "store", include_str!("../../migrations/0001_store.sql")),
    (
        2,
        "day_sums",
        include_str!("../../migrations/0002_day_sums.sql"),
    ),
];

/// The roles' SQL: `opscheck db roles` prints it, `migrate --roles` runs it.
pub(crate) const ROLES: &str = include_str!("../../migrations/roles.sql");

/// The schema version this binary reads and writes.
pub(crate) fn latest() -> i32 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// Applies the migrations the database lacks (one transaction, one migrator at a time);
/// the versions applied.
pub(crate) fn migrate(
    client: &mut postgres::Client,
    target: &Target,
    roles: bool,
) -> Result<Vec<(i32, &'static str)>> {
    let fail = |e: postgres::Error| Error::Database(describe(&e, target));
    let mut tx = client.transaction().map_err(fail)?;
    tx.batch_execute(
        "SELECT pg_advisory_xact_lock(7301401);
         CREATE SCHEMA IF NOT EXISTS opscheck;
         CREATE TABLE IF NOT EXISTS opscheck.schema_migrations (
             version integer PRIMARY KEY,
             name text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now());",
    )
    .map_err(fail)?;
    let current: i32 = tx
        .query_one(
            "SELECT coalesce(max(version), 0) FROM opscheck.schema_migrations",
            &[],
        )
        .map_err(fail)?
        .get(0);
    ensure_not_newer(current, target)?;
    let mut applied = Vec::new();
    for &(version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        tx.batch_execute(sql).map_err(fail)?;
        tx.execute(
            "INSERT INTO opscheck.schema_migrations (version, name) VALUES ($1, $2)",
            &[&version, &name],
        )
        .map_err(fail)?;
        applied.push((version, name));
    }
    if roles {
        tx.batch_execute(ROLES).map_err(fail)?;
    }
    tx.commit().map_err(fail)?;
    Ok(applied)
}

fn ensure_not_newer(version: i32, target: &Target) -> Result<()> {
    if version > latest() {
        return Err(Error::Database(msg!(
            "db-schema-newer",
            server = &target.server,
            version = i64::from(version),
            supported = i64::from(latest())
        )));
    }
    Ok(())
}

/// Refuses a database this binary cannot use: not migrated, older (run `db migrate`),
/// or newer (upgrade opscheck).
pub(crate) fn ensure_current(client: &mut postgres::Client, target: &Target) -> Result<()> {
    let row = client.query_one(
        "SELECT coalesce(max(version), 0) FROM opscheck.schema_migrations",
        &[],
    );
    let version: i32 = match row {
        Ok(row) => row.get(0),
        Err(e)
            if e.code() == Some(&SqlState::UNDEFINED_TABLE)
                || e.code() == Some(&SqlState::INVALID_SCHEMA_NAME) =>
        {
            0
        }
        Err(e) => return Err(Error::Database(describe(&e, target))),
    };
    ensure_not_newer(version, target)?;
    if version < latest() {
        return Err(Error::Database(msg!(
            "db-schema-older",
            server = &target.server,
            version = i64::from(version),
            supported = i64::from(latest())
        )));
    }
    Ok(())
}
