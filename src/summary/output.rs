//! The rows of each view: a table (for the terminal, Markdown and CSV) and stable JSON.

use serde::Serialize;
use serde_json::{Value, json};

use super::{Mean, Stat, State, Summary, View};
use crate::answer::{Priority, clean};
use crate::i18n::Message;
use crate::locale::Lang;
use crate::msg;

/// A view ready to print.
#[derive(Debug, Clone)]
pub struct Output {
    pub json: Value,
    pub table: Table,
    /// Lines shown after the table: totals, notes on template versions.
    pub notes: Vec<Message>,
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns aligned right (numbers).
    pub right: Vec<usize>,
}

fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}"))
}

fn share(s: Option<f64>) -> String {
    s.map_or_else(|| "—".to_owned(), |s| format!("{:.0}%", 100.0 * s))
}

/// `▲ 4.2` / `▼ 1.0` / `=`.
fn change(delta: Option<f64>) -> String {
    match delta {
        None => String::new(),
        Some(d) if d > 0.05 => format!("▲ {d:.1}"),
        Some(d) if d < -0.05 => format!("▼ {:.1}", -d),
        Some(_) => "=".to_owned(),
    }
}

/// A bar of block characters, 20 cells for 100 %.
fn bar(p: Option<f64>) -> String {
    const BLOCKS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let Some(p) = p else { return String::new() };
    let eighths = (p.clamp(0.0, 100.0) / 100.0 * 20.0 * 8.0).round() as usize;
    let mut bar = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        bar.push(BLOCKS[eighths % 8 - 1]);
    }
    bar
}

fn mean_name(mean: Mean) -> &'static str {
    match mean {
        Mean::Inspections => "inspections",
        Mean::Pooled => "pooled",
    }
}

#[derive(Serialize)]
struct Totals {
    count: usize,
    mean: Option<f64>,
    pass_rate: Option<f64>,
}

