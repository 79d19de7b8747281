//! Terminal mode: one screen per item on the alternate screen, single keys for yes/no,
//! N/A, scale and choice, a line editor for numbers, dates, text, notes and actions.
//!
//! Every key is applied to what is on screen when it is read, in order: a burst of
//! keys lands on consecutive items. Keys come from a [`Keys`] source and the screen
//! goes to a [`Screen`], so that tests drive the whole front end without a terminal.

use std::io::{self, Write};
use std::time::Duration;

use anstyle::{AnsiColor, Style};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::{cursor, terminal};

use super::line::split_note;
use super::{End, Session, prompt};
use crate::answer::{Action, Answer, Priority, clean, parse_due};
use crate::i18n::Message;
use crate::interrupt::Interrupt;
use crate::journal::Header;
use crate::locale::Lang;
use crate::msg;
use crate::scoring::{self, Verdict};
use crate::template::{Item, Kind, OnFail};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const RED: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)))
    .bold();
const GREEN: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)))
    .bold();
const CYAN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));

/// Below this width the layout is plain: no bar, no rule, lines left to the terminal.
const NARROW: usize = 40;

/// What the front end reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    /// The terminal changed size: draw again.
    Resize,
    /// SIGINT, SIGTERM or SIGHUP.
    Interrupted,
}

/// Where keys come from.
pub trait Keys {
    fn next(&mut self) -> io::Result<Input>;
    /// Ctrl-Z: give the terminal back to the shell until `fg`.
    fn suspend(&mut self, screen: &mut Screen) -> io::Result<()>;
}

/// Keys from the terminal, with signals seen through `interrupt`.
pub struct CrosstermKeys {
    interrupt: Interrupt,
    /// Keys come from standard input (a terminal when the run began), not `/dev/tty`.
    from_stdin: bool,
}

impl CrosstermKeys {
    pub fn new(interrupt: Interrupt) -> Self {
        // Open the event source now, before the first screen is drawn: it is what sees
        // SIGWINCH, and a resize before it exists would be lost.
        let _ = event::poll(Duration::ZERO);
        let from_stdin = std::io::IsTerminal::is_terminal(&io::stdin());
        CrosstermKeys {
            interrupt,
            from_stdin,
        }
    }
}

impl Keys for CrosstermKeys {
    fn next(&mut self) -> io::Result<Input> {
        loop {
            if self.interrupt.is_raised() {
                return Ok(Input::Interrupted);
            }
            if !event::poll(Duration::from_millis(100))? {
                if self.from_stdin && hung_up() {
                    return Err(io::Error::from(io::ErrorKind::UnexpectedEof));
                }
                continue;
            }
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    return Ok(Input::Key(key));
                }
                Event::Resize(..) => return Ok(Input::Resize),
                Event::Paste(text) => {
                    // Pasted text arrives as one event: type it.
                    if let Some(c) = text.chars().next() {
                        return Ok(Input::Key(KeyEvent::new(
                            KeyCode::Char(c),
                            KeyModifiers::NONE,
                        )));
                    }
                }
                _ => {}
            }
        }
    }

    fn suspend(&mut self, screen: &mut Screen) -> io::Result<()> {
        screen.leave()?;
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        // Here again after `fg`.
        screen.reenter()
    }
}

/// Whether the terminal on standard input is gone (its other end closed), which without a
/// controlling terminal no SIGHUP announces: reads then end at once, for ever. (Keys
/// read from `/dev/tty` fail instead.)
#[cfg(unix)]
fn hung_up() -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    poll(&mut fds, Some(&now)).is_ok() && fds[0].revents().contains(PollFlags::HUP)
}

#[cfg(not(unix))]
fn hung_up() -> bool {
    false
}

/// The alternate screen in raw mode, restored when dropped (every exit path), or an
/// in-memory screen of a fixed size for tests.
pub struct Screen {
    out: Box<dyn Write>,
    real: bool,
    color: bool,
    size: (u16, u16),
    entered: bool,
}

impl Screen {
    /// Takes over the terminal (stderr).
    pub fn enter() -> io::Result<Screen> {
        let color = anstream::AutoStream::choice(&io::stderr()) != anstream::ColorChoice::Never;
        let mut screen = Screen {
            out: Box::new(io::stderr()),
            real: true,
            color,
            size: (80, 24),
            entered: false,
        };
        screen.reenter()?;
        Ok(screen)
    }

    /// A screen of `width` × `height` that writes to `out`, without colour.
    pub fn virtual_screen(out: Box<dyn Write>, width: u16, height: u16) -> Screen {
        Screen {
            out,
            real: false,
            color: false,
            size: (width, height),
            entered: false,
        }
    }

    fn reenter(&mut self) -> io::Result<()> {
        if self.real {
            terminal::enable_raw_mode()?;
            crossterm::execute!(self.out, terminal::EnterAlternateScreen, cursor::Hide)?;
        }
        self.entered = true;
        Ok(())
    }

    fn leave(&mut self) -> io::Result<()> {
        if self.real && self.entered {
            crossterm::execute!(self.out, terminal::LeaveAlternateScreen, cursor::Show)?;
            terminal::disable_raw_mode()?;
        }
        self.entered = false;
        Ok(())
    }

