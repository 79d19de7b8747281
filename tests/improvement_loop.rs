//! The improvement loop end to end, with fixed dates and every number computed by hand:
//! one site inspected three times over two months, its actions opened, done, verified
//! and reopened, a waiver applied and then expired, `due` and `summary --by region`,
//! in English and in Chinese. Then two inspectors' folders merged by copying, and bad
//! input.
//!
//! Template `store` (tests/fixtures/loop/store.toml): sections safety {exits, drill}
//! and stock {labels, cold}, every weight 1, pass mark 75. Waiver: `drill` for
//! `Store *` from 2026-10-01 to 2026-10-31.
//!
//! Store 12:
//! - R1 2026-10-01: exits n (action A, due 10-08), drill n (waived), labels n (action
//!   B, due 10-15), cold y. safety 0/1 = 0 %, stock 1/2 = 50 %, overall 25 %.
//! - A done 10-05 (Wang), B done 10-12 (Li).
//! - R2 2026-11-02: exits y (A verified), drill n (waiver expired: counts), labels n
//!   (B reopened), cold n (action C, due 11-10). safety 1/2 = 50 %, stock 0 %: 25 %.
//! - R3 2026-11-30: all y but labels n (with a new action text: linked to B, not a
//!   duplicate) and cold n (C recurs). safety 100 %, stock 0 %: 50 %.
//!
//! Store 7 2026-11-16 (a Monday): all y, 100 %. Store 3 2026-10-20: labels n, 75 %.
//! Store 9: never inspected.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    common::root().join("tests/fixtures/loop").join(name)
}

/// A working directory with `checklists/` holding the template, waivers and sites.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let checklists = dir.path().join("checklists");
    std::fs::create_dir(&checklists).unwrap();
    for name in ["store.toml", "waivers.toml", "sites.toml"] {
        std::fs::copy(fixture(name), checklists.join(name)).unwrap();
    }
    dir
}

fn opscheck(dir: &Path, lang: &str, args: &[&str]) -> Output {
    let mut command = common::opscheck();
    command.current_dir(dir).arg("--lang").arg(lang).args(args);
    common::output(&mut command)
}

