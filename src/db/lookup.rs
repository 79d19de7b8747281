//! Single reports in the team store, by reference: a digest (`sha256:HEX`, or a
//! prefix of at least 8 hex digits that only one report has) or `SUBJECT@YYYY-MM-DD`
//! (that subject's latest inspection of the day, by `finished_at`). What comes back is
//! the file that was pushed: its stored path and its exact bytes, read by the code
//! that reads report files, so that `report`, `diff`, `explain` and `verify` over the
//! store print what they print over the files.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::connection::describe;
use super::target::Target;
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::report::Report;
use crate::{Env, Io, msg};

/// The fewest hex digits a digest prefix may have.
pub(crate) const MIN_PREFIX: usize = 8;

/// At most this many candidates are named when a reference matches several.
const LISTED: usize = 10;

/// At most this many other reports of the day are named in the note.
const NOTED: usize = 3;

/// What a user typed to name one stored report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reference {
    /// `sha256:` and the 64 hex digits, as the report stores it.
    Digest(String),
    /// `sha256:` and 8 to 63 hex digits.
    Prefix(String),
    /// The latest inspection of `subject` on `date`.
    Day { subject: String, date: NaiveDate },
}

impl Reference {
    /// Reads a reference given on the command line (a positional REPORT with `--db`).
    pub(crate) fn parse(given: &Path) -> Result<Self> {
        let text = given.to_string_lossy();
        let hex = text.strip_prefix("sha256:").unwrap_or(&text);
        if (MIN_PREFIX..=64).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let digest = format!("sha256:{}", hex.to_ascii_lowercase());
            return Ok(if hex.len() == 64 {
                Reference::Digest(digest)
            } else {
                Reference::Prefix(digest)
            });
        }
        if let Some((subject, date)) = text.rsplit_once('@')
            && !subject.is_empty()
            && let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        {
            return Ok(Reference::Day {
                subject: subject.to_owned(),
                date,
            });
        }
        Err(Error::usage(msg!(
            "db-report-reference",
            reference = text.as_ref(),
            digits = MIN_PREFIX
        )))
    }
}

/// A report read from the store.
pub(crate) struct Found {
    /// The path it was pushed from, relative to the folder pushed.
    pub path: PathBuf,
    pub report: Report,
    /// The stored bytes, as text.
    pub text: String,
}

/// A connection to the store, for looking reports up.
pub(crate) struct Store {
    client: postgres::Client,
    target: Target,
}

impl Store {
    /// Connects to the store at `url` (`""`: from the environment), schema checked.
    pub(crate) fn open(url: &str) -> Result<Self> {
        let (client, target) = super::open((!url.is_empty()).then_some(url))?;
        Ok(Store { client, target })
    }

