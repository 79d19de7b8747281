//! Every input a fuzz target (`fuzz/`, run by `bench/fuzz.sh`) crashed on, kept in
//! `tests/fixtures/fuzz-regressions/TARGET/` and replayed through the same code the
//! target runs (`fuzz/src/oracles.rs`): the entry point must not panic, and what it
//! gives must hold together (problems that render and point inside the file, a draft
//! whose valid part replays, a report that reads back as itself).
//!
//! The seeds the fuzzer starts from are replayed too, so that the oracles themselves
//! keep compiling and passing in the normal test suite.

use crate::common;

#[allow(
    unreachable_pub,
    reason = "the fuzz crate's public API, compiled in here"
)]
#[path = "../../fuzz/src/oracles.rs"]
mod oracles;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

type Oracle = fn(&[u8]);

const TARGETS: &[(&str, Oracle)] = &[
    ("template", oracles::template),
    ("answers_file", oracles::answers_file),
    ("journal", oracles::journal),
    ("report", oracles::report),
];

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `oracle` on each file; every failure, with its file, in one message.
fn replay(oracle: Oracle, inputs: &[PathBuf]) -> Vec<String> {
    let mut failures = Vec::new();
    for path in inputs {
        let bytes = std::fs::read(path).unwrap();
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| oracle(&bytes))) {
            let why = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            failures.push(format!("{}: {why}", path.display()));
        }
    }
    failures
}

#[test]
fn every_saved_crashing_input_is_handled() {
    let root = common::root().join("tests/fixtures/fuzz-regressions");
    let mut failures = Vec::new();
    for (target, oracle) in TARGETS {
        failures.extend(replay(*oracle, &files(&root.join(target))));
    }
    // A directory named after no target would never be replayed.
    for dir in files_and_dirs(&root) {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            TARGETS.iter().any(|(target, _)| *target == name) || name.starts_with('.'),
            "{} is not a fuzz target",
            dir.display()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn files_and_dirs(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

/// The seeds of `bench/fuzz.sh` that ship with the package: each target's oracle
/// holds on them.
#[test]
fn the_oracles_hold_on_the_seeds() {
    let root = common::root();
    let templates: Vec<PathBuf> = common::shipped_templates()
        .into_iter()
        .map(|p| root.join(p))
        .chain(
            files(&root.join("tests/fixtures"))
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "toml")),
        )
        .collect();
    let answers = vec![root.join("tests/fixtures/report/hostile-answers.toml")];
    let reports = vec![root.join("tests/fixtures/report/hostile.json")];
    let mut failures = replay(oracles::template, &templates);
    failures.extend(replay(oracles::answers_file, &answers));
    failures.extend(replay(oracles::answers_file, &templates));
    failures.extend(replay(oracles::report, &reports));
    failures.extend(replay(oracles::report, &templates));
    failures.extend(replay(oracles::journal, &reports));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Small hand-made inputs at the edges of each reader.
#[test]
fn the_oracles_hold_on_edge_inputs() {
    let journal_line = r#"{"event":"start","format":"opscheck-journal/1","template_id":"t","template_version":"1","template_sha256":"00","template_origin":"t.toml","subject":"S","inspector":"QA","date":"2026-11-29","started_at":"2026-11-29T09:00:00+08:00"}"#;
    let inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\n".to_vec(),
        b"\xff\xfe\x00".to_vec(),
        b"[answers]\nsop-documented = \"y\"\n".to_vec(),
        b"[answers]\nnope = 1\n[answers.x]\n".to_vec(),
        format!("{journal_line}\n").into_bytes(),
        format!(
            "{journal_line}\n{{\"event\":\"answer\",\"item\":\"a\",\"answer\":\"yes\"}}\n{{\"ev"
        )
        .into_bytes(),
        format!("{journal_line}\n{journal_line}\n").into_bytes(),
        b"{\"format\":\"opscheck-report/2\"}".to_vec(),
        b"{\"format\":\"opscheck-report/1\"}".to_vec(),
        b"{}".to_vec(),
        b"format = 1\nid = \"x\"\n[[sections]]\n".to_vec(),
    ];
    for input in &inputs {
        for (target, oracle) in TARGETS {
            let failed = catch_unwind(AssertUnwindSafe(|| oracle(input))).is_err();
            assert!(!failed, "{target} on {:?}", String::from_utf8_lossy(input));
        }
    }
}

/// Found with the fuzz build, which (like `cargo build` and `cargo install`) compiles
/// opscheck without the dev-dependencies: serde_json's default float parser reads
/// some floats back one unit off (`91.66666666666667` → `91.66666666666669`, the percent
/// of 11 passes out of 12), so a genuine report re-serialises differently and
/// `opscheck verify` calls it TAMPERED. The test build never saw it, because the
/// dev-dependency `jsonschema` turns on `serde_json/float_roundtrip` for the test build
/// only. opscheck must ask for exact float parsing itself.
#[test]
fn serde_json_reads_floats_exactly_in_every_build() {
    let manifest: toml::Table = std::fs::read_to_string(common::root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let features = manifest["dependencies"]["serde_json"]
        .get("features")
        .and_then(|f| f.as_array())
        .map(|f| f.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>())
        .unwrap_or_default();
    assert!(
        features.contains(&"float_roundtrip"),
        "Cargo.toml [dependencies] serde_json needs features = [\"float_roundtrip\"], or \
         the shipped binary misreads report floats and `verify` rejects genuine reports \
         (features: {features:?})"
    );
}

/// The same bug seen from the command line: a report whose percent is 11/12 verifies.
#[test]
fn a_report_at_eleven_twelfths_verifies() {
    let saved = common::root()
        .join("tests/fixtures/fuzz-regressions/report/float-roundtrip-91.67-percent.json");
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("\"percent\": 91.66666666666667"), "{text}");
    let out = common::output(
        common::opscheck()
            .args(["verify", "--template", "tests/fixtures/float-twelve.toml"])
            .arg(&saved),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
