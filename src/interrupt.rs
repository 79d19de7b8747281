//! Ctrl-C, SIGTERM and SIGHUP, as the library sees them. The binary installs the
//! signal handling once and calls [`Interrupt::raise`]; the library says, for the step
//! it is in, what a signal should do: end the process at once (every answer is already
//! in the journal; [`Response::Exit`] carries what to print), or be picked up by the
//! terminal front end, which polls [`Interrupt::is_raised`] and leaves cleanly.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Shared between the signal handler and the command that runs.
#[derive(Debug, Clone, Default)]
pub struct Interrupt(Arc<Inner>);

#[derive(Debug, Default)]
struct Inner {
    raised: AtomicBool,
    mode: Mutex<Mode>,
}

#[derive(Debug, Clone, Default)]
enum Mode {
    /// Nothing to save: exit.
    #[default]
    Exit,
    /// Waiting for a line; the journal holds everything: print this and exit.
    ExitSaying(String),
    /// The terminal front end polls the flag and ends the session itself.
    Polled,
}

/// What the signal handler is to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// Restore the terminal, print the text (if any) to stderr, exit 130.
    Exit(Option<String>),
    /// The library will stop by itself in a moment.
    Handled,
}

impl Interrupt {
    /// A signal arrived.
    pub fn raise(&self) -> Response {
        self.0.raised.store(true, Ordering::SeqCst);
        match &*self.mode() {
            Mode::Exit => Response::Exit(None),
            Mode::ExitSaying(text) => Response::Exit(Some(text.clone())),
            Mode::Polled => Response::Handled,
        }
    }

    /// Whether a signal arrived (and was left to the library).
    pub fn is_raised(&self) -> bool {
        self.0.raised.load(Ordering::SeqCst)
    }

    /// Until the guard drops, a signal ends the process and prints `text`.
    pub(crate) fn exit_saying(&self, text: String) -> ModeGuard<'_> {
        self.set(Mode::ExitSaying(text))
    }

    /// Until the guard drops, a signal only raises the flag.
    pub(crate) fn polled(&self) -> ModeGuard<'_> {
        self.set(Mode::Polled)
    }

    fn set(&self, mode: Mode) -> ModeGuard<'_> {
        let before = std::mem::replace(&mut *self.mode(), mode);
        ModeGuard {
            interrupt: self,
            before,
        }
    }

    fn mode(&self) -> std::sync::MutexGuard<'_, Mode> {
        self.0.mode.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Puts the previous mode back.
pub(crate) struct ModeGuard<'a> {
    interrupt: &'a Interrupt,
    before: Mode,
}

impl Drop for ModeGuard<'_> {
    fn drop(&mut self) {
        *self.interrupt.mode() = std::mem::take(&mut self.before);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_step_decides_what_a_signal_does() {
        let interrupt = Interrupt::default();
        assert_eq!(interrupt.raise(), Response::Exit(None));
        {
            let _line = interrupt.exit_saying("saved".into());
            assert_eq!(interrupt.raise(), Response::Exit(Some("saved".into())));
            {
                let _keys = interrupt.polled();
                assert_eq!(interrupt.raise(), Response::Handled);
            }
            assert_eq!(interrupt.raise(), Response::Exit(Some("saved".into())));
        }
        assert_eq!(interrupt.raise(), Response::Exit(None));
        assert!(interrupt.is_raised());
    }
}
