//! `opscheck run`: the inspection, journaled, then the dated report.

use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use chrono::NaiveDate;

use super::draft_store::{self, DraftFile};
use super::{report_store, source};
use crate::answer::{Answers, clean};
use crate::cli::RunArgs;
use crate::diagnostic;
use crate::error::{Error, Result};
use crate::journal::{Event, Header, Journal};
use crate::locale::Lang;
use crate::report::{Meta, Report, name};
use crate::scoring::{Severity, Verdict};
use crate::session::{End, Session, line, terminal};
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &RunArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let now = env.clock.now();
    let today = args.date.unwrap_or_else(|| now.date_naive());
    let drafts = draft_store::list(&args.out);

    // The newest readable draft of this template (any, when `None`) and subject.
    let resumable = |template_id: Option<&str>| {
        drafts.iter().find_map(|(path, draft)| {
            let h = &draft.as_ref().ok()?.header;
            let matches = template_id.is_none_or(|id| h.template_id == id)
                && args.subject.as_deref().is_none_or(|s| h.subject == s);
            matches.then(|| (path.clone(), h.clone()))
        })
    };
    // With --resume and no --template, the draft says which template it used.
    let template_name = match (&args.template, args.resume) {
        (Some(name), _) => Some(name.clone()),
        (None, true) => resumable(None).map(|(_, h)| template_argument(&h.template_origin)),
        (None, false) => None,
    };
    let loaded = source::load(template_name.as_deref(), lang, io.stderr)?;
    let template = &loaded.template;
    let waivers = super::loop_context::load_waivers(args.waivers.as_deref(), lang, io.stderr)?;
    let given = match &args.answers {
        Some(path) => read_answers(path, template, today, lang, io)?,
        None => Vec::new(),
    };

    // Which draft to continue: the one --resume names, or, in a terminal, a saved
    // inspection of the same template and subject the inspector chooses to continue.
    let mut subject = None;
    let resume_path = if args.resume {
        let found = resumable(Some(&template.id)).map(|(path, _)| path);
        Some(found.ok_or_else(|| {
            let out = args.out.display().to_string();
            Error::usage(match &args.subject {
                Some(subject) => {
                    msg!(
                        "run-no-draft-subject",
                        template = &template.id,
                        subject = subject,
                        out = out
                    )
                }
                None => msg!("run-no-draft", template = &template.id, out = out),
            })
        })?)
    } else {
        let name = required(args.subject.clone(), "subject", lang, io)?;
        let pending = drafts.iter().find(|(_, d)| {
            d.as_ref()
                .is_ok_and(|d| d.header.template_id == template.id && d.header.subject == name)
        });
        let choice = match pending {
            Some((path, Ok(draft))) => {
                let saved = draft
                    .answers
                    .values()
                    .filter(|e| e.answer.is_some())
                    .count();
                let question = msg!("run-resume-question", subject = &name, count = saved);
                if io.interactive && terminal::confirm(&lang.format(&question), lang, io.stderr)? {
                    Some(path.clone())
                } else {
                    let message = msg!(
                        "run-draft-exists",
                        subject = &name,
                        path = path.display().to_string()
                    );
                    writeln!(io.stderr, "{}", lang.format(&message))?;
                    None
                }
            }
            _ => None,
        };
        subject = Some(name);
        choice
    };

    let (mut draft, header, mut answers) = if let Some(path) = resume_path {
        let (file, draft) = DraftFile::resume(&path)?;
        // Killed after writing the report but before removing the draft: the
        // inspection is done; say where its report is instead of writing another.
        if let Some(done) = existing_report(&args.out, &draft.header) {
            writeln!(
                io.stderr,
                "{}",
                lang.format(&msg!(
                    "run-already-reported",
                    path = done.display().to_string()
                ))
            )?;
            writeln!(io.stdout, "{}", done.display())?;
            file.remove()?;
            return Ok(Outcome::Success);
        }
        if draft.header.template_sha256 != loaded.sha256 {
            let sha = &draft.header.template_sha256;
            return Err(Error::Draft {
                path,
                reason: msg!(
                    "run-template-changed",
                    template = &template.id,
                    sha256 = sha.chars().take(12).collect::<String>()
                ),
            });
        }
        let saved = draft
            .answers
            .values()
            .filter(|e| e.answer.is_some())
            .count();
        let message = msg!(
            "run-resuming",
            path = path.display().to_string(),
            count = saved
        );
        writeln!(io.stderr, "{}", lang.format(&message))?;
        (file, draft.header, draft.answers)
    } else {
        let subject = subject.expect("a new inspection has its subject");
        let inspector = required(args.inspector.clone(), "inspector", lang, io)?;
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

    for event in given {
        draft.record(&event).map_err(|source| Error::Write {
            path: draft.path.clone(),
            source,
        })?;
        event.apply(&mut answers);
    }

    let context = super::loop_context::announce(
        &waivers,
        template,
        &header.subject,
        header.date,
        &args.out,
        lang,
        io.stderr,
    )?;
    let resume_command = resume_command(&loaded.origin, &header.subject, &args.out);
    install_interrupt_message(&resume_command, lang);
    let mut session = Session::new(template, answers, &mut draft);
    let end = if io.interactive {
        terminal::run(&mut session, &header, lang, io.stderr)
    } else {
        line::run(&mut session, lang, io.stdin, io.stderr)
    };
    let journal_error = |source| Error::Write {
        path: draft_store::drafts_dir(&args.out),
        source,
    };
    let end = end.map_err(journal_error)?;
    let (end, inspector) = match end {
        End::Complete if io.interactive => {
            match terminal::finish(&session, &header, lang, io.stderr)? {
                Some(name) => (End::Complete, name),
                None => (End::Quit, header.inspector.clone()),
            }
        }
        end => (end, header.inspector.clone()),
    };
    let answers = session.into_answers();
    let stopped = match end {
        End::Complete => None,
        End::Incomplete => Some((Some("run-input-ended"), Outcome::Incomplete)),
        End::Quit => Some((None, Outcome::Incomplete)),
        End::Interrupted => Some((Some("run-interrupted"), Outcome::Interrupted)),
    };
    if let Some((why, outcome)) = stopped {
        if let Some(key) = why {
            writeln!(io.stderr, "{}", lang.text(key))?;
        }
        let saved = msg!(
            "run-progress-saved",
            path = draft.path.display().to_string()
        );
        writeln!(io.stderr, "{}", lang.format(&saved))?;
        writeln!(
            io.stderr,
            "{}",
            lang.format(&msg!("run-resume-with", command = &resume_command))
        )?;
        return Ok(outcome);
    }

    let meta = Meta {
        subject: header.subject.clone(),
        inspector,
        date: header.date,
        started_at: header.started_at,
        finished_at: env.clock.now(),
        template_sha256: loaded.sha256.clone(),
    };
    let report = Report::with_waivers(template, &answers, meta, context.applied);
    // JSON always: `summary`, `report`, `diff` and `verify` read it.
    let mut files = vec![("json", report.to_json())];
    for format in &args.format {
        if !files.iter().any(|(ext, _)| *ext == format.extension()) {
            let lang = env.document_lang(&template.language);
            let mut text = super::report::render(&report, *format, lang);
            if args.excel && *format == crate::cli::ReportFormat::Csv {
                text.insert(0, '\u{feff}');
            }
            files.push((format.extension(), text));
        }
    }
    let stem = |n| name::stem(header.date, &template.id, &header.subject, n);
    let paths = report_store::write(&args.out, stem, &files)?;
    draft.remove()?;
    for path in &paths {
        writeln!(io.stdout, "{}", path.display())?;
    }
    if !env.quiet {
        writeln!(io.stderr, "{}", lang.format(&verdict(&report)))?;
    }
    if args.fail_on_expired && context.expired > 0 {
        return Ok(Outcome::Problems);
    }
    Ok(gate(args, &report))
}

