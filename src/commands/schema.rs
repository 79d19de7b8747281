//! `opscheck schema`: the JSON Schema of the template format, from the Rust types.

use crate::error::Stream as _;
use crate::template::file::TemplateFile;
use crate::{Io, Outcome, Result};

/// The schema as committed in `checklists/schema.json`.
pub(crate) fn to_json() -> String {
    let schema = schemars::schema_for!(TemplateFile);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    text.push('\n');
    text
}

pub(crate) fn execute(io: &mut Io<'_>) -> Result<Outcome> {
    io.stdout.write_all(to_json().as_bytes()).on_stdout()?;
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_schema_is_current() {
        let committed = include_str!("../../checklists/schema.json");
        assert!(
            committed == super::to_json(),
            "checklists/schema.json is stale: run `cargo run -- schema > checklists/schema.json`"
        );
    }
}
