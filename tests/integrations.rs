//! The integration defects of issue 15, each as its user meets it: SARIF viewers,
//! GitHub annotations, JUnit dashboards, pre-commit, editors reading the JSON Schema,
//! `man`, `--help`, DuckDB over `export`, Excel over CSV.

mod common;
mod run_support;

use std::path::Path;

use common::{json, opscheck, output};

/// A template with an unknown key (a typo with a near miss), an item id used twice
/// and a warning, in a directory whose name needs percent-encoding in a URI.
const PROBLEMS: &str = r#"format = 1
id = "mini"
title = "Mini"
version = "1"
language = "en"
[[sections]]
id = "a"
title = "A"
[[sections.items]]
id = "x"
text = "?"
gudance = "g"
kind = "yes_no"
[[sections.items]]
id = "x"
text = "again"
guidance = "g"
kind = "yes_no"
"#;

const DIR: &str = "my checks 100%";
const FILE: &str = "门店.toml";

fn problems_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(DIR)).unwrap();
    std::fs::write(dir.path().join(DIR).join(FILE), PROBLEMS).unwrap();
    dir
}

fn validate(dir: &Path, format: &str) -> (Option<i32>, String) {
    let path = format!("{DIR}/{FILE}");
    let out = output(
        opscheck()
            .current_dir(dir)
            .args(["validate", "--format", format, &path]),
    );
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

/// SARIF: the URI is percent-encoded (RFC 3986), every rule has its descriptions and
/// help, the "did you mean" hint is in the message and a duplicate id's first place is
/// a related location.
#[test]
fn sarif_uris_rules_hints_and_related_locations() {
    let dir = problems_fixture();
    let (code, text) = validate(dir.path(), "sarif");
    assert_eq!(code, Some(1));
    let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    for r in results {
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "my%20checks%20100%25/%E9%97%A8%E5%BA%97.toml"
        );
    }
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        for field in ["shortDescription", "fullDescription", "help"] {
            let text = rule[field]["text"].as_str().unwrap_or_default();
            assert!(!text.is_empty(), "rule {} has no {field}", rule["id"]);
            assert!(!text.contains("{$"), "{field} of {}: {text}", rule["id"]);
            assert!(
                !text.contains("localization"),
                "{field} of {}: {text}",
                rule["id"]
            );
        }
    }
    let rule = |id: &str| {
        run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    let duplicate = rule("check-duplicate-item");
    assert_eq!(
        duplicate["shortDescription"]["text"],
        "duplicate item id `…`"
    );
    assert_eq!(
        duplicate["fullDescription"]["text"],
        "duplicate item id `…`: item ids must be unique across the whole template"
    );
    let unknown = results
        .iter()
        .find(|r| r["ruleId"] == "check-unknown-key")
        .unwrap();
    assert!(
        unknown["message"]["text"]
            .as_str()
            .unwrap()
            .contains("did you mean `guidance`?"),
        "{unknown}"
    );
    let duplicate = results
        .iter()
        .find(|r| r["ruleId"] == "check-duplicate-item")
        .unwrap();
    let related = &duplicate["relatedLocations"][0];
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 10);
    assert_eq!(related["message"]["text"], "first used here");
    assert_eq!(
        duplicate["locations"][0]["physicalLocation"]["region"]["startLine"],
        15
    );
    assert!(
        duplicate["message"]["text"]
            .as_str()
            .unwrap()
            .contains("item ids must be unique"),
        "{duplicate}"
    );
}

