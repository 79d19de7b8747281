//! `opscheck diff`, `explain` and `verify` on inspections made by `opscheck run`, with
//! the numbers worked out by hand (`tests/fixtures/mini.toml`: Safety weight 3 =
//! 100·(2·exits + extinguisher + drills)/4, Service weight 1 = 100·(greeting + queue)/2
//! with queue Short 1 / Medium 0.5 / Long 0, overall = (3·Safety + Service)/4), and
//! explain's what-if list checked against real reruns.

use crate::common;
use crate::corpus;
use crate::run_support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::opscheck;
use run_support::{
    EN, Inspection, Policy, assert_code, input, lines, read_json, run_plain, stdout, template,
    with_digest,
};

/// A mini inspection of `subject` on `date`; `stdin` answers exits, extinguisher,
/// drills, greeting, queue (1 Short, 2 Medium, 3 Long) and the optional remark.
fn mini<'a>(subject: &'a str, date: &'a str, stdin: &'a str) -> Inspection<'a> {
    Inspection {
        template: corpus::MINI,
        subject,
        inspector: "QA",
        date,
        stdin,
        answers: None,
    }
}

fn run(args: &[&str], paths: &[&Path]) -> Output {
    run_plain(opscheck().args(args).args(paths))
}

/// The tables of comfy-table output: for each, its rows (header first) of trimmed cells.
fn tables(text: &str) -> Vec<Vec<Vec<String>>> {
    let mut tables = Vec::new();
    let mut current: Option<Vec<Vec<String>>> = None;
    for line in text.lines() {
        if line.starts_with('┌') {
            current = Some(Vec::new());
        } else if line.starts_with('└') {
            tables.extend(current.take());
        } else if let (Some(rows), Some(inner)) = (
            current.as_mut(),
            line.strip_prefix('│').and_then(|l| l.strip_suffix('│')),
        ) {
            rows.push(inner.split('┆').map(|c| c.trim().to_owned()).collect());
        }
    }
    tables
}

/// The item ids listed under `heading (N)` in diff's output, and N.
fn listed(text: &str, heading: &str) -> (usize, Vec<String>) {
    let mut lines = text.lines().skip_while(|l| !l.starts_with(heading));
    let head = lines
        .next()
        .unwrap_or_else(|| panic!("no {heading}:\n{text}"));
    let count: usize = head[heading.len()..]
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .parse()
        .unwrap_or_else(|_| panic!("{head:?}"));
    let ids = lines
        .take_while(|l| l.starts_with("  "))
        .map(|l| {
            l.trim_end()
                .rsplit_once('(')
                .map(|(_, id)| id.trim_end_matches(')').to_owned())
                .unwrap_or_else(|| panic!("no item id in {l:?}"))
        })
        .collect();
    (count, ids)
}

/// Depot 9 three times, and another subject in the same directory.
///
/// | date       | e x d g q      | Safety | Service | overall | findings                          |
/// |------------|----------------|--------|---------|---------|-----------------------------------|
/// | 2026-04-01 | y n y n Medium | 75     | 25      | 62.5    | extinguisher, greeting, queue (minor) |
/// | 2026-05-01 | y n n y Short  | 50     | 100     | 62.5    | extinguisher, drills              |
/// | 2026-06-01 | y n y y Medium | 75     | 75      | 75      | extinguisher, queue (minor)       |
fn depot(out: &Path) -> [PathBuf; 3] {
    let first = mini("Depot 9", "2026-04-01", "y\nn\ny\nn\n2\n\n").run(out);
    let old = mini("Depot 9", "2026-05-01", "y\nn\nn\ny\n1\n\n").run(out);
    let new = mini("Depot 9", "2026-06-01", "y\nn\ny\ny\n2\n\n").run(out);
    // Not Depot 9: its findings (drills, greeting) must not count.
    mini("Depot 10", "2026-05-15", "y\ny\nn\nn\n1\n\n").run(out);
    [first, old, new]
}

