//! The derived state of every action: reports and events replayed in one total order.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::event::{Event, EventKind};
use super::id::action_id;
use crate::answer::{Action as Requested, Priority};

/// What one inspection says about the items the loop follows.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    pub subject: String,
    pub template: String,
    pub date: NaiveDate,
    pub started_at: DateTime<FixedOffset>,
    pub finished_at: DateTime<FixedOffset>,
    /// The report's digest: the same report copied twice counts once.
    pub digest: String,
    /// The report's file name, shown in histories.
    pub file: String,
    pub observations: Vec<Observation>,
}

/// One scored answer: whether the item failed, and the action asked for, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub item: String,
    pub text: String,
    pub outcome: Outcome,
    pub action: Option<Requested>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Scored below the item's pass level.
    Fail,
    /// Scored at or above it.
    Pass,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    Open,
    Reopened,
    Done,
    Verified,
}

impl ActionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Reopened => "reopened",
            ActionStatus::Done => "done",
            ActionStatus::Verified => "verified",
        }
    }

    /// Still to be done: open or reopened.
    pub fn is_pending(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::Reopened)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HistoryKind {
    /// Raised by a failing inspection.
    Opened,
    /// The item failed again while the action was open: linked, not duplicated.
    Recurred,
    Done,
    /// The next inspection passed the item after it was done.
    Verified,
    Reopened,
}

impl HistoryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HistoryKind::Opened => "opened",
            HistoryKind::Recurred => "recurred",
            HistoryKind::Done => "done",
            HistoryKind::Verified => "verified",
            HistoryKind::Reopened => "reopened",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    pub date: NaiveDate,
    pub kind: HistoryKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The report file it came from, for entries made by an inspection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// The event id, for entries made by `actions done` / `reopen`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

/// One corrective action and everything that happened to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    pub id: String,
    pub subject: String,
    pub template: String,
    pub item: String,
    pub item_text: String,
    /// What to do.
    pub text: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub priority: Option<Priority>,
    pub opened: NaiveDate,
    pub status: ActionStatus,
    pub history: Vec<HistoryEntry>,
}

impl Action {
    /// Pending and past its due date.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_pending() && self.due.is_some_and(|due| due < today)
    }

    /// Overdue first, then what is still to do, then done, then verified.
    pub fn rank(&self, today: NaiveDate) -> u8 {
        match self.status {
            _ if self.is_overdue(today) => 0,
            ActionStatus::Open | ActionStatus::Reopened => 1,
            ActionStatus::Done => 2,
            ActionStatus::Verified => 3,
        }
    }

    /// The catalogue key of the status as shown.
    pub fn status_key(&self, today: NaiveDate) -> &'static str {
        match self.shown_status(today) {
            "overdue" => "action-status-overdue",
            "reopened" => "action-status-reopened",
            "done" => "action-status-done",
            "verified" => "action-status-verified",
            _ => "action-status-open",
        }
    }

    /// The JSON of the action (documented in the README).
    pub fn to_json(&self, today: NaiveDate) -> serde_json::Value {
        let a = self;
        serde_json::json!({
            "id": a.id, "status": a.shown_status(today), "state": a.status, "overdue": a.is_overdue(today),
            "days_overdue": a.due.filter(|_| a.is_overdue(today)).map(|d| (today - d).num_days()),
            "subject": a.subject, "template": a.template, "item": a.item, "item_text": a.item_text,
            "text": a.text, "owner": a.owner, "due": a.due, "priority": a.priority,
            "opened": a.opened, "last_failed": a.last_seen(), "history": a.history,
        })
    }

    /// The status as shown: `overdue` instead of open or reopened past the due date.
    pub fn shown_status(&self, today: NaiveDate) -> &'static str {
        if self.is_overdue(today) {
            "overdue"
        } else {
            self.status.as_str()
        }
    }

    /// The day of the last time the item was found failing.
    pub fn last_seen(&self) -> NaiveDate {
        self.history
            .iter()
            .filter(|h| match h.kind {
                HistoryKind::Opened | HistoryKind::Recurred => true,
                HistoryKind::Reopened => h.report.is_some(),
                HistoryKind::Done | HistoryKind::Verified => false,
            })
            .map(|h| h.date)
            .max()
            .unwrap_or(self.opened)
    }
}

