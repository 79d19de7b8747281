//! Connecting to the team store over rustls, and turning the server's refusals into
//! messages that say what to do (and never show a password).

use std::sync::Arc;

use postgres::error::SqlState;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, RootCertStore, SignatureScheme};

use super::target::{Target, Tls, redact};
use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::msg;

/// Opens a connection as the target says.
pub(crate) fn connect(target: &Target) -> Result<postgres::Client> {
    let tls = tls_config(&target.tls)?;
    let connector = tokio_postgres_rustls::MakeRustlsConnect::new(tls);
    target
        .config
        .connect(connector)
        .map_err(|e| Error::Database(describe(&e, target)))
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn tls_config(tls: &Tls) -> Result<rustls::ClientConfig> {
    let provider = provider();
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Database(msg!("db-tls-ca", path = "", reason = e.to_string())))?;
    let config = match tls {
        Tls::Disable | Tls::Prefer | Tls::Require => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Unverified {
                algorithms: provider.signature_verification_algorithms,
            }))
            .with_no_client_auth(),
        Tls::VerifyCa(ca) | Tls::VerifyFull(ca) => {
            let bad = |reason: String| {
                Error::Database(msg!(
                    "db-tls-ca",
                    path = ca.display().to_string(),
                    reason = reason
                ))
            };
            let mut roots = RootCertStore::empty();
            let certificates = CertificateDer::pem_file_iter(ca).map_err(|e| bad(e.to_string()))?;
            for certificate in certificates {
                roots
                    .add(certificate.map_err(|e| bad(e.to_string()))?)
                    .map_err(|e| bad(e.to_string()))?;
            }
            if roots.is_empty() {
                return Err(bad("no certificate".to_owned()));
            }
            let verifier = rustls::client::WebPkiServerVerifier::builder_with_provider(
                Arc::new(roots),
                provider.clone(),
            )
            .build()
            .map_err(|e| bad(e.to_string()))?;
            if matches!(tls, Tls::VerifyCa(_)) {
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(AnyName(verifier)))
                    .with_no_client_auth()
            } else {
                builder.with_webpki_verifier(verifier).with_no_client_auth()
            }
        }
    };
    Ok(config)
}

/// `sslmode=require`: the channel is encrypted, the certificate taken as it is (as
/// libpq does without a root certificate); the handshake signatures are still checked.
#[derive(Debug)]
struct Unverified {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// `sslmode=verify-ca`: the chain must lead to the CA, whatever name it is for.
#[derive(Debug)]
struct AnyName(Arc<rustls::client::WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::NotValidForName
                | rustls::CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// What went wrong, for the user: the server, user and database named, the password
/// never (the driver's text is redacted too, in case it ever quoted it).
pub(crate) fn describe(error: &postgres::Error, target: &Target) -> Message {
    let password = target
        .config
        .get_password()
        .map(|p| String::from_utf8_lossy(p).into_owned());
    let reason = redact(&error_text(error), password.as_deref());
    let server = target.server.as_str();
    if let Some(db) = error.as_db_error() {
        let code = db.code();
        if *code == SqlState::INVALID_PASSWORD
            || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            return msg!("db-auth-failed", server = server, user = &target.user);
        }
        if *code == SqlState::INVALID_CATALOG_NAME {
            return msg!(
                "db-no-database",
                server = server,
                database = &target.database
            );
        }
        if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            return msg!("db-not-allowed", server = server, user = &target.user)
                .with_detail(msg!("db-server-said", reason = reason));
        }
        if *code == SqlState::ADMIN_SHUTDOWN
            || *code == SqlState::CRASH_SHUTDOWN
            || *code == SqlState::CANNOT_CONNECT_NOW
        {
            return msg!("db-connection-lost", server = server);
        }
        return msg!("db-failed", server = server)
            .with_detail(msg!("db-server-said", reason = reason));
    }
    if error.is_closed() || reason.contains("connection closed") {
        return msg!("db-connection-lost", server = server);
    }
    if reason.contains("error connecting")
        || reason.contains("timed out")
        || reason.contains("Connection refused")
    {
        return msg!("db-unreachable", server = server, reason = reason);
    }
    if reason.contains("tls") || reason.contains("TLS") || reason.contains("certificate") {
        return msg!("db-tls-failed", server = server, reason = reason);
    }
    msg!("db-failed", server = server).with_detail(msg!("db-server-said", reason = reason))
}

/// The error and its causes, on one line.
fn error_text(error: &postgres::Error) -> String {
    use std::error::Error as _;
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        let s_text = s.to_string();
        if !text.contains(&s_text) {
            text.push_str(": ");
            text.push_str(&s_text);
        }
        source = s.source();
    }
    text
}
