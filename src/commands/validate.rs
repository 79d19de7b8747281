//! `opscheck validate`: every problem of every template, as PATH:LINE:COL.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::source::CHECKLISTS;
use crate::cli::{ValidateArgs, ValidateFormat};
use crate::diagnostic::{Lines, Problem, Severity};
use crate::error::Stream as _;
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
    /// The rule's message in general, for SARIF's rule descriptions.
    #[serde(skip)]
    rule_text: String,
    message: String,
    /// The text under the caret, e.g. "did you mean `guidance`?".
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
    /// A second place that explains the first: a duplicate's first use.
    #[serde(skip_serializing_if = "Option::is_none")]
    related: Option<JsonRelated>,
}

#[derive(Debug, Serialize)]
struct JsonRelated {
    line: usize,
    column: usize,
    message: String,
}

impl JsonProblem {
    /// The message with its hint, the related place and the help, one per line, as
    /// annotations and SARIF show it (they have no caret to hang a label on).
    fn full_text(&self, path: &str, lang: crate::locale::Lang) -> String {
        let mut text = self.message.clone();
        if let (Some(label), None) = (&self.label, &self.related) {
            text.push_str(&lang.text("detail-separator"));
            text.push_str(label);
        }
        if let Some(r) = &self.related {
            let separator = lang.text("detail-separator");
            text.push_str(&format!(
                "\n{}{separator}{path}:{}:{}",
                r.message, r.line, r.column
            ));
        }
        if let Some(help) = &self.help {
            let separator = lang.text("detail-separator");
            text.push_str(&format!(
                "\n{}{separator}{help}",
                lang.text("diagnostic-help")
            ));
        }
        text
    }
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
                writeln!(io.stderr, "{}", error.render(lang)).on_stderr()?;
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
                writeln!(io.stderr, "{}", error.render(lang)).on_stderr()?;
                unreadable += 1;
                continue;
            }
        };
        let display = path.display().to_string();
        let lines = Lines::new(&text);
        if args.format == ValidateFormat::Human {
            for problem in &problems {
                writeln!(io.stderr, "{}", lines.render(&display, problem, lang)).on_stderr()?;
            }
            if unlisted.0 + unlisted.1 > 0 {
                let more = msg!(
                    "validate-more-problems",
                    count = unlisted.0 + unlisted.1,
                    path = &display,
                    listed = limits::PROBLEMS_LISTED
                );
                writeln!(io.stderr, "{}", lang.format(&more)).on_stderr()?;
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
                writeln!(io.stderr, "{}", lang.format(&ok)).on_stderr()?;
            }
        }
        let report = FileReport {
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
                        rule_text: rule_text(&p.message, lang),
                        message: lang.format(&p.message),
                        label: p.label.as_ref().map(|l| lang.format(l)),
                        help: p.help.as_ref().map(|h| lang.format(h)),
                        related: p.related.as_ref().map(|(span, m)| {
                            let at = lines.locate(span.start);
                            JsonRelated {
                                line: at.line,
                                column: at.column,
                                message: lang.format(m),
                            }
                        }),
                    }
                })
                .collect(),
            path: display,
            sections: counts.0,
            items: counts.1,
            unlisted_errors: unlisted.0,
            unlisted_warnings: unlisted.1,
        };
        if args.format == ValidateFormat::Github {
            github(&report, lang, io)?;
        }
        reports.push(report);
    }
    match args.format {
        ValidateFormat::Json => {
            crate::text::json_to_writer(&mut *io.stdout, &reports, true).on_stdout()?;
            writeln!(io.stdout).on_stdout()?;
        }
        ValidateFormat::Junit => io
            .stdout
            .write_all(junit(&reports, lang).as_bytes())
            .on_stdout()?,
        ValidateFormat::Sarif => {
            crate::text::json_to_writer(&mut *io.stdout, &sarif(&reports, lang), true)
                .on_stdout()?;
            writeln!(io.stdout).on_stdout()?;
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
        writeln!(io.stderr, "{}", lang.format(&summary)).on_stderr()?;
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

/// GitHub workflow commands: one annotation per problem, with its hint, related place
/// and help in the message.
fn github(report: &FileReport, lang: crate::locale::Lang, io: &mut Io<'_>) -> Result<()> {
    let file = escape_property(&report.path);
    for p in &report.problems {
        let level = match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let message = escape_data(&p.full_text(&report.path, lang));
        writeln!(
            io.stdout,
            "::{level} file={file},line={},col={}::{message}",
            p.line, p.column
        )
        .on_stdout()?;
    }
    Ok(())
}

/// JUnit XML: one test case per template, failed when it has an error; every problem,
/// warnings included, listed in the case's output.
fn junit(reports: &[FileReport], lang: crate::locale::Lang) -> String {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
    let line = |r: &FileReport, p: &JsonProblem| {
        let level = match p.severity {
            Severity::Error => lang.text("diagnostic-error"),
            Severity::Warning => lang.text("diagnostic-warning"),
        };
        format!(
            "{}:{}:{}: {level}: {}",
            r.path,
            p.line,
            p.column,
            p.full_text(&r.path, lang).replace('\n', "\n    ")
        )
    };
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
        if !r.problems.is_empty() {
            let all: Vec<String> = r.problems.iter().map(|p| line(r, p)).collect();
            case.set_system_out(all.join("\n"));
        }
        suite.add_test_case(case);
    }
    let mut report = Report::new("opscheck");
    report.add_test_suite(suite);
    report.to_string().unwrap_or_default()
}

/// SARIF 2.1.0: one result per problem, rules named by the message's catalogue key,
/// each described in the interface language.
fn sarif(reports: &[FileReport], lang: crate::locale::Lang) -> serde_json::Value {
    use serde_json::json;
    let mut rules: Vec<(&str, &str, Option<&str>)> = Vec::new();
    for p in reports.iter().flat_map(|r| &r.problems) {
        match rules.iter_mut().find(|(id, ..)| *id == p.rule) {
            Some((_, _, help)) => *help = help.or(p.help.as_deref()),
            None => rules.push((p.rule, &p.rule_text, p.help.as_deref())),
        }
    }
    rules.sort_unstable_by_key(|(id, ..)| *id);
    let rules: Vec<serde_json::Value> = rules
        .into_iter()
        .map(|(id, short, help)| {
            let short = short.to_owned();
            let full = match help {
                Some(help) => format!("{short}{}{help}", lang.text("detail-separator")),
                None => short.clone(),
            };
            let help = help.map_or_else(|| lang.text("validate-rule-help"), str::to_owned);
            json!({
                "id": id,
                "shortDescription": { "text": short },
                "fullDescription": { "text": full },
                "help": { "text": help },
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = reports
        .iter()
        .flat_map(|r| {
            let uri = to_uri(&r.path);
            r.problems.iter().map(move |p| {
                let mut result = json!({
                    "ruleId": p.rule,
                    "level": if p.severity == Severity::Error { "error" } else { "warning" },
                    "message": { "text": p.full_text(&r.path, lang) },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri },
                            "region": { "startLine": p.line, "startColumn": p.column }
                        }
                    }]
                });
                if let Some(related) = &p.related {
                    result["relatedLocations"] = json!([{
                        "id": 1,
                        "message": { "text": related.message },
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri },
                            "region": { "startLine": related.line, "startColumn": related.column }
                        }
                    }]);
                }
                result
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
                "informationUri": "https://github.com/opscheck/opscheck",
                "rules": rules
            }},
            "results": results
        }]
    })
}

