//! The one door from user text to an output: terminal, Markdown, HTML, CSV and JSON.
//!
//! "Hidden" characters are those that change how other text looks or behaves without
//! showing themselves: C0 controls and DEL (ANSI escapes start with ESC), C1 controls
//! (U+0080–U+009F: CSI, OSC, ST act as escapes in many terminals), bidi controls and
//! isolates (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069), zero-width and
//! invisible characters (U+200B–U+200D, U+2060–U+2064, U+180E) and the BOM (U+FEFF).
//!
//! What each output does with them:
//!
//! | output | hidden characters | line breaks and tabs |
//! |---|---|---|
//! | terminal, Markdown, CSV, HTML text | removed ([`line`]) | one space |
//! | JSON | kept, written as `\uXXXX` escapes ([`json`]) | escaped by JSON |
//! | a refused input, quoted in a message | shown as `\u{202e}` ([`escaped`]) | shown as `\u{a}` |
//!
//! Markdown also escapes `\ | < [ ]` so that user text never forms a link, an HTML tag or
//! a table cell boundary ([`markdown`]); CSV cells that a spreadsheet would run as a
//! formula get a leading `'` ([`csv_cell`]).
//!
//! This module imports nothing from the rest of the crate.

use std::borrow::Cow;
use std::io;

/// Whether `c` is hidden: it acts on the text around it instead of showing itself.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{feff}')
}

/// A character that ends a line or separates words; shown as one space on one line.
fn is_break(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// One line of text safe for a terminal, a table cell or an HTML text node: line breaks
/// and tabs become spaces, every other hidden character is removed.
pub fn line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .filter_map(|c| match c {
            c if is_break(c) => Some(' '),
            c if is_hidden(c) => None,
            c => Some(c),
        })
        .collect::<String>()
        .into()
}

/// A whole document (HTML, Markdown) with every hidden character removed except the
/// line breaks and tabs that lay it out.
pub fn document(text: String) -> String {
    if !text
        .chars()
        .any(|c| is_hidden(c) && !matches!(c, '\n' | '\t'))
    {
        return text;
    }
    text.chars()
        .filter(|&c| matches!(c, '\n' | '\t') || !is_hidden(c))
        .collect()
}

/// The text with each hidden character shown as a Rust-style escape (`\u{202e}`), for
/// quoting refused input back to the user.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// The first hidden character of `text`, if any.
pub fn first_hidden(text: &str) -> Option<char> {
    text.chars().find(|&c| is_hidden(c))
}

