//! Signed reports: interop with `ssh-keygen -Y sign/verify -n opscheck` both ways, and
//! each way a signature can be wrong, with its own message.
//!
//! These tests need `ssh-keygen` (openssh-client). Without it they print a line and
//! pass, except under CI (`CI` set), where its absence is a failure.

// The skip lines are for whoever runs the tests.
#![allow(clippy::print_stdout)]

use crate::common;
use crate::run_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{opscheck, output};
use run_support::{feed, stderr, stdout};

const ANSWERS: &str = "y\ny\ny\ny\n1\n\n";

/// Whether ssh-keygen can be run; under CI it must.
fn have_ssh_keygen() -> bool {
    let found = Command::new("ssh-keygen")
        .arg("-?")
        .stderr(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "ssh-keygen is missing under CI: install openssh-client"
        );
        println!("skipped: ssh-keygen not found (apt-get install openssh-client)");
    }
    found
}

/// A new key pair `dir/NAME` of `kind` (`ed25519`, `ecdsa`, `rsa`), protected by
/// `passphrase` when not empty.
fn keygen(dir: &Path, name: &str, kind: &str, passphrase: &str) -> PathBuf {
    let key = dir.join(name);
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", kind, "-N", passphrase, "-C", name, "-f"])
        .arg(&key)
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "ssh-keygen -t {kind} failed");
    key
}

/// `dir/allowed_signers` with one line per (principal, key).
fn allowed(dir: &Path, lines: &[(&str, &Path, &str)]) -> PathBuf {
    let mut text = String::from("# who may sign opscheck reports\n");
    for (principal, key, options) in lines {
        let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
        let sep = if options.is_empty() { "" } else { " " };
        text.push_str(&format!("{principal}{sep}{options} {public}"));
    }
    let path = dir.join("allowed_signers");
    std::fs::write(&path, text).unwrap();
    path
}

/// A finished inspection of the mini template under `dir/reports`, by `inspector`.
fn report(dir: &Path, subject: &str, inspector: &str) -> PathBuf {
    let done = run_mini(dir, subject, inspector, &["--format", "json"]);
    PathBuf::from(stdout(&done).lines().next().unwrap())
}

/// `opscheck run` of the mini template with [`ANSWERS`], exit 0 asserted.
fn run_mini(dir: &Path, subject: &str, inspector: &str, extra: &[&str]) -> Output {
    let done = feed(
        opscheck()
            .args([
                "run",
                "--template",
                "tests/fixtures/mini.toml",
                "--date",
                "2026-11-29",
            ])
            .args(["--subject", subject, "--inspector", inspector])
            .arg("--out")
            .arg(dir.join("reports"))
            .args(extra)
            .env_remove("SSH_AUTH_SOCK"),
        ANSWERS,
    );
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    done
}

fn sign(report: &Path, key: &Path, extra: &[&str]) -> Output {
    output(
        opscheck()
            .arg("sign")
            .arg(report)
            .arg("--key")
            .arg(key)
            .args(extra)
            .env_remove("SSH_AUTH_SOCK")
            .stdin(Stdio::null()),
    )
}

fn verify(reports: &[&Path], signers: &Path, extra: &[&str]) -> Output {
    output(
        opscheck()
            .arg("verify")
            .args(reports)
            .arg("--allowed-signers")
            .arg(signers)
            .args(extra),
    )
}

/// `ssh-keygen -Y verify -n opscheck -f SIGNERS -I PRINCIPAL -s REPORT.sig < REPORT`.
fn ssh_keygen_verify(report: &Path, signers: &Path, principal: &str) -> Output {
    let mut sig = report.as_os_str().to_owned();
    sig.push(".sig");
    output(
        Command::new("ssh-keygen")
            .args(["-Y", "verify", "-n", "opscheck", "-f"])
            .arg(signers)
            .args(["-I", principal, "-s"])
            .arg(sig)
            .stdin(std::fs::File::open(report).unwrap()),
    )
}

