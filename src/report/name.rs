//! Report file names: `DATE-TEMPLATEID-SUBJECT`, safe in any file system.

use chrono::NaiveDate;

/// Letters and digits of any script are kept (ASCII lowercased); every other run of
/// characters becomes one `-`. Never empty, never a path.
pub fn slug(subject: &str) -> String {
    let mut slug = String::with_capacity(subject.len());
    for c in subject.chars() {
        if c.is_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_matches('-').chars().take(80).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "subject".to_owned()
    } else {
        slug.to_owned()
    }
}

/// The file stem of the `n`-th report of the day for this template and subject
/// (`n` from 1; the first has no suffix).
pub fn stem(date: NaiveDate, template_id: &str, subject: &str, n: u32) -> String {
    let base = format!("{date}-{template_id}-{}", slug(subject));
    if n <= 1 { base } else { format!("{base}-{n}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for (subject, expected) in [
            ("Store 12", "store-12"),
            ("上海 徐汇店", "上海-徐汇店"),
            ("../../etc/x", "etc-x"),
            ("a/b\\c", "a-b-c"),
            ("  ", "subject"),
            ("..", "subject"),
            ("Ünïcode Straße", "Ünïcode-straße"),
            ("\u{1b}[31mred", "31mred"),
        ] {
            assert_eq!(slug(subject), expected, "{subject:?}");
        }
    }

    #[test]
    fn stems() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(
            stem(date, "ops-inspection", "Store 12", 1),
            "2026-11-29-ops-inspection-store-12"
        );
        assert_eq!(
            stem(date, "ops-inspection", "Store 12", 3),
            "2026-11-29-ops-inspection-store-12-3"
        );
    }
}
