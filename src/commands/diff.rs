//! `opscheck diff`: two inspections of one subject side by side, or a subject's history.

use std::path::Path;

use super::{source, table};
use crate::answer::clean;
use crate::cli::DiffArgs;
use crate::error::{Error, Result};
use crate::locale::Lang;
use crate::report::comparison::{self, FindingRef};
use crate::report::{ReadError, Report};
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
    let t = |key: &str| lang.text(key);
    writeln!(
        io.stdout,
        "{} · {} → {}",
        clean(&new.subject),
        old.date,
        new.date
    )?;
    writeln!(
        io.stdout,
        "{}: {} → {}  {}\n",
        t("diff-overall"),
        percent(c.old_percent),
        percent(c.new_percent),
        arrow(c.delta())
    )?;
    let mut table = table::new(vec![
        t("col-area"),
        old.date.to_string(),
        new.date.to_string(),
        t("diff-change"),
    ]);
    for area in &c.areas {
        table.add_row(vec![
            clean(&area.title).into_owned(),
            percent(area.old),
            percent(area.new),
            arrow(area.delta()),
        ]);
    }
    table::align_right(&mut table, 1..=3);
    writeln!(io.stdout, "{table}\n")?;
    for (key, list) in [
        ("diff-new", &c.new_findings),
        ("diff-fixed", &c.fixed),
        ("diff-recurring", &c.recurring),
    ] {
        writeln!(io.stdout, "{} ({})", t(key), list.len())?;
        for f in list {
            writeln!(io.stdout, "  {}", finding_line(f, lang))?;
        }
    }
    Ok(Outcome::Success)
}

fn history(dir: &Path, subject: &str, lang: Lang, io: &mut Io<'_>) -> Result<Outcome> {
    let mut reports: Vec<Report> = Vec::new();
    for path in source::report_files(std::slice::from_ref(&dir.to_path_buf()), Default::default())?
    {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        match Report::from_json(&text) {
            Ok(report) if report.subject == subject => reports.push(report),
            Ok(_) | Err(ReadError::Foreign) => {}
            Err(e) => {
                let warning = msg!("summary-skipped", path = path.display().to_string())
                    .with_detail(e.message());
                writeln!(io.stderr, "{}", lang.format(&warning))?;
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
        )?;
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
        writeln!(io.stderr, "{}", lang.format(&note))?;
        reports.retain(|r| r.template.id == template);
    }
    let t = |key: &str| lang.text(key);
    let mut trend = table::new(vec![
        t("col-date"),
        t("col-percent"),
        t("diff-change"),
        t("diff-findings"),
    ]);
    let mut previous: Option<f64> = None;
    for r in &reports {
        let p = r.overall.percent;
        let delta = previous.zip(p).map(|(a, b)| b - a);
        trend.add_row(vec![
            r.date.to_string(),
            percent(p),
            arrow(delta),
            r.findings.len().to_string(),
        ]);
        previous = p.or(previous);
    }
    writeln!(
        io.stdout,
        "{} · {}\n{trend}\n",
        clean(subject),
        lang.format(&msg!("diff-inspections", count = reports.len()))
    )?;
    let streaks = comparison::history(&reports);
    let mut table = table::new(vec![
        t("col-item"),
        t("csv-severity"),
        t("diff-consecutive"),
        t("diff-total"),
    ]);
    for s in &streaks {
        table.add_row(vec![
            clean(&s.finding.text).into_owned(),
            t(s.finding.severity.label_key()),
            s.consecutive.to_string(),
            format!("{}/{}", s.total, reports.len()),
        ]);
    }
    writeln!(io.stdout, "{}\n{table}", t("diff-open-findings"))?;
    Ok(Outcome::Success)
}

fn finding_line(f: &FindingRef, lang: Lang) -> String {
    format!(
        "[{}] {} ({})",
        lang.text(f.severity.label_key()),
        clean(&f.text),
        f.item
    )
}

fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}%"))
}

/// `▲ 4.2`, `▼ 1.0`, `= 0.0`, or empty when either side has no percent.
pub(crate) fn arrow(delta: Option<f64>) -> String {
    match delta {
        None => String::new(),
        Some(d) if d > 0.05 => format!("▲ {d:.1}"),
        Some(d) if d < -0.05 => format!("▼ {:.1}", -d),
        Some(_) => "= 0.0".to_owned(),
    }
}
