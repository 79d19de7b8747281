//! What each fuzz target does with one input, and what must hold whatever the input.
//!
//! A panic here is a bug: a crash in opscheck, or a broken invariant. The same file is
//! compiled into the fuzz targets (`fuzz/`) and into `tests/fuzz_regressions.rs`, so a
//! saved crashing input replays exactly what the fuzzer did.

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate};
use opscheck::answer::{Answer, Answers, Entry as AnswerEntry};
use opscheck::diagnostic::{self, Problem};
use opscheck::locale::Lang;
use opscheck::report::{self, Meta, Report};
use opscheck::summary::{Entry, Mean, Summary, View, view};
use opscheck::template::{self, BUILTIN, Kind, Template};

/// The fixed "today" of the answers-file reader (relative due dates).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).expect("a valid date")
}

/// The built-in templates, checked once.
fn builtins() -> &'static [Template] {
    static TEMPLATES: OnceLock<Vec<Template>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|b| {
                template::check(b.text)
                    .template
                    .expect("a built-in template is valid")
            })
            .collect()
    })
}

/// Every problem has a span inside the source, renders, and locates.
fn render_all(path: &str, source: &str, problems: &[Problem]) {
    for (n, problem) in problems.iter().enumerate() {
        let mut spans = vec![problem.span.clone()];
        spans.extend(problem.related.as_ref().map(|(span, _)| span.clone()));
        for span in &spans {
            assert!(
                span.start <= span.end && span.end <= source.len(),
                "span {span:?} outside a source of {} bytes: {problem:?}",
                source.len()
            );
            for offset in [span.start, span.end] {
                let at = diagnostic::locate(source, offset);
                assert!(at.line >= 1 && at.column >= 1, "{at:?}");
                assert!(
                    at.line <= source.matches('\n').count() + 1,
                    "line {} of a source of {} lines",
                    at.line,
                    source.matches('\n').count() + 1
                );
            }
        }
        let text = diagnostic::render(path, source, problem, Lang::En);
        assert!(!text.is_empty(), "an empty rendering of {problem:?}");
        // The other language once per input: the same code with other widths.
        if n == 0 {
            let _ = diagnostic::render(path, source, problem, Lang::ZhCn);
        }
    }
}

/// The fixed facts of a report built by the fuzz targets.
fn meta() -> Meta {
    let at = DateTime::parse_from_rfc3339("2026-11-29T09:00:00+08:00").expect("a valid time");
    Meta {
        subject: "Store 12".to_owned(),
        inspector: "QA".to_owned(),
        date: today(),
        started_at: at,
        finished_at: at,
        template_sha256: "0".repeat(64),
    }
}

/// A report built from `answers` carries a matching digest and reads back as itself.
fn build_report(template: &Template, answers: &Answers) {
    let report = Report::new(template, answers, meta());
    assert!(
        report::verification::digest_matches(&report),
        "a new report's digest matches"
    );
    let back = Report::from_json(&report.to_json()).expect("a report written reads back");
    assert!(
        report::verification::digest_matches(&back),
        "a report read back keeps a matching digest: {}",
        report.to_json()
    );
    assert_eq!(back, report, "a report written reads back as itself");
    assert!(
        report::verification::inconsistencies(&back, template).is_empty(),
        "a report read back scores the same with its template"
    );
}

/// `template::check` on any text: problems that render, and a template exactly when
/// there is no error; a template gives a report that reads back.
pub fn template(data: &[u8]) {
    let source = String::from_utf8_lossy(data);
    let checked = template::check(&source);
    render_all("fuzz.toml", &source, &checked.problems);
    let errors = checked.problems.iter().any(Problem::is_error);
    assert_eq!(
        checked.template.is_some(),
        !errors,
        "a template exactly when there is no error: {:?}",
        checked.problems
    );
    if let Some(template) = &checked.template {
        assert!(template.item_count() > 0, "a valid template asks something");
        build_report(template, &Answers::new());
        build_report(template, &mixed_answers(template));
    }
}

