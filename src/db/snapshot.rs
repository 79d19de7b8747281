//! The store laid out as the folder it was pushed from, in a private temporary
//! directory: the stored bytes of every report at its pushed path, the action events
//! under `actions/`, the latest sites file. `export`, `actions` and `due`
//! read it with the code that reads folders, so that their output over `--db` is the
//! output over the files, byte for byte (the action ledger needs every report and event;
//! the rows are streamed from the server, not held in memory).

use std::path::{Component, Path, PathBuf};

use postgres::fallible_iterator::FallibleIterator;

use super::connection::describe;
use super::target::Target;
use crate::error::{Error, Result};

/// A temporary folder holding the store; deleted when dropped.
pub(crate) struct Snapshot {
    dir: tempfile::TempDir,
    /// The latest sites file pushed, when there is one.
    pub sites: Option<PathBuf>,
}

impl Snapshot {
    /// The reports directory (events under `actions/`).
    pub(crate) fn reports(&self) -> PathBuf {
        self.dir.path().join("reports")
    }
}

/// `path` as a relative path inside `root`: `..`, roots and prefixes are dropped, so
/// that a stored path can never point outside.
fn inside(root: &Path, path: &str) -> PathBuf {
    let mut out = root.to_path_buf();
    for component in Path::new(path).components() {
        if let Component::Normal(part) = component {
            out.push(part);
        }
    }
    out
}

/// Writes every stored file into a new temporary folder.
pub(crate) fn take(client: &mut postgres::Client, target: &Target) -> Result<Snapshot> {
    let fail = |e: postgres::Error| Error::Database(describe(&e, target));
    let dir = tempfile::Builder::new()
        .prefix("opscheck-store-")
        .tempdir()
        .map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })?;
    let reports = dir.path().join("reports");
    let write = |path: &Path, bytes: &[u8]| -> Result<()> {
        let io = |source| Error::Write {
            path: path.to_owned(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(path, bytes).map_err(io)
    };
    let queries = [
        "SELECT path, digest, bytes FROM opscheck.reports ORDER BY path COLLATE \"C\", digest",
        "SELECT path, sha256, bytes FROM opscheck.action_events ORDER BY path COLLATE \"C\", sha256",
    ];
    for sql in queries {
        let mut rows = client
            .query_raw(sql, std::iter::empty::<&str>())
            .map_err(fail)?;
        while let Some(row) = rows.next().map_err(fail)? {
            let path: &str = row.get(0);
            let id: &str = row.get(1);
            let bytes: &[u8] = row.get(2);
            let mut file = inside(&reports, path);
            if file.exists() {
                // Two different files pushed from the same relative path (two machines):
                // both are kept, the later under a name with its digest.
                let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
                let id = id.trim_start_matches("sha256:");
                file.set_file_name(format!(
                    "{}.{}.json",
                    stem.unwrap_or_default(),
                    &id[..id.len().min(12)]
                ));
            }
            write(&file, bytes)?;
        }
    }
    let mut latest = |table: &str, name: &str| -> Result<Option<PathBuf>> {
        let sql =
            format!("SELECT bytes FROM opscheck.{table} ORDER BY pushed_at DESC, sha256 LIMIT 1");
        let Some(row) = client.query_opt(&sql, &[]).map_err(fail)? else {
            return Ok(None);
        };
        let path = dir.path().join(name);
        write(&path, row.get::<_, &[u8]>(0))?;
        Ok(Some(path))
    };
    let sites = latest("sites", "sites.toml")?;
    std::fs::create_dir_all(&reports).map_err(|source| Error::Write {
        path: reports.clone(),
        source,
    })?;
    Ok(Snapshot { dir, sites })
}
