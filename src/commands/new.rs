//! `opscheck new`: a commented starter template, drawn from the built-in checklist in
//! the interface language, that passes `validate`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use super::source::CHECKLISTS;
use crate::cli::{NewArea, NewArgs};
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::template::{Builtin, Item, Kind, Template};
use crate::{Env, Io, Outcome, msg};

/// Items taken from each built-in area as examples.
const EXAMPLES_PER_AREA: usize = 2;

pub(crate) fn execute(args: &NewArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    if !crate::template::is_id(&args.id) {
        return Err(Error::usage(msg!("new-bad-id", id = &args.id)));
    }
    let builtin =
        Builtin::find("ops-inspection", lang.tag()).expect("the default template is built in");
    let source = crate::template::check(builtin.text)
        .template
        .expect("built-in templates are valid");
    let areas: Vec<&str> = if args.areas.is_empty() {
        source.sections.iter().map(|s| s.id.as_str()).collect()
    } else {
        args.areas.iter().map(|a| area_id(*a)).collect()
    };
    let text = starter(&args.id, &source, &areas, lang);
    let path = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(CHECKLISTS).join(format!("{}.toml", args.id)));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_owned(),
            source,
        })?;
    }
    // create_new: an existing template is never overwritten.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
    file.write_all(text.as_bytes())
        .map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
    // The `#:schema ./schema.json` line needs the schema beside the template.
    let schema = path.with_file_name("schema.json");
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&schema)
    {
        file.write_all(super::schema::to_json().as_bytes())
            .map_err(|source| Error::Write {
                path: schema,
                source,
            })?;
    }
    writeln!(io.stdout, "{}", path.display()).on_stdout()?;
    if !env.quiet {
        writeln!(
            io.stderr,
            "{}",
            lang.format(&msg!("new-written", path = path.display().to_string()))
        )
        .on_stderr()?;
    }
    Ok(Outcome::Success)
}

fn area_id(area: NewArea) -> &'static str {
    match area {
        NewArea::Process => "process",
        NewArea::Data => "data",
        NewArea::Teamwork => "teamwork",
        NewArea::Goals => "goals",
        NewArea::Risk => "risk",
        NewArea::Feedback => "feedback",
        NewArea::Resources => "resources",
        NewArea::Improvement => "improvement",
        NewArea::Training => "training",
        NewArea::Review => "review",
    }
}

/// The starter template's text.
fn starter(id: &str, source: &Template, areas: &[&str], lang: crate::locale::Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "#:schema ./schema.json");
    comment(&mut out, &lang.text("new-header"));
    let _ = writeln!(out);
    let _ = writeln!(out, "format = 1");
    let _ = writeln!(out, "id = {}", quote(id));
    let _ = writeln!(out, "title = {}", quote(&lang.text("new-title")));
    let _ = writeln!(out, "version = \"0.1.0\"");
    let _ = writeln!(out, "language = {}", quote(lang.tag()));
    let _ = writeln!(out);
    comment(&mut out, &lang.text("new-scoring"));
    let _ = writeln!(out, "[scoring]");
    let s = &source.scoring;
    let _ = writeln!(out, "pass_mark = {}", s.pass_mark);
    let _ = writeln!(out, "item_pass = {}", s.item_pass);
    let bands: Vec<String> = s
        .bands
        .iter()
        .map(|b| format!("{{ min = {}, label = {} }}", b.min, quote(&b.label)))
        .collect();
    let _ = writeln!(out, "bands = [{}]", bands.join(", "));
    let mut first = true;
    for section in source
        .sections
        .iter()
        .filter(|s| areas.contains(&s.id.as_str()))
    {
        let _ = writeln!(out);
        if first {
            comment(&mut out, &lang.text("new-section"));
        }
        let _ = writeln!(out, "[[sections]]");
        let _ = writeln!(out, "id = {}", quote(&section.id));
        let _ = writeln!(out, "title = {}", quote(&section.title));
        for item in section
            .items
            .iter()
            .filter(|i| i.when.is_none())
            .take(EXAMPLES_PER_AREA)
        {
            let _ = writeln!(out);
            if first {
                comment(&mut out, &lang.text("new-item"));
                first = false;
            }
            write_item(&mut out, item);
        }
    }
    out
}

fn write_item(out: &mut String, item: &Item) {
    let _ = writeln!(out, "[[sections.items]]");
    let _ = writeln!(out, "id = {}", quote(&item.id));
    let _ = writeln!(out, "text = {}", quote(&item.text));
    if let Some(guidance) = &item.guidance {
        let _ = writeln!(out, "guidance = {}", quote(guidance));
    }
    let _ = writeln!(out, "kind = \"{}\"", item.kind.name());
    match &item.kind {
        Kind::Scale { min, max, labels } => {
            let _ = writeln!(out, "min = {min}\nmax = {max}");
            if !labels.is_empty() {
                let labels: Vec<String> = labels.iter().map(|l| quote(l)).collect();
                let _ = writeln!(out, "labels = [{}]", labels.join(", "));
            }
        }
        Kind::Choice { options } => {
            let options: Vec<String> = options
                .iter()
                .map(|o| format!("{{ label = {}, score = {} }}", quote(&o.label), o.score))
                .collect();
            let _ = writeln!(out, "options = [{}]", options.join(", "));
        }
        Kind::Number { unit, target } => {
            if let Some(unit) = unit {
                let _ = writeln!(out, "unit = {}", quote(unit));
            }
            let bounds: Vec<String> = [("min", target.min), ("max", target.max)]
                .iter()
                .filter_map(|(k, v)| v.map(|v| format!("{k} = {v}")))
                .collect();
            let _ = writeln!(out, "target = {{ {} }}", bounds.join(", "));
        }
        Kind::YesNo | Kind::Text | Kind::Date => {}
    }
    if item.weight != 1.0 {
        let _ = writeln!(out, "weight = {}", item.weight);
    }
    if item.critical {
        let _ = writeln!(out, "critical = true");
    }
    if !item.na {
        let _ = writeln!(out, "na = false");
    }
    if !item.required {
        let _ = writeln!(out, "required = false");
    }
}

/// Text as `# ` comment lines.
fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "{}", format!("# {}", line.trim()).trim_end());
    }
}

/// A TOML basic string.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang;

    #[test]
    fn starters_are_valid_in_both_languages() {
        for lang in [Lang::En, Lang::ZhCn] {
            let builtin = Builtin::find("ops-inspection", lang.tag()).unwrap();
            let source = crate::template::check(builtin.text).template.unwrap();
            for areas in [
                vec![
                    "process",
                    "data",
                    "teamwork",
                    "goals",
                    "risk",
                    "feedback",
                    "resources",
                    "improvement",
                    "training",
                    "review",
                ],
                vec!["risk"],
            ] {
                let text = starter("store-audit", &source, &areas, lang);
                let checked = crate::template::check(&text);
                assert!(
                    checked.problems.is_empty(),
                    "{lang:?} {areas:?}: {:?}\n{text}",
                    checked.problems
                );
                let template = checked.template.unwrap();
                assert_eq!(template.id, "store-audit");
                assert_eq!(template.sections.len(), areas.len());
            }
        }
    }
}
