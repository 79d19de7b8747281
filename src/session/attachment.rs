//! Attaching a file in the terminal: the path typed with Tab completion (the front end's
//! line editor asks [`PathCompleter::complete`]), the file stored and journaled by the
//! session.

use std::io;
use std::path::{Path, PathBuf};

use super::Session;
use crate::locale::Lang;

/// Attaches the file at `typed` (`~/` is the home folder); the line to show.
pub fn attach(
    session: &mut Session<'_>,
    index: usize,
    typed: &str,
    lang: Lang,
) -> io::Result<String> {
    if typed.is_empty() {
        return Ok(lang.text("evidence-no-path"));
    }
    let path = expand(typed);
    let item = session.item(index).1.id.clone();
    Ok(match session.attach(index, &path)? {
        Ok(evidence) => lang.format(&super::line::attached(&evidence, &item)),
        Err(why) => lang.format(&why),
    })
}

fn expand(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(typed),
    }
}

/// Completes the last path component from the folder typed so far.
#[derive(Clone, Default)]
pub struct PathCompleter;

impl PathCompleter {
    /// Entries of the typed folder whose names start with the typed rest, as the
    /// input they would make (folders end in `/`), sorted.
    pub fn candidates(input: &str) -> Vec<String> {
        let (dir, prefix) = match input.rfind('/') {
            Some(at) => (&input[..=at], &input[at + 1..]),
            None => ("", input),
        };
        let read_from = if dir.is_empty() {
            PathBuf::from(".")
        } else {
            expand(dir)
        };
        let Ok(entries) = std::fs::read_dir(&read_from) else {
            return Vec::new();
        };
        let mut found: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let hidden = name.starts_with('.') && !prefix.starts_with('.');
                (!hidden && name.starts_with(prefix)).then(|| {
                    let slash = if e.path().is_dir() { "/" } else { "" };
                    format!("{dir}{name}{slash}")
                })
            })
            .take(200)
            .collect();
        found.sort();
        found
    }
}

impl PathCompleter {
    /// What Tab makes of `input`: the longest common prefix of the candidates, when it
    /// is longer than what was typed.
    pub fn complete(input: &str) -> Option<String> {
        let found = Self::candidates(input);
        let first = found.first()?;
        let common = found.iter().fold(first.as_str(), |acc, s| {
            let end = acc
                .char_indices()
                .zip(s.chars())
                .take_while(|((_, a), b)| a == b)
                .last()
                .map_or(0, |((i, a), _)| i + a.len_utf8());
            &acc[..end]
        });
        (common.len() > input.len()).then(|| common.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_names_in_the_typed_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("photos")).unwrap();
        std::fs::write(dir.path().join("photos/exit-east.jpg"), "x").unwrap();
        std::fs::write(dir.path().join("photos/exit-west.jpg"), "x").unwrap();
        std::fs::write(dir.path().join("photos/.hidden"), "x").unwrap();
        let base = format!("{}/", dir.path().display());
        assert_eq!(
            PathCompleter::candidates(&format!("{base}ph")),
            [format!("{base}photos/")]
        );
        assert_eq!(
            PathCompleter::candidates(&format!("{base}photos/")),
            [
                format!("{base}photos/exit-east.jpg"),
                format!("{base}photos/exit-west.jpg")
            ]
        );
        let completion = PathCompleter::complete(&format!("{base}photos/e"));
        assert_eq!(completion, Some(format!("{base}photos/exit-")));
        assert_eq!(
            PathCompleter::complete(&format!("{base}photos/exit-")),
            None
        );
    }
}