/// Something in the events that was not applied; never fatal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Warning {
    /// The event names an action no report raised (before the event's date).
    UnknownAction {
        event: String,
        file: String,
        action: String,
    },
    /// The event does not fit the action's state (`done` on a verified action).
    NotApplied {
        event: String,
        action: String,
        event_kind: EventKind,
        status: ActionStatus,
    },
}

/// Every action, derived.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Ledger {
    /// By opening date, then id.
    pub actions: Vec<Action>,
    pub warnings: Vec<Warning>,
    /// Inspections replayed (duplicates counted once).
    pub inspected: usize,
}

/// One step of the replay.
enum Step<'a> {
    Inspection(&'a Inspection),
    Event(&'a Event),
}

impl Step<'_> {
    /// The total order of the replay. On the same day inspections come before events:
    /// "done" marked on the day of an inspection is verified by the next one.
    fn key(&self) -> (NaiveDate, u8, DateTime<FixedOffset>, &str) {
        match self {
            Step::Inspection(i) => (i.date, 0, i.finished_at, i.digest.as_str()),
            Step::Event(e) => (e.date, 1, e.at, e.id.as_str()),
        }
    }
}

type Key = (String, String, String);

impl Ledger {
    /// Replays inspections and events. Duplicates (the same report or event file
    /// copied into two places) count once.
    pub fn derive(inspections: &[Inspection], events: &[Event]) -> Ledger {
        let mut steps: Vec<Step<'_>> = inspections
            .iter()
            .map(Step::Inspection)
            .chain(events.iter().map(Step::Event))
            .collect();
        steps.sort_by(|a, b| a.key().cmp(&b.key()));
        steps.dedup_by(|a, b| a.key() == b.key());
        let inspected = steps
            .iter()
            .filter(|s| matches!(s, Step::Inspection(_)))
            .count();
        let mut replay = Replay::default();
        for step in steps {
            match step {
                Step::Inspection(inspection) => replay.inspection(inspection),
                Step::Event(event) => replay.event(event),
            }
        }
        let mut actions = replay.actions;
        actions.sort_by(|a, b| (a.opened, &a.id).cmp(&(b.opened, &b.id)));
        Ledger {
            actions,
            warnings: replay.warnings,
            inspected,
        }
    }

    /// The action each failing answer of a report belongs to, by (report file, item).
    pub fn by_report(&self) -> HashMap<(&str, &str), &Action> {
        let mut map = HashMap::new();
        for action in &self.actions {
            for entry in &action.history {
                if let Some(file) = &entry.report {
                    map.insert((file.as_str(), action.item.as_str()), action);
                }
            }
        }
        map
    }

