//! `opscheck summary --format html`: the manager's dashboard over the reports of
//! `tests/corpus/mod.rs` (R1–R7), parsed by a real HTML parser: nothing that needs a
//! script or the network, every filter stated, every panel drawn from the same figures as
//! the other views, in English and in Chinese.

mod common;
mod corpus;
mod run_support;

use std::ffi::OsString;
use std::path::Path;

use common::in_process;
use run_support::assert_code;
use scraper::{ElementRef, Html, Selector};

fn dir() -> &'static Path {
    corpus::corpus("dashboard")
}

fn dashboard(lang: &str, args: &[&str]) -> Html {
    let mut argv: Vec<OsString> =
        vec!["--lang".into(), lang.into(), "summary".into(), dir().into()];
    argv.extend(args.iter().map(OsString::from));
    argv.extend(["--format".into(), "html".into()]);
    let out = in_process(argv, b"");
    assert_code(&out, 0);
    let page = Html::parse_document(&String::from_utf8(out.stdout).expect("UTF-8"));
    assert_eq!(
        page.errors,
        Vec::<std::borrow::Cow<'_, str>>::new(),
        "{lang}: HTML parse errors"
    );
    page
}

fn select<'a>(page: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    page.select(&Selector::parse(selector).unwrap()).collect()
}

fn text(element: &ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_owned()
}

/// The `(label, value)` pairs of the filters block.
fn filters(page: &Html) -> Vec<(String, String)> {
    let labels = select(page, ".filters dt");
    let values = select(page, ".filters dd");
    assert_eq!(labels.len(), values.len());
    labels
        .iter()
        .zip(&values)
        .map(|(l, v)| (text(l), text(v)))
        .collect()
}

/// Nothing is fetched and nothing needs a script: no script element or event handler,
/// no element that loads anything, no URL in an attribute or in the CSS.
fn assert_self_contained(page: &Html) {
    for tag in [
        "script", "link", "img", "iframe", "object", "embed", "noscript", "base",
    ] {
        assert!(select(page, tag).is_empty(), "a <{tag}> element");
    }
    for element in select(page, "*") {
        for (name, value) in element.value().attrs() {
            assert!(!name.starts_with("on"), "an event handler {name}={value}");
            assert!(
                !matches!(name, "src" | "href" | "srcset" | "action" | "xlink:href"),
                "a reference {name}={value}"
            );
            assert!(!value.contains("javascript:"), "{name}={value}");
            assert!(!value.contains("url("), "{name}={value}");
        }
    }
    let css: String = select(page, "style").iter().map(text).collect();
    for needle in ["url(", "@import", "http:", "https:"] {
        assert!(!css.contains(needle), "the CSS has {needle}");
    }
    assert!(css.contains("@media print"), "no print style");
    assert!(
        css.contains("\"Noto Sans CJK SC\"")
            && css.contains("\"Microsoft YaHei\"")
            && css.contains("\"PingFang SC\""),
        "no CJK font stack for Linux, Windows and macOS"
    );
}

/// With no filter: every panel, its figures from the seven reports.
#[test]
fn dashboard_has_every_panel_and_needs_nothing_else() {
    let page = dashboard("en", &["--today", "2026-12-20"]);
    assert_self_contained(&page);
    assert_eq!(select(&page, "html")[0].value().attr("lang"), Some("en"));
    assert_eq!(text(&select(&page, "h1")[0]), "Inspection dashboard");
    assert!(text(&select(&page, ".overview")[0]).starts_with("7 inspections"));

    // Inspections per month: 2026-01 R1, 2026-02 R2 R3 R6, 2026-03 R4 R5 R7.
    let bars: Vec<String> = select(&page, ".per-month rect.bar title")
        .iter()
        .map(text)
        .collect();
    assert_eq!(bars, ["2026-01: 1", "2026-02: 3", "2026-03: 3"]);
    // One line per template, a point per month it was inspected in.
    let series: Vec<(String, usize)> = select(&page, ".trend g.series")
        .iter()
        .map(|g| {
            let dots = g.select(&Selector::parse("circle").unwrap()).count();
            (g.value().attr("data-template").unwrap().to_owned(), dots)
        })
        .collect();
    assert_eq!(
        series,
        [("mini".to_owned(), 3), ("ops-inspection".to_owned(), 2)]
    );
    // Areas: the mini template's Safety and Service, and the ten of the built-in one.
    assert_eq!(select(&page, ".areas h3").len(), 2);
    assert_eq!(select(&page, ".areas tbody tr").len(), 12);
    for mark in select(&page, ".areas .mark") {
        let style = mark.value().attr("style").unwrap();
        let left: f64 = style
            .trim_start_matches("left: ")
            .trim_end_matches('%')
            .parse()
            .unwrap();
        assert!((0.0..=100.0).contains(&left), "{style}");
    }
    // Subjects ranked by their latest percent, best first: one row per (template, subject).
    let ranked: Vec<Vec<String>> = select(&page, ".subjects tbody tr")
        .iter()
        .map(|r| {
            r.select(&Selector::parse("td").unwrap())
                .map(|c| text(&c))
                .collect()
        })
        .collect();
    assert_eq!(ranked.len(), 5, "{ranked:?}");
    let latest: Vec<f64> = ranked
        .iter()
        .map(|r| r[4].trim_end_matches('%').parse().unwrap())
        .collect();
    assert!(
        latest.windows(2).all(|w| w[0] >= w[1]),
        "not ranked: {latest:?}"
    );
    assert_eq!(ranked[0][0], "1");
    // The most-failed items, and only the overdue actions, most overdue first.
    assert!(!select(&page, ".findings tbody tr").is_empty());
    let actions: Vec<String> = select(&page, ".actions tbody tr")
        .iter()
        .map(text)
        .collect();
    assert_eq!(actions.len(), 2, "{actions:?}");
    assert!(
        actions[0].contains("Clear the fire exit") && actions[0].contains("19 days"),
        "{actions:?}"
    );
    assert!(
        actions[1].contains("Refill the extinguisher") && actions[1].contains("10 days"),
        "{actions:?}"
    );

    let stated = filters(&page);
    for (label, value) in [
        ("Since", "all"),
        ("Result", "all"),
        ("Overdue counted from", "2026-12-20"),
    ] {
        assert!(
            stated.contains(&(label.to_owned(), value.to_owned())),
            "{stated:?}"
        );
    }
}

