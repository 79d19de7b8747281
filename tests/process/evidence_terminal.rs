//! Attaching evidence in the terminal: `f`, the path typed with Tab completion.

#![cfg(unix)]

use crate::common;

use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect};

/// Waits for `text`, failing with what the terminal showed.
fn wait(session: &mut OsSession, seen: &mut String, text: &str) {
    match session.expect(text) {
        Ok(found) => seen.push_str(&String::from_utf8_lossy(found.as_bytes())),
        Err(e) => panic!("waiting for {text:?}: {e}\n--- terminal ---\n{seen}"),
    }
}

#[test]
fn f_attaches_a_file_whose_path_tab_completes() {
    let dir = tempfile::tempdir().unwrap();
    let photos = dir.path().join("photos");
    std::fs::create_dir(&photos).unwrap();
    std::fs::write(photos.join("exit-east.txt"), "east exit clear\n").unwrap();
    let out = dir.path().join("reports");
    let mut command = Command::new(env!("CARGO_BIN_EXE_opscheck"));
    command
        .current_dir(common::root())
        .env_remove("LC_ALL")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .args(["run", "--template", "tests/fixtures/pty-walkthrough.toml"])
        .args([
            "--subject",
            "Store 12",
            "--inspector",
            "QA",
            "--date",
            "2026-11-29",
        ])
        .arg("--out")
        .arg(&out);
    let mut session = OsSession::spawn(command).expect("spawn opscheck on a pty");
    // Generous: the machine may be busy.
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    let mut seen = String::new();
    wait(&mut session, &mut seen, "f attach file");
    session.send("f").unwrap();
    wait(&mut session, &mut seen, "Attach file:");
    session.send(format!("{}/ex", photos.display())).unwrap();
    session.send("\t").unwrap();
    wait(&mut session, &mut seen, "exit-east.txt");
    session.send("\r").unwrap();
    wait(
        &mut session,
        &mut seen,
        "attached `exit-east.txt` (text/plain, 16 bytes) to `exit-clear`",
    );
    for (key, next) in [
        ("y", "[2/6]"),
        ("y", "[3/6]"),
        ("y", "[4/6]"),
        ("y", "[5/6]"),
        ("y", "[6/6]"),
        // The last answer shows the summary; Enter there opens the sign-off.
        ("4", "PASS"),
        ("\r", "Sign off as:"),
        ("\r", "store-12.json"),
    ] {
        session.send(key).unwrap();
        wait(&mut session, &mut seen, next);
    }
    session.expect(Eof).unwrap();
    match session.get_process().wait() {
        Ok(WaitStatus::Exited(_, 0)) => {}
        other => panic!("{other:?}\n{seen}"),
    }
    let report = out.join("2026-11-29-pty-walkthrough-store-12.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let exit = json["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["item"] == "exit-clear")
        .unwrap();
    assert_eq!(exit["evidence"][0]["name"], "exit-east.txt");
    assert_eq!(exit["evidence"][0]["media_type"], "text/plain");
    let stored = out.join(exit["evidence"][0]["path"].as_str().unwrap());
    assert_eq!(
        std::fs::read_to_string(stored).unwrap(),
        "east exit clear\n"
    );
}
