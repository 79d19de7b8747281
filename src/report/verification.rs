//! Is a report what `opscheck run` wrote? Its digest shows an edit after writing; its
//! answers, scored again with the same template, show scores that do not follow.

use super::model::{Meta, Report};
use crate::answer::{Answer, Answers, Entry};
use crate::i18n::Message;
use crate::msg;
use crate::template::{Kind, Template};

/// The path of every field of the report's JSON that the report model does not know
/// (`approved_by`, `answers[3].extra`): the digest covers only known fields, so an
/// unknown one could say anything. Empty for a report as `run` writes it.
pub fn unknown_fields(text: &str) -> Vec<String> {
    let mut unknown = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let read: Result<Report, _> =
        serde_ignored::deserialize(&mut deserializer, |path| unknown.push(path.to_string()));
    if read.is_err() {
        return Vec::new();
    }
    unknown
}

/// The first line (1-based) at which `text` differs from the bytes `opscheck run`
/// writes for `report`; `None` when identical. This is what makes a non-canonical
/// number (`75.00`), a reordered key or a reformatted file an error: the digest covers
/// the parsed values, the bytes are checked here. Reports written before JSON output
/// escaped hidden characters (plain `serde_json` pretty form) are accepted too.
pub fn non_canonical_line(text: &str, report: &Report) -> Option<usize> {
    let canonical = report.to_json();
    if text == canonical {
        return None;
    }
    let mut legacy = serde_json::to_string_pretty(report).unwrap_or_default();
    legacy.push('\n');
    if text == legacy {
        return None;
    }
    let differs = text
        .split('\n')
        .zip(canonical.split('\n').chain(std::iter::repeat("")))
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| text.split('\n').count());
    Some(differs + 1)
}

/// Whether the stored digest matches the report's content.
pub fn digest_matches(report: &Report) -> bool {
    report.digest.as_deref() == Some(report.compute_digest().as_str())
}

/// Scores the report's answers again with `template` and lists every value that
/// differs from what the report says. Empty when consistent.
pub fn inconsistencies(report: &Report, template: &Template) -> Vec<Message> {
    let mut problems = Vec::new();
    let mut answers = Answers::new();
    let index = template.item_index();
    for record in &report.answers {
        let Some(&item) = index.get(record.item.as_str()) else {
            problems.push(msg!("verify-unknown-item", item = &record.item));
            continue;
        };
        let answer = match (&record.answer, record.na) {
            (_, true) => Some(Answer::Na),
            (None, false) => None,
            (Some(text), false) if matches!(item.kind, Kind::Text) => {
                Some(Answer::Text(text.clone()))
            }
            (Some(text), false) => match Answer::parse(item, text) {
                Ok(answer) => Some(answer),
                Err(_) => {
                    problems.push(msg!(
                        "verify-bad-answer",
                        item = &record.item,
                        answer = text
                    ));
                    continue;
                }
            },
        };
        let skipped = answer.is_none() && record.skipped;
        answers.insert(
            record.item.clone(),
            Entry {
                answer,
                skipped,
                note: record.note.clone(),
                action: record.action.clone(),
                evidence: record.evidence.clone(),
            },
        );
    }
    if !problems.is_empty() {
        return problems;
    }
    let meta = Meta {
        subject: report.subject.clone(),
        inspector: report.inspector.clone(),
        date: report.date,
        started_at: report.started_at,
        finished_at: report.finished_at,
        template_sha256: report.template.sha256.clone(),
    };
    let expected = Report::with_waivers(template, &answers, meta, report.waivers.clone());
    let same = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (a, b) => a == b,
    };
    let show = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"));
    if !same(report.overall.percent, expected.overall.percent) {
        problems.push(msg!(
            "verify-differs",
            what = "overall.percent",
            stated = show(report.overall.percent),
            computed = show(expected.overall.percent)
        ));
    }
    for (what, stated, computed) in [
        (
            "overall.points",
            report.overall.points,
            expected.overall.points,
        ),
        (
            "overall.max_points",
            report.overall.max_points,
            expected.overall.max_points,
        ),
        (
            "overall.pass_mark",
            report.overall.pass_mark,
            expected.overall.pass_mark,
        ),
    ] {
        if !same(Some(stated), Some(computed)) {
            problems.push(msg!(
                "verify-differs",
                what = what,
                stated = show(Some(stated)),
                computed = show(Some(computed))
            ));
        }
    }
    if report.overall.rating != expected.overall.rating {
        let text = |r: &Option<String>| r.clone().unwrap_or_else(|| "—".to_owned());
        problems.push(msg!(
            "verify-differs",
            what = "overall.rating",
            stated = text(&report.overall.rating),
            computed = text(&expected.overall.rating)
        ));
    }
    if report.overall.critical_failed != expected.overall.critical_failed {
        problems.push(msg!(
            "verify-differs",
            what = "overall.critical_failed",
            stated = report.overall.critical_failed.join(", "),
            computed = expected.overall.critical_failed.join(", ")
        ));
    }
    if report.overall.result != expected.overall.result {
        problems.push(msg!(
            "verify-differs",
            what = "overall.result",
            stated = report.overall.result.as_str(),
            computed = expected.overall.result.as_str()
        ));
    }
    for (stated, computed) in report.sections.iter().zip(&expected.sections) {
        let counts = |s: &super::SectionResult| (s.answered, s.na, s.failed);
        if !same(Some(stated.points), Some(computed.points)) || counts(stated) != counts(computed) {
            problems.push(msg!(
                "verify-differs",
                what = format!("sections.{}", stated.id),
                stated = format!("{:?}", (stated.points, counts(stated))),
                computed = format!("{:?}", (computed.points, counts(computed)))
            ));
        }
        if !same(stated.percent, computed.percent) {
            problems.push(msg!(
                "verify-differs",
                what = format!("sections.{}.percent", stated.id),
                stated = show(stated.percent),
                computed = show(computed.percent)
            ));
        }
    }
    for (stated, computed) in report.answers.iter().zip(&expected.answers) {
        if !same(stated.score, computed.score) {
            problems.push(msg!(
                "verify-differs",
                what = format!("answers.{}.score", stated.item),
                stated = show(stated.score),
                computed = show(computed.score)
            ));
        }
    }
    let ids = |r: &Report| {
        r.findings
            .iter()
            .map(|f| (f.item.clone(), f.severity))
            .collect::<Vec<_>>()
    };
    if ids(report) != ids(&expected) {
        problems.push(msg!("verify-findings"));
    }
    problems
}
