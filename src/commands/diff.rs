//! `opscheck diff`: two inspections of one subject side by side, or a subject's history.

use std::path::Path;

use super::source;
use crate::cli::DiffArgs;
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::locale::Lang;
use crate::report::{ReadError, Report};
use crate::report::{comparison, console};
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &DiffArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    if let (Some(dir), Some(subject)) = (&args.history, &args.subject) {
        return history(dir, subject, lang, io);
    }
    let [old, new] = args.reports.as_slice() else {
        return Err(Error::usage(msg!("diff-usage")));
    };
    let (old, new) = (source::read_report(old)?, source::read_report(new)?);
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

fn history(dir: &Path, subject: &str, lang: Lang, io: &mut Io<'_>) -> Result<Outcome> {
    let mut reports: Vec<Report> = Vec::new();
    for path in source::report_files(std::slice::from_ref(&dir.to_path_buf()))? {
        let Ok(text) = crate::store::read_utf8(&path, crate::store::limits::REPORT_BYTES) else {
            continue;
        };
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
    if reports.is_empty() {
        writeln!(
            io.stderr,
            "{}",
            lang.format(&msg!(
                "diff-no-reports",
                subject = subject,
                dir = dir.display().to_string()
            ))
        )
        .on_stderr()?;
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
