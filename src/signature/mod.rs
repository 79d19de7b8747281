//! Signed reports: SSHSIG signatures (`ssh-keygen -Y sign -n opscheck`) over a report
//! file's exact bytes, kept beside it, and their check against `allowed_signers`.
//!
//! A report is never rewritten to be signed: the inspector's signature is
//! `REPORT.json.sig`, a reviewer's `REPORT.json.reviewer.sig`.

pub mod allowed;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ssh_key::{HashAlg, LineEnding, PublicKey, SshSig};

pub use allowed::{AllowedSigners, Standing};

/// The SSHSIG namespace: a signature made for git or for files is not one of ours.
pub const NAMESPACE: &str = "opscheck";

/// Who signs: the inspector at sign-off, a reviewer after reading the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Inspector,
    Reviewer,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Inspector, Role::Reviewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Inspector => "inspector",
            Role::Reviewer => "reviewer",
        }
    }

    /// Where this role's signature of `report` is kept.
    pub fn path(self, report: &Path) -> PathBuf {
        let mut name = report.as_os_str().to_owned();
        name.push(match self {
            Role::Inspector => ".sig",
            Role::Reviewer => ".reviewer.sig",
        });
        PathBuf::from(name)
    }
}

/// The PEM text of a signature made by `key` over `bytes`, as `ssh-keygen -Y sign`
/// writes it (SHA-512).
pub fn sign(key: &ssh_key::PrivateKey, bytes: &[u8]) -> Result<String, ssh_key::Error> {
    if let ssh_key::private::KeypairData::Rsa(pair) = key.key_data() {
        let raw = sign_rsa(pair, &signed_data(bytes))?;
        return assemble(key.public_key(), raw);
    }
    key.sign(NAMESPACE, HashAlg::Sha512, bytes)?
        .to_pem(LineEnding::LF)
}

/// `rsa-sha2-512` over `data`. ssh-key 0.6.7 cannot sign with RSA: it builds the
/// private key from the prime `p` twice instead of `p` and `q`.
fn sign_rsa(
    pair: &ssh_key::private::RsaKeypair,
    data: &[u8],
) -> Result<ssh_key::Signature, ssh_key::Error> {
    use rsa::signature::{SignatureEncoding, Signer};
    let int = |m: &ssh_key::Mpint| {
        m.as_positive_bytes()
            .map(rsa::BigUint::from_bytes_be)
            .ok_or(ssh_key::Error::Crypto)
    };
    let private = rsa::RsaPrivateKey::from_components(
        int(&pair.public.n)?,
        int(&pair.public.e)?,
        int(&pair.private.d)?,
        vec![int(&pair.private.p)?, int(&pair.private.q)?],
    )
    .map_err(|_| ssh_key::Error::Crypto)?;
    let signer = rsa::pkcs1v15::SigningKey::<rsa::sha2::Sha512>::new(private);
    let signature = signer.try_sign(data).map_err(|_| ssh_key::Error::Crypto)?;
    ssh_key::Signature::new(
        ssh_key::Algorithm::Rsa {
            hash: Some(HashAlg::Sha512),
        },
        signature.to_vec(),
    )
}

/// What a signer (an agent) must sign so that [`assemble`] makes an SSHSIG of `bytes`.
pub fn signed_data(bytes: &[u8]) -> Vec<u8> {
    SshSig::signed_data(NAMESPACE, HashAlg::Sha512, bytes).expect("the namespace is not empty")
}

/// The PEM text of a signature an agent made over [`signed_data`].
pub fn assemble(key: &PublicKey, signature: ssh_key::Signature) -> Result<String, ssh_key::Error> {
    SshSig::new(
        key.key_data().clone(),
        NAMESPACE,
        HashAlg::Sha512,
        signature,
    )?
    .to_pem(LineEnding::LF)
}

/// A valid signature beside a report, for the rendered report to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Signer {
    pub role: Role,
    /// The principal from `allowed_signers`, else the key's fingerprint.
    pub name: String,
}

/// What one signature file says about one report.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Valid over the report's bytes, by a key `allowed_signers` allows.
    Signed {
        principals: String,
        fingerprint: String,
    },
    /// Valid over the report's bytes, but by a key `allowed_signers` does not list.
    UnknownKey { fingerprint: String },
    /// Valid, by a listed key whose `namespaces=` excludes `opscheck`.
    OtherNamespace {
        principals: String,
        fingerprint: String,
    },
    /// Valid, by a listed key outside its `valid-after`/`valid-before`.
    NotValidNow {
        principals: String,
        fingerprint: String,
    },
    /// Not an SSH signature at all.
    Damaged(String),
    /// An SSH signature made for another purpose (`git`, `file`).
    WrongNamespace(String),
    /// The signature does not match these bytes.
    Mismatch { fingerprint: String },
}

