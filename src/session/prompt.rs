//! What an item asks for, in words shared by both front ends.

use crate::answer::clean;
use crate::template::{Item, Kind};

/// The accepted answers, e.g. `y/n/na` or `1–5 (1 Poor … 5 Excellent)`.
pub(super) fn hint(item: &Item) -> String {
    let na = if item.na { "/na" } else { "" };
    let optional = if item.required { "" } else { ", Enter to skip" };
    let body = match &item.kind {
        Kind::YesNo => format!("y/n{na}"),
        Kind::Scale { min, max, labels } => match (labels.first(), labels.last()) {
            (Some(low), Some(high)) => format!(
                "{min}–{max}{na} ({min} {} … {max} {})",
                clean(low),
                clean(high)
            ),
            _ => format!("{min}–{max}{na}"),
        },
        Kind::Choice { options } => {
            let list: Vec<String> = options
                .iter()
                .enumerate()
                .map(|(i, o)| format!("{} {}", i + 1, clean(&o.label)))
                .collect();
            format!("{}{na}", list.join(" · "))
        }
        Kind::Number { unit, target } => {
            let unit = unit
                .as_deref()
                .map(|u| format!(" {}", clean(u)))
                .unwrap_or_default();
            let goal = match (target.min, target.max) {
                (Some(a), Some(b)) => format!("target {a}–{b}{unit}"),
                (Some(a), None) => format!("target ≥ {a}{unit}"),
                (None, Some(b)) => format!("target ≤ {b}{unit}"),
                (None, None) => String::new(),
            };
            format!("number{na}, {goal}")
        }
        Kind::Text => format!("text{na}"),
        Kind::Date => format!("YYYY-MM-DD{na}"),
    };
    format!("{body}{optional}")
}
