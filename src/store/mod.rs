//! Reading files: one set of limits, the regular-file check with a bounded read, and
//! the directory walk. Every command that reads a path goes through here.

mod file;
pub(crate) mod limits;
mod walk;

pub(crate) use file::{read_bytes, read_text, read_utf8};
pub(crate) use walk::{Walk, files};
