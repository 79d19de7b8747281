//! `opscheck man`: a manual page per command, from clap's own description of it, with
//! the EXIT STATUS, ENVIRONMENT and EXAMPLES that `--help` gives in its epilogue.

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::{Io, Outcome, msg};

/// Variables every command reads, besides those of its own options.
const ENVIRONMENT: [(&str, &str); 3] = [
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "The interface language when --lang is not given, in this order: a value starting \
         with zh gives Simplified Chinese, any other English.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour in --color auto.",
    ),
    (
        "CLICOLOR_FORCE",
        "When set and not 0, colour in --color auto even when the output is not a terminal.",
    ),
];

pub(crate) fn execute(args: &ManArgs, io: &mut Io<'_>) -> Result<Outcome> {
    let mut root = Cli::command();
    root.build();
    if let Some(dir) = &args.out {
        let pages = all_pages(&root)?;
        for (name, _) in &pages {
            let path = dir.join(name);
            if path.symlink_metadata().is_ok() {
                return Err(Error::usage(msg!(
                    "man-exists",
                    path = path.display().to_string()
                )));
            }
        }
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.clone(),
            source,
        })?;
        for (name, roff) in &pages {
            let path = dir.join(name);
            super::report_store::persist_new(dir, &path, roff.as_bytes())
                .map_err(|source| Error::Write { path, source })?;
        }
        return Ok(Outcome::Success);
    }
    let mut command = &root;
    for name in &args.command {
        command = command.find_subcommand(name).ok_or_else(|| {
            let names: Vec<&str> = command
                .get_subcommands()
                .map(clap::Command::get_name)
                .filter(|n| *n != "help")
                .collect();
            Error::usage(msg!(
                "man-unknown",
                name = name.as_str(),
                names = names.join(", ")
            ))
        })?;
    }
    io.stdout
        .write_all(page(command, args.command.is_empty())?.as_bytes())
        .on_stdout()?;
    Ok(Outcome::Success)
}

/// `(file name, roff)` of the main page and of every command below it.
fn all_pages(root: &clap::Command) -> Result<Vec<(String, String)>> {
    fn walk(command: &clap::Command, top: bool, out: &mut Vec<(String, String)>) -> Result<()> {
        let name = command
            .get_display_name()
            .unwrap_or_else(|| command.get_name());
        out.push((format!("{name}.1"), page(command, top)?));
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, false, out)?;
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(root, true, &mut out)?;
    Ok(out)
}

/// One page: clap_mangen's title, name, synopsis, description, options and
/// subcommands; then the epilogue of `--help` split into its sections.
fn page(command: &clap::Command, top: bool) -> Result<String> {
    let man = clap_mangen::Man::new(command.clone());
    let mut out: Vec<u8> = Vec::new();
    man.render_title(&mut out).on_stdout()?;
    man.render_name_section(&mut out).on_stdout()?;
    man.render_synopsis_section(&mut out).on_stdout()?;
    man.render_description_section(&mut out).on_stdout()?;
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out).on_stdout()?;
    }
    if command.has_subcommands() {
        man.render_subcommands_section(&mut out).on_stdout()?;
    }
    let epilogue = command
        .get_after_long_help()
        .map(ToString::to_string)
        .unwrap_or_default();
    let blocks = Blocks::parse(&epilogue);
    let mut text = String::from_utf8(out)
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidData))
        .on_stdout()?;
    for prose in &blocks.prose {
        text.push_str(".SH NOTES\n");
        for paragraph in prose.split("\n\n") {
            text.push_str(".PP\n");
            text.push_str(&escape(&paragraph.replace('\n', " ")));
            text.push('\n');
        }
    }
    for (title, lines) in &blocks.other {
        text.push_str(&format!(".SH {}\n.nf\n", escape(&title.to_uppercase())));
        for line in lines {
            text.push_str(&escape(line.trim_start()));
            text.push('\n');
        }
        text.push_str(".fi\n");
    }
    text.push_str(".SH \"EXIT STATUS\"\n");
    for (code, meaning) in &blocks.exit_codes {
        text.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            escape(code),
            escape(meaning)
        ));
    }
    text.push_str(".SH ENVIRONMENT\n");
    let mut own: Vec<(String, String)> = Vec::new();
    collect_env(command, &mut own);
    for (name, help) in own
        .iter()
        .map(|(n, h)| (n.as_str(), h.as_str()))
        .chain(ENVIRONMENT.iter().copied())
    {
        text.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            escape(name),
            escape(help)
        ));
    }
    text.push_str(".SH EXAMPLES\n");
    for (example, comment) in &blocks.examples {
        text.push_str(&format!(".TP\n\\fB{}\\fR\n", escape(example)));
        if !comment.is_empty() {
            text.push_str(&escape(comment));
            text.push('\n');
        }
    }
    text.push_str(".SH \"SEE ALSO\"\n");
    if top {
        let pages: Vec<String> = command
            .get_subcommands()
            .filter(|s| s.get_name() != "help")
            .map(|s| format!("{}(1)", s.get_display_name().unwrap_or(s.get_name())))
            .collect();
        text.push_str(&escape(&pages.join(", ")));
    } else {
        text.push_str("opscheck(1)");
    }
    text.push('\n');
    Ok(text)
}

