//! Finding and reading templates: a path, an id in `checklists/`, or a built-in.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic;
use crate::error::{Error, Result};
use crate::locale::Lang;
use crate::report::Report;
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

/// Templates and answers files larger than this are refused: a template of 100,000
/// items is about 8 MiB and validates in about a second.
pub(crate) const MAX_TEXT_BYTES: u64 = 32 << 20;

/// Reports larger than this are not opscheck's: a report of 10,000 answers is ~5 MiB.
pub(crate) const MAX_REPORT_BYTES: u64 = 64 << 20;

/// Reads a file as text; invalid UTF-8 is reported at its line and column.
pub(crate) fn read_text(path: &Path) -> Result<std::result::Result<String, (String, usize)>> {
    let metadata = fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_owned(),
        },
        _ => Error::Read {
            path: path.to_owned(),
            source,
        },
    })?;
    if !metadata.is_file() {
        return Err(Error::Read {
            path: path.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file"),
        });
    }
    if metadata.len() > MAX_TEXT_BYTES {
        let limit = format!("larger than the limit of {} MiB", MAX_TEXT_BYTES >> 20);
        return Err(Error::Read {
            path: path.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, limit),
        });
    }
    let bytes = fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    Ok(String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        (String::from_utf8_lossy(e.as_bytes()).into_owned(), at)
    }))
}

/// Reads a file that must be UTF-8 text.
pub(crate) fn read_utf8(path: &Path) -> Result<String> {
    read_text(path)?.map_err(|(_, at)| Error::Read {
        path: path.to_owned(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not valid UTF-8 after byte {at}"),
        ),
    })
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
        writeln!(stderr, "{}", lines.render(&origin, problem, lang))?;
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
        let text = read_utf8(&path)?;
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

/// Reads a report written by `opscheck run`.
pub(crate) fn read_report(path: &Path) -> Result<Report> {
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_REPORT_BYTES {
        let reason = crate::report::ReadError::Damaged(format!(
            "larger than {} MiB",
            MAX_REPORT_BYTES >> 20
        ));
        return Err(Error::Report {
            path: path.to_owned(),
            reason: reason.message(),
        });
    }
    let text = read_utf8(path)?;
    Report::from_json(&text).map_err(|e| Error::Report {
        path: path.to_owned(),
        reason: e.message(),
    })
}

/// A template whose bytes have this sha256: `checklists/*.toml` or a built-in.
pub(crate) fn find_by_sha256(sha256: &str) -> Option<Loaded> {
    let mut candidates: Vec<(String, String)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(CHECKLISTS) {
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.extension().is_some_and(|e| e == "toml")
                && let Ok(text) = std::fs::read_to_string(&path)
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
    let text = read_utf8(path)?;
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

/// Every report file under the given paths: `*.json` in directories (recursively),
/// files as given. The first unreadable path is an error.
pub(crate) fn report_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for root in paths {
        let start = files.len();
        walk(root, "json", &mut files)?;
        // Action events live beside the reports; they are not reports.
        let events = super::action_store::events_dir(root);
        let found: Vec<PathBuf> = files.drain(start..).collect();
        files.extend(found.into_iter().filter(|f| !f.starts_with(&events)));
    }
    files.sort();
    Ok(files)
}

/// Adds `root` if it is a file, or every `*.EXTENSION` file below it if it is a
/// directory. Hidden entries (`.drafts/`, temporary files) are skipped, symlinks are
/// followed, and a FIFO or a device is never opened (it could block).
pub(crate) fn walk(root: &Path, extension: &str, files: &mut Vec<PathBuf>) -> Result<()> {
    let metadata = fs::metadata(root).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: root.to_owned(),
        },
        _ => Error::Read {
            path: root.to_owned(),
            source,
        },
    })?;
    if !metadata.is_dir() {
        files.push(root.to_owned());
        return Ok(());
    }
    let mut pending = vec![root.to_owned()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).map_err(|source| Error::Read {
            path: dir.clone(),
            source,
        })?;
        for entry in entries.filter_map(|e| e.ok()) {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(metadata) = fs::metadata(&path) else {
                continue;
            };
            if metadata.is_dir() {
                pending.push(path);
            } else if metadata.is_file() && path.extension().is_some_and(|e| e == extension) {
                files.push(path);
            }
        }
    }
    Ok(())
}
