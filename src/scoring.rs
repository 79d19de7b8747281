//! The scoring model (normative, see the README): pure functions from a template and
//! its answers to item, section and overall scores.
//!
//! - item score s ∈ [0, 1]; N/A, skipped and unscored items count nowhere;
//! - section percent = 100 · Σ(wᵢ·sᵢ) / Σwᵢ over its scored, answered items;
//! - overall percent = Σ(W·P) / ΣW over sections with a percent (XCCDF default model),
//!   with the flat points Σ(wᵢ·sᵢ) and maximum Σwᵢ alongside;
//! - an item fails below its pass level; the inspection fails below the pass mark or
//!   when a critical item fails.

use serde::{Deserialize, Serialize};

use crate::answer::{Answer, Answers};
use crate::template::{Item, Kind, Section, Template};

/// The score of one answer to one item; `None` when N/A or the kind is not scored.
pub fn item_score(item: &Item, answer: &Answer) -> Option<f64> {
    match (&item.kind, answer) {
        (_, Answer::Na) => None,
        (Kind::YesNo, Answer::Yes) => Some(1.0),
        (Kind::YesNo, Answer::No) => Some(0.0),
        (Kind::Scale { min, max, .. }, Answer::Scale(v)) => {
            Some((*v - *min) as f64 / (*max - *min) as f64)
        }
        (Kind::Choice { options }, Answer::Choice(label)) => {
            options.iter().find(|o| &o.label == label).map(|o| o.score)
        }
        (Kind::Number { target, .. }, Answer::Number(v)) => {
            Some(if target.contains(*v) { 1.0 } else { 0.0 })
        }
        _ => None,
    }
}

/// The best score an answer to this item can get: 1, or a choice's best option.
pub fn best_score(item: &Item) -> Option<f64> {
    best_answer(item).and_then(|answer| item_score(item, &answer))
}

/// An answer that gets the item's best score (for what-if).
pub fn best_answer(item: &Item) -> Option<Answer> {
    match &item.kind {
        Kind::YesNo => Some(Answer::Yes),
        Kind::Scale { max, .. } => Some(Answer::Scale(*max)),
        Kind::Choice { options } => options
            .iter()
            .max_by(|a, b| a.score.total_cmp(&b.score))
            .map(|o| Answer::Choice(o.label.clone())),
        Kind::Number { target, .. } => {
            Some(Answer::Number(target.min.or(target.max).unwrap_or(0.0)))
        }
        Kind::Text | Kind::Date => None,
    }
}

/// Whether an item is asked: it has no `when`, or the item it names got that answer.
pub fn applies(item: &Item, answers: &Answers) -> bool {
    item.when.as_ref().is_none_or(|when| {
        answers
            .get(&when.item)
            .and_then(|entry| entry.answer.as_ref())
            .is_some_and(|answer| answer.matches(&when.is))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Pass,
    Fail,
    NoScore,
}

impl Verdict {
    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Verdict::Pass => "result-pass",
            Verdict::Fail => "result-fail",
            Verdict::NoScore => "result-no-score",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::NoScore => "no-score",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Answered,
    Na,
    /// An optional item left unanswered.
    Skipped,
    /// Its `when` does not hold.
    NotAsked,
    /// No answer yet.
    Missing,
    /// Excused by a waiver in force: counts nowhere, whatever the answer.
    Waived,
}

#[derive(Debug, Clone)]
pub struct ItemScore<'t> {
    pub section: &'t Section,
    pub item: &'t Item,
    pub status: Status,
    pub score: Option<f64>,
    /// Scored below its pass level.
    pub failed: bool,
}

impl ItemScore<'_> {
    /// A finding: any scored item below full marks.
    pub fn is_finding(&self) -> bool {
        self.score.is_some_and(|s| s < 1.0)
    }

    pub fn severity(&self) -> Option<Severity> {
        if !self.is_finding() {
            None
        } else if self.failed && self.item.critical {
            Some(Severity::Critical)
        } else if self.failed {
            Some(Severity::Failed)
        } else {
            Some(Severity::Minor)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    Failed,
    Minor,
}

impl Severity {
    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Severity::Critical => "severity-critical",
            Severity::Failed => "severity-failed",
            Severity::Minor => "severity-minor",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Failed => "failed",
            Severity::Minor => "minor",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionScore {
    pub percent: Option<f64>,
    pub points: f64,
    pub max_points: f64,
    pub answered: usize,
    pub na: usize,
    pub failed: usize,
}

#[derive(Debug, Clone)]
pub struct Score<'t> {
    pub items: Vec<ItemScore<'t>>,
    /// In template order.
    pub sections: Vec<SectionScore>,
    pub percent: Option<f64>,
    pub points: f64,
    pub max_points: f64,
    pub verdict: Verdict,
    pub rating: Option<String>,
    /// Ids of critical items that failed.
    pub critical_failed: Vec<String>,
}

impl<'t> Score<'t> {
    /// Findings, critical first, then failed, then minor; heavier items first within each.
    pub fn findings(&self) -> Vec<&ItemScore<'t>> {
        let mut findings: Vec<&ItemScore<'t>> =
            self.items.iter().filter(|s| s.is_finding()).collect();
        findings.sort_by(|a, b| {
            a.severity()
                .cmp(&b.severity())
                .then(b.item.weight.total_cmp(&a.item.weight))
        });
        findings
    }

    pub fn failed(&self) -> impl Iterator<Item = &ItemScore<'t>> {
        self.items.iter().filter(|s| s.failed)
    }
}

