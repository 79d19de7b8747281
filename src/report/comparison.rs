//! Comparing inspections of one subject: what changed between two reports, and how
//! long each finding has recurred over a history.

use std::collections::HashMap;

use super::model::Report;

/// A section's percent before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaChange {
    pub id: String,
    pub title: String,
    pub old: Option<f64>,
    pub new: Option<f64>,
}

impl AreaChange {
    pub fn delta(&self) -> Option<f64> {
        Some(self.new? - self.old?)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FindingRef {
    pub item: String,
    pub section: String,
    pub text: String,
    pub severity: crate::scoring::Severity,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub old_percent: Option<f64>,
    pub new_percent: Option<f64>,
    pub areas: Vec<AreaChange>,
    /// Findings of the new report that the old one did not have.
    pub new_findings: Vec<FindingRef>,
    /// Findings of the old report that the new one does not have.
    pub fixed: Vec<FindingRef>,
    /// Findings of both.
    pub recurring: Vec<FindingRef>,
}

impl Comparison {
    pub fn delta(&self) -> Option<f64> {
        Some(self.new_percent? - self.old_percent?)
    }
}

fn refs(report: &Report) -> Vec<FindingRef> {
    report
        .findings
        .iter()
        .map(|f| FindingRef {
            item: f.item.clone(),
            section: f.section.clone(),
            text: f.text.clone(),
            severity: f.severity,
        })
        .collect()
}

pub fn compare(old: &Report, new: &Report) -> Comparison {
    let old_findings = refs(old);
    let new_findings = refs(new);
    let has = |list: &[FindingRef], item: &str| list.iter().any(|f| f.item == item);
    let mut areas: Vec<AreaChange> = new
        .sections
        .iter()
        .map(|s| AreaChange {
            id: s.id.clone(),
            title: s.title.clone(),
            old: old
                .sections
                .iter()
                .find(|o| o.id == s.id)
                .and_then(|o| o.percent),
            new: s.percent,
        })
        .collect();
    for s in old
        .sections
        .iter()
        .filter(|s| !new.sections.iter().any(|n| n.id == s.id))
    {
        areas.push(AreaChange {
            id: s.id.clone(),
            title: s.title.clone(),
            old: s.percent,
            new: None,
        });
    }
    Comparison {
        old_percent: old.overall.percent,
        new_percent: new.overall.percent,
        areas,
        new_findings: new_findings
            .iter()
            .filter(|f| !has(&old_findings, &f.item))
            .cloned()
            .collect(),
        fixed: old_findings
            .iter()
            .filter(|f| !has(&new_findings, &f.item))
            .cloned()
            .collect(),
        recurring: new_findings
            .iter()
            .filter(|f| has(&old_findings, &f.item))
            .cloned()
            .collect(),
    }
}

/// A finding of the latest report and for how many consecutive inspections, up to
/// and including the latest, it has been found.
#[derive(Debug, Clone, PartialEq)]
pub struct Streak {
    pub finding: FindingRef,
    pub consecutive: usize,
    /// In how many of all the inspections it was found.
    pub total: usize,
}

/// For reports of one subject in date order: each finding of the latest report with
/// its streak, longest first.
pub fn history(reports: &[Report]) -> Vec<Streak> {
    let Some(latest) = reports.last() else {
        return Vec::new();
    };
    let sets: Vec<HashMap<&str, ()>> = reports
        .iter()
        .map(|r| r.findings.iter().map(|f| (f.item.as_str(), ())).collect())
        .collect();
    let mut streaks: Vec<Streak> = refs(latest)
        .into_iter()
        .map(|finding| {
            let consecutive = sets
                .iter()
                .rev()
                .take_while(|s| s.contains_key(finding.item.as_str()))
                .count();
            let total = sets
                .iter()
                .filter(|s| s.contains_key(finding.item.as_str()))
                .count();
            Streak {
                finding,
                consecutive,
                total,
            }
        })
        .collect();
    streaks.sort_by(|a, b| {
        b.consecutive
            .cmp(&a.consecutive)
            .then(b.total.cmp(&a.total))
    });
    streaks
}
