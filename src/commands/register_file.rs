//! Reading `waivers.toml` and `sites.toml` for a command: problems rendered as
//! PATH:LINE:COL on stderr, then an error that exits 1.

use std::io::Write;
use std::path::Path;

use super::source;
use crate::diagnostic::{Lines, Problem};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::locale::Lang;
use crate::site::{self, Site};
use crate::template::Template;
use crate::waiver::{self, Waiver};

/// A template by id (`checklists/ID.toml` or built in), without a word on stderr.
pub(crate) fn template(id: &str, lang: Lang) -> Option<Template> {
    if !crate::template::is_id(id) {
        return None;
    }
    source::load(Some(id), lang, &mut std::io::sink())
        .ok()
        .map(|l| l.template)
}

/// Checks a register's text as `validate` does; returns the problems and the number
/// of entries read.
pub(crate) fn check(kind: crate::register::Kind, text: &str, lang: Lang) -> (Vec<Problem>, usize) {
    match kind {
        crate::register::Kind::Waivers => {
            let (waivers, problems) = waiver::read(text, &|id| template(id, lang));
            (problems, waivers.len())
        }
        crate::register::Kind::Sites => {
            let (sites, problems) = site::read(text, &|id| template(id, lang).is_some());
            (problems, sites.len())
        }
    }
}

fn render<T>(
    path: &Path,
    text: &str,
    (found, problems): (Vec<T>, Vec<Problem>),
    lang: Lang,
    stderr: &mut dyn Write,
) -> Result<Vec<T>> {
    let lines = Lines::new(text);
    let display = path.display().to_string();
    for problem in &problems {
        writeln!(stderr, "{}", lines.render(&display, problem, lang)).on_stderr()?;
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    if errors > 0 {
        return Err(Error::RegisterInvalid {
            path: path.to_owned(),
            count: errors,
        });
    }
    Ok(found)
}

/// The waivers of a file.
pub(crate) fn waivers(path: &Path, lang: Lang, stderr: &mut dyn Write) -> Result<Vec<Waiver>> {
    let text = source::read_utf8(path)?;
    let read = waiver::read(&text, &|id| template(id, lang));
    render(path, &text, read, lang, stderr)
}

/// The sites of a file.
pub(crate) fn sites(path: &Path, lang: Lang, stderr: &mut dyn Write) -> Result<Vec<Site>> {
    let text = source::read_utf8(path)?;
    let read = site::read(&text, &|id| template(id, lang).is_some());
    render(path, &text, read, lang, stderr)
}

/// The end of a span such as `30d` or `2w` from `today`.
pub(crate) fn span_end(today: chrono::NaiveDate, span: &str) -> Result<chrono::NaiveDate> {
    site::parse_every(span)
        .map(|c| c.next_after(today))
        .ok_or_else(|| Error::usage(crate::msg!("register-bad-span", value = span)))
}
