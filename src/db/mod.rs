//! The team store on PostgreSQL (a module of its own, above `report` and `summary`,
//! so that the file store below them imports none of it): where it is ([`target`]), connecting over rustls
//! ([`connection`]), the embedded migrations ([`schema`]), batches pushed by binary COPY
//! ([`push`]), the summary's reads ([`read`]) and single reports by digest or by
//! subject and day ([`lookup`]).

pub(crate) mod connection;
pub(crate) mod lookup;
pub(crate) mod push;
pub(crate) mod read;
pub(crate) mod schema;
pub(crate) mod snapshot;
pub(crate) mod target;

use crate::error::Result;

/// Connects to the store named by `url` (or the environment) and checks that its schema
/// is the one this binary knows.
pub(crate) fn open(url: Option<&str>) -> Result<(postgres::Client, target::Target)> {
    let target = target::resolve(url, &|name| std::env::var(name).ok())?;
    let mut client = connection::connect(&target)?;
    schema::ensure_current(&mut client, &target)?;
    Ok((client, target))
}

/// The store as a folder (see [`snapshot`]), when `--db` is given (`""`: from the
/// environment).
pub(crate) fn snapshot(db: Option<&str>) -> Result<Option<snapshot::Snapshot>> {
    let Some(url) = db else { return Ok(None) };
    let (mut client, target) = open((!url.is_empty()).then_some(url))?;
    snapshot::take(&mut client, &target).map(Some)
}
