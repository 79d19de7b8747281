//! `.xlsx` output of `report`, `run`, `summary` and `export`, read back with calamine:
//! numbers are numbers, dates are dates, percents are fractions shown as percents; a
//! frozen header row with an autofilter; Chinese text gets wider columns; document
//! properties name the report and its inspector. Numbers come from the corpus table in
//! `tests/corpus/mod.rs`.

use crate::common;
use crate::corpus;
use crate::run_support;

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::opscheck;
use run_support::{assert_code, feed, run_plain, stderr};

fn dir() -> &'static Path {
    corpus::corpus("xlsx")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("xlsx-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn report_of(date: &str) -> PathBuf {
    std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(date) && name.ends_with(".json")
        })
        .unwrap_or_else(|| panic!("no report of {date}"))
}

fn book(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{} is no workbook: {e}", path.display()))
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    book(path)
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("no sheet {name}: {e}"))
}

/// The row whose first cell is `first`.
fn row<'a>(range: &'a calamine::Range<Data>, first: &str) -> &'a [Data] {
    range
        .rows()
        .find(|r| r.first().is_some_and(|c| *c == first))
        .unwrap_or_else(|| panic!("no row {first}"))
}

fn date(cell: &Data) -> String {
    match cell {
        Data::DateTime(d) => d.as_datetime().unwrap().date().to_string(),
        other => panic!("not a date cell: {other:?}"),
    }
}

fn float(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        other => panic!("not a number cell: {other:?}"),
    }
}

/// One XML part of the zip.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn assert_header_frozen_and_filtered(path: &Path, sheet_xml: &str) {
    let xml = part(path, sheet_xml);
    assert!(
        xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
        "header row not frozen in {sheet_xml}: {xml}"
    );
    assert!(
        xml.contains("<autoFilter ref=\"A1:"),
        "no autofilter in {sheet_xml}"
    );
}