#[test]
fn diff_shows_the_changes_and_new_fixed_and_recurring_findings() {
    let dir = tempfile::tempdir().unwrap();
    let [_, old, new] = depot(dir.path());
    let out = run(&["diff"], &[&old, &new]);
    assert_code(&out, 0);
    let text = stdout(&out);
    assert!(
        text.starts_with("Depot 9 · 2026-05-01 → 2026-06-01\n"),
        "{text}"
    );
    // 62.5 → 75: +12.5.
    assert!(
        text.lines()
            .any(|l| l.trim_end() == "Overall: 62.5% → 75.0%  ▲ 12.5"),
        "{text}"
    );
    let areas = &tables(&text)[0];
    assert_eq!(areas[0], ["Area", "2026-05-01", "2026-06-01", "Change"]);
    // Safety 50 → 75 (drills fixed), Service 100 → 75 (queue Short → Medium).
    assert_eq!(areas[1], ["Safety", "50.0%", "75.0%", "▲ 25.0"]);
    assert_eq!(areas[2], ["Service", "100.0%", "75.0%", "▼ 25.0"]);
    assert_eq!(listed(&text, "New findings"), (1, vec!["queue".to_owned()]));
    assert_eq!(listed(&text, "Fixed"), (1, vec!["drills".to_owned()]));
    assert_eq!(
        listed(&text, "Recurring"),
        (1, vec!["extinguisher".to_owned()])
    );
    assert!(text.contains("[minor] How long is the checkout queue? (queue)"));

    // The other way round: what was new is fixed, and the other way.
    let text = stdout(&run(&["diff"], &[&new, &old]));
    assert!(text.contains("Overall: 75.0% → 62.5%  ▼ 12.5"), "{text}");
    assert_eq!(listed(&text, "New findings").1, ["drills"]);
    assert_eq!(listed(&text, "Fixed").1, ["queue"]);
}

#[test]
fn diff_of_different_templates_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let [_, old, _] = depot(dir.path());
    let (_, items) = template(EN);
    let best = input(&lines(&items, Policy::Best, false));
    let other = Inspection {
        template: EN,
        subject: "Depot 9",
        inspector: "QA",
        date: "2026-07-01",
        stdin: &best,
        answers: None,
    }
    .run(dir.path());
    let out = run(&["diff"], &[&old, &other]);
    assert_code(&out, 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("mini") && err.contains("ops-inspection"),
        "{err}"
    );
}

#[test]
fn diff_history_counts_consecutive_inspections_with_each_finding() {
    let dir = tempfile::tempdir().unwrap();
    depot(dir.path());
    let out = run_plain(
        opscheck()
            .args(["diff", "--history"])
            .arg(dir.path())
            .args(["--subject", "Depot 9"]),
    );
    assert_code(&out, 0);
    let text = stdout(&out);
    assert!(text.starts_with("Depot 9 · 3 inspections\n"), "{text}");
    let all = tables(&text);
    assert_eq!(
        all[0][1..],
        [
            ["2026-04-01", "62.5%", "", "3"],
            ["2026-05-01", "62.5%", "= 0.0", "2"],
            ["2026-06-01", "75.0%", "▲ 12.5", "2"],
        ]
    );
    // The latest findings: extinguisher in all three (3 in a row), queue in the first
    // and the last (1 in a row, 2 of 3). drills and greeting are not findings of the
    // latest inspection; Depot 10 is another subject.
    assert_eq!(
        all[1][1..],
        [
            ["Is the extinguisher charged?", "failed", "3", "3/3"],
            ["How long is the checkout queue?", "minor", "1", "2/3"],
        ]
    );
    let none = run_plain(
        opscheck()
            .args(["diff", "--history"])
            .arg(dir.path())
            .args(["--subject", "Nowhere"]),
    );
    assert_code(&none, 0);
    assert!(
        String::from_utf8_lossy(&none.stderr).contains("no reports of `Nowhere`"),
        "{}",
        String::from_utf8_lossy(&none.stderr)
    );
}

/// `diff` refuses to compare reports of different templates; the history must not do
/// it either. Depot 9 has three mini inspections (the last at 75 %) and then one with
/// the shipped checklist answered worst (0 %): a trend row "▼ 75.0" would compare two
/// different checklists, and the mini findings would be counted as broken streaks.
#[test]
fn diff_history_does_not_compare_reports_of_different_templates() {
    let dir = tempfile::tempdir().unwrap();
    depot(dir.path());
    let (_, items) = template(EN);
    let worst = input(&lines(&items, Policy::Worst, false));
    Inspection {
        template: EN,
        subject: "Depot 9",
        inspector: "QA",
        date: "2026-07-01",
        stdin: &worst,
        answers: None,
    }
    .run(dir.path());
    let out = run_plain(
        opscheck()
            .args(["diff", "--history"])
            .arg(dir.path())
            .args(["--subject", "Depot 9"]),
    );
    let text = stdout(&out);
    assert!(
        !text.contains("▼ 75.0"),
        "a change from a mini inspection to an ops-inspection one:\n{text}"
    );
}

