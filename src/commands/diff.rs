//! `opscheck diff`: two inspections of one subject side by side, or a subject's history;
//! from files or, with `--db`, from the team store.

use std::path::PathBuf;

use crate::cli::DiffArgs;
use crate::db::lookup::{Reference, Store};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::locale::Lang;
use crate::report::{ReadError, Report};
use crate::report::{comparison, console};
use crate::store::source;
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &DiffArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    if let (Some(dir), Some(subject)) = (&args.history, &args.subject) {
        let (reports, none) = match (args.db.as_deref(), dir) {
            (Some(_), Some(dir)) => {
                let dir = dir.display().to_string();
                return Err(Error::usage(msg!("db-history-dir", dir = dir)));
            }
            (Some(url), None) => {
                let stored = Store::open(url)?.subject(subject)?;
                let texts = stored
                    .into_iter()
                    .filter_map(|(path, bytes)| String::from_utf8(bytes).ok().map(|t| (path, t)));
                let none = msg!("db-diff-no-reports", subject = subject);
                (of_subject(texts, subject, lang, io)?, none)
            }
            (None, dir) => {
                let dir = dir
                    .clone()
                    .unwrap_or_else(|| crate::listing::default_paths(&[]).remove(0));
                let none = msg!(
                    "diff-no-reports",
                    subject = subject,
                    dir = dir.display().to_string()
                );
                let files = source::report_files(std::slice::from_ref(&dir))?;
                let texts = files.into_iter().filter_map(|path| {
                    let text = crate::files::read_utf8(&path, crate::files::limits::REPORT_BYTES);
                    text.ok().map(|text| (path, text))
                });
                (of_subject(texts, subject, lang, io)?, none)
            }
        };
        return history(reports, subject, none, lang, io);
    }
    let [old, new] = args.reports.as_slice() else {
        return Err(Error::usage(msg!("diff-usage")));
    };
    let (old, new) = match args.db.as_deref() {
        Some(url) => {
            let (old, new) = (Reference::parse(old)?, Reference::parse(new)?);
            let mut store = Store::open(url)?;
            let old = store.find(&old, env, io)?.report;
            (old, store.find(&new, env, io)?.report)
        }
        None => (source::read_report(old)?, source::read_report(new)?),
    };
    if old.template.id != new.template.id {
        return Err(Error::usage(msg!(
            "diff-templates",
            old = &old.template.id,
            new = &new.template.id
        )));
    }
    let c = comparison::compare(&old, &new);
    console::comparison(io.stdout, &c, &old, &new, lang).on_stdout()?;
    Ok(Outcome::Success)
}

/// The reports of `subject` among these files (path and text, in path order), read as
/// a folder's are: damaged ones named on stderr, foreign ones passed over.
fn of_subject(
    files: impl Iterator<Item = (PathBuf, String)>,
    subject: &str,
    lang: Lang,
    io: &mut Io<'_>,
) -> Result<Vec<Report>> {
    let mut reports: Vec<Report> = Vec::new();
    for (path, text) in files {
        match Report::from_json(&text) {
            Ok(report) if report.subject == subject => reports.push(report),
            Ok(_) | Err(ReadError::Foreign) => {}
            Err(e) => {
                let warning = msg!("summary-skipped", path = path.display().to_string())
                    .with_detail(e.message());
                writeln!(io.stderr, "{}", lang.format(&warning)).on_stderr()?;
            }
        }
    }
    Ok(reports)
}

/// The history of `subject` over `reports` (in path order); `none` when there are none.
fn history(
    mut reports: Vec<Report>,
    subject: &str,
    none: Message,
    lang: Lang,
    io: &mut Io<'_>,
) -> Result<Outcome> {
    if reports.is_empty() {
        writeln!(io.stderr, "{}", lang.format(&none)).on_stderr()?;
        return Ok(Outcome::Success);
    }
    reports.sort_by_key(|a| (a.date, a.finished_at));
    // One checklist's history: the template of the latest inspection.
    let template = reports
        .last()
        .map(|r| r.template.id.clone())
        .unwrap_or_default();
    let others = reports.iter().filter(|r| r.template.id != template).count();
    if others > 0 {
        let note = msg!("diff-other-templates", count = others, template = &template);
        writeln!(io.stderr, "{}", lang.format(&note)).on_stderr()?;
        reports.retain(|r| r.template.id == template);
    }
    let streaks = comparison::history(&reports);
    console::history(io.stdout, subject, &reports, &streaks, lang).on_stdout()?;
    Ok(Outcome::Success)
}
