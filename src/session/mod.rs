//! The inspection loop: which item comes next, going back, recording every step in
//! the journal before moving on. Two front ends drive it: [`line`] reads one answer
//! per line from any `BufRead`; [`terminal`] asks with single keys in a terminal.

pub mod attachment;
pub mod line;
mod prompt;

pub use prompt::target_text;
pub mod terminal;

use std::io;

use crate::answer::{Action, Answer, Answers};
use crate::condition::Hidden;
use crate::journal::{Event, Journal};
use crate::scoring::item_score;
use crate::template::{Item, OnFail, Section, Template};

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Every item that applies has an answer.
    Complete,
    /// Input ended first; the journal holds what was given.
    Incomplete,
    /// The inspector asked to stop.
    Quit,
    /// Ctrl-C.
    Interrupted,
}

/// An inspection in progress.
/// A journal write that failed: the run tells it apart from a failing terminal or input
/// ([`journal_failure`]), since it names another file.
#[derive(Debug)]
pub struct JournalFailed(pub io::Error);

impl std::fmt::Display for JournalFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for JournalFailed {}

/// The journal write behind `error`, if that is what failed.
pub fn journal_failure(error: io::Error) -> Result<io::Error, io::Error> {
    if error.get_ref().is_some_and(|e| e.is::<JournalFailed>()) {
        let inner = error.into_inner().expect("checked above");
        match inner.downcast::<JournalFailed>() {
            Ok(failed) => Ok(failed.0),
            Err(other) => Err(io::Error::other(other)),
        }
    } else {
        Err(error)
    }
}

/// Where a session stores the files the inspector attaches (the commands copy them
/// under `DIR/evidence/`; tests keep them in memory).
pub trait Attach {
    /// Stores the file at `path` for the report whose answers are `answers`, or says
    /// why it cannot be attached.
    fn attach(
        &mut self,
        path: &std::path::Path,
        answers: &crate::answer::Answers,
    ) -> Result<crate::evidence::Evidence, crate::i18n::Message>;
}

pub struct Session<'a> {
    template: &'a Template,
    /// Every item with its section, in template order.
    order: Vec<(&'a Section, &'a Item)>,
    answers: Answers,
    /// Kept in step with `answers` by every recorded event.
    hidden: Hidden,
    /// The furthest item shown in this sitting.
    furthest: Option<usize>,
    journal: &'a mut dyn Journal,
    /// Where attached files go; `None`: attaching is not offered.
    evidence: Option<&'a mut dyn Attach>,
}

impl<'a> Session<'a> {
    pub fn new(template: &'a Template, answers: Answers, journal: &'a mut dyn Journal) -> Self {
        Session {
            template,
            order: template.items().collect(),
            hidden: Hidden::of(template, &answers),
            furthest: None,
            answers,
            journal,
            evidence: None,
        }
    }

    /// Lets the inspector attach files, stored by `store`.
    pub fn with_evidence(mut self, store: &'a mut dyn Attach) -> Self {
        self.evidence = Some(store);
        self
    }

    /// Attaches the file at `path` to the item: stored, then journaled. The inner
    /// error says why the file could not be attached (the session goes on).
    pub fn attach(
        &mut self,
        index: usize,
        path: &std::path::Path,
    ) -> io::Result<Result<crate::evidence::Evidence, crate::i18n::Message>> {
        let Some(store) = self.evidence.as_deref_mut() else {
            return Ok(Err(crate::msg!("evidence-not-offered")));
        };
        let evidence = match store.attach(path, &self.answers) {
            Ok(evidence) => evidence,
            Err(why) => return Ok(Err(why)),
        };
        let item = self.order[index].1.id.clone();
        self.record(Event::Evidence {
            item,
            evidence: evidence.clone(),
        })?;
        Ok(Ok(evidence))
    }