/// explain's what-if rows as (item text, gain, percent, result), and the sum of the
/// contribution points with the line that states it.
struct Explained {
    what_if: Vec<(String, f64, f64, String)>,
    points: f64,
    stated_total: f64,
    text: String,
}

fn explain(report: &Path) -> Explained {
    let out = run_plain(
        opscheck()
            .arg("explain")
            .arg(report)
            .args(["--top", "1000"]),
    );
    assert_code(&out, 0);
    let text = stdout(&out);
    let all = tables(&text);
    let number = |cell: &str| -> f64 {
        cell.trim_start_matches('+')
            .trim_end_matches('%')
            .parse()
            .unwrap_or_else(|_| panic!("{cell:?} is not a number"))
    };
    let (what_if, contributions) = match all.as_slice() {
        [what_if, contributions] => (what_if[1..].to_vec(), contributions),
        [contributions] => (Vec::new(), contributions),
        _ => panic!("two tables expected:\n{text}"),
    };
    let what_if = what_if
        .iter()
        .map(|r| (r[0].clone(), number(&r[1]), number(&r[2]), r[3].clone()))
        .collect();
    let points = contributions[1..].iter().map(|r| number(&r[3])).sum();
    let stated_total = text
        .lines()
        .find_map(|l| l.strip_prefix("The points add up to "))
        .and_then(|l| l.split('%').next())
        .map(number)
        .unwrap_or_else(|| panic!("no total:\n{text}"));
    Explained {
        what_if,
        points,
        stated_total,
        text,
    }
}

#[test]
fn explain_gives_hand_computed_contributions_and_what_ifs() {
    let dir = tempfile::tempdir().unwrap();
    // exits n, extinguisher n, drills y, greeting n, queue Long: Safety 25, Service 0,
    // overall (75 + 0)/4 = 18.75. One Safety weight unit is worth 100·3/4/4 = 18.75
    // points, one Service unit 100·1/4/2 = 12.5: exits (weight 2) +37.5 → 56.25, still
    // below 75; extinguisher +18.75 → 37.5; greeting and queue +12.5 → 31.25. All stay
    // FAIL: below the pass mark, and but for exits the critical exits still fails.
    let report = mini("Store 2", "2026-02-20", "n\nn\ny\nn\n3\n\n").run(dir.path());
    let e = explain(&report);
    let expected = [
        ("Are the fire exits clear? [critical]", 37.5, 56.25, "FAIL"),
        ("Is the extinguisher charged?", 18.75, 37.5, "FAIL"),
        ("Are customers greeted?", 12.5, 31.25, "FAIL"),
        ("How long is the checkout queue?", 12.5, 31.25, "FAIL"),
    ];
    let got: Vec<(&str, f64, f64, &str)> = e
        .what_if
        .iter()
        .map(|(t, g, p, r)| (t.as_str(), *g, *p, r.as_str()))
        .collect();
    assert_eq!(got, expected, "{}", e.text);
    assert!(e.text.contains("FAIL: 18.8% (pass mark 75%)"), "{}", e.text);
    assert!(
        e.text
            .contains("the overall percent 18.8% is below the pass mark 75%"),
        "{}",
        e.text
    );
    assert!(
        e.text
            .contains("the critical item failed: Are the fire exits clear?"),
        "{}",
        e.text
    );
    // Drills is the only item scoring: 18.75 points.
    assert!((e.points - 18.75).abs() < 1e-9, "{}", e.text);
    assert!((e.stated_total - 18.75).abs() < 1e-9, "{}", e.text);

    // exits n, everything else best: Safety 50, Service 100 → 62.5, FAIL; fixing the
    // critical exits gives 100 and a PASS.
    let report = mini("Store 4", "2026-02-21", "n\ny\ny\ny\n1\n\n").run(dir.path());
    let e = explain(&report);
    assert_eq!(
        e.what_if,
        [(
            "Are the fire exits clear? [critical]".to_owned(),
            37.5,
            100.0,
            "PASS".to_owned()
        )],
        "{}",
        e.text
    );

    // 62.5 below the pass mark without a critical failure: fixing extinguisher or
    // drills (+18.75 each) reaches 81.25, a PASS.
    let report = mini("Store 5", "2026-02-22", "y\nn\nn\ny\n1\n\n").run(dir.path());
    let e = explain(&report);
    let got: Vec<(f64, f64, &str)> = e
        .what_if
        .iter()
        .map(|(_, g, p, r)| (*g, *p, r.as_str()))
        .collect();
    assert_eq!(got, [(18.75, 81.25, "PASS"), (18.75, 81.25, "PASS")]);
    assert!((e.points - 62.5).abs() < 1e-9);
}

