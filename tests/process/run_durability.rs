//! `opscheck run` survives what happens to real inspections: SIGKILL mid-run, many runs
//! finishing at once, and subjects that look like paths.

use crate::common;
use crate::run_support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use run_support::*;
use serde_json::Value;

const STORE: &str = "Store 12";
const EN_STEM: &str = "2026-11-29-ops-inspection-store-12";

/// Answer events whose line is complete in the journal.
fn journaled_answers(journal: &Path) -> usize {
    let Ok(bytes) = std::fs::read(journal) else {
        return 0;
    };
    bytes
        .split_inclusive(|&b| b == b'\n')
        .filter(|line| line.ends_with(b"\n"))
        .filter_map(|line| serde_json::from_slice::<Value>(line).ok())
        .filter(|event| event["event"] == "answer")
        .count()
}

/// Polls until `ready` holds, at most 10 s.
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Answers `n` items through a pipe, starts typing the next one, waits until the
/// journal holds the `n` answers, and kills the run with SIGKILL. Returns the journal.
fn kill_after(out: &Path, lines: &[Line], n: usize) -> PathBuf {
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = run_command(EN, STORE, out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log.reopen().unwrap()))
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input(&lines[..n]).as_bytes()).unwrap();
    // Half of the next answer: it is being typed when the process dies.
    stdin.write_all(lines[n].line.as_bytes()).unwrap();
    stdin.flush().unwrap();

    let mut journal = None;
    wait_for(&format!("{n} answers in the journal"), || {
        if journal.is_none() {
            journal = drafts(out).into_iter().next();
        }
        journal
            .as_deref()
            .is_some_and(|j| journaled_answers(j) >= n)
    });
    child.kill().unwrap();
    let status = child.wait().unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            status.signal(),
            Some(9),
            "killed by SIGKILL, not finished: {status:?}\n{}",
            std::fs::read_to_string(log.path()).unwrap()
        );
    }
    #[cfg(not(unix))]
    assert!(!status.success());
    drop(stdin);
    let journal = journal.unwrap();
    assert_eq!(
        journaled_answers(&journal),
        n,
        "exactly the {n} answers given are journaled"
    );
    journal
}

/// SIGKILL after `n` answers; `--resume` starts at item n+1 and the report keeps the
/// first `n` answers as given.
fn killed_and_resumed(n: usize, torn_tail: bool) {
    let (_, items) = template(EN);
    let lines = lines(&items, Policy::Mixed, false);
    assert_eq!(lines.len(), items.len(), "every item is asked");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let journal = kill_after(&out, &lines, n);
    if torn_tail {
        // As if the process had died while writing an event.
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&journal)
            .unwrap();
        file.write_all(br#"{"event":"answer","item":"sop-revi"#)
            .unwrap();
    }

    let result = feed(
        run_command(EN, STORE, &out).arg("--resume"),
        &input(&lines[n..]),
    );
    assert_code(&result, 0);
    let err = stderr(&result);
    let first = err
        .lines()
        .find(|l| l.starts_with('['))
        .unwrap_or_else(|| panic!("no item prompt:\n{err}"));
    assert!(
        first.starts_with(&format!("[{}/", n + 1)),
        "after {n} answers the resumed run starts at item {}: {first}",
        n + 1
    );
    let json = out.join(format!("{EN_STEM}.json"));
    assert_eq!(
        files_under(&out),
        [json.clone(), out.join(format!("{EN_STEM}.md"))],
        "the report pair, and the draft is gone"
    );
    let report = read_json(&json);
    for line in &lines[..n] {
        let a = answer(&report, &line.item);
        assert_eq!(
            a["answer"],
            line.expected.as_str(),
            "answer given before SIGKILL: {a}"
        );
    }
    assert_answers(&report, &items, &lines);
}

#[test]
fn sigkill_after_1_answer_resumes_at_item_2() {
    killed_and_resumed(1, false);
}

#[test]
fn sigkill_after_7_answers_resumes_at_item_8_even_with_a_torn_last_line() {
    killed_and_resumed(7, true);
}

#[test]
fn sigkill_after_20_answers_resumes_at_item_21() {
    killed_and_resumed(20, false);
}

#[test]
fn sigkill_before_the_last_item_resumes_at_the_last() {
    killed_and_resumed(50, false);
}

