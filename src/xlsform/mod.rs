//! XLSForm in and out: `opscheck import FORM.xlsx` reads the `survey`, `choices` and
//! `settings` sheets into one template per language; `show --format xlsform` writes a
//! template as a form that imports back to the same template.

pub mod export;
pub mod grid;
pub mod import;
mod language;

pub use grid::{Grid, read_csv, read_workbook};
pub use import::{Dropped, Imported, Refused, import};
