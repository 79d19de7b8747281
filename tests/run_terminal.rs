//! `opscheck run` in a pseudo-terminal: single keys, going back, a note, Ctrl-C,
//! `--resume`, a corrective action and the sign-off, as an inspector would do it.

#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect};
use serde_json::Value;

/// Five yes/no items and one 1–5 scale.
const TEMPLATE: &str = "tests/fixtures/pty-walkthrough.toml";
const SUBJECT: &str = "Store 12";
const TIMEOUT: Duration = Duration::from_secs(5);

/// A running `opscheck` on a pseudo-terminal, with everything it printed so far kept
/// for failure messages.
struct Pty {
    session: OsSession,
    transcript: Vec<u8>,
}

impl Pty {
    fn spawn(out: &Path, extra: &[&str]) -> Pty {
        let mut command = Command::new(env!("CARGO_BIN_EXE_opscheck"));
        command
            .current_dir(common::root())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("CLICOLOR_FORCE")
            .env("LANG", "C")
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .args(["run", "--template", TEMPLATE, "--subject", SUBJECT])
            .args(["--inspector", "QA", "--date", "2026-11-29", "--out"])
            .arg(out)
            .args(extra);
        let mut session = OsSession::spawn(command).expect("spawn opscheck on a pty");
        session.set_expect_timeout(Some(TIMEOUT));
        Pty {
            session,
            transcript: Vec::new(),
        }
    }

    /// Waits (at most [`TIMEOUT`]) until `text` is printed.
    fn expect(&mut self, text: &str) {
        match self.session.expect(text) {
            Ok(found) => self.transcript.extend_from_slice(found.as_bytes()),
            Err(e) => self.fail(&format!("waiting for {text:?}: {e}")),
        }
    }

    /// Panics with everything printed so far, including what no `expect` consumed.
    fn fail(&mut self, why: &str) -> ! {
        let mut buf = [0; 4096];
        while let Ok(n @ 1..) = self.session.try_read(&mut buf) {
            self.transcript.extend_from_slice(&buf[..n]);
        }
        panic!(
            "{why}\n--- the terminal so far ---\n{}",
            String::from_utf8_lossy(&self.transcript)
        )
    }

    /// Presses keys, as a terminal sends them (Enter is `\r`, Ctrl-C is `\x03`).
    fn press(&mut self, keys: &str) {
        self.session
            .send(keys)
            .unwrap_or_else(|e| panic!("sending {keys:?}: {e}"));
    }

    /// Reads to the end of output; returns the exit code and the whole transcript.
    fn finish(mut self) -> (i32, String) {
        match self.session.expect(Eof) {
            Ok(found) => self.transcript.extend_from_slice(found.as_bytes()),
            Err(e) => self.fail(&format!("waiting for the end: {e}")),
        }
        let text = String::from_utf8_lossy(&self.transcript).into_owned();
        match self.session.get_process().wait() {
            Ok(WaitStatus::Exited(_, code)) => (code, text),
            other => {
                panic!("opscheck did not exit normally: {other:?}\n--- the terminal ---\n{text}")
            }
        }
    }
}

/// The item screen `[i/6]` is drawn, showing `question`, and waits for a key (the
/// legend of keys is its last line).
fn screen(pty: &mut Pty, position: usize, question: &str) {
    pty.expect(&format!("[{position}/6]"));
    pty.expect(question);
    pty.expect("save & quit");
}

const Q1: &str = "Is the fire exit clear?";
const Q2: &str = "Do all the lights work?";
const Q3: &str = "Was the extinguisher checked this year?";
const Q4: &str = "Is the signage current?";
const Q5: &str = "Is the first-aid kit stocked?";

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn answer<'a>(report: &'a Value, item: &str) -> &'a Value {
    report["answers"]
        .as_array()
        .expect("answers is an array")
        .iter()
        .find(|a| a["item"] == item)
        .unwrap_or_else(|| panic!("no answer for `{item}` in {report:#}"))
}

