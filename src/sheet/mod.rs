//! Excel workbooks (`.xlsx`): typed cells (numbers, dates, percents), a frozen header
//! row with an autofilter, column widths measured in display cells so that Chinese text
//! fits, and document properties. Sheets stream their rows to a temp file (constant
//! memory), so a workbook of a million rows needs no more memory than one of ten.

pub mod report;
pub mod summary;

use std::io::Write;

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, Format, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's limit on a sheet name.
const MAX_SHEET_NAME: usize = 31;
/// No column gets wider than this many character cells; longer text wraps in Excel.
const MAX_WIDTH: usize = 60;

/// One cell's value, written with the type a spreadsheet computes with.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A whole number (counts, days).
    Integer(i64),
    /// A percent on the 0..=100 scale, shown as `41.7%` and stored as `0.417`.
    Percent(f64),
    /// A share on the 0..=1 scale, shown as a percent.
    Share(f64),
    Date(NaiveDate),
    Bool(bool),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    /// Text, or an empty cell.
    pub fn opt_text(text: Option<&str>) -> Cell {
        text.map_or(Cell::Empty, |t| Cell::Text(t.to_owned()))
    }

    pub fn opt_number(n: Option<f64>) -> Cell {
        n.filter(|n| n.is_finite())
            .map_or(Cell::Empty, Cell::Number)
    }

    pub fn opt_percent(p: Option<f64>) -> Cell {
        p.filter(|p| p.is_finite())
            .map_or(Cell::Empty, Cell::Percent)
    }

    pub fn opt_date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    /// How many character cells the value takes when shown.
    fn width(&self) -> usize {
        match self {
            Cell::Empty => 0,
            Cell::Text(t) => t.lines().map(UnicodeWidthStr::width).max().unwrap_or(0),
            Cell::Number(n) => format!("{n}").len().min(14),
            Cell::Integer(n) => n.to_string().len(),
            Cell::Percent(_) | Cell::Share(_) => 7,
            Cell::Date(_) => 10,
            Cell::Bool(_) => 5,
        }
    }
}

/// Text as a cell may hold it: no control characters but tab and line feed, at most
/// Excel's length.
fn cell_text(text: &str) -> std::borrow::Cow<'_, str> {
    let clean = |c: char| !c.is_control() || c == '\n' || c == '\t';
    if text.chars().all(clean) && text.len() <= MAX_CELL_CHARS {
        return text.into();
    }
    let mut out: String = text.chars().filter(|&c| clean(c)).collect();
    if out.chars().count() > MAX_CELL_CHARS {
        out = out.chars().take(MAX_CELL_CHARS - 1).collect();
        out.push('…');
    }
    out.into()
}

/// The formats cells of each type are shown with.
struct Formats {
    header: Format,
    date: Format,
    percent: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            percent: Format::new().set_num_format("0.0%"),
        }
    }
}

/// One sheet being written: a header row, then rows in order.
pub struct Sheet {
    worksheet: Worksheet,
    formats: Formats,
    widths: Vec<usize>,
    /// The next row to write.
    row: u32,
}

/// Why a workbook could not be made.
#[derive(Debug)]
pub struct SheetError(pub String);

impl std::fmt::Display for SheetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SheetError {}

impl From<XlsxError> for SheetError {
    fn from(e: XlsxError) -> Self {
        SheetError(e.to_string())
    }
}

impl From<SheetError> for crate::error::Error {
    fn from(e: SheetError) -> Self {
        crate::error::Error::Workbook { reason: e.0 }
    }
}

impl From<SheetError> for std::io::Error {
    fn from(e: SheetError) -> Self {
        std::io::Error::other(e.0)
    }
}

pub type SheetResult<T> = Result<T, SheetError>;

/// Excel's rows: the header and 1,048,575 data rows.
pub const MAX_ROWS: u32 = 1_048_576;

impl Sheet {
    /// A sheet that keeps its rows in memory (small sheets).
    pub fn new(name: &str, headers: &[String]) -> SheetResult<Sheet> {
        Sheet::with(Worksheet::new(), name, headers)
    }

    /// A sheet that streams each finished row to a temp file.
    pub fn streaming(book: &mut Book, name: &str, headers: &[String]) -> SheetResult<Sheet> {
        let worksheet = book.workbook.new_worksheet_with_constant_memory()?;
        Sheet::with(worksheet, name, headers)
    }

