//! Where a command's output goes: stdout, or a new file (`-o FILE`) written to a temp
//! file beside it, synced and linked into place only if nothing is there — never half
//! written, never over an existing file. A workbook is binary: it is refused on a
//! terminal.

use std::fs::File;
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::Stream as _;
use crate::error::{Error, Result};
use tempfile::NamedTempFile;

use crate::sheet::Book;
use crate::{Io, msg};

/// Hidden while being written; the same prefix as report files, so a killed write is
/// cleaned up like theirs.
const TEMP_PREFIX: &str = ".opscheck-";

/// Refuses binary output on a terminal stdout, before any work is done.
pub(crate) fn ensure_binary_allowed(out: Option<&Path>, io: &Io<'_>) -> Result<()> {
    if out.is_none() && io.stdout_terminal {
        return Err(Error::usage(msg!("xlsx-terminal")));
    }
    Ok(())
}

/// Refuses an `-o` path that exists, before any work is done.
pub(crate) fn ensure_free(out: Option<&Path>) -> Result<()> {
    match out {
        Some(path) if path.symlink_metadata().is_ok() => Err(exists(path)),
        _ => Ok(()),
    }
}

fn exists(path: &Path) -> Error {
    Error::usage(msg!("output-exists", path = path.display().to_string()))
}

/// Writes with `fill` to `out`, or to `stdout` when there is no `out`.
pub(crate) fn write(
    out: Option<&Path>,
    stdout: &mut dyn Write,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match out {
        None => fill(stdout),
        Some(path) => persist_new(path, |file| {
            let mut buffered = io::BufWriter::new(&mut *file);
            fill(&mut buffered)?;
            buffered.flush().map_err(|source| write_error(path, source))
        }),
    }
}

/// Writes a workbook to `out`, or to `stdout` through a temp file (the zip is
/// assembled on disk, not in memory). Call [`ensure_binary_allowed`] first.
pub(crate) fn write_book(out: Option<&Path>, stdout: &mut dyn Write, book: Book) -> Result<()> {
    match out {
        Some(path) => persist_new(path, |file| {
            book.write_to(&mut *file)
                .map_err(|e| write_error(path, e.into()))
        }),
        None => {
            let temp = std::env::temp_dir();
            let mut file = tempfile::tempfile().map_err(|source| write_error(&temp, source))?;
            book.write_to(&mut file)
                .map_err(|e| write_error(&temp, e.into()))?;
            file.rewind().map_err(|source| write_error(&temp, source))?;
            io::copy(&mut file, stdout).on_stdout()?;
            stdout.flush().on_stdout()?;
            Ok(())
        }
    }
}

fn write_error(path: &Path, source: io::Error) -> Error {
    Error::Write {
        path: path.to_owned(),
        source,
    }
}

/// A hidden temp file beside `path`, to be [`persist`]ed there.
pub(crate) fn temp_beside(path: &Path) -> Result<NamedTempFile> {
    ensure_free(Some(path))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    builder
        .tempfile_in(parent(path))
        .map_err(|source| write_error(path, source))
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Syncs the temp file and links it to `path` only if `path` does not exist; else the
/// temp file is removed and `path` untouched.
pub(crate) fn persist(temp: NamedTempFile, path: &Path) -> Result<()> {
    temp.as_file()
        .sync_all()
        .map_err(|source| write_error(path, source))?;
    temp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            exists(path)
        } else {
            write_error(path, e.error)
        }
    })?;
    super::draft_store::sync_dir(&parent(path));
    Ok(())
}

/// A temp file beside `path`, filled, then [`persist`]ed. On any failure the temp
/// file is removed and `path` untouched.
pub(crate) fn persist_new(path: &Path, fill: impl FnOnce(&mut File) -> Result<()>) -> Result<()> {
    let mut temp = temp_beside(path)?;
    fill(temp.as_file_mut())?;
    persist(temp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_writes_over_a_file_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.xlsx");
        std::fs::write(&path, "mine").unwrap();
        let err = persist_new(&path, |f| f.write_all(b"theirs").on_stdout()).unwrap_err();
        assert!(err.to_string().contains("exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_fill_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.xlsx");
        let err = persist_new(&path, |_| Err(Error::usage(msg!("xlsx-terminal"))));
        assert!(err.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
