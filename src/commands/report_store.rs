//! Writing report files: atomically (temp file, sync, rename) and never over an
//! existing file, even when runs finish at the same moment.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::draft_store::sync_dir;
use crate::error::{Error, Result};

/// Writes each `(extension, content)` under the first free stem `stem(1)`, `stem(2)`, …
/// All files of one report share the stem. Returns the paths written.
pub(crate) fn write(
    dir: &Path,
    stem: impl Fn(u32) -> String,
    files: &[(&str, Vec<u8>)],
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_owned(),
        source,
    })?;
    remove_stale_temp_files(dir);
    'stems: for n in 1..10_000 {
        let stem = stem(n);
        let mut written: Vec<PathBuf> = Vec::with_capacity(files.len());
        for (extension, content) in files {
            let path = dir.join(format!("{stem}.{extension}"));
            match persist_new(dir, &path, content) {
                Ok(()) => written.push(path),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    // Another report holds this name: give back what we took, try the next.
                    for path in &written {
                        let _ = std::fs::remove_file(path);
                    }
                    continue 'stems;
                }
                Err(source) => {
                    for path in &written {
                        let _ = std::fs::remove_file(path);
                    }
                    return Err(Error::Write { path, source });
                }
            }
        }
        sync_dir(dir);
        return Ok(written);
    }
    Err(Error::ReportNamesTaken {
        dir: dir.to_owned(),
    })
}

/// Writes one file of a report whose other files exist (a run was killed between
/// them): atomically, and never over an existing file.
pub(crate) fn write_one(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    persist_new(dir, path, bytes).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })?;
    sync_dir(dir);
    Ok(())
}

/// A run killed while writing leaves its hidden temp file; an hour later it is surely
/// not being written any more.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in entries.filter_map(|e| e.ok()) {
        let stale = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX)
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < hour_ago);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

const TEMP_PREFIX: &str = ".opscheck-";

/// Writes one new file atomically, never over an existing one or through a symlink.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    persist_new(dir, path, bytes)?;
    sync_dir(dir);
    Ok(())
}

/// Writes a temp file in `dir`, syncs it, and links it to `path` only if `path` does
/// not exist (a symlink there counts as existing and is never followed).
pub(super) fn persist_new(dir: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    // Readable like any file the user creates (the umask still applies), not 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temp: NamedTempFile = builder.tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist_noclobber(path).map(drop).map_err(|e| e.error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_and_keeps_stems_together() {
        let dir = tempfile::tempdir().unwrap();
        let stem = |n: u32| {
            if n == 1 {
                "r".to_owned()
            } else {
                format!("r-{n}")
            }
        };
        let files = [("json", b"{}".to_vec()), ("md", b"# r".to_vec())];
        let first = write(dir.path(), stem, &files).unwrap();
        std::fs::write(dir.path().join("r-2.md"), "someone else's").unwrap();
        let second = write(dir.path(), stem, &files).unwrap();
        assert_eq!(first, [dir.path().join("r.json"), dir.path().join("r.md")]);
        assert_eq!(
            second,
            [dir.path().join("r-3.json"), dir.path().join("r-3.md")]
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("r-2.md")).unwrap(),
            "someone else's"
        );
        assert!(
            !dir.path().join("r-2.json").exists(),
            "a name given back leaves nothing behind"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_in_the_way_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        std::fs::write(&target, "keep").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join("r.json")).unwrap();
        let written = write(
            dir.path(),
            |n| {
                format!(
                    "r{}",
                    if n == 1 {
                        String::new()
                    } else {
                        format!("-{n}")
                    }
                )
            },
            &[("json", b"{}".to_vec())],
        )
        .unwrap();
        assert_eq!(written, [dir.path().join("r-2.json")]);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    }
}