    fn size(&self) -> (usize, usize) {
        let (w, h) = if self.real {
            terminal::size().unwrap_or(self.size)
        } else {
            self.size
        };
        (usize::from(w), usize::from(h))
    }

    fn style(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    /// Replaces what is on screen with `lines`, each already fitted to the width.
    fn show(&mut self, lines: &[String]) -> io::Result<()> {
        let mut frame = String::new();
        if self.real {
            frame.push_str("\x1b[H\x1b[2J");
        } else {
            frame.push_str("\n=== screen ===\n");
        }
        frame.push_str(&lines.join("\r\n"));
        self.out.write_all(frame.as_bytes())?;
        self.out.flush()
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = self.leave();
    }
}

/// Puts the terminal back as the shell had it: for the signal handler, which ends the
/// process while a screen may be up.
pub fn restore() {
    if terminal::is_raw_mode_enabled().unwrap_or(false) {
        let _ = crossterm::execute!(io::stderr(), terminal::LeaveAlternateScreen, cursor::Show);
        let _ = terminal::disable_raw_mode();
    }
}

/// What a key means on any screen, before the screen's own keys.
enum Common {
    Interrupted,
    Quit,
    Suspend,
    Redraw,
    /// Another Ctrl combination: never an answer.
    Ignored,
    Key(KeyEvent),
}

fn common(input: Input) -> Common {
    match input {
        Input::Interrupted => Common::Interrupted,
        Input::Resize => Common::Redraw,
        Input::Key(key) if key.modifiers.contains(KeyModifiers::CONTROL) => match key.code {
            KeyCode::Char('c') => Common::Interrupted,
            KeyCode::Char('d') => Common::Quit,
            KeyCode::Char('z') => Common::Suspend,
            KeyCode::Char('l') => Common::Redraw,
            _ => Common::Ignored,
        },
        Input::Key(key) if key.modifiers.contains(KeyModifiers::ALT) => Common::Ignored,
        Input::Key(key) => Common::Key(key),
    }
}

/// The state of one inspection on screen.
struct Front<'k> {
    keys: &'k mut dyn Keys,
    screen: &'k mut Screen,
    lang: Lang,
    header: Header,
    /// The item whose failed answer the current screen offers an action or note for.
    failed: Option<usize>,
    guidance: bool,
    message: Option<String>,
}

/// What an editor line gave.
enum Edited {
    Text(String),
    Cancelled,
    Stop(End),
}

/// Asks every open item until all are done, then shows the summary and asks for the
/// sign-off; from the summary, `b` goes back into the items. Returns how it ended and
/// who signed.
pub fn conduct(
    session: &mut Session<'_>,
    header: &Header,
    lang: Lang,
    keys: &mut dyn Keys,
    screen: &mut Screen,
) -> io::Result<(End, String)> {
    let mut front = Front {
        keys,
        screen,
        lang,
        header: header.clone(),
        failed: None,
        guidance: false,
        message: None,
    };
    let mut current = session.first_open();
    loop {
        match current {
            Some(index) => match front.item(session, index)? {
                Ok(next) => current = next,
                Err(end) => return Ok((end, header.inspector.clone())),
            },
            None => match front.summary(session)? {
                Summary::Signed(name) => return Ok((End::Complete, name)),
                Summary::Back => current = session.last(),
                Summary::Stop(end) => return Ok((end, header.inspector.clone())),
            },
        }
    }
}

enum Summary {
    Signed(String),
    Back,
    Stop(End),
}

