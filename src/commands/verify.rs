//! `opscheck verify`: each report's digest, and its scores against its answers.

use super::source;
use crate::cli::VerifyArgs;
use crate::error::Result;
use crate::report::verification::{
    digest_matches, inconsistencies, non_canonical_line, unknown_fields,
};
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &VerifyArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let given = args
        .template
        .as_deref()
        .map(source::load_path)
        .transpose()?;
    let mut bad = 0;
    let mut unreadable = 0;
    for path in &args.reports {
        let display = path.display().to_string();
        let report = match source::read_report_text(path) {
            Ok((report, text)) => {
                let unknown = unknown_fields(&text);
                if !unknown.is_empty() {
                    let line = msg!("verify-unknown-fields", path = &display);
                    writeln!(io.stdout, "{}", lang.format(&line))?;
                    for field in &unknown {
                        let field = msg!("verify-unknown-field", field = field);
                        writeln!(io.stdout, "  · {}", lang.format(&field))?;
                    }
                    bad += 1;
                    continue;
                }
                if digest_matches(&report)
                    && let Some(line) = non_canonical_line(&text, &report)
                {
                    let line = msg!("verify-not-canonical", path = &display, line = line);
                    writeln!(io.stdout, "{}", lang.format(&line))?;
                    bad += 1;
                    continue;
                }
                report
            }
            Err(error) => {
                writeln!(io.stderr, "{}", error.render(lang))?;
                unreadable += 1;
                continue;
            }
        };
        if !digest_matches(&report) {
            writeln!(
                io.stdout,
                "{}",
                lang.format(&msg!("verify-tampered", path = &display))
            )?;
            bad += 1;
            continue;
        }
        let template = match &given {
            Some(loaded) if loaded.sha256 == report.template.sha256 => {
                Some(loaded.template.clone())
            }
            Some(_) => None,
            None => source::find_by_sha256(&report.template.sha256).map(|l| l.template),
        };
        let Some(template) = template else {
            writeln!(
                io.stdout,
                "{}",
                lang.format(&msg!(
                    "verify-digest-only",
                    path = &display,
                    template = &report.template.id
                ))
            )?;
            continue;
        };
        let problems = inconsistencies(&report, &template);
        if problems.is_empty() {
            writeln!(
                io.stdout,
                "{}",
                lang.format(&msg!("verify-ok", path = &display))
            )?;
        } else {
            writeln!(
                io.stdout,
                "{}",
                lang.format(&msg!("verify-inconsistent", path = &display))
            )?;
            for problem in &problems {
                writeln!(io.stdout, "  · {}", lang.format(problem))?;
            }
            bad += 1;
        }
    }
    if unreadable > 0 {
        return Err(crate::Error::Unreadable { count: unreadable });
    }
    Ok(if bad > 0 {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}
