//! Line mode: one answer per line from any reader, prompts to any writer, so that a
//! script can feed a file. The grammar is in the `run` help and [`Answer::parse`].

use std::io::{self, BufRead, Read, Write};

use chrono::NaiveDate;

use super::{End, Session, prompt};
use crate::answer::{Action, Answer, clean, parse_due};
use crate::i18n::Message;
use crate::locale::Lang;
use crate::msg;
use crate::scoring::item_score;
use crate::template::OnFail;

/// How a line-mode session is fed and what it shows.
pub struct Options {
    pub lang: Lang,
    /// `-q`: no prompts; problems with a line are still written.
    pub quiet: bool,
    /// The inspection date, for relative due dates (`+7d`).
    pub today: NaiveDate,
}

/// Asks every open item until all are done, input ends, or `quit`.
///
/// After an answer the next item in template order comes, answered or not, so that
/// `<` then answers reviews every item up to where the inspector was; `>` jumps to
/// the first unanswered.
/// An empty line keeps the current answer (or skips an optional item without one).
pub fn run(
    session: &mut Session<'_>,
    options: &Options,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> io::Result<End> {
    let lang = options.lang;
    let mut sink = io::sink();
    let mut current = session.first_open();
    let mut bytes = Vec::new();
    while let Some(index) = current {
        session.shown(index);
        let (section, item) = session.item(index);
        {
            let prompts: &mut dyn Write = if options.quiet { &mut sink } else { out };
            let (_, total) = session.progress();
            writeln!(
                prompts,
                "\n[{}/{}] {}",
                session.position(index),
                total,
                clean(&section.title)
            )?;
            writeln!(prompts, "  {}", clean(&item.text))?;
            if let Some(current) = session.current(index) {
                let current = msg!(
                    "prompt-current",
                    answer = clean(&current.to_text()).into_owned()
                );
                writeln!(prompts, "  {}", lang.format(&current))?;
            }
            write!(prompts, "  {} › ", prompt::hint(item, lang))?;
            prompts.flush()?;
        }

        bytes.clear();
        // At most one line's limit is held: an endless line (`< /dev/zero`) stops the
        // session, with every answer so far kept, instead of filling the memory.
        let limit = crate::files::limits::LINE_BYTES;
        if (&mut *input)
            .take(limit + 1)
            .read_until(b'\n', &mut bytes)?
            == 0
        {
            if !options.quiet {
                writeln!(out)?;
            }
            return Ok(End::Incomplete);
        }
        if bytes.len() as u64 > limit {
            let message = msg!("prompt-line-too-long", limit = crate::i18n::mib(limit));
            writeln!(out, "\n  {}", lang.format(&message))?;
            return Ok(End::Incomplete);
        }
        let Ok(line) = std::str::from_utf8(&bytes) else {
            writeln!(out, "  {}", lang.text("prompt-not-utf8"))?;
            continue;
        };
        let line = clean(line.trim_end_matches(['\n', '\r']));
        match line.trim() {
            "?" => {
                let guidance = item
                    .guidance
                    .as_deref()
                    .map_or_else(|| lang.text("prompt-no-guidance").into(), clean);
                writeln!(out, "  {guidance}")?;
                continue;
            }
            "<" => {
                match session.previous(index) {
                    Some(previous) => {
                        session.went_back(previous)?;
                        current = Some(previous);
                    }
                    None => writeln!(out, "  {}", lang.text("prompt-first-item"))?,
                }
                continue;
            }
            ">" => {
                current = session.first_open().or(Some(index));
                continue;
            }
            "quit" => return Ok(End::Quit),
            // `@ PATH` attaches a file to this item; the item is asked again.
            attach if attach.starts_with('@') => {
                let path = std::path::Path::new(attach[1..].trim());
                match session.attach(index, path)? {
                    Ok(e) => writeln!(out, "  {}", lang.format(&attached(&e, &item.id)))?,
                    Err(why) => writeln!(out, "  {}", lang.format(&why))?,
                }
                continue;
            }
            _ => {}
        }
        let parsed = match Line::parse(&line, options.today) {
            Ok(parsed) => parsed,
            Err(why) => {
                writeln!(out, "  {}", lang.format(&why))?;
                continue;
            }
        };
        let answer = if parsed.answer.is_empty() {
            match session.current(index) {
                // Enter keeps the current answer.
                Some(kept) => Some(kept.clone()),
                None if item.required => {
                    writeln!(out, "  {}", lang.text("prompt-required"))?;
                    continue;
                }
                None => None,
            }
        } else {
            match Answer::parse(item, parsed.answer) {
                Ok(answer) => Some(answer),
                Err(why) => {
                    writeln!(out, "  {}", lang.format(&why))?;
                    continue;
                }
            }
        };
        // What a failed answer must come with: on its line, or given before.
        let fails = answer
            .as_ref()
            .and_then(|a| item_score(item, a))
            .is_some_and(|s| s < item.pass);
        let lacking: Vec<&str> = item
            .on_fail
            .iter()
            .filter(|need| match need {
                OnFail::Note => parsed.note.is_none() && session.note(index).is_none(),
                OnFail::Action => parsed.action.is_none() && session.action(index).is_none(),
            })
            .map(|need| need.as_str())
            .collect();
        if fails && !lacking.is_empty() {
            let needs = msg!("prompt-fail-needs", needs = lacking.join("+"));
            writeln!(out, "  {}", lang.format(&needs))?;
            continue;
        }
        // Enter on a kept answer records nothing; any answer typed is journaled.
        let kept = parsed.answer.is_empty() && answer.is_some() && parsed.note.is_none();
        if !kept && let Some(removed) = session.answer(index, answer, parsed.note)? {
            let removed = msg!(
                "prompt-action-removed",
                action = clean(&removed.text).into_owned()
            );
            writeln!(out, "  {}", lang.format(&removed))?;
        }
        if let Some(action) = parsed.action {
            if session.failed(index) {
                session.set_action(index, Some(action))?;
            } else {
                writeln!(out, "  {}", lang.text("prompt-action-not-failed"))?;
            }
        }
        current = session.after(index);
    }
    Ok(End::Complete)
}

/// `attached photo.jpg (image/jpeg, 1200 bytes) to `exits``.
pub fn attached(e: &crate::evidence::Evidence, item: &str) -> crate::i18n::Message {
    msg!(
        "evidence-attached",
        name = &e.name,
        media_type = &e.media_type,
        size = e.size,
        item = item
    )
}

/// One line of line mode: `ANSWER [# NOTE] [! ACTION | OWNER | DUE | PRIORITY]`.
/// A Chinese input method's full-width `＃`, `！` and `｜` are taken too.
#[derive(Debug, PartialEq)]
pub struct Line<'a> {
    pub answer: &'a str,
    pub note: Option<String>,
    pub action: Option<Action>,
}

