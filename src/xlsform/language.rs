//! Language columns: `label::English (en)`, `label:English`, `label::中文 (zh)`.

/// Names XLSForm authors write without a code, and their BCP 47 tags.
const NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("chinese", "zh-CN"),
    ("中文", "zh-CN"),
    ("简体中文", "zh-CN"),
    ("繁體中文", "zh-TW"),
    ("french", "fr"),
    ("français", "fr"),
    ("spanish", "es"),
    ("español", "es"),
    ("portuguese", "pt"),
    ("português", "pt"),
    ("arabic", "ar"),
    ("swahili", "sw"),
    ("hindi", "hi"),
    ("russian", "ru"),
    ("german", "de"),
    ("deutsch", "de"),
    ("japanese", "ja"),
    ("日本語", "ja"),
    ("korean", "ko"),
    ("한국어", "ko"),
    ("indonesian", "id"),
    ("vietnamese", "vi"),
];

fn is_tag(text: &str) -> bool {
    let mut parts = text.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The tag of a language column's spec, and whether it was known: `English (en)` →
/// `en`; `english` → `en`; `en` → `en`; an unknown name → `und`.
pub(super) fn tag(spec: &str) -> (String, bool) {
    let spec = spec.trim();
    if let Some(code) = spec
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .map(|(_, code)| code.trim())
        .filter(|code| is_tag(code))
    {
        return (code.to_owned(), true);
    }
    let lower = spec.to_lowercase();
    if let Some((_, tag)) = NAMES.iter().find(|(name, _)| *name == lower) {
        return ((*tag).to_owned(), true);
    }
    if is_tag(spec) {
        return (spec.to_owned(), true);
    }
    ("und".to_owned(), false)
}

/// The column spec for a tag, as `label::SPEC` writes it: `English (en)`.
pub(super) fn spec(tag: &str) -> String {
    let name = match tag {
        "en" => "English",
        "zh-CN" => "中文",
        _ => NAMES
            .iter()
            .find(|(_, t)| *t == tag)
            .map_or(tag, |(name, _)| name),
    };
    format!("{name} ({tag})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_in_every_spelling() {
        assert_eq!(tag("English (en)"), ("en".into(), true));
        assert_eq!(tag("english"), ("en".into(), true));
        assert_eq!(tag("中文 (zh)"), ("zh".into(), true));
        assert_eq!(tag("中文"), ("zh-CN".into(), true));
        assert_eq!(tag("fr"), ("fr".into(), true));
        assert_eq!(tag("Klingon"), ("und".into(), false));
        assert_eq!(tag(&spec("zh-CN")), ("zh-CN".into(), true));
        assert_eq!(tag(&spec("de")), ("de".into(), true));
    }
}
