//! Extended check against real data nobody on this project wrote: every document of
//! the TOML compliance suite that a parser must reject is reported by `opscheck validate`
//! as invalid (exit 1), at a `PATH:LINE:COL`, and never makes it panic.
//!
//! The suite lives outside the project, in `../shared/external/toml-test/`; without it
//! the check is skipped, so the project's own tests pass anywhere.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use common::{opscheck, output, root};

/// The suite's invalid documents, relative to the package root.
const SUITE: &str = "../shared/external/toml-test/tests/invalid";

/// Every `*.toml` file under `dir`, recursively, in name order. (The suite's `*.multi`
/// files are the sources its documents were cut from, not documents.)
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root().join(dir)).expect("suite directory is readable") {
        let path = dir.join(entry.expect("suite entry").file_name());
        if root().join(&path).is_dir() {
            files.extend(toml_files(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Whether `text` holds `PATH:LINE:COL` with numbers for LINE and COL.
fn has_location(text: &str, path: &str) -> bool {
    let needle = format!("{path}:");
    text.match_indices(&needle).any(|(at, _)| {
        let rest = &text[at + needle.len()..];
        let line = rest.chars().take_while(char::is_ascii_digit).count();
        let after = &rest[line..];
        let column = after
            .strip_prefix(':')
            .map_or(0, |c| c.chars().take_while(char::is_ascii_digit).count());
        line > 0 && column > 0
    })
}

/// What is wrong with `opscheck validate FILE` on one invalid document, if anything.
fn check_one(file: &Path) -> Option<String> {
    let out = output(opscheck().arg("validate").arg(file));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let path = file.display().to_string();
    let code = out.status.code();
    if code != Some(1) {
        return Some(format!("{path}: exit {code:?}, expected 1\n{stderr}"));
    }
    if !has_location(&stderr, &path) {
        return Some(format!("{path}: no `{path}:LINE:COL` on stderr\n{stderr}"));
    }
    None
}

/// Each of the suite's invalid TOML documents (509 at toml-test d168c2a4, some not
/// UTF-8) makes `opscheck validate` say where the problem is and exit 1.
#[test]
#[allow(clippy::print_stderr)] // the note and the timing are for whoever runs the check
fn rejects_every_invalid_document_of_the_toml_suite_with_a_location() {
    if !root().join(SUITE).is_dir() {
        eprintln!("note: {SUITE} not found; skipping the TOML compliance check");
        return;
    }
    let files = toml_files(Path::new(SUITE));
    assert!(!files.is_empty(), "no *.toml file under {SUITE}");

    let started = Instant::now();
    let threads = std::thread::available_parallelism().map_or(4, |n| n.get());
    let chunk = files.len().div_ceil(threads);
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().filter_map(|f| check_one(f)).collect::<Vec<_>>())
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().expect("worker thread"))
            .collect()
    });
    eprintln!(
        "checked {} documents of the TOML suite in {:.1?}",
        files.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of {} documents were not rejected with a location:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// The location finder itself: a path followed by numbers, not by anything else.
#[test]
fn has_location_needs_line_and_column_numbers() {
    assert!(has_location(" --> a/b.toml:3:14\n", "a/b.toml"));
    assert!(!has_location(" --> a/b.toml:3\n", "a/b.toml"));
    assert!(!has_location(
        "error: `a/b.toml` does not exist",
        "a/b.toml"
    ));
    assert!(!has_location(" --> x/a/b.tomlx:3:1", "a/b.toml"));
}
