//! `opscheck run` records what the inspector meant (issue 10), in line mode: hidden
//! items count nowhere, transitively; `<` reviews in order; Enter keeps; actions follow
//! answers; weights are bounded; drafts and reports are never lost or half-written.

use crate::common;
use crate::run_support;

use std::path::Path;

use run_support::*;
use serde_json::Value;

const CHAIN: &str = "tests/fixtures/when-chain.toml";
const SUBJECT: &str = "Store 12";

fn report_of(result: &std::process::Output) -> Value {
    let json = stdout(result).lines().next().map(str::to_owned);
    read_json(Path::new(
        &json.unwrap_or_else(|| panic!("no report: {}", stderr(result))),
    ))
}

fn verify(report: &Path) -> std::process::Output {
    common::output(
        common::opscheck()
            .args(["verify", "--template", CHAIN])
            .arg(report),
    )
}

#[test]
fn going_back_and_answering_yes_hides_the_chain_and_verify_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    // a = no, b = no; back to b, back to a; a = yes hides b, and so c; then the
    // number items.
    let result = feed(
        &mut run_command(CHAIN, SUBJECT, &out),
        "n\nn\n<\n<\ny\n12\n85%\n",
    );
    assert_code(&result, 0);
    let report = report_of(&result);
    assert_eq!(report["overall"]["percent"], 100.0, "{report:#}");
    assert_eq!(report["overall"]["result"], "pass");
    for id in ["b", "c"] {
        assert_eq!(answer(&report, id)["hidden"], true, "{id}");
        assert!(answer(&report, id)["score"].is_null());
    }
    assert_eq!(
        answer(&report, "b")["answer"],
        "no",
        "the stale answer is kept"
    );
    assert_eq!(answer(&report, "share")["answer"], "85", "85% on a % item");
    assert!(stderr(&result).contains("`b` has an answer but its condition does not hold"));
    let json = stdout(&result).lines().next().unwrap().to_owned();
    let verified = verify(Path::new(&json));
    assert_code(&verified, 0);
}

#[test]
fn an_answers_file_for_a_hidden_chain_counts_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let answers = dir.path().join("answers.toml");
    std::fs::write(
        &answers,
        "[answers]\na = \"y\"\nb = \"n\"\nc = \"n\"\nhours = \"3 h\"\nshare = 90\n",
    )
    .unwrap();
    let result = feed(
        run_command(CHAIN, SUBJECT, &out)
            .arg("--answers")
            .arg(&answers),
        "",
    );
    assert_code(&result, 0);
    let report = report_of(&result);
    assert_eq!(report["overall"]["percent"], 100.0, "{report:#}");
    assert_eq!(answer(&report, "c")["hidden"], true);
    let json = stdout(&result).lines().next().unwrap().to_owned();
    assert_code(&verify(Path::new(&json)), 0);
}

#[test]
fn back_then_answer_reviews_the_items_between_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    // a = no, b = yes (c hidden), hours = 30; back to hours, b, a; a = no again,
    // then b comes (Enter keeps yes), then hours (Enter keeps 30), then share.
    let result = feed(
        &mut run_command(CHAIN, SUBJECT, &out),
        "n\ny\n30\n<\n<\n<\nn\n\n\n95\n",
    );
    assert_code(&result, 0);
    let report = report_of(&result);
    assert_eq!(answer(&report, "a")["answer"], "no");
    assert_eq!(answer(&report, "b")["answer"], "yes");
    assert_eq!(
        answer(&report, "hours")["answer"],
        "30",
        "Enter kept the number"
    );
    assert_eq!(answer(&report, "share")["answer"], "95");
}

#[test]
fn an_action_on_the_answer_line_and_removed_when_the_answer_passes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let result = feed(
        &mut run_command(CHAIN, SUBJECT, &out),
        "n ＃ 通道被堵 ! clear the route | Li | +7d | high\ny\n30 ! drill this week\n<\n5\n90\n",
    );
    assert_code(&result, 0);
    let report = report_of(&result);
    let a = answer(&report, "a");
    assert_eq!(a["note"], "通道被堵", "a full-width ＃ starts the note");
    assert_eq!(a["action"]["text"], "clear the route");
    assert_eq!(a["action"]["owner"], "Li");
    assert_eq!(a["action"]["due"], "2026-12-06");
    assert_eq!(a["action"]["priority"], "high");
    assert!(
        answer(&report, "hours")["action"].is_null(),
        "5 h passes: the action of the failed 30 is removed"
    );
    assert!(stderr(&result).contains("its corrective action (drill this week) is removed"));
}

