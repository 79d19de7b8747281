//! Helpers shared by the binary-level tests: the `opscheck` binary in a known
//! environment, and the shipped templates.

// Each test crate uses only some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The package root, where `checklists/` lives.
pub(crate) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `opscheck` run from the package root with colour off and the C locale, whatever
/// the environment of the test run.
pub(crate) fn opscheck() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_opscheck"));
    command
        .current_dir(root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("CLICOLOR_FORCE")
        .env("LANG", "C")
        .env("NO_COLOR", "1");
    command
}

/// Runs the command to the end; a failure to start is a test failure.
pub(crate) fn output(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

/// Runs the command, asserts it exits 0, and parses its stdout as JSON.
pub(crate) fn json(command: &mut Command) -> serde_json::Value {
    let out = output(command);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{command:?} failed\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{command:?} printed no JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// `checklists/*.toml`, relative to the package root, in name order.
pub(crate) fn shipped_templates() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("checklists"))
        .expect("checklists/ is readable")
        .map(|entry| entry.expect("checklists/ entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| {
            path.strip_prefix(root())
                .expect("under the root")
                .to_owned()
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no template in checklists/");
    files
}