/// Scores every item, section and the whole inspection.
pub fn score<'t>(template: &'t Template, answers: &Answers) -> Score<'t> {
    score_waived(template, answers, &std::collections::BTreeSet::new())
}

/// Scores with the items of waivers in force taken out: they count in neither the
/// numerator nor the denominator, like N/A.
pub fn score_waived<'t>(
    template: &'t Template,
    answers: &Answers,
    waived: &std::collections::BTreeSet<String>,
) -> Score<'t> {
    let mut items = Vec::with_capacity(template.item_count());
    let mut sections = Vec::with_capacity(template.sections.len());
    for section in &template.sections {
        let mut s = SectionScore {
            percent: None,
            points: 0.0,
            max_points: 0.0,
            answered: 0,
            na: 0,
            failed: 0,
        };
        for item in &section.items {
            let entry = answers.get(&item.id);
            let (status, score) = if !applies(item, answers) {
                (Status::NotAsked, None)
            } else {
                match entry.map(|e| (e.answer.as_ref(), e.skipped)) {
                    Some((Some(Answer::Na), _)) => (Status::Na, None),
                    Some((Some(answer), _)) => (Status::Answered, item_score(item, answer)),
                    Some((None, true)) => (Status::Skipped, None),
                    _ => (Status::Missing, None),
                }
            };
            let (status, score) = if waived.contains(&item.id) && status != Status::NotAsked {
                (Status::Waived, None)
            } else {
                (status, score)
            };
            match status {
                Status::Answered => s.answered += 1,
                Status::Na => s.na += 1,
                _ => {}
            }
            let failed = score.is_some_and(|v| v < item.pass);
            if let Some(v) = score {
                s.points += item.weight * v;
                s.max_points += item.weight;
            }
            s.failed += usize::from(failed);
            items.push(ItemScore {
                section,
                item,
                status,
                score,
                failed,
            });
        }
        if s.max_points > 0.0 {
            s.percent = Some(100.0 * s.points / s.max_points);
        }
        sections.push(s);
    }
    let weighted: Vec<(f64, f64)> = template
        .sections
        .iter()
        .zip(&sections)
        .filter_map(|(t, s)| s.percent.map(|p| (t.weight, p)))
        .collect();
    let total_weight: f64 = weighted.iter().map(|(w, _)| w).sum();
    let percent = (!weighted.is_empty()).then(|| {
        (weighted.iter().map(|(w, p)| w * p).sum::<f64>() / total_weight).clamp(0.0, 100.0)
    });
    let critical_failed: Vec<String> = items
        .iter()
        .filter(|s| s.failed && s.item.critical)
        .map(|s| s.item.id.clone())
        .collect();
    let verdict = match percent {
        None => Verdict::NoScore,
        Some(p) if p < template.scoring.pass_mark || !critical_failed.is_empty() => Verdict::Fail,
        Some(_) => Verdict::Pass,
    };
    Score {
        items,
        percent,
        points: sections.iter().map(|s| s.points).sum(),
        max_points: sections.iter().map(|s| s.max_points).sum(),
        verdict,
        rating: percent.and_then(|p| template.rating(p)).map(str::to_owned),
        sections,
        critical_failed,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::answer::Entry;

    const TEMPLATE: &str = r#"
format = 1
id = "t"
title = "T"
version = "1"
language = "en"
[scoring]
pass_mark = 70
[[sections]]
id = "a"
title = "A"
weight = 2
[[sections.items]]
id = "a1"
text = "?"
guidance = "g"
kind = "yes_no"
weight = 3
[[sections.items]]
id = "a2"
text = "?"
guidance = "g"
kind = "scale"
min = 1
max = 5
[[sections.items]]
id = "a3"
text = "?"
guidance = "g"
kind = "choice"
options = [{ label = "Weekly", score = 1.0 }, { label = "Monthly", score = 0.25 }]
when = { item = "a1", is = "yes" }
[[sections]]
id = "b"
title = "B"
[[sections.items]]
id = "b1"
text = "?"
guidance = "g"
kind = "number"
target = { max = 24 }
critical = true
na = false
[[sections.items]]
id = "b2"
text = "?"
guidance = "g"
kind = "text"
required = false
"#;

    fn template() -> Template {
        crate::template::check(TEMPLATE)
            .template
            .expect("valid test template")
    }

    fn answers(pairs: &[(&str, Option<Answer>)]) -> Answers {
        pairs
            .iter()
            .map(|(id, a)| {
                (
                    (*id).to_owned(),
                    Entry {
                        answer: a.clone(),
                        skipped: a.is_none(),
                        note: None,
                        action: None,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn hand_computed_percent() {
        let t = template();
        let a = answers(&[
            ("a1", Some(Answer::Yes)),
            ("a2", Some(Answer::Scale(4))),
            ("a3", Some(Answer::Choice("Monthly".into()))),
            ("b1", Some(Answer::Number(30.0))),
            ("b2", None),
        ]);
        let s = score(&t, &a);
        // a: (3·1 + 1·0.75 + 1·0.25) / 5 = 80 %; b: 0 %; overall (2·80 + 1·0) / 3.
        assert_eq!(s.sections[0].percent, Some(80.0));
        assert_eq!(s.sections[1].percent, Some(0.0));
        assert!((s.percent.unwrap() - 160.0 / 3.0).abs() < 1e-9);
        assert_eq!((s.points, s.max_points), (4.0, 6.0));
        assert_eq!(s.verdict, Verdict::Fail);
        assert_eq!(s.critical_failed, ["b1"]);
        assert_eq!(s.rating.as_deref(), Some("Unsatisfactory"));
        let findings: Vec<_> = s
            .findings()
            .iter()
            .map(|f| (f.item.id.as_str(), f.severity()))
            .collect();
        assert_eq!(
            findings,
            [
                ("b1", Some(Severity::Critical)),
                ("a3", Some(Severity::Failed)),
                ("a2", Some(Severity::Minor))
            ]
        );
    }

    #[test]
    fn when_that_does_not_hold_is_not_asked_and_counts_nowhere() {
        let t = template();
        let a = answers(&[
            ("a1", Some(Answer::No)),
            ("a2", Some(Answer::Scale(5))),
            ("b1", Some(Answer::Number(2.0))),
        ]);
        let s = score(&t, &a);
        assert_eq!(s.items[2].status, Status::NotAsked);
        // a: (3·0 + 1·1) / 4 = 25 %; b: 100 %; overall (2·25 + 100) / 3 = 50.
        assert_eq!(s.sections[0].percent, Some(25.0));
        assert_eq!(s.percent, Some(50.0));
        assert_eq!(s.items[4].status, Status::Missing);
    }

    #[test]
    fn best_answers_pass_with_100() {
        let t = template();
        let a: Answers = t
            .items()
            .filter_map(|(_, i)| {
                best_answer(i).map(|b| {
                    (
                        i.id.clone(),
                        Entry {
                            answer: Some(b),
                            ..Entry::default()
                        },
                    )
                })
            })
            .collect();
        let s = score(&t, &a);
        assert_eq!(s.percent, Some(100.0));
        assert_eq!(s.verdict, Verdict::Pass);
        assert_eq!(s.rating.as_deref(), Some("Excellent"));
        assert!(s.findings().is_empty());
    }

    #[test]
    fn nothing_scored_is_no_score() {
        let t = template();
        let s = score(
            &t,
            &answers(&[("a1", Some(Answer::Na)), ("a2", Some(Answer::Na))]),
        );
        assert_eq!(
            (s.percent, s.verdict, s.rating.as_deref()),
            (None, Verdict::NoScore, None)
        );
    }

    #[test]
    fn a_waived_item_counts_nowhere() {
        let t = template();
        let a = answers(&[
            ("a1", Some(Answer::No)),
            ("a2", Some(Answer::Scale(5))),
            ("b1", Some(Answer::Number(2.0))),
        ]);
        let waived = ["a1".to_owned()].into_iter().collect();
        let s = score_waived(&t, &a, &waived);
        // a1 (weight 3, answered no) is out: a = 1·1 / 1 = 100 %, as if it were N/A.
        assert_eq!(s.items[0].status, Status::Waived);
        assert_eq!(s.sections[0].percent, Some(100.0));
        assert_eq!((s.points, s.max_points), (2.0, 2.0));
        assert_eq!(s.percent, Some(100.0));
        assert!(s.findings().is_empty());
        let mut na = a.clone();
        na.get_mut("a1").unwrap().answer = Some(Answer::Na);
        assert_eq!(score(&t, &na).percent, s.percent);
    }

    fn any_answer(item: &Item) -> BoxedStrategy<Option<Answer>> {
        let na = Just(Some(Answer::Na));
        match &item.kind {
            Kind::YesNo => prop_oneof![Just(Some(Answer::Yes)), Just(Some(Answer::No)), na].boxed(),
            Kind::Scale { min, max, .. } => {
                prop_oneof![(*min..=*max).prop_map(|v| Some(Answer::Scale(v))), na].boxed()
            }
            Kind::Choice { options } => {
                let labels: Vec<String> = options.iter().map(|o| o.label.clone()).collect();
                prop_oneof![
                    proptest::sample::select(labels).prop_map(|l| Some(Answer::Choice(l))),
                    na
                ]
                .boxed()
            }
            Kind::Number { .. } => (-100.0..100.0f64)
                .prop_map(|v| Some(Answer::Number(v)))
                .boxed(),
            _ => Just(None).boxed(),
        }
    }

    fn any_answers() -> impl Strategy<Value = Answers> {
        let t = template();
        let strategies: Vec<_> = t
            .items()
            .map(|(_, i)| {
                any_answer(i).prop_map({
                    let id = i.id.clone();
                    move |a| {
                        (
                            id.clone(),
                            Entry {
                                answer: a,
                                ..Entry::default()
                            },
                        )
                    }
                })
            })
            .collect();
        strategies.prop_map(|pairs| pairs.into_iter().collect())
    }

    proptest! {
        #[test]
        fn percent_is_within_0_and_100(a in any_answers()) {
            let t = template();
            let s = score(&t, &a);
            if let Some(p) = s.percent {
                prop_assert!((0.0..=100.0).contains(&p));
            } else {
                prop_assert_eq!(s.verdict, Verdict::NoScore);
            }
        }

        #[test]
        fn an_added_na_never_changes_the_percent(a in any_answers(), which in 0usize..5) {
            let t = template();
            let before = score(&t, &a).percent;
            let id = &t.items().nth(which).unwrap().1.id;
            let mut with_na = a.clone();
            let unanswered = a.get(id).is_none_or(|e| e.answer.is_none());
            // N/A for an item that had no answer adds nothing.
            if unanswered && t.find_item(id).unwrap().1.na {
                with_na.insert(id.clone(), Entry { answer: Some(Answer::Na), ..Entry::default() });
                let after = score(&t, &with_na).percent;
                prop_assert_eq!(before, after);
            }
        }

        #[test]
        fn scaling_all_weights_changes_nothing(a in any_answers(), k in 0.01f64..1000.0) {
            let t = template();
            let mut scaled = t.clone();
            for section in &mut scaled.sections {
                section.weight *= k;
                for item in &mut section.items {
                    item.weight *= k;
                }
            }
            let (p, q) = (score(&t, &a).percent, score(&scaled, &a).percent);
            match (p, q) {
                (Some(p), Some(q)) => prop_assert!((p - q).abs() < 1e-9, "{p} vs {q}"),
                (p, q) => prop_assert_eq!(p, q),
            }
        }
    }
}
