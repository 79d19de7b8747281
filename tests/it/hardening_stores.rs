//! Issue 12, the files opscheck keeps beside the reports: draft journals, evidence and
//! signatures. A FIFO, a device or a symlink planted there is refused with a message
//! that names it, never waited on and never written through; `summary --by` lists
//! skipped files as `summary` does.

#![cfg(unix)]

use crate::common;
use crate::run_support;

use std::io::Write;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::bounded;
use run_support::{assert_code, run_command, stderr, stdout};

const MINI: &str = "tests/fixtures/mini.toml";
const MINI_INPUT: &str = "y\ny\ny\ny\n3\nfine\n";

fn opscheck(args: &[&str]) -> Command {
    let mut command = common::opscheck();
    command.args(args);
    command
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn mkfifo(at: &Path) {
    assert!(Command::new("mkfifo").arg(at).status().unwrap().success());
}

/// Runs `command` with `stdin` piped in; a run that has not ended after `seconds` is
/// killed and fails the test (a hang, not a slow machine: the runs here take < 1 s).
fn feed_bounded(command: &mut Command, stdin: &str, seconds: u64) -> Output {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("opscheck starts");
    let mut pipe = child.stdin.take().unwrap();
    let text = stdin.to_owned();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(text.as_bytes());
    });
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{command:?} did not finish within {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// A draft's id, as `drafts` shows it: the first 6 hex digits of the SHA-256 of its
/// file name.
fn draft_id(file_name: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(file_name.as_bytes());
    digest[..3].iter().map(|b| format!("{b:02x}")).collect()
}

// Journals.

#[test]
fn a_fifo_or_a_symlink_among_the_drafts_never_hangs_run_or_drafts_and_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    // An unfinished inspection: input ends after two answers (exit 3, draft kept).
    let partial = feed_bounded(&mut run_command(MINI, "Store 1", &out), "y\ny\n", 30);
    assert_code(&partial, 3);
    let drafts = out.join(".drafts");
    let real = std::fs::read_dir(&drafts)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .unwrap();
    // The real draft moved away and linked back; a FIFO beside it.
    let outside = dir.path().join("elsewhere.jsonl");
    std::fs::rename(&real, &outside).unwrap();
    let before = std::fs::read(&outside).unwrap();
    symlink(&outside, drafts.join("linked.jsonl")).unwrap();
    mkfifo(&drafts.join("fifo.jsonl"));

    let listed = bounded(&mut opscheck(&["drafts", "--out", path(&out)]), 20);
    assert_code(&listed, 0);
    let table = stdout(&listed);
    assert!(
        table.contains("it is a FIFO, not a draft that opscheck wrote"),
        "{table}"
    );
    assert!(
        table.contains("it is a symbolic link, not a draft that opscheck wrote"),
        "{table}"
    );

    // A new run of the same subject is not held up by them.
    let run = feed_bounded(&mut run_command(MINI, "Store 1", &out), MINI_INPUT, 30);
    assert_code(&run, 0);

    for (name, kind) in [
        ("fifo.jsonl", "a FIFO"),
        ("linked.jsonl", "a symbolic link"),
    ] {
        let mut command = run_command(MINI, "Store 1", &out);
        command.args(["--resume", &draft_id(name)]);
        let resumed = feed_bounded(&mut command, MINI_INPUT, 30);
        assert_code(&resumed, 2);
        let err = stderr(&resumed);
        assert!(
            err.contains(name) && err.contains(&format!("it is {kind}, not a draft")),
            "{name}: {err}"
        );
    }
    assert_eq!(
        std::fs::read(&outside).unwrap(),
        before,
        "the file behind the link is neither appended to nor cut"
    );

    let zh = bounded(
        &mut opscheck(&["drafts", "--lang", "zh-CN", "--out", path(&out)]),
        20,
    );
    assert!(
        stdout(&zh).contains("它是命名管道（FIFO），不是 opscheck 写下的草稿"),
        "{}",
        stdout(&zh)
    );
}

