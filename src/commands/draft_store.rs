//! Drafts on disk: `DIR/.drafts/*.jsonl`, one journal per inspection in progress, each
//! locked by the run that writes it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::journal::{self, Draft, Event, Header, Journal};
use crate::msg;
use crate::report::name;
use crate::template::Template;

pub(crate) const DRAFTS: &str = ".drafts";

/// Where the drafts of a reports directory live.
pub(crate) fn drafts_dir(out: &Path) -> PathBuf {
    out.join(DRAFTS)
}

/// An open, locked draft that every event is appended to and synced.
#[derive(Debug)]
pub(crate) struct DraftFile {
    pub path: PathBuf,
    file: File,
}

impl Journal for DraftFile {
    fn record(&mut self, event: &Event) -> io::Result<()> {
        // One write of the whole line, then sync: a crash leaves at most a torn last line.
        self.file.write_all(event.to_line().as_bytes())?;
        self.file.sync_data()
    }
}

impl DraftFile {
    /// Starts a new draft with its header line. The draft is written and locked under a
    /// temporary name, then linked to its `.jsonl` name: no other run ever sees it
    /// empty or unlocked.
    pub(crate) fn create(out: &Path, header: &Header) -> Result<DraftFile> {
        let dir = ensure_drafts_dir(out)?;
        remove_abandoned_temp_files(&dir);
        let write_error = |path: &Path| {
            let path = path.to_owned();
            move |source| Error::Write { path, source }
        };
        let started = header.started_at.format("%Y%m%dT%H%M%S");
        let pid = std::process::id();
        let temp = dir.join(format!(
            "{TEMP_PREFIX}{pid}-{}.tmp",
            header.started_at.timestamp_subsec_nanos()
        ));
        let file = create_new(&dir, &temp).map_err(write_error(&temp))?;
        let mut draft = DraftFile { path: temp, file };
        let made = draft.file.try_lock().map_err(|e| match e {
            fs::TryLockError::Error(e) => e,
            fs::TryLockError::WouldBlock => io::Error::from(io::ErrorKind::WouldBlock),
        });
        let made = made.and_then(|()| draft.record(&Event::Start(header.clone())));
        if let Err(source) = made {
            let _ = fs::remove_file(&draft.path);
            return Err(Error::Write {
                path: draft.path,
                source,
            });
        }
        let base = format!(
            "{}-{started}-{pid}",
            name::stem(header.date, &header.template_id, &header.subject, 1)
        );
        for n in 1..1000 {
            let path = dir.join(if n == 1 {
                format!("{base}.jsonl")
            } else {
                format!("{base}-{n}.jsonl")
            });
            // A hard link never replaces an existing name.
            match fs::hard_link(&draft.path, &path) {
                Ok(()) => {
                    let _ = fs::remove_file(&draft.path);
                    draft.path = path;
                    sync_dir(&dir);
                    return Ok(draft);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(source) => {
                    let _ = fs::remove_file(&draft.path);
                    return Err(Error::Write { path, source });
                }
            }
        }
        let _ = fs::remove_file(&draft.path);
        Err(Error::DraftNamesTaken { dir })
    }

    /// Opens a draft to continue it: locks it, replays it against the template, and
    /// cuts a torn last line. A line the template refuses ends the replay: it and the
    /// lines after it are moved to `NAME.jsonl.rejected` (kept, never lost) and the
    /// reason is returned with the draft.
    pub(crate) fn resume(path: &Path, template: &Template) -> Result<(DraftFile, Draft)> {
        if let Some(dir) = path.parent() {
            ensure_real_dir(dir)?;
        }
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .open(path)
            .map_err(|source| Error::Read {
                path: path.to_owned(),
                source,
            })?;
        if file.try_lock().is_err() {
            return Err(Error::Draft {
                path: path.to_owned(),
                reason: msg!("draft-in-use"),
            });
        }
        let draft =
            journal::replay_checked(BufReader::new(&file), template).map_err(|e| Error::Draft {
                path: path.to_owned(),
                reason: e.message(),
            })?;
        let write_error = |source| Error::Write {
            path: path.to_owned(),
            source,
        };
        if draft.rejected.is_some() {
            let all = fs::read(path).map_err(write_error)?;
            let tail = &all[(draft.valid_len as usize).min(all.len())..];
            let mut kept = PathBuf::from(path).into_os_string();
            kept.push(".rejected");
            OpenOptions::new()
                .append(true)
                .create(true)
                .open(&kept)
                .and_then(|mut f| f.write_all(tail).and_then(|()| f.sync_all()))
                .map_err(write_error)?;
        }
        file.set_len(draft.valid_len).map_err(write_error)?;
        Ok((
            DraftFile {
                path: path.to_owned(),
                file,
            },
            draft,
        ))
    }

    /// Removes the draft once its report is safely written.
    pub(crate) fn remove(self) -> Result<()> {
        fs::remove_file(&self.path).map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })?;
        if let Some(dir) = self.path.parent() {
            sync_dir(dir);
            // Leave no empty `.drafts/` behind; another run's drafts keep it.
            let _ = fs::remove_dir(dir);
        }
        Ok(())
    }
}

