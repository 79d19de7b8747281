//! A report in each of the formats it is written in: the same bytes whether `run` writes
//! them at sign-off or `report` renders them again later.

use crate::locale::Lang;
use crate::report::{self, Report};
use crate::sheet::{self, SheetError};

/// The formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown: header, area percents, findings, every answer.
    Md,
    /// One self-contained HTML page with charts, printable to PDF.
    Html,
    /// The action plan: one row per finding.
    Csv,
    /// The report itself (`opscheck-report/1`).
    Json,
    /// An Excel workbook: overview, areas, action plan and answers.
    Xlsx,
}

impl Format {
    /// The file extension a report in this format is written with.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
        }
    }
}

/// The report in one format, its text in `lang`.
pub fn render(report: &Report, format: Format, lang: Lang) -> Result<Vec<u8>, SheetError> {
    Ok(match format {
        Format::Md => report::markdown::render(report, lang).into_bytes(),
        Format::Html => report::html::render(report, lang).into_bytes(),
        Format::Csv => report::csv::render(report, lang).into_bytes(),
        Format::Json => report.to_json().into_bytes(),
        Format::Xlsx => sheet::report::book(report, lang).and_then(sheet::Book::to_bytes)?,
    })
}
