//! The JSON Schema that editors use to check templates: `opscheck schema` prints the
//! committed `checklists/schema.json`, which accepts the shipped templates and rejects
//! what `validate` rejects as unknown.

use crate::common;

use common::{opscheck, output, root, shipped_templates};
use serde_json::Value;

/// A valid template, the base of the rejected variants below.
const MINIMAL: &str = r#"
format = 1
id = "mini"
title = "Mini inspection"
version = "1.0.0"
language = "en"

[[sections]]
id = "site"
title = "Site"

[[sections.items]]
id = "door-locked"
text = "Is the door locked?"
kind = "yes_no"
"#;

fn committed_schema() -> String {
    std::fs::read_to_string(root().join("checklists/schema.json"))
        .expect("checklists/schema.json is readable")
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&committed_schema()).expect("schema.json is JSON");
    jsonschema::validator_for(&schema).expect("schema.json is a valid JSON Schema")
}

/// A TOML template as the JSON an editor's schema check sees.
fn to_json(toml_text: &str) -> Value {
    toml::from_str(toml_text).expect("the test template is TOML")
}

/// The schema errors of a template, one per line, for assertion messages.
fn errors(validator: &jsonschema::Validator, template: &Value) -> String {
    validator
        .iter_errors(template)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `opscheck schema` prints exactly the committed `checklists/schema.json`.
#[test]
fn schema_command_prints_the_committed_schema() {
    let out = output(opscheck().arg("schema"));
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout == committed_schema().as_bytes(),
        "checklists/schema.json is stale: run `cargo run -- schema > checklists/schema.json`"
    );
}

/// The shipped templates pass the schema, so an editor shows them without squiggles.
#[test]
fn schema_accepts_the_shipped_templates() {
    let validator = validator();
    for path in shipped_templates() {
        let text = std::fs::read_to_string(root().join(&path)).expect("template is readable");
        let template = to_json(&text);
        assert!(
            validator.is_valid(&template),
            "{}:\n{}",
            path.display(),
            errors(&validator, &template)
        );
    }
}

/// A key the template format does not have, at the top or in an item, and a kind that
/// does not exist, are flagged by the schema as they are by `validate`.
#[test]
fn schema_rejects_unknown_keys_and_kinds() {
    let validator = validator();
    assert!(
        validator.is_valid(&to_json(MINIMAL)),
        "the base template must be valid:\n{}",
        errors(&validator, &to_json(MINIMAL))
    );
    let cases = [
        (
            "an unknown top-level key",
            MINIMAL.replace("format = 1", "format = 1\nauthor = \"QA\""),
        ),
        (
            "an unknown item key",
            format!("{MINIMAL}colour = \"red\"\n"),
        ),
        (
            "an unknown kind",
            MINIMAL.replace("kind = \"yes_no\"", "kind = \"bogus\""),
        ),
    ];
    for (what, text) in cases {
        assert_ne!(text, MINIMAL, "{what}: the edit did not apply");
        assert!(
            !validator.is_valid(&to_json(&text)),
            "{what} is accepted:\n{text}"
        );
    }
}
