//! `opscheck run`: the inspection, journaled, then the dated report.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{Local, NaiveDate};

use super::draft_store::{self, DraftFile};
use super::{report_store, source};
use crate::answer::{Answers, clean};
use crate::cli::RunArgs;
use crate::diagnostic;
use crate::error::{Error, Result};
use crate::journal::{Header, Journal};
use crate::report::{self, Meta, Report, name};
use crate::scoring::Verdict;
use crate::session::{End, Session, line, terminal};
use crate::{Env, Io, Outcome};

pub(crate) fn execute(args: &RunArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let now = Local::now().fixed_offset();
    let today = args.date.unwrap_or_else(|| now.date_naive());
    let drafts = draft_store::list(&args.out);

    // With --resume and no --template, the draft says which template it used.
    let resumable = |template_id: Option<&str>| {
        drafts.iter().find_map(|(path, draft)| {
            let draft = draft.as_ref().ok()?;
            let h = &draft.header;
            let matches = template_id.is_none_or(|id| h.template_id == id)
                && args.subject.as_deref().is_none_or(|s| h.subject == s);
            matches.then(|| (path.clone(), h.clone()))
        })
    };
    let template_name = match (&args.template, args.resume) {
        (Some(name), _) => Some(name.clone()),
        (None, true) => resumable(None).map(|(_, h)| template_argument(&h.template_origin)),
        (None, false) => None,
    };
    let loaded = source::load(template_name.as_deref(), env.lang, io.stderr)?;
    let template = &loaded.template;

    let (mut draft, header, mut answers) = if args.resume {
        let (path, _) = resumable(Some(&template.id)).ok_or_else(|| {
            let whose = args.subject.as_deref().map(|s| format!(" and subject `{s}`")).unwrap_or_default();
            Error::usage(format!(
                "no draft to resume for template `{}`{whose} under `{}`; `opscheck drafts --out {}` lists the drafts",
                template.id,
                args.out.display(),
                args.out.display()
            ))
        })?;
        let (file, draft) = DraftFile::resume(&path)?;
        if draft.header.template_sha256 != loaded.sha256 {
            return Err(Error::Draft {
                path,
                reason: format!(
                    "it was started with another version of `{}` (sha256 {}…); restore that template to finish it",
                    template.id,
                    &draft.header.template_sha256[..12.min(draft.header.template_sha256.len())]
                ),
            });
        }
        writeln!(
            io.stderr,
            "resuming `{}`: {} answer(s) saved",
            path.display(),
            draft
                .answers
                .values()
                .filter(|e| e.answer.is_some())
                .count()
        )?;
        (file, draft.header, draft.answers)
    } else {
        let subject = required(
            args.subject.clone(),
            "subject",
            "--subject \"Store 12\"",
            io,
        )?;
        let inspector = required(
            args.inspector.clone(),
            "inspector",
            "--inspector \"Li Wei\"",
            io,
        )?;
        if let Some((path, _)) = drafts.iter().find(|(_, d)| {
            d.as_ref()
                .is_ok_and(|d| d.header.template_id == template.id && d.header.subject == subject)
        }) {
            writeln!(
                io.stderr,
                "note: an unfinished inspection of `{}` is saved in `{}`; it is kept, and `--resume` continues it",
                clean(&subject),
                path.display()
            )?;
        }
        let header = Header {
            format: crate::journal::FORMAT.to_owned(),
            template_id: template.id.clone(),
            template_version: template.version.clone(),
            template_sha256: loaded.sha256.clone(),
            template_origin: loaded.origin.clone(),
            subject,
            inspector,
            date: today,
            started_at: now,
        };
        (
            DraftFile::create(&args.out, &header)?,
            header,
            Answers::new(),
        )
    };

    if let Some(path) = &args.answers {
        prefill(path, template, today, &mut draft, &mut answers, io)?;
    }

    let resume_command = resume_command(&loaded.origin, &header.subject, &args.out);
    install_interrupt_message(&resume_command);
    let mut session = Session::new(template, answers, &mut draft);
    let end = if io.interactive {
        terminal::run(&mut session, &header, io.stderr)
    } else {
        line::run(&mut session, io.stdin, io.stderr)
    }
    .map_err(|source| Error::Write {
        path: session_path(&header, &args.out),
        source,
    })?;
    let (end, inspector) = match end {
        End::Complete if io.interactive => match terminal::finish(&session, &header, io.stderr)? {
            Some(name) => (End::Complete, name),
            None => (End::Quit, header.inspector.clone()),
        },
        end => (end, header.inspector.clone()),
    };
    let answers = session.into_answers();
    let saved = |io: &mut Io<'_>| -> Result<()> {
        writeln!(io.stderr, "progress saved in `{}`", draft.path.display())?;
        writeln!(io.stderr, "resume with: {resume_command}")?;
        Ok(())
    };
    match end {
        End::Complete => {}
        End::Incomplete => {
            writeln!(io.stderr, "input ended before the last item")?;
            saved(io)?;
            return Ok(Outcome::Incomplete);
        }
        End::Quit => {
            saved(io)?;
            return Ok(Outcome::Incomplete);
        }
        End::Interrupted => {
            writeln!(io.stderr, "interrupted")?;
            saved(io)?;
            return Ok(Outcome::Interrupted);
        }
    }

    let meta = Meta {
        subject: header.subject.clone(),
        inspector,
        date: header.date,
        started_at: header.started_at,
        finished_at: Local::now().fixed_offset(),
        template_sha256: loaded.sha256.clone(),
    };
    let report = Report::new(template, &answers, meta);
    let paths = report_store::write(
        &args.out,
        |n| name::stem(header.date, &template.id, &header.subject, n),
        &[
            ("json", report.to_json()),
            ("md", report::markdown::render(&report)),
        ],
    )?;
    draft.remove()?;
    for path in &paths {
        writeln!(io.stdout, "{}", path.display())?;
    }
    writeln!(io.stderr, "{}", verdict_line(&report))?;
    Ok(gate(args, &report))
}

