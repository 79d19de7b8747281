//! `opscheck run` in line mode (stdin is a pipe): one answer per line, the dated report
//! pair, exit codes, notes, `?`, `<`, `quit`, `--resume` and `--answers`.

use crate::common;
use crate::run_support;

use std::path::Path;

use run_support::*;
use serde_json::Value;

const STORE: &str = "Store 12";
const EN_STEM: &str = "2026-11-29-ops-inspection-store-12";
const SHANGHAI: &str = "上海 徐汇店";
const ZH_STEM: &str = "2026-11-29-ops-inspection-上海-徐汇店";

/// The report pair `DIR/STEM.json` and `DIR/STEM.md` is all there is in DIR (an empty
/// `.drafts/` directory aside), and stdout names exactly those two files.
fn assert_only_the_pair(out: &Path, stem: &str, stdout: &str) {
    let json = out.join(format!("{stem}.json"));
    let md = out.join(format!("{stem}.md"));
    assert_eq!(
        files_under(out),
        [json.clone(), md.clone()],
        "DIR holds the report pair and nothing else (no draft, no temp file)"
    );
    let printed: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        printed,
        [json.display().to_string(), md.display().to_string()],
        "stdout lists the report paths"
    );
}

/// What every complete report must satisfy, whatever the answers.
fn assert_report(text: &str, template_path: &str, template: &Value, subject: &str) -> Value {
    assert_digest(text);
    let report: Value = serde_json::from_str(text).unwrap();
    assert_report_shape(&report);
    assert_eq!(report["template"]["id"], template["id"]);
    assert_eq!(report["template"]["version"], template["version"]);
    assert_eq!(report["template"]["title"], template["title"]);
    assert_eq!(report["template"]["sha256"], sha256_of(template_path));
    assert_eq!(report["subject"], subject);
    assert_eq!(report["inspector"], "QA");
    assert_eq!(report["date"], DATE);
    report
}

fn scored_ids(report: &Value) -> Vec<String> {
    report["answers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["score"].is_number())
        .map(|a| a["item"].as_str().unwrap().to_owned())
        .collect()
}

fn finding_ids(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["item"].as_str().unwrap().to_owned())
        .collect()
}

fn best_run(template_path: &str, subject: &str, stem: &str, chinese: bool) {
    let (template, items) = template(template_path);
    let lines = lines(&items, Policy::Best, chinese);
    assert_eq!(
        lines.len(),
        items.len(),
        "the best answers make every `when` hold"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let result = complete(template_path, subject, &out, &lines);
    assert_only_the_pair(&out, stem, &stdout(&result));

    let text = std::fs::read_to_string(out.join(format!("{stem}.json"))).unwrap();
    let report = assert_report(&text, template_path, &template, subject);
    assert_answers(&report, &items, &lines);
    let overall = &report["overall"];
    assert_eq!(overall["percent"], 100.0, "{overall}");
    assert_eq!(overall["result"], "pass", "{overall}");
    assert_eq!(overall["points"], overall["max_points"], "{overall}");
    assert_eq!(overall["critical_failed"], Value::Array(vec![]));
    assert_eq!(report["findings"], Value::Array(vec![]));
    for section in report["sections"].as_array().unwrap() {
        assert_eq!(section["percent"], 100.0, "{section}");
        assert_eq!(section["failed"], 0, "{section}");
    }

    let md = std::fs::read_to_string(out.join(format!("{stem}.md"))).unwrap();
    assert!(
        md.contains(subject),
        "the Markdown names the subject:\n{md}"
    );
    assert!(
        md.contains(report["digest"].as_str().unwrap()),
        "the Markdown carries the JSON's digest:\n{md}"
    );
}

fn worst_run(template_path: &str, subject: &str, stem: &str, chinese: bool) {
    let (template, items) = template(template_path);
    let lines = lines(&items, Policy::Worst, chinese);
    let not_asked: Vec<&str> = items
        .iter()
        .filter(|i| !lines.iter().any(|l| l.item == i.id))
        .map(|i| i.id.as_str())
        .collect();
    assert!(
        !not_asked.is_empty(),
        "the worst answers leave some `when` false"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let result = complete(template_path, subject, &out, &lines);
    assert_only_the_pair(&out, stem, &stdout(&result));

    let text = std::fs::read_to_string(out.join(format!("{stem}.json"))).unwrap();
    let report = assert_report(&text, template_path, &template, subject);
    assert_answers(&report, &items, &lines);
    let overall = &report["overall"];
    assert_eq!(overall["result"], "fail", "{overall}");
    assert_eq!(overall["percent"], 0.0, "{overall}");
    assert_eq!(overall["points"], 0.0, "{overall}");

    // Every scored item is a finding, and only those.
    let mut scored = scored_ids(&report);
    let expected_scored: Vec<&str> = items
        .iter()
        .filter(|i| i.scored() && !not_asked.contains(&i.id.as_str()))
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(scored, expected_scored, "scored items");
    let mut findings = finding_ids(&report);
    scored.sort();
    findings.sort();
    assert_eq!(findings, scored, "every scored item is among the findings");

    // Critical first, then failed, then minor; heavier first within each.
    let rank = |s: &str| ["critical", "failed", "minor"].iter().position(|x| *x == s);
    let order: Vec<(usize, f64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                rank(f["severity"].as_str().unwrap()).unwrap(),
                -f["weight"].as_f64().unwrap(),
            )
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] <= w[1]),
        "findings ordered by severity, then weight: {order:?}"
    );
    let critical: Vec<&str> = items
        .iter()
        .filter(|i| i.critical())
        .map(|i| i.id.as_str())
        .collect();
    let failed: Vec<&str> = overall["critical_failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(failed, critical, "every critical item failed");
    for f in report["findings"].as_array().unwrap() {
        let item = items.iter().find(|i| i.id == f["item"]).unwrap();
        let severity = if item.critical() {
            "critical"
        } else {
            "failed"
        };
        assert_eq!(f["severity"], severity, "{f}");
        assert_eq!(f["score"], 0.0, "{f}");
    }
}

