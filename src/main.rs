use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::Parser;
use opscheck::cli::{Cli, ColorWhen};
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
    };
    let mut stdin = io::stdin().lock();
    // Unlocked: the Ctrl-C handler must be able to write to stderr while a run waits
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
    match opscheck::run(cli, &env, &mut io) {
        Ok(outcome) => outcome.exit_code(),
        // `opscheck … | head` closing the pipe early is not an error.
        Err(Error::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(io.stderr, "{}", error.render(env.lang));
            error.exit_code()
        }
    }
}
