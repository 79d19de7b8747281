//! git's `allowed_signers` file (ssh-keygen(1), ALLOWED SIGNERS): who may sign.
//!
//! Each line: `PRINCIPALS [OPTIONS] KEYTYPE BASE64 [COMMENT]`, where PRINCIPALS is a
//! comma-separated list of patterns and OPTIONS may hold `namespaces="a,b"`,
//! `valid-after=`, `valid-before=` and `cert-authority`.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use ssh_key::PublicKey;

use crate::i18n::Message;
use crate::msg;

/// One usable line of an allowed signers file.
#[derive(Debug, Clone)]
pub struct Signer {
    /// The principals as written (`alice@example.com,*@ops.example`).
    pub principals: String,
    /// `None`: every namespace.
    pub namespaces: Option<Vec<String>>,
    pub valid_after: Option<DateTime<Utc>>,
    pub valid_before: Option<DateTime<Utc>>,
    pub key: PublicKey,
    /// 1-based, for messages.
    pub line: usize,
}

/// A problem on one line; the whole file is refused, so that a typo never silently
/// drops a signer.
#[derive(Debug, Clone, PartialEq)]
pub struct LineError {
    pub line: usize,
    pub reason: Message,
}

#[derive(Debug, Clone, Default)]
pub struct AllowedSigners {
    pub signers: Vec<Signer>,
}

/// How a key stands in the file, for one namespace at one time.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    Allowed {
        principals: String,
    },
    /// Listed, but its `namespaces=` does not include this one.
    OtherNamespace {
        principals: String,
    },
    /// Listed, but outside `valid-after`/`valid-before` now.
    NotValidNow {
        principals: String,
    },
    Unknown,
}

impl AllowedSigners {
    pub fn parse(text: &str) -> Result<AllowedSigners, Vec<LineError>> {
        let mut signers = Vec::new();
        let mut errors = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match parse_line(line, index + 1) {
                Ok(signer) => signers.push(signer),
                Err(reason) => errors.push(LineError {
                    line: index + 1,
                    reason,
                }),
            }
        }
        if errors.is_empty() {
            Ok(AllowedSigners { signers })
        } else {
            Err(errors)
        }
    }

    /// What the file says about `key` signing in `namespace` at `now`: the first line
    /// that allows it, else the reason the nearest line does not.
    pub fn standing(
        &self,
        key: &ssh_key::public::KeyData,
        namespace: &str,
        now: DateTime<Utc>,
    ) -> Standing {
        let mut nearest = Standing::Unknown;
        for signer in self.signers.iter().filter(|s| s.key.key_data() == key) {
            let principals = signer.principals.clone();
            let in_namespace = signer
                .namespaces
                .as_ref()
                .is_none_or(|list| list.iter().any(|n| n == namespace));
            let in_time = signer.valid_after.is_none_or(|t| now >= t)
                && signer.valid_before.is_none_or(|t| now < t);
            match (in_namespace, in_time) {
                (true, true) => return Standing::Allowed { principals },
                (false, _) => nearest = Standing::OtherNamespace { principals },
                (true, false) => nearest = Standing::NotValidNow { principals },
            }
        }
        nearest
    }
}

fn parse_line(line: &str, number: usize) -> Result<Signer, Message> {
    let (principals, rest) = field(line);
    let principals = principals.replace('"', "");
    if principals.is_empty() {
        return Err(msg!("signers-no-principal"));
    }
    // Options come before the key when the next field is not a key type.
    let (options, key_text) = match PublicKey::from_openssh(rest) {
        Ok(_) => ("", rest),
        Err(_) => field(rest),
    };
    let key = PublicKey::from_openssh(key_text)
        .map_err(|e| msg!("signers-bad-key", reason = e.to_string()))?;
    let mut signer = Signer {
        principals,
        namespaces: None,
        valid_after: None,
        valid_before: None,
        key,
        line: number,
    };
    for option in split_options(options) {
        let (name, value) = match option.split_once('=') {
            Some((name, value)) => (name, Some(value.trim_matches('"'))),
            None => (option, None),
        };
        match (name.to_ascii_lowercase().as_str(), value) {
            ("namespaces", Some(value)) => {
                signer.namespaces = Some(value.split(',').map(|n| n.trim().to_owned()).collect())
            }
            ("valid-after", Some(value)) => signer.valid_after = Some(time(value)?),
            ("valid-before", Some(value)) => signer.valid_before = Some(time(value)?),
            ("cert-authority", None) => return Err(msg!("signers-cert-authority")),
            _ => return Err(msg!("signers-bad-option", option = option)),
        }
    }
    Ok(signer)
}

