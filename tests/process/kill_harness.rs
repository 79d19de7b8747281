//! SIGKILL at random moments of `opscheck run` in line mode, hundreds of times.
//!
//! Each trial feeds a random inspection of `tests/fixtures/kill-8.toml` through a pipe
//! (answers, notes, invalid lines, `?` and `<`, with small random delays), kills the run
//! with SIGKILL after a random delay, and checks:
//!
//! - the journal is the exact prefix of the events the lines sent stand for, and holds
//!   every answer acknowledged before the kill (the run shows the next prompt only
//!   after the answer is durable, so each prompt on stderr acknowledges a line);
//! - no partial report is visible: every non-hidden file of the reports directory is a
//!   complete report whose digest is valid (a temp file `.opscheck-*` of a report being
//!   written stays hidden, and `summary` does not read it);
//! - `--resume` starts at the first unanswered item (`[k/N]` on stderr), and the report
//!   it writes holds every journaled answer and the rest.
//!
//! `KILL_TRIALS` (default 200) trials on `KILL_JOBS` (default 2) threads, from the seed
//! `KILL_SEED` (default below); `KILL_TRIAL=n` replays one trial of that seed (the same
//! lines and kill choice; the timing is the machine's). A failure names its seed and
//! trial. `bench/kill.sh` runs thousands.
#![cfg(unix)]

use crate::common;
use crate::run_support;

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use opscheck::answer::{Answer, Answers};
use opscheck::journal::Event;
use opscheck::template::{Item, Kind, Template};
use run_support::{assert_digest, drafts};
use serde_json::Value;

const TEMPLATE: &str = "tests/fixtures/kill-8.toml";
const SUBJECT: &str = "Store K";
const DEFAULT_SEED: u64 = 0x0005_ca1e_d00d;

/// SplitMix64: small, good enough, and the same on every machine.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with probability `percent` %.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) => {
            let text = text.trim();
            let parsed = match text.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => text.parse(),
            };
            parsed.unwrap_or_else(|e| panic!("{name}={text:?}: {e}"))
        }
        Err(_) => default,
    }
}

fn template() -> Template {
    let text = std::fs::read_to_string(common::root().join(TEMPLATE)).unwrap();
    let checked = opscheck::template::check(&text);
    checked.template.expect("the kill fixture is valid")
}

/// A valid answer line for `item` and the answer it stands for.
fn valid_answer(item: &Item, rng: &mut Rng) -> (String, Answer) {
    if item.na && rng.chance(10) {
        return ("na".to_owned(), Answer::Na);
    }
    match &item.kind {
        Kind::YesNo => match rng.below(4) {
            0 => ("y".to_owned(), Answer::Yes),
            1 => ("yes".to_owned(), Answer::Yes),
            2 => ("n".to_owned(), Answer::No),
            _ => ("NO".to_owned(), Answer::No),
        },
        Kind::Scale { min, max, .. } => {
            let v = min + rng.below((max - min + 1) as u64) as i64;
            (v.to_string(), Answer::Scale(v))
        }
        Kind::Choice { options } => {
            let n = rng.below(options.len() as u64) as usize;
            let label = options[n].label.clone();
            if rng.chance(50) {
                ((n + 1).to_string(), Answer::Choice(label))
            } else {
                (label.clone(), Answer::Choice(label))
            }
        }
        Kind::Number { .. } => {
            let v = rng.below(200) as f64 / 10.0 - 5.0;
            (v.to_string(), Answer::Number(v))
        }
        Kind::Date => {
            let date =
                NaiveDate::from_ymd_opt(2026, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
                    .unwrap();
            (date.to_string(), Answer::Date(date))
        }
        Kind::Text => {
            let text = format!("seen {}", rng.below(1000));
            (text.clone(), Answer::Text(text))
        }
    }
}

/// A line that line mode refuses for `item` (asked again, nothing journaled).
fn invalid_answer(item: &Item) -> &'static str {
    match item.kind {
        Kind::YesNo => "maybe",
        Kind::Scale { .. } => "99",
        Kind::Choice { .. } => "0",
        Kind::Number { .. } => "lots",
        Kind::Date => "2026-13-45",
        Kind::Text => "",
    }
}

