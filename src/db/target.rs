//! Where the team store is: a libpq-style URL or `key=value` string, completed from the
//! `PG*` variables and `~/.pgpass` as libpq would, and the TLS mode it asks for.

use std::path::{Path, PathBuf};
use std::time::Duration;

use postgres::config::{Host, SslMode};

use crate::error::{Error, Result};
use crate::msg;

/// How the connection is encrypted: libpq's `sslmode`, with rustls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tls {
    Disable,
    /// TLS when the server offers it, unverified (libpq's default).
    Prefer,
    /// TLS always, the certificate unverified.
    Require,
    /// TLS, the certificate checked against this CA file, the host name not.
    VerifyCa(PathBuf),
    /// TLS, the certificate and the host name checked against this CA file.
    VerifyFull(PathBuf),
}

/// A resolved connection: the postgres crate's config and what messages name.
#[derive(Clone)]
pub(crate) struct Target {
    pub config: postgres::Config,
    pub tls: Tls,
    /// `host:port` (or the socket directory and port), for messages.
    pub server: String,
    pub user: String,
    pub database: String,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The config holds the password: never shown.
        f.debug_struct("Target")
            .field("server", &self.server)
            .field("user", &self.user)
            .field("database", &self.database)
            .field("tls", &self.tls)
            .finish()
    }
}

/// Reads the environment through a function, so that tests pass their own.
pub(crate) type Vars<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The target for `url` (else `OPSCHECK_DATABASE_URL`, else the `PG*` variables alone).
pub(crate) fn resolve(url: Option<&str>, vars: Vars<'_>) -> Result<Target> {
    let url = url
        .map(str::to_owned)
        .or_else(|| vars("OPSCHECK_DATABASE_URL"))
        .unwrap_or_default();
    let (rest, sslmode, rootcert) = split_tls(&url);
    let mut config: postgres::Config = if rest.trim().is_empty() {
        postgres::Config::new()
    } else {
        rest.parse().map_err(|e: postgres::Error| {
            Error::Database(msg!(
                "db-bad-url",
                reason = redact(&e.to_string(), password_in(&url).as_deref())
            ))
        })?
    };
    if config.get_hosts().is_empty() {
        match vars("PGHOST") {
            Some(host) => {
                config.host(&host);
            }
            None if Path::new("/var/run/postgresql").is_dir() => {
                config.host_path("/var/run/postgresql");
            }
            None => {
                config.host("localhost");
            }
        }
    }
    if config.get_ports().is_empty()
        && let Some(port) = vars("PGPORT").and_then(|p| p.parse().ok())
    {
        config.port(port);
    }
    if config.get_user().is_none() {
        let user = vars("PGUSER")
            .or_else(|| vars("USER"))
            .unwrap_or_else(|| "postgres".to_owned());
        config.user(&user);
    }
    let user = config.get_user().unwrap_or_default().to_owned();
    if config.get_dbname().is_none() {
        config.dbname(vars("PGDATABASE").as_deref().unwrap_or(&user));
    }
    let database = config.get_dbname().unwrap_or_default().to_owned();
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".to_owned(),
    };
    if config.get_password().is_none() {
        let password = vars("PGPASSWORD").or_else(|| {
            let file = vars("PGPASSFILE")
                .map(PathBuf::from)
                .or_else(|| vars("HOME").map(|h| Path::new(&h).join(".pgpass")))?;
            pgpass(&file, &host, port, &database, &user)
        });
        if let Some(password) = password {
            config.password(password);
        }
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(10));
    }
    config.application_name("opscheck");
    let sslmode = sslmode.or_else(|| vars("PGSSLMODE"));
    let rootcert = rootcert.or_else(|| vars("PGSSLROOTCERT"));
    let tls = to_tls(sslmode.as_deref(), rootcert)?;
    config.ssl_mode(match tls {
        Tls::Disable => SslMode::Disable,
        Tls::Prefer => SslMode::Prefer,
        _ => SslMode::Require,
    });
    Ok(Target {
        config,
        tls,
        server: format!("{host}:{port}"),
        user,
        database,
    })
}

fn to_tls(mode: Option<&str>, rootcert: Option<String>) -> Result<Tls> {
    let ca = || {
        rootcert
            .clone()
            .map(PathBuf::from)
            .ok_or_else(|| Error::Database(msg!("db-tls-no-ca", mode = mode.unwrap_or(""))))
    };
    Ok(match mode.unwrap_or("prefer") {
        "disable" => Tls::Disable,
        "allow" | "prefer" => Tls::Prefer,
        "require" => Tls::Require,
        "verify-ca" => Tls::VerifyCa(ca()?),
        "verify-full" => Tls::VerifyFull(ca()?),
        other => return Err(Error::Database(msg!("db-tls-mode", mode = other))),
    })
}

