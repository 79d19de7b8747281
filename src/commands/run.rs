//! `opscheck run`: the inspection, journaled, then the dated report. Three phases, each
//! a function: [`start`] finds or makes the draft, [`conduct`] asks, [`publish`] writes
//! the report files and removes the draft.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::draft_store::{self, DraftFile};
use super::{evidence_store, report_store, source};
use crate::answer::{Answers, clean};
use crate::cli::RunArgs;
use crate::condition::Hidden;
use crate::diagnostic;
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::interrupt::Interrupt;
use crate::journal::{Event, Header, Journal};
use crate::locale::Lang;
use crate::report::{Meta, Report, name};
use crate::scoring::{Severity, Verdict};
use crate::session::{End, Session, line, terminal};
use crate::template::Template;
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &RunArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    run(args, env, io, &Interrupt::default())
}

/// The three phases, with signals arriving through `interrupt`.
pub(crate) fn run(
    args: &RunArgs,
    env: &Env,
    io: &mut Io<'_>,
    interrupt: &Interrupt,
) -> Result<Outcome> {
    let now = env.clock.now();
    let mut inspection = match start(args, env, io, interrupt, now)? {
        Started::Inspection(inspection) => inspection,
        Started::Done(outcome) => return Ok(outcome),
    };
    let (end, answers, inspector) = conduct(&mut inspection, args, env, io, interrupt)?;
    publish(
        *inspection,
        end,
        answers,
        inspector,
        args,
        env,
        io,
        env.clock.now(),
    )
}

/// An inspection ready to be conducted: its template, draft and answers so far.
pub(crate) struct Inspection {
    /// Waivers in force and expired, for this subject and template.
    context: super::loop_context::Context,
    template: Template,
    sha256: String,
    origin: String,
    draft: DraftFile,
    header: Header,
    answers: Answers,
    /// The key `--sign` names, loaded before any draft was made.
    signer: Option<super::signing_key::SigningKey>,
}

pub(crate) enum Started {
    Inspection(Box<Inspection>),
    /// Nothing to ask: a resumed draft whose report was already written.
    Done(Outcome),
}

