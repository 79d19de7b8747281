//! `opscheck explain`: why a report scored what it did, and which fixes matter most.

use super::{source, table};
use crate::answer::clean;
use crate::cli::ExplainArgs;
use crate::report::explanation::explain;
use crate::scoring::Verdict;
use crate::{Env, Io, Outcome, Result, msg};

pub(crate) fn execute(args: &ExplainArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let t = |key: &str| lang.text(key);
    let report = source::read_report(&args.report)?;
    let e = explain(&report);
    let Some(percent) = e.percent else {
        writeln!(io.stdout, "{}", t("run-no-score"))?;
        return Ok(Outcome::Success);
    };
    writeln!(
        io.stdout,
        "{} · {} · {}",
        clean(&report.subject),
        report.date,
        clean(&report.template.title)
    )?;
    let verdict = t(e.result.label_key());
    writeln!(
        io.stdout,
        "{}",
        lang.format(&msg!(
            "explain-overall",
            result = verdict,
            percent = format!("{percent:.1}"),
            mark = e.pass_mark
        ))
    )?;
    // Why the result is what it is.
    let mut reasons = Vec::new();
    if percent < e.pass_mark {
        reasons.push(lang.format(&msg!(
            "explain-below",
            percent = format!("{percent:.1}"),
            mark = e.pass_mark
        )));
    }
    for id in &report.overall.critical_failed {
        let text = report
            .answers
            .iter()
            .find(|a| &a.item == id)
            .map_or(id.as_str(), |a| a.text.as_str());
        reasons.push(lang.format(&msg!("explain-critical", item = clean(text).into_owned())));
    }
    if e.result == Verdict::Pass {
        reasons.push(lang.format(&msg!("explain-passed", mark = e.pass_mark)));
    }
    for reason in reasons {
        writeln!(io.stdout, "  · {reason}")?;
    }

    writeln!(io.stdout, "\n{}", t("explain-what-if"))?;
    if e.what_if.is_empty() {
        writeln!(io.stdout, "  {}", t("md-no-findings"))?;
    } else {
        let mut table = table::new(vec![
            t("col-item"),
            t("explain-gain"),
            t("explain-percent-if-fixed"),
            t("explain-result-if-fixed"),
        ]);
        for w in e.what_if.iter().take(args.top) {
            let mark = if w.critical {
                format!(" [{}]", t("term-critical"))
            } else {
                String::new()
            };
            table.add_row(vec![
                format!("{}{mark}", clean(&w.text)),
                format!("+{:.2}", w.gain),
                format!("{:.2}%", w.percent),
                t(w.result.label_key()),
            ]);
        }
        table::align_right(&mut table, 1..=2);
        writeln!(io.stdout, "{table}")?;
        if e.what_if.len() > args.top {
            writeln!(
                io.stdout,
                "{}",
                lang.format(&msg!("term-more", count = e.what_if.len() - args.top))
            )?;
        }
    }

    writeln!(io.stdout, "\n{}", t("explain-contributions"))?;
    let mut table = table::new(vec![
        t("col-area"),
        t("col-item"),
        t("col-score"),
        t("explain-points"),
        t("explain-of"),
    ]);
    for c in &e.contributions {
        let area = report
            .sections
            .iter()
            .find(|s| s.id == c.section)
            .map_or(c.section.as_str(), |s| s.title.as_str());
        table.add_row(vec![
            clean(area).into_owned(),
            clean(&c.text).into_owned(),
            format!("{:.2}", c.score),
            format!("{:.2}", c.points),
            format!("{:.2}", c.max_points),
        ]);
    }
    table::align_right(&mut table, 2..=4);
    let total: f64 = e.contributions.iter().map(|c| c.points).sum();
    writeln!(io.stdout, "{table}")?;
    writeln!(
        io.stdout,
        "{}",
        lang.format(&msg!("explain-sum", total = format!("{total:.2}")))
    )?;
    Ok(Outcome::Success)
}