impl Summary {
    /// The view's rows in the interface language, and its JSON.
    pub fn output(self, lang: Lang, skipped: usize) -> Output {
        let t = |key: &str| lang.text(key);
        let mean = self.mean;
        let totals = Totals {
            count: self.totals.count,
            mean: self.totals.mean(mean),
            pass_rate: self.totals.pass_rate(),
        };
        let mut notes = Vec::new();
        for (template, versions) in &self.versions {
            if versions.len() > 1 {
                let list = versions.iter().cloned().collect::<Vec<_>>().join(", ");
                notes.push(msg!(
                    "summary-versions",
                    template = template,
                    versions = list
                ));
            }
        }
        let base = |view: &str| json!({ "view": view, "reports": self.totals.count, "skipped": skipped, "mean": mean_name(mean) });
        let mut table = Table::default();
        let json = match (self.view, self.state) {
            (View::Inspections, State::Inspections(mut rows)) => {
                rows.sort_by(|a, b| {
                    (a.date, a.finished_at, &a.subject).cmp(&(b.date, b.finished_at, &b.subject))
                });
                table.headers = [
                    "col-date",
                    "col-subject",
                    "col-inspector",
                    "col-template",
                    "col-percent",
                    "summary-result",
                    "summary-rating",
                    "diff-findings",
                    "summary-critical",
                ]
                .map(&t)
                .to_vec();
                table.right = vec![4, 7, 8];
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    table.rows.push(vec![
                        r.date.to_string(),
                        clean(&r.subject).into_owned(),
                        clean(&r.inspector).into_owned(),
                        r.template.clone(),
                        pct(r.percent),
                        t(r.result.label_key()),
                        r.rating
                            .as_deref()
                            .map(clean)
                            .unwrap_or_default()
                            .into_owned(),
                        r.findings.to_string(),
                        r.critical.to_string(),
                    ]);
                    out.push(json!({
                        "date": r.date, "subject": r.subject, "inspector": r.inspector, "template": r.template,
                        "version": r.version, "percent": r.percent, "result": r.result, "rating": r.rating,
                        "findings": r.findings, "critical_failed": r.critical,
                    }));
                }
                notes.insert(
                    0,
                    msg!(
                        "summary-totals",
                        count = totals.count,
                        mean = pct(totals.mean),
                        pass_rate = share(totals.pass_rate)
                    ),
                );
                let mut v = base("inspections");
                v["rows"] = Value::Array(out);
                v["totals"] = serde_json::to_value(&totals).unwrap_or_default();
                v
            }
            (View::Area, State::Area(templates)) => {
                table.headers = [
                    "col-template",
                    "col-area",
                    "summary-mean",
                    "summary-min",
                    "summary-max",
                    "summary-below",
                    "summary-reports",
                    "",
                ]
                .map(|k| if k.is_empty() { String::new() } else { t(k) })
                .to_vec();
                table.right = vec![2, 3, 4, 5, 6];
                let mut groups = Vec::new();
                for (template, areas) in templates {
                    let mut rows = Vec::new();
                    for a in &areas {
                        let m = a.stat.mean(mean);
                        table.rows.push(vec![
                            template.clone(),
                            clean(&a.title).into_owned(),
                            pct(m),
                            pct(a.stat.min),
                            pct(a.stat.max),
                            share(a.stat.below_share()),
                            a.stat.scored.to_string(),
                            bar(m),
                        ]);
                        rows.push(json!({
                            "section": a.section, "title": a.title, "reports": a.stat.scored, "mean": m,
                            "min": a.stat.min, "max": a.stat.max, "below_pass_mark": a.stat.below_share(),
                        }));
                    }
                    let versions: Vec<&String> = self
                        .versions
                        .get(&template)
                        .map(|v| v.iter().collect())
                        .unwrap_or_default();
                    groups
                        .push(json!({ "template": template, "versions": versions, "areas": rows }));
                }
                let mut v = base("area");
                v["groups"] = Value::Array(groups);
                v
            }
            (View::Subject, State::Subject(subjects)) => {
                let mut list: Vec<_> = subjects.into_iter().collect();
                list.sort_by(|a, b| a.0.cmp(&b.0));
                table.headers = [
                    "col-template",
                    "col-subject",
                    "summary-latest-date",
                    "summary-latest",
                    "diff-change",
                    "summary-count",
                    "summary-mean",
                ]
                .map(&t)
                .to_vec();
                table.right = vec![3, 4, 5, 6];
                let mut rows = Vec::new();
                for ((template, subject), s) in list {
                    let latest = s.last_two.first().copied();
                    let previous = s.last_two.get(1).copied();
                    let delta = latest
                        .and_then(|l| l.percent)
                        .zip(previous.and_then(|p| p.percent))
                        .map(|(a, b)| a - b);
                    table.rows.push(vec![
                        template.clone(),
                        clean(&subject).into_owned(),
                        latest.map(|l| l.date.to_string()).unwrap_or_default(),
                        pct(latest.and_then(|l| l.percent)),
                        change(delta),
                        s.count.to_string(),
                        pct(s.stat.mean(mean)),
                    ]);
                    rows.push(json!({
                        "template": template, "subject": subject, "count": s.count,
                        "latest_date": latest.map(|l| l.date), "latest": latest.and_then(|l| l.percent),
                        "previous": previous.and_then(|p| p.percent), "change": delta, "mean": s.stat.mean(mean),
                    }));
                }
                let mut v = base("subject");
                v["rows"] = Value::Array(rows);
                v
            }
            (view @ (View::Inspector | View::Month), State::Group(groups)) => {
                let (name, key) = match view {
                    View::Month => ("month", "summary-month"),
                    _ => ("inspector", "col-inspector"),
                };
                table.headers = [
                    key,
                    "summary-count",
                    "summary-mean",
                    "summary-min",
                    "summary-max",
                    "summary-pass-rate",
                    "summary-latest-date",
                ]
                .map(&t)
                .to_vec();
                table.right = vec![1, 2, 3, 4, 5];
                let mut rows = Vec::new();
                for (group, g) in groups {
                    let s: &Stat = &g.stat;
                    table.rows.push(vec![
                        clean(&group).into_owned(),
                        s.count.to_string(),
                        pct(s.mean(mean)),
                        pct(s.min),
                        pct(s.max),
                        share(s.pass_rate()),
                        g.latest.map(|d| d.to_string()).unwrap_or_default(),
                    ]);
                    rows.push(json!({
                        name: group, "count": s.count, "mean": s.mean(mean), "min": s.min, "max": s.max,
                        "pass_rate": s.pass_rate(), "latest_date": g.latest,
                    }));
                }
                let mut v = base(name);
                v["rows"] = Value::Array(rows);
                v
            }
            (View::Findings(n), State::Findings(items)) => {
                let mut list: Vec<_> = items.into_iter().collect();
                list.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(&b.0)));
                list.truncate(n);
                table.headers = [
                    "col-template",
                    "col-item",
                    "summary-failed-count",
                    "summary-share",
                    "summary-critical",
                    "summary-latest-note",
                ]
                .map(&t)
                .to_vec();
                table.right = vec![2, 3, 4];
                let mut rows = Vec::new();
                for ((template, item), f) in list {
                    let of = self.per_template.get(&template).copied().unwrap_or(0);
                    let share_of = (of > 0).then(|| f.count as f64 / of as f64);
                    table.rows.push(vec![
                        template.clone(),
                        clean(&f.text).into_owned(),
                        f.count.to_string(),
                        share(share_of),
                        f.critical.to_string(),
                        f.latest_note
                            .as_ref()
                            .map(|(_, n)| clean(n).into_owned())
                            .unwrap_or_default(),
                    ]);
                    rows.push(json!({
                        "template": template, "item": item, "text": f.text, "failed": f.count, "share": share_of,
                        "critical": f.critical, "latest_note": f.latest_note.as_ref().map(|(_, n)| n),
                        "latest_note_date": f.latest_note.as_ref().map(|(d, _)| d),
                    }));
                }
                let mut v = base("findings");
                v["rows"] = Value::Array(rows);
                v
            }
            (View::Actions { today }, State::Actions(mut actions)) => {
                // Overdue first (most overdue on top), then by due date; no due date last.
                actions.sort_by(|a, b| {
                    let key = |r: &super::ActionRow| {
                        (r.due.is_none(), r.due, std::cmp::Reverse(r.action.priority))
                    };
                    key(a).cmp(&key(b)).then_with(|| a.subject.cmp(&b.subject))
                });
                table.headers = [
                    "csv-due",
                    "summary-overdue",
                    "col-subject",
                    "col-item",
                    "md-action",
                    "csv-owner",
                    "csv-priority",
                    "col-date",
                ]
                .map(&t)
                .to_vec();
                table.right = vec![1];
                let mut rows = Vec::new();
                let mut overdue_count = 0;
                for a in actions {
                    let overdue = a.due.map(|d| (today - d).num_days()).filter(|d| *d > 0);
                    overdue_count += usize::from(overdue.is_some());
                    table.rows.push(vec![
                        a.due.map(|d| d.to_string()).unwrap_or_default(),
                        overdue
                            .map(|d| lang.format(&msg!("summary-days", days = d)))
                            .unwrap_or_default(),
                        clean(&a.subject).into_owned(),
                        clean(&a.text).into_owned(),
                        clean(&a.action.text).into_owned(),
                        a.action
                            .owner
                            .as_deref()
                            .map(clean)
                            .unwrap_or_default()
                            .into_owned(),
                        a.action
                            .priority
                            .map(|p: Priority| t(p.label_key()))
                            .unwrap_or_default(),
                        a.date.to_string(),
                    ]);
                    rows.push(json!({
                        "due": a.due, "overdue_days": overdue, "subject": a.subject, "date": a.date,
                        "template": a.template, "item": a.item, "text": a.text, "action": a.action.text,
                        "owner": a.action.owner, "priority": a.action.priority,
                    }));
                }
                notes.insert(
                    0,
                    msg!(
                        "summary-overdue-total",
                        overdue = overdue_count,
                        count = rows.len(),
                        today = today.to_string()
                    ),
                );
                let mut v = base("actions");
                v["today"] = json!(today);
                v["rows"] = Value::Array(rows);
                v
            }
            _ => unreachable!("the state matches the view"),
        };
        Output { json, table, notes }
    }
}
