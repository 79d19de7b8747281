//! Typed characters, made safe at the door: a pasted C1 control (CSI, OSC, ST), a bidi
//! override or isolate, a zero-width character or a BOM never reaches the terminal
//! front end's line editors, so it is neither echoed raw nor stored in a note, an
//! action or a sign-off name. Keys (Enter, Esc, Tab, arrows) and every visible
//! character pass unchanged.

use std::io;

use crossterm::event::KeyCode;

use super::terminal::{Input, Keys, Screen};

/// [`Keys`] without the characters that [`crate::text::is_hidden`] names.
pub struct Visible<K>(pub K);

impl<K: Keys> Keys for Visible<K> {
    fn next(&mut self) -> io::Result<Input> {
        loop {
            match self.0.next()? {
                Input::Key(key) if matches!(key.code, KeyCode::Char(c) if crate::text::is_hidden(c)) =>
                    {}
                input => return Ok(input),
            }
        }
    }

    fn suspend(&mut self, screen: &mut Screen) -> io::Result<()> {
        self.0.suspend(screen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::Event;
    use crate::locale::Lang;
    use crate::session::terminal::tests::{Script, Shown, header};
    use crate::session::{End, Session, terminal};

    const TEMPLATE: &str = r#"
format = 1
id = "t"
title = "T"
version = "1"
language = "en"
[[sections]]
id = "s"
title = "S"
[[sections.items]]
id = "exit"
text = "Fire exit clear?"
guidance = "g"
kind = "yes_no"
[[sections.items]]
id = "remarks"
text = "Remarks"
guidance = "g"
kind = "text"
"#;

    /// Pasted hidden characters: CSI, OSC … ST, a right-to-left override, an isolate,
    /// a zero-width space and a BOM.
    const PASTED: &str = "\u{9b}31m\u{9d}0;x\u{9c}\u{202e}\u{2066}\u{200b}\u{feff}";

    #[test]
    fn pasted_hidden_characters_are_neither_echoed_nor_stored() {
        let template = crate::template::check(TEMPLATE).template.unwrap();
        let mut journal: Vec<Event> = Vec::new();
        let mut session = Session::new(&template, Default::default(), &mut journal);
        let shown = Shown::default();
        let mut screen = Screen::virtual_screen(Box::new(shown.clone()), 80, 30);
        // `exit`: `e` opens the note editor, a paste lands in it, Enter; then y.
        // `remarks`: a typed answer with a paste in it; the summary; sign off as QA.
        let keys = format!("e{PASTED}ok{PASTED}\ryfine{PASTED}\r\r\r");
        let mut keys = Visible(Script::keys(&keys));
        let (end, signed) =
            terminal::conduct(&mut session, &header(), Lang::En, &mut keys, &mut screen).unwrap();
        assert_eq!((end, signed.as_str()), (End::Complete, "QA"));
        let text = String::from_utf8(shown.0.borrow().clone()).unwrap();
        if let Some(c) = text
            .chars()
            .find(|&c| crate::text::is_hidden(c) && c != '\n' && c != '\r')
        {
            panic!("the screen shows a raw U+{:04X}:\n{text}", u32::from(c));
        }
        assert!(
            text.contains("Note: 31m0;xok31m0;x"),
            "the visible rest is typed: {text}"
        );
        let notes: Vec<&str> = journal
            .iter()
            .filter_map(|e| match e {
                Event::Note {
                    note: Some(note), ..
                } => Some(note.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(notes, ["31m0;xok31m0;x"], "{journal:?}");
        let remarks = journal.iter().find_map(|e| match e {
            Event::Answer {
                item,
                answer: Some(answer),
                ..
            } if item == "remarks" => Some(answer.to_text()),
            _ => None,
        });
        assert_eq!(remarks.as_deref(), Some("fine31m0;x"));
    }

    #[test]
    fn keys_and_visible_characters_pass_unchanged() {
        let mut keys = Visible(Script::keys("a\u{202e}中\r"));
        let mut got = Vec::new();
        while let Ok(Input::Key(key)) = keys.next() {
            got.push(key.code);
        }
        assert_eq!(
            got,
            [KeyCode::Char('a'), KeyCode::Char('中'), KeyCode::Enter]
        );
    }
}