/// The URL without `sslmode` and `sslrootcert` (which the postgres crate does not
/// take as libpq does), and their values.
fn split_tls(url: &str) -> (String, Option<String>, Option<String>) {
    let mut sslmode = None;
    let mut rootcert = None;
    let mut take = |key: &str, value: &str| match key {
        "sslmode" => {
            sslmode = Some(value.to_owned());
            true
        }
        "sslrootcert" => {
            rootcert = Some(value.to_owned());
            true
        }
        _ => false,
    };
    let rest = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        match url.split_once('?') {
            Some((base, query)) => {
                let kept: Vec<&str> = query
                    .split('&')
                    .filter(|pair| {
                        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                        !take(k, &percent_decode(v))
                    })
                    .collect();
                if kept.is_empty() {
                    base.to_owned()
                } else {
                    format!("{base}?{}", kept.join("&"))
                }
            }
            None => url.to_owned(),
        }
    } else {
        url.split_whitespace()
            .filter(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                !take(k, v.trim_matches('\''))
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    (rest, sslmode, rootcert)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The password written in a URL (`postgresql://user:PASSWORD@…`) or a `password=`
/// pair, to be taken out of any text shown.
pub(crate) fn password_in(url: &str) -> Option<String> {
    if let Some(rest) = url
        .strip_prefix("postgresql://")
        .or_else(|| url.strip_prefix("postgres://"))
    {
        let userinfo = rest.split(['@']).next().filter(|_| rest.contains('@'))?;
        return userinfo
            .split_once(':')
            .map(|(_, p)| p.to_owned())
            .filter(|p| !p.is_empty());
    }
    url.split_whitespace()
        .find_map(|pair| pair.strip_prefix("password="))
        .map(|p| p.trim_matches('\'').to_owned())
}

/// `text` with every occurrence of `secret` replaced.
pub(crate) fn redact(text: &str, secret: Option<&str>) -> String {
    match secret {
        Some(s) if s.len() >= 3 => text.replace(s, "***"),
        _ => text.to_owned(),
    }
}

/// The password for this server from a `.pgpass` file (`host:port:db:user:password`,
/// `*` matching anything, `\:` and `\\` escaped), as libpq reads it.
fn pgpass(file: &Path, host: &str, port: u16, database: &str, user: &str) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let port = port.to_string();
    let host = if host.starts_with('/') {
        "localhost"
    } else {
        host
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = pgpass_fields(line);
            let [h, p, d, u, password] = fields.as_slice() else {
                return None;
            };
            let matches = |pattern: &str, value: &str| pattern == "*" || pattern == value;
            (matches(h, host) && matches(p, &port) && matches(d, database) && matches(u, user))
                .then(|| password.clone())
        })
}

fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => field.extend(chars.next()),
            ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_vars(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn a_url_gives_host_port_user_database_and_tls() {
        let t = resolve(
            Some("postgresql://ann:s3cret@db.example:6543/shop?sslmode=verify-full&sslrootcert=/ca.pem"),
            &no_vars,
        )
        .unwrap();
        assert_eq!(t.server, "db.example:6543");
        assert_eq!(t.user, "ann");
        assert_eq!(t.database, "shop");
        assert_eq!(t.tls, Tls::VerifyFull("/ca.pem".into()));
        assert!(!format!("{t:?}").contains("s3cret"));
    }

    #[test]
    fn the_environment_fills_what_the_url_leaves_out() {
        let dir = tempfile::tempdir().unwrap();
        let pass = dir.path().join("pgpass");
        std::fs::write(&pass, "# comment\nother:*:*:*:no\ndb1:5433:*:bob:pa\\:ss\n").unwrap();
        let pass_file = pass.display().to_string();
        let vars = move |k: &str| match k {
            "PGHOST" => Some("db1".to_owned()),
            "PGPORT" => Some("5433".to_owned()),
            "PGUSER" => Some("bob".to_owned()),
            "PGPASSFILE" => Some(pass_file.clone()),
            _ => None,
        };
        let t = resolve(None, &vars).unwrap();
        assert_eq!(t.server, "db1:5433");
        assert_eq!(t.database, "bob");
        assert_eq!(t.config.get_password(), Some(&b"pa:ss"[..]));
        assert_eq!(t.tls, Tls::Prefer);
    }

    #[test]
    fn verify_full_without_a_ca_file_is_refused() {
        let error = resolve(Some("host=h sslmode=verify-full"), &no_vars).unwrap_err();
        assert!(error.to_string().contains("sslrootcert"), "{error}");
        let error = resolve(Some("host=h sslmode=sometimes"), &no_vars).unwrap_err();
        assert!(error.to_string().contains("sometimes"), "{error}");
    }

    #[test]
    fn passwords_are_found_to_be_redacted() {
        assert_eq!(
            password_in("postgresql://u:hunter22@h/d").as_deref(),
            Some("hunter22")
        );
        assert_eq!(
            password_in("host=h password='hunter22'").as_deref(),
            Some("hunter22")
        );
        assert_eq!(password_in("postgresql://u@h/d"), None);
        assert_eq!(redact("x hunter22 y", Some("hunter22")), "x *** y");
    }
}