/// Runs `lines` again with the line of `item` replaced by `best`, and returns the new
/// overall percent and result.
fn rerun(
    template_path: &str,
    lines: &[(String, String)],
    item: &str,
    best: &str,
    out: &Path,
) -> (f64, String) {
    let stdin: String = lines
        .iter()
        .map(|(id, line)| format!("{}\n", if id == item { best } else { line }))
        .collect();
    let path = Inspection {
        template: template_path,
        subject: &format!("fixed {item}"),
        inspector: "QA",
        date: "2026-08-01",
        stdin: &stdin,
        answers: None,
    }
    .run(out);
    let report = read_json(&path);
    (
        report["overall"]["percent"].as_f64().unwrap(),
        report["overall"]["result"].as_str().unwrap().to_uppercase(),
    )
}

/// For every finding of `report`, the what-if row equals a rerun with that one item
/// answered at its best, and the contributions add up to the overall percent.
fn assert_what_ifs_match_reruns(
    template_path: &str,
    report: &Path,
    lines: &[(String, String)],
    best: &HashMap<String, String>,
    out: &Path,
    every_finding: bool,
) {
    let json = read_json(report);
    let e = explain(report);
    let texts: HashMap<&str, &str> = json["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["text"].as_str().unwrap(), a["item"].as_str().unwrap()))
        .collect();
    let findings: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["item"].as_str().unwrap())
        .collect();
    if every_finding {
        assert_eq!(
            e.what_if.len(),
            findings.len(),
            "a what-if row per finding:\n{}",
            e.text
        );
    }
    for (text, gain, percent, result) in &e.what_if {
        let text = text.trim_end_matches(" [critical]");
        let item = texts[text];
        assert!(findings.contains(&item), "{item} is a finding");
        let (fixed, fixed_result) = rerun(template_path, lines, item, &best[item], out);
        assert!(
            (percent - fixed).abs() <= 0.005 + 1e-9,
            "{item}: explain says {percent:.2}%, the rerun gives {fixed}"
        );
        let overall = json["overall"]["percent"].as_f64().unwrap();
        assert!(
            (gain - (fixed - overall)).abs() <= 0.005 + 1e-9,
            "{item}: gain {gain:.2}, the rerun gains {}",
            fixed - overall
        );
        assert_eq!(result, &fixed_result, "{item}: the result if fixed");
    }
    let overall = json["overall"]["percent"].as_f64().unwrap();
    let rows = tables(&e.text).last().unwrap().len() - 1;
    assert!(
        (e.points - overall).abs() <= 0.005 * rows as f64 + 1e-9,
        "contributions add up to {}, the overall percent is {overall}",
        e.points
    );
    assert!(
        (e.stated_total - overall).abs() <= 0.005 + 1e-9,
        "stated total {} vs {overall}",
        e.stated_total
    );
}

