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
    /// Starts a new draft with its header line.
    pub(crate) fn create(out: &Path, header: &Header) -> Result<DraftFile> {
        let dir = drafts_dir(out);
        fs::create_dir_all(&dir).map_err(|source| Error::Write {
            path: dir.clone(),
            source,
        })?;
        let base = format!(
            "{}-{}-{}",
            name::stem(header.date, &header.template_id, &header.subject, 1),
            header.started_at.format("%Y%m%dT%H%M%S"),
            std::process::id()
        );
        for n in 1..1000 {
            let path = dir.join(if n == 1 {
                format!("{base}.jsonl")
            } else {
                format!("{base}-{n}.jsonl")
            });
            // Made under a hidden name, locked and given its header, then linked to its
            // name: another run listing drafts never sees it empty and unlocked (and
            // would remove it as a crashed run's leftover).
            let hidden = dir.join(format!(".{base}-{n}.creating"));
            let file = match create_new(&dir, &hidden) {
                Ok(file) => file,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(Error::Write { path, source }),
            };
            let write_error = |source| Error::Write {
                path: path.clone(),
                source,
            };
            let started = file
                .try_lock()
                .map_err(|e| io::Error::other(e.to_string()))
                .and_then(|()| {
                    let mut draft = DraftFile {
                        path: path.clone(),
                        file,
                    };
                    draft.record(&Event::Start(header.clone()))?;
                    Ok(draft)
                });
            let linked = started.and_then(|draft| fs::hard_link(&hidden, &path).map(|()| draft));
            let _ = fs::remove_file(&hidden);
            match linked {
                Ok(draft) => {
                    sync_dir(&dir);
                    return Ok(draft);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(write_error(source)),
            }
        }
        Err(Error::Write {
            path: dir,
            source: io::Error::other("too many drafts with the same name"),
        })
    }

    /// Opens a draft to continue it: locks it, replays it, and cuts a torn last line.
    pub(crate) fn resume(path: &Path) -> Result<(DraftFile, Draft)> {
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
        let draft = journal::replay(BufReader::new(&file)).map_err(|e| Error::Draft {
            path: path.to_owned(),
            reason: e.message(),
        })?;
        file.set_len(draft.valid_len)
            .map_err(|source| Error::Write {
                path: path.to_owned(),
                source,
            })?;
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

/// Creates a new file, even when a run that just finished removed the empty `dir`
/// between our `create_dir_all` and this call.
fn create_new(dir: &Path, path: &Path) -> io::Result<File> {
    let open = || OpenOptions::new().append(true).create_new(true).open(path);
    let mut result = open();
    for _ in 0..3 {
        match &result {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(dir)?;
                result = open();
            }
            _ => break,
        }
    }
    result
}

/// Every draft under `out`, newest first, with its header and progress, or why it
/// cannot be read.
pub(crate) fn list(out: &Path) -> Vec<(PathBuf, std::result::Result<Draft, Message>)> {
    let dir = drafts_dir(out);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut drafts: Vec<(PathBuf, std::result::Result<Draft, Message>)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .filter_map(|path| {
            let file = File::open(&path);
            let draft = match &file {
                Ok(f) => journal::replay(BufReader::new(f)),
                Err(e) => return Some((path, Err(msg!("journal-io", reason = e.to_string())))),
            };
            // A run killed between creating its draft and writing the header leaves an
            // empty file; when no run holds it, it is removed.
            if matches!(draft, Err(journal::ReadError::Empty))
                && file.is_ok_and(|f| f.try_lock().is_ok())
            {
                let _ = fs::remove_file(&path);
                return None;
            }
            Some((path, draft.map_err(|e| e.message())))
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

/// Makes a new or removed name durable. Best effort: not every system syncs directories.
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}