/// One Markdown inline text: [`line`], then `\`, `|`, `<`, `[` and `]` escaped, so that
/// it never forms a link (of any scheme), raw HTML or a new table cell.
pub fn markdown(text: &str) -> String {
    let text = line(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '|' | '<' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether a spreadsheet would run the cell as a formula: after any leading whitespace
/// (spaces, tabs, line breaks, U+3000) its first character is `=`, `+`, `-` or `@`, or
/// their full-width forms `＝ ＋ － ＠`; a cell that starts with a tab or CR counts too.
/// A plain number (`-5`, `+1.5`, `-2e3`) is a number, not a formula.
pub fn is_formula(cell: &str) -> bool {
    if cell.starts_with(['\t', '\r']) {
        return true;
    }
    let rest = cell.trim_start_matches([' ', '\t', '\n', '\r', '\u{3000}']);
    rest.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']) && !is_number(cell)
}

/// A plain decimal number: optional sign, digits with an optional fraction, optional
/// exponent. Nothing else (no spaces, no `inf`, no `0x`).
pub fn is_number(cell: &str) -> bool {
    let s = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(at) => (&s[..at], Some(&s[at + 1..])),
        None => (s, None),
    };
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => digits(int) && (frac.is_empty() || digits(frac)),
        None => digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
}

/// One CSV cell: [`line`], then, when `guard` is on and the cell [`is_formula`], a
/// leading `'` that makes a spreadsheet take it as text.
pub fn csv_cell(cell: &str, guard: bool) -> String {
    let cell = line(cell);
    if guard && is_formula(&cell) {
        format!("'{cell}")
    } else {
        cell.into_owned()
    }
}

/// Pretty JSON (two-space indent, as `serde_json::to_string_pretty`) in which every
/// hidden character inside a string is written as a `\uXXXX` escape: the same data,
/// and nothing that a terminal would act on.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut out,
        Safe(serde_json::ser::PrettyFormatter::new()),
    );
    value
        .serialize(&mut serializer)
        .expect("a value of the crate's own types always serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Like [`json`], to a writer, compact (one line) or pretty.
pub fn json_to_writer<W: io::Write, T: serde::Serialize + ?Sized>(
    writer: W,
    value: &T,
    pretty: bool,
) -> io::Result<()> {
    let result = if pretty {
        let mut s = serde_json::Serializer::with_formatter(
            writer,
            Safe(serde_json::ser::PrettyFormatter::new()),
        );
        value.serialize(&mut s)
    } else {
        let mut s =
            serde_json::Serializer::with_formatter(writer, Safe(serde_json::ser::CompactFormatter));
        value.serialize(&mut s)
    };
    result.map_err(io::Error::from)
}

/// A JSON formatter that escapes hidden characters and otherwise defers to the inner one.
struct Safe<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if is_hidden(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{1b}[31mb\u{9b}31mc\u{9d}0;t\u{9c}d\u{202e}e\u{2066}f\u{2069}g\u{200b}h\u{feff}i\u{7f}j";

    #[test]
    fn line_removes_every_hidden_character_and_folds_breaks() {
        assert_eq!(line(HOSTILE), "a[31mb31mc0;tdefghij");
        assert_eq!(line("one\ntwo\tthree\u{2028}four"), "one two three four");
        assert!(matches!(line("plain 中文"), Cow::Borrowed(_)));
    }

    #[test]
    fn escaped_shows_what_was_there() {
        assert_eq!(escaped("x\u{202e}y\u{1b}"), "x\\u{202e}y\\u{1b}");
    }

    #[test]
    fn document_keeps_its_layout_only() {
        assert_eq!(document("a\n\tb\u{1b}\u{9b}\r".into()), "a\n\tb");
    }

    #[test]
    fn markdown_text_never_forms_a_link_or_a_tag() {
        assert_eq!(
            markdown("[l](javascript:alert(1)) <b> a|b \\[x](data:y)"),
            "\\[l\\](javascript:alert(1)) \\<b> a\\|b \\\\\\[x\\](data:y)"
        );
    }

    #[test]
    fn formulas_are_guarded_and_numbers_are_not() {
        for (cell, expected) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1+A1", "'+1+A1"),
            ("-2-A1", "'-2-A1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("＝1+1", "'＝1+1"),
            ("＋1", "'＋1"),
            ("－1", "'－1"),
            ("＠A1", "'＠A1"),
            ("  =1+1", "'  =1+1"),
            ("\u{3000}=1", "'\u{3000}=1"),
            ("-5", "-5"),
            ("+1.5", "+1.5"),
            ("-2e3", "-2e3"),
            ("-0.25", "-0.25"),
            ("-inf", "'-inf"),
            ("fine = ok", "fine = ok"),
            ("整改", "整改"),
        ] {
            assert_eq!(csv_cell(cell, true), expected, "{cell:?}");
        }
        assert_eq!(csv_cell("=1+1", false), "=1+1");
        // Tabs and CR are folded to spaces by `line` first; a leading space then guards.
        assert_eq!(csv_cell("\t=x", true), "' =x");
    }

    #[test]
    fn json_escapes_hidden_characters_and_stays_the_same_data() {
        let value = serde_json::json!({ "s": HOSTILE, "n": [1, 2.5] });
        let text = json(&value);
        assert!(!text.chars().any(|c| is_hidden(c) && c != '\n'), "{text}");
        assert!(text.contains("\\u009b") && text.contains("\\u202e") && text.contains("\\u001b"));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
        let plain = serde_json::json!({ "a": [1, { "b": "c" }], "d": null });
        assert_eq!(json(&plain), serde_json::to_string_pretty(&plain).unwrap());
        let mut compact = Vec::new();
        json_to_writer(&mut compact, &value, false).unwrap();
        assert!(!String::from_utf8(compact).unwrap().contains('\n'));
    }
}