impl<'a> Line<'a> {
    pub fn parse(line: &'a str, today: NaiveDate) -> Result<Line<'a>, Message> {
        let (rest, action) = match find_separator(line, '!', '！') {
            Some((at, len)) => (&line[..at], Some(parse_action(&line[at + len..], today)?)),
            None => (line, None),
        };
        let (answer, note) = split_note(rest);
        Ok(Line {
            answer,
            note,
            action: action.flatten(),
        })
    }
}

/// `ANSWER # NOTE` → the answer and the note (none when empty).
pub fn split_note(line: &str) -> (&str, Option<String>) {
    let (answer, note) = match find_separator(line, '#', '＃') {
        Some((at, len)) => (&line[..at], Some(line[at + len..].trim())),
        None => (line, None),
    };
    (
        answer.trim(),
        note.filter(|n| !n.is_empty()).map(str::to_owned),
    )
}

/// Where `ascii` stands alone (` # `, or at the start followed by a space) or `wide`
/// stands anywhere: its byte offset and length.
fn find_separator(line: &str, ascii: char, wide: char) -> Option<(usize, usize)> {
    let spaced = format!(" {ascii} ");
    let candidates = [
        line.find(&spaced).map(|at| (at, spaced.len())),
        line.trim_start()
            .starts_with(&format!("{ascii} "))
            .then(|| (line.len() - line.trim_start().len(), 2)),
        line.find(wide).map(|at| (at, wide.len_utf8())),
    ];
    candidates.into_iter().flatten().min_by_key(|(at, _)| *at)
}

/// `TEXT | OWNER | DUE | PRIORITY`, the last three optional; empty text is none.
fn parse_action(text: &str, today: NaiveDate) -> Result<Option<Action>, Message> {
    let parts: Vec<&str> = text.split(['|', '｜']).map(str::trim).collect();
    let Some(what) = parts.first().filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let part = |n: usize| parts.get(n).copied().filter(|p| !p.is_empty());
    Ok(Some(Action {
        text: (*what).to_owned(),
        owner: part(1).map(str::to_owned),
        due: part(2).map(|d| parse_due(d, today)).transpose()?,
        priority: part(3).map(str::parse).transpose()?,
    }))
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;
    use crate::journal::Event;
    use crate::template::{self, Template};

    const TEMPLATE: &str = r#"
format = 1
id = "t"
title = "T"
version = "1"
language = "en"
[[sections]]
id = "a"
title = "Area A"
[[sections.items]]
id = "exit"
text = "Fire exit clear?"
guidance = "Walk the route."
kind = "yes_no"
[[sections.items]]
id = "drill"
text = "Drill held?"
guidance = "g"
kind = "yes_no"
when = { item = "exit", is = "yes" }
[[sections.items]]
id = "rating"
text = "Rate it"
guidance = "g"
kind = "scale"
min = 1
max = 5
[[sections.items]]
id = "remarks"
text = "Remarks"
guidance = "g"
kind = "text"
required = false
"#;

    fn template() -> Template {
        template::check(TEMPLATE).template.unwrap()
    }

    fn drive(template: &Template, input: &str) -> (End, Vec<Event>, String) {
        let mut journal = Vec::new();
        let mut session = Session::new(template, Default::default(), &mut journal);
        let mut out = Vec::new();
        let options = Options {
            lang: Lang::En,
            quiet: false,
            today: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        };
        let end = run(&mut session, &options, &mut Cursor::new(input), &mut out).unwrap();
        (end, journal, String::from_utf8(out).unwrap())
    }

    fn answers(events: &[Event]) -> Vec<(String, Option<String>, Option<String>)> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Answer { item, answer, note } => Some((
                    item.clone(),
                    answer.as_ref().map(|a| a.to_text()),
                    note.clone(),
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn one_line_per_item_with_a_note_and_a_skip() {
        let t = template();
        let (end, journal, _) = drive(&t, "n # blocked by pallets\n4\n\n");
        assert_eq!(end, End::Complete);
        assert_eq!(
            answers(&journal),
            [
                (
                    "exit".into(),
                    Some("no".into()),
                    Some("blocked by pallets".into())
                ),
                ("rating".into(), Some("4".into()), None),
                ("remarks".into(), None, None),
            ],
            "`drill` is not asked when the exit is not clear"
        );
    }

    #[test]
    fn invalid_lines_are_explained_and_asked_again() {
        let t = template();
        let (end, journal, out) = drive(&t, "maybe\ny\ny\n9\n3\nall fine\n");
        assert_eq!(end, End::Complete);
        assert!(out.contains("answer y or n, or na"), "{out}");
        assert!(
            out.contains("answer a whole number from 1 to 5, or na"),
            "{out}"
        );
        assert_eq!(answers(&journal).len(), 4);
    }

    #[test]
    fn guidance_back_and_quit() {
        let t = template();
        let (end, journal, out) = drive(&t, "?\ny\n<\nn\n5\nquit\n");
        assert!(out.contains("Walk the route."), "{out}");
        assert_eq!(end, End::Quit);
        let given = answers(&journal);
        assert_eq!(
            given[1],
            ("exit".into(), Some("no".into()), None),
            "going back re-answers `exit`: {given:?}"
        );
        assert_eq!(given[2].0, "rating", "and returns to the first open item");
        assert!(
            journal
                .iter()
                .any(|e| matches!(e, Event::Back { item } if item == "exit"))
        );
    }

    #[test]
    fn end_of_input_is_incomplete_and_required_items_cannot_be_skipped() {
        let t = template();
        let (end, journal, out) = drive(&t, "\ny\n");
        assert!(out.contains("an answer is required"), "{out}");
        assert_eq!(end, End::Incomplete);
        assert_eq!(answers(&journal).len(), 1);
    }

    #[test]
    fn a_line_over_the_limit_stops_the_session_keeping_what_was_answered() {
        let t = template();
        let limit = crate::files::limits::LINE_BYTES as usize;
        // Exactly the limit (with its newline) is a line; one byte more is not.
        let long_note = format!("y # {}\n", "x".repeat(limit - 5));
        assert_eq!(long_note.len(), limit);
        let input = format!("{long_note}y\n{}\n4\n", "z".repeat(limit));
        let (end, journal, out) = drive(&t, &input);
        assert_eq!(
            end,
            End::Incomplete,
            "{}",
            &out[out.len().saturating_sub(300)..]
        );
        assert!(
            out.contains("a line of input is longer than 1 MiB"),
            "{}",
            &out[out.len().saturating_sub(300)..]
        );
        let given = answers(&journal);
        assert_eq!(given.len(), 2, "the two answers before the long line");
        assert_eq!(given[0].2.as_ref().map(String::len), Some(limit - 5));
    }

    #[test]
    fn notes() {
        assert_eq!(
            split_note("n # blocked exit"),
            ("n", Some("blocked exit".into()))
        );
        assert_eq!(split_note("y"), ("y", None));
        assert_eq!(split_note("y # "), ("y", None));
        assert_eq!(
            split_note("# only a note"),
            ("", Some("only a note".into()))
        );
        assert_eq!(split_note("C# skills"), ("C# skills", None));
    }
}
