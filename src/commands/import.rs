//! `opscheck import`: an XLSForm into one template per language, every template
//! checked before anything is written, nothing written over an existing file.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::destination;
use crate::cli::ImportArgs;
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::xlsform::{self, Grid};
use crate::{Env, Io, Outcome, msg};

pub(crate) fn execute(args: &ImportArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let form = &args.form;
    let file = form.display().to_string();
    let bytes = std::fs::read(form).map_err(|source| Error::Read {
        path: form.clone(),
        source,
    })?;
    let error = lang.text("diagnostic-error");
    let refuse = |io: &mut Io<'_>, place: &str, why: crate::i18n::Message| -> Result<Outcome> {
        let at = if place.is_empty() {
            file.clone()
        } else {
            format!("{file}:{place}")
        };
        writeln!(io.stderr, "{error}: {at}: {}", lang.format(&why)).on_stderr()?;
        Ok(Outcome::Problems)
    };
    let grids = match read(form, bytes) {
        Ok(grids) => grids,
        Err(reason) => {
            return refuse(io, "", msg!("xlsform-unreadable", reason = reason));
        }
    };
    let stem = form
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let level = lang.text(if args.strict {
        "diagnostic-error"
    } else {
        "diagnostic-warning"
    });
    let list = |io: &mut Io<'_>, dropped: &[xlsform::Dropped]| -> Result<()> {
        for d in dropped {
            let what = lang.format(&d.what);
            writeln!(io.stderr, "{level}: {file}:{}!{}: {what}", d.sheet, d.cell).on_stderr()?;
        }
        Ok(())
    };
    let imported = match xlsform::import(&grids, &stem) {
        Ok(imported) => imported,
        Err(refused) => {
            list(io, &refused.dropped)?;
            return refuse(io, &refused.place, refused.why);
        }
    };
    list(io, &imported.dropped)?;
    if args.strict && !imported.dropped.is_empty() {
        let message = msg!("xlsform-strict", count = imported.dropped.len());
        writeln!(io.stderr, "{}", lang.format(&message)).on_stderr()?;
        return Ok(Outcome::Problems);
    }

    let header = format!(
        "# {}\n\n",
        lang.format(&msg!(
            "xlsform-header",
            file = crate::answer::clean(&file).into_owned()
        ))
    );
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for (i, template) in imported.templates.iter().enumerate() {
        let name = if i == 0 {
            format!("{}.toml", template.id)
        } else {
            format!("{}.{}.toml", template.id, template.language)
        };
        let text = crate::template::to_toml(template, &header);
        // What the import makes must pass `validate`; if not, that is a bug to report,
        // not a file to write.
        let checked = crate::template::check(&text);
        if checked.template.as_ref() != Some(template) {
            let problems = checked
                .problems
                .iter()
                .map(|p| lang.format(&p.message))
                .collect::<Vec<_>>()
                .join("; ");
            return refuse(io, "", msg!("xlsform-invalid", problems = problems));
        }
        files.push((args.out.join(name), text));
    }
    for (path, _) in &files {
        destination::ensure_free(Some(path))?;
    }
    std::fs::create_dir_all(&args.out).map_err(|source| Error::Write {
        path: args.out.clone(),
        source,
    })?;
    for (path, text) in &files {
        destination::persist_new(path, |f| {
            f.write_all(text.as_bytes()).map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })
        })?;
        writeln!(io.stdout, "{}", path.display()).on_stdout()?;
    }
    if !env.quiet {
        let items: usize = imported
            .templates
            .first()
            .map_or(0, crate::template::Template::item_count);
        let message = msg!(
            "xlsform-imported",
            file = file.as_str(),
            templates = files.len(),
            items = items,
            dropped = imported.dropped.len()
        );
        writeln!(io.stderr, "{}", lang.format(&message)).on_stderr()?;
    }
    Ok(Outcome::Success)
}

/// The sheets of the form: a workbook, or a CSV of its survey sheet.
fn read(path: &Path, bytes: Vec<u8>) -> Result<Vec<Grid>, String> {
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if !is_csv {
        return xlsform::read_workbook(bytes);
    }
    let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
    Ok(vec![xlsform::read_csv(&text, "survey")?])
}