/// GitHub annotations carry the hint and the first place of a duplicate too.
#[test]
fn github_annotations_carry_hints_and_first_locations() {
    let dir = problems_fixture();
    let (code, text) = validate(dir.path(), "github");
    assert_eq!(code, Some(1));
    let unknown = text
        .lines()
        .find(|l| l.contains("unknown key"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(unknown.contains("did you mean `guidance`?"), "{unknown}");
    let duplicate = text
        .lines()
        .find(|l| l.contains("duplicate item id"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        duplicate.contains("first used here: my checks 100%25/门店.toml:10:6"),
        "{duplicate}"
    );
    assert!(duplicate.contains("line=15"), "{duplicate}");
}

/// JUnit lists the warnings of every file, valid or not.
#[test]
fn junit_lists_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let warned = PROBLEMS.replace("gudance = \"g\"\n", "").replace(
        "id = \"x\"\ntext = \"again\"",
        "id = \"y\"\ntext = \"again\"",
    );
    std::fs::write(dir.path().join("warned.toml"), warned).unwrap();
    let out = output(opscheck().current_dir(dir.path()).args([
        "validate",
        "--format",
        "junit",
        "warned.toml",
    ]));
    assert_eq!(out.status.code(), Some(0));
    let xml = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let case = doc
        .descendants()
        .find(|n| n.has_tag_name("testcase"))
        .unwrap();
    let out_text: String = case
        .descendants()
        .filter(|n| n.has_tag_name("system-out"))
        .flat_map(|n| n.text())
        .collect();
    assert!(
        out_text.contains("warned.toml:10:6: warning: item `x` has no guidance"),
        "{xml}"
    );
}

/// `validate --format json` keeps the hint, the help and the related place.
#[test]
fn validate_json_keeps_hints() {
    let dir = problems_fixture();
    let path = format!("{DIR}/{FILE}");
    let out = output(
        opscheck()
            .current_dir(dir.path())
            .args(["validate", "--format", "json", &path]),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = v[0]["problems"].as_array().unwrap();
    let duplicate = problems
        .iter()
        .find(|p| p["rule"] == "check-duplicate-item")
        .unwrap();
    assert_eq!(duplicate["related"]["line"], 10);
    assert_eq!(
        duplicate["help"],
        "item ids must be unique across the whole template"
    );
    let unknown = problems
        .iter()
        .find(|p| p["rule"] == "check-unknown-key")
        .unwrap();
    assert_eq!(unknown["label"], "did you mean `guidance`?");
    let _ = json;
}

/// The shipped pre-commit hook picks template files only: the `files` pattern (Python
/// `re.search` on the repository-relative path, which the `regex` crate matches the
/// same way for this pattern) takes `checklists/*.toml` at any depth and leaves the
/// TOML files of Cargo, rustup and Python alone.
#[test]
fn pre_commit_hook_matches_only_template_files() {
    let hooks = std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap();
    let field = |name: &str| {
        hooks
            .lines()
            .find_map(|l| l.trim_start().strip_prefix(&format!("{name}: ")))
            .map(|v| v.trim().to_owned())
    };
    let files = regex::Regex::new(&field("files").expect("a files pattern")).unwrap();
    let exclude = field("exclude").map(|e| regex::Regex::new(&e).unwrap());
    let picked =
        |path: &str| files.is_match(path) && exclude.as_ref().is_none_or(|e| !e.is_match(path));
    for path in [
        "checklists/ops-inspection.toml",
        "checklists/ops-inspection.zh-CN.toml",
        "teams/east/checklists/门店巡检.toml",
    ] {
        assert!(picked(path), "{path} should be validated");
    }
    for path in [
        ".cargo/config.toml",
        "rust-toolchain.toml",
        "pyproject.toml",
        "tools/pyproject.toml",
        "Cargo.toml",
        "crates/x/Cargo.toml",
        "taplo.toml",
        ".taplo.toml",
        "checklists/schema.json",
        "checklists/old.toml.bak",
        "reports/2026-11-29-x.json",
        "mychecklists/a.toml",
    ] {
        assert!(!picked(path), "{path} should not be validated");
    }
}

const MINIMAL: &str = r#"format = 1
id = "mini"
title = "Mini inspection"
version = "1.0.0"
language = "en"

[scoring]
pass_mark = 80
item_pass = 0.5

[[sections]]
id = "site"
title = "Site"
weight = 1

[[sections.items]]
id = "door-locked"
text = "Is the door locked?"
guidance = "Try the handle."
kind = "yes_no"
weight = 2
pass = 1
"#;

/// What `validate` rejects for a number out of its bounds, an id out of its pattern or
/// a language that is no tag, the JSON Schema rejects too, so that taplo (or any
/// editor) flags it while typing.
#[test]
fn schema_has_the_bounds_and_patterns_validate_checks() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("checklists/schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let as_json = |text: &str| -> serde_json::Value { toml::from_str(text).unwrap() };
    assert!(validator.is_valid(&as_json(MINIMAL)));
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("pass_mark above 100", "pass_mark = 80", "pass_mark = 101"),
        ("pass_mark below 0", "pass_mark = 80", "pass_mark = -1"),
        ("item_pass above 1", "item_pass = 0.5", "item_pass = 1.5"),
        ("a zero item weight", "weight = 2", "weight = 0"),
        ("a negative section weight", "weight = 1", "weight = -1"),
        ("an item pass level above 1", "pass = 1", "pass = 2"),
        (
            "a section id with a space",
            "id = \"site\"",
            "id = \"Site A\"",
        ),
        (
            "an item id with capitals",
            "id = \"door-locked\"",
            "id = \"Door_Locked\"",
        ),
        (
            "a language that is no tag",
            "language = \"en\"",
            "language = \"english!\"",
        ),
    ];
    for (what, from, to) in cases {
        let text = MINIMAL.replacen(from, to, 1);
        assert_ne!(text, MINIMAL, "{what}: the edit did not apply");
        let path = dir.path().join("t.toml");
        std::fs::write(&path, &text).unwrap();
        let out = output(opscheck().arg("validate").arg(&path));
        assert_eq!(out.status.code(), Some(1), "validate accepts {what}");
        assert!(
            !validator.is_valid(&as_json(&text)),
            "the schema accepts {what}"
        );
    }
}

/// Runs `tests/fixtures/radar.toml` (five areas: long English and Chinese titles, one
/// at 0 %, one all N/A) and renders its report as HTML.
fn radar_html(dir: &Path) -> String {
    let report = inspect(
        "tests/fixtures/radar.toml",
        "S",
        "2026-11-29",
        "y\nn\nna\ny\ny\n",
        None,
        dir,
        &[],
    );
    let out = output(
        opscheck()
            .arg("report")
            .arg(&report)
            .args(["--format", "html"]),
    );
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

/// `opscheck run` in line mode (inspector `I`) into `out` with `stdin` typed, an optional
/// answers file and `extra` flags; asserts exit 0 and gives the JSON report's path.
fn inspect(
    template: &str,
    subject: &str,
    date: &str,
    stdin: &str,
    answers: Option<&str>,
    out: &Path,
    extra: &[&str],
) -> std::path::PathBuf {
    run_support::Inspection {
        template,
        subject,
        inspector: "I",
        date,
        stdin,
        answers,
    }
    .run_with(out, extra)
    .remove(0)
}

/// A label's width in px at the chart's 11 px, counted generously: a wide (CJK)
/// character 1 em, any other 0.62 em.
fn label_width(text: &str) -> f64 {
    text.chars()
        .map(|c| {
            if (c as u32) >= 0x2E80 {
                11.0
            } else {
                0.62 * 11.0
            }
        })
        .sum()
}

/// The radar shows every area title whole, inside the drawing (none cut at an edge,
/// none shortened with "…"), and an area without a score is drawn apart from one at
/// 0 %: a dashed axis and "no score" instead of a point at the centre.
#[test]
fn radar_labels_are_whole_and_no_score_is_not_zero() {
    use scraper::{Html, Selector};
    let dir = tempfile::tempdir().unwrap();
    let html = Html::parse_document(&radar_html(dir.path()));
    let sel = |s: &str| Selector::parse(s).unwrap();
    let svg = html.select(&sel("svg.radar")).next().unwrap();
    let view: Vec<f64> = svg
        .value()
        .attr("viewBox")
        .unwrap()
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    let (left, top, right, bottom) = (view[0], view[1], view[0] + view[2], view[1] + view[3]);
    let titles = [
        "Training and development",
        "Risk management",
        "Customer feedback and complaints handling",
        "数据监控与实时看板的准确性检查",
        "Continuous improvement and lessons learned",
    ];
    let labels: Vec<_> = svg.select(&sel("text.axis-label")).collect();
    assert_eq!(labels.len(), titles.len());
    for (label, title) in labels.iter().zip(titles) {
        let lines: Vec<String> = label
            .select(&sel("tspan.title"))
            .map(|t| t.text().collect::<String>())
            .collect();
        let joined = if title.is_ascii() {
            lines.join(" ")
        } else {
            lines.concat()
        };
        assert_eq!(joined, title, "the label is the whole title");
        let x: f64 = label.value().attr("x").unwrap().parse().unwrap();
        let y: f64 = label.value().attr("y").unwrap().parse().unwrap();
        let width = lines.iter().map(|l| label_width(l)).fold(0.0, f64::max);
        let (from, to) = match label.value().attr("text-anchor").unwrap() {
            "start" => (x, x + width),
            "end" => (x - width, x),
            _ => (x - width / 2.0, x + width / 2.0),
        };
        let rows = label.select(&sel("tspan")).count() as f64;
        assert!(
            from >= left && to <= right,
            "{title}: {from}..{to} outside {left}..{right}"
        );
        assert!(
            y - 14.0 >= top && y + 14.0 * rows <= bottom,
            "{title}: y {y} (+{rows} lines) outside {top}..{bottom}"
        );
    }
    // The N/A area: a dashed axis, its label says so, no point; the shape skips it.
    let no_score = &labels[2];
    assert!(
        no_score.text().collect::<String>().contains("no score"),
        "{}",
        no_score.html()
    );
    let axes: Vec<_> = svg.select(&sel("line.axis")).collect();
    assert_eq!(axes.len(), 5);
    assert!(axes[2].value().attr("stroke-dasharray").is_some());
    assert!(axes[1].value().attr("stroke-dasharray").is_none());
    let dots: Vec<_> = svg.select(&sel("circle.point")).collect();
    assert_eq!(
        dots.len(),
        4,
        "a point for each area with a score, 0 % included"
    );
    let center = svg.value().attr("data-center").unwrap().to_owned();
    let zero = &dots[1];
    assert_eq!(
        format!(
            "{},{}",
            zero.value().attr("cx").unwrap(),
            zero.value().attr("cy").unwrap()
        ),
        format!("{center},{center}"),
        "0 % is a point at the centre"
    );
    let shape = svg.select(&sel("polygon.shape")).next().unwrap();
    assert_eq!(
        shape
            .value()
            .attr("points")
            .unwrap()
            .split_whitespace()
            .count(),
        4,
        "the shape joins the four areas with a score"
    );
}

/// Every command path of the tree: `[]`, `["run"]`, … (clap's own `help` left out).
fn command_paths() -> Vec<Vec<String>> {
    use clap::CommandFactory;
    fn walk(command: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in command.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let mut next = path.clone();
            next.push(sub.get_name().to_owned());
            walk(sub, next, out);
        }
    }
    let mut out = Vec::new();
    walk(&opscheck::cli::Cli::command(), Vec::new(), &mut out);
    out
}

/// `--help` of every command, the top included, has examples and exit codes.
#[test]
fn every_help_has_examples_and_exit_codes() {
    let paths = command_paths();
    assert!(paths.len() > 10, "{paths:?}");
    for path in paths {
        let out = output(opscheck().args(&path).arg("--help"));
        assert_eq!(out.status.code(), Some(0), "{path:?}");
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(
            help.contains("\nExamples:\n  opscheck"),
            "`{}` --help has no examples:\n{help}",
            path.join(" ")
        );
        assert!(
            help.contains("\nExit codes:\n  0"),
            "`{}` --help has no exit codes:\n{help}",
            path.join(" ")
        );
    }
}

/// `--lang` names its values in `--help`, and the shells complete them.
#[test]
fn lang_lists_and_completes_its_values() {
    let out = output(opscheck().arg("-h"));
    let help = String::from_utf8(out.stdout).unwrap();
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("[possible values: en, zh-CN]"), "{help}");
    let out = output(opscheck().args(["run", "--help"]));
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains("- en:") && help.contains("- zh-CN:"),
        "{help}"
    );
    let out = output(opscheck().args(["completions", "bash"]));
    let bash = String::from_utf8(out.stdout).unwrap();
    let at = bash
        .find("--lang)")
        .expect("a --lang case in the bash script");
    assert!(
        bash[at..at + 200].contains("\"en zh-CN\""),
        "{}",
        &bash[at..at + 200]
    );
    let out = output(opscheck().args(["completions", "fish"]));
    let fish = String::from_utf8(out.stdout).unwrap();
    let at = fish
        .find("-l lang")
        .expect("a --lang completion in the fish script");
    let lang = &fish[at..(at + 300).min(fish.len())];
    assert!(
        lang.contains("\"en\\t") && lang.contains("zh-CN\\t"),
        "{lang}"
    );
    // The other spellings still parse.
    for lang in ["zh", "zh_CN", "zh-Hans", "EN"] {
        let out = output(opscheck().args(["--lang", lang, "list"]));
        assert_eq!(out.status.code(), Some(0), "--lang {lang}");
    }
    let out = output(opscheck().args(["--lang", "fr", "list"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("en, zh-CN"));
}

/// `opscheck man run` is the page of one subcommand; `man --out DIR` writes them all,
/// so every `opscheck-X(1)` the main page names exists; each has EXIT STATUS,
/// ENVIRONMENT and EXAMPLES, and `man -l` renders it.
#[test]
fn man_pages_per_subcommand() {
    let out = output(opscheck().args(["man", "run"]));
    assert_eq!(out.status.code(), Some(0));
    let run = String::from_utf8(out.stdout).unwrap();
    assert!(
        run.contains(".TH opscheck-run 1"),
        "{}",
        &run[..300.min(run.len())]
    );
    for section in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH EXAMPLES"] {
        assert!(run.contains(section), "no {section} in `man run`");
    }
    assert!(!run.contains(".SH EXTRA"), "exit codes still under EXTRA");
    assert!(
        run.contains("OPSCHECK_INSPECTOR"),
        "the inspector variable is documented"
    );

    let dir = tempfile::tempdir().unwrap();
    let out = output(opscheck().args(["man", "--out"]).arg(dir.path()));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let main = std::fs::read_to_string(dir.path().join("opscheck.1")).unwrap();
    for path in command_paths().into_iter().skip(1) {
        let name = format!("opscheck-{}", path.join("-"));
        let page = dir.path().join(format!("{name}.1"));
        let text = std::fs::read_to_string(&page)
            .unwrap_or_else(|_| panic!("{} is named but not written", page.display()));
        for section in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH EXAMPLES"] {
            assert!(text.contains(section), "no {section} in {name}");
        }
        if path.len() == 1 {
            let named = format!("{}(1)", name.replace('-', "\\-"));
            assert!(main.contains(&named), "the main page does not name {name}");
        }
    }
    for section in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH EXAMPLES"] {
        assert!(main.contains(section), "no {section} in opscheck.1");
    }
    // Never over an existing page.
    let again = output(opscheck().args(["man", "--out"]).arg(dir.path()));
    assert_eq!(again.status.code(), Some(2));
    if std::process::Command::new("man")
        .arg("--version")
        .output()
        .is_ok()
    {
        let out = std::process::Command::new("man")
            .arg("-l")
            .arg(dir.path().join("opscheck-run.1"))
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("EXIT STATUS") && text.contains("130"),
            "{text}"
        );
    }
}

