//! `opscheck report REPORT.json --format md|html|csv|json` on a committed report made by
//! `opscheck run` (`tests/fixtures/report/hostile.json`, from
//! `tests/fixtures/report/hostile-answers.toml`): the HTML parsed by a real HTML parser,
//! user text kept as text, formula injection in CSV, and `run --format` writing every
//! format under one stem. What each format looks like, in English and Chinese, is pinned
//! by the snapshot cases `tests/cmd/report-*.toml` (`TRYCMD=overwrite` refreshes them).

use crate::common;
use crate::corpus;
use crate::run_support;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{opscheck, root};
use run_support::{Inspection, assert_code, assert_digest, run_plain, stdout};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/report/hostile.json";
const ANSWERS: &str = "tests/fixtures/report/hostile-answers.toml";
const SUBJECT: &str = "门店 7 \" onmouseover=\"x";
const SCRIPT_NOTE: &str = "<script>alert(1)</script>";
const ATTRIBUTE_NOTE: &str = "\" onmouseover=\"x";

fn report(lang: &str, format: &str, extra: &[&str]) -> Output {
    let out = run_plain(
        opscheck()
            .args(["--lang", lang, "report", FIXTURE, "--format", format])
            .args(extra),
    );
    assert_code(&out, 0);
    out
}

fn text(lang: &str, format: &str) -> String {
    String::from_utf8(report(lang, format, &[]).stdout).expect("UTF-8 output")
}

#[test]
fn the_fixture_is_what_run_makes_today() {
    let fixture = std::fs::read_to_string(root().join(FIXTURE)).unwrap();
    assert_digest(&fixture);
    let answers = std::fs::read_to_string(root().join(ANSWERS)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = Inspection {
        template: corpus::MINI,
        subject: SUBJECT,
        inspector: "李伟",
        date: "2026-11-29",
        stdin: "",
        answers: Some(&answers),
    }
    .run(out.path());
    let strip = |text: &str| {
        let mut v: Value = serde_json::from_str(text).unwrap();
        for key in ["started_at", "finished_at", "digest"] {
            v.as_object_mut().unwrap().remove(key);
        }
        v
    };
    assert_eq!(
        strip(&std::fs::read_to_string(path).unwrap()),
        strip(&fixture),
        "regenerate {FIXTURE} as its answers file says"
    );
}

#[test]
fn json_format_gives_the_report_back_unchanged() {
    let fixture = std::fs::read(root().join(FIXTURE)).unwrap();
    assert_eq!(report("en", "json", &[]).stdout, fixture);
}

#[test]
fn an_unreadable_report_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("foreign.json");
    std::fs::write(&foreign, r#"{"hello":1}"#).unwrap();
    let out = run_plain(opscheck().arg("report").arg(&foreign));
    assert_code(&out, 2);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("foreign.json"),
        "names the file"
    );
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector).collect()
}

fn text_of(element: &ElementRef<'_>) -> String {
    element.text().collect()
}

#[test]
fn html_has_the_badge_the_radar_the_bars_and_a_block_per_finding() {
    for (lang, verdict) in [("en", "FAIL"), ("zh-CN", "未通过")] {
        let source = text(lang, "html");
        let html = Html::parse_document(&source);
        assert_eq!(
            html.errors,
            Vec::<std::borrow::Cow<'_, str>>::new(),
            "{lang}: parse errors"
        );
        let root_lang = select(&html, "html")[0].value().attr("lang");
        assert_eq!(root_lang, Some(lang));

        let badges = select(&html, ".badge");
        assert_eq!(badges.len(), 1, "{lang}");
        assert!(badges[0].value().classes().any(|c| c == "fail"), "{lang}");
        assert_eq!(text_of(&badges[0]).trim(), verdict);
        assert_eq!(text_of(&select(&html, ".percent")[0]), "25.0%");

        // Four rings, the pass mark and the shape. Two areas are drawn on three axes
        // (the third at the centre); Safety at 25 % of the 130 radius is straight up
        // from the centre (220, 220): y = 220 − 32.5 = 187.5.
        let polygons = select(&html, "svg.radar polygon");
        assert_eq!(polygons.len(), 6, "{lang}");
        let shape = polygons
            .iter()
            .find(|p| {
                p.value()
                    .attr("fill")
                    .is_some_and(|f| f.starts_with("rgba"))
            })
            .expect("the filled shape of the area percents");
        let points: Vec<&str> = shape
            .value()
            .attr("points")
            .unwrap()
            .split_whitespace()
            .collect();
        assert_eq!(points.len(), 3, "{points:?}");
        assert_eq!(points[0], "220,187.5");
        assert_eq!(
            points[2], "220,220",
            "the missing third area sits at the centre"
        );

        let bars = select(&html, ".bar > div");
        assert_eq!(bars.len(), 2);
        for bar in bars {
            assert_eq!(bar.value().attr("style"), Some("width: 25.0%"));
            assert!(bar.value().classes().any(|c| c == "below"));
        }

        let findings = select(&html, ".finding");
        let severities: Vec<Vec<&str>> = findings
            .iter()
            .map(|f| f.value().classes().filter(|c| *c != "finding").collect())
            .collect();
        assert_eq!(
            severities,
            [["critical"], ["failed"], ["failed"], ["minor"]],
            "{lang}"
        );
        assert!(text_of(&findings[0]).contains("=SUM(A1:A9)"), "{lang}");
        assert!(text_of(&findings[2]).contains("培训迎宾"), "{lang}");
    }
}

