//! The HTML report: one self-contained page (inline CSS and SVG, nothing fetched),
//! printable to PDF. minijinja escapes every value, so user text stays text.

use std::f64::consts::PI;

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Value, context};
use serde::Serialize;

use super::display::{self, number, percent};
use super::model::Report;
use crate::answer::clean;
use crate::locale::Lang;
use crate::msg;

const TEMPLATE: &str = include_str!("report.html");

pub fn render(report: &Report, lang: Lang) -> String {
    render_signed(report, lang, &[])
}

/// The report with the valid signatures found beside it (`opscheck report`).
pub fn render_signed(report: &Report, lang: Lang, signers: &[crate::signature::Signer]) -> String {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.add_template("report.html", TEMPLATE)
        .expect("the report template parses");
    let t = |key: &str| lang.text(key);
    let o = &report.overall;
    let areas: Vec<Area> = report
        .sections
        .iter()
        .map(|s| Area {
            title: clean(&s.title).into_owned(),
            percent: percent(s.percent),
            width: s.percent.map_or(0.0, |p| (p * 10.0).round() / 10.0),
            below: s.percent.is_some_and(|p| p < o.pass_mark),
            answers: report
                .answers
                .iter()
                .filter(|a| a.section == s.id)
                .map(|a| Row {
                    text: clean(&a.text).into_owned(),
                    answer: display::answer(a, lang),
                    score: display::score(a),
                    note: a
                        .note
                        .as_deref()
                        .map(|n| clean(n).into_owned())
                        .unwrap_or_default(),
                    evidence: a.evidence.iter().map(EvidenceView::new).collect(),
                })
                .collect(),
        })
        .collect();
    let findings: Vec<FindingView> = report
        .findings
        .iter()
        .map(|f| FindingView {
            severity: f.severity.as_str(),
            severity_text: t(f.severity.label_key()),
            area: clean(display::area(&report.sections, &f.section)).into_owned(),
            text: clean(&f.text).into_owned(),
            answer: display::finding_answer(report, f, lang),
            score: number(f.score),
            note: f.note.as_deref().map(|n| clean(n).into_owned()),
            action: f.action.as_ref().map(|a| display::action(a, lang)),
            evidence: report
                .answers
                .iter()
                .find(|a| a.item == f.item)
                .map(|a| a.evidence.iter().map(EvidenceView::new).collect())
                .unwrap_or_default(),
        })
        .collect();
    let labels = context! {
        subject => t("col-subject"), inspector => t("col-inspector"), date => t("col-date"),
        template => t("col-template"), areas => t("md-areas"), findings => t("md-findings"),
        no_findings => t("md-no-findings"), answers => t("md-answers"), answer => t("col-answer"),
        score => t("col-score"), note => t("md-note"), action => t("md-action"), item => t("col-item"),
    };
    let critical = (!o.critical_failed.is_empty()).then(|| {
        lang.format(&msg!(
            "md-critical-failed",
            items = display::critical_failed(report).join(&lang.text("list-separator"))
        ))
    });
    let ctx = context! {
        lang => lang.tag(),
        report => Value::from(Serde(report)),
        t => labels,
        verdict => t(o.result.label_key()),
        percent => o.percent.map(|p| format!("{p:.1}%")),
        pass_mark => lang.format(&msg!("term-pass-mark", mark = o.pass_mark)),
        points => lang.format(&msg!("md-points-of", points = number(o.points), max = number(o.max_points))),
        findings_count => lang.format(&msg!("html-findings", count = report.findings.len())),
        critical => critical,
        radar => Value::from(Serde(Radar::new(report))),
        areas => Value::from(Serde(&areas)),
        findings => Value::from(Serde(&findings)),
        signers => signers
            .iter()
            .map(|s| (lang.format(&msg!("md-signed", role = s.role.as_str())), clean(&s.name).into_owned()))
            .collect::<Vec<_>>(),
    };
    let html = env
        .get_template("report.html")
        .and_then(|template| template.render(ctx))
        .expect("the report template renders any report");
    crate::text::document(html)
}

