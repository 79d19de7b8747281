//! Helpers for the `opscheck run` binary tests (run_line, run_durability): answer lines
//! computed from `opscheck show --format json`, runs with piped input, and checks on
//! the report files.

// Each test crate uses only some of these helpers.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::common::{json, opscheck, output, root};

pub(crate) const EN: &str = "checklists/ops-inspection.toml";
pub(crate) const ZH: &str = "checklists/ops-inspection.zh-CN.toml";
pub(crate) const DATE: &str = "2026-11-29";

/// One item of a resolved template, as `show --format json` gives it.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub id: String,
    pub section: String,
    pub json: Value,
}

impl Item {
    pub(crate) fn kind(&self) -> &str {
        self.json["kind"].as_str().expect("kind is a string")
    }

    pub(crate) fn scored(&self) -> bool {
        matches!(self.kind(), "yes_no" | "scale" | "choice" | "number")
    }

    pub(crate) fn critical(&self) -> bool {
        self.json["critical"] == true
    }

    pub(crate) fn guidance(&self) -> Option<&str> {
        self.json["guidance"].as_str()
    }

    /// `(item, is)` of its `when`, if any.
    pub(crate) fn when(&self) -> Option<(&str, &str)> {
        let when = self.json.get("when")?;
        Some((when["item"].as_str()?, when["is"].as_str()?))
    }
}

/// The resolved template and its items in order.
pub(crate) fn template(path: &str) -> (Value, Vec<Item>) {
    let template = json(opscheck().args(["show", path, "--format", "json"]));
    let mut items = Vec::new();
    for section in template["sections"].as_array().expect("sections") {
        for item in section["items"].as_array().expect("items") {
            items.push(Item {
                id: item["id"].as_str().unwrap().to_owned(),
                section: section["id"].as_str().unwrap().to_owned(),
                json: item.clone(),
            });
        }
    }
    (template, items)
}

/// Which answer each item gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Policy {
    /// Full marks everywhere.
    Best,
    /// Zero everywhere (never N/A).
    Worst,
    /// A deterministic mix that still makes every `when` hold, so every item is asked.
    Mixed,
}

/// One line of input for one asked item, and the answer text the report must show.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub item: String,
    pub line: String,
    pub expected: String,
}

/// The lines that answer every item that is asked, in order: an item whose `when`
/// does not hold (given the earlier answers) gets no line. `chinese` answers yes/no
/// with 是/否.
pub(crate) fn lines(items: &[Item], policy: Policy, chinese: bool) -> Vec<Line> {
    // The answer a later `when` needs from this item, for `Mixed`.
    let wanted: HashMap<&str, &str> = items.iter().filter_map(Item::when).collect();
    let mut given: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for (k, item) in items.iter().enumerate() {
        if let Some((other, is)) = item.when()
            && given.get(other).map(String::as_str) != Some(is)
        {
            continue;
        }
        let (line, expected) = match item.kind() {
            "yes_no" => {
                let yes = match policy {
                    Policy::Best => true,
                    Policy::Worst => false,
                    Policy::Mixed => match wanted.get(item.id.as_str()) {
                        Some(&is) => is == "yes",
                        None => k % 3 != 0,
                    },
                };
                let line = match (yes, chinese) {
                    (true, false) => "y",
                    (false, false) => "n",
                    (true, true) => "是",
                    (false, true) => "否",
                };
                (line.to_owned(), if yes { "yes" } else { "no" }.to_owned())
            }
            "scale" => {
                let min = item.json["min"].as_i64().unwrap();
                let max = item.json["max"].as_i64().unwrap();
                let v = match policy {
                    Policy::Best => max,
                    Policy::Worst => min,
                    Policy::Mixed => min + (k as i64) % (max - min + 1),
                };
                (v.to_string(), v.to_string())
            }
            "choice" => {
                let options = item.json["options"].as_array().unwrap();
                let score = |i: &usize| options[*i]["score"].as_f64().unwrap();
                let chosen = match (policy, wanted.get(item.id.as_str())) {
                    (Policy::Mixed, Some(&is)) => {
                        options.iter().position(|o| o["label"] == is).unwrap()
                    }
                    (Policy::Mixed, None) => k % options.len(),
                    (Policy::Best, _) => (0..options.len())
                        .max_by(|a, b| score(a).total_cmp(&score(b)))
                        .unwrap(),
                    (Policy::Worst, _) => (0..options.len())
                        .min_by(|a, b| score(a).total_cmp(&score(b)))
                        .unwrap(),
                };
                let label = options[chosen]["label"].as_str().unwrap().to_owned();
                ((chosen + 1).to_string(), label)
            }
            "number" => {
                let target = &item.json["target"];
                let (min, max) = (target["min"].as_f64(), target["max"].as_f64());
                let v = match policy {
                    Policy::Best => min.or(max).unwrap(),
                    Policy::Worst => max.map_or_else(|| min.unwrap() - 1.0, |m| m + 1.0),
                    Policy::Mixed => ((k * 7) % 50) as f64,
                };
                (v.to_string(), v.to_string())
            }
            "text" => ("seen".to_owned(), "seen".to_owned()),
            "date" => (DATE.to_owned(), DATE.to_owned()),
            other => panic!("unknown kind {other}"),
        };
        given.insert(item.id.clone(), expected.clone());
        out.push(Line {
            item: item.id.clone(),
            line,
            expected,
        });
    }
    out
}

