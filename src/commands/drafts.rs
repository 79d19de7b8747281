//! `opscheck drafts`: unfinished inspections and how far they got.

use super::draft_store;
use crate::answer::clean;
use crate::cli::DraftsArgs;
use crate::error::Stream as _;
use crate::table;
use crate::{Env, Io, Outcome, Result, msg};

pub(crate) fn execute(args: &DraftsArgs, env: &Env, io: &mut Io<'_>) -> Result<Outcome> {
    let lang = env.lang;
    let out = args.out.display().to_string();
    let drafts = draft_store::list(&args.out);
    if drafts.is_empty() {
        writeln!(
            io.stderr,
            "{}",
            lang.format(&msg!("drafts-none", out = &out))
        )
        .on_stderr()?;
        return Ok(Outcome::Success);
    }
    let header: Vec<String> = [
        "drafts-id",
        "drafts-started",
        "col-template",
        "col-subject",
        "col-inspector",
        "drafts-answered",
        "drafts-file",
    ]
    .iter()
    .map(|key| lang.text(key))
    .collect();
    let mut table = table::new(header);
    for (path, draft) in &drafts {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let row = match draft {
            Ok(d) => {
                let h = &d.header;
                let answered = d.answers.values().filter(|e| e.answer.is_some()).count();
                vec![
                    draft_store::short_id(path),
                    h.started_at.format("%Y-%m-%d %H:%M").to_string(),
                    clean(&h.template_id).into_owned(),
                    clean(&h.subject).into_owned(),
                    clean(&h.inspector).into_owned(),
                    answered.to_string(),
                    file,
                ]
            }
            Err(why) => {
                let why = lang.format(&msg!("drafts-unreadable").with_detail(why.clone()));
                vec![
                    draft_store::short_id(path),
                    String::new(),
                    String::new(),
                    why,
                    String::new(),
                    String::new(),
                    file,
                ]
            }
        };
        table.add_row(row);
    }
    writeln!(io.stdout, "{table}").on_stdout()?;
    writeln!(
        io.stderr,
        "{}",
        lang.format(&msg!("drafts-continue", out = &out))
    )
    .on_stderr()?;
    Ok(Outcome::Success)
}