    fn fail(&self) -> impl Fn(postgres::Error) -> Error + '_ {
        |e| Error::Database(describe(&e, &self.target))
    }

    /// The one report `reference` names. When a `SUBJECT@DATE` names several, the
    /// latest is taken and the others are named in a note on stderr (unless `--quiet`).
    pub(crate) fn find(
        &mut self,
        reference: &Reference,
        env: &Env,
        io: &mut Io<'_>,
    ) -> Result<Found> {
        let rows = self.matching(reference)?;
        let Some(first) = rows.first() else {
            return Err(self.unknown(reference)?);
        };
        if rows.len() > 1 && !env.quiet {
            let mut others = rows[1..]
                .iter()
                .take(NOTED)
                .map(|row| row.get::<_, &str>(1))
                .collect::<Vec<_>>()
                .join(", ");
            if rows.len() - 1 > NOTED {
                others.push_str(", …");
            }
            let note = msg!(
                "db-report-latest",
                count = rows.len(),
                digest = first.get::<_, &str>(1),
                others = others
            );
            writeln!(io.stderr, "{}", env.lang.format(&note)).on_stderr()?;
        }
        read(first.get(0), first.get(2))
    }

    /// The rows (path, digest, bytes) `reference` names, the one to take first; an
    /// ambiguous prefix is an error listing its candidates.
    fn matching(&mut self, reference: &Reference) -> Result<Vec<postgres::Row>> {
        Ok(match reference {
            Reference::Digest(digest) => self
                .client
                .query(
                    "SELECT path, digest, bytes FROM opscheck.reports WHERE digest = $1",
                    &[digest],
                )
                .map_err(self.fail())?,
            Reference::Prefix(prefix) => {
                // Hex digits need no escaping in LIKE. The primary key serves it as a
                // range only under the C collation; else the table is scanned (about
                // 90 ms at 100,000 reports), which keeps the answer right whatever the
                // collation orders.
                let like = format!("{prefix}%");
                let limit = LISTED as i64 + 1;
                let rows = self
                    .client
                    .query(
                        "SELECT path, digest FROM opscheck.reports WHERE digest LIKE $1 \
                         ORDER BY digest LIMIT $2",
                        &[&like, &limit],
                    )
                    .map_err(self.fail())?;
                if rows.len() > 1 {
                    let listed = rows
                        .iter()
                        .take(LISTED)
                        .map(|row| {
                            let (path, digest) = (row.get::<_, &str>(0), row.get::<_, &str>(1));
                            format!("`{digest}` `{path}`")
                        })
                        .collect::<Vec<_>>()
                        .join("\n  ");
                    return Err(Error::NotStored(msg!(
                        "db-report-ambiguous",
                        prefix = prefix.as_str(),
                        count = rows.len(),
                        listed = listed
                    )));
                }
                match rows.first() {
                    Some(row) => self
                        .client
                        .query(
                            "SELECT path, digest, bytes FROM opscheck.reports WHERE digest = $1",
                            &[&row.get::<_, &str>(1)],
                        )
                        .map_err(self.fail())?,
                    None => Vec::new(),
                }
            }
            Reference::Day { subject, date } => self
                .client
                .query(
                    "SELECT path, digest, bytes FROM opscheck.reports \
                     WHERE subject = $1 AND date = $2 ORDER BY finished_at DESC, digest",
                    &[subject, date],
                )
                .map_err(self.fail())?,
        })
    }

    /// Why nothing matched `reference`, with what to do.
    fn unknown(&mut self, reference: &Reference) -> Result<Error> {
        let message = match reference {
            Reference::Digest(digest) | Reference::Prefix(digest) => {
                msg!("db-report-unknown", digest = digest.as_str())
            }
            Reference::Day { subject, date } => {
                let dates: Vec<String> = self
                    .client
                    .query(
                        "SELECT DISTINCT date FROM opscheck.reports WHERE subject = $1 \
                         ORDER BY date DESC LIMIT 5",
                        &[subject],
                    )
                    .map_err(self.fail())?
                    .iter()
                    .map(|row| row.get::<_, NaiveDate>(0).to_string())
                    .collect();
                if dates.is_empty() {
                    msg!("db-report-no-subject", subject = subject.as_str())
                } else {
                    msg!(
                        "db-report-no-day",
                        subject = subject.as_str(),
                        date = date.to_string(),
                        dates = dates.join(", ")
                    )
                }
            }
        };
        Ok(Error::NotStored(message))
    }

    /// The stored bytes of every report of `subject` and the paths they were pushed
    /// from, in path order (the order a folder is walked in).
    pub(crate) fn subject(&mut self, subject: &str) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let rows = self
            .client
            .query(
                "SELECT path, bytes FROM opscheck.reports WHERE subject = $1 \
                 ORDER BY path COLLATE \"C\", digest",
                &[&subject],
            )
            .map_err(self.fail())?;
        Ok(rows
            .iter()
            .map(|row| (PathBuf::from(row.get::<_, &str>(0)), row.get(1)))
            .collect())
    }
}

/// A stored report read as a file with this path and these bytes would be.
fn read(path: &str, bytes: &[u8]) -> Result<Found> {
    let path = PathBuf::from(path);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(e) => {
            return Err(Error::NotUtf8 {
                path,
                at: e.valid_up_to(),
            });
        }
    };
    let report = Report::from_json(&text).map_err(|e| Error::Report {
        path: path.clone(),
        reason: e.message(),
    })?;
    Ok(Found { path, report, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Reference> {
        Reference::parse(Path::new(text))
    }

    #[test]
    fn references_are_digests_prefixes_or_a_subject_and_a_day() {
        let full = "ab".repeat(32);
        assert_eq!(
            parse(&format!("sha256:{full}")).unwrap(),
            Reference::Digest(format!("sha256:{full}"))
        );
        assert_eq!(
            parse(&full.to_uppercase()).unwrap(),
            Reference::Digest(format!("sha256:{full}"))
        );
        assert_eq!(
            parse("3F2A9C1B").unwrap(),
            Reference::Prefix("sha256:3f2a9c1b".into())
        );
        assert_eq!(
            parse("Store 1@2026-03-05").unwrap(),
            Reference::Day {
                subject: "Store 1".into(),
                date: NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()
            }
        );
        // The last `@` splits: a subject may hold one.
        assert_eq!(
            parse("ann@example@2026-01-02").unwrap(),
            Reference::Day {
                subject: "ann@example".into(),
                date: NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()
            }
        );
    }

    #[test]
    fn short_prefixes_paths_and_bad_days_are_usage_errors() {
        for bad in [
            "3f2a9c1",
            "sha256:",
            &"a".repeat(65),
            "reports/x.json",
            "@2026-01-02",
            "Store 1@2026-02-30",
            "Store 1",
        ] {
            let error = parse(bad).unwrap_err();
            assert!(matches!(error, Error::Usage(_)), "{bad}");
            assert!(error.to_string().contains("SUBJECT@YYYY-MM-DD"), "{error}");
        }
    }
}