#[test]
fn quiet_silences_the_prompts_but_not_the_problems() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let result = feed(
        run_command(CHAIN, SUBJECT, &out).arg("-q"),
        "maybe\ny\n3\n90\n",
    );
    assert_code(&result, 0);
    let err = stderr(&result);
    assert!(!err.contains("Is the fire exit clear?"), "{err}");
    assert!(err.contains("answer y or n"), "{err}");
}

#[test]
fn weights_above_the_limit_are_refused_and_never_give_nan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("heavy.toml");
    let text = std::fs::read_to_string(common::root().join(CHAIN))
        .unwrap()
        .replace(
            "kind = \"yes_no\"\n",
            "kind = \"yes_no\"\nweight = 1.7e308\n",
        );
    std::fs::write(&path, text).unwrap();
    let result = common::output(common::opscheck().arg("validate").arg(&path));
    assert_code(&result, 1);
    assert!(
        String::from_utf8_lossy(&result.stdout).contains("above the limit of 1000000")
            || stderr(&result).contains("above the limit of 1000000"),
        "{}{}",
        stdout(&result),
        stderr(&result)
    );
}

#[test]
fn a_symlinked_drafts_directory_is_refused_and_nothing_is_written_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("keep.jsonl"), "").unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join(".drafts")).unwrap();
    let result = feed(&mut run_command(CHAIN, SUBJECT, &out), "y\n3\n90\n");
    assert_code(&result, 2);
    assert!(
        stderr(&result).contains("not a symlink"),
        "{}",
        stderr(&result)
    );
    assert_eq!(files_under(&elsewhere), [elsewhere.join("keep.jsonl")]);
}

#[test]
fn a_hand_edited_journal_line_is_reported_and_the_valid_prefix_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let result = feed(&mut run_command(CHAIN, SUBJECT, &out), "n\ny\n");
    assert_code(&result, 3);
    let draft = drafts(&out).pop().unwrap();
    let mut text = std::fs::read_to_string(&draft).unwrap();
    text.push_str("{\"event\":\"answer\",\"item\":\"hours\",\"answer\":{\"choice\":\"x\"}}\n");
    std::fs::write(&draft, text).unwrap();
    let result = feed(run_command(CHAIN, SUBJECT, &out).arg("--resume"), "3\n90\n");
    assert_code(&result, 0);
    let err = stderr(&result);
    assert!(err.contains("line 4 does not fit the template"), "{err}");
    let report = report_of(&result);
    assert_eq!(answer(&report, "a")["answer"], "no");
    assert_eq!(answer(&report, "hours")["answer"], "3");
    let mut rejected = draft.clone().into_os_string();
    rejected.push(".rejected");
    assert!(
        std::fs::read_to_string(&rejected)
            .unwrap()
            .contains("\"choice\":\"x\""),
        "the refused line is kept beside the draft"
    );
}

#[test]
fn the_printed_resume_command_works_from_another_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let result = feed(
        run_command(CHAIN, SUBJECT, &out).args(["--lang", "zh-CN"]),
        "n\n",
    );
    assert_code(&result, 3);
    let err = stderr(&result);
    let command = err
        .lines()
        .find_map(|l| l.split("继续检查：").nth(1))
        .unwrap_or_else(|| panic!("{err}"))
        .to_owned();
    assert!(command.contains("--lang zh-CN"), "{command}");
    let elsewhere = tempfile::tempdir().unwrap();
    let binary = env!("CARGO_BIN_EXE_opscheck");
    let script = command.replacen("opscheck", &format!("'{binary}'"), 1);
    let mut resume = std::process::Command::new("sh");
    resume
        .current_dir(elsewhere.path())
        .env("NO_COLOR", "1")
        .args(["-c", &script]);
    let result = feed(&mut resume, "y\n3\n90\n");
    assert_code(&result, 0);
}

#[test]
fn drafts_have_short_ids_and_resume_takes_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    assert_code(&feed(&mut run_command(CHAIN, SUBJECT, &out), "n\n"), 3);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_code(&feed(&mut run_command(CHAIN, SUBJECT, &out), "y\n"), 3);
    let listed = common::output(common::opscheck().args(["drafts", "--out"]).arg(&out));
    let table = String::from_utf8_lossy(&listed.stdout).into_owned();
    // The older draft (a = no) is resumed by its id, not only the newest.
    let older = drafts(&out)
        .into_iter()
        .find(|p| std::fs::read_to_string(p).unwrap().contains("\"no\""))
        .unwrap();
    let name = older.file_name().unwrap().to_string_lossy().into_owned();
    let row = table
        .lines()
        .find(|l| l.contains(&name))
        .unwrap_or_else(|| panic!("{name} in\n{table}"));
    let id = row
        .split(|c: char| !c.is_ascii_hexdigit())
        .find(|w| w.len() == 6)
        .unwrap_or_else(|| panic!("an id in {row}"))
        .to_owned();
    let result = feed(
        run_command(CHAIN, SUBJECT, &out).args(["--resume", &id]),
        "y\n3\n90\n",
    );
    assert_code(&result, 0);
    assert_eq!(answer(&report_of(&result), "a")["answer"], "no");
}

