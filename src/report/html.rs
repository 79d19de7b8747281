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
        radar => Value::from(Serde(Radar::new(report, lang))),
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
    /// `min-x min-y width height`: the square of the chart grown to hold every label.
    view_box: String,
    center: f64,
    rings: Vec<String>,
    axes: Vec<Axis>,
    /// The percents of the areas that have one; an area without a score is left out
    /// (its axis is dashed and says so), a filler axis of a chart of fewer than three
    /// areas sits at the centre.
    shape: Option<String>,
    /// The pass mark, for reference.
    mark: Option<String>,
}

#[derive(Serialize)]
struct Axis {
    x: f64,
    y: f64,
    /// An area without a score.
    dashed: bool,
    /// The area title, wrapped: one entry per line.
    lines: Vec<String>,
    /// Shown under the title of an area without a score.
    note: Option<String>,
    label_x: f64,
    /// The first line's middle.
    label_y: f64,
    anchor: &'static str,
    dot: bool,
    dot_x: f64,
    dot_y: f64,
}

impl Radar {
    const SIZE: f64 = 440.0;
    const RADIUS: f64 = 130.0;
    /// Font size and line height of the labels, in px (see `svg.radar text` in the CSS).
    const FONT: f64 = 11.0;
    const LINE: f64 = 13.0;
    /// Wrap labels at this many narrow characters (a wide one counts two).
    const WRAP: usize = 18;

    fn new(report: &Report, lang: Lang) -> Radar {
        let center = Self::SIZE / 2.0;
        let n = report.sections.len().max(3);
        let at = |i: usize, fraction: f64| {
            let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
            let r = Self::RADIUS * fraction;
            (
                round(center + r * angle.cos()),
                round(center + r * angle.sin()),
            )
        };
        let polygon = |points: &mut dyn Iterator<Item = (f64, f64)>| {
            points
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
        let no_score = lang.text("html-no-score");
        let (mut left, mut top, mut right, mut bottom) = (0.0, 0.0, Self::SIZE, Self::SIZE);
        let axes = (0..n)
            .map(|i| {
                let (x, y) = at(i, 1.0);
                let (label_x, anchor_y) = at(i, 1.12);
                let anchor = if (label_x - center).abs() < 1.0 {
                    "middle"
                } else if label_x > center {
                    "start"
                } else {
                    "end"
                };
                let section = report.sections.get(i);
                let dashed = section.is_some_and(|s| s.percent.is_none());
                let lines = section
                    .map(|s| wrap(&clean(&s.title), Self::WRAP))
                    .unwrap_or_default();
                let note = dashed.then(|| no_score.clone());
                let rows = (lines.len() + usize::from(note.is_some())).max(1) as f64;
                // Labels above the chart grow upwards, below it downwards, beside it
                // both ways, so that none runs into the rings.
                let label_y = if anchor != "middle" {
                    round(anchor_y - (rows - 1.0) * Self::LINE / 2.0)
                } else if anchor_y < center {
                    round(anchor_y - (rows - 1.0) * Self::LINE)
                } else {
                    anchor_y
                };
                let width = lines
                    .iter()
                    .chain(&note)
                    .map(|l| text_width(l, Self::FONT))
                    .fold(0.0, f64::max);
                let (from, to) = match anchor {
                    "start" => (label_x, label_x + width),
                    "end" => (label_x - width, label_x),
                    _ => (label_x - width / 2.0, label_x + width / 2.0),
                };
                let pad = Self::LINE + 4.0;
                left = f64::min(left, from - 8.0);
                right = f64::max(right, to + 8.0);
                top = f64::min(top, label_y - pad);
                bottom = f64::max(bottom, label_y + rows * Self::LINE + pad);
                let (dot_x, dot_y) = at(i, fraction_of(i));
                Axis {
                    x,
                    y,
                    dashed,
                    lines,
                    note,
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
        let counted = |i: &usize| report.sections.get(*i).is_none_or(|s| s.percent.is_some());
        let mark = report.overall.pass_mark.clamp(0.0, 100.0) / 100.0;
        let (left, top) = (left.floor(), top.floor());
        Radar {
            view_box: format!(
                "{left} {top} {} {}",
                (right - left).ceil(),
                (bottom - top).ceil()
            ),
            center,
            rings: [0.25, 0.5, 0.75, 1.0]
                .iter()
                .map(|f| polygon(&mut (0..n).map(|i| at(i, *f))))
                .collect(),
            axes,
            shape: any.then(|| polygon(&mut (0..n).filter(counted).map(|i| at(i, fraction_of(i))))),
            mark: (mark > 0.0).then(|| polygon(&mut (0..n).map(|i| at(i, mark)))),
        }
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Whether a character takes two columns (CJK and other wide scripts, full-width forms).
fn is_wide(c: char) -> bool {
    matches!(u32::from(c), 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// A generous estimate of a line's width in px: a wide character 1 em, any other
/// 0.64 em (wider than the average of the sans-serif fonts of the font stack).
fn text_width(text: &str, font: f64) -> f64 {
    text.chars()
        .map(|c| if is_wide(c) { font } else { 0.64 * font })
        .sum()
}

/// Wraps a title into lines of at most `columns` columns (a wide character counts
/// two): at spaces, and between any two wide characters; a longer word is split.
/// Nothing is dropped.
fn wrap(text: &str, columns: usize) -> Vec<String> {
    let width = |s: &str| {
        s.chars()
            .map(|c| if is_wide(c) { 2 } else { 1 })
            .sum::<usize>()
    };
    // Pieces that may not be split further: a word with its trailing space, or one
    // wide character.
    let mut pieces: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        if is_wide(c) {
            if !word.is_empty() {
                pieces.push(std::mem::take(&mut word));
            }
            pieces.push(c.to_string());
        } else {
            word.push(c);
            if c == ' ' {
                pieces.push(std::mem::take(&mut word));
            }
        }
    }
    if !word.is_empty() {
        pieces.push(word);
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for piece in pieces {
        if !line.is_empty() && width(line.trim_end()) + width(piece.trim_end()) > columns {
            lines.push(line.trim_end().to_owned());
            line.clear();
        }
        if width(piece.trim_end()) > columns {
            for c in piece.chars() {
                if width(&line) + width(&c.to_string()) > columns {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        } else {
            line.push_str(&piece);
        }
    }
    if !line.trim_end().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_between_wide_characters_keeping_everything() {
        assert_eq!(
            wrap("Continuous improvement and lessons learned", 18),
            ["Continuous", "improvement and", "lessons learned"]
        );
        assert_eq!(
            wrap("数据监控与实时看板的准确性检查", 18),
            ["数据监控与实时看板", "的准确性检查"]
        );
        assert_eq!(wrap("Risk", 18), ["Risk"]);
        assert_eq!(
            wrap("abcdefghijklmnopqrstuvwxyz", 10),
            ["abcdefghij", "klmnopqrst", "uvwxyz"]
        );
        assert_eq!(wrap("", 10), Vec::<String>::new());
    }
}