#[test]
fn single_keys_back_note_ctrl_c_resume_and_sign_off() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");

    // First sitting: y, n (no action), back, a note on the `no`, y, then Ctrl-C.
    let mut pty = Pty::spawn(&out, &[]);
    screen(&mut pty, 1, Q1);
    pty.press("y");
    screen(&mut pty, 2, Q2);
    pty.press("n");
    pty.expect("Add a corrective action?");
    pty.press("\r");
    screen(&mut pty, 3, Q3);
    pty.press("b");
    pty.expect("[2/6]");
    pty.expect(Q2);
    pty.expect("Current answer: no");
    pty.expect("save & quit");
    pty.press("e");
    pty.expect("Note:");
    pty.press("hinge loose");
    pty.expect("hinge loose");
    pty.press("\r");
    pty.expect("[2/6]");
    pty.expect("Note: hinge loose");
    pty.expect("save & quit");
    pty.press("\r");
    screen(&mut pty, 3, Q3);
    pty.press("y");
    screen(&mut pty, 4, Q4);
    pty.press("\x03");
    pty.expect("resume with");
    let (code, first) = pty.finish();
    assert_eq!(code, 130, "Ctrl-C exits 130\n{first}");
    assert!(
        first.contains("--resume"),
        "the resume command is printed:\n{first}"
    );
    assert_eq!(files_in(&out), [".drafts"], "no report yet, only the draft");
    assert_eq!(files_in(&out.join(".drafts")).len(), 1, "one draft is kept");

    // Second sitting: resume at item 4, fail it with an action, finish, sign off.
    let mut pty = Pty::spawn(&out, &["--resume"]);
    screen(&mut pty, 4, Q4);
    pty.press("n");
    pty.expect("Add a corrective action?");
    pty.press("a");
    pty.expect("What needs to be done?");
    pty.press("replace the poster\r");
    pty.expect("Owner:");
    pty.press("Li Wei\r");
    pty.expect("Due:");
    pty.press("+7d\r");
    pty.expect("Priority:");
    pty.press("\r");
    screen(&mut pty, 5, Q5);
    pty.press("y");
    screen(&mut pty, 6, "How tidy is the counter?");
    pty.press("4");
    pty.expect("Sign off as:");
    pty.press("\r");
    pty.expect("2026-11-29-pty-walkthrough-store-12.json");
    let (code, second) = pty.finish();
    assert_eq!(code, 0, "a completed inspection exits 0\n{second}");

    assert_eq!(
        files_in(&out),
        [
            "2026-11-29-pty-walkthrough-store-12.json",
            "2026-11-29-pty-walkthrough-store-12.md"
        ]
    );
    assert!(
        files_in(&out.join(".drafts")).is_empty(),
        "the draft is removed once the report is written"
    );
    let text =
        std::fs::read_to_string(out.join("2026-11-29-pty-walkthrough-store-12.json")).unwrap();
    let report: Value = serde_json::from_str(&text).unwrap();

    // Everything given before Ctrl-C, going back and the note included.
    assert_eq!(answer(&report, "exit-clear")["answer"], "yes");
    let lights = answer(&report, "lights-work");
    assert_eq!(lights["answer"], "no", "{lights}");
    assert_eq!(lights["note"], "hinge loose", "{lights}");
    assert_eq!(lights["action"], Value::Null, "{lights}");
    assert_eq!(answer(&report, "extinguisher-checked")["answer"], "yes");
    // And after resuming.
    let signage = answer(&report, "signage-current");
    assert_eq!(signage["answer"], "no", "{signage}");
    assert_eq!(
        signage["action"],
        serde_json::json!({
            "text": "replace the poster",
            "owner": "Li Wei",
            "due": "2026-12-06",
            "priority": "medium"
        })
    );
    assert_eq!(answer(&report, "first-aid-stocked")["answer"], "yes");
    let tidiness = answer(&report, "tidiness");
    assert_eq!(tidiness["answer"], "4");
    assert_eq!(tidiness["score"], 0.75);
    for a in report["answers"].as_array().unwrap() {
        assert_eq!(a["skipped"], false, "{a}");
        assert_eq!(a["na"], false, "{a}");
    }

    assert_eq!(report["subject"], SUBJECT);
    assert_eq!(
        report["inspector"], "QA",
        "Enter signs with the default name"
    );
    // Floor (1 + 0 + 1) / 3, front (0 + 1 + 0.75) / 3, the mean of the two.
    let percent = report["overall"]["percent"].as_f64().unwrap();
    assert!((percent - 62.5).abs() < 1e-9, "{percent}");
    assert_eq!(report["overall"]["result"], "fail");
    let findings: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["item"].as_str().unwrap())
        .collect();
    assert_eq!(findings.len(), 3, "{findings:?}");
    for item in ["lights-work", "signage-current", "tidiness"] {
        assert!(findings.contains(&item), "{item} in {findings:?}");
    }
}

