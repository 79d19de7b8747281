//! Which items are asked: the one evaluation of `when`, used by the run, the report,
//! and so by `explain`, `diff` and `verify`, which read what the report says.
//!
//! Transitive: an item is hidden when its condition does not hold, or when the item
//! its condition names is hidden itself (its answer, if any, is stale and counts
//! nowhere). `when` may only name an earlier item, so one pass in template order
//! settles every item.

use std::collections::HashSet;

use crate::answer::Answers;
use crate::template::{Item, Template};

/// Whether the item's own condition holds: it has no `when`, or the item it names got
/// that answer. Only part of the rule: [`Hidden::of`] also hides an item whose
/// condition names a hidden item. Answers built in template order, never answering a
/// hidden item (as a generator does), need nothing more.
pub fn holds(item: &Item, answers: &Answers) -> bool {
    item.when.as_ref().is_none_or(|when| {
        answers
            .get(&when.item)
            .and_then(|entry| entry.answer.as_ref())
            .is_some_and(|answer| answer.matches(&when.is))
    })
}

/// The ids of the items hidden by `when`, given the answers so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hidden(HashSet<String>);

impl Hidden {
    pub fn of(template: &Template, answers: &Answers) -> Hidden {
        let mut hidden = HashSet::new();
        for (_, item) in template.items() {
            let named_hidden = item.when.as_ref().is_some_and(|w| hidden.contains(&w.item));
            if named_hidden || !holds(item, answers) {
                hidden.insert(item.id.clone());
            }
        }
        Hidden(hidden)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.0.contains(id)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::{Answer, Entry};

    const CHAIN: &str = r#"
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
id = "b"
text = "B?"
guidance = "g"
kind = "yes_no"
when = { item = "a", is = "no" }
[[sections.items]]
id = "c"
text = "C?"
guidance = "g"
kind = "yes_no"
when = { item = "b", is = "no" }
"#;

    fn answers(pairs: &[(&str, Answer)]) -> Answers {
        pairs
            .iter()
            .map(|(id, a)| {
                (
                    (*id).to_owned(),
                    Entry {
                        answer: Some(a.clone()),
                        ..Entry::default()
                    },
                )
            })
            .collect()
    }

    #[test]
    fn a_hidden_item_hides_the_items_that_depend_on_it() {
        let t = crate::template::check(CHAIN).template.unwrap();
        let stale = answers(&[("a", Answer::Yes), ("b", Answer::No), ("c", Answer::No)]);
        let hidden = Hidden::of(&t, &stale);
        assert!(hidden.contains("b") && hidden.contains("c"), "{hidden:?}");
        let shown = answers(&[("a", Answer::No), ("b", Answer::No)]);
        assert!(Hidden::of(&t, &shown).is_empty());
        assert_eq!(Hidden::of(&t, &Answers::new()).len(), 2);
    }
}