const ZH_TEMPLATE: &str = r#"format = 1
id = "mendian"
title = "门店巡检"
version = "1"
language = "zh-CN"

[[sections]]
id = "safety"
title = "安全"
[[sections.items]]
id = "door"
text = "门锁好了吗？"
guidance = "试一下门把手。"
kind = "yes_no"
[[sections.items]]
id = "exit"
text = "安全出口畅通吗？"
guidance = "看一下通道。"
kind = "yes_no"
"#;

/// Runs a two-item template with `answers` piped in (the interface in English), and
/// returns the report's path.
fn run_template(dir: &Path, template: &str, answers: &str) -> std::path::PathBuf {
    let path = dir.join("template.toml");
    std::fs::write(&path, template).unwrap();
    let path = path.to_str().unwrap();
    inspect(
        path,
        "S",
        "2026-11-29",
        answers,
        None,
        &dir.join("reports"),
        &[],
    )
}

/// A Chinese report rendered under an English locale is a Chinese page (headings and
/// all), unless `--lang` asks otherwise; an English one under a Chinese locale stays
/// English.
#[test]
fn a_report_renders_in_its_own_language_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let zh = run_template(dir.path(), ZH_TEMPLATE, "y\nn\n");
    let html = |extra: &[&str], locale: &str, report: &Path| {
        let out = output(
            opscheck()
                .env("LANG", locale)
                .args(extra)
                .arg("report")
                .arg(report)
                .args(["--format", "html"]),
        );
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let page = html(&[], "C", &zh);
    assert!(page.contains("<html lang=\"zh-CN\">"), "{}", &page[..200]);
    assert!(
        page.contains("各领域得分") && !page.contains(">Areas<"),
        "English headings"
    );
    let md = output(opscheck().args(["report"]).arg(&zh));
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("各领域得分"), "{md}");
    let page = html(&["--lang", "en"], "C", &zh);
    assert!(page.contains("<html lang=\"en\">") && page.contains(">Areas<"));

    let dir = tempfile::tempdir().unwrap();
    let en = run_template(
        dir.path(),
        &ZH_TEMPLATE.replace("language = \"zh-CN\"", "language = \"en\""),
        "y\nn\n",
    );
    let page = html(&[], "zh_CN.UTF-8", &en);
    assert!(page.contains("<html lang=\"en\">") && page.contains(">Areas<"));
}