#[test]
fn a_draft_over_the_journal_limit_is_listed_as_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("reports/.drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    // Sparse: 256 MiB + 1 byte on disk without writing it.
    std::fs::File::create(drafts.join("huge.jsonl"))
        .unwrap()
        .set_len((256 << 20) + 1)
        .unwrap();
    let listed = bounded(
        &mut opscheck(&["drafts", "--out", path(&dir.path().join("reports"))]),
        20,
    );
    assert_code(&listed, 0);
    assert!(
        stdout(&listed).contains("the draft is larger than the limit of 256 MiB"),
        "{}",
        stdout(&listed)
    );
}

// Evidence.

fn run_with_answers(dir: &Path, answers: &str, stdin: &str) -> Output {
    let file = dir.join("answers.toml");
    std::fs::write(&file, answers).unwrap();
    let mut command = run_command(MINI, "Store 1", &dir.join("reports"));
    command.arg("--answers").arg(&file);
    feed_bounded(&mut command, stdin, 30)
}

#[test]
fn evidence_that_is_not_a_regular_file_is_refused_with_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    mkfifo(&d.join("fifo.jpg"));
    symlink(d.join("fifo.jpg"), d.join("to-fifo.jpg")).unwrap();
    symlink(d.join("nowhere.jpg"), d.join("dangling.jpg")).unwrap();
    std::fs::create_dir(d.join("folder")).unwrap();
    // Sparse: over the limit of one file without writing 20 MiB.
    std::fs::File::create(d.join("big.bin"))
        .unwrap()
        .set_len((20 << 20) + 1)
        .unwrap();
    for (file, expected) in [
        ("fifo.jpg", "fifo.jpg` is a FIFO, not a regular file"),
        ("to-fifo.jpg", "to-fifo.jpg` is a FIFO, not a regular file"),
        ("/dev/zero", "/dev/zero` is a device, not a regular file"),
        ("folder", "folder` is a directory, not a regular file"),
        ("dangling.jpg", "cannot read `"),
        ("big.bin", "big.bin` is larger than 20 MiB"),
    ] {
        let answers = format!("[answers]\nexits = {{ answer = \"y\", evidence = [\"{file}\"] }}\n");
        let out = run_with_answers(d, &answers, MINI_INPUT);
        assert_code(&out, 1);
        let err = stderr(&out);
        assert!(err.contains(expected), "{file}: {err}");
        assert!(err.contains("answers.toml:2:"), "{file}: {err}");
        assert!(
            !d.join("reports/evidence").exists(),
            "{file}: nothing stored"
        );
    }
    // A symlink to a regular file is followed, as every path named is.
    std::fs::write(d.join("photo.txt"), "东侧出口畅通\n").unwrap();
    symlink(d.join("photo.txt"), d.join("link.txt")).unwrap();
    let answers = "[answers]\nexits = { answer = \"y\", evidence = [\"link.txt\"] }\n";
    let out = run_with_answers(d, answers, "y\ny\ny\n3\nfine\n");
    assert_code(&out, 0);
    // In line mode: the message, and the item is asked again.
    let fifo = d.join("fifo.jpg");
    let stdin = format!("@ {}\n{MINI_INPUT}", fifo.display());
    let out = feed_bounded(
        &mut run_command(MINI, "Store 2", &d.join("reports")),
        &stdin,
        30,
    );
    assert_code(&out, 0);
    let err = stderr(&out);
    assert!(err.contains("fifo.jpg` is a FIFO, not a regular file; only a regular file (or a symbolic link to one) can be attached"), "{err}");
    assert_eq!(err.matches("Are the fire exits clear?").count(), 2, "{err}");
}