/// The lines as stdin text.
pub(crate) fn input(lines: &[Line]) -> String {
    lines.iter().map(|l| format!("{}\n", l.line)).collect()
}

/// `opscheck run --template T --subject S --inspector QA --out DIR --date 2026-11-29`.
pub(crate) fn run_command(template: &str, subject: &str, out: &Path) -> Command {
    let mut command = opscheck();
    command
        .args(["run", "--template", template, "--subject", subject])
        .args(["--inspector", "QA", "--date", DATE, "--out"])
        .arg(out);
    command
}

/// Runs `command` with `stdin` piped in, to the end.
pub(crate) fn feed(command: &mut Command, stdin: &str) -> Output {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    let mut pipe = child.stdin.take().unwrap();
    let text = stdin.to_owned();
    // Write from a thread: the child may stop reading early (exit 1, 2, 3).
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(text.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub(crate) fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Asserts the exit code, showing stderr when it differs.
pub(crate) fn assert_code(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit code\n--- stdout ---\n{}\n--- stderr ---\n{}",
        stdout(out),
        stderr(out)
    );
}

/// Every file (not directory) under `dir`, recursively, sorted.
pub(crate) fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                stack.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    files
}

/// The journals under `DIR/.drafts/`.
pub(crate) fn drafts(out: &Path) -> Vec<PathBuf> {
    files_under(&out.join(".drafts"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect()
}

pub(crate) fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The answer record of one item.
pub(crate) fn answer<'a>(report: &'a Value, item: &str) -> &'a Value {
    report["answers"]
        .as_array()
        .expect("answers is an array")
        .iter()
        .find(|a| a["item"] == item)
        .unwrap_or_else(|| panic!("no answer for `{item}`"))
}

/// The report's own JSON text without insignificant whitespace: what
/// `serde_json::to_vec` gives for the same document, in the same field order.
fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !c.is_ascii_whitespace() {
            if c == '"' {
                in_string = true;
            }
            out.push(c);
        }
    }
    out
}

