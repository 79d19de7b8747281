//! The checklists shipped inside the binary, from the same files as `checklists/`.

/// A built-in checklist.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// File name in `checklists/`.
    pub file: &'static str,
    pub id: &'static str,
    /// BCP 47 language tag.
    pub language: &'static str,
    pub text: &'static str,
}

pub const BUILTIN: &[Builtin] = &[
    Builtin {
        file: "ops-inspection.toml",
        id: "ops-inspection",
        language: "en",
        text: include_str!("../../checklists/ops-inspection.toml"),
    },
    Builtin {
        file: "ops-inspection.zh-CN.toml",
        id: "ops-inspection",
        language: "zh-CN",
        text: include_str!("../../checklists/ops-inspection.zh-CN.toml"),
    },
];

impl Builtin {
    /// The built-in `id` in the language closest to `language` (English as fallback).
    pub fn find(id: &str, language: &str) -> Option<&'static Builtin> {
        let stem = |b: &Builtin| b.file.trim_end_matches(".toml");
        if let Some(exact) = BUILTIN.iter().find(|b| stem(b) == id && b.id != id) {
            return Some(exact);
        }
        let primary = language.split(['-', '_']).next().unwrap_or("");
        let matching = || BUILTIN.iter().filter(move |b| b.id == id);
        matching()
            .find(|b| b.language.eq_ignore_ascii_case(language))
            .or_else(|| matching().find(|b| b.language.split('-').next() == Some(primary)))
            .or_else(|| matching().find(|b| b.language == "en"))
    }

    /// The name shown in messages and reports: `builtin:FILE`.
    pub fn origin(&self) -> String {
        format!("builtin:{}", self.file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_id_language_and_file_stem() {
        assert_eq!(
            Builtin::find("ops-inspection", "en").unwrap().language,
            "en"
        );
        assert_eq!(
            Builtin::find("ops-inspection", "zh-CN").unwrap().language,
            "zh-CN"
        );
        assert_eq!(
            Builtin::find("ops-inspection", "zh").unwrap().language,
            "zh-CN"
        );
        assert_eq!(
            Builtin::find("ops-inspection", "fr").unwrap().language,
            "en"
        );
        assert_eq!(
            Builtin::find("ops-inspection.zh-CN", "en")
                .unwrap()
                .language,
            "zh-CN"
        );
        assert!(Builtin::find("nope", "en").is_none());
    }

    #[test]
    fn every_builtin_is_valid_and_has_its_declared_id_and_language() {
        for builtin in BUILTIN {
            let checked = crate::template::check(builtin.text);
            assert!(
                checked.problems.is_empty(),
                "{}: {:?}",
                builtin.file,
                checked.problems
            );
            let template = checked.template.unwrap();
            assert_eq!(
                (template.id.as_str(), template.language.as_str()),
                (builtin.id, builtin.language)
            );
        }
    }
}
