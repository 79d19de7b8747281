//! The team store on a real PostgreSQL: push, read back byte for byte, idempotence,
//! concurrent pushers, SIGKILL mid-push, roles, TLS and faults.
//!
//! Needs `OPSCHECK_TEST_DATABASE_URL` (a superuser URL over 127.0.0.1, as
//! `scripts/with-postgres.sh` exports). Without it these tests are skipped with one line
//! on stderr, unless `CI` is set: then a missing database fails them.

use crate::common;
use crate::corpus;
use crate::run_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Once, OnceLock, RwLock, RwLockReadGuard};
use std::time::Duration;

use common::opscheck;
use run_support::{stderr, stdout};

/// The superuser URL of the test server, or `None` (skip) when there is none.
pub(crate) fn server() -> Option<&'static str> {
    static URL: OnceLock<Option<String>> = OnceLock::new();
    static SAID: Once = Once::new();
    let url = URL.get_or_init(|| std::env::var("OPSCHECK_TEST_DATABASE_URL").ok());
    match url {
        Some(url) => Some(url.as_str()),
        None if std::env::var_os("CI").is_some() => {
            panic!(
                "CI is set but OPSCHECK_TEST_DATABASE_URL is not: run under scripts/with-postgres.sh"
            )
        }
        None => {
            SAID.call_once(|| {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "store_postgres: skipped (no OPSCHECK_TEST_DATABASE_URL); run `scripts/with-postgres.sh cargo test --test it store_`"
                );
            });
            None
        }
    }
}

/// `URL` with its database replaced.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
    if query.is_empty() {
        format!("{base}/{database}")
    } else {
        format!("{base}/{database}?{query}")
    }
}

/// `URL` with another user (and password) for the same server.
pub(crate) fn as_user(url: &str, user: &str, password: &str) -> String {
    let rest = url
        .strip_prefix("postgresql://")
        .expect("a postgresql:// URL");
    let rest = rest.split_once('@').map_or(rest, |(_, r)| r);
    format!("postgresql://{user}:{password}@{rest}")
}

pub(crate) fn admin(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).expect("the test server accepts its superuser")
}

/// A login role `user` (password `USER-4711`) in `role`, made once; its URL.
pub(crate) fn login(url: &str, user: &str, role: &str) -> String {
    let password = format!("{user}-4711");
    admin(url)
        .batch_execute(&format!(
            "DO $$ BEGIN
               IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{user}') THEN
                 CREATE ROLE {user} LOGIN PASSWORD '{password}' IN ROLE {role};
               END IF;
             END $$;"
        ))
        .unwrap();
    as_user(url, user, &password)
}

/// A fresh, empty database for one test, its URL.
fn fresh_database(name: &str) -> Option<String> {
    let url = server()?;
    let mut client = admin(url);
    client
        .execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"), &[])
        .unwrap();
    client
        .execute(&format!("CREATE DATABASE {name}"), &[])
        .unwrap();
    Some(with_database(url, name))
}

/// Held by every test while it uses the server; the restart test holds it alone.
static SERVER: RwLock<()> = RwLock::new(());

pub(crate) type Shared = RwLockReadGuard<'static, ()>;