/// `digest` is `sha256:HEX` over the canonical (compact, same field order) report
/// without the digest field, which is the last one.
pub(crate) fn assert_digest(text: &str) {
    let report: Value = serde_json::from_str(text).unwrap();
    let digest = report["digest"].as_str().expect("digest is a string");
    let hex_part = digest
        .strip_prefix("sha256:")
        .unwrap_or_else(|| panic!("digest {digest:?} does not start with sha256:"));
    assert!(
        hex_part.len() == 64
            && hex_part
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)),
        "digest {digest:?} is not 64 lowercase hex digits"
    );
    let compact = compact(text);
    let field = format!(",\"digest\":\"{digest}\"}}");
    let unsigned = compact
        .strip_suffix(&field)
        .map(|body| format!("{body}}}"))
        .expect("`digest` is the last field of the report");
    let unsigned_value: Value = serde_json::from_str(&unsigned).unwrap();
    let mut without = report.clone();
    without.as_object_mut().unwrap().remove("digest");
    assert_eq!(unsigned_value, without, "the canonical text is the report");
    assert_eq!(
        hex_part,
        opscheck::digest::sha256_hex(unsigned.as_bytes()),
        "digest over the canonical report without the digest"
    );
}

/// sha256 hex of a file of the package.
pub(crate) fn sha256_of(path: &str) -> String {
    opscheck::digest::sha256_hex(&std::fs::read(root().join(path)).unwrap())
}

pub(crate) fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// The report has every field of `opscheck-report/1`, each of the right type.
pub(crate) fn assert_report_shape(report: &Value) {
    let mut expected = vec![
        "format",
        "template",
        "subject",
        "inspector",
        "date",
        "started_at",
        "finished_at",
        "answers",
        "sections",
        "overall",
        "findings",
        "digest",
    ];
    expected.sort_unstable();
    assert_eq!(keys(report), expected, "top-level fields");
    assert_eq!(report["format"], "opscheck-report/1");
    for key in ["id", "version", "title", "sha256"] {
        assert!(report["template"][key].is_string(), "template.{key}");
    }
    for key in ["started_at", "finished_at"] {
        let text = report[key].as_str().unwrap();
        chrono::DateTime::parse_from_rfc3339(text)
            .unwrap_or_else(|e| panic!("{key} {text:?} is not RFC 3339: {e}"));
    }
    for key in [
        "percent",
        "points",
        "max_points",
        "result",
        "rating",
        "critical_failed",
    ] {
        assert!(
            report["overall"].get(key).is_some(),
            "overall.{key} in {}",
            report["overall"]
        );
    }
    assert!(report["overall"]["critical_failed"].is_array());
    assert!(
        ["pass", "fail", "no-score"].contains(&report["overall"]["result"].as_str().unwrap()),
        "overall.result"
    );
    for a in report["answers"].as_array().expect("answers") {
        for key in [
            "item", "section", "answer", "score", "na", "skipped", "note", "action",
        ] {
            assert!(a.get(key).is_some(), "answers[].{key} in {a}");
        }
        assert!(a["na"].is_boolean() && a["skipped"].is_boolean(), "{a}");
    }
    for s in report["sections"].as_array().expect("sections") {
        for key in [
            "id", "title", "weight", "percent", "answered", "na", "failed",
        ] {
            assert!(s.get(key).is_some(), "sections[].{key} in {s}");
        }
    }
    for f in report["findings"].as_array().expect("findings") {
        for key in [
            "item", "section", "severity", "score", "answer", "note", "action",
        ] {
            assert!(f.get(key).is_some(), "findings[].{key} in {f}");
        }
        assert!(
            ["critical", "failed", "minor"].contains(&f["severity"].as_str().unwrap()),
            "{f}"
        );
    }
}

