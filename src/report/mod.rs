//! Reports: the model (`opscheck-report/1`), file names and renderers.

pub mod markdown;
mod model;
pub mod name;

pub use model::{AnswerRecord, FORMAT, Finding, Meta, Overall, Report, SectionResult, TemplateRef};
