//! opscheck: operations-role inspections from a TOML checklist.
//!
//! The library never prints: every command takes its input and output handles in
//! [`Io`], so that tests drive it without a process.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod action;
pub mod answer;
pub mod answer_file;
pub mod cli;
pub mod clock;
mod commands;
pub mod condition;
mod db;
pub mod diagnostic;
pub mod digest;
mod error;
pub mod evidence;
mod files;
pub mod i18n;
pub mod interrupt;
pub mod journal;
mod listing;
pub mod locale;
pub mod progress;
pub mod register;
pub mod render;
pub mod report;
pub mod rollup;
pub mod scoring;
pub mod session;
pub mod sheet;
pub mod signature;
pub mod site;
mod store;
pub mod summary;
mod table;
pub mod template;
pub mod text;
pub mod waiver;
pub mod xlsform;

use std::io::{BufRead, Write};

pub use error::{Error, Outcome, Result};

/// The handles and facts of the process a command runs in.
pub struct Io<'a> {
    pub stdin: &'a mut dyn BufRead,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Whether stdin and stderr are terminals: the run asks with single keys.
    pub interactive: bool,
    /// Whether stdout is a terminal: binary output (xlsx) is refused there.
    pub stdout_terminal: bool,
    /// Where long commands report their progress.
    pub progress: &'a dyn progress::Progress,
}

/// Settings resolved from the command line and the environment by the binary.
#[derive(Debug, Clone)]
pub struct Env {
    /// `--lang`, else the locale.
    pub lang: locale::Lang,
    /// `--quiet`: only what was asked for.
    pub quiet: bool,
    /// `--verbose`: say more.
    pub verbose: bool,
    /// What "now" is: the system clock, or fixed by `OPSCHECK_NOW`.
    pub clock: clock::Clock,
    /// Whether `--lang` was given: then documents (a report, its HTML) are rendered in
    /// it too, else in their own language.
    pub lang_given: bool,
}

impl Env {
    /// The language to render a document written in `tag` (a template's language):
    /// its own when opscheck speaks it, unless `--lang` was given.
    pub fn document_lang(&self, tag: &str) -> locale::Lang {
        match locale::Lang::from_tag(tag) {
            Some(own) if !self.lang_given => own,
            _ => self.lang,
        }
    }
}

/// Runs one parsed command line.
pub fn run(cli: cli::Cli, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    run_with(cli, env, io, &interrupt::Interrupt::default())
}

/// Runs one parsed command line; signals reach it through `interrupt`.
pub fn run_with(
    cli: cli::Cli,
    env: &Env,
    io: &mut Io<'_>,
    interrupt: &interrupt::Interrupt,
) -> Result<Outcome> {
    match cli.command {
        cli::Command::Run(args) => commands::run_inspection(&args, env, io, interrupt),
        command => commands::execute(command, env, io),
    }
}