/// The first whitespace-separated field (double quotes protect spaces and commas),
/// and the rest.
fn field(text: &str) -> (&str, &str) {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => return (&text[..i], text[i..].trim_start()),
            _ => {}
        }
    }
    (text, "")
}

/// Splits `a,b="x,y",c` on the commas outside quotes.
fn split_options(options: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in options.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&options[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < options.len() {
        parts.push(&options[start..]);
    }
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// `YYYYMMDD[HHMM[SS]][Z]`: local time unless it ends in `Z`, as ssh-keygen reads it.
fn time(value: &str) -> Result<DateTime<Utc>, Message> {
    let bad = || msg!("signers-bad-time", value = value);
    let (digits, utc) = match value.strip_suffix(['Z', 'z']) {
        Some(d) => (d, true),
        None => (value, false),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let padded = match digits.len() {
        8 => format!("{digits}000000"),
        12 => format!("{digits}00"),
        14 => digits.to_owned(),
        _ => return Err(bad()),
    };
    let naive = NaiveDateTime::parse_from_str(&padded, "%Y%m%d%H%M%S").map_err(|_| bad())?;
    if utc {
        return Ok(naive.and_utc());
    }
    let local = chrono::Local
        .from_local_datetime(&naive)
        .earliest()
        .ok_or_else(bad)?;
    Ok(local.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEW28oPLB68B8mMbsQf0vvIYesNEy3YPnMlMHjxg0LQN";

    fn now() -> DateTime<Utc> {
        "2026-12-01T00:00:00Z".parse().unwrap()
    }

    #[test]
    fn reads_principals_options_and_keys() {
        let text = format!(
            "# team\n\nalice@example.com {KEY} alice\n\"bob smith\",*@ops namespaces=\"git,opscheck\",valid-before=20300101 {KEY}\n"
        );
        let file = AllowedSigners::parse(&text).unwrap();
        assert_eq!(file.signers.len(), 2);
        assert_eq!(file.signers[0].principals, "alice@example.com");
        assert_eq!(file.signers[0].namespaces, None);
        assert_eq!(file.signers[1].principals, "bob smith,*@ops");
        assert_eq!(
            file.signers[1].namespaces.as_deref(),
            Some(&["git".to_owned(), "opscheck".to_owned()][..])
        );
        assert!(file.signers[1].valid_before.is_some());
    }

    #[test]
    fn standing_follows_namespace_and_time() {
        let text = format!("a namespaces=\"git\" {KEY}\nb valid-after=20990101Z {KEY}\n");
        let file = AllowedSigners::parse(&text).unwrap();
        let key = file.signers[0].key.key_data().clone();
        assert_eq!(
            file.standing(&key, "opscheck", now()),
            Standing::NotValidNow {
                principals: "b".into()
            }
        );
        assert_eq!(
            file.standing(&key, "git", now()),
            Standing::Allowed {
                principals: "a".into()
            }
        );
        let only_git = AllowedSigners::parse(&format!("a namespaces=\"git\" {KEY}")).unwrap();
        assert_eq!(
            only_git.standing(&key, "opscheck", now()),
            Standing::OtherNamespace {
                principals: "a".into()
            }
        );
    }

    #[test]
    fn every_bad_line_is_named() {
        let text =
            format!("a {KEY}\nb ssh-ed25519 AAAA\nc cert-authority {KEY}\nd bogus=1 {KEY}\n");
        let errors = AllowedSigners::parse(&text).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert_eq!(errors[1].reason, msg!("signers-cert-authority"));
    }

    #[test]
    fn times_read_like_ssh_keygen() {
        assert_eq!(
            time("20261201Z").unwrap(),
            "2026-12-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(
            time("202612011230Z").unwrap(),
            "2026-12-01T12:30:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert!(time("2026-12-01").is_err());
        assert!(time("2026").is_err());
    }
}
