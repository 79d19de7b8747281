//! Reading the small TOML registers beside the checklists (`waivers.toml`,
//! `sites.toml`) with the template loader's diagnostics: every problem at once,
//! each at its place.

use std::ops::Range;

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;

use crate::diagnostic::Problem;
use crate::msg;
use crate::template::document::{self, Table};

/// The entries of `[[KEY]]` in `text`, each read as `T` with its table, or the
/// syntax errors. Unknown keys are problems, with the nearest known key.
pub(crate) fn entries<'i, T: DeserializeOwned>(
    root: &Table<'i>,
    key: &'static str,
    root_keys: &'static [&'static str],
    children: &[&str],
    known: &dyn Fn(&[String]) -> &'static [&'static str],
    problems: &mut Vec<Problem>,
) -> Vec<(Table<'i>, T)> {
    #[derive(Deserialize)]
    struct Root {}
    let _ = document::read::<Root>(root, &[key], &|_| root_keys, problems);
    document::tables(root, key, problems)
        .into_iter()
        .filter_map(|table| {
            let value = document::read::<T>(&table, children, known, problems)?;
            Some((table, value))
        })
        .collect()
}

/// Parses a register's text; `None` with the syntax errors.
pub(crate) fn parse(text: &str) -> (Option<Table<'_>>, Vec<Problem>) {
    let (root, problems) = document::parse(text);
    if problems.is_empty() {
        (Some(root), problems)
    } else {
        (None, problems)
    }
}

/// A TOML date (`2026-11-30`, without quotes or a time).
pub(crate) fn date(
    value: &Spanned<toml::value::Datetime>,
    problems: &mut Vec<Problem>,
) -> Option<NaiveDate> {
    let d = value.get_ref();
    let found = match (d.date, d.time, d.offset) {
        (Some(date), None, None) => {
            NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
        }
        _ => None,
    };
    if found.is_none() {
        problems.push(Problem::error(
            value.span(),
            msg!("register-date", value = d.to_string()),
        ));
    }
    found
}

/// The known id nearest to a mistyped one, for "did you mean".
pub(crate) fn did_you_mean<'a>(
    typed: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    known
        .into_iter()
        .map(|c| (strsim::jaro_winkler(typed, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// An unknown id at `span`, with the nearest known one.
pub(crate) fn unknown<'a>(
    span: Range<usize>,
    message: crate::i18n::Message,
    typed: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Problem {
    let problem = Problem::error(span, message);
    match did_you_mean(typed, known) {
        Some(best) => problem.label(msg!("check-did-you-mean", key = best)),
        None => problem,
    }
}

/// Which register a file is, by its name: `waivers.toml` / `*.waivers.toml` and
/// `sites.toml` / `*.sites.toml`. Anything else in `checklists/` is a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Waivers,
    Sites,
}

pub fn kind_of(path: &std::path::Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?;
    let is =
        |base: &str| name == format!("{base}.toml") || name.ends_with(&format!(".{base}.toml"));
    if is("waivers") {
        Some(Kind::Waivers)
    } else if is("sites") {
        Some(Kind::Sites)
    } else {
        None
    }
}
