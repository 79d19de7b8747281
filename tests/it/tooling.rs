//! Where opscheck meets its users' tools: shell completions, the manual page, the
//! machine formats of `validate` (JUnit, SARIF), `new`, `list` and the version.

use crate::common;

use std::process::Command;

use common::{opscheck, output};

fn stdout_of(args: &[&str]) -> String {
    let out = output(opscheck().args(args));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Sourcing the bash script completes subcommands and, after `--template`, template ids.
#[test]
fn bash_completes_subcommands_and_template_ids() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("opscheck.bash");
    std::fs::write(&script, stdout_of(&["completions", "bash"])).unwrap();
    std::fs::create_dir(dir.path().join("checklists")).unwrap();
    std::fs::write(dir.path().join("checklists/store-audit.toml"), "").unwrap();
    let probe = format!(
        r#"source '{}'
complete -p opscheck
COMP_WORDS=(opscheck su); COMP_CWORD=1; _opscheck_with_templates opscheck su opscheck; echo "sub: ${{COMPREPLY[*]}}"
COMP_WORDS=(opscheck run --template ''); COMP_CWORD=3; _opscheck_with_templates; echo "ids: ${{COMPREPLY[*]}}""#,
        script.display()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(&probe)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("-F _opscheck_with_templates opscheck"),
        "{text}"
    );
    assert!(text.contains("sub: summary"), "{text}");
    let ids = text.lines().find(|l| l.starts_with("ids:")).unwrap();
    for id in ["ops-inspection", "ops-inspection.zh-CN", "store-audit"] {
        assert!(
            ids.split_whitespace().any(|w| w == id),
            "{id} missing from {ids}"
        );
    }
}

/// Every shell clap knows gets a script.
#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        assert!(
            script.contains("validate"),
            "{shell} script lacks subcommands"
        );
    }
}

/// The manual page is roff that `man -l` renders, with the subcommands in it.
#[test]
fn man_page_renders() {
    let roff = stdout_of(&["man"]);
    assert!(
        roff.starts_with(".ie") || roff.contains(".TH opscheck"),
        "{}",
        &roff[..200.min(roff.len())]
    );
    let man = Command::new("man").arg("--version").output();
    if man.is_err() {
        // No man on this machine: the roff was checked above.
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("opscheck.1");
    std::fs::write(&page, roff).unwrap();
    let out = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("NAME") && text.contains("opscheck"), "{text}");
}

const BROKEN: &str = r#"format = 1
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
guidance = "g"
kind = "yes_no"
weight = 0
"#;

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.toml"), BROKEN).unwrap();
    std::fs::write(
        dir.path().join("good.toml"),
        BROKEN.replace("weight = 0", "weight = 2"),
    )
    .unwrap();
    dir
}

/// JUnit: parsed back, one test case per file, a failure for the broken one.
#[test]
fn validate_junit_parses_back() {
    let dir = fixture();
    let out = output(opscheck().current_dir(dir.path()).args([
        "validate",
        "--format",
        "junit",
        "broken.toml",
        "good.toml",
    ]));
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 2);
    let broken = cases
        .iter()
        .find(|c| c.attribute("name") == Some("broken.toml"))
        .unwrap();
    let failure = broken
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("a failure for broken.toml");
    assert!(
        failure
            .attribute("message")
            .unwrap()
            .starts_with("broken.toml:14:10: weight 0"),
        "{xml}"
    );
    let good = cases
        .iter()
        .find(|c| c.attribute("name") == Some("good.toml"))
        .unwrap();
    assert!(good.children().all(|n| !n.has_tag_name("failure")));
    let suites = doc.root_element();
    assert_eq!(suites.attribute("failures"), Some("1"));
}

/// SARIF 2.1.0: version, tool driver, rules, and results with region and level.
#[test]
fn validate_sarif_has_the_required_fields() {
    let dir = fixture();
    let out = output(opscheck().current_dir(dir.path()).args([
        "validate",
        "--format",
        "sarif",
        "broken.toml",
        "good.toml",
    ]));
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "opscheck");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:?}");
    let r = &results[0];
    assert_eq!(r["level"], "error");
    assert_eq!(r["ruleId"], "check-weight");
    assert!(rules.contains(&"check-weight"));
    assert_eq!(
        r["message"]["text"],
        "weight 0 must be a finite number greater than 0"
    );
    let location = &r["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "broken.toml");
    assert_eq!(location["region"]["startLine"], 14);
    assert_eq!(location["region"]["startColumn"], 10);
}

/// `new` writes a valid starter (with its schema) and never overwrites; `list` shows it.
#[test]
fn new_writes_a_valid_template_and_list_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| output(opscheck().current_dir(dir.path()).args(args));
    let out = run(&["new", "store-audit", "--areas", "process,risk"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "checklists/store-audit.toml"
    );
    assert!(dir.path().join("checklists/schema.json").is_file());
    let out = run(&["validate"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = std::fs::read(dir.path().join("checklists/store-audit.toml")).unwrap();
    let again = run(&["new", "store-audit"]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        std::fs::read(dir.path().join("checklists/store-audit.toml")).unwrap(),
        before,
        "never overwritten"
    );
    let out = run(&["--lang", "zh-CN", "new", "store-zh"]);
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(dir.path().join("checklists/store-zh.toml")).unwrap();
    assert!(
        text.contains("language = \"zh-CN\"") && text.contains("流程规范"),
        "{text}"
    );
    let list = String::from_utf8(run(&["list"]).stdout).unwrap();
    for expected in [
        "builtin:ops-inspection.toml",
        "builtin:ops-inspection.zh-CN.toml",
        "checklists/store-audit.toml",
        "运营岗位检查",
    ] {
        assert!(list.contains(expected), "{expected} missing:\n{list}");
    }
    assert_eq!(run(&["new", "Not_An_Id"]).status.code(), Some(2));
}

/// `--version` names the formats opscheck reads and writes.
#[test]
fn version_names_the_formats() {
    let text = stdout_of(&["--version"]);
    assert!(
        text.contains("template format: 1") && text.contains("opscheck-report/1"),
        "{text}"
    );
}

/// The pre-commit hook's entry, run the way pre-commit runs it (the staged template
/// files appended), passes on the shipped checklists and fails on a broken template.
#[test]
fn the_pre_commit_hook_runs_validate_on_the_files() {
    let hooks = std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap();
    let field = |name: &str| {
        hooks
            .lines()
            .find_map(|l| l.trim_start().strip_prefix(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no {name} in .pre-commit-hooks.yaml"))
            .trim()
            .to_owned()
    };
    assert_eq!(field("- id"), "opscheck-validate");
    assert_eq!(field("language"), "rust");
    let entry = field("entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("opscheck"));
    let args: Vec<&str> = words.collect();
    let shipped = [
        "checklists/ops-inspection.toml",
        "checklists/ops-inspection.zh-CN.toml",
    ];
    let out = output(opscheck().args(&args).args(shipped));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = fixture();
    let out = output(
        opscheck()
            .current_dir(dir.path())
            .args(&args)
            .arg("broken.toml"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.toml:14:10"));
}