const TEMP_PREFIX: &str = ".new-";

/// Creates a new file, even when a run that just finished removed the empty `dir`
/// between our `create_dir_all` and this call.
fn create_new(dir: &Path, path: &Path) -> io::Result<File> {
    let open = || OpenOptions::new().append(true).create_new(true).open(path);
    let mut result = open();
    for _ in 0..3 {
        match &result {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(dir)?;
                ensure_real(dir)?;
                result = open();
            }
            _ => break,
        }
    }
    result
}

/// A directory re-created after a race must still not be a symlink.
fn ensure_real(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        // Not the real directory it was: a symlink put there in the race.
        Ok(m) if m.file_type().is_symlink() => Err(io::Error::from(io::ErrorKind::NotADirectory)),
        _ => Ok(()),
    }
}

/// `DIR/.drafts`, created when missing; refused when it is a symlink (the journal
/// would be written, and files cleaned up, somewhere else).
pub(crate) fn ensure_drafts_dir(out: &Path) -> Result<PathBuf> {
    let dir = drafts_dir(out);
    if fs::symlink_metadata(&dir).is_err() {
        fs::create_dir_all(&dir).map_err(|source| Error::Write {
            path: dir.clone(),
            source,
        })?;
    }
    ensure_real_dir(&dir)?;
    Ok(dir)
}

fn ensure_real_dir(dir: &Path) -> Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() || !m.is_dir() => Err(Error::Draft {
            path: dir.to_owned(),
            reason: msg!("draft-dir-not-a-directory"),
        }),
        _ => Ok(()),
    }
}

/// A run killed before its draft got its name leaves a temp file; one that nobody
/// holds and that is an hour old is provably abandoned (a starting run locks its temp
/// file within a moment).
fn remove_abandoned_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in entries.filter_map(|e| e.ok()) {
        let old = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX)
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < hour_ago);
        if old && File::open(entry.path()).is_ok_and(|f| f.try_lock().is_ok()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Every draft under `out`, newest first, with its header and progress, or why it
/// cannot be read. Reading never changes or removes a draft: another run may be
/// writing it.
pub(crate) fn list(out: &Path) -> Vec<(PathBuf, std::result::Result<Draft, Message>)> {
    let dir = drafts_dir(out);
    if ensure_real_dir(&dir).is_err() {
        return Vec::new();
    }
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut drafts: Vec<(PathBuf, std::result::Result<Draft, Message>)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .map(|path| {
            let draft = match File::open(&path) {
                Ok(f) => journal::replay(BufReader::new(f)).map_err(|e| e.message()),
                Err(e) => Err(msg!("journal-io", reason = e.to_string())),
            };
            (path, draft)
        })
        .collect();
    drafts.sort_by(|a, b| {
        let started =
            |d: &std::result::Result<Draft, Message>| d.as_ref().ok().map(|d| d.header.started_at);
        started(&b.1)
            .cmp(&started(&a.1))
            .then_with(|| b.0.cmp(&a.0))
    });
    drafts
}

/// A draft's short id: the first 6 hex digits of the sha256 of its file name, stable
/// for as long as the draft exists.
pub(crate) fn short_id(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    crate::digest::sha256_hex(name.unwrap_or_default().as_bytes())[..6].to_owned()
}

/// Makes a new or removed name durable. Best effort: not every system syncs directories.
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}
