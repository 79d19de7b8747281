//! XLSForm in and out: `opscheck import` maps what it can, reports every drop as
//! `FILE:SHEET!CELL`, never writes over a file; `show --format xlsform` writes a form
//! that imports back to the same template (a property over shipped and generated
//! templates).

mod common;
mod run_support;

use std::path::{Path, PathBuf};

use common::{opscheck, root, shipped_templates};
use proptest::prelude::*;
use run_support::{assert_code, run_plain, stderr, stdout};
use rust_xlsxwriter::Workbook;
use serde_json::Value;

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("xlsform-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/xlsform").join(name)
}

fn import(form: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    run_plain(
        opscheck()
            .arg("import")
            .arg(form)
            .arg("--out")
            .arg(out)
            .args(extra),
    )
}

fn show_json(path: &Path) -> Value {
    common::json(opscheck().arg("show").arg(path).args(["--format", "json"]))
}

/// A workbook from sheets of rows of text (numbers written as text cells too, as
/// authors often do).
fn workbook(path: &Path, sheets: &[(&str, &[&[&str]])]) {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet
                        .write_string(u32::try_from(r).unwrap(), u16::try_from(c).unwrap(), *cell)
                        .unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

/// A store audit in English and Chinese using every mapping the import knows.
fn store_audit(path: &Path) {
    workbook(
        path,
        &[
            (
                "Survey",
                &[
                    &[
                        "TYPE",
                        "name",
                        "label::English (en)",
                        "Label::中文 (zh)",
                        "hint:English",
                        "hint::中文 (zh)",
                        "required",
                        "relevant",
                        "constraint",
                        "weight",
                        "critical",
                        "na",
                        "appearance",
                    ],
                    &[
                        "begin group",
                        "safety",
                        "Safety",
                        "安全",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "3",
                        "",
                        "",
                        "",
                    ],
                    &[
                        "select_one yn",
                        "exits_clear",
                        "Are the fire exits clear?",
                        "消防通道是否畅通？",
                        "Walk every exit",
                        "逐一走查",
                        "yes",
                        "",
                        "",
                        "2",
                        "yes",
                        "no",
                        "",
                    ],
                    &[
                        "select_one queue",
                        "queue",
                        "Queue length",
                        "排队长度",
                        "",
                        "",
                        "yes",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "minimal",
                    ],
                    &[
                        "integer",
                        "wait",
                        "Minutes to wait",
                        "等待分钟数",
                        "",
                        "",
                        "",
                        "${exits_clear} = 'no'",
                        ". >= 0 and . <= 15",
                        "",
                        "",
                        "",
                        "",
                    ],
                    &["end group", "", "", "", "", "", "", "", "", "", "", "", ""],
                    &[
                        "begin repeat",
                        "visits",
                        "Visits",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                    ],
                    &[
                        "text", "visitor", "Visitor", "", "", "", "", "", "", "", "", "", "",
                    ],
                    &["end repeat", "", "", "", "", "", "", "", "", "", "", "", ""],
                    &[
                        "geopoint", "where", "Where", "", "", "", "", "", "", "", "", "", "",
                    ],
                    &[
                        "date",
                        "checked_on",
                        "Checked on",
                        "检查日期",
                        "",
                        "",
                        "no",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                    ],
                    &[
                        "text",
                        "remarks",
                        "Remarks",
                        "备注",
                        "",
                        "",
                        "",
                        "${queue} = 'long' or ${wait} > 3",
                        "",
                        "",
                        "",
                        "",
                        "",
                    ],
                ],
            ),
            (
                "CHOICES",
                &[
                    &[
                        "list name",
                        "name",
                        "label::English (en)",
                        "label::中文 (zh)",
                        "score",
                    ],
                    &["yn", "yes", "Yes", "是", ""],
                    &["yn", "no", "No", "否", ""],
                    &["queue", "short", "Short", "短", "1"],
                    &["queue", "medium", "Medium", "中", "0.5"],
                    &["queue", "long", "Long", "长", "0"],
                ],
            ),
            (
                "settings",
                &[
                    &["form_id", "form_title", "version", "default_language"],
                    &["store_audit", "Store audit", "2026.1", "English (en)"],
                ],
            ),
        ],
    );
}

#[test]
fn a_bilingual_form_becomes_one_template_per_language() {
    let out = scratch("bilingual");
    let form = out.join("audit.xlsx");
    store_audit(&form);
    let run = import(&form, &out.join("t"), &[]);
    assert_code(&run, 0);
    let en_path = out.join("t/store-audit.toml");
    let zh_path = out.join("t/store-audit.zh.toml");
    assert_eq!(
        stdout(&run).lines().collect::<Vec<_>>(),
        [en_path.display().to_string(), zh_path.display().to_string()]
    );
    assert_code(
        &run_plain(opscheck().arg("validate").arg(&en_path).arg(&zh_path)),
        0,
    );
    let en = show_json(&en_path);
    assert_eq!(en["id"], "store-audit");
    assert_eq!(en["title"], "Store audit");
    assert_eq!(en["version"], "2026.1");
    assert_eq!(en["language"], "en");
    let safety = &en["sections"][0];
    assert_eq!(safety["id"], "safety");
    assert_eq!(safety["title"], "Safety");
    assert_eq!(safety["weight"], 3.0);
    let items = safety["items"].as_array().unwrap();
    let exits = &items[0];
    assert_eq!(exits["id"], "exits-clear");
    assert_eq!(exits["kind"], "yes_no");
    assert_eq!(exits["guidance"], "Walk every exit");
    assert_eq!(exits["weight"], 2.0);
    assert_eq!(exits["critical"], true);
    assert_eq!(exits["na"], false);
    assert_eq!(exits["required"], true);
    let queue = &items[1];
    assert_eq!(queue["kind"], "choice");
    assert_eq!(
        queue["options"],
        serde_json::json!([
            {"label": "Short", "score": 1.0},
            {"label": "Medium", "score": 0.5},
            {"label": "Long", "score": 0.0}
        ])
    );
    let wait = &items[2];
    assert_eq!(wait["kind"], "number");
    assert_eq!(wait["target"], serde_json::json!({"min": 0.0, "max": 15.0}));
    assert_eq!(
        wait["when"],
        serde_json::json!({"item": "exits-clear", "is": "no"})
    );
    assert_eq!(wait["required"], false);
    // Questions outside any group form an area of their own, titled as the form.
    let general = &en["sections"][1];
    assert_eq!(general["title"], "Store audit");
    let kinds: Vec<&str> = general["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["date", "text"]);

    let zh = show_json(&zh_path);
    assert_eq!(zh["language"], "zh");
    assert_eq!(zh["sections"][0]["title"], "安全");
    assert_eq!(zh["sections"][0]["items"][0]["text"], "消防通道是否畅通？");
    assert_eq!(zh["sections"][0]["items"][0]["guidance"], "逐一走查");
    assert_eq!(zh["sections"][0]["items"][1]["options"][2]["label"], "长");

    // Every drop, located, and nothing else.
    let file = form.display().to_string();
    let warnings: Vec<String> = stderr(&run)
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .map(str::to_owned)
        .collect();
    let expected = [
        format!("warning: {file}:Survey!M1: column `appearance` dropped: opscheck does not use it"),
        format!(
            "warning: {file}:Survey!A7: repeat `visits` dropped with its 1 question: opscheck asks every item once"
        ),
        format!(
            "warning: {file}:Survey!A10: `geopoint` question `where` dropped: opscheck has no such item kind"
        ),
        format!(
            "warning: {file}:Survey!H12: condition `${{queue}} = 'long' or ${{wait}} > 3` dropped, the item is always asked: only `${{q}} = 'value'` on an earlier yes/no or scored choice item becomes `when`"
        ),
    ];
    assert_eq!(warnings, expected, "{}", stderr(&run));
}

#[test]
fn strict_refuses_any_drop_and_writes_nothing() {
    let out = scratch("strict");
    let run = import(&fixture("or_other.xlsx"), &out, &["--strict"]);
    assert_code(&run, 1);
    assert!(stderr(&run).contains("error: "), "{}", stderr(&run));
    assert!(stderr(&run).contains("nothing was written"));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    // Without --strict the same form imports with warnings.
    let run = import(&fixture("or_other.xlsx"), &out, &[]);
    assert_code(&run, 0);
    let file = fixture("or_other.xlsx").display().to_string();
    assert!(stderr(&run).contains(&format!(
        "warning: {file}:survey!A2: the \"or other\" answer of `fav_color` dropped"
    )));
    assert!(stderr(&run).contains(&format!(
        "warning: {file}:survey!D1: column `choice_filter` dropped"
    )));
}

#[test]
fn an_existing_template_is_never_written_over() {
    let out = scratch("exists");
    let path = out.join("yes-or-no-question.toml");
    std::fs::write(&path, "mine").unwrap();
    let run = import(&fixture("yes_or_no_question.xlsx"), &out, &[]);
    assert_code(&run, 2);
    assert!(
        stderr(&run).contains("never writes over"),
        "{}",
        stderr(&run)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
}

#[test]
fn old_spellings_and_yes_no_lists() {
    let out = scratch("yes-no");
    let run = import(&fixture("yes_or_no_question.xlsx"), &out, &[]);
    assert_code(&run, 0);
    assert!(!stderr(&run).contains("warning"), "{}", stderr(&run));
    let t = show_json(&out.join("yes-or-no-question.toml"));
    // `select one from yes_or_no` with a yes/no list and `label:english`.
    assert_eq!(t["language"], "en");
    assert_eq!(t["sections"][0]["items"][0]["kind"], "yes_no");
    assert_eq!(
        t["sections"][0]["items"][0]["text"],
        "have you had a good day today?"
    );

    let run = import(&fixture("group.xlsx"), &out, &[]);
    assert_code(&run, 0);
    let t = show_json(&out.join("group.toml"));
    assert_eq!(t["sections"][1]["id"], "father");
    assert_eq!(t["sections"][1]["title"], "Father");
}

#[test]
fn a_form_with_nothing_to_import_is_refused_with_its_place() {
    let out = scratch("nothing");
    let run = import(&fixture("loop.xlsx"), &out, &[]);
    assert_code(&run, 1);
    let file = fixture("loop.xlsx").display().to_string();
    let err = stderr(&run);
    assert!(
        err.contains(&format!(
            "warning: {file}:survey!A3: repeat `loop_toilet_types` dropped"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: {file}:survey!A1: no question could be imported"
        )),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);

    let not_a_form = out.join("notes.xlsx");
    std::fs::write(&not_a_form, "not a zip").unwrap();
    let run = import(&not_a_form, &out.join("t"), &[]);
    assert_code(&run, 1);
    assert!(stderr(&run).contains("cannot be read as an XLSForm"));
}

#[test]
fn a_survey_sheet_as_csv() {
    let out = scratch("csv");
    let csv = out.join("quick-check.csv");
    std::fs::write(
        &csv,
        "\u{feff}type,name,label,hint,constraint\n\
         begin_group,floor,Shop floor,,\n\
         text,who,Who is on duty?,Name and role,\n\
         decimal,temp,Fridge temperature,°C,. >= 0 and . <= 5\n\
         end_group,,,,\n",
    )
    .unwrap();
    let run = import(&csv, &out, &[]);
    assert_code(&run, 0);
    let t = show_json(&out.join("quick-check.toml"));
    assert_eq!(t["id"], "quick-check");
    assert_eq!(t["sections"][0]["items"][1]["kind"], "number");
    assert_eq!(t["sections"][0]["items"][1]["target"]["max"], 5.0);
}

/// Every real form of pyxform's suite imports or is refused with located messages,
/// and every template written passes `validate`.
#[test]
#[allow(clippy::print_stdout)] // the skip note is for whoever runs the check
fn every_real_form_imports_or_is_refused() {
    let dir = root().join("../shared/external/xlsform");
    if !dir.exists() {
        println!("skipped: {} is absent", dir.display());
        return;
    }
    let mut forms: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    forms.sort();
    assert_eq!(forms.len(), 15);
    for form in forms {
        let out = scratch(&format!(
            "real-{}",
            form.file_stem().unwrap().to_string_lossy()
        ));
        let run = import(&form, &out, &[]);
        let err = stderr(&run);
        let file = form.display().to_string();
        for line in err
            .lines()
            .filter(|l| l.starts_with("warning: ") || l.starts_with("error: "))
        {
            let located = line.split_once(": ").unwrap().1;
            assert!(
                located.starts_with(&format!("{file}:")),
                "unlocated message: {line}"
            );
        }
        match run.status.code() {
            Some(0) => {
                for path in stdout(&run).lines() {
                    assert_code(&run_plain(opscheck().arg("validate").arg(path)), 0);
                }
            }
            Some(1) => assert!(err.contains("error: "), "{err}"),
            other => panic!("{file}: exit {other:?}\n{err}"),
        }
    }
}

/// The shipped templates through the binary: show → xlsx → import → the same template.
#[test]
fn shipped_templates_survive_the_round_trip() {
    for path in shipped_templates() {
        let out = scratch(&format!(
            "shipped-{}",
            path.file_stem().unwrap().to_string_lossy()
        ));
        let form = out.join("form.xlsx");
        let run = run_plain(
            opscheck()
                .arg("show")
                .arg(&path)
                .args(["--format", "xlsform", "-o"])
                .arg(&form),
        );
        assert_code(&run, 0);
        let run = import(&form, &out.join("back"), &[]);
        assert_code(&run, 0);
        assert!(!stderr(&run).contains("warning"), "{}", stderr(&run));
        let back = stdout(&run);
        let back = back.lines().next().unwrap();
        assert_eq!(show_json(Path::new(back)), show_json(&root().join(&path)));
    }
}

// The property, in-process: import(show --format xlsform(t)) == t.

fn text() -> impl Strategy<Value = String> {
    // Letters, digits, punctuation and Chinese; no edge spaces (cells are trimmed).
    "[A-Za-z0-9门店消防检查是否？，()'\"=<>${}&%#·-]{1,6}( [A-Za-z0-9门店消防检查]{1,6}){0,2}"
}

fn kind() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("kind = \"yes_no\"".to_owned()),
        (0i64..3, 1i64..5, any::<bool>()).prop_map(|(min, span, labelled)| {
            let max = min + span;
            let labels = if labelled {
                let l: Vec<String> = (min..=max).map(|v| format!("\"level {v} 级\"")).collect();
                format!("\nlabels = [{}]", l.join(", "))
            } else {
                String::new()
            };
            format!("kind = \"scale\"\nmin = {min}\nmax = {max}{labels}")
        }),
        (proptest::collection::btree_set(text(), 2..4), 0usize..4).prop_map(|(labels, s)| {
            let scores = [0.0, 0.25, 0.5, 1.0];
            let options: Vec<String> = labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    format!(
                        "{{ label = {}, score = {} }}",
                        toml_string(l),
                        scores[(i + s) % 4]
                    )
                })
                .collect();
            format!("kind = \"choice\"\noptions = [{}]", options.join(", "))
        }),
        (
            proptest::option::of(-5.0f64..5.0),
            proptest::option::of(5.0f64..50.0),
            proptest::option::of(text())
        )
            .prop_filter("a bound", |(a, b, _)| a.is_some() || b.is_some())
            .prop_map(|(min, max, unit)| {
                let bounds: Vec<String> = [
                    min.map(|m| format!("min = {m:?}")),
                    max.map(|m| format!("max = {m:?}")),
                ]
                .into_iter()
                .flatten()
                .collect();
                let unit = unit
                    .map(|u| format!("\nunit = {}", toml_string(&u)))
                    .unwrap_or_default();
                format!(
                    "kind = \"number\"\ntarget = {{ {} }}{unit}",
                    bounds.join(", ")
                )
            }),
        Just("kind = \"text\"".to_owned()),
        Just("kind = \"date\"".to_owned()),
    ]
}

fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

#[derive(Debug, Clone)]
struct ItemSpec {
    text: String,
    guidance: Option<String>,
    kind: String,
    weight: f64,
    critical: bool,
    required: bool,
    na: bool,
    pass: Option<f64>,
    /// Ask only when the item this many before it got `yes`/`no`/`na`.
    when: Option<(usize, usize)>,
}

fn item() -> impl Strategy<Value = ItemSpec> {
    (
        text(),
        proptest::option::of(text()),
        kind(),
        prop::sample::select(vec![0.5, 1.0, 2.0, 3.5]),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(prop::sample::select(vec![0.25, 0.75])),
        proptest::option::of((1usize..3, 0usize..3)),
    )
        .prop_map(
            |(text, guidance, kind, weight, critical, required, na, pass, when)| ItemSpec {
                text,
                guidance,
                kind,
                weight,
                critical,
                required,
                na,
                pass,
                when,
            },
        )
}

fn language() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["en", "zh-CN", "fr"])
}

/// A template file from the specs; `when` is kept only where it names an earlier
/// yes/no item with a value it allows.
fn template_text(
    language: &str,
    title: &str,
    description: Option<&str>,
    pass_mark: f64,
    sections: &[(String, f64, Vec<ItemSpec>)],
) -> String {
    let mut out = format!(
        "format = 1\nid = \"generated-form\"\ntitle = {}\nversion = \"1.2\"\nlanguage = \"{language}\"\n",
        toml_string(title)
    );
    if let Some(d) = description {
        out.push_str(&format!("description = {}\n", toml_string(d)));
    }
    out.push_str(&format!(
        "[scoring]\npass_mark = {pass_mark:?}\nitem_pass = 0.5\nbands = [{{ min = 80.0, label = {} }}, {{ min = 0.0, label = \"低\" }}]\n",
        toml_string(title)
    ));
    let mut n = 0;
    let mut earlier: Vec<(String, String, bool)> = Vec::new();
    for (s, (title, weight, items)) in sections.iter().enumerate() {
        out.push_str(&format!(
            "[[sections]]\nid = \"s{s}\"\ntitle = {}\nweight = {weight:?}\n",
            toml_string(title)
        ));
        for item in items {
            n += 1;
            let id = format!("item-{n}");
            out.push_str(&format!(
                "[[sections.items]]\nid = \"{id}\"\ntext = {}\n{}\nweight = {:?}\ncritical = {}\nrequired = {}\nna = {}\n",
                toml_string(&item.text),
                item.kind,
                item.weight,
                item.critical,
                item.required,
                item.na
            ));
            if let Some(g) = &item.guidance {
                out.push_str(&format!("guidance = {}\n", toml_string(g)));
            }
            if let Some(p) = item.pass {
                out.push_str(&format!("pass = {p:?}\n"));
            }
            if let Some((back, value)) = item.when
                && let Some((target, kind, na)) =
                    earlier.len().checked_sub(back).map(|i| &earlier[i])
                && kind.contains("yes_no")
            {
                let is = ["yes", "no", "na"][value];
                if is != "na" || *na {
                    out.push_str(&format!(
                        "when = {{ item = \"{target}\", is = \"{is}\" }}\n"
                    ));
                }
            }
            earlier.push((id, item.kind.clone(), item.na));
        }
    }
    out
}