/// Every filter given is stated at the top with its value, and honoured: the page
/// counts what `summary --format json` counts with the same filters.
#[test]
fn dashboard_states_and_honours_every_filter() {
    let args = [
        "--since",
        "2026-02-01",
        "--until",
        "2026-03-31",
        "--subject",
        "Store *",
        "--template",
        "mini",
        "--inspector",
        "Bob",
        "--result",
        "fail",
        "--pooled",
        "--today",
        "2026-12-20",
    ];
    for (lang, expected) in [
        (
            "en",
            [
                ("Since", "2026-02-01"),
                ("Until", "2026-03-31"),
                ("Subjects", "Store *"),
                ("Template", "mini"),
                ("Inspector", "Bob"),
                ("Result", "FAIL"),
                ("Mean", "pooled points (Σ points / Σ maximum points)"),
                ("Overdue counted from", "2026-12-20"),
            ],
        ),
        (
            "zh-CN",
            [
                ("起始日期", "2026-02-01"),
                ("截止日期", "2026-03-31"),
                ("检查对象", "Store *"),
                ("模板", "mini"),
                ("检查人", "Bob"),
                ("结果", "未通过"),
                ("平均方式", "合并得分（总得分 ÷ 总满分）"),
                ("逾期计算日", "2026-12-20"),
            ],
        ),
    ] {
        let page = dashboard(lang, &args);
        assert_self_contained(&page);
        let stated = filters(&page);
        for (label, value) in expected {
            assert!(
                stated.contains(&(label.to_owned(), value.to_owned())),
                "{lang}: {label} = {value} not stated in {stated:?}"
            );
        }
        assert!(stated[0].1.ends_with("corpus-dashboard"), "{stated:?}");

        let mut argv: Vec<OsString> = vec!["summary".into(), dir().into()];
        argv.extend(args.iter().map(OsString::from));
        argv.extend(["--format".into(), "json".into()]);
        let out = in_process(argv, b"");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let count = json["reports"].as_u64().unwrap();
        assert!(count > 0, "the filters leave something to show");
        let bars: u64 = select(&page, ".per-month text.count")
            .iter()
            .map(|t| text(t).parse::<u64>().unwrap())
            .sum();
        assert_eq!(bars, count, "{lang}");
        let subjects: Vec<String> = select(&page, ".subjects tbody tr td:nth-child(2)")
            .iter()
            .map(text)
            .collect();
        assert!(
            subjects.iter().all(|s| s.starts_with("Store ")),
            "{subjects:?}"
        );
    }
}

/// The Chinese page: Chinese headings around the reports' own text.
#[test]
fn dashboard_in_chinese() {
    let page = dashboard("zh-CN", &["--today", "2026-12-20"]);
    assert_eq!(select(&page, "html")[0].value().attr("lang"), Some("zh-CN"));
    assert_eq!(text(&select(&page, "h1")[0]), "巡检仪表盘");
    let headings: Vec<String> = select(&page, "h2").iter().map(text).collect();
    assert_eq!(
        headings,
        [
            "每月检查次数",
            "各模板每月平均得分",
            "各领域：平均分与分布",
            "检查对象排名（按最近一次检查）",
            "最常不合格的检查项",
            "逾期的整改措施",
            "待巡检"
        ]
    );
    let actions: Vec<String> = select(&page, ".actions tbody tr")
        .iter()
        .map(text)
        .collect();
    assert!(
        actions.iter().any(|a| a.contains("Clear the fire exit")),
        "{actions:?}"
    );
}