impl Front<'_> {
    /// One key (or one typed line) on an item's screen. `Ok(next)` is the item to
    /// show next (`None`: the summary); `Err(end)` stops the session.
    fn item(
        &mut self,
        session: &mut Session<'_>,
        index: usize,
    ) -> io::Result<Result<Option<usize>, End>> {
        session.shown(index);
        let (_, item) = session.item(index);
        if !keyed(item) {
            return self.typed(session, index);
        }
        self.draw_item(session, index, None)?;
        let key = match self.read()? {
            Read::Key(key) => key,
            Read::Again => return Ok(Ok(Some(index))),
            Read::Stop(end) => return Ok(Err(end)),
        };
        let lang = self.lang;
        match key.code {
            KeyCode::Char('?') => self.guidance = !self.guidance,
            KeyCode::Char('e') => {
                if let Some(end) = self.edit_note(session, index)? {
                    return Ok(Err(end));
                }
            }
            KeyCode::Char('f') => {
                if let Some(end) = self.attach_file(session, index)? {
                    return Ok(Err(end));
                }
            }
            KeyCode::Char('c') => {
                if let Some(end) = self.action_key(session, index)? {
                    return Ok(Err(end));
                }
            }
            KeyCode::Char('m') if self.failed.is_some() => {
                let failed = self.failed.take().unwrap_or(index);
                if let Some(end) = self.edit_note(session, failed)? {
                    return Ok(Err(end));
                }
            }
            KeyCode::Char('b') | KeyCode::Left | KeyCode::Backspace | KeyCode::Up => {
                return self.back(session, index).map(Ok);
            }
            KeyCode::Char('>') | KeyCode::Tab => return Ok(Ok(self.jump(session, index))),
            KeyCode::Char('q') => return Ok(Err(End::Quit)),
            KeyCode::Enter | KeyCode::Right | KeyCode::Down => {
                if session.is_done(index) {
                    return Ok(Ok(self.advance(session, index)));
                }
                self.message = Some(lang.text("term-answer-first"));
            }
            KeyCode::Char('s') if !item.required => {
                return self.record(session, index, None, None);
            }
            KeyCode::Char('a') if item.na => {
                return self.record(session, index, Some(Answer::Na), None);
            }
            KeyCode::Char(c) => match Answer::parse(item, &c.to_string()) {
                Ok(answer) => return self.record(session, index, Some(answer), None),
                Err(why) => self.message = Some(format!("`{c}`: {}", lang.format(&key_hint(why)))),
            },
            _ => self.message = Some(lang.text("term-press-key")),
        }
        Ok(Ok(Some(index)))
    }

    /// Numbers, dates, text, and long scales and choices: typed on the item's screen;
    /// `ANSWER # NOTE` adds a note; Enter on an empty line keeps the current answer.
    fn typed(
        &mut self,
        session: &mut Session<'_>,
        index: usize,
    ) -> io::Result<Result<Option<usize>, End>> {
        let (_, item) = session.item(index);
        let lang = self.lang;
        let mut buffer = String::new();
        loop {
            self.draw_item(session, index, Some(&buffer))?;
            let key = match self.read()? {
                Read::Key(key) => key,
                Read::Again => continue,
                Read::Stop(end) => return Ok(Err(end)),
            };
            match key.code {
                KeyCode::Esc | KeyCode::Up => return self.back(session, index).map(Ok),
                KeyCode::Tab => return Ok(Ok(self.jump(session, index))),
                KeyCode::Backspace => {
                    buffer.pop();
                }
                KeyCode::Char(c) => {
                    buffer.push(c);
                    self.message = None;
                }
                KeyCode::Enter => {
                    let input = clean(&buffer).into_owned();
                    let (text, note) = split_note(&input);
                    if text.is_empty() {
                        if session.is_done(index) && note.is_none() {
                            return Ok(Ok(self.advance(session, index)));
                        }
                        let kept = session.current(index).cloned();
                        if kept.is_none() && item.required {
                            self.message = Some(lang.text("term-required"));
                            continue;
                        }
                        return self.record(session, index, kept, note);
                    }
                    match Answer::parse(item, text) {
                        Ok(answer) => {
                            return self.record(session, index, Some(answer), note);
                        }
                        Err(why) => self.message = Some(lang.format(&why)),
                    }
                }
                _ => {}
            }
        }
    }

    /// Records an answer and moves on; a failed answer is offered an action or a note
    /// on the next screen.
    fn record(
        &mut self,
        session: &mut Session<'_>,
        index: usize,
        answer: Option<Answer>,
        note: Option<String>,
    ) -> io::Result<Result<Option<usize>, End>> {
        let (_, item) = session.item(index);
        if answer.is_none() && item.required {
            self.message = Some(self.lang.text("term-required"));
            return Ok(Ok(Some(index)));
        }
        if let Some(removed) = session.answer(index, answer, note)? {
            let removed = msg!(
                "prompt-action-removed",
                action = clean(&removed.text).into_owned()
            );
            self.message = Some(self.lang.format(&removed));
        }
        // What the template says a failed answer must come with, asked at once.
        for need in session.missing(index) {
            let stop = match need {
                OnFail::Note => self.edit_note(session, index)?,
                OnFail::Action => self.edit_action(session, index)?,
            };
            if let Some(end) = stop {
                return Ok(Err(end));
            }
        }
        if !session.missing(index).is_empty() {
            let needs: Vec<&str> = session.missing(index).iter().map(|n| n.as_str()).collect();
            let needs = msg!("prompt-fail-needs", needs = needs.join("+"));
            self.message = Some(self.lang.format(&needs));
            return Ok(Ok(Some(index)));
        }
        let next = self.advance(session, index);
        if session.failed(index) && session.action(index).is_none() {
            self.failed = Some(index);
        }
        Ok(Ok(next))
    }

    fn advance(&mut self, session: &Session<'_>, index: usize) -> Option<usize> {
        self.failed = None;
        self.guidance = false;
        session.after(index)
    }

    fn jump(&mut self, session: &Session<'_>, index: usize) -> Option<usize> {
        self.failed = None;
        self.guidance = false;
        Some(session.first_open().unwrap_or(index))
    }

    fn back(&mut self, session: &mut Session<'_>, index: usize) -> io::Result<Option<usize>> {
        self.failed = None;
        self.guidance = false;
        match session.previous(index) {
            Some(previous) => {
                session.went_back(previous)?;
                Ok(Some(previous))
            }
            None => {
                self.message = Some(self.lang.text("prompt-first-item"));
                Ok(Some(index))
            }
        }
    }

    /// `c`: the action of the item the banner names, else of this item if it failed.
    fn action_key(&mut self, session: &mut Session<'_>, index: usize) -> io::Result<Option<End>> {
        let target = self
            .failed
            .take()
            .or_else(|| session.failed(index).then_some(index));
        match target {
            Some(target) => self.edit_action(session, target),
            None => {
                self.message = Some(self.lang.text("term-action-needs-failure"));
                Ok(None)
            }
        }
    }

    fn edit_note(&mut self, session: &mut Session<'_>, index: usize) -> io::Result<Option<End>> {
        let label = self.lang.text("term-note-prompt");
        let initial = session.note(index).unwrap_or_default().to_owned();
        match self.editor(session, index, &label, &initial, |_| Ok(()))? {
            Edited::Text(text) => {
                let note = Some(text.trim().to_owned()).filter(|t| !t.is_empty());
                session.set_note(index, note)?;
                Ok(None)
            }
            Edited::Cancelled => Ok(None),
            Edited::Stop(end) => Ok(Some(end)),
        }
    }

    /// Asks for a path (Tab completes it) and attaches that file to the item.
    fn attach_file(&mut self, session: &mut Session<'_>, index: usize) -> io::Result<Option<End>> {
        let label = self.lang.text("evidence-prompt");
        let complete: Complete = super::attachment::PathCompleter::complete;
        match self.edit_line(session, index, &label, "", Some(complete), |_| Ok(()))? {
            Edited::Text(typed) => {
                let line = super::attachment::attach(session, index, typed.trim(), self.lang)?;
                self.message = Some(line);
                Ok(None)
            }
            Edited::Cancelled => Ok(None),
            Edited::Stop(end) => Ok(Some(end)),
        }
    }

    /// What, who, by when, how urgent. Emptying what is to be done removes the action.
    fn edit_action(&mut self, session: &mut Session<'_>, index: usize) -> io::Result<Option<End>> {
        let lang = self.lang;
        let old = session.action(index).cloned();
        let what_label = lang.text("term-action-what");
        let initial = old.as_ref().map(|a| a.text.clone()).unwrap_or_default();
        let text = match self.editor(session, index, &what_label, &initial, |_| Ok(()))? {
            Edited::Text(text) => clean(text.trim()).into_owned(),
            Edited::Cancelled => return Ok(None),
            Edited::Stop(end) => return Ok(Some(end)),
        };
        if text.is_empty() {
            if let Some(old) = old {
                session.set_action(index, None)?;
                let removed = msg!(
                    "prompt-action-removed",
                    action = clean(&old.text).into_owned()
                );
                self.message = Some(lang.format(&removed));
            }
            return Ok(None);
        }
        let owner_label = lang.text("term-action-owner");
        let initial = old
            .as_ref()
            .and_then(|a| a.owner.clone())
            .unwrap_or_default();
        let owner = match self.editor(session, index, &owner_label, &initial, |_| Ok(()))? {
            Edited::Text(owner) => Some(clean(owner.trim()).into_owned()).filter(|o| !o.is_empty()),
            Edited::Cancelled => return Ok(None),
            Edited::Stop(end) => return Ok(Some(end)),
        };
        let today = self.header.date;
        let due_label = lang.text("term-action-due");
        let initial = old
            .as_ref()
            .and_then(|a| a.due)
            .map(|d| d.to_string())
            .unwrap_or_default();
        let check_due = move |input: &str| {
            if input.trim().is_empty() {
                Ok(())
            } else {
                parse_due(input, today).map(drop)
            }
        };
        let due = match self.editor(session, index, &due_label, &initial, check_due)? {
            Edited::Text(due) => parse_due(&due, today).ok(),
            Edited::Cancelled => return Ok(None),
            Edited::Stop(end) => return Ok(Some(end)),
        };
        let priority_label = lang.text("term-action-priority");
        let initial = old
            .as_ref()
            .and_then(|a| a.priority)
            .map(|p| lang.text(p.label_key()))
            .unwrap_or_default();
        let check_priority = |input: &str| {
            if input.trim().is_empty() {
                Ok(())
            } else {
                input.parse::<Priority>().map(drop)
            }
        };
        let priority =
            match self.editor(session, index, &priority_label, &initial, check_priority)? {
                Edited::Text(p) => p.parse::<Priority>().ok(),
                Edited::Cancelled => return Ok(None),
                Edited::Stop(end) => return Ok(Some(end)),
            };
        let action = Action {
            text,
            owner,
            due,
            priority,
        };
        session.set_action(index, Some(action))?;
        Ok(None)
    }

    /// A line editor under the item: Enter gives the text (if `check` accepts it), Esc
    /// cancels.
    fn editor(
        &mut self,
        session: &Session<'_>,
        index: usize,
        label: &str,
        initial: &str,
        check: impl Fn(&str) -> Result<(), Message>,
    ) -> io::Result<Edited> {
        self.edit_line(session, index, label, initial, None, check)
    }

    /// [`Self::editor`], with Tab asking `complete` for a longer text.
    fn edit_line(
        &mut self,
        session: &Session<'_>,
        index: usize,
        label: &str,
        initial: &str,
        complete: Option<Complete>,
        check: impl Fn(&str) -> Result<(), Message>,
    ) -> io::Result<Edited> {
        let mut buffer = initial.to_owned();
        let mut problem: Option<String> = None;
        loop {
            let mut lines = self.item_lines(session, index, None);
            lines.push(String::new());
            lines.push(format!("{label} {buffer}▏"));
            if let Some(problem) = &problem {
                lines.push(self.screen.style(RED, problem));
            }
            lines.push(self.screen.style(DIM, &self.lang.text("term-edit-help")));
            self.screen.show(&lines)?;
            let key = match self.read()? {
                Read::Key(key) => key,
                Read::Again => continue,
                Read::Stop(end) => return Ok(Edited::Stop(end)),
            };
            match key.code {
                KeyCode::Esc => return Ok(Edited::Cancelled),
                KeyCode::Backspace => {
                    buffer.pop();
                }
                KeyCode::Char(c) => buffer.push(c),
                KeyCode::Tab => {
                    if let Some(longer) = complete.and_then(|complete| complete(&buffer)) {
                        buffer = longer;
                    }
                }
                KeyCode::Enter => match check(&buffer) {
                    Ok(()) => return Ok(Edited::Text(buffer)),
                    Err(why) => problem = Some(self.lang.format(&why)),
                },
                _ => {}
            }
        }
    }

    /// The next key that is the screen's to interpret.
    fn read(&mut self) -> io::Result<Read> {
        let input = self.keys.next()?;
        Ok(match common(input) {
            Common::Interrupted => Read::Stop(End::Interrupted),
            Common::Quit => Read::Stop(End::Quit),
            Common::Suspend => {
                self.keys.suspend(self.screen)?;
                Read::Again
            }
            Common::Redraw => Read::Again,
            Common::Ignored => {
                self.message = Some(self.lang.text("term-press-key"));
                Read::Again
            }
            Common::Key(key) => Read::Key(key),
        })
    }

    fn draw_item(
        &mut self,
        session: &Session<'_>,
        index: usize,
        typing: Option<&str>,
    ) -> io::Result<()> {
        let lines = self.item_lines(session, index, typing);
        self.message = None;
        self.screen.show(&lines)
    }

    fn item_lines(&self, session: &Session<'_>, index: usize, typing: Option<&str>) -> Vec<String> {
        let (section, item) = session.item(index);
        let lang = self.lang;
        let screen = &*self.screen;
        let (width, _) = screen.size();
        let wrap = |text: &str, indent: usize| -> Vec<String> { fit(text, width, indent) };
        let mut lines = Vec::new();
        let (done, total) = session.progress();
        let position = format!("[{}/{}]", session.position(index), total);
        let title = format!(
            "{} · {}",
            clean(&session.template().title),
            clean(&self.header.subject)
        );
        if width < NARROW {
            lines.push(format!("{position} {title}"));
        } else {
            let bar_width = 10;
            let filled = (done * bar_width).checked_div(total).unwrap_or(0);
            let bar = format!("{}{}", "█".repeat(filled), "░".repeat(bar_width - filled));
            let room = width.saturating_sub(display_width(&position) + bar_width + 2);
            let title = truncate(&title, room);
            let pad = room.saturating_sub(display_width(&title));
            lines.push(format!(
                "{}{} {position} {}",
                screen.style(BOLD, &title),
                " ".repeat(pad),
                screen.style(CYAN, &bar)
            ));
            lines.push(screen.style(DIM, &"─".repeat(width)));
        }
        if let Some(failed) = self.failed {
            let (_, failed_item) = session.item(failed);
            let banner = lang.format(&msg!(
                "term-failed-banner",
                item = truncate(&clean(&failed_item.text), width.saturating_sub(20).max(10))
            ));
            for line in wrap(&banner, 0) {
                lines.push(screen.style(RED, &line));
            }
        }
        for line in wrap(&clean(&section.title), 0) {
            lines.push(screen.style(CYAN, &line));
        }
        lines.push(String::new());
        for line in wrap(&clean(&item.text), 0) {
            lines.push(screen.style(BOLD, &line));
        }
        let mut marks = Vec::new();
        if item.critical {
            marks.push(lang.text("term-critical"));
        }
        if !item.required {
            marks.push(lang.text("term-optional"));
        }
        marks.push(lang.format(&msg!("term-weight", weight = item.weight)));
        lines.push(screen.style(DIM, &marks.join(" · ")));
        if matches!(item.kind, Kind::Choice { .. } | Kind::Scale { .. }) {
            lines.push(String::new());
        }
        match &item.kind {
            Kind::Choice { options } => {
                for (i, option) in options.iter().enumerate() {
                    lines.extend(wrap(&format!("{} {}", i + 1, clean(&option.label)), 2));
                }
            }
            Kind::Scale { min, labels, .. } => {
                for (i, label) in labels.iter().enumerate() {
                    lines.extend(wrap(&format!("{} {}", *min + i as i64, clean(label)), 2));
                }
            }
            _ => {}
        }
        if (self.guidance || !keyed(item))
            && let Some(guidance) = &item.guidance
        {
            for line in wrap(&clean(guidance), 2) {
                lines.push(screen.style(DIM, &line));
            }
        }
        if let Some(answer) = session.current(index) {
            let shown = format!(
                "{} {}  {}",
                lang.text("term-current"),
                clean(&answer_text(answer, lang)),
                lang.text("term-enter-keeps")
            );
            lines.extend(wrap(&shown, 0));
        }
        if let Some(note) = session.note(index) {
            let note = format!("{} {}", lang.text("term-note-label"), clean(note));
            lines.push(truncate(&note, width));
        }
        if let Some(action) = session.action(index) {
            let action = format!("{} {}", lang.text("term-action-label"), clean(&action.text));
            lines.push(truncate(&action, width));
        }
        if let Some(message) = &self.message {
            for line in wrap(&clean(message), 0) {
                lines.push(screen.style(RED, &line));
            }
        }
        lines.push(String::new());
        match typing {
            Some(buffer) => {
                lines.extend(wrap(&format!("{} ›", prompt::hint(item, lang)), 0));
                lines.push(format!("› {buffer}▏"));
                let help = if item.required {
                    "term-typed-help"
                } else {
                    "term-typed-help-optional"
                };
                for line in wrap(&lang.text(help), 0) {
                    lines.push(screen.style(DIM, &line));
                }
            }
            None if keyed(item) => {
                let legend = legend(item, self.failed.is_some(), lang);
                lines.extend(fit_chunks(&legend, width));
            }
            None => {}
        }
        lines
    }

    /// The result, the failed items (critical first), and the sign-off.
    fn summary(&mut self, session: &Session<'_>) -> io::Result<Summary> {
        let lang = self.lang;
        let mut typing: Option<String> = None;
        loop {
            let lines = self.summary_lines(session, typing.as_deref());
            self.screen.show(&lines)?;
            let key = match self.read()? {
                Read::Key(key) => key,
                Read::Again => continue,
                Read::Stop(end) => return Ok(Summary::Stop(end)),
            };
            match (&mut typing, key.code) {
                (None, KeyCode::Char('b') | KeyCode::Left | KeyCode::Backspace | KeyCode::Up) => {
                    return Ok(Summary::Back);
                }
                (None, KeyCode::Char('q') | KeyCode::Esc) => return Ok(Summary::Stop(End::Quit)),
                (None, KeyCode::Enter | KeyCode::Char('s')) => {
                    typing = Some(clean(&self.header.inspector).into_owned());
                }
                (None, _) => self.message = Some(lang.text("term-press-key")),
                (Some(_), KeyCode::Esc) => typing = None,
                (Some(buffer), KeyCode::Backspace) => {
                    buffer.pop();
                }
                (Some(buffer), KeyCode::Char(c)) => buffer.push(c),
                (Some(buffer), KeyCode::Enter) => {
                    let name = clean(buffer.trim()).into_owned();
                    if name.is_empty() {
                        self.message =
                            Some(lang.format(&msg!("run-flag-empty", what = "inspector")));
                    } else {
                        return Ok(Summary::Signed(name));
                    }
                }
                (Some(_), _) => {}
            }
        }
    }

    fn summary_lines(&mut self, session: &Session<'_>, typing: Option<&str>) -> Vec<String> {
        let lang = self.lang;
        let template = session.template();
        let score = scoring::score(template, session.answers());
        let screen = &*self.screen;
        let (width, height) = screen.size();
        let mut lines = Vec::new();
        let title = format!(
            "{} · {} · {}",
            clean(&template.title),
            clean(&self.header.subject),
            self.header.date
        );
        lines.extend(
            fit(&title, width, 0)
                .into_iter()
                .map(|l| screen.style(BOLD, &l)),
        );
        lines.push(String::new());
        let style = match score.verdict {
            Verdict::Pass => GREEN,
            Verdict::Fail => RED,
            Verdict::NoScore => DIM,
        };
        let verdict = screen.style(style, &lang.text(score.verdict.label_key()));
        let result = match score.percent {
            Some(p) => {
                let mark = msg!("term-pass-mark", mark = template.scoring.pass_mark);
                format!(
                    "{verdict}  {p:.1}%  {}  ({})",
                    score.rating.as_deref().map(clean).unwrap_or_default(),
                    lang.format(&mark)
                )
            }
            None => format!("{verdict}  {}", lang.text("run-no-score")),
        };
        lines.extend(fit(&result, width, 2));
        let mut failed: Vec<_> = score.failed().collect();
        // Critical failures first, then heavier items; template order within.
        failed.sort_by(|a, b| {
            b.item
                .critical
                .cmp(&a.item.critical)
                .then(b.item.weight.total_cmp(&a.item.weight))
        });
        let counts = msg!(
            "term-failed-count",
            failed = failed.len(),
            critical = score.critical_failed.len()
        );
        lines.push(String::new());
        lines.extend(fit(&lang.format(&counts), width, 2));
        // Room below for the sign-off line, its help and a message.
        let room = height.saturating_sub(lines.len() + 5).max(1);
        let critical = lang.text("term-critical");
        let shown = if failed.len() > room {
            room.saturating_sub(1).max(1)
        } else {
            failed.len()
        };
        for item in failed.iter().take(shown) {
            let mark = if item.item.critical {
                format!("{critical} ")
            } else {
                String::new()
            };
            let text = format!("  · {mark}{}", clean(&item.item.text));
            lines.push(truncate(&text, width));
        }
        if failed.len() > shown {
            let more = msg!("term-more", count = failed.len() - shown);
            lines.extend(fit(&lang.format(&more), width, 2));
        }
        if let Some(message) = self.message.take() {
            lines.push(screen.style(RED, &message));
        }
        lines.push(String::new());
        match typing {
            Some(buffer) => {
                lines.push(format!("{} {buffer}▏", lang.text("term-sign-off")));
                lines.extend(fit(&lang.text("term-sign-off-help"), width, 0));
            }
            None => {
                let key = |k: &str, what: &str| format!("{k} {}", lang.text(what));
                let chunks = vec![
                    key("Enter", "key-sign"),
                    key("b", "key-back"),
                    key("q", "key-quit"),
                ];
                lines.extend(fit_chunks(&chunks, width));
            }
        }
        lines
    }
}