/// One line typed, and the journal event it stands for (none when refused or `?`).
#[derive(Debug, Clone)]
struct Typed {
    line: String,
    event: Option<Event>,
}

/// A random inspection to the end, as line-mode input. With no `when` in the fixture,
/// the answered items are always a prefix: `<` goes to the item before, and an answer
/// goes on to the next item in order while below the furthest item shown (reviewing
/// after going back), else to the first unanswered item.
fn plan(template: &Template, rng: &mut Rng) -> Vec<Typed> {
    let items: Vec<&Item> = template.items().map(|(_, item)| item).collect();
    let (mut at, mut answered, mut furthest) = (0, 0, 0);
    let mut typed = Vec::new();
    while at < items.len() {
        let item = items[at];
        let roll = rng.below(100);
        if roll < 8 {
            typed.push(Typed {
                line: invalid_answer(item).to_owned(),
                event: None,
            });
        } else if roll < 12 {
            typed.push(Typed {
                line: "?".to_owned(),
                event: None,
            });
        } else if roll < 20 && at > 0 {
            at -= 1;
            typed.push(Typed {
                line: "<".to_owned(),
                event: Some(Event::Back {
                    item: items[at].id.clone(),
                }),
            });
        } else {
            let (mut line, answer) = valid_answer(item, rng);
            let note = rng.chance(25).then(|| format!("note {}", rng.below(1000)));
            if let Some(note) = &note {
                line = format!("{line} # {note}");
            }
            typed.push(Typed {
                line,
                event: Some(Event::Answer {
                    item: item.id.clone(),
                    answer: Some(answer),
                    note,
                }),
            });
            answered = answered.max(at + 1);
            at = if at < furthest { at + 1 } else { answered };
            furthest = furthest.max(at);
        }
    }
    typed
}

fn events(typed: &[Typed]) -> Vec<Event> {
    typed.iter().filter_map(|t| t.event.clone()).collect()
}

fn answers(events: &[Event]) -> Answers {
    let mut answers = Answers::new();
    for event in events {
        event.apply(&mut answers);
    }
    answers
}

/// `opscheck run` on the fixture into `out`, output to files.
fn run_command(out: &Path, stderr: &Path, resume: bool) -> Command {
    let mut command = common::opscheck();
    command
        .args(["run", "--template", TEMPLATE, "--subject", SUBJECT])
        .args(["--inspector", "QA", "--date", "2026-11-29", "--out"])
        .arg(out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(stderr).unwrap());
    if resume {
        command.arg("--resume");
    }
    command
}

/// Waits for the child at most 20 s; a hang is a failure (the child is killed first).
fn wait(child: &mut Child, what: &str) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after 20 s");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The item prompts (`[k/N] …`) on a run's stderr, as k.
fn prompts(stderr: &str) -> Vec<usize> {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix('['))
        .filter_map(|l| l.split('/').next()?.parse().ok())
        .collect()
}

/// The events of the complete lines of a journal, after its header; `None` when it
/// has no complete header line. Every complete line must be an event.
fn journal_events(journal: &Path, context: &str) -> Option<Vec<Event>> {
    let bytes = std::fs::read(journal).unwrap();
    let mut lines = bytes.split_inclusive(|&b| b == b'\n');
    let header = lines.next().filter(|l| l.ends_with(b"\n"))?;
    let header: Value = serde_json::from_slice(header)
        .unwrap_or_else(|e| panic!("{context}: the header line is damaged: {e}"));
    assert_eq!(header["event"], "start", "{context}");
    assert_eq!(header["subject"], SUBJECT, "{context}");
    let events = lines
        .filter(|l| l.ends_with(b"\n"))
        .map(|l| {
            serde_json::from_slice::<Event>(l).unwrap_or_else(|e| {
                panic!(
                    "{context}: a complete journal line is damaged ({e}): {}",
                    String::from_utf8_lossy(l)
                )
            })
        })
        .collect();
    // And opscheck's own reader agrees.
    let draft = opscheck::journal::replay(&bytes[..])
        .unwrap_or_else(|e| panic!("{context}: the journal does not replay: {e}"));
    assert_eq!(draft.header.subject, SUBJECT, "{context}");
    Some(events)
}

