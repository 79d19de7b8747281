//! The parsed TOML tree of a template, read node by node so that one bad item does not
//! hide the problems of the others, and every key keeps its place in the file.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Problem;
use crate::files::limits;
use crate::msg;

pub(crate) type Table<'i> = Spanned<DeTable<'i>>;

/// Parses the text, reporting every syntax error. The tree is returned even with
/// errors, but callers should stop at syntax errors: the recovered tree is a guess.
pub(crate) fn parse(text: &str) -> (Table<'_>, Vec<Problem>) {
    if let Some(at) = beyond_value_limit(text, limits::TEMPLATE_VALUES) {
        let problem = Problem::error(
            at..at,
            msg!("check-too-many-values", limit = limits::TEMPLATE_VALUES),
        )
        .help(msg!("check-too-many-values-help"));
        return (DeTable::parse_recoverable("").0, vec![problem]);
    }
    let (root, errors) = DeTable::parse_recoverable(text);
    let problems = errors
        .into_iter()
        .map(|error| {
            let span = error.span().unwrap_or(0..0);
            Problem::error(
                span,
                msg!("toml-error", detail = first_line(error.message())),
            )
        })
        .collect();
    (root, problems)
}

/// Where the text holds more than `limit` values, if it does: a lexical count, done
/// before parsing so that memory stays bounded whatever the file holds. Every node of
/// the parsed tree takes one of `=` (a key), `,` (an array element), `[` (a table or
/// an array) or `{` (an inline table) outside strings and comments, so the count is
/// never below the number of nodes by more than the number of one-element arrays.
fn beyond_value_limit(text: &str, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut count = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            quote @ (b'"' | b'\'') => {
                let triple = bytes[i..].starts_with(&[quote; 3]);
                i += if triple { 3 } else { 1 };
                while i < bytes.len() {
                    if quote == b'"' && bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if triple {
                        if bytes[i..].starts_with(&[quote; 3]) {
                            // A closing run may be up to five quotes long: two belong to
                            // the string.
                            while bytes.get(i + 3) == Some(&quote) {
                                i += 1;
                            }
                            i += 3;
                            break;
                        }
                    } else if bytes[i] == quote || bytes[i] == b'\n' {
                        i += 1;
                        break;
                    }
                    i += 1;
                }
                continue;
            }
            b'=' | b',' | b'[' | b'{' => {
                count += 1;
                if count > limit {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Deserializes one table, reporting its type error and every unknown key.
/// `known` lists the field names at each level, for "did you mean" hints; `children`
/// are the keys read node by node afterwards (`sections`, `items`), not unknown.
pub(crate) fn read<T: DeserializeOwned>(
    table: &Table<'_>,
    children: &[&str],
    known: &dyn Fn(&[String]) -> &'static [&'static str],
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let mut unknown = Vec::new();
    let mut unlisted = 0;
    let deserializer = toml::de::Deserializer::from(table.clone());
    let result = serde_ignored::deserialize(deserializer, |path| {
        // Past the listing limit only the count is kept: memory and time stay bounded
        // whatever the number of unknown keys.
        if let serde_ignored::Path::Map {
            parent: serde_ignored::Path::Root,
            key,
        } = &path
            && children.contains(&key.as_str())
        {
            return;
        }
        if unknown.len() < limits::PROBLEMS_LISTED {
            unknown.push(segments(&path));
        } else {
            unlisted += 1;
        }
    });
    if unlisted > 0 {
        problems.push(unlisted_marker(unlisted));
    }
    for path in unknown {
        let Some((key, parent)) = path.split_last() else {
            continue;
        };
        if parent.is_empty() && children.contains(&key.as_str()) {
            continue;
        }
        let span = key_span(table, &path).unwrap_or_else(|| table.span());
        let mut problem = Problem::error(span, msg!("check-unknown-key", key = key.as_str()));
        let candidates = known(parent);
        match strsim_best(key, candidates) {
            Some(best) => problem = problem.label(msg!("check-did-you-mean", key = best)),
            None if !candidates.is_empty() => {
                problem = problem.help(msg!("check-expected-keys", keys = candidates.join(", ")));
            }
            None => {}
        }
        problems.push(problem);
    }
    match result {
        Ok(value) => Some(value),
        Err(error) => {
            let span = error.span().unwrap_or_else(|| table.span());
            problems.push(Problem::error(
                span,
                msg!("toml-error", detail = first_line(error.message())),
            ));
            None
        }
    }
}

/// The key of the marker that stands for problems found but not kept.
pub(crate) const UNLISTED: &str = "check-unlisted";

/// A problem that stands for `count` errors found but not kept; [`super::check`]
/// turns it into [`super::Checked::unlisted_errors`].
fn unlisted_marker(count: usize) -> Problem {
    Problem::error(0..0, msg!("check-unlisted", count = count))
}

/// The tables of an array of tables under `key`; anything else there is a problem.
pub(crate) fn tables<'i>(
    table: &Table<'i>,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Table<'i>> {
    let Some(value) = table.get_ref().get(key) else {
        return Vec::new();
    };
    let DeValue::Array(array) = value.get_ref() else {
        problems.push(
            Problem::error(value.span(), msg!("check-array-of-tables", key = key))
                .help(msg!("check-array-of-tables-help", key = key)),
        );
        return Vec::new();
    };
    let mut found = Vec::with_capacity(array.len());
    for element in array.iter() {
        match element.get_ref() {
            DeValue::Table(t) => found.push(Spanned::new(element.span(), t.clone())),
            _ => problems.push(Problem::error(
                element.span(),
                msg!("check-entry-table", key = key),
            )),
        }
    }
    found
}

/// The span of the value under `key` in `table`, or of the table itself.
pub(crate) fn value_span(table: &Table<'_>, key: &str) -> Range<usize> {
    table
        .get_ref()
        .get(key)
        .map_or_else(|| table.span(), Spanned::span)
}

/// The span of a nested value, e.g. `["target", "min"]` or `["options", "2", "score"]`.
pub(crate) fn path_span(table: &Table<'_>, path: &[&str]) -> Range<usize> {
    let mut span = table.span();
    let mut current: Option<&DeValue<'_>> = None;
    let mut node: &DeTable<'_> = table.get_ref();
    for segment in path {
        let next = match current {
            Some(DeValue::Array(array)) => segment.parse::<usize>().ok().and_then(|i| array.get(i)),
            Some(DeValue::Table(t)) => t.get(*segment),
            Some(_) => None,
            None => node.get(*segment),
        };
        let Some(next) = next else { break };
        span = next.span();
        if let DeValue::Table(t) = next.get_ref() {
            node = t;
            current = None;
        } else {
            current = Some(next.get_ref());
        }
    }
    span
}

/// A string value of the raw tree, for ids of tables that failed to deserialize.
pub(crate) fn raw_str<'a>(table: &'a Table<'_>, key: &str) -> Option<&'a str> {
    match table.get_ref().get(key)?.get_ref() {
        DeValue::String(s) => Some(s),
        _ => None,
    }
}

fn key_span(table: &Table<'_>, path: &[String]) -> Option<Range<usize>> {
    let (last, parent) = path.split_last()?;
    let parent: Vec<&str> = parent.iter().map(String::as_str).collect();
    let mut node: &DeTable<'_> = table.get_ref();
    let mut value: Option<&DeValue<'_>> = None;
    for segment in &parent {
        let next = match value {
            Some(DeValue::Array(array)) => {
                segment.parse::<usize>().ok().and_then(|i| array.get(i))?
            }
            _ => node.get(*segment)?,
        };
        match next.get_ref() {
            DeValue::Table(t) => {
                node = t;
                value = None;
            }
            other => value = Some(other),
        }
    }
    node.get_key_value(last.as_str()).map(|(key, _)| key.span())
}

fn segments(path: &serde_ignored::Path<'_>) -> Vec<String> {
    use serde_ignored::Path;
    match path {
        Path::Root => Vec::new(),
        Path::Seq { parent, index } => {
            let mut v = segments(parent);
            v.push(index.to_string());
            v
        }
        Path::Map { parent, key } => {
            let mut v = segments(parent);
            v.push(key.clone());
            v
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => segments(parent),
    }
}

fn strsim_best<'a>(key: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(key, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// toml's messages may carry a trailing explanation on later lines; the first is the
/// point. Rust type names are put in words.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    [
        ("expected f64", "expected a number"),
        ("expected i64", "expected a whole number"),
        ("expected a boolean", "expected true or false"),
    ]
    .iter()
    .fold(line.to_owned(), |text, (from, to)| text.replace(from, to))
}