/// The report's answers are the expected ones for the items that got a line, and
/// every other item is recorded as skipped with no answer and no score.
pub(crate) fn assert_answers(report: &Value, items: &[Item], lines: &[Line]) {
    let answers = report["answers"].as_array().unwrap();
    let ids: Vec<&str> = answers
        .iter()
        .map(|a| a["item"].as_str().unwrap())
        .collect();
    let expected_ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, expected_ids, "one answer record per item, in order");
    for item in items {
        let a = answer(report, &item.id);
        assert_eq!(a["section"], item.section.as_str(), "{a}");
        match lines.iter().find(|l| l.item == item.id) {
            Some(line) => {
                assert_eq!(a["answer"], line.expected.as_str(), "{a}");
                assert_eq!(a["skipped"], false, "{a}");
                assert_eq!(a["na"], false, "{a}");
                assert_eq!(a["score"].is_number(), item.scored(), "{a}");
            }
            None => {
                assert_eq!(a["answer"], Value::Null, "not asked: {a}");
                assert_eq!(a["score"], Value::Null, "not asked: {a}");
                assert_eq!(a["hidden"], true, "not asked: {a}");
                assert_eq!(a["skipped"], false, "hidden, not skipped: {a}");
            }
        }
    }
}

/// Runs `opscheck run` with every line given, asserting exit 0.
pub(crate) fn complete(template: &str, subject: &str, out: &Path, lines: &[Line]) -> Output {
    let result = feed(&mut run_command(template, subject, out), &input(lines));
    assert_code(&result, 0);
    result
}

/// Runs a plain command to the end (no stdin).
pub(crate) fn run_plain(command: &mut Command) -> Output {
    output(command.stdin(Stdio::null()))
}

/// One inspection to run in line mode with chosen flags: what `summary`, `export`,
/// `report`, `diff`, `explain` and `verify` tests start from.
#[derive(Debug, Clone)]
pub(crate) struct Inspection<'a> {
    pub template: &'a str,
    pub subject: &'a str,
    pub inspector: &'a str,
    pub date: &'a str,
    /// The lines typed, one answer each (items given in `answers` are not asked).
    pub stdin: &'a str,
    /// An answers file (`[answers]` TOML): the only way to add corrective actions
    /// from a script.
    pub answers: Option<&'a str>,
}

impl Inspection<'_> {
    /// Runs `opscheck run` to completion (exit 0) into `out` with `extra` flags, and
    /// returns the paths it printed (the JSON report first).
    pub(crate) fn run_with(&self, out: &Path, extra: &[&str]) -> Vec<PathBuf> {
        let mut command = opscheck();
        command
            .args([
                "run",
                "--template",
                self.template,
                "--subject",
                self.subject,
            ])
            .args(["--inspector", self.inspector, "--date", self.date, "--out"])
            .arg(out)
            .args(extra);
        let answers_file;
        if let Some(toml) = self.answers {
            answers_file = tempfile::NamedTempFile::new().unwrap();
            std::fs::write(answers_file.path(), toml).unwrap();
            command.arg("--answers").arg(answers_file.path());
        }
        let result = feed(&mut command, self.stdin);
        assert_code(&result, 0);
        let paths: Vec<PathBuf> = stdout(&result).lines().map(PathBuf::from).collect();
        assert!(
            paths
                .first()
                .is_some_and(|p| p.extension().is_some_and(|e| e == "json")),
            "run prints the JSON report first: {paths:?}"
        );
        paths
    }

    /// Runs it into `out`; the JSON report's path.
    pub(crate) fn run(&self, out: &Path) -> PathBuf {
        self.run_with(out, &[]).remove(0)
    }
}

/// The report text with its `digest` recomputed for its (edited) content, the way
/// `opscheck run` computes it: sha256 over the compact text without the digest field.
pub(crate) fn with_digest(text: &str) -> String {
    let report: Value = serde_json::from_str(text).unwrap();
    let old = report["digest"].as_str().expect("digest is a string");
    let field = format!(",\"digest\":\"{old}\"}}");
    let unsigned = compact(text)
        .strip_suffix(&field)
        .map(|body| format!("{body}}}"))
        .expect("`digest` is the last field of the report");
    let new = format!(
        "sha256:{}",
        opscheck::digest::sha256_hex(unsigned.as_bytes())
    );
    let text = text.replace(old, &new);
    assert_digest(&text);
    text
}