/// The variables the command's own options read (`--inspector` from
/// `OPSCHECK_INSPECTOR`), with their help.
fn collect_env(command: &clap::Command, out: &mut Vec<(String, String)>) {
    for arg in command.get_arguments() {
        if let Some(name) = arg.get_env() {
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            let long = arg
                .get_long()
                .map(|l| format!(" (--{l})"))
                .unwrap_or_default();
            out.push((name.to_string_lossy().into_owned(), format!("{help}{long}")));
        }
    }
}

/// The epilogue of `--help`, cut at its headings (`Examples:`, `Exit codes:`, …).
#[derive(Debug, Default, PartialEq)]
struct Blocks {
    /// Paragraphs before the first heading.
    prose: Vec<String>,
    /// `(command, what it does)`.
    examples: Vec<(String, String)>,
    exit_codes: Vec<(String, String)>,
    /// Any other heading, its lines as written.
    other: Vec<(String, Vec<String>)>,
}

impl Blocks {
    fn parse(text: &str) -> Blocks {
        let mut blocks = Blocks::default();
        let mut heading: Option<String> = None;
        let mut lines: Vec<&str> = Vec::new();
        let flush = |heading: &Option<String>, lines: &mut Vec<&str>, blocks: &mut Blocks| {
            let body = std::mem::take(lines);
            match heading.as_deref() {
                None => {
                    let prose = body.join("\n").trim().to_owned();
                    if !prose.is_empty() {
                        blocks.prose.push(prose);
                    }
                }
                Some("Examples") => blocks.examples.extend(examples(&body)),
                Some("Exit codes") => {
                    for line in body.iter().filter(|l| !l.trim().is_empty()) {
                        let line = line.trim();
                        let (code, meaning) = line.split_once(' ').unwrap_or((line, ""));
                        blocks
                            .exit_codes
                            .push((code.to_owned(), meaning.trim().to_owned()));
                    }
                }
                Some(other) => blocks.other.push((
                    other.to_owned(),
                    body.iter()
                        .filter(|l| !l.trim().is_empty())
                        .map(|l| (*l).to_owned())
                        .collect(),
                )),
            }
        };
        for line in text.lines() {
            let is_heading = !line.starts_with(' ')
                && line.ends_with(':')
                && !line.contains(". ")
                && line.len() < 40;
            if is_heading {
                flush(&heading, &mut lines, &mut blocks);
                heading = Some(line.trim_end_matches(':').to_owned());
            } else {
                lines.push(line);
            }
        }
        flush(&heading, &mut lines, &mut blocks);
        blocks
    }
}

/// Example lines: `  opscheck …   what it does`, a command continued with `\` on the
/// next lines.
fn examples(lines: &[&str]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut continued = false;
    for line in lines.iter().filter(|l| !l.trim().is_empty()) {
        let line = line.trim();
        let next_continues = line.ends_with('\\');
        let line = line.trim_end_matches('\\').trim_end();
        if continued && let Some((command, _)) = out.last_mut() {
            command.push(' ');
            command.push_str(line);
        } else {
            let (command, comment) = match line.find("   ") {
                Some(at) => (line[..at].trim_end(), line[at..].trim()),
                None => (line, ""),
            };
            out.push((command.to_owned(), comment.to_owned()));
        }
        continued = next_continues;
    }
    out
}

/// Text as roff: backslashes and hyphens escaped, no line taken for a request.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with('.') || text.starts_with('\'') {
        format!("\\&{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epilogues_split_into_sections() {
        let blocks = Blocks::parse(
            "Some prose\nabout it.\n\nExamples:\n  opscheck run   one\n  opscheck run \\\n      --x\n\nExit codes:\n  0    ok\n  2    usage\n\nInstall:\n  bash  a > b",
        );
        assert_eq!(blocks.prose, ["Some prose\nabout it."]);
        assert_eq!(
            blocks.examples,
            [
                ("opscheck run".to_owned(), "one".to_owned()),
                ("opscheck run --x".to_owned(), String::new())
            ]
        );
        assert_eq!(
            blocks.exit_codes,
            [
                ("0".to_owned(), "ok".to_owned()),
                ("2".to_owned(), "usage".to_owned())
            ]
        );
        assert_eq!(
            blocks.other,
            [("Install".to_owned(), vec!["  bash  a > b".to_owned()])]
        );
    }
}
