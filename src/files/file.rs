//! Reading one named file: regular files only, at most a limit.

use std::fs::{self, File};
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// What a path names, when it is not a regular file; the selector of
/// `error-not-a-file`.
pub(crate) fn kind(metadata: &fs::Metadata) -> &'static str {
    if metadata.file_type().is_symlink() {
        return "symlink";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = metadata.file_type();
        if t.is_fifo() {
            return "fifo";
        }
        if t.is_socket() {
            return "socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "device";
        }
    }
    if metadata.is_dir() {
        "directory"
    } else {
        "other"
    }
}

fn read_error(path: &Path, source: std::io::Error) -> Error {
    match source.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_owned(),
        },
        _ => Error::Read {
            path: path.to_owned(),
            source,
        },
    }
}

/// Opens `path` for reading only if it is a regular file (a symlink to one is fine):
/// a FIFO, a device, a socket or a directory is refused before it is opened, and the
/// open itself never waits (`O_NONBLOCK`), in case the path changed in between.
fn open_regular(path: &Path) -> Result<(File, u64)> {
    let metadata = fs::metadata(path).map_err(|e| read_error(path, e))?;
    if !metadata.is_file() {
        return Err(Error::NotAFile {
            path: path.to_owned(),
            kind: kind(&metadata),
        });
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(|e| read_error(path, e))?;
    let metadata = file.metadata().map_err(|e| read_error(path, e))?;
    if !metadata.is_file() {
        return Err(Error::NotAFile {
            path: path.to_owned(),
            kind: kind(&metadata),
        });
    }
    Ok((file, metadata.len()))
}

/// Opens a file that opscheck keeps itself (a draft journal, a signature, a stored
/// evidence file) with `options`: only a regular file that is not a symlink, checked
/// before the open and again on the open file (`O_NOFOLLOW`, `O_NONBLOCK`), so that a
/// FIFO, a device or a link planted at the name is neither waited on nor written
/// through.
pub(crate) fn open_own(path: &Path, options: &mut fs::OpenOptions) -> Result<File> {
    let not_a_file = |metadata: &fs::Metadata| Error::NotAFile {
        path: path.to_owned(),
        kind: kind(metadata),
    };
    let metadata = fs::symlink_metadata(path).map_err(|e| read_error(path, e))?;
    if !metadata.is_file() {
        return Err(not_a_file(&metadata));
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NONBLOCK | libc::O_NOFOLLOW);
    let file = options.open(path).map_err(|e| match e.raw_os_error() {
        // O_NOFOLLOW met a symlink put there since the check.
        #[cfg(unix)]
        Some(libc::ELOOP) => Error::NotAFile {
            path: path.to_owned(),
            kind: "symlink",
        },
        _ => read_error(path, e),
    })?;
    let metadata = file.metadata().map_err(|e| read_error(path, e))?;
    if !metadata.is_file() {
        return Err(not_a_file(&metadata));
    }
    Ok(file)
}

/// The bytes of a file opscheck keeps itself (see [`open_own`]), at most `limit`.
pub(crate) fn read_own(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let file = open_own(path, fs::OpenOptions::new().read(true))?;
    let len = file.metadata().map_err(|e| read_error(path, e))?.len();
    read_at_most(path, file, len, limit)
}

/// The bytes of a regular file of at most `limit` bytes; larger files are refused
/// with the limit named, and never read past it (a growing file included).
pub(crate) fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let (file, len) = open_regular(path)?;
    read_at_most(path, file, len, limit)
}

fn read_at_most(path: &Path, file: File, len: u64, limit: u64) -> Result<Vec<u8>> {
    let too_large = || Error::TooLarge {
        path: path.to_owned(),
        limit,
    };
    if len > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// A file as text; invalid UTF-8 is given back lossily with the byte where it starts.
pub(crate) fn read_text(
    path: &Path,
    limit: u64,
) -> Result<std::result::Result<String, (String, usize)>> {
    let bytes = read_bytes(path, limit)?;
    Ok(String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        (String::from_utf8_lossy(e.as_bytes()).into_owned(), at)
    }))
}

/// A file that must be UTF-8 text.
pub(crate) fn read_utf8(path: &Path, limit: u64) -> Result<String> {
    read_text(path, limit)?.map_err(|(_, at)| Error::NotUtf8 {
        path: path.to_owned(),
        at,
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn mkfifo(at: &Path) {
        let made = std::process::Command::new("mkfifo").arg(at).status();
        assert!(made.unwrap().success());
    }

    #[test]
    fn a_fifo_is_refused_without_being_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.json");
        mkfifo(&fifo);
        assert!(matches!(
            read_bytes(&fifo, 10),
            Err(Error::NotAFile { kind: "fifo", .. })
        ));
        assert!(matches!(
            read_bytes(Path::new("/dev/zero"), 10),
            Err(Error::NotAFile { kind: "device", .. })
        ));
        assert!(matches!(
            read_bytes(dir.path(), 10),
            Err(Error::NotAFile {
                kind: "directory",
                ..
            })
        ));
    }

    #[test]
    fn own_files_are_never_symlinks_or_fifos() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("own.jsonl");
        fs::write(&file, "abc").unwrap();
        assert_eq!(read_own(&file, 10).unwrap(), b"abc");
        let link = dir.path().join("link.jsonl");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert!(matches!(
            read_own(&link, 10),
            Err(Error::NotAFile {
                kind: "symlink",
                ..
            })
        ));
        let mut append = fs::OpenOptions::new();
        append.read(true).append(true);
        assert!(open_own(&link, &mut append).is_err());
        assert_eq!(fs::read(&file).unwrap(), b"abc", "the target is untouched");
        let fifo = dir.path().join("fifo.jsonl");
        mkfifo(&fifo);
        assert!(matches!(
            open_own(&fifo, &mut append),
            Err(Error::NotAFile { kind: "fifo", .. })
        ));
        assert!(matches!(
            read_own(&file, 2),
            Err(Error::TooLarge { limit: 2, .. })
        ));
    }

    #[test]
    fn the_limit_is_exact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t");
        fs::write(&path, "0123456789").unwrap();
        assert_eq!(read_bytes(&path, 10).unwrap().len(), 10);
        assert!(matches!(
            read_bytes(&path, 9),
            Err(Error::TooLarge { limit: 9, .. })
        ));
    }
}
