//! A resolved template written back as a template file (TOML) that `check` reads to
//! the same template. Defaults are left out, so the file reads like one written by hand.

use serde::Serialize;

use super::model::{Item, Kind, OnFail, Section, Template, When};

#[derive(Serialize)]
struct File<'a> {
    format: u32,
    id: &'a str,
    title: &'a str,
    version: &'a str,
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    scoring: Scoring<'a>,
    sections: Vec<SectionOut<'a>>,
}

#[derive(Serialize)]
struct Scoring<'a> {
    pass_mark: f64,
    item_pass: f64,
    bands: Vec<Band<'a>>,
    #[serde(skip_serializing_if = "<[OnFail]>::is_empty")]
    on_fail: &'a [OnFail],
}

#[derive(Serialize)]
struct Band<'a> {
    min: f64,
    label: &'a str,
}

#[derive(Serialize)]
struct SectionOut<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "is_one")]
    weight: f64,
    items: Vec<ItemOut<'a>>,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    guidance: Option<&'a str>,
    kind: &'static str,
    #[serde(skip_serializing_if = "is_one")]
    weight: f64,
    #[serde(skip_serializing_if = "is_false")]
    critical: bool,
    #[serde(skip_serializing_if = "is_true")]
    required: bool,
    #[serde(skip_serializing_if = "is_true")]
    na: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pass: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    labels: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Vec<OptionOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<TargetOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    when: Option<&'a When>,
    #[serde(skip_serializing_if = "Option::is_none")]
    on_fail: Option<&'a [OnFail]>,
}

#[derive(Serialize)]
struct OptionOut<'a> {
    label: &'a str,
    score: f64,
}

#[derive(Serialize)]
struct TargetOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<f64>,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_one(v: &f64) -> bool {
    *v == 1.0
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_true(v: &bool) -> bool {
    *v
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(v: &bool) -> bool {
    !*v
}

fn item<'a>(item: &'a Item, scoring: &super::Scoring) -> ItemOut<'a> {
    let item_pass = scoring.item_pass;
    let mut out = ItemOut {
        id: &item.id,
        text: &item.text,
        guidance: item.guidance.as_deref(),
        kind: item.kind.name(),
        weight: item.weight,
        critical: item.critical,
        required: item.required,
        na: item.na,
        pass: (item.pass != item_pass).then_some(item.pass),
        min: None,
        max: None,
        labels: None,
        options: None,
        unit: None,
        target: None,
        when: item.when.as_ref(),
        // Resolved: the item's own list, or the template's.
        on_fail: (item.on_fail != scoring.on_fail).then_some(item.on_fail.as_slice()),
    };
    match &item.kind {
        Kind::Scale { min, max, labels } => {
            out.min = Some(*min);
            out.max = Some(*max);
            out.labels = (!labels.is_empty()).then_some(labels.as_slice());
        }
        Kind::Choice { options } => {
            out.options = Some(
                options
                    .iter()
                    .map(|o| OptionOut {
                        label: &o.label,
                        score: o.score,
                    })
                    .collect(),
            );
        }
        Kind::Number { unit, target } => {
            out.unit = unit.as_deref();
            out.target = Some(TargetOut {
                min: target.min,
                max: target.max,
            });
        }
        Kind::YesNo | Kind::Text | Kind::Date => {}
    }
    out
}

fn section<'a>(section: &'a Section, scoring: &super::Scoring) -> SectionOut<'a> {
    SectionOut {
        id: &section.id,
        title: &section.title,
        description: section.description.as_deref(),
        weight: section.weight,
        items: section.items.iter().map(|i| item(i, scoring)).collect(),
    }
}

/// The template as TOML, preceded by `header` (comment lines, each starting `# `).
pub fn to_toml(template: &Template, header: &str) -> String {
    let s = &template.scoring;
    let file = File {
        format: template.format,
        id: &template.id,
        title: &template.title,
        version: &template.version,
        language: &template.language,
        description: template.description.as_deref(),
        scoring: Scoring {
            pass_mark: s.pass_mark,
            item_pass: s.item_pass,
            bands: s
                .bands
                .iter()
                .map(|b| Band {
                    min: b.min,
                    label: &b.label,
                })
                .collect(),
            on_fail: &s.on_fail,
        },
        sections: template.sections.iter().map(|x| section(x, s)).collect(),
    };
    // Every value here is a string, number, bool or table: serialising cannot fail.
    let body = toml::to_string(&file).unwrap_or_default();
    format!("{header}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::BUILTIN;

    /// Every built-in template written back reads to the same template.
    #[test]
    fn builtins_round_trip() {
        for builtin in BUILTIN {
            let template = crate::template::check(builtin.text).template.unwrap();
            let text = to_toml(&template, "# written back\n");
            let checked = crate::template::check(&text);
            assert!(
                checked.problems.is_empty(),
                "{:?}\n{text}",
                checked.problems
            );
            assert_eq!(checked.template.as_ref(), Some(&template));
        }
    }

    /// `on_fail`, the template's and an item's own, is written back.
    #[test]
    fn on_fail_round_trips() {
        let text = r#"
format = 1
id = "t"
title = "T"
version = "1"
language = "en"

[scoring]
on_fail = ["note"]

[[sections]]
id = "s"
title = "S"

[[sections.items]]
id = "a"
text = "A?"
kind = "yes_no"

[[sections.items]]
id = "b"
text = "B?"
kind = "yes_no"
on_fail = ["note", "action"]
"#;
        let template = crate::template::check(text).template.unwrap();
        let back = to_toml(&template, "");
        assert!(back.contains("on_fail = [\"note\", \"action\"]"), "{back}");
        assert_eq!(crate::template::check(&back).template, Some(template));
    }
}
