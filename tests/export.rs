//! `opscheck export` over a directory of real reports (`tests/corpus/mod.rs`): one tidy
//! row per answer with the report's metadata repeated, as JSON Lines or CSV, filtered
//! like `summary`.
//!
//! Row counts: a mini report has 6 answer records (5 scored items and the optional
//! remark), an ops-inspection report 51 (every item, asked or not). The corpus holds 5
//! mini and 2 ops-inspection reports: 5·6 + 2·51 = 132 rows.

mod common;
mod corpus;
mod run_support;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::Path;
use std::process::Output;

use common::in_process;
use run_support::{assert_code, stderr, stdout};
use serde_json::{Value, json};

fn dir() -> &'static Path {
    corpus::corpus("export")
}

/// Exported on the fixed day of `in_process` (2026-12-01), so that the action status
/// (open or overdue) is stable.
fn export(dir: &Path, args: &[&str]) -> Output {
    // In process: no terminal or signal is involved.
    let mut argv: Vec<OsString> = vec!["export".into(), dir.into()];
    argv.extend(args.iter().map(OsString::from));
    in_process(argv, b"")
}

/// Every line of the JSON Lines output, parsed.
fn jsonl(dir: &Path, args: &[&str]) -> Vec<Value> {
    let out = export(dir, &[&["--format", "jsonl"], args].concat());
    assert_code(&out, 0);
    stdout(&out)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect()
}

/// Rows per `(date, subject)`.
fn per_report(rows: &[Value]) -> BTreeMap<(String, String), usize> {
    let mut count = BTreeMap::new();
    for r in rows {
        let key = (
            r["date"].as_str().unwrap().to_owned(),
            r["subject"].as_str().unwrap().to_owned(),
        );
        *count.entry(key).or_default() += 1;
    }
    count
}

fn key(date: &str, subject: &str) -> (String, String) {
    (date.to_owned(), subject.to_owned())
}

#[test]
fn jsonl_has_one_row_per_answer_with_the_metadata_repeated() {
    let rows = jsonl(dir(), &[]);
    assert_eq!(rows.len(), 132);
    let expected = BTreeMap::from([
        (key("2026-01-15", "Store 1"), 6),
        (key("2026-02-10", "Store 1"), 6),
        (key("2026-02-20", "Store 2"), 6),
        (key("2026-02-25", "Store 3"), 51),
        (key("2026-03-05", "Store 1"), 6),
        (key("2026-03-20", "上海仓库"), 6),
        (key("2026-03-28", "Store 2"), 51),
    ]);
    assert_eq!(per_report(&rows), expected);
    for r in &rows {
        for field in [
            "date",
            "subject",
            "inspector",
            "template",
            "template_version",
            "section",
            "section_title",
            "item",
            "text",
            "kind",
            "answer",
            "score",
            "na",
            "skipped",
            "note",
            "action",
            "action_owner",
            "action_due",
            "action_priority",
            "evidence",
            "overall_percent",
            "result",
            "action_id",
            "action_status",
        ] {
            assert!(r.get(field).is_some(), "{field} in {r}");
        }
        assert_eq!(r["template_version"], "1.0.0", "{r}");
    }

    // R2's extinguisher row carries the answer, the note and the action, and R2's
    // metadata (75 %, pass).
    let row = rows
        .iter()
        .find(|r| r["date"] == "2026-02-10" && r["item"] == "extinguisher")
        .expect("R2 extinguisher");
    let expected = json!({
        "date": "2026-02-10", "subject": "Store 1", "inspector": "Alice",
        "template": "mini", "template_version": "1.0.0",
        "report": "2026-02-10-mini-store-1.json",
        "section": "safety", "section_title": "Safety", "section_weight": 3.0,
        "item": "extinguisher", "text": "Is the extinguisher charged?", "kind": "yes_no",
        "answer": "no", "answer_key": "no", "score": 0.0, "weight": 1.0, "critical": false,
        "best_score": 1.0, "points": 0.0, "na": false, "skipped": false,
        "note": "empty since May", "action": "Refill the extinguisher",
        "action_owner": "Alice", "action_due": "2026-12-10", "action_priority": "high",
        "evidence": 0, "overall_percent": 75.0, "result": "pass",
        // Its action, still open on 2026-12-01 (due 12-10); the id is a hash of the
        // finding and the inspection.
        "action_id": row["action_id"], "action_status": "open",
    });
    assert_eq!(row, &expected);
    let id = row["action_id"].as_str().unwrap();
    assert!(
        id.len() == 8 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{id}"
    );
    // Answers with no action have none.
    assert!(rows.iter().any(|r| r["action_id"].is_null()));

    // The remark left empty: no answer, no score, skipped.
    let remark = rows
        .iter()
        .find(|r| r["date"] == "2026-02-10" && r["item"] == "remarks")
        .expect("R2 remarks");
    assert_eq!(remark["answer"], Value::Null);
    assert_eq!(remark["score"], Value::Null);
    assert_eq!(remark["skipped"], true);
    assert_eq!(remark["section_title"], "Service");

    // R5's Chinese remark and action without a due date.
    let queue = rows
        .iter()
        .find(|r| r["subject"] == "上海仓库" && r["item"] == "queue")
        .expect("R5 queue");
    assert_eq!(queue["answer"], "Long");
    assert_eq!(queue["note"], "排队太长");
    assert_eq!(queue["action"], "开第二个收银台");
    assert_eq!(queue["action_owner"], "王芳");
    assert_eq!(queue["action_due"], Value::Null);
    assert_eq!(queue["action_priority"], "low");
    assert_eq!(queue["overall_percent"], 87.5);

    // The sum of the scores of R3: drills 1, everything else 0 (remark unscored).
    let r3: f64 = rows
        .iter()
        .filter(|r| r["date"] == "2026-02-20")
        .filter_map(|r| r["score"].as_f64())
        .sum();
    assert_eq!(r3, 1.0);
}

