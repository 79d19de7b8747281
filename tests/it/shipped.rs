//! Docs as tests: the checklists shipped in `checklists/` are valid, complete, and the
//! translations match the English original item for item.

use crate::common;

use std::path::{Path, PathBuf};

use common::{json, opscheck, shipped_templates};
use serde_json::Value;

const SECTION_IDS: [&str; 10] = [
    "process",
    "data",
    "teamwork",
    "goals",
    "risk",
    "feedback",
    "resources",
    "improvement",
    "training",
    "review",
];

/// `opscheck show PATH --format json`: the resolved template.
fn show(path: &Path) -> Value {
    json(opscheck().arg("show").arg(path).args(["--format", "json"]))
}

/// The built-in template `opscheck show --format json` picks, given the extra arguments
/// and `LANG`.
fn default_language(lang_env: &str, args: &[&str]) -> String {
    let template = json(
        opscheck()
            .env("LANG", lang_env)
            .args(args)
            .args(["show", "--format", "json"]),
    );
    template["language"]
        .as_str()
        .expect("language is a string")
        .to_owned()
}

fn array<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is not an array in {value}"))
}

/// What must not differ between translations: every field of every section and item
/// but the texts (titles, questions, guidance, labels, units). Option labels are texts
/// too; their order and scores are not.
fn structure(value: &Value) -> Value {
    const TEXTS: [&str; 6] = ["title", "description", "text", "guidance", "labels", "unit"];
    match value {
        Value::Object(map) => map
            .iter()
            .filter(|(key, _)| !TEXTS.contains(&key.as_str()))
            .map(|(key, v)| match key.as_str() {
                "options" => (
                    key.clone(),
                    v.as_array()
                        .unwrap()
                        .iter()
                        .map(|o| o["score"].clone())
                        .collect(),
                ),
                _ => (key.clone(), structure(v)),
            })
            .collect(),
        Value::Array(values) => values.iter().map(structure).collect(),
        other => other.clone(),
    }
}

/// The English original of a translation: `NAME.zh-CN.toml` → `NAME.toml`.
fn original_of(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_str()?;
    let (name, _lang) = stem.rsplit_once('.')?;
    Some(path.with_file_name(format!("{name}.toml")))
}

/// `opscheck validate checklists --format json` reports every shipped file as valid,
/// with no error and no warning, and exits 0.
#[test]
fn shipped_templates_validate_without_problems() {
    let reports = json(opscheck().args(["validate", "checklists", "--format", "json"]));
    let reports = reports.as_array().expect("validate prints an array");
    let checked: Vec<&str> = reports
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    let shipped: Vec<String> = shipped_templates()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(
        checked, shipped,
        "validate checked other files than checklists/*.toml"
    );
    for report in reports {
        assert_eq!(report["valid"], true, "{report:#}");
        assert_eq!(report["problems"], Value::Array(vec![]), "{report:#}");
    }
}

/// Every shipped checklist has the ten areas in order, and at least 45 questions.
#[test]
fn shipped_templates_have_ten_sections_and_enough_items() {
    for path in shipped_templates() {
        let template = show(&path);
        let sections = array(&template, "sections");
        let ids: Vec<&str> = sections.iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert_eq!(ids, SECTION_IDS, "{}", path.display());
        let items: usize = sections.iter().map(|s| array(s, "items").len()).sum();
        assert!(items >= 45, "{}: only {items} items", path.display());
    }
}

/// A translation asks the same questions as its original: same sections, item ids,
/// kinds, weights, critical flags, scales, option scores and targets, in the same order.
#[test]
fn translations_match_their_original() {
    let translations: Vec<(PathBuf, PathBuf)> = shipped_templates()
        .into_iter()
        .filter_map(|path| original_of(&path).map(|original| (path, original)))
        .collect();
    assert!(
        !translations.is_empty(),
        "no translated template in checklists/"
    );
    for (translation, original) in translations {
        let (ours, theirs) = (show(&translation), show(&original));
        assert_ne!(ours["language"], theirs["language"]);
        assert_eq!(
            structure(&ours["sections"]),
            structure(&theirs["sections"]),
            "{} differs from {}",
            translation.display(),
            original.display()
        );
    }
}

/// Without `--lang`, a Chinese locale gets the Chinese built-in checklist.
#[test]
fn chinese_locale_picks_the_chinese_builtin() {
    assert_eq!(default_language("zh_CN.UTF-8", &[]), "zh-CN");
}

/// Without `--lang`, an English locale gets the English built-in checklist.
#[test]
fn english_locale_picks_the_english_builtin() {
    assert_eq!(default_language("en_US.UTF-8", &[]), "en");
}

/// `--lang` wins over the locale.
#[test]
fn lang_option_overrides_the_locale() {
    assert_eq!(default_language("C", &["--lang", "zh-CN"]), "zh-CN");
}
