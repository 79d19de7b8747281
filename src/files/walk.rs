//! Finding files under the paths a user names.
//!
//! A named path is taken as it is (a symlink named on the command line is followed).
//! Inside a directory: hidden entries (`.drafts/`, temporary files) are skipped;
//! symlinks are skipped unless `follow` is set, and then each directory and file is
//! visited once, by device and inode, so a cycle or an alias cannot repeat a file;
//! FIFOs, devices and sockets are never opened; directories of the kernel's special
//! filesystems (`/proc`, `/sys`, `/dev`) are not walked.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::file::kind;
use crate::error::{Error, Result};

/// How to walk directories.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Walk {
    /// Follow symlinks found inside directories.
    pub follow: bool,
}

/// Every `*.EXTENSION` file under `roots` (files named directly are kept whatever
/// their extension), sorted, each once. A root that is missing, special (a FIFO, a
/// device, a socket) or on a special filesystem is an error.
pub(crate) fn files(roots: &[PathBuf], extension: &str, walk: Walk) -> Result<Vec<PathBuf>> {
    let mut walker = Walker {
        extension,
        walk,
        seen: HashSet::new(),
        special: special_devices(),
        files: Vec::new(),
    };
    for root in roots {
        walker.root(root)?;
    }
    walker.files.sort();
    Ok(walker.files)
}

struct Walker<'a> {
    extension: &'a str,
    walk: Walk,
    /// (device, inode) of every directory and file taken.
    seen: HashSet<(u64, u64)>,
    /// Devices of `/proc`, `/sys` and `/dev`.
    special: Vec<u64>,
    files: Vec<PathBuf>,
}

impl Walker<'_> {
    fn root(&mut self, root: &Path) -> Result<()> {
        let metadata = fs::metadata(root).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound {
                path: root.to_owned(),
            },
            _ => Error::Read {
                path: root.to_owned(),
                source,
            },
        })?;
        if metadata.is_file() {
            if self.first_visit(&metadata) {
                self.files.push(root.to_owned());
            }
            return Ok(());
        }
        if !metadata.is_dir() {
            return Err(Error::NotAFile {
                path: root.to_owned(),
                kind: kind(&metadata),
            });
        }
        if self.is_special(&metadata) {
            return Err(Error::SpecialFilesystem {
                path: root.to_owned(),
            });
        }
        if !self.first_visit(&metadata) {
            return Ok(());
        }
        let mut pending = vec![root.to_owned()];
        while let Some(dir) = pending.pop() {
            let entries = fs::read_dir(&dir).map_err(|source| Error::Read {
                path: dir.clone(),
                source,
            })?;
            for entry in entries.filter_map(|e| e.ok()) {
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                let Ok(file_type) = entry.file_type() else {
                    continue;
                };
                let path = entry.path();
                let metadata = if file_type.is_symlink() {
                    if !self.walk.follow {
                        continue;
                    }
                    fs::metadata(&path)
                } else {
                    entry.metadata()
                };
                let Ok(metadata) = metadata else {
                    continue;
                };
                if metadata.is_dir() {
                    if !self.is_special(&metadata) && self.first_visit(&metadata) {
                        pending.push(path);
                    }
                } else if metadata.is_file()
                    && path.extension().is_some_and(|e| e == self.extension)
                    && self.first_visit(&metadata)
                {
                    self.files.push(path);
                }
            }
        }
        Ok(())
    }

    /// Records a directory or file; false when it was seen already.
    #[cfg(unix)]
    fn first_visit(&mut self, metadata: &fs::Metadata) -> bool {
        use std::os::unix::fs::MetadataExt;
        self.seen.insert((metadata.dev(), metadata.ino()))
    }

    #[cfg(not(unix))]
    fn first_visit(&mut self, _metadata: &fs::Metadata) -> bool {
        true
    }

    #[cfg(unix)]
    fn is_special(&self, metadata: &fs::Metadata) -> bool {
        use std::os::unix::fs::MetadataExt;
        self.special.contains(&metadata.dev())
    }

    #[cfg(not(unix))]
    fn is_special(&self, _metadata: &fs::Metadata) -> bool {
        false
    }
}

/// The devices of the kernel's special filesystems, where a walk would never end or
/// would read files that block.
fn special_devices() -> Vec<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let root = fs::metadata("/").map(|m| m.dev()).ok();
        ["/proc", "/sys", "/dev"]
            .iter()
            .filter_map(|p| fs::metadata(p).ok().map(|m| m.dev()))
            // Where one of them is a plain directory of the root filesystem (a container
            // without /proc), it is not special.
            .filter(|dev| Some(*dev) != root)
            .collect()
    }
    #[cfg(not(unix))]
    Vec::new()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("reports");
        fs::create_dir_all(reports.join("a")).unwrap();
        fs::write(reports.join("a/r.json"), "{}").unwrap();
        symlink(&reports, reports.join("a/loop")).unwrap();
        symlink(reports.join("a"), reports.join("alias")).unwrap();
        symlink(reports.join("a/r.json"), reports.join("link.json")).unwrap();
        dir
    }

    #[test]
    fn symlinks_are_not_followed_unless_asked() {
        let dir = tree();
        let found = files(&[dir.path().join("reports")], "json", Walk::default()).unwrap();
        assert_eq!(found, [dir.path().join("reports/a/r.json")]);
    }

    #[test]
    fn followed_symlinks_visit_each_file_once_through_cycles_and_aliases() {
        let dir = tree();
        let found = files(
            &[dir.path().join("reports"), dir.path().join("reports/a")],
            "json",
            Walk { follow: true },
        )
        .unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn special_filesystems_are_not_walked() {
        if special_devices().is_empty() {
            std::io::Write::write_all(
                &mut std::io::stderr(),
                b"skipped: no /proc on this system\n",
            )
            .unwrap();
            return;
        }
        let error = files(
            &[PathBuf::from("/proc/self")],
            "json",
            Walk { follow: true },
        );
        assert!(matches!(error, Err(Error::SpecialFilesystem { .. })));
    }
}
