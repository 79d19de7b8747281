//! Extreme values that are still valid TOML: `validate` judges them like any other
//! value. It never panics, and never passes a template no answer could satisfy.

use crate::common;

use common::{opscheck, output};

/// A template with one item whose kind-specific lines are `item`.
fn template(item: &str) -> String {
    format!(
        r#"format = 1
id = "mini"
title = "Mini inspection"
version = "1.0.0"
language = "en"

[[sections]]
id = "site"
title = "Site"

[[sections.items]]
id = "measure"
text = "What is the reading?"
guidance = "Read the meter."
{item}
"#
    )
}

/// Line of `needle` in the text, 1-based.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|line| line.contains(needle))
        .expect("needle is in the template")
        + 1
}

/// `opscheck validate template.toml` on the text: exit code and stderr.
fn validate(text: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::write(dir.path().join("template.toml"), text).expect("template written");
    let out = output(
        opscheck()
            .current_dir(dir.path())
            .args(["validate", "template.toml"]),
    );
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A scale over the whole `i64` range gets a verdict (valid, or an error at the scale),
/// not a crash.
#[test]
fn scale_over_the_whole_integer_range_does_not_panic() {
    let text = template(&format!(
        "kind = \"scale\"\nmin = {}\nmax = {}",
        i64::MIN,
        i64::MAX
    ));
    let (code, stderr) = validate(&text);
    assert!(
        matches!(code, Some(0 | 1)) && !stderr.contains("panicked"),
        "exit {code:?}\n{stderr}"
    );
}

/// A number target bound of `nan` can never be met, so every answer would fail: the user
/// gets an error at that line, as for a `nan` weight.
#[test]
fn nan_number_target_is_an_error() {
    for target in ["target = { min = nan }", "target = { max = nan }"] {
        let text = template(&format!("kind = \"number\"\n{target}"));
        let (code, stderr) = validate(&text);
        let at = format!("template.toml:{}:", line_of(&text, target));
        assert!(
            code == Some(1) && stderr.contains(&at),
            "`{target}`: exit {code:?}, expected 1 with an error at {at}\n{stderr}"
        );
    }
}