/// `--format html` is the one page of every view: `--by` with it is a usage error.
#[test]
fn dashboard_refuses_a_single_view() {
    let out = in_process(
        [
            "summary".into(),
            dir().as_os_str().to_owned(),
            "--by".into(),
            "area".into(),
            "--format".into(),
            "html".into(),
        ],
        b"",
    );
    assert_code(&out, 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--by"));
    assert!(out.stdout.is_empty());
}

/// The overdue panel shows the derived state of the actions: one marked done with
/// `actions done` is no longer overdue there.
#[test]
fn a_done_action_is_not_overdue_on_the_dashboard() {
    let copy = tempfile::tempdir().unwrap();
    corpus::copy_reports(dir(), copy.path());
    let page = |dir: &Path| {
        let out = in_process(
            [
                "summary".into(),
                dir.as_os_str().to_owned(),
                "--today".into(),
                "2026-12-20".into(),
                "--format".into(),
                "html".into(),
            ],
            b"",
        );
        assert_code(&out, 0);
        Html::parse_document(&String::from_utf8(out.stdout).unwrap())
    };
    let before: Vec<String> = select(&page(copy.path()), ".actions tbody tr")
        .iter()
        .map(text)
        .collect();
    assert!(
        before.iter().any(|a| a.contains("Clear the fire exit")),
        "{before:?}"
    );
    let out = in_process(
        [
            "summary".into(),
            copy.path().as_os_str().to_owned(),
            "--actions".into(),
            "--today".into(),
            "2026-12-20".into(),
            "--format".into(),
            "json".into(),
        ],
        b"",
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["action"] == "Clear the fire exit")
        .and_then(|r| r["id"].as_str())
        .unwrap_or_else(|| panic!("{json}"))
        .to_owned();
    let out = in_process(
        [
            "actions".into(),
            "done".into(),
            OsString::from(&id),
            "--note".into(),
            "cleared".into(),
            "--by".into(),
            "Bob".into(),
            "--out".into(),
            copy.path().as_os_str().to_owned(),
            "--today".into(),
            "2026-12-19".into(),
        ],
        b"",
    );
    assert_code(&out, 0);
    let after: Vec<String> = select(&page(copy.path()), ".actions tbody tr")
        .iter()
        .map(text)
        .collect();
    assert!(
        !after.iter().any(|a| a.contains("Clear the fire exit")),
        "{after:?}"
    );
    assert_eq!(after.len(), before.len() - 1, "{after:?}");
}

/// The due panel lists what `opscheck due` lists as late — never inspected first, then
/// the most overdue — and leaves out what is not due yet; without a sites file it says
/// where schedules are set.
#[test]
fn the_dashboard_lists_inspections_due_from_the_sites_file() {
    let dir_ = tempfile::tempdir().unwrap();
    let sites = dir_.path().join("sites.toml");
    std::fs::write(
        &sites,
        r#"
[[sites]]
subject = "Store 1"
name = "Riverside"
region = "East"
[[sites.schedules]]
template = "ops-inspection"
every = "52w"

[[sites]]
subject = "Store 2"
name = "Market"
region = "East"
[[sites.schedules]]
template = "ops-inspection"
every = "52w"

[[sites]]
subject = "Store 3"
name = "Harbour"
region = "East"
[[sites.schedules]]
template = "ops-inspection"
every = "1m"
"#,
    )
    .unwrap();
    let page = |lang: &str, sites: &Path| {
        dashboard(
            lang,
            &["--today", "2026-05-05", "--sites", sites.to_str().unwrap()],
        )
    };
    let rows: Vec<String> = select(&page("en", &sites), ".due tbody tr")
        .iter()
        .map(text)
        .collect();
    assert_eq!(rows.len(), 2, "Store 2 is not due until 2027: {rows:?}");
    assert!(
        rows[0].contains("Store 1") && rows[0].contains("never inspected"),
        "{rows:?}"
    );
    assert!(
        rows[1].contains("Store 3") && rows[1].contains("2026-02-25") && rows[1].contains("41"),
        "{rows:?}"
    );
    let zh: Vec<String> = select(&page("zh-CN", &sites), ".due tbody tr")
        .iter()
        .map(text)
        .collect();
    assert!(zh[0].contains("从未巡检"), "{zh:?}");

    let none = page("en", &dir_.path().join("no-such-sites.toml"));
    let said: Vec<String> = select(&none, ".due p").iter().map(text).collect();
    assert!(said[0].contains("no sites file"), "{said:?}");
}