fn session_path(header: &Header, out: &Path) -> PathBuf {
    out.join(draft_store::DRAFTS)
        .join(name::slug(&header.subject))
}

/// A flag the run cannot do without; a terminal asks for it, a pipe cannot.
fn required(value: Option<String>, what: &str, example: &str, io: &mut Io<'_>) -> Result<String> {
    let value = match value {
        Some(v) => Some(v),
        None if io.interactive => terminal::ask_text(&format!("{}:", capitalise(what)), io.stderr)?,
        None => {
            return Err(Error::usage(format!(
                "the {what} is required when answers come from a pipe: add `{example}`"
            )));
        }
    };
    let value = value
        .map(|v| clean(v.trim()).into_owned())
        .filter(|v| !v.is_empty());
    value.ok_or_else(|| Error::usage(format!("the {what} cannot be empty")))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Applies an answers file through the journal, or renders its problems.
fn prefill(
    path: &Path,
    template: &crate::template::Template,
    today: NaiveDate,
    draft: &mut DraftFile,
    answers: &mut Answers,
    io: &mut Io<'_>,
) -> Result<()> {
    let text = source::read_text(path)?.map_err(|(_, at)| Error::Read {
        path: path.to_owned(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not valid UTF-8 after byte {at}"),
        ),
    })?;
    let events = crate::answer_file::parse(&text, template, today).map_err(|problems| {
        let display = path.display().to_string();
        for problem in &problems {
            let _ = writeln!(
                io.stderr,
                "{}",
                diagnostic::render(&display, &text, problem)
            );
        }
        Error::AnswersInvalid {
            path: path.to_owned(),
            count: problems.len(),
        }
    })?;
    for event in events {
        draft.record(&event).map_err(|source| Error::Write {
            path: draft.path.clone(),
            source,
        })?;
        event.apply(answers);
    }
    Ok(())
}

/// The `--template` argument that finds the same template again.
fn template_argument(origin: &str) -> String {
    match origin.strip_prefix("builtin:") {
        Some(file) => file.trim_end_matches(".toml").to_owned(),
        None => origin.to_owned(),
    }
}

fn resume_command(origin: &str, subject: &str, out: &Path) -> String {
    format!(
        "opscheck run --template {} --subject {} --out {} --resume",
        shell_quote(&template_argument(origin)),
        shell_quote(subject),
        shell_quote(&out.display().to_string())
    )
}

fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=+".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

static RESUME: Mutex<String> = Mutex::new(String::new());

/// Ctrl-C while reading a line: the journal already holds every answer, so say how to
/// resume and exit 130. (In a terminal, raw mode turns Ctrl-C into a key instead.)
fn install_interrupt_message(command: &str) {
    if let Ok(mut resume) = RESUME.lock() {
        *resume = command.to_owned();
    }
    let _ = ctrlc::set_handler(|| {
        let command = RESUME.lock().map(|c| c.clone()).unwrap_or_default();
        let _ = std::io::stderr().write_all(
            format!("\ninterrupted; progress saved\nresume with: {command}\n").as_bytes(),
        );
        std::process::exit(130);
    });
}

fn verdict_line(report: &Report) -> String {
    let o = &report.overall;
    match o.percent {
        Some(p) => format!(
            "{}: {:.1}% ({}), {} finding(s), {} critical",
            o.result.as_str().to_uppercase(),
            p,
            o.rating.as_deref().unwrap_or("-"),
            report.findings.len(),
            o.critical_failed.len()
        ),
        None => "NO-SCORE: nothing was scored".to_owned(),
    }
}

/// Exit 1 only when a gate was asked for and the inspection fails it.
fn gate(args: &RunArgs, report: &Report) -> Outcome {
    let percent = report.overall.percent;
    let under = args
        .fail_under
        .is_some_and(|min| percent.is_none_or(|p| p < min));
    let strict = args.strict
        && (report
            .findings
            .iter()
            .any(|f| f.severity != crate::scoring::Severity::Minor)
            || report.overall.result == Verdict::Fail);
    if under || strict {
        Outcome::Problems
    } else {
        Outcome::Success
    }
}