/// The acceptance case: best answers to the English checklist give 100 and `pass`.
#[test]
fn best_answers_to_the_english_checklist_pass_with_100() {
    best_run(EN, STORE, EN_STEM, false);
}

/// Worst answers give `fail`, with every scored item among the findings.
#[test]
fn worst_answers_to_the_english_checklist_fail_with_every_scored_item_found() {
    worst_run(EN, STORE, EN_STEM, false);
}

#[test]
fn best_answers_to_the_chinese_checklist_with_a_chinese_subject() {
    best_run(ZH, SHANGHAI, ZH_STEM, true);
}

#[test]
fn worst_answers_to_the_chinese_checklist_with_a_chinese_subject() {
    worst_run(ZH, SHANGHAI, ZH_STEM, true);
}

#[test]
fn fail_under_gate_exits_1_on_the_worst_run_and_0_on_the_best() {
    let (_, items) = template(EN);
    let dir = tempfile::tempdir().unwrap();

    let worst = input(&lines(&items, Policy::Worst, false));
    let out = dir.path().join("worst");
    let result = feed(
        run_command(EN, STORE, &out).args(["--fail-under", "80"]),
        &worst,
    );
    assert_code(&result, 1);
    let report = read_json(&out.join(format!("{EN_STEM}.json")));
    assert_eq!(
        report["overall"]["result"], "fail",
        "the report is written even when the gate fails"
    );
    assert!(drafts(&out).is_empty(), "the draft is gone");

    let best = input(&lines(&items, Policy::Best, false));
    let out = dir.path().join("best");
    let result = feed(
        run_command(EN, STORE, &out).args(["--fail-under", "80"]),
        &best,
    );
    assert_code(&result, 0);
}

#[test]
fn a_missing_subject_in_line_mode_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let mut command = common::opscheck();
    command
        .args([
            "run",
            "--template",
            EN,
            "--inspector",
            "QA",
            "--date",
            DATE,
            "--out",
        ])
        .arg(&out);
    let result = feed(&mut command, "y\n");
    assert_code(&result, 2);
    let err = stderr(&result);
    assert!(
        err.contains("--subject"),
        "the message names the missing flag:\n{err}"
    );
    assert!(files_under(&out).is_empty(), "nothing is written");
}

#[test]
fn input_that_ends_early_exits_3_keeps_a_draft_and_resume_finishes() {
    let (template, items) = template(EN);
    let lines = lines(&items, Policy::Mixed, false);
    assert_eq!(lines.len(), items.len());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");

    let result = feed(&mut run_command(EN, STORE, &out), &input(&lines[..10]));
    assert_code(&result, 3);
    let err = stderr(&result);
    assert!(err.contains("resume with:"), "{err}");
    assert!(err.contains("--resume"), "{err}");
    assert_eq!(stdout(&result), "", "no report path printed");
    let saved = drafts(&out);
    assert_eq!(saved.len(), 1, "one draft in DIR/.drafts/: {saved:?}");
    assert_eq!(files_under(&out), saved, "no report yet");

    // The draft tells which template it used: --resume needs no --template.
    let mut command = common::opscheck();
    command
        .args(["run", "--subject", STORE, "--out"])
        .arg(&out)
        .arg("--resume");
    let result = feed(&mut command, &input(&lines[10..]));
    assert_code(&result, 0);
    assert_only_the_pair(&out, EN_STEM, &stdout(&result));
    let text = std::fs::read_to_string(out.join(format!("{EN_STEM}.json"))).unwrap();
    let report = assert_report(&text, EN, &template, STORE);
    assert_answers(&report, &items, &lines);
}