#[test]
fn a_report_signed_by_opscheck_verifies_with_ssh_keygen() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for kind in ["ed25519", "ecdsa", "rsa"] {
        let key = keygen(dir.path(), &format!("id_{kind}"), kind, "");
        let report = report(dir.path(), &format!("Store {kind}"), "alice@example.com");
        let before = std::fs::read(&report).unwrap();
        let signed = sign(&report, &key, &[]);
        assert_eq!(signed.status.code(), Some(0), "{kind}: {}", stderr(&signed));
        let sig = PathBuf::from(format!("{}.sig", report.display()));
        assert_eq!(stdout(&signed).trim(), sig.display().to_string());
        assert_eq!(
            std::fs::read(&report).unwrap(),
            before,
            "the report is not rewritten"
        );
        let signers = allowed(
            dir.path(),
            &[("alice@example.com", &key, "namespaces=\"opscheck\"")],
        );
        let checked = ssh_keygen_verify(&report, &signers, "alice@example.com");
        assert_eq!(
            checked.status.code(),
            Some(0),
            "{kind}: {}",
            stderr(&checked)
        );
        assert!(
            stdout(&checked).contains("Good \"opscheck\" signature for alice@example.com"),
            "{}",
            stdout(&checked)
        );
        let ours = verify(&[&report], &signers, &["--require-signature"]);
        assert_eq!(ours.status.code(), Some(0), "{}", stdout(&ours));
        assert!(stdout(&ours).contains("SIGNED"));
    }
}

#[test]
fn a_report_signed_by_ssh_keygen_verifies_with_opscheck() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let key = keygen(dir.path(), "id_ed25519", "ed25519", "");
    let report = report(dir.path(), "Store 1", "alice@example.com");
    let status = Command::new("ssh-keygen")
        .args(["-q", "-Y", "sign", "-n", "opscheck", "-f"])
        .arg(&key)
        .arg(&report)
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let signers = allowed(dir.path(), &[("alice@example.com", &key, "")]);
    let out = verify(&[&report], &signers, &["--require-signature"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let line = stdout(&out)
        .lines()
        .find(|l| l.starts_with("SIGNED"))
        .unwrap_or_default()
        .to_owned();
    assert!(
        line.contains("inspector alice@example.com (key SHA256:"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).is_empty(),
        "the principal is the inspector: {}",
        stderr(&out)
    );
}

/// A signed report, its key and an allowed signers file listing it.
fn signed(dir: &Path, subject: &str) -> (PathBuf, PathBuf, PathBuf) {
    let key = dir.join("id_ed25519");
    if !key.exists() {
        keygen(dir, "id_ed25519", "ed25519", "");
    }
    let report = report(dir, subject, "alice@example.com");
    let out = sign(&report, &key, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let signers = allowed(dir, &[("alice@example.com", &key, "")]);
    (report, key, signers)
}

fn bad_signature_line(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{}{}", stdout(out), stderr(out));
    stdout(out)
        .lines()
        .find(|l| l.starts_with("BAD SIGNATURE"))
        .unwrap_or_else(|| panic!("no BAD SIGNATURE line in {}", stdout(out)))
        .to_owned()
}

#[test]
fn an_edited_report_fails_as_changed_after_signing() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (report, _, signers) = signed(dir.path(), "Store 1");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, text.replace("\"Store 1\"", "\"Store 2\"")).unwrap();
    let line = bad_signature_line(&verify(&[&report], &signers, &[]));
    assert!(
        line.contains("the report changed after it was signed"),
        "{line}"
    );

    // Edited with care: the digest recomputed, so only the signature shows it.
    let mut edited = opscheck::report::Report::from_json(&text).unwrap();
    edited.subject = "Store 2".into();
    edited.digest = Some(edited.compute_digest());
    std::fs::write(&report, edited.to_json()).unwrap();
    let out = verify(&[&report], &signers, &[]);
    assert!(stdout(&out).contains("OK (digest)") || stdout(&out).contains("OK "));
    let line = bad_signature_line(&out);
    assert!(
        line.contains("does not match the report's bytes: the report was changed after signing"),
        "{line}"
    );
}

#[test]
fn a_swapped_signature_names_the_report_it_belongs_to() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (first, _, signers) = signed(dir.path(), "Store 1");
    let (second, _, _) = signed(dir.path(), "Store 2");
    let sig = |r: &Path| PathBuf::from(format!("{}.sig", r.display()));
    std::fs::copy(sig(&second), sig(&first)).unwrap();
    let line = bad_signature_line(&verify(&[&first], &signers, &[]));
    assert!(
        line.contains(&format!(
            "is the signature of `{}`, not of this report",
            second.display()
        )),
        "{line}"
    );
}