/// The report of the inspection a draft records, if one was written: same template,
/// subject and start time, under the draft's file name stem.
fn existing_report(out: &Path, header: &Header) -> Option<std::path::PathBuf> {
    let stem = name::stem(header.date, &header.template_id, &header.subject, 1);
    let entries = std::fs::read_dir(out).ok()?;
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|path| {
            let named = path.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(&stem) && n.ends_with(".json")
            });
            named
                && std::fs::read_to_string(path)
                    .ok()
                    .and_then(|text| Report::from_json(&text).ok())
                    .is_some_and(|r| {
                        r.started_at == header.started_at
                            && r.subject == header.subject
                            && r.template.id == header.template_id
                    })
        })
}

/// A value the run cannot do without: a terminal asks for it, a pipe cannot.
fn required(
    value: Option<String>,
    what: &'static str,
    lang: Lang,
    io: &mut Io<'_>,
) -> Result<String> {
    let value = match value {
        Some(v) => Some(v),
        None if io.interactive => {
            terminal::ask_text(&lang.format(&msg!("run-ask", what = what)), io.stderr)?
        }
        None => return Err(Error::usage(msg!("run-flag-required", what = what))),
    };
    let value = value
        .map(|v| clean(v.trim()).into_owned())
        .filter(|v| !v.is_empty());
    value.ok_or_else(|| Error::usage(msg!("run-flag-empty", what = what)))
}

