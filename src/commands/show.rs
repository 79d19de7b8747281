//! `opscheck show`: a template as a readable tree, or resolved JSON.

use std::io::Write;

use anstyle::{AnsiColor, Style};

use super::source;
use crate::cli::{ShowArgs, ShowFormat};
use crate::template::{Item, Kind};
use crate::{Env, Io, Outcome, Result};

pub(crate) fn execute(args: &ShowArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let loaded = source::load(args.template.as_deref(), env.lang, io.stderr)?;
    match args.format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut *io.stdout, &loaded.template)
                .map_err(std::io::Error::from)?;
            writeln!(io.stdout)?;
        }
        ShowFormat::Tree => write_tree(io.stdout, &loaded)?,
    }
    Ok(Outcome::Success)
}

fn write_tree(out: &mut dyn Write, loaded: &source::Loaded) -> std::io::Result<()> {
    let (template, origin) = (&loaded.template, &loaded.origin);
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    writeln!(
        out,
        "{bold}{}{bold:#}  {dim}{} {} · {} · {origin}{dim:#}",
        template.title, template.id, template.version, template.language
    )?;
    let s = &template.scoring;
    let bands: Vec<String> = s
        .bands
        .iter()
        .map(|b| format!("{} ≥{}", b.label, b.min))
        .collect();
    writeln!(
        out,
        "pass mark {}% · item pass {} · {}",
        s.pass_mark,
        s.item_pass,
        bands.join(", ")
    )?;
    writeln!(
        out,
        "{} sections, {} items · sha256 {}",
        template.sections.len(),
        template.item_count(),
        &loaded.sha256[..12]
    )?;
    for (n, section) in template.sections.iter().enumerate() {
        writeln!(out)?;
        writeln!(
            out,
            "{bold}{}. {}{bold:#}  {dim}{} · weight {}{dim:#}",
            n + 1,
            section.title,
            section.id,
            section.weight
        )?;
        let last = section.items.len().saturating_sub(1);
        for (i, item) in section.items.iter().enumerate() {
            let branch = if i == last { "└─" } else { "├─" };
            let critical = if item.critical {
                format!(" {red}critical{red:#}")
            } else {
                String::new()
            };
            writeln!(
                out,
                "  {branch} {}{critical}  {dim}{} · {} · weight {}{dim:#}",
                item.text,
                item.id,
                describe(item),
                item.weight
            )?;
        }
    }
    Ok(())
}

/// The kind with what it takes, e.g. `scale 1–5` or `number ≤ 24 h`.
fn describe(item: &Item) -> String {
    let mut text = match &item.kind {
        Kind::Scale { min, max, .. } => format!("scale {min}–{max}"),
        Kind::Choice { options } => format!("choice of {}", options.len()),
        Kind::Number { unit, target } => {
            let unit = unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
            match (target.min, target.max) {
                (Some(a), Some(b)) => format!("number {a}–{b}{unit}"),
                (Some(a), None) => format!("number ≥ {a}{unit}"),
                (None, Some(b)) => format!("number ≤ {b}{unit}"),
                (None, None) => "number".to_owned(),
            }
        }
        other => other.name().to_owned(),
    };
    if !item.required {
        text.push_str(" · optional");
    }
    if let Some(when) = &item.when {
        text.push_str(&format!(" · when {} = {}", when.item, when.is));
    }
    text
}