#[test]
fn quit_saves_and_exits_3_and_resume_continues() {
    let (_, items) = template(EN);
    let lines = lines(&items, Policy::Mixed, false);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");

    let mut text = input(&lines[..5]);
    text.push_str("quit\n");
    text.push_str(&input(&lines[5..]));
    let result = feed(&mut run_command(EN, STORE, &out), &text);
    assert_code(&result, 3);
    assert!(
        stderr(&result).contains("resume with:"),
        "{}",
        stderr(&result)
    );
    assert_eq!(drafts(&out).len(), 1);

    let result = feed(
        run_command(EN, STORE, &out).arg("--resume"),
        &input(&lines[5..]),
    );
    assert_code(&result, 0);
    let err = stderr(&result);
    let first = err
        .lines()
        .find(|l| l.starts_with('['))
        .expect("an item prompt");
    assert!(first.starts_with("[6/"), "resume starts at item 6: {first}");
    assert_only_the_pair(&out, EN_STEM, &stdout(&result));
    let report = read_json(&out.join(format!("{EN_STEM}.json")));
    assert_answers(&report, &items, &lines);
}

#[test]
fn notes_guidance_going_back_and_invalid_lines() {
    let (_, items) = template(EN);
    let lines = lines(&items, Policy::Best, false);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let guidance = items[0].guidance().expect("the first item has guidance");

    // Item 1: `?`, then `y`; item 2: `<` back to item 1, which becomes `n` with a note;
    // item 2: an invalid line, then `y` with a note; then the rest.
    let mut text =
        String::from("?\ny\n<\nn # fire exit blocked by pallets\nmaybe\ny # seen the log\n");
    text.push_str(&input(&lines[2..]));
    let result = feed(&mut run_command(EN, STORE, &out), &text);
    assert_code(&result, 0);
    let err = stderr(&result);
    assert!(
        err.contains(guidance),
        "`?` prints the guidance {guidance:?}:\n{err}"
    );
    let prompts_for_1 = err.lines().filter(|l| l.starts_with("[1/")).count();
    assert_eq!(prompts_for_1, 3, "item 1 asked, after `?`, and after `<`");
    let prompts_for_2 = err.lines().filter(|l| l.starts_with("[2/")).count();
    assert_eq!(
        prompts_for_2, 3,
        "item 2 asked, after going back, and after the invalid line"
    );
    assert!(
        err.contains("answer y or n"),
        "an invalid line says why:\n{err}"
    );

    let report = read_json(&out.join(format!("{EN_STEM}.json")));
    let first = answer(&report, &items[0].id);
    assert_eq!(
        first["answer"], "no",
        "`<` then `n` replaces the `y`: {first}"
    );
    assert_eq!(first["note"], "fire exit blocked by pallets", "{first}");
    let second = answer(&report, &items[1].id);
    assert_eq!(second["answer"], "yes", "{second}");
    assert_eq!(second["note"], "seen the log", "{second}");
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["item"] == items[0].id.as_str())
        .expect("the `no` is a finding");
    assert_eq!(finding["note"], "fire exit blocked by pallets");
    assert_eq!(finding["answer"], "no");
    let md = std::fs::read_to_string(out.join(format!("{EN_STEM}.md"))).unwrap();
    assert!(
        md.contains("fire exit blocked by pallets"),
        "the note is in the Markdown"
    );
}

/// `--answers FILE` with one problem; returns the run's output.
fn run_with_answers_file(dir: &Path, toml: &str) -> (std::process::Output, String) {
    let file = dir.join("answers.toml");
    std::fs::write(&file, toml).unwrap();
    let out = dir.join("reports");
    let mut command = run_command(EN, STORE, &out);
    command.arg("--answers").arg(&file);
    let result = feed(&mut command, "");
    (result, file.display().to_string())
}

#[test]
fn an_unknown_id_in_the_answers_file_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let (result, file) = run_with_answers_file(
        dir.path(),
        "[answers]\nsop-documented = \"y\"\nno-such-item = \"y\"\n",
    );
    assert_code(&result, 1);
    let err = stderr(&result);
    assert!(err.contains(&format!("{file}:3:1")), "FILE:LINE:COL\n{err}");
    assert!(err.contains("no-such-item"), "{err}");
    assert!(
        !files_under(&dir.path().join("reports"))
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "json")),
        "no report"
    );
}

