//! Progress of a long command (`push`), reported to whoever draws it: the binary draws a
//! bar on a terminal; tests and pipes see nothing. The library never draws.

/// Where a command reports how far it has got.
pub trait Progress {
    /// A task of `len` steps begins; `unit` names a step, in the interface language
    /// (`reports`, `份报告`).
    fn start(&self, len: u64, unit: &str);
    /// `steps` more are done.
    fn advance(&self, steps: u64);
    /// Runs `write` (a line for stderr) with the progress out of its way.
    fn suspend(&self, write: &mut dyn FnMut());
    /// The task is over: whatever was drawn is cleared.
    fn finish(&self);
}

/// Reports nowhere.
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _len: u64, _unit: &str) {}
    fn advance(&self, _steps: u64) {}
    fn suspend(&self, write: &mut dyn FnMut()) {
        write();
    }
    fn finish(&self) {}
}
