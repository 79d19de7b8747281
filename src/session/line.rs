//! Line mode: one answer per line from any reader, prompts to any writer, so that a
//! script can feed a file. The grammar is in the `run` help and [`Answer::parse`].

use std::io::{self, BufRead, Write};

use super::{End, Session, prompt};
use crate::answer::{Answer, clean};
use crate::locale::Lang;
use crate::msg;

/// Asks every open item until all are done, input ends, or `quit`.
pub fn run(
    session: &mut Session<'_>,
    lang: Lang,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> io::Result<End> {
    let mut current = session.next_open(None);
    let mut bytes = Vec::new();
    while let Some(index) = current {
        let (section, item) = session.item(index);
        writeln!(
            out,
            "\n[{}/{}] {}",
            index + 1,
            session.len(),
            clean(&section.title)
        )?;
        writeln!(out, "  {}", clean(&item.text))?;
        if let Some(current) = session
            .answers()
            .get(&item.id)
            .and_then(|e| e.answer.as_ref())
        {
            let current = msg!(
                "prompt-current",
                answer = clean(&current.to_text()).into_owned()
            );
            writeln!(out, "  {}", lang.format(&current))?;
        }
        write!(out, "  {} › ", prompt::hint(item, lang))?;
        out.flush()?;

        bytes.clear();
        if input.read_until(b'\n', &mut bytes)? == 0 {
            writeln!(out)?;
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
        let (text, note) = split_note(&line);
        if text.is_empty() {
            if item.required {
                writeln!(out, "  {}", lang.text("prompt-required"))?;
                continue;
            }
            session.answer(index, None, note)?;
        } else {
            match Answer::parse(item, text) {
                Ok(answer) => session.answer(index, Some(answer), note)?,
                Err(why) => {
                    writeln!(out, "  {}", lang.format(&why))?;
                    continue;
                }
            }
        }
        current = session.next_open(Some(index));
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

/// `ANSWER # NOTE` → the answer and the note (none when empty).
pub fn split_note(line: &str) -> (&str, Option<String>) {
    let (answer, note) = match line.find(" # ") {
        Some(at) => (&line[..at], Some(line[at + 3..].trim())),
        None if line.trim_start().starts_with("# ") => ("", Some(line.trim_start()[2..].trim())),
        None => (line, None),
    };
    (
        answer.trim(),
        note.filter(|n| !n.is_empty()).map(str::to_owned),
    )
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
        let end = run(&mut session, Lang::En, &mut Cursor::new(input), &mut out).unwrap();
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
