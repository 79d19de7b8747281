//! A template written as an XLSForm: `survey`, `choices`, `settings`, and a `bands`
//! sheet for the rating bands. opscheck's own fields travel in extra columns (`weight`,
//! `critical`, `na`, `pass`, `unit`, `labels`; `score` on choices), which ODK tools
//! ignore; `import` reads them back, so the template survives the round trip.

use super::language;
use crate::sheet::{Book, Cell, Properties, Sheet, SheetResult};
use crate::template::{Item, Kind, Template};

/// The name of a choice's option in the form: `o1`, `o2`, … in the template's order.
fn option_name(index: usize) -> String {
    format!("o{}", index + 1)
}

/// `. >= 0 and . <= 4`.
fn constraint(min: Option<f64>, max: Option<f64>) -> String {
    let parts: Vec<String> = [
        min.map(|m| format!(". >= {m}")),
        max.map(|m| format!(". <= {m}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(" and ")
}

fn yes(flag: bool) -> Cell {
    Cell::text(if flag { "yes" } else { "no" })
}

/// The `relevant` of an item whose `when` names an earlier item.
fn relevant(template: &Template, item: &Item) -> Cell {
    let Some(when) = &item.when else {
        return Cell::Empty;
    };
    let name = match template.find_item(&when.item).map(|(_, i)| &i.kind) {
        Some(Kind::Choice { options }) => options
            .iter()
            .position(|o| o.label == when.is)
            .map_or_else(|| when.is.clone(), option_name),
        _ => when.is.clone(),
    };
    Cell::text(format!("${{{}}} = '{name}'", when.item))
}

/// The template as an XLSForm workbook.
pub fn book(template: &Template) -> SheetResult<Book> {
    let spec = language::spec(&template.language);
    let mut book = Book::new(&Properties {
        title: template.title.clone(),
        subject: template.id.clone(),
        ..Properties::default()
    });
    let columns = [
        "type".to_owned(),
        "name".to_owned(),
        format!("label::{spec}"),
        format!("hint::{spec}"),
        "required".to_owned(),
        "relevant".to_owned(),
        "constraint".to_owned(),
        "parameters".to_owned(),
        "labels".to_owned(),
        "unit".to_owned(),
        "weight".to_owned(),
        "critical".to_owned(),
        "na".to_owned(),
        "pass".to_owned(),
    ];
    let mut survey = Sheet::new("survey", &columns)?;
    let mut choices = Sheet::new(
        "choices",
        &[
            "list_name".to_owned(),
            "name".to_owned(),
            format!("label::{spec}"),
            "score".to_owned(),
        ],
    )?;
    let chinese = template.language.starts_with("zh");
    let (yes_label, no_label) = if chinese {
        ("是", "否")
    } else {
        ("Yes", "No")
    };
    if template.items().any(|(_, i)| i.kind == Kind::YesNo) {
        for (name, label) in [("yes", yes_label), ("no", no_label)] {
            choices.push(&[
                Cell::text("yes_no"),
                Cell::text(name),
                Cell::text(label),
                Cell::Empty,
            ])?;
        }
    }
    let item_pass = template.scoring.item_pass;
    for section in &template.sections {
        survey.push(&[
            Cell::text("begin group"),
            Cell::text(&section.id),
            Cell::text(&section.title),
            Cell::opt_text(section.description.as_deref()),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Number(section.weight),
        ])?;
        for item in &section.items {
            let mut kind = Cell::text(item.kind.name());
            let (mut constraint_cell, mut parameters, mut labels, mut unit) =
                (Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty);
            match &item.kind {
                Kind::YesNo => kind = Cell::text("select_one yes_no"),
                Kind::Scale {
                    min,
                    max,
                    labels: l,
                } => {
                    kind = Cell::text("range");
                    parameters = Cell::text(format!("start={min} end={max} step=1"));
                    if !l.is_empty() {
                        labels = Cell::text(&item.id);
                        for (value, label) in (*min..=*max).zip(l) {
                            choices.push(&[
                                Cell::text(&item.id),
                                Cell::text(value.to_string()),
                                Cell::text(label),
                                Cell::Empty,
                            ])?;
                        }
                    }
                }
                Kind::Choice { options } => {
                    kind = Cell::text(format!("select_one {}", item.id));
                    for (i, option) in options.iter().enumerate() {
                        choices.push(&[
                            Cell::text(&item.id),
                            Cell::text(option_name(i)),
                            Cell::text(&option.label),
                            Cell::Number(option.score),
                        ])?;
                    }
                }
                Kind::Number { unit: u, target } => {
                    kind = Cell::text("decimal");
                    constraint_cell = Cell::text(constraint(target.min, target.max));
                    unit = Cell::opt_text(u.as_deref());
                }
                Kind::Text | Kind::Date => {}
            }
            survey.push(&[
                kind,
                Cell::text(&item.id),
                Cell::text(&item.text),
                Cell::opt_text(item.guidance.as_deref()),
                yes(item.required),
                relevant(template, item),
                constraint_cell,
                parameters,
                labels,
                unit,
                Cell::Number(item.weight),
                if item.critical {
                    yes(true)
                } else {
                    Cell::Empty
                },
                if item.na { Cell::Empty } else { yes(false) },
                if item.pass == item_pass {
                    Cell::Empty
                } else {
                    Cell::Number(item.pass)
                },
            ])?;
        }
        survey.push(&[Cell::text("end group")])?;
    }
    // The columns in the order `import` reads them.
    let mut settings = Sheet::new(
        "settings",
        &super::import::SETTINGS_COLUMNS.map(str::to_owned),
    )?;
    settings.push(&[
        Cell::text(&template.id),
        Cell::text(&template.title),
        Cell::text(&template.version),
        Cell::text(&spec),
        Cell::opt_text(template.description.as_deref()),
        Cell::Number(template.scoring.pass_mark),
        Cell::Number(template.scoring.item_pass),
    ])?;
    let mut bands = Sheet::new("bands", &["min".to_owned(), format!("label::{spec}")])?;
    for band in &template.scoring.bands {
        bands.push(&[Cell::Number(band.min), Cell::text(&band.label)])?;
    }
    book.add(survey)?;
    book.add(choices)?;
    book.add(settings)?;
    book.add(bands)?;
    Ok(book)
}