/// Ctrl-C (SIGINT) while line mode waits for the next line: exit 130 at once with the
/// resume command, the answers given so far kept.
#[cfg(unix)]
#[test]
fn sigint_in_line_mode_exits_130_and_keeps_the_answers() {
    let (_, items) = template(EN);
    let lines = lines(&items, Policy::Mixed, false);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = run_command(EN, STORE, &out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log.reopen().unwrap()))
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input(&lines[..3]).as_bytes()).unwrap();
    stdin.flush().unwrap();
    wait_for("3 answers in the journal", || {
        drafts(&out)
            .first()
            .is_some_and(|j| journaled_answers(j) >= 3)
    });
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -INT");

    // stdin stays open: only the signal can end the run.
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > Duration::from_secs(5) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    if status.is_none() {
        child.kill().unwrap();
        child.wait().unwrap();
    }
    drop(stdin);
    let err = std::fs::read_to_string(log.path()).unwrap();
    let status = status.unwrap_or_else(|| {
        panic!("still running 5 s after SIGINT (killed now)\n--- stderr ---\n{err}")
    });
    assert_eq!(status.code(), Some(130), "{status:?}\n{err}");
    assert!(err.contains("resume with"), "{err}");
    let journal = drafts(&out);
    assert_eq!(journal.len(), 1, "the draft is kept");
    assert_eq!(journaled_answers(&journal[0]), 3);

    let result = feed(
        run_command(EN, STORE, &out).arg("--resume"),
        &input(&lines[3..]),
    );
    assert_code(&result, 0);
    let report = read_json(&out.join(format!("{EN_STEM}.json")));
    assert_answers(&report, &items, &lines);
}

/// Eight runs with the same subject and date, finishing together: eight distinct,
/// complete report pairs, nothing overwritten, nothing left over.
#[test]
fn eight_simultaneous_runs_leave_eight_complete_reports() {
    const RUNS: usize = 8;
    let (_, items) = template(EN);
    let text = input(&lines(&items, Policy::Best, false));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let barrier = Arc::new(Barrier::new(RUNS));
    let handles: Vec<_> = (0..RUNS)
        .map(|_| {
            let (barrier, out, text) = (barrier.clone(), out.clone(), text.clone());
            std::thread::spawn(move || {
                let mut command = run_command(EN, STORE, &out);
                barrier.wait();
                feed(&mut command, &text)
            })
        })
        .collect();
    let mut printed = Vec::new();
    for handle in handles {
        let result = handle.join().unwrap();
        assert_code(&result, 0);
        let paths: Vec<PathBuf> = stdout(&result).lines().map(PathBuf::from).collect();
        assert_eq!(paths.len(), 2, "{paths:?}");
        assert_eq!(
            paths[0].with_extension(""),
            paths[1].with_extension(""),
            "one run's pair shares a stem: {paths:?}"
        );
        printed.extend(paths);
    }
    printed.sort();
    let mut expected: Vec<PathBuf> = (1..=RUNS)
        .flat_map(|n| {
            let stem = if n == 1 {
                EN_STEM.to_owned()
            } else {
                format!("{EN_STEM}-{n}")
            };
            [
                out.join(format!("{stem}.json")),
                out.join(format!("{stem}.md")),
            ]
        })
        .collect();
    expected.sort();
    assert_eq!(printed, expected, "every run printed its own pair");
    assert_eq!(
        files_under(&out),
        expected,
        "the reports and nothing else: no draft, no temp file"
    );

    let mut digests = Vec::new();
    for json in expected
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let text = std::fs::read_to_string(json).unwrap();
        assert_digest(&text);
        let report: Value = serde_json::from_str(&text).unwrap();
        assert_report_shape(&report);
        assert_eq!(
            report["answers"].as_array().unwrap().len(),
            items.len(),
            "{}",
            json.display()
        );
        assert_eq!(report["overall"]["percent"], 100.0);
        let digest = report["digest"].as_str().unwrap().to_owned();
        let md = std::fs::read_to_string(json.with_extension("md")).unwrap();
        assert!(
            md.contains(&digest),
            "{} belongs to the same run as its .json",
            json.with_extension("md").display()
        );
        digests.push(digest);
    }
    digests.sort();
    digests.dedup();
    assert_eq!(digests.len(), RUNS, "eight distinct reports");
}

/// Every path under `root`, files and directories, relative to it.
fn tree(root: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            all.push(entry.path().strip_prefix(root).unwrap().to_owned());
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            }
        }
    }
    all.sort();
    all
}