#[test]
fn every_what_if_of_the_mini_template_equals_a_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let ids = [
        "exits",
        "extinguisher",
        "drills",
        "greeting",
        "queue",
        "remarks",
    ];
    let best: HashMap<String, String> = ids
        .iter()
        .zip(["y", "y", "y", "y", "1", ""])
        .map(|(id, line)| ((*id).to_owned(), (*line).to_owned()))
        .collect();
    for (subject, answers) in [
        ("A", ["n", "n", "y", "n", "3", ""]),
        ("B", ["y", "n", "n", "y", "2", "ok"]),
        ("C", ["n", "na", "y", "na", "2", ""]),
    ] {
        let lines: Vec<(String, String)> = ids
            .iter()
            .zip(answers)
            .map(|(id, line)| ((*id).to_owned(), line.to_owned()))
            .collect();
        let stdin: String = answers.iter().map(|l| format!("{l}\n")).collect();
        let report = mini(subject, "2026-07-01", &stdin).run(dir.path());
        assert_what_ifs_match_reruns(corpus::MINI, &report, &lines, &best, dir.path(), true);
    }
}

#[test]
fn every_what_if_of_the_shipped_template_equals_a_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let (_, items) = template(EN);
    let mixed = lines(&items, Policy::Mixed, false);
    let best: HashMap<String, String> = lines(&items, Policy::Best, false)
        .into_iter()
        .map(|l| (l.item, l.line))
        .collect();
    // Fixing an item that a `when` depends on would change which items are asked;
    // the mixed answers give those items the answer the `when` wants, which is yes, so
    // they are never findings here.
    let targets: Vec<&str> = items.iter().filter_map(|i| i.when()).map(|w| w.0).collect();
    let mixed: Vec<(String, String)> = mixed.into_iter().map(|l| (l.item, l.line)).collect();
    let report = Inspection {
        template: EN,
        subject: "Store 12",
        inspector: "QA",
        date: "2026-08-01",
        stdin: &mixed
            .iter()
            .map(|(_, l)| format!("{l}\n"))
            .collect::<String>(),
        answers: None,
    }
    .run(dir.path());
    let json = read_json(&report);
    let findings = json["findings"].as_array().unwrap();
    assert!(findings.len() >= 5, "a mixed inspection has findings");
    for f in findings {
        assert!(!targets.contains(&f["item"].as_str().unwrap()), "{f}");
    }
    assert_what_ifs_match_reruns(EN, &report, &mixed, &best, dir.path(), true);
}

/// A choice whose best option scores below 1 (valid: `validate` accepts it without a
/// warning) is a finding even at its best. Answering it at its best cannot raise the
/// percent above what that option gives: the what-if must equal the rerun, not assume
/// a score of 1.
#[test]
fn a_what_if_never_promises_more_than_the_best_option_gives() {
    let dir = tempfile::tempdir().unwrap();
    let mini = std::fs::read_to_string(common::root().join(corpus::MINI)).unwrap();
    let capped = mini.replace(
        "{ label = \"Short\", score = 1.0 }",
        "{ label = \"Short\", score = 0.8 }",
    );
    assert_ne!(capped, mini);
    let path = dir.path().join("capped.toml");
    std::fs::write(&path, capped).unwrap();
    let template_path = path.to_str().unwrap();
    let check = run_plain(opscheck().args(["validate", template_path]));
    assert_code(&check, 0);

    let ids = [
        "exits",
        "extinguisher",
        "drills",
        "greeting",
        "queue",
        "remarks",
    ];
    let best: HashMap<String, String> = ids
        .iter()
        .zip(["y", "y", "y", "y", "1", ""])
        .map(|(id, line)| ((*id).to_owned(), (*line).to_owned()))
        .collect();
    // queue Short (0.8, its best): Service 90, overall (300 + 90)/4 = 97.5; nothing to
    // gain. queue Long (0): Service 50, overall 87.5; at its best 97.5, not 100.
    for (subject, answers, percent) in [
        ("best", ["y", "y", "y", "y", "1", ""], 97.5),
        ("long", ["y", "y", "y", "y", "3", ""], 87.5),
    ] {
        let stdin: String = answers.iter().map(|l| format!("{l}\n")).collect();
        let report = Inspection {
            template: template_path,
            subject,
            inspector: "QA",
            date: "2026-07-01",
            stdin: &stdin,
            answers: None,
        }
        .run(dir.path());
        assert_eq!(read_json(&report)["overall"]["percent"], percent);
        let lines: Vec<(String, String)> = ids
            .iter()
            .zip(answers)
            .map(|(id, line)| ((*id).to_owned(), line.to_owned()))
            .collect();
        assert_what_ifs_match_reruns(template_path, &report, &lines, &best, dir.path(), false);
    }
}

