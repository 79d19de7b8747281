//! A property of `opscheck run` in line mode, driven in-process: for random templates
//! with `when` chains and random sessions (answers, notes, actions, `<`, `>`, `?`,
//! blank lines, invalid lines, `quit` and `--resume`), every report passes `verify`,
//! each visible item's answer is the last one given to it, hidden items count nowhere,
//! and an action is only ever kept on a failed answer.
//!
//! 1,000 cases by default; `OPSCHECK_PROPERTY_CASES` asks for more
//! (`bench/property.sh`).

use std::collections::HashMap;
use std::path::Path;

use crate::common;

use proptest::prelude::*;
use serde_json::Value;

#[derive(Debug, Clone)]
enum Kind {
    YesNo,
    Scale,
    Choice(usize),
    Number,
}

#[derive(Debug, Clone)]
struct Item {
    kind: Kind,
    required: bool,
    na: bool,
    /// The earlier item and the answer that shows this one.
    when: Option<(usize, String)>,
}

fn items() -> impl Strategy<Value = Vec<Item>> {
    let kind = prop_oneof![
        3 => Just(Kind::YesNo),
        1 => Just(Kind::Scale),
        1 => (2usize..4).prop_map(Kind::Choice),
        1 => Just(Kind::Number),
    ];
    let item = (kind, any::<bool>(), any::<bool>(), any::<u8>(), any::<u8>());
    proptest::collection::vec(item, 2..8).prop_map(|raw| {
        let mut items: Vec<Item> = Vec::new();
        for (i, (kind, optional, na, pick, value)) in raw.into_iter().enumerate() {
            // A condition on an earlier yes/no or choice item, half the time.
            let conditional: Vec<usize> = (0..i)
                .filter(|&j| matches!(items[j].kind, Kind::YesNo | Kind::Choice(_)))
                .collect();
            // Mostly on the nearest one, so that chains (a → b → c) are common.
            let when = (!conditional.is_empty() && pick % 4 != 0).then(|| {
                let j = if pick % 4 == 1 {
                    conditional[usize::from(pick / 4) % conditional.len()]
                } else {
                    conditional[conditional.len() - 1]
                };
                let is = match items[j].kind {
                    Kind::Choice(n) => format!("Option {}", 1 + usize::from(value) % n),
                    _ if value % 2 == 0 => "yes".to_owned(),
                    _ => "no".to_owned(),
                };
                (j, is)
            });
            items.push(Item {
                kind,
                required: !optional,
                na,
                when,
            });
        }
        items
    })
}

fn toml(items: &[Item]) -> String {
    let mut text = String::from(
        "format = 1\nid = \"prop\"\ntitle = \"Prop\"\nversion = \"1\"\nlanguage = \"en\"\n",
    );
    for (i, item) in items.iter().enumerate() {
        if i == 0 || i == items.len() / 2 {
            text.push_str(&format!("[[sections]]\nid = \"s{i}\"\ntitle = \"S{i}\"\n"));
        }
        text.push_str(&format!(
            "[[sections.items]]\nid = \"q{i}\"\ntext = \"Question q{i}\"\nguidance = \"g\"\n\
             required = {}\nna = {}\n",
            item.required, item.na
        ));
        match item.kind {
            Kind::YesNo => text.push_str("kind = \"yes_no\"\n"),
            Kind::Scale => text.push_str("kind = \"scale\"\nmin = 1\nmax = 5\n"),
            Kind::Choice(n) => {
                let options: Vec<String> = (1..=n)
                    .map(|k| {
                        format!(
                            "{{ label = \"Option {k}\", score = {} }}",
                            (k - 1) as f64 / (n - 1) as f64
                        )
                    })
                    .collect();
                text.push_str(&format!(
                    "kind = \"choice\"\noptions = [{}]\n",
                    options.join(", ")
                ));
            }
            Kind::Number => text.push_str("kind = \"number\"\ntarget = { max = 10 }\n"),
        }
        if let Some((j, is)) = &item.when {
            text.push_str(&format!("when = {{ item = \"q{j}\", is = \"{is}\" }}\n"));
        }
    }
    text
}

/// One line of input, as an inspector might type it.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just("y".to_owned()),
        4 => Just("n".to_owned()),
        2 => Just("na".to_owned()),
        3 => (1u8..=6).prop_map(|v| v.to_string()),
        2 => (0u8..30).prop_map(|v| format!("{v}.5")),
        4 => Just("<".to_owned()),
        1 => Just(">".to_owned()),
        1 => Just("?".to_owned()),
        2 => Just(String::new()),
        1 => Just("maybe".to_owned()),
        1 => Just("n # blocked".to_owned()),
        1 => Just("n ! fix it | Li | +7d | high".to_owned()),
        1 => Just("y ＃ 好".to_owned()),
    ]
}

