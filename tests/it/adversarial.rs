//! Hostile and broken input: every case ends with a clear message and a known exit code,
//! never a panic (exit 101), a hang, raw terminal escapes, or a file outside DIR.

use crate::common;
use crate::run_support;

use std::path::Path;
use std::process::{Command, Stdio};

use common::bounded;

use run_support::{assert_code, feed, files_under, run_command, stderr, stdout};

const MINI: &str = "tests/fixtures/mini.toml";

fn opscheck_in(dir: &Path) -> Command {
    let mut command = common::opscheck();
    command.current_dir(dir);
    command
}

fn no_escape(bytes: &[u8], what: &str) {
    assert!(
        !bytes.contains(&0x1b),
        "{what} carries a raw ESC: {}",
        String::from_utf8_lossy(bytes)
    );
}

/// A template with 100,000 items is validated, not refused, and quickly enough to wait for.
#[test]
fn a_template_of_100000_items_validates() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "format = 1\nid = \"big\"\ntitle = \"Big\"\nversion = \"1\"\nlanguage = \"en\"\n",
    );
    for s in 0..100 {
        text.push_str(&format!("[[sections]]\nid = \"s{s}\"\ntitle = \"S{s}\"\n"));
        for i in 0..1000 {
            text.push_str(&format!(
                "[[sections.items]]\nid = \"i{s}-{i}\"\ntext = \"Q?\"\nguidance = \"g\"\nkind = \"yes_no\"\n"
            ));
        }
    }
    std::fs::write(dir.path().join("big.toml"), text).unwrap();
    let out = bounded(
        opscheck_in(dir.path()).args(["validate", "big.toml", "--format", "json"]),
        120,
    );
    assert_code(&out, 0);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["items"], 100_000);
}

/// Over the 32 MiB limit, a template is refused with the limit named.
#[test]
fn an_oversized_template_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(33 << 20).unwrap();
    let out = bounded(opscheck_in(dir.path()).args(["validate", "huge.toml"]), 30);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("larger than the limit of 32 MiB"),
        "{}",
        stderr(&out)
    );
}

/// Escapes in template texts, answers and subjects never reach the terminal raw.
#[test]
fn terminal_escapes_are_never_written_raw() {
    let dir = tempfile::tempdir().unwrap();
    let template = std::fs::read_to_string(MINI)
        .unwrap()
        .replace(
            "Are the fire exits clear?",
            "Are the \\u001b[31mfire exits\\u001b[0m clear?",
        )
        .replace(
            "title = \"Safety\"",
            "title = \"\\u001b]0;pwned\\u0007Safety\"",
        );
    std::fs::write(dir.path().join("t.toml"), &template).unwrap();
    let out_dir = dir.path().join("out");
    let subject = "Store \u{1b}[2J 12";
    let mut command = run_command(
        &dir.path().join("t.toml").display().to_string(),
        subject,
        &out_dir,
    );
    let out = feed(
        &mut command,
        "n # exit \u{1b}[31mblocked\u{1b}[0m\ny\ny\ny\n1\n\u{1b}[1mfine\n",
    );
    assert_code(&out, 0);
    no_escape(&out.stderr, "run's stderr");
    no_escape(&out.stdout, "run's stdout");
    let report = std::fs::read(
        out_dir
            .read_dir()
            .unwrap()
            .flatten()
            .find(|e| e.path().extension().is_some_and(|x| x == "json"))
            .unwrap()
            .path(),
    )
    .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&report).unwrap();
    assert_eq!(
        report["subject"], "Store [2J 12",
        "the subject is stored without the escape"
    );
    assert_eq!(report["answers"][0]["note"], "exit [31mblocked[0m");
    for args in [
        vec!["show", "t.toml"],
        vec!["summary", "out"],
        vec!["summary", "out", "--by", "subject", "--format", "csv"],
        vec!["export", "out", "--format", "csv"],
    ] {
        let out = bounded(opscheck_in(dir.path()).args(&args), 30);
        assert_code(&out, 0);
        no_escape(&out.stdout, &format!("{args:?}"));
        no_escape(&out.stderr, &format!("{args:?}"));
    }
    // A broken template with an escape in an unknown key and in a value: the diagnostic
    // shows neither raw.
    std::fs::write(
        dir.path().join("bad.toml"),
        template.replace(
            "version = \"1.0.0\"",
            "\"v\\u001b[5m\" = 1\nversion = \"\u{1b}[5m\"",
        ),
    )
    .unwrap();
    let out = bounded(opscheck_in(dir.path()).args(["validate", "bad.toml"]), 30);
    assert_code(&out, 1);
    no_escape(&out.stderr, "validate's diagnostics");
}

/// Invalid UTF-8 in an answers file and on a line of input: a message, not a crash.
#[test]
fn invalid_utf8_answers_and_lines() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("answers.toml"),
        b"[answers]\nexits = \"\xff\"\n",
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let mut command = run_command(MINI, "Store 1", &out_dir);
    command
        .arg("--answers")
        .arg(dir.path().join("answers.toml"));
    let out = feed(&mut command, "");
    assert_code(&out, 2);
    assert!(stderr(&out).contains("not valid UTF-8"), "{}", stderr(&out));
    assert!(
        run_support::drafts(&out_dir).is_empty(),
        "a rejected answers file leaves no draft"
    );

    let mut command = run_command(MINI, "Store 1", &out_dir);
    let mut input = b"\xff\xfe\n".to_vec();
    input.extend_from_slice(b"y\ny\ny\ny\n1\n\n");
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_code(&out, 0);
    assert!(
        stderr(&out).contains("not valid UTF-8; type the answer again"),
        "{}",
        stderr(&out)
    );
}