#[test]
fn quit_key_keeps_the_draft_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut pty = Pty::spawn(&out, &[]);
    screen(&mut pty, 1, Q1);
    pty.press("y");
    screen(&mut pty, 2, Q2);
    pty.press("?");
    pty.expect("Switch every circuit on.");
    pty.expect("save & quit");
    pty.press("q");
    pty.expect("resume with");
    let (code, text) = pty.finish();
    assert_eq!(code, 3, "{text}");
    assert_eq!(files_in(&out), [".drafts"]);

    // Resuming starts at the first open item, with the earlier answer shown as saved.
    let mut pty = Pty::spawn(&out, &["--resume"]);
    screen(&mut pty, 2, Q2);
    pty.press("b");
    pty.expect("[1/6]");
    pty.expect(Q1);
    pty.expect("Current answer: yes");
    pty.expect("save & quit");
    pty.press("q");
    pty.expect("resume with");
    assert_eq!(pty.finish().0, 3);
}

/// One item per screen: the screen is cleared before each item is drawn. NO_COLOR
/// turns colour off, not cursor control.
#[test]
fn each_item_gets_a_fresh_screen_with_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut pty = Pty::spawn(&out, &[]);
    for (position, question, key) in [(1, Q1, "y"), (2, Q2, "y"), (3, Q3, "q")] {
        let found = match pty.session.expect(format!("[{position}/6]").as_str()) {
            Ok(found) => found,
            Err(e) => pty.fail(&format!("waiting for [{position}/6]: {e}")),
        };
        pty.transcript.extend_from_slice(found.as_bytes());
        let before = String::from_utf8_lossy(found.before()).into_owned();
        pty.expect(question);
        pty.expect("save & quit");
        pty.press(key);
        assert!(
            before.contains("\x1b[2J"),
            "the screen is cleared (ESC [2J) before item {position} is drawn; got {before:?}"
        );
    }
    pty.expect("resume with");
    assert_eq!(pty.finish().0, 3);
}

/// With `--lang zh-CN` the terminal speaks Chinese: the key legend, the guidance hint,
/// the corrective-action offer and the resume message (the template's own texts stay
/// as written).
#[test]
fn the_terminal_speaks_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut pty = Pty::spawn(&out, &["--lang", "zh-CN"]);
    pty.expect("[1/6]");
    pty.expect(Q1);
    pty.expect("y 是   n 否   a 不适用   ? 指引   e 备注   f 附加文件   b 返回   q 保存退出");
    pty.press("n");
    pty.expect("不合格。 是否添加整改措施？");
    pty.press("\r");
    pty.expect("[2/6]");
    pty.expect(Q2);
    pty.expect("q 保存退出");
    pty.press("q");
    pty.expect("继续检查：opscheck run");
    let (code, text) = pty.finish();
    assert_eq!(code, 3, "{text}");
    assert!(text.contains("进度已保存在"), "{text}");
}
