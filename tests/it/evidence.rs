//! Evidence: files attached to answers, stored once under `DIR/evidence/` by SHA-256,
//! listed in the report (its digest covers the list), shown in HTML and Markdown, and
//! checked by `verify`.

use crate::common;
use crate::run_support;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{opscheck, output};
use run_support::{feed, stderr, stdout};
use serde_json::Value;

/// A `width`×`height` 24-bit BMP with a colour pattern: an image every browser shows.
pub(crate) fn bmp(width: u32, height: u32, seed: u8) -> Vec<u8> {
    let row = (width * 3).div_ceil(4) * 4;
    let size = 54 + row * height;
    let mut b = Vec::with_capacity(size as usize);
    b.extend_from_slice(b"BM");
    b.extend_from_slice(&size.to_le_bytes());
    b.extend_from_slice(&[0; 4]);
    b.extend_from_slice(&54u32.to_le_bytes());
    b.extend_from_slice(&40u32.to_le_bytes());
    b.extend_from_slice(&width.to_le_bytes());
    b.extend_from_slice(&height.to_le_bytes());
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&24u16.to_le_bytes());
    b.extend_from_slice(&[0; 4]);
    b.extend_from_slice(&(row * height).to_le_bytes());
    b.extend_from_slice(&[0; 16]);
    for y in 0..height {
        for x in 0..width {
            let stripe = ((x / 8 + y / 8) % 2) as u8;
            b.extend_from_slice(&[
                (x * 255 / width) as u8,
                seed.wrapping_add(stripe * 90),
                (y * 255 / height) as u8,
            ]);
        }
        b.resize(b.len() + (row - width * 3) as usize, 0);
    }
    b
}

/// Runs the mini template with `answers` (TOML) and the rest from `stdin`.
fn run(dir: &Path, answers: &str, stdin: &str, formats: &str) -> Output {
    let file = dir.join("answers.toml");
    std::fs::write(&file, answers).unwrap();
    feed(
        opscheck()
            .args([
                "run",
                "--template",
                "tests/fixtures/mini.toml",
                "--date",
                "2026-11-29",
            ])
            .args([
                "--subject",
                "Store 1",
                "--inspector",
                "Li Wei",
                "--format",
                formats,
            ])
            .arg("--answers")
            .arg(&file)
            .arg("--out")
            .arg(dir.join("reports")),
        stdin,
    )
}

const ANSWERS: &str = r#"[answers]
exits = { answer = "y", evidence = ["photo.bmp", "notes/exit notes.txt"] }
drills = { answer = "n", note = "no log", evidence = ["photo-copy.jpg"] }
"#;

/// A finished run with evidence; returns the report path and its JSON.
fn inspected(dir: &Path) -> (PathBuf, Value) {
    std::fs::write(dir.join("photo.bmp"), bmp(96, 64, 40)).unwrap();
    // The same picture under a misleading name: stored once, typed by its content.
    std::fs::write(dir.join("photo-copy.jpg"), bmp(96, 64, 40)).unwrap();
    std::fs::create_dir(dir.join("notes")).unwrap();
    std::fs::write(dir.join("notes/exit notes.txt"), "东侧出口畅通。\n").unwrap();
    let out = run(dir, ANSWERS, "y\ny\n1\n\n", "md,html");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = PathBuf::from(stdout(&out).lines().next().unwrap());
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    (report, json)
}

fn answer<'a>(report: &'a Value, item: &str) -> &'a Value {
    report["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["item"] == item)
        .unwrap()
}

