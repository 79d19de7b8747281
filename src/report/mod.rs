//! Reports: the model (`opscheck-report/1`), file names and renderers.

pub mod comparison;
pub mod console;
pub mod csv;
pub(crate) mod display;
pub mod explanation;
pub mod head;
pub mod html;
pub mod markdown;
mod model;
pub mod name;
pub mod verification;

pub use model::{
    AnswerRecord, FORMAT, Finding, Meta, Overall, ReadError, Report, SectionResult, TemplateRef,
};
