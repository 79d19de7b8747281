//! The dashboard's two charts as SVG coordinates: inspections per month (bars) and the
//! mean percent of each template month by month (lines), on one month axis.

use serde::Serialize;
use serde_json::Value;

/// Width and height of both charts' drawing, in SVG units.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 220.0;
/// Room for the axis labels: left, right, top, bottom.
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 34.0;
/// Line colours, one per template (then again from the start).
const COLOURS: [&str; 8] = [
    "#0969da", "#bc4c00", "#1a7f37", "#8250df", "#cf222e", "#9a6700", "#1b7c83", "#6e7781",
];

/// Every month from the first to the last month with an inspection, gaps included, so
/// that the axis is time.
pub(super) fn months(json: &Value) -> Vec<String> {
    let seen: Vec<(i32, u32)> = json["months"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| parse_month(r["month"].as_str()?))
        .collect();
    let (Some(first), Some(last)) = (seen.iter().min(), seen.iter().max()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut year, mut month) = *first;
    while (year, month) <= *last {
        out.push(format!("{year:04}-{month:02}"));
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    out
}

fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (year, month) = text.split_once('-')?;
    let month: u32 = month.parse().ok()?;
    (1..=12)
        .contains(&month)
        .then_some((year.parse().ok()?, month))
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[derive(Serialize)]
pub(super) struct Axis {
    pub width: f64,
    pub height: f64,
    /// Horizontal grid lines with their value label.
    pub grid: Vec<Tick>,
    /// Month labels under the axis (every n-th when there are many).
    pub labels: Vec<Tick>,
    pub left: f64,
    pub right: f64,
    pub bottom: f64,
}

#[derive(Serialize)]
pub(super) struct Tick {
    pub x: f64,
    pub y: f64,
    pub label: String,
}

impl Axis {
    fn new(months: &[String], max: f64, unit: &str) -> Axis {
        let step = months.len().div_ceil(12).max(1);
        let labels = months
            .iter()
            .enumerate()
            .filter(|(i, _)| i % step == 0)
            .map(|(i, m)| Tick {
                x: x_of(i, months.len()),
                y: HEIGHT - BOTTOM + 18.0,
                label: m.clone(),
            })
            .collect();
        let grid = (0..=4)
            .map(|k| {
                let value = max * f64::from(k) / 4.0;
                Tick {
                    x: LEFT - 6.0,
                    y: y_of(value, max),
                    label: format!("{}{unit}", trim(value)),
                }
            })
            .collect();
        Axis {
            width: WIDTH,
            height: HEIGHT,
            grid,
            labels,
            left: LEFT,
            right: WIDTH - RIGHT,
            bottom: HEIGHT - BOTTOM,
        }
    }
}

/// `12`, `2.5`: a tick value without trailing zeros.
fn trim(v: f64) -> String {
    let text = format!("{v:.1}");
    text.trim_end_matches(".0").to_owned()
}

/// The centre of month `i` of `n` across the plot.
fn x_of(i: usize, n: usize) -> f64 {
    let slot = (WIDTH - LEFT - RIGHT) / n.max(1) as f64;
    round(LEFT + slot * (i as f64 + 0.5))
}

fn y_of(value: f64, max: f64) -> f64 {
    let plot = HEIGHT - TOP - BOTTOM;
    round(HEIGHT - BOTTOM - plot * (value / max).clamp(0.0, 1.0))
}

#[derive(Serialize)]
pub(super) struct Bars {
    pub axis: Axis,
    pub bars: Vec<Bar>,
}

#[derive(Serialize)]
pub(super) struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub count: u64,
    pub month: String,
}

/// Inspections per month, every template together.
pub(super) fn bars(months: &[String], json: &Value) -> Bars {
    let count_of = |month: &str| {
        json["months"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|r| r["month"].as_str() == Some(month))
            .and_then(|r| r["count"].as_u64())
            .unwrap_or(0)
    };
    let counts: Vec<u64> = months.iter().map(|m| count_of(m)).collect();
    // A round top for the scale: 4 grid steps of a whole number each.
    let top = counts.iter().copied().max().unwrap_or(0).max(1);
    let max = (top.div_ceil(4) * 4) as f64;
    let slot = (WIDTH - LEFT - RIGHT) / months.len().max(1) as f64;
    let bars = months
        .iter()
        .zip(&counts)
        .enumerate()
        .map(|(i, (month, &count))| {
            let y = y_of(count as f64, max);
            Bar {
                x: round(x_of(i, months.len()) - slot * 0.35),
                y,
                width: round(slot * 0.7),
                height: round(HEIGHT - BOTTOM - y),
                count,
                month: month.clone(),
            }
        })
        .collect();
    Bars {
        axis: Axis::new(months, max, ""),
        bars,
    }
}

#[derive(Serialize)]
pub(super) struct Lines {
    pub axis: Axis,
    pub series: Vec<Series>,
}

#[derive(Serialize)]
pub(super) struct Series {
    pub template: String,
    pub colour: &'static str,
    /// Polylines: a month without an inspection of the template breaks the line.
    pub segments: Vec<String>,
    pub dots: Vec<Dot>,
}

#[derive(Serialize)]
pub(super) struct Dot {
    pub x: f64,
    pub y: f64,
    /// `2026-03: 74.5% (12)`, shown on hover and read by screen readers.
    pub title: String,
}

/// The mean percent of each template, month by month, on a 0–100 scale.
pub(super) fn lines(months: &[String], json: &Value) -> Lines {
    let series = json["trend"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(k, t)| {
            let mut segments = Vec::new();
            let mut dots = Vec::new();
            let mut current: Vec<String> = Vec::new();
            for (i, month) in months.iter().enumerate() {
                let point = t["points"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|p| p["month"].as_str() == Some(month.as_str()));
                match point.and_then(|p| Some((p["mean"].as_f64()?, p["count"].as_u64()?))) {
                    Some((mean, count)) => {
                        let (x, y) = (x_of(i, months.len()), y_of(mean, 100.0));
                        current.push(format!("{x},{y}"));
                        dots.push(Dot {
                            x,
                            y,
                            title: format!("{month}: {mean:.1}% ({count})"),
                        });
                    }
                    None => {
                        if !current.is_empty() {
                            segments.push(std::mem::take(&mut current).join(" "));
                        }
                    }
                }
            }
            if !current.is_empty() {
                segments.push(current.join(" "));
            }
            Series {
                template: crate::answer::clean(t["template"].as_str().unwrap_or("")).into_owned(),
                colour: COLOURS[k % COLOURS.len()],
                segments,
                dots,
            }
        })
        .collect();
    Lines {
        axis: Axis::new(months, 100.0, "%"),
        series,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_month_axis_has_every_month_and_a_gap_breaks_a_line() {
        let data = json!({
            "months": [{"month": "2025-11", "count": 2}, {"month": "2026-02", "count": 4}],
            "trend": [{"template": "t", "points": [
                {"month": "2025-11", "count": 2, "mean": 50.0},
                {"month": "2026-02", "count": 4, "mean": 100.0},
            ]}],
        });
        let months = months(&data);
        assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        let lines = lines(&months, &data);
        assert_eq!(
            lines.series[0].segments.len(),
            2,
            "no line across the two empty months"
        );
        assert_eq!(lines.series[0].dots[1].y, TOP, "100 % at the top");
        let bars = bars(&months, &data);
        assert_eq!(
            bars.bars.iter().map(|b| b.count).collect::<Vec<_>>(),
            [2, 0, 0, 4]
        );
        assert_eq!(
            bars.bars[3].y, TOP,
            "the highest bar reaches the top of a scale of 4"
        );
    }
}