/// Column widths from `<col min max width>`, by column number from 1.
fn widths(path: &Path, sheet_xml: &str) -> Vec<(u32, f64)> {
    let xml = part(path, sheet_xml);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("col"))
        .map(|n| {
            (
                n.attribute("min").unwrap().parse().unwrap(),
                n.attribute("width").unwrap().parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_report_workbook_has_typed_cells_on_four_sheets() {
    let out = scratch("report");
    let path = out.join("r2.xlsx");
    let run = run_plain(
        opscheck()
            .args(["report", "--format", "xlsx", "-o"])
            .arg(&path)
            .arg(report_of("2026-02-10")),
    );
    assert_code(&run, 0);
    assert!(run.stdout.is_empty(), "the workbook went to the file only");
    let names = book(&path).sheet_names();
    assert_eq!(names, ["Overview", "Areas", "Action plan", "Answers"]);

    let overview = sheet(&path, "Overview");
    assert_eq!(date(&row(&overview, "Date")[1]), "2026-02-10");
    // 75 % is stored as 0.75 and shown as a percent.
    assert!((float(&row(&overview, "Percent")[1]) - 0.75).abs() < 1e-12);
    assert_eq!(float(&row(&overview, "Points")[1]), 4.5);
    assert_eq!(row(&overview, "Inspector")[1].to_string(), "Alice");

    let areas = sheet(&path, "Areas");
    let safety = row(&areas, "Safety");
    assert_eq!(float(&safety[2]), 3.0, "weight");
    assert!((float(&safety[3]) - 0.75).abs() < 1e-12, "percent");
    assert_eq!(float(&safety[8]), 1.0, "failed count");

    let plan = sheet(&path, "Action plan");
    let extinguisher = plan
        .rows()
        .find(|r| r[1].to_string().contains("extinguisher"))
        .expect("the extinguisher finding");
    assert_eq!(float(&extinguisher[4]), 0.0, "score");
    assert_eq!(extinguisher[6].to_string(), "Refill the extinguisher");
    assert_eq!(date(&extinguisher[8]), "2026-12-10");

    let answers = sheet(&path, "Answers");
    assert_eq!(answers.height(), 1 + 6, "header and six answers");

    for n in 1..=4 {
        assert_header_frozen_and_filtered(&path, &format!("xl/worksheets/sheet{n}.xml"));
    }
    let core = part(&path, "docProps/core.xml");
    assert!(core.contains("<dc:creator>Alice</dc:creator>"), "{core}");
    assert!(core.contains("<dc:title>"), "{core}");
    assert!(core.contains("Store 1"), "{core}");
}

#[test]
fn a_chinese_report_workbook_fits_its_text() {
    let out = scratch("report-zh");
    let path = out.join("r5.xlsx");
    let run = run_plain(
        opscheck()
            .args(["--lang", "zh-CN", "report", "--format", "xlsx", "-o"])
            .arg(&path)
            .arg(report_of("2026-03-20")),
    );
    assert_code(&run, 0);
    assert_eq!(
        book(&path).sheet_names(),
        ["概览", "各领域得分", "整改计划", "全部回答"]
    );
    let overview = sheet(&path, "概览");
    assert_eq!(row(&overview, "检查人")[1].to_string(), "王芳");
    assert!((float(&row(&overview, "得分率")[1]) - 0.875).abs() < 1e-12);
    // The value column holds 上海仓库 (8 display cells): wider than 8 characters.
    let widths = widths(&path, "xl/worksheets/sheet1.xml");
    let value = widths.iter().find(|(c, _)| *c == 2).unwrap().1;
    assert!(
        value >= 10.0,
        "value column {value} too narrow for 上海仓库"
    );
    let core = part(&path, "docProps/core.xml");
    assert!(core.contains("<dc:creator>王芳</dc:creator>"), "{core}");
}

#[test]
fn run_writes_the_workbook_beside_the_report() {
    let out = scratch("run");
    let run = feed(
        opscheck()
            .args(["run", "-t", corpus::MINI, "-s", "Store 9", "-i", "Li"])
            .args(["--date", "2026-04-01", "--format", "xlsx", "-o"])
            .arg(&out),
        "y\ny\ny\ny\n1\n\n",
    );
    assert_code(&run, 0);
    let path = out.join("2026-04-01-mini-store-9.xlsx");
    assert!(path.exists(), "{}", stderr(&run));
    assert!(out.join("2026-04-01-mini-store-9.json").exists());
    let overview = sheet(&path, "Overview");
    assert_eq!(float(&row(&overview, "Percent")[1]), 1.0);
}

#[test]
fn summary_by_area_gives_means_as_percents() {
    let out = scratch("summary");
    let path = out.join("areas.xlsx");
    let run = run_plain(
        opscheck()
            .args(["summary", "--by", "area", "--format", "xlsx", "-o"])
            .arg(&path)
            .arg(dir()),
    );
    assert_code(&run, 0);
    let areas = sheet(&path, "Areas");
    let safety = areas
        .rows()
        .find(|r| r[0] == "mini" && r[2] == "Safety")
        .expect("mini Safety");
    // (100 + 75 + 25 + 50 + 100) / 5 = 70 %, min 25 %, max 100 %, 5 reports.
    assert!((float(&safety[3]) - 0.70).abs() < 1e-12, "{safety:?}");
    assert!((float(&safety[4]) - 0.25).abs() < 1e-12);
    assert!((float(&safety[5]) - 1.0).abs() < 1e-12);
    assert_eq!(float(&safety[7]), 5.0);
    assert_header_frozen_and_filtered(&path, "xl/worksheets/sheet1.xml");
}

#[test]
fn summary_inspections_and_actions_have_dates_and_days() {
    let out = scratch("summary-views");
    let inspections = out.join("inspections.xlsx");
    assert_code(
        &run_plain(
            opscheck()
                .args(["summary", "--format", "xlsx", "-o"])
                .arg(&inspections)
                .arg(dir()),
        ),
        0,
    );
    let range = sheet(&inspections, "Inspections");
    assert_eq!(range.height(), 1 + 7);
    let first = &range.rows().nth(1).unwrap();
    assert_eq!(date(&first[0]), "2026-01-15");
    assert_eq!(float(&first[5]), 1.0, "100 %");
    assert_eq!(first[6].to_string(), "PASS");

    let actions = out.join("actions.xlsx");
    assert_code(
        &run_plain(
            opscheck()
                .args(["summary", "--actions", "--today", "2026-12-11"])
                .args(["--format", "xlsx", "-o"])
                .arg(&actions)
                .arg(dir()),
        ),
        0,
    );
    let range = sheet(&actions, "Action plan");
    // Clear the fire exit: due 2026-12-01, 10 days overdue on 2026-12-11.
    let exit = range
        .rows()
        .find(|r| r[5] == "Clear the fire exit")
        .expect("the fire exit action");
    assert_eq!(date(&exit[0]), "2026-12-01");
    assert_eq!(float(&exit[1]), 10.0);
    assert_eq!(exit[7].to_string(), "high");
}

#[test]
fn export_streams_one_typed_row_per_answer() {
    let out = scratch("export");
    let path = out.join("answers.xlsx");
    let run = run_plain(
        opscheck()
            .args(["export", "--format", "xlsx", "-o"])
            .arg(&path)
            .arg(dir()),
    );
    assert_code(&run, 0);
    let range = sheet(&path, "Answers");
    assert_eq!(range.height(), 1 + 132, "header and 132 answers");
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let r2_extinguisher = range
        .rows()
        .find(|r| {
            matches!(&r[col("date")], Data::DateTime(_))
                && date(&r[col("date")]) == "2026-02-10"
                && r[col("item")] == "extinguisher"
        })
        .expect("R2's extinguisher row");
    assert_eq!(float(&r2_extinguisher[col("score")]), 0.0);
    assert_eq!(r2_extinguisher[col("na")], Data::Bool(false));
    assert_eq!(date(&r2_extinguisher[col("action_due")]), "2026-12-10");
    assert!((float(&r2_extinguisher[col("overall_percent")]) - 0.75).abs() < 1e-12);
    assert_header_frozen_and_filtered(&path, "xl/worksheets/sheet1.xml");
}

#[test]
fn an_existing_file_is_never_written_over() {
    let out = scratch("exists");
    let path = out.join("mine.xlsx");
    std::fs::write(&path, "mine").unwrap();
    for args in [
        vec!["export", "--format", "xlsx"],
        vec!["summary", "--format", "xlsx"],
        vec!["export", "--format", "csv"],
    ] {
        let run = run_plain(opscheck().args(&args).arg("-o").arg(&path).arg(dir()));
        assert_code(&run, 2);
        assert!(
            stderr(&run).contains("never writes over"),
            "{}",
            stderr(&run)
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    }
    let names: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(names.len(), 1, "no temp file is left behind");
}

/// Runs a command line in-process with stdout taken for a terminal.
fn on_terminal(args: &[&str]) -> (Result<opscheck::Outcome, opscheck::Error>, Vec<u8>) {
    use clap::Parser;
    let cli = opscheck::cli::Cli::try_parse_from(args).unwrap();
    let env = opscheck::Env {
        lang: opscheck::locale::Lang::En,
        quiet: false,
        verbose: false,
        clock: opscheck::clock::Clock::default(),
        lang_given: false,
    };
    let (mut stdin, mut stdout, mut stderr) = (std::io::empty(), Vec::new(), Vec::new());
    let mut stdin = std::io::BufReader::new(&mut stdin);
    let mut io = opscheck::Io {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        interactive: false,
        stdout_terminal: true,
        progress: &opscheck::progress::Silent,
    };
    let result = opscheck::run(cli, &env, &mut io);
    (result, stdout)
}

#[test]
fn a_workbook_is_refused_on_a_terminal_and_text_is_not() {
    let report = report_of("2026-02-10");
    let report = report.to_str().unwrap();
    let corpus = dir().to_str().unwrap();
    for args in [
        vec!["opscheck", "report", report, "--format", "xlsx"],
        vec!["opscheck", "summary", corpus, "--format", "xlsx"],
        vec!["opscheck", "export", corpus, "--format", "xlsx"],
    ] {
        let (result, stdout) = on_terminal(&args);
        let err = result.expect_err("refused");
        assert!(
            err.to_string().contains("-o FILE") && err.to_string().contains("redirect"),
            "{err}"
        );
        assert!(stdout.is_empty(), "nothing binary reached the terminal");
    }
    let (result, stdout) = on_terminal(&["opscheck", "report", report, "--format", "md"]);
    assert!(result.is_ok());
    assert!(String::from_utf8(stdout).unwrap().starts_with("# "));
}

#[test]
fn summary_by_template_counts_and_averages() {
    let out = scratch("summary-template");
    let path = out.join("templates.xlsx");
    assert_code(
        &run_plain(
            opscheck()
                .args(["summary", "--by", "template", "--format", "xlsx", "-o"])
                .arg(&path)
                .arg(dir()),
        ),
        0,
    );
    let range = sheet(&path, "Templates");
    let mini = row(&range, "mini");
    // R1–R5: (100 + 75 + 18.75 + 62.5 + 87.5) / 5 = 68.75 %; 3 of 5 pass.
    assert_eq!(float(&mini[2]), 5.0);
    assert!((float(&mini[3]) - 0.6875).abs() < 1e-12, "{mini:?}");
    assert!((float(&mini[4]) - 0.6).abs() < 1e-12);
    assert_eq!(date(&mini[7]), "2026-03-20");
}