/// `run --format csv --excel` starts the action plan with a UTF-8 byte order mark, as
/// `report --format csv --excel` does; without `--excel` there is none.
#[test]
fn run_csv_excel_writes_the_bom() {
    for (extra, bom) in [
        (&["--format", "csv", "--excel"][..], true),
        (&["--format", "csv"], false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("template.toml");
        std::fs::write(&path, ZH_TEMPLATE).unwrap();
        inspect(
            path.to_str().unwrap(),
            "S",
            "2026-11-29",
            "y\nn\n",
            None,
            dir.path(),
            extra,
        );
        let csv = std::fs::read(dir.path().join("2026-11-29-mendian-s.csv")).unwrap();
        assert_eq!(csv.starts_with("\u{feff}".as_bytes()), bom, "{extra:?}");
        let text = String::from_utf8(csv).unwrap();
        assert!(text.contains("安全出口畅通吗？"), "{text}");
    }
}

const WEIGHTED: &str = r#"format = 1
id = "weighted"
title = "Weighted"
version = "1"
language = "en"

[[sections]]
id = "safety"
title = "Safety"
weight = 2
[[sections.items]]
id = "door"
text = "Door locked?"
guidance = "g"
kind = "yes_no"
weight = 3
critical = true
[[sections.items]]
id = "clean"
text = "How clean?"
guidance = "g"
kind = "choice"
weight = 1
options = [
  { label = "Spotless", score = 1 },
  { label = "Tidy", score = 0.5 },
  { label = "Dirty", score = 0 },
]
"#;

/// `export` carries what a weighted percent needs (`weight`, `points`, `best_score`,
/// `critical`, the report and its section weight) and each answer's stable key (a
/// choice's option position), the same whatever the language of the template.
#[test]
fn export_has_weights_points_and_stable_answer_keys() {
    let zh = WEIGHTED
        .replace("language = \"en\"", "language = \"zh-CN\"")
        .replace("Spotless", "一尘不染")
        .replace("Tidy", "整洁")
        .replace("Dirty", "脏乱");
    let mut keys = Vec::new();
    for template in [WEIGHTED.to_owned(), zh] {
        let dir = tempfile::tempdir().unwrap();
        let report = run_template(dir.path(), &template, "y\n2\n");
        let out = output(opscheck().arg("export").arg(report.parent().unwrap()));
        assert_eq!(out.status.code(), Some(0));
        let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rows.len(), 2);
        let (door, clean) = (&rows[0], &rows[1]);
        assert_eq!(door["weight"], 3.0);
        assert_eq!(door["critical"], true);
        assert_eq!(door["best_score"], 1.0);
        assert_eq!(door["points"], 3.0);
        assert_eq!(door["answer_key"], "yes");
        assert_eq!(door["section_weight"], 2.0);
        assert_eq!(clean["critical"], false);
        assert_eq!(clean["points"], 0.5);
        assert_eq!(clean["answer_key"], "2");
        assert!(door["report"].as_str().unwrap().ends_with(".json"));
        keys.push(clean["answer_key"].clone());

        let out = output(
            opscheck()
                .args(["export", "--format", "csv"])
                .arg(report.parent().unwrap()),
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
        for column in [
            "weight",
            "critical",
            "best_score",
            "points",
            "answer_key",
            "report",
            "section_weight",
        ] {
            assert!(header.contains(&column), "no {column} in {header:?}");
        }
        let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
        let second: Vec<&str> = text.lines().nth(2).unwrap().split(',').collect();
        assert_eq!(second[at("answer_key")], "2");
        assert_eq!(second[at("points")], "0.5");
    }
    assert_eq!(keys[0], keys[1], "the key does not depend on the language");
}

/// Three inspections of one subject (a rise, then a fall) and a failed item with an
/// overdue action, as a reports directory.
fn history(dir: &Path) -> std::path::PathBuf {
    let template = dir.join("weighted.toml");
    std::fs::write(&template, WEIGHTED).unwrap();
    let template = template.to_str().unwrap();
    let reports = dir.join("reports");
    let first = "[answers]\ndoor = { answer = \"n\", note = \"blocked\", action = { text = \"Repair the lock\", \
         owner = \"Alice\", due = 2026-10-15, priority = \"high\" } }\nclean = { answer = \"3\" }\n";
    inspect(
        template,
        "Store 1",
        "2026-10-01",
        "",
        Some(first),
        &reports,
        &[],
    );
    inspect(
        template,
        "Store 1",
        "2026-11-01",
        "y\n1\n",
        None,
        &reports,
        &[],
    );
    inspect(
        template,
        "Store 1",
        "2026-11-20",
        "y\n2\n",
        None,
        &reports,
        &[],
    );
    reports
}

fn csv_table(dir: &Path, args: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let out = output(
        opscheck()
            .arg("summary")
            .arg(dir)
            .args(args)
            .args(["--format", "csv"]),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// Summary CSV: numbers as numbers a spreadsheet reads (a signed change, whole days
/// overdue, shares as fractions), no bar glyphs; the JSON has the same numbers.
#[test]
fn summary_csv_and_json_numbers_are_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let reports = history(dir.path());
    let (header, rows) = csv_table(&reports, &["--by", "subject"]);
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    // 100 % on 2026-11-01 (yes, Spotless), 87.5 % on 2026-11-20 (yes, Tidy).
    assert_eq!(
        rows[0][at("change")].parse::<f64>().ok(),
        Some(-12.5),
        "{header:?} {rows:?}"
    );
    assert_eq!(rows[0][at("latest")].parse::<f64>().unwrap(), 87.5);
    let v = common::json(
        opscheck()
            .arg("summary")
            .arg(&reports)
            .args(["--by", "subject", "--format", "json"]),
    );
    assert_eq!(v["rows"][0]["change"], -12.5);

    let (header, rows) = csv_table(&reports, &["--actions", "--today", "2026-12-01"]);
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    assert_eq!(rows[0][at("overdue_days")], "47");
    let v = common::json(opscheck().arg("summary").arg(&reports).args([
        "--actions",
        "--today",
        "2026-12-01",
        "--format",
        "json",
    ]));
    assert_eq!(v["rows"][0]["overdue_days"], 47);

    for args in [
        &["--by", "area"][..],
        &["--by", "month"],
        &[],
        &["--findings", "3"],
    ] {
        let (header, rows) = csv_table(&reports, args);
        assert!(
            header.iter().all(|h| !h.is_empty()),
            "{args:?}: an unnamed column {header:?}"
        );
        for row in &rows {
            for cell in row {
                assert!(
                    !cell.contains(['█', '▏', '▲', '▼', '%', '—']),
                    "{args:?}: {cell:?} is not a number a spreadsheet reads"
                );
            }
        }
    }
    let (header, rows) = csv_table(&reports, &["--by", "area"]);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let share: f64 = rows[0][at("below_pass_mark")].parse().unwrap();
    assert!((0.0..=1.0).contains(&share));
}

/// `summary --by area` over English reports of the built-in checklist titles the areas in
/// Chinese under `--lang zh-CN` (the Chinese version of the template is known), and in
/// English otherwise; a template opscheck has in one language only keeps its titles.
#[test]
fn summary_titles_areas_in_the_interface_language() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    let (_, items) = run_support::template(run_support::EN);
    let lines = run_support::lines(&items, run_support::Policy::Mixed, false);
    run_support::complete(run_support::EN, "Store 9", &reports, &lines);
    let mut weighted = tempfile::tempdir().unwrap();
    let other = run_template(weighted.path(), WEIGHTED, "y\n2\n");
    let titles = |lang: &str| -> Vec<String> {
        let v = common::json(
            opscheck()
                .args([
                    "--lang", lang, "summary", "--by", "area", "--format", "json",
                ])
                .arg(&reports)
                .arg(&other),
        );
        v["groups"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|g| {
                g["areas"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a["title"].as_str().unwrap().to_owned())
            })
            .collect()
    };
    let zh = titles("zh-CN");
    let en = titles("en");
    assert!(zh.contains(&"流程规范".to_owned()), "{zh:?}");
    assert!(!zh.iter().any(|t| t == "Process standards"), "{zh:?}");
    assert!(en.contains(&"Process standards".to_owned()), "{en:?}");
    assert!(
        zh.contains(&"Safety".to_owned()),
        "a template known in one language keeps its titles: {zh:?}"
    );
    let _ = &mut weighted;
}
