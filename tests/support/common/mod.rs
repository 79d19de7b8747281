//! Helpers shared by the binary-level tests: the `opscheck` binary in a known
//! environment, and the shipped templates.

// Each test crate uses only some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The package root, where `checklists/` lives.
pub(crate) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `opscheck` run from the package root with colour off and the C locale, whatever
/// the environment of the test run.
pub(crate) fn opscheck() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_opscheck"));
    command
        .current_dir(root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("CLICOLOR_FORCE")
        .env("LANG", "C")
        .env("NO_COLOR", "1");
    command
}

/// Runs the command to the end; a failure to start is a test failure.
pub(crate) fn output(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

/// Runs the command, asserts it exits 0, and parses its stdout as JSON.
pub(crate) fn json(command: &mut Command) -> serde_json::Value {
    let out = output(command);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{command:?} failed\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{command:?} printed no JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// `checklists/*.toml`, relative to the package root, in name order.
pub(crate) fn shipped_templates() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("checklists"))
        .expect("checklists/ is readable")
        .map(|entry| entry.expect("checklists/ entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| {
            path.strip_prefix(root())
                .expect("under the root")
                .to_owned()
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no template in checklists/");
    files
}

/// `opscheck ARGS` run inside the test process through `opscheck::run`, with `stdin` as
/// its input and its output captured: what the binary would print and exit with, for
/// commands that need no terminal, signals or second process. Colour is stripped as
/// the binary strips it when its output is not a terminal; the language is `--lang`'s,
/// else English, and the clock is fixed at 2026-12-01 09:00 +08:00.
pub(crate) fn in_process<I, S>(args: I, stdin: &[u8]) -> Output
where
    I: IntoIterator<Item = S>,
    S: Into<std::ffi::OsString> + Clone,
{
    use clap::Parser;
    use std::os::unix::process::ExitStatusExt;

    let argv = std::iter::once(std::ffi::OsString::from("opscheck"))
        .chain(args.into_iter().map(Into::into));
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = match opscheck::cli::Cli::try_parse_from(argv) {
        Err(e) => {
            stderr.extend_from_slice(e.render().to_string().as_bytes());
            u8::try_from(e.exit_code()).unwrap_or(2)
        }
        Ok(cli) => {
            let env = opscheck::Env {
                lang: cli.lang.unwrap_or(opscheck::locale::Lang::En),
                lang_given: cli.lang.is_some(),
                quiet: cli.quiet,
                verbose: cli.verbose,
                clock: opscheck::clock::Clock::from_variable("2026-12-01T09:00:00+08:00")
                    .expect("a valid time"),
            };
            let mut input = stdin;
            let mut out = anstream::StripStream::new(&mut stdout);
            let mut err = anstream::StripStream::new(&mut stderr);
            let mut io = opscheck::Io {
                stdin: &mut input,
                stdout: &mut out,
                stderr: &mut err,
                interactive: false,
                stdout_terminal: false,
                progress: &opscheck::progress::Silent,
            };
            match opscheck::run(cli, &env, &mut io) {
                Ok(outcome) => outcome.code(),
                Err(error) => {
                    let _ = writeln!(io.stderr, "{}", error.render(env.lang));
                    error.code()
                }
            }
        }
    };
    Output {
        status: std::process::ExitStatus::from_raw(i32::from(code) << 8),
        stdout,
        stderr,
    }
}

/// Runs with a deadline: a hang is a failure, not a stuck test.
pub(crate) fn bounded(command: &mut Command, seconds: u64) -> Output {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("opscheck starts");
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{command:?} did not finish within {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