/// The chain template, with `[scoring] on_fail = ["note"]` and `a` asking for an action.
fn on_fail_template(dir: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(common::root().join(CHAIN))
        .unwrap()
        .replace(
            "language = \"en\"\n",
            "language = \"en\"\n\n[scoring]\non_fail = [\"note\"]\n",
        )
        .replacen(
            "kind = \"yes_no\"\n",
            "kind = \"yes_no\"\non_fail = [\"action\"]\n",
            1,
        );
    let path = dir.join("on-fail.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_failed_answer_is_asked_again_until_it_has_what_the_template_requires() {
    let dir = tempfile::tempdir().unwrap();
    let template = on_fail_template(dir.path());
    let out = dir.path().join("r");
    let result = feed(
        &mut run_command(template.to_str().unwrap(), SUBJECT, &out),
        "n\nn ! clear it\ny\n30\n30 # drill missed\n90\n",
    );
    assert_code(&result, 0);
    let err = stderr(&result);
    assert!(
        err.contains("this failed answer needs a corrective action"),
        "{err}"
    );
    assert!(err.contains("this failed answer needs a note"), "{err}");
    let report = report_of(&result);
    assert_eq!(answer(&report, "a")["action"]["text"], "clear it");
    assert_eq!(answer(&report, "hours")["note"], "drill missed");
}

#[test]
fn validate_checks_on_fail_and_an_answers_file_must_give_it() {
    let dir = tempfile::tempdir().unwrap();
    let template = on_fail_template(dir.path());
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        std::fs::read_to_string(&template)
            .unwrap()
            .replace("on_fail = [\"note\"]", "on_fail = [\"photo\"]"),
    )
    .unwrap();
    let result = common::output(common::opscheck().arg("validate").arg(&bad));
    assert_code(&result, 1);
    let shown = format!("{}{}", stdout(&result), stderr(&result));
    assert!(shown.contains("photo"), "{shown}");
    let good = common::output(common::opscheck().arg("validate").arg(&template));
    assert_code(&good, 0);

    let answers = dir.path().join("answers.toml");
    std::fs::write(&answers, "[answers]\na = \"n\"\n").unwrap();
    let out = dir.path().join("r");
    let result = feed(
        run_command(template.to_str().unwrap(), SUBJECT, &out)
            .arg("--answers")
            .arg(&answers),
        "",
    );
    assert_code(&result, 1);
    assert!(
        stderr(&result).contains("`a` fails, and the template asks for its `action`"),
        "{}",
        stderr(&result)
    );
}

/// Killed between the report's `.json` and `.md`: the resume writes the `.md` (a
/// report counts as written only when every requested file exists).
#[test]
fn a_resume_after_a_kill_between_report_files_writes_the_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    assert_code(
        &feed(&mut run_command(CHAIN, SUBJECT, &out), "y\nquit\n"),
        3,
    );
    let draft = drafts(&out).pop().unwrap();
    let saved = std::fs::read(&draft).unwrap();
    let done = feed(run_command(CHAIN, SUBJECT, &out).arg("--resume"), "3\n90\n");
    assert_code(&done, 0);
    let paths: Vec<String> = stdout(&done).lines().map(str::to_owned).collect();
    let md = std::path::PathBuf::from(&paths[1]);
    let written = std::fs::read_to_string(&md).unwrap();
    // As if killed after the JSON: the draft is still there, the Markdown is not.
    std::fs::create_dir_all(draft.parent().unwrap()).unwrap();
    std::fs::write(&draft, saved).unwrap();
    std::fs::remove_file(&md).unwrap();
    let again = feed(run_command(CHAIN, SUBJECT, &out).arg("--resume"), "");
    assert_code(&again, 0);
    assert!(
        stderr(&again).contains("already reported"),
        "{}",
        stderr(&again)
    );
    assert_eq!(stdout(&again), stdout(&done), "both files named again");
    assert_eq!(std::fs::read_to_string(&md).unwrap(), written);
    assert!(drafts(&out).is_empty());
}
