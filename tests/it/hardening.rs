//! Issue 12: every reader and writer bounded and safe. One test per guarantee of the
//! README's "Guarantees" and "Limits" sections; the full-size attacks are timed by
//! `bench/hardening.sh`.

use crate::common;
use crate::run_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::bounded;

use run_support::{assert_code, feed, run_command, stderr, stdout};

const MINI: &str = "tests/fixtures/mini.toml";
/// Answers to the six items of the mini template, all but the queue passing.
const MINI_INPUT: &str = "y\ny\ny\ny\n3\nfine\n";

fn opscheck(args: &[&str]) -> Command {
    let mut command = common::opscheck();
    command.args(args);
    command
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// One inspection of `template` in `out`; the path of its JSON report.
fn inspect(template: &str, subject: &str, out: &Path, stdin: &str) -> PathBuf {
    let result = feed(&mut run_command(template, subject, out), stdin);
    assert_code(&result, 0);
    PathBuf::from(stdout(&result).lines().next().unwrap())
}

fn mkfifo(at: &Path) {
    assert!(Command::new("mkfifo").arg(at).status().unwrap().success());
}

/// Hidden characters: C0, C1 (CSI, OSC, ST), bidi controls and isolates, zero-width
/// characters, the BOM.
const HIDDEN: [char; 10] = [
    '\u{1b}', '\u{9b}', '\u{9d}', '\u{9c}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200b}',
    '\u{feff}', '\u{7f}',
];

fn assert_no_hidden(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text.chars().find(|c| HIDDEN.contains(c)) {
        panic!("{what} carries a raw U+{:04X}:\n{text}", u32::from(c));
    }
}

// 1. File types first.

#[cfg(unix)]
#[test]
fn fifos_devices_and_directories_named_as_files_are_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.json");
    mkfifo(&fifo);
    let fifo = path(&fifo);
    for args in [
        vec!["summary", fifo],
        vec!["export", fifo],
        vec!["verify", fifo],
        vec!["report", fifo],
        vec!["explain", fifo],
        vec!["summary", "/dev/zero"],
        vec!["export", "/dev/zero"],
        vec!["report", "/dev/zero"],
        vec!["validate", "/dev/zero"],
        vec!["show", "/dev/null"],
    ] {
        let out = bounded(&mut opscheck(&args), 20);
        assert_code(&out, 2);
        let err = stderr(&out);
        assert!(err.contains("not a regular file"), "{args:?}: {err}");
    }
    for args in [["import", "/dev/zero"], ["report", path(dir.path())]] {
        let out = bounded(&mut opscheck(&args), 20);
        assert_code(&out, 2);
        assert!(stderr(&out).contains("not a regular file"), "{args:?}");
    }
    let out = bounded(&mut opscheck(&["report", path(dir.path())]), 20);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("is a directory, not a regular file"));
}

/// Every other option that names a file: a FIFO there is refused before it is opened.
#[cfg(unix)]
#[test]
fn every_option_that_names_a_file_refuses_a_fifo_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    let report = inspect(MINI, "Store 1", &reports, MINI_INPUT);
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    let (fifo, report, out) = (path(&fifo), path(&report), path(&reports));
    let run = ["run", "-t", MINI, "-s", "S", "-i", "QA", "-o", out];
    for args in [
        vec!["run", "-t", fifo, "-s", "S", "-i", "QA", "-o", out],
        [&run[..], &["--answers", fifo]].concat(),
        [&run[..], &["--waivers", fifo]].concat(),
        vec!["verify", "-t", fifo, report],
        vec!["verify", report, "--allowed-signers", fifo],
        vec!["diff", report, fifo],
        vec!["sign", "--key", fifo, report],
        vec!["summary", "--signed", "--allowed-signers", fifo, out],
        vec!["summary", "--by", "region", "--sites", fifo, out],
        vec!["due", "--sites", fifo, "--out", out],
        vec!["waivers", "--file", fifo],
        vec!["import", fifo, "--out", out],
    ] {
        let result = bounded(&mut opscheck(&args), 20);
        assert_code(&result, 2);
        assert!(
            stderr(&result).contains("is a FIFO, not a regular file"),
            "{args:?}: {}",
            stderr(&result)
        );
    }
}

#[test]
fn an_answers_file_over_the_limit_is_refused_with_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.toml");
    std::fs::File::create(&answers)
        .unwrap()
        .set_len((32 << 20) + 1)
        .unwrap();
    let out = dir.path().join("out");
    let mut command = run_command(MINI, "Store 1", &out);
    command.arg("--answers").arg(&answers);
    let result = bounded(&mut command, 20);
    assert_code(&result, 2);
    assert!(
        stderr(&result).contains("answers.toml` is larger than the limit of 32 MiB"),
        "{}",
        stderr(&result)
    );
    assert!(!out.join(".drafts").exists(), "no draft was started");
}