#[test]
fn an_answers_file_attaches_evidence_stored_once_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let (report, json) = inspected(dir.path());
    let exits = answer(&json, "exits")["evidence"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(exits.len(), 2);
    assert_eq!(exits[0]["name"], "photo.bmp");
    assert_eq!(exits[0]["media_type"], "image/bmp");
    assert_eq!(exits[0]["size"], bmp(96, 64, 40).len());
    assert_eq!(exits[1]["name"], "exit notes.txt");
    assert_eq!(exits[1]["media_type"], "text/plain");
    let drills = &answer(&json, "drills")["evidence"][0];
    assert_eq!(drills["name"], "photo-copy.jpg");
    assert_eq!(
        drills["media_type"], "image/bmp",
        "from the content, not the name"
    );
    assert_eq!(drills["sha256"], exits[0]["sha256"]);
    assert_eq!(drills["path"], exits[0]["path"]);

    let stored = dir.path().join("reports/evidence");
    let mut names: Vec<String> = std::fs::read_dir(&stored)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "identical files are stored once: {names:?}");
    let photo = dir
        .path()
        .join("reports")
        .join(exits[0]["path"].as_str().unwrap());
    assert_eq!(std::fs::read(&photo).unwrap(), bmp(96, 64, 40));
    assert!(answer(&json, "greeting").get("evidence").is_none());

    let out = output(opscheck().arg("verify").arg(&report));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // `export` counts the files per answer.
    let out = output(opscheck().arg("export").arg(dir.path().join("reports")));
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let count = |item: &str| rows.iter().find(|r| r["item"] == item).unwrap()["evidence"].clone();
    assert_eq!(
        (count("exits"), count("drills"), count("queue")),
        (2.into(), 1.into(), 0.into())
    );
}

#[test]
fn the_html_report_shows_a_thumbnail_linking_to_the_file_and_markdown_links_it() {
    let dir = tempfile::tempdir().unwrap();
    let (report, json) = inspected(dir.path());
    let photo = answer(&json, "exits")["evidence"][0]["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let notes = answer(&json, "exits")["evidence"][1]["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let html_path = report.with_extension("html");
    let html = scraper::Html::parse_document(&std::fs::read_to_string(&html_path).unwrap());
    let in_finding = scraper::Selector::parse(".finding .evidence a").unwrap();
    let found: Vec<_> = html.select(&in_finding).collect();
    assert_eq!(found.len(), 1, "the failed drills item shows its photo");
    assert_eq!(found[0].value().attr("href"), Some(photo.as_str()));
    let link = scraper::Selector::parse("table .evidence a").unwrap();
    let img = scraper::Selector::parse("img").unwrap();
    let links: Vec<_> = html.select(&link).collect();
    assert_eq!(links.len(), 3, "two files on exits, one on drills");
    let first = links[0];
    assert_eq!(first.value().attr("href"), Some(photo.as_str()));
    let thumb = first.select(&img).next().expect("an image is a thumbnail");
    assert_eq!(thumb.value().attr("src"), Some(photo.as_str()));
    assert_eq!(thumb.value().attr("alt"), Some("photo.bmp"));
    assert!(
        html_path.parent().unwrap().join(&photo).is_file(),
        "the relative path resolves beside the HTML file"
    );
    let second = links[1];
    assert_eq!(second.value().attr("href"), Some(notes.as_str()));
    assert!(
        second.select(&img).next().is_none(),
        "a text file is a link"
    );
    assert_eq!(second.text().collect::<String>(), "exit notes.txt");

    let md = std::fs::read_to_string(report.with_extension("md")).unwrap();
    assert!(md.contains(&format!("[photo.bmp]({photo})")), "{md}");
    assert!(
        md.contains(&format!("no log · [photo-copy.jpg]({photo})")),
        "{md}"
    );
}

fn tampered(report: &Path) -> String {
    let out = output(opscheck().arg("verify").arg(report));
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    stdout(&out)
}

#[test]
fn verify_catches_a_changed_missing_or_symlinked_evidence_file() {
    let dir = tempfile::tempdir().unwrap();
    let (report, json) = inspected(dir.path());
    let evidence = answer(&json, "exits")["evidence"][1]["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let file = dir.path().join("reports").join(&evidence);
    let original = std::fs::read(&file).unwrap();

    std::fs::write(&file, "西侧出口堵塞。\n").unwrap();
    let text = tampered(&report);
    assert!(
        text.contains(&format!(
            "TAMPERED      {}: evidence `{evidence}` (`exit notes.txt`, item `exits`): has changed",
            report.display()
        )),
        "{text}"
    );

    std::fs::remove_file(&file).unwrap();
    assert!(tampered(&report).contains(&format!(
        "`{evidence}` (`exit notes.txt`, item `exits`): is missing"
    )));

    #[cfg(unix)]
    {
        let elsewhere = dir.path().join("same-bytes.txt");
        std::fs::write(&elsewhere, &original).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &file).unwrap();
        assert!(tampered(&report).contains("is a symbolic link, not the stored file"));
        std::fs::remove_file(&file).unwrap();
    }
    std::fs::write(&file, &original).unwrap();
    let out = output(opscheck().arg("verify").arg(&report));
    assert_eq!(out.status.code(), Some(0), "restored: {}", stdout(&out));
}

#[test]
fn the_digest_covers_the_evidence_list() {
    let dir = tempfile::tempdir().unwrap();
    let (report, _) = inspected(dir.path());
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, text.replace("\"exit notes.txt\"", "\"other.txt\"")).unwrap();
    assert!(tampered(&report).contains("the digest does not match the content"));
}

