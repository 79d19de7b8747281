//! The manager's dashboard (`summary --format html`): one self-contained page, inline CSS
//! and SVG, nothing fetched and no script, printable to PDF. It is drawn from the JSON
//! of [`crate::summary::view::Dashboard`]; minijinja escapes every value.

mod chart;

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, context};
use serde::Serialize;
use serde_json::Value;

use crate::answer::clean;
use crate::locale::Lang;
use crate::msg;

const TEMPLATE: &str = include_str!("page.html");

/// The most overdue actions listed; `summary --actions` lists every one.
const MAX_ACTIONS: usize = 50;

/// What the page says about how it was made, besides the figures.
#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    /// Every filter and setting, `(label, value)`, in the interface language.
    pub filters: Vec<(String, String)>,
    /// The day overdue is counted from (`--today`).
    pub today: String,
}

/// The page for the dashboard view's JSON.
pub fn render(json: &Value, page: &Page) -> String {
    let lang = page.lang;
    let t = |key: &str| lang.text(key);
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.add_template("page.html", TEMPLATE)
        .expect("the dashboard template parses");
    let totals = &json["totals"];
    let months = chart::months(json);
    let subjects = subjects(json);
    let findings = findings(json);
    let mut actions = actions(json, lang);
    let more_actions = (actions.len() > MAX_ACTIONS).then(|| {
        lang.format(&msg!(
            "dash-more-actions",
            count = actions.len() - MAX_ACTIONS
        ))
    });
    actions.truncate(MAX_ACTIONS);
    let due = due(json, lang);
    let more_due = due
        .as_ref()
        .filter(|d| d.len() > MAX_ACTIONS)
        .map(|d| lang.format(&msg!("dash-more-due", count = d.len() - MAX_ACTIONS)));
    let due = due.map(|mut d| {
        d.truncate(MAX_ACTIONS);
        d
    });
    let areas = areas(json);
    let labels = context! {
        title => t("dash-title"), filters => t("dash-filters"), per_month => t("dash-per-month"),
        trend => t("dash-trend"), areas => t("dash-areas"), subjects => t("dash-subjects"),
        findings => t("dash-findings"), actions => t("dash-actions"), none => t("dash-none"),
        template => t("col-template"), area => t("col-area"), mean => t("summary-mean"),
        spread => t("dash-spread"), below => t("summary-below"), reports => t("summary-reports"),
        rank => t("dash-rank"), subject => t("col-subject"), latest_date => t("summary-latest-date"),
        latest => t("summary-latest"), change => t("diff-change"), count => t("summary-count"),
        item => t("col-item"), failed => t("summary-failed-count"), share => t("summary-share"),
        critical => t("summary-critical"), note => t("summary-latest-note"), due => t("csv-due"),
        overdue => t("summary-overdue"), action => t("md-action"), owner => t("csv-owner"),
        priority => t("csv-priority"), date => t("col-date"), min_max => t("dash-min-max"),
        due_inspections => t("dash-due"), no_sites => t("dash-no-sites"), name => t("due-name"),
        last => t("due-last"), next_due => t("due-next"), status => t("actions-status"),
    };
    let overview = lang.format(&msg!(
        "dash-overview",
        count = totals["count"].as_u64().unwrap_or(0),
        mean = percent(totals["mean"].as_f64()),
        pass_rate = share(totals["pass_rate"].as_f64())
    ));
    let ctx = context! {
        lang => lang.tag(),
        t => labels,
        overview => overview,
        today => lang.format(&msg!("dash-today", today = page.today.as_str())),
        filters => Serde(page.filters.iter().map(|(k, v)| serde_json::json!({"label": k, "value": v})).collect::<Vec<_>>()),
        per_month => Serde(chart::bars(&months, json)),
        trend => Serde(chart::lines(&months, json)),
        areas => Serde(&areas),
        subjects => Serde(&subjects),
        findings => Serde(&findings),
        actions => Serde(&actions),
        more_actions => more_actions,
        due => due.as_ref().map(Serde),
        more_due => more_due,
    };
    env.get_template("page.html")
        .and_then(|template| template.render(ctx))
        .expect("the dashboard template renders any summary")
}

/// `87.5%`, or `—` for none.
fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}%"))
}

/// A share as a whole percent, `—` for none.
fn share(s: Option<f64>) -> String {
    s.map_or_else(|| "—".to_owned(), |s| format!("{:.0}%", 100.0 * s))
}

fn text(value: &Value) -> String {
    value
        .as_str()
        .map(|s| clean(s).into_owned())
        .unwrap_or_default()
}

fn rows(json: &Value, field: &str) -> Vec<Value> {
    json[field].as_array().cloned().unwrap_or_default()
}

/// A bar's position on a 0..=100 track, as CSS percents (rounded to 0.1).
fn at(p: f64) -> f64 {
    (p.clamp(0.0, 100.0) * 10.0).round() / 10.0
}

#[derive(Serialize)]
struct AreaGroup {
    template: String,
    areas: Vec<AreaRow>,
}

#[derive(Serialize)]
struct AreaRow {
    title: String,
    mean: String,
    range: String,
    below: String,
    reports: u64,
    /// Left edge and width of the min–max bar, and the mean's place, in percent.
    from: f64,
    width: f64,
    mark: Option<f64>,
}

