//! Answers: what an inspector can say to an item, and the grammar to say it in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Message;
use crate::msg;
use crate::template::{Item, Kind};

/// One answer to one item, typed by the item's kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    /// Not applicable: counts in neither score nor maximum.
    Na,
    Scale(i64),
    /// The label of the chosen option.
    Choice(String),
    Number(f64),
    Text(String),
    Date(NaiveDate),
}

impl Answer {
    /// How the answer reads in a report and in `when = { is = … }`.
    pub fn to_text(&self) -> String {
        match self {
            Answer::Yes => "yes".to_owned(),
            Answer::No => "no".to_owned(),
            Answer::Na => "na".to_owned(),
            Answer::Scale(v) => v.to_string(),
            Answer::Choice(label) => label.clone(),
            Answer::Number(v) => v.to_string(),
            Answer::Text(text) => text.clone(),
            Answer::Date(date) => date.to_string(),
        }
    }

    /// Parses one answer as typed in line mode or in an answers file.
    pub fn parse(item: &Item, input: &str) -> Result<Answer, Message> {
        let input = input.trim();
        if item.na && is_na(input) {
            return Ok(Answer::Na);
        }
        let na = if item.na { "yes" } else { "no" };
        match &item.kind {
            Kind::YesNo => match input.to_lowercase().as_str() {
                "y" | "yes" | "是" => Ok(Answer::Yes),
                "n" | "no" | "否" => Ok(Answer::No),
                _ if is_na(input) => Err(msg!("answer-na-not-allowed")),
                _ => Err(msg!("answer-yes-no", na = na)),
            },
            Kind::Scale { min, max, .. } => match input.parse::<i64>() {
                Ok(v) if (*min..=*max).contains(&v) => Ok(Answer::Scale(v)),
                _ => Err(msg!("answer-scale", min = *min, max = *max, na = na)),
            },
            Kind::Choice { options } => {
                if let Some(option) = options.iter().find(|o| o.label == input) {
                    return Ok(Answer::Choice(option.label.clone()));
                }
                match input.parse::<usize>() {
                    Ok(n) if (1..=options.len()).contains(&n) => {
                        Ok(Answer::Choice(options[n - 1].label.clone()))
                    }
                    _ => Err(msg!("answer-choice", count = options.len(), na = na)),
                }
            }
            Kind::Number { unit, .. } => match strip_unit(input, unit.as_deref()).parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(Answer::Number(v)),
                _ => Err(msg!("answer-number", na = na)),
            },
            Kind::Date => NaiveDate::parse_from_str(input, "%Y-%m-%d")
                .map(Answer::Date)
                .map_err(|_| msg!("answer-date", na = na)),
            Kind::Text if input.is_empty() => Err(msg!("answer-empty")),
            Kind::Text => Ok(Answer::Text(input.to_owned())),
        }
    }

    /// Whether this answer makes `when = { is = … }` hold.
    pub fn matches(&self, is: &str) -> bool {
        match self {
            Answer::Yes => is == "yes",
            Answer::No => is == "no",
            Answer::Na => is == "na",
            Answer::Choice(label) => label == is,
            _ => false,
        }
    }
}

/// `85%` or `12 h` → `85`, `12`: the item's unit (or `%`, when the unit is a percent)
/// may follow the value.
fn strip_unit<'a>(input: &'a str, unit: Option<&str>) -> &'a str {
    let unit = unit.map(str::trim).filter(|u| !u.is_empty());
    let percent = unit.is_none_or(|u| u.contains('%'));
    let stripped = unit
        .and_then(|u| input.strip_suffix(u))
        .or_else(|| percent.then(|| input.strip_suffix(['%', '％'])).flatten())
        .unwrap_or(input);
    stripped.trim_end()
}

/// Whether the answer is one the item can have: what [`Answer::parse`] would give for
/// some input (a journal or report edited by hand may hold anything).
pub fn ensure_valid(item: &Item, answer: &Answer) -> Result<(), Message> {
    let valid = match (&item.kind, answer) {
        (_, Answer::Na) => item.na,
        (Kind::YesNo, Answer::Yes | Answer::No) => true,
        (Kind::Scale { min, max, .. }, Answer::Scale(v)) => (*min..=*max).contains(v),
        (Kind::Choice { options }, Answer::Choice(label)) => {
            options.iter().any(|o| &o.label == label)
        }
        (Kind::Number { .. }, Answer::Number(v)) => v.is_finite(),
        (Kind::Text, Answer::Text(t)) => !t.trim().is_empty(),
        (Kind::Date, Answer::Date(_)) => true,
        _ => false,
    };
    if valid {
        Ok(())
    } else {
        Err(msg!(
            "answer-invalid-for-item",
            item = &item.id,
            answer = answer.to_text()
        ))
    }
}

/// Text safe to store and to show in a terminal: see [`crate::text::line`].
pub fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::line(text)
}

fn is_na(input: &str) -> bool {
    matches!(input.to_lowercase().as_str(), "na" | "n/a" | "不适用")
}

/// What was recorded for one item: its answer or skip, note and action.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub answer: Option<Answer>,
    /// The optional item was skipped on purpose.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub skipped: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    /// Files attached to the answer, stored under `DIR/evidence/`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<crate::evidence::Evidence>,
}

/// Every item's entry so far, by item id.
pub type Answers = std::collections::HashMap<String, Entry>;