/// The answer the line gives item `item`, as the grammar says: `None` when the line
/// gives no answer (a command, a blank, an invalid answer).
fn answer_of(item: &Item, line: &str) -> Option<String> {
    let text = line.split([' ', '＃']).next().unwrap_or("").trim();
    if text == "na" {
        return item.na.then(|| "na".to_owned());
    }
    match item.kind {
        Kind::YesNo => match text {
            "y" => Some("yes".to_owned()),
            "n" => Some("no".to_owned()),
            _ => None,
        },
        Kind::Scale => text
            .parse::<i64>()
            .ok()
            .filter(|v| (1..=5).contains(v))
            .map(|v| v.to_string()),
        Kind::Choice(n) => text
            .parse::<usize>()
            .ok()
            .filter(|v| (1..=n).contains(v))
            .map(|v| format!("Option {v}")),
        Kind::Number => text
            .parse::<f64>()
            .ok()
            .filter(|_| text != "<" && text != ">")
            .map(|v| v.to_string()),
    }
}

struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn opscheck(args: &[&str], stdin: &str) -> Ran {
    let out = common::in_process(args.iter().copied(), stdin.as_bytes());
    Ran {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Which item each line read went to: the last `Question qK` before each prompt.
fn asked(transcript: &str) -> Vec<usize> {
    let mut current = None;
    let mut asked = Vec::new();
    for piece in transcript.split('\n') {
        if let Some(k) = piece.trim().strip_prefix("Question q") {
            current = k.parse().ok();
        }
        for _ in piece.matches(" › ") {
            asked.push(current.expect("a prompt names its item"));
        }
    }
    asked
}

/// A place for drafts and reports, in memory when the system has one (fsync is the
/// cost of a run, not what this property is about).
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    }
}

fn check(items: &[Item], first: &[String], second: &[String]) -> Result<(), TestCaseError> {
    let dir = scratch();
    let template = dir.path().join("t.toml");
    std::fs::write(&template, toml(items)).unwrap();
    let out = dir.path().join("r");
    let (t, o) = (template.to_str().unwrap(), out.to_str().unwrap());
    let base = [
        "run",
        "--template",
        t,
        "--subject",
        "S",
        "--inspector",
        "QA",
        "--date",
        "2026-11-29",
        "--out",
        o,
    ];
    let mut given: HashMap<usize, String> = HashMap::new();
    let mut feed = |lines: Vec<String>, resume: bool| -> Ran {
        let mut args = base.to_vec();
        if resume {
            args.push("--resume");
        }
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let ran = opscheck(&args, &text);
        for (k, line) in asked(&ran.stderr).into_iter().zip(&lines) {
            if line == "quit" {
                break;
            }
            if let Some(answer) = answer_of(&items[k], line) {
                given.insert(k, answer);
            }
        }
        ran
    };
    let mut session = first.to_vec();
    session.push("quit".to_owned());
    let stopped = feed(session, false);
    let ran = if stopped.code == Some(0) {
        stopped
    } else {
        prop_assert_eq!(stopped.code, Some(3), "{}", stopped.stderr);
        // Then more, and enough to finish: each item takes `y` or `1`.
        let mut rest = second.to_vec();
        for _ in 0..items.len() * 2 {
            rest.push("y".to_owned());
            rest.push("1".to_owned());
        }
        feed(rest, true)
    };
    prop_assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let json = ran.stdout.lines().next().unwrap().to_owned();
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let verified = opscheck(&["verify", "--template", t, &json], "");
    prop_assert_eq!(
        verified.code,
        Some(0),
        "{}{}",
        verified.stdout,
        verified.stderr
    );
    let records = report["answers"].as_array().unwrap();
    // Visibility, computed here on its own: hidden when the condition's item is hidden
    // or did not get the answer named.
    let mut hidden_here = vec![false; items.len()];
    for (k, item) in items.iter().enumerate() {
        if let Some((j, is)) = &item.when {
            hidden_here[k] = hidden_here[*j] || records[*j]["answer"].as_str() != Some(is.as_str());
        }
    }
    for (k, record) in records.iter().enumerate() {
        let hidden = record["hidden"] == true;
        prop_assert_eq!(hidden, hidden_here[k], "q{} hidden: {:#}", k, report);
        if hidden {
            prop_assert!(record["score"].is_null(), "q{k} hidden yet scored");
            continue;
        }
        let stated = record["answer"].as_str().map(|a| match a.parse::<f64>() {
            Ok(v) if matches!(items[k].kind, Kind::Number) => v.to_string(),
            _ => a.to_owned(),
        });
        prop_assert_eq!(stated, given.get(&k).cloned(), "q{}: {:#}", k, report);
        if !record["action"].is_null() {
            prop_assert!(
                record["score"].as_f64().is_some_and(|s| s < 0.5),
                "an action on a passing answer: {record}"
            );
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("OPSCHECK_PROPERTY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_report_verifies_and_holds_the_last_answer_given(
        items in items(),
        first in proptest::collection::vec(token(), 0..20),
        second in proptest::collection::vec(token(), 0..12),
    ) {
        check(&items, &first, &second)?;
    }
}
