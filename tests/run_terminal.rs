//! `opscheck run` in a pseudo-terminal, as an inspector would do it, in English and in
//! Chinese: keys land on the screen they were pressed on, Enter keeps, going back
//! reviews in order, Ctrl combinations, Ctrl-Z and `fg`, signals, resize, and going
//! back from the summary.

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
const TIMEOUT: Duration = Duration::from_secs(20);

/// A running `opscheck` on a pseudo-terminal, with everything it printed so far kept
/// for failure messages.
struct Pty {
    session: OsSession,
    transcript: Vec<u8>,
}

impl Pty {
    fn spawn(out: &Path, extra: &[&str]) -> Pty {
        Pty::spawn_template(TEMPLATE, out, extra)
    }

    fn spawn_template(template: &str, out: &Path, extra: &[&str]) -> Pty {
        let mut command = Command::new(env!("CARGO_BIN_EXE_opscheck"));
        command
            .args(["run", "--template", template, "--subject", SUBJECT])
            .args(["--inspector", "QA", "--date", "2026-11-29", "--out"])
            .arg(out)
            .args(extra);
        Pty::start(command)
    }

    /// `opscheck run …` under `sh`, which prints the exit code and `stty -a` after it.
    fn spawn_in_shell(out: &Path, extra: &str) -> Pty {
        let script = format!(
            "stty -a; echo BEFORE; '{}' run --template {TEMPLATE} --subject 'Store 12' --inspector QA \
             --date 2026-11-29 --out '{}' {extra}; echo \"CODE=$?\"; stty -a",
            env!("CARGO_BIN_EXE_opscheck"),
            out.display()
        );
        let mut command = Command::new("sh");
        command.args(["-c", &script]);
        Pty::start(command)
    }

    fn start(mut command: Command) -> Pty {
        command
            .current_dir(common::root())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("CLICOLOR_FORCE")
            .env("LANG", "C")
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
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

fn report(out: &Path) -> Value {
    let path = out.join("2026-11-29-pty-walkthrough-store-12.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; files: {:?}", path.display(), files_in(out)));
    serde_json::from_str(&text).unwrap()
}

fn answers_of(report: &Value, ids: &[&str]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            answer(report, id)["answer"]
                .as_str()
                .unwrap_or("-")
                .to_owned()
        })
        .collect()
}

const IDS: [&str; 5] = [
    "exit-clear",
    "lights-work",
    "extinguisher-checked",
    "signage-current",
    "first-aid-stocked",
];

/// Signs off on the summary with the default name.
fn sign(pty: &mut Pty) {
    pty.press("\r");
    pty.expect("QA");
    pty.press("\r");
    pty.expect(".json");
}

fn burst(lang: &[&str], summary: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut pty = Pty::spawn(&out, lang);
    screen_any(&mut pty, 1, Q1);
    // Sent at once: each key lands on the screen it was read on, failed answers
    // included (a failure does not eat the next key).
    pty.press("nyyny");
    pty.expect("[6/6]");
    pty.expect("How tidy is the counter?");
    pty.press("5");
    pty.expect(summary);
    sign(&mut pty);
    let (code, text) = pty.finish();
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        answers_of(&report(&out), &IDS),
        ["no", "yes", "yes", "no", "yes"]
    );
}

/// The item screen, in either language (the legend's last key differs).
fn screen_any(pty: &mut Pty, position: usize, question: &str) {
    pty.expect(&format!("[{position}/6]"));
    pty.expect(question);
}

#[test]
fn a_burst_of_keys_lands_on_five_consecutive_items() {
    burst(&[], "FAIL");
}

#[test]
fn a_burst_of_keys_lands_on_five_consecutive_items_in_chinese() {
    burst(&["--lang", "zh-CN"], "不合格");
}

/// Back twice from item 4, answer item 2 again: item 3 comes next (not item 4, the
/// first unanswered), and Enter keeps its answer.
fn back_then_forward(lang: &[&str], keeps: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut pty = Pty::spawn(&out, lang);
    screen_any(&mut pty, 1, Q1);
    pty.press("yyy");
    screen_any(&mut pty, 4, Q4);
    pty.press("b");
    screen_any(&mut pty, 3, Q3);
    pty.press("b");
    screen_any(&mut pty, 2, Q2);
    pty.press("n");
    screen_any(&mut pty, 3, Q3);
    pty.expect(keeps);
    pty.press("\r");
    screen_any(&mut pty, 4, Q4);
    pty.press("yy4");
    sign(&mut pty);
    assert_eq!(pty.finish().0, 0);
    assert_eq!(
        answers_of(&report(&out), &IDS),
        ["yes", "no", "yes", "yes", "yes"]
    );
}

