//! `opscheck drafts`: unfinished inspections and how far they got.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use super::draft_store;
use crate::answer::clean;
use crate::cli::DraftsArgs;
use crate::{Io, Outcome, Result};

pub(crate) fn execute(args: &DraftsArgs, io: &mut Io<'_>) -> Result<Outcome> {
    let drafts = draft_store::list(&args.out);
    if drafts.is_empty() {
        writeln!(
            io.stderr,
            "no unfinished inspections under `{}`",
            args.out.display()
        )?;
        return Ok(Outcome::Success);
    }
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec![
            "Started",
            "Template",
            "Subject",
            "Inspector",
            "Answered",
            "Draft",
        ]);
    for (path, draft) in &drafts {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match draft {
            Ok(d) => {
                let h = &d.header;
                let answered = d.answers.values().filter(|e| e.answer.is_some()).count();
                table.add_row(vec![
                    h.started_at.format("%Y-%m-%d %H:%M").to_string(),
                    clean(&h.template_id).into_owned(),
                    clean(&h.subject).into_owned(),
                    clean(&h.inspector).into_owned(),
                    answered.to_string(),
                    file,
                ]);
            }
            Err(why) => {
                table.add_row(vec![
                    "?".to_owned(),
                    "?".to_owned(),
                    format!("unreadable: {why}"),
                    String::new(),
                    String::new(),
                    file,
                ]);
            }
        }
    }
    writeln!(io.stdout, "{table}")?;
    writeln!(
        io.stderr,
        "continue one with: opscheck run --subject SUBJECT --out {} --resume",
        args.out.display()
    )?;
    Ok(Outcome::Success)
}
