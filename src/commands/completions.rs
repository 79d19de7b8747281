//! `opscheck completions` and `opscheck man`: clap's own generators.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Stream as _;
use crate::template::BUILTIN;
use crate::{Io, Outcome, Result};

pub(crate) fn completions(args: &CompletionsArgs, io: &mut Io<'_>) -> Result<Outcome> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "opscheck", &mut *io.stdout);
    if args.shell == Shell::Bash {
        io.stdout
            .write_all(bash_templates().as_bytes())
            .on_stdout()?;
    }
    Ok(Outcome::Success)
}

/// Completes `--template` with the built-in ids, the templates in `checklists/` and
/// `.toml` files, then hands everything else to clap's function.
fn bash_templates() -> String {
    let mut ids: Vec<String> = BUILTIN
        .iter()
        .map(|b| b.file.trim_end_matches(".toml").to_owned())
        .collect();
    ids.extend(BUILTIN.iter().map(|b| b.id.to_owned()));
    ids.sort();
    ids.dedup();
    format!(
        r#"
_opscheck_with_templates() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    if [[ "$prev" == "--template" || "$prev" == "-t" ]]; then
        local ids="{ids}" file
        for file in checklists/*.toml; do
            [[ -e "$file" ]] || continue
            file="${{file##*/}}"
            ids="$ids ${{file%.toml}}"
        done
        ids="$(printf '%s\n' $ids | sort -u)"
        COMPREPLY=( $(compgen -W "$ids" -- "$cur") $(compgen -f -X '!*.toml' -- "$cur") )
        return 0
    fi
    _opscheck "$@"
}}
complete -F _opscheck_with_templates -o nosort -o bashdefault -o default opscheck
"#,
        ids = ids.join(" ")
    )
}
