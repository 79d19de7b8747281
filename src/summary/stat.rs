//! Running figures of a set of percents, mergeable across workers.

use super::Mean;
use super::exact::ExactSum;
use crate::report::Overall;
use crate::scoring::Verdict;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stat {
    /// Reports seen.
    pub count: usize,
    /// Reports with a percent.
    pub scored: usize,
    /// Σ percents, exact: the same whatever the order the reports come in.
    pub sum: ExactSum,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub points: ExactSum,
    pub max_points: ExactSum,
    pub passes: usize,
    /// Scored reports below their pass mark.
    pub below: usize,
}

impl Stat {
    pub(super) fn add(
        &mut self,
        percent: Option<f64>,
        points: f64,
        max_points: f64,
        passed: bool,
        pass_mark: f64,
    ) {
        self.count += 1;
        self.passes += usize::from(passed);
        self.points.add(points);
        self.max_points.add(max_points);
        if let Some(p) = percent {
            self.scored += 1;
            self.sum.add(p);
            self.min = Some(self.min.map_or(p, |m| m.min(p)));
            self.max = Some(self.max.map_or(p, |m| m.max(p)));
            self.below += usize::from(p < pass_mark);
        }
    }

    /// Adds one inspection's overall result.
    pub(super) fn add_overall(&mut self, o: &Overall) {
        self.add(
            o.percent,
            o.points,
            o.max_points,
            o.result == Verdict::Pass,
            o.pass_mark,
        );
    }

    pub(super) fn merge(&mut self, other: &Stat) {
        self.count += other.count;
        self.scored += other.scored;
        self.sum.merge(&other.sum);
        self.points.merge(&other.points);
        self.max_points.merge(&other.max_points);
        self.passes += other.passes;
        self.below += other.below;
        self.min = match (self.min, other.min) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.max = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }

    pub fn mean(&self, mean: Mean) -> Option<f64> {
        match mean {
            Mean::Inspections => (self.scored > 0).then(|| self.sum.value() / self.scored as f64),
            Mean::Pooled => {
                let max = self.max_points.value();
                (max > 0.0).then(|| 100.0 * self.points.value() / max)
            }
        }
    }

    pub fn pass_rate(&self) -> Option<f64> {
        (self.count > 0).then(|| self.passes as f64 / self.count as f64)
    }

    pub fn below_share(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.below as f64 / self.scored as f64)
    }
}
