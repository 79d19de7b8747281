//! Single reports read from the team store: `report`, `explain`, `verify` and `diff`
//! with `--db` and a digest, a digest prefix or SUBJECT@DATE print what they print over
//! the pushed files, byte for byte, with the same exit status; unknown, ambiguous and
//! malformed references are clear errors in both languages.
//!
//! Needs `OPSCHECK_TEST_DATABASE_URL`, as `store_postgres` does (skipped with one line
//! without it, a failure when `CI` is set).

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use crate::common;
use crate::corpus;
use crate::run_support::{self, Inspection, Policy, ZH, input, lines, stderr, stdout, template};
use crate::store_postgres::{Shared, admin, assert_code, login, migrated_database, push, reports};

/// `opscheck ARGS` in `dir`, as `store_postgres` runs it.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    common::output(
        common::opscheck()
            .current_dir(dir)
            .args(args)
            .stdin(Stdio::null())
            .env_remove("OPSCHECK_DATABASE_URL")
            .env_remove("PGPASSWORD")
            .env("OPSCHECK_NOW", "2026-12-05T09:00:00+08:00"),
    )
}

/// A pushed folder: the store's URL (and the server held), the folder, and each
/// report's file name, digest and SUBJECT@DATE, by name.
struct Pushed {
    url: String,
    _server: Shared,
    dir: PathBuf,
    names: Vec<(String, String, String)>,
}

/// The store corpus (seven reports) and one inspection of the Chinese checklist, pushed.
fn pushed(name: &str) -> Option<Pushed> {
    let (url, server) = migrated_database(&format!("pg_{name}"))?;
    let dir = reports(name);
    let (_, items) = template(ZH);
    let mixed = input(&lines(&items, Policy::Mixed, true));
    Inspection {
        template: ZH,
        subject: "北京门店",
        inspector: "李伟",
        date: "2026-04-02",
        stdin: &mixed,
        answers: None,
    }
    .run(&dir);
    assert_code(&push(&dir, &url), 0);
    let mut names: Vec<(String, String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let report = run_support::read_json(&path);
            let day = format!(
                "{}@{}",
                report["subject"].as_str().unwrap(),
                report["date"].as_str().unwrap()
            );
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            (name, report["digest"].as_str().unwrap().to_owned(), day)
        })
        .collect();
    names.sort();
    assert_eq!(names.len(), 8);
    Some(Pushed {
        url,
        _server: server,
        dir,
        names,
    })
}

/// Asserts that `files` in `dir` and `store` give the same stdout and exit status.
#[track_caller]
fn assert_same(dir: &Path, files: &[&str], store: &[&str]) -> Output {
    let (a, b) = (run_in(dir, files), run_in(dir, store));
    assert_eq!(
        a.status.code(),
        b.status.code(),
        "{store:?}: {}\nover the files: {}",
        stderr(&b),
        stderr(&a)
    );
    assert!(!a.stdout.is_empty(), "{files:?} printed nothing");
    assert!(
        a.stdout == b.stdout,
        "{store:?} differs from {files:?}:\n{}\n---\n{}",
        stdout(&a),
        stdout(&b)
    );
    b
}