fn ok(dir: &Path, lang: &str, args: &[&str]) -> (String, String) {
    let out = opscheck(dir, lang, args);
    let (stdout, stderr) = texts(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    (stdout, stderr)
}

fn texts(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(dir: &Path, lang: &str, args: &[&str]) -> Value {
    let (stdout, _) = ok(dir, lang, args);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: {e}\n{stdout}"))
}

/// Runs one inspection of `store` with these answers; returns stderr.
fn inspect(dir: &Path, lang: &str, subject: &str, date: &str, answers: &str) -> String {
    let file = dir.join(format!("answers-{date}.toml"));
    std::fs::write(&file, format!("[answers]\n{answers}")).unwrap();
    let file = file.display().to_string();
    let args = [
        "run",
        "-t",
        "store",
        "-s",
        subject,
        "-i",
        "QA",
        "--date",
        date,
        "--answers",
        &file,
        "--format",
        "json",
    ];
    ok(dir, lang, &args).1
}

const R1: &str = r#"exits = { answer = "n", note = "boxes at exit 2", action = { text = "Clear exit 2", owner = "Wang", due = 2026-10-08 } }
drill = "n"
labels = { answer = "n", action = { text = "Relabel aisle 3", owner = "Li", due = 2026-10-15 } }
cold = "y"
"#;
const R2: &str = r#"exits = "y"
drill = "n"
labels = { answer = "n", note = "wrong again" }
cold = { answer = "n", action = { text = "Fix the fridge logger", owner = "Li", due = 2026-11-10 } }
"#;
const R3: &str = r#"exits = "y"
drill = "y"
labels = { answer = "n", action = { text = "Relabel aisle 3 and train the night shift", owner = "Li", due = 2026-12-05 } }
cold = "n"
"#;
const ALL_YES: &str = "exits = \"y\"\ndrill = \"y\"\nlabels = \"y\"\ncold = \"y\"\n";

fn report(dir: &Path, name: &str) -> Value {
    let text = std::fs::read_to_string(dir.join("reports").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn id_of(actions: &Value, item: &str) -> String {
    actions["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["item"] == item)
        .unwrap_or_else(|| panic!("no action for {item}: {actions:#}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The scenario, with the messages of `lang`; returns the workspace.
fn scenario(lang: &str) -> tempfile::TempDir {
    let ws = workspace();
    let dir = ws.path();
    let zh = lang == "zh-CN";

    let said = inspect(dir, lang, "Store 12", "2026-10-01", R1);
    assert!(
        said.contains(if zh {
            "`drill` 已豁免至 2026-10-31：Building under refit"
        } else {
            "`drill` is waived until 2026-10-31: Building under refit"
        }),
        "{said}"
    );
    let r1 = report(dir, "2026-10-01-store-store-12.json");
    assert_eq!(r1["overall"]["percent"], 25.0);
    assert_eq!(r1["sections"][0]["percent"], 0.0);
    assert_eq!(r1["waivers"][0]["item"], "drill");
    assert_eq!(r1["waivers"][0]["items"], serde_json::json!(["drill"]));
    let drill = r1["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["item"] == "drill")
        .unwrap();
    assert_eq!(
        (drill["answer"].as_str(), drill["waived"].as_bool()),
        (Some("no"), Some(true))
    );
    assert!(drill["score"].is_null());
    // verify recomputes the same score from the report alone, waiver included.
    let r1_path = dir
        .join("reports/2026-10-01-store-store-12.json")
        .display()
        .to_string();
    ok(
        dir,
        lang,
        &["verify", &r1_path, "-t", "checklists/store.toml"],
    );

    let actions = json(
        dir,
        lang,
        &["actions", "--today", "2026-10-02", "--format", "json"],
    );
    let (a, b) = (id_of(&actions, "exits"), id_of(&actions, "labels"));
    assert_eq!(actions["actions"].as_array().unwrap().len(), 2);
    ok(
        dir,
        lang,
        &[
            "actions",
            "done",
            &a,
            "--note",
            "exit cleared",
            "--by",
            "Wang",
            "--today",
            "2026-10-05",
        ],
    );
    ok(
        dir,
        lang,
        &[
            "actions",
            "done",
            &b,
            "--note",
            "relabelled",
            "--by",
            "Li",
            "--today",
            "2026-10-12",
        ],
    );

    let said = inspect(dir, lang, "Store 12", "2026-11-02", R2);
    assert!(
        said.contains(if zh {
            "`drill` 的豁免已于 2026-10-31 到期"
        } else {
            "the waiver for `drill` expired on 2026-10-31"
        }),
        "{said}"
    );
    // The same inspection as a CI gate: an expired waiver fails it.
    let file = dir.join("answers-2026-11-02.toml").display().to_string();
    let gated = opscheck(
        dir,
        lang,
        &[
            "run",
            "-t",
            "store",
            "-s",
            "Store 99",
            "-i",
            "QA",
            "--date",
            "2026-11-02",
            "--answers",
            &file,
            "--fail-on-expired",
            "-o",
            "gate",
        ],
    );
    assert_eq!(gated.status.code(), Some(1), "{:?}", texts(&gated));
    let r2 = report(dir, "2026-11-02-store-store-12.json");
    assert_eq!(r2["overall"]["percent"], 25.0);
    assert_eq!(r2["sections"][0]["percent"], 50.0);
    assert!(
        r2.get("waivers").is_none(),
        "an expired waiver is not applied"
    );

    inspect(
        dir,
        "en",
        "Store 3",
        "2026-10-20",
        "exits = \"y\"\ndrill = \"y\"\nlabels = \"n\"\ncold = \"y\"\n",
    );
    inspect(dir, "en", "Store 7", "2026-11-16", ALL_YES);

    let said = inspect(dir, lang, "Store 12", "2026-11-30", R3);
    // The run shows the open actions of the subject before the first item.
    assert!(
        said.contains(&b) && said.contains("Relabel aisle 3"),
        "{said}"
    );
    let r3 = report(dir, "2026-11-30-store-store-12.json");
    assert_eq!(r3["overall"]["percent"], 50.0);
    ws
}

#[test]
fn the_loop_in_english() {
    let ws = scenario("en");
    let dir = ws.path();
    let actions = json(
        dir,
        "en",
        &["actions", "--today", "2026-12-01", "--format", "json"],
    );
    let list = actions["actions"].as_array().unwrap();
    // A verified, B reopened (and overdue), C open and overdue; labels failed three
    // times and cold twice, yet there are three actions, not five.
    assert_eq!(list.len(), 3, "{actions:#}");
    let shown: Vec<(&str, &str, &str)> = list
        .iter()
        .map(|a| {
            (
                a["item"].as_str().unwrap(),
                a["status"].as_str().unwrap(),
                a["state"].as_str().unwrap(),
            )
        })
        .collect();
    // Overdue first: C was due 11-10. B's due date was moved to 12-05 by R3, so it is
    // reopened but not overdue on 12-01.
    assert_eq!(
        shown,
        [
            ("cold", "overdue", "open"),
            ("labels", "reopened", "reopened"),
            ("exits", "verified", "verified")
        ]
    );
    let b = &list[1];
    assert_eq!(b["text"], "Relabel aisle 3 and train the night shift");
    assert_eq!(b["due"], "2026-12-05");
    assert_eq!(b["last_failed"], "2026-11-30");
    let kinds: Vec<&str> = b["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["opened", "done", "reopened", "recurred"]);
    let c = &list[0];
    assert_eq!(c["days_overdue"], 21);
    let kinds: Vec<&str> = c["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["opened", "recurred"]);

    // Filters.
    let overdue = json(
        dir,
        "en",
        &[
            "actions",
            "--today",
            "2026-12-01",
            "--overdue",
            "--format",
            "json",
        ],
    );
    assert_eq!(overdue["actions"].as_array().unwrap().len(), 1);
    let (table, _) = ok(
        dir,
        "en",
        &["actions", "--today", "2026-12-01", "--owner", "Wang"],
    );
    assert!(
        table.contains("verified") && table.contains("Clear exit 2"),
        "{table}"
    );
    assert!(!table.contains("Relabel"), "{table}");
    let (csv, _) = ok(
        dir,
        "en",
        &[
            "actions",
            "--today",
            "2026-12-01",
            "--status",
            "reopened",
            "--format",
            "csv",
        ],
    );
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(
        csv.starts_with("ID,Status,Subject,Item,Action,Owner,Due,Opened,Last failed\n"),
        "{csv}"
    );

    // The whole history of B, with the reports it came from.
    let b_id = b["id"].as_str().unwrap();
    let (show, _) = ok(
        dir,
        "en",
        &["actions", "show", b_id, "--today", "2026-12-01"],
    );
    for expected in [
        "2026-10-01-store-store-12.json",
        "relabelled",
        "2026-11-02-store-store-12.json",
        "reopened",
        "failed again",
    ] {
        assert!(show.contains(expected), "{expected} in\n{show}");
    }

    // summary --actions lists the same three actions with their derived status.
    let summary = json(
        dir,
        "en",
        &[
            "summary",
            "reports",
            "--actions",
            "--today",
            "2026-12-01",
            "--format",
            "json",
        ],
    );
    let statuses: Vec<(&str, &str)> = summary["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["item"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("cold", "overdue"),
            ("labels", "reopened"),
            ("exits", "verified")
        ]
    );

    // export: each answer row names the action it belongs to and its state now.
    let mut export = common::opscheck();
    export
        .current_dir(dir)
        .env("OPSCHECK_NOW", "2026-12-01T09:00:00+08:00");
    let out = common::output(export.args(["export", "reports", "--format", "jsonl"]));
    let rows: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let linked: Vec<(&str, &str, &str)> = rows
        .iter()
        .filter(|r| r["subject"] == "Store 12" && !r["action_id"].is_null())
        .map(|r| {
            (
                r["date"].as_str().unwrap(),
                r["item"].as_str().unwrap(),
                r["action_status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        linked,
        [
            ("2026-10-01", "exits", "verified"),
            ("2026-10-01", "labels", "reopened"),
            ("2026-11-02", "exits", "verified"),
            ("2026-11-02", "labels", "reopened"),
            ("2026-11-02", "cold", "overdue"),
            ("2026-11-30", "labels", "reopened"),
            ("2026-11-30", "cold", "overdue"),
        ]
    );

    // Due on 2026-12-01: Store 9 never; Store 3 (1m after 10-20) due 11-20, 11 days
    // late; Store 7 (Mondays, after Monday 11-16) due 11-23, 8 days late; Store 12 (4w
    // after 11-30) due 12-28.
    let due = json(
        dir,
        "en",
        &["due", "--today", "2026-12-01", "--format", "json"],
    );
    let rows: Vec<(&str, &str, Option<i64>)> = due["due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["subject"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
                r["days_overdue"].as_i64(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Store 9", "never", None),
            ("Store 3", "overdue", Some(11)),
            ("Store 7", "overdue", Some(8)),
            ("Store 12", "upcoming", None)
        ]
    );
    assert_eq!(due["due"][3]["next_due"], "2026-12-28");
    let (table, _) = ok(
        dir,
        "en",
        &["due", "--today", "2026-12-01", "--region", "West"],
    );
    assert!(
        table.contains("never inspected") && table.contains("overdue by 11 days"),
        "{table}"
    );
    assert!(!table.contains("Store 7"), "{table}");
    let within = json(
        dir,
        "en",
        &[
            "due",
            "--today",
            "2026-12-01",
            "--within",
            "14d",
            "--format",
            "json",
        ],
    );
    assert_eq!(within["due"].as_array().unwrap().len(), 3);
    let gate = opscheck(
        dir,
        "en",
        &["due", "--today", "2026-12-01", "--fail-if-overdue"],
    );
    assert_eq!(gate.status.code(), Some(1));
    let fine = opscheck(
        dir,
        "en",
        &[
            "due",
            "--today",
            "2026-12-01",
            "--fail-if-overdue",
            "--tag",
            "flagship",
        ],
    );
    assert_eq!(fine.status.code(), Some(0), "{:?}", texts(&fine));

    // Regions on 2026-12-01: East = Store 12 (50, R3) and Store 7 (100): 75. West =
    // Store 3 (75); Store 9 never inspected.
    let regions = json(
        dir,
        "en",
        &["summary", "reports", "--by", "region", "--format", "json"],
    );
    let figures: Vec<(&str, u64, u64, f64)> = regions["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["group"].as_str().unwrap(),
                r["sites"].as_u64().unwrap(),
                r["inspected"].as_u64().unwrap(),
                r["mean"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(figures, [("East", 2, 2, 75.0), ("West", 2, 1, 75.0)]);
    // On 2026-11-10 Store 12's latest is R2 (25) and Store 7 was not yet inspected.
    let earlier = json(
        dir,
        "en",
        &[
            "summary",
            "reports",
            "--by",
            "region",
            "--until",
            "2026-11-10",
            "--format",
            "json",
        ],
    );
    assert_eq!(earlier["rows"][0]["mean"], 25.0);
    assert_eq!(earlier["rows"][0]["inspected"], 1);
    let tags = json(
        dir,
        "en",
        &["summary", "reports", "--by", "tag", "--format", "json"],
    );
    let figures: Vec<(&str, f64)> = tags["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["group"].as_str().unwrap(), r["mean"].as_f64().unwrap()))
        .collect();
    assert_eq!(figures, [("flagship", 50.0), ("mall", 75.0)]);

    // validate checks the registers beside the template.
    let (_, said) = ok(dir, "en", &["validate", "-v"]);
    assert!(
        said.contains("ok `checklists/sites.toml`: 4 entries"),
        "{said}"
    );
    assert!(
        said.contains("ok `checklists/waivers.toml`: 1 entry"),
        "{said}"
    );

    // Waivers on 2026-10-20: active and expiring within 30 days; on 12-01: expired.
    let (table, _) = ok(dir, "en", &["waivers", "--today", "2026-10-20"]);
    assert!(
        table.contains("expiring") && table.contains("Zhao Min"),
        "{table}"
    );
    let later = json(
        dir,
        "en",
        &["waivers", "--today", "2026-12-01", "--format", "json"],
    );
    assert_eq!(later["waivers"][0]["state"], "expired");
    assert_eq!(later["waivers"][0]["days_left"], -31);
}

#[test]
fn the_loop_in_chinese() {
    let ws = scenario("zh-CN");
    let dir = ws.path();
    let (table, _) = ok(dir, "zh-CN", &["actions", "--today", "2026-12-01"]);
    for expected in [
        "编号",
        "已逾期",
        "重新打开",
        "已验证",
        "3 项整改措施中有 1 项逾期",
    ] {
        assert!(table.contains(expected), "{expected} in\n{table}");
    }
    let (table, _) = ok(dir, "zh-CN", &["due", "--today", "2026-12-01"]);
    for expected in [
        "从未巡检",
        "已逾期 11 天",
        "已逾期 8 天",
        "27 天后到期",
        "4 项中有 3 项逾期或从未巡检",
    ] {
        assert!(table.contains(expected), "{expected} in\n{table}");
    }
    let (table, _) = ok(dir, "zh-CN", &["summary", "reports", "--by", "region"]);
    assert!(
        table.contains("门店数") && table.contains("75.0"),
        "{table}"
    );
    assert!(table.contains("每个门店取最近一次巡检结果"), "{table}");
    let (table, _) = ok(dir, "zh-CN", &["waivers", "--today", "2026-12-01"]);
    assert!(
        table.contains("已过期") && table.contains("批准人"),
        "{table}"
    );
}

/// Every file under `from` copied into `to`, as `cp -r` or rsync would.
fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The derived state without event ids (two machines make their own).
fn state(dir: &Path, out: &str) -> Value {
    let mut v = json(
        dir,
        "en",
        &[
            "actions",
            "-o",
            out,
            "--today",
            "2026-12-01",
            "--format",
            "json",
        ],
    );
    for action in v["actions"].as_array_mut().unwrap() {
        for entry in action["history"].as_array_mut().unwrap() {
            entry.as_object_mut().unwrap().remove("event");
        }
    }
    v
}

#[test]
fn two_machines_merged_by_copying_give_the_state_of_one() {
    let ws = workspace();
    let dir = ws.path();
    let run = |out: &str, date: &str, answers: &str| {
        let file = dir.join(format!("answers-{out}-{date}.toml"));
        std::fs::write(&file, format!("[answers]\n{answers}")).unwrap();
        let file = file.display().to_string();
        ok(
            dir,
            "en",
            &[
                "run",
                "-t",
                "store",
                "-s",
                "Store 12",
                "-i",
                "QA",
                "--date",
                date,
                "--answers",
                &file,
                "-o",
                out,
            ],
        );
    };
    // One inspection, synced to both machines before anyone acts on it.
    run("one", "2026-10-01", R1);
    for machine in ["a", "b"] {
        std::fs::create_dir(dir.join(machine)).unwrap();
        copy_tree(&dir.join("one"), &dir.join(machine));
    }
    let actions = json(dir, "en", &["actions", "-o", "one", "--format", "json"]);
    let (x, y) = (id_of(&actions, "exits"), id_of(&actions, "labels"));
    // Interleaved: A and B both work on X; B on Y; then A inspects again. The same
    // steps happen in `one`, in the same order.
    let steps: [(&str, &str, &str, &str, &str); 3] = [
        ("a", "done", &x, "2026-10-05", "cleared by day shift"),
        ("b", "done", &y, "2026-10-06", "relabelled"),
        (
            "b",
            "done",
            &x,
            "2026-10-07",
            "cleared again by night shift",
        ),
    ];
    for (machine, kind, id, date, note) in steps {
        for out in [machine, "one"] {
            ok(
                dir,
                "en",
                &[
                    "actions", kind, id, "--note", note, "--by", machine, "--today", date, "-o",
                    out,
                ],
            );
        }
    }
    // The second inspection is made on A; `one` holds the same report.
    run("a", "2026-11-02", R2);
    let r2 = "2026-11-02-store-store-12.json";
    std::fs::copy(dir.join("a").join(r2), dir.join("one").join(r2)).unwrap();
    // B's reopening of X after A's second inspection verified it.
    for out in ["b", "one"] {
        ok(
            dir,
            "en",
            &[
                "actions",
                "reopen",
                &x,
                "--note",
                "blocked again",
                "--by",
                "b",
                "--today",
                "2026-11-05",
                "-o",
                out,
            ],
        );
    }
    std::fs::create_dir(dir.join("merged")).unwrap();
    copy_tree(&dir.join("a"), &dir.join("merged"));
    copy_tree(&dir.join("b"), &dir.join("merged"));

    let merged = state(dir, "merged");
    assert_eq!(merged, state(dir, "one"));
    // Hand-checked: X done twice, verified by R2, reopened by B; Y done, reopened by R2.
    let list = merged["actions"].as_array().unwrap();
    let of = |id: &str| list.iter().find(|a| a["id"] == id).unwrap();
    let kinds = |a: &Value| {
        a["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["kind"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        kinds(of(&x)),
        ["opened", "done", "done", "verified", "reopened"]
    );
    assert_eq!(of(&x)["state"], "reopened");
    assert_eq!(kinds(of(&y)), ["opened", "done", "reopened"]);
    // Neither machine alone knows all of it.
    assert_ne!(state(dir, "a"), merged);
    assert_ne!(state(dir, "b"), merged);
}

#[test]
fn a_malformed_waiver_file_is_located_and_stops_the_run_before_any_draft() {
    let ws = workspace();
    let dir = ws.path();
    let bad = "[[waivers]]\nsubject = \"Store *\"\ntemplate = \"store\"\nitem = \"dril\"\nreason = \"refit\"\napproved_by = \"Zhao\"\nfrom = 2026-10-31\nexpires = 2026-10-01\n";
    std::fs::write(dir.join("checklists/waivers.toml"), bad).unwrap();
    let file = dir.join("answers.toml");
    std::fs::write(&file, format!("[answers]\n{ALL_YES}")).unwrap();
    let run = opscheck(
        dir,
        "en",
        &[
            "run",
            "-t",
            "store",
            "-s",
            "Store 12",
            "-i",
            "QA",
            "--date",
            "2026-10-02",
            "--answers",
            &file.display().to_string(),
        ],
    );
    let (_, stderr) = texts(&run);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("--> checklists/waivers.toml:4:8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("template `store` has no item `dril`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `drill`?"), "{stderr}");
    assert!(
        stderr.contains("--> checklists/waivers.toml:8:11"),
        "{stderr}"
    );
    assert!(
        stderr.contains("expires on 2026-10-01, before it starts on 2026-10-31"),
        "{stderr}"
    );
    assert!(!dir.join("reports").exists(), "nothing is written");
    // The same from `waivers` and `validate`, in Chinese too.
    let listed = opscheck(dir, "zh-CN", &["waivers"]);
    let (_, stderr) = texts(&listed);
    assert_eq!(listed.status.code(), Some(1));
    assert!(
        stderr.contains("模板 `store` 中没有检查项 `dril`"),
        "{stderr}"
    );
    let validated = opscheck(dir, "en", &["validate"]);
    let (_, stderr) = texts(&validated);
    assert_eq!(validated.status.code(), Some(1));
    assert!(
        stderr.contains("--> checklists/waivers.toml:4:8"),
        "{stderr}"
    );
    // A syntax error is located too.
    std::fs::write(
        dir.join("checklists/waivers.toml"),
        "[[waivers]]\nsubject = \"Store *\nreason = 1\n",
    )
    .unwrap();
    let listed = opscheck(dir, "en", &["waivers"]);
    let (_, stderr) = texts(&listed);
    assert_eq!(listed.status.code(), Some(1));
    assert!(
        stderr.contains("--> checklists/waivers.toml:2:"),
        "{stderr}"
    );
}

#[test]
fn a_malformed_sites_file_is_located() {
    let ws = workspace();
    let dir = ws.path();
    let bad = "[[sites]]\nsubject = \"门店 12\"\nregion = \"华东\"\n[[sites.schedules]]\ntemplate = \"stor\"\nevery = \"每月\"\n";
    std::fs::write(dir.join("checklists/sites.toml"), bad).unwrap();
    let due = opscheck(dir, "en", &["due", "--today", "2026-12-01"]);
    let (_, stderr) = texts(&due);
    assert_eq!(due.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("--> checklists/sites.toml:5:12"),
        "{stderr}"
    );
    assert!(stderr.contains("no template `stor`"), "{stderr}");
    assert!(stderr.contains("--> checklists/sites.toml:6:9"), "{stderr}");
    let summary = opscheck(dir, "en", &["summary", "--by", "region"]);
    assert_eq!(summary.status.code(), Some(1));
    let validated = opscheck(dir, "zh-CN", &["validate"]);
    let (_, stderr) = texts(&validated);
    assert_eq!(validated.status.code(), Some(1));
    assert!(stderr.contains("`每月` 不是有效的巡检周期"), "{stderr}");
}

#[test]
fn events_that_name_no_action_are_reported_and_ignored() {
    let ws = workspace();
    let dir = ws.path();
    inspect(dir, "en", "Store 12", "2026-10-01", R1);
    let events = dir.join("reports/actions");
    std::fs::create_dir_all(&events).unwrap();
    let stray = r#"{ "format": "opscheck-action-event/1", "id": "00000000000000aa", "action": "deadbeef",
  "kind": "done", "date": "2026-10-03", "at": "2026-10-03T10:00:00+08:00", "by": "X", "note": "?" }"#;
    std::fs::write(
        events.join("2026-10-03-deadbeef-00000000000000aa.json"),
        stray,
    )
    .unwrap();
    std::fs::write(
        events.join("half-written.json"),
        "{ \"format\": \"opscheck-act",
    )
    .unwrap();
    let out = opscheck(
        dir,
        "en",
        &["actions", "--today", "2026-10-02", "--format", "json"],
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("names action `deadbeef`, which no report raised; ignored"),
        "{stderr}"
    );
    assert!(stderr.contains("half-written.json"), "{stderr}");
    let listed: Value = serde_json::from_str(&stdout).unwrap();
    let states: Vec<&str> = listed["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["open", "open"]);
    // Event files are not reports: summary does not warn about them.
    let summary = opscheck(dir, "en", &["summary", "--format", "json"]);
    let (_, stderr) = texts(&summary);
    assert!(!stderr.contains("deadbeef"), "{stderr}");
}

#[test]
fn a_mistyped_action_id_suggests_the_nearest() {
    let ws = workspace();
    let dir = ws.path();
    inspect(dir, "en", "Store 12", "2026-10-01", R1);
    let actions = json(dir, "en", &["actions", "--format", "json"]);
    let id = id_of(&actions, "exits");
    let last = id.chars().last().unwrap();
    let typo = format!("{}{}", &id[..7], if last == '0' { '1' } else { '0' });
    for lang in ["en", "zh-CN"] {
        let out = opscheck(
            dir,
            lang,
            &["actions", "done", &typo, "--note", "x", "--by", "Li"],
        );
        let (_, stderr) = texts(&out);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        let expected = if lang == "en" {
            format!("no action `{typo}`; did you mean `{id}`?")
        } else {
            format!("你是不是想输入 `{id}`？")
        };
        assert!(stderr.contains(&expected), "{stderr}");
    }
    assert!(!dir.join("reports/actions").exists(), "nothing recorded");
    // A unique prefix is enough.
    ok(dir, "en", &["actions", "show", &id[..5]]);
}

/// `actions`, `due` and `waivers` as workbooks: dates as dates, days as numbers, states
/// in the interface language, one sheet named after the list.
#[test]
fn the_loop_lists_as_workbooks() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let ws = workspace();
    let dir = ws.path();
    inspect(dir, "en", "Store 12", "2026-10-01", R1);
    let sheet = |args: &[&str], lang: &str, file: &str, name: &str| {
        let path = dir.join(file);
        let mut all = args.to_vec();
        all.extend([
            "--today",
            "2026-10-20",
            "--format",
            "xlsx",
            "--output",
            file,
        ]);
        ok(dir, lang, &all);
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(book.sheet_names(), [name], "{file}");
        book.worksheet_range(name).unwrap()
    };
    let date = |cell: &Data| match cell {
        Data::DateTime(d) => d.as_datetime().unwrap().date().to_string(),
        other => panic!("not a date cell: {other:?}"),
    };

    let actions = sheet(&["actions"], "en", "actions.xlsx", "Actions");
    assert_eq!(actions.height(), 1 + 2);
    let exits = actions
        .rows()
        .find(|r| r[4] == "exits")
        .expect("the exits action");
    assert_eq!(exits[1].to_string(), "overdue");
    assert_eq!(exits[6].to_string(), "Clear exit 2");
    assert_eq!(date(&exits[9]), "2026-10-08");
    assert_eq!(exits[10], Data::Float(12.0));

    let due = sheet(&["due"], "zh-CN", "due.xlsx", "待检查");
    let store_12 = due
        .rows()
        .find(|r| r[0] == "Store 12")
        .expect("Store 12 is scheduled");
    assert_eq!(date(&store_12[5]), "2026-10-01");
    assert!(matches!(store_12[6], Data::DateTime(_)), "{store_12:?}");
    assert!(
        due.rows().any(|r| r[8] == "从未巡检"),
        "a site never inspected is said so in Chinese"
    );

    let waivers = sheet(&["waivers"], "en", "waivers.xlsx", "Waivers");
    let drill = waivers.rows().nth(1).unwrap();
    assert_eq!(drill[0].to_string(), "expiring");
    assert_eq!(drill[3].to_string(), "drill");
    assert_eq!(date(&drill[8]), "2026-10-31");
    assert_eq!(drill[9], Data::Float(11.0));
}