#[test]
fn csv_has_a_header_and_the_same_rows() {
    let out = export(dir(), &["--format", "csv"]);
    assert_code(&out, 0);
    assert!(!out.stdout.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "date",
            "report",
            "subject",
            "inspector",
            "template",
            "template_version",
            "section",
            "section_title",
            "section_weight",
            "item",
            "text",
            "kind",
            "answer",
            "answer_key",
            "score",
            "weight",
            "critical",
            "best_score",
            "points",
            "na",
            "skipped",
            "note",
            "action",
            "action_owner",
            "action_due",
            "action_priority",
            "evidence",
            "overall_percent",
            "result",
            "action_id",
            "action_status"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 132, "as many rows as the JSON Lines");
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    // R3's exits note starts with `=`: neutralised in CSV, as is in JSON Lines.
    let exits = records
        .iter()
        .find(|r| r.get(0) == Some("2026-02-20") && r.get(column("item")) == Some("exits"))
        .expect("R3 exits");
    assert_eq!(exits.get(column("note")), Some("'=1+2"));
    assert_eq!(exits.get(column("action")), Some("Clear the fire exit"));
    assert_eq!(exits.get(column("action_due")), Some("2026-12-01"));
    assert_eq!(exits.get(column("overall_percent")), Some("18.75"));
    assert_eq!(exits.get(column("result")), Some("fail"));
    let json_exits = jsonl(dir(), &["--subject", "Store 2", "--template", "mini"])
        .into_iter()
        .find(|r| r["item"] == "exits")
        .unwrap();
    assert_eq!(json_exits["note"], "=1+2");
    // Chinese intact.
    assert!(
        records
            .iter()
            .any(|r| r.get(column("inspector")) == Some("王芳")
                && r.get(column("note")) == Some("排队太长"))
    );

    let excel = export(dir(), &["--format", "csv", "--excel"]);
    assert_code(&excel, 0);
    assert!(excel.stdout.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(&excel.stdout[3..], out.stdout.as_slice());
}

#[test]
fn filters_apply() {
    // (filter, rows): mini reports have 6 rows, ops-inspection ones 51.
    let cases: [(&[&str], usize); 6] = [
        (&["--template", "mini"], 5 * 6),
        (&["--subject", "Store 1"], 3 * 6),
        (&["--inspector", "Bob"], 6 + 6 + 51),
        (&["--since", "2026-03-01"], 6 + 6 + 51),
        (&["--until", "2026-01-31"], 6),
        (&["--result", "pass"], 6 + 6 + 51 + 6),
    ];
    for (args, expected) in cases {
        let rows = jsonl(dir(), args);
        assert_eq!(rows.len(), expected, "export {args:?}");
        let out = export(dir(), &[&["--format", "csv"], args].concat());
        let records = csv::Reader::from_reader(out.stdout.as_slice())
            .records()
            .count();
        assert_eq!(records, expected, "export --format csv {args:?}");
    }
    let bob = jsonl(dir(), &["--inspector", "Bob"]);
    assert!(bob.iter().all(|r| r["inspector"] == "Bob"));
    let nothing = export(dir(), &["--subject", "Nowhere"]);
    assert_code(&nothing, 0);
    assert_eq!(stdout(&nothing), "");
}

#[test]
fn unreadable_files_are_named_on_stderr_and_rows_unchanged() {
    let to = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-damaged");
    let _ = std::fs::remove_dir_all(&to);
    corpus::copy_reports(dir(), &to);
    let real = std::fs::read_to_string(to.join("2026-01-15-mini-store-1.json")).unwrap();
    std::fs::write(to.join("corrupt.json"), b"\x00garbage").unwrap();
    std::fs::write(to.join("foreign.json"), br#"{"hello":1}"#).unwrap();
    std::fs::write(
        to.join("newer.json"),
        real.replace("opscheck-report/1", "opscheck-report/9"),
    )
    .unwrap();
    std::fs::write(to.join("truncated.json"), &real[..real.len() / 2]).unwrap();
    std::fs::create_dir_all(to.join(".drafts")).unwrap();
    std::fs::write(to.join(".drafts/copy.json"), &real).unwrap();

    let out = export(&to, &["--format", "jsonl"]);
    assert_code(&out, 0);
    assert_eq!(
        stdout(&out),
        stdout(&export(dir(), &["--format", "jsonl"])),
        "the same rows as the good reports alone (.drafts/ ignored)"
    );
    let text = stderr(&out);
    let lines: Vec<&str> = text.lines().collect();
    for file in [
        "corrupt.json",
        "foreign.json",
        "newer.json",
        "truncated.json",
    ] {
        assert_eq!(
            lines.iter().filter(|l| l.contains(file)).count(),
            1,
            "one line on stderr names {file}:\n{text}"
        );
    }
    assert_eq!(lines.len(), 4, "{text}");
    assert_code(&export(&to, &["--strict"]), 1);
}
