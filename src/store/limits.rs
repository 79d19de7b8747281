//! Every size limit of opscheck in one place. The README's "Limits" section lists the
//! same numbers; `tests/limits.rs` checks each of them.

/// Templates: a template of 100,000 short items is about 8 MiB.
pub(crate) const TEMPLATE_BYTES: u64 = 32 << 20;

/// Answers files (`run --answers`).
pub(crate) const ANSWERS_BYTES: u64 = 32 << 20;

/// Reports, for every reader (`report`, `verify`, `diff`, `explain`, `summary`,
/// `export`) and for the writer: `run` never writes a report larger than this.
pub(crate) const REPORT_BYTES: u64 = 256 << 20;

/// Draft journals (`.drafts/*.jsonl`).
pub(crate) const JOURNAL_BYTES: u64 = 256 << 20;

/// Items in one template. At ~500 bytes of report per item (plus its text), the
/// largest template's report stays well under [`REPORT_BYTES`].
pub(crate) const TEMPLATE_ITEMS: usize = 100_000;

/// Values (keys, array elements, tables) in one template file; checked on the text
/// before it is parsed, so that memory stays bounded whatever the file holds.
pub(crate) const TEMPLATE_VALUES: usize = 1_000_000;

/// Problems listed per file by `validate`; the rest are counted.
pub(crate) const PROBLEMS_LISTED: usize = 100;

/// Skipped files named by `summary` and `export`; the rest are counted (`--verbose`
/// names all).
pub(crate) const WARNINGS_LISTED: usize = 20;

/// Refuses a report that the readers would refuse: `len` is its JSON's size.
pub(crate) fn ensure_report_fits(len: usize) -> crate::Result<()> {
    ensure_fits(len, REPORT_BYTES)
}

fn ensure_fits(len: usize, limit: u64) -> crate::Result<()> {
    let size = len as u64;
    if size > limit {
        return Err(crate::Error::ReportTooLarge { size, limit });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_refuses_what_the_readers_would() {
        assert!(ensure_report_fits(REPORT_BYTES as usize).is_ok());
        let error = ensure_report_fits(REPORT_BYTES as usize + 1).unwrap_err();
        assert!(
            error.to_string().contains("over the limit of 256 MiB"),
            "{error}"
        );
        assert!(ensure_fits(11, 10).is_err());
    }
}