enum Read {
    Key(KeyEvent),
    /// Nothing for the screen: draw it again.
    Again,
    Stop(End),
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

/// The answer as the inspector gave it: yes and no in the interface language.
fn answer_text(answer: &Answer, lang: Lang) -> String {
    match answer {
        Answer::Yes => lang.text("key-yes"),
        Answer::No => lang.text("key-no"),
        Answer::Na => lang.text("key-na"),
        other => other.to_text(),
    }
}

/// On a keyed screen N/A is the key `a`, not the word `na`.
fn key_hint(why: Message) -> Message {
    match why.key {
        "answer-yes-no" | "answer-scale" | "answer-choice" => {
            let mut why = why;
            for (name, value) in &mut why.args {
                if *name == "na" {
                    *value = crate::i18n::Arg::Text("key".to_owned());
                }
            }
            why
        }
        _ => why,
    }
}

fn legend(item: &Item, failed_banner: bool, lang: Lang) -> Vec<String> {
    let key = |k: &str, what: &str| format!("{k} {}", lang.text(what));
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
    if failed_banner {
        keys.push(key("c", "key-action-previous"));
        keys.push(key("m", "key-note-previous"));
    } else {
        keys.push(key("c", "key-action"));
    }
    keys.extend([
        key("?", "key-guidance"),
        key("e", "key-note"),
        key("f", "key-file"),
        key("b", "key-back"),
        key(">", "key-first-open"),
        key("q", "key-quit"),
    ]);
    keys
}

/// Completes typed text on Tab: the longer text, or `None` to leave it.
type Complete = fn(&str) -> Option<String>;

fn display_width(text: &str) -> usize {
    textwrap::core::display_width(text)
}

/// Wraps at word boundaries (CJK text may break between characters, as it is written),
/// never inside a word; below [`NARROW`] columns the terminal wraps.
fn fit(text: &str, width: usize, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    if width < NARROW {
        return vec![format!("{pad}{text}")];
    }
    // Chinese is written without spaces and breaks between characters; elsewhere only
    // spaces break a line (not the hyphen of `after-sales`).
    let cjk = text
        .chars()
        .any(|c| display_width(c.encode_utf8(&mut [0; 4])) == 2);
    let separator = if cjk {
        textwrap::WordSeparator::UnicodeBreakProperties
    } else {
        textwrap::WordSeparator::AsciiSpace
    };
    let options = textwrap::Options::new(width.saturating_sub(indent).max(1))
        .break_words(false)
        .word_separator(separator)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| format!("{pad}{line}"))
        .collect()
}

