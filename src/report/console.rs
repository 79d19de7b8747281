//! The terminal text of `diff` and `explain`: the comparison, history and explanation
//! models of this module's siblings, written as headings, lines and tables.

use std::io::{self, Write};

use super::Report;
use super::comparison::{Comparison, FindingRef, Streak};
use super::explanation::Explanation;
use crate::answer::clean;
use crate::locale::Lang;
use crate::msg;
use crate::scoring::Verdict;
use crate::table;

/// Two inspections of one subject: the overall change, each area, and the findings that
/// are new, fixed and recurring.
pub fn comparison(
    out: &mut dyn Write,
    c: &Comparison,
    old: &Report,
    new: &Report,
    lang: Lang,
) -> io::Result<()> {
    let t = |key: &str| lang.text(key);
    writeln!(out, "{} · {} → {}", clean(&new.subject), old.date, new.date)?;
    writeln!(
        out,
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
    writeln!(out, "{table}\n")?;
    for (key, list) in [
        ("diff-new", &c.new_findings),
        ("diff-fixed", &c.fixed),
        ("diff-recurring", &c.recurring),
    ] {
        writeln!(out, "{} ({})", t(key), list.len())?;
        for f in list {
            writeln!(out, "  {}", finding_line(f, lang))?;
        }
    }
    Ok(())
}

/// A subject's inspections of one template, oldest first: the trend, and the findings
/// open at the latest with how long they have been.
pub fn history(
    out: &mut dyn Write,
    subject: &str,
    reports: &[Report],
    streaks: &[Streak],
    lang: Lang,
) -> io::Result<()> {
    let t = |key: &str| lang.text(key);
    let mut trend = table::new(vec![
        t("col-date"),
        t("col-percent"),
        t("diff-change"),
        t("diff-findings"),
    ]);
    let mut previous: Option<f64> = None;
    for r in reports {
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
    table::align_right(&mut trend, 1..=3);
    writeln!(
        out,
        "{} · {}\n{trend}\n",
        clean(subject),
        lang.format(&msg!("diff-inspections", count = reports.len()))
    )?;
    let mut table = table::new(vec![
        t("col-item"),
        t("csv-severity"),
        t("diff-consecutive"),
        t("diff-total"),
    ]);
    for s in streaks {
        table.add_row(vec![
            clean(&s.finding.text).into_owned(),
            t(s.finding.severity.label_key()),
            s.consecutive.to_string(),
            format!("{}/{}", s.total, reports.len()),
        ]);
    }
    table::align_right(&mut table, 2..=3);
    writeln!(out, "{}\n{table}", t("diff-open-findings"))
}

/// Why a report scored what it did: the verdict and its reasons, the `top` fixes that
/// would raise the percent most, and each item's contribution.
pub fn explanation(
    out: &mut dyn Write,
    e: &Explanation,
    report: &Report,
    top: usize,
    lang: Lang,
) -> io::Result<()> {
    let t = |key: &str| lang.text(key);
    let Some(percent) = e.percent else {
        return writeln!(out, "{}", t("run-no-score"));
    };
    writeln!(
        out,
        "{} · {} · {}",
        clean(&report.subject),
        report.date,
        clean(&report.template.title)
    )?;
    let verdict = t(e.result.label_key());
    writeln!(
        out,
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
        writeln!(out, "  · {reason}")?;
    }

    writeln!(out, "\n{}", t("explain-what-if"))?;
    if e.what_if.is_empty() {
        writeln!(out, "  {}", t("md-no-findings"))?;
    } else {
        let mut table = table::new(vec![
            t("col-item"),
            t("explain-gain"),
            t("explain-percent-if-fixed"),
            t("explain-result-if-fixed"),
        ]);
        for w in e.what_if.iter().take(top) {
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
        writeln!(out, "{table}")?;
        if e.what_if.len() > top {
            writeln!(
                out,
                "{}",
                lang.format(&msg!("term-more", count = e.what_if.len() - top))
            )?;
        }
    }

    writeln!(out, "\n{}", t("explain-contributions"))?;
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
    writeln!(out, "{table}")?;
    writeln!(
        out,
        "{}",
        lang.format(&msg!("explain-sum", total = format!("{total:.2}")))
    )?;
    Ok(())
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
fn arrow(delta: Option<f64>) -> String {
    match delta {
        None => String::new(),
        Some(d) if d > 0.05 => format!("▲ {d:.1}"),
        Some(d) if d < -0.05 => format!("▼ {:.1}", -d),
        Some(_) => "= 0.0".to_owned(),
    }
}