/// Every visible file of the reports directory is a complete report (a `.json` whose
/// digest is valid, or a `.md` whose `.json` carries the same digest); hidden names are
/// the draft directory and temp files. Returns the JSON reports.
fn assert_only_complete_reports(out: &Path, context: &str) -> Vec<PathBuf> {
    let mut reports = Vec::new();
    let Ok(entries) = std::fs::read_dir(out) else {
        return reports;
    };
    for entry in entries {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if name == ".drafts" {
            assert!(entry.file_type().unwrap().is_dir(), "{context}: {name}");
            continue;
        }
        if name.starts_with(".opscheck-") {
            // A report's temp file, never renamed: hidden, and not a report name.
            assert!(
                entry.file_type().unwrap().is_file(),
                "{context}: {name} is not a file"
            );
            continue;
        }
        assert!(!name.starts_with('.'), "{context}: unexpected {name}");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{context}: cannot read {name}: {e}"));
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => {
                let report = opscheck::report::Report::from_json(&text)
                    .unwrap_or_else(|e| panic!("{context}: {name} is not a report: {e:?}"));
                assert!(
                    opscheck::report::verification::digest_matches(&report),
                    "{context}: {name} has a wrong digest"
                );
                assert_digest(&text);
                reports.push(path);
            }
            Some("md") => {
                let json = path.with_extension("json");
                let report = std::fs::read_to_string(&json)
                    .unwrap_or_else(|e| panic!("{context}: {name} without its JSON report: {e}"));
                let digest = serde_json::from_str::<Value>(&report).unwrap()["digest"]
                    .as_str()
                    .unwrap()
                    .to_owned();
                assert!(
                    text.contains(&digest),
                    "{context}: {name} is not the whole report of its run"
                );
            }
            _ => panic!("{context}: unexpected file {name}"),
        }
    }
    reports.sort();
    reports
}

/// The report's answers are the given ones, item by item.
fn assert_report_answers(report: &Path, template: &Template, expected: &Answers, context: &str) {
    let report = run_support::read_json(report);
    for (_, item) in template.items() {
        let record = run_support::answer(&report, &item.id);
        let entry = expected
            .get(&item.id)
            .unwrap_or_else(|| panic!("{context}: nothing expected for {}", item.id));
        let answer = entry.answer.as_ref().expect("every item answered");
        assert_eq!(
            record["answer"],
            answer.to_text().as_str(),
            "{context}: {}",
            item.id
        );
        assert_eq!(
            record["note"],
            entry.note.as_deref().map_or(Value::Null, Value::from),
            "{context}: note of {}",
            item.id
        );
    }
}

/// What happened to a trial's run.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    /// Killed before the journal had its header.
    before_journal: usize,
    /// Killed during the inspection.
    during: usize,
    /// Killed with every answer journaled (writing the report).
    after_answers: usize,
    /// Killed after the report was written and the draft removed.
    after_report: usize,
    /// Finished before the kill.
    finished: usize,
    /// Answers journaled at the kill, over the killed runs.
    journaled: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.before_journal += other.before_journal;
        self.during += other.during;
        self.after_answers += other.after_answers;
        self.after_report += other.after_report;
        self.finished += other.finished;
        self.journaled += other.journaled;
    }
}