/// A rule's message in general: the catalogue text with each argument shown as `…`.
fn rule_text(message: &crate::i18n::Message, lang: crate::locale::Lang) -> String {
    let mut general = crate::i18n::Message::new(message.key);
    for (name, _) in &message.args {
        general = general.arg(name, "…");
    }
    lang.format(&general)
}

/// A path as a URI reference (RFC 3986): every byte outside the unreserved set and `/`
/// percent-encoded, so spaces, `%` and Chinese names survive; an absolute path becomes
/// a `file://` URI.
fn to_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len() + 8);
    let drive = matches!(path.as_bytes(), [letter, b':', b'/', ..] if letter.is_ascii_alphabetic());
    if path.starts_with('/') {
        out.push_str("file://");
    } else if drive {
        out.push_str("file:///");
    }
    for (i, byte) in path.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (drive && i == 1);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(to_uri("a b/c%d.toml"), "a%20b/c%25d.toml");
        assert_eq!(to_uri("检查.toml"), "%E6%A3%80%E6%9F%A5.toml");
        assert_eq!(to_uri("/srv/x y.toml"), "file:///srv/x%20y.toml");
        assert_eq!(to_uri("C:\\t\\a.toml"), "file:///C:/t/a.toml");
        assert_eq!(to_uri("a:b#c?.toml"), "a%3Ab%23c%3F.toml");
    }

    #[test]
    fn rule_texts_show_arguments_as_ellipses() {
        let message = crate::msg!("check-duplicate-item", id = "x");
        let text = rule_text(&message, crate::locale::Lang::En);
        assert_eq!(text, "duplicate item id `…`");
    }
}
