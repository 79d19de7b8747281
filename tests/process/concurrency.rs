//! Many `opscheck run` into one reports directory at once, and `summary` reading it while
//! reports are being written: no report clobbered, partial or lost, and `summary` never
//! reads half a file.

use crate::common;
use crate::run_support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use run_support::*;
use serde_json::Value;

const MINI: &str = "tests/fixtures/mini.toml";
const SUBJECT: &str = "Store 12";

/// Answers to the six items of `mini.toml`, the first with a note naming the run, so
/// that each report shows which run wrote it.
fn mini_input(run: usize) -> String {
    let yes_no = |on: bool| if on { "y" } else { "n" };
    format!(
        "{} # run {run}\n{}\n{}\n{}\n{}\nremarks of run {run}\n",
        yes_no(run.is_multiple_of(2)),
        yes_no(!run.is_multiple_of(3)),
        yes_no(!run.is_multiple_of(4)),
        yes_no(!run.is_multiple_of(5)),
        1 + run % 3,
    )
}

/// The report files of a directory (not hidden), sorted.
fn reports(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    files
}

/// 16 runs of the same template, subject and date, finishing together: 16 distinct
/// complete report pairs, each holding the answers of the run that printed its path.
#[test]
fn sixteen_simultaneous_runs_leave_sixteen_complete_reports() {
    const RUNS: usize = 16;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let barrier = Arc::new(Barrier::new(RUNS));
    let handles: Vec<_> = (0..RUNS)
        .map(|run| {
            let (barrier, out) = (barrier.clone(), out.clone());
            std::thread::spawn(move || {
                let mut command = run_command(MINI, SUBJECT, &out);
                barrier.wait();
                (run, feed(&mut command, &mini_input(run)))
            })
        })
        .collect();
    let mut printed = BTreeSet::new();
    for handle in handles {
        let (run, result) = handle.join().unwrap();
        assert_code(&result, 0);
        let paths: Vec<PathBuf> = stdout(&result).lines().map(PathBuf::from).collect();
        assert_eq!(paths.len(), 2, "run {run}: {paths:?}");
        assert_eq!(paths[0].extension().unwrap(), "json", "{paths:?}");
        assert_eq!(paths[1].extension().unwrap(), "md", "{paths:?}");
        assert_eq!(paths[0].with_extension(""), paths[1].with_extension(""));
        // The file at the path this run printed is this run's report, not another's.
        let text = std::fs::read_to_string(&paths[0]).unwrap();
        assert_digest(&text);
        let report: Value = serde_json::from_str(&text).unwrap();
        assert_report_shape(&report);
        assert_eq!(
            answer(&report, "exits")["note"],
            format!("run {run}").as_str(),
            "{} was written by run {run}",
            paths[0].display()
        );
        assert_eq!(
            answer(&report, "remarks")["answer"],
            format!("remarks of run {run}").as_str()
        );
        let md = std::fs::read_to_string(&paths[1]).unwrap();
        assert!(
            md.contains(report["digest"].as_str().unwrap()),
            "{} belongs to the same run as its JSON",
            paths[1].display()
        );
        for path in paths {
            assert!(
                printed.insert(path.clone()),
                "{} printed twice",
                path.display()
            );
        }
    }
    assert_eq!(printed.len(), 2 * RUNS);
    assert_eq!(
        files_under(&out),
        printed.into_iter().collect::<Vec<_>>(),
        "the reports and nothing else: no draft, no temp file"
    );
}

/// One `summary --format json DIR`: its report count, after checking that it read
/// every file whole (no warning, nothing skipped).
fn summary_count(out: &Path, round: usize) -> u64 {
    let result = run_plain(
        common::opscheck()
            .args(["summary", "--format", "json"])
            .arg(out),
    );
    assert_code(&result, 0);
    assert!(
        result.stderr.is_empty(),
        "summary round {round} warned:\n{}",
        stderr(&result)
    );
    let json: Value = serde_json::from_slice(&result.stdout)
        .unwrap_or_else(|e| panic!("summary round {round} printed no JSON: {e}"));
    assert_eq!(json["skipped"], 0, "round {round}: {json}");
    json["reports"]
        .as_u64()
        .unwrap_or_else(|| panic!("round {round}: no report count in {json}"))
}