/// Lays out key legends (`y yes`) on lines of `width`, never splitting one.
fn fit_chunks(chunks: &[String], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for chunk in chunks {
        if !line.is_empty() && display_width(&line) + 3 + display_width(chunk) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str("   ");
        }
        line.push_str(chunk);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Cut to `width` columns by display width (a CJK character is two), with `…`.
fn truncate(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Which of the `options` to continue, before the inspection starts: a digit picks one
/// (Enter the first), `n` or Esc none. Interrupted is an error of kind `Interrupted`.
pub fn choose(
    question: &str,
    options: &[String],
    lang: Lang,
    interrupt: &Interrupt,
) -> io::Result<Option<usize>> {
    let _polled = interrupt.polled();
    let mut screen = Screen::enter()?;
    let mut keys = super::keys::Visible(CrosstermKeys::new(interrupt.clone()));
    loop {
        let (width, _) = screen.size();
        let mut lines = fit(question, width, 0);
        lines.push(String::new());
        for (i, option) in options.iter().enumerate().take(9) {
            lines.extend(fit(&format!("{} {option}", i + 1), width, 2));
        }
        lines.push(String::new());
        lines.extend(fit(&lang.text("term-choose-help"), width, 0));
        screen.show(&lines)?;
        match common(keys.next()?) {
            Common::Interrupted | Common::Quit => {
                return Err(io::Error::from(io::ErrorKind::Interrupted));
            }
            Common::Suspend => keys.suspend(&mut screen)?,
            Common::Key(key) => match key.code {
                KeyCode::Enter | KeyCode::Char('y') => return Ok(Some(0)),
                KeyCode::Char(c @ '1'..='9') => {
                    let at = usize::from(c as u8 - b'1');
                    if at < options.len() {
                        return Ok(Some(at));
                    }
                }
                KeyCode::Char('n') | KeyCode::Esc => return Ok(None),
                _ => {}
            },
            Common::Redraw | Common::Ignored => {}
        }
    }
}

/// Asks one line of text (a subject, an inspector) before the inspection starts;
/// `None` when interrupted.
pub fn ask_text(
    label: &str,
    lang: Lang,
    out: &mut dyn Write,
    interrupt: &Interrupt,
) -> io::Result<Option<String>> {
    let _ = out;
    let _polled = interrupt.polled();
    let mut screen = Screen::enter()?;
    let mut keys = super::keys::Visible(CrosstermKeys::new(interrupt.clone()));
    let mut buffer = String::new();
    loop {
        let (width, _) = screen.size();
        let mut lines = fit(label, width, 0);
        lines.push(format!("› {buffer}▏"));
        lines.extend(fit(&lang.text("term-ask-help"), width, 0));
        screen.show(&lines)?;
        match common(keys.next()?) {
            Common::Interrupted | Common::Quit => return Ok(None),
            Common::Suspend => keys.suspend(&mut screen)?,
            Common::Key(key) => match key.code {
                KeyCode::Enter => return Ok(Some(buffer)),
                KeyCode::Esc => return Ok(None),
                KeyCode::Backspace => {
                    buffer.pop();
                }
                KeyCode::Char(c) => buffer.push(c),
                _ => {}
            },
            Common::Redraw | Common::Ignored => {}
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::rc::Rc;

    use super::*;
    use crate::journal::Event;

    /// Keys typed in advance.
    pub(crate) struct Script(VecDeque<Input>);

    impl Script {
        pub(crate) fn keys(text: &str) -> Script {
            let key = |c| Input::Key(KeyEvent::new(c, KeyModifiers::NONE));
            Script(
                text.chars()
                    .map(|c| match c {
                        '\r' => key(KeyCode::Enter),
                        c => key(KeyCode::Char(c)),
                    })
                    .collect(),
            )
        }
    }

    impl Keys for Script {
        fn next(&mut self) -> io::Result<Input> {
            self.0
                .pop_front()
                .ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))
        }

        fn suspend(&mut self, _: &mut Screen) -> io::Result<()> {
            Ok(())
        }
    }

    /// What the screen showed, shared with the test.
    #[derive(Clone, Default)]
    pub(crate) struct Shown(pub(crate) Rc<RefCell<Vec<u8>>>);

    impl Write for Shown {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    const FOUR: &str = r#"
format = 1
id = "t"
title = "T"
version = "1"
language = "zh-CN"
[[sections]]
id = "s"
title = "S"
[[sections.items]]
id = "a"
text = "门店入口的消防通道是否畅通无阻，没有堆放任何货物或杂物？"
guidance = "g"
kind = "yes_no"
[[sections.items]]
id = "b"
text = "B?"
guidance = "g"
kind = "yes_no"
[[sections.items]]
id = "c"
text = "C?"
guidance = "g"
kind = "yes_no"
[[sections.items]]
id = "d"
text = "Critical D?"
guidance = "g"
kind = "yes_no"
critical = true
"#;

    pub(crate) fn header() -> Header {
        Header {
            format: crate::journal::FORMAT.to_owned(),
            template_id: "t".into(),
            template_version: "1".into(),
            template_sha256: "00".into(),
            template_origin: "t.toml".into(),
            subject: "S".into(),
            inspector: "QA".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            started_at: chrono::DateTime::parse_from_rfc3339("2026-11-29T09:00:00+08:00").unwrap(),
        }
    }

    #[test]
    fn the_summary_lists_critical_failures_first_cut_to_the_width() {
        let template = crate::template::check(FOUR).template.unwrap();
        let mut journal: Vec<Event> = Vec::new();
        let mut session = Session::new(&template, Default::default(), &mut journal);
        let shown = Shown::default();
        let mut screen = Screen::virtual_screen(Box::new(shown.clone()), 40, 14);
        // Four failures, then sign off with the default name.
        let mut keys = Script::keys("nnnn\r\r");
        let (end, signed) =
            conduct(&mut session, &header(), Lang::ZhCn, &mut keys, &mut screen).unwrap();
        assert_eq!((end, signed.as_str()), (End::Complete, "QA"));
        let text = String::from_utf8(shown.0.borrow().clone()).unwrap();
        let summary = text.rsplit("=== screen ===").nth(1).unwrap();
        let listed: Vec<&str> = summary
            .split("\r\n")
            .filter(|l| l.starts_with("  · "))
            .collect();
        assert_eq!(listed[0], "  · 关键项 Critical D?", "{summary}");
        assert!(listed[1].starts_with("  · 门店入口") && listed[1].ends_with('…'));
        for line in summary.split("\r\n") {
            assert!(display_width(line) <= 40, "{line:?} is wider than 40");
        }
        assert!(
            summary.contains("另有 2 项"),
            "the rest are counted: {summary}"
        );
        assert_eq!(journal.len(), 4, "four answers, nothing else: {journal:?}");
    }

    #[test]
    fn no_word_is_broken_at_any_width_from_40() {
        let text = "Are the standard operating procedures for customer service and \
                    after-sales reviewed and updated at least once a year?";
        for width in 40..=120 {
            let words: Vec<&str> = text.split_whitespace().collect();
            let lines = fit(text, width, 2);
            let rejoined: Vec<String> = lines
                .iter()
                .flat_map(|l| l.split_whitespace().map(str::to_owned))
                .collect();
            assert_eq!(rejoined, words, "width {width}: {lines:?}");
            assert!(lines.iter().all(|l| display_width(l) <= width), "{lines:?}");
        }
    }

    #[test]
    fn legends_keep_each_key_whole() {
        let chunks: Vec<String> = ["y yes", "n no", "q save & quit", "? guidance"]
            .map(String::from)
            .to_vec();
        for width in 12..60 {
            for line in fit_chunks(&chunks, width) {
                assert!(chunks.iter().any(|c| line.contains(c.as_str())), "{line:?}");
                assert!(!line.ends_with(" save") && !line.starts_with("& quit"));
            }
        }
    }

    #[test]
    fn truncation_counts_chinese_characters_as_two_columns() {
        let cut = truncate("消防通道是否畅通无阻", 9);
        assert_eq!(cut, "消防通道…");
        assert!(display_width(&cut) <= 9);
    }
}
