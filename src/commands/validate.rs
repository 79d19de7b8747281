//! `opscheck validate`: every problem of every template, as PATH:LINE:COL.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::source::CHECKLISTS;
use crate::cli::{ValidateArgs, ValidateFormat};
use crate::diagnostic::{Lines, Problem, Severity};
use crate::error::{Error, Result};
use crate::store::{self, limits};
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
    /// Problems found beyond the listed ones (errors, warnings).
    #[serde(skip_serializing_if = "is_zero")]
    unlisted_errors: usize,
    #[serde(skip_serializing_if = "is_zero")]
    unlisted_warnings: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Debug, Serialize)]
struct JsonProblem {
    severity: Severity,
    line: usize,
    column: usize,
    /// The kind of problem, stable across languages (e.g. `check-duplicate-item`).
    rule: &'static str,
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
        match store::files(std::slice::from_ref(root), "toml", store::Walk::default()) {
            Ok(found) => files.extend(found),
            Err(error) => {
                writeln!(io.stderr, "{}", error.render(lang))?;
                unreadable += 1;
            }
        }
    }
    files.sort();
    files.dedup();
    let mut reports = Vec::with_capacity(files.len());
    for path in &files {
        let (text, problems, counts, unlisted) = match check_file(path, lang) {
            Ok(checked) => checked,
            Err(error) => {
                writeln!(io.stderr, "{}", error.render(lang))?;
                unreadable += 1;
                continue;
            }
        };
        let display = path.display().to_string();
        let lines = Lines::new(&text);
        match args.format {
            ValidateFormat::Human => {
                for problem in &problems {
                    writeln!(io.stderr, "{}", lines.render(&display, problem, lang))?;
                }
                if unlisted.0 + unlisted.1 > 0 {
                    let more = msg!(
                        "validate-more-problems",
                        count = unlisted.0 + unlisted.1,
                        path = &display,
                        listed = limits::PROBLEMS_LISTED
                    );
                    writeln!(io.stderr, "{}", lang.format(&more))?;
                }
                if env.verbose && !problems.iter().any(Problem::is_error) {
                    let ok = if crate::register::kind_of(path).is_some() {
                        msg!("validate-register-ok", path = &display, entries = counts.1)
                    } else {
                        msg!(
                            "validate-ok",
                            path = &display,
                            sections = counts.0,
                            items = counts.1
                        )
                    };
                    writeln!(io.stderr, "{}", lang.format(&ok))?;
                }
            }
            ValidateFormat::Github => {
                for problem in &problems {
                    let at = lines.locate(problem.span.start);
                    let level = if problem.is_error() {
                        "error"
                    } else {
                        "warning"
                    };
                    let message = escape_data(&lang.format(&problem.message));
                    let file = escape_property(&display);
                    writeln!(
                        io.stdout,
                        "::{level} file={file},line={},col={}::{message}",
                        at.line, at.column
                    )?;
                }
            }
            ValidateFormat::Json | ValidateFormat::Junit | ValidateFormat::Sarif => {}
        }
        reports.push(FileReport {
            valid: !problems.iter().any(Problem::is_error) && unlisted.0 == 0,
            problems: problems
                .iter()
                .map(|p| {
                    let at = lines.locate(p.span.start);
                    JsonProblem {
                        severity: p.severity,
                        line: at.line,
                        column: at.column,
                        rule: p.message.key,
                        message: lang.format(&p.message),
                    }
                })
                .collect(),
            path: display,
            sections: counts.0,
            items: counts.1,
            unlisted_errors: unlisted.0,
            unlisted_warnings: unlisted.1,
        });
    }
    match args.format {
        ValidateFormat::Json => {
            crate::text::json_to_writer(&mut *io.stdout, &reports, true)?;
            writeln!(io.stdout)?;
        }
        ValidateFormat::Junit => io.stdout.write_all(junit(&reports).as_bytes())?,
        ValidateFormat::Sarif => {
            crate::text::json_to_writer(&mut *io.stdout, &sarif(&reports), true)?;
            writeln!(io.stdout)?;
        }
        ValidateFormat::Human | ValidateFormat::Github => {}
    }
    let invalid = reports.iter().filter(|r| !r.valid).count();
    if args.format == ValidateFormat::Human && !env.quiet {
        let summary = msg!(
            "validate-summary",
            files = reports.len(),
            valid = reports.len() - invalid,
            invalid = invalid,
            errors = count(&reports, Severity::Error),
            warnings = count(&reports, Severity::Warning)
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

/// JUnit XML: one test case per template, failed when it has an error.
fn junit(reports: &[FileReport]) -> String {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
    let mut suite = TestSuite::new("opscheck validate");
    for r in reports {
        let status = if r.valid {
            TestCaseStatus::success()
        } else {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            let errors: Vec<String> = r
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .map(|p| format!("{}:{}:{}: {}", r.path, p.line, p.column, p.message))
                .collect();
            status.set_message(errors.first().cloned().unwrap_or_default());
            status.set_type("invalid template");
            status.set_description(errors.join("\n"));
            status
        };
        let mut case = TestCase::new(r.path.clone(), status);
        case.set_classname("template");
        suite.add_test_case(case);
    }
    let mut report = Report::new("opscheck");
    report.add_test_suite(suite);
    report.to_string().unwrap_or_default()
}

/// SARIF 2.1.0: one result per problem, rules named by the message's catalogue key.
fn sarif(reports: &[FileReport]) -> serde_json::Value {
    use serde_json::json;
    let mut rules: Vec<&str> = reports
        .iter()
        .flat_map(|r| r.problems.iter().map(|p| p.rule))
        .collect();
    rules.sort_unstable();
    rules.dedup();
    let results: Vec<serde_json::Value> = reports
        .iter()
        .flat_map(|r| {
            r.problems.iter().map(move |p| {
                json!({
                    "ruleId": p.rule,
                    "level": if p.severity == Severity::Error { "error" } else { "warning" },
                    "message": { "text": p.message },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": { "uri": r.path.replace('\\', "/") },
                            "region": { "startLine": p.line, "startColumn": p.column }
                        }
                    }]
                })
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "opscheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|id| json!({ "id": id })).collect::<Vec<_>>()
            }},
            "results": results
        }]
    })
}