#[test]
fn a_file_that_cannot_be_attached_is_an_error_at_its_place_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("photo.bmp"), bmp(8, 8, 1)).unwrap();
    let answers =
        "[answers]\nexits = { answer = \"y\", evidence = [\"photo.bmp\", \"missing.jpg\"] }\n";
    let out = run(dir.path(), answers, "y\ny\ny\ny\n1\n\n", "md");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("cannot attach this file to `exits`"), "{err}");
    assert!(err.contains("answers.toml:2:"), "{err}");
    assert!(err.contains("missing.jpg"), "{err}");
    assert!(
        !dir.path().join("reports/evidence").exists(),
        "nothing stored"
    );

    let answers = "[answers]\nexits = { answer = \"y\", evidence = \"photo.bmp\" }\n";
    let out = run(dir.path(), answers, "", "md");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("`evidence` is a list of file paths"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_hostile_evidence_path_is_never_linked() {
    let dir = tempfile::tempdir().unwrap();
    let (report, _) = inspected(dir.path());
    let text = std::fs::read_to_string(&report).unwrap();
    let mut edited: opscheck::report::Report = opscheck::report::Report::from_json(&text).unwrap();
    let record = edited
        .answers
        .iter_mut()
        .find(|a| a.item == "exits")
        .unwrap();
    record.evidence[0].path = "javascript:alert(1)".into();
    record.evidence[0].name = "<img src=x onerror=alert(1)>".into();
    record.evidence[1].path = "../../etc/passwd".into();
    edited.digest = Some(edited.compute_digest());
    let hostile = dir.path().join("hostile.json");
    std::fs::write(&hostile, edited.to_json()).unwrap();
    for format in ["html", "md"] {
        let out = output(
            opscheck()
                .arg("report")
                .arg(&hostile)
                .args(["--format", format]),
        );
        let page = stdout(&out);
        assert!(!page.contains("javascript:"), "{format}: {page}");
        assert!(!page.contains("../../etc/passwd)"), "{format}");
        assert!(!page.contains("href=\"../../etc"), "{format}");
        let raw = page.replace("\\<img src=x", "");
        assert!(!raw.contains("<img src=x"), "{format}: markup stays text");
    }
    let out = output(opscheck().arg("verify").arg(&hostile));
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("its path is not `evidence/` followed by its own SHA-256"));
}

#[test]
fn line_mode_attaches_with_an_at_sign_and_asks_the_item_again() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("photo.bmp"), bmp(16, 16, 7)).unwrap();
    let photo = dir.path().join("photo.bmp").display().to_string();
    let missing = dir.path().join("missing.jpg").display().to_string();
    // exits: a photo, a missing file, then the answer; extinguisher: the same photo.
    let stdin = format!("@ {photo}\n@{missing}\ny\n@ {photo}\nn\ny\ny\n1\n\n");
    let out = run(dir.path(), "[answers]\n", &stdin, "md");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "attached `photo.bmp` (image/bmp, {} bytes) to `exits`",
            bmp(16, 16, 7).len()
        )),
        "{err}"
    );
    assert!(err.contains(&format!("cannot read `{missing}`")), "{err}");
    assert_eq!(
        err.matches("Are the fire exits clear?").count(),
        3,
        "asked again: {err}"
    );
    let report = PathBuf::from(stdout(&out).lines().next().unwrap());
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(
        answer(&json, "exits")["evidence"].as_array().unwrap().len(),
        1
    );
    assert_eq!(
        answer(&json, "extinguisher")["evidence"][0]["name"],
        "photo.bmp"
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("reports/evidence"))
            .unwrap()
            .count(),
        1
    );
    let out = output(opscheck().arg("verify").arg(&report));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}
