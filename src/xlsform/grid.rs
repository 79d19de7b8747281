//! The sheets of a workbook (or one CSV sheet) as text grids that keep each cell's
//! place, so that every message can say `SHEET!CELL`.

use calamine::{Data, Reader};

/// One sheet: its name as written and its cells as text, from A1.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// The text of a cell, `""` when empty or beyond the data.
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", |s| s.trim())
    }
}

/// `A1`-style reference of a zero-based row and column.
pub fn cell_ref(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

/// The text a cell shows: whole numbers without `.0`, booleans as `true`/`false`.
fn text(data: &Data) -> String {
    match data {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map_or_else(|| d.as_f64().to_string(), |d| d.date().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

/// Every sheet of an xlsx, xls or ods workbook.
pub fn read_workbook(bytes: Vec<u8>) -> Result<Vec<Grid>, String> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| e.to_string())?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| e.to_string())?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let (top, left) = (top as usize, left as usize);
        let mut rows = vec![Vec::new(); top];
        for r in range.rows() {
            let mut row = vec![String::new(); left];
            row.extend(r.iter().map(text));
            rows.push(row);
        }
        grids.push(Grid { name, rows });
    }
    Ok(grids)
}

/// A CSV of one sheet (the survey sheet, unless its name says otherwise).
pub fn read_csv(text: &str, name: &str) -> Result<Grid, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(Grid {
        name: name.to_owned(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(9, 25), "Z10");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(2, 27), "AB3");
    }

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(text(&Data::Float(4.0)), "4");
        assert_eq!(text(&Data::Float(0.25)), "0.25");
        assert_eq!(text(&Data::Bool(true)), "true");
    }
}
