//! Copying evidence into `DIR/evidence/`: content-addressed (identical files stored
//! once), written atomically, never through a symlink, within the size limits.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::evidence::{self, Evidence};
use crate::i18n::Message;
use crate::msg;

/// Stores attached files under `out/evidence/`, for a session.
pub(crate) struct Store {
    pub out: PathBuf,
}

impl crate::session::Attach for Store {
    fn attach(
        &mut self,
        path: &Path,
        answers: &crate::answer::Answers,
    ) -> Result<Evidence, Message> {
        let pending = read(path, crate::answer::evidence_total(answers))?;
        store(&self.out, &pending)
    }
}

/// A file read and described, not yet stored.
pub(crate) struct Pending {
    pub evidence: Evidence,
    bytes: Vec<u8>,
}

/// Reads `source` to attach it, `already` bytes being attached to the report so far.
pub(crate) fn read(source: &Path, already: u64) -> Result<Pending, Message> {
    let display = source.display().to_string();
    let unreadable = |e: std::io::Error| {
        msg!(
            "evidence-unreadable",
            path = &display,
            reason = e.to_string()
        )
    };
    let meta = std::fs::metadata(source).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(msg!("evidence-not-a-file", path = &display));
    }
    let too_big = || {
        msg!(
            "evidence-too-big",
            path = &display,
            limit = evidence::MAX_FILE_BYTES >> 20
        )
    };
    if meta.len() > evidence::MAX_FILE_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(source)
        .and_then(|f| f.take(evidence::MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > evidence::MAX_FILE_BYTES {
        return Err(too_big());
    }
    if already + bytes.len() as u64 > evidence::MAX_REPORT_BYTES {
        return Err(msg!(
            "evidence-report-full",
            path = &display,
            limit = evidence::MAX_REPORT_BYTES >> 20
        ));
    }
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| display.clone());
    Ok(Pending {
        evidence: Evidence::describe(&bytes, &name),
        bytes,
    })
}

/// Stores the file under `out/evidence/`, unless an identical one is there already.
pub(crate) fn store(out: &Path, pending: &Pending) -> Result<Evidence, Message> {
    let dir = out.join(evidence::DIR);
    let failed = |path: &Path, e: std::io::Error| {
        msg!(
            "evidence-write",
            path = path.display().to_string(),
            reason = e.to_string()
        )
    };
    match std::fs::symlink_metadata(&dir) {
        Ok(meta) if meta.file_type().is_symlink() || !meta.is_dir() => {
            return Err(msg!(
                "evidence-dir-symlink",
                path = dir.display().to_string()
            ));
        }
        Ok(_) => {}
        Err(_) => {
            std::fs::create_dir_all(out).map_err(|e| failed(out, e))?;
            match std::fs::create_dir(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(failed(&dir, e)),
            }
        }
    }
    let target: PathBuf = out.join(&pending.evidence.path);
    let stored = std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_file())
        && std::fs::read(&target).is_ok_and(|bytes| pending.evidence.matches(&bytes));
    if stored {
        return Ok(pending.evidence.clone());
    }
    // A damaged copy or a symlink at the name is replaced: rename swaps the name
    // itself, never writing through a link.
    let mut temp = tempfile::Builder::new()
        .prefix(".opscheck-")
        .tempfile_in(&dir)
        .map_err(|e| failed(&dir, e))?;
    temp.write_all(&pending.bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| failed(&target, e))?;
    temp.persist(&target)
        .map_err(|e| failed(&target, e.error))?;
    super::draft_store::sync_dir(&dir);
    Ok(pending.evidence.clone())
}

/// Checks every evidence file `report` (at `path`) lists: there, a plain file (not a
/// symlink), with its hash. Prints a TAMPERED line per file that is not; `false` then.
pub(crate) fn verify(
    path: &Path,
    report: &crate::report::Report,
    lang: crate::locale::Lang,
    out: &mut dyn Write,
) -> std::io::Result<bool> {
    let base = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let display = path.display().to_string();
    let mut ok = true;
    for record in &report.answers {
        for e in &record.evidence {
            let why = check(&base, e);
            if let Some(key) = why {
                let line = msg!(
                    "verify-evidence",
                    path = &display,
                    file = &e.path,
                    name = &e.name,
                    item = &record.item
                )
                .with_detail(Message::new(key));
                writeln!(out, "{}", lang.format(&line))?;
                ok = false;
            }
        }
    }
    Ok(ok)
}

/// What is wrong with one evidence file, as a message key; `None` when it is intact.
fn check(base: &Path, e: &Evidence) -> Option<&'static str> {
    if !e.path_is_own() {
        return Some("verify-evidence-path");
    }
    let file = base.join(&e.path);
    let dir = base.join(evidence::DIR);
    if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Some("verify-evidence-symlink");
    }
    match std::fs::symlink_metadata(&file) {
        Err(_) => return Some("verify-evidence-missing"),
        Ok(meta) if meta.file_type().is_symlink() => return Some("verify-evidence-symlink"),
        Ok(meta) if !meta.is_file() => return Some("verify-evidence-missing"),
        Ok(meta) if meta.len() != e.size => return Some("verify-evidence-changed"),
        Ok(_) => {}
    }
    match std::fs::read(&file) {
        Ok(bytes) if e.matches(&bytes) => None,
        Ok(_) => Some("verify-evidence-changed"),
        Err(_) => Some("verify-evidence-missing"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_files_are_stored_once() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("reports");
        std::fs::write(dir.path().join("a.txt"), "same").unwrap();
        std::fs::write(dir.path().join("b.txt"), "same").unwrap();
        let a = store(&out, &read(&dir.path().join("a.txt"), 0).unwrap()).unwrap();
        let b = store(&out, &read(&dir.path().join("b.txt"), 0).unwrap()).unwrap();
        assert_eq!(a.path, b.path);
        assert_eq!((a.name.as_str(), b.name.as_str()), ("a.txt", "b.txt"));
        let files: Vec<_> = std::fs::read_dir(out.join("evidence")).unwrap().collect();
        assert_eq!(files.len(), 1);
    }

    #[test]
    fn limits_are_refused_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.bin");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(evidence::MAX_FILE_BYTES + 1).unwrap();
        assert_eq!(read(&big, 0).err().unwrap().key, "evidence-too-big");
        let small = dir.path().join("small.txt");
        std::fs::write(&small, "x").unwrap();
        let full = read(&small, evidence::MAX_REPORT_BYTES).err().unwrap();
        assert_eq!(full.key, "evidence-report-full");
        assert_eq!(
            read(dir.path(), 0).err().unwrap().key,
            "evidence-not-a-file"
        );
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("reports");
        std::fs::create_dir(&out).unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("evidence")).unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        let pending = read(&dir.path().join("a.txt"), 0).unwrap();
        assert_eq!(
            store(&out, &pending).err().unwrap().key,
            "evidence-dir-symlink"
        );
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);

        // A symlink at the file's own name is replaced, its target left alone.
        std::fs::remove_file(out.join("evidence")).unwrap();
        std::fs::create_dir(out.join("evidence")).unwrap();
        let target = dir.path().join("victim");
        std::fs::write(&target, "keep").unwrap();
        std::os::unix::fs::symlink(&target, out.join(&pending.evidence.path)).unwrap();
        store(&out, &pending).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        assert_eq!(
            std::fs::read_to_string(out.join(&pending.evidence.path)).unwrap(),
            "a"
        );
    }
}
