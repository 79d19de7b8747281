//! Reading one named file: regular files only, at most a limit.

use std::fs::{self, File};
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// What a path names, when it is not a regular file; the selector of
/// `error-not-a-file`.
pub(crate) fn kind(metadata: &fs::Metadata) -> &'static str {
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

/// The bytes of a regular file of at most `limit` bytes; larger files are refused
/// with the limit named, and never read past it (a growing file included).
pub(crate) fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let too_large = || Error::TooLarge {
        path: path.to_owned(),
        limit,
    };
    let (file, len) = open_regular(path)?;
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

    #[test]
    fn a_fifo_is_refused_without_being_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.json");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
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