/// Finds the draft to continue or makes a new one, with the answers file applied.
pub(crate) fn start(
    args: &RunArgs,
    env: &Env,
    io: &mut Io<'_>,
    interrupt: &Interrupt,
    now: DateTime<FixedOffset>,
) -> Result<Started> {
    let lang = env.lang;
    let today = args.date.unwrap_or_else(|| now.date_naive());
    let drafts = draft_store::list(&args.out);

    let resume_id = args.resume.as_deref().filter(|id| !id.is_empty());
    let by_id = match resume_id {
        Some(id) => Some(
            drafts
                .iter()
                .find(|(path, _)| draft_store::short_id(path) == id)
                .map(|(path, draft)| (path.clone(), draft.clone()))
                .ok_or_else(|| {
                    Error::usage(msg!(
                        "run-no-draft-id",
                        id = id,
                        out = args.out.display().to_string()
                    ))
                })?,
        ),
        None => None,
    };
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
    let template_name = match (&args.template, &by_id, args.resume.is_some()) {
        (Some(name), _, _) => Some(name.clone()),
        (None, Some((_, Ok(draft))), _) => Some(template_argument(&draft.header.template_origin)),
        (None, _, true) => resumable(None).map(|(_, h)| template_argument(&h.template_origin)),
        (None, _, false) => None,
    };
    let loaded = source::load(template_name.as_deref(), lang, io.stderr)?;
    let template = loaded.template;
    let waivers = super::loop_context::load_waivers(args.waivers.as_deref(), lang, io.stderr)?;
    let given = match &args.answers {
        Some(path) => read_answers(path, &template, today, &args.out, lang, io)?,
        None => Vec::new(),
    };
    // The key is loaded (its passphrase asked) before any draft or
    // answer, not at sign-off.
    let signer = args
        .sign
        .as_deref()
        .map(|key| super::signing_key::load(key, lang, io))
        .transpose()?;

    // Which draft to continue: the one --resume names, or, in a terminal, a saved
    // inspection of the same template and subject the inspector chooses to continue.
    let mut subject = None;
    let resume_path = if let Some((path, _)) = by_id {
        Some(path)
    } else if args.resume.is_some() {
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
        let Some(name) = required(args.subject.clone(), "subject", lang, io, interrupt)? else {
            return Ok(Started::Done(Outcome::Interrupted));
        };
        let pending: Vec<_> = drafts
            .iter()
            .filter_map(|(path, d)| Some((path, d.as_ref().ok()?)))
            .filter(|(_, d)| d.header.template_id == template.id && d.header.subject == name)
            .collect();
        let mut choice = None;
        if io.interactive && !pending.is_empty() {
            // Newest first; one key picks a draft, `n` starts a new inspection.
            let options: Vec<String> = pending
                .iter()
                .map(|(path, draft)| {
                    let saved = draft
                        .answers
                        .values()
                        .filter(|e| e.answer.is_some())
                        .count();
                    lang.format(&msg!(
                        "run-resume-option",
                        id = draft_store::short_id(path),
                        started = draft.header.started_at.format("%Y-%m-%d %H:%M").to_string(),
                        count = saved
                    ))
                })
                .collect();
            let question = msg!("run-resume-which", subject = &name, count = pending.len());
            let picked = terminal::choose(&lang.format(&question), &options, lang, interrupt)
                .on_terminal()?;
            choice = picked.map(|i| pending[i].0.clone());
        }
        if choice.is_none() {
            for (path, _) in &pending {
                let message = msg!(
                    "run-draft-exists-id",
                    subject = &name,
                    path = path.display().to_string(),
                    id = draft_store::short_id(path)
                );
                writeln!(io.stderr, "{}", lang.format(&message)).on_stderr()?;
            }
        }
        subject = Some(name);
        choice
    };

    let (mut draft, header, mut answers) = if let Some(path) = resume_path {
        let (file, draft) = DraftFile::resume(&path, &template)?;
        // Killed after writing the report but before removing the draft: the
        // inspection is done; write whatever report file is missing, say where it is.
        if let Some(done) = existing_report(&args.out, &draft.header) {
            let paths = complete_report(&done, args, env)?;
            writeln!(
                io.stderr,
                "{}",
                lang.format(&msg!(
                    "run-already-reported",
                    path = done.display().to_string()
                ))
            )
            .on_stderr()?;
            for path in paths {
                writeln!(io.stdout, "{}", path.display()).on_stdout()?;
            }
            file.remove()?;
            return Ok(Started::Done(Outcome::Success));
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
        if let Some((line, why)) = &draft.rejected {
            let message = msg!(
                "run-journal-line-rejected",
                path = path.display().to_string(),
                line = *line
            )
            .with_detail(why.clone());
            writeln!(io.stderr, "{}", lang.format(&message)).on_stderr()?;
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
        writeln!(io.stderr, "{}", lang.format(&message)).on_stderr()?;
        (file, draft.header, draft.answers)
    } else {
        let subject = subject.expect("a new inspection has its subject");
        let Some(inspector) = required(args.inspector.clone(), "inspector", lang, io, interrupt)?
        else {
            return Ok(Started::Done(Outcome::Interrupted));
        };
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
        &template,
        &header.subject,
        header.date,
        &args.out,
        lang,
        io.stderr,
    )?;
    Ok(Started::Inspection(Box::new(Inspection {
        context,
        template,
        sha256: loaded.sha256,
        origin: loaded.origin,
        draft,
        header,
        answers,
        signer,
    })))
}

/// Asks what is still open, in the terminal or line by line; in a terminal, ends with
/// the summary and the sign-off. Returns how it ended, the answers and who signed.
pub(crate) fn conduct(
    inspection: &mut Inspection,
    args: &RunArgs,
    env: &Env,
    io: &mut Io<'_>,
    interrupt: &Interrupt,
) -> Result<(End, Answers, String)> {
    let lang = env.lang;
    let command = resume_command(&inspection.origin, &inspection.header, &args.out, lang);
    let header = inspection.header.clone();
    let answers = std::mem::take(&mut inspection.answers);
    let mut attach = evidence_store::Store {
        out: args.out.clone(),
    };
    let mut session = Session::new(&inspection.template, answers, &mut inspection.draft)
        .with_evidence(&mut attach);
    // A failed journal write names the drafts folder; anything else is the terminal's
    // (or, in line mode, standard input's).
    let drafts = draft_store::drafts_dir(&args.out);
    let failed = |other: fn(std::io::Error) -> Error| {
        let drafts = drafts.clone();
        move |error| match crate::session::journal_failure(error) {
            Ok(source) => Error::Write {
                path: drafts.clone(),
                source,
            },
            Err(source) => other(source),
        }
    };
    let terminal = |source| Error::Terminal { source };
    let (end, inspector) = if io.interactive {
        let _polled = interrupt.polled();
        let mut keys = terminal::CrosstermKeys::new(interrupt.clone());
        let mut screen = terminal::Screen::enter().map_err(terminal)?;
        terminal::conduct(&mut session, &header, lang, &mut keys, &mut screen)
            .map_err(failed(terminal))?
    } else {
        let note = format!(
            "\n{}\n{}\n",
            lang.text("run-interrupted"),
            lang.format(&msg!("run-resume-with", command = &command))
        );
        let _exit = interrupt.exit_saying(note);
        let options = line::Options {
            lang,
            quiet: env.quiet,
            today: header.date,
        };
        let end = line::run(&mut session, &options, io.stdin, io.stderr)
            .map_err(failed(|source| Error::Input { source }))?;
        (end, header.inspector.clone())
    };
    Ok((end, session.into_answers(), inspector))
}

/// Writes the report when the inspection is complete (else says how to resume), then
/// removes the draft.
#[allow(clippy::too_many_arguments)]
pub(crate) fn publish(
    inspection: Inspection,
    end: End,
    answers: Answers,
    inspector: String,
    args: &RunArgs,
    env: &Env,
    io: &mut Io<'_>,
    finished_at: DateTime<FixedOffset>,
) -> Result<Outcome> {
    let lang = env.lang;
    let Inspection {
        context,
        template,
        sha256,
        origin,
        draft,
        header,
        mut signer,
        ..
    } = inspection;
    let stopped = match end {
        End::Complete => None,
        End::Incomplete => Some((Some("run-input-ended"), Outcome::Incomplete)),
        End::Quit => Some((None, Outcome::Incomplete)),
        End::Interrupted => Some((Some("run-interrupted"), Outcome::Interrupted)),
    };
    if let Some((why, outcome)) = stopped {
        if let Some(key) = why {
            writeln!(io.stderr, "{}", lang.text(key)).on_stderr()?;
        }
        let saved = msg!(
            "run-progress-saved",
            path = draft.path.display().to_string()
        );
        writeln!(io.stderr, "{}", lang.format(&saved)).on_stderr()?;
        let command = resume_command(&origin, &header, &args.out, lang);
        writeln!(
            io.stderr,
            "{}",
            lang.format(&msg!("run-resume-with", command = &command))
        )
        .on_stderr()?;
        return Ok(outcome);
    }

    // Answers given to items whose condition does not hold are kept, counted nowhere.
    let hidden = Hidden::of(&template, &answers);
    for (_, item) in template.items() {
        let answered = answers.get(&item.id).is_some_and(|e| e.answer.is_some());
        if answered && hidden.contains(&item.id) {
            let warning = msg!("run-hidden-answer", item = &item.id);
            writeln!(io.stderr, "{}", lang.format(&warning)).on_stderr()?;
        }
    }
    let meta = Meta {
        subject: header.subject.clone(),
        inspector,
        date: header.date,
        started_at: header.started_at,
        finished_at,
        template_sha256: sha256,
    };
    let report = Report::with_waivers(&template, &answers, meta, context.applied);
    let files = report_files(&report, args, env)?;
    crate::store::limits::ensure_report_fits(files[0].1.len())?;
    let stem = |n| name::stem(header.date, &template.id, &header.subject, n);
    let paths = report_store::write(&args.out, stem, &files)?;
    draft.remove()?;
    for path in &paths {
        writeln!(io.stdout, "{}", path.display()).on_stdout()?;
    }
    if let Some(key) = &mut signer {
        let signed = super::sign::sign_file(&paths[0], crate::signature::Role::Inspector, key)?;
        writeln!(io.stdout, "{}", signed.display()).on_stdout()?;
    }
    if !env.quiet {
        writeln!(io.stderr, "{}", lang.format(&verdict(&report))).on_stderr()?;
    }
    if args.fail_on_expired && context.expired > 0 {
        return Ok(Outcome::Problems);
    }
    Ok(gate(args, &report))
}

/// JSON always (`summary`, `report`, `diff` and `verify` read it), then the formats asked.
/// The other formats are in the report's own language unless `--lang` chose one.
fn report_files(
    report: &Report,
    args: &RunArgs,
    env: &Env,
) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let lang = env.document_lang(&report.template.language);
    let mut files = vec![("json", report.to_json().into_bytes())];
    for format in &args.format {
        if !files.iter().any(|(ext, _)| *ext == format.extension()) {
            let mut bytes = super::report::render(report, *format, lang)?;
            if args.excel && *format == crate::cli::ReportFormat::Csv {
                bytes.splice(0..0, "\u{feff}".bytes());
            }
            files.push((format.extension(), bytes));
        }
    }
    Ok(files)
}

/// A report is written only when every requested file exists: writes the missing
/// ones beside `json` (a run killed between its files) and returns every path.
fn complete_report(json: &Path, args: &RunArgs, env: &Env) -> Result<Vec<PathBuf>> {
    let text = source::read_utf8(json)?;
    let report = Report::from_json(&text).map_err(|e| Error::Report {
        path: json.to_owned(),
        reason: e.message(),
    })?;
    let mut paths = Vec::new();
    for (extension, content) in report_files(&report, args, env)? {
        let path = json.with_extension(extension);
        if !path.exists() {
            report_store::write_one(&path, &content)?;
        }
        paths.push(path);
    }
    Ok(paths)
}

/// The report of the inspection a draft records, if one was written: same template,
/// subject and start time, under the draft's file name stem.
fn existing_report(out: &Path, header: &Header) -> Option<PathBuf> {
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
                && crate::store::read_utf8(path, crate::store::limits::REPORT_BYTES)
                    .ok()
                    .and_then(|text| Report::from_json(&text).ok())
                    .is_some_and(|r| {
                        r.started_at == header.started_at
                            && r.subject == header.subject
                            && r.template.id == header.template_id
                    })
        })
}

