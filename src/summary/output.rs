//! A view ready to print: a table (for the terminal, Markdown and CSV), stable JSON and
//! the notes shown after the table; and the cell formats the views share.

use serde_json::Value;

use crate::i18n::Message;

/// A view ready to print.
#[derive(Debug, Clone)]
pub struct Output {
    pub json: Value,
    pub table: Table,
    /// Lines shown after the table: totals, notes on template versions.
    pub notes: Vec<Message>,
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns aligned right (numbers).
    pub right: Vec<usize>,
}

/// A percent with one decimal, `—` for none.
pub(super) fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}"))
}

/// A share as a whole percent, `—` for none.
pub(super) fn share(s: Option<f64>) -> String {
    s.map_or_else(|| "—".to_owned(), |s| format!("{:.0}%", 100.0 * s))
}

/// `▲ 4.2` / `▼ 1.0` / `=`.
pub(super) fn change(delta: Option<f64>) -> String {
    match delta {
        None => String::new(),
        Some(d) if d > 0.05 => format!("▲ {d:.1}"),
        Some(d) if d < -0.05 => format!("▼ {:.1}", -d),
        Some(_) => "=".to_owned(),
    }
}

/// A bar of block characters, 20 cells for 100 %.
pub(super) fn bar(p: Option<f64>) -> String {
    const BLOCKS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let Some(p) = p else { return String::new() };
    let eighths = (p.clamp(0.0, 100.0) / 100.0 * 20.0 * 8.0).round() as usize;
    let mut bar = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        bar.push(BLOCKS[eighths % 8 - 1]);
    }
    bar
}