#[test]
fn back_then_forward_reviews_in_order() {
    back_then_forward(&[], "Current answer: yes");
}

#[test]
fn back_then_forward_reviews_in_order_in_chinese() {
    back_then_forward(&["--lang", "zh-CN"], "当前回答： 是");
}

/// A typed answer: back to it, Enter keeps the shown answer.
fn typed_answer_kept(lang: &[&str], current: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut pty = Pty::spawn_template("tests/fixtures/when-chain.toml", &out, lang);
    pty.expect("[1/3]");
    pty.press("y");
    pty.expect("Hours since the last drill");
    pty.press("30\r");
    pty.expect("Share of staff trained");
    pty.press("\x1b");
    pty.expect(current);
    pty.press("\r");
    pty.expect("Share of staff trained");
    pty.press("85%\r");
    sign(&mut pty);
    assert_eq!(pty.finish().0, 0);
    let text = std::fs::read_to_string(out.join("2026-11-29-chain-store-12.json")).unwrap();
    let report: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(answer(&report, "hours")["answer"], "30");
    assert_eq!(answer(&report, "share")["answer"], "85");
}

#[test]
fn enter_keeps_a_typed_answer() {
    typed_answer_kept(&[], "Current answer: 30");
}

#[test]
fn enter_keeps_a_typed_answer_in_chinese() {
    typed_answer_kept(&["--lang", "zh-CN"], "当前回答： 30");
}

/// Ctrl-N is not `n`; Ctrl-D saves and quits like `q`.
fn ctrl_keys(lang: &[&str], press_key: &str, saved: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut pty = Pty::spawn(&out, lang);
    screen_any(&mut pty, 1, Q1);
    pty.press("\x0e");
    pty.expect(press_key);
    pty.press("y");
    screen_any(&mut pty, 2, Q2);
    pty.press("\x04");
    pty.expect(saved);
    let (code, text) = pty.finish();
    assert_eq!(code, 3, "{text}");
    let draft = files_in(&out.join(".drafts"));
    let journal = std::fs::read_to_string(out.join(".drafts").join(&draft[0])).unwrap();
    assert_eq!(
        journal.matches("\"event\":\"answer\"").count(),
        1,
        "{journal}"
    );
    assert!(journal.contains("\"yes\""), "{journal}");
}

#[test]
fn ctrl_n_is_not_no_and_ctrl_d_saves_and_quits() {
    ctrl_keys(&[], "press one of the keys", "progress saved");
}

#[test]
fn ctrl_n_is_not_no_and_ctrl_d_saves_and_quits_in_chinese() {
    ctrl_keys(&["--lang", "zh-CN"], "请按下方列出的按键", "进度已保存在");
}