fn round_trip(template: &opscheck::template::Template) -> Vec<opscheck::template::Template> {
    let bytes = opscheck::xlsform::export::book(template)
        .unwrap()
        .to_bytes()
        .unwrap();
    let grids = opscheck::xlsform::read_workbook(bytes).unwrap();
    let imported = opscheck::xlsform::import(&grids, "form").unwrap();
    assert!(imported.dropped.is_empty(), "{:?}", imported.dropped);
    // The imported template is written as a file and read back, as `import` does.
    imported
        .templates
        .iter()
        .map(|t| {
            let text = opscheck::template::to_toml(t, "");
            let checked = opscheck::template::check(&text);
            checked
                .template
                .unwrap_or_else(|| panic!("{:?}\n{text}", checked.problems))
        })
        .collect()
}

#[test]
fn builtins_round_trip_in_process() {
    for builtin in opscheck::template::BUILTIN {
        let template = opscheck::template::check(builtin.text).template.unwrap();
        assert_eq!(round_trip(&template), [template]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_templates_round_trip(
        language in language(),
        title in text(),
        description in proptest::option::of(text()),
        pass_mark in prop::sample::select(vec![50.0, 75.0, 82.5]),
        sections in proptest::collection::vec(
            (text(), prop::sample::select(vec![1.0, 2.0, 0.5]), proptest::collection::vec(item(), 1..5)),
            1..4,
        ),
    ) {
        let text = template_text(language, &title, description.as_deref(), pass_mark, &sections);
        let checked = opscheck::template::check(&text);
        let errors: Vec<_> = checked
            .problems
            .iter()
            .filter(|p| p.severity == opscheck::diagnostic::Severity::Error)
            .collect();
        prop_assert!(errors.is_empty(), "generated template invalid: {errors:?}\n{text}");
        let template = checked.template.unwrap();
        prop_assert_eq!(round_trip(&template), vec![template]);
    }
}

#[test]
fn drops_are_told_in_chinese_too() {
    let out = scratch("zh");
    let run = run_plain(
        opscheck()
            .args(["--lang", "zh-CN", "import"])
            .arg(fixture("or_other.xlsx"))
            .arg("--out")
            .arg(&out),
    );
    assert_code(&run, 0);
    let file = fixture("or_other.xlsx").display().to_string();
    let err = stderr(&run);
    assert!(
        err.contains(&format!(
            "警告: {file}:survey!A2: 已丢弃 `fav_color` 的“其他”选项"
        )),
        "{err}"
    );
    assert!(err.contains("已导入"), "{err}");
}
