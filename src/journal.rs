//! The answer journal: every answer, note, action, skip and step back, one JSON line
//! each, made durable before the next item is shown. Replaying it gives the answers
//! back; a torn last line (the process died while writing it) is ignored.

use std::io::{self, BufRead};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::answer::{Action, Answer, Answers, ensure_valid};
use crate::template::Template;

pub const FORMAT: &str = "opscheck-journal/1";

/// The first line of a journal: what is inspected, with which template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub template_id: String,
    pub template_version: String,
    pub template_sha256: String,
    /// Where the template came from: a path or `builtin:FILE`.
    pub template_origin: String,
    pub subject: String,
    pub inspector: String,
    pub date: NaiveDate,
    pub started_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    Start(Header),
    /// An answer; `None` skips an optional item. Replaces any earlier answer.
    Answer {
        item: String,
        answer: Option<Answer>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Sets or (with `None`) clears the note of an item.
    Note {
        item: String,
        note: Option<String>,
    },
    /// Sets or (with `None`) clears the corrective action of an item.
    Action {
        item: String,
        action: Option<Action>,
    },
    /// The inspector went back to this item. Kept for the record; it changes no answer.
    Back {
        item: String,
    },
    /// A file attached to an item, already stored under `DIR/evidence/`.
    Evidence {
        item: String,
        evidence: crate::evidence::Evidence,
    },
}

impl Event {
    /// Applies the event to the answers.
    pub fn apply(&self, answers: &mut Answers) {
        match self {
            Event::Start(_) | Event::Back { .. } => {}
            Event::Answer { item, answer, note } => {
                let entry = answers.entry(item.clone()).or_default();
                entry.answer = answer.clone();
                entry.skipped = answer.is_none();
                if note.is_some() {
                    entry.note = note.clone();
                }
            }
            Event::Note { item, note } => {
                answers.entry(item.clone()).or_default().note = note.clone()
            }
            Event::Action { item, action } => {
                answers.entry(item.clone()).or_default().action = action.clone();
            }
            Event::Evidence { item, evidence } => {
                let list = &mut answers.entry(item.clone()).or_default().evidence;
                // The same file attached twice to one item is listed once.
                if !list.iter().any(|e| e.sha256 == evidence.sha256) {
                    list.push(evidence.clone());
                }
            }
        }
    }

    pub fn to_line(&self) -> String {
        let mut line = serde_json::to_string(self).expect("an event always serializes");
        line.push('\n');
        line
    }
}

/// Where a session records its events. Implementations must make each event durable
/// before returning.
pub trait Journal {
    fn record(&mut self, event: &Event) -> io::Result<()>;
}

impl Journal for Vec<Event> {
    fn record(&mut self, event: &Event) -> io::Result<()> {
        self.push(event.clone());
        Ok(())
    }
}

/// A journal read back.
#[derive(Debug, Clone)]
pub struct Draft {
    pub header: Header,
    pub answers: Answers,
    /// Events after the header.
    pub events: usize,
    /// Bytes of whole lines: a torn tail beyond this is cut off before appending.
    pub valid_len: u64,
    /// The first line that the template refused (its number and why): replay stopped
    /// there, and `valid_len` ends before it.
    pub rejected: Option<(usize, crate::i18n::Message)>,
}

/// Whether an event fits the template: its item exists and its answer is one the item
/// can have.
pub fn check_event(template: &Template, event: &Event) -> Result<(), crate::i18n::Message> {
    let id = match event {
        Event::Start(_) => return Ok(()),
        Event::Answer { item, .. }
        | Event::Note { item, .. }
        | Event::Action { item, .. }
        | Event::Evidence { item, .. }
        | Event::Back { item } => item,
    };
    let Some((_, item)) = template.find_item(id) else {
        return Err(crate::msg!("journal-unknown-item", item = id));
    };
    match event {
        Event::Answer {
            answer: Some(answer),
            ..
        } => ensure_valid(item, answer),
        Event::Answer { answer: None, .. } if item.required => {
            Err(crate::msg!("journal-required-skipped", item = id))
        }
        _ => Ok(()),
    }
}

/// Why a journal cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("it is empty")]
    Empty,
    #[error("line 1 is not an opscheck journal header")]
    NoHeader,
    #[error("it is format `{0}`, which this opscheck does not read")]
    Format(String),
    #[error("line {line} is damaged: {message}")]
    Damaged { line: usize, message: String },
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error("it is larger than the journal limit of {0} bytes")]
    TooLarge(u64),
}

