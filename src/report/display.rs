//! How report values read, shared by the Markdown, HTML and CSV renderers.

use super::model::{AnswerRecord, Finding, Report, SectionResult};
use crate::answer::{Action, clean};
use crate::locale::Lang;
use crate::msg;

/// `87.5%`, or `—` when there is no percent.
pub(crate) fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}%"))
}

/// A score or weight with at most two decimals: `1`, `0.75`.
pub(crate) fn number(v: f64) -> String {
    let text = format!("{v:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The answer as shown: yes or no in the interface language, the text, `N/A`,
/// `skipped` or `hidden`.
pub(crate) fn answer(record: &AnswerRecord, lang: Lang) -> String {
    match (&record.answer, record.na, record.skipped) {
        _ if record.hidden => lang.text("answer-hidden"),
        (_, true, _) => lang.text("answer-na"),
        (_, _, true) => lang.text("answer-skipped"),
        (Some(text), _, _) if record.kind == "yes_no" && text == "yes" => lang.text("key-yes"),
        (Some(text), _, _) if record.kind == "yes_no" && text == "no" => lang.text("key-no"),
        (Some(text), _, _) => clean(text).into_owned(),
        (None, _, _) => "—".to_owned(),
    }
}

/// The answer of a finding, as [`answer`] shows it.
pub(crate) fn finding_answer(report: &Report, finding: &Finding, lang: Lang) -> String {
    report
        .answers
        .iter()
        .find(|a| a.item == finding.item)
        .map_or_else(|| clean(&finding.answer).into_owned(), |a| answer(a, lang))
}

/// The texts of the failed critical items.
pub(crate) fn critical_failed(report: &Report) -> Vec<String> {
    report
        .overall
        .critical_failed
        .iter()
        .map(|id| {
            let text = report
                .answers
                .iter()
                .find(|a| &a.item == id)
                .map_or(id.as_str(), |a| a.text.as_str());
            clean(text).into_owned()
        })
        .collect()
}

pub(crate) fn score(record: &AnswerRecord) -> String {
    record.score.map_or_else(|| "—".to_owned(), number)
}

/// The area title of a section id.
pub(crate) fn area<'a>(sections: &'a [SectionResult], id: &'a str) -> &'a str {
    sections
        .iter()
        .find(|s| s.id == id)
        .map_or(id, |s| s.title.as_str())
}

/// `Reconcile weekly (owner Wang Fang, due 2026-12-15, high priority)`.
pub(crate) fn action(action: &Action, lang: Lang) -> String {
    let mut text = clean(&action.text).into_owned();
    let details: Vec<String> = [
        action
            .owner
            .as_deref()
            .map(|o| lang.format(&msg!("md-owner", owner = clean(o).into_owned()))),
        action
            .due
            .map(|d| lang.format(&msg!("md-due", due = d.to_string()))),
        action
            .priority
            .map(|p| lang.format(&msg!("md-priority", priority = lang.text(p.label_key())))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !details.is_empty() {
        text.push_str(&format!(
            " ({})",
            details.join(&lang.text("list-separator"))
        ));
    }
    text
}