    fn with(mut worksheet: Worksheet, name: &str, headers: &[String]) -> SheetResult<Sheet> {
        worksheet.set_name(sheet_name(name))?;
        let formats = Formats::new();
        for (col, header) in headers.iter().enumerate() {
            worksheet.write_string_with_format(0, col_num(col)?, header, &formats.header)?;
        }
        worksheet.set_freeze_panes(1, 0)?;
        // Printed (or converted to PDF): landscape, as wide as one page, the header row
        // on every page.
        worksheet
            .set_landscape()
            .set_print_fit_to_pages(1, 0)
            .set_print_gridlines(true)
            .set_repeat_rows(0, 0)?;
        Ok(Sheet {
            worksheet,
            widths: headers
                .iter()
                .map(|h| UnicodeWidthStr::width(h.as_str()) + 3)
                .collect(),
            formats,
            row: 1,
        })
    }

    /// The data rows written so far.
    pub fn rows(&self) -> u32 {
        self.row - 1
    }

    /// Whether another data row would pass Excel's row limit.
    pub fn is_full(&self) -> bool {
        self.row >= MAX_ROWS
    }

    /// Appends one row. Fails when the sheet is full (Excel's row limit).
    pub fn push(&mut self, cells: &[Cell]) -> SheetResult<()> {
        if self.row >= MAX_ROWS {
            return Err(SheetError(format!(
                "more than {} rows do not fit in one sheet",
                MAX_ROWS - 1
            )));
        }
        let row = self.row;
        let f = &self.formats;
        let ws = &mut self.worksheet;
        for (col, cell) in cells.iter().enumerate() {
            let c = col_num(col)?;
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    ws.write_string(row, c, cell_text(t))?;
                }
                Cell::Number(n) if n.is_finite() => {
                    ws.write_number(row, c, *n)?;
                }
                Cell::Number(_) => {}
                Cell::Integer(n) => {
                    // Counts and days are far below 2^53: exact as f64.
                    #[allow(clippy::cast_precision_loss)]
                    ws.write_number(row, c, *n as f64)?;
                }
                Cell::Percent(p) => {
                    ws.write_number_with_format(row, c, p / 100.0, &f.percent)?;
                }
                Cell::Share(s) => {
                    ws.write_number_with_format(row, c, *s, &f.percent)?;
                }
                Cell::Date(d) => {
                    ws.write_date_with_format(row, c, d, &f.date)?;
                }
                Cell::Bool(b) => {
                    ws.write_boolean(row, c, *b)?;
                }
            }
            if let Some(w) = self.widths.get_mut(col) {
                *w = (*w).max(cell.width() + 2);
            } else {
                self.widths.push(cell.width() + 2);
            }
        }
        self.row += 1;
        Ok(())
    }

    /// Sets the widths and the autofilter over what was written.
    fn finish(mut self) -> SheetResult<Worksheet> {
        for (col, width) in self.widths.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let width = (*width).min(MAX_WIDTH) as f64;
            self.worksheet.set_column_width(col_num(col)?, width)?;
        }
        if let Some(last) = self.widths.len().checked_sub(1) {
            self.worksheet
                .autofilter(0, 0, self.row.saturating_sub(1).max(1), col_num(last)?)?;
        }
        Ok(self.worksheet)
    }
}

fn col_num(col: usize) -> SheetResult<u16> {
    u16::try_from(col)
        .ok()
        .filter(|c| *c < 16_384)
        .ok_or_else(|| SheetError(format!("column {col} is beyond Excel's last column")))
}

/// A name Excel accepts: at most 31 characters, none of `[]:*?/\`, not quoted.
fn sheet_name(name: &str) -> String {
    let name: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .filter(|c| !c.is_control())
        .take(MAX_SHEET_NAME)
        .collect();
    let name = name.trim_matches('\'').to_owned();
    if name.is_empty() {
        "Sheet".to_owned()
    } else {
        name
    }
}

/// A workbook: its sheets in order and its document properties.
pub struct Book {
    workbook: Workbook,
}

/// What the document properties say.
#[derive(Debug, Clone, Default)]
pub struct Properties {
    pub title: String,
    /// The inspector, for a report; empty for a collection.
    pub author: String,
    pub subject: String,
    /// When the content was made; the time of writing when `None`.
    pub created: Option<chrono::DateTime<chrono::FixedOffset>>,
}