impl Check {
    /// Whether this is a good signature by an allowed key.
    pub fn is_signed(&self) -> bool {
        matches!(self, Check::Signed { .. })
    }
}

/// The signature's key fingerprint, `SHA256:…`, as `ssh-keygen -l` shows it.
pub fn fingerprint(key: &ssh_key::public::KeyData) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// Checks the signature text `pem` over `bytes`. With no `allowed`, any valid
/// signature counts as signed by its key's fingerprint.
pub fn check(
    pem: &str,
    bytes: &[u8],
    allowed: Option<&AllowedSigners>,
    now: DateTime<Utc>,
) -> Check {
    let signature = match SshSig::from_pem(pem.trim()) {
        Ok(signature) => signature,
        Err(e) => return Check::Damaged(e.to_string()),
    };
    if signature.namespace() != NAMESPACE {
        return Check::WrongNamespace(signature.namespace().to_owned());
    }
    let fingerprint = fingerprint(signature.public_key());
    let key = PublicKey::new(signature.public_key().clone(), "");
    if key.verify(NAMESPACE, bytes, &signature).is_err() {
        return Check::Mismatch { fingerprint };
    }
    let Some(allowed) = allowed else {
        return Check::Signed {
            principals: fingerprint.clone(),
            fingerprint,
        };
    };
    match allowed.standing(signature.public_key(), NAMESPACE, now) {
        Standing::Allowed { principals } => Check::Signed {
            principals,
            fingerprint,
        },
        Standing::OtherNamespace { principals } => Check::OtherNamespace {
            principals,
            fingerprint,
        },
        Standing::NotValidNow { principals } => Check::NotValidNow {
            principals,
            fingerprint,
        },
        Standing::Unknown => Check::UnknownKey { fingerprint },
    }
}

/// Whether the signature text `pem` is valid over `bytes`, whoever made it.
pub fn matches(pem: &str, bytes: &[u8]) -> bool {
    matches!(check(pem, bytes, None, Utc::now()), Check::Signed { .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> ssh_key::PrivateKey {
        // A fixed seed: the test needs no random source.
        let seed = [7u8; 32];
        let pair = ssh_key::private::Ed25519Keypair::from_seed(&seed);
        ssh_key::PrivateKey::new(pair.into(), "test").unwrap()
    }

    fn allowed_for(key: &ssh_key::PrivateKey, principal: &str) -> AllowedSigners {
        let line = format!("{principal} {}", key.public_key().to_openssh().unwrap());
        AllowedSigners::parse(&line).unwrap()
    }

    #[test]
    fn a_signature_verifies_over_its_bytes_only() {
        let key = key();
        let pem = sign(&key, b"report").unwrap();
        assert!(pem.starts_with("-----BEGIN SSH SIGNATURE-----\n"));
        let allowed = allowed_for(&key, "alice@example.com");
        let now = Utc::now();
        assert!(matches!(
            check(&pem, b"report", Some(&allowed), now),
            Check::Signed { principals, .. } if principals == "alice@example.com"
        ));
        assert!(matches!(
            check(&pem, b"report!", Some(&allowed), now),
            Check::Mismatch { .. }
        ));
        assert!(matches!(
            check("junk", b"report", None, now),
            Check::Damaged(_)
        ));
    }

    #[test]
    fn an_unlisted_key_is_not_signed() {
        let key = key();
        let pem = sign(&key, b"report").unwrap();
        let other = ssh_key::PrivateKey::new(
            ssh_key::private::Ed25519Keypair::from_seed(&[9u8; 32]).into(),
            "",
        )
        .unwrap();
        let allowed = allowed_for(&other, "bob");
        let check = check(&pem, b"report", Some(&allowed), Utc::now());
        assert_eq!(
            check,
            Check::UnknownKey {
                fingerprint: fingerprint(key.public_key().key_data())
            }
        );
    }

    #[test]
    fn an_agent_signature_is_the_same_format() {
        let key = key();
        let made = key.sign(NAMESPACE, HashAlg::Sha512, b"r").unwrap();
        let pem = assemble(key.public_key(), made.signature().clone()).unwrap();
        assert_eq!(pem, sign(&key, b"r").unwrap(), "ed25519 is deterministic");
    }

    #[test]
    fn role_paths_sit_beside_the_report() {
        let report = Path::new("reports/r.json");
        assert_eq!(
            Role::Inspector.path(report),
            Path::new("reports/r.json.sig")
        );
        assert_eq!(
            Role::Reviewer.path(report),
            Path::new("reports/r.json.reviewer.sig")
        );
    }
}