/// The answers record of `item` in a pretty report text: the byte range of `field`'s
/// value line (`"field": VALUE`) within it.
fn answer_field(text: &str, item: &str, field: &str) -> std::ops::Range<usize> {
    let answers = text.find("\n  \"answers\": [").expect("answers");
    let record = answers
        + text[answers..]
            .find(&format!("\"item\": \"{item}\","))
            .unwrap_or_else(|| panic!("no answer record for {item}"));
    let start = record
        + text[record..]
            .find(&format!("\"{field}\": "))
            .unwrap_or_else(|| panic!("no {field} in the record of {item}"));
    let end = start + text[start..].find([',', '\n']).unwrap();
    start..end
}

fn edited(text: &str, range: std::ops::Range<usize>, with: &str) -> String {
    format!("{}{with}{}", &text[..range.start], &text[range.end..])
}

/// Output of `opscheck verify [--template T] FILES…`.
fn verify(files: &[&Path], template: Option<&str>) -> Output {
    let mut command = opscheck();
    command.arg("verify").args(files);
    if let Some(t) = template {
        command.args(["--template", t]);
    }
    run_plain(&mut command)
}

#[test]
fn verify_tells_untouched_tampered_and_inconsistent_reports_apart() {
    let dir = tempfile::tempdir().unwrap();
    // y n n y Short: 62.5, extinguisher answered no (score 0).
    let original = mini("Store 8", "2026-05-01", "y\nn\nn\ny\n1\n\n").run(dir.path());
    let text = std::fs::read_to_string(&original).unwrap();
    let write = |name: &str, content: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    };

    // Untouched: OK with the template, OK (digest) when it cannot be found.
    let out = verify(&[&original], Some(corpus::MINI));
    assert_code(&out, 0);
    let line = stdout(&out);
    assert!(
        line.starts_with("OK ")
            && !line.contains("(digest)")
            && line.contains(&original.display().to_string()),
        "{line}"
    );
    assert!(line.contains("digest and scores verified"), "{line}");
    let out = verify(&[&original], None);
    assert_code(&out, 0);
    assert!(stdout(&out).starts_with("OK (digest)"), "{}", stdout(&out));
    assert!(stdout(&out).contains("`mini`"), "{}", stdout(&out));
    // A template whose sha256 differs is not used either.
    let out = verify(&[&original], Some("checklists/ops-inspection.toml"));
    assert_code(&out, 0);
    assert!(stdout(&out).starts_with("OK (digest)"), "{}", stdout(&out));

    // One answer changed, digest kept: tampered.
    let range = answer_field(&text, "extinguisher", "answer");
    assert_eq!(&text[range.clone()], "\"answer\": \"no\"");
    let tampered = write(
        "tampered.json",
        &edited(&text, range, "\"answer\": \"yes\""),
    );
    let out = verify(&[&tampered], Some(corpus::MINI));
    assert_code(&out, 1);
    assert!(stdout(&out).starts_with("TAMPERED"), "{}", stdout(&out));
    assert!(stdout(&out).contains("tampered.json"), "{}", stdout(&out));

    // One score changed and the digest recomputed: the digest holds, the scores do
    // not follow from the answers.
    let range = answer_field(&text, "extinguisher", "score");
    assert_eq!(&text[range.clone()], "\"score\": 0.0");
    let rescored = write(
        "rescored.json",
        &with_digest(&edited(&text, range, "\"score\": 1.0")),
    );
    let out = verify(&[&rescored], Some(corpus::MINI));
    assert_code(&out, 1);
    let report = stdout(&out);
    assert!(report.starts_with("INCONSISTENT"), "{report}");
    assert!(report.contains("rescored.json"), "{report}");
    assert!(
        report.contains("answers.extinguisher.score: the report says 1.00, the answers give 0.00"),
        "{report}"
    );

    // The overall percent changed, digest recomputed.
    let overall = text.find("\"percent\": 62.5").expect("overall percent");
    let raised = write(
        "raised.json",
        &with_digest(&edited(
            &text,
            overall..overall + "\"percent\": 62.5".len(),
            "\"percent\": 90.0",
        )),
    );
    let out = verify(&[&raised], Some(corpus::MINI));
    assert_code(&out, 1);
    assert!(
        stdout(&out).contains("overall.percent: the report says 90.00, the answers give 62.50"),
        "{}",
        stdout(&out)
    );

    // An answer changed and the digest recomputed: every score that depends on it is
    // named (extinguisher 0 → 1: Safety 50 → 75, overall 62.5 → 81.25).
    let range = answer_field(&text, "extinguisher", "answer");
    let reanswered = write(
        "reanswered.json",
        &with_digest(&edited(&text, range, "\"answer\": \"yes\"")),
    );
    let out = verify(&[&reanswered], Some(corpus::MINI));
    assert_code(&out, 1);
    let report = stdout(&out);
    for named in [
        "overall.percent: the report says 62.50, the answers give 81.25",
        "sections.safety.percent: the report says 50.00, the answers give 75.00",
        "answers.extinguisher.score: the report says 0.00, the answers give 1.00",
    ] {
        assert!(report.contains(named), "{named}:\n{report}");
    }

    // Several files: each named, exit 1 if any is bad.
    let out = verify(&[&original, &tampered, &rescored], Some(corpus::MINI));
    assert_code(&out, 1);
    let text = stdout(&out);
    let firsts: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("  "))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(firsts, ["OK", "TAMPERED", "INCONSISTENT"], "{text}");
}