#[cfg(unix)]
#[test]
fn an_endless_line_on_stdin_stops_the_run_with_its_answers_saved() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut command = run_command(MINI, "Store 1", &out);
    let mut child = command
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("`run < /dev/zero` did not stop within 60 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let result = child.wait_with_output().unwrap();
    assert_code(&result, 3);
    assert!(
        stderr(&result)
            .contains("a line of input is longer than 1 MiB: opscheck stops reading here"),
        "{}",
        &stderr(&result)[..stderr(&result).len().min(2000)]
    );
    assert_eq!(
        std::fs::read_dir(out.join(".drafts")).unwrap().count(),
        1,
        "the draft is kept"
    );
}

// 2. One set of limits.

#[test]
fn a_report_over_the_limit_is_refused_by_every_reader_with_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    let report = inspect(MINI, "Store 1", &reports, MINI_INPUT);
    // A sparse file of 256 MiB + 1 byte: over the limit without writing it.
    let big = reports.join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len((256 << 20) + 1)
        .unwrap();
    for args in [
        vec!["verify", path(&big)],
        vec!["report", path(&big)],
        vec!["explain", path(&big)],
        vec!["diff", path(&report), path(&big)],
    ] {
        let out = bounded(&mut opscheck(&args), 20);
        assert_code(&out, 2);
        assert!(
            stderr(&out).contains("is larger than the limit of 256 MiB"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    for args in [
        vec!["summary", path(&reports)],
        vec!["export", path(&reports)],
    ] {
        let out = bounded(&mut opscheck(&args), 20);
        assert_code(&out, 0);
        assert!(
            stderr(&out).contains("big.json` is larger than the limit of 256 MiB"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let out = bounded(&mut opscheck(&["export", path(&reports)]), 20);
    assert_eq!(
        stdout(&out).lines().count(),
        6,
        "the good report is exported"
    );
}

#[test]
fn a_template_over_the_item_limit_is_refused_at_load() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "format = 1\nid = \"big\"\ntitle = \"Big\"\nversion = \"1\"\nlanguage = \"en\"\n",
    );
    for s in 0..101 {
        text.push_str(&format!("[[sections]]\nid = \"s{s}\"\ntitle = \"S\"\n"));
        for i in 0..1000 {
            text.push_str(&format!(
                "[[sections.items]]\nid = \"i{s}-{i}\"\ntext = \"Q\"\nkind = \"yes_no\"\n"
            ));
        }
    }
    let file = dir.path().join("big.toml");
    std::fs::write(&file, text).unwrap();
    let out = bounded(&mut opscheck(&["validate", path(&file)]), 120);
    assert_code(&out, 1);
    assert!(
        stderr(&out).contains("the template has 101000 items, more than the limit of 100000"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_scale_spans_at_most_101_values() {
    let dir = tempfile::tempdir().unwrap();
    let validate = |min: i64, max: i64| {
        let text = format!(
            "format = 1\nid = \"s\"\ntitle = \"S\"\nversion = \"1\"\nlanguage = \"en\"\n\
             [[sections]]\nid = \"a\"\ntitle = \"A\"\n\
             [[sections.items]]\nid = \"r\"\ntext = \"Rate\"\nkind = \"scale\"\n\
             min = {min}\nmax = {max}\n"
        );
        let file = dir.path().join(format!("scale{min}-{max}.toml"));
        std::fs::write(&file, text).unwrap();
        bounded(&mut opscheck(&["validate", path(&file)]), 20)
    };
    assert_code(&validate(1, 101), 0);
    let wide = validate(0, 101);
    assert_code(&wide, 1);
    let err = stderr(&wide);
    assert!(
        err.contains("a scale from 0 to 101 is too wide")
            && err.contains("a scale spans at most 101 values"),
        "{err}"
    );
}

// 3. Directory walks.

#[cfg(unix)]
#[test]
fn symlinked_directories_are_not_followed_and_followed_ones_count_each_report_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    inspect(MINI, "Store 1", &reports, MINI_INPUT);
    symlink(&reports, reports.join("cycle")).unwrap();
    symlink(&reports, dir.path().join("alias")).unwrap();
    let count = |extra: &[&str]| {
        let mut args = vec!["summary", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(path(&reports));
        let out = bounded(&mut opscheck(&args), 30);
        assert_code(&out, 0);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["totals"]["count"].as_u64().unwrap()
    };
    assert_eq!(count(&[]), 1);
    assert_eq!(count(&["--follow"]), 1, "a cycle followed counts once");
    let alias = dir.path().join("alias");
    assert_eq!(
        count(&["--follow", path(&alias)]),
        1,
        "an alias counts once"
    );
    let out = bounded(
        &mut opscheck(&["export", "--follow", path(&reports), path(&alias)]),
        30,
    );
    assert_code(&out, 0);
    assert_eq!(stdout(&out).lines().count(), 6, "one row per answer, once");
}

#[cfg(target_os = "linux")]
#[test]
fn special_filesystems_are_not_walked() {
    for args in [
        ["summary", "/proc/self"],
        ["export", "/sys"],
        ["summary", "/dev"],
    ] {
        let out = bounded(&mut opscheck(&args), 20);
        assert_code(&out, 2);
        assert!(
            stderr(&out).contains("is on a special filesystem"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

// 4. Text safety in one place.

fn hostile_template(dir: &Path) -> String {
    let template = std::fs::read_to_string(common::root().join(MINI))
        .unwrap()
        .replace(
            "Are the fire exits clear?",
            "Are the \\u009b31mfire\\u009d0;x\\u009c exits\\u202e clear\\u2066?\\u2069",
        )
        .replace(
            "title = \"Safety\"",
            "title = \"\\ufeffSafe\\u200bty\\u001b[2J\"",
        );
    let file = dir.join("hostile.toml");
    std::fs::write(&file, template).unwrap();
    file.display().to_string()
}

#[test]
fn hidden_characters_never_reach_any_output_raw() {
    let dir = tempfile::tempdir().unwrap();
    let template = hostile_template(dir.path());
    let out_dir = dir.path().join("out");
    let mut command = run_command(&template, "Store 7", &out_dir);
    command.args(["--format", "md", "--format", "html", "--format", "csv"]);
    let result = feed(&mut command, "n # a\u{9b}b\u{202e}c\ny\ny\ny\n3\nfine\n");
    assert_code(&result, 0);
    assert_no_hidden(&result.stdout, "run's stdout");
    assert_no_hidden(&result.stderr, "run's stderr");
    let json = PathBuf::from(stdout(&result).lines().next().unwrap());
    for file in std::fs::read_dir(&out_dir).unwrap().flatten() {
        assert_no_hidden(&std::fs::read(file.path()).unwrap(), "a report file");
    }
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(
        report["answers"][0]["text"],
        "Are the \u{9b}31mfire\u{9d}0;x\u{9c} exits\u{202e} clear\u{2066}?\u{2069}",
        "JSON keeps the text, escaped"
    );
    let out_path = path(&out_dir);
    let json_path = path(&json);
    for args in [
        vec!["show", template.as_str()],
        vec!["show", template.as_str(), "--format", "json"],
        vec!["report", json_path, "--format", "json"],
        vec!["report", json_path, "--format", "html"],
        vec!["report", json_path, "--format", "md"],
        vec!["report", json_path, "--format", "csv"],
        vec!["explain", json_path],
        vec!["summary", out_path],
        vec!["summary", out_path, "--format", "json"],
        vec!["summary", out_path, "--by", "area", "--format", "csv"],
        vec!["summary", out_path, "--findings"],
        vec!["export", out_path],
        vec!["export", out_path, "--format", "csv"],
    ] {
        let out = bounded(&mut opscheck(&args), 30);
        assert_code(&out, 0);
        assert_no_hidden(&out.stdout, &format!("{args:?} stdout"));
        assert_no_hidden(&out.stderr, &format!("{args:?} stderr"));
    }
}

#[test]
fn a_subject_or_inspector_with_bidi_controls_is_neutralised_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let mut command = run_command(MINI, "Store \u{202e}21\u{200b}", &out_dir);
    let result = feed(&mut command, MINI_INPUT);
    assert_code(&result, 0);
    assert_no_hidden(&result.stderr, "run's stderr");
    assert!(
        stderr(&result).contains(
            "warning: the subject `Store \\u{202e}21\\u{200b}` contains an invisible or \
             control character (U+202E); it is removed: `Store 21`"
        ),
        "{}",
        stderr(&result)
    );
    let json = PathBuf::from(stdout(&result).lines().next().unwrap());
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(json).unwrap()).unwrap();
    assert_eq!(report["subject"], "Store 21");

    let mut command = common::opscheck();
    command
        .args([
            "run",
            "--template",
            MINI,
            "--subject",
            "Store 1",
            "--date",
            "2026-11-29",
        ])
        .args(["--lang", "zh-CN", "--inspector", "李\u{2066}伟", "--out"])
        .arg(&out_dir);
    let result = feed(&mut command, MINI_INPUT);
    assert_code(&result, 0);
    assert!(
        stderr(&result)
            .contains("检查人 `李\\u{2066}伟` 含有不可见字符或控制字符（U+2066），已删除：`李伟`"),
        "{}",
        stderr(&result)
    );
}

// 5. verify is strict.

#[test]
fn verify_refuses_unknown_fields_non_canonical_bytes_duplicates_and_trailing_data() {
    let dir = tempfile::tempdir().unwrap();
    let report = inspect(MINI, "Store 1", &dir.path().join("r"), MINI_INPUT);
    let text = std::fs::read_to_string(&report).unwrap();
    let ok = bounded(&mut opscheck(&["verify", "-t", MINI, path(&report)]), 20);
    assert_code(&ok, 0);
    assert!(stdout(&ok).starts_with("OK "), "{}", stdout(&ok));
    let edits: [(&str, String, i32, &str); 8] = [
        (
            "top",
            text.replacen("{\n", "{\n  \"approved_by\": \"CEO\",\n", 1),
            1,
            "unknown field `approved_by`",
        ),
        (
            "answer",
            text.replacen("\"na\": false,", "\"na\": false, \"signed\": true,", 1),
            1,
            "unknown field `answers.0.signed`",
        ),
        (
            "overall",
            text.replacen("\"pass_mark\": 75.0,", "\"pass_mark\": 75.0, \"x\": 1,", 1),
            1,
            "unknown field `overall.x`",
        ),
        (
            "template",
            text.replacen(
                "\"language\": \"en\"",
                "\"language\": \"en\", \"by\": \"me\"",
                1,
            ),
            1,
            "unknown field `template.by`",
        ),
        (
            "number",
            text.replacen("\"pass_mark\": 75.0", "\"pass_mark\": 75.00", 1),
            1,
            "is not as `opscheck run` writes it",
        ),
        (
            "reformatted",
            text.replace("\n  ", "\n    "),
            1,
            "is not as `opscheck run` writes it",
        ),
        (
            "duplicate",
            text.replacen("\"subject\"", "\"subject\": \"X\",\n  \"subject\"", 1),
            2,
            "duplicate field `subject`",
        ),
        ("trailing", format!("{text}{{}}"), 2, "trailing characters"),
    ];
    for (name, edited, code, expected) in edits {
        let file = dir.path().join(format!("{name}.json"));
        std::fs::write(&file, edited).unwrap();
        let out = bounded(&mut opscheck(&["verify", "-t", MINI, path(&file)]), 20);
        assert_code(&out, code);
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(all.contains(expected), "{name}: {all}");
        assert!(!all.contains("OK "), "{name}: {all}");
    }
}

// 6. Outputs stay proportional.

#[test]
fn a_long_note_does_not_pad_the_markdown_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "format = 1\nid = \"wide\"\ntitle = \"Wide\"\nversion = \"1\"\nlanguage = \"en\"\n\
         [[sections]]\nid = \"s\"\ntitle = \"S\"\n",
    );
    for i in 0..300 {
        text.push_str(&format!(
            "[[sections.items]]\nid = \"i{i}\"\ntext = \"Question {i}?\"\nkind = \"yes_no\"\n"
        ));
    }
    let template = dir.path().join("wide.toml");
    std::fs::write(&template, text).unwrap();
    let mut input = format!("n # {}\n", "long note ".repeat(10_000));
    input.push_str(&"y\n".repeat(299));
    let json = inspect(path(&template), "Store 1", &dir.path().join("out"), &input);
    let md = json.with_extension("md");
    let (json, md) = (
        std::fs::metadata(json).unwrap().len(),
        std::fs::metadata(md).unwrap().len(),
    );
    assert!(md <= 2 * json, "Markdown {md} bytes for JSON {json} bytes");
}

#[test]
fn validate_lists_a_bounded_number_of_problems_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string(common::root().join(MINI)).unwrap();
    let head = (0..5000).map(|i| format!("k{i} = 1\n")).collect::<String>();
    text = text.replacen("format = 1\n", &format!("format = 1\n{head}"), 1);
    let file = dir.path().join("keys.toml");
    std::fs::write(&file, text).unwrap();
    let out = bounded(&mut opscheck(&["validate", path(&file)]), 60);
    assert_code(&out, 1);
    let err = stderr(&out);
    assert_eq!(err.matches("error: unknown key").count(), 100, "{err}");
    assert!(
        err.contains("… and 4900 more problems in")
            && err.contains("(only the first 100 are listed)"),
        "{err}"
    );
    assert!(err.contains("(5000 errors"), "{err}");
    let out = bounded(
        &mut opscheck(&["validate", "--format", "json", path(&file)]),
        60,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["problems"].as_array().unwrap().len(), 100);
    assert_eq!(json[0]["unlisted_errors"], 4900);
}

#[test]
fn a_template_of_too_many_values_is_refused_before_it_is_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string(common::root().join(MINI)).unwrap();
    text.push_str(&format!("x = [{}]\n", "1,".repeat(1_000_001)));
    let file = dir.path().join("array.toml");
    std::fs::write(&file, text).unwrap();
    let out = bounded(&mut opscheck(&["validate", path(&file)]), 60);
    assert_code(&out, 1);
    assert!(
        stderr(&out).contains("holds more than 1000000 values"),
        "{}",
        stderr(&out)
    );
}

// 7. Markdown and HTML links.

#[test]
fn user_text_never_becomes_a_live_link() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let mut command = run_command(MINI, "Store 1", &out_dir);
    command.args(["--format", "md", "--format", "html"]);
    let result = feed(
        &mut command,
        "n # see [l](javascript:alert(1)) and [d](data:text/html,x) <file:///etc/passwd>\n\
         y\ny\ny\n3\nfine\n",
    );
    assert_code(&result, 0);
    let json = PathBuf::from(stdout(&result).lines().next().unwrap());
    let md = std::fs::read_to_string(json.with_extension("md")).unwrap();
    assert!(
        md.contains("\\[l\\](javascript:alert(1))") && md.contains("\\[d\\](data:text/html,x)"),
        "{md}"
    );
    assert!(!md.replace("\\]", "").contains("](javascript:"), "{md}");
    assert!(!md.replace("\\<", "").contains("<file:"), "{md}");
    let html = std::fs::read_to_string(json.with_extension("html")).unwrap();
    assert!(!html.contains("href=\"javascript") && !html.contains("href=\"data:"));
    assert!(!html.contains("<file:"), "{html}");
}

// 8. CSV cells.

#[test]
fn csv_guards_text_formulas_only_and_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("n.toml");
    std::fs::write(
        &template,
        "format = 1\nid = \"n\"\ntitle = \"N\"\nversion = \"1\"\nlanguage = \"en\"\n\
         [[sections]]\nid = \"s\"\ntitle = \"S\"\n\
         [[sections.items]]\nid = \"t\"\ntext = \"Temperature\"\nkind = \"number\"\n\
         target = { min = -10, max = 0 }\n\
         [[sections.items]]\nid = \"a\"\ntext = \"Remark\"\nkind = \"text\"\n\
         [[sections.items]]\nid = \"b\"\ntext = \"Other\"\nkind = \"text\"\n",
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    inspect(
        path(&template),
        "Store 1",
        &out_dir,
        "-5\n＝1+1\n  =HYPERLINK(\"x\")\n",
    );
    let csv = |extra: &[&str]| {
        let mut args = vec!["export", "--format", "csv"];
        args.extend_from_slice(extra);
        args.push(path(&out_dir));
        let out = bounded(&mut opscheck(&args), 30);
        assert_code(&out, 0);
        let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
        let headers = reader.headers().unwrap().clone();
        let answer = headers.iter().position(|h| h == "answer").unwrap();
        reader
            .records()
            .map(|r| r.unwrap()[answer].to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(csv(&[]), ["-5", "'＝1+1", "'=HYPERLINK(\"x\")"]);
    assert_eq!(csv(&["--raw-csv"]), ["-5", "＝1+1", "=HYPERLINK(\"x\")"]);
}

// 9. Many bad files.

#[test]
fn after_twenty_warnings_the_rest_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    inspect(MINI, "Store 1", &reports, MINI_INPUT);
    for i in 0..30 {
        std::fs::write(reports.join(format!("junk-{i:02}.json")), "{ not json").unwrap();
    }
    for command in ["summary", "export"] {
        let out = bounded(&mut opscheck(&[command, path(&reports)]), 30);
        assert_code(&out, 0);
        let err = stderr(&out);
        assert_eq!(
            err.matches("warning: skipped").count(),
            20,
            "{command}: {err}"
        );
        assert!(
            err.contains("… and 10 more skipped (`--verbose` lists them all)"),
            "{command}: {err}"
        );
        let out = bounded(&mut opscheck(&[command, "--verbose", path(&reports)]), 30);
        let err = stderr(&out);
        assert_eq!(
            err.matches("warning: skipped").count(),
            30,
            "{command}: {err}"
        );
        assert!(!err.contains("more skipped"), "{command}: {err}");
    }
}