#[test]
fn report_explain_verify_and_diff_over_the_store_match_the_pushed_files() {
    let Some(Pushed {
        url,
        _server,
        dir,
        names,
    }) = pushed("single")
    else {
        return;
    };
    let url = url.as_str();
    let mut compared = 0;
    for (i, (name, digest, day)) in names.iter().enumerate() {
        // Each report by each kind of reference, in turn.
        let prefix = &digest["sha256:".len()..][..10];
        let reference = match i % 3 {
            0 => digest.as_str(),
            1 => prefix,
            _ => day.as_str(),
        };
        for format in ["md", "html", "csv", "json", "xlsx"] {
            assert_same(
                &dir,
                &["report", name, "--format", format],
                &["report", reference, "--format", format, "--db", url],
            );
            compared += 1;
        }
        for lang in ["en", "zh-CN"] {
            assert_same(
                &dir,
                &["report", name, "--lang", lang],
                &["report", reference, "--db", url, "--lang", lang],
            );
            assert_same(
                &dir,
                &["report", name, "--format", "csv", "--excel", "--lang", lang],
                &[
                    "report", reference, "--format", "csv", "--excel", "--lang", lang, "--db", url,
                ],
            );
            assert_same(
                &dir,
                &["explain", name, "--top", "3", "--lang", lang],
                &[
                    "explain", reference, "--top", "3", "--lang", lang, "--db", url,
                ],
            );
            let out = assert_same(
                &dir,
                &["verify", name, "--lang", lang],
                &["verify", reference, "--lang", lang, "--db", url],
            );
            // Named by the path it was pushed from; its stored bytes verified.
            assert!(stdout(&out).contains(name.as_str()), "{}", stdout(&out));
            assert_code(&out, 0);
            compared += 4;
        }
    }
    // Every report at once, each by its SUBJECT@DATE.
    let files: Vec<&str> = names.iter().map(|(n, _, _)| n.as_str()).collect();
    let days: Vec<&str> = names.iter().map(|(_, _, d)| d.as_str()).collect();
    let mut store = vec!["verify", "--db", url];
    store.extend(&days);
    let mut by_file = vec!["verify"];
    by_file.extend(&files);
    assert_same(&dir, &by_file, &store);
    // Two inspections of Store 1 on the mini checklist, and Store 2's two checklists.
    let file = |day: &str| {
        let (name, _, _) = names.iter().find(|(_, _, d)| d == day).unwrap();
        name.as_str()
    };
    for (old, new) in [
        ("Store 1@2026-01-15", "Store 1@2026-03-05"),
        ("Store 1@2026-03-05", "Store 1@2026-02-10"),
    ] {
        for lang in ["en", "zh-CN"] {
            assert_same(
                &dir,
                &["diff", file(old), file(new), "--lang", lang],
                &["diff", old, new, "--db", url, "--lang", lang],
            );
        }
    }
    let out_files = run_in(
        &dir,
        &[
            "diff",
            file("Store 2@2026-02-20"),
            file("Store 2@2026-03-28"),
        ],
    );
    let out_store = run_in(
        &dir,
        &[
            "diff",
            "Store 2@2026-02-20",
            "Store 2@2026-03-28",
            "--db",
            url,
        ],
    );
    assert_code(&out_files, 2);
    assert_code(&out_store, 2);
    assert_eq!(stderr(&out_files), stderr(&out_store));
    // A subject's history: the folder's and the store's.
    for subject in ["Store 1", "Store 2", "上海仓库"] {
        for lang in ["en", "zh-CN"] {
            let out = assert_same(
                &dir,
                &[
                    "diff",
                    "--history",
                    ".",
                    "--subject",
                    subject,
                    "--lang",
                    lang,
                ],
                &[
                    "diff",
                    "--history",
                    "--subject",
                    subject,
                    "--db",
                    url,
                    "--lang",
                    lang,
                ],
            );
            assert_code(&out, 0);
            compared += 1;
        }
    }
    assert_eq!(compared, 8 * (5 + 2 * 4) + 3 * 2);
}

/// Runs `args` in `dir`; asserts its exit status and that stderr says `says`.
#[track_caller]
fn assert_says(dir: &Path, args: &[&str], code: i32, says: &str) -> Output {
    let out = run_in(dir, args);
    assert_code(&out, code);
    assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    out
}

