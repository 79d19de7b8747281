//! Many report files folded into one summary on every core. The files are read through
//! a function the command passes in: this module does no I/O of its own.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Entry, Filter, Mean, Output, Summary, View};
use crate::locale::Lang;
use crate::report::ReadError;

/// Reads one file's bytes into the buffer (cleared first), or says why it cannot.
pub type Read = dyn Fn(&Path, &mut Vec<u8>) -> Result<(), ReadError> + Sync;

/// Files that could not be read as reports, and why, in path order.
pub type Skipped = Vec<(PathBuf, ReadError)>;

/// The report files of one `summary`, the filter and how to read them.
pub struct Corpus<'a> {
    pub files: &'a [PathBuf],
    pub filter: &'a Filter,
    pub read: &'a Read,
    /// Worker threads (at least one).
    pub workers: usize,
}

/// A view's output over a corpus, with the count of reports taken and what was skipped.
#[derive(Debug)]
pub struct Summarized {
    pub output: Output,
    pub reports: usize,
    pub skipped: Skipped,
}

/// A view chosen at run time: what `summary` needs without knowing the view's type.
pub trait Summarize {
    fn summarize(&self, corpus: &Corpus<'_>, mean: Mean, lang: Lang) -> Summarized;
    /// A fold fed one report at a time, in order (the team store's stored heads).
    fn folder(&self, mean: Mean, lang: Lang) -> Box<dyn Fold>;
}

/// A view folded over reports given one by one, then turned into its output.
pub trait Fold {
    fn add(&mut self, entry: Entry);
    fn finish(self: Box<Self>) -> Output;
}

struct Folding<V> {
    summary: Summary<V>,
    mean: Mean,
    lang: Lang,
}

impl<V: View> Fold for Folding<V> {
    fn add(&mut self, entry: Entry) {
        self.summary.add(entry);
    }

    fn finish(self: Box<Self>) -> Output {
        self.summary.output(self.lang, self.mean, 0)
    }
}

impl<V: View + 'static> Summarize for V {
    fn folder(&self, mean: Mean, lang: Lang) -> Box<dyn Fold> {
        Box::new(Folding {
            summary: Summary::new(self.clone()),
            mean,
            lang,
        })
    }

    fn summarize(&self, corpus: &Corpus<'_>, mean: Mean, lang: Lang) -> Summarized {
        let (summary, skipped) = corpus.fold(self);
        let reports = summary.common.totals.count;
        Summarized {
            output: summary.output(lang, mean, skipped.len()),
            reports,
            skipped,
        }
    }
}

impl Corpus<'_> {
    /// Each worker folds its own summary, starting from `empty`; merged at the end.
    fn fold<V: View>(&self, empty: &V) -> (Summary<V>, Skipped) {
        let workers = self.workers.clamp(1, 8).min(self.files.len().max(1));
        let next = AtomicUsize::new(0);
        let results: Vec<(Summary<V>, Skipped)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| scope.spawn(|| self.worker(empty.clone(), &next)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a summary worker does not panic"))
                .collect()
        });
        let mut summary = Summary::new(empty.clone());
        let mut skipped = Vec::new();
        for (s, k) in results {
            summary.merge(s);
            skipped.extend(k);
        }
        skipped.sort_by(|a, b| a.0.cmp(&b.0));
        (summary, skipped)
    }

    fn worker<V: View>(&self, empty: V, next: &AtomicUsize) -> (Summary<V>, Skipped) {
        let mut summary = Summary::new(empty);
        let mut skipped = Vec::new();
        let mut buffer = Vec::with_capacity(64 * 1024);
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(path) = self.files.get(i) else { break };
            buffer.clear();
            if let Err(why) = (self.read)(path, &mut buffer) {
                skipped.push((path.clone(), why));
                continue;
            }
            match Entry::read(&buffer) {
                Ok(entry) if self.filter.accepts(&entry) => summary.add(entry),
                Ok(_) => {}
                Err(why) => skipped.push((path.clone(), why)),
            }
        }
        (summary, skipped)
    }
}
