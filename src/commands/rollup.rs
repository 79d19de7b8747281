//! `summary --by region` and `--by tag`: sites rolled up, latest inspection carried
//! forward.

use serde_json::json;

use super::summary::{default_paths, to_filter, write};
use super::{register_file, source};
use crate::cli::{GroupBy, SummaryArgs};
use crate::error::Result;
use crate::error::Stream as _;
use crate::report::ReadError;
use crate::rollup::{By, Latest, rollup};
use crate::scoring::Verdict;
use crate::summary::{Entry, Output, Table};
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &SummaryArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let by = if args.by == Some(GroupBy::Tag) {
        By::Tag
    } else {
        By::Region
    };
    let sites = register_file::sites(&args.sites, lang, io.stderr)?;
    let filter = to_filter(&args.filter)?;
    let mut inspections = Vec::new();
    let mut skipped = 0;
    for path in source::report_files(&default_paths(&args.paths))? {
        let read = std::fs::read(&path)
            .map_err(|e| ReadError::Damaged(e.to_string()))
            .and_then(|bytes| Entry::read(&bytes));
        match read {
            Ok(e) if filter.accepts(&e) => inspections.push(Latest {
                passed: e.overall.result == Verdict::Pass,
                subject: e.subject,
                template: e.template.id,
                date: e.date,
                finished_at: e.finished_at,
                percent: e.overall.percent,
                points: e.overall.points,
                max_points: e.overall.max_points,
            }),
            Ok(_) => {}
            Err(why) => {
                skipped += 1;
                let line = msg!("summary-skipped", path = path.display().to_string())
                    .with_detail(why.message());
                writeln!(
                    io.stderr,
                    "{}: {}",
                    lang.text("diagnostic-warning"),
                    lang.format(&line)
                )
                .on_stderr()?;
            }
        }
    }
    if args.strict && skipped > 0 {
        return Ok(Outcome::Problems);
    }
    let rows = rollup(&sites, inspections, by, args.pooled);
    let t = |key: &str| lang.text(key);
    let pct = |p: Option<f64>| p.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}"));
    let mut table = Table {
        headers: [
            if by == By::Tag {
                "rollup-tag"
            } else {
                "due-region"
            },
            "col-template",
            "rollup-sites",
            "rollup-inspected",
            "summary-mean",
            "summary-min",
            "summary-max",
            "rollup-passed",
            "rollup-oldest",
        ]
        .map(&t)
        .to_vec(),
        right: vec![2, 3, 4, 5, 6, 7],
        ..Table::default()
    };
    for r in &rows {
        table.rows.push(vec![
            crate::answer::clean(&r.group).into_owned(),
            r.template.clone().unwrap_or_else(|| "—".to_owned()),
            r.sites.to_string(),
            r.inspected.to_string(),
            pct(r.mean),
            pct(r.min),
            pct(r.max),
            r.passed.to_string(),
            r.oldest
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".to_owned()),
        ]);
    }
    let view = if by == By::Tag { "tag" } else { "region" };
    let output = Output {
        json: json!({
            "view": view,
            "mean": if args.pooled { "pooled" } else { "inspections" },
            "until": args.filter.until,
            "rows": rows,
        }),
        table,
        notes: vec![msg!("rollup-rule")],
    };
    write(
        &output,
        args.format,
        args.excel,
        args.output.as_deref(),
        lang,
        io,
    )?;
    Ok(Outcome::Success)
}
