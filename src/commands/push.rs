//! `opscheck push`: verified reports, action events, waivers and sites into the team
//! store, a batch per transaction.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::cli::PushArgs;
use crate::db::push::{FileRow, ReportRow, Stored, push_batch};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::files::{self, limits};
use crate::i18n::Message;
use crate::listing;
use crate::report::Report;
use crate::report::head::{self, Head};
use crate::report::verification::{digest_matches, inconsistencies, unknown_fields};
use crate::store::{action_store, source};
use crate::template::Template;
use crate::{Env, Io, Outcome, msg};

/// A batch is sent when it holds `--batch` reports or this many bytes, whichever comes
/// first: a thousand large reports (ASVS ones are 200 kB) would otherwise be held at once.
const BATCH_BYTES: usize = 32 << 20;

pub(crate) fn execute(args: &PushArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let roots = listing::default_paths(&args.paths);
    let walk = files::Walk {
        follow: args.follow,
    };
    let reports = source::report_files_walked(&roots, walk)?;
    let files = other_files(&roots, args)?;
    let (mut client, target) = crate::db::open(args.db.as_deref())?;

    io.progress
        .start(reports.len() as u64, &lang.text("push-progress-unit"));
    let mut total = Stored::default();
    let mut refused = 0u64;
    let mut batch: Vec<ReportRow> = Vec::new();
    let mut pending_files = Some(files);
    let batch_size = args.batch as usize;
    let mut batch_bytes = 0;
    let flush = |batch: &mut Vec<ReportRow>,
                 files: Vec<FileRow>,
                 total: &mut Stored,
                 client: &mut postgres::Client|
     -> Result<()> {
        match push_batch(client, &target, batch, &files) {
            Ok(stored) => {
                total.pushed += stored.pushed;
                total.present += stored.present;
                total.files += stored.files;
                batch.clear();
                Ok(())
            }
            Err(Error::Database(why)) => Err(Error::Database(
                msg!("push-again", pushed = total.pushed, present = total.present).with_detail(why),
            )),
            Err(other) => Err(other),
        }
    };
    // Reports are read and verified on every core while this thread copies them; they
    // are taken in path order, whatever order the workers finish in.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| -> Result<()> {
        // A few reports ahead per worker keep the copy busy; more would only hold memory.
        let (sender, receiver) = mpsc::sync_channel(4 * workers);
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, reports, roots) = (&next, &reports, &roots);
            scope.spawn(move || {
                let mut templates: HashMap<String, Option<Template>> = HashMap::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = reports.get(i) else { break };
                    if sender
                        .send((i, prepare(path, roots, &mut templates)))
                        .is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut ready = BTreeMap::new();
        let mut want = 0;
        for (i, prepared) in receiver {
            ready.insert(i, prepared);
            while let Some(prepared) = ready.remove(&want) {
                let path = &reports[want];
                want += 1;
                match prepared {
                    Ok(row) => {
                        batch_bytes += row.size();
                        batch.push(row);
                    }
                    Err(why) => {
                        refused += 1;
                        let line = msg!("push-refused", path = path.display().to_string())
                            .with_detail(why);
                        let mut written = Ok(());
                        io.progress.suspend(&mut || {
                            written = writeln!(io.stderr, "{}", lang.format(&line));
                        });
                        written.on_stderr()?;
                    }
                }
                io.progress.advance(1);
                if batch.len() >= batch_size || batch_bytes >= BATCH_BYTES {
                    batch_bytes = 0;
                    let files = pending_files.take().unwrap_or_default();
                    flush(&mut batch, files, &mut total, &mut client)?;
                }
            }
        }
        Ok(())
    })?;
    if !batch.is_empty() || pending_files.as_ref().is_some_and(|f| !f.is_empty()) {
        let files = pending_files.take().unwrap_or_default();
        flush(&mut batch, files, &mut total, &mut client)?;
    }
    io.progress.finish();
    let line = msg!(
        "push-summary",
        pushed = total.pushed,
        present = total.present,
        refused = refused,
        files = total.files,
        server = &target.server
    );
    writeln!(io.stdout, "{}", lang.format(&line)).on_stdout()?;
    Ok(if refused > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// Reads and verifies one report: its digest, its fields, and its scores when its
/// template is at hand (`checklists/` or built in). Why not, when it is refused.
fn prepare(
    path: &Path,
    roots: &[PathBuf],
    templates: &mut HashMap<String, Option<Template>>,
) -> std::result::Result<ReportRow, Message> {
    let bytes = files::read_bytes(path, limits::REPORT_BYTES).map_err(|e| e.message())?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        Error::NotUtf8 {
            path: path.to_owned(),
            at: e.valid_up_to(),
        }
        .message()
    })?;
    let report = Report::from_json(text).map_err(|e| e.message())?;
    let digest = match &report.digest {
        Some(digest) if digest_matches(&report) => digest.clone(),
        Some(_) => return Err(msg!("push-tampered")),
        None => return Err(msg!("push-no-digest")),
    };
    if !unknown_fields(text).is_empty() {
        return Err(msg!("push-unknown-fields"));
    }
    let template = templates
        .entry(report.template.sha256.clone())
        .or_insert_with(|| source::find_by_sha256(&report.template.sha256).map(|l| l.template));
    if let Some(template) = template
        && let Some(problem) = inconsistencies(&report, template).into_iter().next()
    {
        return Err(msg!("push-inconsistent").with_detail(problem));
    }
    let head_bytes = head::head(&bytes).unwrap_or_else(|| bytes.clone());
    let head = Head::read(&head_bytes).map_err(|e| e.message())?;
    Ok(ReportRow {
        digest,
        path: relative(path, roots),
        head,
        head_bytes,
        bytes,
    })
}

/// The path below the root it was found under, as `/`-separated text.
fn relative(path: &Path, roots: &[PathBuf]) -> String {
    let inner = roots
        .iter()
        .filter(|root| root.is_dir())
        .find_map(|root| path.strip_prefix(root).ok())
        .unwrap_or(path);
    inner
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Action events under each root's `actions/`, and the waivers and sites files.
fn other_files(roots: &[PathBuf], args: &PushArgs) -> Result<Vec<FileRow>> {
    let mut files = Vec::new();
    for root in roots.iter().filter(|r| r.is_dir()) {
        let events = action_store::events_dir(root);
        if !events.is_dir() {
            continue;
        }
        for path in files::files(
            std::slice::from_ref(&events),
            "json",
            files::Walk::default(),
        )? {
            let bytes = files::read_bytes(&path, limits::REPORT_BYTES)?;
            if serde_json::from_slice::<serde_json::Value>(&bytes).is_err() {
                continue;
            }
            files.push(FileRow {
                kind: "event",
                sha256: source::sha256(&bytes),
                path: relative(&path, roots),
                bytes,
            });
        }
    }
    let registers = [
        (
            "waivers",
            args.waivers.as_deref(),
            crate::waiver::DEFAULT_PATH,
        ),
        ("sites", args.sites.as_deref(), crate::site::DEFAULT_PATH),
    ];
    for (kind, given, default) in registers {
        let path = match given {
            Some(path) => path.to_owned(),
            None if Path::new(default).is_file() => PathBuf::from(default),
            None => continue,
        };
        let bytes = files::read_bytes(&path, limits::TEMPLATE_BYTES)?;
        files.push(FileRow {
            kind,
            sha256: source::sha256(&bytes),
            path: path.display().to_string(),
            bytes,
        });
    }
    Ok(files)
}