/// The pid of the `opscheck` that `sh` started.
fn child_of(shell: i32) -> i32 {
    for _ in 0..200 {
        let path = format!("/proc/{shell}/task/{shell}/children");
        if let Some(pid) = std::fs::read_to_string(path)
            .ok()
            .and_then(|t| t.split_whitespace().next().map(str::to_owned))
        {
            return pid.parse().unwrap();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("no child of {shell}");
}

/// After SIGTERM or SIGHUP the answers are saved, the exit is 130, and the terminal
/// is back in cooked mode with echo (as `stty -a` prints it).
fn signal_restores_the_terminal(signal: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut pty = Pty::spawn_in_shell(&out, "");
    screen(&mut pty, 1, Q1);
    pty.press("y");
    screen(&mut pty, 2, Q2);
    let shell = pty.session.get_process().pid().as_raw();
    let opscheck = child_of(shell);
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &opscheck.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    pty.expect("CODE=130");
    pty.expect("speed");
    let (_, text) = pty.finish();
    let modes = |text: &str| {
        text.split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let before = modes(text.split("BEFORE").next().unwrap());
    let after = modes(text.rsplit("CODE=130").next().unwrap());
    assert_eq!(
        after, before,
        "the terminal modes after {signal} are those before"
    );
    assert!(after.contains(&"icanon".to_owned()) && after.contains(&"isig".to_owned()));
    assert!(text.contains("\x1b[?1049l"), "the alternate screen is left");
    let draft = files_in(&out.join(".drafts"));
    let journal = std::fs::read_to_string(out.join(".drafts").join(&draft[0])).unwrap();
    assert!(
        journal.contains("\"yes\""),
        "the answer before the signal is kept"
    );
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    signal_restores_the_terminal("TERM");
}

#[test]
fn sighup_saves_and_restores_the_terminal() {
    signal_restores_the_terminal("HUP");
}

#[test]
fn kill_int_saves_and_restores_the_terminal() {
    signal_restores_the_terminal("INT");
}

/// Ctrl-Z gives the terminal back to the shell; `fg` brings the screen back.
#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut command = Command::new("bash");
    command
        .args(["--norc", "--noprofile", "-i"])
        .env("PS1", "READY$ ");
    let mut pty = Pty::start(command);
    pty.expect("READY$ ");
    pty.press(&format!(
        "'{}' run --template {TEMPLATE} --subject S --inspector QA --date 2026-11-29 --out '{}'\r",
        env!("CARGO_BIN_EXE_opscheck"),
        out.display()
    ));
    screen(&mut pty, 1, Q1);
    pty.press("y");
    screen(&mut pty, 2, Q2);
    pty.press("\x1a");
    pty.expect("Stopped");
    pty.expect("READY$ ");
    pty.press("fg\r");
    screen(&mut pty, 2, Q2);
    pty.press("q");
    pty.expect("resume with");
    pty.expect("READY$ ");
    pty.press("exit\r");
    let _ = pty.session.expect(Eof);
    let journal = files_in(&out.join(".drafts"));
    assert_eq!(journal.len(), 1);
}

/// A resize draws the screen again, fitted to the new width.
#[test]
fn resize_redraws() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut pty = Pty::spawn(&out, &[]);
    screen(&mut pty, 1, Q1);
    pty.session
        .get_process_mut()
        .set_window_size(60, 20)
        .unwrap();
    pty.expect("\x1b[2J");
    pty.expect(&format!("{}\r\n", "─".repeat(60)));
    pty.expect(Q1);
    pty.press("q");
    assert_eq!(pty.finish().0, 3);
}

/// From the summary, `b` goes back to the last item; a new answer there, then the
/// summary again and the sign-off.
fn back_from_the_summary(lang: &[&str], pass: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut pty = Pty::spawn(&out, lang);
    screen_any(&mut pty, 1, Q1);
    pty.press("yyyyy1");
    pty.expect("%");
    pty.press("b");
    screen_any(&mut pty, 6, "How tidy is the counter?");
    pty.press("5");
    pty.expect(pass);
    sign(&mut pty);
    assert_eq!(pty.finish().0, 0);
    assert_eq!(answer(&report(&out), "tidiness")["answer"], "5");
}

#[test]
fn back_from_the_summary_changes_an_answer() {
    back_from_the_summary(&[], "PASS");
}

#[test]
fn back_from_the_summary_changes_an_answer_in_chinese() {
    back_from_the_summary(&["--lang", "zh-CN"], "合格");
}

#[test]
fn a_failed_item_takes_its_action_with_one_more_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut pty = Pty::spawn(&out, &[]);
    screen(&mut pty, 1, Q1);
    pty.press("n");
    pty.expect("Failed: Is the fire exit clear?");
    pty.press("c");
    pty.expect("What needs to be done?");
    pty.press("clear the route\rLi Wei\r+7d\rhigh\r");
    screen(&mut pty, 2, Q2);
    pty.press("yyyy4");
    sign(&mut pty);
    assert_eq!(pty.finish().0, 0);
    assert_eq!(
        answer(&report(&out), "exit-clear")["action"],
        serde_json::json!({
            "text": "clear the route",
            "owner": "Li Wei",
            "due": "2026-12-06",
            "priority": "high"
        })
    );
}

/// Everything happens on the alternate screen: the shell's scrollback stays clean.
#[test]
fn the_alternate_screen_is_used_and_left() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut pty = Pty::spawn(&out, &[]);
    let found = pty.session.expect("[1/6]").unwrap();
    assert!(String::from_utf8_lossy(found.before()).contains("\x1b[?1049h"));
    pty.press("q");
    let (code, text) = pty.finish();
    assert_eq!(code, 3);
    assert!(text.contains("\x1b[?1049l"), "{text}");
}

/// With two drafts of one template and subject, the offer lists both (newest first)
/// and a digit picks the older one.
#[test]
fn the_offer_chooses_among_several_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    for (first, pause) in [("n", true), ("y", false)] {
        let mut pty = Pty::spawn(&out, &[]);
        if !files_in(&out.join(".drafts")).is_empty() {
            pty.expect("is saved. Continue it?");
            pty.press("n");
        }
        screen(&mut pty, 1, Q1);
        pty.press(first);
        screen(&mut pty, 2, Q2);
        pty.press("q");
        assert_eq!(pty.finish().0, 3);
        if pause {
            // Drafts are named by the second they started.
            std::thread::sleep(Duration::from_millis(1100));
        }
    }
    let mut pty = Pty::spawn(&out, &[]);
    pty.expect("2 unfinished inspections of `Store 12` are saved");
    pty.expect("1 answer");
    pty.press("2");
    screen(&mut pty, 2, Q2);
    pty.press("b");
    pty.expect("Current answer: no");
    pty.press("q");
    assert_eq!(pty.finish().0, 3);
}