#[test]
fn unknown_ambiguous_and_malformed_references_say_what_to_do() {
    let Some(Pushed {
        url,
        _server,
        dir,
        names,
    }) = pushed("refs")
    else {
        return;
    };
    let url = url.as_str();
    let (name, digest, _) = &names[0];

    // A digest no report has: exit 2, as a missing file, and nothing on stdout.
    let unknown = format!("sha256:{}", "0".repeat(64));
    let says = format!("no report in the team store has the digest `{unknown}`");
    let out = assert_says(&dir, &["report", &unknown, "--db", url], 2, &says);
    assert!(out.stdout.is_empty());
    let says = "团队存储中没有摘要为 `sha256:00000000` 的报告";
    let zh = ["explain", "00000000", "--db", url, "--lang", "zh-CN"];
    assert_says(&dir, &zh, 2, says);

    // A second report whose digest shares 12 hex digits with the first: a prefix of
    // 10 is ambiguous (both named), one of 13 is not.
    let twin = format!("{}{}", &digest[..7 + 12], "f".repeat(52));
    admin(url)
        .execute(
            "INSERT INTO opscheck.reports SELECT $1, path || '.twin', template_id, \
             template_version, template_sha256, language, subject, inspector, date, \
             finished_at + interval '1 hour', percent, points, max_points, pass_mark, \
             result, percent_exact, points_exact, max_points_exact, head, body, bytes \
             FROM opscheck.reports WHERE digest = $2",
            &[&twin, digest],
        )
        .unwrap();
    let prefix = &digest[7..17];
    let says = format!(
        "2 reports in the team store have digests that start with `sha256:{prefix}`: give more hex digits"
    );
    let text = stderr(&assert_says(
        &dir,
        &["report", prefix, "--db", url],
        2,
        &says,
    ));
    for listed in [
        format!("`{digest}` `{name}`"),
        format!("`{twin}` `{name}.twin`"),
    ] {
        assert!(text.contains(&listed), "{text}");
    }
    assert_same(
        &dir,
        &["report", name, "--format", "json"],
        &["report", &digest[7..20], "--db", url, "--format", "json"],
    );

    // Two reports of one subject on one day: the later by finish time, the other named.
    let report = run_support::read_json(&dir.join(name));
    let day = format!(
        "{}@{}",
        report["subject"].as_str().unwrap(),
        report["date"].as_str().unwrap()
    );
    let says = format!(
        "note: 2 reports of that subject on that day; using the latest, `{twin}` (the others: {digest})"
    );
    let out = assert_says(&dir, &["verify", &day, "--db", url], 0, &says);
    assert!(
        stdout(&out).contains(&format!("{name}.twin")),
        "{}",
        stdout(&out)
    );
    let quiet = run_in(&dir, &["verify", &day, "--db", url, "--quiet"]);
    assert!(stderr(&quiet).is_empty(), "{}", stderr(&quiet));

    // A day without an inspection names the subject's latest days; an unknown subject
    // says how to list the subjects.
    let says = "no report of `Store 1` on 2026-01-16; its latest inspections are on 2026-03-05, 2026-02-10, 2026-01-15";
    assert_says(
        &dir,
        &["report", "Store 1@2026-01-16", "--db", url],
        2,
        says,
    );
    let both = ["Store 9@2026-01-15", "Store 1@2026-01-15"];
    let zh = ["diff", both[0], both[1], "--db", url, "--lang", "zh-CN"];
    assert_says(&dir, &zh, 2, "团队存储中没有 `Store 9` 的报告");
    let history = ["diff", "--history", "--subject", "Store 9", "--db", url];
    assert_says(
        &dir,
        &history,
        0,
        "the team store has no report of `Store 9`",
    );

    // A stored report this opscheck cannot read (pushed by a newer one) is skipped in a
    // history with the warning a folder gives, the rest shown as over the files.
    let (store_2, _, _) = names
        .iter()
        .find(|(_, _, d)| d == "Store 2@2026-02-20")
        .unwrap();
    let history = ["diff", "--history", ".", "--subject", "Store 2"];
    let files = run_in(&dir, &history);
    admin(url)
        .execute(
            "INSERT INTO opscheck.reports SELECT 'sha256:' || repeat('e', 64), \
             '2026-09-09-newer.json', template_id, template_version, template_sha256, \
             language, subject, inspector, date + 200, finished_at, percent, points, \
             max_points, pass_mark, result, percent_exact, points_exact, max_points_exact, \
             head, body, convert_to(replace(replace(convert_from(bytes, 'UTF8'), \
             'opscheck-report/1', 'opscheck-report/9'), '\"inspector\":', '\"inspected_by\":'), \
             'UTF8') \
             FROM opscheck.reports WHERE path = $1",
            &[store_2],
        )
        .unwrap();
    let history = ["diff", "--history", "--subject", "Store 2", "--db", url];
    let says = "skipped `2026-09-09-newer.json`: it is a `opscheck-report/9` report, newer than this opscheck reads";
    let store = assert_says(&dir, &history, 0, says);
    assert_eq!(stdout(&files), stdout(&store));

    // verify goes on past an unknown reference and exits 2, as with a missing file.
    let files = run_in(&dir, &["verify", name, "missing.json"]);
    let says = "no report in the team store has the digest";
    let store = assert_says(&dir, &["verify", digest, &unknown, "--db", url], 2, says);
    assert_code(&files, 2);
    assert_eq!(stdout(&files), stdout(&store));

    // Not a reference, a path: refused before connecting, in both languages.
    let down = "postgresql://qa@127.0.0.1:1/opscheck";
    for (lang, says) in [
        ("en", "`reports/x.json` names no report in the team store"),
        ("zh-CN", "团队存储中找不到 `reports/x.json` 所指的报告"),
    ] {
        let args = ["report", "reports/x.json", "--db", down, "--lang", lang];
        assert_says(&dir, &args, 2, says);
    }
    // Signatures are not stored: refused with the way to check them.
    let signers = ["verify", digest, "--db", url, "--allowed-signers", "x"];
    assert_says(&dir, &signers, 2, "the team store keeps no signatures");
    let history = [
        "diff",
        "--history",
        ".",
        "--subject",
        "Store 1",
        "--db",
        url,
    ];
    let says = "`--history` walks the team store and takes no DIR";
    assert_says(&dir, &history, 2, says);

    // verify checks the stored bytes, not the digest column: edited in the store, the
    // report is TAMPERED (exit 1), as the edited file would be.
    admin(url)
        .execute(
            "UPDATE opscheck.reports SET bytes = convert_to(replace(convert_from(bytes, 'UTF8'), \
             '\"Alice\"', '\"Eve\"'), 'UTF8') WHERE digest = $1",
            &[digest],
        )
        .unwrap();
    let out = run_in(&dir, &["verify", digest, "--db", url]);
    assert_code(&out, 1);
    let says = format!("TAMPERED      {name}: the digest does not match");
    assert!(stdout(&out).starts_with(&says), "{}", stdout(&out));

    // Evidence files are not pushed: verify over the store says so, and still passes.
    let photo = dir.with_file_name("pg-refs-photo.txt");
    std::fs::write(&photo, "东侧出口畅通\n").unwrap();
    let answers = format!(
        "[answers]\nexits = {{ answer = \"y\", evidence = [\"{}\"] }}\n",
        photo.display()
    );
    let folder = dir.with_file_name("pg-refs-evidence");
    let _ = std::fs::remove_dir_all(&folder);
    let report = Inspection {
        template: corpus::MINI,
        subject: "Store 5",
        inspector: "Alice",
        date: "2026-05-01",
        stdin: "y\ny\ny\n1\n\n",
        answers: Some(&answers),
    }
    .run(&folder);
    let name = report.file_name().unwrap().to_str().unwrap();
    assert_code(&push(&folder, url), 0);
    let out = run_in(&folder, &["verify", name]);
    assert_code(&out, 0);
    assert!(!stdout(&out).contains("NOT CHECKED"), "{}", stdout(&out));
    let out = run_in(&folder, &["verify", "Store 5@2026-05-01", "--db", url]);
    assert_code(&out, 0);
    let says = format!(
        "NOT CHECKED   {name}: its attached evidence file is not in the team store; verify it over the folder that was pushed"
    );
    assert!(stdout(&out).contains(&says), "{}", stdout(&out));

    // The manager role reads single reports; the inspector role may not.
    let manager = login(url, "opscheck_test_rita", "opscheck_manager");
    assert_same(
        &folder,
        &["explain", name],
        &["explain", "Store 5@2026-05-01", "--db", &manager],
    );
    let inspector = login(url, "opscheck_test_ivan", "opscheck_inspector");
    let args = ["report", "Store 5@2026-05-01", "--db", &inspector];
    let out = assert_says(
        &folder,
        &args,
        2,
        "user `opscheck_test_ivan` may not do this",
    );
    assert!(
        !stderr(&out).contains("opscheck_test_ivan-4711"),
        "{}",
        stderr(&out)
    );
}
