//! A directory of real reports made by `opscheck run` (line mode, fixed dates), for the
//! `summary` and `export` tests. Every number the tests expect is worked out by hand
//! from the table below.
//!
//! `tests/fixtures/mini.toml` scores Safety = 100·(2·exits + extinguisher + drills)/4,
//! Service = 100·(greeting + queue)/2 (queue: Short 1, Medium 0.5, Long 0), and
//! overall = (3·Safety + 1·Service)/4; its flat points are 2e + x + d + g + q of 6.
//! Items below 0.5 fail; queue = Medium is a minor finding (0.5 < 1, not failed).
//!
//! | #  | template       | subject  | inspector | date       | answers (e x d g q)   | Safety | Service | overall | points | result |
//! |----|----------------|----------|-----------|------------|-----------------------|--------|---------|---------|--------|--------|
//! | R1 | mini           | Store 1  | Alice     | 2026-01-15 | y y y y Short         | 100    | 100     | 100     | 6      | pass   |
//! | R2 | mini           | Store 1  | Alice     | 2026-02-10 | y n y y Medium        | 75     | 75      | 75      | 4.5    | pass   |
//! | R3 | mini           | Store 2  | Bob       | 2026-02-20 | n n y n Long          | 25     | 0       | 18.75   | 1      | fail   |
//! | R6 | ops-inspection | Store 3  | Alice     | 2026-02-25 | best everywhere       |        |         | 100     |        | pass   |
//! | R4 | mini           | Store 1  | Bob       | 2026-03-05 | y n n y Short         | 50     | 100     | 62.5    | 4      | fail   |
//! | R5 | mini           | 上海仓库 | 王芳      | 2026-03-20 | y y y y Long          | 100    | 50      | 87.5    | 5      | pass   |
//! | R7 | ops-inspection | Store 2  | Bob       | 2026-03-28 | worst everywhere      |        |         | 0       |        | fail   |
//!
//! R3 fails the critical `exits` (1 critical). R7 answers no to `contingency-plan` and
//! `retro-held`, so the two items asked only after a yes are not asked: 51 − 2 = 49
//! findings, 4 of them the critical items.
//!
//! Notes: R2 extinguisher "empty since May"; R3 exits "=1+2", extinguisher "blocked by
//! boxes"; R4 extinguisher "still empty | tagged"; R5 queue "排队太长".
//! Actions (from answers files): R2 extinguisher "Refill the extinguisher" (Alice,
//! 2026-12-10, high); R3 exits "Clear the fire exit" (Bob, 2026-12-01, high); R4 drills
//! "Schedule a fire drill" (Bob, 2027-01-15, medium); R5 queue "开第二个收银台" (王芳,
//! no due date, low).

// Each test crate uses only some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::run_support::{EN, Inspection, Policy, input, lines, template};

pub(crate) const MINI: &str = "tests/fixtures/mini.toml";

/// The mini reports R1–R5 (the two shipped-template ones are built from `lines`).
fn mini() -> [Inspection<'static>; 5] {
    [
        Inspection {
            template: MINI,
            subject: "Store 1",
            inspector: "Alice",
            date: "2026-01-15",
            // exits, extinguisher, drills, greeting, queue, remarks (skipped)
            stdin: "y\ny\ny\ny\n1\n\n",
            answers: None,
        },
        Inspection {
            template: MINI,
            subject: "Store 1",
            inspector: "Alice",
            date: "2026-02-10",
            // extinguisher comes from the answers file.
            stdin: "y\ny\ny\n2\n\n",
            answers: Some(
                r#"[answers]
extinguisher = { answer = "n", note = "empty since May", action = { text = "Refill the extinguisher", owner = "Alice", due = 2026-12-10, priority = "high" } }
"#,
            ),
        },
        Inspection {
            template: MINI,
            subject: "Store 2",
            inspector: "Bob",
            date: "2026-02-20",
            // exits comes from the answers file.
            stdin: "n # blocked by boxes\ny\nn\n3\n\n",
            answers: Some(
                r#"[answers]
exits = { answer = "n", note = "=1+2", action = { text = "Clear the fire exit", owner = "Bob", due = 2026-12-01, priority = "high" } }
"#,
            ),
        },
        Inspection {
            template: MINI,
            subject: "Store 1",
            inspector: "Bob",
            date: "2026-03-05",
            // drills comes from the answers file.
            stdin: "y\nn # still empty | tagged\ny\n1\n\n",
            answers: Some(
                r#"[answers]
drills = { answer = "n", action = { text = "Schedule a fire drill", owner = "Bob", due = 2027-01-15, priority = "medium" } }
"#,
            ),
        },
        Inspection {
            template: MINI,
            subject: "上海仓库",
            inspector: "王芳",
            date: "2026-03-20",
            // queue comes from the answers file; the remark is typed.
            stdin: "y\ny\ny\ny\n一切正常\n",
            answers: Some(
                r#"[answers]
queue = { answer = "Long", note = "排队太长", action = { text = "开第二个收银台", owner = "王芳", priority = "low" } }
"#,
            ),
        },
    ]
}

/// Builds the seven reports into `dir` (which must be empty or missing).
pub(crate) fn build(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let (_, items) = template(EN);
    let best = input(&lines(&items, Policy::Best, false));
    let worst = input(&lines(&items, Policy::Worst, false));
    let [r1, r2, r3, r4, r5] = mini();
    let r6 = Inspection {
        template: EN,
        subject: "Store 3",
        inspector: "Alice",
        date: "2026-02-25",
        stdin: &best,
        answers: None,
    };
    let r7 = Inspection {
        template: EN,
        subject: "Store 2",
        inspector: "Bob",
        date: "2026-03-28",
        stdin: &worst,
        answers: None,
    };
    [r1, r2, r3, r4, r5, r6, r7]
        .iter()
        .map(|inspection| inspection.run(dir))
        .collect()
}

/// The corpus of this test binary, built once (fresh at every test run) under the
/// target's temporary directory.
pub(crate) fn corpus(name: &str) -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("corpus-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        build(&dir);
        dir
    })
}

/// Copies every file directly in `from` into `to`.
pub(crate) fn copy_reports(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}