/// `summary` again and again while 16 runs write big reports (the 51-item checklist, in
/// three formats) into the directory it reads: it never meets a half-written or
/// temporary file, its count never goes down, and it ends at the final count.
#[test]
fn summary_while_reports_are_written_never_reads_half_a_file() {
    const RUNS: usize = 16;
    let (_, items) = template(EN);
    let lines = lines(&items, Policy::Mixed, false);
    let text = input(&lines);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    // One report already there, so that every summary has something to show (an empty
    // directory gets a notice on stderr).
    complete(EN, "Store 0", &out, &lines);

    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (out, done) = (out.clone(), done.clone());
        std::thread::spawn(move || {
            let mut counts = Vec::new();
            while !done.load(Ordering::SeqCst) {
                counts.push(summary_count(&out, counts.len()));
            }
            counts
        })
    };
    // And a fast reader in this process: every visible report name, read at any
    // moment, holds a whole report.
    let scanner = {
        let (out, done) = (out.clone(), done.clone());
        std::thread::spawn(move || {
            let (mut rounds, mut seen) = (0, 0);
            while !done.load(Ordering::SeqCst) {
                let json: Vec<PathBuf> = reports(&out)
                    .into_iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "json"))
                    .collect();
                assert!(json.len() >= seen, "a report went away");
                seen = json.len();
                for path in json {
                    let bytes = std::fs::read(&path).unwrap();
                    if let Err(e) = opscheck::summary::Entry::read(&bytes) {
                        panic!("{} read half-written: {e:?}", path.display());
                    }
                }
                rounds += 1;
            }
            rounds
        })
    };
    let start = Instant::now();
    let handles: Vec<_> = (0..RUNS)
        .map(|run| {
            let (out, text) = (out.clone(), text.clone());
            std::thread::spawn(move || {
                // Staggered, so that reports land while summaries run.
                std::thread::sleep(Duration::from_millis(30 * run as u64));
                let mut command = run_command(EN, SUBJECT, &out);
                command.args(["--format", "md", "--format", "html"]);
                feed(&mut command, &text)
            })
        })
        .collect();
    for handle in handles {
        assert_code(&handle.join().unwrap(), 0);
    }
    let writing = start.elapsed();
    done.store(true, Ordering::SeqCst);
    let counts = reader.join().unwrap();
    let scans = scanner.join().unwrap();
    assert!(scans >= 10, "{scans} scans: too few to mean anything");
    let last = summary_count(&out, counts.len());

    let json: Vec<PathBuf> = reports(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(json.len(), RUNS + 1, "every report is there");
    for path in &json {
        assert_digest(&std::fs::read_to_string(path).unwrap());
    }
    assert_eq!(last, (RUNS + 1) as u64, "the final count");
    assert!(
        counts.windows(2).all(|w| w[0] <= w[1]),
        "the count never goes down: {counts:?}"
    );
    assert!(
        counts.iter().all(|&c| (1..=last).contains(&c)),
        "{counts:?}"
    );
    assert!(
        counts.len() >= 3,
        "summary ran {} times in {writing:?} of writing: too few to mean anything",
        counts.len()
    );
}

/// 32 runs started at once into one directory, each answering 3 items and then killed
/// with SIGKILL, over 10 rounds: every answer a run acknowledged (by showing the next
/// item) is in its draft, and every draft resumes and finishes (none exits 2).
#[cfg(unix)]
#[test]
fn thirty_two_runs_killed_at_once_lose_no_acknowledged_answer() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;

    const RUNS: usize = 32;
    const ROUNDS: usize = 10;
    let mut lost = 0;
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("reports");
        let barrier = Arc::new(Barrier::new(RUNS));
        let handles: Vec<_> = (0..RUNS)
            .map(|run| {
                let (barrier, out) = (barrier.clone(), out.clone());
                std::thread::spawn(move || {
                    let mut command = run_command(MINI, SUBJECT, &out);
                    command
                        .stdin(Stdio::piped())
                        .stdout(Stdio::piped())
                        .stderr(Stdio::piped());
                    barrier.wait();
                    let mut child = command.spawn().unwrap();
                    let mut stdin = child.stdin.take().unwrap();
                    // Three answers; stdin stays open, so the run waits at the fourth.
                    write!(stdin, "y # round {round} run {run}\nn\ny\n").unwrap();
                    stdin.flush().unwrap();
                    let stderr = BufReader::new(child.stderr.take().unwrap());
                    let mut acknowledged = false;
                    let mut seen = String::new();
                    for line in stderr.split(b'\n') {
                        let line = String::from_utf8_lossy(&line.unwrap()).into_owned();
                        seen.push_str(&line);
                        seen.push('\n');
                        // The fourth item shown: the first three are durable.
                        if line.starts_with("[4/") {
                            acknowledged = true;
                            break;
                        }
                    }
                    child.kill().unwrap();
                    let status = child.wait().unwrap();
                    drop(stdin);
                    (run, acknowledged, status, seen)
                })
            })
            .collect();
        for handle in handles {
            let (run, acknowledged, status, seen) = handle.join().unwrap();
            assert!(
                acknowledged,
                "round {round} run {run} never got to item 4:\n{seen}"
            );
            assert_ne!(status.code(), Some(2), "round {round} run {run}:\n{seen}");
        }
        let journals = drafts(&out);
        assert_eq!(journals.len(), RUNS, "round {round}: one draft per run");
        for run in 0..RUNS {
            let tag = format!("round {round} run {run}\"");
            let found: Vec<&PathBuf> = journals
                .iter()
                .filter(|p| std::fs::read_to_string(p).unwrap().contains(&tag))
                .collect();
            assert_eq!(found.len(), 1, "round {round}: the draft of run {run}");
            let text = std::fs::read_to_string(found[0]).unwrap();
            let answers = text.matches("\"event\":\"answer\"").count();
            if answers < 3 {
                lost += 3 - answers;
            }
        }
        // Every draft resumes, by its path's template and subject, and finishes.
        for _ in 0..RUNS {
            let result = feed(
                run_command(MINI, SUBJECT, &out).arg("--resume"),
                "y\ny\n1\nfine\n",
            );
            assert_code(&result, 0);
        }
        assert!(
            drafts(&out).is_empty(),
            "round {round}: every draft finished"
        );
        assert_eq!(
            reports(&out).len(),
            RUNS * 2,
            "round {round}: 32 report pairs"
        );
    }
    assert_eq!(lost, 0, "acknowledged answers lost over {ROUNDS} rounds");
}
