use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use opscheck::cli::{Cli, ColorWhen};
use opscheck::interrupt::{Interrupt, Response};
use opscheck::{Env, Error, Io, locale::Lang};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.color {
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
        ColorWhen::Auto => {}
    }
    let env = Env {
        lang: cli
            .lang
            .unwrap_or_else(|| Lang::from_locale(|name| std::env::var(name).ok())),
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    let interrupt = Interrupt::default();
    handle_signals(interrupt.clone());
    let mut stdin = io::stdin().lock();
    // Unlocked: the signal thread must be able to write to stderr while a run waits
    // for input.
    let mut stdout = anstream::stdout();
    let mut stderr = anstream::stderr();
    let interactive = io::stdin().is_terminal() && io::stderr().is_terminal();
    let mut io = Io {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        interactive,
    };
    match opscheck::run_with(cli, &env, &mut io, &interrupt) {
        Ok(outcome) => outcome.exit_code(),
        // `opscheck … | head` closing the pipe early is not an error.
        Err(Error::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(io.stderr, "{}", error.render(env.lang));
            error.exit_code()
        }
    }
}

/// Ctrl-C, SIGTERM and SIGHUP, installed once: the library says whether to end now.
fn handle_signals(interrupt: Interrupt) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        for _ in signals.forever() {
            if let Response::Exit(text) = interrupt.raise() {
                opscheck::session::terminal::restore();
                if let Some(text) = text {
                    let _ = io::stderr().write_all(text.as_bytes());
                }
                std::process::exit(130);
            }
        }
    });
}