/// Runs one inspection with a hostile subject from `ROOT/a/b/c/sandbox` into `--out out`
/// and checks nothing appeared in ROOT outside `sandbox/out/`.
fn subject_stays_inside(subject: &str, lines: &[Line]) {
    let root = tempfile::tempdir().unwrap();
    let cwd = root.path().join("a/b/c/sandbox");
    std::fs::create_dir_all(&cwd).unwrap();
    let template = common::root().join(EN);
    let mut command = common::opscheck();
    command
        .current_dir(&cwd)
        .arg("run")
        .arg("--template")
        .arg(&template)
        .arg(format!("--subject={subject}"))
        .args(["--inspector", "QA", "--date", DATE, "--out", "out"]);
    let result = feed(&mut command, &input(lines));
    let code = result.status.code();

    let out = Path::new("a/b/c/sandbox/out");
    for path in tree(root.path()) {
        assert!(
            out.starts_with(&path) || path.starts_with(out),
            "subject {subject:?} created {} outside DIR\n{}",
            path.display(),
            stderr(&result)
        );
    }
    let cleaned: String = subject.chars().filter(|c| !c.is_control()).collect();
    if cleaned.trim().is_empty() {
        // Nothing to name the subject by: refusing it is fine too.
        assert!(matches!(code, Some(0 | 2)), "{subject:?}: {code:?}");
        return;
    }
    assert_code(&result, 0);
    let files = files_under(&cwd.join("out"));
    assert_eq!(
        files.len(),
        2,
        "{subject:?}: the report pair only: {files:?}"
    );
    for file in &files {
        assert_eq!(file.parent(), Some(cwd.join("out").as_path()));
        let name = file.file_name().unwrap().to_str().unwrap();
        let stem = name
            .strip_prefix("2026-11-29-ops-inspection-")
            .unwrap_or_else(|| panic!("{subject:?}: {name}"));
        assert!(
            !stem.starts_with('.') && !stem.starts_with('-'),
            "{subject:?}: {name}"
        );
        assert!(
            !stem.chars().any(|c| c.is_control() || "/\\:".contains(c)),
            "{subject:?}: {name:?}"
        );
    }
    let json = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap();
    assert_eq!(read_json(json)["answers"].as_array().unwrap().len(), 51);
}

#[test]
fn no_subject_writes_outside_the_reports_directory() {
    let (_, items) = template(EN);
    let lines = lines(&items, Policy::Best, false);
    let elsewhere = tempfile::tempdir().unwrap();
    let absolute = elsewhere.path().join("x").display().to_string();
    for subject in [
        "../../etc/x",
        "a/b\\c",
        "..",
        ".",
        "/",
        "/etc/passwd",
        absolute.as_str(),
        "../../../../../../../../tmp/opscheck-escape",
        "..\\..\\windows\\system32",
        "~/x",
        "C:\\Windows\\x",
        "-rf",
        ".hidden",
        "\u{1b}[31mred\u{7}\u{8}\r\n\tline\u{7f}\u{85}",
        "x/\u{1b}]0;title\u{7}/../y",
        "\u{7}\u{1b}",
    ] {
        subject_stays_inside(subject, &lines);
    }
    assert!(
        std::fs::read_dir(elsewhere.path())
            .unwrap()
            .next()
            .is_none(),
        "nothing written at the absolute path the subject names"
    );
    assert!(
        !Path::new("/tmp/opscheck-escape").exists(),
        "nothing written at /tmp/opscheck-escape"
    );
}

/// A long subject (here 100 Chinese characters, 300 bytes) still gives a report whose
/// name fits a file system's 255-byte limit.
#[test]
fn a_long_chinese_subject_still_gives_a_report() {
    let (_, items) = template(EN);
    let lines = lines(&items, Policy::Best, false);
    let subject = "徐汇店".repeat(34);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let result = feed(&mut run_command(EN, &subject, &out), &input(&lines));
    assert_code(&result, 0);
    let files = files_under(&out);
    assert_eq!(files.len(), 2, "{files:?}");
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(name.len() <= 255, "{} bytes: {name}", name.len());
        assert!(
            name.starts_with("2026-11-29-ops-inspection-徐汇店"),
            "{name}"
        );
    }
    assert_eq!(read_json(&files[0])["subject"], subject.as_str());
}