/// A run on a terminal of our own making: the master side is ours to read and to close.
struct RawPty {
    master: std::fs::File,
    child: std::process::Child,
    seen: Vec<u8>,
}

impl RawPty {
    /// `opscheck run` on a new pseudo-terminal; as the session leader that owns it when
    /// `leader`, otherwise only with its standard streams on it (no SIGHUP comes).
    fn spawn(out: &Path, leader: bool) -> RawPty {
        let size = nix::pty::Winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = nix::pty::openpty(&size, None).expect("openpty");
        // openpty(3) leaves both ends inheritable: a child holding the master would keep
        // its own terminal open.
        for fd in [&pty.master, &pty.slave] {
            use nix::fcntl::{FcntlArg, FdFlag, fcntl};
            fcntl(fd, FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC)).expect("close on exec");
        }
        // `setsid --ctty` makes the run the leader of a new session whose controlling
        // terminal is this one, as a login shell's job is.
        let mut command = if leader {
            let mut command = Command::new("setsid");
            command.args(["--ctty", "--wait", env!("CARGO_BIN_EXE_opscheck")]);
            command
        } else {
            Command::new(env!("CARGO_BIN_EXE_opscheck"))
        };
        command
            .args(["run", "--template", TEMPLATE, "--subject", SUBJECT])
            .args(["--inspector", "QA", "--date", "2026-11-29", "--out"])
            .arg(out)
            .current_dir(common::root())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .stdin(pty.slave.try_clone().unwrap())
            .stdout(pty.slave.try_clone().unwrap())
            .stderr(pty.slave);
        let child = command.spawn().expect("spawn opscheck");
        RawPty {
            master: std::fs::File::from(pty.master),
            child,
            seen: Vec::new(),
        }
    }

    fn expect(&mut self, text: &str) {
        use std::io::Read;
        let deadline = std::time::Instant::now() + TIMEOUT;
        let mut buf = [0; 4096];
        while !String::from_utf8_lossy(&self.seen).contains(text) {
            use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
            use std::os::fd::AsFd;
            let mut fds = [PollFd::new(self.master.as_fd(), PollFlags::POLLIN)];
            let _ = poll(&mut fds, PollTimeout::from(100u16));
            let readable = fds[0]
                .revents()
                .is_some_and(|r| r.contains(PollFlags::POLLIN));
            if readable {
                let n = self.master.read(&mut buf).unwrap_or(0);
                self.seen.extend_from_slice(&buf[..n]);
            }
            assert!(
                std::time::Instant::now() < deadline,
                "waiting for {text:?}; the terminal so far:\n{}",
                String::from_utf8_lossy(&self.seen)
            );
        }
    }

    /// Closes the terminal, as `tmux kill-session` or a closed ssh connection does, and
    /// waits (at most [`TIMEOUT`]) for opscheck to end.
    fn hang_up(self) -> std::process::ExitStatus {
        let RawPty {
            master, mut child, ..
        } = self;
        drop(master);
        let deadline = std::time::Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                return status;
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("opscheck did not end after its terminal closed");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The terminal goes away under a waiting run: the answers so far stay in the draft and
/// the run ends, with or without the SIGHUP a controlling terminal sends.
fn hang_up(leader: bool) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut pty = RawPty::spawn(&out, leader);
    pty.expect(Q1);
    pty.expect("save & quit");
    std::io::Write::write_all(&mut pty.master, b"y").unwrap();
    pty.expect(Q2);
    pty.expect("save & quit");
    let status = pty.hang_up();
    assert_ne!(status.code(), Some(0), "{status:?}");
    let drafts = out.join(".drafts");
    let journal = files_in(&drafts)
        .into_iter()
        .find(|name| name.ends_with(".jsonl"))
        .unwrap_or_else(|| panic!("no journal in {:?}", files_in(&drafts)));
    let text = std::fs::read_to_string(drafts.join(journal)).unwrap();
    assert!(text.contains("\"exit-clear\""), "{text}");
}

#[test]
fn a_closed_terminal_saves_and_ends_the_run() {
    hang_up(true);
}

#[test]
fn a_closed_terminal_without_sighup_saves_and_ends_the_run() {
    hang_up(false);
}