    pub fn find(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// The pending action of a finding, if there is one.
    pub fn pending(&self, subject: &str, template: &str, item: &str) -> Option<&Action> {
        self.actions.iter().rev().find(|a| {
            a.status.is_pending()
                && a.subject == subject
                && a.template == template
                && a.item == item
        })
    }

    /// The action an id typed by a user means: the id itself, or the only one it
    /// begins (four characters at least).
    pub fn resolve(&self, typed: &str) -> Option<&Action> {
        let typed = typed.trim().to_ascii_lowercase();
        if let Some(action) = self.find(&typed) {
            return Some(action);
        }
        let mut starting = self.actions.iter().filter(|a| a.id.starts_with(&typed));
        match (typed.len() >= 4, starting.next(), starting.next()) {
            (true, Some(one), None) => Some(one),
            _ => None,
        }
    }
}

#[derive(Default)]
struct Replay {
    actions: Vec<Action>,
    by_id: HashMap<String, usize>,
    /// The action that follows each finding: pending or done, not yet verified.
    current: BTreeMap<Key, usize>,
    warnings: Vec<Warning>,
}

impl Replay {
    fn inspection(&mut self, inspection: &Inspection) {
        for observation in &inspection.observations {
            let key = (
                inspection.subject.clone(),
                inspection.template.clone(),
                observation.item.clone(),
            );
            let entry = |kind| HistoryEntry {
                date: inspection.date,
                kind,
                by: None,
                note: observation.note.clone(),
                report: Some(inspection.file.clone()),
                event: None,
                evidence: Vec::new(),
            };
            match (self.current.get(&key).copied(), observation.outcome) {
                (Some(index), Outcome::Fail) => {
                    let action = &mut self.actions[index];
                    if action.status == ActionStatus::Done {
                        action.status = ActionStatus::Reopened;
                        action.history.push(entry(HistoryKind::Reopened));
                    } else {
                        action.history.push(entry(HistoryKind::Recurred));
                    }
                    // The inspector may have updated the linked action.
                    if let Some(requested) = &observation.action {
                        action.text.clone_from(&requested.text);
                        if requested.owner.is_some() {
                            action.owner.clone_from(&requested.owner);
                        }
                        if requested.due.is_some() {
                            action.due = requested.due;
                        }
                        if requested.priority.is_some() {
                            action.priority = requested.priority;
                        }
                    }
                }
                (Some(index), Outcome::Pass) => {
                    let action = &mut self.actions[index];
                    if action.status == ActionStatus::Done {
                        action.status = ActionStatus::Verified;
                        action.history.push(entry(HistoryKind::Verified));
                        self.current.remove(&key);
                    }
                }
                (None, _) => {
                    let Some(requested) = &observation.action else {
                        continue;
                    };
                    let id = action_id(
                        &inspection.subject,
                        &inspection.template,
                        &observation.item,
                        &inspection.started_at.to_rfc3339(),
                    );
                    if self.by_id.contains_key(&id) {
                        continue;
                    }
                    let index = self.actions.len();
                    self.actions.push(Action {
                        id: id.clone(),
                        subject: inspection.subject.clone(),
                        template: inspection.template.clone(),
                        item: observation.item.clone(),
                        item_text: observation.text.clone(),
                        text: requested.text.clone(),
                        owner: requested.owner.clone(),
                        due: requested.due,
                        priority: requested.priority,
                        opened: inspection.date,
                        status: ActionStatus::Open,
                        history: vec![entry(HistoryKind::Opened)],
                    });
                    self.by_id.insert(id, index);
                    self.current.insert(key, index);
                }
            }
        }
    }