#[test]
fn a_key_not_in_allowed_signers_fails_naming_the_key() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (report, _, _) = signed(dir.path(), "Store 1");
    let other = keygen(dir.path(), "id_other", "ed25519", "");
    let signers = allowed(dir.path(), &[("bob@example.com", &other, "")]);
    let line = bad_signature_line(&verify(&[&report], &signers, &[]));
    assert!(line.contains("is valid, but its key SHA256:"), "{line}");
    assert!(line.contains("is not in"), "{line}");

    let key = dir.path().join("id_ed25519");
    let git_only = allowed(
        dir.path(),
        &[("alice@example.com", &key, "namespaces=\"git\"")],
    );
    let line = bad_signature_line(&verify(&[&report], &git_only, &[]));
    assert!(
        line.contains("is not allowed the `opscheck` namespace"),
        "{line}"
    );
}

#[test]
fn unsigned_reports_pass_unless_a_signature_is_required() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let key = keygen(dir.path(), "id_ed25519", "ed25519", "");
    let report = report(dir.path(), "Store 1", "alice@example.com");
    let signers = allowed(dir.path(), &[("alice@example.com", &key, "")]);
    let out = verify(&[&report], &signers, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("UNSIGNED"), "{}", stdout(&out));
    let out = verify(&[&report], &signers, &["--require-signature"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

#[test]
fn a_signature_is_never_overwritten_and_a_tampered_report_is_not_signed() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (report, key, _) = signed(dir.path(), "Store 1");
    let sig = PathBuf::from(format!("{}.sig", report.display()));
    let first = std::fs::read(&sig).unwrap();
    let again = sign(&report, &key, &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists; a signature is never overwritten"));
    assert_eq!(std::fs::read(&sig).unwrap(), first);

    let other = self::report(dir.path(), "Store 2", "alice@example.com");
    let text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(&other, text.replace("\"Store 2\"", "\"Store 3\"")).unwrap();
    let out = sign(&other, &key, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("was edited after it was written"),
        "{}",
        stderr(&out)
    );
    assert!(!Path::new(&format!("{}.sig", other.display())).exists());
}

#[test]
fn a_reviewer_signs_second_and_summary_filters_on_both() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (reviewed, key, _) = signed(dir.path(), "Store 1");
    let (_only_signed, _, _) = signed(dir.path(), "Store 2");
    let _unsigned = report(dir.path(), "Store 3", "alice@example.com");
    let reviewer = keygen(dir.path(), "id_reviewer", "ed25519", "");

    let same = sign(&reviewed, &key, &["--role", "reviewer"]);
    assert_eq!(same.status.code(), Some(2));
    assert!(stderr(&same).contains("a reviewer signs with their own key"));

    let out = sign(&reviewed, &reviewer, &["--role", "reviewer"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).trim().ends_with(".json.reviewer.sig"));
    let signers = allowed(
        dir.path(),
        &[
            ("alice@example.com", &key, ""),
            ("bob@example.com", &reviewer, ""),
        ],
    );
    let out = verify(&[&reviewed], &signers, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("inspector alice@example.com"), "{text}");
    assert!(text.contains("reviewer bob@example.com"), "{text}");

    // The rendered report shows both signers.
    let rendered = |format: &str| {
        stdout(&output(
            opscheck()
                .arg("report")
                .arg(&reviewed)
                .args(["--format", format, "--allowed-signers"])
                .arg(&signers),
        ))
    };
    let md = rendered("md");
    assert!(md.contains("- **Signed by:** alice@example.com\n"), "{md}");
    assert!(
        md.contains("- **Reviewed and signed by:** bob@example.com\n"),
        "{md}"
    );
    let html = scraper::Html::parse_document(&rendered("html"));
    let spans: Vec<String> = html
        .select(&scraper::Selector::parse(".meta .signed").unwrap())
        .map(|s| s.text().collect())
        .collect();
    assert_eq!(
        spans,
        [
            "Signed by: alice@example.com",
            "Reviewed and signed by: bob@example.com"
        ]
    );

    let count = |flags: &[&str]| {
        let value = common::json(
            opscheck()
                .arg("summary")
                .arg(dir.path().join("reports"))
                .args(["--format", "json"])
                .args(flags),
        );
        value["totals"]["count"].as_u64().unwrap()
    };
    assert_eq!(count(&[]), 3);
    assert_eq!(count(&["--signed"]), 2);
    assert_eq!(count(&["--reviewed"]), 1);
    let bob_only = allowed(dir.path(), &[("bob@example.com", &reviewer, "")]);
    let bob = bob_only.display().to_string();
    assert_eq!(count(&["--signed", "--allowed-signers", &bob]), 0);
    assert_eq!(count(&["--reviewed", "--allowed-signers", &bob]), 1);
}

#[test]
fn a_principal_other_than_the_inspector_is_warned_about() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let key = keygen(dir.path(), "id_ed25519", "ed25519", "");
    let report = report(dir.path(), "Store 1", "Li Wei");
    assert_eq!(sign(&report, &key, &[]).status.code(), Some(0));
    let signers = allowed(dir.path(), &[("carol@example.com", &key, "")]);
    let out = verify(&[&report], &signers, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("is signed by `carol@example.com`, but its inspector is `Li Wei`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_passphrase_key_is_refused_in_line_mode_and_used_through_the_agent() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let key = keygen(dir.path(), "id_ed25519", "ed25519", "correct horse");
    let report = report(dir.path(), "Store 1", "alice@example.com");
    let out = sign(&report, &key, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is protected by a passphrase, which is asked only in a terminal"),
        "{}",
        stderr(&out)
    );
    assert!(!Path::new(&format!("{}.sig", report.display())).exists());

    // With the key in ssh-agent, its .pub file is enough and no passphrase is asked.
    let socket = dir.path().join("agent.sock");
    let Ok(mut agent) = Command::new("ssh-agent")
        .arg("-D")
        .arg("-a")
        .arg(&socket)
        .stdout(Stdio::null())
        .spawn()
    else {
        println!("skipped the agent half: ssh-agent not found");
        return;
    };
    for _ in 0..100 {
        if socket.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let unprotected = keygen(dir.path(), "id_agent", "ed25519", "");
    let added = Command::new("ssh-add")
        .arg("-q")
        .arg(&unprotected)
        .env("SSH_AUTH_SOCK", &socket)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(added.success());
    std::fs::remove_file(&unprotected).unwrap();
    let out = output(
        opscheck()
            .arg("sign")
            .arg(&report)
            .arg("--key")
            .arg(unprotected.with_extension("pub"))
            .env("SSH_AUTH_SOCK", &socket)
            .stdin(Stdio::null()),
    );
    let _ = agent.kill();
    let _ = agent.wait();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let signers = allowed(dir.path(), &[("alice@example.com", &unprotected, "")]);
    let checked = ssh_keygen_verify(&report, &signers, "alice@example.com");
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
}

#[test]
fn run_sign_signs_at_sign_off() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let key = keygen(dir.path(), "id_ed25519", "ed25519", "");
    let key_arg = key.display().to_string();
    let done = run_mini(
        dir.path(),
        "Store 1",
        "alice@example.com",
        &["--sign", &key_arg],
    );
    let printed: Vec<String> = stdout(&done).lines().map(str::to_owned).collect();
    let report = PathBuf::from(&printed[0]);
    assert_eq!(
        printed.last().unwrap(),
        &format!("{}.sig", report.display())
    );
    let signers = allowed(dir.path(), &[("alice@example.com", &key, "")]);
    let checked = ssh_keygen_verify(&report, &signers, "alice@example.com");
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
}

#[test]
fn a_bad_allowed_signers_line_is_named_and_nothing_is_verified() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (report, _, _) = signed(dir.path(), "Store 1");
    let signers = dir.path().join("bad_signers");
    std::fs::write(&signers, "alice@example.com ssh-ed25519 AAAA-not-base64\n").unwrap();
    let out = verify(&[&report], &signers, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{}:1: the key cannot be read", signers.display())),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

#[cfg(unix)]
#[test]
fn a_passphrase_is_asked_on_the_terminal() {
    use expectrl::Expect;
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let key = keygen(dir.path(), "id_ed25519", "ed25519", "correct horse");
    let report = report(dir.path(), "Store 1", "alice@example.com");
    let spawn = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_opscheck"));
        command
            .arg("sign")
            .arg(&report)
            .arg("--key")
            .arg(&key)
            .env_remove("SSH_AUTH_SOCK")
            .env("LANG", "C")
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        let mut pty = expectrl::session::OsSession::spawn(command).unwrap();
        pty.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
        pty
    };
    let mut pty = spawn();
    pty.expect("Passphrase for").unwrap();
    pty.send("wrong\r").unwrap();
    pty.expect("wrong passphrase for").unwrap();
    pty.expect(expectrl::Eof).unwrap();
    assert!(!Path::new(&format!("{}.sig", report.display())).exists());

    let mut pty = spawn();
    pty.expect("Passphrase for").unwrap();
    pty.send("correct horse\r").unwrap();
    pty.expect(".json.sig").unwrap();
    pty.expect(expectrl::Eof).unwrap();
    let signers = allowed(dir.path(), &[("alice@example.com", &key, "")]);
    let checked = ssh_keygen_verify(&report, &signers, "alice@example.com");
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
}