type Checked = (String, Vec<Problem>, (usize, usize), (usize, usize));

fn check_file(path: &Path, lang: crate::locale::Lang) -> Result<Checked> {
    Ok(match store::read_text(path, limits::TEMPLATE_BYTES)? {
        // Waiver and sites files beside the checklists are checked as what they are.
        Ok(text) if let Some(kind) = crate::register::kind_of(path) => {
            let (problems, entries) = super::register_file::check(kind, &text, lang);
            (text, problems, (0, entries), (0, 0))
        }
        Ok(text) => {
            let checked = template::check(&text);
            let counts = checked
                .template
                .map_or((0, 0), |t| (t.sections.len(), t.item_count()));
            let unlisted = (checked.unlisted_errors, checked.unlisted_warnings);
            (text, checked.problems, counts, unlisted)
        }
        Err((text, at)) => {
            let problem =
                Problem::error(at..at, msg!("check-not-utf8")).help(msg!("check-not-utf8-help"));
            (text, vec![problem], (0, 0), (0, 0))
        }
    })
}

fn count(reports: &[FileReport], severity: Severity) -> usize {
    let unlisted: usize = reports
        .iter()
        .map(|r| match severity {
            Severity::Error => r.unlisted_errors,
            Severity::Warning => r.unlisted_warnings,
        })
        .sum();
    reports
        .iter()
        .flat_map(|r| &r.problems)
        .filter(|p| p.severity == severity)
        .count()
        + unlisted
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
