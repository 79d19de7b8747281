//! What an item asks for, in words shared by both front ends.

use crate::answer::clean;
use crate::locale::Lang;
use crate::msg;
use crate::template::{Item, Kind, Target};

/// The accepted answers, e.g. `y/n/na` or `1–5/na (1 Poor … 5 Excellent)`.
pub(super) fn hint(item: &Item, lang: Lang) -> String {
    let na = if item.na { "/na" } else { "" };
    let body = match &item.kind {
        Kind::YesNo => format!("y/n{na}"),
        Kind::Scale { min, max, labels } => match (labels.first(), labels.last()) {
            (Some(low), Some(high)) => {
                format!(
                    "{min}–{max}{na} ({min} {} … {max} {})",
                    clean(low),
                    clean(high)
                )
            }
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
            format!(
                "{}{na}, {}",
                lang.text("prompt-number"),
                target_text(target, unit.as_deref(), lang)
            )
        }
        Kind::Text => format!("{}{na}", lang.text("prompt-text")),
        Kind::Date => format!("YYYY-MM-DD{na}"),
    };
    if item.required {
        body
    } else {
        format!("{body}, {}", lang.text("prompt-enter-skips"))
    }
}

/// `target ≤ 24 h`, in words of the interface language.
pub fn target_text(target: &Target, unit: Option<&str>, lang: Lang) -> String {
    let unit = unit.map(|u| format!(" {}", clean(u))).unwrap_or_default();
    let range = match (target.min, target.max) {
        (Some(a), Some(b)) => format!("{a}–{b}{unit}"),
        (Some(a), None) => format!("≥ {a}{unit}"),
        (None, Some(b)) => format!("≤ {b}{unit}"),
        (None, None) => String::new(),
    };
    lang.format(&msg!("prompt-target", range = range))
}