/// Reads an answers file into events, or renders its problems. Done before any draft
/// is made, so that a rejected file leaves nothing behind.
fn read_answers(
    path: &Path,
    template: &crate::template::Template,
    today: NaiveDate,
    lang: Lang,
    io: &mut Io<'_>,
) -> Result<Vec<Event>> {
    let text = source::read_utf8(path)?;
    crate::answer_file::parse(&text, template, today).map_err(|problems| {
        let display = path.display().to_string();
        let lines = diagnostic::Lines::new(&text);
        for problem in &problems {
            let _ = writeln!(io.stderr, "{}", lines.render(&display, problem, lang));
        }
        Error::AnswersInvalid {
            path: path.to_owned(),
            count: problems.len(),
        }
    })
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
        shell_quote(&clean(subject)),
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

static INTERRUPTED: Mutex<String> = Mutex::new(String::new());

/// Ctrl-C while reading a line: the journal already holds every answer, so say how to
/// resume and exit 130. (In a terminal, raw mode turns Ctrl-C into a key instead.)
fn install_interrupt_message(command: &str, lang: Lang) {
    if let Ok(mut text) = INTERRUPTED.lock() {
        *text = format!(
            "\n{}\n{}\n",
            lang.text("run-interrupted"),
            lang.format(&msg!("run-resume-with", command = command))
        );
    }
    let _ = ctrlc::set_handler(|| {
        let text = INTERRUPTED.lock().map(|t| t.clone()).unwrap_or_default();
        let _ = std::io::stderr().write_all(text.as_bytes());
        std::process::exit(130);
    });
}

fn verdict(report: &Report) -> crate::i18n::Message {
    let o = &report.overall;
    match o.percent {
        Some(p) => msg!(
            "run-verdict",
            result = o.result.as_str(),
            percent = format!("{p:.1}"),
            rating = o.rating.clone().unwrap_or_default(),
            findings = report.findings.len(),
            critical = o.critical_failed.len()
        ),
        None => msg!("run-no-score"),
    }
}

/// Exit 1 only when a gate was asked for and the inspection fails it.
fn gate(args: &RunArgs, report: &Report) -> Outcome {
    let percent = report.overall.percent;
    let under = args
        .fail_under
        .is_some_and(|min| percent.is_none_or(|p| p < min));
    let failed_item = report
        .findings
        .iter()
        .any(|f| f.severity != Severity::Minor);
    let strict = args.strict && (failed_item || report.overall.result == Verdict::Fail);
    if under || strict {
        Outcome::Problems
    } else {
        Outcome::Success
    }
}
