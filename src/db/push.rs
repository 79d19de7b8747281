//! Writing one batch: binary `COPY` into the staging tables, then `opscheck.ingest`,
//! which keeps what is new (by digest) in the same transaction. A batch is stored whole
//! or not at all; a digest already stored is left as it is.

use std::sync::atomic::{AtomicU64, Ordering};

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};

use super::connection::describe;
use super::target::Target;
use crate::error::{Error, Result};
use crate::report::head::Head;
use crate::summary::exact::exact_decimal;

/// A verified report, ready to copy.
#[derive(Debug)]
pub(crate) struct ReportRow {
    pub digest: String,
    /// The path it was pushed from, relative to the folder named.
    pub path: String,
    pub head: Head,
    /// The report before its answers, as the summary reads it.
    pub head_bytes: Vec<u8>,
    /// The file's exact bytes.
    pub bytes: Vec<u8>,
}

impl ReportRow {
    /// About how much memory it holds.
    pub(crate) fn size(&self) -> usize {
        self.bytes.len() + 2 * self.head_bytes.len()
    }
}

/// An action event, waivers or sites file.
#[derive(Debug)]
pub(crate) struct FileRow {
    /// `event`, `waivers` or `sites`.
    pub kind: &'static str,
    pub sha256: String,
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What one batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stored {
    pub pushed: u64,
    pub present: u64,
    pub files: u64,
}

fn batch_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{}-{nanos}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// A verdict as the report spells it (`pass`, `fail`, `no-score`).
pub(crate) fn verdict(v: crate::scoring::Verdict) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn exact(x: f64) -> String {
    exact_decimal(x).unwrap_or_else(|| "0".to_owned())
}

/// Stores one batch in one transaction.
pub(crate) fn push_batch(
    client: &mut postgres::Client,
    target: &Target,
    reports: &[ReportRow],
    files: &[FileRow],
) -> Result<Stored> {
    let fail = |e: postgres::Error| Error::Database(describe(&e, target));
    let batch = batch_id();
    let mut tx = client.transaction().map_err(fail)?;
    {
        let sink = tx
            .copy_in(
                "COPY opscheck.staging (batch, digest, path, template_id, template_version, \
                 template_sha256, language, subject, inspector, date, finished_at, percent, \
                 points, max_points, pass_mark, result, percent_exact, points_exact, \
                 max_points_exact, head, bytes) FROM STDIN BINARY",
            )
            .map_err(fail)?;
        let types = [
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::DATE,
            Type::TIMESTAMPTZ,
            Type::FLOAT8,
            Type::FLOAT8,
            Type::FLOAT8,
            Type::FLOAT8,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
            Type::BYTEA,
            Type::BYTEA,
        ];
        let mut writer = BinaryCopyInWriter::new(sink, &types);
        for r in reports {
            let h = &r.head;
            let o = &h.overall;
            let result = verdict(o.result);
            let percent_exact = o.percent.map(exact);
            let row: [&(dyn ToSql + Sync); 21] = [
                &batch,
                &r.digest,
                &r.path,
                &h.template.id,
                &h.template.version,
                &h.template.sha256,
                &h.template.language,
                &h.subject,
                &h.inspector,
                &h.date,
                &h.finished_at,
                &o.percent,
                &o.points,
                &o.max_points,
                &o.pass_mark,
                &result,
                &percent_exact,
                &exact(o.points),
                &exact(o.max_points),
                &r.head_bytes,
                &r.bytes,
            ];
            writer.write(&row).map_err(fail)?;
        }
        writer.finish().map_err(fail)?;
    }
    {
        let sink = tx
            .copy_in(
                "COPY opscheck.staging_sections (batch, digest, position, section_id, title, \
                 weight, percent, points, max_points, percent_exact, points_exact, \
                 max_points_exact) FROM STDIN BINARY",
            )
            .map_err(fail)?;
        let types = [
            Type::TEXT,
            Type::TEXT,
            Type::INT4,
            Type::TEXT,
            Type::TEXT,
            Type::FLOAT8,
            Type::FLOAT8,
            Type::FLOAT8,
            Type::FLOAT8,
            Type::TEXT,
            Type::TEXT,
            Type::TEXT,
        ];
        let mut writer = BinaryCopyInWriter::new(sink, &types);
        for r in reports {
            for (position, s) in r.head.sections.iter().enumerate() {
                let position = i32::try_from(position).unwrap_or(i32::MAX);
                let percent_exact = s.percent.map(exact);
                let row: [&(dyn ToSql + Sync); 12] = [
                    &batch,
                    &r.digest,
                    &position,
                    &s.id,
                    &s.title,
                    &s.weight,
                    &s.percent,
                    &s.points,
                    &s.max_points,
                    &percent_exact,
                    &exact(s.points),
                    &exact(s.max_points),
                ];
                writer.write(&row).map_err(fail)?;
            }
        }
        writer.finish().map_err(fail)?;
    }
    if !files.is_empty() {
        let sink = tx
            .copy_in(
                "COPY opscheck.staging_files (batch, kind, sha256, path, bytes) FROM STDIN BINARY",
            )
            .map_err(fail)?;
        let types = [Type::TEXT, Type::TEXT, Type::TEXT, Type::TEXT, Type::BYTEA];
        let mut writer = BinaryCopyInWriter::new(sink, &types);
        for f in files {
            let row: [&(dyn ToSql + Sync); 5] = [&batch, &f.kind, &f.sha256, &f.path, &f.bytes];
            writer.write(&row).map_err(fail)?;
        }
        writer.finish().map_err(fail)?;
    }
    let row = tx
        .query_one(
            "SELECT pushed, present, files FROM opscheck.ingest($1)",
            &[&batch],
        )
        .map_err(fail)?;
    let count = |i: usize| u64::try_from(row.get::<_, i64>(i)).unwrap_or(0);
    let stored = Stored {
        pushed: count(0),
        present: count(1),
        files: count(2),
    };
    tx.commit().map_err(fail)?;
    Ok(stored)
}
