//! `opscheck validate`: every problem of every template, as PATH:LINE:COL.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::source::{CHECKLISTS, read_text};
use crate::cli::{ValidateArgs, ValidateFormat};
use crate::diagnostic::{self, Problem, Severity, locate};
use crate::error::{Error, Result};
use crate::template;
use crate::{Env, Io, Outcome, msg};

/// What `--format json` prints for each file.
#[derive(Debug, Serialize)]
struct FileReport {
    path: String,
    valid: bool,
    problems: Vec<JsonProblem>,
    sections: usize,
    items: usize,
}

#[derive(Debug, Serialize)]
struct JsonProblem {
    severity: Severity,
    line: usize,
    column: usize,
    message: String,
}

pub(crate) fn execute(args: &ValidateArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let roots = if args.paths.is_empty() {
        vec![PathBuf::from(CHECKLISTS)]
    } else {
        args.paths.clone()
    };
    let mut files = Vec::new();
    let mut unreadable = 0;
    for root in &roots {
        if let Err(error) = collect(root, &mut files) {
            writeln!(io.stderr, "{}", error.render(lang))?;
            unreadable += 1;
        }
    }
    let mut reports = Vec::with_capacity(files.len());
    for path in &files {
        match check_file(path) {
            Ok((text, problems, counts)) => {
                let display = path.display().to_string();
                match args.format {
                    ValidateFormat::Human => {
                        for problem in &problems {
                            writeln!(
                                io.stderr,
                                "{}",
                                diagnostic::render(&display, &text, problem, lang)
                            )?;
                        }
                    }
                    ValidateFormat::Github => {
                        for problem in &problems {
                            let at = locate(&text, problem.span.start);
                            let level = if problem.is_error() {
                                "error"
                            } else {
                                "warning"
                            };
                            writeln!(
                                io.stdout,
                                "::{level} file={},line={},col={}::{}",
                                escape_property(&display),
                                at.line,
                                at.column,
                                escape_data(&lang.format(&problem.message))
                            )?;
                        }
                    }
                    ValidateFormat::Json => {}
                }
                reports.push(FileReport {
                    valid: !problems.iter().any(Problem::is_error),
                    problems: problems
                        .iter()
                        .map(|p| {
                            let at = locate(&text, p.span.start);
                            JsonProblem {
                                severity: p.severity,
                                line: at.line,
                                column: at.column,
                                message: lang.format(&p.message),
                            }
                        })
                        .collect(),
                    path: display,
                    sections: counts.0,
                    items: counts.1,
                });
            }
            Err(error) => {
                writeln!(io.stderr, "{}", error.render(lang))?;
                unreadable += 1;
            }
        }
    }
    if args.format == ValidateFormat::Json {
        serde_json::to_writer_pretty(&mut *io.stdout, &reports).map_err(std::io::Error::from)?;
        writeln!(io.stdout)?;
    }
    let invalid = reports.iter().filter(|r| !r.valid).count();
    if args.format == ValidateFormat::Human {
        let errors = count(&reports, Severity::Error);
        let warnings = count(&reports, Severity::Warning);
        let summary = msg!(
            "validate-summary",
            files = reports.len(),
            valid = reports.len() - invalid,
            invalid = invalid,
            errors = errors,
            warnings = warnings
        );
        writeln!(io.stderr, "{}", lang.format(&summary))?;
    }
    if unreadable > 0 {
        return Err(Error::Unreadable { count: unreadable });
    }
    Ok(if invalid > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

type Checked = (String, Vec<Problem>, (usize, usize));

fn check_file(path: &Path) -> Result<Checked> {
    Ok(match read_text(path)? {
        Ok(text) => {
            let checked = template::check(&text);
            let counts = checked
                .template
                .map_or((0, 0), |t| (t.sections.len(), t.item_count()));
            (text, checked.problems, counts)
        }
        Err((text, at)) => {
            let problem =
                Problem::error(at..at, msg!("check-not-utf8")).help(msg!("check-not-utf8-help"));
            (text, vec![problem], (0, 0))
        }
    })
}

fn count(reports: &[FileReport], severity: Severity) -> usize {
    reports
        .iter()
        .flat_map(|r| &r.problems)
        .filter(|p| p.severity == severity)
        .count()
}

/// The `*.toml` files under a directory, in name order; a file is taken as given.
fn collect(path: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let metadata = fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_owned(),
        },
        _ => Error::Read {
            path: path.to_owned(),
            source,
        },
    })?;
    if !metadata.is_dir() {
        files.push(path.to_owned());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = fs::read_dir(path)
        .map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for entry in entries {
        let hidden = entry
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if entry.is_dir() {
            collect(&entry, files)?;
        } else if entry.extension().is_some_and(|e| e == "toml") {
            files.push(entry);
        }
    }
    Ok(())
}

/// GitHub workflow command escaping (actions/toolkit `escapeData` / `escapeProperty`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
