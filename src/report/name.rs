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
    let slug = truncate(slug.trim_matches('-'), MAX_SLUG_BYTES).trim_end_matches('-');
    if slug.is_empty() {
        "subject".to_owned()
    } else {
        slug.to_owned()
    }
}

/// File names are limited to 255 bytes; a Chinese character takes 3.
const MAX_SLUG_BYTES: usize = 120;
const MAX_ID_BYTES: usize = 64;

/// At most `max` bytes of `text`, cut at a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    &text[..text.floor_char_boundary(max)]
}

/// The file stem of the `n`-th report of the day for this template and subject
/// (`n` from 1; the first has no suffix).
pub fn stem(date: NaiveDate, template_id: &str, subject: &str, n: u32) -> String {
    let base = format!(
        "{date}-{}-{}",
        truncate(template_id, MAX_ID_BYTES),
        slug(subject)
    );
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
    fn long_subjects_fit_a_file_name() {
        let long = "徐汇店".repeat(100);
        let stem = stem(
            NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            &"x".repeat(300),
            &long,
            9999,
        );
        assert!(stem.len() + ".json".len() <= 255, "{} bytes", stem.len());
        assert!(slug(&long).starts_with("徐汇店"));
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
