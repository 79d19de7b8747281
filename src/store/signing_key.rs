//! The inspector's SSH key: in ssh-agent when it holds it, else the key file, its
//! passphrase asked on the terminal. The private key never leaves the machine.

use std::path::{Path, PathBuf};

use ssh_agent_client_rs::Client;
use ssh_key::{PrivateKey, PublicKey};

use crate::error::{Error, Result};
use crate::locale::Lang;
use crate::signature::{self, Role};
use crate::{Io, msg};

/// What signs: the agent, or a decrypted key held in memory for this command only.
pub(crate) enum SigningKey {
    Agent { client: Box<Client>, key: PublicKey },
    File(Box<PrivateKey>),
}

impl SigningKey {
    /// The public half, to compare with another signature's key.
    pub(crate) fn public_key(&self) -> &ssh_key::public::KeyData {
        match self {
            SigningKey::Agent { key, .. } => key.key_data(),
            SigningKey::File(key) => key.public_key().key_data(),
        }
    }

    /// The SSHSIG PEM text over `bytes`.
    pub(crate) fn sign(&mut self, bytes: &[u8], path: &Path) -> Result<String> {
        let failed = |reason: String| {
            Error::usage(msg!(
                "sign-failed",
                path = path.display().to_string(),
                reason = reason
            ))
        };
        match self {
            SigningKey::File(key) => signature::sign(key, bytes).map_err(|e| failed(e.to_string())),
            SigningKey::Agent { client, key } => {
                let raw = client
                    .sign(&*key, &signature::signed_data(bytes))
                    .map_err(|e| failed(e.to_string()))?;
                signature::assemble(key, raw).map_err(|e| failed(e.to_string()))
            }
        }
    }
}

/// Loads the key `path` names. A `.pub` file needs the agent; a private key is used
/// through the agent when the agent holds it, else read (and decrypted) here.
pub(crate) fn load(path: &Path, lang: Lang, io: &mut Io<'_>) -> Result<SigningKey> {
    let display = path.display().to_string();
    let text = super::source::read_utf8(path)?;
    if let Ok(public) = PublicKey::from_openssh(text.trim()) {
        return match agent_holding(public.key_data()) {
            Some(client) => Ok(SigningKey::Agent {
                client: Box::new(client),
                key: public,
            }),
            None => Err(Error::usage(msg!("sign-key-not-in-agent", key = &display))),
        };
    }
    let private = PrivateKey::from_openssh(text.trim()).map_err(|e| {
        Error::usage(msg!(
            "sign-key-unreadable",
            key = &display,
            reason = e.to_string()
        ))
    })?;
    if let Some(client) = agent_holding(private.public_key().key_data()) {
        return Ok(SigningKey::Agent {
            client: Box::new(client),
            key: private.public_key().clone(),
        });
    }
    if !private.is_encrypted() {
        return Ok(SigningKey::File(Box::new(private)));
    }
    if !io.interactive {
        return Err(Error::usage(msg!(
            "sign-passphrase-line-mode",
            key = &display
        )));
    }
    let prompt = lang.format(&msg!("sign-passphrase", key = &display));
    let passphrase = inquire::Password::new(&prompt)
        .without_confirmation()
        .with_display_mode(inquire::PasswordDisplayMode::Hidden)
        .prompt()
        .map_err(|_| Error::usage(msg!("sign-passphrase-none", key = &display)))?;
    let decrypted = private
        .decrypt(passphrase.as_bytes())
        .map_err(|_| Error::usage(msg!("sign-passphrase-wrong", key = &display)))?;
    Ok(SigningKey::File(Box::new(decrypted)))
}

/// A connection to the agent at `SSH_AUTH_SOCK`, if there is one and it holds `key`.
fn agent_holding(key: &ssh_key::public::KeyData) -> Option<Client> {
    let socket = PathBuf::from(std::env::var_os("SSH_AUTH_SOCK")?);
    let mut client = Client::connect(&socket).ok()?;
    let held = client.list_all_identities().ok()?;
    held.iter()
        .any(|identity| <&ssh_key::public::KeyData>::from(identity) == key)
        .then_some(client)
}

/// Signs the report just written at `path` (`run --sign`).
pub(crate) fn sign_file(path: &Path, role: Role, key: &mut SigningKey) -> Result<PathBuf> {
    let (_, bytes) = prepare(path, role)?;
    sign_bytes(path, &bytes, role, key)
}

/// The report's bytes, once it is known to be an untampered opscheck report with no
/// signature of this role yet.
pub(crate) fn prepare(path: &Path, role: Role) -> Result<(PathBuf, Vec<u8>)> {
    let report = super::source::read_report(path)?;
    if !crate::report::verification::digest_matches(&report) {
        return Err(Error::usage(msg!(
            "sign-tampered",
            path = path.display().to_string()
        )));
    }
    let target = role.path(path);
    if std::fs::symlink_metadata(&target).is_ok() {
        return Err(Error::usage(msg!(
            "sign-exists",
            path = target.display().to_string()
        )));
    }
    // Read again as bytes: the signature covers the file exactly as it is.
    let bytes = crate::files::read_bytes(path, crate::files::limits::REPORT_BYTES)?;
    Ok((path.to_owned(), bytes))
}

/// Signs `bytes`, the report at `path`, writing the signature file of `role` beside it.
pub(crate) fn sign_bytes(
    path: &Path,
    bytes: &[u8],
    role: Role,
    key: &mut SigningKey,
) -> Result<PathBuf> {
    if role == Role::Reviewer {
        let inspector = crate::files::read_own(
            &Role::Inspector.path(path),
            crate::files::limits::SIGNATURE_BYTES,
        )
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok());
        let same = inspector
            .as_deref()
            .and_then(|pem| ssh_key::SshSig::from_pem(pem.trim()).ok())
            .is_some_and(|sig| sig.public_key() == key.public_key());
        if same {
            return Err(Error::usage(msg!(
                "sign-reviewer-is-inspector",
                path = path.display().to_string()
            )));
        }
    }
    let pem = key.sign(bytes, path)?;
    let target = role.path(path);
    super::report_store::write_new(&target, pem.as_bytes()).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            Error::usage(msg!("sign-exists", path = target.display().to_string()))
        } else {
            Error::Write {
                path: target.clone(),
                source,
            }
        }
    })?;
    Ok(target)
}
