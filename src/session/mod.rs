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
use crate::journal::{Event, Journal};
use crate::scoring::{applies, item_score};
use crate::template::{Item, Section, Template};

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
pub struct Session<'a> {
    template: &'a Template,
    /// Every item with its section, in template order.
    order: Vec<(&'a Section, &'a Item)>,
    answers: Answers,
    journal: &'a mut dyn Journal,
    /// Where attached files go; `None`: attaching is not offered.
    evidence: Option<&'a mut dyn crate::evidence::Attach>,
}

impl<'a> Session<'a> {
    pub fn new(template: &'a Template, answers: Answers, journal: &'a mut dyn Journal) -> Self {
        Session {
            template,
            order: template.items().collect(),
            answers,
            journal,
            evidence: None,
        }
    }

    /// Lets the inspector attach files, stored by `store`.
    pub fn with_evidence(mut self, store: &'a mut dyn crate::evidence::Attach) -> Self {
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

    /// Whether an item has been dealt with: answered, or skipped when optional.
    pub fn is_done(&self, index: usize) -> bool {
        let item = self.order[index].1;
        self.answers
            .get(&item.id)
            .is_some_and(|e| e.answer.is_some() || (e.skipped && !item.required))
    }

    /// The next item to ask after `from` (or from the start): the first that applies
    /// and is not done, wrapping around, so that a corrected earlier answer returns
    /// the inspector to where they were.
    pub fn next_open(&self, from: Option<usize>) -> Option<usize> {
        let start = from.map_or(0, |i| i + 1);
        (start..self.order.len())
            .chain(0..start)
            .find(|&i| applies(self.order[i].1, &self.answers) && !self.is_done(i))
    }

    /// The item before `index` that applies, answered or not.
    pub fn previous(&self, index: usize) -> Option<usize> {
        (0..index)
            .rev()
            .find(|&i| applies(self.order[i].1, &self.answers))
    }

    /// Records an answer (`None` skips an optional item), with an optional note.
    pub fn answer(
        &mut self,
        index: usize,
        answer: Option<Answer>,
        note: Option<String>,
    ) -> io::Result<()> {
        let item = self.order[index].1.id.clone();
        self.record(Event::Answer { item, answer, note })
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
        self.journal.record(&event)?;
        event.apply(&mut self.answers);
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