#[test]
fn verify_names_a_stored_evidence_file_replaced_by_a_fifo_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("photo.txt"), "东侧出口畅通\n").unwrap();
    let answers = "[answers]\nexits = { answer = \"y\", evidence = [\"photo.txt\"] }\n";
    let out = run_with_answers(d, answers, "y\ny\ny\n3\nfine\n");
    assert_code(&out, 0);
    let report = PathBuf::from(stdout(&out).lines().next().unwrap());
    let stored = std::fs::read_dir(d.join("reports/evidence"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    std::fs::remove_file(&stored).unwrap();
    mkfifo(&stored);
    let out = bounded(&mut opscheck(&["verify", path(&report)]), 20);
    assert_code(&out, 1);
    assert!(
        stdout(&out).contains("is not a regular file (a FIFO, a device or a directory"),
        "{}",
        stdout(&out)
    );
}

// Signatures.

#[test]
fn a_fifo_at_a_signature_name_is_refused_by_verify_and_summary_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let run = feed_bounded(&mut run_command(MINI, "Store 1", &out), MINI_INPUT, 30);
    assert_code(&run, 0);
    let report = PathBuf::from(stdout(&run).lines().next().unwrap());
    let mut sig = report.clone().into_os_string();
    sig.push(".sig");
    mkfifo(Path::new(&sig));
    let signers = dir.path().join("allowed_signers");
    std::fs::write(&signers, "# nobody yet\n").unwrap();
    let verified = bounded(
        &mut opscheck(&["verify", path(&report), "--allowed-signers", path(&signers)]),
        20,
    );
    assert_code(&verified, 1);
    assert!(
        stdout(&verified)
            .contains(".sig` is a FIFO, not a signature file; opscheck does not open it"),
        "{}",
        stdout(&verified)
    );
    // Over the signature limit: refused unread (a sparse file of 64 KiB + 1 byte).
    std::fs::remove_file(&sig).unwrap();
    std::fs::File::create(&sig)
        .unwrap()
        .set_len((64 << 10) + 1)
        .unwrap();
    let verified = bounded(
        &mut opscheck(&["verify", path(&report), "--allowed-signers", path(&signers)]),
        20,
    );
    assert_code(&verified, 1);
    assert!(
        stdout(&verified).contains(".sig` is larger than 64 KiB, which no SSH signature is"),
        "{}",
        stdout(&verified)
    );
    std::fs::remove_file(&sig).unwrap();
    mkfifo(Path::new(&sig));
    let summary = bounded(
        &mut opscheck(&["summary", "--signed", "--format", "json", path(&out)]),
        20,
    );
    assert_code(&summary, 0);
    let json: serde_json::Value = serde_json::from_slice(&summary.stdout).unwrap();
    assert_eq!(
        json["totals"]["count"], 0,
        "an unreadable signature signs nothing"
    );
}

// Summaries by region and tag list skipped files as every summary does.

#[test]
fn summary_by_region_and_tag_count_skipped_files_after_twenty() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let run = feed_bounded(&mut run_command(MINI, "Store 1", &out), MINI_INPUT, 30);
    assert_code(&run, 0);
    for i in 0..25 {
        std::fs::write(out.join(format!("junk-{i:02}.json")), "{ not json").unwrap();
    }
    let sites = dir.path().join("sites.toml");
    std::fs::write(
        &sites,
        "[[sites]]\nsubject = \"Store 1\"\nregion = \"East\"\ntags = [\"mall\"]\n",
    )
    .unwrap();
    for by in ["region", "tag"] {
        let mut command = opscheck(&["summary", "--by", by, "--sites", path(&sites)]);
        let summary = bounded(command.arg(&out), 20);
        assert_code(&summary, 0);
        let err = stderr(&summary);
        assert_eq!(err.matches("warning: skipped").count(), 20, "{by}: {err}");
        assert!(
            err.contains("… and 5 more skipped (`--verbose` lists them all)"),
            "{by}: {err}"
        );
        let verbose = bounded(
            opscheck(&["summary", "--verbose", "--by", by, "--sites", path(&sites)]).arg(&out),
            20,
        );
        assert_eq!(
            stderr(&verbose).matches("warning: skipped").count(),
            25,
            "{by}"
        );
    }
}
