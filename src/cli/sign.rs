//! Command-line arguments of signing: `sign`, and the signature options of `verify`
//! and `summary`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

pub const SIGN_HELP: &str = "\
sign writes REPORT.json.sig (a reviewer's: REPORT.json.reviewer.sig) beside each report, in
the SSHSIG format of `ssh-keygen -Y sign -n opscheck`, over the report file's exact bytes.
The report itself is never rewritten, and an existing signature is never overwritten.

KEY is an OpenSSH private key file, or its .pub file when the private key is in ssh-agent.
When ssh-agent (SSH_AUTH_SOCK) holds the key, it signs and no passphrase is asked; else a
passphrase-protected key asks for its passphrase on the terminal (never from a pipe).
The key never leaves the machine.

Check signatures with `opscheck verify --allowed-signers FILE` (git's format:
`PRINCIPAL [namespaces=\"opscheck\"] KEYTYPE KEY`), or with ssh-keygen:
  ssh-keygen -Y verify -n opscheck -f allowed_signers -I PRINCIPAL -s REPORT.json.sig < REPORT.json

Examples:
  opscheck sign reports/2026-11-29-ops-inspection-store-12.json --key ~/.ssh/id_ed25519
  opscheck sign reports/*.json --key ~/.ssh/id_ed25519.pub --role reviewer
  opscheck run --subject \"Store 12\" --inspector \"Li Wei\" --sign ~/.ssh/id_ed25519

Exit codes:
  0    every report signed
  2    unreadable or tampered report, signature already there, or unusable key";

#[derive(Debug, Args)]
pub struct SignArgs {
    /// Reports to sign
    #[arg(required = true, value_name = "REPORT")]
    pub reports: Vec<PathBuf>,

    /// The SSH key: a private key file, or a .pub whose private key is in ssh-agent
    #[arg(long, short, value_name = "KEY", env = "OPSCHECK_SIGNING_KEY")]
    pub key: PathBuf,

    /// Sign as the inspector (REPORT.json.sig) or as a reviewer (REPORT.json.reviewer.sig)
    #[arg(long, value_enum, default_value = "inspector")]
    pub role: SignRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SignRole {
    Inspector,
    Reviewer,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Signatures")]
pub struct VerifySignatureArgs {
    /// Check REPORT.json.sig (and a reviewer's) against git's allowed_signers FILE
    #[arg(long, value_name = "FILE")]
    pub allowed_signers: Option<PathBuf>,

    /// Exit 1 when a report has no inspector signature
    #[arg(long, requires = "allowed_signers")]
    pub require_signature: bool,
}

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Signatures")]
pub struct SummarySignatureArgs {
    /// Only reports with a valid inspector signature (REPORT.json.sig)
    #[arg(long)]
    pub signed: bool,

    /// Only reports with a valid reviewer signature (REPORT.json.reviewer.sig)
    #[arg(long)]
    pub reviewed: bool,

    /// With --signed/--reviewed: only signatures by keys in this allowed_signers file
    #[arg(long, value_name = "FILE")]
    pub allowed_signers: Option<PathBuf>,
}