impl ReadError {
    /// The reason, to be shown in the interface language.
    pub fn message(&self) -> crate::i18n::Message {
        use crate::msg;
        match self {
            ReadError::Empty => msg!("journal-empty"),
            ReadError::TooLarge(limit) => {
                msg!("journal-too-large", limit = crate::i18n::mib(*limit))
            }
            ReadError::NoHeader => msg!("journal-no-header"),
            ReadError::Format(format) => msg!("journal-format", format = format),
            ReadError::Damaged { line, message } => {
                msg!("journal-damaged", line = *line, reason = message)
            }
            ReadError::Io(e) => msg!("journal-io", reason = e.to_string()),
        }
    }
}

/// Replays a journal. Only the last line may be torn.
pub fn replay(reader: impl BufRead) -> Result<Draft, ReadError> {
    replay_with(reader, crate::store::limits::JOURNAL_BYTES, |_| Ok(()))
}

/// Replays a journal, checking every event after the header against the template: the
/// first event it refuses ends the replay ([`Draft::rejected`]).
pub fn replay_checked(reader: impl BufRead, template: &Template) -> Result<Draft, ReadError> {
    replay_with(reader, crate::store::limits::JOURNAL_BYTES, |event| {
        check_event(template, event)
    })
}

/// [`replay`] reading at most `limit` bytes: a larger journal is refused.
#[cfg(test)]
fn replay_at_most(reader: impl BufRead, limit: u64) -> Result<Draft, ReadError> {
    replay_with(reader, limit, |_| Ok(()))
}