    fn event(&mut self, event: &Event) {
        let Some(&index) = self.by_id.get(&event.action) else {
            self.warnings.push(Warning::UnknownAction {
                event: event.id.clone(),
                file: event.file_name(),
                action: event.action.clone(),
            });
            return;
        };
        let action = &mut self.actions[index];
        let (kind, status) = match (event.kind, action.status) {
            (EventKind::Done, ActionStatus::Open | ActionStatus::Reopened | ActionStatus::Done) => {
                (HistoryKind::Done, ActionStatus::Done)
            }
            (EventKind::Reopen, ActionStatus::Done | ActionStatus::Verified) => {
                (HistoryKind::Reopened, ActionStatus::Reopened)
            }
            (kind, status) => {
                self.warnings.push(Warning::NotApplied {
                    event: event.id.clone(),
                    action: event.action.clone(),
                    event_kind: kind,
                    status,
                });
                return;
            }
        };
        action.status = status;
        action.history.push(HistoryEntry {
            date: event.date,
            kind,
            by: Some(event.by.clone()),
            note: Some(event.note.clone()),
            report: None,
            event: Some(event.id.clone()),
            evidence: event.evidence.clone(),
        });
        let key = (
            action.subject.clone(),
            action.template.clone(),
            action.item.clone(),
        );
        self.current.entry(key).or_insert(index);
    }
}

impl Inspection {
    /// What a report says: each scored answer, failed when it is a finding below its
    /// pass level (critical or failed), with the action the inspector asked for.
    pub fn from_report(report: &crate::report::Report, file: &str) -> Inspection {
        use crate::scoring::Severity;
        let observations = report
            .answers
            .iter()
            .filter(|a| a.score.is_some())
            .map(|answer| {
                let finding = report.findings.iter().find(|f| f.item == answer.item);
                let failed = finding.is_some_and(|f| f.severity != Severity::Minor);
                Observation {
                    item: answer.item.clone(),
                    text: answer.text.clone(),
                    outcome: if failed { Outcome::Fail } else { Outcome::Pass },
                    action: answer.action.clone(),
                    note: answer.note.clone(),
                }
            })
            .collect();
        Inspection {
            subject: report.subject.clone(),
            template: report.template.id.clone(),
            date: report.date,
            started_at: report.started_at,
            finished_at: report.finished_at,
            digest: report.digest.clone().unwrap_or_default(),
            file: file.to_owned(),
            observations,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    fn time(d: &str) -> DateTime<FixedOffset> {
        format!("{d}T10:00:00+08:00").parse().unwrap()
    }

    fn inspection(date: &str, item: &str, outcome: Outcome, action: Option<&str>) -> Inspection {
        Inspection {
            subject: "Store 12".into(),
            template: "ops".into(),
            date: day(date),
            started_at: time(date),
            finished_at: time(date),
            digest: format!("sha256:{date}"),
            file: format!("{date}-ops-store-12.json"),
            observations: vec![Observation {
                item: item.into(),
                text: "Is there a plan?".into(),
                outcome,
                action: action.map(|text| Requested {
                    text: text.into(),
                    owner: Some("Wang".into()),
                    due: Some(day("2026-10-15")),
                    priority: None,
                }),
                note: None,
            }],
        }
    }

    fn event(action: &str, kind: EventKind, date: &str) -> Event {
        Event::new(
            action,
            kind,
            day(date),
            time(date),
            "Li",
            "fixed",
            vec![],
            date,
        )
    }

    #[test]
    fn opened_done_verified() {
        let first = inspection("2026-10-01", "plan", Outcome::Fail, Some("Write it"));
        let id = action_id("Store 12", "ops", "plan", &time("2026-10-01").to_rfc3339());
        let later = inspection("2026-11-01", "plan", Outcome::Pass, None);
        let ledger = Ledger::derive(
            &[first.clone(), later.clone()],
            &[event(&id, EventKind::Done, "2026-10-10")],
        );
        let kinds: Vec<_> = ledger.actions[0].history.iter().map(|h| h.kind).collect();
        assert_eq!(
            kinds,
            [
                HistoryKind::Opened,
                HistoryKind::Done,
                HistoryKind::Verified
            ]
        );
        assert_eq!(ledger.actions[0].status, ActionStatus::Verified);
        // Without the done event the pass verifies nothing: still open, and overdue.
        let ledger = Ledger::derive(&[first, later], &[]);
        assert_eq!(ledger.actions[0].status, ActionStatus::Open);
        assert_eq!(ledger.actions[0].shown_status(day("2026-11-02")), "overdue");
    }

    #[test]
    fn a_recurring_failure_links_and_an_unknown_event_is_a_warning() {
        let ledger = Ledger::derive(
            &[
                inspection("2026-10-01", "plan", Outcome::Fail, Some("Write it")),
                inspection("2026-11-01", "plan", Outcome::Fail, Some("Write it now")),
            ],
            &[event("deadbeef", EventKind::Done, "2026-10-02")],
        );
        assert_eq!(ledger.actions.len(), 1);
        assert_eq!(ledger.actions[0].text, "Write it now");
        assert_eq!(ledger.actions[0].last_seen(), day("2026-11-01"));
        assert!(matches!(
            &ledger.warnings[..],
            [Warning::UnknownAction { action, .. }] if action == "deadbeef"
        ));
    }
    mod order {
        use proptest::prelude::*;

        use super::*;

        #[derive(Debug, Clone)]
        enum File {
            Report(Inspection),
            Event(Event),
        }

        const ITEMS: [&str; 2] = ["plan", "drill"];

        /// Inspections on the 1st of six months, each item failing (with or without
        /// an action) or passing.
        fn inspections() -> impl Strategy<Value = Vec<Inspection>> {
            proptest::collection::vec(proptest::collection::vec(0u8..3, 2), 6).prop_map(|months| {
                months
                    .into_iter()
                    .enumerate()
                    .map(|(m, outcomes)| {
                        let date = format!("2026-{:02}-01", m + 1);
                        let mut i = inspection(&date, "plan", Outcome::Pass, None);
                        i.observations = ITEMS
                            .iter()
                            .zip(outcomes)
                            .map(|(item, o)| Observation {
                                item: (*item).to_owned(),
                                text: "?".into(),
                                outcome: if o == 2 { Outcome::Pass } else { Outcome::Fail },
                                action: (o == 0).then(|| Requested {
                                    text: format!("fix {item} ({date})"),
                                    owner: None,
                                    due: None,
                                    priority: None,
                                }),
                                note: None,
                            })
                            .collect();
                        i
                    })
                    .collect()
            })
        }

        /// Events for the actions those inspections can raise, and for none.
        fn events() -> impl Strategy<Value = Vec<Event>> {
            let ids: Vec<String> = (1..=6)
                .flat_map(|m| {
                    ITEMS.map(|item| {
                        action_id(
                            "Store 12",
                            "ops",
                            item,
                            &time(&format!("2026-{m:02}-01")).to_rfc3339(),
                        )
                    })
                })
                .chain(["0badc0de".to_owned()])
                .collect();
            proptest::collection::vec(
                (
                    proptest::sample::select(ids),
                    any::<bool>(),
                    1u32..7,
                    1u32..28,
                    0u32..3,
                ),
                0..16,
            )
            .prop_map(|specs| {
                specs
                    .into_iter()
                    .enumerate()
                    .map(|(n, (id, done, month, day, hour))| {
                        let date = format!("2026-{month:02}-{day:02}");
                        let kind = if done {
                            EventKind::Done
                        } else {
                            EventKind::Reopen
                        };
                        let at: DateTime<FixedOffset> =
                            format!("{date}T1{hour}:00:00+08:00").parse().unwrap();
                        Event::new(
                            &id,
                            kind,
                            day_of(&date),
                            at,
                            "Li",
                            "n",
                            vec![],
                            &n.to_string(),
                        )
                    })
                    .collect()
            })
        }

        fn day_of(d: &str) -> NaiveDate {
            d.parse().unwrap()
        }

        fn files() -> impl Strategy<Value = (Vec<File>, Vec<File>)> {
            (inspections(), events()).prop_flat_map(|(reports, events)| {
                let files: Vec<File> = reports
                    .into_iter()
                    .map(File::Report)
                    .chain(events.into_iter().map(File::Event))
                    .collect();
                (Just(files.clone()), Just(files).prop_shuffle())
            })
        }

        fn derive(files: &[File]) -> Ledger {
            let mut reports = Vec::new();
            let mut events = Vec::new();
            for file in files {
                match file {
                    File::Report(r) => reports.push(r.clone()),
                    File::Event(e) => events.push(e.clone()),
                }
            }
            Ledger::derive(&reports, &events)
        }

        proptest! {
            #[test]
            fn the_state_is_the_same_in_any_order((files, shuffled) in files(), copies in 0usize..4) {
                let expected = derive(&files);
                prop_assert_eq!(&expected, &derive(&shuffled));
                // The same files copied in twice (two folders merged) change nothing.
                let mut doubled = shuffled.clone();
                doubled.extend(shuffled.iter().take(copies).cloned());
                prop_assert_eq!(&expected, &derive(&doubled));
            }
        }
    }
}
