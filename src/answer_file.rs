//! Answers given in advance, as TOML:
//!
//! ```toml
//! [answers]
//! sop-documented = "y"
//! data-accuracy = { answer = "n", note = "…", action = { text = "…", owner = "…", due = 2026-12-15, priority = "high" } }
//! exits = { answer = "y", evidence = ["photos/exit-1.jpg"] }
//! ```

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::answer::{Action, Answer, parse_due};
use crate::diagnostic::Problem;
use crate::journal::Event;
use crate::msg;
use crate::template::{OnFail, Template};

/// A file an answer asks to attach: `evidence = ["photo.jpg"]`, relative to the
/// answers file.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub item: String,
    pub path: String,
    /// Where the path is written, for a message when the file cannot be attached.
    pub span: std::ops::Range<usize>,
}

/// The events the file stands for, or every problem in it.
pub fn parse(
    text: &str,
    template: &Template,
    today: NaiveDate,
) -> Result<Vec<Event>, Vec<Problem>> {
    parse_with_evidence(text, template, today).map(|(events, _)| events)
}

/// The events, and the files to attach, or every problem in the file.
pub fn parse_with_evidence(
    text: &str,
    template: &Template,
    today: NaiveDate,
) -> Result<(Vec<Event>, Vec<Attachment>), Vec<Problem>> {
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut problems: Vec<Problem> = errors
        .into_iter()
        .map(|e| {
            Problem::error(
                e.span().unwrap_or(0..0),
                msg!(
                    "toml-error",
                    detail = e.message().lines().next().unwrap_or("")
                ),
            )
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut events = Vec::new();
    let mut attachments = Vec::new();
    for (key, value) in root.get_ref() {
        if key.get_ref() != "answers" {
            problems.push(
                Problem::error(
                    key.span(),
                    msg!("check-unknown-key", key = key.get_ref().as_ref()),
                )
                .help(msg!("answers-under-table")),
            );
            continue;
        }
        let DeValue::Table(answers) = value.get_ref() else {
            problems.push(Problem::error(value.span(), msg!("answers-not-table")));
            continue;
        };
        let index = template.item_index();
        for (id, value) in answers {
            let mut found = Found {
                events: &mut events,
                attachments: &mut attachments,
                problems: &mut problems,
            };
            let item = index.get(id.get_ref().as_ref()).copied();
            read_answer(template, item, id, value, today, &mut found);
        }
    }
    if problems.is_empty() {
        Ok((events, attachments))
    } else {
        Err(problems)
    }
}

/// What reading the answers finds.
struct Found<'a> {
    events: &'a mut Vec<Event>,
    attachments: &'a mut Vec<Attachment>,
    problems: &'a mut Vec<Problem>,
}

fn read_answer(
    template: &Template,
    item: Option<&crate::template::Item>,
    id: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
    today: NaiveDate,
    found: &mut Found<'_>,
) {
    let Found {
        events,
        attachments,
        problems,
    } = found;
    let Some(item) = item else {
        problems.push(
            Problem::error(
                id.span(),
                msg!("answers-unknown-item", item = id.get_ref().as_ref()),
            )
            .help(msg!("answers-unknown-item-help", template = &template.id)),
        );
        return;
    };
    let (answer, note, action, evidence) = match value.get_ref() {
        DeValue::Table(table) => {
            let mut fields = (None, None, None, None);
            for (key, v) in table {
                match key.get_ref().as_ref() {
                    "answer" => fields.0 = Some(v),
                    "note" => fields.1 = Some(v),
                    "action" => fields.2 = Some(v),
                    "evidence" => fields.3 = Some(v),
                    other => problems.push(
                        Problem::error(key.span(), msg!("check-unknown-key", key = other))
                            .help(msg!("answers-answer-keys")),
                    ),
                }
            }
            let Some(answer) = fields.0 else {
                problems.push(Problem::error(
                    value.span(),
                    msg!("answers-no-answer", item = &item.id),
                ));
                return;
            };
            (answer, fields.1, fields.2, fields.3)
        }
        _ => (value, None, None, None),
    };
    let answer_text = match answer.get_ref() {
        DeValue::String(s) => s.to_string(),
        DeValue::Integer(i) => i.as_str().to_owned(),
        DeValue::Float(f) => f.as_str().to_owned(),
        DeValue::Boolean(b) => if *b { "yes" } else { "no" }.to_owned(),
        DeValue::Datetime(d) => d.to_string(),
        _ => {
            problems.push(Problem::error(answer.span(), msg!("answers-answer-type")));
            return;
        }
    };
    let parsed = match Answer::parse(item, &answer_text) {
        Ok(a) => a,
        Err(why) => {
            problems.push(
                Problem::error(answer.span(), msg!("answers-invalid", item = &item.id)).label(why),
            );
            return;
        }
    };
    let note = note.and_then(|n| string(n, "note", problems));
    // What the template says a failed answer must come with.
    let fails = crate::scoring::item_score(item, &parsed).is_some_and(|s| s < item.pass);
    for need in item.on_fail.iter().filter(|_| fails) {
        let given = match need {
            OnFail::Note => note.is_some(),
            OnFail::Action => action.is_some(),
        };
        if !given {
            problems.push(Problem::error(
                answer.span(),
                msg!("answers-fail-needs", item = &item.id, key = need.as_str()),
            ));
        }
    }
    events.push(Event::Answer {
        item: item.id.clone(),
        answer: Some(parsed),
        note,
    });
    if let Some(action) = action.and_then(|a| read_action(a, today, problems)) {
        events.push(Event::Action {
            item: item.id.clone(),
            action: Some(action),
        });
    }
    if let Some(evidence) = evidence {
        let DeValue::Array(paths) = evidence.get_ref() else {
            problems.push(
                Problem::error(evidence.span(), msg!("answers-evidence-list")).help(msg!(
                    "check-write-as",
                    example = "evidence = [\"photos/exit.jpg\"]"
                )),
            );
            return;
        };
        for path in paths {
            match path.get_ref() {
                DeValue::String(s) if !s.trim().is_empty() => attachments.push(Attachment {
                    item: item.id.clone(),
                    path: s.to_string(),
                    span: path.span(),
                }),
                _ => problems.push(Problem::error(path.span(), msg!("answers-evidence-list"))),
            }
        }
    }
}

fn read_action(
    value: &Spanned<DeValue<'_>>,
    today: NaiveDate,
    problems: &mut Vec<Problem>,
) -> Option<Action> {
    let DeValue::Table(table) = value.get_ref() else {
        problems.push(Problem::error(value.span(), msg!("answers-action-table")).help(msg!("check-write-as", example = "action = { text = \"…\", owner = \"…\", due = 2026-12-15, priority = \"high\" }")));
        return None;
    };
    let mut action = Action {
        text: String::new(),
        owner: None,
        due: None,
        priority: None,
    };
    let mut has_text = false;
    for (key, v) in table {
        match key.get_ref().as_ref() {
            "text" => {
                if let Some(text) = string(v, "text", problems) {
                    action.text = text;
                    has_text = true;
                }
            }
            "owner" => action.owner = string(v, "owner", problems),
            "due" => {
                let text = match v.get_ref() {
                    DeValue::Datetime(d) => d.to_string(),
                    DeValue::String(s) => s.to_string(),
                    _ => String::new(),
                };
                match parse_due(&text, today) {
                    Ok(due) => action.due = Some(due),
                    Err(why) => problems.push(Problem::error(v.span(), why)),
                }
            }
            "priority" => match string(v, "priority", problems).map(|p| p.parse()) {
                Some(Ok(p)) => action.priority = Some(p),
                Some(Err(why)) => problems.push(Problem::error(v.span(), why)),
                None => {}
            },
            other => problems.push(
                Problem::error(key.span(), msg!("check-unknown-key", key = other))
                    .help(msg!("answers-action-keys")),
            ),
        }
    }
    if !has_text {
        problems.push(Problem::error(value.span(), msg!("answers-action-text")));
        return None;
    }
    Some(action)
}

fn string(value: &Spanned<DeValue<'_>>, what: &str, problems: &mut Vec<Problem>) -> Option<String> {
    match value.get_ref() {
        DeValue::String(s) => Some(crate::answer::clean(s).into_owned()),
        _ => {
            problems.push(Problem::error(
                value.span(),
                msg!("answers-string", key = what),
            ));
            None
        }
    }
}
