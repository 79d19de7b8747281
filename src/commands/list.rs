//! `opscheck list`: the templates at hand, built in and in `checklists/`.

use super::source::CHECKLISTS;
use crate::answer::clean;
use crate::error::Stream as _;
use crate::table;
use crate::template::{self, BUILTIN};
use crate::{Env, Io, Outcome, Result};

pub(crate) fn execute(env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let t = |key: &str| env.lang.text(key);
    let mut table = table::new(vec![
        t("list-id"),
        t("list-title"),
        t("list-language"),
        t("list-items"),
        t("list-version"),
        t("list-path"),
    ]);
    let mut sources: Vec<(String, String)> = BUILTIN
        .iter()
        .map(|b| (b.origin(), b.text.to_owned()))
        .collect();
    if let Ok(entries) = std::fs::read_dir(CHECKLISTS) {
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .filter(|p| crate::register::kind_of(p).is_none())
            .collect();
        paths.sort();
        for path in paths {
            if let Ok(text) = crate::store::read_utf8(&path, crate::store::limits::TEMPLATE_BYTES) {
                sources.push((path.display().to_string(), text));
            }
        }
    }
    for (origin, text) in sources {
        let row = match template::check(&text).template {
            Some(tpl) => vec![
                tpl.id.clone(),
                clean(&tpl.title).into_owned(),
                tpl.language.clone(),
                tpl.item_count().to_string(),
                clean(&tpl.version).into_owned(),
                origin,
            ],
            None => vec![
                String::new(),
                t("list-invalid"),
                String::new(),
                String::new(),
                String::new(),
                origin,
            ],
        };
        table.add_row(row);
    }
    table::align_right(&mut table, [3]);
    writeln!(io.stdout, "{table}").on_stdout()?;
    Ok(Outcome::Success)
}