/// Answers to every item that give every kind of score: best, poor, N/A.
fn mixed_answers(template: &Template) -> Answers {
    let mut answers = Answers::new();
    for (i, (_, item)) in template.items().enumerate() {
        let best = opscheck::scoring::best_answer(item);
        let answer = match i % 3 {
            0 => best,
            1 => match &item.kind {
                Kind::YesNo => Some(Answer::No),
                Kind::Scale { min, max, .. } => Some(Answer::Scale(min + (max - min) / 3)),
                Kind::Choice { options } => options
                    .get(i % options.len().max(1))
                    .map(|o| Answer::Choice(o.label.clone())),
                Kind::Number { target, .. } => Some(Answer::Number(
                    target
                        .max
                        .map_or(target.min.map_or(0.0, |m| m - 1.0), |m| m + 1.0),
                )),
                Kind::Text => Some(Answer::Text("seen".to_owned())),
                Kind::Date => Some(Answer::Date(today())),
            },
            _ if item.na => Some(Answer::Na),
            _ => best,
        };
        answers.insert(
            item.id.clone(),
            AnswerEntry {
                skipped: answer.is_none(),
                answer,
                note: None,
                action: None,
            },
        );
    }
    answers
}

/// `answer_file::parse` with each built-in template: events for known items only, or
/// problems that render; the events make a report that reads back.
pub fn answers_file(data: &[u8]) {
    let source = String::from_utf8_lossy(data);
    for template in builtins() {
        match opscheck::answer_file::parse(&source, template, today()) {
            Ok(events) => {
                let mut answers = Answers::new();
                for event in &events {
                    let item = match event {
                        opscheck::journal::Event::Answer { item, .. }
                        | opscheck::journal::Event::Action { item, .. }
                        | opscheck::journal::Event::Note { item, .. } => item,
                        other => panic!("an answers file gives answers, not {other:?}"),
                    };
                    assert!(template.find_item(item).is_some(), "unknown item {item:?}");
                    event.apply(&mut answers);
                }
                build_report(template, &answers);
            }
            Err(problems) => {
                assert!(!problems.is_empty(), "an error without a problem");
                render_all("answers.toml", &source, &problems);
            }
        }
    }
}

/// `journal::replay` on any bytes: an error with a message, or a draft whose valid
/// prefix replays to the same draft and after which at most a torn line remains.
pub fn journal(data: &[u8]) {
    match opscheck::journal::replay(data) {
        Ok(draft) => {
            let valid = usize::try_from(draft.valid_len).expect("fits");
            assert!(valid <= data.len(), "valid_len {valid} > {}", data.len());
            assert!(
                !data[valid..].contains(&b'\n'),
                "only a torn last line may follow the valid part"
            );
            let again =
                opscheck::journal::replay(&data[..valid]).expect("the valid prefix replays");
            assert_eq!(again.header, draft.header);
            assert_eq!(again.answers, draft.answers);
            assert_eq!(again.events, draft.events);
            assert_eq!(again.valid_len, draft.valid_len);
        }
        Err(error) => {
            assert!(!Lang::En.format(&error.message()).is_empty());
        }
    }
}

/// `Report::from_json` and `summary::Entry::read` on any bytes: an error, or a report
/// that renders in every format, reads back as itself, and is a summary entry too.
pub fn report(data: &[u8]) {
    let entry = Entry::read(data);
    match &entry {
        Ok(entry) => summarize(entry),
        Err(error) => assert!(!Lang::En.format(&error.message()).is_empty()),
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = match Report::from_json(text) {
        Ok(report) => report,
        Err(error) => {
            assert!(!Lang::En.format(&error.message()).is_empty());
            return;
        }
    };
    if report.format == report::FORMAT {
        assert!(
            entry.is_ok(),
            "a report that reads is a summary entry: {entry:?}"
        );
    }
    let _ = report::verification::digest_matches(&report);
    let _ = report::markdown::render(&report, Lang::En);
    let _ = report::csv::render(&report, Lang::En);
    let _ = report::html::render(&report, Lang::ZhCn);
    let _ = report::explanation::explain(&report);
    let _ = report::comparison::compare(&report, &report);
    let back = Report::from_json(&report.to_json()).expect("a report written reads back");
    assert_eq!(back, report, "a report reads back as itself");
}

/// Every view of `summary` over one entry, merged with itself, in both means.
fn summarize(entry: &Entry) {
    fn one<V: View>(view: V, entry: &Entry) {
        for mean in [Mean::Inspections, Mean::Pooled] {
            let mut summary = Summary::new(view.clone());
            summary.add(entry.clone());
            let mut twice = summary.clone();
            twice.merge(summary.clone());
            let _ = summary.output(Lang::En, mean, 0);
            let _ = twice.output(Lang::ZhCn, mean, 1);
        }
    }
    one(view::Inspections::default(), entry);
    one(view::Area::default(), entry);
    one(view::Subject::default(), entry);
    one(view::inspector(), entry);
    one(view::month(), entry);
    one(view::Template::default(), entry);
    one(view::Findings::new(3), entry);
    one(view::Actions::new(today()), entry);
}
