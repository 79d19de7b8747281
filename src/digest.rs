//! SHA-256 digests as lowercase hex, as reports and drafts name templates and contents.

use std::fmt::Write;

use sha2::{Digest, Sha256};

/// The SHA-256 of `bytes`, 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    to_hex(&Sha256::digest(bytes))
}

/// Bytes as lowercase hex, two digits each.
pub fn to_hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(2 * bytes.len());
    for b in bytes {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex("检查".as_bytes()),
            "978e275133d14c1c4f0dc2f157804b8b8cf9e65973d2e859778b896c1a963080"
        );
        assert_eq!(to_hex(&[0, 15, 255]), "000fff");
    }
}