fn replay_with(
    reader: impl BufRead,
    limit: u64,
    check: impl Fn(&Event) -> Result<(), crate::i18n::Message>,
) -> Result<Draft, ReadError> {
    let mut reader = reader.take(limit + 1);
    let mut rejected = None;
    let mut header: Option<Header> = None;
    let mut answers = Answers::new();
    let mut events = 0;
    let mut line = Vec::new();
    let mut number = 0;
    let mut valid_len = 0;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        number += 1;
        // The process died while writing this line: it was never acknowledged.
        if line.last() != Some(&b'\n') {
            break;
        }
        let parsed = std::str::from_utf8(&line)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str::<Event>(text).map_err(|e| e.to_string()));
        let event = match parsed {
            Ok(event) => event,
            Err(message) if header.is_none() => {
                return Err(if number == 1 {
                    ReadError::NoHeader
                } else {
                    ReadError::Damaged {
                        line: number,
                        message,
                    }
                });
            }
            Err(message) => {
                return Err(ReadError::Damaged {
                    line: number,
                    message,
                });
            }
        };
        match (&header, event) {
            (None, Event::Start(h)) => {
                if h.format != FORMAT {
                    return Err(ReadError::Format(h.format));
                }
                header = Some(h);
            }
            (None, _) => return Err(ReadError::NoHeader),
            (Some(_), Event::Start(_)) => {
                return Err(ReadError::Damaged {
                    line: number,
                    message: "a second header".to_owned(),
                });
            }
            (Some(_), event) => {
                if let Err(why) = check(&event) {
                    rejected = Some((number, why));
                    break;
                }
                event.apply(&mut answers);
                events += 1;
            }
        }
        valid_len += line.len() as u64;
    }
    if reader.limit() == 0 {
        return Err(ReadError::TooLarge(limit));
    }
    let header = header.ok_or(if number == 0 {
        ReadError::Empty
    } else {
        ReadError::NoHeader
    })?;
    Ok(Draft {
        header,
        answers,
        events,
        valid_len,
        rejected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            format: FORMAT.to_owned(),
            template_id: "t".into(),
            template_version: "1".into(),
            template_sha256: "00".into(),
            template_origin: "t.toml".into(),
            subject: "Store 12".into(),
            inspector: "QA".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            started_at: DateTime::parse_from_rfc3339("2026-11-29T09:00:00+08:00").unwrap(),
        }
    }

    fn journal(events: &[Event]) -> Vec<u8> {
        events
            .iter()
            .flat_map(|e| e.to_line().into_bytes())
            .collect()
    }

    #[test]
    fn a_journal_over_the_limit_is_refused_not_read_whole() {
        let bytes = journal(&[
            Event::Start(header()),
            Event::Answer {
                item: "a".into(),
                answer: Some(Answer::No),
                note: Some("x".repeat(1000)),
            },
        ]);
        let limit = bytes.len() as u64;
        assert!(replay_at_most(&bytes[..], limit).is_ok());
        let error = replay_at_most(&bytes[..], limit - 1).unwrap_err();
        assert!(matches!(error, ReadError::TooLarge(_)), "{error}");
        assert_eq!(
            crate::locale::Lang::En.format(&error.message()),
            "the draft is larger than the limit of 0 MiB"
        );
    }

    #[test]
    fn replays_answers_notes_and_actions() {
        let bytes = journal(&[
            Event::Start(header()),
            Event::Answer {
                item: "a".into(),
                answer: Some(Answer::No),
                note: Some("blocked".into()),
            },
            Event::Answer {
                item: "b".into(),
                answer: Some(Answer::Yes),
                note: None,
            },
            Event::Back { item: "a".into() },
            Event::Answer {
                item: "a".into(),
                answer: Some(Answer::Yes),
                note: None,
            },
            Event::Answer {
                item: "c".into(),
                answer: None,
                note: None,
            },
        ]);
        let draft = replay(&bytes[..]).unwrap();
        assert_eq!(draft.header, header());
        assert_eq!(draft.events, 5);
        assert_eq!(draft.answers["a"].answer, Some(Answer::Yes));
        assert_eq!(
            draft.answers["a"].note.as_deref(),
            Some("blocked"),
            "a later answer keeps the note"
        );
        assert_eq!(draft.answers["c"].answer, None);
    }

    #[test]
    fn a_torn_last_line_is_ignored() {
        let mut bytes = journal(&[
            Event::Start(header()),
            Event::Answer {
                item: "a".into(),
                answer: Some(Answer::No),
                note: None,
            },
        ]);
        let whole = bytes.len();
        bytes.extend_from_slice(br#"{"event":"answer","item":"b","ans"#);
        let draft = replay(&bytes[..]).unwrap();
        assert_eq!(draft.answers.len(), 1);
        // Every cut of the last line is torn, never an error.
        let last = journal(&[Event::Answer {
            item: "b".into(),
            answer: Some(Answer::Yes),
            note: None,
        }]);
        for cut in 0..last.len() {
            let mut torn = bytes[..whole].to_vec();
            torn.extend_from_slice(&last[..cut]);
            assert_eq!(replay(&torn[..]).unwrap().answers.len(), 1, "cut at {cut}");
        }
    }

    #[test]
    fn an_answer_the_template_cannot_have_ends_the_replay_at_its_line() {
        let template = crate::template::check(
            r#"
format = 1
id = "t"
title = "T"
version = "1"
language = "en"
[[sections]]
id = "s"
title = "S"
[[sections.items]]
id = "a"
text = "A?"
guidance = "g"
kind = "yes_no"
[[sections.items]]
id = "r"
text = "R?"
guidance = "g"
kind = "scale"
min = 1
max = 5
"#,
        )
        .template
        .unwrap();
        let bytes = journal(&[
            Event::Start(header()),
            Event::Answer {
                item: "a".into(),
                answer: Some(Answer::No),
                note: None,
            },
            Event::Answer {
                item: "r".into(),
                answer: Some(Answer::Scale(99)),
                note: None,
            },
            Event::Answer {
                item: "a".into(),
                answer: Some(Answer::Yes),
                note: None,
            },
        ]);
        let draft = replay_checked(&bytes[..], &template).unwrap();
        let (line, why) = draft.rejected.clone().expect("scale 99 is refused");
        assert_eq!(line, 3);
        assert_eq!(why.key, "answer-invalid-for-item");
        assert_eq!(
            draft.answers["a"].answer,
            Some(Answer::No),
            "the valid prefix"
        );
        assert!(!draft.answers.contains_key("r"));
        let prefix = journal(&[
            Event::Start(header()),
            Event::Answer {
                item: "a".into(),
                answer: Some(Answer::No),
                note: None,
            },
        ]);
        assert_eq!(draft.valid_len, prefix.len() as u64);
    }

    #[test]
    fn damage_before_the_end_is_an_error() {
        let mut bytes = journal(&[Event::Start(header())]);
        bytes.extend_from_slice(b"garbage\n");
        bytes.extend(journal(&[Event::Answer {
            item: "a".into(),
            answer: Some(Answer::No),
            note: None,
        }]));
        assert!(matches!(
            replay(&bytes[..]),
            Err(ReadError::Damaged { line: 2, .. })
        ));
        assert!(matches!(replay(&b""[..]), Err(ReadError::Empty)));
        assert!(matches!(replay(&b"{}\n"[..]), Err(ReadError::NoHeader)));
    }
}