/// A fresh database with the schema and the roles, and the server shared.
pub(crate) fn migrated_database(name: &str) -> Option<(String, Shared)> {
    server()?;
    let shared = SERVER.read().unwrap_or_else(|e| e.into_inner());
    let url = fresh_database(name)?;
    // Roles are the cluster's: tests create them one at a time.
    static ROLES: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = ROLES.lock().unwrap_or_else(|e| e.into_inner());
    let out = run(&["db", "migrate", "--roles", "--db", &url]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    Some((url, shared))
}

fn run(args: &[&str]) -> Output {
    // `output` reads stdout while the command runs (an export is larger than a pipe).
    common::output(
        opscheck()
            .args(args)
            .stdin(Stdio::null())
            .env_remove("OPSCHECK_DATABASE_URL")
            .env_remove("PGPASSWORD")
            .env("OPSCHECK_NOW", "2026-12-05T09:00:00+08:00"),
    )
}

/// The reports of `tests/corpus` (two templates, English and Chinese subjects, notes
/// and actions), copied into a directory of this test's own.
pub(crate) fn reports(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("pg-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(corpus::corpus("pg")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn count(url: &str, sql: &str) -> i64 {
    admin(url).query_one(sql, &[]).unwrap().get(0)
}

pub(crate) fn push(dir: &Path, url: &str) -> Output {
    run(&["push", dir.to_str().unwrap(), "--db", url])
}

#[track_caller]
pub(crate) fn assert_code(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        stdout(out),
        stderr(out)
    );
}

/// Waits (up to 30 s) until no other client is connected to `url`'s database.
fn until_alone(url: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while count(
        url,
        "SELECT count(*) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid() \
         AND backend_type = 'client backend'",
    ) > 0
    {
        assert!(
            std::time::Instant::now() < deadline,
            "a killed push's session did not end"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Reports whose sections or answers are not all stored: must never exist.
fn partial_reports(url: &str) -> i64 {
    count(
        url,
        "SELECT count(*) FROM opscheck.reports r WHERE \
         jsonb_array_length(r.body->'sections') <> \
           (SELECT count(*) FROM opscheck.sections s WHERE s.digest = r.digest) \
         OR jsonb_array_length(r.body->'answers') <> \
           (SELECT count(*) FROM opscheck.answers a WHERE a.digest = r.digest) \
         OR jsonb_array_length(r.body->'findings') <> \
           (SELECT count(*) FROM opscheck.findings f WHERE f.digest = r.digest)",
    )
}

/// Rows of the sums per day that differ from the sums of the reports and sections
/// stored (both ways): must always be 0.
fn day_sums_disagree(url: &str) -> i64 {
    let areas = "SELECT r.template_id, x.section_id, r.date, r.language, \
         count(*) FILTER (WHERE x.percent IS NOT NULL), sum(x.percent_exact), \
         min(x.percent), max(x.percent), \
         sum(x.points_exact) FILTER (WHERE x.percent IS NOT NULL), \
         sum(x.max_points_exact) FILTER (WHERE x.percent IS NOT NULL), \
         count(*) FILTER (WHERE x.percent >= r.pass_mark), \
         count(*) FILTER (WHERE x.percent < r.pass_mark), \
         min(r.path COLLATE \"C\"), (array_agg(x.title ORDER BY r.path COLLATE \"C\"))[1], \
         max(r.path COLLATE \"C\"), \
         (array_agg(x.title ORDER BY r.path COLLATE \"C\" DESC))[1], min(x.position) \
         FROM opscheck.sections x JOIN opscheck.reports r USING (digest) GROUP BY 1, 2, 3, 4";
    let area_days = "SELECT template_id, section_id, date, language, scored, percent_sum, \
         percent_min, percent_max, points_sum, max_points_sum, passes, below, first_path, \
         first_title, last_path, last_title, first_position FROM opscheck.area_days";
    let reports = "SELECT r.template_id, r.template_version, r.date, count(*), \
         count(r.percent), sum(r.percent_exact), min(r.percent), max(r.percent), \
         sum(r.points_exact), sum(r.max_points_exact), \
         count(*) FILTER (WHERE r.result = 'pass'), \
         count(*) FILTER (WHERE r.percent < r.pass_mark) \
         FROM opscheck.reports r GROUP BY 1, 2, 3";
    let report_days = "SELECT template_id, template_version, date, reports, scored, \
         percent_sum, percent_min, percent_max, points_sum, max_points_sum, passes, below \
         FROM opscheck.report_days";
    count(
        url,
        &format!(
            "SELECT (SELECT count(*) FROM ({areas} EXCEPT {area_days}) a) \
             + (SELECT count(*) FROM ({area_days} EXCEPT {areas}) b) \
             + (SELECT count(*) FROM ({reports} EXCEPT {report_days}) c) \
             + (SELECT count(*) FROM ({report_days} EXCEPT {reports}) d)"
        ),
    )
}

/// Sites of the test corpus's subjects, in two regions and two languages.
const SITES: &str = r#"[[sites]]
subject = "Store 1"
name = "Leeds"
region = "North"
tags = ["mall"]
[[sites.schedules]]
template = "ops-inspection"
every = "4w"

[[sites]]
subject = "Store 3"
region = "South"
tags = ["mall", "flagship"]
[[sites.schedules]]
template = "ops-inspection"
every = "1m"

[[sites]]
subject = "上海仓库"
name = "上海仓库"
region = "华东"
[[sites.schedules]]
template = "ops-inspection"
every = "2w"
"#;

#[test]
fn every_view_and_format_over_the_store_is_byte_identical_to_the_files() {
    let Some((url, _server)) = migrated_database("pg_identity") else {
        return;
    };
    let dir = reports("identity");
    let out = run(&[
        "push",
        dir.to_str().unwrap(),
        "--db",
        &url,
        "--waivers",
        "tests/fixtures/loop/waivers.toml",
        "--sites",
        "tests/fixtures/loop/sites.toml",
    ]);
    assert_code(&out, 0);
    assert!(
        stdout(&out).contains("pushed 7, already there 0, refused 0 (2 other files stored)"),
        "{}",
        stdout(&out)
    );
    let views: [&[&str]; 10] = [
        &[],
        &["--by", "area"],
        &["--by", "subject"],
        &["--by", "inspector"],
        &["--by", "month"],
        &["--by", "template"],
        &["--findings"],
        &["--findings", "3"],
        &["--by", "area", "--pooled"],
        &["--by", "subject", "--pooled"],
    ];
    let filters: [&[&str]; 6] = [
        &[],
        &["--template", "mini"],
        &["--subject", "Store*"],
        &["--since", "2026-02-15", "--until", "2026-03-21"],
        &["--result", "fail"],
        &["--inspector", "Bob"],
    ];
    let mut compared = 0;
    for view in views {
        for filter in filters {
            // Every format in both languages unfiltered; JSON and the table under each filter.
            let formats: &[&str] = if filter.is_empty() {
                &["table", "json", "csv", "markdown"]
            } else {
                &["table", "json"]
            };
            let langs: &[&str] = if filter.is_empty() {
                &["en", "zh-CN"]
            } else {
                &["en"]
            };
            for &format in formats {
                for &lang in langs {
                    let mut tail: Vec<&str> = view.to_vec();
                    tail.extend_from_slice(filter);
                    tail.extend(["--format", format, "--lang", lang]);
                    let mut files = vec!["summary", dir.to_str().unwrap()];
                    files.extend(&tail);
                    let mut store = vec!["summary", "--db", url.as_str()];
                    store.extend(&tail);
                    let (a, b) = (run(&files), run(&store));
                    assert_eq!(a.status.code(), b.status.code(), "{tail:?}: {}", stderr(&b));
                    assert_eq!(stdout(&a), stdout(&b), "summary {tail:?} differs over --db");
                    assert_eq!(stderr(&a), stderr(&b), "summary {tail:?}: stderr differs");
                    compared += 1;
                }
            }
        }
    }
    assert_eq!(compared, 10 * (8 + 5 * 2));
    // Nothing matches: the store says how many reports it looked at, as the files do.
    for view in [&["--by", "area"][..], &["--by", "subject"], &[]] {
        let mut files = vec!["summary", dir.to_str().unwrap(), "--since", "2030-01-01"];
        files.extend(view);
        let mut store = vec!["summary", "--db", url.as_str(), "--since", "2030-01-01"];
        store.extend(view);
        let (a, b) = (run(&files), run(&store));
        assert!(stderr(&a).contains("(7 files looked at)"), "{}", stderr(&a));
        assert_eq!(stderr(&a), stderr(&b), "summary {view:?} over nothing");
        assert_eq!(stdout(&a), stdout(&b));
    }
    assert_eq!(count(&url, "SELECT count(*) FROM opscheck.waivers"), 1);
    assert_eq!(count(&url, "SELECT count(*) FROM opscheck.sites"), 1);
    // The views that read more than reports: the sites file (the latest pushed) and the
    // events, as pushed.
    let sites = dir.with_file_name("pg-identity-sites.toml");
    std::fs::write(&sites, SITES).unwrap();
    let out = run(&[
        "push",
        dir.to_str().unwrap(),
        "--db",
        &url,
        "--sites",
        sites.to_str().unwrap(),
    ]);
    assert_code(&out, 0);
    let more: [&[&str]; 7] = [
        &["--by", "region"],
        &["--by", "tag", "--format", "csv"],
        &["--by", "region", "--lang", "zh-CN", "--format", "json"],
        &["--actions"],
        &["--actions", "--format", "json", "--lang", "zh-CN"],
        &["--format", "html"],
        &[
            "--format",
            "html",
            "--lang",
            "zh-CN",
            "--since",
            "2026-03-01",
        ],
    ];
    for tail in more {
        let mut files = vec!["summary", dir.to_str().unwrap()];
        files.extend(["--sites", sites.to_str().unwrap()]);
        files.extend(tail);
        let mut store = vec!["summary", "--db", url.as_str()];
        store.extend(tail);
        let (a, b) = (run(&files), run(&store));
        assert_code(&b, a.status.code().unwrap_or(-1));
        assert!(
            !stdout(&a).is_empty(),
            "summary {tail:?}: nothing over the files"
        );
        // The dashboard states where its reports come from; all else is the same.
        let from = dir.display().to_string().replace('/', "&#x2f;");
        let server = url
            .split('@')
            .nth(1)
            .and_then(|s| s.split('/').next())
            .unwrap();
        let store_is = if tail.contains(&"zh-CN") {
            format!("团队库（{server}）")
        } else {
            format!("the team store on {server}")
        };
        assert_eq!(
            stdout(&a).replace(&from, &store_is),
            stdout(&b),
            "summary {tail:?} differs over --db"
        );
        assert_eq!(stderr(&a), stderr(&b), "summary {tail:?}: stderr differs");
    }
    // Signatures are not stored: filtering by them over the store is refused.
    let out = run(&["summary", "--db", &url, "--signed"]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("signatures are not kept in the team store"),
        "{}",
        stderr(&out)
    );
    // The stored bytes are the file's bytes.
    let stored: Vec<u8> = admin(&url)
        .query_one(
            "SELECT bytes FROM opscheck.reports WHERE path = '2026-03-20-mini-上海仓库.json'",
            &[],
        )
        .expect("the report is stored at its path")
        .get(0);
    let name = dir.join("2026-03-20-mini-上海仓库.json");
    assert_eq!(stored, std::fs::read(&name).unwrap());
    assert_eq!(count(&url, "SELECT count(*) FROM opscheck.sites"), 2);
    assert_eq!(partial_reports(&url), 0);
}

#[test]
fn pushing_twice_changes_nothing() {
    let Some((url, _server)) = migrated_database("pg_twice") else {
        return;
    };
    let dir = reports("twice");
    assert_code(&push(&dir, &url), 0);
    let snapshot = |url: &str| -> Vec<(String, i64)> {
        admin(url)
            .query(
                "SELECT digest, (SELECT count(*) FROM opscheck.answers a WHERE a.digest = r.digest) \
                 FROM opscheck.reports r ORDER BY digest",
                &[],
            )
            .unwrap()
            .iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect()
    };
    let before = snapshot(&url);
    let pushed_at = count(
        &url,
        "SELECT extract(epoch FROM max(pushed_at))::bigint FROM opscheck.reports",
    );
    let out = push(&dir, &url);
    assert_code(&out, 0);
    assert!(
        stdout(&out).starts_with("pushed 0, already there 7, refused 0"),
        "{}",
        stdout(&out)
    );
    assert_eq!(snapshot(&url), before);
    assert_eq!(before.len(), 7);
    assert_eq!(
        count(
            &url,
            "SELECT extract(epoch FROM max(pushed_at))::bigint FROM opscheck.reports"
        ),
        pushed_at
    );
    assert_eq!(count(&url, "SELECT count(*) FROM opscheck.staging"), 0);
}

#[test]
fn eight_concurrent_pushers_of_overlapping_folders_store_each_report_once() {
    let Some((url, _server)) = migrated_database("pg_concurrent") else {
        return;
    };
    let all = reports("concurrent");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&all)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    // Pusher i takes reports i, i+1, i+2, i+3 (mod 7): every report is in four folders.
    let folders: Vec<PathBuf> = (0..8)
        .map(|i| {
            let dir = all.with_file_name(format!("pg-concurrent-{i}"));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            for k in 0..4 {
                let file = &files[(i + k) % files.len()];
                std::fs::copy(file, dir.join(file.file_name().unwrap())).unwrap();
            }
            dir
        })
        .collect();
    let children: Vec<_> = folders
        .iter()
        .map(|dir| {
            opscheck()
                .args(["push", dir.to_str().unwrap(), "--db", &url, "--batch", "1"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut pushed = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_code(&out, 0);
        let text = stdout(&out);
        let n: i64 = text
            .strip_prefix("pushed ")
            .and_then(|t| t.split(',').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no summary line: {text}"));
        pushed += n;
    }
    assert_eq!(pushed, 7, "each report pushed by exactly one pusher");
    assert_eq!(count(&url, "SELECT count(*) FROM opscheck.reports"), 7);
    assert_eq!(
        count(&url, "SELECT count(DISTINCT digest) FROM opscheck.reports"),
        7
    );
    assert_eq!(partial_reports(&url), 0);
    // Eight pushers updated the same sums per day, each report counted once.
    assert_eq!(day_sums_disagree(&url), 0);
    let files = run(&["summary", all.to_str().unwrap(), "--by", "area"]);
    let store = run(&["summary", "--db", &url, "--by", "area"]);
    assert_eq!(stdout(&files), stdout(&store));
}

#[test]
fn sigkill_during_push_never_leaves_a_partial_report_and_a_second_push_completes() {
    let Some((url, _server)) = migrated_database("pg_kill") else {
        return;
    };
    let dir = reports("kill");
    // A seed from the clock, printed, so that a failure can be replayed.
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let seed_text = seed.to_string();
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut killed_midway = 0;
    for trial in 0..50 {
        admin(&url)
            .batch_execute("TRUNCATE opscheck.reports CASCADE")
            .unwrap();
        let mut child = opscheck()
            .args(["push", dir.to_str().unwrap(), "--db", &url, "--batch", "1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(next() % 250));
        let _ = child.kill();
        let status = child.wait().unwrap();
        // A COMMIT sent just before the kill may still be finishing on the server: count
        // once the killed push's session has ended.
        until_alone(&url);
        let stored = count(&url, "SELECT count(*) FROM opscheck.reports");
        if !status.success() && stored < 7 {
            killed_midway += 1;
        }
        assert_eq!(
            partial_reports(&url),
            0,
            "trial {trial} (seed {seed_text}): a report was stored in part"
        );
        assert_eq!(
            day_sums_disagree(&url),
            0,
            "trial {trial} (seed {seed_text}): the sums per day disagree with the reports"
        );
        let out = push(&dir, &url);
        assert_code(&out, 0);
        assert!(
            stdout(&out).contains(&format!("already there {stored}")),
            "trial {trial} (seed {seed_text}): {}",
            stdout(&out)
        );
        assert_eq!(count(&url, "SELECT count(*) FROM opscheck.reports"), 7);
        assert_eq!(partial_reports(&url), 0);
    }
    assert!(
        killed_midway > 0,
        "no kill landed in the middle of a push (seed {seed_text})"
    );
}

#[test]
fn the_sums_per_day_are_made_for_a_store_of_version_1_and_kept_when_reports_are_deleted() {
    let Some((url, _server)) = migrated_database("pg_day_sums") else {
        return;
    };
    let dir = reports("day-sums");
    assert_code(&push(&dir, &url), 0);
    let area = |url: &str| stdout(&run(&["summary", "--db", url, "--by", "area"]));
    let files = |dir: &Path| stdout(&run(&["summary", dir.to_str().unwrap(), "--by", "area"]));
    // A store as version 1 left it, with its reports: migrating sums what is there.
    admin(&url)
        .batch_execute(
            "DROP TRIGGER reports_added ON opscheck.reports;
             DROP TRIGGER reports_deleted ON opscheck.reports;
             DROP TRIGGER reports_emptied ON opscheck.reports;
             DROP TRIGGER sections_added ON opscheck.sections;
             DROP FUNCTION opscheck.reports_added(), opscheck.reports_deleted(),
                 opscheck.reports_emptied(),
                 opscheck.sections_added(), opscheck.add_report_days(text[]),
                 opscheck.add_area_days(text[]);
             DROP TABLE opscheck.report_days, opscheck.area_days;
             DROP INDEX opscheck.reports_subject_latest;
             ALTER TABLE opscheck.sections ADD CONSTRAINT sections_digest_fkey
                 FOREIGN KEY (digest) REFERENCES opscheck.reports ON DELETE CASCADE;
             ALTER TABLE opscheck.answers ADD CONSTRAINT answers_digest_fkey
                 FOREIGN KEY (digest) REFERENCES opscheck.reports ON DELETE CASCADE;
             ALTER TABLE opscheck.findings ADD CONSTRAINT findings_digest_fkey
                 FOREIGN KEY (digest) REFERENCES opscheck.reports ON DELETE CASCADE;
             DELETE FROM opscheck.schema_migrations WHERE version = 2;",
        )
        .unwrap();
    let out = run(&["summary", "--db", &url, "--by", "area"]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("opscheck db migrate"),
        "{}",
        stderr(&out)
    );
    let out = run(&["db", "migrate", "--db", &url]);
    assert_code(&out, 0);
    assert!(
        stdout(&out).contains("applied 0002_day_sums"),
        "{}",
        stdout(&out)
    );
    assert_eq!(day_sums_disagree(&url), 0);
    assert_eq!(area(&url), files(&dir));
    // The owner deletes a report (no role of opscheck's can): its days are summed again.
    let gone = "2026-03-20-mini-上海仓库.json";
    let deleted = admin(&url)
        .execute("DELETE FROM opscheck.reports WHERE path = $1", &[&gone])
        .unwrap();
    assert_eq!(deleted, 1);
    std::fs::remove_file(dir.join(gone)).unwrap();
    assert_eq!(day_sums_disagree(&url), 0);
    assert_eq!(partial_reports(&url), 0);
    let orphans = "SELECT (SELECT count(*) FROM opscheck.sections) \
        + (SELECT count(*) FROM opscheck.answers) + (SELECT count(*) FROM opscheck.findings) \
        - (SELECT count(*) FROM opscheck.sections x JOIN opscheck.reports USING (digest)) \
        - (SELECT count(*) FROM opscheck.answers x JOIN opscheck.reports USING (digest)) \
        - (SELECT count(*) FROM opscheck.findings x JOIN opscheck.reports USING (digest))";
    assert_eq!(count(&url, orphans), 0, "rows of the deleted report remain");
    // Emptied by the owner: nothing remains, and pushing again stores it all.
    admin(&url)
        .batch_execute("TRUNCATE opscheck.reports")
        .unwrap();
    assert_eq!(count(&url, "SELECT count(*) FROM opscheck.answers"), 0);
    assert_eq!(count(&url, "SELECT count(*) FROM opscheck.area_days"), 0);
    assert_code(&push(&dir, &url), 0);
    assert_eq!(day_sums_disagree(&url), 0);
    assert_eq!(area(&url), files(&dir));
    let since = ["--since", "2026-03-01"];
    let mut store_args = vec!["summary", "--db", url.as_str(), "--format", "json"];
    store_args.extend(since);
    let mut file_args = vec!["summary", dir.to_str().unwrap(), "--format", "json"];
    file_args.extend(since);
    assert_eq!(stdout(&run(&store_args)), stdout(&run(&file_args)));
}

#[test]
fn the_inspector_role_only_pushes_and_the_manager_role_only_reads() {
    let Some((url, _server)) = migrated_database("pg_roles") else {
        return;
    };
    let ann = login(&url, "opscheck_test_ann", "opscheck_inspector");
    let max = login(&url, "opscheck_test_max", "opscheck_manager");
    let dir = reports("roles");

    // The inspector pushes, twice (idempotence needs no SELECT)...
    assert_code(&push(&dir, &ann), 0);
    let out = push(&dir, &ann);
    assert_code(&out, 0);
    assert!(stdout(&out).contains("already there 7"), "{}", stdout(&out));
    // ...and can neither read, update nor delete.
    let mut client = postgres::Client::connect(&ann, postgres::NoTls).unwrap();
    for sql in [
        "SELECT count(*) FROM opscheck.reports",
        "SELECT count(*) FROM opscheck.answers",
        "SELECT count(*) FROM opscheck.staging",
        "UPDATE opscheck.reports SET subject = 'x'",
        "DELETE FROM opscheck.reports",
        "DELETE FROM opscheck.staging",
        "TRUNCATE opscheck.reports",
    ] {
        let error = client.batch_execute(sql).unwrap_err();
        assert_eq!(
            error.code(),
            Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
            "{sql}: {error}"
        );
    }
    let out = run(&["summary", "--db", &ann]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("user `opscheck_test_ann` may not do this"),
        "{}",
        stderr(&out)
    );

    // The manager reads, and cannot write.
    let out = run(&["summary", "--db", &max, "--by", "area", "--format", "json"]);
    assert_code(&out, 0);
    assert!(stdout(&out).contains("\"reports\": 7"), "{}", stdout(&out));
    let out = push(&dir, &max);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("user `opscheck_test_max` may not do this"),
        "{}",
        stderr(&out)
    );
    let mut client = postgres::Client::connect(&max, postgres::NoTls).unwrap();
    for sql in [
        "INSERT INTO opscheck.staging_files VALUES ('b', 'event', 'x', 'p', '')",
        "UPDATE opscheck.reports SET subject = 'x'",
        "DELETE FROM opscheck.reports",
        "SELECT opscheck.ingest('b')",
    ] {
        let error = client.batch_execute(sql).unwrap_err();
        assert_eq!(
            error.code(),
            Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
            "{sql}: {error}"
        );
    }
    for out in [push(&dir, &max), run(&["summary", "--db", &ann])] {
        for secret in ["opscheck_test_ann-4711", "opscheck_test_max-4711"] {
            assert!(!stderr(&out).contains(secret) && !stdout(&out).contains(secret));
        }
    }
    assert_eq!(count(&url, "SELECT count(*) FROM opscheck.reports"), 7);
}

#[test]
fn tls_require_and_verify_full_with_the_ca_file() {
    let Some((url, _server)) = migrated_database("pg_tls") else {
        return;
    };
    let Ok(ca) = std::env::var("OPSCHECK_TEST_DATABASE_CA") else {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "tls test skipped: no OPSCHECK_TEST_DATABASE_CA"
        );
        return;
    };
    let dir = reports("tls");
    let localhost = url.replace("127.0.0.1", "localhost");
    let require = format!("{url}?sslmode=require");
    let full = format!("{localhost}?sslmode=verify-full&sslrootcert={ca}");
    assert_code(&push(&dir, &require), 0);
    let out = run(&["summary", "--db", &full, "--by", "subject"]);
    assert_code(&out, 0);
    assert!(stdout(&out).contains("Store 1"), "{}", stdout(&out));
    // A CA that did not sign the server's certificate: refused, with the reason.
    let other = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pg-other-ca.pem");
    let made = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .args(["-subj", "/CN=not the CA", "-keyout", "/dev/null", "-out"])
        .arg(&other)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(made.success());
    let wrong = format!(
        "{localhost}?sslmode=verify-full&sslrootcert={}",
        other.display()
    );
    let out = run(&["summary", "--db", &wrong]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("TLS"), "{}", stderr(&out));
    // verify-full without the CA file is a usage error before any connection.
    let out = run(&["summary", "--db", &format!("{url}?sslmode=verify-full")]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("sslrootcert"), "{}", stderr(&out));
}

#[test]
fn faults_have_clear_messages_and_never_show_a_password() {
    let Some((url, _server)) = migrated_database("pg_faults") else {
        return;
    };
    let dir = reports("faults");

    // Server down: a port nothing listens on.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let down = format!("postgresql://someone:pw-down-4711@127.0.0.1:{port}/opscheck");
    let out = push(&dir, &down);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains(&format!(
            "cannot reach the database server at 127.0.0.1:{port}"
        )),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("pw-down-4711"));

    // Wrong password.
    login(&url, "opscheck_test_pat", "opscheck_inspector");
    let wrong = as_user(&url, "opscheck_test_pat", "wrong-pw-4711");
    let out = push(&dir, &wrong);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("refused user `opscheck_test_pat`: check the password"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("wrong-pw-4711") && !stdout(&out).contains("wrong-pw-4711"));
    let zh = run(&[
        "push",
        dir.to_str().unwrap(),
        "--db",
        &wrong,
        "--lang",
        "zh-CN",
    ]);
    assert!(
        stderr(&zh).contains("拒绝了用户 `opscheck_test_pat`"),
        "{}",
        stderr(&zh)
    );

    // Missing database.
    let missing = with_database(&url, "pg_no_such_database");
    let out = push(&dir, &missing);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("the database `pg_no_such_database` does not exist"),
        "{}",
        stderr(&out)
    );

    // Not migrated, then newer than this binary.
    let Some(bare) = fresh_database("pg_bare") else {
        return;
    };
    let out = push(&dir, &bare);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("run `opscheck db migrate`"),
        "{}",
        stderr(&out)
    );
    assert_code(&run(&["db", "migrate", "--db", &bare]), 0);
    admin(&bare)
        .batch_execute("INSERT INTO opscheck.schema_migrations VALUES (99, 'future')")
        .unwrap();
    for out in [
        push(&dir, &bare),
        run(&["summary", "--db", &bare]),
        run(&["db", "migrate", "--db", &bare]),
    ] {
        assert_code(&out, 2);
        assert!(
            stderr(&out).contains("schema version 99, newer than this opscheck knows"),
            "{}",
            stderr(&out)
        );
    }

    // A tampered report is named and refused; the others are pushed.
    let tampered = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("2026-02-20"))
        .unwrap();
    let text = std::fs::read_to_string(&tampered).unwrap();
    std::fs::write(&tampered, text.replacen("\"Bob\"", "\"Eve\"", 1)).unwrap();
    let out = push(&dir, &url);
    assert_code(&out, 1);
    assert!(
        stderr(&out).contains("refused `") && stderr(&out).contains("2026-02-20"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).starts_with("pushed 6, already there 0, refused 1"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn export_actions_and_due_over_the_store_match_the_files() {
    let Some((url, _server)) = migrated_database("pg_loop") else {
        return;
    };
    let dir = reports("loop");
    let today = "2026-12-05";
    // An action marked done: an event file under DIR/actions/.
    let out = run(&[
        "actions",
        "--out",
        dir.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        today,
    ]);
    assert_code(&out, 0);
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = listed["actions"][0]["id"].as_str().unwrap().to_owned();
    let out = run(&[
        "actions",
        "done",
        &id,
        "--note",
        "cleared and checked",
        "--by",
        "Bob",
        "--out",
        dir.to_str().unwrap(),
        "--today",
        "2026-12-02",
    ]);
    assert_code(&out, 0);
    let sites = dir.with_file_name("pg-loop-sites.toml");
    std::fs::write(
        &sites,
        "[[sites]]\nsubject = \"Store 1\"\nregion = \"North\"\n[[sites.schedules]]\ntemplate = \"ops-inspection\"\nevery = \"4w\"\n\n\
         [[sites]]\nsubject = \"Store 2\"\nregion = \"South\"\n[[sites.schedules]]\ntemplate = \"ops-inspection\"\nevery = \"2w\"\n\n\
         [[sites]]\nsubject = \"上海仓库\"\nregion = \"East\"\n[[sites.schedules]]\ntemplate = \"ops-inspection\"\nevery = \"1w\"\n",
    )
    .unwrap();
    let sites = sites.to_str().unwrap();
    let out = run(&[
        "push",
        dir.to_str().unwrap(),
        "--db",
        &url,
        "--sites",
        sites,
    ]);
    assert_code(&out, 0);
    assert!(
        stdout(&out).contains("(2 other files stored)"),
        "{}",
        stdout(&out)
    );
    let d = dir.to_str().unwrap();
    let pairs: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (vec!["export", d], vec!["export", "--db", &url]),
        (
            vec!["export", d, "--format", "csv"],
            vec!["export", "--db", &url, "--format", "csv"],
        ),
        (
            vec!["export", d, "--format", "csv", "--subject", "Store*"],
            vec![
                "export",
                "--db",
                &url,
                "--format",
                "csv",
                "--subject",
                "Store*",
            ],
        ),
        (
            vec!["actions", "--out", d, "--today", today],
            vec!["actions", "--db", &url, "--today", today],
        ),
        (
            vec!["actions", "--out", d, "--today", today, "--format", "json"],
            vec![
                "actions", "--db", &url, "--today", today, "--format", "json",
            ],
        ),
        (
            vec![
                "actions", "--out", d, "--today", today, "--format", "csv", "--lang", "zh-CN",
            ],
            vec![
                "actions", "--db", &url, "--today", today, "--format", "csv", "--lang", "zh-CN",
            ],
        ),
        (
            vec!["due", "--sites", sites, "--out", d, "--today", today],
            vec!["due", "--db", &url, "--today", today],
        ),
        (
            vec![
                "due", "--sites", sites, "--out", d, "--today", today, "--format", "json",
            ],
            vec!["due", "--db", &url, "--today", today, "--format", "json"],
        ),
    ];
    for (files, store) in pairs {
        let (a, b) = (run(&files), run(&store));
        assert_eq!(
            a.status.code(),
            b.status.code(),
            "{store:?}: {}",
            stderr(&b)
        );
        assert!(!stdout(&a).is_empty(), "{files:?} printed nothing");
        assert_eq!(stdout(&a), stdout(&b), "{store:?} differs from {files:?}");
    }
    let done = run(&[
        "actions", "--db", &url, "--today", today, "--format", "json",
    ]);
    assert!(
        stdout(&done).contains("cleared and checked"),
        "{}",
        stdout(&done)
    );
}

#[test]
fn a_server_restart_in_the_middle_of_a_push_rolls_the_batch_back_and_says_push_again() {
    server();
    let (Ok(pg_ctl), Ok(data)) = (
        std::env::var("OPSCHECK_TEST_PG_CTL"),
        std::env::var("OPSCHECK_TEST_PG_DATA"),
    ) else {
        if server().is_some() {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "restart test skipped: no OPSCHECK_TEST_PG_CTL (scripts/with-postgres.sh sets it)"
            );
        }
        return;
    };
    let Some((url, shared)) = migrated_database("pg_restart") else {
        return;
    };
    drop(shared);
    // Alone on the server from here: the restart would break the other tests.
    let _alone = SERVER.write().unwrap_or_else(|e| e.into_inner());
    // 1,400 files (200 copies of the 7 reports), a transaction each: long enough to be
    // cut in the middle.
    let dir = reports("restart");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for copy in 0..200 {
        let sub = dir.join(format!("copy-{copy:03}"));
        std::fs::create_dir_all(&sub).unwrap();
        for file in &files {
            std::fs::copy(file, sub.join(file.file_name().unwrap())).unwrap();
        }
    }
    let child = opscheck()
        .args(["push", dir.to_str().unwrap(), "--db", &url, "--batch", "1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    let root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let mut restart = if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "opscheck-ci", "--", &pg_ctl]);
        c
    } else {
        Command::new(&pg_ctl)
    };
    let restarted = restart
        .args(["-D", &data, "-m", "fast", "-w", "-t", "60", "restart"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(restarted.success(), "pg_ctl restart failed");
    let out = child.wait_with_output().unwrap();
    assert_code(&out, 2);
    let text = stderr(&out);
    assert!(
        text.contains("the batch in progress was rolled back, so push again"),
        "{text}"
    );
    assert!(text.contains("was lost"), "{text}");
    assert_eq!(partial_reports(&url), 0);
    let out = push(&dir, &url);
    assert_code(&out, 0);
    assert_eq!(count(&url, "SELECT count(*) FROM opscheck.reports"), 7);
    assert_eq!(partial_reports(&url), 0);
}
