//! Localised text: Fluent catalogues in `locales/LANG/*.ftl`, built into the
//! binary. Code names a message by key with its arguments ([`Message`], [`msg!`]); the
//! text is chosen where it is shown, in the interface language.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::{LanguageIdentifier, langid};

use crate::locale::Lang;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Bidi isolation marks would end up in terminals, CSV and Markdown.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static ZH_CN: LanguageIdentifier = langid!("zh-CN");

/// A message to be shown: a catalogue key and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
    /// A message that explains this one, shown after it.
    pub detail: Option<Box<Message>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(value: $t) -> Self {
                Arg::Number(value as f64)
            }
        }
    )*};
}
number_arg!(f64, i64, u64, usize, u32);

impl Message {
    pub fn new(key: &'static str) -> Self {
        Message {
            key,
            args: Vec::new(),
            detail: None,
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// Appends another message after this one (`: detail`).
    pub fn with_detail(mut self, detail: Message) -> Self {
        self.detail = Some(Box::new(detail));
        self
    }
}

/// `msg!("key", name = value, …)` builds a [`Message`].
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message::new($key)$(.arg(stringify!($name), $value))*
    };
}

impl Lang {
    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::ZhCn => &ZH_CN,
        }
    }

    /// The text of a message without arguments.
    pub fn text(self, key: &str) -> String {
        LOCALES.lookup(self.id(), key)
    }

    /// The text of a message with its arguments (and its detail).
    pub fn format(self, message: &Message) -> String {
        let text = self.format_one(message);
        match &message.detail {
            Some(detail) => format!(
                "{text}{}{}",
                self.text("detail-separator"),
                self.format(detail)
            ),
            None => text,
        }
    }

    fn format_one(self, message: &Message) -> String {
        if message.args.is_empty() {
            return self.text(message.key);
        }
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = message
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    // User text (subjects, paths, ids from files) never brings control
                    // characters or terminal escapes into a message.
                    Arg::Text(text) => FluentValue::from(crate::text::line(text).into_owned()),
                    Arg::Number(n) => FluentValue::from(*n),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        LOCALES.lookup_with_args(self.id(), message.key, &args)
    }
}

/// A size in MiB, as messages state limits.
pub(crate) fn mib(bytes: u64) -> u64 {
    bytes >> 20
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// The keys of every `.ftl` file of one language (the loader reads them all).
    fn keys(lang: &str) -> BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "ftl") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                if !line.starts_with(|c: char| c.is_ascii_lowercase()) {
                    continue;
                }
                if let Some((key, _)) = line.split_once(" =") {
                    assert!(
                        keys.insert(key.trim().to_owned()),
                        "`{}` is defined twice in {lang}",
                        key.trim()
                    );
                }
            }
        }
        keys
    }

    fn sources(dir: &Path, text: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, text);
            } else if path.extension().is_some_and(|e| e == "rs") {
                text.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }

    /// Both catalogues have the same keys, and every key is used in the code.
    #[test]
    fn catalogues_are_complete_and_used() {
        let en = keys("en");
        let zh = keys("zh-CN");
        assert!(en.len() > 50, "the English catalogue looks empty");
        let missing_zh: Vec<_> = en.difference(&zh).collect();
        let missing_en: Vec<_> = zh.difference(&en).collect();
        assert!(missing_zh.is_empty(), "missing from zh-CN: {missing_zh:?}");
        assert!(missing_en.is_empty(), "missing from en: {missing_en:?}");
        let mut code = String::new();
        sources(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut code,
        );
        let unused: Vec<_> = en
            .iter()
            .filter(|key| !code.contains(&format!("\"{key}\"")))
            .collect();
        assert!(unused.is_empty(), "keys no code uses: {unused:?}");
    }

    #[test]
    fn formats_arguments_in_both_languages() {
        let message = msg!(
            "validate-summary",
            files = 2usize,
            valid = 1usize,
            invalid = 1usize,
            errors = 3usize,
            warnings = 0usize
        );
        assert_eq!(
            Lang::En.format(&message),
            "checked 2 files: 1 valid, 1 invalid (3 errors, 0 warnings)"
        );
        assert_eq!(
            Lang::ZhCn.format(&message),
            "已检查 2 个文件：1 个有效，1 个无效（3 个错误，0 个警告）"
        );
    }
}