#[derive(Serialize)]
struct Area {
    title: String,
    percent: String,
    width: f64,
    below: bool,
    answers: Vec<Row>,
}

#[derive(Serialize)]
struct Row {
    text: String,
    answer: String,
    score: String,
    note: String,
    evidence: Vec<EvidenceView>,
}

/// An evidence file: a thumbnail for an image, else a link. Only a path that is the
/// file's own (`evidence/HEX.EXT`, relative) is ever put in `href` or `src`.
#[derive(Serialize)]
struct EvidenceView {
    name: String,
    path: Option<String>,
    image: bool,
    title: String,
}

impl EvidenceView {
    fn new(e: &crate::evidence::Evidence) -> EvidenceView {
        EvidenceView {
            name: clean(&e.name).into_owned(),
            path: e.path_is_own().then(|| e.path.clone()),
            image: e.is_image(),
            title: format!("{} · {} · {} B", clean(&e.name), e.media_type, e.size),
        }
    }
}

#[derive(Serialize)]
struct FindingView {
    severity: &'static str,
    severity_text: String,
    area: String,
    text: String,
    answer: String,
    score: String,
    note: Option<String>,
    action: Option<String>,
    evidence: Vec<EvidenceView>,
}

/// A radar (spider) chart of the area percents, as SVG coordinates.
#[derive(Serialize)]
struct Radar {
    size: u32,
    center: f64,
    rings: Vec<String>,
    axes: Vec<Axis>,
    /// The areas' percents; areas without one sit at the centre.
    shape: Option<String>,
    /// The pass mark, for reference.
    mark: Option<String>,
}

#[derive(Serialize)]
struct Axis {
    x: f64,
    y: f64,
    label: String,
    label_x: f64,
    label_y: f64,
    anchor: &'static str,
    dot: bool,
    dot_x: f64,
    dot_y: f64,
}

impl Radar {
    const SIZE: u32 = 440;
    const RADIUS: f64 = 130.0;

    fn new(report: &Report) -> Radar {
        let center = f64::from(Self::SIZE) / 2.0;
        let n = report.sections.len().max(3);
        let at = |i: usize, fraction: f64| {
            let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
            let r = Self::RADIUS * fraction;
            (
                round(center + r * angle.cos()),
                round(center + r * angle.sin()),
            )
        };
        let polygon = |fraction: &dyn Fn(usize) -> f64| {
            (0..n)
                .map(|i| at(i, fraction(i)))
                .map(|(x, y)| format!("{x},{y}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let fraction_of = |i: usize| {
            report
                .sections
                .get(i)
                .and_then(|s| s.percent)
                .map_or(0.0, |p| p.clamp(0.0, 100.0) / 100.0)
        };
        let axes = (0..n)
            .map(|i| {
                let (x, y) = at(i, 1.0);
                let (label_x, label_y) = at(i, 1.12);
                let anchor = if (label_x - center).abs() < 1.0 {
                    "middle"
                } else if label_x > center {
                    "start"
                } else {
                    "end"
                };
                let section = report.sections.get(i);
                let (dot_x, dot_y) = at(i, fraction_of(i));
                Axis {
                    x,
                    y,
                    label: section
                        .map(|s| short(&clean(&s.title), 14))
                        .unwrap_or_default(),
                    label_x,
                    label_y,
                    anchor,
                    dot: section.is_some_and(|s| s.percent.is_some()),
                    dot_x,
                    dot_y,
                }
            })
            .collect();
        let any = report.sections.iter().any(|s| s.percent.is_some());
        let mark = report.overall.pass_mark.clamp(0.0, 100.0) / 100.0;
        Radar {
            size: Self::SIZE,
            center,
            rings: [0.25, 0.5, 0.75, 1.0]
                .iter()
                .map(|f| polygon(&|_| *f))
                .collect(),
            axes,
            shape: any.then(|| polygon(&fraction_of)),
            mark: (mark > 0.0).then(|| polygon(&|_| mark)),
        }
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Long area titles are cut for the chart; the bars show them whole.
fn short(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(chars - 1).collect();
        cut.push('…');
        cut
    }
}
