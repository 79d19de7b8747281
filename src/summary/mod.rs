//! The manager's view over many reports: aggregation that streams (one report at a
//! time, folded on every core and merged) and the rows of every view.
//!
//! Each view is a module of [`view`] behind the [`View`] trait: adding one is a new
//! file there and its command-line spelling in `cli.rs`.

mod corpus;
pub mod dashboard;
pub mod exact;
mod output;
mod records;
mod stat;
pub mod view;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use globset::GlobMatcher;

/// A report as the views read it: its head, without the answers.
pub use crate::report::head::Head as Entry;
pub use corpus::{Corpus, Fold, Read, Skipped, Summarize, Summarized};
pub use output::{Output, Table};
pub use records::to_records;
pub use stat::Stat;

use crate::i18n::Message;
use crate::locale::Lang;
use crate::msg;
use crate::scoring::Verdict;

/// One way of grouping reports: folded report by report on each worker, the workers'
/// states merged, then turned into rows.
pub trait View: Clone + Send + Sync {
    /// The view's name in JSON output (`"view": "area"`).
    fn name(&self) -> &'static str;
    /// Adds one report that passed the filter.
    fn add(&mut self, entry: Entry);
    /// Combines the state of a disjoint set of reports.
    fn merge(&mut self, other: Self);
    /// The rows, in the interface language, and the view's own JSON fields.
    fn output(self, context: &Context<'_>) -> Output;
}

/// What every view may use when it is turned into rows.
#[derive(Debug)]
pub struct Context<'a> {
    pub lang: Lang,
    pub mean: Mean,
    pub common: &'a Common,
}

/// How percents are averaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mean {
    /// The mean of the inspections' percents: every inspection counts the same.
    Inspections,
    /// Σ points / Σ maximum points: bigger inspections count more.
    Pooled,
}

impl Mean {
    fn name(self) -> &'static str {
        match self {
            Mean::Inspections => "inspections",
            Mean::Pooled => "pooled",
        }
    }
}

/// Which reports to take.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub subject: Option<GlobMatcher>,
    pub template: Option<String>,
    pub inspector: Option<String>,
    pub result: Option<Verdict>,
}

impl Filter {
    pub fn accepts(&self, e: &Entry) -> bool {
        self.since.is_none_or(|d| e.date >= d)
            && self.until.is_none_or(|d| e.date <= d)
            && self.subject.as_ref().is_none_or(|g| g.is_match(&e.subject))
            && self.template.as_ref().is_none_or(|t| *t == e.template.id)
            && self.inspector.as_ref().is_none_or(|i| *i == e.inspector)
            && self.result.is_none_or(|r| r == e.overall.result)
    }
}

/// What is gathered for every view: totals, template versions, reports per template.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Common {
    pub totals: Stat,
    /// Template id → versions seen.
    pub versions: BTreeMap<String, BTreeSet<String>>,
    /// Reports per template id (for the share of a finding).
    pub per_template: BTreeMap<String, usize>,
}

impl Common {
    fn add(&mut self, e: &Entry) {
        self.totals.add_overall(&e.overall);
        if !self
            .versions
            .get(&e.template.id)
            .is_some_and(|v| v.contains(&e.template.version))
        {
            self.versions
                .entry(e.template.id.clone())
                .or_default()
                .insert(e.template.version.clone());
        }
        *self.per_template.entry(e.template.id.clone()).or_default() += 1;
    }

    fn merge(&mut self, other: Common) {
        self.totals.merge(&other.totals);
        for (id, versions) in other.versions {
            self.versions.entry(id).or_default().extend(versions);
        }
        for (id, n) in other.per_template {
            *self.per_template.entry(id).or_default() += n;
        }
    }

    /// A note for each template seen in more than one version.
    fn version_notes(&self) -> Vec<Message> {
        self.versions
            .iter()
            .filter(|(_, versions)| versions.len() > 1)
            .map(|(template, versions)| {
                let list = versions.iter().cloned().collect::<Vec<_>>().join(", ");
                msg!("summary-versions", template = template, versions = list)
            })
            .collect()
    }
}

/// A view and the figures every view shares, for one set of reports.
#[derive(Debug, Clone)]
pub struct Summary<V> {
    pub common: Common,
    pub view: V,
}

impl<V: View> Summary<V> {
    pub fn new(view: V) -> Summary<V> {
        Summary {
            common: Common::default(),
            view,
        }
    }

    pub fn add(&mut self, entry: Entry) {
        self.common.add(&entry);
        self.view.add(entry);
    }

    pub fn merge(&mut self, other: Summary<V>) {
        self.common.merge(other.common);
        self.view.merge(other.view);
    }

    /// The view's rows and JSON, with what every view says: the report count, skipped
    /// files, the mean used, and template versions.
    pub fn output(self, lang: Lang, mean: Mean, skipped: usize) -> Output {
        let context = Context {
            lang,
            mean,
            common: &self.common,
        };
        let name = self.view.name();
        let mut output = self.view.output(&context);
        if let serde_json::Value::Object(fields) = &mut output.json {
            fields.insert("view".into(), name.into());
            fields.insert("reports".into(), self.common.totals.count.into());
            fields.insert("skipped".into(), skipped.into());
            fields.insert("mean".into(), mean.name().into());
        }
        output.notes.extend(self.common.version_notes());
        output
    }
}