/// A value the run cannot do without: a terminal asks for it until it is given, a
/// pipe cannot. `None` when the inspector interrupts the question.
fn required(
    value: Option<String>,
    what: &'static str,
    lang: Lang,
    io: &mut Io<'_>,
    interrupt: &Interrupt,
) -> Result<Option<String>> {
    let tidy = |v: String, stderr: &mut dyn std::io::Write| tidy(what, v, lang, stderr);
    match value {
        Some(v) => tidy(v, io.stderr)
            .map(Some)
            .ok_or_else(|| Error::usage(msg!("run-flag-empty", what = what))),
        None if io.interactive => {
            let label = lang.format(&msg!("run-ask", what = what));
            loop {
                match terminal::ask_text(&label, lang, io.stderr, interrupt).on_terminal()? {
                    Some(v) => match tidy(v, io.stderr) {
                        Some(v) => return Ok(Some(v)),
                        None => {
                            let again = msg!("run-flag-empty", what = what);
                            writeln!(io.stderr, "{}", lang.format(&again)).on_stderr()?;
                        }
                    },
                    None => return Ok(None),
                }
            }
        }
        None => Err(Error::usage(msg!("run-flag-required", what = what))),
    }
}

/// Reads an answers file into events, its evidence stored under `out`, or renders its
/// problems. Done before any draft is made, and every file is read before any is
/// stored, so that a rejected file leaves nothing behind.
fn read_answers(
    path: &Path,
    template: &Template,
    today: NaiveDate,
    out: &Path,
    lang: Lang,
    io: &mut Io<'_>,
) -> Result<Vec<Event>> {
    let text = crate::store::read_utf8(path, crate::store::limits::ANSWERS_BYTES)?;
    let rejected = |problems: Vec<crate::diagnostic::Problem>, io: &mut Io<'_>| {
        let display = path.display().to_string();
        let lines = diagnostic::Lines::new(&text);
        for problem in &problems {
            let _ = writeln!(io.stderr, "{}", lines.render(&display, problem, lang));
        }
        Error::AnswersInvalid {
            path: path.to_owned(),
            count: problems.len(),
        }
    };
    let (mut events, attachments) =
        match crate::answer_file::parse_with_evidence(&text, template, today) {
            Ok(parsed) => parsed,
            Err(problems) => return Err(rejected(problems, io)),
        };
    let base = path.parent().unwrap_or(Path::new(""));
    let mut pending = Vec::new();
    let mut problems = Vec::new();
    let mut total = 0;
    for attachment in &attachments {
        match evidence_store::read(&base.join(&attachment.path), total) {
            Ok(file) => {
                total += file.evidence.size;
                pending.push((attachment, file));
            }
            Err(why) => problems.push(
                crate::diagnostic::Problem::error(
                    attachment.span.clone(),
                    msg!("answers-evidence", item = &attachment.item),
                )
                .label(why),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(rejected(problems, io));
    }
    for (attachment, file) in &pending {
        let evidence = evidence_store::store(out, file).map_err(Error::usage)?;
        events.push(Event::Evidence {
            item: attachment.item.clone(),
            evidence,
        });
    }
    Ok(events)
}

/// The `--template` argument that finds the same template again.
fn template_argument(origin: &str) -> String {
    match origin.strip_prefix("builtin:") {
        Some(file) => file.trim_end_matches(".toml").to_owned(),
        None => origin.to_owned(),
    }
}

/// A command that continues this draft from any directory: absolute paths, the
/// built-in id, and `--lang` when it is not English.
fn resume_command(origin: &str, header: &Header, out: &Path, lang: Lang) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    let template = match origin.strip_prefix("builtin:") {
        Some(_) => template_argument(origin),
        None => absolute(Path::new(origin)).display().to_string(),
    };
    let mut command = format!(
        "opscheck run --template {} --subject {} --out {} --resume",
        shell_quote(&template),
        shell_quote(&clean(&header.subject)),
        shell_quote(&absolute(out).display().to_string())
    );
    if lang != Lang::En {
        command.push_str(&format!(" --lang {}", lang.tag()));
    }
    command
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

/// A subject or inspector name as stored: trimmed, hidden characters removed. A bidi
/// override or an invisible character would make the name read differently from what it
/// is, in every report and summary, so its removal is said.
fn tidy(what: &str, v: String, lang: Lang, stderr: &mut dyn std::io::Write) -> Option<String> {
    if let Some(c) = crate::text::first_hidden(v.trim()) {
        let warning = msg!(
            "run-hidden-character",
            what = what,
            character = format!("U+{:04X}", u32::from(c)),
            text = crate::text::escaped(v.trim()).into_owned(),
            kept = clean(v.trim()).into_owned()
        );
        let level = lang.text("diagnostic-warning");
        let _ = writeln!(stderr, "{level}: {}", lang.format(&warning));
    }
    Some(clean(v.trim()).into_owned()).filter(|v| !v.is_empty())
}