#[test]
fn html_user_text_stays_text() {
    for lang in ["en", "zh-CN"] {
        let source = text(lang, "html");
        let html = Html::parse_document(&source);
        assert!(
            select(&html, "script").is_empty(),
            "{lang}: a <script> element"
        );
        assert!(
            select(&html, "i").is_empty(),
            "{lang}: an <i> element from a remark"
        );
        assert!(
            select(&html, "[onmouseover]").is_empty(),
            "{lang}: an onmouseover attribute"
        );
        for element in select(&html, "*") {
            for (name, _) in element.value().attrs() {
                assert!(!name.starts_with("on"), "{lang}: event handler {name}");
            }
        }
        // The literals are there, as text.
        let subject = select(&html, ".meta strong");
        assert_eq!(text_of(&subject[0]), SUBJECT);
        let title = text_of(&select(&html, "title")[0]);
        assert!(title.contains(SUBJECT), "{title}");
        let notes: Vec<String> = select(&html, ".finding p").iter().map(text_of).collect();
        assert!(
            notes.iter().any(|n| n.ends_with(SCRIPT_NOTE)),
            "{lang}: {notes:#?}"
        );
        assert!(
            notes.iter().any(|n| n.ends_with(ATTRIBUTE_NOTE)),
            "{lang}: {notes:#?}"
        );
        let cells: Vec<String> = select(&html, "td").iter().map(text_of).collect();
        for literal in [SCRIPT_NOTE, ATTRIBUTE_NOTE, "多语言 | ok <i>fine</i>"] {
            assert!(cells.iter().any(|c| c == literal), "{lang}: {literal}");
        }
    }
}

#[test]
fn html_fetches_nothing() {
    for lang in ["en", "zh-CN"] {
        let source = text(lang, "html");
        for needle in ["http://", "https://", "url(", "@import", "//cdn"] {
            assert!(!source.contains(needle), "{lang}: {needle} in the HTML");
        }
        let html = Html::parse_document(&source);
        for tag in [
            "script", "link", "img", "iframe", "object", "embed", "image", "use",
        ] {
            assert!(select(&html, tag).is_empty(), "{lang}: a <{tag}> element");
        }
        for element in select(&html, "*") {
            for attr in ["src", "href", "xlink:href", "srcset", "action"] {
                assert!(
                    element.value().attr(attr).is_none(),
                    "{lang}: {attr} on <{}>",
                    element.value().name()
                );
            }
        }
        assert!(
            !select(&html, "style").is_empty(),
            "the CSS is inline, in a <style> element"
        );
        assert!(source.contains("@media print"), "a print stylesheet");
    }
}