/// When a trial kills its run.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// After this long.
    After(Duration),
    /// This long after the journal has this many complete lines (header included).
    AtLine(usize, Duration),
}

/// Complete lines in the draft of `out`, 0 when there is none yet.
fn journal_lines(out: &Path) -> usize {
    drafts(out)
        .first()
        .and_then(|j| std::fs::read(j).ok())
        .map_or(0, |bytes| bytes.iter().filter(|&&b| b == b'\n').count())
}

/// One trial: a run killed at a random moment, checked, resumed, checked.
fn trial(template: &Template, seed: u64, number: u64, kill_window: Duration) -> Tally {
    let mut rng = Rng(seed ^ number.wrapping_mul(0xa076_1d64_78bd_642f));
    rng.next();
    let context = format!("KILL_SEED={seed:#x} KILL_TRIAL={number}");
    let typed = plan(template, &mut rng);
    let planned = events(&typed);
    let delays: Vec<u64> = typed.iter().map(|_| rng.below(2500)).collect();
    // Half the kills come at a random time in the window (the first tenth, mostly
    // process start, less often); half a random moment after a random number of
    // journal lines, so that every stage of the inspection is hit whatever the speed.
    let window = kill_window.as_micros() as u64;
    let kill = if rng.chance(50) {
        Kill::After(Duration::from_micros(window / 10 + rng.below(window + 1)))
    } else {
        Kill::AtLine(
            1 + rng.below(planned.len() as u64 + 1) as usize,
            Duration::from_micros(rng.below(3000)),
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let log = dir.path().join("killed.stderr");
    let mut child = run_command(&out, &log, false).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let sent = Arc::new(AtomicUsize::new(0));
    let writer = {
        let sent = sent.clone();
        let lines: Vec<String> = typed.iter().map(|t| format!("{}\n", t.line)).collect();
        std::thread::spawn(move || {
            for (line, delay) in lines.iter().zip(delays) {
                std::thread::sleep(Duration::from_micros(delay));
                if stdin.write_all(line.as_bytes()).is_err() {
                    return;
                }
                sent.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    match kill {
        Kill::After(delay) => std::thread::sleep(delay),
        Kill::AtLine(lines, delay) => {
            let start = Instant::now();
            while journal_lines(&out) < lines
                && child.try_wait().unwrap().is_none()
                && start.elapsed() < Duration::from_secs(10)
            {
                std::thread::sleep(Duration::from_micros(200));
            }
            std::thread::sleep(delay);
        }
    }
    let _ = child.kill();
    let status = wait(&mut child, &context);
    writer.join().unwrap();
    let sent = sent.load(Ordering::SeqCst);
    let stderr = std::fs::read_to_string(&log).unwrap();
    let context = format!("{context} (killed {kill:?}, {sent} lines sent)");

    let mut tally = Tally::default();
    if status.success() {
        // Finished before the kill: the whole report, no draft.
        tally.finished = 1;
        assert!(drafts(&out).is_empty(), "{context}: a draft after success");
        let reports = assert_only_complete_reports(&out, &context);
        assert_eq!(reports.len(), 1, "{context}: {reports:?}");
        assert_report_answers(&reports[0], template, &answers(&planned), &context);
        return tally;
    }
    assert_eq!(
        status.signal(),
        Some(9),
        "{context}: the run failed by itself: {status:?}\n{stderr}"
    );

    // What the killed run acknowledged: each prompt after the first follows a line
    // fully handled, its event synced.
    let shown = prompts(&stderr);
    let handled = shown.len().saturating_sub(1);
    let acknowledged = events(&typed[..handled.min(typed.len())]).len();

    let before = assert_only_complete_reports(&out, &context);
    let journals = drafts(&out);
    assert!(journals.len() <= 1, "{context}: {journals:?}");
    let journaled = journals.first().and_then(|j| journal_events(j, &context));
    let Some(journaled) = journaled else {
        if before.is_empty() {
            // Killed before the journal was started: nothing was acknowledged, nothing
            // to resume.
            tally.before_journal = 1;
            assert!(shown.is_empty(), "{context}: prompts without a journal");
        } else {
            // Killed after the report was written and its draft removed, before exit.
            tally.after_report = 1;
            assert_eq!(before.len(), 1, "{context}: {before:?}");
            assert_report_answers(&before[0], template, &answers(&planned), &context);
        }
        let resumed = run_command(&out, &dir.path().join("resume.stderr"), true)
            .stdin(Stdio::null())
            .status()
            .unwrap();
        assert_eq!(resumed.code(), Some(2), "{context}: --resume with no draft");
        return tally;
    };

    // The journal is exactly what the lines sent stand for, up to some point, and
    // holds at least every acknowledged event.
    assert!(
        journaled.len() <= planned.len() && journaled[..] == planned[..journaled.len()],
        "{context}: the journal is not a prefix of what was typed\njournal: {journaled:#?}\ntyped: {typed:#?}"
    );
    assert!(
        journaled.len() >= acknowledged,
        "{context}: {acknowledged} events acknowledged (prompt shown), {} journaled\n{stderr}",
        journaled.len()
    );
    let at_most = events(&typed[..(sent + 1).min(typed.len())]).len();
    assert!(
        journaled.len() <= at_most,
        "{context}: {} events journaled from {sent} lines sent",
        journaled.len()
    );
    let saved = answers(&journaled);
    let items: Vec<&Item> = template.items().map(|(_, item)| item).collect();
    let first_open = items
        .iter()
        .position(|item| saved.get(&item.id).is_none_or(|e| e.answer.is_none()));
    tally.journaled = saved.values().filter(|e| e.answer.is_some()).count();
    if first_open.is_some() {
        tally.during = 1;
        assert!(before.is_empty(), "{context}: a report before every answer");
    } else {
        tally.after_answers = 1;
    }

    // Resume: it starts at the first unanswered item, and the report holds it all.
    let resume_log = dir.path().join("resume.stderr");
    let mut rest = Vec::new();
    let mut final_events = journaled.clone();
    for item in &items[first_open.unwrap_or(items.len())..] {
        let (line, answer) = valid_answer(item, &mut rng);
        rest.push(format!("{line}\n"));
        final_events.push(Event::Answer {
            item: item.id.clone(),
            answer: Some(answer),
            note: None,
        });
    }
    let mut child = run_command(&out, &resume_log, true).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let text = rest.concat();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(text.as_bytes());
    });
    let status = wait(&mut child, &context);
    writer.join().unwrap();
    let resume_err = std::fs::read_to_string(&resume_log).unwrap();
    assert_eq!(
        status.code(),
        Some(0),
        "{context}: resume failed\n{resume_err}"
    );
    let resumed_prompts = prompts(&resume_err);
    match first_open {
        Some(k) => assert_eq!(
            resumed_prompts.first(),
            Some(&(k + 1)),
            "{context}: the resumed run starts at item {} of {}\n{resume_err}",
            k + 1,
            items.len()
        ),
        None => assert!(
            resumed_prompts.is_empty(),
            "{context}: nothing left to ask\n{resume_err}"
        ),
    }
    assert!(drafts(&out).is_empty(), "{context}: the draft is left");
    let after = assert_only_complete_reports(&out, &context);
    if before.is_empty() {
        assert_eq!(after.len(), 1, "{context}: one new report: {after:?}");
        assert_report_answers(&after[0], template, &answers(&final_events), &context);
    } else {
        // Killed after the report was written, before its draft was removed: the
        // resume names that report and writes no second one.
        assert_eq!(
            after, before,
            "{context}: no second report of one inspection"
        );
        let log = std::fs::read_to_string(&resume_log).unwrap_or_default();
        assert!(log.contains("already reported"), "{context}: {log}");
        assert_report_answers(&after[0], template, &answers(&planned), &context);
    }
    // Nothing hidden is read as a report.
    let summary = common::output(
        common::opscheck()
            .args(["summary", "--format", "json"])
            .arg(&out),
    );
    assert_eq!(summary.status.code(), Some(0), "{context}");
    assert!(
        summary.stderr.is_empty(),
        "{context}: {}",
        String::from_utf8_lossy(&summary.stderr)
    );
    let summary: Value = serde_json::from_slice(&summary.stdout).unwrap();
    assert_eq!(summary["skipped"], 0, "{context}: {summary}");
    tally
}

/// How long a whole run takes with the same pacing: the kill delays span it.
fn calibrate(template: &Template, seed: u64) -> Duration {
    let mut rng = Rng(seed);
    let mut times = Vec::new();
    for _ in 0..5 {
        let typed = plan(template, &mut rng);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("reports");
        let start = Instant::now();
        let mut child = run_command(&out, &dir.path().join("stderr"), false)
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let lines: Vec<String> = typed.iter().map(|t| format!("{}\n", t.line)).collect();
        let delays: Vec<u64> = typed.iter().map(|_| rng.below(2500)).collect();
        let writer = std::thread::spawn(move || {
            for (line, delay) in lines.iter().zip(delays) {
                std::thread::sleep(Duration::from_micros(delay));
                let _ = stdin.write_all(line.as_bytes());
            }
        });
        let status = wait(&mut child, "calibration run");
        writer.join().unwrap();
        assert!(status.success(), "calibration run: {status:?}");
        times.push(start.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_answer() {
    let seed = env_number("KILL_SEED", DEFAULT_SEED);
    let trials = env_number("KILL_TRIALS", 200);
    let jobs = env_number("KILL_JOBS", 2).max(1);
    let only = std::env::var("KILL_TRIAL")
        .ok()
        .map(|_| env_number("KILL_TRIAL", 0));
    let template = Arc::new(template());
    assert_eq!(template.item_count(), 8);
    let start = Instant::now();
    // Kill anywhere from before the process starts reading to just after a run ends.
    let window = calibrate(&template, seed);

    let next = Arc::new(AtomicUsize::new(0));
    let numbers: Arc<Vec<u64>> = Arc::new(match only {
        Some(n) => vec![n],
        None => (0..trials).collect(),
    });
    let handles: Vec<_> = (0..jobs)
        .map(|_| {
            let (template, next, numbers) = (template.clone(), next.clone(), numbers.clone());
            std::thread::spawn(move || {
                let mut tally = Tally::default();
                while let Some(&n) = numbers.get(next.fetch_add(1, Ordering::SeqCst)) {
                    tally.add(trial(&template, seed, n, window));
                }
                tally
            })
        })
        .collect();
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    for handle in handles {
        match handle.join() {
            Ok(t) => tally.add(t),
            Err(panic) => failures.push(
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default(),
            ),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let total = numbers.len();
    #[allow(
        clippy::print_stderr,
        reason = "the harness reports its trials with --nocapture"
    )]
    {
        eprintln!(
            "kill harness: seed {seed:#x}, {total} trials in {:.1} s (kill window {window:?}): \
             {} killed mid-inspection, {} with every answer journaled, {} after the report, \
             {} before the journal, {} finished first; {} journaled answers checked",
            start.elapsed().as_secs_f64(),
            tally.during,
            tally.after_answers,
            tally.after_report,
            tally.before_journal,
            tally.finished,
            tally.journaled
        );
    }
    assert_eq!(
        tally.during
            + tally.after_answers
            + tally.after_report
            + tally.before_journal
            + tally.finished,
        total
    );
    if only.is_none() && total >= 50 {
        assert!(
            tally.during * 4 >= total,
            "too few kills landed mid-inspection: {tally:?}"
        );
    }
}
