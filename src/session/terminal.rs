//! Terminal mode: one screen per item, single keys for yes/no, N/A, scale and choice,
//! line editing (inquire, correct with Chinese) for numbers, dates, text, notes and
//! actions. Everything goes to `out` (stderr); reports paths stay on stdout.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal;
use inquire::ui::RenderConfig;
use inquire::{InquireError, Select, Text};

use super::line::split_note;
use super::{End, Session, prompt};
use crate::answer::{Action, Answer, Priority, clean, parse_due};
use crate::journal::Header;
use crate::locale::Lang;
use crate::msg;
use crate::scoring::{self, Verdict};
use crate::template::{Item, Kind};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const RED: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)))
    .bold();
const GREEN: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)))
    .bold();
const CYAN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));

/// What one screen led to.
enum Step {
    Answered(Option<Answer>, Option<String>),
    Keep,
    Back,
    Quit,
    Interrupted,
}

/// Asks every open item in the terminal until all are done, or the inspector stops.
pub fn run(
    session: &mut Session<'_>,
    header: &Header,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<End> {
    let mut current = session.next_open(None);
    let mut show_guidance = false;
    let mut message: Option<String> = None;
    while let Some(index) = current {
        draw(
            session,
            header,
            index,
            show_guidance,
            message.take().as_deref(),
            lang,
            out,
        )?;
        let (_, item) = session.item(index);
        let step = if keyed(item) {
            read_key(item, lang)?
        } else {
            read_typed(item, lang, out)?
        };
        match step {
            KeyStep::Guidance => show_guidance = !show_guidance,
            KeyStep::Note => match edit(
                out,
                &lang.text("term-note-prompt"),
                session
                    .answers()
                    .get(&item.id)
                    .and_then(|e| e.note.as_deref()),
                lang,
            )? {
                Edited::Text(note) => session.set_note(index, note)?,
                Edited::Cancelled => {}
                Edited::Interrupted => return Ok(End::Interrupted),
            },
            KeyStep::Attach(typed) => {
                message = match typed {
                    Some(typed) => Some(super::attachment::attach(session, index, &typed, lang)?),
                    None => super::attachment::ask(session, index, lang, out)?,
                }
            }
            KeyStep::Invalid(why) => message = Some(why),
            KeyStep::Step(Step::Back) => match session.previous(index) {
                Some(previous) => {
                    session.went_back(previous)?;
                    current = Some(previous);
                    show_guidance = false;
                }
                None => message = Some(lang.text("prompt-first-item")),
            },
            KeyStep::Step(Step::Quit) => return Ok(End::Quit),
            KeyStep::Step(Step::Interrupted) => return Ok(End::Interrupted),
            KeyStep::Step(Step::Keep) => {
                if session.is_done(index) {
                    current = session.next_open(Some(index));
                    show_guidance = false;
                } else {
                    message = Some(lang.text("term-answer-first"));
                }
            }
            KeyStep::Step(Step::Answered(answer, note)) => {
                if answer.is_none() && item.required {
                    message = Some(lang.text("term-required"));
                    continue;
                }
                session.answer(index, answer, note)?;
                if session.failed(index) {
                    match offer_action(session, index, header, lang, out)? {
                        Edited::Interrupted => return Ok(End::Interrupted),
                        Edited::Text(_) | Edited::Cancelled => {}
                    }
                }
                current = session.next_open(Some(index));
                show_guidance = false;
            }
        }
    }
    Ok(End::Complete)
}

/// Yes/no, and scales and choices of at most nine values, take one key.
fn keyed(item: &Item) -> bool {
    match &item.kind {
        Kind::YesNo => true,
        Kind::Scale { min, max, .. } => *min >= 0 && *max <= 9,
        Kind::Choice { options } => options.len() <= 9,
        _ => false,
    }
}

enum KeyStep {
    Step(Step),
    Guidance,
    Note,
    /// Attach a file: the path typed (`@ PATH`), or `None` to ask for it.
    Attach(Option<String>),
    Invalid(String),
}

fn read_key(item: &Item, lang: Lang) -> io::Result<KeyStep> {
    let key = {
        let _raw = RawMode::enable()?;
        next_key()?
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Ok(match key.code {
        KeyCode::Char('c') if ctrl => KeyStep::Step(Step::Interrupted),
        KeyCode::Char('?') => KeyStep::Guidance,
        KeyCode::Char('e') => KeyStep::Note,
        KeyCode::Char('f') => KeyStep::Attach(None),
        KeyCode::Char('b') | KeyCode::Left | KeyCode::Backspace => KeyStep::Step(Step::Back),
        KeyCode::Char('q') => KeyStep::Step(Step::Quit),
        KeyCode::Enter => KeyStep::Step(Step::Keep),
        KeyCode::Char('s') if !item.required => KeyStep::Step(Step::Answered(None, None)),
        KeyCode::Char('a') if item.na => KeyStep::Step(Step::Answered(Some(Answer::Na), None)),
        KeyCode::Char(c) => {
            let typed = match (&item.kind, c) {
                (Kind::YesNo, 'y') => "y".to_owned(),
                (Kind::YesNo, 'n') => "n".to_owned(),
                (_, c) => c.to_string(),
            };
            match Answer::parse(item, &typed) {
                Ok(answer) => KeyStep::Step(Step::Answered(Some(answer), None)),
                Err(why) => KeyStep::Invalid(format!("`{c}`: {}", lang.format(&why))),
            }
        }
        _ => KeyStep::Invalid(lang.text("term-press-key")),
    })
}

/// Numbers, dates and text are typed with editing; `ANSWER # NOTE` adds a note.
fn read_typed(item: &Item, lang: Lang, out: &mut dyn Write) -> io::Result<KeyStep> {
    let help = if item.required {
        lang.text("term-typed-help")
    } else {
        lang.text("term-typed-help-optional")
    };
    let hint = prompt::hint(item, lang);
    let validator = {
        let item = item.clone();
        move |input: &str| {
            let (text, _) = split_note(input);
            if (text.is_empty() && !item.required) || text.starts_with('@') {
                return Ok(inquire::validator::Validation::Valid);
            }
            Ok(match Answer::parse(&item, text) {
                Ok(_) => inquire::validator::Validation::Valid,
                Err(why) => inquire::validator::Validation::Invalid(lang.format(&why).into()),
            })
        }
    };
    let label = format!("{hint} ›");
    let result = Text::new(&label)
        .with_help_message(&help)
        .with_validator(validator)
        .with_render_config(render_config())
        .prompt();
    writeln!(out)?;
    Ok(match result {
        Ok(input) => {
            let input = clean(&input);
            let (text, note) = split_note(&input);
            if let Some(path) = text.strip_prefix('@') {
                KeyStep::Attach(Some(path.trim().to_owned()))
            } else if text.is_empty() {
                KeyStep::Step(Step::Answered(None, note))
            } else {
                match Answer::parse(item, text) {
                    Ok(answer) => KeyStep::Step(Step::Answered(Some(answer), note)),
                    Err(why) => KeyStep::Invalid(lang.format(&why)),
                }
            }
        }
        Err(InquireError::OperationCanceled) => KeyStep::Step(Step::Back),
        Err(InquireError::OperationInterrupted) => KeyStep::Step(Step::Interrupted),
        Err(e) => return Err(io::Error::other(e.to_string())),
    })
}

enum Edited {
    /// The new text; `None` when emptied.
    Text(Option<String>),
    Cancelled,
    Interrupted,
}

fn edit(out: &mut dyn Write, label: &str, initial: Option<&str>, lang: Lang) -> io::Result<Edited> {
    let help = lang.text("term-edit-help");
    let prompt = Text::new(label)
        .with_help_message(&help)
        .with_render_config(render_config());
    let prompt = match initial {
        Some(initial) => prompt.with_initial_value(initial),
        None => prompt,
    };
    let result = prompt.prompt();
    writeln!(out)?;
    Ok(match result {
        Ok(text) => Edited::Text(Some(clean(text.trim()).into_owned()).filter(|t| !t.is_empty())),
        Err(InquireError::OperationCanceled) => Edited::Cancelled,
        Err(InquireError::OperationInterrupted) => Edited::Interrupted,
        Err(e) => return Err(io::Error::other(e.to_string())),
    })
}

/// After a failed answer: what to do, who, by when, how urgent. Esc skips.
fn offer_action(
    session: &mut Session<'_>,
    index: usize,
    header: &Header,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<Edited> {
    let (failed, offer, add, skip) = (
        lang.text("term-failed"),
        lang.text("term-offer-action"),
        lang.text("term-add"),
        lang.text("term-skip"),
    );
    write!(
        out,
        "\r\n{RED}{failed}{RED:#} {offer}  {BOLD}a{BOLD:#} {add}   {BOLD}Enter{BOLD:#} {skip}\r\n"
    )?;
    out.flush()?;
    let key = {
        let _raw = RawMode::enable()?;
        next_key()?
    };
    match key.code {
        KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            return Ok(Edited::Interrupted);
        }
        KeyCode::Char('a') => {}
        _ => return Ok(Edited::Cancelled),
    }
    let config = render_config();
    let (what_label, owner_label, due_label, priority_label) = (
        lang.text("term-action-what"),
        lang.text("term-action-owner"),
        lang.text("term-action-due"),
        lang.text("term-action-priority"),
    );
    let (none_help, due_help, due_invalid) = (
        lang.text("term-empty-for-none"),
        lang.text("term-due-help"),
        lang.text("term-due-invalid"),
    );
    let priorities = vec![
        lang.text("priority-high"),
        lang.text("priority-medium"),
        lang.text("priority-low"),
        lang.text("priority-none"),
    ];
    let text = match Text::new(&what_label)
        .with_render_config(config)
        .with_validator(inquire::required!(lang.text("term-action-required")))
        .prompt()
    {
        Ok(text) => clean(text.trim()).into_owned(),
        Err(InquireError::OperationInterrupted) => return Ok(Edited::Interrupted),
        Err(_) => return Ok(Edited::Cancelled),
    };
    let owner = Text::new(&owner_label)
        .with_render_config(config)
        .with_help_message(&none_help)
        .prompt_skippable();
    let today = header.date;
    let due = Text::new(&due_label)
        .with_render_config(config)
        .with_help_message(&due_help)
        .with_validator(move |input: &str| {
            Ok(
                if input.trim().is_empty() || parse_due(input, today).is_ok() {
                    inquire::validator::Validation::Valid
                } else {
                    inquire::validator::Validation::Invalid(due_invalid.clone().into())
                },
            )
        })
        .prompt_skippable();
    let priority = Select::new(&priority_label, priorities.clone())
        .with_render_config(config)
        .with_starting_cursor(1)
        .prompt_skippable();
    let (owner, due, priority) = match (owner, due, priority) {
        (Ok(o), Ok(d), Ok(p)) => (o, d, p),
        _ => return Ok(Edited::Interrupted),
    };
    let action = Action {
        text,
        owner: owner
            .map(|o| clean(o.trim()).into_owned())
            .filter(|o| !o.is_empty()),
        due: due.and_then(|d| parse_due(&d, today).ok()),
        priority: priority.and_then(|p| {
            let at = priorities.iter().position(|x| *x == p)?;
            [
                Some(Priority::High),
                Some(Priority::Medium),
                Some(Priority::Low),
                None,
            ][at]
        }),
    };
    session.set_action(index, Some(action))?;
    Ok(Edited::Text(None))
}

/// The end of an inspection: the result, the failed items, and the inspector's
/// sign-off. `None` when the inspector does not sign yet (progress is kept).
pub fn finish(
    session: &Session<'_>,
    header: &Header,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<Option<String>> {
    let template = session.template();
    let score = scoring::score(template, session.answers());
    clear_screen(out)?;
    writeln!(
        out,
        "{BOLD}{}{BOLD:#} · {} · {}\n",
        clean(&template.title),
        clean(&header.subject),
        header.date
    )?;
    let style = match score.verdict {
        Verdict::Pass => GREEN,
        Verdict::Fail => RED,
        Verdict::NoScore => DIM,
    };
    let verdict = lang.text(score.verdict.label_key());
    match score.percent {
        Some(p) => {
            let mark = msg!("term-pass-mark", mark = template.scoring.pass_mark);
            writeln!(
                out,
                "  {style} {verdict} {style:#}  {BOLD}{p:.1}%{BOLD:#}  {}  ({})",
                score.rating.as_deref().map(clean).unwrap_or_default(),
                lang.format(&mark)
            )?;
        }
        None => writeln!(
            out,
            "  {style} {verdict} {style:#}  {}",
            lang.text("run-no-score")
        )?,
    }
    let failed: Vec<_> = score.failed().collect();
    let counts = msg!(
        "term-failed-count",
        failed = failed.len(),
        critical = score.critical_failed.len()
    );
    writeln!(out, "\n  {}", lang.format(&counts))?;
    let height = terminal::size().map_or(24, |(_, h)| h as usize);
    let room = height.saturating_sub(12).max(3);
    let critical = lang.text("term-critical");
    for item in failed.iter().take(room) {
        let mark = if item.item.critical {
            format!("{RED}{critical}{RED:#} ")
        } else {
            String::new()
        };
        let text = truncate(&clean(&item.item.text), width().saturating_sub(8));
        writeln!(out, "  · {mark}{text}")?;
    }
    if failed.len() > room {
        writeln!(
            out,
            "  {}",
            lang.format(&msg!("term-more", count = failed.len() - room))
        )?;
    }
    writeln!(out)?;
    let (label, help) = (lang.text("term-sign-off"), lang.text("term-sign-off-help"));
    let signed = Text::new(&label)
        .with_default(&header.inspector)
        .with_help_message(&help)
        .with_render_config(render_config())
        .prompt();
    Ok(match signed {
        Ok(name) => Some(clean(name.trim()).into_owned())
            .filter(|n| !n.is_empty())
            .or_else(|| Some(header.inspector.clone())),
        Err(_) => None,
    })
}

/// A yes/no question before the inspection starts (Enter is yes).
pub fn confirm(question: &str, lang: Lang, out: &mut dyn Write) -> io::Result<bool> {
    let _ = out;
    let help = lang.text("term-confirm-help");
    match inquire::Confirm::new(question)
        .with_default(true)
        .with_help_message(&help)
        .with_render_config(render_config())
        .prompt()
    {
        Ok(yes) => Ok(yes),
        Err(InquireError::OperationCanceled) => Ok(false),
        Err(InquireError::OperationInterrupted) => {
            Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted"))
        }
        Err(e) => Err(io::Error::other(e.to_string())),
    }
}

/// Asks one line of text (a subject, an inspector) before the inspection starts.
pub fn ask_text(label: &str, out: &mut dyn Write) -> io::Result<Option<String>> {
    let _ = out;
    match Text::new(label)
        .with_render_config(render_config())
        .prompt()
    {
        Ok(text) => Ok(Some(text)),
        Err(InquireError::OperationCanceled | InquireError::OperationInterrupted) => Ok(None),
        Err(e) => Err(io::Error::other(e.to_string())),
    }
}

fn draw(
    session: &Session<'_>,
    header: &Header,
    index: usize,
    show_guidance: bool,
    message: Option<&str>,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (section, item) = session.item(index);
    let width = width();
    let done = (0..session.len()).filter(|&i| session.is_done(i)).count();
    let position = format!("[{}/{}]", index + 1, session.len());
    let bar_width = 12;
    let filled = (done * bar_width).checked_div(session.len()).unwrap_or(0);
    let bar = format!("{}{}", "█".repeat(filled), "░".repeat(bar_width - filled));
    let title = truncate(
        &format!(
            "{} · {}",
            clean(&session.template().title),
            clean(&header.subject)
        ),
        width.saturating_sub(position.len() + bar_width + 3),
    );
    let mut screen = String::new();
    let pad = width
        .saturating_sub(textwrap::core::display_width(&title) + position.len() + bar_width + 2);
    screen.push_str(&format!(
        "{BOLD}{title}{BOLD:#}{}{position} {CYAN}{bar}{CYAN:#}\n",
        " ".repeat(pad)
    ));
    screen.push_str(&format!("{DIM}{}{DIM:#}\n", "─".repeat(width)));
    screen.push_str(&format!("{CYAN}{}{CYAN:#}\n\n", clean(&section.title)));
    for line in textwrap::wrap(&clean(&item.text), width.saturating_sub(2)) {
        screen.push_str(&format!("{BOLD}{line}{BOLD:#}\n"));
    }
    let mut marks = Vec::new();
    if item.critical {
        marks.push(format!("{RED}{}{RED:#}", lang.text("term-critical")));
    }
    if !item.required {
        marks.push(lang.text("term-optional"));
    }
    marks.push(lang.format(&msg!("term-weight", weight = item.weight)));
    screen.push_str(&format!("{DIM}{}{DIM:#}\n\n", marks.join(" · ")));
    if let Kind::Choice { options } = &item.kind {
        for (i, option) in options.iter().enumerate() {
            screen.push_str(&format!(
                "  {BOLD}{}{BOLD:#} {}\n",
                i + 1,
                clean(&option.label)
            ));
        }
        screen.push('\n');
    }
    if let Kind::Scale { min, labels, .. } = &item.kind {
        for (i, label) in labels.iter().enumerate() {
            screen.push_str(&format!(
                "  {BOLD}{}{BOLD:#} {}\n",
                *min + i as i64,
                clean(label)
            ));
        }
        if !labels.is_empty() {
            screen.push('\n');
        }
    }
    if (show_guidance || !keyed(item))
        && let Some(guidance) = &item.guidance
    {
        for line in textwrap::wrap(&clean(guidance), width.saturating_sub(4)) {
            screen.push_str(&format!("  {DIM}{line}{DIM:#}\n"));
        }
        screen.push('\n');
    }
    if let Some(entry) = session.answers().get(&item.id) {
        if let Some(answer) = &entry.answer {
            screen.push_str(&format!(
                "{} {BOLD}{}{BOLD:#}  {DIM}{}{DIM:#}\n",
                lang.text("term-current"),
                clean(&answer.to_text()),
                lang.text("term-enter-keeps")
            ));
        }
        if let Some(note) = &entry.note {
            screen.push_str(&format!(
                "{} {}\n",
                lang.text("term-note-label"),
                truncate(&clean(note), width.saturating_sub(6))
            ));
        }
        if let Some(action) = &entry.action {
            screen.push_str(&format!(
                "{} {}\n",
                lang.text("term-action-label"),
                truncate(&clean(&action.text), width.saturating_sub(8))
            ));
        }
    }
    if let Some(message) = message {
        screen.push_str(&format!("{RED}{}{RED:#}\n", clean(message)));
    }
    if keyed(item) {
        screen.push('\n');
        screen.push_str(&legend(item, lang));
        screen.push('\n');
    }
    clear_screen(out)?;
    write!(out, "{}", screen.replace('\n', "\r\n"))?;
    out.flush()
}

fn legend(item: &Item, lang: Lang) -> String {
    let key = |k: &str, what: &str| format!("{BOLD}{k}{BOLD:#} {}", lang.text(what));
    let mut keys = match &item.kind {
        Kind::YesNo => vec![key("y", "key-yes"), key("n", "key-no")],
        Kind::Scale { min, max, .. } => vec![key(&format!("{min}–{max}"), "key-score")],
        Kind::Choice { options } => vec![key(&format!("1–{}", options.len()), "key-option")],
        _ => vec![],
    };
    if item.na {
        keys.push(key("a", "key-na"));
    }
    if !item.required {
        keys.push(key("s", "key-skip"));
    }
    keys.extend([
        key("?", "key-guidance"),
        key("e", "key-note"),
        key("f", "key-file"),
        key("b", "key-back"),
        key("q", "key-quit"),
    ]);
    keys.join("   ")
}

fn render_config() -> RenderConfig<'static> {
    if anstream::AutoStream::choice(&io::stderr()) == anstream::ColorChoice::Never {
        RenderConfig::empty()
    } else {
        RenderConfig::default()
    }
}

fn width() -> usize {
    terminal::size()
        .map_or(80, |(w, _)| usize::from(w))
        .clamp(40, 120)
}

fn truncate(text: &str, width: usize) -> String {
    if textwrap::core::display_width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = textwrap::core::display_width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Clears the terminal. Written to stderr itself: `out` strips escape sequences when
/// colour is off, and NO_COLOR must not stop the screen from being redrawn.
fn clear_screen(out: &mut dyn Write) -> io::Result<()> {
    out.flush()?;
    crossterm::execute!(
        io::stderr(),
        terminal::Clear(terminal::ClearType::All),
        crossterm::cursor::MoveTo(0, 0)
    )
}

fn next_key() -> io::Result<KeyEvent> {
    loop {
        if let Event::Key(key) = event::read()?
            && key.kind == KeyEventKind::Press
        {
            return Ok(key);
        }
    }
}

/// Raw mode for as long as it lives, restored even on an early return.
struct RawMode;

impl RawMode {
    fn enable() -> io::Result<RawMode> {
        terminal::enable_raw_mode()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}