fn areas(json: &Value) -> Vec<AreaGroup> {
    rows(json, "areas")
        .iter()
        .map(|group| AreaGroup {
            template: text(&group["template"]),
            areas: rows(group, "areas")
                .iter()
                .map(|a| {
                    let (min, max) = (a["min"].as_f64(), a["max"].as_f64());
                    let mean = a["mean"].as_f64();
                    AreaRow {
                        title: text(&a["title"]),
                        mean: percent(mean),
                        range: match (min, max) {
                            (Some(lo), Some(hi)) => format!("{lo:.1}–{hi:.1}"),
                            _ => "—".to_owned(),
                        },
                        below: share(a["below_pass_mark"].as_f64()),
                        reports: a["reports"].as_u64().unwrap_or(0),
                        from: min.map_or(0.0, at),
                        width: match (min, max) {
                            (Some(lo), Some(hi)) => at(hi - lo),
                            _ => 0.0,
                        },
                        mark: mean.map(at),
                    }
                })
                .collect(),
        })
        .collect()
}

#[derive(Serialize)]
struct SubjectRow {
    rank: usize,
    subject: String,
    template: String,
    latest_date: String,
    latest: String,
    change: String,
    /// `up`, `down` or `same`, for the arrow's colour; empty without a previous one.
    trend: &'static str,
    count: u64,
    mean: String,
}

/// Subjects ranked by their latest percent, best first; unscored ones last.
fn subjects(json: &Value) -> Vec<SubjectRow> {
    let mut list = rows(json, "subjects");
    list.sort_by(|a, b| {
        let key = |v: &Value| v["latest"].as_f64();
        match (key(a), key(b)) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| text(&a["subject"]).cmp(&text(&b["subject"])))
    });
    list.iter()
        .enumerate()
        .map(|(i, s)| {
            let change = s["change"].as_f64();
            SubjectRow {
                rank: i + 1,
                subject: text(&s["subject"]),
                template: text(&s["template"]),
                latest_date: text(&s["latest_date"]),
                latest: percent(s["latest"].as_f64()),
                change: match change {
                    Some(d) if d > 0.05 => format!("▲ {d:.1}"),
                    Some(d) if d < -0.05 => format!("▼ {:.1}", -d),
                    Some(_) => "=".to_owned(),
                    None => String::new(),
                },
                trend: match change {
                    Some(d) if d > 0.05 => "up",
                    Some(d) if d < -0.05 => "down",
                    Some(_) => "same",
                    None => "",
                },
                count: s["count"].as_u64().unwrap_or(0),
                mean: percent(s["mean"].as_f64()),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct FindingRow {
    template: String,
    text: String,
    failed: u64,
    share: String,
    critical: u64,
    note: String,
}

fn findings(json: &Value) -> Vec<FindingRow> {
    rows(json, "findings")
        .iter()
        .map(|f| FindingRow {
            template: text(&f["template"]),
            text: text(&f["text"]),
            failed: f["failed"].as_u64().unwrap_or(0),
            share: share(f["share"].as_f64()),
            critical: f["critical"].as_u64().unwrap_or(0),
            note: text(&f["latest_note"]),
        })
        .collect()
}

#[derive(Serialize)]
struct ActionRow {
    due: String,
    overdue: String,
    subject: String,
    text: String,
    action: String,
    owner: String,
    priority: String,
}

/// The overdue actions only, most overdue first (the view's order).
fn actions(json: &Value, lang: Lang) -> Vec<ActionRow> {
    rows(json, "actions")
        .iter()
        .filter(|a| a["overdue_days"].as_i64().is_some_and(|d| d > 0))
        .map(|a| ActionRow {
            due: text(&a["due"]),
            overdue: lang.format(&msg!(
                "summary-days",
                days = a["overdue_days"].as_i64().unwrap_or(0)
            )),
            subject: text(&a["subject"]),
            text: text(&a["text"]),
            action: text(&a["action"]),
            owner: text(&a["owner"]),
            priority: a["priority"]
                .as_str()
                .and_then(|p| p.parse::<crate::answer::Priority>().ok())
                .map(|p| lang.text(p.label_key()))
                .unwrap_or_default(),
        })
        .collect()
}

#[derive(Serialize)]
struct DueRow {
    subject: String,
    name: String,
    template: String,
    last: String,
    next_due: String,
    status: String,
    late: bool,
}

/// The due inspections, never inspected and most overdue first; `None` without a
/// sites file.
fn due(json: &Value, lang: Lang) -> Option<Vec<DueRow>> {
    let rows = json["due"].as_array()?;
    Some(
        rows.iter()
            .map(|d| {
                let status = match (d["status"].as_str(), d["days_overdue"].as_i64()) {
                    (Some("never"), _) => msg!("due-never"),
                    (Some("overdue"), Some(days)) => msg!("due-overdue", days = days),
                    _ => msg!("due-today"),
                };
                DueRow {
                    subject: text(&d["subject"]),
                    name: text(&d["name"]),
                    template: text(&d["template"]),
                    last: d["last"].as_str().unwrap_or("—").to_owned(),
                    next_due: d["next_due"].as_str().unwrap_or("—").to_owned(),
                    status: lang.format(&status),
                    late: matches!(d["status"].as_str(), Some("never" | "overdue")),
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn lists_the_most_overdue_actions_and_says_how_many_more() {
        let actions: Vec<Value> = (0..60)
            .map(|i| json!({"due": "2026-01-01", "overdue_days": 100 - i, "subject": "S", "text": "x", "action": format!("a{i}"), "owner": null, "priority": "high"}))
            .collect();
        let page = Page {
            lang: Lang::En,
            filters: Vec::new(),
            today: "2026-12-01".to_owned(),
        };
        let html = render(&json!({"totals": {"count": 1}, "actions": actions}), &page);
        assert_eq!(html.matches("class=\"num overdue\"").count(), MAX_ACTIONS);
        assert!(html.contains("… and 10 more overdue"), "{html}");
        assert!(html.contains(">100 days<") && !html.contains(">50 days<"));
    }
}