/// A directory, a FIFO or a missing file where a file is expected: exit 2, no hang.
#[cfg(unix)]
#[test]
fn directories_and_fifos_are_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("adir.toml")).unwrap();
    let fifo = dir.path().join("pipe.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(dir.path().join("reports/fifo.json"))
            .status()
            .unwrap()
            .success()
    );

    let out = bounded(opscheck_in(dir.path()).args(["validate", "pipe.toml"]), 10);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    let out = bounded(opscheck_in(dir.path()).args(["show", "adir.toml"]), 10);
    assert_code(&out, 2);
    let out = bounded(
        opscheck_in(dir.path()).args([
            "run",
            "--template",
            "pipe.toml",
            "--subject",
            "s",
            "--inspector",
            "i",
        ]),
        10,
    );
    assert_code(&out, 2);
    let out = bounded(opscheck_in(dir.path()).args(["summary", "reports"]), 10);
    assert_code(&out, 0);
    let out = bounded(
        opscheck_in(dir.path()).args(["report", "reports/fifo.json"]),
        10,
    );
    assert_code(&out, 2);
}

/// A report name taken by a symlink to a file elsewhere: the symlink is not followed.
#[cfg(unix)]
#[test]
fn a_symlink_at_the_report_name_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    std::os::unix::fs::symlink(&victim, out_dir.join("2026-11-29-mini-store-1.json")).unwrap();
    let out = feed(
        &mut run_command(MINI, "Store 1", &out_dir),
        "y\ny\ny\ny\n1\n\n",
    );
    assert_code(&out, 0);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        stdout(&out).contains("2026-11-29-mini-store-1-2.json"),
        "{}",
        stdout(&out)
    );
}

/// A reports directory that cannot be written: exit 2 with the path, nothing lost. (As
/// root every directory is writable, so there the check is skipped.)
#[cfg(unix)]
#[test]
fn a_read_only_reports_directory_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    std::fs::set_permissions(&out_dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(out_dir.join("probe"), "x").is_ok() {
        return; // running as root: permissions are not enforced
    }
    let out = feed(&mut run_command(MINI, "Store 1", &out_dir), "y\n");
    assert_code(&out, 2);
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
    std::fs::set_permissions(&out_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(files_under(&out_dir).is_empty());
}

/// A JSON report nested 10,000 levels deep is rejected as damaged by every reader.
#[test]
fn a_deeply_nested_report_is_rejected_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    let deep = format!(
        "{{\"format\":\"opscheck-report/1\",\"x\":{}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    std::fs::write(reports.join("deep.json"), deep).unwrap();
    let out = bounded(
        opscheck_in(dir.path()).args(["report", "reports/deep.json"]),
        10,
    );
    assert_code(&out, 2);
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
    let out = bounded(
        opscheck_in(dir.path()).args(["verify", "reports/deep.json"]),
        10,
    );
    assert_code(&out, 2);
    let out = bounded(opscheck_in(dir.path()).args(["summary", "reports"]), 10);
    assert_code(&out, 0);
    assert!(stderr(&out).contains("deep.json"), "{}", stderr(&out));
    let out = bounded(
        opscheck_in(dir.path()).args(["summary", "reports", "--strict"]),
        10,
    );
    assert_code(&out, 1);
}

/// Very long texts: a 1 MB note and a 100 KB subject still give a report.
#[test]
fn very_long_strings() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let subject = "店".repeat(30_000);
    // As long as a line of input may be (1 MiB with its answer and newline).
    let note = "x".repeat((1 << 20) - 16);
    let out = feed(
        &mut run_command(MINI, &subject, &out_dir),
        &format!("n # {note}\ny\ny\ny\n1\n\n"),
    );
    assert_code(&out, 0);
    let json = files_under(&out_dir)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap();
    assert!(json.file_name().unwrap().len() <= 255);
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(
        report["answers"][0]["note"].as_str().unwrap().len(),
        (1 << 20) - 16
    );
    assert_eq!(report["subject"].as_str().unwrap().chars().count(), 30_000);
}

/// Killed after the report was written but before the draft was removed: resuming
/// names the report instead of writing a second one.
#[test]
fn a_draft_whose_report_exists_is_not_reported_twice() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = feed(&mut run_command(MINI, "Store 1", &out_dir), "y\ny\n");
    assert_code(&out, 3);
    let draft = run_support::drafts(&out_dir).pop().expect("a draft");
    let kept = std::fs::read(&draft).unwrap();
    let mut resume = run_command(MINI, "Store 1", &out_dir);
    resume.arg("--resume");
    assert_code(&feed(&mut resume, "y\ny\n1\n\n"), 0);
    // The moment of the kill: the report is there, and so is the draft.
    std::fs::create_dir_all(draft.parent().unwrap()).unwrap();
    std::fs::write(&draft, kept).unwrap();
    let mut resume = run_command(MINI, "Store 1", &out_dir);
    resume.arg("--resume");
    let out = feed(&mut resume, "");
    assert_code(&out, 0);
    assert!(
        stderr(&out).contains("already reported"),
        "{}",
        stderr(&out)
    );
    let reports: Vec<_> = files_under(&out_dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert!(run_support::drafts(&out_dir).is_empty());
}

/// An empty journal (a run now writes and locks its draft under a temporary name, so
/// only an older opscheck leaves one) is never deleted by another command: it could be
/// a live draft. `drafts` lists it as unreadable.
#[test]
fn an_empty_draft_is_listed_not_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("out/.drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(drafts.join("2026-11-29-mini-store-1-x.jsonl"), "").unwrap();
    let out = bounded(opscheck_in(dir.path()).args(["drafts", "--out", "out"]), 10);
    assert_code(&out, 0);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("it is empty"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(drafts.join("2026-11-29-mini-store-1-x.jsonl").exists());
}