/// The rows of a CSV text, header first.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn csv_is_the_action_plan_with_formulas_neutralised() {
    let rows = csv_rows(&report("en", "csv", &[]).stdout);
    assert_eq!(
        rows[0],
        [
            "Area", "Item", "Severity", "Answer", "Score", "Note", "Action", "Owner", "Due",
            "Priority"
        ]
    );
    assert_eq!(rows.len(), 1 + 4, "one row per finding");
    let expected = [
        [
            "Safety",
            "Are the fire exits clear?",
            "critical",
            "no",
            "0",
            SCRIPT_NOTE,
            "'=SUM(A1:A9)",
            "'@ops",
            "2026-12-01",
            "high",
        ],
        [
            "Safety",
            "Is the extinguisher charged?",
            "failed",
            "no",
            "0",
            "'+1 refill",
            "'-2 spare units",
            "王芳",
            "2026-12-15",
            "medium",
        ],
        [
            "Service",
            "Are customers greeted?",
            "failed",
            "no",
            "0",
            "'@here 迎宾不足 | 两人",
            "培训迎宾",
            "李伟",
            "",
            "low",
        ],
        [
            "Service",
            "How long is the checkout queue?",
            "minor",
            "Medium",
            "0.5",
            ATTRIBUTE_NOTE,
            "",
            "",
            "",
            "",
        ],
    ];
    for (row, expected) in rows[1..].iter().zip(expected) {
        assert_eq!(row, &expected);
    }
    // No cell a spreadsheet would run.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} in {row:?}"
            );
        }
    }

    let plain = report("en", "csv", &[]).stdout;
    let excel = report("en", "csv", &["--excel"]).stdout;
    assert!(excel.starts_with(b"\xEF\xBB\xBF"), "--excel adds the BOM");
    assert_eq!(&excel[3..], plain.as_slice());
    assert!(!plain.starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn markdown_escapes_pipes_in_user_text() {
    let md = text("en", "md");
    assert!(md.contains(r"@here 迎宾不足 \| 两人"), "{md}");
    let remark = md
        .lines()
        .find(|l| l.starts_with("| Anything else?"))
        .expect(&md);
    assert!(remark.contains(r"多语言 \| ok"), "{remark}");
    assert_eq!(
        remark.replace(r"\|", "").matches('|').count(),
        5,
        "{remark}"
    );
}

/// In Chinese, yes and no read 是 and 否 wherever an answer is shown: the findings
/// (they do), the table of every answer in Markdown, and the CSV action plan.
#[test]
fn chinese_reports_show_yes_and_no_in_chinese_everywhere() {
    let md = text("zh-CN", "md");
    let row = md
        .lines()
        .find(|l| l.starts_with("| Are the fire exits clear?"))
        .expect(&md);
    assert!(
        row.contains("| 否 "),
        "the answers table says no in English: {row}"
    );
    let row = md
        .lines()
        .find(|l| l.starts_with("| Was a fire drill held this quarter?"))
        .expect(&md);
    assert!(
        row.contains("| 是 "),
        "the answers table says yes in English: {row}"
    );
    assert!(md.contains("回答：否（得分 0）"), "the findings do");

    let rows = csv_rows(&report("zh-CN", "csv", &[]).stdout);
    assert_eq!(rows[0][3], "回答");
    assert_eq!(rows[1][2], "关键项");
    assert_eq!(rows[1][3], "否", "the CSV answer column: {:?}", rows[1]);
}

#[test]
fn run_writes_every_format_asked_under_one_stem() {
    let out = tempfile::tempdir().unwrap();
    let answers = std::fs::read_to_string(root().join(ANSWERS)).unwrap();
    let paths = Inspection {
        template: corpus::MINI,
        subject: "Store 5",
        inspector: "李伟",
        date: "2026-11-29",
        stdin: "",
        answers: Some(&answers),
    }
    .run_with(out.path(), &["--format", "md,html,csv"]);
    let stem = out.path().join("2026-11-29-mini-store-5");
    let expected: Vec<PathBuf> = ["json", "md", "html", "csv"]
        .iter()
        .map(|e| stem.with_extension(e))
        .collect();
    assert_eq!(paths, expected);
    let mut on_disk = run_support::files_under(out.path());
    on_disk.sort();
    let mut sorted = expected.clone();
    sorted.sort();
    assert_eq!(on_disk, sorted, "nothing else (no draft left)");
    // Each file is what `report` renders from the JSON.
    let json: &Path = &paths[0];
    for path in &paths[1..] {
        let format = path.extension().unwrap().to_str().unwrap();
        let rendered = run_plain(
            opscheck()
                .args(["report"])
                .arg(json)
                .args(["--format", format]),
        );
        assert_code(&rendered, 0);
        assert_eq!(
            stdout(&rendered),
            std::fs::read_to_string(path).unwrap(),
            "{format}"
        );
    }
    // Only JSON when asked for JSON alone.
    let paths = Inspection {
        template: corpus::MINI,
        subject: "Store 6",
        inspector: "李伟",
        date: "2026-11-29",
        stdin: "",
        answers: Some(&answers),
    }
    .run_with(out.path(), &["--format", "json"]);
    assert_eq!(paths, [out.path().join("2026-11-29-mini-store-6.json")]);
}
