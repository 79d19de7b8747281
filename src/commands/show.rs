//! `opscheck show`: a template as a readable tree, or resolved JSON.

use std::io::Write;

use anstyle::{AnsiColor, Style};

use super::{destination, source};
use crate::answer::clean;
use crate::cli::{ShowArgs, ShowFormat};
use crate::error::Stream as _;
use crate::locale::Lang;
use crate::template::{Item, Kind};
use crate::{Env, Io, Outcome, Result, msg};

pub(crate) fn execute(args: &ShowArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let out = args.output.as_deref();
    if args.format == ShowFormat::Xlsform {
        destination::ensure_binary_allowed(out, io)?;
    }
    destination::ensure_free(out)?;
    let loaded = source::load(args.template.as_deref(), env.lang, io.stderr)?;
    if args.format == ShowFormat::Xlsform {
        let book = crate::xlsform::export::book(&loaded.template).map_err(crate::Error::from)?;
        destination::write_book(out, &mut *io.stdout, book)?;
        return Ok(Outcome::Success);
    }
    let lang = env.lang;
    destination::write(out, &mut *io.stdout, |w| {
        write_text(w, args.format, &loaded, lang).on_stdout()?;
        Ok(())
    })?;
    Ok(Outcome::Success)
}

fn write_text(
    out: &mut dyn Write,
    format: ShowFormat,
    loaded: &source::Loaded,
    lang: Lang,
) -> std::io::Result<()> {
    match format {
        ShowFormat::Xlsform => {}
        ShowFormat::Json => {
            crate::text::json_to_writer(&mut *out, &loaded.template, true)?;
            writeln!(out)?;
        }
        ShowFormat::Tree => write_tree(out, loaded, lang)?,
    }
    Ok(())
}

fn write_tree(out: &mut dyn Write, loaded: &source::Loaded, lang: Lang) -> std::io::Result<()> {
    let (template, origin) = (&loaded.template, &loaded.origin);
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    writeln!(
        out,
        "{bold}{}{bold:#}  {dim}{} {} · {} · {origin}{dim:#}",
        clean(&template.title),
        template.id,
        clean(&template.version),
        template.language
    )?;
    let s = &template.scoring;
    let bands: Vec<String> = s
        .bands
        .iter()
        .map(|b| format!("{} ≥{}", clean(&b.label), b.min))
        .collect();
    let scoring = msg!(
        "show-scoring",
        mark = s.pass_mark,
        item_pass = s.item_pass,
        bands = bands.join(", ")
    );
    writeln!(out, "{}", lang.format(&scoring))?;
    let counts = msg!(
        "show-counts",
        sections = template.sections.len(),
        items = template.item_count(),
        sha256 = &loaded.sha256[..12]
    );
    writeln!(out, "{}", lang.format(&counts))?;
    let critical = lang.text("term-critical");
    for (n, section) in template.sections.iter().enumerate() {
        writeln!(out)?;
        let weight = lang.format(&msg!("term-weight", weight = section.weight));
        writeln!(
            out,
            "{bold}{}. {}{bold:#}  {dim}{} · {weight}{dim:#}",
            n + 1,
            clean(&section.title),
            section.id
        )?;
        let last = section.items.len().saturating_sub(1);
        for (i, item) in section.items.iter().enumerate() {
            let branch = if i == last { "└─" } else { "├─" };
            let mark = if item.critical {
                format!(" {red}{critical}{red:#}")
            } else {
                String::new()
            };
            let weight = lang.format(&msg!("term-weight", weight = item.weight));
            writeln!(
                out,
                "  {branch} {}{mark}  {dim}{} · {} · {weight}{dim:#}",
                clean(&item.text),
                item.id,
                describe(item, lang)
            )?;
        }
    }
    Ok(())
}

/// The kind with what it takes, e.g. `scale 1–5` or `number, target ≤ 24 h`.
fn describe(item: &Item, lang: Lang) -> String {
    let mut text = match &item.kind {
        Kind::Scale { min, max, .. } => lang.format(&msg!("show-scale", min = *min, max = *max)),
        Kind::Choice { options } => lang.format(&msg!("show-choice", count = options.len())),
        Kind::Number { unit, target } => {
            format!(
                "{}, {}",
                lang.text("prompt-number"),
                crate::session::target_text(target, unit.as_deref(), lang)
            )
        }
        other => other.name().to_owned(),
    };
    if !item.required {
        text.push_str(&format!(" · {}", lang.text("term-optional")));
    }
    if let Some(when) = &item.when {
        text.push_str(&format!(
            " · {}",
            lang.format(&msg!(
                "show-when",
                item = &when.item,
                value = clean(&when.is).into_owned()
            ))
        ));
    }
    text
}
