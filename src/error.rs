//! One error type for everything that stops a command, and the exit codes.

use std::path::PathBuf;
use std::process::ExitCode;

/// How a command ended when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done, nothing wrong.
    Success,
    /// Done, and problems were found: an invalid template, a failed gate.
    Problems,
    /// The inspection stopped before the last item; progress is saved.
    Incomplete,
    /// Interrupted (Ctrl-C); progress is saved.
    Interrupted,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(match self {
            Outcome::Success => 0,
            Outcome::Problems => 1,
            Outcome::Incomplete => 3,
            Outcome::Interrupted => 130,
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read `{}`: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("`{}` does not exist", path.display())]
    NotFound { path: PathBuf },

    /// Each path was already named on stderr.
    #[error("{count} path(s) could not be read")]
    Unreadable { count: usize },

    #[error("no template `{name}`: it is not a file, a template in `checklists/`, or a built-in")]
    TemplateNotFound { name: String },

    /// The template's problems were already rendered to stderr.
    #[error(
        "template `{origin}` has {count} error(s); run `opscheck validate {origin}` for details"
    )]
    TemplateInvalid { origin: String, count: usize },

    /// The answers file's problems were already rendered to stderr.
    #[error("answers file `{}` has {count} error(s)", path.display())]
    AnswersInvalid { path: PathBuf, count: usize },

    #[error("{message}")]
    Usage { message: String },

    #[error("the draft `{}` is unreadable: {reason}", path.display())]
    Draft { path: PathBuf, reason: String },

    #[error("cannot write to the terminal: {0}")]
    Output(#[from] std::io::Error),
}

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::TemplateInvalid { .. } | Error::AnswersInvalid { .. } => ExitCode::from(1),
            _ => ExitCode::from(2),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
