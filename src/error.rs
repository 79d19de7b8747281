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
    /// No report, or more than one, in the team store has the reference given.
    NotStored(Message),
    Draft {
        path: PathBuf,
        reason: Message,
    },
    Report {
        path: PathBuf,
        reason: Message,
    },
    /// Writing the command's output (stdout) failed.
    Stdout {
        source: std::io::Error,
    },
    /// Writing a message to stderr failed.
    Stderr {
        source: std::io::Error,
    },
    /// Reading the answers from standard input failed (line mode).
    Input {
        source: std::io::Error,
    },
    /// Reading keys from, or drawing on, the terminal failed.
    Terminal {
        source: std::io::Error,
    },
    /// A workbook could not be assembled.
    Workbook {
        reason: String,
    },
    /// Every name a new draft could take in `dir` is taken.
    DraftNamesTaken {
        dir: PathBuf,
    },
    /// Every name a report could take in `dir` is taken.
    ReportNamesTaken {
        dir: PathBuf,
    },
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
                msg!("error-read", path = path(p)).with_detail(io_reason(source))
            }
            Error::Write { path: p, source } => {
                msg!("error-write", path = path(p)).with_detail(io_reason(source))
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
            Error::Usage(message) | Error::Database(message) | Error::NotStored(message) => {
                message.clone()
            }
            Error::Draft { path: p, reason } => {
                msg!("error-draft", path = path(p)).with_detail(reason.clone())
            }
            Error::Report { path: p, reason } => {
                msg!("error-report", path = path(p)).with_detail(reason.clone())
            }
            Error::Stdout { source } => msg!("error-stdout").with_detail(io_reason(source)),
            Error::Stderr { source } => msg!("error-stderr").with_detail(io_reason(source)),
            Error::Terminal { source } => msg!("error-terminal").with_detail(io_reason(source)),
            Error::Input { source } => msg!("error-input").with_detail(io_reason(source)),
            Error::Workbook { reason } => msg!("error-workbook", reason = reason),
            Error::DraftNamesTaken { dir } => msg!("error-draft-names-taken", path = path(dir)),
            Error::ReportNamesTaken { dir } => msg!("error-report-names-taken", path = path(dir)),
            Error::NotAFile { path: p, kind } => {
                msg!("error-not-a-file", path = path(p), kind = *kind)
            }
            Error::TooLarge { path: p, limit } => msg!(
                "error-too-large",
                path = path(p),
                limit = crate::i18n::mib(*limit)
            ),
            Error::NotUtf8 { path: p, at } => msg!("error-not-utf8", path = path(p), at = *at),
            Error::SpecialFilesystem { path: p } => {
                msg!("error-special-filesystem", path = path(p))
            }
            Error::ReportTooLarge { size, limit } => msg!(
                "error-report-too-large",
                size = crate::i18n::mib(*size),
                limit = crate::i18n::mib(*limit)
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
            Error::Read { source, .. }
            | Error::Write { source, .. }
            | Error::Stdout { source }
            | Error::Stderr { source }
            | Error::Terminal { source }
            | Error::Input { source } => Some(source),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Says which stream an I/O error happened on: there is no blanket conversion from
/// `io::Error`, so each `?` on a write names it.
pub(crate) trait Stream<T> {
    /// On stdout, the command's output.
    fn on_stdout(self) -> Result<T>;
    /// On stderr, where messages go.
    fn on_stderr(self) -> Result<T>;
    /// On the terminal the run is drawn on.
    fn on_terminal(self) -> Result<T>;
}

impl<T> Stream<T> for std::io::Result<T> {
    fn on_stdout(self) -> Result<T> {
        self.map_err(|source| Error::Stdout { source })
    }

    fn on_stderr(self) -> Result<T> {
        self.map_err(|source| Error::Stderr { source })
    }

    fn on_terminal(self) -> Result<T> {
        self.map_err(|source| Error::Terminal { source })
    }
}

/// Why an I/O operation failed, in the interface language: the common kinds have their
/// own message; any other keeps the system's text.
pub(crate) fn io_reason(error: &std::io::Error) -> Message {
    use std::io::ErrorKind;
    let key = match error.kind() {
        ErrorKind::NotFound => "io-not-found",
        ErrorKind::PermissionDenied => "io-permission-denied",
        ErrorKind::AlreadyExists => "io-already-exists",
        ErrorKind::BrokenPipe => "io-broken-pipe",
        ErrorKind::StorageFull => "io-storage-full",
        ErrorKind::ReadOnlyFilesystem => "io-read-only",
        ErrorKind::IsADirectory => "io-is-a-directory",
        ErrorKind::NotADirectory => "io-not-a-directory",
        ErrorKind::InvalidData => "io-invalid-data",
        ErrorKind::UnexpectedEof => "io-unexpected-eof",
        ErrorKind::Interrupted => "io-interrupted",
        ErrorKind::WouldBlock | ErrorKind::ResourceBusy => "io-busy",
        ErrorKind::QuotaExceeded => "io-quota",
        ErrorKind::FileTooLarge => "io-file-too-large",
        _ => return msg!("io-other", reason = error.to_string()),
    };
    Message::new(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{self, ErrorKind};

    /// One of every variant (the match makes a new variant fail to compile here until
    /// it is added), with every I/O kind that has a message of its own.
    fn every_error() -> Vec<Error> {
        let path = || PathBuf::from("/srv/reports/store-12.json");
        let io = |kind: ErrorKind| io::Error::from(kind);
        let mut all = vec![
            Error::NotFound { path: path() },
            Error::Unreadable { count: 3 },
            Error::TemplateNotFound {
                name: "audit".into(),
            },
            Error::TemplateInvalid {
                origin: "audit.toml".into(),
                count: 2,
            },
            Error::RegisterInvalid {
                path: path(),
                count: 1,
            },
            Error::AnswersInvalid {
                path: path(),
                count: 4,
            },
            Error::Usage(msg!("error-unreadable", count = 1_usize)),
            Error::Draft {
                path: path(),
                reason: msg!("draft-dir-not-a-directory"),
            },
            Error::Report {
                path: path(),
                reason: msg!("io-invalid-data"),
            },
            Error::NotAFile {
                path: path(),
                kind: "fifo",
            },
            Error::TooLarge {
                path: path(),
                limit: 64 << 20,
            },
            Error::NotUtf8 {
                path: path(),
                at: 17,
            },
            Error::SpecialFilesystem { path: path() },
            Error::ReportTooLarge {
                size: 70 << 20,
                limit: 64 << 20,
            },
            Error::Stdout {
                source: io(ErrorKind::BrokenPipe),
            },
            Error::Stderr {
                source: io(ErrorKind::StorageFull),
            },
            Error::Terminal {
                source: io(ErrorKind::UnexpectedEof),
            },
            Error::Input {
                source: io(ErrorKind::InvalidData),
            },
            Error::Workbook {
                reason: "worksheet".into(),
            },
            Error::Database(msg!("db-connection-lost", server = "127.0.0.1:5432")),
            Error::NotStored(msg!("db-report-unknown", digest = "sha256:00000000")),
            Error::NotStored(msg!(
                "db-report-ambiguous",
                prefix = "sha256:3f2a9c1b",
                count = 2_usize,
                listed = "`sha256:3f2a9c1b00` `a.json`\n  `sha256:3f2a9c1bff` `b.json`"
            )),
            Error::NotStored(msg!("db-report-no-subject", subject = "Store 12")),
            Error::NotStored(msg!(
                "db-report-no-day",
                subject = "Store 12",
                date = "2026-01-16",
                dates = "2026-03-05, 2026-01-15"
            )),
            Error::Usage(msg!(
                "db-report-reference",
                reference = "x.json",
                digits = 8_usize
            )),
            Error::Usage(msg!("db-no-signatures")),
            Error::Usage(msg!("db-history-dir", dir = "reports")),
            Error::DraftNamesTaken { dir: path() },
            Error::ReportNamesTaken { dir: path() },
        ];
        for kind in [
            ErrorKind::NotFound,
            ErrorKind::PermissionDenied,
            ErrorKind::AlreadyExists,
            ErrorKind::ReadOnlyFilesystem,
            ErrorKind::IsADirectory,
            ErrorKind::NotADirectory,
            ErrorKind::Interrupted,
            ErrorKind::WouldBlock,
            ErrorKind::ResourceBusy,
            ErrorKind::QuotaExceeded,
            ErrorKind::FileTooLarge,
        ] {
            all.push(Error::Read {
                path: path(),
                source: io(kind),
            });
        }
        all.push(Error::Write {
            path: path(),
            source: io(ErrorKind::PermissionDenied),
        });
        for e in &all {
            // Exhaustive: a new variant must be listed above.
            match e {
                Error::Read { .. }
                | Error::Write { .. }
                | Error::NotFound { .. }
                | Error::Unreadable { .. }
                | Error::TemplateNotFound { .. }
                | Error::TemplateInvalid { .. }
                | Error::RegisterInvalid { .. }
                | Error::AnswersInvalid { .. }
                | Error::Usage(_)
                | Error::Database(_)
                | Error::NotStored(_)
                | Error::Draft { .. }
                | Error::Report { .. }
                | Error::NotAFile { .. }
                | Error::TooLarge { .. }
                | Error::NotUtf8 { .. }
                | Error::SpecialFilesystem { .. }
                | Error::ReportTooLarge { .. }
                | Error::Stdout { .. }
                | Error::Stderr { .. }
                | Error::Terminal { .. }
                | Error::Input { .. }
                | Error::Workbook { .. }
                | Error::DraftNamesTaken { .. }
                | Error::ReportNamesTaken { .. } => {}
            }
        }
        all
    }

    /// The Chinese text of every error has no English word: what is left after the
    /// arguments, code in backticks and the names that stay as they are (opscheck,
    /// MiB, UTF-8, FIFO) is Chinese and punctuation.
    #[test]
    fn every_error_reads_in_both_languages() {
        let names = ["opscheck", "MiB", "UTF-8", "FIFO", "/proc", "/sys", "/dev"];
        for error in every_error() {
            let en = Lang::En.format(&error.message());
            let zh = Lang::ZhCn.format(&error.message());
            assert!(!en.is_empty() && !en.contains("{ $"), "{error:?}: {en}");
            assert_ne!(en, zh, "{error:?} is not translated");
            let mut rest = zh.replace("/srv/reports/store-12.json", "");
            for name in names.iter().chain(&["audit.toml", "audit", "worksheet"]) {
                rest = rest.replace(name, "");
            }
            let mut plain = String::new();
            for (i, part) in rest.split('`').enumerate() {
                if i % 2 == 0 {
                    plain.push_str(part);
                }
            }
            let english: Vec<&str> = plain
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 2)
                .collect();
            assert!(english.is_empty(), "{error:?}: English {english:?} in {zh}");
        }
    }

    /// An I/O error says what happened in the interface language, not the system's
    /// English; a kind without a message of its own keeps the system's text.
    #[test]
    fn io_errors_are_told_in_the_interface_language() {
        let error = Error::Read {
            path: PathBuf::from("x.json"),
            source: io::Error::from_raw_os_error(2),
        };
        assert_eq!(
            Lang::ZhCn.format(&error.message()),
            "无法读取 `x.json`：文件或目录不存在"
        );
        assert_eq!(
            Lang::En.format(&error.message()),
            "cannot read `x.json`: no such file or directory"
        );
        let odd = io::Error::other("odd");
        assert_eq!(Lang::En.format(&io_reason(&odd)), "odd");
    }
}
