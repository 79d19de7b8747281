//! Action ids: short, stable and the same on every machine, because they are made
//! from the finding and the inspection that raised it.

use sha2::{Digest, Sha256};

/// Eight hex digits of sha256 over subject, template, item and the inspection's start.
pub fn action_id(subject: &str, template: &str, item: &str, started_at: &str) -> String {
    let mut hash = Sha256::new();
    for part in [subject, template, item, started_at] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    crate::digest::to_hex(&hash.finalize())[..8].to_owned()
}

/// The known id closest to a mistyped one, when it is close enough to be meant.
pub fn nearest<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.to_ascii_lowercase();
    known
        .into_iter()
        .map(|id| (strsim::damerau_levenshtein(&typed, id), id))
        .filter(|(distance, _)| *distance <= 3)
        .min()
        .map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_differ_by_finding() {
        let a = action_id("Store 12", "ops", "risk-plan", "2026-10-01T09:00:00+08:00");
        assert_eq!(a.len(), 8);
        assert_eq!(
            a,
            action_id("Store 12", "ops", "risk-plan", "2026-10-01T09:00:00+08:00")
        );
        assert_ne!(
            a,
            action_id("Store 12", "ops", "risk-drill", "2026-10-01T09:00:00+08:00")
        );
    }

    #[test]
    fn a_typo_suggests_the_nearest_id() {
        let known = ["3f9c2e1b", "77aa0c10"];
        assert_eq!(nearest("3f9c2e1c", known), Some("3f9c2e1b"));
        assert_eq!(nearest("3F9C2E1B", known), Some("3f9c2e1b"));
        assert_eq!(nearest("zzzzzzzz", known), None);
    }
}