/// Every value derived from the answers is checked, not only the percents: `summary`
/// shows the rating and pools the points, so an edited rating or points total (with
/// the digest recomputed) is an inconsistent report.
#[test]
fn verify_checks_the_rating_and_the_points_too() {
    let dir = tempfile::tempdir().unwrap();
    // y n n y Short: 62.5 (Poor), flat points 2 + 0 + 0 + 1 + 1 = 4 of 6.
    let original = mini("Store 8", "2026-05-01", "y\nn\nn\ny\n1\n\n").run(dir.path());
    let text = std::fs::read_to_string(&original).unwrap();
    for (name, from, to, field) in [
        (
            "rating",
            "\"rating\": \"Poor\"",
            "\"rating\": \"Excellent\"",
            "overall.rating",
        ),
        (
            "points",
            "\"points\": 4.0,\n    \"max_points\": 6.0",
            "\"points\": 6.0,\n    \"max_points\": 6.0",
            "overall.points",
        ),
    ] {
        let at = text
            .find(from)
            .unwrap_or_else(|| panic!("{from} in {text}"));
        let path = dir.path().join(format!("{name}.json"));
        std::fs::write(&path, with_digest(&edited(&text, at..at + from.len(), to))).unwrap();
        let out = verify(&[&path], Some(corpus::MINI));
        assert_code(&out, 1);
        let report = stdout(&out);
        assert!(
            report.starts_with("INCONSISTENT") && report.contains(field),
            "{name}: {field} named:\n{report}"
        );
    }
}

#[test]
fn verify_finds_a_shipped_template_by_its_sha256() {
    let dir = tempfile::tempdir().unwrap();
    let (_, items) = template(EN);
    let stdin = input(&lines(&items, Policy::Mixed, false));
    let report = Inspection {
        template: EN,
        subject: "Store 12",
        inspector: "QA",
        date: "2026-08-01",
        stdin: &stdin,
        answers: None,
    }
    .run(dir.path());
    let out = verify(&[&report], None);
    assert_code(&out, 0);
    assert!(
        stdout(&out).starts_with("OK ") && !stdout(&out).contains("(digest)"),
        "{}",
        stdout(&out)
    );
    // A changed score in the shipped report, digest recomputed.
    let text = std::fs::read_to_string(&report).unwrap();
    let range = answer_field(&text, "sop-documented", "score");
    let was = &text[range.clone()];
    let now = if was == "\"score\": 1.0" {
        "\"score\": 0.0"
    } else {
        "\"score\": 1.0"
    };
    let edited_path = dir.path().join("edited.json");
    std::fs::write(&edited_path, with_digest(&edited(&text, range, now))).unwrap();
    let out = verify(&[&edited_path], None);
    assert_code(&out, 1);
    assert!(
        stdout(&out).starts_with("INCONSISTENT")
            && stdout(&out).contains("answers.sop-documented.score"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn verify_an_unreadable_file_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage.json");
    std::fs::write(&garbage, "not json").unwrap();
    let out = verify(&[&garbage], None);
    assert_code(&out, 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("garbage.json"));
}
