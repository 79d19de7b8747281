//! One error type for everything that stops a command, and the exit codes.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::i18n::Message;
use crate::locale::Lang;
use crate::msg;

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
    /// The process exit status.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::Problems => 1,
            Outcome::Incomplete => 3,
            Outcome::Interrupted => 130,
        }
    }

    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(self.code())
    }
}

/// What stopped a command. Its text is localised ([`Error::message`]); `Display`
/// gives the English text.
#[derive(Debug)]
pub enum Error {
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    NotFound {
        path: PathBuf,
    },
    /// Each path was already named on stderr.
    Unreadable {
        count: usize,
    },
    TemplateNotFound {
        name: String,
    },
    /// The template's problems were already rendered to stderr.
    TemplateInvalid {
        origin: String,
        count: usize,
    },
    /// A waiver or sites file's problems were already rendered to stderr.
    RegisterInvalid {
        path: PathBuf,
        count: usize,
    },
    /// The answers file's problems were already rendered to stderr.
    AnswersInvalid {
        path: PathBuf,
        count: usize,
    },
    Usage(Message),
    /// The team store (PostgreSQL) failed or refused; the message names the server,
    /// never a password.
    Database(Message),
    Draft {
        path: PathBuf,
        reason: Message,
    },
    Report {
        path: PathBuf,
        reason: Message,
    },
    Output(std::io::Error),
    /// A FIFO, a device, a socket or a directory where a file is expected.
    NotAFile {
        path: PathBuf,
        /// `fifo`, `device`, `socket`, `directory` or `other`.
        kind: &'static str,
    },
    /// A file over its limit (bytes); nothing of it past the limit was read.
    TooLarge {
        path: PathBuf,
        limit: u64,
    },
    NotUtf8 {
        path: PathBuf,
        at: usize,
    },
    /// A directory of `/proc`, `/sys` or `/dev`.
    SpecialFilesystem {
        path: PathBuf,
    },
    /// The report `run` would write is over the report limit; the draft is kept.
    ReportTooLarge {
        size: u64,
        limit: u64,
    },
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Self {
        Error::Output(error)
    }
}

impl Error {
    pub fn usage(message: Message) -> Self {
        Error::Usage(message)
    }

    /// The process exit status: 1 for an invalid template, answers, waiver or sites
    /// file, else 2.
    pub fn code(&self) -> u8 {
        match self {
            Error::TemplateInvalid { .. }
            | Error::AnswersInvalid { .. }
            | Error::RegisterInvalid { .. } => 1,
            _ => 2,
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.code())
    }

    /// The message, to be shown in the interface language.
    pub fn message(&self) -> Message {
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            Error::Read { path: p, source } => {
                msg!("error-read", path = path(p), reason = source.to_string())
            }
            Error::Write { path: p, source } => {
                msg!("error-write", path = path(p), reason = source.to_string())
            }
            Error::NotFound { path: p } => msg!("error-not-found", path = path(p)),
            Error::Unreadable { count } => msg!("error-unreadable", count = *count),
            Error::TemplateNotFound { name } => msg!("error-template-not-found", name = name),
            Error::TemplateInvalid { origin, count } => {
                msg!("error-template-invalid", origin = origin, count = *count)
            }
            Error::AnswersInvalid { path: p, count } => {
                msg!("error-answers-invalid", path = path(p), count = *count)
            }
            Error::RegisterInvalid { path: p, count } => {
                msg!("error-register-invalid", path = path(p), count = *count)
            }
            Error::Usage(message) | Error::Database(message) => message.clone(),
            Error::Draft { path: p, reason } => {
                msg!("error-draft", path = path(p)).with_detail(reason.clone())
            }
            Error::Report { path: p, reason } => {
                msg!("error-report", path = path(p)).with_detail(reason.clone())
            }
            Error::Output(source) => msg!("error-output", reason = source.to_string()),
            Error::NotAFile { path: p, kind } => {
                msg!("error-not-a-file", path = path(p), kind = *kind)
            }
            Error::TooLarge { path: p, limit } => msg!(
                "error-too-large",
                path = path(p),
                limit = crate::store::limits::mib(*limit)
            ),
            Error::NotUtf8 { path: p, at } => msg!("error-not-utf8", path = path(p), at = *at),
            Error::SpecialFilesystem { path: p } => {
                msg!("error-special-filesystem", path = path(p))
            }
            Error::ReportTooLarge { size, limit } => msg!(
                "error-report-too-large",
                size = crate::store::limits::mib(*size),
                limit = crate::store::limits::mib(*limit)
            ),
        }
    }

    /// `error: …` in the interface language.
    pub fn render(&self, lang: Lang) -> String {
        let style = anstyle::Style::new()
            .bold()
            .fg_color(Some(anstyle::AnsiColor::Red.into()));
        format!(
            "{style}{}{style:#}: {}",
            lang.text("diagnostic-error"),
            lang.format(&self.message())
        )
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.format(&self.message()))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::Write { source, .. } | Error::Output(source) => {
                Some(source)
            }
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
