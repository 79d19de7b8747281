//! Finding and reading templates: a path, an id in `checklists/`, or a built-in.

use std::path::{Path, PathBuf};

use crate::diagnostic;
use crate::error::Stream as _;
use crate::error::{Error, Result};
use crate::locale::Lang;
use crate::report::Report;
use crate::store::{self, limits};
use crate::template::{self, Builtin, Template};

/// Where templates of the working directory live.
pub(crate) const CHECKLISTS: &str = "checklists";

/// The id of the built-in default checklist.
const DEFAULT_ID: &str = "ops-inspection";

/// A template ready to use, with where it came from and the digest of its bytes.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub origin: String,
    pub template: Template,
    pub sha256: String,
}

/// Finds a template by path or id (default: the built-in for `lang`), checks it, and
/// renders its problems to `stderr`.
pub(crate) fn load(
    name: Option<&str>,
    lang: Lang,
    stderr: &mut dyn std::io::Write,
) -> Result<Loaded> {
    let (origin, text) = locate(name, lang)?;
    let checked = template::check(&text);
    let lines = diagnostic::Lines::new(&text);
    for problem in checked.problems.iter().filter(|p| p.is_error()) {
        writeln!(stderr, "{}", lines.render(&origin, problem, lang)).on_stderr()?;
    }
    let template = checked.template.ok_or_else(|| Error::TemplateInvalid {
        origin: origin.clone(),
        count: checked.problems.iter().filter(|p| p.is_error()).count(),
    })?;
    Ok(Loaded {
        origin,
        template,
        sha256: sha256(text.as_bytes()),
    })
}

/// A path as given; else `checklists/ID.LANG.toml` or `checklists/ID.toml`; else a
/// built-in. No name means the built-in default in the interface language.
fn locate(name: Option<&str>, lang: Lang) -> Result<(String, String)> {
    let Some(name) = name else {
        let builtin =
            Builtin::find(DEFAULT_ID, lang.tag()).expect("the default template is built in");
        return Ok((builtin.origin(), builtin.text.to_owned()));
    };
    let as_path = PathBuf::from(name);
    let file =
        if as_path.is_file() || name.ends_with(".toml") || name.contains(std::path::MAIN_SEPARATOR)
        {
            Some(as_path)
        } else {
            [
                format!("{name}.{}.toml", lang.tag()),
                format!("{name}.toml"),
            ]
            .map(|file| Path::new(CHECKLISTS).join(file))
            .into_iter()
            .find(|path| path.is_file())
        };
    if let Some(path) = file {
        let text = store::read_utf8(&path, limits::TEMPLATE_BYTES)?;
        return Ok((path.display().to_string(), text));
    }
    let builtin = Builtin::find(name, lang.tag()).ok_or_else(|| Error::TemplateNotFound {
        name: name.to_owned(),
    })?;
    Ok((builtin.origin(), builtin.text.to_owned()))
}

pub(crate) fn sha256(bytes: &[u8]) -> String {
    crate::digest::sha256_hex(bytes)
}

/// A file that must be UTF-8 text, up to the template limit.
pub(crate) fn read_utf8(path: &Path) -> Result<String> {
    store::read_utf8(path, limits::TEMPLATE_BYTES)
}

/// Reads a report written by `opscheck run`, up to the report limit.
pub(crate) fn read_report(path: &Path) -> Result<Report> {
    read_report_text(path).map(|(report, _)| report)
}

/// A report and the text it was read from.
pub(crate) fn read_report_text(path: &Path) -> Result<(Report, String)> {
    let text = store::read_utf8(path, limits::REPORT_BYTES)?;
    let report = Report::from_json(&text).map_err(|e| Error::Report {
        path: path.to_owned(),
        reason: e.message(),
    })?;
    Ok((report, text))
}

/// A template whose bytes have this sha256: `checklists/*.toml` or a built-in.
pub(crate) fn find_by_sha256(sha256: &str) -> Option<Loaded> {
    let mut candidates: Vec<(String, String)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(CHECKLISTS) {
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.extension().is_some_and(|e| e == "toml")
                && let Ok(text) = store::read_utf8(&path, limits::TEMPLATE_BYTES)
            {
                candidates.push((path.display().to_string(), text));
            }
        }
    }
    candidates.extend(
        crate::template::BUILTIN
            .iter()
            .map(|b| (b.origin(), b.text.to_owned())),
    );
    let (origin, text) = candidates
        .into_iter()
        .find(|(_, text)| self::sha256(text.as_bytes()) == sha256)?;
    let template = template::check(&text).template?;
    Some(Loaded {
        origin,
        template,
        sha256: sha256.to_owned(),
    })
}

/// Reads and checks a template file, without rendering its problems.
pub(crate) fn load_path(path: &Path) -> Result<Loaded> {
    let text = store::read_utf8(path, limits::TEMPLATE_BYTES)?;
    let origin = path.display().to_string();
    let checked = template::check(&text);
    let count = checked.problems.iter().filter(|p| p.is_error()).count();
    let template = checked.template.ok_or(Error::TemplateInvalid {
        origin: origin.clone(),
        count,
    })?;
    Ok(Loaded {
        origin,
        template,
        sha256: sha256(text.as_bytes()),
    })
}

/// Every report file under the given paths: `*.json` in directories, files as given
/// (see [`store::files`]). Action events live beside the reports; they are not reports.
pub(crate) fn report_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    report_files_walked(paths, store::Walk::default())
}

/// [`report_files`], walked as asked (`--follow`).
pub(crate) fn report_files_walked(paths: &[PathBuf], walk: store::Walk) -> Result<Vec<PathBuf>> {
    let mut files = store::files(paths, "json", walk)?;
    let events: Vec<PathBuf> = paths
        .iter()
        .map(|root| super::action_store::events_dir(root))
        .collect();
    files.retain(|f| !events.iter().any(|e| f.starts_with(e)));
    Ok(files)
}

/// Adds every `*.EXTENSION` file under `root`, walked as [`store::files`] walks.
pub(crate) fn walk(root: &Path, extension: &str, files: &mut Vec<PathBuf>) -> Result<()> {
    let found = store::files(
        std::slice::from_ref(&root.to_path_buf()),
        extension,
        store::Walk::default(),
    )?;
    files.extend(found);
    Ok(())
}
