//! Inspection templates: the file format, loading with every problem located, the
//! resolved model and the built-in checklists.

mod builtin;
mod check;
pub(crate) mod document;
pub mod file;
mod model;
mod toml_file;

pub use builtin::{BUILTIN, Builtin};
pub use check::{default_scoring, is_id};
pub use model::{Band, Choice, Item, Kind, OnFail, Scoring, Section, Target, Template, When};
pub use toml_file::to_toml;

use crate::diagnostic::Problem;

/// The template format this opscheck reads and writes.
pub const FORMAT: u32 = 1;

/// A template source checked: the template when it has no error, and every problem.
#[derive(Debug)]
pub struct Checked {
    pub template: Option<Template>,
    /// Errors and warnings, in the order of the file, at most
    /// [`PROBLEMS_LISTED`](crate::store::limits::PROBLEMS_LISTED).
    pub problems: Vec<Problem>,
    /// Errors found beyond those listed.
    pub unlisted_errors: usize,
    /// Warnings found beyond those listed.
    pub unlisted_warnings: usize,
}

/// Parses and checks a template's text.
pub fn check(text: &str) -> Checked {
    let (root, mut problems) = document::parse(text);
    let template = if problems.is_empty() {
        check::resolve(&root, &mut problems)
    } else {
        None
    };
    let mut unlisted_errors = 0;
    problems.retain(|p| {
        if p.message.key != document::UNLISTED {
            return true;
        }
        if let Some((_, crate::i18n::Arg::Number(n))) = p.message.args.first() {
            unlisted_errors += *n as usize;
        }
        false
    });
    problems.sort_by_key(|p| (p.span.start, p.severity));
    let listed = crate::store::limits::PROBLEMS_LISTED;
    let mut unlisted_warnings = 0;
    for p in problems.iter().skip(listed) {
        if p.is_error() {
            unlisted_errors += 1;
        } else {
            unlisted_warnings += 1;
        }
    }
    problems.truncate(listed);
    Checked {
        template,
        problems,
        unlisted_errors,
        unlisted_warnings,
    }
}

/// The names of the fields at each level of the file model, for "did you mean".
/// `path` is where the unknown key sits, relative to the table being read.
mod fields {
    const TEMPLATE: &[&str] = &[
        "format",
        "id",
        "title",
        "version",
        "language",
        "description",
        "scoring",
        "sections",
    ];
    const SCORING: &[&str] = &["pass_mark", "item_pass", "bands", "on_fail"];
    const BAND: &[&str] = &["min", "label"];
    const SECTION: &[&str] = &["id", "title", "description", "weight", "items"];
    const ITEM: &[&str] = &[
        "id", "text", "guidance", "kind", "weight", "critical", "required", "na", "pass", "when",
        "min", "max", "labels", "options", "unit", "target", "on_fail",
    ];
    const WHEN: &[&str] = &["item", "is"];
    const OPTION: &[&str] = &["label", "score"];
    const TARGET: &[&str] = &["min", "max"];

    pub(super) fn template(path: &[String]) -> &'static [&'static str] {
        match path.first().map(String::as_str) {
            None => TEMPLATE,
            Some("scoring") if path.len() == 1 => SCORING,
            Some("scoring") => BAND,
            Some(_) => &[],
        }
    }

    pub(super) fn section(path: &[String]) -> &'static [&'static str] {
        if path.is_empty() { SECTION } else { &[] }
    }

    pub(super) fn item(path: &[String]) -> &'static [&'static str] {
        match path.first().map(String::as_str) {
            None => ITEM,
            Some("when") => WHEN,
            Some("options") => OPTION,
            Some("target") => TARGET,
            Some(_) => &[],
        }
    }

    #[cfg(test)]
    mod tests {
        use schemars::schema_for;

        use crate::template::file::TemplateFile;

        fn properties(schema: &serde_json::Value, pointer: &str) -> Vec<String> {
            let mut keys: Vec<String> = schema
                .pointer(pointer)
                .and_then(|v| v.as_object())
                .unwrap_or_else(|| panic!("no {pointer} in schema"))
                .keys()
                .cloned()
                .collect();
            keys.sort();
            keys
        }

        fn sorted(names: &[&str]) -> Vec<String> {
            let mut v: Vec<String> = names.iter().map(|s| (*s).to_owned()).collect();
            v.sort();
            v
        }

        /// The hint lists must follow the file model, or "did you mean" would lie.
        #[test]
        fn field_lists_match_the_schema() {
            let schema = serde_json::to_value(schema_for!(TemplateFile)).unwrap();
            assert_eq!(properties(&schema, "/properties"), sorted(super::TEMPLATE));
            assert_eq!(
                properties(&schema, "/$defs/ScoringFile/properties"),
                sorted(super::SCORING)
            );
            assert_eq!(
                properties(&schema, "/$defs/BandFile/properties"),
                sorted(super::BAND)
            );
            assert_eq!(
                properties(&schema, "/$defs/SectionFile/properties"),
                sorted(super::SECTION)
            );
            assert_eq!(
                properties(&schema, "/$defs/ItemFile/properties"),
                sorted(super::ITEM)
            );
            assert_eq!(
                properties(&schema, "/$defs/WhenFile/properties"),
                sorted(super::WHEN)
            );
            assert_eq!(
                properties(&schema, "/$defs/OptionFile/properties"),
                sorted(super::OPTION)
            );
            assert_eq!(
                properties(&schema, "/$defs/TargetFile/properties"),
                sorted(super::TARGET)
            );
        }
    }
}
