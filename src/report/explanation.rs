//! Why a report scored what it did: each item's share of the overall percent, and
//! what the percent would be if one finding were fixed. Exact, from the report alone:
//! fixing a scored item changes no denominator.

use std::collections::HashMap;

use super::model::Report;
use crate::scoring::Verdict;

/// One scored item's part in the overall percent.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub item: String,
    pub section: String,
    pub text: String,
    pub score: f64,
    /// Percentage points it adds to the overall percent now.
    pub points: f64,
    /// Percentage points it would add at full marks.
    pub max_points: f64,
    /// Percentage points it would add answered at its best (below `max_points` when a
    /// choice's best option scores below 1).
    pub best_points: f64,
}

/// The overall percent and result if one item were answered at its best.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    pub item: String,
    pub text: String,
    pub critical: bool,
    /// Percentage points gained.
    pub gain: f64,
    pub percent: f64,
    pub result: Verdict,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub percent: Option<f64>,
    pub result: Verdict,
    pub pass_mark: f64,
    /// In report order.
    pub contributions: Vec<Contribution>,
    /// Largest gain first.
    pub what_if: Vec<WhatIf>,
}

pub fn explain(report: &Report) -> Explanation {
    // Per section: its weight and the sum of weights of its scored items.
    let mut max_by_section: HashMap<&str, f64> = HashMap::new();
    for answer in &report.answers {
        if answer.score.is_some() {
            *max_by_section.entry(answer.section.as_str()).or_default() += answer.weight;
        }
    }
    let counted: Vec<(&str, f64)> = report
        .sections
        .iter()
        .filter(|s| s.percent.is_some())
        .map(|s| (s.id.as_str(), s.weight))
        .collect();
    let total_weight: f64 = counted.iter().map(|(_, w)| w).sum();
    let share = |section: &str| -> Option<f64> {
        let weight = counted.iter().find(|(id, _)| *id == section)?.1;
        let max = *max_by_section.get(section)?;
        (max > 0.0 && total_weight > 0.0).then(|| 100.0 * weight / total_weight / max)
    };
    let contributions: Vec<Contribution> = report
        .answers
        .iter()
        .filter_map(|a| {
            let score = a.score?;
            let factor = share(&a.section)?;
            Some(Contribution {
                item: a.item.clone(),
                section: a.section.clone(),
                text: a.text.clone(),
                score,
                points: factor * a.weight * score,
                max_points: factor * a.weight,
                best_points: factor * a.weight * a.best_score.unwrap_or(1.0).max(score),
            })
        })
        .collect();
    let critical = &report.overall.critical_failed;
    let mut what_if: Vec<WhatIf> = match report.overall.percent {
        None => Vec::new(),
        Some(percent) => contributions
            .iter()
            .filter(|c| c.best_points > c.points)
            .map(|c| {
                let gain = c.best_points - c.points;
                let fixed = (percent + gain).min(100.0);
                let critical_left = critical.iter().any(|id| *id != c.item);
                let result = if fixed < report.overall.pass_mark || critical_left {
                    Verdict::Fail
                } else {
                    Verdict::Pass
                };
                WhatIf {
                    item: c.item.clone(),
                    text: c.text.clone(),
                    critical: critical.contains(&c.item),
                    gain,
                    percent: fixed,
                    result,
                }
            })
            .collect(),
    };
    what_if.sort_by(|a, b| b.gain.total_cmp(&a.gain).then(b.critical.cmp(&a.critical)));
    Explanation {
        percent: report.overall.percent,
        result: report.overall.result,
        pass_mark: report.overall.pass_mark,
        contributions,
        what_if,
    }
}