/// Bytes of distinct evidence `answers` carry, towards
/// [`crate::evidence::MAX_REPORT_BYTES`].
pub fn evidence_total(answers: &Answers) -> u64 {
    let mut seen = std::collections::HashSet::new();
    answers
        .values()
        .flat_map(|e| &e.evidence)
        .filter(|e| seen.insert(e.sha256.as_str()))
        .map(|e| e.size)
        .sum()
}

/// A corrective action for a failed item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// What to do.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Low,
    Medium,
    High,
}

impl std::str::FromStr for Priority {
    type Err = Message;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "low" | "l" | "低" => Ok(Priority::Low),
            "medium" | "m" | "中" => Ok(Priority::Medium),
            "high" | "h" | "高" => Ok(Priority::High),
            _ => Err(msg!("answer-priority", value = s)),
        }
    }
}

impl Priority {
    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Priority::Low => "priority-low",
            Priority::Medium => "priority-medium",
            Priority::High => "priority-high",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Medium => "medium",
            Priority::High => "high",
        }
    }
}

/// A due date as `YYYY-MM-DD` or `+Nd` / `+Nw` from `today`.
pub fn parse_due(input: &str, today: NaiveDate) -> Result<NaiveDate, Message> {
    let input = input.trim();
    if let Some(rest) = input.strip_prefix('+') {
        let (number, unit) = rest.split_at(
            rest.find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len()),
        );
        let days = match (number.parse::<u32>(), unit) {
            (Ok(n), "d" | "" | "天") => Some(u64::from(n)),
            (Ok(n), "w" | "周") => Some(u64::from(n) * 7),
            _ => None,
        };
        if let Some(date) = days.and_then(|d| today.checked_add_days(chrono::Days::new(d))) {
            return Ok(date);
        }
    } else if let Ok(date) = NaiveDate::parse_from_str(input, "%Y-%m-%d") {
        return Ok(date);
    }
    Err(msg!("answer-due", value = input))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{Choice, Target};

    fn item(kind: Kind, na: bool) -> Item {
        Item {
            id: "i".into(),
            text: "?".into(),
            guidance: None,
            kind,
            weight: 1.0,
            critical: false,
            required: true,
            na,
            pass: 0.5,
            on_fail: Vec::new(),
            when: None,
        }
    }

    #[test]
    fn yes_no_grammar() {
        let it = item(Kind::YesNo, true);
        for (input, expected) in [
            ("y", Answer::Yes),
            ("YES", Answer::Yes),
            ("是", Answer::Yes),
            ("n", Answer::No),
            ("No", Answer::No),
            ("否", Answer::No),
            ("na", Answer::Na),
            ("N/A", Answer::Na),
            ("不适用", Answer::Na),
        ] {
            assert_eq!(Answer::parse(&it, input), Ok(expected), "{input}");
        }
        assert!(Answer::parse(&it, "maybe").is_err());
        let strict = item(Kind::YesNo, false);
        assert_eq!(
            Answer::parse(&strict, "na"),
            Err(msg!("answer-na-not-allowed"))
        );
    }

    #[test]
    fn scale_choice_number_date_text() {
        let scale = item(
            Kind::Scale {
                min: 1,
                max: 5,
                labels: vec![],
            },
            true,
        );
        assert_eq!(Answer::parse(&scale, "3"), Ok(Answer::Scale(3)));
        assert!(Answer::parse(&scale, "6").is_err());
        let options = vec![
            Choice {
                label: "Weekly".into(),
                score: 1.0,
            },
            Choice {
                label: "每月".into(),
                score: 0.5,
            },
        ];
        let choice = item(Kind::Choice { options }, true);
        assert_eq!(
            Answer::parse(&choice, "2"),
            Ok(Answer::Choice("每月".into()))
        );
        assert_eq!(
            Answer::parse(&choice, "Weekly"),
            Ok(Answer::Choice("Weekly".into()))
        );
        assert!(Answer::parse(&choice, "3").is_err());
        let number = item(
            Kind::Number {
                unit: None,
                target: Target {
                    min: None,
                    max: Some(4.0),
                },
            },
            true,
        );
        assert_eq!(Answer::parse(&number, "3.5"), Ok(Answer::Number(3.5)));
        assert_eq!(Answer::parse(&number, "85%"), Ok(Answer::Number(85.0)));
        let hours = item(
            Kind::Number {
                unit: Some("h".into()),
                target: Target {
                    min: None,
                    max: None,
                },
            },
            true,
        );
        assert_eq!(Answer::parse(&hours, "12 h"), Ok(Answer::Number(12.0)));
        assert_eq!(Answer::parse(&hours, "12h"), Ok(Answer::Number(12.0)));
        assert!(Answer::parse(&hours, "12%").is_err(), "not a percent item");
        assert!(Answer::parse(&number, "NaN").is_err());
        let date = item(Kind::Date, true);
        assert_eq!(
            Answer::parse(&date, "2026-11-29"),
            Ok(Answer::Date(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()))
        );
        let text = item(Kind::Text, true);
        assert_eq!(Answer::parse(&text, "na"), Ok(Answer::Na));
        assert_eq!(
            Answer::parse(&text, "all good"),
            Ok(Answer::Text("all good".into()))
        );
    }

    #[test]
    fn due_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(
            parse_due("+7d", today),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 6).unwrap())
        );
        assert_eq!(
            parse_due("+2w", today),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 13).unwrap())
        );
        assert_eq!(
            parse_due("2027-01-05", today),
            Ok(NaiveDate::from_ymd_opt(2027, 1, 5).unwrap())
        );
        assert!(parse_due("soon", today).is_err());
        assert!(parse_due("+99999999999d", today).is_err());
    }
}