impl Book {
    pub fn new(properties: &Properties) -> Book {
        let mut workbook = Workbook::new();
        let mut props = DocProperties::new()
            .set_title(cell_text(&properties.title))
            .set_author(cell_text(&properties.author))
            .set_subject(cell_text(&properties.subject))
            .set_comment("opscheck");
        if let Some(created) = properties.created {
            props = props.set_creation_datetime(&created.to_utc());
        }
        workbook.set_properties(&props);
        Book { workbook }
    }

    /// Adds a finished sheet after the others.
    pub fn add(&mut self, sheet: Sheet) -> SheetResult<()> {
        self.workbook.push_worksheet(sheet.finish()?);
        Ok(())
    }

    /// The workbook's bytes.
    pub fn to_bytes(mut self) -> SheetResult<Vec<u8>> {
        Ok(self.workbook.save_to_buffer()?)
    }

    /// Writes the workbook to `out` (a file: the zip is written as it is made).
    pub fn write_to<W: Write + std::io::Seek + Send>(mut self, out: W) -> SheetResult<()> {
        self.workbook.save_to_writer(out)?;
        Ok(())
    }
}

/// Rows streamed into as many sheets as they need: `NAME`, then `NAME (2)`, … once a
/// sheet holds Excel's limit, each with the header row.
pub struct Stream {
    book: Book,
    sheet: Sheet,
    name: String,
    headers: Vec<String>,
    sheets: usize,
    /// Data rows per sheet.
    limit: u32,
}

impl Stream {
    pub fn new(mut book: Book, name: &str, headers: &[String]) -> SheetResult<Stream> {
        let sheet = Sheet::streaming(&mut book, name, headers)?;
        Ok(Stream {
            book,
            sheet,
            name: name.to_owned(),
            headers: headers.to_vec(),
            sheets: 1,
            limit: MAX_ROWS - 1,
        })
    }

    pub fn push(&mut self, cells: &[Cell]) -> SheetResult<()> {
        if self.sheet.is_full() || self.sheet.rows() >= self.limit {
            self.sheets += 1;
            let name = format!("{} ({})", self.name, self.sheets);
            let next = Sheet::streaming(&mut self.book, &name, &self.headers)?;
            let full = std::mem::replace(&mut self.sheet, next);
            self.book.add(full)?;
        }
        self.sheet.push(cells)
    }

    /// The workbook with every sheet.
    pub fn finish(mut self) -> SheetResult<Book> {
        self.book.add(self.sheet)?;
        Ok(self.book)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_continues_on_a_new_sheet_when_one_is_full() {
        let headers = ["n".to_owned()];
        let mut stream = Stream::new(Book::new(&Properties::default()), "Rows", &headers).unwrap();
        stream.limit = 2;
        for n in 0..5 {
            stream.push(&[Cell::Integer(n)]).unwrap();
        }
        let bytes = stream.finish().unwrap().to_bytes().unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        use calamine::Reader;
        assert_eq!(book.sheet_names(), ["Rows", "Rows (2)", "Rows (3)"]);
        let last = book.worksheet_range("Rows (3)").unwrap();
        assert_eq!(last.get((0, 0)), Some(&calamine::Data::String("n".into())));
        assert_eq!(last.get((1, 0)), Some(&calamine::Data::Float(4.0)));
    }

    #[test]
    fn sheet_names_are_what_excel_accepts() {
        assert_eq!(sheet_name("a/b:c"), "a_b_c");
        assert_eq!(sheet_name(""), "Sheet");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
        assert_eq!(sheet_name("'q'"), "q");
    }

    #[test]
    fn widths_count_display_cells() {
        assert_eq!(Cell::text("流程规范").width(), 8);
        assert_eq!(Cell::text("ab\n流程").width(), 4);
    }

    #[test]
    fn cell_text_drops_controls_and_keeps_lines() {
        assert_eq!(cell_text("a\u{1b}[31mb\nc"), "a[31mb\nc");
        let long = "长".repeat(MAX_CELL_CHARS + 5);
        assert_eq!(cell_text(&long).chars().count(), MAX_CELL_CHARS);
    }
}
