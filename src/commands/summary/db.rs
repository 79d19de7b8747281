//! `opscheck summary --db`: the same views over the team store. Filters run in SQL;
//! `--by area`, `--by subject`, `--by inspector`, `--by month` and `--by template` are
//! aggregated there; the list and `--findings` fold the stored report heads; the views
//! that need more than reports (`--by region`, `--by tag`, `--actions`, the dashboard)
//! read the store laid out as the folder it was pushed from. The output is the one the
//! pushed files give, byte for byte.

use crate::cli::{GroupBy, SummaryArgs, SummaryFormat};
use crate::db::{self, read};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::store::destination;
use crate::summary::{Mean, Output, Summary, view};
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(
    args: &SummaryArgs,
    url: &str,
    env: &Env,
    io: &mut Io<'_>,
) -> Result<Outcome> {
    let lang = env.lang;
    let mean = if args.pooled {
        Mean::Pooled
    } else {
        Mean::Inspections
    };
    if args.signatures.signed || args.signatures.reviewed {
        return Err(Error::usage(msg!("summary-db-signed")));
    }
    let filter = &crate::listing::to_filter(&args.filter)?;
    let Some(view) = args.view().filter(|_| args.format != SummaryFormat::Html) else {
        return from_folder(args, url, env, io);
    };
    let out = args.output.as_deref();
    if args.format == SummaryFormat::Xlsx {
        destination::ensure_binary_allowed(out, io)?;
    }
    destination::ensure_free(out)?;
    let url = (!url.is_empty()).then_some(url);
    let (mut client, target) = db::open(url)?;
    let w = read::to_where(&mut client, &target, filter)?;
    let output: Output = match args.by {
        Some(GroupBy::Area) => {
            let common = read::common(&mut client, &target, &w)?;
            let areas = read::areas(&mut client, &target, &w)?;
            let view = view::Area::from_figures(areas.into_iter().map(|a| {
                (
                    a.template,
                    a.section,
                    a.title,
                    a.title_date,
                    a.titles,
                    a.stat,
                )
            }));
            Summary { common, view }.output(lang, mean, 0)
        }
        Some(GroupBy::Subject) => {
            let common = read::common(&mut client, &target, &w)?;
            let subjects = read::subjects(&mut client, &target, &w)?;
            let view = view::Subject::from_figures(
                subjects
                    .into_iter()
                    .map(|s| (s.template, s.subject, s.count, s.last_two, s.stat)),
            );
            Summary { common, view }.output(lang, mean, 0)
        }
        Some(by @ (GroupBy::Inspector | GroupBy::Month)) => {
            let (key, view) = if by == GroupBy::Inspector {
                (read::GroupKey::Inspector, view::inspector())
            } else {
                (read::GroupKey::Month, view::month())
            };
            let common = read::common(&mut client, &target, &w)?;
            let groups = read::groups(&mut client, &target, &w, key)?;
            let view = view.with_figures(groups.into_iter().map(|g| (g.key, g.stat, g.latest)));
            Summary { common, view }.output(lang, mean, 0)
        }
        Some(GroupBy::Template) => {
            let common = read::common(&mut client, &target, &w)?;
            let templates = read::templates(&mut client, &target, &w)?;
            let view = view::Template::from_figures(
                templates
                    .into_iter()
                    .map(|t| (t.template, t.stat, t.latest, t.findings, t.critical)),
            );
            Summary { common, view }.output(lang, mean, 0)
        }
        _ => {
            let mut fold = view.folder(mean, lang);
            read::heads(&mut client, &target, &w, &mut |head| fold.add(head))?;
            fold.finish()
        }
    };
    let reports = output.json["reports"].as_u64().unwrap_or(0);
    if reports == 0 {
        writeln!(
            io.stderr,
            "{}",
            lang.format(&msg!(
                "summary-empty",
                files = read::stored(&mut client, &target)?
            ))
        )
        .on_stderr()?;
        if !matches!(args.format, SummaryFormat::Json | SummaryFormat::Xlsx) {
            return Ok(Outcome::Success);
        }
    }
    let guard = !args.walk.raw_csv;
    destination::write(out, &mut *io.stdout, |w| {
        crate::listing::write_to(&output, args.format, args.excel, guard, lang, w)
    })?;
    Ok(Outcome::Success)
}

/// `--by region`, `--by tag`, `--actions` and the dashboard: the sites file, the action
/// events and the reports, as they were pushed, summarized by the code that reads folders.
/// The sites file is the latest pushed, or `--sites` when none was.
fn from_folder(args: &SummaryArgs, url: &str, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let (mut client, target) = db::open((!url.is_empty()).then_some(url))?;
    let snapshot = db::snapshot::take(&mut client, &target)?;
    drop(client);
    let mut files = args.clone();
    files.db = None;
    files.paths = vec![snapshot.reports()];
    files.source = Some(
        env.lang
            .format(&msg!("dash-from-store", server = &target.server)),
    );
    if let Some(sites) = &snapshot.sites {
        files.sites.clone_from(sites);
    }
    super::execute(&files, env, io)
}
