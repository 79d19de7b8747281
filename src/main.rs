use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use opscheck::cli::{Cli, ColorWhen};
use opscheck::clock::{Clock, NOW_VARIABLE};
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
        lang_given: cli.lang.is_some(),
        quiet: cli.quiet,
        verbose: cli.verbose,
        clock: Clock::System,
    };
    let env = match std::env::var(NOW_VARIABLE) {
        Ok(value) => match Clock::from_variable(&value) {
            Ok(clock) => Env { clock, ..env },
            Err(e) => {
                let error = Error::usage(opscheck::msg!(
                    "error-bad-now",
                    variable = NOW_VARIABLE,
                    value = value,
                    reason = e.to_string()
                ));
                let _ = writeln!(anstream::stderr(), "{}", error.render(env.lang));
                return error.exit_code();
            }
        },
        Err(_) => env,
    };
    let interrupt = Interrupt::default();
    handle_signals(interrupt.clone());
    let mut stdin = io::stdin().lock();
    // Unlocked: the signal thread must be able to write to stderr while a run waits
    // for input.
    let mut stdout = anstream::stdout();
    let mut stderr = anstream::stderr();
    let interactive = io::stdin().is_terminal() && io::stderr().is_terminal();
    let bar = Bar::default();
    let silent = opscheck::progress::Silent;
    let mut io = Io {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        interactive,
        stdout_terminal: io::stdout().is_terminal(),
        progress: if io::stderr().is_terminal() && !env.quiet {
            &bar
        } else {
            &silent
        },
    };
    match opscheck::run_with(cli, &env, &mut io, &interrupt) {
        Ok(outcome) => outcome.exit_code(),
        // `opscheck … | head` closing the pipe early is not an error.
        Err(Error::Stdout { source: e }) if e.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            opscheck::progress::Progress::finish(&bar);
            let _ = writeln!(io.stderr, "{}", error.render(env.lang));
            error.exit_code()
        }
    }
}

/// Progress drawn as a bar on the terminal's stderr.
#[derive(Default)]
struct Bar(std::cell::RefCell<Option<indicatif::ProgressBar>>);

impl opscheck::progress::Progress for Bar {
    fn start(&self, len: u64, unit: &str) {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(len),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(&format!(
            "{{bar:40}} {{pos}}/{{len}} {}  {{elapsed}} (~{{eta}})",
            unit.replace(['{', '}'], "")
        )) {
            bar.set_style(style);
        }
        *self.0.borrow_mut() = Some(bar);
    }

    fn advance(&self, steps: u64) {
        if let Some(bar) = &*self.0.borrow() {
            bar.inc(steps);
        }
    }

    fn suspend(&self, write: &mut dyn FnMut()) {
        match &*self.0.borrow() {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.0.borrow_mut().take() {
            bar.finish_and_clear();
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
