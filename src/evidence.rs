//! Evidence: photos and files attached to answers, stored beside the report under
//! their SHA-256 (`DIR/evidence/HEX.EXT`), so identical files are stored once and a
//! changed file is caught by `verify`.

use serde::{Deserialize, Serialize};

/// The folder, beside the reports, that holds the evidence files.
pub const DIR: &str = "evidence";

/// The largest file that can be attached.
pub const MAX_FILE_BYTES: u64 = 20 << 20;

/// The most evidence one report can carry, all files together.
pub const MAX_REPORT_BYTES: u64 = 100 << 20;

/// One attached file, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// `sha256:HEX` of the file's bytes.
    pub sha256: String,
    pub size: u64,
    /// From the content (magic numbers), not the name: `image/jpeg`, `application/pdf`,
    /// `text/plain`, else `application/octet-stream`.
    pub media_type: String,
    /// The file's name when it was attached (no directory).
    pub name: String,
    /// Where it is stored, relative to the report's directory: `evidence/HEX.EXT`.
    pub path: String,
}

impl Evidence {
    /// Describes `bytes` attached under the original file name `name`.
    pub fn describe(bytes: &[u8], name: &str) -> Evidence {
        let hex = crate::digest::sha256_hex(bytes);
        let (media_type, extension) = media_type(bytes);
        Evidence {
            sha256: format!("sha256:{hex}"),
            size: bytes.len() as u64,
            media_type: media_type.to_owned(),
            name: crate::text::line(name).into_owned(),
            path: format!("{DIR}/{hex}.{extension}"),
        }
    }

    /// The hex digest, if `sha256` is well formed.
    pub fn hex(&self) -> Option<&str> {
        let hex = self.sha256.strip_prefix("sha256:")?;
        (hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
        .then_some(hex)
    }

    /// Whether `path` is where this file belongs: `evidence/HEX.EXT` with its own
    /// hash, so that a report cannot point outside its folder.
    pub fn path_is_own(&self) -> bool {
        let Some(hex) = self.hex() else {
            return false;
        };
        let Some(rest) = self
            .path
            .strip_prefix(DIR)
            .and_then(|r| r.strip_prefix('/'))
        else {
            return false;
        };
        let Some(extension) = rest.strip_prefix(hex).and_then(|r| r.strip_prefix('.')) else {
            return false;
        };
        !extension.is_empty()
            && extension.len() <= 8
            && extension
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    }

    /// An image a browser shows safely as a thumbnail (never SVG, which can script).
    pub fn is_image(&self) -> bool {
        matches!(
            self.media_type.as_str(),
            "image/jpeg" | "image/png" | "image/gif" | "image/webp" | "image/bmp" | "image/avif"
        )
    }

    /// Whether `bytes` are this file.
    pub fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() as u64 == self.size
            && self.hex() == Some(crate::digest::sha256_hex(bytes).as_str())
    }
}

/// The media type and file extension of `bytes`, from their content.
fn media_type(bytes: &[u8]) -> (&'static str, &'static str) {
    if let Some(kind) = infer::get(bytes) {
        return (kind.mime_type(), kind.extension());
    }
    if !bytes.is_empty() && std::str::from_utf8(bytes).is_ok() {
        return ("text/plain", "txt");
    }
    ("application/octet-stream", "bin")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
    ];

    #[test]
    fn the_media_type_comes_from_the_content_not_the_name() {
        let png = Evidence::describe(PNG, "photo.jpg");
        assert_eq!(png.media_type, "image/png");
        assert!(png.path.ends_with(".png"));
        assert!(png.is_image());
        let text = Evidence::describe("见附件\n".as_bytes(), "photo.jpg");
        assert_eq!(text.media_type, "text/plain");
        assert!(!text.is_image());
        let binary = Evidence::describe(&[0xff, 0xfe, 0x00, 0x81], "x");
        assert_eq!(binary.media_type, "application/octet-stream");
    }

    #[test]
    fn the_path_is_the_hash_and_nothing_else() {
        let e = Evidence::describe(PNG, "p.png");
        assert!(e.path_is_own());
        assert_eq!(e.path, format!("evidence/{}.png", e.hex().unwrap()));
        for path in [
            "../etc/passwd".to_owned(),
            format!("evidence/../{}.png", e.hex().unwrap()),
            format!("evidence/{}.png/x", e.hex().unwrap()),
            format!("evidence/{}.", e.hex().unwrap()),
            format!("/evidence/{}.png", e.hex().unwrap()),
            "evidence/0000.png".to_owned(),
        ] {
            let other = Evidence { path, ..e.clone() };
            assert!(!other.path_is_own(), "{}", other.path);
        }
    }

    #[test]
    fn matches_only_the_same_bytes() {
        let e = Evidence::describe(b"abc", "a.txt");
        assert!(e.matches(b"abc"));
        assert!(!e.matches(b"abd"));
        assert_eq!(e.name, "a.txt");
        let hostile = Evidence::describe(b"abc", "a\u{1b}[31m.txt");
        assert_eq!(hostile.name, "a[31m.txt");
    }
}