    pub fn template(&self) -> &'a Template {
        self.template
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn into_answers(self) -> Answers {
        self.answers
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn item(&self, index: usize) -> (&'a Section, &'a Item) {
        self.order[index]
    }

    /// Whether an item has been dealt with: answered (with what a failed answer must
    /// come with), or skipped when optional.
    pub fn is_done(&self, index: usize) -> bool {
        let item = self.order[index].1;
        let dealt = self
            .answers
            .get(&item.id)
            .is_some_and(|e| e.answer.is_some() || (e.skipped && !item.required));
        dealt && self.missing(index).is_empty()
    }

    /// What the item's failed answer still needs (its template's `on_fail`).
    pub fn missing(&self, index: usize) -> Vec<OnFail> {
        if !self.failed(index) {
            return Vec::new();
        }
        let entry = self.answers.get(&self.order[index].1.id);
        let has = |need: &OnFail| match need {
            OnFail::Note => entry.is_some_and(|e| e.note.is_some()),
            OnFail::Action => entry.is_some_and(|e| e.action.is_some()),
        };
        let item = self.order[index].1;
        item.on_fail.iter().filter(|n| !has(n)).copied().collect()
    }

    /// Whether the item is asked: its `when` holds, transitively.
    pub fn is_visible(&self, index: usize) -> bool {
        !self.hidden.contains(&self.order[index].1.id)
    }

    /// The items that can still be asked, and how many of them are done.
    pub fn progress(&self) -> (usize, usize) {
        let visible = (0..self.order.len()).filter(|&i| self.is_visible(i));
        visible.fold((0, 0), |(done, total), i| {
            (done + usize::from(self.is_done(i)), total + 1)
        })
    }

    /// The item's place among the visible items, from 1.
    pub fn position(&self, index: usize) -> usize {
        1 + (0..index).filter(|&i| self.is_visible(i)).count()
    }

    /// The first visible item that is not done, from the start.
    pub fn first_open(&self) -> Option<usize> {
        (0..self.order.len()).find(|&i| self.is_visible(i) && !self.is_done(i))
    }

    /// What comes after `index` is answered. Below the furthest item shown in this
    /// sitting (the inspector went back): the next visible item in template order,
    /// answered or not, so that the items between are reviewed. Else the next open
    /// item (items answered in advance are not asked again), wrapping around; `None`
    /// when every visible item is done.
    pub fn after(&self, index: usize) -> Option<usize> {
        let reviewing = self.furthest.is_some_and(|f| index < f);
        let next_in_order = (index + 1..self.order.len()).find(|&i| self.is_visible(i));
        match next_in_order {
            Some(next) if reviewing => Some(next),
            _ => (index + 1..self.order.len())
                .chain(0..=index)
                .find(|&i| self.is_visible(i) && !self.is_done(i)),
        }
    }

    /// The front end shows `index`: remembered as the furthest item reached.
    pub fn shown(&mut self, index: usize) {
        self.furthest = Some(self.furthest.map_or(index, |f| f.max(index)));
    }

    /// The visible item before `index`, answered or not.
    pub fn previous(&self, index: usize) -> Option<usize> {
        (0..index).rev().find(|&i| self.is_visible(i))
    }

    /// The last visible item (going back from the summary).
    pub fn last(&self) -> Option<usize> {
        self.previous(self.order.len())
    }

    /// Records an answer (`None` skips an optional item), with an optional note. A
    /// corrective action belongs to a failed answer: when the new answer does not fail,
    /// the action is removed, and the removed action is returned so that the front end
    /// can say so.
    pub fn answer(
        &mut self,
        index: usize,
        answer: Option<Answer>,
        note: Option<String>,
    ) -> io::Result<Option<Action>> {
        let item = self.order[index].1.id.clone();
        self.record(Event::Answer {
            item: item.clone(),
            answer,
            note,
        })?;
        let action = self.answers.get(&item).and_then(|e| e.action.clone());
        if action.is_some() && !self.failed(index) {
            self.record(Event::Action { item, action: None })?;
            return Ok(action);
        }
        Ok(None)
    }

    /// The corrective action recorded for the item, if any.
    pub fn action(&self, index: usize) -> Option<&Action> {
        let item = self.order[index].1;
        self.answers.get(&item.id).and_then(|e| e.action.as_ref())
    }

    /// The note recorded for the item, if any.
    pub fn note(&self, index: usize) -> Option<&str> {
        let item = self.order[index].1;
        self.answers.get(&item.id).and_then(|e| e.note.as_deref())
    }

    /// The current answer to the item, if any.
    pub fn current(&self, index: usize) -> Option<&Answer> {
        let item = self.order[index].1;
        self.answers.get(&item.id).and_then(|e| e.answer.as_ref())
    }

    pub fn set_note(&mut self, index: usize, note: Option<String>) -> io::Result<()> {
        let item = self.order[index].1.id.clone();
        self.record(Event::Note { item, note })
    }

    pub fn set_action(&mut self, index: usize, action: Option<Action>) -> io::Result<()> {
        let item = self.order[index].1.id.clone();
        self.record(Event::Action { item, action })
    }

    pub fn went_back(&mut self, index: usize) -> io::Result<()> {
        let item = self.order[index].1.id.clone();
        self.record(Event::Back { item })
    }

    /// Journal first: an event that could not be made durable changes nothing.
    fn record(&mut self, event: Event) -> io::Result<()> {
        self.journal
            .record(&event)
            .map_err(|e| io::Error::new(e.kind(), JournalFailed(e)))?;
        event.apply(&mut self.answers);
        self.hidden = Hidden::of(self.template, &self.answers);
        Ok(())
    }

    /// Whether the answer to `index` fails the item.
    pub fn failed(&self, index: usize) -> bool {
        let item = self.order[index].1;
        self.answers
            .get(&item.id)
            .and_then(|e| e.answer.as_ref())
            .and_then(|a| item_score(item, a))
            .is_some_and(|s| s < item.pass)
    }
}