#[test]
fn an_invalid_answer_in_the_answers_file_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let (result, file) = run_with_answers_file(
        dir.path(),
        "[answers]\nsop-documented = \"y\"\nsop-reviewed = \"maybe\"\n",
    );
    assert_code(&result, 1);
    let err = stderr(&result);
    assert!(
        err.contains(&format!("{file}:3:16")),
        "FILE:LINE:COL\n{err}"
    );
    assert!(err.contains("sop-reviewed"), "{err}");
}

/// An answers file that is refused starts no inspection: no draft is left for
/// `drafts` to list or for the next run to warn about.
#[test]
fn an_invalid_answers_file_leaves_no_draft() {
    let dir = tempfile::tempdir().unwrap();
    let (result, _) = run_with_answers_file(
        dir.path(),
        "[answers]\nsop-documented = \"y\"\nno-such-item = \"y\"\n",
    );
    assert_code(&result, 1);
    let left = files_under(&dir.path().join("reports"));
    assert!(
        left.is_empty(),
        "a refused answers file leaves nothing in DIR: {left:?}"
    );
}

#[test]
fn an_answers_file_prefills_and_stdin_gives_the_rest() {
    let (_, items) = template(EN);
    let lines = lines(&items, Policy::Mixed, false);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.toml");
    // The first ten answers, the first with a note and an action.
    let mut toml = String::from("[answers]\n");
    for (n, line) in lines[..10].iter().enumerate() {
        if n == 0 {
            toml.push_str(&format!(
                "{} = {{ answer = \"{}\", note = \"from the file\", action = {{ text = \"write it down\", owner = \"Li Wei\", due = 2026-12-15, priority = \"high\" }} }}\n",
                line.item, line.line
            ));
        } else {
            toml.push_str(&format!("{} = \"{}\"\n", line.item, line.line));
        }
    }
    std::fs::write(&file, toml).unwrap();
    let out = dir.path().join("reports");
    let mut command = run_command(EN, STORE, &out);
    command.arg("--answers").arg(&file);
    let result = feed(&mut command, &input(&lines[10..]));
    assert_code(&result, 0);
    let err = stderr(&result);
    let first = err
        .lines()
        .find(|l| l.starts_with('['))
        .expect("an item prompt");
    assert!(first.starts_with("[11/"), "only the rest is asked: {first}");
    assert_only_the_pair(&out, EN_STEM, &stdout(&result));
    let report = read_json(&out.join(format!("{EN_STEM}.json")));
    assert_answers(&report, &items, &lines);
    let first = answer(&report, &lines[0].item);
    assert_eq!(first["note"], "from the file");
    assert_eq!(
        first["action"],
        serde_json::json!({
            "text": "write it down",
            "owner": "Li Wei",
            "due": "2026-12-15",
            "priority": "high"
        })
    );
}

#[test]
fn timestamps_carry_the_local_offset() {
    let (_, items) = template(EN);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    // A POSIX TZ string: UTC+8 without needing the tz database.
    let result = feed(
        run_command(EN, STORE, &out).env("TZ", "CST-8"),
        &input(&lines(&items, Policy::Best, false)),
    );
    assert_code(&result, 0);
    let report = read_json(&out.join(format!("{EN_STEM}.json")));
    for key in ["started_at", "finished_at"] {
        let text = report[key].as_str().unwrap();
        assert!(text.ends_with("+08:00"), "{key} {text:?}");
    }
    let started = chrono::DateTime::parse_from_rfc3339(report["started_at"].as_str().unwrap());
    let finished = chrono::DateTime::parse_from_rfc3339(report["finished_at"].as_str().unwrap());
    assert!(started.unwrap() <= finished.unwrap());
}

#[test]
fn a_second_run_of_the_same_name_gets_a_suffix() {
    let (_, items) = template(EN);
    let lines = lines(&items, Policy::Best, false);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    complete(EN, STORE, &out, &lines);
    let first = std::fs::read(out.join(format!("{EN_STEM}.json"))).unwrap();
    let result = complete(EN, STORE, &out, &lines);
    assert_eq!(
        stdout(&result).lines().collect::<Vec<_>>(),
        [
            out.join(format!("{EN_STEM}-2.json")).display().to_string(),
            out.join(format!("{EN_STEM}-2.md")).display().to_string()
        ]
    );
    assert_eq!(
        std::fs::read(out.join(format!("{EN_STEM}.json"))).unwrap(),
        first,
        "the first report is never overwritten"
    );
}
